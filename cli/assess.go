package cli

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"strconv"

	"github.com/spf13/cobra"

	"achilles/assessment"
	"achilles/catalog"
	q "achilles/questionnaire"
)

type assessOptions struct {
	answersFile string
	answers     []string
	format      string
	batch       bool
}

func newAssess(env Env, g *globals) *cobra.Command {
	o := &assessOptions{}
	cmd := &cobra.Command{
		Use:   "assess",
		Short: "Assess a set of answers without the interactive questionnaire",
		Long: `Reads answers (question ID to value; see "achilles questions") and prints the
assessment: the estimate, how urgently to get care, what to do, and why.
Questions left out count as unknown and move nothing.`,
		Example: `  achilles assess --answer onset=sudden --answer pop=yes --answer thompson=positive
  achilles assess --answers answers.json --format json
  echo '{"tiptoe": "cannot"}' | achilles assess --answers - --format markdown
  achilles assess --batch < cases.jsonl > results.jsonl`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if o.batch && !cmd.Flags().Changed("format") {
				o.format = "json"
			}
			return o.run(cmd.Context(), env, g)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.answersFile, "answers", "", "read a JSON object of answers from `FILE` (- for stdin)")
	f.StringArrayVar(&o.answers, "answer", nil, "set one answer, as `ID=VALUE`; repeatable; overrides --answers")
	f.StringVar(&o.format, "format", "text", "output format: text, markdown or json")
	f.BoolVar(&o.batch, "batch", false, "read JSON Lines of answers on stdin, write one JSON assessment per line")
	return cmd
}

func (o *assessOptions) run(ctx context.Context, env Env, g *globals) error {
	switch o.format {
	case "text", "markdown", "json":
	default:
		return usagef("--format %q is not allowed; allowed: text, markdown, json", o.format)
	}
	cat, err := language(env, g)
	if err != nil {
		return err
	}
	var overrides q.Answers
	for _, s := range o.answers {
		if err := overrides.ParseAssignment(s); err != nil {
			return usagef("--answer %s: %w", s, err)
		}
	}
	if o.batch {
		if o.format != "json" {
			return usagef("--batch writes JSON Lines: --format must be json, not %q", o.format)
		}
		if o.answersFile != "" {
			return usagef("--batch reads its answers from stdin, one object per line: --answers cannot be used with it")
		}
		return batch(ctx, env, cat, overrides)
	}

	var a q.Answers
	if o.answersFile != "" {
		in, err := openInput(env, o.answersFile)
		if err != nil {
			return err
		}
		name := o.answersFile
		if name == "-" {
			name = "stdin"
		}
		data, err := readAll(in, q.MaxDocument, "--answers "+name)
		in.Close()
		if err != nil {
			return err
		}
		a, err = q.ParseAnswers(data)
		if err != nil {
			return usagef("--answers %s: %w", name, err)
		}
	}
	a.Merge(overrides)

	rep := assessment.NewReport(assessment.Assess(a), cat, assessment.Options{})
	// Render everything before writing anything, so that a failure leaves
	// nothing half-written on stdout.
	var out bytes.Buffer
	switch o.format {
	case "json":
		err = rep.WriteJSON(&out)
	case "markdown":
		err = rep.WriteMarkdown(&out, assessment.MarkdownOptions{Now: env.Now(), Version: Version})
	default:
		err = rep.WriteText(&out, assessment.TextOptions{Styled: colour(env, g)})
	}
	if err != nil {
		return err
	}
	_, err = env.Stdout.Write(out.Bytes())
	return err
}

// batch assesses one answers object per line of stdin. A bad line gets an
// error object in its place and the batch goes on; the exit code is then 2.
func batch(ctx context.Context, env Env, cat *catalog.Catalog, overrides q.Answers) error {
	in := bufio.NewReaderSize(env.Stdin, 64<<10)
	out := bufio.NewWriterSize(env.Stdout, 64<<10)
	buf := make([]byte, 0, 8192)
	bad, lineNo := 0, 0
	for {
		if lineNo%1024 == 0 && ctx.Err() != nil {
			out.Flush()
			return ctx.Err()
		}
		line, tooLong, err := readLine(in)
		if err == io.EOF && line == nil {
			break
		}
		if err != nil && err != io.EOF {
			out.Flush()
			return fmt.Errorf("reading stdin: %w", err)
		}
		lineNo++
		buf = buf[:0]
		var lineErr error
		if tooLong {
			lineErr = fmt.Errorf("line is over the limit of 1 MiB")
		} else if len(bytes.TrimSpace(line)) == 0 {
			lineErr = fmt.Errorf("empty line; expected a JSON object of answers")
		}
		var a q.Answers
		if lineErr == nil {
			a, lineErr = q.ParseAnswers(line)
		}
		if lineErr != nil {
			bad++
			buf = append(buf, `{"line":`...)
			buf = strconv.AppendInt(buf, int64(lineNo), 10)
			buf = append(buf, `,"error":`...)
			buf = strconv.AppendQuote(buf, lineErr.Error())
			buf = append(buf, "}\n"...)
		} else {
			a.Merge(overrides)
			rep := assessment.NewReport(assessment.Assess(a), cat, assessment.Options{})
			buf = rep.AppendJSON(buf)
			buf = append(buf, '\n')
		}
		if _, err := out.Write(buf); err != nil {
			return err
		}
		if err == io.EOF {
			break
		}
	}
	if err := out.Flush(); err != nil {
		return err
	}
	if bad > 0 {
		fmt.Fprintf(env.Stderr, "achilles: %d of %d lines were not valid answers; each has an error object in the output\n", bad, lineNo)
		return errBatchLines
	}
	return nil
}

// readLine reads one line without its newline. A line over the 1 MiB limit
// is consumed and reported as too long rather than held in memory.
func readLine(r *bufio.Reader) (line []byte, tooLong bool, err error) {
	var acc []byte
	for {
		chunk, err := r.ReadSlice('\n')
		if len(acc)+len(chunk) > q.MaxDocument+1 {
			tooLong = true
			acc = acc[:0]
		} else if !tooLong {
			if acc == nil && err == nil {
				return bytes.TrimSuffix(bytes.TrimSuffix(chunk, []byte("\n")), []byte("\r")), false, nil
			}
			acc = append(acc, chunk...)
		}
		switch err {
		case bufio.ErrBufferFull:
			continue
		case nil:
			return bytes.TrimSuffix(bytes.TrimSuffix(acc, []byte("\n")), []byte("\r")), tooLong, nil
		case io.EOF:
			if len(acc) == 0 && !tooLong {
				return nil, false, io.EOF
			}
			return acc, tooLong, io.EOF
		default:
			return nil, false, err
		}
	}
}

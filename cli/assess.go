package cli

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"sync"

	"github.com/spf13/cobra"

	"achilles/assessment"
	"achilles/cases"
	"achilles/catalog"
	q "achilles/questionnaire"
)

type assessOptions struct {
	answersFile string
	answers     []string
	format      string
	batch       bool
	caseID      string
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
  achilles assess --batch < cases.jsonl > results.jsonl
  achilles assess --case missed --answer thompson=negative`,
		Args: noArgs,
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
	f.StringVar(&o.caseID, "case", "", "start from the answers of a course `CASE` (see achilles demo --list); --answers and --answer change them")
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
	var a q.Answers
	if o.caseID != "" {
		c, ok := cases.Get(o.caseID)
		if !ok {
			return usageError{fmt.Errorf("--case: %w", cases.UnknownError(o.caseID))}
		}
		a = c.Answers
	}
	if o.batch {
		if o.caseID != "" {
			return usagef("--batch reads every answers object from stdin: --case cannot be used with it")
		}
		if o.format != "json" {
			return usagef("--batch writes JSON Lines: --format must be json, not %q", o.format)
		}
		if o.answersFile != "" {
			return usagef("--batch reads its answers from stdin, one object per line: --answers cannot be used with it")
		}
		return batch(ctx, env, cat, assessment.Options{Emergency: emergency(env, g, cat)}, overrides)
	}

	if o.answersFile != "" {
		in, err := openInput(ctx, env, o.answersFile)
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
		file, err := q.ParseAnswers(data)
		if err != nil {
			return usagef("--answers %s: %w", name, err)
		}
		a.Merge(file)
	}
	a.Merge(overrides)

	rep := assessment.NewReport(assessment.Assess(a), cat, assessment.Options{Emergency: emergency(env, g, cat)})
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
//
// Lines are read in blocks; each block is split between one goroutine per
// core and the results are written in input order.
func batch(ctx context.Context, env Env, cat *catalog.Catalog, opts assessment.Options, overrides q.Answers) error {
	in := bufio.NewReaderSize(ctxReader{ctx, env.Stdin}, 64<<10)
	out := bufio.NewWriterSize(env.Stdout, 64<<10)
	workers := max(1, runtime.GOMAXPROCS(0))
	const perWorker = 512
	var (
		arena []byte // the block's lines, end to end
		ends  []int  // where each line ends in arena
		long  []bool // lines over the 1 MiB limit
		outs  = make([][]byte, workers)
		bads  = make([]int, workers)
	)
	bad, lineNo, eof := 0, 0, false
	for !eof {
		if err := ctx.Err(); err != nil {
			out.Flush()
			return err
		}
		arena, ends, long = arena[:0], ends[:0], long[:0]
		for len(ends) < perWorker*workers {
			line, tooLong, err := readLine(in)
			if err != nil && err != io.EOF {
				out.Flush()
				if ctx.Err() != nil {
					return ctx.Err()
				}
				return fmt.Errorf("reading stdin: %w", err)
			}
			if err == io.EOF {
				eof = true
				if line == nil && !tooLong {
					break
				}
			}
			arena = append(arena, line...)
			ends = append(ends, len(arena))
			long = append(long, tooLong)
			if eof || in.Buffered() == 0 {
				// Nothing more is waiting: assess what has arrived rather
				// than wait for a full block, so that a slow producer
				// sees its results as it goes.
				break
			}
		}
		n := len(ends)
		if n == 0 {
			break
		}
		per := (n + workers - 1) / workers
		var wg sync.WaitGroup
		for w := 0; w < workers; w++ {
			lo, hi := min(n, w*per), min(n, (w+1)*per)
			outs[w], bads[w] = outs[w][:0], 0
			wg.Go(func() {
				for i := lo; i < hi; i++ {
					start := 0
					if i > 0 {
						start = ends[i-1]
					}
					var ok bool
					outs[w], ok = assessLine(outs[w], arena[start:ends[i]], long[i], lineNo+i+1, cat, opts, overrides)
					if !ok {
						bads[w]++
					}
				}
			})
		}
		wg.Wait()
		for w := 0; w < workers; w++ {
			bad += bads[w]
			if _, err := out.Write(outs[w]); err != nil {
				return err
			}
		}
		lineNo += n
		if in.Buffered() == 0 {
			if err := out.Flush(); err != nil {
				return err
			}
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

// assessLine appends the JSON line for one batch line: the assessment, or
// an error object naming the line. It reports whether the line was valid.
func assessLine(buf, line []byte, tooLong bool, lineNo int, cat *catalog.Catalog, opts assessment.Options, overrides q.Answers) ([]byte, bool) {
	var err error
	var a q.Answers
	switch {
	case tooLong:
		err = fmt.Errorf("line is over the limit of 1 MiB")
	case len(bytes.TrimSpace(line)) == 0:
		err = fmt.Errorf("empty line; expected a JSON object of answers")
	default:
		a, err = q.ParseAnswers(line)
	}
	if err != nil {
		buf = append(buf, `{"line":`...)
		buf = strconv.AppendInt(buf, int64(lineNo), 10)
		buf = append(buf, `,"error":`...)
		buf = assessment.AppendJSONString(buf, err.Error())
		return append(buf, "}\n"...), false
	}
	a.Merge(overrides)
	rep := assessment.NewReport(assessment.Assess(a), cat, opts)
	buf = rep.AppendJSON(buf)
	return append(buf, '\n'), true
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

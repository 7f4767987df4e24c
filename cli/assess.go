package cli

import (
	"bytes"
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"achilles/assessment"
	"achilles/cases"
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
		file, err := readAnswersFile(ctx, env, o.answersFile)
		if err != nil {
			return err
		}
		a.Merge(file)
	}
	a.Merge(overrides)
	if err := a.Consistent(); err != nil {
		return usageError{err}
	}

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

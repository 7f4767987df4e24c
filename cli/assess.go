package cli

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"achilles/assessment"
	"achilles/catalog"
	"achilles/report"
)

// assessCmd is achilles assess: answers in, assessment out.
type assessCmd struct {
	g       *globals
	answers answerFlags
	format  formatFlag
	batch   bool
}

func newAssess(env Env, g *globals) *cobra.Command {
	o := &assessCmd{g: g}
	cmd := &cobra.Command{
		Use:   "assess",
		Short: "Assess answers without the questionnaire",
		Long: `Reads answers (question ID to value; see "achilles questions") and prints the
assessment: the estimate, how urgently to get care, what to do, and why.
Questions left out count as unknown and move nothing.`,
		Example: `  achilles assess --answer pop=yes --answer thompson=positive
  achilles assess --answers answers.json --format json
  echo '{"tiptoe": "cannot"}' | achilles assess --answers - --format markdown
  achilles assess --batch < cases.jsonl > results.jsonl
  achilles assess --case missed --answer thompson=negative`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if o.batch && !cmd.Flags().Changed("format") {
				o.format.value = "json"
			}
			return o.run(cmd.Context(), env)
		},
	}
	f := cmd.Flags()
	o.answers.register(f, "--answers", "; --answers and --answer change them")
	o.format.register(f, "text", "", "text", "markdown", "json")
	f.BoolVar(&o.batch, "batch", false, "read JSON Lines of answers on stdin, write one JSON assessment per line")
	return cmd
}

func (o *assessCmd) run(ctx context.Context, env Env) error {
	cat, err := o.format.language(env, o.g)
	if err != nil {
		return err
	}
	if o.batch {
		return o.runBatch(ctx, env, cat)
	}
	a, err := o.answers.resolve(ctx, env, cat)
	if err != nil {
		return err
	}

	rep := assessment.NewReport(assessment.Assess(a), cat, reportOptions(env, o.g, cat))
	// Render everything before writing anything, so that a failure leaves
	// nothing half-written on stdout.
	var out []byte
	switch o.format.value {
	case "json":
		out = append(rep.AppendJSON(make([]byte, 0, 4096)), '\n')
	case "markdown":
		out = []byte(report.Markdown(&rep, report.MarkdownOptions{Now: env.Now(), Version: Version}))
	default:
		out = []byte(report.Text(&rep, report.TextOptions{Styled: colour(env, o.g)}))
	}
	if _, err := env.Stdout.Write(out); err != nil {
		return err
	}
	warnUnchecked(env.Stderr, cat, &rep.Result)
	return nil
}

// warnUnchecked warns on stderr when nothing was answered, and when
// emergency signs were not checked, as the report itself says. The exit
// code stays 0: an assessment of few answers is still valid. --batch warns
// nothing, line by line; its JSON holds the answers assessed.
func warnUnchecked(w io.Writer, cat *catalog.Catalog, r *assessment.Result) {
	if r.Answers.Len() == 0 {
		fmt.Fprintln(w, "achilles: "+cat.T("cli.warn.no_answers"))
	}
	flags := r.RedFlagsUnchecked()
	if len(flags) == 0 {
		return
	}
	ids := make([]string, len(flags))
	for i, f := range flags {
		ids[i] = f.ID()
	}
	fmt.Fprintln(w, "achilles: "+cat.F("cli.warn.unchecked", "ids", strings.Join(ids, ", ")))
}

// runBatch assesses JSON Lines of answers from stdin, each with the
// --answer flags over it.
func (o *assessCmd) runBatch(ctx context.Context, env Env, cat *catalog.Catalog) error {
	_, overrides, err := o.answers.given(cat)
	switch {
	case err != nil:
		return err
	case o.answers.caseID != "":
		return usagef("--batch reads every answers object from stdin: --case cannot be used with it")
	case o.format.value != "json":
		return usagef("--batch writes JSON Lines: --format must be json, not %q", o.format.value)
	case o.answers.file != "":
		return usagef("--batch reads its answers from stdin, one object per line: --answers cannot be used with it")
	}
	return batch(ctx, env, cat, reportOptions(env, o.g, cat), overrides)
}

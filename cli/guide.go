package cli

import (
	"context"

	"github.com/spf13/cobra"

	"achilles/assessment"
	"achilles/report"
)

// guideCmd is achilles guide: "what happens next" on its own, for someone
// already diagnosed or choosing a treatment (docs/care.md).
type guideCmd struct {
	g      *globals
	format formatFlag
}

func newGuide(env Env, g *globals) *cobra.Command {
	o := &guideCmd{g: g}
	cmd := &cobra.Command{
		Use:   "guide",
		Short: "After diagnosis: treatment, recovery, PRP",
		Long: `Prints what happens after a ruptured Achilles tendon is diagnosed: an
operation or a boot, with the figures and their sources; what recovery looks
like; what the trials showed for PRP and stem-cell injections; blood clots and
driving; and the questions to take to the appointment. It recommends no
treatment. --region picks the rules on stem-cell products (US, HK).`,
		Example: `  achilles guide
  achilles guide --region HK --lang zh-Hant
  achilles guide --format markdown > questions.md`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return o.run(cmd.Context(), env) },
	}
	o.format.register(cmd.Flags(), "text", "", "text", "markdown")
	return cmd
}

func (o *guideCmd) run(_ context.Context, env Env) error {
	cat, err := o.format.language(env, o.g)
	if err != nil {
		return err
	}
	care := assessment.CareOptions{Region: classRegion(env, o.g), Emergency: emergency(env, o.g, cat)}
	var out string
	if o.format.value == "markdown" {
		out = report.GuideMarkdown(cat, care)
	} else {
		out = report.GuideText(cat, care, report.TextOptions{Styled: colour(env, o.g)})
	}
	_, err = env.Stdout.Write([]byte(out))
	return err
}

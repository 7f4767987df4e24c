package cli

import (
	"context"
	"strconv"

	"github.com/spf13/cobra"

	"achilles/assessment"
	"achilles/cases"
	"achilles/clublog"
	"achilles/reportfile"
	"achilles/ui"
)

// interactiveCmd is the questionnaire (achilles, and achilles demo ID,
// which shares its flags).
type interactiveCmd struct {
	g          *globals
	teach      bool
	noSummary  bool
	accessible bool
	// caseID names a course case to demonstrate, or is empty.
	caseID string
}

func (s *interactiveCmd) flags(cmd *cobra.Command) {
	f := cmd.PersistentFlags()
	f.BoolVar(&s.teach, "teach", false, "show the teaching overlay: the running estimate and what moved it")
	f.BoolVar(&s.noSummary, "no-summary", false, "print no plain-text summary when the questionnaire ends")
	f.BoolVar(&s.accessible, "accessible", false, "ask the questions as plain numbered prompts (screen readers, TERM=dumb, pipes)")
}

// run runs the questionnaire: as plain prompts with --accessible, else on
// the terminal.
func (s *interactiveCmd) run(ctx context.Context, env Env) error {
	g, caseID := s.g, s.caseID
	cat, err := language(env, g)
	if err != nil {
		return err
	}
	opts := ui.Options{
		Catalog:   cat,
		Emergency: emergency(env, g, cat),
		Advice:    advice(env, g, cat),
		Region:    classRegion(env, g),
		Teach:     s.teach,
		NoColor:   g.noColor || env.Getenv("NO_COLOR") != "",
		Case:      caseID,
		// Reports are saved in the current directory.
		SaveReport: reportfile.Saver("", env.Now, Version),
		// The club log is opened only when the trainer saves to it, so a
		// damaged or locked log never stands between a person and the
		// questionnaire.
		SaveToLog: func(athlete, team string, rep *assessment.Report) (string, error) {
			l, err := openClubLog(env, g, cat)
			if err != nil {
				return "", err
			}
			defer l.Close()
			rec := clublog.NewRecord(rep, athlete, team, env.Now())
			rec.Practice = caseID != "" // a course case is practice
			id, err := l.Add(context.Background(), rec)
			if err != nil {
				return "", refused(cat, l.Path(), err)
			}
			return strconv.FormatInt(id, 10), nil
		},
	}
	if s.accessible {
		if c, ok := cases.Get(caseID); ok {
			// Plain prompts offer the answer already given on Enter:
			// the case's answers are stepped through one Enter at a time.
			opts.Answers = c.Answers
		}
		return ui.RunAccessible(ctx, env.Stdin, env.Stdout, opts)
	}
	if !env.StdinIsTerminal || !env.StdoutIsTerminal || env.Getenv("TERM") == "dumb" {
		// What to do instead, in the session's language.
		return usageT(cat, "cli.no_terminal")
	}
	summary := env.Stdout
	if s.noSummary {
		summary = nil
	}
	// A terminal too small for the screens can go on as plain prompts.
	opts.OfferAccessible = true
	return ui.Run(ctx, env.Stdin, env.Stdout, summary, opts)
}

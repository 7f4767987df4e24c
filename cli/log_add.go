package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"achilles/assessment"
	"achilles/clublog"
	"achilles/clublog/names"
)

// logAddCmd is achilles log add: assess, and save in the club log.
type logAddCmd struct {
	g             *globals
	athlete, team string
	athleteGiven  bool
	answers       answerFlags
}

func newLogAdd(env Env, g *globals) *cobra.Command {
	o := &logAddCmd{g: g}
	cmd := &cobra.Command{
		Use:   "add --athlete NAME",
		Short: "Assess answers and save them in the log",
		Long: `Assesses answers as "achilles assess" does and saves the assessment in the
club log under the athlete's name or initials. Prints the new record's ID.
Answers come from --case, then --answers, then each --answer, later ones
overriding earlier ones.`,
		Example: `  achilles log add --athlete "A. Smith" --team U18 --answers answers.json
  achilles log add --athlete JS --case classic --answer side=right`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			o.athleteGiven = cmd.Flags().Changed("athlete")
			return o.run(cmd.Context(), env)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.athlete, "athlete", "", "the athlete's `NAME` or initials (required; at most 100 characters)")
	f.StringVar(&o.team, "team", "", "the athlete's `TEAM` (at most 100 characters)")
	o.answers.register(f, "--answers and --case", "")
	return cmd
}

func (o *logAddCmd) run(ctx context.Context, env Env) error {
	// Everything the user gave is checked before the log is opened, so
	// that a mistake creates no file.
	athlete, team := strings.TrimSpace(o.athlete), strings.TrimSpace(o.team)
	if !o.athleteGiven {
		return usagef(`--athlete is required: the athlete's name or initials, as in --athlete "A. Smith"`)
	}
	if err := names.ValidateAthlete(athlete); err != nil {
		return usagef("--athlete: %w", err)
	}
	if err := names.ValidateTeam(team); err != nil {
		return usagef("--team: %w", err)
	}
	cat, err := language(env, o.g)
	if err != nil {
		return err
	}
	a, err := o.answers.resolve(ctx, env)
	if err != nil {
		return err
	}

	rep := assessment.NewReport(assessment.Assess(a), cat, assessment.Options{Emergency: emergency(env, o.g, cat), Advice: advice(env, o.g, cat), Region: classRegion(env, o.g)})
	rec := clublog.NewRecord(&rep, athlete, team, env.Now())
	return withLog(env, o.g, func(l *clublog.Log) error {
		id, err := l.Add(ctx, rec)
		if errors.Is(err, clublog.ErrInvalid) {
			return usageError{err}
		}
		if err != nil {
			return err
		}
		// Saved: say what the record's assessment did not check, as
		// assess does.
		warnUnchecked(env.Stderr, &rep.Result)
		_, err = fmt.Fprintln(env.Stdout, id)
		return err
	})
}

package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"achilles/assessment"
	"achilles/cases"
	"achilles/clublog"
	q "achilles/questionnaire"
)

type logAddOptions struct {
	athlete, team, answersFile, caseID string
	answers                            []string
}

func newLogAdd(env Env, g *globals) *cobra.Command {
	o := &logAddOptions{}
	cmd := &cobra.Command{
		Use:   "add --athlete NAME",
		Short: "Assess a set of answers and save it in the club log",
		Long: `Assesses answers as "achilles assess" does and saves the assessment in the club
log under the athlete's name or initials. Prints the new record's ID.
Answers come from --case, then --answers, then each --answer, later ones
overriding earlier ones.`,
		Example: `  achilles log add --athlete "A. Smith" --team U18 --answers answers.json
  achilles log add --athlete JS --case classic --answer side=right`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return o.run(cmd.Context(), env, g, cmd.Flags().Changed("athlete"))
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.athlete, "athlete", "", "the athlete's `NAME` or initials (required; at most 100 characters)")
	f.StringVar(&o.team, "team", "", "the athlete's `TEAM` (at most 100 characters)")
	f.StringVar(&o.answersFile, "answers", "", "read a JSON object of answers from `FILE` (- for stdin)")
	f.StringArrayVar(&o.answers, "answer", nil, "set one answer, as `ID=VALUE`; repeatable; overrides --answers and --case")
	f.StringVar(&o.caseID, "case", "", "start from the answers of a course `CASE` (see achilles demo --list)")
	return cmd
}

func (o *logAddOptions) run(ctx context.Context, env Env, g *globals, athleteGiven bool) error {
	// Everything the user gave is checked before the log is opened, so
	// that a mistake creates no file.
	athlete, team := strings.TrimSpace(o.athlete), strings.TrimSpace(o.team)
	if !athleteGiven {
		return usagef(`--athlete is required: the athlete's name or initials, as in --athlete "A. Smith"`)
	}
	if err := clublog.ValidateAthlete(athlete); err != nil {
		return usagef("--athlete: %w", err)
	}
	if err := clublog.ValidateTeam(team); err != nil {
		return usagef("--team: %w", err)
	}
	cat, err := language(env, g)
	if err != nil {
		return err
	}
	var a, overrides q.Answers
	for _, s := range o.answers {
		if err := overrides.ParseAssignment(s); err != nil {
			return usagef("--answer %s: %w", s, err)
		}
	}
	if o.caseID != "" {
		c, ok := cases.Get(o.caseID)
		if !ok {
			return usageError{fmt.Errorf("--case: %w", cases.UnknownError(o.caseID))}
		}
		a = c.Answers
	}
	if o.answersFile != "" {
		fromFile, err := readAnswersFile(ctx, env, o.answersFile)
		if err != nil {
			return err
		}
		a.Merge(fromFile)
	}
	a.Merge(overrides)
	if err := a.Consistent(); err != nil {
		return usageError{err}
	}

	rep := assessment.NewReport(assessment.Assess(a), cat, assessment.Options{Emergency: emergency(env, g, cat)})
	rec := clublog.NewRecord(&rep, athlete, team, env.Now())
	return withLog(env, g, func(l *clublog.Log) error {
		id, err := l.Add(ctx, rec)
		if errors.Is(err, clublog.ErrInvalid) {
			return usageError{err}
		}
		if err != nil {
			return err
		}
		_, err = fmt.Fprintln(env.Stdout, id)
		return err
	})
}

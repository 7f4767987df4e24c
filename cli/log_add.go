package cli

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"achilles/assessment"
	"achilles/catalog"
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
		Short: "Assess and save in the log",
		Long: `Assesses answers as "achilles assess" does and saves the assessment in the
club log under the athlete's name or initials. Prints the new record's ID.
Answers come from --case, then --answers, then each --answer, later ones
overriding earlier ones. A record made from a course case (--case) is a
practice record: marked in list and show, left out of exports unless
--include-practice is given.`,
		Example: `  achilles log add --athlete "A. Smith" --team U18 --answers answers.json
  achilles log add --athlete JS --case classic --answer side=right`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.athleteGiven = cmd.Flags().Changed("athlete")
			return o.run(cmd.Context(), env, cmd.CommandPath(), args)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.athlete, "athlete", "", "the athlete's `NAME` or initials (required; at most 100 characters)")
	f.StringVar(&o.team, "team", "", "the athlete's `TEAM` (at most 100 characters)")
	o.answers.register(f, "--answers and --case", "")
	return cmd
}

func (o *logAddCmd) run(ctx context.Context, env Env, cmdPath string, args []string) error {
	cat, err := startNoArgs(env, o.g, cmdPath, args)
	if err != nil {
		return err
	}
	// Everything the user gave is checked before the log is opened, so
	// that a mistake creates no file.
	athlete, team := strings.TrimSpace(o.athlete), strings.TrimSpace(o.team)
	if !o.athleteGiven {
		return usageT(cat, "clublog.error.athlete_required")
	}
	if err := names.ValidateAthlete(athlete); err != nil {
		return nameError(cat, "--athlete", err)
	}
	if err := names.ValidateTeam(team); err != nil {
		return nameError(cat, "--team", err)
	}
	a, err := o.answers.resolve(ctx, env, cat)
	if err != nil {
		return err
	}

	rep := assessment.NewReport(assessment.Assess(a), cat, reportOptions(env, o.g, cat))
	rec := clublog.NewRecord(&rep, athlete, team, env.Now())
	// A course case is practice, whatever answers change it.
	rec.Practice = o.answers.caseID != ""
	return withLog(env, o.g, cat, func(l *clublog.Log) error {
		id, err := l.Add(ctx, rec)
		if errors.Is(err, clublog.ErrInvalid) {
			return usageError{err}
		}
		if err != nil {
			return err
		}
		// Saved: say what the record's assessment did not check, as
		// assess does.
		warnUnchecked(env.Stderr, cat, &rep.Result)
		_, err = fmt.Fprintln(env.Stdout, id)
		return err
	})
}

// nameError words an athlete's or team's name that the name rule
// refuses, naming the flag.
func nameError(cat *catalog.Catalog, flag string, err error) error {
	var ne *names.Error
	if !errors.As(err, &ne) {
		return usageError{err}
	}
	switch ne.Problem {
	case names.Empty:
		return usageT(cat, "clublog.error.name_empty", "flag", flag, "max", strconv.Itoa(names.Max))
	case names.TooLong:
		return usageT(cat, "clublog.error.name_long", "flag", flag, "length", strconv.Itoa(ne.Length), "max", strconv.Itoa(names.Max))
	case names.Refused:
		return usageT(cat, "clublog.error.name_char", "flag", flag, "kind", charKind(cat, ne.Kind),
			"char", charName(ne.Char), "at", strconv.Itoa(ne.At))
	}
	return usageT(cat, "clublog.error.name_utf8", "flag", flag)
}

// charKind words a kind of character as names.Refuses gives it ("control
// character") in the session's language.
func charKind(cat *catalog.Catalog, kind string) string {
	return catalogWord(cat, "clublog.char."+strings.NewReplacer(" ", "_", "-", "_").Replace(kind), kind)
}

// charName names a character by its code point, U+202E.
func charName(c rune) string { return fmt.Sprintf("%U", c) }

package cli

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"achilles/catalog"
	"achilles/clublog"
)

// logFollowUpCmd is achilles log follow-up ID: the next step of an injury
// episode, added to the record's history.
type logFollowUpCmd struct {
	g               *globals
	status          string
	note, diagnosis string
	statusGiven     bool
}

func newLogFollowUp(env Env, g *globals) *cobra.Command {
	o := &logFollowUpCmd{g: g}
	cmd := &cobra.Command{
		Use:   "follow-up ID",
		Short: "Add a step, up to cleared to play",
		Long: `Adds a follow-up to a record: the athlete was seen by a clinician, diagnosed,
is in treatment, was cleared to play, or something else, with the time it was
recorded, an optional note and the diagnosis as the clinician gave it.
Follow-ups are a history: each is kept, none is ever changed. show lists
them, list shows the latest, and the exports carry them.`,
		Example: `  achilles log follow-up 3 --status seen --note "fracture clinic"
  achilles log follow-up 3 --status diagnosed --diagnosis "complete rupture"
  achilles log follow-up 3 --status cleared`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.statusGiven = cmd.Flags().Changed("status")
			return o.run(cmd.Context(), env, cmd.CommandPath(), args)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.status, "status", "", "`STATUS`: "+strings.Join(clublog.FollowUpStatuses(), ", ")+" (required)")
	f.StringVar(&o.note, "note", "", "a short note, up to 500 characters (`TEXT`)")
	f.StringVar(&o.diagnosis, "diagnosis", "", "the diagnosis as the clinician gave it, up to 500 characters (`TEXT`)")
	return cmd
}

func (o *logFollowUpCmd) run(ctx context.Context, env Env, cmdPath string, args []string) error {
	cat, id, err := startWithID(env, o.g, cmdPath, args)
	if err != nil {
		return err
	}
	allowed := strings.Join(clublog.FollowUpStatuses(), ", ")
	if !o.statusGiven {
		return usageT(cat, "clublog.error.status_required", "allowed", allowed)
	}
	f := clublog.FollowUp{Created: env.Now(), Status: strings.TrimSpace(o.status),
		Note: strings.TrimSpace(o.note), Diagnosis: strings.TrimSpace(o.diagnosis)}
	// Checked before the log is opened, so that a mistake changes nothing.
	if err := clublog.ValidateFollowUp(f); err != nil {
		return followUpError(cat, err, f.Status, allowed)
	}
	n := strconv.FormatInt(id, 10)
	return readLog(env, o.g, cat, clublog.OpenExisting, func(l *clublog.Log) error {
		if _, err := l.AddFollowUp(ctx, id, f); err != nil {
			if errors.Is(err, clublog.ErrInvalid) {
				return followUpError(cat, err, f.Status, allowed)
			}
			return noRecord(cat, err, id, l.Path())
		}
		say(env, cat, "clublog.follow_up.done", "id", n, "status", catalogWord(cat, "clublog.status."+f.Status, f.Status))
		return nil
	}, noLogForRecord(cat, id))
}

// followUpError words a follow-up that may not be saved.
func followUpError(cat *catalog.Catalog, err error, status, allowed string) error {
	var fe *clublog.FieldError
	if !errors.As(err, &fe) {
		return err
	}
	switch fe.Field {
	case "status":
		return usageT(cat, "clublog.error.bad_status", "value", strconv.Quote(status), "allowed", allowed)
	case "note", "diagnosis":
		if fe.Char != 0 {
			return usageT(cat, "clublog.error.text_char", "flag", "--"+fe.Field, "char", charName(fe.Char))
		}
		return usageT(cat, "clublog.error.text_long", "flag", "--"+fe.Field, "max", strconv.Itoa(clublog.MaxFollowUpText))
	}
	return usageError{err}
}

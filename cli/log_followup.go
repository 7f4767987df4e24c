package cli

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

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
	date            string
	statusGiven     bool
}

func newLogFollowUp(env Env, g *globals) *cobra.Command {
	o := &logFollowUpCmd{g: g}
	cmd := &cobra.Command{
		Use:   "follow-up ID",
		Short: "Add a step, up to cleared to play",
		Long: `Adds a follow-up to a record: the athlete was seen by a clinician, diagnosed,
is in treatment, was cleared to play, or something else, with an optional
note and the diagnosis as the clinician gave it. It is dated now unless
--date gives when it happened, in local time: a day (YYYY-MM-DD), a day and
time (YYYY-MM-DD HH:MM), or ISO 8601 with an offset; not in the future, nor
before the record was saved. The time it was recorded is kept too.
Follow-ups are a history: each is kept, none is ever changed. show lists
them, list shows the latest, and the exports carry them.`,
		Example: `  achilles log follow-up 3 --status seen --note "fracture clinic"
  achilles log follow-up 3 --status seen --date 2026-03-02
  achilles log follow-up 3 --status diagnosed --date "2026-03-04 10:30" \
      --diagnosis "complete rupture"
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
	f.StringVar(&o.date, "date", "", "when it happened, if not now: `DATE` as YYYY-MM-DD or YYYY-MM-DD HH:MM in local time, or ISO 8601 with an offset")
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
	if o.date != "" {
		var ok bool
		if f.Date, f.DateOnly, ok = parseWhen(o.date, location(env)); !ok {
			return usageT(cat, "clublog.error.follow_up_date", "value", strconv.Quote(o.date))
		}
	}
	// Checked before the log is opened, so that a mistake changes nothing.
	if err := clublog.ValidateFollowUp(f); err != nil {
		return o.error(env, cat, id, err, allowed)
	}
	n := strconv.FormatInt(id, 10)
	return readLog(env, o.g, cat, clublog.OpenExisting, func(l *clublog.Log) error {
		if _, err := l.AddFollowUp(ctx, id, f); err != nil {
			if errors.Is(err, clublog.ErrInvalid) {
				return o.error(env, cat, id, err, allowed)
			}
			return noRecord(cat, err, id, l.Path())
		}
		say(env, cat, "clublog.follow_up.done", "id", n, "status", catalogWord(cat, "clublog.status."+f.Status, f.Status))
		return nil
	}, noLogForRecord(cat, id))
}

// whenLayouts are the layouts --date takes, after a day alone: a day and
// time in the local zone, then ISO 8601 with an offset (Z among them).
var whenLayouts = []struct {
	layout string
	local  bool
}{
	{"2006-01-02 15:04", true}, {"2006-01-02T15:04", true},
	{"2006-01-02 15:04:05", true}, {"2006-01-02T15:04:05", true},
	{time.RFC3339, false}, {"2006-01-02T15:04Z07:00", false},
	{"2006-01-02 15:04:05Z07:00", false}, {"2006-01-02 15:04Z07:00", false},
}

// parseWhen reads --date: a day alone (YYYY-MM-DD), which is the start of
// that day in loc and dayOnly; a day and time in loc; or ISO 8601 with an
// offset. The time is kept to the second.
func parseWhen(s string, loc *time.Location) (t time.Time, dayOnly, ok bool) {
	s = strings.TrimSpace(s)
	if t, err := time.ParseInLocation("2006-01-02", s, loc); err == nil {
		return t, true, true
	}
	for _, l := range whenLayouts {
		var err error
		if l.local {
			t, err = time.ParseInLocation(l.layout, s, loc)
		} else {
			t, err = time.Parse(l.layout, s)
		}
		if err == nil {
			return t.Truncate(time.Second), false, true
		}
	}
	return time.Time{}, false, false
}

// error words a follow-up of record id that may not be saved.
func (o *logFollowUpCmd) error(env Env, cat *catalog.Catalog, id int64, err error, allowed string) error {
	var fe *clublog.FieldError
	if !errors.As(err, &fe) {
		return err
	}
	switch fe.Field {
	case "date":
		value := strconv.Quote(o.date)
		if fe.Reason == clublog.DateBeforeRecord {
			return usageT(cat, "clublog.error.date_before_record", "value", value,
				"id", strconv.FormatInt(id, 10), "saved", localTime(env, fe.Limit))
		}
		return usageT(cat, "clublog.error.date_future", "value", value, "now", localTime(env, fe.Limit))
	case "status":
		return usageT(cat, "clublog.error.bad_status", "value", strconv.Quote(o.status), "allowed", allowed)
	case "note", "diagnosis":
		if fe.Char != 0 {
			return usageT(cat, "clublog.error.text_char", "flag", "--"+fe.Field, "char", charName(fe.Char))
		}
		return usageT(cat, "clublog.error.text_long", "flag", "--"+fe.Field, "max", strconv.Itoa(clublog.MaxFollowUpText))
	}
	return usageError{err}
}

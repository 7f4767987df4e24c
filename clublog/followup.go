package clublog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"achilles/clublog/names"
)

// FollowUp is one step of an injury episode after the first assessment:
// the athlete was seen, diagnosed, treated or cleared to play. Follow-ups
// are a history: each is added, none is ever changed.
type FollowUp struct {
	ID      int64
	Created time.Time // when it was recorded, in UTC, to the second
	// Date is when it happened, as the trainer gave it: the athlete was
	// seen at the clinic yesterday. The zero Date is Created. It may not
	// be after Created nor before the record was saved.
	Date time.Time
	// DateOnly is a Date given as a day alone: Date is the start of that
	// day in the local zone, and is shown as the day.
	DateOnly  bool
	Status    string // one of FollowUpStatuses
	Note      string // optional free text
	Diagnosis string // optional: the clinician's diagnosis, as told
}

// MaxFollowUpText is the longest note or diagnosis, in characters.
const MaxFollowUpText = 500

// FollowUpStatuses are the statuses a follow-up may have, in the order an
// episode usually goes.
func FollowUpStatuses() []string {
	return []string{"seen", "diagnosed", "treated", "cleared", "other"}
}

// ErrDeleted is a record that is deleted: it can be restored, not changed.
var ErrDeleted = errors.New("the record is deleted")

// The reasons a follow-up's date is refused, in FieldError.Reason; Limit
// is then the time it may not pass.
const (
	DateFuture       = "future"        // after the time of entry (Limit)
	DateBeforeRecord = "before_record" // before the record was saved (Limit)
)

// when is the follow-up's Date, Created when none was given.
func (f *FollowUp) when() time.Time {
	if f.Date.IsZero() {
		return f.Created
	}
	return f.Date
}

// before reports whether the follow-up happened before t: for a day
// alone, whether that day ended before t; else whether it was before the
// minute of t, since a time is given to the minute.
func (f *FollowUp) before(t time.Time) bool {
	if f.DateOnly {
		return !f.when().AddDate(0, 0, 1).After(t)
	}
	return f.when().Before(t.Truncate(time.Minute))
}

// validate checks a follow-up before it is saved: a known status, and a
// note and diagnosis that are printable text (the name rule's characters,
// line breaks aside) of at most MaxFollowUpText characters.
func (f *FollowUp) validate() error {
	if !slices.Contains(FollowUpStatuses(), f.Status) {
		return &FieldError{Field: "status", Problem: fmt.Sprintf("status %q is not allowed; allowed: %s",
			f.Status, strings.Join(FollowUpStatuses(), ", "))}
	}
	if f.Created.IsZero() {
		return &FieldError{Field: "created", Problem: "the follow-up has no time"}
	}
	if f.when().After(f.Created) {
		return &FieldError{Field: "date", Reason: DateFuture, Limit: f.Created,
			Problem: fmt.Sprintf("the follow-up's date %s is after the time it is recorded, %s; a date may not be in the future",
				f.when().UTC().Format(timeLayout), f.Created.UTC().Format(timeLayout))}
	}
	for _, t := range [][2]string{{"note", f.Note}, {"diagnosis", f.Diagnosis}} {
		if err := checkFollowUpText(t[0], t[1]); err != nil {
			return err
		}
	}
	return nil
}

// checkFollowUpText checks a note or diagnosis.
func checkFollowUpText(field, s string) error {
	if !utf8.ValidString(s) {
		return &FieldError{Field: field, Problem: field + " is not valid UTF-8 text"}
	}
	if n := utf8.RuneCountInString(s); n > MaxFollowUpText {
		return &FieldError{Field: field, Problem: fmt.Sprintf("%s is %d characters long; at most %d are allowed", field, n, MaxFollowUpText)}
	}
	prev := rune(-1)
	for _, c := range s {
		if kind := names.Refuses(prev, c); kind != "" {
			return &FieldError{Field: field, Char: c, Problem: fmt.Sprintf("%s has the %s %U, which is not allowed", field, kind, c)}
		}
		prev = c
	}
	return nil
}

// ValidateFollowUp checks a follow-up as AddFollowUp will, before a log
// is opened: the error is a *FieldError (ErrInvalid).
func ValidateFollowUp(f FollowUp) error { return f.validate() }

// AddFollowUp adds a follow-up to the record id in one transaction and
// returns its ID. An unknown record is ErrNotFound, a deleted one
// ErrDeleted; an invalid follow-up, one dated before the record was saved
// among them, is a *FieldError (ErrInvalid).
func (l *Log) AddFollowUp(ctx context.Context, id int64, f FollowUp) (int64, error) {
	if err := f.validate(); err != nil {
		return 0, err
	}
	tx, err := l.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("saving to the club log %s: %w", l.path, err)
	}
	defer tx.Rollback()
	var deleted sql.NullString
	var created string
	err = tx.QueryRowContext(ctx, `SELECT deleted, created FROM records WHERE id = ?`, id).Scan(&deleted, &created)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return 0, fmt.Errorf("record %d: %w", id, ErrNotFound)
	case err != nil:
		return 0, fmt.Errorf("saving a follow-up of record %d to the club log %s: %w", id, l.path, err)
	case deleted.Valid:
		return 0, fmt.Errorf("record %d: %w", id, ErrDeleted)
	}
	saved, err := time.Parse(timeLayout, created)
	if err != nil {
		r := Record{ID: id}
		return 0, r.damaged("created", "has a bad creation time %+q", created)
	}
	if f.before(saved) {
		return 0, &FieldError{Field: "date", Reason: DateBeforeRecord, Limit: saved,
			Problem: fmt.Sprintf("the follow-up's date %s is before record %d was saved, %s",
				f.when().UTC().Format(timeLayout), id, created)}
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO follow_ups (record_id, created, date, date_only, status, note, diagnosis)
		VALUES (?, ?, ?, ?, ?, ?, ?)`,
		id, f.Created.UTC().Format(timeLayout), f.when().UTC().Format(timeLayout), f.DateOnly, f.Status, f.Note, f.Diagnosis)
	if err != nil {
		return 0, fmt.Errorf("saving a follow-up of record %d to the club log %s: %w", id, l.path, err)
	}
	fid, err := res.LastInsertId()
	if err == nil {
		err = tx.Commit()
	}
	if err != nil {
		return 0, fmt.Errorf("saving a follow-up of record %d to the club log %s: %w", id, l.path, err)
	}
	return fid, nil
}

// followUps reads the follow-ups of the records that where selects
// (a condition on follow_ups' columns, with args), by record, oldest
// first by when they happened, then by when they were recorded. A follow-up that does not read back as achilles writes it
// makes its record damaged.
func (l *Log) followUps(ctx context.Context, q querier, where string, args ...any) (map[int64][]FollowUp, error) {
	rows, err := q.QueryContext(ctx, `SELECT record_id, id, created, date, date_only, status, note, diagnosis FROM follow_ups
		WHERE `+where+` ORDER BY record_id, date, created, id`, args...)
	if err != nil {
		return nil, fmt.Errorf("reading the follow-ups of the club log %s: %w", l.path, err)
	}
	defer rows.Close()
	out := map[int64][]FollowUp{}
	for rows.Next() {
		var rid int64
		var f FollowUp
		var created, date string
		if err := rows.Scan(&rid, &f.ID, &created, &date, &f.DateOnly, &f.Status, &f.Note, &f.Diagnosis); err != nil {
			return nil, fmt.Errorf("reading the follow-ups of the club log %s: %w", l.path, err)
		}
		r := Record{ID: rid}
		if f.Created, err = time.Parse(timeLayout, created); err != nil {
			return nil, r.damaged("follow_ups", "has a follow-up with a bad time %+q", created)
		}
		if f.Date, err = time.Parse(timeLayout, date); err != nil {
			return nil, r.damaged("follow_ups", "has a follow-up with a bad date %+q", date)
		}
		if !slices.Contains(FollowUpStatuses(), f.Status) {
			return nil, r.damaged("follow_ups", "has a follow-up with the unknown status %q", f.Status)
		}
		for _, s := range []string{f.Note, f.Diagnosis} {
			if !utf8.ValidString(s) {
				return nil, r.damaged("follow_ups", "has a follow-up whose text is not UTF-8 text")
			}
			if err := r.hazardIn("follow_ups", "a follow-up text", s); err != nil {
				return nil, err
			}
		}
		out[rid] = append(out[rid], f)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reading the follow-ups of the club log %s: %w", l.path, err)
	}
	return out, nil
}

package clublog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// timeLayout is how Created is stored: UTC to the second, fixed width, so
// that text order is time order.
const timeLayout = "2006-01-02T15:04:05Z"

// deletedLayout is when a record was deleted, to the nanosecond and of a
// fixed width, so that the text orders the deletions: Undo restores the
// one deleted last, even of two deleted in the same second.
const deletedLayout = "2006-01-02T15:04:05.000000000Z"

// Add saves a record in one transaction and returns its ID. The record's
// ID, Deleted and FollowUps are ignored; Created is stored in UTC, to the
// second. An invalid record is an error matching ErrInvalid, a
// *FieldError naming the field.
func (l *Log) Add(ctx context.Context, r Record) (int64, error) {
	if err := r.validate(); err != nil {
		return 0, err
	}
	tx, err := l.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("saving to the club log %s: %w", l.path, err)
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `INSERT INTO records
		(created, athlete, team, side, band, triage, probability, answers, lang, model_version, assessment, practice)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		r.Created.UTC().Format(timeLayout), r.Athlete, r.Team, r.Side, r.Band, r.Triage,
		r.Probability, string(r.AnswersJSON()), r.Lang, r.ModelVersion, string(r.Assessment), r.Practice)
	if err != nil {
		return 0, fmt.Errorf("saving to the club log %s: %w", l.path, err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, fmt.Errorf("saving to the club log %s: %w", l.path, err)
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("saving to the club log %s: %w", l.path, err)
	}
	return id, nil
}

// columns are the columns read into a Record, in scan order.
const columns = `id, created, athlete, team, side, band, triage, probability, answers, lang, model_version, assessment, practice, deleted`

// Orders of records: List's and Each's.
const (
	newestFirst = `created DESC, id DESC`
	oldestFirst = `created, id`
)

// List returns every record that is not deleted, practice records
// included, newest first (by Created, then by ID). To keep a long log
// light, the records' Assessment is nil: Get or Each gives it. A damaged
// record is an error matching ErrDamaged that names it.
func (l *Log) List(ctx context.Context) ([]Record, error) {
	return l.Find(ctx, Filter{Practice: true})
}

// Find is List for the records that f chooses, newest first.
func (l *Log) Find(ctx context.Context, f Filter) ([]Record, error) {
	var out []Record
	tx, err := l.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("reading the club log %s: %w", l.path, err)
	}
	defer tx.Rollback() // it only read
	err = l.each(ctx, tx, &f, newestFirst, false, true, func(r Record) error {
		out = append(out, r)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Get returns one record, deleted or not, with its follow-ups; an ID that
// is not in the log is ErrNotFound, a damaged record ErrDamaged.
func (l *Log) Get(ctx context.Context, id int64) (Record, error) {
	tx, err := l.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return Record{}, fmt.Errorf("reading the club log %s: %w", l.path, err)
	}
	defer tx.Rollback() // it only read
	row := tx.QueryRowContext(ctx, `SELECT `+columns+` FROM records WHERE id = ?`, id)
	r, err := scan(row, true, true)
	if errors.Is(err, sql.ErrNoRows) {
		return Record{}, fmt.Errorf("record %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return Record{}, fmt.Errorf("reading record %d of the club log %s: %w", id, l.path, err)
	}
	fus, err := l.followUps(ctx, tx, "record_id = ?", id)
	if err != nil {
		return Record{}, err
	}
	r.FollowUps = fus[id]
	return r, nil
}

// Delete marks one record deleted, in one transaction: lists and exports
// leave it out, and Restore or Undo bring it back until Purge removes it
// for good. It reads nothing of the record, so a damaged record can be
// deleted too. An ID that is not in the log is ErrNotFound; a record
// already deleted is ErrDeleted.
func (l *Log) Delete(ctx context.Context, id int64, now time.Time) error {
	return l.setDeleted(ctx, id, sql.NullString{String: now.UTC().Format(deletedLayout), Valid: true})
}

// Restore brings back a deleted record. An ID that is not in the log is
// ErrNotFound; a record that is not deleted is ErrNotDeleted.
func (l *Log) Restore(ctx context.Context, id int64) error {
	return l.setDeleted(ctx, id, sql.NullString{})
}

// ErrNotDeleted is a record to restore that is not deleted.
var ErrNotDeleted = errors.New("the record is not deleted")

// ErrNothingDeleted is Undo in a log without deleted records.
var ErrNothingDeleted = errors.New("no deleted record")

// setDeleted marks a record deleted (when set is valid) or restores it.
func (l *Log) setDeleted(ctx context.Context, id int64, set sql.NullString) error {
	doing := "deleting"
	if !set.Valid {
		doing = "restoring"
	}
	fail := func(err error) error {
		return fmt.Errorf("%s record %d of the club log %s: %w", doing, id, l.path, err)
	}
	tx, err := l.db.BeginTx(ctx, nil)
	if err != nil {
		return fail(err)
	}
	defer tx.Rollback()
	var deleted sql.NullString
	err = tx.QueryRowContext(ctx, `SELECT deleted FROM records WHERE id = ?`, id).Scan(&deleted)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return fmt.Errorf("record %d: %w", id, ErrNotFound)
	case err != nil:
		return fail(err)
	case set.Valid && deleted.Valid:
		return fmt.Errorf("record %d: %w", id, ErrDeleted)
	case !set.Valid && !deleted.Valid:
		return fmt.Errorf("record %d: %w", id, ErrNotDeleted)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE records SET deleted = ? WHERE id = ?`, set, id); err != nil {
		return fail(err)
	}
	if err := tx.Commit(); err != nil {
		return fail(err)
	}
	return nil
}

// Undo restores the record deleted last and returns its ID;
// ErrNothingDeleted when no record is deleted.
func (l *Log) Undo(ctx context.Context) (int64, error) {
	tx, err := l.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("restoring a record of the club log %s: %w", l.path, err)
	}
	defer tx.Rollback()
	var id int64
	err = tx.QueryRowContext(ctx, `SELECT id FROM records WHERE deleted IS NOT NULL ORDER BY deleted DESC, id DESC LIMIT 1`).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ErrNothingDeleted
	}
	if err == nil {
		_, err = tx.ExecContext(ctx, `UPDATE records SET deleted = NULL WHERE id = ?`, id)
	}
	if err == nil {
		err = tx.Commit()
	}
	if err != nil {
		return 0, fmt.Errorf("restoring record %d of the club log %s: %w", id, l.path, err)
	}
	return id, nil
}

// Purge removes the deleted records among ids for good, with their
// follow-ups, in one transaction, and returns how many it removed. A
// record restored meanwhile is kept. Like Delete, it reads nothing of the
// records.
func (l *Log) Purge(ctx context.Context, ids []int64) (int, error) {
	tx, err := l.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("purging the club log %s: %w", l.path, err)
	}
	defer tx.Rollback()
	n := 0
	for _, id := range ids {
		res, err := tx.ExecContext(ctx, `DELETE FROM records WHERE id = ? AND deleted IS NOT NULL`, id)
		if err != nil {
			return 0, fmt.Errorf("purging record %d from the club log %s: %w", id, l.path, err)
		}
		k, err := res.RowsAffected()
		if err != nil {
			return 0, fmt.Errorf("purging record %d from the club log %s: %w", id, l.path, err)
		}
		n += int(k)
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("purging the club log %s: %w", l.path, err)
	}
	// The pages the records were in are zeroed (secure_delete); the -wal
	// file still holds the records as they were written until it is
	// checkpointed and emptied. A reader that holds it open keeps it: the
	// next purge or the last writer's close empties it then.
	if _, err := l.db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		return n, fmt.Errorf("purging the club log %s: %w", l.path, err)
	}
	return n, nil
}

// DeletedIDs returns the IDs of the deleted records, oldest deletion
// first, without reading the records: what Purge would remove.
func (l *Log) DeletedIDs(ctx context.Context) ([]int64, error) {
	rows, err := l.db.QueryContext(ctx, `SELECT id FROM records WHERE deleted IS NOT NULL ORDER BY deleted, id`)
	if err != nil {
		return nil, fmt.Errorf("reading the club log %s: %w", l.path, err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("reading the club log %s: %w", l.path, err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reading the club log %s: %w", l.path, err)
	}
	return ids, nil
}

// Each calls fn with every record that is not deleted, practice records
// included, oldest first (by Created, then by ID), reading them one at a
// time, for exports of any size. It stops at the first error fn returns
// and returns it, or at the first damaged record (ErrDamaged). fn sees one
// consistent snapshot of the log, even while other processes write.
func (l *Log) Each(ctx context.Context, fn func(Record) error) error {
	tx, err := l.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("reading the club log %s: %w", l.path, err)
	}
	defer tx.Rollback() // it only read
	return l.each(ctx, tx, &Filter{Practice: true}, oldestFirst, true, true, fn)
}

// checked reads the records f chooses in one read transaction, so in one
// snapshot: first it checks every one, then it calls write, whose each
// reads the same records again, oldest first. A damaged record is thus
// ErrDamaged before write is called. Checking reads the records without
// keeping them, so it costs time, not memory.
func (l *Log) checked(ctx context.Context, f *Filter, withAssessment bool, write func(each func(func(Record) error) error) error) error {
	tx, err := l.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("reading the club log %s: %w", l.path, err)
	}
	defer tx.Rollback() // it only read
	if err := l.each(ctx, tx, f, oldestFirst, false, true, func(Record) error { return nil }); err != nil {
		return err
	}
	return write(func(fn func(Record) error) error {
		// The same snapshot, checked a moment ago: not checked again.
		return l.each(ctx, tx, f, oldestFirst, withAssessment, false, fn)
	})
}

// querier is a *sql.DB or *sql.Tx.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// each calls fn with every record that f chooses, with its follow-ups, in
// the given order, leaving out the assessments unless withAssessment is
// set (they are checked all the same when verify is set). q should be a
// transaction, so that records and follow-ups are of one snapshot.
func (l *Log) each(ctx context.Context, q querier, f *Filter, order string, withAssessment, verify bool, fn func(Record) error) error {
	where, args := f.where()
	// Every follow-up, a small table: choosing them by the records' filter
	// would read the records, assessments and all, once more.
	fus, err := l.followUps(ctx, q, "1")
	if err != nil {
		return err
	}
	match := f.names()
	rows, err := q.QueryContext(ctx, `SELECT `+columns+` FROM records WHERE `+where+` ORDER BY `+order, args...)
	if err != nil {
		return fmt.Errorf("reading the club log %s: %w", l.path, err)
	}
	defer rows.Close()
	for rows.Next() {
		r, err := scan(rows, withAssessment, verify)
		if err != nil {
			return fmt.Errorf("reading the club log %s: %w", l.path, err)
		}
		if match != nil && !match(&r) {
			continue
		}
		r.FollowUps = fus[r.ID]
		if err := fn(r); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("reading the club log %s: %w", l.path, err)
	}
	return nil
}

// scanner is a *sql.Row or *sql.Rows.
type scanner interface{ Scan(dest ...any) error }

// scan reads one record and, when verify is set, checks it (Record.check).
// Unless keep is set the assessment is checked in place and left out of the
// record; then s must be a *sql.Rows, since only that lends its bytes
// (sql.RawBytes).
func scan(s scanner, keep, verify bool) (Record, error) {
	var r Record
	var created, answers string
	var probability any // a column of another type would fail Scan, unnamed
	var raw sql.RawBytes
	var assessment any = &raw
	if keep {
		assessment = &r.Assessment
	}
	var deleted sql.NullString
	if err := s.Scan(&r.ID, &created, &r.Athlete, &r.Team, &r.Side, &r.Band, &r.Triage,
		&probability, &answers, &r.Lang, &r.ModelVersion, assessment, &r.Practice, &deleted); err != nil {
		return Record{}, err
	}
	if deleted.Valid {
		t, err := time.Parse(timeLayout, deleted.String)
		if err != nil {
			return Record{}, r.damaged("deleted", "has a bad deletion time %+q", deleted.String)
		}
		r.Deleted = t
	}
	switch p := probability.(type) {
	case float64:
		r.Probability = p
	case int64:
		r.Probability = float64(p)
	default:
		return Record{}, r.damaged("probability", "has a probability that is not a number")
	}
	if keep {
		raw = r.Assessment
	}
	if len(r.Assessment) == 0 {
		r.Assessment = nil // saved before schema version 2, or left out
	}
	check := r.check
	if !verify {
		check = func(created, answers string, _ []byte) error { return r.parse(created, answers) }
	}
	if err := check(created, answers, raw); err != nil {
		return Record{}, err
	}
	return r, nil
}

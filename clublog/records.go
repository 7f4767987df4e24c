package clublog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// timeLayout is how Created is stored: UTC to the second, fixed width, so
// that text order is time order.
const timeLayout = "2006-01-02T15:04:05Z"

// Add saves a record in one transaction and returns its ID. The record's
// ID is ignored; Created is stored in UTC, to the second. An invalid record
// is an error matching ErrInvalid, a *FieldError naming the field.
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
		(created, athlete, team, side, band, triage, probability, answers, lang, model_version, assessment)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		r.Created.UTC().Format(timeLayout), r.Athlete, r.Team, r.Side, r.Band, r.Triage,
		r.Probability, string(r.AnswersJSON()), r.Lang, r.ModelVersion, string(r.Assessment))
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
const columns = `id, created, athlete, team, side, band, triage, probability, answers, lang, model_version, assessment`

// Orders of records: List's and Each's.
const (
	newestFirst = `created DESC, id DESC`
	oldestFirst = `created, id`
)

// List returns every record, newest first (by Created, then by ID). To
// keep a long log light, the records' Assessment is nil: Get or Each
// gives it. A damaged record is an error matching ErrDamaged that names it.
func (l *Log) List(ctx context.Context) ([]Record, error) {
	var out []Record
	err := l.each(ctx, l.db, newestFirst, false, true, func(r Record) error {
		out = append(out, r)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Get returns one record; an ID that is not in the log is ErrNotFound, a
// damaged record ErrDamaged.
func (l *Log) Get(ctx context.Context, id int64) (Record, error) {
	row := l.db.QueryRowContext(ctx, `SELECT `+columns+` FROM records WHERE id = ?`, id)
	r, err := scan(row, true, true)
	if errors.Is(err, sql.ErrNoRows) {
		return Record{}, fmt.Errorf("record %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return Record{}, fmt.Errorf("reading record %d of the club log %s: %w", id, l.path, err)
	}
	return r, nil
}

// Delete removes one record in one transaction; an ID that is not in the
// log is ErrNotFound.
func (l *Log) Delete(ctx context.Context, id int64) error {
	tx, err := l.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("deleting from the club log %s: %w", l.path, err)
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `DELETE FROM records WHERE id = ?`, id)
	if err != nil {
		return fmt.Errorf("deleting record %d from the club log %s: %w", id, l.path, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("deleting record %d from the club log %s: %w", id, l.path, err)
	} else if n == 0 {
		return fmt.Errorf("record %d: %w", id, ErrNotFound)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("deleting record %d from the club log %s: %w", id, l.path, err)
	}
	return nil
}

// Each calls fn with every record, oldest first (by Created, then by ID),
// reading them one at a time, for exports of any size. It stops at the
// first error fn returns and returns it, or at the first damaged record
// (ErrDamaged). fn sees one consistent snapshot of the log, even while
// other processes write.
func (l *Log) Each(ctx context.Context, fn func(Record) error) error {
	return l.each(ctx, l.db, oldestFirst, true, true, fn)
}

// checked reads the log in one read transaction, so in one snapshot:
// first it checks every record, then it calls write, whose each reads the
// same records again, oldest first. A damaged record is thus ErrDamaged
// before write is called. Checking reads the records without keeping
// them, so it costs time, not memory.
func (l *Log) checked(ctx context.Context, withAssessment bool, write func(each func(func(Record) error) error) error) error {
	tx, err := l.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("reading the club log %s: %w", l.path, err)
	}
	defer tx.Rollback() // it only read
	if err := l.each(ctx, tx, oldestFirst, false, true, func(Record) error { return nil }); err != nil {
		return err
	}
	return write(func(fn func(Record) error) error {
		// The same snapshot, checked a moment ago: not checked again.
		return l.each(ctx, tx, oldestFirst, withAssessment, false, fn)
	})
}

// querier is a *sql.DB or *sql.Tx.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// each calls fn with every record in the given order, leaving out the
// assessments unless withAssessment is set (they are checked all the same
// when verify is set).
func (l *Log) each(ctx context.Context, q querier, order string, withAssessment, verify bool, fn func(Record) error) error {
	rows, err := q.QueryContext(ctx, `SELECT `+columns+` FROM records ORDER BY `+order)
	if err != nil {
		return fmt.Errorf("reading the club log %s: %w", l.path, err)
	}
	defer rows.Close()
	for rows.Next() {
		r, err := scan(rows, withAssessment, verify)
		if err != nil {
			return fmt.Errorf("reading the club log %s: %w", l.path, err)
		}
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
	if err := s.Scan(&r.ID, &created, &r.Athlete, &r.Team, &r.Side, &r.Band, &r.Triage,
		&probability, &answers, &r.Lang, &r.ModelVersion, assessment); err != nil {
		return Record{}, err
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

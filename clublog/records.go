package clublog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	q "achilles/questionnaire"
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

// columns are the columns read into a Record, in scan order; the
// assessment is last, so that List can leave it out.
const columns = `id, created, athlete, team, side, band, triage, probability, answers, lang, model_version`

// List returns every record, newest first (by Created, then by ID). To
// keep a long log light, the records' Assessment is nil: Get or Each
// gives it.
func (l *Log) List(ctx context.Context) ([]Record, error) {
	rows, err := l.db.QueryContext(ctx, `SELECT `+columns+` FROM records ORDER BY created DESC, id DESC`)
	if err != nil {
		return nil, fmt.Errorf("reading the club log %s: %w", l.path, err)
	}
	defer rows.Close()
	var out []Record
	for rows.Next() {
		r, err := scan(rows, false)
		if err != nil {
			return nil, fmt.Errorf("reading the club log %s: %w", l.path, err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reading the club log %s: %w", l.path, err)
	}
	return out, nil
}

// Get returns one record; an ID that is not in the log is ErrNotFound.
func (l *Log) Get(ctx context.Context, id int64) (Record, error) {
	row := l.db.QueryRowContext(ctx, `SELECT `+columns+`, assessment FROM records WHERE id = ?`, id)
	r, err := scan(row, true)
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
// first error fn returns and returns it. fn sees one consistent snapshot
// of the log, even while other processes write.
func (l *Log) Each(ctx context.Context, fn func(Record) error) error {
	return l.each(ctx, true, fn)
}

// each is Each, leaving out the assessments unless withAssessment is set.
func (l *Log) each(ctx context.Context, withAssessment bool, fn func(Record) error) error {
	query := `SELECT ` + columns + ` FROM records ORDER BY created, id`
	if withAssessment {
		query = `SELECT ` + columns + `, assessment FROM records ORDER BY created, id`
	}
	rows, err := l.db.QueryContext(ctx, query)
	if err != nil {
		return fmt.Errorf("reading the club log %s: %w", l.path, err)
	}
	defer rows.Close()
	for rows.Next() {
		r, err := scan(rows, withAssessment)
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

func scan(s scanner, withAssessment bool) (Record, error) {
	var r Record
	var created, answers string
	dest := []any{&r.ID, &created, &r.Athlete, &r.Team, &r.Side, &r.Band, &r.Triage,
		&r.Probability, &answers, &r.Lang, &r.ModelVersion}
	if withAssessment {
		dest = append(dest, &r.Assessment)
	}
	if err := s.Scan(dest...); err != nil {
		return Record{}, err
	}
	var err error
	if r.Created, err = time.Parse(timeLayout, created); err != nil {
		return Record{}, fmt.Errorf("%w: record %d has a bad creation time %q", ErrDamaged, r.ID, created)
	}
	if r.Answers, err = q.ParseAnswers([]byte(answers)); err != nil {
		return Record{}, fmt.Errorf("%w: record %d has bad answers: %v", ErrDamaged, r.ID, err)
	}
	if len(r.Assessment) == 0 {
		r.Assessment = nil // saved before schema version 2
	}
	return r, nil
}

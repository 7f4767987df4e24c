package clublog

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// SchemaVersion is the version of the log's schema that this program
// writes. Older logs are migrated to it when opened.
const SchemaVersion = 3

// migrations are the schema's versions in order: migrations()[i] takes the
// log from version i to version i+1. Append only; never edit a step that
// has shipped, since logs out there were made by it.
func migrations() []string {
	return []string{schemaV1, schemaV2, schemaV3}
}

// schemaV1 is the first club log.
const schemaV1 = `CREATE TABLE schema_version (
		version INTEGER NOT NULL,
		applied TEXT NOT NULL
	);
	CREATE TABLE records (
		id          INTEGER PRIMARY KEY AUTOINCREMENT,
		created     TEXT NOT NULL,
		athlete     TEXT NOT NULL,
		team        TEXT NOT NULL DEFAULT '',
		side        TEXT NOT NULL DEFAULT '',
		band        TEXT NOT NULL,
		triage      TEXT NOT NULL,
		probability REAL NOT NULL,
		answers     TEXT NOT NULL
	);`

// schemaV2 adds the language, the model and the whole assessment as saved,
// so that a record shows what the trainer saw even after the model
// changes, and an index for listing by date.
const schemaV2 = `ALTER TABLE records ADD COLUMN lang TEXT NOT NULL DEFAULT '';
	ALTER TABLE records ADD COLUMN model_version TEXT NOT NULL DEFAULT '';
	ALTER TABLE records ADD COLUMN assessment TEXT NOT NULL DEFAULT '';
	CREATE INDEX records_created ON records (created, id);`

// schemaV3 makes a record an injury episode: its follow-ups to return to
// play, kept as a history that is only ever added to (the trigger refuses
// to change one), each with when it happened (date, in UTC; date_only when
// the trainer gave the day alone, stored as its start in the local zone)
// beside when it was recorded (created); a deletion that can be undone (deleted holds when, in
// UTC, until the record is purged); and practice records, saved from a
// course case, which exports leave out.
const schemaV3 = `ALTER TABLE records ADD COLUMN practice INTEGER NOT NULL DEFAULT 0;
	ALTER TABLE records ADD COLUMN deleted TEXT;
	CREATE TABLE follow_ups (
		id        INTEGER PRIMARY KEY AUTOINCREMENT,
		record_id INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,
		created   TEXT NOT NULL,
		date      TEXT NOT NULL,
		date_only INTEGER NOT NULL DEFAULT 0,
		status    TEXT NOT NULL,
		note      TEXT NOT NULL DEFAULT '',
		diagnosis TEXT NOT NULL DEFAULT ''
	);
	CREATE INDEX follow_ups_record ON follow_ups (record_id, date, created, id);
	CREATE TRIGGER follow_ups_kept BEFORE UPDATE ON follow_ups
	BEGIN
		SELECT RAISE(ABORT, 'a follow-up is never changed: add a new one');
	END;`

// migrate brings the schema to version target (SchemaVersion but in tests
// that build older logs) in one transaction, first giving an empty file its
// application ID. The checks of inspect are made again inside the
// transaction, since another process may have changed the file in between.
//
// A first look is taken in a read transaction, so that opening a log that
// is up to date never waits for, or holds up, another process's write.
func (l *Log) migrate(ctx context.Context, target int) error {
	done, err := l.migrateTx(ctx, target, true)
	if err != nil || done {
		return err
	}
	_, err = l.migrateTx(ctx, target, false)
	return err
}

// migrateTx checks the schema and, unless look is set, migrates it. It
// reports whether the log is at the target version.
func (l *Log) migrateTx(ctx context.Context, target int, look bool) (done bool, err error) {
	tx, err := l.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: look})
	if err != nil {
		return false, fmt.Errorf("opening the club log %s: %w", l.path, err)
	}
	defer tx.Rollback()

	var appID int32
	var objects int
	if err := tx.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return false, sqlError(l.path, "opening", err)
	}
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&objects); err != nil {
		return false, sqlError(l.path, "opening", err)
	}
	version := 0
	switch {
	case appID == 0 && objects == 0: // a new, empty file
		if look {
			return false, nil
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", ApplicationID)); err != nil {
			return false, fmt.Errorf("initialising the club log %s: %w", l.path, err)
		}
	case appID != ApplicationID:
		return false, foreign(l.path, appID)
	default:
		var tables int
		err := tx.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_version'").Scan(&tables)
		if err == nil && tables == 0 {
			return false, fmt.Errorf("%w: %s has achilles's application ID but no schema_version table", ErrNotLog, l.path)
		}
		if err == nil {
			err = tx.QueryRowContext(ctx, "SELECT coalesce(max(version), 0) FROM schema_version").Scan(&version)
		}
		if err != nil {
			return false, sqlError(l.path, "reading the schema version of", err)
		}
		if err := checkVersion(l.path, version); err != nil {
			return false, err
		}
	}
	if version >= target {
		return true, nil // nothing to write; the deferred rollback ends the read
	}
	if look {
		return false, nil
	}
	applied := time.Now().UTC().Format(time.RFC3339)
	steps := migrations()
	for v := version; v < target; v++ {
		if _, err := tx.ExecContext(ctx, steps[v]); err != nil {
			return false, fmt.Errorf("migrating the club log %s to schema version %d: %w", l.path, v+1, err)
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO schema_version (version, applied) VALUES (?, ?)", v+1, applied); err != nil {
			return false, fmt.Errorf("migrating the club log %s to schema version %d: %w", l.path, v+1, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("migrating the club log %s: %w", l.path, err)
	}
	return true, nil
}

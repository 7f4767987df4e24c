package clublog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"

	"modernc.org/sqlite"
)

// SQLite's primary result codes for a file it cannot write, or open.
const (
	sqliteReadOnly = 8
	sqliteCantOpen = 14
)

// OpenToRead opens an existing club log for the commands that only read
// it, creating nothing. A log this process may write is opened as
// OpenExisting opens it, so an older schema is migrated. A log it may not
// write (see ErrReadOnly) is read as it stands, with nothing written to it
// or beside it: the checks of Open are made on it all the same, and a log
// of an older schema, which only a writer can bring up to date, is refused
// with ErrReadOnly. A path with no file is an error matching
// fs.ErrNotExist.
//
// A read-only log is read by SQLite as immutable when no -wal file holds
// changes, because a read-only connection to a WAL-mode file would make
// -wal and -shm files beside it and could not remove them. An immutable
// read takes no lock, so were the log's owner to write to it at that very
// moment, the read could fail, and is to be run again.
func OpenToRead(path string) (*Log, error) {
	if path == "" {
		return nil, errors.New("no club log path given")
	}
	exists, err := checkFile(path)
	if err != nil {
		return nil, err
	}
	if !exists {
		return nil, fmt.Errorf("the club log %s does not exist: %w", path, fs.ErrNotExist)
	}
	if err := writable(path); !errors.Is(err, ErrReadOnly) {
		if err != nil {
			return nil, err
		}
		return open(path, SchemaVersion, false)
	}
	return openReadOnly(context.Background(), path)
}

// openReadOnly opens a club log that this process may not write, for
// reading only.
func openReadOnly(ctx context.Context, path string) (*Log, error) {
	if err := inspect(ctx, path); err != nil {
		return nil, err
	}
	s, err := fingerprint(path)
	if err != nil {
		return nil, err
	}
	if s.size == 0 {
		return nil, &fileError{fmt.Sprintf("the club log %s is an empty file, a log never started, and only a user who may write it can start it",
			path), ErrReadOnly, "read_only_empty", ""}
	}
	params := "mode=ro"
	if s.header[18] == 2 && fileSize(path+"-wal") <= 32 {
		params = "immutable=1"
	}
	db, err := sql.Open("sqlite", fileURI(path)+"?"+params+
		fmt.Sprintf("&_pragma=busy_timeout(%d)", busyTimeout)+"&_pragma=query_only(1)")
	if err != nil {
		return nil, fmt.Errorf("opening the club log %s: %w", path, err)
	}
	var version int
	err = db.QueryRowContext(ctx, "SELECT coalesce(max(version), 0) FROM schema_version").Scan(&version)
	var serr *sqlite.Error
	switch {
	case errors.As(err, &serr) && (serr.Code()&0xff == sqliteReadOnly || serr.Code()&0xff == sqliteCantOpen):
		// A -wal file left by a writer, without the -shm file that a
		// reader needs and may not make here.
		err = &fileError{fmt.Sprintf("the club log %s is read-only and cannot be read without writing beside it (%v); "+
			"a user who may write it can settle it by running achilles log list on it", path, err), ErrReadOnly, "read_only_wal", ""}
	case err != nil:
		err = sqlError(path, "reading the schema version of", err)
	case version < SchemaVersion:
		err = &fileError{fmt.Sprintf("the club log %s has schema version %d, from an earlier achilles, and must be brought up to version %d "+
			"to be read, but it is read-only to this user; a user who may write it can do that by running achilles log list on it",
			path, version, SchemaVersion), ErrReadOnly, "read_only_old", ""}
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	return &Log{db: db, path: path}, nil
}

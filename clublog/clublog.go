// Package clublog is the club log of achilles: the assessments a trainer
// saves, with the athlete's name, team and side, kept in a local SQLite file
// (pure Go, no cgo). The file is versioned and migrated, written in WAL mode
// so that two processes may write at once, and every write is one
// transaction, so that a crash leaves whole records only. A file that is not
// an achilles log, or is damaged, is refused and never written to.
package clublog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"modernc.org/sqlite" // the "sqlite" database/sql driver
)

// ApplicationID marks an SQLite file as an achilles club log
// (PRAGMA application_id): "ACHL" in ASCII.
const ApplicationID = 0x4143484C

// busyTimeout is how long, in milliseconds, a write waits for another
// process's write to finish before giving up.
const busyTimeout = 10000

// sqliteBusy is SQLITE_BUSY, the primary result code of a locked file.
const sqliteBusy = 5

var (
	// ErrNotLog is a file that is not an achilles club log: not SQLite at
	// all, or SQLite written by another program. It is left as it is.
	ErrNotLog = errors.New("not an achilles club log")
	// ErrDamaged is a club log that is truncated or corrupt. It is left as
	// it is.
	ErrDamaged = errors.New("the club log is damaged")
	// ErrNewer is a club log written by a newer version of achilles, whose
	// schema this program does not know. It is left as it is.
	ErrNewer = errors.New("the club log was written by a newer version of achilles")
	// ErrNotFile is a club log path that names something other than a
	// regular file: a directory, a named pipe, a device, or a symbolic
	// link that leads nowhere. Nothing is opened or made there.
	ErrNotFile = errors.New("a club log must be a regular file")
	// ErrReadOnly is a club log this process may not write: its file is
	// read-only, or it or its directory is not writable by this user.
	// Saving and deleting are refused before anything is written; the
	// log can still be read (OpenToRead).
	ErrReadOnly = errors.New("the club log is read-only")
	// ErrNotFound is a record ID that is not in the log.
	ErrNotFound = errors.New("no such record")
	// ErrInvalid is a record that may not be saved; the error is a
	// *FieldError that names the field.
	ErrInvalid = errors.New("invalid record")
)

// Log is an open club log. Its methods may be called from several
// goroutines at once.
type Log struct {
	db   *sql.DB
	path string
}

// Open opens the club log at path, creating it (and its directory, mode
// 0700) when it does not exist. The file and SQLite's companion files get
// mode 0600. An existing file is first checked read-only: one that is not a
// club log (ErrNotLog), is damaged (ErrDamaged) or has a newer schema
// (ErrNewer) is refused without being changed. An older schema is migrated.
// A path that names anything but a regular file (a directory, named pipe
// or device), or a symbolic link that leads nowhere, is refused without
// being opened (ErrNotFile); a link to a regular file is followed. A log
// this process may not write is refused before anything is written
// (ErrReadOnly).
func Open(path string) (*Log, error) {
	return open(path, SchemaVersion, true)
}

// OpenExisting is Open for a log that must already be there, for commands
// that only read or remove records: it creates nothing, neither the file
// nor its directory. A path with no file is an error matching
// fs.ErrNotExist.
func OpenExisting(path string) (*Log, error) {
	return open(path, SchemaVersion, false)
}

// open is Open (create set) or OpenExisting, migrating to a given schema
// version.
func open(path string, version int, create bool) (*Log, error) {
	ctx := context.Background()
	if path == "" {
		return nil, errors.New("no club log path given")
	}
	exists, err := checkFile(path)
	if err != nil {
		return nil, err
	}
	made := false
	if !exists {
		if !create {
			return nil, fmt.Errorf("the club log %s does not exist: %w", path, fs.ErrNotExist)
		}
		if made, err = createFile(path); err != nil {
			return nil, err
		}
	}
	if !made {
		if err := inspect(ctx, path); err != nil {
			return nil, err
		}
		if err := writable(path); err != nil {
			return nil, err
		}
	}

	// mode=rw: the file is there by now, and SQLite must not create it
	// again should it vanish in between.
	db, err := sql.Open("sqlite", fileURI(path)+"?mode=rw&_txlock=immediate"+
		fmt.Sprintf("&_pragma=busy_timeout(%d)", busyTimeout)+
		"&_pragma=foreign_keys(1)&_pragma=synchronous(FULL)"+
		// A purged record must leave no trace of a name or a diagnosis
		// in the file: SQLite zeroes what it deletes.
		"&_pragma=secure_delete(1)")
	if err != nil {
		return nil, fmt.Errorf("opening the club log %s: %w", path, err)
	}
	l := &Log{db: db, path: path}
	if err := retryBusy(func() error { return l.migrate(ctx, version) }); err != nil {
		db.Close()
		return nil, err
	}
	// WAL only after the schema and application ID are committed in the
	// main file, so that the file identifies itself even if a crash leaves
	// later transactions in the -wal file alone.
	var mode string
	err = retryBusy(func() error {
		return db.QueryRowContext(ctx, "PRAGMA journal_mode=WAL").Scan(&mode)
	})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("opening the club log %s: setting WAL mode: %w", path, err)
	}
	if !strings.EqualFold(mode, "wal") {
		db.Close()
		return nil, fmt.Errorf("opening the club log %s: SQLite kept journal mode %q instead of WAL", path, mode)
	}
	return l, nil
}

// createFile makes an empty club log file at path, and its directory, when
// there is none; it reports whether it made one. O_EXCL makes it refuse to
// follow a symbolic link put there meanwhile.
func createFile(path string) (bool, error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return false, fmt.Errorf("creating the club log's directory: %w", err)
	}
	if err := canWrite(dir); err != nil {
		return false, &fileError{fmt.Sprintf("the directory %s is not writable by this user (%v), so the club log %s cannot be made there",
			dir, err, path), ErrReadOnly, "dir_read_only", dir}
	}
	// Create the file ourselves so that it, and the -wal, -shm and -journal
	// files SQLite gives the same mode, are private from the start.
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	switch {
	case err == nil:
		if err := f.Close(); err != nil {
			return false, fmt.Errorf("creating the club log %s: %w", path, err)
		}
		return true, nil
	case errors.Is(err, fs.ErrExist):
		return false, nil // made meanwhile: inspect says what it is
	}
	return false, fmt.Errorf("creating the club log %s: %w", path, err)
}

// Path is the file the log was opened from.
func (l *Log) Path() string { return l.path }

// Close closes the log.
func (l *Log) Close() error { return l.db.Close() }

// retryBusy runs fn again while it fails because another process holds
// the file, for up to the busy timeout. SQLite waits by itself in most
// cases, but not while another process switches the file to WAL mode.
func retryBusy(fn func() error) error {
	deadline := time.Now().Add(busyTimeout * time.Millisecond)
	for {
		err := fn()
		var serr *sqlite.Error
		if err == nil || !errors.As(err, &serr) || serr.Code()&0xff != sqliteBusy || time.Now().After(deadline) {
			return err
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// fileURI makes an SQLite URI filename of path, escaping the characters
// that would otherwise start a query or a fragment.
func fileURI(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	path = filepath.ToSlash(path)
	if runtime.GOOS == "windows" {
		path = "/" + path
	}
	r := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23")
	return "file:" + r.Replace(path)
}

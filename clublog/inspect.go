package clublog

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"syscall"
	"time"

	"modernc.org/sqlite"
)

// sqliteMagic opens every SQLite 3 database file.
const sqliteMagic = "SQLite format 3\x00"

// SQLite's result codes for a file that is not a database or is corrupt.
const (
	sqliteCorrupt = 11
	sqliteNotADB  = 26
)

// readonlyRollback is SQLITE_READONLY_ROLLBACK: a read-only connection met
// a hot journal that only a writer may roll back.
const readonlyRollback = 776

// inspect checks, without changing it or creating anything beside it, that
// an existing file is an achilles club log in good order that this program
// can read. An empty file passes: Open initialises it.
//
// The header is checked in Go first, so that junk and other programs'
// databases never reach SQLite. Then SQLite checks the pages and the schema
// version on a read-only connection. A WAL-mode file without a -wal file is
// read as immutable, because a read-only connection would create the -wal
// and -shm files and leave them behind; since nothing is locked then, a
// failure while another process was checkpointing into the file is retried.
func inspect(ctx context.Context, path string) error {
	for attempt := 0; ; attempt++ {
		before, err := fingerprint(path)
		if err != nil {
			return err
		}
		err = inspectOnce(ctx, path, before)
		after, ferr := fingerprint(path)
		if err == nil || ferr != nil || after == before || attempt == 4 {
			return err
		}
		time.Sleep(20 * time.Millisecond) // it changed under us: look again
	}
}

// stamp is what changes when a file is written.
type stamp struct {
	size    int64
	modTime int64 // in nanoseconds
	header  [100]byte
}

func fingerprint(path string) (stamp, error) {
	// O_NONBLOCK: should the path have become a named pipe since it was
	// checked, the open must not wait for a writer. Regular files ignore
	// the flag.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return stamp{}, fmt.Errorf("opening the club log %s: %w", path, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return stamp{}, fmt.Errorf("opening the club log %s: %w", path, err)
	}
	if !info.Mode().IsRegular() {
		return stamp{}, notFile(path, info.Mode())
	}
	s := stamp{size: info.Size(), modTime: info.ModTime().UnixNano()}
	if _, err := io.ReadFull(f, s.header[:]); err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return stamp{}, fmt.Errorf("reading the club log %s: %w", path, err)
	}
	return s, nil
}

func inspectOnce(ctx context.Context, path string, s stamp) error {
	if s.size == 0 {
		return nil
	}
	h := s.header[:]
	if s.size < int64(len(h)) || !bytes.HasPrefix(h, []byte(sqliteMagic)) {
		return fmt.Errorf("%w: %s is not an SQLite database", ErrNotLog, path)
	}
	if id := int32(binary.BigEndian.Uint32(h[68:])); id != ApplicationID {
		return foreign(path, id)
	}
	walFrames := fileSize(path+"-wal") > 32 // the -wal header alone holds no pages
	pageSize := int64(binary.BigEndian.Uint16(h[16:]))
	if pageSize == 1 {
		pageSize = 65536
	}
	if pageSize < 512 || pageSize&(pageSize-1) != 0 {
		return fmt.Errorf("%w: %s has an invalid page size (%d)", ErrDamaged, path, pageSize)
	}
	// The page count in the header is valid when the version-valid-for
	// number matches the change counter. With pages in the -wal file, the
	// main file may rightly be shorter.
	pages := int64(binary.BigEndian.Uint32(h[28:]))
	valid := binary.BigEndian.Uint32(h[92:]) == binary.BigEndian.Uint32(h[24:])
	if !walFrames && valid && pages > 0 && s.size < pages*pageSize {
		return fmt.Errorf("%w: %s is truncated: %d bytes where its header says %d", ErrDamaged, path, s.size, pages*pageSize)
	}

	params := "mode=ro"
	if h[18] == 2 && !walFrames {
		params = "immutable=1"
	}
	db, err := sql.Open("sqlite", fileURI(path)+"?"+params+fmt.Sprintf("&_pragma=busy_timeout(%d)", busyTimeout))
	if err != nil {
		return fmt.Errorf("opening the club log %s: %w", path, err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)

	var check string
	err = db.QueryRowContext(ctx, "PRAGMA quick_check(1)").Scan(&check)
	var serr *sqlite.Error
	if errors.As(err, &serr) && serr.Code() == readonlyRollback {
		// A writer died mid-transaction before the file was ever in WAL
		// mode (during its creation). Opening it for writing rolls that
		// back, as SQLite is designed to; there is nothing else to check.
		return nil
	}
	if err != nil {
		return sqlError(path, "checking", err)
	}
	if check != "ok" {
		check = strings.Join(strings.Fields(strings.ReplaceAll(check, "*** in database main ***", "")), " ")
		return fmt.Errorf("%w: %s failed SQLite's check: %s", ErrDamaged, path, check)
	}
	var tables int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_version'").Scan(&tables); err != nil {
		return sqlError(path, "checking", err)
	}
	if tables == 0 {
		return fmt.Errorf("%w: %s has achilles's application ID but no schema_version table", ErrNotLog, path)
	}
	var version int
	if err := db.QueryRowContext(ctx, "SELECT coalesce(max(version), 0) FROM schema_version").Scan(&version); err != nil {
		return sqlError(path, "reading the schema version of", err)
	}
	return checkVersion(path, version)
}

// checkVersion refuses a schema newer than this program's.
func checkVersion(path string, version int) error {
	if version > SchemaVersion {
		return fmt.Errorf("%w: %s has schema version %d and this program knows versions up to %d; use a newer achilles, or another file",
			ErrNewer, path, version, SchemaVersion)
	}
	return nil
}

// sqlError words an SQLite error met while doing something to the file:
// one that says the file is corrupt matches ErrDamaged.
func sqlError(path, doing string, err error) error {
	var serr *sqlite.Error
	if errors.As(err, &serr) {
		switch serr.Code() & 0xff {
		case sqliteCorrupt, sqliteNotADB:
			return fmt.Errorf("%w: %s: %v", ErrDamaged, path, err)
		}
	}
	return fmt.Errorf("%s the club log %s: %w", doing, path, err)
}

// foreign is the error for another program's SQLite database.
func foreign(path string, appID int32) error {
	if appID == 0 {
		return fmt.Errorf("%w: %s is an SQLite database without achilles's application ID", ErrNotLog, path)
	}
	return fmt.Errorf("%w: %s is an SQLite database of another program (application ID %#x)", ErrNotLog, path, appID)
}

// fileSize is the size of a file, or 0 when it does not exist.
func fileSize(path string) int64 {
	info, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return info.Size()
}

//go:build unix

package cli

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// logState is what reading a club log must leave as it was: the file's
// bytes and modification time, and the names in its directory (no -wal,
// -shm or -journal file beside it).
type logState struct {
	sum     [sha256.Size]byte
	modTime time.Time
	names   []string
}

func stateOfLog(t *testing.T, db string) logState {
	t.Helper()
	data, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(db)
	if err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(filepath.Dir(db))
	if err != nil {
		t.Fatal(err)
	}
	s := logState{sum: sha256.Sum256(data), modTime: info.ModTime()}
	for _, e := range entries {
		s.names = append(s.names, e.Name())
	}
	return s
}

// readLogUntouched runs the reading commands on the club log at db, which
// holds records for athletes A and B, and checks that each reads it whole
// and leaves it exactly as it was.
func readLogUntouched(t *testing.T, db string) {
	t.Helper()
	before := stateOfLog(t, db)
	out := filepath.Join(t.TempDir(), "export.json")
	for _, args := range [][]string{
		{"list"}, {"list", "--format", "json"}, {"show", "1"}, {"show", "2", "--format", "json"},
		{"export", "--format", "csv"}, {"export", "--format", "json", "--output", out},
	} {
		o := logRun(t, db, args...)
		// --output says on stderr what it wrote; nothing else may.
		said := ""
		if slices.Contains(args, "--output") {
			said = "achilles: wrote 2 record(s) to " + out + "\n"
		}
		if o.code != ExitOK || o.stderr != said || (o.stdout == "") != slices.Contains(args, "--output") {
			t.Fatalf("%v of the read-only log: %v; want exit 0, the records and nothing on stderr", args, o)
		}
		if args[0] == "list" && (!strings.Contains(o.stdout, `A`) || !strings.Contains(o.stdout, `B`)) {
			t.Errorf("%v of the read-only log: %q, want both records", args, o.stdout)
		}
		after := stateOfLog(t, db)
		if after.sum != before.sum || !after.modTime.Equal(before.modTime) {
			t.Errorf("%v changed the read-only log's bytes or modification time", args)
		}
		if !slices.Equal(after.names, before.names) {
			t.Fatalf("%v left %v beside the read-only log, want only %v", args, after.names, before.names)
		}
	}
	if data, err := os.ReadFile(out); err != nil || strings.Count(string(data), `"athlete"`) != 2 {
		t.Errorf("export --output of the read-only log wrote %q (%v), want both records", data, err)
	}
}

// writingRefused checks that the commands that write to the club log at
// db refuse at once, saying what is not writable, and change nothing.
func writingRefused(t *testing.T, db string, want ...string) {
	t.Helper()
	before := stateOfLog(t, db)
	for _, args := range [][]string{{"add", "--athlete", "C", "--case", "classic"}, {"delete", "1", "--yes"},
		{"follow-up", "1", "--status", "seen"}, {"restore", "1"}, {"undo"}, {"purge", "--yes"}} {
		mustFail(t, logRun(t, db, args...), append(want, "--db PATH or ACHILLES_DB")...)
	}
	if after := stateOfLog(t, db); after.sum != before.sum || !slices.Equal(after.names, before.names) {
		t.Errorf("a refused write changed the log or left %v beside it", after.names)
	}
}

// twoRecords makes a club log holding records for athletes A and B.
func twoRecords(t *testing.T, db string) {
	t.Helper()
	mustSucceed(t, logRun(t, db, "add", "--athlete", "A", "--answer", "pop=yes", "--answer", "thompson=positive"))
	mustSucceed(t, logRun(t, db, "add", "--athlete", "B", "--answer", "pop=no", "--answer", "walk=limp"))
}

// A club log whose file is read-only (mode 0444) is read by list, show and
// export without a byte written to it or beside it: no -wal, -shm or
// -journal file. add and delete say that it is read-only, exit 2, and
// write nothing. (Root may write a 0444 file, but achilles takes the mode
// as the owner's word and does not.)
func TestLogReadOnlyFile(t *testing.T) {
	db := filepath.Join(t.TempDir(), "log.db")
	twoRecords(t, db)
	if err := os.Chmod(db, 0o444); err != nil {
		t.Fatal(err)
	}
	readLogUntouched(t, db)
	writingRefused(t, db, "the club log "+db, "is read-only")
}

// A club log in a directory this user cannot write is read as well: SQLite
// could not make its -wal and -shm files there, and must not need to. add
// and delete name the directory.
func TestLogReadOnlyDirectory(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "club")
	db := filepath.Join(dir, "log.db")
	twoRecords(t, db)
	lockDirectory(t, dir)
	readLogUntouched(t, db)
	writingRefused(t, db, "the directory "+dir, "is not writable", "the club log "+db)

	// log add cannot start a new log there either, and says why.
	fresh := filepath.Join(dir, "new.db")
	mustFail(t, logRun(t, fresh, "add", "--athlete", "A"), "the directory "+dir, "is not writable", fresh)
}

// A read-only club log of an earlier schema version cannot be brought up
// to date, which is a write: the reading commands say so, and what to do,
// and leave it as it was.
func TestLogReadOnlyOldSchema(t *testing.T) {
	fixture, err := os.ReadFile(filepath.Join("..", "clublog", "testdata", "v1.db"))
	if err != nil {
		t.Fatal(err)
	}
	db := writeFile(t, "log.db", fixture)
	if err := os.Chmod(db, 0o444); err != nil {
		t.Fatal(err)
	}
	before := stateOfLog(t, db)
	for _, args := range [][]string{{"list"}, {"show", "1"}, {"export", "--format", "csv"}} {
		mustFail(t, logRun(t, db, args...), "the club log "+db, "from an earlier achilles", "read-only",
			"achilles log list")
	}
	if after := stateOfLog(t, db); after.sum != before.sum || !slices.Equal(after.names, before.names) {
		t.Errorf("reading the old read-only log changed it or left %v beside it", after.names)
	}
}

package clublog

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// achillesLog makes a closed club log with n records, whole in its main
// file (closing checkpoints the WAL).
func achillesLog(t *testing.T, path string, n int) {
	t.Helper()
	l, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		mustAdd(t, l, record(t, "classic", fmt.Sprintf("Athlete %d", i), "", t0))
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path + "-wal"); err == nil {
		t.Fatal("the -wal file is still there after closing")
	}
}

// TestRefuses checks that files that are not a club log, are damaged or
// are too new are refused, and left exactly as they were.
func TestRefuses(t *testing.T) {
	for _, tc := range []struct {
		name  string
		make  func(t *testing.T, path string)
		want  error
		about string // a part of the message
	}{
		{"junk", func(t *testing.T, path string) {
			write(t, path, noise(1, make([]byte, 10000)))
		}, ErrNotLog, "not an SQLite database"},
		{"text", func(t *testing.T, path string) {
			write(t, path, []byte("name,team\nA,B\n"))
		}, ErrNotLog, "not an SQLite database"},
		{"another program's database", func(t *testing.T, path string) {
			db := rawDB(t, path)
			execSQL(t, db, "PRAGMA application_id = 42", "CREATE TABLE records (id INTEGER PRIMARY KEY, x TEXT)",
				"INSERT INTO records (x) VALUES ('theirs')")
			db.Close()
		}, ErrNotLog, "another program (application ID 0x2a)"},
		{"another program's WAL database", func(t *testing.T, path string) {
			db := rawDB(t, path)
			execSQL(t, db, "PRAGMA journal_mode = WAL", "CREATE TABLE schema_version (version INTEGER, applied TEXT)",
				"INSERT INTO schema_version VALUES (1, 'x')")
			db.Close()
		}, ErrNotLog, "without achilles's application ID"},
		{"our ID without our schema", func(t *testing.T, path string) {
			db := rawDB(t, path)
			execSQL(t, db, fmt.Sprintf("PRAGMA application_id = %d", ApplicationID), "CREATE TABLE t (x)")
			db.Close()
		}, ErrNotLog, "no schema_version table"},
		{"truncated", func(t *testing.T, path string) {
			achillesLog(t, path, 40)
			info, _ := os.Stat(path)
			if err := os.Truncate(path, info.Size()/2); err != nil {
				t.Fatal(err)
			}
		}, ErrDamaged, "truncated"},
		{"corrupt pages", func(t *testing.T, path string) {
			achillesLog(t, path, 40)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			// Page 1 (the header and the schema) stays; the rest is noise.
			noise(2, data[4096:])
			write(t, path, data)
		}, ErrDamaged, "failed SQLite's check: Tree"},
		{"newer schema", func(t *testing.T, path string) {
			achillesLog(t, path, 3)
			db := rawDB(t, path)
			execSQL(t, db, "INSERT INTO schema_version VALUES (4, '2030-01-01T00:00:00Z')")
			db.Close()
		}, ErrNewer, "schema version 4 and this program knows versions up to 3"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "log.db")
			tc.make(t, path)
			// An old modification time shows any write, however coarse
			// the file system's clock.
			old := time.Now().Add(-time.Hour).Truncate(time.Second)
			if err := os.Chtimes(path, old, old); err != nil {
				t.Fatal(err)
			}
			before := stateOf(t, path)
			for range 2 { // a second try finds the same, with nothing left over from the first
				l, err := Open(path)
				if err == nil {
					l.Close()
					t.Fatalf("Open succeeded; want %v", tc.want)
				}
				if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), tc.about) {
					t.Fatalf("Open = %v; want %v naming the file and saying %q", err, tc.want, tc.about)
				}
				after := stateOf(t, path)
				if !reflect.DeepEqual(before, after) {
					t.Fatalf("the refused file changed:\nbefore %+v\nafter  %+v", before, after)
				}
			}
		})
	}
}

func write(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// noise fills b with reproducible random bytes.
func noise(seed uint64, b []byte) []byte {
	r := rand.New(rand.NewPCG(seed, seed))
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

//go:build unix

package cli

import (
	"net"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// export --output writes only a regular file, or a new one: a named pipe,
// a socket or a device at the name is refused at once, by name, and left
// as it is, instead of being replaced by the export.
func TestLogExportOutputNotARegularFile(t *testing.T) {
	db := filepath.Join(t.TempDir(), "log.db")
	mustSucceed(t, logRun(t, db, "add", "--athlete", "A", "--case", "classic"))
	fifo := mkfifo(t)
	sock := filepath.Join(t.TempDir(), "out.sock")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatalf("listening on a unix socket: %v", err)
	}
	defer l.Close()
	cases := []struct{ name, path, kind string }{
		{"named pipe", fifo, "named pipe"},
		{"socket", sock, "socket"},
	}
	// A device of its own, like /dev/null, in a scratch directory, so that
	// a failure of this test cannot replace the system's.
	if dev := filepath.Join(t.TempDir(), "null"); syscall.Mknod(dev, syscall.S_IFCHR|0o600, 1<<8|3) == nil {
		cases = append(cases, struct{ name, path, kind string }{"device", dev, "device"})
	} else {
		t.Log("cannot make a device node here (that needs root): the device case is not run")
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before, err := os.Lstat(c.path)
			if err != nil {
				t.Fatal(err)
			}
			mustFail(t, runOrHang(t, "log", "export", "--db", db, "--format", "csv", "--output", c.path),
				"--output "+c.path, c.kind, "not a regular file")
			after, err := os.Lstat(c.path)
			if err != nil || !os.SameFile(before, after) || after.Mode() != before.Mode() {
				t.Errorf("%s was replaced or changed (%v)", c.path, err)
			}
			if entries, _ := os.ReadDir(filepath.Dir(c.path)); len(entries) != 1 {
				t.Errorf("%d files beside %s, want none left behind", len(entries)-1, c.path)
			}
		})
	}
}

// --db (or ACHILLES_DB) names a regular file, or a new one for log add.
// A named pipe, which would block the open until someone wrote to it, out
// of reach of Ctrl+C and SIGTERM, a device such as /dev/null, a directory,
// or a link that leads nowhere is refused at once by every log command:
// exit 2, naming it; nothing is made in its place.
func TestLogDBNotARegularFile(t *testing.T) {
	fifo := mkfifo(t)
	dir := t.TempDir()
	dangling := filepath.Join(dir, "log.db")
	if err := os.Symlink(filepath.Join("elsewhere", "log.db"), dangling); err != nil {
		t.Fatal(err)
	}
	commands := [][]string{
		{"list"}, {"show", "1"}, {"export", "--format", "csv"}, {"delete", "1"}, {"add", "--athlete", "A", "--case", "classic"},
	}
	for _, c := range []struct{ name, db, about string }{
		{"named pipe", fifo, "is a named pipe"},
		{"device", os.DevNull, "is a device"},
		{"directory", t.TempDir(), "is a directory"},
		{"dangling link", dangling, "is a symbolic link to elsewhere/log.db, which does not exist"},
	} {
		for _, args := range commands {
			t.Run(c.name+"/"+args[0], func(t *testing.T) {
				mustFail(t, runOrHang(t, append([]string{"log", args[0], "--db", c.db}, args[1:]...)...),
					"the club log "+c.db, c.about, "must be a regular file", "--db PATH or ACHILLES_DB")
			})
		}
	}
	if info, err := os.Lstat(fifo); err != nil || info.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the named pipe was replaced (%v)", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d files beside the dangling link, want none: a log was made through it", len(entries)-1)
	}
	if entries, _ := os.ReadDir(filepath.Dir(fifo)); len(entries) != 1 {
		t.Errorf("%d files beside the named pipe, want none", len(entries)-1)
	}
}

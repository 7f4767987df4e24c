//go:build unix

package clublog

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// openOrHang runs open and fails the test, rather than hang it, if open
// has not returned after a generous bound: it only tells a hang from a
// return, and is no measure of speed.
func openOrHang(t *testing.T, open func(string) (*Log, error), path string) error {
	t.Helper()
	done := make(chan error, 1)
	go func() {
		l, err := open(path)
		if err == nil {
			l.Close()
		}
		done <- err
	}()
	select {
	case err := <-done:
		return err
	case <-time.After(20 * time.Second):
		t.Fatalf("opening %s had not returned after 20 s: it waits on the file", path)
		return nil
	}
}

// A club log is a regular file. A named pipe (which would block the open
// until someone wrote to it), a device, a directory or a link that leads
// nowhere is refused at once, by name, and nothing is made in its place.
func TestOpenNotARegularFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.db")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("cannot make a named pipe here: %v", err)
	}
	t.Cleanup(func() { // lets go an open stuck on the pipe, if any
		if f, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			f.Close()
		}
	})
	toFifo, dangling := filepath.Join(dir, "to-fifo.db"), filepath.Join(dir, "dangling.db")
	if err := os.Symlink(fifo, toFifo); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join("nowhere", "log.db"), dangling); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ name, path, about string }{
		{"named pipe", fifo, "is a named pipe"},
		{"link to a named pipe", toFifo, "is a named pipe"},
		{"device", os.DevNull, "is a device"},
		{"directory", t.TempDir(), "is a directory"},
		{"dangling link", dangling, "is a symbolic link to nowhere/log.db, which does not exist"},
	} {
		for name, open := range map[string]func(string) (*Log, error){"Open": Open, "OpenExisting": OpenExisting} {
			t.Run(c.name+"/"+name, func(t *testing.T) {
				err := openOrHang(t, open, c.path)
				if !errors.Is(err, ErrNotFile) || !strings.Contains(err.Error(), c.path) || !strings.Contains(err.Error(), c.about) {
					t.Fatalf("%s(%s) = %v; want ErrNotFile, naming it and saying it %s", name, c.path, err, c.about)
				}
			})
		}
	}
	if _, err := os.Lstat(filepath.Join(dir, "nowhere")); !os.IsNotExist(err) {
		t.Errorf("opening the dangling link made its target's directory (%v)", err)
	}
	if info, err := os.Lstat(fifo); err != nil || info.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the named pipe was replaced (%v)", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 3 {
		t.Errorf("%d files in the directory, want the pipe and the two links only", len(entries))
	}
}

// A link to a club log is followed: the log is read and written through it.
func TestOpenThroughALink(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "log.db")
	achillesLog(t, path, 2)
	link := filepath.Join(t.TempDir(), "link.db")
	if err := os.Symlink(path, link); err != nil {
		t.Fatal(err)
	}
	l, err := Open(link)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	mustAdd(t, l, record(t, "classic", "C", "", t0))
	if recs, err := l.List(context.Background()); err != nil || len(recs) != 3 {
		t.Errorf("%d records through the link (%v), want 3", len(recs), err)
	}
}

// A read-only log (mode 0444) is refused for writing with ErrReadOnly, and
// OpenToRead reads it without making anything beside it.
func TestReadOnlyLog(t *testing.T) {
	path := filepath.Join(t.TempDir(), "log.db")
	achillesLog(t, path, 2)
	if err := os.Chmod(path, 0o444); err != nil {
		t.Fatal(err)
	}
	before := stateOf(t, path)
	for name, open := range map[string]func(string) (*Log, error){"Open": Open, "OpenExisting": OpenExisting} {
		if _, err := open(path); !errors.Is(err, ErrReadOnly) || !strings.Contains(err.Error(), path) {
			t.Errorf("%s(a read-only log) = %v, want ErrReadOnly naming it", name, err)
		}
	}
	l, err := OpenToRead(path)
	if err != nil {
		t.Fatal(err)
	}
	if recs, err := l.List(context.Background()); err != nil || len(recs) != 2 {
		t.Errorf("OpenToRead: %d records (%v), want 2", len(recs), err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	if after := stateOf(t, path); after.sum != before.sum || !after.modTime.Equal(before.modTime) || len(after.names) != 1 {
		t.Errorf("reading the read-only log changed it or left %v beside it", after.names)
	}
}

//go:build unix

package cli

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// runOrHang runs the program in-process and fails the test, rather than
// hang it, if the run has not returned after a generous bound. The bound
// only tells a hang from a run; it is not a measure of speed.
func runOrHang(t *testing.T, args ...string) outcome {
	t.Helper()
	done := make(chan outcome, 1)
	go func() { done <- run(t, args...) }()
	select {
	case o := <-done:
		return o
	case <-time.After(10 * time.Second):
		t.Fatalf("achilles %s had not returned after 10 s: it waits on the file", strings.Join(args, " "))
		return outcome{}
	}
}

// mkfifo makes a named pipe that nobody writes to. If a run is stuck
// opening it for reading, the cleanup lets it go by opening the other end.
func mkfifo(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "answers.json")
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Skipf("cannot make a named pipe here: %v", err)
	}
	t.Cleanup(func() {
		if f, err := os.OpenFile(path, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			f.Close()
		}
	})
	return path
}

// --answers FILE reads only a regular file. A named pipe would block in
// open until a writer came (and Ctrl+C could not stop it); a device or a
// directory is not a document either. Each is refused at once, by name.
func TestAnswersNotARegularFile(t *testing.T) {
	fifo := mkfifo(t)
	sock := filepath.Join(t.TempDir(), "answers.sock")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatalf("listening on a unix socket: %v", err)
	}
	defer l.Close()
	dir := t.TempDir()
	link := filepath.Join(t.TempDir(), "link.json")
	if err := os.Symlink(fifo, link); err != nil {
		t.Fatal(err)
	}

	for _, c := range []struct {
		name, path, kind string
	}{
		{"named pipe", fifo, "named pipe"},
		{"link to a named pipe", link, "named pipe"},
		{"device", os.DevNull, "device"},
		{"directory", dir, "directory"},
		{"socket", sock, "socket"},
	} {
		t.Run(c.name, func(t *testing.T) {
			checkUsageError(t, runOrHang(t, "assess", "--answers", c.path),
				"--answers "+c.path, c.kind, "not a regular file", "- for stdin")
		})
	}

	// log add reads --answers the same way, before it opens the log.
	db := filepath.Join(t.TempDir(), "log.db")
	checkUsageError(t, runOrHang(t, "log", "add", "--db", db, "--athlete", "AB", "--answers", fifo),
		"--answers "+fifo, "named pipe", "not a regular file")
	if _, err := os.Stat(db); err == nil {
		t.Errorf("log add created %s although its --answers was refused", db)
	}
}

// A link to a regular file is read as the file.
func TestAnswersThroughALink(t *testing.T) {
	file := writeFile(t, "answers.json", []byte(`{"pop": "yes"}`))
	link := filepath.Join(t.TempDir(), "link.json")
	if err := os.Symlink(file, link); err != nil {
		t.Fatal(err)
	}
	o := run(t, "assess", "--answers", link, "--format", "json")
	mustSucceed(t, o)
	checkReport(t, o.stdout, map[string]any{"pop": "yes"})
}

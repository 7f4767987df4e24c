package clublog

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The environment of a helper process: what it does, on which log, under
// which name.
const (
	helperMode = "CLUBLOG_HELPER"
	helperPath = "CLUBLOG_PATH"
	helperName = "CLUBLOG_NAME"
)

// TestHelperProcess is not a test: it is another process writing to a log,
// started by the tests below. It waits for a line on stdin, then adds
// records one transaction each, printing each new ID: 40 of them in mode
// "add40", until killed in mode "forever".
func TestHelperProcess(t *testing.T) {
	mode := os.Getenv(helperMode)
	if mode == "" {
		t.Skip("a helper for the tests that start processes")
	}
	err := helper(mode, os.Getenv(helperPath), os.Getenv(helperName))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(0)
}

func helper(mode, path, name string) error {
	if _, err := bufio.NewReader(os.Stdin).ReadString('\n'); err != nil {
		return err
	}
	l, err := Open(path)
	if err != nil {
		return err
	}
	defer l.Close()
	for i := 0; mode == "forever" || i < 40; i++ {
		r, err := caseRecord([]string{"classic", "sprain", "calf_tear"}[i%3], fmt.Sprintf("%s %d", name, i), "Team "+name, t0.Add(time.Duration(i)*time.Second))
		if err != nil {
			return err
		}
		id, err := l.Add(context.Background(), r)
		if err != nil {
			return err
		}
		fmt.Println(id)
	}
	return nil
}

// startHelper starts a helper process; it begins when told to through the
// returned writer.
func startHelper(t *testing.T, mode, path, name string) (*exec.Cmd, io.WriteCloser, io.Reader) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), helperMode+"="+mode, helperPath+"="+path, helperName+"="+name)
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	return cmd, stdin, stdout
}

// TestTwoProcessesWriting starts two processes that create the same new
// log at once and add 40 records each: all 80 are there afterwards.
func TestTwoProcessesWriting(t *testing.T) {
	path := filepath.Join(t.TempDir(), "log.db")
	type proc struct {
		cmd *exec.Cmd
		in  io.WriteCloser
		out io.Reader
	}
	var procs []proc
	for _, name := range []string{"A", "B"} {
		cmd, in, out := startHelper(t, "add40", path, name)
		procs = append(procs, proc{cmd, in, out})
	}
	for _, p := range procs {
		io.WriteString(p.in, "go\n")
		p.in.Close()
	}
	printed := map[int64]bool{}
	for _, p := range procs {
		out, _ := io.ReadAll(p.out)
		if err := p.cmd.Wait(); err != nil {
			t.Fatalf("helper: %v", err)
		}
		for _, f := range strings.Fields(string(out)) {
			id, _ := strconv.ParseInt(f, 10, 64)
			printed[id] = true
		}
	}
	if len(printed) != 80 {
		t.Fatalf("the helpers were given %d distinct IDs, want 80", len(printed))
	}

	l, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	seen := map[string]bool{}
	err = l.Each(context.Background(), func(r Record) error {
		if !printed[r.ID] {
			t.Errorf("record %d was not reported by a helper", r.ID)
		}
		if seen[r.Athlete] {
			t.Errorf("athlete %q twice", r.Athlete)
		}
		seen[r.Athlete] = true
		if want := "Team " + r.Athlete[:1]; r.Team != want {
			t.Errorf("record %d: team %q for athlete %q, want %q", r.ID, r.Team, r.Athlete, want)
		}
		checkRecord(t, r)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"A", "B"} {
		for i := range 40 {
			if a := fmt.Sprintf("%s %d", name, i); !seen[a] {
				t.Errorf("record of %q is missing", a)
			}
		}
	}
}

// TestKilledMidWrite kills a process while it adds records: the log opens,
// passes SQLite's integrity check, holds whole records only, and holds
// every record the process reported as saved.
func TestKilledMidWrite(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no SIGKILL on Windows")
	}
	path := filepath.Join(t.TempDir(), "log.db")
	cmd, in, out := startHelper(t, "forever", path, "K")
	io.WriteString(in, "go\n")
	saved := map[int64]bool{}
	lines := bufio.NewScanner(out)
	for len(saved) < 25 && lines.Scan() {
		id, err := strconv.ParseInt(lines.Text(), 10, 64)
		if err != nil {
			t.Fatalf("helper printed %q", lines.Text())
		}
		saved[id] = true
	}
	if err := cmd.Process.Kill(); err != nil { // SIGKILL: no chance to clean up
		t.Fatal(err)
	}
	cmd.Wait()
	if len(saved) < 25 {
		t.Fatalf("the helper saved %d records before it stopped, want 25", len(saved))
	}

	l, err := Open(path)
	if err != nil {
		t.Fatalf("the log of a killed process does not open: %v", err)
	}
	defer l.Close()
	var check string
	if err := l.db.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check = %q, %v", check, err)
	}
	n := 0
	err = l.Each(context.Background(), func(r Record) error {
		n++
		checkRecord(t, r)
		delete(saved, r.ID)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(saved) > 0 {
		t.Fatalf("records reported as saved are missing: %v", saved)
	}
	t.Logf("%d records survived the kill", n)
}

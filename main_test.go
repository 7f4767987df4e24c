package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"
)

// binary is the achilles program built once for all tests of this file.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "achilles-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "achilles")
	build := exec.Command("go", "build", "-o", binary, ".")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building achilles:", err)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// result is what a run of the binary did.
type result struct {
	code           int
	stdout, stderr string
}

// run runs the binary with stdin and args, in an environment without colour
// or locale settings, and waits for it to end.
func run(t *testing.T, stdin io.Reader, args ...string) result {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = []string{"LANG=C", "PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir()}
	cmd.Stdin = stdin
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("running achilles %s: %v", strings.Join(args, " "), err)
	}
	return result{code: cmd.ProcessState.ExitCode(), stdout: stdout.String(), stderr: stderr.String()}
}

func TestAssessSucceeds(t *testing.T) {
	r := run(t, nil, "assess", "--answer", "pop=yes", "--answer", "thompson=positive", "--format", "json")
	// The emergency signs were not answered: stderr warns, exit 0.
	if r.code != 0 || !strings.HasPrefix(r.stderr, "achilles: warning: emergency signs not checked:") || strings.Count(r.stderr, "\n") != 1 {
		t.Fatalf("exit %d, stderr %q; want 0 and the warning of emergency signs not checked", r.code, r.stderr)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &m); err != nil {
		t.Fatalf("stdout is not a JSON object: %v\n%s", err, r.stdout)
	}
	if want := map[string]any{"pop": "yes", "thompson": "positive"}; !reflect.DeepEqual(m["answers"], want) {
		t.Errorf("answers %v, want %v", m["answers"], want)
	}

	// Text to a pipe is not styled.
	r = run(t, nil, "assess", "--answer", "pop=yes")
	if r.code != 0 || r.stdout == "" {
		t.Fatalf("text report: exit %d, stdout %q", r.code, r.stdout)
	}
	if strings.Contains(r.stdout, "\x1b[") {
		t.Error("the text report written to a pipe has escape sequences")
	}
}

func TestBadInputExits2WithEmptyStdout(t *testing.T) {
	for _, args := range [][]string{
		{"assess", "--answer", "pop=maybe"},
		{"assess", "--answers", filepath.Join(t.TempDir(), "missing.json")},
		{"assess", "--format", "pdf"},
		{"assess", "--nope"},
		{"frobnicate"},
	} {
		r := run(t, nil, args...)
		if r.code != 2 {
			t.Errorf("achilles %s: exit %d, want 2", strings.Join(args, " "), r.code)
		}
		if r.stdout != "" {
			t.Errorf("achilles %s: stdout %q, want nothing", strings.Join(args, " "), r.stdout)
		}
		if strings.Count(r.stderr, "\n") != 1 || !strings.HasPrefix(r.stderr, "achilles: ") {
			t.Errorf("achilles %s: stderr %q, want one line starting with achilles:", strings.Join(args, " "), r.stderr)
		}
	}
}

func TestAnswersFromAPipe(t *testing.T) {
	// exec connects a reader that is not a file through an OS pipe.
	r := run(t, strings.NewReader(`{"tiptoe": "cannot", "age": 45}`), "assess", "--answers", "-", "--format", "json")
	if r.code != 0 {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	var m struct {
		Answers map[string]any `json:"answers"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &m); err != nil {
		t.Fatal(err)
	}
	if m.Answers["tiptoe"] != "cannot" || m.Answers["age"] != float64(45) || len(m.Answers) != 2 {
		t.Errorf("answers %v, want those piped in", m.Answers)
	}

	r = run(t, strings.NewReader(`{"tiptoe": "maybe"}`), "assess", "--answers", "-")
	if r.code != 2 || r.stdout != "" || !strings.Contains(r.stderr, "tiptoe") {
		t.Errorf("bad piped answers: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}

func TestBatchOf2000Lines(t *testing.T) {
	const n, bad = 2000, 1234
	walks := []string{"normal", "limp", "unable"}
	tiptoes := []string{"can", "cannot", "not_tried"}
	var in strings.Builder
	for i := 1; i <= n; i++ {
		if i == bad {
			in.WriteString("{\"walk\": \"sprint\"}\n")
			continue
		}
		fmt.Fprintf(&in, "{\"age\": %d, \"walk\": %q, \"tiptoe\": %q, \"pain_now\": %d}\n",
			1+i%120, walks[i%3], tiptoes[i%3], i%11)
	}
	r := run(t, strings.NewReader(in.String()), "assess", "--batch")
	if r.code != 2 {
		t.Errorf("exit %d with one bad line, want 2", r.code)
	}
	if !strings.Contains(r.stderr, "1 of 2000") {
		t.Errorf("stderr %q does not say 1 of 2000 lines was bad", r.stderr)
	}
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	if len(lines) != n {
		t.Fatalf("%d lines in, %d lines out", n, len(lines))
	}
	for i, line := range lines {
		num := i + 1
		var m struct {
			Line        *int           `json:"line"`
			Error       string         `json:"error"`
			Probability *float64       `json:"probability"`
			Answers     map[string]any `json:"answers"`
		}
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("line %d is not JSON: %v", num, err)
		}
		if num == bad {
			if m.Line == nil || *m.Line != bad || !strings.Contains(m.Error, "sprint") {
				t.Errorf("line %d: want an error object naming line %d and the value; got %s", num, bad, line)
			}
			continue
		}
		if m.Probability == nil || m.Answers["age"] != float64(1+num%120) || m.Answers["walk"] != walks[num%3] {
			t.Fatalf("line %d is not the assessment of input line %d: %.200s", num, num, line)
		}
	}
}

// An interrupted batch stops and exits 130.
func TestInterruptedBatchExits130(t *testing.T) {
	cmd := exec.Command(binary, "assess", "--batch")
	cmd.Env = []string{"LANG=C"}
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
	// Feed lines until the program stops reading them.
	go func() {
		line := []byte("{\"pop\": \"yes\"}\n")
		for {
			if _, err := stdin.Write(line); err != nil {
				return
			}
		}
	}()
	// Once output flows, interrupt.
	out := bufio.NewReader(stdout)
	if _, err := out.ReadString('\n'); err != nil {
		t.Fatalf("no output from the batch: %v", err)
	}
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	go io.Copy(io.Discard, out)
	code := waitExit(t, cmd, 10*time.Second)
	if code != 130 {
		t.Errorf("exit %d after SIGINT, want 130", code)
	}
}

// Ctrl+C must work while the program waits for input, too.
func TestInterruptWhileWaitingForInput(t *testing.T) {
	for _, args := range [][]string{
		{"assess", "--batch"},
		{"assess", "--answers", "-"},
	} {
		cmd := exec.Command(binary, args...)
		cmd.Env = []string{"LANG=C"}
		stdin, err := cmd.StdinPipe()
		if err != nil {
			t.Fatal(err)
		}
		defer stdin.Close()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Let the program block on stdin. Should the signal come before it
		// has set up its handler, SIGINT kills it, which the shell reports
		// as 130 too.
		time.Sleep(300 * time.Millisecond)
		if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
			t.Fatal(err)
		}
		code := waitExit(t, cmd, 5*time.Second)
		killed := code == -1 && cmd.ProcessState.Sys().(syscall.WaitStatus).Signal() == syscall.SIGINT
		if code != 130 && !killed {
			t.Errorf("achilles %s: exit %d after SIGINT, want 130", strings.Join(args, " "), code)
		}
	}
}

// waitExit waits for cmd to end and returns its exit code (-1 if killed by
// a signal); if it has not ended within limit, it kills it and fails.
func waitExit(t *testing.T, cmd *exec.Cmd, limit time.Duration) int {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
		return cmd.ProcessState.ExitCode()
	case <-time.After(limit):
		cmd.Process.Kill()
		<-done
		t.Fatalf("achilles %s did not end within %v of SIGINT", strings.Join(cmd.Args[1:], " "), limit)
		return 0
	}
}

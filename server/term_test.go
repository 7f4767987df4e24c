package server

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"charm.land/wish/v2/testsession"
	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"
)

// A student's side of a session, for the tests: what the server wrote,
// waited on by what it shows, and keys sent as a terminal sends them.

// stream collects what a session writes, for a test to wait on.
type stream struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	changed chan struct{} // closed at each write, then replaced
}

func newStream() *stream { return &stream{changed: make(chan struct{})} }

func (s *stream) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.buf.Write(p)
	close(s.changed)
	s.changed = make(chan struct{})
	return len(p), nil
}

// snapshot is what was written so far, and a channel closed at the next
// write.
func (s *stream) snapshot() (string, <-chan struct{}) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.String(), s.changed
}

func (s *stream) String() string { out, _ := s.snapshot(); return out }

// flat is terminal output as text to search: escape sequences and every
// space removed, since a redraw may move the cursor over blanks instead of
// writing them.
func flat(s string) string {
	return strings.Join(strings.Fields(ansi.Strip(s)), "")
}

// term is a client session.
type term struct {
	t        testing.TB
	sess     *gossh.Session
	in       io.WriteCloser
	out, err *stream
	done     chan struct{}
	waitErr  error
}

// termOptions say how to open a session.
type termOptions struct {
	command string            // "" asks for a shell: the questionnaire
	env     map[string]string // sent with env requests
	noPty   bool
	term    string // the PTY's terminal type; xterm-256color when empty
	w, h    int    // the PTY's size; 80×24 when zero
}

// open starts a session on c.
func open(t testing.TB, c *gossh.Client, o termOptions) *term {
	t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatalf("new session: %v", err)
	}
	return start(t, sess, o)
}

// openAt connects a student of their own to the server at addr, through
// wish's testsession (a client without a key, closed when the test ends),
// and starts a session.
func openAt(t testing.TB, addr string, o termOptions) *term {
	t.Helper()
	sess, err := testsession.NewClientSession(t, addr, dialConfig())
	if err != nil {
		t.Fatalf("connecting to %s: %v", addr, err)
	}
	return start(t, sess, o)
}

// start sets up a new client session as o says and starts it.
func start(t testing.TB, sess *gossh.Session, o termOptions) *term {
	t.Helper()
	var err error
	tm := &term{t: t, sess: sess, out: newStream(), err: newStream(), done: make(chan struct{})}
	sess.Stdout, sess.Stderr = tm.out, tm.err
	if tm.in, err = sess.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	for k, v := range o.env {
		if err := sess.Setenv(k, v); err != nil {
			t.Fatalf("setenv %s: %v", k, err)
		}
	}
	if !o.noPty {
		w, h := o.w, o.h
		if w == 0 {
			w, h = 80, 24
		}
		kind := o.term
		if kind == "" {
			kind = "xterm-256color"
		}
		if err := sess.RequestPty(kind, h, w, gossh.TerminalModes{}); err != nil {
			t.Fatalf("pty: %v", err)
		}
	}
	if o.command == "" {
		err = sess.Shell()
	} else {
		err = sess.Start(o.command)
	}
	if err != nil {
		t.Fatalf("start %q: %v", o.command, err)
	}
	go func() {
		tm.waitErr = sess.Wait()
		close(tm.done)
	}()
	t.Cleanup(func() { _ = sess.Close() })
	return tm
}

// send types keys.
func (tm *term) send(keys ...string) {
	tm.t.Helper()
	for _, k := range keys {
		if _, err := io.WriteString(tm.in, k); err != nil {
			tm.t.Fatalf("sending %q: %v; stdout ends %q", k, err, tail(tm.out.String()))
		}
	}
}

// waitFor waits until the output shows text, and fails the test if it
// does not in time.
func (tm *term) waitFor(text string) {
	tm.t.Helper()
	tm.waitFrom(0, text)
}

// mark is where the output is now, for waitFrom.
func (tm *term) mark() int { return len(tm.out.String()) }

// waitFrom waits until the output after mark shows text.
func (tm *term) waitFrom(mark int, text string) {
	tm.t.Helper()
	want := flat(text)
	deadline := time.After(waitLimit)
	for {
		out, changed := tm.out.snapshot()
		out = out[mark:]
		if strings.Contains(flat(out), want) {
			return
		}
		select {
		case <-changed:
		case <-tm.done:
			if out := tm.out.String()[mark:]; !strings.Contains(flat(out), want) {
				tm.t.Fatalf("the session ended without showing %q; stdout %q, stderr %q", text, tail(out), tm.err.String())
			}
			return
		case <-deadline:
			tm.t.Fatalf("waited %s for %q; stdout ends %q", waitLimit, text, tail(out))
		}
	}
}

// waitChange waits until the output after mark shows anything: a redraw.
func (tm *term) waitChange(mark int) {
	tm.t.Helper()
	deadline := time.After(waitLimit)
	for {
		out, changed := tm.out.snapshot()
		if len(out) > mark {
			return
		}
		select {
		case <-changed:
		case <-tm.done:
			tm.t.Fatalf("the session ended; stderr %q", tm.err.String())
		case <-deadline:
			tm.t.Fatalf("waited %s for a redraw; stdout ends %q", waitLimit, tail(out))
		}
	}
}

// exit waits for the session to end and returns its exit status.
func (tm *term) exit() int {
	tm.t.Helper()
	select {
	case <-tm.done:
	case <-time.After(waitLimit):
		tm.t.Fatalf("the session did not end; stdout ends %q", tail(tm.out.String()))
	}
	var ee *gossh.ExitError
	switch {
	case tm.waitErr == nil:
		return 0
	case errors.As(tm.waitErr, &ee):
		return ee.ExitStatus()
	}
	tm.t.Fatalf("the session ended without an exit status: %v", tm.waitErr)
	return -1
}

// quit presses q, and y if the questionnaire asks whether to quit, and
// returns the exit status.
func (tm *term) quit() int {
	tm.t.Helper()
	tm.send(keyQuit)
	ask := flat(en(tm.t).T("ui.quit.title"))
	deadline := time.After(waitLimit)
	for {
		out, changed := tm.out.snapshot()
		if strings.Contains(flat(out), ask) {
			tm.send("y")
			return tm.exit()
		}
		select {
		case <-changed:
		case <-tm.done:
			return tm.exit()
		case <-deadline:
			tm.t.Fatalf("q neither quit nor asked; stdout ends %q", tail(out))
		}
	}
}

// toResult answers every question with enter (the highlighted choice, or
// skipping a number) until the screen shows result, a text of the result
// screen (resultShown: the estimate is further down the report, after what
// to do now and where to go). Enter alone answers no sign of the
// emergency checklist: when it says so, 0 chooses "None of these" first.
func (tm *term) toResult(result string) {
	tm.t.Helper()
	want := flat(result)
	empty := flat(en(tm.t).T("ui.checklist.empty"))
	seen := 0
	for range 200 {
		out, changed := tm.out.snapshot()
		if strings.Contains(flat(out), want) {
			return
		}
		if strings.Contains(flat(out[seen:]), empty) {
			tm.send("0")
		}
		seen = len(out)
		tm.send(keyEnter)
		select { // the redraw, else look again
		case <-changed:
		case <-time.After(time.Second):
		case <-tm.done:
			tm.t.Fatalf("the session ended before the result; stderr %q", tm.err.String())
		}
	}
	tm.t.Fatalf("no result after 200 presses of enter; stdout ends %q", tail(tm.out.String()))
}

func tail(s string) string {
	if len(s) > 2000 {
		return "…" + s[len(s)-2000:]
	}
	return s
}

package server

import (
	"io"
	"strings"
	"testing"
	"time"
)

// reachText sends Enter until the output shows text: a course case in
// accessible mode takes the case's answer at each Enter.
func (tm *term) reachText(text string) {
	tm.t.Helper()
	want := flat(text)
	for range 200 {
		out, changed := tm.out.snapshot()
		if strings.Contains(flat(out), want) {
			return
		}
		if _, err := io.WriteString(tm.in, keyEnter); err != nil {
			// The session ended after the last Enter, as it does once the
			// report is written: what it wrote is all there is.
			select {
			case <-tm.done:
			case <-time.After(waitLimit):
				tm.t.Fatalf("sending Enter: %v, and the session did not end", err)
			}
			if !strings.Contains(flat(tm.out.String()), want) {
				tm.t.Fatalf("the session ended without showing %q; stdout ends %q, stderr %q", text, tail(tm.out.String()), tm.err.String())
			}
			return
		}
		select { // the next prompt, else look again
		case <-changed:
		case <-time.After(time.Second):
		case <-tm.done:
			if !strings.Contains(flat(tm.out.String()), want) {
				tm.t.Fatalf("the session ended without showing %q; stdout ends %q, stderr %q", text, tail(tm.out.String()), tm.err.String())
			}
			return
		}
	}
	tm.t.Fatalf("no %q after 200 presses of enter; stdout ends %q", text, tail(tm.out.String()))
}

// TestAccessibleOverSSH: ssh -t host -- demo classic --accessible asks in
// plain numbered prompts, with the line editing a terminal would do
// (echo, backspace), and reaches the case's report and lesson, in plain
// text only.
func TestAccessibleOverSSH(t *testing.T) {
	srv := startServer(t, Config{})
	tm := openAt(t, srv.addr, termOptions{command: "demo classic --accessible"})
	tm.waitFor(en(t).T("access.intro"))
	tm.waitFor(en(t).T("access.prompt"))
	// A 9 typed and rubbed out: Enter then takes the case's answer.
	tm.send("9", "\x7f")
	tm.waitFor("9\b \b")
	tm.reachText(en(t).T("ui.demo.lesson"))
	tm.waitFor(en(t).T("case.classic.lesson"))
	if code := tm.exit(); code != exitOK {
		t.Errorf("exit status %d, want 0; stderr %q", code, tm.err.String())
	}
	out := tm.out.String()
	if no := en(t).F("access.invalid.no_choice", "input", "9"); strings.Contains(out, no) {
		t.Errorf("the 9 rubbed out was read as an answer: %q", no)
	}
	if !strings.Contains(out, strings.ToUpper(en(t).T("report.title"))) {
		t.Errorf("no report; stdout ends %q", tail(out))
	}
	if strings.Contains(out, "\x1b") {
		t.Errorf("accessible mode wrote an escape sequence; stdout ends %q", tail(out))
	}
}

// TestDumbTerminalGetsAccessible: a terminal that cannot draw a screen
// gets accessible mode, told why, rather than a refusal.
func TestDumbTerminalGetsAccessible(t *testing.T) {
	srv := startServer(t, Config{})
	tm := openAt(t, srv.addr, termOptions{term: "dumb", command: "--lang zh-Hant"})
	tm.waitFor(zh(t).T("access.intro"))
	// stderr comes on its own stream, which may arrive after stdout's.
	deadline := time.Now().Add(waitLimit)
	for !strings.Contains(tm.err.String(), "TERM=dumb") && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if msg := tm.err.String(); !strings.Contains(msg, "TERM=dumb") {
		t.Errorf("stderr %q does not say why the questions are plain prompts", msg)
	}
	tm.send("q", keyEnter)
	if code := tm.exit(); code != exitOK {
		t.Errorf("exit status %d, want 0; stderr %q", code, tm.err.String())
	}
	if out := tm.out.String(); strings.Contains(out, "\x1b") {
		t.Errorf("an escape sequence for a dumb terminal; stdout ends %q", tail(out))
	}
}

// TestNoTerminal: without a PTY, --accessible asks in plain prompts and,
// when the input ends (an answers file piped in), assesses what was
// answered; anything else is refused with exit status 2, as the contract
// has it, saying both ways in: ssh -t, and --accessible.
func TestNoTerminal(t *testing.T) {
	srv := startServer(t, Config{})
	for _, command := range []string{"--accessible", "demo classic --accessible"} {
		tm := openAt(t, srv.addr, termOptions{command: command, noPty: true})
		tm.waitFor(en(t).T("access.prompt"))
		if err := tm.in.Close(); err != nil {
			t.Fatal(err)
		}
		if code := tm.exit(); code != exitOK {
			t.Errorf("%q without a PTY: exit status %d, want 0; stderr %q", command, code, tm.err.String())
		}
		if msg := tm.err.String(); msg != "" {
			t.Errorf("asked for accessible mode, yet told %q", msg)
		}
		if out := tm.out.String(); !strings.Contains(flat(out), flat(en(t).T("report.disclaimer_heading"))) {
			t.Errorf("%q without a PTY: no report; stdout ends %q", command, tail(out))
		}
	}
	for _, command := range []string{"", "--lang en", "demo classic"} {
		tm := openAt(t, srv.addr, termOptions{command: command, noPty: true})
		if code := tm.exit(); code != exitUsage {
			t.Errorf("%q without a PTY: exit status %d, want %d", command, code, exitUsage)
		}
		msg := tm.err.String()
		want := "HOST " + command
		if strings.HasPrefix(command, "-") {
			want = "HOST -- " + command // else ssh takes it for its own option
		}
		if !strings.Contains(msg, "ssh -t") || !strings.Contains(msg, strings.TrimSpace(want)) || !strings.Contains(msg, "--accessible") {
			t.Errorf("%q without a PTY: stderr %q does not give ssh -t with the command and --accessible", command, msg)
		}
		if tm.out.String() != "" {
			t.Errorf("%q without a PTY: something ran: %q", command, tail(tm.out.String()))
		}
	}
}

// TestTooSmallOffersAccessible: a terminal too small for the screens is
// offered accessible mode, which goes on from the answers so far.
func TestTooSmallOffersAccessible(t *testing.T) {
	srv := startServer(t, Config{})
	tm := openAt(t, srv.addr, termOptions{w: 30, h: 10})
	tm.waitFor(literal(t, "ui.too_small_offer"))
	tm.send("a")
	tm.waitFor(en(t).T("access.intro"))
	tm.waitFor(en(t).T("access.prompt"))
	mark := tm.mark()
	tm.send("q", keyEnter)
	tm.waitFrom(mark, "q")
	if code := tm.exit(); code != exitOK {
		t.Errorf("exit status %d, want 0; stderr %q", code, tm.err.String())
	}
}

package server

import (
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
		tm.send(keyEnter)
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

// TestNoTerminalGetsAccessible: without a PTY the session asks in plain
// prompts, says how to get the full screen, and when the input ends (an
// answers file piped in) assesses what was answered.
func TestNoTerminalGetsAccessible(t *testing.T) {
	srv := startServer(t, Config{})
	for _, command := range []string{"", "--lang en", "--accessible"} {
		tm := openAt(t, srv.addr, termOptions{command: command, noPty: true})
		tm.waitFor(en(t).T("access.prompt"))
		tm.send("1\n")
		if err := tm.in.Close(); err != nil {
			t.Fatal(err)
		}
		if code := tm.exit(); code != exitOK {
			t.Errorf("%q without a PTY: exit status %d, want 0; stderr %q", command, code, tm.err.String())
		}
		msg := tm.err.String()
		want := "ssh -t"
		if strings.HasPrefix(command, "-") {
			want = "HOST -- " + command // else ssh takes it for its own option
		}
		switch {
		case command == "--accessible" && msg != "":
			t.Errorf("asked for accessible mode, yet told %q", msg)
		case command != "--accessible" && (!strings.Contains(msg, "ssh -t") || !strings.Contains(msg, want)):
			t.Errorf("%q without a PTY: stderr %q does not say to use ssh -t with the command", command, msg)
		}
		out := tm.out.String()
		for _, key := range []string{"access.ended", "report.disclaimer_heading"} {
			if !strings.Contains(flat(out), flat(en(t).T(key))) {
				t.Errorf("%q without a PTY: no %s; stdout ends %q", command, key, tail(out))
			}
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

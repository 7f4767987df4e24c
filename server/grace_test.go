package server

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestShutdownGrace: on Shutdown every student is first told that the
// server will close, then gets their report so far: finished or not,
// marked as such, with the emergency line; in the full screen and in
// accessible mode alike. (The grace is short here; no duration is
// asserted.)
func TestShutdownGrace(t *testing.T) {
	srv := startServer(t, Config{Grace: 300 * time.Millisecond})
	atResult := openAt(t, srv.addr, termOptions{})
	atResult.waitFor(en(t).T("ui.start.title"))
	atResult.toResult(resultShown(t))
	halfway := openAt(t, srv.addr, termOptions{})
	halfway.waitFor(en(t).T("ui.start.title"))
	// Past the start, a first question answered with its highlighted
	// choice, whatever it is: the screen then changes.
	mark := halfway.mark()
	halfway.send(keyEnter)
	halfway.waitFrom(mark, "%")
	mark = halfway.mark()
	halfway.send(keyEnter)
	halfway.waitChange(mark)
	plain := openAt(t, srv.addr, termOptions{noPty: true})
	plain.waitFor(en(t).T("access.prompt"))
	mark = plain.mark()
	plain.send("1\n")
	plain.waitFrom(mark, en(t).T("access.prompt"))

	ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		t.Fatalf("Shutdown: %v", err)
	}
	notice := flat(literal(t, "server.closing"))
	unfinished := flat(literal(t, "server.unfinished"))
	title := flat(strings.ToUpper(en(t).T("report.title")))
	emergency := flat(en(t).T("emergency.number.unknown"))
	for name, tm := range map[string]*term{"at the result": atResult, "half-way": halfway, "accessible": plain} {
		if code := tm.exit(); code != exitOK {
			t.Errorf("%s: exit status %d, want 0; stderr %q", name, code, tm.err.String())
		}
		out := flat(tm.out.String())
		n := strings.Index(out, notice)
		if n < 0 {
			t.Errorf("%s: never told that the server would close; stdout ends %q", name, tail(tm.out.String()))
			continue
		}
		after := out[n:]
		if !strings.Contains(after, title) || !strings.Contains(after, emergency) {
			t.Errorf("%s: no report with the emergency line after the notice; stdout ends %q", name, tail(tm.out.String()))
		}
		if got, want := strings.Contains(after, unfinished), tm != atResult; got != want {
			t.Errorf("%s: marked not finished: %v, want %v; stdout ends %q", name, got, want, tail(tm.out.String()))
		}
		if !strings.Contains(after, flat(en(t).T("server.goodbye.shutdown"))) {
			t.Errorf("%s: no goodbye", name)
		}
	}
	if out := flat(plain.out.String()); !strings.Contains(out, flat(en(t).T("access.ended"))) {
		t.Errorf("accessible mode did not assess the answers so far; stdout ends %q", tail(plain.out.String()))
	}
	if out := flat(halfway.out.String()); !strings.Contains(out, flat(en(t).T("report.answers"))) {
		t.Errorf("half-way: the answers so far are not listed; stdout ends %q", tail(halfway.out.String()))
	}
}

package server

import (
	"strings"
	"testing"
	"time"
)

// TestUnknownCommandRefused: nothing but the questionnaire runs; the
// refusal names what is allowed, with exit status 2, even with a PTY.
func TestUnknownCommandRefused(t *testing.T) {
	srv := startServer(t, Config{})
	tests := []struct {
		command string
		says    string
	}{
		{"ls", `"ls"`},
		{"sh", `"sh"`},
		{"sh -c id", `"sh"`},
		{"cat /etc/passwd", `"cat"`},
		{"assess --answer pop=yes", `"assess"`},
		{"serve", `"serve"`},
		{"demo", "needs a course case"},
		{"demo nosuch", `"nosuch"`},
		{"demo classic missed", `"missed"`},
		{"--lang xx", `"xx"`},
		{"--lang", "needs a language"},
		{`demo "classic`, "cannot read"},
	}
	for _, tt := range tests {
		for _, noPty := range []bool{true, false} {
			tm := openAt(t, srv.addr, termOptions{command: tt.command, noPty: noPty})
			if code := tm.exit(); code != exitUsage {
				t.Errorf("%q (PTY %v): exit status %d, want %d", tt.command, !noPty, code, exitUsage)
			}
			msg := tm.err.String()
			for _, want := range []string{tt.says, "allowed:", "demo ID", "classic", "--lang LANG", "en"} {
				if !strings.Contains(msg, want) {
					t.Errorf("%q (PTY %v): message %q does not contain %q", tt.command, !noPty, msg, want)
				}
			}
		}
	}
	if log := srv.log.String(); !strings.Contains(log, `refused command "cat /etc/passwd"`) {
		t.Errorf("the log does not record the refusal:\n%s", log)
	}
}

// TestForwardingAndSubsystemsRefused: no port forwarding either way, no
// sftp.
func TestForwardingAndSubsystemsRefused(t *testing.T) {
	srv := startServer(t, Config{})
	c := dial(t, srv.addr)
	if ln, err := c.Listen("tcp", "127.0.0.1:0"); err == nil {
		_ = ln.Close()
		t.Error("remote port forwarding was accepted")
	}
	if conn, err := c.Dial("tcp", srv.addr); err == nil {
		_ = conn.Close()
		t.Error("local port forwarding (direct-tcpip) was accepted")
	}
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.RequestSubsystem("sftp"); err == nil {
		t.Error("the sftp subsystem was accepted")
	}
	// The session is still usable for what is allowed.
	tm := start(t, sess, termOptions{command: "--help", noPty: true})
	if code := tm.exit(); code != exitOK {
		t.Errorf("--help after the refusals: exit status %d", code)
	}
}

// TestSessionLimit: with room for two, a third student is told the class
// is full; once one leaves, a new one gets in.
func TestSessionLimit(t *testing.T) {
	srv := startServer(t, Config{MaxSessions: 2})
	start := literal(t, "ui.start.emergency")
	a := openAt(t, srv.addr, termOptions{})
	a.waitFor(start)
	b := openAt(t, srv.addr, termOptions{})
	b.waitFor(start)

	full := openAt(t, srv.addr, termOptions{})
	if code := full.exit(); code != exitInternal {
		t.Errorf("third session: exit status %d, want %d", code, exitInternal)
	}
	if msg := full.err.String(); !strings.Contains(msg, en(t).F("server.full", "sessions", "2")) || !strings.Contains(msg, "try again") {
		t.Errorf("third session: message %q", msg)
	}

	if code := a.quit(); code != exitOK {
		t.Fatalf("first session: exit status %d", code)
	}
	d := openAt(t, srv.addr, termOptions{})
	d.waitFor(start)
	if code := d.quit(); code != exitOK {
		t.Errorf("session after one left: exit status %d", code)
	}
}

// TestRateLimit: an address that opens sessions faster than the limiter
// allows is refused until its bucket refills. The limiter runs on a clock
// the test moves, so that the machine's speed does not matter.
func TestRateLimit(t *testing.T) {
	var clock fakeClock
	srv := startServer(t, Config{MaxSessions: 1}, func(s *Server) {
		s.rate = newRateLimiter(2, refillPerSecond, clock.now)
	})
	help := func() *term { return openAt(t, srv.addr, termOptions{command: "--help", noPty: true}) }
	for i := range 2 {
		if code := help().exit(); code != exitOK {
			t.Fatalf("session %d within the burst: exit status %d", i+1, code)
		}
	}
	tm := help()
	if code := tm.exit(); code != exitInternal || !strings.Contains(tm.err.String(), "too many connections") {
		t.Errorf("past the burst: exit status %d, message %q", code, tm.err.String())
	}
	clock.advance(time.Second)
	if code := help().exit(); code != exitOK {
		t.Errorf("after the bucket refilled: exit status %d", code)
	}
}

// TestConnectionRateLimit: past the looser connection rate, connections
// are dropped before their handshake.
func TestConnectionRateLimit(t *testing.T) {
	var clock fakeClock
	srv := startServer(t, Config{}, func(s *Server) {
		s.connRate = newRateLimiter(2, 2*refillPerSecond, clock.now)
	})
	dial(t, srv.addr)
	dial(t, srv.addr)
	if c, err := dialConfigured(srv.addr); err == nil {
		_ = c.Close()
		t.Fatal("a connection past the burst was let in")
	}
	clock.advance(time.Second)
	dial(t, srv.addr)
	if !strings.Contains(srv.log.String(), "connection dropped") {
		t.Errorf("the drop is not in the log:\n%s", srv.log.String())
	}
}

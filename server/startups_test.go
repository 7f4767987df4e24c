package server

import (
	"bytes"
	"io"
	"log"
	"net"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// Tests of the connections that have no session yet (the startups): how
// many one address may hold, how long a silent one lasts, and what the
// log says about them. Counts and log lines, never durations.

// dialFrom connects a raw TCP connection to addr from the loopback
// address ip (127.0.0.x: Linux answers on all of them), closed when the
// test ends.
func dialFrom(t testing.TB, addr, ip string) net.Conn {
	t.Helper()
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}, Timeout: waitLimit}
	c, err := d.Dial("tcp", addr)
	if err != nil {
		t.Skipf("cannot connect from %s (%v): this test needs the loopback network of Linux", ip, err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

// clientFrom is an SSH client connected from ip.
func clientFrom(t testing.TB, addr, ip string) *gossh.Client {
	t.Helper()
	raw := dialFrom(t, addr, ip)
	sc, chans, reqs, err := gossh.NewClientConn(raw, addr, dialConfig())
	if err != nil {
		t.Fatalf("handshake from %s: %v", ip, err)
	}
	c := gossh.NewClient(sc, chans, reqs)
	t.Cleanup(func() { _ = c.Close() })
	return c
}

// closedByServer reports whether the server has closed c: a read returns
// EOF (or a reset) rather than waiting for bytes that never come.
func closedByServer(c net.Conn) bool {
	_ = c.SetReadDeadline(time.Now().Add(waitLimit))
	_, err := io.Copy(io.Discard, c)
	return err == nil || !isTimeout(err)
}

// countClosed waits until at least want of conns have been closed by the
// server (or waitLimit passes), and says how many were.
func countClosed(conns []net.Conn, want int) int {
	closed := make([]bool, len(conns))
	n := 0
	buf := make([]byte, 256)
	waitUntil(func() bool {
		for i, c := range conns {
			if closed[i] {
				continue
			}
			_ = c.SetReadDeadline(time.Now().Add(20 * time.Millisecond))
			if _, err := c.Read(buf); err != nil && !isTimeout(err) {
				closed[i] = true
				n++
			}
		}
		return n >= want
	})
	return n
}

func isTimeout(err error) bool {
	ne, ok := err.(net.Error)
	return ok && ne.Timeout()
}

// waitFor waits, within waitLimit, until cond holds.
func waitUntil(cond func() bool) bool {
	deadline := time.Now().Add(waitLimit)
	for !cond() {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(10 * time.Millisecond)
	}
	return true
}

// TestSilentConnectionsDoNotLockOutOthers: one address opening many
// connections and saying nothing holds at most perSourceStartups of them;
// a student from another address still gets in, and the log says why the
// rest were dropped in one line, not one per connection.
func TestSilentConnectionsDoNotLockOutOthers(t *testing.T) {
	srv := startServer(t, Config{MaxSessions: 2}, func(s *Server) { s.firstWords = time.Hour })
	per := srv.perSourceStartups()
	flood := 3 * srv.maxConns()
	conns := make([]net.Conn, flood)
	for i := range conns {
		conns[i] = dialFrom(t, srv.addr, "127.0.0.1")
	}
	// Every connection past the limit is closed by the server.
	if n := countClosed(conns, flood-per); n != flood-per {
		t.Errorf("%d of %d connections past the limit of %d were closed", n, flood-per, per)
	}
	if n := srv.openConns(); n > per {
		t.Errorf("%d silent connections from one address held, at most %d", n, per)
	}
	tm := open(t, clientFrom(t, srv.addr, "127.0.0.2"), termOptions{})
	tm.waitFor(en(t).T("ui.start.title"))
	if code := tm.quit(); code != exitOK {
		t.Errorf("the student from another address: exit status %d", code)
	}
	lines := strings.Count(srv.log.String(), "127.0.0.1:")
	if !strings.Contains(srv.log.String(), "no session yet") || lines > 3 {
		t.Errorf("%d log lines about the flood; want one saying why:\n%s", lines, tail(srv.log.String()))
	}
}

// TestSilentConnectionClosed: a connection that sends nothing is closed
// after firstWords, and the log says so.
func TestSilentConnectionClosed(t *testing.T) {
	srv := startServer(t, Config{}, func(s *Server) { s.firstWords = time.Second })
	c := dialFrom(t, srv.addr, "127.0.0.1")
	if !closedByServer(c) {
		t.Fatal("a silent connection was held")
	}
	if !waitUntil(func() bool { return srv.openConns() == 0 }) {
		t.Errorf("%d connections still open", srv.openConns())
	}
	if !strings.Contains(srv.log.String(), "said nothing") {
		t.Errorf("the log does not say why the connection was closed:\n%s", srv.log.String())
	}
	// A client that speaks at once is not affected by it.
	tm := openAt(t, srv.addr, termOptions{})
	tm.waitFor(en(t).T("ui.start.title"))
	time.Sleep(1500 * time.Millisecond) // past firstWords: the session goes on
	tm.send("q")
	if code := tm.exit(); code != exitOK {
		t.Errorf("exit status %d", code)
	}
}

// TestEarlyDrop: past earlyDrop startups from many addresses, new
// connections are dropped at random (here, with a die that always says
// drop), before maxConns is reached.
func TestEarlyDrop(t *testing.T) {
	srv := startServer(t, Config{MaxSessions: 2}, func(s *Server) {
		s.random = func() float64 { return 0 }
		s.firstWords = time.Hour // the probe below says nothing: only the drop may close it
	})
	begin := srv.earlyDrop()
	if begin >= srv.maxConns() || begin <= srv.perSourceStartups() {
		t.Fatalf("early drop at %d, outside (%d, %d)", begin, srv.perSourceStartups(), srv.maxConns())
	}
	// Fill the startups up to earlyDrop, two to an address, then make
	// sure the server has counted them all.
	for i := range begin {
		c := dialFrom(t, srv.addr, net.IPv4(127, 0, 1, byte(1+i/2)).String())
		_, _ = c.Write([]byte("SSH-2.0-test\r\n"))
	}
	if !waitUntil(func() bool { return srv.openConns() == begin }) {
		t.Fatalf("%d connections open, want %d", srv.openConns(), begin)
	}
	if c := dialFrom(t, srv.addr, "127.0.2.1"); !closedByServer(c) {
		t.Error("a connection past earlyDrop was held, with the die saying drop")
	}
	if !strings.Contains(srv.log.String(), "at random") {
		t.Errorf("the log does not say why:\n%s", tail(srv.log.String()))
	}
}

func TestDropChance(t *testing.T) {
	for _, c := range []struct {
		n, begin, full int
		want           float64
	}{
		{10, 10, 20, 0.3},
		{15, 10, 20, 0.65},
		{20, 10, 20, 1},
		{25, 10, 20, 1},
		{5, 5, 5, 1},
	} {
		if got := dropChance(c.n, c.begin, c.full); got < c.want-1e-9 || got > c.want+1e-9 {
			t.Errorf("dropChance(%d, %d, %d) = %v, want %v", c.n, c.begin, c.full, got, c.want)
		}
	}
}

// TestDropLogSummarises: a thousand drops from one address make one line
// at once and one line with the count when the window closes; another
// address gets its own line.
func TestDropLogSummarises(t *testing.T) {
	var buf syncBuffer
	d := newDropLog(log.New(&buf, "", 0))
	d.every = 50 * time.Millisecond
	a := &net.TCPAddr{IP: net.IPv4(192, 0, 2, 1), Port: 40000}
	for range 1000 {
		d.note(a, "connection dropped: too many")
	}
	d.note(&net.TCPAddr{IP: net.IPv4(192, 0, 2, 2), Port: 40001}, "handshake failed: EOF")
	if !waitUntil(func() bool { return strings.Contains(buf.String(), "999 more") }) {
		t.Fatalf("no count of the lines left out:\n%s", buf.String())
	}
	if n := strings.Count(buf.String(), "\n"); n != 3 {
		t.Errorf("%d lines, want 3:\n%s", n, buf.String())
	}
	if !strings.Contains(buf.String(), "192.0.2.2:40001: handshake failed") {
		t.Errorf("the other address has no line of its own:\n%s", buf.String())
	}
}

// TestSubsystemLoggedOnce: a client asking again and again for subsystems
// with long names is refused each time and logged once, cut short.
func TestSubsystemLoggedOnce(t *testing.T) {
	srv := startServer(t, Config{})
	_, sess := ownSession(t, srv.addr)
	name := strings.Repeat("sftp", 25_000) // 100 KB
	for range 50 {
		if err := sess.RequestSubsystem(name); err == nil {
			t.Fatal("a subsystem was accepted")
		}
	}
	log := srv.log.String()
	if n := strings.Count(log, "refused subsystem"); n != 1 || len(log) > 2000 {
		t.Errorf("%d lines about the subsystem in %d bytes of log, want one, short:\n%s", n, len(log), tail(log))
	}
}

// TestSignalFloodHoldsLittleMemory: signals are refused, not buffered:
// 200 of 200 KB each (40 MB) leave the heap about where it was.
func TestSignalFloodHoldsLittleMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("sends 40 MB")
	}
	srv := startServer(t, Config{})
	_, sess := ownSession(t, srv.addr)
	before := heapInUse()
	name := gossh.Signal(bytes.Repeat([]byte("INT"), 200<<10/3))
	for range 200 {
		if err := sess.Signal(name); err != nil {
			t.Fatal(err)
		}
	}
	// Requests are handled in order: once this is answered, the signals
	// have been.
	if err := sess.Setenv("LANG", "en_GB.UTF-8"); err != nil {
		t.Fatal(err)
	}
	if grew := int64(heapInUse()) - int64(before); grew > 8<<20 {
		t.Errorf("the heap grew by %d MB; the signals are kept", grew>>20)
	}
}

// TestLogTextBounded: a reason a client can fill (a failed handshake
// lists the algorithms it offered) is cut to logQuote bytes, with its
// size, and escape codes in it are not written raw.
func TestLogTextBounded(t *testing.T) {
	long := "handshake failed: no common algorithm; client offered: [" + strings.Repeat("x\x1b[31m,", 20_000) + "]"
	got := logText(long)
	if len(got) > logQuote+3*logQuote/2+40 || !strings.Contains(got, "bytes)") || strings.ContainsRune(got, 0x1b) {
		t.Errorf("a reason of %d bytes logged as %d bytes: %q", len(long), len(got), got[:min(len(got), 300)])
	}
	if got := logText("handshake failed: EOF"); got != "handshake failed: EOF" {
		t.Errorf("a short reason changed: %q", got)
	}
	var buf syncBuffer
	d := newDropLog(log.New(&buf, "", 0))
	d.note(&net.TCPAddr{IP: net.IPv4(192, 0, 2, 9), Port: 1}, long)
	if n := len(buf.String()); n > 1000 {
		t.Errorf("a drop's line is %d bytes", n)
	}
}

package server

import (
	"net"
	"os"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/ssh/agent"
)

// Tests of what a hostile client could do to the class server: each
// asserts on counts, sizes and exit statuses, never on durations.

// TestEnvRequestsBounded: only the variables the program reads are kept,
// each small, and only a few of them; the rest are refused before they
// are stored.
func TestEnvRequestsBounded(t *testing.T) {
	srv := startServer(t, Config{})
	_, sess := ownSession(t, srv.addr)
	for _, name := range []string{"LANG", "LC_ALL", "LC_MESSAGES", "TERM", "NO_COLOR", "COLORTERM"} {
		if err := sess.Setenv(name, "en_GB.UTF-8"); err != nil {
			t.Errorf("%s: refused: %v", name, err)
		}
	}
	for _, name := range []string{"PATH", "LD_PRELOAD", "HOME", "lang", "LANG2", ""} {
		if err := sess.Setenv(name, "x"); err == nil {
			t.Errorf("%q: accepted, though the program never reads it", name)
		}
	}
	if err := sess.Setenv("LANG", strings.Repeat("x", maxEnvValue+1)); err == nil {
		t.Errorf("a LANG of %d bytes was accepted", maxEnvValue+1)
	}
	// The count is capped too: a client repeating an allowed name cannot
	// grow the list without end.
	accepted := 0
	for range 1000 {
		if sess.Setenv("TERM", "xterm") == nil {
			accepted++
		}
	}
	if accepted > maxEnvCount {
		t.Errorf("%d more TERM settings accepted; at most %d variables are kept", accepted, maxEnvCount)
	}
}

// TestEnvFloodHoldsLittleMemory: 10,000 env requests of up to 10 KB each,
// about 50 MB in all, leave the server's heap about where it was.
func TestEnvFloodHoldsLittleMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("sends 100 MB")
	}
	srv := startServer(t, Config{})
	_, sess := ownSession(t, srv.addr)
	before := heapInUse()
	value := strings.Repeat("x", 10<<10)
	for i := range 10_000 {
		_ = sess.Setenv(floodEnv(i, value))
	}
	if grew := int64(heapInUse()) - int64(before); grew > 16<<20 {
		t.Errorf("the heap grew by %d MB while the connection lives; it holds what it was sent", grew>>20)
	}
}

// floodEnv is the i-th env request of a flood: the variables the program
// reads and some it does not, with values at the size limit and far past
// it, so that the flood meets every cap.
func floodEnv(i int, big string) (name, value string) {
	names := append(slices.Clone(allowedEnv), "PATH", "V")
	name = names[i%len(names)]
	if i%2 == 0 {
		return name, big[:maxEnvValue]
	}
	return name, big
}

// heapInUse is the server's (this process's) live heap after a collection.
func heapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}

// TestOneSessionPerConnection: a connection gets one session; further
// channels are refused, so that one client cannot open thousands.
func TestOneSessionPerConnection(t *testing.T) {
	srv := startServer(t, Config{})
	c := dial(t, srv.addr)
	first, err := c.NewSession()
	if err != nil {
		t.Fatalf("first session: %v", err)
	}
	defer func() { _ = first.Close() }()
	for i := range 3 {
		if s, err := c.NewSession(); err == nil {
			_ = s.Close()
			t.Fatalf("session %d on the same connection was opened", i+2)
		}
	}
	// The first one still works.
	tm := start(t, first, termOptions{})
	tm.waitFor(en(t).T("ui.start.title"))
	if code := tm.quit(); code != exitOK {
		t.Errorf("exit status %d", code)
	}
}

// TestAgentForwardingRefused: nothing is forwarded, so a request for the
// agent is answered no.
func TestAgentForwardingRefused(t *testing.T) {
	srv := startServer(t, Config{})
	_, sess := ownSession(t, srv.addr)
	if err := agent.RequestAgentForwarding(sess); err == nil {
		t.Error("agent forwarding was accepted")
	}
}

// TestLongCommandRefused: a command line over maxCommand bytes is refused
// before it is parsed, with exit status 2, and logged cut short.
func TestLongCommandRefused(t *testing.T) {
	srv := startServer(t, Config{})
	long := "demo " + strings.Repeat(`"a b" `, 40_000) // 240 KB of quoting
	tm := openAt(t, srv.addr, termOptions{command: long})
	if code := tm.exit(); code != exitUsage {
		t.Errorf("exit status %d, want %d", code, exitUsage)
	}
	if msg := tm.err.String(); !strings.Contains(msg, "1024") || len(msg) > 2000 {
		t.Errorf("the refusal does not name the limit, or repeats the command: %q", tail(msg))
	}
	if log := srv.log.String(); len(log) > 8000 || !strings.Contains(log, "bytes") {
		t.Errorf("the log holds %d bytes; the command should be cut short:\n%s", len(log), tail(log))
	}
}

// TestWindowChangesDoNotLeak: sessions that end, or are refused, while
// window changes keep arriving leave no goroutine, socket or connection
// behind once their clients have gone.
func TestWindowChangesDoNotLeak(t *testing.T) {
	srv := startServer(t, Config{MaxSessions: 2})
	// Settle the server's own goroutines before counting.
	wc, ws := ownSession(t, srv.addr)
	warm := start(t, ws, termOptions{})
	warm.waitFor(en(t).T("ui.start.title"))
	warm.quit()
	_ = wc.Close()
	waitNoConns(t, srv)
	goroutines, fds := runtime.NumGoroutine(), openFDs(t)

	const clients = 12
	for i := range clients {
		c, sess := ownSession(t, srv.addr)
		o := termOptions{}
		switch i % 3 {
		case 1:
			o.command = "nosuch" // refused at once
		case 2:
			o.command = "--help"
		}
		tm := start(t, sess, o)
		flood := make(chan struct{})
		go func() {
			defer close(flood)
			for j := 0; ; j++ {
				if sess.WindowChange(24+j%10, 80+j%10) != nil {
					return
				}
			}
		}()
		if o.command == "" {
			tm.waitFor(en(t).T("ui.start.title"))
			tm.send("q")
		}
		select {
		case <-tm.done:
		case <-time.After(waitLimit):
			t.Fatalf("session %d did not end while its window changed", i)
		}
		_ = c.Close()
		<-flood
	}
	waitNoConns(t, srv)
	// Goroutines end a moment after their connection: poll.
	deadline := time.Now().Add(waitLimit)
	for runtime.NumGoroutine() > goroutines+2 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > goroutines+2 {
		buf := make([]byte, 1<<20)
		t.Errorf("%d goroutines after %d clients left, %d before:\n%s", n, clients, goroutines, buf[:runtime.Stack(buf, true)])
	}
	if n := openFDs(t); n > fds+2 {
		t.Errorf("%d open files after the clients left, %d before", n, fds)
	}
}

// waitNoConns waits until the server holds no connection.
func waitNoConns(t *testing.T, srv *testServer) {
	t.Helper()
	deadline := time.Now().Add(waitLimit)
	for time.Now().Before(deadline) {
		if srv.openConns() == 0 {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("%d connections still held after their clients left", srv.openConns())
}

// openFDs counts this process's open files.
func openFDs(t *testing.T) int {
	t.Helper()
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skip("no /proc/self/fd to count open files")
	}
	return len(entries)
}

// TestConnectionCap: past the cap on connections open at once, new ones
// are closed before their handshake, whatever their address. The flood
// comes from many addresses, each within its own limit, and the random
// early drop is turned off, so that only the cap is at work.
func TestConnectionCap(t *testing.T) {
	srv := startServer(t, Config{MaxSessions: 1}, func(s *Server) { s.random = func() float64 { return 0.9999 } })
	limit := srv.maxConns()
	var held []net.Conn
	defer func() {
		for _, c := range held {
			_ = c.Close()
		}
	}()
	for i := range limit + 5 {
		c := dialFrom(t, srv.addr, net.IPv4(127, 0, 3, byte(1+i)).String())
		held = append(held, c)
	}
	if !waitUntil(func() bool { return srv.openConns() == limit }) {
		t.Errorf("%d connections open, want the cap of %d", srv.openConns(), limit)
	}
	// The server has read every one by the time a full client is refused.
	if _, err := dialConfigured(srv.addr); err == nil {
		t.Errorf("a client got in past the cap of %d connections", limit)
	}
	if n := srv.openConns(); n > limit {
		t.Errorf("%d connections held, cap %d", n, limit)
	}
	if !strings.Contains(srv.log.String(), "too many connections") {
		t.Errorf("the log does not say why connections were dropped:\n%s", tail(srv.log.String()))
	}
	for _, c := range held {
		_ = c.Close()
	}
	held = nil
	waitNoConns(t, srv)
	// With the flood gone, a student gets in again.
	tm := openAt(t, srv.addr, termOptions{})
	tm.waitFor(en(t).T("ui.start.title"))
	tm.quit()
}

// TestSessionMustOpenSoon: a client that authenticates and then opens no
// session is disconnected after the grace time.
func TestSessionMustOpenSoon(t *testing.T) {
	srv := startServer(t, Config{}, func(s *Server) { s.openGrace = 200 * time.Millisecond })
	c, err := dialConfigured(srv.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = c.Close() }()
	done := make(chan error, 1)
	go func() { done <- c.Wait() }()
	select {
	case <-done:
	case <-time.After(waitLimit):
		t.Fatal("a connection without a session was held")
	}
	if !strings.Contains(srv.log.String(), "no session") {
		t.Errorf("the log does not say why the connection was closed:\n%s", srv.log.String())
	}
}

// TestDroppedConnectionLogged: a client that goes away mid-questionnaire
// is logged as a dropped connection, not as an exit status.
func TestDroppedConnectionLogged(t *testing.T) {
	srv := startServer(t, Config{})
	c, sess := ownSession(t, srv.addr)
	tm := start(t, sess, termOptions{})
	tm.waitFor(en(t).T("ui.start.title"))
	_ = c.Close()
	deadline := time.Now().Add(waitLimit)
	for !strings.Contains(srv.log.String(), "session closed") && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	log := srv.log.String()
	if !strings.Contains(log, "connection dropped") || strings.Contains(log, "exit status 0") {
		t.Errorf("the log does not say the connection was dropped:\n%s", log)
	}
}

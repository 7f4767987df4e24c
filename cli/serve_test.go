package cli

import (
	"bytes"
	"context"
	"io"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// serveWait bounds the waits of these tests; generous, never asserted.
const serveWait = 30 * time.Second

// TestServeBadFlags: every setting the server cannot start with is exit 2,
// naming the flag.
func TestServeBadFlags(t *testing.T) {
	home := t.TempDir()
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	tests := []struct {
		args []string
		env  map[string]string
		says string
	}{
		{[]string{"--max-sessions", "0"}, nil, "--max-sessions"},
		{[]string{"--idle-timeout", "-1s"}, nil, "--idle-timeout"},
		{[]string{"--idle-timeout", "soon"}, nil, "--idle-timeout"},
		{[]string{"--max-time", "-5m"}, nil, "--max-time"},
		{[]string{"--grace", "-1s"}, nil, "--grace"},
		{[]string{"--listen", "nonsense"}, nil, "--listen"},
		{[]string{"--listen", "127.0.0.1:99999"}, nil, "--listen"},
		{[]string{"--listen", busy.Addr().String()}, nil, "--listen"},
		{[]string{"--authorized-keys", filepath.Join(home, "missing")}, nil, "--authorized-keys"},
		{[]string{"--host-key", home}, nil, "--host-key"},
		{nil, map[string]string{"HOME": ""}, "--host-key"},
		{[]string{"extra"}, nil, `"extra"`},
	}
	for _, tt := range tests {
		env := map[string]string{"HOME": home}
		for k, v := range tt.env {
			env[k] = v
		}
		ctx, cancel := context.WithTimeout(context.Background(), serveWait)
		args := append([]string{"serve", "--listen", "127.0.0.1:0"}, tt.args...)
		o := runWith(t, runOpts{ctx: ctx, env: env}, args...)
		cancel()
		if o.code != ExitUsage || !strings.Contains(o.stderr, tt.says) {
			t.Errorf("serve %v: want exit 2 naming %s; got %v", tt.args, tt.says, o)
		}
	}
}

// TestServeRunsAndStops: achilles serve says how to connect, makes its
// host key in the data directory, serves a student, and on SIGINT (the
// context) tells them that it closes in the --grace period, says goodbye
// and exits 0.
func TestServeRunsAndStops(t *testing.T) {
	home := t.TempDir()
	var stderr lockedBuffer
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	code := make(chan int, 1)
	go func() {
		code <- Run(ctx, []string{"serve", "--listen", "127.0.0.1:0", "--max-sessions", "3", "--grace", "200ms"}, Env{
			Stdin:  strings.NewReader(""),
			Stdout: io.Discard,
			Stderr: &stderr,
			Getenv: func(k string) string { return map[string]string{"HOME": home}[k] },
			Now:    func() time.Time { return fixedNow },
		})
	}()
	addr := waitText(t, &stderr, regexp.MustCompile(`listening on (127\.0\.0\.1:\d+)`))
	_, port, _ := net.SplitHostPort(addr)
	for _, want := range []string{"ssh -p " + port + " localhost", "ssh -t -p " + port + " localhost demo classic", "SHA256:"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("the start message does not show %q:\n%s", want, stderr.String())
		}
	}
	if strings.Contains(stderr.String(), "warning") {
		t.Errorf("a warning for a loopback address:\n%s", stderr.String())
	}
	dir, err := dataDir(Env{Getenv: func(k string) string { return map[string]string{"HOME": home}[k] }})
	if err != nil {
		t.Fatal(err)
	}
	key := filepath.Join(dir, "host_ed25519")
	if info, err := os.Stat(key); err != nil {
		t.Errorf("no host key in the data directory: %v", err)
	} else if runtime.GOOS != "windows" && info.Mode().Perm() != 0o600 {
		t.Errorf("host key mode %04o, want 0600", info.Mode().Perm())
	}

	client, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{User: "student", HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: serveWait})
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	sess, err := client.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	var out lockedBuffer
	sess.Stdout = &out
	// Input that stays open, as a student's keyboard does: the end of the
	// input ends the questionnaire.
	if _, err := sess.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	if err := sess.RequestPty("xterm-256color", 24, 80, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	waitText(t, &out, regexp.MustCompile(`achilles`))

	cancel() // as SIGINT does
	if err := sess.Wait(); err != nil {
		t.Errorf("the student's session ended with %v, want exit status 0", err)
	}
	if !strings.Contains(out.String(), "The class server will close in 200ms.") {
		t.Errorf("the student was not told that the server closes; output ends %q", out.String()[max(0, len(out.String())-300):])
	}
	if !strings.Contains(out.String(), "The class server is shutting down. Goodbye.") {
		t.Errorf("no goodbye for the student; output ends %q\nlog:\n%s", out.String()[max(0, len(out.String())-300):], stderr.String())
	}
	select {
	case c := <-code:
		if c != ExitOK {
			t.Errorf("exit %d after SIGINT, want 0; stderr:\n%s", c, stderr.String())
		}
	case <-time.After(serveWait):
		t.Fatal("serve did not stop")
	}
}

// TestServeSecondInterrupt: a second Ctrl+C stops the server at once,
// without waiting out the grace period, and still exits 0.
func TestServeSecondInterrupt(t *testing.T) {
	var stderr lockedBuffer
	signals := make(chan os.Signal, 1)
	o := &serveCmd{
		g: &globals{}, listen: "127.0.0.1:0", maxSessions: 3, grace: time.Hour,
		hostKey:    filepath.Join(t.TempDir(), "host_ed25519"),
		interrupts: func() (<-chan os.Signal, func()) { return signals, func() {} },
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		done <- o.run(ctx, Env{Stderr: &stderr, Getenv: func(string) string { return "" }, Now: func() time.Time { return fixedNow }})
	}()
	addr := waitText(t, &stderr, regexp.MustCompile(`listening on (127\.0\.0\.1:\d+)`))
	client, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{User: "student", HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: serveWait})
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	sess, err := client.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	var out lockedBuffer
	sess.Stdout = &out
	if _, err := sess.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	if err := sess.RequestPty("xterm-256color", 24, 80, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	waitText(t, &out, regexp.MustCompile(`achilles`))

	cancel() // the first Ctrl+C: an hour's grace
	waitText(t, &out, regexp.MustCompile(`The class server will close in 1h\.`))
	signals <- os.Interrupt // the second
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve after a second Ctrl+C: %v, want a clean stop", err)
		}
	case <-time.After(serveWait):
		t.Fatal("a second Ctrl+C did not stop the server")
	}
	if !strings.Contains(stderr.String(), "stopping at once") {
		t.Errorf("the teacher was not told that the sessions are cut:\n%s", stderr.String())
	}
}

// TestServeAnnounceWarns: listening beyond this machine without
// authorized keys is allowed, with a warning.
func TestServeAnnounceWarns(t *testing.T) {
	addr := &net.TCPAddr{IP: net.IPv4zero, Port: 2222}
	for _, tt := range []struct {
		host, keys string
		warn       bool
	}{
		{"127.0.0.1", "", false},
		{"localhost", "", false},
		{"0.0.0.0", "", true},
		{"", "", true},
		{"192.0.2.10", "", true},
		{"0.0.0.0", "keys", false},
	} {
		var b bytes.Buffer
		announce(&b, addr, tt.host, &serveCmd{maxSessions: 40, idle: time.Minute, authorizedKeys: tt.keys}, "SHA256:x")
		if got := strings.Contains(b.String(), "anyone who can reach port 2222 can connect"); got != tt.warn {
			t.Errorf("listen %q, authorized keys %q: warning %v, want %v:\n%s", tt.host, tt.keys, got, tt.warn, b.String())
		}
		if tt.host == "192.0.2.10" && !strings.Contains(b.String(), "ssh -p 2222 192.0.2.10") {
			t.Errorf("the connect line does not name the address:\n%s", b.String())
		}
	}
}

// lockedBuffer is a buffer written by the server's goroutines and read by
// the test.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// waitText waits until re matches what b holds and returns its first
// group, or the whole match.
func waitText(t *testing.T, b *lockedBuffer, re *regexp.Regexp) string {
	t.Helper()
	deadline := time.Now().Add(serveWait)
	for time.Now().Before(deadline) {
		if m := re.FindStringSubmatch(b.String()); m != nil {
			return m[len(m)-1]
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("waited %s for %s in:\n%s", serveWait, re, b.String())
	return ""
}

package server

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"net"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"achilles/catalog"
)

// waitLimit bounds every wait of these tests. It is generous: a slow
// machine (or -race) is not a failure, and no test asserts a duration.
const waitLimit = 30 * time.Second

// Keys as a terminal sends them.
const (
	keyEnter = "\r"
	keyQuit  = "q"
)

var fixedNow = time.Date(2026, time.March, 14, 9, 30, 0, 0, time.UTC)

// en is the English catalog, for the words the screens show.
func en(t testing.TB) *catalog.Catalog {
	t.Helper()
	c, err := catalog.Load("en")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// literal is the longest run of a message without placeholders, to look
// for on screen whatever values fill them.
func literal(t testing.TB, key string) string {
	t.Helper()
	msg := en(t).T(key)
	best := ""
	for _, part := range strings.FieldsFunc(msg, func(r rune) bool { return r == '{' || r == '}' || r == '(' || r == ')' }) {
		if len(strings.TrimSpace(part)) > len(best) {
			best = strings.TrimSpace(part)
		}
	}
	return best
}

// resultShown is a text only the result screen shows, at its top when it
// opens: how far the report has been read.
func resultShown(t testing.TB) string {
	return en(t).F("ui.result.scrolled", "percent", "0")
}

// syncBuffer is a buffer several goroutines write to and a test reads.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// testServer is a server listening on a loopback port.
type testServer struct {
	*Server
	addr string
	log  *syncBuffer
}

// startServer starts a server with cfg, completed with a fresh host key
// and a log; prepare, when given, may change the server before it
// serves. The server is shut down when the test ends.
func startServer(t testing.TB, cfg Config, prepare ...func(*Server)) *testServer {
	t.Helper()
	logs := &syncBuffer{}
	if cfg.HostKeyPath == "" {
		cfg.HostKeyPath = filepath.Join(t.TempDir(), "host_ed25519")
	}
	if cfg.MaxSessions == 0 {
		cfg.MaxSessions = 8
	}
	cfg.Log = logs
	srv, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	// The tests open many sessions from one address in a moment; only
	// TestRateLimit wants the limit.
	srv.rate = newRateLimiter(1e6, refillPerSecond, time.Now)
	srv.connRate = newRateLimiter(1e6, refillPerSecond, time.Now)
	for _, p := range prepare {
		p(srv)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
		defer cancel()
		if err := srv.Shutdown(ctx); err != nil {
			t.Errorf("Shutdown: %v", err)
		}
		if err := <-served; err != nil {
			t.Errorf("Serve: %v", err)
		}
		if t.Failed() {
			t.Logf("server log:\n%s", logs.String())
		}
	})
	return &testServer{Server: srv, addr: ln.Addr().String(), log: logs}
}

// dialConfig is a client's configuration with the given authentication
// (none: the client offers no key and no password).
func dialConfig(auth ...gossh.AuthMethod) *gossh.ClientConfig {
	return &gossh.ClientConfig{
		User:            "student",
		Auth:            auth,
		HostKeyCallback: gossh.InsecureIgnoreHostKey(),
		Timeout:         waitLimit,
	}
}

// dial connects a client without a key, closed when the test ends.
func dial(t testing.TB, addr string, auth ...gossh.AuthMethod) *gossh.Client {
	t.Helper()
	c, err := gossh.Dial("tcp", addr, dialConfig(auth...))
	if err != nil {
		t.Fatalf("dial %s: %v", addr, err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

// dialConfigured connects a client without a key, or fails.
func dialConfigured(addr string, auth ...gossh.AuthMethod) (*gossh.Client, error) {
	return gossh.Dial("tcp", addr, dialConfig(auth...))
}

// ownSession connects a client of its own and opens a session on it, not
// started; the test closes the client when it wants the client gone (and
// it is closed when the test ends in any case).
func ownSession(t testing.TB, addr string) (*gossh.Client, *gossh.Session) {
	t.Helper()
	c := dial(t, addr)
	sess, err := c.NewSession()
	if err != nil {
		t.Fatalf("new session: %v", err)
	}
	return c, sess
}

// newKey makes a client key.
func newKey(t testing.TB) gossh.Signer {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// zh is the Chinese catalog.
func zh(t testing.TB) *catalog.Catalog {
	t.Helper()
	c, err := catalog.Load("zh-Hant")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

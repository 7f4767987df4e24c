package server

import (
	"errors"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"
)

// TestHostKeyPersisted: the host key is made once, private, in a private
// folder, and the server keeps its identity from one start to the next.
func TestHostKeyPersisted(t *testing.T) {
	path := filepath.Join(t.TempDir(), "data", "achilles", "host_ed25519")
	first := startServer(t, Config{HostKeyPath: path})
	if runtime.GOOS != "windows" {
		for p, want := range map[string]os.FileMode{path: 0o600, filepath.Dir(path): 0o700} {
			info, err := os.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			if got := info.Mode().Perm(); got != want {
				t.Errorf("%s: mode %04o, want %04o", p, got, want)
			}
		}
	}
	second := startServer(t, Config{HostKeyPath: path})
	if a, b := first.HostKeyFingerprint(), second.HostKeyFingerprint(); a != b || !strings.HasPrefix(a, "SHA256:") {
		t.Fatalf("fingerprints %q then %q, want the same key", a, b)
	}
	// And it is the key the server shows clients.
	var shown string
	cfg := dialConfig()
	cfg.HostKeyCallback = func(_ string, _ net.Addr, key gossh.PublicKey) error {
		shown = gossh.FingerprintSHA256(key)
		return nil
	}
	c, err := gossh.Dial("tcp", second.addr, cfg)
	if err != nil {
		t.Fatal(err)
	}
	_ = c.Close()
	if shown != first.HostKeyFingerprint() {
		t.Errorf("the server showed %q, want %q", shown, first.HostKeyFingerprint())
	}
}

// TestHostKeyRefused: a host key others can read, or that is not a key,
// stops the server with a message saying what to do.
func TestHostKeyRefused(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good")
	if _, err := New(Config{MaxSessions: 1, HostKeyPath: good}); err != nil {
		t.Fatal(err)
	}
	garbage := filepath.Join(dir, "garbage")
	if err := os.WriteFile(garbage, []byte("not a key"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := map[string]string{
		garbage: "not an unencrypted SSH private key",
		dir:     "is a folder",
	}
	if runtime.GOOS != "windows" {
		if err := os.Chmod(good, 0o644); err != nil {
			t.Fatal(err)
		}
		tests[good] = "chmod 600"
	}
	for path, says := range tests {
		_, err := New(Config{MaxSessions: 1, HostKeyPath: path})
		var ce *ConfigError
		if !errors.As(err, &ce) || ce.Field != "HostKeyPath" || !strings.Contains(err.Error(), says) {
			t.Errorf("host key %s: error %v, want a HostKeyPath error saying %q", path, err, says)
		}
	}
}

// TestAuthorizedKeys: with an authorized keys file, only its keys get in.
func TestAuthorizedKeys(t *testing.T) {
	listed, unlisted := newKey(t), newKey(t)
	file := filepath.Join(t.TempDir(), "authorized_keys")
	content := "# the class\n\n" + string(gossh.MarshalAuthorizedKey(listed.PublicKey()))
	if err := os.WriteFile(file, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	srv := startServer(t, Config{AuthorizedKeysPath: file})

	tm := open(t, dial(t, srv.addr, gossh.PublicKeys(listed)), termOptions{command: "--help", noPty: true})
	if code := tm.exit(); code != exitOK {
		t.Errorf("listed key: exit status %d", code)
	}
	for name, auth := range map[string][]gossh.AuthMethod{
		"unlisted key": {gossh.PublicKeys(unlisted)},
		"no key":       nil,
		"a password":   {gossh.Password("")},
	} {
		if c, err := dialConfigured(srv.addr, auth...); err == nil {
			_ = c.Close()
			t.Errorf("%s: let in", name)
		}
	}
}

// TestAnyoneWithoutAuthorizedKeys: without an authorized keys file, a
// student gets in with or without a key.
func TestAnyoneWithoutAuthorizedKeys(t *testing.T) {
	srv := startServer(t, Config{})
	for name, auth := range map[string][]gossh.AuthMethod{
		"no key": nil,
		"a key":  {gossh.PublicKeys(newKey(t))},
	} {
		c, err := dialConfigured(srv.addr, auth...)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		_ = c.Close()
	}
}

// TestAuthorizedKeysRefused: a file that cannot be used stops the server
// with a message naming the file and the line.
func TestAuthorizedKeysRefused(t *testing.T) {
	dir := t.TempDir()
	key := string(gossh.MarshalAuthorizedKey(newKey(t).PublicKey()))
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := map[string]string{
		filepath.Join(dir, "missing"):                    "no such file",
		write("empty", "# nobody yet\n"):                 "lists no keys",
		write("garbage", key+"ssh-ed25519 nonsense\n"):   "line 2: not a public key",
		write("options", `from="10.0.0.*" `+key):         "line 1: key options",
		write("private", "-----BEGIN OPENSSH PRIVATE\n"): "line 1",
	}
	for path, says := range tests {
		_, err := New(Config{MaxSessions: 1, HostKeyPath: filepath.Join(dir, "host"), AuthorizedKeysPath: path})
		var ce *ConfigError
		if !errors.As(err, &ce) || ce.Field != "AuthorizedKeysPath" || !strings.Contains(err.Error(), says) {
			t.Errorf("authorized keys %s: error %v, want an AuthorizedKeysPath error saying %q", filepath.Base(path), err, says)
		}
	}
}

// TestConfigRefused: settings the server cannot run with are named.
func TestConfigRefused(t *testing.T) {
	host := filepath.Join(t.TempDir(), "host")
	for field, cfg := range map[string]Config{
		"MaxSessions": {MaxSessions: 0, HostKeyPath: host},
		"IdleTimeout": {MaxSessions: 1, HostKeyPath: host, IdleTimeout: -1},
		"MaxTimeout":  {MaxSessions: 1, HostKeyPath: host, MaxTimeout: -1},
		"HostKeyPath": {MaxSessions: 1},
	} {
		_, err := New(cfg)
		var ce *ConfigError
		if !errors.As(err, &ce) || ce.Field != field {
			t.Errorf("%s: error %v, want a ConfigError for it", field, err)
		}
	}
}

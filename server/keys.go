package server

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	gossh "golang.org/x/crypto/ssh"
)

// maxKeyFile bounds what is read of a key file: real ones are a few KiB.
const maxKeyFile = 1 << 20

// loadHostKey reads the host key at path, or makes one there when there is
// none. A key that others may read is refused, as sshd does: it may have
// leaked, and the server would then be impersonated.
//
// The key is made here rather than with wish.WithHostKeyPath, whose key
// generator changes the permissions of an existing folder to 0700 and
// checks for the file before writing it: a folder the user chose is left
// as it is, and the file is created with O_EXCL, so that two servers
// started at once cannot write one over the other.
func loadHostKey(path string) (gossh.Signer, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return createHostKey(path)
	}
	if err != nil {
		return nil, fmt.Errorf("reading the host key: %w", err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("reading the host key: %w", err)
	}
	if info.IsDir() {
		return nil, fmt.Errorf("the host key %s is a folder; give the path of a key file (it is created when missing)", path)
	}
	if perm := info.Mode().Perm(); runtime.GOOS != "windows" && perm&0o077 != 0 {
		return nil, fmt.Errorf("the host key %s may be read by others (mode %04o); make it private with chmod 600 %s, or delete it to make a new one", path, perm, path)
	}
	data, err := io.ReadAll(io.LimitReader(f, maxKeyFile))
	if err != nil {
		return nil, fmt.Errorf("reading the host key: %w", err)
	}
	signer, err := gossh.ParsePrivateKey(data)
	if err != nil {
		return nil, fmt.Errorf("the host key %s is not an unencrypted SSH private key (%w); delete it to make a new one, or give another file", path, err)
	}
	return signer, nil
}

// createHostKey makes an ed25519 host key and writes it to path, mode 0600.
func createHostKey(path string) (gossh.Signer, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("making a host key: %w", err)
	}
	block, err := gossh.MarshalPrivateKey(priv, "achilles classroom server")
	if err != nil {
		return nil, fmt.Errorf("making a host key: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("making the host key's folder: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return loadHostKey(path) // another server made it a moment ago
	}
	if err != nil {
		return nil, fmt.Errorf("writing the host key: %w", err)
	}
	if err := writeFile(f, pem.EncodeToMemory(block)); err != nil {
		_ = os.Remove(path) // a half-written key would stop the next start
		return nil, fmt.Errorf("writing the host key %s: %w", path, err)
	}
	return gossh.NewSignerFromKey(priv)
}

// writeFile writes data to f, makes sure it reached the disk, and closes f.
func writeFile(f *os.File, data []byte) error {
	_, err := f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// loadAuthorizedKeys reads an OpenSSH authorized_keys file: one public key
// a line, with blank lines and # comments. Key options (from="…",
// command="…") are refused rather than ignored: ignoring a from= would let
// in more people than the file says.
func loadAuthorizedKeys(path string) ([]gossh.PublicKey, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("reading the authorized keys: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxKeyFile+1))
	if err != nil {
		return nil, fmt.Errorf("reading the authorized keys %s: %w", path, err)
	}
	if len(data) > maxKeyFile {
		return nil, fmt.Errorf("the authorized keys file %s is over 1 MiB; it should hold one public key a line", path)
	}
	var keys []gossh.PublicKey
	for i, line := range bytes.Split(data, []byte("\n")) {
		line = bytes.TrimSpace(line)
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		key, _, options, _, err := gossh.ParseAuthorizedKey(line)
		if err != nil {
			return nil, fmt.Errorf("the authorized keys %s, line %d: not a public key (%v); each line must be one, such as ssh-ed25519 AAAA… name", path, i+1, err)
		}
		if len(options) > 0 {
			return nil, fmt.Errorf("the authorized keys %s, line %d: key options (%s) are not supported; list only the keys", path, i+1, strings.Join(options, ","))
		}
		keys = append(keys, key)
	}
	if len(keys) == 0 {
		return nil, fmt.Errorf("the authorized keys %s lists no keys, so nobody could connect; add the students' public keys, one a line", path)
	}
	return keys, nil
}

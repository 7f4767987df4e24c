package cli

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
)

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }

// TestInternalErrorExitCode: a failure that is not the user's fault, such
// as stdout that cannot be written, is exit code 1 with the cause on stderr.
func TestInternalErrorExitCode(t *testing.T) {
	for _, args := range [][]string{
		{"assess", "--answer", "pop=yes"},
		{"assess", "--format", "json"},
		{"questions", "--format", "json"},
	} {
		var stderr bytes.Buffer
		code := Run(context.Background(), args, Env{Stdin: strings.NewReader(""), Stdout: failingWriter{}, Stderr: &stderr})
		if code != ExitInternal {
			t.Errorf("%v with an unwritable stdout: exit %d, want %d", args, code, ExitInternal)
		}
		if !strings.Contains(stderr.String(), "no space left on device") {
			t.Errorf("%v: stderr %q does not give the cause", args, stderr.String())
		}
	}
}

func TestExitCodeMapping(t *testing.T) {
	tests := []struct {
		err  error
		code int
	}{
		{nil, ExitOK},
		{usagef("bad"), ExitUsage},
		{errBatchLines, ExitUsage},
		{context.Canceled, ExitInterrupted},
		{errors.New("disk on fire"), ExitInternal},
	}
	for _, tt := range tests {
		if got := exitCode(tt.err); got != tt.code {
			t.Errorf("exitCode(%v) = %d, want %d", tt.err, got, tt.code)
		}
	}
}

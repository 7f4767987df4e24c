//go:build unix && !linux

package cli

import (
	"os"
	"testing"
)

// lockDirectory makes dir unwritable for this test, and writable again
// after it. Root may write any directory whatever its mode, so for root
// the test is skipped.
func lockDirectory(t *testing.T, dir string) {
	t.Helper()
	if os.Geteuid() == 0 {
		t.Skip("running as root, who may write any directory: an unwritable directory cannot be made here")
	}
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o700) })
}

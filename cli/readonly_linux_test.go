//go:build linux

package cli

import (
	"os"
	"testing"

	"golang.org/x/sys/unix"
)

// fsImmutable is FS_IMMUTABLE_FL, the file attribute of chattr +i.
const fsImmutable = 0x10

// lockDirectory makes dir unwritable for this test, and writable again
// after it. Root may write any directory whatever its mode, so for root
// the directory is made immutable (chattr +i), which binds root too; where
// the file system does not take that attribute, the test is skipped.
func lockDirectory(t *testing.T, dir string) {
	t.Helper()
	if os.Geteuid() != 0 {
		if err := os.Chmod(dir, 0o555); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(dir, 0o700) })
		return
	}
	setFlag := func(on bool) error {
		f, err := os.Open(dir)
		if err != nil {
			return err
		}
		defer f.Close()
		flags, err := unix.IoctlGetUint32(int(f.Fd()), unix.FS_IOC_GETFLAGS)
		if err != nil {
			return err
		}
		if on {
			flags |= fsImmutable
		} else {
			flags &^= fsImmutable
		}
		return unix.IoctlSetPointerInt(int(f.Fd()), unix.FS_IOC_SETFLAGS, int(flags))
	}
	if err := setFlag(true); err != nil {
		t.Skipf("running as root, who may write any directory, and %s cannot be made immutable (%v): "+
			"an unwritable directory cannot be made here", dir, err)
	}
	t.Cleanup(func() {
		if err := setFlag(false); err != nil {
			t.Errorf("making %s writable again: %v", dir, err)
		}
	})
}

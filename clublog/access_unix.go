//go:build unix

package clublog

import "golang.org/x/sys/unix"

// canWrite asks the kernel (access(2)) whether this process may write the
// file or directory at path; nil means it may.
func canWrite(path string) error { return unix.Access(path, unix.W_OK) }

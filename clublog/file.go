package clublog

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// fileError is an error about what a club log path names; it matches its
// kind, such as ErrNotFile.
type fileError struct {
	msg  string
	kind error
	// reason and detail are what FileProblem gives, for a message in
	// another language.
	reason, detail string
}

func (e *fileError) Error() string { return e.msg }
func (e *fileError) Unwrap() error { return e.kind }

// FileProblem says, of an error about what a club log path names, why in
// one word, for a program to word it in the user's language, with a
// detail: "not_file" (detail: "directory", "named_pipe", "socket",
// "device" or "special"), "dangling_link" and "bad_link" (a symbolic link
// that leads nowhere, or that cannot be followed; detail: where it
// leads), "read_only" (the file may not be written), "dir_read_only" (its
// directory may not be written; detail: the directory),
// "read_only_empty" (an empty file never started), "read_only_wal"
// (changes left in a -wal file that only a writer may settle),
// "read_only_old" (an older schema that only a writer may migrate). ok is
// false for any other error.
func FileProblem(err error) (reason, detail string, ok bool) {
	var fe *fileError
	if !errors.As(err, &fe) || fe.reason == "" {
		return "", "", false
	}
	return fe.reason, fe.detail, true
}

// notFile is the error for a path that names something other than a
// regular file, saying what it is.
func notFile(path string, mode fs.FileMode) error {
	words, kind := kindOf(mode)
	return &fileError{fmt.Sprintf("the club log %s is %s; a club log must be a regular file", path, words), ErrNotFile, "not_file", kind}
}

// kindOf names the kind of a file that is not a regular one, in words and
// as an ID.
func kindOf(mode fs.FileMode) (words, id string) {
	switch {
	case mode.IsDir():
		return "a directory", "directory"
	case mode&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)", "named_pipe"
	case mode&fs.ModeSocket != 0:
		return "a socket", "socket"
	case mode&fs.ModeDevice != 0:
		return "a device", "device"
	}
	return "a special file", "special"
}

// checkFile reports whether path names an existing club log file, without
// opening it: a named pipe would block whoever opens it until someone
// wrote to it, out of reach of Ctrl+C. A symbolic link is followed when it
// leads to a regular file. A path with nothing there gives false; one that
// names anything but a regular file, or a link that leads nowhere (where a
// new log would be made at the end of the link, somewhere the user never
// named), gives an error matching ErrNotFile.
func checkFile(path string) (bool, error) {
	info, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("opening the club log %s: %w", path, err)
	}
	if info.Mode()&fs.ModeSymlink != 0 {
		to, _ := os.Readlink(path)
		info, err = os.Stat(path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return false, &fileError{fmt.Sprintf("the club log %s is a symbolic link to %s, which does not exist; "+
				"a club log must be a regular file, and a new one is not made through a link", path, to), ErrNotFile, "dangling_link", to}
		case errors.Is(err, fs.ErrPermission):
			return false, fmt.Errorf("opening the club log %s: %w", path, err)
		case err != nil:
			return false, &fileError{fmt.Sprintf("the club log %s is a symbolic link to %s, which cannot be followed (%v); "+
				"a club log must be a regular file", path, to, errors.Unwrap(err)), ErrNotFile, "bad_link", to}
		}
	}
	if !info.Mode().IsRegular() {
		return false, notFile(path, info.Mode())
	}
	return true, nil
}

// writable returns nil when this process may write the existing club log
// at path, and otherwise an error matching ErrReadOnly that names what is
// not writable: the file, or its directory, where SQLite must make its
// -wal and -shm files to write the log. A file with no write permission
// for anyone (chmod a-w) counts as read-only even for root, whom the
// kernel lets write it anyway: it is the owner's word that the log is not
// to change.
func writable(path string) error {
	info, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("opening the club log %s: %w", path, err)
	}
	const cannot = "records cannot be saved in it or deleted from it, though they can be read"
	if info.Mode().Perm()&0o222 == 0 {
		return &fileError{fmt.Sprintf("the club log %s is read-only (mode %04o): %s", path, info.Mode().Perm(), cannot), ErrReadOnly, "read_only", ""}
	}
	if err := canWrite(path); err != nil {
		return &fileError{fmt.Sprintf("the club log %s is not writable by this user (%v): %s", path, err, cannot), ErrReadOnly, "read_only", ""}
	}
	// SQLite makes its files beside the file a link leads to.
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return fmt.Errorf("opening the club log %s: %w", path, err)
	}
	if dir := filepath.Dir(real); canWrite(dir) != nil {
		return &fileError{fmt.Sprintf("the directory %s, which holds the club log %s, is not writable by this user (%v), "+
			"and SQLite must make its -wal and -shm files there to write to the log: %s", dir, path, canWrite(dir), cannot), ErrReadOnly, "dir_read_only", dir}
	}
	return nil
}

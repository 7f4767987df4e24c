//go:build !unix

package clublog

// canWrite says whether this process may write path. Without access(2),
// a read-only file is told by its mode alone (writable checks that), and
// a directory that cannot be written shows when SQLite tries.
func canWrite(string) error { return nil }

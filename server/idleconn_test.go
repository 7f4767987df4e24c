package server

import (
	"errors"
	"net"
	"os"
	"testing"
	"time"
)

// deadlineConn records the deadlines set on it; reads and writes succeed
// at once.
type deadlineConn struct {
	net.Conn
	read, write time.Time
}

func (c *deadlineConn) Read(p []byte) (int, error)  { return len(p), nil }
func (c *deadlineConn) Write(p []byte) (int, error) { return len(p), nil }
func (c *deadlineConn) SetDeadline(t time.Time) error {
	c.read, c.write = t, t
	return nil
}
func (c *deadlineConn) SetReadDeadline(t time.Time) error  { c.read = t; return nil }
func (c *deadlineConn) SetWriteDeadline(t time.Time) error { c.write = t; return nil }

// TestIdleConnDeadlines: each read and write moves its deadline to idle
// from now, never past the deadline set from outside.
func TestIdleConnDeadlines(t *testing.T) {
	const idle = time.Hour
	raw := &deadlineConn{}
	c := newIdleConn(raw, idle)
	within := func(what string, got time.Time, before time.Time) {
		t.Helper()
		if got.Before(before.Add(idle)) || got.After(time.Now().Add(idle)) {
			t.Errorf("%s deadline %v, want idle from now", what, got)
		}
	}
	before := time.Now()
	_, _ = c.Read(make([]byte, 1))
	within("read", raw.read, before)
	before = time.Now()
	_, _ = c.Write([]byte("x"))
	within("write", raw.write, before)

	outer := time.Now().Add(time.Minute)
	_ = c.SetDeadline(outer)
	if !raw.read.Equal(outer) || !raw.write.Equal(outer) {
		t.Errorf("SetDeadline(%v) set %v and %v", outer, raw.read, raw.write)
	}
	_, _ = c.Read(make([]byte, 1))
	_, _ = c.Write([]byte("x"))
	if !raw.read.Equal(outer) || !raw.write.Equal(outer) {
		t.Errorf("reading and writing moved the outer deadline %v to %v and %v", outer, raw.read, raw.write)
	}

	_ = c.SetDeadline(time.Time{})
	before = time.Now()
	_, _ = c.Read(make([]byte, 1))
	within("read after the outer deadline was cleared", raw.read, before)
}

// TestIdleConnCuts: a read that waits longer than idle fails.
func TestIdleConnCuts(t *testing.T) {
	a, b := net.Pipe()
	defer b.Close()
	c := newIdleConn(a, 10*time.Millisecond)
	defer c.Close()
	_, err := c.Read(make([]byte, 1))
	if !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("an idle read returned %v, want the deadline exceeded", err)
	}
}

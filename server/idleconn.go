package server

import (
	"net"
	"sync"
	"time"
)

// idleConn cuts a connection on which the client has sent nothing for a
// while: each read pushes the read deadline on, each write the write
// deadline (a client that stops reading is gone too), and neither goes
// past the deadline set from outside, which is how the SSH server applies
// its handshake and maximum timeouts.
//
// It replaces the library's own idle timeout (ssh.Server.IdleTimeout,
// wish.WithIdleTimeout), which has a data race: charm.land/ssh's
// serverConn.Read and Write call updateDeadline, which reads the
// connection's handshakeDeadline field, on the x/crypto/ssh transport's
// reader goroutine, while handleConn clears that field after the handshake
// on its own goroutine without synchronisation (server.go, just after
// gossh.NewServerConn: conn.handshakeDeadline = time.Time{}). The reads
// only happen when IdleTimeout is set, so leaving it unset and wrapping the
// connection here avoids the race. Here the deadlines are kept behind a
// mutex.
type idleConn struct {
	net.Conn
	idle time.Duration

	mu    sync.Mutex
	outer time.Time // the deadline set with SetDeadline; zero: none
}

func newIdleConn(conn net.Conn, idle time.Duration) *idleConn {
	c := &idleConn{Conn: conn, idle: idle}
	_ = c.SetDeadline(time.Time{})
	return c
}

func (c *idleConn) Read(p []byte) (int, error) {
	c.extend(c.Conn.SetReadDeadline)
	return c.Conn.Read(p)
}

func (c *idleConn) Write(p []byte) (int, error) {
	c.extend(c.Conn.SetWriteDeadline)
	return c.Conn.Write(p)
}

// SetDeadline sets the deadline that idleness cannot push back.
func (c *idleConn) SetDeadline(t time.Time) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.outer = t
	return c.Conn.SetDeadline(c.deadlineLocked())
}

// extend moves a deadline to idle from now, within the outer deadline.
// The lock keeps a concurrent SetDeadline from being undone by a deadline
// computed from the outer one it replaced.
func (c *idleConn) extend(set func(time.Time) error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	_ = set(c.deadlineLocked())
}

func (c *idleConn) deadlineLocked() time.Time {
	d := time.Now().Add(c.idle)
	if !c.outer.IsZero() && c.outer.Before(d) {
		return c.outer
	}
	return d
}

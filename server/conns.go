package server

import (
	"net"
	"sync"
	"sync/atomic"
	"time"

	"charm.land/ssh"
)

// openDeadline is how long after it is accepted a connection has to start
// its session (the handshake, bounded by handshakeTimeout, is part of it).
// A client starts one at once; one that authenticates and then sits there
// is closed, in the manner of OpenSSH's LoginGraceTime.
const openDeadline = handshakeTimeout + 10*time.Second

// linger is how long a connection stays open after its one session has
// ended, for the client to read the last words and hang up itself.
const linger = 5 * time.Second

// conn is a connection as the server keeps track of it, so that Shutdown
// can close every one, including those still in their handshake.
type conn struct {
	net.Conn
	s       *Server
	once    sync.Once
	grace   atomic.Pointer[time.Timer] // closes the connection if no session starts in time
	claimed atomic.Bool                // its one session channel is taken
	refused atomic.Bool                // a further one was refused, and logged
	started atomic.Bool                // the session has started (shell or exec)
}

// connKey is the context key of a connection's *conn.
type connKey struct{}

func (c *conn) Close() error {
	err := c.Conn.Close()
	c.once.Do(func() {
		if t := c.grace.Load(); t != nil {
			t.Stop()
		}
		c.s.forget(c)
	})
	return err
}

// claimSession takes the connection's one session channel; false when it
// was taken before.
func (c *conn) claimSession() bool { return c.claimed.CompareAndSwap(false, true) }

// noteRefusal says whether this is the first session refused on the
// connection, the one worth a line in the log.
func (c *conn) noteRefusal() bool { return c.refused.CompareAndSwap(false, true) }

// sessionStarted stops the clock for starting a session.
func (c *conn) sessionStarted() {
	c.started.Store(true)
	if t := c.grace.Load(); t != nil {
		t.Stop()
	}
}

// sessionEnded closes the connection a little after its session ended,
// if the client has not hung up by then: it can have no other.
func (c *conn) sessionEnded() {
	time.AfterFunc(linger, func() { _ = c.Close() })
}

// connOf is the connection of an SSH context, or nil.
func connOf(ctx ssh.Context) *conn {
	c, _ := ctx.Value(connKey{}).(*conn)
	return c
}

// maxConns is how many connections may be open at once: a place for
// every session, as many again for students connecting or being told
// that the class is full, and a few more.
func (s *Server) maxConns() int { return 2*s.cfg.MaxSessions + 8 }

// openConns is how many connections are open.
func (s *Server) openConns() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.conns)
}

// admitConn decides on a new connection before its handshake, the costly
// part of a connection. An address past its connection rate, or any
// connection past maxConns, is dropped without a word (nothing can be said
// before the handshake). The rate is twice as loose as the per-session
// one, so that an ordinary student, with one session a connection, meets
// the polite session limit first, and only a flood (or connections that
// never open a session) meets this.
func (s *Server) admitConn(ctx ssh.Context, raw net.Conn) net.Conn {
	if !s.connRate.allow(addressKey(raw.RemoteAddr())) {
		s.log.Printf("%s: connection dropped: too many from this address just now", raw.RemoteAddr())
		return nil
	}
	if s.cfg.IdleTimeout > 0 {
		raw = newIdleConn(raw, s.cfg.IdleTimeout+backstop)
	}
	c := &conn{Conn: raw, s: s}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.closing:
		_ = raw.Close()
		return nil
	case len(s.conns) >= s.maxConns():
		s.log.Printf("%s: connection dropped: too many connections open (%d)", raw.RemoteAddr(), len(s.conns))
		_ = raw.Close()
		return nil
	}
	s.conns[c] = struct{}{}
	ctx.SetValue(connKey{}, c)
	c.grace.Store(time.AfterFunc(s.openGrace, func() {
		if !c.started.Load() {
			s.log.Printf("%s: connection closed: no session started within %s", raw.RemoteAddr(), s.openGrace)
			_ = c.Close()
		}
	}))
	return c
}

func (s *Server) forget(c *conn) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.conns, c)
	s.signalGoneLocked()
}

// connsGone is closed once the server is closing and every connection has
// ended.
func (s *Server) connsGone() <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.signalGoneLocked()
	return s.gone
}

func (s *Server) signalGoneLocked() {
	if !s.closing || len(s.conns) > 0 {
		return
	}
	select {
	case <-s.gone:
	default:
		close(s.gone)
	}
}

// closeConns closes every connection still open.
func (s *Server) closeConns() {
	s.mu.Lock()
	open := make([]*conn, 0, len(s.conns))
	for c := range s.conns {
		open = append(open, c)
	}
	s.mu.Unlock()
	for _, c := range open {
		_ = c.Close()
	}
}

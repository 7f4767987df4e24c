package server

import (
	"net"
	"sync"

	"charm.land/ssh"
)

// conn is a connection as the server keeps track of it, so that Shutdown
// can close every one, including those still in their handshake.
type conn struct {
	net.Conn
	s    *Server
	once sync.Once
}

func (c *conn) Close() error {
	err := c.Conn.Close()
	c.once.Do(func() { c.s.forget(c) })
	return err
}

// admitConn decides on a new connection before its handshake, the costly
// part of a connection. An address past its connection rate is dropped
// without a word (nothing can be said before the handshake); the limit is
// twice as loose as the per-session one, so that an ordinary student,
// with one session a connection, meets the polite session limit first,
// and only a flood (or connections that never open a session) meets this.
func (s *Server) admitConn(_ ssh.Context, raw net.Conn) net.Conn {
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
	if s.closing {
		_ = raw.Close()
		return nil
	}
	s.conns[c] = struct{}{}
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

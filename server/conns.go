package server

import (
	"fmt"
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

// firstWords is how long a new connection has to send its first bytes
// (an SSH client sends its version line at once). One that stays silent
// is closed, so that a connection that was never a client holds its place
// among the startups for seconds. A client that starts and then stalls is
// held until the handshake's own limit, handshakeTimeout.
const firstWords = 10 * time.Second

// linger is how long a connection stays open after its one session has
// ended, for the client to read the last words and hang up itself.
const linger = 5 * time.Second

// conn is a connection as the server keeps track of it, so that Shutdown
// can close every one, including those still in their handshake.
type conn struct {
	net.Conn
	s       *Server
	once    sync.Once
	key     string                     // addressKey of its client
	grace   atomic.Pointer[time.Timer] // closes the connection if no session starts in time
	quiet   atomic.Pointer[time.Timer] // closes it if the client says nothing at first
	heard   atomic.Bool                // the client has sent something
	startup bool                       // counted in the startups (guarded by s.mu)
	claimed atomic.Bool                // its one session channel is taken
	refused atomic.Bool                // a further one was refused, and logged
	started atomic.Bool                // the session has started (shell or exec)
}

// connKey is the context key of a connection's *conn.
type connKey struct{}

func (c *conn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	if n > 0 && !c.heard.Load() {
		c.heard.Store(true)
		if t := c.quiet.Load(); t != nil {
			t.Stop()
		}
	}
	return n, err
}

func (c *conn) Close() error {
	err := c.Conn.Close()
	c.once.Do(func() {
		for _, t := range []*time.Timer{c.grace.Load(), c.quiet.Load()} {
			if t != nil {
				t.Stop()
			}
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
	c.s.mu.Lock()
	c.s.endStartupLocked(c)
	c.s.mu.Unlock()
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

// maxConns is how many connections may be open at once, and the most
// startups (connections without a session yet) there can be: four places
// for every session, and 16 more. A connection without a session costs
// about 60 KB, so the cap bounds memory at a few MB while leaving room for
// a whole class connecting, a class's worth of startups from one hostile
// address, and more.
func (s *Server) maxConns() int { return 4*s.cfg.MaxSessions + 16 }

// perSourceStartups is how many startups one address may have at once:
// enough for the whole class behind one school's NAT, all reading the
// host key's fingerprint at the same moment. One address alone can take
// at most a quarter of maxConns; it takes five to fill it.
func (s *Server) perSourceStartups() int { return max(4, s.cfg.MaxSessions) }

// earlyDrop is the number of startups past which new connections are
// dropped at random, in the manner of OpenSSH's MaxStartups: with a
// chance of 30% here, rising to 100% at maxConns. One hostile address
// and a whole class connecting at once stay below it.
func (s *Server) earlyDrop() int { return (s.perSourceStartups() + s.maxConns()) / 2 }

// openConns is how many connections are open.
func (s *Server) openConns() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.conns)
}

// admitConn decides on a new connection before its handshake, the costly
// part of a connection. Nothing can be said to the client before the
// handshake, so a connection refused here is closed without a word, and
// logged (dropLog). It is refused:
//
//   - when its address is past its connection rate, twice as loose as
//     the per-session one, so that an ordinary student, with one session
//     a connection, meets the polite session limit first;
//   - when maxConns connections are open;
//   - when its address has perSourceStartups connections without a
//     session yet: silent or slow connections from one address cannot
//     keep the others out;
//   - at random, more often as the startups near maxConns (earlyDrop).
//
// An admitted connection must say something within firstWords and start
// its session within openGrace.
func (s *Server) admitConn(ctx ssh.Context, raw net.Conn) net.Conn {
	key := addressKey(raw.RemoteAddr())
	if !s.connRate.allow(key) {
		s.drops.note(raw.RemoteAddr(), "connection dropped: too many from this address just now")
		return nil
	}
	if s.cfg.IdleTimeout > 0 {
		raw = newIdleConn(raw, s.cfg.IdleTimeout+backstop)
	}
	c := &conn{Conn: raw, s: s, key: key}
	if why := s.admit(c); why != "" {
		// Logged once the lock is let go: a slow log must not hold up
		// the connections and sessions that take it.
		if why != closing {
			s.drops.note(raw.RemoteAddr(), "connection dropped: "+why)
		}
		_ = raw.Close()
		return nil
	}
	ctx.SetValue(connKey{}, c)
	return c
}

// closing is admit's reason for a connection refused because the server
// is stopping: nothing to log.
const closing = "the server is closing"

// admit counts c in, or says why not.
func (s *Server) admit(c *conn) (why string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	key, raw := c.key, c.Conn
	switch {
	case s.closing:
		return closing
	case len(s.conns) >= s.maxConns():
		why = fmt.Sprintf("too many connections open (%d)", len(s.conns))
	case s.startups[key] >= s.perSourceStartups():
		why = fmt.Sprintf("%d connections from this address have no session yet", s.startups[key])
	case s.nStartups >= s.earlyDrop() && s.random() < dropChance(s.nStartups, s.earlyDrop(), s.maxConns()):
		why = fmt.Sprintf("%d connections have no session yet; dropping some at random", s.nStartups)
	}
	if why != "" {
		return why
	}
	s.conns[c] = struct{}{}
	c.startup = true
	s.startups[key]++
	s.nStartups++
	c.grace.Store(time.AfterFunc(s.openGrace, func() {
		if !c.started.Load() {
			s.drops.note(raw.RemoteAddr(), fmt.Sprintf("connection closed: no session started within %s", s.openGrace))
			_ = c.Close()
		}
	}))
	c.quiet.Store(time.AfterFunc(s.firstWords, func() {
		if !c.heard.Load() {
			s.drops.note(raw.RemoteAddr(), fmt.Sprintf("connection closed: the client said nothing within %s", s.firstWords))
			_ = c.Close()
		}
	}))
	return ""
}

// dropChance is the chance of dropping a new connection when n startups
// are open: 30% at begin, rising in a line to 100% at full.
func dropChance(n, begin, full int) float64 {
	if n >= full || full <= begin {
		return 1
	}
	return 0.3 + 0.7*float64(n-begin)/float64(full-begin)
}

// endStartupLocked takes c out of the startups, once; s.mu is held.
func (s *Server) endStartupLocked(c *conn) {
	if !c.startup {
		return
	}
	c.startup = false
	s.nStartups--
	if s.startups[c.key]--; s.startups[c.key] <= 0 {
		delete(s.startups, c.key)
	}
}

func (s *Server) forget(c *conn) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.conns, c)
	s.endStartupLocked(c)
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

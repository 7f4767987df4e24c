package server

import (
	"fmt"
	"net"
	"runtime/debug"
	"strconv"
	"time"
	"unicode/utf8"

	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"

	"achilles/catalog"
)

// Exit statuses a student's ssh returns, with the meanings of docs/contract.md.
const (
	exitOK       = 0
	exitInternal = 1 // also: refused for now (class full, rate, closing)
	exitUsage    = 2
)

// student is one session as the steps of the chain see it: the session,
// the terminal it asked for, read once, the student's language and the
// exit status to send.
//
// The terminal is read once because the library updates it in place on a
// window-change request, from another goroutine, without a lock: every
// further Pty() call would race with a resize. Window changes come
// through the guard's window instead (guard.go).
type student struct {
	ssh.Session
	pty     ssh.Pty
	win     *window // nil outside openSession, in tests of single steps
	hasPty  bool
	cat     *catalog.Catalog // everything the server tells the student is in it
	exit    int
	dropped bool // the client went away before its session ended
}

// studentOf is the student of a session, made on first sight.
func (s *Server) studentOf(sess ssh.Session) *student {
	if st, ok := sess.(*student); ok {
		return st
	}
	pty, _, ok := sess.Pty()
	return &student{
		Session: sess, pty: pty, win: windowOf(sess), hasPty: ok,
		cat: s.studentCatalog(sess.RawCommand(), sess.Environ()),
	}
}

// Pty is the terminal the session asked for when it began. Its window
// channel is nil: the size is followed through st.win.
func (st *student) Pty() (ssh.Pty, <-chan ssh.Window, bool) { return st.pty, nil, st.hasPty }

// say writes the message of key, filled with args (name, value pairs),
// for the student on the session's error stream, where ssh shows it even
// when the output goes elsewhere.
func (st *student) say(key string, args ...string) {
	st.sayText(st.cat.F(key, args...))
}

// sayText writes a message already in the student's language, after the
// program's name, on the session's error stream.
func (st *student) sayText(msg string) {
	_, _ = fmt.Fprint(st.Stderr(), "achilles: "+msg+"\n")
}

// refuse tells the student why their command line is refused, and what
// is allowed; the exit status is 2.
func (st *student) refuse(why *refusal) {
	st.sayText(why.message(st.cat))
	st.exit = exitUsage
}

// exitWith sends the session's exit status after every other step has
// unwound. It also stops the connection's clock for starting a session,
// and closes the connection a little after, since it can have no other.
func (s *Server) exitWith(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		st := s.studentOf(sess)
		c := connOf(sess.Context())
		if c != nil {
			c.sessionStarted()
		}
		next(st)
		_ = sess.Exit(st.exit)
		if c != nil {
			c.sessionEnded()
		}
	}
}

// logSessions writes a line when a session opens and when it closes.
// What the client chose (user name, command, terminal) is quoted: it could
// hold control characters meant for the teacher's terminal.
func (s *Server) logSessions(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		st := s.studentOf(sess)
		began := time.Now()
		key := "no key"
		if st.PublicKey() != nil {
			key = "key " + gossh.FingerprintSHA256(st.PublicKey())
		}
		s.log.Printf("%s: session opened: user %s (%s), command %s, terminal %q %dx%d, client %q",
			st.RemoteAddr(), quoteShort(st.User()), key, quoteShort(st.RawCommand()), st.pty.Term, st.pty.Window.Width, st.pty.Window.Height, st.Context().ClientVersion())
		next(st)
		after := time.Since(began).Round(time.Second)
		if st.dropped {
			s.log.Printf("%s: session closed after %s: connection dropped by the client", st.RemoteAddr(), after)
			return
		}
		s.log.Printf("%s: session closed after %s, exit status %d", st.RemoteAddr(), after, st.exit)
	}
}

// recoverPanics ends the session whose handling panics, and only it: the
// panic is logged with its stack, the student told, the exit status 1.
// wish's recover middleware is not used because it lets the session end
// with status 0 and tells the student nothing.
func (s *Server) recoverPanics(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		st := s.studentOf(sess)
		defer func() {
			if r := recover(); r != nil {
				s.log.Printf("%s: panic: %v\n%s", st.RemoteAddr(), r, debug.Stack())
				st.say("server.crash.session")
				st.exit = exitInternal
			}
		}()
		next(st)
	}
}

// limitRate refuses a session when its address has opened too many too
// quickly (see rateLimiter for the numbers).
func (s *Server) limitRate(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		st := s.studentOf(sess)
		if !s.rate.allow(addressKey(st.RemoteAddr())) {
			s.log.Printf("%s: refused: too many sessions from this address just now", st.RemoteAddr())
			st.say("server.too_many")
			st.exit = exitInternal
			return
		}
		next(st)
	}
}

// checkCommand answers --help and demo --list, and refuses every command
// line that does not ask for a questionnaire.
func (s *Server) checkCommand(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		st := s.studentOf(sess)
		req, why := parseCommand(st.RawCommand())
		switch {
		case why != nil:
			s.log.Printf("%s: refused command %s", st.RemoteAddr(), quoteShort(st.RawCommand()))
			st.refuse(why)
		case req.help:
			_, _ = fmt.Fprint(st, usage(st.cat, localPort(st)))
		case req.list:
			_, _ = fmt.Fprint(st, caseLines(st.cat))
		default:
			next(st)
		}
	}
}

// limitSessions holds a place for the session while it runs, and refuses
// it when the class is full or the server is closing.
func (s *Server) limitSessions(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		st := s.studentOf(sess)
		ok, closing := s.take()
		switch {
		case closing:
			st.say("server.goodbye.shutdown")
			st.exit = exitInternal
			return
		case !ok:
			s.log.Printf("%s: refused: the class is full (%d sessions)", st.RemoteAddr(), s.cfg.MaxSessions)
			st.say("server.full", "sessions", strconv.Itoa(s.cfg.MaxSessions))
			st.exit = exitInternal
			return
		}
		defer s.give()
		next(st)
	}
}

// localPort is the server's port the session came in on, for examples of
// ssh commands.
func localPort(sess ssh.Session) string {
	if _, port, err := net.SplitHostPort(sess.LocalAddr().String()); err == nil {
		return port
	}
	return "2222"
}

// logQuote is how much of a client's string the log quotes.
const logQuote = 200

// quoteShort quotes a string the client chose for the log, against escape
// codes, and cuts it short past logQuote bytes, saying how long it was.
// cutAt is the first n bytes of v (longer than n), backed off to the
// start of a rune split at the cut, if it is one: at most three bytes,
// whatever else v holds.
func cutAt(v string, n int) string {
	for i := 0; i < utf8.UTFMax-1 && n > 0 && !utf8.RuneStart(v[n]); i++ {
		n--
	}
	return v[:n]
}

func quoteShort(v string) string {
	if len(v) <= logQuote {
		return strconv.Quote(v)
	}
	cut := cutAt(v, logQuote)
	return strconv.Quote(cut) + fmt.Sprintf("… (%d bytes)", len(v))
}

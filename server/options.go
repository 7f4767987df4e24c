package server

import (
	"net"
	"strconv"
	"time"

	"charm.land/ssh"
	"charm.land/wish/v2"
)

// options are the SSH server's settings: identity, authentication, what a
// client may ask for, and the chain every session goes through.
func (s *Server) options(signer ssh.Signer) ([]ssh.Option, error) {
	opts := []ssh.Option{
		func(srv *ssh.Server) error {
			srv.AddHostKey(signer)
			return nil
		},
		func(srv *ssh.Server) error {
			srv.HandshakeTimeout = handshakeTimeout
			// Only sessions: no direct-tcpip or other channel types, no
			// global requests (tcpip-forward), no subsystems (sftp, scp
			// over sftp). Set here rather than left to the library's
			// package-level defaults, which anything in the process could
			// change.
			// Sessions go through openSession: one a connection, their
			// requests filtered (guard.go).
			srv.ChannelHandlers = map[string]ssh.ChannelHandler{"session": s.openSession}
			srv.RequestHandlers = map[string]ssh.RequestHandler{}
			srv.SubsystemHandlers = map[string]ssh.SubsystemHandler{}
			srv.LocalPortForwardingCallback = func(ctx ssh.Context, host string, port uint32) bool {
				s.log.Printf("%s: refused forwarding to %s", ctx.RemoteAddr(), net.JoinHostPort(host, strconv.Itoa(int(port))))
				return false
			}
			srv.ReversePortForwardingCallback = func(ctx ssh.Context, host string, port uint32) bool {
				s.log.Printf("%s: refused forwarding from %s", ctx.RemoteAddr(), net.JoinHostPort(host, strconv.Itoa(int(port))))
				return false
			}
			// The guard (guard.go) refuses subsystems before they get
			// here; this is the library's own check, kept as a second
			// line.
			srv.SessionRequestCallback = func(_ ssh.Session, kind string) bool {
				return kind == "shell" || kind == "exec"
			}
			srv.ConnectionFailedCallback = func(conn net.Conn, err error) {
				s.drops.note(conn.RemoteAddr(), "handshake failed: "+err.Error())
			}
			return nil
		},
		// Each session ends politely at the maximum time (see watch); the
		// connection is cut a little later, in case it has no session.
		wish.WithMaxTimeout(timeoutBackstop(s.cfg.MaxTimeout)),
		// The order of a session's steps, from the first to run (the
		// outermost) to the last. wish composes them so that the last
		// listed runs first, hence the list below is in reverse.
		//
		//  1. exitWith: sends the exit status once everything has unwound,
		//     so that a session's place is free before its client learns
		//     that it has ended.
		//  2. logSessions: a line when a session opens and closes, refused
		//     or not.
		//  3. recoverPanics: a panic ends this session only, with a
		//     message; logging still records the close.
		//  4. limitRate: too many sessions from one address are refused
		//     before anything costlier happens.
		//  5. checkCommand: --help, demo --list, and the refusal of
		//     anything that is not the questionnaire.
		//  6. limitSessions: past MaxSessions, the class is full.
		//  7. questionnaire: the student's own program, or accessible
		//     mode when asked for, on TERM=dumb and without a PTY
		//     (accessible.go).
		wish.WithMiddleware(
			s.questionnaire,
			s.limitSessions,
			s.checkCommand,
			s.limitRate,
			s.recoverPanics,
			s.logSessions,
			s.exitWith,
		),
	}
	opts = append(opts, ssh.WrapConn(s.admitConn))
	if s.cfg.AuthorizedKeysPath != "" {
		keys, err := loadAuthorizedKeys(s.cfg.AuthorizedKeysPath)
		if err != nil {
			return nil, &ConfigError{"AuthorizedKeysPath", err}
		}
		opts = append(opts, wish.WithPublicKeyAuth(func(_ ssh.Context, key ssh.PublicKey) bool {
			for _, k := range keys {
				if ssh.KeysEqual(key, k) {
					return true
				}
			}
			return false
		}))
	}
	// Without authorized keys no authentication handler is set, and the
	// library then lets every client in ("none" authentication): a
	// student with no key at all connects with a plain ssh -p 2222 host.
	return opts, nil
}

// timeoutBackstop is the connection's limit for a session limit d: a
// little later, or none when d is none.
func timeoutBackstop(d time.Duration) time.Duration {
	if d <= 0 {
		return 0
	}
	return d + backstop
}

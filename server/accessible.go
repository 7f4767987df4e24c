package server

// Accessible mode on the class server: the same questionnaire as plain
// numbered prompts (package ui/accessible), for a student who asks for it
// with --accessible (with or without a terminal), whose terminal cannot
// draw a screen (TERM=dumb), or who switches to it on a terminal too small
// for the screens. A session with no terminal that did not ask for it is
// refused, as docs/contract.md has always said (requireTerminal).

import (
	"charm.land/ssh"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	q "achilles/questionnaire"
	"achilles/ui/accessible"
)

// wantsAccessible says whether a session runs accessible mode, and the
// note to give the student first when they did not ask for it.
func (s *Server) wantsAccessible(st *student, req request) (bool, string) {
	switch {
	case req.accessible:
		return true, ""
	case st.hasPty && st.pty.Term == "dumb":
		return true, st.cat.T("server.dumb_terminal")
	}
	return false, ""
}

// runAccessible runs accessible mode on the session. Its input is the
// session's, through the server's line editing when there is a PTY;
// when the server closes, the input is ended, so that accessible mode
// writes the report of the answers so far, as at the end of any input.
func (s *Server) runAccessible(st *student, req request, l *live, in *inbox, note string) {
	if note != "" {
		st.sayText(note)
	}
	s.runAccessibleFrom(st, req, l, in, s.uiOptions(req, st.cat, st.Environ()).Answers)
}

// runAccessibleFrom runs accessible mode from the answers given.
func (s *Server) runAccessibleFrom(st *student, req request, l *live, keyboard *inbox, answers q.Answers) {
	s.log.Printf("%s: accessible mode", st.RemoteAddr())
	ctx, cancel := context.WithCancel(st.Context())
	defer cancel()
	in, feed := io.Pipe()
	defer func() { _ = in.Close() }()
	keys := keyboard.tap()
	defer keys.close()
	go func() {
		var err error
		if st.hasPty {
			err = editLines(keys, st, feed)
		} else {
			_, err = io.Copy(feed, keys)
		}
		if err == nil {
			err = io.EOF
		}
		_ = feed.CloseWithError(err)
	}()
	opts := s.uiOptions(req, st.cat, st.Environ())
	l.onClosing(func(in time.Duration) { _, _ = fmt.Fprint(st, "\n"+closingNotice(st, in)+"\n") })

	done := make(chan struct{})
	defer close(done)
	go s.watch(st, l, done, nil, func() {
		switch {
		case l.reason() == endIdle, l.reason() == endMaxTime, l.reason() == endShutdown && opts.Case != "":
			// A course case's answers are the case's, not the student's:
			// no report of them.
			cancel()
		case l.reason() == endShutdown:
			// The answers so far are assessed, as when the input ends;
			// the student is told why first.
			_, _ = fmt.Fprint(st, "\n"+st.cat.F("server.unfinished", "emergency", opts.Emergency)+"\n")
			_ = feed.CloseWithError(io.EOF)
		}
		// When the input ended, accessible mode assesses what was
		// answered by itself.
	})

	err := accessible.Run(ctx, in, st, accessible.Options{
		Catalog:   opts.Catalog,
		Emergency: opts.Emergency,
		Region:    opts.Region,
		Teach:     opts.Teach,
		Answers:   answers,
		Case:      opts.Case,
		Echoes:    st.hasPty,
	})
	switch {
	case st.Context().Err() != nil:
		st.dropped = true // the connection is gone: nobody to write to
		return
	case errors.Is(err, context.Canceled):
	case err != nil:
		s.log.Printf("%s: accessible mode failed: %v", st.RemoteAddr(), err)
		st.say("server.crash.failed", "error", err.Error())
		st.exit = exitInternal
		return
	}
	if msg := s.farewell(st.cat, l.reason()); msg != "" {
		_, _ = fmt.Fprint(st, "\n"+msg+"\n")
	}
}

// requireTerminal refuses, with exit status 2, a session without a
// terminal that did not ask for accessible mode: the full-screen
// questionnaire needs one. The message gives both ways in: ssh -t for the
// screens, and -- --accessible for plain prompts without a terminal.
func (s *Server) requireTerminal(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		st := s.studentOf(sess)
		req, why := parseCommand(st.RawCommand())
		if why != nil || st.hasPty || req.accessible {
			next(st)
			return
		}
		s.log.Printf("%s: refused: no terminal", st.RemoteAddr())
		command := st.RawCommand()
		if strings.HasPrefix(command, "-") {
			// ssh would take --lang for an option of its own.
			command = "-- " + command
		}
		host := portFlag(localPort(st)) + "HOST "
		accessibleCommand := strings.TrimSpace(command + " --accessible")
		if !strings.HasPrefix(accessibleCommand, "-- ") && strings.HasPrefix(accessibleCommand, "-") {
			accessibleCommand = "-- " + accessibleCommand
		}
		st.say("server.no_terminal", "command", strings.TrimSpace("ssh -t "+host+command),
			"accessible", "ssh "+host+accessibleCommand)
		st.exit = exitUsage
	}
}

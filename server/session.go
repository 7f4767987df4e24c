package server

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"charm.land/wish/v2/bubbletea"
	"github.com/charmbracelet/colorprofile"

	"achilles/cases"
	"achilles/catalog"
	"achilles/region"
	"achilles/ui"
)

// ending is why a questionnaire was ended from outside.
type ending int32

const (
	endNone     ending = iota // the student quit
	endShutdown               // the server is stopping
	endIdle                   // no key pressed for IdleTimeout
	endMaxTime                // the session reached MaxTimeout
	endInput                  // the student's input ended (EOF)
)

// live is a running questionnaire, as the server and its watcher see it.
type live struct {
	begun   time.Time
	lastKey atomic.Int64 // time.Since(begun) at the last input, in ns
	end     chan struct{}
	once    sync.Once
	why     atomic.Int32

	mu      sync.Mutex
	closing func(in time.Duration) // tells the student; nil until set
}

func newLive() *live { return &live{begun: time.Now(), end: make(chan struct{})} }

// stop asks for the questionnaire to end, for the first reason given.
func (l *live) stop(why ending) {
	l.once.Do(func() {
		l.why.Store(int32(why))
		close(l.end)
	})
}

func (l *live) reason() ending { return ending(l.why.Load()) }

// onClosing says how to tell the student, while their questionnaire
// runs, that the server will close (see warn).
func (l *live) onClosing(f func(in time.Duration)) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.closing = f
}

// warn tells the student that the server closes in the given time;
// nothing when their program is not running yet.
func (l *live) warn(in time.Duration) {
	l.mu.Lock()
	f := l.closing
	l.mu.Unlock()
	if f != nil {
		f(in)
	}
}

// closingNotice is what a student is told when the server will close in
// the given time.
func closingNotice(st *student, in time.Duration) string {
	return st.cat.F("server.closing", "duration", shortDuration(in))
}

// idleFor is how long since the student last sent anything.
func (l *live) idleFor() time.Duration {
	return time.Since(l.begun) - time.Duration(l.lastKey.Load())
}

// keys is the student's input as the program reads it: it notes when keys
// arrive, for the idle timeout, and ends the questionnaire when the input
// ends, which a program cannot tell from a pause.
type keys struct {
	r io.Reader
	l *live
}

func (k keys) Read(p []byte) (int, error) {
	n, err := k.r.Read(p)
	if n > 0 {
		k.l.lastKey.Store(int64(time.Since(k.l.begun)))
	}
	if err != nil {
		k.l.stop(endInput)
	}
	return n, err
}

// questionnaire runs the student's own program: the last step of the
// chain.
func (s *Server) questionnaire(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		st := s.studentOf(sess)
		s.run(st)
		next(st)
	}
}

func (s *Server) run(st *student) {
	req, why := parseCommand(st.RawCommand())
	if why != nil { // checkCommand refuses these before
		st.refuse(why)
		return
	}
	l := newLive()
	if !s.register(l) {
		st.say("server.goodbye.shutdown")
		return
	}
	defer s.unregister(l)
	in := newInbox(st.Context(), keys{st, l})
	if ok, note := s.wantsAccessible(st, req); ok {
		s.runAccessible(st, req, l, in, note)
		return
	}

	opts := s.uiOptions(req, st.cat, st.Environ())
	keyboard := in.tap()
	p := tea.NewProgram(s.newModel(opts), s.programOptions(st, keyboard, opts.NoColor)...)
	l.onClosing(func(in time.Duration) { p.Send(ui.Notice(closingNotice(st, in))) })
	done := make(chan struct{})
	defer close(done)
	go s.watch(st, l, done, func(w tea.WindowSizeMsg) { p.Send(w) }, p.Quit)

	final, err := p.Run()
	keyboard.close() // the program's reader may still be waiting
	switch {
	case errors.Is(err, tea.ErrProgramPanic):
		// Bubble Tea has restored the terminal and printed the stack on
		// the server's stderr.
		s.log.Printf("%s: the questionnaire panicked (stack above)", st.RemoteAddr())
		st.say("server.crash.program")
		st.exit = exitInternal
		return
	case err != nil && st.Context().Err() != nil:
		st.dropped = true // the connection is gone: nobody to write to
		return
	case err != nil:
		s.log.Printf("%s: the questionnaire failed: %v", st.RemoteAddr(), err)
		st.say("server.crash.failed", "error", err.Error())
		st.exit = exitInternal
		return
	}
	if m, ok := final.(*ui.Model); ok && m.WantsAccessible() && l.reason() == endNone {
		// Asked for on the too-small screen: the same questionnaire goes
		// on as plain prompts, from the answers so far.
		req.accessible = true
		s.runAccessibleFrom(st, req, l, in, m.Answers())
		return
	}
	if l.reason() == endInput {
		// The client closed its input: it has gone, or is going.
		st.dropped = true
	}
	// As when run locally, the report stays in the scrollback. The session
	// turns \n into \r\n on a PTY, so the lines come out tidy. When the
	// server closes before the result, the student still gets the report
	// of their answers so far, marked as not finished.
	if err := ui.WriteSummary(st, final); err != nil {
		s.log.Printf("%s: writing the summary: %v", st.RemoteAddr(), err)
	}
	if l.reason() == endShutdown {
		s.writeUnfinished(st, final, opts)
	}
	if msg := s.farewell(st.cat, l.reason()); msg != "" {
		_, _ = fmt.Fprint(st, "\n"+msg+"\n")
	}
}

// farewell is the last line a student sees when the questionnaire was
// ended for them.
func (s *Server) farewell(cat *catalog.Catalog, why ending) string {
	switch why {
	case endShutdown:
		return cat.T("server.goodbye.shutdown")
	case endIdle:
		return cat.F("server.goodbye.idle", "duration", shortDuration(s.cfg.IdleTimeout))
	case endMaxTime:
		return cat.F("server.goodbye.max_time", "duration", shortDuration(s.cfg.MaxTimeout))
	}
	return ""
}

// uiOptions are the questionnaire's options for what the student asked,
// in their language.
func (s *Server) uiOptions(req request, cat *catalog.Catalog, env []string) ui.Options {
	code := req.region
	if code == "" {
		code = region.FromLocale(getenv(env))
	}
	if code == "" {
		code = s.cfg.Region
	}
	opts := ui.Options{
		Catalog:   cat,
		Emergency: region.Emergency(cat, code),
		Region:    region.Normalize(code),
		NoColor:   getenv(env)("NO_COLOR") != "",
		// A terminal too small for the screens can go on as plain prompts.
		OfferAccessible: true,
		// SaveReport and SaveToLog stay nil: nothing a student does is
		// written to the server's disk.
	}
	if c, ok := cases.Get(req.caseID); ok {
		opts.Case, opts.Answers, opts.Teach = c.ID, c.Answers, true
	}
	return opts
}

// programOptions run a program on the session, as wish's bubbletea
// middleware does (bubbletea.MakeOptions), with the server's own limits.
func (s *Server) programOptions(st *student, keyboard io.Reader, noColor bool) []tea.ProgramOption {
	w, h := clampSize(st.pty.Window.Width, st.pty.Window.Height)
	opts := append(bubbletea.MakeOptions(st),
		tea.WithInput(keyboard),
		tea.WithWindowSize(w, h),
		// A closed connection kills the program.
		tea.WithContext(st.Context()),
		// The server's signals (Ctrl+C to stop it) are not the student's:
		// Shutdown ends each program with a goodbye instead.
		tea.WithoutSignalHandler(),
	)
	if noColor {
		opts = append(opts, tea.WithColorProfile(colorprofile.Ascii))
	}
	return opts
}

// watch passes window changes to resized (when not nil) and calls end
// when the questionnaire is to end: when asked to, when the student has
// been idle too long or the session too long, until done. Window changes
// never wait on it (see window), so it may stop reading them when the
// program ends.
func (s *Server) watch(st *student, l *live, done <-chan struct{}, resize func(tea.WindowSizeMsg), end func()) {
	var idle, limit <-chan time.Time
	var idleTimer *time.Timer
	if s.cfg.IdleTimeout > 0 {
		idleTimer = time.NewTimer(s.cfg.IdleTimeout)
		defer idleTimer.Stop()
		idle = idleTimer.C
	}
	if s.cfg.MaxTimeout > 0 {
		t := time.NewTimer(s.cfg.MaxTimeout)
		defer t.Stop()
		limit = t.C
	}
	var resized <-chan struct{}
	if st.win != nil && resize != nil {
		resized = st.win.changed
	}
	ended := l.end
	for {
		select {
		case <-done:
			return
		case <-resized:
			w := st.win.latest()
			width, height := clampSize(w.Width, w.Height)
			resize(tea.WindowSizeMsg{Width: width, Height: height})
		case <-idle:
			if rest := s.cfg.IdleTimeout - l.idleFor(); rest > 0 {
				idleTimer.Reset(rest)
				continue
			}
			l.stop(endIdle)
		case <-limit:
			l.stop(endMaxTime)
		case <-ended:
			ended = nil
			end()
		}
	}
}

// The largest terminal drawn for. The renderer keeps cells for the whole
// window, so a client claiming a huge one would otherwise make the server
// allocate gigabytes; the questionnaire's layout needs far less.
const (
	maxCols = 320
	maxRows = 120
)

// clampSize is the size to draw for a client's window: 80×24 when it gave
// none, and within maxCols×maxRows.
func clampSize(w, h int) (int, int) {
	if w <= 0 || h <= 0 {
		return 80, 24
	}
	return min(w, maxCols), min(h, maxRows)
}

// studentCatalog is the language of a session with the raw command line
// and the client's environment env: the one asked for with --lang (even
// on a command line that is refused, when it names a known language),
// else the client's locale when the server has it, else the default.
func (s *Server) studentCatalog(raw string, env []string) *catalog.Catalog {
	req, _ := parseCommand(raw)
	lang := req.lang
	if lang == "" {
		lang = catalog.LocaleLanguage(getenv(env))
	}
	if c, ok := s.cats[lang]; ok {
		return c
	}
	return s.cats[catalog.Default]
}

// getenv looks up the client's environment, the last setting winning.
func getenv(env []string) func(string) string {
	return func(name string) string {
		for i := len(env) - 1; i >= 0; i-- {
			if v, ok := strings.CutPrefix(env[i], name+"="); ok {
				return v
			}
		}
		return ""
	}
}

// caseLines lists the course cases, as achilles demo --list does.
func caseLines(cat *catalog.Catalog) string {
	var b bytes.Buffer
	for _, c := range cases.All() {
		fmt.Fprintf(&b, "%s\t%s\n", c.ID, cat.T(c.TitleKey()))
	}
	return b.String()
}

// shortDuration writes d without zero units: 15m rather than 15m0s.
func shortDuration(d time.Duration) string {
	out := d.String()
	if strings.HasSuffix(out, "m0s") {
		out = strings.TrimSuffix(out, "0s")
	}
	if strings.HasSuffix(out, "h0m") {
		out = strings.TrimSuffix(out, "0m")
	}
	return out
}

package server

import (
	"encoding/binary"
	"slices"
	"sync"

	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// The session channel, guarded. The SSH library keeps whatever a client
// sends on a session (every env request, every window change) and hands
// window changes over on a channel of one slot that blocks its request
// loop when nobody reads it. A client could grow the server's memory
// without end, or, by resizing while its program ends, leave the
// connection stuck for good. So each session's requests pass through a
// filter first, an allow-list of what the program uses:
//
//   - env: only the variables read (allowedEnv), each at most maxEnvValue
//     bytes, at most maxEnvCount in all; the rest are answered no and
//     dropped before the library stores them;
//   - pty-req: one, well formed, with a terminal name of at most
//     maxTermName bytes, in a request of at most maxPtyRequest bytes;
//   - window-change: after the pty-req, answered here and kept as the
//     latest size only (window), never passed to the library, so it never
//     blocks;
//   - shell or exec: the first one, which starts the session (its command
//     line is checked by checkCommand);
//   - everything else is answered no and dropped: signals (which the
//     library would buffer, 128 of up to 256 KB each), subsystems such as
//     sftp (logged once a session, the name cut short, through dropLog),
//     agent and X11
//     forwarding, breaks and whatever a client invents.
//
// And a connection gets one session: further session channels are
// refused, so that one client cannot open thousands.

// allowedEnv are the client's variables the questionnaire reads: the
// language, the terminal and colour.
var allowedEnv = []string{"LANG", "LC_ALL", "LC_MESSAGES", "TERM", "NO_COLOR", "COLORTERM"}

const (
	// maxEnvValue is the longest value kept: a locale or a terminal name
	// is a few dozen bytes.
	maxEnvValue = 256
	// maxEnvCount is how many env requests a session may have accepted,
	// twice the variables read, for a client that sends one twice.
	maxEnvCount = 2 * 6
	// maxTermName is the longest terminal name accepted.
	maxTermName = 64
	// maxPtyRequest is the largest pty-req accepted: the terminal name,
	// four numbers and the terminal modes, which take a few hundred bytes.
	maxPtyRequest = 4 << 10
)

// window is the latest size of a student's terminal. The filter sets it
// on a window change; the session's watcher reads it when told.
type window struct {
	mu      sync.Mutex
	size    ssh.Window
	changed chan struct{} // one slot: a change not yet read
}

func newWindow() *window { return &window{changed: make(chan struct{}, 1)} }

// set records a new size, and tells the watcher without ever waiting.
func (w *window) set(size ssh.Window) {
	w.mu.Lock()
	w.size = size
	w.mu.Unlock()
	select {
	case w.changed <- struct{}{}:
	default: // already told; it reads the latest size
	}
}

// latest is the last size set.
func (w *window) latest() ssh.Window {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.size
}

// windowKey is the context key of a connection's window.
type windowKey struct{}

// windowOf is the window of sess, or nil for a session that did not pass
// through openSession (in tests of single steps).
func windowOf(sess ssh.Session) *window {
	w, _ := sess.Context().Value(windowKey{}).(*window)
	return w
}

// openSession is the handler of session channels: the first one of a
// connection is accepted, guarded, and handled by the library; the others
// are refused.
func (s *Server) openSession(srv *ssh.Server, sc *gossh.ServerConn, nc gossh.NewChannel, ctx ssh.Context) {
	c, _ := ctx.Value(connKey{}).(*conn)
	if c == nil || !c.claimSession() {
		if c == nil || c.noteRefusal() {
			s.log.Printf("%s: refused a second session on one connection", sc.RemoteAddr())
		}
		_ = nc.Reject(gossh.Prohibited, "one session per connection")
		return
	}
	w := newWindow()
	ctx.SetValue(windowKey{}, w)
	note := func(what string) { s.drops.note(sc.RemoteAddr(), what) }
	ssh.DefaultSessionHandler(srv, sc, guardedChannel{NewChannel: nc, w: w, note: note}, ctx)
}

// guardedChannel is a session channel whose requests are filtered before
// the library sees them.
type guardedChannel struct {
	gossh.NewChannel
	w    *window
	note func(string) // writes a line in the server's log
}

func (g guardedChannel) Accept() (gossh.Channel, <-chan *gossh.Request, error) {
	ch, in, err := g.NewChannel.Accept()
	if err != nil {
		return ch, in, err
	}
	out := make(chan *gossh.Request)
	go func() {
		defer close(out) // the library ends its session when this closes
		var f filter
		noted := false
		for req := range in {
			v := f.judge(req.Type, req.Payload)
			if v.note != "" && !noted {
				g.note(v.note) // once a session: a client can repeat it at will
				noted = true
			}
			switch v.verdict {
			case pass:
				out <- req
			case resized:
				g.w.set(v.size)
				_ = req.Reply(true, nil)
			default:
				_ = req.Reply(false, nil)
			}
		}
	}()
	return ch, out, nil
}

// verdict is what the filter does with a request.
type verdict int

const (
	refuse  verdict = iota // answer no, and drop it
	pass                   // hand it to the library
	resized                // a window change: answer yes, keep the size
)

// judgement is a verdict, with the new size for a window change and,
// for a refusal worth a line in the log, what to say.
type judgement struct {
	verdict verdict
	size    ssh.Window
	note    string
}

// filter is what the guard remembers of a session's requests.
type filter struct {
	env     int  // env requests passed
	pty     bool // a pty-req has passed
	started bool // a shell or exec has passed
}

// judge decides on one request of the session, of type kind with its
// payload. It is a pure function of the filter's state, for fuzzing.
func (f *filter) judge(kind string, payload []byte) judgement {
	no := judgement{verdict: refuse}
	switch kind {
	case "env":
		var kv struct{ Name, Value string }
		if f.started || gossh.Unmarshal(payload, &kv) != nil || f.env >= maxEnvCount ||
			!slices.Contains(allowedEnv, kv.Name) || len(kv.Value) > maxEnvValue {
			return no
		}
		f.env++
		return judgement{verdict: pass}
	case "pty-req":
		if f.pty || f.started || !ptyRequestOK(payload) {
			return no
		}
		f.pty = true
		return judgement{verdict: pass}
	case "window-change":
		size, ok := parseWindowChange(payload)
		if !f.pty || !ok {
			return no
		}
		return judgement{verdict: resized, size: size}
	case "shell", "exec":
		if f.started {
			return no
		}
		f.started = true
		return judgement{verdict: pass}
	case "subsystem":
		var name struct{ Name string }
		_ = gossh.Unmarshal(payload, &name)
		return judgement{verdict: refuse, note: "refused subsystem " + quoteShort(name.Name)}
	}
	return no
}

// ptyRequestOK says whether payload is a pty-req the library can read
// (RFC 4254 6.2: the terminal name, four uint32 and the modes) within the
// guard's sizes.
func ptyRequestOK(payload []byte) bool {
	var req struct {
		Term         string
		W, H, PW, PH uint32
		Modes        string
	}
	return len(payload) <= maxPtyRequest && gossh.Unmarshal(payload, &req) == nil && len(req.Term) <= maxTermName
}

// parseWindowChange reads a window-change payload (RFC 4254 6.7): four
// uint32, columns, rows, width and height in pixels. Sizes past what an
// int holds on a 32-bit machine are refused.
func parseWindowChange(p []byte) (ssh.Window, bool) {
	if len(p) != 16 {
		return ssh.Window{}, false
	}
	var n [4]int
	for i := range n {
		v := binary.BigEndian.Uint32(p[4*i:])
		if v > 1<<31-1 {
			return ssh.Window{}, false
		}
		n[i] = int(v)
	}
	return ssh.Window{Width: n[0], Height: n[1], WidthPixels: n[2], HeightPixels: n[3]}, true
}

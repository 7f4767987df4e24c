// Package server is the classroom server of achilles (achilles serve): an
// SSH server on which every student who connects gets their own
// questionnaire in their own terminal, or a course case with "demo ID".
// It guards the machine it runs on: no shell and no other command, no port
// forwarding, no file transfer, nothing a student does written to its
// disk. Limits keep a class from starving itself: a cap on sessions, a
// per-address connection rate, an idle and a maximum session time.
package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"math/rand/v2"
	"net"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	gossh "golang.org/x/crypto/ssh"

	"achilles/catalog"
	"achilles/ui"
)

// Config is how a Server runs. MaxSessions and HostKeyPath are required.
type Config struct {
	// MaxSessions is how many questionnaires may run at once; past it, a
	// student is told that the class is full. At least 1.
	MaxSessions int
	// IdleTimeout ends a session in which no key has been pressed for this
	// long. 0 never does.
	IdleTimeout time.Duration
	// MaxTimeout ends any session this long after it began. 0 never does.
	MaxTimeout time.Duration
	// HostKeyPath is the server's private host key. When the file does not
	// exist, an ed25519 key is made and written there with mode 0600 (its
	// folder, when it has to be made, with mode 0700), so that students'
	// ssh recognises the server from one class to the next.
	HostKeyPath string
	// AuthorizedKeysPath is an OpenSSH authorized_keys file: when set, only
	// the public keys listed there may connect. Empty lets in anyone who
	// can reach the port, with or without a key.
	AuthorizedKeysPath string
	// Region is the ISO 3166 code of the class's region, for the
	// emergency number of a student whose session names none (by
	// --region or its locale); "" for the generic words.
	Region string
	// Grace is how long Shutdown waits, after telling every student that
	// the server will close, before it ends their questionnaires; it stops
	// waiting when every session has ended. 0 ends them at once.
	Grace time.Duration
	// Log receives a line for every session and every refusal; nil
	// discards them.
	Log io.Writer
}

// ConfigError is a setting of Config the server cannot start with.
type ConfigError struct {
	// Field is the Config field at fault, such as "HostKeyPath".
	Field string
	Err   error
}

func (e *ConfigError) Error() string { return e.Err.Error() }
func (e *ConfigError) Unwrap() error { return e.Err }

// backstop is how long after a session's own idle or maximum time the
// connection under it is cut. The session ends first, politely, with the
// student's terminal restored and a goodbye; the connection limits only
// catch what has no session to end, such as a client that authenticates
// and then opens nothing.
const backstop = 30 * time.Second

// handshakeTimeout bounds the SSH handshake, so that connections that never
// finish it cannot pile up. It includes the time a student takes to check
// the host key's fingerprint on first connecting, hence a minute.
const handshakeTimeout = 60 * time.Second

// closeGrace is how long Shutdown lets clients hang up by themselves after
// their sessions said goodbye, before it closes what is left.
const closeGrace = 2 * time.Second

// Server is the classroom server. Make one with New, run it with Serve and
// stop it with Shutdown.
type Server struct {
	cfg      Config
	ssh      *ssh.Server
	log      *log.Logger
	cats     map[string]*catalog.Catalog // every language, loaded once and shared
	rate     *rateLimiter                // sessions (limitRate)
	connRate *rateLimiter                // connections, before their handshake (admitConn)
	hostKey  gossh.PublicKey
	// newModel makes each session's model: ui.New, except in tests that
	// need a model that fails.
	newModel func(ui.Options) tea.Model
	// openGrace is how long a connection has to start its session:
	// openDeadline, shorter in tests. firstWords likewise.
	openGrace  time.Duration
	firstWords time.Duration
	// random gives the chance for dropping a startup at random
	// (earlyDrop): rand.Float64, fixed in tests.
	random func() float64
	drops  *dropLog // lines about connections dropped before a session

	mu      sync.Mutex
	closing bool
	ln      net.Listener
	conns   map[*conn]struct{} // every connection open (admitConn)
	// startups counts the connections without a session yet, per
	// addressKey; nStartups is their sum.
	startups  map[string]int
	nStartups int
	gone      chan struct{}      // closed when closing and conns is empty
	active    int                // sessions holding a place (limitSessions)
	live      map[*live]struct{} // questionnaires running, to end on Shutdown
	running   sync.WaitGroup     // one per place held
}

// New makes a server from cfg: it checks the settings, loads (or makes)
// the host key and reads the authorized keys. A *ConfigError says which
// setting is at fault.
func New(cfg Config) (*Server, error) {
	switch {
	case cfg.MaxSessions < 1:
		return nil, &ConfigError{"MaxSessions", fmt.Errorf("the maximum number of sessions must be at least 1, got %d", cfg.MaxSessions)}
	case cfg.IdleTimeout < 0:
		return nil, &ConfigError{"IdleTimeout", fmt.Errorf("the idle timeout must be 0 (none) or more, got %s", cfg.IdleTimeout)}
	case cfg.MaxTimeout < 0:
		return nil, &ConfigError{"MaxTimeout", fmt.Errorf("the maximum session time must be 0 (none) or more, got %s", cfg.MaxTimeout)}
	case cfg.Grace < 0:
		return nil, &ConfigError{"Grace", fmt.Errorf("the grace period must be 0 (none) or more, got %s", cfg.Grace)}
	case cfg.HostKeyPath == "":
		return nil, &ConfigError{"HostKeyPath", errors.New("no host key file given; the server needs one to keep its identity")}
	}
	if cfg.Log == nil {
		cfg.Log = io.Discard
	}
	s := &Server{
		cfg:        cfg,
		log:        log.New(cfg.Log, "achilles serve: ", log.LstdFlags),
		cats:       make(map[string]*catalog.Catalog),
		rate:       newRateLimiter(2*cfg.MaxSessions, refillPerSecond, time.Now),
		connRate:   newRateLimiter(4*cfg.MaxSessions, 2*refillPerSecond, time.Now),
		newModel:   func(o ui.Options) tea.Model { return ui.New(o) },
		openGrace:  openDeadline,
		firstWords: firstWords,
		random:     rand.Float64,
		startups:   make(map[string]int),
		live:       make(map[*live]struct{}),
		conns:      make(map[*conn]struct{}),
		gone:       make(chan struct{}),
	}
	for _, lang := range catalog.Languages() {
		c, err := catalog.Load(lang)
		if err != nil {
			return nil, fmt.Errorf("loading the %s messages: %w", lang, err)
		}
		s.cats[lang] = c
	}
	if s.cats[catalog.Default] == nil {
		return nil, fmt.Errorf("the default language %s is missing from the message catalogs", catalog.Default)
	}
	signer, err := loadHostKey(cfg.HostKeyPath)
	if err != nil {
		return nil, &ConfigError{"HostKeyPath", err}
	}
	s.drops = newDropLog(s.log)
	s.hostKey = signer.PublicKey()
	opts, err := s.options(signer)
	if err != nil {
		return nil, err
	}
	s.ssh, err = wish.NewServer(opts...)
	if err != nil {
		return nil, fmt.Errorf("setting up the SSH server: %w", err)
	}
	return s, nil
}

// HostKeyFingerprint is the SHA256 fingerprint of the host key, as ssh
// shows it to a student connecting for the first time.
func (s *Server) HostKeyFingerprint() string { return gossh.FingerprintSHA256(s.hostKey) }

// Serve accepts students on ln until Shutdown, and then returns nil.
func (s *Server) Serve(ln net.Listener) error {
	s.mu.Lock()
	if s.closing {
		s.mu.Unlock()
		_ = ln.Close()
		return nil
	}
	s.ln = ln
	s.mu.Unlock()
	err := s.ssh.Serve(ln)
	if s.isClosing() {
		return nil
	}
	return fmt.Errorf("serving on %s: %w", ln.Addr(), err)
}

// Shutdown stops the server: it stops listening, tells every student that
// it will close in Config.Grace and waits that long (or until every
// session has ended), then ends every questionnaire with a goodbye and the
// student's report so far, finished or not, waits for the sessions to end
// and then closes the connections. When ctx ends first, the remaining
// connections are cut and ctx's error returned.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	s.closing = true
	if s.ln != nil {
		_ = s.ln.Close() // no new students while the others are told goodbye
	}
	ending := make([]*live, 0, len(s.live))
	for l := range s.live {
		ending = append(ending, l)
	}
	s.mu.Unlock()
	done := make(chan struct{})
	go func() {
		s.running.Wait()
		close(done)
	}()
	if s.cfg.Grace > 0 && len(ending) > 0 {
		for _, l := range ending {
			l.warn(s.cfg.Grace)
		}
		grace := time.NewTimer(s.cfg.Grace)
		select {
		case <-grace.C:
		case <-done:
		case <-ctx.Done():
		}
		grace.Stop()
	}
	for _, l := range ending {
		l.stop(endShutdown)
	}

	select {
	case <-done:
		// The students' ssh hangs up once its session has ended; give it
		// a moment, so that the goodbye is not cut off.
		wait, cancel := context.WithTimeout(ctx, closeGrace)
		defer cancel()
		select {
		case <-s.connsGone():
		case <-wait.Done():
		}
	case <-ctx.Done():
	}
	// Then close what is left. Not with the library's Shutdown: it waits
	// on a WaitGroup to which a connection finishing its handshake at that
	// moment adds, a data race (charm.land/ssh server.go, trackConn
	// against Shutdown's connWg.Wait). Close does not wait, and the
	// connections it does not know yet, still in their handshake, are
	// closed here from the server's own list.
	_ = s.ssh.Close()
	s.closeConns()
	return ctx.Err()
}

func (s *Server) isClosing() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.closing
}

// take holds a place for a questionnaire, unless the class is full or the
// server is closing.
func (s *Server) take() (ok, closing bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closing {
		return false, true
	}
	if s.active >= s.cfg.MaxSessions {
		return false, false
	}
	s.active++
	s.running.Add(1)
	return true, false
}

// give frees a place taken by take.
func (s *Server) give() {
	s.mu.Lock()
	s.active--
	s.mu.Unlock()
	s.running.Done()
}

// register lists a running questionnaire, so that Shutdown can end it;
// it fails when the server is already closing.
func (s *Server) register(l *live) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closing {
		return false
	}
	s.live[l] = struct{}{}
	return true
}

func (s *Server) unregister(l *live) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.live, l)
}

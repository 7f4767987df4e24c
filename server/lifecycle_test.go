package server

import (
	"context"
	"errors"
	"io"
	"net"
	"os"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"achilles/ui"
)

// TestShutdownSaysGoodbye: Shutdown ends every questionnaire with a
// goodbye and exit status 0, leaves the report of one that reached a
// result, and returns once the sessions are over.
func TestShutdownSaysGoodbye(t *testing.T) {
	srv := startServer(t, Config{})
	estimate := literal(t, "report.estimate_value")
	atResult := openAt(t, srv.addr, termOptions{})
	atResult.waitFor(en(t).T("ui.start.title"))
	atResult.toResult(resultShown(t))
	atStart := openAt(t, srv.addr, termOptions{command: "demo classic"})
	atStart.waitFor(en(t).T("case.classic.title"))

	ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		t.Fatalf("Shutdown: %v", err)
	}
	for name, tm := range map[string]*term{"at the result": atResult, "at the start": atStart} {
		if code := tm.exit(); code != exitOK {
			t.Errorf("%s: exit status %d, want 0; stderr %q", name, code, tm.err.String())
		}
		after := tm.out.String()
		i := strings.LastIndex(after, "\x1b[?1049l")
		if i < 0 {
			t.Errorf("%s: the program never left the alternate screen; stdout ends %q", name, tail(after))
			continue
		}
		after = after[i:]
		if !strings.Contains(after, "The class server is shutting down. Goodbye.\r\n") {
			t.Errorf("%s: no goodbye after the program; got %q", name, tail(after))
		}
		if got, want := strings.Contains(after, estimate), tm == atResult; got != want {
			t.Errorf("%s: report after the program %v, want %v", name, got, want)
		}
	}
	// New students are not let in any more.
	if c, err := dialConfigured(srv.addr); err == nil {
		_ = c.Close()
		t.Error("a connection was accepted after Shutdown")
	}
}

// TestIdleTimeout: a session in which nothing is typed ends by itself,
// politely, with the idle timeout set (and under -race: the library's own
// idle timeout races, see idleConn).
func TestIdleTimeout(t *testing.T) {
	srv := startServer(t, Config{IdleTimeout: 2 * time.Second})
	busy := openAt(t, srv.addr, termOptions{})
	idle := openAt(t, srv.addr, termOptions{})
	idle.waitFor(en(t).T("ui.start.title"))
	busy.waitFor(en(t).T("ui.start.title"))

	// While the idle one times out, the busy one keeps typing: moving the
	// highlight down and up redraws without answering anything.
	stop := make(chan struct{})
	typed := make(chan struct{})
	go func() {
		defer close(typed)
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			case <-time.After(200 * time.Millisecond):
				busy.send([]string{"j", "k"}[i%2])
			}
		}
	}()
	code := idle.exit()
	close(stop)
	<-typed
	if code != exitOK {
		t.Errorf("idle session: exit status %d, want 0", code)
	}
	if out := idle.out.String(); !strings.Contains(out, "No key was pressed for 2s") {
		t.Errorf("idle session: no word on why it ended; stdout ends %q", tail(out))
	}
	select {
	case <-busy.done:
		t.Fatalf("the session being typed in ended too; stdout ends %q", tail(busy.out.String()))
	default:
	}
	if code := busy.quit(); code != exitOK {
		t.Errorf("busy session: exit status %d", code)
	}
}

// TestMaxTimeout: a session ends at the maximum time, politely.
func TestMaxTimeout(t *testing.T) {
	srv := startServer(t, Config{MaxTimeout: time.Second})
	tm := openAt(t, srv.addr, termOptions{})
	tm.waitFor(en(t).T("ui.start.title"))
	if code := tm.exit(); code != exitOK {
		t.Errorf("exit status %d, want 0", code)
	}
	if out := tm.out.String(); !strings.Contains(out, "reached the class server's limit of 1s") {
		t.Errorf("no word on why it ended; stdout ends %q", tail(out))
	}
}

// TestInputEnds: when the student's input ends, so does the
// questionnaire, rather than waiting for keys that cannot come.
func TestInputEnds(t *testing.T) {
	srv := startServer(t, Config{})
	tm := openAt(t, srv.addr, termOptions{})
	tm.waitFor(en(t).T("ui.start.title"))
	if err := tm.in.Close(); err != nil {
		t.Fatal(err)
	}
	if code := tm.exit(); code != exitOK {
		t.Errorf("exit status %d, want 0", code)
	}
}

// panicky is a model that panics at the first key.
type panicky struct{}

func (panicky) Init() tea.Cmd { return nil }
func (panicky) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(tea.KeyPressMsg); ok {
		panic("a bug in the questionnaire")
	}
	return panicky{}, nil
}
func (panicky) View() tea.View { return tea.NewView("ready for a key") }

// TestPanicEndsOneSession: a panic in a student's program, or in the
// server's handling of a session, ends that session only, with a message
// and exit status 1; its place is freed and the server goes on.
func TestPanicEndsOneSession(t *testing.T) {
	for name, model := range map[string]func(ui.Options) tea.Model{
		"in the program": func(ui.Options) tea.Model { return panicky{} },
		"in the handler": func(ui.Options) tea.Model { panic("a bug in the server") },
	} {
		t.Run(name, func(t *testing.T) {
			srv := startServer(t, Config{MaxSessions: 1}, func(s *Server) {
				s.newModel = func(o ui.Options) tea.Model {
					if o.Case == "" {
						return model(o)
					}
					return ui.New(o) // demo: the healthy questionnaire
				}
			})
			tm := openAt(t, srv.addr, termOptions{})
			if name == "in the program" {
				tm.waitFor("ready for a key")
				tm.send("x")
			}
			if code := tm.exit(); code != exitInternal {
				t.Errorf("exit status %d, want %d", code, exitInternal)
			}
			if msg := tm.err.String(); !strings.Contains(msg, "sorry") || !strings.Contains(msg, "Connect again") {
				t.Errorf("message %q", msg)
			}
			// The one place is free again, and the server still works.
			next := openAt(t, srv.addr, termOptions{command: "demo classic"})
			next.waitFor(en(t).T("case.classic.title"))
			if code := next.quit(); code != exitOK {
				t.Errorf("the next session: exit status %d", code)
			}
			if name == "in the handler" && !strings.Contains(srv.log.String(), "panic: a bug in the server") {
				t.Errorf("the panic is not in the log:\n%s", srv.log.String())
			}
		})
	}
}

// TestShutdownClosesIdleConnections: connections without a session, one
// still before its handshake and one authenticated, do not hold Shutdown
// up: they are closed.
func TestShutdownClosesIdleConnections(t *testing.T) {
	srv := startServer(t, Config{})
	raw, err := net.Dial("tcp", srv.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	client := dial(t, srv.addr)
	clientGone := make(chan error, 1)
	go func() { clientGone <- client.Wait() }()

	ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		t.Fatalf("Shutdown: %v", err)
	}
	_ = raw.SetReadDeadline(time.Now().Add(waitLimit))
	if _, err := io.Copy(io.Discard, raw); errors.Is(err, os.ErrDeadlineExceeded) {
		t.Error("the connection before its handshake was left open")
	}
	select {
	case <-clientGone:
	case <-time.After(waitLimit):
		t.Error("the authenticated connection without a session was left open")
	}
}

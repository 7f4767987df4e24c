package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"achilles/cases"
	"achilles/catalog"
	"achilles/server"
)

// shutdownTimeout bounds saying goodbye to every student when the server
// is stopped, after the grace period; past it, the remaining connections
// are cut.
const shutdownTimeout = 10 * time.Second

// serveCmd is achilles serve, with its flags.
type serveCmd struct {
	g              *globals
	listen         string
	maxSessions    int
	idle, maxTime  time.Duration
	grace          time.Duration
	hostKey        string
	authorizedKeys string
	// interrupts are the signals after the first, which stop the server
	// at once, and a function to stop listening for them: the process's
	// SIGINT and SIGTERM, or a test's channel.
	interrupts func() (<-chan os.Signal, func())
}

// processInterrupts are the process's SIGINT and SIGTERM from now on.
func processInterrupts() (<-chan os.Signal, func()) {
	c := make(chan os.Signal, 1)
	signal.Notify(c, os.Interrupt, syscall.SIGTERM)
	return c, func() { signal.Stop(c) }
}

// serveFlag names the flag behind a setting of server.Config, for its
// errors.
func serveFlag(field string) string {
	switch field {
	case "MaxSessions":
		return "--max-sessions"
	case "IdleTimeout":
		return "--idle-timeout"
	case "MaxTimeout":
		return "--max-time"
	case "Grace":
		return "--grace"
	case "HostKeyPath":
		return "--host-key"
	case "AuthorizedKeysPath":
		return "--authorized-keys"
	}
	return field
}

// newServe is the classroom server: every student who connects by SSH gets
// their own questionnaire.
func newServe(env Env, g *globals) *cobra.Command {
	o := &serveCmd{g: g, interrupts: processInterrupts}
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "The classroom server, over SSH",
		Long: `serve runs an SSH server for a class: each student who connects gets their
own questionnaire in their own terminal, and "demo ID" a course case. There
is no shell, no other command, no port forwarding and no file transfer, and
nothing a student does is written to this machine's disk.

It listens on this machine only (127.0.0.1) unless --listen says otherwise.
Without --authorized-keys, anyone who can reach the port can connect.
Ctrl+C stops it: every student is told that the server closes in the
--grace period, then gets their report so far (marked "not finished" when
it is) and a goodbye. A second Ctrl+C stops it at once.

Students whose terminal cannot draw a screen (TERM=dumb), or who connect
without one, get accessible mode: plain numbered prompts; anyone can ask
for it with "ssh -t HOST -- --accessible".`,
		Example: `  achilles serve
  achilles serve --listen 0.0.0.0:2222 --authorized-keys class_keys.pub
  ssh -p 2222 localhost                   (a student: the questionnaire)
  ssh -t -p 2222 localhost demo classic   (a course case)
  ssh -t -p 2222 localhost -- --accessible   (plain numbered prompts)`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return o.run(cmd.Context(), env)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.listen, "listen", "127.0.0.1:2222", "the `HOST:PORT` to listen on; 0.0.0.0:2222 for every network of this machine")
	f.IntVar(&o.maxSessions, "max-sessions", 40, "how many students may be connected at once")
	f.DurationVar(&o.idle, "idle-timeout", 15*time.Minute, "end a session after this long without a key pressed (0: never)")
	f.DurationVar(&o.maxTime, "max-time", 2*time.Hour, "end any session after this long (0: never)")
	f.DurationVar(&o.grace, "grace", 30*time.Second, "on Ctrl+C, how long students are warned before the server closes (0: none)")
	f.StringVar(&o.hostKey, "host-key", "", "the server's private host key `FILE`, made when missing (default: host_ed25519 in your data directory)")
	f.StringVar(&o.authorizedKeys, "authorized-keys", "", "let in only the public keys in this authorized_keys `FILE` (default: anyone who can reach the port)")
	return cmd
}

// run serves until ctx is cancelled (SIGINT or SIGTERM), then stops
// gracefully.
func (o *serveCmd) run(ctx context.Context, env Env) error {
	host, port, err := net.SplitHostPort(o.listen)
	if n, perr := strconv.Atoi(port); err != nil || perr != nil || n < 0 || n > 65535 {
		return usagef("--listen %q is not an address to listen on; give HOST:PORT, such as 127.0.0.1:2222 (this machine only) or 0.0.0.0:2222 (every network)", o.listen)
	}
	if o.hostKey == "" {
		dir, err := dataDir(env)
		if err != nil {
			return usagef("%v; choose the host key's file with --host-key FILE", err)
		}
		o.hostKey = filepath.Join(dir, "host_ed25519")
	}
	srv, err := server.New(server.Config{
		MaxSessions:        o.maxSessions,
		IdleTimeout:        o.idle,
		MaxTimeout:         o.maxTime,
		Grace:              o.grace,
		HostKeyPath:        o.hostKey,
		AuthorizedKeysPath: o.authorizedKeys,
		Region:             classRegion(env, o.g),
		Log:                env.Stderr,
	})
	if ce := (*server.ConfigError)(nil); errors.As(err, &ce) {
		return usagef("%s: %v", serveFlag(ce.Field), ce.Err)
	}
	if err != nil {
		return err
	}
	ln, err := (&net.ListenConfig{}).Listen(ctx, "tcp", o.listen)
	if err != nil {
		return usagef("--listen %s: cannot listen there (%v); is another server using the port? Choose another with --listen HOST:PORT", o.listen, errors.Unwrap(err))
	}
	announce(env.Stderr, ln.Addr(), host, o, srv.HostKeyFingerprint())

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return fmt.Errorf("the class server stopped: %w", err)
	case <-ctx.Done():
	}
	if o.grace > 0 {
		fmt.Fprintf(env.Stderr, "achilles serve: stopping: every student is told that the server closes in %s, then gets their report and a goodbye. Ctrl+C again stops at once.\n", o.grace)
	} else {
		fmt.Fprintln(env.Stderr, "achilles serve: stopping: saying goodbye to every student…")
	}
	stop, cancel := context.WithTimeout(context.WithoutCancel(ctx), o.grace+shutdownTimeout)
	defer cancel()
	again, release := o.interrupts()
	defer release()
	cut := make(chan struct{})
	watching := make(chan struct{})
	go func() {
		defer close(watching)
		select {
		case <-again:
			fmt.Fprintln(env.Stderr, "achilles serve: stopping at once: every session is cut.")
			close(cut)
			cancel()
		case <-stop.Done():
		}
	}()
	err = srv.Shutdown(stop)
	cancel()
	<-watching
	select {
	case <-cut:
		// Asked for: the sessions cut are no failure.
		err = nil
	default:
	}
	if err != nil {
		return fmt.Errorf("stopping the class server: some sessions did not end within %s and were cut: %w", o.grace+shutdownTimeout, err)
	}
	if err := <-served; err != nil {
		return err
	}
	fmt.Fprintln(env.Stderr, "achilles serve: stopped.")
	return nil
}

// announce tells the teacher where the server listens and how students
// connect, and warns when anyone on the network could.
func announce(w io.Writer, addr net.Addr, host string, o *serveCmd, fingerprint string) {
	_, port, _ := net.SplitHostPort(addr.String())
	loopback := isLoopback(host)
	target := "HOST"
	switch {
	case loopback:
		target = "localhost"
	case host != "" && !net.ParseIP(host).IsUnspecified():
		target = host
	}
	if strings.Contains(target, ":") {
		target = "[" + target + "]" // an IPv6 address, as ssh takes it
	}
	p := "-p " + port + " "
	if port == "22" {
		p = ""
	}
	idle := "never"
	if o.idle > 0 {
		idle = "after " + o.idle.String()
	}
	fmt.Fprintf(w, "achilles serve: listening on %s (up to %d students; idle sessions end %s).\n", addr, o.maxSessions, idle)
	fmt.Fprintf(w, "Students connect with:\n")
	fmt.Fprintf(w, "  ssh %s%s                        the questionnaire\n", p, target)
	fmt.Fprintf(w, "  ssh -t %s%s demo classic        a course case (%s)\n", p, target, strings.Join(cases.IDs(), ", "))
	fmt.Fprintf(w, "  ssh -t %s%s -- --lang LANG      another language (%s)\n", p, target, strings.Join(catalog.Languages(), ", "))
	if target == "HOST" {
		fmt.Fprintf(w, "where HOST is this machine's name or address on the class network.\n")
	}
	fmt.Fprintf(w, "Host key %s: students can check it when ssh asks on first connecting.\n", fingerprint)
	if !loopback && o.authorizedKeys == "" {
		fmt.Fprintf(w, "achilles serve: warning: listening beyond this machine without --authorized-keys: anyone who can reach port %s can connect. Give --authorized-keys FILE to let in only your class's keys.\n", port)
	}
	fmt.Fprintf(w, "  ssh -t %s%s -- --accessible     plain numbered prompts (screen readers)\n", p, target)
	fmt.Fprintf(w, "Press Ctrl+C to stop: every student is warned, then gets their report and a goodbye.\n")
}

// isLoopback reports whether a listen host is this machine only.
func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

package server

import (
	"errors"
	"io"
	"log"
	"runtime"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// BenchmarkHostileHeap reports the memory the server holds after hostile
// clients, for the README's figures: heap-KiB is the live heap's growth
// (after a collection) over the server at rest.
//
//   - env: one connection sends 10,000 env requests (floodEnv: allowed
//     names and others, of 256 bytes and 10 KB, about 50 MB in all) and
//     stays connected;
//   - refused: 1,000 clients are each refused a session (the class is
//     full) and leave; goroutines is how many more are running than at
//     rest, once the server has let their connections go.
func BenchmarkHostileHeap(b *testing.B) {
	b.Run("env", func(b *testing.B) {
		for range b.N {
			srv := startServer(b, Config{})
			c := dial(b, srv.addr)
			sess, err := c.NewSession()
			if err != nil {
				b.Fatal(err)
			}
			before := heapInUse()
			value := strings.Repeat("x", 10<<10)
			for i := range 10_000 {
				_ = sess.Setenv(floodEnv(i, value))
			}
			b.ReportMetric(float64(int64(heapInUse())-int64(before))/1024, "heap-KiB")
			_ = c.Close()
		}
	})
	b.Run("refused", func(b *testing.B) {
		for range b.N {
			// The log lines, kept in memory by the test, are not counted.
			srv := startServer(b, Config{MaxSessions: 1}, func(s *Server) { s.log = log.New(io.Discard, "", 0) })
			holder := openAt(b, srv.addr, termOptions{}) // the one place, taken
			holder.waitFor(en(b).T("ui.start.title"))
			runtime.GC()
			before, goroutines := heapInUse(), runtime.NumGoroutine()
			for range 1000 {
				// Not ownSession: its clients are kept for the test's end,
				// and would be counted.
				c, err := dialConfigured(srv.addr)
				if err != nil {
					b.Fatal(err)
				}
				sess, err := c.NewSession()
				if err != nil {
					b.Fatal(err)
				}
				if err := sess.RequestPty("xterm", 24, 80, gossh.TerminalModes{}); err != nil {
					b.Fatal(err)
				}
				if err := sess.Shell(); err != nil {
					b.Fatal(err)
				}
				var exit *gossh.ExitError
				if err := sess.Wait(); !errors.As(err, &exit) || exit.ExitStatus() != exitInternal {
					b.Fatalf("%v, want the class full", err)
				}
				_ = c.Close()
			}
			deadline := time.Now().Add(waitLimit)
			for srv.openConns() > 1 && time.Now().Before(deadline) {
				time.Sleep(10 * time.Millisecond)
			}
			time.Sleep(100 * time.Millisecond) // goroutines end after their connection
			b.ReportMetric(float64(int64(heapInUse())-int64(before))/1024, "heap-KiB")
			b.ReportMetric(float64(runtime.NumGoroutine()-goroutines), "goroutines")
			b.ReportMetric(float64(srv.openConns()-1), "conns")
		}
	})
}

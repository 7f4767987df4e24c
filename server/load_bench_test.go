package server

import (
	"context"
	"io"
	"math/rand/v2"
	"net"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// BenchmarkLoad100Sessions: 100 students at once, each with an 80×24
// terminal, each answering a whole questionnaire key by key up to the
// result. It reports the time from writing a key to the first bytes of the
// redraw (p50, p95, p99; targets on 2 cores: p95 ≤ 50 ms), the time from
// opening the session to the first screen, and the memory the sessions
// hold while all are connected (target ≤ 2 MiB a session). The clients
// run in the same process, so the memory includes theirs and the
// latencies include competing with them for the CPU: both are upper
// bounds for the server alone.
func BenchmarkLoad100Sessions(b *testing.B) {
	const sessions = 100
	for range b.N {
		runLoad(b, sessions)
	}
}

// loadThink is how long a simulated student waits after each redraw
// before the next key: real students read the screen, and the pause lets
// the tail of a redraw arrive before the next key's clock starts.
func loadThink() time.Duration { return 50*time.Millisecond + rand.N(100*time.Millisecond) }

func runLoad(b *testing.B, sessions int) {
	b.StopTimer()
	srv, err := New(Config{
		MaxSessions: sessions,
		IdleTimeout: 15 * time.Minute,
		MaxTimeout:  2 * time.Hour,
		HostKeyPath: filepath.Join(b.TempDir(), "host_ed25519"),
		Log:         io.Discard,
	})
	if err != nil {
		b.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	defer func() {
		ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
		defer cancel()
		_ = srv.Shutdown(ctx)
		<-served
	}()
	start := flat(en(b).T("ui.start.title"))
	result := flat(resultShown(b))
	base := heapAndStacks()

	var (
		mu        sync.Mutex
		keys      []time.Duration
		firsts    []time.Duration
		connected sync.WaitGroup // every session shows its first screen
		resulted  sync.WaitGroup // every session shows its result
		measured  = make(chan struct{})
		failures  = make(chan error, sessions)
		finished  sync.WaitGroup
	)
	connected.Add(sessions)
	resulted.Add(sessions)
	finished.Add(sessions)
	b.StartTimer()
	for range sessions {
		go func() {
			defer finished.Done()
			lat, first, err := loadStudent(ln.Addr().String(), start, result, &connected, &resulted, measured)
			if err != nil {
				failures <- err
				return
			}
			mu.Lock()
			keys, firsts = append(keys, lat...), append(firsts, first)
			mu.Unlock()
		}()
	}
	// Memory is measured twice, at the start screens and at the results
	// (the larger: each holds its report), while every session is open.
	waitOrFail(b, &connected, failures)
	atStart := heapAndStacks()
	waitOrFail(b, &resulted, failures)
	atResult := heapAndStacks()
	close(measured)
	finished.Wait()
	b.StopTimer()
	close(failures)
	for err := range failures {
		b.Fatal(err)
	}
	slices.Sort(keys)
	slices.Sort(firsts)
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(ms(percentile(keys, 0.50)), "p50-ms")
	b.ReportMetric(ms(percentile(keys, 0.95)), "p95-ms")
	b.ReportMetric(ms(percentile(keys, 0.99)), "p99-ms")
	b.ReportMetric(ms(percentile(firsts, 0.95)), "first-screen-p95-ms")
	b.ReportMetric(float64(len(keys))/float64(sessions), "keys/session")
	peak := max(atStart, atResult)
	perSession := float64(peak-min(base, peak)) / float64(sessions) / (1 << 20)
	b.ReportMetric(perSession, "MiB/session")
}

// loadStudent is one student: connect, wait for the first screen, press
// enter until the result, quit. It returns the latency of every key and
// the time to the first screen.
func loadStudent(addr, start, result string, connected, resulted *sync.WaitGroup, measured <-chan struct{}) (keys []time.Duration, first time.Duration, err error) {
	began := time.Now()
	countedConnected, countedResult := false, false
	defer func() { // a failed student must not hold the others up
		if !countedConnected {
			connected.Done()
		}
		if !countedResult {
			resulted.Done()
		}
	}()
	c, err := gossh.Dial("tcp", addr, dialConfig())
	if err != nil {
		return nil, 0, err
	}
	defer c.Close()
	sess, err := c.NewSession()
	if err != nil {
		return nil, 0, err
	}
	defer sess.Close()
	out := &tailStream{changed: make(chan struct{})}
	sess.Stdout, sess.Stderr = out, io.Discard
	in, err := sess.StdinPipe()
	if err != nil {
		return nil, 0, err
	}
	if err := sess.RequestPty("xterm-256color", 24, 80, gossh.TerminalModes{}); err != nil {
		return nil, 0, err
	}
	if err := sess.Shell(); err != nil {
		return nil, 0, err
	}
	if err := out.waitFor(start); err != nil {
		return nil, 0, err
	}
	first = time.Since(began)
	countedConnected = true
	connected.Done()

	for !out.shows(result) {
		time.Sleep(loadThink())
		out.arm()
		sent := time.Now()
		if _, err := io.WriteString(in, keyEnter); err != nil {
			return nil, 0, err
		}
		got, err := out.answered()
		if err != nil {
			return nil, 0, err
		}
		keys = append(keys, got.Sub(sent))
		if len(keys) > 200 {
			return nil, 0, errNoResult
		}
	}
	countedResult = true
	resulted.Done()
	<-measured
	if _, err := io.WriteString(in, keyQuit); err != nil {
		return nil, 0, err
	}
	return keys, first, sess.Wait()
}

type loadError string

func (e loadError) Error() string { return string(e) }

const (
	errNoResult = loadError("no result after 200 keys")
	errTimeout  = loadError("no output in time")
)

// tailStream keeps the last few KiB a session wrote, to look for words
// in, and when the first bytes after a key arrived.
type tailStream struct {
	mu      sync.Mutex
	armed   bool
	first   time.Time // the first write since arm
	tail    []byte
	changed chan struct{}
}

const tailSize = 16 << 10

func (s *tailStream) Write(p []byte) (int, error) {
	now := time.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.armed && s.first.IsZero() {
		s.first = now
	}
	s.tail = append(s.tail, p...)
	if len(s.tail) > tailSize {
		s.tail = s.tail[len(s.tail)-tailSize:]
	}
	close(s.changed)
	s.changed = make(chan struct{})
	return len(p), nil
}

// arm starts waiting for the answer to a key.
func (s *tailStream) arm() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.armed, s.first = true, time.Time{}
}

func (s *tailStream) shows(want string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return strings.Contains(flat(string(s.tail)), want)
}

// answered waits for output after arm and returns when it began.
func (s *tailStream) answered() (time.Time, error) {
	deadline := time.After(waitLimit)
	for {
		s.mu.Lock()
		first, changed := s.first, s.changed
		s.mu.Unlock()
		if !first.IsZero() {
			return first, nil
		}
		select {
		case <-changed:
		case <-deadline:
			return time.Time{}, errTimeout
		}
	}
}

// waitFor waits until the output shows want.
func (s *tailStream) waitFor(want string) error {
	deadline := time.After(waitLimit)
	for {
		s.mu.Lock()
		changed := s.changed
		s.mu.Unlock()
		if s.shows(want) {
			return nil
		}
		select {
		case <-changed:
		case <-deadline:
			return errTimeout
		}
	}
}

func waitOrFail(b *testing.B, wg *sync.WaitGroup, failures <-chan error) {
	b.Helper()
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	select {
	case <-done:
	case err := <-failures:
		b.Fatal(err)
	}
}

// heapAndStacks is the memory in use after a collection: heap spans and
// goroutine stacks, each session having a dozen goroutines.
func heapAndStacks() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse + m.StackInuse
}

func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	return sorted[min(len(sorted)-1, int(p*float64(len(sorted))))]
}

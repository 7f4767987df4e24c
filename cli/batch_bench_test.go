package cli

import (
	"bytes"
	"context"
	"io"
	"os"
	"runtime/metrics"
	"testing"
	"time"
)

// BenchmarkBatch measures `assess --batch` in process over a file of
// generated answers (set ACHILLES_BATCH to a JSON Lines file), or over a
// small built-in set.
func BenchmarkBatch(b *testing.B) {
	input := []byte(`{"onset":"sudden","pop":"yes","thompson":"positive","tiptoe":"cannot","age":40}` + "\n" +
		`{"mechanism":"twist","pain_site":"ankle_side","tiptoe":"can","walk":"limp"}` + "\n")
	if path := os.Getenv("ACHILLES_BATCH"); path != "" {
		data, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		input = data
	}
	lines := bytes.Count(input, []byte("\n"))
	b.ReportAllocs()
	for b.Loop() {
		code := Run(context.Background(), []string{"assess", "--batch"}, Env{Stdin: bytes.NewReader(input), Stdout: io.Discard, Stderr: io.Discard})
		if code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
	b.ReportMetric(float64(lines*b.N)/b.Elapsed().Seconds(), "lines/s")
}

// BenchmarkBatchLargeLines runs `assess --batch` in process over 1,100
// lines of about 1 MB each, made as they are read rather than held, and
// reports the most heap in use seen while it runs (sampled every
// millisecond), which the bounds of a block keep the same on any number
// of cores.
func BenchmarkBatchLargeLines(b *testing.B) {
	line := bytes.Repeat([]byte{' '}, 1_000_000)
	copy(line, `{"onset":"sudden","pop":"yes","thompson":"positive","age":40}`)
	line[len(line)-1] = '\n'
	const lines = 1100
	var peak uint64
	for b.Loop() {
		stop := sampleHeap(&peak)
		r := &repeatReader{line: line, left: lines * len(line)}
		code := Run(context.Background(), []string{"assess", "--batch"}, Env{Stdin: r, Stdout: io.Discard, Stderr: io.Discard})
		stop()
		if code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
	b.ReportMetric(float64(lines*b.N)/b.Elapsed().Seconds(), "lines/s")
}

// repeatReader serves the same line until left bytes have been served.
type repeatReader struct {
	line []byte
	off  int
	left int
}

func (r *repeatReader) Read(p []byte) (int, error) {
	if r.left == 0 {
		return 0, io.EOF
	}
	n := 0
	for n < len(p) && r.left > 0 {
		c := copy(p[n:min(len(p), n+r.left)], r.line[r.off:])
		n, r.left, r.off = n+c, r.left-c, (r.off+c)%len(r.line)
	}
	return n, nil
}

// sampleHeap records in peak the most heap in use (live and not yet
// collected objects) until the returned function is called.
func sampleHeap(peak *uint64) (stop func()) {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(sample)
			*peak = max(*peak, sample[0].Value.Uint64())
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	return func() {
		close(done)
		<-finished
	}
}

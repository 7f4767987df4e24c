package cli

import (
	"bytes"
	"context"
	"io"
	"os"
	"testing"
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

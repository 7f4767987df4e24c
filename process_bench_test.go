package main

import (
	"bytes"
	"fmt"
	"io"
	"os/exec"
	"strings"
	"testing"
)

// BenchmarkAssessProcess times one whole `achilles assess` process, from
// exec to exit. Target: under 10 ms.
func BenchmarkAssessProcess(b *testing.B) {
	for b.Loop() {
		cmd := exec.Command(binary, "assess", "--answer", "pop=yes", "--answer", "thompson=positive", "--format", "json")
		cmd.Stdout = io.Discard
		if err := cmd.Run(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBatchProcess times `achilles assess --batch` over 100,000 lines
// as a whole process. Target: at least 100,000 lines per second.
func BenchmarkBatchProcess(b *testing.B) {
	const lines = 100000
	docs := []string{
		`{"onset":"sudden","mechanism":"push_off","pop":"yes","kicked":"yes","pain_site":"achilles","tiptoe":"cannot","push_weak":"yes","thompson":"positive","age":41}`,
		`{"answerer":"other","mechanism":"twist","pain_site":"ankle_side","walk":"limp","tiptoe":"can","bone_tender":"yes","age":23}`,
		`{"onset":"gradual","prior_symptoms":"yes","pain_site":"achilles","walk":"normal","tiptoe":"can","fluoroquinolone":"yes"}`,
		`{"chest_symptoms":"no","calf_swelling_warm":"yes","pain_site":"calf","pop":"no","time_since":"1_14d"}`,
	}
	var in strings.Builder
	for i := range lines {
		in.WriteString(docs[i%len(docs)])
		in.WriteByte('\n')
	}
	input := []byte(in.String())
	for b.Loop() {
		cmd := exec.Command(binary, "assess", "--batch")
		cmd.Stdin = bytes.NewReader(input)
		cmd.Stdout = io.Discard
		if err := cmd.Run(); err != nil {
			b.Fatal(fmt.Errorf("batch: %w", err))
		}
	}
	b.ReportMetric(float64(lines*b.N)/b.Elapsed().Seconds(), "lines/s")
}

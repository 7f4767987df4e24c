//go:build linux

package main

import (
	"testing"
	"time"
)

// startScreen is text of the start screen's first frame.
var startScreen = []byte("Who is answering")

// BenchmarkFirstFrame measures the time from starting achilles in an 80×24
// pseudo-terminal to its first frame: the start screen's text in the
// output (docs/product.md: within 50 ms). Nobody answers the program's query
// for the background colour, so this also shows that it does not wait for
// an answer.
func BenchmarkFirstFrame(b *testing.B) {
	dir := b.TempDir()
	for b.Loop() {
		// Opening the terminal is not the program's time.
		b.StopTimer()
		p, err := newPTYProgram(80, 24, dir)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		err = p.start()
		if err == nil {
			err = p.readUntil(startScreen, 10*time.Second)
		}
		b.StopTimer()
		p.stop()
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
}

// The questionnaire draws its start screen on a real terminal, although
// nobody answers its query for the background colour, and q there quits
// with exit 0.
func TestFirstFrameInPTY(t *testing.T) {
	p, err := newPTYProgram(80, 24, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer p.stop()
	if err := p.start(); err != nil {
		t.Fatal(err)
	}
	if err := p.readUntil(startScreen, 10*time.Second); err != nil {
		t.Fatalf("no start screen: %v", err)
	}
	// The start screen came although the query was never answered. The
	// query is written beside the first frame, before or after it: read
	// on until it shows (the limit only bounds a program that never asks).
	if err := p.readUntil([]byte("\x1b]11;?"), 10*time.Second); err != nil {
		t.Errorf("the program did not ask the terminal for its background colour (OSC 11): %v", err)
	}
	if _, err := p.master.Write([]byte("q")); err != nil {
		t.Fatal(err)
	}
	p.drain()
	code, err := p.wait(10 * time.Second)
	if err != nil {
		t.Fatalf("after q on the start screen: %v", err)
	}
	if code != 0 {
		t.Errorf("exit %d after q on the start screen, want 0", code)
	}
}

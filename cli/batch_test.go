package cli

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/iotest"

	q "achilles/questionnaire"
)

// batchInput is a batch input made for a test, with the lines a block
// reader must give back.
type batchInput struct {
	data  []byte
	read  int        // lines written
	lines []wantLine // the lines to assess: all but the blank ones
}

type wantLine struct {
	no      int
	text    []byte // without its line ending
	tooLong bool
}

func (in *batchInput) add(text []byte, ending string) {
	in.data = append(append(in.data, text...), ending...)
	in.read++
	w := wantLine{no: in.read, text: text}
	if len(text)+len(ending) > q.MaxDocument+1 {
		w.text, w.tooLong = nil, true
	} else if len(bytes.Trim(text, " \t\r")) == 0 {
		return // blank: skipped
	}
	in.lines = append(in.lines, w)
}

// readBlocks reads all of in's blocks with a reader set up for workers
// cores, checks every block against the bounds and the lines against what
// was written, and returns the number of blocks.
func readBlocks(t *testing.T, in *batchInput, workers int) int {
	t.Helper()
	b := newBlockReader(bufio.NewReaderSize(bytes.NewReader(in.data), 64<<10), workers)
	blocks, next := 0, 0
	for {
		more, err := b.next()
		if err != nil {
			t.Fatalf("block %d: %v", blocks+1, err)
		}
		if !more {
			break
		}
		blocks++
		if len(b.arena) > batchMaxBytes {
			t.Errorf("block %d holds %d bytes of lines; the bound is %d", blocks, len(b.arena), batchMaxBytes)
		}
		if len(b.lines) > batchMaxLines || len(b.lines) > batchPerWorker*workers {
			t.Errorf("block %d holds %d lines; the bounds are %d, and %d for %d cores", blocks, len(b.lines), batchMaxLines, batchPerWorker*workers, workers)
		}
		for i, l := range b.lines {
			if next >= len(in.lines) {
				t.Fatalf("block %d gives more lines than were written", blocks)
			}
			w := in.lines[next]
			next++
			if l.no != w.no || l.tooLong != w.tooLong || !bytes.Equal(b.line(i), w.text) {
				t.Fatalf("block %d, line %d: got line %d (too long: %v, %d bytes), want line %d (too long: %v, %d bytes)",
					blocks, i+1, l.no, l.tooLong, len(b.line(i)), w.no, w.tooLong, len(w.text))
			}
		}
	}
	if next != len(in.lines) {
		t.Errorf("%d lines written, %d read", len(in.lines), next)
	}
	return blocks
}

// A block of a batch is bounded by bytes as well as by lines, whatever the
// number of cores, and each line in it is whole: 60 lines of 0.6 to 1 MiB,
// some over the 1 MiB limit, take several blocks of at most 16 MiB.
func TestBatchBlocksAreBoundedByBytes(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 13))
	var in batchInput
	for i := range 60 {
		n := q.MaxDocument*6/10 + rng.IntN(q.MaxDocument*4/10)
		switch i % 10 {
		case 3:
			n = q.MaxDocument + 1 + rng.IntN(1000) // over the limit
		case 7:
			n = 20 // a small one between the large
		}
		line := bytes.Repeat([]byte{' '}, n)
		copy(line, fmt.Sprintf(`{"age": %d}`, i+1))
		ending := "\n"
		if i%2 == 1 {
			ending = "\r\n"
		}
		in.add(line, ending)
	}
	kept := 0
	for _, w := range in.lines {
		kept += len(w.text)
	}
	if kept <= 2*batchMaxBytes {
		t.Fatalf("the test's lines (%d bytes kept) could fit in two blocks", kept)
	}
	for _, workers := range []int{1, 2, 64} {
		if blocks := readBlocks(t, &in, workers); blocks < 3 {
			t.Errorf("%d cores: %d bytes of lines came in %d blocks", workers, kept, blocks)
		}
	}
}

// Small lines fill a block up to its line bound, which stops growing with
// the number of cores.
func TestBatchBlocksAreBoundedByLines(t *testing.T) {
	var in batchInput
	for i := range 3 * batchMaxLines {
		in.add([]byte(fmt.Sprintf(`{"age": %d}`, i%120+1)), "\n")
	}
	for _, workers := range []int{1, 2, 8, 64, 1024} {
		readBlocks(t, &in, workers)
	}
}

// Lines of exactly the limit, one over it and blank ones sit next to each
// other in a block; the last line may lack its newline.
func TestBatchBlocksAtTheLineLimit(t *testing.T) {
	var in batchInput
	full := []byte("{}" + strings.Repeat(" ", q.MaxDocument-2))
	for range 20 {
		in.add(full, "\n")
		in.add(append(full, ' '), "\n")
		in.add([]byte(" "), "\n")
	}
	in.add([]byte(`{"pop": "yes"}`), "")
	readBlocks(t, &in, 2)
}

// Large lines split over several blocks still come out one result per line,
// in input order.
func TestBatchLargeLinesInOrder(t *testing.T) {
	var in bytes.Buffer
	const n = 40
	for i := range n {
		line := bytes.Repeat([]byte{' '}, q.MaxDocument-100)
		copy(line, fmt.Sprintf(`{"age": %d}`, i+1))
		in.Write(line)
		in.WriteByte('\n')
	}
	o := runWith(t, runOpts{stdin: &in}, "assess", "--batch")
	mustSucceed(t, o)
	lines := batchLines(t, o.stdout)
	if len(lines) != n {
		t.Fatalf("%d lines in, %d out", n, len(lines))
	}
	for i, line := range lines {
		checkReport(t, line, map[string]any{"age": float64(i + 1)})
	}
}

// Blank lines (nothing, or only spaces, tabs and a carriage return) are
// skipped: no result and no error, so the output has one line per line of
// answers, and the line numbers of errors still count every line read.
func TestBatchBlankLinesSkipped(t *testing.T) {
	in := strings.Join([]string{
		``,
		`{"pop": "yes"}`,
		"  \t ",
		"\r",
		`{"pop": "maybe"}`,
		``,
		`{"walk": "limp"}`,
		" ",
		``,
	}, "\n")
	for name, r := range map[string]io.Reader{
		"all at once": strings.NewReader(in),
		// Each byte its own read: a blank line is then all that has come
		// when the reader looks for more, and the batch must wait for the
		// next line rather than end or answer for the blank one.
		"a byte at a time": iotest.OneByteReader(strings.NewReader(in)),
	} {
		t.Run(name, func(t *testing.T) {
			o := runWith(t, runOpts{stdin: r}, "assess", "--batch")
			if o.code != ExitUsage {
				t.Errorf("exit code %d, want %d: %v", o.code, ExitUsage, o)
			}
			lines := batchLines(t, o.stdout)
			if len(lines) != 3 {
				t.Fatalf("3 lines of answers in, %d lines out:\n%s", len(lines), o.stdout)
			}
			checkReport(t, lines[0], map[string]any{"pop": "yes"})
			checkErrorLine(t, lines[1], 5, `"pop"`, `"maybe"`)
			checkReport(t, lines[2], map[string]any{"walk": "limp"})
			if !strings.Contains(o.stderr, "1 of 3 lines") || !strings.Contains(o.stderr, "5 blank lines") {
				t.Errorf("stderr %q should count 1 bad line of 3 and 5 blank lines", o.stderr)
			}
		})
	}

	// Only blank lines: nothing to assess, nothing written, no error.
	o := runWith(t, runOpts{stdin: strings.NewReader("\n \r\n\t\n")}, "assess", "--batch")
	if o.code != ExitOK || o.stdout != "" || o.stderr != "" {
		t.Errorf("a batch of blank lines: want exit 0 and no output; got %v", o)
	}
}

// Other white space is not blank: it is an error on that line, as before.
func TestBatchOtherWhiteSpaceIsNotBlank(t *testing.T) {
	in := "{}\n\f\n\u00a0\n{}\n"
	o := runWith(t, runOpts{stdin: strings.NewReader(in)}, "assess", "--batch")
	lines := batchLines(t, o.stdout)
	if o.code != ExitUsage || len(lines) != 4 {
		t.Fatalf("want exit 2 and 4 lines; got %v", o)
	}
	checkErrorLine(t, lines[1], 2, "not valid JSON")
	checkErrorLine(t, lines[2], 3, "not valid JSON")
}

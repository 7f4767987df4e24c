package cli

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"sync"

	"achilles/assessment"
	"achilles/catalog"
	q "achilles/questionnaire"
)

// The bounds of a block of batch lines. A block gives each core up to
// batchPerWorker lines, but holds no more than batchMaxLines lines and
// batchMaxBytes bytes of input whatever the number of cores, so that the
// memory a batch takes is bounded on any machine: 16 MiB of lines in, and
// for 4,096 lines some 10 to 25 MiB of results out.
const (
	batchPerWorker = 512
	batchMaxLines  = 4096
	batchMaxBytes  = 16 << 20
)

// batch assesses one answers object per line of stdin. A bad line gets an
// error object in its place and the batch goes on; the exit code is then 2.
// A blank line gets nothing, so that each result stands for a line of
// answers; errors name their line as it is numbered in the input.
//
// Lines are read in blocks; each block is split between one goroutine per
// core and the results are written in input order.
func batch(ctx context.Context, env Env, cat *catalog.Catalog, opts assessment.Options, overrides q.Answers) error {
	in := bufio.NewReaderSize(ctxReader{ctx, env.Stdin}, 64<<10)
	out := bufio.NewWriterSize(env.Stdout, 64<<10)
	workers := max(1, runtime.GOMAXPROCS(0))
	blocks := newBlockReader(in, workers)
	var (
		outs = make([][]byte, workers)
		bads = make([]int, workers)
	)
	bad, total := 0, 0
	for {
		if err := ctx.Err(); err != nil {
			out.Flush()
			return err
		}
		more, err := blocks.next()
		if err != nil {
			out.Flush()
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return fmt.Errorf("reading stdin: %w", err)
		}
		if !more {
			break
		}
		n := len(blocks.lines)
		per := (n + workers - 1) / workers
		var wg sync.WaitGroup
		for w := 0; w < workers; w++ {
			lo, hi := min(n, w*per), min(n, (w+1)*per)
			outs[w], bads[w] = outs[w][:0], 0
			wg.Go(func() {
				for i := lo; i < hi; i++ {
					l := blocks.lines[i]
					var ok bool
					outs[w], ok = assessLine(outs[w], blocks.line(i), l.tooLong, l.no, cat, opts, overrides)
					if !ok {
						bads[w]++
					}
				}
			})
		}
		wg.Wait()
		for w := 0; w < workers; w++ {
			bad += bads[w]
			if _, err := out.Write(outs[w]); err != nil {
				return err
			}
		}
		total += n
		if in.Buffered() == 0 {
			if err := out.Flush(); err != nil {
				return err
			}
		}
	}
	if err := out.Flush(); err != nil {
		return err
	}
	if bad > 0 {
		skipped := ""
		switch blocks.blank {
		case 0:
		case 1:
			skipped = " (1 blank line skipped)"
		default:
			skipped = fmt.Sprintf(" (%d blank lines skipped)", blocks.blank)
		}
		fmt.Fprintf(env.Stderr, "achilles: %d of %d lines were not valid answers%s; each has an error object in the output\n", bad, total, skipped)
		return errBatchLines
	}
	return nil
}

// blockReader reads batch input a block of lines at a time. The block's
// lines are kept end to end in one arena, which is reused from block to
// block.
type blockReader struct {
	r        *bufio.Reader
	maxLines int // the most lines in a block
	maxBytes int // the most bytes of lines in a block

	arena  []byte
	lines  []blockLine
	lineNo int // lines read so far
	blank  int // blank lines skipped so far
	eof    bool
}

// blockLine is one line of a block.
type blockLine struct {
	end     int  // where the line ends in the arena
	no      int  // its line number in the input, from 1
	tooLong bool // over the 1 MiB limit: its bytes were not kept
}

// newBlockReader reads blocks for the given number of workers.
func newBlockReader(r *bufio.Reader, workers int) *blockReader {
	return &blockReader{r: r, maxLines: min(batchPerWorker*workers, batchMaxLines), maxBytes: batchMaxBytes}
}

// line returns the bytes of the block's line i, without its line ending.
func (b *blockReader) line(i int) []byte {
	start := 0
	if i > 0 {
		start = b.lines[i-1].end
	}
	return b.arena[start:b.lines[i].end]
}

// next reads the next block in place of the last one, and reports whether
// it holds any line: false, with no error, once the input is used up.
//
// A block ends when it has maxLines lines, or when the next line might not
// fit in maxBytes: a line is kept whole, so there must be room left for one
// as long as the limit allows (1 MiB). It also ends early when no more
// input is waiting, so that a slow producer sees its results as it goes
// rather than when a block is full. A UTF-8 byte-order mark at the start
// of the input is skipped, and so are blank lines (counted, and numbered
// like the others), so that a block always holds a line to assess.
func (b *blockReader) next() (bool, error) {
	b.arena, b.lines = b.arena[:0], b.lines[:0]
	for !b.eof && len(b.lines) < b.maxLines && (len(b.lines) == 0 || len(b.arena)+maxLineBytes <= b.maxBytes) {
		start := len(b.arena)
		var ok, tooLong bool
		var err error
		b.arena, ok, tooLong, err = appendLine(b.r, b.arena)
		switch {
		case err == io.EOF:
			b.eof = true
		case err != nil:
			return false, err
		}
		if !ok {
			break
		}
		if b.lineNo == 0 && !tooLong && bytes.HasPrefix(b.arena, utf8BOM) {
			// The input's byte-order mark, at the start of its first line.
			b.arena = append(b.arena[:0], b.arena[len(utf8BOM):]...)
		}
		b.lineNo++
		if !tooLong && blank(b.arena[start:]) {
			b.arena = b.arena[:start]
			b.blank++
		} else {
			b.lines = append(b.lines, blockLine{end: len(b.arena), no: b.lineNo, tooLong: tooLong})
		}
		if len(b.lines) > 0 && b.r.Buffered() == 0 {
			break
		}
	}
	return len(b.lines) > 0, nil
}

// blank reports whether a line holds nothing but spaces, tabs and carriage
// returns: JSON's white space, as a line can hold it.
func blank(line []byte) bool {
	for _, c := range line {
		if c != ' ' && c != '\t' && c != '\r' {
			return false
		}
	}
	return true
}

// maxLineBytes is the most that appendLine adds to its buffer for a line
// (with its newline, before that is cut off).
const maxLineBytes = q.MaxDocument + 1

// appendLine reads one line and appends it to dst without its line ending.
// A line over the 1 MiB limit is consumed but not kept: dst comes back as
// it was, and tooLong is set. ok reports whether there was a line at all;
// err is io.EOF once the input ends, with or without a last line.
func appendLine(r *bufio.Reader, dst []byte) (_ []byte, ok, tooLong bool, err error) {
	start := len(dst)
	for {
		chunk, err := r.ReadSlice('\n')
		ok = ok || len(chunk) > 0
		if !tooLong {
			if len(dst)-start+len(chunk) > maxLineBytes {
				tooLong, dst = true, dst[:start]
			} else {
				dst = append(dst, chunk...)
			}
		}
		switch err {
		case bufio.ErrBufferFull:
			continue
		case nil, io.EOF:
			if !tooLong {
				line := bytes.TrimSuffix(bytes.TrimSuffix(dst[start:], []byte("\n")), []byte("\r"))
				dst = dst[:start+len(line)]
			}
			return dst, ok, tooLong, err
		default:
			return dst[:start], false, false, err
		}
	}
}

// assessLine appends the JSON line for one batch line: the assessment, or
// an error object naming the line. It reports whether the line was valid.
func assessLine(buf, line []byte, tooLong bool, lineNo int, cat *catalog.Catalog, opts assessment.Options, overrides q.Answers) ([]byte, bool) {
	var err error
	var a q.Answers
	switch {
	case tooLong:
		err = fmt.Errorf("line is over the limit of 1 MiB")
	default:
		if a, err = q.ParseAnswers(line); err == nil {
			a.Merge(overrides)
			err = a.Consistent()
		}
	}
	if err != nil {
		buf = append(buf, `{"line":`...)
		buf = strconv.AppendInt(buf, int64(lineNo), 10)
		buf = append(buf, `,"error":`...)
		buf = assessment.AppendJSONString(buf, err.Error())
		return append(buf, "}\n"...), false
	}
	rep := assessment.NewReport(assessment.Assess(a), cat, opts)
	buf = rep.AppendJSON(buf)
	return append(buf, '\n'), true
}

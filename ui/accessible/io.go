package accessible

// The input and output of accessible mode: lines read on their own
// goroutine so that cancelling never waits for a read, and plain text
// wrapped at the line width (width, in cells) by display width.

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
	"golang.org/x/term"

	"achilles/textwrap"
)

// maxLine is the longest line taken as an answer, in bytes; a longer
// one is refused as a whole, never cut.
const maxLine = 4096

// inputLine is one line of input, without its line ending.
type inputLine struct {
	text    string
	tooLong bool  // over maxLine: text is empty
	err     error // io.EOF at the end of the input, or a read error
}

// readLines sends the lines of r, then one inputLine with the error that
// ended it, until stop is closed.
func readLines(r io.Reader, lines chan<- inputLine, stop <-chan struct{}) {
	br := bufio.NewReaderSize(r, maxLine+2) // room for "\r\n"
	for {
		l := readLine(br)
		select {
		case lines <- l:
		case <-stop:
			return
		}
		if l.err != nil {
			return
		}
	}
}

// readLine reads one line. A last line without a line ending counts as
// a line; the end of the input comes with the next call.
func readLine(br *bufio.Reader) inputLine {
	data, err := br.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) {
		for errors.Is(err, bufio.ErrBufferFull) { // skip the rest of the line
			_, err = br.ReadSlice('\n')
		}
		if err != nil && err != io.EOF {
			return inputLine{err: err}
		}
		return inputLine{tooLong: true}
	}
	if err != nil && (err != io.EOF || len(data) == 0) {
		return inputLine{err: err}
	}
	text := strings.TrimSuffix(strings.TrimSuffix(string(data), "\n"), "\r")
	if len(text) > maxLine {
		return inputLine{tooLong: true}
	}
	return inputLine{text: text}
}

// isTerminal reports whether r is a terminal, which echoes what is
// typed, newline included.
func isTerminal(r io.Reader) bool {
	f, ok := r.(interface{ Fd() uintptr })
	return ok && term.IsTerminal(int(f.Fd()))
}

// read shows a prompt and waits for a line, the end of the input, or the
// context's end, whichever comes first.
func (s *session) read(prompt string) (inputLine, error) {
	if err := s.ctx.Err(); err != nil {
		return inputLine{}, err
	}
	s.out.prompt(prompt)
	if s.out.err != nil {
		return inputLine{}, fmt.Errorf("accessible mode: writing: %w", s.out.err)
	}
	select {
	case <-s.ctx.Done():
		return inputLine{}, s.ctx.Err()
	case l := <-s.in:
		switch {
		case l.err == io.EOF:
			return l, errEnded
		case l.err != nil:
			return l, fmt.Errorf("accessible mode: reading answers: %w", l.err)
		}
		if s.echoed {
			s.out.open = false // the terminal has ended the prompt's line
		} else {
			// Input that is not a terminal is not shown: write it after
			// the prompt, so that the transcript reads as a conversation.
			s.out.echo(quote(l.text))
		}
		return l, nil
	}
}

// command is a line as a command: trimmed, in lower case.
func command(line string) string { return strings.ToLower(strings.TrimSpace(line)) }

// parseNumber reads a whole number. A number too large for an int is still a
// number, clamped, so that it is reported as out of range.
func parseNumber(s string) (int, bool) {
	n, err := strconv.Atoi(s)
	return n, err == nil || errors.Is(err, strconv.ErrRange)
}

// quote makes typed input safe to show back: printable characters only
// (no escape codes), cut short.
func quote(s string) string {
	const most = 20
	var b strings.Builder
	n := 0
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		if !unicode.IsGraphic(r) {
			continue
		}
		if n == most {
			b.WriteString("...") // "…" is two cells wide in CJK terminals
			break
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}

// writer writes plain text wrapped at the line width. The first write error
// sticks: later writes do nothing, and the session returns it at the next
// prompt.
type writer struct {
	w   io.Writer
	err error
	// open is true after a prompt, until something ends its line.
	open bool
	// col is the width of the open line so far.
	col int
	// width is the line width.
	width int
}

func (o *writer) write(s string) {
	if o.err != nil {
		return
	}
	if o.open {
		s = "\n" + s
		o.open = false
	}
	_, o.err = io.WriteString(o.w, s)
}

// blank writes an empty line.
func (o *writer) blank() { o.write("\n") }

// para writes text wrapped at the line width, keeping its own line breaks.
func (o *writer) para(text string) {
	var b strings.Builder
	for _, line := range strings.Split(text, "\n") {
		b.WriteString(textwrap.Wrap(line, o.width))
		b.WriteByte('\n')
	}
	o.write(b.String())
}

// item writes text after a prefix, wrapped with a hanging indent.
func (o *writer) item(prefix, text string) {
	pw := ansi.StringWidth(prefix)
	indent := strings.Repeat(" ", pw)
	var b strings.Builder
	for i, line := range strings.Split(textwrap.Wrap(text, o.width-pw), "\n") {
		if i == 0 {
			b.WriteString(prefix)
		} else {
			b.WriteString(indent)
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	o.write(b.String())
}

// prompt writes a question for the input that follows on the same line,
// with a space before the input unless the prompt ends in a wide
// character (a Chinese colon or full stop has its own room).
func (o *writer) prompt(text string) {
	wrapped := textwrap.Wrap(text, o.width-1)
	if r, _ := utf8.DecodeLastRuneInString(wrapped); ansi.StringWidth(string(r)) < 2 {
		wrapped += " "
	}
	o.write(wrapped)
	o.open = o.err == nil
	o.col = ansi.StringWidth(wrapped[strings.LastIndex(wrapped, "\n")+1:])
}

// echo writes text on the line a prompt left open, leaving it open; it
// does nothing when no prompt's line is open.
func (o *writer) echo(text string) {
	if o.err != nil || !o.open || text == "" {
		return
	}
	if w := ansi.StringWidth(text); o.col+w <= o.width {
		o.col += w
	} else {
		// Too long for the line: the rest goes on lines of its own,
		// indented, so that no line is wider than accessible mode's.
		wrapped := textwrap.Wrap(strings.TrimLeft(text, " "), o.width-2)
		text = "\n  " + strings.ReplaceAll(wrapped, "\n", "\n  ")
		o.col = 2 + ansi.StringWidth(wrapped[strings.LastIndex(wrapped, "\n")+1:])
	}
	_, o.err = io.WriteString(o.w, text)
}

package server

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

// TestEditLines: the server's line editing gives accessible mode the
// lines a terminal would: Backspace rubs out a whole character (a Chinese
// one too), Ctrl+U the line, arrow keys are ignored, \r\n is one Enter,
// and Ctrl+D on an empty line ends the input; the student sees what they
// type.
func TestEditLines(t *testing.T) {
	typed := "12\x7f\r" + "好\x7f3\r\n" + "abc\x15\x1b[A4\x1bOB\r" + "\x04"
	var echo, lines bytes.Buffer
	// One byte at a time, as slow typing (or a split character) comes.
	err := editLines(iotest.OneByteReader(strings.NewReader(typed)), &echo, &lines)
	if err != io.EOF {
		t.Errorf("editLines: %v, want io.EOF", err)
	}
	if got, want := lines.String(), "1\n3\n4\n"; got != want {
		t.Errorf("lines %q, want %q", got, want)
	}
	if got, want := echo.String(), "12\b \b\r\n好\b \b\b \b3\r\nabc\b \b\b \b\b \b4\r\n\r\n"; got != want {
		t.Errorf("echo %q, want %q", got, want)
	}
}

package server

// Line editing for accessible mode on a PTY. With a PTY the student's ssh
// puts their terminal in raw mode: it sends each key as typed and echoes
// nothing, and the server's library emulates only the output side of a
// terminal (\n to \r\n). Accessible mode reads whole lines, so the server
// does what a terminal's line discipline would: echo, erase, and hand over
// a line at Enter.

import (
	"bytes"
	"io"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// maxEdited bounds the line being typed, in bytes. Accessible mode refuses
// a line over 4096 bytes as a whole; past this, keys are dropped, so a
// client that never presses Enter cannot grow the buffer.
const maxEdited = 8192

// Control keys as a raw terminal sends them.
const (
	keyCtrlC     = 0x03
	keyCtrlD     = 0x04
	keyBackspace = 0x08
	keyCtrlU     = 0x15
	keyEscape    = 0x1b
	keyDelete    = 0x7f
)

// editLines reads keys from in, echoes them to echo as a terminal would,
// and writes each line, ended by "\n", to out. Ctrl+D on an empty line and
// Ctrl+C end the input, as they would end a program reading lines: the
// answers so far are then assessed. It returns in's error (io.EOF at the
// end) or out's.
func editLines(in io.Reader, echo io.Writer, out io.Writer) error {
	var (
		line    []byte // the line being typed
		pending []byte // the start of a rune split between reads
		esc     int    // 0 outside an escape sequence, else how far into it
		lastCR  bool   // the previous key was a carriage return
	)
	buf := make([]byte, 256)
	for {
		n, err := in.Read(buf)
		data := append(pending, buf[:n]...)
		pending = nil
		var shown bytes.Buffer
		for len(data) > 0 {
			b := data[0]
			if esc > 0 {
				data = data[1:]
				switch {
				case esc == 1 && (b == '[' || b == 'O'):
					esc = 2
				case esc == 1, b >= 0x40 && b <= 0x7e:
					esc = 0 // Alt+key, or the final byte of a sequence
				}
				continue
			}
			if b < utf8.RuneSelf {
				data = data[1:]
				cr := lastCR
				lastCR = b == '\r'
				switch {
				case b == '\r' || b == '\n':
					if b == '\n' && cr {
						continue // the \n of a \r\n
					}
					shown.WriteString("\r\n")
					if _, werr := echoThen(echo, &shown, out, append(line, '\n')); werr != nil {
						return werr
					}
					line = line[:0]
				case b == keyCtrlC, b == keyCtrlD && len(line) == 0:
					if b == keyCtrlC {
						shown.WriteString("^C")
					}
					shown.WriteString("\r\n")
					_, _ = echo.Write(shown.Bytes())
					return io.EOF
				case b == keyDelete || b == keyBackspace:
					if len(line) > 0 {
						r, size := utf8.DecodeLastRune(line)
						line = line[:len(line)-size]
						erase(&shown, ansi.StringWidth(string(r)))
					}
				case b == keyCtrlU:
					erase(&shown, ansi.StringWidth(string(line)))
					line = line[:0]
				case b == keyEscape:
					esc = 1
				case b >= 0x20 && len(line) < maxEdited:
					line = append(line, b)
					shown.WriteByte(b)
				}
				continue
			}
			lastCR = false
			if !utf8.FullRune(data) {
				pending = append([]byte(nil), data...)
				break
			}
			r, size := utf8.DecodeRune(data)
			if r != utf8.RuneError && len(line)+size <= maxEdited {
				line = append(line, data[:size]...)
				shown.Write(data[:size])
			}
			data = data[size:]
		}
		if shown.Len() > 0 {
			if _, werr := echo.Write(shown.Bytes()); werr != nil {
				return werr
			}
		}
		if err != nil {
			return err
		}
	}
}

// echoThen writes what is shown so far, then hands the line over, so that
// the echo of Enter comes before whatever the line's answer brings.
func echoThen(echo io.Writer, shown *bytes.Buffer, out io.Writer, line []byte) (int, error) {
	if _, err := echo.Write(shown.Bytes()); err != nil {
		return 0, err
	}
	shown.Reset()
	return out.Write(line)
}

// erase rubs out the last cells cells of the line on screen.
func erase(shown *bytes.Buffer, cells int) {
	for range cells {
		shown.WriteString("\b \b")
	}
}

package ui

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"achilles/textwrap"
)

// Layout helpers. Everything is measured in terminal cells (display width),
// never bytes or runes, so wide characters line up.

// wrap breaks plain text into lines of at most width cells, at spaces where
// it can and inside a word only when the word alone is too long.
func wrap(s string, width int) []string {
	if width < 1 {
		width = 1
	}
	// ansi.Wrap breaks after hyphens; "--accessible" must stay whole, so
	// hyphens are held as non-breaking ones while wrapping.
	if strings.Contains(s, "-") {
		s = strings.ReplaceAll(textwrap.Wrap(strings.ReplaceAll(s, "-", "\u2011"), width), "\u2011", "-")
		return strings.Split(s, "\n")
	}
	return strings.Split(textwrap.Wrap(s, width), "\n")
}

// hang wraps text after a prefix, indenting the following lines to line up
// under the first: for bullets and numbered choices.
func hang(prefix, s string, width int) []string {
	pw := ansi.StringWidth(prefix)
	lines := wrap(s, width-pw)
	pad := strings.Repeat(" ", pw)
	for i := range lines {
		if i == 0 {
			lines[i] = prefix + lines[i]
		} else {
			lines[i] = pad + lines[i]
		}
	}
	return lines
}

// styleLines renders each line with st. Styling line by line keeps every
// line's escape codes whole, so lines can be cut and joined freely.
func styleLines(st paint, lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = st.Render(l)
	}
	return out
}

// clip makes a block exactly height lines of at most width cells: long
// lines are cut, missing lines are blank. It is the last guard that no
// line is ever wider than the terminal.
func (st *styles) clip(lines []string, width, height int) []string {
	if len(lines) > height {
		lines = lines[:height]
	}
	for i, l := range lines {
		if cells(l) > width {
			lines[i] = ansi.Truncate(l, width, st.g.ellipsis)
		}
	}
	for len(lines) < height {
		lines = append(lines, "")
	}
	return lines
}

// truncateLines keeps at most n lines, ending the last kept one with an
// ellipsis when something was cut.
func (st *styles) truncateLines(lines []string, n, width int) []string {
	if n <= 0 {
		return nil
	}
	if len(lines) <= n {
		return lines
	}
	out := append([]string(nil), lines[:n]...)
	last := out[n-1]
	ell := ansi.StringWidth(st.g.ellipsis)
	if ansi.StringWidth(last)+ell > width {
		last = ansi.Truncate(last, width-ell, "")
	}
	out[n-1] = last + st.g.ellipsis
	return out
}

// spread puts left and right on one line of width cells, right-aligned;
// when both do not fit, right is dropped.
func spread(left, right string, width int) string {
	lw, rw := ansi.StringWidth(left), ansi.StringWidth(right)
	if lw+1+rw > width {
		return left
	}
	return left + strings.Repeat(" ", width-lw-rw) + right
}

// bar draws a progress bar of width cells, filled to fraction f.
func bar(st *styles, f float64, width int) string {
	if width < 1 {
		return ""
	}
	full := int(f*float64(width) + 0.5)
	full = max(0, min(width, full))
	return st.barFull.Render(strings.Repeat(st.g.barFull, full)) +
		st.barEmpty.Render(strings.Repeat(st.g.barEmpty, width-full))
}

// truncate cuts s to at most w cells, with an ellipsis when it was cut.
func (st *styles) truncate(s string, w int) string {
	if width(s) <= w {
		return s
	}
	return ansi.Truncate(s, max(w, 1), st.g.ellipsis)
}

// narrow are the non-ASCII glyphs the screens draw that take one cell.
const narrow = "█░─•…↑↓▲▼×–—·╭╮╰╯│"

// cells is the display width of a line, as ansi.StringWidth, with a fast
// path for what the screens mostly draw: ASCII, escape sequences and a few
// one-cell glyphs. Anything else is measured by ansi.StringWidth.
//
// clip measures every line of every frame with it. BenchmarkKeystroke
// measured about 30 µs a keystroke with the fast path and about 40 µs with
// ansi.StringWidth for every line (the least of several runs on a shared
// 2-core machine; the allocations are the same): with the paint cache and
// the help-bar cache it keeps a keystroke near 30 µs instead of 115 µs
// (see paint in styles.go).
func cells(s string) int {
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == 0x1b:
			// A CSI sequence: ESC [ parameters final byte.
			if i+1 < len(s) && s[i+1] == '[' {
				j := i + 2
				for j < len(s) && (s[j] < 0x40 || s[j] > 0x7e) {
					j++
				}
				i = j + 1
				continue
			}
			return ansi.StringWidth(s)
		case c >= 0x20 && c < 0x7f:
			n++
			i++
		case c >= 0x80:
			r, size := utf8.DecodeRuneInString(s[i:])
			if !strings.ContainsRune(narrow, r) {
				return ansi.StringWidth(s)
			}
			n++
			i += size
		default:
			return ansi.StringWidth(s)
		}
	}
	return n
}

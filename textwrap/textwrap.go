// Package textwrap breaks plain text into lines of a given display width,
// for the reports and the screens. Latin text breaks at spaces, as
// ansi.Wrap does; Chinese text, which has no spaces, may break between any
// two characters, except that a line never starts with closing punctuation
// (，。、：；！？）」) nor ends with opening punctuation (（「).
package textwrap

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// Wrap breaks s into lines of at most width cells, joined by "\n". Text
// without wide characters is wrapped by ansi.Wrap, exactly as before.
func Wrap(s string, width int) string {
	if width < 1 {
		width = 1
	}
	if !hasWide(s) {
		return ansi.Wrap(s, width, "")
	}
	paras := strings.Split(s, "\n")
	for i, p := range paras {
		paras[i] = wrapWide(p, width)
	}
	return strings.Join(paras, "\n")
}

// hasWide reports whether s has a character two cells wide.
func hasWide(s string) bool {
	for _, r := range s {
		if r >= 0x1100 && ansi.StringWidth(string(r)) == 2 {
			return true
		}
	}
	return false
}

// closing may not start a line; opening may not end one.
const (
	closing = "，。、：；！？）」』％,.:;!?)]"
	opening = "（「『([<"
)

// tokens splits a paragraph into the pieces a line may break between:
// runs of narrow characters without spaces (words), single wide
// characters, and spaces. Punctuation sticks to its neighbour.
func tokens(p string) []string {
	var out []string
	var word strings.Builder
	flush := func() {
		if word.Len() > 0 {
			out = append(out, word.String())
			word.Reset()
		}
	}
	for _, r := range p {
		switch {
		case r == ' ':
			flush()
			out = append(out, " ")
		case strings.ContainsRune(closing, r) && word.Len() > 0:
			// After a number or a Latin word ("致電 999。"), the mark
			// ends that word.
			word.WriteRune(r)
		case strings.ContainsRune(closing, r) && len(out) > 0 && out[len(out)-1] != " ":
			out[len(out)-1] += string(r)
		case ansi.StringWidth(string(r)) == 2:
			flush()
			out = append(out, string(r))
		default:
			word.WriteRune(r)
		}
	}
	flush()
	// An opening mark joins the token after it.
	for i := 0; i < len(out)-1; i++ {
		last, _ := utf8.DecodeLastRuneInString(out[i])
		if strings.ContainsRune(opening, last) && utf8.RuneCountInString(out[i]) == 1 && out[i+1] != " " {
			out[i+1] = out[i] + out[i+1]
			out = append(out[:i], out[i+1:]...)
			i--
		}
	}
	return out
}

// wrapWide fills lines greedily with the paragraph's tokens.
func wrapWide(p string, width int) string {
	var lines []string
	var line strings.Builder
	lw := 0
	end := func() {
		lines = append(lines, strings.TrimRight(line.String(), " "))
		line.Reset()
		lw = 0
	}
	for _, tok := range tokens(p) {
		tw := ansi.StringWidth(tok)
		if tok == " " {
			if lw > 0 && lw < width {
				line.WriteString(" ")
				lw++
			}
			continue
		}
		if lw+tw > width && lw > 0 {
			end()
		}
		for tw > width { // a word longer than a line: cut it
			cut := ansi.Truncate(tok, width, "")
			lines = append(lines, cut)
			tok = tok[len(cut):]
			tw = ansi.StringWidth(tok)
		}
		line.WriteString(tok)
		lw += tw
	}
	if line.Len() > 0 || len(lines) == 0 {
		end()
	}
	return strings.Join(lines, "\n")
}

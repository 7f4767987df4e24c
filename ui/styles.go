package ui

import (
	"image/color"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"achilles/assessment"
	"achilles/report"
)

// glyphs are the few non-letter characters the screens draw with. They are
// kept together so that a language whose terminals draw some of them at
// double width can swap them for ASCII.
type glyphs struct {
	cursor, noCursor  string // before the highlighted choice, and the others
	barFull, barEmpty string // the progress bar and the gauge
	raises, lowers    string // in the teaching overlay
	rule              string // a horizontal rule, repeated
	ellipsis          string // the end of text cut to fit
	times             string // before a likelihood ratio: ×2.5
	dot               string // between two parts of a line
	ascii             bool   // the ASCII set, for CJK terminals
}

// glyphSet is the set drawn in most terminals, or with ascii the set for
// terminals where characters of ambiguous width (box drawing, blocks,
// arrows, …) take two cells, as in many Chinese, Japanese and Korean ones.
// The language's catalog chooses (ui.glyphs).
func glyphSet(ascii bool) glyphs {
	if ascii {
		return glyphs{
			cursor: "> ", noCursor: "  ",
			barFull: "#", barEmpty: ".",
			raises: "+", lowers: "-",
			rule: "-", ellipsis: "...", times: "x", dot: " - ",
			ascii: true,
		}
	}
	return glyphs{
		cursor: "> ", noCursor: "  ",
		barFull: "█", barEmpty: "░",
		raises: "▲", lowers: "▼",
		rule: "─", ellipsis: "…", times: "×", dot: " · ",
	}
}

// styles is the one set of colours and borders of the program, built from
// whether the terminal's background is dark and whether colour is allowed.
// Screens take their looks from here and never pick a colour themselves.
// Meaning never rests on colour: every coloured thing also has a word or a
// symbol.
type styles struct {
	dark, color bool
	g           glyphs

	app, section, position paint // the header line
	title, heading         paint
	text, strong, muted    paint
	choice, selected       paint
	err, status            paint
	barFull, barEmpty      paint
	emergency              paint          // the emergency signs and the number to call
	panel                  lipgloss.Style // the box around overlays
	banner                 [5]lipgloss.Style
	help                   help.Styles
	input                  textinput.Styles // the club log's form
}

func newStyles(dark, colour, ascii bool) styles {
	s := styles{dark: dark, color: colour, g: glyphSet(ascii)}
	border := lipgloss.RoundedBorder()
	if ascii {
		border = lipgloss.Border{Top: "-", Bottom: "-", Left: "|", Right: "|",
			TopLeft: "+", TopRight: "+", BottomLeft: "+", BottomRight: "+"}
	}
	plain := lipgloss.NewStyle()
	ld := lipgloss.LightDark(dark)
	c := func(light, dark string) color.Color {
		if !colour {
			return lipgloss.NoColor{}
		}
		return ld(lipgloss.Color(light), lipgloss.Color(dark))
	}
	accent := c("#1F5FAD", "#7AB8FF")
	faint := c("#6B6B6B", "#9A9A9A")

	s.app = paintOf(plain.Bold(true).Foreground(accent))
	s.section = paintOf(plain.Bold(true))
	s.position = paintOf(plain.Foreground(faint))
	s.title = paintOf(plain.Bold(true).Foreground(accent))
	s.heading = s.title
	s.text = paint{}
	s.strong = s.section
	s.muted = s.position
	s.choice = paint{}
	// The highlighted choice is bold and marked with the cursor glyph, so it
	// shows without colour too.
	s.selected = s.title
	s.err = paintOf(plain.Bold(true).Foreground(c("#B71C1C", "#FF8A80")))
	s.status = paintOf(plain.Foreground(c("#2E7D32", "#81C784")))
	s.barFull = paintOf(plain.Foreground(accent))
	s.barEmpty = paintOf(plain.Foreground(c("#C8C8C8", "#4A4A4A")))
	s.panel = plain.Border(border).BorderForeground(accent).Padding(0, 1)
	s.emergency = s.err
	if !colour {
		s.panel = plain.Border(border).Padding(0, 1)
		s.selected = paintOf(plain.Bold(true).Reverse(true))
	}

	// The triage banner: the text report's colours (report.BannerStyle);
	// without colour it is reversed text, and the symbol and words carry
	// the meaning.
	for i := range s.banner {
		if colour {
			s.banner[i] = report.BannerStyle(assessment.Triage(i))
		} else {
			s.banner[i] = plain.Bold(true).Reverse(true).Padding(0, 1)
		}
	}

	key := plain.Bold(true).Foreground(faint)
	desc := plain.Foreground(faint)
	sep := plain.Foreground(c("#C8C8C8", "#4A4A4A"))
	s.help = help.Styles{
		Ellipsis: sep, ShortKey: key, ShortDesc: desc, ShortSeparator: sep,
		FullKey: key, FullDesc: desc, FullSeparator: sep,
	}
	s.input = textinput.Styles{
		Focused: textinput.StyleState{Text: plain, Prompt: plain.Bold(true).Foreground(accent), Placeholder: desc},
		Blurred: textinput.StyleState{Text: desc, Prompt: desc, Placeholder: desc},
		// A steady block: a blinking cursor would redraw the screen twice a
		// second for nothing, on every student's session.
		Cursor: textinput.CursorStyle{Color: c("#1F5FAD", "#7AB8FF"), Shape: tea.CursorBlock},
	}
	return s
}

// paint is a style without layout (colours and attributes only), kept as
// the escape codes before and after the text. Painting is then two string
// joins, where a lipgloss Render measures and lays out each time: the
// screens paint many lines on every key press.
//
// It is one of three caches that keep a keystroke fast; the others are the
// fast path of cells (layout.go) and the help-bar cache (Model.helpBar).
// BenchmarkKeystroke (one key handled and drawn at 80×24, over a whole
// questionnaire) measured, as the least of several runs on a shared
// 2-core machine: about 30 µs and 112 allocations a keystroke with all
// three; about 115 µs and 349 allocations with none; with only this one
// gone (lipgloss rendering each line), 62–67 µs and 180 allocations.
// Keep it unless that benchmark says otherwise.
type paint struct{ pre, post string }

// paintOf captures the escape codes a style puts around a single line,
// once, when the styles are built (see paint for what that saves a
// keystroke).
func paintOf(st lipgloss.Style) paint {
	const mark = "\x00"
	out := st.Render(mark)
	i := strings.Index(out, mark)
	if i < 0 {
		return paint{}
	}
	return paint{pre: out[:i], post: out[i+len(mark):]}
}

// Render paints one line of text.
func (p paint) Render(s string) string {
	if s == "" || p.pre == "" {
		return s
	}
	return p.pre + s + p.post
}

// bannerFor is the triage banner's style.
func (s *styles) bannerFor(t assessment.Triage) lipgloss.Style { return s.banner[t] }

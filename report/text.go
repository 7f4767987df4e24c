// Package report lays out the assessment's report for people: as text for
// a terminal or a pipe (Text), and as Markdown to take to the clinician
// (Markdown). Both walk the report's outline (assessment.Report.Outline),
// as the result screen does, and decide only how each kind of item looks.
// They return the report; the caller writes it.
package report

import (
	"math"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"achilles/assessment"
	"achilles/catalog"
	"achilles/textwrap"
)

// TextOptions say how to lay out the text report.
type TextOptions struct {
	// Width is the line width in terminal cells; 0 means 80.
	Width int
	// Styled adds colour and bold. Meaning never rests on colour alone: the
	// words and symbols are the same either way.
	Styled bool
	// Spoken is for a screen reader (accessible mode): no symbol is read
	// aloud. The banner says "Urgency:" instead of its marker, the bar of
	// the estimate is left out (the line above it gives the number), a
	// step of the trace starts with its words, not an arrow, and list
	// items are indented without a bullet.
	Spoken bool
}

// Banner colours, by triage level: a solid background with a contrasting
// foreground reads on light and dark backgrounds alike. The text report
// and the result screen both take them from BannerStyle.
var (
	bannerBackground = [...]string{"#2E7D32", "#F9A825", "#EF6C00", "#C62828", "#B71C1C"}
	bannerForeground = [...]string{"#FFFFFF", "#000000", "#000000", "#FFFFFF", "#FFFFFF"}
)

// BannerStyle is the style of the triage banner of level t, in colour.
func BannerStyle(t assessment.Triage) lipgloss.Style {
	return lipgloss.NewStyle().Bold(true).
		Background(lipgloss.Color(bannerBackground[t])).
		Foreground(lipgloss.Color(bannerForeground[t])).
		Padding(0, 1)
}

// Gauge draws the probability as a bar of width cells, in ASCII.
func Gauge(p float64, width int) string {
	fill := int(math.Round(p * float64(width)))
	fill = max(0, min(width, fill))
	return strings.Repeat("#", fill) + strings.Repeat(".", width-fill)
}

// textStyles are the styles of the text report; plain when not styled.
type textStyles struct {
	title, heading, strong, muted, banner lipgloss.Style
}

func newTextStyles(styled bool, t assessment.Triage) textStyles {
	plain := lipgloss.NewStyle()
	if !styled {
		return textStyles{plain, plain, plain, plain, plain}
	}
	return textStyles{
		title:   plain.Bold(true),
		heading: plain.Bold(true).Foreground(lipgloss.Color("12")),
		strong:  plain.Bold(true),
		muted:   plain.Faint(true),
		banner:  BannerStyle(t),
	}
}

// Text is the report for people, as text: the title, then each section of
// the outline after a blank line, its heading and its items indented.
func Text(rep *assessment.Report, opts TextOptions) string {
	w := newTextWriter(rep.Catalog(), opts, rep.Triage)
	w.title("report.title")
	w.sections(rep, rep.Outline(assessment.OutlineOptions{Next: true}))
	return w.b.String()
}

// GuideText is "what happens next" alone (achilles guide), as text: the
// title, each topic, then the sources.
func GuideText(cat *catalog.Catalog, care assessment.CareOptions, opts TextOptions) string {
	w := newTextWriter(cat, opts, assessment.SelfCare)
	w.title("care.title")
	w.sections(nil, care.GuideSections(cat))
	return w.b.String()
}

// textWriter lays out sections of the outline as text.
type textWriter struct {
	cat    *catalog.Catalog
	opts   TextOptions
	width  int
	st     textStyles
	bullet string
	b      strings.Builder
}

func newTextWriter(cat *catalog.Catalog, opts TextOptions, t assessment.Triage) *textWriter {
	width := opts.Width
	if width <= 0 {
		width = 80
	}
	w := &textWriter{cat: cat, opts: opts, width: max(width, 30), st: newTextStyles(opts.Styled, t)}
	w.bullet = cat.T("symbol.bullet") + " "
	if opts.Spoken {
		w.bullet = ""
	}
	return w
}

func (w *textWriter) line(s string) { w.b.WriteString(s); w.b.WriteByte('\n') }

func (w *textWriter) para(indent, s string) {
	for _, l := range strings.Split(textwrap.Wrap(s, w.width-ansi.StringWidth(indent)), "\n") {
		w.line(indent + l)
	}
}

func (w *textWriter) listItem(s string) {
	for i, l := range strings.Split(textwrap.Wrap(s, w.width-4), "\n") {
		if i == 0 {
			w.line("  " + w.bullet + l)
		} else {
			w.line("    " + l)
		}
	}
}

// row is a row of a table of two columns: the label padded to labelW
// cells, the text wrapped beside it.
func (w *textWriter) row(indent, label, text string, labelW int) {
	pad := strings.Repeat(" ", len(indent)+labelW+2)
	for i, l := range strings.Split(textwrap.Wrap(text, max(10, w.width-len(pad))), "\n") {
		if i == 0 {
			w.line(indent + label + strings.Repeat(" ", labelW+2-ansi.StringWidth(label)) + l)
		} else {
			w.line(pad + l)
		}
	}
}

func (w *textWriter) title(key string) {
	w.headingLines(w.st.title, strings.ToUpper(w.cat.T(key)))
}

// headingLines writes a heading, wrapped when the width is narrower than
// it (accessible mode on a small terminal), each line styled.
func (w *textWriter) headingLines(st lipgloss.Style, s string) {
	for _, l := range strings.Split(textwrap.Wrap(s, w.width), "\n") {
		w.line(st.Render(l))
	}
}

// sections writes each section after a blank line. rep is the report the
// banner, the gauge and the trace's steps come from; nil for the guide,
// which has none.
func (w *textWriter) sections(rep *assessment.Report, secs []assessment.Section) {
	cat, st, opts := w.cat, &w.st, &w.opts
	for _, sec := range secs {
		w.line("")
		indent := ""
		if sec.Heading != "" {
			w.headingLines(st.heading, cat.T(sec.Heading))
			indent = "  "
		}
		labelW := 0
		for _, it := range sec.Items {
			if it.Kind == assessment.ItemRow {
				labelW = max(labelW, ansi.StringWidth(it.Label))
			}
		}
		for _, it := range sec.Items {
			switch it.Kind {
			case assessment.ItemBanner:
				if opts.Spoken {
					w.line(st.banner.Render(cat.T("report.urgency") + ": " + cat.T(rep.Triage.ShortKey())))
					continue
				}
				w.line(st.banner.Render(it.Text))
			case assessment.ItemLead, assessment.ItemAlarm:
				w.para(indent, st.strong.Render(it.Text))
			case assessment.ItemNote, assessment.ItemSources:
				w.para(indent, st.muted.Render(it.Text))
			case assessment.ItemGauge:
				if opts.Spoken {
					continue
				}
				w.line(indent + "[" + Gauge(it.Value, min(30, w.width-2-len(indent))) + "]")
			case assessment.ItemStep:
				if opts.Spoken {
					w.listItem(strings.TrimPrefix(it.Text, rep.EffectSymbol(it.Step)+" "))
					continue
				}
				w.listItem(it.String())
			case assessment.ItemBullet, assessment.ItemAlternative, assessment.ItemQuestion:
				w.listItem(it.String())
			case assessment.ItemRow:
				w.row(indent, it.Label, it.Text, labelW)
			default:
				w.para(indent, it.String())
			}
		}
	}
}

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
	width := opts.Width
	if width <= 0 {
		width = 80
	}
	width = max(width, 30)
	st := newTextStyles(opts.Styled, rep.Triage)
	cat := rep.Catalog()
	var b strings.Builder
	line := func(s string) { b.WriteString(s); b.WriteByte('\n') }
	para := func(indent, s string) {
		for _, l := range strings.Split(textwrap.Wrap(s, width-ansi.StringWidth(indent)), "\n") {
			line(indent + l)
		}
	}
	bullet := cat.T("symbol.bullet") + " "
	if opts.Spoken {
		bullet = ""
	}
	listItem := func(s string) {
		for i, l := range strings.Split(textwrap.Wrap(s, width-4), "\n") {
			if i == 0 {
				line("  " + bullet + l)
			} else {
				line("    " + l)
			}
		}
	}

	line(st.title.Render(strings.ToUpper(cat.T("report.title"))))
	for _, sec := range rep.Outline(assessment.OutlineOptions{}) {
		line("")
		indent := ""
		if sec.Heading != "" {
			line(st.heading.Render(cat.T(sec.Heading)))
			indent = "  "
		}
		for _, it := range sec.Items {
			switch it.Kind {
			case assessment.ItemBanner:
				if opts.Spoken {
					line(st.banner.Render(cat.T("report.urgency") + ": " + cat.T(rep.Triage.ShortKey())))
					continue
				}
				line(st.banner.Render(it.Text))
			case assessment.ItemLead:
				para(indent, st.strong.Render(it.Text))
			case assessment.ItemNote, assessment.ItemSources:
				para(indent, st.muted.Render(it.Text))
			case assessment.ItemGauge:
				if opts.Spoken {
					continue
				}
				line(indent + "[" + Gauge(it.Value, min(30, width-2-len(indent))) + "]")
			case assessment.ItemStep:
				if opts.Spoken {
					listItem(strings.TrimPrefix(it.Text, rep.EffectSymbol(it.Step)+" "))
					continue
				}
				listItem(it.String())
			case assessment.ItemBullet, assessment.ItemAlternative:
				listItem(it.String())
			default:
				para(indent, it.String())
			}
		}
	}
	return b.String()
}

package assessment

import (
	"fmt"
	"io"
	"math"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	q "achilles/questionnaire"
	"achilles/textwrap"
)

// TextOptions say how to lay out the text report.
type TextOptions struct {
	// Width is the line width in terminal cells; 0 means 80.
	Width int
	// Styled adds colour and bold. Meaning never rests on colour alone: the
	// words and symbols are the same either way.
	Styled bool
}

// Percent formats a probability for people: whole percent, with "<1%" and
// ">99%" at the ends so that nothing reads as certain.
// Near a band edge, a whole percent that would round up onto the edge is
// shown to one decimal, cut rather than rounded ("9.9%"), so that the number
// never contradicts the band beside it.
func Percent(p float64) string {
	switch {
	case p < 0.005:
		return "<1%"
	case p >= 0.995:
		return ">99%"
	}
	whole := math.Round(p * 100)
	if BandOf(whole/100) != BandOf(p) {
		return fmt.Sprintf("%.1f%%", math.Floor(p*1000)/10)
	}
	return fmt.Sprintf("%d%%", int(whole))
}

// Gauge draws the probability as a bar of width cells, in ASCII.
func Gauge(p float64, width int) string {
	fill := int(math.Round(p * float64(width)))
	fill = max(0, min(width, fill))
	return strings.Repeat("#", fill) + strings.Repeat(".", width-fill)
}

// textStyles are the styles of the text report; plain when not styled.
type textStyles struct {
	title, heading, strong, muted lipgloss.Style
	banner                        [len(triageIDs)]lipgloss.Style
}

func newTextStyles(styled bool) textStyles {
	var s textStyles
	plain := lipgloss.NewStyle()
	s.title, s.heading, s.strong, s.muted = plain, plain, plain, plain
	for i := range s.banner {
		s.banner[i] = plain
	}
	if !styled {
		return s
	}
	s.title = plain.Bold(true)
	s.heading = plain.Bold(true).Foreground(lipgloss.Color("12"))
	s.strong = plain.Bold(true)
	s.muted = plain.Faint(true)
	// Banner colours chosen to read on light and dark backgrounds alike:
	// a solid background with a contrasting foreground.
	bg := [...]string{"#2E7D32", "#F9A825", "#EF6C00", "#C62828", "#B71C1C"}
	fg := [...]string{"#FFFFFF", "#000000", "#000000", "#FFFFFF", "#FFFFFF"}
	for i := range s.banner {
		s.banner[i] = plain.Bold(true).Background(lipgloss.Color(bg[i])).Foreground(lipgloss.Color(fg[i])).Padding(0, 1)
	}
	return s
}

// TriageSymbol is the ASCII marker that carries the urgency without colour.
func TriageSymbol(t Triage) string {
	return [...]string{"[ok]", "[i]", "[!]", "[!!]", "[!!!]"}[t]
}

// WriteText writes the report for people.
func (rep *Report) WriteText(w io.Writer, opts TextOptions) error {
	width := opts.Width
	if width <= 0 {
		width = 80
	}
	width = max(width, 30)
	st := newTextStyles(opts.Styled)
	cat := rep.cat
	r := &rep.Result
	var b strings.Builder
	line := func(s string) { b.WriteString(s); b.WriteByte('\n') }
	para := func(indent, s string) {
		for _, l := range strings.Split(textwrap.Wrap(s, width-ansi.StringWidth(indent)), "\n") {
			line(indent + l)
		}
	}
	bullet := cat.T("symbol.bullet") + " "
	list := func(items []string) {
		for _, it := range items {
			wrapped := strings.Split(textwrap.Wrap(it, width-4), "\n")
			for i, l := range wrapped {
				if i == 0 {
					line("  " + bullet + l)
				} else {
					line("    " + l)
				}
			}
		}
	}
	heading := func(key string) {
		line("")
		line(st.heading.Render(cat.T(key)))
	}

	line(st.title.Render(strings.ToUpper(cat.T("report.title"))))
	line("")
	para("", st.strong.Render(rep.EstimateLine()))
	gw := min(30, width-2)
	line("[" + Gauge(r.Probability, gw) + "]")
	para("", rep.RangeLine())
	para("", rep.AAOSLine())

	line("")
	banner := TriageSymbol(r.Triage) + " " + cat.T(triageShortKeys[r.Triage])
	line(st.banner[r.Triage].Render(banner))
	para("", st.strong.Render(rep.Actions.Headline))
	if line := rep.RedFlagsLine(); line != "" {
		para("", line)
	}
	if len(rep.Reasons) > 0 {
		heading("report.why_urgency")
		list(rep.Reasons)
	}
	if r.ShowClot() {
		heading("clot.heading")
		para("  ", st.strong.Render(rep.ClotCheck.Summary))
		list(rep.ClotCheck.Findings)
		para("  ", st.muted.Render(rep.ClotCheck.Note))
	}

	heading("report.now")
	list(rep.Actions.Now)
	heading("report.where")
	para("  ", rep.Actions.Where)
	heading("report.tell")
	list(rep.Actions.TellClinician)
	if len(rep.Actions.After) > 0 {
		heading("report.after")
		list(rep.Actions.After)
	}

	heading("report.trace")
	para("  ", cat.F("report.trace_start", "prior", Percent(Prior)))
	if len(r.Trace()) == 0 {
		para("  ", cat.T("report.trace_none"))
	}
	for _, s := range r.Trace() {
		list([]string{rep.TraceLine(s)})
	}

	heading("report.alternatives")
	if len(rep.Alternatives) == 0 {
		para("  ", cat.T("report.alternatives_none"))
	}
	for _, alt := range rep.Alternatives {
		list([]string{alt.Name + ": " + alt.Why})
	}

	heading("report.caveats")
	list(rep.Caveats)

	heading("report.sources")
	para("  ", st.muted.Render(strings.Join(Sources, "; ")))

	heading("report.disclaimer_heading")
	para("  ", cat.F("report.disclaimer", "emergency", rep.Emergency))
	_, err := io.WriteString(w, b.String())
	return err
}

// AAOSLine words the AAOS signs: how many are positive of those assessed,
// and whether the criteria are met.
func (rep *Report) AAOSLine() string {
	cat, a := rep.cat, rep.AAOS
	met := cat.T("report.aaos_not_met")
	if a.Met {
		met = cat.T("report.aaos_met")
	}
	return cat.T("report.aaos") + ": " + cat.F("report.aaos_value", "positive", fmt.Sprint(a.Positive), "assessed", fmt.Sprint(a.Assessed)) + "; " + met
}

// RedFlagsLine names the emergency signs answered yes, or is "" when none
// was.
func (rep *Report) RedFlagsLine() string {
	flags := rep.RedFlags()
	if len(flags) == 0 {
		return ""
	}
	names := make([]string, len(flags))
	for i, f := range flags {
		names[i] = rep.cat.T(f.LabelKey())
	}
	return rep.cat.T("report.red_flags") + ": " + strings.Join(names, "; ")
}

// TraceLine words one step of the trace: the answer, which way it moved the
// odds and by how much, and on what basis.
func (rep *Report) TraceLine(s Step) string {
	cat := rep.cat
	effect, sym := cat.T("report.lowers"), cat.T("symbol.lowers")
	if s.Raises() {
		effect, sym = cat.T("report.raises"), cat.T("symbol.raises")
	}
	return sym + " " + cat.F("report.trace_step",
		"question", cat.T(s.Question.LabelKey()),
		"value", rep.ValueLabel(s.Question),
		"effect", effect,
		"lr", FormatLR(s.LR()),
		"evidence", rep.evidence(s))
}

// evidence names the basis of a step and its source, once.
func (rep *Report) evidence(s Step) string {
	basis := rep.cat.T("basis." + s.Basis.String())
	if s.Source == srcNone {
		return basis
	}
	return basis + ", " + s.Source
}

// EstimateLine words the estimate: the percentage and the band, saying so
// when the AAOS signs raised the band above what the number gives.
func (rep *Report) EstimateLine() string {
	key := "report.estimate_value"
	if rep.BandRaised {
		key = "report.estimate_value_raised"
	}
	return rep.cat.F(key, "percent", Percent(rep.Probability), "band", rep.cat.T(bandKeys[rep.Band]))
}

// RangeLine words the plausible range, or says that nothing answered has
// moved the estimate from the starting assumption.
func (rep *Report) RangeLine() string {
	if len(rep.Trace()) == 0 {
		return rep.cat.T("report.range_none")
	}
	return rep.cat.T("report.range") + ": " + rep.cat.F("report.range_value", "low", Percent(rep.Low), "high", Percent(rep.High))
}

// ValueLabel is the answer to a question in words, or "" if unanswered.
func (rep *Report) ValueLabel(question q.Q) string {
	v, ok := rep.Answers.Value(question)
	if !ok {
		return ""
	}
	if question.Info().Kind == q.Number {
		if question == q.PainNow {
			return v + "/10"
		}
		return v
	}
	return rep.cat.T(question.ValueKey(v))
}

// FormatLR formats a likelihood ratio for people: one decimal from 10 up,
// two below, so that a ratio of 1.04 does not read as 1.
func FormatLR(lr float64) string {
	switch {
	case lr >= 10:
		return strings.TrimSuffix(fmt.Sprintf("%.1f", lr), ".0")
	case lr >= 0.1:
		return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.2f", lr), "0"), ".")
	}
	return fmt.Sprintf("%.2g", lr)
}

package report

import (
	"strings"

	"achilles/assessment"
	"achilles/textwrap"
)

// Recap is the three lines that end the summary left in the terminal, so
// that what matters is still on screen when the report has scrolled away:
// the urgency, the estimate, and the saved report's path when saved is not
// "" (without it, two lines). The path is never wrapped, to be copied
// whole. Each line ends with a newline.
func Recap(rep *assessment.Report, saved string, width int) string {
	cat := rep.Catalog()
	var b strings.Builder
	for _, l := range []string{
		cat.F("report.recap.urgency", "banner", rep.BannerLine(), "headline", rep.Actions.Headline),
		cat.F("report.recap.estimate", "estimate", rep.EstimateLine()),
	} {
		b.WriteString(textwrap.Wrap(l, width) + "\n")
	}
	if saved != "" {
		b.WriteString(cat.F("report.recap.saved", "path", saved) + "\n")
	}
	return b.String()
}

// Unfinished is what is left in the terminal when the questionnaire ends
// before a result: rep is the assessment of the answers given so far. After
// an emergency sign answered yes, it starts with the emergency banner and
// the signs; then it says the questionnaire was not finished (when started,
// that is when anything was asked); and it always ends with the emergency
// number. Each line ends with a newline.
func Unfinished(rep *assessment.Report, started bool, width int) string {
	cat := rep.Catalog()
	var lines []string
	if len(rep.RedFlags()) > 0 {
		lines = append(lines,
			assessment.TriageSymbol(rep.Triage)+" "+rep.Actions.Headline,
			rep.RedFlagsLine())
	}
	if started {
		lines = append(lines, cat.T("report.not_finished"))
	}
	lines = append(lines, cat.F("report.emergency_line", "emergency", rep.Emergency))
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(textwrap.Wrap(l, width) + "\n")
	}
	return b.String()
}

package server

import (
	"fmt"
	"io"
	"strings"

	tea "charm.land/bubbletea/v2"

	"achilles/assessment"
	q "achilles/questionnaire"
	"achilles/report"
	"achilles/textwrap"
	"achilles/ui"
)

// reportWidth is the width of the report left in a student's scrollback
// when the server closes before their result.
const reportWidth = 80

// writeUnfinished leaves the report of the answers so far in the
// scrollback of a student whose questionnaire the server ended before the
// result: marked as not finished, with the emergency line, urgency first
// (the text report), then the answers given. Nothing when a result was
// shown, its report being already there, nor for a course case, whose
// answers are the case's and not the student's; only the note with the
// emergency line when nothing was answered.
func (s *Server) writeUnfinished(w io.Writer, final tea.Model, opts ui.Options) {
	m, ok := final.(*ui.Model)
	if !ok || m.Summary() != nil || opts.Case != "" {
		return
	}
	a := m.Answers()
	if a.Len() == 0 {
		_, _ = fmt.Fprint(w, "\n"+opts.Catalog.F("server.unfinished_none", "emergency", opts.Emergency)+"\n")
		return
	}
	rep := assessment.NewReport(assessment.Assess(q.Effective(a)), opts.Catalog,
		assessment.Options{Emergency: opts.Emergency, Region: opts.Region})
	var b strings.Builder
	b.WriteString("\n" + opts.Catalog.F("server.unfinished", "emergency", opts.Emergency) + "\n\n")
	b.WriteString(report.Text(&rep, report.TextOptions{Width: reportWidth}))
	for _, sec := range rep.Outline(assessment.OutlineOptions{Answers: true}) {
		if sec.ID != assessment.SectionAnswers {
			continue
		}
		b.WriteString("\n" + opts.Catalog.T(sec.Heading) + "\n")
		for _, it := range sec.Items {
			for _, line := range strings.Split(textwrap.Wrap(it.String(), reportWidth-2), "\n") {
				b.WriteString("  " + line + "\n")
			}
		}
	}
	_, _ = fmt.Fprint(w, b.String())
}

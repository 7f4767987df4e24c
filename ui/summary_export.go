package ui

import (
	"io"

	tea "charm.land/bubbletea/v2"

	"achilles/assessment"
	q "achilles/questionnaire"
	"achilles/report"
	"achilles/textwrap"
)

// WriteSummary writes what the terminal keeps when the questionnaire m ran
// has ended, laid out for m's terminal width, as Run does when the person
// quits (see Model.Farewell). m is the final model of a program started
// with a model from New; when it is not one, nothing is written. The
// classroom server runs its programs itself and uses this to leave the
// same in each student's scrollback.
func WriteSummary(w io.Writer, m tea.Model) error {
	fm, ok := m.(*Model)
	if !ok {
		return nil
	}
	_, err := io.WriteString(w, fm.Farewell())
	return err
}

// Farewell is what the terminal keeps when the questionnaire ends, plain
// text, urgency first:
//   - after a result: the report as text, then a recap of the urgency, the
//     estimate and, when this report was saved, the file's path; a result
//     asked for on the settled screen says before the recap that its
//     estimate is from the answers so far;
//   - before a result: after an emergency sign answered yes, the emergency
//     banner and the signs; "not finished" once anything was asked; and
//     always the emergency number, also for someone who quits at the very
//     start, to whom it is the one useful line.
func (m *Model) Farewell() string {
	width := min(max(m.c.width, 40), 100)
	if rep := m.shown; rep != nil {
		saved := ""
		if m.savedPath != "" && m.savedFor == rep.Result.Answers {
			saved = m.savedPath
		}
		text := report.Text(rep, report.TextOptions{Width: width}) + "\n"
		if n := m.result.unanswered; n > 0 {
			// Asked for on the settled screen: the estimate is from the
			// answers so far, and the recap says so as the screen did.
			text += textwrap.Wrap(m.c.cat.F("ui.settled.partial", "n", itoa(n)), width) + "\n"
		}
		return text + report.Recap(rep, saved, width)
	}
	r := assessment.Assess(q.Effective(m.answers))
	rep := assessment.NewReport(r, m.c.cat, assessment.Options{Emergency: m.c.opts.emergency(), Region: m.c.opts.Region})
	started := m.screen != screenStart || m.answers.Len() > 0
	return report.Unfinished(&rep, started, width)
}

package ui

import (
	"strings"

	"achilles/assessment"
	q "achilles/questionnaire"
)

// teachWidth is the narrowest the teaching panel beside the questions is
// drawn (from 100 columns), and teachQuestionWidth the room the question
// keeps beside a wider one.
const (
	teachWidth         = 36
	teachQuestionWidth = 60
)

// teachPanelWidth is the width of the teaching panel beside the questions:
// wide enough for the longest step ("↑ label ×0.00") when the terminal has
// room for it and teachQuestionWidth for the question, as on a projector
// at 120 columns, so that no label is cut; teachWidth at the least.
func teachPanelWidth(c *common) int {
	longest := 0
	for _, question := range q.All() {
		longest = max(longest, width(c.cat.T(question.LabelKey())))
	}
	sym := max(width(c.cat.T("symbol.raises")), width(c.cat.T("symbol.lowers")))
	need := 4 + sym + 1 + longest + width(" "+c.st.g.times+"0.00")
	return max(teachWidth, min(need, c.width-2-teachQuestionWidth))
}

// The teaching overlay (--teach, and course mode): the running estimate and
// how each answer moved it, so a class can watch the evidence add up.

// teachSteps are the running estimate and one line per answer that moved
// it, each at most w cells.
func teachSteps(c *common, a *q.Answers, w int) (head string, p float64, steps []string) {
	r := assessment.Assess(q.Effective(*a))
	head = c.cat.F("ui.teach.estimate", "percent", assessment.Percent(r.Probability), "band", c.cat.T(r.Band.Key()))
	steps = append(steps, c.st.truncate(c.cat.F("ui.teach.start", "prior", assessment.Percent(assessment.Prior)), w))
	for _, s := range r.Trace() {
		sym, style := c.cat.T("symbol.lowers"), c.st.muted
		if s.Raises() {
			sym, style = c.cat.T("symbol.raises"), c.st.strong
		}
		lr := " " + c.st.g.times + assessment.FormatLR(s.LR())
		label := c.st.truncate(c.cat.T(s.Question.LabelKey()), w-width(sym)-1-width(lr))
		steps = append(steps, style.Render(sym+" "+label+lr))
	}
	return head, r.Probability, steps
}

// teachClot is the clot check wrapped to w cells, or nil while it has
// nothing to show. It is a separate estimate: the class sees it beside the
// rupture's, never mixed into it, and it stays in view as answers scroll.
func teachClot(c *common, a *q.Answers, w int) []string {
	r := assessment.Assess(q.Effective(*a))
	if !r.ShowClot() {
		return nil
	}
	line := c.cat.F("ui.teach.clot", "level", c.cat.T(r.Clot.Level.Key()), "points", itoa(r.Clot.Points))
	style := c.st.strong
	if r.Clot.Level > assessment.ClotNoSigns {
		style = c.st.emergency
	}
	return styleLines(style, wrap(line, w))
}

// teachWas says what the estimate was before the last answer that moved
// it, so the class sees it move; "" before any has.
func teachWas(c *common, d *demoState) string {
	if !d.moved {
		return ""
	}
	return c.cat.F("ui.teach.was", "percent", assessment.Percent(d.was))
}

// teachPanel is the overlay beside the questions, h lines high.
func teachPanel(c *common, a *q.Answers, d *demoState, h int) []string {
	st := &c.st
	pw := teachPanelWidth(c)
	inner := pw - 4
	head, p, steps := teachSteps(c, a, inner)
	lines := []string{st.heading.Render(st.truncate(c.cat.T("ui.teach.title"), inner))}
	if big := bigText(assessment.Percent(p), inner); d.on && big != nil && h >= 18 && !st.g.ascii {
		// Course mode is shown on a projector: the number the class
		// watches is large.
		lines = append(lines, styleLines(st.strong, big)...)
	}
	lines = append(lines, styleLines(st.strong, wrap(head, inner))...)
	if was := teachWas(c, d); was != "" {
		lines = append(lines, st.muted.Render(st.truncate(was, inner)))
	}
	lines = append(lines, bar(st, p, inner))
	lines = append(lines, teachClot(c, a, inner)...)
	lines = append(lines, "")
	room := max(1, h-2-len(lines))
	if len(steps) > room {
		// The latest answers matter most while teaching; older ones scroll off.
		steps = append([]string{st.muted.Render(c.cat.T("ui.more_above"))}, steps[len(steps)-room+1:]...)
	}
	lines = append(lines, steps...)
	box := st.panel.Width(pw).Render(strings.Join(lines, "\n"))
	return strings.Split(box, "\n")
}

// teachUnder is the overlay under the questions on narrower terminals: the
// estimate and the last answers that moved it.
func teachUnder(c *common, a *q.Answers, d *demoState, w, h int) []string {
	st := &c.st
	head, p, steps := teachSteps(c, a, w-2)
	bw := min(30, w)
	if was := teachWas(c, d); was != "" {
		head += st.g.dot + was
	}
	lines := styleLines(st.strong, wrap(c.cat.T("ui.teach.title")+": "+head, w))
	if big := bigText(assessment.Percent(p), w); d.on && big != nil && h >= 20 && !st.g.ascii {
		lines = append(styleLines(st.strong, big), lines...)
	}
	lines = append(lines, bar(st, p, bw))
	lines = append(lines, teachClot(c, a, w)...)
	if n := min(3, len(steps)); n > 0 && h >= 20 {
		for _, s := range steps[len(steps)-n:] {
			lines = append(lines, "  "+s)
		}
	}
	return lines
}

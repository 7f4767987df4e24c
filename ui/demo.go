package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"achilles/assessment"
	"achilles/cases"
	q "achilles/questionnaire"
)

// Course mode (achilles demo ID): the case's answers are a script the
// instructor steps through with one key. The first press shows which answer
// the case gives (the class can guess before it), the second chooses it and
// the estimate moves. Enter chooses whatever is highlighted instead, so any
// answer can be changed live; d fills in the rest and shows the result.

// demoState is course mode's part of the model.
type demoState struct {
	on       bool
	caseID   string
	script   q.Answers // the case's answers
	revealed bool      // the case's answer on this screen has been shown
	// The running estimate and the one before the last answer that moved
	// it, for the teaching panel's "was".
	p, was float64
	moved  bool
	// jumped is set while the emergency screen raised by d is shown: it
	// leads on to the result.
	jumped bool
}

func newDemo(opts *Options) demoState {
	c, ok := cases.Get(opts.Case)
	if !ok {
		return demoState{p: assessment.Prior}
	}
	return demoState{on: true, caseID: c.ID, script: c.Answers, p: assessment.Prior}
}

// changed reports whether the answers that count differ from the case's
// (cases.Case.ChangedIn).
func (d *demoState) changed(a q.Answers) bool {
	c, ok := cases.Get(d.caseID)
	return d.on && ok && c.ChangedIn(a)
}

// title is the case's title, or "" outside course mode.
func (d *demoState) title(c *common) string {
	if !d.on {
		return ""
	}
	cs, _ := cases.Get(d.caseID)
	return c.cat.T(cs.TitleKey())
}

// caseIndex is the index of the case's answer among the choices of
// question, or -1 when the case does not answer it.
func (d *demoState) caseIndex(question q.Q, values []string) int {
	v, ok := d.script.Value(question)
	if !ok {
		return -1
	}
	for i, x := range values {
		if x == v {
			return i
		}
	}
	return -1
}

// shownIndex is the choice to mark as the case's answer on this screen:
// only once it has been revealed.
func (d *demoState) shownIndex(question q.Q, values []string) int {
	if !d.on || !d.revealed {
		return -1
	}
	return d.caseIndex(question, values)
}

// note is what the question screen says about the case's answer once it
// is revealed: the number for a number question, or that the case does not
// answer this question.
func (d *demoState) note(c *common, s *questionScreen) string {
	if !d.revealed {
		return ""
	}
	if s.isNumber() {
		if n, ok := d.script.Number(s.q); ok {
			return c.cat.F("ui.demo.case_number", "number", itoa(n), "unit", c.cat.T(s.q.UnitKey()))
		}
		return c.cat.T("ui.demo.no_answer")
	}
	if d.caseIndex(s.q, s.values) < 0 {
		return c.cat.T("ui.demo.no_answer")
	}
	return ""
}

// step is the instructor's one key: reveal the case's answer, then choose
// it. Each screen says what the step means on it.
func (m *Model) step() tea.Cmd {
	d := &m.demo
	switch m.screen {
	case screenStart:
		return m.apply(m.start.step(d))
	case screenQuestion:
		return m.apply(m.question.step(&m.c, &m.answers, d))
	case screenChecklist:
		return m.apply(m.checklist.step(&m.answers, d))
	case screenEmergency:
		return m.apply(m.emergency.step())
	case screenReview:
		return m.apply(m.review.step())
	}
	return nil
}

// jump fills every question still open with the case's answer and shows
// the result. Answers changed live are kept. A red flag among the answers
// filled in interrupts first, as it would have question by question: the
// emergency is what such a case is there to teach.
func (m *Model) jump() {
	d := &m.demo
	flag := q.Count
	for _, question := range q.All() {
		if m.answers.Has(question) {
			continue
		}
		if v, ok := d.script.Value(question); ok {
			_ = m.answers.Set(question, v) // the case's answers are valid
			if flag == q.Count && question.Info().RedFlag && v == "yes" {
				flag = question
			}
		}
	}
	if flag != q.Count && q.Asked(&m.answers, flag) {
		m.goEmergency(flag)
		d.jumped = true
		return
	}
	m.goResult()
}

// track follows the running estimate after each key in teaching mode, so
// that the panel can say what it was before the last change.
func (m *Model) track() {
	p := assessment.Assess(q.Effective(m.answers)).Probability
	if p != m.demo.p {
		m.demo.was, m.demo.p, m.demo.moved = m.demo.p, p, true
	}
}

// bigGlyph is a character of the running estimate in large digits, three
// rows high, for a projector at the back of a room; false for a character
// it has no glyph for.
func bigGlyph(r rune) ([3]string, bool) {
	switch r {
	case '0':
		return [3]string{"█▀█", "█ █", "▀▀▀"}, true
	case '1':
		return [3]string{"▀█ ", " █ ", "▀▀▀"}, true
	case '2':
		return [3]string{"▀▀█", "█▀▀", "▀▀▀"}, true
	case '3':
		return [3]string{"▀▀█", " ▀█", "▀▀▀"}, true
	case '4':
		return [3]string{"█ █", "▀▀█", "  ▀"}, true
	case '5':
		return [3]string{"█▀▀", "▀▀█", "▀▀▀"}, true
	case '6':
		return [3]string{"█▀▀", "█▀█", "▀▀▀"}, true
	case '7':
		return [3]string{"▀▀█", "  █", "  ▀"}, true
	case '8':
		return [3]string{"█▀█", "█▀█", "▀▀▀"}, true
	case '9':
		return [3]string{"█▀█", "▀▀█", "▀▀▀"}, true
	case '%':
		return [3]string{"▀ ▄▀", " ▄▀ ", "▀  ▄"}, true
	case '<':
		return [3]string{" ▄▀", "▀▄ ", "  ▀"}, true
	case '>':
		return [3]string{"▀▄ ", " ▄▀", "▀  "}, true
	case '.':
		return [3]string{" ", " ", "▄"}, true
	}
	return [3]string{}, false
}

// bigText renders s in the large digits; characters without a glyph are
// left out. It returns nil when the result would be wider than w.
func bigText(s string, w int) []string {
	var rows [3]strings.Builder
	for i, r := range s {
		g, ok := bigGlyph(r)
		if !ok {
			continue
		}
		for row := range rows {
			if i > 0 {
				rows[row].WriteByte(' ')
			}
			rows[row].WriteString(g[row])
		}
	}
	out := []string{rows[0].String(), rows[1].String(), rows[2].String()}
	if width(out[0]) > w {
		return nil
	}
	return out
}

package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"achilles/cases"
	q "achilles/questionnaire"
)

// startScreen says what the tool is and is not, how to reach emergency
// services, and asks who is answering.
type startScreen struct {
	cursor int
}

func (m *Model) startKey(msg tea.KeyPressMsg) tea.Cmd {
	s, k := &m.start, &m.c.keys
	values, _ := options(&m.c, q.Answerer)
	pick := m.startPick
	switch {
	case key.Matches(msg, k.Up):
		s.cursor = max(0, s.cursor-1)
	case key.Matches(msg, k.Down):
		s.cursor = min(len(values)-1, s.cursor+1)
	case key.Matches(msg, k.Number):
		if i := int(msg.Text[0] - '1'); i < len(values) {
			pick(i)
		}
	case key.Matches(msg, k.Choose):
		pick(s.cursor)
	case key.Matches(msg, k.Forward):
		if m.answers.Has(q.Answerer) {
			m.goQuestion(q.First(&m.answers))
		}
	case key.Matches(msg, k.Why):
		m.open(overlayWhy)
	}
	return nil
}

// startPick takes choice i of "who is answering" and goes to the first
// question.
func (m *Model) startPick(i int) {
	values, _ := options(&m.c, q.Answerer)
	m.start.cursor = i
	choose(q.Answerer, values, i, &m.answers)
	m.fromReview = false
	m.goQuestion(q.First(&m.answers))
}

func (s *startScreen) view(c *common, a *q.Answers, d *demoState, h int) ([]string, []key.Binding) {
	w := c.width
	st := &c.st
	values, labels := options(c, q.Answerer)
	choices, focus, starts := choiceLines(c, labels, s.cursor, current(q.Answerer, a), d.shownIndex(q.Answerer, values), w)
	k := &c.keys
	bindings := []key.Binding{k.Move, k.Choose, k.Why, k.Number, k.Help, k.Emergency, k.Quit}
	if d.on {
		cs, _ := cases.Get(d.caseID)
		return compose(c, h,
			block{lines: styleLines(st.title, wrap(c.cat.F("ui.demo.case", "title", c.cat.T(cs.TitleKey())), w)), prio: must},
			gap(),
			block{lines: wrap(c.cat.T(cs.StoryKey()), w), prio: 45},
			gap(),
			block{lines: styleLines(st.muted, wrap(c.cat.T("ui.demo.how"), w)), prio: 38},
			gap(),
			block{lines: styleLines(st.emergency, wrap(c.cat.F("ui.start.emergency", "emergency", c.opts.emergency()), w)), prio: must},
			gap(),
			block{lines: styleLines(st.strong, wrap(c.cat.T(q.Answerer.TextKey(false)), w)), prio: must},
			block{lines: choices, prio: must, flex: true, focus: focus, starts: starts},
		), bindings
	}
	body := compose(c, h,
		gap(),
		block{lines: styleLines(st.title, wrap(c.cat.T("ui.start.title"), w)), prio: 40},
		gap(),
		block{lines: wrap(c.cat.T("ui.start.is"), w), prio: 30},
		block{lines: wrap(c.cat.T("ui.start.is_not"), w), prio: 35},
		gap(),
		block{lines: styleLines(st.emergency, wrap(c.cat.F("ui.start.emergency", "emergency", c.opts.emergency()), w)), prio: must},
		gap(),
		block{lines: styleLines(st.strong, wrap(c.cat.T(q.Answerer.TextKey(false)), w)), prio: must},
		block{lines: choices, prio: must, flex: true, focus: focus, starts: starts},
		gap(),
		block{lines: styleLines(st.muted, wrap(c.cat.T(q.Answerer.HintKey()), w)), prio: 20},
	)
	return body, bindings
}

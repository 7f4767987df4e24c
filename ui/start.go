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

// update turns a key into an intent: the cursor moves here; choosing who
// is answering, or going on, is the root's.
func (s *startScreen) update(c *common, a *q.Answers, msg tea.KeyPressMsg) intent {
	k := &c.keys
	n := len(q.Answerer.Info().Values)
	switch {
	case key.Matches(msg, k.Up):
		s.cursor = max(0, s.cursor-1)
	case key.Matches(msg, k.Down):
		s.cursor = min(n-1, s.cursor+1)
	case key.Matches(msg, k.Number):
		if i := int(msg.Text[0] - '1'); i < n {
			return s.pick(i)
		}
	case key.Matches(msg, k.Choose):
		return s.pick(s.cursor)
	case key.Matches(msg, k.Forward):
		if a.Has(q.Answerer) {
			return intent{do: doQuestion, q: q.First(a)}
		}
	case key.Matches(msg, k.Why):
		return intent{do: doOpen, o: overlayWhy}
	case key.Matches(msg, k.Next):
		return intent{do: doOpen, o: overlayNext}
	}
	return intent{}
}

// pick takes choice i of "who is answering": the root records it and goes
// to the first question.
func (s *startScreen) pick(i int) intent {
	s.cursor = i
	return intent{do: doBegin, n: i}
}

// step is course mode's one key: highlight the case's answer, then take it.
func (s *startScreen) step(d *demoState) intent {
	if !d.revealed {
		if i := d.caseIndex(q.Answerer, q.Answerer.Info().Values); i >= 0 {
			s.cursor = i
		}
		return intent{do: doReveal}
	}
	return s.pick(s.cursor)
}

func (s *startScreen) view(c *common, a *q.Answers, d *demoState, h int) ([]string, []key.Binding) {
	w := c.width
	st := &c.st
	values, labels := options(c, q.Answerer)
	choices, focus, starts := choiceLines(c, labels, s.cursor, current(q.Answerer, a), d.shownIndex(q.Answerer, values), w)
	k := &c.keys
	bindings := []key.Binding{k.Move, k.Choose, k.Why, k.Next, k.Number, k.Help, k.Emergency, k.Quit}
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
			block{lines: adviceLines(c, w), prio: 36},
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
		block{lines: adviceLines(c, w), prio: 36},
		gap(),
		block{lines: styleLines(st.strong, wrap(c.cat.T(q.Answerer.TextKey(false)), w)), prio: must},
		block{lines: choices, prio: must, flex: true, focus: focus, starts: starts},
		gap(),
		block{lines: styleLines(st.muted, wrap(c.cat.T(q.Answerer.HintKey()), w)), prio: 20},
	)
	return body, bindings
}

// adviceLines are the region's advice line for when it is not an emergency
// (NHS 111), a sentence of its own under the emergency number; none when
// the region has none.
func adviceLines(c *common, w int) []string {
	if c.opts.Advice == "" {
		return nil
	}
	return wrap(c.opts.Advice, w)
}

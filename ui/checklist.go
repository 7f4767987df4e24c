package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	q "achilles/questionnaire"
)

// checklistScreen is the emergency check on one screen: every red-flag
// sign of the bank a line the person ticks, and "None of these". Nothing
// is ticked at first, and Enter alone answers nothing: a sign is answered
// no only when the person chose "None of these", or ticked others, with
// every sign in front of them. The answers stay one per sign.
type checklistScreen struct {
	flags  []q.Q  // the red-flag questions, in asking order
	from   q.Q    // the sign this screen was opened for (the review's row)
	ticked uint64 // bit i: flags[i] is ticked
	none   bool   // "None of these" is chosen
	cursor int    // 0 … len(flags); len(flags) is "None of these"
	empty  bool   // Enter was pressed with nothing chosen
}

// redFlags are the bank's red-flag questions, in asking order.
func redFlags() []q.Q {
	var out []q.Q
	for _, question := range q.All() {
		if question.Info().RedFlag {
			out = append(out, question)
		}
	}
	return out
}

// set shows the answers already given: a sign answered yes is ticked, and
// "None of these" is chosen when every sign was answered no.
func (s *checklistScreen) set(question q.Q, a *q.Answers) {
	*s = checklistScreen{flags: redFlags(), from: question}
	all := true
	for i, f := range s.flags {
		if a.Is(f, "yes") {
			s.ticked |= 1 << i
		}
		all = all && a.Is(f, "no")
	}
	s.none = all
}

// first and last are the first and last signs asked.
func (s *checklistScreen) first() q.Q { return s.flags[0] }
func (s *checklistScreen) last() q.Q  { return s.flags[len(s.flags)-1] }

// toggle ticks or unticks line i; "None of these" and a ticked sign
// exclude each other.
func (s *checklistScreen) toggle(i int) {
	s.empty = false
	s.cursor = i
	if i == len(s.flags) {
		s.none = !s.none
		if s.none {
			s.ticked = 0
		}
		return
	}
	s.ticked ^= 1 << i
	if s.ticked != 0 {
		s.none = false
	}
}

// chosen reports whether the screen holds an answer: a tick, or "None of
// these".
func (s *checklistScreen) chosen() bool { return s.ticked != 0 || s.none }

// unchanged reports whether the screen shows the answers a already holds
// for every sign.
func (s *checklistScreen) unchanged(a *q.Answers) bool {
	for i, f := range s.flags {
		if !a.Has(f) || a.Is(f, "yes") != (s.ticked&(1<<i) != 0) {
			return false
		}
	}
	return true
}

// confirm answers every sign from the ticks, or says what to do when
// nothing is chosen.
func (s *checklistScreen) confirm() intent {
	if !s.chosen() {
		s.empty = true
		return intent{}
	}
	return intent{do: doFlags, n: int(s.ticked)}
}

// update turns a key into an intent: the cursor and the ticks are the
// screen's own; answering the signs and moving on are the root's.
func (s *checklistScreen) update(c *common, a *q.Answers, msg tea.KeyPressMsg) intent {
	k := &c.keys
	switch {
	case msg.String() == "enter":
		return s.confirm()
	case msg.String() == "space":
		s.toggle(s.cursor)
	case len(msg.Text) == 1 && msg.Text[0] == '0':
		s.toggle(len(s.flags))
	case len(msg.Text) == 1 && msg.Text[0] >= '1' && msg.Text[0] <= '9':
		if i := int(msg.Text[0] - '1'); i < len(s.flags) {
			s.toggle(i)
		}
	case key.Matches(msg, k.Up):
		s.cursor = max(0, s.cursor-1)
	case key.Matches(msg, k.Down):
		s.cursor = min(len(s.flags), s.cursor+1)
	case key.Matches(msg, k.Forward):
		if s.unchanged(a) {
			return intent{do: doForward, q: s.last()}
		}
		return s.confirm()
	case key.Matches(msg, k.Back):
		return intent{do: doBack, q: s.first()}
	case key.Matches(msg, k.Why) && s.cursor < len(s.flags):
		// Why the highlighted sign is asked about (focusQuestion).
		return intent{do: doOpen, o: overlayWhy}
	}
	return intent{}
}

// focus is the sign highlighted, and false on "None of these".
func (s *checklistScreen) focus() (q.Q, bool) {
	if s.cursor < len(s.flags) {
		return s.flags[s.cursor], true
	}
	return 0, false
}

// step is course mode's one key: show the case's ticks, then confirm
// them. When the case answers no sign yes and leaves one open, nothing is
// ticked for it, and the step goes on leaving the signs unknown.
func (s *checklistScreen) step(a *q.Answers, d *demoState) intent {
	if !d.revealed {
		mask, all := d.caseTicks(s.flags)
		if mask != 0 || all {
			s.ticked, s.none, s.empty = mask, mask == 0, false
			// The cursor goes to the case's first answer, so that a
			// small terminal scrolls to show it.
			s.cursor = len(s.flags)
			for i := range s.flags {
				if mask&(1<<i) != 0 {
					s.cursor = i
					break
				}
			}
		}
		return intent{do: doReveal}
	}
	if !s.chosen() {
		return intent{do: doForward, q: s.last()}
	}
	if s.unchanged(a) {
		return intent{do: doForward, q: s.last()}
	}
	return s.confirm()
}

// caseTicks are the signs the case answers yes, and whether it answers
// every sign.
func (d *demoState) caseTicks(flags []q.Q) (mask uint64, all bool) {
	all = true
	for i, f := range flags {
		v, ok := d.script.Value(f)
		all = all && ok
		if v == "yes" {
			mask |= 1 << i
		}
	}
	return mask, all
}

// view is the body: what to do, the signs and "None of these", and a hint.
func (s *checklistScreen) view(c *common, a *q.Answers, d *demoState, h int) ([]string, []key.Binding) {
	st, w := &c.st, c.width
	if c.opts.Teach && w >= 100 {
		w = c.width - teachWidth - 2
	}
	text := "ui.checklist.text"
	if a.Other() {
		text = "ui.checklist.text_other"
	}
	blocks := []block{gap(), {lines: styleLines(st.strong, wrap(c.cat.T(text), w)), prio: must}, gap()}
	caseMask, caseAll := uint64(0), false
	if d.on {
		blocks = append([]block{{lines: styleLines(st.muted, wrap(c.cat.F("ui.demo.case", "title", d.title(c)), w)), prio: 12}}, blocks...)
		caseMask, caseAll = d.caseTicks(s.flags)
		if d.revealed && caseMask == 0 && !caseAll {
			blocks = append(blocks, block{lines: styleLines(st.status, wrap(c.cat.T("ui.demo.no_answer"), w)), prio: must}, gap())
		}
	}
	var lines []string
	var focus [2]int
	var starts []int
	for i := 0; i <= len(s.flags); i++ {
		starts = append(starts, len(lines))
		mark, style := st.g.noCursor, st.choice
		if i == s.cursor {
			mark, style = st.g.cursor, st.selected
			focus[0] = len(lines)
		}
		num, label, on, theCase := itoa(i+1), "", false, false
		if i < len(s.flags) {
			label = c.cat.T(s.flags[i].LabelKey())
			on = s.ticked&(1<<i) != 0
			theCase = caseMask&(1<<i) != 0
		} else {
			num, label, on = "0", c.cat.T("ui.checklist.none"), s.none
			theCase = caseAll && caseMask == 0
			lines = append(lines, "")
			starts[i] = len(lines)
			if i == s.cursor {
				focus[0] = len(lines)
			}
		}
		box := "[ ] "
		if on {
			box = "[x] "
		}
		if d.on && d.revealed && theCase {
			label += " " + c.cat.T("ui.demo.case_answer")
		}
		lines = append(lines, styleLines(style, hang(mark+num+" "+box, label, w))...)
		if i == s.cursor {
			focus[1] = len(lines)
		}
	}
	blocks = append(blocks, block{lines: lines, prio: must, flex: true, focus: focus, starts: starts})
	if s.empty {
		blocks = append(blocks, gap(), block{lines: styleLines(st.err, wrap(c.cat.T("ui.checklist.empty"), w)), prio: must})
	}
	blocks = append(blocks, gap(), block{lines: styleLines(st.muted, wrap(c.cat.T("ui.checklist.hint"), w)), prio: 20})
	teachBeside := c.opts.Teach && c.width >= 100
	if c.opts.Teach && !teachBeside {
		blocks = append(blocks, gap(), block{lines: teachUnder(c, a, d, w, h), prio: 15})
	}
	k := &c.keys
	bindings := []key.Binding{k.Tick, k.Confirm, k.Move, k.Back, k.Why, k.Help, k.Emergency, k.Quit}
	body := compose(c, h, blocks...)
	if teachBeside {
		body = besides(c.st.clip(body, w, h), teachPanel(c, a, d, h), w)
	}
	return body, bindings
}

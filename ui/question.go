package ui

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	q "achilles/questionnaire"
)

// questionScreen asks one question: a list of choices, or a whole number
// typed in.
type questionScreen struct {
	q      q.Q
	values []string // the choices' values
	labels []string
	cursor int
	input  string // what has been typed, for number questions
	err    string // why the typed number was refused
}

// options lists the choices of a choice question.
func options(c *common, question q.Q) (values, labels []string) {
	info := question.Info()
	for _, v := range info.Values {
		values = append(values, v)
		labels = append(labels, c.cat.T(question.ValueKey(v)))
	}
	return values, labels
}

// current is the index of the choice already given, or -1.
func current(question q.Q, a *q.Answers) int {
	if i, ok := a.Index(question); ok {
		return i
	}
	return -1
}

func (s *questionScreen) set(c *common, question q.Q, a *q.Answers) {
	*s = questionScreen{q: question}
	if s.isNumber() {
		if n, ok := a.Number(question); ok {
			s.input = strconv.Itoa(n)
		}
		return
	}
	s.values, s.labels = options(c, question)
	s.cursor = max(0, current(question, a))
	if question == q.Examiner && current(question, a) < 0 && a.Other() {
		// Someone helping is most likely the one doing the tests: the
		// contract's default examiner for a helper is the trainer.
		s.cursor = 1
	}
}

func (s *questionScreen) isNumber() bool { return s.q.Info().Kind == q.Number }

// update turns a key into an intent: the cursor and the typed number are
// the screen's own; recording an answer and moving on are the root's.
func (s *questionScreen) update(c *common, a *q.Answers, msg tea.KeyPressMsg) intent {
	if s.isNumber() {
		return s.numberKey(c, a, msg)
	}
	k := &c.keys
	switch {
	case key.Matches(msg, k.Up):
		s.cursor = max(0, s.cursor-1)
	case key.Matches(msg, k.Down):
		s.cursor = min(len(s.values)-1, s.cursor+1)
	case key.Matches(msg, k.AnswerYes, k.AnswerNo):
		if i, ok := yesNoKey(s.q, msg.Text); ok {
			s.cursor = i
			return intent{do: doPick, q: s.q, n: i}
		}
	case key.Matches(msg, k.Number):
		if i := int(msg.Text[0] - '1'); i < len(s.values) {
			s.cursor = i
			return intent{do: doPick, q: s.q, n: i}
		}
	case key.Matches(msg, k.Choose):
		return intent{do: doPick, q: s.q, n: s.cursor}
	case key.Matches(msg, k.Forward):
		if current(s.q, a) >= 0 {
			return intent{do: doForward, q: s.q}
		}
	case key.Matches(msg, k.Back):
		return intent{do: doBack, q: s.q}
	case key.Matches(msg, k.Why):
		return intent{do: doOpen, o: overlayWhy}
	case key.Matches(msg, k.How):
		if s.q.Info().HowTo {
			return intent{do: doOpen, o: overlayHow}
		}
	}
	return intent{}
}

// numberKey edits the typed number; enter checks it against the question's
// range. An empty field leaves the question unanswered.
func (s *questionScreen) numberKey(c *common, a *q.Answers, msg tea.KeyPressMsg) intent {
	k := &c.keys
	info := s.q.Info()
	switch {
	case len(msg.Text) == 1 && msg.Text[0] >= '0' && msg.Text[0] <= '9':
		s.err = ""
		if len(s.input) < len(strconv.Itoa(info.Max)) {
			s.input += msg.Text
		} else {
			s.err = c.cat.F("ui.number_range", "min", itoa(info.Min), "max", itoa(info.Max))
		}
	case msg.String() == "backspace":
		if s.input != "" {
			s.input = s.input[:len(s.input)-1]
		}
		s.err = ""
	case msg.String() == "ctrl+u" || msg.String() == "delete":
		s.input, s.err = "", ""
	case msg.String() == "enter":
		return s.submit(c)
	case key.Matches(msg, k.Quit):
		return intent{do: doAskQuit}
	case key.Matches(msg, k.Back):
		return intent{do: doBack, q: s.q}
	case key.Matches(msg, k.Forward):
		if a.Has(s.q) {
			return intent{do: doForward, q: s.q}
		}
	case key.Matches(msg, k.Why):
		return intent{do: doOpen, o: overlayWhy}
	}
	return intent{}
}

// submit takes the typed number, checked against the question's range; an
// empty field leaves the question unanswered.
func (s *questionScreen) submit(c *common) intent {
	info := s.q.Info()
	if s.input == "" {
		return intent{do: doSkip, q: s.q}
	}
	n, err := strconv.Atoi(s.input)
	if err != nil || n < info.Min || n > info.Max {
		s.err = c.cat.F("ui.number_range", "min", itoa(info.Min), "max", itoa(info.Max))
		return intent{}
	}
	return intent{do: doNumber, q: s.q, n: n}
}

// step is course mode's one key: show the case's answer (a number is
// typed in for the class to see), then take it. A question the case does
// not answer (a live change took another branch) is left unknown.
func (s *questionScreen) step(c *common, a *q.Answers, d *demoState) intent {
	if s.isNumber() {
		if !d.revealed {
			// A number the instructor has typed is kept: → then takes it.
			if n, ok := d.script.Number(s.q); ok && s.input == "" {
				s.input, s.err = itoa(n), ""
			}
			return intent{do: doReveal}
		}
		return s.submit(c)
	}
	if !d.revealed {
		if i := d.caseIndex(s.q, s.values); i >= 0 {
			s.cursor = i
		}
		return intent{do: doReveal}
	}
	if d.caseIndex(s.q, s.values) < 0 && current(s.q, a) < 0 {
		return intent{do: doForward, q: s.q}
	}
	return intent{do: doPick, q: s.q, n: s.cursor}
}

// choiceLines renders a list of choices, numbered, the highlighted one
// marked with the cursor glyph and the one already given with a tick. It
// returns the lines and where the highlighted choice lies among them.
// In course mode, the case's answer is marked too once it is revealed
// (shown; -1 for none).
func choiceLines(c *common, labels []string, cursor, given, shown, w int) ([]string, [2]int, []int) {
	st := &c.st
	var lines []string
	var focus [2]int
	var starts []int
	for i, label := range labels {
		starts = append(starts, len(lines))
		mark := st.g.noCursor
		style := st.choice
		if i == cursor {
			mark, style = st.g.cursor, st.selected
			focus[0] = len(lines)
		}
		prefix := mark + itoa(i+1) + "  "
		text := label
		if i == given {
			text += " " + c.cat.T("ui.current")
		}
		if i == shown {
			text += " " + c.cat.T("ui.demo.case_answer")
		}
		lines = append(lines, styleLines(style, hang(prefix, text, w))...)
		if i == cursor {
			focus[1] = len(lines)
		}
	}
	return lines, focus, starts
}

// view is the body of a question: its text, the answer area and the hint,
// with the teaching panel under them or beside them when it is on.
func (s *questionScreen) view(c *common, a *q.Answers, d *demoState, h int) ([]string, []key.Binding) {
	w := c.width
	teachBeside := c.opts.Teach && w >= 100
	if teachBeside {
		w = c.width - teachPanelWidth(c) - 2
	}
	info := s.q.Info()
	text := wrap(c.cat.T(s.q.TextKey(a.Other())), w)
	blocks := []block{gap(), {lines: styleLines(c.st.strong, text), prio: must}, gap()}
	if d.on {
		blocks = append([]block{{lines: styleLines(c.st.muted, wrap(c.cat.F("ui.demo.case", "title", d.title(c)), w)), prio: 12}}, blocks...)
		if note := d.note(c, s); note != "" {
			blocks = append(blocks, block{lines: styleLines(c.st.status, wrap(note, w)), prio: must}, gap())
		}
	}
	k := &c.keys
	var bindings []key.Binding
	if s.isNumber() {
		field := c.st.strong.Render("> "+s.input) + c.st.selected.Render(" ") + " " + c.st.muted.Render(c.cat.T(s.q.UnitKey()))
		blocks = append(blocks, block{lines: []string{field}, prio: must})
		if s.err != "" {
			blocks = append(blocks, block{lines: styleLines(c.st.err, wrap(s.err, w)), prio: must})
		}
		blocks = append(blocks, block{lines: styleLines(c.st.muted, wrap(c.cat.T("ui.number_hint"), w)), prio: 25})
		bindings = []key.Binding{k.Digits, withHelp(k.Choose, c.cat.T("ui.key.enter_number")), k.Back, k.Why, k.Help, k.Emergency, k.Quit}
	} else {
		lines, focus, starts := choiceLines(c, s.labels, s.cursor, current(s.q, a), d.shownIndex(s.q, s.values), w)
		blocks = append(blocks, block{lines: lines, prio: must, flex: true, focus: focus, starts: starts})
		bindings = []key.Binding{k.Move, k.Choose}
		if isYesNo(s.q) {
			bindings = append(bindings, k.YesNo)
		}
		bindings = append(bindings, k.Back, k.Why)
		if info.HowTo {
			bindings = append(bindings, k.How)
		}
		bindings = append(bindings, k.Number, k.Forward, k.Help, k.Emergency, k.Quit)
	}
	blocks = append(blocks, gap(), block{lines: styleLines(c.st.muted, wrap(c.cat.T(s.q.HintKey()), w)), prio: 20})
	if info.HowTo && !s.isNumber() {
		blocks = append(blocks, block{lines: styleLines(c.st.muted, wrap(c.cat.T("ui.how_hint"), w)), prio: 10})
	}
	if c.opts.Teach && !teachBeside {
		blocks = append(blocks, gap(), block{lines: teachUnder(c, a, d, w, h), prio: 15})
	}
	body := compose(c, h, blocks...)
	if teachBeside {
		body = besides(c.st.clip(body, w, h), teachPanel(c, a, d, h), w)
	}
	return body, bindings
}

// withHelp is a binding with other help words.
func withHelp(b key.Binding, desc string) key.Binding {
	b.SetHelp(b.Help().Key, desc)
	return b
}

// besides joins a left column of width w and a right panel line by line.
func besides(left, right []string, w int) []string {
	out := make([]string, max(len(left), len(right)))
	for i := range out {
		l, r := "", ""
		if i < len(left) {
			l = left[i]
		}
		if i < len(right) {
			r = right[i]
		}
		out[i] = l + strings.Repeat(" ", max(0, w-width(l))+2) + r
	}
	return out
}

// isYesNo reports whether question is answered yes or no, with perhaps a
// "don't know": y and n answer it at once.
func isYesNo(question q.Q) bool {
	v := question.Info().Values
	return len(v) >= 2 && v[0] == "yes" && v[1] == "no"
}

// yesNoKey is the choice that y or n (text) picks on question.
func yesNoKey(question q.Q, text string) (int, bool) {
	if !isYesNo(question) {
		return 0, false
	}
	if text == "y" {
		return 0, true
	}
	return 1, true
}

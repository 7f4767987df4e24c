package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	q "achilles/questionnaire"
	"achilles/ui/words"
)

// reviewScreen lists every answer; choosing one changes it and comes back
// here. The last row shows the result.
type reviewScreen struct {
	rows   []q.Q // the questions asked, then q.Count for "show the result"
	cursor int
}

// set lists the questions asked and puts the cursor on question.
func (s *reviewScreen) set(c *common, a *q.Answers, question q.Q) {
	s.rows = s.rows[:0]
	s.cursor = 0
	for i := q.Q(0); i < q.Count; i++ {
		if q.Asked(a, i) {
			if i == question {
				s.cursor = len(s.rows)
			}
			s.rows = append(s.rows, i)
		}
	}
	s.rows = append(s.rows, q.Count)
	if question == q.Count {
		s.cursor = len(s.rows) - 1
	}
}

func (s *reviewScreen) keepVisible(*common) {}

// update turns a key into an intent: the cursor moves here; changing an
// answer or showing the result is the root's.
func (s *reviewScreen) update(c *common, msg tea.KeyPressMsg) intent {
	k := &c.keys
	switch {
	case key.Matches(msg, k.Up):
		s.cursor = max(0, s.cursor-1)
	case key.Matches(msg, k.Down):
		s.cursor = min(len(s.rows)-1, s.cursor+1)
	case key.Matches(msg, k.Top):
		s.cursor = 0
	case key.Matches(msg, k.Bottom):
		s.cursor = len(s.rows) - 1
	case key.Matches(msg, k.Change):
		if row := s.rows[s.cursor]; row < q.Count {
			return intent{do: doChange, q: row}
		}
		return intent{do: doResult}
	case key.Matches(msg, k.Result):
		return intent{do: doResult}
	case key.Matches(msg, k.Back):
		return intent{do: doQuestion, q: s.rows[len(s.rows)-2]}
	}
	return intent{}
}

// step is course mode's one key: on to the result.
func (s *reviewScreen) step() intent { return intent{do: doResult} }

func (s *reviewScreen) view(c *common, a *q.Answers, h int) ([]string, []key.Binding) {
	st, w := &c.st, c.width
	var lines []string
	var focus [2]int
	var starts []int
	labelW := 0
	wide := w >= 70
	if wide {
		labelW = min(42, w/2)
	}
	for i, row := range s.rows {
		mark, style := st.g.noCursor, st.choice
		starts = append(starts, len(lines))
		if i == s.cursor {
			mark, style = st.g.cursor, st.selected
			focus[0] = len(lines)
		}
		if row == q.Count {
			lines = append(lines, "")
			lines = append(lines, styleLines(style, hang(mark, c.cat.T("ui.review.show_result"), w))...)
		} else {
			label := c.cat.T(row.LabelKey())
			answer := words.Answer(c.cat, a, row)
			answerStyle := st.text
			if !words.Answered(a, row) {
				answerStyle = st.muted
			}
			if wide {
				// Two columns: the label and the answer, each wrapped in its own.
				left := hang(mark, label, labelW-2)
				right := wrap(answer, w-labelW)
				for j := 0; j < max(len(left), len(right)); j++ {
					l, r := "", ""
					if j < len(left) {
						l = left[j]
					}
					if j < len(right) {
						r = right[j]
					}
					lines = append(lines, style.Render(padRight(l, labelW))+answerStyle.Render(r))
				}
			} else {
				lines = append(lines, styleLines(style, hang(mark, label, w))...)
				lines = append(lines, styleLines(answerStyle, hang("    ", answer, w))...)
			}
		}
		if i == s.cursor {
			focus[1] = len(lines)
		}
	}
	body := compose(c, h,
		block{lines: styleLines(st.strong, wrap(c.cat.T("ui.review.intro"), w)), prio: 30},
		gap(),
		block{lines: lines, prio: must, flex: true, focus: focus, starts: starts},
	)
	k := &c.keys
	return body, []key.Binding{k.Move, k.Change, k.Result, k.Back, k.Help, k.Emergency, k.Quit}
}

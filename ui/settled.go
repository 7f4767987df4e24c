package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"achilles/assessment"
	q "achilles/questionnaire"
)

// settledScreen says that the triage is settled (assessment.Reachable):
// no answer to the questions left can change it. It shows the urgency
// sections of the report's outline (the banner, what to do now, where to
// go) and offers the result now, marked as an estimate from the answers so
// far, or going on for a fuller report.
type settledScreen struct {
	rep    assessment.Report
	triage assessment.Triage
	cursor int // 0: see the result now; 1: go on
	offset int // how far the text is scrolled, on small terminals
}

// The choices, in the order shown.
const (
	settledResult = iota
	settledGoOn
)

func (s *settledScreen) set(c *common, a q.Answers, triage assessment.Triage) {
	r := assessment.Assess(q.Effective(a))
	*s = settledScreen{
		rep:    assessment.NewReport(r, c.cat, assessment.Options{Emergency: c.opts.emergency(), Advice: c.opts.Advice, Region: c.opts.Region}),
		triage: triage,
	}
}

// update turns a key into an intent: the cursor and scrolling are the
// screen's own; the result, going on, or back to the question just
// answered are the root's.
func (s *settledScreen) update(c *common, msg tea.KeyPressMsg) intent {
	k := &c.keys
	switch {
	case key.Matches(msg, k.Up):
		s.cursor = settledResult
	case key.Matches(msg, k.Down):
		s.cursor = settledGoOn
	case msg.String() == "1":
		return s.pick(settledResult)
	case msg.String() == "2":
		return s.pick(settledGoOn)
	case key.Matches(msg, k.Choose):
		return s.pick(s.cursor)
	case key.Matches(msg, k.Back):
		return intent{do: doReconsider}
	case key.Matches(msg, k.PageUp):
		s.offset -= 3
	case key.Matches(msg, k.PageDn):
		s.offset += 3
	}
	return intent{}
}

func (s *settledScreen) pick(i int) intent {
	s.cursor = i
	if i == settledResult {
		return intent{do: doSettledResult}
	}
	return intent{do: doSettledGoOn}
}

// view is the urgency sections, scrolled when they do not fit, above the
// two choices, which are always in view.
func (s *settledScreen) view(c *common, h int) ([]string, []key.Binding) {
	st, w := &c.st, c.width
	var text []string
	add := func(l ...string) { text = append(text, l...) }
	bullet := c.cat.T("symbol.bullet") + " "
	for _, sec := range s.rep.Outline(assessment.OutlineOptions{}) {
		switch sec.ID {
		case assessment.SectionUrgency, assessment.SectionNow, assessment.SectionWhere:
		default:
			continue
		}
		if sec.Heading != "" {
			add("")
			add(styleLines(st.heading, wrap(c.cat.T(sec.Heading), w))...)
		}
		for _, it := range sec.Items {
			switch it.Kind {
			case assessment.ItemBanner:
				for _, l := range wrap(it.Text, w-2) {
					add(st.bannerFor(s.rep.Triage).Width(w).Render(l))
				}
			case assessment.ItemLead:
				add(styleLines(st.strong, wrap(it.Text, w))...)
				add("")
				add(styleLines(st.status, wrap(c.cat.T("ui.settled.why"), w))...)
			case assessment.ItemAlarm:
				add(styleLines(st.emergency, wrap(it.Text, w))...)
			case assessment.ItemBullet:
				add(hang(bullet, it.String(), w)...)
			default:
				add(wrap(it.String(), w)...)
			}
		}
	}
	labels := []string{c.cat.T("ui.settled.result"), c.cat.T("ui.settled.go_on")}
	choices, _, _ := choiceLines(c, labels, s.cursor, -1, -1, w)
	room := max(1, h-len(choices)-1)
	lines := scroll(c, text, &s.offset, room)
	for len(lines) < room {
		lines = append(lines, "")
	}
	lines = append(lines, "")
	lines = append(lines, choices...)
	k := &c.keys
	bindings := []key.Binding{k.Move, k.Choose, k.Back, k.Help, k.Emergency, k.Quit}
	if len(text) > room {
		bindings = append([]key.Binding{withHelp(k.PageDn, c.cat.T("ui.key.scroll"))}, bindings...)
	}
	return lines, bindings
}

// unanswered counts the questions the answers a ask that have no answer:
// what an estimate from the answers so far leaves out.
func unanswered(a *q.Answers) int {
	n := 0
	for _, question := range q.All() {
		if q.Asked(a, question) && !a.Has(question) {
			n++
		}
	}
	return n
}

package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"achilles/assessment"
	q "achilles/questionnaire"
	"achilles/ui/words"
)

// emergencyScreen interrupts the questions after a red flag was answered
// yes: what to do and whom to call, before anything else. The person may
// then go on with the questions.
type emergencyScreen struct {
	rep    assessment.Report
	offset int // how far the text is scrolled, on small terminals
}

func (s *emergencyScreen) set(c *common, a q.Answers) {
	r := assessment.Assess(q.Effective(a))
	s.rep = assessment.NewReport(r, c.cat, assessment.Options{Emergency: c.opts.emergency(), Advice: c.opts.Advice, Region: c.opts.Region})
}

// update turns a key into an intent: scrolling is the screen's own; going
// on, or back to the question that raised it, is the root's.
func (s *emergencyScreen) update(c *common, msg tea.KeyPressMsg) intent {
	k := &c.keys
	switch {
	case key.Matches(msg, k.Continue, k.Forward):
		return intent{do: doOnward}
	case key.Matches(msg, k.Back):
		return intent{do: doReconsider}
	case key.Matches(msg, k.Up):
		s.offset--
	case key.Matches(msg, k.Down):
		s.offset++
	}
	return intent{}
}

// step is course mode's one key: on from the emergency screen.
func (s *emergencyScreen) step() intent { return intent{do: doOnward} }

func (s *emergencyScreen) view(c *common, h int) ([]string, []key.Binding) {
	st, w := &c.st, c.width
	r := &s.rep.Result
	banner := assessment.TriageSymbol(r.Triage) + " " + c.cat.F(r.Triage.TitleKey(), "emergency", s.rep.Emergency)
	var flags []string
	for _, f := range r.RedFlags() {
		flags = append(flags, hang(st.g.noCursor+c.cat.T("symbol.bullet")+" ", c.cat.T(f.LabelKey()), w)...)
	}
	var now []string
	for _, item := range s.rep.Actions.Now {
		now = append(now, hang(c.cat.T("symbol.bullet")+" ", item, w)...)
	}
	var lines []string
	for _, l := range wrap(banner, w-2) {
		lines = append(lines, st.bannerFor(r.Triage).Render(l))
	}
	lines = append(lines, "")
	lines = append(lines, styleLines(st.strong, wrap(c.cat.T("ui.emergency.because"), w))...)
	lines = append(lines, flags...)
	lines = append(lines, "")
	lines = append(lines, styleLines(st.strong, wrap(c.cat.T("report.now"), w))...)
	lines = append(lines, now...)
	lines = append(lines, "")
	lines = append(lines, styleLines(st.muted, wrap(c.cat.T("ui.emergency.continue"), w))...)
	k := &c.keys
	bindings := []key.Binding{k.Continue, k.Back, k.Help, k.Emergency, k.Quit}
	if len(lines) > h {
		bindings = append([]key.Binding{k.Scroll}, bindings...)
	}
	return scroll(c, lines, &s.offset, h), bindings
}

// emergencyPanel is the ! panel: the number to call, then the question
// bank's emergency signs grouped by what each alone calls for (an
// ambulance, an emergency department, the same day), as the report would
// say after a "yes". Built from the bank, as accessible mode's panel is,
// it lists a new sign without being told.
func emergencyPanel(c *common, w int) []string {
	st := &c.st
	lines := styleLines(st.emergency, wrap(c.cat.F("ui.panel.call", "emergency", c.opts.emergency()), w))
	if c.opts.Advice != "" {
		lines = append(lines, wrap(c.opts.Advice, w)...)
	}
	signs := words.Signs(c.cat, c.opts.emergency())
	for level := assessment.EmergencyAmbulance; level >= assessment.SameDay; level-- {
		heading := true
		for _, sign := range signs {
			// A sign alone is never less urgent than the same day; one that
			// were would be listed with those.
			if max(sign.Triage, assessment.SameDay) != level {
				continue
			}
			if heading {
				lines = append(lines, "")
				lines = append(lines, styleLines(st.strong, wrap(c.cat.T(panelHeading(level)), w))...)
				heading = false
			}
			lines = append(lines, hang(c.cat.T("symbol.bullet")+" ", c.cat.T(sign.Question.LabelKey()), w)...)
		}
	}
	return lines
}

// panelHeading is the ! panel's heading over the signs that call for level.
func panelHeading(level assessment.Triage) string {
	switch level {
	case assessment.EmergencyAmbulance:
		return "ui.panel.ambulance"
	case assessment.Emergency:
		return "ui.panel.emergency"
	}
	return "ui.panel.same_day"
}

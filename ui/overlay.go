package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	q "achilles/questionnaire"
)

// focusQuestion is the question that "why" and "how" explain.
func (m *Model) focusQuestion() q.Q {
	if m.screen == screenStart {
		return q.Answerer
	}
	if sign, ok := m.checklist.focus(); ok && m.screen == screenChecklist {
		return sign
	}
	return m.question.q
}

// panelWidth is the width of an overlay's text inside its border.
func (m *Model) panelWidth() int { return m.c.width - 4 }

// open shows an overlay, laying its text out for the current size.
func (m *Model) open(o overlay) {
	m.overlay = o
	w := m.panelWidth()
	if o == overlayReport {
		w = m.c.width
	}
	var lines []string
	c := &m.c
	st := &c.st
	title := func(s string, style func([]string) []string) {
		lines = append(lines, style(wrap(s, w))...)
		lines = append(lines, "")
	}
	strong := func(l []string) []string { return styleLines(st.strong, l) }
	switch o {
	case overlayHelp:
		title(c.cat.T("ui.help.title"), strong)
		for _, b := range m.screenBindings() {
			h := b.Help()
			lines = append(lines, hang(st.help.FullKey.Render(padRight(h.Key, 12)), h.Desc, w)...)
		}
		lines = append(lines, "")
		lines = append(lines, wrap(c.cat.T("ui.help.everywhere"), w)...)
		lines = append(lines, "")
		lines = append(lines, styleLines(st.muted, wrap(c.cat.T("ui.help.accessible"), w))...)
	case overlayEmergency:
		title(c.cat.T("ui.panel.title"), func(l []string) []string { return styleLines(st.emergency, l) })
		lines = append(lines, emergencyPanel(c, w)...)
	case overlayWhy:
		fq := m.focusQuestion()
		title(c.cat.T("ui.why.title"), strong)
		lines = append(lines, styleLines(st.muted, wrap(c.cat.T(fq.TextKey(m.answers.Other())), w))...)
		lines = append(lines, "")
		lines = append(lines, wrap(c.cat.T(fq.WhyKey()), w)...)
	case overlayHow:
		fq := m.focusQuestion()
		title(c.cat.T("ui.how.title")+": "+c.cat.T(fq.LabelKey()), strong)
		for _, step := range strings.Split(c.cat.T(fq.HowKey()), "\n") {
			// Steps are numbered in the catalog ("1. …"): hang the text
			// after the number.
			num, rest, ok := strings.Cut(strings.TrimSpace(step), " ")
			if !ok || !strings.HasSuffix(num, ".") {
				num, rest = "", strings.TrimSpace(step)
			}
			lines = append(lines, hang(padRight(num, 3), rest, w)...)
		}
		lines = append(lines, "")
		for _, l := range strings.Split(c.cat.T(fq.DiagramKey()), "\n") {
			lines = append(lines, st.muted.Render(l))
		}
	case overlayQuit:
		title(c.cat.T("ui.quit.title"), strong)
		lines = append(lines, wrap(c.cat.T("ui.quit.body"), w)...)
	case overlayNew:
		title(c.cat.T("ui.new.title"), strong)
		lines = append(lines, wrap(c.cat.T("ui.new.body"), w)...)
	case overlayLog:
		lines = m.logForm.lines(c, w)
	case overlayReport:
		lines = reportLines(c, &m.result.rep, w)
	case overlayNext:
		title(c.cat.T("care.title"), strong)
		lines = append(lines, styleLines(st.emergency, wrap(c.cat.F("ui.next.intro", "emergency", c.opts.emergency()), w))...)
		lines = append(lines, careLines(c, w)...)
	}
	lines = c.st.clip(lines, w, len(lines))
	room := max(1, m.c.height-3-2)
	m.panel.SetWidth(w)
	m.panel.SetHeight(min(len(lines), room))
	m.panel.SetContentLines(lines)
	m.panel.MouseWheelEnabled = true
}

func padRight(s string, n int) string {
	if d := n - width(s); d > 0 {
		return s + strings.Repeat(" ", d)
	}
	return s + " "
}

// overlayKey handles a key while an overlay is open: the overlay turns it
// into an intent, which the root applies.
func (m *Model) overlayKey(msg tea.KeyPressMsg) tea.Cmd {
	switch m.overlay {
	case overlayLog:
		return m.apply(m.logForm.update(&m.c, msg))
	case overlayQuit, overlayNew:
		return m.apply(confirmKey(&m.c.keys, m.overlay, msg))
	}
	return m.apply(panelKey(&m.c.keys, &m.panel, msg))
}

// confirmKey answers "quit?" or "start again?" (o says which).
func confirmKey(k *keyMap, o overlay, msg tea.KeyPressMsg) intent {
	switch {
	case key.Matches(msg, k.Yes), key.Matches(msg, k.ForceQuit) && o == overlayQuit:
		if o == overlayNew {
			return intent{do: doRestart}
		}
		return intent{do: doQuit}
	case key.Matches(msg, k.No), key.Matches(msg, k.Quit):
		return intent{do: doClose}
	}
	return intent{}
}

// panelKey handles a key on an overlay that only informs: it scrolls the
// panel, or asks to close it.
func panelKey(k *keyMap, panel *viewport.Model, msg tea.KeyPressMsg) intent {
	switch {
	case key.Matches(msg, k.ForceQuit):
		return intent{do: doAskQuit}
	case key.Matches(msg, k.Up), key.Matches(msg, k.Down), key.Matches(msg, k.PageUp), key.Matches(msg, k.PageDn) && msg.String() != "space":
		*panel, _ = panel.Update(msg)
	case key.Matches(msg, k.Close):
		return intent{do: doClose}
	}
	return intent{}
}

// overlayView draws the open overlay in a box over the body.
func (m *Model) overlayView(h int) ([]string, []key.Binding) {
	k := &m.c.keys
	var lines []string
	if m.overlay == overlayReport {
		lines = strings.Split(m.panel.View(), "\n")
	} else {
		lines = strings.Split(m.c.st.panel.Width(m.c.width).Render(m.panel.View()), "\n")
	}
	var bindings []key.Binding
	switch m.overlay {
	case overlayLog:
		bindings = []key.Binding{k.Submit, k.Field, k.Cancel}
		if m.logForm.field == 0 {
			// Enter in the athlete field moves on to the team.
			bindings = []key.Binding{k.FieldEnter, k.Cancel}
		}
	case overlayQuit, overlayNew:
		bindings = []key.Binding{k.Yes, k.No}
	default:
		bindings = []key.Binding{k.Close}
		if m.panel.TotalLineCount() > m.panel.Height() {
			bindings = append(bindings, k.Scroll)
		}
	}
	return lines, bindings
}

// screenBindings are the keys of the current screen, for the full help.
func (m *Model) screenBindings() []key.Binding {
	saved := m.overlay
	m.overlay = overlayNone
	defer func() { m.overlay = saved }()
	_, _, b := m.screenView(m.c.height - 3)
	return b
}

package ui

import tea "charm.land/bubbletea/v2"

// noticeMsg carries a notice from outside the questionnaire (Notice).
type noticeMsg struct{ text string }

// Notice is a message for a running program made with New: a line from
// outside the questionnaire, already in the person's language, shown in
// bold at the bottom of every screen, above the keys, from then on. The
// classroom server sends one when it is about to close. An empty text
// takes the notice away.
func Notice(text string) tea.Msg { return noticeMsg{text: text} }

// noticeLines are the notice's lines at the screen's width, or none.
func (m *Model) noticeLines() []string {
	if m.notice == "" {
		return nil
	}
	return styleLines(m.c.st.strong, wrap(m.notice, m.c.width))
}

package ui

import (
	tea "charm.land/bubbletea/v2"

	"achilles/assessment"
)

// savedMsg reports how saving the report went, in words for the status line.
type savedMsg struct {
	text string
	err  bool
	path string             // where it was saved, when it was
	rep  *assessment.Report // what was saved
}

// save saves the report in the background through Options.SaveReport,
// which must not be nil.
func save(opts *Options, rep assessment.Report) tea.Cmd {
	return func() tea.Msg {
		path, err := opts.SaveReport(&rep)
		if err != nil {
			return savedMsg{text: opts.Catalog.F("ui.save_failed", "error", err.Error()), err: true}
		}
		return savedMsg{text: opts.Catalog.F("ui.saved", "path", path), path: path, rep: &rep}
	}
}

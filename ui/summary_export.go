package ui

import (
	"io"

	tea "charm.land/bubbletea/v2"
)

// WriteSummary writes the plain-text report of the last result m showed,
// laid out for m's terminal width, as Run does when the person quits. m is
// the final model of a program started with a model from New; when it is
// not one, or no result was shown, nothing is written. The classroom
// server runs its programs itself and uses this to leave the report in
// each student's scrollback.
func WriteSummary(w io.Writer, m tea.Model) error {
	fm, ok := m.(*Model)
	if !ok {
		return nil
	}
	rep := fm.Summary()
	if rep == nil {
		return nil
	}
	return writeSummary(w, rep, fm.c.width)
}

package ui

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"achilles/assessment"
	"achilles/catalog"
	"achilles/clublog/names"
	"achilles/report"
)

// maxName is the longest athlete's name or team the club log takes, in
// characters.
const maxName = names.Max

// logForm asks for the athlete and the team before the assessment is saved
// to the club log.
type logForm struct {
	athlete, team textinput.Model
	field         int // 0 athlete, 1 team
	err           string
	saving        bool
}

// loggedMsg reports how saving to the club log went.
type loggedMsg struct {
	id  string
	err error
}

// newLogForm is an empty form, in the catalog's words.
func newLogForm(c *common) logForm {
	mk := func(placeholder string) textinput.Model {
		ti := textinput.New()
		ti.Prompt = "> "
		ti.Placeholder = placeholder
		ti.CharLimit = maxName
		ti.SetStyles(c.st.input)
		// ctrl+v would read this computer's clipboard through a helper
		// program; the terminal's own paste arrives as a paste message.
		ti.KeyMap.Paste.SetEnabled(false)
		return ti
	}
	return logForm{athlete: mk(c.cat.T("ui.log.athlete_placeholder")), team: mk(c.cat.T("ui.log.team_placeholder"))}
}

// update turns a key into an intent while the form is open: typing and
// moving between the fields are the form's own; closing it, saving and
// quitting are the root's, which lays the form out again after each key.
func (f *logForm) update(c *common, msg tea.KeyPressMsg) intent {
	if key.Matches(msg, c.keys.ForceQuit) {
		// Even while a save waits on a locked log: the person can always
		// leave. The result is on screen, so nothing is lost by quitting.
		return intent{do: doAskQuit}
	}
	if f.saving {
		return intent{}
	}
	var cmd tea.Cmd
	switch {
	case msg.String() == "esc":
		return intent{do: doClose}
	case msg.String() == "tab", msg.String() == "shift+tab", msg.String() == "up", msg.String() == "down":
		cmd = f.focus(1 - f.field)
	case msg.String() == "enter":
		if f.field == 0 && f.validate(c.cat) == nil {
			cmd = f.focus(1)
			break
		}
		if field := f.validate(c.cat); field != nil {
			cmd = f.focus(*field)
			break
		}
		f.saving = true
		return intent{do: doSaveLog}
	default:
		f.err = ""
		cmd = f.input(msg)
	}
	return intent{do: doRedraw, cmd: cmd}
}

// paste passes a message other than a key (a paste) to the field being
// typed in.
func (f *logForm) paste(msg tea.Msg) intent {
	cmd := f.input(msg)
	f.err = ""
	return intent{do: doRedraw, cmd: cmd}
}

// input passes msg to the field being typed in.
func (f *logForm) input(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	if f.field == 0 {
		f.athlete, cmd = f.athlete.Update(msg)
	} else {
		f.team, cmd = f.team.Update(msg)
	}
	return cmd
}

// names are the athlete and the team as typed, without the spaces around.
func (f *logForm) names() (athlete, team string) {
	return strings.TrimSpace(f.athlete.Value()), strings.TrimSpace(f.team.Value())
}

// focus moves the cursor to field i.
func (f *logForm) focus(i int) tea.Cmd {
	f.field = i
	if i == 0 {
		f.team.Blur()
		return f.athlete.Focus()
	}
	f.athlete.Blur()
	return f.team.Focus()
}

// validate checks both fields, sets the message, and returns the field at
// fault, or nil.
func (f *logForm) validate(cat *catalog.Catalog) *int {
	bad := func(i int, msg string) *int {
		f.err = msg
		return &i
	}
	athlete, team := f.names()
	if err := names.ValidateAthlete(athlete); err != nil {
		return bad(0, nameProblem(cat, "ui.log.athlete", err))
	}
	if err := names.ValidateTeam(team); err != nil {
		return bad(1, nameProblem(cat, "ui.log.team", err))
	}
	f.err = ""
	return nil
}

// nameProblem says in the catalog's words what the club log's name rule
// (package names) found wrong with the field named by fieldKey.
func nameProblem(cat *catalog.Catalog, fieldKey string, err error) string {
	var ne *names.Error
	if !errors.As(err, &ne) {
		return err.Error()
	}
	switch ne.Problem {
	case names.Empty:
		return cat.T("ui.log.athlete_required")
	case names.TooLong:
		return cat.F("ui.log.too_long", "field", cat.T(fieldKey), "max", itoa(names.Max))
	}
	// What is typed or pasted is UTF-8, so the name holds a refused
	// character; U+FFFD stands for anything else.
	char := utf8.RuneError
	if ne.Problem == names.Refused {
		char = ne.Char
	}
	return cat.F("ui.log.control", "field", cat.T(fieldKey), "char", fmt.Sprintf("%U", char))
}

// saveToLog saves the shown assessment in the background.
func (m *Model) saveToLog(athlete, team string) tea.Cmd {
	save, rep := m.c.opts.SaveToLog, m.result.rep
	return func() tea.Msg {
		id, err := save(athlete, team, &rep)
		return loggedMsg{id: id, err: err}
	}
}

// logged shows the record's ID, or keeps the form open with the error.
func (m *Model) logged(msg loggedMsg) {
	f := &m.logForm
	f.saving = false
	if msg.err != nil {
		f.err = m.c.cat.F("ui.log.failed", "error", msg.err.Error())
		if m.overlay == overlayLog {
			m.open(overlayLog)
		}
		return
	}
	if m.overlay == overlayLog {
		m.overlay = overlayNone
	}
	saved := "ui.log.saved"
	if m.demo.on {
		saved = "ui.log.saved_practice" // a course case is saved as practice
	}
	m.result.saved(savedMsg{text: m.c.cat.F(saved, "id", msg.id, "athlete", strings.TrimSpace(f.athlete.Value()))})
	m.result.logged = msg.id
}

// lines are the form's text for the overlay, w cells wide.
func (f *logForm) lines(c *common, w int) []string {
	st, cat := &c.st, c.cat
	f.athlete.SetWidth(max(10, w-3))
	f.team.SetWidth(max(10, w-3))
	// On a small terminal the blank lines go, so that both fields and
	// the message fit without scrolling.
	var blank []string
	if c.height >= 20 {
		blank = []string{""}
	}
	lines := styleLines(st.strong, wrap(cat.T("ui.log.title"), w))
	lines = append(lines, blank...)
	lines = append(lines, wrap(cat.T("ui.log.athlete_label"), w)...)
	lines = append(lines, f.athlete.View())
	lines = append(lines, blank...)
	lines = append(lines, wrap(cat.T("ui.log.team_label"), w)...)
	lines = append(lines, f.team.View())
	lines = append(lines, blank...)
	switch {
	case f.err != "":
		lines = append(lines, styleLines(st.err, wrap(f.err, w))...)
	case f.saving:
		lines = append(lines, styleLines(st.status, wrap(cat.T("ui.log.saving"), w))...)
	default:
		lines = append(lines, styleLines(st.muted, wrap(cat.T("ui.log.private"), w))...)
	}
	return lines
}

// reportLines is the plain report shown to copy where nothing may be saved
// (a student's session on the classroom server), w cells wide.
func reportLines(c *common, rep *assessment.Report, w int) []string {
	st, cat := &c.st, c.cat
	lines := styleLines(st.strong, wrap(cat.T("ui.report.title"), w))
	if c.height >= 20 {
		lines = append(lines, styleLines(st.muted, wrap(cat.T("ui.report.how"), w))...)
	}
	lines = append(lines, "")
	text := report.Text(rep, report.TextOptions{Width: max(20, w)})
	lines = append(lines, strings.Split(strings.TrimRight(text, "\n"), "\n")...)
	return lines
}

package ui

import (
	"io"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"achilles/catalog"
)

// testOptions are the options of a session in tests: English, a fixed
// clock, reports saved in a temporary folder.
func testOptions(t testing.TB) Options {
	return Options{
		Catalog:    catalog.MustLoad("en"),
		SaveReport: savingIn(t.TempDir()),
	}
}

// newTestModel is a model sized w×h.
func newTestModel(t testing.TB, w, h int, opts Options) *Model {
	m := New(opts)
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return m
}

// keyMsg makes the key press a terminal would send for a key name such as
// "enter", "esc", "shift+tab", "ctrl+c", "space", "up" or a single
// character.
func keyMsg(name string) tea.KeyPressMsg {
	switch name {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	case "pgup":
		return tea.KeyPressMsg{Code: tea.KeyPgUp}
	case "home":
		return tea.KeyPressMsg{Code: tea.KeyHome}
	case "end":
		return tea.KeyPressMsg{Code: tea.KeyEnd}
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	case "ctrl+u":
		return tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl}
	}
	r := []rune(name)
	if len(r) != 1 {
		panic("keyMsg: unknown key " + name)
	}
	return tea.KeyPressMsg{Code: r[0], Text: name}
}

// press sends keys one by one, running any command that comes back at once
// (saving a report) and feeding its message back, as the program would.
func press(m *Model, keys ...string) (quit bool) {
	for _, k := range keys {
		_, cmd := m.Update(keyMsg(k))
		quit = quit || run(m, cmd)
	}
	return quit
}

// run runs a command and feeds its message to the model; it reports
// whether the command was tea.Quit.
func run(m *Model, cmd tea.Cmd) bool {
	if cmd == nil {
		return false
	}
	msg := cmd()
	if _, ok := msg.(tea.QuitMsg); ok {
		return true
	}
	if msg != nil {
		_, next := m.Update(msg)
		return run(m, next)
	}
	return false
}

// screenText is the view without escape codes.
func screenText(m *Model) string { return ansi.Strip(m.View().Content) }

// mustContain fails unless the screen shows every one of want.
func mustContain(t testing.TB, m *Model, want ...string) {
	t.Helper()
	got := screenText(m)
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Fatalf("screen does not show %q:\n%s", w, got)
		}
	}
}

// stripped is s without escape codes.
func stripped(s string) string { return ansi.Strip(s) }

// ioPipe is an input that waits until closed, like a terminal nobody
// types on.
func ioPipe() (*io.PipeReader, *io.PipeWriter) { return io.Pipe() }

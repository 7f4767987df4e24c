package ui

import (
	"errors"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"achilles/assessment"
	"achilles/cases"
	q "achilles/questionnaire"
)

// fuzzKeys are the keys a fuzzed session presses, one byte each.
var fuzzKeys = []string{
	"enter", "space", "esc", "shift+tab", "tab", "up", "down", "left", "right", "pgup", "pgdown", "home", "end",
	"backspace", "ctrl+u", "ctrl+c",
	"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "A", "é", "界",
	"q", "y", "n", "?", "!", "w", "t", "s", "r", "d", "g", "G", "h", "j", "k", "l", "x", "b", "f",
}

// FuzzUpdate feeds random keys and terminal sizes to the questionnaire.
// Whatever is pressed: nothing panics, only valid answers are stored, and
// no line drawn is wider than the terminal or below its last line.
func FuzzUpdate(f *testing.F) {
	f.Add([]byte{0, 17, 18, 18, 18, 18, 18, 18, 18, 17, 17, 17})
	f.Add([]byte{255, 39, 11, 0, 17, 255, 200, 50, 20})
	f.Add([]byte("\x11\x12\x12\x12\x12\x12\x12\x12\x11\x11\x11\x11\x11\x11\x11\x11\x11\x11\x11\x11\x11\x11\x11\x00\x00\x00\x00\x00\x00\x00\x00\x24\x0c"))
	f.Fuzz(func(t *testing.T, script []byte) {
		opts := testOptions(t)
		// The first byte picks the kind of session: teaching, a course
		// case, a club log, a student's on the class server.
		mode := byte(0)
		if len(script) > 0 {
			mode = script[0]
		}
		opts.Teach = mode%2 == 1
		if mode%3 == 1 {
			opts.Case = cases.IDs()[int(mode/3)%len(cases.IDs())]
		}
		switch mode % 5 {
		case 1:
			opts.SaveToLog = func(string, string, *assessment.Report) (string, error) { return "1", nil }
		case 2:
			opts.SaveToLog = func(string, string, *assessment.Report) (string, error) { return "", errors.New("locked") }
		case 3:
			opts.SaveReport = nil
		}
		m := newTestModel(t, 80, 24, opts)
		w, h := 80, 24
		for i := 0; i < len(script); i++ {
			b := script[i]
			if b >= 250 && i+2 < len(script) {
				// A resize, to any size from 1×1 up.
				w, h = int(script[i+1])%220+1, int(script[i+2])%70+1
				m.Update(tea.WindowSizeMsg{Width: w, Height: h})
				i += 2
			} else if b >= 240 {
				m.Update(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
			} else {
				if press(m, fuzzKeys[int(b)%len(fuzzKeys)]) {
					return
				}
			}
			checkAnswers(t, m.Answers())
			view := m.View().Content
			lines := strings.Split(view, "\n")
			if len(lines) > h {
				t.Fatalf("after %v: %d lines on a terminal %d high", script[:i+1], len(lines), h)
			}
			for n, l := range lines {
				if lw := ansi.StringWidth(l); lw > w {
					t.Fatalf("after %v: line %d is %d cells on a terminal %d wide: %q", script[:i+1], n+1, lw, w, ansi.Strip(l))
				}
			}
		}
	})
}

// checkAnswers fails unless every stored answer is one the question allows.
func checkAnswers(t *testing.T, a q.Answers) {
	t.Helper()
	for question := q.Q(0); question < q.Count; question++ {
		v, ok := a.Value(question)
		if !ok {
			continue
		}
		var fresh q.Answers
		if err := fresh.Set(question, v); err != nil {
			t.Fatalf("stored answer %s=%q is not valid: %v", question.ID(), v, err)
		}
	}
}

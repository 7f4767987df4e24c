package ui

import (
	"errors"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"achilles/assessment"
)

type logCall struct {
	athlete, team string
	rep           *assessment.Report
}

// logModel is a model on the result screen with a club log that records
// what it is given.
func logModel(t *testing.T, fail error) (*Model, *[]logCall) {
	t.Helper()
	var calls []logCall
	opts := testOptions(t)
	opts.SaveToLog = func(athlete, team string, rep *assessment.Report) (string, error) {
		calls = append(calls, logCall{athlete, team, rep})
		if fail != nil {
			return "", fail
		}
		return "7", nil
	}
	m := newTestModel(t, 80, 24, opts)
	m.answers = classic(t)
	m.goResult()
	return m, &calls
}

func typeText(m *Model, s string) {
	for _, r := range s {
		m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

func TestLogFormSaves(t *testing.T) {
	m, calls := logModel(t, nil)
	mustContain(t, m, "l club log")
	press(m, "l")
	if m.overlay != overlayLog {
		t.Fatalf("l did not open the form")
	}
	mustContain(t, m, "Save to the club log", "Athlete (required):", "Team (optional):")
	// In the athlete field, the help bar says that enter moves on.
	if bar := helpBarText(m); !strings.Contains(bar, "enter next field") || strings.Contains(bar, "enter save") {
		t.Errorf("in the athlete field the help bar reads %q, want enter next field", bar)
	}
	// Letters that are keys elsewhere are typed into the field.
	typeText(m, "q?!J.S.")
	press(m, "enter")
	if m.logForm.field != 1 || m.overlay != overlayLog {
		t.Fatalf("enter on the athlete did not move to the team")
	}
	if bar := helpBarText(m); !strings.Contains(bar, "enter save") {
		t.Errorf("in the team field the help bar reads %q, want enter save", bar)
	}
	typeText(m, "Under-16s")
	press(m, "enter")
	if len(*calls) != 1 {
		t.Fatalf("SaveToLog called %d times", len(*calls))
	}
	c := (*calls)[0]
	if c.athlete != "q?!J.S." || c.team != "Under-16s" || c.rep.Band != m.result.rep.Band {
		t.Errorf("saved %q %q, want the typed athlete and team with the shown report", c.athlete, c.team)
	}
	if m.overlay != overlayNone {
		t.Errorf("the form stayed open after saving")
	}
	mustContain(t, m, "Saved to the club log as record 7 (q?!J.S.).")

	// A second l does not save it twice: it says where it is.
	press(m, "l")
	if m.overlay != overlayNone || len(*calls) != 1 {
		t.Fatalf("a second l opened the form again or saved again (%d saves)", len(*calls))
	}
	mustContain(t, m, "Already saved to the club log as record 7.")
}

// helpBarText is the help bar, the view's last line, without escape codes.
func helpBarText(m *Model) string {
	lines := strings.Split(screenText(m), "\n")
	return lines[len(lines)-1]
}

func TestLogFormValidation(t *testing.T) {
	m, calls := logModel(t, nil)
	press(m, "l", "tab")
	typeText(m, "Seniors")
	press(m, "enter")
	if len(*calls) != 0 {
		t.Fatalf("saved without an athlete")
	}
	if m.logForm.field != 0 {
		t.Errorf("the cursor did not go back to the athlete")
	}
	mustContain(t, m, "The athlete's name or initials are needed")
	typeText(m, "   ")
	press(m, "enter")
	if len(*calls) != 0 {
		t.Fatalf("saved a blank athlete")
	}
	typeText(m, strings.Repeat("x", 130))
	if got := len([]rune(m.logForm.athlete.Value())); got != maxName {
		t.Errorf("the athlete field holds %d characters, want at most %d", got, maxName)
	}
	// esc cancels without saving.
	press(m, "esc")
	if m.overlay != overlayNone || len(*calls) != 0 {
		t.Errorf("esc did not cancel the form")
	}
}

func TestLogFormFailure(t *testing.T) {
	m, calls := logModel(t, errors.New("the club log is not an achilles log"))
	press(m, "l")
	typeText(m, "AB")
	press(m, "enter", "enter")
	if len(*calls) != 1 {
		t.Fatalf("SaveToLog called %d times", len(*calls))
	}
	if m.overlay != overlayLog {
		t.Fatalf("the form closed although saving failed")
	}
	mustContain(t, m, "Could not save to the club log: the club log is not an achilles log")
	if m.logForm.athlete.Value() != "AB" {
		t.Errorf("the typed athlete was lost after a failure")
	}
}

// Without a club log the key does nothing and is not offered.
func TestNoLog(t *testing.T) {
	m := newTestModel(t, 80, 24, testOptions(t))
	m.answers = classic(t)
	m.goResult()
	press(m, "l")
	if m.overlay != overlayNone || strings.Contains(screenText(m), "club log") {
		t.Errorf("l works without a club log:\n%s", screenText(m))
	}
}

// Where nothing may be saved (the class server), s and l show the report
// to copy and write nothing.
func TestServedShowsReport(t *testing.T) {
	for _, k := range []string{"s", "l"} {
		opts := testOptions(t)
		opts.SaveReport, opts.SaveToLog = nil, nil
		m := newTestModel(t, 80, 24, opts)
		m.answers = classic(t)
		m.goResult()
		mustContain(t, m, "s show report")
		press(m, k)
		if m.overlay != overlayReport {
			t.Fatalf("%s did not show the report", k)
		}
		mustContain(t, m, "Nothing is saved on the class server", "ACHILLES TENDON RUPTURE")
		if v := m.View(); v.MouseMode != tea.MouseModeNone {
			t.Errorf("the report to copy captures the mouse")
		}
		for i, l := range strings.Split(screenText(m), "\n")[2:6] {
			if strings.HasPrefix(l, "│") {
				t.Errorf("line %d of the report to copy has a border: %q", i+3, l)
			}
		}
		press(m, "pgdown", "esc")
		if m.overlay != overlayNone {
			t.Errorf("esc did not close the report")
		}
	}
}

// A save waiting on a locked log does not hold the person: ctrl+c still
// quits.
func TestLogFormQuitWhileSaving(t *testing.T) {
	m, _ := logModel(t, nil)
	press(m, "l")
	typeText(m, "AB")
	press(m, "enter")
	_, cmd := m.Update(keyMsg("enter")) // the save starts; its command is left running
	if cmd == nil || !m.logForm.saving {
		t.Fatalf("enter on the team did not start saving")
	}
	_, cmd = m.Update(keyMsg("ctrl+c"))
	if cmd == nil {
		t.Fatal("ctrl+c while saving did nothing")
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Errorf("ctrl+c while saving on the result screen did not quit")
	}
}

// Text-direction overrides, line separators and invisible characters,
// which the club log refuses, are refused by the form in its own words,
// naming the character.
func TestLogFormRefusesUnprintable(t *testing.T) {
	for _, tc := range []struct{ athlete, team, want string }{
		{"Bob\u202Eevil", "", "The athlete cannot contain the character U+202E"},
		{"Bob\u200B", "", "The athlete cannot contain the character U+200B"},
		{"Bob", "U16\U000E0041", "The team cannot contain the character U+E0041"},
	} {
		m, calls := logModel(t, nil)
		press(m, "l")
		m.Update(tea.PasteMsg{Content: tc.athlete})
		press(m, "enter")
		if tc.team != "" {
			m.Update(tea.PasteMsg{Content: tc.team})
			press(m, "enter")
		}
		if len(*calls) != 0 {
			t.Fatalf("saved %+q, %+q", tc.athlete, tc.team)
		}
		mustContain(t, m, tc.want)
	}
}

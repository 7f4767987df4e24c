package ui

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	q "achilles/questionnaire"
)

// left is what the terminal keeps after the questionnaire m ran has ended.
func left(t *testing.T, m *Model) string {
	t.Helper()
	var b bytes.Buffer
	if err := WriteSummary(&b, m); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// lastLines are the last n lines of s.
func lastLines(s string, n int) []string {
	lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	return lines[max(0, len(lines)-n):]
}

// The summary ends with the recap; the saved report's path is its third
// line when this report was saved, and only then.
func TestFarewellRecapNamesTheSavedReport(t *testing.T) {
	opts, dir := testOptions(t), t.TempDir()
	opts.SaveReport = savingIn(dir)
	m := newTestModel(t, 80, 24, withAnswers(opts, classic(t)))
	forwardToResult(t, m)
	recap := []string{"Urgency: [!] TODAY. Get seen in person today", "Estimate: >99% chance of a complete rupture (very likely)"}
	if got := lastLines(left(t, m), 3); got[0] != "" || got[1] != recap[0] || got[2] != recap[1] {
		t.Errorf("unsaved, the summary does not end with the two-line recap %q; ends:\n%s", recap, strings.Join(got, "\n"))
	}

	press(m, "s")
	path := filepath.Join(dir, "achilles-report-20261122-1405.md")
	if got := lastLines(left(t, m), 3); got[0] != recap[0] || got[1] != recap[1] || got[2] != "Report saved: "+path {
		t.Errorf("saved, the recap does not end with the report's path %s:\n%s", path, strings.Join(got, "\n"))
	}

	// The last answer changed from the review: another result, not saved.
	press(m, "r", "up", "enter")
	if where(t, m) != onQuestion(q.PriorRupture) {
		t.Fatalf("enter on the review's last row does not change the last answer:\n%s", screenText(m))
	}
	press(m, "1")
	wantWhere(t, m, onReview, "an answer changed from the review")
	press(m, "d")
	wantWhere(t, m, onResult, "d on the review")
	if got := left(t, m); strings.Contains(got, "Report saved") {
		t.Errorf("the recap names a saved report for answers that were not saved:\n%s", got)
	}
}

// Quitting after an emergency sign answered yes, before any result, leaves
// the emergency in the terminal: the banner with the number, the sign, and
// that the questionnaire was not finished.
func TestFarewellAfterAnEmergency(t *testing.T) {
	var a q.Answers
	for _, kv := range []string{"answerer=self", "chest_symptoms=yes"} {
		if err := a.ParseAssignment(kv); err != nil {
			t.Fatal(err)
		}
	}
	opts := withAnswers(testOptions(t), a)
	opts.Emergency = "999"
	m := newTestModel(t, 80, 24, opts)
	press(m, "q", "y")
	got := left(t, m)
	want := "[!!!] Call an ambulance now: 999\n" +
		"Emergency signs: Chest pain, breathlessness, coughing blood, racing heart,\nfainting or collapse\n" +
		"Not finished: the questions were left before the result, so there is no estimate\nand no report.\n" +
		"In an emergency, call 999 now.\n"
	if got != want {
		t.Errorf("quitting after an emergency sign leaves\n%s\nwant\n%s", got, want)
	}
}

// Quitting at the very start leaves the emergency number alone: nothing
// was begun, so nothing is "not finished".
func TestFarewellAtTheStart(t *testing.T) {
	opts := testOptions(t)
	opts.Emergency = "112"
	m := newTestModel(t, 80, 24, opts)
	if !press(m, "q") {
		t.Fatal("q on the start screen did not quit")
	}
	if got, want := left(t, m), "In an emergency, call 112 now.\n"; got != want {
		t.Errorf("quitting at the start leaves %q, want %q", got, want)
	}
}

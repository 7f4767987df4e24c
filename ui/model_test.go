package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	q "achilles/questionnaire"
)

// toQuestion answers the start screen and the emergency checklist with
// "None of these", leaving the model on the first question after them.
func toQuestion(t *testing.T, m *Model) {
	t.Helper()
	press(m, "1", "0", "enter")
	wantWhere(t, m, onQuestion(q.TimeSince), "after the emergency check")
}

func TestStartScreen(t *testing.T) {
	m := newTestModel(t, 80, 24, testOptions(t))
	mustContain(t, m, "Could it be a ruptured Achilles tendon?", "not a diagnosis",
		"In an emergency, call your local emergency number (999, 112, 911…) now.", "Who is answering these questions?")
	press(m, "down")
	if n := cursorOn(t, m); n != 2 {
		t.Fatalf("down: cursor on choice %d, want 2", n)
	}
	press(m, "k")
	if n := cursorOn(t, m); n != 1 {
		t.Fatalf("k: cursor on choice %d, want 1", n)
	}
	press(m, "j", "enter")
	if a := m.Answers(); !a.Is(q.Answerer, "other") || where(t, m) != onChecklist {
		t.Fatalf("enter on the second choice: answerer %v, on the %s screen", a.Other(), where(t, m))
	}
	// The helper is asked about "them".
	mustContain(t, m, "Do they have any of these now?", "Emergency check", "Chest pain, breathlessness")
}

func TestStartOptionsWithEmergencyNumber(t *testing.T) {
	opts := testOptions(t)
	opts.Emergency = "999"
	m := newTestModel(t, 80, 24, opts)
	mustContain(t, m, "In an emergency, call 999 now.")
	press(m, "!")
	mustContain(t, m, "Emergency signs", "call 999")
}

func TestChoiceKeys(t *testing.T) {
	m := newTestModel(t, 80, 24, testOptions(t))
	toQuestion(t, m)
	press(m, "9") // time_since has 4 choices: ignored
	if a := m.Answers(); a.Has(q.TimeSince) || where(t, m) != onQuestion(q.TimeSince) {
		t.Fatal("a number beyond the choices answered the question")
	}
	press(m, "down", "down", "space")
	if v, _ := answersOf(m).Value(q.TimeSince); v != "2_4w" {
		t.Fatalf("space on the third choice stored %q, want 2_4w", v)
	}
	wantWhere(t, m, onQuestion(q.Onset), "after answering")
	press(m, "2")
	if v, _ := answersOf(m).Value(q.Onset); v != "gradual" {
		t.Fatalf("2 stored %q, want gradual", v)
	}
}

func TestBackKeepsAnswers(t *testing.T) {
	for _, back := range []string{"esc", "shift+tab", "left", "h"} {
		t.Run(back, func(t *testing.T) {
			m := newTestModel(t, 80, 24, testOptions(t))
			toQuestion(t, m)
			press(m, "3", "1") // time_since 2_4w, onset sudden
			press(m, back)
			wantWhere(t, m, onQuestion(q.Onset), back)
			mustContain(t, m, "Suddenly, during an activity (your answer)")
			if n := cursorOn(t, m); n != 1 {
				t.Fatalf("cursor on choice %d, want it on the answer given (1)", n)
			}
			press(m, back)
			mustContain(t, m, "2 to 4 weeks ago (your answer)")
			// Forward keeps the answer without choosing again.
			press(m, "right", "tab")
			wantWhere(t, m, onQuestion(q.Tiptoe), "forward twice")
			if v, _ := answersOf(m).Value(q.TimeSince); v != "2_4w" {
				t.Fatalf("time_since %q after going back and forward, want 2_4w", v)
			}
			// Forward on an unanswered question does nothing.
			press(m, "right")
			wantWhere(t, m, onQuestion(q.Tiptoe), "forward on an unanswered question")
		})
	}
}

func TestBackToStart(t *testing.T) {
	m := newTestModel(t, 80, 24, testOptions(t))
	press(m, "2", "esc")
	if got := where(t, m); got != onStart || cursorOn(t, m) != 2 {
		t.Fatalf("back from the first question: on the %s screen, want the start screen on choice 2:\n%s", got, screenText(m))
	}
	mustContain(t, m, "I am helping the injured person (your answer)")
}

func TestGradualOnsetSkipsTheEvent(t *testing.T) {
	m := newTestModel(t, 80, 24, testOptions(t))
	toQuestion(t, m)
	press(m, "1", "2") // lt_24h, gradual
	wantWhere(t, m, onQuestion(q.Tiptoe), "after a gradual onset")
	mustContain(t, m, "question 11 of 30")
	press(m, "3", "1", "3", "1") // tiptoe not tried, self, not done, left
	// What the foot was doing, the pop and the kick are not asked.
	wantWhere(t, m, onQuestion(q.PainSite), "after the side, with a gradual onset")
	mustContain(t, m, "Symptoms", "question 15 of 30")
	press(m, "esc")
	wantWhere(t, m, onQuestion(q.Side), "back from pain_site")
}

func TestNobodyCanExamineSkipsTheTests(t *testing.T) {
	a := classic(t)
	a.Clear(q.Examiner)
	m := newTestModel(t, 80, 24, withAnswers(testOptions(t), a))
	forwardTo(t, m, q.Examiner)
	mustContain(t, m, "4  Nobody can examine now (skip tests)")
	press(m, "4")
	if a := m.Answers(); !a.Is(q.Examiner, "nobody") {
		t.Fatal("nobody can examine: the examiner answer is not nobody")
	}
	// Every other answer is given: the triage is settled; go on.
	wantWhere(t, m, onSettled, "after nobody can examine")
	press(m, "2")
	wantWhere(t, m, onQuestion(q.Side), "after nobody can examine")
	// The tests' earlier answers are kept but do not count.
	if a := m.Answers(); !a.Has(q.Thompson) {
		t.Fatal("the Thompson answer was thrown away")
	}
	press(m, "esc")
	mustContain(t, m, "Nobody can examine now (skip tests) (your answer)")
	press(m, "2") // a trainer after all
	if got, a := where(t, m), m.Answers(); !a.Is(q.Examiner, "trainer") || got != onQuestion(q.Thompson) {
		t.Fatalf("choosing a trainer: examiner %s, on the %s screen, want thompson", a.Examiner(), got)
	}
}

func TestNumberQuestion(t *testing.T) {
	a := classic(t)
	a.Clear(q.PainNow)
	a.Clear(q.Age)
	m := newTestModel(t, 80, 24, withAnswers(testOptions(t), a))
	forwardTo(t, m, q.PainNow)
	mustContain(t, m, "How bad is your pain now", "out of 10")
	refused := "Please type a whole number from 0 to 10"
	press(m, "x", "1", "2")
	if got := typed(t, m); got != "12" || strings.Contains(screenText(m), refused) {
		t.Fatalf("typed x12: the field holds %q, or says it is refused:\n%s", got, screenText(m))
	}
	press(m, "enter")
	if answersOf(m).Has(q.PainNow) || where(t, m) != onQuestion(q.PainNow) {
		t.Fatal("12 out of 10 was accepted")
	}
	mustContain(t, m, refused)
	press(m, "3")
	mustContain(t, m, refused) // too long
	press(m, "backspace", "enter")
	wantWhere(t, m, onSettled, "the last answer but age given") // the triage is settled; go on
	press(m, "2")
	if n, ok := answersOf(m).Number(q.PainNow); !ok || n != 1 || where(t, m) != onQuestion(q.Swelling) {
		t.Fatalf("1 enter: pain %d %v, on the %s screen", n, ok, where(t, m))
	}
	// Back shows the number; clearing it and enter leaves it unanswered.
	press(m, "esc")
	if got := typed(t, m); got != "1" {
		t.Fatalf("back to pain: the field holds %q, want 1", got)
	}
	press(m, "ctrl+u", "enter")
	if answersOf(m).Has(q.PainNow) || where(t, m) != onQuestion(q.Swelling) {
		t.Fatal("an empty field did not skip the question")
	}
	forwardTo(t, m, q.Age)
	press(m, "0", "enter")
	if answersOf(m).Has(q.Age) {
		t.Fatal("age 0 was accepted")
	}
	mustContain(t, m, "from 1 to 120")
	press(m, "backspace", "4", "2", "enter")
	if n, _ := answersOf(m).Number(q.Age); n != 42 {
		t.Fatalf("age %d, want 42", n)
	}
}

func TestEmergencyInterrupts(t *testing.T) {
	m := newTestModel(t, 80, 24, testOptions(t))
	press(m, "1", "2", "enter") // open wound ticked
	wantWhere(t, m, onEmergency, "a red flag yes")
	mustContain(t, m, "[!!] Go to an emergency department now", "Wound over the back of the ankle or heel", "Cover the wound")
	press(m, "esc")
	wantWhere(t, m, onChecklist, "esc on the emergency screen")
	if signs, _ := ticked(t, m); len(signs) != 1 || signs[0] != q.OpenWound {
		t.Fatalf("back on the checklist, ticked %v, want the open wound", signs)
	}
	press(m, "enter")
	wantWhere(t, m, onEmergency, "yes again")
	press(m, "enter")
	wantWhere(t, m, onQuestion(q.TimeSince), "continue")
	a := m.Answers()
	if !a.Is(q.OpenWound, "yes") {
		t.Fatal("the red flag answer was lost")
	}
	for _, f := range checklistOrder() {
		if f != q.OpenWound && !a.Is(f, "no") {
			t.Errorf("%s not answered no beside the one sign ticked", f.ID())
		}
	}
}

func TestChestSymptomsCallAnAmbulance(t *testing.T) {
	opts := testOptions(t)
	opts.Emergency = "112"
	m := newTestModel(t, 80, 24, opts)
	press(m, "1", "1", "enter")
	mustContain(t, m, "[!!!] Call an ambulance now: 112", "Call 112 now")
}

func TestReview(t *testing.T) {
	m := newTestModel(t, 80, 24, withAnswers(testOptions(t), classic(t)))
	forwardTo(t, m, q.PriorRupture)
	press(m, "2")
	wantWhere(t, m, onReview, "after the last question")
	if row := reviewOn(t, m); row != q.Count {
		t.Fatalf("the review opens on %s, want show the result", row.ID())
	}
	mustContain(t, m, "Review", "Show the result", "Achilles rupture before", "No")
	// Change the side: go to its row, change it, come back.
	press(m, "home")
	for i := 0; reviewOn(t, m) != q.Side; i++ {
		if i > int(q.Count) {
			t.Fatalf("down does not reach the side row:\n%s", screenText(m))
		}
		press(m, "down")
	}
	press(m, "enter")
	wantWhere(t, m, onQuestion(q.Side), "enter on a review row")
	// Opened from the review, answering it returns there.
	press(m, "2")
	if got := where(t, m); got != onReview || reviewOn(t, m) != q.Side {
		t.Fatalf("after changing: on the %s screen, want the review on the side row:\n%s", got, screenText(m))
	}
	if v, _ := answersOf(m).Value(q.Side); v != "right" {
		t.Fatalf("side %q, want right", v)
	}
	mustContain(t, m, "Right")
	// esc from a question opened from the review comes back too.
	press(m, "enter", "esc")
	wantWhere(t, m, onReview, "esc from a question changed from the review")
	press(m, "end", "enter")
	wantWhere(t, m, onResult, "enter on Show the result")
	press(m, "r", "d")
	wantWhere(t, m, onResult, "r then d")
	press(m, "esc")
	wantWhere(t, m, onReview, "esc on the result")
	press(m, "esc")
	wantWhere(t, m, onQuestion(q.PriorRupture), "esc on the review")
}

func TestResult(t *testing.T) {
	m := newTestModel(t, 80, 24, withAnswers(testOptions(t), classic(t)))
	forwardToResult(t, m)
	// Urgency first: the banner and what to do now are on the first page;
	// the estimate follows where to go.
	mustContain(t, m, "[!] TODAY", "Get seen in person today", "What to do now", "Stop the activity now",
		"Where to go, and how fast", "s save")
	first := screenText(m)
	press(m, "pgdown")
	if screenText(m) == first {
		t.Fatal("page down did not scroll the result")
	}
	press(m, "g")
	top := screenText(m)
	m.Update(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	if screenText(m) == top {
		t.Fatal("the mouse wheel did not scroll")
	}
	press(m, "G")
	mustContain(t, m, "Disclaimer", "100% read")
	press(m, "g")
	mustContain(t, m, "0% read")
	// Everything the result promises is somewhere in it.
	all := resultText(t, m)
	for _, want := range []string{"What to do now", "Where to go, and how fast", "What to tell the clinician",
		"chance of a complete rupture (very likely)", "Plausible range", "AAOS signs: 4 of 4 positive",
		"What moved the estimate", "Calf squeeze test (Thompson): Did not point", "published, Maffulli 1998",
		"Other conditions to consider", "Keep in mind", "does not rule a rupture out", "Disclaimer"} {
		if !strings.Contains(strings.Join(strings.Fields(stripped(all)), " "), want) {
			t.Errorf("the result lacks %q", want)
		}
	}
	if m.Summary() == nil {
		t.Fatal("a result was shown but there is no summary")
	}
	if !press(m, "q") {
		t.Fatal("q on the result screen did not quit at once")
	}
}

func TestSaveReport(t *testing.T) {
	opts, dir := testOptions(t), t.TempDir()
	opts.SaveReport = savingIn(dir)
	m := newTestModel(t, 80, 24, withAnswers(opts, classic(t)))
	forwardToResult(t, m)
	press(m, "s")
	path := filepath.Join(dir, "achilles-report-20261122-1405.md")
	mustContain(t, m, "Report saved to", "achilles-report-20261122-1405.md")
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("report mode %v, want 0600", info.Mode().Perm())
	}
	data, _ := os.ReadFile(path)
	if !strings.HasPrefix(string(data), "# ") || !strings.Contains(string(data), "very likely") {
		t.Errorf("the saved report is not the Markdown report:\n%s", data)
	}
	if _, failed := resultStatus(t, m); failed {
		t.Error("a report saved is shown as an error")
	}
	press(m, "s")
	if _, err := os.Stat(filepath.Join(dir, "achilles-report-20261122-1405-2.md")); err != nil {
		t.Fatalf("a second save did not make a new file: %v", err)
	}
	again, _ := os.ReadFile(path)
	if string(again) != string(data) {
		t.Fatal("the first report was overwritten")
	}
}

func TestSaveReportFails(t *testing.T) {
	opts := testOptions(t)
	opts.SaveReport = savingIn(filepath.Join(t.TempDir(), "no", "such", "folder"))
	m := newTestModel(t, 80, 24, withAnswers(opts, classic(t)))
	forwardToResult(t, m)
	press(m, "s")
	mustContain(t, m, "Could not save the report")
	if lines, failed := resultStatus(t, m); !failed || !strings.Contains(strings.Join(lines, " "), "Could not save the report") {
		t.Fatalf("a failed save is not shown as an error: status %q", lines)
	}
}

func TestNewAssessment(t *testing.T) {
	m := newTestModel(t, 80, 24, withAnswers(testOptions(t), classic(t)))
	forwardToResult(t, m)
	press(m, "n")
	mustContain(t, m, "Start a new assessment?")
	if !overlayOpen(t, m) {
		t.Fatal("the confirmation is not over the result")
	}
	press(m, "n")
	if where(t, m) != onResult || overlayOpen(t, m) {
		t.Fatal("n at the confirmation did not keep the result")
	}
	press(m, "n", "y")
	if got, a := where(t, m), m.Answers(); got != onStart || overlayOpen(t, m) || a.Len() != 0 || m.Summary() != nil {
		t.Fatalf("y: on the %s screen, %d answers left", got, a.Len())
	}
	if strings.Contains(screenText(m), "(your answer)") {
		t.Fatalf("the start screen still marks an answer:\n%s", screenText(m))
	}
}

func TestQuitConfirmation(t *testing.T) {
	m := newTestModel(t, 80, 24, testOptions(t))
	if !press(m, "q") {
		t.Fatal("q with no answers did not quit at once")
	}
	m = newTestModel(t, 80, 24, testOptions(t))
	press(m, "1", "0", "enter")
	if press(m, "q") {
		t.Fatal("q with answers quit without asking")
	}
	mustContain(t, m, "Quit now?", "Your answers will be lost")
	press(m, "n")
	if overlayOpen(t, m) || where(t, m) != onQuestion(q.TimeSince) || answersOf(m).Len() != 8 {
		t.Fatal("n did not return to the question with the answers")
	}
	press(m, "ctrl+c")
	if !press(m, "ctrl+c") {
		t.Fatal("ctrl+c twice did not quit")
	}
	if m.Summary() != nil {
		t.Fatal("quitting half-way left a summary")
	}
	m = newTestModel(t, 80, 24, testOptions(t))
	press(m, "1", "q")
	if !press(m, "y") {
		t.Fatal("y did not quit")
	}
}

func TestOverlays(t *testing.T) {
	for _, answers := range []string{"none", "classic"} {
		t.Run(answers, func(t *testing.T) {
			opts := testOptions(t)
			if answers == "classic" {
				opts.Answers = classic(t)
			}
			m := newTestModel(t, 80, 24, opts)
			if overlayOpen(t, m) {
				t.Fatal("an overlay is open at the start")
			}
			press(m, "?")
			mustContain(t, m, "Keys on this screen", "choose", "--accessible")
			if !overlayOpen(t, m) {
				t.Fatal("? is not shown as an overlay")
			}
			press(m, "esc", "w")
			mustContain(t, m, "Why we ask", "wording")
			press(m, "w")
			if overlayOpen(t, m) {
				t.Fatal("w did not close why")
			}
			press(m, "t") // no test to explain on the start screen
			if overlayOpen(t, m) || where(t, m) != onStart {
				t.Fatal("t opened a how-to on a question without a test")
			}
			if answers == "none" {
				return
			}
			forwardTo(t, m, q.Matles)
			press(m, "t")
			mustContain(t, m, "How to do the test: Matles test", "1. ")
			press(m, "enter", "!")
			mustContain(t, m, "Emergency signs", "Call an ambulance now for:", "Chest pain, breathlessness, coughing blood, racing heart")
			press(m, "esc")
			if overlayOpen(t, m) || where(t, m) != onQuestion(q.Matles) {
				t.Fatal("closing the panel did not return to the question")
			}
		})
	}
}

func TestOverlayScrollsWhenSmall(t *testing.T) {
	m := newTestModel(t, 40, 12, withAnswers(testOptions(t), classic(t)))
	forwardTo(t, m, q.Thompson)
	press(m, "t")
	first := screenText(m)
	mustContain(t, m, "↑↓ scroll")
	press(m, "down", "down")
	if screenText(m) == first {
		t.Fatal("down did not scroll the how-to panel")
	}
}

func TestTooSmall(t *testing.T) {
	m := newTestModel(t, 80, 24, testOptions(t))
	press(m, "1")
	m.Update(tea.WindowSizeMsg{Width: 39, Height: 20})
	mustContain(t, m, "too small", "40×12", "--accessible", "Now 39×20")
	press(m, "1", "enter")
	if a := m.Answers(); a.Has(q.ChestSymptoms) {
		t.Fatal("a key answered a question that cannot be seen")
	}
	m.Update(tea.WindowSizeMsg{Width: 40, Height: 12})
	wantWhere(t, m, onChecklist, "the terminal large enough again")
	if signs, none := ticked(t, m); len(signs) != 0 || none {
		t.Fatalf("a key ticked a sign that could not be seen: %v, none %v", signs, none)
	}
	m.Update(tea.WindowSizeMsg{Width: 60, Height: 11})
	mustContain(t, m, "too small")
	press(m, "q")
	mustContain(t, m, "Quit now?")
	if !press(m, "y") {
		t.Fatal("y did not quit on a small terminal")
	}
}

func TestResizeReflows(t *testing.T) {
	m := newTestModel(t, 80, 24, withAnswers(testOptions(t), classic(t)))
	forwardToResult(t, m)
	for _, size := range [][2]int{{40, 12}, {120, 40}, {55, 15}, {80, 24}} {
		m.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		checkFits(t, m.View().Content, size[0], size[1])
		// Laid out for the new size: as a session opened at that size
		// shows it.
		fresh := newTestModel(t, size[0], size[1], withAnswers(testOptions(t), classic(t)))
		forwardToResult(t, fresh)
		if got, want := screenText(m), screenText(fresh); got != want {
			t.Errorf("at %dx%d the report is not laid out for the new size:\n%s\nwant:\n%s", size[0], size[1], got, want)
		}
	}
}

func TestBackgroundColour(t *testing.T) {
	m := newTestModel(t, 80, 24, testOptions(t))
	darkView := m.View().Content
	answered := newTestModel(t, 80, 24, testOptions(t))
	answered.Update(dark)
	if answered.View().Content != darkView {
		t.Fatal("without an answer from the terminal, the styles are not the dark default")
	}
	m.Update(light)
	lit := newTestModel(t, 80, 24, testOptions(t))
	lit.Update(dark)
	lit.Update(light)
	if m.View().Content != lit.View().Content {
		t.Fatal("a light background did not switch to light styles")
	}
	if m.View().Content == darkView {
		t.Fatal("light and dark styles look the same")
	}
	if screenText(m) != stripped(darkView) {
		t.Fatal("light and dark styles show different words")
	}
}

func TestViewFields(t *testing.T) {
	m := newTestModel(t, 80, 24, testOptions(t))
	v := m.View()
	if !v.AltScreen || v.MouseMode != tea.MouseModeNone || v.WindowTitle == "" {
		t.Fatalf("start: alt screen %v mouse %v title %q", v.AltScreen, v.MouseMode, v.WindowTitle)
	}
	m = newTestModel(t, 80, 24, withAnswers(testOptions(t), classic(t)))
	forwardToResult(t, m)
	if m.View().MouseMode != tea.MouseModeCellMotion {
		t.Fatal("the result does not take the mouse wheel")
	}
	if cmd := m.Init(); cmd == nil {
		t.Fatal("Init does not ask for the background colour")
	}
}

// A helper answering is offered themselves (a trainer or first-aider) as
// the examiner first.
func TestExaminerDefaultForHelper(t *testing.T) {
	a := classic(t)
	a.Clear(q.Examiner)
	m := newTestModel(t, 80, 24, withAnswers(testOptions(t), a))
	forwardTo(t, m, q.Examiner)
	if n := cursorOn(t, m); n != 1 {
		t.Fatalf("the injured person answering: cursor on choice %d, want 1 (self)", n)
	}
	_ = a.SetChoice(q.Answerer, "other")
	m = newTestModel(t, 80, 24, withAnswers(testOptions(t), a))
	forwardTo(t, m, q.Examiner)
	if n := cursorOn(t, m); n != 2 {
		t.Fatalf("a helper answering: cursor on choice %d, want 2 (trainer)", n)
	}
	press(m, "enter")
	if v, _ := answersOf(m).Value(q.Examiner); v != "trainer" {
		t.Fatalf("a helper pressing enter chose %q, want trainer", v)
	}
}

// The header counts the questions of the whole questionnaire, as accessible
// mode does, and recounts them when an answer changes the branch.
func TestHeaderCountsTheWholeQuestionnaire(t *testing.T) {
	m := newTestModel(t, 80, 24, testOptions(t))
	toQuestion(t, m)
	// Who is answering and the seven emergency questions come first.
	mustContain(t, m, "question 9 of 33")
	press(m, "1") // less than 24 hours
	wantWhere(t, m, onQuestion(q.Onset), "after the time since")
	mustContain(t, m, "question 10 of 33")
	press(m, "2") // gradual: the injury event is not asked
	wantWhere(t, m, onQuestion(q.Tiptoe), "after a gradual onset")
	mustContain(t, m, "question 11 of 30")
}

package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	q "achilles/questionnaire"
)

// toQuestion answers the start screen and the emergency check with "no",
// leaving the model on the first question after them.
func toQuestion(t *testing.T, m *Model) {
	t.Helper()
	press(m, "1")
	for i := 0; i < 7; i++ {
		press(m, "2")
	}
	if m.screen != screenQuestion || m.question.q != q.TimeSince {
		t.Fatalf("after the emergency check: screen %d question %s, want time_since", m.screen, m.question.q.ID())
	}
}

func TestStartScreen(t *testing.T) {
	m := newTestModel(t, 80, 24, testOptions(t))
	mustContain(t, m, "Could it be a ruptured Achilles tendon?", "not a diagnosis",
		"In an emergency, call your local emergency number (999, 112, 911…) now.", "Who is answering these questions?")
	press(m, "down")
	if m.start.cursor != 1 {
		t.Fatalf("down: cursor %d, want 1", m.start.cursor)
	}
	press(m, "k")
	if m.start.cursor != 0 {
		t.Fatalf("k: cursor %d, want 0", m.start.cursor)
	}
	press(m, "j", "enter")
	if !m.answers.Is(q.Answerer, "other") || m.screen != screenQuestion || m.question.q != q.ChestSymptoms {
		t.Fatalf("enter on the second choice: answerer %v, screen %d, question %s", m.answers.Other(), m.screen, m.question.q.ID())
	}
	// The helper is asked about "them".
	mustContain(t, m, "Do they have chest pain", "Emergency check", "question 1 of 7")
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
	if m.answers.Has(q.TimeSince) || m.question.q != q.TimeSince {
		t.Fatal("a number beyond the choices answered the question")
	}
	press(m, "down", "down", "space")
	if v, _ := m.answers.Value(q.TimeSince); v != "2_4w" {
		t.Fatalf("space on the third choice stored %q, want 2_4w", v)
	}
	if m.question.q != q.Side {
		t.Fatalf("after answering: question %s, want side", m.question.q.ID())
	}
	press(m, "2")
	if v, _ := m.answers.Value(q.Side); v != "right" {
		t.Fatalf("2 stored %q, want right", v)
	}
}

func TestBackKeepsAnswers(t *testing.T) {
	for _, back := range []string{"esc", "shift+tab", "left", "h"} {
		t.Run(back, func(t *testing.T) {
			m := newTestModel(t, 80, 24, testOptions(t))
			toQuestion(t, m)
			press(m, "3", "1") // time_since 2_4w, side left
			press(m, back)
			if m.question.q != q.Side {
				t.Fatalf("%s: question %s, want side", back, m.question.q.ID())
			}
			mustContain(t, m, "Left leg (your answer)")
			if m.question.cursor != 0 {
				t.Fatalf("cursor %d, want it on the answer given (0)", m.question.cursor)
			}
			press(m, back)
			mustContain(t, m, "2 to 4 weeks ago (your answer)")
			// Forward keeps the answer without choosing again.
			press(m, "right", "tab")
			if m.question.q != q.Onset {
				t.Fatalf("forward twice: question %s, want onset", m.question.q.ID())
			}
			if v, _ := m.answers.Value(q.TimeSince); v != "2_4w" {
				t.Fatalf("time_since %q after going back and forward, want 2_4w", v)
			}
			// Forward on an unanswered question does nothing.
			press(m, "right")
			if m.question.q != q.Onset {
				t.Fatalf("forward on an unanswered question moved to %s", m.question.q.ID())
			}
		})
	}
}

func TestBackToStart(t *testing.T) {
	m := newTestModel(t, 80, 24, testOptions(t))
	press(m, "2", "esc")
	if m.screen != screenStart || m.start.cursor != 1 {
		t.Fatalf("back from the first question: screen %d cursor %d, want the start screen on choice 2", m.screen, m.start.cursor)
	}
	mustContain(t, m, "I am helping the injured person (your answer)")
}

func TestGradualOnsetSkipsTheEvent(t *testing.T) {
	m := newTestModel(t, 80, 24, testOptions(t))
	toQuestion(t, m)
	press(m, "1", "1", "2") // lt_24h, left, gradual
	if m.question.q != q.PainSite {
		t.Fatalf("after a gradual onset: question %s, want pain_site", m.question.q.ID())
	}
	mustContain(t, m, "Symptoms", "question 1 of 4")
	press(m, "esc")
	if m.question.q != q.Onset {
		t.Fatalf("back from pain_site: %s, want onset", m.question.q.ID())
	}
}

func TestNobodyCanExamineSkipsTheTests(t *testing.T) {
	m := newTestModel(t, 80, 24, testOptions(t))
	m.answers = classic(t)
	m.answers.Clear(q.Examiner)
	m.goQuestion(q.Examiner)
	mustContain(t, m, "4  Nobody can examine now (skip tests)")
	press(m, "4")
	if !m.answers.Is(q.Examiner, "nobody") {
		t.Fatal("nobody can examine: the examiner answer is not nobody")
	}
	if m.question.q != q.Age {
		t.Fatalf("after nobody can examine: question %s, want age", m.question.q.ID())
	}
	// The tests' earlier answers are kept but do not count.
	if !m.answers.Has(q.Thompson) {
		t.Fatal("the Thompson answer was thrown away")
	}
	press(m, "esc")
	mustContain(t, m, "Nobody can examine now (skip tests) (your answer)")
	press(m, "2") // a trainer after all
	if !m.answers.Is(q.Examiner, "trainer") || m.question.q != q.Gap {
		t.Fatalf("choosing a trainer: examiner %s, question %s, want gap", m.answers.Examiner(), m.question.q.ID())
	}
}

func TestNumberQuestion(t *testing.T) {
	m := newTestModel(t, 80, 24, testOptions(t))
	m.goQuestion(q.PainNow)
	mustContain(t, m, "How bad is your pain now", "out of 10")
	press(m, "x", "1", "2")
	if m.question.input != "12" || m.question.err != "" {
		t.Fatalf("typed x12: input %q err %q", m.question.input, m.question.err)
	}
	press(m, "enter")
	if m.answers.Has(q.PainNow) || m.question.q != q.PainNow {
		t.Fatal("12 out of 10 was accepted")
	}
	mustContain(t, m, "Please type a whole number from 0 to 10")
	press(m, "3")
	mustContain(t, m, "Please type a whole number from 0 to 10") // too long
	press(m, "backspace", "enter")
	if n, ok := m.answers.Number(q.PainNow); !ok || n != 1 || m.question.q != q.Swelling {
		t.Fatalf("1 enter: pain %d %v, question %s", n, ok, m.question.q.ID())
	}
	// Back shows the number; clearing it and enter leaves it unanswered.
	press(m, "esc")
	if m.question.input != "1" {
		t.Fatalf("back to pain: input %q, want 1", m.question.input)
	}
	press(m, "ctrl+u", "enter")
	if m.answers.Has(q.PainNow) || m.question.q != q.Swelling {
		t.Fatal("an empty field did not skip the question")
	}
	m.goQuestion(q.Age)
	press(m, "0", "enter")
	if m.answers.Has(q.Age) {
		t.Fatal("age 0 was accepted")
	}
	mustContain(t, m, "from 1 to 120")
	press(m, "backspace", "4", "2", "enter")
	if n, _ := m.answers.Number(q.Age); n != 42 {
		t.Fatalf("age %d, want 42", n)
	}
}

func TestEmergencyInterrupts(t *testing.T) {
	m := newTestModel(t, 80, 24, testOptions(t))
	press(m, "1", "2", "1") // chest no, open wound yes
	if m.screen != screenEmergency {
		t.Fatalf("a red flag yes: screen %d, want the emergency screen", m.screen)
	}
	mustContain(t, m, "[!!] Go to an emergency department now", "Wound over the back of the ankle or heel", "Cover the wound")
	press(m, "esc")
	if m.screen != screenQuestion || m.question.q != q.OpenWound {
		t.Fatal("esc on the emergency screen did not go back to its question")
	}
	press(m, "enter") // cursor is on yes
	press(m, "enter")
	if m.screen != screenQuestion || m.question.q != q.NumbOrColdFoot {
		t.Fatalf("continue: screen %d question %s, want numb_or_cold_foot", m.screen, m.question.q.ID())
	}
	if !m.answers.Is(q.OpenWound, "yes") {
		t.Fatal("the red flag answer was lost")
	}
}

func TestChestSymptomsCallAnAmbulance(t *testing.T) {
	opts := testOptions(t)
	opts.Emergency = "112"
	m := newTestModel(t, 80, 24, opts)
	press(m, "1", "1")
	mustContain(t, m, "[!!!] Call an ambulance now: 112", "Call 112 now")
}

func TestReview(t *testing.T) {
	m := newTestModel(t, 80, 24, testOptions(t))
	m.answers = classic(t)
	m.goQuestion(q.PriorRupture)
	press(m, "2")
	if m.screen != screenReview {
		t.Fatalf("after the last question: screen %d, want review", m.screen)
	}
	mustContain(t, m, "Review", "Show the result", "Achilles rupture before", "No")
	// Change the side: go to its row, change it, come back.
	row := -1
	for i, r := range m.review.rows {
		if r == q.Side {
			row = i
		}
	}
	m.review.cursor = row
	press(m, "enter")
	if m.screen != screenQuestion || m.question.q != q.Side || !m.fromReview {
		t.Fatal("enter on a review row did not open its question")
	}
	press(m, "2")
	if m.screen != screenReview || m.review.rows[m.review.cursor] != q.Side {
		t.Fatalf("after changing: screen %d, want review on the side row", m.screen)
	}
	if v, _ := m.answers.Value(q.Side); v != "right" {
		t.Fatalf("side %q, want right", v)
	}
	mustContain(t, m, "Right")
	// esc from a question opened from the review comes back too.
	press(m, "enter", "esc")
	if m.screen != screenReview {
		t.Fatal("esc from a question changed from the review did not return there")
	}
	press(m, "end", "enter")
	if m.screen != screenResult {
		t.Fatal("enter on Show the result did not show it")
	}
	press(m, "r", "d")
	if m.screen != screenResult {
		t.Fatal("r then d did not come back to the result")
	}
	press(m, "esc")
	if m.screen != screenReview {
		t.Fatal("esc on the result did not go to the review")
	}
	press(m, "esc")
	if m.screen != screenQuestion || m.question.q != q.PriorRupture {
		t.Fatal("esc on the review did not go to the last question")
	}
}

func TestResult(t *testing.T) {
	opts := testOptions(t)
	m := newTestModel(t, 80, 24, opts)
	m.answers = classic(t)
	m.goResult()
	mustContain(t, m, "chance of a complete rupture (very likely)", "Plausible range", "AAOS signs: 4 of 4 positive",
		"[!] TODAY", "Get seen in person today", "s save")
	first := screenText(m)
	press(m, "pgdown")
	if screenText(m) == first {
		t.Fatal("page down did not scroll the result")
	}
	m.Update(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	if m.result.vp.YOffset() == 0 {
		t.Fatal("the mouse wheel did not scroll")
	}
	press(m, "G")
	mustContain(t, m, "Disclaimer", "100% read")
	press(m, "g")
	mustContain(t, m, "0% read")
	// Everything the result promises is somewhere in it.
	all := strings.Join(m.result.lines(&m.c), "\n")
	for _, want := range []string{"What to do now", "Where to go, and how fast", "What to tell the clinician",
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
	opts := testOptions(t)
	m := newTestModel(t, 80, 24, opts)
	m.answers = classic(t)
	m.goResult()
	press(m, "s")
	path := filepath.Join(opts.Dir, "achilles-report-20261122-1405.md")
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
	press(m, "s")
	if _, err := os.Stat(filepath.Join(opts.Dir, "achilles-report-20261122-1405-2.md")); err != nil {
		t.Fatalf("a second save did not make a new file: %v", err)
	}
	again, _ := os.ReadFile(path)
	if string(again) != string(data) {
		t.Fatal("the first report was overwritten")
	}
}

func TestSaveReportFails(t *testing.T) {
	opts := testOptions(t)
	opts.Dir = filepath.Join(opts.Dir, "no", "such", "folder")
	m := newTestModel(t, 80, 24, opts)
	m.answers = classic(t)
	m.goResult()
	press(m, "s")
	mustContain(t, m, "Could not save the report")
	if !m.result.failed {
		t.Fatal("a failed save is not shown as an error")
	}
}

func TestNewAssessment(t *testing.T) {
	m := newTestModel(t, 80, 24, testOptions(t))
	m.answers = classic(t)
	m.goResult()
	press(m, "n")
	mustContain(t, m, "Start a new assessment?")
	press(m, "n")
	if m.screen != screenResult || m.overlay != overlayNone {
		t.Fatal("n at the confirmation did not keep the result")
	}
	press(m, "n", "y")
	if m.screen != screenStart || m.answers.Len() != 0 || m.Summary() != nil {
		t.Fatalf("y: screen %d, %d answers left", m.screen, m.answers.Len())
	}
}

func TestQuitConfirmation(t *testing.T) {
	m := newTestModel(t, 80, 24, testOptions(t))
	if !press(m, "q") {
		t.Fatal("q with no answers did not quit at once")
	}
	m = newTestModel(t, 80, 24, testOptions(t))
	press(m, "1", "2")
	if press(m, "q") {
		t.Fatal("q with answers quit without asking")
	}
	mustContain(t, m, "Quit now?", "Your answers will be lost")
	press(m, "n")
	if m.overlay != overlayNone || m.question.q != q.OpenWound || m.answers.Len() != 2 {
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
	m := newTestModel(t, 80, 24, testOptions(t))
	press(m, "?")
	mustContain(t, m, "Keys on this screen", "choose", "--accessible")
	press(m, "esc", "w")
	mustContain(t, m, "Why we ask", "wording")
	press(m, "w")
	if m.overlay != overlayNone {
		t.Fatal("w did not close why")
	}
	press(m, "t") // no test to explain on the start screen
	if m.overlay != overlayNone {
		t.Fatal("t opened a how-to on a question without a test")
	}
	m.answers = classic(t)
	m.goQuestion(q.Matles)
	press(m, "t")
	mustContain(t, m, "How to do the test: Matles test", "1. ")
	press(m, "enter", "!")
	mustContain(t, m, "Emergency signs", "Call an ambulance now for:", "Chest pain, breathlessness, coughing blood, racing heart")
	press(m, "esc")
	if m.overlay != overlayNone || m.question.q != q.Matles {
		t.Fatal("closing the panel did not return to the question")
	}
}

func TestOverlayScrollsWhenSmall(t *testing.T) {
	m := newTestModel(t, 40, 12, testOptions(t))
	m.answers = classic(t)
	m.goQuestion(q.Thompson)
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
	if m.answers.Has(q.ChestSymptoms) {
		t.Fatal("a key answered a question that cannot be seen")
	}
	m.Update(tea.WindowSizeMsg{Width: 40, Height: 12})
	mustContain(t, m, "question 1 of 7")
	m.Update(tea.WindowSizeMsg{Width: 60, Height: 11})
	mustContain(t, m, "too small")
	press(m, "q")
	mustContain(t, m, "Quit now?")
	if !press(m, "y") {
		t.Fatal("y did not quit on a small terminal")
	}
}

func TestResizeReflows(t *testing.T) {
	m := newTestModel(t, 80, 24, testOptions(t))
	m.answers = classic(t)
	m.goResult()
	for _, size := range [][2]int{{40, 12}, {120, 40}, {55, 15}, {80, 24}} {
		m.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		checkFits(t, m.View().Content, size[0], size[1])
		if m.result.vp.Width() != size[0] {
			t.Errorf("at %dx%d the report is laid out for %d columns", size[0], size[1], m.result.vp.Width())
		}
	}
}

func TestBackgroundColour(t *testing.T) {
	m := newTestModel(t, 80, 24, testOptions(t))
	if !m.c.st.dark {
		t.Fatal("without an answer from the terminal, the styles are not the dark default")
	}
	darkView := m.View().Content
	m.Update(light)
	if m.c.st.dark {
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
	m.answers = classic(t)
	m.goResult()
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
	m := newTestModel(t, 80, 24, testOptions(t))
	m.answers = classic(t)
	m.answers.Clear(q.Examiner)
	m.goQuestion(q.Examiner)
	if m.question.cursor != 0 {
		t.Fatalf("the injured person answering: cursor %d, want 0 (self)", m.question.cursor)
	}
	_ = m.answers.SetChoice(q.Answerer, "other")
	m.goQuestion(q.Examiner)
	press(m, "enter")
	if v, _ := m.answers.Value(q.Examiner); v != "trainer" {
		t.Fatalf("a helper pressing enter chose %q, want trainer", v)
	}
}

package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"

	"achilles/assessment"
	"achilles/cases"
	q "achilles/questionnaire"
)

func demoModel(t testing.TB, id string, w, h int) *Model {
	t.Helper()
	opts := testOptions(t)
	opts.Case = id
	return newTestModel(t, w, h, opts)
}

// Pressing → alone walks a class through every case to its result, two
// presses a question (show, then choose), and the answers given are the
// case's: the result is the one achilles assess --case gives.
func TestDemoStepsThroughEveryCase(t *testing.T) {
	for _, c := range cases.All() {
		t.Run(c.ID, func(t *testing.T) {
			m := demoModel(t, c.ID, 80, 24)
			if m.answers.Len() != 0 {
				t.Fatalf("course mode starts with answers given: %d", m.answers.Len())
			}
			mustContain(t, m, "Course case: ")
			presses := 0
			for m.screen != screenResult && presses < 200 {
				press(m, "right")
				presses++
			}
			if m.screen != screenResult {
				t.Fatalf("no result after %d presses; on screen %d:\n%s", presses, m.screen, screenText(m))
			}
			want := assessment.Assess(q.Effective(c.Answers))
			got := m.result.rep.Result
			if got.Probability != want.Probability || got.Triage != want.Triage || got.Band != want.Band {
				t.Errorf("result %.3f %s %s, the case assessed gives %.3f %s %s",
					got.Probability, got.Band.ID(), got.Triage.ID(), want.Probability, want.Band.ID(), want.Triage.ID())
			}
			mustContain(t, m, "What this case teaches")
			// Two presses for each question asked, one for the review, and
			// one for each emergency screen shown.
			asked := 0
			for _, question := range q.All() {
				if q.Asked(&c.Answers, question) {
					asked++
				}
			}
			if presses < 2*asked {
				t.Errorf("%d presses for %d questions: an answer was chosen without being shown first", presses, asked)
			}
		})
	}
}

// The first press shows the case's answer; only the second chooses it.
func TestDemoRevealThenChoose(t *testing.T) {
	m := demoModel(t, "classic", 80, 24)
	press(m, "right")
	if m.screen != screenStart || m.start.cursor != 1 {
		t.Fatalf("first press: screen %d cursor %d, want the start screen with the helper chosen", m.screen, m.start.cursor)
	}
	mustContain(t, m, "I am helping the injured person ◂ the case")
	press(m, "right")
	if m.screen != screenQuestion || !m.answers.Is(q.Answerer, "other") {
		t.Fatalf("second press did not choose the case's answer: screen %d, answers %d", m.screen, m.answers.Len())
	}
	if strings.Contains(screenText(m), "◂ the case") {
		t.Errorf("the next question's case answer shows before it is revealed:\n%s", screenText(m))
	}
	first := m.question.q
	press(m, "right")
	if m.question.q != first || m.answers.Has(first) {
		t.Fatalf("the reveal answered or left %s", first.ID())
	}
	mustContain(t, m, "No ◂ the case")
}

// The instructor can choose another answer than the case's, and stepping
// goes on with the case from there.
func TestDemoChangeLive(t *testing.T) {
	m := demoModel(t, "classic", 80, 24)
	for m.screen != screenQuestion || m.question.q != q.Thompson {
		press(m, "right")
	}
	press(m, "right") // shows "positive"
	mustContain(t, m, "◂ the case")
	press(m, "down", "enter") // the class wants to see a negative squeeze
	if !m.answers.Is(q.Thompson, "negative") {
		t.Fatalf("thompson = %v, want the live change to negative", m.answers)
	}
	mustContain(t, m, "was ")
	for m.screen != screenResult {
		press(m, "right")
	}
	if !m.answers.Is(q.Thompson, "negative") || !m.answers.Is(q.Matles, "positive") {
		t.Errorf("after the change the case did not go on: thompson negative, matles positive wanted")
	}
}

// d fills in the rest of the case, keeping live changes, and shows the
// result.
func TestDemoJump(t *testing.T) {
	m := demoModel(t, "missed", 80, 24)
	press(m, "d")
	if m.screen != screenResult {
		t.Fatalf("d did not show the result")
	}
	c, _ := cases.Get("missed")
	for _, question := range q.All() {
		cv, _ := c.Answers.Value(question)
		got, _ := m.answers.Value(question)
		if cv != got {
			t.Errorf("%s = %q after d, the case says %q", question.ID(), got, cv)
		}
	}

	m = demoModel(t, "classic", 80, 24)
	for m.screen != screenQuestion || m.question.q != q.Pop {
		press(m, "right")
	}
	press(m, "3") // not sure
	press(m, "d")
	if !m.answers.Is(q.Pop, "unsure") || !m.answers.Is(q.Thompson, "positive") {
		t.Errorf("d lost the live change or the case's later answers")
	}
}

// A number question shows the case's number in the field, which can be
// typed over.
func TestDemoNumber(t *testing.T) {
	m := demoModel(t, "classic", 80, 24)
	for m.screen != screenQuestion || m.question.q != q.Age {
		press(m, "right")
	}
	press(m, "right")
	if m.question.input != "41" {
		t.Fatalf("the case's age is not in the field: %q", m.question.input)
	}
	mustContain(t, m, "The case's answer: 41")
	press(m, "backspace", "backspace", "6", "8", "enter")
	if n, _ := m.answers.Number(q.Age); n != 68 {
		t.Errorf("age = %d, want the typed 68", n)
	}
}

// When a live change leads to a question the case does not answer, → says
// so and leaves it unknown.
func TestDemoQuestionTheCaseDoesNotAnswer(t *testing.T) {
	m := demoModel(t, "tendinopathy", 80, 24)
	for m.screen != screenQuestion || m.question.q != q.Onset {
		press(m, "right")
	}
	press(m, "1") // sudden, where the case says gradual: mechanism is asked now
	if m.question.q != q.Mechanism {
		t.Fatalf("after a sudden onset the question is %s, want mechanism", m.question.q.ID())
	}
	press(m, "right")
	mustContain(t, m, "The case does not answer this question")
	press(m, "right")
	if m.answers.Has(q.Mechanism) || m.question.q == q.Mechanism {
		t.Errorf("→ did not leave mechanism unknown and go on")
	}
}

// An unknown case ID is an ordinary session: nothing of course mode shows.
func TestDemoUnknownCase(t *testing.T) {
	m := demoModel(t, "nope", 80, 24)
	if m.demo.on || strings.Contains(screenText(m), "Course case") {
		t.Errorf("an unknown case turned course mode on")
	}
}

// The estimate is large on a projector-sized terminal, and the course
// screens fit and are golden at the sizes a class sees.
func TestDemoScreens(t *testing.T) {
	states := []struct {
		name string
		to   func(m *Model)
	}{
		{"start", func(*Model) {}},
		{"revealed", func(m *Model) {
			for m.screen != screenQuestion || m.question.q != q.Thompson {
				press(m, "right")
			}
			press(m, "right")
		}},
		{"result", func(m *Model) { press(m, "d") }},
	}
	for _, s := range states {
		for _, size := range [][2]int{{120, 30}, {80, 24}, {40, 12}} {
			for _, theme := range []struct {
				name string
				msg  tea.BackgroundColorMsg
			}{{"dark", dark}, {"light", light}} {
				t.Run(fmt.Sprintf("%s/%dx%d/%s", s.name, size[0], size[1], theme.name), func(t *testing.T) {
					m := demoModel(t, "classic", size[0], size[1])
					m.Update(theme.msg)
					s.to(m)
					view := m.View().Content
					checkFits(t, view, size[0], size[1])
					golden.RequireEqual(t, view)
				})
			}
		}
	}
	m := demoModel(t, "classic", 120, 30)
	states[1].to(m)
	if !strings.Contains(screenText(m), "█▀█") {
		t.Errorf("no large digits at 120×30 in course mode:\n%s", screenText(m))
	}
	m = demoModel(t, "classic", 80, 24)
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	opts := testOptions(t)
	opts.NoColor = true
	opts.Case = "classic"
	m = newTestModel(t, 80, 24, opts)
	states[1].to(m)
	if c := colourCode(m.View().Content); c != "" {
		t.Errorf("colour code %q in course mode with NoColor", c)
	}
}

// d on a case with a red flag shows the emergency first, as answering
// question by question would; going on from it shows the result.
func TestDemoJumpShowsTheEmergency(t *testing.T) {
	m := demoModel(t, "red_flag", 80, 24)
	press(m, "d")
	if m.screen != screenEmergency {
		t.Fatalf("d on the red_flag case went to screen %d, not the emergency", m.screen)
	}
	mustContain(t, m, "Call an ambulance now")
	press(m, "enter")
	if m.screen != screenResult {
		t.Fatalf("enter on the emergency after d went to screen %d, not the result", m.screen)
	}
	// A case without a red flag goes straight to the result.
	m = demoModel(t, "sprain", 80, 24)
	press(m, "d")
	if m.screen != screenResult {
		t.Errorf("d on the sprain case went to screen %d", m.screen)
	}
}

package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"

	"achilles/assessment"
	"achilles/cases"
	"achilles/catalog"
	q "achilles/questionnaire"
)

// stepTo presses → (course mode's step) until the screen is want, a name
// from where.
func stepTo(t testing.TB, m *Model, want string) {
	t.Helper()
	for i := 0; where(t, m) != want; i++ {
		if i > 200 {
			t.Fatalf("→ does not reach the %s screen:\n%s", want, screenText(m))
		}
		press(m, "right")
	}
}

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
			if n := answersOf(m).Len(); n != 0 {
				t.Fatalf("course mode starts with answers given: %d", n)
			}
			mustContain(t, m, "Course case: ")
			presses := 0
			for where(t, m) != onResult && presses < 200 {
				press(m, "right")
				presses++
			}
			if got := where(t, m); got != onResult {
				t.Fatalf("no result after %d presses; on the %s screen:\n%s", presses, got, screenText(m))
			}
			want := assessment.Assess(q.Effective(c.Answers))
			got := m.Summary().Result
			if got.Probability != want.Probability || got.Triage != want.Triage || got.Band != want.Band {
				t.Errorf("result %.3f %s %s, the case assessed gives %.3f %s %s",
					got.Probability, got.Band.ID(), got.Triage.ID(), want.Probability, want.Band.ID(), want.Triage.ID())
			}
			mustContain(t, m, "What this case teaches")
			// Two presses for each question asked (the emergency
			// checklist's signs are one), one for the review, and one for
			// each emergency screen shown.
			asked := 1 - len(checklistOrder())
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
	if got := where(t, m); got != onStart || cursorOn(t, m) != 2 || answersOf(m).Len() != 0 {
		t.Fatalf("first press: on the %s screen, want the start screen with the helper highlighted, not chosen:\n%s", got, screenText(m))
	}
	mustContain(t, m, "I am helping the injured person ◂ the case")
	press(m, "right")
	if got := where(t, m); got != onChecklist || !answersOf(m).Is(q.Answerer, "other") {
		t.Fatalf("second press did not choose the case's answer: on the %s screen, answers %d", got, answersOf(m).Len())
	}
	if strings.Contains(screenText(m), "◂ the case") {
		t.Errorf("the next question's case answer shows before it is revealed:\n%s", screenText(m))
	}
	first := where(t, m)
	press(m, "right")
	if got := where(t, m); got != first || answersOf(m).Len() != 1 {
		t.Fatalf("the reveal answered or left the %s screen: now %s, %d answers", first, got, answersOf(m).Len())
	}
	mustContain(t, m, "None of these ◂ the case")
	if signs, none := ticked(t, m); len(signs) != 0 || !none {
		t.Fatalf("the reveal shows %v ticked (none %v), want None of these chosen", signs, none)
	}
	press(m, "right")
	wantWhere(t, m, onQuestion(q.TimeSince), "the second press on the checklist")
	if a := m.Answers(); !a.Is(q.ChestSymptoms, "no") || !a.Is(q.CalfSwellingWarm, "no") {
		t.Fatal("the checklist's second press did not answer the signs no")
	}
}

// The instructor can choose another answer than the case's, and stepping
// goes on with the case from there.
func TestDemoChangeLive(t *testing.T) {
	m := demoModel(t, "classic", 80, 24)
	stepTo(t, m, onQuestion(q.Thompson))
	press(m, "right") // shows "positive"
	mustContain(t, m, "◂ the case")
	press(m, "down", "enter") // the class wants to see a negative squeeze
	if v, _ := answersOf(m).Value(q.Thompson); v != "negative" {
		t.Fatalf("thompson = %q, want the live change to negative", v)
	}
	mustContain(t, m, "was ")
	stepTo(t, m, onResult)
	if a := answersOf(m); !a.Is(q.Thompson, "negative") || !a.Is(q.Matles, "positive") {
		t.Errorf("after the change the case did not go on: thompson negative, matles positive wanted")
	}
	// What the case teaches says that the case was changed.
	cat := testOptions(t).Catalog
	if text := resultText(t, m); !strings.Contains(flowSquash(text), flowSquash(cat.T("ui.demo.lesson")+cat.T("ui.demo.changed"))) {
		t.Errorf("the lesson does not say that the case was changed:\n%s", text)
	}
}

// A case stepped through as written says nothing of a change.
func TestDemoUnchangedSaysNoChange(t *testing.T) {
	m := demoModel(t, "classic", 80, 24)
	stepTo(t, m, onResult)
	text := resultText(t, m)
	cat := testOptions(t).Catalog
	if !strings.Contains(flowSquash(text), flowSquash(cat.T("ui.demo.lesson"))) {
		t.Fatalf("no lesson at the result:\n%s", text)
	}
	if strings.Contains(flowSquash(text), flowSquash(cat.T("ui.demo.changed"))) {
		t.Errorf("the case as written is said to be changed:\n%s", text)
	}
}

// d fills in the rest of the case, keeping live changes, and shows the
// result.
func TestDemoJump(t *testing.T) {
	m := demoModel(t, "missed", 80, 24)
	press(m, "d")
	wantWhere(t, m, onResult, "d")
	c, _ := cases.Get("missed")
	for _, question := range q.All() {
		cv, _ := c.Answers.Value(question)
		got, _ := answersOf(m).Value(question)
		if cv != got {
			t.Errorf("%s = %q after d, the case says %q", question.ID(), got, cv)
		}
	}

	m = demoModel(t, "classic", 80, 24)
	stepTo(t, m, onQuestion(q.Pop))
	press(m, "3") // not sure
	press(m, "d")
	wantWhere(t, m, onResult, "d after a live change")
	if a := answersOf(m); !a.Is(q.Pop, "unsure") || !a.Is(q.Thompson, "positive") {
		t.Errorf("d lost the live change or the case's later answers")
	}
}

// A number question shows the case's number in the field, which can be
// typed over.
func TestDemoNumber(t *testing.T) {
	m := demoModel(t, "classic", 80, 24)
	stepTo(t, m, onQuestion(q.Age))
	press(m, "right")
	if got := typed(t, m); got != "41" {
		t.Fatalf("the case's age is not in the field: %q", got)
	}
	mustContain(t, m, "The case's answer: 41")
	press(m, "backspace", "backspace", "6", "8", "enter")
	if n, _ := answersOf(m).Number(q.Age); n != 68 {
		t.Errorf("age = %d, want the typed 68", n)
	}
}

// When a live change leads to a question the case does not answer, → says
// so and leaves it unknown.
func TestDemoQuestionTheCaseDoesNotAnswer(t *testing.T) {
	m := demoModel(t, "tendinopathy", 80, 24)
	stepTo(t, m, onQuestion(q.Onset))
	press(m, "1") // sudden, where the case says gradual: mechanism is asked now
	wantWhere(t, m, onQuestion(q.Tiptoe), "after a sudden onset")
	stepTo(t, m, onQuestion(q.Mechanism))
	press(m, "right")
	mustContain(t, m, "The case does not answer this question")
	press(m, "right")
	if answersOf(m).Has(q.Mechanism) || where(t, m) == onQuestion(q.Mechanism) {
		t.Errorf("→ did not leave mechanism unknown and go on")
	}
}

// An unknown case ID is an ordinary session: nothing of course mode shows.
func TestDemoUnknownCase(t *testing.T) {
	m := demoModel(t, "nope", 80, 24)
	// Neither the case's words nor its keys (→ to step, d to jump).
	step := "→ " + catalog.MustLoad("en").T("ui.key.step")
	if text := screenText(m); strings.Contains(text, "Course case") || strings.Contains(text, step) {
		t.Errorf("an unknown case turned course mode on:\n%s", text)
	}
	press(m, "right")
	if got := where(t, m); got != onStart || strings.Contains(screenText(m), "◂ the case") {
		t.Errorf("→ on an unknown case's start screen stepped: on the %s screen:\n%s", got, screenText(m))
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
			stepTo(t, m, onQuestion(q.Thompson))
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
	if n := bigDigitRows(screenText(m)); n < 3 {
		t.Errorf("no large digits at 120×30 in course mode (%d rows of block glyphs):\n%s", n, screenText(m))
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
	wantWhere(t, m, onEmergency, "d on the red_flag case")
	mustContain(t, m, "Call an ambulance now")
	press(m, "enter")
	wantWhere(t, m, onResult, "enter on the emergency after d")
	// A case without a red flag goes straight to the result.
	m = demoModel(t, "sprain", 80, 24)
	press(m, "d")
	wantWhere(t, m, onResult, "d on the sprain case")
}

// bigDigitRows counts the rows of the screen's panels drawn in block
// glyphs alone: the large digits of the estimate take three.
func bigDigitRows(screen string) int {
	n := 0
	for _, line := range strings.Split(screen, "\n") {
		i := strings.Index(line, "│ ")
		if i < 0 {
			continue
		}
		inner := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(line[i+len("│ "):]), "│"))
		if inner != "" && strings.Trim(inner, "█▀▄ ") == "" {
			n++
		}
	}
	return n
}

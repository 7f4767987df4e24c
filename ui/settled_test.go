package ui

import (
	"slices"
	"strings"
	"testing"

	"achilles/assessment"
	q "achilles/questionnaire"
	"achilles/ui/internal/stories"
)

// upTo is the classic story up to and including the answer kv.
func upTo(kv string) []string {
	return stories.Classic[:slices.Index(stories.Classic, kv)+1]
}

// answerEach answers script one screen at a time (the red flags together,
// on the checklist), failing if the settled screen shows before any.
func answerEach(t *testing.T, m *Model, script []string) {
	t.Helper()
	for i := 0; i < len(script); {
		j := i + 1
		for j < len(script) && isFlag(script[i]) && isFlag(script[j]) {
			j++
		}
		if where(t, m) == onSettled {
			t.Fatalf("the settled screen shows before %s:\n%s", script[i], screenText(m))
		}
		answerByKeys(t, m, script[i:j])
		i = j
	}
}

func isFlag(kv string) bool {
	id, _, _ := strings.Cut(kv, "=")
	question, ok := q.Lookup(id)
	return ok && question.Info().RedFlag
}

// A sudden push-off with a pop where the person cannot rise on tiptoe
// settles the triage at "today": the screen says so at once, with what to
// do now and where to go, and offers the result now or going on.
func TestSettledShowsTheDecisionAtOnce(t *testing.T) {
	for _, cat := range viewCatalogs {
		t.Run(cat.Lang(), func(t *testing.T) {
			opts := testOptions(t)
			opts.Catalog = cat
			m := newTestModel(t, 80, 40, opts)
			answerEach(t, m, upTo("onset=sudden"))
			wantWhere(t, m, onQuestion(q.Tiptoe), "before tiptoe")
			press(m, "2") // cannot
			wantWhere(t, m, onSettled, "tiptoe cannot")
			mustContain(t, m, cat.T(assessment.SameDay.ShortKey()), cat.T("report.now"), cat.T("report.where"),
				cat.T("ui.settled.result"), cat.T("ui.settled.go_on"))

			press(m, "1")
			wantWhere(t, m, onResult, "see the result now")
			a := m.Answers()
			left := 0
			for _, question := range q.All() {
				if q.Asked(&a, question) && !a.Has(question) {
					left++
				}
			}
			if left == 0 {
				t.Fatal("no question left unanswered")
			}
			text := resultText(t, m)
			if want := cat.F("ui.settled.partial", "n", itoa(left)); !strings.Contains(flowSquash(text), flowSquash(want)) {
				t.Errorf("the result is not marked %q:\n%s", want, text)
			}
			if rep := m.Summary(); rep == nil || rep.Triage != assessment.SameDay {
				t.Errorf("the result is not today's: %+v", rep)
			}
			// What the terminal keeps says so too.
			var kept strings.Builder
			if err := WriteSummary(&kept, m); err != nil {
				t.Fatal(err)
			}
			if want := cat.F("ui.settled.partial", "n", itoa(left)); !strings.Contains(flowSquash(kept.String()), flowSquash(want)) {
				t.Errorf("the summary left in the terminal does not say %q:\n%s", want, kept.String())
			}
		})
	}
}

// Going on leads to the next question, and the same settled triage is not
// shown again; the result at the end is not marked as partial.
func TestSettledGoOnIsNotAskedAgain(t *testing.T) {
	m := newTestModel(t, 80, 24, testOptions(t))
	toSettled(t, m)
	press(m, "2")
	wantWhere(t, m, onQuestion(q.Examiner), "go on")
	rest := stories.Classic[slices.Index(stories.Classic, "tiptoe=cannot")+1:]
	answerEach(t, m, rest)
	atReview(t, m)
	press(m, "d")
	text := resultText(t, m)
	if strings.Contains(text, "Estimate from the answers so far") {
		t.Errorf("a full result is marked as partial:\n%s", text)
	}
}

// Back from the settled screen is the question just answered, with its
// answer; answering it again shows the screen again.
func TestSettledBackToTheAnswer(t *testing.T) {
	m := newTestModel(t, 80, 24, testOptions(t))
	toSettled(t, m)
	press(m, "esc")
	wantWhere(t, m, onQuestion(q.Tiptoe), "esc on the settled screen")
	mustContain(t, m, "(your answer)")
	press(m, "enter")
	wantWhere(t, m, onSettled, "the same answer again")
}

// After an emergency sign, the emergency screen has said what to do: the
// settled screen, shown for the same story without it, never shows on top
// of it.
func TestSettledNotAfterAnEmergency(t *testing.T) {
	m := newTestModel(t, 80, 24, testOptions(t))
	toSettled(t, m)
	m = newTestModel(t, 80, 24, testOptions(t))
	script := slices.Clone(stories.Classic)
	script[slices.Index(script, "open_wound=no")] = "open_wound=yes"
	answerEach(t, m, script)
	atReview(t, m)
}

// In course mode the case is stepped through as written, though its
// answers, given by keys, settle the triage.
func TestSettledNotInCourseMode(t *testing.T) {
	m := newTestModel(t, 80, 24, testOptions(t))
	toSettled(t, m)
	opts := testOptions(t)
	opts.Case = "classic"
	m = newTestModel(t, 80, 24, opts)
	for i := 0; i < 200 && where(t, m) != onResult; i++ {
		if where(t, m) == onSettled {
			t.Fatalf("the settled screen in course mode:\n%s", screenText(m))
		}
		press(m, "right")
	}
}

package ui

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"achilles/assessment"
	q "achilles/questionnaire"
	"achilles/ui/internal/stories"
)

// The clot check's questions are asked when a clot could fit the story, and
// a classic rupture is never made to answer them (issue 10). These tests
// answer by keys, as a person would, and record the questions in the order
// the screens show them.

// clotStory is a calf that aches after a long flight, with no injury
// (shared with accessible mode's tests).
var clotStory = stories.Clot

// atReview fails unless the model shows the review.
func atReview(t *testing.T, m *Model) {
	t.Helper()
	wantWhere(t, m, onReview, "after the story")
}

func clotQuestionsIn(qs []q.Q) []q.Q {
	var out []q.Q
	for _, question := range qs {
		if question.Info().Section == q.SectionClot || question == q.HeelBump {
			out = append(out, question)
		}
	}
	return out
}

func TestClassicRuptureIsNotAskedAboutClots(t *testing.T) {
	m := newTestModel(t, 80, 24, testOptions(t))
	shown, keys := answerByKeys(t, m, flowClassic)
	atReview(t, m)
	if extra := clotQuestionsIn(shown); len(extra) > 0 {
		t.Errorf("a classic rupture today was asked %v", extra)
	}
	// One key a choice; the digits and enter for age (42) and pain (6);
	// 0 and enter for the emergency checklist's signs: nothing more.
	if keys != len(flowClassic)-2+3+2-len(checklistOrder())+2 {
		t.Errorf("%d key presses for %d answers", keys, len(flowClassic))
	}
	press(m, "d")
	wantWhere(t, m, onResult, "d on the review")
	if got := resultText(t, m); strings.Contains(flowSquash(got), flowSquash("Blood clot check")) {
		t.Errorf("the result shows a clot check nobody was asked about:\n%s", got)
	}
}

func TestClotStoryReachesTheClotCheck(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {40, 12}} {
		t.Run(strconv.Itoa(size[0])+"x"+strconv.Itoa(size[1]), func(t *testing.T) {
			m := newTestModel(t, size[0], size[1], testOptions(t))
			shown, _ := answerByKeys(t, m, clotStory)
			atReview(t, m)
			want := []q.Q{q.CalfBigger, q.LegSwollen, q.Pitting, q.CalfTender, q.LegImmobilised,
				q.BedRestSurgery, q.LongJourney, q.Pregnancy, q.Hormones, q.Cancer, q.PriorClot, q.KneeProblem}
			if got := clotQuestionsIn(shown); !slices.Equal(got, want) {
				t.Errorf("clot questions asked %v, want %v", got, want)
			}
			r := flowAssess(m.Answers())
			if r.Clot.Level != assessment.ClotLikely || r.Triage != assessment.SameDay {
				t.Fatalf("clot %s, triage %s; want likely and same_day", r.Clot.Level.ID(), r.Triage.ID())
			}
			press(m, "d")
			text := resultText(t, m)
			for _, w := range []string{"TODAY", "Blood clot check", "A blood clot is likely: an adapted Wells score of 2",
				"ultrasound scan of the leg veins within 4 hours", "Blood clot in the calf (DVT)", "Burst Baker's cyst"} {
				if !strings.Contains(flowSquash(stripped(text)), flowSquash(w)) {
					t.Errorf("the result does not say %q:\n%s", w, stripped(text))
				}
			}
		})
	}
}

// The questions a clot story brings are the same whichever way the screen
// is reached: going back over a sign answered yes and changing it to no
// takes away pressing for a dent.
func TestClotQuestionsFollowTheAnswers(t *testing.T) {
	m := newTestModel(t, 80, 24, testOptions(t))
	i := slices.Index(clotStory, "calf_bigger=yes")
	answerByKeys(t, m, clotStory[:i])
	wantWhere(t, m, onQuestion(q.CalfBigger), "after the symptoms")
	mustContain(t, m, "Blood clot check", "Is their injured calf visibly bigger")
	press(m, "t")
	mustContain(t, m, "10 cm", "3 cm")
	press(m, "esc", "1", "2") // bigger, the whole leg not swollen
	wantWhere(t, m, onQuestion(q.Pitting), "after a bigger calf")
	press(m, "esc", "esc", "2", "2") // back to calf_bigger: no; leg_swollen: no
	wantWhere(t, m, onQuestion(q.CalfTender), "without a swollen leg (no pitting)")
}

// mustShow fails unless the screen shows every one of want, whatever the
// wrapping: the teaching panel wraps its lines in a narrow box.
func mustShow(t *testing.T, m *Model, want ...string) {
	t.Helper()
	var rows []string
	for _, line := range strings.Split(screenText(m), "\n") {
		// The panel's borders and the questions beside it are not part of
		// the text: keep what is inside the box.
		if i := strings.Index(line, "│ "); i >= 0 {
			line = strings.TrimSuffix(strings.TrimSpace(line[i+len("│ "):]), "│")
		}
		rows = append(rows, line)
	}
	got := flowSquash(strings.Join(rows, " "))
	for _, w := range want {
		if !strings.Contains(got, flowSquash(w)) {
			t.Fatalf("screen does not show %q:\n%s", w, screenText(m))
		}
	}
}

func TestTeachShowsTheClotCheck(t *testing.T) {
	opts := testOptions(t)
	opts.Teach = true
	m := newTestModel(t, 120, 30, opts)
	i := slices.Index(clotStory, "leg_swollen=no")
	answerByKeys(t, m, clotStory[:i])
	mustShow(t, m, "Clot check: a clot is possible (Wells 1)")
	press(m, "2", "2", "1") // leg not swollen, no dent, tender calf
	mustShow(t, m, "Clot check: a clot is likely (Wells 2)")
	// Under the questions on a narrow terminal too.
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	mustShow(t, m, "Clot check: a clot is likely (Wells 2)")
}

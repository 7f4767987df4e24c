package ui

import (
	"slices"
	"strings"
	"testing"

	q "achilles/questionnaire"
)

// Enter alone on the checklist answers no sign: it says what to do.
func TestChecklistEnterAloneAnswersNothing(t *testing.T) {
	m := newTestModel(t, 80, 24, testOptions(t))
	press(m, "1")
	wantWhere(t, m, onChecklist, "after the start screen")
	if signs, none := ticked(t, m); len(signs) != 0 || none {
		t.Fatalf("the checklist opens with %v ticked (none %v), want nothing", signs, none)
	}
	press(m, "enter")
	wantWhere(t, m, onChecklist, "enter with nothing chosen")
	if a := m.Answers(); a.Len() != 1 {
		t.Fatalf("enter with nothing chosen gave %d answers, want only who is answering", a.Len())
	}
	mustContain(t, m, "Nothing is chosen yet", "None of these")
	// → is no way round it either.
	press(m, "right")
	wantWhere(t, m, onChecklist, "→ with nothing chosen")
}

// "None of these" answers every sign no; it and a tick exclude each other.
func TestChecklistNoneOfThese(t *testing.T) {
	m := newTestModel(t, 80, 24, testOptions(t))
	press(m, "1", "3", "0")
	if signs, none := ticked(t, m); len(signs) != 0 || !none {
		t.Fatalf("0 after a tick: %v ticked, none %v; want only None of these", signs, none)
	}
	press(m, "5")
	if signs, none := ticked(t, m); !slices.Equal(signs, []q.Q{q.SevereTenseCalf}) || none {
		t.Fatalf("a tick after 0: %v ticked, none %v; want the tick alone", signs, none)
	}
	press(m, "5", "0", "enter")
	wantWhere(t, m, onQuestion(q.TimeSince), "None of these and enter")
	a := m.Answers()
	for _, f := range checklistOrder() {
		if !a.Is(f, "no") {
			t.Errorf("%s not answered no after None of these", f.ID())
		}
	}
	// Back from the first question shows the checklist as answered, and
	// back again is the start screen.
	press(m, "esc")
	wantWhere(t, m, onChecklist, "back from the first question")
	if signs, none := ticked(t, m); len(signs) != 0 || !none {
		t.Fatalf("back on the checklist: %v ticked, none %v; want None of these", signs, none)
	}
	press(m, "esc")
	wantWhere(t, m, onStart, "back from the checklist")
}

// Ticked signs are answered yes, the others no, and interrupt with the
// emergency screen; back on the checklist later they are still ticked.
func TestChecklistTicksAnswerYes(t *testing.T) {
	m := newTestModel(t, 80, 24, testOptions(t))
	press(m, "1", "down", "down", "space", "5") // numb foot by space, tense calf by its number
	press(m, "enter")
	wantWhere(t, m, onEmergency, "two signs ticked")
	mustContain(t, m, "Foot cold, pale, blue or numb", "Very tight calf")
	a := m.Answers()
	for _, f := range checklistOrder() {
		want := "no"
		if f == q.NumbOrColdFoot || f == q.SevereTenseCalf {
			want = "yes"
		}
		if !a.Is(f, want) {
			t.Errorf("%s not answered %s", f.ID(), want)
		}
	}
	press(m, "enter")
	wantWhere(t, m, onQuestion(q.TimeSince), "on from the emergency screen")
	press(m, "esc")
	if signs, _ := ticked(t, m); !slices.Equal(signs, []q.Q{q.NumbOrColdFoot, q.SevereTenseCalf}) {
		t.Fatalf("back on the checklist, %v ticked, want the two signs", signs)
	}
	// → keeps the answers as they are, without the emergency screen again.
	press(m, "right")
	wantWhere(t, m, onQuestion(q.TimeSince), "→ on the answered checklist")
}

// The review lists each sign's answer; changing one opens the checklist,
// and confirming it comes back to the review.
func TestChecklistFromReview(t *testing.T) {
	m := newTestModel(t, 80, 24, withAnswers(testOptions(t), classic(t)))
	forwardTo(t, m, q.PriorRupture)
	press(m, "right")
	wantWhere(t, m, onReview, "→ on the last question")
	for i := 0; reviewOn(t, m) != q.Deformity; i++ {
		if i > int(q.Count) {
			t.Fatalf("up does not reach the deformity row:\n%s", screenText(m))
		}
		press(m, "up")
	}
	press(m, "enter")
	wantWhere(t, m, onChecklist, "changing a sign from the review")
	press(m, "4", "enter")
	wantWhere(t, m, onEmergency, "deformity ticked")
	press(m, "enter")
	wantWhere(t, m, onReview, "on from the emergency screen")
	if a := m.Answers(); !a.Is(q.Deformity, "yes") || !a.Is(q.ChestSymptoms, "no") {
		t.Fatal("the change from the review was not kept")
	}
	press(m, "home")
	mustContain(t, m, "Chest pain, breathlessness", "Obvious deformity")
}

// y and n answer a yes/no question at once; elsewhere they do nothing,
// and the help bar offers them only where they work.
func TestYesNoKeys(t *testing.T) {
	m := newTestModel(t, 80, 24, testOptions(t))
	toQuestion(t, m)
	press(m, "1") // time since: less than 24 hours
	wantWhere(t, m, onQuestion(q.Onset), "after time since")
	if s := look(t, m); strings.Contains(s.lines[len(s.lines)-1], "y/n") {
		footer := s.lines[len(s.lines)-1]
		t.Fatalf("the help bar offers y/n on the onset question: %q", footer)
	}
	press(m, "n", "y")
	if a := m.Answers(); a.Has(q.Onset) || where(t, m) != onQuestion(q.Onset) {
		t.Fatal("y or n answered the onset question")
	}
	// Sudden, tiptoe not tried, the injured person examines, calf squeeze
	// not done, left, pushing off.
	press(m, "1", "3", "1", "3", "1", "1")
	wantWhere(t, m, onQuestion(q.Pop), "at pop")
	mustContain(t, m, "y/n yes/no")
	press(m, "n")
	if a := m.Answers(); !a.Is(q.Pop, "no") || where(t, m) != onQuestion(q.Kicked) {
		t.Fatalf("n on pop: pop %v, on the %s screen", answersOf(m).Is(q.Pop, "no"), where(t, m))
	}
	press(m, "y")
	if a := m.Answers(); !a.Is(q.Kicked, "yes") {
		t.Fatal("y on kicked did not answer yes")
	}
}

// On the checklist, w tells why the highlighted sign is asked about.
func TestChecklistWhy(t *testing.T) {
	m := newTestModel(t, 80, 24, testOptions(t))
	press(m, "1") // the injured person
	wantWhere(t, m, onChecklist, "after who is answering")
	press(m, "down", "w")
	why := testOptions(t).Catalog.T(q.OpenWound.WhyKey())
	if !strings.Contains(flowSquash(screenText(m)), flowSquash(strings.Fields(why)[0]+" "+strings.Fields(why)[1]+" "+strings.Fields(why)[2])) {
		t.Errorf("w on the wound sign does not tell why it is asked:\n%s", screenText(m))
	}
}

package accessible

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	q "achilles/questionnaire"
	"achilles/ui/internal/stories"
)

// typedUpTo is what a person types for the classic story up to and
// including tiptoe (cannot), which settles the triage at "today", and the
// answers so far.
func typedUpTo(t *testing.T) ([]string, q.Answers) {
	t.Helper()
	var a q.Answers
	var lines []string
	for _, kv := range stories.Classic[:slices.Index(stories.Classic, "tiptoe=cannot")+1] {
		if err := a.ParseAssignment(kv); err != nil {
			t.Fatal(err)
		}
		id, _, _ := strings.Cut(kv, "=")
		question, _ := q.Lookup(id)
		switch {
		case question == lastFlag():
			line, _ := checklistLine(&a)
			lines = append(lines, line)
		case !question.Info().RedFlag:
			lines = append(lines, typedAnswer(question, &a))
		}
	}
	return lines, a
}

// The settled triage is said at once, and 1 gives the result from the
// answers so far, marked as such.
func TestSettledResultNow(t *testing.T) {
	lines, a := typedUpTo(t)
	out := runScript(t, strings.Join(append(lines, "1"), "\n")+"\n", testOpts())
	why := en.T("ui.settled.why")
	contains(t, out, why, en.T("report.urgency")+": "+en.T("triage.same_day.short"), en.T("report.now"), en.T("report.where"),
		"1. "+en.T("ui.settled.result"), "2. "+en.T("ui.settled.go_on"))
	// Nothing more is asked: the next question's words never appear.
	if strings.Contains(flatten(out), flatten(en.T(q.PushWeak.TextKey(false)))) {
		t.Errorf("a question was asked after choosing the result now:\n%s", out)
	}
	left := 0
	for _, question := range q.All() {
		if q.Asked(&a, question) && !a.Has(question) {
			left++
		}
	}
	contains(t, out, en.F("ui.settled.partial", "n", strconv.Itoa(left)))
	if !strings.HasSuffix(out, assessReport(t, a, "999")) {
		t.Errorf("not the report of the answers so far:\n%s", out)
	}
}

// 2 goes on; the same triage is not announced again, and the full result
// is not marked as partial. b goes back to the answer just given.
func TestSettledGoOnAndBack(t *testing.T) {
	lines, _ := typedUpTo(t)
	input, want := story{assign: stories.Classic}.script(t)
	out := runScript(t, input, testOpts())
	why := flatten(en.T("ui.settled.why"))
	if n := strings.Count(flatten(out), why); n != 1 {
		t.Errorf("the settled triage is said %d times, want once:\n%s", n, out)
	}
	if strings.Contains(out, "Estimate from the answers so far") {
		t.Errorf("a full result is marked as partial:\n%s", out)
	}
	if !strings.HasSuffix(out, assessReport(t, want, "999")) {
		t.Errorf("wrong result:\n%s", out)
	}

	out = runScript(t, strings.Join(append(lines, "b"), "\n")+"\n", testOpts())
	flat := flatten(out)
	tiptoe := flatten(en.T(q.Tiptoe.TextKey(false)))
	if i, j := strings.Index(flat, why), strings.LastIndex(flat, tiptoe); i < 0 || j < i {
		t.Errorf("b does not ask the tiptoe question again:\n%s", out)
	}
}

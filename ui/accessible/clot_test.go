package accessible

import (
	"strings"
	"testing"

	"achilles/assessment"
	q "achilles/questionnaire"
	"achilles/ui/internal/stories"
)

// The clot check's questions are asked when a clot could fit the story, and
// a classic rupture is never made to answer them (issue 10): the full-screen
// questionnaire's tests check the same stories by keys.

// Accessible mode: the typed lines follow the questions a person would be
// asked; a question asked out of turn would shift every answer after it,
// and the report would not be that of the story.
func TestClotQuestionsOnlyWhenTheyMatter(t *testing.T) {
	typed := func(script []string) (string, q.Answers) {
		var a q.Answers
		var lines []string
		var goneOn *assessment.Triage
		for _, s := range script {
			if err := a.ParseAssignment(s); err != nil {
				t.Fatal(err)
			}
			id, _, _ := strings.Cut(s, "=")
			question, _ := q.Lookup(id)
			if question.Info().RedFlag {
				// The emergency checklist: one line, after the last sign.
				if question == lastFlag() {
					line, _ := checklistLine(&a)
					lines = append(lines, line)
					lines = append(lines, goOnIfSettled(&a, question, &goneOn)...)
				}
				continue
			}
			lines = append(lines, typedAnswer(question, &a))
			lines = append(lines, goOnIfSettled(&a, question, &goneOn)...)
		}
		return strings.Join(append(lines, ""), "\n") + "\n", a
	}
	t.Run("classic rupture", func(t *testing.T) {
		input, a := typed(stories.Classic)
		out := runScript(t, input, testOpts())
		for _, question := range []q.Q{q.HeelBump, q.CalfBigger, q.LongJourney} {
			if strings.Contains(flatten(out), flatten(en.T(question.TextKey(false)))) {
				t.Errorf("a classic rupture was asked %s", question)
			}
		}
		if !strings.HasSuffix(out, assessReport(t, a, "999")) || strings.Contains(out, "Blood clot check") {
			t.Errorf("not the report of the classic rupture, or it shows a clot check:\n%s", out)
		}
	})
	t.Run("clot story", func(t *testing.T) {
		input, a := typed(stories.Clot)
		out := runScript(t, input, testOpts())
		contains(t, out, en.T("section.clot"), en.T("q.calf_bigger.text_other"), en.T("q.pitting.text_other"),
			en.T("q.knee_problem.text_other"), "Blood clot check", "A blood clot is likely: an adapted Wells score of 2")
		if !strings.HasSuffix(out, assessReport(t, a, "999")) {
			t.Errorf("not the report of the clot story:\n%s", out)
		}
	})
	t.Run("teach tells the clot check", func(t *testing.T) {
		input, _ := typed(stories.Clot)
		opts := testOpts()
		opts.Teach = true
		out := runScript(t, input, opts)
		contains(t, out, "Clot check: a clot is possible (Wells 1)", "Clot check: a clot is likely (Wells 2)")
	})
}

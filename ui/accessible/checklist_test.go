package accessible

import (
	"strings"
	"testing"

	"achilles/assessment"
	"achilles/catalog"
	q "achilles/questionnaire"
	"achilles/report"
)

// The emergency check is one prompt: every sign numbered, 0 for none.
func TestChecklistOnePrompt(t *testing.T) {
	t.Run("0 answers every sign no", func(t *testing.T) {
		out := runScript(t, "1\n0\n", testOpts())
		contains(t, out, en.T("access.checklist.text"), "1. "+en.T("label.chest_symptoms"),
			"7. "+en.T("label.calf_swelling_warm"), "0. "+en.T("ui.checklist.none"),
			en.F("access.checklist.how", "max", "7"), en.T("q.time_since.text"))
		for _, f := range redFlags() {
			if strings.Contains(flatten(out), flatten(en.T(f.TextKey(false)))) {
				t.Errorf("%s is asked on its own", f)
			}
		}
		if !strings.HasSuffix(out, assessReport(t, answersOf(t), "999")) {
			t.Errorf("not the result with every sign no:\n%s", out)
		}
	})
	t.Run("the numbers that apply answer them yes, the others no", func(t *testing.T) {
		out := runScript(t, "1\n3 5\n\n", testOpts())
		contains(t, out, en.T("access.alert.continue"))
		want := answersOf(t, "numb_or_cold_foot=yes", "severe_tense_calf=yes")
		if !strings.HasSuffix(out, assessReport(t, want, "999")) {
			t.Errorf("not the result of signs 3 and 5:\n%s", out)
		}
	})
	t.Run("back from the next question asks the checklist again, keeping it", func(t *testing.T) {
		out := runScript(t, "1\n2\n\nb\nb\n", testOpts())
		flat := flatten(out)
		if n := strings.Count(flat, flatten(en.T("access.checklist.text"))); n != 2 {
			t.Errorf("the checklist was shown %d times, want 2 (then back to who is answering):\n%s", n, out)
		}
		contains(t, out, en.F("access.enter_keep", "answer", en.T("label.open_wound")))
		if n := strings.Count(flat, flatten(en.T(q.Answerer.TextKey(false)))); n != 2 {
			t.Errorf("b at the checklist did not go back to who is answering:\n%s", out)
		}
	})
	t.Run("the review changes a sign through the checklist", func(t *testing.T) {
		input := strings.TrimSuffix(reviewInput(t), "\n") + "\n3\n4\n\n\n"
		out := runScript(t, input, testOpts())
		want := answersOf(t, "deformity=yes")
		if !strings.HasSuffix(out, assessReport(t, want, "999")) {
			t.Errorf("not the result with deformity changed to yes:\n%s", out)
		}
	})
}

// A choice can be typed in words: the value ID, the label, yes and no, in
// any case and in the session's language.
func TestChoiceInWords(t *testing.T) {
	zh := catalog.MustLoad("zh-Hant")
	for _, tt := range []struct {
		name  string
		cat   *catalog.Catalog
		at    int // the line typed in words: 8 mechanism, 9 pop
		typed string
		want  string
	}{
		{"a value ID", en, 8, "PUSH_OFF", "mechanism=push_off"},
		{"another value ID", en, 8, "landing", "mechanism=landing"},
		{"a label", en, 8, "hit or kicked on the leg", "mechanism=direct_blow"},
		{"yes", en, 9, "Yes", "pop=yes"},
		{"n", en, 9, "n", "pop=no"},
		{"not sure", en, 9, "not sure", "pop=unsure"},
		{"是 in Chinese", zh, 9, "是", "pop=yes"},
		{"否 in Chinese", zh, 9, "否", "pop=no"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			// self, none of these, less than 24 hours, sudden, tiptoe not
			// tried, who examines skipped, calf squeeze not done, left,
			// pushing off, pop not sure; then the input ends.
			lines := []string{"1", "0", "1", "1", "3", "", "3", "1", "1", "3"}
			lines[tt.at] = tt.typed
			opts := testOpts()
			opts.Catalog = tt.cat
			out := runScript(t, strings.Join(lines, "\n")+"\n", opts)
			want := answersOf(t, "time_since=lt_24h", "onset=sudden", "tiptoe=not_tried", "thompson=not_done",
				"side=left", "mechanism=push_off", "pop=unsure")
			if err := want.ParseAssignment(tt.want); err != nil {
				t.Fatal(err)
			}
			want = q.Effective(want)
			rep := assessment.NewReport(assessment.Assess(want), tt.cat, assessment.Options{Emergency: "999"})
			if !strings.HasSuffix(out, report.Text(&rep, report.TextOptions{Width: 80, Spoken: true})+"\n"+report.SpokenRecap(&rep, 80)) {
				t.Errorf("%q did not answer %s:\n%s", tt.typed, tt.want, out)
			}
		})
	}
}

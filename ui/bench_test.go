package ui

import "testing"

// wholeQuestionnaire is one person's keys from the start screen through
// every question to the result, a scroll through it, and back to the start
// ("n", "y"): a cycle that can repeat.
var wholeQuestionnaire = []string{
	"1", "0", "enter", // start, emergency checklist: none of these
	"1", "1", "1", "1", "1", "1", // time, side, onset, mechanism, pop, kicked
	"1", "4", "enter", "1", "2", // site, pain 4, swelling, prior symptoms
	"2", "2", "1", // walk, tiptoe, push
	"2", "1", "1", "1", "2", // examiner, gap, thompson, matles, bone
	"4", "1", "enter", "2", "2", "2", // age 41, risk factors
	"d", "pgdown", "pgdown", "n", "y",
}

// The benchmark's cycle really goes through the whole questionnaire.
func TestWholeQuestionnaireCycle(t *testing.T) {
	m := newTestModel(t, 80, 24, testOptions(t))
	sawResult := false
	for _, k := range wholeQuestionnaire {
		press(m, k)
		sawResult = sawResult || where(t, m) == onResult
	}
	if got := where(t, m); !sawResult || got != onStart || answersOf(m).Len() != 0 {
		t.Fatalf("the cycle did not reach the result and return to the start (on the %s screen)", got)
	}
}

// BenchmarkKeystroke is one keystroke handled by Update and drawn by View
// at 80×24, averaged over a whole questionnaire. Target: at most 100 µs.
func BenchmarkKeystroke(b *testing.B) {
	m := newTestModel(b, 80, 24, testOptions(b))
	msgs := make([]any, len(wholeQuestionnaire))
	for i, k := range wholeQuestionnaire {
		msgs[i] = keyMsg(k)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.Update(msgs[i%len(msgs)])
		_ = m.View()
	}
}

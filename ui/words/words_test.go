package words

import (
	"testing"

	"achilles/assessment"
	"achilles/catalog"
	q "achilles/questionnaire"
)

func TestAnswer(t *testing.T) {
	en := catalog.MustLoad("en")
	var a q.Answers
	for _, s := range []string{"age=41", "side=left"} {
		if err := a.ParseAssignment(s); err != nil {
			t.Fatal(err)
		}
	}
	nobody := a
	if err := nobody.Set(q.Examiner, "nobody"); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		a        q.Answers
		question q.Q
		want     string
		answered bool
	}{
		{"a number with its unit", a, q.Age, "41 years", true},
		{"a choice", a, q.Side, en.T("q.side.v.left"), true},
		{"not answered", a, q.Pop, en.T("report.not_answered"), false},
		{"nobody can examine", nobody, q.Examiner, en.T(q.Examiner.ValueKey("nobody")), true},
		{"the examiner not answered", a, q.Examiner, en.T("report.not_answered"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Answer(en, &tt.a, tt.question); got != tt.want {
				t.Errorf("Answer(%s) = %q, want %q", tt.question, got, tt.want)
			}
			if got := Answered(&tt.a, tt.question); got != tt.answered {
				t.Errorf("Answered(%s) = %v, want %v", tt.question, got, tt.answered)
			}
		})
	}
}

// Signs lists every emergency question of the bank, in asking order, each
// calling for care the same day or sooner, in the report's own words.
func TestSigns(t *testing.T) {
	en := catalog.MustLoad("en")
	var want []q.Q
	for question := q.Q(0); question < q.Count; question++ {
		if question.Info().RedFlag {
			want = append(want, question)
		}
	}
	signs := Signs(en, "999")
	if len(signs) != len(want) {
		t.Fatalf("%d signs, want the bank's %d red flags", len(signs), len(want))
	}
	for i, sign := range signs {
		if sign.Question != want[i] {
			t.Errorf("sign %d is %s, want %s", i, sign.Question, want[i])
		}
		if sign.Triage < assessment.SameDay {
			t.Errorf("%s alone calls for %s, less than the same day", sign.Question, sign.Triage.ID())
		}
		if sign.Headline == "" {
			t.Errorf("%s has no headline", sign.Question)
		}
	}
	if signs[0].Question != q.ChestSymptoms || signs[0].Triage != assessment.EmergencyAmbulance ||
		signs[0].Headline != "Call an ambulance now: 999" {
		t.Errorf("chest symptoms: %+v, want an ambulance, called on 999", signs[0])
	}
}

package assessment

import (
	"math/rand/v2"
	"slices"
	"testing"

	q "achilles/questionnaire"
)

// clotQuestions are the questions whose "yes" is a sign or risk of a clot:
// the clot section, the swollen warm calf and the chest symptoms.
func clotQuestions() []q.Q {
	qs := []q.Q{q.ChestSymptoms, q.CalfSwellingWarm}
	for _, question := range q.All() {
		if question.Info().Section == q.SectionClot {
			qs = append(qs, question)
		}
	}
	return qs
}

// TestClotCheckNeverLowersTheRuptureTriage: whatever else was answered,
// answering the clot check's questions never makes the triage less urgent
// and never moves the rupture estimate; it is a separate estimate.
func TestClotCheckNeverLowersTheRuptureTriage(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	for range samples {
		a := randomAnswers(rng)
		without := a
		for _, question := range q.All() {
			if question.Info().Section == q.SectionClot {
				without.Clear(question)
			}
		}
		with, base := Assess(a), Assess(without)
		if with.Triage < base.Triage {
			t.Fatalf("the clot answers lowered the triage from %s to %s (%v)", base.Triage.ID(), with.Triage.ID(), with.Reasons.IDs())
		}
		if with.Probability != base.Probability || with.Band != base.Band {
			t.Fatalf("the clot answers moved the rupture estimate: %.4f to %.4f", base.Probability, with.Probability)
		}
	}
}

// TestClotSignsAndRisksNeverLower: answering yes to any sign or risk of a
// clot never lowers the clot check's result or points, nor the triage.
func TestClotSignsAndRisksNeverLower(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 24))
	qs := clotQuestions()
	for range samples / 4 {
		a := randomAnswers(rng)
		before := Assess(a)
		for _, question := range qs {
			b := a
			if err := b.SetChoice(question, "yes"); err != nil {
				t.Fatal(err)
			}
			after := Assess(b)
			if after.Clot.Level < before.Clot.Level || after.Clot.Points < before.Clot.Points {
				t.Fatalf("%s=yes lowered the clot check from %s (%d) to %s (%d)", question, before.Clot.Level.ID(), before.Clot.Points, after.Clot.Level.ID(), after.Clot.Points)
			}
			if after.Triage < before.Triage {
				t.Fatalf("%s=yes lowered the triage from %s to %s", question, before.Triage.ID(), after.Triage.ID())
			}
		}
	}
}

// TestSuspectedClotIsSeenToday: a possible or likely clot is at least the
// same day (NICE NG158: tested within 4 hours), never eased after 4 weeks,
// and with chest symptoms it is an ambulance.
func TestSuspectedClotIsSeenToday(t *testing.T) {
	rng := rand.New(rand.NewPCG(25, 26))
	seen := [3]int{}
	for range samples {
		a := randomAnswers(rng)
		r := Assess(a)
		seen[r.Clot.Level]++
		if r.Clot.Level > ClotNoSigns && r.Triage < SameDay {
			t.Fatalf("clot %s gave only %s (%v)", r.Clot.Level.ID(), r.Triage.ID(), r.Reasons.IDs())
		}
		if r.Clot.Level == ClotLikely && !slices.Contains(r.DecisiveReasons(), "clot_likely") && r.Triage == SameDay {
			t.Fatalf("a likely clot at same_day without its reason: %v", r.DecisiveReasons())
		}
		if a.Is(q.ChestSymptoms, "yes") && (r.Triage != EmergencyAmbulance || r.Clot.Level == ClotNoSigns) {
			t.Fatalf("chest symptoms gave %s, clot %s", r.Triage.ID(), r.Clot.Level.ID())
		}
		if r.Clot.Points < 0 || r.Clot.Points > 8 {
			t.Fatalf("clot points %d outside 0–8", r.Clot.Points)
		}
	}
	for level, n := range seen {
		if n == 0 {
			t.Errorf("no random answers gave clot %s: the property was not exercised", ClotLevel(level).ID())
		}
	}
}

// TestClotCheckRules pins the rules of the clot check to what docs/evidence.md
// §8 says, one rule a row.
func TestClotCheckRules(t *testing.T) {
	tests := []struct {
		name    string
		answers string
		level   ClotLevel
		points  int
	}{
		{"nothing answered", `{}`, ClotNoSigns, 0},
		{"risk factors alone are not a clot", `{"long_journey": "yes", "cancer": "yes", "prior_clot": "yes"}`, ClotNoSigns, 2},
		{"calf pain after a clear injury, nothing else", `{"pain_site": "calf", "onset": "sudden", "mechanism": "push_off"}`, ClotNoSigns, 0},
		{"calf pain without a clear injury", `{"pain_site": "calf", "onset": "gradual"}`, ClotPossible, 0},
		{"calf pain, nothing in particular happened", `{"pain_site": "calf", "onset": "sudden", "mechanism": "none"}`, ClotPossible, 0},
		{"calf pain, onset not known", `{"pain_site": "calf"}`, ClotPossible, 0},
		{"calf pain, sudden, not known what the foot was doing", `{"pain_site": "calf", "onset": "sudden", "mechanism": "unsure"}`, ClotPossible, 0},
		{"calf pain, sudden, the foot not said", `{"pain_site": "calf", "onset": "sudden"}`, ClotPossible, 0},
		{"one Wells point after an injury", `{"pain_site": "calf", "onset": "sudden", "mechanism": "push_off", "calf_tender": "yes"}`, ClotPossible, 1},
		{"a risk factor with calf pain after an injury", `{"pain_site": "calf", "onset": "sudden", "mechanism": "push_off", "hormones": "yes"}`, ClotPossible, 0},
		{"a knee that may hold a Baker's cyst", `{"pain_site": "calf", "onset": "sudden", "mechanism": "push_off", "knee_problem": "yes"}`, ClotPossible, 0},
		{"two Wells points", `{"calf_bigger": "yes", "leg_immobilised": "yes", "onset": "sudden", "mechanism": "push_off"}`, ClotLikely, 2},
		{"a swollen warm tender calf is two points", `{"calf_swelling_warm": "yes"}`, ClotLikely, 2},
		{"and not counted twice", `{"calf_swelling_warm": "yes", "calf_bigger": "yes", "calf_tender": "yes"}`, ClotLikely, 2},
		{"other risks add no point", `{"calf_bigger": "yes", "long_journey": "yes", "pregnancy": "yes", "hormones": "yes", "onset": "sudden", "mechanism": "push_off"}`, ClotPossible, 1},
		{"every Wells item", `{"calf_bigger": "yes", "leg_swollen": "yes", "pitting": "yes", "calf_tender": "yes", "leg_immobilised": "yes", "bed_rest_surgery": "yes", "cancer": "yes", "prior_clot": "yes"}`, ClotLikely, 8},
		{"chest symptoms alone", `{"chest_symptoms": "yes"}`, ClotPossible, 0},
		{"unsure and not checked count nothing", `{"calf_bigger": "unsure", "pitting": "not_checked", "calf_tender": "not_checked", "onset": "sudden", "mechanism": "twist"}`, ClotNoSigns, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := q.ParseAnswers([]byte(tt.answers))
			if err != nil {
				t.Fatal(err)
			}
			c := Assess(a).Clot
			if c.Level != tt.level || c.Points != tt.points {
				t.Errorf("clot %s with %d points (%v), want %s with %d", c.Level.ID(), c.Points, c.Findings(), tt.level.ID(), tt.points)
			}
		})
	}
}

// TestHeelBumpIsNeverAnEmergency: a long-standing bump at the back of the
// heel gives a consultation at least, and never more than the rest of the
// answers call for.
func TestHeelBumpIsNeverAnEmergency(t *testing.T) {
	rng := rand.New(rand.NewPCG(27, 28))
	for range samples / 4 {
		a := randomAnswers(rng)
		no, bump := a, a
		no.Clear(q.HeelBump)
		_ = bump.SetChoice(q.HeelBump, "yes")
		want := max(Assess(no).Triage, Consultation)
		if got := Assess(bump).Triage; got != want {
			t.Fatalf("heel_bump=yes gave %s, want %s", got.ID(), want.ID())
		}
	}
}

// TestPopAfterSuddenInjuryIsNeverSelfCare: the rule of issue 10's review,
// written next to its source in triage.go.
func TestPopAfterSuddenInjuryIsNeverSelfCare(t *testing.T) {
	rng := rand.New(rand.NewPCG(29, 30))
	for range samples {
		a := randomAnswers(rng)
		r := Assess(a)
		pop := a.Is(q.Onset, "sudden") && (a.Is(q.Pop, "yes") || a.Is(q.Kicked, "yes"))
		if !pop {
			continue
		}
		if r.Triage < Consultation {
			t.Fatalf("a sudden injury with a pop gave %s", r.Triage.ID())
		}
		if !tendonTested(&a) && !a.Is(q.TimeSince, "gt_4w") && r.Triage < SameDay {
			t.Fatalf("an untested pop gave %s", r.Triage.ID())
		}
	}
}

// TestHeelSkinStaysAnEmergency: the narrower wording of heel_skin changes
// what a person answers, not what a script's yes means (docs/contract.md): a
// yes is still an emergency, even beside a long-standing heel bump.
func TestHeelSkinStaysAnEmergency(t *testing.T) {
	for _, doc := range []string{
		`{"heel_skin": "yes"}`,
		`{"heel_skin": "yes", "heel_bump": "yes", "onset": "gradual", "pain_site": "heel"}`,
	} {
		a, err := q.ParseAnswers([]byte(doc))
		if err != nil {
			t.Fatal(err)
		}
		if r := Assess(a); r.Triage != Emergency || !r.Reasons.Has(ReasonHeelSkin) {
			t.Errorf("%s: triage %s (%v), want emergency for heel_skin", doc, r.Triage.ID(), r.Reasons.IDs())
		}
	}
}

// TestQuinoloneTendonPainIsSeen: tendon pain with a quinolone antibiotic is
// seen within days at least, whatever else lowers the estimate (MHRA 2019),
// and the advice says to contact the prescriber.
func TestQuinoloneTendonPainIsSeen(t *testing.T) {
	doc := `{"onset": "unsure", "pain_site": "achilles",
		"walk": "normal", "tiptoe": "can", "push_weak": "no", "examiner": "clinician", "thompson": "negative",
		"matles": "negative", "gap": "not_felt", "fluoroquinolone": "yes"}`
	a, err := q.ParseAnswers([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	without := a
	_ = without.SetChoice(q.Fluoroquinolone, "no")
	if r := Assess(without); r.Triage != SelfCare {
		t.Fatalf("without the quinolone the story gives %s (%v); it must be self-care for this test to mean anything", r.Triage.ID(), r.Reasons.IDs())
	}
	r := Assess(a)
	if r.Triage != Consultation || !r.Reasons.Has(ReasonQuinolone) {
		t.Errorf("with the quinolone: triage %s (%v), want consultation for quinolone_tendon", r.Triage.ID(), r.Reasons.IDs())
	}
}

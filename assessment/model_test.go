package assessment

import (
	"math"
	"testing"

	q "achilles/questionnaire"
)

func answers(t testing.TB, pairs ...string) q.Answers {
	t.Helper()
	var a q.Answers
	for i := 0; i+1 < len(pairs); i += 2 {
		question, ok := q.Lookup(pairs[i])
		if !ok {
			t.Fatalf("unknown question %q", pairs[i])
		}
		if err := a.Set(question, pairs[i+1]); err != nil {
			t.Fatal(err)
		}
	}
	return a
}

// posterior is the textbook Bayes update from the prior with one LR.
func posterior(lr float64) float64 {
	odds := Prior / (1 - Prior) * lr
	return odds / (1 + odds)
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// TestLikelihoodRatios checks every number of docs/evidence.md §2 on its own:
// the stated LR, its basis and source, and the posterior it gives when it is
// the only answer (clinician-examined, so no examiner weighting applies).
func TestLikelihoodRatios(t *testing.T) {
	tests := []struct {
		id, value string
		lr        float64
		low, high float64
		basis     Basis
		source    string
	}{
		{"thompson", "positive", 13.7, 3.54, 51.24, Published, "Maffulli 1998; Reiman 2014"},
		{"thompson", "negative", 0.04, 0.02, 0.10, Published, "Maffulli 1998; Reiman 2014"},
		{"matles", "positive", 5.9, 0, 0, Published, "Maffulli 1998"},
		{"matles", "negative", 0.14, 0, 0, Published, "Maffulli 1998"},
		{"gap", "felt", 6.6, 0, 0, Published, "Maffulli 1998"},
		{"gap", "not_felt", 0.30, 0.23, 0.40, Published, "Reiman 2014"},
		{"onset", "sudden", 3.0, 0, 0, Assumption, "model assumption"},
		{"onset", "gradual", 0.25, 0, 0, Assumption, "Reiman 2014"},
		{"mechanism", "push_off", 2.0, 0, 0, Assumption, "model assumption"},
		{"mechanism", "landing", 2.0, 0, 0, Assumption, "model assumption"},
		{"mechanism", "twist", 0.5, 0, 0, Assumption, "model assumption"},
		{"mechanism", "direct_blow", 0.7, 0, 0, Assumption, "model assumption"},
		{"mechanism", "none", 0.7, 0, 0, Assumption, "model assumption"},
		{"pop", "yes", 2.0, 0, 0, Assumption, "Boyd 2015"},
		{"pop", "no", 0.7, 0, 0, Assumption, "Boyd 2015"},
		{"kicked", "yes", 3.0, 0, 0, Assumption, "model assumption"},
		{"kicked", "no", 0.8, 0, 0, Assumption, "model assumption"},
		{"pain_site", "achilles", 1.5, 0, 0, Assumption, "model assumption"},
		{"pain_site", "heel", 0.7, 0, 0, Assumption, "model assumption"},
		{"pain_site", "calf", 0.5, 0, 0, Assumption, "model assumption"},
		{"pain_site", "ankle_side", 0.3, 0, 0, Assumption, "model assumption"},
		{"pain_site", "other", 0.5, 0, 0, Assumption, "model assumption"},
		{"swelling", "yes", 1.3, 0, 0, Assumption, "model assumption"},
		{"swelling", "no", 0.8, 0, 0, Assumption, "model assumption"},
		{"tiptoe", "cannot", 2.5, 0, 0, Assumption, "Singh 2015"},
		{"tiptoe", "can", 0.4, 0, 0, Assumption, "Singh 2015"},
		{"push_weak", "yes", 2.0, 0, 0, Assumption, "Chiodo 2010 (AAOS)"},
		{"push_weak", "no", 0.6, 0, 0, Assumption, "Chiodo 2010 (AAOS)"},
		{"walk", "unable", 1.2, 0, 0, Assumption, "Singh 2015"},
		{"walk", "limp", 1.1, 0, 0, Assumption, "Singh 2015"},
		{"walk", "normal", 0.8, 0, 0, Assumption, "Singh 2015"},
		{"age", "19", 0.5, 0, 0, Assumption, "Ganestam 2016"},
		{"age", "20", 0.9, 0, 0, Assumption, "Ganestam 2016"},
		{"age", "29", 0.9, 0, 0, Assumption, "Ganestam 2016"},
		{"age", "30", 1.3, 0, 0, Assumption, "Ganestam 2016"},
		{"age", "55", 1.3, 0, 0, Assumption, "Ganestam 2016"},
		{"fluoroquinolone", "yes", 1.5, 0, 0, Assumption, "van der Linden 2003; Morales 2019"},
		{"corticosteroid", "yes", 1.5, 0, 0, Assumption, "Morales 2019"},
		{"prior_rupture", "yes", 1.3, 0, 0, Assumption, "Park 2019"},
		{"prior_symptoms", "yes", 1.2, 0, 0, Assumption, "model assumption"},
	}
	for _, tt := range tests {
		t.Run(tt.id+"="+tt.value, func(t *testing.T) {
			r := Assess(answers(t, tt.id, tt.value, "examiner", "clinician"))
			trace := r.Trace()
			if len(trace) != 1 {
				t.Fatalf("trace has %d steps, want 1: %+v", len(trace), trace)
			}
			s := trace[0]
			if s.Question.ID() != tt.id || s.Stated() != tt.lr || !near(s.LR(), tt.lr) || s.Basis != tt.basis || s.Source != tt.source {
				t.Errorf("step %+v, want LR %v basis %v source %q", s, tt.lr, tt.basis, tt.source)
			}
			if got, want := r.Probability, posterior(tt.lr); !near(got, want) {
				t.Errorf("probability %.6f, want %.6f", got, want)
			}
			if tt.low > 0 {
				if !near(r.Low, posterior(tt.low)) || !near(r.High, posterior(tt.high)) {
					t.Errorf("range %.4f–%.4f, want the CI's %.4f–%.4f", r.Low, r.High, posterior(tt.low), posterior(tt.high))
				}
			} else if tt.basis == Assumption {
				lo, hi := math.Pow(tt.lr, 0.5), math.Pow(tt.lr, 1.5)
				lo, hi = min(lo, hi), max(lo, hi)
				if !near(r.Low, posterior(lo)) || !near(r.High, posterior(hi)) {
					t.Errorf("range %.4f–%.4f, want log-LR ×0.5/×1.5: %.4f–%.4f", r.Low, r.High, posterior(lo), posterior(hi))
				}
			} else if !near(r.Low, r.Probability) || !near(r.High, r.Probability) {
				t.Errorf("range %.4f–%.4f, want the point %.4f (no CI published)", r.Low, r.High, r.Probability)
			}
		})
	}
}

// TestNeutralAnswersMoveNothing: "unsure", "not tried", "not done", "not
// checked" and the risk factors' "no" are the same as leaving the question out.
func TestNeutralAnswersMoveNothing(t *testing.T) {
	neutral := [][2]string{
		{"onset", "unsure"}, {"mechanism", "unsure"}, {"pop", "unsure"}, {"kicked", "unsure"},
		{"swelling", "unsure"}, {"tiptoe", "not_tried"}, {"push_weak", "unsure"},
		{"gap", "not_checked"}, {"thompson", "not_done"}, {"matles", "not_done"},
		{"fluoroquinolone", "no"}, {"fluoroquinolone", "unsure"}, {"corticosteroid", "no"},
		{"prior_rupture", "no"}, {"prior_symptoms", "no"}, {"age", "56"}, {"age", "90"},
		{"side", "left"}, {"pain_now", "9"}, {"time_since", "lt_24h"}, {"bone_tender", "yes"},
	}
	for _, n := range neutral {
		r := Assess(answers(t, n[0], n[1]))
		if r.Probability != Prior || len(r.Trace()) != 0 {
			t.Errorf("%s=%s moved the estimate to %.4f (trace %v)", n[0], n[1], r.Probability, r.Trace())
		}
	}
}

// TestExaminerWeighting: examination LRs are raised to the power 1.0 for a
// clinician, 0.75 for a trainer and 0.5 for the injured person (docs/evidence.md
// §1.4), and the default follows who is answering.
func TestExaminerWeighting(t *testing.T) {
	tests := []struct {
		pairs []string
		w     float64
	}{
		{[]string{"examiner", "clinician"}, 1.0},
		{[]string{"examiner", "trainer"}, 0.75},
		{[]string{"examiner", "self"}, 0.5},
		{[]string{"answerer", "other"}, 0.75},
		{[]string{"answerer", "self"}, 0.5},
		{nil, 0.5},
		{[]string{"answerer", "other", "examiner", "clinician"}, 1.0},
	}
	for _, tt := range tests {
		r := Assess(answers(t, append(tt.pairs, "thompson", "positive")...))
		s := r.Trace()[0]
		if !near(s.LR(), math.Pow(13.7, tt.w)) || !near(s.Weight, tt.w) {
			t.Errorf("%v: applied LR %.4f weight %.2f, want 13.7^%.2f = %.4f", tt.pairs, s.LR(), s.Weight, tt.w, math.Pow(13.7, tt.w))
		}
		// The weighting applies to the examination group only.
		r = Assess(answers(t, append(tt.pairs, "tiptoe", "cannot")...))
		if !near(r.Trace()[0].LR(), 2.5) {
			t.Errorf("%v: tiptoe weighted to %.4f; examiner weighting must not touch it", tt.pairs, r.Trace()[0].LR())
		}
	}
}

// TestGroupWeights: within a group, log-LRs sorted by size are weighted 1.0,
// 0.6, 0.4, then 0.3, 0.2; across groups they add up unweighted.
func TestGroupWeights(t *testing.T) {
	l := math.Log
	tests := []struct {
		name  string
		pairs []string
		log   float64 // the summed log-LR the model must apply
	}{
		{"two in history", []string{"onset", "sudden", "pop", "yes"}, l(3) + 0.6*l(2)},
		{"order by size, not by question", []string{"pop", "yes", "kicked", "yes"}, l(3) + 0.6*l(2)},
		{"four in history", []string{"onset", "sudden", "mechanism", "push_off", "pop", "yes", "kicked", "yes"},
			l(3) + 0.6*l(3) + 0.4*l(2) + 0.3*l(2)},
		{"size is absolute", []string{"tiptoe", "can", "push_weak", "yes"}, l(0.4) + 0.6*l(2)},
		{"examination by clinician", []string{"examiner", "clinician", "thompson", "positive", "matles", "positive", "gap", "felt"},
			l(13.7) + 0.6*l(6.6) + 0.4*l(5.9)},
		{"examination by trainer", []string{"examiner", "trainer", "thompson", "negative", "gap", "not_felt"},
			0.75*l(0.04) + 0.6*0.75*l(0.30)},
		{"five risk factors", []string{"age", "40", "fluoroquinolone", "yes", "corticosteroid", "yes", "prior_rupture", "yes", "prior_symptoms", "yes"},
			l(1.5) + 0.6*l(1.5) + 0.4*l(1.3) + 0.3*l(1.3) + 0.2*l(1.2)},
		{"groups are independent", []string{"onset", "sudden", "pain_site", "achilles", "tiptoe", "cannot", "age", "40"},
			l(3) + l(1.5) + l(2.5) + l(1.3)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Assess(answers(t, tt.pairs...))
			want := posterior(math.Exp(tt.log))
			if !near(r.Probability, want) {
				t.Errorf("probability %.6f, want %.6f", r.Probability, want)
			}
			// The trace's applied LRs multiply to the same odds.
			prod := 1.0
			for _, s := range r.Trace() {
				prod *= s.LR()
			}
			if !near(posterior(prod), r.Probability) {
				t.Errorf("trace LRs multiply to %.6f, not the estimate %.6f", posterior(prod), r.Probability)
			}
		})
	}
}

func TestBandEdges(t *testing.T) {
	tests := []struct {
		p    float64
		band string
	}{
		{0, "unlikely"}, {0.0999, "unlikely"}, {0.10, "possible"}, {0.4999, "possible"},
		{0.50, "likely"}, {0.8499, "likely"}, {0.85, "very_likely"}, {1, "very_likely"},
	}
	for _, tt := range tests {
		if got := BandOf(tt.p).ID(); got != tt.band {
			t.Errorf("BandOf(%v) = %s, want %s", tt.p, got, tt.band)
		}
	}
	// Nothing answered sits exactly on the prior, which is the edge of
	// "possible": it must not slip below it through rounding.
	if r := Assess(q.Answers{}); r.Probability != Prior || r.Band != Possible || r.Low != Prior || r.High != Prior {
		t.Errorf("empty assessment: p=%v band=%s range %v–%v", r.Probability, r.Band.ID(), r.Low, r.High)
	}
}

func TestAAOS(t *testing.T) {
	tests := []struct {
		pairs              []string
		positive, assessed int
		met                bool
	}{
		{nil, 0, 0, false},
		{[]string{"thompson", "positive"}, 1, 1, false},
		{[]string{"thompson", "positive", "push_weak", "yes"}, 2, 2, true},
		{[]string{"gap", "felt", "matles", "positive", "push_weak", "no", "thompson", "negative"}, 2, 4, true},
		{[]string{"gap", "not_checked", "matles", "not_done", "push_weak", "unsure", "thompson", "not_done"}, 0, 0, false},
		{[]string{"gap", "felt", "matles", "positive", "push_weak", "yes", "thompson", "positive"}, 4, 4, true},
	}
	for _, tt := range tests {
		r := Assess(answers(t, tt.pairs...))
		if r.AAOS != (AAOS{tt.positive, tt.assessed, tt.met}) {
			t.Errorf("%v: AAOS %+v, want %d of %d, met %v", tt.pairs, r.AAOS, tt.positive, tt.assessed, tt.met)
		}
	}
	// AAOS met raises the band to at least likely, even when the weighted
	// estimate is lower (self-examined signs against a gradual onset).
	r := Assess(answers(t, "onset", "gradual", "pain_site", "heel", "thompson", "positive", "push_weak", "yes", "examiner", "self"))
	if r.Probability >= 0.5 {
		t.Fatalf("test needs an estimate below 0.5, got %.3f", r.Probability)
	}
	if r.Band != Likely || !r.BandRaised || r.Triage < SameDay {
		t.Errorf("AAOS met: band %s raised %v triage %s; want likely, raised, same_day", r.Band.ID(), r.BandRaised, r.Triage.ID())
	}
}

// TestSafetyFloors checks each floor of docs/evidence.md §4 on answers that
// would otherwise give self-care.
func TestSafetyFloors(t *testing.T) {
	// A low-probability base: a twisted ankle, pain at the side, can tiptoe,
	// clinician finds the calf squeeze normal.
	base := []string{"onset", "sudden", "mechanism", "twist", "pain_site", "ankle_side", "tiptoe", "can", "examiner", "clinician", "thompson", "negative"}
	if r := Assess(answers(t, base...)); r.Triage != SelfCare || r.Probability >= 0.03 {
		t.Fatalf("base case: triage %s p=%.4f; want self_care below 3%%", r.Triage.ID(), r.Probability)
	}
	tests := []struct {
		name   string
		extra  []string
		triage Triage
		reason Reason
	}{
		{"chest symptoms", []string{"chest_symptoms", "yes"}, EmergencyAmbulance, ReasonChest},
		{"open wound", []string{"open_wound", "yes"}, Emergency, ReasonOpenWound},
		{"cold numb foot", []string{"numb_or_cold_foot", "yes"}, Emergency, ReasonCirculation},
		{"deformity", []string{"deformity", "yes"}, Emergency, ReasonDeformity},
		{"tense calf", []string{"severe_tense_calf", "yes"}, Emergency, ReasonCompartment},
		{"heel skin", []string{"heel_skin", "yes"}, Emergency, ReasonHeelSkin},
		{"chest beats wound", []string{"open_wound", "yes", "chest_symptoms", "yes"}, EmergencyAmbulance, ReasonChest},
		{"AAOS met", []string{"gap", "felt", "push_weak", "yes"}, SameDay, ReasonAAOS},
		{"sudden with weakness", []string{"push_weak", "yes"}, SameDay, ReasonSuddenWeak},
		{"Ottawa bone tenderness", []string{"bone_tender", "yes"}, SameDay, ReasonOttawa},
		{"cannot take four steps", []string{"walk", "unable"}, SameDay, ReasonWalkUnable},
		{"calf swollen and warm", []string{"calf_swelling_warm", "yes"}, SameDay, ReasonDVT},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Assess(answers(t, append(append([]string{}, base...), tt.extra...)...))
			if r.Triage != tt.triage || !r.Reasons.Has(tt.reason) {
				t.Errorf("triage %s reasons %v; want %s with %s", r.Triage.ID(), r.Reasons.IDs(), tt.triage.ID(), reasonIDs[bitIndex(tt.reason)])
			}
		})
	}

	// Sudden onset with "cannot tiptoe" also triggers the weakness floor.
	r := Assess(answers(t, "onset", "sudden", "tiptoe", "cannot", "examiner", "clinician", "thompson", "negative", "matles", "negative"))
	if r.Triage != SameDay || !r.Reasons.Has(ReasonSuddenWeak) {
		t.Errorf("sudden, cannot tiptoe, tests negative: %s %v; want same_day for sudden weakness", r.Triage.ID(), r.Reasons.IDs())
	}
	// The probability floors: ≥ 10% same day, 3–10% consultation, gradual
	// onset consultation.
	r = Assess(answers(t, "pop", "no"))
	if r.Probability < 0.03 || r.Probability >= 0.10 || r.Triage != Consultation || !r.Reasons.Has(ReasonLowButReal) {
		t.Errorf("p=%.3f: %s %v; want consultation for 3–10%%", r.Probability, r.Triage.ID(), r.Reasons.IDs())
	}
	r = Assess(answers(t, "kicked", "yes"))
	if r.Triage != SameDay || !r.Reasons.Has(ReasonRupture) {
		t.Errorf("p=%.3f: %s; want same_day at 10%% or more", r.Probability, r.Triage.ID())
	}
	r = Assess(answers(t, "onset", "gradual", "tiptoe", "can", "examiner", "clinician", "thompson", "negative"))
	if r.Triage != Consultation || !r.Reasons.Has(ReasonGradual) {
		t.Errorf("gradual onset: %s %v; want consultation", r.Triage.ID(), r.Reasons.IDs())
	}
}

// TestChronic: more than 4 weeks without a red flag, "today" for a rupture
// becomes "within a week, orthopaedic assessment"; a red flag keeps it.
func TestChronic(t *testing.T) {
	rupture := []string{"onset", "sudden", "pop", "yes", "tiptoe", "cannot", "thompson", "positive", "answerer", "other"}
	r := Assess(answers(t, append(rupture, "time_since", "2_4w")...))
	if r.Triage != SameDay {
		t.Fatalf("2–4 weeks: %s, want same_day", r.Triage.ID())
	}
	r = Assess(answers(t, append(rupture, "time_since", "gt_4w")...))
	if r.Triage != Consultation || !r.Reasons.Has(ReasonChronic) {
		t.Errorf("over 4 weeks: %s %v, want consultation (chronic)", r.Triage.ID(), r.Reasons.IDs())
	}
	r = Assess(answers(t, append(rupture, "time_since", "gt_4w", "calf_swelling_warm", "yes")...))
	if r.Triage != SameDay || r.Reasons.Has(ReasonChronic) {
		t.Errorf("over 4 weeks with a swollen warm calf: %s %v, want same_day", r.Triage.ID(), r.Reasons.IDs())
	}
	r = Assess(answers(t, append(rupture, "time_since", "gt_4w", "walk", "unable")...))
	if r.Triage != SameDay {
		t.Errorf("over 4 weeks, cannot take four steps: %s, want same_day", r.Triage.ID())
	}
}

// TestTableAlignment: each evidence entry belongs to the value at its index.
func TestTableAlignment(t *testing.T) {
	for question := q.Q(0); question < q.Count; question++ {
		entries := table[question]
		if entries == nil {
			continue
		}
		values := question.Info().Values
		if len(entries) != len(values) {
			t.Errorf("%s: %d evidence entries for %d values", question, len(entries), len(values))
			continue
		}
		for i, e := range entries {
			if e.Value != values[i] {
				t.Errorf("%s: entry %d is for %q, value %d is %q", question, i, e.Value, i, values[i])
			}
		}
		if _, scored := GroupOf(question); !scored {
			t.Errorf("%s has evidence but no group", question)
		}
	}
	for question := q.Q(0); question < q.Count; question++ {
		if _, scored := GroupOf(question); scored && table[question] == nil && question != q.Age {
			t.Errorf("%s is in a group but has no evidence", question)
		}
	}
}

func TestMaxGroup(t *testing.T) {
	var sizes [groupCount]int
	for question := q.Q(0); question < q.Count; question++ {
		if g, ok := GroupOf(question); ok {
			sizes[g]++
		}
	}
	scored := 0
	for _, n := range sizes {
		scored += n
	}
	if scored != maxSteps {
		t.Errorf("%d scored questions; maxSteps is %d", scored, maxSteps)
	}
	for g, n := range sizes {
		if n > maxGroup {
			t.Errorf("group %d has %d questions; maxGroup is %d", g, n, maxGroup)
		}
	}
}

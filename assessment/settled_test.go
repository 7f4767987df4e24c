package assessment

import (
	"math/rand/v2"
	"testing"

	q "achilles/questionnaire"
)

// partialAnswers answers each question with probability density, uniformly
// over its values.
func partialAnswers(rng *rand.Rand, density float64) q.Answers {
	var a q.Answers
	for question := q.Q(0); question < q.Count; question++ {
		if rng.Float64() < density {
			setRandom(rng, &a, question)
		}
	}
	return a
}

func setRandom(rng *rand.Rand, a *q.Answers, question q.Q) {
	info := question.Info()
	var err error
	switch {
	case info.RedFlag && rng.IntN(8) != 0:
		// Mostly "no": with a red flag yes almost every time, the cases
		// where the triage is in doubt would be rare.
		err = a.SetChoice(question, "no")
	case info.Kind == q.Number:
		err = a.SetNumber(question, info.Min+rng.IntN(info.Max-info.Min+1))
	default:
		err = a.SetChoice(question, info.Values[rng.IntN(len(info.Values))])
	}
	if err != nil {
		panic(err)
	}
}

// complete fills each unanswered question of a with a random value, or
// leaves it unanswered, with probability fill of answering.
func complete(rng *rand.Rand, a q.Answers, fill float64) q.Answers {
	for question := q.Q(0); question < q.Count; question++ {
		if !a.Has(question) && rng.Float64() < fill {
			setRandom(rng, &a, question)
		}
	}
	return a
}

// checkWithin fails unless both ways of assessing the completion c of
// partial (the questionnaire's, through Effective, and assess's, without)
// give a triage within reach.
func checkWithin(t *testing.T, partial, c q.Answers, reach Reach) {
	t.Helper()
	for _, way := range []struct {
		name string
		a    q.Answers
	}{{"questionnaire", q.Effective(c)}, {"assess", c}} {
		got := Assess(way.a).Triage
		if got < reach.Lowest || got > reach.Highest {
			t.Fatalf("%s: a completion's triage %s outside the reachable %s–%s\npartial:    %s\ncompletion: %s",
				way.name, got.ID(), reach.Lowest.ID(), reach.Highest.ID(), describe(partial), describe(c))
		}
	}
}

func describe(a q.Answers) string {
	s := ""
	for question := q.Q(0); question < q.Count; question++ {
		if v, ok := a.Value(question); ok {
			s += question.ID() + "=" + v + " "
		}
	}
	return s
}

// TestReachableSound: for random partial answers, from nearly empty to
// nearly complete, every one of many random completions has its triage
// within the reachable range, whether assessed as the questionnaire does
// or as `achilles assess` does.
func TestReachableSound(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 1))
	partials, completions := 3000, 60
	if testing.Short() {
		partials = 500
	}
	for i := range partials {
		density := []float64{0.2, 0.5, 0.8, 0.9, 0.95}[i%5]
		partial := partialAnswers(rng, density)
		reach := Reachable(partial)
		if reach.Lowest > reach.Highest {
			t.Fatalf("lowest %s above highest %s for %s", reach.Lowest.ID(), reach.Highest.ID(), describe(partial))
		}
		for j := range completions {
			fill := []float64{0, 0.3, 0.7, 1}[j%4]
			checkWithin(t, partial, complete(rng, partial, fill), reach)
		}
	}
}

// TestCertainlyAsked: an answer the settled check counts on is kept by the
// questionnaire's branching in every completion.
func TestCertainlyAsked(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 2))
	for i := range 20000 {
		partial := partialAnswers(rng, []float64{0.3, 0.6, 0.9}[i%3])
		eff := q.Effective(complete(rng, partial, 0.5))
		for question := q.Q(0); question < q.Count; question++ {
			if partial.Has(question) && certainlyAsked(&partial, question) && !eff.Has(question) {
				t.Fatalf("%s counted as asked, but the branching dropped it\npartial: %s", question.ID(), describe(partial))
			}
		}
	}
}

// exhaustiveValues lists the values a question may take in a completion:
// unanswered, every choice, and for numbers those the model tells apart:
// each age band at both edges (it reads only the band), and the pain score
// at both ends (no estimate, floor or branch reads it).
func exhaustiveValues(question q.Q) []func(*q.Answers) {
	set := []func(*q.Answers){func(*q.Answers) {}}
	info := question.Info()
	if info.Kind == q.Number {
		ns := []int{1, 19, 20, 29, 30, 55, 56, 120}
		if question != q.Age {
			ns = []int{info.Min, info.Max}
		}
		for _, n := range ns {
			set = append(set, func(a *q.Answers) { a.SetNumber(question, n) })
		}
		return set
	}
	for _, v := range info.Values {
		set = append(set, func(a *q.Answers) { a.SetChoice(question, v) })
	}
	return set
}

// TestReachableExhaustive: with up to five questions left, every completion
// is tried. The triage of each lies within reach; and where every
// completion agrees on one triage the range is often that one (logged, as
// the range may be wider than the exact one).
func TestReachableExhaustive(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 3))
	samples := 500
	if testing.Short() {
		samples = 100
	}
	var exactSettled, saidSettled int
	for i := range samples {
		partial := partialAnswers(rng, 1) // every question answered
		open := make([]q.Q, 0, 5)
		for _, n := range rng.Perm(int(q.Count))[:1+i%5] {
			partial.Clear(q.Q(n))
			open = append(open, q.Q(n))
		}
		reach := Reachable(partial)
		lo, hi := EmergencyAmbulance, SelfCare
		var walk func(k int, a q.Answers)
		walk = func(k int, a q.Answers) {
			if k == len(open) {
				checkWithin(t, partial, a, reach)
				for _, tr := range []Triage{Assess(q.Effective(a)).Triage, Assess(a).Triage} {
					lo, hi = min(lo, tr), max(hi, tr)
				}
				return
			}
			for _, set := range exhaustiveValues(open[k]) {
				b := a
				set(&b)
				walk(k+1, b)
			}
		}
		walk(0, partial)
		if lo == hi {
			exactSettled++
			if reach.Settled() {
				saidSettled++
			}
		}
	}
	t.Logf("settled in every completion: %d; said settled: %d", exactSettled, saidSettled)
}

// exactReach tries every completion of the open questions of partial (the
// others answered) and returns the lowest and highest triage, both ways.
func exactReach(t *testing.T, partial q.Answers, open []q.Q) Reach {
	t.Helper()
	exact := Reach{Lowest: EmergencyAmbulance, Highest: SelfCare}
	var walk func(k int, a q.Answers)
	walk = func(k int, a q.Answers) {
		if k == len(open) {
			for _, tr := range []Triage{Assess(q.Effective(a)).Triage, Assess(a).Triage} {
				exact.Lowest, exact.Highest = min(exact.Lowest, tr), max(exact.Highest, tr)
			}
			return
		}
		for _, set := range exhaustiveValues(open[k]) {
			b := a
			set(&b)
			walk(k+1, b)
		}
	}
	walk(0, partial)
	return exact
}

// TestReachableOnTheEstimateAlone: stories where only the estimate can
// still move the triage (every floor but the estimate's is answered away)
// and the risk questions are left open. The range is then exactly the one
// every completion gives: the estimate's bounds are those of the model, so
// that a story whose last answers could carry it to 3% or to 10% is not
// called settled, and one whose last answers cannot is.
func TestReachableOnTheEstimateAlone(t *testing.T) {
	open := []q.Q{q.Swelling, q.Age, q.Corticosteroid, q.PriorRupture, q.PriorSymptoms}
	settled, unsettled := 0, 0
	for _, site := range []string{"ankle_side", "other", "achilles"} {
		for _, mechanism := range []string{"twist", "landing", "none", "push_off"} {
			for _, tiptoe := range []string{"can", "not_tried"} {
				a := answers(t, "answerer", "self", "chest_symptoms", "no", "open_wound", "no",
					"numb_or_cold_foot", "no", "deformity", "no", "severe_tense_calf", "no", "heel_skin", "no",
					"calf_swelling_warm", "no", "time_since", "1_14d", "onset", "sudden", "mechanism", mechanism,
					"pop", "no", "kicked", "no", "pain_site", site, "heel_bump", "no", "calf_bigger", "no",
					"leg_swollen", "no", "pitting", "no", "calf_tender", "no", "leg_immobilised", "no",
					"bed_rest_surgery", "no", "long_journey", "no", "pregnancy", "no", "hormones", "no",
					"cancer", "no", "prior_clot", "no", "knee_problem", "no", "walk", "normal", "tiptoe", tiptoe,
					"push_weak", "no", "examiner", "self", "gap", "not_checked", "thompson", "not_done",
					"matles", "not_done", "bone_tender", "no", "fluoroquinolone", "no")
				got, want := Reachable(a), exactReach(t, a, open)
				if got != want {
					t.Errorf("pain at %s, %s, tiptoe %s: reachable %s–%s, every completion gives %s–%s",
						site, mechanism, tiptoe, got.Lowest.ID(), got.Highest.ID(), want.Lowest.ID(), want.Highest.ID())
				}
				if want.Settled() {
					settled++
				} else {
					unsettled++
				}
			}
		}
	}
	if settled == 0 || unsettled == 0 {
		t.Errorf("the stories should include settled (%d) and unsettled (%d) ones", settled, unsettled)
	}
}

// TestSettledStories: what a person would notice, answer by answer.
func TestSettledStories(t *testing.T) {
	noRedFlags := []string{"chest_symptoms", "no", "open_wound", "no", "numb_or_cold_foot", "no",
		"deformity", "no", "severe_tense_calf", "no", "heel_skin", "no", "calf_swelling_warm", "no"}
	with := func(pairs ...string) []string { return append(append([]string{}, noRedFlags...), pairs...) }
	tests := []struct {
		name    string
		answers []string
		lowest  Triage
		highest Triage
	}{
		{"nothing answered yet: anything can follow", nil, SelfCare, EmergencyAmbulance},
		{"chest symptoms: an ambulance, whatever follows",
			[]string{"chest_symptoms", "yes"}, EmergencyAmbulance, EmergencyAmbulance},
		{"a wound with no chest symptoms: an emergency, whatever follows",
			[]string{"chest_symptoms", "no", "open_wound", "yes"}, Emergency, Emergency},
		{"a wound, chest not yet asked: an ambulance could still follow",
			[]string{"open_wound", "yes"}, Emergency, EmergencyAmbulance},
		{"a red flag not yet answered could still make it an emergency",
			[]string{"chest_symptoms", "no", "time_since", "lt_24h", "onset", "sudden", "mechanism", "push_off",
				"pop", "yes", "tiptoe", "cannot"}, SameDay, Emergency},
		{"a sudden push-off today with a pop, cannot tiptoe: the same day, whatever follows",
			with("time_since", "lt_24h", "onset", "sudden", "mechanism", "push_off", "pop", "yes",
				"tiptoe", "cannot"), SameDay, SameDay},
		{"the same two weeks on: still the same day",
			with("time_since", "1_14d", "onset", "sudden", "mechanism", "push_off", "pop", "yes",
				"tiptoe", "cannot"), SameDay, SameDay},
		{"the same, when it happened not yet answered: over 4 weeks would mean within a week",
			with("onset", "sudden", "mechanism", "push_off", "pop", "yes", "tiptoe", "cannot"),
			Consultation, SameDay},
		{"a sudden push-off today with a positive calf squeeze by a trainer: the same day",
			with("answerer", "other", "time_since", "lt_24h", "onset", "sudden", "mechanism", "push_off",
				"pop", "yes", "examiner", "trainer", "thompson", "positive"), SameDay, SameDay},
		{"a positive calf squeeze before saying who did it: nobody could still leave it out of the count",
			with("answerer", "other", "time_since", "lt_24h", "onset", "sudden", "mechanism", "push_off",
				"thompson", "positive"), SelfCare, SameDay},
		// The fewest answers that settle the same day: what a questionnaire
		// asking the decisive questions first needs (docs/evidence.md §9).
		{"sudden, today, cannot tiptoe: the same day without the rest",
			with("time_since", "lt_24h", "onset", "sudden", "tiptoe", "cannot"), SameDay, SameDay},
		{"a trainer's positive calf squeeze a week on: the same day without the rest",
			with("time_since", "1_14d", "examiner", "trainer", "thompson", "positive"), SameDay, SameDay},
		{"a pop today, tiptoe not yet tried: the same day until someone tests the tendon",
			with("time_since", "lt_24h", "onset", "sudden", "mechanism", "push_off", "pop", "yes"),
			Consultation, SameDay},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Reachable(answers(t, tt.answers...))
			if got.Lowest != tt.lowest || got.Highest != tt.highest {
				t.Errorf("reachable %s–%s, want %s–%s", got.Lowest.ID(), got.Highest.ID(), tt.lowest.ID(), tt.highest.ID())
			}
			if got.Settled() != (tt.lowest == tt.highest) {
				t.Errorf("settled %v", got.Settled())
			}
		})
	}
}

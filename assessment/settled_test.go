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
	partials, completions := 4000, 60
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
// unanswered, every choice, every pain score, and each age band at both
// edges (the model reads only the band).
func exhaustiveValues(question q.Q) []func(*q.Answers) {
	set := []func(*q.Answers){func(*q.Answers) {}}
	info := question.Info()
	if info.Kind == q.Number {
		ns := []int{1, 19, 20, 29, 30, 55, 56, 120}
		if question != q.Age {
			ns = nil
			for n := info.Min; n <= info.Max; n++ {
				ns = append(ns, n)
			}
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
	samples := 1500
	if testing.Short() {
		samples = 200
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

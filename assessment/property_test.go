package assessment

import (
	"math/rand/v2"
	"testing"

	"achilles/catalog"
	q "achilles/questionnaire"
)

// randomAnswers answers each question with probability 1/2, uniformly over
// its values, so that every combination of answered and unanswered occurs.
func randomAnswers(rng *rand.Rand) q.Answers {
	var a q.Answers
	for question := q.Q(0); question < q.Count; question++ {
		if rng.IntN(2) == 0 {
			continue
		}
		info := question.Info()
		var err error
		if info.Kind == q.Number {
			err = a.SetNumber(question, info.Min+rng.IntN(info.Max-info.Min+1))
		} else {
			err = a.SetChoice(question, info.Values[rng.IntN(len(info.Values))])
		}
		if err != nil {
			panic(err)
		}
	}
	return a
}

const samples = 20000

// TestProbabilityAndRange: the estimate is a probability, and the range
// contains it.
func TestProbabilityAndRange(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range samples {
		a := randomAnswers(rng)
		r := Assess(a)
		if !(r.Probability >= 0 && r.Probability <= 1) || !(r.Low <= r.Probability && r.Probability <= r.High) || r.Low < 0 || r.High > 1 {
			t.Fatalf("p=%v range %v–%v for %+v", r.Probability, r.Low, r.High, a)
		}
		if r.Band < BandOf(r.Probability) {
			t.Fatalf("band %s below the probability's band", r.Band.ID())
		}
	}
}

// options lists the answers of a question ordered by their stated LR, with
// "unanswered" (LR 1) among them.
type option struct {
	set func(*q.Answers)
	lr  float64
}

func options(question q.Q) []option {
	opts := []option{{set: func(a *q.Answers) { a.Clear(question) }, lr: 1}}
	info := question.Info()
	if info.Kind == q.Number {
		// Every age band, at both of its edges.
		for _, n := range []int{1, 19, 20, 29, 30, 55, 56, 120} {
			var tmp q.Answers
			tmp.SetNumber(question, n)
			ev, _ := EvidenceFor(&tmp, question)
			opts = append(opts, option{set: func(a *q.Answers) { a.SetNumber(question, n) }, lr: ev.LR})
		}
		return opts
	}
	for i, v := range info.Values {
		opts = append(opts, option{set: func(a *q.Answers) { a.SetChoice(question, v) }, lr: table[question][i].LR})
	}
	return opts
}

// TestMonotone: changing one answer to one with a higher likelihood ratio
// never lowers the probability (docs/evidence.md §1), whatever the other answers.
// In particular, from LR ≤ 1 to LR ≥ 1 never lowers it.
func TestMonotone(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var scored []q.Q
	for question := q.Q(0); question < q.Count; question++ {
		if _, ok := GroupOf(question); ok {
			scored = append(scored, question)
		}
	}
	for range samples / 4 {
		base := randomAnswers(rng)
		question := scored[rng.IntN(len(scored))]
		opts := options(question)
		for _, lo := range opts {
			for _, hi := range opts {
				if lo.lr > hi.lr {
					continue
				}
				a, b := base, base
				lo.set(&a)
				hi.set(&b)
				pa, pb := Assess(a).Probability, Assess(b).Probability
				if pb < pa-1e-12 {
					t.Fatalf("%s: LR %v gives %.6f, LR %v gives %.6f (lower) with %+v", question, lo.lr, pa, hi.lr, pb, base)
				}
				ra, rb := Assess(a), Assess(b)
				if rb.Low < ra.Low-1e-12 || rb.High < ra.High-1e-12 {
					t.Fatalf("%s: range not monotone: %.4f–%.4f then %.4f–%.4f", question, ra.Low, ra.High, rb.Low, rb.High)
				}
			}
		}
	}
}

// TestRedFlagsNeverLowerTriage: answering any red-flag question "yes" never
// makes the triage less urgent, and never changes the estimate.
func TestRedFlagsNeverLowerTriage(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for range samples / 4 {
		a := randomAnswers(rng)
		before := Assess(a)
		for question := q.Q(0); question < q.Count; question++ {
			if !question.Info().RedFlag {
				continue
			}
			b := a
			b.SetChoice(question, "yes")
			after := Assess(b)
			if after.Triage < before.Triage {
				t.Fatalf("%s=yes lowered triage from %s to %s", question, before.Triage.ID(), after.Triage.ID())
			}
			if after.Triage < SameDay {
				t.Fatalf("%s=yes gave only %s", question, after.Triage.ID())
			}
			if after.Probability != before.Probability {
				t.Fatalf("%s=yes moved the estimate", question)
			}
		}
	}
}

// TestFloorsNeverLower: the triage is never below what the probability alone
// calls for, and the band never below the probability's band.
func TestFloorsNeverLower(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for range samples {
		a := randomAnswers(rng)
		r := Assess(a)
		var want Triage
		switch {
		case r.Probability >= 0.10 && !r.Reasons.Has(ReasonChronic):
			want = SameDay
		case r.Probability >= 0.03:
			want = Consultation
		}
		if r.Triage < want {
			t.Fatalf("p=%.3f triage %s, below %s (%v)", r.Probability, r.Triage.ID(), want.ID(), r.Reasons.IDs())
		}
		if r.Band < BandOf(r.Probability) {
			t.Fatalf("band %s below %s", r.Band.ID(), BandOf(r.Probability).ID())
		}
		// Never self-care after sudden pain with weakness.
		if a.Is(q.Onset, "sudden") && (a.Is(q.Tiptoe, "cannot") || a.Is(q.PushWeak, "yes")) && r.Triage < Consultation {
			t.Fatalf("sudden onset with weakness got %s", r.Triage.ID())
		}
	}
}

// TestReportAlwaysHasNextStep: whatever the answers, the report says what to
// do now and where to go, and carries the caveats that walking or tiptoeing
// does not rule a rupture out and that this is not a diagnosis.
func TestReportAlwaysHasNextStep(t *testing.T) {
	cat := catalog.MustLoad("en")
	rng := rand.New(rand.NewPCG(9, 10))
	for range samples / 10 {
		rep := NewReport(Assess(randomAnswers(rng)), cat, Options{})
		if len(rep.Actions.Now) == 0 || rep.Actions.Where == "" || len(rep.Actions.TellClinician) == 0 {
			t.Fatalf("report without a next step: %+v", rep.Actions)
		}
		if rep.Caveats[0] != cat.T("caveat.estimate") || rep.Caveats[1] != cat.T("caveat.walking") {
			t.Fatalf("caveats missing: %v", rep.Caveats)
		}
	}
}

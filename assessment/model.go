package assessment

import (
	"math"

	q "achilles/questionnaire"
)

// Step is one answer that moved the estimate.
type Step struct {
	Question q.Q
	Value    string  // the answer, as in the answers document
	Stated   float64 // the likelihood ratio of the evidence table
	LR       float64 // the likelihood ratio actually applied, after weighting
	Weight   float64 // the exponent applied: rank weight × examiner weight
	Basis    Basis
	Source   string
}

// Raises reports whether the step made a rupture more likely.
func (s Step) Raises() bool { return s.LR > 1 }

// AAOS counts the four clinical signs of the AAOS guideline (EVIDENCE.md §3):
// Thompson positive, decreased plantar flexion strength, a palpable gap, and
// increased passive dorsiflexion (Matles).
type AAOS struct {
	Positive int
	Assessed int
	Met      bool // two or more positive
}

// Result is the outcome of the model for one set of answers. It holds no
// text: NewReport turns it into words in a language.
type Result struct {
	Answers     q.Answers
	Probability float64
	Low, High   float64 // the plausible range (EVIDENCE.md §1.5)
	Band        Band
	BandRaised  bool // AAOS met raised the band
	Triage      Triage
	Reasons     Reasons
	AAOS        AAOS

	steps  [q.Count]Step
	nsteps int
}

// Trace returns the answers that moved the estimate, in question order.
func (r *Result) Trace() []Step { return r.steps[:r.nsteps] }

// RedFlags returns the red-flag questions answered yes, in question order.
func (r *Result) RedFlags() []q.Q {
	var flags []q.Q
	for question := q.Q(0); question < q.Count; question++ {
		if question.Info().RedFlag && r.Answers.Is(question, "yes") {
			flags = append(flags, question)
		}
	}
	return flags
}

// finding is one scored answer inside a group, before rank weighting.
type finding struct {
	step           int // index into Result.steps
	log, low, high float64
}

// Assess runs the model on a set of answers. Every answer counts as given;
// callers that branch (the interactive UI) pass questionnaire.Effective.
// Assess does not allocate.
func Assess(a q.Answers) Result {
	r := Result{Answers: a}
	examW := ExaminerWeight(a.Examiner())

	var groups [groupCount][q.Count]finding
	var sizes [groupCount]int
	for question := q.Q(0); question < q.Count; question++ {
		ev, ok := EvidenceFor(&a, question)
		if !ok || ev.LR == 1 || ev.LR <= 0 {
			continue
		}
		g := Group(groupOf[question])
		w := 1.0
		if g == Examination {
			w = examW
		}
		l := math.Log(ev.LR) * w
		f := finding{step: r.nsteps, log: l, low: l, high: l}
		switch {
		case ev.Basis == Published && ev.Low > 0 && ev.High > 0:
			f.low, f.high = math.Log(ev.Low)*w, math.Log(ev.High)*w
		case ev.Basis == Assumption:
			f.low, f.high = l*assumptionLow, l*assumptionHigh
			if f.low > f.high {
				f.low, f.high = f.high, f.low
			}
		}
		value, _ := a.Value(question)
		r.steps[r.nsteps] = Step{Question: question, Value: value, Stated: ev.LR, Weight: w, Basis: ev.Basis, Source: ev.Source}
		r.nsteps++
		groups[g][sizes[g]] = f
		sizes[g]++
	}

	mid, low, high := logit(Prior), logit(Prior), logit(Prior)
	for g := range groups {
		fs := groups[g][:sizes[g]]
		if len(fs) == 0 {
			continue
		}
		mid += combine(fs, func(f *finding) *float64 { return &f.log }, r.steps[:])
		low += combine(fs, func(f *finding) *float64 { return &f.low }, nil)
		high += combine(fs, func(f *finding) *float64 { return &f.high }, nil)
	}
	r.Probability = probability(mid)
	r.Low = min(probability(low), r.Probability)
	r.High = max(probability(high), r.Probability)

	r.AAOS = aaos(&a)
	r.Band = BandOf(r.Probability)
	if r.AAOS.Met && r.Band < Likely {
		r.Band, r.BandRaised = Likely, true
	}
	r.Triage, r.Reasons = triage(&a, r.Probability, r.AAOS)
	return r
}

// probability turns log-odds into a probability, exact at the prior so that
// an empty assessment sits exactly on the band edge it belongs to.
func probability(x float64) float64 {
	if x == logit(Prior) {
		return Prior
	}
	return logistic(x)
}

// combine sums the log-LRs of one group, sorted by absolute size and weighted
// by rank (EVIDENCE.md §1.3). The value to use is picked by field; when steps
// is not nil, the applied LR and weight of each finding are recorded there.
// The sort is stable in question order, so ties are resolved the same way
// every time.
func combine(fs []finding, field func(*finding) *float64, steps []Step) float64 {
	var order [q.Count]int
	for i := range fs {
		order[i] = i
		for j := i; j > 0 && math.Abs(*field(&fs[order[j]])) > math.Abs(*field(&fs[order[j-1]])); j-- {
			order[j], order[j-1] = order[j-1], order[j]
		}
	}
	sum := 0.0
	for rank, i := range order[:len(fs)] {
		w := rankWeights[min(rank, len(rankWeights)-1)]
		v := *field(&fs[i]) * w
		sum += v
		if steps != nil {
			s := &steps[fs[i].step]
			s.Weight *= w
			s.LR = math.Exp(v)
		}
	}
	return sum
}

func aaos(a *q.Answers) AAOS {
	var s AAOS
	sign := func(question q.Q, positive, negative string) {
		switch {
		case a.Is(question, positive):
			s.Positive++
			s.Assessed++
		case a.Is(question, negative):
			s.Assessed++
		}
	}
	sign(q.Thompson, "positive", "negative")
	sign(q.PushWeak, "yes", "no")
	sign(q.Gap, "felt", "not_felt")
	sign(q.Matles, "positive", "negative")
	s.Met = s.Positive >= 2
	return s
}

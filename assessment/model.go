package assessment

import (
	"math"

	q "achilles/questionnaire"
)

// Step is one answer that moved the estimate. The embedded Evidence is the
// row of the evidence table behind it, with the stated LR, basis and source.
type Step struct {
	*Evidence
	Question q.Q
	Value    string  // the answer, as in the answers document
	Log      float64 // the log-LR actually applied, after weighting
	Weight   float64 // the exponent applied: rank weight × examiner weight
}

// LR is the likelihood ratio actually applied, after weighting.
func (s Step) LR() float64 { return math.Exp(s.Log) }

// Stated is the likelihood ratio of the evidence table, before weighting.
func (s Step) Stated() float64 { return s.Evidence.LR }

// Raises reports whether the step made a rupture more likely.
func (s Step) Raises() bool { return s.Log > 0 }

// AAOS counts the four clinical signs of the AAOS guideline (docs/evidence.md §3):
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
	Low, High   float64 // the plausible range (docs/evidence.md §1.5)
	Band        Band
	BandRaised  bool // AAOS met raised the band
	Triage      Triage
	Reasons     Reasons
	AAOS        AAOS
	// Clot is the clot check, a separate estimate (docs/evidence.md §8): it
	// may raise the triage but never moves the rupture's probability.
	Clot Clot

	steps  [maxSteps]Step
	nsteps int
	levels Levels
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

// RedFlagsUnchecked returns the red-flag questions not answered, in
// question order: emergency signs nobody checked. The questionnaire asks
// them all first; answers given to assess may leave them out.
func (r *Result) RedFlagsUnchecked() []q.Q {
	var flags []q.Q
	for question := q.Q(0); question < q.Count; question++ {
		if question.Info().RedFlag && !r.Answers.Has(question) {
			flags = append(flags, question)
		}
	}
	return flags
}

// maxGroup is the size of the largest group (risk factors) and maxSteps the
// number of scored questions; a test checks both.
const (
	maxGroup = 5
	maxSteps = 17
)

// finding is one scored answer inside a group, before rank weighting.
type finding struct {
	step int        // index into Result.steps
	v    [3]float64 // log-LR: the point estimate, and the low and high ends
}

// The three values of a finding.
const (
	point = iota
	lowEnd
	highEnd
)

// Assess runs the model on a set of answers. Every answer counts as given;
// callers that branch (the interactive UI) pass questionnaire.Effective.
// Assess does not allocate.
func Assess(a q.Answers) Result {
	r := Result{Answers: a}
	examW := ExaminerWeight(a.Examiner())

	var groups [groupCount][maxGroup]finding
	var sizes [groupCount]int
	for _, question := range scored {
		e := evidenceFor(&a, question)
		if e == nil || e.LR == 1 || e.LR <= 0 {
			continue
		}
		g := Group(groupOf[question])
		w := 1.0
		if g == Examination {
			w = examW
		}
		l := e.ln * w
		f := finding{step: r.nsteps, v: [3]float64{l, l, l}}
		switch {
		case e.Basis == Published && e.Low > 0 && e.High > 0:
			f.v[lowEnd], f.v[highEnd] = e.lnLow*w, e.lnHigh*w
		case e.Basis == Assumption:
			f.v[lowEnd], f.v[highEnd] = l*assumptionLow, l*assumptionHigh
			if f.v[lowEnd] > f.v[highEnd] {
				f.v[lowEnd], f.v[highEnd] = f.v[highEnd], f.v[lowEnd]
			}
		}
		value, _ := a.Value(question)
		r.steps[r.nsteps] = Step{Evidence: e, Question: question, Value: value, Weight: w}
		r.nsteps++
		groups[g][sizes[g]] = f
		sizes[g]++
	}

	mid, low, high := logitPrior, logitPrior, logitPrior
	for g := range groups {
		fs := groups[g][:sizes[g]]
		if len(fs) == 0 {
			continue
		}
		mid += combine(fs, point, r.steps[:])
		low += combine(fs, lowEnd, nil)
		high += combine(fs, highEnd, nil)
	}
	r.Probability = probability(mid)
	r.Low = min(probability(low), r.Probability)
	r.High = max(probability(high), r.Probability)

	r.AAOS = aaos(&a)
	r.Band = BandOf(r.Probability)
	if r.AAOS.Met && r.Band < Likely {
		r.Band, r.BandRaised = Likely, true
	}
	r.Clot = clotCheck(&a)
	r.Triage, r.Reasons, r.levels = triage(&a, r.Probability, r.AAOS, r.Band, r.Clot)
	return r
}

// probability turns log-odds into a probability, exact at the prior so that
// an empty assessment sits exactly on the band edge it belongs to.
func probability(x float64) float64 {
	if x == logitPrior {
		return Prior
	}
	return logistic(x)
}

// combine sums the log-LRs of one group, sorted by absolute size and weighted
// by rank (docs/evidence.md §1.3). which picks the point estimate or an end of
// the range; when steps is not nil, the applied LR and weight of each
// finding are recorded there. The sort is stable in question order, so ties
// are resolved the same way every time.
func combine(fs []finding, which int, steps []Step) float64 {
	var order [maxGroup]int
	for i := range fs {
		order[i] = i
		for j := i; j > 0 && math.Abs(fs[order[j]].v[which]) > math.Abs(fs[order[j-1]].v[which]); j-- {
			order[j], order[j-1] = order[j-1], order[j]
		}
	}
	sum := 0.0
	for rank, i := range order[:len(fs)] {
		w := rankWeights[min(rank, len(rankWeights)-1)]
		v := fs[i].v[which] * w
		sum += v
		if steps != nil {
			s := &steps[fs[i].step]
			s.Weight *= w
			s.Log = v
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

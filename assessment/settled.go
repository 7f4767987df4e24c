package assessment

import (
	q "achilles/questionnaire"
)

// The decision before the questionnaire ends (docs/evidence.md §9): from the
// answers given so far, the lowest and the highest triage that any
// completion of the other questions could still give. When the two are
// equal the triage is settled: no later answer can change it, in either
// direction.

// Reach is the range of triage levels still reachable from partial answers.
type Reach struct {
	Lowest, Highest Triage
}

// Settled reports whether every completion gives the same triage.
func (r Reach) Settled() bool { return r.Lowest == r.Highest }

// Reachable returns the lowest and highest triage reachable from the
// partial answers a by any completion: each unanswered question may get any
// value of the bank or stay unanswered; answered questions keep their
// answers. A completion c is assessed as the questionnaire does,
// Assess(q.Effective(c)), where the branching may drop an answer whose
// question is no longer asked, and as `achilles assess` does, Assess(c),
// which drops nothing: the range holds for both. a may hold answers to
// skipped questions (as the interactive questionnaire keeps them) or not.
//
// It is sound: the triage of every completion lies within [Lowest, Highest].
// It may be wider than the exact range (which only makes "settled" rarer),
// never narrower. The argument (docs/evidence.md §9):
//
//   - Each answer of the completion, as the model sees it, is one of a small
//     set: an answered question gives its answer, or nothing if the
//     branching might drop it (certainlyAsked says when it cannot); an
//     unanswered one gives any value or nothing. Facts such as "onset is
//     sudden" are then true in every completion, in none, or maybe
//     (three-valued logic, where "maybe" combines as Kleene's; treating
//     correlated facts as independent only widens the range).
//   - The probability: the log-odds are the prior plus one term per group,
//     and the groups share no question; the examiner's weight, the only
//     outside input (to the examination group), is enumerated with it. Each
//     group's smallest and largest term over its few possible answers are
//     found by trying them all with the model's own combine, so the rank
//     weights need no monotonicity argument; their sums, added in the
//     model's order (rounding is monotone), bound every completion's
//     log-odds, and the logistic is increasing.
//   - The triage is the most urgent of the safety floors that apply, each at
//     a level that depends only on whether the injury is chronic (over 4
//     weeks, no red flag) and, for the pop, whether a tendon test was done.
//     A floor certain to apply, at the least level it may take, is a lower
//     bound for every completion; the highest level of every floor that may
//     apply is an upper bound. The thresholds on the probability are
//     checked against its bounds with a margin, so that a rounding error
//     can only widen the range.
func Reachable(a q.Answers) Reach {
	s := scope{a: &a}
	pMin, pMax := s.probabilityBounds()
	atLeast := func(t float64) tri {
		// The model compares p >= t-eps; the margin absorbs the last bit of
		// rounding of the logistic, in the direction of "maybe".
		const margin = 1e-12
		var r tri
		if pMax >= t-eps-margin {
			r |= yes
		}
		if pMin < t-eps+margin {
			r |= no
		}
		return r
	}

	r := Reach{Lowest: SelfCare, Highest: SelfCare}
	floor := func(applies tri, least, most Triage) {
		if applies.must() {
			r.Lowest = max(r.Lowest, least)
		}
		if applies.may() {
			r.Highest = max(r.Highest, most)
		}
	}
	fixed := func(applies tri, level Triage) { floor(applies, level, level) }

	fixed(s.yes(q.ChestSymptoms), EmergencyAmbulance)
	var redFlag tri = no
	for _, question := range []q.Q{q.OpenWound, q.NumbOrColdFoot, q.Deformity, q.SevereTenseCalf, q.HeelSkin} {
		fixed(s.yes(question), Emergency)
		redFlag = or(redFlag, s.yes(question))
	}
	redFlag = or(redFlag, s.yes(q.ChestSymptoms), s.yes(q.CalfSwellingWarm))
	chronic := and(s.is(q.TimeSince, "gt_4w"), not(redFlag))
	// A floor of "the same day, or a consultation when chronic".
	sameDayOr := func(applies tri) { floor(applies, easedLeast(chronic), easedMost(chronic)) }

	sudden := s.is(q.Onset, "sudden")
	sameDayOr(atLeast(floorSameDay))
	sameDayOr(s.aaosMet())
	sameDayOr(and(sudden, or(s.is(q.Tiptoe, "cannot"), s.yes(q.PushWeak))))
	sameDayOr(or(s.is(q.Thompson, "positive"), s.is(q.Matles, "positive"), s.is(q.Gap, "felt")))
	sameDayOr(s.yes(q.BoneTender))
	fixed(s.is(q.Walk, "unable"), SameDay)
	fixed(s.yes(q.CalfSwellingWarm), SameDay)
	fixed(s.clotSuspected(), SameDay)
	sameDayOr(and(s.is(q.PainSite, "heel"), sudden))
	fixed(s.is(q.Onset, "gradual"), Consultation)
	fixed(and(atLeast(floorConsultation), not(atLeast(floorSameDay))), Consultation)
	// The two floors of the estimate together: an estimate of 3% or more in
	// every completion asks for a consultation at least, by one floor or
	// the other (which Kleene's "and" alone would not see).
	if atLeast(floorConsultation).must() {
		r.Lowest = max(r.Lowest, Consultation)
	}
	fixed(and(s.is(q.PainSite, "achilles"), sudden, not(atLeast(edgeVeryLikely))), Consultation)
	// The pop: a consultation once someone else has tested the tendon,
	// else the same day (or a consultation when chronic).
	tested := s.tendonTested()
	floor(and(sudden, or(s.yes(q.Pop), s.yes(q.Kicked))),
		easedLeast(or(tested, chronic)), easedMost(or(tested, chronic)))
	fixed(and(s.yes(q.Fluoroquinolone), or(s.is(q.PainSite, "achilles"), s.is(q.PainSite, "heel"),
		not(s.has(q.PainSite)), s.yes(q.PriorSymptoms))), Consultation)
	fixed(s.yes(q.HeelBump), Consultation)
	return r
}

// easedLeast and easedMost are the least and the most a same-day floor asks
// for when eased may be true: a consultation instead of the same day.
func easedLeast(eased tri) Triage {
	if eased.may() {
		return Consultation
	}
	return SameDay
}

func easedMost(eased tri) Triage {
	if eased.must() {
		return Consultation
	}
	return SameDay
}

// tri is a fact about every completion: it may be false (no), may be true
// (yes), or both (maybe). It is never empty.
type tri uint8

const (
	no    tri = 1
	yes   tri = 2
	maybe     = no | yes
)

func (t tri) may() bool  { return t&yes != 0 }
func (t tri) must() bool { return t == yes }

// and, or and not are Kleene's: a conjunction may be true when every part
// may be, and may be false when any part may be.
func and(ts ...tri) tri {
	r := yes
	for _, t := range ts {
		if !t.may() {
			r &^= yes
		}
		if t&no != 0 {
			r |= no
		}
	}
	return r
}

func or(ts ...tri) tri {
	r := no
	for _, t := range ts {
		if t.may() {
			r |= yes
		}
		if t&no == 0 {
			r &^= no
		}
	}
	return r
}

func not(t tri) tri { return t>>1 | t<<1&yes }

// scope is the partial answers being completed.
type scope struct{ a *q.Answers }

// is says whether question has value in a completion, as the model sees it.
// Another answer never becomes value (it stays, or the branching drops it);
// an unanswered question may get it, or not.
func (s scope) is(question q.Q, value string) tri {
	switch {
	case !s.a.Has(question):
		return maybe
	case !s.a.Is(question, value):
		return no
	case certainlyAsked(s.a, question):
		return yes
	}
	return maybe
}

func (s scope) yes(question q.Q) tri { return s.is(question, "yes") }

// has says whether question has an answer in a completion.
func (s scope) has(question q.Q) tri {
	if s.a.Has(question) && certainlyAsked(s.a, question) {
		return yes
	}
	return maybe
}

// aaosMet: two or more AAOS signs. It may be true when two signs may be
// positive, and may be false unless two are positive in every completion.
func (s scope) aaosMet() tri {
	var mayN, mustN int
	for _, sign := range []tri{s.is(q.Thompson, "positive"), s.yes(q.PushWeak), s.is(q.Gap, "felt"), s.is(q.Matles, "positive")} {
		if sign.may() {
			mayN++
		}
		if sign.must() {
			mustN++
		}
	}
	var r tri
	if mayN >= 2 {
		r |= yes
	}
	if mustN < 2 {
		r |= no
	}
	return r
}

// tendonTested mirrors tendonTested: a calf squeeze or Matles result from
// someone other than the injured person.
func (s scope) tendonTested() tri {
	notSelf := maybe // the examiner may still be answered, or default
	if v, ok := s.a.Choice(q.Examiner); ok {
		notSelf = yes
		if v == "self" {
			notSelf = no
		}
	}
	result := func(question q.Q) tri { return or(s.is(question, "positive"), s.is(question, "negative")) }
	return and(notSelf, or(result(q.Thompson), result(q.Matles)))
}

// clotSuspected mirrors clotCheck: the check says possible or likely (both
// the same day) when the leg or chest has a sign, and there is a Wells
// point, another risk, no clear injury, or chest symptoms.
func (s scope) clotSuspected() tri {
	chest := s.yes(q.ChestSymptoms)
	leg := or(s.is(q.PainSite, "calf"), s.yes(q.CalfSwellingWarm), s.yes(q.CalfBigger),
		s.yes(q.LegSwollen), s.yes(q.Pitting), s.yes(q.CalfTender))
	var wells, other tri = s.yes(q.CalfSwellingWarm), no
	for _, item := range clotYes {
		switch {
		case item.wells:
			wells = or(wells, s.yes(item.question))
		case item.f != ClotChest:
			other = or(other, s.yes(item.question))
		}
	}
	mech := func(v string) tri { return s.is(q.Mechanism, v) }
	clearInjury := and(s.is(q.Onset, "sudden"), or(mech("push_off"), mech("landing"), mech("twist"), mech("direct_blow")))
	return and(or(leg, chest), or(wells, other, not(clearInjury), chest))
}

// certainlyAsked reports whether the branching keeps an answer to question
// in every completion of a: a sound under-approximation of
// questionnaire.Asked, as questionnaire.Effective applies it (in question
// order, on the answers it has kept so far). It mirrors flow.go; a test
// checks it against Effective, and false is always safe.
func certainlyAsked(a *q.Answers, question q.Q) bool {
	switch question {
	case q.Mechanism, q.Pop, q.Kicked:
		v, ok := a.Choice(q.Onset)
		return ok && v != "gradual"
	case q.Gap, q.Thompson, q.Matles, q.BoneTender:
		v, ok := a.Choice(q.Examiner)
		return ok && v != "nobody"
	case q.HeelBump:
		return a.Is(q.PainSite, "heel") || (a.Is(q.Onset, "gradual") && a.Is(q.PainSite, "achilles"))
	case q.CalfBigger, q.LegSwollen, q.CalfTender:
		return certainClotStory(a)
	case q.Pitting:
		return certainClotStory(a) && (a.Yes(q.CalfBigger) || a.Yes(q.LegSwollen) || a.Yes(q.CalfSwellingWarm))
	case q.LegImmobilised, q.BedRestSurgery, q.LongJourney, q.Pregnancy, q.Hormones, q.Cancer, q.PriorClot, q.KneeProblem:
		// A clot risk answered yes asks itself, and every risk after it.
		return certainClotSymptom(a) || q.ClotRiskKnown(a)
	}
	// Every other question is always asked.
	return true
}

// certainClotStory reports whether questionnaire.ClotStory holds in every
// completion. Each part rests on questions that are always asked, on the
// mechanism once the onset is sudden, or on a clot risk answered yes, which
// is kept (see certainlyAsked).
func certainClotStory(a *q.Answers) bool {
	olderKnown := a.Has(q.TimeSince) && !a.Is(q.TimeSince, "lt_24h")
	onset, onsetKnown := a.Choice(q.Onset)
	unclear := onsetKnown && (onset != "sudden" || a.Is(q.Mechanism, "none") || a.Is(q.Mechanism, "unsure"))
	return a.Is(q.PainSite, "calf") || a.Yes(q.CalfSwellingWarm) || a.Yes(q.ChestSymptoms) ||
		olderKnown || unclear || q.ClotRiskKnown(a)
}

// certainClotSymptom is the same for the leg or chest signs that ask the
// clot risks.
func certainClotSymptom(a *q.Answers) bool {
	if a.Is(q.PainSite, "calf") || a.Yes(q.CalfSwellingWarm) || a.Yes(q.ChestSymptoms) {
		return true
	}
	for _, sign := range q.ClotSigns {
		if a.Yes(sign) && certainlyAsked(a, sign) {
			return true
		}
	}
	return false
}

// probabilityBounds returns a probability no completion's estimate is
// below, and one none is above.
func (s scope) probabilityBounds() (lo, hi float64) {
	var weights []float64
	if v, ok := s.a.Choice(q.Examiner); ok {
		weights = []float64{ExaminerWeight(v)}
	} else {
		weights = []float64{ExaminerWeight("self"), ExaminerWeight("trainer"), ExaminerWeight("clinician")}
	}
	var members [groupCount][]q.Q
	for _, question := range scored {
		g := groupOf[question]
		members[g] = append(members[g], question)
	}
	low, high := logitPrior, logitPrior
	for g := range members {
		ws := []float64{1}
		if Group(g) == Examination {
			ws = weights
		}
		gLow, gHigh := s.groupBounds(members[g], ws)
		low += gLow
		high += gHigh
	}
	return probability(low), probability(high)
}

// groupBounds tries every combination of the group's possible answers (and
// examiner weights) and returns the smallest and largest sum the model's
// combine gives.
func (s scope) groupBounds(questions []q.Q, weights []float64) (lo, hi float64) {
	options := make([][]*Evidence, len(questions))
	for i, question := range questions {
		options[i] = s.evidenceOptions(question)
	}
	first := true
	var fs [maxGroup]finding
	choice := make([]int, len(questions))
	for {
		for _, w := range weights {
			n := 0
			for i, c := range choice {
				e := options[i][c]
				if e == nil || e.LR == 1 || e.LR <= 0 {
					continue
				}
				l := e.ln * w
				fs[n] = finding{v: [3]float64{l, l, l}}
				n++
			}
			sum := 0.0
			if n > 0 {
				sum = combine(fs[:n], point, nil)
			}
			if first || sum < lo {
				lo = sum
			}
			if first || sum > hi {
				hi = sum
			}
			first = false
		}
		// The next combination, as an odometer.
		i := 0
		for ; i < len(choice); i++ {
			choice[i]++
			if choice[i] < len(options[i]) {
				break
			}
			choice[i] = 0
		}
		if i == len(choice) {
			return lo, hi
		}
	}
}

// evidenceOptions lists the evidence a question may give in a completion;
// nil stands for no answer, or one that moves nothing. Answers with the
// same likelihood ratio are listed once: the model sees only the ratio.
func (s scope) evidenceOptions(question q.Q) []*Evidence {
	var opts []*Evidence
	add := func(e *Evidence) {
		if e != nil && (e.LR == 1 || e.LR <= 0) {
			e = nil
		}
		for _, o := range opts {
			if o == e || (o != nil && e != nil && o.LR == e.LR) {
				return
			}
		}
		opts = append(opts, e)
	}
	if s.a.Has(question) {
		add(evidenceFor(s.a, question))
		if !certainlyAsked(s.a, question) {
			add(nil)
		}
		return opts
	}
	add(nil)
	if question == q.Age {
		for i := range ageBands {
			add(&ageBands[i])
		}
		return opts
	}
	for i := range table[question] {
		add(&table[question][i])
	}
	return opts
}

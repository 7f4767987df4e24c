package questionnaire

// The branching of the questionnaire. A gradual onset skips the questions
// about the injury event (there was none), and examiner "nobody" (nobody
// can examine the leg now) skips the examination tests. The heel bump is asked about only for heel
// pain or gradual pain at the tendon, and the clot check only when a clot could fit
// the story (see ClotStory). Answers to skipped questions are kept, so
// going back and changing the branch restores them, but Effective drops them
// so they never count.

// Asked reports whether q is asked, given the answers so far. It depends
// only on the answers to questions before q, with one exception: the clot
// check's signs and risk questions also depend on its own group's risk
// factors, which come after some of them (ClotRiskKnown), so that a risk
// given in advance (an answers document, a course case) brings the
// questions in. Effective stays stable: the answers it keeps ask the same
// questions again.
func Asked(a *Answers, q Q) bool {
	switch q {
	case Mechanism, Pop, Kicked:
		return !a.Is(Onset, "gradual")
	case HeelBump:
		// A long-standing bump at the back of the heel (Haglund's
		// deformity) is told apart from a fresh injury: it matters for
		// heel pain, and for pain at the tendon that came on gradually.
		return a.Is(PainSite, "heel") || (a.Is(Onset, "gradual") && a.Is(PainSite, "achilles"))
	case CalfBigger, LegSwollen, CalfTender:
		return ClotStory(a)
	case Pitting:
		// Pressing for a dent only makes sense on a swollen leg.
		return ClotStory(a) && (a.Is(CalfBigger, "yes") || a.Is(LegSwollen, "yes") || a.Is(CalfSwellingWarm, "yes"))
	case LegImmobilised, BedRestSurgery, LongJourney, Pregnancy, Hormones, Cancer, PriorClot, KneeProblem:
		return clotSymptomAsked(a) || ClotRiskKnown(a)
	case Gap, Thompson, Matles, BoneTender:
		return !a.Is(Examiner, "nobody")
	}
	return q < Count
}

// ClotRisks are the clot check's risk factors, in asking order: the Wells
// items a person can answer (a cast or boot, bed rest or an operation,
// cancer, a clot before) and the other usual risks (a long journey,
// pregnancy, oestrogen). docs/evidence.md §8.
var ClotRisks = [...]Q{LegImmobilised, BedRestSurgery, LongJourney, Pregnancy, Hormones, Cancer, PriorClot}

// ClotSigns are the clot check's signs in the leg, from the Wells score.
var ClotSigns = [...]Q{CalfBigger, LegSwollen, Pitting, CalfTender}

// ClearInjury reports whether the answers describe a clear injury: a sudden
// start during an activity, with the foot doing something named (pushing
// off, landing, a twist or a blow). Anything else, including not knowing
// what the foot was doing, is no clear injury, and a clot then has to be
// thought of.
func ClearInjury(a *Answers) bool {
	if !a.Is(Onset, "sudden") {
		return false
	}
	switch v, _ := a.Choice(Mechanism); v {
	case "push_off", "landing", "twist", "direct_blow":
		return true
	}
	return false
}

// ClotRiskKnown reports whether a clot risk factor is already answered yes,
// for example in answers given before the questionnaire started.
func ClotRiskKnown(a *Answers) bool {
	for _, r := range ClotRisks {
		if a.Is(r, "yes") {
			return true
		}
	}
	return false
}

// ClotStory reports whether a blood clot could fit the story so far, so
// that the clot check's signs are worth asking about: pain in the calf, no
// clear injury, a swollen warm calf, chest symptoms, an injury more than a
// day old (the injury and the weeks of rest after it are risks of their
// own, and a clot is common after a rupture), or a clot risk factor already
// known. A fresh classic rupture (a sudden push-off today, pain at the
// tendon) is not asked them.
func ClotStory(a *Answers) bool {
	// Not knowing when counts as older: only "less than 24 hours" spares
	// the questions.
	older := !a.Is(TimeSince, "lt_24h")
	return a.Is(PainSite, "calf") || !ClearInjury(a) || a.Is(CalfSwellingWarm, "yes") ||
		a.Is(ChestSymptoms, "yes") || older || ClotRiskKnown(a)
}

// clotSymptomAsked reports whether the leg or chest has a sign that could
// be a clot, counting the clot check's signs only where they are asked:
// then the risk factors are worth asking about.
func clotSymptomAsked(a *Answers) bool {
	if a.Is(PainSite, "calf") || a.Is(CalfSwellingWarm, "yes") || a.Is(ChestSymptoms, "yes") {
		return true
	}
	for _, s := range ClotSigns {
		if a.Is(s, "yes") && Asked(a, s) {
			return true
		}
	}
	return false
}

// First returns the first question asked after the start screen, which asks
// who is answering.
func First(a *Answers) Q {
	q, _ := Next(a, Answerer) // the emergency check is always asked
	return q
}

// Next returns the question asked after q, or false at the end.
func Next(a *Answers, q Q) (Q, bool) {
	for n := q + 1; n < Count; n++ {
		if Asked(a, n) {
			return n, true
		}
	}
	return 0, false
}

// Prev returns the question asked before q, or false at the start.
func Prev(a *Answers, q Q) (Q, bool) {
	for n := int(q) - 1; n >= 0; n-- {
		if Asked(a, Q(n)) {
			return Q(n), true
		}
	}
	return 0, false
}

// Place returns q's number among the questions asked in the whole
// questionnaire (from 1, the question of who is answering being the first)
// and how many are asked in all: the one "question N of M" that the
// full-screen questionnaire and accessible mode both show. The total is
// recomputed from the answers, so it changes when an answer changes the
// branch (a gradual onset skips the injury event).
func Place(a *Answers, q Q) (n, total int) {
	done, total := Progress(a, q)
	return done + 1, total
}

// Progress returns how many asked questions come before q, and how many are
// asked in all, for a progress bar over the whole questionnaire.
func Progress(a *Answers, q Q) (done, total int) {
	for i := Q(0); i < Count; i++ {
		if !Asked(a, i) {
			continue
		}
		total++
		if i < q {
			done++
		}
	}
	return done, total
}

// Effective returns the answers with those to skipped questions removed:
// what the assessment should count.
func Effective(a Answers) Answers {
	for q := Q(0); q < Count; q++ {
		if a.Has(q) && !Asked(&a, q) {
			a.Clear(q)
		}
	}
	return a
}

package questionnaire

// The branching of the questionnaire. A gradual onset skips the questions
// about the injury event (there was none), and "nobody can examine the leg"
// skips the examination tests. Answers to skipped questions are kept, so
// going back and changing the branch restores them, but Effective drops them
// so they never count.

// Asked reports whether q is asked, given the answers so far.
func Asked(a *Answers, q Q) bool {
	switch q {
	case Mechanism, Pop, Kicked:
		return !a.Is(Onset, "gradual")
	case Gap, Thompson, Matles, BoneTender:
		return !a.NoExaminer
	}
	return q < Count
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

// Position returns q's place among the questions asked in its section (from
// 1) and how many that section asks.
func Position(a *Answers, q Q) (n, total int) {
	s := bank[q].Section
	for i := Q(0); i < Count; i++ {
		if bank[i].Section != s || !Asked(a, i) {
			continue
		}
		total++
		if i <= q {
			n++
		}
	}
	return n, total
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

// Package words is what the full-screen questionnaire and accessible mode
// both say, worded once so that the two never disagree: an answer in
// words, and the emergency signs with what each calls for. It uses no
// Charm module and does no I/O; ui and ui/accessible present its words
// each in their own way.
package words

import (
	"achilles/assessment"
	"achilles/catalog"
	q "achilles/questionnaire"
)

// Answered reports whether the question has an answer.
func Answered(a *q.Answers, question q.Q) bool { return a.Has(question) }

// Answer is the answer to a question in words ("41 years", "Yes",
// "Nobody can examine now"), or "Not answered".
func Answer(cat *catalog.Catalog, a *q.Answers, question q.Q) string {
	v, ok := a.Value(question)
	switch {
	case !ok:
		return cat.T("report.not_answered")
	case question.Info().Kind == q.Number:
		return cat.F("access.number_answer", "number", v, "unit", cat.T(question.UnitKey()))
	}
	return cat.T(question.ValueKey(v))
}

// Sign is one emergency sign of the question bank and what it calls for
// when it is the only thing answered.
type Sign struct {
	Question q.Q
	// Triage is how urgently this sign alone needs care: never less than
	// the same day.
	Triage assessment.Triage
	// Headline is that urgency in plain words, as the report words it.
	Headline string
}

// Signs are the question bank's emergency questions (its red flags), in
// the order they are asked, each with what it alone calls for. The report
// itself words each one, so that a list of the signs never disagrees with
// the result a "yes" would give. emergency is how to reach emergency
// services, in words.
func Signs(cat *catalog.Catalog, emergency string) []Sign {
	var signs []Sign
	for question := q.Q(0); question < q.Count; question++ {
		if !question.Info().RedFlag {
			continue
		}
		var only q.Answers
		if err := only.SetChoice(question, "yes"); err != nil {
			continue
		}
		rep := assessment.NewReport(assessment.Assess(only), cat, assessment.Options{Emergency: emergency})
		signs = append(signs, Sign{Question: question, Triage: rep.Triage, Headline: rep.Actions.Headline})
	}
	return signs
}

package assessment

import (
	"fmt"
	"math"
	"strings"

	q "achilles/questionnaire"
)

// The report's lines in words, shared by every renderer.

// Percent formats a probability for people: whole percent, with "<1%" and
// ">99%" at the ends so that nothing reads as certain.
// Near a band edge, a whole percent that would round up onto the edge is
// shown to one decimal, cut rather than rounded ("9.9%"), so that the number
// never contradicts the band beside it.
func Percent(p float64) string {
	switch {
	case p < 0.005:
		return "<1%"
	case p >= 0.995:
		return ">99%"
	}
	whole := math.Round(p * 100)
	if BandOf(whole/100) != BandOf(p) {
		return fmt.Sprintf("%.1f%%", math.Floor(p*1000)/10)
	}
	return fmt.Sprintf("%d%%", int(whole))
}

// TriageSymbol is the ASCII marker that carries the urgency without colour.
func TriageSymbol(t Triage) string {
	return [...]string{"[ok]", "[i]", "[!]", "[!!]", "[!!!]"}[t]
}

// AAOSLine words the AAOS signs: how many are positive of those assessed,
// and whether the criteria are met.
func (rep *Report) AAOSLine() string {
	cat, a := rep.cat, rep.AAOS
	met := cat.T("report.aaos_not_met")
	if a.Met {
		met = cat.T("report.aaos_met")
	}
	return cat.T("report.aaos") + ": " + cat.F("report.aaos_value", "positive", fmt.Sprint(a.Positive), "assessed", fmt.Sprint(a.Assessed)) + "; " + met
}

// RedFlagsLine names the emergency signs answered yes, or is "" when none
// was.
func (rep *Report) RedFlagsLine() string {
	flags := rep.RedFlags()
	if len(flags) == 0 {
		return ""
	}
	names := make([]string, len(flags))
	for i, f := range flags {
		names[i] = rep.cat.T(f.LabelKey())
	}
	return rep.cat.T("report.red_flags") + ": " + strings.Join(names, "; ")
}

// RedFlagsUncheckedLine says which emergency signs were not checked and
// what to do if one is present, or is "" when every one was answered.
func (rep *Report) RedFlagsUncheckedLine() string {
	flags := rep.RedFlagsUnchecked()
	if len(flags) == 0 {
		return ""
	}
	names := make([]string, len(flags))
	for i, f := range flags {
		names[i] = rep.cat.T(f.LabelKey())
	}
	return rep.cat.F("report.red_flags_unchecked", "signs", strings.Join(names, "; "), "emergency", rep.Emergency)
}

// TraceLine words one step of the trace: the answer, which way it moved the
// odds and by how much, and on what basis.
func (rep *Report) TraceLine(s Step) string {
	cat := rep.cat
	effect := cat.T("report.lowers")
	if s.Raises() {
		effect = cat.T("report.raises")
	}
	return rep.EffectSymbol(s) + " " + cat.F("report.trace_step",
		"question", cat.T(s.Question.LabelKey()),
		"value", rep.ValueLabel(s.Question),
		"effect", effect,
		"lr", FormatLR(s.LR()),
		"evidence", rep.evidence(s))
}

// evidence names the basis of a step and its source, once.
func (rep *Report) evidence(s Step) string {
	basis := rep.BasisWord(s)
	if s.Cited() == "" {
		return basis
	}
	return basis + ", " + s.Cited()
}

// EstimateLine words the estimate: the percentage and the band, saying so
// when the AAOS signs raised the band above what the number gives.
func (rep *Report) EstimateLine() string {
	key := "report.estimate_value"
	if rep.BandRaised {
		key = "report.estimate_value_raised"
	}
	return rep.cat.F(key, "percent", Percent(rep.Probability), "band", rep.cat.T(rep.Band.Key()))
}

// RangeLine words the plausible range, or says that nothing answered has
// moved the estimate from the starting assumption.
func (rep *Report) RangeLine() string {
	if len(rep.Trace()) == 0 {
		return rep.cat.T("report.range_none")
	}
	return rep.cat.T("report.range") + ": " + rep.cat.F("report.range_value", "low", Percent(rep.Low), "high", Percent(rep.High))
}

// ValueLabel is the answer to a question in words, or "" if unanswered.
func (rep *Report) ValueLabel(question q.Q) string {
	v, ok := rep.Answers.Value(question)
	if !ok {
		return ""
	}
	if question.Info().Kind == q.Number {
		if question == q.PainNow {
			return v + "/10"
		}
		return v
	}
	return rep.cat.T(question.ValueKey(v))
}

// FormatLR formats a likelihood ratio for people: one decimal from 10 up,
// two below, so that a ratio of 1.04 does not read as 1.
func FormatLR(lr float64) string {
	switch {
	case lr >= 10:
		return strings.TrimSuffix(fmt.Sprintf("%.1f", lr), ".0")
	case lr >= 0.1:
		return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.2f", lr), "0"), ".")
	}
	return fmt.Sprintf("%.2g", lr)
}

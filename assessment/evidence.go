// Package assessment is the evidence model of achilles: likelihood ratios
// with their sources, the posterior probability of a complete Achilles
// tendon rupture and its range, the AAOS clinical signs, the safety floors
// and triage, the advice, the report in words and its outline (Outline),
// and the JSON document. Every number comes from docs/evidence.md and says
// whether it is published evidence or an assumption of the model. It does
// no I/O and draws nothing: it returns words and bytes, and package report
// and the screens lay them out.
package assessment

import (
	"math"

	q "achilles/questionnaire"
)

// ModelVersion identifies the model; it changes whenever a number does.
const ModelVersion = "2026.2"

// SchemaVersion is the version of the JSON output (docs/contract.md).
const SchemaVersion = 1

// Prior is the starting probability of a rupture. Assumption (docs/evidence.md §1):
// people who open this tool after a leg injury; no study gives the prevalence
// of rupture among people with acute calf or heel pain.
const Prior = 0.10

// Basis says where a likelihood ratio comes from.
type Basis uint8

const (
	// Published evidence from a study of test accuracy.
	Published Basis = iota
	// Assumption of the model, informed by the source named.
	Assumption
)

func (b Basis) String() string {
	if b == Published {
		return "published"
	}
	return "assumption"
}

// Group is a set of correlated findings that must not be counted as
// independent evidence (docs/evidence.md §1.3).
type Group uint8

const (
	History Group = iota
	Site
	Function
	Examination
	Risk
	groupCount
)

// Evidence is the likelihood ratio of one answer with its source.
type Evidence struct {
	Value  string  // the answer value it belongs to
	LR     float64 // likelihood ratio; 1 or 0 means the answer moves nothing
	Low    float64 // lower bound of the published 95% CI, 0 if not known
	High   float64 // upper bound of the published 95% CI, 0 if not known
	Basis  Basis
	Source string

	// Natural logs of LR, Low and High, worked out once when the table is
	// built, since the model adds log-LRs.
	ln, lnLow, lnHigh float64
}

// ev builds a row of the evidence table.
func ev(v string, lr, low, high float64, basis Basis, src string) Evidence {
	e := Evidence{Value: v, LR: lr, Low: low, High: high, Basis: basis, Source: src, ln: math.Log(lr)}
	if low > 0 && high > 0 {
		e.lnLow, e.lnHigh = math.Log(low), math.Log(high)
	}
	return e
}

// The sources, as cited in reports (docs/evidence.md §7).
const (
	srcMaffulli       = "Maffulli 1998"
	srcMaffulliReiman = "Maffulli 1998; Reiman 2014"
	srcReiman         = "Reiman 2014"
	srcBoyd           = "Boyd 2015"
	srcSingh          = "Singh 2015"
	srcAAOS           = "Chiodo 2010 (AAOS)"
	srcGanestam       = "Ganestam 2016"
	srcQuinolone      = "van der Linden 2003; Morales 2019"
	srcMorales        = "Morales 2019"
	srcPark           = "Park 2019"
	srcNone           = "model assumption"
)

// none marks a neutral answer ("not sure", "not done"): it moves nothing.
func none(v string) Evidence { return ev(v, 1, 0, 0, Assumption, srcNone) }

func assume(v string, lr float64, src string) Evidence { return ev(v, lr, 0, 0, Assumption, src) }

// table holds the evidence for each scored choice question, aligned with the
// question's values (a test checks the alignment). docs/evidence.md §2.
var table = [q.Count][]Evidence{
	// Examination: published, from surgeons examining a referred sample in
	// which 86% had a rupture (Maffulli 1998); treat as optimistic.
	q.Thompson: {
		ev("positive", 13.7, 3.54, 51.24, Published, srcMaffulliReiman),
		ev("negative", 0.04, 0.02, 0.10, Published, srcMaffulliReiman),
		none("not_done"),
	},
	q.Matles: { // sens 0.88, spec 0.85; LR computed, no CI published
		ev("positive", 5.9, 0, 0, Published, srcMaffulli),
		ev("negative", 0.14, 0, 0, Published, srcMaffulli),
		none("not_done"),
	},
	q.Gap: { // felt: sens 0.73, spec 0.89, LR computed; not felt: pooled
		ev("felt", 6.6, 0, 0, Published, srcMaffulli),
		ev("not_felt", 0.30, 0.23, 0.40, Published, srcReiman),
		none("not_checked"),
	},

	// History: no published accuracy exists; assumptions.
	q.Onset:     {assume("sudden", 3.0, srcNone), assume("gradual", 0.25, srcReiman), none("unsure")},
	q.Mechanism: {assume("push_off", 2.0, srcNone), assume("landing", 2.0, srcNone), assume("twist", 0.5, srcNone), assume("direct_blow", 0.7, srcNone), assume("none", 0.7, srcNone), none("unsure")},
	q.Pop:       {assume("yes", 2.0, srcBoyd), assume("no", 0.7, srcBoyd), none("unsure")},
	q.Kicked:    {assume("yes", 3.0, srcNone), assume("no", 0.8, srcNone), none("unsure")},

	// Site.
	q.PainSite: {assume("achilles", 1.5, srcNone), assume("heel", 0.7, srcNone), assume("calf", 0.5, srcNone), assume("ankle_side", 0.3, srcNone), assume("other", 0.5, srcNone)},
	q.Swelling: {assume("yes", 1.3, srcNone), assume("no", 0.8, srcNone), none("unsure")},

	// Function: people with a rupture can sometimes still tiptoe and walk.
	q.Tiptoe:   {assume("can", 0.4, srcSingh), assume("cannot", 2.5, srcSingh), none("not_tried")},
	q.PushWeak: {assume("yes", 2.0, srcAAOS), assume("no", 0.6, srcAAOS), none("unsure")},
	q.Walk:     {assume("normal", 0.8, srcSingh), assume("limp", 1.1, srcSingh), assume("unable", 1.2, srcSingh)},

	// Risk factors: population risk ratios, not diagnostic LRs; they nudge.
	q.Fluoroquinolone: {assume("yes", 1.5, srcQuinolone), none("no"), none("unsure")},
	q.Corticosteroid:  {assume("yes", 1.5, srcMorales), none("no"), none("unsure")},
	q.PriorRupture:    {assume("yes", 1.3, srcPark), none("no")},
	q.PriorSymptoms:   {assume("yes", 1.2, srcNone), none("no"), none("unsure")},
}

// ageBands gives the evidence for age in years (Ganestam 2016: mean age
// 42–46 at rupture). Assumption.
var ageBands = [...]Evidence{
	assume("<20", 0.5, srcGanestam),
	assume("20-29", 0.9, srcGanestam),
	assume("30-55", 1.3, srcGanestam),
	assume(">55", 1.0, srcGanestam),
}

func ageEvidence(age int) *Evidence {
	switch {
	case age < 20:
		return &ageBands[0]
	case age < 30:
		return &ageBands[1]
	case age <= 55:
		return &ageBands[2]
	default:
		return &ageBands[3]
	}
}

// groupOf assigns each scored question to its group; every other question
// (the red flags, the clot check, the recorded facts) is not scored: -1.
var groupOf = func() (g [q.Count]int8) {
	for i := range g {
		g[i] = -1
	}
	for group, questions := range [groupCount][]q.Q{
		History:     {q.Onset, q.Mechanism, q.Pop, q.Kicked},
		Site:        {q.PainSite, q.Swelling},
		Function:    {q.Tiptoe, q.PushWeak, q.Walk},
		Examination: {q.Gap, q.Thompson, q.Matles},
		Risk:        {q.Age, q.Fluoroquinolone, q.Corticosteroid, q.PriorRupture, q.PriorSymptoms},
	} {
		for _, question := range questions {
			g[question] = int8(group)
		}
	}
	return g
}()

// scored lists the scored questions in question order: the model's loop
// need not visit the others.
var scored = func() (qs []q.Q) {
	for question := q.Q(0); question < q.Count; question++ {
		if groupOf[question] >= 0 {
			qs = append(qs, question)
		}
	}
	return qs
}()

// GroupOf returns the group of a scored question, or false if the question
// is not scored.
func GroupOf(question q.Q) (Group, bool) {
	g := groupOf[question]
	return Group(g), g >= 0
}

// rankWeights weight the log-LRs within a group, largest first (docs/evidence.md
// §1.3 gives 1.0, 0.6, 0.4, …; the tail 0.3, 0.2 is this model's
// continuation). Assumption: correlated findings of one tendon.
var rankWeights = [...]float64{1.0, 0.6, 0.4, 0.3, 0.2}

// ExaminerWeight is the exponent applied to the examination LRs, which were
// measured with orthopaedic surgeons examining (docs/evidence.md §1.4).
// Assumption.
func ExaminerWeight(examiner string) float64 {
	switch examiner {
	case "clinician":
		return 1.0
	case "trainer":
		return 0.75
	default:
		return 0.5
	}
}

// Range scaling of assumption log-LRs (docs/evidence.md §1.5).
const (
	assumptionLow  = 0.5
	assumptionHigh = 1.5
)

// EvidenceFor returns the evidence for an answer, and false when the answer
// is missing or the question is not scored.
func EvidenceFor(a *q.Answers, question q.Q) (Evidence, bool) {
	if e := evidenceFor(a, question); e != nil {
		return *e, true
	}
	return Evidence{}, false
}

func evidenceFor(a *q.Answers, question q.Q) *Evidence {
	if groupOf[question] < 0 || !a.Has(question) {
		return nil
	}
	if question == q.Age {
		n, _ := a.Number(q.Age)
		return ageEvidence(n)
	}
	i, _ := a.Index(question)
	return &table[question][i]
}

// logitPrior is the prior in log-odds.
var logitPrior = logit(Prior)

// logit converts a probability to log-odds.
func logit(p float64) float64 { return math.Log(p / (1 - p)) }

// logistic converts log-odds to a probability.
func logistic(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

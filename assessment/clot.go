package assessment

import (
	"math/bits"

	q "achilles/questionnaire"
)

// The clot check (docs/evidence.md §8): a separate estimate from the rupture's,
// since a clot and a rupture can happen together and a clot is common after
// a rupture. It adapts the Wells score for a clot in a deep vein of the leg
// (Wells 2003 NEJM 349:1227, as used by NICE NG158) to what a lay person or
// a helper can answer: one point for each sign or risk of the score, and
// never a point taken away. A clinician's Wells score subtracts 2 when
// another diagnosis is at least as likely; that is a clinician's judgement,
// and here the other diagnosis (a rupture) may come with a clot.

// ClotLevel is the result of the clot check.
type ClotLevel uint8

const (
	// ClotNoSigns: nothing in the answers points to a clot. Not "no clot":
	// only a test can say that.
	ClotNoSigns ClotLevel = iota
	// ClotPossible: a clot cannot be excluded without a test. NICE NG158:
	// with a Wells score below 2, a D-dimer blood test (and a scan if it is
	// raised), within 4 hours.
	ClotPossible
	// ClotLikely: 2 or more points, "DVT likely" in Wells 2003. NICE NG158:
	// a leg vein ultrasound scan within 4 hours.
	ClotLikely
)

var clotLevelIDs = [...]string{"no_signs", "possible", "likely"}

// ID is the level's stable identifier, as in the JSON's clot_check.
func (l ClotLevel) ID() string { return clotLevelIDs[l] }

// ClotLikelyPoints is the Wells score from which a clot is likely
// (Wells 2003; NICE NG158).
const ClotLikelyPoints = 2

// ClotFinding is one answer the clot check counted.
type ClotFinding uint8

// The findings, in the order they are reported: the story, then the Wells
// signs, the Wells risks, and the other risks.
const (
	ClotChest          ClotFinding = iota // chest symptoms or fainting: a clot may have reached the lungs
	ClotCalfPain                          // the pain is in the calf
	ClotNoClearInjury                     // no clear injury explains the pain
	ClotSwollenWarm                       // calf swollen, warm and tender: Wells swelling and tenderness
	ClotCalfBigger                        // Wells: calf swelling more than 3 cm
	ClotLegSwollen                        // Wells: the entire leg swollen
	ClotPitting                           // Wells: pitting oedema
	ClotCalfTender                        // Wells: tenderness along the deep veins
	ClotImmobilised                       // Wells: paralysis or a recent plaster cast
	ClotBedRestSurgery                    // Wells: bedridden 3 days or more, or major surgery, in 12 weeks
	ClotCancer                            // Wells: active cancer
	ClotPriorClot                         // Wells: a previous DVT
	ClotLongJourney                       // risk: a journey of 4 hours or more in 4 weeks
	ClotPregnancy                         // risk: pregnancy or a birth in 6 weeks
	ClotHormones                          // risk: oestrogen (combined pill, hormone therapy)
	ClotKnee                              // knee arthritis or a lump behind the knee: a Baker's cyst
	clotFindingCount
)

var clotFindingIDs = [clotFindingCount]string{
	"chest_symptoms", "calf_pain", "no_clear_injury", "calf_swelling_warm",
	"calf_bigger", "leg_swollen", "pitting", "calf_tender",
	"leg_immobilised", "bed_rest_surgery", "cancer", "prior_clot",
	"long_journey", "pregnancy", "hormones", "knee_problem",
}

// ID is the finding's stable identifier: the question's ID where it is one
// answer, else a name for what the answers show.
func (f ClotFinding) ID() string { return clotFindingIDs[f] }

// ClotFindingIDs lists every finding's ID, in report order.
func ClotFindingIDs() []string { return clotFindingIDs[:] }

// clotYes maps the findings that are a question answered yes.
var clotYes = [...]struct {
	f        ClotFinding
	question q.Q
	wells    bool // a point of the Wells score
}{
	{ClotChest, q.ChestSymptoms, false},
	{ClotCalfBigger, q.CalfBigger, true},
	{ClotLegSwollen, q.LegSwollen, true},
	{ClotPitting, q.Pitting, true},
	{ClotCalfTender, q.CalfTender, true},
	{ClotImmobilised, q.LegImmobilised, true},
	{ClotBedRestSurgery, q.BedRestSurgery, true},
	{ClotCancer, q.Cancer, true},
	{ClotPriorClot, q.PriorClot, true},
	{ClotLongJourney, q.LongJourney, false},
	{ClotPregnancy, q.Pregnancy, false},
	{ClotHormones, q.Hormones, false},
	{ClotKnee, q.KneeProblem, false},
}

// Clot is the result of the clot check.
type Clot struct {
	Level ClotLevel
	// Points is the adapted Wells score: one point for each sign or risk of
	// the score answered yes, 0 to 8; never below 0.
	Points   int
	findings uint32
}

// Has reports whether the check counted a finding.
func (c Clot) Has(f ClotFinding) bool { return c.findings&(1<<f) != 0 }

// Findings lists what the check counted, in report order.
func (c Clot) Findings() []ClotFinding {
	var fs []ClotFinding
	for f := ClotFinding(0); f < clotFindingCount; f++ {
		if c.Has(f) {
			fs = append(fs, f)
		}
	}
	return fs
}

// clotCheck runs the clot check on a set of answers. Every answer counts
// as given, as in Assess.
//
// A clot is considered only when the leg (or the chest) has a sign that
// could be one: pain in the calf, a swollen or tender calf or leg, or the
// symptoms of a clot in the lungs. Then:
//   - 2 Wells points or more: likely (Wells 2003);
//   - any Wells point, any other risk factor, a knee that could hold a
//     Baker's cyst, no clear injury to explain it, or chest symptoms:
//     possible, since NICE NG158 tests every suspected clot the same day;
//   - else (a clear injury, no sign or risk of a clot): no signs.
//
// Every finding can only raise the level: the check is monotone in each
// sign and risk factor, which a test checks.
func clotCheck(a *q.Answers) Clot {
	var c Clot
	ys := a.YesSet()
	for _, item := range clotYes {
		if ys&(1<<item.question) != 0 {
			c.findings |= 1 << item.f
		}
	}
	c.Points = bits.OnesCount64(ys & clotWellsSet)
	otherRisk := ys&clotOtherSet != 0
	// A swollen, warm, tender calf is the Wells score's calf swelling and
	// tenderness, unless they were answered yes on their own already.
	if ys&(1<<q.CalfSwellingWarm) != 0 {
		c.findings |= 1 << ClotSwollenWarm
		if ys&(1<<q.CalfBigger) == 0 {
			c.Points++
		}
		if ys&(1<<q.CalfTender) == 0 {
			c.Points++
		}
	}
	if a.Is(q.PainSite, "calf") {
		c.findings |= 1 << ClotCalfPain
	}
	const legSigns = 1<<ClotCalfPain | 1<<ClotSwollenWarm | 1<<ClotCalfBigger | 1<<ClotLegSwollen |
		1<<ClotPitting | 1<<ClotCalfTender
	if c.findings&(legSigns|1<<ClotChest) == 0 {
		// Risk factors alone are not a clot: they stay in the findings for
		// the clinician, and the level says no signs.
		return c
	}
	if !q.ClearInjury(a) {
		c.findings |= 1 << ClotNoClearInjury
	}
	switch {
	case c.Points >= ClotLikelyPoints:
		c.Level = ClotLikely
	case c.Points > 0 || otherRisk || c.Has(ClotNoClearInjury) || c.Has(ClotChest):
		c.Level = ClotPossible
	}
	return c
}

// The questions of clotYes whose yes is a Wells point, and those whose yes
// is a risk outside the score (the knee with them), as sets of bit q.
var clotWellsSet, clotOtherSet = func() (wells, other uint64) {
	for _, item := range clotYes {
		switch {
		case item.wells:
			wells |= 1 << item.question
		case item.f != ClotChest:
			other |= 1 << item.question
		}
	}
	return wells, other
}()

// Wells reports whether a finding is a point of the Wells score (the
// swollen, warm, tender calf counts for swelling and tenderness).
func (f ClotFinding) Wells() bool {
	if f == ClotSwollenWarm {
		return true
	}
	for _, item := range clotYes {
		if item.f == f {
			return item.wells
		}
	}
	return false
}

// QuinoloneTendon reports whether tendon pain came during or after a
// quinolone antibiotic (docs/evidence.md §8: stop it at the first sign of tendon
// pain and tell the prescriber; MHRA 2019, FDA 2016): a quinolone in the
// last 2 months with pain at the tendon or the heel, earlier tendon
// trouble, or pain whose site is not known.
func QuinoloneTendon(a *q.Answers) bool {
	if !a.Is(q.Fluoroquinolone, "yes") {
		return false
	}
	return a.Is(q.PainSite, "achilles") || a.Is(q.PainSite, "heel") || !a.Has(q.PainSite) ||
		a.Is(q.PriorSymptoms, "yes")
}

// HeelAfterInjury reports heel-bone pain after a sudden injury, which needs
// an X-ray the same day for a heel-bone avulsion fracture (docs/evidence.md §8;
// Takahashi 2024).
func HeelAfterInjury(a *q.Answers) bool {
	return a.Is(q.PainSite, "heel") && a.Is(q.Onset, "sudden")
}

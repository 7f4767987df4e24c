package assessment

import (
	"math/bits"

	q "achilles/questionnaire"
)

// Band is the estimate in words (docs/contract.md).
type Band uint8

const (
	Unlikely   Band = iota // below 0.10
	Possible               // 0.10 to 0.50
	Likely                 // 0.50 to 0.85
	VeryLikely             // 0.85 and above
)

var bandIDs = [...]string{"unlikely", "possible", "likely", "very_likely"}

// ID is the band's stable identifier.
func (b Band) ID() string { return bandIDs[b] }

// Band edges (docs/contract.md). The edge belongs to the higher band.
const (
	edgePossible   = 0.10
	edgeLikely     = 0.50
	edgeVeryLikely = 0.85
	// eps absorbs floating-point error at the edges.
	eps = 1e-9
)

// BandOf returns the band of a probability.
func BandOf(p float64) Band {
	switch {
	case p >= edgeVeryLikely-eps:
		return VeryLikely
	case p >= edgeLikely-eps:
		return Likely
	case p >= edgePossible-eps:
		return Possible
	}
	return Unlikely
}

// Triage is how urgently to get care, from least to most urgent.
type Triage uint8

const (
	SelfCare Triage = iota
	Consultation
	SameDay
	Emergency
	EmergencyAmbulance
)

var triageIDs = [...]string{"self_care", "consultation", "same_day", "emergency", "emergency_ambulance"}

// ID is the triage level's stable identifier.
func (t Triage) ID() string { return triageIDs[t] }

// Reason is one safety floor that set or raised the triage.
type Reason uint32

const (
	ReasonChest        Reason = 1 << iota // chest symptoms or fainting: possible pulmonary embolism
	ReasonOpenWound                       // open injury
	ReasonCirculation                     // cold, pale or numb foot
	ReasonDeformity                       // possible fracture or dislocation
	ReasonCompartment                     // possible compartment syndrome
	ReasonHeelSkin                        // heel fragment threatening the skin
	ReasonRupture                         // the estimate is 10% or more
	ReasonAAOS                            // two or more AAOS signs
	ReasonSuddenWeak                      // sudden onset with weakness
	ReasonOttawa                          // bone tenderness: X-ray needed
	ReasonWalkUnable                      // cannot take four steps
	ReasonDVT                             // calf swollen and warm: exclude a clot
	ReasonClotLikely                      // the clot check: likely (2 Wells points or more)
	ReasonClotPossible                    // the clot check: possible
	ReasonHeelXray                        // heel-bone pain after an injury: X-ray today
	ReasonGradual                         // gradual onset: tendinopathy, partial tear
	ReasonLowButReal                      // estimate between 3% and 10%
	ReasonChronic                         // more than 4 weeks: planned orthopaedic care
	ReasonTestPositive                    // a tendon test is positive
	ReasonPartialTear                     // sudden pain at the tendon: a partial tear needs seeing
	ReasonPopInjury                       // a pop at a sudden injury: never self-care
	ReasonPopUntested                     // a pop at a sudden injury, no tendon test done yet: today
	ReasonQuinolone                       // tendon pain with a quinolone antibiotic
	ReasonHeelBump                        // a long-standing bump at the back of the heel
	reasonCount        = iota
)

var reasonIDs = [...]string{
	"chest_symptoms", "open_wound", "circulation", "deformity", "compartment",
	"heel_skin", "rupture_possible", "aaos_met", "sudden_weakness", "ottawa",
	"walk_unable", "dvt", "clot_likely", "clot_possible", "heel_xray",
	"gradual_onset", "low_probability", "chronic", "test_positive", "partial_tear",
	"pop_injury", "pop_untested", "quinolone_tendon", "heel_bump",
}

// AllReasons is every reason, for tests and documentation.
const AllReasons = Reasons(1<<reasonCount - 1)

// Reasons is a set of Reason.
type Reasons uint32

// Has reports whether r is in the set.
func (rs Reasons) Has(r Reason) bool { return uint32(rs)&uint32(r) != 0 }

// IDs lists the reasons' stable identifiers, most urgent first.
func (rs Reasons) IDs() []string {
	var ids []string
	for i, id := range reasonIDs {
		if uint32(rs)&(1<<i) != 0 {
			ids = append(ids, id)
		}
	}
	return ids
}

// Levels records, for each reason, the triage level it called for.
type Levels [reasonCount]Triage

// DecisiveReasons lists the reasons that set the final triage level, most
// urgent first: what a person needs to read to understand the urgency.
// Lesser reasons stay in Reasons (and in the JSON) for the record. When the
// rupture floors were eased because the injury is over 4 weeks old, the
// chronic reason speaks for them.
func (r *Result) DecisiveReasons() []string {
	var ids []string
	for i, id := range reasonIDs {
		if r.decisive(i) {
			ids = append(ids, id)
		}
	}
	return ids
}

// decisive reports whether reason i (a bit index) is one of the
// DecisiveReasons.
func (r *Result) decisive(i int) bool {
	reason := Reason(1 << i)
	if !r.Reasons.Has(reason) || r.levels[i] != r.Triage {
		return false
	}
	if r.Reasons.Has(ReasonChronic) && reason != ReasonChronic && ruptureFloor(reason) {
		return false
	}
	// The clot check's reason says what the swollen, warm calf's would,
	// with the test NICE NG158 advises; "dvt" stays in the record.
	if reason == ReasonDVT && (r.Reasons.Has(ReasonClotLikely) || r.Reasons.Has(ReasonClotPossible)) {
		return false
	}
	return true
}

// ruptureFloor reports whether a reason is one of the floors for a possible
// rupture, which ease to planned care after 4 weeks.
func ruptureFloor(r Reason) bool {
	switch r {
	case ReasonRupture, ReasonAAOS, ReasonSuddenWeak, ReasonTestPositive, ReasonPopUntested:
		return true
	}
	return false
}

// Safety-floor thresholds (docs/evidence.md §4).
const (
	floorSameDay      = 0.10 // any plausible rupture is seen in person today
	floorConsultation = 0.03
)

// triage applies the safety floors of docs/evidence.md §4 and the clot check of
// §8; the most urgent floor that applies wins, and floors only ever raise
// the level. Some floors go beyond docs/evidence.md's list, in the direction it
// asks for ("when unsure, escalate"): any positive tendon test is seen the
// same day; sudden pain at the tendon itself is seen within days, since a
// partial tear is managed as a rupture until imaged; a sudden pop is never
// self-care, and the same day until someone has tested the tendon; tendon
// pain with a quinolone antibiotic and a long-standing heel bump (§8) are
// seen within days; heel-bone pain after an injury is X-rayed the same day
// (§8).
func triage(a *q.Answers, p float64, signs AAOS, band Band, clot Clot) (Triage, Reasons, Levels) {
	t := SelfCare
	var rs Reasons
	var levels Levels
	raise := func(to Triage, r Reason) {
		rs |= Reasons(r)
		levels[bitIndex(r)] = max(levels[bitIndex(r)], to)
		if to > t {
			t = to
		}
	}
	ys := a.YesSet()
	yes := func(question q.Q) bool { return ys&(1<<question) != 0 }

	if yes(q.ChestSymptoms) {
		raise(EmergencyAmbulance, ReasonChest)
	}
	if yes(q.OpenWound) {
		raise(Emergency, ReasonOpenWound)
	}
	if yes(q.NumbOrColdFoot) {
		raise(Emergency, ReasonCirculation)
	}
	if yes(q.Deformity) {
		raise(Emergency, ReasonDeformity)
	}
	if yes(q.SevereTenseCalf) {
		raise(Emergency, ReasonCompartment)
	}
	if yes(q.HeelSkin) {
		raise(Emergency, ReasonHeelSkin)
	}

	// Only the red-flag floors have run so far, so t > SelfCare means one of
	// them was answered yes; calf_swelling_warm is the red flag whose floor
	// comes later.
	redFlag := t > SelfCare || yes(q.CalfSwellingWarm)
	// A rupture untreated for more than 4 weeks is chronic and managed
	// electively: without a red flag, "today" becomes "within a week,
	// orthopaedic assessment" for the rupture floors, and the fracture
	// floor becomes a consultation too.
	chronic := a.Is(q.TimeSince, "gt_4w") && !redFlag
	sameDayOr := func(r Reason) {
		if !chronic {
			raise(SameDay, r)
			return
		}
		raise(Consultation, r)
		if ruptureFloor(r) {
			raise(Consultation, ReasonChronic)
		}
	}

	sudden := a.Is(q.Onset, "sudden")
	if p >= floorSameDay-eps {
		sameDayOr(ReasonRupture)
	}
	if signs.Met {
		sameDayOr(ReasonAAOS)
	}
	if sudden && (a.Is(q.Tiptoe, "cannot") || yes(q.PushWeak)) {
		sameDayOr(ReasonSuddenWeak)
	}
	if a.Is(q.Thompson, "positive") || a.Is(q.Matles, "positive") || a.Is(q.Gap, "felt") {
		sameDayOr(ReasonTestPositive)
	}
	if yes(q.BoneTender) {
		sameDayOr(ReasonOttawa)
	}
	// Being unable to take four steps stays "today" even weeks later: it is
	// not a state to wait a week in, whatever the cause.
	if a.Is(q.Walk, "unable") {
		raise(SameDay, ReasonWalkUnable)
	}
	if yes(q.CalfSwellingWarm) {
		raise(SameDay, ReasonDVT)
	}
	// A suspected clot is tested the same day whatever its score (NICE
	// NG158: a scan within 4 hours when likely, a D-dimer blood test within
	// 4 hours otherwise). Never eased after 4 weeks: a clot is not chronic.
	switch clot.Level {
	case ClotLikely:
		raise(SameDay, ReasonClotLikely)
	case ClotPossible:
		raise(SameDay, ReasonClotPossible)
	}
	// Heel-bone pain after an injury needs an X-ray today for a piece
	// pulled off the heel bone (docs/evidence.md §8; Takahashi 2024).
	if HeelAfterInjury(a) {
		sameDayOr(ReasonHeelXray)
	}
	if a.Is(q.Onset, "gradual") {
		raise(Consultation, ReasonGradual)
	}
	if p >= floorConsultation-eps && p < floorSameDay-eps {
		raise(Consultation, ReasonLowButReal)
	}
	if PartialTearPossible(a, band) {
		raise(Consultation, ReasonPartialTear)
	}
	// A sudden injury with a pop (or the feeling of a kick). docs/evidence.md §4
	// never allows self-care after sudden pain with weakness; a pop at the
	// moment of injury means something tore, and even with reassuring
	// answers it may be a partial tear (managed as a rupture until imaged),
	// a plantaris or calf muscle tear, or a rupture that walking and
	// tiptoeing hide: up to 20–25% are missed at the first visit
	// (docs/evidence.md §5; Aminlari 2021; Raikin 2013). So:
	//   - no calf squeeze or Matles test done yet by someone else: the test
	//     that tells a rupture apart has not been done, and a rupture is
	//     plausible: seen in person today, as for any plausible rupture;
	//   - a tendon test done and normal: a doctor or physiotherapist within
	//     days at least, never self-care, even after a clinician's normal
	//     calf squeeze test.
	if a.Is(q.Onset, "sudden") && (yes(q.Pop) || yes(q.Kicked)) {
		if tendonTested(a) {
			raise(Consultation, ReasonPopInjury)
		} else {
			sameDayOr(ReasonPopUntested)
		}
	}
	// Tendon pain with a quinolone antibiotic: a rupture can follow; the
	// drug is stopped and the prescriber told (MHRA 2019).
	if QuinoloneTendon(a) {
		raise(Consultation, ReasonQuinolone)
	}
	// A long-standing bony bump at the back of the heel (Haglund's
	// deformity, retrocalcaneal bursitis) is a consultation, never an
	// emergency (docs/evidence.md §8).
	if yes(q.HeelBump) {
		raise(Consultation, ReasonHeelBump)
	}
	return t, rs, levels
}

// PartialTearPossible reports whether a partial tear is worth considering:
// pain at the tendon itself that started suddenly, without a near-certain
// complete rupture. docs/evidence.md §5: manage as a rupture until imaged.
func PartialTearPossible(a *q.Answers, band Band) bool {
	return a.Is(q.PainSite, "achilles") && a.Is(q.Onset, "sudden") && band < VeryLikely
}

// tendonTested reports whether the calf squeeze or Matles test has a
// result from someone other than the injured person. A test a person does on their own leg is the least reliable
// examination (docs/evidence.md §1.4 weights it half a surgeon's), and a normal
// self-test is how a rupture that still walks is talked away: it does not
// stand in for an examination.
//
// Only the calf squeeze and Matles tests count: feeling for a gap is the
// weakest of the three when negative (LR 0.30, Reiman 2014), and a gap is
// missed in about a quarter of ruptures.
func tendonTested(a *q.Answers) bool {
	if a.Examiner() == "self" {
		return false
	}
	for _, question := range []q.Q{q.Thompson, q.Matles} {
		if v, ok := a.Choice(question); ok && !q.Neutral(v) {
			return true
		}
	}
	return false
}

func bitIndex(r Reason) int { return bits.TrailingZeros32(uint32(r)) }

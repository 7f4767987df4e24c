package assessment

// The catalog keys that reports build from IDs, made once: a report asks
// for dozens of them, and `assess --batch` writes a hundred thousand
// reports a second. A test checks that each exists in every language.

// The alternatives, in the order reports list them (EVIDENCE.md §5, §8).
const (
	altCalfMuscleTear = iota
	altPlantaris
	altPartialTear
	altTendinopathy
	altFQTendinopathy
	altHaglund
	altAnkleSprain
	altAnkleFracture
	altHeelAvulsion
	altDVT
	altBakerCyst
	altCompartment
	altCount
)

var alternativeIDs = [altCount]string{
	altCalfMuscleTear: "calf_muscle_tear",
	altPlantaris:      "plantaris_rupture",
	altPartialTear:    "partial_tear",
	altTendinopathy:   "tendinopathy",
	altFQTendinopathy: "fq_tendinopathy",
	altHaglund:        "haglund",
	altAnkleSprain:    "ankle_sprain",
	altAnkleFracture:  "ankle_fracture",
	altHeelAvulsion:   "heel_avulsion_fracture",
	altDVT:            "dvt",
	altBakerCyst:      "baker_cyst",
	altCompartment:    "compartment_syndrome",
}

// AlternativeIDs lists every alternative's ID, in report order.
func AlternativeIDs() []string { return alternativeIDs[:] }

var (
	altNameKeys     = keysOf("alt.", alternativeIDs[:], ".name")
	altWhyKeys      = keysOf("alt.", alternativeIDs[:], ".why")
	reasonKeys      = keysOf("reason.", reasonIDs[:], "")
	triageTitleKeys = keysOf("triage.", triageIDs[:], ".title")
	triageShortKeys = keysOf("triage.", triageIDs[:], ".short")
	whereKeys       = keysOf("where.", triageIDs[:], "")
	bandKeys        = keysOf("band.", bandIDs[:], "")
	clotResultKeys  = keysOf("clot.result.", clotLevelIDs[:], "")
	clotLevelKeys   = keysOf("clot.level.", clotLevelIDs[:], "")
	clotFindingKeys = keysOf("clot.finding.", clotFindingIDs[:], "")
)

// keysOf makes the key prefix+id+suffix of each ID.
func keysOf(prefix string, ids []string, suffix string) []string {
	keys := make([]string, len(ids))
	for i, id := range ids {
		keys[i] = prefix + id + suffix
	}
	return keys
}

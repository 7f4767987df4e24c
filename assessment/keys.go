package assessment

import q "achilles/questionnaire"

// The catalog keys that reports build from IDs, made once: a report asks
// for dozens of them, and `assess --batch` writes a hundred thousand
// reports a second. Every key built from an ID comes from here, through
// the methods below, and BuiltKeys lists them all, so that the catalog's
// test checks each in every language. Elsewhere, keys are written whole.

// The alternatives, in the order reports list them (docs/evidence.md §5, §8).
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
	basisKeys       = keysOf("basis.", []string{Published.String(), Assumption.String()}, "")
	examinerKeys    = keysOf("examiner.", q.Examiner.Info().Values, "")
)

// TitleKey is the key of the triage level's headline, filled with
// {emergency}.
func (t Triage) TitleKey() string { return triageTitleKeys[t] }

// ShortKey is the key of the triage level in a word or two, for the banner.
func (t Triage) ShortKey() string { return triageShortKeys[t] }

// WhereKey is the key of where to go at this level, filled with
// {emergency}.
func (t Triage) WhereKey() string { return whereKeys[t] }

// Key is the key of the band in words.
func (b Band) Key() string { return bandKeys[b] }

// Key is the key of the clot check's level in words.
func (l ClotLevel) Key() string { return clotLevelKeys[l] }

// ResultKey is the key of the clot check's result, filled with {points}
// and {emergency}.
func (l ClotLevel) ResultKey() string { return clotResultKeys[l] }

// Key is the key of the finding in words.
func (f ClotFinding) Key() string { return clotFindingKeys[f] }

// Key is the key of the basis in words.
func (b Basis) Key() string { return basisKeys[b] }

// BandKeyOf is the key of the band whose ID is id, or "" when no band has
// it (a record written by another version).
func BandKeyOf(id string) string { return keyOf(id, bandIDs[:], bandKeys) }

// ShortKeyOf is the key of the short words of the triage level whose ID is
// id, or "" when no level has it.
func ShortKeyOf(id string) string { return keyOf(id, triageIDs[:], triageShortKeys) }

// keyOf is the key of id among ids, or "".
func keyOf(id string, ids, keys []string) string {
	for i, v := range ids {
		if v == id {
			return keys[i]
		}
	}
	return ""
}

// examinerKey is the key that names who did the tests, from the examiner
// question's value.
func examinerKey(value string) string {
	return keyOf(value, q.Examiner.Info().Values, examinerKeys)
}

// BuiltKeys lists every catalog key that reports build from IDs, for the
// catalog's test.
func BuiltKeys() []string {
	var keys []string
	for _, list := range [][]string{altNameKeys, altWhyKeys, reasonKeys, triageTitleKeys, triageShortKeys,
		whereKeys, bandKeys, clotResultKeys, clotLevelKeys, clotFindingKeys, basisKeys, examinerKeys} {
		keys = append(keys, list...)
	}
	return keys
}

// keysOf makes the key prefix+id+suffix of each ID.
func keysOf(prefix string, ids []string, suffix string) []string {
	keys := make([]string, len(ids))
	for i, id := range ids {
		keys[i] = prefix + id + suffix
	}
	return keys
}

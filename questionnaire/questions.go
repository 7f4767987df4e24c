// Package questionnaire is the question bank of achilles: every question's ID,
// kind, allowed values, section and order, the branching between them, and the
// parsing and validation of answers. It has no terminal and no I/O, so the
// interactive UI, the command line and tests share one definition.
package questionnaire

// Q identifies a question. The order of the constants is the order in which
// the interactive questionnaire asks them.
type Q uint8

// The questions, in asking order. IDs and values are part of the stable
// contract (docs/contract.md): never rename or remove one.
const (
	Answerer Q = iota
	ChestSymptoms
	OpenWound
	NumbOrColdFoot
	Deformity
	SevereTenseCalf
	HeelSkin
	CalfSwellingWarm
	// The main questions: the few answers that settle the triage for most
	// stories come straight after the emergency check (docs/product.md).
	TimeSince
	Onset
	Tiptoe
	Examiner
	Thompson
	// The details.
	Side
	Mechanism
	Pop
	Kicked
	PainSite
	HeelBump
	PainNow
	Swelling
	PriorSymptoms
	CalfBigger
	LegSwollen
	Pitting
	CalfTender
	LegImmobilised
	BedRestSurgery
	LongJourney
	Pregnancy
	Hormones
	Cancer
	PriorClot
	KneeProblem
	Walk
	PushWeak
	Gap
	Matles
	BoneTender
	Age
	Fluoroquinolone
	Corticosteroid
	PriorRupture

	// Count is the number of questions.
	Count
)

// Kind says how a question is answered.
type Kind uint8

const (
	// Choice questions take one of a fixed list of string values.
	Choice Kind = iota
	// Number questions take a whole number within [Min, Max].
	Number
)

func (k Kind) String() string {
	if k == Number {
		return "number"
	}
	return "choice"
}

// Section groups questions on screen.
type Section uint8

const (
	SectionStart Section = iota
	SectionEmergency
	SectionEvent
	SectionSymptoms
	SectionClot
	SectionFunction
	SectionExamination
	SectionRisk
	// SectionMain is the part of the questionnaire that asks the main
	// questions (the Main ones), right after the emergency check. No
	// question has it as its topic Section; Question.Part gives it.
	SectionMain

	// SectionCount is the number of sections.
	SectionCount
)

var sectionIDs = [SectionCount]string{"start", "emergency", "event", "symptoms", "clot", "function", "examination", "risk", "main"}

// ID is the section's stable identifier, used in `achilles questions` output
// and as the key of its title in the message catalogs.
func (s Section) ID() string { return sectionIDs[s] }

// Question describes one question of the bank.
type Question struct {
	ID      string
	Kind    Kind
	Values  []string // allowed values, for Choice
	Min     int      // for Number
	Max     int      // for Number
	Section Section
	// RedFlag questions are the emergency check: "yes" calls for urgent care.
	RedFlag bool
	// HowTo questions have a "how to do the test" text and diagram.
	HowTo bool
	// Main questions are the few that settle the triage for most stories
	// (when and how it started, tiptoe, who examines, the calf squeeze).
	// They are asked first, together, after the emergency check; Section
	// stays their topic.
	Main bool
}

// Part is the section of the questionnaire that the question is shown in:
// SectionMain for a main question, else its Section.
func (i *Question) Part() Section {
	if i.Main {
		return SectionMain
	}
	return i.Section
}

var (
	yesNo       = []string{"yes", "no"}
	yesNoUnsure = []string{"yes", "no", "unsure"}
	yesNoCheck  = []string{"yes", "no", "not_checked"}
)

// bank holds every question, indexed by Q. It is never modified.
var bank = [Count]Question{
	Answerer:         {ID: "answerer", Values: []string{"self", "other"}, Section: SectionStart},
	ChestSymptoms:    {ID: "chest_symptoms", Values: yesNo, Section: SectionEmergency, RedFlag: true},
	OpenWound:        {ID: "open_wound", Values: yesNo, Section: SectionEmergency, RedFlag: true},
	NumbOrColdFoot:   {ID: "numb_or_cold_foot", Values: yesNo, Section: SectionEmergency, RedFlag: true},
	Deformity:        {ID: "deformity", Values: yesNo, Section: SectionEmergency, RedFlag: true},
	SevereTenseCalf:  {ID: "severe_tense_calf", Values: yesNo, Section: SectionEmergency, RedFlag: true},
	HeelSkin:         {ID: "heel_skin", Values: yesNo, Section: SectionEmergency, RedFlag: true},
	CalfSwellingWarm: {ID: "calf_swelling_warm", Values: yesNo, Section: SectionEmergency, RedFlag: true},
	TimeSince:        {ID: "time_since", Values: []string{"lt_24h", "1_14d", "2_4w", "gt_4w"}, Section: SectionEvent, Main: true},
	Onset:            {ID: "onset", Values: []string{"sudden", "gradual", "unsure"}, Section: SectionEvent, Main: true},
	Tiptoe:           {ID: "tiptoe", Values: []string{"can", "cannot", "not_tried"}, Section: SectionFunction, HowTo: true, Main: true},
	Examiner:         {ID: "examiner", Values: []string{"self", "trainer", "clinician", "nobody"}, Section: SectionExamination, Main: true},
	Thompson:         {ID: "thompson", Values: []string{"positive", "negative", "not_done"}, Section: SectionExamination, HowTo: true, Main: true},
	Side:             {ID: "side", Values: []string{"left", "right"}, Section: SectionEvent},
	Mechanism:        {ID: "mechanism", Values: []string{"push_off", "landing", "twist", "direct_blow", "none", "unsure"}, Section: SectionEvent},
	Pop:              {ID: "pop", Values: yesNoUnsure, Section: SectionEvent},
	Kicked:           {ID: "kicked", Values: yesNoUnsure, Section: SectionEvent},
	PainSite:         {ID: "pain_site", Values: []string{"achilles", "heel", "calf", "ankle_side", "other"}, Section: SectionSymptoms},
	HeelBump:         {ID: "heel_bump", Values: yesNoUnsure, Section: SectionSymptoms},
	PainNow:          {ID: "pain_now", Kind: Number, Min: 0, Max: 10, Section: SectionSymptoms},
	Swelling:         {ID: "swelling", Values: yesNoUnsure, Section: SectionSymptoms},
	PriorSymptoms:    {ID: "prior_symptoms", Values: yesNoUnsure, Section: SectionSymptoms},
	// The clot check (docs/evidence.md §8): signs and risk factors adapted from
	// the Wells score for a lay person or a helper to answer.
	CalfBigger:     {ID: "calf_bigger", Values: yesNoUnsure, Section: SectionClot, HowTo: true},
	LegSwollen:     {ID: "leg_swollen", Values: yesNoUnsure, Section: SectionClot},
	Pitting:        {ID: "pitting", Values: yesNoCheck, Section: SectionClot, HowTo: true},
	CalfTender:     {ID: "calf_tender", Values: yesNoCheck, Section: SectionClot},
	LegImmobilised: {ID: "leg_immobilised", Values: yesNoUnsure, Section: SectionClot},
	BedRestSurgery: {ID: "bed_rest_surgery", Values: yesNoUnsure, Section: SectionClot},
	LongJourney:    {ID: "long_journey", Values: yesNoUnsure, Section: SectionClot},
	Pregnancy:      {ID: "pregnancy", Values: yesNo, Section: SectionClot},
	Hormones:       {ID: "hormones", Values: yesNoUnsure, Section: SectionClot},
	Cancer:         {ID: "cancer", Values: yesNoUnsure, Section: SectionClot},
	PriorClot:      {ID: "prior_clot", Values: yesNoUnsure, Section: SectionClot},
	KneeProblem:    {ID: "knee_problem", Values: yesNoUnsure, Section: SectionClot},

	Walk:            {ID: "walk", Values: []string{"normal", "limp", "unable"}, Section: SectionFunction},
	PushWeak:        {ID: "push_weak", Values: yesNoUnsure, Section: SectionFunction},
	Gap:             {ID: "gap", Values: []string{"felt", "not_felt", "not_checked"}, Section: SectionExamination, HowTo: true},
	Matles:          {ID: "matles", Values: []string{"positive", "negative", "not_done"}, Section: SectionExamination, HowTo: true},
	BoneTender:      {ID: "bone_tender", Values: []string{"yes", "no", "not_checked"}, Section: SectionExamination, HowTo: true},
	Age:             {ID: "age", Kind: Number, Min: 1, Max: 120, Section: SectionRisk},
	Fluoroquinolone: {ID: "fluoroquinolone", Values: yesNoUnsure, Section: SectionRisk},
	Corticosteroid:  {ID: "corticosteroid", Values: yesNoUnsure, Section: SectionRisk},
	PriorRupture:    {ID: "prior_rupture", Values: yesNo, Section: SectionRisk},
}

// Info returns the question's description. The result must not be modified.
func (q Q) Info() *Question { return &bank[q] }

// ID is the question's stable identifier.
func (q Q) ID() string { return bank[q].ID }

func (q Q) String() string {
	if q >= Count {
		return "invalid"
	}
	return bank[q].ID
}

// All returns every question in asking order.
func All() []Q {
	qs := make([]Q, Count)
	for i := range qs {
		qs[i] = Q(i)
	}
	return qs
}

// Lookup finds a question by its ID.
func Lookup(id string) (Q, bool) {
	for i := range bank {
		if bank[i].ID == id {
			return Q(i), true
		}
	}
	return 0, false
}

// IDs lists every question ID in asking order.
func IDs() []string {
	ids := make([]string, Count)
	for i := range bank {
		ids[i] = bank[i].ID
	}
	return ids
}

// ValueIndex returns the index of value among the question's allowed values.
func (q Q) ValueIndex(value string) (int, bool) {
	for i, v := range bank[q].Values {
		if v == value {
			return i, true
		}
	}
	return 0, false
}

// Neutral reports whether a value means "don't know": such answers move
// nothing, exactly as if the question were left out.
func Neutral(value string) bool {
	switch value {
	case "unsure", "not_tried", "not_done", "not_checked":
		return true
	}
	return false
}

// Package stories holds the scripted stories that the tests of ui and of
// ui/accessible both answer, the one by keys and the other by typed
// lines, so that the full-screen questionnaire and accessible mode are
// checked against the same people. Each answer is ID=VALUE as in an
// answers document, in the order the questions are asked.
package stories

// Classic is a classic rupture: a sudden push-off with a pop, a positive
// examination by a trainer.
var Classic = []string{
	"answerer=self",
	"chest_symptoms=no", "open_wound=no", "numb_or_cold_foot=no", "deformity=no",
	"severe_tense_calf=no", "heel_skin=no", "calf_swelling_warm=no",
	"time_since=lt_24h", "onset=sudden", "tiptoe=cannot", "examiner=trainer", "thompson=positive",
	"side=left", "mechanism=push_off", "pop=yes", "kicked=yes",
	"pain_site=achilles", "pain_now=6", "swelling=yes", "prior_symptoms=no",
	"walk=limp", "push_weak=yes",
	"gap=felt", "matles=positive", "bone_tender=no",
	"age=42", "fluoroquinolone=no", "corticosteroid=no", "prior_rupture=no",
}

// Clot is a calf that aches after a long flight, with no injury: visibly
// bigger and tender, on the combined pill.
var Clot = []string{
	"answerer=other",
	"chest_symptoms=no", "open_wound=no", "numb_or_cold_foot=no", "deformity=no",
	"severe_tense_calf=no", "heel_skin=no", "calf_swelling_warm=no",
	"time_since=1_14d", "onset=gradual", "tiptoe=can", "examiner=trainer", "thompson=negative",
	"side=left",
	"pain_site=calf", "pain_now=4", "swelling=no", "prior_symptoms=no",
	"calf_bigger=yes", "leg_swollen=no", "pitting=no", "calf_tender=yes",
	"leg_immobilised=no", "bed_rest_surgery=no", "long_journey=yes", "pregnancy=no",
	"hormones=yes", "cancer=no", "prior_clot=no", "knee_problem=no",
	"walk=limp", "push_weak=no",
	"gap=not_felt", "matles=negative", "bone_tender=no",
	"age=39", "fluoroquinolone=no", "corticosteroid=no", "prior_rupture=no",
}

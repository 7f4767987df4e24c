package cases_test

import (
	"slices"
	"strings"
	"testing"

	"achilles/assessment"
	"achilles/cases"
	"achilles/catalog"
	q "achilles/questionnaire"
)

// What each case is there to teach, as band and triage. A change to the
// model that moves a case out of its lesson must be looked at by whoever
// teaches with it.
var expected = map[string]struct {
	band      string
	triage    string
	redFlags  []string
	alternate string // an alternative the case is meant to bring up, if any
}{
	"classic":      {"very_likely", "same_day", nil, ""},
	"missed":       {"very_likely", "same_day", nil, ""},
	"calf_tear":    {"unlikely", "same_day", nil, "calf_muscle_tear"},
	"sprain":       {"unlikely", "self_care", nil, "ankle_sprain"},
	"ottawa":       {"unlikely", "same_day", nil, "ankle_fracture"},
	"tendinopathy": {"unlikely", "consultation", nil, "tendinopathy"},
	"red_flag":     {"very_likely", "emergency_ambulance", []string{"chest_symptoms", "calf_swelling_warm"}, "dvt"},
	"quinolone":    {"likely", "same_day", nil, ""},
	"heel_skin":    {"possible", "emergency", []string{"heel_skin"}, "heel_avulsion_fracture"},
	"clot":         {"unlikely", "same_day", nil, "dvt"},
	"heel_bump":    {"unlikely", "consultation", nil, "haglund"},
	"offered_prp":  {"very_likely", "same_day", nil, ""},
}

func TestCasesTeachWhatTheySay(t *testing.T) {
	cat := catalog.MustLoad("en")
	if got := len(cases.All()); got != len(expected) {
		t.Errorf("%d cases, %d expectations: every case needs its expected band and triage here", got, len(expected))
	}
	for _, c := range cases.All() {
		want, ok := expected[c.ID]
		if !ok {
			t.Errorf("case %q has no expectation", c.ID)
			continue
		}
		rep := assessment.NewReport(assessment.Assess(c.Answers), cat, assessment.Options{})
		if got := rep.Band.ID(); got != want.band {
			t.Errorf("%s: band %s (%.3f), want %s", c.ID, got, rep.Probability, want.band)
		}
		if got := rep.Triage.ID(); got != want.triage {
			t.Errorf("%s: triage %s, want %s", c.ID, got, want.triage)
		}
		var flags []string
		for _, f := range q.All() {
			if f.Info().RedFlag && c.Answers.Is(f, "yes") {
				flags = append(flags, f.ID())
			}
		}
		if !slices.Equal(flags, want.redFlags) {
			t.Errorf("%s: red flags %v, want %v", c.ID, flags, want.redFlags)
		}
		if want.alternate != "" && !slices.ContainsFunc(rep.Alternatives, func(a assessment.Alternative) bool { return a.ID == want.alternate }) {
			t.Errorf("%s: alternatives %v do not include %s", c.ID, rep.Alternatives, want.alternate)
		}
	}
}

// The IDs docs/contract.md promises always exist, in a stable order.
func TestContractCases(t *testing.T) {
	ids := cases.IDs()
	for _, id := range []string{"classic", "missed", "calf_tear", "sprain", "ottawa", "tendinopathy", "red_flag"} {
		if !slices.Contains(ids, id) {
			t.Errorf("case %q is missing; docs/contract.md promises it", id)
		}
	}
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			t.Errorf("case %q twice", id)
		}
		seen[id] = true
	}
}

// Every case is a whole story: every question the questionnaire would ask
// for these answers is answered, and its words exist in every language.
func TestCasesComplete(t *testing.T) {
	for _, c := range cases.All() {
		for _, question := range q.All() {
			if q.Asked(&c.Answers, question) && !c.Answers.Has(question) {
				t.Errorf("%s: question %s is asked but not answered", c.ID, question.ID())
			}
		}
		for _, lang := range catalog.Languages() {
			cat := catalog.MustLoad(lang)
			for _, key := range []string{c.TitleKey(), c.StoryKey(), c.LessonKey(), c.GistKey()} {
				if !cat.Has(key) || cat.T(key) == "" {
					t.Errorf("%s: %s has no %q", c.ID, lang, key)
				}
			}
		}
	}
}

func TestGet(t *testing.T) {
	c, ok := cases.Get("classic")
	if !ok || c.ID != "classic" || !c.Answers.Is(q.Thompson, "positive") {
		t.Errorf("Get(classic) = %+v, %v", c, ok)
	}
	if _, ok := cases.Get("nope"); ok {
		t.Error("Get(nope) found a case")
	}
	err := cases.UnknownError("nope")
	for _, want := range []string{`"nope"`, "classic", "red_flag", "demo --list"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("UnknownError = %q, want it to name %s", err, want)
		}
	}
}

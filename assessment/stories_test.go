package assessment

import (
	"encoding/json"
	"os"
	"slices"
	"testing"

	"achilles/catalog"
	q "achilles/questionnaire"
)

// story is a clinical vignette with the band and triage a careful clinician
// would expect. The stories were written from docs/evidence.md's floors and
// advice, independently of the model's code, so that they can catch a
// model that is wrong rather than restate it.
type story struct {
	Name                string          `json:"name"`
	Story               string          `json:"story"`
	Answers             json.RawMessage `json:"answers"`
	Bands               []string        `json:"bands"`
	Triage              string          `json:"triage"`
	RedFlags            []string        `json:"red_flags"`
	AlternativesInclude []string        `json:"alternatives_include"`
	AlternativesExclude []string        `json:"alternatives_exclude"`
	// Clot is the clot check's expected result, where the story is about
	// it: no_signs, possible or likely.
	Clot string `json:"clot"`
}

func loadStories(t *testing.T) []story {
	t.Helper()
	data, err := os.ReadFile("testdata/stories.json")
	if err != nil {
		t.Fatal(err)
	}
	var stories []story
	if err := json.Unmarshal(data, &stories); err != nil {
		t.Fatal(err)
	}
	if len(stories) < 15 {
		t.Fatalf("only %d stories; want at least 15", len(stories))
	}
	return stories
}

func TestClinicalStories(t *testing.T) {
	cat := catalog.MustLoad("en")
	for _, s := range loadStories(t) {
		t.Run(s.Name, func(t *testing.T) {
			a, err := q.ParseAnswers(s.Answers)
			if err != nil {
				t.Fatalf("answers: %v", err)
			}
			rep := NewReport(Assess(a), cat, Options{})
			if !slices.Contains(s.Bands, rep.Band.ID()) {
				t.Errorf("band %s (p=%.3f), want one of %v\n%s", rep.Band.ID(), rep.Probability, s.Bands, s.Story)
			}
			if rep.Triage.ID() != s.Triage {
				t.Errorf("triage %s (reasons %v), want %s\n%s", rep.Triage.ID(), rep.Result.Reasons.IDs(), s.Triage, s.Story)
			}
			var flags []string
			for _, f := range rep.RedFlags() {
				flags = append(flags, f.ID())
			}
			if !slices.Equal(flags, s.RedFlags) && !(len(flags) == 0 && len(s.RedFlags) == 0) {
				t.Errorf("red flags %v, want %v", flags, s.RedFlags)
			}
			var alts []string
			for _, alt := range rep.Alternatives {
				alts = append(alts, alt.ID)
			}
			for _, want := range s.AlternativesInclude {
				if !slices.Contains(alts, want) {
					t.Errorf("alternatives %v do not include %s", alts, want)
				}
			}
			for _, unwanted := range s.AlternativesExclude {
				if slices.Contains(alts, unwanted) {
					t.Errorf("alternatives %v include %s", alts, unwanted)
				}
			}
			if s.Clot != "" && rep.Clot.Level.ID() != s.Clot {
				t.Errorf("clot check %s (%d points, findings %v), want %s", rep.Clot.Level.ID(), rep.Clot.Points, rep.Clot.Findings(), s.Clot)
			}
		})
	}
}

package region_test

import (
	"strconv"
	"strings"
	"testing"

	"achilles/catalog"
	"achilles/region"
)

// Each fact that changes with time (a fee, a phone number, a service's
// name) is written here as well as in region/care.go, so that changing one
// is a decision this test must be told of; each is put into its region's
// words in every language, and carries its year and its source.
func TestCareFacts(t *testing.T) {
	want := map[string][]region.Fact{
		"HK": {{ID: "ae_fee", Value: "HK$400", Year: 2026}},
		"GB": {{ID: "advice_line", Value: "NHS 111", Year: 2026}, {ID: "advice_web", Value: "111.nhs.uk", Year: 2026},
			{ID: "fracture_clinic_days", Value: "3", Year: 2026}},
		"US": {{ID: "er_law", Value: "EMTALA", Year: 2026}},
		"AU": {{ID: "urgent_care", Value: "Medicare Urgent Care Clinic", Year: 2026},
			{ID: "advice_line", Value: "healthdirect 1800 022 222", Year: 2026}},
	}
	for code, facts := range want {
		got := region.Facts(code)
		if len(got) != len(facts) {
			t.Errorf("%s has %d facts, want %d: %v", code, len(got), len(facts), got)
			continue
		}
		for i, f := range facts {
			g := got[i]
			if g.ID != f.ID || g.Value != f.Value || g.Year != f.Year {
				t.Errorf("%s fact %d = %s %q (%d), want %s %q (%d)", code, i, g.ID, g.Value, g.Year, f.ID, f.Value, f.Year)
			}
			if g.Source == "" {
				t.Errorf("%s %s has no source", code, g.ID)
			}
			for _, lang := range catalog.Languages() {
				cat := catalog.MustLoad(lang)
				words := region.Fill(cat, code, region.SameDayKey(code)) + " " + region.Advice(cat, code)
				if !strings.Contains(words, g.Value) {
					t.Errorf("%s %s: %s (%q) is not in the words: %q", lang, code, g.ID, g.Value, words)
				}
			}
		}
		// The words name the year the facts hold for: they change.
		for _, lang := range catalog.Languages() {
			cat := catalog.MustLoad(lang)
			if msg := cat.T(region.SameDayKey(code)); len(got) > 0 && code != "US" && !strings.Contains(region.Fill(cat, code, region.SameDayKey(code)), strconv.Itoa(got[0].Year)) {
				t.Errorf("%s %s: the words do not say the year of their facts: %q", lang, code, msg)
			}
		}
	}
	for _, code := range []string{"FR", "JP", "", "NZ"} {
		if region.Placed(code) || region.SameDayKey(code) != "" || len(region.Facts(code)) > 0 {
			t.Errorf("%q has words or facts of its own; it should keep the general words", code)
		}
	}
}

// AU's advice line is healthdirect, a sentence of its own beside 000, as
// GB's is NHS 111 beside 999.
func TestAdviceAU(t *testing.T) {
	for _, lang := range catalog.Languages() {
		cat := catalog.MustLoad(lang)
		advice := region.Advice(cat, "au")
		if !strings.Contains(advice, "healthdirect 1800 022 222") || strings.Contains(advice, " 000") {
			t.Errorf("%s: Advice(AU) = %q", lang, advice)
		}
	}
}

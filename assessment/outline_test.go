package assessment

import (
	"slices"
	"testing"
)

// The outline is urgency first: the banner, what to do now and where to go
// open it, before the estimate; every section comes once, in order, and
// the answers only when asked for.
func TestOutlineUrgencyFirst(t *testing.T) {
	for _, pairs := range [][]string{
		nil,
		{"onset", "sudden", "pop", "yes", "tiptoe", "cannot"},
		{"chest_symptoms", "yes"},
		{"pain_site", "calf", "onset", "gradual", "calf_bigger", "yes", "calf_tender", "yes"},
	} {
		rep := report(t, pairs...)
		for _, answers := range []bool{false, true} {
			secs := rep.Outline(OutlineOptions{Answers: answers})
			ids := make([]SectionID, len(secs))
			for i, s := range secs {
				ids[i] = s.ID
				if len(s.Items) == 0 {
					t.Errorf("%v: section %d is empty", pairs, s.ID)
				}
				if (s.Heading == "") != (s.ID == SectionUrgency) {
					t.Errorf("%v: section %d has heading %q", pairs, s.ID, s.Heading)
				}
			}
			if !slices.IsSorted(ids) || len(slices.Compact(slices.Clone(ids))) != len(ids) {
				t.Errorf("%v: sections out of order: %v", pairs, ids)
			}
			if want := []SectionID{SectionUrgency, SectionNow, SectionWhere, SectionEstimate}; !slices.Equal(ids[:4], want) {
				t.Errorf("%v: the outline opens with %v, want %v", pairs, ids[:4], want)
			}
			if got := slices.Contains(ids, SectionAnswers); got != answers {
				t.Errorf("%v: answers section present %v with Answers %v", pairs, got, answers)
			}
			if ids[len(ids)-1] != SectionDisclaimer {
				t.Errorf("%v: the outline ends with %d, not the disclaimer", pairs, ids[len(ids)-1])
			}
			if banner := secs[0].Items[0]; banner.Kind != ItemBanner || banner.Text != rep.BannerLine() {
				t.Errorf("%v: the outline opens with %+v, not the banner", pairs, banner)
			}
			if got := slices.Contains(ids, SectionClot); got != rep.ShowClot() {
				t.Errorf("%v: clot section present %v, ShowClot %v", pairs, got, rep.ShowClot())
			}
		}
	}
}

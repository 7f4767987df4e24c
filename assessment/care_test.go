package assessment_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"achilles/assessment"
	"achilles/catalog"
	q "achilles/questionnaire"
)

// Every number "what happens next" states is a figure with a source row,
// and every source row is used: a care message that writes a number into
// its words, a placeholder that names no figure, a figure no message
// states, a figure whose source is not listed, or a listed source nothing
// cites, each fail here.
func TestCareTraceable(t *testing.T) {
	figures := map[string]assessment.Figure{}
	for _, f := range assessment.Figures {
		if _, dup := figures[f.ID]; dup {
			t.Errorf("figure %q is listed twice", f.ID)
		}
		figures[f.ID] = f
		if !slices.Contains(assessment.CareSources, f.Source) {
			t.Errorf("figure %q cites %q, which is not in CareSources", f.ID, f.Source)
		}
		if f.Low > f.High || f.Unit == "" {
			t.Errorf("figure %q: %d to %d %q", f.ID, f.Low, f.High, f.Unit)
		}
	}
	cited := assessment.CareCitations()
	for _, s := range assessment.CareSources {
		if !slices.Contains(cited, s) {
			t.Errorf("source %q is listed in CareSources but no figure or line cites it", s)
		}
	}

	digit := regexp.MustCompile(`\d`)
	placeholder := regexp.MustCompile(`\{[a-z_]+\}`)
	keys := assessment.CareKeys()
	for _, lang := range catalog.Languages() {
		cat := catalog.MustLoad(lang)
		used := map[string]bool{}
		for _, k := range cat.Keys() {
			if strings.HasPrefix(k, "care.") && !slices.Contains(keys, k) {
				t.Errorf("%s: %q is in the catalog but not in the section (assessment.CareKeys)", lang, k)
			}
		}
		for _, k := range keys {
			msg := cat.T(k)
			if !cat.Has(k) {
				t.Errorf("%s: the section's %q is missing", lang, k)
				continue
			}
			if k == "care.range" {
				continue // how a figure's range is written: {low}–{high}
			}
			// A natural frequency's denominator ("in 100", "每 100 人") is
			// its figure's unit, not a figure of its own.
			words := placeholder.ReplaceAllString(msg, "")
			for _, name := range catalog.Placeholders(msg) {
				if d, ok := strings.CutPrefix(figures[name].Unit, "in_"); ok {
					words = regexp.MustCompile(`(^|\D)`+d+`(\D|$)`).ReplaceAllString(words, "$1$2")
				}
			}
			if m := digit.FindString(words); m != "" {
				t.Errorf("%s: %q writes a number (%q) into its words: put it in assessment.Figures with its source and use its placeholder: %q", lang, k, m, msg)
			}
			for _, name := range catalog.Placeholders(msg) {
				if _, ok := figures[name]; !ok && name != "emergency" {
					t.Errorf("%s: %q has {%s}, which is no figure (assessment.Figures)", lang, k, name)
				}
				used[name] = true
			}
		}
		for _, f := range assessment.Figures {
			if !used[f.ID] {
				t.Errorf("%s: figure %q is stated by no message of the section", lang, f.ID)
			}
		}
	}
}

// The words say "about" and natural frequencies: no percentage and no
// decimal, in any language or region.
func TestCareNaturalFrequencies(t *testing.T) {
	bad := regexp.MustCompile(`%|\d[.,]\d`)
	for _, lang := range catalog.Languages() {
		cat := catalog.MustLoad(lang)
		for _, region := range []string{"HK", "US", "GB", ""} {
			for _, sec := range (assessment.CareOptions{Region: region, Emergency: "999"}).Sections(cat) {
				for _, it := range sec.Items {
					if m := bad.FindString(it.String()); m != "" {
						t.Errorf("%s %s: %q has %q", lang, region, it.String(), m)
					}
				}
			}
		}
	}
	en := catalog.MustLoad("en")
	var all strings.Builder
	for _, sec := range (assessment.CareOptions{}).Sections(en) {
		for _, it := range sec.Items {
			all.WriteString(it.String() + "\n")
		}
	}
	for _, want := range []string{"about 6 in 100 without an operation, under 1 in 100 with one",
		"numbness on the outer side of the foot in about 3–5 in 100", "About 8 in 10 people go back"} {
		if !strings.Contains(all.String(), want) {
			t.Errorf("the section does not say %q:\n%s", want, all.String())
		}
	}
}

// The section is in the report when a rupture is possible or the person is
// to be seen today or sooner, after what to do now and before what moved
// the estimate, and its sources join the report's; never otherwise.
func TestCareInOutline(t *testing.T) {
	en := catalog.MustLoad("en")
	for _, tt := range []struct {
		name   string
		assign []string
		want   bool
	}{
		{"nothing answered: possible, today", nil, true},
		{"ambulance", []string{"chest_symptoms=yes"}, true},
		{"a sprain", []string{"onset=sudden", "mechanism=twist", "pain_site=ankle_side", "tiptoe=can", "push_weak=no", "thompson=negative", "matles=negative", "examiner=clinician"}, false},
		{"tendinopathy", []string{"onset=gradual", "prior_symptoms=yes", "tiptoe=can", "push_weak=no", "thompson=negative", "examiner=clinician"}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var a q.Answers
			for _, s := range tt.assign {
				if err := a.ParseAssignment(s); err != nil {
					t.Fatal(err)
				}
			}
			r := assessment.Assess(a)
			rep := assessment.NewReport(r, en, assessment.Options{Emergency: "911", Region: "US"})
			secs := rep.Outline(assessment.OutlineOptions{Next: true})
			var order []assessment.SectionID
			for _, s := range secs {
				order = append(order, s.ID)
			}
			next := slices.Index(order, assessment.SectionNext)
			if got := next >= 0; got != tt.want || r.ShowNext() != tt.want {
				t.Fatalf("band %s, triage %s: the section shown %v (ShowNext %v), want %v", r.Band.ID(), r.Triage.ID(), got, r.ShowNext(), tt.want)
			}
			sources := secs[len(secs)-2].Items[0].List
			if !tt.want {
				if slices.Contains(sources, assessment.Figures[0].Source) {
					t.Error("the sources list the section's references without the section")
				}
				return
			}
			if now, where, trace := slices.Index(order, assessment.SectionNow), slices.Index(order, assessment.SectionWhere), slices.Index(order, assessment.SectionTrace); now < 0 && r.Triage != assessment.EmergencyAmbulance || where > next || trace < next {
				t.Errorf("sections in the order %v: the section must come after what to do now and where to go, before the trace", order)
			}
			for _, f := range assessment.Figures {
				if f.ID == "hk_registration_year" {
					continue // Hong Kong's rules: not in a US report
				}
				if !slices.Contains(sources, f.Source) {
					t.Errorf("figure %q's source %q is not in the report's sources", f.ID, f.Source)
				}
			}
			if !slices.Contains(sources, "FDA consumer information, June 2021") || slices.Contains(sources, "Hong Kong Cap. 138 (Pharmacy and Poisons Ordinance)") {
				t.Errorf("a US report lists the FDA's rules and not Hong Kong's: %v", sources)
			}
			if secs := rep.Outline(assessment.OutlineOptions{}); slices.ContainsFunc(secs, func(s assessment.Section) bool { return s.ID == assessment.SectionNext }) {
				t.Error("without OutlineOptions.Next the outline has the section")
			}
		})
	}
}

// More than 4 weeks after the injury, the section says first that its
// figures come from trials of fresh ruptures; not before.
func TestCareChronic(t *testing.T) {
	en := catalog.MustLoad("en")
	for _, since := range []string{"gt_4w", "2_4w", ""} {
		var a q.Answers
		for _, s := range []string{"onset=sudden", "thompson=positive", "examiner=clinician", "time_since=" + since} {
			if strings.HasSuffix(s, "=") {
				continue
			}
			if err := a.ParseAssignment(s); err != nil {
				t.Fatal(err)
			}
		}
		rep := assessment.NewReport(assessment.Assess(a), en, assessment.Options{})
		var first string
		for _, sec := range rep.Outline(assessment.OutlineOptions{Next: true}) {
			if sec.ID == assessment.SectionNext {
				first = sec.Items[0].Text
				break
			}
		}
		if got, want := strings.Contains(first, "more than a month old"), since == "gt_4w"; got != want {
			t.Errorf("time_since %q: the section starts %q", since, first)
		}
	}
}

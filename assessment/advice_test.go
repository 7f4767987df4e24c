package assessment

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"achilles/catalog"
)

func report(t *testing.T, pairs ...string) Report {
	t.Helper()
	return NewReport(Assess(answers(t, pairs...)), catalog.MustLoad("en"), Options{})
}

func has(items []string, cat *catalog.Catalog, key string) bool {
	return slices.Contains(items, cat.F(key, "emergency", cat.T("emergency.number.unknown")))
}

// TestAdviceIsSafeForTheSituation: first aid that would harm in a given
// situation is never given in it.
func TestAdviceIsSafeForTheSituation(t *testing.T) {
	cat := catalog.MustLoad("en")
	rupture := []string{"onset", "sudden", "pop", "yes", "tiptoe", "cannot"}
	tests := []struct {
		name    string
		extra   []string
		absent  []string
		present []string
	}{
		{"cold numb foot: no ice, no raising", []string{"numb_or_cold_foot", "yes"}, []string{"now.ice", "now.raise"}, []string{"now.circulation", "now.emergency.go"}},
		{"tense calf: no ice, no raising", []string{"severe_tense_calf", "yes"}, []string{"now.ice", "now.raise"}, []string{"now.compartment"}},
		{"open wound: no ice", []string{"open_wound", "yes"}, []string{"now.ice"}, []string{"now.open_wound"}},
		{"wound and heel skin: no pressure on the heel", []string{"open_wound", "yes", "heel_skin", "yes"}, []string{"now.open_wound"}, []string{"now.open_wound_heel", "now.heel_skin"}},
		{"deformity: not repositioned", []string{"deformity", "yes"}, []string{"now.toes_down"}, []string{"now.deformity"}},
		{"swollen warm calf: no massage, no ice", []string{"calf_swelling_warm", "yes"}, []string{"now.ice"}, []string{"now.dvt", "now.no_heat"}},
		{"ambulance: nothing distracts from the call", []string{"chest_symptoms", "yes"}, []string{"now.ice", "now.stop", "now.toes_down"}, []string{"now.ambulance.call", "now.ambulance.still"}},
		{"plain rupture: full first aid", nil, nil, []string{"now.stop", "now.no_testing", "now.off_weight", "now.toes_down", "now.ice", "now.raise", "now.no_heat", "now.pain_relief"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := report(t, append(append([]string{}, rupture...), tt.extra...)...)
			for _, k := range tt.absent {
				if has(rep.Actions.Now, cat, k) {
					t.Errorf("advises %s: %q", k, cat.T(k))
				}
			}
			for _, k := range tt.present {
				if !has(rep.Actions.Now, cat, k) {
					t.Errorf("does not advise %s: %q", k, cat.T(k))
				}
			}
		})
	}
}

// TestFirstAidFitsTheTime: "stop the activity now" and the first days'
// ice and heat are for a fresh injury (or an unknown time, the safe side);
// days or weeks on, the advice says to stop sport until it is checked, and
// every safety item stays.
func TestFirstAidFitsTheTime(t *testing.T) {
	cat := catalog.MustLoad("en")
	rupture := []string{"onset", "sudden", "pop", "yes", "tiptoe", "cannot"}
	safety := []string{"now.no_testing", "now.off_weight", "now.toes_down", "now.raise", "now.pain_relief"}
	tests := []struct {
		since           string // "" for not answered
		present, absent []string
	}{
		{"", []string{"now.stop", "now.ice", "now.no_heat"}, []string{"now.stop_later", "now.no_massage"}},
		{"lt_24h", []string{"now.stop", "now.ice", "now.no_heat"}, []string{"now.stop_later", "now.no_massage"}},
		{"1_14d", []string{"now.stop_later", "now.ice", "now.no_heat"}, []string{"now.stop", "now.no_massage"}},
		{"2_4w", []string{"now.stop_later", "now.no_massage"}, []string{"now.stop", "now.ice", "now.no_heat"}},
		{"gt_4w", []string{"now.stop_later", "now.no_massage"}, []string{"now.stop", "now.ice", "now.no_heat"}},
	}
	for _, tt := range tests {
		t.Run("time_since="+tt.since, func(t *testing.T) {
			pairs := append([]string{}, rupture...)
			if tt.since != "" {
				pairs = append(pairs, "time_since", tt.since)
			}
			rep := report(t, pairs...)
			for _, k := range append(append([]string{}, safety...), tt.present...) {
				if !has(rep.Actions.Now, cat, k) {
					t.Errorf("does not advise %s: %q", k, cat.T(k))
				}
			}
			for _, k := range tt.absent {
				if has(rep.Actions.Now, cat, k) {
					t.Errorf("advises %s: %q", k, cat.T(k))
				}
			}
		})
	}
}

// TestExtraFloors: a positive tendon test is seen the same day, and sudden
// pain at the tendon within days, however the other answers weigh.
func TestExtraFloors(t *testing.T) {
	sprainLike := []string{"mechanism", "twist", "pain_site", "ankle_side", "tiptoe", "can", "walk", "normal", "pop", "no", "age", "15"}
	for _, test := range []string{"thompson=positive", "matles=positive", "gap=felt"} {
		id, v, _ := strings.Cut(test, "=")
		r := Assess(answers(t, append(append([]string{}, sprainLike...), id, v)...))
		if r.Triage != SameDay || !r.Reasons.Has(ReasonTestPositive) {
			t.Errorf("%s on a sprain-like story: %s %v (p=%.3f); want same_day", test, r.Triage.ID(), r.Reasons.IDs(), r.Probability)
		}
	}
	r := Assess(answers(t, "onset", "sudden", "pain_site", "achilles", "examiner", "clinician", "thompson", "negative", "tiptoe", "can"))
	if r.Triage != Consultation || !r.Reasons.Has(ReasonPartialTear) {
		t.Errorf("sudden pain at the tendon, tests negative: %s %v; want consultation for a possible partial tear", r.Triage.ID(), r.Reasons.IDs())
	}
	rep := NewReport(r, catalog.MustLoad("en"), Options{})
	if !slices.ContainsFunc(rep.Alternatives, func(a Alternative) bool { return a.ID == "partial_tear" }) {
		t.Errorf("partial tear not listed among %v", rep.Alternatives)
	}
}

// TestChronicWording: after 4 weeks the report speaks of planned care, not
// of "the same day", in the headline, the reasons and where to go.
func TestChronicWording(t *testing.T) {
	cat := catalog.MustLoad("en")
	rep := report(t, "time_since", "gt_4w", "onset", "sudden", "thompson", "positive", "examiner", "clinician", "tiptoe", "cannot")
	if rep.Triage != Consultation {
		t.Fatalf("triage %s, want consultation", rep.Triage.ID())
	}
	if rep.Actions.Headline != cat.T("triage.chronic.title") || rep.Actions.Where != cat.T("where.chronic") {
		t.Errorf("headline %q, where %q; want the chronic wording", rep.Actions.Headline, rep.Actions.Where)
	}
	if !slices.Equal(rep.Reasons, []string{cat.T("reason.chronic")}) {
		t.Errorf("reasons %q; want only the chronic reason", rep.Reasons)
	}
	// A fracture question a month on is not a chronic rupture.
	rep = report(t, "time_since", "gt_4w", "bone_tender", "yes", "mechanism", "twist", "pain_site", "ankle_side")
	if rep.Triage != Consultation || rep.Actions.Where == cat.T("where.chronic") {
		t.Errorf("Ottawa a month on: %s, where %q; want a consultation without the rupture wording", rep.Triage.ID(), rep.Actions.Where)
	}
}

// TestNumbersMatchBands: the percentage shown and the JSON probability never
// cross a band edge that the band itself has not crossed.
func TestNumbersMatchBands(t *testing.T) {
	for _, p := range []float64{0.0996, 0.09951, 0.4996, 0.8496, 0.10, 0.5, 0.85, 0.994, 0.995, 0.004} {
		band := BandOf(p)
		shown := Percent(p)
		var num float64
		switch {
		case strings.HasPrefix(shown, "<"), strings.HasPrefix(shown, ">"):
			continue
		default:
			if _, err := fmtSscan(strings.TrimSuffix(shown, "%"), &num); err != nil {
				t.Fatalf("Percent(%v) = %q", p, shown)
			}
		}
		if BandOf(num/100) != band {
			t.Errorf("Percent(%v) = %q reads as %s, but the band is %s", p, shown, BandOf(num/100).ID(), band.ID())
		}
		js := string(appendProbability(nil, p))
		if _, err := fmtSscan(js, &num); err != nil || BandOf(num) != band {
			t.Errorf("JSON probability %s for %v reads as %s, band %s", js, p, BandOf(num).ID(), band.ID())
		}
	}
	if got := Percent(0.995); got != ">99%" {
		t.Errorf("Percent(0.995) = %q; nothing may read as certain", got)
	}
}

func fmtSscan(s string, f *float64) (int, error) { return fmt.Sscan(s, f) }

// TestClotAdvice: what to do and where to go follow the clot check: the
// test NICE NG158 advises (a scan when likely, a blood test first when
// possible), a place that can do it today, no massage, the warning signs
// of a clot in the lungs; an ambulance when they are already there.
func TestClotAdvice(t *testing.T) {
	cat := catalog.MustLoad("en")
	clotLikely := []string{"onset", "gradual", "pain_site", "calf", "calf_bigger", "yes", "calf_tender", "yes"}
	clotPossible := []string{"onset", "gradual", "pain_site", "calf", "calf_tender", "yes"}
	rupture := []string{"onset", "sudden", "mechanism", "push_off", "pop", "yes", "pain_site", "calf",
		"tiptoe", "cannot", "push_weak", "yes", "calf_bigger", "yes", "leg_immobilised", "yes"}
	tests := []struct {
		name    string
		answers []string
		level   ClotLevel
		where   string
		present []string
		absent  []string
		summary string
	}{
		{"likely, no rupture", clotLikely, ClotLikely, "where.clot",
			[]string{"now.dvt", "now.clot_scan", "now.clot_warning", "now.rest"}, []string{"now.clot_test", "now.ice", "now.raise"}, "clot.result.likely"},
		{"possible, no rupture", clotPossible, ClotPossible, "where.clot",
			[]string{"now.dvt", "now.clot_test", "now.clot_warning"}, []string{"now.clot_scan", "now.ice"}, "clot.result.possible"},
		{"likely, with a plausible rupture: first aid for both, an emergency department", rupture, ClotLikely, "where.clot_rupture",
			[]string{"now.clot_scan", "now.stop", "now.toes_down", "now.ice"}, nil, "clot.result.likely"},
		{"chest symptoms: the ambulance, not a test booked for later", append([]string{"chest_symptoms", "yes"}, clotLikely...), ClotLikely, "where.emergency_ambulance",
			[]string{"now.ambulance.call"}, []string{"now.clot_scan", "now.clot_test", "now.clot_warning"}, "clot.result.chest"},
	}
	unknown := cat.T("emergency.number.unknown")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := report(t, tt.answers...)
			if rep.Clot.Level != tt.level {
				t.Fatalf("clot %s, want %s", rep.Clot.Level.ID(), tt.level.ID())
			}
			if want := cat.F(tt.where, "emergency", unknown); rep.Actions.Where != want {
				t.Errorf("where: %q, want %s", rep.Actions.Where, tt.where)
			}
			for _, k := range tt.present {
				if !has(rep.Actions.Now, cat, k) {
					t.Errorf("does not advise %s", k)
				}
			}
			for _, k := range tt.absent {
				if has(rep.Actions.Now, cat, k) {
					t.Errorf("advises %s", k)
				}
			}
			if want := cat.F(tt.summary, "points", fmt.Sprint(rep.Clot.Points), "emergency", unknown); rep.ClotCheck.Summary != want {
				t.Errorf("summary %q, want %s", rep.ClotCheck.Summary, tt.summary)
			}
			if len(rep.ClotCheck.Findings) != len(rep.Clot.Findings()) {
				t.Errorf("%d findings worded for %d findings", len(rep.ClotCheck.Findings), len(rep.Clot.Findings()))
			}
		})
	}

	// Risk factors without a sign in the leg: no signs, and no score that
	// could read as "likely" to a clinician.
	rep := report(t, "onset", "sudden", "mechanism", "push_off", "pain_site", "achilles", "cancer", "yes", "prior_clot", "yes")
	if rep.Clot.Level != ClotNoSigns || rep.Clot.Points != 2 {
		t.Fatalf("risks only: clot %s with %d points", rep.Clot.Level.ID(), rep.Clot.Points)
	}
	if strings.Contains(rep.ClotCheck.Summary, "score of") || !slices.Contains(rep.Actions.TellClinician, cat.T("tell.clot_no_signs")) {
		t.Errorf("risks only: the summary %q or the clinician's lines %v give a score", rep.ClotCheck.Summary, rep.Actions.TellClinician)
	}
	for _, line := range rep.Actions.TellClinician {
		if strings.Contains(line, "Wells score 2") {
			t.Errorf("tells the clinician a Wells score for no suspected clot: %q", line)
		}
	}
}

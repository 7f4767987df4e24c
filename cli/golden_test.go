package cli

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

var update = flag.Bool("update", false, "rewrite golden files")

// goldenStories are whole assessments whose reports are kept under
// testdata/golden, one file per story and format. The answers follow the
// stories of assessment/testdata/stories.json.
var goldenStories = []struct {
	name    string
	answers string
}{
	{
		// A 38-year-old lunging at five-a-side: pop, "kicked", cannot tiptoe;
		// the club trainer felt a gap and found Thompson and Matles positive.
		name: "textbook_rupture_trainer",
		answers: `{
  "answerer": "other", "examiner": "trainer", "age": 38, "side": "right", "time_since": "lt_24h",
  "chest_symptoms": "no", "open_wound": "no", "numb_or_cold_foot": "no", "deformity": "no",
  "severe_tense_calf": "no", "heel_skin": "no", "calf_swelling_warm": "no",
  "onset": "sudden", "mechanism": "push_off", "pop": "yes", "kicked": "yes",
  "pain_site": "achilles", "pain_now": 4, "swelling": "yes", "walk": "limp",
  "tiptoe": "cannot", "push_weak": "yes", "gap": "felt", "thompson": "positive",
  "matles": "positive", "bone_tender": "no"
}`,
	},
	{
		// A 24-year-old rolled her ankle at basketball: pain at the outer
		// ankle bone, tiptoe fine, no pop, no bone tenderness.
		name: "ankle_sprain",
		answers: `{
  "answerer": "self", "age": 24, "time_since": "lt_24h",
  "chest_symptoms": "no", "open_wound": "no", "numb_or_cold_foot": "no", "deformity": "no",
  "severe_tense_calf": "no", "heel_skin": "no", "calf_swelling_warm": "no",
  "onset": "sudden", "mechanism": "twist", "pop": "no", "kicked": "no",
  "pain_site": "ankle_side", "pain_now": 4, "walk": "limp", "tiptoe": "can",
  "push_weak": "no", "bone_tender": "no"
}`,
	},
	{
		// A 58-year-old with an aching calf after a long journey, now
		// suddenly breathless with chest pain; her husband answers.
		name: "red_flag_chest",
		answers: `{
  "answerer": "other", "age": 58, "time_since": "1_14d", "chest_symptoms": "yes",
  "onset": "gradual", "mechanism": "none", "pain_site": "calf"
}`,
	},
	{
		// A 29-year-old stepped back through a glass door: a deep cut over
		// the back of the ankle, pushing the foot down feels weak.
		name: "red_flag_open_wound",
		answers: `{
  "answerer": "self", "age": 29, "side": "left", "time_since": "lt_24h",
  "chest_symptoms": "no", "open_wound": "yes", "numb_or_cold_foot": "no",
  "onset": "sudden", "mechanism": "direct_blow", "pain_site": "achilles", "pain_now": 7,
  "tiptoe": "not_tried", "push_weak": "yes"
}`,
	},
	{
		// A 39-year-old back from a 9-hour flight: a calf that aches like a
		// cramp, no injury, visibly bigger and tender along the back; on the
		// combined pill. The clot check: 2 Wells points, a clot is likely.
		name: "clot_after_flight",
		answers: `{
  "answerer": "other", "examiner": "trainer", "age": 39, "side": "left", "time_since": "1_14d",
  "chest_symptoms": "no", "open_wound": "no", "numb_or_cold_foot": "no", "deformity": "no",
  "severe_tense_calf": "no", "heel_skin": "no", "calf_swelling_warm": "no",
  "onset": "gradual", "pain_site": "calf", "pain_now": 4, "swelling": "no",
  "calf_bigger": "yes", "leg_swollen": "no", "pitting": "no", "calf_tender": "yes",
  "leg_immobilised": "no", "bed_rest_surgery": "no", "long_journey": "yes", "pregnancy": "no",
  "hormones": "yes", "cancer": "no", "prior_clot": "no", "knee_problem": "no",
  "walk": "limp", "tiptoe": "can", "push_weak": "no", "thompson": "negative"
}`,
	},
	{
		name:    "nothing_answered",
		answers: `{}`,
	},
}

// TestGoldenReports keeps every story's report in every format: in English
// for an unknown region, and in Chinese for Hong Kong.
func TestGoldenReports(t *testing.T) {
	for _, lang := range []struct{ lang, region, suffix string }{{"en", "", ""}, {"zh-Hant", "HK", "_zh-Hant"}} {
		for _, story := range goldenStories {
			for _, format := range []string{"text", "markdown", "json"} {
				name := story.name + "_" + format + lang.suffix
				t.Run(name, func(t *testing.T) {
					args := []string{"assess", "--answers", "-", "--format", format, "--lang", lang.lang}
					if lang.region != "" {
						args = append(args, "--region", lang.region)
					}
					o := runWith(t, runOpts{stdin: strings.NewReader(story.answers)}, args...)
					mustSucceed(t, o)
					switch format {
					case "json":
						checkReport(t, o.stdout, answersJSON(t, story.answers))
						if want := `"lang":"` + lang.lang + `"`; !strings.Contains(strings.ReplaceAll(o.stdout, " ", ""), want) {
							t.Errorf("the JSON does not say %s", want)
						}
					case "text":
						// The text report is laid out for an 80-column
						// terminal, in display cells: a Chinese character
						// takes two.
						for i, line := range strings.Split(o.stdout, "\n") {
							if n := ansi.StringWidth(line); n > 80 {
								t.Errorf("line %d is %d columns wide, over 80: %q", i+1, n, line)
							}
						}
					}
					golden(t, filepath.Join("testdata", "golden", name+".golden"), o.stdout)
				})
			}
		}
	}
}

// golden compares got with the golden file at path, or rewrites the file
// when the -update flag is given.
func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cli/ -run Golden -update to create it)", err)
	}
	want := string(data)
	if got == want {
		return
	}
	gl, wl := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range max(len(gl), len(wl)) {
		var g, w string
		if i < len(gl) {
			g = gl[i]
		}
		if i < len(wl) {
			w = wl[i]
		}
		if g != w || i >= len(gl) || i >= len(wl) {
			t.Fatalf("output differs from %s at line %d:\n got: %q\nwant: %q\n(if the change is intended, run go test ./cli/ -run Golden -update and review the diff)", path, i+1, g, w)
		}
	}
}

// TestGoldenGuide keeps "what happens next" on its own (achilles guide)
// in text and Markdown: in English for the United States (the FDA's rules)
// and in Chinese for Hong Kong (its registration).
func TestGoldenGuide(t *testing.T) {
	for _, lang := range []struct{ lang, region, suffix string }{{"en", "US", ""}, {"zh-Hant", "HK", "_zh-Hant"}} {
		for _, format := range []string{"text", "markdown"} {
			name := "guide_" + format + lang.suffix
			t.Run(name, func(t *testing.T) {
				o := run(t, "guide", "--format", format, "--lang", lang.lang, "--region", lang.region)
				mustSucceed(t, o)
				if format == "text" {
					for i, line := range strings.Split(o.stdout, "\n") {
						if n := ansi.StringWidth(line); n > 80 {
							t.Errorf("line %d is %d columns wide, over 80: %q", i+1, n, line)
						}
					}
				}
				golden(t, filepath.Join("testdata", "golden", name+".golden"), o.stdout)
			})
		}
	}
}

package cli

import (
	"strings"
	"testing"
)

// Every region of the table gives its number in the text report, from
// --region or from the locale; an unknown region is not an error and gets
// the generic words.
func TestRegionInReport(t *testing.T) {
	for _, c := range []struct {
		args []string
		env  map[string]string
		want string
	}{
		{[]string{"--region", "HK"}, nil, "call 999"},
		{[]string{"--region", "GB"}, nil, "Call 999 now and ask for an ambulance."},
		{[]string{"--region", "uk"}, nil, "call NHS 111 or go to 111.nhs.uk."},
		{[]string{"--region", "IE"}, nil, "112 or 999"},
		{[]string{"--region", "DE"}, nil, "call 112"},
		{[]string{"--region", "US"}, nil, "call 911"},
		{[]string{"--region", "CA"}, nil, "call 911"},
		{[]string{"--region", "AU"}, nil, "call 000"},
		{[]string{"--region", "NZ"}, nil, "call 111"},
		{nil, map[string]string{"LANG": "en_AU.UTF-8"}, "call 000"},
		{nil, map[string]string{"LC_ALL": "en_NZ.UTF-8", "LANG": "en_US.UTF-8"}, "call 111"},
		{[]string{"--region", "US"}, map[string]string{"LANG": "en_AU.UTF-8"}, "call 911"},
		{[]string{"--region", "ZZ"}, nil, "your local emergency number (999, 112, 911…)"},
		{nil, map[string]string{"LANG": "C.UTF-8"}, "your local emergency number (999, 112, 911…)"},
	} {
		args := append([]string{"assess", "--answer", "chest_symptoms=yes"}, c.args...)
		out := runWith(t, runOpts{env: c.env}, args...)
		if out.code != 0 {
			t.Errorf("%v %v: %v", c.args, c.env, out)
			continue
		}
		if !strings.Contains(strings.Join(strings.Fields(out.stdout), " "), c.want) {
			t.Errorf("%v %v: the report does not say %q:\n%s", c.args, c.env, c.want, out.stdout)
		}
	}
}

// In GB "call 999 now" and "NHS 111 for advice" are two sentences, never
// one, in every report format and language: mixing them would blur an
// emergency with a call for advice.
func TestGBEmergencyAndAdviceApart(t *testing.T) {
	for _, lang := range []string{"en", "zh-Hant"} {
		for _, format := range []string{"text", "markdown"} {
			out := run(t, "assess", "--region", "GB", "--lang", lang, "--format", format, "--answer", "chest_symptoms=yes")
			if out.code != 0 {
				t.Fatalf("%s %s: %v", lang, format, out)
			}
			flat := strings.Join(strings.Fields(out.stdout), " ")
			if !strings.Contains(flat, "NHS 111") || !strings.Contains(flat, "999") {
				t.Errorf("%s %s: the report does not name both 999 and NHS 111:\n%s", lang, format, out.stdout)
			}
			for _, sentence := range strings.FieldsFunc(flat, func(r rune) bool { return r == '.' || r == '。' || r == ':' || r == '：' }) {
				if strings.Contains(sentence, "999") && strings.Contains(sentence, "111") {
					t.Errorf("%s %s: one sentence names 999 and NHS 111: %q", lang, format, sentence)
				}
			}
		}
	}
}

// Where to go today names the kind of place that can fit a boot or cast
// the same day as the region organises care (docs/care.md §6): HK, GB, US
// and AU each have their own words, from --region and from the locale
// alike, and any other region keeps the general words.
func TestWhereByRegion(t *testing.T) {
	section := func(t *testing.T, text string) string {
		t.Helper()
		_, after, ok := strings.Cut(text, "Where to go, and how fast\n")
		where, _, ok2 := strings.Cut(after, "\n\n")
		if !ok || !ok2 {
			t.Fatalf("no where-to-go section in:\n%s", text)
		}
		return strings.Join(strings.Fields(where), " ")
	}
	general := "In person today: an emergency department, urgent care centre or fracture clinic that can put the foot in a cast or boot."
	seen := map[string]string{}
	for _, c := range []struct {
		region, locale string
		want           []string
	}{
		{"HK", "en_HK.UTF-8", []string{"Accident and Emergency department (A&E) of a public hospital", "24-hour clinic",
			"Do not wait for a routine orthopaedic appointment", "From 2026, A&E charges HK$400"}},
		{"GB", "en_GB.UTF-8", []string{"urgent treatment centre or minor injuries unit", "NHS 111 (111.nhs.uk)",
			"within about 3 days", "as of 2026"}},
		{"US", "en_US.UTF-8", []string{"orthopedic walk-in (urgent) clinic or an emergency room", "may only splint it",
			"(EMTALA)", "insurance network"}},
		{"AU", "en_AU.UTF-8", []string{"an emergency department, or a Medicare Urgent Care Clinic", "bulk-billed",
			"call healthdirect 1800 022 222", "as of 2026"}},
		{"FR", "fr_FR.UTF-8", []string{general}},
	} {
		for _, how := range []runOpts{{}, {env: map[string]string{"LANG": c.locale}}} {
			args := []string{"assess", "--case", "classic"}
			if how.env == nil {
				args = append(args, "--region", c.region)
			}
			out := runWith(t, how, args...)
			if out.code != 0 {
				t.Fatalf("%s %v: %v", c.region, how.env, out)
			}
			where := section(t, out.stdout)
			for _, want := range c.want {
				if !strings.Contains(where, want) {
					t.Errorf("%s (%v): where to go does not say %q: %q", c.region, how.env, want, where)
				}
			}
			if prev, ok := seen[c.region]; ok && prev != where {
				t.Errorf("%s: --region and the locale give different words:\n%q\n%q", c.region, prev, where)
			}
			seen[c.region] = where
		}
	}
	for a, wa := range seen {
		for b, wb := range seen {
			if a < b && wa == wb {
				t.Errorf("%s and %s have the same words for where to go: %q", a, b, wa)
			}
		}
	}
	// The emergency number is never replaced by the place: an ambulance
	// is still an ambulance.
	for _, code := range []string{"HK", "GB", "US", "AU"} {
		out := run(t, "assess", "--region", code, "--answer", "chest_symptoms=yes")
		if where := section(t, out.stdout); !strings.HasPrefix(where, "Call ") {
			t.Errorf("%s: an ambulance's where to go is %q", code, where)
		}
	}
}

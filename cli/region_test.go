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

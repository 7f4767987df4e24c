package cli

import (
	"strings"
	"testing"
)

// achilles guide gives the section alone, for the region's rules: the US
// gets the FDA's, Hong Kong its registration, any other region the advice
// to ask; the emergency number of the region is in the warning signs.
func TestGuideByRegion(t *testing.T) {
	for _, c := range []struct {
		args      []string
		want, not []string
	}{
		{[]string{"--region", "US"}, []string{"the FDA has approved no stem-cell", "Call 911 at once", "FDA consumer information, June 2021"}, []string{"Hong Kong"}},
		{[]string{"--region", "HK", "--lang", "zh-Hant"}, []string{"在香港，先進療法產品", "致電 999", "富血小板血漿", "幹細胞", "Hong Kong Cap. 138"}, []string{"FDA"}},
		{[]string{"--region", "FR"}, []string{"Ask whether the product is approved or registered where you live", "Call 112 at once"}, []string{"FDA", "Hong Kong"}},
		{[]string{"--format", "markdown", "--region", "GB"}, []string{"# What happens next", "| weeks 0–2 |", "- [ ] Is it a complete rupture", "Call 999 at once"}, []string{"FDA"}},
	} {
		o := run(t, append([]string{"guide"}, c.args...)...)
		if o.code != ExitOK || o.stderr != "" {
			t.Fatalf("%v: %v", c.args, o)
		}
		flat := strings.Join(strings.Fields(o.stdout), " ")
		for _, w := range c.want {
			if !strings.Contains(flat, w) {
				t.Errorf("%v: the guide does not say %q", c.args, w)
			}
		}
		for _, w := range c.not {
			if strings.Contains(flat, w) {
				t.Errorf("%v: the guide says %q, another region's rules", c.args, w)
			}
		}
	}
}

// Bad usage is exit 2 with a message naming what was wrong and what is
// allowed, and nothing on stdout.
func TestGuideBadUsage(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"guide", "--format", "json"}, `--format "json" is not allowed; allowed: text, markdown`},
		{[]string{"guide", "surgery"}, `takes no arguments, got "surgery"`},
		{[]string{"guide", "--lang", "fr"}, `--lang "fr" is not a known language; available: en, zh-Hant`},
	} {
		o := run(t, c.args...)
		if o.code != ExitUsage || o.stdout != "" || !strings.Contains(o.stderr, c.want) {
			t.Errorf("%v: want exit 2, nothing on stdout and %q on stderr; got %v", c.args, c.want, o)
		}
	}
}

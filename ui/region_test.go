package ui

import (
	"strings"
	"testing"

	"achilles/region"
)

// The emergency screen, the ! panel and the start screen name the
// region's number.
func TestRegionNumberOnScreens(t *testing.T) {
	for code, want := range map[string]string{
		"HK": "999", "GB": "999", "IE": "112 or 999", "FR": "112", "US": "911", "CA": "911", "AU": "000", "NZ": "111",
		"JP": "your local emergency number",
	} {
		opts := testOptions(t)
		opts.Emergency = region.Emergency(opts.Catalog, code)
		opts.Advice = region.Advice(opts.Catalog, code)
		m := newTestModel(t, 80, 24, opts)
		flat := func() string { return strings.Join(strings.Fields(screenText(m)), " ") }
		if !strings.Contains(flat(), "call "+opts.Emergency) {
			t.Errorf("%s: the start screen does not say call %s:\n%s", code, opts.Emergency, screenText(m))
		}
		press(m, "1", "1", "enter") // chest symptoms ticked
		if where(t, m) != onEmergency || !strings.Contains(flat(), want) {
			t.Errorf("%s: the emergency screen does not name %q:\n%s", code, want, screenText(m))
		}
		press(m, "!")
		if !strings.Contains(flat(), want) {
			t.Errorf("%s: the ! panel does not name %q:\n%s", code, want, screenText(m))
		}
	}
}

package region_test

import (
	"strings"
	"testing"

	"achilles/catalog"
	"achilles/region"
)

// The numbers of the table, and the generic words elsewhere.
func TestEmergency(t *testing.T) {
	en := catalog.MustLoad("en")
	for code, want := range map[string]string{
		"HK": "999", "GB": "999", "UK": "999",
		"IE": "112 or 999", "DE": "112", "FR": "112", "fr": "112", "ES": "112", "SE": "112",
		"US": "911", "CA": "911", "AU": "000", "NZ": "111",
		"JP": "your local emergency number (999, 112, 911…)", "": "your local emergency number (999, 112, 911…)",
		"XYZ": "your local emergency number (999, 112, 911…)", "1A": "your local emergency number (999, 112, 911…)",
	} {
		if got := region.Emergency(en, code); got != want {
			t.Errorf("Emergency(%q) = %q, want %q", code, got, want)
		}
	}
}

// GB's advice line is a sentence of its own, never part of the number's
// words: "call 999 now" and "NHS 111 for advice" are two sentences.
func TestAdvice(t *testing.T) {
	for _, lang := range catalog.Languages() {
		cat := catalog.MustLoad(lang)
		for _, code := range []string{"GB", "UK", "gb"} {
			advice := region.Advice(cat, code)
			if !strings.Contains(advice, "NHS 111") || strings.Contains(advice, "999") {
				t.Errorf("%s: Advice(%q) = %q, want a sentence naming NHS 111 and not 999", lang, code, advice)
			}
			if em := region.Emergency(cat, code); strings.Contains(em, "111") {
				t.Errorf("%s: Emergency(%q) = %q mixes the advice line into the number", lang, code, em)
			}
		}
		for _, code := range []string{"HK", "US", "FR", "", "JP"} {
			if advice := region.Advice(cat, code); advice != "" {
				t.Errorf("%s: Advice(%q) = %q, want none", lang, code, advice)
			}
		}
	}
}

func TestFromLocale(t *testing.T) {
	for _, c := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"LANG": "en_GB.UTF-8"}, "GB"},
		{map[string]string{"LANG": "zh_HK.UTF-8"}, "HK"},
		{map[string]string{"LANG": "zh_Hant_TW.UTF-8"}, "TW"},
		{map[string]string{"LANG": "de_DE@euro"}, "DE"},
		{map[string]string{"LANG": "en-NZ"}, "NZ"},
		{map[string]string{"LC_ALL": "en_AU.UTF-8", "LANG": "en_US.UTF-8"}, "AU"},
		{map[string]string{"LC_MESSAGES": "en_IE.UTF-8", "LANG": "en_US.UTF-8"}, "IE"},
		{map[string]string{"LANG": "C.UTF-8"}, ""},
		{map[string]string{"LANG": "POSIX"}, ""},
		{map[string]string{"LANG": "en"}, ""},
		{map[string]string{}, ""},
	} {
		if got := region.FromLocale(func(k string) string { return c.env[k] }); got != c.want {
			t.Errorf("FromLocale(%v) = %q, want %q", c.env, got, c.want)
		}
	}
}

func TestKnown(t *testing.T) {
	for code, want := range map[string]bool{"HK": true, "gb": true, "UK": true, "IT": true, "JP": false, "": false} {
		if got := region.Known(code); got != want {
			t.Errorf("Known(%q) = %v, want %v", code, got, want)
		}
	}
}

// TestNumberKeys: every region gets a key that Keys lists, so that the
// catalog's test checks each in every language.
func TestNumberKeys(t *testing.T) {
	listed := map[string]bool{}
	for _, k := range region.Keys() {
		listed[k] = true
	}
	for _, code := range []string{"AU", "CA", "GB", "HK", "IE", "NZ", "US", "FR", "DE", "JP", "", "ZZ"} {
		if k := region.NumberKey(code); !listed[k] {
			t.Errorf("region.NumberKey(%q) = %q, which Keys does not list", code, k)
		}
	}
	if region.NumberKey("FR") != "emergency.number.EU" || region.NumberKey("JP") != "emergency.number.unknown" {
		t.Errorf("FR %q, JP %q", region.NumberKey("FR"), region.NumberKey("JP"))
	}
}

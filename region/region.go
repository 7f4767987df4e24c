// Package region knows the user's region (an ISO 3166 code such as HK, GB
// or US) and how to reach emergency services there. The region comes from
// --region or from the territory of the locale (en_GB.UTF-8 → GB); an
// unknown region is not an error: the words then name the usual numbers.
package region

import (
	"slices"
	"strings"

	"achilles/catalog"
)

// eu reports whether the region is a member state of the European Union,
// where 112 reaches emergency services. Ireland also answers 999 and has
// words of its own.
func eu(code string) bool {
	switch code {
	case "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR",
		"HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK":
		return true
	}
	return false
}

// owned are the regions whose emergency number has words of its own in
// the catalog (NumberKey).
var owned = [...]string{"AU", "CA", "GB", "HK", "IE", "NZ", "US"}

// own reports whether the region's emergency number has words of its own
// in the catalog.
func own(code string) bool { return slices.Contains(owned[:], code) }

// NumberKey is the catalog key of the emergency number's words for a
// normalized region code: its own, the EU's 112, or the generic words.
func NumberKey(code string) string {
	switch {
	case own(code):
		return "emergency.number." + code
	case eu(code):
		return "emergency.number.EU"
	}
	return "emergency.number.unknown"
}

// advised are the regions with an advice line for when it is not an
// emergency (AdviceKey): its own sentence, never part of the number's
// words, so that "call 999 now" is never mixed with it.
var advised = [...]string{"AU", "GB"}

// AdviceKey is the catalog key of the sentence naming the region's advice
// line for when it is not an emergency, or "" when it has none.
func AdviceKey(code string) string {
	if slices.Contains(advised[:], code) {
		return "emergency.advice." + code
	}
	return ""
}

// Keys lists every key NumberKey, AdviceKey and SameDayKey give, for the
// catalog's test.
func Keys() []string {
	keys := []string{NumberKey(""), NumberKey("FR")}
	for _, code := range owned {
		keys = append(keys, NumberKey(code))
	}
	for _, code := range advised {
		keys = append(keys, AdviceKey(code))
	}
	for _, code := range placed {
		keys = append(keys, SameDayKey(code))
	}
	return keys
}

// Normalize makes a region code upper case and maps the common alias UK to
// GB. It returns "" for anything that is not two ASCII letters.
func Normalize(code string) string {
	code = strings.ToUpper(strings.TrimSpace(code))
	if len(code) != 2 || code[0] < 'A' || code[0] > 'Z' || code[1] < 'A' || code[1] > 'Z' {
		return ""
	}
	if code == "UK" {
		return "GB"
	}
	return code
}

// FromLocale is the territory of the POSIX locale in LC_ALL, LC_MESSAGES
// or LANG (the first set): en_GB.UTF-8 gives GB, zh_HK gives HK; "" when
// the locale names none (C, POSIX, en).
func FromLocale(getenv func(string) string) string {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := getenv(name)
		if v == "" {
			continue
		}
		if i := strings.IndexAny(v, ".@"); i >= 0 {
			v = v[:i]
		}
		parts := strings.FieldsFunc(v, func(r rune) bool { return r == '_' || r == '-' })
		// zh_Hant_HK: the territory is the last part of two letters.
		for i := len(parts) - 1; i >= 1; i-- {
			if code := Normalize(parts[i]); code != "" && len(parts[i]) == 2 {
				return code
			}
		}
		return ""
	}
	return ""
}

// Known reports whether the region has an emergency number of its own in
// the catalog, rather than the generic words.
func Known(code string) bool {
	code = Normalize(code)
	return own(code) || eu(code)
}

// Emergency is how to reach emergency services in the region, in the
// catalog's language: "999", "112 or 999"…, or for an unknown region the
// catalog's generic words ("your local emergency number (999, 112, 911…)").
func Emergency(cat *catalog.Catalog, code string) string {
	return cat.T(NumberKey(Normalize(code)))
}

// Advice is the sentence naming the region's advice line for when it is
// not an emergency ("For advice …, call NHS 111 …"), or "" when it has
// none. It is said on its own, after the emergency number's sentence. The
// line's name and number are the region's facts (Facts).
func Advice(cat *catalog.Catalog, code string) string {
	code = Normalize(code)
	key := AdviceKey(code)
	if key == "" {
		return ""
	}
	return Fill(cat, code, key)
}

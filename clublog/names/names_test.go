package names

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestNameRule: a name may not hold a character that drives a terminal,
// turns the text around it, or cannot be seen; the error names the
// character by its code point. Names in any script, with accents and
// emoji, are taken.
func TestNameRule(t *testing.T) {
	for _, tc := range []struct {
		name string
		char rune
		kind string
	}{
		{"A\x1b[31mB", 0x1b, "control character"},
		{"A\x1b]52;c;aGVsbG8=\x07", 0x1b, "control character"},
		{"Bell\x07", 0x07, "control character"},
		{"Del\x7f", 0x7f, "control character"},
		{"Next\u0085Line", 0x85, "control character"},
		{"CSI\u009b31m", 0x9b, "control character"},
		{"A\u2028B", 0x2028, "line separator"},
		{"A\u2029B", 0x2029, "paragraph separator"},
		{"abc\u202Efed", 0x202E, "text-direction character"},
		{"\u2066x\u2069", 0x2066, "text-direction character"},
		{"Sam\u200F", 0x200F, "text-direction character"},
		{"Sam\u200E", 0x200E, "text-direction character"},
		{"\u061Cx", 0x061C, "text-direction character"},
		{"Ann\u200B", 0x200B, "invisible character"},
		{"An\u200Dn", 0x200D, "invisible character"},
		{"An\u200Cn", 0x200C, "invisible character"},
		{"\uFEFFAnn", 0xFEFF, "invisible character"},
		{"An\u00ADn", 0x00AD, "invisible character"},
		{"An\u2060n", 0x2060, "invisible character"},
		{"Ann\U000E0041\U000E007F", 0xE0041, "invisible character"},
		{"\u3164", 0x3164, "invisible character"},
		{"A\u115FB", 0x115F, "invisible character"},
		{"A\u034FB", 0x034F, "invisible character"},
		{"Team \uE000", 0xE000, "private-use character"},
		{"Ann\uFE0F", 0xFE0F, "variation selector"},
		{"\uFE0E", 0xFE0E, "variation selector"},
	} {
		for field, validate := range map[string]func(string) error{"athlete": ValidateAthlete, "team": ValidateTeam} {
			err := validate(tc.name)
			var e *Error
			want := fmt.Sprintf("%s %U", tc.kind, tc.char)
			if !errors.As(err, &e) || e.Problem != Refused || e.Field != field || e.Char != tc.char || e.Kind != tc.kind ||
				!strings.Contains(err.Error(), want) {
				t.Errorf("%s name %+q: %v; want an *Error naming the %s", field, tc.name, err, want)
			}
		}
	}
	for _, name := range []string{
		"A. Smith", "Jo \"JJ\" O'Neil, Jr.", "李小龍", "José", "Zoe\u0301", "Ørsted", "Παπαδόπουλος",
		"محمد", "אבי", "अनु", "김민준", "Under-16s 🦁", "❤\uFE0F Club", "葛\U000E0100", "=1+2",
	} {
		if err := ValidateAthlete(name); err != nil {
			t.Errorf("ValidateAthlete(%+q) = %v; want it taken", name, err)
		}
		if got := Printable(name); got != name {
			t.Errorf("Printable(%+q) = %+q; want it as it is", name, got)
		}
	}
}

// FuzzNameRule: a name that passes the rule holds no character a
// terminal runs or that turns or hides text, and shows as it is; any
// name, once Printable, is UTF-8 without such characters.
func FuzzNameRule(f *testing.F) {
	for _, s := range []string{"A. Smith", "\x1b]52;c;eA==\x07", "a\u202Eb", "\u200B", "\U000E0041", "❤\uFE0F", "\xff", "\u0085"} {
		f.Add(s)
	}
	hidden := func(r rune) bool {
		return unicode.In(r, unicode.Cc, unicode.Cf, unicode.Co, unicode.Zl, unicode.Zp, unicode.Other_Default_Ignorable_Code_Point)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if ValidateTeam(s) == nil {
			if i := strings.IndexFunc(s, hidden); i >= 0 {
				t.Fatalf("ValidateTeam(%+q) took the character at byte %d", s, i)
			}
			if Printable(s) != s {
				t.Fatalf("Printable(%+q) = %+q changed a valid name", s, Printable(s))
			}
		}
		p := Printable(s)
		if !utf8.ValidString(p) || strings.IndexFunc(p, hidden) >= 0 {
			t.Fatalf("Printable(%+q) = %+q", s, p)
		}
	})
}

// Package names is the club log's rule for an athlete's and a team's name:
// how long a name may be and which characters it may not hold, with typed
// errors that say what is wrong. It is plain Go without SQLite, so that
// the questionnaire's form (ui) checks a name by the same rule as the log
// (clublog) and the command line, without opening or linking the log.
package names

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Max is the longest athlete or team name allowed, in characters.
const Max = 100

// Problem is what is wrong with a name.
type Problem int

const (
	// NotUTF8: the name is not valid UTF-8 text.
	NotUTF8 Problem = iota + 1
	// Empty: the athlete's name is missing or only spaces.
	Empty
	// TooLong: the name has more than Max characters.
	TooLong
	// Refused: the name holds a character that Refuses refuses.
	Refused
)

// Error is a name that may not be saved. Its message is an English
// sentence that says what was wrong and what is allowed; the fields let a
// screen say it in its own words.
type Error struct {
	Field   string // "athlete" or "team"
	Problem Problem
	// Char is the refused character (Refused), else 0.
	Char rune
	// Kind is the kind of the refused character in words, as Refuses
	// gives it (Refused), else "".
	Kind string
	// At is the place of the refused character, from 1 (Refused); Length
	// is the name's length in characters (TooLong).
	At, Length int
}

func (e *Error) Error() string {
	prefix := e.Field + " name "
	switch e.Problem {
	case NotUTF8:
		return prefix + "is not valid UTF-8 text"
	case Empty:
		return prefix + fmt.Sprintf("is empty; give the athlete's name or initials (1 to %d characters)", Max)
	case TooLong:
		return prefix + fmt.Sprintf("is %d characters long; at most %d are allowed", e.Length, Max)
	}
	return prefix + fmt.Sprintf("has the %s %U at character %d; a name may hold letters, marks, digits, punctuation, symbols and spaces, "+
		"but no control, text-direction, invisible or private-use characters", e.Kind, e.Char, e.At)
}

// ValidateAthlete checks an athlete's name or initials: required, at most
// Max characters, none of them one that Refuses refuses. The error is an
// *Error.
func ValidateAthlete(name string) error { return validate("athlete", name, true) }

// ValidateTeam checks a team name: optional, at most Max characters, none
// of them one that Refuses refuses. The error is an *Error.
func ValidateTeam(name string) error { return validate("team", name, false) }

func validate(field, s string, required bool) error {
	switch {
	case !utf8.ValidString(s):
		return &Error{Field: field, Problem: NotUTF8}
	case required && strings.TrimSpace(s) == "":
		return &Error{Field: field, Problem: Empty}
	}
	if n := utf8.RuneCountInString(s); n > Max {
		return &Error{Field: field, Problem: TooLong, Length: n}
	}
	prev := rune(-1)
	for i, c := range []rune(s) {
		if kind := Refuses(prev, c); kind != "" {
			return &Error{Field: field, Problem: Refused, Char: c, Kind: kind, At: i + 1}
		}
		prev = c
	}
	return nil
}

// Refuses is the rule for the characters of an athlete's or team's name,
// the one rule that adding (command line and questionnaire alike), reading
// and showing names follow. It returns "" when r may follow prev (-1 at
// the start of the name), else the kind of character r is, in words:
//
//   - "control character": C0 and C1 controls and DEL (Unicode Cc), which
//     a terminal may run as commands (ESC starts its escape sequences);
//   - "line separator" or "paragraph separator" (U+2028, U+2029);
//   - "text-direction character": the bidirectional controls (U+061C,
//     U+200E, U+200F, U+202A–U+202E, U+2066–U+2069), which can make a
//     name display as another;
//   - "invisible character": every other format character (Unicode Cf:
//     zero-width space, joiner and non-joiner, word joiner, soft hyphen,
//     byte-order mark, tag characters …) and the other characters Unicode
//     says to draw as nothing (Hangul fillers U+115F, U+1160, U+3164,
//     U+FFA0, combining grapheme joiner U+034F …), so that two names that
//     look the same are the same name;
//   - "private-use character", which each font draws its own way;
//   - "variation selector" when it does not follow a symbol or a letter of
//     a script without case (an emoji or a Han character, which it
//     selects a form of): after anything else it changes nothing that
//     shows.
func Refuses(prev, r rune) string {
	switch {
	case unicode.IsControl(r):
		return "control character"
	case r == '\u2028':
		return "line separator"
	case r == '\u2029':
		return "paragraph separator"
	case textDirection(r):
		return "text-direction character"
	case unicode.In(r, unicode.Cf, unicode.Other_Default_Ignorable_Code_Point):
		return "invisible character"
	case unicode.Is(unicode.Co, r):
		return "private-use character"
	case unicode.Is(unicode.Variation_Selector, r) && !unicode.In(prev, unicode.So, unicode.Lo):
		return "variation selector"
	}
	return ""
}

// textDirection reports the bidirectional controls: the marks, the
// embeddings and overrides, and the isolates.
func textDirection(r rune) bool {
	return r == '\u061C' || r == '\u200E' || r == '\u200F' ||
		(r >= '\u202A' && r <= '\u202E') || (r >= '\u2066' && r <= '\u2069')
}

// Unprintable reports the characters that Refuses refuses in any place:
// all but a variation selector, which a terminal draws as nothing.
func Unprintable(r rune) bool {
	return Refuses(-1, r) != "" && !unicode.Is(unicode.Variation_Selector, r)
}

// Printable returns s with every character that Refuses refuses, and
// every byte that is not UTF-8, replaced by U+FFFD, for showing a name
// from a log that another program wrote: such a name cannot then drive
// the terminal, nor hide a character in plain sight.
func Printable(s string) string {
	if utf8.ValidString(s) && strings.IndexFunc(s, Unprintable) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if Unprintable(r) {
			return utf8.RuneError
		}
		return r
	}, s)
}

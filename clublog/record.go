package clublog

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"achilles/assessment"
	q "achilles/questionnaire"
)

// MaxName is the longest athlete or team name allowed, in characters.
const MaxName = 100

// Record is one saved assessment.
type Record struct {
	ID int64
	// Created is when the assessment was saved, in UTC, to the second.
	Created      time.Time
	Athlete      string // name or initials; required
	Team         string // optional
	Side         string // "left", "right", or "" when not answered
	Lang         string // the language the assessment was worded in
	ModelVersion string // assessment.ModelVersion at the time
	Band         string // assessment.Band ID
	Triage       string // assessment.Triage ID
	Probability  float64
	Answers      q.Answers
	// Assessment is the JSON assessment (CONTRACT.md) as it was when saved.
	// It is nil for records saved before schema version 2, and in the
	// records of List.
	Assessment []byte
}

// NewRecord makes the record of a report, ready for Add. Its probability
// is the one the JSON assessment shows, rounded as people read it.
func NewRecord(rep *assessment.Report, athlete, team string, created time.Time) Record {
	side, _ := rep.Answers.Choice(q.Side)
	doc := rep.AppendJSON(nil)
	p, ok := shownProbability(doc)
	if !ok {
		p = rep.Probability
	}
	return Record{
		Created:      created,
		Athlete:      athlete,
		Team:         team,
		Side:         side,
		Lang:         rep.Lang,
		ModelVersion: assessment.ModelVersion,
		Band:         rep.Band.ID(),
		Triage:       rep.Triage.ID(),
		Probability:  p,
		Answers:      rep.Answers,
		Assessment:   doc,
	}
}

// FieldError is a record that may not be saved: which field, and what is
// wrong with it. It matches ErrInvalid with errors.Is.
type FieldError struct {
	Field   string // "athlete", "team", "side", …
	Problem string // a sentence: what was wrong and what is allowed
	// Char is the character a name may not hold, when that is what is
	// wrong (NameChar), else 0.
	Char rune
}

func (e *FieldError) Error() string { return e.Problem }

// Is makes errors.Is(err, ErrInvalid) true.
func (e *FieldError) Is(target error) bool { return target == ErrInvalid }

// ValidateAthlete checks an athlete's name or initials: required, at most
// MaxName characters, none of them one that NameChar refuses.
func ValidateAthlete(name string) error { return validateName("athlete", name, true) }

// ValidateTeam checks a team name: optional, at most MaxName characters,
// none of them one that NameChar refuses.
func ValidateTeam(name string) error { return validateName("team", name, false) }

func validateName(field, s string, required bool) error {
	bad := func(format string, args ...any) error {
		return &FieldError{Field: field, Problem: field + " name " + fmt.Sprintf(format, args...)}
	}
	if !utf8.ValidString(s) {
		return bad("is not valid UTF-8 text")
	}
	if required && strings.TrimSpace(s) == "" {
		return bad("is empty; give the athlete's name or initials (1 to %d characters)", MaxName)
	}
	if n := utf8.RuneCountInString(s); n > MaxName {
		return bad("is %d characters long; at most %d are allowed", n, MaxName)
	}
	if r, kind, at := firstRefused(s); kind != "" {
		err := bad("has the %s %U at character %d; a name may hold letters, marks, digits, punctuation, symbols and spaces, "+
			"but no control, text-direction, invisible or private-use characters", kind, r, at)
		err.(*FieldError).Char = r
		return err
	}
	return nil
}

// firstRefused returns the first character of s that NameChar refuses, the
// word for its kind and its place (from 1), or kind "" when there is none.
func firstRefused(s string) (r rune, kind string, at int) {
	prev := rune(-1)
	for i, c := range []rune(s) {
		if kind := NameChar(prev, c); kind != "" {
			return c, kind, i + 1
		}
		prev = c
	}
	return 0, "", 0
}

// NameChar is the rule for the characters of an athlete's or team's name,
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
func NameChar(prev, r rune) string {
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

// unprintable reports the characters that NameChar refuses in any place:
// all but a variation selector, which a terminal draws as nothing.
func unprintable(r rune) bool {
	return NameChar(-1, r) != "" && !unicode.Is(unicode.Variation_Selector, r)
}

// Printable returns s with every character that NameChar refuses, and
// every byte that is not UTF-8, replaced by U+FFFD, for showing a name
// from a log that another program wrote: such a name cannot then drive
// the terminal, nor hide a character in plain sight.
func Printable(s string) string {
	if utf8.ValidString(s) && strings.IndexFunc(s, unprintable) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if unprintable(r) {
			return utf8.RuneError
		}
		return r
	}, s)
}

// validate checks a record before it is saved.
func (r *Record) validate() error {
	if err := ValidateAthlete(r.Athlete); err != nil {
		return err
	}
	if err := ValidateTeam(r.Team); err != nil {
		return err
	}
	bad := func(field, format string, args ...any) error {
		return &FieldError{Field: field, Problem: fmt.Sprintf(format, args...)}
	}
	switch {
	case r.Created.IsZero():
		return bad("created", "the record has no creation time")
	case r.Side != "" && r.Side != "left" && r.Side != "right":
		return bad("side", "side %q is not allowed; allowed: left, right, or empty", r.Side)
	case r.Band == "" || r.Triage == "":
		return bad("band", "the record has no band or triage; make it from an assessment (NewRecord)")
	case math.IsNaN(r.Probability) || r.Probability < 0 || r.Probability > 1:
		return bad("probability", "probability %v is not between 0 and 1", r.Probability)
	case r.Assessment != nil && !isJSONObject(r.Assessment):
		return bad("assessment", "the assessment is not a JSON object")
	}
	for _, s := range []string{r.Lang, r.ModelVersion, r.Band, r.Triage} {
		if !utf8.ValidString(s) || strings.IndexFunc(s, unprintable) >= 0 {
			return bad("record", "%q has characters that are not allowed", s)
		}
	}
	return nil
}

func isJSONObject(b []byte) bool {
	b = bytes.TrimLeft(b, " \t\r\n")
	return len(b) > 0 && b[0] == '{' && json.Valid(b)
}

// shownProbability reads the "probability" field of a JSON assessment,
// which comes near its start, without decoding the rest.
func shownProbability(doc []byte) (float64, bool) {
	dec := json.NewDecoder(bytes.NewReader(doc))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return 0, false
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return 0, false
		}
		if key == "probability" {
			var p float64
			return p, dec.Decode(&p) == nil
		}
		var skip json.RawMessage
		if dec.Decode(&skip) != nil {
			return 0, false
		}
	}
	return 0, false
}

// appendAnswers appends the answers as an answers document: a JSON object
// of question ID to value, in question order (the "answers" field of the
// JSON assessment).
func appendAnswers(b []byte, a *q.Answers) []byte {
	b = append(b, '{')
	n := 0
	for question := q.Q(0); question < q.Count; question++ {
		v, ok := a.Value(question)
		if !ok {
			continue
		}
		if n > 0 {
			b = append(b, ',')
		}
		n++
		// IDs and choice values are lower-case ASCII identifiers, which
		// Go and JSON quote alike.
		b = strconv.AppendQuote(b, question.ID())
		b = append(b, ':')
		if question.Info().Kind == q.Number {
			b = append(b, v...)
		} else {
			b = strconv.AppendQuote(b, v)
		}
	}
	return append(b, '}')
}

// AnswersJSON is a record's answers as a JSON object, as stored.
func (r Record) AnswersJSON() []byte { return appendAnswers(nil, &r.Answers) }

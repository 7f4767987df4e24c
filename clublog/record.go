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
}

func (e *FieldError) Error() string { return e.Problem }

// Is makes errors.Is(err, ErrInvalid) true.
func (e *FieldError) Is(target error) bool { return target == ErrInvalid }

// ValidateAthlete checks an athlete's name or initials: required, at most
// MaxName characters, printable.
func ValidateAthlete(name string) error { return validateName("athlete", name, true) }

// ValidateTeam checks a team name: optional, at most MaxName characters,
// printable.
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
	for i, r := range []rune(s) {
		if unprintable(r) {
			return bad("has the control character %U at character %d; only printable characters and spaces are allowed", r, i+1)
		}
	}
	return nil
}

// unprintable reports control characters, line and paragraph separators,
// and the bidirectional overrides that can make a name display as another.
func unprintable(r rune) bool {
	return unicode.IsControl(r) || r == '\u2028' || r == '\u2029' ||
		(r >= '\u202A' && r <= '\u202E') || (r >= '\u2066' && r <= '\u2069')
}

// Printable returns s with the characters ValidateAthlete refuses replaced
// by U+FFFD, for showing a name from a log that another program wrote:
// such a name cannot then drive the terminal.
func Printable(s string) string {
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

package clublog

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"achilles/assessment"
	"achilles/clublog/names"
	q "achilles/questionnaire"
)

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
	// Assessment is the JSON assessment (docs/contract.md) as it was when saved.
	// It is nil for records saved before schema version 2, and in the
	// records of List.
	Assessment []byte
	// Practice marks a record saved from a course case (achilles demo,
	// log add --case): shown as such, and left out of exports unless
	// asked for.
	Practice bool
	// Deleted is when the record was deleted, in UTC; zero while it is not.
	// A deleted record can be restored until the log is purged.
	Deleted time.Time
	// FollowUps is the record's history after the first assessment,
	// oldest first. Records read from the log have it; it is not saved
	// by Add (AddFollowUp adds to it).
	FollowUps []FollowUp
}

// Latest is the record's latest follow-up, or nil when it has none.
func (r *Record) Latest() *FollowUp {
	if len(r.FollowUps) == 0 {
		return nil
	}
	return &r.FollowUps[len(r.FollowUps)-1]
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
// wrong with it. It matches ErrInvalid with errors.Is. A name that breaks
// the name rule (package names) gives one too, with its *names.Error
// behind it (errors.As finds that).
type FieldError struct {
	Field   string // "athlete", "team", "side", …
	Problem string // a sentence: what was wrong and what is allowed
	// Char is the character a name may not hold, when that is what is
	// wrong (names.Refuses), else 0.
	Char rune
	// Reason and Limit say why a follow-up's date is refused: DateFuture
	// or DateBeforeRecord, and the time it may not pass; else "" and zero.
	Reason string
	Limit  time.Time
	name   *names.Error
}

func (e *FieldError) Error() string { return e.Problem }

// Is makes errors.Is(err, ErrInvalid) true.
func (e *FieldError) Is(target error) bool { return target == ErrInvalid }

// Unwrap is the name rule's own error, when that is what is wrong.
func (e *FieldError) Unwrap() error {
	if e.name == nil {
		return nil
	}
	return e.name
}

// invalidName makes a FieldError of the name rule's error.
func invalidName(err error) error {
	ne, ok := err.(*names.Error)
	if !ok {
		return err
	}
	return &FieldError{Field: ne.Field, Problem: ne.Error(), Char: ne.Char, name: ne}
}

// validate checks a record before it is saved.
func (r *Record) validate() error {
	if err := names.ValidateAthlete(r.Athlete); err != nil {
		return invalidName(err)
	}
	if err := names.ValidateTeam(r.Team); err != nil {
		return invalidName(err)
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
		if !utf8.ValidString(s) || strings.IndexFunc(s, names.Unprintable) >= 0 {
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

package clublog

import (
	"fmt"
	"math"
	"slices"
	"time"
	"unicode/utf8"

	"achilles/assessment"
	q "achilles/questionnaire"
)

// check finishes a record read from the log and checks what it holds: the
// creation time and the answers parse, the side, band and triage are IDs
// this program knows, the probability is one, the text is UTF-8 and the
// assessment, when there is one, is a JSON object. A page can be damaged
// in a way that SQLite's own check does not see, by bytes overwritten
// inside a record; this is where that shows. Anything wrong is ErrDamaged,
// naming the record.
func (r *Record) check(created, answers string, doc []byte) error {
	damaged := func(format string, args ...any) error {
		return fmt.Errorf("%w: record %d %s", ErrDamaged, r.ID, fmt.Sprintf(format, args...))
	}
	if err := r.parse(created, answers); err != nil {
		return err
	}
	for _, f := range [][2]string{{"athlete", r.Athlete}, {"team", r.Team}, {"lang", r.Lang}, {"model_version", r.ModelVersion}} {
		if !utf8.ValidString(f[1]) {
			return damaged("has a %s that is not UTF-8 text", f[0])
		}
	}
	switch {
	case r.Side != "" && !slices.Contains(q.Side.Info().Values, r.Side):
		return damaged("has the unknown side %q", r.Side)
	case !knownBand(r.Band):
		return damaged("has the unknown band %q", r.Band)
	case !knownTriage(r.Triage):
		return damaged("has the unknown triage %q", r.Triage)
	case math.IsNaN(r.Probability) || r.Probability < 0 || r.Probability > 1:
		return damaged("has the probability %v, not between 0 and 1", r.Probability)
	case len(doc) > 0 && (!utf8.Valid(doc) || !isJSONObject(doc)):
		return damaged("has an assessment that is not a JSON object")
	}
	return nil
}

// knownBand reports whether id is the ID of a band (CONTRACT.md).
func knownBand(id string) bool {
	for b := assessment.Unlikely; b <= assessment.VeryLikely; b++ {
		if b.ID() == id {
			return true
		}
	}
	return false
}

// knownTriage reports whether id is the ID of a triage level (CONTRACT.md).
func knownTriage(id string) bool {
	for t := assessment.SelfCare; t <= assessment.EmergencyAmbulance; t++ {
		if t.ID() == id {
			return true
		}
	}
	return false
}

// parse reads the record's creation time and answers from their stored
// text; a record that does not parse is damaged.
func (r *Record) parse(created, answers string) error {
	var err error
	if r.Created, err = time.Parse(timeLayout, created); err != nil {
		return fmt.Errorf("%w: record %d has a bad creation time %q", ErrDamaged, r.ID, created)
	}
	if r.Answers, err = q.ParseAnswers([]byte(answers)); err != nil {
		return fmt.Errorf("%w: record %d has bad answers: %v", ErrDamaged, r.ID, err)
	}
	return nil
}

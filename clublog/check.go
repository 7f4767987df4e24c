package clublog

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"achilles/assessment"
	"achilles/clublog/names"
	q "achilles/questionnaire"
)

// DamagedRecord is a record that holds what achilles never writes: bytes
// overwritten inside it, or a row another program wrote. It matches
// ErrDamaged with errors.Is. The rest of the log may be whole: deleting the
// record by its ID (Log.Delete) reads nothing of it.
type DamagedRecord struct {
	ID      int64
	Field   string // the column at fault: "athlete", "assessment", …
	Problem string // what is wrong, as it follows "record ID": "has …"
	// Char is the character achilles never saves that the field holds
	// (hazard), when that is what is wrong, else 0; Kind is its kind, as
	// names.Refuses words it ("text-direction character").
	Char rune
	Kind string
}

func (e *DamagedRecord) Error() string {
	return fmt.Sprintf("%v: record %d %s", ErrDamaged, e.ID, e.Problem)
}

// Is makes errors.Is(err, ErrDamaged) true.
func (e *DamagedRecord) Is(target error) bool { return target == ErrDamaged }

// damaged is the error of record r, with the problem in its field.
func (r *Record) damaged(field, format string, args ...any) error {
	return &DamagedRecord{ID: r.ID, Field: field, Problem: fmt.Sprintf(format, args...)}
}

// check finishes a record read from the log and checks what it holds: the
// creation time and the answers parse, the side, band and triage are IDs
// this program knows, the probability is one, the text is UTF-8 without
// characters that drive a terminal or turn the text around them (hazard),
// and the assessment, when there is one, is a JSON object. A page can be
// damaged in a way that SQLite's own check does not see, by bytes
// overwritten inside a record, and another program can write anything;
// this is where that shows. Anything wrong is a *DamagedRecord.
func (r *Record) check(created, answers string, doc []byte) error {
	if err := r.parse(created, answers); err != nil {
		return err
	}
	for _, f := range [][3]string{
		{"athlete", "an athlete name", r.Athlete}, {"team", "a team name", r.Team},
		{"lang", "a language", r.Lang}, {"model_version", "a model version", r.ModelVersion},
	} {
		if !utf8.ValidString(f[2]) {
			return r.damaged(f[0], "has %s that is not UTF-8 text", f[1])
		}
		if err := r.hazardIn(f[0], f[1], f[2]); err != nil {
			return err
		}
	}
	switch {
	case r.Side != "" && !slices.Contains(q.Side.Info().Values, r.Side):
		return r.damaged("side", "has the unknown side %q", r.Side)
	case !knownBand(r.Band):
		return r.damaged("band", "has the unknown band %q", r.Band)
	case !knownTriage(r.Triage):
		return r.damaged("triage", "has the unknown triage %q", r.Triage)
	case math.IsNaN(r.Probability) || r.Probability < 0 || r.Probability > 1:
		return r.damaged("probability", "has the probability %v, not between 0 and 1", r.Probability)
	case len(doc) > 0 && (!utf8.Valid(doc) || !isJSONObject(doc)):
		return r.damaged("assessment", "has an assessment that is not a JSON object")
	}
	return nil
}

// hazardIn is the error of a field of r whose text s (what, as "an
// athlete name") holds a hazard, naming the character; nil if it holds
// none.
func (r *Record) hazardIn(field, what, s string) error {
	i := strings.IndexFunc(s, hazard)
	if i < 0 {
		return nil
	}
	c, _ := utf8.DecodeRuneInString(s[i:])
	kind := names.Refuses(-1, c)
	return &DamagedRecord{ID: r.ID, Field: field, Char: c, Kind: kind,
		Problem: fmt.Sprintf("has %s with the %s %U, which achilles never saves", what, kind, c)}
}

// hazard reports the characters that make a stored name, language or
// model damage when read: those that drive a terminal (controls), break a
// line, or override the direction of the text around them. No version of
// achilles has saved them. The other characters the name rule refuses
// (names.Refuses) were taken by earlier versions: such a name still reads, and
// every output shows them escaped.
func hazard(r rune) bool {
	return unicode.IsControl(r) || r == '\u2028' || r == '\u2029' ||
		(r >= '\u202A' && r <= '\u202E') || (r >= '\u2066' && r <= '\u2069')
}

// knownBand reports whether id is the ID of a band (docs/contract.md).
func knownBand(id string) bool {
	for b := assessment.Unlikely; b <= assessment.VeryLikely; b++ {
		if b.ID() == id {
			return true
		}
	}
	return false
}

// knownTriage reports whether id is the ID of a triage level (docs/contract.md).
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
		return r.damaged("created", "has a bad creation time %+q", created)
	}
	if r.Answers, err = q.ParseAnswers([]byte(answers)); err != nil {
		return r.damaged("answers", "has bad answers: %v", err)
	}
	return nil
}

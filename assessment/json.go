package assessment

import (
	"math"
	"strconv"
	"unicode/utf8"

	q "achilles/questionnaire"
)

// AppendJSON appends the report as one JSON object in the schema of
// docs/contract.md, without a trailing newline. It is written by hand rather
// than through encoding/json so that `assess --batch` stays fast; a test
// checks the output against the schema with encoding/json.
func (rep *Report) AppendJSON(b []byte) []byte {
	r := &rep.Result
	b = append(b, `{"schema_version":`...)
	b = strconv.AppendInt(b, SchemaVersion, 10)
	b = append(b, `,"model_version":`...)
	b = appendString(b, ModelVersion)
	b = append(b, `,"lang":`...)
	b = appendString(b, rep.Lang)
	b = append(b, `,"probability":`...)
	b = appendProbability(b, r.Probability)
	b = append(b, `,"range":{"low":`...)
	b = appendProbability(b, r.Low)
	b = append(b, `,"high":`...)
	b = appendProbability(b, r.High)
	b = append(b, `},"band":`...)
	b = appendString(b, r.Band.ID())
	b = append(b, `,"triage":`...)
	b = appendString(b, r.Triage.ID())
	b = append(b, `,"triage_reasons":[`...)
	n := 0
	for i, id := range reasonIDs {
		if r.Reasons.Has(Reason(1 << i)) {
			if n > 0 {
				b = append(b, ',')
			}
			b = appendString(b, id)
			n++
		}
	}
	b = append(b, `],"red_flags":[`...)
	n = 0
	for question := q.Q(0); question < q.Count; question++ {
		if question.Info().RedFlag && r.Answers.Is(question, "yes") {
			if n > 0 {
				b = append(b, ',')
			}
			b = appendString(b, question.ID())
			n++
		}
	}
	b = append(b, `],"aaos":{"positive":`...)
	b = strconv.AppendInt(b, int64(r.AAOS.Positive), 10)
	b = append(b, `,"assessed":`...)
	b = strconv.AppendInt(b, int64(r.AAOS.Assessed), 10)
	b = append(b, `,"met":`...)
	b = strconv.AppendBool(b, r.AAOS.Met)
	b = append(b, `},"clot_check":{"result":`...)
	b = appendString(b, r.Clot.Level.ID())
	b = append(b, `,"points":`...)
	b = strconv.AppendInt(b, int64(r.Clot.Points), 10)
	b = append(b, `,"findings":[`...)
	n = 0
	for f := ClotFinding(0); f < clotFindingCount; f++ {
		if r.Clot.Has(f) {
			if n > 0 {
				b = append(b, ',')
			}
			b = appendString(b, f.ID())
			n++
		}
	}
	b = append(b, `],"summary":`...)
	b = appendString(b, rep.ClotCheck.Summary)
	b = append(b, `,"reasons":`...)
	b = appendStrings(b, rep.ClotCheck.Findings)
	b = append(b, `},"trace":[`...)
	for i, s := range r.Trace() {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"question":`...)
		b = appendString(b, s.Question.ID())
		b = append(b, `,"answer":`...)
		if s.Question.Info().Kind == q.Number {
			b = append(b, s.Value...)
		} else {
			b = appendString(b, s.Value)
		}
		b = append(b, `,"likelihood_ratio":`...)
		b = appendSignificant(b, s.LR())
		b = append(b, `,"stated_likelihood_ratio":`...)
		b = appendSignificant(b, s.Stated())
		b = append(b, `,"weight":`...)
		b = appendRounded(b, s.Weight, 3)
		b = append(b, `,"effect":`...)
		if s.Raises() {
			b = appendString(b, "raises")
		} else {
			b = appendString(b, "lowers")
		}
		b = append(b, `,"basis":`...)
		b = appendString(b, s.Basis.String())
		b = append(b, `,"source":`...)
		b = appendString(b, s.Source)
		b = append(b, '}')
	}
	b = append(b, `],"alternatives":[`...)
	for i, alt := range rep.Alternatives {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"id":`...)
		b = appendString(b, alt.ID)
		b = append(b, `,"name":`...)
		b = appendString(b, alt.Name)
		b = append(b, `,"why":`...)
		b = appendString(b, alt.Why)
		b = append(b, '}')
	}
	b = append(b, `],"actions":{"headline":`...)
	b = appendString(b, rep.Actions.Headline)
	b = append(b, `,"now":`...)
	b = appendStrings(b, rep.Actions.Now)
	b = append(b, `,"where":`...)
	b = appendString(b, rep.Actions.Where)
	b = append(b, `,"tell_clinician":`...)
	b = appendStrings(b, rep.Actions.TellClinician)
	b = append(b, `,"after":`...)
	b = appendStrings(b, rep.Actions.After)
	b = append(b, `},"caveats":`...)
	b = appendStrings(b, rep.Caveats)
	b = append(b, `,"next":`...)
	b = rep.appendNextJSON(b)
	b = append(b, `,"answers":{`...)
	n = 0
	for question := q.Q(0); question < q.Count; question++ {
		v, ok := r.Answers.Value(question)
		if !ok {
			continue
		}
		if n > 0 {
			b = append(b, ',')
		}
		n++
		b = appendString(b, question.ID())
		b = append(b, ':')
		if question.Info().Kind == q.Number {
			b = append(b, v...)
		} else {
			b = appendString(b, v)
		}
	}
	b = append(b, "}}"...)
	return b
}

// AppendJSONString appends s as a JSON string.
func AppendJSONString(b []byte, s string) []byte { return appendString(b, s) }

func appendStrings(b []byte, ss []string) []byte {
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, s)
	}
	return append(b, ']')
}

// appendProbability appends a probability to three decimals, kept within
// 0.001–0.999: the model never knows anything for certain, and its output
// must not read as if it did.
// Near a band edge, a value that would round onto the edge is cut to four
// decimals instead, so that the number never contradicts the band.
func appendProbability(b []byte, p float64) []byte {
	p = min(0.999, max(0.001, p))
	if r := math.Round(p*1000) / 1000; BandOf(r) != BandOf(p) {
		return strconv.AppendFloat(b, math.Floor(p*10000)/10000, 'f', -1, 64)
	}
	return appendRounded(b, p, 3)
}

// appendRounded appends x rounded to the given number of decimals, in the
// shortest form that reads back as that value.
func appendRounded(b []byte, x float64, decimals int) []byte {
	p := math.Pow10(decimals)
	return strconv.AppendFloat(b, math.Round(x*p)/p, 'f', -1, 64)
}

// appendSignificant appends x with three significant digits.
func appendSignificant(b []byte, x float64) []byte {
	if x == 0 {
		return append(b, '0')
	}
	if a := math.Abs(x); a >= 0.001 && a < 999 {
		// In this range the shortest form of three significant digits
		// never takes an exponent, and strconv rounds it directly, which
		// is several times cheaper than the logarithm below.
		return strconv.AppendFloat(b, x, 'g', 3, 64)
	}
	d := 2 - int(math.Floor(math.Log10(math.Abs(x))))
	if d < 0 {
		d = 0
	}
	return appendRounded(b, x, d)
}

const hexDigits = "0123456789abcdef"

// jsonSafe marks the ASCII bytes that need no escaping in a JSON string.
// <, > and & are escaped, as encoding/json does, so that the output can be
// embedded in HTML unharmed.
var jsonSafe = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

// Word-at-a-time tests on eight bytes packed in a uint64.
const (
	lsb = 0x0101010101010101
	msb = 0x8080808080808080
)

// hasZero is non-zero when some byte of x is zero.
func hasZero(x uint64) uint64 { return (x - lsb) & ^x & msb }

// plain8 reports whether eight bytes are all ASCII that JSON copies as is:
// none is 0x80 or above, below 0x20, or one of " \\ < > &.
func plain8(x uint64) bool {
	return (x&msb)|
		((x-lsb*0x20)&^x&msb)|
		hasZero(x^(lsb*'"'))|
		hasZero(x^(lsb*'\\'))|
		hasZero(x^(lsb*'<'))|
		hasZero(x^(lsb*'>'))|
		hasZero(x^(lsb*'&')) == 0
}

// appendString appends s as a JSON string, escaping what JSON requires and
// replacing invalid UTF-8 with U+FFFD, as encoding/json does.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		// Skip eight plain bytes at a time: most of a report is plain text.
		if i+8 <= len(s) && plain8(uint64(s[i])|uint64(s[i+1])<<8|uint64(s[i+2])<<16|uint64(s[i+3])<<24|
			uint64(s[i+4])<<32|uint64(s[i+5])<<40|uint64(s[i+6])<<48|uint64(s[i+7])<<56) {
			i += 8
			continue
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if jsonSafe[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

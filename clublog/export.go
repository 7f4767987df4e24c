package clublog

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"achilles/clublog/names"
)

// CSVHeader returns the columns of WriteCSV's header row.
func CSVHeader() []string {
	return []string{"id", "created", "athlete", "team", "side", "probability", "band", "triage", "lang", "model_version", "answers"}
}

// Summary is what achilles log list --format json shows of a record: the
// fields a record's JSON (MarshalJSON) starts with.
type Summary struct {
	ID          int64   `json:"id"`
	Created     string  `json:"created"`
	Athlete     string  `json:"athlete"`
	Team        string  `json:"team"`
	Side        string  `json:"side"`
	Probability float64 `json:"probability"`
	Band        string  `json:"band"`
	Triage      string  `json:"triage"`
}

// Summary returns the record's Summary, for encoding/json.
func (r Record) Summary() Summary {
	return Summary{
		ID: r.ID, Created: r.Created.UTC().Format(timeLayout),
		Athlete: r.Athlete, Team: r.Team, Side: r.Side,
		Probability: r.Probability, Band: r.Band, Triage: r.Triage,
	}
}

// recordJSON is a record in JSON (docs/contract.md, achilles log show --format
// json); fields are never removed. The embedded Summary's fields come
// first, in its order.
type recordJSON struct {
	Summary
	Lang         string          `json:"lang"`
	ModelVersion string          `json:"model_version"`
	Answers      json.RawMessage `json:"answers"`
	// Assessment is the JSON assessment as saved, or null for a record
	// saved before the log kept it.
	Assessment json.RawMessage `json:"assessment"`
}

// MarshalJSON writes the record as one JSON object: its fields, its
// answers as an object, and its saved assessment (null when the record
// predates schema version 2).
func (r Record) MarshalJSON() ([]byte, error) {
	assessment := json.RawMessage("null")
	if r.Assessment != nil {
		assessment = r.Assessment
	}
	b, err := json.Marshal(recordJSON{
		Summary: r.Summary(), Lang: r.Lang, ModelVersion: r.ModelVersion,
		Answers: r.AnswersJSON(), Assessment: assessment,
	})
	if err != nil {
		return nil, err
	}
	return EscapeJSON(b), nil
}

// EscapeJSON returns the JSON text b with every character that the name
// rule refuses anywhere (controls from DEL up, C1 among them; bidi
// controls; line and paragraph separators; invisible and private-use
// characters) written as a \uXXXX escape, and any byte that is not UTF-8
// as \ufffd. encoding/json leaves DEL, C1, bidi controls and invisible
// characters as they are, and a saved assessment is copied as stored: a
// terminal showing the JSON could run a C1 control, and a bidi override
// could make a value read as another. Such characters can only be inside
// strings, where the escape means the same character, so the document's
// meaning is unchanged; the JSON's own spaces and line breaks are ASCII
// and left alone. b is returned as it is when there is nothing to escape.
func EscapeJSON(b []byte) []byte {
	var out []byte
	start := 0
	for i := 0; i < len(b); {
		if b[i] < 0x7F { // DEL, 0x7F, is escaped; lower controls are already
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		bad := r == utf8.RuneError && size == 1
		if !bad && !names.Unprintable(r) {
			i += size
			continue
		}
		if bad {
			r = utf8.RuneError
		}
		out = append(out, b[start:i]...)
		if r > 0xFFFF {
			hi, lo := utf16.EncodeRune(r)
			out = appendEscape(appendEscape(out, hi), lo)
		} else {
			out = appendEscape(out, r)
		}
		i += size
		start = i
	}
	if out == nil {
		return b
	}
	return append(out, b[start:]...)
}

// appendEscape appends \u and the four hex digits of the UTF-16 unit u.
func appendEscape(b []byte, u rune) []byte {
	const hex = "0123456789abcdef"
	return append(b, '\\', 'u', hex[u>>12&0xF], hex[u>>8&0xF], hex[u>>4&0xF], hex[u&0xF])
}

// WriteCSV writes every record, oldest first, as CSV with a header row
// (CSVHeader); the answers are one JSON object in the last column. Every
// record is checked before the first byte is written, so a damaged log
// (ErrDamaged) writes nothing; what is written is one snapshot of the log.
//
// An athlete or team name that a spreadsheet would take for a formula
// (CSVText) gets a leading single quote; the log and the JSON export keep
// the name as it is. CSV has no escapes: a character that the name rule
// refuses anywhere (Printable), which a log written by an earlier version
// or another program may hold, is written as U+FFFD, so that the CSV
// shown in a terminal cannot drive it; the JSON export keeps such a
// character, escaped.
func (l *Log) WriteCSV(ctx context.Context, w io.Writer) error {
	return l.checked(ctx, false, func(each func(func(Record) error) error) error {
		return writeCSV(w, each)
	})
}

// WriteEmptyCSV writes what WriteCSV writes for a log without records:
// the header row alone.
func WriteEmptyCSV(w io.Writer) error {
	return writeCSV(w, func(func(Record) error) error { return nil })
}

func writeCSV(w io.Writer, each func(func(Record) error) error) error {
	cw := csv.NewWriter(w)
	header := CSVHeader()
	if err := cw.Write(header); err != nil {
		return err
	}
	row := make([]string, len(header))
	err := each(func(r Record) error {
		row[0] = strconv.FormatInt(r.ID, 10)
		row[1] = r.Created.UTC().Format(timeLayout)
		row[2], row[3], row[4] = CSVText(r.Athlete), CSVText(r.Team), r.Side
		row[5] = strconv.FormatFloat(r.Probability, 'f', -1, 64)
		row[6], row[7], row[8], row[9] = r.Band, r.Triage, r.Lang, r.ModelVersion
		row[10] = string(EscapeJSON(r.AnswersJSON()))
		for i, cell := range row[2:10] {
			row[2+i] = names.Printable(cell)
		}
		return cw.Write(row)
	})
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// formulaStarts are the first characters that make spreadsheets read a
// cell as a formula (OWASP, "CSV Injection").
const formulaStarts = "=+-@\t\r"

// CSVText is a name as the CSV export writes it: one that starts with =,
// +, -, @, a tab or a carriage return gets a leading single quote, so that
// a spreadsheet shows it as text instead of running it as a formula.
func CSVText(s string) string {
	if s != "" && strings.IndexByte(formulaStarts, s[0]) >= 0 {
		return "'" + s
	}
	return s
}

// WriteJSON writes every record, oldest first, as one JSON array of the
// objects of Record.MarshalJSON, one a line. As with WriteCSV, every
// record is checked before the first byte is written.
func (l *Log) WriteJSON(ctx context.Context, w io.Writer) error {
	return l.checked(ctx, true, func(each func(func(Record) error) error) error {
		return writeJSON(w, each)
	})
}

// WriteEmptyJSON writes what WriteJSON writes for a log without records:
// an empty array.
func WriteEmptyJSON(w io.Writer) error {
	return writeJSON(w, func(func(Record) error) error { return nil })
}

func writeJSON(w io.Writer, each func(func(Record) error) error) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("[")
	n := 0
	err := each(func(r Record) error {
		b, err := r.MarshalJSON()
		if err != nil {
			return err
		}
		if n > 0 {
			bw.WriteString(",")
		}
		n++
		bw.WriteString("\n")
		_, err = bw.Write(b)
		return err
	})
	if err != nil {
		return err
	}
	if n > 0 {
		bw.WriteString("\n")
	}
	bw.WriteString("]\n")
	return bw.Flush()
}

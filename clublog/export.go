package clublog

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"strconv"
	"strings"
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

// recordJSON is a record in JSON (CONTRACT.md, achilles log show --format
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
	return json.Marshal(recordJSON{
		Summary: r.Summary(), Lang: r.Lang, ModelVersion: r.ModelVersion,
		Answers: r.AnswersJSON(), Assessment: assessment,
	})
}

// WriteCSV writes every record, oldest first, as CSV with a header row
// (CSVHeader); the answers are one JSON object in the last column. Every
// record is checked before the first byte is written, so a damaged log
// (ErrDamaged) writes nothing; what is written is one snapshot of the log.
//
// An athlete or team name that a spreadsheet would take for a formula
// (CSVText) gets a leading single quote; the log and the JSON export keep
// the name as it is.
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
		row[10] = string(r.AnswersJSON())
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

package clublog

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"achilles/clublog/names"
	q "achilles/questionnaire"
)

// CSVColumns are the columns of WriteCSV's header row that come before
// the answers: one a field of the record (docs/contract.md).
func CSVColumns() []string {
	return []string{"id", "created", "athlete", "team", "side", "probability", "band", "triage", "lang", "model_version", "answers",
		"created_local", "practice", "status", "status_date", "status_created", "diagnosis", "follow_ups"}
}

// CSVAnswerPrefix starts the name of the column that holds one answer,
// after CSVColumns: "answer_pop", in question order.
const CSVAnswerPrefix = "answer_"

// CSVHeader returns the columns of WriteCSV's header row: CSVColumns,
// then one column per question of the bank.
func CSVHeader() []string {
	h := CSVColumns()
	for question := q.Q(0); question < q.Count; question++ {
		h = append(h, CSVAnswerPrefix+question.ID())
	}
	return h
}

// ExportOptions say what an export holds and how.
type ExportOptions struct {
	// Filter chooses the records. Its zero value leaves out deleted and
	// practice records.
	Filter Filter
	// Location is the zone of the local times (created_local); nil is
	// time.Local.
	Location *time.Location
	// BOM starts a CSV with a UTF-8 byte-order mark, by which Excel knows
	// the file is UTF-8.
	BOM bool
}

func (o *ExportOptions) location() *time.Location {
	if o.Location == nil {
		return time.Local
	}
	return o.Location
}

// LocalTime is t in ISO 8601 with the offset of loc, as JSON and CSV give
// local times: 2026-03-14T17:30:00+08:00.
func LocalTime(t time.Time, loc *time.Location) string {
	return t.In(loc).Format(time.RFC3339)
}

// LocalDate is when the follow-up happened as JSON and CSV give it: in
// ISO 8601, the day alone (2026-03-14) when only the day was given, else
// LocalTime.
func (f *FollowUp) LocalDate(loc *time.Location) string {
	if f.DateOnly {
		return f.when().In(loc).Format("2006-01-02")
	}
	return LocalTime(f.when(), loc)
}

// When is when the follow-up happened: its Date, or Created when none was
// given.
func (f *FollowUp) When() time.Time { return f.when() }

// Summary is what achilles log list --format json shows of a record: the
// fields a record's JSON starts with.
type Summary struct {
	ID          int64   `json:"id"`
	Created     string  `json:"created"`
	Athlete     string  `json:"athlete"`
	Team        string  `json:"team"`
	Side        string  `json:"side"`
	Probability float64 `json:"probability"`
	Band        string  `json:"band"`
	Triage      string  `json:"triage"`
	// CreatedLocal is Created in the local zone, with its offset.
	CreatedLocal string `json:"created_local"`
	Practice     bool   `json:"practice"`
	// Status is the latest follow-up's status, or "" when there is none.
	Status string `json:"status"`
}

// Summary returns the record's Summary, for encoding/json, with local
// times in loc.
func (r Record) Summary(loc *time.Location) Summary {
	status := ""
	if f := r.Latest(); f != nil {
		status = f.Status
	}
	return Summary{
		ID: r.ID, Created: r.Created.UTC().Format(timeLayout),
		Athlete: r.Athlete, Team: r.Team, Side: r.Side,
		Probability: r.Probability, Band: r.Band, Triage: r.Triage,
		CreatedLocal: LocalTime(r.Created, loc), Practice: r.Practice, Status: status,
	}
}

// followUpJSON is a follow-up in a record's JSON.
type followUpJSON struct {
	Created      string `json:"created"`
	CreatedLocal string `json:"created_local"`
	Status       string `json:"status"`
	Note         string `json:"note"`
	Diagnosis    string `json:"diagnosis"`
	Date         string `json:"date"`
	DateLocal    string `json:"date_local"`
	DateOnly     bool   `json:"date_only"`
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
	FollowUps  []followUpJSON  `json:"follow_ups"`
}

// MarshalJSON is JSON with local times in time.Local.
func (r Record) MarshalJSON() ([]byte, error) { return r.JSON(time.Local) }

// JSON writes the record as one JSON object: its fields, its answers as
// an object, its saved assessment (null when the record predates schema
// version 2) and its follow-ups, oldest first; local times are in loc.
func (r Record) JSON(loc *time.Location) ([]byte, error) {
	assessment := json.RawMessage("null")
	if r.Assessment != nil {
		assessment = r.Assessment
	}
	fus := make([]followUpJSON, len(r.FollowUps))
	for i, f := range r.FollowUps {
		fus[i] = followUpJSON{Created: f.Created.UTC().Format(timeLayout), CreatedLocal: LocalTime(f.Created, loc),
			Status: f.Status, Note: f.Note, Diagnosis: f.Diagnosis,
			Date: f.when().UTC().Format(timeLayout), DateLocal: f.LocalDate(loc), DateOnly: f.DateOnly}
	}
	b, err := json.Marshal(recordJSON{
		Summary: r.Summary(loc), Lang: r.Lang, ModelVersion: r.ModelVersion,
		Answers: r.AnswersJSON(), Assessment: assessment, FollowUps: fus,
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

// WriteCSV writes the records opts chooses, oldest first, as CSV with a
// header row (CSVHeader), and returns how many it wrote: the answers as
// one JSON object, then the latest follow-up, then each answer in a
// column of its own (its value's ID; empty when not answered). Every
// record is checked before the first byte is written, so a damaged log
// (ErrDamaged) writes nothing; what is written is one snapshot of the log.
//
// An athlete or team name, note or diagnosis that a spreadsheet would
// take for a formula (CSVText) gets a leading single quote; the log and
// the JSON export keep the text as it is. CSV has no escapes: a character
// that the name rule refuses anywhere (Printable), which a log written by
// an earlier version or another program may hold, is written as U+FFFD,
// so that the CSV shown in a terminal cannot drive it; the JSON export
// keeps such a character, escaped.
func (l *Log) WriteCSV(ctx context.Context, w io.Writer, opts ExportOptions) (int, error) {
	n := 0
	err := l.checked(ctx, &opts.Filter, false, func(each func(func(Record) error) error) error {
		var err error
		n, err = writeCSV(w, &opts, each)
		return err
	})
	return n, err
}

// WriteEmptyCSV writes what WriteCSV writes for a log without records:
// the header row alone.
func WriteEmptyCSV(w io.Writer, opts ExportOptions) error {
	_, err := writeCSV(w, &opts, func(func(Record) error) error { return nil })
	return err
}

func writeCSV(w io.Writer, opts *ExportOptions, each func(func(Record) error) error) (int, error) {
	if opts.BOM {
		if _, err := io.WriteString(w, "\uFEFF"); err != nil {
			return 0, err
		}
	}
	cw := csv.NewWriter(w)
	header := CSVHeader()
	if err := cw.Write(header); err != nil {
		return 0, err
	}
	loc := opts.location()
	row := make([]string, len(header))
	fixed := len(CSVColumns())
	n := 0
	err := each(func(r Record) error {
		row[0] = strconv.FormatInt(r.ID, 10)
		row[1] = r.Created.UTC().Format(timeLayout)
		// Every text cell a spreadsheet could take for a formula goes
		// through CSVText, the IDs too: a log written by another program
		// may hold anything in them.
		row[2], row[3], row[4] = CSVText(r.Athlete), CSVText(r.Team), CSVText(r.Side)
		row[5] = strconv.FormatFloat(r.Probability, 'f', -1, 64)
		row[6], row[7], row[8], row[9] = CSVText(r.Band), CSVText(r.Triage), CSVText(r.Lang), CSVText(r.ModelVersion)
		row[10] = string(EscapeJSON(r.AnswersJSON()))
		row[11], row[12] = LocalTime(r.Created, loc), strconv.FormatBool(r.Practice)
		row[13], row[14], row[15], row[16] = "", "", "", ""
		if f := r.Latest(); f != nil {
			row[13], row[14], row[15], row[16] = f.Status, f.LocalDate(loc), LocalTime(f.Created, loc), CSVText(lastDiagnosis(&r))
		}
		row[17] = strconv.Itoa(len(r.FollowUps))
		for i, cell := range row[2:10] {
			row[2+i] = names.Printable(cell)
		}
		row[16] = names.Printable(row[16])
		for question := q.Q(0); question < q.Count; question++ {
			v, _ := r.Answers.Value(question)
			row[fixed+int(question)] = v
		}
		n++
		return cw.Write(row)
	})
	if err != nil {
		return 0, err
	}
	cw.Flush()
	return n, cw.Error()
}

// lastDiagnosis is the latest diagnosis a follow-up of r gave, or "".
func lastDiagnosis(r *Record) string {
	for i := len(r.FollowUps) - 1; i >= 0; i-- {
		if d := r.FollowUps[i].Diagnosis; d != "" {
			return d
		}
	}
	return ""
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

// WriteJSON writes the records opts chooses, oldest first, as one JSON
// array of the objects of Record.JSON, one a line, and returns how many it
// wrote. As with WriteCSV, every record is checked before the first byte
// is written.
func (l *Log) WriteJSON(ctx context.Context, w io.Writer, opts ExportOptions) (int, error) {
	n := 0
	err := l.checked(ctx, &opts.Filter, true, func(each func(func(Record) error) error) error {
		var err error
		n, err = writeJSON(w, opts.location(), each)
		return err
	})
	return n, err
}

// WriteEmptyJSON writes what WriteJSON writes for a log without records:
// an empty array.
func WriteEmptyJSON(w io.Writer) error {
	_, err := writeJSON(w, time.UTC, func(func(Record) error) error { return nil })
	return err
}

func writeJSON(w io.Writer, loc *time.Location, each func(func(Record) error) error) (int, error) {
	bw := bufio.NewWriter(w)
	bw.WriteString("[")
	n := 0
	err := each(func(r Record) error {
		b, err := r.JSON(loc)
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
		return 0, err
	}
	if n > 0 {
		bw.WriteString("\n")
	}
	bw.WriteString("]\n")
	return n, bw.Flush()
}

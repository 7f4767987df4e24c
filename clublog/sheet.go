package clublog

import (
	"context"
	"io"
	"strconv"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/xuri/excelize/v2"

	"achilles/assessment"
	"achilles/catalog"
	"achilles/clublog/names"
	q "achilles/questionnaire"
)

// Column widths of the spreadsheet, in characters: a column is as wide as
// its widest cell, within these bounds.
const (
	minWidth  = 6
	maxWidth  = 60
	dateWidth = 17 // yyyy-mm-dd hh:mm
)

// dateFormat is how the spreadsheet shows a local date and time, and
// dayFormat a day alone (a follow-up dated by its day).
const (
	dateFormat = "yyyy-mm-dd hh:mm"
	dayFormat  = "yyyy-mm-dd"
)

// day is a cell of a day alone: the start of that day, local.
type day time.Time

// sheetDate is the cell of when a follow-up happened.
func sheetDate(f *FollowUp, loc *time.Location) any {
	if f.DateOnly {
		return day(f.when().In(loc))
	}
	return f.when().In(loc)
}

// WriteXLSX writes the records opts chooses, oldest first, as an Excel
// workbook for people, in the language of cat, and returns how many it
// wrote. The first sheet has one row per record: the local date and time
// (a date cell; the heading names the zone), the athlete, team, side,
// estimate, band and urgency in words, the AAOS count, the latest
// follow-up, and each answer in words in a column of its own. The second
// sheet has every follow-up, one a row. Headings are frozen and columns
// sized to their contents. Names are text cells, never formulas, so
// "=1+1" shows as written. As with WriteCSV, every record is checked
// before anything is written.
func (l *Log) WriteXLSX(ctx context.Context, w io.Writer, cat *catalog.Catalog, opts ExportOptions) (int, error) {
	n := 0
	err := l.checked(ctx, &opts.Filter, false, func(each func(func(Record) error) error) error {
		var err error
		n, err = writeXLSX(w, cat, &opts, each)
		return err
	})
	return n, err
}

// WriteEmptyXLSX writes what WriteXLSX writes for a log without records:
// the headings alone.
func WriteEmptyXLSX(w io.Writer, cat *catalog.Catalog, opts ExportOptions) error {
	_, err := writeXLSX(w, cat, &opts, func(func(Record) error) error { return nil })
	return err
}

// sheet is the rows of one sheet, built before it is written, since a
// streamed sheet needs its column widths first.
type sheet struct {
	rows   [][]any
	widths []int
}

func newSheet(header []string) *sheet {
	s := &sheet{widths: make([]int, len(header))}
	s.add(toAny(header))
	return s
}

func toAny(cells []string) []any {
	out := make([]any, len(cells))
	for i, c := range cells {
		out[i] = c
	}
	return out
}

// add appends a row, widening its columns to fit.
func (s *sheet) add(row []any) {
	for i, c := range row {
		w := dateWidth
		switch c := c.(type) {
		case string:
			w = ansi.StringWidth(c)
		case int, int64:
			w = len(strconv.FormatInt(toInt64(c), 10))
		case float64:
			w = 5
		case nil:
			w = 0
		}
		s.widths[i] = max(s.widths[i], w)
	}
	s.rows = append(s.rows, row)
}

func toInt64(c any) int64 {
	if i, ok := c.(int); ok {
		return int64(i)
	}
	return c.(int64)
}

// write streams the sheet into f under name, with its header frozen and
// its dates (columns of time.Time, or of day), and percentages (float64)
// styled.
func (s *sheet) write(f *excelize.File, name string, st styles) error {
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	for i, w := range s.widths {
		width := float64(min(max(w+2, minWidth), maxWidth))
		if err := sw.SetColWidth(i+1, i+1, width); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	cells := make([]any, len(s.widths))
	for r, row := range s.rows {
		for i, c := range row {
			switch {
			case r == 0:
				cells[i] = excelize.Cell{StyleID: st.head, Value: c}
			default:
				switch c := c.(type) {
				case time.Time:
					cells[i] = excelize.Cell{StyleID: st.date, Value: c}
				case day:
					cells[i] = excelize.Cell{StyleID: st.day, Value: time.Time(c)}
				case float64:
					cells[i] = excelize.Cell{StyleID: st.percent, Value: c}
				default:
					cells[i] = c
				}
			}
		}
		cell, err := excelize.CoordinatesToCellName(1, r+1)
		if err != nil {
			return err
		}
		if err := sw.SetRow(cell, cells); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// styles are the IDs of a workbook's cell styles.
type styles struct{ date, day, percent, head int }

func writeXLSX(w io.Writer, cat *catalog.Catalog, opts *ExportOptions, each func(func(Record) error) error) (int, error) {
	loc := opts.location()
	zone, _ := time.Now().In(loc).Zone()
	word := func(key, id string) string {
		if key != "" && cat.Has(key) {
			return cat.T(key)
		}
		return id
	}
	header := []string{
		cat.T("clublog.sheet.id"), cat.F("clublog.sheet.saved", "zone", zone), cat.T("clublog.sheet.athlete"),
		cat.T("clublog.sheet.team"), cat.T("clublog.sheet.side"), cat.T("clublog.sheet.estimate"), cat.T("clublog.sheet.band"),
		cat.T("clublog.sheet.urgency"), cat.T("clublog.sheet.aaos"), cat.T("clublog.sheet.status"),
		cat.F("clublog.sheet.status_date", "zone", zone), cat.T("clublog.sheet.diagnosis"), cat.T("clublog.sheet.practice"),
	}
	for question := q.Q(0); question < q.Count; question++ {
		header = append(header, word(question.LabelKey(), question.ID()))
	}
	records := newSheet(header)
	follow := newSheet([]string{
		cat.T("clublog.sheet.id"), cat.T("clublog.sheet.athlete"), cat.F("clublog.sheet.follow_up_date", "zone", zone),
		cat.T("clublog.sheet.status"), cat.T("clublog.sheet.diagnosis"), cat.T("clublog.sheet.note"),
		cat.F("clublog.sheet.follow_up_saved", "zone", zone),
	})
	n := 0
	err := each(func(r Record) error {
		n++
		side := any(nil)
		if r.Side != "" {
			side = word(q.Side.ValueKey(r.Side), r.Side)
		}
		aaos := assessment.Assess(r.Answers).AAOS
		row := []any{
			r.ID, r.Created.In(loc), names.Printable(r.Athlete), names.Printable(r.Team), side, r.Probability,
			word(assessment.BandKeyOf(r.Band), r.Band), word(assessment.ShortKeyOf(r.Triage), r.Triage),
			cat.F("clublog.sheet.aaos_value", "positive", strconv.Itoa(aaos.Positive), "assessed", strconv.Itoa(aaos.Assessed)),
			nil, nil, names.Printable(lastDiagnosis(&r)), nil,
		}
		if f := r.Latest(); f != nil {
			row[9], row[10] = word("clublog.status."+f.Status, f.Status), sheetDate(f, loc)
		}
		if r.Practice {
			row[12] = cat.T("clublog.sheet.practice_yes")
		}
		for question := q.Q(0); question < q.Count; question++ {
			v, ok := r.Answers.Value(question)
			switch {
			case !ok:
				row = append(row, nil)
			case question.Info().Kind == q.Number:
				i, _ := strconv.Atoi(v)
				row = append(row, i)
			default:
				row = append(row, word(question.ValueKey(v), v))
			}
		}
		records.add(row)
		for _, f := range r.FollowUps {
			follow.add([]any{r.ID, names.Printable(r.Athlete), sheetDate(&f, loc), word("clublog.status."+f.Status, f.Status),
				names.Printable(f.Diagnosis), names.Printable(f.Note), f.Created.In(loc)})
		}
		return nil
	})
	if err != nil {
		return 0, err
	}

	f := excelize.NewFile()
	defer f.Close()
	first, second := sheetName(cat.T("clublog.sheet.records")), sheetName(cat.T("clublog.sheet.follow_ups"))
	if err := f.SetSheetName("Sheet1", first); err != nil {
		return 0, err
	}
	if _, err := f.NewSheet(second); err != nil {
		return 0, err
	}
	var st styles
	for _, s := range []struct {
		id    *int
		style excelize.Style
	}{
		{&st.date, excelize.Style{CustomNumFmt: ptr(dateFormat)}},
		{&st.day, excelize.Style{CustomNumFmt: ptr(dayFormat)}},
		{&st.percent, excelize.Style{NumFmt: 9}}, // 0%
		{&st.head, excelize.Style{Font: &excelize.Font{Bold: true}}},
	} {
		if *s.id, err = f.NewStyle(&s.style); err != nil {
			return 0, err
		}
	}
	if err := records.write(f, first, st); err != nil {
		return 0, err
	}
	if err := follow.write(f, second, st); err != nil {
		return 0, err
	}
	if err := f.Write(w); err != nil {
		return 0, err
	}
	return n, nil
}

func ptr[T any](v T) *T { return &v }

// sheetName makes a sheet's name of a heading: Excel allows 31
// characters, none of : \ / ? * [ ].
func sheetName(s string) string {
	out := []rune{}
	for _, r := range s {
		switch r {
		case ':', '\\', '/', '?', '*', '[', ']':
			continue
		}
		out = append(out, r)
	}
	if len(out) > 31 {
		out = out[:31]
	}
	return string(out)
}

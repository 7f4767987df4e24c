package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"achilles/assessment"
	"achilles/cases"
	"achilles/catalog"
	"achilles/clublog"
	q "achilles/questionnaire"
	"achilles/region"
)

// contractFile is the contract as the repository documents it.
const contractFile = "docs/contract.md"

// TestContractDocumented checks docs/contract.md against the code, both
// ways: every question ID and value, alternative, band, triage level,
// triage reason, clot check result and finding, course case, field of the
// JSON of `assess --format json` and of a club log record, and CSV column
// the code has is in a table of the contract, and every one the contract
// lists is in the code. The contract only grows; this test makes sure it
// grows with the code, in the same commit.
//
// The contract's tables are found by their first header cell (the kind of
// ID: "question", "band", …), and each row names its ID as the one code span
// of its first cell.
func TestContractDocumented(t *testing.T) {
	tables := contractTables(t)

	var questionIDs []string
	for _, question := range q.All() {
		questionIDs = append(questionIDs, question.ID())
	}
	rows := compareIDs(t, tables, "question", "questionnaire's bank", questionIDs, true)
	for _, question := range q.All() {
		row, ok := rows[question.ID()]
		if !ok {
			continue // reported above
		}
		checkValues(t, question.Info(), row)
	}

	compareIDs(t, tables, "alternative", "assessment.AlternativeIDs", assessment.AlternativeIDs(), true)
	var bands, levels, clotResults []string
	for b := assessment.Unlikely; b <= assessment.VeryLikely; b++ {
		bands = append(bands, b.ID())
	}
	for l := assessment.SelfCare; l <= assessment.EmergencyAmbulance; l++ {
		levels = append(levels, l.ID())
	}
	for c := assessment.ClotNoSigns; c <= assessment.ClotLikely; c++ {
		clotResults = append(clotResults, c.ID())
	}
	compareIDs(t, tables, "band", "assessment's Band.ID", bands, true)
	compareIDs(t, tables, "triage level", "assessment's Triage.ID", levels, true)
	compareIDs(t, tables, "triage reason", "assessment.AllReasons", assessment.AllReasons.IDs(), true)
	compareIDs(t, tables, "clot check result", "assessment's ClotLevel.ID", clotResults, true)
	compareIDs(t, tables, "clot finding", "assessment.ClotFindingIDs", assessment.ClotFindingIDs(), true)
	compareIDs(t, tables, "case", "cases.IDs", cases.IDs(), true)
	compareIDs(t, tables, "csv column", "clublog.CSVColumns", clublog.CSVColumns(), true)
	compareIDs(t, tables, "follow-up status", "clublog.FollowUpStatuses", clublog.FollowUpStatuses(), true)
	// After the documented columns, one per question, as the contract says.
	header := clublog.CSVHeader()
	fixed := len(clublog.CSVColumns())
	for i, question := range q.All() {
		if want := clublog.CSVAnswerPrefix + question.ID(); fixed+i >= len(header) || header[fixed+i] != want {
			t.Errorf("CSV column %d is not %q, as %s says (one answer_ column per question, in question order)", fixed+i+1, want, contractFile)
		}
	}
	if len(header) != fixed+len(q.All()) {
		t.Errorf("the CSV has %d columns, want %d documented and one per question", len(header), fixed)
	}
	compareIDs(t, tables, "topic", "assessment's CareTopic.ID", assessment.CareTopicIDs(), true)
	figures := compareIDs(t, tables, "figure", "assessment.Figures", assessment.FigureIDs(), true)
	for _, f := range assessment.Figures {
		if row, ok := figures[f.ID]; ok && (len(row) < 3 || !slices.Contains(codeSpans(row[1]), f.Unit) || row[2] != f.Source) {
			t.Errorf("%s: figure %q is %s from %q in the code (assessment.Figures), but its row says %q", contractFile, f.ID, f.Unit, f.Source, row)
		}
	}
	compareIDs(t, tables, "regulation", "assessment.Regulation", assessment.RegulationIDs(), true)
	compareIDs(t, tables, "region fact", "region.Facts", region.FactIDs(), false)

	fields, records := jsonFields(t)
	compareIDs(t, tables, "field", "the JSON of assess --format json", fields, false)
	compareIDs(t, tables, "record field", "the JSON of a club log record", records, true)
}

// checkValues checks one question's row: a choice question's values are
// the code spans of its second cell, in any order; a number question's
// second cell has no code span and gives its range as "min–max".
func checkValues(t *testing.T, info *q.Question, row []string) {
	t.Helper()
	if len(row) < 2 {
		t.Errorf("%s: question %q: its row has no values column", contractFile, info.ID)
		return
	}
	documented := codeSpans(row[1])
	if info.Kind == q.Number {
		if want := fmt.Sprintf("%d–%d", info.Min, info.Max); len(documented) > 0 || !strings.Contains(row[1], want) {
			t.Errorf("%s: question %q is a whole number from %d to %d in the code (questionnaire's bank), but its row says %q: want \"whole number %s\"",
				contractFile, info.ID, info.Min, info.Max, row[1], want)
		}
		return
	}
	for _, v := range info.Values {
		if !slices.Contains(documented, v) {
			t.Errorf("%s: question %q: value %q is in the code (questionnaire's bank) but not in its row of the \"question\" table",
				contractFile, info.ID, v)
		}
	}
	for _, v := range documented {
		if !slices.Contains(info.Values, v) {
			t.Errorf("%s: question %q: value %q is in its row of the \"question\" table but not in the code (questionnaire's bank)",
				contractFile, info.ID, v)
		}
	}
}

// compareIDs checks that the table of the given kind lists exactly the
// code's IDs, each once, and in the code's order when ordered is set. It
// returns the table's rows by ID.
func compareIDs(t *testing.T, tables map[string][][]string, kind, from string, code []string, ordered bool) map[string][]string {
	t.Helper()
	table, ok := tables[kind]
	if !ok {
		t.Errorf("%s has no table whose first header cell is %q; it should list %s: %s",
			contractFile, kind, from, strings.Join(code, ", "))
		return nil
	}
	rows := make(map[string][]string, len(table))
	var documented []string
	for _, row := range table {
		spans := codeSpans(row[0])
		if len(spans) != 1 {
			t.Errorf("%s: a row of the %q table must name one ID in backticks in its first cell, not %q",
				contractFile, kind, row[0])
			continue
		}
		id := spans[0]
		if _, dup := rows[id]; dup {
			t.Errorf("%s: %s %q is listed twice in the %q table", contractFile, kind, id, kind)
			continue
		}
		rows[id] = row
		documented = append(documented, id)
	}
	missing := false
	for _, id := range code {
		if _, ok := rows[id]; !ok {
			t.Errorf("%s %q is in the code (%s) but not in %s's %q table", kind, id, from, contractFile, kind)
			missing = true
		}
	}
	for _, id := range documented {
		if !slices.Contains(code, id) {
			t.Errorf("%s %q is in %s's %q table but not in the code (%s)", kind, id, contractFile, kind, from)
			missing = true
		}
	}
	if ordered && !missing && !slices.Equal(code, documented) {
		t.Errorf("%s: the %q table is not in the code's order (%s):\n got  %s\n want %s",
			contractFile, kind, from, strings.Join(documented, ", "), strings.Join(code, ", "))
	}
	return rows
}

// codeSpanRE matches a Markdown code span of one backtick.
var codeSpanRE = regexp.MustCompile("`([^`]*)`")

// codeSpans returns the contents of the code spans of a table cell.
func codeSpans(cell string) []string {
	var spans []string
	for _, m := range codeSpanRE.FindAllStringSubmatch(cell, -1) {
		spans = append(spans, m[1])
	}
	return spans
}

// contractTables reads the Markdown tables of docs/contract.md, keyed by
// their first header cell in lower case, as rows of cells. An escaped pipe
// (\|) stays inside its cell.
func contractTables(t *testing.T) map[string][][]string {
	t.Helper()
	data, err := os.ReadFile(contractFile)
	if err != nil {
		t.Fatalf("the contract must be in the repository: %v", err)
	}
	var lines []string
	for s := bufio.NewScanner(bytes.NewReader(data)); s.Scan(); {
		lines = append(lines, strings.TrimSpace(s.Text()))
	}
	separator := regexp.MustCompile(`^\|(\s*:?-+:?\s*\|)+$`)
	tables := map[string][][]string{}
	for i := 0; i+1 < len(lines); i++ {
		if !strings.HasPrefix(lines[i], "|") || !separator.MatchString(lines[i+1]) {
			continue
		}
		kind := strings.ToLower(tableCells(lines[i])[0])
		if _, dup := tables[kind]; dup {
			t.Fatalf("%s has two tables whose first header cell is %q; the test cannot tell which lists the IDs", contractFile, kind)
		}
		var rows [][]string
		for i += 2; i < len(lines) && strings.HasPrefix(lines[i], "|"); i++ {
			rows = append(rows, tableCells(lines[i]))
		}
		tables[kind] = rows
	}
	return tables
}

// tableCells splits a Markdown table row into its trimmed cells.
func tableCells(line string) []string {
	line = strings.TrimSuffix(strings.TrimPrefix(line, "|"), "|")
	line = strings.ReplaceAll(line, `\|`, "\x00")
	var cells []string
	for _, c := range strings.Split(line, "|") {
		cells = append(cells, strings.TrimSpace(strings.ReplaceAll(c, "\x00", "|")))
	}
	return cells
}

// fieldStories are answers documents that between them make every field
// of the JSON appear: none at all; a classic rupture with an age (a number
// in the trace) and a positive test; a clot with chest symptoms and a red
// flag; a heel bump with a quinolone.
var fieldStories = []string{
	`{}`,
	`{"answerer": "other", "onset": "sudden", "mechanism": "push_off", "pop": "yes", "pain_site": "achilles",
	  "tiptoe": "cannot", "thompson": "positive", "matles": "positive", "age": 41, "side": "left"}`,
	`{"chest_symptoms": "yes", "calf_swelling_warm": "yes", "pain_site": "calf", "calf_bigger": "yes",
	  "long_journey": "yes", "time_since": "1_14d"}`,
	`{"onset": "gradual", "pain_site": "heel", "heel_bump": "yes", "fluoroquinolone": "yes", "time_since": "gt_4w"}`,
}

// jsonFields returns the fields of real JSON assessments of fieldStories,
// as paths (`range.low`, `trace[].weight`), and the fields of a club log
// record made from them, in the order written. The keys of `answers` are question IDs,
// checked as such, so answers is not walked.
func jsonFields(t *testing.T) (fields, records []string) {
	t.Helper()
	cat := catalog.MustLoad("en")
	seen := map[string]bool{}
	for _, story := range fieldStories {
		a, err := q.ParseAnswers([]byte(story))
		if err != nil {
			t.Fatalf("answers %s: %v", story, err)
		}
		// A region with facts of its own, so that they are written.
		rep := assessment.NewReport(assessment.Assess(a), cat, assessment.Options{Region: "HK"})
		buf := rep.AppendJSON(nil)
		var doc any
		if err := json.Unmarshal(buf, &doc); err != nil {
			t.Fatalf("the JSON of %s does not parse: %v\n%s", story, err, buf)
		}
		walkJSON("", doc, seen)

		b, err := clublog.NewRecord(&rep, "A. B.", "U16", time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)).MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		records = objectKeys(t, b)
	}
	return sortedKeys(seen), records
}

// walkJSON adds the path of every field below v to seen: name.child for an
// object's field, name[].child for the fields of an array's objects.
func walkJSON(path string, v any, seen map[string]bool) {
	switch v := v.(type) {
	case map[string]any:
		for k, child := range v {
			p := k
			if path != "" {
				p = path + "." + k
			}
			seen[p] = true
			// The keys of answers and of next.figures are IDs, checked
			// as such.
			if p != "answers" && p != "next.figures" {
				walkJSON(p, child, seen)
			}
		}
	case []any:
		for _, child := range v {
			walkJSON(path+"[]", child, seen)
		}
	}
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// objectKeys returns the keys of a JSON object in the order written.
func objectKeys(t *testing.T, b []byte) []string {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		t.Fatalf("not a JSON object: %s", b)
	}
	var keys []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			t.Fatalf("%v in %s", err, b)
		}
		keys = append(keys, tok.(string))
		var value json.RawMessage
		if err := dec.Decode(&value); err != nil {
			t.Fatalf("%v in %s", err, b)
		}
	}
	return keys
}

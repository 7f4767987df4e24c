package clublog

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"achilles/clublog/names"
)

// TestExportQuoting: names with commas, quotes and semicolons, written by
// another program, come back whole from the CSV and JSON exports. (A line
// break in a name is a damaged record when read: no achilles saves one.)
func TestExportQuoting(t *testing.T) {
	ctx := context.Background()
	l, _ := openLog(t)
	r := record(t, "classic", "x", "y", t0)
	names := [][2]string{{`Jo "JJ", O'Neil`, "Vets, B"}, {"a;b 'c'", "中文, 跟腱"}, {"=1+2", `"`}}
	for _, n := range names {
		_, err := l.db.Exec(`INSERT INTO records (created, athlete, team, side, band, triage, probability, answers, lang, model_version, assessment)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, r.Created.Format(timeLayout), n[0], n[1], r.Side, r.Band, r.Triage,
			r.Probability, string(r.AnswersJSON()), r.Lang, r.ModelVersion, string(r.Assessment))
		if err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if _, err := l.WriteCSV(ctx, &buf, ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatalf("the CSV does not parse: %v", err)
	}
	if len(rows) != 1+len(names) || strings.Join(rows[0], ",") != strings.Join(CSVHeader(), ",") {
		t.Fatalf("CSV: %d rows, header %q", len(rows), rows[0])
	}
	for i, n := range names {
		// A name that a spreadsheet would run as a formula is quoted.
		if got := rows[i+1]; got[2] != CSVText(n[0]) || got[3] != n[1] {
			t.Errorf("CSV row %d: athlete %q, team %q; want %q, %q", i+1, got[2], got[3], n[0], n[1])
		}
		var answers map[string]any
		if err := json.Unmarshal([]byte(rows[i+1][10]), &answers); err != nil || answers["thompson"] != "positive" {
			t.Errorf("CSV row %d: answers cell %q: %v", i+1, rows[i+1][10], err)
		}
	}

	buf.Reset()
	if _, err := l.WriteJSON(ctx, &buf, ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	var objs []map[string]any
	if err := json.Unmarshal(buf.Bytes(), &objs); err != nil {
		t.Fatalf("the JSON export does not parse: %v", err)
	}
	for i, n := range names {
		if objs[i]["athlete"] != n[0] || objs[i]["team"] != n[1] || objs[i]["assessment"].(map[string]any)["band"] != r.Band {
			t.Errorf("JSON object %d: %v", i, objs[i])
		}
	}
}

// FuzzEscapeJSON: EscapeJSON leaves no character that the name rule
// refuses raw in a JSON document, and the document means the same.
func FuzzEscapeJSON(f *testing.F) {
	for _, s := range []string{"A. Smith", "\x1b]52;c;eA==\x07", "a\u202Eb\u0085", "\u200B\U000E0041\x7f", "\xff", "中文 \u2028", "\uFFFD"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		doc, err := json.Marshal(map[string]any{"name": s, "list": []string{s, "x"}})
		if err != nil {
			t.Fatal(err)
		}
		esc := EscapeJSON(doc)
		if i := bytes.IndexFunc(esc, names.Unprintable); i >= 0 || !utf8.Valid(esc) {
			t.Fatalf("EscapeJSON(%s) = %s: raw at byte %d", doc, esc, i)
		}
		var a, b any
		if err := json.Unmarshal(doc, &a); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(esc, &b); err != nil {
			t.Fatalf("EscapeJSON(%s) = %s: %v", doc, esc, err)
		}
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("EscapeJSON(%s) = %s means %v, not %v", doc, esc, b, a)
		}
	})
}

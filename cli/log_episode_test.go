package cli

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/xuri/excelize/v2"

	"achilles/catalog"
)

// hongKong is a Hong Kong trainer's zone.
var hongKong = time.FixedZone("HKT", 8*60*60)

// A record followed from the pitch to cleared to play, as a Hong Kong
// trainer would: local times with the zone, the history in show, the
// latest status in list, and the exports.
func TestLogFollowUpRoundTrip(t *testing.T) {
	db := filepath.Join(t.TempDir(), "log.db")
	hk := runOpts{loc: hongKong}
	logHK := func(args ...string) outcome {
		return runWith(t, hk, append([]string{"log", "--db", db}, args...)...)
	}
	mustSucceed(t, logHK("add", "--athlete", "陳大文", "--team", "港島隊", "--answer", "pop=yes", "--answer", "thompson=positive"))
	for _, args := range [][]string{
		{"follow-up", "1", "--status", "seen", "--note", "A&E"},
		{"follow-up", "1", "--status", "diagnosed", "--diagnosis", "complete rupture"},
		{"follow-up", "1", "--status", "cleared"},
	} {
		o := logHK(args...)
		if o.code != 0 || o.stdout != "" || !strings.HasPrefix(o.stderr, "achilles: record 1: follow-up saved") {
			t.Fatalf("%v: %v", args, o)
		}
	}

	o := logHK("show", "1")
	for _, want := range []string{"Saved:   2026-03-14 17:30 HKT", "Follow-ups:",
		"  2026-03-14 17:30 HKT  seen by a clinician; note: A&E",
		"  2026-03-14 17:30 HKT  diagnosed; diagnosis: complete rupture",
		"  2026-03-14 17:30 HKT  cleared to play"} {
		if !strings.Contains(o.stdout, want+"\n") {
			t.Errorf("show lacks %q:\n%s", want, o.stdout)
		}
	}
	if o := logHK("show", "1", "--format", "markdown"); !strings.Contains(o.stdout, "- 2026-03-14 17:30 HKT  diagnosed; diagnosis: complete rupture\n") ||
		!strings.Contains(o.stdout, "2026-03-14 17:30 HKT") {
		t.Errorf("show markdown:\n%s", o.stdout)
	}
	rec := decodeObject(t, logHK("show", "1", "--format", "json").stdout)
	fus, _ := rec["follow_ups"].([]any)
	if rec["created"] != "2026-03-14T09:30:00Z" || rec["created_local"] != "2026-03-14T17:30:00+08:00" || rec["status"] != "cleared" || len(fus) != 3 {
		t.Fatalf("show json: %v", rec)
	}
	if f := fus[1].(map[string]any); f["status"] != "diagnosed" || f["diagnosis"] != "complete rupture" || f["created_local"] != "2026-03-14T17:30:00+08:00" {
		t.Errorf("show json follow-up: %v", f)
	}

	lines := strings.Split(strings.TrimSpace(logHK("list").stdout), "\n")
	// The zone, the same for every row, is in the heading.
	if len(lines) != 2 || !strings.HasSuffix(lines[1], "cleared to play") || !strings.HasPrefix(lines[0], "ID  SAVED (HKT)") ||
		!strings.HasPrefix(lines[1], "1   2026-03-14 17:30  陳大文") {
		t.Fatalf("list:\n%s", strings.Join(lines, "\n"))
	}
	if ansi.StringWidth(lines[0][:strings.Index(lines[0], "STATUS")]) != ansi.StringWidth(lines[1][:strings.Index(lines[1], "cleared")]) {
		t.Errorf("the status is not under its heading:\n%s", strings.Join(lines, "\n"))
	}

	rows, err := csv.NewReader(strings.NewReader(logHK("export", "--format", "csv").stdout)).ReadAll()
	if err != nil || len(rows) != 2 {
		t.Fatalf("export csv: %v, %d rows", err, len(rows))
	}
	col := map[string]string{}
	for i, h := range rows[0] {
		col[h] = rows[1][i]
	}
	if col["status"] != "cleared" || col["diagnosis"] != "complete rupture" || col["follow_ups"] != "3" ||
		col["created_local"] != "2026-03-14T17:30:00+08:00" || col["answer_pop"] != "yes" || col["answer_thompson"] != "positive" {
		t.Errorf("export csv: %v", col)
	}
}

// The spreadsheet a Hong Kong trainer opens: written by the command, read
// back cell by cell in the session's language; practice records only when
// asked for; stderr says how many went where.
func TestLogExportXLSX(t *testing.T) {
	db := filepath.Join(t.TempDir(), "log.db")
	hk := runOpts{loc: hongKong, env: map[string]string{"LANG": "zh_HK.UTF-8"}}
	logHK := func(args ...string) outcome {
		return runWith(t, hk, append([]string{"log", "--db", db}, args...)...)
	}
	mustSucceed(t, logHK("add", "--athlete", "陳大文", "--team", "港島隊", "--answer", "pop=yes", "--answer", "side=left"))
	mustSucceed(t, logHK("add", "--athlete", "=1+1", "--team", "+Vets", "--answer", "walk=limp"))
	mustSucceed(t, logHK("add", "--athlete", "Demo", "--case", "classic"))
	if o := logHK("follow-up", "1", "--status", "treated", "--note", "石膏"); o.code != 0 {
		t.Fatal(o)
	}

	zh := catalog.MustLoad("zh-Hant")
	out := filepath.Join(t.TempDir(), "club.xlsx")
	for _, tc := range []struct {
		args []string
		rows int
	}{{nil, 2}, {[]string{"--include-practice"}, 3}, {[]string{"--athlete", "陳"}, 1}} {
		o := logHK(append([]string{"export", "--format", "xlsx", "--output", out}, tc.args...)...)
		if want := "achilles: " + zh.F("clublog.export.done", "count", strconv.Itoa(tc.rows), "path", out) + "\n"; o.code != 0 || o.stdout != "" || o.stderr != want {
			t.Fatalf("export xlsx %v: %v; want stderr %q", tc.args, o, want)
		}
		f, err := excelize.OpenFile(out)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := f.GetRows(zh.T("clublog.sheet.records"))
		f.Close()
		if err != nil || len(rows) != 1+tc.rows {
			t.Fatalf("export xlsx %v: %d rows (%v), want %d and the headings", tc.args, len(rows), err, tc.rows)
		}
	}
	if info, err := os.Stat(out); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("the workbook's mode: %v (%v), want 0600", info.Mode().Perm(), err)
	}

	o := logHK("export", "--format", "xlsx", "--output", out)
	if o.code != 0 {
		t.Fatal(o)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := zh.T("clublog.sheet.records")
	want := [][]string{
		{zh.T("clublog.sheet.id"), zh.F("clublog.sheet.saved", "zone", "HKT"), zh.T("clublog.sheet.athlete"), zh.T("clublog.sheet.team"),
			zh.T("clublog.sheet.side")},
		{"1", "2026-03-14 17:30", "陳大文", "港島隊", zh.T("q.side.v.left")},
		{"2", "2026-03-14 17:30", "=1+1", "+Vets", ""},
	}
	for r, row := range want {
		for c, w := range row {
			ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if got, _ := f.GetCellValue(sheet, ref); got != w {
				t.Errorf("%s = %q, want %q", ref, got, w)
			}
			if formula, _ := f.GetCellFormula(sheet, ref); formula != "" {
				t.Errorf("%s holds a formula %q", ref, formula)
			}
		}
	}
	fu, err := f.GetRows(zh.T("clublog.sheet.follow_ups"))
	if err != nil || len(fu) != 2 || fu[1][0] != "1" || fu[1][3] != zh.T("clublog.status.treated") || fu[1][5] != "石膏" {
		t.Errorf("the follow-ups sheet: %q (%v)", fu, err)
	}
}

// --excel starts the CSV with a UTF-8 byte-order mark, which Excel needs
// to read Chinese; without it there is none, as scripts expect.
func TestLogExportExcelCSV(t *testing.T) {
	db := filepath.Join(t.TempDir(), "log.db")
	mustSucceed(t, logRun(t, db, "add", "--athlete", "陳大文"))
	plain := logRun(t, db, "export", "--format", "csv")
	excel := logRun(t, db, "export", "--format", "csv", "--excel")
	if strings.HasPrefix(plain.stdout, "\uFEFF") || !strings.HasPrefix(plain.stdout, "id,") {
		t.Errorf("the CSV without --excel starts %.10q", plain.stdout)
	}
	if excel.stdout != "\uFEFF"+plain.stdout {
		t.Errorf("the CSV with --excel is not the same CSV after a byte-order mark: %.20q", excel.stdout)
	}
}

// list and export choose records by athlete, team, dates and urgency,
// in any case; practice records are listed, marked, and exported only
// when asked for.
func TestLogFilters(t *testing.T) {
	db := filepath.Join(t.TempDir(), "log.db")
	days := []time.Time{fixedNow, fixedNow.AddDate(0, 0, 10), fixedNow.AddDate(0, 0, 20)}
	for i, a := range [][]string{
		{"--athlete", "A. Smith", "--team", "U18", "--answer", "chest_symptoms=yes"},
		{"--athlete", "陳大文", "--team", "港島隊", "--answer", "pop=no"},
		{"--athlete", "B. SMITH", "--team", "u18 girls", "--case", "classic"},
	} {
		now := days[i]
		var stdout, stderr bytes.Buffer
		code := Run(t.Context(), append([]string{"log", "--db", db, "add"}, a...), Env{
			Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr,
			Getenv: func(string) string { return "" }, Now: func() time.Time { return now }, Location: time.UTC,
		})
		if code != 0 {
			t.Fatalf("add %v: %s", a, stderr.String())
		}
	}
	ids := func(o outcome) string {
		var got []string
		for _, r := range decodeJSON[[]map[string]any](t, o.stdout) {
			got = append(got, strconv.Itoa(int(r["id"].(float64))))
		}
		return strings.Join(got, ",")
	}
	// list: newest first, practice included; export: oldest first, the
	// practice record (3) left out.
	for _, tc := range []struct {
		args         []string
		list, export string
	}{
		{nil, "3,2,1", "1,2"},
		{[]string{"--athlete", "smith"}, "3,1", "1"},
		{[]string{"--team", "U18"}, "3,1", "1"},
		{[]string{"--team", "港島"}, "2", "2"},
		{[]string{"--since", "2026-03-24"}, "3,2", "2"},
		{[]string{"--until", "2026-03-24"}, "2,1", "1,2"},
		{[]string{"--since", "2026-03-15", "--until", "2026-03-24"}, "2", "2"},
		{[]string{"--urgency", "emergency_ambulance,emergency"}, "1", "1"},
	} {
		if got := ids(logRun(t, db, append([]string{"list", "--format", "json"}, tc.args...)...)); got != tc.list {
			t.Errorf("list %v = %s, want %s", tc.args, got, tc.list)
		}
		if got := ids(logRun(t, db, append([]string{"export", "--format", "json"}, tc.args...)...)); got != tc.export {
			t.Errorf("export %v = %s, want %s", tc.args, got, tc.export)
		}
	}
	if got := ids(logRun(t, db, "export", "--format", "json", "--include-practice", "--athlete", "SMITH")); got != "1,3" {
		t.Errorf("export --include-practice = %s, want 1,3", got)
	}
	o := logRun(t, db, "list", "--athlete", "nobody")
	if o.code != 0 || o.stdout != "" || !strings.Contains(o.stderr, "no record of the club log") {
		t.Errorf("list matching nothing: %v", o)
	}
}

// On a terminal, delete and purge ask first, and only yes goes ahead;
// undo brings back what was deleted last.
func TestLogDeleteAsks(t *testing.T) {
	db := filepath.Join(t.TempDir(), "log.db")
	for _, a := range []string{"A", "B"} {
		mustSucceed(t, logRun(t, db, "add", "--athlete", a))
	}
	answer := func(stdin string, args ...string) outcome {
		return runWith(t, runOpts{stdin: strings.NewReader(stdin), stdinTerminal: true}, append([]string{"log", "--db", db}, args...)...)
	}
	count := func() int { return len(decodeJSON[[]any](t, logRun(t, db, "list", "--format", "json").stdout)) }

	o := answer("n\n", "delete", "1")
	if o.code != 0 || !strings.Contains(o.stderr, "Delete record 1 (A, saved 2026-03-14 09:30 UTC)? achilles log restore 1 can bring it back") ||
		!strings.Contains(o.stderr, "[y/N]") || !strings.Contains(o.stderr, "record 1 was not deleted") || count() != 2 {
		t.Fatalf("delete answered no: %v", o)
	}
	if o := answer("", "delete", "1"); o.code != 0 || count() != 2 {
		t.Fatalf("delete with no answer: %v", o)
	}
	for _, id := range []string{"1", "2"} {
		if o := answer("yes\n", "delete", id); o.code != 0 || !strings.Contains(o.stderr, "deleted record "+id) {
			t.Fatalf("delete answered yes: %v", o)
		}
	}
	if count() != 0 {
		t.Fatal("both records should be deleted")
	}
	if o := logRun(t, db, "undo"); o.code != 0 || !strings.Contains(o.stderr, "restored record 2 (B,") || count() != 1 {
		t.Fatalf("undo: %v", o)
	}
	if o := logRun(t, db, "list", "--deleted"); !strings.Contains(o.stdout, "\n1 ") {
		t.Errorf("list --deleted: %v", o)
	}
	mustFail(t, logRun(t, db, "purge"), "stdin is not a terminal", "--yes")
	if o := answer("n\n", "purge"); o.code != 0 || !strings.Contains(o.stderr, "Remove 1 deleted record(s)") || !strings.Contains(o.stderr, "nothing was purged") {
		t.Fatalf("purge answered no: %v", o)
	}
	if o := answer("y\n", "purge"); o.code != 0 || !strings.Contains(o.stderr, "purged 1 deleted record(s) for good") {
		t.Fatalf("purge answered yes: %v", o)
	}
	mustFail(t, logRun(t, db, "restore", "1"), "no record 1")
	if o := logRun(t, db, "purge", "--yes"); o.code != 0 || !strings.Contains(o.stderr, "no deleted records to purge") {
		t.Errorf("purge of nothing: %v", o)
	}
	if o := answer("是\n", "delete", "2", "--lang", "zh-Hant"); o.code != 0 || !strings.Contains(o.stderr, "已刪除紀錄 2") {
		t.Errorf("delete answered 是 in a Chinese session: %v", o)
	}
}

// A list whose times fall in two zones (winter and summer time) gives
// the zone in each row, since the heading cannot.
func TestLogListZones(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Skipf("no time zone data: %v", err)
	}
	db := filepath.Join(t.TempDir(), "log.db")
	for _, now := range []time.Time{fixedNow, fixedNow.AddDate(0, 3, 0)} {
		var stderr bytes.Buffer
		code := Run(t.Context(), []string{"log", "--db", db, "add", "--athlete", "A"}, Env{
			Stdin: strings.NewReader(""), Stdout: &bytes.Buffer{}, Stderr: &stderr,
			Getenv: func(string) string { return "" }, Now: func() time.Time { return now },
		})
		if code != 0 {
			t.Fatal(stderr.String())
		}
	}
	o := runWith(t, runOpts{loc: london}, "log", "--db", db, "list")
	lines := strings.Split(strings.TrimSpace(o.stdout), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "ID  SAVED  ") ||
		!strings.HasPrefix(lines[1], "2   2026-06-14 10:30 BST  A") || !strings.HasPrefix(lines[2], "1   2026-03-14 09:30 GMT  A") {
		t.Errorf("list across summer time:\n%s", o.stdout)
	}
}

// A record saved from a course case is practice: show says so, list marks
// it, and the exports leave it out unless asked for.
func TestLogPracticeRecord(t *testing.T) {
	db := filepath.Join(t.TempDir(), "log.db")
	mustSucceed(t, logRun(t, db, "add", "--athlete", "Class", "--case", "missed", "--answer", "side=left"))
	if o := logRun(t, db, "show", "1"); !strings.Contains(o.stdout, "A practice record, saved from a course case") {
		t.Errorf("show of a practice record:\n%s", o.stdout)
	}
	if o := logRun(t, db, "show", "1", "--format", "json"); decodeObject(t, o.stdout)["practice"] != true {
		t.Errorf("show json of a practice record: %s", o.stdout)
	}
	if o := logRun(t, db, "list"); !strings.Contains(o.stdout, "Class (practice)") {
		t.Errorf("list:\n%s", o.stdout)
	}
	if o := logRun(t, db, "export", "--format", "json"); o.stdout != "[]\n" {
		t.Errorf("export without --include-practice: %s", o.stdout)
	}
	if o := logRun(t, db, "export", "--format", "json", "--include-practice"); len(decodeJSON[[]any](t, o.stdout)) != 1 {
		t.Errorf("export --include-practice: %s", o.stdout)
	}
}

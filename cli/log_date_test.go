package cli

import (
	"bytes"
	"encoding/csv"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"achilles/catalog"
)

// A Hong Kong trainer records on the 14th, at 17:30, what happened since
// the assessment of the 10th: --date dates each step, by the day or to
// the minute, the time of entry is kept beside it, and show, list, the
// CSV, the JSON and the workbook give the dates.
func TestLogFollowUpDate(t *testing.T) {
	db := filepath.Join(t.TempDir(), "log.db")
	saved := time.Date(2026, time.March, 10, 10, 0, 0, 0, hongKong) // before fixedNow, 2026-03-14 17:30 HKT
	run := runLogAt(t, db)
	mustSucceed(t, run(saved, "add", "--athlete", "陳大文", "--answer", "pop=yes"))
	for _, args := range [][]string{
		{"--status", "seen", "--note", "A&E", "--date", "2026-03-10"}, // the day of the record
		{"--status", "diagnosed", "--diagnosis", "rupture", "--date", "2026-03-11 09:15"},
		{"--status", "treated", "--date", "2026-03-12T18:30+08:00"},
		{"--status", "cleared"}, // now
		{"--status", "other", "--note", "late entry", "--date", "2026-03-13T01:00:00Z"},
	} {
		if o := run(fixedNow, append([]string{"follow-up", "1"}, args...)...); o.code != ExitOK {
			t.Fatalf("follow-up %v: %v", args, o)
		}
	}

	show := run(fixedNow, "show", "1").stdout
	for _, want := range []string{
		"  2026-03-10  seen by a clinician; note: A&E; recorded 2026-03-14 17:30 HKT\n",
		"  2026-03-11 09:15 HKT  diagnosed; diagnosis: rupture; recorded 2026-03-14\n    17:30 HKT\n",
		"  2026-03-12 18:30 HKT  in treatment; recorded 2026-03-14 17:30 HKT\n",
		"  2026-03-13 09:00 HKT  other; note: late entry; recorded 2026-03-14 17:30 HKT\n",
		"  2026-03-14 17:30 HKT  cleared to play\n",
	} {
		if !strings.Contains(show, want) {
			t.Errorf("show lacks %q:\n%s", want, show)
		}
	}
	// In the order they happened, not the order they were entered.
	if i, j := strings.Index(show, "late entry"), strings.Index(show, "cleared to play"); i < 0 || j < i {
		t.Errorf("show does not order the follow-ups by date:\n%s", show)
	}
	// The latest status is the one that happened last, though entered
	// before another.
	if list := run(fixedNow, "list").stdout; !strings.Contains(list, "cleared to play") {
		t.Errorf("list does not show the latest status:\n%s", list)
	}

	rec := decodeObject(t, run(fixedNow, "show", "1", "--format", "json").stdout)
	fus, _ := rec["follow_ups"].([]any)
	if len(fus) != 5 || rec["status"] != "cleared" {
		t.Fatalf("show json: %v", rec)
	}
	for i, want := range []map[string]any{
		{"status": "seen", "date": "2026-03-09T16:00:00Z", "date_local": "2026-03-10", "date_only": true, "created_local": "2026-03-14T17:30:00+08:00"},
		{"status": "diagnosed", "date": "2026-03-11T01:15:00Z", "date_local": "2026-03-11T09:15:00+08:00", "date_only": false},
		{"status": "treated", "date_local": "2026-03-12T18:30:00+08:00"},
		{"status": "other", "date": "2026-03-13T01:00:00Z", "created": "2026-03-14T09:30:00Z"},
		{"status": "cleared", "date": "2026-03-14T09:30:00Z", "date_local": "2026-03-14T17:30:00+08:00"},
	} {
		f := fus[i].(map[string]any)
		for k, v := range want {
			if f[k] != v {
				t.Errorf("show json follow-up %d: %s = %v, want %v", i, k, f[k], v)
			}
		}
	}

	rows, err := csv.NewReader(strings.NewReader(run(fixedNow, "export", "--format", "csv").stdout)).ReadAll()
	if err != nil || len(rows) != 2 {
		t.Fatalf("export csv: %v, %d rows", err, len(rows))
	}
	col := map[string]string{}
	for i, h := range rows[0] {
		col[h] = rows[1][i]
	}
	if col["status"] != "cleared" || col["status_date"] != "2026-03-14T17:30:00+08:00" || col["status_created"] != "2026-03-14T17:30:00+08:00" {
		t.Errorf("export csv: status %q, status_date %q, status_created %q", col["status"], col["status_date"], col["status_created"])
	}

	out := filepath.Join(t.TempDir(), "club.xlsx")
	if o := run(fixedNow, "export", "--format", "xlsx", "--output", out, "--lang", "zh-Hant"); o.code != ExitOK {
		t.Fatal(o)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zh := catalog.MustLoad("zh-Hant")
	fu, err := f.GetRows(zh.T("clublog.sheet.follow_ups"))
	if err != nil || len(fu) != 6 {
		t.Fatalf("the follow-ups sheet: %q (%v)", fu, err)
	}
	if fu[0][2] != zh.F("clublog.sheet.follow_up_date", "zone", "HKT") || fu[0][6] != zh.F("clublog.sheet.follow_up_saved", "zone", "HKT") {
		t.Errorf("the follow-ups sheet's headings: %q", fu[0])
	}
	for i, want := range [][2]string{{"2026-03-10", zh.T("clublog.status.seen")}, {"2026-03-11 09:15", zh.T("clublog.status.diagnosed")},
		{"2026-03-12 18:30", zh.T("clublog.status.treated")}, {"2026-03-13 09:00", zh.T("clublog.status.other")},
		{"2026-03-14 17:30", zh.T("clublog.status.cleared")}} {
		if row := fu[i+1]; row[2] != want[0] || row[3] != want[1] || row[6] != "2026-03-14 17:30" {
			t.Errorf("follow-ups row %d: %q, want the date %s, %s, recorded 2026-03-14 17:30", i+1, row, want[0], want[1])
		}
	}
}

// A date in the future, before the record was saved, or that is not one
// is refused with exit 2, in the session's language, saying what is
// allowed; nothing is saved.
func TestLogFollowUpDateRefused(t *testing.T) {
	db := filepath.Join(t.TempDir(), "log.db")
	saved := time.Date(2026, time.March, 10, 10, 0, 0, 0, hongKong)
	run := runLogAt(t, db)
	mustSucceed(t, run(saved, "add", "--athlete", "陳大文"))
	for _, c := range []struct {
		date string
		en   []string
		zh   string
	}{
		{"2026-03-15", []string{`--date "2026-03-15" is in the future: it is now 2026-03-14 17:30 HKT`}, `--date "2026-03-15" 是未來的時間：現在是 2026-03-14 17:30 HKT`},
		{"2026-03-14 17:31", []string{"is in the future"}, "是未來的時間"},
		{"2026-03-14T09:31Z", []string{"is in the future"}, "是未來的時間"},
		{"2026-03-09", []string{`--date "2026-03-09" is before record 1 was saved (2026-03-10 10:00 HKT)`, "from then up to now"},
			`--date "2026-03-09" 早於紀錄 1 的儲存時間（2026-03-10 10:00 HKT）`},
		{"2026-03-10 09:59", []string{"is before record 1 was saved"}, "早於紀錄 1"},
		{"2026-03-10T09:59+08:00", []string{"is before record 1 was saved"}, "早於紀錄 1"},
		{"yesterday", []string{`--date "yesterday" is not a date`, "YYYY-MM-DD HH:MM", "ISO 8601 with an offset"}, `--date "yesterday" 不是日期`},
		{"2026-02-30", []string{"is not a date"}, "不是日期"},
		{"14/03/2026", []string{"is not a date"}, "不是日期"},
		{"2026-03-12 25:00", []string{"is not a date"}, "不是日期"},
	} {
		mustFail(t, run(fixedNow, "follow-up", "1", "--status", "seen", "--date", c.date), c.en...)
		mustFail(t, run(fixedNow, "follow-up", "1", "--status", "seen", "--date", c.date, "--lang", "zh-Hant"), c.zh)
	}
	// The bounds themselves are allowed: the day the record was saved,
	// the minute it was saved in, and now.
	for _, date := range []string{"2026-03-10", "2026-03-10 10:00", "2026-03-14", "2026-03-14 17:30"} {
		if o := run(fixedNow, "follow-up", "1", "--status", "seen", "--date", date); o.code != ExitOK {
			t.Errorf("--date %s: %v", date, o)
		}
	}
	if fus, _ := decodeObject(t, run(fixedNow, "show", "1", "--format", "json").stdout)["follow_ups"].([]any); len(fus) != 4 {
		t.Errorf("%d follow-ups saved, want the 4 allowed ones", len(fus))
	}
}

// runLogAt returns a function that runs a log command on db in Hong
// Kong, at the time now.
func runLogAt(t *testing.T, db string) func(now time.Time, args ...string) outcome {
	return func(now time.Time, args ...string) outcome {
		var stdout, stderr bytes.Buffer
		code := Run(t.Context(), append([]string{"log", "--db", db}, args...), Env{
			Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr,
			Getenv: func(string) string { return "" }, Now: func() time.Time { return now }, Location: hongKong,
		})
		return outcome{code: code, stdout: stdout.String(), stderr: stderr.String()}
	}
}

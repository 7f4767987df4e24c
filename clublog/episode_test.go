package clublog

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"achilles/catalog"
)

// hongKong is UTC+8 without summer time, so that local times are known.
var hongKong = time.FixedZone("HKT", 8*60*60)

// Follow-ups are a history: each is kept, in order, and the log refuses
// to change one even when asked directly.
func TestFollowUps(t *testing.T) {
	ctx := context.Background()
	l, path := openLog(t)
	id := mustAdd(t, l, record(t, "classic", "陳大文", "U18", t0))
	steps := []FollowUp{
		{Created: t0.Add(2 * time.Hour), Status: "seen", Note: "A&E, 急症室"},
		{Created: t0.Add(50 * time.Hour), Status: "diagnosed", Diagnosis: "complete rupture (ultrasound)"},
		{Created: t0.Add(30 * 24 * time.Hour), Status: "treated", Note: "boot"},
		{Created: t0.Add(200 * 24 * time.Hour), Status: "cleared"},
	}
	for _, f := range steps {
		if _, err := l.AddFollowUp(ctx, id, f); err != nil {
			t.Fatalf("AddFollowUp(%s): %v", f.Status, err)
		}
	}
	r, err := l.Get(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.FollowUps) != len(steps) {
		t.Fatalf("%d follow-ups, want %d", len(r.FollowUps), len(steps))
	}
	for i, f := range r.FollowUps {
		s := steps[i]
		if f.Status != s.Status || f.Note != s.Note || f.Diagnosis != s.Diagnosis || !f.Created.Equal(s.Created) {
			t.Errorf("follow-up %d = %+v, want %+v", i, f, s)
		}
	}
	if r.Latest().Status != "cleared" {
		t.Errorf("latest status %q, want cleared", r.Latest().Status)
	}
	if list, _ := l.List(ctx); len(list) != 1 || list[0].Latest() == nil || list[0].Latest().Status != "cleared" {
		t.Errorf("List does not carry the latest follow-up: %+v", list)
	}

	for _, bad := range []FollowUp{
		{Created: t0, Status: "healed"},
		{Created: t0, Status: "seen", Note: "a\x1b[2Jb"},
		{Created: t0, Status: "seen", Diagnosis: strings.Repeat("x", MaxFollowUpText+1)},
	} {
		if _, err := l.AddFollowUp(ctx, id, bad); !errors.Is(err, ErrInvalid) {
			t.Errorf("AddFollowUp(%+v) = %v, want ErrInvalid", bad, err)
		}
	}
	if _, err := l.AddFollowUp(ctx, 99, steps[0]); !errors.Is(err, ErrNotFound) {
		t.Errorf("AddFollowUp to record 99: %v, want ErrNotFound", err)
	}

	db := rawDB(t, path)
	defer db.Close()
	if _, err := db.Exec(`UPDATE follow_ups SET status = 'seen'`); err == nil || !strings.Contains(err.Error(), "never changed") {
		t.Errorf("changing a follow-up directly: %v; want the log to refuse", err)
	}
}

// A follow-up keeps when it happened beside when it was recorded; the
// history and the latest status go by when it happened. A date after the
// time of entry, or before the record was saved, is refused, and one that
// does not read back makes the record damaged.
func TestFollowUpDates(t *testing.T) {
	ctx := context.Background()
	l, path := openLog(t)
	id := mustAdd(t, l, record(t, "classic", "陳大文", "", t0)) // 2026-03-14 17:30 HKT
	entered := t0.Add(72 * time.Hour)
	dayOfRecord := time.Date(2026, time.March, 14, 0, 0, 0, 0, hongKong)
	for _, f := range []FollowUp{
		{Created: t0.Add(48 * time.Hour), Status: "cleared"},
		{Created: entered, Date: t0.Add(24 * time.Hour), Status: "seen"},
		{Created: entered, Date: dayOfRecord, DateOnly: true, Status: "other", Note: "the day of the record"},
	} {
		if _, err := l.AddFollowUp(ctx, id, f); err != nil {
			t.Fatalf("AddFollowUp(%+v): %v", f, err)
		}
	}
	r, err := l.Get(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range r.FollowUps {
		got = append(got, f.Status)
	}
	if want := []string{"other", "seen", "cleared"}; !slices.Equal(got, want) {
		t.Errorf("follow-ups in the order %v, want by date %v", got, want)
	}
	if f := r.FollowUps[1]; !f.Date.Equal(t0.Add(24*time.Hour)) || !f.Created.Equal(entered) || f.DateOnly {
		t.Errorf("the dated follow-up reads back as %+v", f)
	}
	if f := r.FollowUps[0]; !f.Date.Equal(dayOfRecord) || !f.DateOnly || f.LocalDate(hongKong) != "2026-03-14" {
		t.Errorf("the follow-up dated by its day reads back as %+v", f)
	}
	if f := r.FollowUps[2]; !f.Date.Equal(f.Created) {
		t.Errorf("a follow-up without a date is not dated when it was recorded: %+v", f)
	}
	if r.Latest().Status != "cleared" {
		t.Errorf("latest status %q, want cleared (the last to happen)", r.Latest().Status)
	}

	for _, c := range []struct {
		f      FollowUp
		reason string
		limit  time.Time
	}{
		{FollowUp{Created: entered, Date: entered.Add(time.Second), Status: "seen"}, DateFuture, entered},
		{FollowUp{Created: entered, Date: dayOfRecord.AddDate(0, 0, 4), DateOnly: true, Status: "seen"}, DateFuture, entered},
		{FollowUp{Created: entered, Date: t0.Add(-time.Minute), Status: "seen"}, DateBeforeRecord, t0},
		{FollowUp{Created: entered, Date: dayOfRecord.AddDate(0, 0, -1), DateOnly: true, Status: "seen"}, DateBeforeRecord, t0},
	} {
		_, err := l.AddFollowUp(ctx, id, c.f)
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Field != "date" || fe.Reason != c.reason || !fe.Limit.Equal(c.limit) {
			t.Errorf("AddFollowUp(date %v, day only %v) = %v, want the date refused as %s, limit %v", c.f.Date, c.f.DateOnly, err, c.reason, c.limit)
		}
	}
	if r, _ := l.Get(ctx, id); len(r.FollowUps) != 3 {
		t.Errorf("%d follow-ups after the refusals, want 3", len(r.FollowUps))
	}

	db := rawDB(t, path)
	defer db.Close()
	if _, err := db.Exec(`UPDATE follow_ups SET date = '2026-01-01T00:00:00Z'`); err == nil || !strings.Contains(err.Error(), "never changed") {
		t.Errorf("changing a follow-up's date directly: %v; want the log to refuse", err)
	}
	if _, err := db.Exec(`DROP TRIGGER follow_ups_kept; UPDATE follow_ups SET date = 'yesterday' WHERE status = 'seen'`); err != nil {
		t.Fatal(err)
	}
	var damage *DamagedRecord
	if _, err := l.Get(ctx, id); !errors.As(err, &damage) || damage.ID != id || !strings.Contains(err.Error(), `bad date "yesterday"`) {
		t.Errorf("a follow-up with a bad date: %v, want record %d damaged", err, id)
	}
}

// A deleted record leaves lists and exports, can be brought back by ID or
// by undo, takes no follow-up, and is gone with its follow-ups once purged.
func TestDeleteRestorePurge(t *testing.T) {
	ctx := context.Background()
	l, _ := openLog(t)
	a := mustAdd(t, l, record(t, "classic", "A", "", t0))
	b := mustAdd(t, l, record(t, "sprain", "B", "", t0.Add(time.Hour)))
	if _, err := l.AddFollowUp(ctx, b, FollowUp{Created: t0.Add(2 * time.Hour), Status: "seen"}); err != nil {
		t.Fatal(err)
	}
	live := func() []int64 {
		list, err := l.List(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, r := range list {
			ids = append(ids, r.ID)
		}
		return ids
	}
	if err := l.Delete(ctx, a, t0.Add(3*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := l.Delete(ctx, b, t0.Add(4*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if got := live(); len(got) != 0 {
		t.Fatalf("List after deleting both: %v", got)
	}
	if deleted, err := l.Find(ctx, Filter{Deleted: true}); err != nil || len(deleted) != 2 {
		t.Fatalf("Find deleted: %d, %v; want 2", len(deleted), err)
	}
	if _, err := l.AddFollowUp(ctx, b, FollowUp{Created: t0, Status: "seen"}); !errors.Is(err, ErrDeleted) {
		t.Errorf("AddFollowUp to a deleted record: %v, want ErrDeleted", err)
	}
	if id, err := l.Undo(ctx); err != nil || id != b {
		t.Fatalf("Undo = %d, %v; want the last deleted, %d", id, err, b)
	}
	if err := l.Restore(ctx, b); !errors.Is(err, ErrNotDeleted) {
		t.Errorf("Restore of a record not deleted: %v, want ErrNotDeleted", err)
	}
	if err := l.Restore(ctx, a); err != nil {
		t.Fatal(err)
	}
	if got := live(); !slices.Equal(got, []int64{b, a}) {
		t.Fatalf("List after restoring: %v, want [%d %d]", got, b, a)
	}
	if r, _ := l.Get(ctx, b); len(r.FollowUps) != 1 {
		t.Errorf("a restored record lost its follow-ups: %+v", r.FollowUps)
	}
	if _, err := l.Undo(ctx); !errors.Is(err, ErrNothingDeleted) {
		t.Errorf("Undo with nothing deleted: %v", err)
	}

	if err := l.Delete(ctx, b, t0.Add(5*time.Hour)); err != nil {
		t.Fatal(err)
	}
	ids, err := l.DeletedIDs(ctx)
	if err != nil || !slices.Equal(ids, []int64{b}) {
		t.Fatalf("DeletedIDs = %v, %v", ids, err)
	}
	// a is not deleted: purging it is refused quietly.
	if n, err := l.Purge(ctx, []int64{a, b}); err != nil || n != 1 {
		t.Fatalf("Purge = %d, %v; want 1", n, err)
	}
	if _, err := l.Get(ctx, b); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get of a purged record: %v", err)
	}
	if err := l.Restore(ctx, b); !errors.Is(err, ErrNotFound) {
		t.Errorf("Restore of a purged record: %v", err)
	}
	if got := live(); !slices.Equal(got, []int64{a}) {
		t.Errorf("List after purging: %v", got)
	}
}

// Filters on a log of 1,000 records give exactly the records a person
// would pick by hand.
func TestFilters(t *testing.T) {
	ctx := context.Background()
	l, _ := openLog(t)
	athletes := []string{"Chan Tai Man", "陳小文", "Émile Dupont", "J. Smith"}
	teams := []string{"U18", "港島隊", "Vets"}
	caseIDs := []string{"classic", "sprain", "calf_tear", "red_flag"}
	type made struct {
		id                    int64
		athlete, team, triage string
		created               time.Time
		practice, deleted     bool
	}
	var all []made
	for i := range 1000 {
		r := record(t, caseIDs[i%4], fmt.Sprintf("%s %d", athletes[i%4], i), teams[i%3], t0.Add(time.Duration(i)*7*time.Hour))
		r.Practice = i%10 == 9
		id := mustAdd(t, l, r)
		m := made{id, r.Athlete, r.Team, r.Triage, r.Created, r.Practice, i%25 == 0}
		if m.deleted {
			if err := l.Delete(ctx, id, t0); err != nil {
				t.Fatal(err)
			}
		}
		all = append(all, m)
	}
	since := time.Date(2026, 4, 1, 0, 0, 0, 0, hongKong)
	until := time.Date(2026, 5, 1, 0, 0, 0, 0, hongKong)
	for _, tc := range []struct {
		name string
		f    Filter
		want func(made) bool
	}{
		{"everything", Filter{}, func(m made) bool { return true }},
		{"practice too", Filter{Practice: true}, func(m made) bool { return true }},
		{"athlete, any case", Filter{Athlete: "chan tai"}, func(m made) bool { return strings.HasPrefix(m.athlete, "Chan Tai Man") }},
		{"athlete, accents fold", Filter{Athlete: "ÉMILE"}, func(m made) bool { return strings.HasPrefix(m.athlete, "Émile") }},
		{"athlete in Chinese", Filter{Athlete: "小文"}, func(m made) bool { return strings.HasPrefix(m.athlete, "陳小文") }},
		{"team", Filter{Team: "港島"}, func(m made) bool { return m.team == "港島隊" }},
		{"dates", Filter{Since: since, Until: until}, func(m made) bool { return !m.created.Before(since) && m.created.Before(until) }},
		{"urgency", Filter{Triage: []string{"emergency", "emergency_ambulance"}}, func(m made) bool {
			return m.triage == "emergency" || m.triage == "emergency_ambulance"
		}},
		{"all at once", Filter{Athlete: "smith", Team: "vets", Since: since, Triage: []string{all[3].triage}}, func(m made) bool {
			return strings.HasPrefix(m.athlete, "J. Smith") && m.team == "Vets" && !m.created.Before(since) && m.triage == all[3].triage
		}},
		{"deleted", Filter{Deleted: true, Practice: true}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var want []int64
			for i := len(all) - 1; i >= 0; i-- { // newest first
				m := all[i]
				keep := m.deleted
				if tc.want != nil {
					keep = !m.deleted && (tc.f.Practice || !m.practice) && tc.want(m)
				}
				if keep {
					want = append(want, m.id)
				}
			}
			got, err := l.Find(ctx, tc.f)
			if err != nil {
				t.Fatal(err)
			}
			var ids []int64
			for _, r := range got {
				ids = append(ids, r.ID)
			}
			if len(want) == 0 || !slices.Equal(ids, want) {
				t.Errorf("Find(%+v) gave %d records, want %d (%v… vs %v…)", tc.f, len(ids), len(want), head(ids), head(want))
			}
			var buf bytes.Buffer
			if n, err := l.WriteCSV(ctx, &buf, ExportOptions{Filter: tc.f}); err != nil || n != len(want) {
				t.Errorf("WriteCSV with the filter wrote %d records (%v), want %d", n, err, len(want))
			}
		})
	}
}

func head(ids []int64) []int64 { return ids[:min(len(ids), 5)] }

// The CSV export parses back: an optional byte-order mark, local times
// with their offset, the latest follow-up, one column per answer.
func TestCSVColumns(t *testing.T) {
	ctx := context.Background()
	l, _ := openLog(t)
	id := mustAdd(t, l, record(t, "classic", "=1+1", "港島隊", t0))
	if _, err := l.AddFollowUp(ctx, id, FollowUp{Created: t0.Add(26 * time.Hour), Status: "diagnosed", Diagnosis: "rupture"}); err != nil {
		t.Fatal(err)
	}
	for _, bom := range []bool{false, true} {
		var buf bytes.Buffer
		if _, err := l.WriteCSV(ctx, &buf, ExportOptions{Location: hongKong, BOM: bom}); err != nil {
			t.Fatal(err)
		}
		data := buf.Bytes()
		if got := bytes.HasPrefix(data, []byte("\uFEFF")); got != bom {
			t.Fatalf("BOM %v: the CSV starts with a byte-order mark: %v", bom, got)
		}
		rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF")))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		col := map[string]string{}
		for i, h := range rows[0] {
			col[h] = rows[1][i]
		}
		for k, want := range map[string]string{
			"athlete": "'=1+1", "team": "港島隊", "created": "2026-03-14T09:30:00Z", "created_local": "2026-03-14T17:30:00+08:00",
			"status": "diagnosed", "status_created": "2026-03-15T19:30:00+08:00", "diagnosis": "rupture", "follow_ups": "1",
			"practice": "false", "answer_thompson": "positive", "answer_pop": "yes", "answer_age": "41",
		} {
			if col[k] != want {
				t.Errorf("column %s = %q, want %q", k, col[k], want)
			}
		}
	}
}

// The spreadsheet, read back cell by cell: headings in the session's
// language, names as text (never a formula), answers in words, the
// local date as a date, the header frozen, and the follow-ups on the
// second sheet.
func TestXLSX(t *testing.T) {
	ctx := context.Background()
	l, _ := openLog(t)
	a := mustAdd(t, l, record(t, "classic", "陳大文", "港島青年隊", t0))
	mustAdd(t, l, record(t, "sprain", "=1+1", "@SUM(A1)", t0.Add(time.Hour)))
	p := record(t, "calf_tear", "Practice", "", t0.Add(2*time.Hour))
	p.Practice = true
	mustAdd(t, l, p)
	if _, err := l.AddFollowUp(ctx, a, FollowUp{Created: t0.Add(26 * time.Hour), Status: "cleared", Note: "返回比賽", Diagnosis: "跟腱撕裂"}); err != nil {
		t.Fatal(err)
	}
	zh := catalog.MustLoad("zh-Hant")
	var buf bytes.Buffer
	n, err := l.WriteXLSX(ctx, &buf, zh, ExportOptions{Location: hongKong})
	if err != nil || n != 2 {
		t.Fatalf("WriteXLSX = %d, %v; want 2 records (the practice one left out)", n, err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) != 2 || sheets[0] != zh.T("clublog.sheet.records") || sheets[1] != zh.T("clublog.sheet.follow_ups") {
		t.Fatalf("sheets %q", sheets)
	}
	cell := func(sheet, ref string) string {
		t.Helper()
		v, err := f.GetCellValue(sheet, ref)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	rec := sheets[0]
	header, err := f.GetRows(rec)
	if err != nil {
		t.Fatal(err)
	}
	col := func(heading string) string {
		t.Helper()
		for i, h := range header[0] {
			if h == heading {
				name, _ := excelize.ColumnNumberToName(i + 1)
				return name
			}
		}
		t.Fatalf("no column %q in %q", heading, header[0])
		return ""
	}
	for _, tc := range []struct{ ref, want string }{
		{col(zh.T("clublog.sheet.athlete")) + "2", "陳大文"},
		{col(zh.T("clublog.sheet.team")) + "2", "港島青年隊"},
		{col(zh.T("clublog.sheet.athlete")) + "3", "=1+1"},
		{col(zh.T("clublog.sheet.team")) + "3", "@SUM(A1)"},
		{col(zh.F("clublog.sheet.saved", "zone", "HKT")) + "2", "2026-03-14 17:30"},
		{col(zh.T("clublog.sheet.urgency")) + "2", zh.T("triage.same_day.short")},
		{col(zh.T("clublog.sheet.status")) + "2", zh.T("clublog.status.cleared")},
		{col(zh.T("clublog.sheet.diagnosis")) + "2", "跟腱撕裂"},
		{col(zh.T("label.thompson")) + "2", zh.T("q.thompson.v.positive")},
		{col(zh.T("label.pop")) + "2", zh.T("q.pop.v.yes")},
		{col(zh.T("clublog.sheet.aaos")) + "2", zh.F("clublog.sheet.aaos_value", "positive", "4", "assessed", "4")},
	} {
		if got := cell(rec, tc.ref); got != tc.want {
			t.Errorf("%s = %q, want %q", tc.ref, got, tc.want)
		}
	}
	for _, ref := range []string{col(zh.T("clublog.sheet.athlete")) + "3", col(zh.T("clublog.sheet.team")) + "3"} {
		if formula, _ := f.GetCellFormula(rec, ref); formula != "" {
			t.Errorf("%s holds the formula %q; a name is text", ref, formula)
		}
	}
	if typ, _ := f.GetCellType(rec, col(zh.F("clublog.sheet.saved", "zone", "HKT"))+"2"); typ == excelize.CellTypeInlineString || typ == excelize.CellTypeSharedString {
		t.Errorf("the date is a text cell; want a date")
	}
	panes, err := f.GetPanes(rec)
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("panes %+v (%v); want the header row frozen", panes, err)
	}
	if w, _ := f.GetColWidth(rec, col(zh.T("clublog.sheet.athlete"))); w < 8 || w > 60 {
		t.Errorf("athlete column width %v", w)
	}
	fu := sheets[1]
	for _, tc := range []struct{ ref, want string }{
		{"A2", fmt.Sprint(a)}, {"B2", "陳大文"}, {"C2", "2026-03-15 19:30"}, {"D2", zh.T("clublog.status.cleared")},
		{"E2", "跟腱撕裂"}, {"F2", "返回比賽"},
	} {
		if got := cell(fu, tc.ref); got != tc.want {
			t.Errorf("follow-ups %s = %q, want %q", tc.ref, got, tc.want)
		}
	}
}

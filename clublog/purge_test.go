package clublog

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"strings"
	"testing"
	"time"
)

// A purged record leaves no trace of its name, team or diagnosis in the
// log's files: the pages it was in are zeroed, and the -wal file, which
// held it as written, is emptied.
func TestPurgeLeavesNoTrace(t *testing.T) {
	ctx := context.Background()
	l, path := openLog(t)
	t0 := time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC)
	keep := mustAdd(t, l, record(t, "classic", "Kept Athlete", "Kept Team", t0))
	gone := mustAdd(t, l, record(t, "classic", "Zebedee Secretname", "SECRETTEAM", t0))
	if _, err := l.AddFollowUp(ctx, gone, FollowUp{Created: t0.Add(time.Hour), Status: "diagnosed", Diagnosis: "PRIVATEDIAG rupture"}); err != nil {
		t.Fatal(err)
	}
	if err := l.Delete(ctx, gone, t0.Add(2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if n, err := l.Purge(ctx, []int64{gone}); err != nil || n != 1 {
		t.Fatalf("Purge: %d, %v; want 1", n, err)
	}
	var files []byte
	for _, p := range []string{path, path + "-wal"} {
		data, err := os.ReadFile(p)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		files = append(files, data...)
	}
	for _, secret := range []string{"Secretname", "SECRETTEAM", "PRIVATEDIAG"} {
		if bytes.Contains(files, []byte(secret)) {
			t.Errorf("%q is still in the log's files after the purge", secret)
		}
	}
	if r, err := l.Get(ctx, keep); err != nil || r.Athlete != "Kept Athlete" {
		t.Errorf("the record kept: %+v, %v", r, err)
	}
}

// Undo restores the record deleted last, even when two were deleted in
// the same second.
func TestUndoTheLastOfTheSameSecond(t *testing.T) {
	ctx := context.Background()
	l, _ := openLog(t)
	t0 := time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC)
	var ids []int64
	for _, name := range []string{"A", "B", "C"} {
		ids = append(ids, mustAdd(t, l, record(t, "classic", name, "", t0)))
	}
	second := t0.Add(time.Hour)
	if err := l.Delete(ctx, ids[2], second.Add(100*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	if err := l.Delete(ctx, ids[0], second.Add(700*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	if id, err := l.Undo(ctx); err != nil || id != ids[0] {
		t.Errorf("Undo restored %d (%v), want %d, deleted last", id, err, ids[0])
	}
}

// A log written by another program may hold a formula in any text
// column; the CSV export neutralises it in every one, the IDs and
// versions too.
func TestCSVNeutralisesFormulasInEveryTextColumn(t *testing.T) {
	ctx := context.Background()
	l, path := openLog(t)
	mustAdd(t, l, record(t, "classic", "Athlete", "", time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC)))
	db := rawDB(t, path)
	execSQL(t, db, `UPDATE records SET lang = '=1+2', model_version = '@SUM(1)'`)
	db.Close()
	var buf bytes.Buffer
	if _, err := l.WriteCSV(ctx, &buf, ExportOptions{}); err != nil {
		t.Fatalf("the export: %v", err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows[1:] {
		for i, cell := range row {
			if cell != "" && strings.ContainsRune("=+-@", rune(cell[0])) && !strings.HasPrefix(rows[0][i], "answer") &&
				rows[0][i] != "probability" {
				t.Errorf("column %s is %q: a spreadsheet would run it", rows[0][i], cell)
			}
		}
	}
}

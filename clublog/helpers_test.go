package clublog

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"achilles/assessment"
	"achilles/cases"
	"achilles/catalog"
)

// t0 is the creation time of the first test record.
var t0 = time.Date(2026, time.March, 14, 9, 30, 0, 0, time.UTC)

// record makes the record of a course case's assessment.
func record(t testing.TB, caseID, athlete, team string, created time.Time) Record {
	t.Helper()
	r, err := caseRecord(caseID, athlete, team, created)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func caseRecord(caseID, athlete, team string, created time.Time) (Record, error) {
	c, ok := cases.Get(caseID)
	if !ok {
		return Record{}, fmt.Errorf("no case %q", caseID)
	}
	rep := assessment.NewReport(assessment.Assess(c.Answers), catalog.MustLoad("en"), assessment.Options{})
	return NewRecord(&rep, athlete, team, created), nil
}

// openLog opens a log in a fresh directory, closing it when the test ends.
func openLog(t testing.TB) (*Log, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "log.db")
	l, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l, path
}

func mustAdd(t testing.TB, l *Log, r Record) int64 {
	t.Helper()
	id, err := l.Add(context.Background(), r)
	if err != nil {
		t.Fatalf("Add(%q): %v", r.Athlete, err)
	}
	return id
}

// rawDB opens an SQLite file directly, as another program would.
func rawDB(t testing.TB, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func execSQL(t testing.TB, db *sql.DB, stmts ...string) {
	t.Helper()
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// fileState is what must not change about a refused file.
type fileState struct {
	sum     [sha256.Size]byte
	size    int64
	modTime time.Time
	mode    os.FileMode
	names   []string // the directory's entries
}

func stateOf(t testing.TB, path string) fileState {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	s := fileState{sum: sha256.Sum256(data), size: info.Size(), modTime: info.ModTime(), mode: info.Mode()}
	for _, e := range entries {
		s.names = append(s.names, e.Name())
	}
	return s
}

// checkRecord checks that a record read back is whole: every field there
// and its assessment a JSON object that agrees with it.
func checkRecord(t testing.TB, r Record) {
	t.Helper()
	if r.ID <= 0 || r.Created.IsZero() || r.Athlete == "" || r.Band == "" || r.Triage == "" ||
		r.Lang == "" || r.ModelVersion == "" || r.Answers.Len() == 0 {
		t.Fatalf("record %d is not whole: %+v", r.ID, r)
	}
	var doc struct {
		Band        string          `json:"band"`
		Triage      string          `json:"triage"`
		Probability float64         `json:"probability"`
		Answers     json.RawMessage `json:"answers"`
	}
	if err := json.Unmarshal(r.Assessment, &doc); err != nil {
		t.Fatalf("record %d: assessment is not valid JSON: %v", r.ID, err)
	}
	if doc.Band != r.Band || doc.Triage != r.Triage || doc.Probability != r.Probability {
		t.Fatalf("record %d: assessment says %s/%s/%v, record says %s/%s/%v", r.ID,
			doc.Band, doc.Triage, doc.Probability, r.Band, r.Triage, r.Probability)
	}
	var a, b any
	if json.Unmarshal(doc.Answers, &a) != nil || json.Unmarshal(r.AnswersJSON(), &b) != nil {
		t.Fatalf("record %d: answers do not decode", r.ID)
	}
	if aj, _ := json.Marshal(a); string(aj) != func() string { bj, _ := json.Marshal(b); return string(bj) }() {
		t.Fatalf("record %d: answers %s differ from the assessment's %s", r.ID, r.AnswersJSON(), doc.Answers)
	}
}

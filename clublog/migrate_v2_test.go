package clublog

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"
)

var updateV2 = flag.Bool("update-v2", false, "rewrite testdata/v2.db, the club log of schema version 2")

// v2Records are the records of testdata/v2.db, the log as achilles wrote
// it before follow-ups, soft deletes and practice records (schema 2).
var v2Records = []struct {
	caseID, athlete, team string
	created               time.Time
}{
	{"classic", "A. Smith", "Under-18s", t0},
	{"calf_tear", "陳大文", "港島青年隊", t0.Add(26 * time.Hour)},
	{"sprain", "=1+1", "", t0.Add(50 * time.Hour)},
}

// TestMakeV2Fixture writes testdata/v2.db with -update-v2: a log of schema
// version 2, with the columns that version wrote and no others.
func TestMakeV2Fixture(t *testing.T) {
	if !*updateV2 {
		t.Skip("run with -update-v2 to rewrite testdata/v2.db")
	}
	path := filepath.Join("testdata", "v2.db")
	os.Remove(path)
	l, err := open(path, 2, true)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range v2Records {
		r := record(t, v.caseID, v.athlete, v.team, v.created)
		_, err := l.db.ExecContext(context.Background(), `INSERT INTO records
			(created, athlete, team, side, band, triage, probability, answers, lang, model_version, assessment)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			r.Created.Format(timeLayout), r.Athlete, r.Team, r.Side, r.Band, r.Triage,
			r.Probability, string(r.AnswersJSON()), r.Lang, r.ModelVersion, string(r.Assessment))
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o644); err != nil { // a fixture in the repository, not a private log
		t.Fatal(err)
	}
}

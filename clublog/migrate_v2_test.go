package clublog

import (
	"bytes"
	"context"
	"flag"
	"testing"
	"time"
)

var updateV2 = flag.Bool("update-v2", false, "rewrite testdata/v2.db, the club log of schema version 2")

// v2Records are the records of testdata/v2.db, the log as achilles wrote
// it before follow-ups, soft deletes and practice records (schema 2).
var v2Records = []fixtureRecord{
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
	makeFixture(t, "v2.db", 2, v2Records, `INSERT INTO records
		(created, athlete, team, side, band, triage, probability, answers, lang, model_version, assessment)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, func(r Record) []any {
		return []any{r.Created.Format(timeLayout), r.Athlete, r.Team, r.Side, r.Band, r.Triage,
			r.Probability, string(r.AnswersJSON()), r.Lang, r.ModelVersion, string(r.Assessment)}
	})
}

// A log of schema version 2, as achilles wrote it before this version,
// opens with its records whole, none of them deleted or practice and
// without follow-ups, and takes follow-ups, deletions and practice records
// after.
func TestMigrateFromV2(t *testing.T) {
	ctx := context.Background()
	path, db := fixtureCopy(t, "v2.db", 2)
	saved := savedColumn(t, db, "assessment")
	l, list := openMigrated(t, path, len(v2Records))
	defer l.Close()
	for i, got := range list {
		v := v2Records[len(v2Records)-1-i] // newest first
		if got.Athlete != v.athlete || got.Team != v.team || !got.Created.Equal(v.created) || got.Practice ||
			!got.Deleted.IsZero() || len(got.FollowUps) != 0 {
			t.Errorf("record %d after migration: %+v; want %q of %q at %v, not practice, not deleted, no follow-ups",
				got.ID, got, v.athlete, v.team, v.created)
		}
		full, err := l.Get(ctx, got.ID)
		if err != nil {
			t.Fatal(err)
		}
		checkRecord(t, full)
		if string(full.Assessment) != saved[full.ID] {
			t.Errorf("record %d: the saved assessment changed in the migration", full.ID)
		}
	}

	// The new parts of the schema work on the migrated log.
	if _, err := l.AddFollowUp(ctx, 1, FollowUp{Created: t0.Add(96 * time.Hour), Date: t0.Add(30 * time.Hour),
		Status: "diagnosed", Diagnosis: "跟腱斷裂"}); err != nil {
		t.Fatalf("AddFollowUp on a migrated log: %v", err)
	}
	if err := l.Delete(ctx, 2, t0.Add(100*time.Hour)); err != nil {
		t.Fatal(err)
	}
	p := record(t, "classic", "Practice", "", t0.Add(120*time.Hour))
	p.Practice = true
	mustAdd(t, l, p)
	var csv bytes.Buffer
	if n, err := l.WriteCSV(ctx, &csv, ExportOptions{}); err != nil || n != 2 {
		t.Fatalf("export after migration: %d records, %v; want 2 (one deleted, one practice left out)", n, err)
	}
	r, err := l.Get(ctx, 1)
	if err != nil || len(r.FollowUps) != 1 || r.FollowUps[0].Diagnosis != "跟腱斷裂" || !r.FollowUps[0].Date.Equal(t0.Add(30*time.Hour)) {
		t.Fatalf("record 1 after a follow-up: %+v, %v", r.FollowUps, err)
	}

	db = rawDB(t, path)
	defer db.Close()
	var versions string
	if err := db.QueryRow("SELECT group_concat(version) FROM (SELECT version FROM schema_version ORDER BY version)").Scan(&versions); err != nil || versions != "1,2,3" {
		t.Errorf("schema_version holds %q (%v), want 1,2,3", versions, err)
	}
}

package clublog

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite testdata/v1.db, the club log of schema version 1")

// v1Records are the records of testdata/v1.db.
var v1Records = []struct {
	caseID, athlete, team string
	created               time.Time
}{
	{"classic", "A. Smith", "Under-18s", t0},
	{"sprain", "陳大文", "", t0.Add(24 * time.Hour)},
	{"tendinopathy", `J. "Jo" O'Neil`, "Vets, B team", t0.Add(48 * time.Hour)},
}

// TestMakeV1Fixture writes testdata/v1.db with -update: a log of schema
// version 1, made as the first version of achilles made it.
func TestMakeV1Fixture(t *testing.T) {
	if !*update {
		t.Skip("run with -update to rewrite testdata/v1.db")
	}
	path := filepath.Join("testdata", "v1.db")
	os.Remove(path)
	if err := os.MkdirAll("testdata", 0o755); err != nil {
		t.Fatal(err)
	}
	l, err := open(path, 1, true)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range v1Records {
		r := record(t, v.caseID, v.athlete, v.team, v.created)
		_, err := l.db.Exec(`INSERT INTO records (created, athlete, team, side, band, triage, probability, answers)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			r.Created.Format(timeLayout), r.Athlete, r.Team, r.Side, r.Band, r.Triage, r.Probability, string(r.AnswersJSON()))
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

func TestMigrateFromV1(t *testing.T) {
	ctx := context.Background()
	fixture, err := os.ReadFile(filepath.Join("testdata", "v1.db"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "log.db")
	write(t, path, fixture)

	// The fixture is of version 1, or this test proves nothing.
	db := rawDB(t, path)
	var version int
	if err := db.QueryRow("SELECT max(version) FROM schema_version").Scan(&version); err != nil || version != 1 {
		t.Fatalf("testdata/v1.db has schema version %d (%v), want 1", version, err)
	}
	// The answers as saved: the course cases may have changed since.
	saved := map[int64]string{}
	rows, err := db.Query("SELECT id, answers FROM records")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id int64
		var answers string
		if err := rows.Scan(&id, &answers); err != nil {
			t.Fatal(err)
		}
		saved[id] = answers
	}
	rows.Close()
	db.Close()

	l, err := Open(path)
	if err != nil {
		t.Fatalf("opening a version 1 log: %v", err)
	}
	defer l.Close()
	list, err := l.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != len(v1Records) {
		t.Fatalf("%d records after migration, want %d", len(list), len(v1Records))
	}
	for i, got := range list {
		v := v1Records[len(v1Records)-1-i] // newest first
		want := record(t, v.caseID, v.athlete, v.team, v.created)
		if got.Athlete != want.Athlete || got.Team != want.Team || got.Side != want.Side || !got.Created.Equal(want.Created) ||
			got.Band != want.Band || got.Triage != want.Triage || string(got.AnswersJSON()) != saved[got.ID] {
			t.Errorf("record %d after migration:\n%+v\nwant\n%+v", got.ID, got, want)
		}
		full, err := l.Get(ctx, got.ID)
		if err != nil {
			t.Fatal(err)
		}
		if full.Lang != "" || full.ModelVersion != "" || full.Assessment != nil {
			t.Errorf("record %d: new columns %q, %q, %q; want them empty", got.ID, full.Lang, full.ModelVersion, full.Assessment)
		}
	}
	// New records are saved whole in the migrated log.
	id := mustAdd(t, l, record(t, "classic", "New", "", t0.Add(72*time.Hour)))
	if r, err := l.Get(ctx, id); err != nil || r.Assessment == nil {
		t.Fatalf("record saved after migration: %v, assessment %q", err, r.Assessment)
	}

	db = rawDB(t, path)
	defer db.Close()
	rows, err = db.Query("SELECT version FROM schema_version ORDER BY version")
	if err != nil {
		t.Fatal(err)
	}
	var versions []int
	for rows.Next() {
		var v int
		rows.Scan(&v)
		versions = append(versions, v)
	}
	rows.Close()
	if len(versions) != 3 || versions[0] != 1 || versions[1] != 2 || versions[2] != 3 {
		t.Errorf("schema_version holds %v, want [1 2 3]", versions)
	}
	var index int
	if err := db.QueryRow("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = 'records_created'").Scan(&index); err != nil || index != 1 {
		t.Errorf("the index on created is missing after migration (%v)", err)
	}
}

package clublog

import (
	"context"
	"database/sql"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	q "achilles/questionnaire"
)

var update = flag.Bool("update", false, "rewrite testdata/v1.db, the club log of schema version 1")

// fixtureRecord is a record of a fixture: a course case's assessment
// saved for an athlete at a time.
type fixtureRecord struct {
	caseID, athlete, team string
	created               time.Time
}

// v1Records are the records of testdata/v1.db.
var v1Records = []fixtureRecord{
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
	makeFixture(t, "v1.db", 1, v1Records, `INSERT INTO records (created, athlete, team, side, band, triage, probability, answers)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, func(r Record) []any {
		return []any{r.Created.Format(timeLayout), r.Athlete, r.Team, r.Side, r.Band, r.Triage, r.Probability, string(r.AnswersJSON())}
	})
}

// makeFixture writes testdata/name, a log of an older schema version
// holding recs, each saved by insert with the values of columns: the
// statement and columns of that version, not of this one.
func makeFixture(t *testing.T, name string, version int, recs []fixtureRecord, insert string, columns func(Record) []any) {
	path := filepath.Join("testdata", name)
	os.Remove(path)
	if err := os.MkdirAll("testdata", 0o755); err != nil {
		t.Fatal(err)
	}
	l, err := open(path, version, true)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range recs {
		if _, err := l.db.Exec(insert, columns(record(t, v.caseID, v.athlete, v.team, v.created))...); err != nil {
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

// fixtureCopy copies the log testdata/name, of schema version, to a new
// file, and opens that directly; the fixture must have that version, or
// the test proves nothing.
func fixtureCopy(t *testing.T, name string, version int) (string, *sql.DB) {
	t.Helper()
	fixture, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "log.db")
	write(t, path, fixture)
	db := rawDB(t, path)
	var got int
	if err := db.QueryRow("SELECT max(version) FROM schema_version").Scan(&got); err != nil || got != version {
		t.Fatalf("testdata/%s has schema version %d (%v), want %d", name, got, err, version)
	}
	return path, db
}

// savedColumn reads one text column of every record, by ID, straight from
// the file, and closes it: what was saved before the migration.
func savedColumn(t *testing.T, db *sql.DB, column string) map[int64]string {
	t.Helper()
	defer db.Close()
	saved := map[int64]string{}
	rows, err := db.Query("SELECT id, " + column + " FROM records")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var v string
		if err := rows.Scan(&id, &v); err != nil {
			t.Fatal(err)
		}
		saved[id] = v
	}
	return saved
}

// openMigrated opens the older log at path, which migrates it, and lists
// its records, which must be n.
func openMigrated(t *testing.T, path string, n int) (*Log, []Record) {
	t.Helper()
	l, err := Open(path)
	if err != nil {
		t.Fatalf("opening an older log: %v", err)
	}
	list, err := l.List(context.Background())
	if err != nil {
		l.Close()
		t.Fatal(err)
	}
	if len(list) != n {
		l.Close()
		t.Fatalf("%d records after migration, want %d", len(list), n)
	}
	return l, list
}

func TestMigrateFromV1(t *testing.T) {
	ctx := context.Background()
	path, db := fixtureCopy(t, "v1.db", 1)
	// The answers as saved: the course cases may have changed since.
	saved := savedColumn(t, db, "answers")
	l, list := openMigrated(t, path, len(v1Records))
	defer l.Close()
	for i, got := range list {
		v := v1Records[len(v1Records)-1-i] // newest first
		want := record(t, v.caseID, v.athlete, v.team, v.created)
		if got.Athlete != want.Athlete || got.Team != want.Team || got.Side != want.Side || !got.Created.Equal(want.Created) ||
			got.Band != want.Band || got.Triage != want.Triage || !sameAnswers(t, got.AnswersJSON(), saved[got.ID]) {
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
	var versions string
	if err := db.QueryRow("SELECT group_concat(version) FROM (SELECT version FROM schema_version ORDER BY version)").Scan(&versions); err != nil || versions != "1,2,3" {
		t.Errorf("schema_version holds %q (%v), want 1,2,3", versions, err)
	}
	var index int
	if err := db.QueryRow("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = 'records_created'").Scan(&index); err != nil || index != 1 {
		t.Errorf("the index on created is missing after migration (%v)", err)
	}
}

// sameAnswers reports whether two answers documents hold the same answers,
// whatever the order of their keys: a log keeps the document written in
// the asking order of its day.
func sameAnswers(t *testing.T, a []byte, b string) bool {
	t.Helper()
	x, err := q.ParseAnswers(a)
	if err != nil {
		t.Fatal(err)
	}
	y, err := q.ParseAnswers([]byte(b))
	if err != nil {
		t.Fatal(err)
	}
	return x == y
}

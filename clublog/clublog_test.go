package clublog

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"achilles/clublog/names"
)

func TestRoundTrip(t *testing.T) {
	ctx := context.Background()
	l, path := openLog(t)
	recs := []Record{
		record(t, "classic", "A. Smith", "Under-18s", t0),
		record(t, "sprain", "李小龍", "", t0.Add(time.Hour)),
		record(t, "calf_tear", `Jo "JJ" O'Neil, Jr.`, "Vets B", t0.Add(-time.Hour)),
	}
	for i := range recs {
		recs[i].ID = mustAdd(t, l, recs[i])
	}
	if recs[0].ID == recs[1].ID || recs[1].ID == recs[2].ID {
		t.Fatalf("IDs not distinct: %d %d %d", recs[0].ID, recs[1].ID, recs[2].ID)
	}

	list, err := l.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, r := range list {
		order = append(order, r.Athlete)
		if r.Assessment != nil {
			t.Errorf("List gave record %d its assessment; it should leave it out", r.ID)
		}
	}
	if want := []string{"李小龍", "A. Smith", recs[2].Athlete}; strings.Join(order, "|") != strings.Join(want, "|") {
		t.Fatalf("List order = %q, want newest first %q", order, want)
	}

	for _, want := range recs {
		got, err := l.Get(ctx, want.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !got.Created.Equal(want.Created) || got.Created.Location() != time.UTC {
			t.Errorf("record %d: created %v, want %v in UTC", want.ID, got.Created, want.Created)
		}
		if got.Athlete != want.Athlete || got.Team != want.Team || got.Side != want.Side ||
			got.Lang != "en" || got.ModelVersion != want.ModelVersion || got.Band != want.Band ||
			got.Triage != want.Triage || got.Probability != want.Probability || got.Answers != want.Answers ||
			!bytes.Equal(got.Assessment, want.Assessment) {
			t.Errorf("record %d read back as\n%+v\nwant\n%+v", want.ID, got, want)
		}
		checkRecord(t, got)
	}
	if recs[0].Side != "left" || recs[1].Side != "right" {
		t.Errorf("sides = %q, %q; want left, right from the cases' answers", recs[0].Side, recs[1].Side)
	}

	var each []int64
	err = l.Each(ctx, func(r Record) error {
		if r.Assessment == nil {
			t.Errorf("Each gave record %d without its assessment", r.ID)
		}
		each = append(each, r.ID)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := []int64{recs[2].ID, recs[0].ID, recs[1].ID}; !equalIDs(each, want) {
		t.Fatalf("Each order = %v, want oldest first %v", each, want)
	}
	stop := errors.New("stop")
	n := 0
	if err := l.Each(ctx, func(Record) error { n++; return stop }); err != stop || n != 1 {
		t.Fatalf("Each after fn fails: err %v after %d calls, want stop after 1", err, n)
	}

	if err := l.Delete(ctx, recs[0].ID, t0); err != nil {
		t.Fatal(err)
	}
	if r, err := l.Get(ctx, recs[0].ID); err != nil || !r.Deleted.Equal(t0) {
		t.Fatalf("Get of a deleted record: deleted %v, %v; want it marked deleted at %v", r.Deleted, err, t0)
	}
	if err := l.Delete(ctx, recs[0].ID, t0); !errors.Is(err, ErrDeleted) {
		t.Fatalf("Delete of a deleted record: %v, want ErrDeleted", err)
	}
	if err := l.Delete(ctx, 999, t0); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Delete(999): %v, want ErrNotFound", err)
	}
	if n, err := l.Purge(ctx, []int64{recs[0].ID}); err != nil || n != 1 {
		t.Fatalf("Purge: %d, %v; want 1 record purged", n, err)
	}
	if _, err := l.Get(ctx, recs[0].ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Get of a purged record: %v, want ErrNotFound", err)
	}
	if _, err := l.Get(ctx, 999); !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "999") {
		t.Fatalf("Get(999): %v, want ErrNotFound naming 999", err)
	}

	// What was written is there after closing and opening again.
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	l2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer l2.Close()
	list, err = l2.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].ID != recs[1].ID || list[1].ID != recs[2].ID {
		t.Fatalf("after reopening: %d records, want records %d and %d", len(list), recs[1].ID, recs[2].ID)
	}
}

func equalIDs(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestEmptyLog(t *testing.T) {
	l, _ := openLog(t)
	list, err := l.List(context.Background())
	if err != nil || len(list) != 0 {
		t.Fatalf("List of a new log = %v, %v; want nothing", list, err)
	}
	var buf bytes.Buffer
	if _, err := l.WriteJSON(context.Background(), &buf, ExportOptions{}); err != nil || buf.String() != "[]\n" {
		t.Fatalf("WriteJSON of a new log = %q, %v; want []", buf.String(), err)
	}
}

func TestFileModes(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Unix file modes")
	}
	dir := filepath.Join(t.TempDir(), "new", "achilles")
	path := filepath.Join(dir, "log.db")
	l, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	mustAdd(t, l, record(t, "classic", "A", "", t0))
	for _, d := range []string{dir, filepath.Dir(dir)} {
		info, err := os.Stat(d)
		if err != nil {
			t.Fatal(err)
		}
		if perm := info.Mode().Perm(); perm != 0o700 {
			t.Errorf("directory %s has mode %v, want 0700", d, perm)
		}
	}
	for _, f := range []string{path, path + "-wal", path + "-shm"} {
		info, err := os.Stat(f)
		if err != nil {
			t.Fatalf("%v (a WAL log has -wal and -shm files while open)", err)
		}
		if perm := info.Mode().Perm(); perm != 0o600 {
			t.Errorf("%s has mode %v, want 0600", filepath.Base(f), perm)
		}
	}
}

func TestOpenEmptyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "log.db")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	l, err := Open(path)
	if err != nil {
		t.Fatalf("an empty file should be made a log: %v", err)
	}
	defer l.Close()
	mustAdd(t, l, record(t, "classic", "A", "", t0))
	db := rawDB(t, path)
	defer db.Close()
	var appID, version int
	var mode string
	if err := db.QueryRow("PRAGMA application_id").Scan(&appID); err != nil || appID != ApplicationID {
		t.Errorf("application_id = %#x (%v), want %#x", appID, err, ApplicationID)
	}
	if err := db.QueryRow("SELECT max(version) FROM schema_version").Scan(&version); err != nil || version != SchemaVersion {
		t.Errorf("schema version = %d (%v), want %d", version, err, SchemaVersion)
	}
	if err := db.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal mode = %q (%v), want wal", mode, err)
	}
}

func TestOpenDirectory(t *testing.T) {
	dir := t.TempDir()
	if _, err := Open(dir); !errors.Is(err, ErrNotFile) {
		t.Fatalf("Open(a directory) = %v, want ErrNotFile", err)
	}
}

func TestValidation(t *testing.T) {
	long := strings.Repeat("é", names.Max)
	for _, tc := range []struct {
		athlete, team string
		field, want   string // want: a part of the message; "" for valid
	}{
		{"A. Smith", "", "", ""},
		{"李", "港隊", "", ""},
		{long, long, "", ""},
		{"", "", "athlete", "is empty"},
		{"   ", "", "athlete", "is empty"},
		{long + "x", "", "athlete", "is 101 characters long; at most 100"},
		{"A", long + "x", "team", "is 101 characters long; at most 100"},
		{"A\x07B", "", "athlete", "control character U+0007"},
		{"A\nB", "", "athlete", "control character U+000A"},
		{"A", "Team\r", "team", "control character U+000D"},
		{"A\u202eB", "", "athlete", "U+202E"},
		{"A\xffB", "", "athlete", "not valid UTF-8"},
	} {
		var err error
		if tc.field == "team" {
			err = names.ValidateTeam(tc.team)
		} else {
			err = names.ValidateAthlete(tc.athlete)
		}
		l, _ := openLog(t)
		_, addErr := l.Add(context.Background(), record(t, "classic", tc.athlete, tc.team, t0))
		if tc.want == "" {
			if err != nil || addErr != nil {
				t.Errorf("%q/%q: %v / %v, want valid", tc.athlete, tc.team, err, addErr)
			}
			continue
		}
		var ne *names.Error
		if !errors.As(err, &ne) || ne.Field != tc.field || !strings.Contains(err.Error(), tc.want) ||
			!strings.HasPrefix(err.Error(), tc.field+" name") {
			t.Errorf("%q/%q: validation error %v, want a %s error saying %q", tc.athlete, tc.team, err, tc.field, tc.want)
		}
		var fe *FieldError
		if !errors.Is(addErr, ErrInvalid) || addErr.Error() != err.Error() || !errors.As(addErr, &fe) || fe.Field != tc.field ||
			!errors.As(addErr, &ne) || fe.Char != ne.Char {
			t.Errorf("%q/%q: Add error %v, want ErrInvalid %v", tc.athlete, tc.team, addErr, err)
		}
		if list, _ := l.List(context.Background()); len(list) != 0 {
			t.Errorf("%q/%q: an invalid record was saved", tc.athlete, tc.team)
		}
	}
}

func TestAddRefusesBadRecords(t *testing.T) {
	l, _ := openLog(t)
	good := record(t, "classic", "A", "", t0)
	for field, r := range map[string]Record{
		"created":     func() Record { r := good; r.Created = time.Time{}; return r }(),
		"side":        func() Record { r := good; r.Side = "both"; return r }(),
		"band":        func() Record { r := good; r.Band = ""; return r }(),
		"probability": func() Record { r := good; r.Probability = 1.5; return r }(),
		"assessment":  func() Record { r := good; r.Assessment = []byte(`{"band":`); return r }(),
	} {
		var fe *FieldError
		if _, err := l.Add(context.Background(), r); !errors.As(err, &fe) || fe.Field != field {
			t.Errorf("%s: Add = %v, want a FieldError for %s", field, err, field)
		}
	}
}

// TestOddPaths: characters that mean something in a URI are file name
// characters like any other.
func TestOddPaths(t *testing.T) {
	name := "a b?c#d%20e"
	if runtime.GOOS == "windows" {
		name = "a b#d%20e"
	}
	path := filepath.Join(t.TempDir(), name, "log "+name+".db")
	for i := range 2 { // creating, then checking an existing log
		l, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		mustAdd(t, l, record(t, "classic", "A", "", t0))
		if list, err := l.List(context.Background()); err != nil || len(list) != i+1 {
			t.Fatalf("List: %d records, %v", len(list), err)
		}
		l.Close()
	}
	entries, err := os.ReadDir(filepath.Dir(path))
	if err != nil || len(entries) != 1 || entries[0].Name() != filepath.Base(path) {
		t.Fatalf("the log is not where it was asked to be: %v %v", entries, err)
	}
}

package cli

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/charmbracelet/x/ansi"

	"achilles/assessment"
	"achilles/catalog"
	"achilles/clublog"
	"achilles/clublog/names"
	q "achilles/questionnaire"
)

// logRun runs an achilles log command on the club log at db.
func logRun(t *testing.T, db string, args ...string) outcome {
	t.Helper()
	return runWith(t, runOpts{}, append([]string{"log"}, append(args, "--db", db)...)...)
}

// mustFail checks a run that must be refused as bad usage: exit 2, the
// message on stderr, nothing on stdout.
func mustFail(t *testing.T, o outcome, want ...string) {
	t.Helper()
	if o.code != ExitUsage || o.stdout != "" {
		t.Fatalf("want exit 2 and nothing on stdout; got %v", o)
	}
	for _, w := range want {
		if !strings.Contains(o.stderr, w) {
			t.Fatalf("stderr %q does not say %q", o.stderr, w)
		}
	}
}

// decodeJSON decodes a JSON document into a value of type T.
func decodeJSON[T any](t *testing.T, data string) T {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(data), &v); err != nil {
		t.Fatalf("not the JSON expected: %v\n%s", err, data)
	}
	return v
}

func TestLogRoundTrip(t *testing.T) {
	db := filepath.Join(t.TempDir(), "club", "log.db")
	answers := writeFile(t, "answers.json", []byte(`{"pop": "yes", "side": "left", "thompson": "positive"}`))

	// add: from a case, from a file with an override, from stdin.
	adds := []struct {
		args  []string
		stdin string
	}{
		{[]string{"add", "--athlete", "A. Smith", "--team", "Under-18s", "--case", "classic"}, ""},
		{[]string{"add", "--athlete", `Jo "JJ" O'Neil, Jr.`, "--team", "Vets, B", "--answers", answers, "--answer", "side=right"}, ""},
		{[]string{"add", "--athlete", "  李小龍  ", "--answers", "-"}, `{"tiptoe": "cannot"}`},
	}
	for i, a := range adds {
		o := runWith(t, runOpts{stdin: strings.NewReader(a.stdin)}, append([]string{"log", "--db", db}, a.args...)...)
		mustSucceed(t, o)
		if want := []string{"1\n", "2\n", "3\n"}[i]; o.stdout != want {
			t.Fatalf("add printed %q, want the new ID %q", o.stdout, want)
		}
	}
	if runtime.GOOS != "windows" {
		for path, want := range map[string]os.FileMode{db: 0o600, filepath.Dir(db): 0o700} {
			if info, err := os.Stat(path); err != nil || info.Mode().Perm() != want {
				t.Errorf("%s: mode %v (%v), want %v", path, info.Mode().Perm(), err, want)
			}
		}
	}

	// list, as text: newest first, aligned by display width.
	o := logRun(t, db, "list")
	mustSucceed(t, o)
	lines := strings.Split(strings.TrimSuffix(o.stdout, "\n"), "\n")
	if len(lines) != 4 || !strings.HasPrefix(lines[0], "ID  SAVED (UTC)") {
		t.Fatalf("list: want a header and 3 rows:\n%s", o.stdout)
	}
	// Local time, its zone in the heading (UTC here: runWith's zone); the
	// course case's record is marked as practice.
	for i, want := range []string{"3   2026-03-14 09:30  李小龍", "2   2026-03-14 09:30  Jo \"JJ\"", "1   2026-03-14 09:30  A. Smith (practice)"} {
		if !strings.HasPrefix(lines[i+1], want) {
			t.Errorf("list row %d = %q, want it to start %q", i+1, lines[i+1], want)
		}
	}
	// Every row's cells start where the header's do, counted in terminal
	// cells: the Chinese name is two cells a character.
	col := func(line, cell string) int { return ansi.StringWidth(line[:strings.Index(line, cell)]) }
	for _, row := range lines[1:] {
		urgency := row[strings.LastIndex(row, "  ")+2:] // no follow-ups: urgency is last
		rest := strings.TrimRight(strings.TrimSuffix(row, urgency), " ")
		band := rest[strings.LastIndex(rest, "  ")+2:]
		if col(row, urgency) != col(lines[0], "URGENCY") || col(row, band) != col(lines[0], "BAND") {
			t.Errorf("row %q is not aligned with the header:\n%s", row, o.stdout)
		}
	}
	if col(lines[2], "Vets, B") != col(lines[0], "TEAM") || col(lines[2], "Right leg") != col(lines[0], "SIDE") ||
		col(lines[3], "Under-18s") != col(lines[0], "TEAM") {
		t.Errorf("team or side not aligned with the header:\n%s", o.stdout)
	}

	// list, as JSON.
	o = logRun(t, db, "list", "--format", "json")
	mustSucceed(t, o)
	list := decodeJSON[[]map[string]any](t, o.stdout)
	if len(list) != 3 || list[0]["athlete"] != "李小龍" || list[1]["side"] != "right" || list[2]["team"] != "Under-18s" ||
		list[2]["id"] != 1.0 || list[2]["created"] != "2026-03-14T09:30:00Z" || list[2]["band"] != "very_likely" || list[2]["triage"] != "same_day" {
		t.Fatalf("list --format json:\n%s", o.stdout)
	}

	// show: the header, then exactly what assess gives for the same answers.
	o = logRun(t, db, "show", "1")
	mustSucceed(t, o)
	assessed := run(t, "assess", "--case", "classic")
	header, report, ok := strings.Cut(o.stdout, "\n\n")
	if !ok || report != assessed.stdout {
		t.Fatalf("show text does not end with the assessment of the saved answers:\n%s", o.stdout)
	}
	for _, want := range []string{"CLUB LOG RECORD 1", "Athlete: A. Smith", "Team:    Under-18s", "Side:    Left leg", "Saved:   2026-03-14 09:30 UTC"} {
		if !strings.Contains(header, want) {
			t.Errorf("show header %q lacks %q", header, want)
		}
	}
	o = logRun(t, db, "show", "2", "--format", "markdown")
	mustSucceed(t, o)
	assessed = run(t, "assess", "--answers", answers, "--answer", "side=right", "--format", "markdown")
	if !strings.HasSuffix(o.stdout, "\n"+assessed.stdout) || !strings.HasPrefix(o.stdout, "**Club log record 2**\n") ||
		!strings.Contains(o.stdout, `- Athlete: Jo "JJ" O'Neil, Jr.`) || !strings.Contains(o.stdout, "- Side: Right leg") {
		t.Fatalf("show --format markdown:\n%s", o.stdout)
	}
	o = logRun(t, db, "show", "2", "--format", "json")
	mustSucceed(t, o)
	shown := decodeObject(t, o.stdout)
	assessed = run(t, "assess", "--answers", answers, "--answer", "side=right", "--format", "json")
	if !reflect.DeepEqual(shown["assessment"], decodeObject(t, assessed.stdout)) {
		t.Errorf("show json assessment differs from assess:\n%v\n%v", shown["assessment"], assessed.stdout)
	}
	if shown["id"] != 2.0 || shown["athlete"] != `Jo "JJ" O'Neil, Jr.` || shown["team"] != "Vets, B" || shown["side"] != "right" ||
		shown["created"] != "2026-03-14T09:30:00Z" {
		t.Errorf("show json fields: %v", shown)
	}

	// export, CSV to stdout: parsed back whole, the practice record
	// included as asked.
	o = logRun(t, db, "export", "--format", "csv", "--include-practice")
	mustSucceed(t, o)
	rows, err := csv.NewReader(strings.NewReader(o.stdout)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(rows[0], clublog.CSVHeader()) || len(rows) != 4 {
		t.Fatalf("CSV header %v and %d rows:\n%s", rows[0], len(rows), o.stdout)
	}
	if r := rows[2]; r[0] != "2" || r[2] != `Jo "JJ" O'Neil, Jr.` || r[3] != "Vets, B" || r[4] != "right" ||
		!reflect.DeepEqual(decodeObject(t, r[10]), answersJSON(t, `{"pop": "yes", "side": "right", "thompson": "positive"}`)) {
		t.Errorf("CSV row of record 2: %q", r)
	}
	if r := rows[3]; r[2] != "李小龍" || r[1] != "2026-03-14T09:30:00Z" || r[8] != "en" || r[9] == "" {
		t.Errorf("CSV row of record 3: %q", r)
	}

	// export, JSON to a file that replaces an old one: mode 0600, whole,
	// the objects of show, no temporary file left.
	dir := t.TempDir()
	out := filepath.Join(dir, "export.json")
	if err := os.WriteFile(out, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	o = logRun(t, db, "export", "--format", "json", "--output", out, "--include-practice")
	if o.code != 0 || o.stdout != "" || o.stderr != "achilles: wrote 3 record(s) to "+out+"\n" {
		t.Fatalf("export --output: %v; want stderr to say how many records went where", o)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	exported := decodeJSON[[]map[string]any](t, string(data))
	if len(exported) != 3 || !reflect.DeepEqual(exported[1], shown) {
		t.Errorf("exported JSON: record 2 is\n%v\nwant what show gives\n%v", exported[1], shown)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("export left %d files in the directory, want 1", len(entries))
	}
	if info, _ := os.Stat(out); runtime.GOOS != "windows" && info.Mode().Perm() != 0o600 {
		t.Errorf("exported file has mode %v, want 0600", info.Mode().Perm())
	}

	// delete, then the record is gone from lists, shown as deleted, and
	// can come back.
	o = logRun(t, db, "delete", "2", "--yes")
	if o.code != 0 || o.stdout != "" || !strings.Contains(o.stderr, "deleted record 2") || !strings.Contains(o.stderr, "achilles log undo") {
		t.Fatalf("delete: %v", o)
	}
	if o := logRun(t, db, "show", "2"); o.code != 0 || !strings.Contains(o.stdout, "Deleted 2026-03-14 09:30 UTC; achilles log restore 2 brings it back.") {
		t.Errorf("show of a deleted record: %v", o)
	}
	mustFail(t, logRun(t, db, "delete", "2", "--yes"), "record 2 is deleted", "achilles log restore 2")
	if o := logRun(t, db, "list", "--format", "json"); len(decodeJSON[[]any](t, o.stdout)) != 2 {
		t.Errorf("list after delete: %v", o)
	}
	if o := logRun(t, db, "restore", "2"); o.code != 0 || !strings.Contains(o.stderr, "restored record 2") {
		t.Errorf("restore: %v", o)
	}
	if o := logRun(t, db, "list", "--format", "json"); len(decodeJSON[[]any](t, o.stdout)) != 3 {
		t.Errorf("list after restore: %v", o)
	}
}

func TestLogEmpty(t *testing.T) {
	db := filepath.Join(t.TempDir(), "log.db")
	l, err := clublog.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	l.Close()
	o := logRun(t, db, "list")
	if o.code != 0 || o.stdout != "" || !strings.Contains(o.stderr, "is empty") || !strings.Contains(o.stderr, "achilles log add") {
		t.Fatalf("list of an empty log: %v", o)
	}
	if o := logRun(t, db, "list", "--format", "json"); o.code != 0 || o.stdout != "[]\n" {
		t.Fatalf("list --format json of an empty log: %v", o)
	}
	if o := logRun(t, db, "export", "--format", "csv"); o.code != 0 || o.stdout != strings.Join(clublog.CSVHeader(), ",")+"\n" {
		t.Fatalf("export --format csv of an empty log: %v", o)
	}
}

func TestLogUsesAchillesDB(t *testing.T) {
	db := filepath.Join(t.TempDir(), "env.db")
	o := runWith(t, runOpts{env: map[string]string{"ACHILLES_DB": db}}, "log", "add", "--athlete", "A")
	mustSucceed(t, o)
	if _, err := os.Stat(db); err != nil {
		t.Fatalf("ACHILLES_DB was not used: %v", err)
	}
}

func TestLogErrors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "log.db")
	mustSucceed(t, logRun(t, db, "add", "--athlete", "A", "--case", "classic"))
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"show", "99"}, []string{"no record 99", db, "achilles log list"}},
		{[]string{"delete", "99", "--yes"}, []string{"no record 99"}},
		{[]string{"show", "abc"}, []string{`record ID "abc" is not valid`, "positive whole number"}},
		{[]string{"show", "0"}, []string{`record ID "0" is not valid`}},
		{[]string{"show", "1.5"}, []string{`record ID "1.5" is not valid`}},
		{[]string{"show"}, []string{"needs one record ID"}},
		{[]string{"delete", "1", "2"}, []string{"needs one record ID"}},
		{[]string{"show", "1", "--format", "csv"}, []string{`--format "csv" is not allowed; allowed: text, markdown, json`}},
		{[]string{"list", "--format", "csv"}, []string{`--format "csv" is not allowed; allowed: text, json`}},
		{[]string{"export"}, []string{"--format is required", "csv, json or xlsx"}},
		{[]string{"export", "--format", "xml"}, []string{`--format "xml" is not allowed; allowed: csv, json, xlsx`}},
		{[]string{"export", "--format", "xlsx"}, []string{"--format xlsx needs --output FILE"}},
		{[]string{"export", "--format", "json", "--excel"}, []string{"--excel is for --format csv"}},
		{[]string{"list", "--since", "14/03/2026"}, []string{`--since "14/03/2026" is not a date`, "YYYY-MM-DD"}},
		{[]string{"list", "--since", "2026-03-15", "--until", "2026-03-14"}, []string{"--since 2026-03-15 is after --until 2026-03-14"}},
		{[]string{"export", "--format", "csv", "--urgency", "urgent"}, []string{`--urgency "urgent" is not an urgency level`, "same_day"}},
		{[]string{"follow-up", "1"}, []string{"--status is required", "seen, diagnosed, treated, cleared, other"}},
		{[]string{"follow-up", "1", "--status", "healed"}, []string{`--status "healed" is not allowed`, "cleared"}},
		{[]string{"follow-up", "1", "--status", "seen", "--note", "a\x1bb"}, []string{"--note has the character U+001B"}},
		{[]string{"follow-up", "99", "--status", "seen"}, []string{"no record 99"}},
		{[]string{"follow-up", "--status", "seen"}, []string{"needs one record ID"}},
		{[]string{"restore", "1"}, []string{"record 1 is not deleted"}},
		{[]string{"undo"}, []string{"no deleted record to bring back"}},
		{[]string{"delete", "1"}, []string{"stdin is not a terminal", "--yes"}},
		{[]string{"list", "extra"}, []string{`takes no arguments, got "extra"`}},
		{[]string{"export", "--format", "csv", "--output", db}, []string{"is the club log itself"}},
		{[]string{"export", "--format", "csv", "--output", filepath.Dir(db)}, []string{"is a directory"}},
		{[]string{"export", "--format", "csv", "--output", "/no/such/dir/x.csv"}, []string{"--output /no/such/dir/x.csv"}},
		{[]string{"add"}, []string{"--athlete is required"}},
		{[]string{"add", "--athlete", " "}, []string{"--athlete: athlete name is empty"}},
		{[]string{"add", "--athlete", strings.Repeat("x", 101)}, []string{"101 characters long; at most 100"}},
		{[]string{"add", "--athlete", "A\tB"}, []string{"control character U+0009"}},
		{[]string{"add", "--athlete", "A", "--team", strings.Repeat("é", 101)}, []string{"--team: the name is 101 characters long"}},
		{[]string{"add", "--athlete", "A", "--case", "nope"}, []string{`no course case "nope"`, "classic"}},
		{[]string{"add", "--athlete", "A", "--answer", "pop=maybe"}, []string{"--answer pop=maybe"}},
		{[]string{"add", "--athlete", "A", "--answers", "/no/such.json"}, []string{"no such file"}},
		{[]string{"frobnicate"}, []string{`unknown log command "frobnicate"`}},
	} {
		mustFail(t, logRun(t, db, tc.args...), tc.want...)
	}
	// Nothing bad was saved, and the good record is still there.
	if o := logRun(t, db, "list", "--format", "json"); len(decodeJSON[[]any](t, o.stdout)) != 1 {
		t.Errorf("after the refused commands: %v", o)
	}
	// A refused add creates no log.
	fresh := filepath.Join(t.TempDir(), "log.db")
	mustFail(t, logRun(t, fresh, "add", "--athlete", ""))
	if _, err := os.Stat(fresh); !os.IsNotExist(err) {
		t.Errorf("a refused add created the log (%v)", err)
	}
}

// TestLogRefusesOtherFiles: a file that is not a club log, or is too new,
// is exit 2 for every command, with a message naming the file, and the file
// is not changed.
func TestLogRefusesOtherFiles(t *testing.T) {
	junk := writeFile(t, "junk.db", []byte(strings.Repeat("not a database\n", 500)))
	newer := filepath.Join(t.TempDir(), "newer.db")
	mustSucceed(t, logRun(t, newer, "add", "--athlete", "A"))
	raw, err := sql.Open("sqlite", newer)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec("INSERT INTO schema_version VALUES (99, '2040-01-01T00:00:00Z')"); err != nil {
		t.Fatal(err)
	}
	raw.Close()

	for _, tc := range []struct{ path, want string }{{junk, "not an achilles club log"}, {newer, "newer version of achilles"}} {
		before, _ := os.ReadFile(tc.path)
		for _, args := range [][]string{
			{"add", "--athlete", "A"}, {"list"}, {"show", "1"}, {"export", "--format", "csv"}, {"delete", "1"},
		} {
			mustFail(t, logRun(t, tc.path, args...), tc.want, tc.path, "unchanged", "--db PATH or ACHILLES_DB")
		}
		if after, _ := os.ReadFile(tc.path); sha256.Sum256(before) != sha256.Sum256(after) {
			t.Errorf("%s was changed", tc.path)
		}
	}
}

func TestLogInternalError(t *testing.T) {
	db := filepath.Join(t.TempDir(), "log.db")
	mustSucceed(t, logRun(t, db, "add", "--athlete", "A"))
	for _, args := range [][]string{{"list"}, {"show", "1"}, {"export", "--format", "json"}} {
		var stderr strings.Builder
		code := Run(context.Background(), append([]string{"log", "--db", db}, args...),
			Env{Stdin: strings.NewReader(""), Stdout: failingWriter{}, Stderr: &stderr})
		if code != ExitInternal || !strings.Contains(stderr.String(), "no space left on device") {
			t.Errorf("%v with an unwritable stdout: exit %d, stderr %q; want 1 and the cause", args, code, stderr.String())
		}
	}
}

// TestWriteOutputAllOrNothing: an export that fails half-way leaves the
// old file as it was and no temporary file behind.
func TestWriteOutputAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "export.csv")
	if err := os.WriteFile(out, []byte("the old export\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	err := writeOutput(Env{}, catalog.MustLoad("en"), out, "", func(w io.Writer) error {
		io.WriteString(w, strings.Repeat("half an export\n", 10000))
		return errors.New("disk on fire")
	})
	if err == nil || !strings.Contains(err.Error(), "disk on fire") {
		t.Fatalf("writeOutput = %v, want the render's error", err)
	}
	if data, _ := os.ReadFile(out); string(data) != "the old export\n" {
		t.Errorf("the old file was changed: %.40q", data)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d files in the directory, want only the old export", len(entries))
	}
}

// TestLogShowsOldRecords: records saved before the log kept the whole
// assessment show it as null in JSON, and are assessed again for people.
func TestLogShowsOldRecords(t *testing.T) {
	fixture, err := os.ReadFile(filepath.Join("..", "clublog", "testdata", "v1.db"))
	if err != nil {
		t.Fatal(err)
	}
	db := writeFile(t, "log.db", fixture)
	o := logRun(t, db, "show", "1", "--format", "json")
	mustSucceed(t, o)
	rec := decodeObject(t, o.stdout)
	if rec["assessment"] != nil || rec["lang"] != "" || rec["athlete"] != "A. Smith" {
		t.Errorf("an old record in JSON: %v", rec)
	}
	o = logRun(t, db, "show", "1")
	mustSucceed(t, o)
	if !strings.Contains(o.stdout, "Saved with an earlier model") || !strings.Contains(o.stdout, "ACHILLES TENDON RUPTURE") {
		t.Errorf("an old record as text:\n%s", o.stdout)
	}
}

// TestLogMissingNotCreated: the commands that read or remove records
// create no log file, nor its directory: list and export show an empty
// log, show and delete find no record, and all say the log does not exist.
func TestLogMissingNotCreated(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "new", "typo.db")
	missing := func(o outcome) {
		t.Helper()
		if !strings.Contains(o.stderr, db) || !strings.Contains(o.stderr, "does not exist yet") {
			t.Errorf("stderr %q does not say that %s does not exist yet", o.stderr, db)
		}
	}
	for _, tc := range []struct {
		args   []string
		stdout string
	}{
		{[]string{"list"}, ""},
		{[]string{"list", "--format", "json"}, "[]\n"},
		{[]string{"export", "--format", "csv"}, strings.Join(clublog.CSVHeader(), ",") + "\n"},
		{[]string{"export", "--format", "json"}, "[]\n"},
	} {
		o := logRun(t, db, tc.args...)
		if o.code != ExitOK || o.stdout != tc.stdout {
			t.Errorf("%v of a log that does not exist: %v; want exit 0 and %q", tc.args, o, tc.stdout)
		}
		missing(o)
	}
	for _, args := range [][]string{{"show", "3"}, {"delete", "3"}} {
		o := logRun(t, db, args...)
		mustFail(t, o, "no record 3", db)
		missing(o)
	}
	if entries, err := os.ReadDir(dir); err != nil || len(entries) != 0 {
		t.Fatalf("the read commands created %v (%v); want nothing", entries, err)
	}
	// An export to a file writes the empty export there, and still
	// creates no log.
	out := filepath.Join(t.TempDir(), "out.json")
	if o := logRun(t, db, "export", "--format", "json", "--output", out); o.code != ExitOK || o.stdout != "" {
		t.Fatalf("export --output of a log that does not exist: %v", o)
	}
	if data, err := os.ReadFile(out); err != nil || string(data) != "[]\n" {
		t.Errorf("exported %q (%v), want []", data, err)
	}
	if entries, err := os.ReadDir(dir); err != nil || len(entries) != 0 {
		t.Fatalf("export --output created %v (%v); want nothing beside the log", entries, err)
	}
	// add is what starts a log.
	mustSucceed(t, logRun(t, db, "add", "--athlete", "A"))
	mustSucceed(t, logRun(t, db, "list"))
}

// damagedLog makes a closed club log of three records and overwrites
// bytes inside the saved assessment of the second, which SQLite's check of
// the pages does not see. It returns the log's path.
func damagedLog(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "log.db")
	l, err := clublog.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	cat := catalog.MustLoad("en")
	for _, athlete := range []string{"Athlete One", "Damaged Dora", "Athlete Three"} {
		rep := assessment.NewReport(assessment.Assess(q.Answers{}), cat, assessment.Options{})
		if _, err := l.Add(context.Background(), clublog.NewRecord(&rep, athlete, "", fixedNow)); err != nil {
			t.Fatal(err)
		}
	}
	if err := l.Close(); err != nil { // checkpoints the WAL into the file
		t.Fatal(err)
	}
	data, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	// The record's columns are stored one after the other; its assessment
	// starts after the athlete's name, on the same page.
	athlete := bytes.Index(data, []byte("Damaged Dora"))
	start := bytes.Index(data[athlete:], []byte(`{"schema_version":`))
	pageSize := int(binary.BigEndian.Uint16(data[16:]))
	const n = 40
	if athlete < 0 || start < 0 {
		t.Fatal("the record's athlete or assessment is not in the file")
	}
	start += athlete + 2 // inside the object
	if athlete/pageSize != (start+n)/pageSize {
		t.Fatalf("the record's assessment is not on its page (bytes %d and %d): the test needs another layout", athlete, start)
	}
	copy(data[start:start+n], bytes.Repeat([]byte{0xff}, n))
	if err := os.WriteFile(db, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return db
}

// TestLogDamagedRecord: bytes overwritten inside a record pass SQLite's
// check of the pages, but the record is refused when read: exit 2, naming
// the file and the record, nothing on stdout, no file written, and the log
// left as it was. (Deleting it is TestLogDeleteDamagedRecord.)
func TestLogDamagedRecord(t *testing.T) {
	db := damagedLog(t)
	before, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "export.csv")
	for _, args := range [][]string{
		{"list"}, {"list", "--format", "json"},
		{"show", "2"}, {"show", "2", "--format", "json"}, {"show", "2", "--format", "markdown"},
		{"export", "--format", "csv"}, {"export", "--format", "json"},
		{"export", "--format", "json", "--output", out},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			mustFail(t, logRun(t, db, args...), db, "damaged", "record 2", "unchanged")
		})
	}
	// The other records read as ever.
	mustSucceed(t, logRun(t, db, "show", "1"))
	mustSucceed(t, logRun(t, db, "show", "3", "--format", "json"))
	if after, _ := os.ReadFile(db); !bytes.Equal(before, after) {
		t.Error("reading the damaged log changed it")
	}
	if entries, _ := os.ReadDir(filepath.Dir(out)); len(entries) != 0 {
		t.Errorf("the refused export left %d files behind", len(entries))
	}
	if entries, _ := os.ReadDir(filepath.Dir(db)); len(entries) != 1 {
		t.Errorf("%d files beside the log after reading it, want none", len(entries)-1)
	}
}

// writeSizes records the size of every write to it.
type writeSizes struct {
	sizes []int
	total int
}

func (w *writeSizes) Write(p []byte) (int, error) {
	w.sizes = append(w.sizes, len(p))
	w.total += len(p)
	return len(p), nil
}

// TestLogExportStreams: an export goes to stdout in pieces as it is made,
// not held whole in memory first.
func TestLogExportStreams(t *testing.T) {
	db := filepath.Join(t.TempDir(), "log.db")
	mustSucceed(t, logRun(t, db, "add", "--athlete", "A", "--case", "classic"))
	raw, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	const cols = "created, athlete, team, side, band, triage, probability, answers, lang, model_version, assessment"
	for range 8 { // 256 records
		if _, err := raw.Exec("INSERT INTO records (" + cols + ") SELECT " + cols + " FROM records"); err != nil {
			t.Fatal(err)
		}
	}
	raw.Close()
	for _, format := range []string{"csv", "json"} {
		var stdout writeSizes
		var stderr strings.Builder
		code := Run(context.Background(), []string{"log", "export", "--format", format, "--db", db},
			Env{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr})
		if code != ExitOK {
			t.Fatalf("export --format %s: exit %d, %s", format, code, stderr.String())
		}
		largest := slices.Max(stdout.sizes)
		if len(stdout.sizes) < 2 || largest > 64<<10 || largest == stdout.total {
			t.Errorf("export --format %s wrote %d bytes in %d writes of up to %d bytes; want pieces of at most 64 KiB",
				format, stdout.total, len(stdout.sizes), largest)
		}
	}
}

// TestLogExportOutputFiles: --output may not be the log or the files
// SQLite keeps beside it, by any path, nor a symbolic link; an existing
// file is replaced.
func TestLogExportOutputFiles(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "log.db")
	mustSucceed(t, logRun(t, db, "add", "--athlete", "A", "--case", "classic"))
	linkDir := filepath.Join(t.TempDir(), "here")
	if err := os.Symlink(dir, linkDir); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	dbLink := filepath.Join(t.TempDir(), "log-link.db")
	if err := os.Symlink(db, dbLink); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ db, output, want string }{
		{db, db, "is the club log itself"},
		{db, filepath.Join(dir, ".", "x", "..", "log.db"), "is the club log itself"},
		{db, filepath.Join(linkDir, "log.db"), "is the club log itself"},
		{db, dbLink, "is the club log itself"},
		{db, db + "-wal", "the club log's -wal file"},
		{db, db + "-shm", "the club log's -shm file"},
		{db, db + "-journal", "the club log's -journal file"},
		{db, filepath.Join(linkDir, "log.db-wal"), "the club log's -wal file"},
		{dbLink, db + "-wal", "the club log's -wal file"},
	} {
		mustFail(t, logRun(t, tc.db, "export", "--format", "csv", "--output", tc.output), "--output "+tc.output, tc.want)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Fatalf("%d files beside the log after the refused exports, want none", len(entries)-1)
	}
	mustSucceed(t, logRun(t, db, "show", "1"))

	// A symbolic link is refused, whatever it points to: in a directory
	// others may write, such as /tmp, a link planted at the name would
	// otherwise have the export replace the file it points to. The link
	// and that file stay as they were.
	outDir := t.TempDir()
	mine, planted := filepath.Join(t.TempDir(), "mine.txt"), filepath.Join(outDir, "report.csv")
	if err := os.WriteFile(mine, []byte("my own file\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(mine, planted); err != nil {
		t.Fatal(err)
	}
	mustFail(t, logRun(t, db, "export", "--format", "csv", "--output", planted),
		"--output "+planted, "is a symbolic link", "not written through")
	if to, err := os.Readlink(planted); err != nil || to != mine {
		t.Errorf("the link now leads to %q (%v), want it left leading to %s", to, err, mine)
	}
	data, err := os.ReadFile(mine)
	if err != nil || string(data) != "my own file\n" {
		t.Errorf("the file the link leads to holds %.60q (%v), want it unchanged", data, err)
	}
	if info, _ := os.Stat(mine); runtime.GOOS != "windows" && info.Mode().Perm() != 0o644 {
		t.Errorf("the file the link leads to has mode %v, want it unchanged (0644)", info.Mode().Perm())
	}
	// A link that leads nowhere is refused too, and left as it is.
	dangling := filepath.Join(outDir, "dangling.csv")
	if err := os.Symlink("nowhere/x.csv", dangling); err != nil {
		t.Fatal(err)
	}
	mustFail(t, logRun(t, db, "export", "--format", "csv", "--output", dangling), "--output "+dangling, "is a symbolic link")
	if entries, _ := os.ReadDir(outDir); len(entries) != 2 {
		t.Errorf("%d files in the output directory, want the two links and nothing else", len(entries))
	}
	if _, err := os.Stat(filepath.Join(outDir, "nowhere")); !os.IsNotExist(err) {
		t.Errorf("the dangling link's target was made (%v)", err)
	}

	// An existing regular file is replaced whole, by a file of mode 0600.
	old := filepath.Join(outDir, "old.csv")
	if err := os.WriteFile(old, []byte("old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if o := logRun(t, db, "export", "--format", "csv", "--output", old); o.code != ExitOK || o.stdout != "" {
		t.Fatalf("export --output over an old file: %v", o)
	}
	data, err = os.ReadFile(old)
	if err != nil || !strings.HasPrefix(string(data), strings.Join(clublog.CSVHeader(), ",")+"\n") {
		t.Errorf("the old file holds %.60q (%v), want the export", data, err)
	}
	if info, _ := os.Stat(old); runtime.GOOS != "windows" && info.Mode().Perm() != 0o600 {
		t.Errorf("the replaced file has mode %v, want 0600", info.Mode().Perm())
	}
}

// TestLogExportCSVFormulas: names a spreadsheet would run as formulas are
// quoted in the CSV export only; JSON and the log keep them as saved. (A
// name that starts with a tab or a carriage return, which CSVText quotes
// too, is a damaged record when read: no achilles saves one.)
func TestLogExportCSVFormulas(t *testing.T) {
	db := filepath.Join(t.TempDir(), "log.db")
	names := [][2]string{
		{"=HYPERLINK(\"http://x\")", "+1"}, {"-2+3", "@SUM(A1)"}, {"A. Smith", "U18"}, {"Jo=1", "a-b"},
	}
	for _, n := range names {
		mustSucceed(t, logRun(t, db, "add", "--athlete", n[0], "--team", n[1]))
	}

	o := logRun(t, db, "export", "--format", "csv")
	mustSucceed(t, o)
	rows, err := csv.NewReader(strings.NewReader(o.stdout)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][2]string{{"'=HYPERLINK(\"http://x\")", "'+1"}, {"'-2+3", "'@SUM(A1)"}, {"A. Smith", "U18"}, {"Jo=1", "a-b"}}
	for i, w := range want {
		if got := rows[i+1]; got[2] != w[0] || got[3] != w[1] {
			t.Errorf("CSV row %d: athlete %q, team %q; want %q, %q", i+1, got[2], got[3], w[0], w[1])
		}
	}
	o = logRun(t, db, "export", "--format", "json")
	mustSucceed(t, o)
	for i, rec := range decodeJSON[[]map[string]any](t, o.stdout) {
		if rec["athlete"] != names[i][0] || rec["team"] != names[i][1] {
			t.Errorf("JSON record %d: athlete %q, team %q; want them as saved, %q, %q", i+1, rec["athlete"], rec["team"], names[i][0], names[i][1])
		}
	}
}

// hiddenNames are names with characters that drive a terminal or hide in
// plain sight: ESC, an OSC 52 sequence (which asks the terminal to set the
// clipboard), BEL, the C1 control NEL, a right-to-left override, a
// zero-width space and a tag character, each with its code point.
var hiddenNames = []struct {
	name string
	char string
}{
	{"Eve\x1b[2J", "U+001B"},
	{"Eve\x1b]52;c;ZWNobyBoaQ==\x07", "U+001B"},
	{"Eve\x07 A.", "U+0007"},
	{"Eve\u0085A.", "U+0085"},
	{"Eve\u202Eevil", "U+202E"},
	{"Eve\u200BA.", "U+200B"},
	{"Eve\U000E0041A.", "U+E0041"},
}

// TestLogAddRefusesHiddenCharacters: add refuses each, in the athlete or
// the team, with exit 2 and a message naming the character; nothing is
// saved.
func TestLogAddRefusesHiddenCharacters(t *testing.T) {
	db := filepath.Join(t.TempDir(), "log.db")
	for _, h := range hiddenNames {
		mustFail(t, logRun(t, db, "add", "--athlete", h.name), "--athlete: the name has the", h.char)
		mustFail(t, logRun(t, db, "add", "--athlete", "A", "--team", h.name), "--team: the name has the", h.char)
	}
	if _, err := os.Stat(db); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the refused adds made a log (%v)", err)
	}
}

// craftedLog makes a club log of three records and, as another program
// could, sets the given columns of record 2 with SQL: a map of column to
// value. It returns the log's path.
func craftedLog(t *testing.T, set map[string]any) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "log.db")
	for _, athlete := range []string{"Athlete One", "Athlete Two", "Athlete Three"} {
		mustSucceed(t, logRun(t, db, "add", "--athlete", athlete, "--team", "U16", "--case", "classic"))
	}
	raw, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	// Real records, not practice, so that the exports carry them.
	if _, err := raw.Exec(`UPDATE records SET practice = 0`); err != nil {
		t.Fatal(err)
	}
	for column, value := range set {
		if _, err := raw.Exec(`UPDATE records SET `+column+` = ? WHERE id = 2`, value); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

// rawHidden returns the first character of out that a terminal would run
// or that turns or hides text, or -1 when there is none. Line breaks and
// tabs, which the commands write themselves, are allowed.
func rawHidden(out string) rune {
	for _, r := range out {
		switch {
		case r == '\n' || r == '\t':
		case unicode.In(r, unicode.Cc, unicode.Cf, unicode.Co, unicode.Zl, unicode.Zp, unicode.Other_Default_Ignorable_Code_Point):
			return r
		}
	}
	return -1
}

// readingCommands are the log commands that show what a record holds.
var readingCommands = [][]string{
	{"list"}, {"list", "--format", "json"},
	{"show", "2"}, {"show", "2", "--format", "markdown"}, {"show", "2", "--format", "json"},
	{"export", "--format", "csv"}, {"export", "--format", "json"},
}

// TestLogCraftedNames: a name that another program saved with ESC, an OSC
// 52 sequence, BEL, a C1 control or a bidi override is a damaged record:
// every reading command refuses the log with exit 2, naming the record and
// the character. Invisible characters that earlier versions saved (a
// zero-width space, a tag character) still read, and no command writes
// one raw: text and CSV show U+FFFD, JSON escapes them and keeps the name.
func TestLogCraftedNames(t *testing.T) {
	for _, h := range hiddenNames {
		for _, field := range []string{"athlete", "team"} {
			damage := rawHidden(h.name) != 0x200B && rawHidden(h.name) != 0xE0041
			db := craftedLog(t, map[string]any{field: h.name})
			for _, args := range readingCommands {
				o := logRun(t, db, args...)
				if r := rawHidden(o.stdout + o.stderr); r >= 0 {
					t.Errorf("%s %+q: log %v wrote %U raw: %v", field, h.name, args, r, o)
				}
				if damage {
					mustFail(t, o, "damaged", "record 2 holds what achilles never writes (its "+field+" has the ", h.char+")")
					continue
				}
				mustSucceed(t, o)
				switch {
				case args[0] == "export" && args[2] == "json":
					if got := decodeJSON[[]map[string]any](t, o.stdout)[1][field]; got != h.name {
						t.Errorf("%s: export json has %+q, want %+q", field, got, h.name)
					}
				case args[0] == "show" && slices.Contains(args, "json"):
					if got := decodeObject(t, o.stdout)[field]; got != h.name {
						t.Errorf("%s: show json has %+q, want %+q", field, got, h.name)
					}
				case args[0] == "export" && args[2] == "csv":
					rows, err := csv.NewReader(strings.NewReader(o.stdout)).ReadAll()
					col := map[string]int{"athlete": 2, "team": 3}[field]
					if err != nil || rows[2][col] != names.Printable(h.name) || !strings.Contains(rows[2][col], "\uFFFD") {
						t.Errorf("%s: export csv has %+q (%v), want %+q", field, rows[2][col], err, names.Printable(h.name))
					}
				}
			}
		}
	}
}

// TestLogCraftedNamesChinese: under Chinese, the damaged record is named
// with its field, the kind of character and its code point, in Chinese.
func TestLogCraftedNamesChinese(t *testing.T) {
	for _, c := range []struct{ name, kind, char string }{
		{"Eve\u202Eevil", "文字方向字元", "U+202E"}, {"Eve\a A.", "控制字元", "U+0007"}, {"Eve\u2028A.", "分行字元", "U+2028"},
	} {
		db := craftedLog(t, map[string]any{"team": c.name})
		o := logRun(t, db, "show", "2", "--lang", "zh-Hant")
		mustFail(t, o, "已損壞：紀錄 2 含有 achilles 不會寫入的內容（team 含有"+c.kind+" "+c.char+"）")
	}
}

// TestLogCraftedFollowUp: a follow-up note that another program saved
// with a control or text-direction character makes its record damaged,
// named with the code point.
func TestLogCraftedFollowUp(t *testing.T) {
	db := craftedLog(t, nil)
	if o := logRun(t, db, "follow-up", "2", "--status", "seen"); o.code != ExitOK {
		t.Fatalf("follow-up: %v", o)
	}
	raw, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	// Another program, which minds no trigger.
	if _, err := raw.Exec("DROP TRIGGER follow_ups_kept; UPDATE follow_ups SET note = ?", "x\u202Ey"); err != nil {
		t.Fatal(err)
	}
	mustFail(t, logRun(t, db, "show", "2"), "record 2 holds what achilles never writes (its follow_ups has the text-direction character U+202E)")
	mustFail(t, logRun(t, db, "list", "--lang", "zh-Hant"), "（follow_ups 含有文字方向字元 U+202E）")
}

// TestLogCraftedAssessment: a saved assessment is shown as stored, but a
// C1 control, bidi override or invisible character inside it is escaped in
// the JSON of show and export, meaning the same.
func TestLogCraftedAssessment(t *testing.T) {
	doc := "{\"band\": \"x\u009b31m\u202E\u200B\U000E0041\u2028\x7f\"}"
	db := craftedLog(t, map[string]any{"assessment": doc})
	for _, args := range [][]string{{"show", "2", "--format", "json"}, {"export", "--format", "json"}} {
		o := logRun(t, db, args...)
		mustSucceed(t, o)
		if r := rawHidden(o.stdout); r >= 0 {
			t.Errorf("log %v wrote %U raw", args, r)
		}
		for _, esc := range []string{`\u009b`, `\u202e`, `\u200b`, `\udb40\udc41`, `\u2028`, `\u007f`} {
			if !strings.Contains(o.stdout, esc) {
				t.Errorf("log %v: no %s in the output", args, esc)
			}
		}
		if !strings.Contains(o.stdout, `"band":"x`) {
			t.Errorf("log %v: the assessment is not there:\n%s", args, o.stdout)
		}
	}
}

// TestLogDeleteDamagedRecord: one damaged record does not lock the others
// away. Reading the log names the record and the command that removes it;
// delete removes it without reading it; the other records then export
// whole.
func TestLogDeleteDamagedRecord(t *testing.T) {
	for name, db := range map[string]string{
		"unknown band":     craftedLog(t, map[string]any{"band": "frob"}),
		"assessment":       craftedLog(t, map[string]any{"assessment": `{"band": very`}),
		"ESC in the name":  craftedLog(t, map[string]any{"athlete": "Eve\x1b]52;c;ZWNobyBoaQ==\x07"}),
		"probability text": craftedLog(t, map[string]any{"probability": "high"}),
		"bytes overwritten": func() string {
			db := damagedLog(t)
			// A path a shell must have quoted.
			moved := filepath.Join(t.TempDir(), "Club's logs", "log.db")
			if err := os.MkdirAll(filepath.Dir(moved), 0o700); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(db, moved); err != nil {
				t.Fatal(err)
			}
			return moved
		}(),
	} {
		t.Run(name, func(t *testing.T) {
			command := "achilles log delete 2 --db " + shellQuote(db)
			for _, args := range append(readingCommands[:len(readingCommands):len(readingCommands)], []string{"show", "2"}) {
				mustFail(t, logRun(t, db, args...), "damaged", "record 2 ", "To read the other records again, remove record 2 with: "+command)
			}
			o := logRun(t, db, "delete", "2", "--yes")
			if o.code != ExitOK || o.stdout != "" || !strings.Contains(o.stderr, "deleted record 2, which was damaged") {
				t.Fatalf("delete 2: want exit 0 and the damaged record named on stderr; got %v", o)
			}
			o = logRun(t, db, "export", "--format", "json")
			mustSucceed(t, o)
			recs := decodeJSON[[]map[string]any](t, o.stdout)
			if len(recs) != 2 || recs[0]["id"] != 1.0 || recs[1]["id"] != 3.0 ||
				recs[0]["athlete"] != "Athlete One" || recs[1]["athlete"] != "Athlete Three" {
				t.Fatalf("after deleting record 2, the export is:\n%s", o.stdout)
			}
			for _, rec := range recs {
				if a, ok := rec["assessment"].(map[string]any); !ok || a["band"] != rec["band"] {
					t.Errorf("record %v is not whole: %v", rec["id"], rec)
				}
			}
			mustSucceed(t, logRun(t, db, "export", "--format", "csv"))
			// Purged, the damaged record is gone for good.
			if o := logRun(t, db, "purge", "--yes"); o.code != ExitOK || !strings.Contains(o.stderr, "purged 1 deleted record(s) for good") {
				t.Fatalf("purge: %v", o)
			}
			mustFail(t, logRun(t, db, "restore", "2"), "no record 2")
		})
	}
}

func TestShellQuote(t *testing.T) {
	for in, want := range map[string]string{
		"/home/jo/.local/share/achilles/log.db": "/home/jo/.local/share/achilles/log.db",
		"C:/Users/Jo/log.db":                    "C:/Users/Jo/log.db",
		"my logs/log.db":                        "'my logs/log.db'",
		"Club's/log.db":                         `'Club'\''s/log.db'`,
		"$HOME/log.db":                          "'$HOME/log.db'",
		"":                                      "''",
	} {
		if got := shellQuote(in); got != want {
			t.Errorf("shellQuote(%q) = %s, want %s", in, got, want)
		}
	}
}

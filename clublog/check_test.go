package clublog

import (
	"achilles/catalog"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadRefusesDamagedRecords: a record whose columns hold what achilles
// never writes is ErrDamaged, naming the record, from every read; the
// exports write nothing at all, and the other records still read.
func TestReadRefusesDamagedRecords(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct{ name, set, about string }{
		{"assessment not JSON", `assessment = '{"band": very'`, "assessment that is not a JSON object"},
		{"assessment not an object", `assessment = '[1, 2]'`, "assessment that is not a JSON object"},
		{"assessment not UTF-8", `assessment = '{"a": "' || CAST(x'ff' AS TEXT) || '"}'`, "assessment that is not a JSON object"},
		{"answers", `answers = '{"pop": "maybe"}'`, "bad answers"},
		{"created", `created = 'yesterday'`, `bad creation time "yesterday"`},
		{"band", `band = 'frob'`, `unknown band "frob"`},
		{"triage", `triage = ''`, `unknown triage ""`},
		{"side", `side = 'both'`, `unknown side "both"`},
		{"probability", `probability = 2.5`, "probability 2.5"},
		{"athlete", `athlete = CAST(x'41ff42' AS TEXT)`, "athlete name that is not UTF-8"},
		{"team", `team = CAST(x'ff' AS TEXT)`, "team name that is not UTF-8"},
		{"athlete with ESC", `athlete = 'A' || char(27) || ']52;c;ZWNobyBoaQ==' || char(7)`, "athlete name with the control character U+001B"},
		{"athlete with BEL", `athlete = 'A' || char(7)`, "athlete name with the control character U+0007"},
		{"team with C1", `team = 'U16' || char(133)`, "team name with the control character U+0085"},
		{"athlete with override", `athlete = 'abc' || char(8238) || 'fed'`, "athlete name with the text-direction character U+202E"},
		{"team with line separator", `team = 'a' || char(8232) || 'b'`, "team name with the line separator U+2028"},
		{"lang with ESC", `lang = char(27) || '[2J'`, "language with the control character U+001B"},
		{"model with C1", `model_version = char(155) || '31m'`, "model version with the control character U+009B"},
		{"probability text", `probability = 'high'`, "probability that is not a number"},
		{"probability blob", `probability = x'00'`, "probability that is not a number"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l, _ := openLog(t)
			for i := range 3 {
				mustAdd(t, l, record(t, "classic", fmt.Sprintf("Athlete %d", i), "", t0))
			}
			if _, err := l.db.Exec(`UPDATE records SET ` + tc.set + ` WHERE id = 2`); err != nil {
				t.Fatal(err)
			}
			want := func(what string, err error) {
				t.Helper()
				var dr *DamagedRecord
				if !errors.Is(err, ErrDamaged) || !errors.As(err, &dr) || dr.ID != 2 || !strings.Contains(err.Error(), "record 2 ") ||
					!strings.Contains(err.Error(), tc.about) || !strings.Contains(err.Error(), l.Path()) {
					t.Errorf("%s = %v; want ErrDamaged naming the file and record 2 and saying %q", what, err, tc.about)
				}
			}
			_, err := l.Get(ctx, 2)
			want("Get", err)
			_, err = l.List(ctx)
			want("List", err)
			want("Each", l.Each(ctx, func(Record) error { return nil }))
			for name, export := range map[string]func(context.Context, *bytes.Buffer) error{
				"WriteCSV": func(ctx context.Context, b *bytes.Buffer) error {
					_, err := l.WriteCSV(ctx, b, ExportOptions{})
					return err
				},
				"WriteJSON": func(ctx context.Context, b *bytes.Buffer) error {
					_, err := l.WriteJSON(ctx, b, ExportOptions{})
					return err
				},
				"WriteXLSX": func(ctx context.Context, b *bytes.Buffer) error {
					_, err := l.WriteXLSX(ctx, b, catalog.MustLoad("en"), ExportOptions{})
					return err
				},
			} {
				var buf bytes.Buffer
				want(name, export(ctx, &buf))
				if buf.Len() != 0 {
					t.Errorf("%s wrote %d bytes of a damaged log; want none", name, buf.Len())
				}
			}
			for _, id := range []int64{1, 3} {
				if r, err := l.Get(ctx, id); err != nil {
					t.Errorf("Get(%d) of a whole record: %v", id, err)
				} else {
					checkRecord(t, r)
				}
			}
		})
	}
}

// TestReadAcceptsWhatAchillesWrites: the checks of reading pass the
// records of every course case, and an empty side, team and (before schema
// version 2) assessment.
func TestReadAcceptsWhatAchillesWrites(t *testing.T) {
	ctx := context.Background()
	l, _ := openLog(t)
	for _, id := range []string{"classic", "missed", "calf_tear", "sprain", "ottawa", "tendinopathy", "red_flag"} {
		mustAdd(t, l, record(t, id, id, "", t0))
	}
	if _, err := l.db.Exec(`UPDATE records SET side = '', assessment = '' WHERE id = 1`); err != nil {
		t.Fatal(err)
	}
	// Invisible characters that the name rule refuses now, but that
	// earlier versions saved: the record still reads.
	if _, err := l.db.Exec(`UPDATE records SET athlete = 'Ann' || char(8203), team = 'U16' || char(917569) WHERE id = 2`); err != nil {
		t.Fatal(err)
	}
	if _, err := l.List(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := l.WriteJSON(ctx, &bytes.Buffer{}, ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	if r, err := l.Get(ctx, 1); err != nil || r.Assessment != nil || r.Side != "" {
		t.Fatalf("Get(1) = %+v, %v; want no side and no assessment", r, err)
	}
}

func TestCSVText(t *testing.T) {
	for in, want := range map[string]string{
		"":                  "",
		"A. Smith":          "A. Smith",
		"=1+2":              "'=1+2",
		"+44 7700":          "'+44 7700",
		"-5":                "'-5",
		"@SUM(A1:A9)":       "'@SUM(A1:A9)",
		"\tx":               "'\tx",
		"\rx":               "'\rx",
		"Jo=1":              "Jo=1",
		"'quoted":           "'quoted",
		"李小龍":               "李小龍",
		"=HYPERLINK(\"x\")": "'=HYPERLINK(\"x\")",
	} {
		if got := CSVText(in); got != want {
			t.Errorf("CSVText(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestOpenExisting: OpenExisting creates neither a log nor its directory,
// and opens a log that is there as Open does.
func TestOpenExisting(t *testing.T) {
	dir := t.TempDir()
	for _, path := range []string{filepath.Join(dir, "log.db"), filepath.Join(dir, "new", "log.db")} {
		if l, err := OpenExisting(path); !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), path) {
			if l != nil {
				l.Close()
			}
			t.Fatalf("OpenExisting(%s) = %v; want fs.ErrNotExist naming the file", path, err)
		}
	}
	if entries, err := os.ReadDir(dir); err != nil || len(entries) != 0 {
		t.Fatalf("OpenExisting created %v (%v)", entries, err)
	}
	path := filepath.Join(dir, "log.db")
	achillesLog(t, path, 2)
	l, err := OpenExisting(path)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if list, err := l.List(context.Background()); err != nil || len(list) != 2 {
		t.Fatalf("List: %d records, %v; want 2", len(list), err)
	}
}

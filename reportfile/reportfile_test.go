package reportfile

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"achilles/assessment"
	"achilles/catalog"
	q "achilles/questionnaire"
	"achilles/report"
)

var now = time.Date(2026, 11, 22, 14, 5, 0, 0, time.UTC)

func testReport(t *testing.T) assessment.Report {
	t.Helper()
	var a q.Answers
	if err := a.ParseAssignment("pop=yes"); err != nil {
		t.Fatal(err)
	}
	return assessment.NewReport(assessment.Assess(a), catalog.MustLoad("en"), assessment.Options{})
}

func TestSave(t *testing.T) {
	dir, rep := t.TempDir(), testReport(t)
	want := bytes.NewBufferString(report.Markdown(&rep, report.MarkdownOptions{Now: now, Version: "v"}))
	save := Saver(dir, func() time.Time { return now }, "v")
	for i, name := range []string{"achilles-report-20261122-1405.md", "achilles-report-20261122-1405-2.md", "achilles-report-20261122-1405-3.md"} {
		path, err := save(&rep)
		if err != nil {
			t.Fatal(err)
		}
		if !filepath.IsAbs(path) || filepath.Base(path) != name {
			t.Fatalf("save %d wrote %s, want %s by its absolute path", i+1, path, name)
		}
		got, err := os.ReadFile(path)
		if err != nil || !bytes.Equal(got, want.Bytes()) {
			t.Fatalf("%s is not the Markdown report (%v):\n%s", path, err, got)
		}
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if mode := fi.Mode().Perm(); mode != 0o600 && runtime.GOOS != "windows" {
			t.Errorf("%s has mode %v, want 0600", path, mode)
		}
	}
	if Name(now) != "achilles-report-20261122-1405.md" {
		t.Errorf("Name = %q", Name(now))
	}
}

// A file of that name is never overwritten, whatever it holds.
func TestSaveKeepsOtherFiles(t *testing.T) {
	dir, rep := t.TempDir(), testReport(t)
	first := filepath.Join(dir, Name(now))
	if err := os.WriteFile(first, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	path, err := Save(dir, now, "v", &rep)
	if err != nil || filepath.Base(path) != "achilles-report-20261122-1405-2.md" {
		t.Fatalf("Save = %s, %v", path, err)
	}
	if got, _ := os.ReadFile(first); string(got) != "mine" {
		t.Errorf("the existing file now holds %q", got)
	}
}

func TestSaveFails(t *testing.T) {
	rep := testReport(t)
	dir := filepath.Join(t.TempDir(), "no", "such", "folder")
	if path, err := Save(dir, now, "v", &rep); err == nil {
		t.Fatalf("Save into a missing folder = %s, want an error", path)
	}
}

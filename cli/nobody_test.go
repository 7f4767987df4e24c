package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestExaminerNobody: "nobody can examine" is an answer like any other in
// assess; a test result beside it is refused with exit 2 naming both,
// by assess, by a batch line and by log add, and nothing is saved.
func TestExaminerNobody(t *testing.T) {
	o := run(t, "assess", "--format", "json", "--answer", "examiner=nobody", "--answer", "pop=yes")
	mustSucceed(t, o)
	if !strings.Contains(o.stdout, `"examiner":"nobody"`) {
		t.Errorf("the answer is not in the JSON: %.300s", o.stdout)
	}
	text := run(t, "assess", "--answer", "examiner=nobody", "--answer", "pop=yes")
	mustSucceed(t, text)
	if strings.Contains(text.stdout, "not answered") {
		t.Errorf("the report calls the examiner not answered:\n%s", text.stdout)
	}

	o = run(t, "assess", "--answer", "examiner=nobody", "--answer", "thompson=negative")
	if o.code != ExitUsage || !strings.Contains(o.stderr, `"thompson"`) || !strings.Contains(o.stderr, `"nobody"`) || o.stdout != "" {
		t.Errorf("a test result with nobody examining: %v", o)
	}

	o = runWith(t, runOpts{stdin: strings.NewReader(`{"examiner":"nobody","gap":"felt"}` + "\n" + `{"examiner":"nobody"}` + "\n")},
		"assess", "--batch")
	lines := strings.Split(strings.TrimSpace(o.stdout), "\n")
	if o.code != ExitUsage || len(lines) != 2 || !strings.Contains(lines[0], `"line":1,"error"`) || strings.Contains(lines[1], `"error"`) {
		t.Errorf("batch: %v", o)
	}

	db := filepath.Join(t.TempDir(), "log.db")
	o = run(t, "log", "add", "--db", db, "--athlete", "AB", "--answer", "examiner=nobody", "--answer", "matles=positive")
	if o.code != ExitUsage || !strings.Contains(o.stderr, `"matles"`) {
		t.Errorf("log add: %v", o)
	}
	if l := run(t, "log", "list", "--db", db); strings.Contains(l.stdout, "AB") {
		t.Errorf("the record was saved:\n%s", l.stdout)
	}
}

package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// log show words the record's report for the session's region, as assess
// does: a trainer in Great Britain reads where to go in the NHS's words,
// one in Hong Kong the A&E department's, and the same record elsewhere
// the general wording.
func TestLogShowWhereByRegion(t *testing.T) {
	db := filepath.Join(t.TempDir(), "log.db")
	mustSucceed(t, run(t, "log", "add", "--athlete", "J.S.", "--case", "classic", "--db", db))
	for _, region := range []string{"GB", "HK", "FR"} {
		t.Run(region, func(t *testing.T) {
			show := run(t, "log", "show", "1", "--db", db, "--region", region)
			mustSucceed(t, show)
			assess := run(t, "assess", "--case", "classic", "--region", region)
			mustSucceed(t, assess)
			where := whereSection(assess.stdout)
			if where == "" || !strings.Contains(show.stdout, where) {
				t.Errorf("log show --region %s does not say where to go as assess does:\n%s\n--- assess says:\n%s", region, show.stdout, where)
			}
		})
	}
	if gb, fr := whereSection(run(t, "assess", "--case", "classic", "--region", "GB").stdout),
		whereSection(run(t, "assess", "--case", "classic", "--region", "FR").stdout); gb == fr {
		t.Fatalf("GB and FR have the same where-to-go wording, so this test shows nothing:\n%s", gb)
	}
}

// whereSection is the "Where to go" section of a text report.
func whereSection(report string) string {
	_, after, ok := strings.Cut(report, "Where to go, and how fast\n")
	if !ok {
		return ""
	}
	section, _, _ := strings.Cut(after, "\n\n")
	return section
}

// --urgency named thousands of times is one filter a level: the list
// answers (exit 0), rather than fail inside SQLite with too many
// parameters.
func TestLogListUrgencyRepeated(t *testing.T) {
	db := filepath.Join(t.TempDir(), "log.db")
	mustSucceed(t, run(t, "log", "add", "--athlete", "J.S.", "--case", "classic", "--db", db))
	many := strings.TrimSuffix(strings.Repeat("same_day,", 12000), ",")
	o := run(t, "log", "list", "--db", db, "--urgency", many, "--urgency", many, "--urgency", many, "--urgency", "self_care")
	mustSucceed(t, o)
	if !strings.Contains(o.stdout, "J.S.") {
		t.Errorf("the same-day record is not listed:\n%s", o.stdout)
	}
}

package clublog

import (
	"strings"
	"time"

	"golang.org/x/text/cases"
)

// Filter chooses records. Its zero value chooses every record that is
// not deleted and not practice.
type Filter struct {
	// Athlete and Team keep the records whose name holds the text, in
	// any case ("smith" finds "A. Smith"; Unicode case folding).
	Athlete, Team string
	// Since and Until bound the time a record was saved: Since included,
	// Until not. A zero time is no bound.
	Since, Until time.Time
	// Triage keeps the records of these triage levels (IDs); none keeps all.
	Triage []string
	// Practice keeps practice records too.
	Practice bool
	// Deleted chooses the deleted records, and only them.
	Deleted bool
}

// where is the filter's condition on the records table, with its args:
// everything but the names, which SQLite compares in ASCII case only.
func (f *Filter) where() (string, []any) {
	conds := []string{"deleted IS NULL"}
	if f.Deleted {
		conds[0] = "deleted IS NOT NULL"
	}
	var args []any
	if !f.Practice {
		conds = append(conds, "practice = 0")
	}
	if !f.Since.IsZero() {
		conds = append(conds, "created >= ?")
		args = append(args, f.Since.UTC().Format(timeLayout))
	}
	if !f.Until.IsZero() {
		conds = append(conds, "created < ?")
		args = append(args, f.Until.UTC().Format(timeLayout))
	}
	if len(f.Triage) > 0 {
		conds = append(conds, "triage IN (?"+strings.Repeat(", ?", len(f.Triage)-1)+")")
		for _, t := range f.Triage {
			args = append(args, t)
		}
	}
	return strings.Join(conds, " AND "), args
}

// names returns a test of a record's names, or nil when the filter has
// none.
func (f *Filter) names() func(*Record) bool {
	if f.Athlete == "" && f.Team == "" {
		return nil
	}
	fold := cases.Fold()
	athlete, team := fold.String(f.Athlete), fold.String(f.Team)
	return func(r *Record) bool {
		return (athlete == "" || strings.Contains(fold.String(r.Athlete), athlete)) &&
			(team == "" || strings.Contains(fold.String(r.Team), team))
	}
}

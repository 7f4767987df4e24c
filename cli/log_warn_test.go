package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// log add warns, as assess does, when the assessment it saves did not
// check every emergency sign; the record is saved all the same.
func TestLogAddWarnsWhatItDidNotCheck(t *testing.T) {
	db := filepath.Join(t.TempDir(), "log.db")
	o := run(t, "log", "add", "--db", db, "--athlete", "AB", "--answer", "pop=yes", "--answer", "chest_symptoms=no")
	if o.code != ExitOK || !strings.Contains(o.stderr, "warning: emergency signs not checked: open_wound") || strings.TrimSpace(o.stdout) != "1" {
		t.Errorf("partial answers: %v", o)
	}
	o = run(t, append([]string{"log", "add", "--db", db, "--athlete", "CD", "--answer", "pop=yes"}, redFlagsNo...)...)
	if o.code != ExitOK || o.stderr != "" {
		t.Errorf("every emergency sign answered, yet: %v", o)
	}
}

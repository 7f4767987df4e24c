package ui

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDepsPresentOnly: ui only presents. It links neither the club log
// (clublog, with SQLite) nor any SQLite: the name rule comes from
// clublog/names, and saving comes in through Options.
func TestDepsPresentOnly(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go is not on PATH")
	}
	out, err := exec.Command(goTool, "list", "-deps", "-f", "{{.ImportPath}}", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	for _, pkg := range strings.Fields(string(out)) {
		if strings.Contains(strings.ToLower(pkg), "sqlite") || pkg == "achilles/clublog" || pkg == "achilles/reportfile" {
			t.Errorf("ui depends on %s", pkg)
		}
	}
}

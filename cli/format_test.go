package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// TestFormatOneWay: every command with a --format refuses a value outside
// those its help names, in the same words, with exit code 2 and nothing
// on stdout.
func TestFormatOneWay(t *testing.T) {
	seen, db := 0, filepath.Join(t.TempDir(), "log.db")
	var walk func(cmd *cobra.Command)
	walk = func(cmd *cobra.Command) {
		for _, sub := range cmd.Commands() {
			walk(sub)
		}
		f := cmd.Flags().Lookup("format")
		if f == nil {
			return
		}
		seen++
		allowed := strings.TrimPrefix(f.Usage, "output format: ")
		allowed = strings.TrimSuffix(allowed, " (required)")
		allowed = strings.Replace(allowed, " or ", ", ", 1)
		args := strings.Fields(cmd.CommandPath())[1:]
		if strings.HasPrefix(cmd.Use, "show ") {
			args = append(args, "1")
		}
		args = append(args, "--format", "nope")
		o := runWith(t, runOpts{env: map[string]string{"ACHILLES_DB": db}}, args...)
		want := `achilles: --format "nope" is not allowed; allowed: ` + allowed + "\n"
		if o.code != ExitUsage || o.stdout != "" || o.stderr != want {
			t.Errorf("%v: %v; want exit 2 and %q", args, o, want)
		}
	}
	walk(newRoot(Env{}))
	if seen < 5 {
		t.Errorf("%d commands have a --format; want assess, questions, log list, show and export", seen)
	}
}

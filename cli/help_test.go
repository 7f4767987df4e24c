package cli

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// helpPages lists every command path with a help page, from the command
// tree as written (before its help is fitted), so that what the pages must
// say comes from the words as written.
func helpPages(t *testing.T) map[string]*cobra.Command {
	t.Helper()
	root := newCommands(Env{})
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	pages := map[string]*cobra.Command{}
	var walk func(c *cobra.Command, path []string)
	walk = func(c *cobra.Command, path []string) {
		pages[strings.Join(path, " ")] = c
		for _, sub := range c.Commands() {
			if !sub.Hidden {
				walk(sub, append(append([]string{}, path...), sub.Name()))
			}
		}
	}
	walk(root, nil)
	return pages
}

// words is s as lower-case words separated by single spaces, so that text
// wrapped at spaces compares equal to the text as written.
func words(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// Every help page fits 80 columns with nothing cut or broken: each line is
// at most 80 cells, no line ends in padding, and every description, long
// text and example is on the page word for word (a word split across lines,
// or an example cut short with "…", would not be).
func TestHelpFits80Columns(t *testing.T) {
	for path, c := range helpPages(t) {
		args := append(strings.Fields(path), "--help")
		o := run(t, args...)
		mustSucceed(t, o)
		page := ansi.Strip(o.stdout)
		for i, line := range strings.Split(page, "\n") {
			if w := ansi.StringWidth(line); w > helpWidth {
				t.Errorf("achilles %s: line %d is %d columns wide:\n%s", strings.Join(args, " "), i+1, w, line)
			}
			if strings.HasSuffix(line, " ") {
				t.Errorf("achilles %s: line %d ends in spaces: %q", strings.Join(args, " "), i+1, line)
			}
		}
		if strings.ContainsAny(page, "`…") {
			t.Errorf("achilles %s: a backquote or a cut example:\n%s", strings.Join(args, " "), page)
		}
		got := words(page)
		var want []string
		if !strings.HasPrefix(path, "completion") {
			// fitHelp words cobra's completion pages anew.
			want = append(want, c.Long)
		}
		want = append(want, strings.Split(c.Example, "\n")...)
		c.Flags().VisitAll(func(f *pflag.Flag) {
			if !f.Hidden {
				_, usage := pflag.UnquoteUsage(f)
				want = append(want, usage)
			}
		})
		for _, w := range want {
			if !strings.Contains(got, words(w)) {
				t.Errorf("achilles %s: help does not say, word for word, %q:\n%s", strings.Join(args, " "), w, page)
			}
		}
	}
}

// The questionnaire's flags are listed only where they change something,
// and still work everywhere, as docs/contract.md promises.
func TestHelpListsFlagsWhereTheyApply(t *testing.T) {
	questionnaire := []string{"--teach", "--no-summary", "--accessible"}
	for _, path := range []string{"", "demo"} {
		o := run(t, append(strings.Fields(path), "--help")...)
		for _, f := range append(questionnaire, "--db") {
			if !strings.Contains(o.stdout, f) {
				t.Errorf("achilles %s --help does not list %s", path, f)
			}
		}
	}
	for _, path := range []string{"assess", "questions", "serve", "log", "log add", "log list", "log show", "log export", "log delete"} {
		o := run(t, append(strings.Fields(path), "--help")...)
		mustSucceed(t, o)
		for _, f := range questionnaire {
			if strings.Contains(o.stdout, f) {
				t.Errorf("achilles %s --help lists %s, which changes only the questionnaire", path, f)
			}
		}
	}
	for _, path := range []string{"assess", "questions", "serve"} {
		if o := run(t, path, "--help"); strings.Contains(o.stdout, "--db") {
			t.Errorf("achilles %s --help lists --db, which it never opens", path)
		}
	}
	if o := run(t, "log", "--help"); !strings.Contains(o.stdout, "--db") || !strings.Contains(o.stdout, "PATH of the club log's file") {
		t.Errorf("achilles log --help does not say what --db PATH is:\n%s", o.stdout)
	}
	for _, args := range [][]string{
		{"assess", "--teach", "--no-summary", "--accessible", "--answer", "pop=yes"},
		{"questions", "--accessible", "--format", "json"},
		{"--teach", "assess", "--answer", "pop=yes"},
	} {
		mustSucceed(t, run(t, args...))
	}
}

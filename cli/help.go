package cli

import (
	"bytes"
	"io"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// helpWidth is the width every help page fits: a terminal of 80 columns
// shows it without wrapping a line or breaking a word.
const helpWidth = 80

// The help renderer (fang) lists a command's flags and subcommands as keys
// indented by helpIndent, then descriptions in one column helpGap after the
// widest key (at least helpMinKey); it wraps neither the descriptions nor
// the examples to the terminal, so fitHelp wraps the descriptions itself.
const (
	helpIndent = 4
	helpGap    = 2
	helpMinKey = 10 - helpGap
)

// questionnaireFlags change only the questionnaire (achilles, achilles
// demo). Every command accepts them (docs/contract.md), but only those
// two list them in their help.
var questionnaireFlags = []string{"teach", "no-summary", "accessible"}

// dbUsers are the commands that may open the club log, and so list --db:
// the log, and the questionnaire (its "save to the club log" key).
var dbUsers = []string{"achilles", "demo", "log"}

// fitHelp makes every help page readable in helpWidth columns and lists
// under each command only the flags that change what it does. The flags
// every command takes are persistent flags of root; each other command
// gets its own copy of each (the same value, so the same variable), which
// cobra prefers to the inherited one: a copy may be hidden from that
// command's help, and its description wrapped to that command's column.
// The flag still works there, as the contract promises.
func fitHelp(root *cobra.Command) {
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	if c, _, err := root.Find([]string{"completion"}); err == nil && c != root {
		c.Short = "A shell completion script"
		c.Long = "Prints a completion script for a shell: bash, zsh, fish or powershell."
		for _, sh := range c.Commands() {
			// cobra's own words run past 80 columns.
			if load, ok := completionLoad[sh.Name()]; ok {
				sh.Long = "Prints the " + sh.Name() + " completion script for achilles. To load it in\n" +
					"the shell you are in:\n\n    " + load + "\n\n" +
					"To load it in every new shell, add that line to the shell's start-up file."
			}
		}
	}
	globals := root.PersistentFlags()
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c != root {
			// Before cobra merges the inherited flags into c.Flags().
			globals.VisitAll(func(f *pflag.Flag) {
				if c.Flags().Lookup(f.Name) != nil {
					return
				}
				own := *f
				own.Hidden = hiddenUnder(c, f.Name)
				c.Flags().AddFlag(&own)
			})
		}
		c.InitDefaultHelpFlag()
		wrapFlagUsages(c)
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// completionLoad is how each shell loads the completion script.
var completionLoad = map[string]string{
	"bash":       "source <(achilles completion bash)",
	"zsh":        "source <(achilles completion zsh)",
	"fish":       "achilles completion fish | source",
	"powershell": "achilles completion powershell | Out-String | Invoke-Expression",
}

// hiddenUnder reports whether the global flag name is left out of the help
// of c, a command it does not change.
func hiddenUnder(c *cobra.Command, name string) bool {
	top := c
	for top.HasParent() && top.Parent().HasParent() {
		top = top.Parent()
	}
	switch {
	case contains(questionnaireFlags, name):
		return top.Name() != "demo"
	case name == "db":
		return !contains(dbUsers, top.Name())
	}
	return false
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// wrapFlagUsages wraps the description of each of c's own flags to the
// column the help renderer will give it on c's help page.
func wrapFlagUsages(c *cobra.Command) {
	key := helpMinKey
	if !c.HasParent() {
		key = max(key, len("-v --version"))
	}
	c.Flags().VisitAll(func(f *pflag.Flag) {
		if !f.Hidden {
			key = max(key, ansi.StringWidth(flagKey(f)))
		}
	})
	for _, sub := range c.Commands() {
		if sub.IsAvailableCommand() || sub.Name() == "help" {
			key = max(key, ansi.StringWidth(commandKey(sub)))
		}
	}
	width := helpWidth - helpIndent - key - helpGap
	c.Flags().VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		// The renderer shows no placeholder for a flag's value: the
		// description names it, without cobra's backquotes.
		_, usage := pflag.UnquoteUsage(f)
		if d := f.DefValue; d != "" && d != "false" && d != "0" && d != "[]" {
			// The renderer adds " (default)" after the last line.
			usage += " (" + d + ")"
			f.Usage = strings.TrimSuffix(wrapWords(usage, width), " ("+d+")")
			return
		}
		f.Usage = wrapWords(usage, width)
	})
}

// wrapWords breaks s into lines of at most width cells at spaces only (a
// flag such as --list is never split at its hyphens); a word wider than
// width stands alone on its line.
func wrapWords(s string, width int) string {
	var b strings.Builder
	line := 0
	for _, w := range strings.Fields(s) {
		ww := ansi.StringWidth(w)
		switch {
		case line == 0:
		case line+1+ww > width:
			b.WriteByte('\n')
			line = 0
		default:
			b.WriteByte(' ')
			line++
		}
		b.WriteString(w)
		line += ww
	}
	return b.String()
}

// flagKey is how the renderer names a flag in the first column.
func flagKey(f *pflag.Flag) string {
	if f.Shorthand != "" {
		return "-" + f.Shorthand + " --" + f.Name
	}
	return "--" + f.Name
}

// commandKey is how the renderer names a subcommand in the first column:
// its use line, with "[command]" when it has subcommands and "[--flags]".
func commandKey(c *cobra.Command) string {
	u := c.Use
	for _, k := range []string{"[args]", "[flags]", "[--flags]", "[command]"} {
		u = strings.ReplaceAll(u, k, "")
	}
	var other []string
	if i := strings.Index(u, "["); i >= 0 {
		if j := strings.LastIndex(u, "]"); j > i {
			other = append(other, u[i:j+1])
			u = u[:i] + u[j+1:]
		}
	}
	key := strings.TrimSpace(u)
	if c.HasAvailableSubCommands() {
		key += " [command]"
	}
	for _, o := range other {
		key += " " + o
	}
	return key + " [--flags]"
}

// trimWriter removes the spaces at the end of each line written through
// it. The help renderer pads its paragraphs to the width it assumes when
// stdout is not a terminal (120 columns); padding that a pager or an
// 80-column terminal would wrap into blank lines.
type trimWriter struct {
	w       io.Writer
	pending []byte
}

func (t *trimWriter) Write(p []byte) (int, error) {
	t.pending = append(t.pending, p...)
	for {
		i := bytes.IndexByte(t.pending, '\n')
		if i < 0 {
			return len(p), nil
		}
		line := trimLine(string(t.pending[:i]))
		t.pending = t.pending[i+1:]
		if _, err := io.WriteString(t.w, line+"\n"); err != nil {
			return len(p), err
		}
	}
}

// Flush writes what is left after the last newline.
func (t *trimWriter) Flush() error {
	if len(t.pending) == 0 {
		return nil
	}
	_, err := io.WriteString(t.w, trimLine(string(t.pending)))
	t.pending = nil
	return err
}

// trimLine removes trailing spaces, also those before the style resets
// that end a styled line.
func trimLine(s string) string {
	var tail string
	for {
		s = strings.TrimRight(s, " ")
		i := strings.LastIndex(s, "\x1b[")
		if i < 0 || !strings.HasSuffix(s, "m") || strings.ContainsAny(s[i+2:len(s)-1], " \x1b") {
			return s + tail
		}
		tail = s[i:] + tail
		s = s[:i]
	}
}

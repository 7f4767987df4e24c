// Package cli is the command line of achilles: the commands and their flags,
// reading input, writing output, and the mapping of errors to the exit codes
// of docs/contract.md. main only wires it to the process.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"charm.land/fang/v2"
	"github.com/spf13/cobra"
)

// Exit codes (docs/contract.md).
const (
	ExitOK          = 0
	ExitInternal    = 1
	ExitUsage       = 2
	ExitInterrupted = 130
)

// Version is the program's version, shown by --version and in reports.
const Version = "0.1.0"

// Env is what a run of the program may touch: its streams, its environment
// and the clock. Tests pass their own.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// Getenv reads an environment variable.
	Getenv func(string) string
	// Now is the clock, for report timestamps.
	Now func() time.Time
	// StdoutIsTerminal says whether stdout is a terminal, for styling.
	StdoutIsTerminal bool
	// StdinIsTerminal says whether stdin is a terminal: the interactive
	// questionnaire needs both, and the log asks before deleting only there.
	StdinIsTerminal bool
	// Location is the zone the club log shows times in; nil is time.Local.
	Location *time.Location
}

// usageError is bad usage or bad input: exit code 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// usagef makes a usage error.
func usagef(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

// errBatchLines reports that a batch ran to the end with some bad lines.
var errBatchLines = errors.New("some lines of the batch were not valid")

// globals are the flags every command takes.
type globals struct {
	lang    string
	noColor bool
	db      string // the club log's file (--db)
	region  string // ISO 3166 code (--region), for the emergency number
}

// Run runs the program with args (without the program name) and returns
// the exit code.
func Run(ctx context.Context, args []string, env Env) int {
	if env.Getenv == nil {
		env.Getenv = func(string) string { return "" }
	}
	if env.Now == nil {
		env.Now = time.Now
	}
	root := newRoot(env)
	// An interrupted command (Ctrl+C) ends without an error for fang:
	// fang asks the terminal for its background colour before it words
	// any error, and after accessible mode a line reader may still be
	// waiting on stdin, which would take the answer and leave the program
	// hanging until Enter. Nothing is worded for an interruption anyway.
	interrupted := false
	quietInterrupt(root, &interrupted)
	root.SetArgs(args)
	root.SetIn(env.Stdin)
	// Help and completion scripts go through trimWriter; the commands
	// write to env.Stdout.
	out := &trimWriter{w: env.Stdout}
	defer out.Flush()
	root.SetOut(out)
	root.SetErr(env.Stderr)

	err := fang.Execute(ctx, root,
		fang.WithVersion(Version),
		fang.WithErrorHandler(func(w io.Writer, _ fang.Styles, err error) {
			if errors.Is(err, errBatchLines) || errors.Is(err, context.Canceled) {
				return // already reported
			}
			fmt.Fprintf(w, "achilles: %s\n", err)
		}),
	)
	if err == nil && interrupted {
		return ExitInterrupted
	}
	return exitCode(err)
}

// quietInterrupt makes every command of the tree under cmd return no
// error when it was interrupted, and say so in *interrupted.
func quietInterrupt(cmd *cobra.Command, interrupted *bool) {
	if run := cmd.RunE; run != nil {
		cmd.RunE = func(c *cobra.Command, args []string) error {
			err := run(c, args)
			if errors.Is(err, context.Canceled) {
				*interrupted = true
				return nil
			}
			return err
		}
	}
	for _, sub := range cmd.Commands() {
		quietInterrupt(sub, interrupted)
	}
}

func exitCode(err error) int {
	var ue usageError
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, context.Canceled):
		return ExitInterrupted
	case errors.As(err, &ue), errors.Is(err, errBatchLines), isCobraUsage(err):
		return ExitUsage
	}
	return ExitInternal
}

// isCobraUsage recognises the errors cobra itself returns for bad flags and
// arguments, which carry no type of their own.
func isCobraUsage(err error) bool {
	s := err.Error()
	for _, prefix := range []string{"unknown flag", "unknown shorthand flag", "unknown command", "flag needs an argument", "invalid argument", "accepts ", "required flag", "bad flag syntax"} {
		if strings.HasPrefix(s, prefix) {
			return true
		}
	}
	return false
}

// pflag's words for a flag given without its value, before the flag.
const pflagNeedsValue = "flag needs an argument: "

// pflagUnknown reads the flag out of pflag's words for an unknown flag.
func pflagUnknown(msg string) (string, bool) {
	if flag, ok := strings.CutPrefix(msg, "unknown flag: "); ok {
		return flag, true
	}
	return strings.CutPrefix(msg, "unknown shorthand flag: ")
}

// newRoot is the command tree, its help fitted to 80 columns.
func newRoot(env Env) *cobra.Command {
	root := newCommands(env)
	fitHelp(root)
	return root
}

// newCommands is the command tree with its words as written.
func newCommands(env Env) *cobra.Command {
	g := &globals{}
	s := &interactiveCmd{g: g}
	root := &cobra.Command{
		Use:   "achilles",
		Short: "Could it be a ruptured Achilles tendon? What to do now.",
		Long: `achilles helps decide whether an injury at the back of the lower leg may be a
ruptured Achilles tendon, and how urgently to get care. It gives an estimate,
not a diagnosis. In an emergency, call your local emergency number.`,
		Example: `  achilles
  achilles --accessible
  achilles assess --answer pop=yes --answer thompson=positive
  achilles assess --answers answers.json --format markdown > report.md
  achilles questions --format json
  achilles guide --region HK
  achilles demo classic
  achilles log list
  achilles serve --listen 0.0.0.0:2222 --authorized-keys class_keys`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usagef("unknown command %q; commands: assess, questions, guide, demo, log, serve (see achilles --help)", args[0])
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, _ []string) error {
			return s.run(cmd.Context(), env)
		},
	}
	s.flags(root)
	root.PersistentFlags().StringVar(&g.lang, "lang", "", "language: en or zh-Hant (default from LC_ALL, LC_MESSAGES or LANG: zh_HK, zh_TW, zh_MO give zh-Hant)")
	root.PersistentFlags().BoolVar(&g.noColor, "no-color", false, "no colour in the output (as NO_COLOR=1)")
	root.PersistentFlags().StringVar(&g.region, "region", "", "your region, an ISO 3166 code such as HK, GB, US, AU (default from the locale): it picks the emergency number and where to go")
	root.PersistentFlags().StringVar(&g.db, "db", "", "the `PATH` of the club log's file (default: ACHILLES_DB, else achilles/log.db in your data directory)")
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return usagef("%v; see %q for the flags allowed", err, cmd.CommandPath()+" --help")
	})

	root.AddCommand(newAssess(env, g), newQuestions(env, g), newGuide(env, g), newDemo(env, g, s), newLog(env, g), newServe(env, g))
	return root
}

// colour reports whether output to a terminal may be styled.
func colour(env Env, g *globals) bool {
	return env.StdoutIsTerminal && !g.noColor && env.Getenv("NO_COLOR") == ""
}

// ctxReader makes reads give up when the context is cancelled, so that
// Ctrl+C is honoured while the program waits for input. The read in flight
// is abandoned; the process is about to exit.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

type readResult struct {
	n   int
	err error
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	done := make(chan readResult, 1)
	buf := make([]byte, len(p))
	go func() {
		n, err := c.r.Read(buf)
		done <- readResult{n, err}
	}()
	select {
	case res := <-done:
		copy(p, buf[:res.n])
		return res.n, res.err
	case <-c.ctx.Done():
		return 0, c.ctx.Err()
	}
}

// utf8BOM is the byte-order mark that some editors write at the start of a
// UTF-8 file.
var utf8BOM = []byte("\uFEFF")

// fileKind names, for a message, the kind of a file that is not a regular
// one.
func fileKind(mode os.FileMode) string { return fileKinds[kindID(mode)] }

// fileKinds are the English words of kindID's names, which the catalog's
// clublog.kind keys say in the session's language.
var fileKinds = map[string]string{
	"directory": "a directory", "named_pipe": "a named pipe (FIFO)", "socket": "a socket",
	"device": "a device", "symlink": "a symbolic link", "special": "a special file",
}

// noArgs refuses positional arguments, pointing at the flag form the user
// probably meant.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	hint := ""
	if strings.Contains(args[0], "=") {
		hint = fmt.Sprintf(" (did you mean --answer %s?)", args[0])
	}
	return usagef("%s takes no arguments, got %q%s; see %q", cmd.CommandPath(), args[0], hint, cmd.CommandPath()+" --help")
}

package cli

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"achilles/catalog"
	"achilles/clublog"
)

// The log commands live in log_add.go (add), log_view.go (list and show)
// and log_export.go (export); this file holds delete and what they share.

// dateLayout is how the log shows when a record was saved. Dates are in
// UTC everywhere, so that a log reads the same on every machine.
const dateLayout = "2006-01-02 15:04 UTC"

func newLog(env Env, g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "log",
		Short: "The club log: save, list, show, export and delete assessments",
		Long: `The club log keeps the assessments a trainer saves, with the athlete's name or
initials, the team and the side, in a file on this computer (mode 0600); nothing
leaves the machine. The file is --db PATH, else ACHILLES_DB, else achilles/log.db
in your data directory. Dates are shown in UTC.`,
		Example: `  achilles log add --athlete "A. Smith" --team U18 --answer pop=yes --answer thompson=positive
  achilles log add --athlete JS --case classic
  achilles log list
  achilles log show 3 --format markdown > record-3.md
  achilles log export --format csv --output club-log.csv
  achilles log delete 3`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usagef("unknown log command %q; commands: add, list, show, export, delete (see achilles log --help)", args[0])
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(newLogAdd(env, g), newLogList(env, g), newLogShow(env, g), newLogExport(env, g), newLogDelete(env, g))
	return cmd
}

func newLogDelete(env Env, g *globals) *cobra.Command {
	return &cobra.Command{
		Use:     "delete ID",
		Short:   "Remove one record from the club log",
		Example: `  achilles log delete 3`,
		Args:    recordArg,
		RunE: func(cmd *cobra.Command, args []string) error {
			cat, err := language(env, g)
			if err != nil {
				return err
			}
			return getRecord(cmd.Context(), env, g, args[0], func(l *clublog.Log, rec clublog.Record) error {
				// ErrNotFound here: someone else deleted it meanwhile.
				if err := noRecord(l.Delete(cmd.Context(), rec.ID), rec.ID, l); err != nil {
					return err
				}
				fmt.Fprintf(env.Stderr, "achilles: %s\n", cat.F("clublog.delete.done",
					"id", strconv.FormatInt(rec.ID, 10), "athlete", clublog.Printable(rec.Athlete), "saved", created(rec)))
				return nil
			})
		},
	}
}

// openClubLog opens the log of --db or ACHILLES_DB. A file that is not a
// club log, is damaged or is too new is bad input: exit 2, file untouched.
func openClubLog(env Env, g *globals) (*clublog.Log, error) {
	path, err := dbPath(env, g)
	if err != nil {
		return nil, err
	}
	l, err := clublog.Open(path)
	switch {
	case err == nil:
		return l, nil
	case errors.Is(err, clublog.ErrNotLog), errors.Is(err, clublog.ErrDamaged), errors.Is(err, clublog.ErrNewer):
		return nil, usagef("%w; the file was left unchanged. Choose another club log with --db PATH or ACHILLES_DB", err)
	case errors.Is(err, fs.ErrPermission):
		return nil, usagef("%w; choose a club log you may write with --db PATH or ACHILLES_DB", err)
	}
	return nil, err
}

// withLog runs fn on the opened club log and closes it after.
func withLog(env Env, g *globals, fn func(*clublog.Log) error) error {
	l, err := openClubLog(env, g)
	if err != nil {
		return err
	}
	defer l.Close()
	return fn(l)
}

// recordArg makes the command's one argument a record ID.
func recordArg(cmd *cobra.Command, args []string) error {
	if len(args) != 1 {
		return usagef("%s needs one record ID, as in %q; achilles log list shows the IDs", cmd.CommandPath(), cmd.CommandPath()+" 3")
	}
	return nil
}

// parseID reads a record ID: a positive whole number.
func parseID(s string) (int64, error) {
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return 0, usagef("record ID %q is not valid: an ID is a positive whole number, as achilles log list shows", s)
	}
	return id, nil
}

// getRecord opens the log and reads one record; an unknown ID is bad input.
func getRecord(ctx context.Context, env Env, g *globals, arg string, fn func(*clublog.Log, clublog.Record) error) error {
	id, err := parseID(arg)
	if err != nil {
		return err
	}
	return withLog(env, g, func(l *clublog.Log) error {
		rec, err := l.Get(ctx, id)
		if err != nil {
			return noRecord(err, id, l)
		}
		return fn(l, rec)
	})
}

// noRecord makes clublog.ErrNotFound for id bad input that names the log;
// other errors, nil among them, pass unchanged.
func noRecord(err error, id int64, l *clublog.Log) error {
	if errors.Is(err, clublog.ErrNotFound) {
		return usagef("no record %d in the club log %s; achilles log list shows the records there are", id, l.Path())
	}
	return err
}

// catalogWord is the catalog's word for an ID, or the ID itself when the
// catalog has none (a record from a later model).
func catalogWord(cat *catalog.Catalog, key, id string) string {
	if cat.Has(key) {
		return cat.T(key)
	}
	return id
}

// writeOutput writes a rendered output: to stdout, or with --output to
// FILE (mode 0600) through a temporary file renamed over it at the end, so
// that a failure leaves nothing half-written.
func writeOutput(env Env, output, dbFile string, render func(io.Writer) error) error {
	if output == "" || output == "-" {
		var out bytes.Buffer
		if err := render(&out); err != nil {
			return err
		}
		_, err := env.Stdout.Write(out.Bytes())
		return err
	}
	if same(output, dbFile) {
		return usagef("--output %s is the club log itself; choose another file", output)
	}
	if info, err := os.Stat(output); err == nil && info.IsDir() {
		return usagef("--output %s is a directory; give the name of the file to write", output)
	}
	tmp, err := os.CreateTemp(filepath.Dir(output), "."+filepath.Base(output)+".*.tmp")
	if err != nil {
		return usagef("--output %s: %v", output, errors.Unwrap(err))
	}
	defer os.Remove(tmp.Name()) // after a successful rename there is nothing left to remove
	w := bufio.NewWriterSize(tmp, 64<<10)
	err = render(w)
	if err == nil {
		err = w.Flush()
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), output)
	}
	if err != nil {
		return fmt.Errorf("writing --output %s: %w", output, err)
	}
	return nil
}

// same reports whether two paths name the same existing file.
func same(a, b string) bool {
	ia, err1 := os.Stat(a)
	ib, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(ia, ib)
}

// checkFormat refuses a --format outside the allowed ones.
func checkFormat(format string, allowed ...string) error {
	for _, a := range allowed {
		if format == a {
			return nil
		}
	}
	return usagef("--format %q is not allowed; allowed: %s", format, strings.Join(allowed, ", "))
}

// created is a record's time as the log shows it.
func created(rec clublog.Record) string { return rec.Created.UTC().Format(dateLayout) }

package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"achilles/catalog"
	"achilles/clublog"
	"achilles/clublog/names"
)

// The log commands live in log_add.go (add), log_view.go (list and show)
// and log_export.go (export); this file holds delete and what they share.

// dateLayout is how the log shows when a record was saved. Dates are in
// UTC everywhere, so that a log reads the same on every machine.
const dateLayout = "2006-01-02 15:04 UTC"

func newLog(env Env, g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "log",
		Short: "The club log of saved assessments",
		Long: `The club log keeps the assessments a trainer saves, with the athlete's name
or initials, the team and the side, in a file on this computer (mode 0600);
nothing leaves the machine. The file is --db PATH, else ACHILLES_DB, else
achilles/log.db in your data directory; it must be a regular file (a link to
one is followed).
A log you may not write is read by list, show and export without being
changed; add and delete refuse it. Dates are shown in UTC.`,
		Example: `  achilles log add --athlete "A. Smith" --team U18 --answer pop=yes
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

// logDeleteCmd is achilles log delete ID.
type logDeleteCmd struct {
	g  *globals
	id string
}

func newLogDelete(env Env, g *globals) *cobra.Command {
	o := &logDeleteCmd{g: g}
	return &cobra.Command{
		Use:   "delete ID",
		Short: "Remove one record from the club log",
		Long: `Removes one record from the club log. A damaged record (one that list, show or
export refuse, naming it) can be removed too, so that the others can be read
again; a file that is not a club log, or that SQLite finds damaged, is still
refused and left as it was.`,
		Example: `  achilles log delete 3`,
		Args:    recordArg,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.id = args[0]
			return o.run(cmd.Context(), env)
		},
	}
}

func (o *logDeleteCmd) run(ctx context.Context, env Env) error {
	cat, err := language(env, o.g)
	if err != nil {
		return err
	}
	id, err := parseID(o.id)
	if err != nil {
		return err
	}
	return readLog(env, o.g, clublog.OpenExisting, func(l *clublog.Log) error {
		// The record is read only to say what was deleted: a damaged one
		// is deleted all the same, since Delete reads nothing of it.
		rec, err := l.Get(ctx, id)
		var damage *clublog.DamagedRecord
		if err != nil && !errors.As(err, &damage) {
			return noRecord(err, id, l)
		}
		// ErrNotFound here: someone else deleted it meanwhile.
		if err := noRecord(l.Delete(ctx, id, env.Now()), id, l); err != nil {
			return err
		}
		if damage != nil {
			fmt.Fprintf(env.Stderr, "achilles: %s\n", cat.F("clublog.delete.damaged", "id", strconv.FormatInt(id, 10)))
			return nil
		}
		fmt.Fprintf(env.Stderr, "achilles: %s\n", cat.F("clublog.delete.done",
			"id", strconv.FormatInt(rec.ID, 10), "athlete", names.Printable(rec.Athlete), "saved", created(rec)))
		return nil
	}, func(path string) error {
		return usagef("no record %d in the club log %s, which does not exist yet; achilles log add starts it", id, path)
	})
}

// openClubLog opens the log of --db or ACHILLES_DB, creating it when it
// does not exist. A file that is not a club log, is damaged or is too new
// is bad input: exit 2, file untouched.
func openClubLog(env Env, g *globals) (*clublog.Log, error) {
	path, err := dbPath(env, g)
	if err != nil {
		return nil, err
	}
	l, err := clublog.Open(path)
	if err != nil {
		return nil, openError(err)
	}
	return l, nil
}

// openError words an error of opening the club log for the user.
func openError(err error) error {
	if errors.Is(err, fs.ErrPermission) {
		return usagef("%w; choose a club log you may write with --db PATH or ACHILLES_DB", err)
	}
	return refused(err)
}

// refused makes the error of a file that is not a club log, is damaged
// (found on opening it or on reading a record) or is too new bad input:
// exit 2, saying the file was left as it was; so is a path that is not a
// regular file at all. Other errors pass unchanged.
func refused(err error) error {
	var ue usageError
	switch {
	case err == nil, errors.As(err, &ue):
		return err
	case errors.Is(err, clublog.ErrReadOnly):
		return usagef("%w. Choose another club log with --db PATH or ACHILLES_DB", err)
	case errors.Is(err, clublog.ErrNotFile):
		return usagef("%w. Choose another with --db PATH or ACHILLES_DB", err)
	case errors.Is(err, clublog.ErrNotLog), errors.Is(err, clublog.ErrDamaged), errors.Is(err, clublog.ErrNewer):
		return usagef("%w; the file was left unchanged. Choose another club log with --db PATH or ACHILLES_DB", err)
	}
	return err
}

// withLog runs fn on the opened club log, created if need be, and closes
// it after.
func withLog(env Env, g *globals, fn func(*clublog.Log) error) error {
	l, err := openClubLog(env, g)
	if err != nil {
		return err
	}
	defer l.Close()
	return refused(fn(l))
}

// readLog opens the club log with open (clublog.OpenToRead for the
// commands that only read it, clublog.OpenExisting for delete), runs fn on
// it and closes it after. A log file that does not exist is not created:
// missing is called with its path instead.
func readLog(env Env, g *globals, open func(string) (*clublog.Log, error), fn func(*clublog.Log) error, missing func(path string) error) error {
	path, err := dbPath(env, g)
	if err != nil {
		return err
	}
	l, err := open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return missing(path)
	}
	if err != nil {
		return openError(err)
	}
	defer l.Close()
	err = fn(l)
	var damage *clublog.DamagedRecord
	if errors.As(err, &damage) {
		// The rest of the log may be whole: say how to remove the one
		// record, so that the others can be read again.
		cat, lerr := language(env, g)
		if lerr != nil {
			return lerr
		}
		id := strconv.FormatInt(damage.ID, 10)
		return usagef("%w; the file was left unchanged. %s", err, cat.F("clublog.damaged.delete",
			"id", id, "command", "achilles log delete "+id+" --db "+shellQuote(l.Path())))
	}
	return refused(err)
}

// shellQuote quotes s for a POSIX shell when it holds anything but
// letters, digits and / . _ - + , : @ %, so that a command to copy works
// as it is.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-+,:@%") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// noLogYet tells, on stderr, that the club log at path does not exist yet
// and how to start it.
func noLogYet(env Env, cat *catalog.Catalog, path string) {
	fmt.Fprintf(env.Stderr, "achilles: %s\n", cat.F("clublog.list.missing", "path", path))
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

// getRecord opens the log with open, without creating it, and reads one
// record; an unknown ID, in a log that is there or not, is bad input.
func getRecord(ctx context.Context, env Env, g *globals, arg string, open func(string) (*clublog.Log, error),
	fn func(*clublog.Log, clublog.Record) error) error {
	id, err := parseID(arg)
	if err != nil {
		return err
	}
	return readLog(env, g, open, func(l *clublog.Log) error {
		rec, err := l.Get(ctx, id)
		if err != nil {
			return noRecord(err, id, l)
		}
		return fn(l, rec)
	}, func(path string) error {
		return usagef("no record %d in the club log %s, which does not exist yet; achilles log add starts it", id, path)
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

// created is a record's time as the log shows it.
func created(rec clublog.Record) string { return rec.Created.UTC().Format(dateLayout) }

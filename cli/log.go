package cli

import (
	"context"
	"errors"
	"io/fs"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"achilles/catalog"
	"achilles/clublog"
	"achilles/clublog/names"
)

// The log commands live in log_add.go (add), log_view.go (list and show),
// log_export.go (export), log_followup.go (follow-up), log_delete.go
// (delete, restore, undo, purge) and log_filter.go (the flags that choose
// records); this file holds what they share. Every message of theirs
// comes from the catalog (log_messages_test.go checks).

func newLog(env Env, g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "log",
		Short: "The club log of saved assessments",
		Long: `The club log keeps the assessments a trainer saves, with the athlete's name
or initials, the team and the side, in a file on this computer (mode 0600);
nothing leaves the machine. The file is --db PATH, else ACHILLES_DB, else
achilles/log.db in your data directory; it must be a regular file (a link to
one is followed).
A record is an injury episode: follow-up adds to its history, up to cleared
to play. delete can be undone (restore, undo) until purge. Records saved from
a course case are practice records, left out of exports unless asked for.
A log you may not write is read by list, show and export without being
changed; add, follow-up, delete, restore, undo and purge refuse it. Times are
shown in local time, with the zone; they are stored in UTC.`,
		Example: `  achilles log add --athlete "A. Smith" --team U18 --answer pop=yes
  achilles log list --athlete smith --since 2026-03-01
  achilles log show 3 --format markdown > record-3.md
  achilles log follow-up 3 --status diagnosed --diagnosis "complete rupture"
  achilles log export --format xlsx --output club-log.xlsx
  achilles log delete 3
  achilles log undo`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				cat, err := language(env, g)
				if err != nil {
					return err
				}
				return usageT(cat, "clublog.error.unknown_command", "command", args[0])
			}
			return cmd.Help()
		},
	}
	cmd.AddCommand(newLogAdd(env, g), newLogList(env, g), newLogShow(env, g), newLogExport(env, g),
		newLogFollowUp(env, g), newLogDelete(env, g), newLogRestore(env, g), newLogUndo(env, g), newLogPurge(env, g))
	for _, c := range cmd.Commands() {
		c.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
			cat, lerr := language(env, g)
			if lerr != nil {
				return lerr
			}
			return flagError(cat, err, c.CommandPath()+" --help")
		})
	}
	return cmd
}

// flagError words a flag that pflag refused, an unknown flag or one
// without its value, in the session's language; pflag's own words for the
// rarer others.
func flagError(cat *catalog.Catalog, err error, help string) error {
	msg := err.Error()
	if flag, ok := pflagUnknown(msg); ok {
		return usageT(cat, "clublog.error.unknown_flag", "flag", flag, "help", help)
	}
	if flag, ok := strings.CutPrefix(msg, pflagNeedsValue); ok {
		return usageT(cat, "clublog.error.flag_value", "flag", flag, "help", help)
	}
	return usageT(cat, "clublog.error.flag", "error", msg, "help", help)
}

// usageT is bad input worded from the catalog: exit 2.
func usageT(cat *catalog.Catalog, key string, args ...string) error {
	return usageError{errors.New(cat.F(key, args...))}
}

// noLogArgs refuses positional arguments of a log command that takes none.
func noLogArgs(cat *catalog.Catalog, cmd string, args []string) error {
	if len(args) == 0 {
		return nil
	}
	return usageT(cat, "clublog.error.no_args", "command", cmd, "arg", args[0], "help", cmd+" --help")
}

// startNoArgs begins a log command that takes no arguments: the catalog
// of the session's language, and the arguments refused in it.
func startNoArgs(env Env, g *globals, cmd string, args []string) (*catalog.Catalog, error) {
	cat, err := language(env, g)
	if err != nil {
		return nil, err
	}
	return cat, noLogArgs(cat, cmd, args)
}

// startWithID begins a log command that takes one record ID: the catalog
// of the session's language, and the ID.
func startWithID(env Env, g *globals, cmd string, args []string) (*catalog.Catalog, int64, error) {
	cat, err := language(env, g)
	if err != nil {
		return nil, 0, err
	}
	id, err := oneID(cat, cmd, args)
	return cat, id, err
}

// oneID reads the one record ID a command takes.
func oneID(cat *catalog.Catalog, cmd string, args []string) (int64, error) {
	if len(args) != 1 {
		return 0, usageT(cat, "clublog.error.one_id", "command", cmd, "example", cmd+" 3")
	}
	return parseID(cat, args[0])
}

// noLogForRecord is what a command on record id says when the club log at
// path does not exist yet.
func noLogForRecord(cat *catalog.Catalog, id int64) func(path string) error {
	return func(path string) error {
		return usageT(cat, "clublog.error.no_log_for_record", "id", strconv.FormatInt(id, 10), "path", path)
	}
}

// parseID reads a record ID: a positive whole number.
func parseID(cat *catalog.Catalog, s string) (int64, error) {
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return 0, usageT(cat, "clublog.error.bad_id", "id", strconv.Quote(s))
	}
	return id, nil
}

// openClubLog opens the log of --db or ACHILLES_DB, creating it when it
// does not exist. A file that is not a club log, is damaged or is too new
// is bad input: exit 2, file untouched.
func openClubLog(env Env, g *globals, cat *catalog.Catalog) (*clublog.Log, error) {
	path, err := dbPath(env, g, cat)
	if err != nil {
		return nil, err
	}
	l, err := clublog.Open(path)
	if err != nil {
		return nil, refused(cat, path, err)
	}
	return l, nil
}

// refused words, in the user's language, an error of opening or reading
// the club log at path that is the user's to mend: a file that is not a
// club log, is damaged (found on opening it or on reading a record), is
// too new, may not be written, or is not a regular file at all; all are
// bad input (exit 2), and the file was left as it was. An unknown or
// deleted record is worded too. Other errors, internal ones, pass
// unchanged.
func refused(cat *catalog.Catalog, path string, err error) error {
	var ue usageError
	var damage *clublog.DamagedRecord
	switch {
	case err == nil, errors.As(err, &ue):
		return err
	case errors.As(err, &damage):
		id := strconv.FormatInt(damage.ID, 10)
		command := "achilles log delete " + id + " --db " + shellQuote(path)
		if damage.Char != 0 {
			return usageT(cat, "clublog.error.damaged_record_char", "path", path, "id", id, "field", damage.Field,
				"kind", charKind(cat, damage.Kind), "char", charName(damage.Char), "command", command)
		}
		return usageT(cat, "clublog.error.damaged_record", "path", path, "id", id, "field", damage.Field, "command", command)
	}
	if reason, detail, ok := clublog.FileProblem(err); ok {
		return usageT(cat, "clublog.error."+reason, "path", path, "detail", detail,
			"kind", catalogWord(cat, "clublog.kind."+detail, detail))
	}
	switch {
	case errors.Is(err, clublog.ErrReadOnly):
		return usageT(cat, "clublog.error.read_only", "path", path)
	case errors.Is(err, clublog.ErrNotFile):
		return usageT(cat, "clublog.error.not_file", "path", path, "kind", catalogWord(cat, "clublog.kind.special", ""))
	case errors.Is(err, clublog.ErrNotLog):
		return usageT(cat, "clublog.error.not_log", "path", path)
	case errors.Is(err, clublog.ErrDamaged):
		return usageT(cat, "clublog.error.damaged", "path", path)
	case errors.Is(err, clublog.ErrNewer):
		return usageT(cat, "clublog.error.newer", "path", path)
	case errors.Is(err, fs.ErrPermission):
		return usageT(cat, "clublog.error.permission", "path", path, "error", err.Error())
	}
	return err
}

// withLog runs fn on the opened club log, created if need be, and closes
// it after.
func withLog(env Env, g *globals, cat *catalog.Catalog, fn func(*clublog.Log) error) error {
	l, err := openClubLog(env, g, cat)
	if err != nil {
		return err
	}
	defer l.Close()
	return refused(cat, l.Path(), fn(l))
}

// readLog opens the club log with open (clublog.OpenToRead for the
// commands that only read it, clublog.OpenExisting for those that change
// records), runs fn on it and closes it after. A log file that does not
// exist is not created: missing is called with its path instead.
func readLog(env Env, g *globals, cat *catalog.Catalog, open func(string) (*clublog.Log, error),
	fn func(*clublog.Log) error, missing func(path string) error) error {
	path, err := dbPath(env, g, cat)
	if err != nil {
		return err
	}
	l, err := open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return missing(path)
	}
	if err != nil {
		return refused(cat, path, err)
	}
	defer l.Close()
	return refused(cat, path, fn(l))
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

// say writes one line of the log commands' news on stderr, from the
// catalog.
func say(env Env, cat *catalog.Catalog, key string, args ...string) {
	env.Stderr.Write([]byte("achilles: " + cat.F(key, args...) + "\n"))
}

// getRecord opens the log with open, without creating it, and reads one
// record; an unknown ID, in a log that is there or not, is bad input.
func getRecord(ctx context.Context, env Env, g *globals, cat *catalog.Catalog, id int64, open func(string) (*clublog.Log, error),
	fn func(*clublog.Log, clublog.Record) error) error {
	return readLog(env, g, cat, open, func(l *clublog.Log) error {
		rec, err := l.Get(ctx, id)
		if err != nil {
			return noRecord(cat, err, id, l.Path())
		}
		return fn(l, rec)
	}, noLogForRecord(cat, id))
}

// noRecord words the errors about one record, ErrNotFound (naming the
// log), ErrDeleted and ErrNotDeleted, as bad input; other errors, nil
// among them, pass unchanged.
func noRecord(cat *catalog.Catalog, err error, id int64, path string) error {
	n := strconv.FormatInt(id, 10)
	switch {
	case errors.Is(err, clublog.ErrNotFound):
		return usageT(cat, "clublog.error.no_record", "id", n, "path", path)
	case errors.Is(err, clublog.ErrDeleted):
		return usageT(cat, "clublog.error.deleted", "id", n)
	case errors.Is(err, clublog.ErrNotDeleted):
		return usageT(cat, "clublog.error.not_deleted", "id", n)
	}
	return err
}

// catalogWord is the catalog's word for an ID, or the ID itself when the
// catalog has none (a record from a later model).
func catalogWord(cat *catalog.Catalog, key, id string) string {
	if key != "" && cat.Has(key) {
		return cat.T(key)
	}
	return id
}

// location is the zone people's times are shown in.
func location(env Env) *time.Location {
	if env.Location == nil {
		return time.Local
	}
	return env.Location
}

// localTime is a time as the log shows it to people: local, with the zone.
func localTime(env Env, t time.Time) string {
	return t.In(location(env)).Format("2006-01-02 15:04") + " " + zoneName(env, t)
}

// zoneName is the local zone's name at t: its abbreviation (HKT), or UTC
// and the offset (UTC+08) for a zone without one.
func zoneName(env Env, t time.Time) string {
	z := t.In(location(env)).Format("MST")
	if z[0] == '+' || z[0] == '-' {
		return "UTC" + z
	}
	return z
}

// recordWho is "ID (athlete, saved …)" as the log's news names a record.
func recordWho(env Env, rec clublog.Record) []string {
	return []string{"id", strconv.FormatInt(rec.ID, 10), "athlete", names.Printable(rec.Athlete), "saved", localTime(env, rec.Created)}
}

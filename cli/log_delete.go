package cli

import (
	"bufio"
	"context"
	"errors"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"achilles/catalog"
	"achilles/clublog"
)

// logDeleteCmd is achilles log delete ID: the record is marked deleted,
// and can be restored until the log is purged.
type logDeleteCmd struct {
	g   *globals
	yes bool
}

func newLogDelete(env Env, g *globals) *cobra.Command {
	o := &logDeleteCmd{g: g}
	cmd := &cobra.Command{
		Use:   "delete ID",
		Short: "Delete a record (undo brings it back)",
		Long: `Deletes one record of the club log: lists and exports leave it out, and
"achilles log restore ID" or "achilles log undo" bring it back, until
"achilles log purge" removes deleted records for good. On a terminal it asks
first; elsewhere (a script) --yes is needed. A damaged record (one that list,
show or export refuse, naming it) can be deleted too, so that the others can
be read again.`,
		Example: `  achilles log delete 3
  achilles log delete 3 --yes`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return o.run(cmd.Context(), env, cmd.CommandPath(), args)
		},
	}
	cmd.Flags().BoolVarP(&o.yes, "yes", "y", false, "delete without asking (for scripts)")
	return cmd
}

func (o *logDeleteCmd) run(ctx context.Context, env Env, cmdPath string, args []string) error {
	cat, id, err := startWithID(env, o.g, cmdPath, args)
	if err != nil {
		return err
	}
	n := strconv.FormatInt(id, 10)
	return readLog(env, o.g, cat, clublog.OpenExisting, func(l *clublog.Log) error {
		// The record is read only to say what is deleted: a damaged one
		// is deleted all the same, since Delete reads nothing of it.
		rec, err := l.Get(ctx, id)
		var damage *clublog.DamagedRecord
		damaged := errors.As(err, &damage)
		if err != nil && !damaged {
			return noRecord(cat, err, id, l.Path())
		}
		if !damaged && !rec.Deleted.IsZero() {
			return noRecord(cat, clublog.ErrDeleted, id, l.Path())
		}
		if err := canAsk(env, cat, o.yes, "delete"); err != nil {
			return err
		}
		if !o.yes {
			question := cat.F("clublog.delete.ask_damaged", "id", n)
			if !damaged {
				question = cat.F("clublog.delete.ask", recordWho(env, rec)...)
			}
			if ok, err := confirm(env, cat, question); err != nil || !ok {
				if err == nil {
					say(env, cat, "clublog.delete.kept", "id", n)
				}
				return err
			}
		}
		// ErrNotFound or ErrDeleted here: someone else did it meanwhile.
		if err := noRecord(cat, l.Delete(ctx, id, env.Now()), id, l.Path()); err != nil {
			return err
		}
		if damaged {
			say(env, cat, "clublog.delete.damaged", "id", n)
			return nil
		}
		say(env, cat, "clublog.delete.done", recordWho(env, rec)...)
		return nil
	}, noLogForRecord(cat, id))
}

// canAsk refuses a command that must ask first when there is no terminal
// to ask on and --yes was not given; it comes after the checks of the log
// and the record, so that a wrong ID is told as such.
func canAsk(env Env, cat *catalog.Catalog, yes bool, command string) error {
	if yes || env.StdinIsTerminal {
		return nil
	}
	return usageT(cat, "clublog.error.no_terminal_to_ask", "command", "achilles log "+command)
}

// confirm asks a yes-or-no question on stderr and reads the answer from
// stdin: yes only when the user says so, in the words the catalog takes.
func confirm(env Env, cat *catalog.Catalog, question string) (bool, error) {
	if _, err := io.WriteString(env.Stderr, question+" "+cat.T("clublog.confirm.prompt")+" "); err != nil {
		return false, err
	}
	line, err := bufio.NewReader(env.Stdin).ReadString('\n')
	if err != nil && (!errors.Is(err, io.EOF) || line == "") {
		if errors.Is(err, io.EOF) {
			return false, nil
		}
		return false, err
	}
	answer := strings.ToLower(strings.TrimSpace(line))
	return slices.Contains(strings.Split(cat.T("clublog.confirm.yes"), ","), answer), nil
}

// logRestoreCmd is achilles log restore ID.
type logRestoreCmd struct{ g *globals }

func newLogRestore(env Env, g *globals) *cobra.Command {
	o := &logRestoreCmd{g: g}
	return &cobra.Command{
		Use:   "restore ID",
		Short: "Bring back a deleted record",
		Long: `Brings back a record that "achilles log delete" deleted, with its follow-ups,
as long as "achilles log purge" has not removed it. "achilles log list
--deleted" lists the deleted records.`,
		Example: `  achilles log restore 3`,
		Args:    cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			cat, id, err := startWithID(env, o.g, cmd.CommandPath(), args)
			if err != nil {
				return err
			}
			return getRecord(cmd.Context(), env, o.g, cat, id, clublog.OpenExisting, func(l *clublog.Log, rec clublog.Record) error {
				if err := noRecord(cat, l.Restore(cmd.Context(), id), id, l.Path()); err != nil {
					return err
				}
				say(env, cat, "clublog.restore.done", recordWho(env, rec)...)
				return nil
			})
		},
	}
}

// logUndoCmd is achilles log undo.
type logUndoCmd struct{ g *globals }

func newLogUndo(env Env, g *globals) *cobra.Command {
	o := &logUndoCmd{g: g}
	return &cobra.Command{
		Use:   "undo",
		Short: "Bring back the record deleted last",
		Long: `Undoes the last delete: brings back the record deleted last, with its
follow-ups. Run it again to bring back the one deleted before.`,
		Example: `  achilles log undo`,
		Args:    cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			cat, err := startNoArgs(env, o.g, cmd.CommandPath(), args)
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			return readLog(env, o.g, cat, clublog.OpenExisting, func(l *clublog.Log) error {
				id, err := l.Undo(ctx)
				if errors.Is(err, clublog.ErrNothingDeleted) {
					return usageT(cat, "clublog.error.nothing_to_undo", "path", l.Path())
				}
				if err != nil {
					return err
				}
				rec, err := l.Get(ctx, id)
				var damage *clublog.DamagedRecord
				if errors.As(err, &damage) {
					say(env, cat, "clublog.restore.damaged", "id", strconv.FormatInt(id, 10))
					return nil
				}
				if err != nil {
					return err
				}
				say(env, cat, "clublog.restore.done", recordWho(env, rec)...)
				return nil
			}, func(path string) error {
				return usageT(cat, "clublog.error.nothing_to_undo", "path", path)
			})
		},
	}
}

// logPurgeCmd is achilles log purge.
type logPurgeCmd struct {
	g   *globals
	yes bool
}

func newLogPurge(env Env, g *globals) *cobra.Command {
	o := &logPurgeCmd{g: g}
	cmd := &cobra.Command{
		Use:   "purge",
		Short: "Remove the deleted records for good",
		Long: `Removes every deleted record, with its follow-ups, for good: after this they
cannot be restored. On a terminal it asks first; elsewhere --yes is needed.`,
		Example: `  achilles log purge
  achilles log purge --yes`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return o.run(cmd.Context(), env, cmd.CommandPath(), args)
		},
	}
	cmd.Flags().BoolVarP(&o.yes, "yes", "y", false, "purge without asking (for scripts)")
	return cmd
}

func (o *logPurgeCmd) run(ctx context.Context, env Env, cmdPath string, args []string) error {
	cat, err := startNoArgs(env, o.g, cmdPath, args)
	if err != nil {
		return err
	}
	nothing := func(path string) error {
		say(env, cat, "clublog.purge.nothing", "path", path)
		return nil
	}
	return readLog(env, o.g, cat, clublog.OpenExisting, func(l *clublog.Log) error {
		ids, err := l.DeletedIDs(ctx)
		if err != nil {
			return err
		}
		if len(ids) == 0 {
			return nothing(l.Path())
		}
		count := strconv.Itoa(len(ids))
		if err := canAsk(env, cat, o.yes, "purge"); err != nil {
			return err
		}
		if !o.yes {
			if ok, err := confirm(env, cat, cat.F("clublog.purge.ask", "count", count, "path", l.Path())); err != nil || !ok {
				if err == nil {
					say(env, cat, "clublog.purge.kept")
				}
				return err
			}
		}
		n, err := l.Purge(ctx, ids)
		if err != nil {
			return err
		}
		say(env, cat, "clublog.purge.done", "count", strconv.Itoa(n))
		return nil
	}, nothing)
}

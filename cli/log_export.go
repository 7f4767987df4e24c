package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"achilles/clublog"
)

// logExportCmd is achilles log export.
type logExportCmd struct {
	g           *globals
	format      formatFlag
	formatGiven bool
	output      string
}

func newLogExport(env Env, g *globals) *cobra.Command {
	o := &logExportCmd{g: g}
	cmd := &cobra.Command{
		Use:   "export --format csv|json",
		Short: "Export every record as CSV or JSON",
		Long: `Writes every record of the club log, oldest first, as CSV (with a header row;
the answers are one JSON object in the last column) or as a JSON array of
the objects "achilles log show --format json" prints. Without --output, the
export goes to stdout.

--output FILE writes a file that appears whole or not at all. An existing
FILE is replaced whole, by a new file of mode 0600. FILE may not be a
symbolic link (a link someone else put in a shared directory such as /tmp
could lead to a file of yours), a directory, a named pipe or a device, nor
the club log or SQLite's files beside it (-wal, -shm, -journal).

In the CSV, an athlete or team name that starts with =, +, -, @, a tab or a
carriage return gets a leading single quote ('), so that a spreadsheet shows
it as text instead of running it as a formula. The JSON export and the log
keep names as they are.

A log that does not exist yet exports as an empty one: the CSV header row,
or [].`,
		Example: `  achilles log export --format csv --output club-log.csv
  achilles log export --format json > club-log.json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			o.formatGiven = cmd.Flags().Changed("format")
			return o.run(cmd.Context(), env)
		},
	}
	o.format.register(cmd.Flags(), "", "(required)", "csv", "json")
	cmd.Flags().StringVar(&o.output, "output", "", "write to `FILE` (replaced whole, mode 0600) instead of stdout")
	return cmd
}

func (o *logExportCmd) run(ctx context.Context, env Env) error {
	if !o.formatGiven {
		return usagef("--format is required: csv or json, as in achilles log export --format csv --output club-log.csv")
	}
	cat, err := o.format.language(env, o.g)
	if err != nil {
		return err
	}
	csv := o.format.value == "csv"
	// The log is checked whole before the first byte is written
	// (clublog.WriteCSV), so that a damaged log writes nothing.
	return readLog(env, o.g, clublog.OpenToRead, func(l *clublog.Log) error {
		return writeOutput(env, o.output, l.Path(), func(w io.Writer) error {
			var err error
			if csv {
				_, err = l.WriteCSV(ctx, w, clublog.ExportOptions{})
			} else {
				_, err = l.WriteJSON(ctx, w, clublog.ExportOptions{})
			}
			return err
		})
	}, func(path string) error {
		noLogYet(env, cat, path)
		return writeOutput(env, o.output, path, func(w io.Writer) error {
			if csv {
				return clublog.WriteEmptyCSV(w, clublog.ExportOptions{})
			}
			return clublog.WriteEmptyJSON(w)
		})
	})
}

// writeOutput writes a rendered output: streamed to stdout, or with
// --output to FILE (mode 0600) through a temporary file renamed over it at
// the end, so that a failure leaves nothing half-written. The temporary
// file is made new (O_EXCL, by os.CreateTemp) in FILE's directory, so that
// nothing someone else put there is written to. dbFile is the club log,
// which FILE may not be.
//
// On stdout, what render wrote before failing stays written: every error
// that is bad input (exit 2) must be found before render writes.
func writeOutput(env Env, output, dbFile string, render func(io.Writer) error) error {
	if output == "" || output == "-" {
		w := bufio.NewWriterSize(env.Stdout, 64<<10)
		if err := render(w); err != nil {
			return err
		}
		return w.Flush()
	}
	target, err := outputFile(output, dbFile)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".*.tmp")
	if err != nil {
		return usagef("--output %s: %v", output, errors.Unwrap(err))
	}
	defer os.Remove(tmp.Name()) // after a successful rename there is nothing left to remove
	failed := func(err error) error { return fmt.Errorf("writing --output %s: %w", output, err) }
	w := bufio.NewWriterSize(outputWriter{tmp, failed}, 64<<10)
	err = render(w)
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		tmp.Close()
		return err // outputWriter words a failed write
	}
	err = tmp.Sync()
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), target)
	}
	if err != nil {
		return failed(err)
	}
	return nil
}

// outputWriter words its writer's errors with failed, so that they name
// --output; the errors of reading the log, which render returns as they
// are, keep their own words.
type outputWriter struct {
	w      io.Writer
	failed func(error) error
}

func (o outputWriter) Write(p []byte) (int, error) {
	n, err := o.w.Write(p)
	if err != nil {
		err = o.failed(err)
	}
	return n, err
}

// outputFile checks the file that --output names: a new file, or an
// existing regular file, which the export replaces. A symbolic link is
// refused, wherever it leads: in a directory others may write, such as
// /tmp, a link planted at the name would have the export replace a file of
// the user's that they never named, where a shell's redirection would be
// stopped by the kernel. Anything else that is not a regular file (a
// directory, named pipe, socket or device) is refused too, without being
// opened. The club log and SQLite's files beside it, which the export
// would destroy, are refused by any path: they are compared as cleaned
// absolute paths with symbolic links resolved, and as files (os.SameFile).
//
// Nothing here follows the name's last element: the export is renamed
// over the name itself, so that a link put there after this check is
// replaced, not followed.
func outputFile(output, dbFile string) (string, error) {
	if dbFile != "" {
		for _, base := range []string{dbFile, canonical(dbFile)} {
			for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
				f := base + suffix
				if canonical(output) != canonical(f) && !same(output, f) {
					continue
				}
				if suffix == "" {
					return "", usagef("--output %s is the club log itself; choose another file", output)
				}
				return "", usagef("--output %s is the club log's %s file, which SQLite needs to keep the log whole; choose another file", output, suffix)
			}
		}
	}
	info, err := os.Lstat(output)
	switch {
	case err != nil:
		return output, nil // a new file; writeOutput says why if it cannot be made
	case info.Mode()&fs.ModeSymlink != 0:
		return "", usagef("--output %s is a symbolic link, and an export is not written through a link; give the path of the file to write", output)
	case info.IsDir():
		return "", usagef("--output %s is a directory; give the name of the file to write", output)
	case !info.Mode().IsRegular():
		return "", usagef("--output %s is %s, not a regular file; give the name of a file to write, or leave out --output for stdout", output, fileKind(info.Mode()))
	}
	return output, nil
}

// canonical is path made absolute and clean, with symbolic links resolved
// as far as the path exists: the file, else its directory.
func canonical(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return filepath.Clean(path)
	}
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		return r
	}
	if dir, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		return filepath.Join(dir, filepath.Base(abs))
	}
	return abs
}

// same reports whether two paths name the same existing file.
func same(a, b string) bool {
	ia, err1 := os.Stat(a)
	ib, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(ia, ib)
}

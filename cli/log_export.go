package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"achilles/clublog"
)

func newLogExport(env Env, g *globals) *cobra.Command {
	var format, output string
	cmd := &cobra.Command{
		Use:   "export --format csv|json",
		Short: "Export every record, for a spreadsheet or the physio",
		Long: `Writes every record of the club log, oldest first, as CSV (with a header row;
the answers are one JSON object in the last column) or as a JSON array of
the objects "achilles log show --format json" prints. Without --output, the
export goes to stdout.

--output FILE writes a file that appears whole or not at all. An existing
FILE is replaced whole, by a new file of mode 0600; when FILE is a symbolic
link, the file it points to is replaced and the link stays. FILE may not be
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
			if !cmd.Flags().Changed("format") {
				return usagef("--format is required: csv or json, as in achilles log export --format csv --output club-log.csv")
			}
			if err := checkFormat(format, "csv", "json"); err != nil {
				return err
			}
			cat, err := language(env, g)
			if err != nil {
				return err
			}
			// The log is checked whole before the first byte is written
			// (clublog.WriteCSV), so that a damaged log writes nothing.
			return readLog(env, g, func(l *clublog.Log) error {
				return writeOutput(env, output, l.Path(), func(w io.Writer) error {
					if format == "csv" {
						return l.WriteCSV(cmd.Context(), w)
					}
					return l.WriteJSON(cmd.Context(), w)
				})
			}, func(path string) error {
				noLogYet(env, cat, path)
				return writeOutput(env, output, path, func(w io.Writer) error {
					if format == "csv" {
						return clublog.WriteEmptyCSV(w)
					}
					return clublog.WriteEmptyJSON(w)
				})
			})
		},
	}
	cmd.Flags().StringVar(&format, "format", "", "output format: csv or json (required)")
	cmd.Flags().StringVar(&output, "output", "", "write to `FILE` (replaced whole, mode 0600) instead of stdout")
	return cmd
}

// writeOutput writes a rendered output: streamed to stdout, or with
// --output to FILE (mode 0600) through a temporary file renamed over it at
// the end, so that a failure leaves nothing half-written. dbFile is the
// club log, which FILE may not be.
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

// outputFile is the file that --output replaces: output itself, or the
// file a symbolic link there points to. It may not be a directory, nor
// the club log or SQLite's files beside it, which the export would
// destroy: they are compared as cleaned absolute paths with symbolic links
// resolved, and as files (os.SameFile).
func outputFile(output, dbFile string) (string, error) {
	target := output
	if info, err := os.Lstat(output); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		resolved, err := filepath.EvalSymlinks(output)
		if err != nil {
			return "", usagef("--output %s is a symbolic link to a file that cannot be reached (%v); give the file to write", output, errors.Unwrap(err))
		}
		target = resolved
	}
	if dbFile != "" {
		for _, base := range []string{dbFile, canonical(dbFile)} {
			for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
				f := base + suffix
				if canonical(target) != canonical(f) && !same(target, f) {
					continue
				}
				if suffix == "" {
					return "", usagef("--output %s is the club log itself; choose another file", output)
				}
				return "", usagef("--output %s is the club log's %s file, which SQLite needs to keep the log whole; choose another file", output, suffix)
			}
		}
	}
	if info, err := os.Stat(target); err == nil && info.IsDir() {
		return "", usagef("--output %s is a directory; give the name of the file to write", output)
	}
	return target, nil
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

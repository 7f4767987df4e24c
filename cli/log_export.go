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
	"strconv"

	"github.com/spf13/cobra"

	"achilles/catalog"
	"achilles/clublog"
)

// logExportCmd is achilles log export.
type logExportCmd struct {
	g               *globals
	format          formatFlag
	formatGiven     bool
	output          string
	excel           bool
	includePractice bool
	filter          filterFlags
}

func newLogExport(env Env, g *globals) *cobra.Command {
	o := &logExportCmd{g: g}
	cmd := &cobra.Command{
		Use:   "export --format FORMAT",
		Short: "Export as CSV, JSON or Excel",
		Long: `Writes the records of the club log, oldest first: as CSV (a header row; the
answers as one JSON object, the latest follow-up, then one column per answer),
as a JSON array of the objects "achilles log show --format json" prints, or
as an Excel workbook (xlsx, needs --output) for people: headings and answers
in words in the session's language, local times, and a second sheet with
every follow-up. --athlete, --team, --since, --until and --urgency choose
records, as for list. Deleted records are never exported; practice records
(saved from a course case) only with --include-practice.

--excel starts the CSV with a UTF-8 byte-order mark, by which Excel knows to
read it as UTF-8 (without it, Excel shows Chinese names garbled); other
programs may then see the mark in the first heading, so it is not the default.

--output FILE writes a file that appears whole or not at all, and stderr
says how many records were written where. An existing FILE is replaced
whole, by a new file of mode 0600. FILE may not be a symbolic link (a link
someone else put in a shared directory such as /tmp could lead to a file of
yours), a directory, a named pipe or a device, nor the club log or SQLite's
files beside it (-wal, -shm, -journal). Without --output, CSV and JSON go to
stdout.

In the CSV, a name, note or diagnosis that starts with =, +, -, @, a tab or a
carriage return gets a leading single quote ('), so that a spreadsheet shows
it as text instead of running it as a formula. In the workbook every name is
a text cell, never a formula. The JSON export and the log keep names as they
are.

A log that does not exist yet exports as an empty one: the CSV header row,
[], or a workbook of headings.`,
		Example: `  achilles log export --format xlsx --output club-log.xlsx
  achilles log export --format csv --excel --output club-log.csv
  achilles log export --format json --team U18 --since 2026-01-01 > u18.json`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.formatGiven = cmd.Flags().Changed("format")
			return o.run(cmd.Context(), env, cmd.CommandPath(), args)
		},
	}
	o.format.register(cmd.Flags(), "", "(required)", "csv", "json", "xlsx")
	f := cmd.Flags()
	f.StringVar(&o.output, "output", "", "write to `FILE` (replaced whole, mode 0600) instead of stdout")
	f.BoolVar(&o.excel, "excel", false, "CSV: start with a UTF-8 byte-order mark, so that Excel reads Chinese names right")
	f.BoolVar(&o.includePractice, "include-practice", false, "export practice records (saved from a course case) too")
	o.filter.register(f)
	return cmd
}

func (o *logExportCmd) run(ctx context.Context, env Env, cmdPath string, args []string) error {
	cat, err := startNoArgs(env, o.g, cmdPath, args)
	if err != nil {
		return err
	}
	if !o.formatGiven {
		return usageT(cat, "clublog.error.format_required")
	}
	if cat, err = logFormat(env, o.g, &o.format); err != nil {
		return err
	}
	format := o.format.value
	if format == "xlsx" && (o.output == "" || o.output == "-") {
		return usageT(cat, "clublog.error.xlsx_output")
	}
	if o.excel && format != "csv" {
		return usageT(cat, "clublog.error.excel_csv", "format", format)
	}
	f, err := o.filter.filter(env, cat)
	if err != nil {
		return err
	}
	f.Practice = o.includePractice
	opts := clublog.ExportOptions{Filter: f, Location: location(env), BOM: o.excel}
	n := 0
	// The log is checked whole before the first byte is written
	// (clublog.WriteCSV), so that a damaged log writes nothing.
	err = readLog(env, o.g, cat, clublog.OpenToRead, func(l *clublog.Log) error {
		return writeOutput(env, cat, o.output, l.Path(), func(w io.Writer) error {
			var err error
			switch format {
			case "csv":
				n, err = l.WriteCSV(ctx, w, opts)
			case "xlsx":
				n, err = l.WriteXLSX(ctx, w, cat, opts)
			default:
				n, err = l.WriteJSON(ctx, w, opts)
			}
			return err
		})
	}, func(path string) error {
		noLogYet(env, cat, path)
		return writeOutput(env, cat, o.output, path, func(w io.Writer) error {
			switch format {
			case "csv":
				return clublog.WriteEmptyCSV(w, opts)
			case "xlsx":
				return clublog.WriteEmptyXLSX(w, cat, opts)
			}
			return clublog.WriteEmptyJSON(w)
		})
	})
	if err == nil && o.output != "" && o.output != "-" {
		say(env, cat, "clublog.export.done", "count", strconv.Itoa(n), "path", o.output)
	}
	return err
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
func writeOutput(env Env, cat *catalog.Catalog, output, dbFile string, render func(io.Writer) error) error {
	if output == "" || output == "-" {
		w := bufio.NewWriterSize(env.Stdout, 64<<10)
		if err := render(w); err != nil {
			return err
		}
		return w.Flush()
	}
	target, err := outputFile(cat, output, dbFile)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".*.tmp")
	if err != nil {
		return usageT(cat, "clublog.error.output", "output", output, "error", errors.Unwrap(err).Error())
	}
	defer os.Remove(tmp.Name()) // after a successful rename there is nothing left to remove
	failed := func(err error) error {
		return fmt.Errorf("%s: %w", cat.F("clublog.error.writing", "output", output), err)
	}
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
func outputFile(cat *catalog.Catalog, output, dbFile string) (string, error) {
	if dbFile != "" {
		for _, base := range []string{dbFile, canonical(dbFile)} {
			for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
				f := base + suffix
				if canonical(output) != canonical(f) && !same(output, f) {
					continue
				}
				if suffix == "" {
					return "", usageT(cat, "clublog.error.output_is_log", "output", output)
				}
				return "", usageT(cat, "clublog.error.output_is_sqlite", "output", output, "suffix", suffix)
			}
		}
	}
	info, err := os.Lstat(output)
	switch {
	case err != nil:
		return output, nil // a new file; writeOutput says why if it cannot be made
	case info.Mode()&fs.ModeSymlink != 0:
		return "", usageT(cat, "clublog.error.output_link", "output", output)
	case info.IsDir():
		return "", usageT(cat, "clublog.error.output_dir", "output", output)
	case !info.Mode().IsRegular():
		return "", usageT(cat, "clublog.error.output_special", "output", output)
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

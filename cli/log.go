package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"

	"achilles/assessment"
	"achilles/cases"
	"achilles/catalog"
	"achilles/clublog"
	q "achilles/questionnaire"
)

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

type logAddOptions struct {
	athlete, team, answersFile, caseID string
	answers                            []string
}

func newLogAdd(env Env, g *globals) *cobra.Command {
	o := &logAddOptions{}
	cmd := &cobra.Command{
		Use:   "add --athlete NAME",
		Short: "Assess a set of answers and save it in the club log",
		Long: `Assesses answers as "achilles assess" does and saves the assessment in the club
log under the athlete's name or initials. Prints the new record's ID.
Answers come from --case, then --answers, then each --answer, later ones
overriding earlier ones.`,
		Example: `  achilles log add --athlete "A. Smith" --team U18 --answers answers.json
  achilles log add --athlete JS --case classic --answer side=right`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return o.run(cmd.Context(), env, g, cmd.Flags().Changed("athlete"))
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.athlete, "athlete", "", "the athlete's `NAME` or initials (required; at most 100 characters)")
	f.StringVar(&o.team, "team", "", "the athlete's `TEAM` (at most 100 characters)")
	f.StringVar(&o.answersFile, "answers", "", "read a JSON object of answers from `FILE` (- for stdin)")
	f.StringArrayVar(&o.answers, "answer", nil, "set one answer, as `ID=VALUE`; repeatable; overrides --answers and --case")
	f.StringVar(&o.caseID, "case", "", "start from the answers of a course `CASE` (see achilles demo --list)")
	return cmd
}

func (o *logAddOptions) run(ctx context.Context, env Env, g *globals, athleteGiven bool) error {
	// Everything the user gave is checked before the log is opened, so
	// that a mistake creates no file.
	athlete, team := strings.TrimSpace(o.athlete), strings.TrimSpace(o.team)
	if !athleteGiven {
		return usagef(`--athlete is required: the athlete's name or initials, as in --athlete "A. Smith"`)
	}
	if err := clublog.ValidateAthlete(athlete); err != nil {
		return usagef("--athlete: %w", err)
	}
	if err := clublog.ValidateTeam(team); err != nil {
		return usagef("--team: %w", err)
	}
	cat, err := language(env, g)
	if err != nil {
		return err
	}
	var a, overrides q.Answers
	for _, s := range o.answers {
		if err := overrides.ParseAssignment(s); err != nil {
			return usagef("--answer %s: %w", s, err)
		}
	}
	if o.caseID != "" {
		c, ok := cases.Get(o.caseID)
		if !ok {
			return usageError{fmt.Errorf("--case: %w", cases.UnknownError(o.caseID))}
		}
		a = c.Answers
	}
	if o.answersFile != "" {
		fromFile, err := readAnswersFile(ctx, env, o.answersFile)
		if err != nil {
			return err
		}
		a.Merge(fromFile)
	}
	a.Merge(overrides)

	rep := assessment.NewReport(assessment.Assess(a), cat, assessment.Options{})
	rec := clublog.NewRecord(&rep, athlete, team, env.Now())
	l, err := openClubLog(env, g)
	if err != nil {
		return err
	}
	defer l.Close()
	id, err := l.Add(ctx, rec)
	if errors.Is(err, clublog.ErrInvalid) {
		return usageError{err}
	}
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(env.Stdout, id)
	return err
}

// readAnswersFile reads an answers document from a file, or stdin for "-".
func readAnswersFile(ctx context.Context, env Env, file string) (q.Answers, error) {
	in, err := openInput(ctx, env, file)
	if err != nil {
		return q.Answers{}, err
	}
	defer in.Close()
	name := file
	if name == "-" {
		name = "stdin"
	}
	data, err := readAll(in, q.MaxDocument, "--answers "+name)
	if err != nil {
		return q.Answers{}, err
	}
	a, err := q.ParseAnswers(data)
	if err != nil {
		return q.Answers{}, usagef("--answers %s: %w", name, err)
	}
	return a, nil
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
	l, err := openClubLog(env, g)
	if err != nil {
		return err
	}
	defer l.Close()
	rec, err := l.Get(ctx, id)
	if errors.Is(err, clublog.ErrNotFound) {
		return noRecord(id, l)
	}
	if err != nil {
		return err
	}
	return fn(l, rec)
}

// noRecord is the error for an ID that is not in the log.
func noRecord(id int64, l *clublog.Log) error {
	return usagef("no record %d in the club log %s; achilles log list shows the records there are", id, l.Path())
}

func newLogDelete(env Env, g *globals) *cobra.Command {
	return &cobra.Command{
		Use:     "delete ID",
		Short:   "Remove one record from the club log",
		Example: `  achilles log delete 3`,
		Args:    recordArg,
		RunE: func(cmd *cobra.Command, args []string) error {
			return getRecord(cmd.Context(), env, g, args[0], func(l *clublog.Log, rec clublog.Record) error {
				err := l.Delete(cmd.Context(), rec.ID)
				if errors.Is(err, clublog.ErrNotFound) { // deleted by someone else meanwhile
					return noRecord(rec.ID, l)
				}
				if err != nil {
					return err
				}
				fmt.Fprintf(env.Stderr, "achilles: deleted record %d (%s, saved %s)\n", rec.ID, clublog.Printable(rec.Athlete), created(rec))
				return nil
			})
		},
	}
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

// recordJSON writes one record as show --format json does.
func recordJSON(w io.Writer, rec clublog.Record) error {
	b, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

func newLogList(env Env, g *globals) *cobra.Command {
	format := "text"
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the saved assessments, newest first",
		Long: `Lists the club log, newest first: ID, date saved (UTC), athlete, team, side,
band and urgency. An empty log prints nothing on stdout, and says so on stderr.`,
		Example: `  achilles log list
  achilles log list --format json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkFormat(format, "text", "json"); err != nil {
				return err
			}
			cat, err := language(env, g)
			if err != nil {
				return err
			}
			l, err := openClubLog(env, g)
			if err != nil {
				return err
			}
			defer l.Close()
			recs, err := l.List(cmd.Context())
			if err != nil {
				return err
			}
			if format == "json" {
				return writeOutput(env, "", "", func(w io.Writer) error { return listJSON(w, recs) })
			}
			if len(recs) == 0 {
				fmt.Fprintf(env.Stderr, "achilles: the club log %s is empty; save an assessment with achilles log add --athlete NAME (see achilles log add --help)\n", l.Path())
				return nil
			}
			return writeOutput(env, "", "", func(w io.Writer) error { return listText(w, recs, cat) })
		},
	}
	cmd.Flags().StringVar(&format, "format", format, "output format: text or json")
	return cmd
}

// listJSON writes the list as a JSON array, [] when the log is empty.
func listJSON(w io.Writer, recs []clublog.Record) error {
	type item struct {
		ID          int64   `json:"id"`
		Created     string  `json:"created"`
		Athlete     string  `json:"athlete"`
		Team        string  `json:"team"`
		Side        string  `json:"side"`
		Probability float64 `json:"probability"`
		Band        string  `json:"band"`
		Triage      string  `json:"triage"`
	}
	items := make([]item, len(recs))
	for i, r := range recs {
		items[i] = item{r.ID, r.Created.UTC().Format(time.RFC3339), r.Athlete, r.Team, r.Side, r.Probability, r.Band, r.Triage}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(items)
}

// listText writes the list as a table aligned by display width, so that
// names in any script line up. Long names are cut; show gives them whole.
func listText(w io.Writer, recs []clublog.Record, cat *catalog.Catalog) error {
	const maxName = 24
	rows := [][]string{{"ID", "SAVED (UTC)", "ATHLETE", "TEAM", "SIDE", "BAND", "URGENCY"}}
	for _, r := range recs {
		rows = append(rows, []string{
			strconv.FormatInt(r.ID, 10),
			r.Created.UTC().Format("2006-01-02 15:04"),
			ansi.Truncate(clublog.Printable(r.Athlete), maxName, "…"),
			ansi.Truncate(clublog.Printable(r.Team), maxName, "…"),
			r.Side,
			catalogWord(cat, "band."+r.Band, r.Band),
			catalogWord(cat, "triage."+r.Triage+".short", r.Triage),
		})
	}
	widths := make([]int, len(rows[0]))
	for _, row := range rows {
		for i, cell := range row {
			widths[i] = max(widths[i], ansi.StringWidth(cell))
		}
	}
	var b strings.Builder
	for _, row := range rows {
		for i, cell := range row {
			b.WriteString(cell)
			if i < len(row)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-ansi.StringWidth(cell)+2))
			}
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func newLogShow(env Env, g *globals) *cobra.Command {
	format := "text"
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Show one saved assessment in full",
		Long: `Shows one record of the club log: who, when, which side, and the full
assessment. Text and markdown assess the saved answers again, in the language
asked for; json gives the assessment exactly as it was saved.`,
		Example: `  achilles log show 3
  achilles log show 3 --format markdown > record-3.md
  achilles log show 3 --format json`,
		Args: recordArg,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(format, "text", "markdown", "json"); err != nil {
				return err
			}
			cat, err := language(env, g)
			if err != nil {
				return err
			}
			return getRecord(cmd.Context(), env, g, args[0], func(_ *clublog.Log, rec clublog.Record) error {
				return writeOutput(env, "", "", func(w io.Writer) error {
					return showRecord(w, rec, format, cat, colour(env, g))
				})
			})
		},
	}
	cmd.Flags().StringVar(&format, "format", format, "output format: text, markdown or json")
	return cmd
}

func showRecord(w io.Writer, rec clublog.Record, format string, cat *catalog.Catalog, styled bool) error {
	if format == "json" {
		return recordJSON(w, rec)
	}
	side, team := rec.Side, clublog.Printable(rec.Team)
	if side == "" {
		side = "not recorded"
	}
	if team == "" {
		team = "—"
	}
	fields := [][2]string{
		{"Athlete", clublog.Printable(rec.Athlete)}, {"Team", team}, {"Side", side}, {"Saved", created(rec)},
	}
	var note string
	if rec.ModelVersion != assessment.ModelVersion {
		saved := rec.ModelVersion
		if saved == "" {
			saved = "an earlier model"
		} else {
			saved = "model " + saved
		}
		note = fmt.Sprintf("Saved with %s; the assessment below is made again by model %s and may differ.", saved, assessment.ModelVersion)
	}
	rep := assessment.NewReport(assessment.Assess(rec.Answers), cat, assessment.Options{})
	if format == "markdown" {
		fmt.Fprintf(w, "**Club log record %d**\n\n", rec.ID)
		for _, f := range fields {
			fmt.Fprintf(w, "- %s: %s\n", f[0], mdEscapeText(f[1]))
		}
		if note != "" {
			fmt.Fprintf(w, "\n_%s_\n", note)
		}
		fmt.Fprintln(w)
		return rep.WriteMarkdown(w, assessment.MarkdownOptions{Now: rec.Created.UTC(), Version: Version})
	}
	fmt.Fprintf(w, "CLUB LOG RECORD %d\n", rec.ID)
	for _, f := range fields {
		fmt.Fprintf(w, "  %-8s %s\n", f[0]+":", f[1])
	}
	if note != "" {
		fmt.Fprintln(w, ansi.Wrap(note, 80, ""))
	}
	fmt.Fprintln(w)
	return rep.WriteText(w, assessment.TextOptions{Styled: styled})
}

// mdEscapeText escapes the characters Markdown would read as markup, so
// that a name shows as written.
func mdEscapeText(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_[]<>|~&", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

func newLogExport(env Env, g *globals) *cobra.Command {
	var format, output string
	cmd := &cobra.Command{
		Use:   "export --format csv|json",
		Short: "Export every record, for a spreadsheet or the physio",
		Long: `Writes every record of the club log, oldest first, as CSV (with a header row;
the answers are one JSON object in the last column) or as a JSON array of
the objects "achilles log show --format json" prints. --output writes a file
(mode 0600) that appears whole or not at all; without it, stdout.`,
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
			l, err := openClubLog(env, g)
			if err != nil {
				return err
			}
			defer l.Close()
			return writeOutput(env, output, l.Path(), func(w io.Writer) error {
				if format == "csv" {
					return l.WriteCSV(cmd.Context(), w)
				}
				return l.WriteJSON(cmd.Context(), w)
			})
		},
	}
	cmd.Flags().StringVar(&format, "format", "", "output format: csv or json (required)")
	cmd.Flags().StringVar(&output, "output", "", "write to `FILE` (mode 0600, replaced whole) instead of stdout")
	return cmd
}

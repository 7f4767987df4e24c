package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"

	"achilles/assessment"
	"achilles/catalog"
	"achilles/clublog"
	"achilles/clublog/names"
	q "achilles/questionnaire"
	"achilles/report"
)

// logListCmd is achilles log list.
type logListCmd struct {
	g      *globals
	format formatFlag
}

func newLogList(env Env, g *globals) *cobra.Command {
	o := &logListCmd{g: g}
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the saved assessments, newest first",
		Long: `Lists the club log, newest first: ID, date saved (UTC), athlete, team, side,
band and urgency. An empty log prints nothing on stdout ([] with --format
json) and, as text, says so on stderr. A log file that does not exist yet is
not created: it lists as empty, and stderr says it does not exist yet.`,
		Example: `  achilles log list
  achilles log list --format json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return o.run(cmd.Context(), env) },
	}
	o.format.register(cmd.Flags(), "text", "", "text", "json")
	return cmd
}

func (o *logListCmd) run(ctx context.Context, env Env) error {
	cat, err := o.format.language(env, o.g)
	if err != nil {
		return err
	}
	format := o.format.value
	list := func(recs []clublog.Record) error {
		if format == "json" {
			return writeOutput(env, "", "", func(w io.Writer) error { return listJSON(w, recs) })
		}
		if len(recs) == 0 {
			return nil
		}
		return writeOutput(env, "", "", func(w io.Writer) error { return listText(w, recs, cat) })
	}
	return readLog(env, o.g, clublog.OpenToRead, func(l *clublog.Log) error {
		recs, err := l.List(ctx)
		if err != nil {
			return err
		}
		if len(recs) == 0 && format == "text" {
			fmt.Fprintf(env.Stderr, "achilles: %s\n", cat.F("clublog.list.empty", "path", l.Path()))
		}
		return list(recs)
	}, func(path string) error {
		noLogYet(env, cat, path)
		return list(nil)
	})
}

// listJSON writes the list as a JSON array, [] when the log is empty.
// Characters a name may not hold are escaped (clublog.EscapeJSON), as in
// the export.
func listJSON(w io.Writer, recs []clublog.Record) error {
	items := make([]clublog.Summary, len(recs))
	for i, r := range recs {
		items[i] = r.Summary(time.UTC)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(items); err != nil {
		return err
	}
	_, err := w.Write(clublog.EscapeJSON(b.Bytes()))
	return err
}

// listText writes the list as a table aligned by display width, so that
// names in any script line up. Long names are cut; show gives them whole.
func listText(w io.Writer, recs []clublog.Record, cat *catalog.Catalog) error {
	const maxName = 24
	rows := [][]string{{
		cat.T("clublog.list.id"), cat.T("clublog.list.saved"), cat.T("clublog.list.athlete"), cat.T("clublog.list.team"),
		cat.T("clublog.list.side"), cat.T("clublog.list.band"), cat.T("clublog.list.urgency"),
	}}
	for _, r := range recs {
		rows = append(rows, []string{
			strconv.FormatInt(r.ID, 10),
			r.Created.UTC().Format("2006-01-02 15:04"),
			ansi.Truncate(names.Printable(r.Athlete), maxName, "…"),
			ansi.Truncate(names.Printable(r.Team), maxName, "…"),
			sideWord(cat, r.Side),
			catalogWord(cat, assessment.BandKeyOf(r.Band), r.Band),
			catalogWord(cat, assessment.ShortKeyOf(r.Triage), r.Triage),
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

// sideWord is a record's side in the questionnaire's words; "" (not
// answered) stays "", and a side this version does not know stays its ID.
func sideWord(cat *catalog.Catalog, side string) string {
	if side == "" {
		return ""
	}
	return catalogWord(cat, q.Side.ValueKey(side), side)
}

// logShowCmd is achilles log show ID.
type logShowCmd struct {
	g      *globals
	id     string
	format formatFlag
}

func newLogShow(env Env, g *globals) *cobra.Command {
	o := &logShowCmd{g: g}
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
			o.id = args[0]
			return o.run(cmd.Context(), env)
		},
	}
	o.format.register(cmd.Flags(), "text", "", "text", "markdown", "json")
	return cmd
}

func (o *logShowCmd) run(ctx context.Context, env Env) error {
	cat, err := o.format.language(env, o.g)
	if err != nil {
		return err
	}
	return getRecord(ctx, env, o.g, o.id, clublog.OpenToRead, func(_ *clublog.Log, rec clublog.Record) error {
		return writeOutput(env, "", "", func(w io.Writer) error {
			return showRecord(w, rec, o.format.value, cat, emergency(env, o.g, cat), colour(env, o.g))
		})
	})
}

func showRecord(w io.Writer, rec clublog.Record, format string, cat *catalog.Catalog, em string, styled bool) error {
	if format == "json" {
		return recordJSON(w, rec)
	}
	side, team := sideWord(cat, rec.Side), names.Printable(rec.Team)
	if side == "" {
		side = cat.T("clublog.show.side_unknown")
	}
	if team == "" {
		team = cat.T("clublog.show.no_team")
	}
	fields := [][2]string{
		{cat.T("clublog.show.athlete"), names.Printable(rec.Athlete)}, {cat.T("clublog.show.team"), team},
		{cat.T("clublog.show.side"), side}, {cat.T("clublog.show.saved"), created(rec)},
	}
	var note string
	switch rec.ModelVersion {
	case assessment.ModelVersion:
	case "":
		note = cat.F("clublog.show.note_earlier", "model", assessment.ModelVersion)
	default:
		note = cat.F("clublog.show.note_other", "saved", rec.ModelVersion, "model", assessment.ModelVersion)
	}
	id := strconv.FormatInt(rec.ID, 10)
	rep := assessment.NewReport(assessment.Assess(rec.Answers), cat, assessment.Options{Emergency: em})
	if format == "markdown" {
		fmt.Fprintf(w, "**%s**\n\n", cat.F("clublog.show.title_markdown", "id", id))
		for _, f := range fields {
			fmt.Fprintf(w, "- %s: %s\n", f[0], mdEscapeText(f[1]))
		}
		if note != "" {
			fmt.Fprintf(w, "\n_%s_\n", note)
		}
		fmt.Fprintln(w)
		_, err := io.WriteString(w, report.Markdown(&rep, report.MarkdownOptions{Now: rec.Created.UTC(), Version: Version}))
		return err
	}
	fmt.Fprintln(w, cat.F("clublog.show.title", "id", id))
	// Labels are padded by display width, to the longest, so that the
	// values line up in any language.
	width := 0
	for _, f := range fields {
		width = max(width, ansi.StringWidth(f[0]))
	}
	for _, f := range fields {
		fmt.Fprintf(w, "  %s:%s %s\n", f[0], strings.Repeat(" ", width-ansi.StringWidth(f[0])), f[1])
	}
	if note != "" {
		fmt.Fprintln(w, ansi.Wrap(note, 80, ""))
	}
	fmt.Fprintln(w)
	_, err := io.WriteString(w, report.Text(&rep, report.TextOptions{Styled: styled}))
	return err
}

// recordJSON writes one record as show --format json does.
func recordJSON(w io.Writer, rec clublog.Record) error {
	b, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
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

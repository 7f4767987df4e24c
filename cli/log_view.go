package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
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
	g       *globals
	format  formatFlag
	filter  filterFlags
	deleted bool
}

func newLogList(env Env, g *globals) *cobra.Command {
	o := &logListCmd{g: g}
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the records, newest first",
		Long: `Lists the club log, newest first: ID, date saved (local time, with the zone),
athlete, team, side, band, urgency and the latest follow-up. Practice records
(saved from a course case) are marked. --athlete, --team, --since, --until
and --urgency choose records; --deleted lists the deleted ones, which
"achilles log restore ID" brings back. An empty list prints nothing on stdout
([] with --format json) and, as text, says so on stderr. A log file that does
not exist yet is not created: it lists as empty, and stderr says it does not
exist yet.`,
		Example: `  achilles log list
  achilles log list --athlete smith --since 2026-03-01 --until 2026-03-31
  achilles log list --urgency emergency,emergency_ambulance --format json
  achilles log list --deleted`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return o.run(cmd.Context(), env, cmd.CommandPath(), args)
		},
	}
	o.format.register(cmd.Flags(), "text", "", "text", "json")
	o.filter.register(cmd.Flags())
	cmd.Flags().BoolVar(&o.deleted, "deleted", false, "list the deleted records instead, which restore brings back")
	return cmd
}

// logFormat loads the catalog, then checks --format in its words.
func logFormat(env Env, g *globals, f *formatFlag) (*catalog.Catalog, error) {
	cat, err := language(env, g)
	if err != nil {
		return nil, err
	}
	if !slices.Contains(f.allowed, f.value) {
		return nil, usageT(cat, "clublog.error.bad_format", "value", strconv.Quote(f.value), "allowed", strings.Join(f.allowed, ", "))
	}
	return cat, nil
}

func (o *logListCmd) run(ctx context.Context, env Env, cmdPath string, args []string) error {
	cat, err := logFormat(env, o.g, &o.format)
	if err != nil {
		return err
	}
	if err := noLogArgs(cat, cmdPath, args); err != nil {
		return err
	}
	f, err := o.filter.filter(env, cat)
	if err != nil {
		return err
	}
	f.Practice, f.Deleted = true, o.deleted
	format := o.format.value
	list := func(recs []clublog.Record) error {
		if format == "json" {
			return writeOutput(env, cat, "", "", func(w io.Writer) error { return listJSON(w, recs, location(env)) })
		}
		if len(recs) == 0 {
			return nil
		}
		return writeOutput(env, cat, "", "", func(w io.Writer) error { return listText(w, env, recs, cat) })
	}
	return readLog(env, o.g, cat, clublog.OpenToRead, func(l *clublog.Log) error {
		recs, err := l.Find(ctx, f)
		if err != nil {
			return err
		}
		if len(recs) == 0 && format == "text" {
			switch {
			case o.deleted:
				say(env, cat, "clublog.list.none_deleted", "path", l.Path())
			case f.Athlete != "" || f.Team != "" || !f.Since.IsZero() || !f.Until.IsZero() || len(f.Triage) > 0:
				say(env, cat, "clublog.list.none_match", "path", l.Path())
			default:
				say(env, cat, "clublog.list.empty", "path", l.Path())
			}
		}
		return list(recs)
	}, func(path string) error {
		noLogYet(env, cat, path)
		return list(nil)
	})
}

// noLogYet tells, on stderr, that the club log at path does not exist yet
// and how to start it.
func noLogYet(env Env, cat *catalog.Catalog, path string) {
	say(env, cat, "clublog.list.missing", "path", path)
}

// listJSON writes the list as a JSON array, [] when the log is empty.
// Characters a name may not hold are escaped (clublog.EscapeJSON), as in
// the export.
func listJSON(w io.Writer, recs []clublog.Record, loc *time.Location) error {
	items := make([]clublog.Summary, len(recs))
	for i, r := range recs {
		items[i] = r.Summary(loc)
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
// To keep within 80 columns where it can, the zone goes in the heading
// when every time shown is in the same one, and the status column is there
// only when a record listed has a follow-up.
func listText(w io.Writer, env Env, recs []clublog.Record, cat *catalog.Catalog) error {
	const maxName = 24
	zones := map[string]bool{}
	status := false
	for _, r := range recs {
		zones[zoneName(env, r.Created)] = true
		status = status || len(r.FollowUps) > 0
	}
	when := func(t time.Time) string { return localTime(env, t) }
	saved := cat.T("clublog.list.saved")
	if len(zones) == 1 {
		saved = cat.F("clublog.list.saved_in", "zone", zoneName(env, recs[0].Created))
		when = func(t time.Time) string { return t.In(location(env)).Format("2006-01-02 15:04") }
	}
	header := []string{
		cat.T("clublog.list.id"), saved, cat.T("clublog.list.athlete"), cat.T("clublog.list.team"),
		cat.T("clublog.list.side"), cat.T("clublog.list.band"), cat.T("clublog.list.urgency"),
	}
	if status {
		header = append(header, cat.T("clublog.list.status"))
	}
	rows := [][]string{header}
	for _, r := range recs {
		athlete := ansi.Truncate(names.Printable(r.Athlete), maxName, "…")
		if r.Practice {
			athlete = cat.F("clublog.list.practice", "athlete", athlete)
		}
		row := []string{
			strconv.FormatInt(r.ID, 10),
			when(r.Created),
			athlete,
			ansi.Truncate(names.Printable(r.Team), maxName, "…"),
			sideWord(cat, r.Side),
			catalogWord(cat, assessment.BandKeyOf(r.Band), r.Band),
			catalogWord(cat, assessment.ShortKeyOf(r.Triage), r.Triage),
		}
		if status {
			word := ""
			if f := r.Latest(); f != nil {
				word = catalogWord(cat, "clublog.status."+f.Status, f.Status)
			}
			row = append(row, word)
		}
		rows = append(rows, row)
	}
	widths := make([]int, len(rows[0]))
	for _, row := range rows {
		for i, cell := range row {
			widths[i] = max(widths[i], ansi.StringWidth(cell))
		}
	}
	var b strings.Builder
	for _, row := range rows {
		line := ""
		for i, cell := range row {
			line += cell
			if i < len(row)-1 {
				line += strings.Repeat(" ", widths[i]-ansi.StringWidth(cell)+2)
			}
		}
		b.WriteString(strings.TrimRight(line, " "))
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
	format formatFlag
}

func newLogShow(env Env, g *globals) *cobra.Command {
	o := &logShowCmd{g: g}
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Show one saved assessment in full",
		Long: `Shows one record of the club log: who, when (local time, with the zone),
which side, its follow-ups, and the full assessment. Text and markdown
assess the saved answers again, in the language asked for; json gives the
assessment exactly as it was saved. A deleted record is shown too, saying
so.`,
		Example: `  achilles log show 3
  achilles log show 3 --format markdown > record-3.md
  achilles log show 3 --format json`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return o.run(cmd.Context(), env, cmd.CommandPath(), args)
		},
	}
	o.format.register(cmd.Flags(), "text", "", "text", "markdown", "json")
	return cmd
}

func (o *logShowCmd) run(ctx context.Context, env Env, cmdPath string, args []string) error {
	cat, err := logFormat(env, o.g, &o.format)
	if err != nil {
		return err
	}
	id, err := oneID(cat, cmdPath, args)
	if err != nil {
		return err
	}
	return getRecord(ctx, env, o.g, cat, id, clublog.OpenToRead, func(_ *clublog.Log, rec clublog.Record) error {
		return writeOutput(env, cat, "", "", func(w io.Writer) error {
			return showRecord(w, env, rec, o.format.value, cat, reportOptions(env, o.g, cat), colour(env, o.g))
		})
	})
}

func showRecord(w io.Writer, env Env, rec clublog.Record, format string, cat *catalog.Catalog, opts assessment.Options, styled bool) error {
	if format == "json" {
		return recordJSON(w, rec, location(env))
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
		{cat.T("clublog.show.side"), side}, {cat.T("clublog.show.saved"), localTime(env, rec.Created)},
	}
	id := strconv.FormatInt(rec.ID, 10)
	var notes []string
	if rec.Practice {
		notes = append(notes, cat.T("clublog.show.practice"))
	}
	if !rec.Deleted.IsZero() {
		notes = append(notes, cat.F("clublog.show.deleted", "deleted", localTime(env, rec.Deleted), "id", id))
	}
	switch rec.ModelVersion {
	case assessment.ModelVersion:
	case "":
		notes = append(notes, cat.F("clublog.show.note_earlier", "model", assessment.ModelVersion))
	default:
		notes = append(notes, cat.F("clublog.show.note_other", "saved", rec.ModelVersion, "model", assessment.ModelVersion))
	}
	var history []string
	for _, f := range rec.FollowUps {
		line := followUpDate(env, &f) + "  " + catalogWord(cat, "clublog.status."+f.Status, f.Status)
		if f.Diagnosis != "" {
			line += cat.T("clublog.show.separator") + cat.F("clublog.show.diagnosis", "diagnosis", names.Printable(f.Diagnosis))
		}
		if f.Note != "" {
			line += cat.T("clublog.show.separator") + cat.F("clublog.show.note", "note", names.Printable(f.Note))
		}
		if !f.Date.Equal(f.Created) {
			line += cat.T("clublog.show.separator") + cat.F("clublog.show.recorded", "time", localTime(env, f.Created))
		}
		history = append(history, line)
	}
	// Worded for the session's region, as assess words it: the emergency
	// number, the advice line and where to go today.
	rep := assessment.NewReport(assessment.Assess(rec.Answers), cat, opts)
	if format == "markdown" {
		fmt.Fprintf(w, "**%s**\n\n", cat.F("clublog.show.title_markdown", "id", id))
		for _, f := range fields {
			fmt.Fprintf(w, "- %s: %s\n", f[0], mdEscapeText(f[1]))
		}
		for _, n := range notes {
			fmt.Fprintf(w, "\n_%s_\n", n)
		}
		if len(history) > 0 {
			fmt.Fprintf(w, "\n%s\n\n", cat.T("clublog.show.follow_ups"))
			for _, h := range history {
				fmt.Fprintf(w, "- %s\n", mdEscapeText(h))
			}
		}
		fmt.Fprintln(w)
		_, err := io.WriteString(w, report.Markdown(&rep, report.MarkdownOptions{Now: rec.Created.In(location(env)), Version: Version}))
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
	for _, n := range notes {
		fmt.Fprintln(w, ansi.Wrap(n, 80, ""))
	}
	if len(history) > 0 {
		fmt.Fprintln(w, cat.T("clublog.show.follow_ups"))
		// A follow-up's line goes on indented, under its text.
		for _, h := range history {
			fmt.Fprintln(w, "  "+strings.ReplaceAll(ansi.Wrap(h, 76, ""), "\n", "\n    "))
		}
	}
	fmt.Fprintln(w)
	_, err := io.WriteString(w, report.Text(&rep, report.TextOptions{Styled: styled}))
	return err
}

// followUpDate is when a follow-up happened as show gives it: local, with
// the zone, or the day alone when only the day was given.
func followUpDate(env Env, f *clublog.FollowUp) string {
	if f.DateOnly {
		return f.When().In(location(env)).Format("2006-01-02")
	}
	return localTime(env, f.When())
}

// recordJSON writes one record as show --format json does.
func recordJSON(w io.Writer, rec clublog.Record, loc *time.Location) error {
	b, err := rec.JSON(loc)
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

package assessment

import (
	"fmt"
	"io"
	"strings"
	"time"

	q "achilles/questionnaire"
)

// MarkdownOptions say what to stamp on the Markdown report.
type MarkdownOptions struct {
	Now     time.Time // when the report was made
	Version string    // the program's version
}

// WriteMarkdown writes the report a person takes to the clinician.
func (rep *Report) WriteMarkdown(w io.Writer, opts MarkdownOptions) error {
	cat := rep.cat
	r := &rep.Result
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	list := func(items []string) {
		for _, it := range items {
			p("- %s\n", mdEscape(it))
		}
	}
	heading := func(key string) { p("\n## %s\n\n", mdEscape(cat.T(key))) }

	p("# %s\n\n", mdEscape(cat.T("report.title")))
	p("%s\n\n", mdEscape(cat.F("report.generated",
		"date", opts.Now.Format("2006-01-02 15:04 MST"),
		"version", opts.Version,
		"model", ModelVersion)))
	p("> %s\n", mdEscape(cat.T("report.for_clinician")))

	heading("report.estimate")
	p("**%s**  \n", mdEscape(rep.EstimateLine()))
	p("%s  \n", mdEscape(rep.RangeLine()))
	p("%s\n", mdEscape(rep.AAOSLine()))

	p("\n## %s: %s %s\n\n", mdEscape(cat.T("report.urgency")), TriageSymbol(r.Triage), mdEscape(cat.T(triageShortKeys[r.Triage])))
	p("**%s**\n\n", mdEscape(rep.Actions.Headline))
	if line := rep.RedFlagsLine(); line != "" {
		p("%s\n\n", mdEscape(line))
	}
	if len(rep.Reasons) > 0 {
		p("%s:\n\n", mdEscape(cat.T("report.why_urgency")))
		list(rep.Reasons)
	}
	if r.ShowClot() {
		heading("clot.heading")
		p("**%s**\n\n", mdEscape(rep.ClotCheck.Summary))
		if len(rep.ClotCheck.Findings) > 0 {
			list(rep.ClotCheck.Findings)
			p("\n")
		}
		p("%s\n", mdEscape(rep.ClotCheck.Note))
	}

	heading("report.now")
	list(rep.Actions.Now)
	heading("report.where")
	p("%s\n", mdEscape(rep.Actions.Where))
	heading("report.tell")
	list(rep.Actions.TellClinician)
	if len(rep.Actions.After) > 0 {
		heading("report.after")
		list(rep.Actions.After)
	}

	heading("report.trace")
	p("%s\n\n", mdEscape(cat.F("report.trace_start", "prior", Percent(Prior))))
	if len(r.Trace()) == 0 {
		p("%s\n", mdEscape(cat.T("report.trace_none")))
	} else {
		p("| %s | %s | %s | %s | %s | %s |\n", cat.T("report.col_finding"), cat.T("report.answer"),
			cat.T("report.col_stated"), cat.T("report.col_lr"), cat.T("report.col_basis"), cat.T("report.col_source"))
		p("| --- | --- | ---: | ---: | --- | --- |\n")
		for _, s := range r.Trace() {
			p("| %s | %s | %s | %s %s | %s | %s |\n",
				cell(cat.T(s.Question.LabelKey())), cell(rep.ValueLabel(s.Question)),
				FormatLR(s.Stated()), effectSymbol(rep, s), FormatLR(s.LR()),
				cell(cat.T("basis."+s.Basis.String())), cell(sourceOrDash(s.Source)))
		}
	}

	heading("report.alternatives")
	if len(rep.Alternatives) == 0 {
		p("%s\n", mdEscape(cat.T("report.alternatives_none")))
	}
	for _, alt := range rep.Alternatives {
		p("- **%s**: %s\n", mdEscape(alt.Name), mdEscape(alt.Why))
	}

	heading("report.caveats")
	list(rep.Caveats)

	heading("report.answers")
	if r.Answers.Len() == 0 {
		p("%s\n", mdEscape(cat.T("report.answers_none")))
	} else {
		p("| %s | %s |\n| --- | --- |\n", cat.T("report.question"), cat.T("report.answer"))
	}
	var missing []string
	for question := q.Q(0); question < q.Count; question++ {
		if !r.Answers.Has(question) {
			missing = append(missing, cat.T(question.LabelKey()))
			continue
		}
		p("| %s | %s |\n", cell(cat.T(question.LabelKey())), cell(rep.ValueLabel(question)))
	}
	if len(missing) > 0 {
		p("\n%s: %s.\n", mdEscape(cat.T("report.not_answered")), mdEscape(strings.Join(missing, "; ")))
	}

	heading("report.sources")
	list(Sources)

	heading("report.disclaimer_heading")
	p("%s\n", mdEscape(cat.F("report.disclaimer", "emergency", rep.Emergency)))
	_, err := io.WriteString(w, b.String())
	return err
}

func sourceOrDash(src string) string {
	if src == srcNone {
		return "–"
	}
	return src
}

func effectSymbol(rep *Report, s Step) string {
	if s.Raises() {
		return rep.cat.T("symbol.raises")
	}
	return rep.cat.T("symbol.lowers")
}

// mdEscape escapes the characters that would turn plain text into Markdown
// markup where it is not meant. "<" and ">" are left readable in the raw
// file ("<1%", ">99%"): mid-line they make no markup, and a leading ">"
// (a quote) is escaped.
var mdReplacer = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "#", `\#`, "[", `\[`, "]", `\]`)

func mdEscape(s string) string {
	s = mdReplacer.Replace(s)
	if strings.HasPrefix(s, ">") {
		s = `\` + s
	}
	return s
}

// cell escapes text for a table cell, where a pipe or newline would break
// the row.
func cell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ").Replace(mdEscape(s))
}

package report

import (
	"fmt"
	"strings"
	"time"

	"achilles/assessment"
	"achilles/catalog"
)

// MarkdownOptions say what to stamp on the Markdown report.
type MarkdownOptions struct {
	Now     time.Time // when the report was made
	Version string    // the program's version
}

// Markdown is the report a person takes to the clinician: a title and when
// it was made, then each section of the outline with every answer given.
// Paragraphs are separated by a blank line; lists and tables run on.
func Markdown(rep *assessment.Report, opts MarkdownOptions) string {
	cat := rep.Catalog()
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }

	p("# %s\n\n", mdEscape(cat.T("report.title")))
	p("%s\n\n", mdEscape(cat.F("report.generated",
		"date", opts.Now.Format("2006-01-02 15:04 MST"),
		"version", opts.Version,
		"model", assessment.ModelVersion)))
	p("> %s\n", mdEscape(cat.T("report.for_clinician")))

	mdSections(&b, rep, cat, rep.Outline(assessment.OutlineOptions{Answers: true, Next: true}))
	return b.String()
}

// GuideMarkdown is "what happens next" alone (achilles guide), as
// Markdown: the title, each topic with the questions to tick off, then the
// sources.
func GuideMarkdown(cat *catalog.Catalog, care assessment.CareOptions) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n", mdEscape(cat.T("care.title")))
	mdSections(&b, nil, cat, append(care.Sections(cat), care.SourcesSection()))
	return b.String()
}

// mdSections writes sections of the outline as Markdown. rep is the
// report the banner and the trace's steps come from; nil for the guide,
// which has none.
func mdSections(b *strings.Builder, rep *assessment.Report, cat *catalog.Catalog, secs []assessment.Section) {
	p := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }
	for _, sec := range secs {
		if sec.Heading != "" {
			p("\n## %s\n\n", mdEscape(cat.T(sec.Heading)))
		}
		started, prev := false, assessment.ItemKind(0)
		for _, it := range sec.Items {
			switch it.Kind {
			case assessment.ItemGauge:
				continue // the lead says the number
			case assessment.ItemBanner:
				if rep == nil {
					continue
				}
				p("\n## %s: %s %s\n\n", mdEscape(cat.T("report.urgency")), assessment.TriageSymbol(rep.Triage), mdEscape(cat.T(rep.Triage.ShortKey())))
				continue
			}
			run := started && it.Kind == prev && runsOn(it.Kind)
			switch {
			case !started:
			case run:
				b.WriteByte('\n')
			case sec.Compact:
				b.WriteString("  \n")
			default:
				b.WriteString("\n\n")
			}
			started, prev = true, it.Kind
			switch it.Kind {
			case assessment.ItemLead:
				p("**%s**", mdEscape(it.Text))
			case assessment.ItemBullet:
				p("- %s", mdEscape(it.Text))
			case assessment.ItemQuestion:
				p("- [ ] %s", mdEscape(it.Text))
			case assessment.ItemRow:
				if !run {
					p("| %s | %s |\n| --- | --- |\n", cat.T("care.col_when"), cat.T("care.col_what"))
				}
				p("| %s | %s |", cell(it.Label), cell(it.Text))
			case assessment.ItemAlternative:
				p("- **%s**: %s", mdEscape(it.Label), mdEscape(it.Text))
			case assessment.ItemStep:
				if !run {
					p("| %s | %s | %s | %s | %s | %s |\n| --- | --- | ---: | ---: | --- | --- |\n",
						cat.T("report.col_finding"), cat.T("report.answer"), cat.T("report.col_stated"),
						cat.T("report.col_lr"), cat.T("report.col_basis"), cat.T("report.col_source"))
				}
				s := it.Step
				p("| %s | %s | %s | %s %s | %s | %s |",
					cell(cat.T(s.Question.LabelKey())), cell(rep.ValueLabel(s.Question)),
					assessment.FormatLR(s.Stated()), rep.EffectSymbol(s), assessment.FormatLR(s.LR()),
					cell(rep.BasisWord(s)), cell(sourceOrDash(s.Cited())))
			case assessment.ItemAnswer:
				if !run {
					p("| %s | %s |\n| --- | --- |\n", cat.T("report.question"), cat.T("report.answer"))
				}
				p("| %s | %s |", cell(it.Label), cell(it.Text))
			case assessment.ItemSources:
				for i, src := range it.List {
					if i > 0 {
						b.WriteByte('\n')
					}
					p("- %s", mdEscape(src))
				}
			default:
				b.WriteString(mdEscape(it.String()))
			}
		}
		b.WriteByte('\n')
	}
}

// runsOn reports whether items of kind k run on, one per line, as a list
// or a table, rather than being paragraphs of their own.
func runsOn(k assessment.ItemKind) bool {
	switch k {
	case assessment.ItemBullet, assessment.ItemAlternative, assessment.ItemStep, assessment.ItemAnswer,
		assessment.ItemQuestion, assessment.ItemRow:
		return true
	}
	return false
}

// sourceOrDash is a step's source, or a dash when it has none.
func sourceOrDash(src string) string {
	if src == "" {
		return "–"
	}
	return src
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

package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"

	"achilles/catalog"
	q "achilles/questionnaire"
)

// questionsCmd is achilles questions: the question bank.
type questionsCmd struct {
	g      *globals
	format formatFlag
}

func newQuestions(env Env, g *globals) *cobra.Command {
	o := &questionsCmd{g: g}
	cmd := &cobra.Command{
		Use:   "questions",
		Short: "The question bank: IDs, values and words",
		Long: `Prints every question in the order the questionnaire asks them, with its ID,
kind and allowed values: what "achilles assess" accepts.`,
		Example: `  achilles questions
  achilles questions --format json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return o.run(cmd.Context(), env) },
	}
	o.format.register(cmd.Flags(), "text", "", "text", "json")
	return cmd
}

func (o *questionsCmd) run(_ context.Context, env Env) error {
	cat, err := language(env, o.g)
	if err != nil {
		return err
	}
	if err := o.format.check(); err != nil {
		return err
	}
	var out bytes.Buffer
	if o.format.value == "json" {
		err = writeQuestionsJSON(&out, cat)
	} else {
		writeQuestionsText(&out, cat, colour(env, o.g))
	}
	if err != nil {
		return err
	}
	_, err = env.Stdout.Write(out.Bytes())
	return err
}

// questionJSON is one question in `achilles questions --format json`
// (docs/contract.md). Fields after section are additions to the contract.
type questionJSON struct {
	ID           string            `json:"id"`
	Kind         string            `json:"kind"`
	Values       []string          `json:"values"`
	Min          *int              `json:"min"`
	Max          *int              `json:"max"`
	Text         string            `json:"text"`
	Help         string            `json:"help"`
	Section      string            `json:"section"`
	SectionTitle string            `json:"section_title"`
	TextOther    string            `json:"text_other"`
	Labels       map[string]string `json:"labels,omitempty"`
	Unit         string            `json:"unit,omitempty"`
	Why          string            `json:"why"`
	HowTo        string            `json:"how_to,omitempty"`
	RedFlag      bool              `json:"red_flag"`
	Part         string            `json:"part"`
	PartTitle    string            `json:"part_title"`
}

func writeQuestionsJSON(out *bytes.Buffer, cat *catalog.Catalog) error {
	var qs []questionJSON
	for _, question := range q.All() {
		info := question.Info()
		j := questionJSON{
			ID:           info.ID,
			Kind:         info.Kind.String(),
			Values:       append([]string{}, info.Values...),
			Text:         cat.T(question.TextKey(false)),
			Help:         cat.T(question.HintKey()),
			Section:      info.Section.ID(),
			SectionTitle: cat.T(info.Section.SectionKey()),
			Part:         info.Part().ID(),
			PartTitle:    cat.T(info.Part().SectionKey()),
			TextOther:    cat.T(question.TextKey(true)),
			Why:          cat.T(question.WhyKey()),
			RedFlag:      info.RedFlag,
		}
		if info.Kind == q.Number {
			lo, hi := info.Min, info.Max
			j.Min, j.Max = &lo, &hi
			j.Unit = cat.T(question.UnitKey())
		} else {
			j.Labels = make(map[string]string, len(info.Values))
			for _, v := range info.Values {
				j.Labels[v] = cat.T(question.ValueKey(v))
			}
		}
		if info.HowTo {
			j.HowTo = cat.T(question.HowKey())
		}
		qs = append(qs, j)
	}
	enc := json.NewEncoder(out)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(qs)
}

func writeQuestionsText(out *bytes.Buffer, cat *catalog.Catalog, styled bool) {
	heading, id := lipgloss.NewStyle(), lipgloss.NewStyle()
	if styled {
		heading = heading.Bold(true).Foreground(lipgloss.Color("12"))
		id = id.Bold(true)
	}
	const width = 80
	wrap := func(indent, s string) {
		for _, l := range strings.Split(ansi.Wrap(s, width-len(indent), ""), "\n") {
			fmt.Fprintf(out, "%s%s\n", indent, l)
		}
	}
	section := q.Section(255)
	for _, question := range q.All() {
		info := question.Info()
		if info.Part() != section {
			section = info.Part()
			if out.Len() > 0 {
				out.WriteString("\n")
			}
			fmt.Fprintln(out, heading.Render(strings.ToUpper(cat.T(section.SectionKey()))))
		}
		var allowed string
		if info.Kind == q.Number {
			allowed = fmt.Sprintf("%d–%d %s", info.Min, info.Max, cat.T(question.UnitKey()))
		} else {
			allowed = strings.Join(info.Values, " | ")
		}
		fmt.Fprintf(out, "\n  %s  %s\n", id.Render(info.ID), allowed)
		wrap("    ", cat.T(question.TextKey(false)))
		wrap("    ", cat.T(question.HintKey()))
	}
}

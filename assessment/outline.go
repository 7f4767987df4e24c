package assessment

import (
	"slices"
	"strings"

	"achilles/catalog"
	q "achilles/questionnaire"
	"achilles/region"
)

// The report's outline: its sections in order, each a heading and items in
// words, with no layout or styling. The text report, the Markdown report
// and the result screen all walk the same outline, so that what to do now
// reads the same on screen and on paper; each decides only how an item of
// each kind looks.

// SectionID names a section of the report.
type SectionID uint8

// The sections, urgency first: what to do and where to go come before the
// estimate, which comes before the reasons and the record.
const (
	SectionUrgency      SectionID = iota // the triage banner, its headline, the emergency signs answered yes and those not checked
	SectionNow                           // what to do now
	SectionWhere                         // where to go, and how fast
	SectionEstimate                      // the estimate, its range and the AAOS signs
	SectionReasons                       // why this urgency (when a safety floor applied)
	SectionClot                          // the blood clot check (when Result.ShowClot)
	SectionTell                          // what to tell the clinician
	SectionAfter                         // what usually follows (when anything does)
	SectionNext                          // what happens next, one section a topic (with OutlineOptions.Next, when Result.ShowNext)
	SectionTrace                         // what moved the estimate
	SectionAlternatives                  // other conditions to consider
	SectionCaveats                       // keep in mind
	SectionAnswers                       // the answers given (only with OutlineOptions.Answers)
	SectionSources                       // the sources of the numbers
	SectionDisclaimer                    // what the tool is not
)

// ItemKind says what an item is, so that a renderer can choose its look.
type ItemKind uint8

const (
	// ItemBanner is the triage level: its symbol and short words (Text).
	// It opens the urgency section, which has no heading of its own.
	ItemBanner ItemKind = iota
	// ItemLead is the section's main statement, to stand out.
	ItemLead
	// ItemAlarm names the emergency signs answered yes, or those not
	// checked.
	ItemAlarm
	// ItemPara is a paragraph.
	ItemPara
	// ItemNote is a paragraph of lesser weight.
	ItemNote
	// ItemBullet is one item of a list.
	ItemBullet
	// ItemGauge is the probability (Value) drawn as a bar; Text is it in
	// words.
	ItemGauge
	// ItemStep is one step of the trace (Step); Text is TraceLine.
	ItemStep
	// ItemAlternative is another condition: Label is its name, Text why.
	ItemAlternative
	// ItemAnswer is an answer given: Label is the question, Text the
	// answer (Question).
	ItemAnswer
	// ItemSources are the sources (List); Text is them in one line.
	ItemSources
	// ItemRow is a row of a table of two columns: Label, then Text (the
	// recovery timeline).
	ItemRow
	// ItemQuestion is a question to take to the appointment: a list item
	// to tick off on paper.
	ItemQuestion
)

// Item is one thing a section says, in the report's language.
type Item struct {
	Kind     ItemKind
	Label    string   // what the text is about, for an alternative or an answer
	Text     string   // the words
	List     []string // the sources
	Value    float64  // the probability of a gauge
	Step     Step     // the trace's step
	Question q.Q      // the question answered
}

// String is the item in words on one line: its label, if any, before its
// text.
func (it Item) String() string {
	if it.Label == "" {
		return it.Text
	}
	return it.Label + ": " + it.Text
}

// Section is one part of the report.
type Section struct {
	ID SectionID
	// Heading is the catalog key of the section's heading, or "" for the
	// urgency section, which the banner heads.
	Heading string
	// Compact: the items are the lines of one block rather than paragraphs
	// (the estimate, on paper).
	Compact bool
	Items   []Item
	// Topic is the part of "what happens next" a SectionNext gives.
	Topic CareTopic
}

// OutlineOptions say which optional sections the outline holds.
type OutlineOptions struct {
	// Answers adds every answer given and the questions not answered (for
	// the clinician's copy).
	Answers bool
	// Next adds "what happens next" (CareOptions.Sections) after what to do
	// now and before the trace, when the result calls for it (ShowNext),
	// and its sources to the sources.
	Next bool
}

// Catalog is the catalog the report is worded from, for its headings.
func (rep *Report) Catalog() *catalog.Catalog { return rep.cat }

// Outline is the report as ordered sections, most urgent first. Sections
// with nothing to say (no reasons, no clot check, nothing after) are left
// out.
func (rep *Report) Outline(opts OutlineOptions) []Section {
	cat := rep.cat
	r := &rep.Result
	text := func(k ItemKind, s string) Item { return Item{Kind: k, Text: s} }
	bullets := func(items []string) []Item {
		out := make([]Item, len(items))
		for i, s := range items {
			out[i] = text(ItemBullet, s)
		}
		return out
	}
	secs := make([]Section, 0, int(SectionDisclaimer)+int(topicCount))
	add := func(id SectionID, heading string, items ...Item) {
		secs = append(secs, Section{ID: id, Heading: heading, Items: items})
	}

	urgency := []Item{text(ItemBanner, rep.BannerLine()), text(ItemLead, rep.Actions.Headline)}
	if line := rep.RedFlagsLine(); line != "" {
		urgency = append(urgency, text(ItemAlarm, line))
	}
	if line := rep.RedFlagsUncheckedLine(); line != "" {
		urgency = append(urgency, text(ItemAlarm, line))
	}
	add(SectionUrgency, "", urgency...)
	add(SectionNow, "report.now", bullets(rep.Actions.Now)...)
	add(SectionWhere, "report.where", text(ItemPara, rep.Actions.Where))
	add(SectionEstimate, "report.estimate",
		text(ItemLead, rep.EstimateLine()),
		Item{Kind: ItemGauge, Text: Percent(r.Probability), Value: r.Probability},
		text(ItemPara, rep.RangeLine()),
		text(ItemPara, rep.AAOSLine()))
	secs[len(secs)-1].Compact = true
	if len(rep.Reasons) > 0 {
		add(SectionReasons, "report.why_urgency", bullets(rep.Reasons)...)
	}
	if r.ShowClot() {
		add(SectionClot, "clot.heading", append(append([]Item{text(ItemLead, rep.ClotCheck.Summary)},
			bullets(rep.ClotCheck.Findings)...), text(ItemNote, rep.ClotCheck.Note))...)
	}
	add(SectionTell, "report.tell", bullets(rep.Actions.TellClinician)...)
	if len(rep.Actions.After) > 0 {
		add(SectionAfter, "report.after", bullets(rep.Actions.After)...)
	}
	sources := Sources
	if opts.Next && r.ShowNext() {
		care := rep.Care()
		secs = append(secs, care.Sections(cat)...)
		sources = append(sources[:len(sources):len(sources)], care.Sources()...)
	}
	if rep.Actions.regional {
		// The facts behind where to go: a fee, a phone number, a service.
		for _, f := range region.Facts(rep.Region) {
			if !slices.Contains(sources, f.Source) {
				sources = append(sources[:len(sources):len(sources)], f.Source)
			}
		}
	}

	trace := []Item{text(ItemPara, cat.F("report.trace_start", "prior", Percent(Prior)))}
	if len(r.Trace()) == 0 {
		trace = append(trace, text(ItemPara, cat.T("report.trace_none")))
	}
	for _, s := range r.Trace() {
		trace = append(trace, Item{Kind: ItemStep, Text: rep.TraceLine(s), Step: s})
	}
	add(SectionTrace, "report.trace", trace...)

	var alts []Item
	if len(rep.Alternatives) == 0 {
		alts = append(alts, text(ItemPara, cat.T("report.alternatives_none")))
	}
	for _, alt := range rep.Alternatives {
		alts = append(alts, Item{Kind: ItemAlternative, Label: alt.Name, Text: alt.Why})
	}
	add(SectionAlternatives, "report.alternatives", alts...)
	add(SectionCaveats, "report.caveats", bullets(rep.Caveats)...)
	if opts.Answers {
		add(SectionAnswers, "report.answers", rep.answerItems()...)
	}
	add(SectionSources, "report.sources", Item{Kind: ItemSources, Text: strings.Join(sources, "; "), List: sources})
	disclaimer := []Item{text(ItemPara, cat.F("report.disclaimer", "emergency", rep.Emergency))}
	if rep.Advice != "" {
		// Its own sentence: "call 999" is never mixed with the advice line.
		disclaimer = append(disclaimer, text(ItemPara, rep.Advice))
	}
	add(SectionDisclaimer, "report.disclaimer_heading", disclaimer...)
	return secs
}

// answerItems are the answers given, in the bank's order, then the
// questions not answered in one paragraph.
func (rep *Report) answerItems() []Item {
	cat := rep.cat
	var items []Item
	if rep.Answers.Len() == 0 {
		items = append(items, Item{Kind: ItemPara, Text: cat.T("report.answers_none")})
	}
	var missing []string
	for question := q.Q(0); question < q.Count; question++ {
		if !rep.Answers.Has(question) {
			missing = append(missing, cat.T(question.LabelKey()))
			continue
		}
		items = append(items, Item{Kind: ItemAnswer, Label: cat.T(question.LabelKey()), Text: rep.ValueLabel(question), Question: question})
	}
	if len(missing) > 0 {
		items = append(items, Item{Kind: ItemPara, Text: cat.T("report.not_answered") + ": " + strings.Join(missing, "; ") + "."})
	}
	return items
}

// BannerLine is the triage level for the banner: its symbol, which carries
// the urgency without colour, and its short words.
func (rep *Report) BannerLine() string {
	return TriageSymbol(rep.Triage) + " " + rep.cat.T(rep.Triage.ShortKey())
}

// BasisWord is the basis of a step in words.
func (rep *Report) BasisWord(s Step) string { return rep.cat.T(s.Basis.Key()) }

// EffectSymbol is the symbol of which way a step moved the estimate.
func (rep *Report) EffectSymbol(s Step) string {
	if s.Raises() {
		return rep.cat.T("symbol.raises")
	}
	return rep.cat.T("symbol.lowers")
}

// Cited is the source the step's evidence cites, or "" when the step is the
// model's own assumption.
func (s Step) Cited() string {
	if s.Source == srcNone {
		return ""
	}
	return s.Source
}

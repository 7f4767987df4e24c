package assessment

import (
	"strconv"
	"strings"

	"achilles/catalog"
	"achilles/region"
)

// What happens next (docs/care.md): surgery or a boot, what recovery looks
// like, PRP and stem cells, blood clots and driving, and the questions to
// take to the appointment. The words are in the catalog under "care."; every
// number they state is a Figure below, put in through a placeholder named
// by its ID, and carries its source, as the evidence table does for the
// model. A test fails when a care message states a number that is not a
// figure, or when a figure or a source is not used.

// Figure is one number the "what happens next" section states.
type Figure struct {
	// ID is its placeholder in the catalog's words and its ID in the JSON.
	ID string
	// Low and High are the figure; High equals Low for a single number.
	Low, High int
	// Unit says what the number counts: a natural frequency ("in_100",
	// "in_10": so many people of 100 or of 10), "weeks", "months", "years",
	// "people" (in a trial) or "year" (a date).
	Unit string
	// Source is the reference, as CareSources cites it.
	Source string
}

// Text is the figure as the words show it: "6", or a range in the
// catalog's way ("3–5", "3 至 5").
func (f Figure) Text(cat *catalog.Catalog) string {
	if f.High == f.Low {
		return strconv.Itoa(f.Low)
	}
	return cat.F("care.range", "low", strconv.Itoa(f.Low), "high", strconv.Itoa(f.High))
}

// The references behind the figures, as docs/care.md cites them.
const (
	srcMyhrvold   = "Myhrvold 2022, NEJM 386:1409"
	srcOchen      = "Ochen 2019, BMJ 364:k5120"
	srcSoroceanu  = "Soroceanu 2012, JBJS Am 94:2136"
	srcAAOSNow    = "Humbyrd & Hsu, AAOS Now 2019 (AAOS guideline)"
	srcUKSTAR     = "Costa 2020, Lancet 395:441 (UKSTAR)"
	srcWillits    = "Willits 2010, JBJS Am 92:2767"
	srcOlsson     = "Olsson 2014"
	srcZellers    = "Zellers 2016, BJSM 50:1325"
	srcPATH2      = "Keene 2019, BMJ 367:l6132 (PATH-2; 2-year results, Bone Joint J 2022)"
	srcFDA        = "FDA consumer information, June 2021"
	srcHKCap138   = "Hong Kong Cap. 138 (Pharmacy and Poisons Ordinance)"
	srcPatel      = "Patel 2012, CORR 470:270"
	srcPOTCAST    = "van Adrichem 2017, NEJM 376:515 (POT-CAST)"
	srcReb        = "Reb 2020"
	srcBRAN       = "Choosing Wisely (BRAN)"
	srcNHSLeaflet = "UK NHS patient leaflets on Achilles rupture"
)

// CareSources are the references of the "what happens next" section, in
// the order the section cites them.
var CareSources = []string{
	srcMyhrvold, srcOchen, srcWillits, srcSoroceanu, srcUKSTAR, srcAAOSNow, srcNHSLeaflet, srcOlsson,
	srcZellers, srcPATH2, srcFDA, srcHKCap138, srcPatel, srcPOTCAST, srcReb, srcBRAN,
}

// Figures are every number of the section (docs/care.md), in the order the
// section states them.
var Figures = []Figure{
	// §1 Surgery or a boot: Myhrvold 2022, 526 patients, function at 12 months.
	{ID: "function_months", Low: 12, High: 12, Unit: "months", Source: srcMyhrvold},
	{ID: "function_patients", Low: 526, High: 526, Unit: "people", Source: srcMyhrvold},
	// Re-rupture 6.2% without surgery, 0.6% with either operation.
	{ID: "rerupture_boot", Low: 6, High: 6, Unit: "in_100", Source: srcMyhrvold},
	{ID: "rerupture_surgery", Low: 1, High: 1, Unit: "in_100", Source: srcMyhrvold},
	// Nerve injury 2.8% open, 5.2% minimally invasive, 0.6% without surgery.
	{ID: "nerve_surgery", Low: 3, High: 5, Unit: "in_100", Source: srcMyhrvold},
	{ID: "nerve_boot", Low: 1, High: 1, Unit: "in_100", Source: srcMyhrvold},
	// UKSTAR: a boot with heel wedges for 8 weeks, 540 patients.
	{ID: "boot_weeks", Low: 8, High: 8, Unit: "weeks", Source: srcUKSTAR},
	{ID: "ukstar_patients", Low: 540, High: 540, Unit: "people", Source: srcUKSTAR},
	// §2 The usual shape of recovery (UKSTAR; Willits 2010; NHS leaflets).
	{ID: "cast_weeks", Low: 0, High: 2, Unit: "weeks", Source: srcUKSTAR},
	{ID: "wedge_weeks", Low: 2, High: 8, Unit: "weeks", Source: srcUKSTAR},
	{ID: "heel_lift_weeks", Low: 8, High: 10, Unit: "weeks", Source: srcWillits},
	{ID: "strength_months", Low: 3, High: 6, Unit: "months", Source: srcNHSLeaflet},
	// 49% could not do a single-leg heel raise at 12 weeks.
	{ID: "heel_raise_cannot", Low: 5, High: 5, Unit: "in_10", Source: srcOlsson},
	{ID: "heel_raise_weeks", Low: 12, High: 12, Unit: "weeks", Source: srcOlsson},
	{ID: "sport_months", Low: 6, High: 12, Unit: "months", Source: srcNHSLeaflet},
	// About 80% return to sport.
	{ID: "return_sport", Low: 8, High: 8, Unit: "in_10", Source: srcZellers},
	// §3 PATH-2: 230 patients, no difference at 6 months or 2 years.
	{ID: "prp_months", Low: 6, High: 6, Unit: "months", Source: srcPATH2},
	{ID: "prp_years", Low: 2, High: 2, Unit: "years", Source: srcPATH2},
	{ID: "prp_patients", Low: 230, High: 230, Unit: "people", Source: srcPATH2},
	{ID: "fda_year", Low: 2021, High: 2021, Unit: "year", Source: srcFDA},
	{ID: "hk_registration_year", Low: 2021, High: 2021, Unit: "year", Source: srcHKCap138},
	// §4 Clots with symptoms 0.4% to 8.5% by cohort; about a third on
	// ultrasound screening.
	{ID: "clot_symptoms_low", Low: 1, High: 1, Unit: "in_100", Source: srcPatel},
	{ID: "clot_symptoms_high", Low: 8, High: 8, Unit: "in_100", Source: srcPatel},
	{ID: "clot_screened", Low: 3, High: 3, Unit: "in_10", Source: srcPatel},
	// Most passed an emergency-brake test at 6 weeks, 60 patients.
	{ID: "drive_weeks", Low: 6, High: 6, Unit: "weeks", Source: srcReb},
	{ID: "drive_patients", Low: 60, High: 60, Unit: "people", Source: srcReb},
}

// CareTopic is a part of the "what happens next" section.
type CareTopic uint8

// The parts, in the order the section gives them.
const (
	TopicTreatment  CareTopic = iota // surgery or a boot
	TopicRecovery                    // what recovery looks like
	TopicInjections                  // PRP and stem cells
	TopicClots                       // blood clots and driving
	TopicQuestions                   // questions to take to the appointment
	topicCount
)

var topicIDs = [topicCount]string{"treatment", "recovery", "injections", "clots_driving", "questions"}

// ID is the topic's ID in the JSON.
func (t CareTopic) ID() string { return topicIDs[t] }

// HeadingKey is the catalog key of the topic's heading.
func (t CareTopic) HeadingKey() string { return "care." + topicIDs[t] + ".heading" }

// careLine is one item of the section: its kind, its catalog key, and the
// sources of what it says without a number (the figures carry their own).
type careLine struct {
	kind    ItemKind
	key     string
	label   string // the catalog key of a row's label (ItemRow)
	sources []string
}

// careLines are the items of each topic. Regulation (the injections' last
// items) depends on the region and is added by CareSections.
var careLines = [topicCount][]careLine{
	TopicTreatment: {
		{kind: ItemPara, key: "care.treatment.intro"},
		{kind: ItemPara, key: "care.treatment.same", sources: []string{srcOchen, srcWillits}},
		{kind: ItemBullet, key: "care.treatment.rerupture"},
		{kind: ItemBullet, key: "care.treatment.early_movement", sources: []string{srcSoroceanu}},
		{kind: ItemBullet, key: "care.treatment.nerve"},
		{kind: ItemBullet, key: "care.treatment.boot_cast"},
		{kind: ItemPara, key: "care.treatment.tip", sources: []string{srcAAOSNow}},
		{kind: ItemLead, key: "care.treatment.shared", sources: []string{srcAAOSNow}},
	},
	TopicRecovery: {
		{kind: ItemNote, key: "care.recovery.intro", sources: []string{srcNHSLeaflet}},
		{kind: ItemRow, label: "care.recovery.cast.when", key: "care.recovery.cast"},
		{kind: ItemRow, label: "care.recovery.wedges.when", key: "care.recovery.wedges"},
		{kind: ItemRow, label: "care.recovery.heel_lift.when", key: "care.recovery.heel_lift"},
		{kind: ItemRow, label: "care.recovery.strength.when", key: "care.recovery.strength"},
		{kind: ItemRow, label: "care.recovery.sport.when", key: "care.recovery.sport"},
		{kind: ItemBullet, key: "care.recovery.return"},
		{kind: ItemLead, key: "care.recovery.months", sources: []string{srcUKSTAR}},
	},
	TopicInjections: {
		{kind: ItemPara, key: "care.injections.prp"},
		{kind: ItemPara, key: "care.injections.stem"},
		{kind: ItemLead, key: "care.injections.not_instead"},
		{kind: ItemPara, key: "care.injections.ask"},
		{kind: ItemBullet, key: "care.injections.ask_trial"},
		{kind: ItemBullet, key: "care.injections.ask_evidence"},
		{kind: ItemBullet, key: "care.injections.ask_cost"},
	},
	TopicClots: {
		{kind: ItemPara, key: "care.clots.common"},
		{kind: ItemPara, key: "care.clots.thinners", sources: []string{srcPOTCAST}},
		{kind: ItemAlarm, key: "care.clots.signs"},
		{kind: ItemPara, key: "care.clots.driving"},
	},
	TopicQuestions: {
		{kind: ItemNote, key: "care.questions.intro"},
		{kind: ItemQuestion, key: "care.questions.rupture"},
		{kind: ItemQuestion, key: "care.questions.choice"},
		{kind: ItemQuestion, key: "care.questions.surgery"},
		{kind: ItemQuestion, key: "care.questions.protocol"},
		{kind: ItemQuestion, key: "care.questions.physio"},
		{kind: ItemQuestion, key: "care.questions.thinners"},
		{kind: ItemQuestion, key: "care.questions.daily"},
		{kind: ItemQuestion, key: "care.questions.call"},
		{kind: ItemQuestion, key: "care.questions.milestones"},
		{kind: ItemQuestion, key: "care.questions.bran", sources: []string{srcBRAN}},
	},
}

// Regulation of stem-cell and "regenerative" products, by region, where
// the facts are known (docs/care.md §3): an ID for the JSON, the catalog
// key of the words, and the source. Other regions get the general advice
// to ask whether the product is approved where they live.
type regulation struct{ id, key, source string }

var regulations = map[string]regulation{
	"US": {id: "us_fda", key: "care.injections.regulation.US", source: srcFDA},
	"HK": {id: "hk_registration", key: "care.injections.regulation.HK", source: srcHKCap138},
}

const (
	regulationOtherKey = "care.injections.regulation.other"
	chronicKey         = "care.treatment.chronic"
)

// CareTopicIDs lists the topics' IDs, in the section's order.
func CareTopicIDs() []string { return topicIDs[:] }

// FigureIDs lists the figures' IDs, in the section's order.
func FigureIDs() []string {
	ids := make([]string, len(Figures))
	for i, f := range Figures {
		ids[i] = f.ID
	}
	return ids
}

// RegulationIDs lists the IDs of the regions' facts on stem-cell
// products: the United States', then Hong Kong's.
func RegulationIDs() []string { return []string{regulations["US"].id, regulations["HK"].id} }

// Regulation is the ID of the region's facts on stem-cell products in the
// JSON, or "" where none are known.
func Regulation(region string) string { return regulations[region].id }

// CareKeys lists every catalog key the section uses, for the catalog's
// tests.
func CareKeys() []string {
	var keys []string
	for t := CareTopic(0); t < topicCount; t++ {
		keys = append(keys, t.HeadingKey())
		for _, l := range careLines[t] {
			keys = append(keys, l.key)
			if l.label != "" {
				keys = append(keys, l.label)
			}
		}
	}
	for _, code := range []string{"HK", "US"} {
		keys = append(keys, regulations[code].key)
	}
	return append(keys, regulationOtherKey, chronicKey, "care.range", "care.title", "care.col_when", "care.col_what")
}

// CareCitations lists, for the traceability test, every source the
// section's lines and figures cite.
func CareCitations() []string {
	var cited []string
	for t := range careLines {
		for _, l := range careLines[t] {
			cited = append(cited, l.sources...)
		}
	}
	for _, f := range Figures {
		cited = append(cited, f.Source)
	}
	for _, r := range regulations {
		cited = append(cited, r.source)
	}
	return cited
}

// careArgs are the placeholders of the section's words: every figure, and
// the emergency number.
func careArgs(cat *catalog.Catalog, emergency string) []string {
	args := make([]string, 0, 2*len(Figures)+2)
	for _, f := range Figures {
		args = append(args, f.ID, f.Text(cat))
	}
	return append(args, "emergency", emergency)
}

// CareOptions say for whom the section is worded.
type CareOptions struct {
	// Region is the normalized region code: it picks the facts on
	// stem-cell products. "" for none known.
	Region string
	// Emergency is how to reach emergency services, in words.
	Emergency string
	// Chronic: the injury is more than 4 weeks old, when a rupture is
	// treated with planned care (docs/evidence.md §4) and the trials'
	// figures, made for a fresh one, may not apply; the section says so
	// first.
	Chronic bool
}

// Sections are the "what happens next" section as sections of the
// report's outline, one a topic: what the report gives after what to do
// now, and what `achilles guide` gives alone.
func (c CareOptions) Sections(cat *catalog.Catalog) []Section {
	args := careArgs(cat, c.Emergency)
	secs := make([]Section, 0, int(topicCount))
	for t := CareTopic(0); t < topicCount; t++ {
		sec := Section{ID: SectionNext, Heading: t.HeadingKey(), Topic: t}
		if t == TopicTreatment && c.Chronic {
			sec.Items = append(sec.Items, Item{Kind: ItemLead, Text: cat.T(chronicKey)})
		}
		for _, l := range careLines[t] {
			it := Item{Kind: l.kind, Text: cat.F(l.key, args...)}
			if l.label != "" {
				it.Label = cat.F(l.label, args...)
			}
			sec.Items = append(sec.Items, it)
		}
		if t == TopicInjections {
			key := regulationOtherKey
			if reg, ok := regulations[c.Region]; ok {
				key = reg.key
			}
			sec.Items = append(sec.Items, Item{Kind: ItemPara, Text: cat.F(key, args...)})
		}
		secs = append(secs, sec)
	}
	return secs
}

// Sources are the references the section cites for the region, in the
// order of CareSources: another region's rules on stem-cell products are
// left out, as their words are.
func (c CareOptions) Sources() []string {
	list := make([]string, 0, len(CareSources))
	for _, s := range CareSources {
		if code, regional := regulationOf(s); regional && code != c.Region {
			continue
		}
		list = append(list, s)
	}
	return list
}

// SourcesSection is the section's sources, for the guide, where no other
// sources list follows.
func (c CareOptions) SourcesSection() Section {
	list := c.Sources()
	return Section{ID: SectionSources, Heading: "report.sources",
		Items: []Item{{Kind: ItemSources, Text: strings.Join(list, "; "), List: list}}}
}

// regulationOf reports the region whose rules a source is, if it is one.
func regulationOf(source string) (string, bool) {
	for code, r := range regulations {
		if r.source == source {
			return code, true
		}
	}
	return "", false
}

// ShowNext reports whether the "what happens next" section belongs in the
// report: a rupture is possible or more, or the person is to be seen
// today or sooner. It always comes after what to do now.
func (r *Result) ShowNext() bool { return r.Band >= Possible || r.Triage >= SameDay }

// figuresJSON is the JSON object of Figures, ID to [low, high], made
// once: it is the same in every report that has the section, and
// `assess --batch` writes many. Their units and sources are in
// docs/contract.md; the object stays small, as a club log record keeps it.
var figuresJSON = appendFigures(nil)

func appendFigures(b []byte) []byte {
	b = append(b, '{')
	for i, f := range Figures {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, f.ID)
		b = append(b, ":["...)
		b = strconv.AppendInt(b, int64(f.Low), 10)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(f.High), 10)
		b = append(b, ']')
	}
	return append(b, '}')
}

// appendNextJSON appends the "next" object: whether the report has the
// section, its topics, figures and regulation facts by ID, and the
// region's changeable facts behind where to go. IDs and numbers only; the
// words are in the text and Markdown reports.
func (rep *Report) appendNextJSON(b []byte) []byte {
	shown := rep.ShowNext()
	b = append(b, `{"shown":`...)
	b = strconv.AppendBool(b, shown)
	b = append(b, `,"region":`...)
	b = appendString(b, rep.Region)
	b = append(b, `,"topics":[`...)
	if shown {
		for t := CareTopic(0); t < topicCount; t++ {
			if t > 0 {
				b = append(b, ',')
			}
			b = appendString(b, t.ID())
		}
	}
	b = append(b, `],"figures":`...)
	if shown {
		b = append(b, figuresJSON...)
	} else {
		b = append(b, "{}"...)
	}
	b = append(b, `,"regulation":[`...)
	if id := Regulation(rep.Region); shown && id != "" {
		b = appendString(b, id)
	}
	b = append(b, `],"region_facts":[`...)
	for i, f := range region.Facts(rep.Region) {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"id":`...)
		b = appendString(b, f.ID)
		b = append(b, `,"value":`...)
		b = appendString(b, f.Value)
		b = append(b, `,"year":`...)
		b = strconv.AppendInt(b, int64(f.Year), 10)
		b = append(b, `,"source":`...)
		b = appendString(b, f.Source)
		b = append(b, '}')
	}
	return append(b, "]}"...)
}

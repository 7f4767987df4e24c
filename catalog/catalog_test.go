package catalog_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/width"

	"achilles/assessment"
	"achilles/catalog"
	q "achilles/questionnaire"
	"achilles/region"
)

// catalogs loads every language present.
func catalogs(t *testing.T) map[string]*catalog.Catalog {
	t.Helper()
	langs := catalog.Languages()
	if !slices.Contains(langs, catalog.Default) {
		t.Fatalf("Languages() = %v does not include the default %q", langs, catalog.Default)
	}
	cats := map[string]*catalog.Catalog{}
	for _, lang := range langs {
		c, err := catalog.Load(lang)
		if err != nil {
			t.Fatalf("Load(%q): %v", lang, err)
		}
		if c.Lang() != lang {
			t.Errorf("Load(%q).Lang() = %q", lang, c.Lang())
		}
		cats[lang] = c
	}
	return cats
}

func TestLanguages(t *testing.T) {
	langs := catalog.Languages()
	if catalog.Default != "en" {
		t.Errorf("Default = %q, want en", catalog.Default)
	}
	if !slices.IsSorted(langs) {
		t.Errorf("Languages() = %v is not sorted", langs)
	}
	if !slices.Contains(langs, "en") {
		t.Errorf("Languages() = %v has no en", langs)
	}
	catalogs(t)
}

// Every language has exactly the keys of English, none empty, with the same
// placeholders: a translation that drops {emergency} would hide the number
// to call.
func TestSameKeysAsEnglish(t *testing.T) {
	cats := catalogs(t)
	en := cats["en"]
	enKeys := en.Keys()
	if len(enKeys) == 0 {
		t.Fatal("the English catalog is empty")
	}
	for lang, c := range cats {
		keys := c.Keys()
		for _, k := range enKeys {
			if !c.Has(k) {
				t.Errorf("%s: key %q is missing (present in en)", lang, k)
			}
		}
		for _, k := range keys {
			if !en.Has(k) {
				t.Errorf("%s: key %q is not in en", lang, k)
			}
			v := c.T(k)
			if strings.TrimSpace(v) == "" {
				t.Errorf("%s: key %q is empty", lang, k)
			}
			if got, want := catalog.Placeholders(v), catalog.Placeholders(en.T(k)); en.Has(k) && !slices.Equal(got, want) {
				t.Errorf("%s: %q has placeholders %v; en has %v", lang, k, got, want)
			}
		}
	}
}

// mustBe fails when a key helper spells a key otherwise than
// TestNoOrphanKeys expects.
func mustBe(t *testing.T, got, want string) {
	t.Helper()
	if got != want {
		t.Errorf("key %q, want %q", got, want)
	}
}

// mustHave fails for every key missing from any language.
func mustHave(t *testing.T, cats map[string]*catalog.Catalog, keys ...string) {
	t.Helper()
	for _, k := range keys {
		for lang, c := range cats {
			if !c.Has(k) {
				t.Errorf("%s: key %q is missing", lang, k)
			}
		}
	}
}

func TestQuestionKeys(t *testing.T) {
	cats := catalogs(t)
	for _, question := range q.All() {
		info := question.Info()
		// The keys as the program asks for them, and as they must be spelt.
		key := "q." + info.ID
		mustBe(t, question.TextKey(false), key+".text")
		mustBe(t, question.TextKey(true), key+".text_other")
		mustBe(t, question.HintKey(), key+".hint")
		mustBe(t, question.WhyKey(), key+".why")
		mustBe(t, question.LabelKey(), "label."+info.ID)
		mustHave(t, cats, question.TextKey(false), question.TextKey(true), question.HintKey(), question.WhyKey(), question.LabelKey())
		switch info.Kind {
		case q.Choice:
			for _, v := range info.Values {
				mustBe(t, question.ValueKey(v), key+".v."+v)
				mustHave(t, cats, question.ValueKey(v))
			}
		case q.Number:
			mustBe(t, question.UnitKey(), key+".unit")
			mustHave(t, cats, question.UnitKey())
		}
		if info.HowTo {
			mustBe(t, question.HowKey(), key+".how")
			mustBe(t, question.DiagramKey(), key+".diagram")
			mustHave(t, cats, question.HowKey(), question.DiagramKey())
		}
	}
	for s := q.Section(0); s < q.SectionCount; s++ {
		mustBe(t, s.SectionKey(), "section."+s.ID())
		mustBe(t, s.IntroKey(), "section."+s.ID()+".intro")
		mustHave(t, cats, s.SectionKey(), s.IntroKey())
	}
}

// No key is left behind by a renamed question, value or section: such a
// key is never shown, and its replacement is likely missing.
func TestNoOrphanKeys(t *testing.T) {
	en := catalog.MustLoad("en")
	sections := map[string]bool{}
	for s := q.Section(0); s < q.SectionCount; s++ {
		sections[s.ID()] = true
	}
	for _, k := range en.Keys() {
		parts := strings.Split(k, ".")
		switch parts[0] {
		case "q":
			if len(parts) < 3 {
				t.Errorf("key %q: want q.<id>.<part>", k)
				continue
			}
			question, ok := q.Lookup(parts[1])
			if !ok {
				t.Errorf("key %q: no question %q", k, parts[1])
				continue
			}
			info := question.Info()
			rest := strings.Join(parts[2:], ".")
			switch {
			case rest == "text" || rest == "text_other" || rest == "hint" || rest == "why":
			case rest == "unit" && info.Kind == q.Number:
			case (rest == "how" || rest == "diagram") && info.HowTo:
			case len(parts) == 4 && parts[2] == "v" && info.Kind == q.Choice && slices.Contains(info.Values, parts[3]):
			default:
				t.Errorf("key %q: nothing asks for it (%s is a %s question, how-to %v, values %v)", k, info.ID, info.Kind, info.HowTo, info.Values)
			}
		case "label":
			if _, ok := q.Lookup(strings.TrimPrefix(k, "label.")); !ok {
				t.Errorf("key %q: no such question", k)
			}
		case "section":
			if len(parts) > 3 || !sections[parts[1]] || (len(parts) == 3 && parts[2] != "intro") {
				t.Errorf("key %q: no such section", k)
			}
		}
	}
}

// The keys the report code builds from IDs: a missing one would show as
// "[key]" in a report. Every such key comes from assessment's key helpers,
// which BuiltKeys lists; the checks below make sure that the list covers
// each kind of ID whole.
func TestReportKeys(t *testing.T) {
	cats := catalogs(t)
	built := assessment.BuiltKeys()
	mustHave(t, cats, built...)
	mustHave(t, cats, region.Keys()...) // the emergency numbers
	has := map[string]bool{}
	for _, k := range built {
		has[k] = true
	}
	covers := func(keys ...string) {
		t.Helper()
		for _, k := range keys {
			if !has[k] {
				t.Errorf("BuiltKeys() lacks %q, which the reports build", k)
			}
		}
	}
	for i := range 5 {
		tr := assessment.Triage(i)
		covers(tr.TitleKey(), tr.ShortKey(), tr.WhereKey(), assessment.ShortKeyOf(tr.ID()))
	}
	for i := range 4 {
		b := assessment.Band(i)
		covers(b.Key(), assessment.BandKeyOf(b.ID()))
	}
	reasons := assessment.AllReasons.IDs()
	if len(reasons) < 23 {
		t.Errorf("AllReasons.IDs() = %v: fewer reasons than expected", reasons)
	}
	for _, id := range reasons {
		covers("reason." + id)
	}
	// docs/contract.md: the alternatives, with those added for the clot check
	// and the wider differential.
	for _, id := range []string{"calf_muscle_tear", "plantaris_rupture", "partial_tear", "tendinopathy",
		"ankle_sprain", "ankle_fracture", "heel_avulsion_fracture", "dvt", "compartment_syndrome",
		"baker_cyst", "haglund", "fq_tendinopathy"} {
		covers("alt."+id+".name", "alt."+id+".why")
	}
	for _, level := range []assessment.ClotLevel{assessment.ClotNoSigns, assessment.ClotPossible, assessment.ClotLikely} {
		covers(level.ResultKey(), level.Key())
	}
	for _, f := range assessment.ClotFindingIDs() {
		covers("clot.finding." + f)
	}
	for _, v := range q.Examiner.Info().Values {
		covers("examiner." + v)
	}
	covers(assessment.Published.Key(), assessment.Assumption.Key())
	mustHave(t, cats, "symbol.bullet", "symbol.raises", "symbol.lowers", "emergency.number.unknown")
}

// Every complete catalog key written as a string literal in the program's
// source exists. Keys built from IDs ("triage." + id) are checked above.
func TestKeysInSource(t *testing.T) {
	en := catalog.MustLoad("en")
	namespaces := map[string]bool{}
	for _, k := range en.Keys() {
		ns, _, _ := strings.Cut(k, ".")
		namespaces[ns] = true
	}
	keyLike := regexp.MustCompile(`^([a-z_]+)(\.[a-z0-9_]+)+$`)
	fset := token.NewFileSet()
	found := 0
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != ".." && (strings.HasPrefix(name, ".") || name == "testdata" || name == "vendor") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Logf("skipping %s: %v", path, err) // someone is editing it
			return nil
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil {
				return true
			}
			m := keyLike.FindStringSubmatch(s)
			if m == nil || !namespaces[m[1]] {
				return true
			}
			found++
			if !en.Has(s) {
				t.Errorf("%s: key %q is not in the catalog", fset.Position(lit.Pos()), s)
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if found < 50 {
		t.Errorf("found only %d catalog keys in the source: is the scan looking in the right place?", found)
	}
}

// Messages filled in by F carry the placeholders the code fills, and those
// read with T carry none, which would show as "{name}" on screen.
func TestPlaceholdersMatchCode(t *testing.T) {
	cats := catalogs(t)
	// What the code passes to F (assessment/advice.go, words.go, outline.go, report/).
	filled := map[string][]string{
		"report.estimate_value":        {"band", "percent"},
		"report.range_value":           {"high", "low"},
		"report.aaos_value":            {"assessed", "positive"},
		"report.trace_start":           {"prior"},
		"report.trace_step":            {"effect", "evidence", "lr", "question", "value"},
		"report.estimate_value_raised": {"band", "percent"},
		"tell.red_flag":                {"sign"},
		"tell.site":                    {"site"},
		"tell.pain":                    {"pain"},
		"tell.side":                    {"side"},
		"report.generated":             {"date", "model", "version"},
		"report.disclaimer":            {"emergency"},
		"tell.when":                    {"when"},
		"tell.how":                     {"how"},
		"tell.finding":                 {"finding", "value"},
		"tell.test":                    {"examiner", "test", "value"},
		"tell.aaos":                    {"assessed", "positive"},
		"tell.clot":                    {"points", "result"},
		"tell.clot_findings":           {"findings"},
		"clot.result.likely":           {"points"},
		"clot.result.possible":         {"points"},
		"clot.result.no_signs":         {"emergency"},
		"clot.result.chest":            {"emergency", "points"},
		// The interactive questionnaire (ui/).
		"ui.position":           {"n", "total"},
		"ui.settled.partial":    {"n"},
		"ui.number_range":       {"max", "min"},
		"ui.too_small":          {"height", "width"},
		"ui.too_small_now":      {"height", "width"},
		"ui.too_small_offer":    {"height", "width"},
		"ui.start.emergency":    {"emergency"},
		"ui.panel.call":         {"emergency"},
		"ui.save_failed":        {"error"},
		"ui.saved":              {"path"},
		"ui.result.scrolled":    {"percent"},
		"ui.teach.estimate":     {"band", "percent"},
		"ui.teach.start":        {"prior"},
		"ui.teach.was":          {"percent"},
		"ui.teach.clot":         {"level", "points"},
		"ui.log.too_long":       {"field", "max"},
		"ui.log.control":        {"char", "field"},
		"ui.log.failed":         {"error"},
		"ui.log.saved":          {"athlete", "id"},
		"ui.log.saved_practice": {"athlete", "id"},
		"ui.log.already":        {"id"},
		"ui.demo.case":          {"title"},
		"ui.demo.case_number":   {"number", "unit"},
		"ui.next.intro":         {"emergency"},
		// Accessible mode (ui/accessible/).
		"access.emergency":            {"emergency"},
		"access.progress":             {"n", "total"},
		"access.checklist.how":        {"max"},
		"access.checklist.both":       {"input"},
		"access.teach":                {"percent", "was"},
		"access.type_choice":          {"max"},
		"access.type_number":          {"max", "min", "unit"},
		"access.enter_keep":           {"answer"},
		"access.chosen":               {"answer"},
		"access.number_answer":        {"number", "unit"},
		"access.invalid.no_choice":    {"input"},
		"access.invalid.not_choice":   {"input"},
		"access.invalid.not_listed":   {"input"},
		"access.invalid.not_number":   {"input"},
		"access.invalid.out_of_range": {"input"},
		"access.allowed.choice":       {"max"},
		"access.allowed.number":       {"max", "min"},
		"access.allowed.review":       {"max"},
		// The club log commands (cli/log*.go).
		"clublog.delete.damaged":      {"id"},
		"clublog.delete.done":         {"athlete", "id", "saved"},
		"clublog.list.empty":          {"path"},
		"clublog.list.missing":        {"path"},
		"clublog.show.note_earlier":   {"model"},
		"clublog.show.note_other":     {"model", "saved"},
		"clublog.show.title":          {"id"},
		"clublog.show.title_markdown": {"id"},
		// The classroom server (server/).
		"server.crash.failed":              {"error"},
		"server.full":                      {"sessions"},
		"server.goodbye.idle":              {"duration"},
		"server.goodbye.max_time":          {"duration"},
		"server.no_terminal":               {"accessible", "command"},
		"server.refuse.lang_unknown":       {"lang"},
		"server.refuse.no_case":            {"case"},
		"server.refuse.not_offered":        {"arg"},
		"server.refuse.open_quote":         {"command"},
		"server.refuse.too_long":           {"bytes", "max"},
		"server.refuse.trailing_backslash": {"command"},
		"server.refuse.unreadable":         {"command"},
		"server.refused":                   {"cases", "languages", "reason"},
		"server.usage":                     {"languages", "port_flag", "port_flag", "port_flag", "port_flag", "port_flag"},
		"server.closing":                   {"duration"},
		"server.unfinished":                {"emergency"},
		"server.unfinished_none":           {"emergency"},
		// The number to call must be shown whenever an ambulance is needed.
		"now.ambulance.call":               {"emergency"},
		"where.emergency_ambulance":        {"emergency"},
		"triage.emergency_ambulance.title": {"emergency"},
	}
	// The region's own words for where to go and its advice line.
	regionKeys := map[string]string{}
	for _, code := range []string{"HK", "GB", "US", "AU", "FR", ""} {
		for _, k := range []string{region.SameDayKey(code), region.AdviceKey(code)} {
			if k != "" {
				regionKeys[k] = code
			}
		}
	}
	if len(regionKeys) != 6 {
		t.Errorf("the region keys are %v: want where to go for HK, GB, US and AU, and the advice lines of GB and AU", regionKeys)
	}
	for lang, c := range cats {
		for key, want := range filled {
			if got := catalog.Placeholders(c.T(key)); !slices.Equal(got, want) {
				t.Errorf("%s: %q has placeholders %v, the code fills %v", lang, key, got, want)
			}
		}
		for _, key := range c.Keys() {
			if _, ok := filled[key]; ok {
				continue
			}
			got := catalog.Placeholders(c.T(key))
			switch {
			case regionKeys[key] != "":
				// Filled with the region's facts (region.Args), each
				// with its year, and the emergency number.
				allowed := map[string]bool{"emergency": true}
				args := region.Args(regionKeys[key])
				for i := 0; i < len(args); i += 2 {
					allowed[args[i]] = true
				}
				for _, name := range got {
					if !allowed[name] {
						t.Errorf("%s: %q has placeholder {%s}, which is not a fact of region %s (region.Facts)", lang, key, name, regionKeys[key])
					}
				}
			case strings.HasPrefix(key, "now."), strings.HasPrefix(key, "where."),
				strings.HasPrefix(key, "triage.") && strings.HasSuffix(key, ".title"):
				// Filled with the emergency number only.
				for _, name := range got {
					if name != "emergency" {
						t.Errorf("%s: %q has placeholder {%s}; only {emergency} is filled", lang, key, name)
					}
				}
			case (strings.HasPrefix(key, "ui.") || strings.HasPrefix(key, "access.")) && len(got) > 0:
				t.Errorf("%s: %q has placeholders %v; add what the code fills to this table", lang, key, got)
			case strings.HasPrefix(key, "q."), strings.HasPrefix(key, "label."), strings.HasPrefix(key, "section."),
				strings.HasPrefix(key, "reason."), strings.HasPrefix(key, "alt."), strings.HasPrefix(key, "caveat."),
				strings.HasPrefix(key, "after."), strings.HasPrefix(key, "band."), strings.HasPrefix(key, "basis."),
				strings.HasPrefix(key, "examiner."), strings.HasPrefix(key, "symbol."), strings.HasPrefix(key, "triage."),
				strings.HasPrefix(key, "clot.finding."), strings.HasPrefix(key, "clot.level."), key == "clot.note", key == "clot.heading":
				if len(got) > 0 {
					t.Errorf("%s: %q has placeholders %v, but it is shown as it is", lang, key, got)
				}
			}
		}
	}
}

func TestLoadUnknownLanguage(t *testing.T) {
	for _, lang := range []string{"xx", "", "english", ".", "..", "en/..", "../en", "en/", "messages"} {
		c, err := catalog.Load(lang)
		if err == nil {
			t.Errorf("Load(%q) succeeded with language %q", lang, c.Lang())
			continue
		}
		msg := err.Error()
		if !strings.Contains(msg, strconv.Quote(lang)) {
			t.Errorf("Load(%q): error %q does not name the language", lang, msg)
		}
		for _, known := range catalog.Languages() {
			if !strings.Contains(msg, known) {
				t.Errorf("Load(%q): error %q does not list %q", lang, msg, known)
			}
		}
	}
}

func TestMustLoad(t *testing.T) {
	if c := catalog.MustLoad(catalog.Default); c.Lang() != catalog.Default {
		t.Errorf("MustLoad(Default).Lang() = %q", c.Lang())
	}
	defer func() {
		if recover() == nil {
			t.Error("MustLoad of an unknown language did not panic")
		}
	}()
	catalog.MustLoad("xx")
}

func TestT(t *testing.T) {
	en := catalog.MustLoad("en")
	if got := en.T("band.very_likely"); got != "very likely" {
		t.Errorf(`T("band.very_likely") = %q`, got)
	}
	if en.Has("no.such.key") {
		t.Error(`Has("no.such.key") = true`)
	}
	// A missing key shows as itself in brackets, so it is visible.
	if got := en.T("no.such.key"); got != "[no.such.key]" {
		t.Errorf(`T("no.such.key") = %q, want "[no.such.key]"`, got)
	}
	if got := en.F("no.such.key", "emergency", "999"); got != "[no.such.key]" {
		t.Errorf(`F("no.such.key", …) = %q, want "[no.such.key]"`, got)
	}
}

func TestF(t *testing.T) {
	en := catalog.MustLoad("en")
	const key = "report.range_value" // "{low} to {high}"
	if got := catalog.Placeholders(en.T(key)); !slices.Equal(got, []string{"high", "low"}) {
		t.Fatalf("the test needs %q to have {low} and {high}; it is %q", key, en.T(key))
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"known names", []string{"low", "3%", "high", "9%"}, "3% to 9%"},
		{"names in any order", []string{"high", "9%", "low", "3%"}, "3% to 9%"},
		{"one name missing stays visible", []string{"low", "3%"}, "3% to {high}"},
		{"unknown names are ignored", []string{"lo", "x", "middle", "y"}, "{low} to {high}"},
		{"no arguments", nil, "{low} to {high}"},
		{"a name without a value is ignored", []string{"low", "3%", "high"}, "3% to {high}"},
		{"a repeated name: the first value wins", []string{"low", "3%", "low", "4%", "high", "9%"}, "3% to 9%"},
		{"values are not expanded again", []string{"low", "{high}", "high", "9%"}, "{high} to 9%"},
		{"values with braces", []string{"low", "{", "high", "}"}, "{ to }"},
		{"empty values", []string{"low", "", "high", ""}, " to "},
	}
	for _, tt := range tests {
		if got := en.F(key, tt.args...); got != tt.want {
			t.Errorf("%s: F(%q, %q) = %q, want %q", tt.name, key, tt.args, got, tt.want)
		}
	}

	// Every placeholder of every message is replaced, as often as it
	// appears.
	for lang, c := range catalogs(t) {
		for _, k := range c.Keys() {
			msg := c.T(k)
			names := catalog.Placeholders(msg)
			if len(names) == 0 {
				if got := c.F(k, "x", "y"); got != msg {
					t.Errorf("%s: F(%q) changed a message without placeholders: %q", lang, k, got)
				}
				continue
			}
			var args []string
			for _, n := range slices.Compact(slices.Clone(names)) {
				args = append(args, n, "\x00"+n+"\x00")
			}
			got := c.F(k, args...)
			for _, n := range names {
				if strings.Contains(got, "{"+n+"}") {
					t.Errorf("%s: F(%q) left {%s} in %q", lang, k, n, got)
				}
				if want := strings.Count(msg, "{"+n+"}"); strings.Count(got, "\x00"+n+"\x00") != want {
					t.Errorf("%s: F(%q) replaced {%s} %d times, want %d", lang, k, n, strings.Count(got, "\x00"+n+"\x00"), want)
				}
			}
		}
	}
}

func TestPlaceholders(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"no placeholders", nil},
		{"{b} and {a}", []string{"a", "b"}},
		{"{a} twice {a}", []string{"a", "a"}},
		{"unclosed {a", nil},
		{"{}", []string{""}},
	}
	for _, tt := range tests {
		if got := catalog.Placeholders(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Placeholders(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// A rupture cannot be excluded by anything this tool asks: the messages
// must never say it has been.
var (
	negated = regexp.MustCompile(`(\bnot|\bcannot|\bnever|n't)\s+$`)
	claims  = []*regexp.Regexp{
		regexp.MustCompile(`\b(rule|rules|ruled|ruling)\s+out\b`),
		regexp.MustCompile(`\b(rule|rules|ruled|ruling)\s+(a|an|the|this|that|it|any)\b(\s+[\w-]+){0,3}?\s+out\b`),
		regexp.MustCompile(`\b(excluded|excludes|excluding)\s+(a|an|the|any)\s+([\w-]+\s+){0,2}?(rupture|tear)\b`),
		regexp.MustCompile(`\b(rupture|tear)\s+(is|was|has been|had been|can be|is now)\s+(excluded|ruled out)\b`),
	}
)

// claimsExcluded returns the phrase that claims a rupture is excluded, or "".
func claimsExcluded(msg string) string {
	s := strings.ToLower(strings.ReplaceAll(msg, "\u2019", "'"))
	for _, re := range claims {
		for _, m := range re.FindAllStringIndex(s, -1) {
			if !negated.MatchString(s[:m[0]]) {
				return s[m[0]:m[1]]
			}
		}
	}
	return ""
}

func TestClaimsExcluded(t *testing.T) {
	bad := []string{
		"A negative Thompson test has ruled out a rupture.",
		"This rules out a rupture.",
		"Walking normally rules a rupture out.",
		"If you can stand on tiptoe, rule out a rupture.",
		"The examination excluded a rupture.",
		"An ultrasound excludes the rupture.",
		"A rupture is excluded when the test is negative.",
		"Ruled out: rupture.",
	}
	good := []string{
		"Being able to walk does not rule a rupture out.",
		"A negative test cannot rule out a rupture.",
		"It doesn't rule it out.",
		"A rupture is not ruled out.",
		"These are the Ottawa ankle rules: an X-ray is needed.",
		"Only an examination in person can confirm or exclude a rupture.",
		"It must be excluded because a clot can travel to the lungs.",
	}
	for _, s := range bad {
		if claimsExcluded(s) == "" {
			t.Errorf("claimsExcluded(%q) missed the claim", s)
		}
	}
	for _, s := range good {
		if got := claimsExcluded(s); got != "" {
			t.Errorf("claimsExcluded(%q) flagged %q", s, got)
		}
	}
}

func TestNoMessageRulesARuptureOut(t *testing.T) {
	for lang, c := range catalogs(t) {
		for _, k := range c.Keys() {
			if phrase := claimsExcluded(c.T(k)); phrase != "" {
				t.Errorf("%s: %q says %q: nothing here can exclude a rupture", lang, k, phrase)
			}
		}
	}
}

// Diagrams are drawn in ASCII and fit the narrowest layout, 34 columns.
// Their labels may be in a language's own script, when its characters are
// wide (two columns) in every terminal: never of ambiguous width.
func TestDiagrams(t *testing.T) {
	const maxWidth = 34
	n := 0
	for lang, c := range catalogs(t) {
		for _, k := range c.Keys() {
			if !strings.HasSuffix(k, ".diagram") {
				continue
			}
			n++
			d := c.T(k)
			for i, line := range strings.Split(d, "\n") {
				cols := 0
				for _, r := range line {
					switch kind := width.LookupRune(r).Kind(); {
					case r >= 0x20 && r <= 0x7e:
						cols++
					case kind == width.EastAsianWide || kind == width.EastAsianFullwidth:
						cols += 2
					default:
						t.Errorf("%s: %q line %d has %q: diagrams are printable ASCII, with labels in wide characters only", lang, k, i+1, r)
					}
				}
				if cols > maxWidth {
					t.Errorf("%s: %q line %d is %d columns, more than %d: %q", lang, k, i+1, cols, maxWidth, line)
				}
			}
			if strings.Count(d, "\n") < 2 {
				t.Errorf("%s: %q is not a drawing: %q", lang, k, d)
			}
		}
	}
	if n == 0 {
		t.Error("no diagrams found")
	}
}

// TestQuestionKeyHelpers: the keys the questionnaire hands to a UI exist in
// every language, for both wordings.
func TestQuestionKeyHelpers(t *testing.T) {
	for lang, c := range catalogs(t) {
		for _, question := range q.All() {
			info := question.Info()
			keys := []string{question.TextKey(false), question.TextKey(true), question.HintKey(), question.WhyKey(), question.LabelKey(), info.Section.SectionKey(), info.Section.SectionKey() + ".intro"}
			if info.HowTo {
				keys = append(keys, question.HowKey(), question.DiagramKey())
			}
			if info.Kind == q.Number {
				keys = append(keys, question.UnitKey())
			}
			for _, v := range info.Values {
				keys = append(keys, question.ValueKey(v))
			}
			for _, k := range keys {
				if !c.Has(k) {
					t.Errorf("%s: %s needs %q", lang, info.ID, k)
				}
			}
			// "Who is answering?" is asked before the wording is known.
			if question != q.Answerer && c.T(question.TextKey(false)) == c.T(question.TextKey(true)) {
				t.Errorf("%s: %s reads the same for the injured person and for a helper", lang, info.ID)
			}
		}
	}
}

// No English sentence is left in the Chinese catalog: a run of Latin
// letters is a name that stays as it is (a command, a flag, an eponym, a
// drug, a source) or it is a word that was not translated.
func TestNoEnglishInChinese(t *testing.T) {
	zh := catalog.MustLoad("zh-Hant")
	allowed := map[string]bool{}
	for _, w := range strings.Fields(`achilles assess accessible questions demo list serve show export delete log add
		lang region summary teach color answers answer format json markdown text batch case athlete team output
		Thompson Matles AAOS ACHILLES Ottawa Wells NICE MHRA NHS HOST LANG NAME PATH TERM dumb NO_COLOR ACHILLES_DB
		ciprofloxacin levofloxacin moxifloxacin ofloxacin floxacin paracetamol ibuprofen ankle rules
		enter space ctrl shift home pgup pgdn pgdown tab esc right left up dn help
		unicode ascii csv cm mm kg UKSTAR
		xlsx club FILE stdin stdout SQLite since until status follow seen restore undo purge include practice excel YYYY urgency FIFO date`) {
		allowed[strings.ToLower(w)] = true
	}
	latin := regexp.MustCompile(`[A-Za-z]{4,}`)
	for _, k := range zh.Keys() {
		v := zh.T(k)
		if strings.HasPrefix(k, "report.source") || k == "ui.glyphs" {
			continue
		}
		for _, w := range latin.FindAllString(regexp.MustCompile(`\{[a-z_]+\}|\([^()]*\d{4}[^()]*\)|[A-Z][a-z]+ \d{4}`).ReplaceAllString(v, ""), -1) {
			if !allowed[strings.ToLower(w)] {
				t.Errorf("zh-Hant %q has the English word %q: %q", k, w, v)
			}
		}
	}
}

// The Chinese catalog has no character of ambiguous width (box drawing,
// arrows, bullets, curly quotes, …), which CJK terminals draw two cells
// wide and would break the layout.
func TestChineseWidthUnambiguous(t *testing.T) {
	zh := catalog.MustLoad("zh-Hant")
	for _, k := range zh.Keys() {
		for _, r := range zh.T(k) {
			if width.LookupRune(r).Kind() == width.EastAsianAmbiguous {
				t.Errorf("zh-Hant %q has %q (U+%04X), of ambiguous width", k, r, r)
			}
		}
	}
}

// The Chinese catalog says each idea with one word (不肯定 for "not sure",
// 未進行 for "not done"), and spaces numbers one way: one space between a
// Chinese character and a digit or a placeholder, which F drops when the
// value put in is Chinese at that edge.
func TestChineseOneWordOneSpacing(t *testing.T) {
	zh := catalog.MustLoad("zh-Hant")
	han := `[\p{Han}]`
	tight := regexp.MustCompile(han + `(\d|\{[a-z_]+\})|(\d|\{[a-z_]+\})` + han)
	double := regexp.MustCompile(han + `  +(\d|\{)|(\d|\})  +` + han)
	for _, k := range zh.Keys() {
		v := zh.T(k)
		for bad, good := range map[string]string{"不確定": "不肯定", "未有進行": "未進行"} {
			if strings.Contains(v, bad) {
				t.Errorf("zh-Hant %q says %s; the catalog says %s: %q", k, bad, good, v)
			}
		}
		if m := tight.FindString(v); m != "" {
			t.Errorf("zh-Hant %q has %q: one space goes between Chinese and a number: %q", k, m, v)
		}
		if m := double.FindString(v); m != "" {
			t.Errorf("zh-Hant %q has %q: one space, not more, between Chinese and a number", k, m)
		}
	}
	// A number keeps its space; Chinese words put in take none.
	if got := zh.F("now.ambulance.call", "emergency", "999"); !strings.HasPrefix(got, "立即致電 999 召喚") {
		t.Errorf("with 999: %q", got)
	}
	generic := zh.T("emergency.number.unknown")
	if got := zh.F("now.ambulance.call", "emergency", generic); !strings.HasPrefix(got, "立即致電"+generic+"召喚") {
		t.Errorf("with the generic words: %q", got)
	}
	if got := zh.F("ui.log.too_long", "field", zh.T("ui.log.team"), "max", "100"); strings.Contains(got, zh.T("ui.log.team")+" ") {
		t.Errorf("a Chinese field name takes no space: %q", got)
	}
}

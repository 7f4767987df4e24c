package accessible

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/iotest"
	"time"

	"github.com/charmbracelet/x/ansi"

	"achilles/assessment"
	"achilles/cases"
	"achilles/catalog"
	q "achilles/questionnaire"
	"achilles/report"
	"achilles/textwrap"
)

var en = catalog.MustLoad("en")

// script is a scripted session: the answers given, in asking order, and
// what else is typed on the way.
type story struct {
	// assign are the answers as ID=VALUE; "examiner=nobody" chooses
	// "nobody can examine now". Who is answering defaults to the injured
	// person and the emergency questions to "no"; every other question
	// left out is skipped with an empty line.
	assign []string
	// before are lines typed at a question before its answer.
	before map[q.Q][]string
	// review are lines typed at the review before Enter shows the result.
	review []string
}

// script is the input of the case, and the answers it should end with.
func (c story) script(t *testing.T) (string, q.Answers) {
	t.Helper()
	want := answersOf(t, c.assign...)
	var lines []string
	var sofar q.Answers
	var goneOn *assessment.Triage
	for cur, ok := q.Answerer, true; ok; cur, ok = q.Next(&want, cur) {
		lines = append(lines, c.before[cur]...)
		if cur.Info().RedFlag {
			// One line for every sign: the numbers of those answered yes,
			// or 0 for none; then on after the emergency message.
			line, raised := checklistLine(&want)
			lines = append(lines, line)
			if raised {
				lines = append(lines, "")
			}
			for _, f := range redFlags() {
				copyAnswer(&sofar, &want, f)
			}
			cur = lastFlag()
			lines = append(lines, goOnIfSettled(&sofar, cur, &goneOn)...)
			continue
		}
		lines = append(lines, typedAnswer(cur, &want))
		copyAnswer(&sofar, &want, cur)
		lines = append(lines, goOnIfSettled(&sofar, cur, &goneOn)...)
		if cur.Info().RedFlag && want.Is(cur, "yes") {
			lines = append(lines, "") // continue after the emergency message
		}
	}
	lines = append(lines, c.review...)
	lines = append(lines, "")
	return strings.Join(lines, "\n") + "\n", want
}

// copyAnswer copies question's answer in from to to.
func copyAnswer(to, from *q.Answers, question q.Q) {
	if v, ok := from.Value(question); ok {
		_ = to.Set(question, v)
	}
}

// goOnIfSettled is what the story types after answering question with the
// answers a so far: 2, go on for a fuller report, when the triage is
// settled there (the alert of an emergency sign has said it; nothing is
// asked after the last question, nor twice for the same triage).
func goOnIfSettled(a *q.Answers, question q.Q, goneOn **assessment.Triage) []string {
	for _, f := range redFlags() {
		if a.Yes(f) {
			return nil
		}
	}
	if _, ok := q.Next(a, question); !ok {
		return nil
	}
	r := assessment.Reachable(*a)
	if !r.Settled() || (*goneOn != nil && **goneOn == r.Lowest) {
		return nil
	}
	*goneOn = &r.Lowest
	return []string{"2"}
}

// checklistLine is what a user types at the emergency checklist to give
// a's answers to the signs, and whether any is yes.
func checklistLine(a *q.Answers) (string, bool) {
	var ticks []string
	for i, f := range redFlags() {
		if a.Is(f, "yes") {
			ticks = append(ticks, strconv.Itoa(i+1))
		}
	}
	if len(ticks) == 0 {
		return "0", false
	}
	return strings.Join(ticks, " "), true
}

// answersOf are the defaults of script with the assignments on top.
func answersOf(t *testing.T, assign ...string) q.Answers {
	t.Helper()
	var a q.Answers
	if err := a.SetChoice(q.Answerer, "self"); err != nil {
		t.Fatal(err)
	}
	for question := q.Q(0); question < q.Count; question++ {
		if question.Info().RedFlag {
			if err := a.SetChoice(question, "no"); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, s := range assign {
		if err := a.ParseAssignment(s); err != nil {
			t.Fatal(err)
		}
	}
	return a
}

// typed is what a user types to give a's answer to question.
func typedAnswer(question q.Q, a *q.Answers) string {
	if question.Info().Kind == q.Number {
		v, _ := a.Value(question)
		return v
	}
	i, ok := a.Index(question)
	if !ok {
		return ""
	}
	return strconv.Itoa(i + 1)
}

// assessReport is how accessible mode's result ends for the answers: the
// text report, as `achilles assess` writes it, then the recap.
func assessReport(t *testing.T, a q.Answers, emergency string) string {
	t.Helper()
	rep := assessment.NewReport(assessment.Assess(q.Effective(a)), en, assessment.Options{Emergency: emergency})
	return report.Text(&rep, report.TextOptions{Width: 80, Spoken: true}) + "\n" + recap(t, a, emergency)
}

// recap is the recap that ends accessible mode's result.
func recap(t *testing.T, a q.Answers, emergency string) string {
	t.Helper()
	rep := assessment.NewReport(assessment.Assess(q.Effective(a)), en, assessment.Options{Emergency: emergency})
	return report.SpokenRecap(&rep, 80)
}

// spoken is a text report of `achilles assess` as accessible mode words
// it for a screen reader: the urgency's marker in words, no bar of the
// estimate, no bullets or arrows.
func spoken(text string) string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		trimmed := strings.TrimSpace(l)
		switch {
		case strings.HasPrefix(trimmed, "[#") || strings.HasPrefix(trimmed, "[."):
			continue // the bar
		case strings.HasPrefix(l, "["):
			_, words, _ := strings.Cut(l, "] ")
			l = en.T("report.urgency") + ": " + words
		}
		for _, sym := range []string{"• ↑ ", "• ↓ ", "• "} {
			if rest, ok := strings.CutPrefix(l, "  "+sym); ok {
				l = "  " + rest
				break
			}
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// sameWordsSuffix reports whether out ends with the words of want,
// whatever the wrapping.
func sameWordsSuffix(out, want string) bool { return strings.HasSuffix(flatten(out), flatten(want)) }

// runScript runs accessible mode on input, fails on an error, and checks what
// holds for every run: plain text, no line wider than 80 columns.
func runScript(t *testing.T, input string, opts Options) string {
	t.Helper()
	var out bytes.Buffer
	if err := Run(context.Background(), strings.NewReader(input), &out, opts); err != nil {
		t.Fatalf("Run: %v\noutput:\n%s", err, out.String())
	}
	checkPlain(t, out.String())
	return out.String()
}

func checkPlain(t *testing.T, out string) {
	t.Helper()
	if i := strings.IndexByte(out, 0x1b); i >= 0 {
		t.Errorf("output has an escape byte at %d: %q", i, out[max(0, i-40):min(len(out), i+40)])
	}
	// A screen reader reads symbols aloud: words instead of a bar, arrows,
	// bullets, markers or box drawing.
	for _, sym := range []string{"[#", "#.", "↑", "↓", "•", "[!", "[ok]", "[i]", "─", "│", "╭"} {
		if i := strings.Index(out, sym); i >= 0 {
			t.Errorf("output has the symbol %q at %d: %q", sym, i, out[max(0, i-40):min(len(out), i+40)])
		}
	}
	for i, line := range strings.Split(out, "\n") {
		if w := ansi.StringWidth(line); w > width {
			t.Errorf("output line %d is %d columns wide: %q", i+1, w, line)
		}
	}
}

// flatten joins all runs of white space into one space, so that text can
// be found whatever the wrapping.
func flatten(s string) string { return strings.Join(strings.Fields(s), " ") }

// contains fails for each want not in out, whatever the wrapping.
func contains(t *testing.T, out string, wants ...string) {
	t.Helper()
	flat := flatten(out)
	for _, w := range wants {
		if !strings.Contains(flat, flatten(w)) {
			t.Errorf("output does not contain %q", w)
		}
	}
}

func testOpts() Options { return Options{Catalog: en, Emergency: "999"} }

func TestFullRun(t *testing.T) {
	tests := []struct {
		name string
		c    story
		// wants are also shown on the way.
		wants []string
	}{
		{
			name: "textbook rupture",
			c: story{assign: []string{"time_since=lt_24h", "side=right", "onset=sudden", "mechanism=push_off",
				"pop=yes", "kicked=yes", "pain_site=achilles", "pain_now=6", "swelling=yes", "walk=limp",
				"tiptoe=cannot", "push_weak=yes", "examiner=trainer", "gap=felt", "thompson=positive",
				"matles=positive", "bone_tender=no", "age=41", "prior_rupture=no"}},
			wants: []string{"Question 1 of 33", "Question 30 of 30", en.T("section.emergency"),
				en.T("section.emergency.intro"), en.T("section.risk"), "1. " + en.T("q.answerer.v.self"),
				en.T("q.tiptoe.text"), "In an emergency, call 999.", en.T("access.review.title"),
				"41 years", "6 out of 10"},
		},
		{
			name: "nothing but the required answers",
			c:    story{},
			// Without an onset there is no clear injury: the clot check's
			// three signs are asked too.
			wants: []string{"Question 33 of 33", en.T("label.age") + ": " + en.T("report.not_answered"), en.T("q.calf_bigger.text")},
		},
		{
			name: "a helper answering, gradual onset, nobody can examine",
			c: story{assign: []string{"answerer=other", "onset=gradual", "prior_symptoms=yes", "walk=normal",
				"examiner=nobody", "age=67", "fluoroquinolone=yes"}},
			wants: []string{"Question 26 of 26", en.T("q.tiptoe.text_other"),
				en.T("label.examiner") + ": " + en.T(q.Examiner.ValueKey("nobody"))},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			input, want := tt.c.script(t)
			out := runScript(t, input, testOpts())
			if report := assessReport(t, want, "999"); !strings.HasSuffix(out, "\n\n"+report) {
				t.Errorf("the output does not end with the report of the answers %v;\nwant the end:\n%s\ngot:\n%s", tt.c.assign, report, out)
			}
			contains(t, out, tt.wants...)
		})
	}
}

// The result is exactly what `achilles assess` prints for the same answers:
// its golden files.
func TestSameAsAssess(t *testing.T) {
	tests := []struct {
		golden string
		assign []string
	}{
		{"textbook_rupture_trainer", []string{"answerer=other", "examiner=trainer", "age=38", "side=right",
			"time_since=lt_24h", "onset=sudden", "mechanism=push_off", "pop=yes", "kicked=yes",
			"pain_site=achilles", "pain_now=4", "swelling=yes", "walk=limp", "tiptoe=cannot", "push_weak=yes",
			"gap=felt", "thompson=positive", "matles=positive", "bone_tender=no"}},
		{"ankle_sprain", []string{"answerer=self", "age=24", "time_since=lt_24h", "onset=sudden",
			"mechanism=twist", "pop=no", "kicked=no", "pain_site=ankle_side", "pain_now=4", "walk=limp",
			"tiptoe=can", "push_weak=no", "bone_tender=no"}},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			golden, err := os.ReadFile(filepath.Join("..", "..", "cli", "testdata", "golden", tt.golden+"_text.golden"))
			if err != nil {
				t.Fatal(err)
			}
			input, a := story{assign: tt.assign}.script(t)
			out := runScript(t, input, Options{Catalog: en})
			if !sameWordsSuffix(out, spoken(string(golden))+"\n"+recap(t, a, "")) {
				t.Errorf("the output does not end with the report of `achilles assess` (%s) without its symbols, then the recap;\ngot:\n%s", tt.golden, out)
			}
		})
	}
}

func TestStart(t *testing.T) {
	tests := []struct {
		name      string
		emergency string
		want      string
	}{
		{"region known", "999", "In an emergency, call 999."},
		{"region unknown", "", "In an emergency, call " + en.T("emergency.number.unknown") + "."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := runScript(t, "q\n", Options{Catalog: en, Emergency: tt.emergency})
			contains(t, out, en.T("access.intro"), tt.want, en.T("access.commands"),
				en.T("q.answerer.text"), "1. "+en.T("q.answerer.v.self"), "2. "+en.T("q.answerer.v.other"))
			if !strings.Contains(en.T("access.intro"), "not a diagnosis") {
				t.Errorf("the introduction does not say the tool is not a diagnosis: %q", en.T("access.intro"))
			}
		})
	}
}

func TestInvalidInput(t *testing.T) {
	tests := []struct {
		name   string
		at     q.Q
		typed  []string
		wants  []string
		assign []string
	}{
		{"letters", q.Answerer, []string{"abc"},
			[]string{`"abc" is not one of the choices. Please type a number from 1 to 2, or ? for help.`}, nil},
		{"choice out of range", q.Answerer, []string{"3"},
			[]string{"There is no choice 3. Please type a number from 1 to 2, or ? for help."}, nil},
		{"zero", q.Side, []string{"0"},
			[]string{"There is no choice 0. Please type a number from 1 to 2, or ? for help."}, []string{"side=left"}},
		{"a sign beyond the checklist", q.ChestSymptoms, []string{"8"},
			[]string{"There is no choice 8. " + en.F("access.checklist.how", "max", "7")}, nil},
		{"none and a sign together", q.ChestSymptoms, []string{"0 2"},
			[]string{en.F("access.checklist.both", "input", "0 2")}, nil},
		{"a word at the checklist", q.ChestSymptoms, []string{"none"},
			[]string{`"none" is not a whole number.`}, nil},
		{"negative", q.Side, []string{"-1"}, []string{"There is no choice -1."}, []string{"side=left"}},
		{"age 200", q.Age, []string{"200"},
			[]string{"200 is out of range. Please type a whole number from 1 to 120, or ? for help."}, []string{"age=30"}},
		{"age 0", q.Age, []string{"0"}, []string{"0 is out of range."}, []string{"age=30"}},
		{"age in words", q.Age, []string{"forty"},
			[]string{`"forty" is not a whole number. Please type a whole number from 1 to 120, or ? for help.`}, []string{"age=40"}},
		{"a number too big for an int", q.Age, []string{"99999999999999999999999"},
			[]string{"is out of range."}, nil},
		{"pain 11", q.PainNow, []string{"11"},
			[]string{"11 is out of range. Please type a whole number from 0 to 10, or ? for help."}, []string{"pain_now=3"}},
		{"examiner has a fourth choice only", q.Examiner, []string{"5"},
			[]string{"There is no choice 5. Please type a number from 1 to 4, or ? for help."}, nil},
		{"a 5000-byte line", q.Answerer, []string{strings.Repeat("1", 5000)},
			[]string{"That line is too long to be an answer. Please type a number from 1 to 2, or ? for help."}, nil},
		{"a long line of spaces and letters", q.Onset, []string{strings.Repeat("a ", 3000)},
			[]string{"That line is too long to be an answer."}, []string{"onset=sudden"}},
		{"an escape sequence is not echoed", q.Answerer, []string{"\x1b[31m1"},
			[]string{`"[31m1" is not one of the choices.`}, nil},
		{"long input is cut when shown", q.Answerer, []string{strings.Repeat("x", 100)},
			[]string{`"` + strings.Repeat("x", 20) + `..." is not one of the choices.`}, nil},
		{"several in a row", q.Side, []string{"x", "9"},
			[]string{`"x" is not one of the choices.`, "There is no choice 9."}, []string{"side=right"}},
		{"back from the very first question", q.Answerer, []string{"b"},
			[]string{en.T("access.invalid.first")}, nil},
		{"t where there is no test", q.Side, []string{"t"},
			[]string{en.T("access.invalid.no_test")}, nil},
		{"spaces around an answer", q.Side, []string{"  x  "}, []string{`"x" is not one of the choices.`}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := story{assign: tt.assign, before: map[q.Q][]string{tt.at: tt.typed}}
			input, want := c.script(t)
			out := runScript(t, input, testOpts())
			contains(t, out, tt.wants...)
			if !strings.HasSuffix(out, assessReport(t, want, "999")) {
				t.Errorf("after the bad input the run did not go on to the result of %v:\n%s", tt.assign, out)
			}
		})
	}
}

func TestSkip(t *testing.T) {
	t.Run("an empty line leaves the answer out", func(t *testing.T) {
		input, want := story{assign: []string{"side=left", "onset=sudden"}}.script(t)
		if want.Has(q.TimeSince) {
			t.Fatal("the script answers time_since")
		}
		out := runScript(t, input, testOpts())
		contains(t, out, en.T("label.time_since")+": "+en.T("report.not_answered"),
			en.T("label.side")+": "+en.T("q.side.v.left"), en.T("access.enter_skip"))
		if !strings.HasSuffix(out, assessReport(t, want, "999")) {
			t.Errorf("the result is not that of the answers without time_since:\n%s", out)
		}
	})
	tests := []struct {
		name string
		at   q.Q
	}{
		{"the emergency checklist needs an answer", q.ChestSymptoms},
		{"who is answering needs an answer", q.Answerer},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			input, want := story{before: map[q.Q][]string{tt.at: {"", "  "}}}.script(t)
			out := runScript(t, input, testOpts())
			flat := flatten(out)
			if n := strings.Count(flat, flatten(en.T("access.invalid.empty"))); n != 2 {
				t.Errorf("the empty-line message shows %d times, want 2:\n%s", n, out)
			}
			contains(t, out, en.T("access.required"))
			if !strings.HasSuffix(out, assessReport(t, want, "999")) {
				t.Errorf("the run did not go on to the result:\n%s", out)
			}
		})
	}
}

func TestBranching(t *testing.T) {
	tests := []struct {
		name    string
		assign  []string
		last    string
		skipped []q.Q
	}{
		{"gradual onset skips the injury event", []string{"onset=gradual"}, "Question 30 of 30",
			[]q.Q{q.Mechanism, q.Pop, q.Kicked}},
		{"nobody can examine skips the tests", []string{"examiner=nobody"}, "Question 29 of 29",
			[]q.Q{q.Gap, q.Thompson, q.Matles, q.BoneTender}},
		{"both", []string{"onset=gradual", "examiner=nobody"}, "Question 26 of 26",
			[]q.Q{q.Mechanism, q.Pop, q.Kicked, q.Gap, q.Thompson, q.Matles, q.BoneTender}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			input, want := story{assign: tt.assign}.script(t)
			out := runScript(t, input, testOpts())
			// The total counts the whole questionnaire, as it stands once the
			// branch is chosen.
			contains(t, out, tt.last)
			for _, skipped := range tt.skipped {
				if strings.Contains(flatten(out), flatten(en.T(skipped.TextKey(false)))) {
					t.Errorf("%s is asked", skipped)
				}
				if strings.Contains(out, en.T(skipped.LabelKey())+":") {
					t.Errorf("%s is in the review", skipped)
				}
			}
			if !strings.HasSuffix(out, assessReport(t, want, "999")) {
				t.Errorf("wrong result:\n%s", out)
			}
		})
	}

	// Choosing a tester again after "nobody" asks the tests again.
	t.Run("changing nobody back to a tester", func(t *testing.T) {
		c := story{assign: []string{"examiner=trainer", "thompson=positive"},
			before: map[q.Q][]string{q.Thompson: {"b", "4", "b", "2"}}}
		input, want := c.script(t)
		out := runScript(t, input, testOpts())
		contains(t, out, en.T("q.thompson.text"))
		if !strings.HasSuffix(out, assessReport(t, want, "999")) {
			t.Errorf("wrong result:\n%s", out)
		}
	})
}

func TestBack(t *testing.T) {
	tests := []struct {
		name   string
		assign []string
		before map[q.Q][]string
		again  q.Q    // the question asked again
		keep   string // the answer offered to keep
	}{
		{"back keeps the previous answer", []string{"time_since=1_14d", "onset=sudden"},
			map[q.Q][]string{q.Onset: {"b", ""}}, q.TimeSince, en.T("q.time_since.v.1_14d")},
		{"back from the first question returns to who is answering", nil,
			map[q.Q][]string{q.ChestSymptoms: {"B", ""}}, q.Answerer, en.T("q.answerer.v.self")},
		{"back over a skipped question", []string{"time_since=lt_24h", "tiptoe=can"},
			map[q.Q][]string{q.Tiptoe: {"b", "b", "", ""}}, q.TimeSince, en.T("q.time_since.v.lt_24h")},
		{"back twice keeps both", []string{"time_since=lt_24h", "onset=sudden", "tiptoe=can"},
			map[q.Q][]string{q.Tiptoe: {"b", "b", "", ""}}, q.Onset, en.T("q.onset.v.sudden")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			input, want := story{assign: tt.assign, before: tt.before}.script(t)
			out := runScript(t, input, testOpts())
			text := flatten(en.T(tt.again.TextKey(false)))
			if n := strings.Count(flatten(out), text); n < 2 {
				t.Errorf("%s was asked %d times, want it asked again", tt.again, n)
			}
			contains(t, out, en.F("access.enter_keep", "answer", tt.keep))
			if !strings.HasSuffix(out, assessReport(t, want, "999")) {
				t.Errorf("the answers were not kept:\n%s", out)
			}
		})
	}
}

func TestRedFlag(t *testing.T) {
	cont := en.T("access.alert.continue")
	tests := []struct {
		name  string
		flag  q.Q
		wants []string
	}{
		{"chest symptoms: ambulance", q.ChestSymptoms,
			[]string{en.T("report.urgency") + ": " + en.T("triage.emergency_ambulance.short"), "Call an ambulance now: 999",
				en.F("now.ambulance.call", "emergency", "999"), en.F("where.emergency_ambulance", "emergency", "999")}},
		{"open wound: emergency department", q.OpenWound,
			[]string{en.T("triage.emergency.title"), en.T("now.open_wound"), en.F("where.emergency", "emergency", "999")}},
		{"heel skin", q.HeelSkin, []string{en.T("triage.emergency.title"), en.T("now.heel_skin")}},
		{"calf swollen and warm: today", q.CalfSwellingWarm, []string{en.T("triage.same_day.title"), en.T("now.dvt")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			input, want := story{assign: []string{tt.flag.ID() + "=yes"}}.script(t)
			out := runScript(t, input, testOpts())
			contains(t, out, tt.wants...)
			contains(t, out, "In an emergency, call 999.", en.T("report.now"), en.T("report.where"), cont)
			// The questions go on after the message.
			next, _ := q.Next(&want, lastFlag())
			flat := flatten(out)
			i := strings.Index(flat, flatten(cont))
			if j := strings.LastIndex(flat, flatten(en.T(next.TextKey(false)))); i < 0 || j < i {
				t.Errorf("%s is not asked after the emergency message", next)
			}
			if !strings.HasSuffix(out, assessReport(t, want, "999")) {
				t.Errorf("wrong result:\n%s", out)
			}
		})
	}

	t.Run("anything but Enter or q is asked again", func(t *testing.T) {
		input := "1\n1\nx\n\n" // self, chest ticked, "x" at the message, Enter
		out := runScript(t, input, testOpts())
		contains(t, out, en.T("access.allowed.continue"), en.T("q.time_since.text"))
	})
	t.Run("q at the message asks to quit", func(t *testing.T) {
		out := runScript(t, "1\n1\nq\ny\n", testOpts())
		// What is left: the emergency, not finished, the number.
		_, farewell, ok := strings.Cut(out, en.T("access.quit.confirm")+" ")
		for _, want := range []string{"Call an ambulance now: 999", en.T("label.chest_symptoms"), en.T("report.not_finished"), "In an emergency, call 999 now.\n"} {
			if !ok || !strings.Contains(flatten(farewell), flatten(want)) {
				t.Errorf("quitting after an emergency yes does not leave %q:\n%s", want, out)
			}
		}
		if strings.Contains(farewell, "?") {
			t.Errorf("a question was asked after the confirmation:\n%s", out)
		}
	})
	t.Run("no message for no", func(t *testing.T) {
		input, _ := story{}.script(t)
		out := runScript(t, input, testOpts())
		if strings.Contains(out, cont) {
			t.Errorf("the emergency message shows without a yes:\n%s", out)
		}
	})
}

func TestCommands(t *testing.T) {
	tests := []struct {
		name  string
		at    q.Q
		cmd   string
		wants []string
	}{
		{"why", q.Side, "w", []string{en.T("access.why"), en.T("q.side.why")}},
		{"why in upper case", q.Pop, "W", []string{en.T("q.pop.why")}},
		{"how to do the tiptoe test", q.Tiptoe, "t", []string{en.T("access.how"), en.T("q.tiptoe.how")}},
		{"how to do the Thompson test", q.Thompson, " T ", []string{en.T("q.thompson.how")}},
		{"help", q.Answerer, "?", []string{en.T("access.help.title"), en.T("access.help.help"),
			en.T("access.help.why"), en.T("access.help.how"), en.T("access.help.back"),
			en.T("access.help.emergency"), en.T("access.help.quit"), en.T("access.help.answer")}},
		{"emergency panel", q.Onset, "!", []string{"In an emergency, call 999.", en.T("access.panel.title"),
			en.T("label.chest_symptoms") + ": Call an ambulance now: 999",
			en.T("label.open_wound") + ": " + en.T("triage.emergency.title"),
			en.T("label.numb_or_cold_foot"), en.T("label.deformity"), en.T("label.severe_tense_calf"),
			en.T("label.heel_skin"), en.T("label.calf_swelling_warm") + ": " + en.T("triage.same_day.title")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			input, want := story{before: map[q.Q][]string{tt.at: {tt.cmd}}}.script(t)
			out := runScript(t, input, testOpts())
			contains(t, out, tt.wants...)
			// The question is asked again after the command's text.
			flat := flatten(out)
			i := strings.Index(flat, flatten(tt.wants[len(tt.wants)-1]))
			text := flatten(en.T(tt.at.TextKey(false)))
			if j := strings.LastIndex(flat, text); i < 0 || j < i {
				t.Errorf("%s is not asked again after %q", tt.at, tt.cmd)
			}
			if !strings.HasSuffix(out, assessReport(t, want, "999")) {
				t.Errorf("wrong result:\n%s", out)
			}
		})
	}

	// The screens' drawings of the tests are lines of symbols that a
	// screen reader would spell out: accessible mode says the steps only,
	// which say all the drawings show.
	for _, question := range q.All() {
		if !question.Info().HowTo {
			continue
		}
		t.Run("no drawing for "+question.ID(), func(t *testing.T) {
			var assign []string
			if question == q.Pitting {
				assign = []string{"calf_bigger=yes"} // asked on a swollen leg only
			}
			input, _ := story{assign: assign, before: map[q.Q][]string{question: {"t"}}}.script(t)
			out := runScript(t, input, testOpts())
			contains(t, out, en.T(question.HowKey()))
			for _, line := range strings.Split(en.T(question.DiagramKey()), "\n") {
				if art := strings.TrimSpace(line); strings.ContainsAny(art, "|/\\_=()<>") && strings.Contains(out, art) {
					t.Errorf("the drawing's line %q is read out:\n%s", art, out)
				}
			}
		})
	}
}

func TestReview(t *testing.T) {
	tests := []struct {
		name   string
		assign []string
		review []string
		result []string // the answers the result should reflect
		wants  []string
		again  bool // the review is shown again
	}{
		{"change an answer by its number", []string{"time_since=lt_24h", "onset=sudden"},
			[]string{"9", "4"}, []string{"time_since=gt_4w", "onset=sudden"},
			[]string{en.T("label.time_since") + ": " + en.T("q.time_since.v.gt_4w")}, true},
		{"change a skipped question", []string{"onset=sudden"},
			[]string{"15", "1"}, []string{"onset=sudden", "mechanism=push_off"},
			[]string{en.T("q.mechanism.text")}, true},
		{"change the branch in the review", []string{"onset=sudden", "pop=yes"},
			[]string{"10", "2"}, []string{"onset=gradual", "pop=yes"},
			[]string{en.T("label.onset") + ": " + en.T("q.onset.v.gradual")}, true},
		{"Enter keeps the answer", []string{"side=left"},
			[]string{"14", ""}, []string{"side=left"}, []string{en.F("access.enter_keep", "answer", en.T("q.side.v.left"))}, true},
		{"b at the question returns to the review", []string{"side=left"},
			[]string{"14", "b"}, []string{"side=left"}, nil, true},
		{"b goes back to the last question", []string{"prior_rupture=no"},
			[]string{"b", "1"}, []string{"prior_rupture=yes"},
			[]string{en.T("label.prior_rupture") + ": " + en.T("q.prior_rupture.v.yes")}, true},
		{"a bad number is asked again", nil,
			[]string{"34", "x", "0"}, nil, []string{`"34" is not one of the numbers in the list.`,
				`"x" is not one of the numbers in the list.`, "Please type a number from 1 to 33 to change that answer"}, false},
		{"help and the emergency panel", nil, []string{"?", "!"}, nil,
			[]string{en.T("access.help.review"), en.T("access.panel.title")}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			input, _ := story{assign: tt.assign, review: tt.review}.script(t)
			out := runScript(t, input, testOpts())
			contains(t, out, tt.wants...)
			want := 1
			if tt.again {
				want = 2
			}
			if n := strings.Count(out, "\n"+en.T("access.review.title")+"\n"); n != want {
				t.Errorf("the review was shown %d times, want %d", n, want)
			}
			if report := assessReport(t, answersOf(t, tt.result...), "999"); !strings.HasSuffix(out, report) {
				t.Errorf("the result does not reflect %v:\n%s", tt.result, out)
			}
		})
	}
}

func TestQuit(t *testing.T) {
	confirm := en.T("access.quit.confirm")
	title := en.T("report.title")
	tests := []struct {
		name       string
		input      string
		confirmed  bool // the confirmation was asked
		resultWant bool // a report is written
		wants      []string
	}{
		{"no answers yet: quit at once", "q\n", false, false, nil},
		{"Q in upper case", " Q \n", false, false, nil},
		{"y quits", "1\n0\nq\ny\n2\n2\n", true, false, nil},
		{"YES quits", "1\nq\nYES\n", true, false, nil},
		{"n asks the question again", "1\nq\nn\n", true, true, []string{en.T("access.checklist.text")}},
		{"anything else asks again", "1\nq\nmaybe\ny\n", true, false, []string{en.T("access.allowed.yes_no")}},
		{"quit at the review", reviewInput(t) + "q\ny\n", true, false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := runScript(t, tt.input, testOpts())
			if got := strings.Contains(out, confirm); got != tt.confirmed {
				t.Errorf("confirmation asked: %v, want %v:\n%s", got, tt.confirmed, out)
			}
			if got := strings.Contains(out, strings.ToUpper(title)); got != tt.resultWant {
				t.Errorf("report written: %v, want %v:\n%s", got, tt.resultWant, out)
			}
			if !tt.resultWant {
				// Only the farewell after quitting: "not finished" once
				// something was answered, and the emergency number.
				// The end of the last prompt, with what was typed echoed.
				prompt := max(strings.LastIndex(out, "\n"+en.T("access.prompt")), strings.LastIndex(out, "\n"+confirm))
				prompt += strings.Index(out[prompt+1:], "\n")
				farewell := "\n\n" + en.F("report.emergency_line", "emergency", "999") + "\n"
				if tt.confirmed {
					farewell = "\n\n" + textwrap.Wrap(en.T("report.not_finished"), 80) + "\n" + farewell[2:]
				}
				if got := out[prompt+1:]; prompt < 0 || !strings.HasSuffix(got, farewell) || strings.Count(got, "\n") != strings.Count(farewell, "\n") {
					t.Errorf("after quitting, want only %q; got %q", farewell, got)
				}
			}
			contains(t, out, tt.wants...)
		})
	}
}

// reviewInput answers every question with the defaults, up to the review.
func reviewInput(t *testing.T) string {
	input, _ := story{}.script(t)
	return strings.TrimSuffix(input, "\n\n") + "\n"
}

func TestEndOfInput(t *testing.T) {
	ended := en.T("access.ended")
	tests := []struct {
		name   string
		input  string
		assign []string // the answers given before the end
		noDefs bool     // the emergency questions were not all answered
	}{
		{"half-way", "2\n0\n3\n1\n\n", []string{"answerer=other", "time_since=2_4w", "onset=sudden"}, false},
		{"the last line has no newline", "1\n0\n1", []string{"time_since=lt_24h"}, false},
		{"at the quit confirmation", "1\n0\nq\n", []string{"answerer=self"}, false},
		{"at the checklist", "1\n", []string{"answerer=self"}, true},
		{"at the emergency message", "1\n1\n", []string{"answerer=self", "chest_symptoms=yes"}, false},
		{"at the review", reviewInput(t), nil, false},
		{"nothing at all", "", nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := runScript(t, tt.input, testOpts())
			var want q.Answers
			if tt.noDefs {
				for _, s := range tt.assign {
					if err := want.ParseAssignment(s); err != nil {
						t.Fatal(err)
					}
				}
			} else {
				want = answersOf(t, tt.assign...)
			}
			contains(t, out, ended, en.T("access.review.title"))
			if !strings.HasSuffix(out, "\n\n"+assessReport(t, want, "999")) {
				t.Errorf("the output does not end with the result of %v:\n%s", tt.assign, out)
			}
		})
	}

	t.Run("nothing at all is the report of no answers", func(t *testing.T) {
		golden, err := os.ReadFile(filepath.Join("..", "..", "cli", "testdata", "golden", "nothing_answered_text.golden"))
		if err != nil {
			t.Fatal(err)
		}
		out := runScript(t, "", Options{Catalog: en})
		if !sameWordsSuffix(out, spoken(string(golden))+"\n"+recap(t, q.Answers{}, "")) {
			t.Errorf("want the report of `achilles assess` with no answers:\n%s", out)
		}
	})
}

// blockingReader never returns from Read until released.
type blockingReader struct{ release chan struct{} }

func (r blockingReader) Read([]byte) (int, error) {
	<-r.release
	return 0, io.EOF
}

// cancelOnPrompt cancels a context once a prompt has been written, so the
// session is waiting for input when the cancellation comes.
type cancelOnPrompt struct {
	mu     sync.Mutex
	buf    bytes.Buffer
	cancel context.CancelFunc
}

func (w *cancelOnPrompt) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	if bytes.Contains(p, []byte(en.T("access.prompt"))) {
		w.cancel()
	}
	return len(p), nil
}

func TestContextCancelled(t *testing.T) {
	tests := []struct {
		name   string
		before bool // cancelled before the start
	}{
		{"while waiting for a line", false},
		{"before the start", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := blockingReader{release: make(chan struct{})}
			defer close(in.release)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			out := &cancelOnPrompt{cancel: cancel}
			if tt.before {
				cancel()
			}
			done := make(chan error, 1)
			go func() { done <- Run(ctx, in, out, testOpts()) }()
			select {
			case err := <-done:
				if !errors.Is(err, context.Canceled) {
					t.Errorf("Run = %v, want context.Canceled", err)
				}
			case <-time.After(10 * time.Second): // a hang guard, not a timing test
				t.Fatal("Run did not return after the context was cancelled")
			}
			out.mu.Lock()
			defer out.mu.Unlock()
			if got := out.buf.String(); tt.before && got != "" {
				t.Errorf("wrote %q with a cancelled context", got)
			}
		})
	}
}

// failWriter fails every write after the first n bytes.
type failWriter struct{ n int }

var errTestWrite = errors.New("disk full")

func (w *failWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		k := w.n
		w.n = 0
		return k, errTestWrite
	}
	w.n -= len(p)
	return len(p), nil
}

func TestWriteError(t *testing.T) {
	input, _ := story{}.script(t)
	full := len(runScript(t, input, testOpts()))
	tests := []struct {
		name string
		n    int
	}{
		{"at once", 0},
		{"mid-way", full / 2},
		{"in the report", full - 100},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Run(context.Background(), strings.NewReader(input), &failWriter{n: tt.n}, testOpts())
			if !errors.Is(err, errTestWrite) {
				t.Errorf("Run = %v, want the write error wrapped", err)
			}
		})
	}
}

func TestNoCatalog(t *testing.T) {
	if err := Run(context.Background(), strings.NewReader(""), io.Discard, Options{}); err == nil {
		t.Error("Run without a catalog succeeded")
	}
}

func TestStartingAnswers(t *testing.T) {
	start := answersOf(t, "side=right", "age=50")
	opts := testOpts()
	opts.Answers = start
	// Enter at every question keeps what was given.
	input := strings.Repeat("\n", 31)
	out := runScript(t, input, opts)
	contains(t, out, en.F("access.enter_keep", "answer", en.T("q.side.v.right")),
		en.F("access.enter_keep", "answer", "50 years"))
	if !strings.HasSuffix(out, assessReport(t, start, "999")) {
		t.Errorf("the starting answers were not kept:\n%s", out)
	}
}

func TestReadLine(t *testing.T) {
	long := strings.Repeat("x", maxLine)
	tests := []struct {
		name  string
		input string
		want  []inputLine // then io.EOF
	}{
		{"lines", "1\n2\n", []inputLine{{text: "1"}, {text: "2"}}},
		{"CRLF", "1\r\n\r\n", []inputLine{{text: "1"}, {text: ""}}},
		{"no newline at the end", "1\n2", []inputLine{{text: "1"}, {text: "2"}}},
		{"empty input", "", nil},
		{"exactly the limit", long + "\n", []inputLine{{text: long}}},
		{"exactly the limit with CRLF", long + "\r\n", []inputLine{{text: long}}},
		{"one byte over", long + "x\nok\n", []inputLine{{tooLong: true}, {text: "ok"}}},
		{"far over, then a line", strings.Repeat("y", 100000) + "\n1\n", []inputLine{{tooLong: true}, {text: "1"}}},
		{"far over at the end", strings.Repeat("y", 100000), []inputLine{{tooLong: true}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			br := bufio.NewReaderSize(strings.NewReader(tt.input), maxLine+2)
			for i, want := range tt.want {
				if got := readLine(br); got != want {
					t.Fatalf("line %d = {%.20q, tooLong %v, %v}, want {%.20q, tooLong %v}",
						i+1, got.text, got.tooLong, got.err, want.text, want.tooLong)
				}
			}
			if got := readLine(br); got.err != io.EOF {
				t.Errorf("after the lines: {%.20q, tooLong %v, %v}, want io.EOF", got.text, got.tooLong, got.err)
			}
		})
	}
}

func TestReadError(t *testing.T) {
	errRead := errors.New("device gone")
	var out bytes.Buffer
	err := Run(context.Background(), io.MultiReader(strings.NewReader("1\n"), iotest.ErrReader(errRead)), &out, testOpts())
	if !errors.Is(err, errRead) {
		t.Errorf("Run = %v, want the read error wrapped", err)
	}
	if strings.Contains(out.String(), strings.ToUpper(en.T("report.title"))) {
		t.Errorf("a report was written after a read error:\n%s", out.String())
	}
}

// Course mode in plain prompts: the case's story first, its answers taken
// one Enter at a time with the estimate told as it moves, and its lesson
// after the report.
func TestDemo(t *testing.T) {
	opts := testOpts()
	opts.Case = "classic"
	c, _ := cases.Get("classic")
	opts.Answers = c.Answers
	out := runScript(t, strings.Repeat("\n", 80), opts)
	for _, want := range []string{"Course case: The textbook rupture", "badminton", "press Enter to take it",
		"Estimate now: 25% (was 10%).", "What this case teaches: Every sign points the same way."} {
		if !strings.Contains(strings.Join(strings.Fields(out), " "), want) {
			t.Errorf("course mode in plain prompts does not say %q:\n%s", want, out)
		}
	}
	want := assessment.NewReport(assessment.Assess(q.Effective(c.Answers)), opts.Catalog, assessment.Options{})
	if !strings.Contains(out, want.EstimateLine()) {
		t.Errorf("the report is not the case's: want %q", want.EstimateLine())
	}
	if strings.Contains(flatten(out), flatten(en.T("ui.demo.changed"))) {
		t.Errorf("the case as written is said to be changed:\n%s", out)
	}

	// An answer changed: the lesson says the case was changed.
	opts.Answers = c.Answers
	if err := opts.Answers.ParseAssignment("thompson=negative"); err != nil {
		t.Fatal(err)
	}
	out = runScript(t, strings.Repeat("\n", 80), opts)
	contains(t, out, en.T("ui.demo.changed"), "What this case teaches: Every sign points the same way.")
}

// Accessible mode in Chinese: the prompts and the report are in Chinese,
// the report the same as achilles assess gives in Chinese.
func TestChinese(t *testing.T) {
	zh := catalog.MustLoad("zh-Hant")
	opts := Options{Catalog: zh, Emergency: "999"}
	out := runScript(t, "1\n0\n2\n", opts)
	if !strings.Contains(out, zh.T(q.Answerer.TextKey(false))) || !strings.Contains(out, zh.T("access.checklist.text")) ||
		!strings.Contains(out, zh.T(q.TimeSince.TextKey(false))) {
		t.Errorf("the questions are not asked in Chinese:\n%s", out)
	}
	var a q.Answers
	for _, kv := range []string{"answerer=self", "chest_symptoms=no", "open_wound=no", "numb_or_cold_foot=no",
		"deformity=no", "severe_tense_calf=no", "heel_skin=no", "calf_swelling_warm=no", "time_since=1_14d"} {
		if err := a.ParseAssignment(kv); err != nil {
			t.Fatal(err)
		}
	}
	rep := assessment.NewReport(assessment.Assess(q.Effective(a)), zh, assessment.Options{Emergency: "999"})
	if !strings.HasSuffix(out, report.Text(&rep, report.TextOptions{Width: 80, Spoken: true})+"\n"+report.SpokenRecap(&rep, 80)) {
		t.Errorf("the report is not achilles assess's in Chinese; output ends:\n%s", out[max(0, len(out)-600):])
	}
}

// Piped input is not shown by a terminal: accessible mode writes each
// line typed after its prompt, and a choice's answer in words, so that the
// transcript reads as a conversation.
func TestPipedInputEchoed(t *testing.T) {
	out := runScript(t, "1\n0\nq\ny\n", testOpts())
	contains(t, out,
		en.T("access.prompt")+" 1"+en.F("access.chosen", "answer", en.T("q.answerer.v.self")),
		en.T("access.prompt")+" 0"+en.F("access.chosen", "answer", en.T("ui.checklist.none")),
		en.T("access.prompt")+" q",
		en.T("access.quit.confirm")+" y")
}

// Input ending at the review lists the answers once, not again before the
// result.
func TestEndAtReviewListsOnce(t *testing.T) {
	out := runScript(t, reviewInput(t), testOpts())
	if n := strings.Count(out, "\n"+en.T("access.review.title")+"\n"); n != 1 {
		t.Errorf("the answers are listed %d times, want once:\n%s", n, out)
	}
}

// A Chinese prompt ends in a full-width colon or stop, which has its own
// room: no space is added after it.
func TestChinesePromptsHaveNoStraySpace(t *testing.T) {
	zh := catalog.MustLoad("zh-Hant")
	out := runScript(t, "1\n1\nq\ny\n", Options{Catalog: zh, Emergency: "999"})
	for _, prompt := range []string{zh.T("access.prompt"), zh.T("access.alert.continue")} {
		if !strings.Contains(out, prompt+"1") && !strings.Contains(out, prompt+"q") {
			t.Errorf("the prompt %q is not followed straight by the answer:\n%s", prompt, out)
		}
		if strings.Contains(out, prompt+" ") {
			t.Errorf("a space follows the prompt %q", prompt)
		}
	}
}

// On a terminal narrower than 80 cells (one too small for the screens,
// which offered accessible mode), lines are wrapped to its width, so that
// the terminal never breaks a word; otherwise to 80.
func TestWidth(t *testing.T) {
	input, _ := story{assign: []string{"time_since=lt_24h", "onset=sudden", "tiptoe=cannot"}}.script(t)
	for _, tt := range []struct {
		width, max int
	}{{36, 36}, {0, 80}, {120, 80}, {5, minWidth}} {
		opts := testOpts()
		opts.Width = tt.width
		out := runScript(t, input, opts)
		widest := 0
		for _, line := range strings.Split(out, "\n") {
			widest = max(widest, ansi.StringWidth(line))
		}
		if widest > tt.max {
			t.Errorf("Width %d: a line of %d cells, want at most %d", tt.width, widest, tt.max)
		}
		if tt.max == 80 && widest <= 36 {
			t.Errorf("Width %d: no line wider than 36 cells: not wrapped to 80", tt.width)
		}
	}
}

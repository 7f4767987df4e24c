package ui

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
)

var accEn = catalog.MustLoad("en")

// accCase is a scripted session: the answers given, in asking order, and
// what else is typed on the way.
type accCase struct {
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
func (c accCase) script(t *testing.T) (string, q.Answers) {
	t.Helper()
	want := accAnswers(t, c.assign...)
	var lines []string
	for cur, ok := q.Answerer, true; ok; cur, ok = q.Next(&want, cur) {
		lines = append(lines, c.before[cur]...)
		lines = append(lines, accTyped(cur, &want))
		if cur.Info().RedFlag && want.Is(cur, "yes") {
			lines = append(lines, "") // continue after the emergency message
		}
	}
	lines = append(lines, c.review...)
	lines = append(lines, "")
	return strings.Join(lines, "\n") + "\n", want
}

// accAnswers are the defaults of accCase with the assignments on top.
func accAnswers(t *testing.T, assign ...string) q.Answers {
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
		if s == "examiner=nobody" {
			a.NoExaminer = true
			continue
		}
		if err := a.ParseAssignment(s); err != nil {
			t.Fatal(err)
		}
	}
	return a
}

// accTyped is what a user types to give a's answer to question.
func accTyped(question q.Q, a *q.Answers) string {
	if question == q.Examiner && a.NoExaminer {
		return strconv.Itoa(len(question.Info().Values) + 1)
	}
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

// accReport is the text report of the answers, as `achilles assess` writes
// it.
func accReport(t *testing.T, a q.Answers, emergency string) string {
	t.Helper()
	rep := assessment.NewReport(assessment.Assess(q.Effective(a)), accEn, assessment.Options{Emergency: emergency})
	return report.Text(&rep, report.TextOptions{Width: 80, Styled: false})
}

// accRun runs accessible mode on input, fails on an error, and checks what
// holds for every run: plain text, no line wider than 80 columns.
func accRun(t *testing.T, input string, opts Options) string {
	t.Helper()
	var out bytes.Buffer
	if err := RunAccessible(context.Background(), strings.NewReader(input), &out, opts); err != nil {
		t.Fatalf("RunAccessible: %v\noutput:\n%s", err, out.String())
	}
	accCheckPlain(t, out.String())
	return out.String()
}

func accCheckPlain(t *testing.T, out string) {
	t.Helper()
	if i := strings.IndexByte(out, 0x1b); i >= 0 {
		t.Errorf("output has an escape byte at %d: %q", i, out[max(0, i-40):min(len(out), i+40)])
	}
	for i, line := range strings.Split(out, "\n") {
		if w := ansi.StringWidth(line); w > accWidth {
			t.Errorf("output line %d is %d columns wide: %q", i+1, w, line)
		}
	}
}

// accFlat joins all runs of white space into one space, so that text can
// be found whatever the wrapping.
func accFlat(s string) string { return strings.Join(strings.Fields(s), " ") }

// accContains fails for each want not in out, whatever the wrapping.
func accContains(t *testing.T, out string, wants ...string) {
	t.Helper()
	flat := accFlat(out)
	for _, w := range wants {
		if !strings.Contains(flat, accFlat(w)) {
			t.Errorf("output does not contain %q", w)
		}
	}
}

func accOpts() Options { return Options{Catalog: accEn, Emergency: "999"} }

func TestAccessibleFullRun(t *testing.T) {
	tests := []struct {
		name string
		c    accCase
		// wants are also shown on the way.
		wants []string
	}{
		{
			name: "textbook rupture",
			c: accCase{assign: []string{"time_since=lt_24h", "side=right", "onset=sudden", "mechanism=push_off",
				"pop=yes", "kicked=yes", "pain_site=achilles", "pain_now=6", "swelling=yes", "walk=limp",
				"tiptoe=cannot", "push_weak=yes", "examiner=trainer", "gap=felt", "thompson=positive",
				"matles=positive", "bone_tender=no", "age=41", "prior_rupture=no"}},
			wants: []string{"Question 1 of 33", "Question 30 of 30", accEn.T("section.emergency"),
				accEn.T("section.emergency.intro"), accEn.T("section.risk"), "1. " + accEn.T("q.answerer.v.self"),
				accEn.T("q.tiptoe.text"), "In an emergency, call 999.", accEn.T("access.review.title"),
				"41 years", "6 out of 10"},
		},
		{
			name: "nothing but the required answers",
			c:    accCase{},
			// Without an onset there is no clear injury: the clot check's
			// three signs are asked too.
			wants: []string{"Question 33 of 33", accEn.T("label.age") + ": " + accEn.T("report.not_answered"), accEn.T("q.calf_bigger.text")},
		},
		{
			name: "a helper answering, gradual onset, nobody can examine",
			c: accCase{assign: []string{"answerer=other", "onset=gradual", "prior_symptoms=yes", "walk=normal",
				"examiner=nobody", "age=67", "fluoroquinolone=yes"}},
			wants: []string{"Question 26 of 26", accEn.T("q.tiptoe.text_other"),
				accEn.T("label.examiner") + ": " + accEn.T(q.NoExaminerKey)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			input, want := tt.c.script(t)
			out := accRun(t, input, accOpts())
			if report := accReport(t, want, "999"); !strings.HasSuffix(out, "\n\n"+report) {
				t.Errorf("the output does not end with the report of the answers %v;\nwant the end:\n%s\ngot:\n%s", tt.c.assign, report, out)
			}
			accContains(t, out, tt.wants...)
		})
	}
}

// The result is exactly what `achilles assess` prints for the same answers:
// its golden files.
func TestAccessibleSameAsAssess(t *testing.T) {
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
			golden, err := os.ReadFile(filepath.Join("..", "cli", "testdata", "golden", tt.golden+"_text.golden"))
			if err != nil {
				t.Fatal(err)
			}
			input, _ := accCase{assign: tt.assign}.script(t)
			out := accRun(t, input, Options{Catalog: accEn})
			if !strings.HasSuffix(out, "\n\n"+string(golden)) {
				t.Errorf("the output does not end with the report of `achilles assess` (%s);\ngot:\n%s", tt.golden, out)
			}
		})
	}
}

func TestAccessibleStart(t *testing.T) {
	tests := []struct {
		name      string
		emergency string
		want      string
	}{
		{"region known", "999", "In an emergency, call 999."},
		{"region unknown", "", "In an emergency, call " + accEn.T("emergency.number.unknown") + "."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := accRun(t, "q\n", Options{Catalog: accEn, Emergency: tt.emergency})
			accContains(t, out, accEn.T("access.intro"), tt.want, accEn.T("access.commands"),
				accEn.T("q.answerer.text"), "1. "+accEn.T("q.answerer.v.self"), "2. "+accEn.T("q.answerer.v.other"))
			if !strings.Contains(accEn.T("access.intro"), "not a diagnosis") {
				t.Errorf("the introduction does not say the tool is not a diagnosis: %q", accEn.T("access.intro"))
			}
		})
	}
}

func TestAccessibleInvalidInput(t *testing.T) {
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
		{"zero", q.ChestSymptoms, []string{"0"},
			[]string{"There is no choice 0. Please type a number from 1 to 2, or ? for help."}, nil},
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
			[]string{accEn.T("access.invalid.first")}, nil},
		{"t where there is no test", q.Side, []string{"t"},
			[]string{accEn.T("access.invalid.no_test")}, nil},
		{"spaces around an answer", q.Side, []string{"  x  "}, []string{`"x" is not one of the choices.`}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := accCase{assign: tt.assign, before: map[q.Q][]string{tt.at: tt.typed}}
			input, want := c.script(t)
			out := accRun(t, input, accOpts())
			accContains(t, out, tt.wants...)
			if !strings.HasSuffix(out, accReport(t, want, "999")) {
				t.Errorf("after the bad input the run did not go on to the result of %v:\n%s", tt.assign, out)
			}
		})
	}
}

func TestAccessibleSkip(t *testing.T) {
	t.Run("an empty line leaves the answer out", func(t *testing.T) {
		input, want := accCase{assign: []string{"side=left", "onset=sudden"}}.script(t)
		if want.Has(q.TimeSince) {
			t.Fatal("the script answers time_since")
		}
		out := accRun(t, input, accOpts())
		accContains(t, out, accEn.T("label.time_since")+": "+accEn.T("report.not_answered"),
			accEn.T("label.side")+": "+accEn.T("q.side.v.left"), accEn.T("access.enter_skip"))
		if !strings.HasSuffix(out, accReport(t, want, "999")) {
			t.Errorf("the result is not that of the answers without time_since:\n%s", out)
		}
	})
	tests := []struct {
		name string
		at   q.Q
	}{
		{"an emergency question needs an answer", q.ChestSymptoms},
		{"another emergency question", q.CalfSwellingWarm},
		{"who is answering needs an answer", q.Answerer},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			input, want := accCase{before: map[q.Q][]string{tt.at: {"", "  "}}}.script(t)
			out := accRun(t, input, accOpts())
			flat := accFlat(out)
			if n := strings.Count(flat, accFlat(accEn.T("access.invalid.empty"))); n != 2 {
				t.Errorf("the empty-line message shows %d times, want 2:\n%s", n, out)
			}
			accContains(t, out, accEn.T("access.required"))
			if !strings.HasSuffix(out, accReport(t, want, "999")) {
				t.Errorf("the run did not go on to the result:\n%s", out)
			}
		})
	}
}

func TestAccessibleBranching(t *testing.T) {
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
			input, want := accCase{assign: tt.assign}.script(t)
			out := accRun(t, input, accOpts())
			// The total counts the whole questionnaire, as it stands once the
			// branch is chosen.
			accContains(t, out, tt.last)
			for _, skipped := range tt.skipped {
				if strings.Contains(accFlat(out), accFlat(accEn.T(skipped.TextKey(false)))) {
					t.Errorf("%s is asked", skipped)
				}
				if strings.Contains(out, accEn.T(skipped.LabelKey())+":") {
					t.Errorf("%s is in the review", skipped)
				}
			}
			if !strings.HasSuffix(out, accReport(t, want, "999")) {
				t.Errorf("wrong result:\n%s", out)
			}
		})
	}

	// Choosing a tester again after "nobody" asks the tests again.
	t.Run("changing nobody back to a tester", func(t *testing.T) {
		c := accCase{assign: []string{"examiner=trainer", "thompson=positive"},
			before: map[q.Q][]string{q.Gap: {"b", "4", "b", "2"}}}
		input, want := c.script(t)
		out := accRun(t, input, accOpts())
		accContains(t, out, accEn.T("q.thompson.text"))
		if !strings.HasSuffix(out, accReport(t, want, "999")) {
			t.Errorf("wrong result:\n%s", out)
		}
	})
}

func TestAccessibleBack(t *testing.T) {
	tests := []struct {
		name   string
		assign []string
		before map[q.Q][]string
		again  q.Q    // the question asked again
		keep   string // the answer offered to keep
	}{
		{"back keeps the previous answer", []string{"time_since=1_14d", "side=left"},
			map[q.Q][]string{q.Side: {"b", ""}}, q.TimeSince, accEn.T("q.time_since.v.1_14d")},
		{"back from the first question returns to who is answering", nil,
			map[q.Q][]string{q.ChestSymptoms: {"B", ""}}, q.Answerer, accEn.T("q.answerer.v.self")},
		{"back over a skipped question", []string{"time_since=lt_24h", "onset=sudden"},
			map[q.Q][]string{q.Onset: {"b", "b", "", ""}}, q.TimeSince, accEn.T("q.time_since.v.lt_24h")},
		{"back twice keeps both", []string{"onset=sudden", "pop=no"},
			map[q.Q][]string{q.Pop: {"b", "b", "", ""}}, q.Onset, accEn.T("q.onset.v.sudden")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			input, want := accCase{assign: tt.assign, before: tt.before}.script(t)
			out := accRun(t, input, accOpts())
			text := accFlat(accEn.T(tt.again.TextKey(false)))
			if n := strings.Count(accFlat(out), text); n < 2 {
				t.Errorf("%s was asked %d times, want it asked again", tt.again, n)
			}
			accContains(t, out, accEn.F("access.enter_keep", "answer", tt.keep))
			if !strings.HasSuffix(out, accReport(t, want, "999")) {
				t.Errorf("the answers were not kept:\n%s", out)
			}
		})
	}
}

func TestAccessibleRedFlag(t *testing.T) {
	cont := accEn.T("access.alert.continue")
	tests := []struct {
		name  string
		flag  q.Q
		wants []string
	}{
		{"chest symptoms: ambulance", q.ChestSymptoms,
			[]string{"[!!!] " + accEn.T("triage.emergency_ambulance.short"), "Call an ambulance now: 999",
				accEn.F("now.ambulance.call", "emergency", "999"), accEn.F("where.emergency_ambulance", "emergency", "999")}},
		{"open wound: emergency department", q.OpenWound,
			[]string{accEn.T("triage.emergency.title"), accEn.T("now.open_wound"), accEn.F("where.emergency", "emergency", "999")}},
		{"heel skin", q.HeelSkin, []string{accEn.T("triage.emergency.title"), accEn.T("now.heel_skin")}},
		{"calf swollen and warm: today", q.CalfSwellingWarm, []string{accEn.T("triage.same_day.title"), accEn.T("now.dvt")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			input, want := accCase{assign: []string{tt.flag.ID() + "=yes"}}.script(t)
			out := accRun(t, input, accOpts())
			accContains(t, out, tt.wants...)
			accContains(t, out, "In an emergency, call 999.", accEn.T("report.now"), accEn.T("report.where"), cont)
			// The questions go on after the message.
			next, _ := q.Next(&want, tt.flag)
			flat := accFlat(out)
			i := strings.Index(flat, accFlat(cont))
			if j := strings.LastIndex(flat, accFlat(accEn.T(next.TextKey(false)))); i < 0 || j < i {
				t.Errorf("%s is not asked after the emergency message", next)
			}
			if !strings.HasSuffix(out, accReport(t, want, "999")) {
				t.Errorf("wrong result:\n%s", out)
			}
		})
	}

	t.Run("anything but Enter or q is asked again", func(t *testing.T) {
		input := "1\n1\nx\n\n" // self, chest yes, "x" at the message, Enter
		out := accRun(t, input, accOpts())
		accContains(t, out, accEn.T("access.allowed.continue"), accEn.T("q.open_wound.text"))
	})
	t.Run("q at the message asks to quit", func(t *testing.T) {
		out := accRun(t, "1\n1\nq\ny\n", accOpts())
		if !strings.HasSuffix(out, accEn.T("access.quit.confirm")+" ") {
			t.Errorf("did not quit after the confirmation:\n%s", out)
		}
	})
	t.Run("no message for no", func(t *testing.T) {
		input, _ := accCase{}.script(t)
		out := accRun(t, input, accOpts())
		if strings.Contains(out, cont) {
			t.Errorf("the emergency message shows without a yes:\n%s", out)
		}
	})
}

func TestAccessibleCommands(t *testing.T) {
	diagram := accEn.T("q.tiptoe.diagram")
	tests := []struct {
		name  string
		at    q.Q
		cmd   string
		wants []string
	}{
		{"why", q.Side, "w", []string{accEn.T("access.why"), accEn.T("q.side.why")}},
		{"why in upper case", q.Pop, "W", []string{accEn.T("q.pop.why")}},
		{"how to do the tiptoe test", q.Tiptoe, "t", []string{accEn.T("access.how"), accEn.T("q.tiptoe.how"), diagram}},
		{"how to do the Thompson test", q.Thompson, " T ", []string{accEn.T("q.thompson.how"), accEn.T("q.thompson.diagram")}},
		{"help", q.Answerer, "?", []string{accEn.T("access.help.title"), accEn.T("access.help.help"),
			accEn.T("access.help.why"), accEn.T("access.help.how"), accEn.T("access.help.back"),
			accEn.T("access.help.emergency"), accEn.T("access.help.quit"), accEn.T("access.help.answer")}},
		{"emergency panel", q.Onset, "!", []string{"In an emergency, call 999.", accEn.T("access.panel.title"),
			accEn.T("label.chest_symptoms") + ": Call an ambulance now: 999",
			accEn.T("label.open_wound") + ": " + accEn.T("triage.emergency.title"),
			accEn.T("label.numb_or_cold_foot"), accEn.T("label.deformity"), accEn.T("label.severe_tense_calf"),
			accEn.T("label.heel_skin"), accEn.T("label.calf_swelling_warm") + ": " + accEn.T("triage.same_day.title")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			input, want := accCase{before: map[q.Q][]string{tt.at: {tt.cmd}}}.script(t)
			out := accRun(t, input, accOpts())
			accContains(t, out, tt.wants...)
			// The question is asked again after the command's text.
			flat := accFlat(out)
			i := strings.Index(flat, accFlat(tt.wants[len(tt.wants)-1]))
			text := accFlat(accEn.T(tt.at.TextKey(false)))
			if j := strings.LastIndex(flat, text); i < 0 || j < i {
				t.Errorf("%s is not asked again after %q", tt.at, tt.cmd)
			}
			if !strings.HasSuffix(out, accReport(t, want, "999")) {
				t.Errorf("wrong result:\n%s", out)
			}
		})
	}

	t.Run("the diagram keeps its drawing", func(t *testing.T) {
		input, _ := accCase{before: map[q.Q][]string{q.Tiptoe: {"t"}}}.script(t)
		out := accRun(t, input, accOpts())
		if !strings.Contains(out, diagram+"\n") {
			t.Errorf("the diagram is not shown line by line as drawn:\n%s", out)
		}
	})
}

func TestAccessibleReview(t *testing.T) {
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
			[]string{accEn.T("label.time_since") + ": " + accEn.T("q.time_since.v.gt_4w")}, true},
		{"change a skipped question", []string{"onset=sudden"},
			[]string{"12", "1"}, []string{"onset=sudden", "mechanism=push_off"},
			[]string{accEn.T("q.mechanism.text")}, true},
		{"change the branch in the review", []string{"onset=sudden", "pop=yes"},
			[]string{"11", "2"}, []string{"onset=gradual", "pop=yes"},
			[]string{accEn.T("label.onset") + ": " + accEn.T("q.onset.v.gradual")}, true},
		{"Enter keeps the answer", []string{"side=left"},
			[]string{"10", ""}, []string{"side=left"}, []string{accEn.F("access.enter_keep", "answer", accEn.T("q.side.v.left"))}, true},
		{"b at the question returns to the review", []string{"side=left"},
			[]string{"10", "b"}, []string{"side=left"}, nil, true},
		{"b goes back to the last question", []string{"prior_rupture=no"},
			[]string{"b", "1"}, []string{"prior_rupture=yes"},
			[]string{accEn.T("label.prior_rupture") + ": " + accEn.T("q.prior_rupture.v.yes")}, true},
		{"a bad number is asked again", nil,
			[]string{"34", "x", "0"}, nil, []string{`"34" is not one of the numbers in the list.`,
				`"x" is not one of the numbers in the list.`, "Please type a number from 1 to 33 to change that answer"}, false},
		{"help and the emergency panel", nil, []string{"?", "!"}, nil,
			[]string{accEn.T("access.help.review"), accEn.T("access.panel.title")}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			input, _ := accCase{assign: tt.assign, review: tt.review}.script(t)
			out := accRun(t, input, accOpts())
			accContains(t, out, tt.wants...)
			want := 1
			if tt.again {
				want = 2
			}
			if n := strings.Count(out, "\n"+accEn.T("access.review.title")+"\n"); n != want {
				t.Errorf("the review was shown %d times, want %d", n, want)
			}
			if report := accReport(t, accAnswers(t, tt.result...), "999"); !strings.HasSuffix(out, report) {
				t.Errorf("the result does not reflect %v:\n%s", tt.result, out)
			}
		})
	}
}

func TestAccessibleQuit(t *testing.T) {
	confirm := accEn.T("access.quit.confirm")
	title := accEn.T("report.title")
	tests := []struct {
		name       string
		input      string
		confirmed  bool // the confirmation was asked
		resultWant bool // a report is written
		wants      []string
	}{
		{"no answers yet: quit at once", "q\n", false, false, nil},
		{"Q in upper case", " Q \n", false, false, nil},
		{"y quits", "1\n2\nq\ny\n2\n2\n", true, false, nil},
		{"YES quits", "1\nq\nYES\n", true, false, nil},
		{"n asks the question again", "1\nq\nn\n", true, true, []string{accEn.T("q.chest_symptoms.text")}},
		{"anything else asks again", "1\nq\nmaybe\ny\n", true, false, []string{accEn.T("access.allowed.yes_no")}},
		{"quit at the review", accReviewInput(t) + "q\ny\n", true, false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := accRun(t, tt.input, accOpts())
			if got := strings.Contains(out, confirm); got != tt.confirmed {
				t.Errorf("confirmation asked: %v, want %v:\n%s", got, tt.confirmed, out)
			}
			if got := strings.Contains(out, strings.ToUpper(title)); got != tt.resultWant {
				t.Errorf("report written: %v, want %v:\n%s", got, tt.resultWant, out)
			}
			if !tt.resultWant && !strings.HasSuffix(out, " ") {
				t.Errorf("something was written after quitting: %q", out[max(0, len(out)-80):])
			}
			accContains(t, out, tt.wants...)
		})
	}
}

// accReviewInput answers every question with the defaults, up to the review.
func accReviewInput(t *testing.T) string {
	input, _ := accCase{}.script(t)
	return strings.TrimSuffix(input, "\n\n") + "\n"
}

func TestAccessibleEndOfInput(t *testing.T) {
	ended := accEn.T("access.ended")
	tests := []struct {
		name   string
		input  string
		assign []string // the answers given before the end
		noDefs bool     // the emergency questions were not all answered
	}{
		{"half-way", "2\n2\n2\n2\n2\n2\n2\n2\n3\n\n1\n", []string{"answerer=other", "time_since=2_4w", "onset=sudden"}, false},
		{"the last line has no newline", "1\n2\n2\n2\n2\n2\n2\n2\n1", []string{"time_since=lt_24h"}, false},
		{"at the quit confirmation", "1\n2\nq\n", []string{"answerer=self", "chest_symptoms=no"}, true},
		{"at the emergency message", "1\n1\n", []string{"answerer=self", "chest_symptoms=yes"}, true},
		{"at the review", accReviewInput(t), nil, false},
		{"nothing at all", "", nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := accRun(t, tt.input, accOpts())
			var want q.Answers
			if tt.noDefs {
				for _, s := range tt.assign {
					if err := want.ParseAssignment(s); err != nil {
						t.Fatal(err)
					}
				}
			} else {
				want = accAnswers(t, tt.assign...)
			}
			accContains(t, out, ended, accEn.T("access.review.title"))
			if !strings.HasSuffix(out, "\n\n"+accReport(t, want, "999")) {
				t.Errorf("the output does not end with the result of %v:\n%s", tt.assign, out)
			}
		})
	}

	t.Run("nothing at all is the report of no answers", func(t *testing.T) {
		golden, err := os.ReadFile(filepath.Join("..", "cli", "testdata", "golden", "nothing_answered_text.golden"))
		if err != nil {
			t.Fatal(err)
		}
		out := accRun(t, "", Options{Catalog: accEn})
		if !strings.HasSuffix(out, string(golden)) {
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
	if bytes.Contains(p, []byte(accEn.T("access.prompt"))) {
		w.cancel()
	}
	return len(p), nil
}

func TestAccessibleContextCancelled(t *testing.T) {
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
			go func() { done <- RunAccessible(ctx, in, out, accOpts()) }()
			select {
			case err := <-done:
				if !errors.Is(err, context.Canceled) {
					t.Errorf("RunAccessible = %v, want context.Canceled", err)
				}
			case <-time.After(10 * time.Second): // a hang guard, not a timing test
				t.Fatal("RunAccessible did not return after the context was cancelled")
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

var errAccTestWrite = errors.New("disk full")

func (w *failWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		k := w.n
		w.n = 0
		return k, errAccTestWrite
	}
	w.n -= len(p)
	return len(p), nil
}

func TestAccessibleWriteError(t *testing.T) {
	input, _ := accCase{}.script(t)
	full := len(accRun(t, input, accOpts()))
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
			err := RunAccessible(context.Background(), strings.NewReader(input), &failWriter{n: tt.n}, accOpts())
			if !errors.Is(err, errAccTestWrite) {
				t.Errorf("RunAccessible = %v, want the write error wrapped", err)
			}
		})
	}
}

func TestAccessibleNoCatalog(t *testing.T) {
	if err := RunAccessible(context.Background(), strings.NewReader(""), io.Discard, Options{}); err == nil {
		t.Error("RunAccessible without a catalog succeeded")
	}
}

func TestAccessibleStartingAnswers(t *testing.T) {
	start := accAnswers(t, "side=right", "age=50")
	opts := accOpts()
	opts.Answers = start
	// Enter at every question keeps what was given.
	input := strings.Repeat("\n", 31)
	out := accRun(t, input, opts)
	accContains(t, out, accEn.F("access.enter_keep", "answer", accEn.T("q.side.v.right")),
		accEn.F("access.enter_keep", "answer", "50 years"))
	if !strings.HasSuffix(out, accReport(t, start, "999")) {
		t.Errorf("the starting answers were not kept:\n%s", out)
	}
}

func TestAccessibleReadLine(t *testing.T) {
	long := strings.Repeat("x", accMaxLine)
	tests := []struct {
		name  string
		input string
		want  []accLine // then io.EOF
	}{
		{"lines", "1\n2\n", []accLine{{text: "1"}, {text: "2"}}},
		{"CRLF", "1\r\n\r\n", []accLine{{text: "1"}, {text: ""}}},
		{"no newline at the end", "1\n2", []accLine{{text: "1"}, {text: "2"}}},
		{"empty input", "", nil},
		{"exactly the limit", long + "\n", []accLine{{text: long}}},
		{"exactly the limit with CRLF", long + "\r\n", []accLine{{text: long}}},
		{"one byte over", long + "x\nok\n", []accLine{{tooLong: true}, {text: "ok"}}},
		{"far over, then a line", strings.Repeat("y", 100000) + "\n1\n", []accLine{{tooLong: true}, {text: "1"}}},
		{"far over at the end", strings.Repeat("y", 100000), []accLine{{tooLong: true}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			br := bufio.NewReaderSize(strings.NewReader(tt.input), accMaxLine+2)
			for i, want := range tt.want {
				if got := accReadLine(br); got != want {
					t.Fatalf("line %d = {%.20q, tooLong %v, %v}, want {%.20q, tooLong %v}",
						i+1, got.text, got.tooLong, got.err, want.text, want.tooLong)
				}
			}
			if got := accReadLine(br); got.err != io.EOF {
				t.Errorf("after the lines: {%.20q, tooLong %v, %v}, want io.EOF", got.text, got.tooLong, got.err)
			}
		})
	}
}

func TestAccessibleReadError(t *testing.T) {
	errRead := errors.New("device gone")
	var out bytes.Buffer
	err := RunAccessible(context.Background(), io.MultiReader(strings.NewReader("1\n"), iotest.ErrReader(errRead)), &out, accOpts())
	if !errors.Is(err, errRead) {
		t.Errorf("RunAccessible = %v, want the read error wrapped", err)
	}
	if strings.Contains(out.String(), strings.ToUpper(accEn.T("report.title"))) {
		t.Errorf("a report was written after a read error:\n%s", out.String())
	}
}

// Course mode in plain prompts: the case's story first, its answers taken
// one Enter at a time with the estimate told as it moves, and its lesson
// after the report.
func TestAccessibleDemo(t *testing.T) {
	opts := accOpts()
	opts.Case = "classic"
	c, _ := cases.Get("classic")
	opts.Answers = c.Answers
	out := accRun(t, strings.Repeat("\n", 80), opts)
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
}

// Accessible mode in Chinese: the prompts and the report are in Chinese,
// the report the same as achilles assess gives in Chinese.
func TestAccessibleChinese(t *testing.T) {
	zh := catalog.MustLoad("zh-Hant")
	opts := Options{Catalog: zh, Emergency: "999"}
	out := accRun(t, "1\n2\n2\n", opts)
	if !strings.Contains(out, zh.T(q.Answerer.TextKey(false))) || !strings.Contains(out, zh.T(q.ChestSymptoms.TextKey(false))) {
		t.Errorf("the questions are not asked in Chinese:\n%s", out)
	}
	var a q.Answers
	for _, kv := range []string{"answerer=self", "chest_symptoms=no", "open_wound=no"} {
		if err := a.ParseAssignment(kv); err != nil {
			t.Fatal(err)
		}
	}
	rep := assessment.NewReport(assessment.Assess(q.Effective(a)), zh, assessment.Options{Emergency: "999"})
	if !strings.HasSuffix(out, report.Text(&rep, report.TextOptions{Width: 80})) {
		t.Errorf("the report is not achilles assess's in Chinese; output ends:\n%s", out[max(0, len(out)-600):])
	}
}

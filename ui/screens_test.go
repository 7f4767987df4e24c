package ui

import (
	"fmt"
	"image/color"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"achilles/assessment"
	q "achilles/questionnaire"
	"achilles/ui/internal/stories"
)

// classic are the answers of a textbook rupture, for screens that need a
// full set.
func classic(t testing.TB) q.Answers {
	t.Helper()
	var a q.Answers
	for _, kv := range []string{
		"answerer=self", "chest_symptoms=no", "open_wound=no", "numb_or_cold_foot=no", "deformity=no",
		"severe_tense_calf=no", "heel_skin=no", "calf_swelling_warm=no", "time_since=lt_24h", "side=left",
		"onset=sudden", "mechanism=push_off", "pop=yes", "kicked=yes", "pain_site=achilles", "pain_now=4",
		"swelling=yes", "prior_symptoms=no", "walk=limp", "tiptoe=cannot", "push_weak=yes", "examiner=trainer",
		"gap=felt", "thompson=positive", "matles=positive", "bone_tender=no", "age=41",
		"fluoroquinolone=no", "corticosteroid=no", "prior_rupture=no",
	} {
		if err := a.ParseAssignment(kv); err != nil {
			t.Fatal(err)
		}
	}
	return a
}

// screenStates put a model into each screen and overlay the program has,
// by keys from the options' answers (classic: the classic rupture's).
var screenStates = []struct {
	name    string
	teach   bool
	classic bool             // start from the classic rupture's answers
	opts    func(o *Options) // more options, or nil
	to      func(t testing.TB, m *Model)
}{
	{"start", false, false, nil, func(testing.TB, *Model) {}},
	{"checklist", false, false, nil, func(t testing.TB, m *Model) { press(m, "1") }},
	{"checklist_ticked", false, false, nil, func(t testing.TB, m *Model) { press(m, "1", "1", "down", "space") }},
	{"checklist_nothing_chosen", false, false, nil, func(t testing.TB, m *Model) { press(m, "1", "enter") }},
	{"question", false, false, nil, func(t testing.TB, m *Model) { press(m, "1", "0", "enter") }},
	{"question_answered", false, true, nil, func(t testing.TB, m *Model) { forwardTo(t, m, q.Mechanism) }},
	{"question_test", false, true, nil, func(t testing.TB, m *Model) { forwardTo(t, m, q.Thompson) }},
	{"question_number_error", false, false, func(o *Options) { o.Answers = beforeAge() }, func(t testing.TB, m *Model) {
		forwardTo(t, m, q.Age)
		press(m, "2", "0", "0", "enter")
	}},
	{"emergency", false, false, nil, func(t testing.TB, m *Model) { press(m, "1", "2", "enter") }},
	{"settled", false, false, nil, toSettled},
	{"result_settled", false, false, nil, func(t testing.TB, m *Model) {
		toSettled(t, m)
		press(m, "1")
	}},
	{"review", false, true, nil, func(t testing.TB, m *Model) {
		forwardTo(t, m, q.PriorRupture)
		press(m, "right")
		wantWhere(t, m, onReview, "→ on the last question")
	}},
	{"result", false, true, nil, forwardToResult},
	{"result_saved", false, true, nil, func(t testing.TB, m *Model) {
		forwardToResult(t, m)
		// What saving reports, with a path the golden files can hold.
		m.Update(savedMsg{text: look(t, m).cat.F("ui.saved", "path", "/home/coach/achilles-report-20261122-1405.md")})
	}},
	{"help", false, false, nil, func(t testing.TB, m *Model) { press(m, "1", "?") }},
	{"why", false, false, nil, func(t testing.TB, m *Model) { press(m, "1", "0", "enter", "w") }},
	{"how", false, true, nil, func(t testing.TB, m *Model) {
		forwardTo(t, m, q.Thompson)
		press(m, "t")
	}},
	{"emergency_panel", false, false, nil, func(t testing.TB, m *Model) { press(m, "!") }},
	{"quit_confirm", false, false, nil, func(t testing.TB, m *Model) { press(m, "1", "q") }},
	{"new_confirm", false, true, nil, func(t testing.TB, m *Model) {
		forwardToResult(t, m)
		press(m, "n")
	}},
	{"log_form", false, true, withLog, func(t testing.TB, m *Model) {
		forwardToResult(t, m)
		press(m, "l")
		for _, r := range "J.S." {
			m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
		}
	}},
	{"log_form_error", false, true, withLog, func(t testing.TB, m *Model) {
		forwardToResult(t, m)
		press(m, "l", "enter")
	}},
	// What happens next: from a result that calls for it, and as the
	// guide from the start screen, scrolled on a page.
	{"next", false, true, func(o *Options) { o.Region = "US" }, func(t testing.TB, m *Model) {
		forwardToResult(t, m)
		press(m, "c")
	}},
	{"next_guide_scrolled", false, false, func(o *Options) { o.Region = "HK" }, func(t testing.TB, m *Model) {
		press(m, "c", "pgdown")
	}},
	{"served_report", false, true, func(o *Options) { o.SaveReport = nil }, func(t testing.TB, m *Model) {
		forwardToResult(t, m)
		press(m, "s")
	}},
	// No key may be pressed with teaching on before this frame: see
	// seedQuestion.
	{"teach", true, false, nil, func(t testing.TB, m *Model) { seedQuestion(m, classic(t), q.Matles) }},
}

// toSettled answers the classic rupture by keys from the start up to
// tiptoe (cannot), which settles the triage.
func toSettled(t testing.TB, m *Model) {
	t.Helper()
	answerByKeys(t, m, stories.Classic[:slices.Index(stories.Classic, "tiptoe=cannot")+1])
	wantWhere(t, m, onSettled, "tiptoe cannot after a sudden push-off with a pop")
}

// beforeAge are answers up to the age question, which is open, asking the
// questions a session with no answers asks (the clot check's signs, for an
// injury more than a day old), so that the header counts as it does there.
func beforeAge() q.Answers {
	var a q.Answers
	for _, kv := range []string{
		"answerer=self", "chest_symptoms=no", "open_wound=no", "numb_or_cold_foot=no", "deformity=no",
		"severe_tense_calf=no", "heel_skin=no", "calf_swelling_warm=no", "time_since=1_14d", "side=left",
		"onset=sudden", "mechanism=push_off", "pop=yes", "kicked=yes", "pain_site=achilles", "pain_now=4",
		"swelling=yes", "prior_symptoms=no", "calf_bigger=no", "leg_swollen=no", "calf_tender=no",
		"walk=limp", "tiptoe=cannot", "push_weak=yes", "examiner=trainer",
		"gap=felt", "thompson=positive", "matles=positive", "bone_tender=no",
	} {
		if err := a.ParseAssignment(kv); err != nil {
			panic(err)
		}
	}
	return a
}

// withLog gives a session a club log that saves every record as 1.
func withLog(o *Options) {
	o.SaveToLog = func(string, string, *assessment.Report) (string, error) { return "1", nil }
}

// stateOptions are the options of screen state s over opts.
func stateOptions(t testing.TB, opts Options, classicAnswers bool, more func(*Options)) Options {
	if classicAnswers {
		opts.Answers = classic(t)
	}
	if more != nil {
		more(&opts)
	}
	return opts
}

var (
	dark  = tea.BackgroundColorMsg{Color: color.Black}
	light = tea.BackgroundColorMsg{Color: color.White}
)

// TestScreens compares every screen, at 80×24 and 40×12, on dark and light
// backgrounds, with golden files (escape codes kept: the colours are part of
// what is checked). go test ./ui/ -run TestScreens -update rewrites them.
func TestScreens(t *testing.T) {
	for _, s := range screenStates {
		for _, size := range [][2]int{{80, 24}, {40, 12}} {
			for _, theme := range []struct {
				name string
				msg  tea.BackgroundColorMsg
			}{{"dark", dark}, {"light", light}} {
				t.Run(fmt.Sprintf("%s/%dx%d/%s", s.name, size[0], size[1], theme.name), func(t *testing.T) {
					opts := testOptions(t)
					opts.Teach = s.teach
					m := newTestModel(t, size[0], size[1], stateOptions(t, opts, s.classic, s.opts))
					m.Update(theme.msg)
					s.to(t, m)
					view := m.View().Content
					checkFits(t, view, size[0], size[1])
					golden.RequireEqual(t, view)
				})
			}
		}
	}
}

// The teaching overlay sits beside the questions from 100 columns.
func TestScreenTeachBeside(t *testing.T) {
	opts := testOptions(t)
	opts.Teach = true
	m := newTestModel(t, 120, 30, opts)
	seedQuestion(m, classic(t), q.Matles) // the panel's first frame: see seedQuestion
	view := m.View().Content
	checkFits(t, view, 120, 30)
	golden.RequireEqual(t, view)
	lines := strings.Split(ansi.Strip(view), "\n")
	beside := false
	for _, l := range lines {
		if strings.Contains(l, "Matles") || strings.Contains(l, "Estimate now") {
			if strings.Contains(l, "│") {
				beside = true
			}
		}
	}
	if !beside {
		t.Errorf("the teaching panel is not beside the question at 120 columns:\n%s", ansi.Strip(view))
	}
	// On the projector layout every answer that moved the estimate is
	// named in full, in every language.
	for _, cat := range viewCatalogs {
		opts.Catalog = cat
		m := newTestModel(t, 120, 30, opts)
		seedQuestion(m, classic(t), q.Matles)
		r := assessment.Assess(q.Effective(classic(t)))
		for _, step := range r.Trace() {
			if step.Question >= q.Matles {
				continue
			}
			mustContain(t, m, cat.T(step.Question.LabelKey()))
		}
	}
}

// Without colour, no screen has a colour escape code, and the highlighted
// choice is still marked.
func TestScreensNoColor(t *testing.T) {
	for _, s := range screenStates {
		t.Run(s.name, func(t *testing.T) {
			opts := testOptions(t)
			opts.NoColor = true
			opts.Teach = s.teach
			m := newTestModel(t, 80, 24, stateOptions(t, opts, s.classic, s.opts))
			m.Update(light)
			s.to(t, m)
			view := m.View().Content
			if c := colourCode(view); c != "" {
				t.Errorf("colour escape %q with NoColor:\n%q", c, view)
			}
			checkFits(t, view, 80, 24)
		})
	}
	opts := testOptions(t)
	opts.NoColor = true
	m := newTestModel(t, 80, 24, opts)
	if !strings.Contains(screenText(m), "> 1  I am the injured person") {
		t.Errorf("the highlighted choice is not marked without colour:\n%s", screenText(m))
	}
}

// colourCode returns the first SGR sequence that sets a colour, or "".
func colourCode(s string) string {
	for {
		i := strings.Index(s, "\x1b[")
		if i < 0 {
			return ""
		}
		s = s[i+2:]
		j := strings.IndexByte(s, 'm')
		if j < 0 {
			return ""
		}
		for _, p := range strings.Split(s[:j], ";") {
			if p == "38" || p == "48" || (len(p) == 2 && (p[0] == '3' || p[0] == '4' || p[0] == '9') && p[1] != '9') {
				return "\x1b[" + s[:j+1]
			}
		}
		s = s[j:]
	}
}

// checkFits fails when the view has more lines than the terminal or a line
// wider than it.
func checkFits(t testing.TB, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) > h {
		t.Errorf("view has %d lines, terminal has %d", len(lines), h)
	}
	for i, l := range lines {
		if lw := ansi.StringWidth(l); lw > w {
			t.Errorf("line %d is %d cells wide, terminal is %d: %q", i+1, lw, w, ansi.Strip(l))
		}
	}
}

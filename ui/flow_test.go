package ui

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"achilles/assessment"
	q "achilles/questionnaire"
	"achilles/report"
	"achilles/reportfile"
	"achilles/ui/internal/stories"
)

// Flows: whole sessions driven through a real Bubble Tea program with
// teatest. Keys reach the model in the order they are sent, so the tests
// wait on the program's output only at a new screen (which also checks it
// was drawn) and where the program acts by itself (saving a report,
// quitting). They golden-compare the final view of the final model, never
// the byte stream, whose frames depend on timing, and check the model.

// flowTimeout bounds every wait: generous, because a slow machine is not a
// failure.
const flowTimeout = 10 * time.Second

// flowClassic are the answers of a classic rupture: a sudden push-off with a
// pop, a positive examination by a trainer (shared with accessible mode's
// tests). Each is ID=VALUE as in an answers document.
var flowClassic = stories.Classic

// flowRun is one program under test.
type flowRun struct {
	t    *testing.T
	tm   *teatest.TestModel
	w, h int
	want q.Answers // the answers given so far through answer
	// reviewing: the answers change those given, from the review, which
	// they return to.
	reviewing bool
	// goneOn is the settled triage the run went on from, if any.
	goneOn *assessment.Triage
}

// newFlow starts the questionnaire in a w×h terminal.
func newFlow(t *testing.T, opts Options, w, h int) *flowRun {
	t.Helper()
	tm := teatest.NewTestModel(t, New(opts), teatest.WithInitialTermSize(w, h))
	t.Cleanup(func() {
		// A test that failed half-way leaves the program running.
		_ = tm.Quit()
		tm.WaitFinished(t, teatest.WithFinalTimeout(flowTimeout))
	})
	return &flowRun{t: t, tm: tm, w: w, h: h}
}

// send presses keys, by the names keyMsg knows.
func (f *flowRun) send(keys ...string) {
	for _, k := range keys {
		f.tm.Send(keyMsg(k))
	}
}

// answer gives each ID=VALUE answer by its keys: the choice's number, or the
// digits of a number and enter. The red flags are on one checklist: a sign
// answered yes is ticked by its number, and at the last sign enter
// confirms (after 0, "None of these", when none was ticked), and enter
// again goes on from the emergency screen after a tick.
func (f *flowRun) answer(assign ...string) {
	f.t.Helper()
	for _, a := range assign {
		id, value, _ := strings.Cut(a, "=")
		question, ok := q.Lookup(id)
		if !ok {
			f.t.Fatalf("unknown question %q", id)
		}
		if err := f.want.Set(question, value); err != nil {
			f.t.Fatal(err)
		}
		if question.Info().Kind == q.Number {
			f.tm.Type(value)
			f.send("enter")
			f.goOnIfSettled(question)
			continue
		}
		if question.Info().RedFlag {
			flags := checklistOrder()
			at := slices.Index(flags, question)
			if value == "yes" {
				f.send(strconv.Itoa(at + 1))
			}
			if at < len(flags)-1 {
				continue
			}
			raised := false
			for _, flag := range flags {
				raised = raised || f.want.Is(flag, "yes")
			}
			if !raised {
				f.send("0")
			}
			f.send("enter")
			if raised {
				f.send("enter")
			} else {
				f.goOnIfSettled(question)
			}
			continue
		}
		i, _ := question.ValueIndex(value)
		f.send(strconv.Itoa(i + 1))
		f.goOnIfSettled(question)
	}
}

// goOnIfSettled chooses to go on for the fuller report when the answer to
// question settled the triage: the settled screen shows after an answer,
// unless a red flag is yes (the emergency screen said it), the answer was
// changed from the review, it was the last question, or the run went on
// from this triage already.
func (f *flowRun) goOnIfSettled(question q.Q) {
	if f.reviewing {
		return
	}
	for _, flag := range checklistOrder() {
		if f.want.Yes(flag) {
			return
		}
	}
	if _, ok := q.Next(&f.want, question); !ok {
		return
	}
	r := assessment.Reachable(f.want)
	if !r.Settled() || (f.goneOn != nil && *f.goneOn == r.Lowest) {
		return
	}
	f.send("2")
	f.goneOn = &r.Lowest
}

// waitFor waits until the program has drawn every one of texts, in the
// output since the last wait. The renderer draws only the cells that
// changed, and moves the cursor over blanks: so the texts are looked for
// with every space removed, and each must be new on the screen, not there
// (at the same place) on any screen drawn since the last wait. A text that
// begins like the line it replaces is drawn from the first cell that
// differs: wait for its end.
func (f *flowRun) waitFor(texts ...string) {
	f.t.Helper()
	teatest.WaitFor(f.t, f.tm.Output(), func(b []byte) bool {
		out := flowSquash(ansi.Strip(string(b)))
		for _, text := range texts {
			if !strings.Contains(out, flowSquash(text)) {
				return false
			}
		}
		return true
	}, teatest.WithDuration(flowTimeout), teatest.WithCheckInterval(10*time.Millisecond))
}

// flowSquash is s without any white space.
func flowSquash(s string) string { return strings.Join(strings.Fields(s), "") }

// quit ends the program from outside, after every key sent so far, and
// returns the final model.
func (f *flowRun) quit() *Model {
	f.t.Helper()
	_ = f.tm.Quit()
	return f.final()
}

// final waits for the program to end by itself and returns its model.
func (f *flowRun) final() *Model {
	f.t.Helper()
	fm := f.tm.FinalModel(f.t, teatest.WithFinalTimeout(flowTimeout))
	m, ok := fm.(*Model)
	if !ok {
		f.t.Fatalf("final model is %T, want *Model", fm)
	}
	return m
}

// view is the final model's screen as text, checked to fit the terminal.
func (f *flowRun) view(m *Model) string {
	f.t.Helper()
	v := ansi.Strip(m.View().Content)
	lines := strings.Split(v, "\n")
	if len(lines) > f.h {
		f.t.Errorf("the view has %d lines, the terminal %d", len(lines), f.h)
	}
	for i, l := range lines {
		if n := ansi.StringWidth(l); n > f.w {
			f.t.Errorf("line %d is %d cells wide, the terminal %d: %q", i+1, n, f.w, l)
		}
	}
	return v
}

// flowSameAnswers fails unless got holds exactly the answers of want.
func flowSameAnswers(t *testing.T, got, want q.Answers) {
	t.Helper()
	for question := q.Q(0); question < q.Count; question++ {
		g, gok := got.Value(question)
		w, wok := want.Value(question)
		if g != w || gok != wok {
			t.Errorf("%s: got %q (answered %v), want %q (answered %v)", question, g, gok, w, wok)
		}
	}
}

// flowAssess is the result the assessment gives for answers.
func flowAssess(a q.Answers) assessment.Result { return assessment.Assess(q.Effective(a)) }

func TestFlowFullRun(t *testing.T) {
	for _, size := range []struct{ w, h int }{{80, 24}, {40, 12}} {
		t.Run(strconv.Itoa(size.w)+"x"+strconv.Itoa(size.h), func(t *testing.T) {
			opts := testOptions(t)
			f := newFlow(t, opts, size.w, size.h)
			f.waitFor("Who is answering these questions?")
			f.answer(flowClassic...)
			f.waitFor("Show the result")
			f.send("d")
			f.waitFor("What to do now")
			m := f.quit()

			if got := where(t, m); got != onResult {
				t.Errorf("on the %s screen, want the result", got)
			}
			flowSameAnswers(t, m.Answers(), f.want)
			rep := m.Summary()
			if rep == nil {
				t.Fatal("no result shown")
			}
			want := flowAssess(f.want)
			if rep.Probability != want.Probability || rep.Triage != want.Triage {
				t.Errorf("result %v %s, want %v %s", rep.Probability, rep.Triage.ID(), want.Probability, want.Triage.ID())
			}
			if rep.Band < assessment.Likely || !rep.AAOS.Met {
				t.Errorf("a classic rupture gives band %s, AAOS %+v", rep.Band.ID(), rep.AAOS)
			}
			view := f.view(m)
			shown := []string{opts.Catalog.T(rep.Triage.ShortKey()), opts.Catalog.T("report.now")}
			if size.h >= 24 {
				// At 40×12 the estimate is further down the report, after
				// what to do now and where to go.
				shown = append(shown, assessment.Percent(rep.Probability))
			}
			for _, s := range shown {
				if !strings.Contains(flowSquash(view), flowSquash(s)) {
					t.Errorf("the result does not show %q:\n%s", s, view)
				}
			}
			golden.RequireEqual(t, []byte(view))
		})
	}
}

func TestFlowBackKeepsAnswers(t *testing.T) {
	f := newFlow(t, testOptions(t), 80, 24)
	// Up to side=left, past the settled screen (go on): now at mechanism.
	// Not "Wh…": "Which leg…" may be on screen, and the renderer would not
	// draw those letters again.
	f.answer(flowClassic[:14]...)
	f.waitFor("your foot doing when it happened?")

	f.send("esc") // to side
	f.waitFor("Left leg (your answer)")
	f.send("shift+tab") // to the calf squeeze
	f.waitFor("much less than the other (your answer)")
	f.send("left") // to who examines
	f.waitFor("A trainer or first-aider (your answer)")

	// Forward again with the same answers: enter takes the highlighted
	// choice, which is the answer given; tab and → keep it. The settled
	// screen is not shown again: the run went on from it.
	f.send("enter", "tab", "right") // examiner, calf squeeze, side
	f.waitFor("your foot doing when it happened?")
	f.answer("mechanism=push_off")
	f.send("h")                // back from pop to mechanism
	f.waitFor("(your answer)") // the only change if pop was never drawn
	m := f.quit()

	flowSameAnswers(t, m.Answers(), f.want)
	if got := where(t, m); got != onQuestion(q.Mechanism) {
		t.Errorf("on the %s screen, want the mechanism question", got)
	}
	view := f.view(m)
	if !strings.Contains(view, "Pushing off (sprint, jump, lunge) (your answer)") {
		t.Errorf("the answer given is not marked:\n%s", view)
	}
	golden.RequireEqual(t, []byte(view))
}

func TestFlowReviewChange(t *testing.T) {
	opts := testOptions(t)
	f := newFlow(t, opts, 80, 24)
	f.answer(flowClassic...)
	before := flowAssess(f.want)
	f.waitFor("Show the result")

	// The review opens on "Show the result", under one row an answer in
	// asking order: Thompson is a row more than the answers after it up.
	up := 1
	for n := q.Thompson + 1; n < q.Count; n++ {
		if q.Asked(&f.want, n) {
			up++
		}
	}
	for range up {
		f.send("up")
	}
	f.send("enter")
	f.waitFor("much less than the other (your answer)")
	f.reviewing = true
	f.answer("thompson=negative")
	f.waitFor("Review", "It pointed, as on the other side") // back on the review
	f.send("d")
	f.waitFor("chance of a complete")
	m := f.quit()

	flowSameAnswers(t, m.Answers(), f.want)
	rep := m.Summary()
	if rep == nil {
		t.Fatal("no result shown")
	}
	after := flowAssess(f.want)
	if rep.Probability != after.Probability || rep.AAOS != after.AAOS {
		t.Errorf("result %v %+v, want %v %+v", rep.Probability, rep.AAOS, after.Probability, after.AAOS)
	}
	if rep.Probability >= before.Probability || rep.AAOS.Positive != before.AAOS.Positive-1 {
		t.Errorf("a negative Thompson test should lower the estimate and the AAOS signs: before %v %+v, after %v %+v",
			before.Probability, before.AAOS, rep.Probability, rep.AAOS)
	}
	found := false
	for _, s := range rep.Trace() {
		found = found || s.Question == q.Thompson && s.Value == "negative"
	}
	if !found {
		t.Error("the changed answer is not among what moved the estimate")
	}
	view := f.view(m)
	if !strings.Contains(view, assessment.Percent(rep.Probability)) {
		t.Errorf("the result does not show %s:\n%s", assessment.Percent(rep.Probability), view)
	}
	golden.RequireEqual(t, []byte(view))
}

func TestFlowEmergency(t *testing.T) {
	opts := testOptions(t)
	f := newFlow(t, opts, 80, 24)
	f.answer("answerer=self")
	f.waitFor("None of these")
	f.send("2", "enter") // open wound ticked
	f.waitFor("Go to an emergency department now", "Because of this answer:", "Wound over the back of the ankle or heel")
	f.send("enter")
	f.waitFor("When did it happen") // the first question after the checklist
	for _, flag := range checklistOrder() {
		v := "no"
		if flag == q.OpenWound {
			v = "yes"
		}
		if err := f.want.Set(flag, v); err != nil {
			t.Fatal(err)
		}
	}
	f.answer(flowClassic[8:]...)
	f.waitFor("Show the result")
	f.send("d")
	f.waitFor("EMERGENCY NOW")
	m := f.quit()

	flowSameAnswers(t, m.Answers(), f.want)
	rep := m.Summary()
	if rep == nil {
		t.Fatal("no result shown")
	}
	if rep.Triage != assessment.Emergency {
		t.Errorf("triage %s, want emergency", rep.Triage.ID())
	}
	view := f.view(m)
	if !strings.Contains(view, "EMERGENCY") {
		t.Errorf("the banner does not say EMERGENCY:\n%s", view)
	}
	golden.RequireEqual(t, []byte(view))
}

func TestFlowQuitConfirm(t *testing.T) {
	t.Run("no_then_yes", func(t *testing.T) {
		f := newFlow(t, testOptions(t), 80, 24)
		// Up to the calf squeeze, past the settled screen (go on): now at
		// side.
		f.answer(flowClassic[:13]...)
		f.waitFor("leg is injured?")
		f.send("q")
		f.waitFor("Quit now?")
		f.send("n")
		f.waitFor("Which leg is injured?") // the same question
		f.send("q")
		f.waitFor("Quit now?")
		f.send("y")
		// The program ends by itself, or final fails: the model quit.
		m := f.final()

		if got := where(t, m); got != onQuestion(q.Side) {
			t.Errorf("on the %s screen, want the side question", got)
		}
		flowSameAnswers(t, m.Answers(), f.want)
		golden.RequireEqual(t, []byte(f.view(m)))
	})
	t.Run("ctrl_c_twice", func(t *testing.T) {
		f := newFlow(t, testOptions(t), 80, 24)
		f.answer("answerer=other")
		f.waitFor("Do they have any of these now?") // the checklist, in the helper's words
		f.send("ctrl+c")
		f.waitFor("Quit now?")
		f.send("ctrl+c")
		m := f.final() // the program ends by itself, or final fails: the model quit

		flowSameAnswers(t, m.Answers(), f.want)
		golden.RequireEqual(t, []byte(f.view(m)))
	})
	t.Run("start_nothing_to_lose", func(t *testing.T) {
		f := newFlow(t, testOptions(t), 80, 24)
		f.waitFor("Who is answering these questions?")
		f.send("q")
		m := f.final() // the program ends by itself, or final fails: the model quit

		if overlayOpen(t, m) || where(t, m) != onStart {
			t.Errorf("want quitting at once, without asking:\n%s", screenText(m))
		}
		if a := m.Answers(); a.Len() != 0 {
			t.Errorf("%d answers, want none", a.Len())
		}
		golden.RequireEqual(t, []byte(f.view(m)))
	})
}

// flowDirLen is the length of the folder reports are saved in by
// TestFlowSaveReport: fixed, so that the status line wraps the same way on
// every run and the golden file can hold a stand-in for the folder.
const flowDirLen = 40

func TestFlowSaveReport(t *testing.T) {
	opts := testOptions(t)
	dir := t.TempDir()
	// Pad the temporary folder to a fixed length. A name with a space or a
	// hyphen would wrap differently, so the golden comparison needs a plain
	// one (the other checks do not).
	plain := filepath.IsAbs(dir) && len(dir) <= flowDirLen-2 && !strings.ContainsAny(dir, " -\t") && ansi.StringWidth(dir) == len(dir)
	if plain {
		dir = filepath.Join(dir, strings.Repeat("x", flowDirLen-len(dir)-1))
		if err := os.Mkdir(dir, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	opts.SaveReport = savingIn(dir)
	now := testNow

	f := newFlow(t, opts, 80, 24)
	f.answer(flowClassic...)
	f.waitFor("Show the result")
	f.send("d")
	f.waitFor("chance of a complete")
	f.send("s")
	f.waitFor("Report saved to")

	first := filepath.Join(dir, "achilles-report-20261122-1405.md")
	second := filepath.Join(dir, "achilles-report-20261122-1405-2.md")
	if reportfile.Name(now) != filepath.Base(first) {
		t.Fatalf("reportfile.Name = %q", reportfile.Name(now))
	}
	firstContent, err := os.ReadFile(first)
	if err != nil {
		t.Fatalf("the report was not saved as %s: %v", first, err)
	}

	f.send("s")
	f.waitFor("-2.md")
	m := f.quit()

	rep := m.Summary()
	if rep == nil {
		t.Fatal("no result shown")
	}
	want := bytes.NewBufferString(report.Markdown(rep, report.MarkdownOptions{Now: now, Version: "test"}))
	if !bytes.HasPrefix(want.Bytes(), []byte("# ")) {
		t.Errorf("the Markdown report does not start with a title:\n%s", want.Bytes())
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if len(names) != 2 {
		t.Errorf("the folder holds %q, want the two reports", names)
	}
	for _, path := range []string{first, second} {
		got, err := os.ReadFile(path)
		if err != nil {
			t.Error(err)
			continue
		}
		if !bytes.Equal(got, want.Bytes()) {
			t.Errorf("%s is not the Markdown report:\n%s", path, got)
		}
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if mode := fi.Mode().Perm(); mode != 0o600 && runtime.GOOS != "windows" {
			t.Errorf("%s has mode %v, want 0600", path, mode)
		}
	}
	if after, _ := os.ReadFile(first); !bytes.Equal(after, firstContent) {
		t.Error("saving again changed the first report")
	}

	abs, err := filepath.Abs(second)
	if err != nil {
		t.Fatal(err)
	}
	status := opts.Catalog.F("ui.saved", "path", abs)
	shown := wrap(status, f.w)
	if got, failed := resultStatus(t, m); strings.Join(got, "\n") != strings.Join(shown, "\n") || failed {
		t.Errorf("status %q (failed %v), want %q", got, failed, shown)
	}
	view := f.view(m)
	lines := strings.Split(view, "\n")
	if i := flowFind(lines, shown); i < 0 {
		t.Fatalf("the status %q is not shown whole:\n%s", shown, view)
	} else if plain {
		// The folder differs on every run: put a stand-in of the same
		// length, wrapped the same way, in the golden file.
		stand := "/tmp/TestFlowSaveReport/"
		stand += strings.Repeat("x", len(dir)-len(stand))
		norm := wrap(opts.Catalog.F("ui.saved", "path", stand+strings.TrimPrefix(abs, dir)), f.w)
		if len(norm) != len(shown) {
			t.Fatalf("the stand-in wraps to %d lines, the status to %d", len(norm), len(shown))
		}
		copy(lines[i:], norm)
		golden.RequireEqual(t, []byte(strings.Join(lines, "\n")))
	} else {
		t.Logf("golden comparison skipped: the temporary folder %q is too long or has spaces or hyphens", dir)
	}
}

// flowFind is the index in lines where the lines of block start, or -1.
func flowFind(lines, block []string) int {
	for i := 0; i+len(block) <= len(lines); i++ {
		match := true
		for j, b := range block {
			if strings.TrimRight(lines[i+j], " ") != strings.TrimRight(b, " ") {
				match = false
				break
			}
		}
		if match {
			return i
		}
	}
	return -1
}

func TestFlowTeach(t *testing.T) {
	for _, tt := range []struct {
		name   string
		w, h   int
		beside bool
	}{
		{"beside_120x30", 120, 30, true},
		{"under_80x24", 80, 24, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			opts := testOptions(t)
			opts.Teach = true
			f := newFlow(t, opts, tt.w, tt.h)
			f.answer(flowClassic[:16]...) // up to pop=yes: now at kicked
			// "Estimate now" is on every question, so it is not drawn anew.
			f.waitFor("kicked or hit you in the back")
			m := f.quit()

			wantWhere(t, m, onQuestion(q.Kicked), "after pop=yes")
			view := f.view(m)
			lines := strings.Split(view, "\n")
			question, estimate, lastChoice := -1, -1, -1
			col := 0
			for i, l := range lines {
				if strings.Contains(l, "Did it feel as if someone") && question < 0 {
					question = i
				}
				if j := strings.Index(l, "Estimate now"); j >= 0 && estimate < 0 {
					estimate, col = i, ansi.StringWidth(l[:j])
				}
				if strings.Contains(l, "3  Not sure") {
					lastChoice = i
				}
			}
			if question < 0 || estimate < 0 || lastChoice < 0 {
				t.Fatalf("question line %d, estimate line %d, last choice line %d:\n%s", question, estimate, lastChoice, view)
			}
			if tt.beside {
				// In a panel on the right, level with the question.
				if col < tt.w/2 || estimate > question {
					t.Errorf("\"Estimate now\" at line %d column %d, the question at line %d: want it beside, on the right:\n%s",
						estimate, col, question, view)
				}
			} else if col > 0 || estimate <= lastChoice {
				t.Errorf("\"Estimate now\" at line %d column %d, the last choice at line %d: want it under the choices:\n%s",
					estimate, col, lastChoice, view)
			}
			golden.RequireEqual(t, []byte(view))
		})
	}
}

package ui

import (
	"strings"
	"testing"
)

// On a result that calls for it, the help bar offers c, the report says
// where "what happens next" is, c opens it as a panel to scroll and esc
// closes it again, back on the result as it was.
func TestNextFromResult(t *testing.T) {
	opts := testOptions(t)
	opts.Answers = classic(t)
	opts.Region = "HK"
	m := newTestModel(t, 80, 24, opts)
	forwardToResult(t, m)
	mustContain(t, m, "c what next")
	report := strings.Join(m.result.content, "\n")
	for _, want := range []string{"What happens next", "Press c to read"} {
		if !strings.Contains(stripped(report), want) {
			t.Errorf("the result does not say %q:\n%s", want, stripped(report))
		}
	}
	if strings.Index(stripped(report), "Press c to read") < strings.Index(stripped(report), "Where to go") {
		t.Error("what happens next comes before where to go")
	}
	before := screenText(m)
	press(m, "c")
	if m.overlay != overlayNext {
		t.Fatalf("c on the result opened overlay %d:\n%s", m.overlay, screenText(m))
	}
	mustContain(t, m, "What happens next: an operation or a boot", "esc close")
	panel := m.panel.GetContent()
	for _, want := range []string{"about 6 in 100", "weeks 0–2", "In Hong Kong, advanced therapy products", "Is it part of a registered trial?", "Hong Kong Cap. 138"} {
		if !strings.Contains(stripped(panel), want) {
			t.Errorf("the panel does not say %q", want)
		}
	}
	press(m, "pgdown")
	if m.panel.YOffset() == 0 {
		t.Error("pgdown does not scroll the panel")
	}
	press(m, "esc")
	if m.overlay != overlayNone || screenText(m) != before {
		t.Errorf("esc does not go back to the result as it was:\n%s", screenText(m))
	}
}

// A result that does not call for it (an ankle sprain, seen within days)
// has neither the key nor the section.
func TestNoNextForSprain(t *testing.T) {
	a := classic(t)
	for _, kv := range []string{"mechanism=twist", "pop=no", "kicked=no", "pain_site=ankle_side", "swelling=no",
		"tiptoe=can", "push_weak=no", "examiner=clinician", "gap=not_felt", "thompson=negative", "matles=negative"} {
		if err := a.ParseAssignment(kv); err != nil {
			t.Fatal(err)
		}
	}
	opts := testOptions(t)
	opts.Answers = a
	m := newTestModel(t, 80, 24, opts)
	forwardToResult(t, m)
	if m.result.rep.ShowNext() {
		t.Fatalf("a sprain is %s, %s: the test needs one that does not call for the section", m.result.rep.Band.ID(), m.result.rep.Triage.ID())
	}
	if text := screenText(m); strings.Contains(text, "what next") {
		t.Errorf("the help bar offers what next:\n%s", text)
	}
	if strings.Contains(stripped(strings.Join(m.result.content, "\n")), "What happens next") {
		t.Error("the result has the section")
	}
	press(m, "c")
	if m.overlay != overlayNone {
		t.Error("c opened a panel")
	}
}

// From the start screen, c opens the same section as a reader, with the
// emergency number first; esc goes back to the start, where nothing was
// answered.
func TestNextFromStart(t *testing.T) {
	opts := testOptions(t)
	opts.Emergency = "999"
	for _, size := range [][2]int{{80, 24}, {40, 12}} {
		m := newTestModel(t, size[0], size[1], opts)
		if size[0] == 80 {
			mustContain(t, m, "c what next")
		}
		press(m, "c")
		if m.overlay != overlayNext {
			t.Fatalf("%v: c on the start screen opened overlay %d", size, m.overlay)
		}
		mustContain(t, m, "What happens next", "call 999")
		checkFits(t, m.View().Content, size[0], size[1])
		press(m, "esc")
		if m.overlay != overlayNone || m.screen != screenStart || m.answers.Len() != 0 {
			t.Errorf("%v: esc leaves screen %d, overlay %d, %d answers", size, m.screen, m.overlay, m.answers.Len())
		}
	}
}

// In course mode the result shows "what happens next" itself, after the
// banner, what to do now and where to go, so that the class reads the
// evidence on injections with offered_prp's lesson; c opens it too.
func TestNextInCourseMode(t *testing.T) {
	m := demoModel(t, "offered_prp", 80, 24)
	press(m, "d")
	if m.screen != screenResult {
		t.Fatalf("d did not reach the result:\n%s", screenText(m))
	}
	report := stripped(strings.Join(m.result.content, "\n"))
	order := []string{"TODAY", "What this case teaches", "PRP did no better than a dummy injection", "What to do now",
		"Where to go", "What happens next: an operation or a boot", "What happens next: PRP and stem-cell injections",
		"Is it part of a registered trial?", "What moved the estimate"}
	at := 0
	for _, want := range order {
		i := strings.Index(report[at:], want)
		if i < 0 {
			t.Fatalf("the course result lacks %q after what came before it:\n%s", want, report)
		}
		at += i
	}
	if strings.Contains(report, "Press c to read") {
		t.Error("the course result points to the panel instead of showing the section")
	}
	press(m, "c")
	if m.overlay != overlayNext {
		t.Error("c does not open the section in course mode")
	}
}

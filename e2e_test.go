package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"achilles/catalog"
	"achilles/questionnaire"
)

// The end-to-end tests run the real program in tmux, as a person would:
// keys go in with send-keys, and what the person sees comes out of
// capture-pane. Every check polls the screen until it shows what it should,
// so no test passes or fails on timing; e2eWait only bounds a hang.

// e2eWait is how long a screen may take to show what is expected.
const e2eWait = 10 * time.Second

// tmuxServers numbers the private tmux servers of this test process.
var tmuxServers atomic.Int64

// needTmux skips the test when tmux is missing, except in CI, which must
// run the end-to-end tests (.ci/run installs tmux).
func needTmux(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("CI") == "" {
			t.Skip("tmux is not on PATH; the end-to-end tests need it")
		}
		t.Fatal("tmux is not on PATH, but CI is set: CI must run the end-to-end tests")
	}
}

// pane is the program running in a tmux window of its own private server.
type pane struct {
	t      *testing.T
	socket string
	conf   string
	env    []string
	w, h   int
	cat    *catalog.Catalog // the language the program speaks (its help bar)
}

// screen is one capture of the pane.
type screen struct {
	raw   string
	lines []string
	flat  string // the text with every run of white space made one space
}

func newScreen(raw string) screen {
	return screen{
		raw:   raw,
		lines: strings.Split(strings.TrimSuffix(raw, "\n"), "\n"),
		flat:  flatten(raw),
	}
}

// noSpace is s without any white space.
func noSpace(s string) string { return strings.Join(strings.Fields(s), "") }

// flatten makes every run of white space one space, so that text wrapped
// on screen matches the text unwrapped.
func flatten(s string) string { return strings.Join(strings.Fields(s), " ") }

// startPane runs achilles with args in a w×h tmux window, in a clean
// environment plus env. After the program ends, the shell prints its exit
// status as EXIT=n and waits, so the summary and the status stay on screen.
func startPane(t *testing.T, w, h int, env []string, args ...string) *pane {
	t.Helper()
	command := []string{shellQuote(binary)}
	for _, a := range args {
		command = append(command, shellQuote(a))
	}
	return startShell(t, w, h, env, strings.Join(command, " "))
}

// startShell runs the sh command line in a w×h tmux window, as startPane
// runs achilles: for a program that runs it, such as ssh to the class
// server.
func startShell(t *testing.T, w, h int, env []string, command string) *pane {
	t.Helper()
	dir := t.TempDir()
	home := filepath.Join(dir, "home")
	work := filepath.Join(dir, "work")
	for _, d := range []string{home, work} {
		if err := os.Mkdir(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	// No status line, so the pane is the whole w×h window.
	conf := filepath.Join(dir, "tmux.conf")
	err := os.WriteFile(conf, []byte("set -g status off\nset -g default-terminal xterm-256color\nset -g default-shell /bin/sh\nset -g history-limit 5000\n"), 0o600)
	if err != nil {
		t.Fatal(err)
	}
	// tmux leaves its socket behind when the server is killed; a directory
	// of its own, with a short path (sockets have a length limit), keeps
	// them from piling up in /tmp.
	sockets, err := os.MkdirTemp("", "ae2e-")
	if err != nil {
		t.Fatal(err)
	}
	s := &pane{
		t:      t,
		socket: fmt.Sprintf("achilles-e2e-%d-%d", os.Getpid(), tmuxServers.Add(1)),
		conf:   conf,
		env: append([]string{
			"LANG=C.UTF-8",
			"TERM=xterm-256color",
			"HOME=" + home,
			"PATH=" + os.Getenv("PATH"),
			"TMUX_TMPDIR=" + sockets,
		}, env...),
		w: w, h: h,
		cat: en,
	}
	t.Cleanup(func() {
		s.tmuxErr("kill-server")
		os.RemoveAll(sockets)
	})
	shell := "cd " + shellQuote(work) + " && " + command + `; echo "EXIT=$?"; sleep 600`
	if out, err := s.tmuxErr("new-session", "-d", "-s", "e2e", "-x", strconv.Itoa(w), "-y", strconv.Itoa(h), shell); err != nil {
		t.Fatalf("starting tmux: %v\n%s", err, out)
	}
	return s
}

// shellQuote quotes s for sh.
func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

func (s *pane) tmuxErr(args ...string) (string, error) {
	cmd := exec.Command("tmux", append([]string{"-u", "-L", s.socket, "-f", s.conf}, args...)...)
	cmd.Env = s.env
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func (s *pane) tmux(args ...string) string {
	s.t.Helper()
	out, err := s.tmuxErr(args...)
	if err != nil {
		s.t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

// keys sends keys by their tmux names ("1", "Escape", "Enter", "Down").
func (s *pane) keys(keys ...string) {
	s.t.Helper()
	s.tmux(append([]string{"send-keys", "-t", "e2e"}, keys...)...)
}

// capture is the pane as shown; extra are further capture-pane flags.
func (s *pane) capture(extra ...string) screen {
	s.t.Helper()
	return newScreen(s.tmux(append([]string{"capture-pane", "-p", "-t", "e2e"}, extra...)...))
}

// resize makes the window w×h.
func (s *pane) resize(w, h int) {
	s.t.Helper()
	s.tmux("resize-window", "-t", "e2e", "-x", strconv.Itoa(w), "-y", strconv.Itoa(h))
	s.w, s.h = w, h
}

// check says what is wrong with a screen, or "" when it is as expected.
type check func(s *pane, scr screen) string

// waitFor polls the pane until every check passes and returns that screen.
// If that does not happen within e2eWait, it fails the test with what was
// wrong and the screen last seen.
func (s *pane) waitFor(what string, checks ...check) screen {
	s.t.Helper()
	return s.waitCapture(what, nil, checks...)
}

// waitScrollback is waitFor on the pane and its scrollback, wrapped lines
// joined: where the summary printed on quitting ends up.
func (s *pane) waitScrollback(what string, checks ...check) screen {
	s.t.Helper()
	return s.waitCapture(what, []string{"-J", "-S", "-"}, checks...)
}

func (s *pane) waitCapture(what string, flags []string, checks ...check) screen {
	s.t.Helper()
	deadline := time.Now().Add(e2eWait)
	for {
		scr := s.capture(flags...)
		wrong := ""
		for _, c := range checks {
			if wrong = c(s, scr); wrong != "" {
				break
			}
		}
		if wrong == "" {
			return scr
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("waiting for %s at %d×%d: %s\nthe pane shows:\n%s", what, s.w, s.h, wrong, framed(scr))
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// framed is a screen with a margin, so that its edges show in a failure.
func framed(scr screen) string {
	var b strings.Builder
	for i, l := range scr.lines {
		fmt.Fprintf(&b, "%3d|%s|\n", i+1, l)
	}
	return b.String()
}

// shows checks that the screen shows each text, wrapping ignored. Spaces
// are left out of the comparison: Chinese text wraps between characters,
// where the line break is no space at all.
func shows(texts ...string) check {
	return func(_ *pane, scr screen) string {
		for _, text := range texts {
			if !strings.Contains(noSpace(scr.flat), noSpace(text)) {
				return fmt.Sprintf("%q is not shown", text)
			}
		}
		return ""
	}
}

// headerShows checks the first line, which names the screen.
func headerShows(text string) check {
	return func(_ *pane, scr screen) string {
		if !strings.Contains(scr.lines[0], text) {
			return fmt.Sprintf("the header does not say %q", text)
		}
		return ""
	}
}

// laidOut checks that a screen of the questionnaire is laid out for the
// pane's current size: the pane has that size, no line is wider, the
// second line is the progress bar or the rule across the whole width, and
// the bottom line is the help bar. A screen drawn for another size, or
// lines wider than the terminal, push the header or the help bar out of
// place.
func laidOut(s *pane, scr screen) string {
	size := strings.TrimSpace(s.tmux("display-message", "-p", "-t", "e2e", "#{pane_width}x#{pane_height}"))
	if want := fmt.Sprintf("%dx%d", s.w, s.h); size != want {
		return fmt.Sprintf("the pane is %s, want %s", size, want)
	}
	if len(scr.lines) != s.h {
		return fmt.Sprintf("%d lines captured, want %d", len(scr.lines), s.h)
	}
	for i, l := range scr.lines {
		if w := ansi.StringWidth(l); w > s.w {
			return fmt.Sprintf("line %d is %d cells wide, wider than the terminal's %d", i+1, w, s.w)
		}
	}
	bar := scr.lines[1]
	if i := strings.LastIndex(bar, " "); i >= 0 && strings.HasSuffix(bar, "%") {
		bar = bar[:i]
	}
	// "█░─" are drawn in most terminals, "#.-" for languages whose
	// terminals draw those two cells wide.
	if bar == "" || strings.Trim(bar, "█░─#.-") != "" || ansi.StringWidth(scr.lines[1]) != s.w {
		return fmt.Sprintf("line 2 is not a progress bar or rule %d cells wide", s.w)
	}
	if quit := "q " + s.cat.T("ui.key.quit"); !strings.Contains(scr.lines[s.h-1], quit) {
		return fmt.Sprintf("the bottom line is not the help bar (no %q)", quit)
	}
	return ""
}

// exited checks that the shell has printed the program's exit status.
func exited(_ *pane, scr screen) string {
	if !exitStatus.MatchString(scr.raw) {
		return "the program has not ended (no EXIT= line)"
	}
	return ""
}

var exitStatus = regexp.MustCompile(`EXIT=(\d+)`)

// resizeTo resizes the window and waits for the screen to be laid out
// again, still showing see.
func (s *pane) resizeTo(w, h int, see ...check) screen {
	s.t.Helper()
	s.resize(w, h)
	return s.waitFor(fmt.Sprintf("the screen to be laid out for %d×%d", w, h), append([]check{laidOut}, see...)...)
}

// en is the English catalog, for the questions' words.
var en = catalog.MustLoad("en")

// question is the text of a question as asked of the injured person.
func question(t *testing.T, id string) string {
	t.Helper()
	return questionIn(t, en, id)
}

// checklist is the step of the emergency checklist: every red-flag sign
// on one screen, answered together.
const checklist = "the emergency checklist"

// settled is the step of the "urgency settled" screen, shown once no
// answer left can change the triage: 2 goes on for a fuller report.
const settled = "the settled screen"

// questionIn is the text of a question, or of the emergency checklist, in
// cat's words for the injured person.
func questionIn(t *testing.T, cat *catalog.Catalog, id string) string {
	t.Helper()
	switch id {
	case checklist:
		return cat.T("ui.checklist.text")
	case settled:
		return cat.T("ui.settled.go_on")
	}
	qq, ok := questionnaire.Lookup(id)
	if !ok {
		t.Fatalf("no question %q", id)
	}
	return cat.T(qq.TextKey(false))
}

// choice is the label of a question's value.
func choice(t *testing.T, id, value string) string {
	t.Helper()
	qq, ok := questionnaire.Lookup(id)
	if !ok {
		t.Fatalf("no question %q", id)
	}
	return en.T(qq.ValueKey(value))
}

// classicRupture answers the questionnaire as for a classic rupture: a
// sudden push-off with a pop, pain at the tendon, cannot stand on tiptoe,
// the calf squeeze test positive. Each question is answered with the keys
// given, once its text is on screen.
var classicRupture = []struct {
	id   string
	keys []string
}{
	// The emergency checklist: None of these, confirmed.
	{checklist, []string{"0", "Enter"}},
	{"time_since", []string{"1"}}, // less than 24 hours ago
	{"onset", []string{"1"}},      // suddenly
	{"tiptoe", []string{"2"}},     // cannot
	{settled, []string{"2"}},      // today, whatever follows: go on
	{"examiner", []string{"2"}},   // a trainer
	{"thompson", []string{"1"}},   // positive
	{"side", []string{"2"}},       // right
	{"mechanism", []string{"1"}},  // pushing off
	{"pop", []string{"1"}},        // yes
	{"kicked", []string{"1"}},     // yes
	{"pain_site", []string{"1"}},  // back of the ankle
	{"pain_now", []string{"7", "Enter"}},
	{"swelling", []string{"1"}},       // yes
	{"prior_symptoms", []string{"2"}}, // no
	{"walk", []string{"2"}},           // with a limp
	{"push_weak", []string{"1"}},      // clearly weaker
	{"gap", []string{"1"}},            // felt
	{"matles", []string{"1"}},         // positive
	{"bone_tender", []string{"2"}},    // no
	{"age", []string{"4", "5", "Enter"}},
	{"fluoroquinolone", []string{"2"}},
	{"corticosteroid", []string{"2"}},
	{"prior_rupture", []string{"2"}},
}

func TestE2E(t *testing.T) {
	needTmux(t)
	t.Run("classic rupture at 80x24", func(t *testing.T) {
		t.Parallel()
		testClassicRupture(t, 80, 24, 100, 30)
	})
	t.Run("classic rupture at 40x12", func(t *testing.T) {
		t.Parallel()
		testClassicRupture(t, 40, 12, 60, 20)
	})
	t.Run("quit half-way", func(t *testing.T) {
		t.Parallel()
		testQuitHalfWay(t)
	})
	t.Run("NO_COLOR", func(t *testing.T) {
		t.Parallel()
		testNoColor(t)
	})
	t.Run("a clot story at 80x24", func(t *testing.T) {
		t.Parallel()
		testClotStory(t)
	})
}

// clotStory answers as the injured person whose calf aches after a long
// flight, with no injury: the questionnaire asks the blood clot check
// after the symptoms, pressing for a dent only once the calf is bigger.
var clotStory = append(noRedFlags(), []e2eStep{
	{"time_since", []string{"2"}}, // 1 to 14 days
	{"onset", []string{"2"}},      // gradually
	{"tiptoe", []string{"1"}},
	{"examiner", []string{"4"}}, // nobody can examine now
	{"side", []string{"1"}},
	{"pain_site", []string{"3"}}, // the calf
	{settled, []string{"2"}},     // a calf pain without an injury: today; go on
	{"pain_now", []string{"4", "Enter"}},
	{"swelling", []string{"2"}},
	{"prior_symptoms", []string{"2"}},
	{"calf_bigger", []string{"1"}}, // visibly bigger
	{"leg_swollen", []string{"2"}},
	{"pitting", []string{"2"}},
	{"calf_tender", []string{"1"}}, // tender
	{"leg_immobilised", []string{"2"}},
	{"bed_rest_surgery", []string{"2"}},
	{"long_journey", []string{"1"}}, // a long flight
	{"pregnancy", []string{"2"}},
	{"hormones", []string{"1"}}, // the combined pill
	{"cancer", []string{"2"}},
	{"prior_clot", []string{"2"}},
	{"knee_problem", []string{"2"}},
	{"walk", []string{"2"}},
	{"push_weak", []string{"2"}},
	{"age", []string{"3", "9", "Enter"}},
	{"fluoroquinolone", []string{"2"}},
	{"corticosteroid", []string{"2"}},
	{"prior_rupture", []string{"2"}},
}...)

// e2eStep answers one question with keys, once its text is on screen.
type e2eStep struct {
	id   string
	keys []string
}

// noRedFlags answers the emergency checklist "None of these". The
// swollen, warm and tender calf is no too for the clot story: not warm,
// the old question alone says no.
func noRedFlags() []e2eStep {
	return []e2eStep{{checklist, []string{"0", "Enter"}}}
}

// testClotStory answers the clot story by keys, each question once its text
// is on screen, and checks that the result and the summary left in the
// terminal carry the clot check: likely, and today.
func testClotStory(t *testing.T) {
	s := startPane(t, 80, 24, nil)
	s.waitFor("the start screen", laidOut, shows("Who is answering"))
	s.keys("1")
	for _, step := range clotStory {
		see := []check{laidOut, shows(question(t, step.id))}
		if step.id == "calf_bigger" {
			see = append(see, headerShows(en.T("section.clot")))
		}
		s.waitFor("question "+step.id, see...)
		s.keys(step.keys...)
	}
	s.waitFor("the review", laidOut, headerShows("Review"), shows("Show the result"))
	s.keys("d")
	// Urgency first: where to go names the clot test; the clot check
	// itself is further down, and in the summary below.
	s.waitFor("the result", laidOut, headerShows("Result"), shows("TODAY", "What to do now", "test for a blood clot"))
	s.keys("q")
	scr := s.waitScrollback("the program to end after q on the result", exited)
	for _, want := range []string{"Blood clot check", "A blood clot is likely: an adapted Wells score of 2",
		"ultrasound scan of the leg veins within 4 hours", "Burst Baker's cyst"} {
		if !strings.Contains(scr.flat, want) {
			t.Errorf("the summary left in the terminal does not say %q", want)
		}
	}
	if t.Failed() {
		t.Logf("the pane and its scrollback:\n%s", framed(scr))
	}
}

// testClassicRupture answers every question at w×h, going back once and
// resizing to big×bigH and back on a question and on the result, then
// quits from the result and checks the summary left in the terminal.
func testClassicRupture(t *testing.T, w, h, bigW, bigH int) {
	s := startPane(t, w, h, nil)
	start := []check{laidOut, shows("Who is answering")}
	if w >= 80 {
		start = append(start, shows("Could it be a ruptured Achilles tendon?"))
	}
	s.waitFor("the start screen", start...)
	s.keys("1") // I am the injured person

	wentBack := false
	for _, step := range classicRupture {
		text := question(t, step.id)
		see := []check{laidOut, shows(text)}
		if step.id == "examiner" {
			see = append(see, shows(en.T(questionnaire.Examiner.ValueKey("nobody"))))
		}
		s.waitFor("question "+step.id, see...)
		switch step.id {
		case "mechanism":
			// Six choices: the most to lay out again.
			s.resizeTo(bigW, bigH, shows(text, choice(t, "mechanism", "unsure")))
			s.resizeTo(w, h, shows(text))
		case "kicked":
			if !wentBack {
				// Back to the pop question: the answer given is kept.
				wentBack = true
				s.keys("Escape")
				s.waitFor("the pop question again, after esc", laidOut,
					shows(question(t, "pop"), choice(t, "pop", "yes")+" (your answer)"))
				s.keys("1")
				s.waitFor("question kicked, after answering pop again", laidOut, shows(text))
			}
		}
		s.keys(step.keys...)
	}

	s.waitFor("the review", laidOut, headerShows("Review"), shows("Show the result"))
	s.keys("d")
	// Urgency first: the banner and what to do now open the result.
	scr := s.waitFor("the result", laidOut, headerShows("Result"), shows("TODAY", "What to do now"))

	// The estimate follows where to go, below the first page.
	for i := 0; !strings.Contains(scr.flat, "chance of a complete rupture (very likely)"); i++ {
		if i == 40 {
			t.Fatalf("no estimate after scrolling the result down %d lines:\n%s", i, framed(scr))
		}
		before := scr.raw
		s.keys("Down")
		scr = s.waitFor("the result to scroll down", func(_ *pane, scr screen) string {
			if scr.raw == before {
				return "the screen did not change after ↓"
			}
			return ""
		})
	}
	s.resizeTo(bigW, bigH, headerShows("Result"))
	s.resizeTo(w, h, headerShows("Result"))

	s.keys("q") // no confirmation on the result screen
	scr = s.waitScrollback("the program to end after q on the result", exited)
	if code := exitStatus.FindStringSubmatch(scr.raw)[1]; code != "0" {
		t.Errorf("exit status %s after q on the result, want 0", code)
	}
	for _, want := range []string{"ACHILLES TENDON RUPTURE: ASSESSMENT", "chance of a complete rupture", "very likely"} {
		if !strings.Contains(scr.flat, want) {
			t.Errorf("the summary left in the terminal does not say %q", want)
		}
	}
	if t.Failed() {
		t.Logf("the pane and its scrollback:\n%s", framed(scr))
	}
}

// testQuitHalfWay quits in the middle of the questions: it asks first, and
// no report is printed since no result was shown, but "not finished" and
// the emergency number are.
func testQuitHalfWay(t *testing.T) {
	s := startPane(t, 80, 24, nil)
	s.waitFor("the start screen", laidOut, shows("Who is answering"))
	s.keys("1")
	s.waitFor("the emergency checklist", laidOut, shows(question(t, checklist)))
	s.keys("0", "Enter")
	s.waitFor("the first question after it", laidOut, shows(question(t, "time_since")))
	s.keys("q")
	s.waitFor("the quit confirmation", shows("Quit now?"))
	s.keys("y")
	scr := s.waitScrollback("the program to end after q, y", exited)
	if code := exitStatus.FindStringSubmatch(scr.raw)[1]; code != "0" {
		t.Errorf("exit status %s after quitting half-way, want 0", code)
	}
	if strings.Contains(strings.ToUpper(scr.flat), "ACHILLES TENDON RUPTURE: ASSESSMENT") {
		t.Errorf("a summary was printed after quitting half-way:\n%s", framed(scr))
	}
	for _, want := range []string{"Not finished:", "In an emergency, call"} {
		if !strings.Contains(scr.flat, want) {
			t.Errorf("quitting half-way does not leave %q in the terminal:\n%s", want, framed(scr))
		}
	}
}

// testNoColor checks that NO_COLOR leaves no colour on the question screen,
// while without it there is colour.
func testNoColor(t *testing.T) {
	for _, tc := range []struct {
		name   string
		env    []string
		colour bool
	}{
		{"NO_COLOR=1", []string{"NO_COLOR=1"}, false},
		{"without NO_COLOR", nil, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := startPane(t, 80, 24, tc.env)
			s.waitFor("the start screen", laidOut, shows("Who is answering"))
			s.keys("1")
			s.waitFor("the emergency checklist", laidOut, shows(question(t, checklist)))
			// -e keeps the attributes and colours as escape sequences.
			scr := s.capture("-e")
			found := colourSGR(scr.raw)
			switch {
			case !tc.colour && len(found) > 0:
				t.Errorf("with NO_COLOR=1 the checklist has colour: %q\n%q", found, scr.raw)
			case tc.colour && len(found) == 0:
				t.Errorf("without NO_COLOR the checklist has no colour at all:\n%q", scr.raw)
			}
		})
	}
}

var sgr = regexp.MustCompile(`\x1b\[([0-9;:]*)m`)

// colourSGR returns the SGR sequences in s that set a colour: 30–37,
// 40–47, 90–97, 100–107, or 38/48/58 (256 colours and RGB). 39 and 49 (the
// default colours) do not count.
func colourSGR(s string) []string {
	var found []string
	for _, m := range sgr.FindAllStringSubmatch(s, -1) {
		for _, p := range strings.FieldsFunc(m[1], func(r rune) bool { return r == ';' || r == ':' }) {
			n, _ := strconv.Atoi(p)
			if n == 38 || n == 48 || n == 58 ||
				30 <= n && n <= 37 || 40 <= n && n <= 47 || 90 <= n && n <= 97 || 100 <= n && n <= 107 {
				found = append(found, m[0])
				break
			}
		}
	}
	return found
}

// Without a terminal, and no mode saying what to do, the questionnaire
// refuses with exit 2 and says what to use instead.
func TestE2ENoTerminal(t *testing.T) {
	r := run(t, strings.NewReader("\n"))
	if r.code != 2 {
		t.Errorf("exit %d with stdin not a terminal, want 2", r.code)
	}
	if r.stdout != "" {
		t.Errorf("stdout %q, want nothing", r.stdout)
	}
	for _, want := range []string{"--accessible", "achilles assess"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr %q does not mention %s", r.stderr, want)
		}
	}
}

package ui

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"achilles/catalog"
	q "achilles/questionnaire"
)

// Black-box reading of the questionnaire. The tests ask what a person sees
// (which screen, which question, which choice is highlighted, what the
// status line says) and read it from the drawn view through the catalog,
// in whatever language the screen is in. They drive the model only through
// its exported methods (Update, View, Answers, Summary), so that its
// insides can be rebuilt without rewriting them.

// The screens, as where names them.
const (
	onStart     = "start"
	onEmergency = "emergency"
	onChecklist = "checklist" // the emergency check: every red-flag sign on one screen
	onReview    = "review"
	onResult    = "result"
	onTooSmall  = "too small"
	onSettled   = "settled" // no answer left can change the triage: the result now, or go on
)

// onQuestion is where's name for a question screen showing question.
func onQuestion(question q.Q) string { return "question " + question.ID() }

// viewCatalogs are the languages a screen can be read in.
var viewCatalogs = func() []*catalog.Catalog {
	var out []*catalog.Catalog
	for _, lang := range catalog.Languages() {
		out = append(out, catalog.MustLoad(lang))
	}
	return out
}()

// seen is one view, read.
type seen struct {
	cat    *catalog.Catalog // the language the header is in
	raw    []string         // the view's lines, escape codes kept
	lines  []string         // the same without escape codes
	screen string           // onStart, onEmergency, onReview, onResult, onTooSmall or "question"
	q      q.Q              // the question shown, on a question screen
}

// body is the lines between the header (two lines) and the help bar.
func (s *seen) body() []string {
	if len(s.lines) < 3 {
		return nil
	}
	return s.lines[2 : len(s.lines)-1]
}

// where names the screen shown: onStart, onQuestion(ID), onEmergency,
// onReview, onResult or onTooSmall. It fails the test when the view is
// none of them.
func where(t testing.TB, m *Model) string {
	t.Helper()
	s := look(t, m)
	if s.screen == "question" {
		return onQuestion(s.q)
	}
	return s.screen
}

// wantWhere fails the test unless the screen shown is want (a name from
// where).
func wantWhere(t testing.TB, m *Model, want, context string) {
	t.Helper()
	if got := where(t, m); got != want {
		t.Fatalf("%s: on the %s screen, want the %s screen:\n%s", context, got, want, screenText(m))
	}
}

// screenSection is a header's section and the screen it names.
type screenSection struct {
	name    string
	screen  string
	section q.Section // for "question"
}

// sections are the section names of every screen in cat, the screens'
// own first: the start screen's name may be that of the start section,
// whose one question is asked on the start screen.
func sections(cat *catalog.Catalog) []screenSection {
	out := []screenSection{
		{name: cat.T("ui.start.section"), screen: onStart},
		{name: cat.T("ui.emergency.section"), screen: onEmergency},
		{name: cat.T("ui.review.section"), screen: onReview},
		{name: cat.T("ui.result.section"), screen: onResult},
		{name: cat.T("ui.settled.section"), screen: onSettled},
	}
	done := map[q.Section]bool{}
	for _, question := range q.All() {
		sec := question.Info().Part()
		if question == q.Answerer || done[sec] {
			continue
		}
		done[sec] = true
		screen := "question"
		if question.Info().RedFlag {
			screen = onChecklist
		}
		out = append(out, screenSection{name: cat.T(sec.SectionKey()), screen: screen, section: sec})
	}
	return out
}

// look reads the view: the screen from the section named in the header,
// and on a question screen the question from the position beside it
// ("question 9 of 33" among all the questions Answers asks), checked against
// the question's words in the body.
func look(t testing.TB, m *Model) seen {
	t.Helper()
	s := seen{raw: strings.Split(m.View().Content, "\n")}
	for _, l := range s.raw {
		s.lines = append(s.lines, stripped(l))
	}
	flat := flowSquash(strings.Join(s.lines, ""))
	for _, cat := range viewCatalogs {
		if strings.Contains(flat, flowSquash(cat.F("ui.too_small", "width", itoa(minWidth), "height", itoa(minHeight)))) {
			s.cat, s.screen = cat, onTooSmall
			return s
		}
	}
	header := strings.TrimRight(s.lines[0], " ")
	var found screenSection
	rest := ""
	for _, cat := range viewCatalogs {
		app := cat.T("ui.app")
		for _, sec := range sections(cat) {
			for _, prefix := range []string{app + " · ", app + " - ", ""} {
				r, ok := strings.CutPrefix(header, prefix)
				if !ok || !(r == sec.name || strings.HasPrefix(r, sec.name+" ")) {
					continue
				}
				// The longest name wins: "Emergency check" over "Emergency".
				if len(sec.name) > len(found.name) {
					found, rest, s.cat = sec, strings.TrimSpace(r[len(sec.name):]), cat
				}
			}
		}
	}
	if s.cat == nil {
		t.Fatalf("no screen's section in the header %q:\n%s", header, strings.Join(s.lines, "\n"))
	}
	s.screen = found.screen
	if s.screen != "question" {
		return s
	}

	// The position counts the questions asked in the whole questionnaire;
	// a guess from the words on the screen keeps to the section's.
	a := m.Answers()
	var all, asked []q.Q
	for _, question := range q.All() {
		if !q.Asked(&a, question) {
			continue
		}
		all = append(all, question)
		if question != q.Answerer && question.Info().Part() == found.section {
			asked = append(asked, question)
		}
	}
	body := flowSquash(strings.Join(s.body(), ""))
	text := func(question q.Q) string { return flowSquash(s.cat.T(question.TextKey(a.Other()))) }
	if n, total, ok := position(s.cat, rest); ok && total == len(all) && n >= 1 && all[n-1].Info().Part() == found.section {
		s.q = all[n-1]
	} else {
		// The position did not fit beside the section: the question whose
		// words are on the screen.
		best := -1
		for _, question := range asked {
			if tx := text(question); strings.Contains(body, tx) && len(tx) > best {
				s.q, best = question, len(tx)
			}
		}
		if best < 0 {
			t.Fatalf("no question of %q (position %q) is on the screen:\n%s", found.name, rest, strings.Join(s.lines, "\n"))
		}
	}
	// An overlay covers the question; otherwise its words must be there
	// (their start: the teaching panel beside them may cut the rest).
	if !s.overlay() {
		start := flowSquash(wrap(s.cat.T(s.q.TextKey(a.Other())), 30)[0])
		if !strings.Contains(body, start) {
			t.Fatalf("the header says %s (%q), but the screen does not ask it:\n%s", s.q.ID(), rest, strings.Join(s.lines, "\n"))
		}
	}
	return s
}

// position reads "question n of total" in the catalog's words.
func position(cat *catalog.Catalog, s string) (n, total int, ok bool) {
	pattern := regexp.QuoteMeta(cat.F("ui.position", "n", "\x00", "total", "\x01"))
	pattern = strings.Replace(strings.Replace(pattern, "\x00", `(\d+)`, 1), "\x01", `(\d+)`, 1)
	match := regexp.MustCompile(pattern).FindStringSubmatch(s)
	if match == nil {
		return 0, 0, false
	}
	n, _ = strconv.Atoi(match[1])
	total, _ = strconv.Atoi(match[2])
	return n, total, true
}

// overlay reports whether an overlay (help, why, how, the ! panel, a
// confirmation, a form, the report to copy) covers the screen: the help
// bar then offers the overlay's keys only, never help itself, which every
// screen's help bar keeps.
func (s *seen) overlay() bool {
	if s.screen == onTooSmall || len(s.lines) == 0 {
		return false
	}
	footer := flowSquash(s.lines[len(s.lines)-1])
	return !strings.Contains(footer, flowSquash("?"+s.cat.T("ui.key.help")))
}

// overlayOpen reports whether an overlay covers the screen.
func overlayOpen(t testing.TB, m *Model) bool {
	t.Helper()
	s := look(t, m)
	return s.overlay()
}

// cursorOn is the number (1, 2, …) of the highlighted choice on the start
// screen or a choice question: the one marked with the cursor.
func cursorOn(t testing.TB, m *Model) int {
	t.Helper()
	s := look(t, m)
	if s.screen != onStart && (s.screen != "question" || s.q.Info().Kind == q.Number) {
		t.Fatalf("no choices on this screen:\n%s", strings.Join(s.lines, "\n"))
	}
	for _, l := range s.body() {
		rest, ok := strings.CutPrefix(l, "> ")
		if !ok {
			continue
		}
		num, _, ok := strings.Cut(rest, "  ")
		if n, err := strconv.Atoi(num); ok && err == nil {
			return n
		}
	}
	t.Fatalf("no choice is highlighted:\n%s", strings.Join(s.lines, "\n"))
	return 0
}

// ticked are the signs ticked on the checklist, and whether "None of
// these" is chosen, read from the boxes in the view.
func ticked(t testing.TB, m *Model) (signs []q.Q, none bool) {
	t.Helper()
	s := look(t, m)
	if s.screen != onChecklist {
		t.Fatalf("not the checklist:\n%s", strings.Join(s.lines, "\n"))
	}
	labels := map[string]q.Q{}
	for _, question := range q.All() {
		labels[s.cat.T(question.LabelKey())] = question
	}
	for _, l := range s.body() {
		l = strings.TrimPrefix(strings.TrimPrefix(l, "> "), "  ")
		num, rest, ok := strings.Cut(l, " [x] ")
		if !ok {
			continue
		}
		if num == "0" {
			none = true
			continue
		}
		for label, question := range labels {
			if strings.HasPrefix(label, strings.TrimSpace(rest)) && strings.TrimSpace(rest) != "" && question.Info().RedFlag {
				signs = append(signs, question)
			}
		}
	}
	return signs, none
}

// typed is what the number field of a number question holds.
func typed(t testing.TB, m *Model) string {
	t.Helper()
	s := look(t, m)
	if s.screen != "question" || s.q.Info().Kind != q.Number {
		t.Fatalf("not a number question:\n%s", strings.Join(s.lines, "\n"))
	}
	for _, l := range s.body() {
		if rest, ok := strings.CutPrefix(l, "> "); ok {
			end := 0
			for end < len(rest) && rest[end] >= '0' && rest[end] <= '9' {
				end++
			}
			return rest[:end]
		}
	}
	t.Fatalf("no number field:\n%s", strings.Join(s.lines, "\n"))
	return ""
}

// reviewOn is the review's highlighted row: its question, or q.Count on
// "show the result".
func reviewOn(t testing.TB, m *Model) q.Q {
	t.Helper()
	s := look(t, m)
	if s.screen != onReview {
		t.Fatalf("not the review:\n%s", strings.Join(s.lines, "\n"))
	}
	for _, l := range s.body() {
		rest, ok := strings.CutPrefix(l, "> ")
		if !ok {
			continue
		}
		rest = strings.TrimSpace(rest)
		// The label starts the line; a long one is wrapped, and on a wide
		// terminal the answer follows after two spaces or more.
		first, _, _ := strings.Cut(rest, "  ")
		labels := map[string]q.Q{s.cat.T("ui.review.show_result"): q.Count}
		for _, question := range q.All() {
			labels[s.cat.T(question.LabelKey())] = question
		}
		row, best, ambiguous := q.Count, -1, false
		for label, question := range labels {
			score := -1
			switch {
			case strings.HasPrefix(rest, label):
				score = len(label)
			case first != "" && strings.HasPrefix(label, first):
				score = len(first)
			}
			if score > best {
				row, best, ambiguous = question, score, false
			} else if score == best && score >= 0 {
				ambiguous = true
			}
		}
		if best < 0 || ambiguous {
			t.Fatalf("the highlighted row %q is no one question's:\n%s", rest, strings.Join(s.lines, "\n"))
		}
		return row
	}
	t.Fatalf("no row is highlighted:\n%s", strings.Join(s.lines, "\n"))
	return q.Count
}

// resultStatus is the status line under the result (a saved report's path,
// or why it could not be saved), as drawn, and whether it is drawn as an
// error. It reads the colours, so it needs a session with colour; nil
// when there is no status.
func resultStatus(t testing.TB, m *Model) (lines []string, failed bool) {
	t.Helper()
	s := look(t, m)
	if s.screen != onResult || s.overlay() {
		t.Fatalf("not the result:\n%s", strings.Join(s.lines, "\n"))
	}
	var ok, bad []string
	for _, dark := range []bool{true, false} {
		for _, ascii := range []bool{false, true} {
			st := newStyles(dark, true, ascii)
			ok, bad = append(ok, st.status.pre), append(bad, st.err.pre)
		}
	}
	painted := func(raw string, pres []string) bool {
		for _, p := range pres {
			if p != "" && strings.HasPrefix(raw, p) {
				return true
			}
		}
		return false
	}
	raw := s.raw[2 : len(s.raw)-1]
	i := len(raw) - 1
	for i >= 0 && strings.TrimSpace(stripped(raw[i])) == "" {
		i--
	}
	end := i + 1
	for i >= 0 && (painted(raw[i], ok) || painted(raw[i], bad)) {
		failed = painted(raw[i], bad)
		i--
	}
	for _, l := range raw[i+1 : end] {
		lines = append(lines, strings.TrimRight(stripped(l), " "))
	}
	return lines, failed
}

// resultText is the whole report on the result screen, as a reader
// scrolling it line by line sees it, from the top; it leaves the view at
// the bottom.
func resultText(t testing.TB, m *Model) string {
	t.Helper()
	wantWhere(t, m, onResult, "reading the result")
	press(m, "g")
	var out []string
	for i := 0; ; i++ {
		s := look(t, m)
		before := m.View().Content
		press(m, "down")
		if m.View().Content == before {
			out = append(out, s.body()...)
			return strings.Join(out, "\n")
		}
		if i > 2000 {
			t.Fatal("the result does not end")
		}
		out = append(out, s.body()[0])
	}
}

// forwardTo presses → (on, keeping the answers given) from the start
// screen or a question until the screen asks question.
func forwardTo(t testing.TB, m *Model, question q.Q) {
	t.Helper()
	for i := 0; where(t, m) != onQuestion(question); i++ {
		before := m.View().Content
		press(m, "right")
		if m.View().Content == before || i > int(q.Count) {
			t.Fatalf("→ does not reach %s:\n%s", question.ID(), screenText(m))
		}
	}
}

// forwardToResult presses → through every question answered to the
// review, then d for the result.
func forwardToResult(t testing.TB, m *Model) {
	t.Helper()
	for i := 0; where(t, m) != onReview; i++ {
		before := m.View().Content
		press(m, "right")
		if m.View().Content == before || i > int(q.Count) {
			t.Fatalf("→ does not reach the review:\n%s", screenText(m))
		}
	}
	press(m, "d")
	wantWhere(t, m, onResult, "d on the review")
}

// withAnswers are test options starting from the answers a.
func withAnswers(opts Options, a q.Answers) Options {
	opts.Answers = a
	return opts
}

// answerByKeys answers the questionnaire from the start screen by keys:
// each question the screen shows must be the next of script (ID=VALUE, in
// asking order), answered by its number (or its digits and enter), and a
// red flag answered yes goes on from the emergency screen. It returns the
// questions shown, and the keys pressed.
func answerByKeys(t testing.TB, m *Model, script []string) (shown []q.Q, keys int) {
	t.Helper()
	pressCount := func(ks ...string) {
		press(m, ks...)
		keys += len(ks)
	}
	for i, a := range script {
		if where(t, m) == onSettled {
			// The triage is settled: the story goes on for the fuller
			// report. Choosing is no answer, so it is not counted.
			press(m, "2")
		}
		id, value, _ := strings.Cut(a, "=")
		question, ok := q.Lookup(id)
		if !ok {
			t.Fatalf("unknown question %q", id)
		}
		want := onQuestion(question)
		switch {
		case question == q.Answerer:
			want = onStart
		case question.Info().RedFlag:
			want = onChecklist
		}
		if got := where(t, m); got != want {
			t.Fatalf("answer %d: the screen shows %s, the story answers %s next", i+1, got, id)
		}
		shown = append(shown, question)
		if question.Info().RedFlag {
			// The signs are on one checklist: tick those the story
			// answers yes (by their numbers), or choose "None of these",
			// and confirm once the story's last sign is ticked.
			flags := checklistOrder()
			at := slices.Index(flags, question)
			if value == "yes" {
				pressCount(strconv.Itoa(at + 1))
			}
			if at < len(flags)-1 {
				continue
			}
			if _, none := ticked(t, m); !none && !anyYes(m, script[:i+1]) {
				pressCount("0")
			}
			pressCount("enter")
			if anyYes(m, script[:i+1]) {
				wantWhere(t, m, onEmergency, "a sign ticked")
				pressCount("enter") // on from the emergency screen
			}
			continue
		}
		if question.Info().Kind == q.Number {
			pressCount(append(strings.Split(value, ""), "enter")...)
			continue
		}
		n, ok := question.ValueIndex(value)
		if !ok {
			t.Fatalf("%s has no value %q", id, value)
		}
		pressCount(strconv.Itoa(n + 1))
		if question.Info().RedFlag && value == "yes" {
			wantWhere(t, m, onEmergency, id+" answered yes")
			pressCount("enter") // on from the emergency screen
		}
	}
	return shown, keys
}

// checklistOrder are the red-flag signs in the order the checklist lists
// them: the bank's asking order.
func checklistOrder() []q.Q {
	var out []q.Q
	for _, question := range q.All() {
		if question.Info().RedFlag {
			out = append(out, question)
		}
	}
	return out
}

// anyYes reports whether the script answers a red flag yes.
func anyYes(_ *Model, script []string) bool {
	for _, a := range script {
		id, value, _ := strings.Cut(a, "=")
		if question, ok := q.Lookup(id); ok && question.Info().RedFlag && value == "yes" {
			return true
		}
	}
	return false
}

// seedQuestion puts the model on question with the answers a without a
// key press. It is the one helper that sets the model's fields, for the
// one state keys cannot reach: with teaching on, every key notes the
// estimate before it, so the teaching panel's first frame (no "was")
// on a question deep in the questionnaire exists only before any key.
func seedQuestion(m *Model, a q.Answers, question q.Q) {
	m.answers = a
	m.goQuestion(question)
}

// answersOf are the answers given so far (Model.Answers), addressable.
func answersOf(m *Model) *q.Answers {
	a := m.Answers()
	return &a
}

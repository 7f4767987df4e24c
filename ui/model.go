package ui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"achilles/assessment"
	"achilles/cases"
	"achilles/catalog"
	q "achilles/questionnaire"
)

// The smallest terminal the screens are laid out for (docs/product.md).
const (
	minWidth  = 40
	minHeight = 12
)

// screen is where the person is in the flow.
type screen uint8

const (
	screenStart screen = iota
	screenQuestion
	screenChecklist // the red-flag signs on one screen
	screenEmergency // the interruption after a red flag answered yes
	screenSettled   // the triage is settled: the result now, or go on
	screenReview
	screenResult
)

// overlay is a panel drawn over the current screen.
type overlay uint8

const (
	overlayNone overlay = iota
	overlayHelp
	overlayEmergency // the ! panel
	overlayWhy
	overlayHow
	overlayQuit // "quit? your answers will be lost"
	overlayNew  // "start again? your answers will be cleared"
	overlayLog  // the club log's form: athlete and team
	// overlayReport is the plain report to copy, where nothing may be
	// saved: drawn without a border and without capturing the mouse, so
	// that the terminal can select it.
	overlayReport
	// overlayNext is "what happens next" (achilles guide) to read and
	// scroll: from the start screen, and from a result that calls for it.
	overlayNext
)

// common is what every screen shares: the size, the looks, the keys and the
// words.
type common struct {
	width, height int
	st            styles
	keys          keyMap
	cat           *catalog.Catalog
	opts          *Options
	help          help.Model
	lesson        string // course mode: what the case teaches, for the result
	// lessonChanged: course mode's answers were changed live, so the
	// lesson is about the case as written, not the result shown.
	lessonChanged bool
}

// Model is the root model of the questionnaire, and routing: it owns the
// answers, the screen shown and the overlay, hands each key to the overlay
// or the screen, and applies the intent they return (see apply). Only it
// returns a tea.View; the screens render strings.
type Model struct {
	c       common
	colour  bool
	answers q.Answers

	screen  screen
	overlay overlay
	panel   viewport.Model // the overlay's content, scrollable

	start     startScreen
	question  questionScreen
	checklist checklistScreen
	emergency emergencyScreen
	review    reviewScreen
	settled   settledScreen
	result    resultScreen
	demo      demoState
	logForm   logForm

	// fromReview is set while a question is being changed from the review:
	// answering it returns there.
	fromReview bool
	// pending is the question after which the emergency screen was shown;
	// continuing goes on from it.
	pending q.Q

	// settledSeen is the settled triage the person chose to go on from
	// (settledDismissed): the settled screen is not shown again for it.
	settledSeen      assessment.Triage
	settledDismissed bool

	// shown is the report of the last result shown, for the summary on quit.
	shown *assessment.Report
	// savedPath is where the report of the answers savedFor was last
	// saved, for the summary's recap.
	savedPath string
	savedFor  q.Answers
	// bars remembers the help bars drawn, by their keys and the width:
	// most key presses draw one already drawn.
	bars map[string]string
	quit bool
	// notice is a line from outside shown above the keys (Notice).
	notice string
	// accessible: the person asked to go on in accessible mode
	// (Options.OfferAccessible).
	accessible bool
}

// New makes the questionnaire's model. The terminal's size arrives as the
// first message; until then it assumes 80×24.
func New(opts Options) *Model {
	colour := !opts.NoColor
	ascii := opts.Catalog.T("ui.glyphs") == "ascii"
	m := &Model{colour: colour}
	m.c = common{
		width: 80, height: 24,
		st:   newStyles(true, colour, ascii),
		keys: newKeyMap(opts.Catalog, ascii),
		cat:  opts.Catalog,
		opts: &opts,
		help: help.New(),
	}
	m.c.help.Styles = m.c.st.help
	if ascii {
		m.c.help.ShortSeparator, m.c.help.FullSeparator, m.c.help.Ellipsis = " | ", "   ", "..."
	}
	m.panel = viewport.New()
	m.demo = newDemo(&opts)
	if m.demo.on {
		cs, _ := cases.Get(opts.Case)
		m.c.lesson = opts.Catalog.T(cs.LessonKey())
		// The case's answers are the script, not answers given yet; a
		// course case is always taught with the overlay.
		opts.Teach = true
	} else {
		m.answers = opts.Answers
	}
	m.start.cursor, _ = m.answers.Index(q.Answerer)
	return m
}

// Init asks the terminal for its background colour, to pick light or dark
// styles; without an answer the dark styles stay.
func (m *Model) Init() tea.Cmd {
	return tea.RequestBackgroundColor
}

// Answers are the answers given so far.
func (m *Model) Answers() q.Answers { return m.answers }

// WantsAccessible says that the program ended because the person asked,
// on the too-small screen, to go on in accessible mode with the answers
// so far (Options.OfferAccessible).
func (m *Model) WantsAccessible() bool { return m.accessible }

// Summary is the report of the last result shown, or nil if none was.
func (m *Model) Summary() *assessment.Report { return m.shown }

// Update handles one message.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		if msg.Width <= 0 || msg.Height <= 0 {
			// The size is unknown (not a terminal): keep the last one.
			return m, nil
		}
		m.c.width, m.c.height = msg.Width, msg.Height
		m.resize()
		return m, nil
	case tea.BackgroundColorMsg:
		m.c.st = newStyles(msg.IsDark(), m.colour, m.c.st.g.ascii)
		m.bars = nil
		m.c.help.Styles = m.c.st.help
		m.resize()
		return m, nil
	case noticeMsg:
		m.notice = msg.text
		return m, nil
	case savedMsg:
		m.result.saved(msg)
		if msg.path != "" {
			m.savedPath, m.savedFor = msg.path, msg.rep.Result.Answers
		}
		return m, nil
	case loggedMsg:
		m.logged(msg)
		return m, nil
	case tea.PasteMsg:
		if m.overlay == overlayLog {
			return m, m.apply(m.logForm.paste(msg))
		}
		return m, nil
	case tea.MouseWheelMsg:
		if m.overlay != overlayNone {
			m.panel, _ = m.panel.Update(msg)
		} else if m.screen == screenResult {
			m.result.vp, _ = m.result.vp.Update(msg)
		}
		return m, nil
	case tea.KeyPressMsg:
		cmd := m.key(msg)
		if m.c.opts.Teach {
			m.track()
		}
		return m, cmd
	}
	return m, nil
}

// tooSmall reports whether the terminal is below the smallest layout.
func (m *Model) tooSmall() bool { return m.c.width < minWidth || m.c.height < minHeight }

// key handles a key press: first the overlay, then the keys that work
// everywhere, then the screen's own, whose intent the root applies.
func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	k := &m.c.keys
	if m.overlay != overlayNone {
		return m.overlayKey(msg)
	}
	if m.tooSmall() {
		// Nothing can be seen to be chosen; only quitting works, and going
		// on in accessible mode when the caller offers it.
		switch {
		case key.Matches(msg, k.Quit):
			return m.askQuit()
		case m.c.opts.OfferAccessible && key.Matches(msg, k.Accessible):
			m.accessible = true
			return tea.Quit
		}
		return nil
	}
	typing := m.screen == screenQuestion && m.question.isNumber()
	switch {
	case key.Matches(msg, k.ForceQuit), key.Matches(msg, k.Quit) && !typing:
		return m.askQuit()
	case key.Matches(msg, k.Help):
		m.open(overlayHelp)
		return nil
	case key.Matches(msg, k.Emergency):
		m.open(overlayEmergency)
		return nil
	}
	// In course mode → steps on every screen but the result; on the
	// review, page down keeps scrolling the list.
	if m.demo.on && m.screen != screenResult && !(m.screen == screenReview && msg.String() == "pgdown") {
		switch {
		case key.Matches(msg, k.Step):
			return m.step()
		case key.Matches(msg, k.Jump):
			m.jump()
			return nil
		}
	}
	switch m.screen {
	case screenStart:
		return m.apply(m.start.update(&m.c, &m.answers, msg))
	case screenQuestion:
		return m.apply(m.question.update(&m.c, &m.answers, msg))
	case screenChecklist:
		return m.apply(m.checklist.update(&m.c, &m.answers, msg))
	case screenEmergency:
		return m.apply(m.emergency.update(&m.c, msg))
	case screenSettled:
		return m.apply(m.settled.update(&m.c, msg))
	case screenReview:
		return m.apply(m.review.update(&m.c, msg))
	case screenResult:
		return m.apply(m.result.update(&m.c, msg))
	}
	return nil
}

// askQuit quits at once when nothing would be lost, and asks otherwise.
func (m *Model) askQuit() tea.Cmd {
	if m.screen == screenResult || m.answers.Len() == 0 {
		m.quit = true
		return tea.Quit
	}
	m.open(overlayQuit)
	return nil
}

// answered moves on after q was answered: to the emergency screen when a
// red flag was answered yes, else to the next question or the review.
func (m *Model) answered(question q.Q) {
	if question.Info().RedFlag && m.answers.Is(question, "yes") {
		m.demo.jumped = false
		m.goEmergency(question)
		return
	}
	if m.settle(question) {
		return
	}
	m.advance(question)
}

// settle shows the settled screen after question was answered, when no
// answer to the questions left can change the triage
// (assessment.Reachable) and the person has not chosen to go on from this
// triage already. It is not shown over the emergency screen's decision
// (any red flag yes), while an answer is changed from the review, after
// the last question (the review comes next anyway), or in course mode.
// Reachable takes some microseconds, once per answer.
func (m *Model) settle(question q.Q) bool {
	if m.demo.on || m.fromReview {
		return false
	}
	for _, f := range q.All() {
		if f.Info().RedFlag && m.answers.Yes(f) {
			return false
		}
	}
	if _, ok := q.Next(&m.answers, question); !ok {
		return false
	}
	reach := assessment.Reachable(m.answers)
	if !reach.Settled() || (m.settledDismissed && m.settledSeen == reach.Lowest) {
		return false
	}
	m.pending = question
	m.settled.set(&m.c, m.answers, reach.Lowest)
	m.screen = screenSettled
	return true
}

// leaveEmergency goes on after the emergency screen: from the question
// that raised it, or to the result when course mode's d raised it.
func (m *Model) leaveEmergency() {
	if m.demo.jumped {
		m.demo.jumped = false
		m.goResult()
		return
	}
	m.advance(m.pending)
}

// advance goes on from question: back to the review if it was being
// changed there, else to the next question asked, else to the review.
func (m *Model) advance(question q.Q) {
	if m.fromReview {
		m.goReview(question)
		return
	}
	if next, ok := q.Next(&m.answers, question); ok {
		m.goQuestion(next)
		return
	}
	m.goReview(q.Count)
}

// back goes to the question before question, or to the start screen.
func (m *Model) back(question q.Q) {
	if m.fromReview {
		m.goReview(question)
		return
	}
	if question.Info().RedFlag {
		// The signs are asked together: back from the checklist is back
		// from the first of them.
		question = m.checklist.first()
	}
	prev, ok := q.Prev(&m.answers, question)
	if !ok || prev == q.Answerer {
		m.screen = screenStart
		m.start.cursor, _ = m.answers.Index(q.Answerer)
		m.demo.revealed = false
		return
	}
	m.goQuestion(prev)
}

// goEmergency interrupts with the emergency screen, raised by question.
func (m *Model) goEmergency(question q.Q) {
	m.pending = question
	m.emergency.set(&m.c, m.answers)
	m.emergency.offset = 0
	m.screen = screenEmergency
}

// goQuestion shows question; a red flag is shown on the checklist with
// the other signs.
func (m *Model) goQuestion(question q.Q) {
	m.demo.revealed = false
	if question.Info().RedFlag {
		m.screen = screenChecklist
		m.checklist.set(question, &m.answers)
		return
	}
	m.screen = screenQuestion
	m.question.set(&m.c, question, &m.answers)
}

// goReview shows the review with the cursor on question (q.Count: on the
// "show the result" row).
func (m *Model) goReview(question q.Q) {
	m.fromReview = false
	m.screen = screenReview
	m.review.set(&m.c, &m.answers, question)
}

func (m *Model) goResult() {
	m.demo.jumped = false
	m.screen = screenResult
	m.c.lessonChanged = m.demo.changed(m.answers)
	m.result.set(&m.c, m.answers)
	m.shown = &m.result.rep
}

// reset clears every answer and starts again.
func (m *Model) reset() {
	m.answers = q.Answers{}
	m.fromReview = false
	m.shown = nil
	m.start = startScreen{}
	m.result = resultScreen{}
	m.settledDismissed = false
	m.screen = screenStart
	m.demo.revealed = false
}

// resize lays the screens out again for a new size or new styles.
func (m *Model) resize() {
	switch m.screen {
	case screenResult:
		m.result.layout(&m.c)
	case screenEmergency:
		m.emergency.set(&m.c, m.answers)
	case screenReview:
		m.review.keepVisible(&m.c)
	}
	if m.overlay != overlayNone {
		m.open(m.overlay)
	}
}

// View draws the whole screen: a header of two lines, the screen's body, a
// status or help line at the bottom; or an overlay over the body.
func (m *Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.WindowTitle = m.c.cat.T("ui.window_title")
	if (m.screen == screenResult || m.overlay != overlayNone) && m.overlay != overlayReport {
		v.MouseMode = tea.MouseModeCellMotion
	}
	return v
}

// render is the view's content, exactly width × height cells at most.
func (m *Model) render() string {
	w, h := m.c.width, m.c.height
	notice := m.noticeLines()
	if m.tooSmall() {
		return strings.Join(m.c.st.clip(append(notice, m.tooSmallView()...), w, h), "\n")
	}
	notice = notice[:min(len(notice), max(h-6, 0))]
	bodyH := h - 3 - len(notice)
	header, body, bindings := m.screenView(bodyH)
	if m.overlay != overlayNone {
		body, bindings = m.overlayView(bodyH)
	}
	footer := m.helpBar(bindings)
	lines := make([]string, 0, h)
	lines = append(lines, header...)
	lines = append(lines, m.c.st.clip(body, w, bodyH)...)
	lines = append(lines, notice...)
	lines = append(lines, footer)
	return strings.Join(m.c.st.clip(lines, w, h), "\n")
}

// screenView is the current screen's header, body of at most h lines, and
// the keys that work on it.
func (m *Model) screenView(h int) (header, body []string, bindings []key.Binding) {
	c := &m.c
	switch m.screen {
	case screenStart:
		header = m.headerLines(c.cat.T("ui.start.section"), "", -1)
		body, bindings = m.start.view(c, &m.answers, &m.demo, h)
	case screenQuestion:
		question := m.question.q
		// The same count as accessible mode, over the whole questionnaire.
		n, total := q.Place(&m.answers, question)
		header = m.headerLines(c.cat.T(question.Info().Part().SectionKey()),
			c.cat.F("ui.position", "n", itoa(n), "total", itoa(total)), float64(n-1)/float64(max(total, 1)))
		body, bindings = m.question.view(c, &m.answers, &m.demo, h)
	case screenChecklist:
		done, all := q.Progress(&m.answers, m.checklist.first())
		header = m.headerLines(c.cat.T(q.SectionEmergency.SectionKey()), "", float64(done)/float64(max(all, 1)))
		body, bindings = m.checklist.view(c, &m.answers, &m.demo, h)
	case screenEmergency:
		header = m.headerLines(c.cat.T("ui.emergency.section"), "", -1)
		body, bindings = m.emergency.view(c, h)
	case screenSettled:
		header = m.headerLines(c.cat.T("ui.settled.section"), "", -1)
		body, bindings = m.settled.view(c, h)
	case screenReview:
		header = m.headerLines(c.cat.T("ui.review.section"), "", 1)
		body, bindings = m.review.view(c, &m.answers, h)
	case screenResult:
		header = m.headerLines(c.cat.T("ui.result.section"), m.result.position(c), -1)
		body, bindings = m.result.view(c, h)
	}
	if m.demo.on && m.screen != screenResult {
		k := &c.keys
		bindings = append([]key.Binding{k.Step, k.Jump}, bindings...)
	}
	return header, body, bindings
}

// headerLines are the two lines at the top: the program and the section
// with the position on the right, and the progress bar (f < 0: a rule).
func (m *Model) headerLines(section, position string, f float64) []string {
	st, w := &m.c.st, m.c.width
	app := m.c.cat.T("ui.app")
	left := st.app.Render(app) + st.muted.Render(st.g.dot) + st.section.Render(section)
	if width(app)+3+width(section)+1+width(position) > w {
		left = st.section.Render(section)
	}
	first := spread(left, st.position.Render(position), w)
	if f < 0 {
		return []string{first, st.barEmpty.Render(strings.Repeat(st.g.rule, w))}
	}
	pct := " " + itoa(int(f*100+0.5)) + "%"
	return []string{first, bar(st, f, w-width(pct)) + st.position.Render(pct)}
}

// tooSmallView asks for a larger terminal.
func (m *Model) tooSmallView() []string {
	w := m.c.width
	small := "ui.too_small"
	if m.c.opts.OfferAccessible {
		small = "ui.too_small_offer"
	}
	msg := m.c.cat.F(small, "width", itoa(minWidth), "height", itoa(minHeight))
	lines := wrap(msg, w)
	lines = append(lines, "")
	lines = append(lines, wrap(m.c.cat.F("ui.too_small_now", "width", itoa(m.c.width), "height", itoa(m.c.height)), w)...)
	if m.overlay == overlayQuit {
		lines = append(lines, "")
		lines = append(lines, wrap(m.c.cat.T("ui.quit.title")+" "+m.c.cat.T("ui.quit.body"), w)...)
	}
	return styleLines(m.c.st.strong, lines)
}

// helpBar is the line of keys at the bottom. When it does not fit, the
// screen's own keys go from the last, but help, the emergency panel and
// quit always stay.
//
// Bars already drawn are kept by width, background and keys, since most
// key presses draw one of them again: drawing one with bubbles' help
// measures and styles every key. BenchmarkKeystroke measured about 30 µs
// and 112 allocations a keystroke with the cache, and about 68 µs and 280
// allocations without it (the least of several runs on a shared 2-core
// machine); with the paint cache and the cells fast path it keeps a
// keystroke near 30 µs instead of 115 µs (see paint in styles.go).
func (m *Model) helpBar(bindings []key.Binding) string {
	var id strings.Builder
	id.WriteString(itoa(m.c.width))
	if m.c.st.dark {
		id.WriteByte('d')
	}
	for _, b := range bindings {
		id.WriteByte(0)
		id.WriteString(b.Help().Key)
		id.WriteByte(1)
		id.WriteString(b.Help().Desc)
	}
	if line, ok := m.bars[id.String()]; ok {
		return line
	}
	if m.bars == nil || len(m.bars) > 64 {
		m.bars = make(map[string]string)
	}
	line := m.drawHelpBar(bindings)
	m.bars[id.String()] = line
	return line
}

func (m *Model) drawHelpBar(bindings []key.Binding) string {
	k := &m.c.keys
	var own, always []key.Binding
	for _, b := range bindings {
		switch b.Help().Key {
		case k.Help.Help().Key, k.Emergency.Help().Key, k.Quit.Help().Key, k.ForceQuit.Help().Key:
			always = append(always, b)
		default:
			own = append(own, b)
		}
	}
	// Greedily keep the screen's keys in their order of importance while
	// they fit beside the three that always show.
	room := m.c.width - width(m.c.help.ShortHelpView(always))
	sep := width(m.c.help.ShortSeparator)
	var keep []key.Binding
	for _, b := range own {
		h := b.Help()
		if need := width(h.Key) + 1 + width(h.Desc) + sep; need <= room {
			keep = append(keep, b)
			room -= need
		}
	}
	return m.c.help.ShortHelpView(append(keep, always...))
}

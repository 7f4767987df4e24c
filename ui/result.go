package ui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"achilles/assessment"
	q "achilles/questionnaire"
	"achilles/region"
)

// resultScreen shows the assessment: the estimate, the triage banner, what
// to do, and the reasons, in a scrollable viewport.
type resultScreen struct {
	rep     assessment.Report
	vp      viewport.Model
	content []string // the report laid out, drawn through the viewport
	width   int      // the width the content was laid out for
	status  string
	failed  bool // the status is an error
	saving  bool
	// logged is the club log record this result was saved as, "" before:
	// a second l says so rather than saving it twice.
	logged string
	// unanswered: the result was asked for on the settled screen, with
	// this many questions not answered; the estimate says so.
	unanswered int
}

func (s *resultScreen) set(c *common, a q.Answers) {
	r := assessment.Assess(q.Effective(a))
	*s = resultScreen{rep: assessment.NewReport(r, c.cat, assessment.Options{Emergency: c.opts.emergency(), Advice: c.opts.Advice, Region: c.opts.Region})}
	s.vp = viewport.New()
	s.vp.MouseWheelEnabled = true
	s.vp.KeyMap.PageDown.SetKeys("pgdown", "space", "f")
	s.vp.KeyMap.PageUp.SetKeys("pgup", "b")
	s.vp.KeyMap.HalfPageDown.SetKeys("ctrl+d")
	s.vp.KeyMap.HalfPageUp.SetKeys("ctrl+u")
	s.layout(c)
}

// layout renders the report for the current width and sizes the viewport.
func (s *resultScreen) layout(c *common) {
	s.vp.SetHeight(s.vpHeight(c, max(1, c.height-3)))
	s.vp.SetWidth(c.width)
	s.content = s.lines(c)
	s.vp.SetContentLines(s.content)
	s.width = c.width
}

// update turns a key into an intent: scrolling is the screen's own;
// saving, the club log's form, the review and starting again are the
// root's.
func (s *resultScreen) update(c *common, msg tea.KeyPressMsg) intent {
	k := &c.keys
	switch {
	case key.Matches(msg, k.Save) && c.opts.copyOnly(),
		key.Matches(msg, k.Log) && c.opts.copyOnly() && c.opts.SaveToLog == nil:
		// Nothing may be saved (the class server's disk): the student
		// copies the report instead.
		return intent{do: doOpen, o: overlayReport}
	case key.Matches(msg, k.Save):
		if s.saving {
			return intent{}
		}
		s.saving = true
		return intent{do: doSave}
	case key.Matches(msg, k.Log) && c.opts.SaveToLog != nil:
		if s.logged != "" {
			s.status, s.failed = c.cat.F("ui.log.already", "id", s.logged), false
			s.layout(c) // the status line takes room from the report
			return intent{}
		}
		return intent{do: doOpen, o: overlayLog}
	case key.Matches(msg, k.Next) && s.rep.ShowNext():
		return intent{do: doOpen, o: overlayNext}
	case key.Matches(msg, k.Review):
		return intent{do: doReview, q: q.Count}
	case key.Matches(msg, k.New):
		return intent{do: doOpen, o: overlayNew}
	case key.Matches(msg, k.Back):
		return intent{do: doReview, q: q.Count}
	case key.Matches(msg, k.Top):
		s.vp.GotoTop()
	case key.Matches(msg, k.Bottom):
		s.vp.GotoBottom()
	default:
		s.vp, _ = s.vp.Update(msg)
	}
	return intent{}
}

// partial marks the estimate as one from the answers so far, with n
// questions not answered.
func (s *resultScreen) partial(c *common, n int) {
	s.unanswered = n
	s.layout(c)
}

// saved shows where the report went, or why it could not be saved.
func (s *resultScreen) saved(msg savedMsg) {
	s.saving = false
	s.status, s.failed = msg.text, msg.err
}

// position says how far down the report the view is.
func (s *resultScreen) position(c *common) string {
	if s.vp.TotalLineCount() <= s.vp.Height() {
		return ""
	}
	return c.cat.F("ui.result.scrolled", "percent", fmt.Sprint(int(s.vp.ScrollPercent()*100+0.5)))
}

func (s *resultScreen) view(c *common, h int) ([]string, []key.Binding) {
	if s.width != c.width || s.vp.Height() != s.vpHeight(c, h) {
		s.layout(c)
	}
	// The viewport keeps the scroll position; the lines in view are taken
	// from the laid-out report directly, which is cheaper than its View.
	from := min(s.vp.YOffset(), len(s.content))
	lines := append([]string(nil), s.content[from:min(len(s.content), from+s.vp.Height())]...)
	style := c.st.status
	if s.failed {
		style = c.st.err
	}
	lines = append(lines, styleLines(style, s.statusLines(c))...)
	k := &c.keys
	save := []key.Binding{k.Save}
	if c.opts.copyOnly() {
		save = []key.Binding{withHelp(k.Save, c.cat.T("ui.key.report"))}
	}
	if c.opts.SaveToLog != nil {
		save = append(save, k.Log)
	}
	if s.rep.ShowNext() {
		save = append(save, k.Next)
	}
	return lines, append(save, k.Scroll, k.Review, k.New, k.Back, k.Top, k.Bottom, k.Help, k.Emergency, k.Quit)
}

// statusLines are the status wrapped to the screen, at most three lines:
// a saved file's path must be readable whole.
func (s *resultScreen) statusLines(c *common) []string {
	if s.status == "" {
		return nil
	}
	return c.st.truncateLines(wrap(s.status, c.width), 3, c.width)
}

// vpHeight is the viewport's height in a body of h lines.
func (s *resultScreen) vpHeight(c *common, h int) int {
	return max(1, h-len(s.statusLines(c)))
}

// lines is the report laid out for the screen: the sections of its
// outline, urgency first, so that the banner, its headline and what to do
// now are on screen without scrolling even at 40×12. A demo's lesson
// follows the banner, for the class to read at once. "What happens next"
// is a heading and the key that opens it (c), where the reports give it;
// in course mode the section itself, so that the class reads it at the
// result.
func (s *resultScreen) lines(c *common) []string {
	st, w := &c.st, c.width
	rep := &s.rep
	cat := c.cat
	var out []string
	add := func(l ...string) { out = append(out, l...) }
	heading := func(key string) {
		add("")
		add(styleLines(st.heading, wrap(cat.T(key), w))...)
	}
	for i, sec := range rep.Outline(assessment.OutlineOptions{Next: c.lesson != ""}) {
		if sec.ID == assessment.SectionTrace && c.lesson == "" && rep.ShowNext() {
			heading("care.title")
			add(styleLines(st.strong, hang("  ", cat.T("ui.next.hint"), w))...)
		}
		if sec.Heading == "" && i > 0 {
			add("")
		}
		var partial []string
		if sec.ID == assessment.SectionEstimate && s.unanswered > 0 {
			partial = styleLines(st.status, hang("  ", cat.F("ui.settled.partial", "n", itoa(s.unanswered)), w))
		}
		add(sectionLines(c, rep, sec, partial, w)...)
		if sec.ID == assessment.SectionUrgency && c.lesson != "" {
			heading("ui.demo.lesson")
			if c.lessonChanged {
				add(styleLines(st.status, wrap(cat.T("ui.demo.changed"), w))...)
			}
			add(wrap(c.lesson, w)...)
		}
	}
	add("")
	end := "ui.result.end"
	if c.opts.copyOnly() {
		end = "ui.result.end_served"
	}
	add(styleLines(st.muted, wrap(cat.T(end), w))...)
	return out
}

// sectionLines is one section of the outline laid out for the screen, w
// cells wide: a blank line and its heading, then lead (lines before its
// items), then its items. rep gives the banner's colour; nil for
// "what happens next" alone, which has no banner.
func sectionLines(c *common, rep *assessment.Report, sec assessment.Section, lead []string, w int) []string {
	st, cat := &c.st, c.cat
	var out []string
	add := func(l ...string) { out = append(out, l...) }
	bullet := "  " + cat.T("symbol.bullet") + " "
	indent := ""
	if sec.Heading != "" {
		add("")
		add(styleLines(st.heading, wrap(cat.T(sec.Heading), w))...)
		indent = "  "
	}
	add(lead...)
	labelW := 0
	for _, it := range sec.Items {
		if it.Kind == assessment.ItemRow {
			labelW = max(labelW, width(it.Label))
		}
	}
	for _, it := range sec.Items {
		switch it.Kind {
		case assessment.ItemBanner:
			for _, l := range wrap(it.Text, w-2) {
				add(st.bannerFor(rep.Triage).Width(w).Render(l))
			}
		case assessment.ItemLead:
			add(styleLines(st.strong, hang(indent, it.Text, w))...)
		case assessment.ItemAlarm:
			add(styleLines(st.emergency, hang(indent, it.Text, w))...)
		case assessment.ItemNote, assessment.ItemSources:
			add(styleLines(st.muted, hang(indent, it.Text, w))...)
		case assessment.ItemGauge:
			pct := " " + it.Text
			add(indent + bar(st, it.Value, min(40, w-width(indent+pct))) + st.strong.Render(pct))
		case assessment.ItemBullet, assessment.ItemAlternative, assessment.ItemQuestion:
			add(hang(bullet, it.String(), w)...)
		case assessment.ItemRow:
			if w-len(indent)-labelW-2 < 20 {
				// Too narrow for two columns: the label on a line of
				// its own.
				add(styleLines(st.strong, hang(indent, it.Label, w))...)
				add(hang(indent+"  ", it.Text, w)...)
				continue
			}
			add(hang(indent+padRight(it.Label, labelW+1), it.Text, w)...)
		default:
			add(hang(indent, it.String(), w)...)
		}
	}
	return out
}

// careLines is "what happens next" laid out for a panel w cells wide,
// for the user's region, with its sources.
func careLines(c *common, w int) []string {
	care := assessment.CareOptions{Region: region.Normalize(c.opts.Region), Emergency: c.opts.emergency()}
	var out []string
	for _, sec := range append(care.Sections(c.cat), care.SourcesSection()) {
		out = append(out, sectionLines(c, nil, sec, nil, w)...)
	}
	return out
}

// Package accessible is accessible mode (`achilles --accessible`): the same
// questions, branching and result as the full-screen questionnaire of
// package ui, asked as plain numbered prompts, one line of input per answer.
// It writes only plain text (no escape codes, no cursor movement, no
// alternate screen), so that screen readers, braille displays, dumb
// terminals and pipes can follow it. It is its own package, as huh gives
// every field a RunAccessible beside Update and View: it needs no Bubble
// Tea, and ui.RunAccessible hands over to Run.
//
// The conversation is a loop over questionnaire.Next and Prev; each prompt
// reads one line. Three things end it early: the user quits (nothing more
// is written), the input ends (the answers so far are assessed), or the
// context is cancelled.
package accessible

import (
	"context"
	"errors"
	"fmt"
	"io"

	"achilles/assessment"
	"achilles/cases"
	"achilles/catalog"
	q "achilles/questionnaire"
	"achilles/report"
	"achilles/ui/words"
)

// width is the line width of accessible mode, in terminal cells, unless
// Options.Width says the terminal is narrower.
const width = 80

// minWidth is the narrowest line accessible mode wraps to.
const minWidth = 30 // the narrowest the text report wraps to

// Options are what a run of accessible mode needs from the command line.
// The zero value is not usable: Catalog is required.
type Options struct {
	// Catalog is the language of every word written.
	Catalog *catalog.Catalog
	// Emergency is how to reach emergency services in the user's region, in
	// words ("999"). Empty means the generic sentence.
	Emergency string
	// Advice is the region's sentence on its advice line for when it is
	// not an emergency (NHS 111), said on its own; "" for none.
	Advice string
	// Region is the user's region, an ISO 3166 code ("" when unknown): it
	// picks where to go today and the facts in "what happens next".
	Region string
	// Teach tells, after each answer, how it moved the running estimate.
	Teach bool
	// Answers are answers to start from (empty for a fresh assessment).
	Answers q.Answers
	// Case is the ID of the course case being demonstrated, empty for an
	// ordinary session: its story comes first, its answers (in Answers) are
	// offered one Enter at a time with the estimate told as it moves, and
	// its lesson follows the report.
	Case string
	// Echoes says that the input echoes what is typed, the newline
	// included, as a terminal does, although it is not one: the classroom
	// server's line editing on an SSH session. A terminal is found by
	// itself.
	Echoes bool
	// Width is the terminal's width in cells, when it is known to be under
	// 80 (a terminal too small for the screens): lines are wrapped to it
	// rather than to 80, so that the terminal does not break words. 0 is
	// 80.
	Width int
}

// lineWidth is the width lines are wrapped to.
func (o *Options) lineWidth() int {
	if o.Width <= 0 || o.Width >= width {
		return width
	}
	return max(o.Width, minWidth)
}

// emergency is the emergency number sentence, never empty.
func (o *Options) emergency() string {
	if o.Emergency != "" {
		return o.Emergency
	}
	return o.Catalog.T("emergency.number.unknown")
}

// Outcomes that end the conversation early. They never reach the caller of
// Run.
var (
	errQuit  = errors.New("the user quit")
	errEnded = errors.New("the input ended")
)

// session is one run of the accessible questionnaire.
type session struct {
	ctx  context.Context
	cat  *catalog.Catalog
	opts *Options
	out  writer
	in   <-chan inputLine
	// echoed is true when the input is a terminal, which echoes the
	// newline the user types; otherwise a prompt's line is ended by the next
	// thing written.
	echoed bool
	a      q.Answers

	shown     q.Section // the section whose title was shown last
	shownAny  bool      // whether any section title was shown yet
	redisplay bool      // show the section title even if it has not changed
	// reviewed is true while the review list just written stands
	// unchanged as the last thing shown, so that input ending there does
	// not list the answers again.
	reviewed bool
	// goneOn: the user chose to go on from the settled triage goneOnFrom,
	// which is not asked about again.
	goneOn     bool
	goneOnFrom assessment.Triage
	// unanswered: the result was asked for when the triage was settled,
	// with this many questions not answered; it says so.
	unanswered int
	p          float64 // the running estimate last told, with --teach
	clot       string  // the clot check last told, with --teach
}

// Run asks the questionnaire as plain numbered prompts, reading answers
// line by line from in and writing to out, and writes the text report at
// the end, as `achilles assess` words it. It returns nil when the user
// quits or the result has been written, ctx's error when ctx ends first,
// and a read or write error wrapped.
func Run(ctx context.Context, in io.Reader, out io.Writer, opts Options) error {
	if opts.Catalog == nil {
		return errors.New("accessible mode: no message catalog given")
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	// The reader may block for ever (a terminal nobody types at); it runs
	// on its own so that cancelling ctx returns at once. stop lets it end
	// when it next has a line to hand over.
	stop := make(chan struct{})
	defer close(stop)
	lines := make(chan inputLine)
	go readLines(in, lines, stop)

	s := &session{
		ctx:    ctx,
		cat:    opts.Catalog,
		opts:   &opts,
		out:    writer{w: out, width: opts.lineWidth()},
		in:     lines,
		echoed: opts.Echoes || isTerminal(in),
		a:      opts.Answers,
		p:      assessment.Prior,
	}
	err := s.run()
	if !s.echoed && s.out.open {
		s.out.write("") // end the line of the last prompt and its answer
	}
	switch {
	case errors.Is(err, errQuit):
		err = s.quitted()
	case errors.Is(err, errEnded):
		err = s.ended()
	}
	if err == nil && s.out.err != nil {
		err = fmt.Errorf("accessible mode: writing: %w", s.out.err)
	}
	return err
}

// run asks every question in order, then the review, then shows the result.
func (s *session) run() error {
	s.start()
	cur := q.Answerer
	for {
		act, err := s.ask(cur, false)
		if err != nil {
			return err
		}
		if cur.Info().RedFlag {
			// The checklist asked every sign: back from the first, on
			// from the last.
			cur = lastFlag()
			if act == backward {
				cur = firstFlag()
			}
		}
		if act == backward {
			// ask only returns backward when there is a question before.
			cur, _ = q.Prev(&s.a, cur)
			continue
		}
		s.teach(cur)
		switch choice, err := s.settle(cur); {
		case err != nil:
			return err
		case choice == resultNow:
			return s.result()
		case choice == backToIt:
			if cur.Info().RedFlag {
				cur = firstFlag()
			}
			continue
		}
		next, ok := q.Next(&s.a, cur)
		if ok {
			cur = next
			continue
		}
		back, err := s.review()
		if err != nil {
			return err
		}
		if !back {
			return s.result()
		}
		cur = s.lastAsked()
	}
}

// start says what the tool is and is not, how to reach emergency services
// and how to answer.
func (s *session) start() {
	s.out.para(s.cat.T("access.intro"))
	s.out.para(s.cat.F("access.emergency", "emergency", s.opts.emergency()))
	if s.opts.Advice != "" {
		s.out.para(s.opts.Advice)
	}
	s.out.blank()
	s.out.para(s.cat.T("access.commands"))
	if c, ok := cases.Get(s.opts.Case); ok {
		// Course mode: the case's story, and its answers offered one Enter
		// at a time.
		s.out.blank()
		s.out.para(s.cat.F("ui.demo.case", "title", s.cat.T(c.TitleKey())))
		s.out.para(s.cat.T(c.StoryKey()))
		s.out.para(s.cat.T("access.demo"))
	}
}

// teach says, with the teaching overlay on, how the answers up to cur
// moved the running estimate. Later answers do not count yet: in course
// mode the case's answers are all there from the start.
func (s *session) teach(cur q.Q) {
	if !s.opts.Teach && s.opts.Case == "" {
		return
	}
	sofar := s.a
	after := false
	for _, question := range q.All() {
		if after {
			sofar.Clear(question)
		}
		after = after || question == cur
	}
	r := assessment.Assess(q.Effective(sofar))
	if p := r.Probability; p != s.p {
		s.out.para(s.cat.F("access.teach", "percent", assessment.Percent(p), "was", assessment.Percent(s.p)))
		s.p = p
	}
	// The clot check is a separate estimate, told on its own line when it
	// changes.
	if !r.ShowClot() {
		return
	}
	clot := s.cat.F("ui.teach.clot", "level", s.cat.T(r.Clot.Level.Key()), "points", fmt.Sprint(r.Clot.Points))
	if clot != s.clot {
		s.out.para(clot)
		s.clot = clot
	}
}

// asked lists the questions asked with the answers so far, in order.
func (s *session) asked() []q.Q {
	var qs []q.Q
	for question := q.Q(0); question < q.Count; question++ {
		if q.Asked(&s.a, question) {
			qs = append(qs, question)
		}
	}
	return qs
}

// lastAsked is the last question asked with the answers so far.
func (s *session) lastAsked() q.Q {
	last, _ := q.Prev(&s.a, q.Count)
	return last
}

// review lists every answer and lets the user change one by its number.
// It reports whether the user chose to go back to the last question rather
// than see the result.
func (s *session) review() (back bool, err error) {
	for {
		asked := s.asked()
		s.writeReview(asked)
		changed := false
		for !changed {
			line, err := s.read(s.cat.T("access.review.prompt"))
			if err != nil {
				return false, err
			}
			allowed := s.cat.F("access.allowed.review", "max", fmt.Sprint(len(asked)))
			if line.tooLong {
				s.invalid(s.cat.T("access.invalid.too_long"), allowed)
				continue
			}
			switch cmd := command(line.text); cmd {
			case "":
				return false, nil
			case "b":
				return true, nil
			case "?":
				s.help()
			case "!":
				s.panel()
			case "q":
				if err := s.confirmQuit(); err != nil {
					return false, err
				}
			default:
				n, ok := parseNumber(cmd)
				if !ok || n < 1 || n > len(asked) {
					s.invalid(s.cat.F("access.invalid.not_listed", "input", quote(cmd)), allowed)
					continue
				}
				s.redisplay = true
				if _, err := s.ask(asked[n-1], true); err != nil {
					return false, err
				}
				changed = true
			}
		}
	}
}

// writeReview lists the questions asked, numbered, with their answers.
func (s *session) writeReview(asked []q.Q) {
	s.reviewed = true
	s.out.blank()
	s.out.para(s.cat.T("access.review.title"))
	for i, question := range asked {
		s.out.item(fmt.Sprintf("%3d. ", i+1), s.cat.T(question.LabelKey())+": "+s.answerWords(question))
	}
}

// ended finishes a conversation whose input ran out: what was answered is
// assessed, and the rest is left out.
func (s *session) ended() error {
	s.out.blank()
	s.out.para(s.cat.T("access.ended"))
	if !s.reviewed {
		s.writeReview(s.asked())
	}
	return s.result()
}

// quitted leaves, when the user quits before the result, what the
// questionnaire would: the emergency signs answered yes, that it was not
// finished (once anything was answered), and the emergency number.
func (s *session) quitted() error {
	rep := s.report()
	s.out.blank()
	_, err := io.WriteString(s.out.w, report.SpokenUnfinished(&rep, s.anyAnswer(), s.out.width))
	if err != nil {
		return fmt.Errorf("accessible mode: writing: %w", err)
	}
	return nil
}

// report is the assessment of the answers so far, in words.
func (s *session) report() assessment.Report {
	return assessment.NewReport(assessment.Assess(q.Effective(s.a)), s.cat,
		assessment.Options{Emergency: s.opts.emergency(), Advice: s.opts.Advice, Region: s.opts.Region})
}

// result writes the text report, exactly as `achilles assess` words it.
func (s *session) result() error {
	rep := s.report()
	s.out.blank()
	s.partialNote()
	if s.out.err != nil {
		return fmt.Errorf("accessible mode: writing: %w", s.out.err)
	}
	if _, err := io.WriteString(s.out.w, report.Text(&rep, report.TextOptions{Width: s.out.width, Spoken: true})); err != nil {
		return fmt.Errorf("accessible mode: writing the report: %w", err)
	}
	if c, ok := cases.Get(s.opts.Case); ok {
		s.out.blank()
		if c.ChangedIn(s.a) {
			s.out.para(s.cat.T("ui.demo.changed"))
		}
		s.out.para(s.cat.T("ui.demo.lesson") + ": " + s.cat.T(c.LessonKey()))
	}
	// The recap last, as the questionnaire leaves it: what matters is
	// where the reading ends. Nothing is saved in accessible mode.
	s.out.blank()
	if _, err := io.WriteString(s.out.w, report.SpokenRecap(&rep, s.out.width)); err != nil {
		return fmt.Errorf("accessible mode: writing the report: %w", err)
	}
	return nil
}

// answerWords is the answer to a question in words, or "not answered".
func (s *session) answerWords(question q.Q) string { return words.Answer(s.cat, &s.a, question) }

// answered reports whether the question has an answer, counting "nobody
// can examine" as the examiner question's answer.
func (s *session) answered(question q.Q) bool { return words.Answered(&s.a, question) }

// anyAnswer reports whether quitting would lose anything.
func (s *session) anyAnswer() bool { return s.a.Len() > 0 }

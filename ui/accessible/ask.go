package accessible

// Asking one question in accessible mode: showing it, reading and checking
// the answer, and the commands that work at every prompt.

import (
	"fmt"
	"strconv"
	"strings"

	q "achilles/questionnaire"
	"achilles/ui/words"
)

// action is where to go after a question.
type action uint8

const (
	forward  action = iota // answered, kept or skipped: on to the next
	backward               // back to the previous question
)

// required reports whether an empty line may not skip the question: the
// emergency check must be answered, and so must who is answering, which
// sets the wording of everything after it.
func required(question q.Q) bool {
	return question.Info().RedFlag || question == q.Answerer
}

// choices is the number of numbered choices the question offers: its
// values, and for the examiner question "nobody can examine now".
func choices(question q.Q) int { return len(question.Info().Values) }

// ask asks one question until it gets an answer, a skip, or "back". In the
// review (single), "back" returns to the review and is always possible.
func (s *session) ask(question q.Q, single bool) (action, error) {
	if question.Info().RedFlag {
		// The signs are asked together, in one line.
		return s.askChecklist(single)
	}
	s.showQuestion(question)
	for {
		line, err := s.read(s.cat.T("access.prompt"))
		if err != nil {
			return forward, err
		}
		if line.tooLong {
			s.invalid(s.cat.T("access.invalid.too_long"), s.allowed(question))
			continue
		}
		switch cmd := command(line.text); cmd {
		case "":
			if !s.answered(question) && required(question) {
				s.invalid(s.cat.T("access.invalid.empty"), s.allowed(question))
				continue
			}
			return forward, nil // keep the answer, or leave it out
		case "?":
			s.help()
		case "w":
			s.out.blank()
			s.out.para(s.cat.T("access.why"))
			s.out.para(s.cat.T(question.WhyKey()))
		case "t":
			if !question.Info().HowTo {
				s.invalid(s.cat.T("access.invalid.no_test"), "")
				continue
			}
			// The steps only: the screens' small drawing of the test is
			// lines of symbols that a screen reader would spell out, and
			// the steps say all it shows.
			s.out.blank()
			s.out.para(s.cat.T("access.how"))
			s.out.para(s.cat.T(question.HowKey()))
		case "b":
			if _, ok := q.Prev(&s.a, question); !ok && !single {
				s.invalid(s.cat.T("access.invalid.first"), "")
				continue
			}
			return backward, nil
		case "!":
			s.panel()
		case "q":
			if err := s.confirmQuit(); err != nil {
				return forward, err
			}
		default:
			if problem := s.set(question, cmd); problem != "" {
				s.invalid(problem, s.allowed(question))
				continue
			}
			if !s.echoed && question.Info().Kind == q.Choice {
				// Piped input is not shown; the answer taken is.
				s.out.echo(s.cat.F("access.chosen", "answer", s.answerWords(question)))
			}
			if question.Info().RedFlag && s.a.Is(question, "yes") {
				if err := s.alert(); err != nil {
					return forward, err
				}
			}
			return forward, nil
		}
		// After a command the question is asked again, in full.
		s.showQuestion(question)
	}
}

// showQuestion writes the section title when the section changes, where
// the question stands in the questionnaire, the question, its hint, its
// choices and how to answer.
func (s *session) showQuestion(question q.Q) {
	s.reviewed = false // the review list is no longer the last thing shown
	info := question.Info()
	if s.redisplay || !s.shownAny || s.shown != info.Part() {
		s.out.blank()
		s.out.para(s.cat.T(info.Part().SectionKey()))
		s.out.para(s.cat.T(info.Part().IntroKey()))
		s.shown, s.shownAny, s.redisplay = info.Part(), true, false
	}
	n, total := q.Place(&s.a, question)
	s.out.blank()
	s.out.para(s.cat.F("access.progress", "n", strconv.Itoa(n), "total", strconv.Itoa(total)))
	s.out.para(s.cat.T(question.TextKey(s.a.Other())))
	s.out.para(s.cat.T(question.HintKey()))

	var how string
	if info.Kind == q.Number {
		how = s.cat.F("access.type_number", "min", strconv.Itoa(info.Min), "max", strconv.Itoa(info.Max),
			"unit", s.cat.T(question.UnitKey()))
	} else {
		for i, v := range info.Values {
			s.out.item(fmt.Sprintf("  %d. ", i+1), s.cat.T(question.ValueKey(v)))
		}
		how = s.cat.F("access.type_choice", "max", strconv.Itoa(choices(question)))
	}
	switch {
	case s.answered(question):
		how += " " + s.cat.F("access.enter_keep", "answer", s.answerWords(question))
	case required(question):
		how += " " + s.cat.T("access.required")
	default:
		how += " " + s.cat.T("access.enter_skip")
	}
	s.out.para(how)
}

// allowed says what the question accepts, for a message after bad input.
func (s *session) allowed(question q.Q) string {
	info := question.Info()
	if info.Kind == q.Number {
		return s.cat.F("access.allowed.number", "min", strconv.Itoa(info.Min), "max", strconv.Itoa(info.Max))
	}
	return s.cat.F("access.allowed.choice", "max", strconv.Itoa(choices(question)))
}

// set takes the typed answer to a question. It returns what was wrong with
// it, or "" when the answer was taken.
func (s *session) set(question q.Q, typed string) string {
	info := question.Info()
	n, isNumber := parseNumber(typed)
	if info.Kind == q.Number {
		switch {
		case !isNumber:
			return s.cat.F("access.invalid.not_number", "input", quote(typed))
		case n < info.Min || n > info.Max:
			return s.cat.F("access.invalid.out_of_range", "input", quote(typed))
		}
		if err := s.a.SetNumber(question, n); err != nil {
			return s.cat.F("access.invalid.out_of_range", "input", quote(typed))
		}
		return ""
	}
	if !isNumber {
		i, ok := s.choiceByWord(question, typed)
		if !ok {
			return s.cat.F("access.invalid.not_choice", "input", quote(typed))
		}
		n = i + 1
	}
	switch {
	case n < 1 || n > choices(question):
		return s.cat.F("access.invalid.no_choice", "input", quote(typed))
	}
	if err := s.a.SetChoice(question, info.Values[n-1]); err != nil {
		return s.cat.F("access.invalid.no_choice", "input", quote(typed))
	}
	return ""
}

// choiceByWord finds the choice typed in words, in any case: its value ID
// ("not_sure" or "not sure"), its label in the session's language, and on
// a yes/no question y, n and the catalog's words for yes and no (是, 否).
func (s *session) choiceByWord(question q.Q, typed string) (int, bool) {
	typed = strings.TrimSpace(typed)
	values := question.Info().Values
	for i, v := range values {
		if strings.EqualFold(typed, v) || strings.EqualFold(typed, strings.ReplaceAll(v, "_", " ")) ||
			strings.EqualFold(typed, strings.TrimSpace(s.cat.T(question.ValueKey(v)))) {
			return i, true
		}
	}
	if len(values) >= 2 && values[0] == "yes" && values[1] == "no" {
		switch {
		case strings.EqualFold(typed, "y"), strings.EqualFold(typed, s.cat.T("ui.key.yes")):
			return 0, true
		case strings.EqualFold(typed, "n"), strings.EqualFold(typed, s.cat.T("ui.key.no")):
			return 1, true
		}
	}
	return 0, false
}

// invalid says what was wrong with the input and what is allowed.
func (s *session) invalid(problem, allowed string) {
	switch {
	case problem == "":
		problem = allowed
	case allowed != "":
		problem += " " + allowed
	}
	s.out.para(problem)
}

// help lists the commands.
func (s *session) help() {
	s.reviewed = false // the review list is no longer the last thing shown
	s.out.blank()
	s.out.para(s.cat.T("access.help.title"))
	for _, key := range []string{"access.help.help", "access.help.why", "access.help.how",
		"access.help.back", "access.help.emergency", "access.help.quit"} {
		s.out.item("  ", s.cat.T(key))
	}
	s.out.para(s.cat.T("access.help.answer"))
	s.out.para(s.cat.T("access.help.review"))
}

// panel lists the emergency signs, each with what it calls for, and how
// to reach emergency services.
func (s *session) panel() {
	s.reviewed = false // the review list is no longer the last thing shown
	s.out.blank()
	s.out.para(s.cat.T("access.panel.title"))
	s.out.para(s.cat.T("access.panel.intro"))
	// No bullet: a screen reader would read the symbol aloud.
	for _, sign := range words.Signs(s.cat, s.opts.emergency()) {
		s.out.item("  ", s.cat.T(sign.Question.LabelKey())+": "+sign.Headline)
	}
	s.out.para(s.cat.F("access.emergency", "emergency", s.opts.emergency()))
	if s.opts.Advice != "" {
		s.out.para(s.opts.Advice)
	}
}

// alert interrupts after a "yes" to an emergency question: what to do now
// and where to go, before anything else. The user may then go on.
func (s *session) alert() error {
	rep := s.report()
	s.out.blank()
	// The urgency in words: its marker ([!!!]) would be read aloud.
	s.out.para(s.cat.T("report.urgency") + ": " + s.cat.T(rep.Triage.ShortKey()))
	s.out.para(rep.Actions.Headline)
	s.out.blank()
	s.out.para(s.cat.T("report.now"))
	for _, step := range rep.Actions.Now {
		s.out.item("  ", step)
	}
	s.out.blank()
	s.out.para(s.cat.T("report.where"))
	s.out.item("  ", rep.Actions.Where)
	s.out.blank()
	s.out.para(s.cat.F("access.emergency", "emergency", s.opts.emergency()))
	for {
		line, err := s.read(s.cat.T("access.alert.continue"))
		if err != nil {
			return err
		}
		switch cmd := command(line.text); {
		case line.tooLong:
			s.invalid(s.cat.T("access.invalid.too_long"), s.cat.T("access.allowed.continue"))
		case cmd == "":
			return nil
		case cmd == "q":
			if err := s.confirmQuit(); err != nil {
				return err
			}
		case cmd == "!":
			s.panel()
		case cmd == "?":
			s.help()
		default:
			s.invalid("", s.cat.T("access.allowed.continue"))
		}
	}
}

// confirmQuit asks before throwing answers away. It returns errQuit to
// quit, or nil to go on.
func (s *session) confirmQuit() error {
	if !s.anyAnswer() {
		return errQuit
	}
	for {
		line, err := s.read(s.cat.T("access.quit.confirm"))
		if err != nil {
			return err
		}
		// A line too long to read has no text, so it is asked again too.
		switch command(line.text) {
		case "y", "yes":
			return errQuit
		case "n", "no":
			return nil
		}
		s.invalid("", s.cat.T("access.allowed.yes_no"))
	}
}

package accessible

// The decision as soon as it is settled, as the full-screen questionnaire
// shows it: after an answer, when no answer to the questions left can
// change the triage (assessment.Reachable), the urgency, what to do now
// and where to go are said at once, and the user chooses between the
// result now (an estimate from the answers so far) and going on.

import (
	"fmt"

	"achilles/assessment"
	q "achilles/questionnaire"
)

// settledChoice is what the user chose when the triage was settled.
type settledChoice uint8

const (
	notSettled settledChoice = iota // nothing was asked: on as before
	goOn                            // on for a fuller report
	resultNow                       // the result now, from the answers so far
	backToIt                        // back to the question just answered
)

// settle asks, after question was answered, whether to see the result now
// when the triage is settled and the user has not gone on from this triage
// already. It asks nothing after an emergency sign answered yes (the alert
// has said what to do), after the last question (the review comes next),
// or in course mode.
func (s *session) settle(question q.Q) (settledChoice, error) {
	if s.opts.Case != "" {
		return notSettled, nil
	}
	for _, f := range redFlags() {
		if s.a.Yes(f) {
			return notSettled, nil
		}
	}
	if _, ok := q.Next(&s.a, question); !ok {
		return notSettled, nil
	}
	reach := assessment.Reachable(s.a)
	if !reach.Settled() || (s.goneOn && s.goneOnFrom == reach.Lowest) {
		return notSettled, nil
	}
	rep := s.report()
	s.out.blank()
	s.out.para(s.cat.T("ui.settled.section") + ".")
	// The urgency in words: its marker would be read aloud.
	s.out.para(s.cat.T("report.urgency") + ": " + s.cat.T(rep.Triage.ShortKey()))
	s.out.para(rep.Actions.Headline)
	s.out.para(s.cat.T("ui.settled.why"))
	s.out.blank()
	s.out.para(s.cat.T("report.now"))
	for _, step := range rep.Actions.Now {
		s.out.item("  ", step)
	}
	s.out.blank()
	s.out.para(s.cat.T("report.where"))
	s.out.item("  ", rep.Actions.Where)
	s.out.blank()
	s.out.item("1. ", s.cat.T("ui.settled.result"))
	s.out.item("2. ", s.cat.T("ui.settled.go_on"))
	for {
		line, err := s.read(s.cat.T("access.prompt"))
		if err != nil {
			return notSettled, err
		}
		switch cmd := command(line.text); {
		case line.tooLong:
			s.invalid(s.cat.T("access.invalid.too_long"), s.cat.T("access.allowed.settled"))
		case cmd == "1" || cmd == command(s.cat.T("ui.settled.result")):
			s.unanswered = unanswered(&s.a)
			return resultNow, nil
		case cmd == "2" || cmd == command(s.cat.T("ui.settled.go_on")):
			s.goneOn, s.goneOnFrom = true, reach.Lowest
			return goOn, nil
		case cmd == "b":
			return backToIt, nil
		case cmd == "q":
			if err := s.confirmQuit(); err != nil {
				return notSettled, err
			}
		case cmd == "!":
			s.panel()
		case cmd == "?":
			s.help()
		default:
			s.invalid("", s.cat.T("access.allowed.settled"))
		}
	}
}

// unanswered counts the questions the answers a ask that have no answer.
func unanswered(a *q.Answers) int {
	n := 0
	for _, question := range q.All() {
		if q.Asked(a, question) && !a.Has(question) {
			n++
		}
	}
	return n
}

// partialNote marks a result asked for when the triage was settled.
func (s *session) partialNote() {
	if s.unanswered > 0 {
		s.out.para(s.cat.F("ui.settled.partial", "n", fmt.Sprint(s.unanswered)))
	}
}

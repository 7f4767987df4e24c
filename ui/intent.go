package ui

import (
	tea "charm.land/bubbletea/v2"

	q "achilles/questionnaire"
)

// action is what a screen asks of the root model after a key: where to go
// next, or what to record. A screen changes only its own state (a cursor,
// what is typed); everything else is an action that Model.apply carries out.
type action uint8

const (
	doNothing       action = iota // nothing beyond the screen's own state
	doRedraw                      // the open overlay's content changed: lay it out again
	doPick                        // record choice n of question q, then go on from it
	doNumber                      // record the number n for question q, then go on from it
	doSkip                        // leave question q unanswered and go on from it
	doFlags                       // answer every red flag: yes for bit i of n set (the checklist's ticks), else no
	doBegin                       // record choice n of who is answering, then the first question
	doForward                     // on from question q, keeping its answer
	doBack                        // to the question before q, or the start screen
	doQuestion                    // show question q
	doChange                      // show question q to change it, then come back to the review
	doReview                      // the review, with the cursor on question q (q.Count: the last row)
	doResult                      // the result
	doOnward                      // on from the emergency screen
	doReconsider                  // back from the emergency or settled screen to the question that raised it
	doSettledResult               // from the settled screen: the result, an estimate from the answers so far
	doSettledGoOn                 // from the settled screen: on with the questions, not told again of this triage
	doReveal                      // course mode: the case's answer on this screen has been shown
	doOpen                        // open overlay o
	doClose                       // close the overlay
	doAskQuit                     // quit, asking first when answers would be lost
	doQuit                        // quit now
	doRestart                     // clear every answer and start again
	doSave                        // save the report shown
	doSaveLog                     // save the report shown to the club log, as the form says
)

// intent is a screen's answer to a key: an action with what it is about,
// and a command of the screen's own (a text field's cursor) to run as well.
// It is a small value, so that handling a key allocates nothing for it.
type intent struct {
	do  action
	q   q.Q
	n   int
	o   overlay
	cmd tea.Cmd
}

// apply carries out a screen's intent: the root model alone moves between
// screens, changes the answers and opens and closes overlays.
func (m *Model) apply(it intent) tea.Cmd {
	switch it.do {
	case doRedraw:
		if m.overlay != overlayNone {
			m.open(m.overlay)
		}
	case doPick:
		// The values come from the question bank, so they are always valid.
		_ = m.answers.SetChoice(it.q, it.q.Info().Values[it.n])
		m.answered(it.q)
	case doNumber:
		_ = m.answers.SetNumber(it.q, it.n) // the screen checked the range
		m.answered(it.q)
	case doFlags:
		m.answerFlags(uint64(it.n))
	case doSkip:
		m.answers.Clear(it.q)
		m.advance(it.q)
	case doBegin:
		_ = m.answers.SetChoice(q.Answerer, q.Answerer.Info().Values[it.n])
		m.fromReview = false
		m.goQuestion(q.First(&m.answers))
	case doForward:
		m.advance(it.q)
	case doBack:
		m.back(it.q)
	case doQuestion:
		m.goQuestion(it.q)
	case doChange:
		m.goQuestion(it.q)
		m.fromReview = true
	case doReview:
		m.goReview(it.q)
	case doResult:
		m.goResult()
	case doOnward:
		m.leaveEmergency()
	case doReconsider:
		m.demo.jumped = false
		m.goQuestion(m.pending)
	case doSettledResult:
		m.goResult()
		m.result.partial(&m.c, unanswered(&m.answers))
	case doSettledGoOn:
		m.settledSeen, m.settledDismissed = m.settled.triage, true
		m.advance(m.pending)
	case doReveal:
		m.demo.revealed = true
	case doOpen:
		if it.o == overlayLog {
			m.logForm = newLogForm(&m.c)
			m.open(overlayLog)
			return m.logForm.athlete.Focus()
		}
		m.open(it.o)
	case doClose:
		m.overlay = overlayNone
	case doAskQuit:
		m.overlay = overlayNone
		return m.askQuit()
	case doQuit:
		m.quit = true
		return tea.Quit
	case doRestart:
		m.overlay = overlayNone
		m.reset()
	case doSave:
		return save(m.c.opts, m.result.rep)
	case doSaveLog:
		cmd := m.saveToLog(m.logForm.names())
		m.open(overlayLog)
		return cmd
	}
	return it.cmd
}

// answerFlags answers every sign of the checklist: those ticked (bits of
// ticked) yes, the others no; any yes interrupts with the emergency screen.
func (m *Model) answerFlags(ticked uint64) {
	s := &m.checklist
	for i, f := range s.flags {
		v := "no"
		if ticked&(1<<i) != 0 {
			v = "yes"
		}
		_ = m.answers.SetChoice(f, v) // yes and no are every sign's values
	}
	// On from the last sign, or back to the review's row it was opened
	// for.
	from := s.last()
	if m.fromReview {
		from = s.from
	}
	if ticked != 0 {
		m.demo.jumped = false
		m.goEmergency(from)
		return
	}
	if m.settle(from) {
		return
	}
	m.advance(from)
}

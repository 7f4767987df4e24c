package accessible

// The emergency check in accessible mode: every red-flag sign in one
// numbered list, answered in one line, "the numbers that apply, separated
// by spaces, or 0 for none". An empty line never answers "no" to a sign:
// it keeps answers already given, and otherwise asks again.

import (
	"fmt"
	"strconv"
	"strings"

	q "achilles/questionnaire"
)

// redFlags are the bank's red-flag questions, in asking order: the
// checklist's lines 1, 2, ….
func redFlags() []q.Q {
	var out []q.Q
	for _, question := range q.All() {
		if question.Info().RedFlag {
			out = append(out, question)
		}
	}
	return out
}

// firstFlag and lastFlag are the first and last signs asked: the
// checklist stands for all of them in the order of the questions.
func firstFlag() q.Q { f := redFlags(); return f[0] }
func lastFlag() q.Q  { f := redFlags(); return f[len(f)-1] }

// askChecklist asks every sign at once, until it gets an answer, a kept
// answer, or "back". In the review (single), "back" returns to the review.
func (s *session) askChecklist(single bool) (action, error) {
	flags := redFlags()
	s.showChecklist(flags)
	for {
		line, err := s.read(s.cat.T("access.prompt"))
		if err != nil {
			return forward, err
		}
		if line.tooLong {
			s.invalid(s.cat.T("access.invalid.too_long"), s.checklistAllowed(flags))
			continue
		}
		switch cmd := command(line.text); cmd {
		case "":
			if !s.flagsAnswered(flags) {
				s.invalid(s.cat.T("access.invalid.empty"), s.checklistAllowed(flags))
				continue
			}
			return forward, nil // keep the answers
		case "?":
			s.help()
		case "w":
			s.out.blank()
			s.out.para(s.cat.T("access.why"))
			for _, f := range flags {
				s.out.item("  "+s.cat.T("symbol.bullet")+" ", s.cat.T(f.LabelKey())+": "+s.cat.T(f.WhyKey()))
			}
		case "t":
			s.invalid(s.cat.T("access.invalid.no_test"), "")
			continue
		case "b":
			if _, ok := q.Prev(&s.a, flags[0]); !ok && !single {
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
			ticked, problem := parseTicks(cmd, len(flags))
			if problem != "" {
				s.invalid(s.cat.F(problem, "input", quote(cmd)), s.checklistAllowed(flags))
				continue
			}
			raised := false
			for i, f := range flags {
				v := "no"
				if ticked[i] {
					v, raised = "yes", true
				}
				_ = s.a.SetChoice(f, v) // yes and no are every sign's values
			}
			if !s.echoed {
				// Piped input is not shown; the answer taken is.
				s.out.echo(s.cat.F("access.chosen", "answer", s.checklistWords(flags)))
			}
			if raised {
				if err := s.alert(); err != nil {
					return forward, err
				}
			}
			return forward, nil
		}
		// After a command the checklist is shown again, in full.
		s.showChecklist(flags)
	}
}

// parseTicks reads "the numbers that apply, separated by spaces, or 0 for
// none" (commas are taken as spaces too). It returns which of n signs are
// ticked, or the catalog key of what was wrong.
func parseTicks(typed string, n int) ([]bool, string) {
	fields := strings.Fields(strings.ReplaceAll(typed, ",", " "))
	ticked := make([]bool, n)
	none := false
	for _, f := range fields {
		k, err := strconv.Atoi(f)
		switch {
		case err != nil:
			return nil, "access.invalid.not_number"
		case k == 0:
			none = true
		case k < 0 || k > n:
			return nil, "access.invalid.no_choice"
		default:
			ticked[k-1] = true
		}
	}
	some := false
	for _, t := range ticked {
		some = some || t
	}
	if none && some {
		// "None" beside a sign is a contradiction: ask again rather than
		// guess, and never answer the sign no.
		return nil, "access.checklist.both"
	}
	return ticked, ""
}

// showChecklist writes the section title, where the checklist stands, the
// signs numbered, "0. None of these" and how to answer.
func (s *session) showChecklist(flags []q.Q) {
	info := flags[0].Info()
	if s.redisplay || !s.shownAny || s.shown != info.Part() {
		s.out.blank()
		s.out.para(s.cat.T(info.Part().SectionKey()))
		s.out.para(s.cat.T(info.Part().IntroKey()))
		s.shown, s.shownAny, s.redisplay = info.Part(), true, false
	}
	done, total := q.Progress(&s.a, flags[0])
	s.out.blank()
	s.out.para(s.cat.F("access.progress", "n", strconv.Itoa(done+1), "total", strconv.Itoa(total)))
	text := "access.checklist.text"
	if s.a.Other() {
		text = "access.checklist.text_other"
	}
	s.out.para(s.cat.T(text))
	for i, f := range flags {
		s.out.item(fmt.Sprintf("  %d. ", i+1), s.cat.T(f.LabelKey()))
	}
	s.out.item("  0. ", s.cat.T("ui.checklist.none"))
	how := s.cat.F("access.checklist.how", "max", strconv.Itoa(len(flags)))
	if s.flagsAnswered(flags) {
		how += " " + s.cat.F("access.enter_keep", "answer", s.checklistWords(flags))
	} else {
		how += " " + s.cat.T("access.required")
	}
	s.out.para(how)
}

// checklistAllowed says what the checklist accepts.
func (s *session) checklistAllowed(flags []q.Q) string {
	return s.cat.F("access.checklist.how", "max", strconv.Itoa(len(flags)))
}

// flagsAnswered reports whether every sign has an answer.
func (s *session) flagsAnswered(flags []q.Q) bool {
	for _, f := range flags {
		if !s.a.Has(f) {
			return false
		}
	}
	return true
}

// checklistWords are the checklist's answers in words: the signs answered
// yes, or "None of these".
func (s *session) checklistWords(flags []q.Q) string {
	var yes []string
	for _, f := range flags {
		if s.a.Is(f, "yes") {
			yes = append(yes, s.cat.T(f.LabelKey()))
		}
	}
	if len(yes) == 0 {
		return s.cat.T("ui.checklist.none")
	}
	return strings.Join(yes, "; ")
}

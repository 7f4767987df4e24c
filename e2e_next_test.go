package main

import (
	"strings"
	"testing"
)

// What happens next, as a person meets it in a real terminal: from the
// start screen, c opens the reader with the emergency number first; it
// scrolls to the sources and esc goes back to the start. In course mode,
// offered_prp's result gives the lesson, then the section itself, and c
// opens the panel. At 80×24 and 40×12, without colour, for GB (NHS 111)
// and AU.
func TestE2EWhatHappensNext(t *testing.T) {
	needTmux(t)
	for _, size := range [][2]int{{80, 24}, {40, 12}} {
		t.Run("guide from the start", func(t *testing.T) {
			t.Parallel()
			s := startPane(t, size[0], size[1], []string{"NO_COLOR=1", "LANG=en_GB.UTF-8"})
			s.waitFor("the start screen", laidOut, shows("Who is answering"))
			s.keys("c")
			s.waitFor("the reader", shows("What happens next", "call 999"), helpBar("esc close"))
			// A page is 7 lines of the panel at 40×12.
			for range 120 {
				s.keys("PageDown")
			}
			s.waitFor("the end of the reader", shows("Choosing Wisely (BRAN)"), helpBar("esc close"))
			s.keys("Escape")
			s.waitFor("the start screen again", laidOut, shows("Who is answering"))
		})
		t.Run("course case offered_prp", func(t *testing.T) {
			t.Parallel()
			s := startPane(t, size[0], size[1], []string{"NO_COLOR=1", "LANG=en_AU.UTF-8"}, "demo", "offered_prp")
			s.waitFor("the case's start", laidOut, shows("Offered an injection"))
			s.keys("d")
			s.waitFor("the result, urgency first", laidOut, shows("TODAY"))
			// Page down, one page at a time: each press is waited for, so
			// that no page goes by unseen.
			found := false
			for range 80 {
				scr := s.capture()
				if strings.Contains(noSpace(scr.flat), noSpace("What happens next: PRP and stem-cell injections")) {
					found = true
					break
				}
				s.keys("PageDown")
				s.waitFor("the next page", func(_ *pane, now screen) string {
					if now.raw == scr.raw && !strings.Contains(now.lines[0], "100%") {
						return "the page has not moved"
					}
					return ""
				})
			}
			if !found {
				t.Fatalf("paging through the result never shows the injections:\n%s", framed(s.capture()))
			}
			s.keys("c")
			s.waitFor("the panel", shows("What happens next", "call 000"), helpBar("esc close"))
		})
	}
}

// helpBar checks that the bottom line offers keys.
func helpBar(text string) check {
	return func(s *pane, scr screen) string {
		if len(scr.lines) < s.h || !strings.Contains(scr.lines[s.h-1], text) {
			return "the help bar does not offer " + text
		}
		return ""
	}
}

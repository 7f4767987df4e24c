package main

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestE2EDemo is an instructor's course-mode session in a real terminal:
// the case opens with its story, → alone steps to the result with the
// estimate moving beside the questions, l saves the result to the club
// log, and achilles log list then shows the record.
func TestE2EDemo(t *testing.T) {
	needTmux(t)
	for _, size := range [][2]int{{120, 30}, {80, 24}, {40, 12}} {
		w, h := size[0], size[1]
		t.Run(strconv.Itoa(w)+"x"+strconv.Itoa(h), func(t *testing.T) {
			t.Parallel()
			db := filepath.Join(t.TempDir(), "club", "log.db")
			env := []string{"ACHILLES_DB=" + db}
			s := startPane(t, w, h, env, "demo", "classic")
			s.waitFor("the case's start screen", laidOut, shows("Course case: The textbook rupture"))

			s.keys("Right")
			s.waitFor("the case's answer shown on the start screen", laidOut, shows("I am helping the injured person ◂ the case"))
			s.keys("Right")
			s.waitFor("the emergency checklist", laidOut, shows("Do they have any of these now?"))
			if w >= 80 {
				s.waitFor("the estimate beside or under the question", shows("Estimate now"))
			}
			// The instructor steps on to the result, one key at a time.
			var scr screen
			for i := 0; ; i++ {
				scr = s.capture()
				if strings.Contains(scr.lines[0], "Result") {
					break
				}
				if i == 120 {
					t.Fatalf("no result after %d presses of →:\n%s", i, framed(scr))
				}
				before := scr.raw
				s.keys("Right")
				s.waitFor("the screen to change after →", func(_ *pane, scr screen) string {
					if scr.raw == before {
						return "the screen did not change"
					}
					return ""
				})
			}
			s.waitFor("the result", laidOut, shows("TODAY", "What this case teaches"))

			s.keys("l")
			s.waitFor("the club log's form", shows("Save to the club log", "Athlete (required):"))
			s.keys("-l", "J.S. q?")
			s.keys("Enter")
			s.keys("-l", "Under-16s")
			s.keys("Enter")
			// A course case is saved as practice, which exports leave out.
			s.waitFor("the record saved", shows("Saved to the club log as practice record 1 (J.S. q?)."))
			s.keys("q")
			scr = s.waitScrollback("the program to end", exited)
			if code := exitStatus.FindStringSubmatch(scr.raw)[1]; code != "0" {
				t.Errorf("exit status %s, want 0", code)
			}

			list := startPane(t, 100, 10, env, "log", "list")
			scr = list.waitScrollback("log list", exited, shows("J.S. q? (practice)", "Under-16s", "very likely"))
			if code := exitStatus.FindStringSubmatch(scr.raw)[1]; code != "0" {
				t.Errorf("log list: exit status %s:\n%s", code, framed(scr))
			}
		})
	}
}

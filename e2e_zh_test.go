package main

import (
	"strconv"
	"strings"
	"testing"

	"achilles/catalog"
	"achilles/questionnaire"
)

// TestE2EChinese answers the whole questionnaire in Traditional Chinese in
// a real terminal, at 80×24 and 40×12, with the language and region taken
// from LANG=zh_HK.UTF-8: every question shows in Chinese, laid out for the
// terminal, the result names 999, and the summary left after quitting is
// in Chinese.
func TestE2EChinese(t *testing.T) {
	needTmux(t)
	zh := catalog.MustLoad("zh-Hant")
	for _, size := range [][2]int{{80, 24}, {40, 12}} {
		w, h := size[0], size[1]
		t.Run(strconv.Itoa(w)+"x"+strconv.Itoa(h), func(t *testing.T) {
			t.Parallel()
			s := startPane(t, w, h, []string{"LANG=zh_HK.UTF-8"})
			s.cat = zh
			s.waitFor("the start screen", laidOut, shows(zh.T(questionnaire.Answerer.TextKey(false))))
			s.keys("1")
			for _, step := range classicRupture {
				s.waitFor("question "+step.id, laidOut, shows(questionIn(t, zh, step.id)))
				s.keys(step.keys...)
			}
			s.waitFor("the review", laidOut, shows(zh.T("ui.review.show_result")))
			s.keys("d")
			s.waitFor("the result", laidOut, shows(zh.T("triage.same_day.short"), zh.T("report.now")))
			s.keys("q")
			scr := s.waitScrollback("the program to end", exited)
			if code := exitStatus.FindStringSubmatch(scr.raw)[1]; code != "0" {
				t.Errorf("exit status %s, want 0", code)
			}
			for _, want := range []string{zh.T("report.title"), "999", zh.T("band.very_likely")} {
				if !strings.Contains(noSpace(scr.flat), noSpace(want)) {
					t.Errorf("the summary does not say %q:\n%s", want, framed(scr))
				}
			}
		})
	}
}

package textwrap

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestWrapLatinAsBefore(t *testing.T) {
	s := "It asks about the injury and guides a helper through three simple tests, then estimates how likely."
	for _, w := range []int{10, 20, 40, 80} {
		if got, want := Wrap(s, w), ansi.Wrap(s, w, ""); got != want {
			t.Errorf("width %d: %q, want ansi.Wrap's %q", w, got, want)
		}
	}
}

func TestWrapChinese(t *testing.T) {
	for _, s := range []string{
		"有一項跟腱測試（小腿擠壓、Matles 或凹陷）呈陽性：無論其他答案如何，都有可能是斷裂，因此應在即日親身接受檢查。",
		// A full stop after a number: at 76 cells the number ends the
		// first line, and the stop must go with it.
		"供已確診或正在選擇治療方法的人參考。這不能代替求診：如遇緊急情況，請致電 999。",
	} {
		wrapChinese(t, s)
	}
}

func wrapChinese(t *testing.T, s string) {
	t.Helper()
	for _, w := range []int{6, 11, 20, 37, 76} {
		got := Wrap(s, w)
		if strings.ReplaceAll(strings.ReplaceAll(got, "\n", ""), " ", "") != strings.ReplaceAll(s, " ", "") {
			t.Errorf("width %d: text lost or changed: %q", w, got)
		}
		lines := strings.Split(got, "\n")
		for i, l := range lines {
			if ansi.StringWidth(l) > w {
				t.Errorf("width %d: line %d is %d cells: %q", w, i+1, ansi.StringWidth(l), l)
			}
			if r := []rune(l); len(r) > 0 && strings.ContainsRune(closing, r[0]) {
				t.Errorf("width %d: line %d starts with closing punctuation: %q", w, i+1, l)
			}
			if r := []rune(l); len(r) > 0 && strings.ContainsRune(opening, r[len(r)-1]) {
				t.Errorf("width %d: line %d ends with opening punctuation: %q", w, i+1, l)
			}
			// Lines are filled: only the last may be much shorter than
			// the width (by more than one token of 6 cells, a word).
			if i < len(lines)-1 && w >= 20 && ansi.StringWidth(l) < w-8 {
				t.Errorf("width %d: line %d is short (%d cells): %q", w, i+1, ansi.StringWidth(l), l)
			}
		}
	}
}

package ui

import (
	"fmt"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	xwidth "golang.org/x/text/width"

	"achilles/catalog"
	"achilles/region"
)

// TestScreensChinese is TestScreens in Traditional Chinese for Hong Kong:
// every screen at 80×24 and 40×12, dark and light, as golden files. Each
// also fits, and draws no character whose width is ambiguous in CJK
// terminals (box drawing, blocks, arrows, bullets…), which would push the
// layout out of line there.
func TestScreensChinese(t *testing.T) {
	zh := catalog.MustLoad("zh-Hant")
	for _, s := range screenStates {
		for _, size := range [][2]int{{80, 24}, {40, 12}} {
			for _, theme := range []struct {
				name string
				msg  tea.BackgroundColorMsg
			}{{"dark", dark}, {"light", light}} {
				t.Run(fmt.Sprintf("%s/%dx%d/%s", s.name, size[0], size[1], theme.name), func(t *testing.T) {
					opts := testOptions(t)
					opts.Catalog = zh
					opts.Emergency = region.Emergency(zh, "HK")
					opts.Teach = s.teach
					m := newTestModel(t, size[0], size[1], stateOptions(t, opts, s.classic, s.opts))
					m.Update(theme.msg)
					s.to(t, m)
					view := m.View().Content
					checkFits(t, view, size[0], size[1])
					for _, r := range ansi.Strip(view) {
						if xwidth.LookupRune(r).Kind() == xwidth.EastAsianAmbiguous {
							t.Errorf("%q (U+%04X) is of ambiguous width:\n%s", r, r, ansi.Strip(view))
							break
						}
					}
					golden.RequireEqual(t, view)
				})
			}
		}
	}
}

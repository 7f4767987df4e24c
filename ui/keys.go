package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"

	"achilles/catalog"
)

// keyMap is every key binding of the program, with its help text from the
// catalog. Each screen says which bindings work on it (bindings), and only
// those show in its help bar.
type keyMap struct {
	Up, Down       key.Binding
	Move           key.Binding // Up and Down together, for the help bar
	Choose         key.Binding // enter or space: take the highlighted choice
	Number         key.Binding // 1–9: take that choice at once
	Forward        key.Binding // on to the next question, keeping the answer
	Back           key.Binding
	Why, How       key.Binding
	Help           key.Binding
	Emergency      key.Binding
	Quit           key.Binding
	Continue       key.Binding // leave a screen or panel that only informs
	Change         key.Binding // review: change the highlighted answer
	Result         key.Binding // review: show the result
	Scroll         key.Binding // result: the viewport's keys, for help only
	Save           key.Binding
	Review         key.Binding
	New            key.Binding
	Yes, No        key.Binding
	AnswerYes      key.Binding // y on a yes/no question: answer yes
	AnswerNo       key.Binding // n on a yes/no question: answer no
	YesNo          key.Binding // AnswerYes and AnswerNo together, for the help bar
	Tick           key.Binding // the checklist: tick the highlighted sign, or one by its number
	Confirm        key.Binding // the checklist: answer the signs as ticked
	Close          key.Binding // close an overlay
	Digits         key.Binding // number questions: type the number
	Skip           key.Binding // number questions: enter on an empty field
	ForceQuit      key.Binding // ctrl+c, also answers yes to "quit?"
	Top, Bottom    key.Binding
	PageUp, PageDn key.Binding
	Step           key.Binding // course mode: show the case's answer, then choose it
	Jump           key.Binding // course mode: the rest of the case's answers, and the result
	Log            key.Binding // result: save to the club log
	Next           key.Binding // start and result: what happens next, in a panel
	Submit, Field  key.Binding // the club log's form: save; the other field
	FieldEnter     key.Binding // the club log's form: enter in the athlete field moves on
	Cancel         key.Binding
	// Accessible: on the too-small screen, go on in accessible mode, when
	// Options.OfferAccessible says the caller can.
	Accessible key.Binding
}

func newKeyMap(cat *catalog.Catalog, ascii bool) keyMap {
	// Arrows are of ambiguous width: in terminals that draw them two cells
	// wide, the help names the keys in letters.
	arrows := strings.NewReplacer("↑↓", "up/dn", "↑", "up", "↓", "dn", "→", "right", "←", "left")
	b := func(keys []string, help, desc string) key.Binding {
		if ascii {
			help = arrows.Replace(help)
		}
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, cat.T(desc)))
	}
	return keyMap{
		Up:        b([]string{"up", "k"}, "↑/k", "ui.key.up"),
		Down:      b([]string{"down", "j"}, "↓/j", "ui.key.down"),
		Move:      b([]string{"up", "down"}, "↑↓", "ui.key.move"),
		Choose:    b([]string{"enter", "space"}, "enter", "ui.key.choose"),
		Number:    b([]string{"1", "2", "3", "4", "5", "6", "7", "8", "9"}, "1-9", "ui.key.number"),
		Forward:   b([]string{"right", "l", "tab"}, "→/tab", "ui.key.forward"),
		Back:      b([]string{"esc", "shift+tab", "left", "h"}, "esc", "ui.key.back"),
		Why:       b([]string{"w"}, "w", "ui.key.why"),
		How:       b([]string{"t"}, "t", "ui.key.how"),
		Help:      b([]string{"?"}, "?", "ui.key.help"),
		Emergency: b([]string{"!"}, "!", "ui.key.emergency"),
		Quit:      b([]string{"q", "ctrl+c"}, "q", "ui.key.quit"),
		Continue:  b([]string{"enter", "space"}, "enter", "ui.key.continue"),
		Change:    b([]string{"enter", "space"}, "enter", "ui.key.change"),
		Result:    b([]string{"d", "right", "l", "tab"}, "d", "ui.key.result"),
		Scroll:    b([]string{"up", "down", "pgup", "pgdown"}, "↑↓", "ui.key.scroll"),
		Save:      b([]string{"s"}, "s", "ui.key.save"),
		Review:    b([]string{"r"}, "r", "ui.key.review"),
		New:       b([]string{"n"}, "n", "ui.key.new"),
		Yes:       b([]string{"y", "enter"}, "y", "ui.key.yes"),
		No:        b([]string{"n", "esc"}, "n/esc", "ui.key.no"),
		AnswerYes: b([]string{"y"}, "y", "ui.key.yes"),
		AnswerNo:  b([]string{"n"}, "n", "ui.key.no"),
		YesNo:     b([]string{"y", "n"}, "y/n", "ui.key.yes_no"),
		Tick:      b([]string{"space", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}, "space/0-9", "ui.key.tick"),
		Confirm:   b([]string{"enter"}, "enter", "ui.key.confirm"),
		Close:     b([]string{"esc", "enter", "space", "q", "?", "w", "t", "!"}, "esc", "ui.key.close"),
		Digits:    b([]string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}, "0-9", "ui.key.digits"),
		Skip:      b([]string{"enter"}, "enter", "ui.key.skip"),
		ForceQuit: b([]string{"ctrl+c"}, "ctrl+c", "ui.key.quit"),
		Top:       b([]string{"home", "g"}, "g/home", "ui.key.top"),
		Bottom:    b([]string{"end", "G"}, "G/end", "ui.key.bottom"),
		PageUp:    b([]string{"pgup", "b"}, "pgup", "ui.key.page_up"),
		PageDn:    b([]string{"pgdown", "space", "f"}, "pgdn", "ui.key.page_down"),
		// Presentation clickers send → or page down.
		Step: b([]string{"right", "l", "tab", "pgdown"}, "→", "ui.key.step"),
		Jump: b([]string{"d"}, "d", "ui.key.jump"),
		Log:  b([]string{"l"}, "l", "ui.key.log"),
		Next: b([]string{"c"}, "c", "ui.key.next"),
		// The form's keys are read by logKey; these are for its help bar.
		Submit: b([]string{"enter"}, "enter", "ui.key.submit"),
		Field:  b([]string{"tab"}, "tab", "ui.key.field"),
		// Enter in the athlete field moves on to the team; in the team
		// field it saves.
		FieldEnter: b([]string{"enter"}, "enter", "ui.key.field"),
		Cancel:     b([]string{"esc"}, "esc", "ui.key.cancel"),
		// Its words are in the too-small screen's sentence, not a help bar.
		Accessible: b([]string{"a"}, "a", "ui.key.cancel"),
	}
}

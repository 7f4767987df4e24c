package ui

import (
	"strconv"

	"github.com/charmbracelet/x/ansi"
)

// block is a piece of a screen's body. When a screen does not fit, blocks
// are dropped lowest priority first; a flexible block (a list of choices) is
// then shown through a window around its focus.
type block struct {
	lines []string
	prio  int // priorities at or above must are never dropped
	flex  bool
	focus [2]int // the lines [from, to) of a flexible block to keep visible
	// starts are the first lines of the items of a flexible block; a window
	// begins on one, never half-way through an item.
	starts []int
}

// must is the priority of blocks that are never dropped.
const must = 100

// gap is a blank line between blocks, the first thing to go.
func gap() block { return block{lines: []string{""}, prio: 0} }

// compose lays blocks out in order within h lines.
func compose(c *common, h int, blocks ...block) []string {
	total := 0
	for _, b := range blocks {
		total += len(b.lines)
	}
	for total > h {
		low := -1
		for i, b := range blocks {
			if b.prio < must && !b.flex && len(b.lines) > 0 && (low < 0 || b.prio < blocks[low].prio) {
				low = i
			}
		}
		if low < 0 {
			break
		}
		total -= len(blocks[low].lines)
		blocks[low].lines = nil
	}
	if total > h {
		for i := range blocks {
			if blocks[i].flex {
				room := max(1, h-(total-len(blocks[i].lines)))
				total -= len(blocks[i].lines)
				blocks[i].lines = window(c, blocks[i].lines, blocks[i].focus, blocks[i].starts, room)
				total += len(blocks[i].lines)
			}
		}
	}
	out := make([]string, 0, total)
	for _, b := range blocks {
		out = append(out, b.lines...)
	}
	return out
}

// window shows room lines of lines, keeping focus in view, and marks with
// an arrow where more lies above or below.
func window(c *common, lines []string, focus [2]int, starts []int, room int) []string {
	if len(lines) <= room {
		return lines
	}
	start := 0
	if focus[1] > room {
		start = focus[1] - room
	}
	if focus[0] < start {
		start = focus[0]
	}
	start = max(0, min(start, len(lines)-room))
	// The arrow line covers the first line shown, so the window begins the
	// line before an item: no item is shown cut in half at the top. The
	// focus must stay in view.
	if start > 0 && room >= 3 {
		for _, s := range starts {
			if s >= start+1 {
				if s <= focus[0] {
					start = s - 1
				}
				break
			}
		}
	}
	end := min(len(lines), start+room)
	out := append([]string(nil), lines[start:end]...)
	if room >= 3 {
		if start > 0 && focus[0] > start {
			out[0] = c.st.muted.Render("  " + c.cat.T("ui.more_above"))
		}
		if end < len(lines) && focus[1] < end {
			out[len(out)-1] = c.st.muted.Render("  " + c.cat.T("ui.more_below"))
		}
	}
	return out
}

func itoa(n int) string { return strconv.Itoa(n) }

// width is the display width of s in cells.
func width(s string) int { return ansi.StringWidth(s) }

// scroll shows h lines of lines from *offset, keeping the offset in range,
// and marks where more lies above or below.
func scroll(c *common, lines []string, offset *int, h int) []string {
	if len(lines) <= h {
		*offset = 0
		return lines
	}
	*offset = max(0, min(*offset, len(lines)-h))
	out := append([]string(nil), lines[*offset:*offset+h]...)
	if h >= 3 {
		if *offset > 0 {
			out[0] = c.st.muted.Render(c.cat.T("ui.more_above"))
		}
		if *offset+h < len(lines) {
			out[h-1] = c.st.muted.Render(c.cat.T("ui.more_below"))
		}
	}
	return out
}

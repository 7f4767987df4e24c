package ui

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// The keys of a whole questionnaire as a terminal sends them: a classic
// rupture (the emergency checklist: 0, none of these, and enter), then
// the result and quit. After the main questions' tiptoe (less than a day,
// sudden, cannot) the triage is settled: 2 goes on for the fuller report.
const typedRun = "1" + "0\r" + "112" + "2" + "21" + "1111" + "14\r12" + "21" + "112" + "41\r222" + "d" + "q"

func TestRunLeavesTheSummary(t *testing.T) {
	var screen, summary bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	err := Run(ctx, strings.NewReader(typedRun), &screen, &summary, testOptions(t))
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	got := summary.String()
	// The report, urgency first, then the recap: urgency and estimate.
	if !strings.HasPrefix(got, "ACHILLES TENDON RUPTURE: ASSESSMENT\n\n[!] TODAY\n") ||
		!strings.HasSuffix(got, "\n\nUrgency: [!] TODAY. Get seen in person today\nEstimate: >99% chance of a complete rupture (very likely)\n") {
		t.Errorf("the summary does not start with the urgency and end with the recap:\n%s", got)
	}
	for _, want := range []string{"ACHILLES TENDON RUPTURE: ASSESSMENT", "(very likely)", "[!] TODAY", "Disclaimer"} {
		if !strings.Contains(got, want) {
			t.Errorf("the summary lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "\x1b") {
		t.Error("the summary has escape codes")
	}
	// Without a summary writer (--no-summary) nothing is written.
	screen.Reset()
	if err := Run(ctx, strings.NewReader(typedRun), &screen, nil, testOptions(t)); err != nil {
		t.Fatalf("Run without summary: %v", err)
	}
}

// Quitting before the result leaves no report, but "not finished" and the
// emergency number.
func TestRunQuitHalfWay(t *testing.T) {
	var screen, summary bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := Run(ctx, strings.NewReader("12qy"), &screen, &summary, testOptions(t)); err != nil {
		t.Fatalf("Run: %v", err)
	}
	got := summary.String()
	if strings.Contains(got, "ASSESSMENT") || !strings.HasPrefix(got, "Not finished:") || !strings.HasSuffix(got, "In an emergency, call your local emergency number (999, 112, 911…) now.\n") {
		t.Errorf("quitting half-way does not leave just 'not finished' and the emergency number:\n%s", got)
	}
}

// panicky is a model that panics on the first key.
type panicky struct{}

func (panicky) Init() tea.Cmd { return nil }
func (panicky) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(tea.KeyPressMsg); ok {
		panic("boom")
	}
	return panicky{}, nil
}
func (panicky) View() tea.View { return tea.NewView("ready") }

// A panic ends the program with an error the command line maps to exit 1,
// after Bubble Tea restored the terminal.
func TestRunPanic(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var screen bytes.Buffer
	_, err := runProgram(ctx, panicky{}, strings.NewReader("x"), &screen, false)
	if !errors.Is(err, tea.ErrProgramPanic) || !strings.Contains(err.Error(), "internal error") {
		t.Fatalf("a panic gave %v, want an internal error wrapping ErrProgramPanic", err)
	}
}

// Cancelling the context (Ctrl+C from outside) returns its error.
func TestRunCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	pr, pw := ioPipe()
	defer pw.Close()
	err := Run(ctx, pr, &bytes.Buffer{}, nil, testOptions(t))
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("a cancelled run returned %v, want context.Canceled", err)
	}
}

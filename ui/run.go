package ui

import (
	"context"
	"errors"
	"fmt"
	"io"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"achilles/ui/accessible"
)

// Run runs the questionnaire on the terminal given by in and out until the
// person quits. Then what the terminal should keep is written to summary
// (unless summary is nil), so that it stays in the scrollback: after a
// result, the plain-text report and a recap; before one, that it was not
// finished and the emergency number (see Model.Farewell). When the person
// chose accessible mode on the too-small screen (Options.OfferAccessible),
// it goes on in accessible mode instead. A panic inside the program restores the
// terminal and is returned as an error; Ctrl+C from outside (the context)
// returns the context's error.
func Run(ctx context.Context, in io.Reader, out io.Writer, summary io.Writer, opts Options) error {
	if opts.Catalog == nil {
		return errors.New("ui: no catalog")
	}
	final, err := runProgram(ctx, New(opts), in, out, opts.NoColor)
	if err != nil {
		return err
	}
	if m, ok := final.(*Model); ok && m.WantsAccessible() {
		// Asked for on the too-small screen: the same questionnaire goes on
		// as plain prompts on the same terminal, from the answers so far,
		// and ends with its own report.
		opts.Answers = m.Answers()
		return runAccessible(ctx, in, out, opts, m.c.width)
	}
	if summary == nil {
		return nil
	}
	return WriteSummary(summary, final)
}

// RunAccessible asks the same questionnaire as plain numbered prompts
// (accessible mode), reading answers line by line from in and writing only
// plain text to out, ending with the text report. It is Run's twin for
// screen readers, TERM=dumb and pipes, as a huh field has RunAccessible
// beside Update and View; package accessible does the work, and takes from
// opts what it uses.
func RunAccessible(ctx context.Context, in io.Reader, out io.Writer, opts Options) error {
	return runAccessible(ctx, in, out, opts, 0)
}

// runAccessible is RunAccessible on a terminal width cells wide (0: 80 or
// more), whose lines it wraps to.
func runAccessible(ctx context.Context, in io.Reader, out io.Writer, opts Options, width int) error {
	return accessible.Run(ctx, in, out, accessible.Options{
		Width:     width,
		Catalog:   opts.Catalog,
		Emergency: opts.Emergency,
		Advice:    opts.Advice,
		Region:    opts.Region,
		Teach:     opts.Teach,
		Answers:   opts.Answers,
		Case:      opts.Case,
	})
}

// runProgram runs a Bubble Tea model on the terminal and turns what ends it
// into the errors the command line maps to exit codes.
func runProgram(ctx context.Context, m tea.Model, in io.Reader, out io.Writer, noColor bool) (tea.Model, error) {
	popts := []tea.ProgramOption{tea.WithContext(ctx), tea.WithInput(in), tea.WithOutput(out)}
	if noColor {
		popts = append(popts, tea.WithColorProfile(colorprofile.Ascii))
	}
	final, err := tea.NewProgram(m, popts...).Run()
	switch {
	case errors.Is(err, tea.ErrProgramPanic):
		return final, fmt.Errorf("internal error: the questionnaire stopped unexpectedly (%w); the terminal was restored", err)
	case ctx.Err() != nil:
		return final, ctx.Err()
	case errors.Is(err, tea.ErrInterrupted):
		return final, context.Canceled
	}
	return final, err
}

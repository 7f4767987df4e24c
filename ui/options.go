// Package ui is the interactive side of achilles: the Bubble Tea
// questionnaire (start, emergency check, questions, review, result) and,
// through RunAccessible, the accessible mode of package ui/accessible that
// asks the same questions as plain numbered prompts.
// It only presents; the questions come from questionnaire and the estimate
// and advice from assessment.
//
// The questionnaire's screens (start, question, emergency, review, result)
// and its overlays (the club log's form, the confirmations, the panels)
// each keep their own state, a cursor, a scroll position or what is typed,
// and read the answers without changing them. A key goes from the root
// Model to the overlay open or the screen shown, whose update returns an
// intent: a small value saying what should happen next (record this
// answer and go on, back, change a question from the review, the result,
// open or close an overlay, save, quit). The root applies it: it alone
// owns the answers, moves between screens and opens overlays, so a screen
// never reaches into another's state.
package ui

import (
	"achilles/assessment"
	"achilles/catalog"
	q "achilles/questionnaire"
)

// Options are what a session of the questionnaire needs from the command
// line. The zero value is not usable: Catalog is required.
type Options struct {
	// Catalog is the language of every word shown.
	Catalog *catalog.Catalog
	// Emergency is how to reach emergency services in the user's region, in
	// words ("999", or the generic sentence when the region is unknown).
	// Empty means the generic sentence.
	Emergency string
	// Advice is the region's sentence on its advice line for when it is
	// not an emergency (NHS 111), shown on its own after the emergency
	// number; "" for none.
	Advice string
	// Region is the user's region, an ISO 3166 code ("" when unknown): it
	// picks where to go today and the facts on stem-cell products in
	// "what happens next".
	Region string
	// Teach turns on the teaching overlay: the running estimate and how
	// each answer moved it.
	Teach bool
	// NoColor shows no colour at all (NO_COLOR=1 or --no-color).
	NoColor bool
	// Answers are answers to start from (empty for a fresh assessment).
	Answers q.Answers
	// Case is the ID of the course case being demonstrated (achilles demo
	// ID), empty for an ordinary session. Its answers are ready to be
	// stepped through one key at a time, and the teaching overlay is on;
	// Answers is then ignored. An unknown ID is an ordinary session.
	Case string
	// SaveReport saves the Markdown report as a file and returns its path
	// (the command line's is reportfile.Saver). Nil means nothing may be
	// saved, as on the classroom server, where nothing a student does is
	// written to the server's disk: saving the report, and saving to the
	// club log when there is none, show the report on screen to copy
	// instead.
	SaveReport func(rep *assessment.Report) (path string, err error)
	// SaveToLog saves an assessment to the club log under the athlete's
	// name and team, and returns the new record's ID. Nil means there is
	// no club log to save to.
	SaveToLog func(athlete, team string, rep *assessment.Report) (id string, err error)
	// OfferAccessible: the screen shown when the terminal is too small
	// offers a key (a) that ends the program to go on in accessible mode
	// with the answers so far; Model.WantsAccessible then says so. Run
	// then goes on in accessible mode on the same terminal; the class
	// server switches itself. Without it, that screen says to run
	// achilles --accessible.
	OfferAccessible bool
}

// emergency is the emergency number sentence, never empty.
func (o *Options) emergency() string {
	if o.Emergency != "" {
		return o.Emergency
	}
	return o.Catalog.T("emergency.number.unknown")
}

// copyOnly says nothing may be saved: the report is shown to copy instead.
func (o *Options) copyOnly() bool { return o.SaveReport == nil }

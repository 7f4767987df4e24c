// Package ui is the interactive side of achilles: the Bubble Tea
// questionnaire (start, emergency check, questions, review, result) and,
// through RunAccessible, the accessible mode of package ui/accessible that
// asks the same questions as plain numbered prompts.
// It only presents; the questions come from questionnaire and the estimate
// and advice from assessment.
package ui

import (
	"time"

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
	// Teach turns on the teaching overlay: the running estimate and how
	// each answer moved it.
	Teach bool
	// NoColor shows no colour at all (NO_COLOR=1 or --no-color).
	NoColor bool
	// Now is the clock, for report timestamps and file names.
	Now func() time.Time
	// Version is the program's version, stamped on saved reports.
	Version string
	// Dir is the folder reports are saved in; empty means the current
	// directory.
	Dir string
	// Answers are answers to start from (empty for a fresh assessment).
	Answers q.Answers
	// Case is the ID of the course case being demonstrated (achilles demo
	// ID), empty for an ordinary session. Its answers are ready to be
	// stepped through one key at a time, and the teaching overlay is on;
	// Answers is then ignored. An unknown ID is an ordinary session.
	Case string
	// Served says the session is a student's on the classroom server:
	// nothing may be written to the server's disk, so saving the report or
	// saving to the club log shows the report on screen to copy instead.
	Served bool
	// SaveToLog saves an assessment to the club log under the athlete's
	// name and team, and returns the new record's ID. Nil means there is
	// no club log to save to.
	SaveToLog func(athlete, team string, rep *assessment.Report) (id string, err error)
}

// emergency is the emergency number sentence, never empty.
func (o *Options) emergency() string {
	if o.Emergency != "" {
		return o.Emergency
	}
	return o.Catalog.T("emergency.number.unknown")
}

// now is the clock, never nil.
func (o *Options) now() time.Time {
	if o.Now != nil {
		return o.Now()
	}
	return time.Now()
}

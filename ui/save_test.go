package ui

import (
	"time"

	"achilles/assessment"
	"achilles/reportfile"
)

// testNow is the tests' clock, stamped on the reports they save.
var testNow = time.Date(2026, 11, 22, 14, 5, 0, 0, time.UTC)

// savingIn saves reports as files in dir, as the command line does, with
// the tests' clock and version.
func savingIn(dir string) func(*assessment.Report) (string, error) {
	return reportfile.Saver(dir, func() time.Time { return testNow }, "test")
}

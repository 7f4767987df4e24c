// Package reportfile saves the Markdown report as a file a person takes
// to the clinician: named by the time it was made, readable by its owner
// only, never overwriting another file. The command line gives it to the
// questionnaire (ui.Options.SaveReport); the questionnaire itself writes
// no files.
package reportfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"achilles/assessment"
	"achilles/report"
)

// Name is the default file name of a report made at t.
func Name(t time.Time) string {
	return "achilles-report-" + t.Format("20060102-1504") + ".md"
}

// Save writes the Markdown report into dir (the current directory if
// empty) under Name, or with -2, -3… added when that file exists: an
// existing file is never overwritten. The file is created readable by its
// owner only. It returns the absolute path. Nothing half-written is left
// behind: a failed write removes the file.
func Save(dir string, now time.Time, version string, rep *assessment.Report) (string, error) {
	md := report.Markdown(rep, report.MarkdownOptions{Now: now, Version: version})
	if dir == "" {
		dir = "."
	}
	base := Name(now)
	ext := filepath.Ext(base)
	stem := base[:len(base)-len(ext)]
	for i := 1; i <= 100; i++ {
		name := base
		if i > 1 {
			name = fmt.Sprintf("%s-%d%s", stem, i, ext)
		}
		path := filepath.Join(dir, name)
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", err
		}
		_, err = f.WriteString(md)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(path)
			return "", err
		}
		if abs, err := filepath.Abs(path); err == nil {
			path = abs
		}
		return path, nil
	}
	return "", fmt.Errorf("%s and 99 numbered copies already exist in %s", base, dir)
}

// Saver is Save into dir, stamped with the clock and the version, in the
// form the questionnaire takes (ui.Options.SaveReport).
func Saver(dir string, now func() time.Time, version string) func(*assessment.Report) (string, error) {
	return func(rep *assessment.Report) (string, error) {
		return Save(dir, now(), version, rep)
	}
}

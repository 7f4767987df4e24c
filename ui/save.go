package ui

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	tea "charm.land/bubbletea/v2"

	"achilles/assessment"
	"achilles/report"
)

// savedMsg reports how saving the report went, in words for the status line.
type savedMsg struct {
	text string
	err  bool
}

// save writes the Markdown report in the background.
func save(opts *Options, rep assessment.Report) tea.Cmd {
	now := opts.now()
	return func() tea.Msg {
		path, err := SaveReport(opts.Dir, now, opts.Version, &rep)
		if err != nil {
			return savedMsg{text: opts.Catalog.F("ui.save_failed", "error", err.Error()), err: true}
		}
		return savedMsg{text: opts.Catalog.F("ui.saved", "path", path)}
	}
}

// ReportName is the default file name of a report made at t.
func ReportName(t time.Time) string {
	return "achilles-report-" + t.Format("20060102-1504") + ".md"
}

// SaveReport writes the Markdown report into dir (the current directory if
// empty) under ReportName, or with -2, -3… added when that file exists: an
// existing file is never overwritten. The file is created readable by its
// owner only. It returns the absolute path. Nothing half-written is left
// behind: a failed write removes the file.
func SaveReport(dir string, now time.Time, version string, rep *assessment.Report) (string, error) {
	md := report.Markdown(rep, report.MarkdownOptions{Now: now, Version: version})
	if dir == "" {
		dir = "."
	}
	base := ReportName(now)
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

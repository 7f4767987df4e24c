package cli

import (
	"context"
	"io"
	"path/filepath"
	"strconv"
	"testing"

	"achilles/assessment"
	"achilles/cases"
	"achilles/catalog"
	"achilles/clublog"
)

// addRecord does what achilles log add does once the log is open: assess
// the answers, make the record, save it in its own transaction.
func addRecord(b *testing.B, l *clublog.Log, cat *catalog.Catalog, c cases.Case, athlete string) {
	rep := assessment.NewReport(assessment.Assess(c.Answers), cat, assessment.Options{})
	if _, err := l.Add(context.Background(), clublog.NewRecord(&rep, athlete, "Under-18s", fixedNow)); err != nil {
		b.Fatal(err)
	}
}

func benchLog(b *testing.B) *clublog.Log {
	l, err := clublog.Open(filepath.Join(b.TempDir(), "log.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { l.Close() })
	return l
}

// BenchmarkLogAdd saves records one transaction each, as separate runs of
// achilles log add would (each waits for the disk: synchronous=FULL).
func BenchmarkLogAdd(b *testing.B) {
	l := benchLog(b)
	cat := catalog.MustLoad("en")
	all := cases.All()
	for i := 0; b.Loop(); i++ {
		addRecord(b, l, cat, all[i%len(all)], "Athlete "+strconv.Itoa(i))
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "records/s")
}

// BenchmarkLogExport exports a log of 10,000 records as CSV.
func BenchmarkLogExport(b *testing.B) {
	const n = 10000
	l := benchLog(b)
	cat := catalog.MustLoad("en")
	all := cases.All()
	for i := range n {
		addRecord(b, l, cat, all[i%len(all)], "Athlete "+strconv.Itoa(i))
	}
	for b.Loop() {
		if _, err := l.WriteCSV(context.Background(), io.Discard, clublog.ExportOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "records/s")
}

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

// BenchmarkLogExport exports a log of 10,000 records, each with a
// follow-up, as CSV and as an Excel workbook in Chinese; every record is
// checked before the first byte is written.
func BenchmarkLogExport(b *testing.B) {
	const n = 10000
	l := benchLog(b)
	cat := catalog.MustLoad("en")
	all := cases.All()
	for i := range n {
		addRecord(b, l, cat, all[i%len(all)], "運動員 "+strconv.Itoa(i))
		f := clublog.FollowUp{Created: fixedNow, Status: "diagnosed", Diagnosis: "partial tear"}
		if _, err := l.AddFollowUp(context.Background(), int64(i+1), f); err != nil {
			b.Fatal(err)
		}
	}
	zh := catalog.MustLoad("zh-Hant")
	for _, format := range []string{"csv", "xlsx"} {
		b.Run(format, func(b *testing.B) {
			for b.Loop() {
				var err error
				if format == "csv" {
					_, err = l.WriteCSV(context.Background(), io.Discard, clublog.ExportOptions{})
				} else {
					_, err = l.WriteXLSX(context.Background(), io.Discard, zh, clublog.ExportOptions{})
				}
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "records/s")
		})
	}
}

package assessment

import (
	"math/rand/v2"
	"testing"

	"achilles/catalog"
	q "achilles/questionnaire"
)

func benchAnswers() []q.Answers {
	rng := rand.New(rand.NewPCG(11, 12))
	as := make([]q.Answers, 1024)
	for i := range as {
		as[i] = randomAnswers(rng)
	}
	return as
}

// BenchmarkAssess measures the model alone. Target: at least 1,000,000
// assessments per second on one core, with no allocation.
func BenchmarkAssess(b *testing.B) {
	as := benchAnswers()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		r := Assess(as[i&1023])
		if r.Probability < 0 {
			b.Fatal("impossible")
		}
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "assessments/s")
}

// BenchmarkReportJSON measures what `assess --batch` does per line after
// parsing: the model, the words of the report, and the JSON.
func BenchmarkReportJSON(b *testing.B) {
	as := benchAnswers()
	cat := catalog.MustLoad("en")
	buf := make([]byte, 0, 16384)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		rep := NewReport(Assess(as[i&1023]), cat, Options{})
		buf = rep.AppendJSON(buf[:0])
		i++
	}
}

// BenchmarkReachable measures the settled check, which the questionnaire
// runs once per answer, not per key.
func BenchmarkReachable(b *testing.B) {
	as := benchAnswers()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		r := Reachable(as[i&1023])
		if r.Lowest > r.Highest {
			b.Fatal("impossible")
		}
		i++
	}
}

package accessible

import (
	"strings"
	"testing"
)

// Accessible mode gives "what happens next" in its report as the screens
// do, after what to do now and where to go and before what moved the
// estimate, in words a screen reader reads: no bullets, the recovery
// table as lines of "weeks 0–2" and what happens, and the region's rules.
func TestWhatHappensNext(t *testing.T) {
	input, _ := story{assign: []string{"answerer=self", "time_since=lt_24h", "onset=sudden", "mechanism=push_off",
		"pop=yes", "pain_site=achilles", "tiptoe=cannot", "push_weak=yes"}}.script(t)
	out := runScript(t, input, Options{Catalog: en, Emergency: "911", Region: "US"})
	order := []string{
		"What to do now",
		"Where to go, and how fast",
		"orthopedic walk-in (urgent) clinic",
		"What happens next: an operation or a boot",
		"about 6 in 100 without an operation",
		"What happens next: what recovery looks like",
		"weeks 0–2    A cast or boot",
		"What happens next: PRP and stem-cell injections",
		"the FDA has approved no stem-cell",
		"What happens next: blood clots and driving",
		"Call 911 at once for chest pain",
		"What happens next: questions to take to the appointment",
		"What moved the estimate",
		"FDA consumer information, June 2021",
	}
	flat := strings.Join(strings.Fields(out), " ")
	at := 0
	for _, want := range order {
		i := strings.Index(flat[at:], strings.Join(strings.Fields(want), " "))
		if i < 0 {
			t.Fatalf("the accessible report lacks %q after what came before it:\n%s", want, out)
		}
		at += i
	}
	_, next, _ := strings.Cut(out, "What happens next: an operation or a boot")
	next, _, _ = strings.Cut(next, "What moved the estimate")
	if strings.Contains(next, en.T("symbol.bullet")) {
		t.Errorf("the section is read with bullets:\n%s", next)
	}
}

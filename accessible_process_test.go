package main

import (
	"strings"
	"testing"
)

// Accessible mode through a real pipe: invalid answers are asked again
// with what is allowed, the questions follow the same branching, and the
// run ends with the same text report as achilles assess in the same
// words, without its symbols (a screen reader would read them aloud) and
// without a single escape code.
func TestAccessibleThroughAPipe(t *testing.T) {
	input := strings.Join([]string{
		"1",          // the injured person
		"maybe", "0", // the emergency checklist: invalid, then none of these
		"1",            // less than 24 hours
		"2",            // gradual onset: no questions about the event
		"", "", "", "", // tiptoe, who examines, the calf squeeze and the side skipped
		"9", "1", // pain site: no choice 9, then the achilles
		"2",       // a gradual onset asks about a heel bump: no
		"11", "3", // pain: out of range, then 3
	}, "\n") + "\n"
	got := run(t, strings.NewReader(input), "--accessible")
	if got.code != 0 || got.stderr != "" {
		t.Fatalf("exit %d, stderr %q", got.code, got.stderr)
	}
	out := got.stdout
	for _, want := range []string{"There is no choice 9", "\"maybe\" is not", "Please type", "The input has ended"} {
		if !strings.Contains(out, want) {
			t.Errorf("the transcript lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(out, "Did it start suddenly during an activity") {
		t.Fatalf("the onset question was not asked:\n%s", out)
	}
	if strings.Contains(out, "What was your foot doing when it happened?") || strings.Contains(out, "\x1b") {
		t.Errorf("a gradual onset still asked about the event, or an escape code was written:\n%s", out)
	}
	want := run(t, nil, "assess", "--answer", "answerer=self", "--answer", "chest_symptoms=no", "--answer", "open_wound=no",
		"--answer", "numb_or_cold_foot=no", "--answer", "deformity=no", "--answer", "severe_tense_calf=no",
		"--answer", "heel_skin=no", "--answer", "calf_swelling_warm=no", "--answer", "time_since=lt_24h",
		"--answer", "onset=gradual", "--answer", "pain_site=achilles", "--answer", "heel_bump=no", "--answer", "pain_now=3")
	if flat := strings.Join(strings.Fields(out), " "); want.code != 0 || !strings.Contains(flat, spokenWords(want.stdout)+" Urgency: ") {
		t.Errorf("accessible mode does not end with the report of achilles assess, then the recap:\n%s\n--- want the end:\n%s", out, want.stdout)
	}
}

// spokenWords are the words of a text report as accessible mode says them:
// the urgency's marker ("[!]") as "How urgent:", without the bar of the
// estimate, bullets or arrows.
func spokenWords(report string) string {
	var words []string
	for _, w := range strings.Fields(report) {
		switch {
		case w == "[ok]" || w == "[i]" || strings.HasPrefix(w, "[!"):
			words = append(words, "How", "urgent:")
		case strings.HasPrefix(w, "[#") || strings.HasPrefix(w, "[."), w == "•", w == "↑", w == "↓":
		default:
			words = append(words, w)
		}
	}
	return strings.Join(words, " ")
}

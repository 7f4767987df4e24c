package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"achilles/cases"
	"achilles/catalog"
)

// demo --list is one case a line: ID, a tab, the title (docs/contract.md).
func TestDemoList(t *testing.T) {
	out := run(t, "demo", "--list")
	if out.code != 0 || out.stderr != "" {
		t.Fatalf("demo --list: %v", out)
	}
	lines := strings.Split(strings.TrimSuffix(out.stdout, "\n"), "\n")
	if len(lines) != len(cases.All()) {
		t.Fatalf("%d lines for %d cases:\n%s", len(lines), len(cases.All()), out.stdout)
	}
	for i, l := range lines {
		id, title, ok := strings.Cut(l, "\t")
		if !ok || id != cases.IDs()[i] || title == "" || strings.Contains(title, "\t") {
			t.Errorf("line %d = %q, want ID<tab>title for %s", i+1, l, cases.IDs()[i])
		}
	}
	if !strings.HasPrefix(out.stdout, "classic\tThe textbook rupture\n") {
		t.Errorf("first line %q", lines[0])
	}
}

// On a terminal, demo --list is for people: the ID, the title and the
// lesson in a few words, each case on one line, in columns aligned by
// display width in every language (a Chinese character is two cells wide).
func TestDemoListOnATerminal(t *testing.T) {
	for _, lang := range catalog.Languages() {
		cat := catalog.MustLoad(lang)
		out := runWith(t, runOpts{terminal: true}, "demo", "--list", "--lang", lang)
		if out.code != 0 || strings.Contains(out.stdout, "\t") {
			t.Fatalf("%s: demo --list on a terminal: %v", lang, out)
		}
		lines := strings.Split(strings.TrimSuffix(out.stdout, "\n"), "\n")
		if len(lines) != len(cases.All()) {
			t.Fatalf("%s: %d lines for %d cases:\n%s", lang, len(lines), len(cases.All()), out.stdout)
		}
		titleAt, gistAt := -1, -1
		for i, c := range cases.All() {
			l := lines[i]
			title, gist := cat.T(c.TitleKey()), cat.T(c.GistKey())
			ti, gi := strings.Index(l, title), strings.LastIndex(l, gist)
			if !strings.HasPrefix(l, c.ID+" ") || ti < 0 || gi < ti+len(title) || !strings.HasSuffix(l, gist) {
				t.Fatalf("%s: line %q is not ID, title, lesson for %s", lang, l, c.ID)
			}
			// The columns start at the same cell on every line.
			tc, gc := ansi.StringWidth(l[:ti]), ansi.StringWidth(l[:gi])
			if i == 0 {
				titleAt, gistAt = tc, gc
			}
			if tc != titleAt || gc != gistAt {
				t.Errorf("%s: %s's title starts at cell %d and lesson at %d, want %d and %d:\n%s",
					lang, c.ID, tc, gc, titleAt, gistAt, out.stdout)
			}
			if w := ansi.StringWidth(l); w > 80 {
				t.Errorf("%s: line for %s is %d cells wide, over 80", lang, c.ID, w)
			}
		}
	}
}

func TestDemoBadUsage(t *testing.T) {
	for _, c := range []struct {
		args []string
		want []string
	}{
		{[]string{"demo", "nope"}, []string{`no course case "nope"`, "classic", "red_flag", "demo --list"}},
		{[]string{"demo", "classic", "missed"}, []string{"one case"}},
		{[]string{"demo", "--list", "classic"}, []string{"--list takes no case"}},
		{[]string{"assess", "--case", "nope"}, []string{"--case", `no course case "nope"`, "tendinopathy"}},
		{[]string{"assess", "--case", "classic", "--batch"}, []string{"--case cannot be used"}},
	} {
		out := run(t, c.args...)
		if out.code != ExitUsage || out.stdout != "" {
			t.Errorf("%v: %v, want exit 2 and nothing on stdout", c.args, out)
		}
		for _, w := range c.want {
			if !strings.Contains(out.stderr, w) {
				t.Errorf("%v: stderr %q does not say %q", c.args, out.stderr, w)
			}
		}
	}
}

// demo alone lists the cases to choose from.
func TestDemoWithoutCase(t *testing.T) {
	out := run(t, "demo")
	if out.code != 0 || !strings.HasPrefix(out.stdout, "classic\tThe textbook rupture\n") || !strings.Contains(out.stderr, "achilles demo classic") {
		t.Errorf("demo without a case: %v", out)
	}
}

// demo ID is the questionnaire: without a terminal it says so, like
// achilles itself.
func TestDemoNeedsTerminal(t *testing.T) {
	out := run(t, "demo", "classic")
	if out.code != ExitUsage || !strings.Contains(out.stderr, "needs a terminal") {
		t.Errorf("demo classic without a terminal: %v", out)
	}
}

// assess --case gives the case's assessment; --answer changes one answer
// of it; --answers merges over it.
func TestAssessCase(t *testing.T) {
	assess := func(args ...string) map[string]any {
		t.Helper()
		out := run(t, append([]string{"assess", "--format", "json"}, args...)...)
		if out.code != 0 {
			t.Fatalf("%v: %v", args, out)
		}
		var doc map[string]any
		if err := json.Unmarshal([]byte(out.stdout), &doc); err != nil {
			t.Fatal(err)
		}
		return doc
	}
	doc := assess("--case", "red_flag")
	if doc["triage"] != "emergency_ambulance" {
		t.Errorf("red_flag case: triage %v", doc["triage"])
	}
	classic := assess("--case", "classic")
	answers := classic["answers"].(map[string]any)
	if answers["thompson"] != "positive" || answers["age"] != float64(41) {
		t.Errorf("classic case answers: %v", answers)
	}
	changed := assess("--case", "classic", "--answer", "thompson=negative")
	if changed["answers"].(map[string]any)["thompson"] != "negative" {
		t.Errorf("--answer did not change the case's answer")
	}
	if changed["probability"].(float64) >= classic["probability"].(float64) {
		t.Errorf("a negative squeeze test did not lower the classic case: %v → %v", classic["probability"], changed["probability"])
	}
	out := runWith(t, runOpts{stdin: strings.NewReader(`{"matles": "negative"}`)}, "assess", "--format", "json", "--case", "classic", "--answers", "-")
	var merged map[string]any
	if err := json.Unmarshal([]byte(out.stdout), &merged); err != nil {
		t.Fatalf("%v: %v", out, err)
	}
	if a := merged["answers"].(map[string]any); a["matles"] != "negative" || a["thompson"] != "positive" {
		t.Errorf("--answers over --case: %v", a)
	}
}

package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"achilles/catalog"
)

// The errors about the answers (--answer, --answers, --case), shared by
// assess and log add, are said in the session's language: a Hong Kong
// trainer whose answer is wrong reads why in Chinese, with the question
// IDs and values, which stay in English, quoted.
func TestAnswerErrorsInTheSessionsLanguage(t *testing.T) {
	zh, en := catalog.MustLoad("zh-Hant"), catalog.MustLoad("en")
	dir := t.TempDir()
	doc := func(name, body string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	for _, tt := range []struct {
		name string
		args []string
		key  string // the message key whose words the error must have
	}{
		{"a value not allowed", []string{"--answer", "pop=maybe"}, "answers.problem.not_allowed"},
		{"out of range", []string{"--answer", "age=200"}, "answers.problem.out_of_range"},
		{"not a whole number", []string{"--answer", "age=x"}, "answers.problem.not_whole"},
		{"no ID=VALUE", []string{"--answer", "pop"}, "answers.error.assignment"},
		{"an unknown question", []string{"--answer", "popp=yes"}, "answers.error.unknown_id_suggest"},
		{"an unknown case", []string{"--case", "nope"}, "answers.error.case"},
		{"a test with nobody to examine", []string{"--answer", "examiner=nobody", "--answer", "thompson=positive"}, "answers.error.nobody"},
		{"no such file", []string{"--answers", filepath.Join(dir, "missing.json")}, "answers.error.no_file"},
		{"a directory", []string{"--answers", dir}, "answers.error.not_regular"},
		{"not JSON", []string{"--answers", doc("bad.json", `{"pop": tru}`)}, "answers.error.syntax"},
		{"not an object", []string{"--answers", doc("array.json", `[1]`)}, "answers.error.not_object"},
		{"empty", []string{"--answers", doc("empty.json", ` `)}, "answers.error.empty"},
		{"given twice", []string{"--answers", doc("twice.json", `{"pop": "yes", "pop": "no"}`)}, "answers.error.twice"},
		{"the wrong type", []string{"--answers", doc("type.json", `{"age": "x"}`)}, "answers.problem.wrong_type_want"},
	} {
		for _, cmd := range [][]string{{"assess"}, {"log", "add", "--athlete", "X", "--db", filepath.Join(dir, "log.db")}} {
			t.Run(tt.name+"/"+cmd[0], func(t *testing.T) {
				o := runWith(t, runOpts{env: map[string]string{"LANG": "zh_HK.UTF-8"}}, append(append([]string{}, cmd...), tt.args...)...)
				if o.code != 2 {
					t.Fatalf("want exit 2:\n%s", o)
				}
				words := firstWords(zh.T(tt.key))
				if !strings.Contains(o.stderr, words) {
					t.Errorf("the error does not say %q (%s in Chinese):\n%s", words, tt.key, o.stderr)
				}
				if english := firstWords(en.T(tt.key)); strings.Contains(o.stderr, english) {
					t.Errorf("the error says %q in English in a Chinese session:\n%s", english, o.stderr)
				}
			})
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "log.db")); err == nil {
		t.Error("a refused log add created the club log")
	}
}

// firstWords is the longest run of a message's words before its first
// placeholder, or after it when it starts with one.
func firstWords(s string) string {
	best := ""
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == '{' || r == '}' }) {
		if p := strings.TrimSpace(part); len(p) > len(best) && !strings.ContainsAny(p, "_") {
			best = p
		}
	}
	return best
}

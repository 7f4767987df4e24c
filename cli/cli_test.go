package cli

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"achilles/catalog"
	q "achilles/questionnaire"
)

// fixedNow is the clock of every test run, so that reports are reproducible.
var fixedNow = time.Date(2026, time.March, 14, 9, 30, 0, 0, time.UTC)

// runOpts is what a test run may set beyond the arguments.
type runOpts struct {
	ctx      context.Context
	stdin    io.Reader
	env      map[string]string
	terminal bool
	// loc is the zone of the club log's local times; nil is UTC, so that
	// the tests read the same on every machine.
	loc *time.Location
	// stdinTerminal says stdin is a terminal, where the log asks first.
	stdinTerminal bool
}

// outcome is what a run of the program did.
type outcome struct {
	code           int
	stdout, stderr string
}

func (o outcome) String() string {
	return fmt.Sprintf("exit %d\nstdout: %.2000q\nstderr: %q", o.code, o.stdout, o.stderr)
}

// run runs the program in-process with args, no input and an empty environment.
func run(t *testing.T, args ...string) outcome {
	t.Helper()
	return runWith(t, runOpts{}, args...)
}

func runWith(t *testing.T, o runOpts, args ...string) outcome {
	t.Helper()
	ctx := o.ctx
	if ctx == nil {
		ctx = context.Background()
	}
	stdin := o.stdin
	if stdin == nil {
		stdin = strings.NewReader("")
	}
	var stdout, stderr bytes.Buffer
	code := Run(ctx, args, Env{
		Stdin:            stdin,
		Stdout:           &stdout,
		Stderr:           &stderr,
		Getenv:           func(k string) string { return o.env[k] },
		Now:              func() time.Time { return fixedNow },
		StdoutIsTerminal: o.terminal,
		StdinIsTerminal:  o.stdinTerminal,
		Location:         cmp.Or(o.loc, time.UTC),
	})
	return outcome{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

// mustSucceed fails the test unless the run exited 0 with output and a
// stderr silent but for assess's warnings about what was not answered
// (TestAssessWarnsWhatItDidNotCheck checks those).
// withoutCheckWarnings is stderr without assess's warnings that nothing
// was answered or that emergency signs were not checked.
func withoutCheckWarnings(stderr string) string {
	var kept []string
	for _, line := range strings.SplitAfter(stderr, "\n") {
		if !strings.HasPrefix(line, "achilles: warning: no answers were given") &&
			!strings.HasPrefix(line, "achilles: warning: emergency signs not checked") &&
			!strings.HasPrefix(line, "achilles: 警告：沒有提供任何答案") &&
			!strings.HasPrefix(line, "achilles: 警告：未檢查的緊急徵象") {
			kept = append(kept, line)
		}
	}
	return strings.Join(kept, "")
}

func mustSucceed(t *testing.T, o outcome) {
	t.Helper()
	if o.code != ExitOK || o.stdout == "" || withoutCheckWarnings(o.stderr) != "" {
		t.Fatalf("want exit 0, output on stdout and nothing on stderr; got %v", o)
	}
}

// writeFile writes a file in a fresh temporary directory and returns its path.
func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// decodeObject decodes one JSON object, refusing anything after it.
func decodeObject(t *testing.T, data string) map[string]any {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(data))
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		t.Fatalf("output is not a JSON object: %v\n%s", err, data)
	}
	if dec.More() {
		t.Fatalf("more than one JSON value in %q", data)
	}
	if m == nil {
		t.Fatalf("output is null, not an object: %q", data)
	}
	return m
}

// answersJSON decodes a JSON object literal of answers as encoding/json
// would, for comparison with the "answers" field of a report.
func answersJSON(t *testing.T, s string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		t.Fatalf("bad test answers %q: %v", s, err)
	}
	return m
}

// get returns the value at a dotted path of a decoded JSON object, checking
// that it is present and of type T.
func get[T any](t *testing.T, m map[string]any, path string) T {
	t.Helper()
	var cur any = m
	for _, key := range strings.Split(path, ".") {
		obj, ok := cur.(map[string]any)
		if !ok {
			t.Fatalf("%s: parent of %q is %T, not an object", path, key, cur)
		}
		cur, ok = obj[key]
		if !ok {
			t.Fatalf("field %q is missing", path)
		}
	}
	v, ok := cur.(T)
	if !ok {
		var zero T
		t.Fatalf("field %q is %T (%v), want %T", path, cur, cur, zero)
	}
	return v
}

// stringList returns the JSON array at path, checking that it holds strings.
func stringList(t *testing.T, m map[string]any, path string) []string {
	t.Helper()
	var out []string
	for i, v := range get[[]any](t, m, path) {
		s, ok := v.(string)
		if !ok {
			t.Fatalf("%s[%d] is %T, want a string", path, i, v)
		}
		out = append(out, s)
	}
	return out
}

func isWhole(x float64) bool { return x == math.Trunc(x) }

var bandOrder = []string{"unlikely", "possible", "likely", "very_likely"}

// bandFor is the band of a probability by the edges of docs/contract.md; an edge
// belongs to the higher band.
func bandFor(p float64) int {
	switch {
	case p >= 0.85:
		return 3
	case p >= 0.50:
		return 2
	case p >= 0.10:
		return 1
	}
	return 0
}

var alternativeIDs = []string{"calf_muscle_tear", "plantaris_rupture", "partial_tear", "tendinopathy",
	"ankle_sprain", "ankle_fracture", "heel_avulsion_fracture", "dvt", "compartment_syndrome",
	// Added with the clot check and the wider differential (issue 10).
	"baker_cyst", "haglund", "fq_tendinopathy"}

// checkReport checks one JSON assessment against the schema of docs/contract.md
// and that it echoes wantAnswers, and returns it decoded.
// triageOrder lists the triage levels, most urgent first.
var triageOrder = []string{"emergency_ambulance", "emergency", "same_day", "consultation", "self_care"}

func checkReport(t *testing.T, data string, wantAnswers map[string]any) map[string]any {
	t.Helper()
	m := decodeObject(t, data)

	if v := get[float64](t, m, "schema_version"); v != 1 {
		t.Errorf("schema_version = %v, want 1", v)
	}
	if v := get[string](t, m, "model_version"); v == "" {
		t.Error("model_version is empty")
	}
	if v := get[string](t, m, "lang"); !slices.Contains(catalog.Languages(), v) {
		t.Errorf("lang = %q, not one of %v", v, catalog.Languages())
	}

	p := get[float64](t, m, "probability")
	low, high := get[float64](t, m, "range.low"), get[float64](t, m, "range.high")
	if p < 0 || p > 1 || low < 0 || high > 1 {
		t.Errorf("probability %v or range [%v, %v] outside 0–1", p, low, high)
	}
	if !(low <= p && p <= high) {
		t.Errorf("range [%v, %v] does not contain the probability %v", low, high, p)
	}

	positive := get[float64](t, m, "aaos.positive")
	assessed := get[float64](t, m, "aaos.assessed")
	met := get[bool](t, m, "aaos.met")
	if !isWhole(positive) || !isWhole(assessed) || positive < 0 || positive > assessed || assessed > 4 {
		t.Errorf("aaos: %v positive of %v assessed is not possible with four signs", positive, assessed)
	}
	if met != (positive >= 2) {
		t.Errorf("aaos.met = %v with %v positive; met means two or more", met, positive)
	}

	band := slices.Index(bandOrder, get[string](t, m, "band"))
	if band < 0 {
		t.Errorf("band %q is not one of %v", m["band"], bandOrder)
	} else {
		// The probability is rounded to three decimals, so near an edge
		// either neighbouring band is right.
		lo, hi := bandFor(p-0.0005), bandFor(p+0.0005)
		if met {
			lo, hi = max(lo, 2), max(hi, 2)
		}
		if band < lo || band > hi {
			t.Errorf("band %q does not match probability %v (aaos.met %v)", bandOrder[band], p, met)
		}
	}

	if v := get[string](t, m, "triage"); !slices.Contains(triageOrder, v) {
		t.Errorf("triage %q is not one of %v", v, triageOrder)
	}

	redFlags := stringList(t, m, "red_flags")
	var wantFlags []string
	for _, question := range q.All() {
		if question.Info().RedFlag && wantAnswers[question.ID()] == "yes" {
			wantFlags = append(wantFlags, question.ID())
		}
	}
	if !slices.Equal(redFlags, wantFlags) {
		t.Errorf("red_flags = %v, want the red-flag questions answered yes: %v", redFlags, wantFlags)
	}

	lastIndex := -1
	for i, e := range get[[]any](t, m, "trace") {
		entry, ok := e.(map[string]any)
		if !ok {
			t.Fatalf("trace[%d] is %T, want an object", i, e)
		}
		id := get[string](t, entry, "question")
		question, known := q.Lookup(id)
		if !known {
			t.Errorf("trace[%d].question %q is not a question ID", i, id)
			continue
		}
		if int(question) <= lastIndex {
			t.Errorf("trace[%d] %q is out of question order", i, id)
		}
		lastIndex = int(question)
		answer, present := entry["answer"]
		if !present {
			t.Errorf("trace[%d].answer is missing", i)
		}
		if !reflect.DeepEqual(answer, wantAnswers[id]) {
			t.Errorf("trace[%d] (%s).answer = %#v, but the answer given was %#v", i, id, answer, wantAnswers[id])
		}
		if s, ok := answer.(string); ok && q.Neutral(s) {
			t.Errorf("trace[%d]: %s=%s is a neutral answer and must move nothing", i, id, s)
		}
		lr := get[float64](t, entry, "likelihood_ratio")
		effect := get[string](t, entry, "effect")
		switch {
		case lr <= 0 || lr == 1:
			t.Errorf("trace[%d] (%s): likelihood_ratio %v moves nothing or is impossible", i, id, lr)
		case lr > 1 && effect != "raises", lr < 1 && effect != "lowers":
			t.Errorf("trace[%d] (%s): effect %q with likelihood_ratio %v", i, id, effect, lr)
		}
		if b := get[string](t, entry, "basis"); b != "published" && b != "assumption" {
			t.Errorf("trace[%d].basis = %q, want published or assumption", i, b)
		}
		if s := get[string](t, entry, "source"); s == "" {
			t.Errorf("trace[%d] (%s): source is empty", i, id)
		}
	}

	for i, e := range get[[]any](t, m, "alternatives") {
		alt, ok := e.(map[string]any)
		if !ok {
			t.Fatalf("alternatives[%d] is %T, want an object", i, e)
		}
		if id := get[string](t, alt, "id"); !slices.Contains(alternativeIDs, id) {
			t.Errorf("alternatives[%d].id %q is not one of %v", i, id, alternativeIDs)
		}
		if get[string](t, alt, "name") == "" || get[string](t, alt, "why") == "" {
			t.Errorf("alternatives[%d] has an empty name or why: %v", i, alt)
		}
	}

	// The clot check (issue 10): its result, its points and the findings
	// behind them, each worded.
	result := get[string](t, m, "clot_check.result")
	if !slices.Contains([]string{"no_signs", "possible", "likely"}, result) {
		t.Errorf("clot_check.result %q is not one of no_signs, possible, likely", result)
	}
	points := get[float64](t, m, "clot_check.points")
	if !isWhole(points) || points < 0 || points > 8 {
		t.Errorf("clot_check.points %v is not a whole number from 0 to 8", points)
	}
	if (result == "likely") != (points >= 2 && result != "no_signs") {
		t.Errorf("clot_check.result %q with %v points: likely means 2 points or more", result, points)
	}
	findings, reasons := stringList(t, m, "clot_check.findings"), stringList(t, m, "clot_check.reasons")
	if len(findings) != len(reasons) {
		t.Errorf("clot_check has %d findings and %d reasons: one reason words each finding", len(findings), len(reasons))
	}
	if get[string](t, m, "clot_check.summary") == "" {
		t.Error("clot_check.summary is empty")
	}
	if tr := slices.Index(triageOrder, get[string](t, m, "triage")); result != "no_signs" && tr > slices.Index(triageOrder, "same_day") {
		t.Errorf("a clot %s, but triage %s: a suspected clot is tested the same day", result, m["triage"])
	}

	if now := stringList(t, m, "actions.now"); len(now) == 0 {
		t.Error("actions.now is empty: there is always something to do now")
	}
	if get[string](t, m, "actions.where") == "" {
		t.Error("actions.where is empty")
	}
	stringList(t, m, "actions.tell_clinician")
	if caveats := stringList(t, m, "caveats"); len(caveats) == 0 {
		t.Error("caveats is empty: at least the not-a-diagnosis caveat belongs there")
	}

	if got := get[map[string]any](t, m, "answers"); !reflect.DeepEqual(got, wantAnswers) {
		t.Errorf("answers = %v, want the input echoed: %v", got, wantAnswers)
	}
	return m
}

func TestAssessNothingAnswered(t *testing.T) {
	o := run(t, "assess", "--format", "json")
	mustSucceed(t, o)
	m := checkReport(t, o.stdout, map[string]any{})
	if n := len(get[[]any](t, m, "trace")); n != 0 {
		t.Errorf("with no answers the trace has %d entries, want none", n)
	}
	if p := get[float64](t, m, "probability"); p != 0.1 {
		t.Errorf("with no answers the probability is %v, want the starting point 0.1", p)
	}
	if !strings.HasSuffix(o.stdout, "}\n") || strings.Count(o.stdout, "\n") != 1 {
		t.Errorf("json output should be one line ending in a newline: %q", o.stdout)
	}

	for _, format := range []string{"text", "markdown"} {
		o := run(t, "assess", "--format", format)
		mustSucceed(t, o)
		if !strings.Contains(o.stdout, "10%") {
			t.Errorf("--format %s with no answers does not show the 10%% starting point:\n%s", format, o.stdout)
		}
	}
}

func TestAssessDefaultFormatIsText(t *testing.T) {
	def := run(t, "assess", "--answer", "pop=yes")
	text := run(t, "assess", "--answer", "pop=yes", "--format", "text")
	mustSucceed(t, def)
	if def.stdout != text.stdout {
		t.Errorf("assess without --format differs from --format text")
	}
	if strings.HasPrefix(strings.TrimSpace(def.stdout), "{") {
		t.Errorf("the default format looks like JSON: %.80q", def.stdout)
	}
}

func TestAssessAnswerFlags(t *testing.T) {
	o := run(t, "assess", "--format", "json",
		"--answer", "pop=yes", "--answer", "thompson=positive", "--answer", "age=40", "--answer", "tiptoe=not_tried")
	mustSucceed(t, o)
	m := checkReport(t, o.stdout, answersJSON(t, `{"pop":"yes","thompson":"positive","age":40,"tiptoe":"not_tried"}`))
	var moved []string
	for _, e := range get[[]any](t, m, "trace") {
		moved = append(moved, e.(map[string]any)["question"].(string))
	}
	for _, id := range []string{"pop", "thompson"} {
		if !slices.Contains(moved, id) {
			t.Errorf("trace %v does not include %s, which raises the estimate", moved, id)
		}
	}
	if p := get[float64](t, m, "probability"); p <= 0.1 {
		t.Errorf("a pop and a positive Thompson test leave the probability at %v, not above the 0.1 starting point", p)
	}
}

func TestAssessNeutralAnswersMoveNothing(t *testing.T) {
	base := checkReport(t, run(t, "assess", "--format", "json").stdout, map[string]any{})
	o := run(t, "assess", "--format", "json", "--answer", "pop=unsure", "--answer", "tiptoe=not_tried",
		"--answer", "thompson=not_done", "--answer", "gap=not_checked")
	mustSucceed(t, o)
	m := checkReport(t, o.stdout, answersJSON(t, `{"pop":"unsure","tiptoe":"not_tried","thompson":"not_done","gap":"not_checked"}`))
	if m["probability"] != base["probability"] || !reflect.DeepEqual(m["range"], base["range"]) {
		t.Errorf("neutral answers moved the estimate: %v %v, with none %v %v", m["probability"], m["range"], base["probability"], base["range"])
	}
}

// Two or more AAOS signs raise the band to at least "likely", whatever the
// probability, and the reports say so.
func TestAssessAAOSRaisesTheBand(t *testing.T) {
	args := []string{"assess", "--answer", "thompson=positive", "--answer", "push_weak=yes", "--answer", "onset=gradual",
		"--answer", "pain_site=ankle_side", "--answer", "mechanism=twist", "--answer", "tiptoe=can"}
	o := run(t, append(args, "--format", "json")...)
	mustSucceed(t, o)
	m := checkReport(t, o.stdout, answersJSON(t, `{"thompson":"positive","push_weak":"yes","onset":"gradual","pain_site":"ankle_side","mechanism":"twist","tiptoe":"can"}`))
	if !get[bool](t, m, "aaos.met") || get[float64](t, m, "probability") >= 0.5 {
		t.Fatalf("test answers should meet the AAOS criteria with a probability under 0.5; got %v, %v", m["aaos"], m["probability"])
	}
	if band := get[string](t, m, "band"); band != "likely" {
		t.Errorf("band %q with the AAOS criteria met, want likely", band)
	}
	for _, format := range []string{"text", "markdown"} {
		raised := run(t, append(args, "--format", format)...)
		notRaised := run(t, "assess", "--answer", "thompson=positive", "--format", format)
		if !strings.Contains(raised.stdout, "raised") || strings.Contains(notRaised.stdout, "raised") {
			t.Errorf("--format %s does not say, only when it happens, that the AAOS signs raised the band", format)
		}
	}
}

func TestAssessAnswersFile(t *testing.T) {
	doc := `{
  "answerer": "other", "age": 38, "pop": "yes", "kicked": "yes",
  "walk": "limp", "tiptoe": "cannot", "thompson": "positive", "pain_now": 4
}`
	path := writeFile(t, "answers.json", []byte(doc))
	o := run(t, "assess", "--answers", path, "--format", "json")
	mustSucceed(t, o)
	checkReport(t, o.stdout, answersJSON(t, doc))
}

func TestAssessAnswersStdin(t *testing.T) {
	doc := `{"onset": "sudden", "mechanism": "push_off", "gap": "felt"}`
	o := runWith(t, runOpts{stdin: strings.NewReader(doc)}, "assess", "--answers", "-", "--format", "json")
	mustSucceed(t, o)
	checkReport(t, o.stdout, answersJSON(t, doc))

	// The same answers from a file give the same assessment.
	file := run(t, "assess", "--answers", writeFile(t, "a.json", []byte(doc)), "--format", "json")
	if file.stdout != o.stdout {
		t.Errorf("--answers - and --answers FILE with the same document differ:\n%s\n%s", o.stdout, file.stdout)
	}
}

func TestAssessAnswerOverridesAnswers(t *testing.T) {
	path := writeFile(t, "answers.json", []byte(`{"pop": "no", "thompson": "negative", "age": 30}`))
	o := run(t, "assess", "--answers", path, "--answer", "pop=yes", "--answer", "age=70", "--format", "json")
	mustSucceed(t, o)
	want := answersJSON(t, `{"pop": "yes", "thompson": "negative", "age": 70}`)
	m := checkReport(t, o.stdout, want)

	// The result is the one of the merged answers given directly.
	direct := run(t, "assess", "--answer", "pop=yes", "--answer", "thompson=negative", "--answer", "age=70", "--format", "json")
	d := checkReport(t, direct.stdout, want)
	if !reflect.DeepEqual(m, d) {
		t.Errorf("--answer over --answers gives a different assessment than the merged answers:\n%s\n%s", o.stdout, direct.stdout)
	}

	// Overrides also apply to answers read from stdin.
	o = runWith(t, runOpts{stdin: strings.NewReader(`{"pop": "no", "thompson": "negative", "age": 30}`)},
		"assess", "--answers", "-", "--answer", "pop=yes", "--answer", "age=70", "--format", "json")
	mustSucceed(t, o)
	checkReport(t, o.stdout, want)
}

// plain undoes the layout of the text and markdown reports (wrapping,
// indentation, Markdown escapes) so that a sentence can be looked for.
func plain(s string) string {
	s = strings.NewReplacer(`\*`, "*", `\_`, "_", "\\`", "`", `\#`, "#", `\[`, "[", `\]`, "]", "&lt;", "<", "&gt;", ">", `\\`, `\`).Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

func TestAssessFormatsCarryTheSameContent(t *testing.T) {
	args := []string{"assess", "--answer", "answerer=other", "--answer", "onset=sudden", "--answer", "mechanism=twist",
		"--answer", "pain_site=ankle_side", "--answer", "bone_tender=yes", "--answer", "pop=yes", "--answer", "walk=limp",
		"--answer", "fluoroquinolone=yes"}
	j := run(t, append(args, "--format", "json")...)
	mustSucceed(t, j)
	m := decodeObject(t, j.stdout)

	var want []string
	want = append(want, stringList(t, m, "actions.now")...)
	want = append(want, get[string](t, m, "actions.where"))
	want = append(want, stringList(t, m, "actions.tell_clinician")...)
	want = append(want, stringList(t, m, "caveats")...)
	for _, e := range get[[]any](t, m, "alternatives") {
		alt := e.(map[string]any)
		want = append(want, alt["name"].(string), alt["why"].(string))
	}
	for _, e := range get[[]any](t, m, "trace") {
		// A plain "model assumption" is shown as the basis alone.
		if src := e.(map[string]any)["source"].(string); src != "model assumption" {
			want = append(want, src)
		}
	}
	if len(get[[]any](t, m, "alternatives")) == 0 {
		t.Fatal("test answers suggest no alternatives; pick answers that do")
	}
	percent := fmt.Sprintf("%d%%", int(math.Round(get[float64](t, m, "probability")*100)))

	for _, format := range []string{"text", "markdown"} {
		o := run(t, append(args, "--format", format)...)
		mustSucceed(t, o)
		got := plain(o.stdout)
		for _, s := range want {
			if !strings.Contains(got, plain(s)) {
				t.Errorf("--format %s lacks %q, which the JSON report has", format, s)
			}
		}
		if !strings.Contains(got, percent) {
			t.Errorf("--format %s does not show the estimate %s", format, percent)
		}
		if strings.Contains(o.stdout, "\x1b[") {
			t.Errorf("--format %s to a non-terminal has escape sequences", format)
		}
	}
}

func TestAssessMarkdown(t *testing.T) {
	o := run(t, "assess", "--answer", "pop=yes", "--format", "markdown")
	mustSucceed(t, o)
	if !strings.HasPrefix(o.stdout, "# ") {
		t.Errorf("markdown report does not start with a level-1 heading: %.60q", o.stdout)
	}
	if !strings.Contains(o.stdout, "2026-03-14 09:30 UTC") {
		t.Errorf("markdown report does not carry the time it was made (2026-03-14 09:30 UTC)")
	}
	if !strings.Contains(o.stdout, Version) {
		t.Errorf("markdown report does not carry the program version %s", Version)
	}
}

// badInputCase is one bad invocation and words its message must contain.
type badInputCase struct {
	name  string
	args  []string
	stdin string
	want  []string // substrings of the message: the culprit and what is allowed
}

func TestBadInput(t *testing.T) {
	big := bytes.Repeat([]byte(" "), q.MaxDocument+1)
	copy(big, `{"pop":"yes"}`)
	bigFile := writeFile(t, "big.json", big)
	goodFile := writeFile(t, "good.json", []byte(`{"pop":"yes"}`))
	missing := filepath.Join(t.TempDir(), "missing.json")
	answers := func(doc string) badInputCase {
		return badInputCase{args: []string{"assess", "--answers", "-"}, stdin: doc}
	}
	with := func(c badInputCase, name string, want ...string) badInputCase {
		c.name, c.want = name, want
		return c
	}
	cases := []badInputCase{
		with(answers(`{"pop": yes}`), "not JSON", "not valid JSON", "line 1, column 9"),
		with(answers("{\n  \"pop\": \"yes\",\n}"), "trailing comma", "not valid JSON", "line 3"),
		with(answers(`{"pop": "yes"} {"kicked": "no"}`), "two objects", "not valid JSON"),
		with(answers(`["pop", "yes"]`), "not an object: array", "JSON object", "an array"),
		with(answers(`"pop=yes"`), "not an object: string", "JSON object", "a string"),
		with(answers(``), "empty document", "empty", "JSON object"),
		with(answers(`{"poop": "yes"}`), "unknown ID", `"poop"`, `did you mean "pop"`, "known IDs", "thompson"),
		with(answers(`{"pop": "maybe"}`), "bad value", `"pop"`, `"maybe"`, "yes, no, unsure"),
		with(answers(`{"thompson": "Positive"}`), "values are case-sensitive", `"thompson"`, `"Positive"`, "positive, negative, not_done"),
		with(answers(`{"age": "forty"}`), "wrong type: string for a number", `"age"`, `"forty"`, "whole number from 1 to 120"),
		with(answers(`{"pop": true}`), "wrong type: boolean", `"pop"`, "true", "yes, no, unsure"),
		with(answers(`{"pop": 1}`), "wrong type: number for a choice", `"pop"`, "1", "yes, no, unsure"),
		with(answers(`{"pop": ["yes"]}`), "wrong type: array", `"pop"`, "array", "yes, no, unsure"),
		with(answers(`{"age": 40.5}`), "not a whole number", `"age"`, "40.5", "whole number from 1 to 120"),
		with(answers(`{"pain_now": 11}`), "out of range: high", `"pain_now"`, "11", "0 to 10"),
		with(answers(`{"age": 0}`), "out of range: low", `"age"`, "0", "1 to 120"),
		with(answers(`{"pop": "yes", "pop": "no"}`), "duplicate ID", `"pop"`, "twice"),
		{name: "missing file", args: []string{"assess", "--answers", missing}, want: []string{missing, "no such file"}},
		{name: "file over 1 MiB", args: []string{"assess", "--answers", bigFile}, want: []string{bigFile, "1 MiB"}},
		{name: "stdin over 1 MiB", args: []string{"assess", "--answers", "-"}, stdin: string(big), want: []string{"stdin", "1 MiB"}},
		{name: "--answer without =", args: []string{"assess", "--answer", "pop"}, want: []string{"--answer pop", "ID=VALUE"}},
		{name: "--answer unknown ID", args: []string{"assess", "--answer", "thomson=positive"}, want: []string{`"thomson"`, `did you mean "thompson"`}},
		{name: "--answer bad value", args: []string{"assess", "--answer", "walk=run"}, want: []string{"walk", `"run"`, "normal, limp, unable"}},
		{name: "--answer empty value", args: []string{"assess", "--answer", "pop="}, want: []string{"pop", "yes, no, unsure"}},
		{name: "--answer not a number", args: []string{"assess", "--answer", "age=old"}, want: []string{"age", `"old"`, "1 to 120"}},
		{name: "--answer out of range", args: []string{"assess", "--answer", "pain_now=-1"}, want: []string{"pain_now", "-1", "0 to 10"}},
		{name: "--answer bad, with a good file", args: []string{"assess", "--answers", goodFile, "--answer", "pop=maybe"}, want: []string{"pop", `"maybe"`}},
		{name: "--format not allowed", args: []string{"assess", "--format", "html"}, want: []string{`"html"`, "text, markdown, json"}},
		{name: "--format empty", args: []string{"assess", "--format", ""}, want: []string{"--format", "text, markdown, json"}},
		{name: "--format without value", args: []string{"assess", "--format"}, want: []string{"--format"}},
		{name: "unknown flag", args: []string{"assess", "--anwser", "pop=yes"}, want: []string{"--anwser"}},
		{name: "unknown global flag", args: []string{"--colour"}, want: []string{"--colour"}},
		{name: "unknown subcommand", args: []string{"asess"}, want: []string{`"asess"`, "assess, questions"}},
		{name: "argument to assess", args: []string{"assess", "pop=yes"}, want: []string{"pop=yes"}},
		{name: "unknown --lang", args: []string{"assess", "--lang", "fr"}, want: []string{"--lang", `"fr"`, "en"}},
		{name: "unknown --lang before the command", args: []string{"--lang", "klingon", "questions"}, want: []string{`"klingon"`, "en"}},
		{name: "--batch with --format text", args: []string{"assess", "--batch", "--format", "text"}, stdin: "{}\n", want: []string{"--batch", "--format", "json"}},
		{name: "--batch with --format markdown", args: []string{"assess", "--batch", "--format", "markdown"}, stdin: "{}\n", want: []string{"--batch", "json"}},
		{name: "--batch with --answers", args: []string{"assess", "--batch", "--answers", goodFile}, stdin: "{}\n", want: []string{"--batch", "--answers"}},
		{name: "--batch with a bad --answer", args: []string{"assess", "--batch", "--answer", "pop=maybe"}, stdin: "{}\n", want: []string{"pop", `"maybe"`}},
		{name: "questions --format", args: []string{"questions", "--format", "markdown"}, want: []string{`"markdown"`, "text, json"}},
		{name: "questions with an argument", args: []string{"questions", "pop"}, want: []string{"pop"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			o := runWith(t, runOpts{stdin: strings.NewReader(c.stdin)}, c.args...)
			checkUsageError(t, o, c.want...)
		})
	}
}

// checkUsageError checks that a run failed as bad input must (docs/contract.md):
// exit 2, nothing on stdout, and one line on stderr that contains want.
func checkUsageError(t *testing.T, o outcome, want ...string) {
	t.Helper()
	if o.code != ExitUsage {
		t.Errorf("exit code %d, want %d", o.code, ExitUsage)
	}
	if o.stdout != "" {
		t.Errorf("stdout must stay empty on bad input; got %.200q", o.stdout)
	}
	msg, ok := strings.CutSuffix(o.stderr, "\n")
	if !ok || msg == "" || strings.Contains(msg, "\n") {
		t.Errorf("stderr must be exactly one line; got %q", o.stderr)
	}
	if !strings.HasPrefix(msg, "achilles: ") {
		t.Errorf("message does not start with the program name: %q", msg)
	}
	for _, w := range want {
		if !strings.Contains(msg, w) {
			t.Errorf("message %q does not contain %q", msg, w)
		}
	}
}

func TestAnswersDocumentOfExactly1MiBIsAccepted(t *testing.T) {
	doc := bytes.Repeat([]byte(" "), q.MaxDocument)
	copy(doc, `{"pop":"yes"}`)
	o := run(t, "assess", "--answers", writeFile(t, "max.json", doc), "--format", "json")
	mustSucceed(t, o)
	checkReport(t, o.stdout, map[string]any{"pop": "yes"})

	o = runWith(t, runOpts{stdin: bytes.NewReader(doc)}, "assess", "--answers", "-", "--format", "json")
	mustSucceed(t, o)
	checkReport(t, o.stdout, map[string]any{"pop": "yes"})
}

func TestAnswersIsADirectory(t *testing.T) {
	dir := t.TempDir()
	checkUsageError(t, run(t, "assess", "--answers", dir), dir, "directory")
}

// Unknown flags and stray arguments name the culprit, but docs/contract.md also
// asks the message to say what is allowed.
func TestUnknownFlagSaysWhatIsAllowed(t *testing.T) {
	for _, args := range [][]string{
		{"assess", "--anwser", "pop=yes"},
		{"--colour"},
		{"assess", "pop=yes"},
	} {
		o := run(t, args...)
		checkUsageError(t, o)
		if !strings.Contains(o.stderr, "--help") && !strings.Contains(o.stderr, "--answer") && !strings.Contains(o.stderr, "--no-color") {
			t.Errorf("achilles %s: message %q neither lists the allowed flags nor points to --help", strings.Join(args, " "), o.stderr)
		}
	}
}

// batchLines splits batch output into lines, checking that it ends with a
// newline.
func batchLines(t *testing.T, out string) []string {
	t.Helper()
	if out == "" {
		return nil
	}
	if !strings.HasSuffix(out, "\n") {
		t.Errorf("batch output does not end with a newline: %.80q", out[max(0, len(out)-80):])
	}
	return strings.Split(strings.TrimSuffix(out, "\n"), "\n")
}

// checkErrorLine checks one error object of a batch.
func checkErrorLine(t *testing.T, line string, n int, want ...string) {
	t.Helper()
	m := decodeObject(t, line)
	if len(m) != 2 {
		t.Errorf("error object has fields %v, want line and error", m)
	}
	if got := get[float64](t, m, "line"); got != float64(n) {
		t.Errorf("error object names line %v, want %d", got, n)
	}
	msg := get[string](t, m, "error")
	for _, w := range want {
		if !strings.Contains(msg, w) {
			t.Errorf("line %d: error %q does not contain %q", n, msg, w)
		}
	}
}

func TestBatchGoodLines(t *testing.T) {
	in := []string{
		`{"pop": "yes"}`,
		`{}`,
		`{"thompson": "positive", "age": 50, "answerer": "other"}`,
		`{"chest_symptoms": "yes", "open_wound": "no"}`,
		`{"pop": null}`,
	}
	o := runWith(t, runOpts{stdin: strings.NewReader(strings.Join(in, "\n") + "\n")}, "assess", "--batch")
	mustSucceed(t, o)
	lines := batchLines(t, o.stdout)
	if len(lines) != len(in) {
		t.Fatalf("%d lines in, %d lines out:\n%s", len(in), len(lines), o.stdout)
	}
	wants := []string{in[0], in[1], in[2], in[3], `{}`}
	for i, line := range lines {
		checkReport(t, line, answersJSON(t, wants[i]))
		// Each line is the assessment that assess --format json gives.
		single := runWith(t, runOpts{stdin: strings.NewReader(in[i])}, "assess", "--answers", "-", "--format", "json")
		if single.stdout != line+"\n" {
			t.Errorf("line %d: batch gives\n%s\nbut assess --format json gives\n%s", i+1, line, single.stdout)
		}
	}

	// --format json is allowed with --batch, and is what it writes anyway.
	explicit := runWith(t, runOpts{stdin: strings.NewReader(strings.Join(in, "\n") + "\n")}, "assess", "--batch", "--format", "json")
	if explicit.code != ExitOK || explicit.stdout != o.stdout {
		t.Errorf("--batch --format json differs from --batch: %v", explicit)
	}
}

func TestBatchBadLinesInTheMiddle(t *testing.T) {
	in := strings.Join([]string{
		`{"pop": "yes"}`,
		`{"pop": yes}`,
		`{"kicked": "yes"}`,
		`{"poop": "yes"}`,
		``,
		`{"age": 200}`,
		`   `,
		`[1, 2]`,
		`{"walk": "unable"}`,
	}, "\n") + "\n"
	o := runWith(t, runOpts{stdin: strings.NewReader(in)}, "assess", "--batch")
	if o.code != ExitUsage {
		t.Errorf("exit code %d with bad lines, want %d", o.code, ExitUsage)
	}
	// The blank lines 5 and 7 are skipped; the errors name the lines as
	// they are in the input.
	lines := batchLines(t, o.stdout)
	if len(lines) != 7 {
		t.Fatalf("9 lines in, 2 of them blank, %d lines out:\n%s", len(lines), o.stdout)
	}
	checkReport(t, lines[0], map[string]any{"pop": "yes"})
	checkErrorLine(t, lines[1], 2, "not valid JSON")
	checkReport(t, lines[2], map[string]any{"kicked": "yes"})
	checkErrorLine(t, lines[3], 4, `"poop"`, "known IDs")
	checkErrorLine(t, lines[4], 6, `"age"`, "200", "1 to 120")
	checkErrorLine(t, lines[5], 8, "JSON object", "array")
	checkReport(t, lines[6], map[string]any{"walk": "unable"})

	msg, _ := strings.CutSuffix(o.stderr, "\n")
	if msg == "" || strings.Contains(msg, "\n") || !strings.Contains(msg, "4 of 7") || !strings.Contains(msg, "2 blank lines") {
		t.Errorf("stderr should be one line saying 4 of 7 lines were bad and 2 blank lines skipped; got %q", o.stderr)
	}
}

func TestBatchAnswerOverridesEachLine(t *testing.T) {
	in := "{\"pop\": \"no\"}\n{}\n{\"pop\": \"unsure\", \"age\": 30}\n"
	o := runWith(t, runOpts{stdin: strings.NewReader(in)}, "assess", "--batch", "--answer", "pop=yes", "--answer", "age=61")
	mustSucceed(t, o)
	lines := batchLines(t, o.stdout)
	if len(lines) != 3 {
		t.Fatalf("3 lines in, %d out", len(lines))
	}
	for i, line := range lines {
		checkReport(t, line, map[string]any{"pop": "yes", "age": float64(61)})
		if i > 0 && line != lines[0] {
			t.Errorf("line %d differs from line 1 although --answer fixes all its answers", i+1)
		}
	}
}

func TestBatchLineEndings(t *testing.T) {
	for _, c := range []struct{ name, in string }{
		{"final line without newline", "{\"pop\": \"yes\"}\n{\"kicked\": \"yes\"}"},
		{"CRLF", "{\"pop\": \"yes\"}\r\n{\"kicked\": \"yes\"}\r\n"},
		{"CRLF, final line without newline", "{\"pop\": \"yes\"}\r\n{\"kicked\": \"yes\"}"},
	} {
		t.Run(c.name, func(t *testing.T) {
			o := runWith(t, runOpts{stdin: strings.NewReader(c.in)}, "assess", "--batch")
			mustSucceed(t, o)
			lines := batchLines(t, o.stdout)
			if len(lines) != 2 {
				t.Fatalf("2 lines in, %d out:\n%s", len(lines), o.stdout)
			}
			checkReport(t, lines[0], map[string]any{"pop": "yes"})
			checkReport(t, lines[1], map[string]any{"kicked": "yes"})
		})
	}
}

func TestBatchLineOver1MiB(t *testing.T) {
	long := bytes.Repeat([]byte(" "), q.MaxDocument+10)
	copy(long, `{"pop":"yes"}`)
	in := "{\"kicked\": \"yes\"}\n" + string(long) + "\n{\"walk\": \"limp\"}\n"
	o := runWith(t, runOpts{stdin: strings.NewReader(in)}, "assess", "--batch")
	if o.code != ExitUsage {
		t.Errorf("exit code %d, want %d", o.code, ExitUsage)
	}
	lines := batchLines(t, o.stdout)
	if len(lines) != 3 {
		t.Fatalf("3 lines in, %d out", len(lines))
	}
	checkReport(t, lines[0], map[string]any{"kicked": "yes"})
	checkErrorLine(t, lines[1], 2, "1 MiB")
	checkReport(t, lines[2], map[string]any{"walk": "limp"})
}

// cancellingReader serves the same line over and over, up to a limit, and
// cancels a context once it has served after bytes.
type cancellingReader struct {
	line         []byte
	served, stop int
	after        int
	cancel       context.CancelFunc
}

func (r *cancellingReader) Read(p []byte) (int, error) {
	if r.served >= r.stop {
		return 0, io.EOF
	}
	if r.served >= r.after {
		r.cancel()
	}
	n := 0
	for n < len(p) && r.served < r.stop {
		c := copy(p[n:], r.line[r.served%len(r.line):])
		n += c
		r.served += c
	}
	return n, nil
}

func TestBatchCancelled(t *testing.T) {
	t.Run("before it starts", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		o := runWith(t, runOpts{ctx: ctx, stdin: strings.NewReader("{}\n{}\n")}, "assess", "--batch")
		if o.code != ExitInterrupted {
			t.Errorf("exit code %d, want %d: %v", o.code, ExitInterrupted, o)
		}
	})
	t.Run("while it runs", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		line := []byte("{\"pop\": \"yes\", \"thompson\": \"positive\"}\n")
		const total = 1_000_000
		r := &cancellingReader{line: line, stop: total * len(line), after: 5000 * len(line), cancel: cancel}
		var out lineCounter
		var stderr bytes.Buffer
		code := Run(ctx, []string{"assess", "--batch"}, Env{Stdin: r, Stdout: &out, Stderr: &stderr, Now: func() time.Time { return fixedNow }})
		if code != ExitInterrupted {
			t.Errorf("exit code %d, want %d; stderr %q", code, ExitInterrupted, stderr.String())
		}
		if out.lines >= total {
			t.Errorf("all %d lines were assessed after the context was cancelled", total)
		}
		// What was written before the interruption is whole lines.
		if out.partial {
			t.Errorf("an interrupted batch left a half-written line after %d lines", out.lines)
		}
	})
}

// lineCounter counts the lines written to it without keeping them.
type lineCounter struct {
	lines   int
	partial bool // the output so far does not end with a newline
}

func (c *lineCounter) Write(p []byte) (int, error) {
	if len(p) > 0 {
		c.lines += bytes.Count(p, []byte("\n"))
		c.partial = p[len(p)-1] != '\n'
	}
	return len(p), nil
}

func TestQuestionsJSON(t *testing.T) {
	o := run(t, "questions", "--format", "json")
	mustSucceed(t, o)
	var got []map[string]any
	if err := json.Unmarshal([]byte(o.stdout), &got); err != nil {
		t.Fatalf("questions --format json is not a JSON array of objects: %v", err)
	}
	all := q.All()
	if len(got) != len(all) {
		t.Fatalf("%d questions printed, the bank has %d", len(got), len(all))
	}
	for i, question := range all {
		info := question.Info()
		m := got[i]
		if id := get[string](t, m, "id"); id != info.ID {
			t.Errorf("question %d is %q, want %q (the order of the questionnaire)", i, id, info.ID)
			continue
		}
		kind := get[string](t, m, "kind")
		values := stringList(t, m, "values")
		for _, key := range []string{"min", "max"} {
			if _, ok := m[key]; !ok {
				t.Errorf("%s: field %q is missing", info.ID, key)
			}
		}
		switch info.Kind {
		case q.Number:
			if kind != "number" {
				t.Errorf("%s: kind %q, want number", info.ID, kind)
			}
			if len(values) != 0 {
				t.Errorf("%s: a number question lists values %v", info.ID, values)
			}
			if get[float64](t, m, "min") != float64(info.Min) || get[float64](t, m, "max") != float64(info.Max) {
				t.Errorf("%s: min/max %v–%v, want %d–%d", info.ID, m["min"], m["max"], info.Min, info.Max)
			}
		default:
			if kind != "choice" {
				t.Errorf("%s: kind %q, want choice", info.ID, kind)
			}
			if !slices.Equal(values, info.Values) {
				t.Errorf("%s: values %v, want %v", info.ID, values, info.Values)
			}
			if m["min"] != nil || m["max"] != nil {
				t.Errorf("%s: a choice question has min/max %v/%v, want null", info.ID, m["min"], m["max"])
			}
		}
		if get[string](t, m, "text") == "" {
			t.Errorf("%s: text is empty", info.ID)
		}
		get[string](t, m, "help")
		if s := get[string](t, m, "section"); s != info.Section.ID() {
			t.Errorf("%s: section %q, want %q", info.ID, s, info.Section.ID())
		}
		// The part shown on screen: the main questions together, the others
		// in their topic's part.
		wantPart := info.Section.ID()
		switch info.ID {
		case "time_since", "onset", "tiptoe", "examiner", "thompson":
			wantPart = "main"
		}
		if p := get[string](t, m, "part"); p != wantPart {
			t.Errorf("%s: part %q, want %q", info.ID, p, wantPart)
		}
		if get[string](t, m, "part_title") == "" {
			t.Errorf("%s: part_title is empty", info.ID)
		}
	}
}

func TestQuestionsText(t *testing.T) {
	o := run(t, "questions", "--format", "text")
	mustSucceed(t, o)
	def := run(t, "questions")
	if def.stdout != o.stdout {
		t.Error("questions without --format differs from --format text")
	}
	for _, question := range q.All() {
		info := question.Info()
		if !regexp.MustCompile(`(?m)^\s+` + regexp.QuoteMeta(info.ID) + `\s`).MatchString(o.stdout) {
			t.Errorf("questions --format text does not list %s at the start of a line", info.ID)
		}
		for _, v := range info.Values {
			if !strings.Contains(o.stdout, v) {
				t.Errorf("questions --format text does not show value %q of %s", v, info.ID)
			}
		}
	}
	if strings.Contains(o.stdout, "\x1b[") {
		t.Error("questions to a non-terminal has escape sequences")
	}
	// By part, as the questionnaire shows them: the main questions under
	// one heading, straight after the emergency check, each heading once.
	for _, heading := range []string{"EMERGENCY CHECK", "THE MAIN QUESTIONS", "WHAT HAPPENED", "EXAMINATION (OPTIONAL)"} {
		if n := strings.Count(o.stdout, "\n"+heading+"\n"); n != 1 {
			t.Errorf("questions --format text has the heading %q %d times, want once", heading, n)
		}
	}
	if i, j := strings.Index(o.stdout, "THE MAIN QUESTIONS"), strings.Index(o.stdout, "  tiptoe"); i < 0 || j < i || j > strings.Index(o.stdout, "WHAT HAPPENED") {
		t.Error("questions --format text does not list tiptoe under the main questions, before what happened")
	}
}

func TestVersion(t *testing.T) {
	o := run(t, "--version")
	mustSucceed(t, o)
	if !strings.Contains(o.stdout, Version) {
		t.Errorf("--version prints %q, without the version %s", o.stdout, Version)
	}
}

func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"help"}, {"-h"}} {
		o := run(t, args...)
		mustSucceed(t, o)
		for _, w := range []string{"assess", "questions", "--lang", "--no-color", "--accessible", "--teach", "--no-summary"} {
			if !strings.Contains(o.stdout, w) {
				t.Errorf("achilles %s: help does not mention %s:\n%s", strings.Join(args, " "), w, o.stdout)
			}
		}
	}
	o := run(t, "assess", "--help")
	mustSucceed(t, o)
	for _, w := range []string{"--answers", "--answer", "--format", "--batch"} {
		if !strings.Contains(o.stdout, w) {
			t.Errorf("assess --help does not mention %s", w)
		}
	}
}

// escape matches ANSI escape sequences: CSI and OSC.
var escape = regexp.MustCompile(`\x1b\[[0-9;:?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)`)

func TestNoColor(t *testing.T) {
	args := [][]string{
		{"assess", "--answer", "chest_symptoms=yes"},
		{"assess", "--answer", "thompson=positive", "--answer", "gap=felt"},
		{"questions"},
	}
	for _, a := range args {
		name := strings.Join(a, " ")
		plainOut := run(t, a...)
		mustSucceed(t, plainOut)

		for _, c := range []struct {
			how  string
			opts runOpts
			args []string
		}{
			{"NO_COLOR=1", runOpts{terminal: true, env: map[string]string{"NO_COLOR": "1"}}, a},
			{"--no-color", runOpts{terminal: true}, append([]string{"--no-color"}, a...)},
			{"--no-color after the command", runOpts{terminal: true}, append(slices.Clone(a), "--no-color")},
		} {
			o := runWith(t, c.opts, c.args...)
			mustSucceed(t, o)
			if strings.Contains(o.stdout, "\x1b[") {
				t.Errorf("%s with %s on a terminal has escape sequences", name, c.how)
			}
			if o.stdout != plainOut.stdout {
				t.Errorf("%s with %s differs from the output to a non-terminal", name, c.how)
			}
		}

		// On a terminal it may be styled (colour, bold, padding), but the
		// words are the same: meaning never rests on colour alone.
		styled := runWith(t, runOpts{terminal: true}, a...)
		mustSucceed(t, styled)
		got := strings.Fields(escape.ReplaceAllString(styled.stdout, ""))
		if want := strings.Fields(plainOut.stdout); !slices.Equal(got, want) {
			t.Errorf("%s: styled output without its escape sequences has other words than the plain output:\n%s\n---\n%s", name, styled.stdout, plainOut.stdout)
		}
	}
}

func TestLanguageFromEnvironment(t *testing.T) {
	for _, c := range []struct {
		env  map[string]string
		args []string
		want string
	}{
		{map[string]string{"LANG": "en_GB.UTF-8"}, nil, "en"},
		{map[string]string{"LANG": "C"}, nil, "en"},
		{map[string]string{}, nil, "en"},
		{map[string]string{"LANG": "fr_FR.UTF-8"}, nil, "en"},
		{map[string]string{"LANG": "fr_FR.UTF-8"}, []string{"--lang", "en"}, "en"},
	} {
		args := append([]string{"assess", "--format", "json"}, c.args...)
		o := runWith(t, runOpts{env: c.env}, args...)
		mustSucceed(t, o)
		if got := get[string](t, decodeObject(t, o.stdout), "lang"); got != c.want {
			t.Errorf("env %v, args %v: lang %q, want %q", c.env, c.args, got, c.want)
		}
	}
}

// docs/contract.md lists --lang zh-Hant and LANG=zh_HK.UTF-8 → zh-Hant:
// both give the Traditional Chinese catalog.
func TestTraditionalChinese(t *testing.T) {
	if !slices.Contains(catalog.Languages(), "zh-Hant") {
		t.Fatalf("no zh-Hant catalog among %v, though docs/contract.md promises it", catalog.Languages())
	}
	for _, o := range []outcome{
		runWith(t, runOpts{env: map[string]string{"LANG": "zh_HK.UTF-8"}}, "assess", "--format", "json"),
		run(t, "assess", "--format", "json", "--lang", "zh-Hant"),
	} {
		mustSucceed(t, o)
		if got := get[string](t, decodeObject(t, o.stdout), "lang"); got != "zh-Hant" {
			t.Errorf("lang %q, want zh-Hant", got)
		}
	}
}

func TestLocaleLanguage(t *testing.T) {
	for _, c := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"LANG": "zh_HK.UTF-8"}, "zh-Hant"},
		{map[string]string{"LANG": "zh_TW.UTF-8"}, "zh-Hant"},
		{map[string]string{"LANG": "zh_TW"}, "zh-Hant"},
		{map[string]string{"LANG": "zh_TW.Big5"}, "zh-Hant"},
		{map[string]string{"LANG": "zh_MO"}, "zh-Hant"},
		{map[string]string{"LANG": "zh_HK.UTF-8@stroke"}, "zh-Hant"},
		{map[string]string{"LANG": "zh_Hant_HK.UTF-8"}, "zh-Hant"},
		{map[string]string{"LANG": "zh-TW"}, "zh-Hant"},
		{map[string]string{"LANG": "zh_CN.UTF-8"}, "en"},
		{map[string]string{"LANG": "zh_SG.UTF-8"}, "en"},
		{map[string]string{"LANG": "en_GB.UTF-8"}, "en"},
		{map[string]string{"LANG": "de_DE.UTF-8"}, "en"},
		{map[string]string{"LANG": "C"}, "en"},
		{map[string]string{"LANG": "POSIX"}, "en"},
		{map[string]string{}, "en"},
		{map[string]string{"LC_ALL": "zh_TW.UTF-8", "LANG": "en_US.UTF-8"}, "zh-Hant"},
		{map[string]string{"LC_ALL": "en_US.UTF-8", "LANG": "zh_HK.UTF-8"}, "en"},
		{map[string]string{"LC_ALL": "en_US.UTF-8", "LC_MESSAGES": "zh_HK.UTF-8"}, "en"},
		{map[string]string{"LC_MESSAGES": "zh_HK.UTF-8", "LANG": "en_US.UTF-8"}, "zh-Hant"},
		{map[string]string{"LC_MESSAGES": "en_US.UTF-8", "LANG": "zh_HK.UTF-8"}, "en"},
		{map[string]string{"LC_ALL": "", "LC_MESSAGES": "", "LANG": "zh_MO.UTF-8"}, "zh-Hant"},
	} {
		got := catalog.LocaleLanguage(func(k string) string { return c.env[k] })
		if got != c.want {
			t.Errorf("LocaleLanguage(%v) = %q, want %q", c.env, got, c.want)
		}
	}
}

// Without a terminal, the questionnaire refuses with exit 2 and says what
// to use instead; nothing reaches stdout.
func TestNoTerminal(t *testing.T) {
	for _, args := range [][]string{{}, {"--teach"}, {"--no-summary"}} {
		// stdout a terminal but stdin a pipe is not enough either.
		o := runWith(t, runOpts{terminal: len(args) > 0}, args...)
		if o.code != ExitUsage || o.stdout != "" {
			t.Fatalf("achilles %v without a terminal: exit %d, stdout %q", args, o.code, o.stdout)
		}
		for _, want := range []string{"needs a terminal", "achilles --accessible", "achilles assess"} {
			if !strings.Contains(o.stderr, want) {
				t.Errorf("achilles %v without a terminal: stderr %q lacks %q", args, o.stderr, want)
			}
		}
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

// --accessible works through a pipe, and the report at the end says the
// same as achilles assess gives for the same answers, before the recap.
func TestAccessibleThroughPipe(t *testing.T) {
	// Who answers: the injured person; then the emergency checklist
	// "none of these", then the input ends: the rest is left unanswered.
	in := "1\n0\n"
	o := runWith(t, runOpts{stdin: strings.NewReader(in)}, "--accessible")
	mustSucceed(t, o)
	if strings.Contains(o.stdout, "\x1b") {
		t.Error("accessible mode wrote an escape code to a pipe")
	}
	want := run(t, "assess", "--answer", "answerer=self", "--answer", "chest_symptoms=no", "--answer", "open_wound=no",
		"--answer", "numb_or_cold_foot=no", "--answer", "deformity=no", "--answer", "severe_tense_calf=no",
		"--answer", "heel_skin=no", "--answer", "calf_swelling_warm=no")
	mustSucceed(t, want)
	// The same words, without the symbols a screen reader would read
	// aloud, then the recap.
	if !strings.Contains(strings.Join(strings.Fields(o.stdout), " "), spokenWords(want.stdout)+" Urgency: ") {
		t.Errorf("accessible mode does not end with the assess report, then the recap:\n%s\n--- want the end to be:\n%s", o.stdout, want.stdout)
	}
	// Invalid input is asked again.
	o = runWith(t, runOpts{stdin: strings.NewReader("7\nyes\n1\n")}, "--accessible")
	mustSucceed(t, o)
	if !strings.Contains(o.stdout, "There is no choice 7.") || !strings.Contains(o.stdout, `"yes" is not one of the choices`) ||
		!strings.Contains(o.stdout, "ACHILLES TENDON RUPTURE: ASSESSMENT") {
		t.Errorf("invalid answers were not asked again:\n%s", o.stdout)
	}
}

// The emergency check, all answered "no": nothing left unchecked.
var redFlagsNo = []string{
	"--answer", "chest_symptoms=no", "--answer", "open_wound=no", "--answer", "numb_or_cold_foot=no",
	"--answer", "deformity=no", "--answer", "severe_tense_calf=no", "--answer", "heel_skin=no",
	"--answer", "calf_swelling_warm=no",
}

// assess says, in the report near the banner and on stderr, which
// emergency signs were not checked; an empty answers document is warned
// about. The exit code stays 0.
func TestAssessWarnsWhatItDidNotCheck(t *testing.T) {
	for _, format := range []string{"text", "markdown"} {
		o := run(t, "assess", "--format", format, "--answer", "pop=yes", "--answer", "chest_symptoms=no")
		mustSucceed(t, o)
		notChecked := strings.Index(o.stdout, "Emergency signs not checked: Wound over the back of the ankle or heel;")
		if notChecked < 0 || notChecked > strings.Index(o.stdout, "What to do now") || strings.Contains(o.stdout, "not checked: Chest pain") {
			t.Errorf("%s: the report does not say, before what to do now, which emergency signs were not checked:\n%s", format, o.stdout)
		}
		if !strings.Contains(o.stderr, "warning: emergency signs not checked: open_wound, numb_or_cold_foot, deformity, severe_tense_calf, heel_skin, calf_swelling_warm;") {
			t.Errorf("%s: stderr does not warn of the unchecked emergency signs: %q", format, o.stderr)
		}
		if strings.Contains(o.stderr, "no answers") {
			t.Errorf("%s: stderr says no answers were given when some were: %q", format, o.stderr)
		}

		o = run(t, append([]string{"assess", "--format", format, "--answer", "pop=yes"}, redFlagsNo...)...)
		mustSucceed(t, o)
		if strings.Contains(o.stdout, "not checked") || o.stderr != "" {
			t.Errorf("%s: every emergency sign answered, yet the report or stderr says one was not checked: %v", format, o)
		}
	}

	o := runWith(t, runOpts{stdin: strings.NewReader("{}")}, "assess", "--answers", "-", "--format", "json")
	mustSucceed(t, o)
	if !strings.Contains(o.stderr, "warning: no answers were given") || !strings.Contains(o.stderr, "chest_symptoms") {
		t.Errorf("an empty answers document is not warned about: %q", o.stderr)
	}

	o = runWith(t, runOpts{stdin: strings.NewReader("{\"pop\": \"yes\"}\n{}\n")}, "assess", "--batch")
	if o.code != ExitOK || o.stderr != "" {
		t.Errorf("--batch warns line by line on stderr (it should not): %v", o)
	}
}

package questionnaire_test

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	q "achilles/questionnaire"
)

// contractQuestion is one row of the answers table of docs/contract.md.
type contractQuestion struct {
	id       string
	values   []string // choice questions
	min, max int      // number questions (values == nil)
}

// contract is the answers table of docs/contract.md, written out independently of
// the bank so that a renamed ID or value fails here.
var contract = []contractQuestion{
	{id: "answerer", values: []string{"self", "other"}},
	{id: "examiner", values: []string{"self", "trainer", "clinician", "nobody"}},
	{id: "age", min: 1, max: 120},
	{id: "side", values: []string{"left", "right"}},
	{id: "time_since", values: []string{"lt_24h", "1_14d", "2_4w", "gt_4w"}},
	{id: "chest_symptoms", values: []string{"yes", "no"}},
	{id: "open_wound", values: []string{"yes", "no"}},
	{id: "numb_or_cold_foot", values: []string{"yes", "no"}},
	{id: "deformity", values: []string{"yes", "no"}},
	{id: "severe_tense_calf", values: []string{"yes", "no"}},
	{id: "heel_skin", values: []string{"yes", "no"}},
	{id: "calf_swelling_warm", values: []string{"yes", "no"}},
	{id: "onset", values: []string{"sudden", "gradual", "unsure"}},
	{id: "mechanism", values: []string{"push_off", "landing", "twist", "direct_blow", "none", "unsure"}},
	{id: "pop", values: []string{"yes", "no", "unsure"}},
	{id: "kicked", values: []string{"yes", "no", "unsure"}},
	{id: "pain_site", values: []string{"achilles", "heel", "calf", "ankle_side", "other"}},
	{id: "pain_now", min: 0, max: 10},
	{id: "swelling", values: []string{"yes", "no", "unsure"}},
	{id: "prior_symptoms", values: []string{"yes", "no", "unsure"}},
	{id: "walk", values: []string{"normal", "limp", "unable"}},
	{id: "tiptoe", values: []string{"can", "cannot", "not_tried"}},
	{id: "push_weak", values: []string{"yes", "no", "unsure"}},
	{id: "gap", values: []string{"felt", "not_felt", "not_checked"}},
	{id: "thompson", values: []string{"positive", "negative", "not_done"}},
	{id: "matles", values: []string{"positive", "negative", "not_done"}},
	{id: "bone_tender", values: []string{"yes", "no", "not_checked"}},
	{id: "fluoroquinolone", values: []string{"yes", "no", "unsure"}},
	{id: "corticosteroid", values: []string{"yes", "no", "unsure"}},
	{id: "prior_rupture", values: []string{"yes", "no"}},
	// Added for the clot check and the wider differential (issue 10): new
	// optional questions, nothing renamed.
	{id: "heel_bump", values: []string{"yes", "no", "unsure"}},
	{id: "calf_bigger", values: []string{"yes", "no", "unsure"}},
	{id: "leg_swollen", values: []string{"yes", "no", "unsure"}},
	{id: "pitting", values: []string{"yes", "no", "not_checked"}},
	{id: "calf_tender", values: []string{"yes", "no", "not_checked"}},
	{id: "leg_immobilised", values: []string{"yes", "no", "unsure"}},
	{id: "bed_rest_surgery", values: []string{"yes", "no", "unsure"}},
	{id: "long_journey", values: []string{"yes", "no", "unsure"}},
	{id: "pregnancy", values: []string{"yes", "no"}},
	{id: "hormones", values: []string{"yes", "no", "unsure"}},
	{id: "cancer", values: []string{"yes", "no", "unsure"}},
	{id: "prior_clot", values: []string{"yes", "no", "unsure"}},
	{id: "knee_problem", values: []string{"yes", "no", "unsure"}},
}

func lookup(t testing.TB, id string) q.Q {
	t.Helper()
	question, ok := q.Lookup(id)
	if !ok {
		t.Fatalf("Lookup(%q): unknown question", id)
	}
	return question
}

func TestBankMatchesContract(t *testing.T) {
	if len(contract) != int(q.Count) {
		t.Errorf("the bank has %d questions, docs/contract.md lists %d", q.Count, len(contract))
	}
	for _, c := range contract {
		question, ok := q.Lookup(c.id)
		if !ok {
			t.Errorf("docs/contract.md question %q is not in the bank", c.id)
			continue
		}
		info := question.Info()
		if info.ID != c.id || question.ID() != c.id || question.String() != c.id {
			t.Errorf("Lookup(%q) gave a question with ID %q", c.id, info.ID)
		}
		if c.values == nil {
			if info.Kind != q.Number || info.Min != c.min || info.Max != c.max {
				t.Errorf("%s: kind %v %d–%d, want number %d–%d", c.id, info.Kind, info.Min, info.Max, c.min, c.max)
			}
			continue
		}
		got, want := slices.Clone(info.Values), slices.Clone(c.values)
		slices.Sort(got)
		slices.Sort(want)
		if info.Kind != q.Choice || !slices.Equal(got, want) {
			t.Errorf("%s: kind %v values %v, want choice %v", c.id, info.Kind, info.Values, c.values)
		}
	}
	if _, ok := q.Lookup("Pop"); ok {
		t.Error(`Lookup("Pop") found a question: IDs are case-sensitive`)
	}
	if got := q.Count.String(); got != "invalid" {
		t.Errorf("Count.String() = %q, want \"invalid\"", got)
	}
}

func TestNeutral(t *testing.T) {
	// docs/contract.md: these answers move nothing.
	for _, v := range []string{"unsure", "not_tried", "not_done", "not_checked"} {
		if !q.Neutral(v) {
			t.Errorf("Neutral(%q) = false, want true", v)
		}
	}
	for _, v := range []string{"yes", "no", "positive", "negative", "felt", "not_felt", "cannot", ""} {
		if q.Neutral(v) {
			t.Errorf("Neutral(%q) = true, want false", v)
		}
	}
}

// values returns the answers as ID → value as written in a document.
func values(a *q.Answers) map[string]string {
	m := map[string]string{}
	for _, question := range q.All() {
		if v, ok := a.Value(question); ok {
			m[question.ID()] = v
		}
	}
	return m
}

func TestParseAnswersValid(t *testing.T) {
	// One valid answer to every question, from the contract.
	var all strings.Builder
	allWant := map[string]string{}
	all.WriteString("{\n")
	for i, c := range contract {
		if i > 0 {
			all.WriteString(",\n")
		}
		if c.values == nil {
			fmt.Fprintf(&all, "  %q: %d", c.id, c.max)
			allWant[c.id] = strconv.Itoa(c.max)
		} else {
			v := c.values[len(c.values)-1]
			fmt.Fprintf(&all, "  %q: %q", c.id, v)
			allWant[c.id] = v
		}
	}
	all.WriteString("\n}\n")

	tests := []struct {
		name string
		in   string
		want map[string]string
	}{
		{"all questions", all.String(), allWant},
		{"empty object", `{}`, map[string]string{}},
		{"empty object with white space", " \r\n\t{ \n\t\r }\n\n ", map[string]string{}},
		{"one answer", `{"pop":"yes"}`, map[string]string{"pop": "yes"}},
		{"white space everywhere", "\t{ \"pop\" :\n\"yes\" , \"age\"\r\n:\t40 }\n", map[string]string{"pop": "yes", "age": "40"}},
		{"null is unanswered", `{"pop": null, "age": 40}`, map[string]string{"age": "40"}},
		{"only nulls", `{"pop": null, "age": null, "thompson": null}`, map[string]string{}},
		{"escaped key", `{"\u0070op": "yes"}`, map[string]string{"pop": "yes"}},
		{"escaped key, upper-case hex", `{"p\u006Fp": "no"}`, map[string]string{"pop": "no"}},
		{"escaped value", `{"pop": "y\u0065s", "thompson": "not\u005fdone"}`, map[string]string{"pop": "yes", "thompson": "not_done"}},
		{"everything escaped", `{"\u0070\u006f\u0070": "\u0079\u0065\u0073"}`, map[string]string{"pop": "yes"}},
		{"age at the lower edge", `{"age": 1}`, map[string]string{"age": "1"}},
		{"age at the upper edge", `{"age": 120}`, map[string]string{"age": "120"}},
		{"pain at the lower edge", `{"pain_now": 0}`, map[string]string{"pain_now": "0"}},
		{"pain at the upper edge", `{"pain_now": 10}`, map[string]string{"pain_now": "10"}},
		{"minus zero is zero", `{"pain_now": -0}`, map[string]string{"pain_now": "0"}},
		{"neutral answers are still recorded", `{"tiptoe":"not_tried","gap":"not_checked"}`, map[string]string{"tiptoe": "not_tried", "gap": "not_checked"}},
		{"question order does not matter", `{"prior_rupture":"no","answerer":"other"}`, map[string]string{"prior_rupture": "no", "answerer": "other"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := q.ParseAnswers([]byte(tt.in))
			if err != nil {
				t.Fatalf("ParseAnswers(%q): %v", tt.in, err)
			}
			if got := values(&a); !maps(got, tt.want) {
				t.Errorf("ParseAnswers(%q) = %v, want %v", tt.in, got, tt.want)
			}
			if a.Len() != len(tt.want) {
				t.Errorf("Len() = %d, want %d", a.Len(), len(tt.want))
			}
		})
	}
}

func maps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// Every allowed value of every question is accepted, and no other number.
func TestParseAnswersEveryValue(t *testing.T) {
	for _, c := range contract {
		question := lookup(t, c.id)
		if c.values != nil {
			for _, v := range c.values {
				in := fmt.Sprintf(`{%q:%q}`, c.id, v)
				a, err := q.ParseAnswers([]byte(in))
				if err != nil {
					t.Errorf("ParseAnswers(%s): %v", in, err)
					continue
				}
				if got, ok := a.Choice(question); !ok || got != v {
					t.Errorf("ParseAnswers(%s): Choice = %q, %v", in, got, ok)
				}
				if !a.Is(question, v) {
					t.Errorf("ParseAnswers(%s): Is(%s, %q) = false", in, c.id, v)
				}
			}
			continue
		}
		for n := c.min - 3; n <= c.max+3; n++ {
			in := fmt.Sprintf(`{%q:%d}`, c.id, n)
			a, err := q.ParseAnswers([]byte(in))
			inRange := n >= c.min && n <= c.max
			if inRange != (err == nil) {
				t.Errorf("ParseAnswers(%s): error %v, want accepted = %v", in, err, inRange)
				continue
			}
			if got, ok := a.Number(question); inRange && (!ok || got != n) {
				t.Errorf("ParseAnswers(%s): Number = %d, %v", in, got, ok)
			}
		}
	}
}

// The largest document accepted is exactly MaxDocument bytes.
func TestParseAnswersSizeLimit(t *testing.T) {
	body := `{"pop":"yes"}`
	atLimit := body + strings.Repeat(" ", q.MaxDocument-len(body))
	a, err := q.ParseAnswers([]byte(atLimit))
	if err != nil {
		t.Fatalf("a document of exactly MaxDocument bytes: %v", err)
	}
	if !a.Is(q.Pop, "yes") {
		t.Errorf("a document of exactly MaxDocument bytes lost its answer")
	}
	_, err = q.ParseAnswers([]byte(atLimit + " "))
	if err == nil {
		t.Fatal("a document of MaxDocument+1 bytes was accepted")
	}
	for _, want := range []string{strconv.Itoa(q.MaxDocument + 1), "1 MiB"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
	if q.MaxDocument != 1<<20 {
		t.Errorf("MaxDocument = %d; docs/contract.md says 1 MiB", q.MaxDocument)
	}
}

func TestParseAnswersErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string // each must appear in the message
		id   string   // if set, the error is a *questionnaire.Error for this ID
	}{
		// Not JSON at all, with the position.
		{"unterminated object", `{"pop": "yes"`, []string{"not valid JSON", "end of input", "line 1, column 14"}, ""},
		{"missing colon", "{\n  \"pop\" \"yes\"\n}", []string{"not valid JSON", "line 2, column 9", "expected ':'"}, ""},
		{"missing comma", `{"pop":"yes" "age":40}`, []string{"not valid JSON", "line 1, column 14", "','"}, ""},
		{"trailing comma", `{"pop":"yes",}`, []string{"not valid JSON", "line 1, column 14", "question ID"}, ""},
		{"unquoted key", `{pop:"yes"}`, []string{"not valid JSON", "line 1, column 2", "double quotes"}, ""},
		{"single-quoted key", `{'pop':'yes'}`, []string{"not valid JSON", "line 1, column 2"}, ""},
		{"unquoted value", `{"pop":yes}`, []string{"not valid JSON", "line 1, column 8"}, ""},
		{"misspelt null", `{"pop":nul}`, []string{"not valid JSON", "expected null"}, ""},
		{"misspelt true", `{"pop":tru}`, []string{"not valid JSON", "expected true"}, ""},
		{"unterminated string", `{"pop":"yes`, []string{"not valid JSON", "unterminated string"}, ""},
		{"unterminated key", `{"pop`, []string{"not valid JSON", "unterminated string"}, ""},
		{"bad escape", `{"po\x": "yes"}`, []string{"not valid JSON", "invalid escape"}, ""},
		{"short unicode escape", `{"po\u07": "yes"}`, []string{"not valid JSON", "hex digits"}, ""},
		{"control character in a string", "{\"pop\":\"ye\ts\"}", []string{"not valid JSON", "control character"}, ""},
		{"leading zero", `{"pain_now": 05}`, []string{"not valid JSON", "line 1, column 15"}, ""},
		{"leading zero out of range", `{"age": 040}`, []string{"not valid JSON", "line 1, column 10"}, ""},
		{"lone minus", `{"age": -}`, []string{"not valid JSON", "digit"}, ""},
		{"plus sign", `{"age": +4}`, []string{"not valid JSON", "line 1, column 9"}, ""},
		{"decimal point without digits", `{"age": 4.}`, []string{"not valid JSON", "decimal point"}, ""},
		{"exponent without digits", `{"age": 4e}`, []string{"not valid JSON", "exponent"}, ""},
		{"byte order mark", "\uFEFF{}", []string{"not valid JSON", "byte-order mark", "line 1, column 1", "only at the very start"}, ""},
		{"byte order mark after spaces", " \n \uFEFF{}", []string{"not valid JSON", "byte-order mark", "line 2, column 2"}, ""},
		{"NaN", `{"age": NaN}`, []string{"not valid JSON"}, ""},

		// Valid JSON, but not an object.
		{"array", `[{"pop":"yes"}]`, []string{"must be a JSON object", "not an array"}, ""},
		{"string", `"pop"`, []string{"must be a JSON object", "not a string"}, ""},
		{"number", `42`, []string{"must be a JSON object", "not a number"}, ""},
		{"negative number", ` -1`, []string{"must be a JSON object", "not a number"}, ""},
		{"null", `null`, []string{"must be a JSON object", "not null"}, ""},
		{"true", `true`, []string{"must be a JSON object", "not a boolean"}, ""},
		{"false", "\nfalse\n", []string{"must be a JSON object", "not a boolean"}, ""},

		// Nothing at all.
		{"empty", ``, []string{"empty", "JSON object"}, ""},
		{"only white space", " \n\t\r\n", []string{"empty", "JSON object"}, ""},

		// Unknown IDs.
		{"typo", `{"pops": "yes"}`, []string{`unknown question ID "pops"`, `did you mean "pop"?`, "known IDs: answerer, chest_symptoms"}, ""},
		{"typo of a long ID", `{"thomson": "positive"}`, []string{`"thomson"`, `did you mean "thompson"?`}, ""},
		{"wrong case", `{"Pop": "yes"}`, []string{`unknown question ID "Pop"`, `did you mean "pop"?`}, ""},
		{"unknown after a good answer", `{"pop": "yes", "colour": "red"}`, []string{`unknown question ID "colour"`, "known IDs:", "prior_rupture"}, ""},
		{"empty key", `{"": "yes"}`, []string{`unknown question ID ""`, "known IDs:"}, ""},

		// Duplicates.
		{"duplicate", `{"pop": "yes", "pop": "no"}`, []string{`"pop" is given twice`}, ""},
		{"duplicate with the same value", `{"age": 40, "age": 40}`, []string{`"age" is given twice`}, ""},
		{"duplicate after null", `{"pop": null, "pop": "yes"}`, []string{`"pop" is given twice`}, ""},
		{"duplicate through an escape", `{"pop": "yes", "\u0070op": "yes"}`, []string{`"pop" is given twice`}, ""},

		// Values not allowed.
		{"bad value", `{"pop": "maybe"}`, []string{`"pop"`, `"maybe"`, "not an allowed value", "allowed: yes, no, unsure"}, "pop"},
		{"value in the wrong case", `{"thompson": "Positive"}`, []string{`"Positive"`, "allowed: positive, negative, not_done"}, "thompson"},
		{"empty value", `{"walk": ""}`, []string{`""`, "allowed: normal, limp, unable"}, "walk"},
		{"value of another question", `{"pop": "felt"}`, []string{`"felt"`, "allowed: yes, no, unsure"}, "pop"},
		{"value with spaces", `{"pop": " yes"}`, []string{`" yes"`, "not an allowed value"}, "pop"},

		// Wrong types.
		{"number for a choice", `{"pop": 1}`, []string{`"pop"`, "the number 1", "wrong type", "want a string", "allowed: yes, no, unsure"}, "pop"},
		{"string for a number", `{"age": "40"}`, []string{`"age"`, `a string "40"`, "wrong type", "want a whole number", "allowed: a whole number from 1 to 120"}, "age"},
		{"true for a choice", `{"pop": true}`, []string{`"pop"`, "true", "wrong type", "allowed: yes, no, unsure"}, "pop"},
		{"false for a number", `{"pain_now": false}`, []string{`"pain_now"`, "false", "wrong type", "from 0 to 10"}, "pain_now"},
		{"object for a choice", `{"pop": {"value": "yes"}}`, []string{`"pop"`, "an object", "wrong type"}, "pop"},
		{"array for a choice", `{"pop": ["yes"]}`, []string{`"pop"`, "an array", "wrong type"}, "pop"},
		{"array for a number", `{"age": [40]}`, []string{`"age"`, "an array", "wrong type"}, "age"},

		// Numbers out of range.
		{"age 0", `{"age": 0}`, []string{`"age"`, "0 is out of range", "allowed: a whole number from 1 to 120"}, "age"},
		{"age 121", `{"age": 121}`, []string{`"age"`, "121 is out of range", "from 1 to 120"}, "age"},
		{"negative age", `{"age": -40}`, []string{"-40 is out of range", "from 1 to 120"}, "age"},
		{"pain 11", `{"pain_now": 11}`, []string{`"pain_now"`, "11 is out of range", "from 0 to 10"}, "pain_now"},
		{"pain -1", `{"pain_now": -1}`, []string{"-1 is out of range", "from 0 to 10"}, "pain_now"},
		{"age that overflows int16", `{"age": 65537}`, []string{"65537 is out of range"}, "age"},
		{"age that overflows int64", `{"age": 99999999999999999999999999}`, []string{"99999999999999999999999999 is out of range", "from 1 to 120"}, "age"},
		{"huge negative", `{"pain_now": -99999999999999999999999999}`, []string{"out of range", "from 0 to 10"}, "pain_now"},

		// Not whole numbers.
		{"fraction", `{"age": 42.5}`, []string{`"age"`, "42.5 is not a whole number", "from 1 to 120"}, "age"},
		{"whole fraction", `{"age": 40.0}`, []string{"40.0 is not a whole number"}, "age"},
		{"exponent", `{"age": 4e1}`, []string{"4e1 is not a whole number"}, "age"},
		{"huge exponent", `{"age": 1e400}`, []string{"1e400 is not a whole number"}, "age"},

		// Text after the object.
		{"trailing word", `{"pop": "yes"} x`, []string{"not valid JSON", "after the end of the object", "line 1, column 16"}, ""},
		{"two objects", "{}\n{}", []string{"after the end of the object", "line 2, column 1"}, ""},
		{"trailing comma after the object", `{"pop":"yes"},`, []string{"after the end of the object"}, ""},
		{"trailing brace", `{}}`, []string{"after the end of the object"}, ""},
		{"trailing NUL", "{}\x00", []string{"after the end of the object"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := q.ParseAnswers([]byte(tt.in))
			if err == nil {
				t.Fatalf("ParseAnswers(%q) accepted it", tt.in)
			}
			for _, want := range tt.want {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("ParseAnswers(%q):\n  error %q\n  does not contain %q", tt.in, err, want)
				}
			}
			var e *q.Error
			if tt.id != "" {
				if !errors.As(err, &e) {
					t.Errorf("ParseAnswers(%q): error %T is not a *questionnaire.Error", tt.in, err)
				} else if e.ID != tt.id || e.Allowed != q.Allowed(lookup(t, tt.id)) {
					t.Errorf("ParseAnswers(%q): Error{ID: %q, Allowed: %q}, want ID %q", tt.in, e.ID, e.Allowed, tt.id)
				}
			}
			if strings.Count(err.Error(), "\n") > 0 {
				t.Errorf("error %q spans several lines; main prints one line", err)
			}
		})
	}
}

// The error names the bad answer, not the good ones around it.
func TestParseAnswersNamesTheBadAnswer(t *testing.T) {
	_, err := q.ParseAnswers([]byte(`{"pop": "yes", "thompson": "positive", "age": 400, "walk": "limp"}`))
	if err == nil {
		t.Fatal("a document with age 400 was accepted")
	}
	if !strings.Contains(err.Error(), `"age"`) || strings.Contains(err.Error(), `"pop"`) || strings.Contains(err.Error(), `"walk"`) {
		t.Errorf("error %q should name age, and only age", err)
	}
}

func TestParseAssignment(t *testing.T) {
	tests := []struct {
		in      string
		id      string
		want    string   // the value set, when ok
		wantErr []string // each in the error, when not ok
	}{
		{in: "pop=yes", id: "pop", want: "yes"},
		{in: " age = 40 ", id: "age", want: "40"},
		{in: "pain_now=0", id: "pain_now", want: "0"},
		{in: "pain_now=10", id: "pain_now", want: "10"},
		{in: "thompson=not_done", id: "thompson", want: "not_done"},
		{in: "\tmechanism=\tpush_off\n", id: "mechanism", want: "push_off"},
		{in: "pop", wantErr: []string{`"pop"`, "expected ID=VALUE", "pop=yes"}},
		{in: "", wantErr: []string{"expected ID=VALUE"}},
		{in: "pop:yes", wantErr: []string{`"pop:yes"`, "expected ID=VALUE"}},
		{in: "pops=yes", wantErr: []string{`unknown question ID "pops"`, `did you mean "pop"?`, "known IDs:"}},
		{in: "=yes", wantErr: []string{`unknown question ID ""`}},
		{in: "pop=maybe", wantErr: []string{`"pop"`, `"maybe"`, "allowed: yes, no, unsure"}},
		{in: "pop=", wantErr: []string{`"pop"`, `""`, "allowed: yes, no, unsure"}},
		{in: "pop=YES", id: "pop", want: "yes"},
		{in: "thompson=Not_Done", id: "thompson", want: "not_done"},
		{in: "mechanism=PUSH_OFF", id: "mechanism", want: "push_off"},
		{in: "pop=yeſ", wantErr: []string{`"yeſ"`, "allowed: yes, no, unsure"}},
		{in: "POP=yes", wantErr: []string{`unknown question ID "POP"`}},
		{in: "pop=yes=no", wantErr: []string{`"yes=no"`, "allowed: yes, no, unsure"}},
		{in: "age=0", wantErr: []string{`"age"`, "0 is out of range", "from 1 to 120"}},
		{in: "age=121", wantErr: []string{"121 is out of range", "from 1 to 120"}},
		{in: "pain_now=-1", wantErr: []string{"-1 is out of range", "from 0 to 10"}},
		{in: "age=forty", wantErr: []string{`"forty"`, "not a whole number", "from 1 to 120"}},
		{in: "age=42.5", wantErr: []string{`"42.5"`, "not a whole number"}},
		{in: "age=", wantErr: []string{`"age"`, "not a whole number"}},
		{in: "age=99999999999999999999", wantErr: []string{"out of range", "from 1 to 120"}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			var a q.Answers
			err := a.ParseAssignment(tt.in)
			if tt.wantErr != nil {
				if err == nil {
					t.Fatalf("ParseAssignment(%q) accepted it: %v", tt.in, values(&a))
				}
				for _, want := range tt.wantErr {
					if !strings.Contains(err.Error(), want) {
						t.Errorf("ParseAssignment(%q):\n  error %q\n  does not contain %q", tt.in, err, want)
					}
				}
				if a.Len() != 0 {
					t.Errorf("ParseAssignment(%q) failed but set %v", tt.in, values(&a))
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseAssignment(%q): %v", tt.in, err)
			}
			got := values(&a)
			if len(got) != 1 || got[tt.id] != tt.want {
				t.Errorf("ParseAssignment(%q) set %v, want %s=%s", tt.in, got, tt.id, tt.want)
			}
		})
	}
}

// --answer overrides the same ID from --answers, and a later --answer an
// earlier one.
func TestParseAssignmentOverrides(t *testing.T) {
	a, err := q.ParseAnswers([]byte(`{"pop": "no", "age": 30}`))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"pop=yes", "age=41", "age=42"} {
		if err := a.ParseAssignment(s); err != nil {
			t.Fatalf("ParseAssignment(%q): %v", s, err)
		}
	}
	want := map[string]string{"pop": "yes", "age": "42"}
	if got := values(&a); !maps(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	// A failed assignment leaves the earlier answer in place.
	if err := a.ParseAssignment("age=500"); err == nil {
		t.Fatal("age=500 accepted")
	}
	if got := values(&a); !maps(got, want) {
		t.Errorf("after a failed assignment: got %v, want %v", got, want)
	}
}

func TestAnswersSetAndValue(t *testing.T) {
	var a q.Answers
	if a.Len() != 0 {
		t.Fatalf("zero Answers has Len %d", a.Len())
	}
	for _, question := range q.All() {
		if a.Has(question) {
			t.Errorf("zero Answers has %s", question)
		}
		if v, ok := a.Value(question); ok || v != "" {
			t.Errorf("zero Answers: Value(%s) = %q, %v", question, v, ok)
		}
	}

	if err := a.Set(q.Pop, "yes"); err != nil {
		t.Fatal(err)
	}
	if err := a.Set(q.Age, " 40 "); err != nil {
		t.Fatalf(`Set(age, " 40 "): %v`, err)
	}
	if v, ok := a.Value(q.Pop); !ok || v != "yes" {
		t.Errorf("Value(pop) = %q, %v", v, ok)
	}
	if v, ok := a.Value(q.Age); !ok || v != "40" {
		t.Errorf("Value(age) = %q, %v", v, ok)
	}
	if n, ok := a.Number(q.Age); !ok || n != 40 {
		t.Errorf("Number(age) = %d, %v", n, ok)
	}
	if _, ok := a.Number(q.Pop); ok {
		t.Error("Number(pop) reports a number for a choice question")
	}
	if _, ok := a.Choice(q.Age); ok {
		t.Error("Choice(age) reports a choice for a number question")
	}
	if i, ok := a.Index(q.Pop); !ok || q.Pop.Info().Values[i] != "yes" {
		t.Errorf("Index(pop) = %d, %v", i, ok)
	}
	if a.Is(q.Pop, "no") || !a.Is(q.Pop, "yes") || a.Is(q.Kicked, "yes") {
		t.Error("Is gives the wrong answer")
	}
	if a.Len() != 2 {
		t.Errorf("Len() = %d, want 2", a.Len())
	}

	// Replacing an answer does not change the count.
	if err := a.Set(q.Pop, "no"); err != nil {
		t.Fatal(err)
	}
	if v, _ := a.Value(q.Pop); v != "no" || a.Len() != 2 {
		t.Errorf("after replacing pop: Value %q, Len %d", v, a.Len())
	}

	// A refused value leaves the previous answer alone.
	before := a
	for _, bad := range []struct {
		question q.Q
		value    string
	}{{q.Pop, "maybe"}, {q.Age, "0"}, {q.Age, "121"}, {q.Age, "4e1"}, {q.PainNow, "11"}, {q.Pop, ""}} {
		if err := a.Set(bad.question, bad.value); err == nil {
			t.Errorf("Set(%s, %q) accepted", bad.question, bad.value)
		}
	}
	if a != before {
		t.Errorf("refused values changed the answers: %v, want %v", values(&a), values(&before))
	}
	if err := a.SetNumber(q.Pop, 1); err == nil || !strings.Contains(err.Error(), "wrong type") {
		t.Errorf("SetNumber(pop, 1) = %v, want a wrong-type error", err)
	}
	if err := a.SetChoice(q.Age, "yes"); err == nil {
		t.Error(`SetChoice(age, "yes") accepted`)
	}

	// Clear removes one answer and nothing else.
	a.Clear(q.Pop)
	if a.Has(q.Pop) || a.Len() != 1 || !a.Has(q.Age) {
		t.Errorf("after Clear(pop): %v", values(&a))
	}
	a.Clear(q.Pop) // clearing twice is harmless
	if a.Len() != 1 {
		t.Errorf("Clear of an unanswered question changed Len to %d", a.Len())
	}
	a.Clear(q.Age)
	if a != (q.Answers{}) {
		t.Errorf("clearing every answer does not give the zero value: %v", values(&a))
	}
}

func TestAnswersMerge(t *testing.T) {
	base, err := q.ParseAnswers([]byte(`{"pop": "no", "age": 30, "thompson": "positive"}`))
	if err != nil {
		t.Fatal(err)
	}
	over, err := q.ParseAnswers([]byte(`{"pop": "yes", "pain_now": 7}`))
	if err != nil {
		t.Fatal(err)
	}
	merged := base
	merged.Merge(over)
	want := map[string]string{"pop": "yes", "age": "30", "thompson": "positive", "pain_now": "7"}
	if got := values(&merged); !maps(got, want) {
		t.Errorf("Merge: got %v, want %v", got, want)
	}
	if merged.Len() != 4 {
		t.Errorf("Merge: Len() = %d, want 4", merged.Len())
	}
	if values(&base)["pop"] != "no" {
		t.Error("Merge changed the answers merged from")
	}

	// Merging empty answers changes nothing; an unanswered question in b
	// does not clear a's answer.
	same := base
	same.Merge(q.Answers{})
	if same != base {
		t.Errorf("merging nothing changed %v into %v", values(&base), values(&same))
	}
}

func TestAnswersExaminer(t *testing.T) {
	tests := []struct {
		doc  string
		want string
	}{
		{`{}`, "self"},
		{`{"answerer": "self"}`, "self"},
		{`{"answerer": "other"}`, "trainer"},
		{`{"answerer": "other", "examiner": "self"}`, "self"},
		{`{"answerer": "other", "examiner": "clinician"}`, "clinician"},
		{`{"answerer": "self", "examiner": "trainer"}`, "trainer"},
		{`{"examiner": "clinician"}`, "clinician"},
		{`{"examiner": "nobody"}`, "nobody"},
		{`{"answerer": null}`, "self"},
	}
	for _, tt := range tests {
		a, err := q.ParseAnswers([]byte(tt.doc))
		if err != nil {
			t.Fatalf("%s: %v", tt.doc, err)
		}
		if got := a.Examiner(); got != tt.want {
			t.Errorf("%s: Examiner() = %q, want %q", tt.doc, got, tt.want)
		}
		if got, want := a.Other(), strings.Contains(tt.doc, `"answerer": "other"`); got != want {
			t.Errorf("%s: Other() = %v, want %v", tt.doc, got, want)
		}
		// The default is not an answer: the document round-trips without it.
		if !strings.Contains(tt.doc, "examiner") && a.Has(q.Examiner) {
			t.Errorf("%s: Examiner() default was stored as an answer", tt.doc)
		}
	}
}

func TestAllowed(t *testing.T) {
	for _, tt := range []struct {
		question q.Q
		want     string
	}{
		{q.Pop, "yes, no, unsure"},
		{q.Age, "a whole number from 1 to 120"},
		{q.PainNow, "a whole number from 0 to 10"},
		{q.Mechanism, "push_off, landing, twist, direct_blow, none, unsure"},
	} {
		if got := q.Allowed(tt.question); got != tt.want {
			t.Errorf("Allowed(%s) = %q, want %q", tt.question, got, tt.want)
		}
	}
}

// TestYesSetFollowsTheAnswers: the set of yes answers the model reads is
// exactly Is(q, "yes"), through every way answers are set, cleared and
// merged.
func TestYesSetFollowsTheAnswers(t *testing.T) {
	var a, b q.Answers
	check := func(step string, a *q.Answers) {
		t.Helper()
		for _, question := range q.All() {
			want := a.Is(question, "yes")
			if a.Yes(question) != want || (a.YesSet()&(1<<question) != 0) != want {
				t.Fatalf("%s: %s answered %v: Yes %v, YesSet bit %v", step, question, want, a.Yes(question), a.YesSet()&(1<<question) != 0)
			}
		}
	}
	for i := range 4000 {
		question := q.Q(i * 7 % int(q.Count))
		info := question.Info()
		target := &a
		if i%3 == 0 {
			target = &b
		}
		switch {
		case i%11 == 0:
			target.Clear(question)
		case info.Kind == q.Number:
			_ = target.SetNumber(question, info.Min+i%(info.Max-info.Min+1))
		default:
			_ = target.SetChoice(question, info.Values[i%len(info.Values)])
		}
		check("set", target)
		if i%13 == 0 {
			a.Merge(b)
			check("merge", &a)
		}
	}
}

// TestConsistent: examiner "nobody" with a test result is refused, naming
// both answers; without a result, or with another examiner, it is not.
func TestConsistent(t *testing.T) {
	for doc, bad := range map[string]bool{
		`{"examiner": "nobody"}`:                          false,
		`{"examiner": "nobody", "thompson": "not_done"}`:  false,
		`{"examiner": "nobody", "gap": "not_checked"}`:    false,
		`{"examiner": "trainer", "thompson": "positive"}`: false,
		`{"thompson": "positive"}`:                        false,
		`{"examiner": "nobody", "thompson": "positive"}`:  true,
		`{"examiner": "nobody", "matles": "negative"}`:    true,
		`{"examiner": "nobody", "gap": "not_felt"}`:       true,
		`{"examiner": "nobody", "bone_tender": "no"}`:     true,
	} {
		a, err := q.ParseAnswers([]byte(doc))
		if err != nil {
			t.Fatalf("%s: %v", doc, err)
		}
		err = a.Consistent()
		if (err != nil) != bad {
			t.Errorf("%s: Consistent() = %v, want an error %v", doc, err, bad)
		}
		if err != nil && (!strings.Contains(err.Error(), `"nobody"`) || !strings.Contains(err.Error(), "examiner")) {
			t.Errorf("%s: the error does not name both answers: %v", doc, err)
		}
	}
}

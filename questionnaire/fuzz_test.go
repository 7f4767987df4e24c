package questionnaire_test

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"testing"

	q "achilles/questionnaire"
)

// FuzzParseAnswers checks the hand-written parser against encoding/json: it
// must never accept what is not a JSON object, and what it accepts must mean
// the same as what encoding/json reads.
func FuzzParseAnswers(f *testing.F) {
	for _, seed := range []string{
		``,
		` `,
		`{}`,
		" \r\n\t{ \n }\n",
		`{"pop":"yes"}`,
		`{"pop": null, "age": 40}`,
		`{"\u0070op": "y\u0065s"}`,
		`{"p\u006Fp": "no", "thompson": "not\u005fdone"}`,
		`{"age": 1, "pain_now": 0}`,
		`{"age": 120, "pain_now": 10}`,
		`{"pain_now": -0}`,
		`{"age": 0}`,
		`{"age": 121}`,
		`{"pain_now": 11}`,
		`{"pain_now": -1}`,
		`{"age": 99999999999999999999999999}`,
		`{"age": 42.5}`,
		`{"age": 4e1}`,
		`{"age": 4E+1}`,
		`{"age": 1e400}`,
		`{"age": 040}`,
		`{"age": -}`,
		`{"age": "40"}`,
		`{"pop": 1}`,
		`{"pop": true}`,
		`{"pop": false}`,
		`{"pop": {"a": [1, 2]}}`,
		`{"pop": ["yes"]}`,
		`{"pops": "yes"}`,
		`{"pop": "yes", "pop": "no"}`,
		`{"pop": "maybe"}`,
		`{"pop": "yes",}`,
		`{"pop" "yes"}`,
		`{"pop": "yes"} x`,
		`{}{}`,
		`[]`,
		`[{"pop": "yes"}]`,
		`"pop"`,
		`42`,
		`null`,
		`true`,
		`false`,
		`nul`,
		`{"pop": nul}`,
		`{"po\x": "yes"}`,
		`{"po\u07": "yes"}`,
		`{"\ud800": "yes"}`,
		`{"\ud83d\ude00": "yes"}`,
		`{"pop": "\ud800\udc00"}`,
		"{\"pop\": \"ye\ts\"}",
		"{\"pop\": \"yes\xff\"}",
		"\xef\xbb\xbf{}",
		"{\"pop\":\"yes\"}\x00",
		`{"answerer":"other","examiner":"trainer","age":40,"side":"left","time_since":"lt_24h",` +
			`"chest_symptoms":"no","open_wound":"no","numb_or_cold_foot":"no","deformity":"no",` +
			`"severe_tense_calf":"no","heel_skin":"no","calf_swelling_warm":"no","onset":"sudden",` +
			`"mechanism":"push_off","pop":"yes","kicked":"yes","pain_site":"achilles","pain_now":6,` +
			`"swelling":"yes","prior_symptoms":"no","walk":"limp","tiptoe":"cannot","push_weak":"yes",` +
			`"gap":"felt","thompson":"positive","matles":"positive","bone_tender":"no",` +
			`"fluoroquinolone":"no","corticosteroid":"no","prior_rupture":"no"}`,
	} {
		f.Add([]byte(seed))
	}

	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := q.ParseAnswers(data)

		var doc map[string]any
		jsonErr := json.Unmarshal(data, &doc)
		if jsonErr == nil && doc == nil {
			// encoding/json reads a top-level null into a nil map without
			// error; it is still not an object.
			jsonErr = errNotObject
		}
		if err != nil {
			if err.Error() == "" {
				t.Fatalf("ParseAnswers(%q): empty error message", data)
			}
			if jsonErr != nil && len(data) <= q.MaxDocument {
				return // both refuse it
			}
			// Refusing valid JSON is allowed (unknown IDs, bad values,
			// duplicates), but then the document really must be at fault.
			checkRefusal(t, data, err)
			return
		}
		if jsonErr != nil {
			t.Fatalf("ParseAnswers(%q) accepted what encoding/json refuses: %v", data, jsonErr)
		}
		if len(data) > q.MaxDocument {
			t.Fatalf("ParseAnswers accepted a document of %d bytes", len(data))
		}

		// Every key is a known ID, and its value is what ParseAnswers read.
		for key, v := range doc {
			question, ok := q.Lookup(key)
			if !ok {
				t.Fatalf("ParseAnswers(%q) accepted unknown ID %q", data, key)
			}
			got, answered := a.Value(question)
			switch v := v.(type) {
			case nil:
				if answered {
					t.Fatalf("ParseAnswers(%q): %s is null but answered %q", data, key, got)
				}
			case string:
				if !answered || got != v {
					t.Fatalf("ParseAnswers(%q): %s = %q, %v; encoding/json reads %q", data, key, got, answered, v)
				}
			case float64:
				n, convErr := strconv.Atoi(got)
				if !answered || convErr != nil || float64(n) != v || v != math.Trunc(v) {
					t.Fatalf("ParseAnswers(%q): %s = %q, %v; encoding/json reads %v", data, key, got, answered, v)
				}
			default:
				t.Fatalf("ParseAnswers(%q) accepted %s = %v of type %T", data, key, v, v)
			}
		}
		// And nothing is answered that the document does not hold.
		for _, question := range q.All() {
			if v, ok := doc[question.ID()]; a.Has(question) && (!ok || v == nil) {
				t.Fatalf("ParseAnswers(%q) answered %s, which the document leaves out", data, question)
			}
		}

		// Written back out from Value, the answers parse to the same value.
		out := map[string]any{}
		for _, question := range q.All() {
			v, ok := a.Value(question)
			if !ok {
				continue
			}
			if question.Info().Kind == q.Number {
				out[question.ID()] = json.Number(v)
			} else {
				out[question.ID()] = v
			}
		}
		enc, err := json.Marshal(out)
		if err != nil {
			t.Fatalf("re-encoding %v: %v", out, err)
		}
		back, err := q.ParseAnswers(enc)
		if err != nil {
			t.Fatalf("ParseAnswers(%q) succeeded, but its re-encoding %s is refused: %v", data, enc, err)
		}
		if back != a {
			t.Fatalf("ParseAnswers(%q) re-encoded as %s parses to different answers", data, enc)
		}
	})
}

var errNotObject = notObject{}

type notObject struct{}

func (notObject) Error() string { return "not an object" }

// checkRefusal fails unless the document, which encoding/json accepts as an
// object, was refused for a reason of its content: too big, an unknown ID, a
// key given twice (encoding/json silently keeps the last), or a value that
// is not allowed.
func checkRefusal(t *testing.T, data []byte, err error) {
	t.Helper()
	if len(data) <= q.MaxDocument && validDocument(data) {
		t.Fatalf("ParseAnswers(%q) refused a valid answers document: %v", data, err)
	}
}

// validDocument reports whether data is an answers document that docs/contract.md
// says must be accepted, reading it with encoding/json's tokenizer.
func validDocument(data []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber() // keep the text of numbers: 40 is whole, 40.0 and 4e1 are not
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return false
	}
	seen := map[q.Q]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		question, known := q.Lookup(tok.(string))
		if !known || seen[question] {
			return false
		}
		seen[question] = true
		var v any
		if err := dec.Decode(&v); err != nil {
			return false
		}
		info := question.Info()
		switch v := v.(type) {
		case nil:
		case string:
			if _, ok := question.ValueIndex(v); info.Kind != q.Choice || !ok {
				return false
			}
		case json.Number:
			n, err := strconv.Atoi(string(v))
			if info.Kind != q.Number || err != nil || n < info.Min || n > info.Max {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// Package cases holds the course cases of achilles: preset injuries with
// their answers, for instructors to demonstrate (achilles demo) and for
// scripts to assess (achilles assess --case). The answers are embedded
// data; each case's title, story and lesson are in the message catalog
// under case.<id>.title, .story and .lesson.
package cases

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"

	q "achilles/questionnaire"
)

//go:embed cases.json
var data []byte

// Case is one preset injury.
type Case struct {
	ID      string
	Answers q.Answers
}

// TitleKey is the catalog key of the case's title.
func (c Case) TitleKey() string { return "case." + c.ID + ".title" }

// StoryKey is the catalog key of the case's story: what happened, as the
// instructor would tell it.
func (c Case) StoryKey() string { return "case." + c.ID + ".story" }

// LessonKey is the catalog key of what the case teaches.
func (c Case) LessonKey() string { return "case." + c.ID + ".lesson" }

// ChangedIn reports whether the answers a that count differ from the
// case's: an answer changed live in course mode, or one left out. Who is
// answering only sets the wording, and does not count.
func (c Case) ChangedIn(a q.Answers) bool {
	got, want := q.Effective(a), q.Effective(c.Answers)
	for _, question := range q.All() {
		if question == q.Answerer {
			continue
		}
		g, gok := got.Value(question)
		w, wok := want.Value(question)
		if g != w || gok != wok {
			return true
		}
	}
	return false
}

// GistKey is the catalog key of the case's lesson in a few words, for one
// line of the list of cases.
func (c Case) GistKey() string { return "case." + c.ID + ".gist" }

// load parses the embedded cases once. The data is part of the program, so
// a fault in it is a programming error that the tests catch.
var load = sync.OnceValues(func() ([]Case, error) {
	var raw []struct {
		ID      string          `json:"id"`
		Answers json.RawMessage `json:"answers"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("cases.json: %w", err)
	}
	all := make([]Case, 0, len(raw))
	for _, r := range raw {
		a, err := q.ParseAnswers(r.Answers)
		if err != nil {
			return nil, fmt.Errorf("cases.json: case %q: %w", r.ID, err)
		}
		all = append(all, Case{ID: r.ID, Answers: a})
	}
	return all, nil
})

// All returns the cases in the order they are taught.
func All() []Case {
	all, err := load()
	if err != nil {
		panic(err) // embedded data; TestCasesComplete guards it
	}
	// A copy: the cases are shared by every session of a server.
	return slices.Clone(all)
}

// Get returns the case with the given ID.
func Get(id string) (Case, bool) {
	for _, c := range All() {
		if c.ID == id {
			return c, true
		}
	}
	return Case{}, false
}

// IDs lists the case IDs in order.
func IDs() []string {
	all := All()
	ids := make([]string, len(all))
	for i, c := range all {
		ids[i] = c.ID
	}
	return ids
}

// UnknownError is the error for a case ID that does not exist; it lists
// the cases there are.
func UnknownError(id string) error {
	return fmt.Errorf("no course case %q; cases: %s (see achilles demo --list)", id, strings.Join(IDs(), ", "))
}

package questionnaire

import (
	"slices"
	"strconv"
	"strings"
	"sync"

	"achilles/catalog"
)

// The errors of the answers (a bad answer, an answers document that is
// not what it should be) are worded from the message catalogs under
// "answers.", so that a caller with the person's catalog can say them in
// the person's language (Worded), and Error says them in English.

// Words says a catalog message with its placeholders filled: a
// *catalog.Catalog.
type Words interface {
	F(key string, args ...string) string
}

// Worded is an error that can be said in any catalog's words.
type Worded interface {
	error
	In(w Words) string
}

// english is the catalog that Error speaks.
var english = sync.OnceValue(func() *catalog.Catalog { return catalog.MustLoad("en") })

// Message is an error worded by a catalog key and its placeholders (name,
// value pairs), and parts: placeholders whose values are messages of
// their own, worded first.
type Message struct {
	Key   string
	Args  []string
	Parts []Part
}

// Part is a placeholder of a Message whose value is a message.
type Part struct {
	Name string
	Msg  *Message
}

func msg(key string, args ...string) *Message { return &Message{Key: key, Args: args} }

// with adds a part to m.
func (m *Message) with(name string, part *Message) *Message {
	m.Parts = append(m.Parts, Part{name, part})
	return m
}

// In says the message in w's words.
func (m *Message) In(w Words) string {
	args := m.Args
	if len(m.Parts) > 0 {
		args = slices.Clone(args)
		for _, p := range m.Parts {
			args = append(args, p.Name, p.Msg.In(w))
		}
	}
	return w.F(m.Key, args...)
}

func (m *Message) Error() string { return m.In(english()) }

// Error is a bad answer: which question, what was given, what is wrong with
// it and what is allowed. Got, Problem and Allowed are in English; In says
// the whole in any catalog's words.
type Error struct {
	ID      string
	Got     string // the value as the user wrote it, quoted if a string
	Problem string
	Allowed string
	got     *Message
	problem *Message
	allowed *Message
}

// badValue is the error for a bad answer to q.
func badValue(q Q, got, problem *Message) *Error {
	info := &bank[q]
	allowed := allowedMsg(q)
	en := english()
	return &Error{ID: info.ID, Got: got.In(en), Problem: problem.In(en), Allowed: allowed.In(en),
		got: got, problem: problem, allowed: allowed}
}

// allowedMsg words what q allows: its values, or a range of numbers.
func allowedMsg(q Q) *Message {
	info := &bank[q]
	if info.Kind == Number {
		return msg("answers.allowed.number", "min", strconv.Itoa(info.Min), "max", strconv.Itoa(info.Max))
	}
	return msg("answers.allowed.values", "values", strings.Join(info.Values, ", "))
}

// given is what was given, as it was written: a value, quoted if a string.
func given(text string) *Message { return msg("answers.given", "text", text) }

func (e *Error) Error() string { return e.In(english()) }

// In says the error in w's words.
func (e *Error) In(w Words) string {
	return w.F("answers.error.value", "id", strconv.Quote(e.ID), "got", e.got.In(w),
		"problem", e.problem.In(w), "allowed", e.allowed.In(w))
}

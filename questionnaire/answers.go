package questionnaire

import (
	"errors"
	"strconv"
	"strings"
)

// Answers holds at most one answer per question. The zero value has every
// question unanswered, which is valid: an unanswered question moves nothing.
// Answers is a small value type with no pointers, so copying it is cheap and
// the model can take it without allocating.
type Answers struct {
	set  uint64
	yes  uint64       // the questions answered "yes", kept with set
	vals [Count]int16 // Choice: index into Values; Number: the number itself
}

// Has reports whether q has an answer.
func (a *Answers) Has(q Q) bool { return a.set&(1<<q) != 0 }

// Index returns the index of a choice answer among the question's values.
func (a *Answers) Index(q Q) (int, bool) {
	if !a.Has(q) || bank[q].Kind != Choice {
		return 0, false
	}
	return int(a.vals[q]), true
}

// Choice returns the value of a choice answer.
func (a *Answers) Choice(q Q) (string, bool) {
	i, ok := a.Index(q)
	if !ok {
		return "", false
	}
	return bank[q].Values[i], true
}

// Number returns the value of a number answer.
func (a *Answers) Number(q Q) (int, bool) {
	if !a.Has(q) || bank[q].Kind != Number {
		return 0, false
	}
	return int(a.vals[q]), true
}

// Yes reports whether q is answered "yes". It is Is(q, "yes") without the
// string comparison: the model asks it dozens of times per assessment.
func (a *Answers) Yes(q Q) bool { return a.yes&(1<<q) != 0 }

// YesSet is the set of questions answered "yes", bit q for question q: the
// model checks many yes-or-no answers at once with it.
func (a *Answers) YesSet() uint64 { return a.yes }

// yesIndex is the index of "yes" among each question's values, or -1.
var yesIndex = func() (y [Count]int8) {
	for i := range bank {
		y[i] = -1
		for j, v := range bank[i].Values {
			if v == "yes" {
				y[i] = int8(j)
			}
		}
	}
	return y
}()

// Is reports whether q is answered with value.
func (a *Answers) Is(q Q, value string) bool {
	v, ok := a.Choice(q)
	return ok && v == value
}

// Value returns the answer as it is written in an answers document: the
// choice value, or the number in decimal.
func (a *Answers) Value(q Q) (string, bool) {
	if !a.Has(q) {
		return "", false
	}
	if bank[q].Kind == Number {
		return strconv.Itoa(int(a.vals[q])), true
	}
	return bank[q].Values[a.vals[q]], true
}

// Set answers q with a value written as in an answers document or on the
// command line: a choice value, or a whole number for number questions.
func (a *Answers) Set(q Q, value string) error {
	if bank[q].Kind == Number {
		n, err := strconv.Atoi(strings.TrimSpace(value))
		if errors.Is(err, strconv.ErrRange) {
			return badValue(q, given(strings.TrimSpace(value)), msg("answers.problem.out_of_range"))
		}
		if err != nil {
			return badValue(q, given(strconv.Quote(value)), msg("answers.problem.not_whole"))
		}
		return a.SetNumber(q, n)
	}
	return a.SetChoice(q, value)
}

// SetChoice answers a choice question.
func (a *Answers) SetChoice(q Q, value string) error {
	if bank[q].Kind != Choice {
		return badValue(q, given(strconv.Quote(value)), msg("answers.problem.not_whole"))
	}
	i, ok := q.ValueIndex(value)
	if !ok {
		return badValue(q, given(strconv.Quote(value)), msg("answers.problem.not_allowed"))
	}
	a.vals[q] = int16(i)
	a.set |= 1 << q
	if i == int(yesIndex[q]) {
		a.yes |= 1 << q
	} else {
		a.yes &^= 1 << q
	}
	return nil
}

// SetNumber answers a number question.
func (a *Answers) SetNumber(q Q, n int) error {
	info := &bank[q]
	if info.Kind != Number {
		return badValue(q, msg("answers.got.number", "n", strconv.Itoa(n)), msg("answers.problem.wrong_type"))
	}
	if n < info.Min || n > info.Max {
		return badValue(q, given(strconv.Itoa(n)), msg("answers.problem.out_of_range"))
	}
	a.vals[q] = int16(n)
	a.set |= 1 << q
	a.yes &^= 1 << q
	return nil
}

// Clear removes the answer to q.
func (a *Answers) Clear(q Q) {
	a.set &^= 1 << q
	a.yes &^= 1 << q
	a.vals[q] = 0
}

// Len is the number of questions answered.
func (a *Answers) Len() int {
	n := 0
	for s := a.set; s != 0; s &= s - 1 {
		n++
	}
	return n
}

// Merge copies every answer of b into a, replacing a's answer to the same
// question.
func (a *Answers) Merge(b Answers) {
	for q := Q(0); q < Count; q++ {
		if b.Has(q) {
			a.vals[q] = b.vals[q]
			a.set |= 1 << q
			a.yes = a.yes&^(1<<q) | b.yes&(1<<q)
		}
	}
}

// Examiner returns who performed the examination tests: the answer to
// examiner ("nobody" when nobody could, and the tests were not asked),
// else the contract's default (trainer when someone else is answering,
// else the injured person).
func (a *Answers) Examiner() string {
	if v, ok := a.Choice(Examiner); ok {
		return v
	}
	if a.Is(Answerer, "other") {
		return "trainer"
	}
	return "self"
}

// Other reports whether someone other than the injured person is answering,
// which changes the wording from "you" to "they".
func (a *Answers) Other() bool { return a.Is(Answerer, "other") }

// Allowed describes the values a question accepts, for error messages.
func Allowed(q Q) string { return allowedMsg(q).In(english()) }

// ParseAssignment parses one "ID=VALUE" assignment, as given to
// `achilles assess --answer`, into a. A choice value is matched without
// regard to ASCII case (pop=YES is pop=yes), as typed on a command line;
// the answers document stays exact.
func (a *Answers) ParseAssignment(s string) error {
	id, value, ok := strings.Cut(s, "=")
	if !ok {
		return msg("answers.error.assignment", "s", strconv.Quote(s), "form", "ID=VALUE", "example", "pop=yes")
	}
	q, known := Lookup(strings.TrimSpace(id))
	if !known {
		return unknownID(strings.TrimSpace(id))
	}
	value = strings.TrimSpace(value)
	if bank[q].Kind == Choice {
		if v, ok := foldValue(q, value); ok {
			value = v
		}
	}
	return a.Set(q, value)
}

// foldValue finds the allowed value of q that v spells in any ASCII case.
// Only ASCII letters fold: the values are ASCII, and Unicode folding would
// take the Kelvin sign for a k.
func foldValue(q Q, v string) (string, bool) {
	for _, allowed := range bank[q].Values {
		if asciiFold(allowed, v) {
			return allowed, true
		}
	}
	return "", false
}

func asciiFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

func unknownID(id string) error {
	if s := suggest(id); s != "" {
		return msg("answers.error.unknown_id_suggest", "id", strconv.Quote(id), "suggestion", strconv.Quote(s), "ids", strings.Join(IDs(), ", "))
	}
	return msg("answers.error.unknown_id", "id", strconv.Quote(id), "ids", strings.Join(IDs(), ", "))
}

// suggest returns the known ID closest to id, if it is close enough to be a
// likely typo.
func suggest(id string) string {
	best, bestD := "", 3
	for i := range bank {
		if d := distance(id, bank[i].ID); d < bestD {
			best, bestD = bank[i].ID, d
		}
	}
	return best
}

// distance is the Levenshtein distance between two short strings.
func distance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 64
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// Tests are the examination tests, the questions examiner "nobody" skips.
var Tests = [...]Q{Gap, Thompson, Matles, BoneTender}

// Consistent reports answers that contradict each other, which Set cannot
// see one answer at a time: a test result with examiner "nobody". Nobody
// did the tests, so the result must be a mistake, and counting it (or
// dropping it, where a positive test calls for care today) would guess
// which answer is wrong; the error asks instead. Unanswered tests and
// "not done" or "not checked" are consistent with it.
func (a *Answers) Consistent() error {
	if !a.Is(Examiner, "nobody") {
		return nil
	}
	for _, t := range Tests {
		if v, ok := a.Choice(t); ok && !Neutral(v) {
			info := t.Info()
			return msg("answers.error.nobody", "id", strconv.Quote(info.ID), "value", strconv.Quote(v),
				"examiner", "examiner", "nobody", `"nobody"`, "self", "self", "trainer", "trainer", "clinician", "clinician",
				"bare", info.ID, "neutral", strconv.Quote(info.Values[len(info.Values)-1]))
		}
	}
	return nil
}

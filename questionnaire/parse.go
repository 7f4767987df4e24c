package questionnaire

import (
	"bytes"
	"fmt"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// MaxDocument is the largest answers document accepted, in bytes.
const MaxDocument = 1 << 20

// ParseAnswers parses an answers document: one flat JSON object of question
// ID to value, strings for choices and whole numbers for number questions.
// null means "not answered". Any other input is an error that names the ID,
// the value and what is allowed, or the position of a syntax error.
//
// The parser is written for this one shape rather than going through a
// generic decoder: it is several times faster, which matters for
// `assess --batch`, and it can name the offending key precisely. Duplicate
// keys are refused rather than silently resolved. A byte-order mark is
// refused too, with a message that names it: it belongs to the file, and
// whoever reads a file skips the one at its start.
func ParseAnswers(data []byte) (Answers, error) {
	var a Answers
	if len(data) > MaxDocument {
		return a, msg("answers.error.too_big", "size", strconv.Itoa(len(data)), "limit", strconv.Itoa(MaxDocument))
	}
	p := parser{data: data}
	p.skipSpace()
	if p.pos >= len(p.data) {
		return a, msg("answers.error.empty")
	}
	if bytes.HasPrefix(p.data[p.pos:], byteOrderMark) {
		// A file's byte-order mark is not JSON; readers of files skip the
		// one at the very start before parsing. Say what it is anywhere
		// else, rather than show its first byte.
		return a, p.syntaxAt(msg("answers.found.bom", "bom", "U+FEFF"), "bom")
	}
	if c := p.data[p.pos]; c != '{' {
		if kind := p.valueKind(); kind != nil {
			return a, msg("answers.error.not_object").with("kind", kind)
		}
		return a, p.syntax("brace")
	}
	p.pos++
	var seen uint64
	p.skipSpace()
	if p.peek() == '}' {
		p.pos++
		return a, p.end()
	}
	for {
		p.skipSpace()
		if p.peek() != '"' {
			return a, p.syntax("id")
		}
		key, err := p.str()
		if err != nil {
			return a, err
		}
		p.skipSpace()
		if p.peek() != ':' {
			return a, p.syntax("colon")
		}
		p.pos++
		p.skipSpace()
		q, known := Lookup(key)
		if !known {
			// Stop at the first unknown ID: it is the most useful thing to
			// report, whatever follows.
			return a, unknownID(key)
		}
		if seen&(1<<q) != 0 {
			return a, msg("answers.error.twice", "id", strconv.Quote(key))
		}
		seen |= 1 << q
		if err := p.value(&a, q); err != nil {
			return a, err
		}
		p.skipSpace()
		switch p.peek() {
		case ',':
			p.pos++
			continue
		case '}':
			p.pos++
			return a, p.end()
		}
		return a, p.syntax("comma")
	}
}

type parser struct {
	data []byte
	pos  int
}

func (p *parser) peek() byte {
	if p.pos < len(p.data) {
		return p.data[p.pos]
	}
	return 0
}

func (p *parser) skipSpace() {
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

// end checks that nothing but white space follows the object.
func (p *parser) end() error {
	p.skipSpace()
	if p.pos != len(p.data) {
		return p.syntax("trailing")
	}
	return nil
}

// byteOrderMark is U+FEFF in UTF-8, which some editors write at the start
// of a file.
var byteOrderMark = []byte("\uFEFF")

// syntax reports a JSON syntax error at the current position; what names
// what was expected there, the end of a key under "answers.syntax.".
func (p *parser) syntax(what string, args ...string) error {
	if p.pos >= len(p.data) {
		return p.syntaxAt(msg("answers.found.end"), what, args...)
	}
	return p.syntaxAt(msg("answers.found.char", "char", fmt.Sprintf("%q", p.data[p.pos])), what, args...)
}

// syntaxAt reports a JSON syntax error at the current position: what was
// found there, then what was expected.
func (p *parser) syntaxAt(found *Message, what string, args ...string) error {
	line, col := 1, 1
	for _, c := range p.data[:min(p.pos, len(p.data))] {
		if c == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return msg("answers.error.syntax", "line", strconv.Itoa(line), "col", strconv.Itoa(col)).
		with("found", found).with("what", msg("answers.syntax."+what, args...))
}

// valueKind names the JSON value starting at the current position, for
// messages about values of the wrong type, or nil if none starts there.
func (p *parser) valueKind() *Message {
	switch c := p.peek(); {
	case c == '[':
		return msg("answers.kind.array")
	case c == '{':
		return msg("answers.kind.object")
	case c == '"':
		return msg("answers.kind.string")
	case c == 't' || c == 'f':
		if bytes.HasPrefix(p.data[p.pos:], []byte("true")) || bytes.HasPrefix(p.data[p.pos:], []byte("false")) {
			return msg("answers.kind.boolean")
		}
	case c == 'n':
		if bytes.HasPrefix(p.data[p.pos:], []byte("null")) {
			return given("null")
		}
	case c == '-' || (c >= '0' && c <= '9'):
		return msg("answers.kind.number")
	}
	return nil
}

// value parses the value of question q into a.
func (p *parser) value(a *Answers, q Q) error {
	info := &bank[q]
	wrong := func(kind *Message) error {
		want := msg("answers.want.string")
		if info.Kind == Number {
			want = msg("answers.want.number")
		}
		return badValue(q, kind, msg("answers.problem.wrong_type_want").with("want", want))
	}
	switch c := p.peek(); {
	case c == '"':
		s, err := p.str()
		if err != nil {
			return err
		}
		if info.Kind == Number {
			return wrong(msg("answers.got.string", "s", strconv.Quote(s)))
		}
		return a.SetChoice(q, s)
	case c == '-' || (c >= '0' && c <= '9'):
		text, integer, err := p.number()
		if err != nil {
			return err
		}
		if info.Kind != Number {
			return wrong(msg("answers.got.number", "n", text))
		}
		if !integer {
			return badValue(q, given(text), msg("answers.problem.not_whole"))
		}
		n, err := strconv.Atoi(text)
		if err != nil || n < info.Min || n > info.Max {
			return badValue(q, given(text), msg("answers.problem.out_of_range"))
		}
		return a.SetNumber(q, n)
	case c == 'n':
		if err := p.literal("null"); err != nil {
			return err
		}
		return nil // null: not answered
	case c == 't':
		if err := p.literal("true"); err != nil {
			return err
		}
		return wrong(given("true"))
	case c == 'f':
		if err := p.literal("false"); err != nil {
			return err
		}
		return wrong(given("false"))
	case c == '{' || c == '[':
		// A nested value is refused outright. It is named by its kind; its
		// content is not checked, since nothing could make it acceptable.
		return wrong(p.valueKind())
	}
	return p.syntax("value")
}

func (p *parser) literal(word string) error {
	if !bytes.HasPrefix(p.data[p.pos:], []byte(word)) {
		return p.syntax("literal", "word", word)
	}
	p.pos += len(word)
	return nil
}

// number scans a JSON number and reports its text and whether it is written
// as an integer (no fraction, no exponent).
func (p *parser) number() (string, bool, error) {
	start := p.pos
	integer := true
	if p.peek() == '-' {
		p.pos++
	}
	switch c := p.peek(); {
	case c == '0':
		p.pos++
		if c := p.peek(); c >= '0' && c <= '9' {
			return "", false, p.syntax("leading_zero")
		}
	case c >= '1' && c <= '9':
		for c := p.peek(); c >= '0' && c <= '9'; c = p.peek() {
			p.pos++
		}
	default:
		return "", false, p.syntax("digit")
	}
	if p.peek() == '.' {
		integer = false
		p.pos++
		if c := p.peek(); c < '0' || c > '9' {
			return "", false, p.syntax("digit_point")
		}
		for c := p.peek(); c >= '0' && c <= '9'; c = p.peek() {
			p.pos++
		}
	}
	if c := p.peek(); c == 'e' || c == 'E' {
		integer = false
		p.pos++
		if c := p.peek(); c == '+' || c == '-' {
			p.pos++
		}
		if c := p.peek(); c < '0' || c > '9' {
			return "", false, p.syntax("digit_exponent")
		}
		for c := p.peek(); c >= '0' && c <= '9'; c = p.peek() {
			p.pos++
		}
	}
	return string(p.data[start:p.pos]), integer, nil
}

// str scans a JSON string starting at the opening quote and returns its
// decoded content.
func (p *parser) str() (string, error) {
	p.pos++ // opening quote
	start := p.pos
	// Fast path: no escapes.
	for p.pos < len(p.data) {
		c := p.data[p.pos]
		if c == '"' {
			s := string(p.data[start:p.pos])
			p.pos++
			return s, nil
		}
		if c == '\\' {
			break
		}
		if c < 0x20 {
			return "", p.syntax("control")
		}
		p.pos++
	}
	buf := append([]byte(nil), p.data[start:p.pos]...)
	for p.pos < len(p.data) {
		c := p.data[p.pos]
		switch {
		case c == '"':
			p.pos++
			return string(buf), nil
		case c < 0x20:
			return "", p.syntax("control")
		case c != '\\':
			buf = append(buf, c)
			p.pos++
			continue
		}
		p.pos++ // backslash
		e := p.peek()
		switch e {
		case '"', '\\', '/':
			buf = append(buf, e)
		case 'b':
			buf = append(buf, '\b')
		case 'f':
			buf = append(buf, '\f')
		case 'n':
			buf = append(buf, '\n')
		case 'r':
			buf = append(buf, '\r')
		case 't':
			buf = append(buf, '\t')
		case 'u':
			r, ok := p.hex4(p.pos + 1)
			if !ok {
				return "", p.syntax("hex")
			}
			p.pos += 4
			if utf16.IsSurrogate(r) {
				r2, ok2 := rune(0), false
				if p.pos+2 < len(p.data) && p.data[p.pos+1] == '\\' && p.data[p.pos+2] == 'u' {
					r2, ok2 = p.hex4(p.pos + 3)
				}
				if dec := utf16.DecodeRune(r, r2); ok2 && dec != utf8.RuneError {
					r = dec
					p.pos += 6
				} else {
					r = utf8.RuneError
				}
			}
			buf = utf8.AppendRune(buf, r)
		default:
			return "", p.syntax("escape")
		}
		p.pos++
	}
	return "", p.syntax("unterminated")
}

func (p *parser) hex4(at int) (rune, bool) {
	if at+4 > len(p.data) {
		return 0, false
	}
	var r rune
	for _, c := range p.data[at : at+4] {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}

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
		return a, fmt.Errorf("answers document is %d bytes; the limit is %d bytes (1 MiB)", len(data), MaxDocument)
	}
	p := parser{data: data}
	p.skipSpace()
	if p.pos >= len(p.data) {
		return a, fmt.Errorf("answers document is empty; expected a JSON object such as {\"pop\": \"yes\"}")
	}
	if bytes.HasPrefix(p.data[p.pos:], byteOrderMark) {
		// A file's byte-order mark is not JSON; readers of files skip the
		// one at the very start before parsing. Say what it is anywhere
		// else, rather than show its first byte.
		return a, p.syntaxAt("unexpected byte-order mark (U+FEFF)", "it is allowed only at the very start of a file or of stdin")
	}
	if c := p.data[p.pos]; c != '{' {
		if kind := p.valueKind(); kind != "" {
			return a, fmt.Errorf("answers document must be a JSON object of question ID to value, not %s", kind)
		}
		return a, p.syntax("expected '{'")
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
			return a, p.syntax("expected a question ID in double quotes")
		}
		key, err := p.str()
		if err != nil {
			return a, err
		}
		p.skipSpace()
		if p.peek() != ':' {
			return a, p.syntax("expected ':' after the question ID")
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
			return a, fmt.Errorf("answer %q is given twice; give each question at most once", key)
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
		return a, p.syntax("expected ',' or '}'")
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
		return p.syntax("unexpected text after the end of the object")
	}
	return nil
}

// byteOrderMark is U+FEFF in UTF-8, which some editors write at the start
// of a file.
var byteOrderMark = []byte("\uFEFF")

// syntax reports a JSON syntax error at the current position.
func (p *parser) syntax(what string) error {
	if p.pos >= len(p.data) {
		return p.syntaxAt("unexpected end of input", what)
	}
	return p.syntaxAt(fmt.Sprintf("unexpected %q", p.data[p.pos]), what)
}

// syntaxAt reports a JSON syntax error at the current position: what was
// found there, then what was expected.
func (p *parser) syntaxAt(found, what string) error {
	line, col := 1, 1
	for _, c := range p.data[:min(p.pos, len(p.data))] {
		if c == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return fmt.Errorf("answers are not valid JSON: %s at line %d, column %d: %s", found, line, col, what)
}

// valueKind names the JSON value starting at the current position, for
// messages about values of the wrong type, or "" if none starts there.
func (p *parser) valueKind() string {
	switch c := p.peek(); {
	case c == '[':
		return "an array"
	case c == '{':
		return "an object"
	case c == '"':
		return "a string"
	case c == 't' || c == 'f':
		if bytes.HasPrefix(p.data[p.pos:], []byte("true")) || bytes.HasPrefix(p.data[p.pos:], []byte("false")) {
			return "a boolean"
		}
	case c == 'n':
		if bytes.HasPrefix(p.data[p.pos:], []byte("null")) {
			return "null"
		}
	case c == '-' || (c >= '0' && c <= '9'):
		return "a number"
	}
	return ""
}

// value parses the value of question q into a.
func (p *parser) value(a *Answers, q Q) error {
	info := &bank[q]
	id := info.ID
	wrong := func(kind string) error {
		want := "a string"
		if info.Kind == Number {
			want = "a whole number"
		}
		return &Error{ID: id, Got: kind, Problem: "is the wrong type (want " + want + ")", Allowed: Allowed(q)}
	}
	switch c := p.peek(); {
	case c == '"':
		s, err := p.str()
		if err != nil {
			return err
		}
		if info.Kind == Number {
			return wrong("a string " + strconv.Quote(s))
		}
		return a.SetChoice(q, s)
	case c == '-' || (c >= '0' && c <= '9'):
		text, integer, err := p.number()
		if err != nil {
			return err
		}
		if info.Kind != Number {
			return wrong("the number " + text)
		}
		if !integer {
			return &Error{ID: id, Got: text, Problem: "is not a whole number", Allowed: Allowed(q)}
		}
		n, err := strconv.Atoi(text)
		if err != nil || n < info.Min || n > info.Max {
			return &Error{ID: id, Got: text, Problem: "is out of range", Allowed: Allowed(q)}
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
		return wrong("true")
	case c == 'f':
		if err := p.literal("false"); err != nil {
			return err
		}
		return wrong("false")
	case c == '{' || c == '[':
		// A nested value is refused outright. It is named by its kind; its
		// content is not checked, since nothing could make it acceptable.
		return wrong(p.valueKind())
	}
	return p.syntax("expected a value")
}

func (p *parser) literal(word string) error {
	if !bytes.HasPrefix(p.data[p.pos:], []byte(word)) {
		return p.syntax("expected " + word)
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
			return "", false, p.syntax("a number cannot start with 0")
		}
	case c >= '1' && c <= '9':
		for c := p.peek(); c >= '0' && c <= '9'; c = p.peek() {
			p.pos++
		}
	default:
		return "", false, p.syntax("expected a digit")
	}
	if p.peek() == '.' {
		integer = false
		p.pos++
		if c := p.peek(); c < '0' || c > '9' {
			return "", false, p.syntax("expected a digit after the decimal point")
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
			return "", false, p.syntax("expected a digit in the exponent")
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
			return "", p.syntax("control character in string")
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
			return "", p.syntax("control character in string")
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
				return "", p.syntax("expected four hex digits after \\u")
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
			return "", p.syntax("invalid escape in string")
		}
		p.pos++
	}
	return "", p.syntax("unterminated string")
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

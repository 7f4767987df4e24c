// Package catalog holds every user-facing string of achilles, keyed by message
// ID, one set of JSON files per language under messages/<lang>/. Code asks
// for text by key; nothing a person reads is written inline in Go. Adding a
// language is adding a folder: a test fails when any key is missing or empty
// in any language present.
package catalog

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

//go:embed messages
var files embed.FS

// Default is the language used when none is asked for.
const Default = "en"

// Catalog is the set of messages of one language. It is read-only after
// Load, so one Catalog may be shared between goroutines.
type Catalog struct {
	lang string
	msgs map[string]string
}

// Languages lists the languages present, sorted.
func Languages() []string {
	entries, err := fs.ReadDir(files, "messages")
	if err != nil {
		return nil
	}
	var langs []string
	for _, e := range entries {
		if e.IsDir() {
			langs = append(langs, e.Name())
		}
	}
	sort.Strings(langs)
	return langs
}

// Load reads the catalog of one language.
func Load(lang string) (*Catalog, error) {
	dir := path.Join("messages", lang)
	entries, err := fs.ReadDir(files, dir)
	if err != nil || lang == "" || strings.ContainsAny(lang, "/.") {
		return nil, fmt.Errorf("unknown language %q; available: %s", lang, strings.Join(Languages(), ", "))
	}
	c := &Catalog{lang: lang, msgs: make(map[string]string, 512)}
	for _, e := range entries {
		if e.IsDir() || path.Ext(e.Name()) != ".json" {
			continue
		}
		data, err := files.ReadFile(path.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		var m map[string]string
		if err := json.Unmarshal(data, &m); err != nil {
			return nil, fmt.Errorf("catalog %s/%s: %w", lang, e.Name(), err)
		}
		for k, v := range m {
			if _, dup := c.msgs[k]; dup {
				return nil, fmt.Errorf("catalog %s: key %q defined twice", lang, k)
			}
			c.msgs[k] = v
		}
	}
	return c, nil
}

// MustLoad is Load for languages known to exist, such as Default; it panics
// otherwise, which a test catches.
func MustLoad(lang string) *Catalog {
	c, err := Load(lang)
	if err != nil {
		panic(err)
	}
	return c
}

// Lang is the catalog's language tag.
func (c *Catalog) Lang() string { return c.lang }

// Has reports whether key is defined.
func (c *Catalog) Has(key string) bool {
	_, ok := c.msgs[key]
	return ok
}

// T returns the message for key. A missing key is shown as itself in
// brackets, so that it is visible on screen; tests make sure none is missing.
func (c *Catalog) T(key string) string {
	if s, ok := c.msgs[key]; ok {
		return s
	}
	return "[" + key + "]"
}

// F returns the message for key with each {name} replaced by its value;
// args are name, value pairs.
//
// Chinese puts one space between a Chinese character and a number, and a
// message spaces its placeholders so ("致電 {emergency}"). A value that is
// itself in Chinese at that edge ("你所在地的緊急電話號碼") takes no space:
// the space between two wide characters is dropped as the value goes in,
// so "致電 999" and "致電你所在地的…" both read right.
func (c *Catalog) F(key string, args ...string) string {
	s := c.T(key)
	if len(args) == 0 || !strings.Contains(s, "{") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			b.WriteString(s)
			break
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			b.WriteString(s)
			break
		}
		name := s[i+1 : i+j]
		before, after := s[:i], s[i+j+1:]
		value, replaced := "", false
		for k := 0; k+1 < len(args); k += 2 {
			if args[k] == name {
				value, replaced = args[k+1], true
				break
			}
		}
		if !replaced {
			b.WriteString(s[:i+j+1])
			s = after
			continue
		}
		first, _ := utf8.DecodeRuneInString(value)
		if prev, _ := utf8.DecodeLastRuneInString(strings.TrimSuffix(before, " ")); strings.HasSuffix(before, " ") && wide(prev) && wide(first) {
			before = before[:len(before)-1]
		}
		last, _ := utf8.DecodeLastRuneInString(value)
		if next, _ := utf8.DecodeRuneInString(strings.TrimPrefix(after, " ")); strings.HasPrefix(after, " ") && wide(last) && wide(next) {
			after = after[1:]
		}
		b.WriteString(before)
		b.WriteString(value)
		s = after
	}
	return b.String()
}

// Keys returns every key, sorted.
func (c *Catalog) Keys() []string {
	keys := make([]string, 0, len(c.msgs))
	for k := range c.msgs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Placeholders returns the {name} placeholders used in a message, sorted.
func Placeholders(s string) []string {
	var names []string
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			break
		}
		names = append(names, s[i+1:i+j])
		s = s[i+j+1:]
	}
	sort.Strings(names)
	return names
}

// wide reports whether r is a Chinese, Japanese or Korean character or
// full-width punctuation, which takes no space next to another.
func wide(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) ||
		(r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF)
}

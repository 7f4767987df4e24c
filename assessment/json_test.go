package assessment

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestAppendString: the hand-written JSON string encoder agrees with
// encoding/json on every kind of character, at every alignment.
func TestAppendString(t *testing.T) {
	pieces := []string{"plain text ", `"quoted"`, `back\slash`, "<tag>&amp;", "tab\there", "new\nline",
		"\x00\x01\x1f", "é ü – × …", "中文跟腱", "\u2028\u2029", "\xff\xfe bad", "😀", "x"}
	for _, a := range pieces {
		for _, b := range pieces {
			for pad := 0; pad < 9; pad++ {
				s := strings.Repeat("a", pad) + a + b
				want, _ := json.Marshal(s)
				if got := string(appendString(nil, s)); got != string(want) {
					t.Fatalf("appendString(%q) = %s, want %s", s, got, want)
				}
			}
		}
	}
}

func FuzzAppendString(f *testing.F) {
	f.Add("hello \"world\" <&> \u2028 \xff")
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s)
		if got := string(appendString(nil, s)); got != string(want) {
			t.Fatalf("appendString(%q) = %s, want %s", s, got, want)
		}
	})
}

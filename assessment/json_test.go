package assessment

import (
	"encoding/json"
	"math"
	"math/rand/v2"
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

// TestAppendSignificantFastPath: strconv's three significant digits give
// the same text as rounding at the decimal place the logarithm picks, over
// every likelihood ratio the model can apply and many others.
func TestAppendSignificantFastPath(t *testing.T) {
	slow := func(x float64) string {
		d := max(0, 2-int(math.Floor(math.Log10(math.Abs(x)))))
		return string(appendRounded(nil, x, d))
	}
	rng := rand.New(rand.NewPCG(31, 32))
	check := func(x float64) {
		if got, want := string(appendSignificant(nil, x)), slow(x); got != want {
			t.Fatalf("appendSignificant(%v) = %s, want %s", x, got, want)
		}
	}
	for range 200000 {
		check(math.Exp(rng.Float64()*math.Log(1e6)) / 1000) // 0.001 to 1000, spread by order of magnitude
	}
	for _, x := range []float64{0.001, 0.04, 0.0894, 0.1, 0.25, 0.875, 1, 1.04, 1.3, 2.5, 5.9, 6.6, 9.995, 13.7, 51.24, 99.95, 100, 999} {
		check(x)
	}
}

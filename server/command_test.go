package server

import (
	"strings"
	"testing"
)

func TestParseCommand(t *testing.T) {
	ok := []struct {
		raw  string
		want request
	}{
		{"", request{}},
		{"   ", request{}},
		{"demo classic", request{caseID: "classic"}},
		{"--lang en", request{lang: "en"}},
		{"--lang=en", request{lang: "en"}},
		{"--lang en demo missed", request{lang: "en", caseID: "missed"}},
		{"demo missed --lang=en", request{lang: "en", caseID: "missed"}},
		{"demo --lang en missed", request{lang: "en", caseID: "missed"}},
		{"demo --list", request{list: true}},
		{"--help", request{help: true}},
		{"-h", request{help: true}},
		{"help", request{help: true}},
		{"demo classic --help", request{help: true}},
		{"--lang en --help", request{help: true, lang: "en"}},
		{`"demo" 'classic'`, request{caseID: "classic"}},
	}
	for _, tt := range ok {
		got, err := parseCommand(tt.raw)
		if err != nil || got != tt.want {
			t.Errorf("parseCommand(%q) = %+v, %v; want %+v", tt.raw, got, err, tt.want)
		}
	}
	bad := []struct{ raw, says string }{
		{"ls", `"ls"`},
		{"ls -la /", `"ls"`},
		{"sh", `"sh"`},
		{"/bin/sh -i", `"/bin/sh"`},
		{"scp -t /tmp", `"scp"`},
		{"classic", `"classic"`},
		{"demo", "needs a course case"},
		{"demo nosuch", `no course case "nosuch"`},
		{"demo classic missed", `"missed"`},
		{"demo --list classic", "takes no case"},
		{"demo demo", `no course case "demo"`},
		{"--lang", "needs a language"},
		{"--lang xx", `"xx"`},
		{"--lang=../../etc", `"../../etc"`},
		{"--list", `"--list"`},
		{"--teach", `"--teach"`},
		{`demo "classic`, "a quotation mark is not closed"},
		{`demo classic\`, "ends with a backslash"},
		{"demo classic; sh", `"classic;"`},
	}
	allowed := literal(t, "server.refused")
	for _, tt := range bad {
		_, why := parseCommand(tt.raw)
		if why == nil {
			t.Errorf("parseCommand(%q) was accepted", tt.raw)
			continue
		}
		msg := why.message(en(t))
		if !strings.Contains(msg, tt.says) || !strings.Contains(msg, allowed) || strings.Contains(msg, "[server.") {
			t.Errorf("parseCommand(%q): %q does not say %q and what is allowed", tt.raw, msg, tt.says)
		}
	}
}

// TestRefusedCommandKeepsItsLanguage: a refused command line that names a
// known language is refused in it; one that does not follows the locale.
func TestRefusedCommandKeepsItsLanguage(t *testing.T) {
	for raw, want := range map[string]string{
		"--lang en ls":            "en",
		"ls --lang=en":            "en",
		"--lang en demo nosuch":   "en",
		"--lang xx --lang en":     "en",
		"--lang xx":               "",
		"--lang":                  "",
		"ls":                      "",
		`demo "classic --lang en`: "",
	} {
		req, why := parseCommand(raw)
		if why == nil {
			t.Errorf("parseCommand(%q) was accepted", raw)
			continue
		}
		if req.lang != want {
			t.Errorf("parseCommand(%q): language %q, want %q", raw, req.lang, want)
		}
	}
}

func TestUsageNamesThePort(t *testing.T) {
	if u := usage(en(t), "2222"); !strings.Contains(u, "ssh -p 2222 HOST") || !strings.Contains(u, "ssh -t -p 2222 HOST demo ID") || strings.Contains(u, "{") {
		t.Errorf("usage for port 2222:\n%s", u)
	}
	if u := usage(en(t), "22"); strings.Contains(u, "-p 22") || !strings.Contains(u, "ssh HOST") {
		t.Errorf("usage for the standard port gives it:\n%s", u)
	}
}

// FuzzParseCommand: any command line is accepted or refused with a
// message, never a panic: it is read before recoverPanics, to pick the
// language of everything the student is told.
func FuzzParseCommand(f *testing.F) {
	for _, seed := range []string{"", "demo classic", "--lang en demo missed", `demo "classic`, "--lang", "ls --lang=en", `'\`, "demo --list --help"} {
		f.Add(seed)
	}
	cat := en(f)
	f.Fuzz(func(t *testing.T, raw string) {
		req, why := parseCommand(raw)
		if why != nil {
			if msg := why.message(cat); strings.Contains(msg, "[server.") {
				t.Errorf("parseCommand(%q): a missing message in %q", raw, msg)
			}
			if req.caseID != "" || req.help || req.list {
				t.Errorf("parseCommand(%q): refused, yet %+v", raw, req)
			}
		}
	})
}

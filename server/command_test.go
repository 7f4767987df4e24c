package server

import (
	"errors"
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
		{`demo "classic`, "cannot read"},
		{"demo classic; sh", `"classic;"`},
	}
	for _, tt := range bad {
		_, err := parseCommand(tt.raw)
		if !errors.Is(err, errUsage) {
			t.Errorf("parseCommand(%q): error %v, want a usage error", tt.raw, err)
			continue
		}
		if msg := err.Error(); !strings.Contains(msg, tt.says) || !strings.Contains(msg, "allowed:") {
			t.Errorf("parseCommand(%q): %q does not say %q and what is allowed", tt.raw, msg, tt.says)
		}
	}
}

func TestUsageNamesThePort(t *testing.T) {
	if u := usage("2222"); !strings.Contains(u, "ssh -p 2222 HOST") || !strings.Contains(u, "ssh -t -p 2222 HOST demo ID") {
		t.Errorf("usage for port 2222:\n%s", u)
	}
	if u := usage("22"); strings.Contains(u, "-p 22") {
		t.Errorf("usage for the standard port gives it:\n%s", u)
	}
}

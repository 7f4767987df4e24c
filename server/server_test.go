package server

import (
	"regexp"
	"strings"
	"testing"

	"achilles/catalog"
)

// TestQuestionnaireToResult: a student with a terminal sees the start
// screen, answers through to the result, quits, and finds the report in
// their scrollback, line by line with \r\n as a terminal needs.
func TestQuestionnaireToResult(t *testing.T) {
	srv := startServer(t, Config{})
	tm := openAt(t, srv.addr, termOptions{})
	tm.waitFor(en(t).T("ui.start.title"))
	tm.toResult(resultShown(t))
	tm.send(keyQuit)
	if code := tm.exit(); code != exitOK {
		t.Fatalf("exit status %d after quitting from the result, want 0; stderr %q", code, tm.err.String())
	}
	out := tm.out.String()
	// The summary comes after the program has left the alternate screen.
	i := strings.LastIndex(out, "\x1b[?1049l")
	if i < 0 {
		t.Fatalf("the program never left the alternate screen; stdout ends %q", tail(out))
	}
	summary := out[i:]
	if !strings.Contains(summary, literal(t, "report.estimate_value")) {
		t.Fatalf("no report after quitting; after the program: %q", tail(summary))
	}
	if bare := regexp.MustCompile(`[^\r]\n`).FindStringIndex(summary); bare != nil {
		t.Errorf("the summary has a line feed without a carriage return at %d: %q", bare[0], summary[max(0, bare[0]-40):bare[1]])
	}
}

// TestDemoCase: "demo classic" opens the course case.
func TestDemoCase(t *testing.T) {
	srv := startServer(t, Config{})
	tm := openAt(t, srv.addr, termOptions{command: "demo classic"})
	tm.waitFor(en(t).T("case.classic.title"))
	if code := tm.quit(); code != exitOK {
		t.Fatalf("exit status %d, want 0; stderr %q", code, tm.err.String())
	}
}

// TestLanguage: --lang, before or after the command and with or without
// =, and the client's locale (zh_HK gives Chinese) pick the language; a
// locale whose language the server does not have falls back to English.
func TestLanguage(t *testing.T) {
	srv := startServer(t, Config{})
	zh := catalog.MustLoad("zh-Hant")
	for _, c0 := range []struct {
		o    termOptions
		want string
	}{
		{termOptions{command: "--lang en"}, literal(t, "ui.start.emergency")},
		{termOptions{command: "--lang=en demo classic"}, literal(t, "ui.start.emergency")},
		{termOptions{command: "demo classic --lang en"}, literal(t, "ui.start.emergency")},
		{termOptions{command: "--lang zh-Hant"}, zh.T("ui.start.title")},
		{termOptions{env: map[string]string{"LANG": "zh_HK.UTF-8"}}, zh.T("ui.start.title")},
		{termOptions{command: "--lang en", env: map[string]string{"LANG": "zh_HK.UTF-8"}}, literal(t, "ui.start.emergency")},
		{termOptions{env: map[string]string{"LC_ALL": "de_DE.UTF-8", "NO_COLOR": "1"}}, literal(t, "ui.start.emergency")},
	} {
		o := c0.o
		tm := openAt(t, srv.addr, o)
		tm.waitFor(c0.want)
		if code := tm.quit(); code != exitOK {
			t.Errorf("%+v: exit status %d, want 0; stderr %q", o, code, tm.err.String())
		}
	}
}

// TestNoColor: a client that sends NO_COLOR gets no colour at all.
func TestNoColor(t *testing.T) {
	srv := startServer(t, Config{})
	tm := openAt(t, srv.addr, termOptions{env: map[string]string{"NO_COLOR": "1"}})
	tm.waitFor(en(t).T("ui.start.title"))
	tm.send(keyQuit)
	tm.exit()
	if sgr := regexp.MustCompile(`\x1b\[[0-9;]*(3[0-9]|4[0-9]|9[0-7]|10[0-7])[0-9;]*m`).FindString(tm.out.String()); sgr != "" {
		t.Errorf("a colour sequence %q with NO_COLOR", sgr)
	}
}

// TestHelpAndList: --help and demo --list answer without a terminal.
func TestHelpAndList(t *testing.T) {
	srv := startServer(t, Config{})
	for command, want := range map[string]string{
		"--help":      "demo ID",
		"demo --list": "classic\t" + en(t).T("case.classic.title"),
	} {
		tm := openAt(t, srv.addr, termOptions{command: command, noPty: true})
		if code := tm.exit(); code != exitOK {
			t.Errorf("%s: exit status %d, want 0; stderr %q", command, code, tm.err.String())
		}
		if !strings.Contains(tm.out.String(), want) {
			t.Errorf("%s: output %q does not contain %q", command, tm.out.String(), want)
		}
	}
}

// TestResize: the program follows the student's window; a window claimed
// to be enormous is drawn at a bounded size, not allocated.
func TestResize(t *testing.T) {
	srv := startServer(t, Config{})
	tm := openAt(t, srv.addr, termOptions{})
	tm.waitFor(en(t).T("ui.start.title"))
	mark := tm.mark()
	if err := tm.sess.WindowChange(10, 30); err != nil {
		t.Fatal(err)
	}
	tm.waitFrom(mark, literal(t, "ui.too_small_offer"))
	mark = tm.mark()
	if err := tm.sess.WindowChange(1<<30, 1<<30); err != nil {
		t.Fatal(err)
	}
	tm.waitFrom(mark, en(t).T("ui.start.title"))
	if code := tm.quit(); code != exitOK {
		t.Errorf("exit status %d", code)
	}
}

// TestRegion: the emergency number follows the session's --region, else
// the client's locale, else the class's region.
func TestRegion(t *testing.T) {
	srv := startServer(t, Config{Region: "HK"})
	for _, c := range []struct {
		o    termOptions
		want string
	}{
		{termOptions{command: "--region AU"}, "call 000 now"},
		{termOptions{command: "--region=nz demo classic"}, "call 111 now"},
		{termOptions{env: map[string]string{"LANG": "en_US.UTF-8"}}, "call 911 now"},
		{termOptions{}, "call 999 now"},
		{termOptions{command: "--region ZZ"}, "your local emergency number"},
	} {
		tm := openAt(t, srv.addr, c.o)
		tm.waitFor(c.want)
		if code := tm.quit(); code != exitOK {
			t.Errorf("%+v: exit status %d", c.o, code)
		}
	}
}

package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"achilles/questionnaire"
)

// settledStory is told by keys from launch until the triage is settled at
// "today": who is answering, the emergency checklist (None of these), then
// the main questions in asking order, each answered with one key (in
// accessible mode, one typed line).
type settledStory struct {
	name  string
	other bool // a helper answers: the questions say "they"
	steps []e2eStep
}

var settledStories = []settledStory{
	// A sudden injury today where the person cannot rise on tiptoe.
	{"cannot rise on tiptoe", false, []e2eStep{
		{"answerer", []string{"1"}}, // the injured person
		{checklist, []string{"0", "Enter"}},
		{"time_since", []string{"1"}}, // less than 24 hours ago
		{"onset", []string{"1"}},      // suddenly
		{"tiptoe", []string{"2"}},     // cannot
	}},
	// A trainer pitch-side: a sudden injury today, tiptoe not tried, the
	// calf squeeze positive.
	{"positive calf squeeze", true, []e2eStep{
		{"answerer", []string{"2"}}, // helping the injured person
		{checklist, []string{"0", "Enter"}},
		{"time_since", []string{"1"}}, // less than 24 hours ago
		{"onset", []string{"1"}},      // suddenly
		{"tiptoe", []string{"3"}},     // not tried
		{"examiner", []string{"2"}},   // a trainer
		{"thompson", []string{"1"}},   // the foot did not point
	}},
}

// maxKeysToToday is the most key presses (or typed lines, in accessible
// mode) from launch to the same-day banner for each settled story: the
// decisive questions come straight after the emergency check (issue 13).
const maxKeysToToday = 8

// stepText is the words that show a step's screen, in the words for a
// helper when other is true.
func stepText(t *testing.T, id string, other bool) string {
	t.Helper()
	switch id {
	case "answerer":
		return "Who is answering"
	case checklist:
		if other {
			return en.T("ui.checklist.text_other")
		}
		return en.T("ui.checklist.text")
	case settled:
		return questionIn(t, en, id)
	}
	qq, ok := questionnaire.Lookup(id)
	if !ok {
		t.Fatalf("no question %q", id)
	}
	return en.T(qq.TextKey(other))
}

// TestE2EKeysToTheSettledBanner drives the built program in tmux, on the
// full-screen questionnaire, in accessible mode and on the class server
// over ssh, and counts the keys sent until the same-day banner shows, at
// once, when the triage is settled.
func TestE2EKeysToTheSettledBanner(t *testing.T) {
	needTmux(t)
	for _, story := range settledStories {
		t.Run("questionnaire, "+story.name, func(t *testing.T) {
			t.Parallel()
			countToBanner(t, startPane(t, 80, 24, nil), story)
		})
		t.Run("accessible mode, "+story.name, func(t *testing.T) {
			t.Parallel()
			countLinesToBanner(t, startPane(t, 80, 24, nil, "--accessible"), story)
		})
		t.Run("class server, "+story.name, func(t *testing.T) {
			t.Parallel()
			countToBanner(t, startShell(t, 80, 24, nil, sshCommand(t, startServer(t))), story)
		})
	}
	t.Run("too small a terminal, then accessible mode, "+settledStories[0].name, func(t *testing.T) {
		t.Parallel()
		// The too-small screen offers accessible mode on a, as the class
		// server's does; the questionnaire goes on there, one key more.
		s := startPane(t, 36, 10, nil)
		s.waitFor("the too-small screen", shows("press a to go on with plain numbered prompts"))
		s.keys("a")
		countLinesToBanner(t, s, settledStories[0])
	})
	t.Run("class server in accessible mode, "+settledStories[1].name, func(t *testing.T) {
		t.Parallel()
		countLinesToBanner(t, startShell(t, 80, 24, nil, sshCommand(t, startServer(t), "--", "--accessible")), settledStories[1])
	})
}

// countToBanner answers story by keys on the full-screen questionnaire,
// each once its screen shows, and fails unless the settled banner shows
// after at most maxKeysToToday keys.
func countToBanner(t *testing.T, s *pane, story settledStory) {
	t.Helper()
	sent := 0
	for _, step := range story.steps {
		s.waitFor("question "+step.id, laidOut, shows(stepText(t, step.id, story.other)))
		s.keys(step.keys...)
		sent += len(step.keys)
	}
	s.waitFor("the settled banner", laidOut, headerShows(en.T("ui.settled.section")),
		shows("TODAY", en.T("report.now"), en.T("ui.settled.result"), en.T("ui.settled.go_on")))
	if sent > maxKeysToToday {
		t.Errorf("%d key presses to the same-day banner, want at most %d", sent, maxKeysToToday)
	}
	t.Logf("%d key presses from launch to the same-day banner", sent)
}

// countLinesToBanner types story in accessible mode, one line an answer
// (the checklist's 0 included), and fails unless the settled urgency is
// said after at most maxKeysToToday lines.
func countLinesToBanner(t *testing.T, s *pane, story settledStory) {
	t.Helper()
	s.waitFor("the first question", shows("Who is answering"))
	lines := 0
	for _, step := range story.steps {
		typed := strings.TrimSuffix(strings.Join(step.keys, ""), "Enter")
		if typed != "" {
			s.keys("-l", typed)
		}
		s.keys("Enter")
		lines++
	}
	// The scrollback too: on a small terminal the urgency scrolls past.
	s.waitScrollback("the settled urgency", shows(en.T("ui.settled.why"), "TODAY", "1. "+en.T("ui.settled.result")))
	if lines > maxKeysToToday {
		t.Errorf("%d lines typed to the same-day urgency, want at most %d", lines, maxKeysToToday)
	}
	t.Logf("%d lines typed from launch to the same-day urgency", lines)
}

// listening is how achilles serve names the address it listens on.
var listening = regexp.MustCompile(`listening on 127\.0\.0\.1:(\d+)`)

// startServer runs achilles serve on a free port of this machine, with its
// host key in a directory of the test's, and returns the port. The server
// is stopped when the test ends.
func startServer(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	cmd := exec.Command(binary, "serve", "--listen", "127.0.0.1:0", "--grace", "0",
		"--host-key", filepath.Join(dir, "host_ed25519"))
	cmd.Env = []string{"HOME=" + dir, "LANG=C.UTF-8", "PATH=" + os.Getenv("PATH")}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	port := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if m := listening.FindStringSubmatch(sc.Text()); m != nil {
				port <- m[1]
			}
		}
		close(port)
	}()
	select {
	case p, ok := <-port:
		if !ok {
			t.Fatal("achilles serve ended without saying where it listens")
		}
		return p
	case <-time.After(e2eWait):
		t.Fatal("achilles serve did not say where it listens")
	}
	return ""
}

// sshCommand is the shell command of a student connecting to the class
// server on port with ssh and a terminal, asking for args: no known hosts
// file, no key and no password prompt (the server lets anyone in).
func sshCommand(t *testing.T, port string, args ...string) string {
	t.Helper()
	ssh, err := exec.LookPath("ssh")
	if err != nil {
		if os.Getenv("CI") == "" {
			t.Skip("ssh is not on PATH; the class server's end-to-end tests need it")
		}
		t.Fatal("ssh is not on PATH, but CI is set: CI must run the class server's end-to-end tests")
	}
	command := []string{shellQuote(ssh), "-t", "-p", port,
		"-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
		"-o", "LogLevel=ERROR", "-o", "BatchMode=yes", "-F", "/dev/null", "student@127.0.0.1"}
	for _, a := range args {
		command = append(command, shellQuote(a))
	}
	return strings.Join(command, " ")
}

// The keys of the settled stories are what the questionnaire asks, in its
// order: a story that skipped a main question would count too few keys.
func TestSettledStoriesFollowTheAskingOrder(t *testing.T) {
	for _, story := range settledStories {
		var want []string
		for _, id := range questionnaire.IDs() {
			qq, _ := questionnaire.Lookup(id)
			if qq == questionnaire.Answerer || qq.Info().Main {
				want = append(want, id)
			}
		}
		var got []string
		for _, step := range story.steps {
			if step.id != checklist {
				got = append(got, step.id)
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(want[:len(got)]) {
			t.Errorf("%s: the story answers %v, but the questionnaire asks %v", story.name, got, want[:len(got)])
		}
	}
}

// Ctrl+C in accessible mode, reached from the too-small screen and after
// a resize, ends the program at once with exit 130: nothing waits on the
// terminal for an answer that the line reader would take.
func TestE2EInterruptInAccessibleMode(t *testing.T) {
	needTmux(t)
	// The shell that reports the exit status ignores Ctrl+C itself, so
	// that it lives on to report it; achilles installs its own handler.
	s := startShell(t, 30, 10, nil, "trap '' INT; "+shellQuote(binary))
	s.waitFor("the too-small screen", shows("press a to go on"))
	s.keys("a")
	s.waitScrollback("the first prompt", shows("Answer:"))
	s.resize(34, 12)
	s.keys("C-c")
	scr := s.waitScrollback("the program to end after Ctrl+C", exited)
	if m := exitStatus.FindStringSubmatch(scr.raw); m == nil || m[1] != "130" {
		t.Errorf("exit status %v after Ctrl+C, want 130:\n%s", m, framed(scr))
	}
}

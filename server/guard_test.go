package server

import (
	"encoding/binary"
	"slices"
	"strconv"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"
)

// agentRequest is OpenSSH's request to forward the agent.
const agentRequest = "auth-agent-req@openssh.com"

// envPayload is an env request's payload.
func envPayload(name, value string) []byte {
	return gossh.Marshal(struct{ Name, Value string }{name, value})
}

// ptyPayload is a pty-req's payload for a terminal name and size.
func ptyPayload(term string, w, h uint32) []byte {
	return gossh.Marshal(struct {
		Term         string
		W, H, PW, PH uint32
		Modes        string
	}{term, w, h, 0, 0, ""})
}

// windowPayload is the first half of a window-change's payload: columns
// and rows, without the pixels.
func windowPayload(w, h uint32) []byte {
	return binary.BigEndian.AppendUint32(binary.BigEndian.AppendUint32(nil, w), h)
}

func TestJudge(t *testing.T) {
	win := func(w, h uint32) []byte {
		return append(windowPayload(w, h), 0, 0, 0, 0, 0, 0, 0, 0)
	}
	var f filter
	steps := []struct {
		kind    string
		payload []byte
		want    verdict
	}{
		{"window-change", win(100, 30), refuse}, // no terminal yet
		{"env", envPayload("LANG", "zh_HK.UTF-8"), pass},
		{"env", envPayload("PATH", "/bin"), refuse},
		{"env", envPayload("LANG", strings.Repeat("x", maxEnvValue+1)), refuse},
		{"env", []byte{0, 0, 0}, refuse}, // unreadable
		{"pty-req", ptyPayload(strings.Repeat("x", maxTermName+1), 80, 24), refuse},
		{"pty-req", ptyPayload("xterm-256color", 80, 24), pass},
		{"pty-req", ptyPayload("xterm-256color", 80, 24), refuse}, // one terminal a session
		{"window-change", win(100, 30), resized},
		{"window-change", windowPayload(100, 30), refuse}, // short
		{"window-change", win(1<<31, 30), refuse},
		{agentRequest, nil, refuse},
		{"signal", gossh.Marshal(struct{ S string }{"INT"}), refuse},
		{"subsystem", gossh.Marshal(struct{ S string }{"sftp"}), refuse},
		{"x11-req", nil, refuse},
		{"break", nil, refuse},
		{"keepalive@openssh.com", nil, refuse},
		{"exec", gossh.Marshal(struct{ C string }{"demo classic"}), pass},
		{"shell", nil, refuse}, // one start a session
		{"exec", gossh.Marshal(struct{ C string }{"demo classic"}), refuse},
		{"env", envPayload("LANG", "en_GB.UTF-8"), refuse}, // too late
		{"window-change", win(120, 40), resized},
	}
	for i, s := range steps {
		if got := f.judge(s.kind, s.payload); got.verdict != s.want {
			t.Errorf("step %d, %s %q: verdict %d, want %d", i, s.kind, s.payload, got.verdict, s.want)
		}
	}
	if got := f.judge("window-change", win(100, 30)); got.size.Width != 100 || got.size.Height != 30 {
		t.Errorf("window change read as %+v", got.size)
	}
}

// FuzzSessionRequests feeds the guard sequences of requests (env, pty-req,
// window-change, exec and others with any payload) and checks that it
// never panics and keeps its bounds whatever comes.
func FuzzSessionRequests(f *testing.F) {
	f.Add(append([]byte{0, 0, 20}, envPayload("LANG", "en_GB.UTF-8")...))
	f.Add(append([]byte{1, 0, 40}, ptyPayload("xterm", 80, 24)...))
	f.Add([]byte{1, 0, 30, 0, 0, 0, 5, 'x', 't', 'e', 'r', 'm', 0, 0, 0, 80, 0, 0, 0, 24, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 16, 0, 0, 0, 90, 0, 0, 0, 30, 0, 0, 0, 0, 0, 0, 0, 0})
	f.Add(append([]byte{3, 0, 16}, gossh.Marshal(struct{ C string }{"demo classic --lang en"})...))
	kinds := []string{"env", "pty-req", "window-change", "exec", "shell", agentRequest, "signal", "subsystem", "x11-req", "break", "keepalive@openssh.com"}
	f.Fuzz(func(t *testing.T, data []byte) {
		var fl filter
		ptys, starts := 0, 0
		for len(data) >= 3 {
			kind := kinds[int(data[0])%len(kinds)]
			n := min(int(binary.BigEndian.Uint16(data[1:3])), len(data)-3)
			payload := data[3 : 3+n]
			data = data[3+n:]
			got := fl.judge(kind, payload)
			switch {
			case fl.env > maxEnvCount:
				t.Fatalf("%d env requests passed, at most %d", fl.env, maxEnvCount)
			case got.verdict == pass && kind == "env":
				var kv struct{ Name, Value string }
				if gossh.Unmarshal(payload, &kv) != nil || !slices.Contains(allowedEnv, kv.Name) || len(kv.Value) > maxEnvValue {
					t.Fatalf("env %q passed", payload)
				}
			case got.verdict == pass && kind == "pty-req":
				ptys++
				if ptys > 1 || len(payload) > maxPtyRequest {
					t.Fatalf("pty-req %d of %d bytes passed", ptys, len(payload))
				}
			case got.verdict == resized && (got.size.Width < 0 || got.size.Height < 0 || !fl.pty):
				t.Fatalf("window change to %+v passed (terminal %v)", got.size, fl.pty)
			case got.verdict == resized && kind != "window-change":
				t.Fatalf("%s judged %d", kind, got.verdict)
			case got.verdict == pass && !slices.Contains([]string{"env", "pty-req", "exec", "shell"}, kind):
				t.Fatalf("%s passed to the library: only env, pty-req, shell and exec may", kind)
			case got.verdict == pass && (kind == "exec" || kind == "shell") && starts > 0:
				t.Fatalf("a second %s passed", kind)
			case got.verdict == pass && kind == "exec":
				// The command line the library keeps is read by
				// parseCommand, which must refuse a long one unread.
				var cmd struct{ C string }
				if gossh.Unmarshal(payload, &cmd) == nil && len(cmd.C) > maxCommand {
					if _, why := parseCommand(cmd.C); why == nil || why.key != "server.refuse.too_long" {
						t.Fatalf("a command of %d bytes was not refused as too long", len(cmd.C))
					}
				}
			}
			if got.verdict == pass && (kind == "exec" || kind == "shell") {
				starts++
			}
		}
	})
}

// TestQuoteShort: a long value is logged as its first logQuote bytes, cut
// at the start of a rune when one is split, with its full size.
func TestQuoteShort(t *testing.T) {
	if got := quoteShort("sftp"); got != `"sftp"` {
		t.Errorf("a short value: %s", got)
	}
	long := strings.Repeat("a", logQuote-1) + "好" + strings.Repeat("b", 1000)
	if got, want := quoteShort(long), strconv.Quote(strings.Repeat("a", logQuote-1))+"… (1202 bytes)"; got != want {
		t.Errorf("a rune split at the cut:\n got %s\nwant %s", got, want)
	}
	// Bytes that are no text at all are cut at the limit too, not to
	// nothing.
	junk := strings.Repeat("\xff", 1000)
	if got := quoteShort(junk); strings.Count(got, `\xff`) != logQuote {
		t.Errorf("%d bytes of junk kept, want %d: %s", strings.Count(got, `\xff`), logQuote, got)
	}
}

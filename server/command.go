package server

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/anmitsu/go-shlex"

	"achilles/cases"
	"achilles/catalog"
)

// request is what a student asked for on the ssh command line, after the
// host: nothing for the questionnaire, "demo ID" for a course case,
// "--lang L" anywhere, or --help.
type request struct {
	lang   string // "" follows the client's locale
	caseID string // "" is an ordinary questionnaire
	help   bool   // --help: the usage, and nothing else
	list   bool   // demo --list: the course cases
}

// errUsage marks a command line the server does not accept.
var errUsage = errors.New("not a command of this server")

// allowed names what the server accepts, for every refusal.
func allowed() string {
	return fmt.Sprintf("allowed: nothing (the questionnaire), demo ID (a course case: %s), demo --list, --lang LANG (%s), --help",
		strings.Join(cases.IDs(), ", "), strings.Join(catalog.Languages(), ", "))
}

// usagef is a refused command line, saying what is allowed.
func usagef(format string, args ...any) error {
	return fmt.Errorf("%w: %s; %s", errUsage, fmt.Sprintf(format, args...), allowed())
}

// parseCommand reads the raw command line the client sent. It is split as
// a POSIX shell would, since that is how ssh users quote; nothing is ever
// run by a shell.
func parseCommand(raw string) (request, error) {
	args, err := shlex.Split(raw, true)
	if err != nil {
		return request{}, usagef("cannot read the command %q (%v)", raw, err)
	}
	var r request
	demo := false
	for i := 0; i < len(args); i++ {
		arg := args[i]
		switch {
		case arg == "--lang" || strings.HasPrefix(arg, "--lang="):
			lang, ok := strings.CutPrefix(arg, "--lang=")
			if !ok {
				if i+1 == len(args) {
					return request{}, usagef("--lang needs a language")
				}
				i++
				lang = args[i]
			}
			if !slices.Contains(catalog.Languages(), lang) {
				return request{}, usagef("--lang %q is not a known language", lang)
			}
			r.lang = lang
		case arg == "--help" || arg == "-h" || arg == "help":
			r.help = true
		case arg == "demo" && !demo && i == firstWord(args):
			demo = true
		case demo && arg == "--list":
			r.list = true
		case demo && r.caseID == "" && !strings.HasPrefix(arg, "-"):
			if _, ok := cases.Get(arg); !ok {
				return request{}, usagef("there is no course case %q", arg)
			}
			r.caseID = arg
		default:
			return request{}, usagef("%q is not something this server runs", arg)
		}
	}
	switch {
	case r.help:
		return request{help: true}, nil
	case demo && r.list && r.caseID != "":
		return request{}, usagef("demo --list takes no case")
	case demo && !r.list && r.caseID == "":
		return request{}, usagef("demo needs a course case")
	}
	return r, nil
}

// firstWord is the index of the first argument that is not --lang or its
// value: the word that says what to run.
func firstWord(args []string) int {
	for i := 0; i < len(args); i++ {
		switch {
		case args[i] == "--lang":
			i++
		case strings.HasPrefix(args[i], "--lang="):
		default:
			return i
		}
	}
	return len(args)
}

// usage is the --help text: what a student can type after the host.
func usage(port string) string {
	p := ""
	if port != "22" {
		p = "-p " + port + " "
	}
	return fmt.Sprintf(`achilles classroom server: your own copy of the Achilles tendon rupture check.

  ssh %[1]sHOST                        the questionnaire
  ssh -t %[1]sHOST demo ID             a course case (ID: see demo --list)
  ssh %[1]sHOST demo --list            the course cases
  ssh -t %[1]sHOST -- --lang LANG      in another language: %[2]s

The questionnaire needs a terminal: ssh gives one by itself when no command
follows the host; with a command (demo, --lang), add -t. The language
otherwise follows your LANG when your ssh sends it.
`, p, strings.Join(catalog.Languages(), ", "))
}

package server

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/anmitsu/go-shlex"

	"achilles/cases"
	"achilles/catalog"
	"achilles/region"
)

// request is what a student asked for on the ssh command line, after the
// host: nothing for the questionnaire, "demo ID" for a course case,
// "--lang L" and "--accessible" anywhere, or --help.
type request struct {
	lang   string // "" follows the client's locale
	region string // ISO 3166 code from --region; "" follows the locale
	caseID string // "" is an ordinary questionnaire
	help   bool   // --help: the usage, and nothing else
	list   bool   // demo --list: the course cases
	// accessible asks for accessible mode (plain numbered prompts, one
	// line an answer), as achilles --accessible does.
	accessible bool
}

// refusal is why a command line is not accepted, as a catalog message,
// so that the student reads it in their language.
type refusal struct {
	key  string   // the reason's message
	args []string // the values of its placeholders, as name, value pairs
}

// message is what the student is told: why, and what is allowed.
func (r *refusal) message(cat *catalog.Catalog) string {
	return cat.F("server.refused",
		"reason", cat.F(r.key, r.args...),
		"cases", strings.Join(cases.IDs(), ", "),
		"languages", strings.Join(catalog.Languages(), ", "))
}

// maxCommand is the longest command line read, in bytes. What a student
// can ask for ("demo ID --lang L --region R") takes a few dozen; the
// splitter's cost grows with the square of the length, so a longer line
// is refused before it is split.
const maxCommand = 1024

// parseCommand reads the raw command line the client sent. It is split as
// a POSIX shell would, since that is how ssh users quote; nothing is ever
// run by a shell. A refused command line still gives the language it asks
// for, when it names a known one, to refuse it in that language (except
// one over maxCommand bytes, which is not read at all).
func parseCommand(raw string) (request, *refusal) {
	if len(raw) > maxCommand {
		return request{}, &refusal{"server.refuse.too_long", []string{"bytes", strconv.Itoa(len(raw)), "max", strconv.Itoa(maxCommand)}}
	}
	args, err := shlex.Split(raw, true)
	if err != nil {
		key := "server.refuse.unreadable"
		switch {
		case errors.Is(err, shlex.ErrNoClosing):
			key = "server.refuse.open_quote"
		case errors.Is(err, shlex.ErrNoEscaped):
			key = "server.refuse.trailing_backslash"
		}
		return request{}, &refusal{key, []string{"command", strconv.Quote(raw)}}
	}
	r, why := parseArgs(args)
	if why != nil {
		return request{lang: askedLang(args)}, why
	}
	return r, nil
}

// parseArgs reads the command line's words.
func parseArgs(args []string) (request, *refusal) {
	var r request
	demo := false
	for i := 0; i < len(args); i++ {
		arg := args[i]
		switch {
		case arg == "--lang" || strings.HasPrefix(arg, "--lang="):
			lang, ok := strings.CutPrefix(arg, "--lang=")
			if !ok {
				if i+1 == len(args) {
					return request{}, &refusal{key: "server.refuse.lang_missing"}
				}
				i++
				lang = args[i]
			}
			if !slices.Contains(catalog.Languages(), lang) {
				return request{}, &refusal{"server.refuse.lang_unknown", []string{"lang", strconv.Quote(lang)}}
			}
			r.lang = lang
		case arg == "--region" || strings.HasPrefix(arg, "--region="):
			// Any code: a region without a number of its own gets the
			// generic words, as on the command line.
			code, ok := strings.CutPrefix(arg, "--region=")
			if !ok {
				if i+1 == len(args) {
					return request{}, &refusal{key: "server.refuse.region_missing"}
				}
				i++
				code = args[i]
			}
			r.region = region.Normalize(code)
		case arg == "--accessible":
			r.accessible = true
		case arg == "--help" || arg == "-h" || arg == "help":
			r.help = true
		case arg == "demo" && !demo && i == firstWord(args):
			demo = true
		case demo && arg == "--list":
			r.list = true
		case demo && r.caseID == "" && !strings.HasPrefix(arg, "-"):
			if _, ok := cases.Get(arg); !ok {
				return request{}, &refusal{"server.refuse.no_case", []string{"case", strconv.Quote(arg)}}
			}
			r.caseID = arg
		default:
			return request{}, &refusal{"server.refuse.not_offered", []string{"arg", strconv.Quote(arg)}}
		}
	}
	switch {
	case r.help:
		return request{help: true, lang: r.lang, region: r.region}, nil
	case demo && r.list && r.caseID != "":
		return request{}, &refusal{key: "server.refuse.list_with_case"}
	case demo && !r.list && r.caseID == "":
		return request{}, &refusal{key: "server.refuse.demo_without_case"}
	}
	return r, nil
}

// askedLang is the last known language given with --lang in args, or "".
func askedLang(args []string) string {
	asked := ""
	for i := 0; i < len(args); i++ {
		lang, ok := strings.CutPrefix(args[i], "--lang=")
		if args[i] == "--lang" && i+1 < len(args) {
			i++
			lang, ok = args[i], true
		}
		if ok && slices.Contains(catalog.Languages(), lang) {
			asked = lang
		}
	}
	return asked
}

// firstWord is the index of the first argument that is not --lang,
// --region or their values, nor --accessible: the word that says what to
// run.
func firstWord(args []string) int {
	for i := 0; i < len(args); i++ {
		switch {
		case args[i] == "--lang", args[i] == "--region":
			i++
		case strings.HasPrefix(args[i], "--lang="), strings.HasPrefix(args[i], "--region="), args[i] == "--accessible":
		default:
			return i
		}
	}
	return len(args)
}

// usage is the --help text: what a student can type after the host.
func usage(cat *catalog.Catalog, port string) string {
	return cat.F("server.usage", "port_flag", portFlag(port), "languages", strings.Join(catalog.Languages(), ", "))
}

// portFlag is the ssh option for the server's port, with a space after
// it, or nothing for ssh's own port.
func portFlag(port string) string {
	if port == "22" {
		return ""
	}
	return "-p " + port + " "
}

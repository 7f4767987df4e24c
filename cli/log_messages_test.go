package cli

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"achilles/catalog"
)

// prose is text a person reads: two words of two letters or more.
var prose = regexp.MustCompile(`[A-Za-z]{2,}[ '][A-Za-z]{2,}`)

// untranslated returns the string literals of a Go file that hold prose
// but are neither catalog keys nor help text: the words of a cobra
// command's Use, Short, Long and Example, and the usage of a flag (the
// last argument of a pflag …Var or …VarP call, or any argument of a
// helper's register), which the program's help gives in English for every
// command; and commands to type, which start "achilles ".
func untranslated(fset *token.FileSet, f *ast.File) []string {
	help := map[*ast.BasicLit]bool{}
	isHelp := func(n ast.Node) {
		ast.Inspect(n, func(m ast.Node) bool {
			if lit, ok := m.(*ast.BasicLit); ok {
				help[lit] = true
			}
			return true
		})
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.KeyValueExpr:
			if k, ok := n.Key.(*ast.Ident); ok && slices.Contains([]string{"Use", "Short", "Long", "Example"}, k.Name) {
				isHelp(n.Value)
			}
		case *ast.CallExpr:
			sel, ok := n.Fun.(*ast.SelectorExpr)
			if !ok {
				break
			}
			from := len(n.Args) - 1 // a flag's usage
			if sel.Sel.Name == "register" {
				from = 0 // flags registered by a helper: all help
			} else if !strings.HasSuffix(sel.Sel.Name, "Var") && !strings.HasSuffix(sel.Sel.Name, "VarP") {
				break
			}
			for _, arg := range n.Args[max(from, 0):] {
				isHelp(arg)
			}
		}
		return true
	})
	var out []string
	// A command to type ("achilles log delete ") is not a sentence.
	ast.Inspect(f, func(n ast.Node) bool {
		lit, ok := n.(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING || help[lit] {
			return true
		}
		s, err := strconv.Unquote(lit.Value)
		if err == nil && prose.MatchString(s) && !strings.HasPrefix(s, "achilles ") {
			out = append(out, fset.Position(lit.Pos()).String()+": "+s)
		}
		return true
	})
	return out
}

// Every message of the log commands comes from the catalog, so that a
// session in Chinese gets its errors in Chinese: a sentence written in the
// code of a log command fails this test.
func TestLogMessagesInCatalog(t *testing.T) {
	files, err := filepath.Glob("log*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	scanned := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		scanned++
		for _, s := range untranslated(fset, f) {
			t.Errorf("a message of the log commands is not in the catalog: %s", s)
		}
	}
	if scanned < 6 {
		t.Errorf("scanned %d files of the log commands; is the test looking in the right place?", scanned)
	}

	// The check itself finds a sentence written in code, and lets help text
	// and catalog keys be.
	src := `package cli
func f() error {
	cmd := &cobra.Command{Use: "show ID", Short: "Show one saved assessment"}
	cmd.Flags().BoolVar(&yes, "yes", false, "delete without asking")
	usageT(cat, "clublog.error.no_record", "id", "3")
	return usagef("no record %d in the club log", 3)
}`
	f, err := parser.ParseFile(fset, "example.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	if got := untranslated(fset, f); len(got) != 1 || !strings.Contains(got[0], "no record %d in the club log") {
		t.Errorf("the check found %q in the example; want only the usagef message", got)
	}
}

// A Hong Kong trainer's session gets the log's errors and news in Chinese:
// an unknown or bad ID, a delete with no terminal to ask on, a bad date,
// and the questionnaire without a terminal.
func TestLogMessagesInChinese(t *testing.T) {
	zh := catalog.MustLoad("zh-Hant")
	db := filepath.Join(t.TempDir(), "log.db")
	hk := runOpts{env: map[string]string{"LANG": "zh_HK.UTF-8"}}
	logZh := func(args ...string) outcome {
		return runWith(t, hk, append([]string{"log", "--db", db}, args...)...)
	}
	if o := logZh("add", "--athlete", "陳大文", "--answer", "pop=yes"); o.code != 0 {
		t.Fatal(o)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"show", "99"}, zh.F("clublog.error.no_record", "id", "99", "path", db)},
		{[]string{"show", "abc"}, zh.F("clublog.error.bad_id", "id", `"abc"`)},
		{[]string{"delete", "1"}, zh.F("clublog.error.no_terminal_to_ask", "command", "achilles log delete")},
		{[]string{"list", "--since", "昨天"}, zh.F("clublog.error.bad_date", "flag", "--since", "value", "昨天")},
		{[]string{"export", "--format", "xlsx"}, zh.T("clublog.error.xlsx_output")},
		{[]string{"frobnicate"}, zh.F("clublog.error.unknown_command", "command", "frobnicate")},
		{[]string{"list", "--nope"}, zh.F("clublog.error.unknown_flag", "flag", "--nope", "help", "achilles log list --help")},
		{[]string{"show", "1", "--format"}, zh.F("clublog.error.flag_value", "flag", "--format", "help", "achilles log show --help")},
	} {
		o := logZh(tc.args...)
		if o.code != ExitUsage || o.stderr != "achilles: "+tc.want+"\n" {
			t.Errorf("log %v in a Chinese session: %v\nwant stderr %q", tc.args, o, tc.want)
		}
	}
	if o := runWith(t, hk); o.code != ExitUsage || o.stderr != "achilles: "+zh.T("cli.no_terminal")+"\n" {
		t.Errorf("the questionnaire without a terminal, in Chinese: %v", o)
	}
	o := logZh("delete", "1", "--yes")
	if o.code != 0 || !strings.HasPrefix(o.stderr, "achilles: 已刪除紀錄 1（陳大文，儲存於 2026-03-14 09:30 UTC）") {
		t.Errorf("delete in a Chinese session: %v", o)
	}
}

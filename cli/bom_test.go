package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// bom is the UTF-8 byte-order mark that Notepad and other editors write at
// the start of a file.
const bom = "\uFEFF"

// A byte-order mark at the start of an answers file, or of stdin, is not
// part of the JSON and is skipped.
func TestAnswersByteOrderMark(t *testing.T) {
	doc := bom + "{\r\n  \"pop\": \"yes\",\r\n  \"age\": 52\r\n}\r\n"
	want := map[string]any{"pop": "yes", "age": float64(52)}

	o := run(t, "assess", "--answers", writeFile(t, "notepad.json", []byte(doc)), "--format", "json")
	mustSucceed(t, o)
	checkReport(t, o.stdout, want)

	o = runWith(t, runOpts{stdin: strings.NewReader(doc)}, "assess", "--answers", "-", "--format", "json")
	mustSucceed(t, o)
	checkReport(t, o.stdout, want)

	// log add reads its --answers the same way.
	db := filepath.Join(t.TempDir(), "log.db")
	o = logRun(t, db, "add", "--athlete", "AB", "--answers", writeFile(t, "notepad.json", []byte(doc)))
	mustSucceed(t, o)
}

// Only one mark, and only at the very start, is skipped: anywhere else it
// is an error that says what it is.
func TestAnswersByteOrderMarkOnlyAtTheStart(t *testing.T) {
	for name, doc := range map[string]string{
		"two marks":            bom + bom + `{"pop": "yes"}`,
		"after leading spaces": "  " + bom + `{"pop": "yes"}`,
	} {
		t.Run(name, func(t *testing.T) {
			o := run(t, "assess", "--answers", writeFile(t, "answers.json", []byte(doc)))
			checkUsageError(t, o, "not valid JSON", "byte-order mark", "only at the very start")
		})
	}
	// A file that holds nothing but the mark is empty.
	o := run(t, "assess", "--answers", writeFile(t, "answers.json", []byte(bom+"\n")))
	checkUsageError(t, o, "empty", "JSON object")
}

// In a batch, the mark is skipped at the start of the input, that is of its
// first line; at the start of a later line (files joined with cat) it is
// that line's error.
func TestBatchByteOrderMark(t *testing.T) {
	in := bom + "{\"pop\": \"yes\"}\r\n" + bom + "{\"kicked\": \"yes\"}\r\n{\"walk\": \"limp\"}\r\n"
	o := runWith(t, runOpts{stdin: strings.NewReader(in)}, "assess", "--batch")
	if o.code != ExitUsage {
		t.Errorf("exit code %d, want %d: %v", o.code, ExitUsage, o)
	}
	lines := batchLines(t, o.stdout)
	if len(lines) != 3 {
		t.Fatalf("3 lines in, %d out:\n%s", len(lines), o.stdout)
	}
	checkReport(t, lines[0], map[string]any{"pop": "yes"})
	checkErrorLine(t, lines[1], 2, "byte-order mark", "only at the very start")
	checkReport(t, lines[2], map[string]any{"walk": "limp"})
}

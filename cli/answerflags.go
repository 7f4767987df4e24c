package cli

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"strconv"
	"strings"
	"syscall"

	"github.com/spf13/pflag"

	"achilles/cases"
	"achilles/catalog"
	q "achilles/questionnaire"
)

// answerFlags are the flags that say which answers to assess, shared by
// assess and log add: a course case (--case), then an answers document
// (--answers), then single answers (--answer), later ones overriding
// earlier ones.
type answerFlags struct {
	caseID  string
	file    string
	answers []string
}

// register adds the flags to f. overrides says what --answer overrides,
// and caseNote ends the help of --case, in the words of the command.
func (a *answerFlags) register(f *pflag.FlagSet, overrides, caseNote string) {
	f.StringVar(&a.file, "answers", "", "read a JSON object of answers from `FILE` (- for stdin)")
	f.StringArrayVar(&a.answers, "answer", nil, "set one answer, as `ID=VALUE`; repeatable; overrides "+overrides)
	f.StringVar(&a.caseID, "case", "", "start from the answers of a course `CASE` (see achilles demo --list)"+caseNote)
}

// given checks --answer and --case without reading any input: the case's
// answers, and the answers of every --answer. Errors are in cat's words.
func (a *answerFlags) given(cat *catalog.Catalog) (start, overrides q.Answers, err error) {
	for _, s := range a.answers {
		if err := overrides.ParseAssignment(s); err != nil {
			return q.Answers{}, q.Answers{}, answerError(cat, "--answer "+s, err)
		}
	}
	if a.caseID != "" {
		c, ok := cases.Get(a.caseID)
		if !ok {
			unknown := worded{cat.F("answers.error.case", "id", strconv.Quote(a.caseID), "ids", strings.Join(cases.IDs(), ", ")),
				cases.UnknownError(a.caseID)}
			return q.Answers{}, q.Answers{}, answerError(cat, "--case", unknown)
		}
		start = c.Answers
	}
	return start, overrides, nil
}

// worded is an error said in the session's words, wrapping the error it
// says.
type worded struct {
	text string
	err  error
}

func (w worded) Error() string { return w.text }
func (w worded) Unwrap() error { return w.err }

// answerError is bad input about the answers, after the flag that gave
// it, in cat's words: the questionnaire's errors are worded from the
// catalog (q.Worded).
func answerError(cat *catalog.Catalog, flag string, err error) error {
	problem := err.Error()
	if w, ok := errors.AsType[q.Worded](err); ok {
		problem = w.In(cat)
	}
	return usageError{worded{cat.F("answers.error.flag", "flag", flag, "problem", problem), err}}
}

// resolve is the answers the flags give: the case's, then the document's,
// then each --answer; answers that contradict each other (a test result
// with examiner "nobody") are bad input. Errors are in cat's words.
func (a *answerFlags) resolve(ctx context.Context, env Env, cat *catalog.Catalog) (q.Answers, error) {
	answers, overrides, err := a.given(cat)
	if err != nil {
		return q.Answers{}, err
	}
	if a.file != "" {
		doc, err := readAnswersFile(ctx, env, cat, a.file)
		if err != nil {
			return q.Answers{}, err
		}
		answers.Merge(doc)
	}
	answers.Merge(overrides)
	if err := answers.Consistent(); err != nil {
		w, _ := errors.AsType[q.Worded](err)
		return q.Answers{}, usageError{worded{w.In(cat), err}}
	}
	return answers, nil
}

// readAll reads at most limit bytes from r, and fails if there is more.
// A read that fails (a directory, a device that errors) is bad input.
func readAll(r io.Reader, limit int, name string, cat *catalog.Catalog) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, int64(limit)+1))
	if errors.Is(err, context.Canceled) {
		return nil, err
	}
	if err != nil {
		return nil, usageT(cat, "answers.error.read", "name", name, "err", err.Error())
	}
	if len(data) > limit {
		return nil, usageT(cat, "answers.error.over_limit", "name", name, "limit", strconv.Itoa(limit))
	}
	return data, nil
}

// readAnswersFile reads an answers document from a file, or stdin for "-".
// A UTF-8 byte-order mark at its start, which Notepad writes, is skipped.
func readAnswersFile(ctx context.Context, env Env, cat *catalog.Catalog, file string) (q.Answers, error) {
	in, err := openInput(ctx, env, cat, file)
	if err != nil {
		return q.Answers{}, err
	}
	defer in.Close()
	name := file
	if name == "-" {
		name = "stdin"
	}
	data, err := readAll(in, q.MaxDocument, "--answers "+name, cat)
	if err != nil {
		return q.Answers{}, err
	}
	a, err := q.ParseAnswers(bytes.TrimPrefix(data, utf8BOM))
	if err != nil {
		return q.Answers{}, answerError(cat, "--answers "+name, err)
	}
	return a, nil
}

// openInput opens a named file, or stdin for "-". Only a regular file is
// read: a named pipe would block in open until someone wrote to it, out of
// reach of Ctrl+C, and a device, socket or directory is not a document.
// The name is checked before it is opened, and what was opened is checked
// again, in case the name was changed in between; O_NONBLOCK keeps that
// open from blocking on a pipe, and regular files ignore it (as Windows
// ignores the flag).
func openInput(ctx context.Context, env Env, cat *catalog.Catalog, name string) (io.ReadCloser, error) {
	if name == "-" {
		return io.NopCloser(ctxReader{ctx, env.Stdin}), nil
	}
	fi, err := os.Stat(name)
	if err != nil {
		return nil, inputError(cat, name, err)
	}
	if !fi.Mode().IsRegular() {
		return nil, notRegular(cat, name, fi.Mode())
	}
	f, err := os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, inputError(cat, name, err)
	}
	if fi, err = f.Stat(); err != nil || !fi.Mode().IsRegular() {
		f.Close()
		if err != nil {
			return nil, inputError(cat, name, err)
		}
		return nil, notRegular(cat, name, fi.Mode())
	}
	return f, nil
}

// inputError reports a file that could not be opened or checked.
func inputError(cat *catalog.Catalog, name string, err error) error {
	if errors.Is(err, os.ErrNotExist) {
		return usageT(cat, "answers.error.no_file", "name", name)
	}
	var pe *os.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return usageT(cat, "answers.error.flag", "flag", "--answers "+name, "problem", err.Error())
}

// notRegular refuses an input that is not a regular file, saying what it is.
func notRegular(cat *catalog.Catalog, name string, mode os.FileMode) error {
	kind := fileKind(mode)
	return usageT(cat, "answers.error.not_regular", "name", name, "kind", catalogWord(cat, "clublog.kind."+kindID(mode), kind))
}

// kindID names what a file that is not regular is, as the catalog's
// clublog.kind keys do.
func kindID(mode os.FileMode) string {
	switch {
	case mode.IsDir():
		return "directory"
	case mode&os.ModeNamedPipe != 0:
		return "named_pipe"
	case mode&os.ModeSocket != 0:
		return "socket"
	case mode&os.ModeDevice != 0:
		return "device"
	case mode&os.ModeSymlink != 0:
		return "symlink"
	}
	return "special"
}

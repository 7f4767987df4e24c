package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"syscall"

	"github.com/spf13/pflag"

	"achilles/cases"
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
// answers, and the answers of every --answer.
func (a *answerFlags) given() (start, overrides q.Answers, err error) {
	for _, s := range a.answers {
		if err := overrides.ParseAssignment(s); err != nil {
			return q.Answers{}, q.Answers{}, usagef("--answer %s: %w", s, err)
		}
	}
	if a.caseID != "" {
		c, ok := cases.Get(a.caseID)
		if !ok {
			return q.Answers{}, q.Answers{}, usageError{fmt.Errorf("--case: %w", cases.UnknownError(a.caseID))}
		}
		start = c.Answers
	}
	return start, overrides, nil
}

// resolve is the answers the flags give: the case's, then the document's,
// then each --answer; answers that contradict each other (a test result
// with examiner "nobody") are bad input.
func (a *answerFlags) resolve(ctx context.Context, env Env) (q.Answers, error) {
	answers, overrides, err := a.given()
	if err != nil {
		return q.Answers{}, err
	}
	if a.file != "" {
		doc, err := readAnswersFile(ctx, env, a.file)
		if err != nil {
			return q.Answers{}, err
		}
		answers.Merge(doc)
	}
	answers.Merge(overrides)
	if err := answers.Consistent(); err != nil {
		return q.Answers{}, usageError{err}
	}
	return answers, nil
}

// readAll reads at most limit bytes from r, and fails if there is more.
// A read that fails (a directory, a device that errors) is bad input.
func readAll(r io.Reader, limit int, name string) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, int64(limit)+1))
	if errors.Is(err, context.Canceled) {
		return nil, err
	}
	if err != nil {
		return nil, usagef("reading %s: %v", name, err)
	}
	if len(data) > limit {
		return nil, usagef("%s is over the limit of 1 MiB (%d bytes); an answers document is one small JSON object", name, limit)
	}
	return data, nil
}

// readAnswersFile reads an answers document from a file, or stdin for "-".
// A UTF-8 byte-order mark at its start, which Notepad writes, is skipped.
func readAnswersFile(ctx context.Context, env Env, file string) (q.Answers, error) {
	in, err := openInput(ctx, env, file)
	if err != nil {
		return q.Answers{}, err
	}
	defer in.Close()
	name := file
	if name == "-" {
		name = "stdin"
	}
	data, err := readAll(in, q.MaxDocument, "--answers "+name)
	if err != nil {
		return q.Answers{}, err
	}
	a, err := q.ParseAnswers(bytes.TrimPrefix(data, utf8BOM))
	if err != nil {
		return q.Answers{}, usagef("--answers %s: %w", name, err)
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
func openInput(ctx context.Context, env Env, name string) (io.ReadCloser, error) {
	if name == "-" {
		return io.NopCloser(ctxReader{ctx, env.Stdin}), nil
	}
	fi, err := os.Stat(name)
	if err != nil {
		return nil, inputError(name, err)
	}
	if !fi.Mode().IsRegular() {
		return nil, notRegular(name, fi.Mode())
	}
	f, err := os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, inputError(name, err)
	}
	if fi, err = f.Stat(); err != nil || !fi.Mode().IsRegular() {
		f.Close()
		if err != nil {
			return nil, inputError(name, err)
		}
		return nil, notRegular(name, fi.Mode())
	}
	return f, nil
}

// inputError reports a file that could not be opened or checked.
func inputError(name string, err error) error {
	if errors.Is(err, os.ErrNotExist) {
		return usagef("--answers %s: no such file", name)
	}
	var pe *os.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return usagef("--answers %s: %v", name, err)
}

// notRegular refuses an input that is not a regular file, saying what it is.
func notRegular(name string, mode os.FileMode) error {
	return usagef("--answers %s is %s, not a regular file; give a file of answers, or - for stdin", name, fileKind(mode))
}

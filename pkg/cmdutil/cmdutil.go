// Package cmdutil holds what every vdhv command shares: swappable IO streams, the user's
// language, typed exit codes and the errors that carry them, progress display and the way a
// command finds its workspace. Commands live in pkg/cmd/<name>, one package each, with an
// Options struct and an injectable run function (the layout of GitHub's gh).
//
// Exit codes (documented in the README):
//
//	0  fine (warnings allowed unless --strict)
//	1  the data has errors: validation findings, a refused file, missing units with --fail-missing
//	2  usage or configuration error: bad flags, unknown period, no workspace, broken units.yaml
//	3  the tool itself failed: an unexpected internal error, a file that cannot be written
package cmdutil

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/vdhv/vdhv/pkg/finding"
)

// ExitCode is the process exit status.
type ExitCode int

const (
	ExitOK       ExitCode = 0
	ExitFindings ExitCode = 1
	ExitUsage    ExitCode = 2
	ExitFailure  ExitCode = 3
)

// ExitError carries an exit code and a message already in the user's language. An empty
// message means the command has already said everything (e.g. validation findings).
type ExitError struct {
	Code ExitCode
	Msg  string
	Err  error
}

func (e *ExitError) Error() string {
	if e.Msg != "" {
		return e.Msg
	}
	if e.Err != nil {
		return e.Err.Error()
	}
	return fmt.Sprintf("exit %d", e.Code)
}

func (e *ExitError) Unwrap() error { return e.Err }

// UsageError is a usage or configuration error (exit 2).
func UsageError(msg string) error { return &ExitError{Code: ExitUsage, Msg: msg} }

// DataError is an error in the data (exit 1); msg may be empty when findings were printed.
func DataError(msg string) error { return &ExitError{Code: ExitFindings, Msg: msg} }

// Failure is a failure of the tool itself (exit 3).
func Failure(msg string, err error) error { return &ExitError{Code: ExitFailure, Msg: msg, Err: err} }

// CodeOf returns the exit code for an error returned by a command.
func CodeOf(err error) ExitCode {
	if err == nil {
		return ExitOK
	}
	var ee *ExitError
	if errors.As(err, &ee) {
		return ee.Code
	}
	return ExitFailure
}

// IOStreams are the command's input and outputs; tests swap them for buffers.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// OutTTY / ErrTTY: whether stdout / stderr are terminals (progress bars and colours).
	OutTTY, ErrTTY bool
	// Color: colours allowed (a terminal, no --no-color, no NO_COLOR).
	Color bool
	// Quiet: say only what is asked for and errors.
	Quiet bool
}

// System returns the process's standard streams.
func System() *IOStreams {
	io := &IOStreams{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr,
		OutTTY: isTerminal(os.Stdout), ErrTTY: isTerminal(os.Stderr)}
	_, noColor := os.LookupEnv("NO_COLOR")
	io.Color = io.OutTTY && !noColor && os.Getenv("TERM") != "dumb"
	return io
}

func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// Factory gives commands what they need from the environment.
type Factory struct {
	IO   *IOStreams
	Lang finding.Lang
	// Dir is the workspace folder from -C ("" = search from the working directory).
	Dir string
	// Now is the clock (tests fix it).
	Now func() time.Time
	// Version of the build.
	Version string
	// Getenv reads the environment (tests swap it).
	Getenv func(string) string
}

// T picks the Vietnamese or the English text.
func (f *Factory) T(vi, en string) string {
	if f.Lang == finding.EN {
		return en
	}
	return vi
}

// Printf writes to the error stream (messages for people), unless quiet.
func (f *Factory) Infof(format string, a ...any) {
	if f.IO.Quiet {
		return
	}
	fmt.Fprintf(f.IO.ErrOut, format, a...)
}

// DetectLang decides the language before flags are parsed: --lang X / --lang=X in args,
// else VDHV_LANG, else LC_ALL / LC_MESSAGES / LANG beginning with "en", else Vietnamese.
func DetectLang(args []string, getenv func(string) string) finding.Lang {
	for i, a := range args {
		if a == "--" {
			break
		}
		if v, ok := strings.CutPrefix(a, "--lang="); ok {
			return finding.ParseLang(v)
		}
		if a == "--lang" && i+1 < len(args) {
			return finding.ParseLang(args[i+1])
		}
	}
	if v := getenv("VDHV_LANG"); v != "" {
		return finding.ParseLang(v)
	}
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(k); v != "" {
			if strings.HasPrefix(strings.ToLower(v), "en") {
				return finding.EN
			}
			return finding.VI
		}
	}
	return finding.VI
}

// Progress returns a progress callback that draws a bar on the error stream when it is a
// terminal and the command is not quiet, and does nothing otherwise. Call done() at the end.
func (f *Factory) Progress(label string) (update func(done, total int), done func()) {
	if !f.IO.ErrTTY || f.IO.Quiet {
		return func(int, int) {}, func() {}
	}
	last := -1
	update = func(d, total int) {
		if total <= 0 {
			return
		}
		pct := d * 100 / total
		if pct == last {
			return
		}
		last = pct
		const width = 30
		fill := pct * width / 100
		fmt.Fprintf(f.IO.ErrOut, "\r%s [%s%s] %d/%d", label, strings.Repeat("█", fill), strings.Repeat("░", width-fill), d, total)
	}
	done = func() {
		if last >= 0 {
			fmt.Fprint(f.IO.ErrOut, "\r\x1b[K")
		}
	}
	return update, done
}

// SourceDate is the date written into generated documents (PDF and XLSX properties): the
// time of SOURCE_DATE_EPOCH when it is set (reproducible builds' convention), else fallback
// — a date derived from the inputs, never the wall clock, so that the same inputs always
// give byte-identical files.
func (f *Factory) SourceDate(fallback time.Time) time.Time {
	getenv := f.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	if v := strings.TrimSpace(getenv("SOURCE_DATE_EPOCH")); v != "" {
		if n, err := strconv.ParseInt(v, 10, 64); err == nil && n >= 0 {
			return time.Unix(n, 0).UTC()
		}
	}
	return fallback
}

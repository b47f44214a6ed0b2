package workspace

import "strings"

// Error is a workspace problem with its message in English and Vietnamese. Error() is
// English; Localized gives Vietnamese unless lang is "en" (the convention of pkg/units and
// pkg/config).
type Error struct {
	Code      string // stable identifier, e.g. "not-found", "bad-code", "busy"
	Path      string // the file or folder concerned ("" if none)
	Line      int    // 1-based line in Path, 0 if none
	Message   string // English
	MessageVI string // Vietnamese
	Err       error  // underlying error, if any
}

// Error codes.
const (
	CodeNotFound      = "not-found"       // Find: no units.yaml here or above
	CodeExists        = "units-exists"    // Init: units.yaml already exists
	CodeBadCode       = "bad-code"        // a unit code unsafe as a file name
	CodeBadQuarter    = "bad-quarter"     // an invalid quarter
	CodeBusy          = "busy"            // the workspace lock could not be taken in time
	CodeLedgerCorrupt = "ledger-corrupt"  // a malformed ledger line that is not a torn last line
	CodeIO            = "io"              // reading or writing failed
	CodeUnresolved    = "unresolved-file" // a file without errors whose unit or quarter is unknown
)

func (e *Error) Error() string { return e.Localized("en") }

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// Localized returns "path:line: message[: cause]" in lang ("en" English, else Vietnamese).
func (e *Error) Localized(lang string) string {
	var b strings.Builder
	if e.Path != "" {
		b.WriteString(e.Path)
		if e.Line > 0 {
			b.WriteByte(':')
			b.WriteString(itoa(e.Line))
		}
		b.WriteString(": ")
	}
	if lang == "en" {
		b.WriteString(e.Message)
	} else {
		b.WriteString(e.MessageVI)
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

func ioErr(path, en, vi string, err error) *Error {
	return &Error{Code: CodeIO, Path: path, Message: en, MessageVI: vi, Err: err}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var buf [20]byte
	i := len(buf)
	for n > 0 {
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		buf[i] = '-'
	}
	return string(buf[i:])
}

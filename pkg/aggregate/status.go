package aggregate

import "fmt"

// Status is a unit's reporting status in one quarter. The zero value means
// "not decided" (the same as no entry in Input.Status).
type Status int

const (
	OnTime  Status = iota + 1 // a valid file received by the deadline, or receipt time unknown
	Late                      // a valid file received after the deadline
	Invalid                   // a file with errors: its figures are left out, not counted missing
	Missing                   // no file
)

// String returns "on_time", "late", "invalid" or "missing" (the aggregate.json keys).
func (s Status) String() string {
	switch s {
	case OnTime:
		return "on_time"
	case Late:
		return "late"
	case Invalid:
		return "invalid"
	case Missing:
		return "missing"
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

// valid reports whether s is one of the four statuses.
func (s Status) valid() bool { return s >= OnTime && s <= Missing }

// Error is returned by Compute and ReadJSON. Error() gives the English message; Localized
// picks English ("en") or Vietnamese (anything else, the default language of vdhv).
type Error struct {
	Path      string // the submission or file concerned, if any
	Message   string // English
	MessageVI string // Vietnamese
}

func (e *Error) Error() string { return e.Localized("en") }

// Localized returns the message in lang: "en" gives English, anything else Vietnamese.
func (e *Error) Localized(lang string) string {
	msg := e.MessageVI
	if lang == "en" {
		msg = e.Message
	}
	if e.Path != "" {
		return e.Path + ": " + msg
	}
	return msg
}

func errorf(path, en, vi string, args ...any) *Error {
	return &Error{Path: path, Message: fmt.Sprintf(en, args...), MessageVI: fmt.Sprintf(vi, args...)}
}

package period

import (
	"strings"
	"unicode/utf8"
)

// Error is returned by every parser in this package. Error() gives the
// English message; MessageVI holds the Vietnamese one, and Localized picks
// one by language.
type Error struct {
	Input     string // the rejected text (shortened to 80 characters)
	Message   string // English
	MessageVI string // Vietnamese
}

func (e *Error) Error() string { return e.Message }

// Localized returns the message in lang: "en" gives English, anything else
// Vietnamese (the default language of vdhv).
func (e *Error) Localized(lang string) string {
	if lang == "en" {
		return e.Message
	}
	return e.MessageVI
}

func newError(input, en, vi string) *Error {
	return &Error{Input: shorten(input), Message: en, MessageVI: vi}
}

// shorten cuts s to at most 80 runes so that an absurd input never
// produces an absurd message; invalid UTF-8 is replaced.
func shorten(s string) string {
	const max = 80
	s = strings.ToValidUTF8(s, "\uFFFD")
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	n := 0
	for i := range s {
		if n == max {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

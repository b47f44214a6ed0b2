package period

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// fold reduces Vietnamese text to a comparison key: canonical decomposition,
// combining marks removed (so NFC, NFD and unaccented input all agree, and
// tone placement does not matter), đ → d, lower case, every run of white
// space (including non-breaking spaces and line breaks) collapsed to one
// ASCII space, trimmed. Zero-width characters and other format characters
// are dropped.
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r), unicode.Is(unicode.Cf, r):
			continue
		case r == 'đ' || r == 'Đ':
			r = 'd'
		case unicode.IsSpace(r):
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

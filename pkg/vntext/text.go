package vntext

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// NFC returns s in Unicode NFC. Invalid UTF-8 bytes are replaced with U+FFFD
// so that the result is always valid UTF-8. When s is already NFC (always the
// case for ASCII) s itself is returned without allocating.
func NFC(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return norm.NFC.String(s)
}

// Clean returns the canonical display form of text read from a cell: invalid
// UTF-8 replaced by U+FFFD; zero-width and bidi control characters
// (U+200B..U+200F, U+202A..U+202E, U+2060..U+2064, U+2066..U+2069, U+FEFF)
// and other C0/C1 control characters removed; every run of white space
// (space, tab, CR, LF, NBSP and the other Unicode White_Space characters)
// collapsed into one ASCII space; leading and trailing space trimmed; the
// result in NFC.
//
// Clean keeps U+00AD SOFT HYPHEN: it is the TCVN3 code of "ư" and must survive
// until Repair has run. Callers should Repair raw cell text before Cleaning it.
//
// When s is already clean, s itself is returned without allocating.
func Clean(s string) string {
	if isClean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	pendingSpace := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case isSpace(r):
			pendingSpace = b.Len() > 0
			continue
		case isRemoved(r):
			continue
		}
		if pendingSpace {
			b.WriteByte(' ')
			pendingSpace = false
		}
		// A RuneError of size 1 is an invalid byte: WriteRune writes U+FFFD.
		b.WriteRune(r)
	}
	return norm.NFC.String(b.String())
}

// isSpace reports whether r is white space that Clean collapses.
func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || (r >= '\t' && r <= '\r')
	}
	return unicode.IsSpace(r)
}

// isRemoved reports whether Clean deletes r: C0/C1 controls (white space
// excepted, it is tested first), DEL, zero-width characters, bidi controls
// and the byte order mark.
func isRemoved(r rune) bool {
	switch {
	case r < 0x20, r == 0x7F:
		return true
	case r < 0x80:
		return false
	case r <= 0x9F:
		return true
	case r < 0x200B:
		return false
	case r <= 0x200F, r >= 0x202A && r <= 0x202E,
		r >= 0x2060 && r <= 0x2064, r >= 0x2066 && r <= 0x2069,
		r == 0xFEFF:
		return true
	}
	return false
}

// isClean reports whether Clean(s) == s, without allocating.
func isClean(s string) bool {
	ascii := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf:
			ascii = false
		case c == ' ':
			if i == 0 || i == len(s)-1 || s[i-1] == ' ' {
				return false
			}
		case c < 0x20 || c == 0x7F:
			return false
		}
	}
	if ascii {
		return true
	}
	// The ASCII checks above hold for the ASCII bytes; check the rest.
	// simpleLatin stays true while every rune is ASCII or a Latin letter
	// that is NFC-stable whatever follows it unless a combining mark does.
	simpleLatin := true
	prevSpace := true // a space at the start is not clean
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			prevSpace = c == ' '
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r == utf8.RuneError && size == 1 {
			return false
		}
		if isSpace(r) {
			if r != ' ' || prevSpace || i == len(s) {
				return false
			}
			prevSpace = true
			continue
		}
		if isRemoved(r) {
			return false
		}
		if !isStableLatin(r) {
			simpleLatin = false
		}
		prevSpace = false
	}
	if simpleLatin {
		return true
	}
	// QuickSpanString does not allocate (IsNormalString does); it can stop
	// early on characters whose quick-check is "maybe", then decide exactly.
	return norm.NFC.QuickSpanString(s) == len(s) || norm.NFC.IsNormalString(s)
}

// isStableLatin reports whether r is in Latin-1 Supplement, Latin
// Extended-A/B or Latin Extended Additional (which hold every Vietnamese
// letter): characters with canonical combining class 0 and NFC quick-check
// Yes, so a string made of them and ASCII is NFC (TestStableLatin checks
// this against the norm tables).
func isStableLatin(r rune) bool {
	return (r >= 0xA0 && r <= 0x24F) || (r >= 0x1E00 && r <= 0x1EFF)
}

// Fold returns the matching key of s: Clean, then Unicode lower case, then the
// canonical tone placement for the open syllables oa, oe and uy (the tone goes
// on the first vowel: "hoà" → "hòa", "thoả" → "thỏa", "khoẻ" → "khỏe",
// "uỷ" → "ủy"; "hoàn", "quý", "khoái" are untouched). Two texts match iff
// their Folds are equal. Fold is idempotent and does not allocate when s is
// already folded.
func Fold(s string) string {
	c := Clean(s)
	l := strings.ToLower(c) // returns c itself when nothing changes
	if isASCII(l) {
		return l
	}
	if l != c && !lowerStaysNFC(c) {
		// Lower-casing an NFC string can, in rare cases, leave it non-NFC.
		l = norm.NFC.String(l)
	}
	return retone(l)
}

// lowerStaysNFC reports whether lower-casing the NFC string s certainly gives an NFC
// string without consulting the normalisation tables: every rune is ASCII or a precomposed
// Latin letter (U+00C0–U+024F, U+1E00–U+1EFF: all of Vietnamese), whose lower case is a
// single precomposed rune of the same blocks, and no combining mark follows that a changed
// base could now compose with. U+0130 (İ, lower case i + U+0307) is the exception.
// TestLowerStaysNFC checks every rune of those blocks against the tables.
func lowerStaysNFC(s string) bool {
	for _, r := range s {
		switch {
		case r < 0x80:
		case r == 0x130:
			return false
		case r >= 0xC0 && r <= 0x24F, r >= 0x1E00 && r <= 0x1EFF:
		default:
			return false
		}
	}
	return true
}

// IsBlank reports whether Clean(s) is empty (s holds only white space and removed
// characters), without building the cleaned text.
func IsBlank(s string) bool {
	for _, r := range s {
		if !isSpace(r) && !isRemoved(r) {
			return false
		}
	}
	return true
}

// Key returns Fold(s) with every space removed: the matching key for
// identifiers such as agreement numbers ("12 / 2024/TTHT" and "12/2024/ttht"
// have the same Key).
func Key(s string) string {
	return strings.ReplaceAll(Fold(s), " ", "")
}

// Equal reports whether a and b match under the text rules, i.e.
// Fold(a) == Fold(b).
func Equal(a, b string) bool {
	if a == b {
		return true
	}
	return Fold(a) == Fold(b)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// retone moves the tone of an open oa/oe/uy syllable from the second vowel
// to the first. s must be lower case NFC. A pair qualifies when:
//   - the first letter is a plain "o" (followed by a toned a/e) or a plain
//     "u" (followed by a toned y);
//   - it ends the word: the next rune is neither a letter nor a mark;
//   - it starts the rhyme: the previous rune is not a vowel letter, not a
//     mark, and, for uy, not "q" ("quý" keeps its tone on y, since u there
//     belongs to the initial "qu").
//
// The result is still NFC; s itself is returned when nothing moves.
func retone(s string) string {
	if isASCII(s) {
		return s
	}
	var b *strings.Builder
	last := 0 // s[last:] not yet copied to b
	prev := rune(-1)
	for i := 0; i < len(s); {
		r1, n1 := utf8.DecodeRuneInString(s[i:])
		if (r1 != 'o' && r1 != 'u') || i+n1 >= len(s) {
			prev = r1
			i += n1
			continue
		}
		r2, n2 := utf8.DecodeRuneInString(s[i+n1:])
		row2, tone, ok := vowelOf(r2)
		eligible := ok && tone != toneNone &&
			((r1 == 'o' && (row2 == rowA || row2 == rowE)) ||
				(r1 == 'u' && row2 == rowY && prev != 'q'))
		if eligible && prev >= 0 {
			if _, _, isVowel := vowelOf(prev); isVowel || unicode.IsMark(prev) {
				eligible = false
			}
		}
		if eligible && i+n1+n2 < len(s) {
			next, _ := utf8.DecodeRuneInString(s[i+n1+n2:])
			if unicode.IsLetter(next) || unicode.IsMark(next) {
				eligible = false
			}
		}
		if !eligible {
			prev = r1
			i += n1
			continue
		}
		if b == nil {
			b = new(strings.Builder)
			b.Grow(len(s) + 4)
		}
		row1 := rowO
		if r1 == 'u' {
			row1 = rowU
		}
		b.WriteString(s[last:i])
		b.WriteRune(compose(row1, tone, false))
		b.WriteRune(compose(row2, toneNone, false))
		i += n1 + n2
		last = i
		prev = r2
	}
	if b == nil {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

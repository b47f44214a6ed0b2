package vntext

import (
	"strings"
	"unicode/utf8"
)

// fontHint classifies a cell font name: ".Vn*" fonts are TCVN3 (those whose
// name ends in "H" are the capitals fonts), "VNI-*" fonts are VNI-Windows.
func fontHint(fontName string) (enc Encoding, capitals bool) {
	n := strings.TrimSpace(fontName)
	if len(n) >= 3 && strings.EqualFold(n[:3], ".vn") {
		return TCVN3, strings.HasSuffix(n, "H")
	}
	if len(n) >= 4 && strings.EqualFold(n[:4], "vni-") {
		return VNI, false
	}
	return None, false
}

// DetectLegacy decides whether s, text as read from an .xlsx cell (legacy
// 8-bit bytes shown as their Windows-1252 characters, e.g. "Tæng c«ng ty" or
// "Toång coâng ty"), is TCVN3 or VNI-Windows mojibake. fontName is the cell's
// font name, "" when unknown.
//
// Text containing any character that no Windows-1252 byte produces (ư, ạ, đ,
// …) is Unicode: None. With a legacy font name, the font decides: s is in the
// font's encoding if decoding it changes anything (the font is what the user
// saw). Without one, s is split into words and each word containing non-ASCII
// characters is checked, as is and decoded, against the structure of
// Vietnamese syllables; see the package documentation for the thresholds.
func DetectLegacy(s, fontName string) Encoding {
	enc, capitals := fontHint(fontName)
	high := false
	for _, r := range s {
		if r < utf8.RuneSelf {
			continue
		}
		if _, ok := legacyByte(r); !ok || r == utf8.RuneError {
			return None
		}
		high = true
	}
	switch enc {
	case TCVN3:
		if DecodeTCVN3(s, capitals) != s {
			return TCVN3
		}
		return None
	case VNI:
		if high && DecodeVNI(s) != s {
			return VNI
		}
		return None
	}
	if !high {
		return None
	}
	t := scoreTokens(s, TCVN3)
	v := scoreTokens(s, VNI)
	tOK, vOK := t.flags(), v.flags()
	switch {
	case tOK && vOK:
		// Both readings look like Vietnamese ("Tæng": TCVN3 "Tổng", VNI
		// "Tỉng"). Prefer the one with more common syllables, then the
		// larger margin, then the larger weighted evidence; a full tie is
		// undecidable.
		tk := [3]int{t.common, t.margin(), t.weight}
		vk := [3]int{v.common, v.margin(), v.weight}
		for i := range tk {
			switch {
			case tk[i] > vk[i]:
				return TCVN3
			case vk[i] > tk[i]:
				return VNI
			}
		}
		return None
	case tOK:
		return TCVN3
	case vOK:
		return VNI
	}
	return None
}

// score counts, for one candidate encoding, the words of a text that contain
// non-ASCII characters and that decoding changes.
type score struct {
	ev        int // invalid as they are, valid Vietnamese once decoded
	strong    int // the part of ev whose decoded word has ≥ 2 letters
	weight    int // ev, counting twice the words with a distinctive code
	ambiguous int // valid both ways
	counter   int // not valid once decoded
	common    int // decoded words found in commonSyllables (tie-break only)
}

// flags is the decision rule without a font hint: some evidence, either one
// word of two letters or more or two words, and more (weighted) evidence
// than counter-evidence.
func (c score) flags() bool {
	return c.ev >= 1 && (c.strong >= 1 || c.ev >= 2) && c.weight > c.counter
}

func (c score) margin() int { return c.weight - c.counter }

// tcvn3Distinctive reports whether tok holds a TCVN3 letter code that Western
// text does not use inside words: the codes below 0xC0 (« § ¶ ¸ µ ® ¬ …)
// and × ÷.
func tcvn3Distinctive(tok string) bool {
	for _, r := range tok {
		if (r >= 0xA1 && r < 0xC0 && tcvn3Table[r] != 0) || r == 0xD7 || r == 0xF7 {
			return true
		}
	}
	return false
}

// vniDistinctive reports whether tok holds a VNI circumflex or breve mark
// right after a vowel it applies to ("oâ", "aë"): Western text does not have
// those pairs, unlike "où" or "aï".
func vniDistinctive(tok string) bool {
	prev := rune(-1)
	for _, r := range tok {
		if m, ok := vniMark(r); ok && m.kind != markTone && prev >= 0 {
			if row, _, ok := vniBaseRow(prev); ok {
				if _, ok := vniCombine(row, m); ok {
					return true
				}
			}
		}
		prev = r
	}
	return false
}

// isTokenRune reports whether r can be part of a word in legacy text: ASCII
// letters and U+00A1..U+00FF (TCVN3 and VNI put letters and marks there,
// including characters that are punctuation in Windows-1252 such as « § ×).
func isTokenRune(r rune) bool {
	return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= 0xA1 && r <= 0xFF)
}

func scoreTokens(s string, enc Encoding) score {
	var c score
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isTokenRune(r) {
			i += n
			continue
		}
		j := i
		high := false
		for j < len(s) {
			r, n := utf8.DecodeRuneInString(s[j:])
			if !isTokenRune(r) {
				break
			}
			high = high || r >= 0x80
			j += n
		}
		tok := s[i:j]
		i = j
		if !high {
			continue
		}
		var dec string
		if enc == TCVN3 {
			dec = DecodeTCVN3(tok, false)
		} else {
			dec = DecodeVNI(tok)
		}
		if dec == tok {
			continue
		}
		orig := isSyllable(lowerNFC(tok))
		dl := lowerNFC(dec)
		decOK := isSyllable(dl) || isAcronym(dl)
		if decOK && commonSyllables()[Fold(dl)] {
			c.common++
		}
		switch {
		case !decOK:
			c.counter++
		case orig:
			c.ambiguous++
		default:
			c.ev++
			c.weight++
			if utf8.RuneCountInString(dl) >= 2 {
				c.strong++
			}
			if (enc == TCVN3 && tcvn3Distinctive(tok)) || (enc == VNI && vniDistinctive(tok)) {
				c.weight++
			}
		}
	}
	return c
}

func lowerNFC(s string) string {
	return NFC(strings.ToLower(s))
}

// capitalsHeuristic guesses, for TCVN3 text without a font name, whether it
// was typed in a capitals font (.VnTimeH), where toned capitals are written
// with the lower-case codes: true when the text has at least two ASCII
// letters and all of them are upper case ("§¶NG ñY" → "ĐẢNG ỦY").
func capitalsHeuristic(s string) bool {
	upper := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z':
			return false
		case c >= 'A' && c <= 'Z':
			upper++
		}
	}
	return upper >= 2
}

// Repair detects legacy mojibake in s (see DetectLegacy) and returns it
// converted to Unicode NFC, with the encoding found. When s is not legacy
// text, it returns s unchanged and None.
//
// TCVN3 has no codes for toned capitals: text in a capitals font (.VnTimeH)
// is upper-cased after decoding. Without a font name, TCVN3 text whose ASCII
// letters (at least two) are all upper case is treated as capitals text.
func Repair(s, fontName string) (string, Encoding) {
	switch DetectLegacy(s, fontName) {
	case TCVN3:
		enc, capitals := fontHint(fontName)
		if enc != TCVN3 {
			capitals = capitalsHeuristic(s)
		}
		return DecodeTCVN3(s, capitals), TCVN3
	case VNI:
		return DecodeVNI(s), VNI
	}
	return s, None
}

// MatchLegacy is for a cell text s that matched none of the expected values
// want (labels, enumeration values) under Fold. It reports whether the TCVN3
// or the VNI-Windows reading of s matches one of them, returning its index
// and the encoding; it returns -1 and None when neither does, when both match
// different values, when s itself matches one, or when s cannot be legacy
// text. It catches legacy text that DetectLegacy cannot decide alone because
// the mojibake is itself a plausible syllable ("Cã" is TCVN3 for "Có",
// "Toát" VNI for "Tốt").
func MatchLegacy(s string, want []string) (int, Encoding) {
	high := false
	for _, r := range s {
		if r < utf8.RuneSelf {
			continue
		}
		if _, ok := legacyByte(r); !ok || r == utf8.RuneError {
			return -1, None
		}
		high = true
	}
	if !high || len(want) == 0 {
		return -1, None
	}
	fs := Fold(s)
	ft := Fold(DecodeTCVN3(s, false))
	fv := Fold(DecodeVNI(s))
	iT, iV := -1, -1
	for i, w := range want {
		fw := Fold(w)
		if fw == fs {
			return -1, None
		}
		if iT < 0 && ft != fs && ft == fw {
			iT = i
		}
		if iV < 0 && fv != fs && fv == fw {
			iV = i
		}
	}
	switch {
	case iT >= 0 && iV >= 0 && iT != iV:
		return -1, None
	case iT >= 0:
		return iT, TCVN3
	case iV >= 0:
		return iV, VNI
	}
	return -1, None
}

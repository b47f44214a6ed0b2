package vntext

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Encoding identifies a legacy 8-bit Vietnamese encoding.
type Encoding int

const (
	// None means the text is not legacy-encoded (Unicode or plain ASCII).
	None Encoding = iota
	// TCVN3 is TCVN 5712:1993 VN3, the "ABC" encoding of the .VnTime fonts.
	TCVN3
	// VNI is VNI-Windows, the encoding of the VNI-Times fonts.
	VNI
)

// String returns "None", "TCVN3" or "VNI-Windows".
func (e Encoding) String() string {
	switch e {
	case None:
		return "None"
	case TCVN3:
		return "TCVN3"
	case VNI:
		return "VNI-Windows"
	}
	return "Encoding(" + itoa(int(e)) + ")"
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	var buf [20]byte
	i := len(buf)
	for n != 0 {
		d := n % 10
		if d < 0 {
			d = -d
		}
		i--
		buf[i] = byte('0' + d)
		n /= 10
	}
	if neg {
		i--
		buf[i] = '-'
	}
	return string(buf[i:])
}

// cp1252High maps the Unicode characters that Windows-1252 puts at bytes
// 0x80..0x9F to their byte.
var cp1252High = map[rune]byte{
	'\u20AC': 0x80, '\u201A': 0x82, '\u0192': 0x83, '\u201E': 0x84,
	'\u2026': 0x85, '\u2020': 0x86, '\u2021': 0x87, '\u02C6': 0x88,
	'\u2030': 0x89, '\u0160': 0x8A, '\u2039': 0x8B, '\u0152': 0x8C,
	'\u017D': 0x8E, '\u2018': 0x91, '\u2019': 0x92, '\u201C': 0x93,
	'\u201D': 0x94, '\u2022': 0x95, '\u2013': 0x96, '\u2014': 0x97,
	'\u02DC': 0x98, '\u2122': 0x99, '\u0161': 0x9A, '\u203A': 0x9B,
	'\u0153': 0x9C, '\u017E': 0x9E, '\u0178': 0x9F,
}

// legacyByte returns the 8-bit byte that r stands for when an 8-bit string
// was read as Windows-1252 (or as Latin-1: U+0080..U+009F are accepted for
// every byte 0x80..0x9F, which also covers the five bytes cp1252 leaves
// undefined). ok is false for runes no single byte produces.
func legacyByte(r rune) (b byte, ok bool) {
	if r >= 0 && r <= 0xFF {
		return byte(r), true
	}
	b, ok = cp1252High[r]
	return b, ok
}

// tcvn3Table maps each TCVN3 (ABC) byte that encodes a Vietnamese letter to
// that letter: the 67 lower-case non-ASCII letters and the 7 untoned capitals
// Ă Â Ê Ô Ơ Ư Đ. Generated from glibc's TCVN5712-1 codec (iconv) restricted
// to the ABC repertoire: glibc (VN1) additionally decodes some bytes as toned
// capitals (0xAF, 0xBA, 0xBF, 0xC0-0xC5, 0xCD, 0xD9-0xDB, 0xE0, 0xF0, 0xFF,
// 0x80-0x9F, some C0 bytes) and 0xB0-0xB4 as combining tone marks; ABC has
// none of those, so they are left as they are.
var tcvn3Table = [256]rune{
	0xA1: 'Ă', // U+0102
	0xA2: 'Â', // U+00C2
	0xA3: 'Ê', // U+00CA
	0xA4: 'Ô', // U+00D4
	0xA5: 'Ơ', // U+01A0
	0xA6: 'Ư', // U+01AF
	0xA7: 'Đ', // U+0110
	0xA8: 'ă', // U+0103
	0xA9: 'â', // U+00E2
	0xAA: 'ê', // U+00EA
	0xAB: 'ô', // U+00F4
	0xAC: 'ơ', // U+01A1
	0xAD: 'ư', // U+01B0
	0xAE: 'đ', // U+0111
	0xB5: 'à', // U+00E0
	0xB6: 'ả', // U+1EA3
	0xB7: 'ã', // U+00E3
	0xB8: 'á', // U+00E1
	0xB9: 'ạ', // U+1EA1
	0xBB: 'ằ', // U+1EB1
	0xBC: 'ẳ', // U+1EB3
	0xBD: 'ẵ', // U+1EB5
	0xBE: 'ắ', // U+1EAF
	0xC6: 'ặ', // U+1EB7
	0xC7: 'ầ', // U+1EA7
	0xC8: 'ẩ', // U+1EA9
	0xC9: 'ẫ', // U+1EAB
	0xCA: 'ấ', // U+1EA5
	0xCB: 'ậ', // U+1EAD
	0xCC: 'è', // U+00E8
	0xCE: 'ẻ', // U+1EBB
	0xCF: 'ẽ', // U+1EBD
	0xD0: 'é', // U+00E9
	0xD1: 'ẹ', // U+1EB9
	0xD2: 'ề', // U+1EC1
	0xD3: 'ể', // U+1EC3
	0xD4: 'ễ', // U+1EC5
	0xD5: 'ế', // U+1EBF
	0xD6: 'ệ', // U+1EC7
	0xD7: 'ì', // U+00EC
	0xD8: 'ỉ', // U+1EC9
	0xDC: 'ĩ', // U+0129
	0xDD: 'í', // U+00ED
	0xDE: 'ị', // U+1ECB
	0xDF: 'ò', // U+00F2
	0xE1: 'ỏ', // U+1ECF
	0xE2: 'õ', // U+00F5
	0xE3: 'ó', // U+00F3
	0xE4: 'ọ', // U+1ECD
	0xE5: 'ồ', // U+1ED3
	0xE6: 'ổ', // U+1ED5
	0xE7: 'ỗ', // U+1ED7
	0xE8: 'ố', // U+1ED1
	0xE9: 'ộ', // U+1ED9
	0xEA: 'ờ', // U+1EDD
	0xEB: 'ở', // U+1EDF
	0xEC: 'ỡ', // U+1EE1
	0xED: 'ớ', // U+1EDB
	0xEE: 'ợ', // U+1EE3
	0xEF: 'ù', // U+00F9
	0xF1: 'ủ', // U+1EE7
	0xF2: 'ũ', // U+0169
	0xF3: 'ú', // U+00FA
	0xF4: 'ụ', // U+1EE5
	0xF5: 'ừ', // U+1EEB
	0xF6: 'ử', // U+1EED
	0xF7: 'ữ', // U+1EEF
	0xF8: 'ứ', // U+1EE9
	0xF9: 'ự', // U+1EF1
	0xFA: 'ỳ', // U+1EF3
	0xFB: 'ỷ', // U+1EF7
	0xFC: 'ỹ', // U+1EF9
	0xFD: 'ý', // U+00FD
	0xFE: 'ỵ', // U+1EF5
}

// DecodeTCVN3 converts TCVN3 (ABC) mojibake, as read from an .xlsx cell (each
// byte shown as its Windows-1252 character), to Unicode NFC. Characters that
// are not TCVN3 letter codes are kept. capitalsFont is true for the capitals
// fonts (.VnTimeH, .VnArialH, …), which show the lower-case codes as
// capitals: the result is then upper-cased.
func DecodeTCVN3(s string, capitalsFont bool) string {
	out := mapLegacy(s, func(r rune) rune {
		if b, ok := legacyByte(r); ok {
			if v := tcvn3Table[b]; v != 0 {
				return v
			}
		}
		return r
	})
	if capitalsFont {
		out = strings.ToUpper(out)
	}
	return NFC(out)
}

// mapLegacy is strings.Map with invalid UTF-8 turned into U+FFFD.
func mapLegacy(s string, f func(rune) rune) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return strings.Map(f, s)
}

// VNI-Windows writes a Vietnamese letter as a base letter followed by a mark
// byte, except for đ ơ ư and the toned i's and ỵ, which have bytes of their
// own. The mark bytes (lower case; the capitals' are 0x20 lower):
//
//	tone only:       ù acute  ø grave  û hook  õ tilde  ï dot
//	circumflex+tone: â none   á acute  à grave  å hook  ã tilde  ä dot
//	breve+tone:      ê none   é acute  è grave  ú hook  ü tilde  ë dot
const (
	markTone = iota + 1
	markCirc
	markBreve
)

type vniMarkInfo struct {
	kind, tone uint8
}

var vniMarks = map[rune]vniMarkInfo{
	'ù': {markTone, toneAcute}, 'ø': {markTone, toneGrave}, 'û': {markTone, toneHook},
	'õ': {markTone, toneTilde}, 'ï': {markTone, toneDot},
	'â': {markCirc, toneNone}, 'á': {markCirc, toneAcute}, 'à': {markCirc, toneGrave},
	'å': {markCirc, toneHook}, 'ã': {markCirc, toneTilde}, 'ä': {markCirc, toneDot},
	'ê': {markBreve, toneNone}, 'é': {markBreve, toneAcute}, 'è': {markBreve, toneGrave},
	'ú': {markBreve, toneHook}, 'ü': {markBreve, toneTilde}, 'ë': {markBreve, toneDot},
}

// vniSingles are the VNI bytes that stand alone for a letter (lower case; the
// capitals' bytes are 0x20 lower). í and ì are themselves.
var vniSingles = map[rune]rune{
	'ñ': 'đ', 'ô': 'ơ', 'ö': 'ư',
	'í': 'í', 'ì': 'ì', 'æ': 'ỉ', 'ó': 'ĩ', 'ò': 'ị', 'î': 'ỵ',
}

// vniMark returns the mark info of r, either case.
func vniMark(r rune) (vniMarkInfo, bool) {
	if r >= 0xC0 && r <= 0xDE && r != 0xD7 {
		r += 0x20
	}
	m, ok := vniMarks[r]
	return m, ok
}

// vniSingle returns the letter that a stand-alone VNI byte encodes.
func vniSingle(r rune) (rune, bool) {
	if r >= 0xC0 && r <= 0xDE && r != 0xD7 {
		if v, ok := vniSingles[r+0x20]; ok {
			return unicode.ToUpper(v), true
		}
		return 0, false
	}
	v, ok := vniSingles[r]
	return v, ok
}

// vniBaseRow returns the vowel row of a VNI base letter (a e o u y, ơ ư after
// the single-byte mapping) and whether it is upper case.
func vniBaseRow(r rune) (row int, upper, ok bool) {
	upper = unicode.IsUpper(r)
	switch unicode.ToLower(r) {
	case 'a':
		return rowA, upper, true
	case 'e':
		return rowE, upper, true
	case 'o':
		return rowO, upper, true
	case 'u':
		return rowU, upper, true
	case 'y':
		return rowY, upper, true
	case 'ơ':
		return rowOhorn, upper, true
	case 'ư':
		return rowUhorn, upper, true
	}
	return 0, false, false
}

// vniCombine returns the letter for base row + mark, if VNI defines it. The
// case of the result follows the base letter.
func vniCombine(row int, m vniMarkInfo) (int, bool) {
	switch m.kind {
	case markTone:
		return row, true
	case markCirc:
		switch row {
		case rowA:
			return rowAcirc, true
		case rowE:
			return rowEcirc, true
		case rowO:
			return rowOcirc, true
		}
	case markBreve:
		if row == rowA {
			return rowAbreve, true
		}
	}
	return 0, false
}

// DecodeVNI converts VNI-Windows mojibake, as read from an .xlsx cell (each
// byte shown as its Windows-1252 character), to Unicode NFC. A mark byte that
// does not follow a base letter it applies to is kept as it is.
func DecodeVNI(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if isASCII(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/2)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		letter := r
		if v, ok := vniSingle(r); ok {
			letter = v
		}
		if row, upper, ok := vniBaseRow(letter); ok && i < len(s) {
			next, n2 := utf8.DecodeRuneInString(s[i:])
			if m, ok := vniMark(next); ok {
				if row2, ok := vniCombine(row, m); ok {
					b.WriteRune(compose(row2, int(m.tone), upper))
					i += n2
					continue
				}
			}
		}
		b.WriteRune(letter)
	}
	return NFC(b.String())
}

package vntext

import "unicode/utf8"

// This file holds a structural validator of Vietnamese syllables, used only
// by DetectLegacy to tell mojibake from real words. It is deliberately
// permissive about rare spellings (it accepts some non-words) and strict about
// what Vietnamese never has (foreign letters, two tones, impossible vowel
// clusters or finals).

// onsets lists the initial consonants, longest first so that the first match
// is the longest one.
var onsets = []string{
	"ngh",
	"ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
	"b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
}

// clusters tells, for each vowel cluster (tones removed), whether a final
// consonant is forbidden (codaNo), required (codaYes) or optional (codaMay).
// The loan-word cluster "oo" (xoong, boong) is left out on purpose: accepting
// it makes the TCVN3 reading of VNI text ("Khoâng" → "khoõng") look valid.
const (
	codaMay = iota
	codaNo
	codaYes
)

var clusters = map[string]int{
	"a": codaMay, "ă": codaYes, "â": codaYes, "e": codaMay, "ê": codaMay,
	"i": codaMay, "o": codaMay, "ô": codaMay, "ơ": codaMay, "u": codaMay,
	"ư": codaMay, "y": codaMay,
	"ai": codaNo, "ao": codaNo, "au": codaNo, "ay": codaNo, "âu": codaNo,
	"ây": codaNo, "eo": codaNo, "êu": codaNo, "ia": codaNo, "iu": codaNo,
	"oi": codaNo, "ôi": codaNo, "ơi": codaNo, "ua": codaNo, "ui": codaNo,
	"ưa": codaNo, "ưi": codaNo, "ưu": codaNo, "uơ": codaNo,
	"iê": codaYes, "yê": codaYes, "uô": codaYes, "ươ": codaYes,
	"oă": codaYes, "uâ": codaYes,
	"oa": codaMay, "oe": codaMay, "uê": codaMay, "uy": codaMay,
	"iêu": codaNo, "yêu": codaNo, "oai": codaNo, "oao": codaNo,
	"oay": codaNo, "oeo": codaNo, "uây": codaNo, "uôi": codaNo,
	"ươi": codaNo, "ươu": codaNo, "uya": codaNo, "uyu": codaNo,
	"uyê": codaYes,
}

// codas lists the final consonants.
var codas = map[string]bool{"": true, "c": true, "ch": true, "m": true,
	"n": true, "ng": true, "nh": true, "p": true, "t": true}

// isSyllable reports whether w (lower case, NFC) is a structurally valid
// Vietnamese syllable: optional onset, a known vowel cluster, an optional
// final consonant compatible with it, at most one tone, and only sắc or nặng
// before the stop finals c, ch, p, t.
func isSyllable(w string) bool {
	if w == "" || len(w) > 32 {
		return false
	}
	// Split off the tone and check the alphabet.
	var base [16]rune
	n := 0
	tone := toneNone
	for _, r := range w {
		if n == len(base) {
			return false
		}
		if row, t, ok := vowelOf(r); ok {
			if t != toneNone {
				if tone != toneNone {
					return false
				}
				tone = t
			}
			base[n] = vowelGrid[row][0]
			n++
			continue
		}
		if !isConsonant(r) {
			return false
		}
		base[n] = r
		n++
	}
	letters := base[:n]
	for _, on := range onsets {
		if rest, ok := cutPrefix(letters, on); ok {
			if on == "gi" || on == "qu" {
				// "gì", "gìn": g + i…; "gia", "quý": gi/qu + vowels.
				if rhymeOK(rest, tone) {
					return true
				}
				continue
			}
			return rhymeOK(rest, tone)
		}
	}
	return rhymeOK(letters, tone)
}

func rhymeOK(rs []rune, tone int) bool {
	i := 0
	for i < len(rs) {
		if _, _, ok := vowelOf(rs[i]); !ok {
			break
		}
		i++
	}
	if i == 0 {
		return false
	}
	rule, ok := clusters[string(rs[:i])]
	if !ok {
		return false
	}
	coda := string(rs[i:])
	if !codas[coda] {
		return false
	}
	switch {
	case rule == codaNo && coda != "", rule == codaYes && coda == "":
		return false
	}
	switch coda {
	case "c", "ch", "p", "t":
		return tone == toneAcute || tone == toneDot
	}
	return true
}

func isConsonant(r rune) bool {
	switch r {
	case 'b', 'c', 'd', 'đ', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'q', 'r', 's', 't', 'v', 'x':
		return true
	}
	return false
}

func cutPrefix(rs []rune, prefix string) ([]rune, bool) {
	i := 0
	for _, p := range prefix {
		if i >= len(rs) || rs[i] != p {
			return nil, false
		}
		i++
	}
	return rs[i:], true
}

// isAcronym reports whether w (lower case) is 2–6 Vietnamese consonant
// letters: abbreviations such as "qđ" (quyết định), "nđ", "đc".
func isAcronym(w string) bool {
	n := utf8.RuneCountInString(w)
	if n < 2 || n > 6 {
		return false
	}
	for _, r := range w {
		if !isConsonant(r) {
			return false
		}
	}
	return true
}

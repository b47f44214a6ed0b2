package vntext

import (
	"strings"
	"testing"
	"unicode/utf8"
)

var fuzzSeeds = []string{
	"", " ", "Thỏa thuận hợp tác", "Thoả  thuận\u00a0", "Tho\u0309a thua\u0302\u0323n",
	"Đảng uỷ Khối", "QUÝ", "hoàn", "hoa\u0323\u0300", "Tæng c«ng ty B\u00adu ®iÖn",
	"Toång coâng ty Böu ñieän", "§¶NG ñY", "Café naïve € 100 Müller", "a\xffb",
	"\u200b\u202a\ufeff\x00\u0085", "İstanbul \u212a \u2126", "ǅ ǈ ǋ", "oà\u0301",
	"u\u0301y", "Ñaûng uûy", "uý", "quỳ",
}

func FuzzFold(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := Clean(s)
		if !utf8.ValidString(c) {
			t.Fatalf("Clean(%q) invalid UTF-8: %q", s, c)
		}
		if IsBlank(s) != (c == "") {
			t.Fatalf("IsBlank(%q) = %v, Clean gives %q", s, IsBlank(s), c)
		}
		if cc := Clean(c); cc != c {
			t.Fatalf("Clean not idempotent: %q -> %q -> %q", s, c, cc)
		}
		if strings.HasPrefix(c, " ") || strings.HasSuffix(c, " ") || strings.Contains(c, "  ") {
			t.Fatalf("Clean(%q) = %q has stray spaces", s, c)
		}
		k := Fold(s)
		if !utf8.ValidString(k) {
			t.Fatalf("Fold(%q) invalid UTF-8: %q", s, k)
		}
		if kk := Fold(k); kk != k {
			t.Fatalf("Fold not idempotent: %q -> %q -> %q", s, k, kk)
		}
		if Fold(c) != k {
			t.Fatalf("Fold(Clean(x)) != Fold(x) for %q", s)
		}
		if !Equal(s, k) {
			t.Fatalf("Equal(x, Fold(x)) false for %q", s)
		}
		// Key is not idempotent in general ("a \u0302" → "a\u0302"), but
		// it only depends on Fold.
		if key := Key(s); strings.Contains(key, " ") || !utf8.ValidString(key) || Key(k) != key {
			t.Fatalf("Key(%q) = %q, Key(Fold) = %q", s, key, Key(k))
		}
	})
}

func FuzzRepair(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, "")
		f.Add(s, ".VnTimeH")
		f.Add(s, "VNI-Times")
	}
	f.Fuzz(func(t *testing.T, s, font string) {
		if i, e := MatchLegacy(s, []string{font, "Có"}); i < -1 || i > 1 || (i < 0) != (e == None) {
			t.Fatalf("MatchLegacy(%q, %q) = %d, %v", s, font, i, e)
		}
		out, enc := Repair(s, font)
		if enc == None {
			if out != s {
				t.Fatalf("Repair(%q, %q) changed text but reported None", s, font)
			}
			return
		}
		if !utf8.ValidString(out) {
			t.Fatalf("Repair(%q, %q) invalid UTF-8: %q", s, font, out)
		}
		if NFC(out) != out {
			t.Fatalf("Repair(%q, %q) not NFC: %q", s, font, out)
		}
		for _, d := range []string{DecodeTCVN3(s, false), DecodeTCVN3(s, true), DecodeVNI(s)} {
			if !utf8.ValidString(d) {
				t.Fatalf("decoder output invalid UTF-8 for %q: %q", s, d)
			}
		}
	})
}

func FuzzDetectLegacy(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, "")
		f.Add(s, ".VnTime")
	}
	f.Fuzz(func(t *testing.T, s, font string) {
		enc := DetectLegacy(s, font)
		if enc != None && enc != TCVN3 && enc != VNI {
			t.Fatalf("DetectLegacy(%q, %q) = %d", s, font, enc)
		}
		if enc != DetectLegacy(s, font) {
			t.Fatalf("DetectLegacy not deterministic on %q", s)
		}
		// Any text with a character no cp1252 byte produces is Unicode.
		if strings.ContainsAny(s, "ươđạệ") && enc != None {
			t.Fatalf("DetectLegacy(%q, %q) = %v on Unicode Vietnamese", s, font, enc)
		}
	})
}

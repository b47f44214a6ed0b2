package vntext

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestNFC(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"abc", "abc"},
		{"Tho\u0309a thua\u0302\u0323n", "Thỏa thuận"}, // NFD
		{"Thỏa thuận", "Thỏa thuận"},
		{"o\u0323\u0302", "ộ"}, // marks in non-canonical order
		{"a\xffb", "a\uFFFDb"},
	}
	for _, tt := range tests {
		if got := NFC(tt.in); got != tt.want {
			t.Errorf("NFC(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestClean(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"empty", "", ""},
		{"clean ascii", "Tong cong ty", "Tong cong ty"},
		{"trim", "  abc \t", "abc"},
		{"collapse", "a  \t\r\n b", "a b"},
		{"nbsp", "Thỏa\u00a0thuận", "Thỏa thuận"},
		{"unicode spaces", "a\u2003b\u3000c\u202fd\u2028e\u0085f", "a b c d e f"},
		{"only space", " \u00a0\t\n", ""},
		{"zero width", "Th\u200bỏa\u200d thuận\ufeff", "Thỏa thuận"},
		{"zero width between spaces", "a \u200b b", "a b"},
		{"bidi", "\u202aabc\u202c\u2066d\u2069\u200e", "abcd"},
		{"word joiner", "a\u2060b\u2064c", "abc"},
		{"c0 controls", "a\x00b\x07c\x1fd\x7f", "abcd"},
		{"c1 controls", "a\u0080b\u009fc\u0081", "abc"},
		{"nfd to nfc", "Tho\u0309a  thua\u0302\u0323n", "Thỏa thuận"},
		{"mark after removed char composes", "a\u200b\u0300", "à"},
		{"invalid utf8", "a\xff\xfeb", "a\uFFFD\uFFFDb"},
		{"soft hyphen kept (TCVN3 ư)", "B\u00adu", "B\u00adu"},
		{"keeps case", "ĐẢNG ủy", "ĐẢNG ủy"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Clean(tt.in)
			if got != tt.want {
				t.Fatalf("Clean(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if again := Clean(got); again != got {
				t.Errorf("Clean not idempotent: %q -> %q", got, again)
			}
		})
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"ABC  def", "abc def"},
		{"Thỏa thuận hợp tác", "thỏa thuận hợp tác"},
		{"Thoả thuận hợp tác", "thỏa thuận hợp tác"},
		{"THOẢ THUẬN", "thỏa thuận"},
		{"Tho\u0309a thua\u0302\u0323n", "thỏa thuận"},
		{"hoà bình", "hòa bình"},
		{"hòa bình", "hòa bình"},
		{"khoẻ", "khỏe"},
		{"xoè", "xòe"},
		{"Đảng uỷ", "đảng ủy"},
		{"thuỷ lợi", "thủy lợi"},
		{"tuỳ", "tùy"},
		{"luỹ kế", "lũy kế"},
		{"hoạ", "họa"},
		{"toà án", "tòa án"},
		{"loé", "lóe"},
		// Untouched: final consonant, qu-, triphthongs, ô/ơ/ư first vowel.
		{"hoàn thành", "hoàn thành"},
		{"hòan", "hòan"},
		{"quý", "quý"},
		{"quỳ", "quỳ"},
		{"QUÝ", "quý"},
		{"khoái", "khoái"},
		{"ngoài", "ngoài"},
		{"khuỷu", "khuỷu"},
		{"huyền", "huyền"},
		{"thuế", "thuế"},
		{"hoa", "hoa"},
		// Word boundaries: punctuation and digits end a word.
		{"hoà-bình", "hòa-bình"},
		{"(uỷ)", "(ủy)"},
		{"hoà2", "hòa2"},
		// A combining mark after the pair blocks the move.
		{"hoa\u0323\u0300", "hoạ\u0300"},
		{"Kelvin \u212a", "kelvin k"},
		{"\u00a0Thỏa\u00a0 thuận\u200b ", "thỏa thuận"},
	}
	for _, tt := range tests {
		got := Fold(tt.in)
		if got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if again := Fold(got); again != got {
			t.Errorf("Fold not idempotent on %q: %q -> %q", tt.in, got, again)
		}
	}
}

// TestFoldToneAllTones checks every tone for each of oa, oe, uy, in both
// placements and both cases.
func TestFoldToneAllTones(t *testing.T) {
	pairs := []struct{ first, second int }{{rowO, rowA}, {rowO, rowE}, {rowU, rowY}}
	for _, p := range pairs {
		for tone := toneGrave; tone <= toneDot; tone++ {
			newStyle := "h" + string(compose(p.first, tone, false)) + string(compose(p.second, toneNone, false))
			oldStyle := "h" + string(compose(p.first, toneNone, false)) + string(compose(p.second, tone, false))
			for _, in := range []string{newStyle, oldStyle, strings.ToUpper(oldStyle), strings.ToUpper(newStyle)} {
				if got := Fold(in); got != newStyle {
					t.Errorf("Fold(%q) = %q, want %q", in, got, newStyle)
				}
			}
			if !Equal(newStyle, oldStyle) {
				t.Errorf("Equal(%q, %q) = false", newStyle, oldStyle)
			}
			// With a final consonant nothing moves.
			withFinal := oldStyle + "n"
			if got := Fold(withFinal); got != withFinal {
				t.Errorf("Fold(%q) = %q, want unchanged", withFinal, got)
			}
		}
	}
}

func TestKeyEqual(t *testing.T) {
	keys := []struct{ a, b string }{
		{"12 / 2024/TTHT", "12/2024/ttht"},
		{"Số 05/TT-BTC", "số05/tt-btc"},
		{"Thoả  thuận", "thỏathuận"},
	}
	for _, k := range keys {
		if Key(k.a) != Key(k.b) {
			t.Errorf("Key(%q)=%q != Key(%q)=%q", k.a, Key(k.a), k.b, Key(k.b))
		}
	}
	if Key("12/2024/TTHT") == Key("12/2024/TTTHT") {
		t.Error("Key must not merge different identifiers")
	}
	equal := []struct {
		a, b string
		want bool
	}{
		{"Thỏa thuận", "Tho\u0309a  THUẬN", true},
		{"Thoả thuận", "Thỏa thuận", true},
		{"Đảng uỷ", "ĐẢNG ỦY", true},
		{"Tổng cộng", "Tổng cộng\u00a0", true},
		{"Tổng", "Tổng cộng", false},
		{"hoàn", "hòan", false},
		{"Thoa thuan", "Thỏa thuận", false},
		{"quý", "qúy", false},
	}
	for _, e := range equal {
		if got := Equal(e.a, e.b); got != e.want {
			t.Errorf("Equal(%q, %q) = %v, want %v", e.a, e.b, got, e.want)
		}
	}
}

func TestNoAllocWhenClean(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts differ under the race detector")
	}
	cases := []struct {
		name string
		f    func() string
	}{
		{"Clean ascii", func() string { return Clean("Tong cong ty Buu dien") }},
		{"Clean unicode", func() string { return Clean("Tổng công ty Bưu điện Việt Nam") }},
		{"Fold ascii", func() string { return Fold("tong cong ty buu dien") }},
		{"Fold unicode", func() string { return Fold("thỏa thuận hợp tác đảng ủy") }},
		{"Key", func() string { return Key("12/2024/ttht") }},
		{"NFC", func() string { return NFC("Tổng công ty") }},
	}
	for _, c := range cases {
		if n := testing.AllocsPerRun(50, func() { _ = c.f() }); n != 0 {
			t.Errorf("%s: %v allocations, want 0", c.name, n)
		}
	}
}

func TestRetoneKeepsValidUTF8(t *testing.T) {
	for _, s := range []string{"oà", "uý", "o", "u", "oàn", "ơà", "qoà"} {
		got := retone(s)
		if !utf8.ValidString(got) {
			t.Errorf("retone(%q) invalid UTF-8", s)
		}
	}
	if got := retone("oà"); got != "òa" {
		t.Errorf("retone(oà) = %q", got)
	}
	if got := retone("ơà"); got != "ơà" {
		t.Errorf("retone(ơà) = %q, want unchanged", got)
	}
}

// TestStableLatin checks the fast NFC path of isClean against the norm
// tables: each rune isStableLatin accepts is a starter with NFC quick-check
// Yes, and stays NFC between ASCII letters.
func TestStableLatin(t *testing.T) {
	n := 0
	for r := rune(0); r <= 0x1FFFF; r++ {
		if !isStableLatin(r) {
			continue
		}
		n++
		p := norm.NFC.PropertiesString(string(r))
		s := "x" + string(r) + "a" + string(r)
		if p.CCC() != 0 || !p.BoundaryBefore() || !norm.NFC.IsNormalString(s) {
			t.Errorf("U+%04X is not NFC-stable (ccc %d)", r, p.CCC())
		}
	}
	if n == 0 {
		t.Fatal("no rune checked")
	}
	// And isClean agrees with Clean on strings mixing them with marks.
	for _, s := range []string{"a\u0300", "ơ\u0301", "Thỏa", "Tho\u0309a", "ǅ", "Å"} {
		if isClean(s) != (Clean(s) == s) {
			t.Errorf("isClean(%q) = %v but Clean gives %q", s, isClean(s), Clean(s))
		}
	}
}

// TestLowerStaysNFC: for every rune lowerStaysNFC accepts, alone and next to each other and
// to ASCII, lower-casing keeps the text NFC, so Fold may skip the normalisation.
func TestLowerStaysNFC(t *testing.T) {
	var accepted []rune
	for r := rune(0); r <= 0x1EFF; r++ {
		if lowerStaysNFC(string(r)) {
			accepted = append(accepted, r)
		}
	}
	if len(accepted) < 128+300 {
		t.Fatalf("only %d runes accepted", len(accepted))
	}
	for _, r := range accepted {
		for _, s := range []string{string(r), "A" + string(r) + "b", string(r) + string(r), string(r) + "Ư"} {
			if !norm.NFC.IsNormalString(s) {
				continue // lowerStaysNFC is only asked about NFC text
			}
			if l := strings.ToLower(s); !norm.NFC.IsNormalString(l) {
				t.Errorf("%U: lower case %q of %q is not NFC", r, l, s)
			}
		}
	}
	if lowerStaysNFC("İ") || lowerStaysNFC("a\u0301") {
		t.Error("accepted İ or a combining mark")
	}
}

func TestIsBlank(t *testing.T) {
	for _, s := range []string{"", " ", " \t\r\n", "\u00a0\u200b\u3000", "\ufeff ", "a", " a ", "\xff", "\u0301", "0", "\u200bx"} {
		if got, want := IsBlank(s), Clean(s) == ""; got != want {
			t.Errorf("IsBlank(%q) = %v, Clean gives %q", s, got, Clean(s))
		}
	}
}

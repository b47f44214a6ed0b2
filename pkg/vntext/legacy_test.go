package vntext

import (
	"strings"
	"testing"
	"unicode"
)

// The 67 lower-case non-ASCII Vietnamese letters.
var lowerLetters = []rune("àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ")

// tcvn3Enc is the test's own TCVN3 (ABC) encoder, transcribed from a
// published TCVN3 table (independent of the decoder's table, which was
// generated from glibc): letter → the Windows-1252 character of its byte.
var tcvn3Enc = func() map[rune]rune {
	uni := []rune("àáảãạ ăằắẳẵặ âầấẩẫậ đèéẻẽẹ êềếểễệ ìíỉĩị òóỏõọ ôồốổỗộ ơờớởỡợ ùúủũụ ưừứửữự ỳýỷỹỵ ĂÂĐÊÔƠƯ")
	leg := []rune("µ¸¶·¹ ¨»¾¼½Æ ©ÇÊÈÉË ®ÌÐÎÏÑ ªÒÕÓÔÖ ×ÝØÜÞ ßãáâä «åèæçé ¬êíëìî ïóñòô \u00adõøö÷ù úýûüþ ¡¢§£¤¥¦")
	if len(uni) != len(leg) {
		panic("tcvn3Enc: table length mismatch")
	}
	m := map[rune]rune{}
	for i := range uni {
		if uni[i] != ' ' {
			m[uni[i]] = leg[i]
		}
	}
	return m
}()

// encodeTCVN3 encodes s the way a .VnTime user would have typed it. Toned
// capitals have no code: when capitals is true they are written with the
// lower-case code (the .VnTimeH convention) and otherwise encodeTCVN3 fails.
func encodeTCVN3(t *testing.T, s string, capitals bool) string {
	t.Helper()
	var b strings.Builder
	for _, r := range s {
		if r < 0x80 {
			if capitals {
				r = unicode.ToLower(r)
			}
			b.WriteRune(r)
			continue
		}
		if capitals {
			r = unicode.ToLower(r)
		}
		c, ok := tcvn3Enc[r]
		if !ok {
			if unicode.IsLetter(r) {
				t.Fatalf("encodeTCVN3: no code for %q", r)
			}
			c = r
		}
		b.WriteRune(c)
	}
	return b.String()
}

// vniEnc is the test's own VNI-Windows encoder, transcribed from a published
// VNI table, rows in the tone order none, sắc, huyền, hỏi, ngã, nặng.
var vniEnc = func() map[rune]string {
	rows := []struct {
		letters string
		codes   []string
	}{
		{"aáàảãạ", []string{"a", "aù", "aø", "aû", "aõ", "aï"}},
		{"âấầẩẫậ", []string{"aâ", "aá", "aà", "aå", "aã", "aä"}},
		{"ăắằẳẵặ", []string{"aê", "aé", "aè", "aú", "aü", "aë"}},
		{"eéèẻẽẹ", []string{"e", "eù", "eø", "eû", "eõ", "eï"}},
		{"êếềểễệ", []string{"eâ", "eá", "eà", "eå", "eã", "eä"}},
		{"oóòỏõọ", []string{"o", "où", "oø", "oû", "oõ", "oï"}},
		{"ôốồổỗộ", []string{"oâ", "oá", "oà", "oå", "oã", "oä"}},
		{"ơớờởỡợ", []string{"ô", "ôù", "ôø", "ôû", "ôõ", "ôï"}},
		{"uúùủũụ", []string{"u", "uù", "uø", "uû", "uõ", "uï"}},
		{"ưứừửữự", []string{"ö", "öù", "öø", "öû", "öõ", "öï"}},
		{"iíìỉĩị", []string{"i", "í", "ì", "æ", "ó", "ò"}},
		{"yýỳỷỹỵ", []string{"y", "yù", "yø", "yû", "yõ", "î"}},
		{"đ", []string{"ñ"}},
	}
	m := map[rune]string{}
	for _, row := range rows {
		for i, r := range []rune(row.letters) {
			m[r] = row.codes[i]
			m[unicode.ToUpper(r)] = strings.ToUpper(row.codes[i])
		}
	}
	return m
}()

func encodeVNI(t *testing.T, s string) string {
	t.Helper()
	var b strings.Builder
	for _, r := range s {
		if r < 0x80 {
			b.WriteRune(r)
			continue
		}
		c, ok := vniEnc[r]
		if !ok {
			if unicode.IsLetter(r) {
				t.Fatalf("encodeVNI: no code for %q", r)
			}
			c = string(r)
		}
		b.WriteString(c)
	}
	return b.String()
}

func TestTestTablesComplete(t *testing.T) {
	if len(lowerLetters) != 67 {
		t.Fatalf("want 67 lower-case letters, have %d", len(lowerLetters))
	}
	for _, r := range lowerLetters {
		if _, ok := tcvn3Enc[r]; !ok {
			t.Errorf("tcvn3Enc lacks %q", r)
		}
		for _, c := range []rune{r, unicode.ToUpper(r)} {
			if _, ok := vniEnc[c]; !ok {
				t.Errorf("vniEnc lacks %q", c)
			}
		}
	}
}

// TestTCVN3AllLetters decodes each of the 134 letters from its TCVN3 code.
func TestTCVN3AllLetters(t *testing.T) {
	for _, r := range lowerLetters {
		lower := string(r)
		upper := strings.ToUpper(lower)
		if got := DecodeTCVN3(encodeTCVN3(t, lower, false), false); got != lower {
			t.Errorf("lower %q: decoded %q", lower, got)
		}
		// Capitals: in the capitals font, from the lower-case code.
		if got := DecodeTCVN3(encodeTCVN3(t, upper, true), true); got != upper {
			t.Errorf("upper %q via capitals font: decoded %q", upper, got)
		}
		// The seven untoned capitals also have codes of their own.
		if c, ok := tcvn3Enc[[]rune(upper)[0]]; ok {
			if got := DecodeTCVN3(string(c), false); got != upper {
				t.Errorf("upper %q from its own code %q: decoded %q", upper, c, got)
			}
		}
		// Inside a word.
		w := "x" + lower + "n"
		if got := DecodeTCVN3(encodeTCVN3(t, w, false), false); got != w {
			t.Errorf("word %q: decoded %q", w, got)
		}
	}
}

// TestVNIAllLetters decodes each of the 134 letters from its VNI code.
func TestVNIAllLetters(t *testing.T) {
	for _, r := range lowerLetters {
		for _, s := range []string{string(r), strings.ToUpper(string(r))} {
			enc := encodeVNI(t, s)
			if got := DecodeVNI(enc); got != s {
				t.Errorf("%q: DecodeVNI(%q) = %q", s, enc, got)
			}
			w := "ng" + s + "n"
			if got := DecodeVNI(encodeVNI(t, w)); got != w {
				t.Errorf("word %q: decoded %q", w, got)
			}
		}
	}
}

// TestTCVN3TableMatchesGlibc cross-checks the decoder's table with glibc's
// TCVN5712-1 codec (dumped once with iconv, below): every ABC code agrees,
// and every byte left out is one glibc decodes to a toned capital or a
// combining mark (VN1 extensions that ABC does not have).
func TestTCVN3TableMatchesGlibc(t *testing.T) {
	letters := map[rune]bool{}
	for b := 0xA0; b <= 0xFF; b++ {
		g := glibcTCVN5712[b]
		mine := tcvn3Table[b]
		if mine != 0 {
			if mine != g {
				t.Errorf("byte %#x: table %q, glibc %q", b, mine, g)
			}
			letters[mine] = true
			continue
		}
		isToneCapital := unicode.IsUpper(g) && !strings.ContainsRune("ĂÂÊÔƠƯĐ", g)
		isMark := unicode.Is(unicode.Mn, g)
		if b != 0xA0 && !isToneCapital && !isMark {
			t.Errorf("byte %#x (glibc %q) left out of the table", b, g)
		}
	}
	if len(letters) != 74 {
		t.Errorf("table has %d letters, want 67 lower-case + 7 capitals", len(letters))
	}
	for _, r := range lowerLetters {
		if !letters[r] {
			t.Errorf("table lacks %q", r)
		}
	}
}

func TestDecodeSentences(t *testing.T) {
	sentences := []string{
		"Tổng công ty Bưu điện Việt Nam",
		"Đảng ủy Khối",
		"Thỏa thuận hợp tác",
		"Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở",
		"Nguyễn Thị Hương, Trưởng phòng Tổ chức – Cán bộ",
		"Số 12/2024/QĐ-TTg ngày 05/3/2024",
		"Huyện ủy Quỳnh Lưu, tỉnh Nghệ An",
	}
	for _, s := range sentences {
		tc := encodeTCVN3Mixed(t, s)
		if got := DecodeTCVN3(tc, false); got != s {
			t.Errorf("DecodeTCVN3(%q) = %q, want %q", tc, got, s)
		}
		up := strings.ToUpper(s)
		tcUp := encodeTCVN3(t, up, true)
		if got := DecodeTCVN3(tcUp, true); got != up {
			t.Errorf("DecodeTCVN3(%q, capitals) = %q, want %q", tcUp, got, up)
		}
		v := encodeVNI(t, s)
		if got := DecodeVNI(v); got != s {
			t.Errorf("DecodeVNI(%q) = %q, want %q", v, got, s)
		}
		if got := DecodeVNI(strings.ToUpper(v)); got != up {
			t.Errorf("DecodeVNI(%q) = %q, want %q", strings.ToUpper(v), got, up)
		}
	}
	// Known strings from the specification.
	known := []struct{ in, want string }{
		{"Tæng c«ng ty", "Tổng công ty"},
		{"Toång coâng ty", "Tổng công ty"},
	}
	if got := DecodeTCVN3(known[0].in, false); got != known[0].want {
		t.Errorf("DecodeTCVN3(%q) = %q", known[0].in, got)
	}
	if got := DecodeVNI(known[1].in); got != known[1].want {
		t.Errorf("DecodeVNI(%q) = %q", known[1].in, got)
	}
}

// encodeTCVN3Mixed encodes text in the ordinary (non-capitals) font: ASCII
// and the seven coded capitals keep their case; a toned capital cannot be
// typed there, so sentences used with it must not contain one.
func encodeTCVN3Mixed(t *testing.T, s string) string {
	t.Helper()
	var b strings.Builder
	for _, r := range s {
		if r < 0x80 {
			b.WriteRune(r)
			continue
		}
		c, ok := tcvn3Enc[r]
		if !ok {
			if unicode.IsLetter(r) {
				t.Fatalf("no TCVN3 code for %q in the ordinary font", r)
			}
			c = r // cp1252 punctuation such as "–" stays
		}
		b.WriteRune(c)
	}
	return b.String()
}

func TestDecodeKeepsOtherCharacters(t *testing.T) {
	// Bytes outside the ABC repertoire, cp1252 punctuation, invalid UTF-8.
	if got := DecodeTCVN3("“a” – € ° ± ¿ ÿ", false); got != "“a” – € ° ± ¿ ÿ" {
		t.Errorf("DecodeTCVN3 changed non-letters: %q", got)
	}
	if got := DecodeVNI("â x ù ê"); got != "â x ù ê" {
		t.Errorf("DecodeVNI changed stray marks: %q", got)
	}
	if got := DecodeVNI("uâ eê"); got != "uâ eê" {
		t.Errorf("DecodeVNI combined inapplicable marks: %q", got)
	}
	if got := DecodeVNI("Ñaûng"); got != "Đảng" {
		t.Errorf("DecodeVNI title case: %q", got)
	}
	for _, f := range []func(string) string{func(s string) string { return DecodeTCVN3(s, true) }, DecodeVNI} {
		if got := f("a\xffb"); got != "A\uFFFDB" && got != "a\uFFFDb" {
			t.Errorf("invalid UTF-8 not replaced: %q", got)
		}
	}
}

func TestEncodingString(t *testing.T) {
	for e, want := range map[Encoding]string{None: "None", TCVN3: "TCVN3", VNI: "VNI-Windows", Encoding(7): "Encoding(7)", Encoding(-3): "Encoding(-3)"} {
		if got := e.String(); got != want {
			t.Errorf("%d.String() = %q, want %q", int(e), got, want)
		}
	}
}

func TestDetectLegacy(t *testing.T) {
	tests := []struct {
		name, in, font string
		want           Encoding
	}{
		// TCVN3 without a font.
		{"tcvn3 company", "Tæng c«ng ty B\u00adu ®iÖn ViÖt Nam", "", TCVN3},
		{"tcvn3 spec", "Tæng c«ng ty", "", TCVN3},
		{"tcvn3 party", "§¶ng ñy Khèi", "", TCVN3},
		{"tcvn3 agreement", "Tháa thuËn hîp t¸c", "", TCVN3},
		{"tcvn3 one word", "Kh«ng", "", TCVN3},
		{"tcvn3 capitals", "§¶NG ñY KHèI", "", TCVN3},
		{"tcvn3 abbreviation", "Q§-TTg", "", TCVN3},
		{"tcvn3 place", "Hµ Néi", "", TCVN3},
		{"tcvn3 with western name", "C«ng ty Müller", "", TCVN3},
		// VNI without a font.
		{"vni company", "Toång coâng ty Böu ñieän Vieät Nam", "", VNI},
		{"vni spec", "Toång coâng ty", "", VNI},
		{"vni party", "Ñaûng uûy Khoái", "", VNI},
		{"vni agreement", "Thoûa thuaän hôïp taùc", "", VNI},
		{"vni one word", "Khoâng", "", VNI},
		{"vni yes", "Coù", "", VNI},
		{"vni capitals", "ÑAÛNG UÛY KHOÁI", "", VNI},
		// Not legacy.
		{"empty", "", "", None},
		{"ascii", "Tong cong ty 123", "", None},
		{"unicode", "Tổng công ty Bưu điện Việt Nam", "", None},
		{"unicode latin1 only", "Tây Ninh", "", None},
		{"unicode latin1 only 2", "Cà Mau, Bến Tre", "", None},
		{"unicode nfd", "Tho\u0309a thua\u0302\u0323n", "", None},
		{"cafe", "Café", "", None},
		{"naive", "naïve", "", None},
		{"euro", "€ 100", "", None},
		{"muller", "Müller", "", None},
		{"french", "Où est la gare? Hélène a déjà mangé", "", None},
		{"ou alone", "où", "", None},
		{"spanish", "José García, Señor Núñez, España", "", None},
		{"portuguese", "São Paulo, não", "", None},
		{"german", "Straße, schön, Bär, für, Öl", "", None},
		{"danish", "Søren Kierkegaard, Ø", "", None},
		{"section sign", "§ 5 Abs. 2", "", None},
		{"smart quotes", "“Hello” – ‘world’…", "", None},
		{"ambiguous TCVN3 yes", "Cã", "", None}, // "cã" is itself a plausible syllable
		{"french very early", "très tôt", "", None},
		// Font hints.
		{"vntime", "Tæng c«ng ty", ".VnTime", TCVN3},
		{"vntimeh lower codes", "tæng c«ng ty", ".VnTimeH", TCVN3},
		{"vntimeh ascii lower", "ha noi", ".VnTimeH", TCVN3},
		{"vntimeh ascii upper", "HA NOI", ".VnTimeH", None},
		{"vntime ambiguous", "Cã", ".VnTime", TCVN3},
		{"vntime ascii", "Ha Noi", ".VnTime", None},
		{"vntime but unicode", "Tổng công ty", ".VnTime", None},
		{"vnarial", "Tæng c«ng ty", ".VnArial", TCVN3},
		{"vni font", "Khoái", "VNI-Times", VNI},
		{"vni font ascii", "Ha Noi", "VNI-Times", None},
		{"vni font unicode", "Tổng công ty", "VNI-Helve", None},
		{"other font", "Café", "Times New Roman", None},
		{"other font tcvn3", "Tæng c«ng ty", "Arial", TCVN3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DetectLegacy(tt.in, tt.font); got != tt.want {
				t.Errorf("DetectLegacy(%q, %q) = %v, want %v (tcvn3 %+v, vni %+v)", tt.in, tt.font, got, tt.want,
					scoreTokens(tt.in, TCVN3), scoreTokens(tt.in, VNI))
			}
		})
	}
}

func TestRepair(t *testing.T) {
	tests := []struct {
		in, font, want string
		enc            Encoding
	}{
		{"Tæng c«ng ty B\u00adu ®iÖn ViÖt Nam", "", "Tổng công ty Bưu điện Việt Nam", TCVN3},
		{"Toång coâng ty Böu ñieän Vieät Nam", "", "Tổng công ty Bưu điện Việt Nam", VNI},
		{"§¶ng ñy Khèi", "", "Đảng ủy Khối", TCVN3},
		{"Ñaûng uûy Khoái", "", "Đảng ủy Khối", VNI},
		{"Tháa thuËn hîp t¸c", "", "Thỏa thuận hợp tác", TCVN3},
		{"Thoûa thuaän hôïp taùc", "", "Thỏa thuận hợp tác", VNI},
		{"§¶NG ñY KHèI", "", "ĐẢNG ỦY KHỐI", TCVN3},
		{"®¶ng ñy khèi", ".VnTimeH", "ĐẢNG ỦY KHỐI", TCVN3},
		{"§¶ng ñy Khèi", ".VnTime", "Đảng ủy Khối", TCVN3},
		{"Khoái", "VNI-Times", "Khối", VNI},
		{"Tổng công ty", "", "Tổng công ty", None},
		{"Café", "", "Café", None},
		{"Tổng công ty", ".VnTime", "Tổng công ty", None},
	}
	for _, tt := range tests {
		got, enc := Repair(tt.in, tt.font)
		if got != tt.want || enc != tt.enc {
			t.Errorf("Repair(%q, %q) = %q, %v; want %q, %v", tt.in, tt.font, got, enc, tt.want, tt.enc)
		}
	}
}

func TestFontHint(t *testing.T) {
	tests := []struct {
		font     string
		enc      Encoding
		capitals bool
	}{
		{".VnTime", TCVN3, false},
		{".VnTimeH", TCVN3, true},
		{".VnArialH", TCVN3, true},
		{".vnarial", TCVN3, false},
		{" .VnCentury Schoolbook ", TCVN3, false},
		{"VNI-Times", VNI, false},
		{"vni-helve", VNI, false},
		{"VNI", None, false},
		{"Times New Roman", None, false},
		{"", None, false},
	}
	for _, tt := range tests {
		enc, caps := fontHint(tt.font)
		if enc != tt.enc || caps != tt.capitals {
			t.Errorf("fontHint(%q) = %v, %v; want %v, %v", tt.font, enc, caps, tt.enc, tt.capitals)
		}
	}
}

// glibcTCVN5712 is glibc iconv TCVN5712-1 → UTF-8 for bytes 0xA0..0xFF,
// dumped once at development time (iconv is not run by the tests).
var glibcTCVN5712 = [256]rune{
	0xA0: 0x00A0,
	0xA1: 0x0102,
	0xA2: 0x00C2,
	0xA3: 0x00CA,
	0xA4: 0x00D4,
	0xA5: 0x01A0,
	0xA6: 0x01AF,
	0xA7: 0x0110,
	0xA8: 0x0103,
	0xA9: 0x00E2,
	0xAA: 0x00EA,
	0xAB: 0x00F4,
	0xAC: 0x01A1,
	0xAD: 0x01B0,
	0xAE: 0x0111,
	0xAF: 0x1EB0,
	0xB0: 0x0300,
	0xB1: 0x0309,
	0xB2: 0x0303,
	0xB3: 0x0301,
	0xB4: 0x0323,
	0xB5: 0x00E0,
	0xB6: 0x1EA3,
	0xB7: 0x00E3,
	0xB8: 0x00E1,
	0xB9: 0x1EA1,
	0xBA: 0x1EB2,
	0xBB: 0x1EB1,
	0xBC: 0x1EB3,
	0xBD: 0x1EB5,
	0xBE: 0x1EAF,
	0xBF: 0x1EB4,
	0xC0: 0x1EAE,
	0xC1: 0x1EA6,
	0xC2: 0x1EA8,
	0xC3: 0x1EAA,
	0xC4: 0x1EA4,
	0xC5: 0x1EC0,
	0xC6: 0x1EB7,
	0xC7: 0x1EA7,
	0xC8: 0x1EA9,
	0xC9: 0x1EAB,
	0xCA: 0x1EA5,
	0xCB: 0x1EAD,
	0xCC: 0x00E8,
	0xCD: 0x1EC2,
	0xCE: 0x1EBB,
	0xCF: 0x1EBD,
	0xD0: 0x00E9,
	0xD1: 0x1EB9,
	0xD2: 0x1EC1,
	0xD3: 0x1EC3,
	0xD4: 0x1EC5,
	0xD5: 0x1EBF,
	0xD6: 0x1EC7,
	0xD7: 0x00EC,
	0xD8: 0x1EC9,
	0xD9: 0x1EC4,
	0xDA: 0x1EBE,
	0xDB: 0x1ED2,
	0xDC: 0x0129,
	0xDD: 0x00ED,
	0xDE: 0x1ECB,
	0xDF: 0x00F2,
	0xE0: 0x1ED4,
	0xE1: 0x1ECF,
	0xE2: 0x00F5,
	0xE3: 0x00F3,
	0xE4: 0x1ECD,
	0xE5: 0x1ED3,
	0xE6: 0x1ED5,
	0xE7: 0x1ED7,
	0xE8: 0x1ED1,
	0xE9: 0x1ED9,
	0xEA: 0x1EDD,
	0xEB: 0x1EDF,
	0xEC: 0x1EE1,
	0xED: 0x1EDB,
	0xEE: 0x1EE3,
	0xEF: 0x00F9,
	0xF0: 0x1ED6,
	0xF1: 0x1EE7,
	0xF2: 0x0169,
	0xF3: 0x00FA,
	0xF4: 0x1EE5,
	0xF5: 0x1EEB,
	0xF6: 0x1EED,
	0xF7: 0x1EEF,
	0xF8: 0x1EE9,
	0xF9: 0x1EF1,
	0xFA: 0x1EF3,
	0xFB: 0x1EF7,
	0xFC: 0x1EF9,
	0xFD: 0x00FD,
	0xFE: 0x1EF5,
	0xFF: 0x1ED0,
}

func TestMatchLegacy(t *testing.T) {
	yesNo := []string{"Có", "Không"}
	rating := []string{"Tốt", "Đạt", "Chưa đạt"}
	tests := []struct {
		s       string
		want    []string
		idx     int
		enc     Encoding
		comment string
	}{
		{"Cã", yesNo, 0, TCVN3, "TCVN3 Có, undetectable alone"},
		{"Coù", yesNo, 0, VNI, ""},
		{"Kh«ng", yesNo, 1, TCVN3, ""},
		{"KH«NG", yesNo, 1, TCVN3, "capitals font typed with caps lock"},
		{"Khoâng", yesNo, 1, VNI, ""},
		{"Toát", rating, 0, VNI, "VNI Tốt, undetectable alone"},
		{"Ch\u00ada ®¹t", rating, 2, TCVN3, ""},
		{"Có", yesNo, -1, None, "Unicode matches itself"},
		{"Co", yesNo, -1, None, "ASCII"},
		{"Cá", yesNo, -1, None, "no reading matches"},
		{"Cã", nil, -1, None, "nothing expected"},
		{"Cộng", yesNo, -1, None, "Unicode beyond cp1252"},
		{"a\xff", yesNo, -1, None, "invalid UTF-8"},
	}
	for _, tt := range tests {
		idx, enc := MatchLegacy(tt.s, tt.want)
		if idx != tt.idx || enc != tt.enc {
			t.Errorf("MatchLegacy(%q, %q) = %d, %v; want %d, %v (%s)", tt.s, tt.want, idx, enc, tt.idx, tt.enc, tt.comment)
		}
	}
}

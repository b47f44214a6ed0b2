package vntext

import "unicode"

// Tone indices used throughout the package. The order is the conventional
// Vietnamese order of the five marked tones after the level tone.
const (
	toneNone  = 0 // ngang (level)
	toneGrave = 1 // huyền
	toneAcute = 2 // sắc
	toneHook  = 3 // hỏi
	toneTilde = 4 // ngã
	toneDot   = 5 // nặng
)

// vowelRows lists the 12 Vietnamese vowel letters (lower case) with their
// five toned forms, in the tone order above. 12 × 6 = 72 letters, 60 of which
// carry a tone; together with đ and the 7 non-ASCII untoned letters (ă â ê ô
// ơ ư and đ) they make the 67 non-ASCII lower-case Vietnamese letters.
var vowelRows = [12]string{
	"aàáảãạ",
	"ăằắẳẵặ",
	"âầấẩẫậ",
	"eèéẻẽẹ",
	"êềếểễệ",
	"iìíỉĩị",
	"oòóỏõọ",
	"ôồốổỗộ",
	"ơờớởỡợ",
	"uùúủũụ",
	"ưừứửữự",
	"yỳýỷỹỵ",
}

// Row indices into vowelRows.
const (
	rowA = iota
	rowAbreve
	rowAcirc
	rowE
	rowEcirc
	rowI
	rowO
	rowOcirc
	rowOhorn
	rowU
	rowUhorn
	rowY
)

// vowelGrid is vowelRows as runes; vowelInfo maps every lower-case vowel
// letter (toned or not) to its row and tone.
var (
	vowelGrid [12][6]rune
	vowelInfo = map[rune]vowelPos{}
)

type vowelPos struct {
	row, tone uint8
}

func init() {
	for i, row := range vowelRows {
		j := 0
		for _, r := range row {
			vowelGrid[i][j] = r
			vowelInfo[r] = vowelPos{uint8(i), uint8(j)}
			j++
		}
	}
}

// vowelOf reports the row and tone of a lower-case vowel letter.
func vowelOf(r rune) (row, tone int, ok bool) {
	if r < 'a' {
		return 0, 0, false
	}
	p, ok := vowelInfo[r]
	return int(p.row), int(p.tone), ok
}

// compose returns the vowel of the given row with the given tone, upper-cased
// when upper is true.
func compose(row, tone int, upper bool) rune {
	r := vowelGrid[row][tone]
	if upper {
		r = unicode.ToUpper(r)
	}
	return r
}

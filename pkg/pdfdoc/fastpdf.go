package pdfdoc

import (
	"math"
	"strconv"
	"unicode/utf8"
)

// A large report draws hundreds of thousands of strings and cell borders. fpdf's Text
// formats each with fmt, converts and escapes it in four passes and records every rune in
// a map (for the font subset); Rect formats through temporary strings. fastText and
// fastRect write exactly the bytes fpdf would write (TestFastPathSameBytes compares
// them), through fpdf's RawWriteStr:
//
//   - fastText leaves to fpdf.Text every string with a rune the current font has not been
//     given yet (so the font subset records the same runes in the same order), a rune
//     outside the BMP or invalid UTF-8, and coordinates that are not finite;
//   - the text colour wrapping ("q <colour> … Q", which fpdf adds when the fill and text
//     colours differ) is reproduced from the colours fpdf reports.

// fastPath is false only in tests that compare with fpdf's own calls.
var fastPath = true

// fastState is the fast path's memory of one rendering.
type fastState struct {
	seen [4]*coverage // runes given to fpdf.Text, per font style ("", "B", "I", "BI")
	buf  []byte
}

func styleIndex(s string) int {
	switch s {
	case "B":
		return 1
	case "I":
		return 2
	case "BI":
		return 3
	}
	return 0
}

// fastText draws s like r.pdf.Text(x, y, s) in the current font (r.curFS).
func (r *renderer) fastText(x, y float64, s string) {
	fs := &r.fast
	si := styleIndex(r.curFS)
	seen := fs.seen[si]
	if seen == nil {
		seen = &coverage{}
		fs.seen[si] = seen
	}
	k := r.pdf.GetConversionRatio()
	_, h := r.pdf.GetPageSize()
	px, py := x*k, (h-y)*k
	slow := !fastPath || math.IsInf(px, 0) || math.IsNaN(px) || math.IsInf(py, 0) || math.IsNaN(py)
	for i := 0; i < len(s) && !slow; {
		c, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if c >= 0x10000 || c == utf8.RuneError && n == 1 || !seen.has(c) {
			slow = true
		}
	}
	if slow {
		r.pdf.Text(x, y, s)
		for _, c := range s {
			if c >= 0 && c < 0x10000 {
				seen.add(uint32(c))
			}
		}
		return
	}
	b := fs.buf[:0]
	fr, fg, fb := r.pdf.GetFillColor()
	tr, tg, tb := r.pdf.GetTextColor()
	wrap := fr != tr || fg != tg || fb != tb
	if wrap {
		b = append(b, "q "...)
		b = appendColor(b, tr, tg, tb)
		b = append(b, ' ')
	}
	b = append(b, "BT "...)
	b = strconv.AppendFloat(b, px, 'f', 2, 64)
	b = append(b, ' ')
	b = strconv.AppendFloat(b, py, 'f', 2, 64)
	b = append(b, " Td ("...)
	for _, c := range s { // UTF-16BE, escaped as fpdf escapes
		b = appendEscaped(b, byte(c>>8))
		b = appendEscaped(b, byte(c))
	}
	b = append(b, ") Tj ET"...)
	if wrap {
		b = append(b, " Q"...)
	}
	fs.buf = b
	r.pdf.RawWriteStr(string(b))
}

func appendEscaped(b []byte, c byte) []byte {
	switch c {
	case '\\', '(', ')':
		return append(b, '\\', c)
	case '\r':
		return append(b, '\\', 'r')
	}
	return append(b, c)
}

// appendColor appends a fill or text colour as fpdf writes it ("0.000 g" for grey,
// "r g b rg" otherwise); the components are in 0–255 as fpdf reports them.
func appendColor(b []byte, r, g, bl int) []byte {
	fr, fg, fb := float64(r)/255.0, float64(g)/255.0, float64(bl)/255.0
	if r == g && fr == fb {
		b = strconv.AppendFloat(b, fr, 'f', 3, 64)
		return append(b, " g"...)
	}
	b = strconv.AppendFloat(b, fr, 'f', 3, 64)
	b = append(b, ' ')
	b = strconv.AppendFloat(b, fg, 'f', 3, 64)
	b = append(b, ' ')
	b = strconv.AppendFloat(b, fb, 'f', 3, 64)
	return append(b, " rg"...)
}

// fastRect draws like r.pdf.Rect(x, y, w, h, style) for style "D" or "FD".
func (r *renderer) fastRect(x, y, w, h float64, style string) {
	op := ""
	switch {
	case !fastPath:
	case style == "D":
		op = "S"
	case style == "FD":
		op = "B"
	}
	k := r.pdf.GetConversionRatio()
	_, ph := r.pdf.GetPageSize()
	v := [4]float64{x * k, (ph - y) * k, w * k, -h * k}
	for _, f := range v {
		if math.IsInf(f, 0) || math.IsNaN(f) {
			op = ""
		}
	}
	if op == "" {
		r.pdf.Rect(x, y, w, h, style)
		return
	}
	b := r.fast.buf[:0]
	for i, f := range v {
		if i > 0 {
			b = append(b, ' ')
		}
		b = strconv.AppendFloat(b, f, 'f', 2, 64)
	}
	b = append(b, " re "...)
	b = append(b, op...)
	r.fast.buf = b
	r.pdf.RawWriteStr(string(b))
}

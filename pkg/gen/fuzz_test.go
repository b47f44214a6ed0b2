package gen

import (
	"bytes"
	"strconv"
	"testing"
	"unicode/utf8"

	"github.com/vdhv/vdhv/pkg/vntext"
)

// parseSheet never panics, and a sheet it accepts renders back byte for byte when nothing
// is filled in.
func FuzzParseSheet(f *testing.F) {
	f.Add([]byte(`<worksheet><sheetData><row r="1"><c r="A1" s="1" t="s"><v>0</v></c></row><row r="3" ht="60" customHeight="true"><c r="B3" s="7"></c><c r="C3"/></row><row r="4"/></sheetData></worksheet>`))
	f.Add([]byte(`<sheetData></sheetData>`))
	f.Add([]byte(`<sheetData><row r="x"></row></sheetData>`))
	f.Add([]byte(`<sheetData><row r="2"><c r="1A"></c></row></sheetData>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		sx, err := parseSheet(data)
		if err != nil {
			return
		}
		var b bytes.Buffer
		sx.render(&b, grid{}, nil, nil)
		if !bytes.Equal(data, b.Bytes()) {
			t.Fatalf("render changed the sheet:\n%q\n%q", data, b.Bytes())
		}
		// Filling a cell keeps the sheet parseable.
		b.Reset()
		g := grid{}
		g.text(2, 3, "Công ty <A&B>")
		g.num(5, 1, "12.5")
		sx.render(&b, g, nil, map[int]float64{2: 30})
		if _, err := parseSheet(b.Bytes()); err != nil {
			t.Fatalf("filled sheet does not parse: %v\n%q", err, b.Bytes())
		}
	})
}

func FuzzSplitRef(f *testing.F) {
	for _, s := range []string{"A1", "AB12", "XFD1048576", "", "1A", "A", "a1", "A-1", "ZZZZZZZZZZZZZZ1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, ref string) {
		col, row, err := splitRef(ref)
		if err != nil {
			return
		}
		if col <= 0 || col > 1<<20 {
			if len(ref) < 6 {
				t.Fatalf("%q: column %d", ref, col)
			}
			return
		}
		if canon := colLetters(col) + strconv.Itoa(row); canon != ref {
			// Accepted non-canonical spellings: leading zeros, a sign.
			c2, r2, err := splitRef(canon)
			if err != nil || c2 != col || r2 != row {
				t.Fatalf("%q → (%d, %d) → %q → (%d, %d, %v)", ref, col, row, canon, c2, r2, err)
			}
		}
	})
}

func FuzzEncodeTCVN3(f *testing.F) {
	for _, s := range []string{"Tổng công ty", "Lương thực Miền Bắc", "Đảng bộ", "ABC", "Ổn"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		enc, err := encodeTCVN3(s)
		if err != nil {
			return
		}
		if back := vntext.DecodeTCVN3(enc, false); back != vntext.NFC(s) {
			t.Fatalf("%q → %q → %q", s, enc, back)
		}
	})
}

package gen

import (
	"bytes"
	"slices"
	"strconv"
	"testing"
	"unicode/utf8"

	"github.com/vdhv/vdhv/pkg/vntext"
)

// parseSheet never panics; a sheet it accepts is rewritten the way Excel saves it (shared
// strings renumbered in order of first use, empty cells self-closing, spans) into a sheet
// that parses and that the same rewriting leaves unchanged.
func FuzzParseSheet(f *testing.F) {
	f.Add([]byte(`<worksheet><sheetData><row r="1"><c r="A1" s="1" t="s"><v>3</v></c></row><row r="3" ht="60" customHeight="true"><c r="B3" s="7"></c><c r="C3"/><c r="D3" t="s"><v>0</v></c><c r="E3" t="s"><v>3</v></c></row><row r="4"/></sheetData></worksheet>`))
	f.Add([]byte(`<sheetData></sheetData>`))
	f.Add([]byte(`<sheetData><row r="x"></row></sheetData>`))
	f.Add([]byte(`<sheetData><row r="2"><c r="1A"></c></row></sheetData>`))
	f.Add([]byte(`<sheetData><row r="20" spans="2:3"><c r="B20" t="s"><v>12</v></c></row></sheetData>`))
	tmplStrings := []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"}
	rewrite := func(data []byte, strs []string, g grid) ([]byte, []string, error) {
		sx, err := parseSheet(data)
		if err != nil {
			return nil, nil, err
		}
		t := &template{sst: strs}
		sx.bindStrings(len(strs), nil)
		var l layout
		sx.build(&l, g, nil, map[int]float64{2: 30}, nil)
		var s sstState
		s.reset(t, true)
		var b bytes.Buffer
		l.emit(&b, &s)
		var used []string
		for _, p := range s.order {
			if p.tid >= 0 {
				used = append(used, strs[p.tid])
			} else {
				used = append(used, p.text)
			}
		}
		return b.Bytes(), used, nil
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		once, used, err := rewrite(data, tmplStrings, nil)
		if err != nil {
			return
		}
		twice, used2, err := rewrite(once, used, nil)
		if err != nil {
			t.Fatalf("rewritten sheet does not parse: %v\n%q", err, once)
		}
		if !bytes.Equal(once, twice) || !slices.Equal(used, used2) {
			t.Fatalf("rewriting again changed the sheet:\n%q\n%q\n%q\n%q", once, twice, used, used2)
		}
		// Filling cells keeps the sheet parseable.
		g := grid{}
		g.text(2, 3, "Công ty <A&B>")
		g.text(3, 1, "c")
		g.num(5, 1, "12.5")
		filled, _, err := rewrite(data, tmplStrings, g)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := parseSheet(filled); err != nil {
			t.Fatalf("filled sheet does not parse: %v\n%q", err, filled)
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

package xlsxread

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// sstOf opens a workbook holding the given sharedStrings.xml.
func sstOf(t testing.TB, sst string, lim Limits) *Workbook {
	t.Helper()
	wb, err := OpenBytes(storedZip(t,
		part{"xl/workbook.xml", `<workbook><sheets><sheet name="A" r:id="r1"/></sheets></workbook>`},
		part{"xl/_rels/workbook.xml.rels", `<Relationships><Relationship Id="r1" Type="/worksheet" Target="s.xml"/><Relationship Id="r3" Type="/sharedStrings" Target="ss.xml"/></Relationships>`},
		part{"xl/s.xml", ws("")},
		part{"xl/ss.xml", sst},
	), lim)
	if err != nil {
		t.Fatal(err)
	}
	return wb
}

// lazyGet asks the lazy table for the indices in order and returns the answers.
func lazyGet(t testing.TB, wb *Workbook, order []int) ([]string, []bool, error) {
	t.Helper()
	sst, err := wb.sharedStrings()
	if err != nil {
		return nil, nil, err
	}
	vals := make([]string, len(order))
	oks := make([]bool, len(order))
	for k, i := range order {
		v, ok, err := sst.get(i)
		if err != nil {
			return nil, nil, err
		}
		vals[k], oks[k] = v, ok
	}
	return vals, oks, nil
}

func orders(n int) map[string][]int {
	asc, desc, mixed := []int{}, []int{}, []int{}
	for i := 0; i <= n; i++ { // n itself is out of range
		asc = append(asc, i)
		desc = append(desc, n-i)
	}
	for i := 0; i <= n; i += 2 {
		mixed = append(mixed, i)
	}
	for i := 1; i <= n; i += 2 {
		mixed = append(mixed, i)
	}
	return map[string][]int{"ascending": asc, "descending": desc, "odd after even": mixed, "last only": {n - 1}}
}

// TestLazySSTMatchesEager: the lazy table gives what parsing the whole table gives, for
// the layouts Excel, LibreOffice, the OpenXML SDK and hand-made files use.
func TestLazySSTMatchesEager(t *testing.T) {
	many := strings.Repeat(`<si><t>Công ty cổ phần Tập đoàn Gạch men Minh Quang</t></si><si><t xml:space="preserve"> x </t></si>`, 3000)
	for _, tc := range []struct{ name, sst string }{
		{"plain", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3"><si><t>Có</t></si><si><t>Không</t></si><si><t>Đang thực hiện</t></si></sst>`},
		{"preserve and empty", `<sst><si><t xml:space="preserve">  a  </t></si><si><t/></si><si/><si></si><si><t></t></si></sst>`},
		{"entities and escapes", `<sst><si><t>a &amp; b &lt;si&gt; &#x1EA1;</t></si><si><t>x_x000D_y_x005F_x0041_</t></si><si><t>line1` + "\r\n" + `line2` + "\r" + `z</t></si></sst>`},
		{"rich text and phonetic", `<sst><si><r><rPr><b/></rPr><t>Tập </t></r><r><t xml:space="preserve">đoàn</t></r><rPh sb="0" eb="1"><t>ignored</t></rPh><phoneticPr fontId="1"/></si><si><t>b</t><rPh><t>no</t></rPh></si></sst>`},
		{"white space between", "<sst>\n  <si>\n    <t>a</t>\n  </si>\n  <si><t>b</t></si>\n</sst>\n"},
		{"prefixed (OpenXML SDK)", `<x:sst xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:si><x:t>a</x:t></x:si><x:si><x:r><x:t>b</x:t></x:r></x:si></x:sst>`},
		{"byte order mark", "\xEF\xBB\xBF<sst><si><t>a</t></si></sst>"},
		{"comment (fallback)", `<sst><si><t>a</t></si><!-- <si><t>no</t></si> --><si><t>b</t></si></sst>`},
		{"CDATA (fallback)", `<sst><si><t><![CDATA[<si>]]></t></si><si><t>b</t></si></sst>`},
		{"prefixed children of a plain root (fallback)", `<sst xmlns:x="urn:x"><x:si><x:t>a</x:t></x:si></sst>`},
		{"other elements", `<sst><si><t>a</t></si><sig/><si><t>b</t></si><extLst><ext><t>no</t></ext></extLst></sst>`},
		{"invalid UTF-8", "<sst><si><t>a\xFFb</t></si><si><r><t>\xC3</t></r></si></sst>"},
		{"empty table", `<sst count="0" uniqueCount="0"/>`},
		{"many (several chunks)", `<sst>` + many + `</sst>`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wb := sstOf(t, tc.sst, Limits{})
			defer wb.Close()
			eager, err := wb.readEagerSST()
			if err != nil {
				t.Fatalf("eager: %v", err)
			}
			n := len(eager.off) - 1
			for name, order := range orders(n) {
				wb := sstOf(t, tc.sst, Limits{})
				vals, oks, err := lazyGet(t, wb, order)
				wb.Close()
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				for k, i := range order {
					want, wantOK := eager.get(i)
					if vals[k] != want || oks[k] != wantOK {
						t.Fatalf("%s: string %d = %q, %v; whole table gives %q, %v", name, i, vals[k], oks[k], want, wantOK)
					}
				}
			}
		})
	}
}

// TestLazySSTReadsOnlyWhatIsNeeded: a string near the start of a large table does not
// inflate the rest of it.
func TestLazySSTReadsOnlyWhatIsNeeded(t *testing.T) {
	body := strings.Repeat(`<si><t>Danh mục đơn vị của khối, mã và tên</t></si>`, 20000) // ~1 MB
	wb := sstOf(t, `<sst><si><t>first</t></si>`+body+`</sst>`, Limits{})
	defer wb.Close()
	vals, _, err := lazyGet(t, wb, []int{0, 1})
	if err != nil || vals[0] != "first" {
		t.Fatalf("got %q, %v", vals, err)
	}
	if wb.total > 200<<10 {
		t.Errorf("inflated %d bytes of a %d-byte table to read two strings", wb.total, len(body))
	}
	if _, _, err := lazyGet(t, wb, []int{20000}); err != nil {
		t.Fatal(err)
	}
	if wb.total < int64(len(body)) {
		t.Errorf("inflated %d bytes, want the whole table (%d) for the last string", wb.total, len(body))
	}
}

// TestLazySSTLimits: the limits hold as far as the table is read.
func TestLazySSTLimits(t *testing.T) {
	long := `<sst><si><t>a</t></si><si><t>` + strings.Repeat("x", 5000) + `</t></si><si><t>c</t></si></sst>`
	for _, tc := range []struct {
		name  string
		sst   string
		lim   Limits
		index int
		what  string // "" = no error
	}{
		{"short string before a long one", long, Limits{MaxCellBytes: 100}, 0, ""},
		{"the long one", long, Limits{MaxCellBytes: 100}, 1, "cell"},
		{"the long one, rich text", `<sst><si><r><t>` + strings.Repeat("x", 5000) + `</t></r></si></sst>`, Limits{MaxCellBytes: 100}, 0, "cell"},
		{"count within the limit", long, Limits{MaxSharedStrings: 3}, 2, ""},
		{"count beyond the limit", long, Limits{MaxSharedStrings: 2}, 1, "sharedStrings"},
		{"unterminated huge string", `<sst><si><t>` + strings.Repeat("y", 600<<10), Limits{MaxCellBytes: 1000}, 0, "cell"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wb := sstOf(t, tc.sst, tc.lim)
			defer wb.Close()
			_, _, err := lazyGet(t, wb, []int{tc.index})
			var le *LimitError
			switch {
			case tc.what == "" && err != nil:
				t.Fatal(err)
			case tc.what != "" && (!asLimit(err, &le) || le.What != tc.what):
				t.Fatalf("err = %v, want limit %s", err, tc.what)
			}
			if tc.what != "" { // sticky
				if _, _, err2 := lazyGet(t, wb, []int{0}); err2 == nil {
					t.Error("error not sticky")
				}
			}
		})
	}
}

func asLimit(err error, le **LimitError) bool {
	if err == nil {
		return false
	}
	l, ok := err.(*LimitError)
	*le = l
	return ok
}

// FuzzLazySST: wherever parsing the whole table succeeds and the byte search sees the same
// entries (not so for a <si> nested in another, which is not SpreadsheetML), the lazy table
// answers the same, in any order.
func FuzzLazySST(f *testing.F) {
	f.Add(`<sst><si><t>a</t></si><si><r><t>b</t></r><rPh><t>c</t></rPh></si></sst>`, uint8(0))
	f.Add(`<x:sst><x:si><x:t xml:space="preserve"> a&amp;b_x000D_</x:t></x:si></x:sst>`, uint8(1))
	f.Add("<sst>\n<si><t>a\r\nb</t></si><!--c--><si/></sst>", uint8(2))
	f.Fuzz(func(t *testing.T, sst string, seed uint8) {
		lim := Limits{MaxCellBytes: 64, MaxSharedStrings: 50}
		wb := sstOf(t, sst, lim)
		eager, err := wb.readEagerSST()
		wb.Close()
		if err != nil {
			return
		}
		n := len(eager.off) - 1
		for i := 0; i < n; i++ {
			if v, _ := eager.get(i); !utf8.ValidString(v) {
				return // an invalid sequence split across two strings: replaced differently
			}
		}
		// How many entries does the byte search see?
		wb = sstOf(t, sst, lim)
		if _, _, err := lazyGet(t, wb, []int{1 << 20}); err != nil {
			wb.Close()
			return
		}
		seen := len(wb.sst.starts)
		if wb.sst.eager != nil {
			seen = len(wb.sst.eager.off) - 1
		}
		wb.Close()
		if seen != n {
			return
		}
		order := make([]int, 0, n+1)
		for i := 0; i <= n; i++ {
			order = append(order, (i*int(seed|1))%(n+1))
		}
		wb = sstOf(t, sst, lim)
		defer wb.Close()
		vals, oks, err := lazyGet(t, wb, order)
		if err != nil {
			t.Fatalf("lazy: %v (whole table: ok)", err)
		}
		for k, i := range order {
			want, wantOK := eager.get(i)
			if vals[k] != want || oks[k] != wantOK {
				t.Fatalf("string %d = %q, %v; whole table %q, %v", i, vals[k], oks[k], want, wantOK)
			}
		}
	})
}

package xlsxread

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// storedZip is makeZip without compression, so that fuzzing mutates XML.
func storedZip(t testing.TB, parts ...part) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(p.body))
	}
	zw.Close()
	return buf.Bytes()
}

var fuzzLimits = Limits{MaxPartBytes: 4 << 20, MaxTotalBytes: 16 << 20, MaxRows: 1000, MaxCols: 50, MaxCellBytes: 1024, MaxSharedStrings: 1000}

// checkWorkbook reads everything and checks the API's invariants.
func checkWorkbook(t *testing.T, wb *Workbook, lim Limits) {
	lim = lim.withDefaults()
	for _, s := range wb.Sheets() {
		last := 0
		err := wb.Rows(s.Name, func(r Row) error {
			if r.Num <= last || r.Num > lim.MaxRows {
				t.Fatalf("row %d after %d", r.Num, last)
			}
			last = r.Num
			if len(r.Cells) == 0 {
				t.Fatalf("row %d without cells", r.Num)
			}
			prev := 0
			for _, c := range r.Cells {
				if c.Col <= prev || c.Col > lim.MaxCols {
					t.Fatalf("row %d: column %d after %d", r.Num, c.Col, prev)
				}
				prev = c.Col
				if c.Type == CellEmpty || (!c.HasValue && (c.Value != "" || c.Formula == "")) {
					t.Fatalf("%s: inconsistent cell %+v", c.Ref(r.Num), c)
				}
				if !utf8.ValidString(c.Value) || !utf8.ValidString(c.Formula) {
					t.Fatalf("%s: invalid UTF-8", c.Ref(r.Num))
				}
				if len(c.Value) > lim.MaxCellBytes || len(c.Formula) > lim.MaxCellBytes {
					t.Fatalf("%s: %d bytes", c.Ref(r.Num), len(c.Value))
				}
				wb.IsDateStyle(c.Style)
				wb.FontName(c.Style)
			}
			return nil
		})
		if err == nil {
			if _, err := wb.MergedCells(s.Name); err != nil {
				t.Fatalf("MergedCells after a successful Rows: %v", err)
			}
		} else if err.Error() == "" {
			t.Fatal("empty error")
		}
	}
}

func FuzzOpenBytes(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(hostileDir, "*"))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil && len(b) < 64<<10 {
			f.Add(b)
		}
	}
	f.Add(buildValid(f))
	f.Add(typicalWorkbook(f))
	f.Add(storedZip(f, plainWorkbook()...))
	f.Add(storedZip(f,
		part{"xl/workbook.xml", `<workbook><workbookPr date1904="1"/><sheets><sheet name="A" state="hidden" r:id="r1"/></sheets></workbook>`},
		part{"xl/_rels/workbook.xml.rels", `<Relationships><Relationship Id="r1" Type="/worksheet" Target="s.xml"/><Relationship Id="r2" Type="/styles" Target="/xl/st.xml"/><Relationship Id="r3" Type="/sharedStrings" Target="ss.xml"/></Relationships>`},
		part{"xl/s.xml", ws(`<row><c t="s" s="1"><v>0</v></c><c><f t="shared" si="0">A1</f><v>1</v></c><c t="inlineStr"><is><r><t>x</t></r></is></c></row>`) + `<mergeCells><mergeCell ref="A1:B1"/></mergeCells>`},
		part{"xl/st.xml", `<styleSheet><numFmts><numFmt numFmtId="164" formatCode="dd/mm"/></numFmts><fonts><font><name val=".VnTime"/></font></fonts><cellXfs><xf/><xf numFmtId="164" fontId="0"/></cellXfs></styleSheet>`},
		part{"xl/ss.xml", `<sst><si><t>a_x000D_</t><rPh><t>b</t></rPh></si></sst>`},
	))
	f.Fuzz(func(t *testing.T, data []byte) {
		tm := time.AfterFunc(10*time.Second, func() { panic(fmt.Sprintf("SLOW %q", data)) })
		defer tm.Stop()
		k := Sniff(bytes.NewReader(data), int64(len(data)))
		wb, err := OpenBytes(data, fuzzLimits)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error")
			}
			if fe, ok := err.(*FormatError); ok && fe.Kind != k && fe.Kind != KindXLSX && k != KindXLSX {
				t.Fatalf("OpenBytes says %v, Sniff says %v", fe.Kind, k)
			}
			return
		}
		defer wb.Close()
		if k != KindXLSX {
			t.Fatalf("opened, but Sniff says %v", k)
		}
		checkWorkbook(t, wb, fuzzLimits)
	})
}

// FuzzSheetParts puts fuzzed XML in the sheet, shared strings and styles
// parts of an otherwise valid workbook.
func FuzzSheetParts(f *testing.F) {
	f.Add(ws(`<row r="1"><c r="A1" t="s" s="1"><v>0</v></c><c r="B1"><f>A1</f><v>2</v></c></row><row><c t="inlineStr"><is><t>x</t><rPh><t>y</t></rPh></is></c></row>`),
		`<sst><si><t>a</t></si><si><r><t>b</t></r></si></sst>`,
		`<styleSheet><numFmts><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><fonts><font><name val=".VnTime"/></font></fonts><cellXfs><xf/><xf numFmtId="164" fontId="0"/></cellXfs></styleSheet>`)
	f.Add(ws(`<row><c><f t="shared" si="0" ref="A1:A2">1+1</f></c></row><row><c><f t="shared" si="0"/><v>2</v></c><c t="b"><v>true</v></c><c t="e"><v>#N/A</v></c><c t="d"><v>2025-01-01</v></c></row>`), ``, ``)
	f.Add(`<worksheet><sheetData><row><c t="str"><v>&#x41;&amp;<![CDATA[x]]>_x0041_</v></c></row></sheetData><mergeCells><mergeCell ref="A1:B2"/></mergeCells></worksheet>`, `<sst/>`, `<styleSheet/>`)
	f.Fuzz(func(t *testing.T, sheet, sst, styles string) {
		tm := time.AfterFunc(10*time.Second, func() { panic(fmt.Sprintf("SLOW %q %q %q", sheet, sst, styles)) })
		defer tm.Stop()
		parts := []part{
			{"xl/workbook.xml", `<workbook><sheets><sheet name="A" r:id="r1"/></sheets></workbook>`},
			{"xl/_rels/workbook.xml.rels", `<Relationships><Relationship Id="r1" Type="/worksheet" Target="s.xml"/><Relationship Id="r2" Type="/styles" Target="st.xml"/><Relationship Id="r3" Type="/sharedStrings" Target="ss.xml"/></Relationships>`},
			{"xl/s.xml", sheet},
		}
		if sst != "" {
			parts = append(parts, part{"xl/ss.xml", sst})
		}
		if styles != "" {
			parts = append(parts, part{"xl/st.xml", styles})
		}
		wb, err := OpenBytes(storedZip(t, parts...), fuzzLimits)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "xlsxread: ") {
				t.Fatalf("unexpected error type %T %v", err, err)
			}
			return
		}
		defer wb.Close()
		checkWorkbook(t, wb, fuzzLimits)
	})
}

func FuzzParseRef(f *testing.F) {
	for _, s := range []string{"A1", "xfd1048576", "AA", "A0", "ZZZZ1", "A01"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		col, row, ok := parseRef([]byte(s))
		if !ok {
			return
		}
		if col < 1 || col > maxExcelCols || row < 0 || row > maxExcelRows {
			t.Fatalf("parseRef(%q) = %d, %d", s, col, row)
		}
		if row > 0 {
			c2, r2, ok2 := parseRef([]byte(CellName(col, row)))
			if !ok2 || c2 != col || r2 != row {
				t.Fatalf("round trip of %q via %q failed", s, CellName(col, row))
			}
		}
	})
}

func FuzzIsDateFormatCode(f *testing.F) {
	for _, s := range []string{"dd/mm/yyyy", `"d"0`, "[h]:mm", "[Red]0", `0\d`, "General", "_d*m"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, code string) {
		got := isDateFormatCode(code)
		// Adding quoted text never turns a format into a date format.
		if isDateFormatCode(code+`"dmyhs"`) != got && !strings.ContainsAny(code, `"\_*[`) {
			t.Fatalf("quoted suffix changed %q", code)
		}
	})
}

package xlsxread

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

func buildValid(t testing.TB) []byte {
	return excelizeBytes(t, func(f *excelize.File) {
		must := func(err error) {
			if err != nil {
				t.Fatal(err)
			}
		}
		must(f.SetSheetName("Sheet1", "Thông tin"))
		must(f.SetCellValue("Thông tin", "A1", "Mã đơn vị"))
		must(f.SetCellValue("Thông tin", "B1", "DV001"))
		must(f.SetCellValue("Thông tin", "A2", "Số"))
		must(f.SetCellValue("Thông tin", "B2", 45123.5))
		must(f.SetCellValue("Thông tin", "C2", 12))
		must(f.SetCellValue("Thông tin", "D2", true))
		must(f.SetCellValue("Thông tin", "E2", "R&D <x> \"q\""))
		dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
		must(err)
		must(f.SetCellValue("Thông tin", "B3", time.Date(2025, 4, 15, 0, 0, 0, 0, time.UTC)))
		must(f.SetCellStyle("Thông tin", "B3", "B3", dateStyle))
		custom := "dd/mm/yyyy"
		cs, err := f.NewStyle(&excelize.Style{CustomNumFmt: &custom, Font: &excelize.Font{Family: ".VnTime"}})
		must(err)
		must(f.SetCellValue("Thông tin", "C3", 45000))
		must(f.SetCellStyle("Thông tin", "C3", "C3", cs))
		must(f.SetCellValue("Thông tin", "AD7", "far"))
		_, err = f.NewSheet("Ẩn")
		must(err)
		must(f.SetSheetVisible("Ẩn", false))
		must(f.SetCellValue("Ẩn", "A1", "hidden text"))
		_, err = f.NewSheet("Rất ẩn")
		must(err)
		must(f.SetSheetVisible("Rất ẩn", false, true))
		must(f.MergeCell("Thông tin", "A5", "C6"))
	})
}

func TestReadExcelizeWorkbook(t *testing.T) {
	data := buildValid(t)
	wb := mustOpen(t, data)
	wantSheets := []SheetInfo{{"Thông tin", Visible}, {"Ẩn", Hidden}, {"Rất ẩn", VeryHidden}}
	if got := wb.Sheets(); !reflect.DeepEqual(got, wantSheets) {
		t.Fatalf("Sheets = %v, want %v", got, wantSheets)
	}
	if wb.Date1904() {
		t.Error("Date1904 = true")
	}
	cells := dumpSheet(t, wb, "Thông tin")
	got := map[string]cellDump{}
	for _, c := range cells {
		got[c.Ref] = c
	}
	want := []struct {
		ref   string
		typ   CellType
		value string
	}{
		{"A1", CellString, "Mã đơn vị"},
		{"B1", CellString, "DV001"},
		{"A2", CellString, "Số"},
		{"B2", CellNumber, "45123.5"},
		{"C2", CellNumber, "12"},
		{"D2", CellBool, "1"},
		{"E2", CellString, `R&D <x> "q"`},
		{"B3", CellNumber, "45762"},
		{"C3", CellNumber, "45000"},
		{"AD7", CellString, "far"},
	}
	if len(cells) != len(want) {
		t.Errorf("got %d cells, want %d: %v", len(cells), len(want), cells)
	}
	for _, w := range want {
		c, ok := got[w.ref]
		if !ok {
			t.Errorf("missing cell %s", w.ref)
			continue
		}
		if c.Type != w.typ || c.Value != w.value || !c.HasValue || c.Formula != "" {
			t.Errorf("%s = %v, want %v %q", w.ref, c, w.typ, w.value)
		}
	}
	if !wb.IsDateStyle(got["B3"].Style) {
		t.Errorf("B3 style %d not a date style", got["B3"].Style)
	}
	if !wb.IsDateStyle(got["C3"].Style) {
		t.Errorf("C3 style %d (custom dd/mm/yyyy) not a date style", got["C3"].Style)
	}
	if wb.IsDateStyle(got["B2"].Style) {
		t.Errorf("B2 style %d is a date style", got["B2"].Style)
	}
	if f := wb.FontName(got["C3"].Style); f != ".VnTime" {
		t.Errorf("FontName(C3) = %q", f)
	}
	if f := wb.FontName(got["A1"].Style); f != "Calibri" {
		t.Errorf("FontName(A1) = %q, want Calibri (excelize default)", f)
	}
	if wb.FontName(-1) != "" || wb.FontName(1e6) != "" || wb.IsDateStyle(1e6) {
		t.Error("out of range style not handled")
	}
	m, err := wb.MergedCells("Thông tin")
	if err != nil || !reflect.DeepEqual(m, []string{"A5:C6"}) {
		t.Errorf("MergedCells = %v, %v", m, err)
	}
	hidden := dumpSheet(t, wb, "Ẩn")
	if len(hidden) != 1 || hidden[0].Value != "hidden text" {
		t.Errorf("hidden sheet = %v", hidden)
	}
	if c := dumpSheet(t, wb, "Rất ẩn"); len(c) != 0 {
		t.Errorf("empty sheet = %v", c)
	}
	if err := wb.Rows("nope", func(Row) error { return nil }); !errors.Is(err, ErrNoSheet) {
		t.Errorf("Rows(nope) = %v", err)
	}
	if _, err := wb.MergedCells("nope"); !errors.Is(err, ErrNoSheet) {
		t.Errorf("MergedCells(nope) = %v", err)
	}
}

// TestAgainstExcelize cross-checks every cell with excelize's raw values.
func TestAgainstExcelize(t *testing.T) {
	data := buildValid(t)
	wb := mustOpen(t, data)
	xf, err := excelize.OpenReader(strings.NewReader(string(data)))
	if err != nil {
		t.Fatal(err)
	}
	defer xf.Close()
	for _, s := range wb.Sheets() {
		for _, c := range dumpSheet(t, wb, s.Name) {
			want, err := xf.GetCellValue(s.Name, c.Ref, excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			if c.Value != want {
				t.Errorf("%s!%s = %q, excelize says %q", s.Name, c.Ref, c.Value, want)
			}
		}
	}
}

func TestRowsStopsOnCallbackError(t *testing.T) {
	wb := mustOpen(t, buildValid(t))
	sentinel := &LimitError{What: "mine"}
	n := 0
	err := wb.Rows("Thông tin", func(r Row) error {
		n++
		return sentinel
	})
	if err != sentinel || n != 1 || sentinel.Part != "" {
		t.Fatalf("err = %v (n=%d), want the callback's error unchanged", err, n)
	}
	// merges are not cached after an interrupted pass, but still found.
	m, err := wb.MergedCells("Thông tin")
	if err != nil || len(m) != 1 {
		t.Errorf("MergedCells = %v, %v", m, err)
	}
}

func TestOpenFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.bin") // the name must not matter
	if err := os.WriteFile(p, buildValid(t), 0o644); err != nil {
		t.Fatal(err)
	}
	wb, err := Open(p, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if len(wb.Sheets()) != 3 {
		t.Errorf("sheets = %v", wb.Sheets())
	}
	if err := wb.Close(); err != nil {
		t.Fatal(err)
	}
	if err := wb.Rows("Thông tin", func(Row) error { return nil }); !errors.Is(err, ErrClosed) {
		t.Errorf("Rows after Close = %v", err)
	}
	if _, err := Open(filepath.Join(dir, "missing.xlsx"), Limits{}); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Open(missing) = %v", err)
	}
	_, err = Open(p, Limits{MaxFileBytes: 100})
	var le *LimitError
	if !errors.As(err, &le) || le.What != "file" || le.Limit != 100 {
		t.Errorf("Open with MaxFileBytes=100: %v", err)
	}
	// non-regular file: size unknown from Stat
	if _, err := os.Stat("/dev/zero"); err == nil {
		_, err = Open("/dev/zero", Limits{MaxFileBytes: 1 << 16})
		if !errors.As(err, &le) || le.What != "file" {
			t.Errorf("Open(/dev/zero) = %v", err)
		}
	}
}

func TestFormulas(t *testing.T) {
	sheet := ws(`<row r="1"><c r="A1"><v>2</v></c><c r="B1"><v>3</v></c>` +
		`<c r="C1"><f>A1+B1</f><v>5</v></c>` + // cached
		`<c r="D1"><f>A1*B1</f></c>` + // no cached value
		`<c r="E1" t="str"><f>"x"&amp;A1</f><v>x2</v></c>` +
		`<c r="F1" t="str"><f>"y"&amp;A1</f></c>` +
		`<c r="G1" t="b"><f>A1&gt;B1</f><v>0</v></c>` +
		`<c r="H1" t="e"><f>1/0</f><v>#DIV/0!</v></c>` +
		`<c r="I1" t="str"><f>""</f><v></v></c>` +
		`</row>` +
		`<row r="2"><c r="A2"><f t="shared" ref="A2:C2" si="0">A1*10</f><v>20</v></c>` +
		`<c r="B2"><f t="shared" si="0"/><v>30</v></c><c r="C2"><f t="shared" si="0"/></c>` +
		`<c r="D2"><f t="array" ref="D2">SUM(A1:B1*2)</f><v>10</v></c></row>`)
	wb := mustOpen(t, miniXLSX(t, "", "", sheetSpec{name: "F", xml: sheet}))
	got := dumpSheet(t, wb, "F")
	want := []cellDump{
		{"A1", CellNumber, "2", "", false, true, 0},
		{"B1", CellNumber, "3", "", false, true, 0},
		{"C1", CellNumber, "5", "A1+B1", false, true, 0},
		{"D1", CellNumber, "", "A1*B1", false, false, 0},
		{"E1", CellString, "x2", `"x"&A1`, false, true, 0},
		{"F1", CellString, "", `"y"&A1`, false, false, 0},
		{"G1", CellBool, "0", "A1>B1", false, true, 0},
		{"H1", CellError, "#DIV/0!", "1/0", false, true, 0},
		{"I1", CellString, "", `""`, false, true, 0},
		{"A2", CellNumber, "20", "A1*10", true, true, 0},
		{"B2", CellNumber, "30", "A1*10", true, true, 0},
		{"C2", CellNumber, "", "A1*10", true, false, 0},
		{"D2", CellNumber, "10", "SUM(A1:B1*2)", false, true, 0},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%v\nwant\n%v", got, want)
	}
	for _, tc := range []struct{ ref, want string }{{"D1", "6"}, {"F1", "y2"}, {"C1", "5"}} {
		v, err := wb.Calc("F", tc.ref)
		if err != nil || v != tc.want {
			t.Errorf("Calc(%s) = %q, %v; want %q", tc.ref, v, err, tc.want)
		}
	}
	if _, err := wb.Calc("nope", "A1"); !errors.Is(err, ErrNoSheet) {
		t.Errorf("Calc(nope) = %v", err)
	}
	if _, err := wb.Calc("F", "not a ref"); err == nil {
		t.Error("Calc(bad ref) = nil error")
	}
	if err := wb.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := wb.Calc("F", "D1"); !errors.Is(err, ErrClosed) {
		t.Errorf("Calc after Close = %v", err)
	}
}

// TestExcelizeFormulaStripped writes formulas with excelize, computes the
// cached values with a first pass, and strips <v> from one of them.
func TestExcelizeFormulaStripped(t *testing.T) {
	data := excelizeBytes(t, func(f *excelize.File) {
		f.SetCellValue("Sheet1", "A1", 4)
		f.SetCellValue("Sheet1", "A2", 6)
		f.SetCellFormula("Sheet1", "A3", "SUM(A1:A2)")
		f.SetCellFormula("Sheet1", "A4", "A3*2")
	})
	// excelize writes no cached value; add one for A3 like Excel would.
	data = rewriteZip(t, data, func(name string, b []byte) []byte {
		if name != "xl/worksheets/sheet1.xml" {
			return b
		}
		s := regexp.MustCompile(`<v>[^<]*</v>`).ReplaceAllString(string(b), "")
		s = regexp.MustCompile(`(<c r="A1"[^>]*>)`).ReplaceAllString(s, "$1<v>4</v>")
		s = regexp.MustCompile(`(<c r="A2"[^>]*>)`).ReplaceAllString(s, "$1<v>6</v>")
		s = strings.Replace(s, "<f>SUM(A1:A2)</f>", "<f>SUM(A1:A2)</f><v>10</v>", 1)
		return []byte(s)
	})
	wb := mustOpen(t, data)
	cells := dumpSheet(t, wb, "Sheet1")
	if len(cells) != 4 {
		t.Fatalf("cells = %v", cells)
	}
	if c := cells[2]; c.Formula != "SUM(A1:A2)" || !c.HasValue || c.Value != "10" {
		t.Errorf("A3 = %v", c)
	}
	c := cells[3]
	if c.Formula != "A3*2" || c.HasValue {
		t.Fatalf("A4 = %v", c)
	}
	v, err := wb.Calc("Sheet1", "A4")
	if err != nil || v != "20" {
		t.Errorf("Calc(A4) = %q, %v", v, err)
	}
}

func TestStrings(t *testing.T) {
	sst := `<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="5" uniqueCount="5">
<si><t>plain</t></si>
<si><r><rPr><b/><rFont val=".VnTime"/></rPr><t>Tæng </t></r><r><t xml:space="preserve">c«ng ty </t></r><rPh sb="0" eb="1"><t>IGNORED</t></rPh></si>
<si><t>line1_x000D_
line2 _x005F_x0041_ _x0041_ _xD83D__xDE00_</t></si>
<si><t/></si>
<si><t>a&amp;b &#x1EA0;&#7841; <![CDATA[<raw>&amp;]]><!-- c --></t></si>
</sst>`
	sheet := ws(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v> 1 </v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c></row>` +
		`<row r="2"><c r="A2" t="inlineStr"><is><t>inline</t></is></c>` +
		`<c r="B2" t="inlineStr"><is><r><t>rich </t></r><r><rPr><i/></rPr><t>inline</t></r><rPh><t>no</t></rPh></is></c>` +
		`<c r="C2" t="inlineStr"><is><t xml:space="preserve">  spaced  </t></is></c>` +
		`<c r="D2" t="inlineStr"><is><t></t></is></c>` +
		`<c r="E2" t="d"><v>2025-04-15T00:00:00</v></c>` +
		`<c r="F2" t="n"><v>
 1.5E-3 </v></c>` +
		`<c r="G2" t="b"><v>true</v></c>` +
		`<c r="H2" t="inlineStr"><is><t>a&#13;&#10;b
c</t></is></c>` +
		`</row>`)
	wb := mustOpen(t, miniXLSX(t, sst, "", sheetSpec{name: "S", xml: sheet}))
	got := dumpSheet(t, wb, "S")
	want := []cellDump{
		{"A1", CellString, "plain", "", false, true, 0},
		{"B1", CellString, "Tæng c«ng ty ", "", false, true, 0},
		{"C1", CellString, "line1\r\nline2 _x0041_ A 😀", "", false, true, 0},
		{"E1", CellString, "a&b Ạạ <raw>&amp;", "", false, true, 0},
		{"A2", CellString, "inline", "", false, true, 0},
		{"B2", CellString, "rich inline", "", false, true, 0},
		{"C2", CellString, "  spaced  ", "", false, true, 0},
		{"E2", CellDate, "2025-04-15T00:00:00", "", false, true, 0},
		{"F2", CellNumber, "1.5E-3", "", false, true, 0},
		{"G2", CellBool, "1", "", false, true, 0},
		{"H2", CellString, "a\r\nb\nc", "", false, true, 0},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%v\nwant\n%v", got, want)
	}
}

// TestQuirks covers what LibreOffice, the OpenXML SDK and other writers do.
func TestQuirks(t *testing.T) {
	t.Run("no r attributes", func(t *testing.T) {
		sheet := ws(`<row><c><v>1</v></c><c><v>2</v></c><c r="E1"><v>5</v></c><c><v>6</v></c></row>` +
			`<row/><row><c t="inlineStr"><is><t>x</t></is></c></row>` +
			`<row r="7"><c><v>7</v></c></row><row><c r="C9"><v>9</v></c></row>`)
		wb := mustOpen(t, miniXLSX(t, "", "", sheetSpec{name: "L", xml: sheet}))
		var refs []string
		for _, c := range dumpSheet(t, wb, "L") {
			refs = append(refs, c.Ref+"="+c.Value)
		}
		want := "A1=1 B1=2 E1=5 F1=6 A3=x A7=7 C9=9"
		if strings.Join(refs, " ") != want {
			t.Errorf("got %v, want %v", refs, want)
		}
	})
	t.Run("prefixes and absolute targets", func(t *testing.T) {
		data := makeZip(t,
			part{"[Content_Types].xml", ctXML},
			part{"_rels/.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="a" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/xl/workbook.xml"/></Relationships>`},
			part{"xl/workbook.xml", `<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:rel="` + relNS + `"><x:workbookPr date1904="true"/><x:sheets><x:sheet name="R&amp;D &#x110;" sheetId="1" rel:id="s1"/></x:sheets></x:workbook>`},
			part{"xl/_rels/workbook.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="s1" Type="` + relNS + `/worksheet" Target="/xl/worksheets/../worksheets/Sheet1.xml"/><Relationship Id="ext" Type="` + relNS + `/hyperlink" Target="http://x" TargetMode="External"/></Relationships>`},
			part{`xl\worksheets\sheet1.xml`, `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row x:r="1"><x:c r="B1" t="inlineStr"><x:is><x:t>ok</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>`},
		)
		wb := mustOpen(t, data)
		if s := wb.Sheets(); len(s) != 1 || s[0].Name != "R&D Đ" {
			t.Fatalf("Sheets = %v", s)
		}
		if !wb.Date1904() {
			t.Error("Date1904 = false")
		}
		got := dumpSheet(t, wb, "R&D Đ")
		if len(got) != 1 || got[0].Ref != "B1" || got[0].Value != "ok" {
			t.Errorf("got %v", got)
		}
	})
	t.Run("BOM comments PIs and empty cells", func(t *testing.T) {
		sheet := "\xEF\xBB\xBF" + `<?xml version="1.0"?><!-- c --><worksheet><?pi x?><dimension ref="A1:C3"/><sheetViews><sheetView/></sheetViews>` +
			`<sheetData><row r="1" spans="1:3"><c r="A1" s="3"/><c r="B1" s="2"><v></v></c><c r="C1" t="s"><v/></c></row>` +
			`<row r="2"><c r="A2"><!-- x --><v>4<!-- y -->2</v></c></row></sheetData>` +
			`<mergeCells count="2"><mergeCell ref="A1:B1"/><mergeCell ref="A3:C3"/></mergeCells></worksheet>`
		wb := mustOpen(t, miniXLSX(t, "", "", sheetSpec{name: "B", xml: sheet}))
		got := dumpSheet(t, wb, "B")
		if len(got) != 1 || got[0].Ref != "A2" || got[0].Value != "42" {
			t.Errorf("got %v", got)
		}
		m, err := wb.MergedCells("B")
		if err != nil || !reflect.DeepEqual(m, []string{"A1:B1", "A3:C3"}) {
			t.Errorf("MergedCells = %v, %v", m, err)
		}
	})
	t.Run("no styles no sst no rels", func(t *testing.T) {
		data := makeZip(t,
			part{"xl/workbook.xml", `<workbook><sheets><sheet name="A" r:id="rId1"/></sheets></workbook>`},
			part{"xl/_rels/workbook.xml.rels", `<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`},
			part{"xl/worksheets/sheet1.xml", ws(`<row r="1"><c r="A1" s="5"><v>1</v></c></row>`)},
		)
		wb := mustOpen(t, data)
		got := dumpSheet(t, wb, "A")
		if len(got) != 1 || got[0].Style != 5 || wb.IsDateStyle(5) || wb.FontName(5) != "" {
			t.Errorf("got %v", got)
		}
	})
	t.Run("sheet without relationship", func(t *testing.T) {
		data := makeZip(t,
			part{"xl/workbook.xml", `<workbook><sheets><sheet name="A" r:id="rId9"/></sheets></workbook>`},
		)
		wb := mustOpen(t, data)
		var fe *FormatError
		if err := wb.Rows("A", func(Row) error { return nil }); !errors.As(err, &fe) || fe.Kind != KindXLSX {
			t.Errorf("Rows = %v", err)
		}
	})
}

func TestStyles(t *testing.T) {
	styles := `<styleSheet><numFmts count="3"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="#,##0.000"/><numFmt numFmtId="166" formatCode="&quot;Ngày&quot; 0"/><numFmt numFmtId="14" formatCode="0.00"/></numFmts>` +
		`<fonts count="2"><font><sz val="11"/><name val="Times New Roman"/></font><font><name val=".VnTimeH"/></font></fonts>` +
		`<cellStyleXfs><xf numFmtId="22" fontId="1"/></cellStyleXfs>` +
		`<cellXfs count="7"><xf numFmtId="0" fontId="0"/><xf numFmtId="164" fontId="1"/><xf numFmtId="165"/><xf numFmtId="166" fontId="0"/><xf numFmtId="22" fontId="7"/><xf numFmtId="14"/><xf numFmtId="47" fontId="1"/></cellXfs>` +
		`<dxfs><dxf><font><name val="Dxf"/></font></dxf></dxfs></styleSheet>`
	wb := mustOpen(t, miniXLSX(t, "", styles, sheetSpec{name: "A", xml: ws("")}))
	wantDate := []bool{false, true, false, false, true, false, true}
	wantFont := []string{"Times New Roman", ".VnTimeH", "", "Times New Roman", "", "", ".VnTimeH"}
	for i := range wantDate {
		if wb.IsDateStyle(i) != wantDate[i] {
			t.Errorf("IsDateStyle(%d) = %v", i, !wantDate[i])
		}
		if wb.FontName(i) != wantFont[i] {
			t.Errorf("FontName(%d) = %q, want %q", i, wb.FontName(i), wantFont[i])
		}
	}
	if wb.IsDateStyle(7) || wb.FontName(7) != "" {
		t.Error("style 7 does not exist")
	}
}

func TestIsDateFormatCode(t *testing.T) {
	for _, tc := range []struct {
		code string
		want bool
	}{
		{"General", false},
		{"general", false},
		{"0.00", false},
		{"#,##0", false},
		{"0.00E+00", false},
		{"@", false},
		{`"Ngày" 0`, false},
		{`0 "m2"`, false},
		{`0\d`, false},
		{"0_m", false},
		{"*m0", false},
		{"[Red]0;[Blue]-0", false},
		{"[$-409]#,##0", false},
		{"[$$-409]#,##0.00", false},
		{"dd/mm/yyyy", true},
		{"d-mmm-yy", true},
		{"DD/MM/YYYY", true},
		{"yyyy", true},
		{"h:mm AM/PM", true},
		{"mm:ss.0", true},
		{"[h]", true},
		{"[mm]", true},
		{"[h]:mm:ss", true},
		{"[$-F800]dddd, mmmm dd, yyyy", true},
		{`"d"0`, false},
		{`"unterminated`, false},
		{"[unterminated", false},
		{"", false},
	} {
		if got := isDateFormatCode(tc.code); got != tc.want {
			t.Errorf("isDateFormatCode(%q) = %v", tc.code, got)
		}
	}
	for id := 0; id < 200; id++ {
		want := (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58)
		if isBuiltinDateFormat(id) != want {
			t.Errorf("isBuiltinDateFormat(%d) = %v", id, !want)
		}
	}
}

func TestCellNames(t *testing.T) {
	for _, tc := range []struct {
		col, row int
		want     string
	}{
		{1, 1, "A1"}, {6, 7, "F7"}, {26, 1, "Z1"}, {27, 2, "AA2"}, {52, 3, "AZ3"}, {53, 3, "BA3"},
		{702, 1, "ZZ1"}, {703, 1, "AAA1"}, {16384, 1048576, "XFD1048576"}, {0, 1, ""}, {1, 0, ""}, {-3, 5, ""},
	} {
		if got := CellName(tc.col, tc.row); got != tc.want {
			t.Errorf("CellName(%d,%d) = %q, want %q", tc.col, tc.row, got, tc.want)
		}
		if tc.want == "" {
			continue
		}
		c, r, ok := parseRef([]byte(tc.want))
		if !ok || c != tc.col || r != tc.row {
			t.Errorf("parseRef(%q) = %d,%d,%v", tc.want, c, r, ok)
		}
		c, r, ok = parseRef([]byte(strings.ToLower(tc.want)))
		if !ok || c != tc.col || r != tc.row {
			t.Errorf("parseRef(lower %q) = %d,%d,%v", tc.want, c, r, ok)
		}
	}
	if ColumnLetter(0) != "" || ColumnLetter(28) != "AB" {
		t.Error("ColumnLetter")
	}
	for _, bad := range []string{"", "1", "A-1", "XFE1", "A1048577", "A1B", "$A$1", "Ä1"} {
		if _, _, ok := parseRef([]byte(bad)); ok {
			t.Errorf("parseRef(%q) ok", bad)
		}
	}
	if c, r, ok := parseRef([]byte("C")); !ok || c != 3 || r != 0 {
		t.Errorf("parseRef(C) = %d %d %v", c, r, ok)
	}
	if (Cell{Col: 6}).Ref(7) != "F7" {
		t.Error("Cell.Ref")
	}
}

func TestStringers(t *testing.T) {
	kinds := map[Kind]string{KindXLSX: "xlsx", KindXLS: "xls", KindEncrypted: "encrypted", KindXLSB: "xlsb", KindODS: "ods",
		KindZip: "zip", KindText: "text", KindEmpty: "empty", KindCorruptZip: "corrupt", KindUnknown: "unknown", Kind(99): "unknown"}
	for k, s := range kinds {
		if k.String() != s {
			t.Errorf("Kind(%d).String() = %q, want %q", int(k), k.String(), s)
		}
		if msg := (&FormatError{Kind: k, Detail: "d"}).Error(); !strings.HasPrefix(msg, "xlsxread: ") || !strings.HasSuffix(msg, ": d") {
			t.Errorf("FormatError(%v) = %q", k, msg)
		}
	}
	if Visible.String() != "visible" || Hidden.String() != "hidden" || VeryHidden.String() != "veryHidden" {
		t.Error("SheetState.String")
	}
	types := []string{"empty", "number", "string", "bool", "error", "date"}
	for i, s := range types {
		if CellType(i).String() != s {
			t.Errorf("CellType(%d) = %q", i, CellType(i).String())
		}
	}
	for _, what := range []string{"file", "part", "total", "rows", "cols", "cell", "sharedStrings", "depth", "parts", "other"} {
		e := &LimitError{What: what, Limit: 7, Part: "xl/p.xml", Sheet: "S", Cell: "B2"}
		msg := e.Error()
		if !strings.Contains(msg, "7") || !strings.Contains(msg, "xl/p.xml") || !strings.Contains(msg, `"S"`) || !strings.Contains(msg, "B2") {
			t.Errorf("LimitError(%s) = %q", what, msg)
		}
		e = &LimitError{What: what, Limit: 7, Sheet: "S", Cell: "B2"}
		if msg := e.Error(); !strings.Contains(msg, `"S"`) || !strings.Contains(msg, "B2") {
			t.Errorf("LimitError(%s) = %q", what, msg)
		}
	}
}

func TestStickyErrorsNameEachSheet(t *testing.T) {
	sheet := ws(`<row><c t="s"><v>0</v></c></row>`)
	data := miniXLSX(t, `<sst><si><t>a</t></si><si><t>b</t></si></sst>`, "", sheetSpec{name: "S1", xml: sheet}, sheetSpec{name: "S2", xml: sheet})
	wb, err := OpenBytes(data, Limits{MaxSharedStrings: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"S1", "S2", "S1"} {
		err := wb.Rows(name, nil) // nil callback is allowed
		var le *LimitError
		if !errors.As(err, &le) || le.What != "sharedStrings" || le.Sheet != name || le.Part != "xl/sharedStrings.xml" {
			t.Errorf("Rows(%s) = %#v", name, err)
		}
	}
}

func TestInvalidUTF8IsReplaced(t *testing.T) {
	styles := "<styleSheet><fonts><font><name val=\"a\xFFb\"/></font></fonts><cellXfs><xf fontId=\"0\"/></cellXfs></styleSheet>"
	sheet := "<worksheet><sheetData><row><c><f t=\"shared\" si=\"0\">A\xFE1</f><v>1</v></c><c><f t=\"shared\" si=\"0\"/><v>1</v></c><c t=\"s\"><v>0</v></c></row></sheetData>" +
		"<mergeCells><mergeCell ref=\"A1:\xFF\"/></mergeCells></worksheet>"
	data := miniXLSX(t, "<sst><si><t>x\xC3</t></si></sst>", styles, sheetSpec{name: "N\xFF", xml: sheet})
	wb := mustOpen(t, data)
	name := wb.Sheets()[0].Name
	if name != "N\uFFFD" {
		t.Errorf("sheet name %q", name)
	}
	if f := wb.FontName(0); f != "a?b" {
		t.Errorf("font %q", f)
	}
	cells := dumpSheet(t, wb, name)
	if len(cells) != 3 || cells[0].Formula != "A?1" || cells[1].Formula != "A?1" || cells[2].Value != "x?" {
		t.Errorf("cells %v", cells)
	}
	if m, err := wb.MergedCells(name); err != nil || len(m) != 1 || m[0] != "A1:?" {
		t.Errorf("merges %q %v", m, err)
	}
}

// TestExcelizeRichTextAndSharedFormula uses excelize's own writers for rich
// text and shared formulas.
func TestExcelizeRichTextAndSharedFormula(t *testing.T) {
	data := excelizeBytes(t, func(f *excelize.File) {
		if err := f.SetCellRichText("Sheet1", "A1", []excelize.RichTextRun{
			{Text: "Tæng ", Font: &excelize.Font{Family: ".VnTime", Bold: true}},
			{Text: "c«ng ty", Font: &excelize.Font{Italic: true}},
		}); err != nil {
			t.Fatal(err)
		}
		for i, v := range []int{1, 2, 3} {
			f.SetCellValue("Sheet1", CellName(i+2, 2), v)
			f.SetCellValue("Sheet1", CellName(i+2, 3), v*10)
		}
		typ, ref := excelize.STCellFormulaTypeShared, "B4:D4"
		if err := f.SetCellFormula("Sheet1", "B4", "B2+B3", excelize.FormulaOpts{Type: &typ, Ref: &ref}); err != nil {
			t.Fatal(err)
		}
	})
	wb := mustOpen(t, data)
	got := map[string]cellDump{}
	for _, c := range dumpSheet(t, wb, "Sheet1") {
		got[c.Ref] = c
	}
	if c := got["A1"]; c.Type != CellString || c.Value != "Tæng c«ng ty" {
		t.Errorf("A1 = %v", c)
	}
	for _, ref := range []string{"B4", "C4", "D4"} {
		c := got[ref]
		if c.Formula != "B2+B3" || !c.Shared || c.HasValue {
			t.Errorf("%s = %v", ref, c)
		}
	}
	for ref, want := range map[string]string{"B4": "11", "C4": "22", "D4": "33"} {
		if v, err := wb.Calc("Sheet1", ref); err != nil || v != want {
			t.Errorf("Calc(%s) = %q, %v; want %s", ref, v, err, want)
		}
	}
}

// TestEmptyRowsSkipped: rows of empty styled cells are skipped whole; the rows around them
// read as before, and an empty cell's reference is not checked.
func TestEmptyRowsSkipped(t *testing.T) {
	sheet := ws(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"/></row>` +
		`<row r="2" spans="1:3"><c r="A2" s="1"/><c r="B2" s="1"/><c r="C2" s="1"/></row>` +
		`<row r="3"><c r="A3" s="1"></c><c r="B3"><v>2.5</v></c></row>` +
		`<row r="4"><c r="C4" s="1"/><c r="A4" s="1"/></row>` + // out of order, but empty
		`<row r="5"><c r="A5"><v>5</v></c></row>`)
	wb := mustOpen(t, miniXLSX(t, `<sst><si><t>x</t></si></sst>`, "", sheetSpec{name: "S", xml: sheet}))
	var got []string
	for _, c := range dumpSheet(t, wb, "S") {
		got = append(got, c.String())
	}
	want := []string{
		`A1 string "x" f="" shared=false has=true s=0`,
		`B3 number "2.5" f="" shared=false has=true s=0`,
		`A5 number "5" f="" shared=false has=true s=0`,
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

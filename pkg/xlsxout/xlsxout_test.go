package xlsxout

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/vdhv/vdhv/pkg/pdfdoc"
	"github.com/xuri/excelize/v2"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (run with -update and review the diff); got:\n%s", path, got)
	}
}

func TestGoldenDump(t *testing.T) {
	data := write(t, sampleSheets(), Options{Created: stamp, Title: "Báo cáo 6 tháng"})
	golden(t, "sample.golden", dump(t, data))
}

func TestNumbersAreNumbers(t *testing.T) {
	f := open(t, write(t, sampleSheets(), Options{Created: stamp}))
	tests := []struct {
		cell, value, format string
	}{
		{"B6", "3", fmtInt},
		{"C6", "1234.5", fmtDecimal},
		{"C7", "1000", fmtInt}, // whole money: no trailing decimal point
		{"D6", "0.2066115702479339", fmtPercent},
		{"E6", "0.82", fmtPercent}, // KindNumber with "%" text: a share
		{"E7", "1234", fmtInt},
		{"E8", "0.125", fmtDecimal},
		{"B11", "12345678", fmtInt},
	}
	for _, tc := range tests {
		ct, err := f.GetCellType("Theo đơn vị", tc.cell)
		if err != nil {
			t.Fatal(err)
		}
		if ct != excelize.CellTypeUnset && ct != excelize.CellTypeNumber {
			t.Errorf("%s: type %v, want a number", tc.cell, ct)
		}
		v, _ := f.GetCellValue("Theo đơn vị", tc.cell, excelize.Options{RawCellValue: true})
		if v != tc.value {
			t.Errorf("%s = %q, want %q", tc.cell, v, tc.value)
		}
		sid, _ := f.GetCellStyle("Theo đơn vị", tc.cell)
		st, err := f.GetStyle(sid)
		if err != nil || st.CustomNumFmt == nil || *st.CustomNumFmt != tc.format {
			t.Errorf("%s: number format %v, want %q", tc.cell, st.CustomNumFmt, tc.format)
		}
	}
	// NoValue and NaN cells are text ("–", or the Text given), never numbers.
	for _, c := range []string{"D8", "E10", "E11"} {
		if ct, _ := f.GetCellType("Theo đơn vị", c); ct != excelize.CellTypeSharedString {
			t.Errorf("%s: type %v, want text", c, ct)
		}
	}
}

// TestFormulaLookingTextStaysText: text beginning with = + - @ is a string cell.
func TestFormulaLookingTextStaysText(t *testing.T) {
	data := write(t, sampleSheets(), Options{Created: stamp})
	f := open(t, data)
	tests := []struct{ sheet, cell, want string }{
		{"Theo đơn vị", "A7", "=1+2"},
		{"Theo đơn vị", "A8", "+84 912 345 678"},
		{"Theo đơn vị", "A9", "@SUM(A1:A3)"},
		{"Theo đơn vị", "A10", "-5"},
		{"Đối chiếu", "B3", `=HYPERLINK("http://x")`},
		{"Đối chiếu", "B4", "'quoted"},
		{"Đối chiếu", "C4", " khoảng trắng "},
		{"Biểu đồ", "A4", "=Đảng ủy B"},
	}
	for _, tc := range tests {
		if fm, _ := f.GetCellFormula(tc.sheet, tc.cell); fm != "" {
			t.Errorf("%s!%s has formula %q", tc.sheet, tc.cell, fm)
		}
		ct, _ := f.GetCellType(tc.sheet, tc.cell)
		if ct != excelize.CellTypeSharedString && ct != excelize.CellTypeInlineString {
			t.Errorf("%s!%s: type %v, want a string", tc.sheet, tc.cell, ct)
		}
		if v, _ := f.GetCellValue(tc.sheet, tc.cell); v != tc.want {
			t.Errorf("%s!%s = %q, want %q", tc.sheet, tc.cell, v, tc.want)
		}
	}
	for _, part := range zipNames(t, data) {
		if strings.HasPrefix(part, "xl/worksheets/") && strings.Contains(zipPart(t, data, part), "<f>") {
			t.Errorf("%s contains a formula", part)
		}
	}
}

func TestLayout(t *testing.T) {
	f := open(t, write(t, sampleSheets(), Options{Created: stamp}))
	const sh = "Theo đơn vị"
	// Rows: 1 title, 2 table title, 3 unit, 4–5 header, 6.. data.
	p, err := f.GetPanes(sh)
	if err != nil {
		t.Fatal(err)
	}
	if !p.Freeze || p.YSplit != 5 || p.TopLeftCell != "A6" {
		t.Errorf("panes = %+v, want frozen below row 5", p)
	}
	wantLevels := map[int]uint8{5: 0, 6: 0, 7: 1, 8: 1, 9: 1, 10: 2, 11: 0, 12: 0}
	for r, want := range wantLevels {
		if got, _ := f.GetRowOutlineLevel(sh, r); got != want {
			t.Errorf("row %d outline level %d, want %d", r, got, want)
		}
	}
	props, _ := f.GetSheetProps(sh)
	if props.OutlineSummaryBelow == nil || *props.OutlineSummaryBelow {
		t.Errorf("summary rows must be above their detail")
	}
	merges, _ := f.GetMergeCells(sh)
	var ms []string
	for _, m := range merges {
		ms = append(ms, m.GetStartAxis()+":"+m.GetEndAxis())
	}
	for _, want := range []string{"A4:A5", "B4:C4", "D4:E4", "A12:B12"} {
		if !strings.Contains(strings.Join(ms, " "), want) {
			t.Errorf("merge %s missing from %v", want, ms)
		}
	}
	// Header bold, filled, wrapped; subtotal and total bold.
	for _, c := range []string{"A4", "B5", "A6", "E6", "C12"} {
		sid, _ := f.GetCellStyle(sh, c)
		st, _ := f.GetStyle(sid)
		if st == nil || st.Font == nil || !st.Font.Bold {
			t.Errorf("%s is not bold", c)
		}
	}
	sid, _ := f.GetCellStyle(sh, "B4")
	if st, _ := f.GetStyle(sid); st == nil || !st.Alignment.WrapText || len(st.Fill.Color) == 0 {
		t.Errorf("header cell not wrapped and filled: %+v", st)
	}
	// The Level-1 unit names are indented.
	sid, _ = f.GetCellStyle(sh, "A7")
	if st, _ := f.GetStyle(sid); st == nil || st.Alignment.Indent != 1 {
		t.Errorf("A7 not indented")
	}
	// Column widths fit the content, within the caps.
	wa, _ := f.GetColWidth(sh, "A")
	wb, _ := f.GetColWidth(sh, "B")
	if wa < 16 || wa > maxColWidth || wb < minColWidth || wb > wa {
		t.Errorf("widths A=%v B=%v", wa, wb)
	}
}

func TestCharts(t *testing.T) {
	data := write(t, sampleSheets(), Options{Created: stamp})
	names := strings.Join(zipNames(t, data), " ")
	if !strings.Contains(names, "xl/charts/chart1.xml") || !strings.Contains(names, "xl/charts/chart2.xml") {
		t.Fatalf("charts missing: %s", names)
	}
	unq := strings.NewReplacer("&#39;", "'", "&quot;", `"`)
	share := unq.Replace(zipPart(t, data, "xl/charts/chart1.xml"))
	trend := unq.Replace(zipPart(t, data, "xl/charts/chart2.xml"))
	for _, want := range []string{"<barChart>", "<lineChart>", `'Biểu đồ'!$B$2`, `'Biểu đồ'!$A$3:$A$5`, `'Biểu đồ'!$B$3:$B$5`, `'Biểu đồ'!$C$3:$C$5`, `<a:prstDash val="dash">`} {
		if !strings.Contains(share, want) {
			t.Errorf("share chart lacks %s", want)
		}
	}
	if n := strings.Count(trend, "<valAx>"); n != 2 {
		t.Errorf("trend chart has %d value axes, want 2 (secondary axis)", n)
	}
	for _, want := range []string{"<barChart>", "<lineChart>", "Triệu đồng", "Thỏa thuận"} {
		if !strings.Contains(trend, want) {
			t.Errorf("trend chart lacks %s", want)
		}
	}
	// Both charts are drawn on the one "Biểu đồ" sheet, each referencing its own data.
	f := open(t, data)
	if got := strings.Join(f.GetSheetList(), "|"); got != "Theo đơn vị|Đối chiếu|Biểu đồ" {
		t.Errorf("sheets = %s", got)
	}
	re := regexp.MustCompile(`\$A\$(\d+):\$A\$(\d+)`)
	m := re.FindStringSubmatch(trend)
	if m == nil {
		t.Fatalf("trend categories not found")
	}
	if v, _ := f.GetCellValue("Biểu đồ", "A"+m[1]); v != "Quý I/2024" {
		t.Errorf("trend categories start at A%s = %q", m[1], v)
	}
	// Target column: constant, percent format.
	if v, _ := f.GetCellValue("Biểu đồ", "C5", excelize.Options{RawCellValue: true}); v != "0.8" {
		t.Errorf("target value = %q", v)
	}
	if v, _ := f.GetCellValue("Biểu đồ", "B4"); v != "" {
		t.Errorf("NaN written as %q, want blank", v)
	}
}

func TestDeterministic(t *testing.T) {
	a := write(t, sampleSheets(), Options{Created: stamp, Title: "T"})
	for i := 0; i < 3; i++ {
		if b := write(t, sampleSheets(), Options{Created: stamp, Title: "T"}); !bytes.Equal(a, b) {
			t.Fatalf("run %d: output differs", i)
		}
	}
	core := zipPart(t, a, "docProps/core.xml")
	if !strings.Contains(core, "2025-08-05T10:30:00Z") {
		t.Errorf("core.xml lacks the fixed date: %s", core)
	}
	// The zero time writes the epoch, never the clock.
	z := zipPart(t, write(t, sampleSheets(), Options{}), "docProps/core.xml")
	if !strings.Contains(z, "1970-01-01T00:00:00Z") || strings.Contains(z, time.Now().Format("2006-01-02")) {
		t.Errorf("zero Created: %s", z)
	}
}

func TestInvalidTables(t *testing.T) {
	bad := []struct {
		name string
		t    *pdfdoc.Table
	}{
		{"header overflow", &pdfdoc.Table{Columns: []pdfdoc.Column{{}, {}}, HeaderRows: [][]pdfdoc.HeaderCell{{{Text: "a", ColSpan: 3}}}}},
		{"header gap", &pdfdoc.Table{Columns: []pdfdoc.Column{{}, {}}, HeaderRows: [][]pdfdoc.HeaderCell{{{Text: "a"}}}}},
		{"rowspan overflow", &pdfdoc.Table{Columns: []pdfdoc.Column{{}}, HeaderRows: [][]pdfdoc.HeaderCell{{{Text: "a", RowSpan: 2}}}}},
		{"too many cells", &pdfdoc.Table{Columns: []pdfdoc.Column{{}}, Rows: []pdfdoc.TableRow{{Cells: []pdfdoc.Cell{txt("a"), txt("b")}}}}},
		{"span too wide", &pdfdoc.Table{Columns: []pdfdoc.Column{{}, {}}, Rows: []pdfdoc.TableRow{{Cells: []pdfdoc.Cell{{Text: "a", Span: 2}, txt("b")}}}}},
	}
	for _, tc := range bad {
		var b bytes.Buffer
		err := Write(&b, []Sheet{{Name: "x", Table: tc.t}}, Options{})
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("%s: err = %v, want *Error", tc.name, err)
			continue
		}
		if b.Len() != 0 {
			t.Errorf("%s: bytes written despite the error", tc.name)
		}
		if !strings.Contains(e.Localized("vi"), "bảng") || !strings.Contains(e.Error(), "table") {
			t.Errorf("%s: messages %q / %q", tc.name, e.Error(), e.Localized("vi"))
		}
	}
	// Fewer cells than columns, huge spans and levels, empty tables and charts are fine.
	ok := []Sheet{
		{Name: "a", Table: &pdfdoc.Table{Columns: []pdfdoc.Column{{}, {Kind: pdfdoc.KindMoney}}, Rows: []pdfdoc.TableRow{{Cells: []pdfdoc.Cell{txt("a")}, Level: 40}, {Cells: []pdfdoc.Cell{{Text: "x", Span: 2}}, Level: -1}}}},
		{Name: "b", Table: &pdfdoc.Table{}},
		{Name: "c", Chart: &pdfdoc.Chart{Title: "trống"}},
		{Name: "d", Chart: &pdfdoc.Chart{Categories: []string{"a"}, Series: []pdfdoc.Series{{Type: pdfdoc.SeriesLine, Axis: pdfdoc.AxisRight, Values: nil}}}},
		{Name: "e"},
	}
	data := write(t, ok, Options{Lang: "en"})
	f := open(t, data)
	if got := len(f.GetSheetList()); got != 5 {
		t.Errorf("%d sheets", got)
	}
	if v, _ := f.GetCellValue("c", "A3"); v != "No data to chart." {
		t.Errorf("empty chart note = %q", v)
	}
	if strings.Count(strings.Join(zipNames(t, data), " "), "xl/charts/chart") != 1 {
		t.Errorf("want one chart (sheet d)")
	}
	// No sheets at all: still a valid workbook.
	f = open(t, write(t, nil, Options{}))
	if got := f.GetSheetList(); len(got) != 1 || got[0] != "Trang 1" {
		t.Errorf("empty workbook sheets = %v", got)
	}
}

func TestSheetNames(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Tổng hợp", "Tổng hợp"},
		{"a/b\\c:d*e?f[g]h", "a-b-c-d-e-f-g-h"},
		{"'quoted'", "quoted"},
		{"  ", "Trang 3"},
		{"Hợp tác giữa các đảng ủy trực thuộc Khối", "Hợp tác giữa các đảng ủy trực t"},
		{"history", "history 3"},
		{"tab\tnew\nline", "tab new line"},
		{"Tho\u0309a thuận", "Thỏa thuận"}, // NFC
		{"bad\xffutf8", "bad\uFFFDutf8"},
		{"emoji 😀", "emoji \uFFFD"},
	}
	for _, tc := range tests {
		if got := sheetName(tc.in, 3, "Trang"); got != tc.want {
			t.Errorf("sheetName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	// Every one of them is accepted by excelize.
	var sheets []Sheet
	for _, tc := range tests {
		sheets = append(sheets, Sheet{Name: tc.in, Table: plainTable()})
	}
	f := open(t, write(t, sheets, Options{}))
	if n := len(f.GetSheetList()); n != len(tests) {
		t.Errorf("%d sheets, want %d", n, len(tests))
	}
}

func TestClean(t *testing.T) {
	tests := []struct{ in, want string }{
		{"=1+2", "=1+2"},
		{"Đảng ủy", "Đảng ủy"},
		{"a\x00b\x1fc", "a b c"},
		{"tab\tnl\ncr\r", "tab\tnl\ncr\r"},
		{"bad\xff", "bad\uFFFD"},
		{"\uFFFE\uFFFF", "\uFFFD\uFFFD"},
	}
	for _, tc := range tests {
		if got := clean(tc.in); got != tc.want {
			t.Errorf("clean(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

package xlsxout

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/vdhv/vdhv/pkg/pdfdoc"
	"github.com/xuri/excelize/v2"
)

var stamp = time.Date(2025, 8, 5, 10, 30, 0, 0, time.UTC)

func num(text string, v float64) pdfdoc.Cell { return pdfdoc.Cell{Text: text, Value: v} }
func txt(text string) pdfdoc.Cell            { return pdfdoc.Cell{Text: text} }
func none() pdfdoc.Cell                      { return pdfdoc.Cell{Text: "–", NoValue: true} }

// sampleTable has two header rows with spans, a subtotal with children (Level 1), a
// total with a merged label, every kind of column, text that looks like formulas, a
// missing value, a unit line and a note.
func sampleTable() *pdfdoc.Table {
	return &pdfdoc.Table{
		Title: "Số liệu theo đơn vị",
		Unit:  "Đơn vị tính: triệu đồng",
		Columns: []pdfdoc.Column{
			{Header: "Đơn vị", Kind: pdfdoc.KindText},
			{Header: "Số thỏa thuận", Kind: pdfdoc.KindInteger},
			{Header: "Giá trị", Kind: pdfdoc.KindMoney},
			{Header: "Tỷ lệ", Kind: pdfdoc.KindPercent},
			{Header: "Chỉ số", Kind: pdfdoc.KindNumber},
		},
		HeaderRows: [][]pdfdoc.HeaderCell{
			{{Text: "Đơn vị", RowSpan: 2}, {Text: "Thỏa thuận hợp tác", ColSpan: 2}, {Text: "Mua sắm", ColSpan: 2}},
			{{Text: "Số thỏa thuận"}, {Text: "Giá trị"}, {Text: "Tỷ lệ hàng trong nước"}, {Text: "Chỉ số"}},
		},
		Rows: []pdfdoc.TableRow{
			{Style: pdfdoc.RowSubtotal, Cells: []pdfdoc.Cell{{Text: "Đảng ủy A", Bold: true}, num("3", 3), num("1.234,5", 1234.5), num("20,7%", 250.0/1210), num("82,0%", 0.82)}},
			{Level: 1, Cells: []pdfdoc.Cell{txt("=1+2"), num("1", 1), num("1.000", 1000), num("10,0%", 0.1), num("1.234", 1234)}},
			{Level: 1, Cells: []pdfdoc.Cell{txt("+84 912 345 678"), num("2", 2), num("234,5", 234.5), none(), num("0,125", 0.125)}},
			{Level: 1, Cells: []pdfdoc.Cell{txt("@SUM(A1:A3)"), num("0", 0), num("0", 0), none()}},
			{Level: 2, Cells: []pdfdoc.Cell{txt("-5"), num("0", 0), num("0", 0), none(), none()}},
			{Cells: []pdfdoc.Cell{txt("Chi bộ C1\nxuống dòng"), num("12.345.678", 12345678), num("0,001", 0.001), num("100,0%", 1), num("x", math.NaN())}},
			{Style: pdfdoc.RowTotal, Cells: []pdfdoc.Cell{{Text: "Tổng cộng", Span: 2}, num("1.234,5", 1234.5), num("20,7%", 250.0/1210)}},
		},
		Note: "Ghi chú: số liệu tổng hợp từ báo cáo quý.",
	}
}

func plainTable() *pdfdoc.Table {
	return &pdfdoc.Table{
		Title:   "Đối chiếu",
		Columns: []pdfdoc.Column{{Header: "STT", Kind: pdfdoc.KindInteger, Align: pdfdoc.AlignCenter}, {Header: "Số thỏa thuận"}, {Header: "Nội dung chênh lệch"}},
		Rows: []pdfdoc.TableRow{
			{Cells: []pdfdoc.Cell{num("1", 1), txt("=HYPERLINK(\"http://x\")"), txt("Chỉ một bên báo cáo")}},
			{Cells: []pdfdoc.Cell{num("2", 2), txt("'quoted"), txt(" khoảng trắng ")}},
		},
	}
}

func shareChart() *pdfdoc.Chart {
	target := 0.8
	return &pdfdoc.Chart{
		Kind:        pdfdoc.ChartBarTarget,
		Title:       "Tỷ lệ hàng trong nước theo đảng ủy trực thuộc",
		Categories:  []string{"Đảng ủy A", "=Đảng ủy B", "Các cơ sở trực thuộc Khối"},
		Series:      []pdfdoc.Series{{Name: "Tỷ lệ hàng sản xuất trong nước", Values: []float64{0.2066, math.NaN(), 0.9}}},
		Left:        pdfdoc.Axis{Title: "%", Format: pdfdoc.FormatPercent, Decimals: 1},
		Target:      &target,
		TargetLabel: "Mục tiêu 80%",
	}
}

func trendChart() *pdfdoc.Chart {
	return &pdfdoc.Chart{
		Kind:       pdfdoc.ChartTrend,
		Title:      "Giá trị mua sắm và thỏa thuận hợp tác theo quý",
		Categories: []string{"Quý I/2024", "Quý II/2024", "Quý I/2025", "Quý II/2025"},
		Series: []pdfdoc.Series{
			{Name: "Giá trị mua sắm", Values: []float64{100, 100.5, 1110, 100}, Type: pdfdoc.SeriesBar},
			{Name: "Thỏa thuận hợp tác", Values: []float64{0, 0, 3, 1}, Axis: pdfdoc.AxisRight, Type: pdfdoc.SeriesLine},
		},
		Left:  pdfdoc.Axis{Title: "Triệu đồng", Format: pdfdoc.FormatMoney},
		Right: pdfdoc.Axis{Title: "Thỏa thuận", Format: pdfdoc.FormatNumber},
	}
}

func sampleSheets() []Sheet {
	return []Sheet{
		{Name: "Theo đơn vị", Title: "Phụ lục 1", Table: sampleTable()},
		{Name: "Đối chiếu", Table: plainTable()},
		{Name: "Biểu đồ", Chart: shareChart()},
		{Name: "biểu đồ", Chart: trendChart()}, // same sheet, case aside
	}
}

func write(t testing.TB, sheets []Sheet, opt Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, sheets, opt); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return b.Bytes()
}

func open(t testing.TB, data []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("OpenReader: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// zipPart returns one part of the package.
func zipPart(t testing.TB, data []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == name {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			b, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}
	}
	return ""
}

func zipNames(t testing.TB, data []byte) []string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range zr.File {
		out = append(out, f.Name)
	}
	sort.Strings(out)
	return out
}

var cellTypes = map[excelize.CellType]string{
	excelize.CellTypeUnset: "n", excelize.CellTypeNumber: "n", excelize.CellTypeSharedString: "s",
	excelize.CellTypeInlineString: "is", excelize.CellTypeFormula: "f", excelize.CellTypeBool: "b",
	excelize.CellTypeDate: "d", excelize.CellTypeError: "e",
}

// dump describes a workbook: per sheet, the frozen pane, the outline setting, merged
// ranges, column widths, row outline levels, and every non-empty cell with its type, raw
// value, number format, and bold/fill/indent.
func dump(t testing.TB, data []byte) string {
	t.Helper()
	f := open(t, data)
	var b strings.Builder
	props, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(&b, "props: creator=%q created=%q modified=%q title=%q lang=%q\n", props.Creator, props.Created, props.Modified, props.Title, props.Language)
	for _, sh := range f.GetSheetList() {
		fmt.Fprintf(&b, "== %s\n", sh)
		p, err := f.GetPanes(sh)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "panes: freeze=%v ysplit=%d top=%s\n", p.Freeze, p.YSplit, p.TopLeftCell)
		sp, err := f.GetSheetProps(sh)
		if err != nil {
			t.Fatal(err)
		}
		if sp.OutlineSummaryBelow != nil {
			fmt.Fprintf(&b, "summary below: %v\n", *sp.OutlineSummaryBelow)
		}
		merges, err := f.GetMergeCells(sh)
		if err != nil {
			t.Fatal(err)
		}
		var ms []string
		for _, m := range merges {
			ms = append(ms, m.GetStartAxis()+":"+m.GetEndAxis())
		}
		fmt.Fprintf(&b, "merges: %s\n", strings.Join(ms, " "))
		rows, err := f.GetRows(sh, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		ncol := 0
		for _, r := range rows {
			ncol = max(ncol, len(r))
		}
		var ws []string
		for c := 1; c <= ncol; c++ {
			name, _ := excelize.ColumnNumberToName(c)
			wd, _ := f.GetColWidth(sh, name)
			ws = append(ws, fmt.Sprintf("%s=%g", name, wd))
		}
		fmt.Fprintf(&b, "widths: %s\n", strings.Join(ws, " "))
		for ri, r := range rows {
			lvl, _ := f.GetRowOutlineLevel(sh, ri+1)
			var cells []string
			for ci, v := range r {
				if v == "" {
					continue
				}
				at, _ := excelize.CoordinatesToCellName(ci+1, ri+1)
				ct, _ := f.GetCellType(sh, at)
				if fm, _ := f.GetCellFormula(sh, at); fm != "" {
					cells = append(cells, at+" FORMULA "+fm)
					continue
				}
				desc := at + ":" + cellTypes[ct] + "=" + strings.ReplaceAll(v, "\n", `\n`)
				sid, _ := f.GetCellStyle(sh, at)
				if st, err := f.GetStyle(sid); err == nil && st != nil {
					if st.CustomNumFmt != nil {
						desc += " [" + *st.CustomNumFmt + "]"
					}
					if st.Font != nil && st.Font.Bold {
						desc += " B"
					}
					if len(st.Fill.Color) > 0 {
						desc += " fill" + st.Fill.Color[0]
					}
					if st.Alignment != nil && st.Alignment.Indent > 0 {
						desc += fmt.Sprintf(" ind%d", st.Alignment.Indent)
					}
				}
				cells = append(cells, desc)
			}
			if len(cells) == 0 && lvl == 0 {
				continue
			}
			fmt.Fprintf(&b, "%d L%d\t%s\n", ri+1, lvl, strings.Join(cells, " | "))
		}
	}
	return b.String()
}

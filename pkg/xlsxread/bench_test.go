package xlsxread

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// typicalWorkbook builds a workbook shaped like a filled VDHV-01 form: five
// sheets, the largest ~30 rows × 14 columns of mixed text, numbers and
// dates; shared strings; a few styles.
func typicalWorkbook(tb testing.TB) []byte {
	return excelizeBytes(tb, func(f *excelize.File) {
		dateStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
		moneyFmt := "#,##0.000"
		money, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &moneyFmt})
		head, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Family: "Times New Roman"}})
		f.SetSheetName("Sheet1", "Thông tin")
		info := [][2]any{{"Mã đơn vị", "DV001"}, {"Tên đơn vị", "Đảng bộ Công ty A"}, {"Kỳ báo cáo", "2025-Q2"},
			{"Loại báo cáo", "Đơn vị"}, {"Người lập biểu", "Nguyễn Văn A"}, {"Điện thoại", "0912345678"},
			{"Email", "a@example.vn"}, {"Ngày lập", time.Date(2025, 7, 5, 0, 0, 0, 0, time.UTC)}, {"Phiên bản biểu mẫu", "VDHV-01"}}
		for i, kv := range info {
			f.SetCellValue("Thông tin", fmt.Sprintf("A%d", i+1), kv[0])
			f.SetCellValue("Thông tin", fmt.Sprintf("B%d", i+1), kv[1])
		}
		f.SetCellStyle("Thông tin", "B8", "B8", dateStyle)
		f.SetCellStyle("Thông tin", "A1", "A9", head)
		sheets := []struct {
			name       string
			rows, cols int
		}{{"Thỏa thuận hợp tác", 30, 14}, {"Chương trình", 12, 10}, {"Đoàn ra vào", 10, 8}, {"Ghi chú", 5, 3}}
		for _, s := range sheets {
			f.NewSheet(s.name)
			for c := 1; c <= s.cols; c++ {
				f.SetCellValue(s.name, CellName(c, 1), fmt.Sprintf("Cột tiêu đề %d", c))
			}
			f.SetCellStyle(s.name, "A1", CellName(s.cols, 1), head)
			for r := 2; r <= s.rows; r++ {
				for c := 1; c <= s.cols; c++ {
					ref := CellName(c, r)
					switch c % 4 {
					case 0:
						f.SetCellValue(s.name, ref, fmt.Sprintf("Văn bản %d-%d", r%7, c))
					case 1:
						f.SetCellValue(s.name, ref, float64(r*c)+0.125)
						f.SetCellStyle(s.name, ref, ref, money)
					case 2:
						f.SetCellValue(s.name, ref, time.Date(2025, 4, r%28+1, 0, 0, 0, 0, time.UTC))
						f.SetCellStyle(s.name, ref, ref, dateStyle)
					case 3:
						f.SetCellValue(s.name, ref, []string{"Đang thực hiện", "Hoàn thành", "Tạm dừng"}[r%3])
					}
				}
			}
		}
	})
}

func readAllCells(wb *Workbook) (int, error) {
	n := 0
	for _, s := range wb.Sheets() {
		if err := wb.Rows(s.Name, func(r Row) error {
			n += len(r.Cells)
			return nil
		}); err != nil {
			return n, err
		}
	}
	return n, nil
}

func TestTypicalWorkbook(t *testing.T) {
	data := typicalWorkbook(t)
	wb := mustOpen(t, data)
	n, err := readAllCells(wb)
	if err != nil {
		t.Fatal(err)
	}
	if want := 18 + 30*14 + 12*10 + 10*8 + 5*3; n != want {
		t.Errorf("read %d cells, want %d", n, want)
	}
	t.Logf("typical workbook: %d bytes, %d cells", len(data), n)
}

// BenchmarkReadTypical opens a typical form and reads every cell of every
// sheet. Target: ~1 ms per file (8,000 files in ≤ 10 s on 2 cores).
func BenchmarkReadTypical(b *testing.B) {
	data := typicalWorkbook(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	// CPU time of the process (all threads, GC included) per file: less
	// sensitive than wall time to other processes on a shared machine.
	cpu0 := processCPU()
	defer func() { b.ReportMetric(float64(processCPU()-cpu0)/float64(b.N), "cpu-ns/op") }()
	for b.Loop() {
		wb, err := OpenBytes(data, Limits{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := readAllCells(wb); err != nil {
			b.Fatal(err)
		}
		wb.Close()
	}
}

// BenchmarkExcelizeTypical is the same work with excelize's GetRows, for
// comparison.
func BenchmarkExcelizeTypical(b *testing.B) {
	data := typicalWorkbook(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		f, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		for _, s := range f.GetSheetList() {
			if _, err := f.GetRows(s, excelize.Options{RawCellValue: true}); err != nil {
				b.Fatal(err)
			}
		}
		f.Close()
	}
}

// BenchmarkRowsThroughput streams a 100,000-row sheet (sheet XML ~5 MB).
func BenchmarkRowsThroughput(b *testing.B) {
	data := bombZip(b, plainWorkbook("xl/worksheets/sheet1.xml"), repeatedPart{
		name: "xl/worksheets/sheet1.xml", head: `<worksheet><sheetData>`,
		chunk: `<row spans="1:3"><c s="1" t="s"><v>0</v></c><c s="2"><v>45123.5</v></c><c t="inlineStr"><is><t>Tổng công ty</t></is></c></row>`,
		n:     100_000, tail: `</sheetData></worksheet>`})
	wb, err := OpenBytes(data, Limits{})
	if err != nil {
		b.Fatal(err)
	}
	var size int64
	for _, f := range wb.zr.File {
		if f.Name == "xl/worksheets/sheet1.xml" {
			size = int64(f.UncompressedSize64)
		}
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		wb.total = 0
		err := wb.Rows("B", func(r Row) error { return nil })
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSniff classifies a typical workbook.
func BenchmarkSniff(b *testing.B) {
	data := typicalWorkbook(b)
	b.ReportAllocs()
	for b.Loop() {
		if Sniff(bytes.NewReader(data), int64(len(data))) != KindXLSX {
			b.Fatal("not xlsx")
		}
	}
}

// sheetXML is ~1 MB of typical sheet XML (no decompression involved).
func sheetXML() []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	for r := 1; r <= 5000; r++ {
		fmt.Fprintf(&b, `<row r="%d" spans="1:4"><c r="A%d" s="1" t="s"><v>%d</v></c><c r="B%d" s="2"><v>45123.5</v></c><c r="C%d" t="inlineStr"><is><t>Tổng công ty &amp; co</t></is></c><c r="D%d"><f>B%d*2</f><v>90247</v></c></row>`, r, r, r%50, r, r, r, r)
	}
	b.WriteString(`</sheetData></worksheet>`)
	return b.Bytes()
}

// BenchmarkScanner tokenizes sheet XML with the package's scanner, reading
// the text of every element.
func BenchmarkScanner(b *testing.B) {
	doc := sheetXML()
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	var text []byte
	for b.Loop() {
		s := getScanner(bytes.NewReader(doc), 64)
		for {
			k, err := s.next()
			if err != nil {
				b.Fatal(err)
			}
			if k == tokEOF {
				break
			}
			if k == tokStart {
				if text, err = s.readText(text[:0], 1<<20); err != nil {
					b.Fatal(err)
				}
			}
		}
		putScanner(s)
	}
}

// BenchmarkEncodingXML does the same with encoding/xml's RawToken, for
// comparison.
func BenchmarkEncodingXML(b *testing.B) {
	doc := sheetXML()
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		d := xml.NewDecoder(bytes.NewReader(doc))
		for {
			_, err := d.RawToken()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
		}
	}
}

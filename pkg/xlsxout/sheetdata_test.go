package xlsxout

import (
	"bytes"
	"encoding/xml"
	"errors"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/vdhv/vdhv/pkg/pdfdoc"
	"github.com/vdhv/vdhv/pkg/tables"
	"github.com/xuri/excelize/v2"
)

// TestPartsAsExcelizeWritesThem: the worksheets and the shared string table written by
// this package are byte for byte what excelize writes for the same cells. excelize opens
// the workbook, reads a cell of every sheet (which loads the worksheets and the table
// into its structures; GetRows would only scan them) and writes it again, marshalling
// its own structures; each part must come out unchanged.
func TestPartsAsExcelizeWritesThem(t *testing.T) {
	texts := []string{"=1+2", " lead", "trail\n", "_x0041_", "_x0041_x0042_", "__x005F_x0041__", "a\x00b", "\xff", "<f>&amp;\"'", "\uFFFE", "tab\tcr\r", strings.Repeat("😀", 20000)}
	var rows []pdfdoc.TableRow
	for i, s := range texts {
		v := []float64{0, math.Copysign(0, -1), 1e21, 1e-7, 0.1, -(1 << 60), 123456.789, 2.5e-300}[i%8]
		rows = append(rows, pdfdoc.TableRow{Level: i % 3, Cells: []pdfdoc.Cell{{Text: s}, {Text: s, Value: v}, {Text: "1%", Value: v}, {Text: s, Value: v, Span: 2}}})
	}
	tb := &pdfdoc.Table{Title: "T", Columns: []pdfdoc.Column{{Header: "a"}, {Header: "b", Kind: pdfdoc.KindMoney}, {Header: "c", Kind: pdfdoc.KindNumber}, {Header: "d", Kind: pdfdoc.KindInteger}, {Header: ""}}, Rows: rows}
	cases := map[string][]Sheet{
		"sample": sampleSheets(),
		"tables": sheetsOf(tables.Build(bigOutcome(3, 4), tables.Options{TargetShare: 0.8})),
		"texts":  {{Name: "x", Table: tb}, {Name: "y", Table: tb, Chart: shareChart()}},
		"empty":  nil,
	}
	for name, sheets := range cases {
		data := write(t, sheets, Options{Created: stamp})
		f := open(t, data)
		for _, sh := range f.GetSheetList() {
			for _, c := range []string{"A1", "A2", "A3"} {
				if _, err := f.GetCellValue(sh, c); err != nil {
					t.Fatal(err)
				}
			}
		}
		var again bytes.Buffer
		if err := f.Write(&again); err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, part := range zipNames(t, data) {
			if !strings.HasPrefix(part, "xl/worksheets/sheet") && part != sstPart {
				continue
			}
			n++
			if got, want := zipPart(t, data, part), zipPart(t, again.Bytes(), part); got != want {
				i := 0
				for i < len(got) && i < len(want) && got[i] == want[i] {
					i++
				}
				t.Errorf("%s: %s differs from excelize's at byte %d:\n ours     …%.200s\n excelize …%.200s", name, part, i, got[max(0, i-80):], want[max(0, i-80):])
			}
		}
		if n == 0 {
			t.Errorf("%s: no worksheet", name)
		}
		// The shared string table is also what excelize makes of the same strings set in
		// the same order (attributes included, which reading and writing again keeps).
		var table struct {
			SI []struct {
				T string `xml:"t"`
			} `xml:"si"`
		}
		ours := zipPart(t, data, sstPart)
		if ours == "" {
			continue
		}
		if err := xml.Unmarshal([]byte(ours), &table); err != nil {
			t.Fatal(err)
		}
		g := excelize.NewFile()
		for i, si := range table.SI {
			if err := g.SetCellStr("Sheet1", "A"+strconv.Itoa(i+1), si.T); err != nil {
				t.Fatal(err)
			}
		}
		var fresh bytes.Buffer
		if err := g.Write(&fresh); err != nil {
			t.Fatal(err)
		}
		g.Close()
		if want := zipPart(t, fresh.Bytes(), sstPart); ours != want {
			t.Errorf("%s: shared strings differ from excelize's:\n ours     %.300s\n excelize %.300s", name, ours, want)
		}
	}
}

// TestBeyondExcelLimits: a table wider than Excel's 16,384 columns is an error, not a
// workbook with the cells somewhere else.
func TestBeyondExcelLimits(t *testing.T) {
	tb := &pdfdoc.Table{Columns: make([]pdfdoc.Column, excelize.MaxColumns+1)}
	var buf bytes.Buffer
	err := Write(&buf, []Sheet{{Name: "a", Table: tb}}, Options{})
	var e *Error
	if !errors.As(err, &e) || buf.Len() != 0 {
		t.Fatalf("err = %v, %d bytes written", err, buf.Len())
	}
	if !strings.Contains(e.Localized("vi"), "giới hạn của Excel") {
		t.Errorf("message: %s", e.Localized("vi"))
	}
}

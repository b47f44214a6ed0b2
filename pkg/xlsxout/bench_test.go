package xlsxout

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/vdhv/vdhv/pkg/aggregate"
	"github.com/vdhv/vdhv/pkg/engine"
	"github.com/vdhv/vdhv/pkg/form"
	"github.com/vdhv/vdhv/pkg/pdfdoc"
	"github.com/vdhv/vdhv/pkg/period"
	"github.com/vdhv/vdhv/pkg/tables"
	"github.com/vdhv/vdhv/pkg/workspace"
	"github.com/xuri/excelize/v2"
)

// bigOutcome is a hand-made aggregation of a bloc with groups đảng ủy of perGroup cơ sở
// each (groups*(perGroup+1)+1 units), a register of one agreement per cơ sở, and the
// previous year.
func bigOutcome(groups, perGroup int) *engine.Outcome {
	p := period.Period{Kind: period.KindHalf, Year: 2025, N: 1}
	qs := p.Quarters()
	fig := func(seed int) aggregate.Figures {
		f := aggregate.Figures{
			Reporting:  aggregate.Reporting{Expected: 2, OnTime: 1, Late: int64(seed % 2), Missing: int64(1 - seed%2)},
			Agreements: aggregate.Agreements{InForce: int64(seed % 5), New: int64(seed % 3), InBloc: int64(seed % 2), Contracts: int64(seed % 4), ContractValue: form.Money(seed * 1234), Delivered: form.Money(seed * 517)},
			Procurement: aggregate.Procurement{Total: form.Money(seed * 10000), Domestic: form.Money(seed * 8100), InBloc: form.Money(seed * 900),
				ByCategory: []aggregate.CategoryFigures{{Category: form.EnumCategory.Values[seed%7], Total: form.Money(seed * 10000), Domestic: form.Money(seed * 8100)}}},
			Checks: aggregate.Checks{Total: int64(seed % 3), Recommendations: int64(seed % 4), Remedied: int64(seed % 2)},
		}
		for _, ind := range form.EnumIndicator.Values {
			f.Activities = append(f.Activities, aggregate.ActivityFigures{Indicator: ind, Count: int64(seed % 9)})
		}
		return f
	}
	add := func(a, b aggregate.Figures) aggregate.Figures {
		a.Reporting.Expected += b.Reporting.Expected
		a.Reporting.OnTime += b.Reporting.OnTime
		a.Reporting.Late += b.Reporting.Late
		a.Reporting.Missing += b.Reporting.Missing
		a.Agreements.InForce += b.Agreements.InForce
		a.Procurement.Total += b.Procurement.Total
		a.Procurement.Domestic += b.Procurement.Domestic
		a.Procurement.InBloc += b.Procurement.InBloc
		a.Checks.Total += b.Checks.Total
		return a
	}
	res := &aggregate.Result{Bloc: "K", Period: p, Quarters: qs}
	res.Units = append(res.Units, aggregate.UnitResult{Code: "K", Name: "Đảng bộ Khối", Kind: "khoi"})
	var statuses []workspace.UnitStatus
	for g := 0; g < groups; g++ {
		gi := len(res.Units)
		gcode := fmt.Sprintf("DU%03d", g)
		res.Units = append(res.Units, aggregate.UnitResult{Code: gcode, Name: "Đảng ủy Tổng công ty " + gcode, Kind: "dang-uy-truc-thuoc", Parent: "K"})
		res.Cooperation = append(res.Cooperation, aggregate.Cooperation{Unit: gcode})
		for c := 0; c < perGroup; c++ {
			seed := g*perGroup + c + 1
			code := fmt.Sprintf("%s-%03d", gcode, c)
			f := fig(seed)
			res.Units = append(res.Units, aggregate.UnitResult{Code: code, Name: "=Chi bộ Công ty cổ phần " + code, Kind: "chi-bo-co-so", Parent: gcode, Figures: f, Own: f})
			res.Units[gi].Figures = add(res.Units[gi].Figures, f)
			res.Register = append(res.Register, aggregate.RegisterEntry{Number: "TT-" + code, Units: [2]string{code, "DU000-000"}, Field: form.EnumField.Values[seed%11],
				Signed: time.Date(2025, 1, 1+seed%28, 0, 0, 0, 0, time.UTC), Status: form.StatusActive, Contracts: 1, ContractValue: form.Money(seed * 100), Delivered: form.Money(seed * 50)})
			if seed%7 == 0 {
				res.Missing = append(res.Missing, aggregate.MissingReport{Unit: code, Quarter: qs[1]})
			}
		}
		res.Units[0].Figures = add(res.Units[0].Figures, res.Units[gi].Figures)
	}
	for range qs {
		res.Units[0].ByQuarter = append(res.Units[0].ByQuarter, res.Units[0].Figures)
	}
	return &engine.Outcome{Period: p, Result: res, Prev: res, Statuses: statuses}
}

func sheetsOf(s *tables.Set) []Sheet {
	var out []Sheet
	for _, n := range s.All() {
		out = append(out, Sheet{Name: n.Sheet, Table: n.Table, Chart: n.Chart})
	}
	return out
}

// TestTablesWorkbook writes every table and chart of a tables.Set and checks the
// workbook's shape.
func TestTablesWorkbook(t *testing.T) {
	set := tables.Build(bigOutcome(3, 4), tables.Options{TargetShare: 0.8})
	data := write(t, sheetsOf(set), Options{Created: stamp, Title: "Tổng hợp 2025-H1"})
	f := open(t, data)
	want := "Tổng hợp|Theo đơn vị|Thỏa thuận trong Khối|Đối chiếu|Mua sắm|Dưới mục tiêu|Kiểm tra giám sát|Hoạt động|Hợp tác giữa các đảng ủy|Lĩnh vực|Tình hình báo cáo|Biểu đồ"
	if got := strings.Join(f.GetSheetList(), "|"); got != want {
		t.Errorf("sheets = %s", got)
	}
	// Theo đơn vị: title, unit, two header rows, then 3 groups × (1 + 4) rows and a total.
	rows, _ := f.GetRows("Theo đơn vị")
	if len(rows) < 4+15+1 {
		t.Fatalf("by unit: %d rows", len(rows))
	}
	if lvl, _ := f.GetRowOutlineLevel("Theo đơn vị", 6); lvl != 1 {
		t.Errorf("first cơ sở row outline level %d", lvl)
	}
	if v, _ := f.GetCellValue("Theo đơn vị", "A6"); !strings.HasPrefix(v, "=Chi bộ") {
		t.Errorf("A6 = %q", v)
	}
	if fm, _ := f.GetCellFormula("Theo đơn vị", "A6"); fm != "" {
		t.Errorf("A6 became a formula")
	}
	if n := strings.Count(strings.Join(zipNames(t, data), " "), "xl/charts/chart"); n != 2 {
		t.Errorf("%d charts, want 2", n)
	}
}

// BenchmarkWriteTables: 40 đảng ủy × 50 cơ sở (a 2,041-row ByUnit table, a 2,000-row
// register) and every other table and chart.
func BenchmarkWriteTables(b *testing.B) {
	set := tables.Build(bigOutcome(40, 50), tables.Options{})
	sheets := sheetsOf(set)
	b.ReportAllocs()
	// CPU time of the process (all threads: the parts are compressed in parallel, and
	// GC) per workbook.
	cpu0 := processCPU()
	defer func() { b.ReportMetric(float64(processCPU()-cpu0)/float64(b.N), "cpu-ns/op") }()
	for b.Loop() {
		if err := Write(io.Discard, sheets, Options{Created: stamp}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuildTables measures tables.Build on the same outcome, for comparison.
func BenchmarkBuildTables(b *testing.B) {
	o := bigOutcome(40, 50)
	for b.Loop() {
		tables.Build(o, tables.Options{})
	}
}

// FuzzWriteText: any text, in a cell, a header, a category or a sheet name, is written
// as a string cell and read back as clean(text) (truncated to Excel's 32,767 characters);
// Write never fails on text.
func FuzzWriteText(f *testing.F) {
	for _, s := range []string{"=1+2", "+84", "-5", "@A1", "'x", "_x0041_", "_x0041_x0042_", "__x005F_x0041__", "a\x00b", "\xff", " lead", "Đảng ủy\nA", "=HYPERLINK(\"http://x\",\"y\")", "<f>1</f>", "&amp;", "\uFFFE", strings.Repeat("ab", 20000)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if s == "" {
			return
		}
		tb := &pdfdoc.Table{Title: s, Columns: []pdfdoc.Column{{Header: s}, {Header: "x"}},
			Rows: []pdfdoc.TableRow{{Cells: []pdfdoc.Cell{{Text: s}, {Text: s}}}}, Note: s}
		ch := &pdfdoc.Chart{Title: s, Categories: []string{s}, Series: []pdfdoc.Series{{Name: s, Values: []float64{1}}}}
		var buf bytes.Buffer
		if err := Write(&buf, []Sheet{{Name: s, Title: s, Table: tb, Chart: ch}}, Options{}); err != nil {
			t.Fatalf("Write: %v", err)
		}
		x, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatalf("OpenReader: %v", err)
		}
		defer x.Close()
		sh := x.GetSheetList()[0]
		want := clean(s)
		if len([]rune(want)) > 10000 { // excelize truncates at 32,767 UTF-16 units
			return
		}
		for _, cell := range []string{"A1", "A2", "A3", "B3"} {
			got, err := x.GetCellValue(sh, cell)
			if err != nil {
				t.Fatal(err)
			}
			if fm, _ := x.GetCellFormula(sh, cell); fm != "" {
				t.Fatalf("%s: formula %q", cell, fm)
			}
			if got != want {
				t.Fatalf("%s = %q, want %q", cell, got, want)
			}
		}
	})
}

package tables

import (
	"bytes"
	"flag"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/vdhv/vdhv/pkg/aggregate"
	"github.com/vdhv/vdhv/pkg/engine"
	"github.com/vdhv/vdhv/pkg/pdfdoc"
	"github.com/vdhv/vdhv/pkg/units"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func fmtFloat(v float64) string {
	if math.IsNaN(v) {
		return "NaN"
	}
	return strconv.FormatFloat(v, 'g', 6, 64)
}

// rowByLabel returns the first row whose first text cell (or second, for tables starting
// with STT) equals label.
func rowByLabel(t *testing.T, tb *pdfdoc.Table, label string) pdfdoc.TableRow {
	t.Helper()
	for _, r := range tb.Rows {
		for _, c := range r.Cells[:min(2, len(r.Cells))] {
			if c.Text == label {
				return r
			}
		}
	}
	t.Fatalf("%s: no row %q", tb.Title, label)
	return pdfdoc.TableRow{}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestByUnitLayout(t *testing.T) {
	s := Build(testOutcome(t, false), Options{})
	type want struct {
		label string
		level int
		style pdfdoc.RowStyle
	}
	wants := []want{
		{"Đảng ủy A", 0, pdfdoc.RowSubtotal},
		{"Đảng ủy A (cơ quan, tự báo cáo)", 1, pdfdoc.RowNormal},
		{"Đảng bộ A1", 1, pdfdoc.RowNormal},
		{"=Chi bộ A2", 1, pdfdoc.RowNormal},
		{"Đảng ủy B", 0, pdfdoc.RowSubtotal},
		{"Đảng bộ B1", 1, pdfdoc.RowNormal},
		{"Chi bộ B2", 1, pdfdoc.RowNormal},
		{"Chi bộ C1", 0, pdfdoc.RowNormal},
		{"Tổng cộng", 0, pdfdoc.RowTotal},
	}
	rows := s.ByUnit.Rows
	if len(rows) != len(wants) {
		t.Fatalf("ByUnit has %d rows, want %d:\n%s", len(rows), len(wants), dumpTable(&s.ByUnit))
	}
	for i, w := range wants {
		r := rows[i]
		if r.Cells[0].Text != w.label || r.Level != w.level || r.Style != w.style {
			t.Errorf("row %d = %q level %d style %d, want %q level %d style %d", i, r.Cells[0].Text, r.Level, r.Style, w.label, w.level, w.style)
		}
		if len(r.Cells) != len(s.ByUnit.Columns) {
			t.Errorf("row %d has %d cells for %d columns", i, len(r.Cells), len(s.ByUnit.Columns))
		}
		bold := w.style != pdfdoc.RowNormal
		if r.Cells[0].Bold != bold {
			t.Errorf("row %d bold = %v, want %v", i, r.Cells[0].Bold, bold)
		}
	}
	checkHeaderTiling(t, &s.ByUnit)
}

// checkHeaderTiling checks that the header rows tile exactly len(Columns) columns.
func checkHeaderTiling(t *testing.T, tb *pdfdoc.Table) {
	t.Helper()
	n := len(tb.Columns)
	busy := make([][]bool, len(tb.HeaderRows))
	for i := range busy {
		busy[i] = make([]bool, n)
	}
	for ri, hr := range tb.HeaderRows {
		c := 0
		for _, h := range hr {
			for c < n && busy[ri][c] {
				c++
			}
			cs, rs := max(1, h.ColSpan), max(1, h.RowSpan)
			if c+cs > n || ri+rs > len(tb.HeaderRows) {
				t.Fatalf("%s: header cell %q overflows", tb.Title, h.Text)
			}
			for y := ri; y < ri+rs; y++ {
				for x := c; x < c+cs; x++ {
					if busy[y][x] {
						t.Fatalf("%s: header cell %q overlaps", tb.Title, h.Text)
					}
					busy[y][x] = true
				}
			}
			c += cs
		}
	}
	for ri := range busy {
		for c := range busy[ri] {
			if !busy[ri][c] {
				t.Fatalf("%s: header row %d column %d not covered", tb.Title, ri, c)
			}
		}
	}
}

func TestByUnitFigures(t *testing.T) {
	s := Build(testOutcome(t, false), Options{})
	tb := &s.ByUnit
	tests := []struct {
		row  string
		col  int
		want float64
	}{
		{"Đảng bộ A1", colSpending, 200},
		{"Đảng bộ A1", colDomesticShare, 0.7},
		{"=Chi bộ A2", colDomesticShare, 0.1},
		{"=Chi bộ A2", colReported, 2}, // late counts as reported
		{"Đảng ủy A", colSpending, 1210},
		{"Đảng ủy A", colExpected, 6}, // DA, A1, A2 × 2 quarters
		{"Đảng ủy A", colReported, 5}, // DA missing in Q2, A2 late in Q2
		{"Đảng ủy A", colChecks, 2},
		{"Đảng ủy A", colRecs, 4},
		{"Đảng ủy A", colRemedied, 2},
		{"Đảng ủy B", colExpected, 4},
		{"Đảng ủy B", colReported, 2},
		{"Đảng bộ A1", colInForce, 1},
		{"Đảng bộ A1", colDelivered, 80},
		{"Đảng bộ B1", colInForce, 2},
		{"Đảng bộ B1", colDelivered, 77},
		// The A1–B1 agreement counts once at the bloc, with the supplying side's figures.
		{"Tổng cộng", colInForce, 3},
		{"Tổng cộng", colInBloc, 2},
		{"Tổng cộng", colDelivered, 80 + 7 + 5},
		{"Tổng cộng", colSpending, 1210},
	}
	for _, tc := range tests {
		c := rowByLabel(t, tb, tc.row).Cells[tc.col]
		if c.NoValue || !near(c.Value, tc.want) {
			t.Errorf("%s / %s = %v (NoValue %v), want %v", tc.row, tb.Columns[tc.col].Header, c.Value, c.NoValue, tc.want)
		}
	}
}

// TestSharesFromSums: a group's share is its summed domestic spending over its summed
// total, not the average of its rows' shares (250/1210 ≈ 20.7% against 60%).
func TestSharesFromSums(t *testing.T) {
	s := Build(testOutcome(t, false), Options{})
	var avg float64
	for _, l := range []string{"Đảng ủy A (cơ quan, tự báo cáo)", "Đảng bộ A1", "=Chi bộ A2"} {
		avg += rowByLabel(t, &s.ByUnit, l).Cells[colDomesticShare].Value / 3
	}
	got := rowByLabel(t, &s.ByUnit, "Đảng ủy A").Cells[colDomesticShare]
	if want := 250.0 / 1210; !near(got.Value, want) || got.Text != "20,7%" {
		t.Errorf("Đảng ủy A share = %v %q, want %v \"20,7%%\"", got.Value, got.Text, want)
	}
	if near(got.Value, avg) {
		t.Fatalf("test world does not separate sums from averages")
	}
	if c := s.ShareChart.Series[0].Values[0]; !near(c, 250.0/1210) {
		t.Errorf("share chart Đảng ủy A = %v, want %v", c, 250.0/1210)
	}
	// Summary's domestic share: (90+50+100+10)/1210.
	r := rowByLabel(t, &s.Summary, "Tỷ lệ hàng sản xuất trong nước")
	if !near(r.Cells[2].Value, 250.0/1210) {
		t.Errorf("summary share = %v", r.Cells[2].Value)
	}
}

// TestSubtotalsAreSums: additive columns of every subtotal row equal the sum of the rows
// directly below it, and the total equals the sum of the Level-0 rows.
func TestSubtotalsAreSums(t *testing.T) {
	for _, withPrev := range []bool{false, true} {
		s := Build(testOutcome(t, withPrev), Options{})
		rows := s.ByUnit.Rows
		checked := 0
		for i, r := range rows {
			if r.Style == pdfdoc.RowNormal {
				continue
			}
			level := r.Level + 1
			var kids []pdfdoc.TableRow
			if r.Style == pdfdoc.RowTotal {
				level = 0
				for _, k := range rows[:i] {
					if k.Level == 0 {
						kids = append(kids, k)
					}
				}
			} else {
				for _, k := range rows[i+1:] {
					if k.Level <= r.Level {
						break
					}
					if k.Level == level {
						kids = append(kids, k)
					}
				}
			}
			if len(kids) == 0 {
				t.Fatalf("row %q has no rows below it", r.Cells[0].Text)
			}
			for _, col := range additiveByUnit {
				var sum float64
				for _, k := range kids {
					sum += k.Cells[col].Value
				}
				if !near(sum, r.Cells[col].Value) {
					t.Errorf("%q %s = %v, sum of rows below = %v", r.Cells[0].Text, s.ByUnit.Columns[col].Header, r.Cells[col].Value, sum)
				}
				checked++
			}
		}
		if checked < 3*len(additiveByUnit) {
			t.Fatalf("only %d subtotal cells checked", checked)
		}
	}
}

func TestNoValueForZeroDenominators(t *testing.T) {
	s := Build(testOutcome(t, false), Options{})
	for _, l := range []string{"Chi bộ C1", "Đảng bộ B1", "Đảng ủy B"} {
		for _, col := range []int{colDomesticShare, colInBlocShare} {
			c := rowByLabel(t, &s.ByUnit, l).Cells[col]
			if !c.NoValue || c.Text != "–" {
				t.Errorf("%s share = %+v, want NoValue \"–\"", l, c)
			}
		}
	}
	// Categories without spending.
	r := rowByLabel(t, &s.Procurement, "Máy móc, thiết bị sản xuất")
	if !r.Cells[3].NoValue || r.Cells[1].NoValue || r.Cells[1].Value != 0 {
		t.Errorf("empty category row = %+v", r.Cells)
	}
	// The DB bar of the share chart has no value.
	if v := s.ShareChart.Series[0].Values[1]; !math.IsNaN(v) {
		t.Errorf("DB bar = %v, want NaN", v)
	}
	// Empty outcome: every share is NoValue.
	e := Build(&engine.Outcome{}, Options{})
	for _, r := range e.Procurement.Rows {
		if !r.Cells[3].NoValue {
			t.Errorf("empty outcome: %q share has a value", r.Cells[0].Text)
		}
	}
}

func TestPrevColumnsOnlyWithPrev(t *testing.T) {
	without := Build(testOutcome(t, false), Options{})
	with := Build(testOutcome(t, true), Options{})
	tests := []struct {
		name        string
		a, b        *pdfdoc.Table
		extra       int
		prevCol     int
		row         string
		want        float64
		wantNoValue bool
	}{
		{"summary", &without.Summary, &with.Summary, 2, 3, "Tổng giá trị mua sắm", 200, false},
		{"summary share", &without.Summary, &with.Summary, 2, 3, "Tỷ lệ hàng sản xuất trong nước", 160.0 / 200, false},
		{"summary change", &without.Summary, &with.Summary, 2, 4, "Tổng giá trị mua sắm", (1210.0 - 200) / 200, false},
		{"summary change in points", &without.Summary, &with.Summary, 2, 4, "Tỷ lệ hàng sản xuất trong nước", 250.0/1210 - 0.8, false},
		{"procurement", &without.Procurement, &with.Procurement, 1, 6, "Văn phòng phẩm", 0.6, false},
		{"procurement, empty category", &without.Procurement, &with.Procurement, 1, 6, "Dịch vụ", 0, true},
		{"checks", &without.Checks, &with.Checks, 1, 3, "Kiến nghị", 2, false},
		{"activities", &without.Activities, &with.Activities, 2, 3, "Hội nghị, buổi tuyên truyền, quán triệt", 2, false},
	}
	for _, tc := range tests {
		if got := len(tc.b.Columns) - len(tc.a.Columns); got != tc.extra {
			t.Errorf("%s: %d extra columns with Prev, want %d", tc.name, got, tc.extra)
		}
		for _, r := range tc.a.Rows {
			if len(r.Cells) > len(tc.a.Columns) {
				t.Errorf("%s without Prev: row %q has %d cells", tc.name, r.Cells[0].Text, len(r.Cells))
			}
		}
		c := rowByLabel(t, tc.b, tc.row).Cells[tc.prevCol]
		if c.NoValue != tc.wantNoValue || (!tc.wantNoValue && !near(c.Value, tc.want)) {
			t.Errorf("%s: %q column %d = %+v, want %v (NoValue %v)", tc.name, tc.row, tc.prevCol, c, tc.want, tc.wantNoValue)
		}
	}
	if got := rowByLabel(t, &with.Summary, "Tỷ lệ hàng sản xuất trong nước").Cells[4].Text; got != "giảm 59,3 điểm %" {
		t.Errorf("share change text = %q", got)
	}
	if n, m := len(without.TrendChart.Categories), len(with.TrendChart.Categories); n != 2 || m != 4 {
		t.Errorf("trend categories: %d without Prev, %d with, want 2 and 4", n, m)
	}
	if with.TrendChart.Categories[0] != "Quý I/2024" || with.TrendChart.Categories[3] != "Quý II/2025" {
		t.Errorf("trend categories = %q", with.TrendChart.Categories)
	}
}

func TestRegisterAndReconciliation(t *testing.T) {
	s := Build(testOutcome(t, false), Options{})
	reg := &s.Register
	if len(reg.Rows) != 3 { // two agreements and the total
		t.Fatalf("register:\n%s", dumpTable(reg))
	}
	pair := rowByLabel(t, reg, "01/TTHT-A1-B1").Cells
	if pair[2].Text != "Đảng bộ A1" || pair[3].Text != "Đảng bộ B1" || pair[7].Text != "Có" || pair[10].Value != 80 {
		t.Errorf("pair row = %+v", pair)
	}
	one := rowByLabel(t, reg, "=SUM(A1)").Cells
	if one[2].Text != "Đảng bộ B1" || one[3].Text != "Chi bộ C1" || one[7].Text != "Không" || one[5].Text != "01/02/2025" {
		t.Errorf("one-sided row = %+v", one)
	}
	total := reg.Rows[2]
	if total.Style != pdfdoc.RowTotal || total.Cells[10].Value != 87 || total.Cells[8].Value != 2 {
		t.Errorf("total row = %+v", total)
	}
	rec := &s.Reconciliation
	if len(rec.Rows) != 2 {
		t.Fatalf("reconciliation:\n%s", dumpTable(rec))
	}
	if got := rowByLabel(t, rec, "01/TTHT-A1-B1").Cells[4].Text; got != "Giá trị thực hiện khác nhau" {
		t.Errorf("pair issues = %q", got)
	}
	if got := rowByLabel(t, rec, "=SUM(A1)").Cells[4].Text; got != "Chỉ một bên báo cáo" {
		t.Errorf("one-sided issue = %q", got)
	}
}

func TestUnderTargetAndCooperation(t *testing.T) {
	s := Build(testOutcome(t, false), Options{TargetShare: 0.8})
	ut := &s.UnitsUnderTarget
	var names []string
	for _, r := range ut.Rows {
		names = append(names, r.Cells[1].Text+"|"+r.Cells[2].Text)
	}
	if got := strings.Join(names, ","); got != "Đảng bộ A1|Đảng ủy A,=Chi bộ A2|Đảng ủy A" {
		t.Errorf("under target = %s", got)
	}
	if !strings.HasPrefix(ut.Note, "1/3 đơn vị") {
		t.Errorf("note = %q", ut.Note)
	}
	// A lower target lets A1 (70%) through; exactly the target meets it.
	s2 := Build(testOutcome(t, false), Options{TargetShare: 0.7})
	if len(s2.UnitsUnderTarget.Rows) != 1 || s2.UnitsUnderTarget.Rows[0].Cells[1].Text != "=Chi bộ A2" {
		t.Errorf("target 70%%:\n%s", dumpTable(&s2.UnitsUnderTarget))
	}
	if !strings.Contains(s2.UnitsUnderTarget.Title, "70%") || *s2.ShareChart.Target != 0.7 {
		t.Errorf("target not used: %q", s2.UnitsUnderTarget.Title)
	}
	// Zero target: the default (80%).
	if *s.ShareChart.Target != 0.8 || *Build(nil, Options{}).ShareChart.Target != 0.8 {
		t.Errorf("default target")
	}

	co := &s.Cooperation
	if len(co.Rows) != 2 {
		t.Fatalf("cooperation:\n%s", dumpTable(co))
	}
	for _, r := range co.Rows {
		if r.Cells[2].Value != 1 || r.Cells[3].Value != 1 || r.Cells[4].Value != 1 {
			t.Errorf("cooperation row %q = %+v", r.Cells[1].Text, r.Cells)
		}
	}
}

func TestStatusTable(t *testing.T) {
	s := Build(testOutcome(t, false), Options{})
	var got []string
	for _, r := range s.Status.Rows {
		got = append(got, strings.Join([]string{r.Cells[1].Text, r.Cells[2].Text, r.Cells[3].Text, r.Cells[4].Text, r.Cells[5].Text}, "|"))
	}
	want := []string{
		"Chi bộ B2|Đảng ủy B|Quý I/2025|Chưa báo cáo|",
		"Đảng ủy A|Đảng ủy A|Quý II/2025|Chưa báo cáo|",
		"=Chi bộ A2|Đảng ủy A|Quý II/2025|Báo cáo muộn|25/07/2025",
		"Chi bộ B2|Đảng ủy B|Quý II/2025|Chưa báo cáo|",
		"Chi bộ C1|Trực thuộc Khối|Quý II/2025|Chưa báo cáo|",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("status rows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Without statuses (a Result read from JSON), Result.Missing is used.
	o := testOutcome(t, false)
	o.Statuses = nil
	s = Build(o, Options{})
	if len(s.Status.Rows) != 4 || s.Status.Rows[3].Cells[2].Text != "Trực thuộc Khối" {
		t.Errorf("status from Missing:\n%s", dumpTable(&s.Status))
	}
}

func TestCharts(t *testing.T) {
	s := Build(testOutcome(t, true), Options{})
	sc := s.ShareChart
	if got := strings.Join(sc.Categories, "|"); got != "Đảng ủy A|Đảng ủy B|Các cơ sở trực thuộc Khối" {
		t.Errorf("share categories = %s", got)
	}
	if sc.Kind != pdfdoc.ChartBarTarget || sc.TargetLabel != "Mục tiêu 80%" || len(sc.Series) != 1 || len(sc.Series[0].Values) != 3 {
		t.Errorf("share chart = %+v", sc)
	}
	tc := s.TrendChart
	if len(tc.Series) != 2 || tc.Series[0].Type != pdfdoc.SeriesBar || tc.Series[1].Axis != pdfdoc.AxisRight {
		t.Fatalf("trend series = %+v", tc.Series)
	}
	// Spending Q1 2025: 100 + 1000 + 10; Q2: 100. Previous year: 100, 100.
	wantSpend := []float64{100, 100, 1110, 100}
	for i, w := range wantSpend {
		if !near(tc.Series[0].Values[i], w) {
			t.Errorf("spending[%d] = %v, want %v", i, tc.Series[0].Values[i], w)
		}
	}
	if tc.Series[1].Values[2] != 3 || tc.Series[1].Values[0] != 0 {
		t.Errorf("agreements = %v", tc.Series[1].Values)
	}
}

// TestNumericCells: every cell of a numeric column is NoValue or carries a finite Value
// and a Text; text cells carry no Value.
func TestNumericCells(t *testing.T) {
	for _, lang := range []string{"vi", "en"} {
		s := Build(testOutcome(t, true), Options{Lang: lang})
		for _, n := range s.All() {
			if n.Table == nil {
				continue
			}
			tb := n.Table
			if tb.HeaderRows != nil {
				checkHeaderTiling(t, tb)
			}
			for ri, r := range tb.Rows {
				if len(r.Cells) > len(tb.Columns) {
					t.Errorf("%s row %d: %d cells for %d columns", n.Sheet, ri, len(r.Cells), len(tb.Columns))
				}
				for ci, c := range r.Cells {
					if ci >= len(tb.Columns) {
						break
					}
					if tb.Columns[ci].Kind.IsNumeric() {
						if !c.NoValue && (c.Text == "" || math.IsNaN(c.Value) || math.IsInf(c.Value, 0)) {
							t.Errorf("%s row %d col %d: %+v", n.Sheet, ri, ci, c)
						}
					} else if c.Value != 0 || c.NoValue {
						t.Errorf("%s row %d col %d: text cell with a value %+v", n.Sheet, ri, ci, c)
					}
				}
			}
		}
	}
}

func TestAllOrder(t *testing.T) {
	want := "Tổng hợp|Theo đơn vị|Thỏa thuận trong Khối|Đối chiếu|Mua sắm|Dưới mục tiêu|Kiểm tra giám sát|Hoạt động|Hợp tác giữa các đảng ủy|Lĩnh vực|Tình hình báo cáo|Biểu đồ|Biểu đồ"
	s := Build(testOutcome(t, false), Options{})
	var names []string
	for _, n := range s.All() {
		names = append(names, n.Sheet)
		if (n.Table == nil) == (n.Chart == nil) {
			t.Errorf("%s: exactly one of Table and Chart must be set", n.Sheet)
		}
		if len([]rune(n.Sheet)) > 31 {
			t.Errorf("%s: sheet name too long", n.Sheet)
		}
	}
	if got := strings.Join(names, "|"); got != want {
		t.Errorf("All() = %s", got)
	}
	if s.All()[0].Table != &s.Summary || s.All()[12].Chart != &s.TrendChart {
		t.Errorf("All() does not point into the set")
	}
	if (*Set)(nil).All() != nil {
		t.Errorf("nil set")
	}
	en := Build(nil, Options{Lang: "EN"})
	if en.All()[0].Sheet != "Summary" || en.Summary.Columns[0].Header != "Indicator" {
		t.Errorf("English names: %q", en.All()[0].Sheet)
	}
}

func TestEmptyOutcomes(t *testing.T) {
	for name, o := range map[string]*engine.Outcome{"nil": nil, "empty": {}, "period only": {Period: pp("2025")}} {
		s := Build(o, Options{Lang: "vi"})
		for _, n := range s.All() {
			if n.Table != nil && len(n.Table.Columns) == 0 {
				t.Errorf("%s: %s has no columns", name, n.Sheet)
			}
		}
		if name == "period only" && len(s.TrendChart.Categories) != 4 {
			t.Errorf("period only: trend categories %v", s.TrendChart.Categories)
		}
	}
}

func TestPeriodLabels(t *testing.T) {
	tests := []struct{ p, vi, en string }{
		{"2025-Q2", "Quý II/2025", "Q2 2025"},
		{"2025-H1", "6 tháng đầu năm 2025", "H1 2025"},
		{"2025-H2", "6 tháng cuối năm 2025", "H2 2025"},
		{"2025", "Năm 2025", "Year 2025"},
	}
	for _, tc := range tests {
		vi := &builder{}
		en := &builder{en: true}
		if got := vi.periodLabel(pp(tc.p)); got != tc.vi {
			t.Errorf("%s vi = %q", tc.p, got)
		}
		if got := en.periodLabel(pp(tc.p)); got != tc.en {
			t.Errorf("%s en = %q", tc.p, got)
		}
	}
}

// TestGolden compares a text dump of every table and chart with testdata/*.golden.
func TestGolden(t *testing.T) {
	for _, tc := range []struct {
		name string
		lang string
		prev bool
	}{{"vi-prev", "vi", true}, {"vi", "vi", false}, {"en-prev", "en", true}} {
		t.Run(tc.name, func(t *testing.T) {
			s := Build(testOutcome(t, tc.prev), Options{Lang: tc.lang, TargetShare: 0.8})
			var b strings.Builder
			for _, n := range s.All() {
				b.WriteString("# " + n.Sheet + "\n")
				if n.Table != nil {
					b.WriteString(dumpTable(n.Table))
				} else {
					b.WriteString(dumpChart(n.Chart))
				}
				b.WriteString("\n")
			}
			path := filepath.Join("testdata", tc.name+".golden")
			if *update {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if b.String() != string(want) {
				t.Errorf("%s differs from the golden file (run with -update and review the diff):\n%s", path, b.String())
			}
		})
	}
}

// TestRendersAsPDF: every table and chart is accepted by the PDF renderer (spans, levels,
// weights, charts with NaN values).
func TestRendersAsPDF(t *testing.T) {
	if testing.Short() {
		t.Skip("renders a PDF")
	}
	prof, err := pdfdoc.DefaultProfile()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"vi", "en"} {
		s := Build(testOutcome(t, true), Options{Lang: lang})
		doc := &pdfdoc.Document{DocType: "BÁO CÁO"}
		for _, n := range s.All() {
			var blk pdfdoc.Block
			if n.Table != nil {
				blk = *n.Table
			} else {
				blk = *n.Chart
			}
			doc.Appendices = append(doc.Appendices, pdfdoc.Appendix{Title: n.Sheet, Blocks: []pdfdoc.Block{blk}})
		}
		var buf bytes.Buffer
		if err := pdfdoc.Render(&buf, doc, prof, pdfdoc.Options{}); err != nil {
			t.Fatalf("%s: Render: %v", lang, err)
		}
		if buf.Len() < 1000 {
			t.Fatalf("%s: PDF of %d bytes", lang, buf.Len())
		}
	}
}

// TestTreeFallback: codes the Result does not know are named from Options.Tree.
func TestTreeFallback(t *testing.T) {
	tr := testTree(t)
	o := &engine.Outcome{Result: &aggregate.Result{
		Units:   []aggregate.UnitResult{{Code: "K", Name: "Khối"}},
		Missing: []aggregate.MissingReport{{Unit: "b2", Quarter: qq("2025-Q1")}, {Unit: "C1", Quarter: qq("2025-Q1")}, {Unit: "ZZ", Quarter: qq("2025-Q1")}},
	}}
	tests := []struct {
		tree *units.Tree
		want []string
	}{
		{tr, []string{"Chi bộ B2|Đảng ủy B", "Chi bộ C1|Trực thuộc Khối", "ZZ|"}},
		{nil, []string{"b2|", "C1|", "ZZ|"}},
	}
	for _, tc := range tests {
		s := Build(o, Options{Tree: tc.tree})
		var got []string
		for _, r := range s.Status.Rows {
			got = append(got, r.Cells[1].Text+"|"+r.Cells[2].Text)
		}
		if strings.Join(got, ",") != strings.Join(tc.want, ",") {
			t.Errorf("tree %v: %v, want %v", tc.tree != nil, got, tc.want)
		}
	}
}

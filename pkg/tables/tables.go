package tables

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/vdhv/vdhv/pkg/aggregate"
	"github.com/vdhv/vdhv/pkg/config"
	"github.com/vdhv/vdhv/pkg/engine"
	"github.com/vdhv/vdhv/pkg/form"
	"github.com/vdhv/vdhv/pkg/pdfdoc"
	"github.com/vdhv/vdhv/pkg/period"
	"github.com/vdhv/vdhv/pkg/units"
	"github.com/vdhv/vdhv/pkg/vnfmt"
)

// Options of Build.
type Options struct {
	// Lang is "vi" (default) or "en": the language of headers, labels and number text.
	Lang string
	// TargetShare is the domestic share every unit should reach (config.Config.TargetShare);
	// 0 or less (or NaN) means config.DefaultTargetShare.
	TargetShare float64
	// Tree is optional: it is used only to name units the Result does not know (a partner
	// code in a one-sided agreement, a unit of a status entry).
	Tree *units.Tree
}

// Set holds every table and chart of the report and the workbook.
type Set struct {
	// Summary: the key figures of the bloc for the period, the same period of the previous
	// year and the change (the last two columns only when the Outcome has Prev).
	Summary pdfdoc.Table
	// ByUnit (Phụ lục 1): one Level-0 subtotal row per đảng ủy trực thuộc followed by its
	// units (Level 1 and deeper), cơ sở directly under the bloc as Level-0 rows, the
	// grand total last.
	ByUnit pdfdoc.Table
	// Register (Phụ lục 2a): the deduplicated in-bloc agreement register.
	Register pdfdoc.Table
	// Reconciliation (Phụ lục 2b): đối chiếu, one row per agreement and pair of units.
	Reconciliation pdfdoc.Table
	// Procurement: spending by category.
	Procurement pdfdoc.Table
	// UnitsUnderTarget: units with spending whose domestic share is below the target.
	UnitsUnderTarget pdfdoc.Table
	// Checks: inspections by kind and result, in programme, recommendations, remedied.
	Checks pdfdoc.Table
	// Activities: every indicator of `Hoạt động`.
	Activities pdfdoc.Table
	// Cooperation: per đảng ủy trực thuộc, how many of the others it cooperates with.
	Cooperation pdfdoc.Table
	// Fields: agreements by field, largest first.
	Fields pdfdoc.Table
	// Status (Phụ lục 3): units not reporting, late or invalid, per quarter.
	Status pdfdoc.Table
	// ShareChart: domestic share by đảng ủy trực thuộc against the target.
	ShareChart pdfdoc.Chart
	// TrendChart: spending (bars, left axis) and agreements (line, right axis) by quarter.
	TrendChart pdfdoc.Chart

	en bool
}

// Named is one table or chart of a Set with the workbook sheet it belongs on; exactly one
// of Table and Chart is set. Several Named may share a sheet (the two charts do).
type Named struct {
	Sheet string
	Table *pdfdoc.Table
	Chart *pdfdoc.Chart
}

// All returns every table and chart in a fixed order, each with its sheet name
// (Vietnamese, or English when the Set was built with Lang "en"). The pointers point into
// s.
func (s *Set) All() []Named {
	if s == nil {
		return nil
	}
	n := func(vi, en string) string {
		if s.en {
			return en
		}
		return vi
	}
	return []Named{
		{Sheet: n("Tổng hợp", "Summary"), Table: &s.Summary},
		{Sheet: n("Theo đơn vị", "By unit"), Table: &s.ByUnit},
		{Sheet: n("Thỏa thuận trong Khối", "In-bloc agreements"), Table: &s.Register},
		{Sheet: n("Đối chiếu", "Reconciliation"), Table: &s.Reconciliation},
		{Sheet: n("Mua sắm", "Procurement"), Table: &s.Procurement},
		{Sheet: n("Dưới mục tiêu", "Under target"), Table: &s.UnitsUnderTarget},
		{Sheet: n("Kiểm tra giám sát", "Checks"), Table: &s.Checks},
		{Sheet: n("Hoạt động", "Activities"), Table: &s.Activities},
		{Sheet: n("Hợp tác giữa các đảng ủy", "Cooperation"), Table: &s.Cooperation},
		{Sheet: n("Lĩnh vực", "Fields"), Table: &s.Fields},
		{Sheet: n("Tình hình báo cáo", "Reporting status"), Table: &s.Status},
		{Sheet: n("Biểu đồ", "Charts"), Chart: &s.ShareChart},
		{Sheet: n("Biểu đồ", "Charts"), Chart: &s.TrendChart},
	}
}

// Build makes every table and chart from an Outcome. A nil Outcome or Result gives tables
// with their headers and no rows (and empty charts); Build never panics.
func Build(o *engine.Outcome, opt Options) *Set {
	b := newBuilder(o, opt)
	s := &Set{en: b.en}
	s.Summary = b.summary()
	s.ByUnit = b.byUnit()
	s.Register = b.register()
	s.Reconciliation = b.reconciliation()
	s.Procurement = b.procurement()
	s.UnitsUnderTarget = b.underTarget()
	s.Checks = b.checks()
	s.Activities = b.activities()
	s.Cooperation = b.cooperation()
	s.Fields = b.fields()
	s.Status = b.status()
	s.ShareChart = b.shareChart()
	s.TrendChart = b.trendChart()
	return s
}

// builder holds what every table needs.
type builder struct {
	o      *engine.Outcome
	res    *aggregate.Result // never nil (an empty Result when the Outcome has none)
	prev   *aggregate.Result // nil when there is no previous year
	tree   *units.Tree
	en     bool
	target float64
	h      hier
	p      period.Period
}

func newBuilder(o *engine.Outcome, opt Options) *builder {
	b := &builder{o: o, tree: opt.Tree, en: strings.EqualFold(strings.TrimSpace(opt.Lang), "en"), target: opt.TargetShare}
	if !(b.target > 0) || math.IsInf(b.target, 0) {
		b.target = config.DefaultTargetShare
	}
	if o != nil {
		b.res, b.prev, b.p = o.Result, o.Prev, o.Period
	}
	if b.res == nil {
		b.res = &aggregate.Result{}
	} else if b.p.IsZero() {
		b.p = b.res.Period
	}
	b.h = newHier(b.res)
	return b
}

// t picks the Vietnamese or English text.
func (b *builder) t(vi, en string) string {
	if b.en {
		return en
	}
	return vi
}

// root returns the bloc's figures (zero when the Result has no units).
func (b *builder) root() aggregate.Figures {
	if len(b.res.Units) == 0 {
		return aggregate.Figures{}
	}
	return b.res.Units[0].Figures
}

// prevRoot returns the previous year's bloc figures; ok false without Prev.
func (b *builder) prevRoot() (aggregate.Figures, bool) {
	if b.prev == nil || len(b.prev.Units) == 0 {
		return aggregate.Figures{}, b.prev != nil
	}
	return b.prev.Units[0].Figures, true
}

// ---- cells ----

func (b *builder) txt(s string) pdfdoc.Cell { return pdfdoc.Cell{Text: s} }

func (b *builder) intCell(n int64) pdfdoc.Cell {
	return pdfdoc.Cell{Text: vnfmt.Int(n, b.en), Value: float64(n)}
}

func (b *builder) moneyCell(m form.Money) pdfdoc.Cell {
	return pdfdoc.Cell{Text: vnfmt.Million(int64(m), b.en), Value: m.Float()}
}

// shareCell is num/den as a percentage, "–" without value when den is 0.
func (b *builder) shareCell(num, den form.Money) pdfdoc.Cell {
	s, ok := aggregate.Share(num, den)
	return b.fracCell(s, ok)
}

// ratioCell is n/d of counts as a percentage, "–" when d is 0.
func (b *builder) ratioCell(n, d int64) pdfdoc.Cell {
	if d <= 0 {
		return b.none()
	}
	return b.fracCell(float64(n)/float64(d), true)
}

func (b *builder) fracCell(s float64, ok bool) pdfdoc.Cell {
	if !ok || math.IsNaN(s) || math.IsInf(s, 0) {
		return b.none()
	}
	return pdfdoc.Cell{Text: vnfmt.Percent(s, true, 1, b.en), Value: s}
}

// none is a numeric cell without a value ("–").
func (b *builder) none() pdfdoc.Cell { return pdfdoc.Cell{Text: "–", NoValue: true} }

// blank is an empty numeric cell (section rows).
func blank() pdfdoc.Cell { return pdfdoc.Cell{NoValue: true} }

// seq is the STT (ordinal) cell.
func (b *builder) seq(i int) pdfdoc.Cell { return b.intCell(int64(i)) }

func boldRow(cells []pdfdoc.Cell) []pdfdoc.Cell {
	for i := range cells {
		cells[i].Bold = true
	}
	return cells
}

// percentLabel writes a target share without needless decimals: "80%", "80,5%".
func (b *builder) percentLabel(s float64) string {
	return vnfmt.Decimal(s*100, 1, true, b.en) + "%"
}

// ---- columns ----

func textCol(h string) pdfdoc.Column { return pdfdoc.Column{Header: h, Kind: pdfdoc.KindText} }
func intCol(h string) pdfdoc.Column  { return pdfdoc.Column{Header: h, Kind: pdfdoc.KindInteger} }
func moneyCol(h string) pdfdoc.Column {
	return pdfdoc.Column{Header: h, Kind: pdfdoc.KindMoney}
}
func pctCol(h string) pdfdoc.Column { return pdfdoc.Column{Header: h, Kind: pdfdoc.KindPercent} }
func numCol(h string) pdfdoc.Column { return pdfdoc.Column{Header: h, Kind: pdfdoc.KindNumber} }
func seqCol(h string) pdfdoc.Column {
	return pdfdoc.Column{Header: h, Kind: pdfdoc.KindInteger, Align: pdfdoc.AlignCenter}
}

func (b *builder) moneyUnit() string {
	return b.t("Đơn vị tính: triệu đồng", "Unit: million VND")
}

// ---- periods ----

var roman = [...]string{"", "I", "II", "III", "IV"}

// periodLabel names a period: "6 tháng đầu năm 2025", "Quý II/2025", "Năm 2025".
func (b *builder) periodLabel(p period.Period) string {
	y := itoa(p.Year)
	switch p.Kind {
	case period.KindQuarter:
		if p.N >= 1 && p.N <= 4 {
			return b.t("Quý "+roman[p.N]+"/"+y, "Q"+itoa(p.N)+" "+y)
		}
	case period.KindHalf:
		if p.N == 1 {
			return b.t("6 tháng đầu năm "+y, "H1 "+y)
		}
		if p.N == 2 {
			return b.t("6 tháng cuối năm "+y, "H2 "+y)
		}
	case period.KindYear:
		return b.t("Năm "+y, "Year "+y)
	}
	if p.IsZero() {
		return b.t("Kỳ báo cáo", "Period")
	}
	return p.String()
}

// quarterLabel names a quarter: "Quý I/2025" (en "Q1 2025").
func (b *builder) quarterLabel(q period.Quarter) string {
	if q.Q >= 1 && q.Q <= 4 {
		return b.t("Quý "+roman[q.Q]+"/"+itoa(q.Year), "Q"+itoa(q.Q)+" "+itoa(q.Year))
	}
	return q.String()
}

func (b *builder) curLabel() string { return b.periodLabel(b.p) }

func (b *builder) prevLabel() string {
	if b.prev != nil && !b.prev.Period.IsZero() {
		return b.periodLabel(b.prev.Period)
	}
	if b.p.IsZero() {
		return b.t("Cùng kỳ năm trước", "Same period last year")
	}
	return b.periodLabel(b.p.SamePeriodPrevYear())
}

func itoa(n int) string { return strconv.Itoa(n) }

// capitalize upper-cases the first letter of s.
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

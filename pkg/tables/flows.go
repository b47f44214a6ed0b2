package tables

import (
	"math"

	"github.com/vdhv/vdhv/pkg/aggregate"
	"github.com/vdhv/vdhv/pkg/form"
	"github.com/vdhv/vdhv/pkg/pdfdoc"
	"github.com/vdhv/vdhv/pkg/vnfmt"
)

// metric is one line of the Summary: a value now and, maybe, a year before.
type metric struct {
	label, unit string
	kind        metricKind
	cur, prev   float64
	curOK       bool // false: no value (a share with a zero denominator)
	prevOK      bool
	money       bool
}

type metricKind int

const (
	mCount metricKind = iota
	mMoney
	mShare
	mSection // a heading row without values
)

// summaryValues lists the Summary's lines for one Result (figures f).
func (b *builder) summaryLines(cur aggregate.Figures, curRes *aggregate.Result, prev aggregate.Figures, prevRes *aggregate.Result, hasPrev bool) []metric {
	var out []metric
	sec := func(label string) { out = append(out, metric{label: label, kind: mSection}) }
	count := func(label, unit string, c, p int64) {
		out = append(out, metric{label: label, unit: unit, kind: mCount, cur: float64(c), prev: float64(p), curOK: true, prevOK: hasPrev})
	}
	money := func(label string, c, p form.Money) {
		out = append(out, metric{label: label, unit: b.t("triệu đồng", "million VND"), kind: mMoney, cur: c.Float(), prev: p.Float(), curOK: true, prevOK: hasPrev})
	}
	share := func(label string, c float64, cok bool, p float64, pok bool) {
		out = append(out, metric{label: label, unit: "%", kind: mShare, cur: c, curOK: cok, prev: p, prevOK: hasPrev && pok})
	}
	cR, pR := cur.Reporting, prev.Reporting
	sec(b.t("Thông tin, báo cáo", "Reporting"))
	count(b.t("Lượt đơn vị phải báo cáo", "Reports expected (unit-quarters)"), b.t("lượt", "reports"), cR.Expected, pR.Expected)
	count(b.t("Báo cáo đúng hạn", "On time"), b.t("lượt", "reports"), cR.OnTime, pR.OnTime)
	count(b.t("Báo cáo muộn", "Late"), b.t("lượt", "reports"), cR.Late, pR.Late)
	count(b.t("Báo cáo không hợp lệ", "Invalid"), b.t("lượt", "reports"), cR.Invalid, pR.Invalid)
	count(b.t("Chưa báo cáo", "Missing"), b.t("lượt", "reports"), cR.Missing, pR.Missing)

	cA, pA := cur.Agreements, prev.Agreements
	agr, units := b.t("thỏa thuận", "agreements"), b.t("đơn vị", "units")
	sec(b.t("Thỏa thuận hợp tác", "Cooperation agreements"))
	count(b.t("Thỏa thuận hợp tác trong kỳ", "Agreements in the period"), agr, cA.InForce, pA.InForce)
	count(b.t("Trong đó: ký mới trong kỳ", "of which signed in the period"), agr, cA.New, pA.New)
	count(b.t("Trong đó: đã kết thúc", "of which ended"), agr, cA.Ended, pA.Ended)
	count(b.t("Trong đó: trong Khối", "of which in-bloc"), agr, cA.InBloc, pA.InBloc)
	cu, cd := inBlocUnits(curRes)
	pu, pd := inBlocUnits(prevRes)
	count(b.t("Đơn vị có thỏa thuận hợp tác trong Khối", "Units with an in-bloc agreement"), units, cu, pu)
	cs, cok := ratio(cu, cd)
	ps, pok := ratio(pu, pd)
	share(b.t("Tỷ lệ đơn vị có thỏa thuận trong Khối", "Share of units with an in-bloc agreement"), cs, cok, ps, pok)
	count(b.t("Hợp đồng đã ký", "Contracts signed"), b.t("hợp đồng", "contracts"), cA.Contracts, pA.Contracts)
	money(b.t("Giá trị hợp đồng", "Contract value"), cA.ContractValue, pA.ContractValue)
	money(b.t("Giá trị thực hiện", "Value delivered"), cA.Delivered, pA.Delivered)

	cP, pP := cur.Procurement, prev.Procurement
	sec(b.t("Mua sắm", "Procurement"))
	money(b.t("Tổng giá trị mua sắm", "Total spending"), cP.Total, pP.Total)
	money(b.t("Hàng sản xuất trong nước", "Domestic goods"), cP.Domestic, pP.Domestic)
	cs, cok = cP.DomesticShare()
	ps, pok = pP.DomesticShare()
	share(b.t("Tỷ lệ hàng sản xuất trong nước", "Domestic share"), cs, cok, ps, pok)
	money(b.t("Mua sắm trong Khối", "Bought inside the bloc"), cP.InBloc, pP.InBloc)
	cs, cok = cP.InBlocShare()
	ps, pok = pP.InBlocShare()
	share(b.t("Tỷ lệ mua sắm trong Khối", "In-bloc share"), cs, cok, ps, pok)
	cj, cm := b.targetCounts(curRes)
	pj, pm := b.targetCounts(prevRes)
	count(b.t("Đơn vị có mua sắm", "Units with spending"), units, cj, pj)
	count(b.t("Đơn vị đạt mục tiêu ", "Units meeting the target of ")+b.percentLabel(b.target), units, cm, pm)

	cC, pC := cur.Checks, prev.Checks
	sec(b.t("Kiểm tra, giám sát", "Inspection and supervision"))
	count(b.t("Số cuộc kiểm tra, giám sát", "Checks"), b.t("cuộc", "checks"), cC.Total, pC.Total)
	count(b.t("Trong chương trình kiểm tra, giám sát năm", "In the annual programme"), b.t("cuộc", "checks"), cC.InProgramme, pC.InProgramme)
	cs, cok = ratio(cC.InProgramme, cC.Total)
	ps, pok = ratio(pC.InProgramme, pC.Total)
	share(b.t("Tỷ lệ trong chương trình", "Share in the programme"), cs, cok, ps, pok)
	count(b.t("Kiến nghị", "Recommendations"), b.t("kiến nghị", "recommendations"), cC.Recommendations, pC.Recommendations)
	count(b.t("Kiến nghị đã khắc phục", "Recommendations remedied"), b.t("kiến nghị", "recommendations"), cC.Remedied, pC.Remedied)
	cs, cok = ratio(cC.Remedied, cC.Recommendations)
	ps, pok = ratio(pC.Remedied, pC.Recommendations)
	share(b.t("Tỷ lệ kiến nghị đã khắc phục", "Share remedied"), cs, cok, ps, pok)
	return out
}

func ratio(n, d int64) (float64, bool) {
	if d <= 0 {
		return 0, false
	}
	return float64(n) / float64(d), true
}

// inBlocUnits returns how many units report at least one in-bloc agreement and how many
// units are expected to report in the period (own reporting), the share's denominator.
func inBlocUnits(r *aggregate.Result) (n, of int64) {
	if r == nil {
		return 0, 0
	}
	for i := range r.Units {
		if r.Units[i].Own.Reporting.Expected > 0 {
			of++
		}
	}
	return int64(len(r.InBlocUnits)), of
}

// judged returns the units whose domestic share is judged: every unit (root included) with
// own spending, in preorder.
func judged(r *aggregate.Result) []int {
	if r == nil {
		return nil
	}
	var out []int
	for i := range r.Units {
		if r.Units[i].Own.Procurement.Total > 0 {
			out = append(out, i)
		}
	}
	return out
}

// meets reports whether own spending p reaches the target share.
func (b *builder) meets(p aggregate.Procurement) bool {
	s, ok := p.DomesticShare()
	return ok && s >= b.target
}

// targetCounts returns how many units have own spending and how many of them meet the
// target.
func (b *builder) targetCounts(r *aggregate.Result) (judgedN, meeting int64) {
	for _, i := range judged(r) {
		judgedN++
		if b.meets(r.Units[i].Own.Procurement) {
			meeting++
		}
	}
	return judgedN, meeting
}

// summary builds the key figures table.
func (b *builder) summary() pdfdoc.Table {
	prevF, hasPrev := b.prevRoot()
	t := pdfdoc.Table{
		Title: b.t("Một số chỉ tiêu chủ yếu", "Key figures"),
		Columns: []pdfdoc.Column{
			textCol(b.t("Chỉ tiêu", "Indicator")),
			{Header: b.t("Đơn vị tính", "Unit"), Kind: pdfdoc.KindText, Align: pdfdoc.AlignCenter},
			numCol(b.curLabel()),
		},
	}
	if hasPrev {
		t.Columns = append(t.Columns, numCol(b.prevLabel()), pctCol(b.t("So với cùng kỳ", "Change")))
		t.Note = b.t("So với cùng kỳ: mức tăng, giảm so với cùng kỳ năm trước; với các tỷ lệ là chênh lệch (điểm phần trăm).",
			"Change: relative to the same period of the previous year; for shares, the difference in percentage points.")
	}
	for _, m := range b.summaryLines(b.root(), b.res, prevF, b.prev, hasPrev) {
		if m.kind == mSection {
			row := []pdfdoc.Cell{{Text: m.label, Bold: true}, b.txt("")}
			for len(row) < len(t.Columns) {
				row = append(row, blank())
			}
			t.Rows = append(t.Rows, pdfdoc.TableRow{Cells: row})
			continue
		}
		row := []pdfdoc.Cell{b.txt(m.label), b.txt(m.unit), b.metricCell(m.kind, m.cur, m.curOK)}
		if hasPrev {
			row = append(row, b.metricCell(m.kind, m.prev, m.prevOK), b.changeCell(m))
		}
		t.Rows = append(t.Rows, pdfdoc.TableRow{Cells: row, Level: 1})
	}
	return t
}

func (b *builder) metricCell(k metricKind, v float64, ok bool) pdfdoc.Cell {
	switch k {
	case mShare:
		return b.fracCell(v, ok)
	case mMoney:
		return pdfdoc.Cell{Text: vnfmt.Decimal(v, 3, true, b.en), Value: v}
	}
	return pdfdoc.Cell{Text: vnfmt.Int(int64(v), b.en), Value: v}
}

// changeCell compares a metric with the previous year: the relative change for counts and
// money (Value a fraction, Text "tăng 12,5%"), the difference in percentage points for
// shares (Value the difference of the fractions, Text "tăng 4,0 điểm %").
func (b *builder) changeCell(m metric) pdfdoc.Cell {
	if !m.curOK || !m.prevOK {
		return b.none()
	}
	if m.kind == mShare {
		d := m.cur - m.prev
		pts := vnfmt.Decimal(math.Abs(d)*100, 1, false, b.en)
		var text string
		switch {
		case math.Abs(d) < 0.0005:
			text = b.t("bằng", "unchanged")
		case d > 0:
			text = b.t("tăng "+pts+" điểm %", "up "+pts+" pp")
		default:
			text = b.t("giảm "+pts+" điểm %", "down "+pts+" pp")
		}
		return pdfdoc.Cell{Text: text, Value: d}
	}
	text, ok := vnfmt.Change(m.cur, m.prev, b.en)
	if !ok {
		return b.none()
	}
	return pdfdoc.Cell{Text: text, Value: (m.cur - m.prev) / math.Abs(m.prev)}
}

// procurement builds spending by category.
func (b *builder) procurement() pdfdoc.Table {
	root := b.root().Procurement
	prevF, hasPrev := b.prevRoot()
	t := pdfdoc.Table{
		Title: b.t("Mua sắm theo nhóm hàng", "Spending by category"),
		Unit:  b.moneyUnit(),
		Columns: []pdfdoc.Column{
			textCol(b.t("Nhóm hàng", "Category")),
			moneyCol(b.t("Tổng giá trị mua sắm", "Total spending")),
			moneyCol(b.t("Hàng sản xuất trong nước", "Domestic goods")),
			pctCol(b.t("Tỷ lệ trong nước", "Domestic share")),
			moneyCol(b.t("Mua sắm trong Khối", "Inside the bloc")),
			pctCol(b.t("Tỷ lệ trong Khối", "In-bloc share")),
		},
	}
	if hasPrev {
		t.Columns = append(t.Columns, pctCol(b.t("Tỷ lệ trong nước cùng kỳ", "Domestic share, same period last year")))
	}
	prevCat := map[string]aggregate.CategoryFigures{}
	for _, c := range prevF.Procurement.ByCategory {
		prevCat[c.Category] = c
	}
	for _, c := range root.ByCategory {
		row := []pdfdoc.Cell{b.txt(c.Category), b.moneyCell(c.Total), b.moneyCell(c.Domestic),
			b.shareCell(c.Domestic, c.Total), b.moneyCell(c.InBloc), b.shareCell(c.InBloc, c.Total)}
		if hasPrev {
			p := prevCat[c.Category]
			row = append(row, b.shareCell(p.Domestic, p.Total))
		}
		t.Rows = append(t.Rows, pdfdoc.TableRow{Cells: row})
	}
	row := []pdfdoc.Cell{b.txt(b.t("Tổng cộng", "Total")), b.moneyCell(root.Total), b.moneyCell(root.Domestic),
		b.shareCell(root.Domestic, root.Total), b.moneyCell(root.InBloc), b.shareCell(root.InBloc, root.Total)}
	if hasPrev {
		row = append(row, b.shareCell(prevF.Procurement.Domestic, prevF.Procurement.Total))
	}
	t.Rows = append(t.Rows, pdfdoc.TableRow{Cells: boldRow(row), Style: pdfdoc.RowTotal})
	return t
}

// checks builds the inspection table: total, by kind, by result, in programme,
// recommendations and remedied.
func (b *builder) checks() pdfdoc.Table {
	c := b.root().Checks
	prevF, hasPrev := b.prevRoot()
	pc := prevF.Checks
	t := pdfdoc.Table{
		Title: b.t("Kết quả kiểm tra, giám sát", "Inspection and supervision"),
		Columns: []pdfdoc.Column{
			textCol(b.t("Nội dung", "Item")),
			intCol(b.t("Số lượng", "Number")),
			pctCol(b.t("Tỷ lệ", "Share")),
		},
	}
	if hasPrev {
		t.Columns = append(t.Columns, intCol(b.prevLabel()))
	}
	add := func(label string, n, of int64, p int64, level int, style pdfdoc.RowStyle, bold bool) {
		row := []pdfdoc.Cell{b.txt(label), b.intCell(n), b.ratioCell(n, of)}
		if of < 0 {
			row[2] = blank()
		}
		if hasPrev {
			row = append(row, b.intCell(p))
		}
		if bold {
			boldRow(row)
		}
		t.Rows = append(t.Rows, pdfdoc.TableRow{Cells: row, Level: level, Style: style})
	}
	section := func(label string) {
		row := []pdfdoc.Cell{{Text: label, Bold: true}, blank(), blank()}
		if hasPrev {
			row = append(row, blank())
		}
		t.Rows = append(t.Rows, pdfdoc.TableRow{Cells: row})
	}
	prevCount := func(list []aggregate.Count, key string) int64 {
		for _, x := range list {
			if x.Key == key {
				return x.N
			}
		}
		return 0
	}
	add(b.t("Tổng số cuộc kiểm tra, giám sát", "Checks in total"), c.Total, -1, pc.Total, 0, pdfdoc.RowTotal, true)
	section(b.t("Theo hình thức", "By kind"))
	for _, k := range c.ByKind {
		add(k.Key, k.N, c.Total, prevCount(pc.ByKind, k.Key), 1, pdfdoc.RowNormal, false)
	}
	section(b.t("Theo kết quả", "By result"))
	for _, k := range c.ByResult {
		add(k.Key, k.N, c.Total, prevCount(pc.ByResult, k.Key), 1, pdfdoc.RowNormal, false)
	}
	add(b.t("Trong chương trình kiểm tra, giám sát năm", "In the annual programme"), c.InProgramme, c.Total, pc.InProgramme, 0, pdfdoc.RowNormal, false)
	add(b.t("Kiến nghị", "Recommendations"), c.Recommendations, -1, pc.Recommendations, 0, pdfdoc.RowNormal, false)
	add(b.t("Kiến nghị đã khắc phục", "Recommendations remedied"), c.Remedied, c.Recommendations, pc.Remedied, 0, pdfdoc.RowNormal, false)
	t.Note = b.t("Tỷ lệ: so với tổng số cuộc kiểm tra, giám sát; kiến nghị đã khắc phục so với tổng số kiến nghị.",
		"Share: of all checks; remedied of all recommendations.")
	return t
}

// activities builds the table of `Hoạt động` indicators.
func (b *builder) activities() pdfdoc.Table {
	prevF, hasPrev := b.prevRoot()
	t := pdfdoc.Table{
		Title: b.t("Công tác tuyên truyền, xúc tiến thương mại và các hoạt động", "Propaganda, trade promotion and other activities"),
		Unit:  b.t("Giá trị: triệu đồng", "Value: million VND"),
		Columns: []pdfdoc.Column{
			textCol(b.t("Chỉ tiêu", "Indicator")),
			intCol(b.t("Số lượng", "Number")),
			moneyCol(b.t("Giá trị", "Value")),
		},
	}
	if hasPrev {
		t.Columns = append(t.Columns, intCol(b.t("Số lượng", "Number")), moneyCol(b.t("Giá trị", "Value")))
		t.HeaderRows = [][]pdfdoc.HeaderCell{
			{{Text: b.t("Chỉ tiêu", "Indicator"), RowSpan: 2}, {Text: b.curLabel(), ColSpan: 2}, {Text: b.prevLabel(), ColSpan: 2}},
			{{Text: b.t("Số lượng", "Number")}, {Text: b.t("Giá trị", "Value")}, {Text: b.t("Số lượng", "Number")}, {Text: b.t("Giá trị", "Value")}},
		}
	}
	prevAct := map[string]aggregate.ActivityFigures{}
	for _, a := range prevF.Activities {
		prevAct[a.Indicator] = a
	}
	valueCell := func(a aggregate.ActivityFigures) pdfdoc.Cell {
		if !form.ValuedIndicators[a.Indicator] && a.Value == 0 {
			return b.none()
		}
		return b.moneyCell(a.Value)
	}
	for _, a := range b.root().Activities {
		row := []pdfdoc.Cell{b.txt(a.Indicator), b.intCell(a.Count), valueCell(a)}
		if hasPrev {
			p := prevAct[a.Indicator]
			p.Indicator = a.Indicator
			row = append(row, b.intCell(p.Count), valueCell(p))
		}
		t.Rows = append(t.Rows, pdfdoc.TableRow{Cells: row})
	}
	return t
}

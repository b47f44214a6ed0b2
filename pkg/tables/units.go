package tables

import (
	"sort"

	"github.com/vdhv/vdhv/pkg/aggregate"
	"github.com/vdhv/vdhv/pkg/pdfdoc"
	"github.com/vdhv/vdhv/pkg/period"
	"github.com/vdhv/vdhv/pkg/units"
	"github.com/vdhv/vdhv/pkg/vnfmt"
	"github.com/vdhv/vdhv/pkg/workspace"
)

// ByUnit column positions (tests and the additive check use them).
const (
	colUnit = iota
	colExpected
	colReported
	colInForce
	colNew
	colInBloc
	colContracts
	colContractValue
	colDelivered
	colSpending
	colDomesticShare
	colInBlocShare
	colChecks
	colRecs
	colRemedied
	nByUnitCols
)

// additiveByUnit are the ByUnit columns whose subtotal is the sum of the rows below it
// (agreement columns are deduplicated at every level, shares are computed from sums).
var additiveByUnit = []int{colExpected, colReported, colSpending, colChecks, colRecs, colRemedied}

// byUnit builds Phụ lục 1.
func (b *builder) byUnit() pdfdoc.Table {
	t := pdfdoc.Table{
		Title: b.t("Số liệu theo đảng ủy trực thuộc và tổ chức cơ sở đảng", "Figures by unit"),
		Unit:  b.moneyUnit(),
		Columns: []pdfdoc.Column{
			{Header: b.t("Đơn vị", "Unit"), Kind: pdfdoc.KindText, Weight: 4},
			intCol(b.t("Phải báo cáo", "Expected")),
			intCol(b.t("Đã báo cáo", "Reported")),
			intCol(b.t("Tổng số", "Total")),
			intCol(b.t("Ký mới", "New")),
			intCol(b.t("Trong Khối", "In-bloc")),
			intCol(b.t("Số hợp đồng", "Contracts")),
			moneyCol(b.t("Giá trị hợp đồng", "Contract value")),
			moneyCol(b.t("Giá trị thực hiện", "Value delivered")),
			moneyCol(b.t("Tổng giá trị", "Total")),
			pctCol(b.t("Tỷ lệ hàng trong nước", "Domestic share")),
			pctCol(b.t("Tỷ lệ trong Khối", "In-bloc share")),
			intCol(b.t("Số cuộc", "Checks")),
			intCol(b.t("Kiến nghị", "Recommendations")),
			intCol(b.t("Đã khắc phục", "Remedied")),
		},
		HeaderRows: [][]pdfdoc.HeaderCell{
			{
				{Text: b.t("Đơn vị", "Unit"), RowSpan: 2},
				{Text: b.t("Báo cáo (lượt)", "Reports"), ColSpan: 2},
				{Text: b.t("Thỏa thuận hợp tác", "Cooperation agreements"), ColSpan: 3},
				{Text: b.t("Hợp đồng", "Contracts"), ColSpan: 2},
				{Text: b.t("Giá trị thực hiện", "Value delivered"), RowSpan: 2},
				{Text: b.t("Mua sắm", "Procurement"), ColSpan: 3},
				{Text: b.t("Kiểm tra, giám sát", "Inspection and supervision"), ColSpan: 3},
			},
			{
				{Text: b.t("Phải báo cáo", "Expected")}, {Text: b.t("Đã báo cáo", "Reported")},
				{Text: b.t("Tổng số", "Total")}, {Text: b.t("Ký mới", "New")}, {Text: b.t("Trong Khối", "In-bloc")},
				{Text: b.t("Số hợp đồng", "Number")}, {Text: b.t("Giá trị", "Value")},
				{Text: b.t("Tổng giá trị", "Total")}, {Text: b.t("Tỷ lệ hàng trong nước", "Domestic share")}, {Text: b.t("Tỷ lệ trong Khối", "In-bloc share")},
				{Text: b.t("Số cuộc", "Checks")}, {Text: b.t("Kiến nghị", "Recommendations")}, {Text: b.t("Đã khắc phục", "Remedied")},
			},
		},
		Note: b.t("Đã báo cáo: báo cáo hợp lệ (đúng hạn hoặc muộn). Thỏa thuận, hợp đồng và giá trị của một dòng tổng được tính một lần cho thỏa thuận giữa hai đơn vị trong nhóm, nên có thể nhỏ hơn tổng các dòng bên dưới. Các tỷ lệ tính từ tổng giá trị.",
			"Reported: valid reports (on time or late). Agreements, contracts and their values on a subtotal count an agreement between two units of the group once, so they can be less than the sum of the rows below. Shares are computed from the sums."),
	}
	h := &b.h
	if len(h.units) == 0 {
		return t
	}
	for _, c := range h.rootChildren() {
		b.byUnitRows(&t, c, 0)
	}
	if root := &h.units[0]; !isEmpty(&root.Own) {
		t.Rows = append(t.Rows, b.figuresRow(b.ownLabel(root.Name), &root.Own, 0, pdfdoc.RowNormal))
	}
	t.Rows = append(t.Rows, b.figuresRow(b.t("Tổng cộng", "Total"), &h.units[0].Figures, 0, pdfdoc.RowTotal))
	return t
}

// byUnitRows adds unit i (and, for an inner unit, its own office and its children) at
// level.
func (b *builder) byUnitRows(t *pdfdoc.Table, i, level int) {
	u := &b.h.units[i]
	kids := b.h.children[i]
	if len(kids) == 0 {
		t.Rows = append(t.Rows, b.figuresRow(u.Name, &u.Figures, level, pdfdoc.RowNormal))
		return
	}
	t.Rows = append(t.Rows, b.figuresRow(u.Name, &u.Figures, level, pdfdoc.RowSubtotal))
	if !isEmpty(&u.Own) {
		t.Rows = append(t.Rows, b.figuresRow(b.ownLabel(u.Name), &u.Own, level+1, pdfdoc.RowNormal))
	}
	for _, c := range kids {
		b.byUnitRows(t, c, level+1)
	}
}

func (b *builder) ownLabel(name string) string {
	return name + b.t(" (cơ quan, tự báo cáo)", " (own office)")
}

// figuresRow is one row of ByUnit.
func (b *builder) figuresRow(label string, f *aggregate.Figures, level int, style pdfdoc.RowStyle) pdfdoc.TableRow {
	r, a, p, c := f.Reporting, f.Agreements, f.Procurement, f.Checks
	cells := make([]pdfdoc.Cell, nByUnitCols)
	cells[colUnit] = b.txt(label)
	cells[colExpected] = b.intCell(r.Expected)
	cells[colReported] = b.intCell(r.OnTime + r.Late)
	cells[colInForce] = b.intCell(a.InForce)
	cells[colNew] = b.intCell(a.New)
	cells[colInBloc] = b.intCell(a.InBloc)
	cells[colContracts] = b.intCell(a.Contracts)
	cells[colContractValue] = b.moneyCell(a.ContractValue)
	cells[colDelivered] = b.moneyCell(a.Delivered)
	cells[colSpending] = b.moneyCell(p.Total)
	cells[colDomesticShare] = b.shareCell(p.Domestic, p.Total)
	cells[colInBlocShare] = b.shareCell(p.InBloc, p.Total)
	cells[colChecks] = b.intCell(c.Total)
	cells[colRecs] = b.intCell(c.Recommendations)
	cells[colRemedied] = b.intCell(c.Remedied)
	if style != pdfdoc.RowNormal {
		boldRow(cells)
	}
	return pdfdoc.TableRow{Cells: cells, Level: level, Style: style}
}

// underTarget lists the units with own spending whose domestic share is below the target.
func (b *builder) underTarget() pdfdoc.Table {
	t := pdfdoc.Table{
		Title: b.t("Đơn vị có tỷ lệ mua sắm hàng sản xuất trong nước dưới mục tiêu ", "Units whose domestic share is below the target of ") + b.percentLabel(b.target),
		Unit:  b.moneyUnit(),
		Columns: []pdfdoc.Column{
			seqCol(b.t("STT", "No.")),
			{Header: b.t("Đơn vị", "Unit"), Kind: pdfdoc.KindText, Weight: 3},
			{Header: b.t("Đảng ủy trực thuộc", "Party committee"), Kind: pdfdoc.KindText, Weight: 3},
			moneyCol(b.t("Tổng giá trị mua sắm", "Total spending")),
			moneyCol(b.t("Hàng sản xuất trong nước", "Domestic goods")),
			pctCol(b.t("Tỷ lệ trong nước", "Domestic share")),
		},
	}
	n := 0
	for _, i := range judged(b.res) {
		u := &b.res.Units[i]
		p := u.Own.Procurement
		if b.meets(p) {
			continue
		}
		n++
		name := u.Name
		if len(b.h.children[i]) > 0 {
			name = b.ownLabel(u.Name)
		}
		t.Rows = append(t.Rows, pdfdoc.TableRow{Cells: []pdfdoc.Cell{
			b.seq(n), b.txt(name), b.txt(b.groupName(u.Code)),
			b.moneyCell(p.Total), b.moneyCell(p.Domestic), b.shareCell(p.Domestic, p.Total),
		}})
	}
	all, ok := b.targetCounts(b.res)
	t.Note = b.t(vnfmt.Int(ok, false)+"/"+vnfmt.Int(all, false)+" đơn vị có mua sắm đạt mục tiêu "+b.percentLabel(b.target)+"; đơn vị không có mua sắm trong kỳ không được đánh giá.",
		vnfmt.Int(ok, true)+" of "+vnfmt.Int(all, true)+" units with spending meet the target of "+b.percentLabel(b.target)+"; units without spending are not judged.")
	return t
}

// cooperation: per đảng ủy trực thuộc, the other đảng ủy trực thuộc it cooperates with.
func (b *builder) cooperation() pdfdoc.Table {
	t := pdfdoc.Table{
		Title: b.t("Hợp tác giữa các đảng ủy trực thuộc", "Cooperation between Party committees"),
		Columns: []pdfdoc.Column{
			seqCol(b.t("STT", "No.")),
			{Header: b.t("Đảng ủy trực thuộc", "Party committee"), Kind: pdfdoc.KindText, Weight: 4},
			intCol(b.t("Số đảng ủy có hợp tác", "Cooperates with")),
			intCol(b.t("Số đảng ủy khác", "Others")),
			pctCol(b.t("Tỷ lệ", "Share")),
		},
	}
	groups := b.h.groups()
	isGroup := map[string]bool{}
	for _, g := range groups {
		isGroup[b.h.units[g].Code] = true
	}
	partners := map[string]int64{}
	for _, c := range b.res.Cooperation {
		seen := map[string]bool{}
		for _, p := range c.Partners {
			if i := b.h.lookup(p); i >= 0 {
				code := b.h.units[i].Code
				if isGroup[code] && code != c.Unit && !seen[code] {
					seen[code] = true
					partners[c.Unit]++
				}
			}
		}
	}
	others := int64(len(groups) - 1)
	for n, g := range groups {
		u := &b.h.units[g]
		k := partners[u.Code]
		t.Rows = append(t.Rows, pdfdoc.TableRow{Cells: []pdfdoc.Cell{
			b.seq(n + 1), b.txt(u.Name), b.intCell(k), b.intCell(others), b.ratioCell(k, others),
		}})
	}
	return t
}

// status builds Phụ lục 3: every (unit, quarter) not on time, by quarter then preorder.
func (b *builder) status() pdfdoc.Table {
	t := pdfdoc.Table{
		Title: b.t("Đơn vị chưa báo cáo, báo cáo muộn hoặc không hợp lệ", "Units not reporting, late or invalid"),
		Columns: []pdfdoc.Column{
			seqCol(b.t("STT", "No.")),
			{Header: b.t("Đơn vị", "Unit"), Kind: pdfdoc.KindText, Weight: 3},
			{Header: b.t("Đảng ủy trực thuộc", "Party committee"), Kind: pdfdoc.KindText, Weight: 3},
			{Header: b.t("Quý", "Quarter"), Kind: pdfdoc.KindText, Align: pdfdoc.AlignCenter},
			textCol(b.t("Tình trạng", "Status")),
			{Header: b.t("Ngày nhận", "Received"), Kind: pdfdoc.KindText, Align: pdfdoc.AlignCenter},
		},
	}
	type line struct {
		q           period.Quarter
		order       int
		name, group string
		status      string
		received    string
	}
	var lines []line
	if b.o != nil && len(b.o.Statuses) > 0 {
		for k, s := range b.o.Statuses {
			if s.Status == workspace.StatusOnTime || s.Unit == nil {
				continue
			}
			l := line{q: s.Quarter, order: k, name: s.Unit.Name, group: b.unitGroup(s.Unit), status: b.statusWord(s.Status)}
			if s.ReceivedKnown && s.Status != workspace.StatusMissing && !s.Received.IsZero() {
				l.received = vnfmt.DateShort(s.Received)
			}
			lines = append(lines, l)
		}
	} else {
		for k, m := range b.res.Missing {
			order := len(b.h.units) + k // unknown codes last, in the Result's order
			if i := b.h.lookup(m.Unit); i >= 0 {
				order = i
			}
			lines = append(lines, line{q: m.Quarter, order: order, name: b.name(m.Unit), group: b.groupName(m.Unit),
				status: b.statusWord(workspace.StatusMissing)})
		}
	}
	sort.SliceStable(lines, func(i, j int) bool {
		if c := lines[i].q.Compare(lines[j].q); c != 0 {
			return c < 0
		}
		return lines[i].order < lines[j].order
	})
	counts := map[string]int64{}
	for n, l := range lines {
		counts[l.status]++
		t.Rows = append(t.Rows, pdfdoc.TableRow{Cells: []pdfdoc.Cell{
			b.seq(n + 1), b.txt(l.name), b.txt(l.group), b.txt(b.quarterLabel(l.q)), b.txt(l.status), b.txt(l.received),
		}})
	}
	if len(lines) > 0 {
		var parts string
		for _, st := range []string{workspace.StatusMissing, workspace.StatusLate, workspace.StatusInvalid} {
			w := b.statusWord(st)
			if counts[w] == 0 {
				continue
			}
			if parts != "" {
				parts += "; "
			}
			parts += w + ": " + vnfmt.Int(counts[w], b.en)
		}
		t.Note = b.t("Số lượt: ", "Count: ") + parts + "."
	}
	return t
}

// unitGroup is groupName for a units.Unit (from a status entry).
func (b *builder) unitGroup(u *units.Unit) string {
	if i := b.h.lookup(u.Code); i >= 0 {
		return b.groupName(u.Code)
	}
	top := u
	for n := 0; top.Parent != nil && top.Parent.Parent != nil && n < 64; n++ {
		top = top.Parent
	}
	if top.Parent == nil {
		return ""
	}
	if top == u && len(u.Children) == 0 {
		return b.t("Trực thuộc Khối", "Directly under the bloc")
	}
	return top.Name
}

func (b *builder) statusWord(s string) string {
	switch s {
	case workspace.StatusMissing:
		return b.t("Chưa báo cáo", "Not reported")
	case workspace.StatusLate:
		return b.t("Báo cáo muộn", "Late")
	case workspace.StatusInvalid:
		return b.t("Không hợp lệ", "Invalid")
	case workspace.StatusOnTime:
		return b.t("Đúng hạn", "On time")
	}
	return s
}

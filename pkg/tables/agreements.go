package tables

import (
	"sort"
	"strings"

	"github.com/vdhv/vdhv/pkg/aggregate"
	"github.com/vdhv/vdhv/pkg/form"
	"github.com/vdhv/vdhv/pkg/pdfdoc"
	"github.com/vdhv/vdhv/pkg/vnfmt"
)

// register builds Phụ lục 2a, the in-bloc agreement register (one row per deduplicated
// agreement, in the Result's order) with a total row.
func (b *builder) register() pdfdoc.Table {
	t := pdfdoc.Table{
		Title: b.t("Danh mục thỏa thuận hợp tác trong Khối", "In-bloc cooperation agreements"),
		Unit:  b.moneyUnit(),
		Columns: []pdfdoc.Column{
			seqCol(b.t("STT", "No.")),
			textCol(b.t("Số thỏa thuận", "Number")),
			{Header: b.t("Đơn vị", "Unit"), Kind: pdfdoc.KindText, Weight: 3},
			{Header: b.t("Đơn vị đối tác", "Partner"), Kind: pdfdoc.KindText, Weight: 3},
			{Header: b.t("Lĩnh vực", "Field"), Kind: pdfdoc.KindText, Weight: 2},
			{Header: b.t("Ngày ký", "Signed"), Kind: pdfdoc.KindText, Align: pdfdoc.AlignCenter},
			textCol(b.t("Tình trạng", "Status")),
			{Header: b.t("Hai bên báo cáo", "Both sides report"), Kind: pdfdoc.KindText, Align: pdfdoc.AlignCenter},
			intCol(b.t("Số hợp đồng", "Contracts")),
			moneyCol(b.t("Giá trị hợp đồng", "Contract value")),
			moneyCol(b.t("Giá trị thực hiện", "Value delivered")),
		},
	}
	var contracts int64
	var value, delivered form.Money
	for n, e := range b.res.Register {
		signed := ""
		if !e.Signed.IsZero() {
			signed = vnfmt.DateShort(e.Signed)
		}
		both := b.t("Không", "No")
		if e.Paired {
			both = b.t("Có", "Yes")
		}
		t.Rows = append(t.Rows, pdfdoc.TableRow{Cells: []pdfdoc.Cell{
			b.seq(n + 1), b.txt(e.Number), b.txt(b.name(e.Units[0])), b.txt(b.name(e.Units[1])),
			b.txt(e.Field), b.txt(signed), b.txt(e.Status), b.txt(both),
			b.intCell(e.Contracts), b.moneyCell(e.ContractValue), b.moneyCell(e.Delivered),
		}})
		contracts += e.Contracts
		value += e.ContractValue
		delivered += e.Delivered
	}
	total := []pdfdoc.Cell{b.txt(""), b.txt(b.t("Tổng cộng: ", "Total: ") + vnfmt.Int(int64(len(b.res.Register)), b.en) + b.t(" thỏa thuận", " agreements")),
		b.txt(""), b.txt(""), b.txt(""), b.txt(""), b.txt(""), b.txt(""),
		b.intCell(contracts), b.moneyCell(value), b.moneyCell(delivered)}
	total[0] = blank()
	t.Rows = append(t.Rows, pdfdoc.TableRow{Cells: boldRow(total), Style: pdfdoc.RowTotal})
	t.Note = b.t("Thỏa thuận do cả hai bên báo cáo được tính một lần, theo số liệu của bên cung cấp.",
		"An agreement both sides report counts once, with the supplying side's figures.")
	return t
}

// issueWord describes a reconciliation issue.
func (b *builder) issueWord(i aggregate.Issue) string {
	switch i {
	case aggregate.IssueUnreported:
		return b.t("chỉ một bên báo cáo", "reported by one side only")
	case aggregate.IssueRoles:
		return b.t("cùng vai trò", "same role on both sides")
	case aggregate.IssueSignDate:
		return b.t("ngày ký khác nhau", "different signing dates")
	case aggregate.IssueExpiryDate:
		return b.t("ngày hết hạn khác nhau", "different expiry dates")
	case aggregate.IssueStatus:
		return b.t("tình trạng khác nhau", "different statuses")
	case aggregate.IssueContracts:
		return b.t("số hợp đồng khác nhau", "different numbers of contracts")
	case aggregate.IssueContractValue:
		return b.t("giá trị hợp đồng khác nhau", "different contract values")
	case aggregate.IssueDeliveredValue:
		return b.t("giá trị thực hiện khác nhau", "different values delivered")
	}
	return string(i)
}

// reconciliation builds Phụ lục 2b: one row per agreement and pair of units, the issues in
// words joined by "; " (the Result's entries are sorted so that they are adjacent).
func (b *builder) reconciliation() pdfdoc.Table {
	t := pdfdoc.Table{
		Title: b.t("Đối chiếu thỏa thuận hợp tác trong Khối", "Reconciliation of in-bloc agreements"),
		Columns: []pdfdoc.Column{
			seqCol(b.t("STT", "No.")),
			textCol(b.t("Số thỏa thuận", "Number")),
			{Header: b.t("Đơn vị", "Unit"), Kind: pdfdoc.KindText, Weight: 3},
			{Header: b.t("Đơn vị đối tác", "Partner"), Kind: pdfdoc.KindText, Weight: 3},
			{Header: b.t("Nội dung chênh lệch", "Issues"), Kind: pdfdoc.KindText, Weight: 4},
		},
		Note: b.t("Chỉ một bên báo cáo: đơn vị đối tác chưa kê khai thỏa thuận này; các nội dung khác: số liệu hai bên báo cáo không khớp.",
			"Reported by one side only: the partner did not list the agreement; other issues: the two reports differ."),
	}
	rec := b.res.Reconciliation
	n := 0
	for i := 0; i < len(rec); {
		j := i + 1
		for j < len(rec) && rec[j].NumberKey == rec[i].NumberKey && rec[j].Units == rec[i].Units && rec[j].Agreement == rec[i].Agreement {
			j++
		}
		words := make([]string, 0, j-i)
		for k := i; k < j; k++ {
			w := b.issueWord(rec[k].Issue)
			if len(words) == 0 || words[len(words)-1] != w {
				words = append(words, w)
			}
		}
		n++
		t.Rows = append(t.Rows, pdfdoc.TableRow{Cells: []pdfdoc.Cell{
			b.seq(n), b.txt(rec[i].Agreement), b.txt(b.name(rec[i].Units[0])), b.txt(b.name(rec[i].Units[1])),
			b.txt(capitalize(strings.Join(words, "; "))),
		}})
		i = j
	}
	return t
}

// fields builds agreements by field, largest first (by agreements, then value delivered,
// then the form's order); fields without agreements are left out.
func (b *builder) fields() pdfdoc.Table {
	a := b.root().Agreements
	t := pdfdoc.Table{
		Title: b.t("Thỏa thuận hợp tác theo lĩnh vực", "Agreements by field"),
		Unit:  b.moneyUnit(),
		Columns: []pdfdoc.Column{
			{Header: b.t("Lĩnh vực", "Field"), Kind: pdfdoc.KindText, Weight: 3},
			intCol(b.t("Số thỏa thuận", "Agreements")),
			pctCol(b.t("Tỷ lệ", "Share")),
			intCol(b.t("Trong Khối", "In-bloc")),
			moneyCol(b.t("Giá trị hợp đồng", "Contract value")),
			moneyCol(b.t("Giá trị thực hiện", "Value delivered")),
		},
	}
	fs := make([]aggregate.FieldFigures, 0, len(a.ByField))
	var total, inBloc int64
	var value, delivered form.Money
	for _, f := range a.ByField {
		total += f.InForce
		inBloc += f.InBloc
		value += f.ContractValue
		delivered += f.Delivered
		if f.InForce > 0 {
			fs = append(fs, f)
		}
	}
	sort.SliceStable(fs, func(i, j int) bool {
		if fs[i].InForce != fs[j].InForce {
			return fs[i].InForce > fs[j].InForce
		}
		return fs[i].Delivered > fs[j].Delivered
	})
	for _, f := range fs {
		t.Rows = append(t.Rows, pdfdoc.TableRow{Cells: []pdfdoc.Cell{
			b.txt(f.Field), b.intCell(f.InForce), b.ratioCell(f.InForce, total), b.intCell(f.InBloc),
			b.moneyCell(f.ContractValue), b.moneyCell(f.Delivered),
		}})
	}
	t.Rows = append(t.Rows, pdfdoc.TableRow{Style: pdfdoc.RowTotal, Cells: boldRow([]pdfdoc.Cell{
		b.txt(b.t("Tổng cộng", "Total")), b.intCell(total), b.ratioCell(total, total), b.intCell(inBloc),
		b.moneyCell(value), b.moneyCell(delivered),
	})})
	return t
}

package tables

import (
	"math"

	"github.com/vdhv/vdhv/pkg/aggregate"
	"github.com/vdhv/vdhv/pkg/form"
	"github.com/vdhv/vdhv/pkg/pdfdoc"
)

// shareChart: domestic share of every đảng ủy trực thuộc (its subtree) and of the cơ sở
// directly under the bloc taken together, against the target.
func (b *builder) shareChart() pdfdoc.Chart {
	target := b.target
	c := pdfdoc.Chart{
		Kind:        pdfdoc.ChartBarTarget,
		Title:       b.t("Tỷ lệ mua sắm hàng sản xuất trong nước theo đảng ủy trực thuộc", "Domestic share of spending by Party committee"),
		Left:        pdfdoc.Axis{Title: "%", Format: pdfdoc.FormatPercent, Decimals: 1},
		Target:      &target,
		TargetLabel: b.t("Mục tiêu ", "Target ") + b.percentLabel(target),
	}
	var values []float64
	for _, g := range b.h.groups() {
		u := &b.h.units[g]
		c.Categories = append(c.Categories, u.Name)
		values = append(values, shareOrNaN(u.Procurement.Domestic, u.Procurement.Total))
	}
	if direct := b.h.directCoSo(); len(direct) > 0 {
		var dom, tot form.Money
		for _, i := range direct {
			dom += b.h.units[i].Procurement.Domestic
			tot += b.h.units[i].Procurement.Total
		}
		c.Categories = append(c.Categories, b.t("Các cơ sở trực thuộc Khối", "Grassroots units directly under the bloc"))
		values = append(values, shareOrNaN(dom, tot))
	}
	c.Series = []pdfdoc.Series{{Name: b.t("Tỷ lệ hàng sản xuất trong nước", "Domestic share"), Values: values, Axis: pdfdoc.AxisLeft, Type: pdfdoc.SeriesBar}}
	if len(c.Categories) > 0 {
		c.Note = b.t("Tỷ lệ tính từ tổng giá trị mua sắm của các đơn vị trong nhóm; không có cột: nhóm không có mua sắm.",
			"Shares are computed from the group's total spending; no bar: no spending.")
	}
	return c
}

func shareOrNaN(num, den form.Money) float64 {
	if s, ok := aggregate.Share(num, den); ok {
		return s
	}
	return math.NaN()
}

// trendChart: the bloc's spending (bars, left axis) and agreements (line, right axis)
// quarter by quarter, the previous year's quarters first when there is a Prev.
func (b *builder) trendChart() pdfdoc.Chart {
	c := pdfdoc.Chart{
		Kind:  pdfdoc.ChartTrend,
		Title: b.t("Giá trị mua sắm và thỏa thuận hợp tác theo quý", "Spending and agreements by quarter"),
		Left:  pdfdoc.Axis{Title: b.t("Triệu đồng", "Million VND"), Format: pdfdoc.FormatMoney, Decimals: 0},
		Right: pdfdoc.Axis{Title: b.t("Thỏa thuận", "Agreements"), Format: pdfdoc.FormatNumber, Decimals: 0},
	}
	var spend, agr []float64
	add := func(r *aggregate.Result) {
		if r == nil {
			return
		}
		qs := r.Quarters
		if len(qs) == 0 {
			qs = r.Period.Quarters()
		}
		var byQ []aggregate.Figures
		if len(r.Units) > 0 {
			byQ = r.Units[0].ByQuarter
		}
		for k, q := range qs {
			c.Categories = append(c.Categories, b.quarterLabel(q))
			if k < len(byQ) && len(byQ) == len(qs) {
				spend = append(spend, byQ[k].Procurement.Total.Float())
				agr = append(agr, float64(byQ[k].Agreements.InForce))
			} else {
				spend = append(spend, math.NaN())
				agr = append(agr, math.NaN())
			}
		}
	}
	if b.prev != nil {
		add(b.prev)
	}
	if len(b.res.Units) > 0 || len(b.res.Quarters) > 0 {
		add(b.res)
	} else if !b.p.IsZero() {
		for _, q := range b.p.Quarters() {
			c.Categories = append(c.Categories, b.quarterLabel(q))
			spend, agr = append(spend, math.NaN()), append(agr, math.NaN())
		}
	}
	c.Series = []pdfdoc.Series{
		{Name: b.t("Giá trị mua sắm", "Spending"), Values: spend, Axis: pdfdoc.AxisLeft, Type: pdfdoc.SeriesBar},
		{Name: b.t("Thỏa thuận hợp tác", "Agreements"), Values: agr, Axis: pdfdoc.AxisRight, Type: pdfdoc.SeriesLine},
	}
	return c
}

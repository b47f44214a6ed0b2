package gen

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/vdhv/vdhv/pkg/form"
	"github.com/vdhv/vdhv/pkg/period"
)

// person is a preparer.
type person struct {
	name, email, phone string
}

// preparer returns the unit's preparer; units change preparer now and then.
func (pl *plan) preparer(u *node, q period.Quarter) person {
	era := q.Year*4 + q.Q
	r := newRNG(pl.p.Seed, "preparer", u.code, strconv.Itoa(era/5))
	female := r.chance(0.6)
	family := r.pick(familyNames)
	var middle, given string
	if female {
		middle, given = r.pick(femaleMiddle), r.pick(femaleGiven)
	} else {
		middle, given = r.pick(maleMiddle), r.pick(maleGiven)
	}
	name := family + " " + middle + " " + given
	// E-mail: given name + initials of family and middle names, or the office's address.
	local := strings.ToLower(asciiFold(given))
	for _, w := range strings.Fields(family + " " + middle) {
		local += strings.ToLower(asciiFold(string([]rune(w)[0])))
	}
	if r.chance(0.25) {
		local = r.pick([]string{"vanphongdanguy", "dangbo", "vanphong", "tonghop"})
	}
	email := local + "@" + u.domain
	var phone string
	if r.chance(0.7) {
		prefix := r.pick([]string{"091", "094", "088", "098", "097", "086", "090", "093", "089", "083"})
		phone = fmt.Sprintf("%s%d %03d %03d", prefix, r.intn(10), r.intn(1000), r.intn(1000))
	} else {
		phone = fmt.Sprintf("0220 3%03d %03d", r.intn(1000), r.intn(1000))
	}
	return person{name: name, email: email, phone: phone}
}

// submission builds the valid report of unit u for quarter q.
func (pl *plan) submission(u *node, q period.Quarter, prepared time.Time) *form.Submission {
	p := pl.p
	r := newRNG(p.Seed, "report", u.code, q.String())
	who := pl.preparer(u, q)
	sub := &form.Submission{Info: form.Info{
		UnitCode: u.code, UnitName: u.name, Quarter: q, Kind: form.ReportKindUnit,
		Preparer: who.name, Phone: who.phone, Email: who.email, Prepared: prepared, FormVersion: form.FormVersion,
	}}
	if r.chance(0.1) {
		sub.Info.Phone = ""
	}
	sub.Agreements = pl.rows(u, q)
	sub.Purchases = purchases(r, u, q, p.TargetShare)
	sub.Checks = checks(r, u, q, p.Windows)
	sub.Activities = activities(r, u)
	if r.chance(0.85) {
		sub.Evaluation = evaluation(r, u, sub, p.TargetShare)
	}
	return sub
}

// categoryBase is a typical quarter's spending per category (triệu đồng) of a unit of scale 1.
var categoryBase = []float64{45, 900, 6000, 2500, 4000, 1500, 600}

func purchases(r *rng, u *node, q period.Quarter, target float64) []form.Purchase {
	domestic := r.uniform(0.6, 0.95)
	// Some units sit persistently below the target, most above.
	if r.chance(0.25) {
		domestic = r.uniform(0.6, math.Max(0.61, target-0.02))
	}
	inBloc := r.uniform(0.05, 0.35)
	season := 0.8 + 0.15*float64(q.Q)
	out := make([]form.Purchase, 0, len(form.EnumCategory.Values))
	for i, c := range form.EnumCategory.Values {
		p := form.Purchase{Unit: u.code, Category: c}
		base := categoryBase[i%len(categoryBase)] * u.scale * season
		if i == 4 && r.chance(0.4) { // Xây dựng, đầu tư công: not every quarter
			base = 0
		}
		if base > 0 {
			p.Total = roundMoney(r, base*r.uniform(0.5, 1.5))
			share := math.Min(1, math.Max(0, domestic+r.uniform(-0.08, 0.08)))
			p.Domestic = min(p.Total, roundMoney(r, p.Total.Float()*share))
			p.InBloc = min(p.Total, roundMoney(r, p.Total.Float()*math.Min(1, inBloc*r.uniform(0.5, 1.5))))
		}
		if r.chance(0.08) {
			p.Note = r.pick([]string{"Theo kế hoạch mua sắm năm", "Gồm thiết bị nhập khẩu chưa sản xuất được trong nước", "Mua qua đấu thầu rộng rãi"})
		}
		out = append(out, p)
	}
	return out
}

func checks(r *rng, u *node, q period.Quarter, w period.Windows) []form.Check {
	first, last := w.QuarterRange(q)
	n := r.between(3, 7)
	if u.scale < 0.6 {
		n = r.between(1, 4)
	}
	out := make([]form.Check, 0, n)
	for i := 0; i < n; i++ {
		c := form.Check{Unit: u.code, Start: randomDay(r, first, last), Content: r.pick(checkContents) + " năm " + strconv.Itoa(q.Year)}
		switch x := r.float(); {
		case x < 0.35:
			c.Kind = form.EnumCheckKind.Values[0]
		case x < 0.7:
			c.Kind = form.EnumCheckKind.Values[1]
		default:
			c.Kind = form.EnumCheckKind.Values[2]
		}
		c.Target = r.pick(checkTargets)
		if len(u.children) > 0 && r.chance(0.6) {
			c.Target = u.children[r.intn(len(u.children))].code
		}
		c.InProgramme = r.chance(0.82)
		switch x := r.float(); {
		case c.Start.After(last.AddDate(0, 0, -20)) || x < 0.1:
			c.Result = form.EnumCheckResult.Values[3] // Đang thực hiện
		case x < 0.4:
			c.Result = form.EnumCheckResult.Values[0]
		case x < 0.93:
			c.Result = form.EnumCheckResult.Values[1]
		default:
			c.Result = form.EnumCheckResult.Values[2]
		}
		c.Recs = int64(r.between(0, 4))
		if c.Result == form.EnumCheckResult.Values[2] {
			c.Recs += int64(r.between(2, 4))
		}
		if c.Result != form.EnumCheckResult.Values[3] && c.Recs > 0 {
			c.Remedied = int64(r.between(0, int(c.Recs)))
		}
		c.Note = r.pick(checkNotes)
		out = append(out, c)
	}
	// Chronological, as people list them.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].Start.Before(out[j-1].Start); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

func activities(r *rng, u *node) []form.Activity {
	s := math.Sqrt(u.scale)
	cnt := func(lo, hi float64) int64 { return int64(math.Round(r.uniform(lo, hi) * s)) }
	meetings := cnt(1, 5)
	vals := []int64{
		meetings,
		meetings * int64(r.between(20, 120)),
		cnt(2, 20),
		int64(r.between(0, 2)),
		int64(r.between(0, 1)),
		cnt(0, 3),
		cnt(0, 5),
		int64(r.between(0, 10) / 9),
		cnt(0, 6),
	}
	out := make([]form.Activity, 0, len(form.EnumIndicator.Values))
	for i, ind := range form.EnumIndicator.Values {
		a := form.Activity{Unit: u.code, Indicator: ind, Count: vals[i%len(vals)]}
		switch {
		case ind == form.IndicatorProjects && a.Count > 0:
			a.Value = roundMoney(r, float64(a.Count)*r.uniform(400, 8000)*s)
		case ind == form.IndicatorInitiatives && a.Count > 0:
			a.Value = roundMoney(r, float64(a.Count)*r.uniform(15, 250))
			if r.chance(0.3) {
				a.Note = "Giá trị làm lợi ước tính"
			}
		}
		out = append(out, a)
	}
	return out
}

// evaluation writes the four texts of `Đánh giá` from the unit's own figures.
func evaluation(r *rng, u *node, sub *form.Submission, target float64) []form.Narrative {
	var newCount, inBloc int
	var delivered form.Money
	for _, a := range sub.Agreements {
		if a.Status == form.StatusNew {
			newCount++
		}
		if a.InBloc {
			inBloc++
		}
		delivered += a.Delivered
	}
	var total, domestic form.Money
	for _, p := range sub.Purchases {
		total += p.Total
		domestic += p.Domestic
	}
	share := 0.0
	if total > 0 {
		share = float64(domestic) / float64(total)
	}
	pct := func(f float64) string {
		return strings.Replace(strconv.FormatFloat(f*100, 'f', 1, 64), ".", ",", 1) + "%"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Trong quý %s/%d, %s thực hiện %d thỏa thuận hợp tác (%d thỏa thuận với đơn vị trong Khối), trong đó ký mới %d thỏa thuận; giá trị thực hiện đạt %s triệu đồng. ",
		[]string{"", "I", "II", "III", "IV"}[sub.Info.Quarter.Q], sub.Info.Quarter.Year, u.company, len(sub.Agreements), inBloc, newCount, form.FormatMoneyVN(delivered))
	fmt.Fprintf(&b, "Tổng giá trị mua sắm %s triệu đồng, tỷ lệ hàng sản xuất trong nước đạt %s", form.FormatMoneyVN(total), pct(share))
	if share >= target {
		b.WriteString(", vượt chỉ tiêu đề ra. ")
	} else {
		b.WriteString(", chưa đạt chỉ tiêu " + pct(target) + ". ")
	}
	b.WriteString(r.pick(evalHighlights))
	limits := r.pick(evalLimits)
	if share < target {
		limits = "Tỷ lệ mua sắm hàng sản xuất trong nước chưa đạt chỉ tiêu do phải nhập khẩu một số máy móc, thiết bị chuyên dụng. " + limits
	}
	next := strings.ReplaceAll(r.pick(evalNext[:2])+" "+r.pick(evalNext[2:]), "{target}", pct(target))
	return []form.Narrative{
		{Label: form.EnumEvaluation.Values[0], Text: b.String()},
		{Label: form.EnumEvaluation.Values[1], Text: limits},
		{Label: form.EnumEvaluation.Values[2], Text: r.pick(evalProposals)},
		{Label: form.EnumEvaluation.Values[3], Text: next},
	}
}

// variety returns presentation choices people make that the reader must take in its stride
// (form-v1.md: "strict about meaning, forgiving about presentation"), none of which is a
// finding: a `Tổng cộng` row under the data with the right sums, amounts typed as text in
// the Vietnamese style (1.234.567,5), dates typed as text (dd/mm/yyyy).
func (pl *plan) variety(sub *form.Submission) []cellEdit {
	r := newRNG(pl.p.Seed, "variety", sub.Info.UnitCode, sub.Info.Quarter.String())
	var out []cellEdit
	if r.chance(0.15) && len(sub.Purchases) > 0 {
		var t, d, b form.Money
		for _, p := range sub.Purchases {
			t, d, b = t+p.Total, d+p.Domestic, b+p.InBloc
		}
		row := len(sub.Purchases)
		out = append(out, cellEdit{sheet: form.SheetPurchases, col: form.ColCategory, row: row, text: "Tổng cộng"},
			cellEdit{sheet: form.SheetPurchases, col: form.ColTotal, row: row, number: t.String()},
			cellEdit{sheet: form.SheetPurchases, col: form.ColDomestic, row: row, number: d.String()},
			cellEdit{sheet: form.SheetPurchases, col: form.ColInBlocV, row: row, number: b.String()})
	}
	if r.chance(0.08) && len(sub.Agreements) > 0 {
		var n int64
		var c, d form.Money
		for _, a := range sub.Agreements {
			n, c, d = n+a.Contracts, c+a.ContractValue, d+a.Delivered
		}
		row := len(sub.Agreements)
		out = append(out, cellEdit{sheet: form.SheetAgreements, col: form.ColNumber, row: row, text: "Cộng"},
			cellEdit{sheet: form.SheetAgreements, col: form.ColContracts, row: row, number: strconv.FormatInt(n, 10)},
			cellEdit{sheet: form.SheetAgreements, col: form.ColContractVal, row: row, number: c.String()},
			cellEdit{sheet: form.SheetAgreements, col: form.ColDelivered, row: row, number: d.String()})
	}
	if r.chance(0.1) {
		for i, p := range sub.Purchases {
			if s, ok := moneyTextVN(p.Total); ok && r.chance(0.5) {
				out = append(out, cellEdit{sheet: form.SheetPurchases, col: form.ColTotal, row: i, text: s})
			}
		}
	}
	if r.chance(0.05) {
		for i, a := range sub.Agreements {
			if r.chance(0.5) {
				out = append(out, cellEdit{sheet: form.SheetAgreements, col: form.ColSigned, row: i, text: period.FormatVN(a.Signed)})
			}
		}
	}
	return out
}

// moneyTextVN writes an amount the Vietnamese way (1.234.567,5), unless that spelling would
// be ambiguous (1.234 or 12,345: the reader would rightly refuse it).
func moneyTextVN(m form.Money) (string, bool) {
	if m <= 0 {
		return "", false
	}
	s := form.FormatMoneyVN(m)
	intPart, frac, hasFrac := strings.Cut(s, ",")
	if dots := strings.Count(intPart, "."); (dots == 1 && !hasFrac) || (dots == 0 && hasFrac && len(frac) == 3 && len(intPart) <= 3) {
		return "", false
	}
	return s, true
}

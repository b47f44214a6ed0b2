package tables

import (
	"strings"
	"testing"
	"time"

	"github.com/vdhv/vdhv/pkg/aggregate"
	"github.com/vdhv/vdhv/pkg/engine"
	"github.com/vdhv/vdhv/pkg/form"
	"github.com/vdhv/vdhv/pkg/pdfdoc"
	"github.com/vdhv/vdhv/pkg/period"
	"github.com/vdhv/vdhv/pkg/units"
	"github.com/vdhv/vdhv/pkg/vntext"
	"github.com/vdhv/vdhv/pkg/workspace"
)

// The test world:
//
//	K (khoi)
//	├── DA (đảng ủy, reports for its own office)
//	│   ├── A1
//	│   └── A2
//	├── DB (đảng ủy)
//	│   ├── B1
//	│   └── B2
//	└── C1 (cơ sở directly under the bloc)
const treeYAML = `
code: K
name: Đảng bộ Khối Thử nghiệm
kind: khoi
units:
  - code: DA
    name: Đảng ủy A
    kind: dang-uy-truc-thuoc
    reports: true
    units:
      - { code: A1, name: Đảng bộ A1, kind: dang-bo-co-so }
      - { code: A2, name: "=Chi bộ A2", kind: chi-bo-co-so }
  - code: DB
    name: Đảng ủy B
    kind: dang-uy-truc-thuoc
    units:
      - { code: B1, name: Đảng bộ B1, kind: dang-bo-co-so }
      - { code: B2, name: Chi bộ B2, kind: chi-bo-co-so }
  - { code: C1, name: Chi bộ C1, kind: chi-bo-co-so }
`

func testTree(t testing.TB) *units.Tree {
	t.Helper()
	tr, err := units.Parse([]byte(treeYAML), "units.yaml", units.Options{})
	if err != nil {
		t.Fatalf("units.Parse: %v", err)
	}
	return tr
}

func qq(s string) period.Quarter {
	q, err := period.ParseQuarter(s)
	if err != nil {
		panic(err)
	}
	return q
}

func pp(s string) period.Period {
	p, err := period.ParsePeriod(s)
	if err != nil {
		panic(err)
	}
	return p
}

func date(s string) time.Time {
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return d
}

func money(f float64) form.Money { return form.MoneyFromFloat(f) }

func ag(number, partner, role string, delivered float64, contracts int64, value float64) form.Agreement {
	a := form.Agreement{Number: number, NumberKey: vntext.Key(number), Role: role,
		Field: form.EnumField.Values[0], Signed: date("2025-02-01"), Status: form.StatusActive,
		Delivered: money(delivered), Contracts: contracts, ContractValue: money(value)}
	if strings.HasPrefix(partner, "name:") {
		a.PartnerName = partner[5:]
	} else {
		a.PartnerCode = partner
		a.InBloc = true
	}
	return a
}

func buy(cat int, total, domestic, inBloc float64) form.Purchase {
	return form.Purchase{Category: form.EnumCategory.Values[cat], Total: money(total), Domestic: money(domestic), InBloc: money(inBloc)}
}

func check(kind, result int, inProg bool, recs, remedied int64) form.Check {
	return form.Check{Kind: form.EnumCheckKind.Values[kind], Result: form.EnumCheckResult.Values[result],
		InProgramme: inProg, Recs: recs, Remedied: remedied, Start: date("2025-02-01")}
}

func act(ind int, count int64, value float64) form.Activity {
	return form.Activity{Indicator: form.EnumIndicator.Values[ind], Count: count, Value: money(value)}
}

func sub(unit, q string, rows ...any) *form.Submission {
	s := &form.Submission{Path: "submissions/" + q + "/" + unit + ".xlsx",
		Info: form.Info{UnitCode: unit, Quarter: qq(q), Kind: form.ReportKindUnit}}
	for i, r := range rows {
		switch r := r.(type) {
		case form.Agreement:
			r.Unit, r.Row = unit, i+2
			s.Agreements = append(s.Agreements, r)
		case form.Purchase:
			r.Unit, r.Row = unit, i+2
			s.Purchases = append(s.Purchases, r)
		case form.Check:
			r.Unit, r.Row = unit, i+2
			s.Checks = append(s.Checks, r)
		case form.Activity:
			r.Unit, r.Row = unit, i+2
			s.Activities = append(s.Activities, r)
		default:
			panic("sub: unexpected row type")
		}
	}
	return s
}

// world computes a period from subs with the statuses st (unit -> quarter -> status; units
// not listed are on time when they have a file, missing otherwise) and returns the
// Result and the workspace statuses in the engine's order.
func world(t testing.TB, tr *units.Tree, per string, subs []*form.Submission, st map[string]string) (*aggregate.Result, []workspace.UnitStatus) {
	t.Helper()
	p := pp(per)
	have := map[string]bool{}
	for _, s := range subs {
		have[s.Info.UnitCode+"@"+s.Info.Quarter.String()] = true
	}
	in := aggregate.Input{Tree: tr, Period: p, Subs: subs, Status: map[period.Quarter]map[string]aggregate.Status{}}
	var statuses []workspace.UnitStatus
	for _, u := range tr.Units() {
		for _, q := range p.Quarters() {
			if !u.Reports || !u.ActiveIn(q) {
				continue
			}
			key := u.Code + "@" + q.String()
			s := st[key]
			if s == "" {
				s = workspace.StatusMissing
				if have[key] {
					s = workspace.StatusOnTime
				}
			}
			m := in.Status[q]
			if m == nil {
				m = map[string]aggregate.Status{}
				in.Status[q] = m
			}
			m[u.Code] = map[string]aggregate.Status{workspace.StatusOnTime: aggregate.OnTime, workspace.StatusLate: aggregate.Late,
				workspace.StatusInvalid: aggregate.Invalid, workspace.StatusMissing: aggregate.Missing}[s]
			us := workspace.UnitStatus{Unit: u, Quarter: q, Status: s}
			if s == workspace.StatusLate || s == workspace.StatusInvalid {
				us.Received, us.ReceivedKnown = date("2025-07-25"), true
			}
			statuses = append(statuses, us)
		}
	}
	r, err := aggregate.Compute(in)
	if err != nil {
		t.Fatalf("Compute: %v", err)
	}
	return r, statuses
}

// testOutcome is the hand-made world of the tests (2025-H1), with the previous year when
// withPrev.
//
// Spending: A1 140/200 domestic (70%), A2 100/1000 (10%), DA's own office 10/10 (100%):
// the đảng ủy's share from the sums is 250/1210 ≈ 20.7%, the average of its rows 60%.
func testOutcome(t testing.TB, withPrev bool) *engine.Outcome {
	tr := testTree(t)
	subs := []*form.Submission{
		sub("A1", "2025-Q1", buy(0, 100, 90, 10), ag("01/TTHT-A1-B1", "B1", form.RoleSupply, 50, 2, 200),
			check(0, 0, true, 3, 2), act(0, 4, 0), act(5, 1, 120.5)),
		sub("A1", "2025-Q2", buy(0, 100, 50, 0), ag("01/TTHT-A1-B1", "B1", form.RoleSupply, 30, 0, 0)),
		sub("A2", "2025-Q1", buy(1, 1000, 100, 0), ag("HD-9", "name:Công ty Ngoài Khối", form.RoleUse, 5, 1, 10)),
		sub("A2", "2025-Q2", check(1, 2, false, 1, 0)),
		sub("DA", "2025-Q1", buy(2, 10, 10, 10)),
		sub("B1", "2025-Q1", ag("01/TTHT-A1-B1", "A1", form.RoleUse, 40, 2, 200), ag("=SUM(A1)", "C1", form.RoleBoth, 7, 0, 0)),
		sub("B1", "2025-Q2", ag("01/TTHT-A1-B1", "A1", form.RoleUse, 30, 0, 0), check(2, 1, true, 0, 0)),
		sub("C1", "2025-Q1", act(2, 10, 0)),
	}
	st := map[string]string{"A2@2025-Q2": workspace.StatusLate}
	res, statuses := world(t, tr, "2025-H1", subs, st)
	o := &engine.Outcome{Period: pp("2025-H1"), Result: res, Statuses: statuses}
	if withPrev {
		prevSubs := []*form.Submission{
			sub("A1", "2024-Q1", buy(0, 100, 60, 0), check(0, 0, true, 2, 2), act(0, 2, 0)),
			sub("A2", "2024-Q2", buy(1, 100, 100, 0)),
		}
		o.Prev, _ = world(t, tr, "2024-H1", prevSubs, nil)
	}
	return o
}

// cellText returns the Text of every cell, tab-separated, one line per row.
func dumpTable(tb *pdfdoc.Table) string {
	var b strings.Builder
	b.WriteString("## " + tb.Title + "\n")
	if tb.Unit != "" {
		b.WriteString("(" + tb.Unit + ")\n")
	}
	if len(tb.HeaderRows) > 0 {
		for _, hr := range tb.HeaderRows {
			var cells []string
			for _, h := range hr {
				s := h.Text
				if h.ColSpan > 1 || h.RowSpan > 1 {
					s += "[" + itoa(max(1, h.ColSpan)) + "x" + itoa(max(1, h.RowSpan)) + "]"
				}
				cells = append(cells, s)
			}
			b.WriteString("H\t" + strings.Join(cells, "\t") + "\n")
		}
	} else {
		var cells []string
		for _, c := range tb.Columns {
			cells = append(cells, c.Header)
		}
		b.WriteString("H\t" + strings.Join(cells, "\t") + "\n")
	}
	for _, r := range tb.Rows {
		mark := strings.Repeat(">", r.Level)
		switch r.Style {
		case pdfdoc.RowSubtotal:
			mark += "S"
		case pdfdoc.RowTotal:
			mark += "T"
		}
		var cells []string
		for _, c := range r.Cells {
			cells = append(cells, c.Text)
		}
		b.WriteString(mark + "\t" + strings.Join(cells, "\t") + "\n")
	}
	if tb.Note != "" {
		b.WriteString("Note: " + tb.Note + "\n")
	}
	return b.String()
}

func dumpChart(c *pdfdoc.Chart) string {
	var b strings.Builder
	b.WriteString("## " + c.Title + "\n")
	b.WriteString("C\t" + strings.Join(c.Categories, "\t") + "\n")
	for _, s := range c.Series {
		var vs []string
		for _, v := range s.Values {
			vs = append(vs, fmtFloat(v))
		}
		b.WriteString(s.Name + "\t" + strings.Join(vs, "\t") + "\n")
	}
	if c.Target != nil {
		b.WriteString("Target\t" + fmtFloat(*c.Target) + "\t" + c.TargetLabel + "\n")
	}
	return b.String()
}

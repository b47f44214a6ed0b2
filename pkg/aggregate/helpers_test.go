package aggregate

import (
	"bytes"
	"testing"
	"time"

	"github.com/vdhv/vdhv/pkg/form"
	"github.com/vdhv/vdhv/pkg/period"
	"github.com/vdhv/vdhv/pkg/units"
	"github.com/vdhv/vdhv/pkg/vntext"
)

// testTree is the hierarchy of the hand-written tests:
//
//	K (khoi)
//	├── DA (đảng ủy, reports for its own office)
//	│   ├── A1
//	│   └── A2
//	├── DB (đảng ủy)
//	│   ├── B1
//	│   └── B2 (active from 2025-Q2)
//	└── C1 (cơ sở directly under the bloc, active until 2025-Q1)
const testTreeYAML = `
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
      - { code: A2, name: Chi bộ A2, kind: chi-bo-co-so }
  - code: DB
    name: Đảng ủy B
    kind: dang-uy-truc-thuoc
    units:
      - { code: B1, name: Đảng bộ B1, kind: dang-bo-co-so }
      - { code: B2, name: Chi bộ B2, kind: chi-bo-co-so, active_from: 2025-Q2 }
  - { code: C1, name: Chi bộ C1, kind: chi-bo-co-so, active_until: 2025-Q1 }
`

func parseTree(t testing.TB, src string) *units.Tree {
	t.Helper()
	tr, err := units.Parse([]byte(src), "units.yaml", units.Options{})
	if err != nil {
		t.Fatalf("units.Parse: %v", err)
	}
	return tr
}

func testTree(t testing.TB) *units.Tree { return parseTree(t, testTreeYAML) }

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

// ag builds an in-bloc agreement row with partner code partner (or, when partner starts
// with "name:", an outside partner with that name), role, delivered value, signed in
// 2024, status Đang thực hiện, first field; mods adjust it.
func ag(number, partner, role string, delivered float64, mods ...func(*form.Agreement)) form.Agreement {
	a := form.Agreement{Number: number, NumberKey: vntext.Key(number), Role: role,
		Field: form.EnumField.Values[0], Signed: date("2024-03-01"), Status: form.StatusActive,
		Delivered: money(delivered)}
	if len(partner) > 5 && partner[:5] == "name:" {
		a.PartnerName = partner[5:]
	} else {
		a.PartnerCode = partner
		a.InBloc = true
	}
	for _, m := range mods {
		m(&a)
	}
	return a
}

func withStatus(s string) func(*form.Agreement) { return func(a *form.Agreement) { a.Status = s } }
func withSigned(s string) func(*form.Agreement) {
	return func(a *form.Agreement) { a.Signed = date(s) }
}
func withExpires(s string) func(*form.Agreement) {
	return func(a *form.Agreement) { a.Expires = date(s) }
}
func withContracts(n int64, v float64) func(*form.Agreement) {
	return func(a *form.Agreement) { a.Contracts, a.ContractValue = n, money(v) }
}
func withField(i int) func(*form.Agreement) {
	return func(a *form.Agreement) { a.Field = form.EnumField.Values[i] }
}

// sub builds a unit file of unit for quarter q holding the rows of rows (form.Agreement,
// form.Purchase, form.Check, form.Activity), with their Unit set.
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

// rollup merges unit files of one quarter into one roll-up file sent by sender, with a
// Covered list (code -> cover status).
func rollup(sender, q string, covered map[string]string, order []string, files ...*form.Submission) *form.Submission {
	r := &form.Submission{Path: "submissions/" + q + "/" + sender + "-tong-hop.xlsx",
		Info: form.Info{UnitCode: sender, Quarter: qq(q), Kind: form.ReportKindRollup}}
	for _, f := range files {
		r.Agreements = append(r.Agreements, f.Agreements...)
		r.Purchases = append(r.Purchases, f.Purchases...)
		r.Checks = append(r.Checks, f.Checks...)
		r.Activities = append(r.Activities, f.Activities...)
	}
	for _, code := range order {
		r.Covered = append(r.Covered, form.CoveredUnit{Code: code, Status: covered[code]})
	}
	return r
}

func compute(t testing.TB, in Input) *Result {
	t.Helper()
	r, err := Compute(in)
	if err != nil {
		t.Fatalf("Compute: %v", err)
	}
	return r
}

func jsonOf(t testing.TB, r *Result) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := r.WriteJSON(&b); err != nil {
		t.Fatalf("WriteJSON: %v", err)
	}
	return b.Bytes()
}

// unit returns the result of code, failing the test when absent.
func unit(t testing.TB, r *Result, code string) *UnitResult {
	t.Helper()
	u := r.Unit(code)
	if u == nil {
		t.Fatalf("unit %s not in result", code)
	}
	return u
}

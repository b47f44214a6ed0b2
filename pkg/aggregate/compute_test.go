package aggregate

import (
	"errors"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/vdhv/vdhv/pkg/form"
	"github.com/vdhv/vdhv/pkg/period"
)

const (
	supply = form.RoleSupply
	use    = form.RoleUse
	both   = form.RoleBoth
)

// aw is the scalar part of Agreements, for compact tables.
type aw struct {
	inForce, new, ended, inBloc, contracts int64
	cv, dv                                 float64
}

func awOf(a Agreements) aw {
	return aw{a.InForce, a.New, a.Ended, a.InBloc, a.Contracts, a.ContractValue.Float(), a.Delivered.Float()}
}

func TestAgreementDeduplication(t *testing.T) {
	tests := []struct {
		name   string
		period string
		subs   []*form.Submission
		want   map[string]aw
	}{{
		name:   "pair under two đảng ủy: once at the bloc, each side below",
		period: "2025-Q1",
		subs: []*form.Submission{
			sub("A1", "2025-Q1", ag("01/TT", "B1", supply, 100, withContracts(1, 500))),
			sub("B1", "2025-Q1", ag("01/tt", "A1", use, 90, withContracts(1, 400))),
		},
		want: map[string]aw{
			"K":  {1, 0, 0, 1, 1, 500, 100},
			"DA": {1, 0, 0, 1, 1, 500, 100}, "A1": {1, 0, 0, 1, 1, 500, 100},
			"DB": {1, 0, 0, 1, 1, 400, 90}, "B1": {1, 0, 0, 1, 1, 400, 90},
			"A2": {}, "C1": {},
		},
	}, {
		name:   "pair inside one đảng ủy: once at the đảng ủy and above",
		period: "2025-Q1",
		subs: []*form.Submission{
			sub("A1", "2025-Q1", ag("01/TT", "A2", use, 100)),
			sub("A2", "2025-Q1", ag("01/TT", "A1", supply, 80)),
		},
		want: map[string]aw{
			"K": {1, 0, 0, 1, 0, 0, 80}, "DA": {1, 0, 0, 1, 0, 0, 80},
			"A1": {1, 0, 0, 1, 0, 0, 100}, "A2": {1, 0, 0, 1, 0, 0, 80}, "DB": {},
		},
	}, {
		name:   "cơ sở names its partner's đảng ủy",
		period: "2025-Q1",
		subs: []*form.Submission{
			sub("A1", "2025-Q1", ag("01/TT", "DB", supply, 100)),
			sub("B1", "2025-Q1", ag("01/TT", "A1", use, 90)),
		},
		want: map[string]aw{"K": {1, 0, 0, 1, 0, 0, 100}, "DA": {1, 0, 0, 1, 0, 0, 100}, "DB": {1, 0, 0, 1, 0, 0, 90}},
	}, {
		name:   "both sides name the other's đảng ủy",
		period: "2025-Q1",
		subs: []*form.Submission{
			sub("A1", "2025-Q1", ag("01/TT", "DB", use, 100)),
			sub("B1", "2025-Q1", ag("01/TT", "DA", supply, 90)),
		},
		want: map[string]aw{"K": {1, 0, 0, 1, 0, 0, 90}},
	}, {
		name:   "different numbers are different agreements",
		period: "2025-Q1",
		subs: []*form.Submission{
			sub("A1", "2025-Q1", ag("01/TT", "B1", supply, 100)),
			sub("B1", "2025-Q1", ag("02/TT", "A1", use, 90)),
		},
		want: map[string]aw{"K": {2, 0, 0, 2, 0, 0, 190}},
	}, {
		name:   "same number, partner not the other unit or above it",
		period: "2025-Q2",
		subs: []*form.Submission{
			sub("A1", "2025-Q2", ag("01/TT", "B2", supply, 100)),
			sub("B1", "2025-Q2", ag("01/TT", "A1", use, 90)),
		},
		want: map[string]aw{"K": {2, 0, 0, 2, 0, 0, 190}, "DB": {1, 0, 0, 1, 0, 0, 90}},
	}, {
		name:   "outside partner",
		period: "2025-Q1",
		subs:   []*form.Submission{sub("A1", "2025-Q1", ag("01/TT", "name:Công ty X", supply, 100))},
		want:   map[string]aw{"K": {1, 0, 0, 0, 0, 0, 100}, "A1": {1, 0, 0, 0, 0, 0, 100}},
	}, {
		name:   "same number with two partners is two agreements",
		period: "2025-Q1",
		subs: []*form.Submission{
			sub("A1", "2025-Q1", ag("01/TT", "name:Công ty X", supply, 100), ag("01/TT", "B1", supply, 7)),
			sub("B1", "2025-Q1", ag("01/TT", "A1", use, 5)),
		},
		want: map[string]aw{"K": {2, 0, 0, 1, 0, 0, 107}, "A1": {2, 0, 0, 1, 0, 0, 107}, "B1": {1, 0, 0, 1, 0, 0, 5}},
	}, {
		name:   "đảng ủy's own office with its cơ sở: once at the đảng ủy",
		period: "2025-Q1",
		subs: []*form.Submission{
			sub("DA", "2025-Q1", ag("01/TT", "A1", supply, 100)),
			sub("A1", "2025-Q1", ag("01/TT", "DA", use, 60)),
		},
		want: map[string]aw{"K": {1, 0, 0, 1, 0, 0, 100}, "DA": {1, 0, 0, 1, 0, 0, 100}, "A1": {1, 0, 0, 1, 0, 0, 60}},
	}, {
		name:   "one row could pair with two: exact names win",
		period: "2025-Q2",
		subs: []*form.Submission{
			sub("A1", "2025-Q2", ag("01/TT", "DB", supply, 100)),
			sub("B1", "2025-Q2", ag("01/TT", "DA", use, 1)),
			sub("B2", "2025-Q2", ag("01/TT", "A1", use, 2)),
		},
		// A1 pairs with B2 (B2 names A1 exactly), B1 stays one-sided.
		want: map[string]aw{"K": {2, 0, 0, 2, 0, 0, 101}, "DB": {2, 0, 0, 2, 0, 0, 3}},
	}, {
		name:   "one row could pair with two equally: the first in preorder",
		period: "2025-Q2",
		subs: []*form.Submission{
			sub("A1", "2025-Q2", ag("01/TT", "DB", both, 100)),
			sub("B1", "2025-Q2", ag("01/TT", "A1", both, 1)),
			sub("B2", "2025-Q2", ag("01/TT", "A1", both, 2)),
		},
		want: map[string]aw{"K": {2, 0, 0, 2, 0, 0, 102}},
	}, {
		name:   "quarter with one side only: that row counts",
		period: "2025-H1",
		subs: []*form.Submission{
			sub("A1", "2025-Q1", ag("01/TT", "B1", supply, 100, withContracts(2, 30))),
			sub("B1", "2025-Q1", ag("01/TT", "A1", use, 90, withContracts(1, 10))),
			sub("B1", "2025-Q2", ag("01/TT", "A1", use, 50, withContracts(1, 5), withStatus(form.StatusDone))),
		},
		want: map[string]aw{
			"K":  {1, 0, 1, 1, 3, 35, 150},
			"A1": {1, 0, 0, 1, 2, 30, 100},
			"B1": {1, 0, 1, 1, 2, 15, 140},
		},
	}, {
		name:   "status from the latest quarter",
		period: "2025-H1",
		subs: []*form.Submission{
			sub("A1", "2025-Q1", ag("01/TT", "name:X", supply, 1, withStatus(form.StatusDone)), ag("02/TT", "name:X", supply, 1)),
			sub("A1", "2025-Q2", ag("01/TT", "name:X", supply, 1), ag("02/TT", "name:X", supply, 1, withStatus(form.StatusTerminated))),
		},
		want: map[string]aw{"A1": {2, 0, 1, 0, 0, 0, 4}},
	}, {
		name:   "new: signed inside the period (calendar)",
		period: "2025-H1",
		subs: []*form.Submission{
			sub("A1", "2025-Q1",
				ag("01", "name:X", supply, 0, withSigned("2025-01-01")),
				ag("02", "name:X", supply, 0, withSigned("2024-12-31")),
				ag("03", "name:X", supply, 0, withSigned("2025-06-30"))),
		},
		want: map[string]aw{"A1": {3, 2, 0, 0, 0, 0, 0}},
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := compute(t, Input{Tree: testTree(t), Period: pp(tc.period), Subs: tc.subs})
			for code, want := range tc.want {
				if got := awOf(unit(t, r, code).Agreements); got != want {
					t.Errorf("%s: got %+v, want %+v", code, got, want)
				}
			}
		})
	}
}

func TestNewWithND09Windows(t *testing.T) {
	subs := []*form.Submission{sub("A1", "2025-Q1",
		ag("01", "name:X", supply, 0, withSigned("2024-12-20")), // ND09 H1 starts 15/12/2024
		ag("02", "name:X", supply, 0, withSigned("2024-12-14")),
		ag("03", "name:X", supply, 0, withSigned("2025-06-20")), // after 14/6
	)}
	for _, tc := range []struct {
		w    period.Windows
		want int64
	}{{period.Calendar, 1}, {period.ND09, 1}} {
		r := compute(t, Input{Tree: testTree(t), Period: pp("2025-H1"), Windows: tc.w, Subs: subs})
		a := unit(t, r, "A1").Agreements
		if a.New != tc.want {
			t.Errorf("%v: new = %d, want %d", tc.w, a.New, tc.want)
		}
	}
	// Which one is new differs: calendar counts 03, ND09 counts 01.
	for _, tc := range []struct {
		w      period.Windows
		signed string
		want   int64
	}{{period.Calendar, "2024-12-20", 0}, {period.ND09, "2024-12-20", 1}, {period.Calendar, "2025-06-20", 1}, {period.ND09, "2025-06-20", 0}} {
		s := []*form.Submission{sub("A1", "2025-Q1", ag("01", "name:X", supply, 0, withSigned(tc.signed)))}
		r := compute(t, Input{Tree: testTree(t), Period: pp("2025-H1"), Windows: tc.w, Subs: s})
		if got := unit(t, r, "A1").Agreements.New; got != tc.want {
			t.Errorf("%v signed %s: new = %d, want %d", tc.w, tc.signed, got, tc.want)
		}
	}
}

func TestSupplyingSide(t *testing.T) {
	// A1 reports contract value 1, B1 contract value 2: the bloc's figure tells which
	// side was chosen.
	tests := []struct {
		ra, rb string
		da, db float64
		want   string // "A1" or "B1"
	}{
		{supply, use, 1, 9, "A1"},
		{use, supply, 9, 1, "B1"},
		{supply, both, 1, 9, "A1"},
		{both, supply, 9, 1, "B1"},
		{both, use, 1, 9, "A1"},
		{use, both, 9, 1, "B1"},
		{supply, supply, 5, 7, "B1"},
		{use, use, 7, 5, "A1"},
		{both, both, 5, 7, "B1"},
		{supply, supply, 5, 5, "A1"}, // tie: smaller unit code
		{use, use, 5, 5, "A1"},
	}
	for _, tc := range tests {
		subs := []*form.Submission{
			sub("A1", "2025-Q1", ag("01", "B1", tc.ra, tc.da, withContracts(1, 1))),
			sub("B1", "2025-Q1", ag("01", "A1", tc.rb, tc.db, withContracts(1, 2))),
		}
		r := compute(t, Input{Tree: testTree(t), Period: pp("2025-Q1"), Subs: subs})
		got := unit(t, r, "K").Agreements
		wantCV, wantDV := 1.0, tc.da
		if tc.want == "B1" {
			wantCV, wantDV = 2, tc.db
		}
		if got.InForce != 1 || got.ContractValue.Float() != wantCV || got.Delivered.Float() != wantDV {
			t.Errorf("%s/%s %v/%v: got in_force %d cv %v dv %v, want the %s side", tc.ra, tc.rb, tc.da, tc.db,
				got.InForce, got.ContractValue, got.Delivered, tc.want)
		}
		reg := r.Register
		if len(reg) != 1 || !reg[0].Paired || reg[0].ContractValue.Float() != wantCV {
			t.Errorf("%s/%s: register %+v", tc.ra, tc.rb, reg)
		}
	}
}

func TestSharesFromSums(t *testing.T) {
	subs := []*form.Submission{
		sub("A1", "2025-Q1", buy(0, 100, 100, 0)),
		sub("A2", "2025-Q1", buy(0, 900, 0, 900)),
		sub("B1", "2025-Q1", buy(1, 10, 10, 0)),
		sub("B1", "2025-Q2", buy(1, 990, 0, 0)),
	}
	r := compute(t, Input{Tree: testTree(t), Period: pp("2025-H1"), Subs: subs})
	tests := []struct {
		unit           string
		domestic, bloc float64
		ok             bool
	}{
		{"DA", 0.1, 0.9, true}, // averaging A1 (1.0) and A2 (0.0) would give 0.5
		{"DB", 0.01, 0, true},  // averaging the quarters would give 0.5
		{"K", 110.0 / 2000, 0.45, true},
		{"C1", 0, 0, false},
	}
	for _, tc := range tests {
		p := unit(t, r, tc.unit).Procurement
		d, ok := p.DomesticShare()
		b, _ := p.InBlocShare()
		if ok != tc.ok || d != tc.domestic || b != tc.bloc {
			t.Errorf("%s: shares %v %v %v, want %v %v %v", tc.unit, d, b, ok, tc.domestic, tc.bloc, tc.ok)
		}
	}
	if c := unit(t, r, "DA").Procurement.ByCategory[0]; c.Total != money(1000) || c.Domestic != money(100) {
		t.Errorf("DA category 0: %+v", c)
	}
	js := string(jsonOf(t, r))
	for _, want := range []string{`"domestic_share": 0.1,`, `"domestic_share": 0.01,`, `"domestic_share": 0.055,`, `"domestic_share": null,`} {
		if !strings.Contains(js, want) {
			t.Errorf("JSON lacks %s", want)
		}
	}
}

func TestReportingCounts(t *testing.T) {
	type rw = Reporting
	tests := []struct {
		name   string
		period string
		subs   []*form.Submission
		status map[period.Quarter]map[string]Status
		want   map[string]rw
		miss   []MissingReport
	}{{
		name:   "nothing received: inactive units not expected",
		period: "2025-H1",
		want: map[string]rw{
			"K":  {10, 0, 0, 0, 10}, // Q1: DA A1 A2 B1 C1; Q2: DA A1 A2 B1 B2
			"DA": {6, 0, 0, 0, 6}, "DB": {3, 0, 0, 0, 3}, "B2": {1, 0, 0, 0, 1}, "C1": {1, 0, 0, 0, 1},
		},
		miss: []MissingReport{{"A1", qq("2025-Q1")}, {"A2", qq("2025-Q1")}, {"B1", qq("2025-Q1")}, {"C1", qq("2025-Q1")},
			{"DA", qq("2025-Q1")}, {"A1", qq("2025-Q2")}, {"A2", qq("2025-Q2")}, {"B1", qq("2025-Q2")}, {"B2", qq("2025-Q2")},
			{"DA", qq("2025-Q2")}},
	}, {
		name:   "statuses as given, files without a status on time",
		period: "2025-Q1",
		subs:   []*form.Submission{sub("A1", "2025-Q1"), sub("DA", "2025-Q1"), sub("B1", "2025-Q1")},
		status: map[period.Quarter]map[string]Status{qq("2025-Q1"): {"A1": Late, "A2": Invalid, "C1": Missing, "B2": OnTime}},
		want: map[string]rw{
			"K":  {5, 2, 1, 1, 1},
			"DA": {3, 1, 1, 1, 0}, "DB": {1, 1, 0, 0, 0}, "B2": {}, "A1": {1, 0, 1, 0, 0},
		},
		miss: []MissingReport{{"C1", qq("2025-Q1")}},
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := compute(t, Input{Tree: testTree(t), Period: pp(tc.period), Subs: tc.subs, Status: tc.status})
			for code, want := range tc.want {
				if got := unit(t, r, code).Reporting; got != want {
					t.Errorf("%s: got %+v, want %+v", code, got, want)
				}
			}
			if !reflect.DeepEqual(r.Missing, tc.miss) {
				t.Errorf("missing:\n got %v\nwant %v", r.Missing, tc.miss)
			}
		})
	}
}

func TestInnerUnitOwnOffice(t *testing.T) {
	subs := []*form.Submission{
		sub("DA", "2025-Q1", buy(0, 50, 40, 0), check(0, 0, true, 2, 1), act(5, 1, 12.5)),
		sub("A1", "2025-Q1", buy(0, 10, 10, 10), check(1, 1, false, 3, 0), act(5, 2, 0.5)),
	}
	r := compute(t, Input{Tree: testTree(t), Period: pp("2025-Q1"), Subs: subs})
	da, k := unit(t, r, "DA"), unit(t, r, "K")
	for _, u := range []*UnitResult{da, k} {
		if u.Procurement.Total != money(60) || u.Checks.Total != 2 || u.Checks.InProgramme != 1 ||
			u.Checks.Recommendations != 5 || u.Checks.Remedied != 1 || u.Activities[5].Count != 3 ||
			u.Activities[5].Value != money(13) {
			t.Errorf("%s: %+v %+v %+v", u.Code, u.Procurement, u.Checks, u.Activities[5])
		}
		if u.Checks.ByKind[0].N != 1 || u.Checks.ByKind[1].N != 1 || u.Checks.ByResult[0].N != 1 || u.Checks.ByResult[1].N != 1 {
			t.Errorf("%s: by kind/result %+v %+v", u.Code, u.Checks.ByKind, u.Checks.ByResult)
		}
	}
	if da.Own.Procurement.Total != money(50) || da.Own.Reporting != (Reporting{1, 1, 0, 0, 0}) {
		t.Errorf("DA own: %+v %+v", da.Own.Procurement, da.Own.Reporting)
	}
	if da.Reporting != (Reporting{3, 2, 0, 0, 1}) {
		t.Errorf("DA reporting %+v", da.Reporting)
	}
}

func TestPerQuarterFigures(t *testing.T) {
	subs := []*form.Submission{
		sub("A1", "2025-Q1", ag("01", "B1", supply, 10, withSigned("2025-02-01"), withStatus(form.StatusNew)), buy(0, 5, 5, 0)),
		sub("B1", "2025-Q1", ag("01", "A1", use, 9, withSigned("2025-02-01"), withStatus(form.StatusNew))),
		sub("A1", "2025-Q2", ag("01", "B1", supply, 20, withSigned("2025-02-01"), withStatus(form.StatusDone)), buy(0, 7, 0, 0)),
	}
	r := compute(t, Input{Tree: testTree(t), Period: pp("2025-H1"), Subs: subs})
	k := unit(t, r, "K")
	if len(k.ByQuarter) != 2 {
		t.Fatalf("ByQuarter: %d", len(k.ByQuarter))
	}
	q1, q2 := awOf(k.ByQuarter[0].Agreements), awOf(k.ByQuarter[1].Agreements)
	if q1 != (aw{1, 1, 0, 1, 0, 0, 10}) || q2 != (aw{1, 0, 1, 1, 0, 0, 20}) || awOf(k.Agreements) != (aw{1, 1, 1, 1, 0, 0, 30}) {
		t.Errorf("K by quarter %+v %+v, period %+v", q1, q2, awOf(k.Agreements))
	}
	if k.ByQuarter[0].Procurement.Total != money(5) || k.ByQuarter[1].Procurement.Total != money(7) {
		t.Errorf("procurement by quarter")
	}
}

func TestFieldBreakdown(t *testing.T) {
	subs := []*form.Submission{
		sub("A1", "2025-Q1", ag("01", "B1", supply, 10, withField(3), withContracts(1, 4)), ag("02", "name:X", use, 1, withField(3))),
		sub("B1", "2025-Q1", ag("01", "A1", use, 9, withField(3))),
	}
	r := compute(t, Input{Tree: testTree(t), Period: pp("2025-Q1"), Subs: subs})
	f := unit(t, r, "K").Agreements.ByField
	if len(f) != len(form.EnumField.Values) || f[3] != (FieldFigures{form.EnumField.Values[3], 2, 1, money(4), money(11)}) {
		t.Errorf("by field: %+v", f)
	}
}

func TestRollupEqualsUnitFiles(t *testing.T) {
	da1 := sub("DA", "2025-Q1", buy(0, 5, 5, 0), ag("07", "A2", supply, 3))
	a1 := sub("A1", "2025-Q1", ag("01", "B1", supply, 10), buy(2, 7, 1, 1), check(2, 3, true, 1, 1))
	a2 := sub("A2", "2025-Q1", act(0, 4, 0), ag("07", "DA", use, 2))
	b1 := sub("B1", "2025-Q1", ag("01", "DA", use, 9))
	status := map[period.Quarter]map[string]Status{qq("2025-Q1"): {"DA": OnTime, "A1": Late, "A2": OnTime, "B1": OnTime}}
	raw := compute(t, Input{Tree: testTree(t), Period: pp("2025-Q1"), Subs: []*form.Submission{da1, a1, a2, b1}, Status: status})

	ru := rollup("DA", "2025-Q1", map[string]string{"DA": form.CoverReported, "A1": form.CoverLate, "A2": form.CoverReported},
		[]string{"DA", "A1", "A2"}, da1, a1, a2)
	st2 := map[period.Quarter]map[string]Status{qq("2025-Q1"): {"B1": OnTime, "A1": Missing}}
	rolled := compute(t, Input{Tree: testTree(t), Period: pp("2025-Q1"), Subs: []*form.Submission{b1, ru}, Status: st2})
	if a, b := string(jsonOf(t, raw)), string(jsonOf(t, rolled)); a != b {
		t.Errorf("roll-up differs from unit files:\n%s", firstDiff(a, b))
	}
	if len(rolled.Problems) != 0 {
		t.Errorf("problems: %v", rolled.Problems)
	}
}

func TestUnitInRollupAndOnItsOwn(t *testing.T) {
	a1 := sub("A1", "2025-Q1", buy(0, 10, 10, 0))
	a1other := sub("A1", "2025-Q1", buy(0, 1000, 0, 0))
	ru := rollup("DA", "2025-Q1", map[string]string{"A1": form.CoverReported, "A2": form.CoverMissing}, []string{"A1", "A2"}, a1other)
	r := compute(t, Input{Tree: testTree(t), Period: pp("2025-Q1"), Subs: []*form.Submission{ru, a1}})
	want := []Problem{{Unit: "A1", Quarter: qq("2025-Q1"), Files: []string{a1.Path, ru.Path}}}
	if !reflect.DeepEqual(r.Problems, want) {
		t.Errorf("problems %+v, want %+v", r.Problems, want)
	}
	if got := unit(t, r, "K").Procurement.Total; got != money(10) {
		t.Errorf("K total %v: the unit's own file must win", got)
	}
	if got := unit(t, r, "A2").Reporting; got != (Reporting{1, 0, 0, 0, 1}) {
		t.Errorf("A2 %+v", got)
	}
}

func TestStatusDerivation(t *testing.T) {
	tests := []struct {
		name  string
		given Status // 0: no entry
		cover string // "": not covered
		own   bool
		want  Status
	}{
		{"own file, no status", 0, "", true, OnTime},
		{"no file, no status", 0, "", false, Missing},
		{"explicit late", Late, "", true, Late},
		{"explicit invalid", Invalid, "", false, Invalid},
		{"explicit on time without file", OnTime, "", false, OnTime},
		{"explicit missing", Missing, "", false, Missing},
		{"covered reported", 0, form.CoverReported, false, OnTime},
		{"covered late", 0, form.CoverLate, false, Late},
		{"covered missing", 0, form.CoverMissing, false, Missing},
		{"covered reported overrides missing", Missing, form.CoverReported, false, OnTime},
		{"covered: explicit invalid wins", Invalid, form.CoverMissing, false, Invalid},
		{"covered: explicit late wins", Late, form.CoverReported, false, Late},
	}
	for _, tc := range tests {
		var subs []*form.Submission
		if tc.own {
			subs = append(subs, sub("A1", "2025-Q1"))
		}
		if tc.cover != "" {
			subs = append(subs, rollup("DA", "2025-Q1", map[string]string{"A1": tc.cover}, []string{"A1"}))
		}
		var st map[period.Quarter]map[string]Status
		if tc.given != 0 {
			st = map[period.Quarter]map[string]Status{qq("2025-Q1"): {"A1": tc.given}}
		}
		r := compute(t, Input{Tree: testTree(t), Period: pp("2025-Q1"), Subs: subs, Status: st})
		got := unit(t, r, "A1").Reporting
		want := Reporting{Expected: 1}
		switch tc.want {
		case OnTime:
			want.OnTime = 1
		case Late:
			want.Late = 1
		case Invalid:
			want.Invalid = 1
		case Missing:
			want.Missing = 1
		}
		if got != want {
			t.Errorf("%s: got %+v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestReconciliation(t *testing.T) {
	rec := func(num, u1, u2 string, is ...Issue) []Reconciliation {
		var out []Reconciliation
		for _, i := range is {
			out = append(out, Reconciliation{Agreement: num, Units: [2]string{u1, u2}, Issue: i})
		}
		return out
	}
	tests := []struct {
		name string
		subs []*form.Submission
		want []Reconciliation
	}{{
		name: "agreeing reports",
		subs: []*form.Submission{
			sub("A1", "2025-Q1", ag("01", "B1", supply, 10)), sub("B1", "2025-Q1", ag("01", "A1", use, 10)),
		},
	}, {
		name: "unreported: the reporting unit, then the partner as written",
		subs: []*form.Submission{sub("B1", "2025-Q1", ag("01", "DA", use, 10)), sub("A1", "2025-Q1", ag("01", "name:X", use, 1))},
		want: rec("01", "B1", "DA", IssueUnreported),
	}, {
		name: "every difference, in sorted order",
		subs: []*form.Submission{
			sub("B1", "2025-Q1", ag("01", "A1", use, 10, withContracts(1, 5), withSigned("2024-01-01"), withExpires("2026-01-01"))),
			sub("A1", "2025-Q1", ag("01", "B1", use, 11, withContracts(2, 6), withStatus(form.StatusDone))),
		},
		want: rec("01", "A1", "B1", IssueContractValue, IssueContracts, IssueDeliveredValue, IssueExpiryDate,
			IssueRoles, IssueSignDate, IssueStatus),
	}, {
		name: "roles: both supplying; Hai chiều is no issue",
		subs: []*form.Submission{
			sub("A1", "2025-Q1", ag("01", "B1", supply, 1), ag("02", "B1", both, 1)),
			sub("B1", "2025-Q1", ag("01", "A1", supply, 1), ag("02", "A1", both, 1)),
		},
		want: rec("01", "A1", "B1", IssueRoles),
	}, {
		name: "only quarters where both sides report are compared",
		subs: []*form.Submission{
			sub("A1", "2025-Q1", ag("01", "B1", supply, 1)),
			sub("B1", "2025-Q1", ag("01", "A1", use, 1)),
			sub("B1", "2025-Q2", ag("01", "A1", use, 99)),
		},
	}, {
		name: "sorted by number then units",
		subs: []*form.Submission{
			sub("B1", "2025-Q1", ag("02", "A2", use, 1), ag("01", "C1", use, 1)),
			sub("A1", "2025-Q1", ag("02", "B1", use, 1)),
		},
		want: append(append(rec("01", "B1", "C1", IssueUnreported), rec("02", "A1", "B1", IssueUnreported)...),
			rec("02", "B1", "A2", IssueUnreported)...),
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := compute(t, Input{Tree: testTree(t), Period: pp("2025-H1"), Subs: tc.subs})
			got := r.Reconciliation
			for i := range got {
				got[i].NumberKey = ""
			}
			if len(got) == 0 && len(tc.want) == 0 {
				return
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

func TestCooperationAndInBlocUnits(t *testing.T) {
	subs := []*form.Submission{
		sub("A1", "2025-Q1", ag("01", "B1", supply, 1), ag("02", "C1", supply, 1), ag("03", "name:X", supply, 1)),
		sub("B1", "2025-Q1", ag("01", "A1", use, 1)),
		sub("A2", "2025-Q1", ag("04", "A1", use, 1), ag("05", "name:Y", use, 1)),
		sub("C1", "2025-Q1", ag("06", "name:Z", use, 1)),
	}
	r := compute(t, Input{Tree: testTree(t), Period: pp("2025-Q1"), Subs: subs})
	want := []Cooperation{{"DA", []string{"DB", "C1"}}, {"DB", []string{"DA"}}, {"C1", []string{"DA"}}}
	if !reflect.DeepEqual(r.Cooperation, want) {
		t.Errorf("cooperation %+v, want %+v", r.Cooperation, want)
	}
	if want := []string{"A1", "A2", "B1"}; !reflect.DeepEqual(r.InBlocUnits, want) {
		t.Errorf("in-bloc units %v, want %v", r.InBlocUnits, want)
	}
}

func TestComputeErrors(t *testing.T) {
	tr := testTree(t)
	bad := func(f func(*form.Submission)) []*form.Submission {
		s := sub("A1", "2025-Q1", ag("01", "B1", supply, 1), buy(0, 1, 1, 0), check(0, 0, true, 0, 0), act(0, 1, 0))
		f(s)
		return []*form.Submission{s}
	}
	tests := []struct {
		name string
		in   Input
		want string
	}{
		{"no tree", Input{Period: pp("2025")}, "no unit hierarchy"},
		{"invalid period", Input{Tree: tr, Period: period.Period{Kind: period.KindHalf, Year: 2025, N: 3}}, "invalid period"},
		{"outside period", Input{Tree: tr, Period: pp("2025-Q2"), Subs: bad(func(*form.Submission) {})}, "outside the period"},
		{"unknown unit", Input{Tree: tr, Period: pp("2025-Q1"), Subs: bad(func(s *form.Submission) { s.Info.UnitCode = "ZZ" })}, `"ZZ" is not in`},
		{"unknown roll-up row unit", Input{Tree: tr, Period: pp("2025-Q1"), Subs: bad(func(s *form.Submission) {
			s.Info.Kind = form.ReportKindRollup
			s.Purchases[0].Unit = "YY"
		})}, `"YY" is not in`},
		{"category", Input{Tree: tr, Period: pp("2025-Q1"), Subs: bad(func(s *form.Submission) { s.Purchases[0].Category = "x" })}, `"x" is not a value`},
		{"check kind", Input{Tree: tr, Period: pp("2025-Q1"), Subs: bad(func(s *form.Submission) { s.Checks[0].Kind = "x" })}, `"x" is not a value`},
		{"check result", Input{Tree: tr, Period: pp("2025-Q1"), Subs: bad(func(s *form.Submission) { s.Checks[0].Result = "x" })}, `"x" is not a value`},
		{"indicator", Input{Tree: tr, Period: pp("2025-Q1"), Subs: bad(func(s *form.Submission) { s.Activities[0].Indicator = "x" })}, `"x" is not a value`},
		{"field", Input{Tree: tr, Period: pp("2025-Q1"), Subs: bad(func(s *form.Submission) { s.Agreements[0].Field = "x" })}, `"x" is not a value`},
		{"role", Input{Tree: tr, Period: pp("2025-Q1"), Subs: bad(func(s *form.Submission) { s.Agreements[0].Role = "" })}, `"" is not a value`},
		{"agreement status", Input{Tree: tr, Period: pp("2025-Q1"), Subs: bad(func(s *form.Submission) { s.Agreements[0].Status = "x" })}, `"x" is not a value`},
		{"duplicate agreement", Input{Tree: tr, Period: pp("2025-Q1"), Subs: bad(func(s *form.Submission) {
			s.Agreements = append(s.Agreements, s.Agreements[0])
		})}, "listed twice"},
		{"amount", Input{Tree: tr, Period: pp("2025-Q1"), Subs: bad(func(s *form.Submission) { s.Agreements[0].Delivered = -1 })}, "out of range"},
		{"huge amount", Input{Tree: tr, Period: pp("2025-Q1"), Subs: bad(func(s *form.Submission) { s.Purchases[0].Total = 1e12 })}, "out of range"},
		{"count", Input{Tree: tr, Period: pp("2025-Q1"), Subs: bad(func(s *form.Submission) { s.Activities[0].Count = -2 })}, "out of range"},
		{"status value", Input{Tree: tr, Period: pp("2025-Q1"), Status: map[period.Quarter]map[string]Status{qq("2025-Q1"): {"A1": 9}}}, "unknown status"},
		{"cover status", Input{Tree: tr, Period: pp("2025-Q1"), Subs: []*form.Submission{
			rollup("DA", "2025-Q1", map[string]string{"A1": "x"}, []string{"A1"})}}, `"x" is not a value`},
	}
	for _, tc := range tests {
		r, err := Compute(tc.in)
		var e *Error
		if err == nil || r != nil || !errors.As(err, &e) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, %v; want an *Error containing %q", tc.name, r, err, tc.want)
			continue
		}
		if e.Localized("vi") == e.Localized("en") {
			t.Errorf("%s: no Vietnamese message: %s", tc.name, e.Localized("vi"))
		}
	}
}

func TestNilAndDuplicateSubs(t *testing.T) {
	a1 := sub("A1", "2025-Q1", buy(0, 10, 10, 0))
	r := compute(t, Input{Tree: testTree(t), Period: pp("2025-Q1"), Subs: []*form.Submission{nil, a1, a1}})
	if unit(t, r, "K").Procurement.Total != money(10) || len(r.Problems) != 0 {
		t.Errorf("the same *Submission twice must count once: %v %v", unit(t, r, "K").Procurement.Total, r.Problems)
	}
	a1b := sub("A1", "2025-Q1", buy(0, 1, 1, 0))
	a1b.Path = "other/A1.xlsx"
	r = compute(t, Input{Tree: testTree(t), Period: pp("2025-Q1"), Subs: []*form.Submission{a1, a1b}})
	if unit(t, r, "K").Procurement.Total != money(1) || len(r.Problems) != 1 {
		t.Errorf("two own files: the smaller path wins: %v %v", unit(t, r, "K").Procurement.Total, r.Problems)
	}
}

// firstDiff shows the first differing line of two texts.
func firstDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(la) && i < len(lb); i++ {
		if la[i] != lb[i] {
			return "line " + itoa(i+1) + ":\n  " + la[i] + "\n  " + lb[i]
		}
	}
	return "lengths " + itoa(len(la)) + " vs " + itoa(len(lb))
}

func itoa(i int) string { return strconv.Itoa(i) }

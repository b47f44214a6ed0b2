package aggregate

import (
	"bytes"
	"math/big"
	"math/rand"
	"sort"
	"strings"
	"testing"

	"github.com/vdhv/vdhv/pkg/form"
	"github.com/vdhv/vdhv/pkg/period"
	"github.com/vdhv/vdhv/pkg/units"
)

// The brute-force recount below shares no code with Compute: it pairs sides by
// comparing every two, and counts every unit's agreements by walking all sides.

type bSide struct {
	unit    *units.Unit
	num     string
	partner string // PartnerKey
	pu      *units.Unit
	rows    map[int]*form.Agreement // quarter index -> row
	mate    int
}

func (s *bSide) last(qs []int) *form.Agreement {
	var r *form.Agreement
	for _, q := range qs {
		if s.rows[q] != nil {
			r = s.rows[q]
		}
	}
	return r
}

func within(u, top *units.Unit) bool { return u == top || top.IsAncestorOf(u) }

func bruteSides(w *world) []*bSide {
	quarters := w.period.Quarters()
	m := map[string]*bSide{}
	var out []*bSide
	for _, s := range w.subs {
		qi := -1
		for i, q := range quarters {
			if q == s.Info.Quarter {
				qi = i
			}
		}
		u := w.tree.Lookup(s.Info.UnitCode)
		for i := range s.Agreements {
			a := &s.Agreements[i]
			k := u.Code + "\x00" + a.NumberKey + "\x00" + a.PartnerKey()
			sd := m[k]
			if sd == nil {
				sd = &bSide{unit: u, num: a.NumberKey, partner: a.PartnerKey(), rows: map[int]*form.Agreement{}, mate: -1}
				if a.PartnerCode != "" {
					sd.pu = w.tree.Lookup(a.PartnerCode)
				}
				m[k] = sd
				out = append(out, sd)
			}
			sd.rows[qi] = a
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.unit.Index != b.unit.Index {
			return a.unit.Index < b.unit.Index
		}
		if a.num != b.num {
			return a.num < b.num
		}
		return a.partner < b.partner
	})
	all := make([]int, len(quarters))
	for i := range all {
		all[i] = i
	}
	ok := func(s *bSide) bool {
		l := s.last(all)
		return l.InBloc && s.pu != nil && s.pu != s.unit
	}
	type cand struct{ i, j, exact int }
	var cands []cand
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			a, b := out[i], out[j]
			if !ok(a) || !ok(b) || a.num != b.num || a.unit == b.unit || !within(b.unit, a.pu) || !within(a.unit, b.pu) {
				continue
			}
			e := 0
			if a.pu == b.unit {
				e++
			}
			if b.pu == a.unit {
				e++
			}
			cands = append(cands, cand{i, j, e})
		}
	}
	sort.SliceStable(cands, func(x, y int) bool { return cands[x].exact > cands[y].exact })
	for _, c := range cands {
		if out[c.i].mate < 0 && out[c.j].mate < 0 {
			out[c.i].mate, out[c.j].mate = c.j, c.i
		}
	}
	return out
}

func supplyRank(r string) int {
	return map[string]int{form.RoleSupply: 3, form.RoleBoth: 2, form.RoleUse: 1}[r]
}

// bruteAgreements recounts the agreements of unit x over the quarters qs (indexes), with
// new meaning signed within [first, last].
func bruteAgreements(sides []*bSide, x *units.Unit, qs []int, w *world, first, last string) Agreements {
	var a Agreements
	a.ByField = make([]FieldFigures, len(form.EnumField.Values))
	for i, f := range form.EnumField.Values {
		a.ByField[i].Field = f
	}
	count := func(rows []*form.Agreement) { // one agreement: its chosen row per quarter
		var rep *form.Agreement
		var cv, dv form.Money
		var n int64
		for _, r := range rows {
			if r == nil {
				continue
			}
			rep = r
			n += r.Contracts
			cv += r.ContractValue
			dv += r.Delivered
		}
		if rep == nil {
			return
		}
		a.InForce++
		d := rep.Signed.Format("2006-01-02")
		if d >= first && d <= last {
			a.New++
		}
		if rep.Status == form.StatusDone || rep.Status == form.StatusTerminated {
			a.Ended++
		}
		fi := 0
		for i, f := range form.EnumField.Values {
			if f == rep.Field {
				fi = i
			}
		}
		a.ByField[fi].InForce++
		if rep.InBloc {
			a.InBloc++
			a.ByField[fi].InBloc++
		}
		a.Contracts += n
		a.ContractValue += cv
		a.Delivered += dv
		a.ByField[fi].ContractValue += cv
		a.ByField[fi].Delivered += dv
	}
	for i, s := range sides {
		if !within(s.unit, x) {
			continue
		}
		var rows []*form.Agreement
		if s.mate >= 0 && within(sides[s.mate].unit, x) {
			if s.mate < i {
				continue
			}
			m := sides[s.mate]
			for _, q := range qs {
				ra, rb := s.rows[q], m.rows[q]
				switch {
				case ra == nil:
					rows = append(rows, rb)
				case rb == nil:
					rows = append(rows, ra)
				case supplyRank(ra.Role) > supplyRank(rb.Role):
					rows = append(rows, ra)
				case supplyRank(ra.Role) < supplyRank(rb.Role):
					rows = append(rows, rb)
				case ra.Delivered > rb.Delivered:
					rows = append(rows, ra)
				case ra.Delivered < rb.Delivered:
					rows = append(rows, rb)
				case s.unit.Code < m.unit.Code:
					rows = append(rows, ra)
				default:
					rows = append(rows, rb)
				}
			}
		} else {
			for _, q := range qs {
				rows = append(rows, s.rows[q])
			}
		}
		count(rows)
	}
	return a
}

// ownFigures sums the rows of unit u's files directly.
func ownFlows(w *world, u *units.Unit, qs map[period.Quarter]bool) (p Procurement, c Checks, acts map[string]ActivityFigures) {
	acts = map[string]ActivityFigures{}
	for _, s := range w.subs {
		if s.Info.UnitCode != u.Code || !qs[s.Info.Quarter] {
			continue
		}
		for _, r := range s.Purchases {
			p.Total += r.Total
			p.Domestic += r.Domestic
			p.InBloc += r.InBloc
		}
		for _, r := range s.Checks {
			c.Total++
			if r.InProgramme {
				c.InProgramme++
			}
			c.Recommendations += r.Recs
			c.Remedied += r.Remedied
		}
		for _, r := range s.Activities {
			x := acts[r.Indicator]
			x.Count += r.Count
			x.Value += r.Value
			acts[r.Indicator] = x
		}
	}
	return
}

func sameScalars(a, b Agreements) bool {
	a.ByField, b.ByField = nil, nil
	return a.InForce == b.InForce && a.New == b.New && a.Ended == b.Ended && a.InBloc == b.InBloc &&
		a.Contracts == b.Contracts && a.ContractValue == b.ContractValue && a.Delivered == b.Delivered
}

func addFigures(dst *Figures, src Figures) {
	dst.Reporting.Expected += src.Reporting.Expected
	dst.Reporting.OnTime += src.Reporting.OnTime
	dst.Reporting.Late += src.Reporting.Late
	dst.Reporting.Invalid += src.Reporting.Invalid
	dst.Reporting.Missing += src.Reporting.Missing
	dst.Procurement.Total += src.Procurement.Total
	dst.Procurement.Domestic += src.Procurement.Domestic
	dst.Procurement.InBloc += src.Procurement.InBloc
	for i := range dst.Procurement.ByCategory {
		d, s := &dst.Procurement.ByCategory[i], src.Procurement.ByCategory[i]
		d.Total += s.Total
		d.Domestic += s.Domestic
		d.InBloc += s.InBloc
	}
	dst.Checks.Total += src.Checks.Total
	dst.Checks.InProgramme += src.Checks.InProgramme
	dst.Checks.Recommendations += src.Checks.Recommendations
	dst.Checks.Remedied += src.Checks.Remedied
	for i := range dst.Checks.ByKind {
		dst.Checks.ByKind[i].N += src.Checks.ByKind[i].N
	}
	for i := range dst.Checks.ByResult {
		dst.Checks.ByResult[i].N += src.Checks.ByResult[i].N
	}
	for i := range dst.Activities {
		dst.Activities[i].Count += src.Activities[i].Count
		dst.Activities[i].Value += src.Activities[i].Value
	}
	dst.Agreements.Contracts += src.Agreements.Contracts
	dst.Agreements.ContractValue += src.Agreements.ContractValue
	dst.Agreements.Delivered += src.Agreements.Delivered
}

// additive returns f without the non-additive agreement counts, for comparisons.
func additive(f Figures) Figures {
	f.Agreements = Agreements{Contracts: f.Agreements.Contracts, ContractValue: f.Agreements.ContractValue,
		Delivered: f.Agreements.Delivered}
	return f
}

// noAgreements returns f without any agreement figure.
func noAgreements(f Figures) Figures {
	f.Agreements = Agreements{}
	return f
}

// zeroLike returns zero figures with every enumeration key.
func zeroLike() Figures { return lay.figures(make([]int64, lay.n)) }

// refShare rounds num/den half up to 4 decimals with big.Rat, spelled like the JSON.
func refShare(num, den form.Money) string {
	if den == 0 {
		return "null"
	}
	s := new(big.Rat).SetFrac64(int64(num), int64(den)).FloatString(4)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

func checkWorld(t *testing.T, seed int64, w *world) {
	t.Helper()
	r, err := Compute(w.input())
	if err != nil {
		t.Fatalf("seed %d: %v", seed, err)
	}
	quarters := w.period.Quarters()
	all := make([]int, len(quarters))
	for i := range all {
		all[i] = i
	}
	sides := bruteSides(w)
	first, last := w.input().Windows.PeriodRange(w.period)
	fs, ls := first.Format("2006-01-02"), last.Format("2006-01-02")
	qset := map[period.Quarter]bool{}
	for _, q := range quarters {
		qset[q] = true
	}
	for _, u := range w.tree.Units() {
		ur := unit(t, r, u.Code)
		// Agreements against the brute-force recount, for the period and each quarter.
		want := bruteAgreements(sides, u, all, w, fs, ls)
		if !sameScalars(ur.Agreements, want) {
			t.Fatalf("seed %d %s %s: agreements\n got %+v\nwant %+v", seed, w.period, u.Code, awOf(ur.Agreements), awOf(want))
		}
		for i := range want.ByField {
			if want.ByField[i] != ur.Agreements.ByField[i] {
				t.Fatalf("seed %d %s: by field %+v, want %+v", seed, u.Code, ur.Agreements.ByField[i], want.ByField[i])
			}
		}
		for qi, q := range quarters {
			f, l := w.input().Windows.QuarterRange(q)
			wq := bruteAgreements(sides, u, []int{qi}, w, f.Format("2006-01-02"), l.Format("2006-01-02"))
			if !sameScalars(ur.ByQuarter[qi].Agreements, wq) {
				t.Fatalf("seed %d %s %s: agreements\n got %+v\nwant %+v", seed, q, u.Code, awOf(ur.ByQuarter[qi].Agreements), awOf(wq))
			}
		}
		// Own flows against the raw rows; inner totals = own + children.
		p, c, acts := ownFlows(w, u, qset)
		op := ur.Own.Procurement
		if op.Total != p.Total || op.Domestic != p.Domestic || op.InBloc != p.InBloc {
			t.Fatalf("seed %d %s: own procurement %+v, want %+v", seed, u.Code, op, p)
		}
		oc := ur.Own.Checks
		if oc.Total != c.Total || oc.InProgramme != c.InProgramme || oc.Recommendations != c.Recommendations || oc.Remedied != c.Remedied {
			t.Fatalf("seed %d %s: own checks %+v, want %+v", seed, u.Code, oc, c)
		}
		for _, a := range ur.Own.Activities {
			if x := acts[a.Indicator]; x.Count != a.Count || x.Value != a.Value {
				t.Fatalf("seed %d %s: own activity %+v, want %+v", seed, u.Code, a, x)
			}
		}
		var ownRep Reporting
		for _, q := range quarters {
			if u.Reports && u.ActiveIn(q) {
				ownRep.Expected++
			}
		}
		if ur.Own.Reporting.Expected != ownRep.Expected {
			t.Fatalf("seed %d %s: own expected %d, want %d", seed, u.Code, ur.Own.Reporting.Expected, ownRep.Expected)
		}
		rp := ur.Reporting
		if rp.OnTime+rp.Late+rp.Invalid+rp.Missing != rp.Expected {
			t.Fatalf("seed %d %s: reporting does not add up: %+v", seed, u.Code, rp)
		}
		// (Agreement flows are deduplicated, so not additive up the tree: the brute-force
		// recount above checks them.)
		sum := noAgreements(ur.Own)
		for _, ch := range u.Children {
			addFigures(&sum, unit(t, r, ch.Code).Figures)
		}
		if got := noAgreements(ur.Figures); !equalFigures(got, noAgreements(sum)) {
			t.Fatalf("seed %d %s: figures are not own + children:\n got %+v\nwant %+v", seed, u.Code, got, sum)
		}
		// Quarters add up to the period for every flow.
		qsum := zeroLike()
		for _, f := range ur.ByQuarter {
			addFigures(&qsum, f)
		}
		if got := additive(ur.Figures); !equalFigures(got, additive(qsum)) {
			t.Fatalf("seed %d %s: quarters do not add up to the period", seed, u.Code)
		}
	}
	js := jsonOf(t, r)
	// Shares are the sums' ratio.
	for _, u := range r.Units {
		p := u.Procurement
		for _, x := range [][3]string{
			{"domestic", refShare(p.Domestic, p.Total), string(jShare(p.Domestic, p.Total))},
			{"in_bloc", refShare(p.InBloc, p.Total), string(jShare(p.InBloc, p.Total))},
		} {
			if x[1] != x[2] {
				t.Fatalf("seed %d %s: %s share %s, want %s", seed, u.Code, x[0], x[2], x[1])
			}
		}
	}
	// Determinism: again, shuffled, rolled up, read back.
	rng := rand.New(rand.NewSource(seed))
	for i := 0; i < 2; i++ {
		in := w.input()
		in.Subs = w.shuffled(rng)
		if got := jsonOf(t, compute(t, in)); !bytes.Equal(got, js) {
			t.Fatalf("seed %d: shuffled submissions change the JSON: %s", seed, firstDiff(string(js), string(got)))
		}
	}
	ru := w.rolledUp()
	rr := compute(t, ru.input())
	if got := jsonOf(t, rr); !bytes.Equal(got, js) {
		t.Fatalf("seed %d: roll-ups change the JSON: %s", seed, firstDiff(string(js), string(got)))
	}
	if len(rr.Problems) != 0 || len(r.Problems) != 0 {
		t.Fatalf("seed %d: problems %v %v", seed, r.Problems, rr.Problems)
	}
	back, err := ReadJSON(bytes.NewReader(js))
	if err != nil {
		t.Fatalf("seed %d: ReadJSON: %v", seed, err)
	}
	if got := jsonOf(t, back); !bytes.Equal(got, js) {
		t.Fatalf("seed %d: ReadJSON+WriteJSON differs: %s", seed, firstDiff(string(js), string(got)))
	}
}

func equalFigures(a, b Figures) bool {
	return a.Reporting == b.Reporting && equalJSONish(a, b)
}

// equalJSONish compares every additive figure (procurement, checks, activities, agreement
// flows), slices element by element.
func equalJSONish(a, b Figures) bool {
	if a.Procurement.Total != b.Procurement.Total || a.Procurement.Domestic != b.Procurement.Domestic ||
		a.Procurement.InBloc != b.Procurement.InBloc || a.Checks.Total != b.Checks.Total ||
		a.Checks.InProgramme != b.Checks.InProgramme || a.Checks.Recommendations != b.Checks.Recommendations ||
		a.Checks.Remedied != b.Checks.Remedied || !sameScalars(a.Agreements, b.Agreements) {
		return false
	}
	for i := range a.Procurement.ByCategory {
		if a.Procurement.ByCategory[i] != b.Procurement.ByCategory[i] {
			return false
		}
	}
	for i := range a.Checks.ByKind {
		if a.Checks.ByKind[i] != b.Checks.ByKind[i] {
			return false
		}
	}
	for i := range a.Checks.ByResult {
		if a.Checks.ByResult[i] != b.Checks.ByResult[i] {
			return false
		}
	}
	for i := range a.Activities {
		if a.Activities[i] != b.Activities[i] {
			return false
		}
	}
	return true
}

func TestProperties(t *testing.T) {
	n := 200
	if testing.Short() {
		n = 40
	}
	paired, merged := 0, 0
	for seed := int64(1); seed <= int64(n); seed++ {
		rng := rand.New(rand.NewSource(seed))
		w := genWorld(t, rng, smallWorld)
		checkWorld(t, seed, w)
		for _, s := range bruteSides(w) {
			if s.mate >= 0 {
				paired++
			}
		}
		merged += len(w.subs)
	}
	// The generator must actually produce pairs, or the test proves little.
	if paired < 100 {
		t.Errorf("only %d paired sides over %d worlds", paired, n)
	}
	t.Logf("%d worlds, %d submissions, %d paired sides", n, merged, paired)
}

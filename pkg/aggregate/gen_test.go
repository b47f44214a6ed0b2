package aggregate

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"time"

	"github.com/vdhv/vdhv/pkg/form"
	"github.com/vdhv/vdhv/pkg/period"
	"github.com/vdhv/vdhv/pkg/units"
	"github.com/vdhv/vdhv/pkg/vntext"
)

// world is a randomly generated aggregation input made of unit files only.
type world struct {
	tree   *units.Tree
	period period.Period
	subs   []*form.Submission
	status map[period.Quarter]map[string]Status
}

func (w *world) input() Input {
	return Input{Tree: w.tree, Period: w.period, Subs: w.subs, Status: w.status}
}

// genOptions sizes a generated world.
type genOptions struct {
	tops, maxChildren int     // children of the root; children of a đảng ủy
	agreements        int     // agreement specs per reporting unit (each gives one or two sides)
	numbers           int     // size of the agreement-number space (small: collisions)
	pInBloc           float64 // share of in-bloc agreement specs
}

var smallWorld = genOptions{tops: 4, maxChildren: 4, agreements: 3, numbers: 6, pInBloc: 0.7}

// genTreeYAML writes a random hierarchy: the root K, đảng ủy (some reporting for their
// own office, some with a middle level) and cơ sở, some cơ sở directly under the root,
// some active only part of 2025.
func genTreeYAML(rng *rand.Rand, o genOptions) string {
	var b strings.Builder
	b.WriteString("code: K\nname: Khối\nkind: khoi\nunits:\n")
	n := 0
	code := func() string { n++; return fmt.Sprintf("U%03d", n) }
	leaf := func(indent string) {
		c := code()
		fmt.Fprintf(&b, "%s- code: %s\n%s  name: Chi bộ %s\n%s  kind: chi-bo-co-so\n", indent, c, indent, c, indent)
		switch rng.Intn(10) {
		case 0:
			fmt.Fprintf(&b, "%s  active_from: 2025-Q%d\n", indent, 2+rng.Intn(3))
		case 1:
			fmt.Fprintf(&b, "%s  active_until: 2025-Q%d\n", indent, 1+rng.Intn(3))
		}
	}
	tops := 1 + rng.Intn(o.tops)
	for i := 0; i < tops; i++ {
		if rng.Intn(4) == 0 {
			leaf("  ")
			continue
		}
		c := code()
		fmt.Fprintf(&b, "  - code: %s\n    name: Đảng ủy %s\n    kind: dang-uy-truc-thuoc\n", c, c)
		if rng.Intn(3) == 0 {
			b.WriteString("    reports: true\n")
		}
		b.WriteString("    units:\n")
		kids := 1 + rng.Intn(o.maxChildren)
		for j := 0; j < kids; j++ {
			if rng.Intn(6) == 0 {
				m := code()
				fmt.Fprintf(&b, "      - code: %s\n        name: Đảng bộ %s\n        kind: dang-bo-co-so\n", m, m)
				if rng.Intn(2) == 0 {
					b.WriteString("        reports: true\n")
				}
				b.WriteString("        units:\n")
				for k := 1 + rng.Intn(2); k > 0; k-- {
					leaf("          ")
				}
				continue
			}
			leaf("      ")
		}
	}
	return b.String()
}

var periods = []string{"2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2025-H1", "2025-H2", "2025"}

func randMoney(rng *rand.Rand, max int64) form.Money {
	if rng.Intn(5) == 0 {
		return 0
	}
	return form.Money(rng.Int63n(max * 1000))
}

// genWorld generates a world. The same rng state gives the same world.
func genWorld(t testing.TB, rng *rand.Rand, o genOptions) *world {
	w := &world{tree: parseTree(t, genTreeYAML(rng, o)), period: pp(periods[rng.Intn(len(periods))])}
	w.build(rng, o)
	return w
}

func (w *world) build(rng *rand.Rand, o genOptions) {
	quarters := w.period.Quarters()
	all := w.tree.Units()
	reporting := w.tree.Reporting()
	w.status = map[period.Quarter]map[string]Status{}
	files := map[string]*form.Submission{} // quarter|unit
	for _, q := range quarters {
		w.status[q] = map[string]Status{}
		for _, u := range w.tree.Expected(q) {
			x := rng.Float64()
			switch {
			case x < 0.12:
				if rng.Intn(2) == 0 {
					w.status[q][u.Code] = Missing
				}
				continue
			case x < 0.17:
				w.status[q][u.Code] = Invalid
				continue
			case x < 0.35:
				w.status[q][u.Code] = Late
			case x < 0.5:
				// no entry: on time by default
			default:
				w.status[q][u.Code] = OnTime
			}
			s := &form.Submission{Path: fmt.Sprintf("submissions/%d/Q%d/%s.xlsx", q.Year, q.Q, u.Code),
				Info: form.Info{UnitCode: u.Code, Quarter: q, Kind: form.ReportKindUnit}}
			files[q.String()+"|"+u.Code] = s
			w.subs = append(w.subs, s)
			row := 2
			for _, c := range rng.Perm(len(form.EnumCategory.Values))[:rng.Intn(4)] {
				tot := randMoney(rng, 1000)
				s.Purchases = append(s.Purchases, form.Purchase{Row: row, Unit: u.Code, Category: form.EnumCategory.Values[c],
					Total: tot, Domestic: form.Money(rng.Int63n(int64(tot) + 1)), InBloc: form.Money(rng.Int63n(int64(tot) + 1))})
				row++
			}
			for k := rng.Intn(3); k > 0; k-- {
				recs := rng.Int63n(4)
				s.Checks = append(s.Checks, form.Check{Row: row, Unit: u.Code,
					Kind:        form.EnumCheckKind.Values[rng.Intn(len(form.EnumCheckKind.Values))],
					Result:      form.EnumCheckResult.Values[rng.Intn(len(form.EnumCheckResult.Values))],
					InProgramme: rng.Intn(3) > 0, Recs: recs, Remedied: rng.Int63n(recs + 1)})
				row++
			}
			for _, i := range rng.Perm(len(form.EnumIndicator.Values))[:rng.Intn(4)] {
				a := form.Activity{Row: row, Unit: u.Code, Indicator: form.EnumIndicator.Values[i], Count: rng.Int63n(20)}
				if form.ValuedIndicators[a.Indicator] {
					a.Value = randMoney(rng, 500)
				}
				s.Activities = append(s.Activities, a)
				row++
			}
		}
	}
	if len(reporting) == 0 {
		return
	}
	// Agreement specs: in-bloc ones between two reporting units, each naming the other
	// or an ancestor of it; outside ones with a named partner.
	used := map[string]bool{} // unit|number|partner
	roles := form.EnumRole.Values
	statuses := form.EnumStatus.Values
	addRow := func(u *units.Unit, q period.Quarter, a form.Agreement) {
		s := files[q.String()+"|"+u.Code]
		if s == nil {
			return
		}
		a.Unit = u.Code
		a.Row = 100 + len(s.Agreements)
		s.Agreements = append(s.Agreements, a)
	}
	partnerFor := func(self, other *units.Unit) string {
		cands := []*units.Unit{other}
		for _, anc := range other.Ancestors() {
			if anc != self && !anc.IsAncestorOf(self) && rng.Intn(3) == 0 {
				cands = append(cands, anc)
			}
		}
		if rng.Intn(25) == 0 { // now and then an ancestor that also holds self
			for _, anc := range other.Ancestors() {
				if anc != self {
					cands = append(cands, anc)
				}
			}
		}
		return cands[rng.Intn(len(cands))].Code
	}
	base := time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)
	for _, u := range reporting {
		for k := 0; k < o.agreements; k++ {
			number := fmt.Sprintf("%02d/TTHT", rng.Intn(o.numbers))
			if rng.Intn(4) == 0 {
				number = strings.ToLower(number) + " " // same key, written differently
			}
			signed := base.AddDate(0, 0, rng.Intn(700))
			field := form.EnumField.Values[rng.Intn(len(form.EnumField.Values))]
			mk := func(unit *units.Unit, partner string, inBloc bool, q period.Quarter) form.Agreement {
				a := form.Agreement{Number: number, NumberKey: vntext.Key(number), InBloc: inBloc,
					Role: roles[rng.Intn(len(roles))], Field: field, Signed: signed,
					Status: statuses[rng.Intn(len(statuses))], Contracts: rng.Int63n(3),
					ContractValue: randMoney(rng, 300), Delivered: randMoney(rng, 300)}
				if inBloc {
					a.PartnerCode = partner
				} else {
					a.PartnerName = partner
				}
				if rng.Intn(10) == 0 {
					a.Signed = a.Signed.AddDate(0, 0, 1)
				}
				if rng.Intn(3) == 0 {
					a.Expires = signed.AddDate(2, 0, 0)
				}
				return a
			}
			if rng.Float64() >= o.pInBloc || len(all) < 2 {
				partner := fmt.Sprintf("Công ty %d", rng.Intn(5))
				key := u.Code + "|" + vntext.Key(number) + "|name:" + vntext.Key(partner)
				if used[key] {
					continue
				}
				used[key] = true
				for _, q := range quarters {
					if rng.Intn(5) > 0 {
						addRow(u, q, mk(u, partner, false, q))
					}
				}
				continue
			}
			other := reporting[rng.Intn(len(reporting))]
			if other == u {
				continue
			}
			pu, po := partnerFor(u, other), partnerFor(other, u)
			ku := u.Code + "|" + vntext.Key(number) + "|code:" + pu
			ko := other.Code + "|" + vntext.Key(number) + "|code:" + po
			if used[ku] || used[ko] || pu == u.Code || po == other.Code {
				continue
			}
			used[ku], used[ko] = true, true
			oneSided := rng.Intn(6) == 0
			for _, q := range quarters {
				if rng.Intn(5) > 0 {
					addRow(u, q, mk(u, pu, true, q))
				}
				if !oneSided && rng.Intn(5) > 0 {
					addRow(other, q, mk(other, po, true, q))
				}
			}
		}
	}
}

// shuffled returns w's submissions in a random order.
func (w *world) shuffled(rng *rand.Rand) []*form.Submission {
	out := append([]*form.Submission(nil), w.subs...)
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// rolledUp converts, for every child of the root that has children, the unit files of
// its subtree into one roll-up per quarter, and adjusts the statuses as a workspace
// would (no entry for the covered units, except Invalid, which a Covered list cannot say).
func (w *world) rolledUp() *world {
	out := &world{tree: w.tree, period: w.period, status: map[period.Quarter]map[string]Status{}}
	inSub := func(top, u *units.Unit) bool { return top == u || top.IsAncestorOf(u) }
	byQU := map[string]*form.Submission{}
	for _, s := range w.subs {
		byQU[s.Info.Quarter.String()+"|"+s.Info.UnitCode] = s
	}
	var tops []*units.Unit
	for _, c := range w.tree.Root.Children {
		if len(c.Children) > 0 {
			tops = append(tops, c)
		}
	}
	covered := map[string]bool{}
	for _, q := range w.period.Quarters() {
		st := map[string]Status{}
		for k, v := range w.status[q] {
			st[k] = v
		}
		out.status[q] = st
		for _, top := range tops {
			r := &form.Submission{Path: fmt.Sprintf("submissions/%d/Q%d/%s-TH.xlsx", q.Year, q.Q, top.Code),
				Info: form.Info{UnitCode: top.Code, Quarter: q, Kind: form.ReportKindRollup}}
			for _, u := range w.tree.Expected(q) {
				if !inSub(top, u) {
					continue
				}
				covered[q.String()+"|"+u.Code] = true
				cu := form.CoveredUnit{Code: u.Code, Name: u.Name}
				given, has := w.status[q][u.Code]
				f := byQU[q.String()+"|"+u.Code]
				switch {
				case given == Late:
					cu.Status = form.CoverLate
				case f != nil:
					cu.Status = form.CoverReported
				default:
					cu.Status = form.CoverMissing
				}
				if given != Invalid || !has {
					delete(st, u.Code)
				}
				r.Covered = append(r.Covered, cu)
				if f != nil {
					r.Agreements = append(r.Agreements, f.Agreements...)
					r.Purchases = append(r.Purchases, f.Purchases...)
					r.Checks = append(r.Checks, f.Checks...)
					r.Activities = append(r.Activities, f.Activities...)
				}
			}
			if len(r.Covered) > 0 {
				out.subs = append(out.subs, r)
			}
		}
	}
	for _, s := range w.subs {
		if !covered[s.Info.Quarter.String()+"|"+s.Info.UnitCode] {
			out.subs = append(out.subs, s)
		}
	}
	return out
}

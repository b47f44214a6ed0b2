package aggregate

import (
	"cmp"
	"slices"
	"sort"
	"time"

	"github.com/vdhv/vdhv/pkg/form"
)

// roleRank orders roles by how much they supply: Cung cấp > Hai chiều > Sử dụng; -1 for
// anything else.
func roleRank(role string) int {
	switch role {
	case form.RoleSupply:
		return 2
	case form.RoleBoth:
		return 1
	case form.RoleUse:
		return 0
	}
	return -1
}

// pairSides sorts the sides by (unit, number, partner), decides which are in-bloc with an
// in-tree partner, and pairs the two reports of one agreement ("one agreement, two
// reports"). Candidate pairs are taken greedily: pairs where both rows name the other unit
// exactly first, then one exactly, then neither; ties by side order. So a side that could
// pair with two others pairs with one, deterministically; the other stays one-sided.
func (c *computer) pairSides() {
	slices.SortFunc(c.sides, func(a, b *side) int {
		return cmp.Or(cmp.Compare(a.pos, b.pos), cmp.Compare(a.numKey, b.numKey), cmp.Compare(a.partnerKey, b.partnerKey))
	})
	c.sideIdx = nil
	groups := make(map[string][]int)
	var keys []string
	for i, s := range c.sides {
		last := s.latest(c.nq)
		s.eligible = last != nil && last.inBloc && s.partner >= 0 && s.partner != s.pos
		if s.eligible {
			if _, ok := groups[s.numKey]; !ok {
				keys = append(keys, s.numKey)
			}
			groups[s.numKey] = append(groups[s.numKey], i)
		}
	}
	type edge struct{ a, b, exact int }
	var edges []edge
	within := func(pos, root int) bool { return pos >= root && pos < root+c.size[root] }
	for _, k := range keys {
		g := groups[k]
		if len(g) < 2 {
			continue
		}
		for _, i := range g {
			s := c.sides[i]
			lo, hi := s.partner, s.partner+c.size[s.partner]
			j0 := sort.Search(len(g), func(j int) bool { return c.sides[g[j]].pos >= lo })
			for j := j0; j < len(g) && c.sides[g[j]].pos < hi; j++ {
				ti := g[j]
				t := c.sides[ti]
				if ti <= i || t.pos == s.pos || !within(s.pos, t.partner) {
					continue
				}
				exact := 0
				if t.pos == s.partner {
					exact++
				}
				if s.pos == t.partner {
					exact++
				}
				edges = append(edges, edge{i, ti, exact})
			}
		}
	}
	slices.SortFunc(edges, func(x, y edge) int {
		return cmp.Or(cmp.Compare(y.exact, x.exact), cmp.Compare(x.a, y.a), cmp.Compare(x.b, y.b))
	})
	for _, e := range edges {
		a, b := c.sides[e.a], c.sides[e.b]
		if a.mate < 0 && b.mate < 0 {
			a.mate, b.mate = e.b, e.a
		}
	}
}

// summ is an agreement's figures over one set of quarters.
type summ struct {
	last          *arow // the representative row: the latest quarter's
	contracts     int64
	cv, delivered int64
}

func (sm *summ) take(r *arow) {
	sm.last = r
	sm.contracts += r.contracts
	sm.cv += r.cv
	sm.delivered += r.dv
}

func (c *computer) sideSumm(s *side, set int) summ {
	var sm summ
	for _, qi := range c.setQ[set] {
		if r := s.rows[qi]; r != nil {
			sm.take(r)
		}
	}
	return sm
}

// chosen returns the row that speaks for a merged pair in quarter qi, nil if neither side
// has one.
func (c *computer) chosen(a, b *side, qi int) *arow {
	ra, rb := a.rows[qi], b.rows[qi]
	if ra == nil || rb == nil {
		if ra == nil {
			return rb
		}
		return ra
	}
	if x, y := ra.role, rb.role; x != y {
		if x > y {
			return ra
		}
		return rb
	}
	if ra.dv != rb.dv {
		if ra.dv > rb.dv {
			return ra
		}
		return rb
	}
	if c.units[a.pos].Code <= c.units[b.pos].Code {
		return ra
	}
	return rb
}

func (c *computer) pairSumm(a, b *side, set int) summ {
	var sm summ
	for _, qi := range c.setQ[set] {
		if r := c.chosen(a, b, qi); r != nil {
			sm.take(r)
		}
	}
	return sm
}

// dayOf returns the calendar date of t at 00:00 UTC.
func dayOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func sameDay(a, b time.Time) bool {
	if a.IsZero() || b.IsZero() {
		return a.IsZero() == b.IsZero()
	}
	return dayOf(a).Equal(dayOf(b))
}

// contribute adds sign × the agreement summarised by sm to v, for set.
func (c *computer) contribute(v []int64, sm summ, sign int64, set int) {
	r := sm.last
	if r == nil {
		return
	}
	a := v[lay.agr : lay.agr+agrLen]
	a[agrInForce] += sign
	if signed := r.signed.time(); !signed.IsZero() {
		d := dayOf(signed)
		if !d.Before(c.ranges[set][0]) && !d.After(c.ranges[set][1]) {
			a[agrNew] += sign
		}
	}
	if r.ended() {
		a[agrEnded] += sign
	}
	a[agrContracts] += sign * sm.contracts
	a[agrCV] += sign * sm.cv
	a[agrDV] += sign * sm.delivered
	f := v[lay.field+fldLen*int(r.field):]
	f[fldInForce] += sign
	f[fldCV] += sign * sm.cv
	f[fldDV] += sign * sm.delivered
	if r.inBloc {
		a[agrInBloc] += sign
		f[fldInBloc] += sign
	}
}

// agreements adds the agreement figures: every side at its own unit; then, at the lowest
// common ancestor L of a merged pair, the merged agreement minus both sides, so that after
// propagation L and its ancestors count the pair once and the units below L count each
// side. It also builds the reconciliation, the register, InBlocUnits and Cooperation.
func (c *computer) agreements() {
	for _, s := range c.sides {
		for set := 0; set < c.nsets; set++ {
			c.contribute(c.at(s.pos, set), c.sideSumm(s, set), 1, set)
		}
	}
	for p := range c.units {
		copy(c.own[p*lay.n:(p+1)*lay.n], c.at(p, 0))
	}
	res := c.res
	inBloc := make([]bool, len(c.units))
	var coop [][2]int
	for i, s := range c.sides {
		whole := c.sideSumm(s, 0)
		if whole.last.inBloc {
			inBloc[s.pos] = true
		}
		if s.eligible {
			if t1, t2 := c.top[s.pos], c.top[s.partner]; t1 >= 0 && t2 >= 0 && t1 != t2 {
				coop = append(coop, [2]int{t1, t2}, [2]int{t2, t1})
			}
		}
		if s.mate < 0 {
			if whole.last.inBloc {
				units := [2]string{c.units[s.pos].Code, s.partnerCode}
				res.Reconciliation = append(res.Reconciliation, Reconciliation{Agreement: whole.last.number,
					NumberKey: s.numKey, Units: units, Issue: IssueUnreported})
				res.Register = append(res.Register, c.entry(s.numKey, units, false, whole))
			}
			continue
		}
		if s.mate < i {
			continue // the pair was handled from its first side
		}
		m := c.sides[s.mate]
		l := c.pos[c.tree.LCA(c.units[s.pos], c.units[m.pos])]
		for set := 0; set < c.nsets; set++ {
			v := c.at(l, set)
			c.contribute(v, c.pairSumm(s, m, set), 1, set)
			c.contribute(v, c.sideSumm(s, set), -1, set)
			c.contribute(v, c.sideSumm(m, set), -1, set)
		}
		merged := c.pairSumm(s, m, 0)
		units := [2]string{c.units[s.pos].Code, c.units[m.pos].Code}
		if units[1] < units[0] {
			units[0], units[1] = units[1], units[0]
		}
		if merged.last.inBloc {
			res.Register = append(res.Register, c.entry(s.numKey, units, true, merged))
		}
		for _, issue := range c.reconcile(s, m) {
			res.Reconciliation = append(res.Reconciliation, Reconciliation{Agreement: merged.last.number,
				NumberKey: s.numKey, Units: units, Issue: issue})
		}
	}
	slices.SortStableFunc(res.Reconciliation, func(a, b Reconciliation) int {
		return cmp.Or(cmp.Compare(a.NumberKey, b.NumberKey), cmp.Compare(a.Units[0], b.Units[0]),
			cmp.Compare(a.Units[1], b.Units[1]), cmp.Compare(a.Issue, b.Issue))
	})
	slices.SortStableFunc(res.Register, func(a, b RegisterEntry) int {
		return cmp.Or(cmp.Compare(a.NumberKey, b.NumberKey), cmp.Compare(a.Units[0], b.Units[0]),
			cmp.Compare(a.Units[1], b.Units[1]))
	})
	for p, ok := range inBloc {
		if ok {
			res.InBlocUnits = append(res.InBlocUnits, c.units[p].Code)
		}
	}
	slices.SortFunc(coop, func(x, y [2]int) int { return cmp.Or(cmp.Compare(x[0], y[0]), cmp.Compare(x[1], y[1])) })
	coop = slices.Compact(coop)
	j := 0
	for p := range c.units {
		if c.parent[p] != 0 {
			continue
		}
		co := Cooperation{Unit: c.units[p].Code, Partners: []string{}}
		for ; j < len(coop) && coop[j][0] <= p; j++ {
			if coop[j][0] == p {
				co.Partners = append(co.Partners, c.units[coop[j][1]].Code)
			}
		}
		res.Cooperation = append(res.Cooperation, co)
	}
}

func (c *computer) entry(numKey string, units [2]string, paired bool, sm summ) RegisterEntry {
	r := sm.last
	return RegisterEntry{Number: r.number, NumberKey: numKey, Units: units, Paired: paired, Field: lay.fields[r.field],
		Role: roleValues[r.role], Signed: r.signed.time(), Expires: r.expires.time(), Status: statusValues[r.status],
		Contracts: sm.contracts, ContractValue: form.Money(sm.cv), Delivered: form.Money(sm.delivered)}
}

// reconcile compares the two sides of a pair in the quarters where both have a row.
func (c *computer) reconcile(a, b *side) []Issue {
	found := map[Issue]bool{}
	for qi := 0; qi < c.nq; qi++ {
		ra, rb := a.rows[qi], b.rows[qi]
		if ra == nil || rb == nil {
			continue
		}
		if ra.role == rb.role && roleValues[ra.role] != form.RoleBoth {
			found[IssueRoles] = true
		}
		if !sameDay(ra.signed.time(), rb.signed.time()) {
			found[IssueSignDate] = true
		}
		if !sameDay(ra.expires.time(), rb.expires.time()) {
			found[IssueExpiryDate] = true
		}
		if ra.status != rb.status {
			found[IssueStatus] = true
		}
		if ra.contracts != rb.contracts {
			found[IssueContracts] = true
		}
		if ra.cv != rb.cv {
			found[IssueContractValue] = true
		}
		if ra.dv != rb.dv {
			found[IssueDeliveredValue] = true
		}
	}
	var out []Issue
	for _, is := range []Issue{IssueContractValue, IssueContracts, IssueDeliveredValue, IssueExpiryDate,
		IssueRoles, IssueSignDate, IssueStatus} {
		if found[is] {
			out = append(out, is)
		}
	}
	return out
}

package gen

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/vdhv/vdhv/pkg/form"
	"github.com/vdhv/vdhv/pkg/period"
)

// Reconciliation issues (the `issue` names of aggregate-json.md) the generator plants.
const (
	IssueUnreported     = "unreported"
	IssueRoles          = "roles"
	IssueSignDate       = "sign_date"
	IssueExpiryDate     = "expiry_date"
	IssueStatus         = "status"
	IssueContracts      = "contracts"
	IssueContractValue  = "contract_value"
	IssueDeliveredValue = "delivered_value"
)

// agreement is one cooperation agreement over the whole simulated span. External
// agreements have one side (a); in-bloc ones two, both reporting the same number.
type agreement struct {
	number      string
	a, b        *node  // b is nil for a partner outside the bloc
	partnerName string // outside partner
	roleA       string
	roleB       string
	field       string
	signed      time.Time
	expires     time.Time // zero: open-ended
	startQ      period.Quarter
	endQ        period.Quarter // zero: still in force after the span
	endStatus   string
	value       float64 // typical value delivered in a quarter (triệu đồng)
	note        string

	// Discrepancies of in-bloc agreements: side 1 is a, side 2 is b.
	silent    int // the side that never reports it
	nameParty int // the side that names its partner's đảng ủy trực thuộc instead of the cơ sở
	flaw      string
	flawSide  int
	flawQ     period.Quarter // for per-quarter flaws
	flawDays  int            // sign_date: days moved
	flawRatio float64        // value flaws: relative difference
}

// listed reports whether the agreement is a row in quarter q.
func (a *agreement) listed(q period.Quarter) bool {
	return !q.Less(a.startQ) && (a.endQ.IsZero() || !a.endQ.Less(q))
}

// ended reports whether the agreement ends in q (is listed with its final status).
func (a *agreement) endsIn(q period.Quarter) bool { return !a.endQ.IsZero() && a.endQ == q }

// plan is everything decided before writing: the tree, the agreements, the incidents.
type plan struct {
	p          *Params
	h          *hierarchy
	span       []period.Quarter // every quarter from the first written to the last
	written    []period.Quarter
	agreements []*agreement
	byUnit     [][]*agreement // by node index: the agreements a unit is a side of
	incidents  map[slotKey]incident
	planted    []Discrepancy
}

type slotKey struct {
	unit int // node index
	q    period.Quarter
}

// Incident kinds.
const (
	incidentLate    = "late"
	incidentMissing = "missing"
	incidentInvalid = "invalid"
)

type incident struct {
	kind    string
	invalid int // index into invalidKinds
}

func quarterSpan(qs []period.Quarter) []period.Quarter {
	if len(qs) == 0 {
		return nil
	}
	var out []period.Quarter
	for q := qs[0]; !qs[len(qs)-1].Less(q); q = q.Next() {
		out = append(out, q)
	}
	return out
}

// randomDay returns a date (00:00 UTC) in [first, last].
func randomDay(r *rng, first, last time.Time) time.Time {
	days := int(last.Sub(first).Hours()/24 + 0.5)
	return first.AddDate(0, 0, r.between(0, days))
}

// roundMoney rounds a positive amount the way people write them: mostly whole triệu,
// sometimes one decimal, sometimes to the thousand đồng.
func roundMoney(r *rng, v float64) form.Money {
	if v <= 0 {
		return 0
	}
	switch x := r.float(); {
	case x < 0.55:
		return form.Money(math.Round(v) * 1000)
	case x < 0.8:
		return form.Money(math.Round(v*10) * 100)
	default:
		return form.Money(math.Round(v * 1000))
	}
}

// planAgreements simulates the agreements of every reporting unit over the span.
func (pl *plan) planAgreements() {
	p, h := pl.p, pl.h
	r := newRNG(p.Seed, "agreements")
	w := p.Windows
	pl.byUnit = make([][]*agreement, len(h.all))
	used := map[string]bool{}
	seqs := map[string]int{}
	outside := outsidePartners(p.Seed)

	// Targets per unit.
	extTarget := make([]int, len(h.all))
	inTarget := make([]int, len(h.all))
	for _, u := range h.reporting {
		n := float64(p.AgreementsPerUnit) * math.Min(1.4, math.Max(0.6, math.Sqrt(u.scale)))
		total := int(math.Round(n))
		in := int(math.Round(float64(total) * p.InBlocShare))
		extTarget[u.index], inTarget[u.index] = total-in, in
	}

	number := func(supplier, user string, signed time.Time) string {
		y := signed.Year()
		key := fmt.Sprintf("%d/%s", y, supplier)
		for {
			if seqs[key] == 0 {
				seqs[key] = r.between(1, 15)
			} else {
				seqs[key] += r.between(1, 3)
			}
			seq := seqs[key]
			var n string
			switch x := r.float(); {
			case x < 0.7:
				n = fmt.Sprintf("%d/%d/TTHT-%s-%s", seq, y, supplier, user)
			case x < 0.85:
				n = fmt.Sprintf("%02d/%d/TTHT/%s-%s", seq, y, supplier, user)
			default:
				n = fmt.Sprintf("%d/TTHT-%s-%s/%d", seq, supplier, user, y)
			}
			if k := strings.ToUpper(n); !used[k] {
				used[k] = true
				return n
			}
		}
	}
	spanFirst, _ := w.QuarterRange(pl.span[0])
	expiry := func(signed time.Time, old bool) time.Time {
		if r.chance(0.45) {
			return time.Time{}
		}
		if old {
			// Expires some time from the start of the span on, so that some finish inside it.
			q := pl.span[0]
			for k := r.between(0, 9); k > 0; k-- {
				q = q.Next()
			}
			first, last := w.QuarterRange(q)
			return randomDay(r, first, last)
		}
		return signed.AddDate(r.between(1, 3), 0, -1)
	}
	add := func(a *agreement) {
		a.startQ = w.QuarterOf(a.signed)
		pl.agreements = append(pl.agreements, a)
		pl.byUnit[a.a.index] = append(pl.byUnit[a.a.index], a)
		if a.b != nil {
			pl.byUnit[a.b.index] = append(pl.byUnit[a.b.index], a)
		}
	}
	newExternal := func(u *node, signed time.Time, old bool) {
		op := outside[r.intn(len(outside))]
		partner := op.name
		a := &agreement{a: u, partnerName: partner, signed: signed, field: u.field, note: r.pick(agreementNotes)}
		switch x := r.float(); {
		case x < 0.35:
			a.roleA = form.RoleSupply
		case x < 0.8:
			a.roleA = form.RoleUse
		default:
			a.roleA = form.RoleBoth
		}
		if a.roleA == form.RoleUse || (a.roleA == form.RoleBoth && r.chance(0.5)) {
			a.field = op.field
		}
		if a.roleA == form.RoleUse {
			a.number = number(abbreviate(partner), u.abbr, signed)
		} else {
			a.number = number(u.abbr, abbreviate(partner), signed)
		}
		a.expires = expiry(signed, old)
		a.value = u.scale * r.logNormal(0.9, 0.05, 20) * 120
		add(a)
	}
	newInBloc := func(u, v *node, signed time.Time, old bool) {
		a := &agreement{a: u, b: v, signed: signed, field: u.field, note: r.pick(agreementNotes)}
		if r.chance(0.2) {
			a.roleA, a.roleB = form.RoleBoth, form.RoleBoth
			if r.chance(0.5) {
				a.field = v.field
			}
		} else {
			a.roleA, a.roleB = form.RoleSupply, form.RoleUse
		}
		a.number = number(u.abbr, v.abbr, signed)
		a.expires = expiry(signed, old)
		a.value = math.Sqrt(u.scale*v.scale) * r.logNormal(0.9, 0.05, 20) * 150
		add(a)
	}
	// eligible: units that can sign in q (active in q and in the next quarter, so that a new
	// agreement is not signed by a unit about to be dissolved).
	eligible := func(u *node, q period.Quarter) bool {
		return u.activeIn(q) && (u.until.IsZero() || q.Less(u.until))
	}
	pair := func(demand []*node, q period.Quarter, when func() time.Time, old bool) {
		r.shuffle(len(demand), func(i, j int) { demand[i], demand[j] = demand[j], demand[i] })
		done := make([]bool, len(demand))
		var pool []*node
		for _, u := range h.reporting {
			if eligible(u, q) {
				pool = append(pool, u)
			}
		}
		for i, u := range demand {
			if done[i] {
				continue
			}
			done[i] = true
			var v *node
			for j, steps := i+1, 0; j < len(demand) && steps < 64; j++ {
				if !done[j] && !related(u, demand[j]) {
					v, done[j] = demand[j], true
					break
				}
				steps++
			}
			for try := 0; v == nil && try < 16 && len(pool) > 1; try++ {
				if c := pool[r.intn(len(pool))]; !related(u, c) {
					v = c
				}
			}
			if v == nil {
				continue
			}
			if r.chance(0.5) {
				u, v = v, u
			}
			newInBloc(u, v, when(), old)
		}
	}

	// The stock in force when the span begins: signed during the four years before it.
	q0 := pl.span[0]
	oldDay := func() time.Time { return randomDay(r, spanFirst.AddDate(-4, 0, 0), spanFirst.AddDate(0, 0, -1)) }
	var demand []*node
	for _, u := range h.reporting {
		if !u.activeIn(q0) {
			continue
		}
		for k := 0; k < extTarget[u.index]; k++ {
			newExternal(u, oldDay(), true)
		}
		for k := 0; k < inTarget[u.index]; k++ {
			demand = append(demand, u)
		}
	}
	pair(demand, q0, oldDay, true)

	// Quarter by quarter: endings, then new agreements to keep each unit near its target.
	for _, q := range pl.span {
		first, last := w.QuarterRange(q)
		for _, a := range pl.agreements {
			if !a.listed(q) || !a.endQ.IsZero() || a.startQ == q {
				continue
			}
			switch {
			case (!a.a.until.IsZero() && a.a.until == q) || (a.b != nil && !a.b.until.IsZero() && a.b.until == q):
				a.endQ, a.endStatus = q, form.StatusTerminated
			case !a.expires.IsZero() && !a.expires.After(last):
				a.endQ, a.endStatus = q, form.StatusDone
			case r.chance(0.03):
				a.endQ, a.endStatus = q, form.StatusTerminated
			case a.expires.IsZero() && r.chance(0.03):
				a.endQ, a.endStatus = q, form.StatusDone
			}
		}
		ext := make([]int, len(h.all))
		in := make([]int, len(h.all))
		for _, a := range pl.agreements {
			if !a.listed(q) || a.endsIn(q) {
				continue
			}
			if a.b == nil {
				ext[a.a.index]++
			} else {
				in[a.a.index]++
				in[a.b.index]++
			}
		}
		newDay := func() time.Time { return randomDay(r, first, last) }
		demand = demand[:0]
		for _, u := range h.reporting {
			if !eligible(u, q) {
				continue
			}
			te, ti := extTarget[u.index], inTarget[u.index]
			if !u.from.IsZero() && u.from == q { // a new unit starts with half its agreements
				te, ti = (te+1)/2, (ti+1)/2
			}
			for k := ext[u.index]; k < te+r.between(0, 1); k++ {
				newExternal(u, newDay(), false)
			}
			for k := in[u.index]; k < ti; k++ {
				demand = append(demand, u)
			}
		}
		pair(demand, q, newDay, false)
	}
}

// outsidePartner is an enterprise outside the bloc.
type outsidePartner struct{ name, field string }

// outsidePartners returns the pool of partners outside the bloc.
func outsidePartners(seed int64) []outsidePartner {
	r := newRNG(seed, "outside")
	seen := map[string]bool{}
	var out []outsidePartner
	for len(out) < 240 {
		act := outsideActivities[r.intn(len(outsideActivities))]
		n := r.pick(outsideForms) + " " + act.name + " " + r.pick(outsideBrands)
		if !seen[n] {
			seen[n] = true
			out = append(out, outsidePartner{n, act.field})
		}
	}
	return out
}

// Discrepancy is a difference between the two reports of an in-bloc agreement that the
// generator planted on purpose, in a quarter where both units' files are valid.
type Discrepancy struct {
	Number  string         // Số thỏa thuận
	Units   [2]string      // the two reporting units (supplying side first)
	Issue   string         // IssueUnreported, IssueRoles, …
	Quarter period.Quarter // zero for issues of the whole agreement (unreported, roles, dates)
	Side    string         // the unit whose row differs (or is missing)
}

// planDiscrepancies assigns the deliberate differences of in-bloc agreements, once the
// incidents are known.
func (pl *plan) planDiscrepancies() {
	for _, a := range pl.agreements {
		if a.b == nil {
			continue
		}
		r := newRNG(pl.p.Seed, "discrepancy", a.number)
		var shown []period.Quarter // written quarters where both sides have a valid file
		var listedAny bool
		for _, q := range pl.written {
			if !a.listed(q) {
				continue
			}
			listedAny = true
			if pl.valid(a.a, q) && pl.valid(a.b, q) {
				shown = append(shown, q)
			}
		}
		if !listedAny {
			continue
		}
		side := 1 + r.intn(2)
		sideNode := func(s int) *node {
			if s == 1 {
				return a.a
			}
			return a.b
		}
		x := r.float()
		// A cơ sở may name its partner's đảng ủy trực thuộc (pairs across two of them).
		if r.chance(0.12) {
			s := 1 + r.intn(2)
			self, other := sideNode(s), sideNode(3-s)
			if other.parent != pl.h.root && other.parent != nil && !related(self, other.parent) && self.top != other.top {
				a.nameParty = s
			}
		}
		if x < 0.05 {
			a.silent = side
			pl.planted = append(pl.planted, Discrepancy{Number: a.number, Units: [2]string{a.a.code, a.b.code},
				Issue: IssueUnreported, Side: sideNode(side).code})
			continue
		}
		if x > 0.2 || len(shown) == 0 {
			continue
		}
		// One flaw, drawn among those that fit the agreement; delivered values weigh most.
		type choice struct {
			issue string
			qs    []period.Quarter // quarters it can be shown in; nil: the whole agreement
		}
		choices := []choice{{IssueDeliveredValue, shown}, {IssueDeliveredValue, shown}, {IssueDeliveredValue, shown},
			{IssueContracts, shown}, {IssueContractValue, shown}, {IssueExpiryDate, nil}}
		if a.roleA == form.RoleSupply {
			choices = append(choices, choice{IssueRoles, nil})
		}
		if a.startQ.Less(pl.written[0]) {
			choices = append(choices, choice{IssueSignDate, nil})
		}
		var edges []period.Quarter
		for _, q := range shown {
			if q == a.startQ || a.endsIn(q) {
				edges = append(edges, q)
			}
		}
		if len(edges) > 0 {
			choices = append(choices, choice{IssueStatus, edges})
		}
		c := choices[r.intn(len(choices))]
		var q period.Quarter
		if c.qs != nil {
			q = c.qs[r.intn(len(c.qs))]
		}
		a.flaw, a.flawSide = c.issue, side
		switch c.issue {
		case IssueRoles:
			a.flawSide = 2 // the using side also writes Cung cấp
		case IssueSignDate:
			a.flawDays = -r.between(1, 20)
		case IssueContractValue:
			a.flawRatio = r.uniform(0.01, 0.05)
		case IssueDeliveredValue:
			a.flawRatio = r.uniform(0.005, 0.03)
		}
		a.flawQ = q
		pl.planted = append(pl.planted, Discrepancy{Number: a.number, Units: [2]string{a.a.code, a.b.code},
			Issue: a.flaw, Quarter: q, Side: sideNode(a.flawSide).code})
	}
}

// valid reports whether u sends a valid file for q.
func (pl *plan) valid(u *node, q period.Quarter) bool {
	if !u.reports || !u.activeIn(q) {
		return false
	}
	inc, ok := pl.incidents[slotKey{u.index, q}]
	return !ok || inc.kind == incidentLate
}

// flows are the figures of an agreement in a quarter, the same for both sides unless a
// flaw says otherwise.
type flows struct {
	contracts int64
	contract  form.Money
	delivered form.Money
}

func (pl *plan) flows(a *agreement, q period.Quarter) flows {
	r := newRNG(pl.p.Seed, "flows", a.number, q.String())
	var f flows
	status := a.status(q)
	switch {
	case status == form.StatusNew:
		f.contracts = int64(r.between(0, 2))
	case status == form.StatusTerminated:
		f.contracts = 0
	case r.chance(0.4):
		f.contracts = 0
	default:
		f.contracts = int64(r.between(1, 4))
	}
	if f.contracts > 0 {
		f.contract = roundMoney(r, float64(f.contracts)*a.value*r.uniform(0.6, 2.5))
	}
	switch {
	case status == form.StatusNew && r.chance(0.4):
	case status == form.StatusTerminated && r.chance(0.6):
	case r.chance(0.08):
	default:
		f.delivered = roundMoney(r, a.value*r.uniform(0.3, 1.7))
	}
	return f
}

// status returns the agreement's status in q as the supplying side writes it.
func (a *agreement) status(q period.Quarter) string {
	switch {
	case q == a.startQ:
		return form.StatusNew
	case a.endsIn(q):
		return a.endStatus
	}
	return form.StatusActive
}

// row returns the agreement as the unit of side s (1 or 2) writes it in q.
func (pl *plan) row(a *agreement, s int, q period.Quarter) form.Agreement {
	f := pl.flows(a, q)
	self := a.a
	row := form.Agreement{
		Number: a.number, Field: a.field, Signed: a.signed, Expires: a.expires, Status: a.status(q),
		Contracts: f.contracts, ContractValue: f.contract, Delivered: f.delivered, Note: a.note, Role: a.roleA,
	}
	if a.b == nil {
		row.Unit, row.PartnerName = self.code, a.partnerName
		return row
	}
	other := a.b
	if s == 2 {
		self, other = a.b, a.a
		row.Role = a.roleB
	}
	row.Unit, row.InBloc = self.code, true
	row.PartnerCode, row.PartnerName = other.code, other.company
	if a.nameParty == s {
		row.PartnerCode, row.PartnerName = other.parent.code, other.parent.company
	}
	if a.flawSide != s {
		return row
	}
	switch a.flaw {
	case IssueRoles:
		row.Role = form.RoleSupply
	case IssueSignDate:
		row.Signed = row.Signed.AddDate(0, 0, a.flawDays)
	case IssueExpiryDate:
		if row.Expires.IsZero() {
			row.Expires = row.Signed.AddDate(3, 0, -1)
		} else {
			row.Expires = time.Time{}
		}
	}
	if a.flawQ != q {
		return row
	}
	switch a.flaw {
	case IssueStatus:
		row.Status = form.StatusActive
	case IssueContracts:
		row.Contracts++
	case IssueContractValue:
		if row.ContractValue == 0 {
			row.ContractValue = form.Money(math.Round(a.value)*1000) + 1000
		} else {
			row.ContractValue = differ(row.ContractValue, a.flawRatio)
		}
	case IssueDeliveredValue:
		if row.Delivered == 0 {
			row.Delivered = form.Money(math.Round(a.value*0.1)*1000) + 500
		} else {
			row.Delivered = differ(row.Delivered, a.flawRatio)
		}
	}
	return row
}

// differ returns m changed by about ratio, and never equal to m.
func differ(m form.Money, ratio float64) form.Money {
	d := form.Money(math.Round(float64(m)*ratio/1000) * 1000)
	if d == 0 {
		d = 500
	}
	return m + d
}

// rows returns the agreement rows of unit u in q, ordered by date signed then number.
func (pl *plan) rows(u *node, q period.Quarter) []form.Agreement {
	var out []form.Agreement
	for _, a := range pl.byUnit[u.index] {
		if !a.listed(q) {
			continue
		}
		s := 1
		if a.b == u {
			s = 2
		}
		if a.silent == s {
			continue
		}
		out = append(out, pl.row(a, s, q))
	}
	sortAgreements(out)
	return out
}

func sortAgreements(rows []form.Agreement) {
	// Insertion sort keeps this dependency-free and stable; lists are short.
	for i := 1; i < len(rows); i++ {
		for j := i; j > 0 && lessAgreement(&rows[j], &rows[j-1]); j-- {
			rows[j], rows[j-1] = rows[j-1], rows[j]
		}
	}
}

func lessAgreement(x, y *form.Agreement) bool {
	if !x.Signed.Equal(y.Signed) {
		return x.Signed.Before(y.Signed)
	}
	return x.Number < y.Number
}

package aggregate

// This file keeps the aggregation as it was before the streaming Builder (commit 01954bf),
// unchanged but for its identifiers, as the oracle of TestBuilderMatchesReference: every
// optimisation of Compute must give the same Result.

import (
	"cmp"
	"slices"
	"sort"
	"time"

	"github.com/vdhv/vdhv/pkg/form"
	"github.com/vdhv/vdhv/pkg/period"
	"github.com/vdhv/vdhv/pkg/units"
)

// refComputer holds the state of one referenceCompute.
type refComputer struct {
	in       Input
	units    []*units.Unit
	pos      map[*units.Unit]int
	codePos  map[string]int
	parent   []int // position of the parent, -1 for the root
	size     []int // subtree size (preorder: the subtree of p is [p, p+size[p]))
	top      []int // position of the child of the root the unit lies under, -1 for the root
	quarters []period.Quarter
	nq       int
	nsets    int     // 1 + nq: set 0 is the period, set 1+qi is quarter qi alone
	setQ     [][]int // quarter indexes of each set
	ranges   [][2]time.Time
	vec      []int64 // (pos*nsets+set)*lay.n
	own      []int64 // pos*lay.n

	sideIdx  map[refSideKey]int
	sides    []*refSide
	slab     []refSide // sides are allocated in chunks
	nameKeys map[string]string
	codeKeys map[string]string

	res *Result
}

type refSideKey struct {
	pos          int
	num, partner string
}

// refSide is one unit's record of one agreement (identity: normalised number + partner)
// across the period's quarters.
type refSide struct {
	pos         int
	numKey      string
	partnerKey  string
	partner     int // position of the in-tree partner, -1 when none
	partnerCode string
	rows        [4]*form.Agreement // by quarter index
	eligible    bool               // in-bloc with an in-tree partner other than itself
	mate        int                // index of the paired refSide in refComputer.sides, -1
}

// latest returns the refSide's row of the latest quarter of the period that has one.
func (s *refSide) latest(nq int) *form.Agreement {
	for qi := nq - 1; qi >= 0; qi-- {
		if s.rows[qi] != nil {
			return s.rows[qi]
		}
	}
	return nil
}

// refClaim is one submission's refClaim on a (quarter, unit).
type refClaim struct {
	sub   *form.Submission
	own   bool // the unit's own file (not a roll-up)
	order int  // position in the sorted submissions
}

// referenceCompute aggregates in. It never panics; it returns an *Error for inputs that break the
// contract (no tree, invalid period, a submission outside the period, a unit code not in
// the tree, a value outside its enumeration, an agreement listed twice by one unit in one
// quarter): such inputs cannot come from validated files.
func referenceCompute(in Input) (*Result, error) {
	if in.Tree == nil || in.Tree.Root == nil || in.Tree.Len() == 0 {
		return nil, errorf("", "no unit hierarchy", "không có cây đơn vị")
	}
	if !in.Period.Valid() {
		return nil, errorf("", "invalid period %q", "kỳ báo cáo %q không hợp lệ", in.Period.String())
	}
	c := &refComputer{in: in}
	c.setup()
	subs, err := c.sortedSubs()
	if err != nil {
		return nil, err
	}
	winners, covered, err := c.claims(subs)
	if err != nil {
		return nil, err
	}
	for _, sub := range subs {
		if err := c.rows(sub, winners); err != nil {
			return nil, err
		}
	}
	if err := c.statuses(winners, covered); err != nil {
		return nil, err
	}
	c.pairSides()
	c.agreements()
	c.propagate()
	c.finish()
	return c.res, nil
}

func (c *refComputer) setup() {
	c.units = c.in.Tree.Units()
	n := len(c.units)
	c.pos = make(map[*units.Unit]int, n)
	c.codePos = make(map[string]int, n)
	for i, u := range c.units {
		c.pos[u] = i
		c.codePos[u.Code] = i
	}
	c.parent = make([]int, n)
	c.top = make([]int, n)
	c.size = make([]int, n)
	for i, u := range c.units {
		c.parent[i] = -1
		c.top[i] = -1
		if p, ok := c.pos[u.Parent]; ok && u.Parent != nil {
			c.parent[i] = p
			if c.parent[p] == -1 {
				c.top[i] = i
			} else {
				c.top[i] = c.top[p]
			}
		}
	}
	for i := n - 1; i >= 0; i-- {
		c.size[i]++
		if p := c.parent[i]; p >= 0 {
			c.size[p] += c.size[i]
		}
	}
	c.quarters = c.in.Period.Quarters()
	c.nq = len(c.quarters)
	c.nsets = 1 + c.nq
	c.setQ = make([][]int, c.nsets)
	c.ranges = make([][2]time.Time, c.nsets)
	first, last := c.in.Windows.PeriodRange(c.in.Period)
	c.ranges[0] = [2]time.Time{first, last}
	for qi, q := range c.quarters {
		c.setQ[0] = append(c.setQ[0], qi)
		c.setQ[1+qi] = []int{qi}
		f, l := c.in.Windows.QuarterRange(q)
		c.ranges[1+qi] = [2]time.Time{f, l}
	}
	c.vec = make([]int64, n*c.nsets*lay.n)
	c.own = make([]int64, n*lay.n)
	rows := 0
	for _, s := range c.in.Subs {
		if s != nil {
			rows += len(s.Agreements)
		}
	}
	c.sideIdx = make(map[refSideKey]int, min(rows/c.nq+16, 1<<20))
	c.nameKeys = make(map[string]string)
	c.codeKeys = make(map[string]string)
	c.res = &Result{
		Bloc:     c.units[0].Code,
		Period:   c.in.Period,
		Quarters: c.quarters,
	}
}

// at returns the vector of (pos, set).
func (c *refComputer) at(pos, set int) []int64 {
	off := (pos*c.nsets + set) * lay.n
	return c.vec[off : off+lay.n : off+lay.n]
}

// add adds x at slot of (pos, set 0) and (pos, set 1+qi).
func (c *refComputer) add(pos, qi, slot int, x int64) {
	c.at(pos, 0)[slot] += x
	c.at(pos, 1+qi)[slot] += x
}

// unitPos returns the position of the unit with that code.
func (c *refComputer) unitPos(code string) (int, bool) {
	if p, ok := c.codePos[code]; ok {
		return p, true
	}
	u := c.in.Tree.Lookup(code)
	if u == nil {
		return -1, false
	}
	p, ok := c.pos[u]
	if ok {
		c.codePos[code] = p
	}
	return p, ok
}

func (c *refComputer) quarterIndex(q period.Quarter) int {
	for i, x := range c.quarters {
		if x == q {
			return i
		}
	}
	return -1
}

// sortedSubs returns the non-nil submissions, each once, ordered by quarter, path,
// fingerprint (then input order), so that nothing depends on the order of Input.Subs.
func (c *refComputer) sortedSubs() ([]*form.Submission, error) {
	type item struct {
		sub *form.Submission
		i   int
	}
	seen := make(map[*form.Submission]bool, len(c.in.Subs))
	var items []item
	for i, s := range c.in.Subs {
		if s == nil || seen[s] {
			continue
		}
		seen[s] = true
		if c.quarterIndex(s.Info.Quarter) < 0 {
			return nil, errorf(s.Path, "submission for %s is outside the period %s",
				"báo cáo của %s nằm ngoài kỳ %s", s.Info.Quarter.String(), c.in.Period.String())
		}
		items = append(items, item{s, i})
	}
	slices.SortFunc(items, func(a, b item) int {
		return cmp.Or(a.sub.Info.Quarter.Compare(b.sub.Info.Quarter), cmp.Compare(a.sub.Path, b.sub.Path),
			cmp.Compare(a.sub.Fingerprint, b.sub.Fingerprint), cmp.Compare(a.i, b.i))
	})
	out := make([]*form.Submission, len(items))
	for i, it := range items {
		out[i] = it.sub
	}
	return out, nil
}

func (c *refComputer) key(qi, pos int) int { return qi*len(c.units) + pos }

// refRowUnit returns the code a row belongs to: the file's unit in a unit file, the row's
// own unit in a roll-up.
func refRowUnit(sub *form.Submission, row string) string {
	if sub.IsRollup() {
		return row
	}
	return sub.Info.UnitCode
}

// claims finds, for every (quarter, unit), the submissions that carry it, records the
// conflicts as Problems and picks the winner. covered holds the Covered status of units
// whose winner is a roll-up listing them.
func (c *refComputer) claims(subs []*form.Submission) (winners []*form.Submission, covered map[int]string, err error) {
	all := make(map[int][]refClaim)
	for order, sub := range subs {
		qi := c.quarterIndex(sub.Info.Quarter)
		if !sub.IsRollup() {
			p, ok := c.unitPos(sub.Info.UnitCode)
			if !ok {
				return nil, nil, refErrUnknownUnit(sub, sub.Info.UnitCode)
			}
			k := c.key(qi, p)
			all[k] = append(all[k], refClaim{sub, true, order})
			continue
		}
		mine := map[int]bool{}
		note := func(code string) error {
			p, ok := c.unitPos(code)
			if !ok {
				return refErrUnknownUnit(sub, code)
			}
			if !mine[p] {
				mine[p] = true
				k := c.key(qi, p)
				all[k] = append(all[k], refClaim{sub, false, order})
			}
			return nil
		}
		for _, cu := range sub.Covered {
			if err := note(cu.Code); err != nil {
				return nil, nil, err
			}
		}
		for i := range sub.Agreements {
			if err := note(sub.Agreements[i].Unit); err != nil {
				return nil, nil, err
			}
		}
		for i := range sub.Purchases {
			if err := note(sub.Purchases[i].Unit); err != nil {
				return nil, nil, err
			}
		}
		for i := range sub.Checks {
			if err := note(sub.Checks[i].Unit); err != nil {
				return nil, nil, err
			}
		}
		for i := range sub.Activities {
			if err := note(sub.Activities[i].Unit); err != nil {
				return nil, nil, err
			}
		}
	}
	keys := make([]int, 0, len(all))
	for k := range all {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	winners = make([]*form.Submission, c.nq*len(c.units))
	covered = make(map[int]string)
	for _, k := range keys {
		cl := all[k]
		// Subs are already sorted by path; the unit's own file comes first.
		slices.SortStableFunc(cl, func(a, b refClaim) int {
			if a.own != b.own {
				if a.own {
					return -1
				}
				return 1
			}
			return cmp.Compare(a.order, b.order)
		})
		w := cl[0].sub
		winners[k] = w
		qi, p := k/len(c.units), k%len(c.units)
		if len(cl) > 1 {
			var files []string
			for _, x := range cl {
				files = append(files, x.sub.Path)
			}
			slices.Sort(files)
			files = slices.Compact(files)
			c.res.Problems = append(c.res.Problems, Problem{Unit: c.units[p].Code, Quarter: c.quarters[qi], Files: files})
		}
		if w.IsRollup() {
			for _, cu := range w.Covered {
				if cp, ok := c.unitPos(cu.Code); ok && cp == p {
					covered[k] = cu.Status
					break
				}
			}
		}
	}
	slices.SortStableFunc(c.res.Problems, func(a, b Problem) int {
		return cmp.Or(a.Quarter.Compare(b.Quarter), cmp.Compare(a.Unit, b.Unit))
	})
	return winners, covered, nil
}

func refErrUnknownUnit(sub *form.Submission, code string) *Error {
	return errorf(sub.Path, "unit code %q is not in the unit hierarchy", "mã đơn vị %q không có trong cây đơn vị", code)
}

func refErrEnum(sub *form.Submission, sheet string, row int, value string) *Error {
	return errorf(sub.Path, "%s row %d: %q is not a value of its list", "%s dòng %d: %q không thuộc danh mục", sheet, row, value)
}

// refInRange checks amounts and counts of one row.
func refInRange(sub *form.Submission, sheet string, row int, amounts []form.Money, counts []int64) error {
	for _, m := range amounts {
		if m < 0 || m >= maxAmount {
			return errorf(sub.Path, "%s row %d: amount %s out of range", "%s dòng %d: giá trị %s ngoài phạm vi", sheet, row, m.String())
		}
	}
	for _, n := range counts {
		if n < 0 || n >= maxCount {
			return errorf(sub.Path, "%s row %d: count %d out of range", "%s dòng %d: số lượng %d ngoài phạm vi", sheet, row, n)
		}
	}
	return nil
}

// rows adds the rows of sub that belong to (quarter, unit)s it won.
func (c *refComputer) rows(sub *form.Submission, winners []*form.Submission) error {
	qi := c.quarterIndex(sub.Info.Quarter)
	// mine returns the position of the row's unit if sub is its winner.
	mine := func(code string) (int, bool) {
		p, ok := c.unitPos(refRowUnit(sub, code))
		if !ok {
			return -1, false
		}
		return p, winners[c.key(qi, p)] == sub
	}
	for i := range sub.Purchases {
		r := &sub.Purchases[i]
		p, ok := mine(r.Unit)
		if !ok {
			continue
		}
		if err := refInRange(sub, form.SheetPurchases, r.Row, []form.Money{r.Total, r.Domestic, r.InBloc}, nil); err != nil {
			return err
		}
		ci, known := lay.catIdx[r.Category]
		if !known {
			return refErrEnum(sub, form.SheetPurchases, r.Row, r.Category)
		}
		for _, x := range [...]struct {
			slot int
			v    form.Money
		}{{procTotal, r.Total}, {procDomestic, r.Domestic}, {procInBloc, r.InBloc}} {
			c.add(p, qi, lay.proc+x.slot, int64(x.v))
			c.add(p, qi, lay.cat+procLen*ci+x.slot, int64(x.v))
		}
	}
	for i := range sub.Checks {
		r := &sub.Checks[i]
		p, ok := mine(r.Unit)
		if !ok {
			continue
		}
		if err := refInRange(sub, form.SheetChecks, r.Row, nil, []int64{r.Recs, r.Remedied}); err != nil {
			return err
		}
		ki, known := lay.kindIdx[r.Kind]
		if !known {
			return refErrEnum(sub, form.SheetChecks, r.Row, r.Kind)
		}
		ri, known := lay.resIdx[r.Result]
		if !known {
			return refErrEnum(sub, form.SheetChecks, r.Row, r.Result)
		}
		c.add(p, qi, lay.chk+chkTotal, 1)
		if r.InProgramme {
			c.add(p, qi, lay.chk+chkInProg, 1)
		}
		c.add(p, qi, lay.chk+chkRecs, r.Recs)
		c.add(p, qi, lay.chk+chkRemedied, r.Remedied)
		c.add(p, qi, lay.kind+ki, 1)
		c.add(p, qi, lay.res+ri, 1)
	}
	for i := range sub.Activities {
		r := &sub.Activities[i]
		p, ok := mine(r.Unit)
		if !ok {
			continue
		}
		if err := refInRange(sub, form.SheetActivities, r.Row, []form.Money{r.Value}, []int64{r.Count}); err != nil {
			return err
		}
		ii, known := lay.indIdx[r.Indicator]
		if !known {
			return refErrEnum(sub, form.SheetActivities, r.Row, r.Indicator)
		}
		c.add(p, qi, lay.act+actLen*ii+actCount, r.Count)
		c.add(p, qi, lay.act+actLen*ii+actValue, int64(r.Value))
	}
	for i := range sub.Agreements {
		r := &sub.Agreements[i]
		p, ok := mine(r.Unit)
		if !ok {
			continue
		}
		if err := refInRange(sub, form.SheetAgreements, r.Row, []form.Money{r.ContractValue, r.Delivered}, []int64{r.Contracts}); err != nil {
			return err
		}
		if _, known := lay.fieldIdx[r.Field]; !known {
			return refErrEnum(sub, form.SheetAgreements, r.Row, r.Field)
		}
		if roleRank(r.Role) < 0 {
			return refErrEnum(sub, form.SheetAgreements, r.Row, r.Role)
		}
		switch r.Status {
		case form.StatusNew, form.StatusActive, form.StatusDone, form.StatusTerminated:
		default:
			return refErrEnum(sub, form.SheetAgreements, r.Row, r.Status)
		}
		k := refSideKey{p, r.NumberKey, c.partnerKey(r)}
		si, seen := c.sideIdx[k]
		if !seen {
			si = len(c.sides)
			c.sideIdx[k] = si
			if len(c.slab) == cap(c.slab) {
				c.slab = make([]refSide, 0, 1024)
			}
			c.slab = append(c.slab, refSide{pos: p, numKey: r.NumberKey, partnerKey: k.partner, partner: -1, partnerCode: r.PartnerCode, mate: -1})
			sd := &c.slab[len(c.slab)-1]
			if r.PartnerCode != "" {
				if pp, ok := c.unitPos(r.PartnerCode); ok {
					sd.partner = pp
				}
			}
			c.sides = append(c.sides, sd)
		}
		sd := c.sides[si]
		if sd.rows[qi] != nil {
			return errorf(sub.Path, "%s row %d: agreement %q with the same partner listed twice for unit %s",
				"%s dòng %d: thỏa thuận %q với cùng đối tác được kê hai lần cho đơn vị %s",
				form.SheetAgreements, r.Row, r.Number, c.units[p].Code)
		}
		sd.rows[qi] = r
	}
	return nil
}

// partnerKey is r.PartnerKey(), cached by partner name (normalising a name is costly).
func (c *refComputer) partnerKey(r *form.Agreement) string {
	m, s := c.nameKeys, r.PartnerName
	if r.PartnerCode != "" {
		m, s = c.codeKeys, r.PartnerCode
	}
	if k, ok := m[s]; ok {
		return k
	}
	k := r.PartnerKey()
	m[s] = k
	return k
}

// statuses adds the reporting counts and builds the Missing list.
func (c *refComputer) statuses(winners []*form.Submission, covered map[int]string) error {
	for qi, q := range c.quarters {
		given := c.in.Status[q]
		for p, u := range c.units {
			if !u.Reports || !u.ActiveIn(q) {
				continue
			}
			k := c.key(qi, p)
			st := given[u.Code]
			if st != 0 && !st.valid() {
				return errorf("", "unit %s, %s: unknown status %d", "đơn vị %s, %s: tình trạng %d không hợp lệ", u.Code, q.String(), int(st))
			}
			if st == 0 || st == Missing {
				if cs, ok := covered[k]; ok {
					switch cs {
					case form.CoverReported:
						st = OnTime
					case form.CoverLate:
						st = Late
					case form.CoverMissing:
						st = Missing
					default:
						return errorf(winners[k].Path, "unit %s: %q is not a value of its list", "đơn vị %s: %q không thuộc danh mục", u.Code, cs)
					}
				} else if st == 0 {
					st = Missing
					if winners[k] != nil {
						st = OnTime
					}
				}
			}
			c.add(p, qi, lay.rep+repExpected, 1)
			c.add(p, qi, lay.rep+int(st), 1)
			if st == Missing {
				c.res.Missing = append(c.res.Missing, MissingReport{Unit: u.Code, Quarter: q})
			}
		}
	}
	slices.SortStableFunc(c.res.Missing, func(a, b MissingReport) int {
		return cmp.Or(a.Quarter.Compare(b.Quarter), cmp.Compare(a.Unit, b.Unit))
	})
	return nil
}

// propagate adds every unit's vectors into its ancestors' (children come after their
// parent in preorder).
func (c *refComputer) propagate() {
	for p := len(c.units) - 1; p > 0; p-- {
		par := c.parent[p]
		if par < 0 {
			continue
		}
		for s := 0; s < c.nsets; s++ {
			dst, src := c.at(par, s), c.at(p, s)
			for i, x := range src {
				dst[i] += x
			}
		}
	}
}

// finish builds the per-unit results.
func (c *refComputer) finish() {
	r := c.res
	r.Units = make([]UnitResult, len(c.units))
	for p, u := range c.units {
		ur := UnitResult{Code: u.Code, Name: u.Name, Kind: u.Kind}
		if c.parent[p] >= 0 {
			ur.Parent = c.units[c.parent[p]].Code
		}
		ur.Figures = lay.figures(c.at(p, 0))
		ur.Own = lay.figures(c.own[p*lay.n : (p+1)*lay.n])
		ur.ByQuarter = make([]Figures, c.nq)
		for qi := range c.quarters {
			ur.ByQuarter[qi] = lay.figures(c.at(p, 1+qi))
		}
		r.Units[p] = ur
	}
	r.buildIndex()
}

// pairSides sorts the sides by (unit, number, partner), decides which are in-bloc with an
// in-tree partner, and pairs the two reports of one agreement ("one agreement, two
// reports"). Candidate pairs are taken greedily: pairs where both rows name the other unit
// exactly first, then one exactly, then neither; ties by refSide order. So a refSide that could
// pair with two others pairs with one, deterministically; the other stays one-sided.
func (c *refComputer) pairSides() {
	slices.SortFunc(c.sides, func(a, b *refSide) int {
		return cmp.Or(cmp.Compare(a.pos, b.pos), cmp.Compare(a.numKey, b.numKey), cmp.Compare(a.partnerKey, b.partnerKey))
	})
	c.sideIdx = nil
	groups := make(map[string][]int)
	var keys []string
	for i, s := range c.sides {
		last := s.latest(c.nq)
		s.eligible = last != nil && last.InBloc && s.partner >= 0 && s.partner != s.pos
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

// refSumm is an agreement's figures over one set of quarters.
type refSumm struct {
	last          *form.Agreement // the representative row: the latest quarter's
	contracts     int64
	cv, delivered int64
}

func (sm *refSumm) take(r *form.Agreement) {
	sm.last = r
	sm.contracts += r.Contracts
	sm.cv += int64(r.ContractValue)
	sm.delivered += int64(r.Delivered)
}

func (c *refComputer) sideSumm(s *refSide, set int) refSumm {
	var sm refSumm
	for _, qi := range c.setQ[set] {
		if r := s.rows[qi]; r != nil {
			sm.take(r)
		}
	}
	return sm
}

// chosen returns the row that speaks for a merged pair in quarter qi, nil if neither refSide
// has one.
func (c *refComputer) chosen(a, b *refSide, qi int) *form.Agreement {
	ra, rb := a.rows[qi], b.rows[qi]
	if ra == nil || rb == nil {
		if ra == nil {
			return rb
		}
		return ra
	}
	if x, y := roleRank(ra.Role), roleRank(rb.Role); x != y {
		if x > y {
			return ra
		}
		return rb
	}
	if ra.Delivered != rb.Delivered {
		if ra.Delivered > rb.Delivered {
			return ra
		}
		return rb
	}
	if c.units[a.pos].Code <= c.units[b.pos].Code {
		return ra
	}
	return rb
}

func (c *refComputer) pairSumm(a, b *refSide, set int) refSumm {
	var sm refSumm
	for _, qi := range c.setQ[set] {
		if r := c.chosen(a, b, qi); r != nil {
			sm.take(r)
		}
	}
	return sm
}

// contribute adds sign × the agreement summarised by sm to v, for set.
func (c *refComputer) contribute(v []int64, sm refSumm, sign int64, set int) {
	r := sm.last
	if r == nil {
		return
	}
	a := v[lay.agr : lay.agr+agrLen]
	a[agrInForce] += sign
	if !r.Signed.IsZero() {
		d := dayOf(r.Signed)
		if !d.Before(c.ranges[set][0]) && !d.After(c.ranges[set][1]) {
			a[agrNew] += sign
		}
	}
	if r.Status == form.StatusDone || r.Status == form.StatusTerminated {
		a[agrEnded] += sign
	}
	a[agrContracts] += sign * sm.contracts
	a[agrCV] += sign * sm.cv
	a[agrDV] += sign * sm.delivered
	f := v[lay.field+fldLen*lay.fieldIdx[r.Field]:]
	f[fldInForce] += sign
	f[fldCV] += sign * sm.cv
	f[fldDV] += sign * sm.delivered
	if r.InBloc {
		a[agrInBloc] += sign
		f[fldInBloc] += sign
	}
}

// agreements adds the agreement figures: every refSide at its own unit; then, at the lowest
// common ancestor L of a merged pair, the merged agreement minus both sides, so that after
// propagation L and its ancestors count the pair once and the units below L count each
// refSide. It also builds the reconciliation, the register, InBlocUnits and Cooperation.
func (c *refComputer) agreements() {
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
		if whole.last.InBloc {
			inBloc[s.pos] = true
		}
		if s.eligible {
			if t1, t2 := c.top[s.pos], c.top[s.partner]; t1 >= 0 && t2 >= 0 && t1 != t2 {
				coop = append(coop, [2]int{t1, t2}, [2]int{t2, t1})
			}
		}
		if s.mate < 0 {
			if whole.last.InBloc {
				units := [2]string{c.units[s.pos].Code, s.partnerCode}
				res.Reconciliation = append(res.Reconciliation, Reconciliation{Agreement: whole.last.Number,
					NumberKey: s.numKey, Units: units, Issue: IssueUnreported})
				res.Register = append(res.Register, c.entry(s.numKey, units, false, whole))
			}
			continue
		}
		if s.mate < i {
			continue // the pair was handled from its first refSide
		}
		m := c.sides[s.mate]
		l := c.pos[c.in.Tree.LCA(c.units[s.pos], c.units[m.pos])]
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
		if merged.last.InBloc {
			res.Register = append(res.Register, c.entry(s.numKey, units, true, merged))
		}
		for _, issue := range c.reconcile(s, m) {
			res.Reconciliation = append(res.Reconciliation, Reconciliation{Agreement: merged.last.Number,
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

func (c *refComputer) entry(numKey string, units [2]string, paired bool, sm refSumm) RegisterEntry {
	r := sm.last
	return RegisterEntry{Number: r.Number, NumberKey: numKey, Units: units, Paired: paired, Field: r.Field,
		Role: r.Role, Signed: r.Signed, Expires: r.Expires, Status: r.Status, Contracts: sm.contracts,
		ContractValue: form.Money(sm.cv), Delivered: form.Money(sm.delivered)}
}

// reconcile compares the two sides of a pair in the quarters where both have a row.
func (c *refComputer) reconcile(a, b *refSide) []Issue {
	found := map[Issue]bool{}
	for qi := 0; qi < c.nq; qi++ {
		ra, rb := a.rows[qi], b.rows[qi]
		if ra == nil || rb == nil {
			continue
		}
		if ra.Role == rb.Role && (ra.Role == form.RoleSupply || ra.Role == form.RoleUse) {
			found[IssueRoles] = true
		}
		if !sameDay(ra.Signed, rb.Signed) {
			found[IssueSignDate] = true
		}
		if !sameDay(ra.Expires, rb.Expires) {
			found[IssueExpiryDate] = true
		}
		if ra.Status != rb.Status {
			found[IssueStatus] = true
		}
		if ra.Contracts != rb.Contracts {
			found[IssueContracts] = true
		}
		if ra.ContractValue != rb.ContractValue {
			found[IssueContractValue] = true
		}
		if ra.Delivered != rb.Delivered {
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

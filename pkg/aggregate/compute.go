package aggregate

import (
	"cmp"
	"slices"
	"time"

	"github.com/vdhv/vdhv/pkg/form"
	"github.com/vdhv/vdhv/pkg/period"
	"github.com/vdhv/vdhv/pkg/units"
)

// Input is what Compute aggregates.
type Input struct {
	Tree    *units.Tree
	Period  period.Period
	Windows period.Windows
	// Subs: the valid, current submissions of the period's quarters: unit files and roll-up
	// files (Info.Kind == form.ReportKindRollup, rows carrying each covered unit in .Unit,
	// Covered listing the covered units). Nil entries are skipped; a submission of a
	// quarter outside the period is an error.
	Subs []*form.Submission
	// Status: quarter -> canonical unit code -> status, as decided by the workspace. See
	// the package documentation for how it combines with roll-ups' Covered lists.
	Status map[period.Quarter]map[string]Status
}

// computer holds the state of one Compute.
type computer struct {
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

	sideIdx  map[sideKey]int
	sides    []*side
	slab     []side // sides are allocated in chunks
	nameKeys map[string]string
	codeKeys map[string]string

	res *Result
}

type sideKey struct {
	pos          int
	num, partner string
}

// side is one unit's record of one agreement (identity: normalised number + partner)
// across the period's quarters.
type side struct {
	pos         int
	numKey      string
	partnerKey  string
	partner     int // position of the in-tree partner, -1 when none
	partnerCode string
	rows        [4]*form.Agreement // by quarter index
	eligible    bool               // in-bloc with an in-tree partner other than itself
	mate        int                // index of the paired side in computer.sides, -1
}

// latest returns the side's row of the latest quarter of the period that has one.
func (s *side) latest(nq int) *form.Agreement {
	for qi := nq - 1; qi >= 0; qi-- {
		if s.rows[qi] != nil {
			return s.rows[qi]
		}
	}
	return nil
}

// claim is one submission's claim on a (quarter, unit).
type claim struct {
	sub   *form.Submission
	own   bool // the unit's own file (not a roll-up)
	order int  // position in the sorted submissions
}

// Compute aggregates in. It never panics; it returns an *Error for inputs that break the
// contract (no tree, invalid period, a submission outside the period, a unit code not in
// the tree, a value outside its enumeration, an agreement listed twice by one unit in one
// quarter): such inputs cannot come from validated files.
func Compute(in Input) (*Result, error) {
	if in.Tree == nil || in.Tree.Root == nil || in.Tree.Len() == 0 {
		return nil, errorf("", "no unit hierarchy", "không có cây đơn vị")
	}
	if !in.Period.Valid() {
		return nil, errorf("", "invalid period %q", "kỳ báo cáo %q không hợp lệ", in.Period.String())
	}
	c := &computer{in: in}
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

func (c *computer) setup() {
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
	c.sideIdx = make(map[sideKey]int, min(rows/c.nq+16, 1<<20))
	c.nameKeys = make(map[string]string)
	c.codeKeys = make(map[string]string)
	c.res = &Result{
		Bloc:     c.units[0].Code,
		Period:   c.in.Period,
		Quarters: c.quarters,
	}
}

// at returns the vector of (pos, set).
func (c *computer) at(pos, set int) []int64 {
	off := (pos*c.nsets + set) * lay.n
	return c.vec[off : off+lay.n : off+lay.n]
}

// add adds x at slot of (pos, set 0) and (pos, set 1+qi).
func (c *computer) add(pos, qi, slot int, x int64) {
	c.at(pos, 0)[slot] += x
	c.at(pos, 1+qi)[slot] += x
}

// unitPos returns the position of the unit with that code.
func (c *computer) unitPos(code string) (int, bool) {
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

func (c *computer) quarterIndex(q period.Quarter) int {
	for i, x := range c.quarters {
		if x == q {
			return i
		}
	}
	return -1
}

// sortedSubs returns the non-nil submissions, each once, ordered by quarter, path,
// fingerprint (then input order), so that nothing depends on the order of Input.Subs.
func (c *computer) sortedSubs() ([]*form.Submission, error) {
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

func (c *computer) key(qi, pos int) int { return qi*len(c.units) + pos }

// rowUnit returns the code a row belongs to: the file's unit in a unit file, the row's
// own unit in a roll-up.
func rowUnit(sub *form.Submission, row string) string {
	if sub.IsRollup() {
		return row
	}
	return sub.Info.UnitCode
}

// claims finds, for every (quarter, unit), the submissions that carry it, records the
// conflicts as Problems and picks the winner. covered holds the Covered status of units
// whose winner is a roll-up listing them.
func (c *computer) claims(subs []*form.Submission) (winners []*form.Submission, covered map[int]string, err error) {
	all := make(map[int][]claim)
	for order, sub := range subs {
		qi := c.quarterIndex(sub.Info.Quarter)
		if !sub.IsRollup() {
			p, ok := c.unitPos(sub.Info.UnitCode)
			if !ok {
				return nil, nil, errUnknownUnit(sub, sub.Info.UnitCode)
			}
			k := c.key(qi, p)
			all[k] = append(all[k], claim{sub, true, order})
			continue
		}
		mine := map[int]bool{}
		note := func(code string) error {
			p, ok := c.unitPos(code)
			if !ok {
				return errUnknownUnit(sub, code)
			}
			if !mine[p] {
				mine[p] = true
				k := c.key(qi, p)
				all[k] = append(all[k], claim{sub, false, order})
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
		slices.SortStableFunc(cl, func(a, b claim) int {
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

func errUnknownUnit(sub *form.Submission, code string) *Error {
	return errorf(sub.Path, "unit code %q is not in the unit hierarchy", "mã đơn vị %q không có trong cây đơn vị", code)
}

func errEnum(sub *form.Submission, sheet string, row int, value string) *Error {
	return errorf(sub.Path, "%s row %d: %q is not a value of its list", "%s dòng %d: %q không thuộc danh mục", sheet, row, value)
}

// Bounds of validated amounts (the form reader allows at most 9 integer digits), so
// that no sum can overflow.
const (
	maxAmount form.Money = 1e12 // 10^9 triệu đồng, in thousandths
	maxCount  int64      = 1e9
)

// inRange checks amounts and counts of one row.
func inRange(sub *form.Submission, sheet string, row int, amounts []form.Money, counts []int64) error {
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
func (c *computer) rows(sub *form.Submission, winners []*form.Submission) error {
	qi := c.quarterIndex(sub.Info.Quarter)
	// mine returns the position of the row's unit if sub is its winner.
	mine := func(code string) (int, bool) {
		p, ok := c.unitPos(rowUnit(sub, code))
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
		if err := inRange(sub, form.SheetPurchases, r.Row, []form.Money{r.Total, r.Domestic, r.InBloc}, nil); err != nil {
			return err
		}
		ci, known := lay.catIdx[r.Category]
		if !known {
			return errEnum(sub, form.SheetPurchases, r.Row, r.Category)
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
		if err := inRange(sub, form.SheetChecks, r.Row, nil, []int64{r.Recs, r.Remedied}); err != nil {
			return err
		}
		ki, known := lay.kindIdx[r.Kind]
		if !known {
			return errEnum(sub, form.SheetChecks, r.Row, r.Kind)
		}
		ri, known := lay.resIdx[r.Result]
		if !known {
			return errEnum(sub, form.SheetChecks, r.Row, r.Result)
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
		if err := inRange(sub, form.SheetActivities, r.Row, []form.Money{r.Value}, []int64{r.Count}); err != nil {
			return err
		}
		ii, known := lay.indIdx[r.Indicator]
		if !known {
			return errEnum(sub, form.SheetActivities, r.Row, r.Indicator)
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
		if err := inRange(sub, form.SheetAgreements, r.Row, []form.Money{r.ContractValue, r.Delivered}, []int64{r.Contracts}); err != nil {
			return err
		}
		if _, known := lay.fieldIdx[r.Field]; !known {
			return errEnum(sub, form.SheetAgreements, r.Row, r.Field)
		}
		if roleRank(r.Role) < 0 {
			return errEnum(sub, form.SheetAgreements, r.Row, r.Role)
		}
		switch r.Status {
		case form.StatusNew, form.StatusActive, form.StatusDone, form.StatusTerminated:
		default:
			return errEnum(sub, form.SheetAgreements, r.Row, r.Status)
		}
		k := sideKey{p, r.NumberKey, c.partnerKey(r)}
		si, seen := c.sideIdx[k]
		if !seen {
			si = len(c.sides)
			c.sideIdx[k] = si
			if len(c.slab) == cap(c.slab) {
				c.slab = make([]side, 0, 1024)
			}
			c.slab = append(c.slab, side{pos: p, numKey: r.NumberKey, partnerKey: k.partner, partner: -1, partnerCode: r.PartnerCode, mate: -1})
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
func (c *computer) partnerKey(r *form.Agreement) string {
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
func (c *computer) statuses(winners []*form.Submission, covered map[int]string) error {
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
func (c *computer) propagate() {
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
func (c *computer) finish() {
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

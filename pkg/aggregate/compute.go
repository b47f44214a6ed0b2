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

// Compute aggregates in. It never panics; it returns an *Error for inputs that break the
// contract (no tree, invalid period, a submission outside the period, a unit code not in
// the tree, a value outside its enumeration, an agreement listed twice by one unit in one
// quarter): such inputs cannot come from validated files.
//
// Compute is NewBuilder, Add of the Digest of every submission, then Finish.
func Compute(in Input) (*Result, error) {
	b, err := NewBuilder(in.Tree, in.Period, in.Windows)
	if err != nil {
		return nil, err
	}
	seen := make(map[*form.Submission]bool, len(in.Subs))
	for i, s := range in.Subs {
		if s == nil || seen[s] {
			continue
		}
		seen[s] = true
		b.Add(i, NewDigest(s))
	}
	return b.Finish(in.Status, nil)
}

// computer holds the state of one aggregation: the tree's shape, the digests added so far
// (Builder) and, in Finish, the figures.
type computer struct {
	tree     *units.Tree
	period   period.Period
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

	// Added digests.
	subs    []*bsub
	sideIdx map[sideKey]int32
	bsides  []bside

	// Finish.
	vec   []int64 // (pos*nsets+set)*lay.n
	own   []int64 // pos*lay.n
	sides []*side
	res   *Result
	done  bool
}

// bsub is one added digest, without its agreement rows (they are in the side table).
type bsub struct {
	seq               int
	path, fingerprint string
	qi                int // -1 when the quarter is outside the period
	quarter           period.Quarter
	rollup            bool
	unitCode          string
	claims            []string
	covered           []dCover
	units             []bunit
	dups              []bdup
}

// bunit is one unit's rows of a submission: its summed slots and first violation.
type bunit struct {
	code   string
	pos    int // -1 when not in the tree
	vec    []int64
	err    *Error
	errPos int64
}

// bdup is an agreement listed twice by one unit in one submission.
type bdup struct {
	pos    int
	errPos int64
	err    *Error
}

type sideKey struct {
	pos          int
	num, partner string
}

// bside collects the rows of one (unit, number, partner) from every added submission.
type bside struct {
	pos                int
	numKey, partnerKey string
	cands              []cand
}

// cand is one agreement row of one submission (the quarter is the submission's).
type cand struct {
	sub int32 // index in computer.subs
	qi  int32
	a   arow
}

// arow is an agreement row as the aggregation needs it.
type arow struct {
	number, partnerCode string
	signed, expires     dtime
	contracts, cv, dv   int64
	role                uint8 // roleRank
	field, status       uint8 // indexes in lay.fields, statusValues
	inBloc              bool
}

// ended reports whether the row's status is Hoàn thành or Chấm dứt.
func (r *arow) ended() bool {
	return r.status != badEnum && (statusValues[r.status] == form.StatusDone || statusValues[r.status] == form.StatusTerminated)
}

// side is one unit's record of one agreement (identity: normalised number + partner)
// across the period's quarters.
type side struct {
	pos         int
	numKey      string
	partnerKey  string
	partner     int // position of the in-tree partner, -1 when none
	partnerCode string
	rows        [4]*arow // by quarter index
	eligible    bool     // in-bloc with an in-tree partner other than itself
	mate        int      // index of the paired side in computer.sides, -1
}

// latest returns the side's row of the latest quarter of the period that has one.
func (s *side) latest(nq int) *arow {
	for qi := nq - 1; qi >= 0; qi-- {
		if s.rows[qi] != nil {
			return s.rows[qi]
		}
	}
	return nil
}

// claim is one submission's claim on a (quarter, unit).
type claim struct {
	sub   *bsub
	own   bool // the unit's own file (not a roll-up)
	order int  // position in the sorted submissions
}

func (c *computer) setup(tree *units.Tree, p period.Period, w period.Windows) {
	c.tree, c.period = tree, p
	c.units = tree.Units()
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
	c.quarters = p.Quarters()
	c.nq = len(c.quarters)
	c.nsets = 1 + c.nq
	c.setQ = make([][]int, c.nsets)
	c.ranges = make([][2]time.Time, c.nsets)
	first, last := w.PeriodRange(p)
	c.ranges[0] = [2]time.Time{first, last}
	for qi, q := range c.quarters {
		c.setQ[0] = append(c.setQ[0], qi)
		c.setQ[1+qi] = []int{qi}
		f, l := w.QuarterRange(q)
		c.ranges[1+qi] = [2]time.Time{f, l}
	}
	c.sideIdx = make(map[sideKey]int32)
}

// at returns the vector of (pos, set).
func (c *computer) at(pos, set int) []int64 {
	off := (pos*c.nsets + set) * lay.n
	return c.vec[off : off+lay.n : off+lay.n]
}

// unitPos returns the position of the unit with that code.
func (c *computer) unitPos(code string) (int, bool) {
	if p, ok := c.codePos[code]; ok {
		return p, true
	}
	u := c.tree.Lookup(code)
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

func (c *computer) key(qi, pos int) int { return qi*len(c.units) + pos }

// claims finds, for every (quarter, unit), the submissions that carry it, records the
// conflicts as Problems and picks the winner. covered holds the Covered status of units
// whose winner is a roll-up listing them.
func (c *computer) claims(subs []*bsub) (winners []*bsub, covered map[int]string, err error) {
	all := make(map[int][]claim)
	for order, sub := range subs {
		qi := sub.qi
		if !sub.rollup {
			p, ok := c.unitPos(sub.unitCode)
			if !ok {
				return nil, nil, errUnknownUnit(sub.path, sub.unitCode)
			}
			k := c.key(qi, p)
			all[k] = append(all[k], claim{sub, true, order})
			continue
		}
		mine := map[int]bool{}
		for _, code := range sub.claims {
			p, ok := c.unitPos(code)
			if !ok {
				return nil, nil, errUnknownUnit(sub.path, code)
			}
			if !mine[p] {
				mine[p] = true
				k := c.key(qi, p)
				all[k] = append(all[k], claim{sub, false, order})
			}
		}
	}
	keys := make([]int, 0, len(all))
	for k := range all {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	winners = make([]*bsub, c.nq*len(c.units))
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
				files = append(files, x.sub.path)
			}
			slices.Sort(files)
			files = slices.Compact(files)
			c.res.Problems = append(c.res.Problems, Problem{Unit: c.units[p].Code, Quarter: c.quarters[qi], Files: files})
		}
		if w.rollup {
			for _, cu := range w.covered {
				if cp, ok := c.unitPos(cu.code); ok && cp == p {
					covered[k] = cu.status
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

func errUnknownUnit(path, code string) *Error {
	return errorf(path, "unit code %q is not in the unit hierarchy", "mã đơn vị %q không có trong cây đơn vị", code)
}

func errEnum(path, sheet string, row int, value string) *Error {
	return errorf(path, "%s row %d: %q is not a value of its list", "%s dòng %d: %q không thuộc danh mục", sheet, row, value)
}

// Bounds of validated amounts (the form reader allows at most 9 integer digits), so
// that no sum can overflow.
const (
	maxAmount form.Money = 1e12 // 10^9 triệu đồng, in thousandths
	maxCount  int64      = 1e9
)

// inRange checks amounts and counts of one row; nil when they are in range.
func inRange(path, sheet string, row int, amounts []form.Money, counts []int64) *Error {
	for _, m := range amounts {
		if m < 0 || m >= maxAmount {
			return errorf(path, "%s row %d: amount %s out of range", "%s dòng %d: giá trị %s ngoài phạm vi", sheet, row, m.String())
		}
	}
	for _, n := range counts {
		if n < 0 || n >= maxCount {
			return errorf(path, "%s row %d: count %d out of range", "%s dòng %d: số lượng %d ngoài phạm vi", sheet, row, n)
		}
	}
	return nil
}

// rows adds the summed rows of sub for the (quarter, unit)s it won; it returns the first
// contract violation among them instead, if any.
func (c *computer) rows(sub *bsub, winners []*bsub) error {
	var first *Error
	var firstPos int64
	note := func(e *Error, pos int64) {
		if e != nil && (first == nil || pos < firstPos) {
			first, firstPos = e, pos
		}
	}
	won := func(p int) bool { return p >= 0 && winners[c.key(sub.qi, p)] == sub }
	for i := range sub.units {
		if u := &sub.units[i]; won(u.pos) {
			note(u.err, u.errPos)
		}
	}
	for _, d := range sub.dups {
		if won(d.pos) {
			note(d.err, d.errPos)
		}
	}
	if first != nil {
		e := *first
		e.Path = sub.path
		return &e
	}
	for i := range sub.units {
		u := &sub.units[i]
		if !won(u.pos) || u.vec == nil {
			continue
		}
		for _, set := range [2]int{0, 1 + sub.qi} {
			dst := c.at(u.pos, set)[lay.proc:]
			for j, x := range u.vec {
				dst[j] += x
			}
		}
	}
	return nil
}

// buildSides keeps, of every collected side, the rows of the submissions that won its
// unit's quarter.
func (c *computer) buildSides(winners []*bsub) {
	n := 0
	for i := range c.bsides {
		n += min(len(c.bsides[i].cands), 1)
	}
	slab := make([]side, 0, n)
	for i := range c.bsides {
		bs := &c.bsides[i]
		sd := side{pos: bs.pos, numKey: bs.numKey, partnerKey: bs.partnerKey, partner: -1, mate: -1}
		firstQ, any := c.nq, false
		for j := range bs.cands {
			cd := &bs.cands[j]
			if winners[c.key(int(cd.qi), bs.pos)] != c.subs[cd.sub] {
				continue
			}
			any = true
			sd.rows[cd.qi] = &cd.a
			if int(cd.qi) < firstQ {
				firstQ = int(cd.qi)
				sd.partnerCode = cd.a.partnerCode
			}
		}
		if !any {
			continue
		}
		if sd.partnerCode != "" {
			if pp, ok := c.unitPos(sd.partnerCode); ok {
				sd.partner = pp
			}
		}
		slab = append(slab, sd)
	}
	c.sides = make([]*side, len(slab))
	for i := range slab {
		c.sides[i] = &slab[i]
	}
}

// statuses adds the reporting counts and builds the Missing list.
func (c *computer) statuses(status map[period.Quarter]map[string]Status, winners []*bsub, covered map[int]string) error {
	for qi, q := range c.quarters {
		given := status[q]
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
						return errorf(winners[k].path, "unit %s: %q is not a value of its list", "đơn vị %s: %q không thuộc danh mục", u.Code, cs)
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

// add adds x at slot of (pos, set 0) and (pos, set 1+qi).
func (c *computer) add(pos, qi, slot int, x int64) {
	c.at(pos, 0)[slot] += x
	c.at(pos, 1+qi)[slot] += x
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

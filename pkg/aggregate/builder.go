package aggregate

import (
	"cmp"
	"slices"
	"strings"

	"github.com/vdhv/vdhv/pkg/form"
	"github.com/vdhv/vdhv/pkg/period"
	"github.com/vdhv/vdhv/pkg/units"
)

// Builder aggregates submissions one at a time, so that a caller reading thousands of
// files never holds more than their digests: Add merges a Digest's agreement rows into
// one table of sides (an agreement reported in four quarters is stored once, with four
// compact rows) and keeps its summed figures (a few hundred bytes); Finish decides which
// submission speaks for each unit and quarter and computes the Result exactly as Compute
// does. The order of Add calls never matters. A Builder is not safe for concurrent use
// (make the digests concurrently, Add them from one goroutine) and Finish may be called
// once.
type Builder struct {
	c computer
}

// NewBuilder starts an aggregation of period p over tree. It fails like Compute for a
// missing tree or an invalid period.
func NewBuilder(tree *units.Tree, p period.Period, w period.Windows) (*Builder, error) {
	if tree == nil || tree.Root == nil || tree.Len() == 0 {
		return nil, errorf("", "no unit hierarchy", "không có cây đơn vị")
	}
	if !p.Valid() {
		return nil, errorf("", "invalid period %q", "kỳ báo cáo %q không hợp lệ", p.String())
	}
	b := &Builder{}
	b.c.setup(tree, p, w)
	return b, nil
}

// Add adds the digest of one submission under seq, a number unique to it that breaks
// ties between submissions with the same quarter, path and fingerprint (Compute uses the
// index in Input.Subs) and that Finish's use function is given. d is not retained.
func (b *Builder) Add(seq int, d *Digest) {
	c := &b.c
	if c.done || d == nil {
		return
	}
	// Copies of what is kept: a digest's texts may share one string (UnmarshalBinary).
	s := &bsub{seq: seq, path: d.Path, fingerprint: strings.Clone(d.Fingerprint), quarter: d.Quarter,
		qi: c.quarterIndex(d.Quarter), rollup: d.Rollup, unitCode: strings.Clone(d.UnitCode)}
	for _, x := range d.claims {
		s.claims = append(s.claims, strings.Clone(x))
	}
	for _, x := range d.covered {
		s.covered = append(s.covered, dCover{code: strings.Clone(x.code), status: strings.Clone(x.status)})
	}
	si := int32(len(c.subs))
	c.subs = append(c.subs, s)
	if s.qi < 0 {
		return // an error if Finish uses it
	}
	s.units = make([]bunit, len(d.units))
	for i, u := range d.units {
		p := -1
		if pp, ok := c.unitPos(u.code); ok {
			p = pp
		}
		s.units[i] = bunit{code: strings.Clone(u.code), pos: p, vec: u.vec, errPos: u.errPos}
		if u.err != nil {
			s.units[i].err = &Error{Message: strings.Clone(u.err.Message), MessageVI: strings.Clone(u.err.MessageVI)}
		}
	}
	for i := range d.agrs {
		a := &d.agrs[i]
		p := s.units[a.unit].pos
		if p < 0 {
			continue // not in the tree: the claims fail if the submission is used
		}
		k := sideKey{p, a.numKey, a.partnerKey}
		idx, ok := c.sideIdx[k]
		if !ok {
			// Keep copies: the digest's texts share one string per file.
			both := a.numKey + a.partnerKey
			k.num, k.partner = both[:len(a.numKey)], both[len(a.numKey):]
			idx = int32(len(c.bsides))
			c.sideIdx[k] = idx
			c.bsides = append(c.bsides, bside{pos: p, numKey: k.num, partnerKey: k.partner})
		}
		bs := &c.bsides[idx]
		dup := false
		for j := len(bs.cands) - 1; j >= 0 && !dup; j-- {
			dup = bs.cands[j].sub == si
		}
		if dup {
			s.dups = append(s.dups, bdup{pos: p, errPos: rowPos(sheetAgreements, int(a.index), true),
				err: errorf("", "%s row %d: agreement %q with the same partner listed twice for unit %s",
					"%s dòng %d: thỏa thuận %q với cùng đối tác được kê hai lần cho đơn vị %s",
					form.SheetAgreements, a.row, a.number, c.units[p].Code)})
			continue
		}
		r := arow{number: a.number, partnerCode: a.partnerCode, signed: a.signed, expires: a.expires,
			contracts: a.contracts, cv: a.cv, dv: a.dv, role: a.role, field: a.field, status: a.status, inBloc: a.inBloc}
		// Share the texts an agreement repeats quarter after quarter; copy the others.
		switch {
		case r.number == bs.numKey:
			r.number = bs.numKey
		case len(bs.cands) > 0 && bs.cands[len(bs.cands)-1].a.number == r.number:
			r.number = bs.cands[len(bs.cands)-1].a.number
		default:
			r.number = strings.Clone(r.number)
		}
		if len(bs.cands) > 0 && bs.cands[len(bs.cands)-1].a.partnerCode == r.partnerCode {
			r.partnerCode = bs.cands[len(bs.cands)-1].a.partnerCode
		} else {
			r.partnerCode = strings.Clone(r.partnerCode)
		}
		bs.cands = append(bs.cands, cand{sub: si, qi: int32(s.qi), a: r})
	}
}

// Finish computes the Result from the added digests for which use(seq) is true (all of
// them when use is nil), with the workspace's statuses (see Input.Status). It returns the
// same Result, or the same *Error, as Compute of those submissions.
func (b *Builder) Finish(status map[period.Quarter]map[string]Status, use func(seq int) bool) (*Result, error) {
	c := &b.c
	if c.done {
		return nil, errorf("", "the aggregation was already finished", "đã tổng hợp xong")
	}
	c.done = true
	var subs []*bsub
	var outside *bsub
	for _, s := range c.subs {
		if use != nil && !use(s.seq) {
			continue
		}
		if s.qi < 0 {
			if outside == nil || s.seq < outside.seq {
				outside = s
			}
			continue
		}
		subs = append(subs, s)
	}
	if outside != nil {
		return nil, errorf(outside.path, "submission for %s is outside the period %s",
			"báo cáo của %s nằm ngoài kỳ %s", outside.quarter.String(), c.period.String())
	}
	slices.SortFunc(subs, func(a, b *bsub) int {
		return cmp.Or(cmp.Compare(a.qi, b.qi), cmp.Compare(a.path, b.path),
			cmp.Compare(a.fingerprint, b.fingerprint), cmp.Compare(a.seq, b.seq))
	})
	c.res = &Result{Bloc: c.units[0].Code, Period: c.period, Quarters: c.quarters}
	c.vec = make([]int64, len(c.units)*c.nsets*lay.n)
	c.own = make([]int64, len(c.units)*lay.n)
	winners, covered, err := c.claims(subs)
	if err != nil {
		return nil, err
	}
	for _, s := range subs {
		if err := c.rows(s, winners); err != nil {
			return nil, err
		}
	}
	c.buildSides(winners)
	c.sideIdx, c.bsides = nil, nil
	if err := c.statuses(status, winners, covered); err != nil {
		return nil, err
	}
	c.subs = nil
	c.pairSides()
	c.agreements()
	c.propagate()
	c.finish()
	return c.res, nil
}

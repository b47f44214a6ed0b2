package aggregate

import (
	"encoding/binary"
	"errors"
	"math"

	"github.com/vdhv/vdhv/pkg/period"
)

// DigestFormat is the version of the binary form of a Digest; a cache of digests must be
// keyed by it.
const DigestFormat = 1

var errDigest = errors.New("aggregate: malformed digest")

// AppendBinary appends the binary form of d (all but Path) to b.
func (d *Digest) AppendBinary(b []byte) ([]byte, error) {
	str := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	vint := func(x int64) { b = binary.AppendVarint(b, x) }
	uint_ := func(x int) { b = binary.AppendUvarint(b, uint64(x)) }
	flag := func(v bool) {
		if v {
			b = append(b, 1)
		} else {
			b = append(b, 0)
		}
	}
	tm := func(t dtime) {
		if t.sec == zeroSec {
			b = append(b, 0)
			return
		}
		b = append(b, 1)
		vint(t.sec)
		vint(int64(t.ns))
	}
	b = append(b, DigestFormat)
	str(d.Fingerprint)
	vint(int64(d.Quarter.Year))
	vint(int64(d.Quarter.Q))
	str(d.UnitCode)
	flag(d.Rollup)
	uint_(len(d.covered))
	for _, c := range d.covered {
		str(c.code)
		str(c.status)
	}
	uint_(len(d.claims))
	for _, c := range d.claims {
		str(c)
	}
	uint_(len(d.units))
	for i := range d.units {
		u := &d.units[i]
		str(u.code)
		flag(u.vec != nil)
		if u.vec != nil {
			if len(u.vec) != lay.n-lay.proc {
				return nil, errDigest
			}
			for _, x := range u.vec {
				vint(x)
			}
		}
		flag(u.err != nil)
		if u.err != nil {
			str(u.err.Message)
			str(u.err.MessageVI)
			vint(u.errPos)
		}
	}
	uint_(len(d.agrs))
	for i := range d.agrs {
		a := &d.agrs[i]
		vint(int64(a.unit))
		vint(int64(a.row))
		vint(int64(a.index))
		str(a.numKey)
		str(a.partnerKey)
		flag(a.number == a.numKey)
		if a.number != a.numKey {
			str(a.number)
		}
		str(a.partnerCode)
		tm(a.signed)
		tm(a.expires)
		vint(a.contracts)
		vint(a.cv)
		vint(a.dv)
		b = append(b, a.role, a.field, a.status)
		flag(a.inBloc)
	}
	return b, nil
}

// UnmarshalBinary reads what AppendBinary wrote. It checks everything it reads (never
// panics), so that a damaged cache entry is an error, not a wrong figure; Path is left
// unchanged.
func (d *Digest) UnmarshalBinary(data []byte) error {
	// One string for every text of the digest (Builder.Add copies what it keeps).
	r := digestReader{b: string(data)}
	if r.byte() != DigestFormat {
		return errDigest
	}
	var n Digest
	n.Path = d.Path
	n.Fingerprint = r.str()
	n.Quarter = period.Quarter{Year: r.int(), Q: r.int()}
	n.UnitCode = r.str()
	n.Rollup = r.flag()
	if c := r.count(2); c > 0 {
		n.covered = make([]dCover, c)
		for i := range n.covered {
			n.covered[i] = dCover{code: r.str(), status: r.str()}
		}
	}
	if c := r.count(1); c > 0 {
		n.claims = make([]string, c)
		for i := range n.claims {
			n.claims[i] = r.str()
		}
	}
	if c := r.count(3); c > 0 {
		n.units = make([]dUnit, c)
		for i := range n.units {
			u := &n.units[i]
			u.code = r.str()
			if r.flag() {
				u.vec = make([]int64, lay.n-lay.proc)
				for j := range u.vec {
					u.vec[j] = r.varint()
				}
			}
			if r.flag() {
				u.err = &Error{Message: r.str(), MessageVI: r.str()}
				u.errPos = r.varint()
			}
		}
	}
	if c := r.count(16); c > 0 { // 16: the smallest row
		n.agrs = make([]dAgr, c)
		for i := range n.agrs {
			a := &n.agrs[i]
			a.unit = r.int32()
			a.row = r.int32()
			a.index = r.int32()
			a.numKey = r.str()
			a.partnerKey = r.str()
			if r.flag() {
				a.number = a.numKey
			} else {
				a.number = r.str()
			}
			a.partnerCode = r.str()
			a.signed = r.time()
			a.expires = r.time()
			a.contracts, a.cv, a.dv = r.varint(), r.varint(), r.varint()
			a.role, a.field, a.status = r.byte(), r.byte(), r.byte()
			a.inBloc = r.flag()
			if r.err == nil && (a.unit < 0 || int(a.unit) >= len(n.units) ||
				(a.role >= uint8(len(roleValues)) && a.role != badEnum) ||
				(a.field >= uint8(len(lay.fields)) && a.field != badEnum) ||
				(a.status >= uint8(len(statusValues)) && a.status != badEnum)) {
				r.err = errDigest
			}
			if r.err == nil && (a.role == badEnum || a.field == badEnum || a.status == badEnum) {
				// NewDigest records a violation for such a row; without one, Finish could use it.
				if u := &n.units[a.unit]; u.err == nil || u.errPos > rowPos(sheetAgreements, int(a.index), false) {
					r.err = errDigest
				}
			}
		}
	}
	if r.err != nil || len(r.b) != 0 || (!n.Rollup && len(n.units) != 1) {
		return errDigest
	}
	*d = n
	return nil
}

// digestReader reads the binary form; the first problem sticks in err.
type digestReader struct {
	b   string
	err error
}

func (r *digestReader) fail() { r.err, r.b = errDigest, "" }

func (r *digestReader) byte() byte {
	if len(r.b) == 0 {
		r.fail()
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

func (r *digestReader) flag() bool {
	switch r.byte() {
	case 0:
		return false
	case 1:
		return true
	}
	r.fail()
	return false
}

// uvarint reads what binary.AppendUvarint wrote.
func (r *digestReader) uvarint() uint64 {
	var x uint64
	for i := 0; i < binary.MaxVarintLen64; i++ {
		if i >= len(r.b) {
			break
		}
		c := r.b[i]
		if i == binary.MaxVarintLen64-1 && c > 1 {
			break // overflow
		}
		x |= uint64(c&0x7f) << (7 * i)
		if c < 0x80 {
			r.b = r.b[i+1:]
			return x
		}
	}
	r.fail()
	return 0
}

// varint reads what binary.AppendVarint wrote.
func (r *digestReader) varint() int64 {
	ux := r.uvarint()
	x := int64(ux >> 1)
	if ux&1 != 0 {
		x = ^x
	}
	return x
}

func (r *digestReader) int() int {
	x := r.varint()
	if x < math.MinInt32 || x > math.MaxInt32 {
		r.fail()
		return 0
	}
	return int(x)
}

func (r *digestReader) int32() int32 { return int32(r.int()) }

// count reads a length, refusing one that the remaining bytes cannot hold (each element
// takes at least min bytes).
func (r *digestReader) count(min int) int {
	x := r.uvarint()
	if x > uint64(len(r.b)/min) {
		r.fail()
		return 0
	}
	return int(x)
}

func (r *digestReader) str() string {
	x := r.uvarint()
	if x > uint64(len(r.b)) {
		r.fail()
		return ""
	}
	s := r.b[:x]
	r.b = r.b[x:]
	return s
}

func (r *digestReader) time() dtime {
	if !r.flag() {
		return dtime{sec: zeroSec}
	}
	t := dtime{sec: r.varint()}
	ns := r.varint()
	if ns < 0 || ns >= 1e9 || t.sec == zeroSec {
		r.fail()
		return dtime{sec: zeroSec}
	}
	t.ns = int32(ns)
	return t
}

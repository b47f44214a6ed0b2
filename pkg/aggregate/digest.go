package aggregate

import (
	"math"
	"strings"
	"time"

	"github.com/vdhv/vdhv/pkg/form"
	"github.com/vdhv/vdhv/pkg/period"
)

// Digest is what the aggregation needs of one submission, in compact form: the rows of
// `Mua sắm`, `Kiểm tra giám sát` and `Hoạt động` already summed per unit, the agreement
// rows with their keys normalised and their enumerations as indexes, the roll-up's
// Covered statuses, and the first contract violation of each unit (reported by Finish
// only if that unit's figures are counted). Texts that no figure needs (notes, `Đánh
// giá`, the contents of checks) are left out. A Digest shares no memory with the
// submission it was made from, so the submission can be dropped right away: this is what
// keeps the memory of an aggregation flat in the number of files.
//
// NewDigest is safe for concurrent use and does not need the unit hierarchy; a Digest
// can be stored (AppendBinary, UnmarshalBinary) and is read-only once made.
type Digest struct {
	Path        string // Submission.Path; not stored by AppendBinary
	Fingerprint string
	Quarter     period.Quarter
	UnitCode    string
	Rollup      bool

	covered []dCover
	claims  []string // roll-ups: the unit codes they carry, in the order Compute notes them
	units   []dUnit  // a unit file: exactly one, the file's unit
	agrs    []dAgr   // agreement rows in sheet order
}

// dCover is one row of a roll-up's `Đơn vị tổng hợp`.
type dCover struct {
	code, status string
}

// dUnit is one unit's rows in a submission.
type dUnit struct {
	code string
	// vec holds the sums of the row-derived slots lay.proc .. lay.n.
	vec []int64
	// err is the first contract violation among the unit's rows (in the order Compute
	// checks them), at errPos (rowPos); nil when none. Its Path is empty.
	err    *Error
	errPos int64
}

// dAgr is one agreement row.
type dAgr struct {
	unit                int32 // index in Digest.units
	row                 int32 // Agreement.Row
	index               int32 // index in Submission.Agreements
	numKey, partnerKey  string
	number, partnerCode string
	signed, expires     dtime
	contracts, cv, dv   int64
	role, field, status uint8
	inBloc              bool
}

// dtime is a time as Unix seconds and nanoseconds in UTC; sec == zeroSec is the zero time.
type dtime struct {
	sec int64
	ns  int32
}

const zeroSec = math.MinInt64

func toDtime(t time.Time) dtime {
	if t.IsZero() {
		return dtime{sec: zeroSec}
	}
	return dtime{sec: t.Unix(), ns: int32(t.Nanosecond())}
}

func (d dtime) time() time.Time {
	if d.sec == zeroSec {
		return time.Time{}
	}
	return time.Unix(d.sec, int64(d.ns)).UTC()
}

// Enumeration values of agreement rows as indexes; badEnum for a value outside the list.
const badEnum = 255

var (
	roleValues   = []string{form.RoleUse, form.RoleBoth, form.RoleSupply} // index = roleRank
	statusValues = []string{form.StatusNew, form.StatusActive, form.StatusDone, form.StatusTerminated}
	statusIdx    = indexOf(statusValues)
)

func enumIndex(m map[string]int, s string) uint8 {
	if i, ok := m[s]; ok && i < badEnum {
		return uint8(i)
	}
	return badEnum
}

// Positions of rows in the order Compute checks them: the sheets (purchases, checks,
// activities, agreements), then the row's index; within an agreement row a contract
// violation comes before a duplicate.
func rowPos(sheet, index int, dup bool) int64 {
	p := int64(sheet)<<40 | int64(index)<<1
	if dup {
		p |= 1
	}
	return p
}

const (
	sheetPurchases = iota
	sheetChecks
	sheetActivities
	sheetAgreements
)

// NewDigest makes the digest of sub. It never fails: a row that breaks the contract of
// Compute (an unknown enumeration value, an amount out of range) is recorded as its
// unit's error.
func NewDigest(sub *form.Submission) *Digest {
	d := &Digest{
		Path:        sub.Path,
		Fingerprint: strings.Clone(sub.Fingerprint),
		Quarter:     sub.Info.Quarter,
		UnitCode:    strings.Clone(sub.Info.UnitCode),
		Rollup:      sub.IsRollup(),
	}
	index := map[string]int{}
	unitOf := func(row string) int {
		code := d.UnitCode
		if d.Rollup {
			code = row
		}
		if i, ok := index[code]; ok {
			return i
		}
		i := len(d.units)
		index[code] = i
		if code != d.UnitCode {
			code = strings.Clone(code)
		}
		d.units = append(d.units, dUnit{code: code})
		return i
	}
	if !d.Rollup {
		unitOf("")
	} else {
		seen := map[string]bool{}
		note := func(code string) {
			if !seen[code] {
				seen[code] = true
				d.claims = append(d.claims, strings.Clone(code))
			}
		}
		for _, cu := range sub.Covered {
			note(cu.Code)
			d.covered = append(d.covered, dCover{code: strings.Clone(cu.Code), status: strings.Clone(cu.Status)})
		}
		for i := range sub.Agreements {
			note(sub.Agreements[i].Unit)
		}
		for i := range sub.Purchases {
			note(sub.Purchases[i].Unit)
		}
		for i := range sub.Checks {
			note(sub.Checks[i].Unit)
		}
		for i := range sub.Activities {
			note(sub.Activities[i].Unit)
		}
	}
	fail := func(u int, pos int64, e *Error) {
		if du := &d.units[u]; du.err == nil || pos < du.errPos {
			du.err, du.errPos = e, pos
		}
	}
	vec := func(u int) []int64 {
		du := &d.units[u]
		if du.vec == nil {
			du.vec = make([]int64, lay.n-lay.proc)
		}
		return du.vec
	}
	// add adds x at slot (a slot of the full layout).
	add := func(u, slot int, x int64) { vec(u)[slot-lay.proc] += x }

	for i := range sub.Purchases {
		r := &sub.Purchases[i]
		u := unitOf(r.Unit)
		if e := inRange("", form.SheetPurchases, r.Row, []form.Money{r.Total, r.Domestic, r.InBloc}, nil); e != nil {
			fail(u, rowPos(sheetPurchases, i, false), e)
			continue
		}
		ci, known := lay.catIdx[r.Category]
		if !known {
			fail(u, rowPos(sheetPurchases, i, false), errEnum("", form.SheetPurchases, r.Row, r.Category))
			continue
		}
		for _, x := range [...]struct {
			slot int
			v    form.Money
		}{{procTotal, r.Total}, {procDomestic, r.Domestic}, {procInBloc, r.InBloc}} {
			add(u, lay.proc+x.slot, int64(x.v))
			add(u, lay.cat+procLen*ci+x.slot, int64(x.v))
		}
	}
	for i := range sub.Checks {
		r := &sub.Checks[i]
		u := unitOf(r.Unit)
		if e := inRange("", form.SheetChecks, r.Row, nil, []int64{r.Recs, r.Remedied}); e != nil {
			fail(u, rowPos(sheetChecks, i, false), e)
			continue
		}
		ki, known := lay.kindIdx[r.Kind]
		if !known {
			fail(u, rowPos(sheetChecks, i, false), errEnum("", form.SheetChecks, r.Row, r.Kind))
			continue
		}
		ri, known := lay.resIdx[r.Result]
		if !known {
			fail(u, rowPos(sheetChecks, i, false), errEnum("", form.SheetChecks, r.Row, r.Result))
			continue
		}
		add(u, lay.chk+chkTotal, 1)
		if r.InProgramme {
			add(u, lay.chk+chkInProg, 1)
		}
		add(u, lay.chk+chkRecs, r.Recs)
		add(u, lay.chk+chkRemedied, r.Remedied)
		add(u, lay.kind+ki, 1)
		add(u, lay.res+ri, 1)
	}
	for i := range sub.Activities {
		r := &sub.Activities[i]
		u := unitOf(r.Unit)
		if e := inRange("", form.SheetActivities, r.Row, []form.Money{r.Value}, []int64{r.Count}); e != nil {
			fail(u, rowPos(sheetActivities, i, false), e)
			continue
		}
		ii, known := lay.indIdx[r.Indicator]
		if !known {
			fail(u, rowPos(sheetActivities, i, false), errEnum("", form.SheetActivities, r.Row, r.Indicator))
			continue
		}
		add(u, lay.act+actLen*ii+actCount, r.Count)
		add(u, lay.act+actLen*ii+actValue, int64(r.Value))
	}
	if len(sub.Agreements) == 0 {
		return d
	}
	// The texts of the agreement rows go into one string (one allocation per file, not
	// four per row); Builder.Add copies the few it keeps.
	d.agrs = make([]dAgr, len(sub.Agreements))
	var text strings.Builder
	type span struct{ numKey, partnerKey, number, partnerCode [2]int32 }
	spans := make([]span, len(sub.Agreements))
	put := func(s string) [2]int32 {
		start := text.Len()
		text.WriteString(s)
		return [2]int32{int32(start), int32(text.Len())}
	}
	size := 0
	for i := range sub.Agreements {
		r := &sub.Agreements[i]
		size += 2*len(r.NumberKey) + len(r.Number) + 2*len(r.PartnerCode) + len(r.PartnerName) + 8
	}
	text.Grow(size)
	nameKeys := map[string]string{} // normalising a name is costly
	for i := range sub.Agreements {
		r := &sub.Agreements[i]
		u := unitOf(r.Unit)
		pos := rowPos(sheetAgreements, i, false)
		if e := inRange("", form.SheetAgreements, r.Row, []form.Money{r.ContractValue, r.Delivered}, []int64{r.Contracts}); e != nil {
			fail(u, pos, e)
		} else if _, known := lay.fieldIdx[r.Field]; !known {
			fail(u, pos, errEnum("", form.SheetAgreements, r.Row, r.Field))
		} else if roleRank(r.Role) < 0 {
			fail(u, pos, errEnum("", form.SheetAgreements, r.Row, r.Role))
		} else if _, known := statusIdx[r.Status]; !known {
			fail(u, pos, errEnum("", form.SheetAgreements, r.Row, r.Status))
		}
		sp := &spans[i]
		sp.numKey = put(r.NumberKey)
		switch {
		case r.PartnerCode != "" && isASCII(r.PartnerCode):
			// r.PartnerKey() without its two allocations.
			start := text.Len()
			text.WriteString("code:")
			for j := 0; j < len(r.PartnerCode); j++ {
				c := r.PartnerCode[j]
				if 'a' <= c && c <= 'z' {
					c -= 'a' - 'A'
				}
				text.WriteByte(c)
			}
			sp.partnerKey = [2]int32{int32(start), int32(text.Len())}
		case r.PartnerCode != "":
			sp.partnerKey = put(r.PartnerKey())
		default:
			pk, ok := nameKeys[r.PartnerName]
			if !ok {
				pk = r.PartnerKey()
				nameKeys[r.PartnerName] = pk
			}
			sp.partnerKey = put(pk)
		}
		if r.Number == r.NumberKey {
			sp.number = sp.numKey
		} else {
			sp.number = put(r.Number)
		}
		sp.partnerCode = put(r.PartnerCode)
		a := &d.agrs[i]
		*a = dAgr{
			unit: int32(u), row: int32(r.Row), index: int32(i),
			signed: toDtime(r.Signed), expires: toDtime(r.Expires),
			contracts: r.Contracts, cv: int64(r.ContractValue), dv: int64(r.Delivered),
			field: enumIndex(lay.fieldIdx, r.Field), status: enumIndex(statusIdx, r.Status), role: badEnum,
			inBloc: r.InBloc,
		}
		if rk := roleRank(r.Role); rk >= 0 {
			a.role = uint8(rk)
		}
	}
	all := text.String()
	cut := func(s [2]int32) string { return all[s[0]:s[1]] }
	for i := range d.agrs {
		a, sp := &d.agrs[i], &spans[i]
		a.numKey, a.partnerKey, a.number, a.partnerCode = cut(sp.numKey), cut(sp.partnerKey), cut(sp.number), cut(sp.partnerCode)
	}
	return d
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

package aggregate

import "github.com/vdhv/vdhv/pkg/form"

// Internally every additive figure of one unit over one set of quarters is one slot of a
// flat []int64 vector, so that roll-up is vector addition. layout gives the offsets.
type layout struct {
	n int // vector length

	rep, agr, field, proc, cat, chk, kind, res, act int

	fields, cats, kinds, results, indicators  []string
	fieldIdx, catIdx, kindIdx, resIdx, indIdx map[string]int
}

// Offsets inside the blocks.
const (
	repExpected = 0 // then rep+int(Status): on_time 1, late 2, invalid 3, missing 4
	repLen      = 5

	agrInForce   = 0
	agrNew       = 1
	agrEnded     = 2
	agrInBloc    = 3
	agrContracts = 4
	agrCV        = 5
	agrDV        = 6
	agrLen       = 7

	fldInForce = 0
	fldInBloc  = 1
	fldCV      = 2
	fldDV      = 3
	fldLen     = 4

	procTotal    = 0
	procDomestic = 1
	procInBloc   = 2
	procLen      = 3

	chkTotal    = 0
	chkInProg   = 1
	chkRecs     = 2
	chkRemedied = 3
	chkLen      = 4

	actCount = 0
	actValue = 1
	actLen   = 2
)

func indexOf(values []string) map[string]int {
	m := make(map[string]int, len(values))
	for i, v := range values {
		m[v] = i
	}
	return m
}

func newLayout() *layout {
	l := &layout{
		fields:     form.EnumField.Values,
		cats:       form.EnumCategory.Values,
		kinds:      form.EnumCheckKind.Values,
		results:    form.EnumCheckResult.Values,
		indicators: form.EnumIndicator.Values,
	}
	l.fieldIdx, l.catIdx, l.kindIdx = indexOf(l.fields), indexOf(l.cats), indexOf(l.kinds)
	l.resIdx, l.indIdx = indexOf(l.results), indexOf(l.indicators)
	n := 0
	next := func(size int) int { off := n; n += size; return off }
	l.rep = next(repLen)
	l.agr = next(agrLen)
	l.field = next(fldLen * len(l.fields))
	l.proc = next(procLen)
	l.cat = next(procLen * len(l.cats))
	l.chk = next(chkLen)
	l.kind = next(len(l.kinds))
	l.res = next(len(l.results))
	l.act = next(actLen * len(l.indicators))
	l.n = n
	return l
}

var lay = newLayout()

// figures converts a vector to Figures.
func (l *layout) figures(v []int64) Figures {
	var f Figures
	f.Reporting = Reporting{
		Expected: v[l.rep+repExpected],
		OnTime:   v[l.rep+int(OnTime)],
		Late:     v[l.rep+int(Late)],
		Invalid:  v[l.rep+int(Invalid)],
		Missing:  v[l.rep+int(Missing)],
	}
	a := v[l.agr:]
	f.Agreements = Agreements{
		InForce: a[agrInForce], New: a[agrNew], Ended: a[agrEnded], InBloc: a[agrInBloc],
		Contracts: a[agrContracts], ContractValue: form.Money(a[agrCV]), Delivered: form.Money(a[agrDV]),
		ByField: make([]FieldFigures, len(l.fields)),
	}
	for i, name := range l.fields {
		s := v[l.field+fldLen*i:]
		f.Agreements.ByField[i] = FieldFigures{Field: name, InForce: s[fldInForce], InBloc: s[fldInBloc],
			ContractValue: form.Money(s[fldCV]), Delivered: form.Money(s[fldDV])}
	}
	p := v[l.proc:]
	f.Procurement = Procurement{Total: form.Money(p[procTotal]), Domestic: form.Money(p[procDomestic]),
		InBloc: form.Money(p[procInBloc]), ByCategory: make([]CategoryFigures, len(l.cats))}
	for i, name := range l.cats {
		s := v[l.cat+procLen*i:]
		f.Procurement.ByCategory[i] = CategoryFigures{Category: name, Total: form.Money(s[procTotal]),
			Domestic: form.Money(s[procDomestic]), InBloc: form.Money(s[procInBloc])}
	}
	c := v[l.chk:]
	f.Checks = Checks{Total: c[chkTotal], InProgramme: c[chkInProg], Recommendations: c[chkRecs],
		Remedied: c[chkRemedied], ByKind: make([]Count, len(l.kinds)), ByResult: make([]Count, len(l.results))}
	for i, name := range l.kinds {
		f.Checks.ByKind[i] = Count{Key: name, N: v[l.kind+i]}
	}
	for i, name := range l.results {
		f.Checks.ByResult[i] = Count{Key: name, N: v[l.res+i]}
	}
	f.Activities = make([]ActivityFigures, len(l.indicators))
	for i, name := range l.indicators {
		s := v[l.act+actLen*i:]
		f.Activities[i] = ActivityFigures{Indicator: name, Count: s[actCount], Value: form.Money(s[actValue])}
	}
	return f
}

// vector converts Figures back to a vector (used by ReadJSON-based comparisons and tests).
// Enumeration entries are matched by name; unknown names are ignored.
func (l *layout) vector(f *Figures) []int64 {
	v := make([]int64, l.n)
	r := f.Reporting
	v[l.rep+repExpected], v[l.rep+int(OnTime)], v[l.rep+int(Late)] = r.Expected, r.OnTime, r.Late
	v[l.rep+int(Invalid)], v[l.rep+int(Missing)] = r.Invalid, r.Missing
	a := f.Agreements
	copy(v[l.agr:], []int64{a.InForce, a.New, a.Ended, a.InBloc, a.Contracts, int64(a.ContractValue), int64(a.Delivered)})
	for _, x := range a.ByField {
		if i, ok := l.fieldIdx[x.Field]; ok {
			copy(v[l.field+fldLen*i:], []int64{x.InForce, x.InBloc, int64(x.ContractValue), int64(x.Delivered)})
		}
	}
	p := f.Procurement
	copy(v[l.proc:], []int64{int64(p.Total), int64(p.Domestic), int64(p.InBloc)})
	for _, x := range p.ByCategory {
		if i, ok := l.catIdx[x.Category]; ok {
			copy(v[l.cat+procLen*i:], []int64{int64(x.Total), int64(x.Domestic), int64(x.InBloc)})
		}
	}
	c := f.Checks
	copy(v[l.chk:], []int64{c.Total, c.InProgramme, c.Recommendations, c.Remedied})
	for _, x := range c.ByKind {
		if i, ok := l.kindIdx[x.Key]; ok {
			v[l.kind+i] = x.N
		}
	}
	for _, x := range c.ByResult {
		if i, ok := l.resIdx[x.Key]; ok {
			v[l.res+i] = x.N
		}
	}
	for _, x := range f.Activities {
		if i, ok := l.indIdx[x.Indicator]; ok {
			copy(v[l.act+actLen*i:], []int64{x.Count, int64(x.Value)})
		}
	}
	return v
}

package aggregate

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/vdhv/vdhv/pkg/form"
	"github.com/vdhv/vdhv/pkg/period"
	"github.com/vdhv/vdhv/pkg/vntext"
)

// The JSON is written from a small ordered value model, so that key order is the
// specification's and never a Go map's.
type (
	jObj []jKV
	jKV  struct {
		k string
		v any
	}
	jArr []any
	jRaw string // a number literal or null, written as is
)

func jMoney(m form.Money) jRaw { return jRaw(m.String()) }
func jInt(n int64) jRaw        { return jRaw(strconv.FormatInt(n, 10)) }

// jShare is num/den rounded to 4 decimals, or null when den is 0.
func jShare(num, den form.Money) jRaw {
	k, ok := share4(num, den)
	if !ok {
		return "null"
	}
	neg := k < 0
	if neg {
		k = -k
	}
	s := strconv.FormatInt(k/10000, 10)
	if f := k % 10000; f != 0 {
		s += "." + strings.TrimRight(strconv.FormatInt(10000+f, 10)[1:], "0")
	}
	if neg {
		s = "-" + s
	}
	return jRaw(s)
}

func figuresJSON(f *Figures) (rep, agr, proc, chk, act jObj) {
	r := f.Reporting
	rep = jObj{{"expected", jInt(r.Expected)}, {"on_time", jInt(r.OnTime)}, {"late", jInt(r.Late)},
		{"invalid", jInt(r.Invalid)}, {"missing", jInt(r.Missing)}}
	a := f.Agreements
	agr = jObj{{"in_force", jInt(a.InForce)}, {"new", jInt(a.New)}, {"ended", jInt(a.Ended)},
		{"in_bloc", jInt(a.InBloc)}, {"contracts", jInt(a.Contracts)},
		{"contract_value", jMoney(a.ContractValue)}, {"delivered_value", jMoney(a.Delivered)}}
	p := f.Procurement
	cats := jObj{}
	for _, name := range lay.cats {
		var cf CategoryFigures
		for _, x := range p.ByCategory {
			if x.Category == name {
				cf = x
				break
			}
		}
		cats = append(cats, jKV{name, jObj{{"total", jMoney(cf.Total)}, {"domestic", jMoney(cf.Domestic)},
			{"in_bloc", jMoney(cf.InBloc)}}})
	}
	proc = jObj{{"total", jMoney(p.Total)}, {"domestic", jMoney(p.Domestic)}, {"in_bloc", jMoney(p.InBloc)},
		{"domestic_share", jShare(p.Domestic, p.Total)}, {"in_bloc_share", jShare(p.InBloc, p.Total)},
		{"by_category", cats}}
	c := f.Checks
	enum := func(names []string, counts []Count) jObj {
		o := jObj{}
		for _, name := range names {
			var n int64
			for _, x := range counts {
				if x.Key == name {
					n = x.N
					break
				}
			}
			o = append(o, jKV{name, jInt(n)})
		}
		return o
	}
	chk = jObj{{"total", jInt(c.Total)}, {"in_programme", jInt(c.InProgramme)},
		{"by_kind", enum(lay.kinds, c.ByKind)}, {"by_result", enum(lay.results, c.ByResult)},
		{"recommendations", jInt(c.Recommendations)}, {"remedied", jInt(c.Remedied)}}
	act = jObj{}
	for _, name := range lay.indicators {
		var af ActivityFigures
		for _, x := range f.Activities {
			if x.Indicator == name {
				af = x
				break
			}
		}
		act = append(act, jKV{name, jObj{{"count", jInt(af.Count)}, {"value", jMoney(af.Value)}}})
	}
	return
}

// WriteJSON writes aggregate.json (schema vdhv.aggregate/v1): 2-space indent, keys in the
// specification's order, units in the hierarchy's preorder, money in triệu đồng rounded to
// 3 decimals without exponent, shares rounded to 4 decimals or null, every enumeration
// complete, a final newline. The same Result always gives the same bytes.
func (r *Result) WriteJSON(w io.Writer) error {
	if r == nil {
		return errors.New("aggregate: nil Result")
	}
	quarters := jArr{}
	for _, q := range r.Quarters {
		quarters = append(quarters, q.String())
	}
	us := jObj{}
	for i := range r.Units {
		u := &r.Units[i]
		var parent any = jRaw("null")
		if u.Parent != "" {
			parent = u.Parent
		}
		rep, agr, proc, chk, act := figuresJSON(&u.Figures)
		us = append(us, jKV{u.Code, jObj{{"name", u.Name}, {"kind", u.Kind}, {"parent", parent},
			{"reporting", rep}, {"agreements", agr}, {"procurement", proc}, {"checks", chk}, {"activities", act}}})
	}
	rec := jArr{}
	for _, x := range r.Reconciliation {
		rec = append(rec, jObj{{"agreement", x.Agreement}, {"units", jArr{x.Units[0], x.Units[1]}}, {"issue", string(x.Issue)}})
	}
	miss := jArr{}
	for _, x := range r.Missing {
		miss = append(miss, jObj{{"unit", x.Unit}, {"quarter", x.Quarter.String()}})
	}
	doc := jObj{{"schema", Schema}, {"bloc", r.Bloc}, {"period", r.Period.String()}, {"quarters", quarters},
		{"units", us}, {"reconciliation", rec}, {"missing", miss}}
	bw := bufio.NewWriter(w)
	enc := &jWriter{w: bw}
	enc.value(doc, 0)
	bw.WriteByte('\n')
	if enc.err != nil {
		return enc.err
	}
	return bw.Flush()
}

type jWriter struct {
	w   *bufio.Writer
	buf bytes.Buffer
	err error
}

func (j *jWriter) indent(depth int) {
	j.w.WriteByte('\n')
	for i := 0; i < depth; i++ {
		j.w.WriteString("  ")
	}
}

func (j *jWriter) str(s string) {
	j.buf.Reset()
	enc := json.NewEncoder(&j.buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil && j.err == nil {
		j.err = err
	}
	j.w.Write(bytes.TrimSuffix(j.buf.Bytes(), []byte("\n")))
}

func (j *jWriter) value(v any, depth int) {
	switch v := v.(type) {
	case jObj:
		if len(v) == 0 {
			j.w.WriteString("{}")
			return
		}
		j.w.WriteByte('{')
		for i, kv := range v {
			if i > 0 {
				j.w.WriteByte(',')
			}
			j.indent(depth + 1)
			j.str(kv.k)
			j.w.WriteString(": ")
			j.value(kv.v, depth+1)
		}
		j.indent(depth)
		j.w.WriteByte('}')
	case jArr:
		if len(v) == 0 {
			j.w.WriteString("[]")
			return
		}
		j.w.WriteByte('[')
		for i, x := range v {
			if i > 0 {
				j.w.WriteByte(',')
			}
			j.indent(depth + 1)
			j.value(x, depth+1)
		}
		j.indent(depth)
		j.w.WriteByte(']')
	case jRaw:
		j.w.WriteString(string(v))
	case string:
		j.str(v)
	default:
		if j.err == nil {
			j.err = errors.New("aggregate: internal JSON value of unexpected type")
		}
	}
}

// jsonMoney reads a money amount exactly from its JSON number.
type jsonMoney form.Money

func (m *jsonMoney) UnmarshalJSON(b []byte) error {
	v, ok := parseMoney(string(b))
	if !ok {
		return errors.New("not a money amount with at most 3 decimals: " + shortText(string(b)))
	}
	*m = jsonMoney(v)
	return nil
}

// parseMoney reads "-?digits(.digits{1,3})?" exactly.
func parseMoney(s string) (form.Money, bool) {
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	ip, fp, hasDot := strings.Cut(s, ".")
	if ip == "" || (hasDot && (fp == "" || len(fp) > 3)) || !digits(ip) || !digits(fp) {
		return 0, false
	}
	for len(fp) < 3 {
		fp += "0"
	}
	n, err := strconv.ParseInt(ip+fp, 10, 64) // fails on overflow
	if err != nil {
		return 0, false
	}
	v := form.Money(n)
	if neg {
		v = -v
	}
	return v, true
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func shortText(s string) string {
	if len(s) > 40 {
		return strings.ToValidUTF8(s[:40], "") + "…"
	}
	return s
}

type jsonUnit struct {
	Name      string  `json:"name"`
	Kind      string  `json:"kind"`
	Parent    *string `json:"parent"`
	Reporting struct {
		Expected int64 `json:"expected"`
		OnTime   int64 `json:"on_time"`
		Late     int64 `json:"late"`
		Invalid  int64 `json:"invalid"`
		Missing  int64 `json:"missing"`
	} `json:"reporting"`
	Agreements struct {
		InForce       int64     `json:"in_force"`
		New           int64     `json:"new"`
		Ended         int64     `json:"ended"`
		InBloc        int64     `json:"in_bloc"`
		Contracts     int64     `json:"contracts"`
		ContractValue jsonMoney `json:"contract_value"`
		Delivered     jsonMoney `json:"delivered_value"`
	} `json:"agreements"`
	Procurement struct {
		Total      jsonMoney `json:"total"`
		Domestic   jsonMoney `json:"domestic"`
		InBloc     jsonMoney `json:"in_bloc"`
		ByCategory map[string]struct {
			Total    jsonMoney `json:"total"`
			Domestic jsonMoney `json:"domestic"`
			InBloc   jsonMoney `json:"in_bloc"`
		} `json:"by_category"`
	} `json:"procurement"`
	Checks struct {
		Total           int64            `json:"total"`
		InProgramme     int64            `json:"in_programme"`
		ByKind          map[string]int64 `json:"by_kind"`
		ByResult        map[string]int64 `json:"by_result"`
		Recommendations int64            `json:"recommendations"`
		Remedied        int64            `json:"remedied"`
	} `json:"checks"`
	Activities map[string]struct {
		Count int64     `json:"count"`
		Value jsonMoney `json:"value"`
	} `json:"activities"`
}

type jsonDoc struct {
	Schema         string          `json:"schema"`
	Bloc           string          `json:"bloc"`
	Period         string          `json:"period"`
	Quarters       []string        `json:"quarters"`
	Units          json.RawMessage `json:"units"`
	Reconciliation []struct {
		Agreement string   `json:"agreement"`
		Units     []string `json:"units"`
		Issue     string   `json:"issue"`
	} `json:"reconciliation"`
	Missing []struct {
		Unit    string `json:"unit"`
		Quarter string `json:"quarter"`
	} `json:"missing"`
}

// maxJSON bounds what ReadJSON reads (a bloc of 10,000 units is about 40 MB).
const maxJSON = 256 << 20

func jsonErr(en, vi string, args ...any) error {
	return errorf("aggregate.json", en, vi, args...)
}

// ReadJSON reads an aggregate.json written by WriteJSON (unknown keys are ignored, so
// later additions to the schema still read). The Result holds what the JSON holds:
// Units with Figures (Own, ByQuarter and ByField empty), Reconciliation (NumberKey
// recomputed from the number with vntext.Key), Missing. Writing it again
// gives the same bytes as the original WriteJSON.
func ReadJSON(rd io.Reader) (*Result, error) {
	data, err := io.ReadAll(io.LimitReader(rd, maxJSON+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxJSON {
		return nil, jsonErr("file larger than %d MB", "tệp lớn hơn %d MB", maxJSON>>20)
	}
	var doc jsonDoc
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, jsonErr("not a valid aggregate.json: %v", "không phải aggregate.json hợp lệ: %v", err)
	}
	if doc.Schema != Schema {
		return nil, jsonErr("schema %q, this build reads %s", "lược đồ %q, phiên bản này đọc %s", shortText(doc.Schema), Schema)
	}
	r := &Result{Bloc: doc.Bloc}
	if r.Period, err = period.ParsePeriod(doc.Period); err != nil {
		return nil, jsonErr("bad period %q", "kỳ %q không hợp lệ", shortText(doc.Period))
	}
	for _, s := range doc.Quarters {
		q, err := period.ParseQuarter(s)
		if err != nil {
			return nil, jsonErr("bad quarter %q", "quý %q không hợp lệ", shortText(s))
		}
		r.Quarters = append(r.Quarters, q)
	}
	if err := readUnits(doc.Units, r); err != nil {
		return nil, err
	}
	r.buildIndex()
	for _, x := range doc.Reconciliation {
		if len(x.Units) != 2 {
			return nil, jsonErr("reconciliation entry with %d units, expected 2", "mục đối chiếu có %d đơn vị, cần 2", len(x.Units))
		}
		r.Reconciliation = append(r.Reconciliation, Reconciliation{Agreement: x.Agreement,
			NumberKey: vntext.Key(x.Agreement),
			Units:     [2]string{x.Units[0], x.Units[1]}, Issue: Issue(x.Issue)})
	}
	for _, x := range doc.Missing {
		q, err := period.ParseQuarter(x.Quarter)
		if err != nil {
			return nil, jsonErr("bad quarter %q", "quý %q không hợp lệ", shortText(x.Quarter))
		}
		r.Missing = append(r.Missing, MissingReport{Unit: x.Unit, Quarter: q})
	}
	return r, nil
}

func readUnits(raw json.RawMessage, r *Result) error {
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	tok, err := dec.Token()
	if err != nil || tok != json.Delim('{') {
		return jsonErr(`"units" is not an object`, `"units" không phải đối tượng`)
	}
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return jsonErr("units: %v", "units: %v", err)
		}
		code, _ := tok.(string)
		if seen[code] {
			return jsonErr("unit %q listed twice", "đơn vị %q được liệt kê hai lần", shortText(code))
		}
		seen[code] = true
		var ju jsonUnit
		if err := dec.Decode(&ju); err != nil {
			return jsonErr("unit %q: %v", "đơn vị %q: %v", shortText(code), err)
		}
		u := UnitResult{Code: code, Name: ju.Name, Kind: ju.Kind}
		if ju.Parent != nil {
			u.Parent = *ju.Parent
		}
		f := &u.Figures
		rp := ju.Reporting
		f.Reporting = Reporting{Expected: rp.Expected, OnTime: rp.OnTime, Late: rp.Late, Invalid: rp.Invalid, Missing: rp.Missing}
		a := ju.Agreements
		f.Agreements = Agreements{InForce: a.InForce, New: a.New, Ended: a.Ended, InBloc: a.InBloc,
			Contracts: a.Contracts, ContractValue: form.Money(a.ContractValue), Delivered: form.Money(a.Delivered)}
		for _, name := range lay.fields {
			f.Agreements.ByField = append(f.Agreements.ByField, FieldFigures{Field: name})
		}
		p := ju.Procurement
		f.Procurement = Procurement{Total: form.Money(p.Total), Domestic: form.Money(p.Domestic), InBloc: form.Money(p.InBloc)}
		for _, name := range lay.cats {
			x := p.ByCategory[name]
			f.Procurement.ByCategory = append(f.Procurement.ByCategory, CategoryFigures{Category: name,
				Total: form.Money(x.Total), Domestic: form.Money(x.Domestic), InBloc: form.Money(x.InBloc)})
		}
		ch := ju.Checks
		f.Checks = Checks{Total: ch.Total, InProgramme: ch.InProgramme, Recommendations: ch.Recommendations, Remedied: ch.Remedied}
		for _, name := range lay.kinds {
			f.Checks.ByKind = append(f.Checks.ByKind, Count{name, ch.ByKind[name]})
		}
		for _, name := range lay.results {
			f.Checks.ByResult = append(f.Checks.ByResult, Count{name, ch.ByResult[name]})
		}
		for _, name := range lay.indicators {
			x := ju.Activities[name]
			f.Activities = append(f.Activities, ActivityFigures{Indicator: name, Count: x.Count, Value: form.Money(x.Value)})
		}
		r.Units = append(r.Units, u)
	}
	if _, err := dec.Token(); err != nil {
		return jsonErr("units: %v", "units: %v", err)
	}
	return nil
}

package gen

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/vdhv/vdhv/pkg/finding"
	"github.com/vdhv/vdhv/pkg/form"
	"github.com/vdhv/vdhv/pkg/period"
	"github.com/vdhv/vdhv/pkg/units"
	"github.com/vdhv/vdhv/pkg/vntext"
	"github.com/vdhv/vdhv/pkg/xlsxread"
)

func TestAbbreviate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Tổng công ty Xây dựng Hải Đông", "XDHĐ"},
		{"Công ty cổ phần Xây dựng số 1", "XD1"},
		{"Công ty TNHH MTV Tư vấn Thiết kế Xây dựng Hải Đông", "TVTKXDHĐ"},
		{"Ngân hàng Thương mại cổ phần Phát triển Hải Đông – Chi nhánh An Hải", "PTHĐAH"},
		{"Công ty Điện lực Long Điền", "ĐLLĐ"},
		{"Bưu điện Kim Thành", "BĐKT"},
		{"Công ty cổ phần Bê tông và Xây lắp Vĩnh Bảo", "BTXLVB"},
		{"", "DN"},
	}
	for _, tt := range tests {
		if got := abbreviate(tt.in); got != tt.want {
			t.Errorf("abbreviate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestYAMLScalar(t *testing.T) {
	for _, s := range []string{"Đảng bộ Công ty cổ phần Xây dựng số 1", "Chi bộ: Văn phòng", "A, B", "#1", "{x}",
		" lề", `nháy "kép"`, `gạch \ ngược`, "Công ty 'Sao Mai'", "true", ""} {
		var m map[string]string
		doc := "{ name: " + yamlScalar(s) + " }"
		if err := yaml.Unmarshal([]byte(doc), &m); err != nil || m["name"] != s {
			if s == "true" && m["name"] == "true" {
				continue
			}
			t.Errorf("%q → %s → %q (%v)", s, doc, m["name"], err)
		}
	}
}

func TestEncodeTCVN3(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Tổng công ty", "Tæng c«ng ty"},
		{"Lương thực Miền Bắc", "L\u00ad\u00acng thùc MiÒn B¾c"},
		{"ABC 123", "ABC 123"},
	}
	for _, tt := range tests {
		got, err := encodeTCVN3(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("encodeTCVN3(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
		if back := vntext.DecodeTCVN3(got, false); back != tt.in {
			t.Errorf("decode(%q) = %q", got, back)
		}
	}
	if _, err := encodeTCVN3("Ổn định"); err == nil {
		t.Errorf("a toned capital has no TCVN3 code, yet it was encoded")
	}
}

func TestFakeXLS(t *testing.T) {
	data := fakeXLS()
	if k := xlsxread.Sniff(bytes.NewReader(data), int64(len(data))); k != xlsxread.KindXLS {
		t.Errorf("sniffed as %v", k)
	}
	res := form.ReadBytes(data, "excel-cu.xls", form.Options{})
	if len(res.Findings) != 1 || res.Findings[0].Rule != finding.RuleFileXLS {
		t.Errorf("findings %v", res.Findings)
	}
}

func TestRNG(t *testing.T) {
	a, b := newRNG(1, "x", "y"), newRNG(1, "x", "y")
	c := newRNG(1, "xy")
	same := true
	for i := 0; i < 100; i++ {
		va, vb, vc := a.next(), b.next(), c.next()
		if va != vb {
			t.Fatal("same key, different streams")
		}
		same = same && va == vc
	}
	if same {
		t.Errorf("keys x/y and xy give the same stream")
	}
	r := newRNG(7)
	for i := 0; i < 10000; i++ {
		if v := r.between(3, 5); v < 3 || v > 5 {
			t.Fatalf("between(3,5) = %d", v)
		}
		if v := r.float(); v < 0 || v >= 1 {
			t.Fatalf("float() = %v", v)
		}
		if v := r.logNormal(1, 0.5, 2); v < 0.5 || v > 2 {
			t.Fatalf("logNormal = %v", v)
		}
	}
	if r.intn(0) != 0 || r.between(5, 1) != 5 || r.pick(nil) != "" {
		t.Errorf("degenerate ranges")
	}
}

// Every preset's tree reads back with unique codes, company names and abbreviations.
func TestHierarchy(t *testing.T) {
	for _, name := range Presets {
		p, _ := Preset(name)
		h := buildHierarchy(&p)
		tree, err := units.Parse([]byte(h.unitsYAML()), "units.yaml", units.Options{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if tree.Len() != len(h.all) || tree.Len() != 1+p.Parties*(1+p.CoSoPerParty)+p.DirectCoSo {
			t.Errorf("%s: %d units read, %d generated", name, tree.Len(), len(h.all))
		}
		companies, abbrs := map[string]bool{}, map[string]bool{}
		var from, until int
		for _, n := range h.all[1:] {
			u := tree.Lookup(n.code)
			if u == nil || u.Name != n.name || u.Reports != n.reports || u.ActiveFrom != n.from || u.ActiveUntil != n.until {
				t.Errorf("%s: %s reads back as %+v", name, n.code, u)
			}
			if companies[n.company] || abbrs[n.abbr] {
				t.Errorf("%s: %s: company %q or abbreviation %q used twice", name, n.code, n.company, n.abbr)
			}
			companies[n.company], abbrs[n.abbr] = true, true
			if !n.from.IsZero() {
				from++
			}
			if !n.until.IsZero() {
				until++
			}
			if strings.Contains(n.name, "{") {
				t.Errorf("%s: unfilled template %q", name, n.name)
			}
		}
		if from+until != p.Inactive || from != p.Inactive/2 {
			t.Errorf("%s: %d founded, %d dissolved, want %d in all", name, from, until, p.Inactive)
		}
	}
}

// quarterSpan and the listing of agreements.
func TestAgreementListing(t *testing.T) {
	q := func(y, n int) period.Quarter { return period.Quarter{Year: y, Q: n} }
	span := quarterSpan([]period.Quarter{q(2024, 1), q(2024, 2), q(2025, 1)})
	if len(span) != 5 || span[4] != q(2025, 1) {
		t.Errorf("span %v", span)
	}
	a := &agreement{startQ: q(2024, 2), endQ: q(2024, 4), endStatus: form.StatusDone}
	tests := []struct {
		q      period.Quarter
		listed bool
		status string
	}{
		{q(2024, 1), false, ""},
		{q(2024, 2), true, form.StatusNew},
		{q(2024, 3), true, form.StatusActive},
		{q(2024, 4), true, form.StatusDone},
		{q(2025, 1), false, ""},
	}
	for _, tt := range tests {
		if a.listed(tt.q) != tt.listed || (tt.listed && a.status(tt.q) != tt.status) {
			t.Errorf("%s: listed %v status %q", tt.q, a.listed(tt.q), a.status(tt.q))
		}
	}
}

func TestDiffer(t *testing.T) {
	for _, m := range []form.Money{1, 500, 1000, 123456, 99999999} {
		for _, r := range []float64{0.005, 0.03} {
			if d := differ(m, r); d == m || d <= 0 {
				t.Errorf("differ(%v, %v) = %v", m, r, d)
			}
		}
	}
}

func TestMoneyTextVN(t *testing.T) {
	tests := []struct {
		m    form.Money
		want string
		ok   bool
	}{
		{1234567500, "1.234.567,5", true},
		{1234000, "", false}, // 1.234: ambiguous
		{12345, "", false},   // 12,345: ambiguous
		{1234500, "1.234,5", true},
		{12000, "12", true},
		{123456789, "123.456,789", true},
		{0, "", false},
	}
	for _, tt := range tests {
		got, ok := moneyTextVN(tt.m)
		if got != tt.want || ok != tt.ok {
			t.Errorf("moneyTextVN(%d) = %q, %v; want %q, %v", tt.m, got, ok, tt.want, tt.ok)
		}
		if ok {
			d, err := form.ParseNumberText(got)
			if v, _, _ := d.Scaled(3); err != nil || form.Money(v) != tt.m {
				t.Errorf("%q reads back as %v, %v", got, v, err)
			}
		}
	}
}

// The presentation variety (totals rows, numbers and dates typed as text) reads exactly
// like the plain file, without a finding, with both writers.
func TestVarietyReadsLikePlain(t *testing.T) {
	p := small()
	h := buildHierarchy(&p)
	tree, err := units.Parse([]byte(h.unitsYAML()), "units.yaml", units.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pl := newPlan(&p, h)
	kinds := map[string]int{}
	writers := []workbookWriter{newExactWriter(tree, p.Windows), newFastWriter(tree, p.Windows, SSTOrderExcel), newFastWriter(tree, p.Windows, SSTOrderTemplate)}
	for _, q := range pl.written {
		for _, u := range pl.expected(q) {
			_, last := p.Windows.QuarterRange(q)
			sub := pl.submission(u, q, last)
			cells := pl.variety(sub)
			if len(cells) == 0 {
				continue
			}
			for _, c := range cells {
				switch {
				case c.number != "":
					kinds["totals "+c.sheet]++
				case c.col == form.ColSigned:
					kinds["text date"]++
				case c.col == form.ColTotal:
					kinds["text number"]++
				}
			}
			opt := form.Options{Units: tree, Windows: p.Windows}
			for _, w := range writers {
				plain, err := w.write(sub, nil)
				if err != nil {
					t.Fatal(err)
				}
				varied, err := w.write(sub, &edit{cells: cells})
				if err != nil {
					t.Fatal(err)
				}
				a, b := form.ReadBytes(plain, "a.xlsx", opt), form.ReadBytes(varied, "a.xlsx", opt)
				if len(b.Findings) > 0 {
					t.Errorf("%s %s: %v", u.code, q, codes(b))
				}
				a.Submission.Fingerprint, b.Submission.Fingerprint = "", ""
				if !reflect.DeepEqual(a.Submission, b.Submission) {
					t.Errorf("%s %s (%T): the varied file reads differently", u.code, q, w)
				}
			}
		}
	}
	for _, k := range []string{"totals " + form.SheetPurchases, "totals " + form.SheetAgreements, "text date", "text number"} {
		if kinds[k] == 0 {
			t.Errorf("no %s in the workspace (%v)", k, kinds)
		}
	}
}

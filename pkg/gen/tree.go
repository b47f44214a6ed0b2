package gen

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/vdhv/vdhv/pkg/period"
	"github.com/vdhv/vdhv/pkg/units"
)

// node is one generated unit with what the generator knows about its enterprise.
type node struct {
	code, name, kind string
	company          string // the enterprise ("Công ty cổ phần Xây dựng số 1")
	abbr             string // its abbreviation in agreement numbers ("XD1")
	domain           string // its e-mail domain
	field            string // its line of business (a `Lĩnh vực`)
	reports          bool
	explicitReports  bool // write `reports:` in units.yaml
	from, until      period.Quarter
	parent           *node
	children         []*node
	index            int     // preorder index
	scale            float64 // size of the enterprise (1 = typical)
	top              *node   // the child of the root it lies under (itself for those)
}

// activeIn mirrors units.Unit.ActiveIn (the generated tree bounds only leaves).
func (n *node) activeIn(q period.Quarter) bool {
	for v := n; v != nil; v = v.parent {
		if !v.from.IsZero() && q.Less(v.from) {
			return false
		}
		if !v.until.IsZero() && v.until.Less(q) {
			return false
		}
	}
	return true
}

// related reports whether a and b are the same unit or one lies under the other.
func related(a, b *node) bool {
	for v := a; v != nil; v = v.parent {
		if v == b {
			return true
		}
	}
	for v := b; v != nil; v = v.parent {
		if v == a {
			return true
		}
	}
	return false
}

// hierarchy is the generated tree.
type hierarchy struct {
	root      *node
	all       []*node // preorder
	reporting []*node // units with reports, preorder
	byCode    map[string]*node
}

func fill(tmpl, place, district string, n int) string {
	r := strings.NewReplacer("{P}", place, "{D}", district, "{N}", strconv.Itoa(n))
	return r.Replace(tmpl)
}

// buildHierarchy builds the tree of p (deterministically from p.Seed).
func buildHierarchy(p *Params) *hierarchy {
	r := newRNG(p.Seed, "tree")
	h := &hierarchy{byCode: map[string]*node{}}
	root := &node{code: p.BlocCode, name: p.BlocName, kind: units.KindKhoi}
	h.root = root
	used := map[string]bool{} // company names
	// unique returns the first unused candidate; after a while, candidates numbered "II",
	// "III"… (sure to end: the numbers are new).
	unique := func(candidates func(i int) string) string {
		const tries = 200
		for i := 0; ; i++ {
			c := candidates(i)
			if i >= tries {
				c = candidates(i%tries) + " " + strconv.Itoa(i/tries+1)
			}
			if !used[c] {
				used[c] = true
				return c
			}
		}
	}
	partyCodes := map[string]int{}
	for i := 0; i < p.Parties; i++ {
		sec := &sectors[i%len(sectors)]
		round := i / len(sectors)
		place := p.Place
		if round > 0 || place == "" {
			place = regions[(round+len(regions)-1)%len(regions)]
		}
		company := unique(func(k int) string {
			name := fill(sec.parent, place, "", 0)
			if k > 0 {
				name = fill(sec.parent, regions[(round+k)%len(regions)], "", 0)
				if k >= len(regions) {
					name += " " + strconv.Itoa(k)
				}
			}
			return name
		})
		code := "DU-" + sec.code
		partyCodes[code]++
		if partyCodes[code] > 1 {
			code += strconv.Itoa(partyCodes[code])
		}
		party := &node{code: code, name: "Đảng ủy " + company, kind: units.KindDangUyTrucThuoc,
			company: company, field: sec.field, parent: root, scale: 1}
		if i < p.SelfReporting {
			party.reports, party.explicitReports = true, true
		}
		root.children = append(root.children, party)
		for j := 0; j < p.CoSoPerParty; j++ {
			name := unique(func(k int) string {
				t := sec.kids[(j+k)%len(sec.kids)]
				return fill(t, place, districts[(j+k*7+i*3)%len(districts)], j+1+k)
			})
			party.children = append(party.children, coSo(r, fmt.Sprintf("%s-%02d", code, j+1), name, sec.field, party))
		}
	}
	for j := 0; j < p.DirectCoSo; j++ {
		field := fieldOther
		name := unique(func(k int) string {
			lc := localCompanies[(j+k)%len(localCompanies)]
			field = lc.field
			return fill(lc.name, p.Place, districts[(j+k*3)%len(districts)], j+1+k)
		})
		root.children = append(root.children, coSo(r, fmt.Sprintf("%s-%02d", p.BlocCode, j+1), name, field, root))
	}
	// Preorder, reporting units, lookups.
	var walk func(n *node, top *node)
	walk = func(n *node, top *node) {
		n.index = len(h.all)
		n.top = top
		h.all = append(h.all, n)
		h.byCode[strings.ToUpper(n.code)] = n
		if n.parent != nil && len(n.children) == 0 {
			n.reports = true
		}
		if n.reports {
			h.reporting = append(h.reporting, n)
		}
		for _, c := range n.children {
			t := top
			if n == root {
				t = c
			}
			walk(c, t)
		}
	}
	walk(root, nil)
	// Abbreviations and e-mail domains, unique over the bloc.
	abbrs := map[string]bool{}
	for _, n := range h.all[1:] {
		base := abbreviate(n.company)
		a := base
		for k := 2; abbrs[a]; k++ {
			a = base + strconv.Itoa(k)
		}
		abbrs[a] = true
		n.abbr = a
		n.domain = strings.ToLower(asciiFold(a)) + ".com.vn"
	}
	// Units dissolved or founded during the year: cơ sở spread over the tree.
	var leaves []*node
	for _, n := range h.all {
		if n.parent != nil && len(n.children) == 0 {
			leaves = append(leaves, n)
		}
	}
	year := yearQuarters(p)
	for i := 0; i < p.Inactive && i < len(leaves); i++ {
		n := leaves[(2*i+1)*len(leaves)/(2*p.Inactive)]
		k := i / 2
		if i%2 == 0 {
			n.until = period.Quarter{Year: p.Year, Q: year.untils[k%len(year.untils)]}
		} else {
			n.from = period.Quarter{Year: p.Year, Q: year.froms[k%len(year.froms)]}
		}
	}
	return h
}

// yearQuarters chooses the quarters of dissolution (active_until) and foundation
// (active_from): inside the written quarters of Year when there are two or more, so that the
// change shows; else inside the year.
type quarterChoice struct{ untils, froms []int }

func yearQuarters(p *Params) quarterChoice {
	var qs []int
	for _, q := range p.quarters() {
		if q.Year == p.Year {
			qs = append(qs, q.Q)
		}
	}
	if len(qs) < 2 {
		return quarterChoice{untils: []int{1, 2, 3}, froms: []int{2, 3, 4}}
	}
	return quarterChoice{untils: qs[:len(qs)-1], froms: qs[1:]}
}

// coSo makes a cơ sở: a Đảng bộ for larger enterprises, a Chi bộ for smaller ones.
func coSo(r *rng, code, company, field string, parent *node) *node {
	scale := r.logNormal(0.6, 0.25, 4)
	n := &node{code: code, company: company, field: field, parent: parent, scale: scale}
	if scale >= 0.9 {
		n.kind, n.name = units.KindDangBoCoSo, "Đảng bộ "+company
	} else {
		n.kind, n.name = units.KindChiBoCoSo, "Chi bộ "+company
	}
	return n
}

// legalForms are dropped from a company name before abbreviating it.
var legalForms = []string{"Ngân hàng Thương mại cổ phần", "Công ty cổ phần Tập đoàn", "Công ty cổ phần",
	"Công ty TNHH MTV", "Công ty TNHH", "Tổng công ty", "Tập đoàn", "Công ty"}

// abbreviate returns the initials of a company's distinctive words, upper case, Vietnamese
// marks removed except Đ ("Tổng công ty Xây dựng Hải Đông" → "XDHĐ", "Công ty cổ phần Xây
// dựng số 1" → "XD1").
func abbreviate(company string) string {
	s := company
	for _, f := range legalForms {
		if strings.HasPrefix(s, f+" ") {
			s = s[len(f)+1:]
			break
		}
	}
	var b strings.Builder
	for _, w := range strings.Fields(s) {
		switch strings.ToLower(w) {
		case "và", "số", "–", "-", "chi", "nhánh":
			continue
		}
		first := []rune(w)[0]
		if unicode.IsDigit(first) {
			b.WriteString(w)
			continue
		}
		if !unicode.IsLetter(first) {
			continue
		}
		b.WriteString(stripMarks(string(unicode.ToUpper(first))))
	}
	if b.Len() == 0 {
		return "DN"
	}
	return b.String()
}

// stripMarks removes Vietnamese tone and vowel marks (Đ stays).
func stripMarks(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(r)
	}
	return norm.NFC.String(b.String())
}

// asciiFold removes every mark and maps đ to d.
func asciiFold(s string) string {
	s = strings.NewReplacer("Đ", "D", "đ", "d").Replace(stripMarks(s))
	var b strings.Builder
	for _, r := range s {
		if r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// unitsYAML renders the tree as units.yaml: block style, leaves as one-line flow mappings.
func (h *hierarchy) unitsYAML() string {
	var b strings.Builder
	b.WriteString("# units.yaml — cây đơn vị của " + h.root.name + ".\n")
	b.WriteString("# Dữ liệu giả lập do vdhv-gen tạo ra; tên đơn vị, doanh nghiệp là hư cấu.\n")
	b.WriteString("code: " + h.root.code + "\n")
	b.WriteString("name: " + yamlScalar(h.root.name) + "\n")
	b.WriteString("kind: " + h.root.kind + "\n")
	if len(h.root.children) > 0 {
		b.WriteString("units:\n")
	}
	var write func(n *node, indent string)
	write = func(n *node, indent string) {
		if len(n.children) == 0 {
			fmt.Fprintf(&b, "%s- { code: %s, name: %s, kind: %s", indent, n.code, yamlScalar(n.name), n.kind)
			if !n.from.IsZero() {
				b.WriteString(", active_from: " + n.from.String())
			}
			if !n.until.IsZero() {
				b.WriteString(", active_until: " + n.until.String())
			}
			b.WriteString(" }\n")
			return
		}
		fmt.Fprintf(&b, "%s- code: %s\n", indent, n.code)
		fmt.Fprintf(&b, "%s  name: %s\n", indent, yamlScalar(n.name))
		fmt.Fprintf(&b, "%s  kind: %s\n", indent, n.kind)
		if n.explicitReports {
			fmt.Fprintf(&b, "%s  reports: %v # báo cáo cho cơ quan đảng ủy\n", indent, n.reports)
		}
		fmt.Fprintf(&b, "%s  units:\n", indent)
		for _, c := range n.children {
			write(c, indent+"    ")
		}
	}
	for _, c := range h.root.children {
		write(c, "  ")
	}
	return b.String()
}

// yamlScalar quotes s when it would not read back as the same plain scalar (in a flow
// mapping too).
func yamlScalar(s string) string {
	if s != "" && !strings.ContainsAny(s, ",:{}[]#&*!|>'\"%@`\\") && s == strings.TrimSpace(s) {
		return s
	}
	return strconv.Quote(s)
}

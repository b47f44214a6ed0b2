package tables

import (
	"strings"

	"github.com/vdhv/vdhv/pkg/aggregate"
)

// hier is the unit hierarchy as the Result gives it (Units in preorder with Parent codes).
type hier struct {
	units    []aggregate.UnitResult
	index    map[string]int // exact code -> position
	folded   map[string]int // upper-case code -> position (first wins)
	children [][]int        // positions of each unit's children, in preorder
	parent   []int          // position of the parent, -1 for the root and orphans
}

func newHier(r *aggregate.Result) hier {
	h := hier{units: r.Units, index: map[string]int{}, folded: map[string]int{}}
	h.children = make([][]int, len(r.Units))
	h.parent = make([]int, len(r.Units))
	for i, u := range r.Units {
		if _, dup := h.index[u.Code]; !dup {
			h.index[u.Code] = i
		}
		k := strings.ToUpper(u.Code)
		if _, dup := h.folded[k]; !dup {
			h.folded[k] = i
		}
	}
	for i, u := range r.Units {
		h.parent[i] = -1
		if i == 0 || u.Parent == "" {
			continue
		}
		p, ok := h.index[u.Parent]
		if !ok || p >= i { // preorder: a parent comes first; anything else is ignored
			continue
		}
		h.parent[i] = p
		h.children[p] = append(h.children[p], i)
	}
	return h
}

// lookup finds a unit by code, exactly then ignoring case; -1 if absent.
func (h *hier) lookup(code string) int {
	if i, ok := h.index[code]; ok {
		return i
	}
	if i, ok := h.folded[strings.ToUpper(strings.TrimSpace(code))]; ok {
		return i
	}
	return -1
}

// topLevel returns the position of the child of the root that unit i lies under (i
// itself for a child of the root); -1 for the root or a unit outside the tree.
func (h *hier) topLevel(i int) int {
	if i <= 0 || i >= len(h.units) {
		return -1
	}
	for n := 0; n < len(h.units); n++ { // bounded walk
		p := h.parent[i]
		if p < 0 {
			return -1
		}
		if p == 0 {
			return i
		}
		i = p
	}
	return -1
}

// isGroup reports whether unit i is a child of the root with children of its own (a đảng
// ủy trực thuộc).
func (h *hier) isGroup(i int) bool {
	return i > 0 && i < len(h.units) && h.parent[i] == 0 && len(h.children[i]) > 0
}

// rootChildren returns the children of the root (empty without units).
func (h *hier) rootChildren() []int {
	if len(h.units) == 0 {
		return nil
	}
	return h.children[0]
}

// groups returns the children of the root that have children, in preorder.
func (h *hier) groups() []int {
	var out []int
	for _, c := range h.rootChildren() {
		if h.isGroup(c) {
			out = append(out, c)
		}
	}
	return out
}

// directCoSo returns the children of the root without children (cơ sở directly under the
// bloc), in preorder.
func (h *hier) directCoSo() []int {
	var out []int
	for _, c := range h.rootChildren() {
		if !h.isGroup(c) {
			out = append(out, c)
		}
	}
	return out
}

// name returns the display name of a code: the unit's name when known (Result, then the
// optional tree), else the code as written.
func (b *builder) name(code string) string {
	if i := b.h.lookup(code); i >= 0 {
		if n := b.h.units[i].Name; n != "" {
			return n
		}
		return b.h.units[i].Code
	}
	if b.tree != nil {
		if u := b.tree.Lookup(code); u != nil && u.Name != "" {
			return u.Name
		}
	}
	return code
}

// groupName is the đảng ủy trực thuộc column of a unit: the name of the child of the root
// it lies under, or "Trực thuộc Khối" for a cơ sở directly under the bloc.
func (b *builder) groupName(code string) string {
	i := b.h.lookup(code)
	if i < 0 {
		if b.tree != nil {
			if u := b.tree.Lookup(code); u != nil {
				if top := b.tree.TopLevel(u); top != nil {
					if top == u && len(u.Children) == 0 {
						return b.t("Trực thuộc Khối", "Directly under the bloc")
					}
					return top.Name
				}
			}
		}
		return ""
	}
	top := b.h.topLevel(i)
	switch {
	case top < 0:
		return ""
	case top == i && !b.h.isGroup(i):
		return b.t("Trực thuộc Khối", "Directly under the bloc")
	}
	return b.h.units[top].Name
}

// isEmpty reports whether figures hold nothing at all (no expected report, no row).
func isEmpty(f *aggregate.Figures) bool {
	if f.Reporting.Expected != 0 || f.Agreements.InForce != 0 || f.Agreements.Contracts != 0 ||
		f.Agreements.ContractValue != 0 || f.Agreements.Delivered != 0 ||
		f.Procurement.Total != 0 || f.Procurement.Domestic != 0 || f.Procurement.InBloc != 0 ||
		f.Checks.Total != 0 || f.Checks.Recommendations != 0 || f.Checks.Remedied != 0 {
		return false
	}
	for _, a := range f.Activities {
		if a.Count != 0 || a.Value != 0 {
			return false
		}
	}
	return true
}

package units

import (
	"strings"

	"github.com/vdhv/vdhv/pkg/period"
)

// Default unit kinds, used when Options.Kinds is empty.
const (
	KindKhoi            = "khoi"               // Đảng bộ Khối (the bloc)
	KindDangUyTrucThuoc = "dang-uy-truc-thuoc" // đảng ủy trực thuộc
	KindDangBoCoSo      = "dang-bo-co-so"      // đảng bộ cơ sở
	KindChiBoCoSo       = "chi-bo-co-so"       // chi bộ cơ sở
)

// DefaultKinds returns a new slice of the four default kinds, in hierarchy
// order.
func DefaultKinds() []string {
	return []string{KindKhoi, KindDangUyTrucThuoc, KindDangBoCoSo, KindChiBoCoSo}
}

// Unit is one Party organisation of the hierarchy.
type Unit struct {
	Code, Name, Kind string
	// Reports is the explicit `reports` value, or by default true for a
	// unit without children and false for one with children.
	Reports bool
	// ActiveFrom and ActiveUntil are the quarters declared in the file
	// (inclusive); zero means unbounded. A unit is also bounded by its
	// ancestors' ranges (see ActiveIn).
	ActiveFrom, ActiveUntil period.Quarter
	Parent                  *Unit
	Children                []*Unit
	Line                    int // line of the unit's mapping in units.yaml
	Depth                   int // root 0
	Index                   int // preorder index = file order
}

// ActiveIn reports whether u is active in q: q lies within u's declared
// range and within every ancestor's.
func (u *Unit) ActiveIn(q period.Quarter) bool {
	for v := u; v != nil; v = v.Parent {
		if !v.ActiveFrom.IsZero() && q.Less(v.ActiveFrom) {
			return false
		}
		if !v.ActiveUntil.IsZero() && v.ActiveUntil.Less(q) {
			return false
		}
	}
	return true
}

// Ancestors returns u's ancestors, parent first and root last; nil for the
// root.
func (u *Unit) Ancestors() []*Unit {
	var out []*Unit
	for p := u.Parent; p != nil; p = p.Parent {
		out = append(out, p)
	}
	return out
}

// IsAncestorOf reports whether u is a strict ancestor of v.
func (u *Unit) IsAncestorOf(v *Unit) bool {
	if u == nil || v == nil {
		return false
	}
	for p := v.Parent; p != nil; p = p.Parent {
		if p == u {
			return true
		}
	}
	return false
}

// Tree is a parsed, valid units.yaml.
type Tree struct {
	Root *Unit
	Path string // the file it was read from, as given to Parse or Load

	byCode   map[string]*Unit // key: codeKey(code)
	preorder []*Unit
}

// codeKey is the lookup key of a code: trimmed, ASCII lower case (codes are
// ASCII, see doc.go).
func codeKey(code string) string { return strings.ToLower(strings.TrimSpace(code)) }

// Lookup returns the unit whose code equals code, ignoring case and
// surrounding white space; nil if there is none.
func (t *Tree) Lookup(code string) *Unit {
	if t == nil {
		return nil
	}
	return t.byCode[codeKey(code)]
}

// Units returns every unit in preorder (file order). The slice is a copy.
func (t *Tree) Units() []*Unit {
	if t == nil {
		return nil
	}
	return append([]*Unit(nil), t.preorder...)
}

// Len returns the number of units.
func (t *Tree) Len() int {
	if t == nil {
		return 0
	}
	return len(t.preorder)
}

// Expected returns the units expected to report in q (Reports and active in
// q), in preorder.
func (t *Tree) Expected(q period.Quarter) []*Unit {
	var out []*Unit
	for _, u := range t.preorderOrNil() {
		if u.Reports && u.ActiveIn(q) {
			out = append(out, u)
		}
	}
	return out
}

// Reporting returns every unit with Reports set, in preorder, whatever its
// active range.
func (t *Tree) Reporting() []*Unit {
	var out []*Unit
	for _, u := range t.preorderOrNil() {
		if u.Reports {
			out = append(out, u)
		}
	}
	return out
}

func (t *Tree) preorderOrNil() []*Unit {
	if t == nil {
		return nil
	}
	return t.preorder
}

// contains reports whether u is a unit of t.
func (t *Tree) contains(u *Unit) bool {
	return t != nil && u != nil && u.Index >= 0 && u.Index < len(t.preorder) && t.preorder[u.Index] == u
}

// LCA returns the lowest common ancestor of a and b (a itself when a is an
// ancestor of b or equal to it); nil if either is nil or not in t.
func (t *Tree) LCA(a, b *Unit) *Unit {
	if !t.contains(a) || !t.contains(b) {
		return nil
	}
	for a.Depth > b.Depth {
		a = a.Parent
	}
	for b.Depth > a.Depth {
		b = b.Parent
	}
	for a != b {
		a, b = a.Parent, b.Parent
	}
	return a
}

// TopLevel returns the child of the root that u lies under (u itself if it
// is a child of the root); nil for the root, for nil and for a unit not in
// t. It groups units by đảng ủy trực thuộc; a cơ sở directly under the bloc
// is its own group.
func (t *Tree) TopLevel(u *Unit) *Unit {
	if !t.contains(u) || u.Parent == nil {
		return nil
	}
	for u.Parent.Parent != nil {
		u = u.Parent
	}
	return u
}

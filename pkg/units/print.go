package units

import (
	"fmt"
	"io"
	"strings"
)

// Print writes the tree, one unit per line in file order, indented two
// spaces per level: code, name, [kind], the declared active range and, where
// it differs from the default, whether the unit reports. lang "en" gives
// English words, anything else Vietnamese:
//
//	DU-XD-02  Chi bộ Công ty TNHH Tư vấn Thiết kế  [chi-bo-co-so] từ 2025-Q2
func (t *Tree) Print(w io.Writer, lang string) {
	from, until, rep, norep := " từ ", " đến ", " (tự báo cáo)", " (không báo cáo)"
	if lang == "en" {
		from, until, rep, norep = " from ", " until ", " (reports itself)", " (does not report)"
	}
	var b strings.Builder
	for _, u := range t.preorderOrNil() {
		b.Reset()
		b.WriteString(strings.Repeat("  ", u.Depth))
		fmt.Fprintf(&b, "%s  %s  [%s]", u.Code, u.Name, u.Kind)
		if !u.ActiveFrom.IsZero() {
			b.WriteString(from + u.ActiveFrom.String())
		}
		if !u.ActiveUntil.IsZero() {
			b.WriteString(until + u.ActiveUntil.String())
		}
		leaf := len(u.Children) == 0
		switch {
		case u.Reports && !leaf:
			b.WriteString(rep)
		case !u.Reports && leaf:
			b.WriteString(norep)
		}
		b.WriteByte('\n')
		if _, err := io.WriteString(w, b.String()); err != nil {
			return
		}
	}
}

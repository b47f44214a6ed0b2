package xlsxout

import (
	"math"
	"strings"

	"github.com/vdhv/vdhv/pkg/pdfdoc"
	"github.com/xuri/excelize/v2"
)

// styleKey describes a cell style; styles are created once per key, in first-use order.
type styleKey struct {
	numFmt  string
	bold    bool
	italic  bool
	size    float64
	fill    string // RGB hex, "" for none
	border  bool
	hAlign  string
	vAlign  string
	wrap    bool
	indent  int
	fontClr string
}

const (
	fillHeader   = "D9E1F2"
	fillSubtotal = "F2F2F2"
	fillTotal    = "E2EFDA"
)

func (w *writer) styleID(k styleKey) (int, error) {
	if id, ok := w.styles[k]; ok {
		return id, nil
	}
	s := &excelize.Style{
		Font:      &excelize.Font{Bold: k.bold, Italic: k.italic, Size: k.size, Color: k.fontClr},
		Alignment: &excelize.Alignment{Horizontal: k.hAlign, Vertical: k.vAlign, WrapText: k.wrap, Indent: k.indent},
	}
	if k.numFmt != "" {
		f := k.numFmt
		s.CustomNumFmt = &f
	}
	if k.fill != "" {
		s.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{k.fill}}
	}
	if k.border {
		for _, side := range []string{"left", "right", "top", "bottom"} {
			s.Border = append(s.Border, excelize.Border{Type: side, Color: "808080", Style: 1})
		}
	}
	id, err := w.f.NewStyle(s)
	if err != nil {
		return 0, err
	}
	w.styles[k] = id
	return id, nil
}

// hcell is a header cell placed on the header grid.
type hcell struct {
	row, col, rows, cols int
	text                 string
}

// headerGrid places the header cells of t, checking that they tile the columns exactly.
func headerGrid(sheet string, t *pdfdoc.Table) ([]hcell, int, error) {
	n := len(t.Columns)
	if len(t.HeaderRows) == 0 {
		out := make([]hcell, n)
		for i, c := range t.Columns {
			out[i] = hcell{row: 0, col: i, rows: 1, cols: 1, text: c.Header}
		}
		return out, 1, nil
	}
	nr := len(t.HeaderRows)
	busy := make([][]bool, nr)
	for i := range busy {
		busy[i] = make([]bool, n)
	}
	bad := func() ([]hcell, int, error) {
		return nil, 0, invalid(sheet, "table "+quote(t.Title)+": the header rows do not tile the columns",
			"bảng "+quote(t.Title)+": các dòng tiêu đề không khớp với số cột")
	}
	var out []hcell
	for ri, row := range t.HeaderRows {
		c := 0
		for _, h := range row {
			for c < n && busy[ri][c] {
				c++
			}
			cs, rs := max(1, h.ColSpan), max(1, h.RowSpan)
			if c+cs > n || ri+rs > nr {
				return bad()
			}
			for y := ri; y < ri+rs; y++ {
				for x := c; x < c+cs; x++ {
					if busy[y][x] {
						return bad()
					}
					busy[y][x] = true
				}
			}
			out = append(out, hcell{row: ri, col: c, rows: rs, cols: cs, text: h.Text})
			c += cs
		}
	}
	for ri := range busy {
		for _, b := range busy[ri] {
			if !b {
				return bad()
			}
		}
	}
	return out, nr, nil
}

func quote(s string) string { return "«" + s + "»" }

// table writes t at st.row: unit line, header rows (merged, bold, filled, wrapped; the
// first table of a sheet freezes the panes below them), data rows (numbers as numbers,
// outline levels, subtotal and total styles) and the note.
func (w *writer) table(st *sheetState, t *pdfdoc.Table) error {
	n := len(t.Columns)
	if n == 0 {
		if t.Note != "" {
			if err := w.str(st, 0, st.row, t.Note, styleKey{italic: true}); err != nil {
				return err
			}
			st.row++
		}
		return nil
	}
	hs, nh, err := headerGrid(st.name, t)
	if err != nil {
		return err
	}
	for ri := range t.Rows {
		cnt := 0
		for _, c := range t.Rows[ri].Cells {
			cnt += min(max(1, c.Span), n+1)
			if cnt > n {
				break
			}
		}
		if cnt > n {
			return invalid(st.name, "table "+quote(t.Title)+": a row has more cells than columns",
				"bảng "+quote(t.Title)+": một dòng có nhiều ô hơn số cột")
		}
	}
	st.data.width = n
	if t.Unit != "" {
		if err := w.str(st, n-1, st.row, t.Unit, styleKey{italic: true, hAlign: "right"}); err != nil {
			return err
		}
		st.row++
	}
	// Header.
	top := st.row
	hk := styleKey{bold: true, fill: fillHeader, border: true, hAlign: "center", vAlign: "center", wrap: true}
	for _, h := range hs {
		c1, r1, c2, r2 := h.col, top+h.row, h.col+h.cols-1, top+h.row+h.rows-1
		if h.text != "" {
			if err := w.setStr(st, c1, r1, h.text); err != nil {
				return err
			}
		}
		if err := w.style(st, c1, r1, c2, r2, hk); err != nil {
			return err
		}
		if c1 != c2 || r1 != r2 {
			if err := w.f.MergeCell(st.name, ref(c1, r1), ref(c2, r2)); err != nil {
				return w.wrap(st.name, err)
			}
		}
		if h.cols == 1 {
			st.fit(h.col, headerWidth(h.text))
		}
	}
	st.row += nh
	if !st.frozen {
		st.frozen = true
		cell := ref(0, st.row)
		if err := w.f.SetPanes(st.name, &excelize.Panes{
			Freeze: true, YSplit: st.row - 1, TopLeftCell: cell, ActivePane: "bottomLeft",
			Selection: []excelize.Selection{{SQRef: cell, ActiveCell: cell, Pane: "bottomLeft"}},
		}); err != nil {
			return w.wrap(st.name, err)
		}
	}
	// Rows.
	for ri := range t.Rows {
		row := &t.Rows[ri]
		r := st.row
		col := 0
		for ci := 0; col < n; ci++ {
			var c pdfdoc.Cell
			if ci < len(row.Cells) {
				c = row.Cells[ci]
			} else {
				c = pdfdoc.Cell{NoValue: true}
			}
			span := min(max(1, c.Span), n-col)
			if err := w.cell(st, t, row, col, span, r, &c); err != nil {
				return err
			}
			col += span
		}
		if row.Level > 0 {
			if !st.data.level(r, uint8(min(row.Level, maxOutlineLevel))) {
				return outOfRange(st.name)
			}
			st.outline = true
		}
		st.row++
	}
	if t.Note != "" {
		st.row++
		if err := w.str(st, 0, st.row, t.Note, styleKey{italic: true}); err != nil {
			return err
		}
		st.row++
	}
	return nil
}

// cell writes one data cell (and merges its span).
func (w *writer) cell(st *sheetState, t *pdfdoc.Table, row *pdfdoc.TableRow, col, span, r int, c *pdfdoc.Cell) error {
	kind := t.Columns[col].Kind
	k := styleKey{border: true, vAlign: "center", bold: c.Bold || row.Style != pdfdoc.RowNormal, italic: c.Italic}
	switch row.Style {
	case pdfdoc.RowSubtotal:
		k.fill = fillSubtotal
	case pdfdoc.RowTotal:
		k.fill = fillTotal
	}
	switch t.Columns[col].Align {
	case pdfdoc.AlignLeft:
		k.hAlign = "left"
	case pdfdoc.AlignCenter:
		k.hAlign = "center"
	case pdfdoc.AlignRight:
		k.hAlign = "right"
	case pdfdoc.AlignJustify:
		k.hAlign = "justify"
	}
	ind := 0
	if col == t.IndentColumn && row.Level > 0 {
		ind = min(row.Level, 15)
		k.indent = ind
	}
	numeric := kind.IsNumeric() && !c.NoValue && !math.IsNaN(c.Value) && !math.IsInf(c.Value, 0)
	switch {
	case numeric:
		k.numFmt = numberFormat(kind, c)
		if err := w.setNum(st, col, r, c.Value, integral(c.Value) && k.numFmt == fmtInt); err != nil {
			return err
		}
		st.fit(col, textWidth(c.Text)+1)
	default:
		if kind.IsNumeric() && k.hAlign == "" {
			k.hAlign = "right"
		}
		if !kind.IsNumeric() {
			k.wrap = true
		}
		if c.Text != "" {
			if err := w.setStr(st, col, r, c.Text); err != nil {
				return err
			}
		}
		if span == 1 {
			st.fit(col, textWidth(c.Text)+2*float64(ind))
		}
	}
	if err := w.style(st, col, r, col+span-1, r, k); err != nil {
		return err
	}
	if span > 1 {
		if err := w.f.MergeCell(st.name, ref(col, r), ref(col+span-1, r)); err != nil {
			return w.wrap(st.name, err)
		}
	}
	return nil
}

// integral reports whether v is a whole number that int64 and a double hold exactly.
func integral(v float64) bool { return v == math.Trunc(v) && math.Abs(v) < 1<<53 }

// numberFormat picks the number format of a numeric cell: counts "#,##0", money
// "#,##0.###" ("#,##0" for whole amounts, so that Excel shows no trailing decimal point),
// shares "0.0%". A KindNumber column can mix them (a summary): a Text with "%" is a
// share, else whole numbers are counts.
func numberFormat(kind pdfdoc.CellKind, c *pdfdoc.Cell) string {
	switch kind {
	case pdfdoc.KindPercent:
		return fmtPercent
	case pdfdoc.KindNumber:
		if strings.Contains(c.Text, "%") {
			return fmtPercent
		}
	}
	if integral(c.Value) {
		return fmtInt
	}
	return fmtDecimal
}

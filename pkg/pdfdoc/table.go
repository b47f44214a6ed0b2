package pdfdoc

import (
	"fmt"
	"math"
)

// tcell is a laid-out table cell.
type tcell struct {
	x, w   float64
	words  []word
	lines  []line
	fs     fontStyle
	align  Align
	indent float64
}

type trow struct {
	cells  []tcell
	nLines int
	h      float64
	fill   string // profile colour, "" for none
}

// hcell is a laid-out header cell.
type hcell struct {
	row, rowSpan int
	col, span    int
	x, w         float64
	text         string
	words        []word
	lines        []line
}

type tableLayout struct {
	src        *Table
	width      float64
	size       float64 // cell font size after shrinking
	cellSt     style
	headSt     style
	padX, padY float64
	colX, colW []float64
	heads      []hcell
	headRowH   []float64
	headerH    float64
	rows       []trow
	title      []line
	titleSt    style
	unit       []line
	unitSt     style
	note       []line
	noteSt     style
	startH     float64
}

// tableMetrics are the width needs of the columns at the profile's cell size.
type tableMetrics struct {
	hardMin []float64 // longest word or number, with padding and outline indent
	softMin []float64 // hardMin, raised to the profile's minimum for text columns
	natural []float64 // widest unwrapped content
}

func (r *renderer) checkTable(t *Table) error {
	n := len(t.Columns)
	if n == 0 {
		return fmt.Errorf("bảng %q không có cột (table has no columns)", t.Title)
	}
	if t.IndentColumn < 0 || t.IndentColumn >= n {
		return fmt.Errorf("bảng %q: IndentColumn %d ngoài phạm vi (out of range)", t.Title, t.IndentColumn)
	}
	for i, c := range t.Columns {
		if math.IsNaN(c.Weight) || math.IsInf(c.Weight, 0) || c.Weight < 0 {
			return fmt.Errorf("bảng %q, cột %d: Weight %v không hợp lệ (invalid)", t.Title, i+1, c.Weight)
		}
	}
	for ri, row := range t.Rows {
		cnt := 0
		for _, c := range row.Cells {
			cnt += max(1, c.Span)
			if c.Span > n {
				break
			}
		}
		if cnt > n {
			return fmt.Errorf("bảng %q, dòng %d: %d ô nhiều hơn %d cột (more cells than columns)", t.Title, ri+1, cnt, n)
		}
		if row.Level < 0 || row.Level > 20 {
			return fmt.Errorf("bảng %q, dòng %d: Level %d ngoài phạm vi 0–20 (out of range)", t.Title, ri+1, row.Level)
		}
	}
	return nil
}

// headerGrid places the header cells; the spans must tile the columns exactly.
func (r *renderer) headerGrid(t *Table) ([]hcell, int, error) {
	n := len(t.Columns)
	if len(t.HeaderRows) == 0 {
		hs := make([]hcell, n)
		for i, c := range t.Columns {
			hs[i] = hcell{row: 0, rowSpan: 1, col: i, span: 1, text: c.Header}
		}
		return hs, 1, nil
	}
	nr := len(t.HeaderRows)
	if nr > 20 {
		return nil, 0, fmt.Errorf("bảng %q: quá nhiều dòng tiêu đề (too many header rows)", t.Title)
	}
	occ := make([][]bool, nr)
	for i := range occ {
		occ[i] = make([]bool, n)
	}
	var hs []hcell
	for ri, row := range t.HeaderRows {
		c := 0
		for _, hc := range row {
			for c < n && occ[ri][c] {
				c++
			}
			span, rs := max(1, hc.ColSpan), max(1, hc.RowSpan)
			if span > n || rs > nr || c+span > n || ri+rs > nr {
				return nil, 0, fmt.Errorf("bảng %q: ô tiêu đề %q vượt quá bảng (header cell out of the table)", t.Title, hc.Text)
			}
			for y := ri; y < ri+rs; y++ {
				for x := c; x < c+span; x++ {
					if occ[y][x] {
						return nil, 0, fmt.Errorf("bảng %q: ô tiêu đề %q chồng lên ô khác (header cells overlap)", t.Title, hc.Text)
					}
					occ[y][x] = true
				}
			}
			hs = append(hs, hcell{row: ri, rowSpan: rs, col: c, span: span, text: hc.Text})
			c += span
		}
	}
	for ri := range occ {
		for c := range occ[ri] {
			if !occ[ri][c] {
				return nil, 0, fmt.Errorf("bảng %q: dòng tiêu đề %d thiếu ô ở cột %d (header row does not cover every column)", t.Title, ri+1, c+1)
			}
		}
	}
	return hs, nr, nil
}

// cellRuns returns the runs of a body cell.
func (r *renderer) cellFS(t *Table, row *TableRow, c *Cell) fontStyle {
	fs := mkStyle(r.p.Table.Cell).fs
	fs.bold = fs.bold || c.Bold || row.Style != RowNormal
	fs.italic = fs.italic || c.Italic
	return fs
}

func colAlign(c Column) Align {
	if c.Align != AlignDefault {
		return c.Align
	}
	if c.Kind.IsNumeric() {
		return AlignRight
	}
	return AlignLeft
}

// cellSpan iterates the cells of a row with their first column and span, padding missing
// cells with blanks.
func cellSpans(row *TableRow, n int, f func(c *Cell, col, span int)) {
	col := 0
	for i := range row.Cells {
		if col >= n {
			return
		}
		span := min(max(1, row.Cells[i].Span), n-col)
		f(&row.Cells[i], col, span)
		col += span
	}
	for ; col < n; col++ {
		f(&Cell{}, col, 1)
	}
}

func longest(ws []word) float64 {
	m := 0.0
	for _, w := range ws {
		m = math.Max(m, w.w)
	}
	return m
}

func natural(ws []word) float64 {
	t := 0.0
	for i, w := range ws {
		t += w.w
		if i < len(ws)-1 {
			t += w.spaceW
		}
	}
	return t
}

// measureTable lays every cell's words out at the given cell size and computes the
// column needs.
func (r *renderer) measureTable(t *Table, heads []hcell, rows []trow, size float64) tableMetrics {
	n := len(t.Columns)
	ts := r.p.Table
	pad := 2 * ts.PaddingXMM
	hst := mkStyle(ts.Header)
	hsize := hst.size * size / mkStyle(ts.Cell).size
	m := tableMetrics{make([]float64, n), make([]float64, n), make([]float64, n)}
	for i := range heads {
		h := &heads[i]
		st := hst
		h.words = r.words(r.runs(h.text, nil, st), hsize)
		if h.span == 1 {
			m.hardMin[h.col] = math.Max(m.hardMin[h.col], longest(h.words)+pad)
		}
	}
	for ri := range t.Rows {
		row := &t.Rows[ri]
		tr := &rows[ri]
		if cap(tr.cells) < n {
			tr.cells = make([]tcell, 0, n)
		}
		tr.cells = tr.cells[:0]
		cellSpans(row, n, func(c *Cell, col, span int) {
			fs := r.cellFS(t, row, c)
			text := r.clean(c.Text, true)
			ws := r.words([]srun{{text: text, fs: fs}}, size)
			ind := 0.0
			if col == t.IndentColumn {
				ind = float64(row.Level) * ts.IndentPerLevelMM
			}
			tr.cells = append(tr.cells, tcell{words: ws, fs: fs, align: colAlign(t.Columns[col]), indent: ind})
			if span != 1 {
				return
			}
			m.natural[col] = math.Max(m.natural[col], natural(ws)+ind+pad)
			// A number has no spaces, so this keeps it on one line.
			m.hardMin[col] = math.Max(m.hardMin[col], longest(ws)+ind+pad)
		})
	}
	for i, c := range t.Columns {
		m.hardMin[i] = math.Max(m.hardMin[i], pad+1)
		m.natural[i] = math.Max(m.natural[i], m.hardMin[i])
		m.softMin[i] = m.hardMin[i]
		if !c.Kind.IsNumeric() {
			// A text column need not be wider than its content.
			m.softMin[i] = math.Max(m.softMin[i], math.Min(m.natural[i], ts.MinTextColumnMM))
		}
	}
	return m
}

func sum(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s
}

// needsLandscape reports whether t cannot be set on a portrait page at the profile's cell
// size without going under the minimum text-column width.
func (r *renderer) needsLandscape(t *Table) bool {
	if r.checkTable(t) != nil {
		return false
	}
	heads, _, err := r.headerGrid(t)
	if err != nil {
		return false
	}
	rows := make([]trow, len(t.Rows))
	m := r.measureTable(t, heads, rows, mkStyle(r.p.Table.Cell).size)
	return sum(m.softMin) > r.textWidth(false)+1e-6
}

// allocate gives each column its share of W by weight, never less than its minimum.
func allocate(W float64, minW, weight []float64) []float64 {
	n := len(minW)
	w := make([]float64, n)
	fixed := make([]bool, n)
	if sm := sum(minW); sm >= W {
		for i := range w {
			w[i] = minW[i] * W / sm
		}
		return w
	}
	for iter := 0; iter <= n; iter++ {
		rem, sw := W, 0.0
		for i := range w {
			if fixed[i] {
				rem -= minW[i]
			} else {
				sw += weight[i]
			}
		}
		changed := false
		for i := range w {
			if fixed[i] {
				w[i] = minW[i]
				continue
			}
			if sw <= 0 {
				w[i] = rem / float64(n)
			} else {
				w[i] = rem * weight[i] / sw
			}
			if w[i] < minW[i]-1e-9 {
				fixed[i] = true
				changed = true
			}
		}
		if !changed {
			break
		}
	}
	for i := range w {
		if fixed[i] {
			w[i] = minW[i]
		}
	}
	return w
}

// prepareTable lays a table out for the text width W.
func (r *renderer) prepareTable(t *Table, W float64) (*tableLayout, error) {
	if c := r.tableCache; c != nil && c.src != nil && c.width == W && sameTable(c.src, t) {
		return c, nil
	}
	if err := r.checkTable(t); err != nil {
		return nil, err
	}
	heads, nHeadRows, err := r.headerGrid(t)
	if err != nil {
		return nil, err
	}
	ts := r.p.Table
	n := len(t.Columns)
	tl := &tableLayout{src: t, width: W, padX: ts.PaddingXMM, padY: ts.PaddingYMM}
	base := mkStyle(ts.Cell)
	size := base.size
	rows := make([]trow, len(t.Rows))
	m := r.measureTable(t, heads, rows, size)
	if n > 1 {
		// No column may claim more than half the width: a longer word is cut.
		for i := range m.hardMin {
			m.hardMin[i] = math.Min(m.hardMin[i], W/2)
			m.softMin[i] = math.Min(m.softMin[i], W/2)
		}
	}
	minW := m.softMin
	if sum(minW) > W {
		minW = m.hardMin
	}
	if sm := sum(minW); sm > W {
		// Shrink the table font (widths scale with it; the padding does not).
		pad := 2 * ts.PaddingXMM * float64(n)
		k := (W - pad) / (sm - pad)
		ns := math.Floor(size*k*2) / 2
		ns = math.Max(ns, ts.MinSizePt)
		if ns < size {
			size = ns
			m = r.measureTable(t, heads, rows, size)
			minW = m.hardMin
			if n > 1 {
				for i := range minW {
					minW[i] = math.Min(minW[i], W/2)
				}
			}
		}
	}
	weight := make([]float64, n)
	anyWeight := false
	for i, c := range t.Columns {
		if c.Weight > 0 {
			anyWeight = true
		}
		weight[i] = c.Weight
	}
	if !anyWeight {
		copy(weight, m.natural)
	} else {
		// Columns without a weight fit their content.
		for i := range weight {
			if weight[i] == 0 {
				weight[i] = 1e-9
			}
		}
	}
	tl.colW = allocate(W, minW, weight)
	tl.colX = make([]float64, n+1)
	for i := range tl.colW {
		tl.colX[i+1] = tl.colX[i] + tl.colW[i]
	}
	scale := size / base.size
	tl.size = size
	tl.cellSt = base
	tl.cellSt.size = size
	tl.cellSt.lineH = base.lineH * scale
	tl.headSt = mkStyle(ts.Header)
	tl.headSt.size *= scale
	tl.headSt.lineH *= scale

	// Header.
	tl.headRowH = make([]float64, nHeadRows)
	minRowH := tl.headSt.lineH + 2*tl.padY
	for i := range tl.headRowH {
		tl.headRowH[i] = minRowH
	}
	for i := range heads {
		h := &heads[i]
		h.x, h.w = tl.colX[h.col], tl.colX[h.col+h.span]-tl.colX[h.col]
		h.lines = r.breakLines(h.words, tl.headSt.size, h.w-2*tl.padX, 0, 0)
		if h.rowSpan == 1 {
			tl.headRowH[h.row] = math.Max(tl.headRowH[h.row], linesH(len(h.lines), tl.headSt)+2*tl.padY)
		}
	}
	for i := range heads {
		h := &heads[i]
		if h.rowSpan > 1 {
			need := linesH(len(h.lines), tl.headSt) + 2*tl.padY
			have := sum(tl.headRowH[h.row : h.row+h.rowSpan])
			if need > have {
				tl.headRowH[h.row+h.rowSpan-1] += need - have
			}
		}
	}
	tl.heads = heads
	tl.headerH = sum(tl.headRowH)

	// Body rows.
	for ri := range rows {
		tr := &rows[ri]
		col := 0
		tr.nLines = 1
		cellSpans(&t.Rows[ri], n, func(c *Cell, cc, span int) {
			tc := &tr.cells[col]
			tc.x, tc.w = tl.colX[cc], tl.colX[cc+span]-tl.colX[cc]
			tc.lines = r.breakLines(tc.words, size, tc.w-2*tl.padX, tc.indent, tc.indent)
			tc.words = nil
			tr.nLines = max(tr.nLines, len(tc.lines))
			col++
		})
		tr.h = linesH(tr.nLines, tl.cellSt) + 2*tl.padY
		switch t.Rows[ri].Style {
		case RowSubtotal:
			tr.fill = ts.SubtotalFill
		case RowTotal:
			tr.fill = ts.TotalFill
		}
	}
	tl.rows = rows

	tl.titleSt = mkStyle(ts.Title)
	tl.unitSt = mkStyle(ts.Unit)
	tl.noteSt = mkStyle(ts.Note)
	if t.Title != "" {
		tl.title = r.layout(r.runs(t.Title, nil, tl.titleSt), tl.titleSt, W, 0, 0)
	}
	if t.Unit != "" {
		tl.unit = r.layout(r.runs(t.Unit, nil, tl.unitSt), tl.unitSt, W, 0, 0)
	}
	if t.Note != "" {
		tl.note = r.layout(r.runs(t.Note, nil, tl.noteSt), tl.noteSt, W, 0, 0)
	}
	tl.startH = tl.headerH
	if len(tl.title) > 0 {
		tl.startH += tl.titleSt.before + linesH(len(tl.title), tl.titleSt) + tl.titleSt.after
	}
	if len(tl.unit) > 0 {
		tl.startH += tl.unitSt.before + linesH(len(tl.unit), tl.unitSt) + tl.unitSt.after
	}
	if len(rows) > 0 {
		tl.startH += math.Min(rows[0].h, r.bottom()-r.top()-tl.startH)
	}
	r.tableCache = tl
	return tl, nil
}

func sameTable(a, b *Table) bool {
	if len(a.Rows) != len(b.Rows) || len(a.Columns) != len(b.Columns) || len(a.HeaderRows) != len(b.HeaderRows) ||
		a.Title != b.Title || a.Unit != b.Unit || a.Note != b.Note || a.IndentColumn != b.IndentColumn {
		return false
	}
	if len(a.HeaderRows) > 0 && &a.HeaderRows[0] != &b.HeaderRows[0] {
		return false
	}
	if len(a.Rows) > 0 && &a.Rows[0] != &b.Rows[0] {
		return false
	}
	return len(a.Columns) == 0 || &a.Columns[0] == &b.Columns[0]
}

func (r *renderer) table(t *Table) error {
	tl, err := r.prepareTable(t, r.width())
	r.tableCache = nil
	if err != nil {
		return err
	}
	x0 := r.left()
	r.space(tl.titleSt.before)
	r.ensure(tl.startH - tl.titleSt.before)
	if len(tl.title) > 0 {
		r.flow(tl.title, tl.titleSt, tl.titleSt.align)
		r.y += tl.titleSt.after
	}
	if len(tl.unit) > 0 {
		r.y += tl.unitSt.before
		r.flow(tl.unit, tl.unitSt, tl.unitSt.align)
		r.y += tl.unitSt.after
	}
	r.pdf.SetLineWidth(r.p.Table.BorderWidthMM)
	r.setDraw(mustColor(r.p.Table.BorderColor))
	r.tableHeader(tl, x0)
	// A header taller than a third of a page is not repeated (it would leave no room).
	repeat := tl.headerH <= (r.bottom()-r.top())/3
	header := func() {
		if repeat {
			r.pdf.SetLineWidth(r.p.Table.BorderWidthMM)
			r.tableHeader(tl, x0)
		}
	}
	pageH := r.bottom() - r.top()
	if repeat {
		pageH -= tl.headerH
	}
	for ri := range tl.rows {
		row := &tl.rows[ri]
		if !r.fits(row.h) {
			if row.h <= pageH || r.y > r.top()+tl.headerH+1e-6 && r.bottom()-r.y < 3*tl.cellSt.lineH {
				r.newPage(r.landscape)
				header()
			}
		}
		if row.h <= r.bottom()-r.y+1e-6 {
			r.tableRow(tl, ri, x0, 0, row.nLines, row.h)
			continue
		}
		// A row taller than a page: split it between lines.
		from := 0
		for from < row.nLines {
			k := int((r.bottom() - r.y - 2*tl.padY) / tl.cellSt.lineH)
			if k < 1 {
				r.newPage(r.landscape)
				header()
				k = max(1, int((r.bottom()-r.y-2*tl.padY)/tl.cellSt.lineH))
			}
			to := min(row.nLines, from+k)
			r.tableRow(tl, ri, x0, from, to, linesH(to-from, tl.cellSt)+2*tl.padY)
			from = to
			if from < row.nLines {
				r.newPage(r.landscape)
				header()
			}
		}
	}
	r.setDraw(rgb{})
	if len(tl.note) > 0 {
		r.y += tl.noteSt.before
		r.flow(tl.note, tl.noteSt, tl.noteSt.align)
		r.y += tl.noteSt.after
	} else {
		r.y += tl.noteSt.after
	}
	return nil
}

func (r *renderer) tableHeader(tl *tableLayout, x0 float64) {
	ts := r.p.Table
	fill := mustColor(ts.HeaderFill)
	r.setFill(fill)
	rowY := make([]float64, len(tl.headRowH)+1)
	rowY[0] = r.y
	for i, h := range tl.headRowH {
		rowY[i+1] = rowY[i] + h
	}
	for i := range tl.heads {
		h := &tl.heads[i]
		y, hh := rowY[h.row], rowY[h.row+h.rowSpan]-rowY[h.row]
		r.fastRect(x0+h.x, y, h.w, hh, "FD")
		ty := y + (hh-linesH(len(h.lines), tl.headSt))/2
		for _, l := range h.lines {
			r.drawLine(l, x0+h.x+tl.padX, h.w-2*tl.padX, baseline(ty, tl.headSt.lineH, tl.headSt.size), tl.headSt.align, tl.headSt.size)
			ty += tl.headSt.lineH
		}
	}
	r.emit("header", 0, r.y, rowY[len(rowY)-1])
	r.y = rowY[len(rowY)-1]
	r.mark()
}

// tableRow draws lines [from, to) of every cell of row in a band of height h at r.y.
func (r *renderer) tableRow(tl *tableLayout, ri int, x0 float64, from, to int, h float64) {
	row := &tl.rows[ri]
	r.emit("row", ri, r.y, r.y+h)
	style := "D"
	if row.fill != "" {
		r.setFill(mustColor(row.fill))
		style = "FD"
	}
	middle := r.p.Table.VAlign == "middle" && from == 0 && to == row.nLines
	for ci := range row.cells {
		c := &row.cells[ci]
		r.fastRect(x0+c.x, r.y, c.w, h, style)
		lo, hi := min(from, len(c.lines)), min(to, len(c.lines))
		ty := r.y + tl.padY
		if middle {
			ty = r.y + (h-linesH(hi-lo, tl.cellSt))/2
		}
		for _, l := range c.lines[lo:hi] {
			r.drawLine(l, x0+c.x+tl.padX, c.w-2*tl.padX, baseline(ty, tl.cellSt.lineH, tl.size), c.align, tl.size)
			ty += tl.cellSt.lineH
		}
	}
	r.y += h
	r.mark()
}

package pdfdoc

import (
	"math"
	"strconv"
	"strings"
)

// FormatValueVN is the default value formatter of chart ticks and labels: "1.234.567",
// "12,5", and fractions as percent ("0.8" → "80%").
func FormatValueVN(v float64, f ValueFormat, decimals int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	decimals = min(max(decimals, 0), 10)
	suffix := ""
	if f == FormatPercent {
		v *= 100
		suffix = "%"
	}
	s := strconv.FormatFloat(math.Abs(v), 'f', decimals, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if v < 0 && strings.Trim(s, "0.") != "" {
		b.WriteByte('-')
	}
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteByte(',')
		b.WriteString(frac)
	}
	b.WriteString(suffix)
	return b.String()
}

func (r *renderer) fmtValue(v float64, f ValueFormat, decimals int) string {
	if r.opts.FormatValue != nil {
		return r.clean(r.opts.FormatValue(v, f, decimals), false)
	}
	return FormatValueVN(v, f, decimals)
}

// scale is a value axis.
type scale struct {
	lo, hi, step float64
	decimals     int
	format       ValueFormat
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func niceNum(x float64, round bool) float64 {
	if x <= 0 || !finite(x) {
		return 1
	}
	e := math.Floor(math.Log10(x))
	f := x / math.Pow(10, e)
	var nf float64
	if round {
		switch {
		case f < 1.5:
			nf = 1
		case f < 2.25:
			nf = 2
		case f < 3.5:
			nf = 2.5
		case f < 7.5:
			nf = 5
		default:
			nf = 10
		}
	} else {
		switch {
		case f <= 1:
			nf = 1
		case f <= 2:
			nf = 2
		case f <= 2.5:
			nf = 2.5
		case f <= 5:
			nf = 5
		default:
			nf = 10
		}
	}
	return nf * math.Pow(10, e)
}

// makeScale covers lo..hi (and 0) with about ticks intervals.
func makeScale(lo, hi float64, ticks int, f ValueFormat) scale {
	if !finite(lo) || !finite(hi) || lo > hi {
		lo, hi = 0, 1
	}
	lo, hi = math.Min(lo, 0), math.Max(hi, 0)
	if f == FormatPercent && lo >= 0 && hi <= 1 && hi > 0.6 {
		hi = 1
	}
	if hi-lo < 1e-12 {
		hi = lo + 1
	}
	rng := niceNum(hi-lo, false)
	step := niceNum(rng/float64(ticks), true)
	s := scale{lo: math.Floor(lo/step+1e-9) * step, hi: math.Ceil(hi/step-1e-9) * step, step: step, format: f}
	if s.hi <= s.lo {
		s.hi = s.lo + step
	}
	s.decimals = tickDecimals(step, f)
	return s
}

// alignedScale covers lo..hi (and 0) with exactly k intervals of a nice step, so that its
// ticks fall on the gridlines of another axis with k intervals.
func alignedScale(lo, hi float64, k int, f ValueFormat) scale {
	if !finite(lo) || !finite(hi) || lo > hi {
		lo, hi = 0, 1
	}
	lo, hi = math.Min(lo, 0), math.Max(hi, 0)
	if hi-lo < 1e-12 {
		hi = lo + 1
	}
	k = max(k, 1)
	step := niceNum((hi-lo)/float64(k), false)
	var s scale
	for i := 0; i < 20; i++ {
		s = scale{lo: math.Floor(lo/step+1e-9) * step, step: step, format: f}
		s.hi = s.lo + float64(k)*step
		if s.hi >= hi-1e-9 {
			break
		}
		step = niceNum(step*1.01, false)
	}
	s.decimals = tickDecimals(s.step, f)
	return s
}

func tickDecimals(step float64, f ValueFormat) int {
	if f == FormatPercent {
		step *= 100
	}
	if step >= 1 || step <= 0 {
		return 0
	}
	d := int(math.Ceil(-math.Log10(step) - 1e-9))
	if p := math.Pow(10, float64(d)); math.Abs(step*p-math.Round(step*p)) > 1e-6 {
		d++
	}
	return min(d, 10)
}

func (s scale) ticks() []float64 {
	var out []float64
	n := int(math.Round((s.hi - s.lo) / s.step))
	for i := 0; i <= n && i <= 100; i++ {
		out = append(out, s.lo+float64(i)*s.step)
	}
	return out
}

// pos maps v to [a, b].
func (s scale) pos(v, a, b float64) float64 {
	return a + (v-s.lo)/(s.hi-s.lo)*(b-a)
}

func value(vs []float64, i int) (float64, bool) {
	if i < len(vs) && finite(vs[i]) {
		return vs[i], true
	}
	return 0, false
}

// axisRange returns the range of the series on one side (and the target on the left).
func axisRange(c *Chart, side AxisSide) (lo, hi float64, any bool) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, s := range c.Series {
		if s.Axis != side {
			continue
		}
		any = true
		for i := range c.Categories {
			if v, ok := value(s.Values, i); ok {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	if side == AxisLeft && c.Target != nil && finite(*c.Target) {
		lo, hi = math.Min(lo, *c.Target), math.Max(hi, *c.Target)
		any = true
	}
	if math.IsInf(lo, 1) {
		lo, hi = 0, 1
	}
	return lo, hi, any
}

func (c *Chart) horizontal(r *renderer) bool {
	if c.Kind != ChartBarTarget {
		return false
	}
	if len(c.Categories) > r.p.Chart.HorizontalThreshold {
		return true
	}
	// Vertical bars only if every label fits its slot in three lines.
	g := r.newChartGeom(c)
	return !g.labelsFit
}

// chartGeom is the shared geometry of a chart.
type chartGeom struct {
	c          *Chart
	label      style
	legendSt   style
	titleSt    style
	title      []line
	note       []line
	left       scale
	right      scale
	hasRight   bool
	cats       [][]line // wrapped category labels
	labelsFit  bool
	catEvery   int
	legend     []legendItem
	legendH    float64
	legendRows [][]legendItem
}

type legendItem struct {
	text  []line
	w     float64
	kind  int // 0 bar, 1 line, 2 target
	color rgb
}

func (r *renderer) seriesColor(i int) rgb {
	cs := r.p.Chart.Colors
	return mustColor(cs[i%len(cs)])
}

func (r *renderer) newChartGeom(c *Chart) *chartGeom {
	cs := r.p.Chart
	g := &chartGeom{c: c, label: mkStyle(cs.Label), legendSt: mkStyle(cs.Legend), titleSt: mkStyle(cs.Title), catEvery: 1}
	W := r.width()
	if c.Title != "" {
		g.title = r.layout(r.runs(c.Title, nil, g.titleSt), g.titleSt, W, 0, 0)
	}
	if c.Note != "" {
		ns := mkStyle(r.p.Table.Note)
		g.note = r.layout(r.runs(c.Note, nil, ns), ns, W, 0, 0)
	}
	lo, hi, _ := axisRange(c, AxisLeft)
	g.left = makeScale(lo, hi, 5, c.Left.Format)
	if lo, hi, any := axisRange(c, AxisRight); any {
		g.hasRight = true
		g.right = alignedScale(lo, hi, int(math.Round((g.left.hi-g.left.lo)/g.left.step)), c.Right.Format)
	}
	// Legend.
	for i, s := range c.Series {
		if strings.TrimSpace(s.Name) == "" {
			continue
		}
		kind := 0
		if s.Type == SeriesLine {
			kind = 1
		}
		g.legend = append(g.legend, legendItem{text: r.layout(r.runs(s.Name, nil, g.legendSt), g.legendSt, W/2, 0, 0), kind: kind, color: r.seriesColor(i)})
	}
	if c.Target != nil && strings.TrimSpace(c.TargetLabel) != "" {
		g.legend = append(g.legend, legendItem{text: r.layout(r.runs(c.TargetLabel, nil, g.legendSt), g.legendSt, W/2, 0, 0), kind: 2, color: mustColor(cs.TargetColor)})
	}
	const swatch, gapIn, gapOut = 8.0, 1.5, 6.0
	var row []legendItem
	rowW := 0.0
	for _, it := range g.legend {
		it.w = swatch + gapIn
		for _, l := range it.text {
			it.w = math.Max(it.w, swatch+gapIn+l.w)
		}
		if len(row) > 0 && rowW+gapOut+it.w > W {
			g.legendRows = append(g.legendRows, row)
			row, rowW = nil, 0
		}
		if len(row) > 0 {
			rowW += gapOut
		}
		row = append(row, it)
		rowW += it.w
	}
	if len(row) > 0 {
		g.legendRows = append(g.legendRows, row)
	}
	for _, row := range g.legendRows {
		n := 1
		for _, it := range row {
			n = max(n, len(it.text))
		}
		g.legendH += linesH(n, g.legendSt) + 1
	}
	if g.legendH > 0 {
		g.legendH += 2
	}
	// Vertical-layout category labels.
	n := len(c.Categories)
	if n > 0 {
		lw, rw := r.axisWidths(g)
		plotW := W - lw - rw
		slot := plotW / float64(n)
		g.labelsFit = true
		for k := 1; k <= n; k *= 2 {
			g.catEvery = k
			g.cats, g.labelsFit = r.wrapLabels(c.Categories, g.label, slot*float64(k)-1, 3)
			if g.labelsFit || c.Kind == ChartBarTarget {
				break
			}
		}
	}
	return g
}

// wrapLabels wraps labels to width in at most maxLines lines; fit is false if some label
// needed more lines or had to be cut inside a word.
func (r *renderer) wrapLabels(labels []string, st style, width float64, maxLines int) (out [][]line, fit bool) {
	fit = true
	width = math.Max(width, 1)
	out = make([][]line, len(labels))
	for i, s := range labels {
		ws := r.words(r.runs(s, nil, st), st.size)
		if longest(ws) > width {
			fit = false
		}
		ls := r.breakLines(ws, st.size, width, 0, 0)
		if len(ls) > maxLines {
			fit = false
			ls = ls[:maxLines]
			r.ellipsis(&ls[maxLines-1], st, width)
		}
		out[i] = ls
	}
	return out, fit
}

// ellipsis appends "…" to l, dropping words until it fits width.
func (r *renderer) ellipsis(l *line, st style, width float64) {
	ew := r.strW("…", st.fs, st.size)
	for len(l.words) > 1 && l.w+ew > width {
		last := l.words[len(l.words)-1]
		l.words = l.words[:len(l.words)-1]
		l.w -= last.w + l.words[len(l.words)-1].spaceW
	}
	if len(l.words) == 0 {
		return
	}
	w := &l.words[len(l.words)-1]
	ps := append([]piece(nil), w.pieces...)
	ps = append(ps, piece{text: "…", fs: st.fs, w: ew})
	w.pieces = ps
	w.w += ew
	l.w += ew
	l.last = true
}

func (r *renderer) axisWidths(g *chartGeom) (lw, rw float64) {
	for _, v := range g.left.ticks() {
		lw = math.Max(lw, r.strW(r.fmtValue(v, g.left.format, g.left.decimals), g.label.fs, g.label.size))
	}
	lw += 2.5
	rw = 2
	if g.hasRight {
		rw = 0
		for _, v := range g.right.ticks() {
			rw = math.Max(rw, r.strW(r.fmtValue(v, g.right.format, g.right.decimals), g.label.fs, g.label.size))
		}
		rw += 2.5
	}
	return lw, rw
}

func (g *chartGeom) titleH() float64 {
	if len(g.title) == 0 {
		return 0
	}
	return linesH(len(g.title), g.titleSt) + g.titleSt.after
}

func (g *chartGeom) noteH() float64 {
	if len(g.note) == 0 {
		return 0
	}
	return linesH(len(g.note), g.label) + 1
}

// verticalHeight is the height of a vertical chart (without space before/after).
func (r *renderer) verticalHeight(g *chartGeom) float64 {
	catLines := 1
	for _, ls := range g.cats {
		catLines = max(catLines, len(ls))
	}
	axisTitle := 0.0
	if g.c.Left.Title != "" || g.c.Right.Title != "" || g.c.Target != nil {
		axisTitle = 1.5*g.label.lineH + 1
	}
	return g.titleH() + axisTitle + r.p.Chart.PlotHeightMM + 1.5 + linesH(catLines, g.label) + 2 + g.legendH + g.noteH()
}

func (r *renderer) chartStartHeight(c *Chart) float64 {
	if len(c.Categories) == 0 {
		return 0
	}
	g := r.newChartGeom(c)
	st := g.titleSt
	if c.horizontal(r) {
		return st.before + g.titleH() + 3*g.label.lineH + 5*r.p.Chart.BarSlotMM
	}
	return st.before + r.verticalHeight(g)
}

func (r *renderer) chart(c *Chart) error {
	if len(c.Categories) == 0 && c.Title == "" {
		return nil
	}
	g := r.newChartGeom(c)
	r.space(g.titleSt.before)
	if c.horizontal(r) {
		r.hbarChart(g)
	} else {
		r.verticalChart(g)
	}
	r.y += r.p.Chart.SpaceAfterPt * ptMM
	r.setDraw(rgb{})
	r.setTextC(rgb{})
	r.pdf.SetDashPattern([]float64{}, 0)
	return nil
}

func (r *renderer) drawTitle(g *chartGeom) {
	if len(g.title) == 0 {
		return
	}
	r.flow(g.title, g.titleSt, g.titleSt.align)
	r.y += g.titleSt.after
}

// label draws a one-line text with its horizontal anchor: align left (x is the start),
// center or right (x is the end); y is the top of the line box. With a background it
// clears the area behind first.
func (r *renderer) label(s string, st style, x, y float64, align Align, bg *rgb) float64 {
	w := r.strW(s, st.fs, st.size)
	switch align {
	case AlignCenter:
		x -= w / 2
	case AlignRight:
		x -= w
	}
	if bg != nil {
		r.setFill(*bg)
		r.pdf.Rect(x-0.6, y+0.2, w+1.2, st.lineH-0.4, "F")
	}
	r.text(x, baseline(y, st.lineH, st.size), s, st.fs, st.size)
	return w
}

var white = rgb{255, 255, 255}

func (r *renderer) targetDash() {
	r.setDraw(mustColor(r.p.Chart.TargetColor))
	r.pdf.SetLineWidth(r.p.Chart.TargetWidthMM)
	r.pdf.SetDashPattern(r.p.Chart.TargetDashMM, 0)
}

func (r *renderer) verticalChart(g *chartGeom) {
	c := g.c
	cs := r.p.Chart
	r.ensure(r.verticalHeight(g))
	r.drawTitle(g)
	r.mark()
	lw, rw := r.axisWidths(g)
	x0, x1 := r.left()+lw, r.right()-rw
	n := len(c.Categories)
	if n == 0 {
		return
	}
	if c.Left.Title != "" || c.Right.Title != "" || c.Target != nil {
		if c.Left.Title != "" {
			r.label(r.clean(c.Left.Title, false), g.label, r.left(), r.y, AlignLeft, nil)
		}
		if c.Right.Title != "" && g.hasRight {
			r.label(r.clean(c.Right.Title, false), g.label, r.right(), r.y, AlignRight, nil)
		}
		r.y += 1.5*g.label.lineH + 1
	}
	top, bot := r.y, r.y+cs.PlotHeightMM
	ly := func(v float64) float64 { return g.left.pos(v, bot, top) }
	ry := func(v float64) float64 { return g.right.pos(v, bot, top) }
	axis := mustColor(cs.AxisColor)
	// Grid and ticks.
	r.pdf.SetLineWidth(0.15)
	r.setDraw(mustColor(cs.GridColor))
	for _, v := range g.left.ticks() {
		y := ly(v)
		r.pdf.Line(x0, y, x1, y)
		r.label(r.fmtValue(v, g.left.format, g.left.decimals), g.label, x0-1.5, y-g.label.lineH/2, AlignRight, nil)
	}
	if g.hasRight {
		for _, v := range g.right.ticks() {
			r.label(r.fmtValue(v, g.right.format, g.right.decimals), g.label, x1+1.5, ry(v)-g.label.lineH/2, AlignLeft, nil)
		}
	}
	slot := (x1 - x0) / float64(n)
	// Bars.
	var bars, lines []int
	for i, s := range c.Series {
		if s.Type == SeriesLine {
			lines = append(lines, i)
		} else {
			bars = append(bars, i)
		}
	}
	group := slot * cs.BarFillRatio
	type vlabel struct {
		s     string
		x, y  float64
		color rgb
		alt   float64 // another top for the label (below a point), if not 0
	}
	var labels []vlabel
	for bi, si := range bars {
		s := c.Series[si]
		pos, sc := ly, g.left
		if s.Axis == AxisRight && g.hasRight {
			pos, sc = ry, g.right
		}
		ax := c.Left
		if s.Axis == AxisRight {
			ax = c.Right
		}
		bw := group / float64(len(bars))
		r.setFill(r.seriesColor(si))
		for i := 0; i < n; i++ {
			v, ok := value(s.Values, i)
			if !ok {
				continue
			}
			bx := x0 + float64(i)*slot + (slot-group)/2 + float64(bi)*bw
			y0, y1 := pos(math.Max(sc.lo, math.Min(0, sc.hi))), pos(v)
			r.pdf.Rect(bx, math.Min(y0, y1), bw, math.Abs(y1-y0), "F")
			if cs.ValueLabels {
				t := r.fmtValue(v, sc.format, ax.Decimals)
				if r.strW(t, g.label.fs, g.label.size) <= slot/float64(len(bars))+1 {
					labels = append(labels, vlabel{t, bx + bw/2, math.Min(y0, y1) - g.label.lineH, rgb{}, 0})
				}
			}
		}
	}
	// Axes.
	r.pdf.SetLineWidth(0.25)
	r.setDraw(axis)
	zero := ly(math.Max(g.left.lo, math.Min(0, g.left.hi)))
	r.pdf.Line(x0, zero, x1, zero)
	r.pdf.Line(x0, top, x0, bot)
	if g.hasRight {
		r.pdf.Line(x1, top, x1, bot)
	}
	// Target.
	if c.Target != nil && finite(*c.Target) {
		y := ly(*c.Target)
		r.targetDash()
		r.pdf.Line(x0, y, x1, y)
		r.pdf.SetDashPattern([]float64{}, 0)
	}
	// Lines.
	for _, si := range lines {
		s := c.Series[si]
		pos, sc, ax := ly, g.left, c.Left
		if s.Axis == AxisRight && g.hasRight {
			pos, sc, ax = ry, g.right, c.Right
		}
		col := r.seriesColor(si)
		r.setDraw(col)
		r.setFill(col)
		r.pdf.SetLineWidth(cs.LineWidthMM)
		px, py, have := 0.0, 0.0, false
		for i := 0; i < n; i++ {
			v, ok := value(s.Values, i)
			if !ok {
				have = false
				continue
			}
			x, y := x0+(float64(i)+0.5)*slot, pos(v)
			if have {
				r.pdf.Line(px, py, x, y)
			}
			px, py, have = x, y, true
		}
		for i := 0; i < n; i++ {
			v, ok := value(s.Values, i)
			if !ok {
				continue
			}
			x, y := x0+(float64(i)+0.5)*slot, pos(v)
			if cs.MarkerMM > 0 {
				r.pdf.Circle(x, y, cs.MarkerMM/2, "F")
			}
			if cs.ValueLabels {
				t := r.fmtValue(v, sc.format, ax.Decimals)
				if r.strW(t, g.label.fs, g.label.size) <= slot+1 {
					labels = append(labels, vlabel{t, x, y - g.label.lineH - cs.MarkerMM/2, col, y + cs.MarkerMM/2 + 0.3})
				}
			}
		}
	}
	// Value labels last, on a white ground so lines and bars do not cross them; a point's
	// label goes below the point if it would cover a label already placed.
	type box struct{ x0, y0, x1, y1 float64 }
	var placed []box
	at := func(l vlabel, y float64) box {
		w := r.strW(l.s, g.label.fs, g.label.size)
		return box{l.x - w/2 - 0.6, y, l.x + w/2 + 0.6, y + g.label.lineH}
	}
	hits := func(b box) bool {
		for _, p := range placed {
			if b.x0 < p.x1 && p.x0 < b.x1 && b.y0 < p.y1 && p.y0 < b.y1 {
				return true
			}
		}
		return false
	}
	for _, l := range labels {
		y := math.Max(l.y, top-g.label.lineH)
		if l.alt != 0 && hits(at(l, y)) {
			// Try below the point, then just above or below each label in the way.
			cands := []float64{l.alt}
			b := at(l, y)
			for _, p := range placed {
				if b.x0 < p.x1 && p.x0 < b.x1 {
					cands = append(cands, p.y0-g.label.lineH-0.2, p.y1+0.2)
				}
			}
			for _, cy := range cands {
				if cy >= top-g.label.lineH && cy+g.label.lineH <= bot && !hits(at(l, cy)) {
					y = cy
					break
				}
			}
		}
		placed = append(placed, at(l, y))
		r.setTextC(l.color)
		r.label(l.s, g.label, l.x, y, AlignCenter, &white)
	}
	r.setTextC(rgb{})
	if c.Target != nil && finite(*c.Target) && c.TargetLabel != "" {
		r.setTextC(mustColor(cs.TargetColor))
		y := ly(*c.Target)
		r.label(r.clean(c.TargetLabel, false), g.label, x1-1, y-g.label.lineH-0.3, AlignRight, &white)
		r.setTextC(rgb{})
	}
	// Category labels.
	y := bot + 1.5
	maxLines := 1
	for i, ls := range g.cats {
		if i%g.catEvery != 0 {
			continue
		}
		cx := x0 + (float64(i)+0.5)*slot
		w := slot * float64(g.catEvery)
		for k, l := range ls {
			r.drawLine(l, cx-w/2, w, baseline(y+float64(k)*g.label.lineH, g.label.lineH, g.label.size), AlignCenter, g.label.size)
		}
		maxLines = max(maxLines, len(ls))
	}
	r.y = y + linesH(maxLines, g.label) + 2
	r.emit("chart", 0, top, r.y)
	r.drawLegend(g)
	r.drawNote(g)
}

func (r *renderer) drawLegend(g *chartGeom) {
	if len(g.legendRows) == 0 {
		return
	}
	const swatch, gapIn, gapOut = 8.0, 1.5, 6.0
	cs := r.p.Chart
	r.ensure(g.legendH)
	r.y += 1
	for _, row := range g.legendRows {
		tw := 0.0
		nl := 1
		for i, it := range row {
			if i > 0 {
				tw += gapOut
			}
			tw += it.w
			nl = max(nl, len(it.text))
		}
		x := r.left() + (r.width()-tw)/2
		for _, it := range row {
			cy := r.y + g.legendSt.lineH/2
			switch it.kind {
			case 0:
				r.setFill(it.color)
				r.pdf.Rect(x+1, cy-1.5, swatch-2, 3, "F")
			case 1:
				r.setDraw(it.color)
				r.setFill(it.color)
				r.pdf.SetLineWidth(cs.LineWidthMM)
				r.pdf.Line(x, cy, x+swatch, cy)
				if cs.MarkerMM > 0 {
					r.pdf.Circle(x+swatch/2, cy, cs.MarkerMM/2, "F")
				}
			case 2:
				r.targetDash()
				r.pdf.Line(x, cy, x+swatch, cy)
				r.pdf.SetDashPattern([]float64{}, 0)
			}
			for k, l := range it.text {
				r.drawLine(l, x+swatch+gapIn, it.w-swatch-gapIn, baseline(r.y+float64(k)*g.legendSt.lineH, g.legendSt.lineH, g.legendSt.size), AlignLeft, g.legendSt.size)
			}
			x += it.w + gapOut
		}
		r.y += linesH(nl, g.legendSt) + 1
	}
	r.setDraw(rgb{})
	r.y += 1
}

func (r *renderer) drawNote(g *chartGeom) {
	if len(g.note) == 0 {
		return
	}
	st := mkStyle(r.p.Table.Note)
	r.flow(g.note, st, st.align)
}

// hbarChart draws horizontal bars, one slot per category, continuing on further pages
// when the categories do not fit (the axis is repeated on each part).
func (r *renderer) hbarChart(g *chartGeom) {
	c := g.c
	cs := r.p.Chart
	n := len(c.Categories)
	lab := g.label
	labW := cs.CategoryLabelWidthMM
	cats, _ := r.wrapLabels(c.Categories, lab, labW-2, 3)
	slots := make([]float64, n)
	for i := range slots {
		slots[i] = math.Max(cs.BarSlotMM, linesH(len(cats[i]), lab)+0.8)
	}
	// Value-label room on the right.
	var bars []int
	for i, s := range c.Series {
		if s.Type == SeriesBar || s.Type == SeriesLine { // lines make no sense here: drawn as bars
			bars = append(bars, i)
		}
	}
	valW := 0.0
	if cs.ValueLabels {
		for _, si := range bars {
			ax := c.Left
			for i := 0; i < n; i++ {
				if v, ok := value(c.Series[si].Values, i); ok {
					valW = math.Max(valW, r.strW(r.fmtValue(v, g.left.format, ax.Decimals), lab.fs, lab.size))
				}
			}
		}
		valW += 2
	}
	tickW := r.strW(r.fmtValue(g.left.hi, g.left.format, g.left.decimals), lab.fs, lab.size)
	x0 := r.left() + labW
	x1 := r.right() - math.Max(valW, tickW/2+1)
	xp := func(v float64) float64 { return g.left.pos(v, x0, x1) }
	axisH := lab.lineH + 1 // tick labels above and below the plot
	targetH := 0.0
	if c.Target != nil && finite(*c.Target) && c.TargetLabel != "" {
		targetH = lab.lineH
	}
	tail := axisH + g.legendH + g.noteH()
	first := true
	i := 0
	for i < n {
		// How many categories fit on this page?
		head := targetH + axisH
		if first {
			head += g.titleH()
		}
		avail := r.bottom() - r.y - head - axisH
		k, h := 0, 0.0
		for i+k < n && h+slots[i+k] <= avail {
			h += slots[i+k]
			k++
		}
		if i+k == n && h+tail-axisH > avail {
			// The legend must stay with the last part: move the last bars along.
			for k > 0 && h+tail-axisH > avail {
				k--
				h -= slots[i+k]
			}
		}
		if k < min(5, n-i) && !r.atTop {
			r.newPage(r.landscape)
			continue
		}
		if k == 0 {
			k, h = 1, slots[i]
		}
		if first {
			r.drawTitle(g)
			first = false
		}
		r.mark()
		if targetH > 0 {
			r.setTextC(mustColor(cs.TargetColor))
			r.label(r.clean(c.TargetLabel, false), lab, xp(*c.Target), r.y, AlignCenter, nil)
			r.setTextC(rgb{})
			r.y += targetH
		}
		top := r.y + axisH
		bot := top + h
		r.pdf.SetLineWidth(0.15)
		r.setDraw(mustColor(cs.GridColor))
		for _, v := range g.left.ticks() {
			x := xp(v)
			r.pdf.Line(x, top, x, bot)
			t := r.fmtValue(v, g.left.format, g.left.decimals)
			r.label(t, lab, x, r.y, AlignCenter, nil)
			r.label(t, lab, x, bot+1, AlignCenter, nil)
		}
		type hlabel struct {
			s    string
			x, y float64
		}
		var vls []hlabel
		y := top
		for j := i; j < i+k; j++ {
			// Category label, right-aligned, vertically centred in the slot.
			ty := y + (slots[j]-linesH(len(cats[j]), lab))/2
			for _, l := range cats[j] {
				r.drawLine(l, r.left(), labW-2, baseline(ty, lab.lineH, lab.size), AlignRight, lab.size)
				ty += lab.lineH
			}
			group := cs.BarSlotMM * cs.BarFillRatio
			bh := group / float64(max(1, len(bars)))
			by := y + (slots[j]-group)/2
			for bi, si := range bars {
				v, ok := value(c.Series[si].Values, j)
				if !ok {
					continue
				}
				r.setFill(r.seriesColor(si))
				xa, xb := xp(math.Max(g.left.lo, math.Min(0, g.left.hi))), xp(v)
				r.pdf.Rect(math.Min(xa, xb), by+float64(bi)*bh, math.Abs(xb-xa), bh, "F")
				if cs.ValueLabels {
					t := r.fmtValue(v, g.left.format, c.Left.Decimals)
					vls = append(vls, hlabel{t, math.Max(xa, xb) + 1, by + float64(bi)*bh + bh/2 - lab.lineH/2})
				}
			}
			y += slots[j]
		}
		r.pdf.SetLineWidth(0.25)
		r.setDraw(mustColor(cs.AxisColor))
		zx := xp(math.Max(g.left.lo, math.Min(0, g.left.hi)))
		r.pdf.Line(zx, top, zx, bot)
		r.pdf.Line(x0, top, x1, top)
		r.pdf.Line(x0, bot, x1, bot)
		if c.Target != nil && finite(*c.Target) {
			x := xp(*c.Target)
			r.targetDash()
			r.pdf.Line(x, top-0.5, x, bot+0.5)
			r.pdf.SetDashPattern([]float64{}, 0)
		}
		// Value labels last, on a white ground, so that the target line never crosses them.
		for _, l := range vls {
			r.label(l.s, lab, l.x+0.6, l.y, AlignLeft, &white)
		}
		r.y = bot + axisH + 1
		r.emit("chart", i, top-axisH, r.y)
		i += k
		if i < n {
			r.newPage(r.landscape)
		}
	}
	r.drawLegend(g)
	r.drawNote(g)
}

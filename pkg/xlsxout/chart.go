package xlsxout

import (
	"math"
	"strconv"
	"strings"

	"github.com/vdhv/vdhv/pkg/pdfdoc"
	"github.com/xuri/excelize/v2"
)

// chartSeries is one series as written to the data block.
type chartSeries struct {
	name   string
	values []float64
	line   bool
	right  bool
	target bool
	col    int // 0-based column of its values
}

// chart writes c's data block at st.row (categories in column A, one column per series,
// the target as a constant column) and a native Excel chart to its right referencing it:
// bars as a clustered column chart on the primary axis, lines as line charts (on the
// secondary axis for AxisRight), the target as a dashed line on the primary axis.
func (w *writer) chart(st *sheetState, c *pdfdoc.Chart) error {
	nCat := len(c.Categories)
	var ss []chartSeries
	for _, s := range c.Series {
		vals := make([]float64, nCat)
		for i := range vals {
			vals[i] = math.NaN()
			if i < len(s.Values) {
				vals[i] = s.Values[i]
			}
		}
		name := s.Name
		if name == "" {
			name = w.t("Chuỗi ", "Series ") + strconv.Itoa(len(ss)+1)
		}
		ss = append(ss, chartSeries{name: name, values: vals, line: s.Type == pdfdoc.SeriesLine, right: s.Axis == pdfdoc.AxisRight && s.Type == pdfdoc.SeriesLine})
	}
	if c.Target != nil && !math.IsNaN(*c.Target) && !math.IsInf(*c.Target, 0) {
		vals := make([]float64, nCat)
		for i := range vals {
			vals[i] = *c.Target
		}
		name := c.TargetLabel
		if name == "" {
			name = w.t("Mục tiêu", "Target")
		}
		ss = append(ss, chartSeries{name: name, values: vals, line: true, target: true})
	}
	// Data block.
	st.data.width = len(ss) + 1
	head := st.row
	if err := w.str(st, 0, head, w.t("Danh mục", "Category"), styleKey{bold: true, fill: fillHeader, border: true, hAlign: "center", wrap: true}); err != nil {
		return err
	}
	st.fit(0, headerWidth(w.t("Danh mục", "Category")))
	for i := range ss {
		ss[i].col = i + 1
		if err := w.str(st, ss[i].col, head, ss[i].name, styleKey{bold: true, fill: fillHeader, border: true, hAlign: "center", wrap: true}); err != nil {
			return err
		}
		st.fit(ss[i].col, headerWidth(ss[i].name))
	}
	for k, cat := range c.Categories {
		r := head + 1 + k
		if err := w.str(st, 0, r, cat, styleKey{border: true, wrap: true}); err != nil {
			return err
		}
		st.fit(0, textWidth(cat))
		for _, s := range ss {
			v := s.values[k]
			f := w.axisFormat(c.Left.Format, v)
			if s.right {
				f = w.axisFormat(c.Right.Format, v)
			}
			if !math.IsNaN(v) && !math.IsInf(v, 0) {
				if err := w.setNum(st, s.col, r, v, false); err != nil {
					return err
				}
			}
			if err := w.style(st, s.col, r, s.col, r, styleKey{border: true, numFmt: f}); err != nil {
				return err
			}
		}
	}
	dataEnd := head + nCat
	st.row = dataEnd + 1
	if c.Note != "" {
		st.row++
		if err := w.str(st, 0, st.row, c.Note, styleKey{italic: true}); err != nil {
			return err
		}
		st.row++
	}
	if nCat == 0 || len(c.Series) == 0 {
		if err := w.str(st, 0, st.row, w.t("Không có dữ liệu để vẽ biểu đồ.", "No data to chart."), styleKey{italic: true}); err != nil {
			return err
		}
		st.row++
		return nil
	}
	// The chart.
	sheetRef := "'" + strings.ReplaceAll(st.name, "'", "''") + "'!"
	cats := sheetRef + absRange(0, head+1, 0, dataEnd)
	series := func(s chartSeries) excelize.ChartSeries {
		cs := excelize.ChartSeries{
			Name:       sheetRef + absRef(s.col, head),
			Categories: cats,
			Values:     sheetRef + absRange(s.col, head+1, s.col, dataEnd),
		}
		if s.line {
			cs.Line = excelize.LineOptions{Width: 2}
			cs.Marker = excelize.ChartMarker{Symbol: "circle", Size: 5}
			if s.target {
				cs.Line = excelize.LineOptions{Width: 1.5, Dash: excelize.LineDashDash, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"C00000"}}}
				cs.Marker = excelize.ChartMarker{Symbol: "none"}
			}
		}
		return cs
	}
	var bars, left, right []excelize.ChartSeries
	for _, s := range ss {
		switch {
		case !s.line:
			bars = append(bars, series(s))
		case s.right:
			right = append(right, series(s))
		default:
			left = append(left, series(s))
		}
	}
	leftFmt, rightFmt := w.axisNumFmt(c.Left.Format), w.axisNumFmt(c.Right.Format)
	width := uint(min(1600, max(640, 70*nCat+240)))
	base := func(t excelize.ChartType, s []excelize.ChartSeries) *excelize.Chart {
		vary := false
		return &excelize.Chart{Type: t, Series: s, VaryColors: &vary}
	}
	var charts []*excelize.Chart
	if len(bars) > 0 {
		charts = append(charts, base(excelize.Col, bars))
	}
	if len(left) > 0 {
		charts = append(charts, base(excelize.Line, left))
	}
	if len(right) > 0 {
		ch := base(excelize.Line, right)
		if len(charts) > 0 {
			ch.YAxis = excelize.ChartAxis{Secondary: true, NumFmt: rightFmt, Title: axisTitle(c.Right.Title)}
		} else {
			ch.YAxis = excelize.ChartAxis{NumFmt: rightFmt, Title: axisTitle(c.Right.Title)}
		}
		charts = append(charts, ch)
	}
	primary := charts[0]
	if len(bars) == 0 && len(left) == 0 { // only right-axis lines: they use the primary axis
		primary.YAxis = excelize.ChartAxis{NumFmt: rightFmt, MajorGridLines: true, Title: axisTitle(c.Right.Title)}
	} else {
		primary.YAxis = excelize.ChartAxis{NumFmt: leftFmt, MajorGridLines: true, Title: axisTitle(c.Left.Title)}
	}
	if len(bars) > 0 {
		gap := uint(80)
		primary.GapWidth = &gap
	}
	primary.Dimension = excelize.ChartDimension{Width: width, Height: chartHeightPx}
	primary.Legend = excelize.ChartLegend{Position: "bottom"}
	primary.ShowBlanksAs = "gap"
	if c.Title != "" {
		primary.Title = excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: clean(c.Title), Font: &excelize.Font{Bold: true, Size: 12}}}}
	}
	primary.XAxis = excelize.ChartAxis{Font: excelize.Font{Size: 9}}
	anchor := ref(len(ss)+2, head)
	st.charts++
	if err := w.f.AddChart(st.name, anchor, primary, charts[1:]...); err != nil {
		return w.wrap(st.name, err)
	}
	st.row = max(st.row, head+chartRows+1)
	return nil
}

func axisTitle(s string) excelize.ChartTitle {
	if s == "" {
		return excelize.ChartTitle{}
	}
	return excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: clean(s)}}}
}

// axisFormat is the number format of a data cell on an axis of format f.
func (w *writer) axisFormat(f pdfdoc.ValueFormat, v float64) string {
	switch f {
	case pdfdoc.FormatPercent:
		return fmtPercent
	case pdfdoc.FormatMoney:
		if !integral(v) && !math.IsNaN(v) {
			return fmtDecimal
		}
	}
	return fmtInt
}

// axisNumFmt is the tick format of an axis.
func (w *writer) axisNumFmt(f pdfdoc.ValueFormat) excelize.ChartNumFmt {
	if f == pdfdoc.FormatPercent {
		return excelize.ChartNumFmt{CustomNumFmt: "0%"}
	}
	return excelize.ChartNumFmt{CustomNumFmt: fmtInt}
}

// absRef is "$B$4" for 0-based column 1, row 4.
func absRef(col, row int) string {
	name, err := excelize.ColumnNumberToName(col + 1)
	if err != nil {
		name = "A"
	}
	return "$" + name + "$" + strconv.Itoa(row)
}

func absRange(c1, r1, c2, r2 int) string { return absRef(c1, r1) + ":" + absRef(c2, r2) }

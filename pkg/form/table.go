package form

import (
	"errors"
	"strconv"
	"strings"

	"github.com/vdhv/vdhv/pkg/finding"
	"github.com/vdhv/vdhv/pkg/vntext"
	"github.com/vdhv/vdhv/pkg/xlsxread"
)

// HeaderSearchRows: the header row is looked for among this many first rows.
const HeaderSearchRows = 15

var errStop = errors.New("stop")

// tableRow is one data row of a table sheet, cells indexed like the sheet's columns.
type tableRow struct {
	num    int
	cells  []*xlsxread.Cell
	cols   []Column
	colPos []int // sheet column of each schema column (0 when absent)
	sheet  string
}

func (t *tableRow) cell(key string) *xlsxread.Cell {
	for i := range t.cols {
		if t.cols[i].Key == key {
			return t.cells[i]
		}
	}
	return nil
}

func (t *tableRow) at(key string) cellCtx {
	for i := range t.cols {
		if t.cols[i].Key == key {
			col := 0
			if i < len(t.colPos) {
				col = t.colPos[i]
			}
			return cellCtx{sheet: t.sheet, ref: refOrRow(col, t.num), column: t.cols[i].Header}
		}
	}
	return cellCtx{sheet: t.sheet}
}

func refOrRow(col, row int) string {
	if col == 0 {
		return strconv.Itoa(row) + ":" + strconv.Itoa(row)
	}
	return xlsxread.CellName(col, row)
}

// isTotalsLabel: `Tổng cộng`, `Cộng` or `Tổng` (text rules, a trailing colon allowed).
func isTotalsLabel(s string) bool {
	switch vntext.Fold(strings.TrimRight(vntext.Clean(s), " :")) {
	case "tổng cộng", "cộng", "tổng":
		return true
	}
	return false
}

// readTable streams one table sheet, calling the sheet's row handler for each data row.
func (r *reader) readTable(s *Sheet) {
	name, ok := r.sheets[s.Name]
	if !ok {
		return
	}
	cols := ColumnsFor(s, r.rollup)
	foldedHeader := make(map[string]int, len(cols))
	for i, c := range cols {
		foldedHeader[vntext.Fold(c.Header)] = i
	}
	keyFold := vntext.Fold(s.KeyHeader)
	rollupFold := vntext.Fold(HeaderReportingUnit)

	var (
		headerRow int
		colIndex  = map[int]int{} // sheet column -> index in cols
		colPos    = make([]int, len(cols))
		sums      = map[string]int64{}
		dataRows  []int
		cellsBuf  = make([]xlsxread.Cell, len(cols))
	)
	handler := r.rowHandler(s)
	err := r.wb.Rows(name, func(row xlsxread.Row) error {
		if headerRow == 0 {
			if row.Num > HeaderSearchRows {
				return errStop
			}
			isHeader := false
			for _, c := range row.Cells {
				if c.Type == xlsxread.CellString && vntext.Fold(c.Value) == keyFold {
					isHeader = true
					break
				}
			}
			if !isHeader {
				return nil
			}
			headerRow = row.Num
			seen := map[int]string{}
			for _, c := range row.Cells {
				if c.Type != xlsxread.CellString {
					continue
				}
				h := vntext.Clean(c.Value)
				if h == "" {
					continue
				}
				f := vntext.Fold(h)
				i, known := foldedHeader[f]
				ref := xlsxread.CellName(c.Col, row.Num)
				switch {
				case !known && f == rollupFold:
					r.add(finding.RuleRollupColumnInUnitFile, cellCtx{sheet: name, ref: ref}, h)
				case !known:
					r.add(finding.RuleColumnExtra, cellCtx{sheet: name, ref: ref}, "", "column", h)
				case seen[i] != "":
					r.add(finding.RuleColumnDuplicate, cellCtx{sheet: name, ref: ref}, "", "column", cols[i].Header, "first", seen[i])
				default:
					seen[i] = ref
					colIndex[c.Col] = i
					colPos[i] = c.Col
				}
			}
			missing := false
			for i, c := range cols {
				if c.Required && seen[i] == "" {
					r.add(finding.RuleColumnMissing, cellCtx{sheet: name, ref: xlsxread.CellName(1, row.Num)}, "", "column", c.Header)
					missing = true
				}
			}
			if missing {
				return errStop
			}
			return nil
		}
		// A data row, a totals row or an empty row.
		tr := tableRow{num: row.Num, cells: make([]*xlsxread.Cell, len(cols)), cols: cols, colPos: colPos, sheet: name}
		firstText := ""
		firstSeen := false
		content := false
		for _, c := range row.Cells {
			if !firstSeen && !isEmpty(&c) {
				firstSeen = true
				if c.Type == xlsxread.CellString {
					firstText = c.Value
				}
			}
			i, ok := colIndex[c.Col]
			if !ok {
				continue
			}
			cellsBuf[i] = c
			tr.cells[i] = &cellsBuf[i]
			if cols[i].Key != ColSTT && !isEmpty(&c) {
				content = true
			}
		}
		defer func() {
			for i := range cellsBuf {
				cellsBuf[i] = xlsxread.Cell{}
			}
		}()
		if firstSeen && isTotalsLabel(firstText) {
			r.checkTotals(s, &tr, sums)
			return nil
		}
		if !content {
			return nil
		}
		dataRows = append(dataRows, row.Num)
		vals := handler(&tr)
		for k, v := range vals {
			sums[k] += v
		}
		return nil
	})
	if err != nil && err != errStop {
		r.sheetErr(name, err)
		return
	}
	if headerRow == 0 {
		r.add(finding.RuleHeaderNotFound, cellCtx{sheet: name}, "", "key", s.KeyHeader)
		return
	}
	r.checkMerges(name, dataRows)
}

// checkTotals compares a totals row's figures with the sums of the data rows above it.
func (r *reader) checkTotals(s *Sheet, tr *tableRow, sums map[string]int64) {
	for _, key := range s.SumKeys {
		c := tr.cell(key)
		if isEmpty(c) {
			continue
		}
		col := s.Column(key)
		scale := 0
		if col.Type == TypeMoney {
			scale = 3
		}
		// Parse quietly: a totals row is not data.
		saved := len(r.res.Findings)
		v, ok := r.scaled(c, tr.at(key), scale)
		r.res.Findings = r.res.Findings[:saved]
		if ok && v != sums[key] {
			r.add(finding.RuleTotalsMismatch, tr.at(key), formatScaled(v, scale), "sum", formatScaled(sums[key], scale))
		}
	}
}

func formatScaled(v int64, scale int) string {
	if scale == 3 {
		return FormatMoneyVN(Money(v))
	}
	return FormatIntVN(v)
}

// checkMerges warns about merged ranges spanning more than one data row.
func (r *reader) checkMerges(sheet string, dataRows []int) {
	if len(dataRows) == 0 {
		return
	}
	ranges, err := r.wb.MergedCells(sheet)
	if err != nil {
		return
	}
	isData := make(map[int]bool, len(dataRows))
	for _, n := range dataRows {
		isData[n] = true
	}
	for _, rg := range ranges {
		a, b, ok := strings.Cut(rg, ":")
		if !ok {
			continue
		}
		r1, r2 := refRow(a), refRow(b)
		if r1 <= 0 || r2 <= r1 {
			continue
		}
		for n := r1; n <= r2; n++ {
			if isData[n] {
				r.add(finding.RuleMergedData, cellCtx{sheet: sheet, ref: a}, "", "range", rg)
				break
			}
		}
	}
}

func refRow(ref string) int {
	i := strings.IndexFunc(ref, func(c rune) bool { return c >= '0' && c <= '9' })
	if i < 0 {
		return 0
	}
	n, _ := strconv.Atoi(ref[i:])
	return n
}

// FormatIntVN writes 1234567 as "1.234.567".
func FormatIntVN(v int64) string {
	neg := v < 0
	if neg {
		v = -v
	}
	s := FormatDecimalVN(Decimal{Int: strconv.FormatInt(v, 10)}, -1)
	if neg {
		return "-" + s
	}
	return s
}

// FormatMoneyVN writes an amount in triệu đồng Vietnamese-style ("1.234,5").
func FormatMoneyVN(m Money) string {
	neg := m < 0
	if neg {
		m = -m
	}
	frac := strings.TrimRight(strconv.FormatInt(1000+int64(m)%1000, 10)[1:], "0")
	s := FormatDecimalVN(Decimal{Int: strconv.FormatInt(int64(m)/1000, 10), Frac: frac}, -1)
	if neg {
		return "-" + s
	}
	return s
}

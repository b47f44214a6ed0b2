package xlsxread

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// CellType is the type of a cell's value as stored in the file.
type CellType int

const (
	CellEmpty  CellType = iota
	CellNumber          // t absent or "n": Value is the number as written ("45123.5", "1E-3")
	CellString          // shared string (t="s"), inline string (t="inlineStr") or formula string (t="str")
	CellBool            // t="b": Value "1" or "0"
	CellError           // t="e": Value is the error text ("#DIV/0!")
	CellDate            // t="d": Value is ISO 8601 text
)

func (t CellType) String() string {
	switch t {
	case CellNumber:
		return "number"
	case CellString:
		return "string"
	case CellBool:
		return "bool"
	case CellError:
		return "error"
	case CellDate:
		return "date"
	default:
		return "empty"
	}
}

// Cell is one non-empty cell of a row.
type Cell struct {
	Col      int      // 1-based column number
	Type     CellType // from the t attribute, also for a formula without a cached value
	Value    string   // raw text (see CellType); "" when HasValue is false
	Formula  string   // formula text without '=', "" if the cell has no <f>
	Shared   bool     // the formula is shared: Formula is the master cell's text, not adjusted to this cell
	HasValue bool     // false when a formula cell has no cached <v>
	Style    int      // index into cellXfs (the s attribute), 0 by default
}

// Ref returns the cell's A1 name in the given row: "F7".
func (c Cell) Ref(row int) string { return CellName(c.Col, row) }

// Row is one row that has at least one non-empty cell.
type Row struct {
	Num   int    // 1-based row number
	Cells []Cell // non-empty cells only, ascending Col
}

type span struct{ start, end int }

type pendingCell struct {
	v, f       span
	vDirect    bool // value is vs, not a span of the row buffer
	fDirect    bool // formula is fs
	vs, fs     string
	hasV, hasF bool
}

// sheetReader holds the state of one pass over a worksheet part.
type sheetReader struct {
	wb         *Workbook
	sheet      string
	part       string
	fn         func(Row) error
	mergesOnly bool
	userErr    error

	sdLevel int // level of <sheetData>, 0 when outside

	// row state
	rowLevel    int
	rowNum      int
	lastRow     int
	rowImplicit bool
	prevCol     int
	buf         []byte
	cells       []Cell
	pend        []pendingCell

	// cell state
	cellLevel int
	cell      Cell
	typ       byte
	pc        pendingCell
	fShared   bool
	fSI       int
	fMaster   bool
	isLevel   int
	isStart   int
	rPhLevel  int
	hasIS     bool
	is        span

	sharedF map[int]string

	inMerge bool
	merges  []string

	cellQName []byte // prefixed cell element name, see cellName
}

// Rows streams the named sheet's rows in order, calling fn for each row that
// has a non-empty cell. fn must not retain row.Cells (the slice is reused);
// the strings in it may be kept. A non-nil error from fn stops the pass and
// is returned unchanged.
func (wb *Workbook) Rows(sheet string, fn func(Row) error) error {
	e, err := wb.findSheet(sheet)
	if err != nil {
		return err
	}
	if fn == nil {
		fn = func(Row) error { return nil }
	}
	sr := &sheetReader{wb: wb, sheet: sheet, part: e.part, fn: fn}
	if err := sr.run(); err != nil {
		return err
	}
	e.merges, e.mergesKnown = sr.merges, true
	return nil
}

// MergedCells returns the merged ranges of the sheet ("A1:B3"), in file
// order. It needs a pass over the sheet unless Rows already read it whole.
func (wb *Workbook) MergedCells(sheet string) ([]string, error) {
	e, err := wb.findSheet(sheet)
	if err != nil {
		return nil, err
	}
	if !e.mergesKnown {
		sr := &sheetReader{wb: wb, sheet: sheet, part: e.part, mergesOnly: true}
		if err := sr.run(); err != nil {
			return nil, err
		}
		e.merges, e.mergesKnown = sr.merges, true
	}
	return append([]string(nil), e.merges...), nil
}

var errStop = errors.New("stop")

func (sr *sheetReader) run() error {
	if sr.part == "" {
		return &FormatError{Kind: KindXLSX, Detail: fmt.Sprintf("sheet %q has no part", sr.sheet)}
	}
	err := sr.wb.parsePart(sr.part, sr.sheet, sr.token)
	if sr.userErr != nil {
		return sr.userErr
	}
	return err
}

func (sr *sheetReader) formatErr(format string, args ...any) error {
	return &FormatError{Kind: KindXLSX, Detail: fmt.Sprintf("sheet %q: ", sr.sheet) + fmt.Sprintf(format, args...)}
}

func (sr *sheetReader) token(sc *scanner, k tokKind) error {
	if sr.sdLevel == 0 {
		return sr.outsideData(sc, k)
	}
	if k == tokEnd {
		return sr.end(sc)
	}
	return sr.start(sc)
}

func (sr *sheetReader) outsideData(sc *scanner, k tokKind) error {
	switch string(sc.name) {
	case "sheetData":
		if k == tokStart && sc.level == 2 {
			sr.sdLevel = sc.level
		}
	case "mergeCells":
		if sc.level == 2 {
			sr.inMerge = k == tokStart
		}
	case "mergeCell":
		if k == tokStart && sr.inMerge && sc.level == 3 {
			ref, _, err := sc.attrString("ref")
			if err != nil {
				return err
			}
			if ref != "" {
				sr.merges = append(sr.merges, strings.ToValidUTF8(ref, "?"))
			}
		}
	}
	return nil
}

func (sr *sheetReader) start(sc *scanner) error {
	if sr.mergesOnly {
		return nil
	}
	lvl := sc.level
	switch {
	case sr.rowLevel == 0:
		if lvl == sr.sdLevel+1 && string(sc.name) == "row" {
			if err := sr.startRow(sc); err != nil {
				return err
			}
			// A row of empty (styled) cells holds nothing to read: skip to its end tag.
			if !plainReading {
				sc.skipEmptyChildren(sr.cellName(sc))
			}
			return nil
		}
	case sr.cellLevel == 0:
		if lvl == sr.rowLevel+1 && string(sc.name) == "c" {
			return sr.startCell(sc)
		}
	case sr.isLevel != 0:
		switch string(sc.name) {
		case "rPh":
			if sr.rPhLevel == 0 {
				sr.rPhLevel = lvl
			}
		case "t":
			if sr.rPhLevel == 0 {
				before := len(sr.buf)
				if err := sr.readText(sc, sr.isStart); err != nil {
					return err
				}
				d := decodeXEscapes(sr.buf[before:])
				sr.buf = sr.buf[:before+len(d)]
			}
		}
	case lvl == sr.cellLevel+1:
		switch string(sc.name) {
		case "v":
			start := len(sr.buf)
			if err := sr.readText(sc, start); err != nil {
				return err
			}
			if sr.typ == 'S' || sr.typ == 'i' {
				d := decodeXEscapes(sr.buf[start:])
				sr.buf = sr.buf[:start+len(d)]
			}
			sr.pc.v = span{start, len(sr.buf)}
			sr.pc.hasV = true
		case "f":
			if t, ok := sc.attr("t"); ok && string(t) == "shared" {
				sr.fShared = true
				if si, ok := sc.attr("si"); ok {
					if n, ok := atoiAttr(si); ok {
						sr.fSI = n
					}
				}
			}
			start := len(sr.buf)
			if err := sr.readText(sc, start); err != nil {
				return err
			}
			sr.pc.f = span{start, len(sr.buf)}
			sr.pc.hasF = true
		case "is":
			sr.isLevel = lvl
			sr.isStart = len(sr.buf)
		}
	}
	return nil
}

func (sr *sheetReader) readText(sc *scanner, start int) error {
	var err error
	sr.buf, err = sc.readText(sr.buf, start+sr.wb.lim.MaxCellBytes)
	if err == errTextTooLong {
		return &LimitError{What: "cell", Limit: int64(sr.wb.lim.MaxCellBytes), Cell: CellName(sr.cell.Col, sr.rowNum)}
	}
	return err
}

func (sr *sheetReader) startRow(sc *scanner) error {
	sr.rowLevel = sc.level
	sr.buf = sr.buf[:0]
	sr.cells = sr.cells[:0]
	sr.pend = sr.pend[:0]
	sr.prevCol = 0
	if v, ok := sc.attr("r"); ok {
		n, ok := atoiAttr(v)
		if !ok || n < 1 || n > maxExcelRows {
			return sr.formatErr("invalid row number %q", truncate(v))
		}
		if n <= sr.lastRow {
			return sr.formatErr("row %d comes after row %d", n, sr.lastRow)
		}
		sr.rowNum, sr.rowImplicit = n, false
	} else {
		sr.rowNum, sr.rowImplicit = sr.lastRow+1, true
		if sr.rowNum > maxExcelRows {
			return sr.formatErr("more than %d rows", maxExcelRows)
		}
	}
	return nil
}

// cellName is the qualified name of a cell element in this sheet: "c", or "x:c" when
// the rows are prefixed "x:row".
func (sr *sheetReader) cellName(sc *scanner) []byte {
	top := sc.topName()
	if len(top) == 3 {
		return cellC
	}
	if sr.cellQName == nil {
		sr.cellQName = append(append([]byte(nil), top[:len(top)-len("row")]...), 'c')
	}
	return sr.cellQName
}

var cellC = []byte("c")

func truncate(b []byte) string {
	if len(b) > 20 {
		return string(b[:20]) + "…"
	}
	return string(b)
}

func (sr *sheetReader) startCell(sc *scanner) error {
	sr.cellLevel = sc.level
	sr.cell = Cell{}
	sr.pc = pendingCell{}
	sr.fShared, sr.fSI, sr.isLevel, sr.rPhLevel, sr.hasIS = false, -1, 0, 0, false
	col := sr.prevCol + 1
	if v, ok := sc.attr("r"); ok {
		c, r, ok := parseRef(bytes.TrimSpace(v))
		if !ok {
			return sr.formatErr("invalid cell reference %q", truncate(v))
		}
		if r > 0 && sr.rowImplicit && sr.prevCol == 0 && r > sr.lastRow {
			sr.rowNum = r
		}
		col = c
	}
	sr.rowImplicit = false
	if col <= sr.prevCol {
		return sr.formatErr("cell %s comes after column %s in row %d", CellName(col, sr.rowNum), ColumnLetter(sr.prevCol), sr.rowNum)
	}
	if col > maxExcelCols {
		return sr.formatErr("more than %d columns in row %d", maxExcelCols, sr.rowNum)
	}
	sr.prevCol = col
	sr.cell.Col = col
	sr.typ = 'n'
	if t, ok := sc.attr("t"); ok {
		switch string(t) {
		case "", "n":
		case "s":
			sr.typ = 's'
		case "str":
			sr.typ = 'S'
		case "inlineStr":
			sr.typ = 'i'
		case "b":
			sr.typ = 'b'
		case "e":
			sr.typ = 'e'
		case "d":
			sr.typ = 'd'
		default:
			return sr.formatErr("cell %s has unknown type %q", CellName(col, sr.rowNum), truncate(t))
		}
	}
	if s, ok := sc.attr("s"); ok {
		n, ok := atoiAttr(s)
		if !ok {
			return sr.formatErr("cell %s has invalid style %q", CellName(col, sr.rowNum), truncate(s))
		}
		sr.cell.Style = n
	}
	return nil
}

func (sr *sheetReader) end(sc *scanner) error {
	lvl := sc.level
	switch {
	case lvl == sr.sdLevel:
		sr.sdLevel = 0
	case sr.mergesOnly:
	case lvl == sr.rowLevel:
		return sr.endRow()
	case lvl == sr.cellLevel:
		return sr.endCell()
	case lvl == sr.isLevel:
		sr.is = span{sr.isStart, len(sr.buf)}
		sr.hasIS = true
		sr.isLevel = 0
	case lvl == sr.rPhLevel:
		sr.rPhLevel = 0
	}
	return nil
}

func trimSpan(b []byte, s span) span {
	for s.start < s.end && isSpace(b[s.start]) {
		s.start++
	}
	for s.end > s.start && isSpace(b[s.end-1]) {
		s.end--
	}
	return s
}

func (sr *sheetReader) endCell() error {
	sr.cellLevel = 0
	pc := &sr.pc
	c := &sr.cell
	// Shared formula: remember the master's text, give it to the others.
	if pc.hasF && sr.fShared {
		c.Shared = true
		if pc.f.end > pc.f.start {
			if sr.fSI >= 0 {
				if sr.sharedF == nil {
					sr.sharedF = make(map[int]string)
				}
				sr.sharedF[sr.fSI] = strings.ToValidUTF8(string(sr.buf[pc.f.start:pc.f.end]), "?")
			}
		} else if sr.fSI >= 0 {
			pc.fs, pc.fDirect = sr.sharedF[sr.fSI], true
		}
	}
	switch sr.typ {
	case 'n', 's', 'b', 'e', 'd':
		if pc.hasV {
			pc.v = trimSpan(sr.buf, pc.v)
			pc.hasV = pc.v.end > pc.v.start
		}
	case 'i':
		if sr.hasIS {
			pc.v, pc.hasV = sr.is, true
		}
	}
	if !pc.hasV && !pc.hasF {
		return nil // empty cell (possibly styled)
	}
	switch sr.typ {
	case 'n':
		c.Type = CellNumber
	case 's', 'S', 'i':
		c.Type = CellString
	case 'b':
		c.Type = CellBool
	case 'e':
		c.Type = CellError
	case 'd':
		c.Type = CellDate
	}
	if pc.hasV {
		c.HasValue = true
		switch sr.typ {
		case 's':
			idx, ok := atoiAttr(sr.buf[pc.v.start:pc.v.end])
			if !ok {
				return sr.formatErr("cell %s: invalid shared string index %q", c.Ref(sr.rowNum), truncate(sr.buf[pc.v.start:pc.v.end]))
			}
			sst, err := sr.wb.sharedStrings()
			if err != nil {
				return err
			}
			s, ok, err := sst.get(idx)
			if err != nil {
				return err
			}
			if !ok {
				return sr.formatErr("cell %s: shared string index %d out of range", c.Ref(sr.rowNum), idx)
			}
			pc.vs, pc.vDirect = s, true
		case 'b':
			switch string(sr.buf[pc.v.start:pc.v.end]) {
			case "1", "true", "TRUE", "True":
				pc.vs, pc.vDirect = "1", true
			case "0", "false", "FALSE", "False":
				pc.vs, pc.vDirect = "0", true
			}
		}
		if !pc.hasF && c.Type == CellString {
			if (pc.vDirect && pc.vs == "") || (!pc.vDirect && pc.v.end == pc.v.start) {
				return nil // empty text: treated as an empty cell
			}
		}
	}
	if sr.rowNum > sr.wb.lim.MaxRows {
		return &LimitError{What: "rows", Limit: int64(sr.wb.lim.MaxRows), Cell: c.Ref(sr.rowNum)}
	}
	if c.Col > sr.wb.lim.MaxCols {
		return &LimitError{What: "cols", Limit: int64(sr.wb.lim.MaxCols), Cell: c.Ref(sr.rowNum)}
	}
	sr.cells = append(sr.cells, *c)
	sr.pend = append(sr.pend, *pc)
	return nil
}

func (sr *sheetReader) endRow() error {
	sr.rowLevel = 0
	sr.lastRow = sr.rowNum
	if len(sr.cells) == 0 {
		return nil
	}
	if !utf8.Valid(sr.buf) {
		sanitizeUTF8(sr.buf)
	}
	all := string(sr.buf) // one allocation per row for all values and formulas
	for i := range sr.cells {
		p := &sr.pend[i]
		c := &sr.cells[i]
		if p.hasV {
			if p.vDirect {
				c.Value = p.vs
			} else {
				c.Value = all[p.v.start:p.v.end]
			}
		}
		if p.hasF {
			if p.fDirect {
				c.Formula = p.fs
			} else {
				c.Formula = all[p.f.start:p.f.end]
			}
		}
	}
	if err := sr.fn(Row{Num: sr.rowNum, Cells: sr.cells}); err != nil {
		sr.userErr = err
		return errStop
	}
	return nil
}

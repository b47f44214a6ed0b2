package xlsxout

import (
	"bytes"
	"encoding/xml"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"
)

// The cells are not set through excelize (a lock, a formula-cache clear and a row lookup
// per cell, then encoding/xml's reflection over every cell when the file is written, were
// most of the time of a national workbook). Each worksheet's cells are kept here and its
// <sheetData> element is written directly, byte for byte as excelize would write the same
// cells (see pkg.go); so is the shared string table. Everything else (styles, merges,
// column widths, panes, outline settings, charts, document properties) still goes
// through excelize.

// Cell kinds.
const (
	kindStyle = iota // no value, only a style
	kindString
	kindInt
	kindFloat
)

// xcell is one cell of a worksheet: a shared string (sst), a number (v) or only a style.
type xcell struct {
	col   int32 // 0-based
	style int32
	sst   int32
	kind  uint8
	v     float64
}

// xrow is one row of a worksheet: its cells in column order and its outline level.
type xrow struct {
	cells []xcell
	level uint8
}

// sheetData is the content of one worksheet's <sheetData>.
type sheetData struct {
	rows  []xrow // rows[i] is row i+1
	width int    // the cells a new row makes room for (the table's columns)
	slab  []xcell
	cells int
}

// outOfRange is the error for a cell beyond Excel's limits.
func outOfRange(sheet string) error {
	return invalid(sheet, "the sheet has more rows or columns than Excel allows",
		"trang tính có nhiều dòng hoặc cột hơn giới hạn của Excel")
}

// at returns the cell at 0-based col and 1-based row, adding it if needed; nil if the
// cell is beyond Excel's limits.
func (d *sheetData) at(col, row int) *xcell {
	if col < 0 || col >= excelize.MaxColumns || row < 1 || row > excelize.TotalRows {
		return nil
	}
	for len(d.rows) < row {
		d.rows = append(d.rows, xrow{})
	}
	r := &d.rows[row-1]
	if r.cells == nil { // room for a row of the table, carved from a shared slab
		k := max(d.width, 1)
		if len(d.slab) < k {
			d.slab = make([]xcell, max(k, 4096))
		}
		r.cells, d.slab = d.slab[:0:k], d.slab[k:]
	}
	d.cells++
	n := len(r.cells)
	if n == 0 || int(r.cells[n-1].col) < col { // the usual case: left to right
		r.cells = append(r.cells, xcell{col: int32(col)})
		return &r.cells[n]
	}
	i := 0
	for i < n && int(r.cells[i].col) < col {
		i++
	}
	if int(r.cells[i].col) == col {
		d.cells--
		return &r.cells[i]
	}
	r.cells = append(r.cells, xcell{})
	copy(r.cells[i+1:], r.cells[i:])
	r.cells[i] = xcell{col: int32(col)}
	return &r.cells[i]
}

// level sets the outline level of a row.
func (d *sheetData) level(row int, lvl uint8) bool {
	if row < 1 || row > excelize.TotalRows {
		return false
	}
	for len(d.rows) < row {
		d.rows = append(d.rows, xrow{})
	}
	d.rows[row-1].level = lvl
	return true
}

// sst is the shared string table, in first-use order. It follows excelize's
// setCellString/setSharedString exactly (truncation to Excel's cell limit; the text
// stored as given but the index keyed by its bstrMarshal'd form, so that a text
// containing "_xHHHH_" is stored again at each use), so that the table and the indices
// are those excelize would have written.
type sst struct {
	items []sstItem
	index map[string]int
}

type sstItem struct {
	text     string
	preserve bool // xml:space="preserve"
}

// add returns the index of s in the table, adding it if needed.
func (t *sst) add(s string) int {
	if len(s) > excelize.TotalCellChars && countUTF16(s) > excelize.TotalCellChars {
		s = truncateUTF16(s, excelize.TotalCellChars)
	}
	if i, ok := t.index[s]; ok {
		return i
	}
	if t.index == nil {
		t.index = map[string]int{}
	}
	it := sstItem{text: s}
	if s != "" {
		for _, c := range []byte{s[0], s[len(s)-1]} {
			if c == '\t' || c == '\n' || c == '\r' || c == ' ' {
				it.preserve = true
			}
		}
	}
	t.items = append(t.items, it)
	t.index[bstrMarshal(s)] = len(t.items) - 1
	return len(t.items) - 1
}

// xml is the xl/sharedStrings.xml part as excelize writes it.
func (t *sst) xml() []byte {
	var b bytes.Buffer
	n := strconv.Itoa(len(t.items))
	b.WriteString(xml.Header)
	b.WriteString(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="` + n + `" uniqueCount="` + n + `">`)
	for _, it := range t.items {
		if it.preserve {
			b.WriteString(`<si><t xml:space="preserve">`)
		} else {
			b.WriteString(`<si><t>`)
		}
		escapeText(&b, it.text)
		b.WriteString(`</t></si>`)
	}
	b.WriteString(`</sst>`)
	return b.Bytes()
}

// escapeText writes s escaped as encoding/xml escapes character data.
func escapeText(b *bytes.Buffer, s string) {
	plain := true
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"', c == '\'', c == '&', c == '<', c == '>', c < 0x20, c >= 0x80:
			plain = false
		}
		if !plain {
			break
		}
	}
	if plain {
		b.WriteString(s)
		return
	}
	_ = xml.EscapeText(b, []byte(s))
}

// countUTF16 is the length of s in UTF-16 code units.
func countUTF16(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// truncateUTF16 cuts s to at most n UTF-16 code units (whole runes), as excelize does.
func truncateUTF16(s string, n int) string {
	cnt := 0
	for i, r := range s {
		if cnt += utf16.RuneLen(r); cnt > n {
			return s[:i]
		}
	}
	return s
}

var (
	bstrExp       = regexp.MustCompile(`_x[a-fA-F\d]{4}_`)
	bstrEscapeExp = regexp.MustCompile(`x[a-fA-F\d]{4}_`)
)

// bstrMarshal is excelize's (lib.go, BSD-3-Clause): it escapes what Excel would decode
// as an escaped character.
func bstrMarshal(s string) (result string) {
	if !strings.Contains(s, "_x") {
		return s
	}
	matches, l, cursor := bstrExp.FindAllStringSubmatchIndex(s, -1), len(s), 0
	for _, match := range matches {
		result += s[cursor:match[0]]
		subStr := s[match[0]:match[1]]
		if subStr == "_x005F_" {
			cursor = match[1]
			if match[1]+6 <= l && bstrEscapeExp.MatchString(s[match[1]:match[1]+6]) {
				_, err := strconv.Unquote(`"\u` + s[match[1]+1:match[1]+5] + `"`)
				if err == nil {
					result += subStr + "x005F" + subStr
					continue
				}
			}
			result += subStr + "x005F_"
			continue
		}
		if bstrExp.MatchString(subStr) {
			cursor = match[1]
			if _, err := strconv.Unquote(`"\u` + s[match[0]+2:match[1]-1] + `"`); err == nil {
				result += "_x005F" + subStr
				continue
			}
		}
	}
	if cursor < l {
		result += s[cursor:]
	}
	return result
}

// appendSheetData appends the <sheetData> element of d as excelize writes it: rows in
// order, each with its outline level and its cells in column order; cells without a
// value or a style and rows without cells or a level are left out.
func appendSheetData(b []byte, d *sheetData, cols *colNames) []byte {
	b = slices.Grow(b, 32*len(d.rows)+48*d.cells+32)
	b = append(b, "<sheetData>"...)
	for ri := range d.rows {
		row := &d.rows[ri]
		empty := row.level == 0
		if empty {
			for i := range row.cells {
				if row.cells[i].kind != kindStyle || row.cells[i].style != 0 {
					empty = false
					break
				}
			}
		}
		if empty {
			continue
		}
		rn := ri + 1
		b = append(b, `<row r="`...)
		b = strconv.AppendInt(b, int64(rn), 10)
		b = append(b, '"')
		if row.level > 0 {
			b = append(b, ` outlineLevel="`...)
			b = strconv.AppendInt(b, int64(row.level), 10)
			b = append(b, '"')
		}
		b = append(b, '>')
		for i := range row.cells {
			c := &row.cells[i]
			if c.kind == kindStyle && c.style == 0 {
				continue
			}
			b = append(b, `<c r="`...)
			b = append(b, cols.name(int(c.col))...)
			b = strconv.AppendInt(b, int64(rn), 10)
			b = append(b, '"')
			if c.style != 0 {
				b = append(b, ` s="`...)
				b = strconv.AppendInt(b, int64(c.style), 10)
				b = append(b, '"')
			}
			switch c.kind {
			case kindString:
				b = append(b, ` t="s"><v>`...)
				b = strconv.AppendInt(b, int64(c.sst), 10)
				b = append(b, `</v>`...)
			case kindInt:
				b = append(b, `><v>`...)
				b = strconv.AppendInt(b, int64(c.v), 10)
				b = append(b, `</v>`...)
			case kindFloat:
				b = append(b, `><v>`...)
				b = strconv.AppendFloat(b, c.v, 'f', -1, 64)
				b = append(b, `</v>`...)
			default:
				b = append(b, '>')
			}
			b = append(b, `</c>`...)
		}
		b = append(b, `</row>`...)
	}
	return append(b, "</sheetData>"...)
}

// colNames caches column letters.
type colNames struct{ names []string }

func (c *colNames) name(col int) string {
	for len(c.names) <= col {
		n, err := excelize.ColumnNumberToName(len(c.names) + 1)
		if err != nil { // not reached: cells are within MaxColumns
			n = "A"
		}
		c.names = append(c.names, n)
	}
	return c.names[col]
}

package xlsxread

import "strconv"

// Excel's grid size.
const (
	maxExcelCols = 16384
	maxExcelRows = 1048576
)

// ColumnLetter returns the column name of a 1-based column number (1 -> "A",
// 28 -> "AB", 16384 -> "XFD"), or "" if col < 1.
func ColumnLetter(col int) string {
	if col < 1 {
		return ""
	}
	var b [16]byte
	i := len(b)
	for col > 0 && i > 0 {
		col--
		i--
		b[i] = 'A' + byte(col%26)
		col /= 26
	}
	return string(b[i:])
}

// CellName returns the A1-style name of a cell: CellName(6, 7) == "F7". It
// returns "" if col or row is < 1.
func CellName(col, row int) string {
	if col < 1 || row < 1 {
		return ""
	}
	return ColumnLetter(col) + strconv.Itoa(row)
}

// parseRef parses an A1-style cell reference ("F7", also "F" with row 0).
// Letters may be lower case. ok is false for anything else or outside
// Excel's grid.
func parseRef(b []byte) (col, row int, ok bool) {
	i := 0
	for i < len(b) {
		c := b[i]
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		if c < 'A' || c > 'Z' {
			break
		}
		col = col*26 + int(c-'A'+1)
		if col > maxExcelCols {
			return 0, 0, false
		}
		i++
	}
	if i == 0 {
		return 0, 0, false
	}
	for ; i < len(b); i++ {
		c := b[i]
		if c < '0' || c > '9' {
			return 0, 0, false
		}
		row = row*10 + int(c-'0')
		if row > maxExcelRows {
			return 0, 0, false
		}
	}
	return col, row, true
}

package xlsxread

import (
	"errors"
	"fmt"
	"strings"
)

// FormatError reports a file that is not a readable .xlsx: an unreadable
// type (Kind other than KindXLSX), a corrupt archive (KindCorruptZip), or a
// readable archive with missing or malformed workbook parts (KindXLSX).
type FormatError struct {
	Kind   Kind
	Detail string
}

func (e *FormatError) Error() string {
	var what string
	switch e.Kind {
	case KindXLSX:
		what = "damaged .xlsx workbook"
	case KindXLS:
		what = "legacy Excel 97-2003 (.xls) workbook, not .xlsx"
	case KindEncrypted:
		what = "password-protected workbook"
	case KindXLSB:
		what = "Excel binary (.xlsb) workbook, not .xlsx"
	case KindODS:
		what = "OpenDocument (.ods) spreadsheet, not .xlsx"
	case KindZip:
		what = "zip archive that is not an .xlsx workbook"
	case KindText:
		what = "text file (CSV/HTML/XML), not an .xlsx workbook"
	case KindEmpty:
		what = "empty file"
	case KindCorruptZip:
		what = "truncated or corrupt archive"
	default:
		what = "not a spreadsheet"
	}
	if e.Detail == "" {
		return "xlsxread: " + what
	}
	return "xlsxread: " + what + ": " + e.Detail
}

// LimitError reports that a bound of Limits was hit. What is one of "file",
// "part", "total", "rows", "cols", "cell", "sharedStrings", "depth" or
// "parts". Part, Sheet and Cell locate the problem when known.
type LimitError struct {
	What  string
	Limit int64
	Part  string
	Sheet string
	Cell  string
}

func (e *LimitError) Error() string {
	var b strings.Builder
	b.WriteString("xlsxread: ")
	switch e.What {
	case "file":
		fmt.Fprintf(&b, "file larger than %d bytes", e.Limit)
	case "part":
		fmt.Fprintf(&b, "archive part decompresses to more than %d bytes", e.Limit)
	case "total":
		fmt.Fprintf(&b, "archive decompresses to more than %d bytes in total", e.Limit)
	case "rows":
		fmt.Fprintf(&b, "data beyond row %d", e.Limit)
	case "cols":
		fmt.Fprintf(&b, "data beyond column %d (%s)", e.Limit, ColumnLetter(int(min(e.Limit, 16384))))
	case "cell":
		fmt.Fprintf(&b, "cell text longer than %d bytes", e.Limit)
	case "sharedStrings":
		fmt.Fprintf(&b, "more than %d shared strings", e.Limit)
	case "depth":
		fmt.Fprintf(&b, "XML nested deeper than %d levels", e.Limit)
	case "parts":
		fmt.Fprintf(&b, "archive has more than %d entries", e.Limit)
	default:
		fmt.Fprintf(&b, "%s limit %d exceeded", e.What, e.Limit)
	}
	if e.Part != "" {
		fmt.Fprintf(&b, " (part %s", e.Part)
		if e.Sheet != "" {
			fmt.Fprintf(&b, ", sheet %q", e.Sheet)
		}
		if e.Cell != "" {
			fmt.Fprintf(&b, ", cell %s", e.Cell)
		}
		b.WriteString(")")
	} else if e.Sheet != "" {
		fmt.Fprintf(&b, " (sheet %q", e.Sheet)
		if e.Cell != "" {
			fmt.Fprintf(&b, ", cell %s", e.Cell)
		}
		b.WriteString(")")
	}
	return b.String()
}

// ErrNoSheet is returned (wrapped) by Rows, MergedCells and Calc for a sheet
// name that is not in the workbook.
var ErrNoSheet = errors.New("xlsxread: no such sheet")

// ErrClosed is returned by methods called after Close.
var ErrClosed = errors.New("xlsxread: workbook is closed")

package report

import (
	"io"

	"github.com/vdhv/vdhv/pkg/pdfdoc"
	"github.com/vdhv/vdhv/pkg/tables"
	"github.com/vdhv/vdhv/pkg/xlsxout"
)

// RenderXLSX writes the tables and charts as one workbook: a sheet per table (the two
// charts share one sheet), in the order of tables.Set.All.
func RenderXLSX(w io.Writer, doc *pdfdoc.Document, set *tables.Set, opt WriteOptions) error {
	if set == nil {
		return &Error{Message: "no tables", MessageVI: "không có bảng số liệu"}
	}
	var sheets []xlsxout.Sheet
	for _, n := range set.All() {
		sheets = append(sheets, xlsxout.Sheet{Name: n.Sheet, Table: n.Table, Chart: n.Chart})
	}
	title := ""
	if doc != nil {
		title = docTitle(doc)
	}
	return xlsxout.Write(w, sheets, xlsxout.Options{Created: opt.Created, Title: title, Lang: "vi"})
}

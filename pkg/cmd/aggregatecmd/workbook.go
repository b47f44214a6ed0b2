package aggregatecmd

import (
	"bytes"
	"path/filepath"

	"github.com/vdhv/vdhv/pkg/cmdutil"
	"github.com/vdhv/vdhv/pkg/engine"
	"github.com/vdhv/vdhv/pkg/tables"
	"github.com/vdhv/vdhv/pkg/workspace"
	"github.com/vdhv/vdhv/pkg/xlsxout"
)

// writeWorkbook writes tong-hop-<period>.xlsx: every table behind the figures (the same
// tables the report's appendices and workbook hold) and the two charts. It returns the
// path written.
func writeWorkbook(f *cmdutil.Factory, out *engine.Outcome, ws *workspace.Workspace, dir string) (string, error) {
	set := tables.Build(out, tables.Options{Lang: string(f.Lang), TargetShare: ws.Config.TargetShare, Tree: ws.Units})
	var sheets []xlsxout.Sheet
	for _, n := range set.All() {
		sheets = append(sheets, xlsxout.Sheet{Name: n.Sheet, Table: n.Table, Chart: n.Chart})
	}
	_, last := ws.Config.Windows.PeriodRange(out.Period)
	title := f.T("Tổng hợp kỳ ", "Aggregation ") + out.Period.String()
	var buf bytes.Buffer
	if err := xlsxout.Write(&buf, sheets, xlsxout.Options{Created: f.SourceDate(last), Title: title, Lang: string(f.Lang)}); err != nil {
		return "", cmdutil.Failure(f.T("không lập được bảng tổng hợp", "cannot build the workbook"), err)
	}
	path := filepath.Join(dir, "tong-hop-"+out.Period.String()+".xlsx")
	if err := cmdutil.WriteOutput(path, buf.Bytes()); err != nil {
		return "", cmdutil.Failure(f.T("không ghi được ", "cannot write ")+path, err)
	}
	return path, nil
}

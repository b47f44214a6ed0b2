// Package template implements `vdhv template`: write blank VDHV-01 forms.
package template

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/vdhv/vdhv/pkg/cmdutil"
	"github.com/vdhv/vdhv/pkg/form"
	"github.com/vdhv/vdhv/pkg/period"
	"github.com/vdhv/vdhv/pkg/units"
)

// Options of `vdhv template`.
type Options struct {
	F         *cmdutil.Factory
	Unit      string
	Period    string
	All       bool
	Rollup    bool
	Output    string
	UnitsPath string
}

// NewCmdTemplate builds the command; runF replaces the run function in tests.
func NewCmdTemplate(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	o := &Options{F: f}
	cmd := &cobra.Command{
		Use:   f.T("template --period QUÝ (--unit MÃ | --all)", "template --period QUARTER (--unit CODE | --all)"),
		Short: f.T("Tạo biểu mẫu trắng VDHV-01 cho đơn vị", "Write blank VDHV-01 forms for units"),
		Long: f.T(`Tạo biểu mẫu báo cáo quý (VDHV-01) đã điền sẵn trang «Thông tin» cho một đơn vị (--unit) hoặc cho mọi
đơn vị phải báo cáo trong quý (--all, mỗi đơn vị một tệp MÃ-NĂM-Qn.xlsx trong thư mục -o).
Biểu mẫu có danh sách chọn cho mọi cột danh mục, kiểm tra số và ngày khi nhập, và trang «Hướng dẫn».`,
			`Writes the quarterly form (VDHV-01) with «Thông tin» filled in, for one unit (--unit) or for every
unit that must report in the quarter (--all, one CODE-YEAR-Qn.xlsx per unit in the -o folder).
The form has drop-down lists for every list column, number and date checks on entry, and a
«Hướng dẫn» (instructions) sheet.`),
		Example: f.T(`  vdhv template --unit DU-XD-01 --period 2025-Q3
  vdhv template --all --period 2025-Q3 -o bieu-mau/2025-Q3`,
			`  vdhv template --unit DU-XD-01 --period 2025-Q3
  vdhv template --all --period 2025-Q3 -o forms/2025-Q3`),
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if o.All == (o.Unit != "") {
				return cmdutil.UsageError(f.T("cần đúng một trong --unit MÃ hoặc --all", "give exactly one of --unit CODE or --all"))
			}
			if o.Period == "" {
				return cmdutil.UsageError(f.T("thiếu --period (ví dụ 2025-Q3)", "missing --period (e.g. 2025-Q3)"))
			}
			if runF != nil {
				return runF(o)
			}
			return Run(o)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&o.Unit, "unit", "", f.T("mã đơn vị", "unit code"))
	fl.StringVar(&o.Period, "period", "", f.T("quý báo cáo, ví dụ 2025-Q3", "reporting quarter, e.g. 2025-Q3"))
	fl.BoolVar(&o.All, "all", false, f.T("mọi đơn vị phải báo cáo trong quý", "every unit that reports in the quarter"))
	fl.BoolVar(&o.Rollup, "rollup", false, f.T("biểu mẫu tổng hợp (cho đảng ủy trực thuộc)", "roll-up form (for a đảng ủy trực thuộc)"))
	fl.StringVarP(&o.Output, "output", "o", "", f.T("tệp (với --unit) hoặc thư mục (với --all) để ghi", "file (with --unit) or folder (with --all) to write"))
	fl.StringVar(&o.UnitsPath, "units", "", f.T("tệp danh sách đơn vị (mặc định: units.yaml của thư mục làm việc)", "unit hierarchy file (default: the workspace's units.yaml)"))
	return cmd
}

// Run writes the forms.
func Run(o *Options) error {
	f := o.F
	q, err := period.ParseQuarter(o.Period)
	if err != nil {
		return cmdutil.UsageError(f.T("kỳ không hợp lệ: ", "invalid quarter: ") + o.Period + f.T(" (ví dụ 2025-Q3)", " (e.g. 2025-Q3)"))
	}
	h, err := f.LoadHierarchy(o.UnitsPath)
	if err != nil {
		return err
	}
	wopt := form.WriteOptions{Units: h.Units, Windows: h.Config.Windows}
	if !o.All {
		u := h.Units.Lookup(o.Unit)
		if u == nil {
			return cmdutil.UsageError(fmt.Sprintf(f.T("không có đơn vị %s trong danh sách đơn vị (xem vdhv units list)", "no unit %s in the hierarchy (see vdhv units list)"), o.Unit))
		}
		if !u.ActiveIn(q) {
			return cmdutil.UsageError(fmt.Sprintf(f.T("đơn vị %s không hoạt động trong %s", "unit %s is not active in %s"), u.Code, q))
		}
		path := o.Output
		if path == "" {
			path = fileName(u, q)
		}
		if err := form.WriteFile(path, form.Blank(u, q, o.Rollup), wopt); err != nil {
			return cmdutil.Failure(f.T("không ghi được ", "cannot write ")+path+": "+err.Error(), err)
		}
		fmt.Fprintln(f.IO.Out, path)
		return nil
	}
	dir := o.Output
	if dir == "" {
		dir = "bieu-mau-" + q.String()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return cmdutil.Failure(f.T("không tạo được thư mục ", "cannot create the folder ")+dir, err)
	}
	list := h.Units.Expected(q)
	update, done := f.Progress(f.T("Đang tạo biểu mẫu", "Writing forms"))
	for i, u := range list {
		path := filepath.Join(dir, fileName(u, q))
		if err := form.WriteFile(path, form.Blank(u, q, false), wopt); err != nil {
			done()
			return cmdutil.Failure(f.T("không ghi được ", "cannot write ")+path+": "+err.Error(), err)
		}
		update(i+1, len(list))
	}
	done()
	f.Infof(f.T("Đã tạo %d biểu mẫu trong %s\n", "Wrote %d forms to %s\n"), len(list), dir)
	return nil
}

func fileName(u *units.Unit, q period.Quarter) string {
	return u.Code + "-" + q.String() + ".xlsx"
}

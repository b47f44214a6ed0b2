// Package initcmd implements `vdhv init`: create a workspace.
package initcmd

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/vdhv/vdhv/examples"
	"github.com/vdhv/vdhv/pkg/atomicfile"
	"github.com/vdhv/vdhv/pkg/cmdutil"
	"github.com/vdhv/vdhv/pkg/workspace"
)

// Options of `vdhv init`.
type Options struct {
	F       *cmdutil.Factory
	Dir     string
	Example bool
}

// NewCmdInit builds the command.
func NewCmdInit(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	o := &Options{F: f}
	cmd := &cobra.Command{
		Use:   f.T("init THƯ_MỤC", "init DIR"),
		Short: f.T("Tạo thư mục làm việc mới", "Create a new workspace"),
		Long: f.T(`Tạo thư mục làm việc: vdhv.yaml (cài đặt, có chú thích), units.yaml (danh sách đơn vị mẫu — sửa
lại cho đúng Khối của mình), submissions/<năm>/Q1..Q4/ (nơi lưu tệp đơn vị gửi) và bao-cao/.
Không ghi đè units.yaml đã có.`,
			`Creates a workspace: vdhv.yaml (commented settings), units.yaml (a sample hierarchy — edit it
for your bloc), submissions/<year>/Q1..Q4/ (where received files go) and bao-cao/.
Never overwrites an existing units.yaml.`),
		Example: f.T("  vdhv init khoi-dn\n  cd khoi-dn && vdhv units check\n  vdhv init --example thu-nghiem   # thư mục mẫu có sẵn số liệu để thử",
			"  vdhv init khoi-dn\n  cd khoi-dn && vdhv units check\n  vdhv init --example try-it   # the example workspace with data, to try things"),
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Dir = args[0]
			if runF != nil {
				return runF(o)
			}
			return Run(o)
		},
	}
	cmd.Flags().BoolVar(&o.Example, "example", false, f.T("chép thư mục làm việc mẫu (Khối giả lập, có sẵn báo cáo quý) để thử", "copy the example workspace (a fictional bloc with quarterly reports) to try things"))
	return cmd
}

// Run creates the workspace.
func Run(o *Options) error {
	f := o.F
	if o.Example {
		return runExample(o)
	}
	if err := workspace.Init(o.Dir); err != nil {
		return cmdutil.UsageError(err.Error())
	}
	f.Infof(f.T("Đã tạo thư mục làm việc %s. Bước tiếp theo: sửa %s/units.yaml rồi chạy vdhv -C %s units check\n",
		"Created the workspace %s. Next: edit %s/units.yaml, then run vdhv -C %s units check\n"), o.Dir, o.Dir, o.Dir)
	fmt.Fprintln(f.IO.Out, o.Dir)
	return nil
}

// runExample copies the embedded example workspace into a new (or empty) folder.
func runExample(o *Options) error {
	f := o.F
	if entries, err := os.ReadDir(o.Dir); err == nil && len(entries) > 0 {
		return cmdutil.UsageError(fmt.Sprintf(f.T("thư mục %s đã có nội dung; chọn thư mục mới", "the folder %s is not empty; choose a new one"), o.Dir))
	}
	src := examples.Workspace()
	err := fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		dst := filepath.Join(o.Dir, filepath.FromSlash(p))
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		data, err := fs.ReadFile(src, p)
		if err != nil {
			return err
		}
		return atomicfile.WriteFile(dst, data, 0o644)
	})
	if err != nil {
		return cmdutil.Failure(f.T("không chép được thư mục mẫu", "cannot copy the example"), err)
	}
	f.Infof(f.T("Đã tạo thư mục mẫu %s. Thử: vdhv -C %s status --period 2025-H1; vdhv -C %s report --period 2025-H1\n",
		"Created the example workspace %s. Try: vdhv -C %s status --period 2025-H1; vdhv -C %s report --period 2025-H1\n"), o.Dir, o.Dir, o.Dir)
	fmt.Fprintln(f.IO.Out, o.Dir)
	return nil
}

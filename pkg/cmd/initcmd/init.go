// Package initcmd implements `vdhv init`: create a workspace.
package initcmd

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/vdhv/vdhv/pkg/cmdutil"
	"github.com/vdhv/vdhv/pkg/workspace"
)

// Options of `vdhv init`.
type Options struct {
	F   *cmdutil.Factory
	Dir string
}

// NewCmdInit builds the command.
func NewCmdInit(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	return &cobra.Command{
		Use:   f.T("init THƯ_MỤC", "init DIR"),
		Short: f.T("Tạo thư mục làm việc mới", "Create a new workspace"),
		Long: f.T(`Tạo thư mục làm việc: vdhv.yaml (cài đặt, có chú thích), units.yaml (danh sách đơn vị mẫu — sửa
lại cho đúng Khối của mình), submissions/<năm>/Q1..Q4/ (nơi lưu tệp đơn vị gửi) và bao-cao/.
Không ghi đè units.yaml đã có.`,
			`Creates a workspace: vdhv.yaml (commented settings), units.yaml (a sample hierarchy — edit it
for your bloc), submissions/<year>/Q1..Q4/ (where received files go) and bao-cao/.
Never overwrites an existing units.yaml.`),
		Example: "  vdhv init khoi-dn\n  cd khoi-dn && vdhv units check",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o := &Options{F: f, Dir: args[0]}
			if runF != nil {
				return runF(o)
			}
			return Run(o)
		},
	}
}

// Run creates the workspace.
func Run(o *Options) error {
	f := o.F
	if err := workspace.Init(o.Dir); err != nil {
		return cmdutil.UsageError(err.Error())
	}
	f.Infof(f.T("Đã tạo thư mục làm việc %s. Bước tiếp theo: sửa %s/units.yaml rồi chạy vdhv -C %s units check\n",
		"Created the workspace %s. Next: edit %s/units.yaml, then run vdhv -C %s units check\n"), o.Dir, o.Dir, o.Dir)
	fmt.Fprintln(f.IO.Out, o.Dir)
	return nil
}

// Package unitscmd implements `vdhv units check` and `vdhv units list`.
package unitscmd

import (
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/vdhv/vdhv/pkg/cmdutil"
	"github.com/vdhv/vdhv/pkg/config"
	"github.com/vdhv/vdhv/pkg/units"
)

// Options of `vdhv units`.
type Options struct {
	F    *cmdutil.Factory
	Path string // units.yaml; "" = the workspace's
	List bool
}

// NewCmdUnits builds `units` with its two subcommands.
func NewCmdUnits(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	run := func(o *Options) error {
		if runF != nil {
			return runF(o)
		}
		return Run(o)
	}
	cmd := &cobra.Command{
		Use:   "units",
		Short: f.T("Kiểm tra và xem danh sách đơn vị (units.yaml)", "Check and show the unit hierarchy (units.yaml)"),
	}
	check := &cobra.Command{
		Use:   f.T("check [units.yaml]", "check [units.yaml]"),
		Short: f.T("Kiểm tra tệp danh sách đơn vị", "Check the unit hierarchy file"),
		Long: f.T("Kiểm tra units.yaml: mã trùng, loại đơn vị không có, vòng lặp, kỳ hoạt động sai… Mỗi lỗi ghi số dòng.\nMã thoát: 0 hợp lệ, 1 có lỗi, 2 không đọc được tệp.",
			"Checks units.yaml: duplicate codes, unknown kinds, cycles, wrong active quarters… Each error gives its line.\nExit codes: 0 valid, 1 errors, 2 the file cannot be read."),
		Example: "  vdhv units check\n  vdhv units check khoi/units.yaml",
		Args:    cobra.MaximumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			o := &Options{F: f}
			if len(args) == 1 {
				o.Path = args[0]
			}
			return run(o)
		},
	}
	list := &cobra.Command{
		Use:     f.T("list [units.yaml]", "list [units.yaml]"),
		Short:   f.T("In cây đơn vị với loại và kỳ hoạt động", "Print the unit tree with kinds and active quarters"),
		Example: "  vdhv units list\n  vdhv -C khoi units list",
		Args:    cobra.MaximumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			o := &Options{F: f, List: true}
			if len(args) == 1 {
				o.Path = args[0]
			}
			return run(o)
		},
	}
	cmd.AddCommand(check, list)
	return cmd
}

// Run checks or lists the hierarchy.
func Run(o *Options) error {
	f := o.F
	path := o.Path
	if path == "" {
		root := f.Dir
		if root == "" {
			ws, err := f.Workspace()
			if err != nil {
				return err
			}
			root = ws.Root
		}
		path = filepath.Join(root, "units.yaml")
	}
	cfg, err := config.Load(filepath.Join(filepath.Dir(path), "vdhv.yaml"))
	if err != nil {
		return f.ConfigError(err)
	}
	tree, err := units.Load(path, cfg.UnitOptions())
	if err != nil {
		ue, ok := err.(*units.Error)
		if !ok || o.List {
			return f.ConfigError(err)
		}
		// For `check` the file is the data being checked: its problems are findings (exit 1),
		// unless the file could not be read at all (exit 2).
		if ue.Unwrap() != nil {
			return f.ConfigError(err)
		}
		fmt.Fprintln(f.IO.Out, ue.Localized(string(f.Lang)))
		return cmdutil.DataError(f.T(fmt.Sprintf("%s có %d lỗi", path, len(ue.Problems)), fmt.Sprintf("%s has %d problems", path, len(ue.Problems))))
	}
	if o.List {
		tree.Print(f.IO.Out, string(f.Lang))
		return nil
	}
	reporting := len(tree.Reporting())
	fmt.Fprintf(f.IO.Out, f.T("%s hợp lệ: %d đơn vị, %d đơn vị báo cáo\n", "%s is valid: %d units, %d reporting units\n"), path, tree.Len(), reporting)
	return nil
}

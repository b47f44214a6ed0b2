package root

import (
	"github.com/spf13/cobra"

	"github.com/vdhv/vdhv/pkg/cmd/aggregatecmd"
	"github.com/vdhv/vdhv/pkg/cmd/initcmd"
	"github.com/vdhv/vdhv/pkg/cmd/receive"
	"github.com/vdhv/vdhv/pkg/cmd/report"
	"github.com/vdhv/vdhv/pkg/cmd/status"
	"github.com/vdhv/vdhv/pkg/cmd/template"
	"github.com/vdhv/vdhv/pkg/cmd/unitscmd"
	"github.com/vdhv/vdhv/pkg/cmd/validate"
	"github.com/vdhv/vdhv/pkg/cmdutil"
)

// constructors lists the subcommands in help order. Each lives in its own package under
// pkg/cmd.
var constructors = []constructor{
	func(f *cmdutil.Factory) *cobra.Command { return initcmd.NewCmdInit(f, nil) },
	func(f *cmdutil.Factory) *cobra.Command { return unitscmd.NewCmdUnits(f, nil) },
	func(f *cmdutil.Factory) *cobra.Command { return template.NewCmdTemplate(f, nil) },
	func(f *cmdutil.Factory) *cobra.Command { return validate.NewCmdValidate(f, nil) },
	func(f *cmdutil.Factory) *cobra.Command { return receive.NewCmdReceive(f, nil) },
	func(f *cmdutil.Factory) *cobra.Command { return status.NewCmdStatus(f, nil) },
	func(f *cmdutil.Factory) *cobra.Command { return aggregatecmd.NewCmdAggregate(f, nil) },
	func(f *cmdutil.Factory) *cobra.Command { return report.NewCmdReport(f, nil) },
}

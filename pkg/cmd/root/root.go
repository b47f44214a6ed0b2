// Package root assembles the vdhv command tree and runs it: Main is all cmd/vdhv calls.
package root

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/vdhv/vdhv/pkg/cmdutil"
	"github.com/vdhv/vdhv/pkg/finding"
)

// Version is set at build time (-ldflags "-X github.com/vdhv/vdhv/pkg/cmd/root.Version=…").
var Version = "dev"

// Subcommands are registered by the command packages' constructors (see commands.go).
type constructor func(f *cmdutil.Factory) *cobra.Command

// Main runs vdhv with args (without the program name) and returns the exit code.
func Main(args []string, ios *cmdutil.IOStreams, getenv func(string) string) (code int) {
	f := &cmdutil.Factory{
		IO:      ios,
		Lang:    cmdutil.DetectLang(args, getenv),
		Now:     time.Now,
		Version: Version,
		Getenv:  getenv,
	}
	defer func() {
		// The last line of defence: no input may crash vdhv with a stack trace.
		if r := recover(); r != nil {
			fmt.Fprintf(ios.ErrOut, "%s: %v\n", f.T("vdhv gặp lỗi nội bộ (xin báo lỗi này cho người bảo trì)", "vdhv hit an internal error (please report it)"), r)
			code = int(cmdutil.ExitFailure)
		}
	}()
	cmd := NewCmdRoot(f)
	cmd.SetArgs(args)
	cmd.SetIn(ios.In)
	cmd.SetOut(ios.Out)
	cmd.SetErr(ios.ErrOut)
	err := cmd.Execute()
	if err == nil {
		return 0
	}
	var ee *cmdutil.ExitError
	if !errors.As(err, &ee) {
		// cobra's own errors: unknown command or flag, wrong number of arguments.
		msg := err.Error()
		fmt.Fprintf(ios.ErrOut, "%s: %s\n%s\n", f.T("Lỗi cú pháp", "Usage error"), msg,
			f.T("Xem hướng dẫn: vdhv --help, hoặc vdhv <lệnh> --help", "See vdhv --help or vdhv <command> --help"))
		return int(cmdutil.ExitUsage)
	}
	if ee.Msg != "" || ee.Err != nil {
		prefix := f.T("Lỗi", "Error")
		msg := strings.TrimSpace(ee.Error())
		if ee.Msg != "" && ee.Err != nil && ee.Code == cmdutil.ExitFailure && !strings.Contains(msg, ee.Err.Error()) {
			msg += ": " + ee.Err.Error()
		}
		fmt.Fprintf(ios.ErrOut, "%s: %s\n", prefix, msg)
	}
	return int(ee.Code)
}

// NewCmdRoot builds the command tree in the factory's language.
func NewCmdRoot(f *cmdutil.Factory) *cobra.Command {
	cobra.EnableCommandSorting = false // help lists the commands in the order of the work
	var lang string
	var noColor bool
	cmd := &cobra.Command{
		Use: "vdhv",
		Short: f.T("Tổng hợp báo cáo Cuộc vận động \"Người Việt Nam ưu tiên dùng hàng Việt Nam\"",
			"Roll up the reports of the campaign \"Vietnamese people prioritise Vietnamese goods\""),
		Long: f.T(`vdhv giúp Ban Chỉ đạo Cuộc vận động "Người Việt Nam ưu tiên dùng hàng Việt Nam" của Đảng bộ Khối:
tạo biểu mẫu báo cáo quý cho từng đơn vị, kiểm tra và tiếp nhận biểu mẫu đã điền, theo dõi đơn vị
chưa báo cáo, tổng hợp số liệu theo cây đơn vị và lập báo cáo 6 tháng, báo cáo năm (PDF, XLSX).`,
			`vdhv helps the steering committee of the campaign "Vietnamese people prioritise Vietnamese goods"
of a Party bloc: write each unit's quarterly form, check and receive filled forms, track the units
that have not reported, roll the figures up the unit tree and write the six-month and annual
reports (PDF, XLSX).`),
		Example: f.T(`  vdhv init khoi-dn                       # tạo thư mục làm việc
  vdhv template --all --period 2025-Q3     # biểu mẫu trắng cho mọi đơn vị
  vdhv validate bao-cao-don-vi.xlsx        # kiểm tra một tệp
  vdhv receive ~/Downloads/*.xlsx          # tiếp nhận tệp
  vdhv status --period 2025-Q3             # đơn vị nào chưa báo cáo
  vdhv aggregate --period 2025-H1          # tổng hợp 6 tháng
  vdhv report --period 2025-H1             # báo cáo PDF và XLSX`,
			`  vdhv init khoi-dn                       # create a workspace
  vdhv template --all --period 2025-Q3     # blank forms for every unit
  vdhv validate unit-report.xlsx           # check a file
  vdhv receive ~/Downloads/*.xlsx          # receive files
  vdhv status --period 2025-Q3             # who has not reported
  vdhv aggregate --period 2025-H1          # roll up the half year
  vdhv report --period 2025-H1             # PDF and XLSX report`),
		Version:       f.Version,
		SilenceErrors: true,
		SilenceUsage:  true,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			if noColor {
				f.IO.Color = false
			}
			if lang != "" && lang != "vi" && lang != "en" {
				return cmdutil.UsageError(f.T("--lang nhận vi hoặc en", "--lang takes vi or en"))
			}
			return nil
		},
	}
	cmd.SetVersionTemplate(fmt.Sprintf("vdhv {{.Version}}\n%s: %s\n", f.T("Biểu mẫu đọc được", "Forms read"), strings.Join(formVersions(), ", ")))
	pf := cmd.PersistentFlags()
	pf.StringVar(&lang, "lang", "", f.T("ngôn ngữ: vi (mặc định) hoặc en", "language: vi (default) or en"))
	pf.StringVarP(&f.Dir, "dir", "C", "", f.T("thư mục làm việc (mặc định: tìm units.yaml từ thư mục hiện tại trở lên)", "workspace folder (default: search for units.yaml upwards from here)"))
	pf.BoolVarP(&f.IO.Quiet, "quiet", "q", false, f.T("chỉ in kết quả và lỗi", "print only results and errors"))
	pf.BoolVar(&noColor, "no-color", false, f.T("không tô màu", "no colours"))
	cmd.Flags().BoolP("version", "v", false, f.T("in phiên bản", "print the version"))
	cmd.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return cmdutil.UsageError(fmt.Sprintf("%s\n%s", translateFlagError(f, err), f.T("Xem: "+c.CommandPath()+" --help", "See: "+c.CommandPath()+" --help")))
	})
	localize(cmd, f)
	for _, c := range constructors {
		sub := c(f)
		localize(sub, f)
		cmd.AddCommand(sub)
	}
	cmd.InitDefaultHelpCmd()
	cmd.InitDefaultCompletionCmd()
	for _, c := range cmd.Commands() {
		switch c.Name() {
		case "help":
			c.Short = f.T("Trợ giúp về một lệnh", "Help about any command")
		case "completion":
			c.Short = f.T("Tạo mã tự hoàn thành lệnh cho bash, zsh, fish, powershell", "Generate the autocompletion script for bash, zsh, fish or powershell")
		}
	}
	return cmd
}

// translateFlagError puts pflag's common messages into Vietnamese.
func translateFlagError(f *cmdutil.Factory, err error) string {
	msg := err.Error()
	if f.Lang == finding.EN {
		return msg
	}
	for _, p := range [][2]string{
		{"unknown shorthand flag: ", "không có tùy chọn viết tắt "},
		{"unknown flag: ", "không có tùy chọn "},
		{"flag needs an argument: ", "tùy chọn cần một giá trị: "},
		{"invalid argument ", "giá trị không hợp lệ "},
	} {
		if rest, ok := strings.CutPrefix(msg, p[0]); ok {
			return p[1] + rest
		}
	}
	return msg
}

func formVersions() []string { return []string{"VDHV-01"} }

// localize sets the help template's headings in the user's language.
func localize(cmd *cobra.Command, f *cmdutil.Factory) {
	if f.Lang == finding.EN {
		return
	}
	cmd.SetUsageTemplate(usageTemplateVI)
	cmd.SetHelpTemplate(`{{with (or .Long .Short)}}{{. | trimTrailingWhitespaces}}

{{end}}{{if or .Runnable .HasSubCommands}}{{.UsageString}}{{end}}`)
	if cmd.Flags().Lookup("help") == nil {
		cmd.Flags().BoolP("help", "h", false, "trợ giúp cho lệnh "+cmd.Name())
	}
	for _, c := range cmd.Commands() {
		localize(c, f)
	}
}

const usageTemplateVI = `Cách dùng:{{if .Runnable}}
  {{.UseLine}}{{end}}{{if .HasAvailableSubCommands}}
  {{.CommandPath}} [lệnh]{{end}}{{if gt (len .Aliases) 0}}

Tên khác:
  {{.NameAndAliases}}{{end}}{{if .HasExample}}

Ví dụ:
{{.Example}}{{end}}{{if .HasAvailableSubCommands}}

Các lệnh:{{range .Commands}}{{if (or .IsAvailableCommand (eq .Name "help"))}}
  {{rpad .Name .NamePadding }} {{.Short}}{{end}}{{end}}{{end}}{{if .HasAvailableLocalFlags}}

Tùy chọn:
{{.LocalFlags.FlagUsages | trimTrailingWhitespaces}}{{end}}{{if .HasAvailableInheritedFlags}}

Tùy chọn chung:
{{.InheritedFlags.FlagUsages | trimTrailingWhitespaces}}{{end}}{{if .HasHelpSubCommands}}

Chủ đề khác:{{range .Commands}}{{if .IsAdditionalHelpTopicCommand}}
  {{rpad .CommandPath .CommandPathPadding}} {{.Short}}{{end}}{{end}}{{end}}{{if .HasAvailableSubCommands}}

Dùng "{{.CommandPath}} [lệnh] --help" để xem hướng dẫn của từng lệnh.{{end}}
`

// SystemMain is Main on the process's streams and environment.
func SystemMain() int { return Main(os.Args[1:], cmdutil.System(), os.Getenv) }

// Package report implements `vdhv report`: the six-month and annual report of the
// steering committee as PDF (an official Party document) and XLSX (every table behind it).
package report

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/vdhv/vdhv/pkg/cmd/status"
	"github.com/vdhv/vdhv/pkg/cmdutil"
	"github.com/vdhv/vdhv/pkg/engine"
	"github.com/vdhv/vdhv/pkg/finding"
	"github.com/vdhv/vdhv/pkg/pdfdoc"
	"github.com/vdhv/vdhv/pkg/period"
	rpt "github.com/vdhv/vdhv/pkg/report"
	"github.com/vdhv/vdhv/pkg/workspace"
)

// Options of `vdhv report`.
type Options struct {
	F        *cmdutil.Factory
	Period   string
	Formats  string
	Output   string
	InitText bool
	Profile  string
}

// NewCmdReport builds the command; runF replaces the run function in tests.
func NewCmdReport(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	o := &Options{F: f}
	cmd := &cobra.Command{
		Use:   f.T("report --period KỲ", "report --period PERIOD"),
		Short: f.T("Lập báo cáo 6 tháng, báo cáo năm (PDF và XLSX)", "Write the six-month or annual report (PDF and XLSX)"),
		Long: f.T(`Lập báo cáo kết quả thực hiện Cuộc vận động của Ban Chỉ đạo cho 6 tháng đầu năm (2025-H1) hoặc
cả năm (2025): tệp PDF theo thể thức văn bản của Đảng (Hướng dẫn 36-HD/VPTW, sẵn sàng ký) và tệp XLSX
chứa mọi bảng số liệu, ghi vào out/<kỳ>/ (hoặc -o THƯ_MỤC): bao-cao-<kỳ>.pdf, bao-cao-<kỳ>.xlsx.

Số liệu lấy từ các tệp hợp lệ của các quý trong kỳ (như vdhv aggregate), so sánh với cùng kỳ
năm trước nếu có. Phần Ban Chỉ đạo tự viết (số, ngày, nơi nhận, người ký, hạn chế, nguyên
nhân, nhiệm vụ) nằm ở bao-cao/<kỳ>.yaml: tạo tệp mẫu bằng --init-text rồi sửa. Câu chữ của
báo cáo nằm ở templates/report/ (chép vào thư mục làm việc để sửa).

Cùng số liệu và cùng các tệp thì luôn cho cùng một báo cáo (từng byte); ngày tạo tệp lấy từ
SOURCE_DATE_EPOCH nếu có.

Mã thoát: 0 xong, 1 có đơn vị bị tính hai lần (VDHV-E110; báo cáo vẫn được ghi), 2 sai cú pháp,
sai kỳ hoặc lỗi cấu hình, tệp văn bản, mẫu câu chữ, 3 lỗi ghi tệp.`,
			`Writes the committee's report on the campaign for the first half of a year (2025-H1) or the
whole year (2025): a PDF in the layout of Party documents (Hướng dẫn 36-HD/VPTW, ready to sign)
and an XLSX with every table, in out/<period>/ (or -o DIR): bao-cao-<period>.pdf and .xlsx.

The figures come from the valid files of the period's quarters (as vdhv aggregate), compared
with the same period of the previous year where it exists. The committee's own text (number,
date, recipients, signer, shortcomings, causes, tasks) is bao-cao/<period>.yaml: create a
starter with --init-text and edit it. The wording is in templates/report/ (copy it into the
workspace to change it).

The same data and files always give the same report, byte for byte; the files' creation date
comes from SOURCE_DATE_EPOCH when set.

Exit codes: 0 done, 1 a unit counted twice (VDHV-E110; the report is still written), 2 usage,
period, configuration, text file or wording error, 3 a file could not be written.`),
		Example: f.T(`  vdhv report --period 2025-H1 --init-text   # tạo bao-cao/2025-H1.yaml để sửa
  vdhv report --period 2025-H1
  vdhv report --period 2025 --format pdf -o ~/bao-cao`,
			`  vdhv report --period 2025-H1 --init-text   # create bao-cao/2025-H1.yaml to edit
  vdhv report --period 2025-H1
  vdhv report --period 2025 --format pdf -o ~/reports`),
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(o)
			}
			return Run(o)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&o.Period, "period", "", f.T("kỳ: 6 tháng đầu năm (2025-H1) hoặc năm (2025)", "period: first half (2025-H1) or year (2025)"))
	fl.StringVar(&o.Formats, "format", "pdf,xlsx", f.T("định dạng, cách nhau bởi dấu phẩy: pdf, xlsx", "formats, comma-separated: pdf, xlsx"))
	fl.StringVarP(&o.Output, "output", "o", "", f.T("thư mục kết quả (mặc định out/<kỳ>/)", "output folder (default out/<period>/)"))
	fl.BoolVar(&o.InitText, "init-text", false, f.T("tạo tệp bao-cao/<kỳ>.yaml (phần Ban Chỉ đạo tự viết) để sửa; không ghi đè", "create bao-cao/<period>.yaml (the committee's own text) to edit; never overwrites"))
	fl.StringVar(&o.Profile, "profile", "", f.T("mẫu trình bày: tên (36-HD-VPTW) hoặc đường dẫn tệp YAML (mặc định layout_profile trong vdhv.yaml)", "layout profile: a name (36-HD-VPTW) or a YAML file (default: layout_profile in vdhv.yaml)"))
	return cmd
}

// parseFormats reads --format.
func parseFormats(f *cmdutil.Factory, s string) ([]string, error) {
	var out []string
	for _, x := range strings.Split(s, ",") {
		x = strings.ToLower(strings.TrimSpace(x))
		if x == "" {
			continue
		}
		if !slices.Contains(rpt.Formats, x) {
			return nil, cmdutil.UsageError(f.T("--format nhận: pdf, xlsx (hoặc pdf,xlsx)", "--format takes: pdf, xlsx (or pdf,xlsx)"))
		}
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	if len(out) == 0 {
		return nil, cmdutil.UsageError(f.T("--format nhận: pdf, xlsx (hoặc pdf,xlsx)", "--format takes: pdf, xlsx (or pdf,xlsx)"))
	}
	return out, nil
}

// sourceDateEpoch reads SOURCE_DATE_EPOCH (seconds since 1970); nil when unset.
func sourceDateEpoch(f *cmdutil.Factory) (*time.Time, error) {
	getenv := f.Getenv
	if getenv == nil {
		return nil, nil
	}
	v := strings.TrimSpace(getenv("SOURCE_DATE_EPOCH"))
	if v == "" {
		return nil, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 || n > 253402300799 {
		return nil, cmdutil.UsageError(f.T("SOURCE_DATE_EPOCH phải là số giây kể từ 01/01/1970: ", "SOURCE_DATE_EPOCH must be seconds since 1970-01-01: ") + strconv.Quote(v))
	}
	t := time.Unix(n, 0).UTC()
	return &t, nil
}

// loadProfile resolves --profile, else the workspace's layout_profile (a relative path
// there is relative to the workspace).
func loadProfile(f *cmdutil.Factory, o *Options, ws *workspace.Workspace) (*pdfdoc.Profile, error) {
	name := o.Profile
	if name == "" {
		name = ws.Config.LayoutProfile
		if looksLikePath(name) && !filepath.IsAbs(name) {
			name = filepath.Join(ws.Root, name)
		}
	}
	p, err := pdfdoc.LoadProfile(name)
	if err != nil {
		return nil, cmdutil.UsageError(f.T("mẫu trình bày không dùng được: ", "unusable layout profile: ") + err.Error())
	}
	return p, nil
}

func looksLikePath(s string) bool {
	return strings.ContainsAny(s, `/\`) || strings.HasSuffix(s, ".yaml") || strings.HasSuffix(s, ".yml")
}

func localized(err error, lang finding.Lang) string {
	type loc interface{ Localized(string) string }
	var l loc
	if errors.As(err, &l) {
		return l.Localized(string(lang))
	}
	return err.Error()
}

// Run writes the report (or, with --init-text, the text file).
func Run(o *Options) error {
	f := o.F
	p, err := status.ParsePeriod(f, o.Period)
	if err != nil {
		return err
	}
	if err := rpt.CheckPeriod(p); err != nil {
		return cmdutil.UsageError(localized(err, f.Lang))
	}
	formats, err := parseFormats(f, o.Formats)
	if err != nil {
		return err
	}
	ws, err := f.Workspace()
	if err != nil {
		return err
	}
	if o.InitText {
		return runInitText(f, p, ws)
	}
	sde, err := sourceDateEpoch(f)
	if err != nil {
		return err
	}
	profile, err := loadProfile(f, o, ws)
	if err != nil {
		return err
	}
	textPath := rpt.TextPath(ws.Root, p)
	tf, found, err := rpt.LoadText(textPath)
	if err != nil {
		return cmdutil.UsageError(localized(err, f.Lang))
	}
	if !found {
		f.Infof(f.T("Chưa có %s: dùng phần mặc định (tạo tệp để sửa: vdhv report --period %s --init-text)\n",
			"No %s: using the defaults (create it to edit: vdhv report --period %s --init-text)\n"), cmdutil.RelToWD(textPath), p)
	}
	tf.Date = rpt.ReportDate(p, tf, ws.Config, sde)
	wording, err := rpt.LoadWording(ws.Root)
	if err != nil {
		return cmdutil.UsageError(localized(err, f.Lang))
	}
	update, done := f.Progress(f.T("Đang đọc tệp", "Reading files"))
	out, err := engine.Run(ws, p, engine.Options{Progress: update})
	done()
	if err != nil {
		return cmdutil.Failure(err.Error(), err)
	}
	doc, set, err := rpt.Build(out, tf, ws.Config, wording, string(f.Lang))
	if err != nil {
		var we *rpt.WordingError
		if errors.As(err, &we) {
			return cmdutil.UsageError(localized(err, f.Lang))
		}
		return cmdutil.Failure(localized(err, f.Lang), err)
	}
	dir := o.Output
	if dir == "" {
		dir = filepath.Join(ws.Root, workspace.OutDir, p.String())
	}
	wo := rpt.WriteOptions{Formats: formats, Profile: profile}
	if sde != nil {
		wo.Created = *sde
	}
	paths, err := rpt.Write(dir, p, doc, set, wo)
	if err != nil {
		return cmdutil.Failure(f.T("không lập được báo cáo: ", "cannot write the report: ")+localized(err, f.Lang), err)
	}
	for _, path := range paths {
		fmt.Fprintln(f.IO.Out, cmdutil.RelToWD(path))
	}
	summary(f, out)
	if len(out.Problems) > 0 {
		finding.WriteText(f.IO.ErrOut, byFile(out.Problems), f.Lang, f.IO.Color)
		return cmdutil.DataError(f.T("có đơn vị được tính hai lần; xem lỗi ở trên", "a unit is counted twice; see above"))
	}
	return nil
}

func runInitText(f *cmdutil.Factory, p period.Period, ws *workspace.Workspace) error {
	path, err := rpt.WriteInitText(p, ws)
	if errors.Is(err, fs.ErrExist) {
		return cmdutil.UsageError(fmt.Sprintf(f.T("đã có %s: vdhv không ghi đè; hãy sửa tệp đó (hoặc xóa đi để tạo lại)",
			"%s exists: vdhv does not overwrite it; edit it (or delete it to start again)"), cmdutil.RelToWD(path)))
	}
	if err != nil {
		return cmdutil.Failure(f.T("không tạo được tệp văn bản: ", "cannot create the text file: ")+err.Error(), err)
	}
	fmt.Fprintln(f.IO.Out, cmdutil.RelToWD(path))
	f.Infof(f.T("Hãy sửa tệp này (số, ngày, người ký, hạn chế, nhiệm vụ…) rồi chạy: vdhv report --period %s\n",
		"Edit this file (number, date, signer, shortcomings, tasks…) then run: vdhv report --period %s\n"), p)
	return nil
}

// summary tells people what went into the figures.
func summary(f *cmdutil.Factory, out *engine.Outcome) {
	if f.IO.Quiet || out.Result == nil || len(out.Result.Units) == 0 {
		return
	}
	r := out.Result.Units[0].Reporting
	f.Infof(f.T("Kỳ %s: %d/%d lượt báo cáo được tính (%d đúng hạn, %d muộn), %d tệp lỗi bị bỏ qua, %d lượt chưa báo cáo\n",
		"%s: %d of %d reports counted (%d on time, %d late), %d files with errors left out, %d missing\n"),
		out.Period, r.OnTime+r.Late, r.Expected, r.OnTime, r.Late, r.Invalid, r.Missing)
	if out.Prev == nil {
		f.Infof(f.T("Không có số liệu cùng kỳ năm trước (%s): báo cáo không so sánh\n", "No figures for the same period of the previous year (%s): no comparison\n"), out.Period.SamePeriodPrevYear())
	}
	for _, inv := range out.Invalid {
		e, _ := inv.Findings.Count()
		f.Infof(f.T("  bỏ qua %s: %d lỗi (xem vdhv validate %s)\n", "  left out %s: %d errors (see vdhv validate %s)\n"), cmdutil.RelToWD(inv.Path), e, cmdutil.RelToWD(inv.Path))
	}
}

// byFile groups workspace problems per file (paths relative to the working directory).
func byFile(l finding.List) []finding.FileReport {
	var out []finding.FileReport
	idx := map[string]int{}
	for _, x := range l {
		x.File = cmdutil.RelToWD(x.File)
		i, ok := idx[x.File]
		if !ok {
			i = len(out)
			idx[x.File] = i
			out = append(out, finding.FileReport{Path: x.File})
		}
		out[i].Findings = append(out[i].Findings, x)
	}
	return out
}

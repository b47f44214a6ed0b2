// Package receive implements `vdhv receive`: validate files and file the valid ones.
package receive

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/vdhv/vdhv/pkg/cmd/validate"
	"github.com/vdhv/vdhv/pkg/cmdutil"
	"github.com/vdhv/vdhv/pkg/finding"
	"github.com/vdhv/vdhv/pkg/workspace"
)

// Options of `vdhv receive`.
type Options struct {
	F     *cmdutil.Factory
	Files []string
}

// NewCmdReceive builds the command; runF replaces the run function in tests.
func NewCmdReceive(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	o := &Options{F: f}
	return &cobra.Command{
		Use:   f.T("receive TỆP...", "receive FILE..."),
		Short: f.T("Tiếp nhận tệp báo cáo của đơn vị vào thư mục làm việc", "Receive units' report files into the workspace"),
		Long: f.T(`Kiểm tra từng tệp; tệp hợp lệ được lưu thành submissions/<năm>/Q<n>/<MÃ>.xlsx (đơn vị và quý đọc
từ trong tệp, không từ tên tệp) và ghi vào sổ tiếp nhận (thời điểm nhận, đơn vị, quý, mã sha256,
tên tệp gốc, kích thước, số phiên bản). Tệp có lỗi bị từ chối, không lưu gì. Đơn vị gửi lại thì
bản mới thành bản hiện hành, các bản cũ vẫn được giữ nguyên.

Mã thoát: 0 mọi tệp được nhận, 1 có tệp bị từ chối, 2 sai cú pháp hoặc cấu hình.`,
			`Checks each file; a valid one is stored as submissions/<year>/Q<n>/<CODE>.xlsx (unit and quarter
read from the file, not its name) and recorded in the ledger (time received, unit, quarter,
sha256, original name, size, version). A file with errors is refused and nothing is stored.
A resubmission becomes the current version; earlier versions are kept.

Exit codes: 0 every file received, 1 a file was refused, 2 usage or configuration error.`),
		Example: "  vdhv receive ~/Downloads/DU-XD-01-quy2.xlsx\n  vdhv -C khoi-dn receive thu-den/*.xlsx",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Files = args
			if runF != nil {
				return runF(o)
			}
			return Run(o)
		},
	}
}

// Run receives the files.
func Run(o *Options) error {
	f := o.F
	ws, err := f.Workspace()
	if err != nil {
		return err
	}
	files, missing, err := cmdutil.CollectFiles(o.Files)
	if err != nil {
		return cmdutil.Failure(err.Error(), err)
	}
	if len(missing) > 0 {
		return cmdutil.UsageError(f.T("không tìm thấy: ", "not found: ") + strings.Join(missing, ", "))
	}
	results, err := ws.Receive(files, f.Now())
	if err != nil {
		var we *workspace.Error
		if errors.As(err, &we) {
			if we.Code == workspace.CodeBusy {
				return cmdutil.UsageError(we.Localized(string(f.Lang)))
			}
			return cmdutil.Failure(we.Localized(string(f.Lang)), err)
		}
		return cmdutil.Failure(err.Error(), err)
	}
	refused := 0
	var reports []finding.FileReport
	for _, r := range results {
		switch {
		case r.Refused():
			refused++
			e, _ := r.Result.Findings.Count()
			fmt.Fprintf(f.IO.Out, f.T("Từ chối: %s có %d lỗi, không lưu (chi tiết bên dưới)\n", "Refused: %s has %d errors; nothing stored (details below)\n"), r.File, e)
			reports = append(reports, validate.Report(r.Result))
		case r.Duplicate:
			fmt.Fprintf(f.IO.Out, f.T("Đã có: %s trùng bản hiện hành %s (phiên bản %d), không lưu thêm\n",
				"Already there: %s is identical to the current %s (version %d); nothing stored\n"),
				r.File, cmdutil.RelToWD(r.Stored), r.Receipt.Version)
		default:
			fmt.Fprintf(f.IO.Out, f.T("Đã nhận: %s → %s (đơn vị %s, %s, phiên bản %d)\n", "Received: %s → %s (unit %s, %s, version %d)\n"),
				r.File, cmdutil.RelToWD(r.Stored), r.Receipt.Unit, r.Receipt.Quarter, r.Receipt.Version)
			if w := warnings(r); len(w.Findings) > 0 {
				reports = append(reports, w)
			}
		}
	}
	if len(reports) > 0 {
		if err := finding.WriteText(f.IO.Out, reports, f.Lang, f.IO.Color); err != nil {
			return cmdutil.Failure(err.Error(), err)
		}
	}
	if refused > 0 {
		return cmdutil.DataError(fmt.Sprintf(f.T("từ chối %d/%d tệp có lỗi; sửa theo hướng dẫn trên rồi gửi lại", "refused %d of %d files with errors; fix them as described above and send again"), refused, len(results)))
	}
	return nil
}

// warnings keeps the warnings of a received file, to show them.
func warnings(r workspace.ReceiveResult) finding.FileReport {
	fr := validate.Report(r.Result)
	fr.Findings = nil
	for _, x := range r.Result.Findings {
		if x.Severity() == finding.Warning {
			fr.Findings = append(fr.Findings, x)
		}
	}
	return fr
}

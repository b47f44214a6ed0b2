// Package validate implements `vdhv validate`: check filled VDHV-01 workbooks.
package validate

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/vdhv/vdhv/pkg/cmdutil"
	"github.com/vdhv/vdhv/pkg/finding"
	"github.com/vdhv/vdhv/pkg/form"
)

// Options of `vdhv validate`.
type Options struct {
	F         *cmdutil.Factory
	Paths     []string
	UnitsPath string
	Format    string
	Strict    bool
	Output    string
}

// NewCmdValidate builds the command; runF replaces the run function in tests.
func NewCmdValidate(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{F: f}
	cmd := &cobra.Command{
		Use:   f.T("validate [TỆP|THƯ_MỤC]...", "validate [FILE|FOLDER]..."),
		Short: f.T("Kiểm tra biểu mẫu VDHV-01 đã điền", "Check filled VDHV-01 forms"),
		Long: f.T(`Kiểm tra từng tệp (thư mục thì kiểm tra mọi bảng tính trong đó) theo biểu mẫu VDHV-01 và
danh sách đơn vị (units.yaml của thư mục làm việc, hoặc --units). Mỗi lỗi ghi rõ tệp, trang, ô,
mã quy tắc, nội dung gặp, nội dung cần và cách sửa. Không chỉ tệp nào thì kiểm tra thư mục
submissions/ của thư mục làm việc.

Mã thoát: 0 không có lỗi (có thể có cảnh báo; với --strict cảnh báo cũng tính là lỗi),
1 có tệp có lỗi, 2 sai cú pháp lệnh hoặc cấu hình.`,
			`Checks each file (every spreadsheet in a folder) against form VDHV-01 and the unit hierarchy
(the workspace's units.yaml, or --units). Every finding names the file, sheet and cell, the rule
code, what was found, what was expected and how to fix it. Without paths, checks the
workspace's submissions/ folder.

Exit codes: 0 no errors (warnings allowed; with --strict warnings fail too), 1 a file has
errors, 2 usage or configuration error.`),
		Example: f.T(`  vdhv validate bao-cao-quy.xlsx
  vdhv validate --units units.yaml submissions/2025/Q2
  vdhv validate --format github submissions/     # chú thích trên GitHub Actions
  vdhv validate --format junit -o ket-qua.xml .   # báo cáo JUnit cho GitLab CI`,
			`  vdhv validate unit-report.xlsx
  vdhv validate --units units.yaml submissions/2025/Q2
  vdhv validate --format github submissions/     # GitHub Actions annotations
  vdhv validate --format junit -o results.xml .   # JUnit report for GitLab CI`),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			if !slices.Contains(finding.Formats, opts.Format) {
				return cmdutil.UsageError(f.T("--format nhận: ", "--format takes: ") + strings.Join(finding.Formats, ", "))
			}
			if runF != nil {
				return runF(opts)
			}
			return Run(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.UnitsPath, "units", "", f.T("tệp danh sách đơn vị (mặc định: units.yaml của thư mục làm việc)", "unit hierarchy file (default: the workspace's units.yaml)"))
	fl.StringVar(&opts.Format, "format", "text", f.T("dạng kết quả: text, json, github, junit", "output format: text, json, github, junit"))
	fl.BoolVar(&opts.Strict, "strict", false, f.T("coi cảnh báo là lỗi", "treat warnings as errors"))
	fl.StringVarP(&opts.Output, "output", "o", "", f.T("ghi kết quả vào tệp thay vì màn hình", "write the result to a file instead of the screen"))
	return cmd
}

// Run validates the files.
func Run(opts *Options) error {
	defer relaxGC()()
	f := opts.F
	h, err := f.LoadHierarchy(opts.UnitsPath)
	if err != nil {
		return err
	}
	paths := opts.Paths
	if len(paths) == 0 {
		if h.Root == "" {
			return cmdutil.UsageError(f.T("chưa chỉ tệp hoặc thư mục cần kiểm tra", "no file or folder to check"))
		}
		paths = []string{cmdutil.RelToWD(filepath.Join(h.Root, "submissions"))}
	}
	files, missing, err := cmdutil.CollectFiles(paths)
	if err != nil {
		return cmdutil.Failure(err.Error(), err)
	}
	if len(missing) > 0 {
		return cmdutil.UsageError(f.T("không tìm thấy: ", "not found: ") + strings.Join(missing, ", "))
	}
	if len(files) == 0 {
		return cmdutil.UsageError(f.T("không có bảng tính nào để kiểm tra trong: ", "no spreadsheet to check in: ") + strings.Join(paths, ", "))
	}
	ropts := form.Options{Units: h.Units, Windows: h.Config.Windows}
	reports := ValidateFiles(files, ropts, f)

	var buf bytes.Buffer
	if err := finding.Write(&buf, opts.Format, reports, f.Lang, f.IO.Color && opts.Output == ""); err != nil {
		return cmdutil.Failure(err.Error(), err)
	}
	if opts.Output != "" {
		if err := cmdutil.WriteOutput(opts.Output, buf.Bytes()); err != nil {
			return cmdutil.Failure(f.T("không ghi được ", "cannot write ")+opts.Output, err)
		}
	} else if _, err := f.IO.Out.Write(buf.Bytes()); err != nil {
		return cmdutil.Failure(err.Error(), err)
	}
	errs, warns := finding.Totals(reports)
	if errs > 0 || (opts.Strict && warns > 0) {
		return cmdutil.DataError("")
	}
	return nil
}

// relaxGC lets the heap grow to five times the live data before a collection (GOGC=400)
// unless GOGC is set, and returns the function that restores the previous setting.
// Validation keeps little alive (the unit tree, the reports) and makes short-lived garbage.
// With the default the first collection starts at 3–4 MB of heap, and start-up alone
// allocates 2 MB: validating three typical files (or one large one) paid for a collection,
// about 3 ms of CPU, a tenth of such a run; with GOGC=400 twelve files still need none.
func relaxGC() (restore func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	old := debug.SetGCPercent(400)
	return func() { debug.SetGCPercent(old) }
}

// ValidateFiles reads files in parallel (one worker per core) and returns their reports in
// the order of files.
func ValidateFiles(files []string, ropts form.Options, f *cmdutil.Factory) []finding.FileReport {
	reports := make([]finding.FileReport, len(files))
	update, done := f.Progress(f.T("Đang kiểm tra", "Checking"))
	defer done()
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		count int
	)
	jobs := make(chan int)
	workers := min(runtime.GOMAXPROCS(0), len(files))
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				o := ropts
				o.FolderQuarter = form.QuarterFromPath(files[i])
				reports[i] = Report(form.ReadFile(files[i], o))
				mu.Lock()
				count++
				update(count, len(files))
				mu.Unlock()
			}
		}()
	}
	for i := range files {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	return reports
}

// Report turns a read result into a file report.
func Report(r *form.Result) finding.FileReport {
	fr := finding.FileReport{Path: r.Path, Findings: r.Findings}
	if s := r.Submission; s != nil {
		fr.Unit = s.Info.UnitCode
		if !s.Info.Quarter.IsZero() {
			fr.Period = s.Info.Quarter.String()
		}
	}
	return fr
}

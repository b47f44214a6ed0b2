// Package aggregatecmd implements `vdhv aggregate`: roll a quarter, half year or year up
// the unit tree, and write a đảng ủy trực thuộc's roll-up file.
//
// The aggregation streams and caches (pkg/engine); the command adds a soft memory limit
// while it runs (memlimit.go: 120 MiB, then the live data + 48 MiB; GOMEMLIMIT wins), so
// that peak memory follows what the run needs rather than the garbage of 8,000 files.
package aggregatecmd

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/spf13/cobra"

	"github.com/vdhv/vdhv/pkg/cmd/status"
	"github.com/vdhv/vdhv/pkg/cmdutil"
	"github.com/vdhv/vdhv/pkg/engine"
	"github.com/vdhv/vdhv/pkg/finding"
	"github.com/vdhv/vdhv/pkg/form"
	"github.com/vdhv/vdhv/pkg/period"
	"github.com/vdhv/vdhv/pkg/workspace"
)

// Options of `vdhv aggregate`.
type Options struct {
	F      *cmdutil.Factory
	Period string
	Output string
	JSON   bool
	Rollup string
}

// NewCmdAggregate builds the command; runF replaces the run function in tests.
func NewCmdAggregate(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	o := &Options{F: f}
	cmd := &cobra.Command{
		Use:   f.T("aggregate --period KỲ", "aggregate --period PERIOD"),
		Short: f.T("Tổng hợp số liệu theo cây đơn vị (quý, 6 tháng, năm)", "Roll the figures up the unit tree (quarter, half year, year)"),
		Long: f.T(`Đọc mọi tệp hiện hành hợp lệ của các quý trong kỳ và tổng hợp cho từng đơn vị của cây: thỏa thuận hợp
tác (thỏa thuận giữa hai đơn vị trong Khối chỉ tính một lần ở cấp chung của hai bên), mua sắm (tỷ lệ
tính từ tổng, không lấy trung bình), kiểm tra giám sát, hoạt động, tình hình báo cáo. Ghi vào
out/<kỳ>/ (hoặc -o THƯ_MỤC): aggregate.json và tong-hop-<kỳ>.xlsx. Tệp có lỗi không được tính và
được liệt kê.

Với --rollup MÃ (chỉ cho một quý): lập báo cáo tổng hợp của đảng ủy trực thuộc MÃ (Loại báo cáo
«Tổng hợp») để gửi lên Khối; -o là tên tệp.

Mã thoát: 0 xong (kể cả khi có tệp lỗi bị bỏ qua), 1 có đơn vị bị tính hai lần (VDHV-E110),
2 sai cú pháp hoặc cấu hình, 3 lỗi ghi tệp.`,
			`Reads every valid current file of the period's quarters and aggregates each unit of the tree:
agreements (an agreement between two bloc units counts once at their common level), procurement
(shares from sums, never averaged), checks, activities, reporting status. Writes to
out/<period>/ (or -o DIR): aggregate.json and tong-hop-<period>.xlsx. Files with errors are left
out and listed.

With --rollup CODE (a quarter only): writes the roll-up report of đảng ủy trực thuộc CODE
(«Tổng hợp») to send up to the bloc; -o names the file.

Exit codes: 0 done (even when files with errors were left out), 1 a unit counted twice
(VDHV-E110), 2 usage or configuration error, 3 a file could not be written.`),
		Example: f.T(`  vdhv aggregate --period 2025-H1
  vdhv aggregate --period 2025 --json > tong-hop-2025.json
  vdhv aggregate --period 2025-Q2 --rollup DU-XD -o DU-XD-tong-hop-2025-Q2.xlsx`,
			`  vdhv aggregate --period 2025-H1
  vdhv aggregate --period 2025 --json > aggregate-2025.json
  vdhv aggregate --period 2025-Q2 --rollup DU-XD -o DU-XD-rollup-2025-Q2.xlsx`),
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(o)
			}
			return Run(o)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&o.Period, "period", "", f.T("kỳ: 2025-Q2, 2025-H1 hoặc 2025", "period: 2025-Q2, 2025-H1 or 2025"))
	fl.StringVarP(&o.Output, "output", "o", "", f.T("thư mục kết quả (mặc định out/<kỳ>/); với --rollup: tệp", "output folder (default out/<period>/); with --rollup: the file"))
	fl.BoolVar(&o.JSON, "json", false, f.T("in cả aggregate.json ra màn hình", "also print aggregate.json"))
	fl.StringVar(&o.Rollup, "rollup", "", f.T("mã đảng ủy trực thuộc cần lập báo cáo tổng hợp", "code of the đảng ủy trực thuộc whose roll-up to write"))
	return cmd
}

// Run aggregates.
func Run(o *Options) error {
	f := o.F
	p, err := status.ParsePeriod(f, o.Period)
	if err != nil {
		return err
	}
	ws, err := f.Workspace()
	if err != nil {
		return err
	}
	if o.Rollup != "" {
		return runRollup(o, ws, p)
	}
	afterRead := limitMemory()
	update, done := f.Progress(f.T("Đang đọc tệp", "Reading files"))
	out, err := engine.Run(ws, p, engine.Options{Progress: update})
	done()
	if err != nil {
		return cmdutil.Failure(err.Error(), err)
	}
	afterRead()
	dir := o.Output
	if dir == "" {
		dir = filepath.Join(ws.Root, "out", p.String())
	}
	var js bytes.Buffer
	if err := out.Result.WriteJSON(&js); err != nil {
		return cmdutil.Failure(err.Error(), err)
	}
	jsonPath := filepath.Join(dir, "aggregate.json")
	if err := cmdutil.WriteOutput(jsonPath, js.Bytes()); err != nil {
		return cmdutil.Failure(f.T("không ghi được ", "cannot write ")+jsonPath, err)
	}
	written := []string{jsonPath}
	if !o.JSON {
		js = bytes.Buffer{} // 7 MB for a national bloc: not kept while the workbook is built
	}
	if p, err := writeWorkbook(f, out, ws, dir); err != nil {
		return err
	} else if p != "" {
		written = append(written, p)
	}
	if o.JSON {
		f.IO.Out.Write(js.Bytes())
	} else {
		for _, w := range written {
			fmt.Fprintln(f.IO.Out, cmdutil.RelToWD(w))
		}
	}
	summary(f, out)
	if len(out.Problems) > 0 {
		finding.WriteText(f.IO.ErrOut, groupByFile(out.Problems), f.Lang, f.IO.Color)
		return cmdutil.DataError(f.T("có đơn vị được tính hai lần; xem lỗi ở trên", "a unit is counted twice; see above"))
	}
	return nil
}

// summary tells people what went into the figures and what was left out.
func summary(f *cmdutil.Factory, out *engine.Outcome) {
	if f.IO.Quiet {
		return
	}
	root := out.Result.Units[0]
	r := root.Reporting
	f.Infof(f.T("Kỳ %s: %d/%d lượt báo cáo được tính (%d đúng hạn, %d muộn), %d tệp lỗi bị bỏ qua, %d lượt chưa báo cáo\n",
		"%s: %d of %d reports counted (%d on time, %d late), %d files with errors left out, %d missing\n"),
		out.Period, r.OnTime+r.Late, r.Expected, r.OnTime, r.Late, r.Invalid, r.Missing)
	for _, inv := range out.Invalid {
		e, _ := inv.Findings.Count()
		f.Infof(f.T("  bỏ qua %s: %d lỗi (xem vdhv validate %s)\n", "  left out %s: %d errors (see vdhv validate %s)\n"), cmdutil.RelToWD(inv.Path), e, cmdutil.RelToWD(inv.Path))
	}
}

// runRollup writes the roll-up file of a đảng ủy trực thuộc for one quarter.
func runRollup(o *Options, ws *workspace.Workspace, p period.Period) error {
	f := o.F
	if p.Kind != period.KindQuarter {
		return cmdutil.UsageError(f.T("--rollup cần một quý (ví dụ 2025-Q2)", "--rollup needs a quarter (e.g. 2025-Q2)"))
	}
	u := ws.Units.Lookup(o.Rollup)
	if u == nil || len(u.Children) == 0 {
		return cmdutil.UsageError(fmt.Sprintf(f.T("%s không phải là đơn vị có đơn vị trực thuộc (xem vdhv units list)", "%s is not a unit with sub-units (see vdhv units list)"), o.Rollup))
	}
	q := p.Quarters()[0]
	if !u.ActiveIn(q) {
		return cmdutil.UsageError(fmt.Sprintf(f.T("đơn vị %s không hoạt động trong %s", "unit %s is not active in %s"), u.Code, q))
	}
	_, statuses, err := engine.Status(ws, p, nil)
	if err != nil {
		return cmdutil.Failure(err.Error(), err)
	}
	sub := BuildRollup(u.Code, ws, q, statuses, f.Now())
	path := o.Output
	if path == "" {
		path = filepath.Join(ws.Root, "out", q.String(), u.Code+"-tong-hop-"+q.String()+".xlsx")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return cmdutil.Failure(f.T("không tạo được thư mục", "cannot create the folder"), err)
	}
	if err := form.WriteFile(path, sub, form.WriteOptions{Units: ws.Units, Windows: ws.Config.Windows}); err != nil {
		return cmdutil.Failure(f.T("không ghi được tệp", "cannot write the file"), err)
	}
	fmt.Fprintln(f.IO.Out, cmdutil.RelToWD(path))
	return nil
}

// BuildRollup makes the roll-up submission of unit code for quarter q: every expected unit
// of its subtree is listed on `Đơn vị tổng hợp` with its status, and the rows of the valid
// current files are copied with `Mã đơn vị báo cáo` set. Units covered by a lower roll-up
// are taken over from it.
func BuildRollup(code string, ws *workspace.Workspace, q period.Quarter, statuses []workspace.UnitStatus, now time.Time) *form.Submission {
	u := ws.Units.Lookup(code)
	sub := form.Blank(u, q, true)
	sub.Purchases, sub.Activities, sub.Covered = nil, nil, nil
	sub.Info.Preparer = "vdhv aggregate --rollup"
	// Ngày lập: the quarter's last day at the earliest, so that a roll-up written later is
	// still valid; never the wall clock inside the quarter.
	_, last := ws.Config.Windows.QuarterRange(q)
	sub.Info.Prepared = last
	if n := now.In(period.Zone); n.After(last) {
		sub.Info.Prepared = time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, time.UTC)
	}
	var list []workspace.UnitStatus
	for _, s := range statuses {
		if s.Quarter == q && (s.Unit == u || u.IsAncestorOf(s.Unit)) {
			list = append(list, s)
		}
	}
	sort.SliceStable(list, func(i, j int) bool { return list[i].Unit.Index < list[j].Unit.Index })
	for _, s := range list {
		cu := form.CoveredUnit{Code: s.Unit.Code, Name: s.Unit.Name, Status: form.CoverMissing}
		switch s.Status {
		case workspace.StatusOnTime:
			cu.Status = form.CoverReported
		case workspace.StatusLate:
			cu.Status = form.CoverLate
		}
		if s.ReceivedKnown {
			r := s.Received.In(period.Zone)
			cu.Received = time.Date(r.Year(), r.Month(), r.Day(), 0, 0, 0, 0, time.UTC)
		}
		if cu.Status != form.CoverMissing && s.Entry != nil && s.Entry.Valid() {
			src := s.Entry.Result.Submission
			for _, a := range src.Agreements {
				if a.Unit == s.Unit.Code {
					sub.Agreements = append(sub.Agreements, a)
				}
			}
			for _, x := range src.Purchases {
				if x.Unit == s.Unit.Code {
					sub.Purchases = append(sub.Purchases, x)
				}
			}
			for _, x := range src.Checks {
				if x.Unit == s.Unit.Code {
					sub.Checks = append(sub.Checks, x)
				}
			}
			for _, x := range src.Activities {
				if x.Unit == s.Unit.Code {
					sub.Activities = append(sub.Activities, x)
				}
			}
		} else if cu.Status != form.CoverMissing {
			cu.Status = form.CoverMissing
		}
		sub.Covered = append(sub.Covered, cu)
	}
	return sub
}

// groupByFile turns workspace problems into per-file reports (paths relative to the
// working directory).
func groupByFile(l finding.List) []finding.FileReport {
	var out []finding.FileReport
	idx := map[string]int{}
	for _, x := range l {
		x.File = cmdutil.RelToWD(x.File)
		for _, k := range []string{"rollup", "other"} {
			if v, ok := x.Params[k]; ok {
				x.Params[k] = cmdutil.RelToWD(v)
			}
		}
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

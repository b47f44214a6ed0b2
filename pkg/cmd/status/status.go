// Package status implements `vdhv status`: who has reported, late, invalid or missing.
//
// Every file of the period is read (an invalid file counts as not reported), through the
// same scan cache as `vdhv aggregate` (engine.StatusOnly): re-running status, or
// aggregating after it, reads only new or changed files.
package status

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/xuri/excelize/v2"

	"github.com/vdhv/vdhv/pkg/cmdutil"
	"github.com/vdhv/vdhv/pkg/engine"
	"github.com/vdhv/vdhv/pkg/finding"
	"github.com/vdhv/vdhv/pkg/period"
	"github.com/vdhv/vdhv/pkg/units"
	"github.com/vdhv/vdhv/pkg/vnfmt"
	"github.com/vdhv/vdhv/pkg/workspace"
)

// Options of `vdhv status`.
type Options struct {
	F           *cmdutil.Factory
	Period      string
	Format      string
	Output      string
	FailMissing bool
}

// NewCmdStatus builds the command; runF replaces the run function in tests.
func NewCmdStatus(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	o := &Options{F: f}
	cmd := &cobra.Command{
		Use:   f.T("status --period KỲ", "status --period PERIOD"),
		Short: f.T("Xem đơn vị nào đã báo cáo, báo cáo muộn, tệp lỗi, chưa báo cáo", "Show which units reported, late, invalid or missing"),
		Long: f.T(`Với mỗi đơn vị phải báo cáo (đang hoạt động) trong từng quý của kỳ: đúng hạn, muộn (nhận sau hạn =
cuối quý + deadline_days trong vdhv.yaml), không hợp lệ (tệp có lỗi) hoặc chưa báo cáo. Nhóm theo đảng
ủy trực thuộc, có số lượng và tỷ lệ. KỲ là một quý (2025-Q2), nửa năm (2025-H1) hoặc năm (2025).

Mã thoát: 0 (kể cả khi còn đơn vị chưa báo cáo), trừ khi có --fail-missing thì 1 nếu còn đơn vị chưa báo cáo.`,
			`For every unit that must report (active) in each quarter of the period: on time, late (received
after the deadline = quarter end + deadline_days from vdhv.yaml), invalid (the file has errors)
or missing. Grouped by đảng ủy trực thuộc, with counts and rates. PERIOD is a quarter (2025-Q2),
a half year (2025-H1) or a year (2025).

Exit code: 0 (even with missing units), unless --fail-missing: then 1 when a unit is missing.`),
		Example: "  vdhv status --period 2025-Q2\n  vdhv status --period 2025 --format xlsx -o trang-thai-2025.xlsx",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if !slices.Contains([]string{"text", "json", "xlsx"}, o.Format) {
				return cmdutil.UsageError(f.T("--format nhận: text, json, xlsx", "--format takes: text, json, xlsx"))
			}
			if runF != nil {
				return runF(o)
			}
			return Run(o)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&o.Period, "period", "", f.T("kỳ: 2025-Q2, 2025-H1 hoặc 2025", "period: 2025-Q2, 2025-H1 or 2025"))
	fl.StringVar(&o.Format, "format", "text", f.T("dạng kết quả: text, json, xlsx", "output format: text, json, xlsx"))
	fl.StringVarP(&o.Output, "output", "o", "", f.T("ghi vào tệp (mặc định với xlsx: out/<kỳ>/trang-thai-<kỳ>.xlsx)", "write to a file (xlsx default: out/<period>/trang-thai-<period>.xlsx)"))
	fl.BoolVar(&o.FailMissing, "fail-missing", false, f.T("thoát với mã 1 nếu còn đơn vị chưa báo cáo", "exit 1 when a unit is missing"))
	return cmd
}

// ParsePeriod reads --period, as a usage error when wrong.
func ParsePeriod(f *cmdutil.Factory, s string) (period.Period, error) {
	if s == "" {
		return period.Period{}, cmdutil.UsageError(f.T("thiếu --period (ví dụ 2025-Q2, 2025-H1, 2025)", "missing --period (e.g. 2025-Q2, 2025-H1, 2025)"))
	}
	p, err := period.ParsePeriod(s)
	if err != nil {
		return p, cmdutil.UsageError(f.T("kỳ không hợp lệ: ", "invalid period: ") + s + f.T(" (ví dụ 2025-Q2, 2025-H1, 2025)", " (e.g. 2025-Q2, 2025-H1, 2025)"))
	}
	return p, nil
}

// Counts of (unit, quarter) pairs.
type Counts struct {
	Expected int `json:"expected"`
	OnTime   int `json:"on_time"`
	Late     int `json:"late"`
	Invalid  int `json:"invalid"`
	Missing  int `json:"missing"`
}

func (c *Counts) add(status string) {
	c.Expected++
	switch status {
	case workspace.StatusOnTime:
		c.OnTime++
	case workspace.StatusLate:
		c.Late++
	case workspace.StatusInvalid:
		c.Invalid++
	default:
		c.Missing++
	}
}

// Rate is the share of expected reports received (on time or late); never above 1.
func (c Counts) Rate() (float64, bool) {
	if c.Expected == 0 {
		return 0, false
	}
	return float64(c.OnTime+c.Late) / float64(c.Expected), true
}

// Cell is one unit's status in one quarter.
type Cell struct {
	Quarter  string `json:"quarter"`
	Status   string `json:"status"`
	Received string `json:"received,omitempty"` // RFC 3339, when known
	File     string `json:"file,omitempty"`
}

// Row is one unit.
type Row struct {
	Code     string `json:"code"`
	Name     string `json:"name"`
	Quarters []Cell `json:"quarters"`
}

// Group is one đảng ủy trực thuộc (or the cơ sở directly under the bloc).
type Group struct {
	Code string `json:"code"`
	Name string `json:"name"`
	Counts
	Units []Row `json:"units"`
}

// Table is the whole status of a period.
type Table struct {
	Period   string   `json:"period"`
	Quarters []string `json:"quarters"`
	Groups   []Group  `json:"groups"`
	Total    Counts   `json:"total"`
}

// Build groups the statuses (preorder, then quarter) by the root's children.
func Build(tree *units.Tree, p period.Period, statuses []workspace.UnitStatus, root string) Table {
	t := Table{Period: p.String()}
	for _, q := range p.Quarters() {
		t.Quarters = append(t.Quarters, q.String())
	}
	groupOf := map[string]int{}
	rowOf := map[string][2]int{}
	for _, s := range statuses {
		top := tree.TopLevel(s.Unit)
		gcode, gname := "", ""
		switch {
		case top == nil: // the root itself
			gcode, gname = tree.Root.Code, tree.Root.Name
		case len(top.Children) == 0: // a cơ sở directly under the bloc
			gcode, gname = tree.Root.Code, tree.Root.Name
		default:
			gcode, gname = top.Code, top.Name
		}
		gi, ok := groupOf[gcode]
		if !ok {
			gi = len(t.Groups)
			groupOf[gcode] = gi
			t.Groups = append(t.Groups, Group{Code: gcode, Name: gname})
		}
		g := &t.Groups[gi]
		g.add(s.Status)
		t.Total.add(s.Status)
		ri, ok := rowOf[s.Unit.Code]
		if !ok {
			ri = [2]int{gi, len(g.Units)}
			rowOf[s.Unit.Code] = ri
			g.Units = append(g.Units, Row{Code: s.Unit.Code, Name: s.Unit.Name})
		}
		c := Cell{Quarter: s.Quarter.String(), Status: s.Status}
		if s.ReceivedKnown {
			c.Received = s.Received.In(period.Zone).Format("2006-01-02T15:04:05-07:00")
		}
		if s.Entry != nil {
			c.File = relTo(root, s.Entry.Path)
		}
		row := &t.Groups[ri[0]].Units[ri[1]]
		row.Quarters = append(row.Quarters, c)
	}
	return t
}

func relTo(root, path string) string {
	if r, err := filepath.Rel(root, path); err == nil && !strings.HasPrefix(r, "..") {
		return filepath.ToSlash(r)
	}
	return path
}

// Run shows the status.
func Run(o *Options) error {
	f := o.F
	p, err := ParsePeriod(f, o.Period)
	if err != nil {
		return err
	}
	ws, err := f.Workspace()
	if err != nil {
		return err
	}
	update, done := f.Progress(f.T("Đang đọc tệp", "Reading files"))
	statuses, err := engine.StatusOnly(ws, p, update, "")
	done()
	if err != nil {
		return cmdutil.Failure(err.Error(), err)
	}
	t := Build(ws.Units, p, statuses, ws.Root)
	en := f.Lang == finding.EN
	var buf bytes.Buffer
	switch o.Format {
	case "json":
		enc := json.NewEncoder(&buf)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(t); err != nil {
			return cmdutil.Failure(err.Error(), err)
		}
	case "xlsx":
		if o.Output == "" {
			o.Output = filepath.Join(ws.Root, "out", p.String(), "trang-thai-"+p.String()+".xlsx")
		}
		if err := WriteXLSX(&buf, t, en); err != nil {
			return cmdutil.Failure(err.Error(), err)
		}
	default:
		WriteText(&buf, t, en, ws.Config.DeadlineDays)
	}
	if o.Output != "" {
		if err := cmdutil.WriteOutput(o.Output, buf.Bytes()); err != nil {
			return cmdutil.Failure(f.T("không ghi được ", "cannot write ")+o.Output, err)
		}
		fmt.Fprintln(f.IO.Out, o.Output)
	} else {
		f.IO.Out.Write(buf.Bytes())
	}
	if o.FailMissing && t.Total.Missing > 0 {
		return cmdutil.DataError(fmt.Sprintf(f.T("còn %d lượt chưa báo cáo", "%d reports missing"), t.Total.Missing))
	}
	return nil
}

// StatusWord is the status in the user's language.
func StatusWord(s string, en bool) string {
	vi := map[string]string{workspace.StatusOnTime: "đúng hạn", workspace.StatusLate: "muộn", workspace.StatusInvalid: "không hợp lệ", workspace.StatusMissing: "chưa báo cáo"}
	eng := map[string]string{workspace.StatusOnTime: "on time", workspace.StatusLate: "late", workspace.StatusInvalid: "invalid", workspace.StatusMissing: "missing"}
	if en {
		return eng[s]
	}
	return vi[s]
}

func countsText(c Counts, en bool) string {
	rate, ok := c.Rate()
	if en {
		return fmt.Sprintf("%d expected, %d on time, %d late, %d invalid, %d missing (%s reported)",
			c.Expected, c.OnTime, c.Late, c.Invalid, c.Missing, vnfmt.Percent(rate, ok, 1, true))
	}
	return fmt.Sprintf("%d lượt phải báo cáo, %d đúng hạn, %d muộn, %d không hợp lệ, %d chưa báo cáo (đã báo cáo %s)",
		c.Expected, c.OnTime, c.Late, c.Invalid, c.Missing, vnfmt.Percent(rate, ok, 1, false))
}

// WriteText writes the table for people.
func WriteText(w io.Writer, t Table, en bool, deadlineDays int) {
	if en {
		fmt.Fprintf(w, "Reporting status %s (%s); deadline: %d days after each quarter\n", t.Period, strings.Join(t.Quarters, ", "), deadlineDays)
	} else {
		fmt.Fprintf(w, "Tình hình báo cáo kỳ %s (%s); hạn nộp: %d ngày sau cuối mỗi quý\n", t.Period, strings.Join(t.Quarters, ", "), deadlineDays)
	}
	for _, g := range t.Groups {
		fmt.Fprintf(w, "\n%s  %s: %s\n", g.Code, g.Name, countsText(g.Counts, en))
		for _, r := range g.Units {
			var parts []string
			for _, c := range r.Quarters {
				s := c.Quarter + " " + StatusWord(c.Status, en)
				if c.Received != "" && (c.Status == workspace.StatusLate || c.Status == workspace.StatusOnTime) {
					s += " (" + c.Received[8:10] + "/" + c.Received[5:7] + "/" + c.Received[:4] + ")"
				}
				parts = append(parts, s)
			}
			fmt.Fprintf(w, "  %-12s %s\n      %s\n", r.Code, r.Name, strings.Join(parts, "; "))
		}
	}
	label := "Toàn Khối"
	if en {
		label = "Whole bloc"
	}
	fmt.Fprintf(w, "\n%s: %s\n", label, countsText(t.Total, en))
}

// WriteXLSX writes the table as a workbook (one sheet, a row per unit, a column per quarter).
func WriteXLSX(w io.Writer, t Table, en bool) error {
	x := excelize.NewFile()
	defer x.Close()
	sheet := "Tình hình báo cáo"
	if err := x.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	head := []any{"Mã đơn vị", "Tên đơn vị"}
	for _, q := range t.Quarters {
		head = append(head, q)
	}
	bold, _ := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}})
	x.SetSheetRow(sheet, "A1", &head)
	x.SetRowStyle(sheet, 1, 1, bold)
	row := 2
	for _, g := range t.Groups {
		rate, ok := g.Rate()
		vals := []any{g.Code, g.Name + " — " + countsText(g.Counts, en)}
		_ = rate
		_ = ok
		cell, _ := excelize.CoordinatesToCellName(1, row)
		x.SetSheetRow(sheet, cell, &vals)
		x.SetRowStyle(sheet, row, row, bold)
		row++
		for _, r := range g.Units {
			vals := []any{r.Code, r.Name}
			for _, c := range r.Quarters {
				vals = append(vals, StatusWord(c.Status, en))
			}
			cell, _ := excelize.CoordinatesToCellName(1, row)
			x.SetSheetRow(sheet, cell, &vals)
			x.SetRowOutlineLevel(sheet, row, 1)
			row++
		}
	}
	total := []any{"", countsText(t.Total, en)}
	cell, _ := excelize.CoordinatesToCellName(1, row)
	x.SetSheetRow(sheet, cell, &total)
	x.SetRowStyle(sheet, row, row, bold)
	x.SetColWidth(sheet, "A", "A", 14)
	x.SetColWidth(sheet, "B", "B", 60)
	x.SetColWidth(sheet, "C", "F", 14)
	x.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	return x.Write(w)
}

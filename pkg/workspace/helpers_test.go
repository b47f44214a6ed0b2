package workspace

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/vdhv/vdhv/pkg/form"
	"github.com/vdhv/vdhv/pkg/period"
)

// fixture describes a minimal VDHV-01 workbook for the tests.
type fixture struct {
	Unit     string // Mã đơn vị
	Quarter  string // Kỳ báo cáo
	Preparer string // Người lập biểu; vary it to get different content
	Version  string // Phiên bản biểu mẫu; "" = VDHV-01 (any other is an error)
	Prepared string // Ngày lập as text; "" = 10 days after the quarter
	Rollup   bool
	Covered  [][2]string // roll-ups: code, Tình trạng
}

func q(s string) period.Quarter {
	qq, err := period.ParseQuarter(s)
	if err != nil {
		panic(err)
	}
	return qq
}

// fixtureBytes builds the workbook with excelize (independent of form.Write). Fixed
// document properties keep the bytes a function of the fixture.
func fixtureBytes(t testing.TB, f fixture) []byte {
	t.Helper()
	x := excelize.NewFile()
	defer x.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(x.SetSheetName("Sheet1", form.SheetInfo))
	prepared := f.Prepared
	if prepared == "" {
		if qq, err := period.ParseQuarter(f.Quarter); err == nil {
			_, last := period.Calendar.QuarterRange(qq)
			prepared = period.FormatVN(last.AddDate(0, 0, 5))
		} else {
			prepared = "01/01/2025"
		}
	}
	kind := form.ReportKindUnit
	if f.Rollup {
		kind = form.ReportKindRollup
	}
	info := [][2]string{{"Mã đơn vị", f.Unit}, {"Kỳ báo cáo", f.Quarter}, {"Loại báo cáo", kind},
		{"Người lập biểu", f.Preparer}, {"Ngày lập", prepared}, {"Phiên bản biểu mẫu", cmpOr(f.Version, form.FormVersion)}}
	for i, kv := range info {
		must(x.SetCellStr(form.SheetInfo, "A"+itoa(i+1), kv[0]))
		if kv[1] != "" {
			must(x.SetCellStr(form.SheetInfo, "B"+itoa(i+1), kv[1]))
		}
	}
	for _, s := range form.Form[1:] {
		if !s.IsTable() {
			continue
		}
		_, err := x.NewSheet(s.Name)
		must(err)
		for i, c := range form.ColumnsFor(s, f.Rollup) {
			cell, _ := excelize.CoordinatesToCellName(i+1, 1)
			must(x.SetCellStr(s.Name, cell, c.Header))
		}
	}
	if f.Rollup {
		_, err := x.NewSheet(form.SheetCovered)
		must(err)
		for i, c := range form.CoveredSheet.Columns {
			cell, _ := excelize.CoordinatesToCellName(i+1, 1)
			must(x.SetCellStr(form.SheetCovered, cell, c.Header))
		}
		for r, c := range f.Covered {
			must(x.SetCellStr(form.SheetCovered, "A"+itoa(r+2), c[0]))
			must(x.SetCellStr(form.SheetCovered, "C"+itoa(r+2), c[1]))
		}
	}
	fixed := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).Format(time.RFC3339)
	must(x.SetDocProps(&excelize.DocProperties{Created: fixed, Modified: fixed, Creator: "test"}))
	buf, err := x.WriteToBuffer()
	must(err)
	return buf.Bytes()
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// writeFixture writes the fixture to dir/name and returns the path.
func writeFixture(t testing.TB, dir, name string, f fixture) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, fixtureBytes(t, f), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// newWorkspace makes a workspace in a temporary folder with testdata/units.yaml and the
// given vdhv.yaml text ("" = none).
func newWorkspace(t testing.TB, cfg string) *Workspace {
	t.Helper()
	dir := t.TempDir()
	data, err := os.ReadFile(filepath.Join("testdata", "units.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, UnitsFile), data, 0o644); err != nil {
		t.Fatal(err)
	}
	if cfg != "" {
		if err := os.WriteFile(filepath.Join(dir, ConfigFile), []byte(cfg), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	w, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func readLedgerLines(t testing.TB, w *Workspace) []string {
	t.Helper()
	data, err := os.ReadFile(w.ledgerPath())
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range splitLines(string(data)) {
		lines = append(lines, l)
	}
	return lines
}

func splitLines(s string) []string {
	var out []string
	for len(s) > 0 {
		i := 0
		for i < len(s) && s[i] != '\n' {
			i++
		}
		out = append(out, s[:i])
		if i == len(s) {
			break
		}
		s = s[i+1:]
	}
	return out
}

var t0 = time.Date(2025, 7, 5, 9, 30, 0, 0, period.Zone)

func TestFixtureIsValid(t *testing.T) {
	w := newWorkspace(t, "")
	tests := []struct {
		name  string
		f     fixture
		valid bool
	}{
		{"unit", fixture{Unit: "DU-XD-01", Quarter: "2025-Q2", Preparer: "Nguyễn Văn A"}, true},
		{"rollup", fixture{Unit: "DU-XD", Quarter: "2025-Q2", Preparer: "B", Rollup: true,
			Covered: [][2]string{{"DU-XD-01", form.CoverReported}, {"DU-XD-02", form.CoverLate}}}, true},
		{"bad version", fixture{Unit: "DU-XD-01", Quarter: "2025-Q2", Preparer: "A", Version: "VDHV-99"}, false},
		{"unknown unit", fixture{Unit: "NOPE", Quarter: "2025-Q2", Preparer: "A"}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := writeFixture(t, t.TempDir(), "f.xlsx", tc.f)
			res := form.ReadFile(p, w.formOptions(period.Quarter{}))
			if got := !res.HasErrors(); got != tc.valid {
				t.Fatalf("valid = %v, want %v; findings:\n%v", got, tc.valid, res.Findings)
			}
		})
	}
}

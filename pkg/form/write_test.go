package form

import (
	"archive/zip"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/vdhv/vdhv/pkg/finding"
	"github.com/vdhv/vdhv/pkg/period"
	"github.com/vdhv/vdhv/pkg/units"
	"github.com/vdhv/vdhv/pkg/vntext"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"
)

// The -update flag rewrites the golden files. Another test file of the package may define
// it first; then that definition is used.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden files")
	}
}

func wUpdateGolden() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

const wUnitsYAML = `code: DUK
name: Đảng bộ Khối Doanh nghiệp tỉnh Hải Đông
kind: khoi
units:
  - code: DU-XD
    name: Đảng ủy Tổng công ty Xây dựng Hải Đông
    kind: dang-uy-truc-thuoc
    reports: true
    units:
      - { code: DU-XD-01, name: Đảng bộ Công ty cổ phần Xây dựng số 1, kind: dang-bo-co-so }
      - { code: DU-XD-02, name: Chi bộ Công ty TNHH Tư vấn Thiết kế, kind: chi-bo-co-so, active_from: 2025-Q4 }
  - code: DU-VT
    name: Đảng ủy Tổng công ty Viễn thông Hải Đông
    kind: dang-uy-truc-thuoc
    units:
      - { code: 38.168.053, name: Chi bộ Trung tâm Kinh doanh, kind: chi-bo-co-so }
      - { code: DU-VT-02, name: Đảng bộ Công ty Dịch vụ Viễn thông, kind: dang-bo-co-so }
  - { code: DUK-01, name: Chi bộ Công ty cổ phần Cấp nước, kind: chi-bo-co-so, active_until: 2025-Q1 }
  - { code: DUK-02, name: Đảng bộ Công ty Điện lực Hải Đông, kind: dang-bo-co-so }
`

var wQuarter = period.Quarter{Year: 2025, Q: 3}

func wTree(t testing.TB) *units.Tree {
	t.Helper()
	tree, err := units.Parse([]byte(wUnitsYAML), "units.yaml", units.Options{})
	if err != nil {
		t.Fatalf("units: %v", err)
	}
	return tree
}

func wDay(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func wWrite(t testing.TB, sub *Submission, opt WriteOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, sub, opt); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return buf.Bytes()
}

func wReadBack(t testing.TB, data []byte, tree *units.Tree, w period.Windows) *Result {
	t.Helper()
	res := ReadBytes(data, "test.xlsx", Options{Units: tree, Windows: w})
	if res.Submission == nil {
		t.Fatalf("ReadBytes: no submission; findings:\n%s", wFindings(res.Findings))
	}
	return res
}

func wFindings(l finding.List) string {
	var b strings.Builder
	for _, f := range l {
		fmt.Fprintf(&b, "  %s %s!%s %q %v\n", f.Rule.Code, f.Sheet, f.Cell, f.Found, f.Params)
	}
	return b.String()
}

func wOpen(t testing.TB, data []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("excelize cannot open the written workbook: %v", err)
	}
	t.Cleanup(func() { _ = f.Close() })
	return f
}

// (1) A blank template of every kind of unit reads back with no error and exactly the two
// warnings that tell the unit what it must still fill in (Người lập biểu, Ngày lập), and with
// no finding at all once they are filled.
func TestBlankReadsBack(t *testing.T) {
	tree := wTree(t)
	tests := []struct {
		code   string
		rollup bool
	}{
		{"DU-XD-01", false},   // đảng bộ cơ sở
		{"38.168.053", false}, // chi bộ cơ sở, dotted code
		{"DUK-02", false},     // cơ sở directly under the bloc
		{"DU-XD", false},      // đảng ủy trực thuộc reporting for its own office
		{"DU-XD", true},       // its roll-up
		{"DU-VT", true},       // đảng ủy trực thuộc that does not report itself
		{"DUK", true},         // the bloc
	}
	for _, w := range []period.Windows{period.Calendar, period.ND09} {
		for _, tc := range tests {
			t.Run(fmt.Sprintf("%s/%v/%s", tc.code, tc.rollup, w), func(t *testing.T) {
				u := tree.Lookup(tc.code)
				sub := Blank(u, wQuarter, tc.rollup)
				opt := WriteOptions{Units: tree, Windows: w}
				res := wReadBack(t, wWrite(t, sub, opt), tree, w)
				var got []string
				for _, f := range res.Findings {
					got = append(got, f.Rule.Code+" "+f.Sheet+"!"+f.Cell)
				}
				want := []string{
					finding.RuleInfoEmpty.Code + " " + SheetInfo + "!B7",  // Người lập biểu
					finding.RuleInfoEmpty.Code + " " + SheetInfo + "!B10", // Ngày lập
				}
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("findings of the blank form:\n got %q\nwant %q\n%s", got, want, wFindings(res.Findings))
				}
				filled := Blank(u, wQuarter, tc.rollup)
				filled.Info.Preparer = "Nguyễn Văn An"
				first, _ := w.QuarterRange(wQuarter)
				filled.Info.Prepared = first.AddDate(0, 3, 20)
				res = wReadBack(t, wWrite(t, filled, opt), tree, w)
				if len(res.Findings) != 0 {
					t.Fatalf("blank form with preparer and date: want no findings, got\n%s", wFindings(res.Findings))
				}
				wCompare(t, wNormalized(filled), res.Submission)
			})
		}
	}
}

func TestBlankContent(t *testing.T) {
	tree := wTree(t)
	u := tree.Lookup("DU-XD-01")
	b := Blank(u, wQuarter, false)
	if b.Info.UnitCode != "DU-XD-01" || b.Info.UnitName != u.Name || b.Info.Quarter != wQuarter ||
		b.Info.Kind != ReportKindUnit || b.Info.FormVersion != FormVersion || b.Info.Preparer != "" || !b.Info.Prepared.IsZero() {
		t.Errorf("Info = %+v", b.Info)
	}
	var cats, inds []string
	for _, p := range b.Purchases {
		cats = append(cats, p.Category)
		if p.Total != 0 || p.Domestic != 0 || p.InBloc != 0 || p.Unit != "DU-XD-01" {
			t.Errorf("purchase %+v", p)
		}
	}
	for _, a := range b.Activities {
		inds = append(inds, a.Indicator)
		if a.Count != 0 || a.Value != 0 || a.Unit != "DU-XD-01" {
			t.Errorf("activity %+v", a)
		}
	}
	if !reflect.DeepEqual(cats, EnumCategory.Values) || !reflect.DeepEqual(inds, EnumIndicator.Values) {
		t.Errorf("categories %q\nindicators %q", cats, inds)
	}
	if len(b.Agreements)+len(b.Checks)+len(b.Evaluation)+len(b.Covered) != 0 {
		t.Errorf("blank unit form has rows: %+v", b)
	}

	covered := func(code string, q period.Quarter) []string {
		var out []string
		for _, c := range Blank(tree.Lookup(code), q, true).Covered {
			if c.Status != CoverMissing {
				t.Errorf("%s: status %q", c.Code, c.Status)
			}
			out = append(out, c.Code)
		}
		return out
	}
	for _, tc := range []struct {
		code string
		q    period.Quarter
		want []string
	}{
		{"DU-XD", wQuarter, []string{"DU-XD", "DU-XD-01"}},
		{"DU-XD", period.Quarter{Year: 2025, Q: 4}, []string{"DU-XD", "DU-XD-01", "DU-XD-02"}},
		{"DU-VT", wQuarter, []string{"38.168.053", "DU-VT-02"}},
		{"DUK", period.Quarter{Year: 2025, Q: 1}, []string{"DU-XD", "DU-XD-01", "38.168.053", "DU-VT-02", "DUK-01", "DUK-02"}},
	} {
		if got := covered(tc.code, tc.q); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("roll-up %s %s covers %q, want %q", tc.code, tc.q, got, tc.want)
		}
	}
	rb := Blank(tree.Lookup("DU-XD"), wQuarter, true)
	if rb.Info.Kind != ReportKindRollup || len(rb.Purchases)+len(rb.Activities) != 0 {
		t.Errorf("roll-up skeleton: %+v", rb)
	}
	if nb := Blank(nil, wQuarter, false); nb.Info.UnitCode != "" || len(nb.Purchases) != 7 {
		t.Errorf("Blank(nil) = %+v", nb)
	}
}

// wNFD returns s decomposed (combining marks), as some keyboards and Mac files produce.
func wNFD(s string) string { return norm.NFD.String(s) }

// wFilled is a unit's report using every feature of the form.
func wFilled() *Submission {
	code := "DU-XD-01"
	long := strings.Repeat("Kết quả tốt. ", 307) + "Hết" // 3,994 characters
	sub := &Submission{
		Info: Info{
			UnitCode: code, UnitName: "Đảng bộ Công ty cổ phần Xây dựng số 1", Quarter: wQuarter,
			Kind: ReportKindUnit, Preparer: wNFD("Nguyễn Thị Hoà"), Phone: "+84 912 345 678",
			Email: "hoa.nt@xaydung1.vn", Prepared: wDay(2025, 10, 5), FormVersion: FormVersion,
		},
		Agreements: []Agreement{
			{Unit: code, Number: "12/2024/TTHT-BĐVN-VNPT", PartnerCode: "38.168.053", PartnerName: "Trung tâm Kinh doanh VNPT Hải Đông",
				InBloc: true, Role: RoleSupply, Field: EnumField.Values[0], Signed: wDay(2025, 7, 15), Expires: wDay(2027, 7, 14),
				Status: StatusNew, Contracts: 3, ContractValue: 1234567, Delivered: 1000500, Note: "=SUM(A1)"},
			{Unit: code, Number: "@home", PartnerName: "+84 912 Công ty TNHH Ánh Dương",
				InBloc: false, Role: RoleUse, Field: "Khác", Signed: wDay(2024, 1, 10),
				Status: StatusActive, Contracts: 0, ContractValue: 0, Delivered: 1, Note: "-5 dòng, xem =A1"},
			{Unit: code, Number: wNFD("05/2023/TTHT-XD-ĐL"), PartnerCode: "DUK-02", PartnerName: wNFD("Công ty Điện lực Hải Đông"),
				InBloc: true, Role: RoleBoth, Field: "Điện, năng lượng, dầu khí", Signed: wDay(2023, 5, 2), Expires: wDay(2025, 9, 30),
				Status: StatusDone, Contracts: 12, ContractValue: 999999999999, Delivered: 250, Note: "  hai   khoảng\ntrắng  "},
			{Unit: code, Number: "1.234", PartnerCode: "DU-XD", InBloc: true, Role: RoleUse, Field: "Xây dựng, vật liệu xây dựng",
				Signed: wDay(2025, 9, 30), Status: StatusTerminated, Note: "0912345678"},
		},
		Checks: []Check{
			{Unit: code, Kind: "Kiểm tra", Start: wDay(2025, 7, 1), Target: "DUK-02", Content: "Kiểm tra việc sử dụng hàng Việt",
				InProgramme: true, Result: "Tốt", Recs: 5, Remedied: 3, Note: "+ đạt yêu cầu"},
			{Unit: code, Kind: "Giám sát thường xuyên", Start: wDay(2025, 9, 30), Target: wNFD("Phòng Kế hoạch – Vật tư"), Content: "@mua sắm",
				InProgramme: false, Result: "Đang thực hiện"},
		},
		Evaluation: []Narrative{
			{Label: "Kết quả nổi bật", Text: "Dòng 1\nDòng 2\n\n=1+1"},
			{Label: "Hạn chế, nguyên nhân", Text: wNFD("Chưa khoẻ, thuỷ lợi")},
			{Label: "Đề xuất, kiến nghị", Text: "-"},
			{Label: "Nhiệm vụ kỳ tới", Text: long},
		},
	}
	money := []Money{1, 1500, 2000000, 123456, 0, 999999999999, 42}
	for i, c := range EnumCategory.Values {
		m := money[i]
		sub.Purchases = append(sub.Purchases, Purchase{Unit: code, Category: c, Total: m, Domestic: m / 2, InBloc: m / 3, Note: fmt.Sprintf("nhóm %d", i+1)})
	}
	for i, ind := range EnumIndicator.Values {
		a := Activity{Unit: code, Indicator: ind, Count: int64(i * 7)}
		if ValuedIndicators[ind] {
			a.Value = Money(1000*i + 7)
		}
		sub.Activities = append(sub.Activities, a)
	}
	return sub
}

// wNormalized returns what the reader gives for sub: texts cleaned, keys computed, Unit
// filled, evaluation texts only where non-empty.
func wNormalized(in *Submission) *Submission {
	c := vntext.Clean
	s := *in
	s.Info.UnitCode, s.Info.UnitName, s.Info.Preparer = c(s.Info.UnitCode), c(s.Info.UnitName), c(s.Info.Preparer)
	s.Info.Phone, s.Info.Email, s.Info.FormVersion = c(s.Info.Phone), c(s.Info.Email), c(s.Info.FormVersion)
	if s.Info.Kind == "" {
		s.Info.Kind = ReportKindUnit
	}
	unit := func(u string) string {
		if s.IsRollup() {
			return c(u)
		}
		return s.Info.UnitCode
	}
	s.Agreements = nil
	for _, a := range in.Agreements {
		a.Unit, a.Number, a.PartnerCode, a.PartnerName, a.Note = unit(a.Unit), c(a.Number), c(a.PartnerCode), c(a.PartnerName), c(a.Note)
		a.NumberKey = vntext.Key(a.Number)
		s.Agreements = append(s.Agreements, a)
	}
	s.Purchases = nil
	for _, p := range in.Purchases {
		p.Unit, p.Note = unit(p.Unit), c(p.Note)
		s.Purchases = append(s.Purchases, p)
	}
	s.Checks = nil
	for _, ch := range in.Checks {
		ch.Unit, ch.Target, ch.Content, ch.Note = unit(ch.Unit), c(ch.Target), c(ch.Content), c(ch.Note)
		s.Checks = append(s.Checks, ch)
	}
	s.Activities = nil
	for _, a := range in.Activities {
		a.Unit, a.Note = unit(a.Unit), c(a.Note)
		s.Activities = append(s.Activities, a)
	}
	s.Evaluation = nil
	for _, n := range in.Evaluation {
		if t := c(n.Text); t != "" {
			s.Evaluation = append(s.Evaluation, Narrative{Label: n.Label, Text: t})
		}
	}
	s.Covered = nil
	for _, cu := range in.Covered {
		cu.Code, cu.Name = c(cu.Code), c(cu.Name)
		s.Covered = append(s.Covered, cu)
	}
	return &s
}

// wCompare compares field by field, ignoring Row, Path and Fingerprint.
func wCompare(t *testing.T, want, got *Submission) {
	t.Helper()
	wDiff(t, "Info", reflect.ValueOf(want.Info), reflect.ValueOf(got.Info))
	for _, name := range []string{"Agreements", "Purchases", "Checks", "Activities", "Evaluation", "Covered"} {
		wv, gv := reflect.ValueOf(*want).FieldByName(name), reflect.ValueOf(*got).FieldByName(name)
		if wv.Len() != gv.Len() {
			t.Errorf("%s: %d rows read, want %d", name, gv.Len(), wv.Len())
			continue
		}
		for i := 0; i < wv.Len(); i++ {
			wDiff(t, fmt.Sprintf("%s[%d]", name, i), wv.Index(i), gv.Index(i))
		}
	}
}

func wDiff(t *testing.T, path string, want, got reflect.Value) {
	t.Helper()
	for i := 0; i < want.NumField(); i++ {
		name := want.Type().Field(i).Name
		if name == "Row" {
			continue
		}
		w, g := want.Field(i).Interface(), got.Field(i).Interface()
		if wt, ok := w.(time.Time); ok {
			if gt := g.(time.Time); !wt.Equal(gt) {
				t.Errorf("%s.%s = %v, want %v", path, name, gt, wt)
			}
			continue
		}
		if !reflect.DeepEqual(w, g) {
			t.Errorf("%s.%s = %#v, want %#v", path, name, g, w)
		}
	}
}

// (2) Round trip of a filled unit report.
func TestRoundTrip(t *testing.T) {
	tree := wTree(t)
	sub := wFilled()
	res := wReadBack(t, wWrite(t, sub, WriteOptions{Units: tree}), tree, period.Calendar)
	if len(res.Findings) != 0 {
		t.Fatalf("want no findings, got\n%s", wFindings(res.Findings))
	}
	wCompare(t, wNormalized(sub), res.Submission)
}

// Without a unit tree the writer still works (no partner list) and the file reads back.
func TestRoundTripWithoutUnits(t *testing.T) {
	sub := wFilled()
	data := wWrite(t, sub, WriteOptions{})
	res := wReadBack(t, data, nil, period.Calendar)
	if len(res.Findings) != 0 {
		t.Fatalf("want no findings, got\n%s", wFindings(res.Findings))
	}
	wCompare(t, wNormalized(sub), res.Submission)
	f := wOpen(t, data)
	for _, dn := range f.GetDefinedName() {
		if dn.Name == ListPartnerCodes {
			t.Errorf("partner list defined without a unit tree: %+v", dn)
		}
	}
}

func wRollup() *Submission {
	sub := &Submission{
		Info: Info{UnitCode: "DU-XD", UnitName: "Đảng ủy Tổng công ty Xây dựng Hải Đông", Quarter: wQuarter, Kind: ReportKindRollup,
			Preparer: "Trần Văn Bình", Prepared: wDay(2025, 10, 12), FormVersion: FormVersion},
		Agreements: []Agreement{
			{Unit: "DU-XD-01", Number: "01/2025/TTHT", PartnerCode: "DUK-02", PartnerName: "Điện lực", InBloc: true, Role: RoleUse,
				Field: "Khác", Signed: wDay(2025, 8, 1), Status: StatusNew, Contracts: 1, ContractValue: 500, Delivered: 100},
			{Unit: "DU-XD", Number: "01/2025/TTHT", PartnerCode: "DUK-02", InBloc: true, Role: RoleSupply,
				Field: "Khác", Signed: wDay(2025, 8, 1), Status: StatusNew},
		},
		Purchases: []Purchase{
			{Unit: "DU-XD-01", Category: EnumCategory.Values[0], Total: 100000, Domestic: 90000, InBloc: 5000},
			{Unit: "DU-XD", Category: EnumCategory.Values[0], Total: 7, Domestic: 7},
			{Unit: "DU-XD", Category: EnumCategory.Values[6], Total: 1, Note: "=HYPERLINK(\"x\")"},
		},
		Checks: []Check{
			{Unit: "DU-XD", Kind: "Giám sát chuyên đề", Start: wDay(2025, 8, 8), Target: "DU-XD-01", Content: "Giám sát", InProgramme: true, Result: "Đạt", Recs: 2, Remedied: 2},
		},
		Activities: []Activity{
			{Unit: "DU-XD-01", Indicator: EnumIndicator.Values[0], Count: 2},
			{Unit: "DU-XD", Indicator: EnumIndicator.Values[0], Count: 1},
			{Unit: "DU-XD", Indicator: IndicatorInitiatives, Count: 1, Value: 12345},
		},
		Covered: []CoveredUnit{
			{Code: "DU-XD", Name: "Đảng ủy Tổng công ty Xây dựng Hải Đông", Status: CoverReported, Received: wDay(2025, 10, 3)},
			{Code: "DU-XD-01", Name: "Đảng bộ Công ty cổ phần Xây dựng số 1", Status: CoverLate, Received: wDay(2025, 10, 20)},
		},
	}
	return sub
}

// (3) Round trip of a roll-up.
func TestRollupRoundTrip(t *testing.T) {
	tree := wTree(t)
	sub := wRollup()
	data := wWrite(t, sub, WriteOptions{Units: tree})
	res := wReadBack(t, data, tree, period.Calendar)
	if len(res.Findings) != 0 {
		t.Fatalf("want no findings, got\n%s", wFindings(res.Findings))
	}
	wCompare(t, wNormalized(sub), res.Submission)

	f := wOpen(t, data)
	want := []string{SheetInfo, SheetAgreements, SheetPurchases, SheetChecks, SheetActivities, SheetEvaluation, SheetCovered, SheetGuide, SheetLists}
	if got := f.GetSheetList(); !reflect.DeepEqual(got, want) {
		t.Errorf("sheets %q, want %q", got, want)
	}
	for _, s := range Form {
		if !s.IsTable() {
			continue
		}
		a, _ := f.GetCellValue(s.Name, "A3")
		b, _ := f.GetCellValue(s.Name, "B3")
		if a != "STT" || b != HeaderReportingUnit {
			t.Errorf("%s: header starts %q, %q; want STT, %s", s.Name, a, b, HeaderReportingUnit)
		}
	}
	// The unit list of roll-ups holds the reporting units of the subtree.
	codes := wListValues(t, f, ListReportingUnits)
	if want := []string{"DU-XD", "DU-XD-01", "DU-XD-02"}; !reflect.DeepEqual(codes, want) {
		t.Errorf("%s = %q, want %q", ListReportingUnits, codes, want)
	}
}

// Text is always text, never a formula: no worksheet of any written workbook has an <f>.
func TestTextNeverFormula(t *testing.T) {
	tree := wTree(t)
	for name, sub := range map[string]*Submission{"unit": wFilled(), "rollup": wRollup()} {
		data := wWrite(t, sub, WriteOptions{Units: tree})
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		sheets := 0
		for _, zf := range zr.File {
			if !strings.HasPrefix(zf.Name, "xl/worksheets/") {
				continue
			}
			sheets++
			rc, err := zf.Open()
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(rc)
			rc.Close()
			if bytes.Contains(body, []byte("<f>")) || bytes.Contains(body, []byte("<f ")) {
				t.Errorf("%s: %s holds a formula", name, zf.Name)
			}
		}
		if sheets < 8 {
			t.Errorf("%s: only %d worksheets", name, sheets)
		}
	}
	f := wOpen(t, wWrite(t, wFilled(), WriteOptions{Units: tree}))
	noteCol := colName(len(ColumnsFor(SheetByName(SheetAgreements), false)))
	for ref, want := range map[string]string{noteCol + "4": "=SUM(A1)", "B5": "@home", "D5": "+84 912 Công ty TNHH Ánh Dương", "B7": "1.234", noteCol + "7": "0912345678"} {
		typ, _ := f.GetCellType(SheetAgreements, ref)
		v, _ := f.GetCellValue(SheetAgreements, ref)
		fo, _ := f.GetCellFormula(SheetAgreements, ref)
		if typ != excelize.CellTypeSharedString || v != want || fo != "" {
			t.Errorf("%s: type %v value %q formula %q; want a string %q", ref, typ, v, fo, want)
		}
	}
	typ, _ := f.GetCellType(SheetInfo, "B8")
	if v, _ := f.GetCellValue(SheetInfo, "B8"); typ != excelize.CellTypeSharedString || v != "+84 912 345 678" {
		t.Errorf("phone: type %v value %q", typ, v)
	}
}

// Numbers are numeric cells with the form's formats; dates are date cells.
func TestCellTypesAndFormats(t *testing.T) {
	tree := wTree(t)
	f := wOpen(t, wWrite(t, wFilled(), WriteOptions{Units: tree}))
	sh := SheetAgreements
	tests := []struct {
		ref, raw, fmt string
	}{
		{"K4", "3", "#,##0"},
		{"L4", "1234.567", "#,##0.###"},
		{"M4", "1000.5", "#,##0.###"},
		{"H4", "45853", "dd/mm/yyyy"}, // 15/07/2025
		{"I4", "46582", "dd/mm/yyyy"}, // 14/07/2027
		{"L6", "999999999.999", "#,##0.###"},
	}
	for _, tc := range tests {
		typ, _ := f.GetCellType(sh, tc.ref)
		raw, _ := f.GetCellValue(sh, tc.ref, excelize.Options{RawCellValue: true})
		if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
			t.Errorf("%s: type %v, want a number", tc.ref, typ)
		}
		if raw != tc.raw {
			t.Errorf("%s: raw %q, want %q", tc.ref, raw, tc.raw)
		}
		if got := wNumFmt(t, f, sh, tc.ref); got != tc.fmt {
			t.Errorf("%s: format %q, want %q", tc.ref, got, tc.fmt)
		}
	}
	if shown, _ := f.GetCellValue(sh, "H4"); shown != "15/07/2025" {
		t.Errorf("H4 shows %q", shown)
	}
	// Zero figures are empty cells.
	if v, _ := f.GetCellValue(sh, "K5"); v != "" {
		t.Errorf("K5 (zero contracts) = %q, want empty", v)
	}
	if got := wNumFmt(t, f, SheetInfo, "B10"); got != "dd/mm/yyyy" {
		t.Errorf("Ngày lập format %q", got)
	}
}

func wNumFmt(t *testing.T, f *excelize.File, sheet, ref string) string {
	t.Helper()
	id, err := f.GetCellStyle(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if st.CustomNumFmt != nil {
		return *st.CustomNumFmt
	}
	return map[int]string{0: "General", 1: "0", 3: "#,##0", 49: "@"}[st.NumFmt]
}

// (4) Determinism: byte-identical output, fixed document properties.
func TestDeterministic(t *testing.T) {
	tree := wTree(t)
	for name, sub := range map[string]*Submission{
		"blank": Blank(tree.Lookup("DU-XD-01"), wQuarter, false), "filled": wFilled(), "rollup": wRollup(),
	} {
		a := wWrite(t, sub, WriteOptions{Units: tree})
		b := wWrite(t, sub, WriteOptions{Units: tree})
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two writes differ", name)
		}
		props, err := wOpen(t, a).GetDocProps()
		if err != nil {
			t.Fatal(err)
		}
		if props.Creator != "vdhv" || props.Created != "2025-07-01T00:00:00Z" || props.Modified != props.Created {
			t.Errorf("%s: doc props %+v", name, props)
		}
	}
	// ND09 windows: the quarter starts on 15/06.
	a := wWrite(t, wFilled(), WriteOptions{Units: tree, Windows: period.ND09})
	if props, _ := wOpen(t, a).GetDocProps(); props.Created != "2025-06-15T00:00:00Z" {
		t.Errorf("ND09 created %q", props.Created)
	}
	// Without a quarter, a fixed date.
	a = wWrite(t, &Submission{}, WriteOptions{})
	if props, _ := wOpen(t, a).GetDocProps(); props.Created != "2025-01-01T00:00:00Z" {
		t.Errorf("no quarter: created %q", props.Created)
	}
	// Different content gives different bytes (the test above could not pass vacuously).
	other := wFilled()
	other.Info.Preparer = "Người khác"
	if bytes.Equal(wWrite(t, wFilled(), WriteOptions{Units: tree}), wWrite(t, other, WriteOptions{Units: tree})) {
		t.Error("different submissions give identical bytes")
	}
}

type wDV struct {
	sqref, typ, operator, f1, f2, errStyle string
}

// (5) Data validations on the expected ranges, named lists, hidden `Danh mục`.
func TestValidations(t *testing.T) {
	tree := wTree(t)
	sub := Blank(tree.Lookup("DU-XD-01"), wQuarter, false)
	f := wOpen(t, wWrite(t, sub, WriteOptions{Units: tree}))
	serial := func(y int, m time.Month, d int) string { return fmt.Sprint(excelSerial(wDay(y, m, d))) }
	lo, hi := serial(1945, 1, 1), serial(2100, 12, 31)
	qFirst, qLast := serial(2025, 7, 1), serial(2025, 9, 30)
	end := func(rows int) int { return TableHeaderRow + rows + InputRows }
	want := map[string][]wDV{
		SheetAgreements: {
			{fmt.Sprintf("B4:B%d", end(0)), "", "", "", "", ""},
			{fmt.Sprintf("C4:C%d", end(0)), "list", "", ListPartnerCodes, "", "warning"},
			{fmt.Sprintf("D4:D%d", end(0)), "", "", "", "", ""},
			{fmt.Sprintf("E4:E%d", end(0)), "list", "", EnumYesNo.Name, "", "stop"},
			{fmt.Sprintf("F4:F%d", end(0)), "list", "", EnumRole.Name, "", "stop"},
			{fmt.Sprintf("G4:G%d", end(0)), "list", "", EnumField.Name, "", "stop"},
			{fmt.Sprintf("H4:H%d", end(0)), "date", "between", lo, qLast, "stop"},
			{fmt.Sprintf("I4:I%d", end(0)), "date", "between", lo, hi, "stop"},
			{fmt.Sprintf("J4:J%d", end(0)), "list", "", EnumStatus.Name, "", "stop"},
			{fmt.Sprintf("K4:K%d", end(0)), "whole", "greaterThanOrEqual", "0", "", "stop"},
			{fmt.Sprintf("L4:L%d", end(0)), "decimal", "greaterThanOrEqual", "0", "", "stop"},
			{fmt.Sprintf("M4:M%d", end(0)), "decimal", "greaterThanOrEqual", "0", "", "stop"},
		},
		SheetPurchases: {
			{fmt.Sprintf("B4:B%d", end(7)), "list", "", EnumCategory.Name, "", "stop"},
			{fmt.Sprintf("C4:C%d", end(7)), "decimal", "greaterThanOrEqual", "0", "", "stop"},
			{fmt.Sprintf("D4:D%d", end(7)), "decimal", "greaterThanOrEqual", "0", "", "stop"},
			{fmt.Sprintf("E4:E%d", end(7)), "decimal", "greaterThanOrEqual", "0", "", "stop"},
		},
		SheetChecks: {
			{fmt.Sprintf("B4:B%d", end(0)), "list", "", EnumCheckKind.Name, "", "stop"},
			{fmt.Sprintf("C4:C%d", end(0)), "date", "between", qFirst, qLast, "stop"},
			{fmt.Sprintf("D4:D%d", end(0)), "", "", "", "", ""},
			{fmt.Sprintf("E4:E%d", end(0)), "", "", "", "", ""},
			{fmt.Sprintf("F4:F%d", end(0)), "list", "", EnumYesNo.Name, "", "stop"},
			{fmt.Sprintf("G4:G%d", end(0)), "list", "", EnumCheckResult.Name, "", "stop"},
			{fmt.Sprintf("H4:H%d", end(0)), "whole", "greaterThanOrEqual", "0", "", "stop"},
			{fmt.Sprintf("I4:I%d", end(0)), "whole", "greaterThanOrEqual", "0", "", "stop"},
		},
		SheetActivities: {
			{fmt.Sprintf("B4:B%d", end(9)), "list", "", EnumIndicator.Name, "", "stop"},
			{fmt.Sprintf("C4:C%d", end(9)), "whole", "greaterThanOrEqual", "0", "", "stop"},
			{fmt.Sprintf("D4:D%d", end(9)), "decimal", "greaterThanOrEqual", "0", "", "stop"},
		},
		SheetInfo: {
			{"B6", "list", "", EnumReportKind.Name, "", "stop"},
			{"B10", "date", "between", qFirst, hi, "stop"},
		},
		SheetEvaluation: {
			{"B3", "textLength", "lessThanOrEqual", "4000", "", "stop"},
			{"B6", "textLength", "lessThanOrEqual", "4000", "", "stop"},
		},
	}
	for sheet, wants := range want {
		dvs, err := f.GetDataValidations(sheet)
		if err != nil {
			t.Fatal(err)
		}
		bySqref := map[string]*excelize.DataValidation{}
		for _, dv := range dvs {
			bySqref[dv.Sqref] = dv
			wCheckDVTexts(t, sheet, dv)
		}
		for _, w := range wants {
			dv := bySqref[w.sqref]
			if dv == nil {
				t.Errorf("%s: no validation on %s", sheet, w.sqref)
				continue
			}
			es := ""
			if dv.ErrorStyle != nil {
				es = *dv.ErrorStyle
			}
			got := wDV{dv.Sqref, dv.Type, dv.Operator, dv.Formula1, dv.Formula2, es}
			if got != w {
				t.Errorf("%s: validation\n got %+v\nwant %+v", sheet, got, w)
			}
			if w.typ != "" && (dv.PromptTitle == nil || dv.Prompt == nil || *dv.Prompt == "" || !dv.ShowInputMessage) {
				t.Errorf("%s %s: no input message", sheet, w.sqref)
			}
		}
	}
	// Input messages come from the schema's HelpVI.
	dvs, _ := f.GetDataValidations(SheetAgreements)
	for _, dv := range dvs {
		if strings.HasPrefix(dv.Sqref, "B4:") && (dv.Prompt == nil || *dv.Prompt != SheetByName(SheetAgreements).Column(ColNumber).HelpVI) {
			t.Errorf("Số thỏa thuận prompt = %v", dv.Prompt)
		}
	}

	// `Danh mục` is hidden; the others are visible.
	for _, name := range f.GetSheetList() {
		visible, err := f.GetSheetVisible(name)
		if err != nil {
			t.Fatal(err)
		}
		if visible == (name == SheetLists) {
			t.Errorf("sheet %s visible = %v", name, visible)
		}
	}
	// Every list holds its enumeration, in order.
	for _, e := range listEnums {
		if got := wListValues(t, f, e.Name); !reflect.DeepEqual(got, e.Values) {
			t.Errorf("list %s = %q, want %q", e.Name, got, e.Values)
		}
	}
	// Partner codes: bare codes of every unit but the root and the unit itself; labels next to them.
	codes := wListValues(t, f, ListPartnerCodes)
	if want := []string{"DU-XD", "DU-XD-02", "DU-VT", "38.168.053", "DU-VT-02", "DUK-01", "DUK-02"}; !reflect.DeepEqual(codes, want) {
		t.Errorf("partner codes %q, want %q", codes, want)
	}
	ref := wDefinedName(t, f, ListPartnerCodes)
	col := strings.Split(strings.Split(ref, "!$")[1], "$")[0]
	labelCol, _ := excelize.ColumnNameToNumber(col)
	if l, _ := f.GetCellValue(SheetLists, cellName(labelCol+1, 2)); l != "DU-XD — Đảng ủy Tổng công ty Xây dựng Hải Đông" {
		t.Errorf("first partner label %q", l)
	}
	// Frozen panes below the header; header bold and filled.
	for _, s := range Form {
		if !s.IsTable() {
			continue
		}
		p, err := f.GetPanes(s.Name)
		if err != nil {
			t.Fatal(err)
		}
		if !p.Freeze || p.YSplit != TableHeaderRow || p.TopLeftCell != "A4" {
			t.Errorf("%s: panes %+v", s.Name, p)
		}
		id, _ := f.GetCellStyle(s.Name, "B3")
		st, _ := f.GetStyle(id)
		if st.Font == nil || !st.Font.Bold || st.Alignment == nil || !st.Alignment.WrapText || len(st.Fill.Color) == 0 {
			t.Errorf("%s: header style %+v", s.Name, st)
		}
		for i, c := range s.Columns {
			w, _ := f.GetColWidth(s.Name, colName(i+1))
			if w != c.Width {
				t.Errorf("%s: column %s width %v, want %v", s.Name, c.Header, w, c.Width)
			}
		}
	}
}

// wCheckDVTexts checks Excel's limits on validation texts (longer ones make Excel repair the
// file).
func wCheckDVTexts(t *testing.T, sheet string, dv *excelize.DataValidation) {
	t.Helper()
	for _, c := range []struct {
		s   *string
		max int
	}{{dv.PromptTitle, maxDVTitle}, {dv.ErrorTitle, maxDVTitle}, {dv.Prompt, maxDVPrompt}, {dv.Error, maxDVError}} {
		if c.s != nil && utf16Len(*c.s) > c.max {
			t.Errorf("%s %s: text of %d characters > %d: %q", sheet, dv.Sqref, utf16Len(*c.s), c.max, *c.s)
		}
	}
}

func wDefinedName(t *testing.T, f *excelize.File, name string) string {
	t.Helper()
	for _, dn := range f.GetDefinedName() {
		if dn.Name == name {
			return dn.RefersTo
		}
	}
	t.Fatalf("no defined name %s", name)
	return ""
}

// wListValues returns the values of a named list on `Danh mục`.
func wListValues(t *testing.T, f *excelize.File, name string) []string {
	t.Helper()
	ref := wDefinedName(t, f, name)
	sheetPart, rng, ok := strings.Cut(ref, "!")
	if !ok || strings.Trim(sheetPart, "'") != SheetLists {
		t.Fatalf("%s refers to %q", name, ref)
	}
	from, to, _ := strings.Cut(strings.ReplaceAll(rng, "$", ""), ":")
	c1, r1, err1 := excelize.CellNameToCoordinates(from)
	c2, r2, err2 := excelize.CellNameToCoordinates(to)
	if err1 != nil || err2 != nil || c1 != c2 {
		t.Fatalf("%s refers to %q", name, ref)
	}
	var out []string
	for r := r1; r <= r2; r++ {
		v, _ := f.GetCellValue(SheetLists, cellName(c1, r))
		out = append(out, v)
	}
	return out
}

// Every enumeration the schema uses has a list; every column and label has a guide entry.
func TestSchemaCoverage(t *testing.T) {
	listed := map[*Enumeration]bool{}
	for _, e := range listEnums {
		listed[e] = true
	}
	sheets := append(append([]*Sheet(nil), Form...), CoveredSheet)
	used := map[string]bool{}
	for _, s := range sheets {
		for _, c := range append(ColumnsFor(s, true), s.Columns...) {
			if c.Enum != nil && !listed[c.Enum] {
				t.Errorf("%s: enumeration %s of %s has no list", s.Name, c.Enum.Name, c.Header)
			}
			if g := guideField(s.Name, c.Key); g == "" {
				t.Errorf("%s: column %s has no guide text", s.Name, c.Header)
			}
			used[s.Name+"/"+c.Key], used["*/"+c.Key] = true, true
		}
		for _, l := range s.Labels {
			if l.Enum != nil && !listed[l.Enum] {
				t.Errorf("%s: enumeration %s of %s has no list", s.Name, l.Enum.Name, l.Text)
			}
			if g := guideField(s.Name, l.Key); g == "" {
				t.Errorf("%s: label %s has no guide text", s.Name, l.Text)
			}
			used[s.Name+"/"+l.Key] = true
		}
	}
	var unused []string
	for k := range guideFields {
		if !used[k] {
			unused = append(unused, k)
		}
	}
	sort.Strings(unused)
	if len(unused) > 0 {
		t.Errorf("guide texts for no column: %q", unused)
	}
	for _, gs := range guideSheets {
		if SheetByName(gs.Sheet) == nil {
			t.Errorf("guide section for unknown sheet %q", gs.Sheet)
		}
	}
}

func TestGuideWording(t *testing.T) {
	cal := guidePeriod(wQuarter, period.Calendar)
	nd := guidePeriod(wQuarter, period.ND09)
	if !strings.Contains(cal, "01/07/2025") || !strings.Contains(cal, "30/09/2025") || !strings.Contains(cal, "dương lịch") {
		t.Errorf("calendar wording: %s", cal)
	}
	if !strings.Contains(nd, "15/06/2025") || !strings.Contains(nd, "14/09/2025") || !strings.Contains(nd, "09/2019") {
		t.Errorf("ND09 wording: %s", nd)
	}
	if z := guidePeriod(period.Quarter{}, period.Calendar); strings.Contains(z, "/20") {
		t.Errorf("no quarter: %s", z)
	}
	unitRows := guideRows([]string{SheetInfo}, wQuarter, period.Calendar, false)
	rollRows := guideRows([]string{SheetInfo}, wQuarter, period.Calendar, true)
	has := func(rows []guideRow, s string) bool {
		for _, r := range rows {
			if strings.Contains(r.a, s) || strings.Contains(r.b, s) {
				return true
			}
		}
		return false
	}
	if has(unitRows, SheetCovered) || has(unitRows, HeaderReportingUnit) {
		t.Error("unit guide mentions the roll-up sheet or column")
	}
	if !has(rollRows, "Trang «"+SheetCovered+"»") || !has(rollRows, HeaderReportingUnit) {
		t.Error("roll-up guide lacks the roll-up sheet or column")
	}
	for _, s := range []string{"triệu đồng", "dd/mm/yyyy", "Mới ký", "cùng một Số thỏa thuận", "3 chữ số thập phân"} {
		if !has(unitRows, s) {
			t.Errorf("guide does not mention %q", s)
		}
	}
}

func TestWriteErrors(t *testing.T) {
	var buf bytes.Buffer
	err := Write(&buf, nil, WriteOptions{})
	var we *WriteError
	if !errors.As(err, &we) || we.Localized("vi") == "" || we.Error() == "" {
		t.Errorf("Write(nil) = %v", err)
	}
	bad := wFilled()
	bad.Evaluation = append(bad.Evaluation, Narrative{Label: "Ý kiến khác", Text: "x"})
	if err := Write(&buf, bad, WriteOptions{}); !errors.As(err, &we) || !strings.Contains(we.Localized("vi"), "Ý kiến khác") {
		t.Errorf("unknown evaluation label: %v", err)
	}
	dup := wFilled()
	dup.Evaluation = append(dup.Evaluation, Narrative{Label: "kết quả nổi bật", Text: "x"})
	if err := Write(&buf, dup, WriteOptions{}); err == nil {
		t.Error("duplicate evaluation label accepted")
	}
	huge := wFilled()
	huge.Agreements[0].Note = strings.Repeat("x", excelize.TotalCellChars+1)
	if err := Write(&buf, huge, WriteOptions{}); !errors.As(err, &we) {
		t.Errorf("over-long text: %v", err)
	}
	if err := Write(wFailWriter{}, wFilled(), WriteOptions{}); !errors.As(err, &we) || !errors.Is(err, wErrDiskFull) {
		t.Errorf("failing writer: %v", err)
	}
}

var wErrDiskFull = errors.New("disk full")

type wFailWriter struct{}

func (wFailWriter) Write([]byte) (int, error) { return 0, wErrDiskFull }

func TestWriteFile(t *testing.T) {
	tree := wTree(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "DU-XD-01.xlsx")
	sub := wFilled()
	if err := WriteFile(path, sub, WriteOptions{Units: tree}); err != nil {
		t.Fatal(err)
	}
	res := ReadFile(path, Options{Units: tree})
	if res.HasErrors() || len(res.Findings) != 0 {
		t.Fatalf("findings:\n%s", wFindings(res.Findings))
	}
	data, _ := os.ReadFile(path)
	if !bytes.Equal(data, wWrite(t, sub, WriteOptions{Units: tree})) {
		t.Error("WriteFile and Write differ")
	}
	// A failing Write leaves the existing file untouched and no temporary file.
	bad := wFilled()
	bad.Evaluation = []Narrative{{Label: "?", Text: "x"}}
	var we *WriteError
	if err := WriteFile(path, bad, WriteOptions{Units: tree}); !errors.As(err, &we) || we.Path != path {
		t.Errorf("WriteFile(bad) = %v", err)
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(after, data) {
		t.Error("failed WriteFile changed the file")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("folder holds %q", names)
	}
	// A missing folder is an error naming the path, leaving nothing behind.
	missing := filepath.Join(dir, "no", "such", "x.xlsx")
	if err := WriteFile(missing, sub, WriteOptions{}); !errors.As(err, &we) || !strings.Contains(err.Error(), missing) {
		t.Errorf("WriteFile(missing folder) = %v", err)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("file written in a missing folder")
	}
}

// Odd inputs never panic and always give a workbook excelize and the reader can open.
func TestWriteOddInputs(t *testing.T) {
	tree := wTree(t)
	odd := []*Submission{
		{},
		{Info: Info{Kind: ReportKindRollup}},
		{Info: Info{UnitCode: "NOPE", Quarter: period.Quarter{Year: 2025, Q: 9}},
			Agreements: []Agreement{{Number: "x\x00y\x01z\ufffe", Signed: wDay(1, 1, 1), Expires: wDay(1899, 12, 31), Delivered: -5, Contracts: -1}},
			Covered:    []CoveredUnit{{Code: "A"}}},
		{Info: Info{UnitCode: "DU-XD", Kind: ReportKindRollup, Quarter: wQuarter}, Purchases: []Purchase{{Unit: "ZZ", Category: "không có"}}},
	}
	for i, sub := range odd {
		for _, opt := range []WriteOptions{{}, {Units: tree, Windows: period.ND09}} {
			var buf bytes.Buffer
			if err := Write(&buf, sub, opt); err != nil {
				t.Errorf("%d: %v", i, err)
				continue
			}
			wOpen(t, buf.Bytes())
			if res := ReadBytes(buf.Bytes(), "odd.xlsx", Options{Units: opt.Units}); res.Submission == nil {
				t.Errorf("%d: unreadable:\n%s", i, wFindings(res.Findings))
			}
		}
	}
	// A date before 1900-03-01 is written as text and read back as an implausible date.
	var buf bytes.Buffer
	_ = Write(&buf, odd[2], WriteOptions{})
	f := wOpen(t, buf.Bytes())
	if v, _ := f.GetCellValue(SheetAgreements, "I4"); v != "31/12/1899" {
		t.Errorf("old date written as %q", v)
	}
}

func TestClip(t *testing.T) {
	for _, tc := range []struct {
		in   string
		n    int
		want string
	}{
		{"Số thỏa thuận", 32, "Số thỏa thuận"},
		{"Giá trị hợp đồng ký trong kỳ (triệu đồng)", 32, "Giá trị hợp đồng ký trong kỳ…"},
		{"Trong chương trình kiểm tra, giám sát năm", 32, "Trong chương trình kiểm tra…"},
		{"abc, def", 6, "abc…"},
		{"abcdefghij", 6, "abcde…"},
		{"😀😀😀", 4, "😀…"},
	} {
		got := clip(tc.in, tc.n)
		if got != tc.want || utf16Len(got) > tc.n {
			t.Errorf("clip(%q, %d) = %q, want %q", tc.in, tc.n, got, tc.want)
		}
	}
}

func TestExcelSerial(t *testing.T) {
	for _, tc := range []struct {
		t    time.Time
		want int64
	}{
		{wDay(1900, 3, 1), 61},
		{wDay(1945, 1, 1), 16438},
		{wDay(2025, 7, 15), 45853},
		{wDay(2100, 12, 31), 73415},
		{time.Date(2025, 7, 15, 23, 59, 0, 0, time.FixedZone("+07", 7*3600)), 45853},
	} {
		if got := excelSerial(tc.t); got != tc.want {
			t.Errorf("excelSerial(%v) = %d, want %d", tc.t, got, tc.want)
		}
		back, err := period.FromExcelSerial(float64(tc.want), false)
		if err != nil || back.Format("2006-01-02") != tc.t.Format("2006-01-02") {
			t.Errorf("FromExcelSerial(%d) = %v, %v", tc.want, back, err)
		}
	}
}

// Golden dumps of the blank unit form and the roll-up skeleton: every non-empty cell with
// its type and format, the validations, the named lists, panes and visibility. Run with
// -update to rewrite them after an intended change.
func TestGolden(t *testing.T) {
	tree := wTree(t)
	for _, tc := range []struct {
		name string
		sub  *Submission
		opt  WriteOptions
	}{
		{"blank-unit", Blank(tree.Lookup("DU-XD-01"), wQuarter, false), WriteOptions{Units: tree}},
		{"blank-rollup-nd09", Blank(tree.Lookup("DU-XD"), wQuarter, true), WriteOptions{Units: tree, Windows: period.ND09}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := wDump(t, wWrite(t, tc.sub, tc.opt))
			path := filepath.Join("testdata", "form-golden", tc.name+".txt")
			if wUpdateGolden() {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -run TestGolden -update)", err)
			}
			if got != string(want) {
				gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
				for i := 0; i < len(gl) || i < len(wl); i++ {
					var g, w string
					if i < len(gl) {
						g = gl[i]
					}
					if i < len(wl) {
						w = wl[i]
					}
					if g != w {
						t.Fatalf("%s differs at line %d:\n got %q\nwant %q\n(run with -update if intended)", path, i+1, g, w)
					}
				}
			}
		})
	}
}

func wDump(t *testing.T, data []byte) string {
	t.Helper()
	f := wOpen(t, data)
	var b strings.Builder
	props, _ := f.GetDocProps()
	fmt.Fprintf(&b, "props: creator=%s created=%s modified=%s title=%s\n", props.Creator, props.Created, props.Modified, props.Title)
	for _, dn := range f.GetDefinedName() {
		fmt.Fprintf(&b, "name %s = %s\n", dn.Name, dn.RefersTo)
	}
	for _, sh := range f.GetSheetList() {
		visible, _ := f.GetSheetVisible(sh)
		p, _ := f.GetPanes(sh)
		fmt.Fprintf(&b, "\n== %s visible=%v freeze=%v ysplit=%d topleft=%s\n", sh, visible, p.Freeze, p.YSplit, p.TopLeftCell)
		rows, err := f.GetRows(sh, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c, v := range row {
				if v == "" {
					continue
				}
				ref := cellName(c+1, r+1)
				typ, _ := f.GetCellType(sh, ref)
				fmt.Fprintf(&b, "%s t=%d f=%s %q\n", ref, typ, wNumFmt(t, f, sh, ref), v)
			}
		}
		dvs, _ := f.GetDataValidations(sh)
		for _, dv := range dvs {
			str := func(p *string) string {
				if p == nil {
					return ""
				}
				return *p
			}
			fmt.Fprintf(&b, "dv %s type=%s op=%s f1=%s f2=%s style=%s title=%q prompt=%q error=%q\n",
				dv.Sqref, dv.Type, dv.Operator, dv.Formula1, dv.Formula2, str(dv.ErrorStyle), str(dv.PromptTitle), str(dv.Prompt), str(dv.Error))
		}
	}
	return b.String()
}

// FuzzWriteText: any text written in a text cell reads back as its cleaned self (or with a
// finding about the cell), never as a formula, and Write never fails below Excel's limit.
func FuzzWriteText(f *testing.F) {
	for _, s := range []string{"=SUM(A1)", "+84 912", "@home", "-1", "1.234", wNFD("Thỏa thuận"), "a\x00b", "\ufeff", " ", "Tæng c«ng ty", "'=1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 1000 {
			return
		}
		sub := &Submission{Info: Info{UnitCode: "X", Quarter: wQuarter, FormVersion: FormVersion, Preparer: "P", Prepared: wDay(2025, 8, 1)},
			Checks: []Check{{Kind: "Kiểm tra", Start: wDay(2025, 8, 1), Target: "T", Content: "C", Result: "Đạt", Note: s}}}
		var buf bytes.Buffer
		if err := Write(&buf, sub, WriteOptions{}); err != nil {
			t.Fatalf("Write: %v", err)
		}
		res := ReadBytes(buf.Bytes(), "f.xlsx", Options{})
		if res.Submission == nil || len(res.Submission.Checks) != 1 {
			t.Fatalf("not read back:\n%s", wFindings(res.Findings))
		}
		noteFindings := false
		for _, fd := range res.Findings {
			if fd.Sheet == SheetChecks {
				noteFindings = true
			}
		}
		got := res.Submission.Checks[0].Note
		if !noteFindings && got != vntext.Clean(wXMLSafe(s)) {
			t.Fatalf("note %q read back as %q", s, got)
		}
		if strings.HasPrefix(got, "=") {
			fo, _ := wOpen(t, buf.Bytes()).GetCellFormula(SheetChecks, "K4")
			if fo != "" {
				t.Fatalf("formula %q", fo)
			}
		}
	})
}

// wXMLSafe replaces the characters XML 1.0 cannot hold by U+FFFD, as the XML encoder does:
// the written file cannot keep them.
func wXMLSafe(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return r
		case r < 0x20, r >= 0xd800 && r <= 0xdfff, r == 0xfffe, r == 0xffff:
			return '\ufffd'
		}
		return r
	}, s) // strings.Map turns each invalid UTF-8 byte into U+FFFD, as the encoder does
}

func BenchmarkWriteBlank(b *testing.B) {
	tree := wTree(b)
	sub := Blank(tree.Lookup("DU-XD-01"), wQuarter, false)
	opt := WriteOptions{Units: tree}
	for b.Loop() {
		if err := Write(io.Discard, sub, opt); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWriteFilled(b *testing.B) {
	tree := wTree(b)
	sub := wFilled()
	opt := WriteOptions{Units: tree}
	for b.Loop() {
		if err := Write(io.Discard, sub, opt); err != nil {
			b.Fatal(err)
		}
	}
}

package form

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/vdhv/vdhv/pkg/finding"
	"github.com/vdhv/vdhv/pkg/period"
	"github.com/vdhv/vdhv/pkg/units"
	"github.com/vdhv/vdhv/pkg/xlsxread"
)

const rulesUnitsYAML = `code: DUK
name: Đảng bộ Khối Doanh nghiệp tỉnh Hải Đông
kind: khoi
units:
  - code: DU-XD
    name: Đảng ủy Tổng công ty Xây dựng Hải Đông
    kind: dang-uy-truc-thuoc
    units:
      - { code: DU-XD-01, name: Đảng bộ Công ty cổ phần Xây dựng số 1, kind: dang-bo-co-so }
      - { code: DU-XD-02, name: Chi bộ Công ty TNHH Tư vấn Thiết kế, kind: chi-bo-co-so, active_from: 2025-Q2 }
  - { code: DUK-01, name: Chi bộ Công ty cổ phần Cấp nước, kind: chi-bo-co-so, active_until: 2025-Q1 }
  - { code: DUK-02, name: Chi bộ Công ty Điện lực Hải Đông, kind: chi-bo-co-so }
`

func rulesTree(t testing.TB) *units.Tree {
	t.Helper()
	tree, err := units.Parse([]byte(rulesUnitsYAML), "units.yaml", units.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return tree
}

func d(y, m, day int) time.Time { return time.Date(y, time.Month(m), day, 0, 0, 0, 0, time.UTC) }

var q2 = period.Quarter{Year: 2025, Q: 2}

// baseSubmission is a valid, filled report of DU-XD-01 for 2025-Q2.
func baseSubmission(tree *units.Tree) *Submission {
	s := Blank(tree.Lookup("DU-XD-01"), q2, false)
	s.Info.Preparer = "Nguyễn Thị Lan"
	s.Info.Phone = "0912 345 678"
	s.Info.Email = "lan.nt@xaydung1.vn"
	s.Info.Prepared = d(2025, 7, 5)
	s.Agreements = []Agreement{
		{Number: "12/2024/TTHT-XD-DL", PartnerCode: "DUK-02", PartnerName: "Công ty Điện lực Hải Đông", InBloc: true,
			Role: RoleSupply, Field: "Xây dựng, vật liệu xây dựng", Signed: d(2024, 3, 15), Expires: d(2027, 3, 15),
			Status: StatusActive, Contracts: 2, ContractValue: 1500500, Delivered: 800000},
		{Number: "05/2025/TTHT", PartnerName: "Công ty TNHH Thương mại ABC", InBloc: false,
			Role: RoleUse, Field: "Thương mại, dịch vụ", Signed: d(2025, 4, 10), Status: StatusNew, Contracts: 1, ContractValue: 200000},
	}
	s.Purchases = []Purchase{
		{Category: "Văn phòng phẩm", Total: 120500, Domestic: 110000, InBloc: 20000},
		{Category: "Dịch vụ", Total: 900000, Domestic: 900000, InBloc: 950000 - 100000},
	}
	s.Checks = []Check{{Kind: "Kiểm tra", Start: d(2025, 5, 20), Target: "DU-XD-01", Content: "Việc ưu tiên mua hàng Việt Nam",
		InProgramme: true, Result: "Đạt", Recs: 3, Remedied: 2}}
	s.Activities = []Activity{
		{Indicator: "Hội nghị, buổi tuyên truyền, quán triệt", Count: 4},
		{Indicator: IndicatorProjects, Count: 1, Value: 2500000},
	}
	s.Evaluation = []Narrative{{Label: "Kết quả nổi bật", Text: "Đơn vị ưu tiên vật liệu trong nước."}}
	return s
}

func rulesWrite(t testing.TB, s *Submission, tree *units.Tree) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, s, WriteOptions{Units: tree}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// edit opens a written workbook with excelize, applies fn and returns the new bytes.
func edit(t testing.TB, data []byte, fn func(x *xlsxEdit)) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	fn(&xlsxEdit{t: t, f: f})
	var out bytes.Buffer
	if err := f.Write(&out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

type xlsxEdit struct {
	t testing.TB
	f *excelize.File
}

// cell returns the reference of the column with the header in data row i (0-based) of a
// table sheet, or of the value of a label on a label/value sheet (header = label, i = -1).
func (x *xlsxEdit) cell(sheet, header string, i int) string {
	x.t.Helper()
	rows, err := x.f.GetRows(sheet)
	if err != nil {
		x.t.Fatal(err)
	}
	for r, row := range rows {
		for c, v := range row {
			if v != header {
				continue
			}
			if i < 0 {
				ref, _ := excelize.CoordinatesToCellName(c+2, r+1)
				return ref
			}
			ref, _ := excelize.CoordinatesToCellName(c+1, r+2+i)
			return ref
		}
	}
	x.t.Fatalf("no %q on %s", header, sheet)
	return ""
}

func (x *xlsxEdit) set(sheet, header string, i int, v any) string {
	ref := x.cell(sheet, header, i)
	var err error
	switch v := v.(type) {
	case string:
		err = x.f.SetCellStr(sheet, ref, v)
	default:
		err = x.f.SetCellValue(sheet, ref, v)
	}
	if err != nil {
		x.t.Fatal(err)
	}
	return ref
}

func codes(l finding.List) []string {
	var out []string
	for _, f := range l {
		out = append(out, f.Code()+"@"+f.Where())
	}
	return out
}

func hasCode(l finding.List, code string) bool {
	for _, f := range l {
		if f.Code() == code {
			return true
		}
	}
	return false
}

func TestBaseSubmissionIsValid(t *testing.T) {
	tree := rulesTree(t)
	res := ReadBytes(rulesWrite(t, baseSubmission(tree), tree), "base.xlsx", Options{Units: tree, FolderQuarter: q2})
	if len(res.Findings) != 0 {
		t.Fatalf("findings on a valid file: %v", codes(res.Findings))
	}
}

// TestRules: for every rule, an invalid case that triggers it (at the right cell where one
// is given) and a near-miss valid case that does not.
func TestRules(t *testing.T) {
	tree := rulesTree(t)
	type ruleCase struct {
		name  string
		code  string
		cell  string // "Sheet!A1" expected place, "" = not checked
		sub   func(s *Submission)
		edit  func(x *xlsxEdit)
		opt   func(o *Options)
		valid bool // the case must NOT produce the code (nor any error)
	}
	A, P, C, H, I := SheetAgreements, SheetPurchases, SheetChecks, SheetActivities, SheetInfo
	cases := []ruleCase{
		// Sheets and columns.
		{name: "sheet missing", code: "VDHV-E010", edit: func(x *xlsxEdit) { x.f.DeleteSheet(C) }},
		{name: "unknown sheet", code: "VDHV-W011", edit: func(x *xlsxEdit) { x.f.NewSheet("Ghi chép") }},
		{name: "sheet name with old tone placement is found", code: "VDHV-E010", valid: true,
			edit: func(x *xlsxEdit) { x.f.SetSheetName(A, "Thoả thuận hợp tác") }},
		{name: "header not found", code: "VDHV-E012", edit: func(x *xlsxEdit) { x.f.RemoveRow(C, 3) }},
		{name: "header below 15 rows", code: "VDHV-E012", edit: func(x *xlsxEdit) { x.f.InsertRows(H, 1, 13) }},
		{name: "header within 15 rows", code: "VDHV-E012", valid: true, edit: func(x *xlsxEdit) { x.f.InsertRows(H, 1, 12) }},
		{name: "column missing", code: "VDHV-E013", cell: A + "!A3", edit: func(x *xlsxEdit) {
			col := x.cell(A, "Vai trò", 0)
			x.f.RemoveCol(A, strings.TrimRight(col, "0123456789"))
		}},
		{name: "optional column absent", code: "VDHV-E013", valid: true, edit: func(x *xlsxEdit) {
			col := x.cell(A, "Ngày hết hạn", 0)
			x.f.RemoveCol(A, strings.TrimRight(col, "0123456789"))
		}},
		{name: "extra column", code: "VDHV-W014", edit: func(x *xlsxEdit) { x.f.SetCellStr(P, "Z3", "Người duyệt") }},
		{name: "duplicate column", code: "VDHV-E015", edit: func(x *xlsxEdit) { x.f.SetCellStr(P, "Z3", "Dịch vụ"); x.f.SetCellStr(P, "Y3", "Ghi chú") }},
		{name: "columns in another order", code: "VDHV-E013", valid: true, edit: func(x *xlsxEdit) {
			// Swap two whole columns of Mua sắm (header and values): found by header text.
			a := strings.TrimRight(x.cell(P, "Tổng giá trị mua sắm (triệu đồng)", 0), "0123456789")
			b := strings.TrimRight(x.cell(P, "Ghi chú", 0), "0123456789")
			for row := 1; row <= 30; row++ {
				ra, rb := a+strconv.Itoa(row), b+strconv.Itoa(row)
				va, _ := x.f.GetCellValue(P, ra, excelize.Options{RawCellValue: true})
				vb, _ := x.f.GetCellValue(P, rb, excelize.Options{RawCellValue: true})
				setRaw(x, P, ra, vb)
				setRaw(x, P, rb, va)
			}
			if got, _ := x.f.GetCellValue(P, a+"3"); got != "Ghi chú" {
				x.t.Fatalf("swap failed: %s3 = %q", a, got)
			}
		}},
		{name: "hidden data sheet", code: "VDHV-W016", edit: func(x *xlsxEdit) { x.f.SetSheetVisible(H, false) }},
		{name: "very hidden data sheet", code: "VDHV-E018", edit: func(x *xlsxEdit) { x.f.SetSheetVisible(A, false, true) }},
		{name: "hidden data sheet is not very hidden", code: "VDHV-E018", valid: true, edit: func(x *xlsxEdit) { x.f.SetSheetVisible(A, false) }},
		{name: "very hidden lists sheet", code: "VDHV-E018", valid: true, edit: func(x *xlsxEdit) { x.f.SetSheetVisible(SheetLists, false, true) }},
		// Any cell.
		{name: "required enum empty", code: "VDHV-E020", cell: A + "!F4", edit: func(x *xlsxEdit) { x.set(A, "Vai trò", 0, "") }},
		{name: "not a number", code: "VDHV-E021", edit: func(x *xlsxEdit) { x.set(P, "Tổng giá trị mua sắm (triệu đồng)", 0, "một trăm") }},
		{name: "text number VN style", code: "VDHV-E021", valid: true, edit: func(x *xlsxEdit) { x.set(P, "Tổng giá trị mua sắm (triệu đồng)", 0, "1.234,5") }},
		{name: "ambiguous text number", code: "VDHV-E022", edit: func(x *xlsxEdit) { x.set(P, "Tổng giá trị mua sắm (triệu đồng)", 0, "1.234") }},
		{name: "money with 4 decimals", code: "VDHV-E023", edit: func(x *xlsxEdit) { x.set(P, "Tổng giá trị mua sắm (triệu đồng)", 0, 12.3456) }},
		{name: "money with 3 decimals", code: "VDHV-E023", valid: true, edit: func(x *xlsxEdit) { x.set(P, "Tổng giá trị mua sắm (triệu đồng)", 0, 2012.345) }},
		{name: "negative", code: "VDHV-E024", edit: func(x *xlsxEdit) { x.set(A, "Giá trị thực hiện trong kỳ (triệu đồng)", 0, -5) }},
		{name: "not an integer", code: "VDHV-E025", edit: func(x *xlsxEdit) { x.set(A, "Số hợp đồng ký trong kỳ", 0, 2.5) }},
		{name: "bad date", code: "VDHV-E026", edit: func(x *xlsxEdit) { x.set(A, "Ngày ký", 0, "31/02/2024") }},
		{name: "text date day-first", code: "VDHV-E026", valid: true, edit: func(x *xlsxEdit) { x.set(A, "Ngày ký", 0, "05/03/2024") }},
		{name: "not in list", code: "VDHV-E027", edit: func(x *xlsxEdit) { x.set(A, "Lĩnh vực", 0, "Nông nghiệp") }},
		{name: "list value in other case and NFD", code: "VDHV-E027", valid: true, edit: func(x *xlsxEdit) { x.set(A, "Vai trò", 0, "CUNG CẤP") }},
		{name: "evaluation too long", code: "VDHV-E028", edit: func(x *xlsxEdit) { x.set(SheetEvaluation, "Kết quả nổi bật", -1, strings.Repeat("a", 4001)) }},
		{name: "evaluation at the limit", code: "VDHV-E028", valid: true, edit: func(x *xlsxEdit) { x.set(SheetEvaluation, "Kết quả nổi bật", -1, strings.Repeat("á", 4000)) }},
		{name: "legacy TCVN3 text", code: "VDHV-W029", edit: func(x *xlsxEdit) { x.set(A, "Tên đối tác", 1, "C«ng ty TNHH Th\u00ad¬ng m¹i ABC") }},
		{name: "legacy TCVN3 list value", code: "VDHV-W029", edit: func(x *xlsxEdit) { x.set(A, "Trong Khối", 0, "Cã") }},
		{name: "formula error", code: "VDHV-E030", edit: func(x *xlsxEdit) {
			ref := x.cell(P, "Tổng giá trị mua sắm (triệu đồng)", 0)
			x.f.SetCellValue(P, ref, nil)
			x.f.SetCellFormula(P, ref, "1/0") // no cached value: computed, giving #DIV/0!
		}},
		{name: "totals row mismatch", code: "VDHV-W031", edit: func(x *xlsxEdit) {
			ref := x.cell(P, "Nhóm hàng hóa, dịch vụ", 7)
			x.f.SetCellStr(P, ref, "Tổng cộng")
			x.set(P, "Tổng giá trị mua sắm (triệu đồng)", 7, 5)
		}},
		{name: "totals row matching", code: "VDHV-W031", valid: true, edit: func(x *xlsxEdit) {
			ref := x.cell(P, "Nhóm hàng hóa, dịch vụ", 7)
			x.f.SetCellStr(P, ref, "Cộng:")
			x.set(P, "Tổng giá trị mua sắm (triệu đồng)", 7, 1020.5)
		}},
		{name: "formula without cached value is computed", code: "VDHV-E030", valid: true, edit: func(x *xlsxEdit) {
			ref := x.cell(P, "Tổng giá trị mua sắm (triệu đồng)", 0)
			x.f.SetCellValue(P, ref, nil)
			x.f.SetCellFormula(P, ref, "100+20.5")
		}},
		{name: "implausible date", code: "VDHV-E032", edit: func(x *xlsxEdit) { x.set(A, "Ngày ký", 0, "01/01/1900") }},
		{name: "invisible characters", code: "VDHV-W033", edit: func(x *xlsxEdit) { x.set(A, "Số thỏa thuận", 1, "05/2025/\u200bTTHT") }},
		{name: "number too large", code: "VDHV-E035", edit: func(x *xlsxEdit) { x.set(P, "Tổng giá trị mua sắm (triệu đồng)", 0, 5e12) }},
		{name: "boolean in number", code: "VDHV-E034", edit: func(x *xlsxEdit) { x.set(P, "Tổng giá trị mua sắm (triệu đồng)", 0, true) }},
		// Thông tin.
		{name: "info label missing", code: "VDHV-E040", edit: func(x *xlsxEdit) { ref := x.cell(I, "Mã đơn vị", -1); x.f.SetCellStr(I, "A"+ref[1:], "") }},
		{name: "unit unknown", code: "VDHV-E041", cell: I + "!B3", edit: func(x *xlsxEdit) { x.set(I, "Mã đơn vị", -1, "DU-ZZ") }},
		{name: "unit code in other case", code: "VDHV-E041", valid: true, edit: func(x *xlsxEdit) { x.set(I, "Mã đơn vị", -1, "du-xd-01") }},
		{name: "unit inactive", code: "VDHV-E042", edit: func(x *xlsxEdit) { x.set(I, "Mã đơn vị", -1, "DUK-01") }},
		{name: "unit name differs", code: "VDHV-W043", edit: func(x *xlsxEdit) { x.set(I, "Tên đơn vị", -1, "Công ty Xây dựng số 1") }},
		{name: "period invalid", code: "VDHV-E044", edit: func(x *xlsxEdit) { x.set(I, "Kỳ báo cáo", -1, "Quý V/2025") }},
		{name: "period without year", code: "VDHV-E044", edit: func(x *xlsxEdit) { x.set(I, "Kỳ báo cáo", -1, "Quý II") }},
		{name: "period Vietnamese form", code: "VDHV-E044", valid: true, edit: func(x *xlsxEdit) { x.set(I, "Kỳ báo cáo", -1, "Quý II/2025") }},
		{name: "period other folder", code: "VDHV-E045", opt: func(o *Options) { o.FolderQuarter = period.Quarter{Year: 2025, Q: 3} }},
		{name: "preparer empty", code: "VDHV-W046", edit: func(x *xlsxEdit) { x.set(I, "Người lập biểu", -1, "") }},
		{name: "email invalid", code: "VDHV-E047", edit: func(x *xlsxEdit) { x.set(I, "Email", -1, "lan at xaydung.vn") }},
		{name: "prepared before quarter", code: "VDHV-E048", edit: func(x *xlsxEdit) { x.set(I, "Ngày lập", -1, "31/03/2025") }},
		{name: "form version", code: "VDHV-E049", edit: func(x *xlsxEdit) { x.set(I, "Phiên bản biểu mẫu", -1, "VDHV-02") }},
		{name: "unit does not report", code: "VDHV-E050", edit: func(x *xlsxEdit) { x.set(I, "Mã đơn vị", -1, "DU-XD"); x.set(I, "Tên đơn vị", -1, "") }},
		{name: "roll-up without children", code: "VDHV-E051", edit: func(x *xlsxEdit) { x.set(I, "Loại báo cáo", -1, "Tổng hợp") }},
		// Thỏa thuận hợp tác.
		{name: "duplicate agreement", code: "VDHV-E060", sub: func(s *Submission) { s.Agreements = append(s.Agreements, s.Agreements[0]) }},
		{name: "same number other partner", code: "VDHV-E060", valid: true, sub: func(s *Submission) {
			a := s.Agreements[1]
			a.PartnerName = "Công ty khác"
			s.Agreements = append(s.Agreements, a)
		}},
		{name: "in-bloc without code", code: "VDHV-E061", edit: func(x *xlsxEdit) { x.set(A, "Mã đơn vị đối tác", 0, "") }},
		{name: "partner unknown", code: "VDHV-E062", edit: func(x *xlsxEdit) { x.set(A, "Mã đơn vị đối tác", 0, "XYZ") }},
		{name: "partner self", code: "VDHV-E063", edit: func(x *xlsxEdit) { x.set(A, "Mã đơn vị đối tác", 0, "DU-XD-01") }},
		{name: "partner name required", code: "VDHV-E064", edit: func(x *xlsxEdit) { x.set(A, "Tên đối tác", 1, "") }},
		{name: "signed after quarter", code: "VDHV-E065", edit: func(x *xlsxEdit) { x.set(A, "Ngày ký", 0, "01/07/2025") }},
		{name: "signed on the last day", code: "VDHV-E065", valid: true, edit: func(x *xlsxEdit) { x.set(A, "Ngày ký", 1, "30/06/2025") }},
		{name: "expiry before signed", code: "VDHV-E066", edit: func(x *xlsxEdit) { x.set(A, "Ngày hết hạn", 0, "01/01/2024") }},
		{name: "new outside quarter", code: "VDHV-E067", edit: func(x *xlsxEdit) { x.set(A, "Tình trạng", 0, "Mới ký") }},
		{name: "not in bloc but bloc code", code: "VDHV-W068", edit: func(x *xlsxEdit) { x.set(A, "Trong Khối", 0, "Không") }},
		// Mua sắm, Kiểm tra giám sát, Hoạt động, Đánh giá.
		{name: "category duplicate", code: "VDHV-E070", edit: func(x *xlsxEdit) { x.set(P, "Nhóm hàng hóa, dịch vụ", 1, "Văn phòng phẩm") }},
		{name: "domestic over total", code: "VDHV-E071", edit: func(x *xlsxEdit) { x.set(P, "Giá trị hàng sản xuất trong nước (triệu đồng)", 0, 130) }},
		{name: "domestic equal total", code: "VDHV-E071", valid: true, edit: func(x *xlsxEdit) { x.set(P, "Giá trị hàng sản xuất trong nước (triệu đồng)", 0, 120.5) }},
		{name: "in-bloc over total", code: "VDHV-E072", edit: func(x *xlsxEdit) { x.set(P, "Trong đó: của đơn vị trong Khối (triệu đồng)", 0, 130) }},
		{name: "in-bloc over domestic is fine", code: "VDHV-E072", valid: true, edit: func(x *xlsxEdit) { x.set(P, "Trong đó: của đơn vị trong Khối (triệu đồng)", 0, 115) }},
		{name: "check outside quarter", code: "VDHV-E080", edit: func(x *xlsxEdit) { x.set(C, "Ngày bắt đầu", 0, "31/03/2025") }},
		{name: "remedied over recommendations", code: "VDHV-E081", edit: func(x *xlsxEdit) { x.set(C, "Số kiến nghị đã khắc phục", 0, 4) }},
		{name: "indicator duplicate", code: "VDHV-E090", edit: func(x *xlsxEdit) { x.set(H, "Chỉ tiêu", 1, "Hội nghị, buổi tuyên truyền, quán triệt") }},
		{name: "value on a count indicator", code: "VDHV-W091", edit: func(x *xlsxEdit) { x.set(H, "Giá trị (triệu đồng)", 0, 10) }},
		{name: "evaluation unknown label", code: "VDHV-W096", edit: func(x *xlsxEdit) {
			x.f.SetCellStr(SheetEvaluation, "A20", "Ý kiến khác")
			x.f.SetCellStr(SheetEvaluation, "B20", "x")
		}},
		{name: "evaluation duplicate label", code: "VDHV-E097", edit: func(x *xlsxEdit) {
			x.f.SetCellStr(SheetEvaluation, "A20", "Kết quả nổi bật")
			x.f.SetCellStr(SheetEvaluation, "B20", "x")
		}},
		{name: "roll-up column in unit file", code: "VDHV-W104", edit: func(x *xlsxEdit) { x.f.SetCellStr(H, "Z3", "Mã đơn vị báo cáo") }},
	}
	base := rulesWrite(t, baseSubmission(tree), tree)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			data := base
			if tc.sub != nil {
				s := baseSubmission(tree)
				tc.sub(s)
				data = rulesWrite(t, s, tree)
			}
			if tc.edit != nil {
				data = edit(t, data, tc.edit)
			}
			opt := Options{Units: tree, FolderQuarter: q2}
			if tc.opt != nil {
				tc.opt(&opt)
			}
			res := ReadBytes(data, "case.xlsx", opt)
			if updating() && tc.opt == nil {
				writeRuleFixture(t, tc.code, tc.name, tc.valid, data)
			}
			if tc.valid {
				if hasCode(res.Findings, tc.code) || res.HasErrors() {
					t.Fatalf("valid case reported: %v", codes(res.Findings))
				}
				return
			}
			if !hasCode(res.Findings, tc.code) {
				t.Fatalf("want %s, got %v", tc.code, codes(res.Findings))
			}
			if tc.cell != "" {
				found := false
				for _, f := range res.Findings {
					if f.Code() == tc.code && f.Where() == tc.cell {
						found = true
					}
				}
				if !found {
					t.Errorf("want %s at %s, got %v", tc.code, tc.cell, codes(res.Findings))
				}
			}
		})
	}
}

// Committed fixtures: every case of TestRules is also kept as a file under
// testdata/form/invalid (named after the code it must trigger) and testdata/form/valid
// (tricky but valid: named after the rule it must not trigger), so that the corpus can be
// used by hand, by the fuzzers and by other tools. go test ./pkg/form -run TestRules -update
// rewrites them; TestRuleFixtures checks the committed files.
const fixtureDir = "testdata/form"

func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

func slug(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		default:
			if b.Len() > 0 && !strings.HasSuffix(b.String(), "-") {
				b.WriteByte('-')
			}
		}
	}
	return strings.Trim(b.String(), "-")
}

func writeRuleFixture(t *testing.T, code, name string, valid bool, data []byte) {
	t.Helper()
	kind := "invalid"
	if valid {
		kind = "valid"
	}
	dir := filepath.Join(fixtureDir, kind)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, code+"-"+slug(name)+".xlsx"), data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestRuleFixtures reads every committed fixture: an invalid one must trigger the code its
// name starts with, a valid one must have no error and not that code.
func TestRuleFixtures(t *testing.T) {
	tree := rulesTree(t)
	n := 0
	for _, kind := range []string{"valid", "invalid"} {
		files, _ := filepath.Glob(filepath.Join(fixtureDir, kind, "VDHV-*.xlsx"))
		for _, path := range files {
			n++
			code := filepath.Base(path)[:9]
			res := ReadFile(path, Options{Units: tree, FolderQuarter: q2})
			switch {
			case kind == "invalid" && !hasCode(res.Findings, code):
				t.Errorf("%s: want %s, got %v", path, code, codes(res.Findings))
			case kind == "valid" && (hasCode(res.Findings, code) || res.HasErrors()):
				t.Errorf("%s: valid fixture reported %v", path, codes(res.Findings))
			}
		}
	}
	if n < 50 {
		t.Errorf("only %d fixtures under %s (run go test ./pkg/form -run TestRules -update)", n, fixtureDir)
	}
}

// TestNoFollowOnFindings: a value that cannot be read gets its own finding and nothing
// derived from it (an unreadable total is not 0; an unreadable `Thông tin` has unknown, not
// missing, labels).
func TestNoFollowOnFindings(t *testing.T) {
	tree := rulesTree(t)
	P, C := SheetPurchases, SheetChecks
	cases := []struct {
		name string
		edit func(x *xlsxEdit)
		lim  xlsxread.Limits
		want []string
	}{
		{name: "NaN total", want: []string{"VDHV-E021@Mua sắm!C4"}, edit: func(x *xlsxEdit) {
			x.set(P, "Tổng giá trị mua sắm (triệu đồng)", 0, "NaN")
		}},
		{name: "negative total", want: []string{"VDHV-E024@Mua sắm!C4"}, edit: func(x *xlsxEdit) {
			x.set(P, "Tổng giá trị mua sắm (triệu đồng)", 0, -5)
		}},
		{name: "unreadable recommendations", want: []string{"VDHV-E025@Kiểm tra giám sát!H4"}, edit: func(x *xlsxEdit) {
			x.set(C, "Số kiến nghị", 0, "ba")
		}},
		{name: "Thông tin past a limit", lim: xlsxread.Limits{MaxRows: 3}, want: []string{"VDHV-E008@Thông tin!A4"}},
	}
	base := rulesWrite(t, baseSubmission(tree), tree)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			data := base
			if tc.edit != nil {
				data = edit(t, base, tc.edit)
			}
			res := ReadBytes(data, "case.xlsx", Options{Units: tree, FolderQuarter: q2, Limits: tc.lim})
			if got := codes(res.Findings); strings.Join(got, " ") != strings.Join(tc.want, " ") {
				t.Errorf("findings %v, want %v", got, tc.want)
			}
		})
	}
}

// setRaw writes a raw value back: numbers as numbers, the rest as text.
func setRaw(x *xlsxEdit, sheet, ref, v string) {
	if f, err := strconv.ParseFloat(v, 64); err == nil {
		x.f.SetCellValue(sheet, ref, f)
		return
	}
	x.f.SetCellStr(sheet, ref, v)
}

// TestRollupUnitNotListed: a row of a unit the roll-up does not list as reported is
// VDHV-E103, at that row's `Mã đơn vị báo cáo` cell (wherever the column stands).
func TestRollupUnitNotListed(t *testing.T) {
	tree := rulesTree(t)
	s := Blank(tree.Lookup("DU-XD"), q2, true)
	s.Info.Preparer, s.Info.Prepared = "Lê Văn Hùng", d(2025, 7, 8)
	for i := range s.Covered {
		if s.Covered[i].Code == "DU-XD-01" {
			s.Covered[i].Status = CoverReported
		}
	}
	s.Purchases = []Purchase{
		{Unit: "DU-XD-01", Category: "Văn phòng phẩm", Total: 5000, Domestic: 4000},
		{Unit: "DU-XD-02", Category: "Dịch vụ", Total: 7000, Domestic: 7000},
	}
	// An extra column in front moves `Mã đơn vị báo cáo` from B to C.
	data := edit(t, rulesWrite(t, s, tree), func(x *xlsxEdit) {
		if err := x.f.InsertCols(SheetPurchases, "A", 1); err != nil {
			t.Fatal(err)
		}
	})
	res := ReadBytes(data, "rollup.xlsx", Options{Units: tree, FolderQuarter: q2})
	want := "VDHV-E103@Mua sắm!C5"
	got := codes(res.Findings)
	if strings.Join(got, " ") != want {
		t.Fatalf("findings %v, want [%s]", got, want)
	}
}

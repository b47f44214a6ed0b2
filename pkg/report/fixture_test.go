package report

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/vdhv/vdhv/pkg/engine"
	"github.com/vdhv/vdhv/pkg/form"
	"github.com/vdhv/vdhv/pkg/period"
	"github.com/vdhv/vdhv/pkg/workspace"
)

// The test workspace: a small bloc with three đảng ủy trực thuộc (one reporting for its
// own office), two cơ sở directly under the bloc, two years of submissions (2024 for the
// comparisons), and in 2025: a missing unit, a late file, an invalid file, a unit under the
// target share, a check outside the programme, a mismatched and a one-sided in-bloc
// agreement.
const fixtureUnits = `code: DUK
name: Đảng bộ Khối Doanh nghiệp tỉnh Hải Đông
kind: khoi
units:
  - code: DU-XD
    name: Đảng ủy Tổng công ty Xây dựng Hải Đông
    kind: dang-uy-truc-thuoc
    units:
      - { code: DU-XD-01, name: Đảng bộ Công ty cổ phần Xây dựng số 1, kind: dang-bo-co-so }
      - { code: DU-XD-02, name: Chi bộ Công ty TNHH Tư vấn Thiết kế, kind: chi-bo-co-so }
      - { code: DU-XD-03, name: Đảng bộ Công ty cổ phần Vật liệu xây dựng Hải Đông, kind: dang-bo-co-so }
  - code: DU-NL
    name: Đảng ủy Tổng công ty Điện lực Hải Đông
    kind: dang-uy-truc-thuoc
    units:
      - { code: DU-NL-01, name: Đảng bộ Công ty Điện lực Thành phố, kind: dang-bo-co-so }
      - { code: DU-NL-02, name: Chi bộ Công ty cổ phần Thủy điện Sông Hồng, kind: chi-bo-co-so }
  - code: DU-VT
    name: Đảng ủy Công ty cổ phần Vận tải và Dịch vụ Hải Đông
    kind: dang-uy-truc-thuoc
    reports: true
    units:
      - { code: DU-VT-01, name: Chi bộ Xí nghiệp Xe buýt Hải Đông, kind: chi-bo-co-so }
  - { code: DUK-01, name: Chi bộ Công ty cổ phần Cấp nước Hải Đông, kind: chi-bo-co-so }
  - { code: DUK-02, name: Đảng bộ Ngân hàng Thương mại cổ phần Hải Đông, kind: dang-bo-co-so }
`

const fixtureConfig = `place: Hải Đông
target_share: 0.8
`

var fixtureCodes = []string{"DU-XD-01", "DU-XD-02", "DU-XD-03", "DU-NL-01", "DU-NL-02", "DU-VT", "DU-VT-01", "DUK-01", "DUK-02"}

type agreementSpec struct {
	number         string
	a, b           string // reporting units; b "" for a partner outside the bloc
	partnerName    string
	field          string
	signed         time.Time
	contracts      int64
	value, deliver float64 // per quarter, triệu đồng
	bSkips         bool    // b never reports it (one-sided)
	bValueQ        int     // quarter (1..4) in which b reports a different value (0: none)
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

var fixtureAgreements = []agreementSpec{
	{number: "01/2024/TTHT-XD01-NL01", a: "DU-XD-01", b: "DU-NL-01", field: "Xây dựng, vật liệu xây dựng", signed: day(2024, 1, 15), contracts: 2, value: 1250.5, deliver: 980.25},
	{number: "05/2024/TTHT-XD02-VT01", a: "DU-XD-02", b: "DU-VT-01", field: "Giao thông, vận tải, logistics", signed: day(2024, 2, 10), contracts: 1, value: 320, deliver: 150.75, bValueQ: 2},
	{number: "07/2025/TTHT-NL02-DUK02", a: "DU-NL-02", b: "DUK-02", field: "Tài chính, ngân hàng, bảo hiểm", signed: day(2025, 1, 20), contracts: 1, value: 85, deliver: 40, bSkips: true},
	{number: "11/2024/TTHT-VT-XD03", a: "DU-VT", b: "DU-XD-03", field: "Thương mại, dịch vụ", signed: day(2024, 6, 1), contracts: 3, value: 410, deliver: 388.5},
	{number: "HD-2023/88", a: "DU-XD-03", partnerName: "Công ty TNHH Thép Việt Hàn", field: "Khai khoáng, luyện kim", signed: day(2023, 9, 1), contracts: 4, value: 2650, deliver: 2100},
	{number: "15/2025/TTHT-NL01-DUK02", a: "DU-NL-01", b: "DUK-02", field: "Điện, năng lượng, dầu khí", signed: day(2025, 4, 2), contracts: 1, value: 5400, deliver: 1200},
}

// fixtureSubmission builds the submission of unit code (index i) for quarter q.
func fixtureSubmission(code string, i int, q period.Quarter) *form.Submission {
	sub := form.Blank(nil, q, false)
	sub.Info.UnitCode = code
	sub.Info.Preparer = "Nguyễn Thị Hoa"
	_, last := period.Calendar.QuarterRange(q)
	sub.Info.Prepared = last
	first, _ := period.Calendar.QuarterRange(q)
	k := int64(i+1) * int64(q.Q)
	y := int64(q.Year - 2023) // 1 for 2024, 2 for 2025: growth year on year
	for c := range sub.Purchases {
		p := &sub.Purchases[c]
		p.Unit = code
		total := form.Money((int64(c+1)*150 + k*37 + y*90) * 1000)
		p.Total = total
		share := int64(88)
		if code == "DU-NL-01" { // under the 80% target
			share = 61
		}
		if code == "DUK-02" && c == 3 { // imported machines
			share = 40
		}
		p.Domestic = total * form.Money(share) / 100
		p.InBloc = total * form.Money(12+int64(c)) / 100
	}
	counts := []int64{2 + k%3, 120 + 15*k + 40*y, 3 + k%4, k % 2, (k + y) % 2, 1, 2, k % 2, 2}
	for a := range sub.Activities {
		act := &sub.Activities[a]
		act.Unit = code
		act.Count = counts[a]
		if form.ValuedIndicators[act.Indicator] && act.Count > 0 {
			act.Value = form.Money((250 + 35*k + 60*y + int64(a)*71) * 1000)
		}
	}
	if (i+q.Q)%3 == 0 {
		inProg := !(code == "DU-XD-02" && q.Q == 2 && q.Year == 2025)
		sub.Checks = append(sub.Checks, form.Check{Unit: code, Kind: form.EnumCheckKind.Values[(i+q.Q)%3],
			Start: first.AddDate(0, 1, 4), Target: code, Content: "Kiểm tra việc thực hiện thỏa thuận hợp tác và mua sắm hàng trong nước",
			InProgramme: inProg, Result: form.EnumCheckResult.Values[(i+q.Q)%4], Recs: 3, Remedied: 2})
	}
	for _, a := range fixtureAgreements {
		if a.signed.After(last) {
			continue
		}
		side := ""
		switch code {
		case a.a:
			side = "a"
		case a.b:
			side = "b"
		}
		if side == "" || (side == "b" && a.bSkips) {
			continue
		}
		row := form.Agreement{Unit: code, Number: a.number, Field: a.field, Signed: a.signed, Status: form.StatusActive,
			Contracts: a.contracts, ContractValue: form.MoneyFromFloat(a.value), Delivered: form.MoneyFromFloat(a.deliver)}
		if !a.signed.Before(first) {
			row.Status = form.StatusNew
		}
		if side == "a" {
			row.Role = form.RoleSupply
			if a.b != "" {
				row.PartnerCode, row.InBloc = a.b, true
			} else {
				row.PartnerName = a.partnerName
			}
		} else {
			row.Role, row.PartnerCode, row.InBloc = form.RoleUse, a.a, true
			if a.bValueQ == q.Q && q.Year == 2025 {
				row.ContractValue = form.MoneyFromFloat(a.value + 10)
			}
		}
		sub.Agreements = append(sub.Agreements, row)
	}
	return sub
}

// makeWorkspace writes the test workspace to a new folder and returns it opened.
func makeWorkspace(t testing.TB) *workspace.Workspace {
	t.Helper()
	dir := t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.WriteFile(filepath.Join(dir, "units.yaml"), []byte(fixtureUnits), 0o644))
	must(os.WriteFile(filepath.Join(dir, "vdhv.yaml"), []byte(fixtureConfig), 0o644))
	ws, err := workspace.Open(dir)
	must(err)
	var late []string
	for _, year := range []int{2024, 2025} {
		for qn := 1; qn <= 4; qn++ {
			q := period.Quarter{Year: year, Q: qn}
			for i, code := range fixtureCodes {
				if year == 2025 && code == "DUK-01" && (qn == 2 || qn == 3) {
					continue // missing
				}
				path, err := ws.SubmissionPath(code, q)
				must(err)
				must(os.MkdirAll(filepath.Dir(path), 0o755))
				if year == 2025 && code == "DU-NL-02" && qn == 2 {
					must(os.WriteFile(path, []byte("PK\x03\x04 this is not a workbook"), 0o644)) // invalid
					continue
				}
				sub := fixtureSubmission(code, i, q)
				if year == 2025 && code == "DU-XD-03" && qn == 1 {
					// Late: received through the ledger after the deadline.
					tmp := filepath.Join(dir, "late-"+code+".xlsx")
					must(form.WriteFile(tmp, sub, form.WriteOptions{Units: ws.Units}))
					late = append(late, tmp)
					continue
				}
				must(form.WriteFile(path, sub, form.WriteOptions{Units: ws.Units}))
			}
		}
	}
	res, err := ws.Receive(late, time.Date(2025, 4, 25, 9, 0, 0, 0, period.Zone))
	must(err)
	for _, r := range res {
		if r.Refused() {
			t.Fatalf("late file refused: %+v", r)
		}
	}
	return ws
}

// runFixture runs the engine on the test workspace for period s.
func runFixture(t testing.TB, ws *workspace.Workspace, s string) *engine.Outcome {
	t.Helper()
	p, err := period.ParsePeriod(s)
	if err != nil {
		t.Fatal(err)
	}
	out, err := engine.Run(ws, p, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Invalid) != 0 && s == "2024" {
		t.Fatalf("2024 files invalid: %+v", out.Invalid)
	}
	return out
}

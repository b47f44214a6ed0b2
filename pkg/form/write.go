package form

// The form writer: blank templates, filled workbooks and roll-ups, all driven by the schema
// (schema.go). Decisions where the spec is silent are listed below.

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/vdhv/vdhv/pkg/atomicfile"
	"github.com/vdhv/vdhv/pkg/period"
	"github.com/vdhv/vdhv/pkg/units"
	"github.com/xuri/excelize/v2"
)

// Writer decisions where form-v1.md is silent (kept here, next to the code, because doc.go
// belongs to the package's owner):
//
//   - Sheet order: the sheets of Form in order, then `Đơn vị tổng hợp` (roll-ups only), then
//     `Hướng dẫn`, then the hidden `Danh mục`. `Thông tin` is the active sheet.
//   - Table sheets: row 1 a title ("Biểu 02 – Thỏa thuận hợp tác, quý 2025-Q3 – <unit>"),
//     row 2 a short note, row 3 the header (TableHeaderRow), data from row 4. Panes are
//     frozen below the header. Validations and cell formats cover the data rows plus
//     InputRows empty rows.
//   - Zero counts and amounts, zero dates and empty texts are written as EMPTY cells (the
//     spec reads an empty figure as 0), so Write(Blank(…)) has empty figures and a filled
//     file shows no clutter of zeros. Yes/no fields are always written (`Có`/`Không`).
//   - Text is written exactly as given (no normalisation), always as a string cell, never
//     as a formula ("=SUM(A1)" stays text). Text columns carry the text number format "@"
//     so that what users type there ("12/2024", "0912…") stays text too.
//   - Money is a numeric cell (triệu đồng) with format `#,##0.###`; integers `#,##0`;
//     dates are date cells (Excel serial numbers, 1900 date system) with format
//     `dd/mm/yyyy`. A date before 1900-03-01 (where Excel serials are unreliable) is
//     written as text dd/mm/yyyy.
//   - Drop-down lists reference named ranges on `Danh mục` (one per enumeration, named by
//     Enumeration.Name). `MaDoiTac` lists the partner codes: every unit of the tree except
//     the root (the bloc itself) and the reporting unit, in preorder, with "code — name"
//     labels in the next column. `MaDonViBaoCao` (roll-ups) lists the reporting units of
//     the roll-up unit's subtree. Enumeration lists stop wrong input (Stop style); the
//     code lists only warn (Warning style), since a code may be newer than the template.
//   - Date validation is 01/01/1945–31/12/2100, narrowed where the spec gives the quarter
//     as a bound and the quarter is known: `Ngày bắt đầu` inside the quarter, `Ngày ký`
//     not after its last day, `Ngày lập` not before its first day (opt.Windows decides the
//     quarter's dates).
//   - Document properties are fixed (Creator "vdhv", Created/Modified = the first day of
//     the quarter, or 2025-01-01 when the quarter is unknown), so the same submission
//     always gives byte-identical files.
//   - A roll-up skeleton (Blank with rollup) lists on `Đơn vị tổng hợp` every reporting
//     unit of the subtree active in the quarter (the unit itself included when it reports
//     for its own office) as `Chưa báo cáo`, and leaves the data sheets empty (a row of a
//     unit not listed as reported would be an error).

// WriteOptions configures Write.
type WriteOptions struct {
	Units   *units.Tree    // for the partner-code drop-down list (codes with names) on `Danh mục`
	Windows period.Windows // for the date-validation bounds and the guide's wording
}

// TableHeaderRow is the row of the header in the table sheets Write produces.
const TableHeaderRow = 3

// InputRows is the number of empty rows below the data that carry validations and formats.
const InputRows = 200

// Named ranges of the code lists on `Danh mục`.
const (
	ListPartnerCodes   = "MaDoiTac"
	ListReportingUnits = "MaDonViBaoCao"
)

// Date bounds of the date validations (those of the reader's plausibility rule).
var (
	validDateMin = time.Date(1945, 1, 1, 0, 0, 0, 0, time.UTC)
	validDateMax = time.Date(2100, 12, 31, 0, 0, 0, 0, time.UTC)
)

// Excel's limits on data-validation texts.
const (
	maxDVTitle  = 32
	maxDVPrompt = 255
	maxDVError  = 225
)

// listEnums are the enumerations written to `Danh mục`, in column order.
var listEnums = []*Enumeration{EnumYesNo, EnumReportKind, EnumRole, EnumField, EnumStatus, EnumCategory,
	EnumCheckKind, EnumCheckResult, EnumIndicator, EnumCoverStatus}

// WriteError is returned by Write and WriteFile. Error gives English; Localized gives
// Vietnamese by default.
type WriteError struct {
	Path      string // the file, "" for Write
	Message   string // English
	MessageVI string // Vietnamese
	Err       error  // underlying error, if any
}

func (e *WriteError) Error() string { return e.Localized("en") }

// Localized returns the message in lang: "en" gives English, anything else Vietnamese.
func (e *WriteError) Localized(lang string) string {
	msg := e.MessageVI
	if lang == "en" {
		msg = e.Message
	}
	if e.Path != "" {
		return e.Path + ": " + msg
	}
	return msg
}

// Unwrap returns the underlying error.
func (e *WriteError) Unwrap() error { return e.Err }

func buildError(err error) *WriteError {
	return &WriteError{
		Message:   "cannot build the workbook: " + err.Error(),
		MessageVI: "không tạo được sổ làm việc: " + err.Error(),
		Err:       err,
	}
}

// Blank returns the blank form of a unit for a quarter: `Thông tin` pre-filled (unit code and
// name, quarter, report kind, form version; preparer and date empty), `Mua sắm` listing the 7
// categories and `Hoạt động` the 9 indicators with empty figures. With rollup it returns a
// roll-up skeleton: `Loại báo cáo` Tổng hợp, the covered units listed as not reported, and
// empty data sheets. u may be nil (then the unit fields are empty).
func Blank(u *units.Unit, q period.Quarter, rollup bool) *Submission {
	sub := &Submission{Info: Info{Quarter: q, Kind: ReportKindUnit, FormVersion: FormVersion}}
	if u != nil {
		sub.Info.UnitCode = u.Code
		sub.Info.UnitName = u.Name
	}
	if rollup {
		sub.Info.Kind = ReportKindRollup
		var walk func(v *units.Unit)
		walk = func(v *units.Unit) {
			if v == nil {
				return
			}
			if v.Reports && (q.IsZero() || v.ActiveIn(q)) {
				sub.Covered = append(sub.Covered, CoveredUnit{Code: v.Code, Name: v.Name, Status: CoverMissing})
			}
			for _, c := range v.Children {
				walk(c)
			}
		}
		walk(u)
		return sub
	}
	code := sub.Info.UnitCode
	for _, c := range EnumCategory.Values {
		sub.Purchases = append(sub.Purchases, Purchase{Unit: code, Category: c})
	}
	for _, ind := range EnumIndicator.Values {
		sub.Activities = append(sub.Activities, Activity{Unit: code, Indicator: ind})
	}
	return sub
}

// WriteFile writes sub as a VDHV-01 workbook to path, atomically: the workbook is built in
// memory, then written with atomicfile (temporary file in the same folder, fsync, rename), so
// path never holds a partial file. The file's permissions are 0644.
func WriteFile(path string, sub *Submission, opt WriteOptions) error {
	var buf bytes.Buffer
	if err := Write(&buf, sub, opt); err != nil {
		if we, ok := err.(*WriteError); ok {
			we.Path = path
		}
		return err
	}
	if err := atomicfile.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return &WriteError{Path: path, Message: "cannot save the file: " + osErrorText(err),
			MessageVI: "không lưu được tệp: " + osErrorText(err), Err: err}
	}
	return nil
}

// Write writes sub as a VDHV-01 workbook: the sheets of Form in order (+ `Đơn vị tổng hợp`
// for roll-ups), `Hướng dẫn` (instructions) and a hidden `Danh mục` (lists). Writing the
// same submission twice gives identical bytes. The layout follows sub.IsRollup(): a unit
// file ignores the rows' Unit and sub.Covered; a roll-up writes them. Errors are
// *WriteError.
func Write(w io.Writer, sub *Submission, opt WriteOptions) error {
	if sub == nil {
		return &WriteError{Message: "no submission to write", MessageVI: "không có báo cáo để ghi"}
	}
	if w == nil {
		return &WriteError{Message: "no output to write to", MessageVI: "không có nơi để ghi tệp"}
	}
	f := excelize.NewFile()
	defer func() { _ = f.Close() }()
	ww := &wbWriter{f: f, sub: sub, opt: opt, rollup: sub.IsRollup()}
	if !sub.Info.Quarter.IsZero() {
		ww.qFirst, ww.qLast = opt.Windows.QuarterRange(sub.Info.Quarter)
	}
	if err := ww.build(); err != nil {
		if we, ok := err.(*WriteError); ok {
			return we
		}
		return buildError(err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return buildError(err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return &WriteError{Message: "cannot write the workbook: " + err.Error(),
			MessageVI: "không ghi được sổ làm việc: " + err.Error(), Err: err}
	}
	return nil
}

// wbWriter holds the state of writing one workbook.
type wbWriter struct {
	f             *excelize.File
	sub           *Submission
	opt           WriteOptions
	rollup        bool
	qFirst, qLast time.Time
	st            styles
	hasList       map[string]bool // named ranges defined on `Danh mục`
	err           error           // first error of a cell write
}

// styles are the cell style ids of the workbook.
type styles struct {
	title, note, header, label, labelReq, help, guideHead, guideSub, guideText int
	// data cells (bordered) and column defaults (unbordered), by Type; stt separately.
	cell, col   map[Type]int
	stt         int
	infoLocked  int
	infoDate    int
	infoText    int
	evalText    int
	listHead    int
	guideColumn int
}

func (ww *wbWriter) setErr(err error) {
	if err != nil && ww.err == nil {
		ww.err = err
	}
}

func (ww *wbWriter) build() error {
	f := ww.f
	if err := f.SetDefaultFont("Times New Roman"); err != nil {
		return err
	}
	if err := ww.makeStyles(); err != nil {
		return err
	}
	// Sheets, in order.
	var names []string
	for _, s := range Form {
		names = append(names, s.Name)
	}
	if ww.rollup {
		names = append(names, SheetCovered)
	}
	names = append(names, SheetGuide, SheetLists)
	if err := f.SetSheetName("Sheet1", names[0]); err != nil {
		return err
	}
	for _, n := range names[1:] {
		if _, err := f.NewSheet(n); err != nil {
			return err
		}
	}
	if err := ww.writeLists(); err != nil {
		return err
	}
	for i, s := range Form {
		var err error
		switch {
		case s.Name == SheetInfo:
			err = ww.writeInfo(s, i+1)
		case s.IsTable():
			err = ww.writeTable(s, ColumnsFor(s, ww.rollup), ww.tableRows(s), i+1)
		default:
			err = ww.writeEvaluation(s, i+1)
		}
		if err != nil {
			return err
		}
	}
	if ww.rollup {
		if err := ww.writeTable(CoveredSheet, CoveredSheet.Columns, ww.coveredRows(), 0); err != nil {
			return err
		}
	}
	if err := ww.writeGuide(); err != nil {
		return err
	}
	if err := f.SetSheetVisible(SheetLists, false); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	stamp := "2025-01-01T00:00:00Z"
	if !ww.qFirst.IsZero() {
		stamp = ww.qFirst.Format("2006-01-02") + "T00:00:00Z"
	}
	title := "Biểu mẫu " + FormVersion
	if ww.sub.Info.UnitCode != "" {
		title += " – " + ww.sub.Info.UnitCode
	}
	if !ww.sub.Info.Quarter.IsZero() {
		title += " – " + ww.sub.Info.Quarter.String()
	}
	if err := f.SetDocProps(&excelize.DocProperties{
		Creator: "vdhv", LastModifiedBy: "vdhv", Created: stamp, Modified: stamp,
		Title: title, Language: "vi-VN", Identifier: FormVersion,
	}); err != nil {
		return err
	}
	if err := f.SetAppProps(&excelize.AppProperties{Application: "vdhv"}); err != nil {
		return err
	}
	return ww.err
}

func (ww *wbWriter) makeStyles() error {
	f := ww.f
	thin := func(color string) []excelize.Border {
		return []excelize.Border{
			{Type: "left", Color: color, Style: 1}, {Type: "right", Color: color, Style: 1},
			{Type: "top", Color: color, Style: 1}, {Type: "bottom", Color: color, Style: 1},
		}
	}
	moneyFmt, dateFmt := "#,##0.###", "dd/mm/yyyy"
	var err error
	add := func(dst *int, s *excelize.Style) {
		if err != nil {
			return
		}
		*dst, err = f.NewStyle(s)
	}
	addTo := func(m map[Type]int, t Type, s *excelize.Style) {
		var id int
		add(&id, s)
		m[t] = id
	}
	st := &ww.st
	st.cell, st.col = map[Type]int{}, map[Type]int{}
	grid := thin("A6A6A6")
	top := &excelize.Alignment{Vertical: "top"}
	add(&st.title, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 13}})
	add(&st.note, &excelize.Style{Font: &excelize.Font{Italic: true, Color: "595959"}})
	add(&st.header, &excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Border:    thin("808080"),
	})
	add(&st.label, &excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}, Border: grid})
	add(&st.labelReq, &excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}, Border: grid})
	add(&st.help, &excelize.Style{Font: &excelize.Font{Italic: true, Color: "595959"}, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	addTo(st.cell, TypeText, &excelize.Style{NumFmt: 49, Border: grid, Alignment: top})
	addTo(st.cell, TypeEnum, &excelize.Style{NumFmt: 49, Border: grid, Alignment: top})
	addTo(st.cell, TypeInteger, &excelize.Style{NumFmt: 3, Border: grid, Alignment: top})
	addTo(st.cell, TypeMoney, &excelize.Style{CustomNumFmt: &moneyFmt, Border: grid, Alignment: top})
	addTo(st.cell, TypeDate, &excelize.Style{CustomNumFmt: &dateFmt, Border: grid, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "center"}})
	add(&st.stt, &excelize.Style{NumFmt: 1, Border: grid, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "center"}})
	addTo(st.col, TypeText, &excelize.Style{NumFmt: 49})
	addTo(st.col, TypeEnum, &excelize.Style{NumFmt: 49})
	addTo(st.col, TypeInteger, &excelize.Style{NumFmt: 3})
	addTo(st.col, TypeMoney, &excelize.Style{CustomNumFmt: &moneyFmt})
	addTo(st.col, TypeDate, &excelize.Style{CustomNumFmt: &dateFmt})
	locked := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E7E6E6"}}
	add(&st.infoLocked, &excelize.Style{NumFmt: 49, Border: grid, Fill: locked, Font: &excelize.Font{Color: "404040"}})
	add(&st.infoText, &excelize.Style{NumFmt: 49, Border: grid})
	add(&st.infoDate, &excelize.Style{CustomNumFmt: &dateFmt, Border: grid, Alignment: &excelize.Alignment{Horizontal: "left"}})
	add(&st.evalText, &excelize.Style{NumFmt: 49, Border: grid, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	add(&st.listHead, &excelize.Style{Font: &excelize.Font{Bold: true}})
	add(&st.guideHead, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 12}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}})
	add(&st.guideSub, &excelize.Style{Font: &excelize.Font{Bold: true}, Border: grid, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}})
	add(&st.guideText, &excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	add(&st.guideColumn, &excelize.Style{Font: &excelize.Font{Bold: true}, Border: grid, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	return err
}

// ---- cell values ----

type cellKind int

const (
	cNone cellKind = iota
	cText
	cInt
	cMoney
	cDate
)

// cv is the value of one cell to write.
type cv struct {
	k cellKind
	s string
	n int64
	t time.Time
}

func vText(s string) cv {
	if s == "" {
		return cv{}
	}
	return cv{k: cText, s: s}
}

func vInt(n int64) cv {
	if n == 0 {
		return cv{}
	}
	return cv{k: cInt, n: n}
}

func vMoney(m Money) cv {
	if m == 0 {
		return cv{}
	}
	return cv{k: cMoney, n: int64(m)}
}

func vDate(t time.Time) cv {
	if t.IsZero() {
		return cv{}
	}
	return cv{k: cDate, t: t}
}

func vYesNo(b bool) cv {
	if b {
		return cv{k: cText, s: EnumYesNo.Values[0]}
	}
	return cv{k: cText, s: EnumYesNo.Values[1]}
}

var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
var excelSerialSafe = time.Date(1900, 3, 1, 0, 0, 0, 0, time.UTC)

// excelSerial returns the 1900-system serial number of t's calendar date.
func excelSerial(t time.Time) int64 {
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return int64(d.Sub(excelEpoch).Hours()/24 + 0.5)
}

// set writes one value (nothing for an empty value) into a cell that already has its style.
func (ww *wbWriter) set(sheet, ref string, v cv) {
	f := ww.f
	switch v.k {
	case cText:
		if n := utf16Len(v.s); n > excelize.TotalCellChars {
			ww.setErr(&WriteError{
				Message:   fmt.Sprintf("%s!%s: the text has %d characters, more than a cell holds (%d)", sheet, ref, n, excelize.TotalCellChars),
				MessageVI: fmt.Sprintf("%s!%s: văn bản dài %d ký tự, quá giới hạn của một ô (%d)", sheet, ref, n, excelize.TotalCellChars),
			})
			return
		}
		ww.setErr(f.SetCellStr(sheet, ref, v.s))
	case cInt:
		ww.setErr(f.SetCellInt(sheet, ref, v.n))
	case cMoney:
		ww.setErr(f.SetCellFloat(sheet, ref, Money(v.n).Float(), -1, 64))
	case cDate:
		d := time.Date(v.t.Year(), v.t.Month(), v.t.Day(), 0, 0, 0, 0, time.UTC)
		if d.Before(excelSerialSafe) {
			ww.setErr(f.SetCellStr(sheet, ref, period.FormatVN(d)))
			return
		}
		ww.setErr(f.SetCellInt(sheet, ref, excelSerial(d)))
	}
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		if utf16.RuneLen(r) == 2 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

func cellName(col, row int) string {
	s, _ := excelize.CoordinatesToCellName(col, row)
	return s
}

func colName(col int) string {
	s, _ := excelize.ColumnNumberToName(col)
	return s
}

// clip cuts s to at most n characters (UTF-16 units, as Excel counts), ending with "…",
// at a word boundary when one lies in the last third.
func clip(s string, n int) string {
	if utf16Len(s) <= n {
		return s
	}
	var b strings.Builder
	used := 0
	for _, r := range s {
		w := utf16.RuneLen(r)
		if w < 1 {
			w = 1
		}
		if used+w > n-1 {
			break
		}
		b.WriteRune(r)
		used += w
	}
	out := b.String()
	if i := strings.LastIndexByte(out, ' '); i > 0 && utf8.RuneCountInString(out[:i]) >= 2*n/3 {
		out = out[:i]
	}
	return strings.TrimRight(out, " ,;:(") + "…"
}

// validationTitle is the title of a column's input and error messages: its header without
// the unit "(triệu đồng)", which the message gives.
func validationTitle(header string) string {
	return strings.TrimSpace(strings.TrimSuffix(header, "(triệu đồng)"))
}

// ---- titles ----

// sheetTitle is the title row of a sheet: "Biểu 02 – Thỏa thuận hợp tác, quý 2025-Q3 – <unit>".
func (ww *wbWriter) sheetTitle(num int, name string) string {
	var b strings.Builder
	if num > 0 {
		fmt.Fprintf(&b, "Biểu %02d – %s", num, name)
	} else {
		b.WriteString(name)
	}
	if q := ww.sub.Info.Quarter; !q.IsZero() {
		b.WriteString(", quý " + q.String())
	}
	unit := ww.sub.Info.UnitName
	if unit == "" {
		unit = ww.sub.Info.UnitCode
	}
	if unit != "" {
		b.WriteString(" – " + unit)
	}
	return clip(b.String(), 1000)
}

// ---- Danh mục ----

func (ww *wbWriter) writeLists() error {
	f, sh := ww.f, SheetLists
	ww.hasList = map[string]bool{}
	col := 1
	defineList := func(name, header string, values []string, labels []string) error {
		c := colName(col)
		ww.set(sh, cellName(col, 1), vText(header))
		ww.setErr(f.SetCellStyle(sh, cellName(col, 1), cellName(col, 1), ww.st.listHead))
		for i, v := range values {
			ww.set(sh, cellName(col, i+2), cv{k: cText, s: v})
		}
		width := 20.0
		for _, v := range values {
			width = math.Max(width, math.Min(60, float64(utf8.RuneCountInString(v))+2))
		}
		ww.setErr(f.SetColWidth(sh, c, c, width))
		if labels != nil {
			ww.set(sh, cellName(col+1, 1), vText(header+" (mã — tên)"))
			ww.setErr(f.SetCellStyle(sh, cellName(col+1, 1), cellName(col+1, 1), ww.st.listHead))
			for i, l := range labels {
				ww.set(sh, cellName(col+1, i+2), vText(l))
			}
			ww.setErr(f.SetColWidth(sh, colName(col+1), colName(col+1), 60))
		}
		ref := fmt.Sprintf("'%s'!$%s$2:$%s$%d", sh, c, c, len(values)+1)
		if err := f.SetDefinedName(&excelize.DefinedName{Name: name, RefersTo: ref}); err != nil {
			return err
		}
		ww.hasList[name] = true
		col++
		if labels != nil {
			col++
		}
		return nil
	}
	for _, e := range listEnums {
		if err := defineList(e.Name, e.Name, e.Values, nil); err != nil {
			return err
		}
	}
	if codes, labels := ww.partnerCodes(); len(codes) > 0 {
		if err := defineList(ListPartnerCodes, ListPartnerCodes, codes, labels); err != nil {
			return err
		}
	}
	if ww.rollup {
		if codes, labels := ww.reportingCodes(); len(codes) > 0 {
			if err := defineList(ListReportingUnits, ListReportingUnits, codes, labels); err != nil {
				return err
			}
		}
	}
	return ww.err
}

// partnerCodes are the codes of the partner list: every unit but the root and the
// reporting unit, in preorder.
func (ww *wbWriter) partnerCodes() (codes, labels []string) {
	t := ww.opt.Units
	if t == nil {
		return nil, nil
	}
	self := t.Lookup(ww.sub.Info.UnitCode)
	for _, u := range t.Units() {
		if u == t.Root || u == self {
			continue
		}
		codes = append(codes, u.Code)
		labels = append(labels, u.Code+" — "+u.Name)
	}
	return codes, labels
}

// reportingCodes are the reporting units of the roll-up unit's subtree, in preorder.
func (ww *wbWriter) reportingCodes() (codes, labels []string) {
	t := ww.opt.Units
	if t == nil {
		return nil, nil
	}
	top := t.Lookup(ww.sub.Info.UnitCode)
	if top == nil {
		return nil, nil
	}
	for _, u := range t.Units() {
		if u.Reports && (u == top || top.IsAncestorOf(u)) {
			codes = append(codes, u.Code)
			labels = append(labels, u.Code+" — "+u.Name)
		}
	}
	return codes, labels
}

// ---- validations ----

// validation describes the data validation of one input range.
type validation struct {
	kind      string // "list", "whole", "decimal", "date", "textLength", "" (input message only)
	list      string // named range of a list
	lo, hi    time.Time
	maxLen    int
	warn      bool // Warning style instead of Stop
	title     string
	prompt    string
	errorText string
}

func (ww *wbWriter) addValidation(sheet, sqref string, v validation) {
	if v.kind == "" && v.prompt == "" {
		return
	}
	dv := excelize.NewDataValidation(true)
	dv.Sqref = sqref
	style := excelize.DataValidationErrorStyleStop
	if v.warn {
		style = excelize.DataValidationErrorStyleWarning
	}
	switch v.kind {
	case "list":
		dv.SetSqrefDropList(v.list)
	case "whole":
		ww.setErr(dv.SetRange(0, 0, excelize.DataValidationTypeWhole, excelize.DataValidationOperatorGreaterThanOrEqual))
		dv.Formula2 = ""
	case "decimal":
		ww.setErr(dv.SetRange(0, 0, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorGreaterThanOrEqual))
		dv.Formula2 = ""
	case "date":
		ww.setErr(dv.SetRange(int(excelSerial(v.lo)), int(excelSerial(v.hi)), excelize.DataValidationTypeDate, excelize.DataValidationOperatorBetween))
	case "textLength":
		ww.setErr(dv.SetRange(v.maxLen, 0, excelize.DataValidationTypeTextLength, excelize.DataValidationOperatorLessThanOrEqual))
		dv.Formula2 = ""
	}
	if v.prompt != "" {
		dv.SetInput(clip(v.title, maxDVTitle), clip(v.prompt, maxDVPrompt))
	}
	if v.kind != "" {
		dv.SetError(style, clip(v.title, maxDVTitle), clip(v.errorText, maxDVError))
	}
	ww.setErr(ww.f.AddDataValidation(sheet, dv))
}

// dateBounds returns the validation bounds of a date column or label (by key).
func (ww *wbWriter) dateBounds(key string) (lo, hi time.Time) {
	lo, hi = validDateMin, validDateMax
	if ww.qFirst.IsZero() {
		return lo, hi
	}
	switch key {
	case ColStart:
		return ww.qFirst, ww.qLast
	case ColSigned:
		return lo, ww.qLast
	case LabelPrepared:
		return ww.qFirst, hi
	}
	return lo, hi
}

// typeHelp is the default input message of a column without HelpVI.
func typeHelp(t Type) string {
	switch t {
	case TypeInteger:
		return "Số nguyên ≥ 0; để trống là 0"
	case TypeMoney:
		return "Triệu đồng, tối đa 3 chữ số thập phân; để trống là 0"
	case TypeDate:
		return "Ngày dạng dd/mm/yyyy"
	case TypeEnum:
		return "Chọn một giá trị trong danh sách thả xuống"
	}
	return ""
}

// columnValidation returns the validation of a column (or label) of type t of a sheet. Its
// input message is the schema's HelpVI, else the guide's text for the column, else a
// generic one for the type.
func (ww *wbWriter) columnValidation(sheet, key, header string, t Type, e *Enumeration, help string) validation {
	if help == "" {
		help = guideField(sheet, key)
	}
	if help == "" {
		help = typeHelp(t)
	}
	v := validation{title: validationTitle(header), prompt: help}
	switch {
	case key == ColPartnerCode:
		if ww.hasList[ListPartnerCodes] {
			v.kind, v.list, v.warn = "list", ListPartnerCodes, true
			v.errorText = "Mã này không có trong danh sách đơn vị trong Khối. Đối tác trong Khối phải ghi đúng mã; đối tác ngoài Khối để trống ô này và ghi Tên đối tác."
		}
	case key == ColReportingUnit || (key == ColUnitCode && ww.rollup):
		if ww.hasList[ListReportingUnits] {
			v.kind, v.list, v.warn = "list", ListReportingUnits, true
			v.errorText = "Mã này không phải đơn vị thuộc phạm vi tổng hợp. Chọn mã từ danh sách."
		}
	case t == TypeEnum && e != nil && ww.hasList[e.Name]:
		v.kind, v.list = "list", e.Name
		v.errorText = "Giá trị không có trong danh sách. Bấm mũi tên ở góc ô và chọn một giá trị."
	case t == TypeInteger:
		v.kind = "whole"
		v.errorText = "Chỉ nhập số nguyên không âm (0, 1, 2, …)."
	case t == TypeMoney:
		v.kind = "decimal"
		v.errorText = "Chỉ nhập số không âm: số tiền tính bằng triệu đồng, tối đa 3 chữ số thập phân."
	case t == TypeDate:
		v.kind = "date"
		v.lo, v.hi = ww.dateBounds(key)
		v.errorText = fmt.Sprintf("Nhập ngày dạng dd/mm/yyyy (hoặc yyyy-mm-dd), từ %s đến %s.", period.FormatVN(v.lo), period.FormatVN(v.hi))
	}
	return v
}

// ---- Thông tin ----

// InfoFirstRow is the row of the first label on `Thông tin`.
const InfoFirstRow = 3

func (ww *wbWriter) writeInfo(s *Sheet, num int) error {
	f, sh, info := ww.f, s.Name, &ww.sub.Info
	ww.setErr(f.SetColWidth(sh, "A", "A", 26))
	ww.setErr(f.SetColWidth(sh, "B", "B", 50))
	ww.setErr(f.SetColWidth(sh, "C", "C", 60))
	ww.set(sh, "A1", vText(ww.sheetTitle(num, "Thông tin chung")))
	ww.setErr(f.SetCellStyle(sh, "A1", "A1", ww.st.title))
	quarter := ""
	if !info.Quarter.IsZero() {
		quarter = info.Quarter.String()
	}
	values := map[string]cv{
		LabelUnitCode: vText(info.UnitCode), LabelUnitName: vText(info.UnitName), LabelPeriod: vText(quarter),
		LabelKind: vText(info.Kind), LabelPreparer: vText(info.Preparer), LabelPhone: vText(info.Phone),
		LabelEmail: vText(info.Email), LabelPrepared: vDate(info.Prepared), LabelFormVer: vText(info.FormVersion),
	}
	for i, l := range s.Labels {
		row := InfoFirstRow + i
		a, b, c := cellName(1, row), cellName(2, row), cellName(3, row)
		ww.set(sh, a, vText(l.Text))
		lst := ww.st.label
		if l.Required || l.Recommended {
			lst = ww.st.labelReq
		}
		ww.setErr(f.SetCellStyle(sh, a, a, lst))
		bst := ww.st.infoText
		switch {
		case l.Key == LabelPeriod || l.Key == LabelFormVer:
			bst = ww.st.infoLocked
		case l.Type == TypeDate:
			bst = ww.st.infoDate
		}
		ww.setErr(f.SetCellStyle(sh, b, b, bst))
		ww.set(sh, b, values[l.Key])
		help := labelHelp(l)
		if help != "" {
			ww.set(sh, c, vText(help))
			ww.setErr(f.SetCellStyle(sh, c, c, ww.st.help))
		}
		v := ww.columnValidation(sh, l.Key, l.Text, l.Type, l.Enum, l.HelpVI)
		ww.addValidation(sh, b, v)
	}
	return ww.err
}

// labelHelp is the hint written next to a `Thông tin` value.
func labelHelp(l Label) string {
	h := l.HelpVI
	if l.Required || l.Recommended {
		if h == "" {
			return "Bắt buộc"
		}
		return "Bắt buộc. " + h
	}
	return h
}

// ---- tables ----

type rowValues map[string]cv

// tableRows returns the data rows of a table sheet of the form.
func (ww *wbWriter) tableRows(s *Sheet) []rowValues {
	sub := ww.sub
	var rows []rowValues
	switch s.Name {
	case SheetAgreements:
		for _, a := range sub.Agreements {
			rows = append(rows, rowValues{
				ColReportingUnit: vText(a.Unit), ColNumber: vText(a.Number), ColPartnerCode: vText(a.PartnerCode),
				ColPartnerName: vText(a.PartnerName), ColInBloc: vYesNo(a.InBloc), ColRole: vText(a.Role),
				ColField: vText(a.Field), ColSigned: vDate(a.Signed), ColExpires: vDate(a.Expires),
				ColStatus: vText(a.Status), ColContracts: vInt(a.Contracts), ColContractVal: vMoney(a.ContractValue),
				ColDelivered: vMoney(a.Delivered), ColNote: vText(a.Note),
			})
		}
	case SheetPurchases:
		for _, p := range sub.Purchases {
			rows = append(rows, rowValues{
				ColReportingUnit: vText(p.Unit), ColCategory: vText(p.Category), ColTotal: vMoney(p.Total),
				ColDomestic: vMoney(p.Domestic), ColInBlocV: vMoney(p.InBloc), ColNote: vText(p.Note),
			})
		}
	case SheetChecks:
		for _, c := range sub.Checks {
			rows = append(rows, rowValues{
				ColReportingUnit: vText(c.Unit), ColCheckKind: vText(c.Kind), ColStart: vDate(c.Start),
				ColTarget: vText(c.Target), ColContent: vText(c.Content), ColInProgramme: vYesNo(c.InProgramme),
				ColResult: vText(c.Result), ColRecs: vInt(c.Recs), ColRemedied: vInt(c.Remedied), ColNote: vText(c.Note),
			})
		}
	case SheetActivities:
		for _, a := range sub.Activities {
			rows = append(rows, rowValues{
				ColReportingUnit: vText(a.Unit), ColIndicator: vText(a.Indicator), ColCount: vInt(a.Count),
				ColValue: vMoney(a.Value), ColNote: vText(a.Note),
			})
		}
	}
	return rows
}

func (ww *wbWriter) coveredRows() []rowValues {
	var rows []rowValues
	for _, c := range ww.sub.Covered {
		rows = append(rows, rowValues{
			ColUnitCode: vText(c.Code), ColUnitName: vText(c.Name), ColCoverState: vText(c.Status), ColReceived: vDate(c.Received),
		})
	}
	return rows
}

// tableNote is row 2 of the table sheets.
const tableNote = "Số tiền tính bằng triệu đồng; ngày ghi dạng dd/mm/yyyy; các cột có danh sách: chọn từ danh sách thả xuống. Xem trang «" + SheetGuide + "»."

// headerHeight estimates the height (points) the wrapped header row needs.
func headerHeight(cols []Column) float64 {
	lines := 1
	for _, c := range cols {
		perLine := int(c.Width) - 1
		if perLine < 4 {
			perLine = 4
		}
		if n := (utf8.RuneCountInString(c.Header) + perLine - 1) / perLine; n > lines {
			lines = n
		}
	}
	return float64(lines)*15 + 4
}

func (ww *wbWriter) writeTable(s *Sheet, cols []Column, rows []rowValues, num int) error {
	f, sh := ww.f, s.Name
	hr := TableHeaderRow
	last := hr + len(rows) + InputRows
	// Column widths and default formats (so that typing below the block is formatted too).
	for i, c := range cols {
		cn := colName(i + 1)
		ww.setErr(f.SetColWidth(sh, cn, cn, c.Width))
		if c.Key != ColSTT {
			ww.setErr(f.SetColStyle(sh, cn, ww.st.col[c.Type]))
		}
	}
	title := s.Name
	if s == CoveredSheet {
		title = "Danh sách đơn vị được tổng hợp"
	}
	ww.set(sh, "A1", vText(ww.sheetTitle(num, title)))
	ww.setErr(f.SetCellStyle(sh, "A1", "A1", ww.st.title))
	ww.set(sh, "A2", vText(tableNote))
	ww.setErr(f.SetCellStyle(sh, "A2", "A2", ww.st.note))
	// Header.
	for i, c := range cols {
		ww.set(sh, cellName(i+1, hr), vText(c.Header))
	}
	ww.setErr(f.SetCellStyle(sh, cellName(1, hr), cellName(len(cols), hr), ww.st.header))
	ww.setErr(f.SetRowHeight(sh, hr, headerHeight(cols)))
	// Block styles and validations.
	for i, c := range cols {
		from, to := cellName(i+1, hr+1), cellName(i+1, last)
		style := ww.st.cell[c.Type]
		if c.Key == ColSTT {
			style = ww.st.stt
		}
		ww.setErr(f.SetCellStyle(sh, from, to, style))
		if c.Key == ColSTT {
			continue
		}
		v := ww.columnValidation(sh, c.Key, c.Header, c.Type, c.Enum, c.HelpVI)
		ww.addValidation(sh, from+":"+to, v)
	}
	// Data.
	for r, row := range rows {
		n := hr + 1 + r
		for i, c := range cols {
			if c.Key == ColSTT {
				ww.set(sh, cellName(i+1, n), cv{k: cInt, n: int64(r + 1)})
				continue
			}
			if c.Key == ColReportingUnit && !ww.rollup {
				continue
			}
			ww.set(sh, cellName(i+1, n), row[c.Key])
		}
	}
	ww.setErr(f.SetPanes(sh, &excelize.Panes{
		Freeze: true, YSplit: hr, TopLeftCell: cellName(1, hr+1), ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: cellName(1, hr+1), ActiveCell: cellName(1, hr+1), Pane: "bottomLeft"}},
	}))
	return ww.err
}

// ---- Đánh giá ----

// evalNote is row 2 of `Đánh giá`.
const evalNote = "Ghi nội dung vào cột B, mỗi mục tối đa 4.000 ký tự. Trang này không bắt buộc."

func (ww *wbWriter) writeEvaluation(s *Sheet, num int) error {
	f, sh := ww.f, s.Name
	texts := map[string]string{}
	for _, n := range ww.sub.Evaluation {
		canon := Canonical(EnumEvaluation, n.Label)
		if canon == "" {
			return &WriteError{
				Message:   fmt.Sprintf("the evaluation label %q is not one of the form's (%s)", n.Label, strings.Join(EnumEvaluation.Values, "; ")),
				MessageVI: fmt.Sprintf("mục đánh giá %q không có trong biểu mẫu (%s)", n.Label, strings.Join(EnumEvaluation.Values, "; ")),
			}
		}
		if _, dup := texts[canon]; dup {
			return &WriteError{
				Message:   fmt.Sprintf("the evaluation label %q is given twice", canon),
				MessageVI: fmt.Sprintf("mục đánh giá %q được ghi hai lần", canon),
			}
		}
		texts[canon] = n.Text
	}
	ww.setErr(f.SetColWidth(sh, "A", "A", 28))
	ww.setErr(f.SetColWidth(sh, "B", "B", 100))
	ww.set(sh, "A1", vText(ww.sheetTitle(num, "Đánh giá chung")))
	ww.setErr(f.SetCellStyle(sh, "A1", "A1", ww.st.title))
	ww.set(sh, "A2", vText(evalNote))
	ww.setErr(f.SetCellStyle(sh, "A2", "A2", ww.st.note))
	for i, l := range s.Labels {
		row := InfoFirstRow + i
		a, b := cellName(1, row), cellName(2, row)
		ww.set(sh, a, vText(l.Text))
		ww.setErr(f.SetCellStyle(sh, a, a, ww.st.labelReq))
		ww.setErr(f.SetCellStyle(sh, b, b, ww.st.evalText))
		ww.set(sh, b, vText(texts[l.Text]))
		ww.setErr(f.SetRowHeight(sh, row, textHeight(texts[l.Text], 100, 60)))
		ww.addValidation(sh, b, validation{
			kind: "textLength", maxLen: MaxEvaluationChars, title: l.Text,
			prompt:    l.Text + ": tối đa 4.000 ký tự",
			errorText: "Nội dung dài quá 4.000 ký tự; hãy viết ngắn gọn hơn.",
		})
	}
	return ww.err
}

// textHeight estimates the height (points) of a wrapped cell of the given width holding s,
// at least min, at most Excel's 409.
func textHeight(s string, width float64, min float64) float64 {
	perLine := int(width * 1.1)
	lines := 0
	for _, para := range strings.Split(s, "\n") {
		n := utf8.RuneCountInString(para)
		lines += (n + perLine - 1) / perLine
		if n == 0 {
			lines++
		}
	}
	h := float64(lines)*15 + 3
	if h < min {
		h = min
	}
	if h > 409 {
		h = 409
	}
	return h
}

// itoa is strconv.Itoa (kept short for the guide).
func itoa(n int) string { return strconv.Itoa(n) }

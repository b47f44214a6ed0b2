package form

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/vdhv/vdhv/pkg/finding"
	"github.com/vdhv/vdhv/pkg/period"
	"github.com/vdhv/vdhv/pkg/units"
	"github.com/vdhv/vdhv/pkg/vntext"
	"github.com/vdhv/vdhv/pkg/xlsxread"
)

// Options of reading a submission.
type Options struct {
	// Units is the hierarchy codes are checked against. Required.
	Units *units.Tree
	// Windows decides what "inside the quarter" means.
	Windows period.Windows
	// FolderQuarter is the quarter of the folder the file lies in
	// (submissions/<YYYY>/Q<n>/); zero when the file is elsewhere.
	FolderQuarter period.Quarter
	// Limits bound the reader; zero means xlsxread.DefaultLimits().
	Limits xlsxread.Limits
	// SHA256 is the hex sha256 of the bytes given to ReadBytes when the caller has
	// already computed it (the workspace scan does, for its cache); "" to compute it.
	SHA256 string
}

// Result of reading one file: the submission as far as it could be read, and the findings.
// Submission is nil when the file could not be opened as a workbook.
type Result struct {
	Path       string
	Submission *Submission
	Findings   finding.List
}

// HasErrors reports whether any finding is an error (the file is then invalid).
func (r *Result) HasErrors() bool { return r.Findings.HasErrors() }

// QuarterFromPath returns the quarter of a path inside submissions/<YYYY>/Q<n>/, or zero.
func QuarterFromPath(path string) period.Quarter {
	dir := filepath.Base(filepath.Dir(path))
	year := filepath.Base(filepath.Dir(filepath.Dir(path)))
	if len(dir) != 2 || (dir[0] != 'Q' && dir[0] != 'q') || dir[1] < '1' || dir[1] > '4' {
		return period.Quarter{}
	}
	y, err := strconv.Atoi(year)
	if err != nil || len(year) != 4 {
		return period.Quarter{}
	}
	return period.Quarter{Year: y, Q: int(dir[1] - '0')}
}

// ReadFile reads and validates the file at path.
func ReadFile(path string, opt Options) *Result {
	lim := opt.Limits
	if lim == (xlsxread.Limits{}) {
		lim = xlsxread.DefaultLimits()
	}
	res := &Result{Path: path}
	st, err := os.Stat(path)
	if err != nil {
		res.Findings = append(res.Findings, finding.New(finding.RuleFileUnreadable, path, "", "", "", "detail", osErrorText(err)))
		return res
	}
	if st.Size() > lim.MaxFileBytes && lim.MaxFileBytes > 0 {
		res.Findings = append(res.Findings, finding.New(finding.RuleFileTooLarge, path, "", "", "",
			"detail", strconv.FormatInt(st.Size(), 10)+" bytes", "limit", "≤ "+strconv.FormatInt(lim.MaxFileBytes, 10)+" bytes"))
		return res
	}
	data, err := os.ReadFile(path)
	if err != nil {
		res.Findings = append(res.Findings, finding.New(finding.RuleFileUnreadable, path, "", "", "", "detail", osErrorText(err)))
		return res
	}
	return ReadBytes(data, path, opt)
}

func osErrorText(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// ReadBytes reads and validates a workbook held in memory; path names it in findings.
func ReadBytes(data []byte, path string, opt Options) *Result {
	lim := opt.Limits
	if lim == (xlsxread.Limits{}) {
		lim = xlsxread.DefaultLimits()
	}
	res := &Result{Path: path}
	wb, err := xlsxread.OpenBytes(data, lim)
	if err != nil {
		res.Findings = append(res.Findings, openFinding(path, err))
		return res
	}
	defer wb.Close()
	fp := opt.SHA256
	if fp == "" {
		sum := sha256.Sum256(data)
		fp = hex.EncodeToString(sum[:])
	}
	r := &reader{wb: wb, path: path, opt: opt, res: res, sub: &Submission{Path: path, Fingerprint: fp}}
	r.read()
	res.Submission = r.sub
	return res
}

// openFinding turns an open error into the one clear finding for that kind of file.
func openFinding(path string, err error) finding.Finding {
	var fe *xlsxread.FormatError
	var le *xlsxread.LimitError
	switch {
	case errors.As(err, &fe):
		switch fe.Kind {
		case xlsxread.KindXLS:
			return finding.New(finding.RuleFileXLS, path, "", "", "")
		case xlsxread.KindEncrypted:
			return finding.New(finding.RuleFileEncrypted, path, "", "", "")
		case xlsxread.KindXLSB:
			return finding.New(finding.RuleFileXLSB, path, "", "", "")
		case xlsxread.KindODS:
			return finding.New(finding.RuleFileODS, path, "", "", "")
		case xlsxread.KindEmpty:
			return finding.New(finding.RuleFileEmpty, path, "", "", "")
		case xlsxread.KindText:
			return finding.New(finding.RuleFileNotSpreadsheet, path, "", "", "", "what", "text/HTML/CSV")
		case xlsxread.KindZip:
			return finding.New(finding.RuleFileNotSpreadsheet, path, "", "", "", "what", "zip")
		case xlsxread.KindUnknown:
			return finding.New(finding.RuleFileNotSpreadsheet, path, "", "", "", "what", "?")
		default:
			return finding.New(finding.RuleFileCorrupt, path, "", "", "", "detail", fe.Detail)
		}
	case errors.As(err, &le):
		return limitFinding(path, le)
	}
	return finding.New(finding.RuleFileCorrupt, path, "", "", "", "detail", err.Error())
}

func limitFinding(path string, le *xlsxread.LimitError) finding.Finding {
	return finding.New(finding.RuleFileTooLarge, path, le.Sheet, le.Cell, "",
		"detail", le.Error(), "limit", le.What+" ≤ "+strconv.FormatInt(le.Limit, 10))
}

// reader holds the state of reading one workbook.
type reader struct {
	wb   *xlsxread.Workbook
	path string
	opt  Options
	res  *Result
	sub  *Submission

	unit          *units.Unit // the reporting unit, when known
	quarter       period.Quarter
	qFirst, qLast time.Time
	rollup        bool
	sheets        map[string]string // canonical sheet name -> name in the workbook
	fatal         bool              // a limit error stopped reading
	coveredSeen   map[string]int
	unitRefs      map[string]string   // sheet+row -> cell of `Mã đơn vị báo cáo` (roll-ups)
	texts         map[textKey]textVal // text's work per distinct value and font (see text)
}

func (r *reader) add(rule *finding.Rule, at cellCtx, found string, params ...string) {
	if at.column != "" {
		params = append(params, "column", at.column)
	}
	r.res.Findings = append(r.res.Findings, finding.New(rule, r.path, at.sheet, at.ref, found, params...))
}

// sheetErr records an error returned while streaming a sheet.
func (r *reader) sheetErr(sheet string, err error) {
	var le *xlsxread.LimitError
	if errors.As(err, &le) {
		if le.Sheet == "" {
			le.Sheet = sheet
		}
		r.res.Findings = append(r.res.Findings, limitFinding(r.path, le))
		r.fatal = true
		return
	}
	r.res.Findings = append(r.res.Findings, finding.New(finding.RuleFileCorrupt, r.path, sheet, "", "", "detail", err.Error()))
	r.fatal = true
}

func (r *reader) read() {
	r.mapSheets()
	r.readInfo()
	if r.fatal {
		return
	}
	for _, s := range Form[1:] {
		if r.fatal {
			return
		}
		if s.IsTable() {
			r.readTable(s)
		} else {
			r.readEvaluation(s)
		}
	}
	if r.rollup && !r.fatal {
		r.readCovered()
		r.checkRollupRows()
	}
}

// mapSheets finds the form's sheets by name (text rules) and reports missing, unknown and
// hidden ones.
func (r *reader) mapSheets() {
	r.sheets = map[string]string{}
	known := map[string]string{}
	for _, s := range Form {
		known[vntext.Fold(s.Name)] = s.Name
	}
	for _, n := range []string{SheetGuide, SheetLists, SheetCovered} {
		known[vntext.Fold(n)] = n
	}
	for _, si := range r.wb.Sheets() {
		canon, ok := known[vntext.Fold(si.Name)]
		if !ok {
			r.add(finding.RuleSheetUnknown, cellCtx{sheet: si.Name}, "", "sheet", si.Name)
			continue
		}
		if _, dup := r.sheets[canon]; dup {
			r.add(finding.RuleSheetUnknown, cellCtx{sheet: si.Name}, "", "sheet", si.Name)
			continue
		}
		r.sheets[canon] = si.Name
		switch {
		case si.State == xlsxread.Visible || canon == SheetLists || canon == SheetGuide:
		case si.State == xlsxread.VeryHidden:
			// Only a macro or a tool can make a sheet very hidden, and only the VBA editor
			// shows it again: figures there would reach the aggregate unseen by anyone
			// reviewing the file, so this is an error (a hidden sheet is one click away).
			r.add(finding.RuleSheetVeryHidden, cellCtx{sheet: si.Name}, "", "sheet", si.Name)
		default:
			r.add(finding.RuleSheetHidden, cellCtx{sheet: si.Name}, "", "sheet", si.Name)
		}
	}
	var required []string
	for _, s := range Form {
		if s.Required {
			required = append(required, s.Name)
		}
	}
	for _, s := range Form {
		if _, ok := r.sheets[s.Name]; !ok && s.Required {
			r.add(finding.RuleSheetMissing, cellCtx{}, "", "sheet", s.Name, "sheets", strings.Join(required, ", "))
		}
	}
}

// labelRow is one label/value row.
type labelRow struct {
	row   int
	label string
	value *xlsxread.Cell
}

// readLabels streams a label/value sheet: labels in column A, values in column B.
func (r *reader) readLabels(sheet string) []labelRow {
	name, ok := r.sheets[sheet]
	if !ok {
		return nil
	}
	var out []labelRow
	err := r.wb.Rows(name, func(row xlsxread.Row) error {
		var a, b *xlsxread.Cell
		for i := range row.Cells {
			switch row.Cells[i].Col {
			case 1:
				a = &row.Cells[i]
			case 2:
				c := row.Cells[i]
				b = &c
			}
		}
		if a == nil || a.Type != xlsxread.CellString {
			return nil
		}
		label := strings.TrimRight(vntext.Clean(a.Value), " :*")
		if label == "" {
			return nil
		}
		out = append(out, labelRow{row: row.Num, label: label, value: b})
		return nil
	})
	if err != nil {
		r.sheetErr(name, err)
	}
	return out
}

// infoLabelFolds are the folded texts of `Thông tin`'s labels, in schema order.
var infoLabelFolds = sync.OnceValue(func() []string {
	var out []string
	for _, l := range Form[0].Labels {
		out = append(out, vntext.Fold(l.Text))
	}
	return out
})

func (r *reader) readInfo() {
	s := Form[0]
	name, ok := r.sheets[s.Name]
	if !ok {
		return
	}
	rows := r.readLabels(s.Name)
	if r.fatal {
		// The sheet could not be read to its end: its labels are unknown, not missing.
		return
	}
	byKey := map[string]labelRow{}
	folded := infoLabelFolds()
	for _, lr := range rows {
		f := vntext.Fold(lr.label) // once per row, not once per label
		for i, l := range s.Labels {
			if lr.label == l.Text || f == folded[i] {
				if _, dup := byKey[l.Key]; !dup {
					byKey[l.Key] = lr
				}
			}
		}
	}
	get := func(key string) (*xlsxread.Cell, cellCtx, bool) {
		var lab Label
		for _, l := range s.Labels {
			if l.Key == key {
				lab = l
			}
		}
		lr, ok := byKey[key]
		if !ok {
			if lab.Required || lab.Recommended {
				r.add(finding.RuleInfoMissing, cellCtx{sheet: name}, "", "label", lab.Text)
			}
			return nil, cellCtx{}, false
		}
		at := cellCtx{sheet: name, ref: xlsxread.CellName(2, lr.row), column: lab.Text}
		if lab.Required && isEmpty(lr.value) {
			r.add(finding.RuleRequired, at, "", "expected", lab.HelpVI)
			return nil, at, false
		}
		if lab.Recommended && isEmpty(lr.value) {
			r.add(finding.RuleInfoEmpty, at, "", "expected", lab.HelpVI)
			return nil, at, false
		}
		return lr.value, at, true
	}
	info := &r.sub.Info
	info.Kind = ReportKindUnit

	if c, at, ok := get(LabelFormVer); ok {
		v, _ := r.text(c, at)
		if !vntext.Equal(v, FormVersion) {
			r.add(finding.RuleFormVersion, at, v, "versions", strings.Join(SupportedVersions, ", "))
		}
		info.FormVersion = v
	}
	if c, at, ok := get(LabelKind); ok && !isEmpty(c) {
		if v, ok := r.enum(c, at, EnumReportKind); ok && v != "" {
			info.Kind = v
		}
	}
	r.rollup = info.Kind == ReportKindRollup
	if c, at, ok := get(LabelPeriod); ok {
		v, _ := r.text(c, at)
		q, err := period.ParseQuarter(v)
		if err != nil {
			r.add(finding.RulePeriodInvalid, at, v)
		} else {
			info.Quarter = q
			if f := r.opt.FolderQuarter; !f.IsZero() && f != q {
				r.add(finding.RulePeriodFolder, at, q.String(), "folder", f.String(),
					"folder_path", strconv.Itoa(f.Year)+"/Q"+strconv.Itoa(f.Q))
			}
		}
	}
	if info.Quarter.IsZero() && !r.opt.FolderQuarter.IsZero() {
		// Judge the other dates against the folder's quarter rather than not at all.
		r.quarter = r.opt.FolderQuarter
	} else {
		r.quarter = info.Quarter
	}
	if !r.quarter.IsZero() {
		r.qFirst, r.qLast = r.opt.Windows.QuarterRange(r.quarter)
	}
	if c, at, ok := get(LabelUnitCode); ok {
		code, _ := r.text(c, at)
		info.UnitCode = code
		if r.opt.Units != nil {
			u := r.opt.Units.Lookup(code)
			switch {
			case u == nil:
				r.add(finding.RuleUnitUnknown, at, code)
			default:
				r.unit = u
				info.UnitCode = u.Code
				if !r.quarter.IsZero() && !u.ActiveIn(r.quarter) {
					r.add(finding.RuleUnitInactive, at, u.Code, "quarter", r.quarter.String(), "active", activeText(u))
				}
				if r.rollup && len(u.Children) == 0 {
					r.add(finding.RuleRollupNoChildren, at, u.Code)
				}
				if !r.rollup && !u.Reports {
					r.add(finding.RuleUnitNotReporting, at, u.Code)
				}
			}
		}
	}
	if c, at, ok := get(LabelUnitName); ok {
		v, _ := r.text(c, at)
		info.UnitName = v
		if v != "" && r.unit != nil && !vntext.Equal(v, r.unit.Name) {
			r.add(finding.RuleUnitNameDiffers, at, v, "name", r.unit.Name)
		}
	}
	if c, at, ok := get(LabelPreparer); ok {
		info.Preparer, _ = r.text(c, at)
	}
	if c, at, ok := get(LabelPhone); ok {
		info.Phone, _ = r.text(c, at)
	}
	if c, at, ok := get(LabelEmail); ok {
		v, _ := r.text(c, at)
		if v != "" && !validEmail(v) {
			r.add(finding.RuleEmailInvalid, at, v)
		}
		info.Email = v
	}
	if c, at, ok := get(LabelPrepared); ok {
		if t, ok := r.date(c, at); ok && !t.IsZero() {
			info.Prepared = t
			if !r.qFirst.IsZero() && t.Before(r.qFirst) {
				r.add(finding.RulePreparedEarly, at, period.FormatVN(t), "quarter", r.quarter.String(), "first", period.FormatVN(r.qFirst))
			}
		}
	}
}

func activeText(u *units.Unit) string {
	from, until := "…", "…"
	if !u.ActiveFrom.IsZero() {
		from = u.ActiveFrom.String()
	}
	if !u.ActiveUntil.IsZero() {
		until = u.ActiveUntil.String()
	}
	return from + " – " + until
}

// validEmail accepts local@domain.tld with no spaces and one '@'.
func validEmail(s string) bool {
	at := strings.IndexByte(s, '@')
	if at <= 0 || at != strings.LastIndexByte(s, '@') || strings.ContainsAny(s, " ,;<>()[]\\\"") {
		return false
	}
	dom := s[at+1:]
	dot := strings.LastIndexByte(dom, '.')
	return dot > 0 && dot < len(dom)-2 && !strings.Contains(dom, "..") && !strings.HasPrefix(dom, ".")
}

package xlsxout

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/vdhv/vdhv/pkg/pdfdoc"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"
)

// Sheet is one worksheet's content: a title row, then Table, then Chart (either may be
// nil). Sheets with the same Name (after sanitising, ignoring case) share one worksheet,
// their contents stacked in order.
type Sheet struct {
	Name  string
	Title string // the title row; "" uses the table's (or chart's) own title
	Table *pdfdoc.Table
	Chart *pdfdoc.Chart
}

// Options are the workbook-level settings.
type Options struct {
	// Created is written as the Created and Modified document properties (UTC, whole
	// seconds); the zero time writes 1970-01-01T00:00:00Z so that output never depends on
	// the clock. Callers derive it from SOURCE_DATE_EPOCH.
	Created time.Time
	Title   string // the Title document property
	Lang    string // "vi" (default) or "en": the few words the renderer adds itself
}

// Error is a problem with the input (an invalid table) or with writing; Error() is
// English, Localized("vi") Vietnamese.
type Error struct {
	Sheet     string
	Message   string
	MessageVI string
	Err       error // the underlying error, if any
}

func (e *Error) Error() string {
	if e.Sheet != "" {
		return "xlsx: sheet " + strconv.Quote(e.Sheet) + ": " + e.Message
	}
	return "xlsx: " + e.Message
}

// Localized returns the message in lang ("en" English, anything else Vietnamese).
func (e *Error) Localized(lang string) string {
	if strings.EqualFold(lang, "en") {
		return e.Error()
	}
	if e.Sheet != "" {
		return "xlsx: trang " + strconv.Quote(e.Sheet) + ": " + e.MessageVI
	}
	return "xlsx: " + e.MessageVI
}

func (e *Error) Unwrap() error { return e.Err }

// Number formats.
const (
	fmtInt     = "#,##0"
	fmtDecimal = "#,##0.###"
	fmtPercent = "0.0%"
)

// Layout limits.
const (
	maxColWidth     = 60.0
	minColWidth     = 6.0
	maxHeaderWidth  = 18 // a header contributes at most this many characters (it wraps)
	maxOutlineLevel = 7
	chartHeightPx   = 380
	chartRows       = 20 // rows a chart covers (default row height 20 px)
)

// Write writes the sheets as one XLSX workbook to w. The same sheets and options give the
// same bytes. An invalid table (header spans that do not tile the columns, a row with more
// cells than columns) is an *Error; nothing is written then.
func Write(w io.Writer, sheets []Sheet, opt Options) (err error) {
	defer func() {
		if r := recover(); r != nil { // excelize is not ours: never let it take the CLI down
			err = &Error{Message: fmt.Sprintf("internal error: %v", r), MessageVI: fmt.Sprintf("lỗi nội bộ: %v", r)}
		}
	}()
	wr := &writer{f: excelize.NewFile(), en: strings.EqualFold(strings.TrimSpace(opt.Lang), "en"), styles: map[styleKey]int{}}
	defer wr.f.Close()
	groups := wr.group(sheets)
	for gi, g := range groups {
		if gi == 0 {
			if err := wr.f.SetSheetName("Sheet1", g.name); err != nil {
				return wr.wrap(g.name, err)
			}
		} else if _, err := wr.f.NewSheet(g.name); err != nil {
			return wr.wrap(g.name, err)
		}
		st := &sheetState{name: g.name, row: 1, data: &sheetData{}}
		wr.data = append(wr.data, st.data)
		for _, s := range g.parts {
			if err := wr.part(st, s); err != nil {
				return err
			}
		}
		if err := wr.finish(st); err != nil {
			return err
		}
	}
	created := opt.Created
	if created.IsZero() {
		created = time.Unix(0, 0)
	}
	stamp := created.UTC().Truncate(time.Second).Format("2006-01-02T15:04:05Z")
	lang := "vi-VN"
	if wr.en {
		lang = "en-US"
	}
	if err := wr.f.SetDocProps(&excelize.DocProperties{
		Creator: "vdhv", LastModifiedBy: "vdhv", Created: stamp, Modified: stamp,
		Title: clean(opt.Title), Language: lang,
	}); err != nil {
		return wr.wrap("", err)
	}
	wr.f.SetActiveSheet(0)
	p := &parts{}
	wr.f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return p })
	if err := wr.f.Write(io.Discard); err != nil {
		return &Error{Message: "cannot write the workbook: " + err.Error(), MessageVI: "không ghi được tệp: " + err.Error(), Err: err}
	}
	if err := assemble(w, p, wr.data, &wr.sst); err != nil {
		return &Error{Message: "cannot write the workbook: " + err.Error(), MessageVI: "không ghi được tệp: " + err.Error(), Err: err}
	}
	return nil
}

var defaultElem = regexp.MustCompile(`<Default [^>]*>(?:</Default>)?`)

// sortDefaults sorts the <Default> elements of a content types part in place of the
// first one.
func sortDefaults(ct []byte) []byte {
	locs := defaultElem.FindAllIndex(ct, -1)
	if len(locs) < 2 {
		return ct
	}
	elems := make([]string, len(locs))
	for i, l := range locs {
		elems[i] = string(ct[l[0]:l[1]])
	}
	sort.Strings(elems)
	var out bytes.Buffer
	prev := 0
	for i, l := range locs {
		out.Write(ct[prev:l[0]])
		out.WriteString(elems[i])
		prev = l[1]
	}
	out.Write(ct[prev:])
	return out.Bytes()
}

type writer struct {
	f      *excelize.File
	en     bool
	styles map[styleKey]int
	sst    sst          // the shared strings of all sheets
	data   []*sheetData // the cells of each worksheet, in creation order
	// recent is the last style of each column (modulo its size): a table's column has
	// few styles, and hashing a styleKey per cell showed in the profile.
	recent [32]recentStyle
}

type recentStyle struct {
	k  styleKey
	id int
}

func (w *writer) t(vi, en string) string {
	if w.en {
		return en
	}
	return vi
}

func (w *writer) wrap(sheet string, err error) error {
	var e *Error
	if errors.As(err, &e) {
		return err
	}
	return &Error{Sheet: sheet, Message: err.Error(), MessageVI: err.Error(), Err: err}
}

func invalid(sheet, en, vi string) error {
	return &Error{Sheet: sheet, Message: en, MessageVI: vi}
}

// sheetGroup is the content of one worksheet.
type sheetGroup struct {
	name  string
	parts []Sheet
}

// group sanitises the names and merges sheets with the same name, in first-seen order. A
// workbook always has at least one sheet.
func (w *writer) group(sheets []Sheet) []sheetGroup {
	var out []sheetGroup
	idx := map[string]int{}
	for i, s := range sheets {
		name := sheetName(s.Name, i+1, w.t("Trang", "Sheet"))
		k := strings.ToLower(name)
		if j, ok := idx[k]; ok {
			out[j].parts = append(out[j].parts, s)
			continue
		}
		idx[k] = len(out)
		out = append(out, sheetGroup{name: name, parts: []Sheet{s}})
	}
	if len(out) == 0 {
		out = append(out, sheetGroup{name: sheetName("", 1, w.t("Trang", "Sheet"))})
	}
	return out
}

// sheetName makes a valid Excel sheet name: NFC, no control characters or []:*?/\ (they
// become "-"), no leading or trailing apostrophe or space, at most 31 characters, not
// "History"; an empty name becomes "<fallback> n".
func sheetName(s string, n int, fallback string) string {
	s = norm.NFC.String(strings.ToValidUTF8(s, "\uFFFD"))
	s = strings.Map(func(r rune) rune {
		switch {
		case r < 0x20 || r == 0x7f:
			return ' '
		case strings.ContainsRune(`[]:*?/\`, r):
			return '-'
		case r == 0xFFFE || r == 0xFFFF || r > 0xFFFF:
			return '\uFFFD' // outside the Basic Multilingual Plane: Excel counts UTF-16
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	s = strings.Trim(s, "' ")
	if utf8.RuneCountInString(s) > 31 {
		s = string([]rune(s)[:31])
		s = strings.TrimRight(s, "' ")
	}
	if s == "" {
		s = fallback + " " + strconv.Itoa(n)
	}
	if strings.EqualFold(s, "History") {
		s += " " + strconv.Itoa(n)
	}
	return s
}

// clean makes text safe for XML: invalid UTF-8 and non-characters become U+FFFD, control
// characters other than tab, line feed and carriage return become spaces. Everything else
// is kept as given (text from submissions is written as text, whatever it starts with).
func clean(s string) string {
	ok := utf8.ValidString(s)
	if ok {
		for i := 0; i < len(s); i++ {
			if c := s[i]; c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0xEF {
				ok = false
				break
			}
		}
	}
	if ok {
		return s
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		switch {
		case r < 0x20 && r != '\t' && r != '\n' && r != '\r':
			return ' '
		case r == 0xFFFE || r == 0xFFFF:
			return '\uFFFD'
		}
		return r
	}, s)
}

// cellText is the text of a string cell: clean(s), with the underscore of every "_xHHHH_"
// escaped as "_x005F_" so that Excel shows the text as written rather than decoding it
// as an escaped character (excelize does not escape shared strings itself). Overlapping
// candidates ("_x0041_x0042_") are escaped too.
func cellText(s string) string {
	s = clean(s)
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '_' && isEscape(s[i:]) {
			b.WriteString("_x005F")
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// isEscape reports whether s starts with _xHHHH_.
func isEscape(s string) bool {
	if len(s) < 7 || s[0] != '_' || s[1] != 'x' || s[6] != '_' {
		return false
	}
	for _, c := range s[2:6] {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// sheetState is the writing position and layout of one worksheet.
type sheetState struct {
	name    string
	row     int       // next free row, 1-based
	widths  []float64 // estimated width of each column, in characters
	frozen  bool
	outline bool
	charts  int
	data    *sheetData
}

func (st *sheetState) fit(col int, chars float64) {
	for len(st.widths) <= col {
		st.widths = append(st.widths, 0)
	}
	st.widths[col] = max(st.widths[col], chars)
}

// part writes one Sheet's content below what the worksheet already holds.
func (w *writer) part(st *sheetState, s Sheet) error {
	title := s.Title
	if title == "" {
		switch {
		case s.Table != nil:
			title = s.Table.Title
		case s.Chart != nil:
			title = s.Chart.Title
		}
	}
	if st.row > 1 {
		st.row++ // a blank row between stacked parts
	}
	if title != "" {
		if err := w.str(st, 0, st.row, title, styleKey{bold: true, size: 13}); err != nil {
			return err
		}
		st.row++
	}
	if s.Table != nil {
		if s.Title != "" && s.Table.Title != "" && s.Table.Title != s.Title {
			if err := w.str(st, 0, st.row, s.Table.Title, styleKey{bold: true}); err != nil {
				return err
			}
			st.row++
		}
		if err := w.table(st, s.Table); err != nil {
			return err
		}
	}
	if s.Chart != nil {
		if s.Table != nil {
			st.row++
		}
		if s.Chart.Title != "" && s.Chart.Title != title {
			if err := w.str(st, 0, st.row, s.Chart.Title, styleKey{bold: true}); err != nil {
				return err
			}
			st.row++
		}
		if err := w.chart(st, s.Chart); err != nil {
			return err
		}
	}
	return nil
}

// finish applies column widths and outline settings.
func (w *writer) finish(st *sheetState) error {
	for i, cw := range st.widths {
		if cw <= 0 {
			continue
		}
		col, err := excelize.ColumnNumberToName(i + 1)
		if err != nil {
			return w.wrap(st.name, err)
		}
		width := math.Round(min(maxColWidth, max(minColWidth, cw+2))*4) / 4
		if err := w.f.SetColWidth(st.name, col, col, width); err != nil {
			return w.wrap(st.name, err)
		}
	}
	if st.outline {
		below := false
		if err := w.f.SetSheetProps(st.name, &excelize.SheetPropsOptions{OutlineSummaryBelow: &below}); err != nil {
			return w.wrap(st.name, err)
		}
	}
	return nil
}

// ref is the A1 reference of a 0-based column and 1-based row.
func ref(col, row int) string {
	name, err := excelize.CoordinatesToCellName(col+1, row)
	if err != nil {
		return "A1"
	}
	return name
}

// str writes a text cell (always a string cell, never a formula) with a style.
func (w *writer) str(st *sheetState, col, row int, text string, k styleKey) error {
	if text != "" {
		if err := w.setStr(st, col, row, text); err != nil {
			return err
		}
	}
	return w.style(st, col, row, col, row, k)
}

// setStr sets the value of a cell to the shared string cellText(text).
func (w *writer) setStr(st *sheetState, col, row int, text string) error {
	c := st.data.at(col, row)
	if c == nil {
		return outOfRange(st.name)
	}
	s := cellText(text)
	first := len(w.sst.items) == 0
	c.kind, c.sst = kindString, int32(w.sst.add(s))
	if first {
		// excelize adds the shared string table (its part, relationship and content type)
		// with its first string: let it, at the point where it always did. The cell it
		// sets is replaced with the rest of the sheet's, and its table with w.sst.
		if err := w.f.SetCellStr(st.name, ref(col, row), s); err != nil {
			return w.wrap(st.name, err)
		}
	}
	return nil
}

// setNum sets the value of a cell to the finite number v, written as an integer if
// asInt (v is then integral).
func (w *writer) setNum(st *sheetState, col, row int, v float64, asInt bool) error {
	c := st.data.at(col, row)
	if c == nil {
		return outOfRange(st.name)
	}
	c.kind, c.v = kindFloat, v
	if asInt {
		c.kind = kindInt
	}
	return nil
}

// style applies the style k to the cells from (c1, r1) to (c2, r2), 0-based columns and
// 1-based rows.
func (w *writer) style(st *sheetState, c1, r1, c2, r2 int, k styleKey) error {
	if k == (styleKey{}) {
		return nil
	}
	var id int
	if e := &w.recent[uint(c1)%uint(len(w.recent))]; e.id != 0 && e.k == k {
		id = e.id
	} else {
		var err error
		if id, err = w.styleID(k); err != nil {
			return w.wrap(st.name, err)
		}
		*e = recentStyle{k, id}
	}
	for r := r1; r <= r2; r++ {
		for c := c1; c <= c2; c++ {
			x := st.data.at(c, r)
			if x == nil {
				return outOfRange(st.name)
			}
			x.style = int32(id)
		}
	}
	return nil
}

// textWidth estimates the width of text in characters: its longest line.
func textWidth(s string) float64 {
	var best int
	for line := range strings.SplitSeq(s, "\n") {
		best = max(best, utf8.RuneCountInString(line))
	}
	return float64(best)
}

// headerWidth is what a wrapped header asks of its column: its longest word, and up to
// maxHeaderWidth characters of the whole text.
func headerWidth(s string) float64 {
	var word int
	for _, f := range strings.Fields(s) {
		word = max(word, utf8.RuneCountInString(f))
	}
	return max(float64(word), min(textWidth(s), maxHeaderWidth))
}

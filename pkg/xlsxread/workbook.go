package xlsxread

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// SheetState is the visibility of a sheet.
type SheetState int

const (
	Visible    SheetState = iota
	Hidden                // hidden, can be unhidden from Excel's menu
	VeryHidden            // hidden, only visible from VBA
)

func (s SheetState) String() string {
	switch s {
	case Hidden:
		return "hidden"
	case VeryHidden:
		return "veryHidden"
	default:
		return "visible"
	}
}

// SheetInfo describes one sheet of the workbook.
type SheetInfo struct {
	Name  string
	State SheetState
}

type sheetEntry struct {
	info        SheetInfo
	part        string // zip part name, "" when the relationship is missing
	merges      []string
	mergesKnown bool
}

type xfInfo struct {
	date bool
	font string
}

// Workbook is an opened .xlsx file held in memory. It is not safe for
// concurrent use.
type Workbook struct {
	data   []byte
	zr     *zip.Reader
	lim    Limits
	total  int64
	sheets []sheetEntry

	date1904 bool
	xfs      []xfInfo

	sstPart string
	sst     *sharedStrings

	calc    *excelize.File
	calcErr error
	closed  bool
}

// Open reads the file at path (at most MaxFileBytes) into memory, sniffs
// its type and opens it. See OpenBytes.
func Open(path string, lim Limits) (*Workbook, error) {
	lim = lim.withDefaults()
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var hint int64
	if st, err := f.Stat(); err == nil {
		if st.Mode().IsRegular() && st.Size() > lim.MaxFileBytes {
			return nil, &LimitError{What: "file", Limit: lim.MaxFileBytes}
		}
		hint = st.Size()
	}
	buf := bytes.NewBuffer(make([]byte, 0, min(max(hint, 0), lim.MaxFileBytes)+bytes.MinRead))
	if _, err := buf.ReadFrom(io.LimitReader(f, lim.MaxFileBytes+1)); err != nil {
		return nil, err
	}
	if int64(buf.Len()) > lim.MaxFileBytes {
		return nil, &LimitError{What: "file", Limit: lim.MaxFileBytes}
	}
	return openBytes(buf.Bytes(), lim)
}

// OpenBytes opens an .xlsx held in memory. data must not be modified while
// the Workbook is in use. It returns a *FormatError when data is not a
// readable .xlsx and a *LimitError when a bound is hit. Open parses the
// package relationships, workbook.xml and styles.xml; the shared string table
// is read on first need and sheets are streamed by Rows.
func OpenBytes(data []byte, lim Limits) (*Workbook, error) {
	return openBytes(data, lim.withDefaults())
}

func openBytes(data []byte, lim Limits) (*Workbook, error) {
	if int64(len(data)) > lim.MaxFileBytes {
		return nil, &LimitError{What: "file", Limit: lim.MaxFileBytes}
	}
	kind, zr, err := sniff(bytes.NewReader(data), data, int64(len(data)), lim.MaxParts)
	if err != nil {
		return nil, err
	}
	if kind != KindXLSX {
		return nil, &FormatError{Kind: kind}
	}
	wb := &Workbook{data: data, zr: zr, lim: lim}
	if err := wb.init(); err != nil {
		return nil, err
	}
	return wb, nil
}

// Sheets returns the sheets in workbook order.
func (wb *Workbook) Sheets() []SheetInfo {
	out := make([]SheetInfo, len(wb.sheets))
	for i, s := range wb.sheets {
		out[i] = s.info
	}
	return out
}

// Date1904 reports whether serial dates count from 1904-01-01 (Mac Excel).
func (wb *Workbook) Date1904() bool { return wb.date1904 }

// IsDateStyle reports whether the cell style (index into cellXfs) has a date
// or time number format: built-in formats 14-22, 27-36, 45-47, 50-58, or a
// custom format whose code has d, m, y, h or s outside quotes, brackets and
// escapes (or an elapsed-time bracket like [h]).
func (wb *Workbook) IsDateStyle(style int) bool {
	if style < 0 || style >= len(wb.xfs) {
		return false
	}
	return wb.xfs[style].date
}

// FontName returns the name of the cell style's font ("" if none).
func (wb *Workbook) FontName(style int) string {
	if style < 0 || style >= len(wb.xfs) {
		return ""
	}
	return wb.xfs[style].font
}

// Close releases the workbook (and the excelize file opened by Calc).
func (wb *Workbook) Close() error {
	if wb.closed {
		return nil
	}
	wb.closed = true
	var err error
	if wb.calc != nil {
		err = wb.calc.Close()
		wb.calc = nil
	}
	if wb.sst != nil {
		wb.sst.release()
		wb.sst = nil
	}
	wb.data = nil
	wb.zr = nil
	return err
}

func (wb *Workbook) findSheet(name string) (*sheetEntry, error) {
	if wb.closed {
		return nil, ErrClosed
	}
	for i := range wb.sheets {
		if wb.sheets[i].info.Name == name {
			return &wb.sheets[i], nil
		}
	}
	return nil, fmt.Errorf("%w: %q", ErrNoSheet, name)
}

// ---- parts ----

// zipReadError wraps an error from the zip layer (checksum, truncated or
// corrupt deflate data).
type zipReadError struct{ err error }

func (e *zipReadError) Error() string { return e.err.Error() }

var errPartMissing = errors.New("part missing")

func (wb *Workbook) findPart(name string) *zip.File {
	if name == "" {
		return nil
	}
	for _, f := range wb.zr.File {
		if normalizeName(f.Name) == name {
			return f
		}
	}
	for _, f := range wb.zr.File {
		if strings.EqualFold(normalizeName(f.Name), name) {
			return f
		}
	}
	if strings.IndexByte(name, '%') >= 0 {
		if u, err := url.PathUnescape(name); err == nil && u != name {
			return wb.findPart(u)
		}
	}
	return nil
}

type partReader struct {
	rc   io.ReadCloser
	wb   *Workbook
	part string
	n    int64
}

func (p *partReader) Read(b []byte) (int, error) {
	n, err := p.rc.Read(b)
	p.n += int64(n)
	p.wb.total += int64(n)
	if p.n > p.wb.lim.MaxPartBytes {
		return 0, &LimitError{What: "part", Limit: p.wb.lim.MaxPartBytes, Part: p.part}
	}
	if p.wb.total > p.wb.lim.MaxTotalBytes {
		return 0, &LimitError{What: "total", Limit: p.wb.lim.MaxTotalBytes, Part: p.part}
	}
	if err != nil && err != io.EOF {
		return n, &zipReadError{err}
	}
	return n, err
}

// Close closes the part once (a pooled inflater must not be returned twice).
func (p *partReader) Close() error {
	if p.rc == nil {
		return nil
	}
	err := p.rc.Close()
	p.rc = nil
	return err
}

// openPart opens a zip part for streaming with the part and total limits.
func (wb *Workbook) openPart(name string) (*partReader, error) {
	f := wb.findPart(name)
	if f == nil {
		return nil, errPartMissing
	}
	if !plainReading {
		if rc, ok := openDeflate(f, wb.data); ok {
			return &partReader{rc: rc, wb: wb, part: name}, nil
		}
	}
	rc, err := f.Open()
	if err != nil {
		return nil, &zipReadError{err}
	}
	return &partReader{rc: rc, wb: wb, part: name}, nil
}

// wrapErr turns internal errors into the exported error types.
func wrapErr(err error, part, sheet string) error {
	var le *LimitError
	var se *xmlSyntaxError
	var ze *zipReadError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &le):
		if le.Part == "" {
			le.Part = part
		}
		if le.Sheet == "" {
			le.Sheet = sheet
		}
		return le
	case errors.As(err, &se):
		return &FormatError{Kind: KindXLSX, Detail: part + ": " + se.Error()}
	case errors.As(err, &ze):
		return &FormatError{Kind: KindCorruptZip, Detail: part + ": " + ze.Error()}
	case err == errPartMissing:
		return &FormatError{Kind: KindXLSX, Detail: "missing part " + part}
	case err == io.ErrNoProgress:
		return &FormatError{Kind: KindCorruptZip, Detail: part + ": " + err.Error()}
	}
	return err
}

// parsePart streams an XML part through fn, which is called for every start
// and end tag. It converts errors with wrapErr.
func (wb *Workbook) parsePart(part, sheet string, fn func(*scanner, tokKind) error) error {
	pr, err := wb.openPart(part)
	if err != nil {
		return wrapErr(err, part, sheet)
	}
	defer pr.Close()
	sc := getScanner(pr, wb.lim.MaxXMLDepth)
	defer putScanner(sc)
	sawRoot := false
	for {
		k, err := sc.next()
		if err != nil {
			return wrapErr(err, part, sheet)
		}
		if k == tokEOF {
			break
		}
		sawRoot = true
		if err := fn(sc, k); err != nil {
			return wrapErr(err, part, sheet)
		}
	}
	if !sawRoot {
		return wrapErr(syntaxErr("no root element"), part, sheet)
	}
	return nil
}

// ---- workbook structure ----

type relationship struct {
	id, typ, target string
}

// readRels parses a relationships part; a missing part gives no error.
func (wb *Workbook) readRels(part string) ([]relationship, error) {
	if wb.findPart(part) == nil {
		return nil, nil
	}
	var rels []relationship
	base := path.Dir(strings.TrimSuffix(path.Dir(part), "_rels"))
	err := wb.parsePart(part, "", func(sc *scanner, k tokKind) error {
		if k != tokStart || sc.level != 2 || string(sc.name) != "Relationship" {
			return nil
		}
		mode, _, err := sc.attrString("TargetMode")
		if err != nil || strings.EqualFold(mode, "External") {
			return err
		}
		var r relationship
		if r.id, _, err = sc.attrString("Id"); err != nil {
			return err
		}
		if r.typ, _, err = sc.attrString("Type"); err != nil {
			return err
		}
		var target string
		if target, _, err = sc.attrString("Target"); err != nil {
			return err
		}
		r.target = resolveTarget(base, target)
		rels = append(rels, r)
		return nil
	})
	return rels, err
}

// resolveTarget resolves a relationship target against the source part's
// directory; targets starting with '/' are absolute.
func resolveTarget(base, target string) string {
	target = strings.ReplaceAll(strings.TrimSpace(target), "\\", "/")
	var p string
	if strings.HasPrefix(target, "/") {
		p = path.Clean(target)
	} else {
		p = path.Clean("/" + path.Join(base, target))
	}
	p = strings.TrimPrefix(p, "/")
	if p == "." {
		return ""
	}
	return p
}

func relTypeIs(typ, suffix string) bool {
	return strings.HasSuffix(typ, "/"+suffix)
}

func (wb *Workbook) init() error {
	rootRels, err := wb.readRels("_rels/.rels")
	if err != nil {
		return err
	}
	wbPart := ""
	for _, r := range rootRels {
		if relTypeIs(r.typ, "officeDocument") {
			wbPart = r.target
			break
		}
	}
	if wbPart == "" || wb.findPart(wbPart) == nil {
		wbPart = "xl/workbook.xml"
	}
	if wb.findPart(wbPart) == nil {
		return &FormatError{Kind: KindXLSX, Detail: "missing workbook part"}
	}
	relsPart := path.Join(path.Dir(wbPart), "_rels", path.Base(wbPart)+".rels")
	rels, err := wb.readRels(relsPart)
	if err != nil {
		return err
	}
	byID := func(id string) (relationship, bool) {
		for _, r := range rels {
			if r.id == id {
				return r, true
			}
		}
		return relationship{}, false
	}
	stylesPart := ""
	for _, r := range rels {
		switch {
		case relTypeIs(r.typ, "styles") && stylesPart == "":
			stylesPart = r.target
		case relTypeIs(r.typ, "sharedStrings") && wb.sstPart == "":
			wb.sstPart = r.target
		}
	}
	dir := path.Dir(wbPart)
	if stylesPart == "" || wb.findPart(stylesPart) == nil {
		stylesPart = path.Join(dir, "styles.xml")
	}
	if wb.sstPart == "" || wb.findPart(wb.sstPart) == nil {
		wb.sstPart = path.Join(dir, "sharedStrings.xml")
	}

	inSheets := false
	err = wb.parsePart(wbPart, "", func(sc *scanner, k tokKind) error {
		switch {
		case k == tokStart && sc.level == 2 && string(sc.name) == "workbookPr":
			if v, ok := sc.attr("date1904"); ok {
				wb.date1904 = string(v) == "1" || string(v) == "true"
			}
		case sc.level == 2 && string(sc.name) == "sheets":
			inSheets = k == tokStart
		case k == tokStart && inSheets && sc.level == 3 && string(sc.name) == "sheet":
			name, _, err := sc.attrString("name")
			if err != nil {
				return err
			}
			if !utf8.ValidString(name) {
				name = strings.ToValidUTF8(name, "\uFFFD")
			}
			e := sheetEntry{info: SheetInfo{Name: name}}
			if st, ok := sc.attr("state"); ok {
				switch string(st) {
				case "hidden":
					e.info.State = Hidden
				case "veryHidden":
					e.info.State = VeryHidden
				}
			}
			if id, ok := sc.attrPrefixed("id"); ok {
				d, err := sc.decodeAttr(id)
				if err != nil {
					return err
				}
				if r, ok := byID(string(d)); ok {
					e.part = r.target
				}
			}
			wb.sheets = append(wb.sheets, e)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if wb.findPart(stylesPart) != nil {
		if err := wb.readStyles(stylesPart); err != nil {
			return err
		}
	}
	return nil
}

// ---- styles ----

func atoiAttr(v []byte) (int, bool) {
	v = bytes.TrimSpace(v)
	if len(v) == 0 || len(v) > 9 {
		return 0, false
	}
	n := 0
	for _, c := range v {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

func (wb *Workbook) readStyles(part string) error {
	type xf struct{ numFmt, font int }
	var (
		custom  = map[int]string{}
		fonts   []string
		xfs     []xf
		section string // local name of the level-2 element we are in
	)
	err := wb.parsePart(part, "", func(sc *scanner, k tokKind) error {
		if sc.level == 2 {
			if k == tokStart {
				section = string(sc.name)
			} else {
				section = ""
			}
			return nil
		}
		if k != tokStart {
			return nil
		}
		switch {
		case section == "numFmts" && sc.level == 3 && string(sc.name) == "numFmt":
			id, ok := sc.attr("numFmtId")
			n, ok2 := atoiAttr(id)
			if !ok || !ok2 {
				return nil
			}
			code, _, err := sc.attrString("formatCode")
			if err != nil {
				return err
			}
			custom[n] = code
		case section == "fonts" && sc.level == 3 && string(sc.name) == "font":
			fonts = append(fonts, "")
		case section == "fonts" && sc.level == 4 && string(sc.name) == "name" && len(fonts) > 0:
			v, _, err := sc.attrString("val")
			if err != nil {
				return err
			}
			fonts[len(fonts)-1] = strings.ToValidUTF8(v, "?")
		case section == "cellXfs" && sc.level == 3 && string(sc.name) == "xf":
			var x xf
			if v, ok := sc.attr("numFmtId"); ok {
				x.numFmt, _ = atoiAttr(v)
			}
			x.font = -1
			if v, ok := sc.attr("fontId"); ok {
				if n, ok := atoiAttr(v); ok {
					x.font = n
				}
			}
			xfs = append(xfs, x)
		}
		return nil
	})
	if err != nil {
		return err
	}
	dateCache := map[int]bool{}
	wb.xfs = make([]xfInfo, len(xfs))
	for i, x := range xfs {
		d, ok := dateCache[x.numFmt]
		if !ok {
			if code, isCustom := custom[x.numFmt]; isCustom {
				d = isDateFormatCode(code)
			} else {
				d = isBuiltinDateFormat(x.numFmt)
			}
			dateCache[x.numFmt] = d
		}
		wb.xfs[i].date = d
		if x.font >= 0 && x.font < len(fonts) {
			wb.xfs[i].font = fonts[x.font]
		}
	}
	return nil
}

// sanitizeUTF8 replaces each byte of an invalid UTF-8 sequence with '?' so
// that byte offsets stay unchanged.
func sanitizeUTF8(b []byte) []byte {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			b[i] = '?'
			i++
			continue
		}
		i += n
	}
	return b
}

// decodeXEscapes decodes ECMA-376 _xHHHH_ escapes (ST_Xstring) in place.
func decodeXEscapes(b []byte) []byte {
	i := bytes.Index(b, []byte("_x"))
	if i < 0 {
		return b
	}
	out := b[:i]
	for i < len(b) {
		if r, ok := xEscape(b[i:]); ok {
			i += 7
			if r >= 0xD800 && r <= 0xDBFF {
				if lo, ok := xEscape(b[i:]); ok && lo >= 0xDC00 && lo <= 0xDFFF {
					r = 0x10000 + (r-0xD800)<<10 + (lo - 0xDC00)
					i += 7
				} else {
					r = utf8.RuneError
				}
			} else if r >= 0xDC00 && r <= 0xDFFF {
				r = utf8.RuneError
			}
			out = utf8.AppendRune(out, r)
			continue
		}
		out = append(out, b[i])
		i++
	}
	return out
}

func xEscape(b []byte) (rune, bool) {
	if len(b) < 7 || b[0] != '_' || b[1] != 'x' || b[6] != '_' {
		return 0, false
	}
	var n rune
	for _, c := range b[2:6] {
		switch {
		case c >= '0' && c <= '9':
			n = n<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			n = n<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			n = n<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return n, true
}

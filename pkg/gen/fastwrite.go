package gen

import (
	"archive/zip"
	"bytes"

	"encoding/xml"
	"fmt"
	"io"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/klauspost/compress/flate"

	"github.com/vdhv/vdhv/pkg/form"
	"github.com/vdhv/vdhv/pkg/period"
	"github.com/vdhv/vdhv/pkg/units"
)

// The fast writer. Building a workbook with excelize costs 50–130 ms (the hidden list of
// partner codes alone holds every unit of the bloc), far too slow for thousands of files.
// Most of a VDHV-01 workbook is the same for every unit of a quarter: styles, validations,
// lists, the guide. So form.Write builds one template per quarter — a submission with the
// quarter and no unit — and each unit's workbook is that template with the cells of its
// sheets filled in: the parts other than the worksheets, the shared strings and the
// document properties are copied still compressed.
//
// The strings are stored the way Excel and LibreOffice save a workbook (SSTOrder "excel",
// the default): every text cell is a shared string (t="s"), and the shared string table is
// rebuilt for each file with only the strings in use, each once, numbered in order of first
// use walking the worksheets in workbook order, rows top to bottom, cells left to right — so
// the hidden `Danh mục` sheet, the last, has its partner codes and names at the end of the
// table (except those the data sheets already use); count is the number of string cells,
// uniqueCount the number of strings. Every worksheet is therefore rewritten, `Hướng dẫn` and
// `Danh mục` included (their layout is prepared once per template, only the indices change).
// Empty cells are self-closing and every row carries spans="first:last", Excel's hint of
// the columns used in its block of 16 rows. SSTOrder "template" keeps the template's table
// as form.Write numbers it (the `Danh mục` lists and partners first, unused strings such as
// the template's own titles kept) and appends the file's other strings in order of first
// use: the most work for a reader that decodes the table only as far as it needs.
//
// Differences from form.Write, none of which the reader sees: the hidden partner-code list
// also holds the reporting unit's own code; formats and validations cover the template's
// first InputRows data rows (rows beyond them are unformatted); the shared string table is
// in Excel's order rather than excelize's (lists first, then strings in the order they were
// set); empty cells are self-closing and rows carry spans; the `Đánh giá` row heights are
// estimated the same way.

// SST orders (Params.SSTOrder).
const (
	SSTOrderExcel    = "excel"
	SSTOrderTemplate = "template"
)

// SSTOrders are the values Params.SSTOrder accepts ("" is SSTOrderExcel).
var SSTOrders = []string{SSTOrderExcel, SSTOrderTemplate}

// fastWriter writes workbooks from per-quarter templates.
type fastWriter struct {
	tree  *units.Tree
	w     period.Windows
	excel bool // Excel's string order, else the template's
	mu    sync.Mutex
	tmpl  map[period.Quarter]*template
	free  []*fileWork // scratch spaces not in use (at most one per parallel writer)
}

func newFastWriter(tree *units.Tree, w period.Windows, sstOrder string) *fastWriter {
	return &fastWriter{tree: tree, w: w, excel: sstOrder != SSTOrderTemplate, tmpl: map[period.Quarter]*template{}}
}

// template is a parsed blank workbook of one quarter.
type template struct {
	zr      *zip.Reader
	order   []*tmplSheet          // every worksheet, in workbook order
	byPart  map[string]int        // zip part -> index in order
	sheets  map[string]*tmplSheet // the form's sheets by canonical name
	core    []byte                // docProps/core.xml
	raw     map[string][]byte     // the other parts, still compressed
	sstHead []byte                // xl/sharedStrings.xml before the <sst> start tag
	sst     []string              // the template's shared strings
	si      [][]byte              // each as an <si> element
	sstID   map[string]int32      // string -> its first index in sst
}

// tmplSheet is one worksheet of a template.
type tmplSheet struct {
	name   string
	part   string
	x      *sheetXML
	static *layout // the sheet as written when nothing is filled in (sheets outside the form)
}

// sheetXML is a worksheet split around its rows.
type sheetXML struct {
	head, tail []byte // before the first row (through <sheetData>), from </sheetData>
	rows       []tmplRow
}

type tmplRow struct {
	num   int
	open  []byte // the <row …> start tag, without a spans attribute
	rAttr int    // offset in open just after the r attribute
	cells []tmplCell
}

// Kinds of cells.
const (
	cellOther  = iota // written as in the template (a number, an inline string…)
	cellEmpty         // no value: written self-closing
	cellShared        // a shared string of the template
)

type tmplCell struct {
	col   int
	style string // s attribute value, "" if none
	kind  uint8
	raw   []byte // cellOther: the element; cellEmpty: the element, self-closing
	pre   []byte // cellShared: the start tag and <v>
	tid   int32  // cellShared: index in the template's shared strings
}

var (
	attrRE  = regexp.MustCompile(`([A-Za-z:]+)="([^"]*)"`)
	spansRE = regexp.MustCompile(`\sspans="[^"]*"`)
	rAttrRE = regexp.MustCompile(`\sr="[^"]*"`)
)

func attrs(tag []byte) map[string]string {
	m := map[string]string{}
	for _, a := range attrRE.FindAllSubmatch(tag, -1) {
		m[string(a[1])] = string(a[2])
	}
	return m
}

// parseSheet splits a worksheet written by excelize (or by the fast writer).
func parseSheet(data []byte) (*sheetXML, error) {
	start := bytes.Index(data, []byte("<sheetData>"))
	end := bytes.Index(data, []byte("</sheetData>"))
	if start < 0 || end < start {
		return nil, fmt.Errorf("no <sheetData> element")
	}
	start += len("<sheetData>")
	s := &sheetXML{head: data[:start], tail: data[end:]}
	body := data[start:end]
	for len(body) > 0 {
		if !bytes.HasPrefix(body, []byte("<row ")) && !bytes.HasPrefix(body, []byte("<row>")) {
			return nil, fmt.Errorf("unexpected content in <sheetData>")
		}
		gt := bytes.IndexByte(body, '>')
		if gt < 0 {
			return nil, fmt.Errorf("unterminated <row>")
		}
		open := body[:gt+1]
		a := attrs(open)
		n, err := strconv.Atoi(a["r"])
		if err != nil || n < 1 {
			return nil, fmt.Errorf("row without number")
		}
		row := tmplRow{num: n}
		var elemEnd int
		if bytes.HasSuffix(open, []byte("/>")) {
			elemEnd = gt + 1
			open = append(append([]byte{}, open[:len(open)-2]...), '>')
			if bytes.HasSuffix(open, []byte("/>")) {
				return nil, fmt.Errorf("malformed <row>")
			}
		} else {
			close := bytes.Index(body[gt+1:], []byte("</row>"))
			if close < 0 {
				return nil, fmt.Errorf("unterminated <row>")
			}
			close += gt + 1
			elemEnd = close + len("</row>")
			cells := body[gt+1 : close]
			for len(cells) > 0 {
				if !bytes.HasPrefix(cells, []byte("<c ")) {
					return nil, fmt.Errorf("unexpected content in <row>")
				}
				cgt := bytes.IndexByte(cells, '>')
				if cgt < 0 {
					return nil, fmt.Errorf("unterminated <c>")
				}
				ctag := cells[:cgt+1]
				cend := cgt + 1
				selfClosing := bytes.HasSuffix(ctag, []byte("/>"))
				if !selfClosing {
					k := bytes.Index(cells[cgt+1:], []byte("</c>"))
					if k < 0 {
						return nil, fmt.Errorf("unterminated <c>")
					}
					cend = cgt + 1 + k + len("</c>")
				}
				ca := attrs(ctag)
				col, _, err := splitRef(ca["r"])
				if err != nil {
					return nil, err
				}
				c := tmplCell{col: col, style: ca["s"], raw: cells[:cend]}
				var content []byte
				if !selfClosing {
					content = cells[cgt+1 : cend-len("</c>")]
				}
				switch {
				case selfClosing:
					c.kind = cellEmpty
				case len(content) == 0:
					c.kind = cellEmpty
					c.raw = append(append([]byte{}, ctag[:len(ctag)-1]...), "/>"...)
				case ca["t"] == "s" && bytes.HasPrefix(content, []byte("<v>")) && bytes.HasSuffix(content, []byte("</v>")):
					v, err := strconv.ParseInt(string(content[3:len(content)-4]), 10, 32)
					if err == nil && v >= 0 {
						c.kind, c.tid = cellShared, int32(v)
						c.pre = cells[:cgt+1+3]
					}
				}
				row.cells = append(row.cells, c)
				cells = cells[cend:]
			}
		}
		// The start tag without spans (they are recomputed), and where to put them.
		row.open = spansRE.ReplaceAll(open, nil)
		row.rAttr = rAttrEnd(row.open)
		s.rows = append(s.rows, row)
		body = body[elemEnd:]
	}
	return s, nil
}

// rAttrEnd returns the offset just after the r attribute of a <row> start tag (after
// "<row" if there is none).
func rAttrEnd(open []byte) int {
	if loc := rAttrRE.FindIndex(open); loc != nil {
		return loc[1]
	}
	return len("<row")
}

// bindStrings makes shared-string cells whose index is not below n ordinary cells (written
// as they are) and maps each index to canon's (the first index of the same string).
func (sx *sheetXML) bindStrings(n int, canon []int32) {
	for i := range sx.rows {
		for j := range sx.rows[i].cells {
			c := &sx.rows[i].cells[j]
			if c.kind != cellShared {
				continue
			}
			if int(c.tid) >= n {
				c.kind = cellOther
				continue
			}
			if canon != nil {
				c.tid = canon[c.tid]
			}
		}
	}
}

// splitRef splits "AB12" into column 28 and row 12.
func splitRef(ref string) (col, row int, err error) {
	i := 0
	for i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z' {
		col = col*26 + int(ref[i]-'A'+1)
		i++
	}
	row, err = strconv.Atoi(ref[i:])
	if i == 0 || err != nil {
		return 0, 0, fmt.Errorf("bad cell reference %q", ref)
	}
	return col, row, nil
}

func colLetters(col int) string {
	var b []byte
	for col > 0 {
		col--
		b = append([]byte{byte('A' + col%26)}, b...)
		col /= 26
	}
	return string(b)
}

// templateFor returns (building once) the template of quarter q.
func (fw *fastWriter) templateFor(q period.Quarter) (*template, error) {
	fw.mu.Lock()
	defer fw.mu.Unlock()
	if t, ok := fw.tmpl[q]; ok {
		return t, nil
	}
	sub := &form.Submission{Info: form.Info{Quarter: q, Kind: form.ReportKindUnit, FormVersion: form.FormVersion}}
	var buf bytes.Buffer
	if err := form.Write(&buf, sub, form.WriteOptions{Units: fw.tree, Windows: fw.w}); err != nil {
		return nil, err
	}
	t, err := parseTemplate(buf.Bytes())
	if err != nil {
		return nil, fmt.Errorf("template of %s: %w", q, err)
	}
	fw.tmpl[q] = t
	return t, nil
}

func readPart(f *zip.File) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}

const sstPart = "xl/sharedStrings.xml"

func parseTemplate(data []byte) (*template, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[f.Name] = f
	}
	part := func(name string) ([]byte, error) {
		f := files[name]
		if f == nil {
			return nil, fmt.Errorf("no part %s", name)
		}
		return readPart(f)
	}
	// Sheet names -> parts, through the workbook's relationships.
	wbData, err := part("xl/workbook.xml")
	if err != nil {
		return nil, err
	}
	relData, err := part("xl/_rels/workbook.xml.rels")
	if err != nil {
		return nil, err
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := xml.Unmarshal(wbData, &wb); err != nil {
		return nil, err
	}
	if err := xml.Unmarshal(relData, &rels); err != nil {
		return nil, err
	}
	target := map[string]string{}
	for _, r := range rels.Rel {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = t[1:]
		} else {
			t = path.Join("xl", t)
		}
		target[r.ID] = t
	}
	t := &template{zr: zr, byPart: map[string]int{}, sheets: map[string]*tmplSheet{}}
	for _, s := range wb.Sheets {
		p := target[s.RID]
		if _, dup := t.byPart[p]; dup {
			return nil, fmt.Errorf("two sheets in part %s", p)
		}
		data, err := part(p)
		if err != nil {
			return nil, err
		}
		sx, err := parseSheet(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", s.Name, err)
		}
		ts := &tmplSheet{name: s.Name, part: p, x: sx}
		t.byPart[p] = len(t.order)
		t.order = append(t.order, ts)
		if form.SheetByName(s.Name) != nil && s.Name != form.SheetCovered {
			t.sheets[s.Name] = ts
		}
	}
	for _, s := range form.Form {
		if t.sheets[s.Name] == nil {
			return nil, fmt.Errorf("no sheet %q", s.Name)
		}
	}
	if t.core, err = part("docProps/core.xml"); err != nil {
		return nil, err
	}
	t.raw = map[string][]byte{}
	for _, f := range zr.File {
		if _, ok := t.byPart[f.Name]; ok || f.Name == sstPart || f.Name == "docProps/core.xml" {
			continue
		}
		rc, err := f.OpenRaw()
		if err != nil {
			return nil, err
		}
		if t.raw[f.Name], err = io.ReadAll(rc); err != nil {
			return nil, err
		}
	}
	sstData, err := part(sstPart)
	if err != nil {
		return nil, err
	}
	var sst struct {
		SI []struct {
			T string `xml:"t"`
			R []struct {
				T string `xml:"t"`
			} `xml:"r"`
		} `xml:"si"`
	}
	if err := xml.Unmarshal(sstData, &sst); err != nil {
		return nil, err
	}
	if i := bytes.Index(sstData, []byte("<sst")); i >= 0 {
		t.sstHead = sstData[:i]
	}
	t.sstID = make(map[string]int32, len(sst.SI))
	canon := make([]int32, len(sst.SI))
	for i, si := range sst.SI {
		if len(si.R) > 0 {
			return nil, fmt.Errorf("rich text in the shared strings")
		}
		id, ok := t.sstID[si.T]
		if !ok {
			id = int32(i)
			t.sstID[si.T] = id
		}
		canon[i] = id
		t.sst = append(t.sst, si.T)
		t.si = append(t.si, appendSI(nil, si.T))
	}
	for _, ts := range t.order {
		ts.x.bindStrings(len(t.sst), canon)
		if t.sheets[ts.name] == nil {
			ts.static = &layout{}
			ts.x.build(ts.static, nil, nil, nil, nil)
			ts.static.rows, ts.static.cells, ts.static.ints = nil, nil, nil
		}
	}
	return t, nil
}

// appendSI appends s as an <si> element of the shared string table.
func appendSI(b []byte, s string) []byte {
	b = append(b, "<si><t"...)
	if needsPreserve(s) {
		b = append(b, ` xml:space="preserve"`...)
	}
	b = append(b, '>')
	b = append(b, escape(s)...)
	return append(b, "</t></si>"...)
}

// needsPreserve reports whether a <t> holding s needs xml:space="preserve".
func needsPreserve(s string) bool {
	return strings.TrimSpace(s) != s || strings.ContainsAny(s, "\n\t")
}

// value of one cell to write.
type value struct {
	text   string
	number string // when not "": a numeric cell
}

// grid is the cells to write on one sheet: row -> column -> value.
type grid map[int]map[int]value

func (g grid) set(row, col int, v value) {
	if g[row] == nil {
		g[row] = map[int]value{}
	}
	g[row][col] = v
}

func (g grid) text(row, col int, s string) {
	if s != "" {
		g.set(row, col, value{text: s})
	}
}

func (g grid) num(row, col int, n string) {
	if n != "" {
		g.set(row, col, value{number: n})
	}
}

func intText(n int64) string {
	if n == 0 {
		return ""
	}
	return strconv.FormatInt(n, 10)
}

func moneyText(m form.Money) string {
	if m == 0 {
		return ""
	}
	return m.String()
}

var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

func dateText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return strconv.FormatInt(int64(d.Sub(excelEpoch).Hours()/24+0.5), 10)
}

func yesNo(b bool) string {
	if b {
		return form.EnumYesNo.Values[0]
	}
	return form.EnumYesNo.Values[1]
}

// tableGrid lays out the rows of a table sheet as form.Write does.
func tableGrid(s *form.Sheet, sub *form.Submission) grid {
	cols := form.ColumnsFor(s, false)
	g := grid{}
	put := func(r int, vals map[string]value) {
		row := form.TableHeaderRow + 1 + r
		for i, c := range cols {
			if c.Key == form.ColSTT {
				g.num(row, i+1, strconv.Itoa(r+1))
				continue
			}
			if v, ok := vals[c.Key]; ok && (v.text != "" || v.number != "") {
				g.set(row, i+1, v)
			}
		}
	}
	t := func(s string) value { return value{text: s} }
	n := func(s string) value { return value{number: s} }
	switch s.Name {
	case form.SheetAgreements:
		for r, a := range sub.Agreements {
			put(r, map[string]value{
				form.ColNumber: t(a.Number), form.ColPartnerCode: t(a.PartnerCode), form.ColPartnerName: t(a.PartnerName),
				form.ColInBloc: t(yesNo(a.InBloc)), form.ColRole: t(a.Role), form.ColField: t(a.Field),
				form.ColSigned: n(dateText(a.Signed)), form.ColExpires: n(dateText(a.Expires)), form.ColStatus: t(a.Status),
				form.ColContracts: n(intText(a.Contracts)), form.ColContractVal: n(moneyText(a.ContractValue)),
				form.ColDelivered: n(moneyText(a.Delivered)), form.ColNote: t(a.Note),
			})
		}
	case form.SheetPurchases:
		for r, p := range sub.Purchases {
			put(r, map[string]value{
				form.ColCategory: t(p.Category), form.ColTotal: n(moneyText(p.Total)), form.ColDomestic: n(moneyText(p.Domestic)),
				form.ColInBlocV: n(moneyText(p.InBloc)), form.ColNote: t(p.Note),
			})
		}
	case form.SheetChecks:
		for r, c := range sub.Checks {
			put(r, map[string]value{
				form.ColCheckKind: t(c.Kind), form.ColStart: n(dateText(c.Start)), form.ColTarget: t(c.Target),
				form.ColContent: t(c.Content), form.ColInProgramme: t(yesNo(c.InProgramme)), form.ColResult: t(c.Result),
				form.ColRecs: n(intText(c.Recs)), form.ColRemedied: n(intText(c.Remedied)), form.ColNote: t(c.Note),
			})
		}
	case form.SheetActivities:
		for r, a := range sub.Activities {
			put(r, map[string]value{
				form.ColIndicator: t(a.Indicator), form.ColCount: n(intText(a.Count)), form.ColValue: n(moneyText(a.Value)),
				form.ColNote: t(a.Note),
			})
		}
	}
	return g
}

// rowHeight estimates a wrapped `Đánh giá` text's row height as form.Write does.
func rowHeight(s string) float64 {
	const width, min = 100.0, 60.0
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

// flateWriter is a deflate compressor that archive/zip closes without releasing it.
type flateWriter struct{ w *flate.Writer }

func (f *flateWriter) Write(b []byte) (int, error) { return f.w.Write(b) }
func (f *flateWriter) Close() error                { return f.w.Close() }

func (fw *fastWriter) write(sub *form.Submission, e *edit) ([]byte, error) {
	if e != nil && e.xls {
		return fakeXLS(), nil
	}
	t, err := fw.templateFor(sub.Info.Quarter)
	if err != nil {
		return nil, err
	}
	var drops map[string]map[int]bool
	grids := map[string]grid{}
	heights := map[int]float64{}
	name := sub.Info.UnitName
	if name == "" {
		name = sub.Info.UnitCode
	}
	for _, s := range form.Form {
		var g grid
		switch {
		case s.Name == form.SheetInfo:
			g = grid{}
			info := sub.Info
			q := ""
			if !info.Quarter.IsZero() {
				q = info.Quarter.String()
			}
			vals := map[string]value{
				form.LabelUnitCode: {text: info.UnitCode}, form.LabelUnitName: {text: info.UnitName},
				form.LabelPeriod: {text: q}, form.LabelKind: {text: info.Kind}, form.LabelPreparer: {text: info.Preparer},
				form.LabelPhone: {text: info.Phone}, form.LabelEmail: {text: info.Email},
				form.LabelPrepared: {number: dateText(info.Prepared)}, form.LabelFormVer: {text: info.FormVersion},
			}
			for i, l := range s.Labels {
				if v := vals[l.Key]; v.text != "" || v.number != "" {
					g.set(form.InfoFirstRow+i, 2, v)
				}
			}
		case s.IsTable():
			g = tableGrid(s, sub)
		default:
			g = grid{}
			texts := map[string]string{}
			for _, n := range sub.Evaluation {
				texts[form.Canonical(form.EnumEvaluation, n.Label)] = n.Text
			}
			for i, l := range s.Labels {
				row := form.InfoFirstRow + i
				g.text(row, 2, texts[l.Text])
				heights[row] = rowHeight(texts[l.Text])
			}
		}
		// The title gets the unit's name, as form.Write writes it.
		sx := t.sheets[s.Name].x
		if len(sx.rows) > 0 && sx.rows[0].num == 1 {
			for i := range sx.rows[0].cells {
				if c := &sx.rows[0].cells[i]; c.col == 1 {
					if title, ok := t.sharedText(c); ok {
						g.set(1, 1, value{text: title + " – " + name})
					}
				}
			}
		}
		grids[s.Name] = g
	}
	if e != nil {
		for _, ce := range e.cells {
			col := columnIndex(ce.sheet, ce.col)
			g := grids[ce.sheet]
			if col == 0 || g == nil {
				return nil, fmt.Errorf("no column %q on sheet %q", ce.col, ce.sheet)
			}
			if ce.dropCol {
				if drops == nil {
					drops = map[string]map[int]bool{}
				}
				if drops[ce.sheet] == nil {
					drops[ce.sheet] = map[int]bool{}
				}
				drops[ce.sheet][col] = true
				continue
			}
			g.set(form.TableHeaderRow+1+ce.row, col, value{text: ce.text, number: ce.number})
		}
	}

	// The worksheets in workbook order, numbering the strings as they come, then the table.
	fwk := fw.getWork()
	defer fw.putWork(fwk)
	fwk.sst.reset(t, fw.excel)
	for len(fwk.sheets) < len(t.order) {
		fwk.sheets = append(fwk.sheets, new(bytes.Buffer))
	}
	for i, ts := range t.order {
		b := fwk.sheets[i]
		b.Reset()
		l := ts.static
		if l == nil {
			var h map[int]float64
			if ts.name == form.SheetEvaluation {
				h = heights
			}
			l = &fwk.lay
			l.reset()
			ts.x.build(l, grids[ts.name], drops[ts.name], h, t.sstID)
		}
		l.emit(b, &fwk.sst)
	}
	fwk.sstBuf.Reset()
	fwk.sst.writeSST(&fwk.sstBuf)

	var out bytes.Buffer
	out.Grow(fwk.lastSize + fwk.lastSize/8)
	zw := zip.NewWriter(&out)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		fwk.fl.w.Reset(w)
		return &fwk.fl, nil
	})
	for _, f := range t.zr.File {
		var content []byte
		switch i, ok := t.byPart[f.Name]; {
		case ok:
			content = fwk.sheets[i].Bytes()
		case f.Name == sstPart:
			content = fwk.sstBuf.Bytes()
		case f.Name == "docProps/core.xml":
			title := "Biểu mẫu " + form.FormVersion + " – " + escape(sub.Info.UnitCode) + " – "
			content = bytes.Replace(t.core, []byte("Biểu mẫu "+form.FormVersion+" – "), []byte(title), 1)
		default:
			fh := f.FileHeader
			w, err := zw.CreateRaw(&fh)
			if err != nil {
				return nil, err
			}
			if _, err := w.Write(t.raw[f.Name]); err != nil {
				return nil, err
			}
			continue
		}
		fh := zip.FileHeader{Name: f.Name, Method: zip.Deflate, ModifiedTime: f.ModifiedTime, ModifiedDate: f.ModifiedDate}
		w, err := zw.CreateHeader(&fh)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(content); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	fwk.lastSize = out.Len()
	return out.Bytes(), nil
}

func (fw *fastWriter) getWork() *fileWork {
	fw.mu.Lock()
	defer fw.mu.Unlock()
	if n := len(fw.free); n > 0 {
		w := fw.free[n-1]
		fw.free = fw.free[:n-1]
		return w
	}
	fl, _ := flate.NewWriter(io.Discard, flate.BestSpeed)
	return &fileWork{fl: flateWriter{fl}}
}

func (fw *fastWriter) putWork(w *fileWork) {
	fw.mu.Lock()
	defer fw.mu.Unlock()
	fw.free = append(fw.free, w)
}

// fileWork is the scratch space of one write, kept for the next (fastWriter.free).
type fileWork struct {
	fl       flateWriter
	lay      layout
	sst      sstState
	sheets   []*bytes.Buffer // by index in template.order
	sstBuf   bytes.Buffer
	lastSize int
}

// layout is a worksheet's XML with a slot for the index of each shared string: lit holds
// the text, and each piece's slot comes at lit[piece.end].
type layout struct {
	lit    []byte
	pieces []piece

	// scratch of build
	rows  []outRow
	cells []outCell
	ints  []int
}

// piece is a shared-string slot: the template's string tid, or text when tid < 0.
type piece struct {
	end  int
	tid  int32
	text string
}

func (l *layout) reset() {
	l.lit = l.lit[:0]
	clear(l.pieces)
	l.pieces = l.pieces[:0]
}

// sstState numbers the shared strings of one file.
type sstState struct {
	t     *template
	excel bool
	idx   []int32 // excel order: template string -> index in the file, -1 while unused
	novel map[string]int32
	order []piece // the strings in index order (with excel), else those after the template's
	count int     // string cells
}

func (s *sstState) reset(t *template, excel bool) {
	s.t, s.excel, s.count = t, excel, 0
	if excel {
		if cap(s.idx) < len(t.sst) {
			s.idx = make([]int32, len(t.sst))
		}
		s.idx = s.idx[:len(t.sst)]
		for i := range s.idx {
			s.idx[i] = -1
		}
	}
	if s.novel == nil {
		s.novel = map[string]int32{}
	}
	clear(s.novel)
	clear(s.order)
	s.order = s.order[:0]
}

// index returns the index of a string cell's string, numbering it at its first use.
func (s *sstState) index(p piece) int32 {
	s.count++
	if p.tid >= 0 {
		if !s.excel {
			return p.tid
		}
		if v := s.idx[p.tid]; v >= 0 {
			return v
		}
		v := int32(len(s.order))
		s.idx[p.tid] = v
		s.order = append(s.order, piece{tid: p.tid})
		return v
	}
	if v, ok := s.novel[p.text]; ok {
		return v
	}
	v := int32(len(s.order))
	if !s.excel {
		v += int32(len(s.t.sst))
	}
	s.novel[p.text] = v
	s.order = append(s.order, piece{tid: -1, text: p.text})
	return v
}

// emit writes the layout with the indices of its strings.
func (l *layout) emit(b *bytes.Buffer, s *sstState) {
	var num [12]byte
	prev := 0
	for _, p := range l.pieces {
		b.Write(l.lit[prev:p.end])
		prev = p.end
		b.Write(strconv.AppendInt(num[:0], int64(s.index(p)), 10))
	}
	b.Write(l.lit[prev:])
}

// writeSST writes xl/sharedStrings.xml.
func (s *sstState) writeSST(b *bytes.Buffer) {
	unique := len(s.order)
	if !s.excel {
		unique += len(s.t.sst)
	}
	b.Write(s.t.sstHead)
	b.WriteString(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="`)
	b.WriteString(strconv.Itoa(s.count))
	b.WriteString(`" uniqueCount="`)
	b.WriteString(strconv.Itoa(unique))
	b.WriteString(`">`)
	if !s.excel {
		for _, si := range s.t.si {
			b.Write(si)
		}
	}
	var scratch []byte
	for _, p := range s.order {
		if p.tid >= 0 {
			b.Write(s.t.si[p.tid])
			continue
		}
		scratch = appendSI(scratch[:0], p.text)
		b.Write(scratch)
	}
	b.WriteString("</sst>")
}

// sharedText returns the shared string a template cell holds.
func (t *template) sharedText(c *tmplCell) (string, bool) {
	if c.kind != cellShared {
		return "", false
	}
	return t.sst[c.tid], true
}

var htRE = regexp.MustCompile(` ht="[^"]*"`)

// outRow and outCell are a row to write: a template row as it is (tr), or cells
// cells[from:to] of the layout's scratch, each a template cell or a value.
type outRow struct {
	num      int
	open     []byte
	rAttr    int
	tr       *tmplRow
	from, to int
}

type outCell struct {
	col   int
	tmpl  *tmplCell // when not nil, written as in the template
	style string
	v     value
}

// build lays out the sheet with the grid's values; drop lists columns to leave empty
// (header included); heights overrides row heights; lookup returns the template's index of
// a string (nil: none).
func (sx *sheetXML) build(l *layout, g grid, drop map[int]bool, heights map[int]float64, lookup map[string]int32) {
	rowNums := l.ints[:0]
	for r := range g {
		rowNums = append(rowNums, r)
	}
	slices.Sort(rowNums)
	l.ints = rowNums
	rows, cells := l.rows[:0], l.cells[:0]
	var cols []int
	sortedCols := func(vals map[int]value) []int {
		cols = cols[:0]
		for c := range vals {
			cols = append(cols, c)
		}
		slices.Sort(cols)
		return cols
	}
	// Styles of data cells below the template: those of the first data row.
	var dataStyles map[int]string
	newRow := func(n int) {
		if dataStyles == nil {
			dataStyles = sx.styles(form.TableHeaderRow + 1)
		}
		vals := g[n]
		r := outRow{num: n, open: []byte(`<row r="` + strconv.Itoa(n) + `">`), from: len(cells)}
		r.rAttr = len(r.open) - 1
		for _, c := range sortedCols(vals) {
			cells = append(cells, outCell{col: c, style: dataStyles[c], v: vals[c]})
		}
		r.to = len(cells)
		rows = append(rows, r)
	}
	k := 0
	for ri := range sx.rows {
		row := &sx.rows[ri]
		for k < len(rowNums) && rowNums[k] < row.num {
			newRow(rowNums[k])
			k++
		}
		vals := g[row.num]
		if k < len(rowNums) && rowNums[k] == row.num {
			k++
		}
		r := outRow{num: row.num, open: row.open, rAttr: row.rAttr}
		if h, ok := heights[row.num]; ok {
			r.open = htRE.ReplaceAll(row.open, []byte(` ht="`+strconv.FormatFloat(h, 'f', -1, 64)+`"`))
			r.rAttr = rAttrEnd(r.open)
		}
		if len(vals) == 0 && len(drop) == 0 {
			r.tr = row
			rows = append(rows, r)
			continue
		}
		r.from = len(cells)
		cols := sortedCols(vals)
		i := 0
		for ci := range row.cells {
			c := &row.cells[ci]
			for i < len(cols) && cols[i] < c.col {
				cells = append(cells, outCell{col: cols[i], v: vals[cols[i]]})
				i++
			}
			switch {
			case i < len(cols) && cols[i] == c.col:
				cells = append(cells, outCell{col: c.col, style: c.style, v: vals[c.col]})
				i++
			case drop[c.col]:
				cells = append(cells, outCell{col: c.col, style: c.style})
			default:
				cells = append(cells, outCell{col: c.col, tmpl: c})
			}
		}
		for ; i < len(cols); i++ {
			cells = append(cells, outCell{col: cols[i], v: vals[cols[i]]})
		}
		r.to = len(cells)
		rows = append(rows, r)
	}
	for ; k < len(rowNums); k++ {
		newRow(rowNums[k])
	}
	l.rows, l.cells = rows, cells

	l.lit = append(l.lit, sx.head...)
	var spans []byte
	block := -1
	for ri := range rows {
		r := &rows[ri]
		if b := (r.num - 1) / 16; b != block {
			// Excel's spans: the columns used in the row's block of 16 rows.
			block = b
			lo, hi := 0, 0
			see := func(col int) {
				if lo == 0 || col < lo {
					lo = col
				}
				hi = max(hi, col)
			}
			for _, r2 := range rows[ri:] {
				if (r2.num-1)/16 != b {
					break
				}
				if r2.tr != nil {
					for _, c := range r2.tr.cells {
						see(c.col)
					}
					continue
				}
				for _, c := range cells[r2.from:r2.to] {
					see(c.col)
				}
			}
			spans = spans[:0]
			if hi > 0 {
				spans = append(spans, ` spans="`...)
				spans = strconv.AppendInt(spans, int64(lo), 10)
				spans = append(spans, ':')
				spans = strconv.AppendInt(spans, int64(hi), 10)
				spans = append(spans, '"')
			}
		}
		l.lit = append(l.lit, r.open[:r.rAttr]...)
		l.lit = append(l.lit, spans...)
		if (r.tr != nil && len(r.tr.cells) == 0) || (r.tr == nil && r.from == r.to) {
			l.lit = append(l.lit, r.open[r.rAttr:len(r.open)-1]...)
			l.lit = append(l.lit, "/>"...)
			continue
		}
		l.lit = append(l.lit, r.open[r.rAttr:]...)
		if r.tr != nil {
			for ci := range r.tr.cells {
				l.tmplCell(&r.tr.cells[ci])
			}
		} else {
			for _, c := range cells[r.from:r.to] {
				if c.tmpl != nil {
					l.tmplCell(c.tmpl)
				} else {
					l.cell(c.col, r.num, c.style, c.v, drop[c.col], lookup)
				}
			}
		}
		l.lit = append(l.lit, "</row>"...)
	}
	l.lit = append(l.lit, sx.tail...)
}

// tmplCell lays out a template cell as it is, or with a slot for its shared string.
func (l *layout) tmplCell(c *tmplCell) {
	if c.kind == cellShared {
		l.lit = append(l.lit, c.pre...)
		l.pieces = append(l.pieces, piece{end: len(l.lit), tid: c.tid})
		l.lit = append(l.lit, "</v></c>"...)
		return
	}
	l.lit = append(l.lit, c.raw...)
}

// styles returns the style of each cell of template row n.
func (sx *sheetXML) styles(n int) map[int]string {
	m := map[int]string{}
	for _, row := range sx.rows {
		if row.num == n {
			for _, c := range row.cells {
				m[c.col] = c.style
			}
		}
	}
	return m
}

// cell lays out one cell with a value: text as a shared string.
func (l *layout) cell(col, row int, style string, v value, dropped bool, lookup map[string]int32) {
	l.lit = append(l.lit, `<c r="`...)
	l.lit = append(l.lit, colLetters(col)...)
	l.lit = strconv.AppendInt(l.lit, int64(row), 10)
	l.lit = append(l.lit, '"')
	if style != "" {
		l.lit = append(l.lit, ` s="`...)
		l.lit = append(l.lit, style...)
		l.lit = append(l.lit, '"')
	}
	switch {
	case dropped || (v.text == "" && v.number == ""):
		l.lit = append(l.lit, "/>"...)
	case v.number != "":
		l.lit = append(l.lit, "><v>"...)
		l.lit = append(l.lit, v.number...)
		l.lit = append(l.lit, "</v></c>"...)
	default:
		l.lit = append(l.lit, ` t="s"><v>`...)
		p := piece{end: len(l.lit), tid: -1, text: v.text}
		if id, ok := lookup[v.text]; ok {
			p.tid, p.text = id, ""
		}
		l.pieces = append(l.pieces, p)
		l.lit = append(l.lit, "</v></c>"...)
	}
}

// escape escapes text for XML content, dropping characters XML cannot hold.
func escape(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

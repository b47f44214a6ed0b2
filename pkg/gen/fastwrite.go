package gen

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/vdhv/vdhv/pkg/form"
	"github.com/vdhv/vdhv/pkg/period"
	"github.com/vdhv/vdhv/pkg/units"
)

// The fast writer. Building a workbook with excelize costs 50–130 ms (the hidden list of
// partner codes alone holds every unit of the bloc), far too slow for thousands of files.
// Most of a VDHV-01 workbook is the same for every unit of a quarter: styles, validations,
// lists, the guide. So form.Write builds one template per quarter — a submission with the
// quarter and no unit — and each unit's workbook is that template with the cells of its
// sheets filled in: the unchanged parts of the zip are copied still compressed, the six
// data sheets are rewritten with the values as inline strings and numbers.
//
// Differences from form.Write, none of which the reader sees: the hidden partner-code list
// also holds the reporting unit's own code; formats and validations cover the template's
// first InputRows data rows (rows beyond them are unformatted); strings are inline instead
// of shared; the `Đánh giá` row heights are estimated the same way.

// fastWriter writes workbooks from per-quarter templates.
type fastWriter struct {
	tree *units.Tree
	w    period.Windows
	mu   sync.Mutex
	tmpl map[period.Quarter]*template
}

func newFastWriter(tree *units.Tree, w period.Windows) *fastWriter {
	return &fastWriter{tree: tree, w: w, tmpl: map[period.Quarter]*template{}}
}

// template is a parsed blank workbook of one quarter.
type template struct {
	zr     *zip.Reader
	sheets map[string]*sheetXML // by canonical sheet name
	parts  map[string]string    // zip part -> canonical sheet name (patched parts)
	core   []byte               // docProps/core.xml
	sst    []string
}

// sheetXML is a worksheet split around its rows.
type sheetXML struct {
	head, tail []byte // before the first row (through <sheetData>), from </sheetData>
	rows       []tmplRow
}

type tmplRow struct {
	num   int
	open  []byte // the <row …> start tag
	cells []tmplCell
	raw   []byte // the whole element
}

type tmplCell struct {
	col   int
	style string // s attribute value, "" if none
	raw   []byte
}

var attrRE = regexp.MustCompile(`([A-Za-z:]+)="([^"]*)"`)

func attrs(tag []byte) map[string]string {
	m := map[string]string{}
	for _, a := range attrRE.FindAllSubmatch(tag, -1) {
		m[string(a[1])] = string(a[2])
	}
	return m
}

// parseSheet splits a worksheet written by excelize.
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
		row := tmplRow{open: open}
		n, err := strconv.Atoi(attrs(open)["r"])
		if err != nil {
			return nil, fmt.Errorf("row without number")
		}
		row.num = n
		var elemEnd int
		if bytes.HasSuffix(open, []byte("/>")) {
			elemEnd = gt + 1
			row.open = append(append([]byte{}, open[:len(open)-2]...), '>')
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
				if !bytes.HasSuffix(ctag, []byte("/>")) {
					k := bytes.Index(cells[cgt+1:], []byte("</c>"))
					if k < 0 {
						return nil, fmt.Errorf("unterminated <c>")
					}
					cend = cgt + 1 + k + len("</c>")
				}
				a := attrs(ctag)
				col, _, err := splitRef(a["r"])
				if err != nil {
					return nil, err
				}
				row.cells = append(row.cells, tmplCell{col: col, style: a["s"], raw: cells[:cend]})
				cells = cells[cend:]
			}
		}
		row.raw = body[:elemEnd]
		s.rows = append(s.rows, row)
		body = body[elemEnd:]
	}
	return s, nil
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
	t := &template{zr: zr, sheets: map[string]*sheetXML{}, parts: map[string]string{}}
	for _, s := range wb.Sheets {
		if form.SheetByName(s.Name) == nil || s.Name == form.SheetCovered {
			continue
		}
		p := target[s.RID]
		data, err := part(p)
		if err != nil {
			return nil, err
		}
		sx, err := parseSheet(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", s.Name, err)
		}
		t.sheets[s.Name] = sx
		t.parts[p] = s.Name
	}
	for _, s := range form.Form {
		if t.sheets[s.Name] == nil {
			return nil, fmt.Errorf("no sheet %q", s.Name)
		}
	}
	if t.core, err = part("docProps/core.xml"); err != nil {
		return nil, err
	}
	sstData, err := part("xl/sharedStrings.xml")
	if err != nil {
		return nil, err
	}
	var sst struct {
		SI []struct {
			T string `xml:"t"`
		} `xml:"si"`
	}
	if err := xml.Unmarshal(sstData, &sst); err != nil {
		return nil, err
	}
	for _, si := range sst.SI {
		t.sst = append(t.sst, si.T)
	}
	return t, nil
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

var flatePool = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(io.Discard, flate.BestSpeed)
	return w
}}

type pooledFlate struct{ w *flate.Writer }

func (p *pooledFlate) Write(b []byte) (int, error) { return p.w.Write(b) }
func (p *pooledFlate) Close() error {
	err := p.w.Close()
	flatePool.Put(p.w)
	return err
}

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
		sx := t.sheets[s.Name]
		if len(sx.rows) > 0 && sx.rows[0].num == 1 {
			for _, c := range sx.rows[0].cells {
				if c.col == 1 {
					if title, ok := t.sharedText(c.raw); ok {
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

	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		fl := flatePool.Get().(*flate.Writer)
		fl.Reset(w)
		return &pooledFlate{fl}, nil
	})
	var sheetBuf bytes.Buffer
	for _, f := range t.zr.File {
		var content []byte
		switch sheet, ok := t.parts[f.Name]; {
		case ok:
			sheetBuf.Reset()
			var h map[int]float64
			if sheet == form.SheetEvaluation {
				h = heights
			}
			t.sheets[sheet].render(&sheetBuf, grids[sheet], drops[sheet], h)
			content = sheetBuf.Bytes()
		case f.Name == "docProps/core.xml":
			title := "Biểu mẫu " + form.FormVersion + " – " + escape(sub.Info.UnitCode) + " – "
			content = bytes.Replace(t.core, []byte("Biểu mẫu "+form.FormVersion+" – "), []byte(title), 1)
		default:
			fh := f.FileHeader
			w, err := zw.CreateRaw(&fh)
			if err != nil {
				return nil, err
			}
			rc, err := f.OpenRaw()
			if err != nil {
				return nil, err
			}
			if _, err := io.Copy(w, rc); err != nil {
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
	return out.Bytes(), nil
}

// sharedText returns the shared string a template cell holds.
func (t *template) sharedText(raw []byte) (string, bool) {
	if !bytes.Contains(raw, []byte(`t="s"`)) {
		return "", false
	}
	i := bytes.Index(raw, []byte("<v>"))
	j := bytes.Index(raw, []byte("</v>"))
	if i < 0 || j < i {
		return "", false
	}
	n, err := strconv.Atoi(string(raw[i+3 : j]))
	if err != nil || n < 0 || n >= len(t.sst) {
		return "", false
	}
	return t.sst[n], true
}

var htRE = regexp.MustCompile(` ht="[^"]*"`)

// render writes the sheet with the grid's values; drop lists columns to leave empty
// (header included); heights overrides row heights.
func (sx *sheetXML) render(b *bytes.Buffer, g grid, drop map[int]bool, heights map[int]float64) {
	b.Write(sx.head)
	rowNums := make([]int, 0, len(g))
	for r := range g {
		rowNums = append(rowNums, r)
	}
	sort.Ints(rowNums)
	// Styles of data cells below the template: those of the first data row.
	var dataStyles map[int]string
	k := 0
	for _, row := range sx.rows {
		for k < len(rowNums) && rowNums[k] < row.num {
			if dataStyles == nil {
				dataStyles = sx.styles(form.TableHeaderRow + 1)
			}
			writeNewRow(b, rowNums[k], g[rowNums[k]], dataStyles, drop)
			k++
		}
		vals := g[row.num]
		if k < len(rowNums) && rowNums[k] == row.num {
			k++
		}
		h, hasH := heights[row.num]
		if len(vals) == 0 && len(drop) == 0 && !hasH {
			b.Write(row.raw)
			continue
		}
		open := row.open
		if hasH {
			open = htRE.ReplaceAll(open, []byte(` ht="`+strconv.FormatFloat(h, 'f', -1, 64)+`"`))
		}
		b.Write(open)
		cols := make([]int, 0, len(vals))
		for c := range vals {
			cols = append(cols, c)
		}
		sort.Ints(cols)
		i := 0
		for _, c := range row.cells {
			for i < len(cols) && cols[i] < c.col {
				writeCell(b, cols[i], row.num, "", vals[cols[i]], drop)
				i++
			}
			switch {
			case i < len(cols) && cols[i] == c.col:
				writeCell(b, c.col, row.num, c.style, vals[c.col], drop)
				i++
			case drop[c.col]:
				writeCell(b, c.col, row.num, c.style, value{}, drop)
			default:
				b.Write(c.raw)
			}
		}
		for ; i < len(cols); i++ {
			writeCell(b, cols[i], row.num, "", vals[cols[i]], drop)
		}
		b.WriteString("</row>")
	}
	for ; k < len(rowNums); k++ {
		if dataStyles == nil {
			dataStyles = sx.styles(form.TableHeaderRow + 1)
		}
		writeNewRow(b, rowNums[k], g[rowNums[k]], dataStyles, drop)
	}
	b.Write(sx.tail)
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

func writeNewRow(b *bytes.Buffer, n int, vals map[int]value, styles map[int]string, drop map[int]bool) {
	b.WriteString(`<row r="` + strconv.Itoa(n) + `">`)
	cols := make([]int, 0, len(vals))
	for c := range vals {
		cols = append(cols, c)
	}
	sort.Ints(cols)
	for _, c := range cols {
		writeCell(b, c, n, styles[c], vals[c], drop)
	}
	b.WriteString("</row>")
}

func writeCell(b *bytes.Buffer, col, row int, style string, v value, drop map[int]bool) {
	b.WriteString(`<c r="` + colLetters(col) + strconv.Itoa(row) + `"`)
	if style != "" {
		b.WriteString(` s="` + style + `"`)
	}
	switch {
	case drop[col] || (v.text == "" && v.number == ""):
		b.WriteString("></c>")
	case v.number != "":
		b.WriteString("><v>" + v.number + "</v></c>")
	default:
		b.WriteString(` t="inlineStr"><is><t`)
		if strings.TrimSpace(v.text) != v.text || strings.ContainsAny(v.text, "\n\t") {
			b.WriteString(` xml:space="preserve"`)
		}
		b.WriteString(">" + escape(v.text) + "</t></is></c>")
	}
}

// escape escapes text for XML content, dropping characters XML cannot hold.
func escape(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

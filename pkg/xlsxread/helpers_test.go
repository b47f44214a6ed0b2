package xlsxread

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"sort"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// part is one zip entry of a hand-made package.
type part struct {
	name, body string
}

// makeZip builds a zip archive from parts, in order.
func makeZip(t testing.TB, parts ...part) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.Create(p.name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, p.body); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const (
	ctXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`
	rootRels = `<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`
	relNS = `http://schemas.openxmlformats.org/officeDocument/2006/relationships`
)

// sheetSpec describes a sheet of a hand-made workbook.
type sheetSpec struct {
	name, state, xml string
}

// miniXLSX builds a minimal workbook with the given sheets; sst and styles
// are the bodies of sharedStrings.xml and styles.xml ("" to omit).
func miniXLSX(t testing.TB, sst, styles string, sheets ...sheetSpec) []byte {
	t.Helper()
	var wbx, rels strings.Builder
	wbx.WriteString(`<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="` + relNS + `"><sheets>`)
	rels.WriteString(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	parts := []part{{"[Content_Types].xml", ctXML}, {"_rels/.rels", rootRels}}
	for i, s := range sheets {
		state := ""
		if s.state != "" {
			state = ` state="` + s.state + `"`
		}
		fmt.Fprintf(&wbx, `<sheet name="%s" sheetId="%d"%s r:id="rId%d"/>`, s.name, i+1, state, i+1)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="`+relNS+`/worksheet" Target="worksheets/sheet%d.xml"/>`, i+1, i+1)
		parts = append(parts, part{fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1), s.xml})
	}
	wbx.WriteString(`</sheets></workbook>`)
	if sst != "" {
		rels.WriteString(`<Relationship Id="rIdS" Type="` + relNS + `/sharedStrings" Target="sharedStrings.xml"/>`)
		parts = append(parts, part{"xl/sharedStrings.xml", sst})
	}
	if styles != "" {
		rels.WriteString(`<Relationship Id="rIdT" Type="` + relNS + `/styles" Target="styles.xml"/>`)
		parts = append(parts, part{"xl/styles.xml", styles})
	}
	rels.WriteString(`</Relationships>`)
	parts = append(parts, part{"xl/workbook.xml", wbx.String()}, part{"xl/_rels/workbook.xml.rels", rels.String()})
	return makeZip(t, parts...)
}

// ws wraps sheetData content in a worksheet element.
func ws(sheetData string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` + sheetData + `</sheetData></worksheet>`
}

// rewriteZip copies an archive, passing each part's body through edit.
func rewriteZip(t testing.TB, data []byte, edit func(name string, body []byte) []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var parts []part
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if nb := edit(f.Name, b); nb != nil {
			parts = append(parts, part{f.Name, string(nb)})
		}
	}
	return makeZip(t, parts...)
}

// excelizeBytes builds a workbook with excelize.
func excelizeBytes(t testing.TB, build func(f *excelize.File)) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	build(f)
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return append([]byte(nil), buf.Bytes()...)
}

// cellDump is a comparable copy of a cell with its reference.
type cellDump struct {
	Ref      string
	Type     CellType
	Value    string
	Formula  string
	Shared   bool
	HasValue bool
	Style    int
}

func (c cellDump) String() string {
	return fmt.Sprintf("%s %v %q f=%q shared=%v has=%v s=%d", c.Ref, c.Type, c.Value, c.Formula, c.Shared, c.HasValue, c.Style)
}

// dumpSheet reads all cells of a sheet.
func dumpSheet(t testing.TB, wb *Workbook, sheet string) []cellDump {
	t.Helper()
	out, err := tryDump(wb, sheet)
	if err != nil {
		t.Fatalf("Rows(%q): %v", sheet, err)
	}
	return out
}

func tryDump(wb *Workbook, sheet string) ([]cellDump, error) {
	var out []cellDump
	err := wb.Rows(sheet, func(r Row) error {
		prev := 0
		for _, c := range r.Cells {
			if c.Col <= prev {
				return fmt.Errorf("row %d: columns not ascending", r.Num)
			}
			prev = c.Col
			out = append(out, cellDump{c.Ref(r.Num), c.Type, c.Value, c.Formula, c.Shared, c.HasValue, c.Style})
		}
		return nil
	})
	return out, err
}

func mustOpen(t testing.TB, data []byte) *Workbook {
	t.Helper()
	wb, err := OpenBytes(data, Limits{})
	if err != nil {
		t.Fatalf("OpenBytes: %v", err)
	}
	t.Cleanup(func() { wb.Close() })
	return wb
}

func sortedKeys[V any](m map[string]V) []string {
	var k []string
	for s := range m {
		k = append(k, s)
	}
	sort.Strings(k)
	return k
}

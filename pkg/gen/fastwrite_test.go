package gen

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/vdhv/vdhv/pkg/form"
	"github.com/vdhv/vdhv/pkg/period"
)

// xlsxParts returns the parts of a zip file by name.
func xlsxParts(t *testing.T, data []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string][]byte{}
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
		parts[f.Name] = b
	}
	return parts
}

// sheetParts returns the worksheets' names and parts in workbook order.
func sheetParts(t *testing.T, parts map[string][]byte) (names, files []string) {
	t.Helper()
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
	if err := xml.Unmarshal(parts["xl/workbook.xml"], &wb); err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal(parts["xl/_rels/workbook.xml.rels"], &rels); err != nil {
		t.Fatal(err)
	}
	for _, s := range wb.Sheets {
		for _, r := range rels.Rel {
			if r.ID == s.RID {
				names = append(names, s.Name)
				files = append(files, path.Join("xl", r.Target))
			}
		}
	}
	return names, files
}

// sstCheck is what a file's string cells and shared string table look like.
type sstCheck struct {
	strings     []string // the table
	count       int      // its count attribute
	unique      int      // its uniqueCount attribute
	refs        [][]int  // per sheet in workbook order, the string cells' indices in order
	inline      int      // inline string cells
	openEmpty   int      // empty cells written <c …></c>
	rowsNoSpans int      // rows without spans
	sheetNames  []string // in workbook order
}

func inspectSST(t *testing.T, data []byte) sstCheck {
	t.Helper()
	parts := xlsxParts(t, data)
	var c sstCheck
	var sst struct {
		Count  int `xml:"count,attr"`
		Unique int `xml:"uniqueCount,attr"`
		SI     []struct {
			T string `xml:"t"`
		} `xml:"si"`
	}
	if err := xml.Unmarshal(parts["xl/sharedStrings.xml"], &sst); err != nil {
		t.Fatal(err)
	}
	c.count, c.unique = sst.Count, sst.Unique
	for _, si := range sst.SI {
		c.strings = append(c.strings, si.T)
	}
	names, files := sheetParts(t, parts)
	c.sheetNames = names
	for _, f := range files {
		raw := parts[f]
		c.openEmpty += strings.Count(string(raw), `"></c>`)
		d := xml.NewDecoder(bytes.NewReader(raw))
		var refs []int
		shared, inV := false, false
		for {
			tok, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			switch tk := tok.(type) {
			case xml.StartElement:
				attr := map[string]string{}
				for _, a := range tk.Attr {
					attr[a.Name.Local] = a.Value
				}
				switch tk.Name.Local {
				case "row":
					if attr["spans"] == "" {
						c.rowsNoSpans++
					}
				case "c":
					shared = attr["t"] == "s"
					if attr["t"] == "inlineStr" {
						c.inline++
					}
				case "v":
					inV = shared
				}
			case xml.CharData:
				if inV {
					n := 0
					for _, ch := range string(tk) {
						n = n*10 + int(ch-'0')
					}
					refs = append(refs, n)
				}
			case xml.EndElement:
				inV = false
			}
		}
		c.refs = append(c.refs, refs)
	}
	return c
}

// The fast writer stores strings as Excel and LibreOffice save them: every text cell a
// shared string, the table holding only the strings in use, each once, numbered in order of
// first use sheet by sheet; empty cells self-closing, rows with spans. With SSTOrder
// "template" the table starts with the template's (the hidden lists first). The hidden
// sheets read as in the template.
func TestFastSharedStrings(t *testing.T) {
	p := small()
	p.Quarters, p.PrevYear = []int{1, 2}, false
	p.Fast = true
	for _, order := range []string{"", SSTOrderExcel, SSTOrderTemplate} {
		p.SSTOrder = order
		s := generate(t, p)
		tree, cfg := workspaceTree(t, s.Dir)
		// The template of each quarter: form.Write's blank workbook.
		hidden, tmpl := map[period.Quarter]map[string][][]string{}, map[period.Quarter]sstCheck{}
		checked := 0
		for _, f := range s.Files {
			if hidden[f.Quarter] == nil {
				var blank bytes.Buffer
				sub := &form.Submission{Info: form.Info{Quarter: f.Quarter, Kind: form.ReportKindUnit, FormVersion: form.FormVersion}}
				if err := form.Write(&blank, sub, form.WriteOptions{Units: tree, Windows: cfg.Windows}); err != nil {
					t.Fatal(err)
				}
				hidden[f.Quarter], tmpl[f.Quarter] = hiddenRows(t, blank.Bytes()), inspectSST(t, blank.Bytes())
			}
			data, err := os.ReadFile(filepath.Join(s.Dir, filepath.FromSlash(f.Path)))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(data, []byte("PK")) {
				continue // the .xls in place of an .xlsx
			}
			checked++
			c := inspectSST(t, data)
			name := f.Path + " (" + order + ")"
			if c.inline > 0 || c.openEmpty > 0 || c.rowsNoSpans > 0 {
				t.Errorf("%s: %d inline strings, %d empty cells not self-closing, %d rows without spans", name, c.inline, c.openEmpty, c.rowsNoSpans)
			}
			cells := 0
			for _, r := range c.refs {
				cells += len(r)
			}
			if c.count != cells || c.unique != len(c.strings) {
				t.Errorf("%s: count=%d uniqueCount=%d for %d string cells and %d strings", name, c.count, c.unique, cells, len(c.strings))
			}
			seen := map[string]bool{}
			for _, s := range c.strings {
				if seen[s] {
					t.Errorf("%s: %q twice in the table", name, s)
				}
				seen[s] = true
			}
			for _, r := range c.refs {
				for _, i := range r {
					if i >= len(c.strings) {
						t.Fatalf("%s: index %d of %d strings", name, i, len(c.strings))
					}
				}
			}
			// An invalid file may state another quarter, and so use another template.
			sameTemplate := f.Status != StatusInvalid
			if order == SSTOrderTemplate && sameTemplate {
				if ts := tmpl[f.Quarter].strings; !reflect.DeepEqual(c.strings[:min(len(c.strings), len(ts))], ts) {
					t.Errorf("%s: the table does not start with the template's", name)
				}
			}
			if order != SSTOrderTemplate {
				next := 0
				for si, r := range c.refs {
					for _, i := range r {
						if i > next {
							t.Fatalf("%s: sheet %q uses string %d before string %d", name, c.sheetNames[si], i, next)
						}
						if i == next {
							next++
						}
					}
				}
				if next != len(c.strings) {
					t.Errorf("%s: %d strings used of %d", name, next, len(c.strings))
				}
				// The hidden sheet is last: its own strings are at the end of the table.
				if last := c.refs[len(c.refs)-1]; len(last) == 0 || slices.Max(last) != len(c.strings)-1 {
					t.Errorf("%s: the last string is not the hidden sheet's", name)
				}
			}
			if got := hiddenRows(t, data); sameTemplate && !reflect.DeepEqual(got, hidden[f.Quarter]) {
				t.Errorf("%s: the guide or the lists read differently from the template's", name)
			}
		}
		if checked < 10 {
			t.Errorf("only %d files checked", checked)
		}
	}
}

// hiddenRows reads the guide and the lists with excelize.
func hiddenRows(t *testing.T, data []byte) map[string][][]string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string][][]string{}
	for _, name := range []string{form.SheetGuide, form.SheetLists} {
		rows, err := f.GetRows(name)
		if err != nil {
			t.Fatal(err)
		}
		out[name] = rows
	}
	return out
}

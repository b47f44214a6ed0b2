package xlsxread

import (
	"bytes"
	"encoding/binary"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// go test ./pkg/xlsxread -run TestHostileFixtures -update-hostile rewrites
// testdata/hostile from the generators below.
var updateHostile = flag.Bool("update-hostile", false, "rewrite the committed hostile fixtures")

const hostileDir = "../../testdata/hostile"

// cfb builds a minimal OLE compound file (version 3, 512-byte sectors) whose
// directory holds a root entry and the given streams, each with content.
func cfb(streams []string, content []byte) []byte {
	const (
		free       = 0xFFFFFFFF
		endOfChain = 0xFFFFFFFE
		fatSect    = 0xFFFFFFFD
	)
	hdr := make([]byte, 512)
	copy(hdr, oleMagic)
	le := binary.LittleEndian
	le.PutUint16(hdr[0x18:], 0x3E)
	le.PutUint16(hdr[0x1A:], 3)
	le.PutUint16(hdr[0x1C:], 0xFFFE)
	le.PutUint16(hdr[0x1E:], 9)
	le.PutUint16(hdr[0x20:], 6)
	le.PutUint32(hdr[0x2C:], 1)          // FAT sectors
	le.PutUint32(hdr[0x30:], 1)          // first directory sector
	le.PutUint32(hdr[0x38:], 4096)       // mini stream cutoff
	le.PutUint32(hdr[0x3C:], endOfChain) // mini FAT
	le.PutUint32(hdr[0x44:], endOfChain) // DIFAT
	le.PutUint32(hdr[0x4C:], 0)          // FAT in sector 0
	for i := 0x50; i < 512; i += 4 {
		le.PutUint32(hdr[i:], free)
	}
	fat := make([]byte, 512)
	for i := 0; i < 128; i++ {
		le.PutUint32(fat[i*4:], free)
	}
	le.PutUint32(fat[0:], fatSect)
	le.PutUint32(fat[4:], endOfChain)
	nData := (len(content) + 511) / 512
	for i := 0; i < nData; i++ {
		next := uint32(3 + i)
		if i == nData-1 {
			next = endOfChain
		}
		le.PutUint32(fat[(2+i)*4:], next)
	}
	dir := make([]byte, 512)
	entry := func(i int, name string, typ byte, start, size uint32) {
		e := dir[i*128 : (i+1)*128]
		for j, c := range name {
			le.PutUint16(e[j*2:], uint16(c))
		}
		le.PutUint16(e[64:], uint16(2*len(name)+2))
		e[66] = typ
		e[67] = 1 // black
		le.PutUint32(e[68:], free)
		le.PutUint32(e[72:], free)
		le.PutUint32(e[76:], free)
		le.PutUint32(e[116:], start)
		le.PutUint32(e[120:], size)
	}
	entry(0, "Root Entry", 5, endOfChain, 0)
	le.PutUint32(dir[76:], 1) // root's child
	for i, s := range streams {
		entry(i+1, s, 2, 2, uint32(len(content)))
		if i+1 < len(streams) && i+1 < 3 {
			le.PutUint32(dir[(i+1)*128+72:], uint32(i+2)) // right sibling
		}
	}
	data := make([]byte, nData*512)
	copy(data, content)
	out := append(hdr, fat...)
	out = append(out, dir...)
	return append(out, data...)
}

// biffBOF is the start of a BIFF8 workbook stream (BOF record).
var biffBOF = []byte{0x09, 0x08, 0x10, 0x00, 0x00, 0x06, 0x05, 0x00, 0x54, 0x38, 0xCD, 0x07, 0xC1, 0x80, 0x00, 0x00, 0x06, 0x03, 0x00, 0x00}

type fixture struct {
	name  string
	kind  Kind   // Sniff result
	open  string // expected OpenBytes outcome: "format:<kind>", "limit:<what>", "ok"
	rows  string // when open is ok: expected outcome of reading every sheet
	build func(t testing.TB) []byte
}

func billionLaughs(root string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">`)
	prev := "lol"
	for i := 1; i <= 9; i++ {
		name := "lol" + string(rune('0'+i))
		b.WriteString(`<!ENTITY ` + name + ` "`)
		for j := 0; j < 10; j++ {
			b.WriteString("&" + prev + ";")
		}
		b.WriteString(`">`)
		prev = name
	}
	b.WriteString(`]>`)
	b.WriteString(strings.ReplaceAll(root, "BOMB", "&lol9;"))
	return b.String()
}

func hostileFixtures() []fixture {
	okSheet := ws(`<row r="1"><c r="A1"><v>1</v></c></row>`)
	return []fixture{
		{"empty.xlsx", KindEmpty, "format:empty", "", func(t testing.TB) []byte { return nil }},
		{"fake.xls", KindXLS, "format:xls", "", func(t testing.TB) []byte { return cfb([]string{"Workbook"}, biffBOF) }},
		{"fake-encrypted.xlsx", KindEncrypted, "format:encrypted", "", func(t testing.TB) []byte {
			return cfb([]string{"EncryptionInfo", "EncryptedPackage"}, []byte{4, 0, 4, 0, 0x40, 0, 0, 0})
		}},
		{"encrypted.xlsx", KindEncrypted, "format:encrypted", "", func(t testing.TB) []byte {
			f := excelize.NewFile()
			defer f.Close()
			f.SetCellValue("Sheet1", "A1", "secret")
			var buf bytes.Buffer
			if _, err := f.WriteTo(&buf, excelize.Options{Password: "vdhv"}); err != nil {
				t.Fatal(err)
			}
			return buf.Bytes()
		}},
		{"fake.xlsb", KindXLSB, "format:xlsb", "", func(t testing.TB) []byte {
			return makeZip(t,
				part{"[Content_Types].xml", `<Types><Override PartName="/xl/workbook.bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/></Types>`},
				part{"xl/workbook.bin", "\x83\x01\x00"})
		}},
		{"fake.ods", KindODS, "format:ods", "", func(t testing.TB) []byte {
			return makeZip(t,
				part{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"},
				part{"content.xml", `<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>`},
				part{"META-INF/manifest.xml", `<manifest/>`})
		}},
		{"text.csv", KindText, "format:text", "", func(t testing.TB) []byte {
			return []byte("Mã đơn vị,Tên đơn vị\r\nDV001,\"Công ty A\"\r\n")
		}},
		{"tcvn3.csv", KindText, "format:text", "", func(t testing.TB) []byte {
			return []byte("M\xB8 \xAE\xA1n v\xDE,T\xAAn\r\nDV001,T\xE6ng c\xABng ty\r\n")
		}},
		{"page.html", KindText, "format:text", "", func(t testing.TB) []byte {
			return []byte("<html><head><meta http-equiv=Content-Type content=\"text/html; charset=utf-8\"></head><body><table><tr><td>Mã đơn vị</td></tr></table></body></html>\n")
		}},
		{"excel2003.xml", KindText, "format:text", "", func(t testing.TB) []byte {
			return []byte(`<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="A"/></Workbook>`)
		}},
		{"utf16.txt", KindText, "format:text", "", func(t testing.TB) []byte { return []byte("\xFF\xFEa\x00b\x00") }},
		{"random.bin", KindUnknown, "format:unknown", "", func(t testing.TB) []byte {
			b := make([]byte, 1024)
			x := uint32(1)
			for i := range b {
				x = x*1664525 + 1013904223
				b[i] = byte(x >> 24)
			}
			return b
		}},
		{"empty-zip.xlsx", KindZip, "format:zip", "", func(t testing.TB) []byte { return makeZip(t) }},
		{"not-spreadsheet.zip", KindZip, "format:zip", "", func(t testing.TB) []byte {
			return makeZip(t, part{"readme.txt", "hello"}, part{"word/document.xml", "<w:document/>"})
		}},
		{"truncated.xlsx", KindCorruptZip, "format:corrupt", "", func(t testing.TB) []byte {
			b := buildValid(t)
			return b[:len(b)/2]
		}},
		{"pk-garbage.xlsx", KindCorruptZip, "format:corrupt", "", func(t testing.TB) []byte {
			return []byte("PK\x03\x04 this is not really a zip archive")
		}},
		{"corrupt-sheet-data.xlsx", KindXLSX, "ok", "format:corrupt", func(t testing.TB) []byte {
			b := miniXLSX(t, "", "", sheetSpec{name: "A", xml: ws(strings.Repeat(`<row><c t="inlineStr"><is><t>some text that compresses</t></is></c></row>`, 200))})
			i := bytes.Index(b, []byte("xl/worksheets/sheet1.xml"))
			b = append([]byte(nil), b...)
			for j := i + 40; j < i+80; j++ { // inside the deflate data
				b[j] ^= 0x5A
			}
			return b
		}},
		{"missing-workbook.xlsx", KindXLSX, "format:xlsx", "", func(t testing.TB) []byte {
			return makeZip(t, part{"[Content_Types].xml", ctXML}, part{"_rels/.rels", rootRels})
		}},
		{"entity-bomb-workbook.xlsx", KindXLSX, "format:xlsx", "", func(t testing.TB) []byte {
			data := miniXLSX(t, "", "", sheetSpec{name: "A", xml: okSheet})
			return rewriteZip(t, data, func(name string, b []byte) []byte {
				if name == "xl/workbook.xml" {
					return []byte(billionLaughs(`<workbook><sheets><sheet name="BOMB" r:id="rId1"/></sheets></workbook>`))
				}
				return b
			})
		}},
		{"entity-bomb-sheet.xlsx", KindXLSX, "ok", "format:xlsx", func(t testing.TB) []byte {
			return miniXLSX(t, "", "", sheetSpec{name: "A", xml: billionLaughs(ws(`<row><c t="inlineStr"><is><t>BOMB</t></is></c></row>`))})
		}},
		{"entity-bomb-sst.xlsx", KindXLSX, "ok", "format:xlsx", func(t testing.TB) []byte {
			return miniXLSX(t, billionLaughs(`<sst><si><t>BOMB</t></si></sst>`), "", sheetSpec{name: "A", xml: ws(`<row><c t="s"><v>0</v></c></row>`)})
		}},
		{"undefined-entity.xlsx", KindXLSX, "ok", "format:xlsx", func(t testing.TB) []byte {
			return miniXLSX(t, "", "", sheetSpec{name: "A", xml: ws(`<row><c t="inlineStr"><is><t>&lol;</t></is></c></row>`)})
		}},
		{"deep-nesting.xlsx", KindXLSX, "ok", "limit:depth", func(t testing.TB) []byte {
			return miniXLSX(t, "", "", sheetSpec{name: "A", xml: ws(`<row><c>` + strings.Repeat("<x>", 100000) + strings.Repeat("</x>", 100000) + `</c></row>`)})
		}},
		{"deep-nesting-styles.xlsx", KindXLSX, "limit:depth", "", func(t testing.TB) []byte {
			return miniXLSX(t, "", `<styleSheet>`+strings.Repeat("<a>", 10000)+strings.Repeat("</a>", 10000)+`</styleSheet>`, sheetSpec{name: "A", xml: okSheet})
		}},
		{"malformed-workbook.xlsx", KindXLSX, "format:xlsx", "", func(t testing.TB) []byte {
			data := miniXLSX(t, "", "", sheetSpec{name: "A", xml: okSheet})
			return rewriteZip(t, data, func(name string, b []byte) []byte {
				if name == "xl/workbook.xml" {
					return []byte(`<workbook><sheets><sheet name="A" r:id="rId1"></sheets></workbook>`)
				}
				return b
			})
		}},
		{"malformed-styles.xlsx", KindXLSX, "format:xlsx", "", func(t testing.TB) []byte {
			return miniXLSX(t, "", `<styleSheet><fonts><font><name val="x></font></fonts></styleSheet>`, sheetSpec{name: "A", xml: okSheet})
		}},
		{"malformed-sst.xlsx", KindXLSX, "ok", "format:xlsx", func(t testing.TB) []byte {
			return miniXLSX(t, `<sst><si><t>a</si></sst>`, "", sheetSpec{name: "A", xml: ws(`<row><c t="s"><v>0</v></c></row>`)})
		}},
		{"malformed-sheet.xlsx", KindXLSX, "ok", "format:xlsx", func(t testing.TB) []byte {
			return miniXLSX(t, "", "", sheetSpec{name: "A", xml: `<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c>`})
		}},
	}
}

func openOutcome(err error) string {
	var fe *FormatError
	var le *LimitError
	switch {
	case err == nil:
		return "ok"
	case errors.As(err, &fe):
		return "format:" + fe.Kind.String()
	case errors.As(err, &le):
		return "limit:" + le.What
	}
	return "other:" + err.Error()
}

func readEverything(wb *Workbook) error {
	for _, s := range wb.Sheets() {
		if err := wb.Rows(s.Name, func(Row) error { return nil }); err != nil {
			return err
		}
		if _, err := wb.MergedCells(s.Name); err != nil {
			return err
		}
	}
	return nil
}

func TestHostileFixtures(t *testing.T) {
	fixtures := hostileFixtures()
	if *updateHostile {
		if err := os.MkdirAll(hostileDir, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, f := range fixtures {
			if err := os.WriteFile(filepath.Join(hostileDir, f.name), f.build(t), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	seen := map[string]bool{"README.md": true}
	for _, f := range fixtures {
		seen[f.name] = true
		t.Run(f.name, func(t *testing.T) {
			p := filepath.Join(hostileDir, f.name)
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatalf("%v (run with -update-hostile)", err)
			}
			if k := Sniff(bytes.NewReader(data), int64(len(data))); k != f.kind {
				t.Errorf("Sniff = %v, want %v", k, f.kind)
			}
			start := time.Now()
			wb, err := Open(p, Limits{})
			if got := openOutcome(err); got != f.open {
				t.Fatalf("Open: %s (%v), want %s", got, err, f.open)
			}
			if err != nil {
				if err.Error() == "" {
					t.Error("empty error text")
				}
				return
			}
			defer wb.Close()
			err = readEverything(wb)
			if got := openOutcome(err); got != f.rows {
				t.Errorf("reading: %s (%v), want %s", got, err, f.rows)
			}
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
	entries, err := os.ReadDir(hostileDir)
	if err != nil {
		t.Fatal(err)
	}
	readme, _ := os.ReadFile(filepath.Join(hostileDir, "README.md"))
	for _, e := range entries {
		if e.IsDir() {
			continue // sub-folders (cli/) hold other packages' fixtures, with their own tests
		}
		if !seen[e.Name()] {
			t.Errorf("fixture %s is not tested", e.Name())
		}
		if e.Name() != "README.md" && !bytes.Contains(readme, []byte("| "+e.Name()+" |")) {
			t.Errorf("fixture %s is not listed in README.md", e.Name())
		}
	}
}

func TestSniffOLEFallbackScan(t *testing.T) {
	b := cfb([]string{"EncryptionInfo", "EncryptedPackage"}, make([]byte, 600))
	binary.LittleEndian.PutUint32(b[0x30:], 999) // directory sector pointer out of range
	if k := Sniff(bytes.NewReader(b), int64(len(b))); k != KindEncrypted {
		t.Errorf("Sniff = %v, want encrypted (fallback scan)", k)
	}
	short := append([]byte(nil), oleMagic...)
	if k := Sniff(bytes.NewReader(short), int64(len(short))); k != KindXLS {
		t.Errorf("Sniff(8-byte OLE) = %v", k)
	}
	if k := Sniff(bytes.NewReader(nil), 0); k != KindEmpty {
		t.Errorf("Sniff(empty) = %v", k)
	}
}

package xlsxread

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// deflateChunk compresses b as a self-contained, byte-aligned, non-final
// run of deflate blocks (no back-reference leaves it), so such runs can be
// concatenated.
func deflateChunk(t testing.TB, b []byte) []byte {
	var buf bytes.Buffer
	fw, err := flate.NewWriter(&buf, flate.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(b)
	if err := fw.Flush(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// repeatedPart is a zip part whose content is head + n×chunk + tail. It is
// written with chunk compressed once, so a 1 GiB part costs ~1 MiB and is
// never held in memory uncompressed.
type repeatedPart struct {
	name              string
	head, chunk, tail string
	n                 int
	lieSize           uint64 // if not 0, the uncompressed size written in the headers
}

// bombZip writes plain parts and repeated parts into one archive.
func bombZip(t testing.TB, plain []part, reps ...repeatedPart) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestSpeed)
	})
	for _, p := range plain {
		w, err := zw.Create(p.name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, p.body)
	}
	for _, r := range reps {
		h, c, tl := deflateChunk(t, []byte(r.head)), deflateChunk(t, []byte(r.chunk)), deflateChunk(t, []byte(r.tail))
		final := []byte{0x03, 0x00} // empty final block
		crc := crc32.ChecksumIEEE([]byte(r.head))
		chunk := []byte(r.chunk)
		for i := 0; i < r.n; i++ {
			crc = crc32.Update(crc, crc32.IEEETable, chunk)
		}
		crc = crc32.Update(crc, crc32.IEEETable, []byte(r.tail))
		size := uint64(len(r.head)) + uint64(r.n)*uint64(len(r.chunk)) + uint64(len(r.tail))
		if r.lieSize != 0 {
			size = r.lieSize
		}
		w, err := zw.CreateRaw(&zip.FileHeader{
			Name: r.name, Method: zip.Deflate, CRC32: crc,
			CompressedSize64:   uint64(len(h) + r.n*len(c) + len(tl) + len(final)),
			UncompressedSize64: size,
		})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(h)
		for i := 0; i < r.n; i++ {
			w.Write(c)
		}
		w.Write(tl)
		w.Write(final)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// plainWorkbook returns the parts of a one-sheet workbook (sheet name "B",
// part xl/worksheets/sheet1.xml, shared strings xl/sharedStrings.xml) without
// the parts listed in omit.
func plainWorkbook(omit ...string) []part {
	all := []part{
		{"[Content_Types].xml", ctXML},
		{"_rels/.rels", rootRels},
		{"xl/workbook.xml", `<workbook xmlns:r="` + relNS + `"><sheets><sheet name="B" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<Relationships><Relationship Id="rId1" Type="` + relNS + `/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="` + relNS + `/sharedStrings" Target="sharedStrings.xml"/></Relationships>`},
		{"xl/worksheets/sheet1.xml", ws(`<row r="1"><c r="A1" t="s"><v>0</v></c></row>`)},
		{"xl/sharedStrings.xml", `<sst><si><t>x</t></si></sst>`},
	}
	var out []part
	for _, p := range all {
		skip := false
		for _, o := range omit {
			skip = skip || o == p.name
		}
		if !skip {
			out = append(out, p)
		}
	}
	return out
}

// measure runs fn and returns the bytes allocated meanwhile (an upper bound
// of the peak heap growth) and the duration.
func measure(fn func()) (uint64, time.Duration) {
	runtime.GC()
	var a, b runtime.MemStats
	runtime.ReadMemStats(&a)
	start := time.Now()
	fn()
	d := time.Since(start)
	runtime.ReadMemStats(&b)
	return b.TotalAlloc - a.TotalAlloc, d
}

const mib = 1 << 20

type bombCase struct {
	name     string
	short    bool // run under -short too
	build    func(t testing.TB) []byte
	lim      Limits
	want     string // openOutcome of Open+read everything
	cell     string // expected LimitError.Cell, if any
	part     string // expected LimitError.Part, if any
	maxAlloc uint64
}

func bombCases() []bombCase {
	const gib = 1 << 30
	spaces := strings.Repeat(" ", mib)
	return []bombCase{
		{
			name: "zip bomb sheet 1 GiB", short: true, want: "limit:part", part: "xl/worksheets/sheet1.xml", maxAlloc: 8 * mib,
			build: func(t testing.TB) []byte {
				return bombZip(t, plainWorkbook("xl/worksheets/sheet1.xml"), repeatedPart{
					name: "xl/worksheets/sheet1.xml", head: `<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row>`,
					chunk: spaces, n: gib / mib, tail: `</sheetData></worksheet>`})
			},
		},
		{
			name: "zip bomb sheet, total limit", short: true, want: "limit:total", lim: Limits{MaxTotalBytes: 10 * mib}, maxAlloc: 8 * mib,
			build: func(t testing.TB) []byte {
				return bombZip(t, plainWorkbook("xl/worksheets/sheet1.xml"), repeatedPart{
					name: "xl/worksheets/sheet1.xml", head: `<worksheet><sheetData>`,
					chunk: spaces, n: 64, tail: `</sheetData></worksheet>`})
			},
		},
		{
			name: "zip bomb of tags", want: "limit:part", lim: Limits{MaxPartBytes: 20 * mib}, maxAlloc: 8 * mib,
			build: func(t testing.TB) []byte {
				return bombZip(t, plainWorkbook("xl/worksheets/sheet1.xml"), repeatedPart{
					name: "xl/worksheets/sheet1.xml", head: `<worksheet><sheetData>`,
					chunk: strings.Repeat(`<x a="1"/>`, mib/10), n: 1024, tail: `</sheetData></worksheet>`})
			},
		},
		{
			name: "zip bomb workbook.xml", short: true, want: "limit:part", part: "xl/workbook.xml", maxAlloc: 8 * mib,
			build: func(t testing.TB) []byte {
				return bombZip(t, plainWorkbook("xl/workbook.xml"), repeatedPart{
					name: "xl/workbook.xml", head: `<workbook><!--`, chunk: spaces, n: gib / mib, tail: `--></workbook>`})
			},
		},
		{
			name: "zip bomb with lying size header", short: true, want: "format:corrupt", maxAlloc: 8 * mib,
			build: func(t testing.TB) []byte {
				return bombZip(t, plainWorkbook("xl/worksheets/sheet1.xml"), repeatedPart{
					name: "xl/worksheets/sheet1.xml", head: `<worksheet><sheetData>`,
					chunk: spaces, n: 256, tail: `</sheetData></worksheet>`, lieSize: 1000})
			},
		},
		{
			name: "shared strings bomb in one string", short: true, want: "limit:cell", part: "xl/sharedStrings.xml", maxAlloc: 8 * mib,
			build: func(t testing.TB) []byte {
				return bombZip(t, plainWorkbook("xl/sharedStrings.xml"), repeatedPart{
					name: "xl/sharedStrings.xml", head: `<sst><si><t>`, chunk: strings.Repeat("a", mib), n: 1024, tail: `</t></si></sst>`})
			},
		},
		{
			// The table is read only as far as the cells need: the last string is asked for.
			// The lazy table keeps the inflated markup up to the string asked for (17 MiB
			// at the limit here, grown by doubling).
			name: "millions of shared strings", want: "limit:sharedStrings", part: "xl/sharedStrings.xml", maxAlloc: 96 * mib,
			build: func(t testing.TB) []byte {
				parts := append(plainWorkbook("xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"),
					part{"xl/worksheets/sheet1.xml", ws(`<row r="1"><c r="A1" t="s"><v>2999999</v></c></row>`)})
				return bombZip(t, parts, repeatedPart{
					name: "xl/sharedStrings.xml", head: `<sst>`, chunk: strings.Repeat(`<si><t>x</t></si>`, 100_000), n: 30, tail: `</sst>`})
			},
		},
		{
			// Only the first string is used: the rest of the table is never inflated.
			name: "millions of shared strings, the first used", want: "ok", maxAlloc: 4 * mib,
			build: func(t testing.TB) []byte {
				return bombZip(t, plainWorkbook("xl/sharedStrings.xml"), repeatedPart{
					name: "xl/sharedStrings.xml", head: `<sst>`, chunk: strings.Repeat(`<si><t>x</t></si>`, 100_000), n: 30, tail: `</sst>`})
			},
		},
		{
			name: "one million rows", want: "limit:rows", cell: "A100001", maxAlloc: 16 * mib,
			build: func(t testing.TB) []byte {
				var b strings.Builder
				b.WriteString(`<worksheet><sheetData>`)
				for i := 1; i <= 1_000_000; i++ {
					n := strconv.Itoa(i)
					b.WriteString(`<row r="` + n + `"><c r="A` + n + `"><v>` + n + `</v></c></row>`)
				}
				b.WriteString(`</sheetData></worksheet>`)
				return bombZip(t, append(plainWorkbook("xl/worksheets/sheet1.xml"), part{"xl/worksheets/sheet1.xml", b.String()}))
			},
		},
		{
			name: "one million rows without r", short: true, want: "limit:rows", cell: "A100001", maxAlloc: 16 * mib,
			build: func(t testing.TB) []byte {
				return bombZip(t, plainWorkbook("xl/worksheets/sheet1.xml"), repeatedPart{
					name: "xl/worksheets/sheet1.xml", head: `<worksheet><sheetData>`,
					chunk: strings.Repeat(`<row><c><v>1</v></c></row>`, 10_000), n: 100, tail: `</sheetData></worksheet>`})
			},
		},
		{
			name: "row with 16384 columns", short: true, want: "limit:cols", cell: "GS1", maxAlloc: 8 * mib,
			build: func(t testing.TB) []byte {
				var b strings.Builder
				b.WriteString(`<worksheet><sheetData><row r="1">`)
				for c := 1; c <= 16384; c++ {
					b.WriteString(`<c r="` + CellName(c, 1) + `"><v>1</v></c>`)
				}
				b.WriteString(`</row></sheetData></worksheet>`)
				return bombZip(t, append(plainWorkbook("xl/worksheets/sheet1.xml"), part{"xl/worksheets/sheet1.xml", b.String()}))
			},
		},
		{
			name: "row with 16385 cells without r", short: true, want: "format:xlsx", lim: Limits{MaxCols: 20000}, maxAlloc: 16 * mib,
			build: func(t testing.TB) []byte {
				return bombZip(t, append(plainWorkbook("xl/worksheets/sheet1.xml"), part{"xl/worksheets/sheet1.xml",
					`<worksheet><sheetData><row>` + strings.Repeat(`<c><v>1</v></c>`, 16385) + `</row></sheetData></worksheet>`}))
			},
		},
		{
			name: "10 MB inline cell", short: true, want: "limit:cell", cell: "A1", maxAlloc: 8 * mib,
			build: func(t testing.TB) []byte {
				return bombZip(t, plainWorkbook("xl/worksheets/sheet1.xml"), repeatedPart{
					name: "xl/worksheets/sheet1.xml", head: `<worksheet><sheetData><row><c t="inlineStr"><is><t>`,
					chunk: strings.Repeat("Tổng công ty ", mib/16), n: 10, tail: `</t></is></c></row></sheetData></worksheet>`})
			},
		},
		{
			name: "10 MB value in CDATA", short: true, want: "limit:cell", cell: "B1", maxAlloc: 8 * mib,
			build: func(t testing.TB) []byte {
				return bombZip(t, plainWorkbook("xl/worksheets/sheet1.xml"), repeatedPart{
					name: "xl/worksheets/sheet1.xml", head: `<worksheet><sheetData><row><c r="B1" t="str"><v><![CDATA[`,
					chunk: strings.Repeat("x", mib), n: 10, tail: `]]></v></c></row></sheetData></worksheet>`})
			},
		},
		{
			name: "10 MB formula of entities", short: true, want: "limit:cell", cell: "C1", maxAlloc: 8 * mib,
			build: func(t testing.TB) []byte {
				return bombZip(t, plainWorkbook("xl/worksheets/sheet1.xml"), repeatedPart{
					name: "xl/worksheets/sheet1.xml", head: `<worksheet><sheetData><row><c r="C1"><f>`,
					chunk: strings.Repeat("&amp;", mib/5), n: 10, tail: `</f></c></row></sheetData></worksheet>`})
			},
		},
		{
			name: "10 MB tag", short: true, want: "format:xlsx", maxAlloc: 8 * mib,
			build: func(t testing.TB) []byte {
				return bombZip(t, plainWorkbook("xl/worksheets/sheet1.xml"), repeatedPart{
					name: "xl/worksheets/sheet1.xml", head: `<worksheet><sheetData><row><c r="A1" x="`,
					chunk: strings.Repeat("x", mib), n: 10, tail: `"/></row></sheetData></worksheet>`})
			},
		},
		{
			name: "deep nesting 1M", short: true, want: "limit:depth", maxAlloc: 8 * mib,
			build: func(t testing.TB) []byte {
				return bombZip(t, plainWorkbook("xl/worksheets/sheet1.xml"), repeatedPart{
					name: "xl/worksheets/sheet1.xml", head: `<worksheet>`, chunk: strings.Repeat("<a>", 100_000), n: 10, tail: ``})
			},
		},
		{
			name: "huge comment and whitespace are skipped", want: "ok", maxAlloc: 8 * mib,
			build: func(t testing.TB) []byte {
				return bombZip(t, plainWorkbook("xl/worksheets/sheet1.xml"), repeatedPart{
					name: "xl/worksheets/sheet1.xml", head: `<worksheet><sheetData><row><c><v>1</v></c></row><!--`,
					chunk: strings.Repeat("-", mib), n: 50, tail: `--></sheetData></worksheet>`})
			},
		},
		{
			name: "many zip entries", short: true, want: "limit:parts", maxAlloc: 64 * mib,
			build: func(t testing.TB) []byte {
				parts := plainWorkbook()
				for i := 0; i < 10_001; i++ {
					parts = append(parts, part{"x/" + strconv.Itoa(i), ""})
				}
				return storedZip(t, parts...)
			},
		},
	}
}

func TestBombs(t *testing.T) {
	for _, bc := range bombCases() {
		t.Run(bc.name, func(t *testing.T) {
			if testing.Short() && !bc.short {
				t.Skip("slow; skipped with -short")
			}
			data := bc.build(t)
			if len(data) > 12*mib {
				t.Fatalf("fixture is %d bytes", len(data))
			}
			var err error
			alloc, dur := measure(func() {
				var wb *Workbook
				wb, err = OpenBytes(data, bc.lim)
				if err == nil {
					err = readEverything(wb)
					wb.Close()
				}
			})
			t.Logf("%d KiB file: %v in %v, %d MiB allocated", len(data)>>10, err, dur.Round(time.Millisecond), alloc>>20)
			if got := openOutcome(err); got != bc.want {
				t.Fatalf("got %s (%v), want %s", got, err, bc.want)
			}
			var le *LimitError
			if errors.As(err, &le) {
				if bc.cell != "" && le.Cell != bc.cell {
					t.Errorf("LimitError.Cell = %q, want %q", le.Cell, bc.cell)
				}
				if bc.part != "" && le.Part != bc.part {
					t.Errorf("LimitError.Part = %q, want %q", le.Part, bc.part)
				}
				if le.Cell != "" && le.Sheet != "B" {
					t.Errorf("LimitError.Sheet = %q, want B", le.Sheet)
				}
			}
			if alloc > bc.maxAlloc {
				t.Errorf("allocated %d MiB, want at most %d MiB", alloc>>20, bc.maxAlloc>>20)
			}
			if dur > 10*time.Second {
				t.Errorf("took %v", dur)
			}
		})
	}
}

// TestMillionRowsWithinLimits streams a million rows when the limit allows
// it: memory stays flat because rows are not retained.
func TestMillionRowsWithinLimits(t *testing.T) {
	if testing.Short() {
		t.Skip("slow; skipped with -short")
	}
	data := bombZip(t, plainWorkbook("xl/worksheets/sheet1.xml"), repeatedPart{
		name: "xl/worksheets/sheet1.xml", head: `<worksheet><sheetData>`,
		chunk: strings.Repeat(`<row><c t="s"><v>0</v></c><c><v>12.5</v></c></row>`, 10_000), n: 100, tail: `</sheetData></worksheet>`})
	var rows, cells int
	alloc, dur := measure(func() {
		wb, err := OpenBytes(data, Limits{MaxRows: 2_000_000})
		if err != nil {
			t.Fatal(err)
		}
		defer wb.Close()
		err = wb.Rows("B", func(r Row) error {
			rows++
			cells += len(r.Cells)
			if r.Num != rows || r.Cells[0].Value != "x" || r.Cells[1].Value != "12.5" {
				return fmt.Errorf("row %d: %+v", rows, r)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
	t.Logf("1M rows: %v, %d MiB allocated", dur.Round(time.Millisecond), alloc>>20)
	if rows != 1_000_000 || cells != 2_000_000 {
		t.Errorf("rows=%d cells=%d", rows, cells)
	}
}

func TestCustomLimits(t *testing.T) {
	sheet := ws(`<row r="1"><c r="A1"><v>1</v></c><c r="C1" t="inlineStr"><is><t>hello</t></is></c></row><row r="3"><c r="B3"><v>2</v></c></row>` + strings.Repeat(" ", 2000))
	data := miniXLSX(t, `<sst><si><t>a</t></si><si><t>b</t></si></sst>`, "", sheetSpec{name: "L", xml: sheet},
		sheetSpec{name: "S", xml: ws(`<row><c t="s"><v>1</v></c></row>`)})
	for _, tc := range []struct {
		lim        Limits
		sheet      string
		what, cell string
	}{
		{Limits{MaxRows: 2}, "L", "rows", "B3"},
		{Limits{MaxCols: 2}, "L", "cols", "C1"},
		{Limits{MaxCellBytes: 4}, "L", "cell", "C1"},
		{Limits{MaxXMLDepth: 3}, "L", "depth", ""},
		{Limits{MaxPartBytes: 1500}, "L", "part", ""},
		{Limits{MaxSharedStrings: 1}, "S", "sharedStrings", ""},
		{Limits{MaxRows: 3, MaxCols: 3, MaxCellBytes: 5}, "L", "", ""},
	} {
		t.Run(fmt.Sprintf("%+v", tc.lim), func(t *testing.T) {
			wb, err := OpenBytes(data, tc.lim)
			if err != nil {
				t.Fatal(err)
			}
			defer wb.Close()
			_, err = tryDump(wb, tc.sheet)
			if tc.what == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var le *LimitError
			if !errors.As(err, &le) || le.What != tc.what || le.Cell != tc.cell || le.Sheet != tc.sheet || le.Part == "" {
				t.Fatalf("err = %#v", err)
			}
		})
	}
	if _, err := OpenBytes(data, Limits{MaxFileBytes: 10}); openOutcome(err) != "limit:file" {
		t.Errorf("MaxFileBytes: %v", err)
	}
	if _, err := OpenBytes(data, Limits{MaxParts: 3}); openOutcome(err) != "limit:parts" {
		t.Errorf("MaxParts: %v", err)
	}
}

func TestMalformedSheets(t *testing.T) {
	for _, tc := range []struct{ name, xml, want string }{
		{"rows out of order", ws(`<row r="2"><c><v>1</v></c></row><row r="1"><c><v>1</v></c></row>`), "format:xlsx"},
		{"duplicate row", ws(`<row r="2"></row><row r="2"></row>`), "format:xlsx"},
		{"bad row number", ws(`<row r="x"></row>`), "format:xlsx"},
		{"row beyond grid", ws(`<row r="1048577"></row>`), "format:xlsx"},
		{"cells out of order", ws(`<row><c r="B1"><v>1</v></c><c r="A1"><v>1</v></c></row>`), "format:xlsx"},
		{"bad cell ref", ws(`<row><c r="1A"><v>1</v></c></row>`), "format:xlsx"},
		{"unknown type", ws(`<row><c t="zz"><v>1</v></c></row>`), "format:xlsx"},
		{"bad style", ws(`<row><c s="-1"><v>1</v></c></row>`), "format:xlsx"},
		{"bad sst index", ws(`<row><c t="s"><v>x</v></c></row>`), "format:xlsx"},
		{"sst index out of range", ws(`<row><c t="s"><v>5</v></c></row>`), "format:xlsx"},
		{"mismatched end", `<worksheet><sheetData></worksheet>`, "format:xlsx"},
		{"stray end", `<worksheet></worksheet></x>`, "format:xlsx"},
		{"truncated tag", `<worksheet><sheetData><row r="1`, "format:xlsx"},
		{"truncated entity", `<worksheet><sheetData><row><c t="str"><v>&am`, "format:xlsx"},
		{"bad char ref", ws(`<row><c t="str"><v>&#0;</v></c></row>`), "format:xlsx"},
		{"bad char ref 2", ws(`<row><c t="str"><v>&#xD800;</v></c></row>`), "format:xlsx"},
		{"long entity", ws(`<row><c t="str"><v>&` + strings.Repeat("a", 100) + `;</v></c></row>`), "format:xlsx"},
		{"unterminated comment", `<worksheet><!-- `, "format:xlsx"},
		{"unterminated CDATA", ws(`<row><c t="str"><v><![CDATA[abc`), "format:xlsx"},
		{"ok: CDATA outside root", `<![CDATA[x]]><worksheet/>`, "ok"},
		{"bad markup", `<worksheet><!ELEMENT x></worksheet>`, "format:xlsx"},
		{"lt in tag", `<worksheet <x></worksheet>`, "format:xlsx"},
		{"unquoted attribute", `<worksheet a=b></worksheet>`, "format:xlsx"},
		{"attribute without value", `<worksheet a></worksheet>`, "format:xlsx"},
		{"empty name", `<worksheet>< ></worksheet>`, "format:xlsx"},
		{"utf16", "\xFF\xFE<\x00w\x00", "format:xlsx"},
		{"no root", `   `, "format:xlsx"},
		{"empty part", ``, "format:xlsx"},
		{"bad entity in attribute", `<worksheet><mergeCells><mergeCell ref="&x;"/></mergeCells></worksheet>`, "format:xlsx"},
		{"ok: invalid UTF-8 is replaced", ws("<row><c t=\"inlineStr\"><is><t>a\xFFb</t></is></c></row>"), "ok"},
		{"ok: text outside root", `junk<worksheet/>junk`, "ok"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wb := mustOpen(t, miniXLSX(t, `<sst><si><t>a</t></si></sst>`, "", sheetSpec{name: "M", xml: tc.xml}))
			err := readEverything(wb)
			if got := openOutcome(err); got != tc.want {
				t.Fatalf("got %s (%v), want %s", got, err, tc.want)
			}
			if err != nil && !strings.Contains(err.Error(), "xl/worksheets/sheet1.xml") && !strings.Contains(err.Error(), `"M"`) {
				t.Errorf("error does not locate the sheet: %v", err)
			}
		})
	}
}

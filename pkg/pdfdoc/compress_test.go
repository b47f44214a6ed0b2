package pdfdoc

import (
	"bytes"
	"math"
	"strconv"
	"strings"
	"testing"
)

// compressDocs are documents of every kind of content: text, tables over many pages,
// charts, hostile text, nothing at all.
func compressDocs() map[string]*Document {
	big := sampleDocument()
	t := Table{Title: "Bảng lớn", Columns: big.Appendices[1].Blocks[0].(Table).Columns}
	src := big.Appendices[1].Blocks[0].(Table).Rows
	for i := 0; i < 400; i++ {
		t.Rows = append(t.Rows, src[i%len(src)])
	}
	big.Appendices = append(big.Appendices, Appendix{Title: "Phụ lục 4", Orientation: OrientationLandscape, Blocks: []Block{t}})
	s := "A😀B\x00C\tD\r\nE\u200bF\xffG\u4e2dH" + strings.Repeat("W", 400)
	hostile := &Document{ParentBody: s, IssuingBody: []string{s}, Number: s, PlaceDate: s, DocType: s, Subject: []string{s},
		Body: []Block{Heading{Text: s}, Paragraph{Text: s}, BulletList{Items: []ListItem{{Text: s}}},
			Table{Title: s, Unit: s, Note: s, Columns: []Column{{Header: s}, {Header: s, Kind: KindMoney}}, Rows: []TableRow{{Cells: []Cell{{Text: s}, {Text: s}}}}},
			Chart{Title: s, Categories: []string{s, s}, Series: []Series{{Name: s, Values: []float64{math.Inf(1), math.NaN()}}}, Target: new(float64), TargetLabel: s}},
		Recipients: []string{s}, Signature: Signature{Authority: s, Title: s, Name: s}}
	return map[string]*Document{
		"sample":  sampleDocument(),
		"big":     big,
		"hostile": hostile,
		"title":   {DocType: "BÁO CÁO"},
		"empty":   {},
	}
}

// TestCompressPagesSameAsFpdf: the pages compressed by compressPages give exactly the
// bytes fpdf writes when it compresses them itself.
func TestCompressPagesSameAsFpdf(t *testing.T) {
	opts := Options{Created: sampleTime, Title: "Báo cáo", Author: "vdhv"}
	p := mustDefaultProfile(t)
	for name, d := range compressDocs() {
		var want, raw, got bytes.Buffer
		if err := renderWith(&want, d, p, opts, nil, true); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := renderWith(&raw, d, p, opts, nil, false); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out, ok := compressPages(raw.Bytes())
		if !ok {
			t.Fatalf("%s: compressPages refused fpdf's uncompressed output", name)
		}
		if !bytes.Equal(out, want.Bytes()) {
			t.Fatalf("%s: compressPages gives %d bytes, fpdf %d; they differ at %d", name, len(out), want.Len(), firstDiff(out, want.Bytes()))
		}
		if err := Render(&got, d, nil, opts); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Fatalf("%s: Render differs from fpdf's compressed output", name)
		}
	}
}

func mustDefaultProfile(tb testing.TB) *Profile {
	tb.Helper()
	p, err := DefaultProfile()
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// TestCompressPagesRefuses: anything not laid out as fpdf's uncompressed output is
// refused (Render then lets fpdf compress), never misread, never a panic.
func TestCompressPagesRefuses(t *testing.T) {
	var raw bytes.Buffer
	if err := renderWith(&raw, sampleDocument(), mustDefaultProfile(t), Options{Created: sampleTime}, nil, false); err != nil {
		t.Fatal(err)
	}
	pdf := raw.Bytes()
	cut := func(s string, n int) []byte { // pdf with the n-th occurrence of s changed
		b := bytes.Clone(pdf)
		i := -1
		for k := 0; k <= n; k++ {
			j := bytes.Index(b[i+1:], []byte(s))
			if j < 0 {
				t.Fatalf("no %q", s)
			}
			i += 1 + j
		}
		b[i] ^= 0x20
		return b
	}
	cases := map[string][]byte{
		"nil":             nil,
		"truncated":       pdf[:len(pdf)-1],
		"half":            pdf[:len(pdf)/2],
		"no startxref":    cut("startxref", 0),
		"bad xref":        cut("xref\n0 ", 0),
		"bad entry":       cut(" 00000 n \n", 3),
		"bad length":      cut("<</Length ", 1),
		"bad endstream":   cut("endstream", 1),
		"bad contents":    cut("/Contents ", 0),
		"no trailer":      cut("trailer", 0),
		"garbage":         []byte("%PDF-1.4\nstartxref\n5\n%%EOF\n"),
		"startxref large": []byte("xref\n0 1\n0000000000 65535 f \ntrailer\nstartxref\n99999\n%%EOF\n"),
	}
	for name, b := range cases {
		if _, ok := compressPages(b); ok {
			t.Errorf("%s: accepted", name)
		}
	}
}

func FuzzCompressPages(f *testing.F) {
	var raw bytes.Buffer
	if err := renderWith(&raw, &Document{DocType: "BÁO CÁO", Body: []Block{Paragraph{Text: "Một"}, PageBreak{}, Paragraph{Text: "Hai"}}}, mustDefaultProfile(f), Options{}, nil, false); err != nil {
		f.Fatal(err)
	}
	f.Add(raw.Bytes())
	f.Fuzz(func(t *testing.T, b []byte) {
		compressPages(b) // must not panic
	})
}

// TestFastPathSameBytes: fastText and fastRect write what fpdf's Text and Rect write,
// and the font subsets come out the same.
func TestFastPathSameBytes(t *testing.T) {
	opts := Options{Created: sampleTime, Title: "Báo cáo", Author: "vdhv"}
	p := mustDefaultProfile(t)
	docs := compressDocs()
	// Escapes, colours and every Vietnamese letter in table cells (header fill on).
	var rows []TableRow
	for i, c := range append(vietnameseLetters(), '\\', '(', ')', '\r', 'ĉ', '\u0128', '\u0129', '\u5c28', '\u2829') {
		rows = append(rows, TableRow{Style: RowStyle(i % 3), Cells: []Cell{{Text: string(c) + "(a\\b)" + string(c)}, {Text: strconv.Itoa(i)}}})
	}
	docs["escapes"] = &Document{DocType: "BÁO CÁO (thử)", Body: []Block{Paragraph{Text: "a\\b (c) d\re"},
		Table{Title: "Bảng (1)", Columns: []Column{{Header: "Tên (đơn vị)"}, {Header: "Số", Kind: KindInteger}}, Rows: rows}}}
	for name, d := range docs {
		var fast, slow bytes.Buffer
		if err := renderWith(&fast, d, p, opts, nil, true); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		fastPath = false
		err := renderWith(&slow, d, p, opts, nil, true)
		fastPath = true
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !bytes.Equal(fast.Bytes(), slow.Bytes()) {
			t.Errorf("%s: the fast path gives %d bytes, fpdf %d; they differ at %d", name, fast.Len(), slow.Len(), firstDiff(fast.Bytes(), slow.Bytes()))
		}
	}
}

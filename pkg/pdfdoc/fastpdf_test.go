package pdfdoc

import (
	"bytes"
	"math"
	"strconv"
	"strings"
	"testing"
)

// testDocs are documents of every kind of content: text, tables over many pages,
// charts, hostile text, nothing at all.
func testDocs() map[string]*Document {
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

// TestFastPathSameBytes: fastText and fastRect write what fpdf's Text and Rect write,
// and the font subsets come out the same.
func TestFastPathSameBytes(t *testing.T) {
	opts := Options{Created: sampleTime, Title: "Báo cáo", Author: "vdhv"}
	p := mustDefaultProfile(t)
	docs := testDocs()
	// Escapes, colours and every Vietnamese letter in table cells (header fill on).
	var rows []TableRow
	for i, c := range append(vietnameseLetters(), '\\', '(', ')', '\r', 'ĉ', '\u0128', '\u0129', '\u5c28', '\u2829') {
		rows = append(rows, TableRow{Style: RowStyle(i % 3), Cells: []Cell{{Text: string(c) + "(a\\b)" + string(c)}, {Text: strconv.Itoa(i)}}})
	}
	docs["escapes"] = &Document{DocType: "BÁO CÁO (thử)", Body: []Block{Paragraph{Text: "a\\b (c) d\re"},
		Table{Title: "Bảng (1)", Columns: []Column{{Header: "Tên (đơn vị)"}, {Header: "Số", Kind: KindInteger}}, Rows: rows}}}
	for name, d := range docs {
		var fast, slow bytes.Buffer
		if err := Render(&fast, d, p, opts); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		fastPath = false
		err := Render(&slow, d, p, opts)
		fastPath = true
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !bytes.Equal(fast.Bytes(), slow.Bytes()) {
			t.Errorf("%s: the fast path gives %d bytes, fpdf %d; they differ at %d", name, fast.Len(), slow.Len(), firstDiff(fast.Bytes(), slow.Bytes()))
		}
	}
}

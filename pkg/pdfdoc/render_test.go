package pdfdoc

import (
	"bytes"
	"flag"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

var (
	update = flag.Bool("update", false, "rewrite golden files")
	outPDF = flag.String("out", "", "also write the sample PDF to this file")
)

func renderDoc(t testing.TB, d *Document, p *Profile, trace func(event)) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := render(&buf, d, p, Options{Created: sampleTime, Title: "Báo cáo", Author: "vdhv"}, trace); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func needTool(t *testing.T, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Skipf("%s not installed", name)
	}
}

// pdfTool runs a poppler tool on PDF bytes.
func pdfTool(t *testing.T, pdf []byte, tool string, args ...string) string {
	t.Helper()
	needTool(t, tool)
	f := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(f, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	args = append(args, f)
	if tool == "pdftotext" {
		args = append(args, "-")
	}
	out, err := exec.Command(tool, args...).Output()
	if err != nil {
		t.Fatalf("%s: %v", tool, err)
	}
	return string(out)
}

// pdfText is the NFC text of the PDF as pdftotext -layout sees it, lines right-trimmed.
func pdfText(t *testing.T, pdf []byte, args ...string) string {
	t.Helper()
	s := norm.NFC.String(pdfTool(t, pdf, "pdftotext", append([]string{"-layout"}, args...)...))
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

func TestSampleGoldenText(t *testing.T) {
	pdf := renderDoc(t, sampleDocument(), nil, nil)
	if *outPDF != "" {
		if err := os.WriteFile(*outPDF, pdf, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got := pdfText(t, pdf)
	golden := filepath.Join("testdata", "sample.txt")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) || i < len(wl); i++ {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("text differs from %s at line %d:\n got: %q\nwant: %q\n(run go test -update if the change is intended)", golden, i+1, g, w)
			}
		}
	}
	if strings.ContainsRune(got, '\uFFFD') {
		t.Error("sample text contains U+FFFD: a character was not rendered")
	}
}

func TestFontsEmbedded(t *testing.T) {
	out := pdfTool(t, renderDoc(t, sampleDocument(), nil, nil), "pdffonts")
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if len(lines) < 3 {
		t.Fatalf("pdffonts output too short:\n%s", out)
	}
	// Column positions from the dashes line.
	var cols [][2]int
	dash := lines[1]
	for i := 0; i < len(dash); {
		if dash[i] != '-' {
			i++
			continue
		}
		j := i
		for j < len(dash) && dash[j] == '-' {
			j++
		}
		cols = append(cols, [2]int{i, j})
		i = j
	}
	header := lines[0]
	emb := -1
	for k, c := range cols {
		if c[1] <= len(header) && strings.TrimSpace(header[c[0]:c[1]]) == "emb" {
			emb = k
		}
	}
	if emb < 0 {
		t.Fatalf("no emb column in pdffonts output:\n%s", out)
	}
	fonts := lines[2:]
	if len(fonts) != 4 {
		t.Errorf("want 4 fonts (regular, bold, italic, bold italic), got %d:\n%s", len(fonts), out)
	}
	for _, l := range fonts {
		c := cols[emb]
		if len(l) < c[1] || strings.TrimSpace(l[c[0]:c[1]]) != "yes" {
			t.Errorf("font not embedded: %q", l)
		}
	}
}

func TestDeterministic(t *testing.T) {
	d := sampleDocument()
	first := renderDoc(t, d, nil, nil)
	for i := 0; i < 3; i++ {
		if again := renderDoc(t, sampleDocument(), nil, nil); !bytes.Equal(first, again) {
			t.Fatalf("render %d differs from the first (%d vs %d bytes)", i+2, len(again), len(first))
		}
	}
	// The same instant in another zone gives the same bytes; the date is written in UTC.
	var buf bytes.Buffer
	hcm := time.FixedZone("ICT", 7*3600)
	if err := Render(&buf, d, nil, Options{Created: sampleTime.In(hcm), Title: "Báo cáo", Author: "vdhv"}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, buf.Bytes()) {
		t.Error("output depends on the time zone of Options.Created")
	}
	if !bytes.Contains(first, []byte("(D:20250805080000)")) {
		t.Error("CreationDate is not the one from Options.Created")
	}
	// No clock: the zero time is the epoch, not now.
	buf.Reset()
	if err := Render(&buf, &Document{DocType: "BÁO CÁO"}, nil, Options{}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(buf.Bytes(), []byte("(D:19700101000000)")) {
		t.Error("zero Options.Created must write 1970-01-01")
	}
}

// vietnameseLetters returns the 134 non-ASCII letters of Vietnamese.
func vietnameseLetters() []rune {
	var out []rune
	for _, b := range "aăâeêioôơuưy" {
		for _, m := range []rune{0, 0x300, 0x301, 0x309, 0x303, 0x323} {
			s := string(b)
			if m != 0 {
				s += string(m)
			}
			rs := []rune(norm.NFC.String(s))
			if len(rs) != 1 || rs[0] < 0x80 {
				continue
			}
			out = append(out, rs[0], unicode.ToUpper(rs[0]))
		}
	}
	return append(out, 'đ', 'Đ')
}

func TestVietnameseLettersRender(t *testing.T) {
	letters := vietnameseLetters()
	if len(letters) != 134 {
		t.Fatalf("expected 134 letters, built %d", len(letters))
	}
	var words []string
	for _, l := range letters {
		words = append(words, "x"+string(l)+"x")
	}
	all := strings.Join(words, " ")
	d := &Document{DocType: "BÁO CÁO", Body: []Block{
		Paragraph{Text: all},
		Paragraph{Runs: []Run{{Text: all, Bold: true}}},
		Paragraph{Runs: []Run{{Text: all, Italic: true}}},
		Paragraph{Runs: []Run{{Text: all, Bold: true, Italic: true}}},
		Paragraph{Text: norm.NFD.String(all)}, // decomposed input is recomposed
		Table{Columns: []Column{{Header: "Chữ"}}, Rows: []TableRow{{Cells: []Cell{{Text: all}}}}},
	}}
	txt := pdfText(t, renderDoc(t, d, nil, nil))
	for _, l := range letters {
		if n := strings.Count(txt, "x"+string(l)+"x"); n != 6 {
			t.Errorf("letter %q (%U): found %d times in the text, want 6", l, l, n)
		}
	}
	if strings.ContainsRune(txt, '\uFFFD') {
		t.Error("replacement character in the output")
	}
}

// TestLayoutInvariants checks, on the sample, what a reader would check by eye: rows stay
// inside the text area, never split, the header repeats on every page a table continues
// on, the wide table is landscape, the closing block is on one page.
func TestLayoutInvariants(t *testing.T) {
	var evs []event
	pdf := renderDoc(t, sampleDocument(), nil, func(e event) { evs = append(evs, e) })
	const eps = 1e-6
	headerPages := map[int]bool{}
	rowSeen := map[string]int{}
	table := 0
	lastPage := 0
	closings := 0
	for _, e := range evs {
		if e.y0 < e.top-eps || e.y1 > e.bottom+eps {
			t.Errorf("%s %d on page %d at %.1f–%.1f leaves the text area %.1f–%.1f", e.kind, e.index, e.page, e.y0, e.y1, e.top, e.bottom)
		}
		switch e.kind {
		case "header":
			if e.page == lastPage && headerPages[e.page] {
				t.Errorf("two headers on page %d", e.page)
			}
			if !headerPages[e.page] && e.page < lastPage {
				t.Errorf("header on an earlier page %d", e.page)
			}
			headerPages[e.page] = true
			lastPage = e.page
		case "row":
			if e.index == 0 {
				table++
			}
			if !headerPages[e.page] {
				t.Errorf("table %d row %d on page %d without a header on that page", table, e.index, e.page)
			}
			rowSeen[fmt.Sprint(table, "/", e.index)]++
			if table == 2 && !e.landscape {
				t.Errorf("appendix 1 row %d on a portrait page", e.index)
			}
			if table == 3 && e.landscape {
				t.Errorf("appendix 2 row %d on a landscape page", e.index)
			}
		case "closing":
			closings++
		}
	}
	if table != 3 {
		t.Fatalf("saw %d tables, want 3", table)
	}
	for k, n := range rowSeen {
		if n != 1 {
			t.Errorf("row %s drawn in %d parts", k, n)
		}
	}
	if closings != 1 {
		t.Errorf("closing block drawn %d times", closings)
	}
	// Page numbers from page 2, centred at the top; none on page 1.
	pages := strings.Split(pdfText(t, pdf), "\f")
	pages = pages[:len(pages)-1] // after the last form feed
	if len(pages) < 20 {
		t.Fatalf("only %d pages", len(pages))
	}
	for i, txt := range pages {
		p := i + 1
		first, _, _ := strings.Cut(strings.TrimSpace(txt), "\n")
		first = strings.TrimSpace(first)
		if p == 1 && first == "1" {
			t.Error("page 1 has a page number")
		}
		if p > 1 && first != strconv.Itoa(p) {
			t.Errorf("page %d starts with %q, want its number", p, first)
		}
	}
}

// TestClosingKeepsBodyLines: the signature never stands alone on a page; the last lines of
// the body go with it.
func TestClosingKeepsBodyLines(t *testing.T) {
	long := strings.Repeat("Nội dung báo cáo kết quả thực hiện Cuộc vận động trong Khối. ", 8)
	line := "Thêm một dòng nội dung để đẩy đoạn cuối xuống dưới trang. "
	// Each case adds about one line, moving the end of the body through a whole page.
	for extra := 0; extra < 40; extra += 3 {
		d := &Document{DocType: "BÁO CÁO", Recipients: []string{"Như trên,", "Lưu VP."},
			Signature: Signature{Authority: "T/M BAN CHỈ ĐẠO", Title: "TRƯỞNG BAN", Name: "Nguyễn Văn A"}}
		d.Body = append(d.Body, Paragraph{Text: strings.Repeat(line, extra)})
		for i := 0; i < 5; i++ {
			d.Body = append(d.Body, Paragraph{Text: long})
		}
		d.Body = append(d.Body, Paragraph{Text: "Đoạn cuối cùng của báo cáo."})
		var closing event
		pdf := renderDoc(t, d, nil, func(e event) {
			if e.kind == "closing" {
				closing = e
			}
		})
		pages := strings.Split(pdfText(t, pdf), "\f")
		if closing.page < 1 || closing.page > len(pages) {
			t.Fatalf("closing block on page %d of %d", closing.page, len(pages))
		}
		if !strings.Contains(pages[closing.page-1], "Đoạn cuối cùng của báo cáo.") {
			t.Fatalf("case %d: the closing block is on page %d without the last paragraph", extra, closing.page)
		}
	}
}

// TestHeadingKeepsWithNext: a heading is never the last thing on its page.
func TestHeadingKeepsWithNext(t *testing.T) {
	para := Paragraph{Text: strings.Repeat("Nội dung đoạn văn của báo cáo để lấp đầy trang. ", 6)}
	cols := []Column{{Header: "Đơn vị"}, {Header: "Số", Kind: KindInteger}}
	tbl := Table{Title: "Bảng", Columns: cols, Rows: []TableRow{{Cells: []Cell{{Text: "A"}, {Text: "1"}}}}}
	for shift := 0; shift < 40; shift += 2 {
		d := &Document{DocType: "BÁO CÁO", Body: []Block{Paragraph{Text: strings.Repeat("Thêm chữ. ", shift*8)}}}
		for i := 0; i < 6; i++ {
			d.Body = append(d.Body, Heading{Level: 1, Text: "I. MỤC LỚN"}, Heading{Level: 2, Text: "1. Mục nhỏ"}, para, Heading{Level: 2, Text: "2. Bảng"}, tbl, para)
		}
		var evs []event
		renderDoc(t, d, nil, func(e event) { evs = append(evs, e) })
		for i, e := range evs {
			if e.kind != "heading" {
				continue
			}
			j := i + 1
			for j < len(evs) && (evs[j].kind == "line" && evs[j].y0 < e.y1) {
				j++ // the heading's own lines
			}
			if j >= len(evs) || evs[j].page != e.page {
				t.Fatalf("shift %d: heading (block %d) ends page %d", shift, e.index, e.page)
			}
		}
	}
}

func TestRenderErrors(t *testing.T) {
	bad, _ := DefaultProfile()
	bad.Body.Text.SizePt = 0
	noFont, _ := DefaultProfile()
	noFont.Fonts.Bold = "fonts/missing.ttf"
	notFont, _ := DefaultProfile()
	notFont.Fonts.Italic = "layout/36-HD-VPTW.yaml"
	cols := []Column{{Header: "A"}, {Header: "B"}}
	tests := []struct {
		name string
		d    *Document
		p    *Profile
		want string
	}{
		{"nil document", nil, nil, "nil document"},
		{"invalid profile", &Document{}, bad, "body.text.size_pt"},
		{"missing font", &Document{}, noFont, "missing.ttf"},
		{"not a font", &Document{}, notFont, "36-HD-VPTW.yaml"},
		{"no columns", &Document{Body: []Block{Table{Title: "T"}}}, nil, "không có cột"},
		{"too many cells", &Document{Body: []Block{Table{Columns: cols, Rows: []TableRow{{Cells: []Cell{{}, {}, {}}}}}}}, nil, "more cells than columns"},
		{"span too wide", &Document{Body: []Block{Table{Columns: cols, Rows: []TableRow{{Cells: []Cell{{}, {Span: 2}}}}}}}, nil, "more cells than columns"},
		{"bad weight", &Document{Body: []Block{Table{Columns: []Column{{Weight: math.NaN()}}}}}, nil, "Weight"},
		{"indent column", &Document{Body: []Block{Table{Columns: cols, IndentColumn: 2}}}, nil, "IndentColumn"},
		{"header gap", &Document{Body: []Block{Table{Columns: cols, HeaderRows: [][]HeaderCell{{{Text: "A"}}}}}}, nil, "does not cover"},
		{"header overflow", &Document{Body: []Block{Table{Columns: cols, HeaderRows: [][]HeaderCell{{{Text: "A", ColSpan: 3}}}}}}, nil, "out of the table"},
		{"header overlap", &Document{Body: []Block{Table{Columns: cols, HeaderRows: [][]HeaderCell{{{Text: "A", RowSpan: 2}, {Text: "B"}}, {{Text: "C"}, {Text: "D"}}}}}}, nil, "out of the table"},
		{"header rowspan", &Document{Body: []Block{Table{Columns: cols, HeaderRows: [][]HeaderCell{{{Text: "A", RowSpan: 3}, {Text: "B"}}}}}}, nil, "out of the table"},
		{"bad level", &Document{Body: []Block{Table{Columns: cols, Rows: []TableRow{{Level: -1}}}}}, nil, "Level"},
		{"error in appendix", &Document{Appendices: []Appendix{{Blocks: []Block{Table{}}}}}, nil, "appendix 1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := Render(&bytes.Buffer{}, tc.d, tc.p, Options{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got error %v, want one containing %q", err, tc.want)
			}
		})
	}
}

type otherBlock struct{ Paragraph }

func TestRenderUnsupportedBlock(t *testing.T) {
	err := Render(&bytes.Buffer{}, &Document{Body: []Block{otherBlock{}}}, nil, Options{})
	if err == nil || !strings.Contains(err.Error(), "unsupported block") {
		t.Fatalf("got %v", err)
	}
}

// TestHostileText: text that fpdf cannot handle on its own (astral characters, controls,
// invalid UTF-8, missing glyphs) renders without error, and what can be shown is shown.
func TestHostileText(t *testing.T) {
	s := "A😀B\x00C\tD\r\nE\u200bF\xffG\u4e2dH" + strings.Repeat("W", 400)
	d := &Document{ParentBody: s, IssuingBody: []string{s}, Number: s, PlaceDate: s, DocType: s, Subject: []string{s},
		Body: []Block{Heading{Text: s}, Paragraph{Text: s}, BulletList{Items: []ListItem{{Text: s}}},
			Table{Title: s, Unit: s, Note: s, Columns: []Column{{Header: s}, {Header: s, Kind: KindMoney}}, Rows: []TableRow{{Cells: []Cell{{Text: s}, {Text: s}}}}},
			Chart{Title: s, Categories: []string{s, s}, Series: []Series{{Name: s, Values: []float64{math.Inf(1), math.NaN()}}}, Target: new(float64), TargetLabel: s}},
		Recipients: []string{s}, Signature: Signature{Authority: s, Title: s, Name: s}}
	txt := pdfText(t, renderDoc(t, d, nil, nil))
	for _, want := range []string{"A", "B", "C", "D", "E", "G", "H"} {
		if !strings.Contains(txt, want) {
			t.Errorf("%q missing from the output", want)
		}
	}
}

func BenchmarkRender2000Rows(b *testing.B) {
	d := sampleDocument()
	t := Table{Title: "Bảng lớn", Columns: d.Appendices[1].Blocks[0].(Table).Columns}
	src := d.Appendices[1].Blocks[0].(Table).Rows
	for i := 0; i < 2000; i++ {
		t.Rows = append(t.Rows, src[i%len(src)])
	}
	d.Appendices = append(d.Appendices, Appendix{Title: "Phụ lục 4", Blocks: []Block{t}})
	p, err := DefaultProfile()
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := Render(&buf, d, p, Options{Created: sampleTime}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes/pdf")
}

package pdfdoc

import (
	"bytes"
	"io/fs"
	"math"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/vdhv/vdhv/templates"
)

func TestFormatValueVN(t *testing.T) {
	tests := []struct {
		v    float64
		f    ValueFormat
		d    int
		want string
	}{
		{0, FormatNumber, 0, "0"},
		{999, FormatNumber, 0, "999"},
		{1000, FormatNumber, 0, "1.000"},
		{1234567, FormatMoney, 0, "1.234.567"},
		{-1234567.891, FormatNumber, 2, "-1.234.567,89"},
		{12.5, FormatNumber, 1, "12,5"},
		{0.125, FormatPercent, 1, "12,5%"},
		{0.8, FormatPercent, 0, "80%"},
		{1, FormatPercent, 0, "100%"},
		{-0.0001, FormatNumber, 0, "0"},
		{math.NaN(), FormatNumber, 0, ""},
		{math.Inf(1), FormatPercent, 0, ""},
		{5, FormatNumber, -3, "5"},
	}
	for _, tc := range tests {
		if got := FormatValueVN(tc.v, tc.f, tc.d); got != tc.want {
			t.Errorf("FormatValueVN(%v, %v, %d) = %q, want %q", tc.v, tc.f, tc.d, got, tc.want)
		}
	}
}

func TestScales(t *testing.T) {
	tests := []struct {
		lo, hi         float64
		f              ValueFormat
		wlo, whi, step float64
		dec            int
	}{
		{150000, 314000, FormatMoney, 0, 400000, 100000, 0},
		{0.55, 1, FormatPercent, 0, 1, 0.2, 0},
		{0.1, 0.35, FormatPercent, 0, 0.4, 0.1, 0},
		{0.001, 0.0042, FormatPercent, 0, 0.005, 0.001, 1},
		{-20, 75, FormatNumber, -20, 80, 20, 0},
		{0, 0, FormatNumber, 0, 1, 0.2, 1},
		{math.NaN(), 3, FormatNumber, 0, 1, 0.2, 1},
		{2, 2.6, FormatNumber, 0, 3, 1, 0},
		{0.02, 0.093, FormatPercent, 0, 0.1, 0.02, 0},
		{0.7, 0.95, FormatPercent, 0, 1, 0.2, 0},
	}
	for _, tc := range tests {
		s := makeScale(tc.lo, tc.hi, 5, tc.f)
		if math.Abs(s.lo-tc.wlo) > 1e-9 || math.Abs(s.hi-tc.whi) > 1e-9 || math.Abs(s.step-tc.step) > 1e-9 || s.decimals != tc.dec {
			t.Errorf("makeScale(%v, %v) = [%v, %v] step %v dec %d; want [%v, %v] step %v dec %d",
				tc.lo, tc.hi, s.lo, s.hi, s.step, s.decimals, tc.wlo, tc.whi, tc.step, tc.dec)
		}
		if len(s.ticks()) < 2 || s.ticks()[0] > math.Min(tc.lo, 0) && !math.IsNaN(tc.lo) {
			t.Errorf("ticks %v do not cover %v", s.ticks(), tc.lo)
		}
	}
	for _, k := range []int{1, 3, 4, 5, 8} {
		for _, hi := range []float64{1, 7, 140, 999, 123456} {
			s := alignedScale(0, hi, k, FormatNumber)
			if n := len(s.ticks()) - 1; n != k || s.hi < hi {
				t.Errorf("alignedScale(0, %v, %d) = [%v, %v] step %v: %d intervals", hi, k, s.lo, s.hi, s.step, n)
			}
		}
	}
}

func TestAllocate(t *testing.T) {
	tests := []struct {
		name     string
		W        float64
		minW, wt []float64
		want     []float64
	}{
		{"by weight", 100, []float64{10, 10}, []float64{1, 3}, []float64{25, 75}},
		{"minimum wins", 100, []float64{40, 10}, []float64{1, 9}, []float64{40, 60}},
		{"too narrow scales", 50, []float64{40, 60}, []float64{1, 1}, []float64{20, 30}},
		{"zero weights", 90, []float64{10, 10, 10}, []float64{0, 0, 0}, []float64{30, 30, 30}},
		{"cascade", 100, []float64{30, 30, 5}, []float64{1, 1, 8}, []float64{30, 30, 40}},
	}
	for _, tc := range tests {
		got := allocate(tc.W, tc.minW, tc.wt)
		for i := range got {
			if math.Abs(got[i]-tc.want[i]) > 1e-6 {
				t.Errorf("%s: allocate = %v, want %v", tc.name, got, tc.want)
				break
			}
		}
	}
}

func testRenderer(t testing.TB) *renderer {
	t.Helper()
	p, err := DefaultProfile()
	if err != nil {
		t.Fatal(err)
	}
	r, err := newRenderer(p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	r.newPage(false)
	return r
}

func TestClean(t *testing.T) {
	r := testRenderer(t)
	tests := []struct{ in, want string }{
		{"Việt Nam", "Việt Nam"},
		{norm.NFD.String("Nguyễn Thị Ánh"), "Nguyễn Thị Ánh"},
		{"a\tb\x00c", "a b c"},
		{"a\r\nb\rc\nd", "a\nb\nc\nd"},
		{"x😀y", "x" + r.repl + "y"},
		{"x\u2060y", "xy"}, // word joiner: invisible and not in the font
		{"x\u4e2dy", "x" + r.repl + "y"},
		{"x\xffy", "x" + r.repl + "y"},
		{"x\u0085y", "x y"},
		{"“trích” – 12,5%", "“trích” – 12,5%"},
	}
	for _, tc := range tests {
		if got := r.clean(tc.in, true); got != tc.want {
			t.Errorf("clean(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := r.clean("a\nb", false); got != "a b" {
		t.Errorf("single-line clean kept a newline: %q", got)
	}
}

func TestCoverage(t *testing.T) {
	for _, name := range []string{"Regular", "Bold", "Italic", "BoldItalic"} {
		b, err := fs.ReadFile(templates.FS, "fonts/LiberationSerif-"+name+".ttf")
		if err != nil {
			t.Fatal(err)
		}
		c, err := parseCoverage(b)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range append(vietnameseLetters(), 'A', '0', '%', '“', '”', '–', '…', '*') {
			if !c.has(r) {
				t.Errorf("%s: %q not covered", name, r)
			}
		}
		for _, r := range []rune{0x4E2D, 0x1F600, -1, 0x10FFFF} {
			if c.has(r) {
				t.Errorf("%s: %U should not be covered", name, r)
			}
		}
	}
	for _, bad := range [][]byte{nil, []byte("OTTO"), bytes.Repeat([]byte{0xFF}, 64), make([]byte, 12)} {
		if _, err := parseCoverage(bad); err == nil {
			t.Errorf("parseCoverage(%x) accepted garbage", bad)
		}
	}
}

func TestBreakLines(t *testing.T) {
	r := testRenderer(t)
	st := mkStyle(r.p.Body.Text)
	ws := r.words([]srun{{text: "  một   hai\nba  ", fs: st.fs}}, st.size)
	var got []string
	for _, w := range ws {
		if w.brk {
			got = append(got, "⏎")
			continue
		}
		got = append(got, w.pieces[0].text)
	}
	if strings.Join(got, "|") != "một|hai|⏎|ba" {
		t.Errorf("words = %v", got)
	}
	lines := r.breakLines(ws, st.size, 200, 0, 0)
	if len(lines) != 2 || !lines[0].last || !lines[1].last {
		t.Errorf("forced break: %d lines", len(lines))
	}
	// A word wider than the line is cut between characters, and nothing is lost.
	long := strings.Repeat("Đ", 60)
	ws = r.words([]srun{{text: long + " x", fs: st.fs}}, st.size)
	lines = r.breakLines(ws, st.size, 30, 5, 0)
	var all strings.Builder
	for i, l := range lines {
		if l.w > 30-l.indent+1e-6 {
			t.Errorf("line %d is %.1f mm wide, more than %.1f", i, l.w, 30-l.indent)
		}
		for _, w := range l.words {
			for _, p := range w.pieces {
				all.WriteString(p.text)
			}
		}
	}
	if all.String() != long+"x" || len(lines) < 6 {
		t.Errorf("cut word lost text or did not wrap: %q in %d lines", all.String(), len(lines))
	}
	// The input is not modified: breaking again gives the same lines.
	again := r.breakLines(ws, st.size, 30, 5, 0)
	if len(again) != len(lines) {
		t.Errorf("breakLines modified its input: %d then %d lines", len(lines), len(again))
	}
	// Mixed styles inside a word stay one word.
	ws = r.words([]srun{{text: "12", fs: fontStyle{bold: true}}, {text: "%, và", fs: fontStyle{}}}, st.size)
	if len(ws) != 2 || len(ws[0].pieces) != 2 {
		t.Errorf("styled word split wrongly: %+v", ws)
	}
}

// FuzzParseCoverage: the cmap reader must never panic on a malformed font.
func FuzzParseCoverage(f *testing.F) {
	b, _ := fs.ReadFile(templates.FS, "fonts/LiberationSerif-Regular.ttf")
	f.Add(b[:4096])
	f.Add([]byte("\x00\x01\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00cmap\x00\x00\x00\x00\x00\x00\x00\x1c\x00\x00\x00\x00"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := parseCoverage(b)
		if err == nil && c == nil {
			t.Fatal("nil coverage without error")
		}
	})
}

// FuzzRenderText: any text anywhere renders without error and without panic.
func FuzzRenderText(f *testing.F) {
	f.Add("Hải Đông, ngày 05 tháng 8 năm 2025", 1.5, 2)
	f.Add("x😀\x00\xff\u200b\r\n"+strings.Repeat("W", 300), math.NaN(), 0)
	f.Add(norm.NFD.String("Nguyễn Thị Ánh"), -1e308, 40)
	f.Fuzz(func(t *testing.T, s string, v float64, n int) {
		n = min(max(n, 0), 50)
		cats := make([]string, n)
		vals := make([]float64, n)
		for i := range cats {
			cats[i] = s
			vals[i] = v * float64(i)
		}
		d := &Document{ParentBody: s, IssuingBody: []string{s}, Number: s, PlaceDate: s, DocType: s, Subject: []string{s},
			Body: []Block{Heading{Level: n, Text: s}, Paragraph{Runs: []Run{{Text: s, Bold: true}, {Text: s, Underline: true}}},
				BulletList{Items: []ListItem{{Text: s}}},
				Table{Title: s, Columns: []Column{{Header: s}, {Header: s, Kind: KindPercent}},
					Rows: []TableRow{{Level: n % 21, Style: RowTotal, Cells: []Cell{{Text: s, Span: 2}}}, {Cells: []Cell{{Text: s}, {Text: s}}}}},
				Chart{Kind: ChartBarTarget, Title: s, Categories: cats, Series: []Series{{Name: s, Values: vals}}, Target: &v, TargetLabel: s},
				Chart{Kind: ChartTrend, Categories: cats, Series: []Series{{Values: vals}, {Values: vals, Axis: AxisRight, Type: SeriesLine}}}},
			Recipients: []string{s}, Signature: Signature{Authority: s, Title: s, Name: s},
			Appendices: []Appendix{{Title: s, Blocks: []Block{Paragraph{Text: s}}}}}
		if err := Render(&bytes.Buffer{}, d, nil, Options{Title: s, Author: s}); err != nil {
			t.Fatal(err)
		}
	})
}

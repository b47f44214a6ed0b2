package fpdf_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	upstream "codeberg.org/go-pdf/fpdf"

	"github.com/vdhv/vdhv/pkg/pdfdoc/internal/fpdf"
)

// api is what pdfdoc uses of fpdf, in types both packages share.
type api interface {
	SetCatalogSort(bool)
	SetCreationDate(time.Time)
	SetModificationDate(time.Time)
	SetCompression(bool)
	SetAutoPageBreak(bool, float64)
	SetCellMargin(float64)
	SetLang(string)
	SetProducer(string, bool)
	SetTitle(string, bool)
	SetAuthor(string, bool)
	SetSubject(string, bool)
	AddUTF8FontFromBytes(string, string, []byte)
	SetFont(string, string, float64)
	GetStringWidth(string) float64
	Text(float64, float64, string)
	RawWriteStr(string)
	Line(float64, float64, float64, float64)
	Rect(float64, float64, float64, float64, string)
	Circle(float64, float64, float64, string)
	SetLineWidth(float64)
	SetDashPattern([]float64, float64)
	SetDrawColor(int, int, int)
	SetFillColor(int, int, int)
	SetTextColor(int, int, int)
	PageNo() int
	Output(w interface{ Write([]byte) (int, error) }) error
	Error() error
}

// The two packages' Output take io.Writer; wrap them so that one interface fits both.
type ours struct{ *fpdf.Fpdf }
type theirs struct{ *upstream.Fpdf }

func (p ours) Output(w interface{ Write([]byte) (int, error) }) error   { return p.Fpdf.Output(w) }
func (p theirs) Output(w interface{ Write([]byte) (int, error) }) error { return p.Fpdf.Output(w) }

// script draws a document of many pages with everything pdfdoc uses.
func script(t *testing.T, p api, addPage func(landscape bool)) []byte {
	t.Helper()
	at := time.Date(2025, 8, 5, 8, 0, 0, 0, time.UTC)
	p.SetCatalogSort(true)
	p.SetCreationDate(at)
	p.SetModificationDate(at)
	p.SetCompression(true)
	p.SetAutoPageBreak(false, 0)
	p.SetCellMargin(0)
	p.SetLang("vi-VN")
	p.SetProducer("vdhv pdfdoc (go-pdf/fpdf)", true)
	p.SetTitle("BÁO CÁO kết quả", true)
	p.SetAuthor("Ban Chỉ đạo", true)
	p.SetSubject("Cuộc vận động", true)
	dir := filepath.Join("..", "..", "..", "..", "templates", "fonts")
	for _, f := range []struct{ style, file string }{{"", "LiberationSerif-Regular.ttf"}, {"B", "LiberationSerif-Bold.ttf"},
		{"I", "LiberationSerif-Italic.ttf"}, {"BI", "LiberationSerif-BoldItalic.ttf"}} {
		b, err := os.ReadFile(filepath.Join(dir, f.file))
		if err != nil {
			t.Fatal(err)
		}
		p.AddUTF8FontFromBytes("body", f.style, b)
	}
	texts := []string{"Đảng bộ Khối Doanh nghiệp", "BÁO CÁO (kết quả) \\ 12,5%", "Người Việt Nam ưu tiên dùng hàng Việt Nam",
		"1.234.567", "ắằẳẵặ ỡợờởớ ữựừửứ ỹỵỳỷý", "tab\tand\rreturn", "–", "…"}
	for pg := 0; pg < 120; pg++ {
		addPage(pg%3 == 2)
		for i := 0; i < 40; i++ {
			style := []string{"", "B", "I", "BI"}[(pg+i)%4]
			p.SetFont("body", style, 9+float64(i%3))
			s := texts[(pg*7+i)%len(texts)] + " " + strconv.Itoa(pg*100+i)
			x, y := 20+float64(i%5)*30, 20+float64(i)*6
			p.Text(x, y, s)
			p.Text(x, y+1, string(rune(0x1EA0+(pg+i)%90))) // new runes keep arriving
			p.SetLineWidth(0.1 + float64(i%4)*0.1)
			p.Rect(x, y-4, p.GetStringWidth(s), 5, []string{"D", "FD", "F"}[i%3])
			p.Line(x, y+1.5, x+40, y+1.5)
			if i%7 == 0 {
				p.SetFillColor(217, 225, 242)
				p.SetTextColor(200, 0, 0)
				p.SetDrawColor(128, 128, 128)
				p.SetDashPattern([]float64{1, 0.5}, 0)
				p.Circle(x+5, y, 1.5, "F")
				p.RawWriteStr("q 0.000 g BT 10.00 10.00 Td (x) Tj ET Q")
				p.SetDashPattern(nil, 0)
				p.SetTextColor(0, 0, 0)
			}
		}
	}
	var buf bytes.Buffer
	if err := p.Output(&buf); err != nil {
		t.Fatal(err)
	}
	if err := p.Error(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestSameAsUpstream: this copy of fpdf v0.12.0 (with vdhv's patches, see README.md)
// writes exactly what codeberg.org/go-pdf/fpdf v0.12.0 writes.
func TestSameAsUpstream(t *testing.T) {
	a := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", Size: fpdf.SizeType{Wd: 210, Ht: 297}})
	b := upstream.NewCustom(&upstream.InitType{OrientationStr: "P", UnitStr: "mm", Size: upstream.SizeType{Wd: 210, Ht: 297}})
	got := script(t, ours{a}, func(land bool) {
		o := map[bool]string{false: "P", true: "L"}[land]
		a.AddPageFormat(o, fpdf.SizeType{Wd: 210, Ht: 297})
	})
	want := script(t, theirs{b}, func(land bool) {
		o := map[bool]string{false: "P", true: "L"}[land]
		b.AddPageFormat(o, upstream.SizeType{Wd: 210, Ht: 297})
	})
	if !bytes.Equal(got, want) {
		i := 0
		for i < min(len(got), len(want)) && got[i] == want[i] {
			i++
		}
		t.Fatalf("output differs from upstream fpdf at byte %d (%d vs %d bytes)", i, len(got), len(want))
	}
	if len(got) < 100_000 {
		t.Fatalf("only %d bytes: the script drew less than expected", len(got))
	}
}

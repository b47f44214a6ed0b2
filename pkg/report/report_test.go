package report

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

	"github.com/vdhv/vdhv/pkg/aggregate"
	"github.com/vdhv/vdhv/pkg/engine"
	"github.com/vdhv/vdhv/pkg/pdfdoc"
	"github.com/vdhv/vdhv/pkg/vnfmt"
	"github.com/vdhv/vdhv/pkg/workspace"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// The test workspace is built once (writing 144 workbooks takes a few seconds).
var (
	fixtureOnce sync.Once
	fixtureWS   *workspace.Workspace
	fixtureDir  string
	fixtureErr  error
)

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	if fixtureDir != "" {
		os.RemoveAll(fixtureDir)
	}
	os.Exit(code)
}

// sharedWorkspace returns the test workspace, built on first use.
func sharedWorkspace(t testing.TB) *workspace.Workspace {
	t.Helper()
	fixtureOnce.Do(func() {
		dir, err := os.MkdirTemp("", "vdhv-report-test-")
		if err != nil {
			fixtureErr = err
			return
		}
		fixtureDir = dir
		ft := &fixtureT{dir: dir}
		func() {
			defer func() {
				if r := recover(); r != nil && r != errFixture {
					panic(r)
				}
			}()
			fixtureWS = makeWorkspace(ft)
		}()
		fixtureErr = ft.err
	})
	if fixtureErr != nil {
		t.Fatal(fixtureErr)
	}
	return fixtureWS
}

// fixtureT lets makeWorkspace run outside a test (once for all of them).
type fixtureT struct {
	testing.TB
	dir string
	err error
}

var errFixture = fmt.Errorf("fixture failed")

func (f *fixtureT) Helper()         {}
func (f *fixtureT) TempDir() string { return f.dir }
func (f *fixtureT) Fatal(args ...any) {
	f.err = fmt.Errorf("%s", fmt.Sprint(args...))
	panic(errFixture)
}
func (f *fixtureT) Fatalf(format string, args ...any) {
	f.err = fmt.Errorf(format, args...)
	panic(errFixture)
}

func loadTestText(t testing.TB, name string) *TextFile {
	t.Helper()
	tf, ok, err := LoadText(filepath.Join("testdata", name))
	if err != nil || !ok {
		t.Fatalf("LoadText(%s) = %v, %v", name, ok, err)
	}
	return tf
}

// buildFixture runs the engine for period s and builds the report with the test text.
func buildFixture(t testing.TB, s string) (*engine.Outcome, *TextFile, []byte, []byte) {
	t.Helper()
	ws := sharedWorkspace(t)
	out := runFixture(t, ws, s)
	tf := loadTestText(t, "text-"+s+".yaml")
	doc, set, err := Build(out, tf, ws.Config, nil, "vi")
	if err != nil {
		t.Fatal(err)
	}
	var pdf, xlsx bytes.Buffer
	if err := RenderPDF(&pdf, doc, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := RenderXLSX(&xlsx, doc, set, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	return out, tf, pdf.Bytes(), xlsx.Bytes()
}

func needTool(t *testing.T, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Skipf("%s is not installed (poppler-utils)", name)
	}
}

// pdfText runs pdftotext on a PDF and returns its text, NFC-normalised.
func pdfText(t *testing.T, pdf []byte, layout bool) string {
	t.Helper()
	needTool(t, "pdftotext")
	path := filepath.Join(t.TempDir(), "r.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"-enc", "UTF-8"}
	if layout {
		args = append(args, "-layout")
	}
	b, err := exec.Command("pdftotext", append(args, path, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return norm.NFC.String(string(b))
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./pkg/report -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) || i < len(wl); i++ {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("%s differs from the golden file at line %d:\n got: %q\nwant: %q\n(run go test ./pkg/report -update if the change is intended)", name, i+1, g, w)
			}
		}
	}
}

// TestGoldenPDFText compares the text of both reports (pdftotext -layout, NFC) with
// golden files, and checks that every font is embedded.
func TestGoldenPDFText(t *testing.T) {
	for _, s := range []string{"2025-H1", "2025"} {
		t.Run(s, func(t *testing.T) {
			_, _, pdf, _ := buildFixture(t, s)
			text := pdfText(t, pdf, true)
			golden(t, "bao-cao-"+s+".txt", []byte(text))
			if strings.ContainsRune(text, '\uFFFD') {
				t.Error("the text holds U+FFFD: a character had no glyph")
			}
			checkFontsEmbedded(t, pdf)
		})
	}
}

func checkFontsEmbedded(t *testing.T, pdf []byte) {
	t.Helper()
	needTool(t, "pdffonts")
	path := filepath.Join(t.TempDir(), "f.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := exec.Command("pdffonts", path).Output()
	if err != nil {
		t.Fatalf("pdffonts: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) < 3 {
		t.Fatalf("pdffonts lists no font:\n%s", b)
	}
	// Columns: name type encoding emb sub uni object ID; "emb" is the third field from
	// the right of "yes/no yes/no yes/no N 0".
	for _, l := range lines[2:] {
		f := strings.Fields(l)
		if len(f) < 6 || f[len(f)-5] != "yes" {
			t.Errorf("font not embedded: %s", l)
		}
	}
}

// TestGoldenXLSX compares a dump of the workbook's cells with golden files.
func TestGoldenXLSX(t *testing.T) {
	for _, s := range []string{"2025-H1", "2025"} {
		t.Run(s, func(t *testing.T) {
			_, _, _, x := buildFixture(t, s)
			golden(t, "bao-cao-"+s+".xlsx.txt", []byte(dumpXLSX(t, x)))
		})
	}
}

// dumpXLSX writes every sheet: frozen panes, then one line per non-empty cell with its
// type, raw value and number format, and the outline level of grouped rows.
func dumpXLSX(t *testing.T, data []byte) string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b strings.Builder
	props, _ := f.GetDocProps()
	if props != nil {
		fmt.Fprintf(&b, "title=%q created=%s\n", props.Title, props.Created)
	}
	for _, sh := range f.GetSheetList() {
		fmt.Fprintf(&b, "== %s\n", sh)
		if p, err := f.GetPanes(sh); err == nil && p.Freeze {
			fmt.Fprintf(&b, "freeze %s\n", p.TopLeftCell)
		}
		rows, err := f.GetRows(sh, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			if lvl, _ := f.GetRowOutlineLevel(sh, r+1); lvl > 0 {
				fmt.Fprintf(&b, "row %d outline %d\n", r+1, lvl)
			}
			for c, v := range row {
				if v == "" {
					continue
				}
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				typ, _ := f.GetCellType(sh, ref)
				formula, _ := f.GetCellFormula(sh, ref)
				fmtCode := ""
				if id, err := f.GetCellStyle(sh, ref); err == nil {
					if st, err := f.GetStyle(id); err == nil && st != nil {
						if st.CustomNumFmt != nil {
							fmtCode = *st.CustomNumFmt
						} else if st.NumFmt != 0 {
							fmtCode = fmt.Sprint(st.NumFmt)
						}
					}
				}
				fmt.Fprintf(&b, "%s %s %q", ref, typeName(typ), v)
				if fmtCode != "" {
					fmt.Fprintf(&b, " fmt=%s", fmtCode)
				}
				if formula != "" {
					fmt.Fprintf(&b, " FORMULA=%q", formula)
				}
				b.WriteByte('\n')
			}
		}
	}
	return b.String()
}

func typeName(t excelize.CellType) string {
	switch t {
	case excelize.CellTypeNumber, excelize.CellTypeUnset:
		return "n"
	case excelize.CellTypeSharedString, excelize.CellTypeInlineString:
		return "s"
	case excelize.CellTypeBool:
		return "b"
	case excelize.CellTypeFormula:
		return "f"
	}
	return fmt.Sprint(int(t))
}

// TestNoFormulas: text from submissions is never written as a formula.
func TestNoFormulas(t *testing.T) {
	_, _, _, x := buildFixture(t, "2025-H1")
	if d := dumpXLSX(t, x); strings.Contains(d, "FORMULA=") {
		t.Error("the workbook holds a formula")
	}
}

// sectionI returns the text of section I (pdftotext without layout, page numbers removed,
// white space collapsed).
func sectionI(t *testing.T, pdf []byte) string {
	t.Helper()
	raw := pdfText(t, pdf, false)
	var keep []string
	for _, l := range strings.Split(raw, "\n") {
		l = strings.Trim(l, "\f ")
		if regexp.MustCompile(`^[0-9]+$`).MatchString(l) {
			continue // a page number
		}
		keep = append(keep, l)
	}
	text := strings.Join(strings.Fields(strings.Join(keep, " ")), " ")
	start := strings.Index(text, "I. KẾT QUẢ THỰC HIỆN")
	end := strings.Index(text, "II. HẠN CHẾ, NGUYÊN NHÂN")
	if start < 0 || end < start {
		t.Fatalf("section I not found in:\n%s", text)
	}
	return text[start:end]
}

// TestFiguresMatchAggregateJSON: every figure of section I is the figure of aggregate.json
// (the Result written as JSON and read back), written the Vietnamese way.
func TestFiguresMatchAggregateJSON(t *testing.T) {
	for _, s := range []string{"2025-H1", "2025"} {
		t.Run(s, func(t *testing.T) {
			out, _, pdf, _ := buildFixture(t, s)
			var js bytes.Buffer
			if err := out.Result.WriteJSON(&js); err != nil {
				t.Fatal(err)
			}
			res, err := aggregate.ReadJSON(&js)
			if err != nil {
				t.Fatal(err)
			}
			root := res.Unit(res.Bloc)
			if root == nil {
				t.Fatal("no root in aggregate.json")
			}
			text := sectionI(t, pdf)
			n := func(v int64) string { return vnfmt.Int(v, false) }
			a, p, c, r := root.Agreements, root.Procurement, root.Checks, root.Reporting
			dom, _ := p.DomesticShare()
			inb, _ := p.InBlocShare()
			want := []string{
				n(a.InForce) + " thỏa thuận hợp tác",
				n(a.New) + " thỏa thuận ký mới",
				n(a.InBloc) + " thỏa thuận giữa các đơn vị trong Khối",
				n(a.InForce-a.InBloc) + " thỏa thuận với đơn vị ngoài Khối",
				n(a.Contracts) + " hợp đồng",
				"khoảng " + vnfmt.Money(int64(a.ContractValue), false),
				"đạt " + vnfmt.Money(int64(a.Delivered), false),
				"là " + vnfmt.Money(int64(p.Total), false),
				"trong nước " + vnfmt.Money(int64(p.Domestic), false) + ", chiếm " + vnfmt.Percent(dom, true, 1, false),
				"trong Khối " + vnfmt.Money(int64(p.InBloc), false) + ", chiếm " + vnfmt.Percent(inb, true, 1, false),
				n(c.Total) + " cuộc kiểm tra, giám sát",
				n(c.InProgramme) + " cuộc (" + vnfmt.Percent(float64(c.InProgramme)/float64(c.Total), true, 1, false) + ")",
				n(c.Recommendations) + " kiến nghị",
				"khắc phục " + n(c.Remedied) + " kiến nghị",
				n(r.Expected) + " lượt báo cáo quý",
				"nhận " + n(r.OnTime+r.Late) + " lượt báo cáo",
				n(r.OnTime) + " lượt đúng hạn",
				n(r.Late) + " lượt muộn",
				n(r.Missing) + " lượt chưa báo cáo",
				n(r.Invalid) + " lượt báo cáo có lỗi",
				n(int64(len(out.Result.InBlocUnits))) + "/",
			}
			for _, k := range c.ByKind {
				if k.N > 0 {
					want = append(want, n(k.N)+" cuộc "+strings.ToLower(k.Key[:1])+k.Key[1:])
				}
			}
			for _, cat := range p.ByCategory {
				if cat.Total > 0 {
					sh, _ := cat.DomesticShare()
					want = append(want, cat.Category+": "+vnfmt.Money(int64(cat.Total), false)+", hàng trong nước chiếm "+vnfmt.Percent(sh, true, 1, false))
				}
			}
			acts := map[string]string{
				"Hội nghị, buổi tuyên truyền, quán triệt":                " hội nghị, buổi tuyên truyền, quán triệt",
				"Lượt người tham dự":                                     " lượt người tham dự",
				"Tin, bài tuyên truyền":                                  " tin, bài tuyên truyền",
				"Hội chợ, triển lãm, xúc tiến thương mại":                " hội chợ, triển lãm",
				"Hội nghị kết nối cung cầu":                              " hội nghị kết nối cung cầu",
				"Dự án, công trình sử dụng vật tư, thiết bị trong nước":  " dự án, công trình sử dụng vật tư",
				"Sáng kiến, giải pháp nâng cao chất lượng, hạ giá thành": " sáng kiến, giải pháp",
				"Sản phẩm đạt thương hiệu quốc gia, giải thưởng":         " sản phẩm đạt thương hiệu quốc gia",
				"Tập thể, cá nhân được khen thưởng":                      " tập thể, cá nhân được khen thưởng",
			}
			for _, act := range root.Activities {
				suffix, ok := acts[act.Indicator]
				if !ok {
					t.Fatalf("indicator %q not covered by the test", act.Indicator)
				}
				if act.Count > 0 {
					want = append(want, n(act.Count)+suffix)
				}
				if act.Value > 0 {
					want = append(want, vnfmt.Money(int64(act.Value), false))
				}
			}
			for _, w := range want {
				if !strings.Contains(text, w) {
					t.Errorf("section I does not say %q", w)
				}
			}
			if t.Failed() {
				t.Logf("section I:\n%s", text)
			}
		})
	}
}

// TestComparisons: "so với cùng kỳ" appears only where the previous year exists.
func TestComparisons(t *testing.T) {
	ws := sharedWorkspace(t)
	out := runFixture(t, ws, "2025-H1")
	if out.Prev == nil {
		t.Fatal("the fixture has 2024: Prev must be set")
	}
	cases := []struct {
		name string
		prev *aggregate.Result
		want bool
	}{{"with 2024", out.Prev, true}, {"without", nil, false}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := *out
			o.Prev = c.prev
			doc, _, err := Build(&o, nil, ws.Config, nil, "vi")
			if err != nil {
				t.Fatal(err)
			}
			body := docText(doc)
			if got := strings.Contains(body, "so với cùng kỳ năm 2024"); got != c.want {
				t.Errorf("comparison present = %v, want %v", got, c.want)
			}
			// The contracts sentence: +29,4% on the fixture (22 against 17).
			if got := strings.Contains(body, "22 hợp đồng (tăng 29,4% so với cùng kỳ năm 2024)"); got != c.want {
				t.Errorf("contracts comparison present = %v, want %v\n%s", got, c.want, body)
			}
		})
	}
}

// docText is the text of a document's body blocks, one per line.
func docText(d *pdfdoc.Document) string {
	var b strings.Builder
	runs := func(text string, rs []pdfdoc.Run) string {
		if len(rs) == 0 {
			return text
		}
		var s strings.Builder
		for _, r := range rs {
			s.WriteString(r.Text)
		}
		return s.String()
	}
	for _, bl := range d.Body {
		switch x := bl.(type) {
		case pdfdoc.Heading:
			b.WriteString("# " + x.Text + "\n")
		case pdfdoc.Paragraph:
			b.WriteString(runs(x.Text, x.Runs) + "\n")
		case pdfdoc.BulletList:
			for _, it := range x.Items {
				b.WriteString("- " + runs(it.Text, it.Runs) + "\n")
			}
		default:
			fmt.Fprintf(&b, "%T\n", bl)
		}
	}
	return b.String()
}

// TestDeterminism: two runs give the same bytes; SOURCE_DATE_EPOCH changes only the dates.
func TestDeterminism(t *testing.T) {
	ws := sharedWorkspace(t)
	render := func(created time.Time) ([]byte, []byte) {
		out := runFixture(t, ws, "2025-H1")
		tf := loadTestText(t, "text-2025-H1.yaml")
		doc, set, err := Build(out, tf, ws.Config, nil, "vi")
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		paths, err := Write(dir, out.Period, doc, set, WriteOptions{Created: created})
		if err != nil {
			t.Fatal(err)
		}
		if len(paths) != 2 {
			t.Fatalf("Write wrote %v", paths)
		}
		pdf, _ := os.ReadFile(paths[0])
		x, _ := os.ReadFile(paths[1])
		return pdf, x
	}
	p1, x1 := render(time.Time{})
	p2, x2 := render(time.Time{})
	if !bytes.Equal(p1, p2) || !bytes.Equal(x1, x2) {
		t.Fatal("two runs differ")
	}
	sde := time.Unix(1754352000, 0) // 2025-08-05T00:00:00Z
	p3, x3 := render(sde)
	p4, x4 := render(sde)
	if !bytes.Equal(p3, p4) || !bytes.Equal(x3, x4) {
		t.Fatal("two runs with SOURCE_DATE_EPOCH differ")
	}
	if bytes.Equal(p1, p3) || bytes.Equal(x1, x3) {
		t.Error("SOURCE_DATE_EPOCH did not change the creation date")
	}
	if !bytes.Contains(p3, []byte("D:20250805000000")) {
		t.Error("the PDF does not carry the SOURCE_DATE_EPOCH date")
	}
	if !bytes.Contains(p1, []byte("D:19700101000000")) {
		t.Error("without SOURCE_DATE_EPOCH the PDF date is not 1970-01-01")
	}
}

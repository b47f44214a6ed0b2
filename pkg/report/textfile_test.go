package report

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/vdhv/vdhv/pkg/config"
	"github.com/vdhv/vdhv/pkg/period"
	"github.com/vdhv/vdhv/pkg/units"
	"github.com/vdhv/vdhv/pkg/workspace"
)

func TestParseText(t *testing.T) {
	cases := []struct {
		name string
		in   string
		want *TextFile
	}{
		{"empty", "", &TextFile{}},
		{"comments only", "# nothing\n", &TextFile{}},
		{"null values keep defaults", "number:\nplace: ~\nsigner:\n", &TextFile{}},
		{"scalars", "number: 12\ncode: BC/BCĐ\nplace: '  Hải   Đông '\ndate: 5/8/2025\nparent_body: Đảng bộ Khối",
			&TextFile{Number: "12", Code: "BC/BCĐ", Place: "Hải Đông", Date: time.Date(2025, 8, 5, 0, 0, 0, 0, time.UTC), ParentBody: "Đảng bộ Khối"}},
		{"NFD becomes NFC", "place: \"Ha\u0300 N\u00f4\u0323i\"", &TextFile{Place: "Hà Nội"}},
		{"signer", "signer:\n  authority: T/M BAN CHỈ ĐẠO\n  title: PHÓ TRƯỞNG BAN\n  name: Lê Văn Bình\n",
			&TextFile{Signer: Signer{Authority: "T/M BAN CHỈ ĐẠO", Title: "PHÓ TRƯỞNG BAN", Name: "Lê Văn Bình"}}},
		{"lists", "issuing_body: [Ban Chỉ đạo, Cuộc vận động]\nrecipients:\n  - A,\n  - \"\"\n  - Lưu VP.\n",
			&TextFile{IssuingBody: []string{"Ban Chỉ đạo", "Cuộc vận động"}, Recipients: []string{"A,", "Lưu VP."}}},
		{"a recipient given as one value", "recipients: Lưu VP.", &TextFile{Recipients: []string{"Lưu VP."}}},
		{"paragraph list: folded and literal", "tasks:\n  - >\n    Một\n    hai.\n  - |\n    Ba.\n\n    Bốn\n    năm.\n",
			&TextFile{Tasks: []string{"Một hai.", "Ba.", "Bốn năm."}}},
		{"paragraphs from one text", "limitations: |\n  Đoạn một\n  tiếp.\n  \n  Đoạn hai.\ncauses: Một câu.",
			&TextFile{Limitations: []string{"Đoạn một tiếp.", "Đoạn hai."}, Causes: []string{"Một câu."}}},
		{"highlights and proposals", "highlights: [A]\nproposals: [B, C]", &TextFile{Highlights: []string{"A"}, Proposals: []string{"B", "C"}}},
		{"control characters become spaces", "number: \"1\\t2\\u0007\"", &TextFile{Number: "1 2"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := ParseText([]byte(c.in), "x.yaml")
			if err != nil {
				t.Fatal(err)
			}
			got.Path = ""
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("got  %+v\nwant %+v", got, c.want)
			}
		})
	}
}

func TestParseTextErrors(t *testing.T) {
	cases := []struct {
		name string
		in   string
		line int
		en   string // part of the English message
		vi   string // part of the Vietnamese message
	}{
		{"unknown key", "number: 1\nnguoi_ky: A\n", 2, `unknown key "nguoi_ky"`, `khóa "nguoi_ky" không hợp lệ`},
		{"unknown signer key", "signer:\n  ten: A\n", 2, `signer: unknown key "ten"`, `signer: khóa "ten"`},
		{"duplicate key", "place: A\nplace: B\n", 2, "appears twice (first at line 1)", "xuất hiện hai lần"},
		{"list for a line", "number: [1, 2]\n", 1, "number must be a single value", "phải là một giá trị đơn"},
		{"mapping for a list", "tasks:\n  a: b\n", 2, "tasks must be a list", "phải là danh sách"},
		{"nested list item", "recipients:\n  - [a]\n", 2, "each item must be text", "mỗi mục phải là văn bản"},
		{"signer not a mapping", "signer: Nguyễn Văn A\n", 1, "signer must hold", "signer phải gồm"},
		{"bad date", "date: 31/02/2025\n", 1, `date: "31/02/2025" is not a date`, "không phải là ngày"},
		{"old date", "date: 01/01/1990\n", 1, "from the year 2000 on", "từ năm 2000"},
		{"alias", "place: &p A\nparent_body: *p\n", 2, "aliases are not allowed", "bí danh"},
		{"merge key", "base: &b {number: 1}\n<<: *b\n", 1, `unknown key "base"`, "không hợp lệ"},
		{"not a mapping", "- a\n- b\n", 1, "must be a mapping", "khóa: giá trị"},
		{"syntax", "place: [a\n", 2, "YAML syntax error", "lỗi cú pháp YAML"},
		{"two documents", "place: A\n---\nplace: B\n", 2, "more than one YAML document", "nhiều hơn một"},
		{"long line", "place: " + strings.Repeat("x", 301) + "\n", 1, "longer than 300 characters", "dài quá 300"},
		{"long paragraph", "tasks: [" + strings.Repeat("y", maxParagraphLen+1) + "]\n", 1, "paragraph is longer", "có đoạn dài quá"},
		{"too many items", "tasks:\n" + strings.Repeat("  - a\n", maxListItems+1), 2, "more than 200 items", "hơn 200 mục"},
		{"too many issuing lines", "issuing_body: [a, b, c, d, e, f, g]\n", 1, "at most 6 lines", "tối đa 6 dòng"},
		{"not UTF-8", "place: \xff\xfe\n", 0, "not UTF-8", "UTF-8"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tf, err := ParseText([]byte(c.in), "bao-cao/2025.yaml")
			if err == nil {
				t.Fatalf("no error; got %+v", tf)
			}
			var te *TextError
			if !errors.As(err, &te) || len(te.Problems) == 0 {
				t.Fatalf("error %T %v is not a *TextError with problems", err, err)
			}
			p := te.Problems[0]
			if p.Line != c.line {
				t.Errorf("line %d, want %d (%s)", p.Line, c.line, p.Message)
			}
			if !strings.Contains(te.Error(), c.en) {
				t.Errorf("English %q lacks %q", te.Error(), c.en)
			}
			if vi := te.Localized("vi"); !strings.Contains(vi, c.vi) || !strings.HasPrefix(vi, "bao-cao/2025.yaml:") {
				t.Errorf("Vietnamese %q lacks %q or the path", vi, c.vi)
			}
		})
	}
}

func TestParseTextTooLarge(t *testing.T) {
	_, err := ParseText(make([]byte, MaxTextFileSize+1), "big.yaml")
	if err == nil || !strings.Contains(err.Error(), "larger than 1 MiB") {
		t.Fatalf("err = %v", err)
	}
}

func TestLoadTextMissing(t *testing.T) {
	tf, ok, err := LoadText(filepath.Join(t.TempDir(), "none.yaml"))
	if err != nil || ok || tf == nil {
		t.Fatalf("LoadText(missing) = %v, %v, %v", tf, ok, err)
	}
	dir := t.TempDir()
	if _, _, err := LoadText(dir); err == nil {
		t.Error("reading a folder must fail")
	}
}

func testWorkspace(t *testing.T, place string) *workspace.Workspace {
	t.Helper()
	tree, err := units.Parse([]byte(fixtureUnits), "units.yaml", units.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cfg := config.Default()
	cfg.Place = place
	return &workspace.Workspace{Root: t.TempDir(), Config: cfg, Units: tree}
}

// TestInitText: the starter parses, names the period, carries the workspace's place and
// root name, and equals what Build uses by default where it leaves a value empty.
func TestInitText(t *testing.T) {
	cases := []struct {
		period, place, next, date string
	}{
		{"2025-H1", "Hải Đông", "III. NHIỆM VỤ TRỌNG TÂM 6 THÁNG CUỐI NĂM 2025", "11/07/2025"},
		{"2025", "", "III. NHIỆM VỤ TRỌNG TÂM NĂM 2026", "11/01/2026"},
	}
	for _, c := range cases {
		t.Run(c.period, func(t *testing.T) {
			p, _ := period.ParsePeriod(c.period)
			ws := testWorkspace(t, c.place)
			text := InitText(p, ws)
			tf, err := ParseText([]byte(text), "starter.yaml")
			if err != nil {
				t.Fatalf("the starter does not parse: %v\n%s", err, text)
			}
			if tf.Place != c.place || tf.ParentBody != "Đảng bộ Khối Doanh nghiệp tỉnh Hải Đông" || tf.Code != "BC/BCĐ" {
				t.Errorf("starter values: %+v", tf)
			}
			if tf.Number != "" || !tf.Date.IsZero() || tf.Signer.Name != "" {
				t.Errorf("number, date and signer name must be left to fill: %+v", tf)
			}
			if len(tf.Tasks) == 0 || len(tf.Limitations) == 0 || len(tf.Recipients) == 0 {
				t.Errorf("the starter has no sample tasks, limitations or recipients: %+v", tf)
			}
			for _, want := range []string{c.next, c.date, "--period " + c.period} {
				if !strings.Contains(text, want) {
					t.Errorf("the starter lacks %q", want)
				}
			}
		})
	}
	// Without a workspace: still valid.
	if _, err := ParseText([]byte(InitText(period.Period{Kind: period.KindYear, Year: 2026}, nil)), "x"); err != nil {
		t.Error(err)
	}
}

func TestWriteInitText(t *testing.T) {
	ws := testWorkspace(t, "Hải Đông")
	p := period.Period{Kind: period.KindHalf, Year: 2025, N: 1}
	path, err := WriteInitText(p, ws)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(ws.Root, "bao-cao", "2025-H1.yaml"); path != want {
		t.Errorf("path %s, want %s", path, want)
	}
	first, _ := os.ReadFile(path)
	if string(first) != InitText(p, ws) {
		t.Error("the file is not InitText")
	}
	if err := os.WriteFile(path, []byte("number: \"9\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := WriteInitText(p, ws); !errors.Is(err, fs.ErrExist) {
		t.Fatalf("second write: %v, want ErrExist", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "number: \"9\"\n" {
		t.Error("the existing file was overwritten")
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("temporary files left: %v", entries)
	}
	if _, err := WriteInitText(p, nil); err == nil {
		t.Error("no workspace must fail")
	}
}

func TestDefaultAndReportDate(t *testing.T) {
	cfg := config.Default()
	h1 := period.Period{Kind: period.KindHalf, Year: 2025, N: 1}
	y := period.Period{Kind: period.KindYear, Year: 2025}
	d := func(yy int, m time.Month, dd int) time.Time { return time.Date(yy, m, dd, 0, 0, 0, 0, time.UTC) }
	nd := cfg
	nd.Windows = period.ND09
	nd.DeadlineDays = 0
	cases := []struct {
		name string
		p    period.Period
		cfg  config.Config
		tf   *TextFile
		sde  *time.Time
		want time.Time
	}{
		{"H1 default", h1, cfg, nil, nil, d(2025, 7, 11)},
		{"year default", y, cfg, &TextFile{}, nil, d(2026, 1, 11)},
		{"nd09, no grace days", h1, nd, nil, nil, d(2025, 6, 15)},
		{"SOURCE_DATE_EPOCH, in Vietnam time", h1, cfg, nil, ptr(time.Date(2025, 8, 4, 18, 30, 0, 0, time.UTC)), d(2025, 8, 5)},
		{"text file wins", h1, cfg, &TextFile{Date: d(2025, 8, 1)}, ptr(time.Unix(0, 0)), d(2025, 8, 1)},
		{"invalid period", period.Period{}, cfg, nil, nil, time.Time{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := ReportDate(c.p, c.tf, c.cfg, c.sde); !got.Equal(c.want) {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }

// FuzzParseText: any input gives a TextFile or a *TextError with problems, never a panic;
// accepted texts are clean (NFC, no control characters, no empty items).
func FuzzParseText(f *testing.F) {
	f.Add([]byte(InitText(period.Period{Kind: period.KindHalf, Year: 2025, N: 1}, nil)))
	f.Add([]byte("number: 1\nsigner: {name: A}\ntasks: [a, b]\n"))
	f.Add([]byte("limitations: |\n  a\n\n  b\n"))
	f.Add([]byte("a: &x [1]\nb: *x\n"))
	f.Add([]byte("date: 29/02/2024\n"))
	f.Add([]byte("- [\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tf, err := ParseText(data, "f.yaml")
		if err != nil {
			var te *TextError
			if !errors.As(err, &te) || len(te.Problems) == 0 || tf != nil {
				t.Fatalf("bad error %T %v (tf %v)", err, err, tf)
			}
			_ = te.Localized("vi")
			return
		}
		all := []string{tf.Number, tf.Code, tf.Place, tf.ParentBody, tf.Signer.Authority, tf.Signer.Title, tf.Signer.Name}
		for _, l := range [][]string{tf.IssuingBody, tf.Recipients, tf.Highlights, tf.Limitations, tf.Causes, tf.Tasks, tf.Proposals} {
			for _, s := range l {
				if s == "" {
					t.Fatal("empty item accepted")
				}
				all = append(all, s)
			}
		}
		for _, s := range all {
			if s != cleanLine(s) {
				t.Fatalf("value not clean: %q", s)
			}
		}
	})
}

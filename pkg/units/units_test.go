package units

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vdhv/vdhv/pkg/period"
)

var update = flag.Bool("update", false, "rewrite golden files")

func loadSample(t testing.TB) *Tree {
	t.Helper()
	tr, err := Load(filepath.Join("testdata", "units.yaml"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

func codes(us []*Unit) string {
	var s []string
	for _, u := range us {
		s = append(s, u.Code)
	}
	return strings.Join(s, " ")
}

func q(s string) period.Quarter {
	x, err := period.ParseQuarter(s)
	if err != nil {
		panic(err)
	}
	return x
}

func TestSampleStructure(t *testing.T) {
	tr := loadSample(t)
	want := []struct {
		code, parent      string
		line, depth       int
		reports           bool
		from, until, kind string
		children          int
	}{
		{"DUK", "", 2, 0, false, "", "", "khoi", 3},
		{"DU-XD", "DUK", 6, 1, true, "", "", "dang-uy-truc-thuoc", 3},
		{"DU-XD-01", "DU-XD", 11, 2, true, "", "", "dang-bo-co-so", 0},
		{"DU-XD-02", "DU-XD", 12, 2, true, "2025-Q2", "", "chi-bo-co-so", 0},
		{"DU-XD-03", "DU-XD", 13, 2, false, "", "", "dang-bo-co-so", 1},
		{"38.168.053", "DU-XD-03", 17, 3, true, "2024-Q3", "2025-Q3", "chi-bo-co-so", 0},
		{"DU-GT", "DUK", 18, 1, false, "", "2025-Q4", "dang-uy-truc-thuoc", 2},
		{"DU-GT-01", "DU-GT", 23, 2, true, "", "", "chi-bo-co-so", 0},
		{"DU-GT-02", "DU-GT", 24, 2, false, "", "", "chi-bo-co-so", 0},
		{"DUK-01", "DUK", 25, 1, true, "", "2025-Q1", "chi-bo-co-so", 0},
	}
	const f = "%s|%s|%d|%d|%v|%s|%s|%s|%d|%d"
	us := tr.Units()
	if len(us) != len(want) || tr.Len() != len(want) {
		t.Fatalf("got %d units: %s", len(us), codes(us))
	}
	for i, w := range want {
		u := us[i]
		parent := ""
		if u.Parent != nil {
			parent = u.Parent.Code
		}
		got := fmt.Sprintf(f, u.Code, parent, u.Line, u.Depth, u.Reports, u.ActiveFrom, u.ActiveUntil, u.Kind, len(u.Children), u.Index)
		exp := fmt.Sprintf(f, w.code, w.parent, w.line, w.depth, w.reports, w.from, w.until, w.kind, w.children, i)
		if got != exp {
			t.Errorf("unit %d:\n got %s\nwant %s", i, got, exp)
		}
	}
	if tr.Root != us[0] || tr.Path != filepath.Join("testdata", "units.yaml") {
		t.Errorf("root/path wrong: %v %q", tr.Root.Code, tr.Path)
	}
	if us[0].Name != "Đảng bộ Khối Doanh nghiệp tỉnh Hải Đông" {
		t.Errorf("name %q", us[0].Name)
	}
	// Units returns a copy.
	us[0] = nil
	if tr.Units()[0] == nil {
		t.Error("Units exposes the internal slice")
	}
}

func TestTreeQueries(t *testing.T) {
	tr := loadSample(t)
	lk := func(c string) *Unit {
		u := tr.Lookup(c)
		if u == nil {
			t.Fatalf("Lookup(%q) = nil", c)
		}
		return u
	}
	t.Run("Lookup", func(t *testing.T) {
		cases := []struct{ in, want string }{
			{"DU-XD-01", "DU-XD-01"}, {" du-xd-01\t", "DU-XD-01"}, {"38.168.053", "38.168.053"},
			{"DU-XD-1", ""}, {"", ""}, {"DU-XD-01x", ""},
		}
		for _, c := range cases {
			got := ""
			if u := tr.Lookup(c.in); u != nil {
				got = u.Code
			}
			if got != c.want {
				t.Errorf("Lookup(%q) = %q, want %q", c.in, got, c.want)
			}
		}
	})
	t.Run("Expected", func(t *testing.T) {
		cases := []struct{ q, want string }{
			{"2024-Q2", "DU-XD DU-XD-01 DU-GT-01 DUK-01"},
			{"2024-Q3", "DU-XD DU-XD-01 38.168.053 DU-GT-01 DUK-01"},
			{"2025-Q1", "DU-XD DU-XD-01 38.168.053 DU-GT-01 DUK-01"},
			{"2025-Q2", "DU-XD DU-XD-01 DU-XD-02 38.168.053 DU-GT-01"},
			{"2025-Q4", "DU-XD DU-XD-01 DU-XD-02 DU-GT-01"},
			{"2026-Q1", "DU-XD DU-XD-01 DU-XD-02"}, // DU-GT-01 inherits DU-GT's active_until
		}
		for _, c := range cases {
			if got := codes(tr.Expected(q(c.q))); got != c.want {
				t.Errorf("Expected(%s) = %s, want %s", c.q, got, c.want)
			}
		}
	})
	t.Run("Reporting", func(t *testing.T) {
		want := "DU-XD DU-XD-01 DU-XD-02 38.168.053 DU-GT-01 DUK-01"
		if got := codes(tr.Reporting()); got != want {
			t.Errorf("Reporting() = %s", got)
		}
	})
	t.Run("ActiveIn", func(t *testing.T) {
		cases := []struct {
			code, q string
			want    bool
		}{
			{"DU-XD-02", "2025-Q1", false}, {"DU-XD-02", "2025-Q2", true},
			{"DUK-01", "2025-Q1", true}, {"DUK-01", "2025-Q2", false},
			{"DU-GT-01", "2025-Q4", true}, {"DU-GT-01", "2026-Q1", false},
			{"DUK", "2000-Q1", true},
		}
		for _, c := range cases {
			if got := lk(c.code).ActiveIn(q(c.q)); got != c.want {
				t.Errorf("%s.ActiveIn(%s) = %v", c.code, c.q, got)
			}
		}
	})
	t.Run("LCA", func(t *testing.T) {
		cases := []struct{ a, b, want string }{
			{"DU-XD-01", "DU-XD-02", "DU-XD"},
			{"38.168.053", "DU-XD-01", "DU-XD"},
			{"38.168.053", "DU-GT-02", "DUK"},
			{"DU-XD", "38.168.053", "DU-XD"},
			{"DUK-01", "DUK-01", "DUK-01"},
			{"DUK", "DU-GT-01", "DUK"},
		}
		for _, c := range cases {
			got := tr.LCA(lk(c.a), lk(c.b))
			if got == nil || got.Code != c.want {
				t.Errorf("LCA(%s, %s) = %v, want %s", c.a, c.b, got, c.want)
			}
		}
		if tr.LCA(nil, lk("DUK")) != nil || tr.LCA(lk("DUK"), &Unit{Code: "X"}) != nil {
			t.Error("LCA with nil/foreign unit should be nil")
		}
	})
	t.Run("TopLevel", func(t *testing.T) {
		cases := []struct{ u, want string }{
			{"38.168.053", "DU-XD"}, {"DU-XD-01", "DU-XD"}, {"DU-XD", "DU-XD"},
			{"DU-GT-02", "DU-GT"}, {"DUK-01", "DUK-01"}, {"DUK", ""},
		}
		for _, c := range cases {
			got := ""
			if u := tr.TopLevel(lk(c.u)); u != nil {
				got = u.Code
			}
			if got != c.want {
				t.Errorf("TopLevel(%s) = %q, want %q", c.u, got, c.want)
			}
		}
		if tr.TopLevel(nil) != nil || tr.TopLevel(&Unit{Parent: &Unit{}}) != nil {
			t.Error("TopLevel of nil/foreign unit should be nil")
		}
	})
	t.Run("Ancestors", func(t *testing.T) {
		cases := []struct{ u, want string }{
			{"38.168.053", "DU-XD-03 DU-XD DUK"}, {"DUK-01", "DUK"}, {"DUK", ""},
		}
		for _, c := range cases {
			if got := codes(lk(c.u).Ancestors()); got != c.want {
				t.Errorf("Ancestors(%s) = %q, want %q", c.u, got, c.want)
			}
		}
	})
	t.Run("IsAncestorOf", func(t *testing.T) {
		cases := []struct {
			a, b string
			want bool
		}{
			{"DUK", "38.168.053", true}, {"DU-XD", "38.168.053", true}, {"DU-XD-03", "38.168.053", true},
			{"38.168.053", "38.168.053", false}, {"DU-GT", "38.168.053", false}, {"38.168.053", "DUK", false},
		}
		for _, c := range cases {
			if got := lk(c.a).IsAncestorOf(lk(c.b)); got != c.want {
				t.Errorf("%s.IsAncestorOf(%s) = %v", c.a, c.b, got)
			}
		}
	})
}

func TestNilTree(t *testing.T) {
	var tr *Tree
	if tr.Lookup("x") != nil || tr.Units() != nil || tr.Expected(q("2025-Q1")) != nil || tr.Reporting() != nil ||
		tr.LCA(nil, nil) != nil || tr.TopLevel(nil) != nil || tr.Len() != 0 {
		t.Error("nil tree should answer empty")
	}
	var b bytes.Buffer
	tr.Print(&b, "vi")
	if b.Len() != 0 {
		t.Error("nil tree printed something")
	}
}

func TestPrintGolden(t *testing.T) {
	tr := loadSample(t)
	for _, lang := range []string{"vi", "en"} {
		var b bytes.Buffer
		tr.Print(&b, lang)
		path := filepath.Join("testdata", "print."+lang+".golden")
		if *update {
			if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b.Bytes(), want) {
			t.Errorf("Print(%s) differs from %s:\n%s", lang, path, b.String())
		}
	}
}

func TestLoadErrors(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "nope.yaml"), Options{})
	var ue *Error
	if !errors.As(err, &ue) || !errors.Is(err, fs.ErrNotExist) || !ue.Has("read-error") {
		t.Fatalf("missing file: %v", err)
	}
	big := filepath.Join(t.TempDir(), "big.yaml")
	if err := os.WriteFile(big, bytes.Repeat([]byte("#"), MaxFileSize+1), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(big, Options{}); !errors.As(err, &ue) || !ue.Has("file-too-large") {
		t.Fatalf("big file: %v", err)
	}
}

func TestErrorFormat(t *testing.T) {
	src := `code: DUK
name: Khối
kind: khoi
units:
  - {code: DU-XD-01, name: A, kind: chi-bo-co-so}
  - {code: DU-XD-02, name: B, kind: chi-bo-co-so}
  - {code: DU-XD-03, name: C, kind: chi-bo-co-so}
  - {code: DU-XD-04, name: D, kind: chi-bo-co-so}
  - {code: DU-XD-05, name: E, kind: chi-bo-co-so}
  - {code: DU-XD-06, name: F, kind: chi-bo-co-so}
  - {code: DU-XD-07, name: G, kind: chi-bo-co-so}
  - {code: du-xd-01, name: H, kind: chi-bo-co-so, colour: red}
`
	_, err := Parse([]byte(src), "units.yaml", Options{})
	want := "units.yaml:12: duplicate code du-xd-01 (first at line 5)\n" +
		"units.yaml:12: unknown key \"colour\"; allowed keys: code, name, kind, reports, active_from, active_until, units"
	if err == nil || err.Error() != want {
		t.Fatalf("got:\n%v\nwant:\n%s", err, want)
	}
	var ue *Error
	errors.As(err, &ue)
	wantVI := "units.yaml:12: mã du-xd-01 bị trùng (đã có ở dòng 5)\n" +
		"units.yaml:12: khóa \"colour\" không hợp lệ; các khóa được dùng: code, name, kind, reports, active_from, active_until, units"
	if got := ue.Localized("vi"); got != wantVI {
		t.Errorf("Vietnamese:\n%s", got)
	}
	if ue.Localized("en") != ue.Error() {
		t.Error("Localized(en) != Error()")
	}
}

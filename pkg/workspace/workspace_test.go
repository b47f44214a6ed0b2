package workspace

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vdhv/vdhv/pkg/config"
	"github.com/vdhv/vdhv/pkg/period"
	"github.com/vdhv/vdhv/pkg/units"
)

func TestSubmissionPath(t *testing.T) {
	w := newWorkspace(t, "")
	tests := []struct {
		code string
		want string // relative to the root, "" = rejected
	}{
		{"DU-XD-01", "submissions/2025/Q2/DU-XD-01.xlsx"},
		{"du-xd-01", "submissions/2025/Q2/DU-XD-01.xlsx"}, // spelled as in units.yaml
		{"38.168.053", "submissions/2025/Q2/38.168.053.xlsx"},
		{"UNKNOWN_1", "submissions/2025/Q2/UNKNOWN_1.xlsx"}, // not in the tree but safe
		{"CONSOLE", "submissions/2025/Q2/CONSOLE.xlsx"},
		{"COM10", "submissions/2025/Q2/COM10.xlsx"},
		{"", ""},
		{".", ""},
		{"..", ""},
		{"../x", ""},
		{"../../etc/passwd", ""},
		{"a/b", ""},
		{`a\b`, ""},
		{"/abs", ""},
		{`C:\x`, ""},
		{"C:x", ""},
		{"a\x00b", ""},
		{"CON", ""},
		{"con", ""},
		{"Con.1", ""},
		{"NUL", ""},
		{"AUX", ""},
		{"PRN.x.y", ""},
		{"COM1", ""},
		{"com9", ""},
		{"LPT1", ""},
		{"LPT9.txt", ""},
		{"a.", ""},
		{"a ", ""},
		{" a", ""},
		{".hidden", ""},
		{"a+tong-hop", ""},
		{"Đ01", ""},
		{"a\tb", ""},
		{strings.Repeat("A", 65), ""},
	}
	for _, tc := range tests {
		p, err := w.SubmissionPath(tc.code, q("2025-Q2"))
		if tc.want == "" {
			var we *Error
			if err == nil || !errors.As(err, &we) || we.Code != CodeBadCode {
				t.Errorf("SubmissionPath(%q) = %q, %v; want a bad-code error", tc.code, p, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("SubmissionPath(%q): %v", tc.code, err)
			continue
		}
		if want := filepath.Join(w.Root, filepath.FromSlash(tc.want)); p != want {
			t.Errorf("SubmissionPath(%q) = %q, want %q", tc.code, p, want)
		}
	}
	for _, bad := range []period.Quarter{{}, {Year: 2025, Q: 5}, {Year: 2025, Q: 0}, {Year: -1, Q: 1}} {
		if _, err := w.SubmissionPath("DUK-02", bad); err == nil {
			t.Errorf("quarter %+v accepted", bad)
		}
	}
	if p, err := w.RollupPath("du-xd", q("2025-Q4")); err != nil || p != filepath.Join(w.Root, "submissions", "2025", "Q4", "DU-XD+tong-hop.xlsx") {
		t.Errorf("RollupPath = %q, %v", p, err)
	}
}

func TestErrorLocalized(t *testing.T) {
	err := CheckCode("..")
	var we *Error
	if !errors.As(err, &we) {
		t.Fatal(err)
	}
	if en, vi := we.Localized("en"), we.Localized("vi"); en == vi || !strings.Contains(vi, "mã đơn vị") || !strings.Contains(en, "unit code") || err.Error() != en {
		t.Errorf("en %q vi %q", en, vi)
	}
	e := &Error{Path: "p", Line: 3, Message: "m", MessageVI: "v", Err: os.ErrNotExist}
	if e.Error() != "p:3: m: file does not exist" || !errors.Is(e, os.ErrNotExist) {
		t.Errorf("%q", e.Error())
	}
}

func TestFind(t *testing.T) {
	root := t.TempDir()
	os.WriteFile(filepath.Join(root, UnitsFile), []byte("code: A\nname: A\nkind: khoi\n"), 0o644)
	deep := filepath.Join(root, "submissions", "2025", "Q1")
	os.MkdirAll(deep, 0o755)
	os.MkdirAll(filepath.Join(root, "x", UnitsFile), 0o755) // a folder named units.yaml is not a workspace
	rootAbs, _ := filepath.Abs(root)
	tests := []struct {
		start string
		want  string
	}{
		{root, rootAbs},
		{deep, rootAbs},
		{filepath.Join(root, "x"), rootAbs},
		{filepath.Join(root, "x", UnitsFile), rootAbs},
	}
	for _, tc := range tests {
		if got, err := Find(tc.start); err != nil || got != tc.want {
			t.Errorf("Find(%q) = %q, %v", tc.start, got, err)
		}
	}
	_, err := Find(t.TempDir())
	var we *Error
	if !errors.As(err, &we) || we.Code != CodeNotFound {
		t.Errorf("Find in an empty temp folder: %v", err)
	}
}

func TestOpenErrors(t *testing.T) {
	tests := []struct {
		name      string
		units     string // "" = no units.yaml
		cfg       string // "" = no vdhv.yaml
		wantUnits bool   // *units.Error
		wantCfg   bool   // *config.Error
		line      int
	}{
		{"no units.yaml", "", "", true, false, 0},
		{"duplicate code", "code: A\nname: A\nkind: khoi\nunits:\n  - {code: B, name: B, kind: chi-bo-co-so}\n  - {code: B, name: C, kind: chi-bo-co-so}\n", "", true, false, 6},
		{"bad vdhv.yaml", "code: A\nname: A\nkind: khoi\n", "windows: calendar\ndeadline_dayz: 3\n", false, true, 2},
		{"kind from vdhv.yaml", "code: A\nname: A\nkind: khoi\nunits:\n  - {code: B, name: B, kind: to-dang}\n", "kinds: [to-dang]\n", false, false, 0},
		{"kind not declared", "code: A\nname: A\nkind: khoi\nunits:\n  - {code: B, name: B, kind: to-dang}\n", "", true, false, 5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if tc.units != "" {
				os.WriteFile(filepath.Join(dir, UnitsFile), []byte(tc.units), 0o644)
			}
			if tc.cfg != "" {
				os.WriteFile(filepath.Join(dir, ConfigFile), []byte(tc.cfg), 0o644)
			}
			w, err := Open(dir)
			var ue *units.Error
			var ce *config.Error
			switch {
			case tc.wantUnits:
				if !errors.As(err, &ue) {
					t.Fatalf("err = %v, want *units.Error", err)
				}
				if tc.line > 0 && (len(ue.Problems) == 0 || ue.Problems[0].Line != tc.line) {
					t.Errorf("problems %+v, want line %d", ue.Problems, tc.line)
				}
				if !strings.Contains(err.Error(), UnitsFile) {
					t.Errorf("error does not name the file: %v", err)
				}
			case tc.wantCfg:
				if !errors.As(err, &ce) {
					t.Fatalf("err = %v, want *config.Error", err)
				}
				if len(ce.Problems) == 0 || ce.Problems[0].Line != tc.line || !strings.Contains(err.Error(), ConfigFile) {
					t.Errorf("problems %+v, want line %d", ce.Problems, tc.line)
				}
			default:
				if err != nil {
					t.Fatal(err)
				}
				if w.Units.Lookup("B") == nil || !filepath.IsAbs(w.Root) {
					t.Errorf("workspace %+v", w)
				}
			}
		})
	}
}

func TestInit(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new", "ws")
	if err := InitYear(dir, 2025); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{UnitsFile, ConfigFile, ".gitignore", "out", "bao-cao",
		"submissions/2025/Q1", "submissions/2025/Q2", "submissions/2025/Q3", "submissions/2025/Q4"} {
		if !fileExists(filepath.Join(dir, filepath.FromSlash(p))) {
			t.Errorf("%s missing", p)
		}
	}
	if got, _ := os.ReadFile(filepath.Join(dir, UnitsFile)); string(got) != config.DefaultUnitsText() {
		t.Error("units.yaml is not the sample")
	}
	if got, _ := os.ReadFile(filepath.Join(dir, ".gitignore")); !strings.Contains(string(got), "/out/") {
		t.Errorf(".gitignore %q", got)
	}
	w, err := Open(dir)
	if err != nil {
		t.Fatalf("the new workspace does not open: %v", err)
	}
	if w.Config.DeadlineDays != config.Default().DeadlineDays {
		t.Errorf("config %+v", w.Config)
	}
	// A second init refuses and changes nothing.
	os.WriteFile(filepath.Join(dir, UnitsFile), []byte("code: X\nname: X\nkind: khoi\n"), 0o644)
	err = InitYear(dir, 2026)
	var we *Error
	if !errors.As(err, &we) || we.Code != CodeExists {
		t.Fatalf("second init: %v", err)
	}
	if fileExists(filepath.Join(dir, "submissions", "2026")) {
		t.Error("refused init created folders")
	}
	if got, _ := os.ReadFile(filepath.Join(dir, UnitsFile)); string(got) != "code: X\nname: X\nkind: khoi\n" {
		t.Error("units.yaml overwritten")
	}
	// Init into a folder with a vdhv.yaml keeps it.
	dir2 := t.TempDir()
	os.WriteFile(filepath.Join(dir2, ConfigFile), []byte("deadline_days: 20\n"), 0o644)
	if err := Init(dir2); err != nil {
		t.Fatal(err)
	}
	if w, err := Open(dir2); err != nil || w.Config.DeadlineDays != 20 {
		t.Errorf("existing vdhv.yaml not kept: %v", err)
	}
	if err := InitYear(t.TempDir(), 1999); err == nil {
		t.Error("year 1999 accepted")
	}
}

func TestVersionNames(t *testing.T) {
	sha := strings.Repeat("ab", 32)
	tests := []struct {
		name string
		v    int
		ok   bool
	}{
		{versionName(1, sha), 1, true},
		{versionName(123, sha), 123, true},
		{"v0-abababab.xlsx", 0, false},
		{"v01-abababab.xlsx", 0, false},
		{"v1-ABABABAB.xlsx", 0, false},
		{"v1-abababa.xlsx", 0, false},
		{"v1-abababab.xls", 0, false},
		{"x1-abababab.xlsx", 0, false},
		{"v-abababab.xlsx", 0, false},
		{"v1abababab.xlsx", 0, false},
		{"v9999999999-abababab.xlsx", 0, false},
	}
	for _, tc := range tests {
		v, s8, ok := parseVersionName(tc.name)
		if ok != tc.ok || v != tc.v || (ok && s8 != sha[:8]) {
			t.Errorf("parseVersionName(%q) = %d, %q, %v", tc.name, v, s8, ok)
		}
	}
}

package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/vdhv/vdhv/pkg/period"
	"github.com/vdhv/vdhv/pkg/units"
)

func TestDefault(t *testing.T) {
	c := Default()
	if c.Windows != period.Calendar || c.DeadlineDays != 10 || c.TargetShare != 0.8 || c.LayoutProfile != "36-HD-VPTW" ||
		c.Place != "" || len(c.Kinds) != 0 || c.KindLabels["chi-bo-co-so"] != "Chi bộ cơ sở" || len(c.KindLabels) != 4 {
		t.Errorf("Default() = %+v", c)
	}
	c.KindLabels["khoi"] = "x"
	if Default().KindLabels["khoi"] != "Đảng bộ Khối" {
		t.Error("Default shares its KindLabels map")
	}
}

// problems returns "line:code …" for err.
func problems(t *testing.T, err error) string {
	t.Helper()
	if err == nil {
		return ""
	}
	var ce *Error
	if !errors.As(err, &ce) {
		t.Fatalf("error %T: %v", err, err)
	}
	var s []string
	for _, p := range ce.Problems {
		if p.Message == "" || p.MessageVI == "" {
			t.Errorf("problem without message %+v", p)
		}
		s = append(s, fmt.Sprintf("%d:%s", p.Line, p.Code))
	}
	return strings.Join(s, " ")
}

// TestRules: for every setting, valid cases (want "" and the check function)
// and invalid ones.
func TestRules(t *testing.T) {
	cases := []struct {
		name, src string
		want      string // problems; "" = valid
		check     func(Config) bool
	}{
		{"empty file", "", "", func(c Config) bool { return reflect.DeepEqual(c, Default()) }},
		{"comments only", "# x\n", "", func(c Config) bool { return reflect.DeepEqual(c, Default()) }},
		{"syntax error", "windows: [calendar\n", "2:yaml-syntax", nil},
		{"syntax error scanner", "windows: nd09\nplace: a: b\n", "2:yaml-syntax", nil},
		{"not a mapping", "- windows\n", "1:root-not-mapping", nil},
		{"two documents", "windows: nd09\n---\nplace: x\n", "2:multiple-documents", nil},
		{"unknown key", "windows: nd09\ndeadline_day: 5\n", "2:unknown-key", nil},
		{"duplicate key", "place: A\nplace: B\n", "2:duplicate-key", nil},
		{"alias", "place: &p A\nlayout_profile: *p\n", "2:alias", nil},
		{"null keeps default", "deadline_days:\nplace: ~\n", "", func(c Config) bool { return c.DeadlineDays == 10 && c.Place == "" }},

		{"windows nd09", "windows: ND09\n", "", func(c Config) bool { return c.Windows == period.ND09 }},
		{"windows calendar", "windows: calendar\n", "", func(c Config) bool { return c.Windows == period.Calendar }},
		{"windows bad", "windows: quarterly\n", "1:bad-windows", nil},
		{"windows list", "windows: [nd09]\n", "1:not-text", nil},

		{"deadline 0", "deadline_days: 0\n", "", func(c Config) bool { return c.DeadlineDays == 0 }},
		{"deadline 120", "deadline_days: 120\n", "", func(c Config) bool { return c.DeadlineDays == 120 }},
		{"deadline quoted", "deadline_days: '15'\n", "", func(c Config) bool { return c.DeadlineDays == 15 }},
		{"deadline 121", "deadline_days: 121\n", "1:bad-deadline-days", nil},
		{"deadline negative", "deadline_days: -1\n", "1:bad-deadline-days", nil},
		{"deadline fraction", "deadline_days: 10.5\n", "1:bad-deadline-days", nil},
		{"deadline hex", "deadline_days: 0x10\n", "1:bad-deadline-days", nil},
		{"deadline text", "deadline_days: mười\n", "1:bad-deadline-days", nil},

		{"share fraction", "target_share: 0.75\n", "", func(c Config) bool { return c.TargetShare == 0.75 }},
		{"share percent number", "target_share: 80\n", "", func(c Config) bool { return c.TargetShare == 0.8 }},
		{"share percent sign", "target_share: 80%\n", "", func(c Config) bool { return c.TargetShare == 0.8 }},
		{"share percent comma", "target_share: '82,5 %'\n", "", func(c Config) bool { return c.TargetShare == 0.825 }},
		{"share one", "target_share: 1\n", "", func(c Config) bool { return c.TargetShare == 1 }},
		{"share hundred", "target_share: 100%\n", "", func(c Config) bool { return c.TargetShare == 1 }},
		{"share zero", "target_share: 0\n", "1:bad-target-share", nil},
		{"share over", "target_share: 120\n", "1:bad-target-share", nil},
		{"share over pct", "target_share: 100.5%\n", "1:bad-target-share", nil},
		{"share negative", "target_share: -0.5\n", "1:bad-target-share", nil},
		{"share nan", "target_share: .nan\n", "1:bad-target-share", nil},
		{"share text", "target_share: tám mươi\n", "1:bad-target-share", nil},
		{"share exponent", "target_share: 8e-1\n", "1:bad-target-share", nil},

		{"kinds", "kinds: [Chi-Bo-Bo-Phan, to-dang, chi-bo-co-so, to-dang]\n", "", func(c Config) bool {
			return reflect.DeepEqual(c.Kinds, []string{"chi-bo-bo-phan", "to-dang"})
		}},
		{"kinds bad name", "kinds:\n  - chi bộ\n", "2:bad-kind", nil},
		{"kinds not list", "kinds: chi-bo-bo-phan\n", "1:kinds-not-list", nil},

		{"labels override and add", "kinds: [to-dang]\nkind_labels:\n  khoi: Đảng bộ Khối Doanh nghiệp\n  to-dang: Tổ đảng\n", "", func(c Config) bool {
			return c.KindLabels["khoi"] == "Đảng bộ Khối Doanh nghiệp" && c.KindLabels["to-dang"] == "Tổ đảng" &&
				c.KindLabels["chi-bo-co-so"] == "Chi bộ cơ sở" && c.KindLabel("to-dang") == "Tổ đảng" && c.KindLabel("x") == "x"
		}},
		{"labels before kinds", "kind_labels: {to-dang: Tổ đảng}\nkinds: [to-dang]\n", "", func(c Config) bool { return c.KindLabels["to-dang"] == "Tổ đảng" }},
		{"label unknown kind", "kind_labels:\n  to-dang: Tổ đảng\n", "2:unknown-kind", nil},
		{"label empty", "kind_labels:\n  khoi: ''\n", "2:bad-kind-label", nil},
		{"label null", "kind_labels:\n  khoi:\n", "2:bad-kind-label", nil},
		{"label twice", "kind_labels:\n  khoi: A\n  KHOI: B\n", "3:duplicate-key", nil},
		{"labels not mapping", "kind_labels: [khoi]\n", "1:kind-labels-not-mapping", nil},

		{"place", "place: \"  Hải\u00a0Đông \"\n", "", func(c Config) bool { return c.Place == "Hải Đông" }},
		{"place too long", "place: " + strings.Repeat("x", 101) + "\n", "1:bad-place", nil},
		{"place mapping", "place: {a: b}\n", "1:not-text", nil},

		{"profile", "layout_profile: profiles/my.yaml\n", "", func(c Config) bool { return c.LayoutProfile == "profiles/my.yaml" }},
		{"profile empty", "layout_profile: ' '\n", "1:bad-layout-profile", nil},

		{"several sorted", "target_share: 2%%\nwindows: x\nfoo: 1\n", "1:bad-target-share 2:bad-windows 3:unknown-key", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg, err := Parse([]byte(c.src), "vdhv.yaml")
			if got := problems(t, err); got != c.want {
				t.Fatalf("problems %q, want %q\n%v", got, c.want, err)
			}
			if c.want != "" && !reflect.DeepEqual(cfg, Default()) {
				t.Errorf("on error Parse should return Default(), got %+v", cfg)
			}
			if c.check != nil && !c.check(cfg) {
				t.Errorf("config %+v", cfg)
			}
		})
	}
}

func TestErrorText(t *testing.T) {
	_, err := Parse([]byte("windows: nd09\ndeadline-days: 5\n"), "ws/vdhv.yaml")
	want := `ws/vdhv.yaml:2: unknown key "deadline-days"; allowed keys: windows, deadline_days, target_share, kinds, kind_labels, place, layout_profile (did you mean deadline_days?)`
	if err == nil || err.Error() != want {
		t.Fatalf("got %v", err)
	}
	var ce *Error
	errors.As(err, &ce)
	if vi := ce.Localized("vi"); !strings.HasPrefix(vi, `ws/vdhv.yaml:2: khóa "deadline-days" không hợp lệ`) || !strings.HasSuffix(vi, "(có phải là deadline_days?)") {
		t.Errorf("vi: %s", vi)
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	c, err := Load(filepath.Join(dir, FileName))
	if err != nil || !reflect.DeepEqual(c, Default()) {
		t.Fatalf("missing file: %+v, %v", c, err)
	}
	p := filepath.Join(dir, FileName)
	if err := os.WriteFile(p, []byte("windows: nd09\ndeadline_days: 15\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err = Load(p)
	if err != nil || c.Windows != period.ND09 || c.DeadlineDays != 15 {
		t.Fatalf("Load: %+v, %v", c, err)
	}
	if err := os.WriteFile(p, []byte("windows: weekly\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(p); err == nil || !strings.HasPrefix(err.Error(), p+":1: ") {
		t.Fatalf("bad file: %v", err)
	}
	// A directory is not a file.
	_, err = Load(dir)
	var ce *Error
	if !errors.As(err, &ce) || !ce.Has("read-error") {
		t.Fatalf("directory: %v", err)
	}
	if errors.Is(err, fs.ErrNotExist) {
		t.Error("directory reported as missing")
	}
	big := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(big, []byte(strings.Repeat("#", MaxFileSize+1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(big); !errors.As(err, &ce) || !ce.Has("file-too-large") {
		t.Fatalf("big: %v", err)
	}
}

func TestDefaultFileText(t *testing.T) {
	c, err := Parse([]byte(DefaultFileText()), "vdhv.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(c, Default()) {
		t.Errorf("DefaultFileText gives %+v, want Default()", c)
	}
	// Every setting is present, so the file documents them all.
	for _, k := range keys {
		if !strings.Contains(DefaultFileText(), "\n"+k+":") {
			t.Errorf("DefaultFileText lacks %s", k)
		}
	}
}

func TestDefaultUnitsText(t *testing.T) {
	tr, err := units.Parse([]byte(DefaultUnitsText()), "units.yaml", Default().UnitOptions())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, u := range tr.Units() {
		got = append(got, u.Code)
	}
	if strings.Join(got, " ") != "DUK DU-XD DU-XD-01 DU-XD-02 DUK-01" {
		t.Errorf("units %v", got)
	}
	if u := tr.Lookup("DU-XD-02"); u.ActiveFrom != (period.Quarter{Year: 2025, Q: 2}) {
		t.Errorf("DU-XD-02 from %v", u.ActiveFrom)
	}
}

func TestUnitOptions(t *testing.T) {
	c, err := Parse([]byte("kinds: [to-dang]\n"), "")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"khoi", "dang-uy-truc-thuoc", "dang-bo-co-so", "chi-bo-co-so", "to-dang"}
	if got := c.UnitOptions().Kinds; !reflect.DeepEqual(got, want) {
		t.Errorf("UnitOptions().Kinds = %v", got)
	}
	src := "code: A\nname: A\nkind: khoi\nunits: [{code: B, name: B, kind: to-dang}]\n"
	if _, err := units.Parse([]byte(src), "", c.UnitOptions()); err != nil {
		t.Errorf("extra kind refused: %v", err)
	}
	if _, err := units.Parse([]byte(src), "", Default().UnitOptions()); err == nil {
		t.Error("extra kind accepted without declaration")
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(DefaultFileText()))
	f.Add([]byte("target_share: 80%\nkinds: [a]\nkind_labels: {a: b}\n"))
	f.Add([]byte("windows: [x\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse(data, "vdhv.yaml")
		if err != nil {
			var ce *Error
			if !errors.As(err, &ce) || len(ce.Problems) == 0 {
				t.Fatalf("bad error %T %v", err, err)
			}
			return
		}
		if c.DeadlineDays < 0 || c.DeadlineDays > MaxDeadlineDays || !(c.TargetShare > 0 && c.TargetShare <= 1) ||
			c.LayoutProfile == "" || (c.Windows != period.Calendar && c.Windows != period.ND09) {
			t.Fatalf("out-of-range config %+v", c)
		}
	})
}

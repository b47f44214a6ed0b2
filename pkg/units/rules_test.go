package units

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/vdhv/vdhv/pkg/yamlx"
)

// head is a valid root; tests append children under it.
const head = "code: DUK\nname: Khối\nkind: khoi\nunits:\n"

// problems returns "line:code" for every problem of err, in order.
func problems(t *testing.T, err error) string {
	t.Helper()
	if err == nil {
		return ""
	}
	var ue *Error
	if !errors.As(err, &ue) {
		t.Fatalf("error is %T, want *Error: %v", err, err)
	}
	var s []string
	for _, p := range ue.Problems {
		if p.Message == "" || p.MessageVI == "" {
			t.Errorf("problem without message: %+v", p)
		}
		s = append(s, fmt.Sprintf("%d:%s", p.Line, p.Code))
	}
	return strings.Join(s, " ")
}

// TestRules has, for every rule, a valid case (want "") and an invalid one.
func TestRules(t *testing.T) {
	cases := []struct {
		name, src string
		opt       Options
		want      string // "line:code …"; "" = valid
	}{
		{"syntax ok", head + "  - {code: A, name: A, kind: chi-bo-co-so}\n", Options{}, ""},
		{"syntax error", head + "  - {code: A, name: A, kind: chi-bo-co-so\n  - x\n", Options{}, "5:yaml-syntax"},
		{"tab indentation", "code: A\n\tname: x\n", Options{}, "2:yaml-syntax"},
		{"empty", "", Options{}, "0:empty"},
		{"comments only", "# nothing\n", Options{}, "0:empty"},
		{"two documents", "code: A\nname: A\nkind: khoi\n---\ncode: B\n", Options{}, "4:multiple-documents"},
		{"root list", "- code: A\n", Options{}, "1:root-not-mapping"},
		{"root scalar", "hello\n", Options{}, "1:root-not-mapping"},

		{"all fields", "code: A\nname: A\nkind: khoi\n", Options{}, ""},
		{"missing fields", "units: []\n", Options{}, "1:missing-code 1:missing-name 1:missing-kind"},
		{"null and blank fields", "code: ~\nname: '  '\nkind:\n", Options{}, "1:missing-code 1:missing-name 1:missing-kind"},
		{"list as name", "code: A\nname: [a, b]\nkind: khoi\n", Options{}, "2:not-text"},

		{"dotted and underscored codes", head + "  - {code: 38.168.053, name: A, kind: chi-bo-co-so}\n  - {code: a_b-C.1, name: B, kind: chi-bo-co-so}\n  - {code: " + strings.Repeat("X", 64) + ", name: C, kind: chi-bo-co-so}\n", Options{}, ""},
		{"code with space", head + "  - {code: DU XD, name: A, kind: chi-bo-co-so}\n", Options{}, "5:bad-code"},
		{"code with diacritics", head + "  - {code: ĐU-01, name: A, kind: chi-bo-co-so}\n", Options{}, "5:bad-code"},
		{"code with slash", head + "  - {code: A/B, name: A, kind: chi-bo-co-so}\n", Options{}, "5:bad-code"},
		{"code too long", head + "  - {code: " + strings.Repeat("X", 65) + ", name: A, kind: chi-bo-co-so}\n", Options{}, "5:bad-code"},
		{"code dot", head + "  - {code: '.', name: A, kind: chi-bo-co-so}\n  - {code: '..', name: B, kind: chi-bo-co-so}\n", Options{}, "5:bad-code 6:bad-code"},
		{"code hidden or trailing dot", head + "  - {code: .A, name: A, kind: chi-bo-co-so}\n  - {code: B., name: B, kind: chi-bo-co-so}\n", Options{}, "5:bad-code 6:bad-code"},
		{"code Windows device", head + "  - {code: CON, name: A, kind: chi-bo-co-so}\n  - {code: lpt1.txt, name: B, kind: chi-bo-co-so}\n  - {code: Com9, name: C, kind: chi-bo-co-so}\n  - {code: nul.a.b, name: D, kind: chi-bo-co-so}\n", Options{}, "5:bad-code 6:bad-code 7:bad-code 8:bad-code"},
		{"code like a device but not one", head + "  - {code: CONG-01, name: A, kind: chi-bo-co-so}\n  - {code: COM10, name: B, kind: chi-bo-co-so}\n  - {code: LPT0, name: C, kind: chi-bo-co-so}\n  - {code: A.B.C, name: D, kind: chi-bo-co-so}\n", Options{}, ""},

		{"distinct codes", head + "  - {code: A-1, name: A, kind: chi-bo-co-so}\n  - {code: A-10, name: B, kind: chi-bo-co-so}\n", Options{}, ""},
		{"duplicate code", head + "  - {code: A-1, name: A, kind: chi-bo-co-so}\n  - {code: a-1, name: B, kind: chi-bo-co-so}\n", Options{}, "6:duplicate-code"},
		{"duplicate of root", head + "  - {code: duk, name: A, kind: chi-bo-co-so}\n", Options{}, "5:duplicate-code"},

		{"extra kind allowed", head + "  - {code: A, name: A, kind: Chi-Bo-Bo-Phan}\n", Options{Kinds: append(DefaultKinds(), "chi-bo-bo-phan")}, ""},
		{"unknown kind", head + "  - {code: A, name: A, kind: chi-bo-bo-phan}\n", Options{}, "5:unknown-kind"},
		{"kinds replace defaults", head + "  - {code: A, name: A, kind: chi-bo-co-so}\n", Options{Kinds: []string{"khoi"}}, "5:unknown-kind"},

		{"known keys", head + "  - {code: A, name: A, kind: chi-bo-co-so, reports: true, active_from: 2025-Q1, active_until: 2025-Q4, units: []}\n", Options{}, ""},
		{"unknown key", head + "  - code: A\n    name: A\n    kind: chi-bo-co-so\n    active_form: 2025-Q1\n", Options{}, "8:unknown-key"},
		{"duplicate key", "code: A\nname: A\nkind: khoi\nname: B\n", Options{}, "4:duplicate-key"},
		{"complex key", "code: A\nname: A\nkind: khoi\n? [a]\n: b\n", Options{}, "4:bad-key"},

		{"reports bool", head + "  - {code: A, name: A, kind: chi-bo-co-so, reports: false}\n", Options{}, ""},
		{"reports text", head + "  - {code: A, name: A, kind: chi-bo-co-so, reports: có}\n", Options{}, "5:bad-reports"},
		{"reports quoted", head + "  - {code: A, name: A, kind: chi-bo-co-so, reports: 'true'}\n", Options{}, "5:bad-reports"},
		{"reports yes", head + "  - {code: A, name: A, kind: chi-bo-co-so, reports: yes}\n", Options{}, "5:bad-reports"},

		{"quarter forms", head + "  - {code: A, name: A, kind: chi-bo-co-so, active_from: Quý II/2025, active_until: ~}\n", Options{}, ""},
		{"bad quarter", head + "  - {code: A, name: A, kind: chi-bo-co-so, active_from: Quý V/2025}\n", Options{}, "5:bad-quarter"},
		{"quarter without year", head + "  - code: A\n    name: A\n    kind: chi-bo-co-so\n    active_until: Q2\n", Options{}, "8:bad-quarter"},

		{"range in order", head + "  - {code: A, name: A, kind: chi-bo-co-so, active_from: 2025-Q2, active_until: 2025-Q2}\n", Options{}, ""},
		{"range reversed", head + "  - code: A\n    name: A\n    kind: chi-bo-co-so\n    active_from: 2025-Q3\n    active_until: 2025-Q2\n", Options{}, "9:active-range"},

		{"inside parent", "code: R\nname: R\nkind: khoi\nactive_from: 2025-Q1\nactive_until: 2026-Q4\nunits:\n  - {code: A, name: A, kind: chi-bo-co-so, active_from: 2025-Q1, active_until: 2026-Q4}\n  - {code: B, name: B, kind: chi-bo-co-so}\n", Options{}, ""},
		{"before parent", "code: R\nname: R\nkind: khoi\nactive_from: 2025-Q2\nunits:\n  - {code: A, name: A, kind: chi-bo-co-so, active_from: 2025-Q1}\n", Options{}, "6:outside-parent"},
		{"after parent", "code: R\nname: R\nkind: khoi\nactive_until: 2025-Q2\nunits:\n  - {code: A, name: A, kind: chi-bo-co-so, active_until: 2025-Q3}\n", Options{}, "6:outside-parent"},
		{"starts after parent ends", "code: R\nname: R\nkind: khoi\nactive_until: 2025-Q2\nunits:\n  - {code: A, name: A, kind: chi-bo-co-so, active_from: 2025-Q3}\n", Options{}, "6:outside-parent"},
		{"outside grandparent", "code: R\nname: R\nkind: khoi\nactive_from: 2025-Q2\nunits:\n  - code: M\n    name: M\n    kind: dang-uy-truc-thuoc\n    units:\n      - {code: A, name: A, kind: chi-bo-co-so, active_from: 2024-Q4}\n", Options{}, "10:outside-parent"},

		{"units list", head + "  - {code: A, name: A, kind: chi-bo-co-so, units: ~}\n", Options{}, ""},
		{"units mapping", "code: A\nname: A\nkind: khoi\nunits:\n  code: B\n", Options{}, "5:units-not-list"},
		{"units scalar", "code: A\nname: A\nkind: khoi\nunits: B\n", Options{}, "4:units-not-list"},
		{"unit not mapping", head + "  - DU-01\n", Options{}, "5:unit-not-mapping"},

		{"anchor without alias", head + "  - &x {code: A, name: A, kind: chi-bo-co-so}\n", Options{}, ""},
		{"alias to sibling", head + "  - &x {code: A, name: A, kind: chi-bo-co-so}\n  - *x\n", Options{}, "6:alias"},
		{"alias scalar", "code: A\nname: &n A\nkind: khoi\nunits:\n  - {code: B, name: *n, kind: chi-bo-co-so}\n", Options{}, "5:alias"},
		{"cycle", "&root\ncode: A\nname: A\nkind: khoi\nunits:\n  - *root\n", Options{}, "6:cycle"},
		{"cycle deeper", head + "  - &m\n    code: M\n    name: M\n    kind: dang-uy-truc-thuoc\n    units:\n      - {code: B, name: B, kind: chi-bo-co-so, units: [*m]}\n", Options{}, "10:cycle"},
		{"merge key", head + "  - &m {code: A, name: A, kind: chi-bo-co-so}\n  - {<<: *m, code: B}\n", Options{}, "6:merge-key 6:missing-name 6:missing-kind"},

		{"several problems sorted", "code: A\nname: A\nkind: bogus\nunits:\n  - {code: A, name: B, kind: khoi, foo: 1}\n", Options{}, "3:unknown-kind 5:duplicate-code 5:unknown-key"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tr, err := Parse([]byte(c.src), "units.yaml", c.opt)
			got := problems(t, err)
			if got != c.want {
				t.Fatalf("problems = %q, want %q\n%v", got, c.want, err)
			}
			if (tr == nil) != (c.want != "") {
				t.Fatalf("tree = %v with problems %q", tr, got)
			}
		})
	}
}

func TestUnknownKeySuggestion(t *testing.T) {
	cases := []struct{ key, want string }{
		{"active_form", "active_from"}, {"Code", "code"}, {"active-until", "active_until"}, {"unit", "units"},
		{"colour", ""},
	}
	for _, c := range cases {
		if got := yamlx.Suggest(c.key, allowedKeys); got != c.want {
			t.Errorf("Suggest(%q) = %q, want %q", c.key, got, c.want)
		}
	}
	_, err := Parse([]byte("code: A\nname: A\nkind: khoi\nactive_form: 2025-Q1\n"), "u.yaml", Options{})
	if err == nil || !strings.Contains(err.Error(), "did you mean active_from?") {
		t.Errorf("no suggestion: %v", err)
	}
}

func TestDefaultReports(t *testing.T) {
	src := head + "  - {code: A, name: A, kind: dang-uy-truc-thuoc, units: []}\n" +
		"  - {code: B, name: B, kind: dang-uy-truc-thuoc, units: [{code: C, name: C, kind: chi-bo-co-so}]}\n"
	tr, err := Parse([]byte(src), "", Options{})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		code string
		want bool
	}{{"DUK", false}, {"A", true}, {"B", false}, {"C", true}}
	for _, c := range cases {
		if got := tr.Lookup(c.code).Reports; got != c.want {
			t.Errorf("%s.Reports = %v", c.code, got)
		}
	}
}

func TestNameNormalised(t *testing.T) {
	// NFD input, line break and non-breaking space inside.
	src := "code: A\nname: \"Chi\u00a0bo\u0323\u0302  Công ty\\nSố 1 \"\nkind: khoi\n"
	tr, err := Parse([]byte(src), "", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := tr.Root.Name; got != "Chi bộ Công ty Số 1" {
		t.Errorf("name %q", got)
	}
}

func deepYAML(depth int) string {
	var b strings.Builder
	for d := 0; d <= depth; d++ {
		ind := strings.Repeat("  ", 2*d)
		if d > 0 {
			ind = strings.Repeat("  ", 2*d-1) + "- "
		}
		pad := strings.Repeat("  ", 2*d)
		fmt.Fprintf(&b, "%scode: U%d\n%sname: U%d\n%skind: khoi\n%sunits:\n", ind, d, pad, d, pad, pad)
	}
	return b.String()
}

func TestLimits(t *testing.T) {
	if _, err := Parse([]byte(deepYAML(MaxDepth)), "", Options{}); err != nil {
		t.Errorf("depth %d: %v", MaxDepth, err)
	}
	if got := problems(t, func() error { _, err := Parse([]byte(deepYAML(MaxDepth+1)), "", Options{}); return err }()); got != "45:too-deep" {
		t.Errorf("depth %d: %q", MaxDepth+1, got)
	}
	if got := problems(t, func() error {
		_, err := Parse([]byte(strings.Repeat(" ", MaxFileSize+1)), "", Options{})
		return err
	}()); got != "0:file-too-large" {
		t.Errorf("big: %q", got)
	}
	if testing.Short() {
		return
	}
	for _, n := range []int{MaxUnits, MaxUnits + 1} {
		var b strings.Builder
		b.WriteString(head)
		for i := 1; i < n; i++ {
			fmt.Fprintf(&b, "  - {code: U%d, name: U, kind: chi-bo-co-so}\n", i)
		}
		tr, err := Parse([]byte(b.String()), "", Options{})
		if n == MaxUnits && (err != nil || tr.Len() != MaxUnits) {
			t.Errorf("%d units: %v", n, err)
		}
		if n > MaxUnits && problems(t, err) != fmt.Sprintf("%d:too-many-units", n+3) {
			t.Errorf("%d units: %q", n, problems(t, err))
		}
	}
}

func TestManyProblemsCapped(t *testing.T) {
	var b strings.Builder
	b.WriteString(head)
	for i := 0; i < 1500; i++ {
		b.WriteString("  - {code: X, name: U, kind: chi-bo-co-so}\n")
	}
	_, err := Parse([]byte(b.String()), "", Options{})
	var ue *Error
	if !errors.As(err, &ue) || len(ue.Problems) != maxProblems+1 || !ue.Has("too-many-problems") ||
		!strings.Contains(ue.Problems[maxProblems].Message, "and 499 more") {
		t.Fatalf("problems: %d", len(ue.Problems))
	}
}

// A billion-laughs document must be refused quickly without expanding it.
func TestYAMLBomb(t *testing.T) {
	src := `code: A
name: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
kind: khoi
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
units: [*i]
`
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := Parse([]byte(src), "", Options{})
	runtime.ReadMemStats(&after)
	if err == nil {
		t.Fatal("bomb accepted")
	}
	var ue *Error
	if !errors.As(err, &ue) || !ue.Has("alias") || !ue.Has("not-text") {
		t.Errorf("bomb: %v", err)
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 10<<20 {
		t.Errorf("parsing the bomb allocated %d bytes", grew)
	}
}

package hostile

import (
	"bufio"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"testing"

	"github.com/vdhv/vdhv/pkg/finding"
)

// A hostileCase is one input of the issue, run through `vdhv validate` as a subprocess.
type hostileCase struct {
	name string // the file's name given to vdhv
	src  string // committed fixture, relative to testdata/hostile ("" for generated ones)
	big  string // name of the BigCases generator ("" for committed ones)
	// exit is the expected exit code of `vdhv validate` (1 when the finding is an error);
	// warnings exit 0, and 1 with --strict.
	exit int
	// code is the finding every error (or, when exit is 0, every finding) carries.
	code string
	// one: the file gets exactly one finding.
	one bool
}

// hostileCases maps every committed fixture and every generated case to its outcome.
// Decisions (documented in doc.go): a file vdhv cannot read gets one file-level error; a
// hidden form sheet is a warning, a very hidden one an error; a cell-level problem is a
// finding at that cell and nothing else.
var hostileCases = []hostileCase{
	// Formats vdhv does not read.
	{name: "fake.xls", src: "fake.xls", exit: 1, code: "VDHV-E001", one: true},
	{name: "fake-as.xlsx", src: "fake.xls", exit: 1, code: "VDHV-E001", one: true},
	{name: "fake.xlsb", src: "fake.xlsb", exit: 1, code: "VDHV-E003", one: true},
	{name: "fake.ods", src: "fake.ods", exit: 1, code: "VDHV-E004", one: true},
	{name: "encrypted.xlsx", src: "encrypted.xlsx", exit: 1, code: "VDHV-E002", one: true},
	{name: "fake-encrypted.xlsx", src: "fake-encrypted.xlsx", exit: 1, code: "VDHV-E002", one: true},
	// Text, HTML and CSV files, as they are and named .xlsx.
	{name: "text.csv", src: "text.csv", exit: 1, code: "VDHV-E005", one: true},
	{name: "text-csv.xlsx", src: "text.csv", exit: 1, code: "VDHV-E005", one: true},
	{name: "tcvn3.csv", src: "tcvn3.csv", exit: 1, code: "VDHV-E005", one: true},
	{name: "page.html", src: "page.html", exit: 1, code: "VDHV-E005", one: true},
	{name: "page-html.xlsx", src: "page.html", exit: 1, code: "VDHV-E005", one: true},
	{name: "excel2003-xml.xlsx", src: "excel2003.xml", exit: 1, code: "VDHV-E005", one: true},
	{name: "utf16-txt.xlsx", src: "utf16.txt", exit: 1, code: "VDHV-E005", one: true},
	{name: "random-bin.xlsx", src: "random.bin", exit: 1, code: "VDHV-E005", one: true},
	{name: "not-spreadsheet.zip", src: "not-spreadsheet.zip", exit: 1, code: "VDHV-E005", one: true},
	// Empty, truncated, corrupt.
	{name: "empty.xlsx", src: "empty.xlsx", exit: 1, code: "VDHV-E006", one: true},
	{name: "empty-zip.xlsx", src: "empty-zip.xlsx", exit: 1, code: "VDHV-E005", one: true},
	{name: "truncated.xlsx", src: "truncated.xlsx", exit: 1, code: "VDHV-E007", one: true},
	{name: "pk-garbage.xlsx", src: "pk-garbage.xlsx", exit: 1, code: "VDHV-E007", one: true},
	{name: "missing-workbook.xlsx", src: "missing-workbook.xlsx", exit: 1, code: "VDHV-E007", one: true},
	// XML attacks and damage in the workbook's own parts (Open refuses them).
	{name: "entity-bomb-workbook.xlsx", src: "entity-bomb-workbook.xlsx", exit: 1, code: "VDHV-E007", one: true},
	{name: "malformed-workbook.xlsx", src: "malformed-workbook.xlsx", exit: 1, code: "VDHV-E007", one: true},
	{name: "malformed-styles.xlsx", src: "malformed-styles.xlsx", exit: 1, code: "VDHV-E007", one: true},
	{name: "deep-nesting-styles.xlsx", src: "deep-nesting-styles.xlsx", exit: 1, code: "VDHV-E008", one: true},
	// pkg/xlsxread's minimal one-sheet workbooks (sheet "B"): the damage is in a part that
	// only matters when a sheet is read, so the shared strings are reached, the sheet "B"
	// is not (it is not a form sheet).
	{name: "corrupt-sheet-data.xlsx", src: "corrupt-sheet-data.xlsx", exit: 1, code: "VDHV-E010"},
	{name: "entity-bomb-sheet.xlsx", src: "entity-bomb-sheet.xlsx", exit: 1, code: "VDHV-E010"},
	{name: "entity-bomb-sst.xlsx", src: "entity-bomb-sst.xlsx", exit: 1, code: "VDHV-E010"},
	{name: "undefined-entity.xlsx", src: "undefined-entity.xlsx", exit: 1, code: "VDHV-E010"},
	{name: "deep-nesting.xlsx", src: "deep-nesting.xlsx", exit: 1, code: "VDHV-E010"},
	{name: "malformed-sst.xlsx", src: "malformed-sst.xlsx", exit: 1, code: "VDHV-E010"},
	{name: "malformed-sheet.xlsx", src: "malformed-sheet.xlsx", exit: 1, code: "VDHV-E010"},
	// The same attacks inside a real form's `Thông tin` sheet.
	{name: "form-entity-bomb.xlsx", src: "cli/form-entity-bomb.xlsx", exit: 1, code: "VDHV-E007", one: true},
	{name: "form-deep-nesting.xlsx", src: "cli/form-deep-nesting.xlsx", exit: 1, code: "VDHV-E008", one: true},
	{name: "form-malformed-sheet.xlsx", src: "cli/form-malformed-sheet.xlsx", exit: 1, code: "VDHV-E007", one: true},
	// Sheets and cells.
	{name: "form-hidden-sheet.xlsx", src: "cli/form-hidden-sheet.xlsx", exit: 0, code: "VDHV-W016", one: true},
	{name: "form-very-hidden-sheet.xlsx", src: "cli/form-very-hidden-sheet.xlsx", exit: 1, code: "VDHV-E018", one: true},
	{name: "form-merged-data.xlsx", src: "cli/form-merged-data.xlsx", exit: 0, code: "VDHV-W017", one: true},
	{name: "form-date-1899.xlsx", src: "cli/form-date-1899.xlsx", exit: 1, code: "VDHV-E026"},
	{name: "form-date-2101.xlsx", src: "cli/form-date-2101.xlsx", exit: 1, code: "VDHV-E032", one: true},
	{name: "form-nan-inf.xlsx", src: "cli/form-nan-inf.xlsx", exit: 1, code: "VDHV-E021"},
	{name: "form-rtl-zero-width.xlsx", src: "cli/form-rtl-zero-width.xlsx", exit: 0, code: "VDHV-W033"},
	{name: "form-control-chars.xlsx", src: "cli/form-control-chars.xlsx", exit: 0, code: "VDHV-W033"},
	{name: "form-unit-path.xlsx", src: "cli/form-unit-path.xlsx", exit: 1, code: "VDHV-E041", one: true},
	{name: "form-formula-text.xlsx", src: "cli/form-formula-text.xlsx", exit: 0},
	// Large inputs, generated at test time from a valid form.
	{name: "zip-bomb-1gib.xlsx", big: "zip-bomb-1gib.xlsx", exit: 1, code: "VDHV-E008", one: true},
	{name: "rows-1m.xlsx", big: "rows-1m.xlsx", exit: 1, code: "VDHV-E008", one: true},
	{name: "cols-16384.xlsx", big: "cols-16384.xlsx", exit: 1, code: "VDHV-E008", one: true},
	{name: "cell-10mib.xlsx", big: "cell-10mib.xlsx", exit: 1, code: "VDHV-E008", one: true},
	{name: "shared-strings-2m.xlsx", big: "shared-strings-2m.xlsx", exit: 1, code: "VDHV-E008", one: true},
	{name: "zip-entries-20000.xlsx", big: "zip-entries-20000.xlsx", exit: 1, code: "VDHV-E008", one: true},
	{name: "file-60mib.xlsx", big: "file-60mib.xlsx", exit: 1, code: "VDHV-E008", one: true},
}

// TestHostileInputs runs `vdhv validate` on every hostile input, in Vietnamese and in
// English, and checks the exit code, the finding, the absence of a crash, and the time and
// memory bounds.
func TestHostileInputs(t *testing.T) {
	tree, err := Tree(3)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "units.yaml"), []byte(UnitsYAML(3)))
	var base []byte
	for _, c := range hostileCases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(dir, "in", c.name)
			switch {
			case c.src != "":
				data, err := os.ReadFile(filepath.Join(hostileDir(t), c.src))
				if err != nil {
					t.Fatal(err)
				}
				writeFile(t, path, data)
			default:
				if testing.Short() {
					t.Skip("large input; skipped with -short")
				}
				if base == nil {
					if base, err = fixtureBase(tree, DefaultTexts(1), nil); err != nil {
						t.Fatal(err)
					}
				}
				writeBig(t, c.big, path, base)
			}
			for _, lang := range []string{"vi", "en"} {
				r := vdhv(t, dir, "--lang", lang, "validate", "--units", "units.yaml", "--format", "json", filepath.Join("in", c.name))
				t.Logf("%s: exit %d, %v, %d MiB", lang, r.code, r.wall, r.rssKiB/1024)
				noCrash(t, r)
				bounded(t, r)
				checkCase(t, c, r, lang)
			}
			if c.exit == 0 && c.code != "" {
				// Warnings fail with --strict.
				r := vdhv(t, dir, "validate", "--strict", "--units", "units.yaml", filepath.Join("in", c.name))
				noCrash(t, r)
				if r.code != 1 || !strings.Contains(r.stdout, c.code) {
					t.Errorf("--strict: exit %d, want 1 with %s:\n%s", r.code, c.code, clip(r.stdout))
				}
			}
		})
	}
}

// writeBig writes the generated case name to path, streaming.
func writeBig(t *testing.T, name, path string, base []byte) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if name == "file-60mib.xlsx" {
		// A valid form padded (sparsely) past the 50 MiB file limit.
		if _, err := f.Write(base); err != nil {
			t.Fatal(err)
		}
		if err := f.Truncate(60 << 20); err != nil {
			t.Fatal(err)
		}
		return
	}
	for _, b := range BigCases() {
		if b.Name == name {
			w := bufio.NewWriterSize(f, 1<<20)
			if err := b.Write(w, base); err != nil {
				t.Fatal(err)
			}
			if err := w.Flush(); err != nil {
				t.Fatal(err)
			}
			return
		}
	}
	t.Fatalf("no generator %s", name)
}

func checkCase(t *testing.T, c hostileCase, r runResult, lang string) {
	t.Helper()
	if r.code != c.exit {
		t.Errorf("%s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", lang, r.code, c.exit, clip(r.stdout), clip(r.stderr))
	}
	rep := parseReport(t, r)
	if len(rep.Files) != 1 {
		t.Fatalf("%s: %d files in the report, want 1", lang, len(rep.Files))
	}
	fs := rep.Files[0].Findings
	var got []string
	for _, f := range fs {
		got = append(got, f.Code)
	}
	sort.Strings(got)
	if c.one && len(fs) != 1 {
		t.Errorf("%s: findings %v, want exactly one %s", lang, got, c.code)
	}
	if c.code == "" && len(fs) != 0 && c.exit == 0 {
		// A valid file: warnings only would still pass validate; none are expected here.
		t.Errorf("%s: findings %v, want none", lang, got)
	}
	seen := false
	for _, f := range fs {
		if f.Code == c.code {
			seen = true
		} else if f.Severity == "error" || c.exit == 0 {
			t.Errorf("%s: unexpected finding %s %s!%s %q", lang, f.Code, f.Sheet, f.Cell, f.Message)
		}
		rule := finding.ByCode(f.Code)
		if rule == nil {
			t.Errorf("%s: unknown code %s", lang, f.Code)
			continue
		}
		checkLanguage(t, f, rule, lang)
	}
	if c.code != "" && !seen {
		t.Errorf("%s: no %s among %v", lang, c.code, got)
	}
}

// checkLanguage checks that the message is the rule's text in the language asked for: its
// longest fixed fragment (the text between placeholders) occurs in the message.
func checkLanguage(t *testing.T, f jsonFinding, rule *finding.Rule, lang string) {
	t.Helper()
	msg := rule.VI.Message
	if lang == "en" {
		msg = rule.EN.Message
	}
	frag := longestFixed(msg)
	if !strings.Contains(f.Message, frag) {
		t.Errorf("%s: %s message %q lacks %q", lang, f.Code, f.Message, frag)
	}
}

// longestFixed returns the longest part of a message template outside {placeholders}.
func longestFixed(tmpl string) string {
	best := ""
	for {
		i := strings.IndexByte(tmpl, '{')
		seg := tmpl
		if i >= 0 {
			seg = tmpl[:i]
		}
		if len(seg) > len(best) {
			best = seg
		}
		if i < 0 {
			return best
		}
		j := strings.IndexByte(tmpl[i:], '}')
		if j < 0 {
			return best
		}
		tmpl = tmpl[i+j+1:]
	}
}

// TestEveryFixtureHasACase: each file of testdata/hostile (and of its cli/ folder) is run by
// TestHostileInputs, so a fixture added there gets an expected outcome here.
func TestEveryFixtureHasACase(t *testing.T) {
	used := map[string]bool{}
	for _, c := range hostileCases {
		used[c.src] = true
	}
	for _, sub := range []string{"", cliDir} {
		ents, err := os.ReadDir(filepath.Join(hostileDir(t), sub))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range ents {
			name := filepath.ToSlash(filepath.Join(sub, e.Name()))
			if e.IsDir() || strings.HasSuffix(name, ".md") || strings.HasSuffix(name, ".yaml") {
				continue
			}
			if !used[name] {
				t.Errorf("%s has no case in hostileCases", name)
			}
		}
	}
	for _, b := range BigCases() {
		found := false
		for _, c := range hostileCases {
			found = found || c.big == b.Name
		}
		if !found {
			t.Errorf("generated %s has no case in hostileCases", b.Name)
		}
	}
}

// TestHostileFolderAtOnce validates every hostile input in one run, eight files at a time
// (GOMAXPROCS=8, as on a larger CI machine), with good forms among them: one report per
// file, the good ones without errors, and the same time and memory bounds for the whole run.
func TestHostileFolderAtOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("large inputs; skipped with -short")
	}
	tree, err := Tree(3)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "units.yaml"), []byte(UnitsYAML(3)))
	base, err := fixtureBase(tree, DefaultTexts(1), nil)
	if err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(dir, "in")
	good := writeForms(t, tree, filepath.Join(in, "good"), 2, seq(1, 3))
	n := len(good)
	for _, c := range hostileCases {
		path := filepath.Join(in, "bad", c.name)
		if filepath.Ext(path) != ".xlsx" {
			path += ".xlsx" // a folder walk only picks spreadsheet names
		}
		if c.src != "" {
			data, err := os.ReadFile(filepath.Join(hostileDir(t), c.src))
			if err != nil {
				t.Fatal(err)
			}
			writeFile(t, path, data)
		} else {
			writeBig(t, c.big, path, base)
		}
		n++
	}
	t.Setenv("GOMAXPROCS", "8")
	r := vdhv(t, dir, "validate", "--units", "units.yaml", "--format", "json", "in")
	t.Logf("%d files: exit %d, %v, %d MiB", n, r.code, r.wall, r.rssKiB/1024)
	noCrash(t, r)
	bounded(t, r)
	if r.code != 1 {
		t.Errorf("exit %d, want 1", r.code)
	}
	rep := parseReport(t, r)
	if len(rep.Files) != n {
		t.Fatalf("%d reports, want %d", len(rep.Files), n)
	}
	for _, f := range rep.Files {
		if strings.Contains(filepath.ToSlash(f.Path), "/good/") {
			for _, x := range f.Findings {
				if x.Severity == "error" {
					t.Errorf("%s: %s in a good file", f.Path, x.Code)
				}
			}
		}
	}
}

// TestHostileUnitsYAML: hostile hierarchies through `vdhv units check`: one clear problem,
// exit 1, bounded, no crash.
func TestHostileUnitsYAML(t *testing.T) {
	want := map[string]string{ // file → fragment of the expected problem (English)
		"units-alias-bomb.yaml":   "alias",
		"units-deep-flow.yaml":    "depth",
		"units-deep-1000.yaml":    "deeper than 10 levels",
		"units-11mib.yaml":        "larger than 10 MiB",
		"units-100001-units.yaml": "more than 100000 units",
	}
	dir := t.TempDir()
	cases := BigUnitsYAML()
	for name, body := range cases {
		writeFile(t, filepath.Join(dir, name), []byte(body))
	}
	cases = nil
	// Keep this process small: on Linux a child's Maxrss includes its parent's RSS at exec.
	debug.FreeOSMemory()
	for name, frag := range want {
		t.Run(name, func(t *testing.T) {
			r := vdhv(t, dir, "--lang", "en", "units", "check", name)
			t.Logf("exit %d, %v, %d MiB", r.code, r.wall, r.rssKiB/1024)
			noCrash(t, r)
			bounded(t, r)
			if r.code != 1 || !strings.Contains(r.stdout+r.stderr, frag) {
				t.Errorf("exit %d, want 1 with %q:\n%s\n%s", r.code, frag, clip(r.stdout), clip(r.stderr))
			}
		})
	}
	for name := range BigUnitsYAML() {
		if want[name] == "" {
			t.Errorf("generated %s has no expected outcome", name)
		}
	}
}

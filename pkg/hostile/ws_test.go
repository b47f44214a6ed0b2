package hostile

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/vdhv/vdhv/pkg/atomicfile"
	"github.com/vdhv/vdhv/pkg/form"
	"github.com/vdhv/vdhv/pkg/units"
)

// newWorkspace makes a workspace (units.yaml of UnitsYAML(n)) in a new temporary folder.
func newWorkspace(t testing.TB, n int) (dir string, tree *units.Tree) {
	t.Helper()
	dir = filepath.Join(t.TempDir(), "ws")
	writeFile(t, filepath.Join(dir, "units.yaml"), []byte(UnitsYAML(n)))
	if err := os.MkdirAll(filepath.Join(dir, "submissions"), 0o755); err != nil {
		t.Fatal(err)
	}
	tree, err := Tree(n)
	if err != nil {
		t.Fatal(err)
	}
	return dir, tree
}

// writeForms writes the filled forms of the chi bộ A-<i> for i in idx into folder, with
// texts and figures of variant, and returns their paths.
func writeForms(t testing.TB, tree *units.Tree, folder string, variant int, idx []int) []string {
	t.Helper()
	var paths []string
	for _, i := range idx {
		u := tree.Lookup(UnitCode(i))
		if u == nil {
			t.Fatalf("no unit %s", UnitCode(i))
		}
		data, err := Workbook(Filled(u, DefaultTexts(variant), variant), tree, nil)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(folder, u.Code+".xlsx")
		writeFile(t, p, data)
		paths = append(paths, p)
	}
	return paths
}

func seq(from, to int) []int {
	var out []int
	for i := from; i <= to; i++ {
		out = append(out, i)
	}
	return out
}

// receipt is one line of submissions/ledger.jsonl.
type receipt struct {
	Received     string `json:"received"`
	Unit         string `json:"unit"`
	Quarter      string `json:"quarter"`
	SHA256       string `json:"sha256"`
	OriginalName string `json:"original_name"`
	Size         int64  `json:"size"`
	Version      int    `json:"version"`
	Source       string `json:"source"`
	Rollup       bool   `json:"rollup"`
}

// readLedger parses the ledger strictly: every line complete and well-formed, except that a
// last line without its newline (a torn append, which workspace documents and skips) is
// returned apart.
func readLedger(t testing.TB, ws string) (lines []receipt, torn string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(ws, "submissions", "ledger.jsonl"))
	if os.IsNotExist(err) {
		return nil, ""
	}
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.LastIndexByte(data, '\n'); n != len(data)-1 {
		torn = string(data[n+1:])
		data = data[:n+1]
	}
	for i, l := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		if l == "" && len(data) == 0 {
			break
		}
		var r receipt
		dec := json.NewDecoder(strings.NewReader(l))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&r); err != nil {
			t.Fatalf("ledger line %d is malformed (%v): %q", i+1, err, l)
		}
		if r.Unit == "" || r.Quarter == "" || len(r.SHA256) != 64 || r.Version < 1 || r.Received == "" {
			t.Fatalf("ledger line %d is incomplete: %q", i+1, l)
		}
		lines = append(lines, r)
	}
	return lines, torn
}

func sha(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// versionPath is where workspace keeps a receipt's content.
func versionPath(ws string, r receipt) string {
	year, q, _ := strings.Cut(r.Quarter, "-")
	name := r.Unit
	if r.Rollup {
		name += "+tong-hop"
	}
	return filepath.Join(ws, "submissions", year, q, ".versions", name, "v"+strconv.Itoa(r.Version)+"-"+r.SHA256[:8]+".xlsx")
}

// spreadsheets lists the files under dir: complete files and atomicfile's temporary ones.
func spreadsheets(t testing.TB, dir string) (files, temps []string) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		switch {
		case atomicfile.IsTemp(d.Name()):
			temps = append(temps, p)
		case strings.HasSuffix(d.Name(), ".xlsx"):
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files, temps
}

// validateAll runs vdhv validate on files and fails unless every one is valid.
func validateAll(t testing.TB, ws string, files []string) {
	t.Helper()
	if len(files) == 0 {
		return
	}
	r := vdhv(t, ws, append([]string{"validate", "--format", "json"}, files...)...)
	noCrash(t, r)
	rep := parseReport(t, r)
	if r.code != 0 || rep.Errors != 0 || len(rep.Files) != len(files) {
		var bad []string
		for _, f := range rep.Files {
			for _, x := range f.Findings {
				if x.Severity == "error" {
					bad = append(bad, f.Path+": "+x.Code+" "+x.Message)
				}
			}
		}
		t.Fatalf("validate of %d stored files: exit %d, %d errors, %d reports:\n%s", len(files), r.code, rep.Errors, len(rep.Files), strings.Join(bad, "\n"))
	}
}

// sheetFormula matches a formula element in a worksheet part (<f>, <f t="shared" …>, <x:f>).
var sheetFormula = regexp.MustCompile(`<([A-Za-z0-9]+:)?f[\s>/]`)

// checkNoFormulas fails if a worksheet of the XLSX at path holds a formula, and returns the
// cell texts of all its sheets (to look for submitted texts).
func checkNoFormulas(t testing.TB, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, "xl/worksheets/") || !strings.HasSuffix(f.Name, ".xml") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if m := sheetFormula.Find(b); m != nil {
			t.Errorf("%s: %s holds a formula (%s)", path, f.Name, m)
		}
	}
	x, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	var texts []string
	for _, sh := range x.GetSheetList() {
		rows, err := x.GetRows(sh, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			texts = append(texts, r...)
		}
	}
	return texts
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestMixedFolder: good files among bad ones are validated, received and aggregated; the bad
// ones are reported and the exit codes say so.
func TestMixedFolder(t *testing.T) {
	ws, tree := newWorkspace(t, 3)
	in := filepath.Join(filepath.Dir(ws), "in")
	good := writeForms(t, tree, in, 1, seq(1, 3))
	bad := map[string]string{ // name in the folder → fixture
		"A-04-locked.xlsx":   "encrypted.xlsx",
		"old.xls":            "fake.xls",
		"bomb.xlsx":          "cli/form-entity-bomb.xlsx",
		"page.xlsx":          "page.html",
		"very-hidden.xlsx":   "cli/form-very-hidden-sheet.xlsx",
		"empty.xlsx":         "empty.xlsx",
		"sub/truncated.xlsx": "truncated.xlsx",
	}
	for name, src := range bad {
		data, err := os.ReadFile(filepath.Join(hostileDir(t), src))
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(in, name), data)
	}

	r := vdhv(t, ws, "validate", "--format", "json", in)
	noCrash(t, r)
	if r.code != 1 {
		t.Errorf("validate: exit %d, want 1", r.code)
	}
	rep := parseReport(t, r)
	if len(rep.Files) != len(good)+len(bad) {
		t.Fatalf("validate: %d files reported, want %d", len(rep.Files), len(good)+len(bad))
	}
	for _, f := range rep.Files {
		errs := 0
		for _, x := range f.Findings {
			if x.Severity == "error" {
				errs++
			}
		}
		isGood := strings.HasPrefix(filepath.Base(f.Path), "A-0") && !strings.Contains(f.Path, "locked")
		if isGood && errs != 0 {
			t.Errorf("%s: %d errors in a good file", f.Path, errs)
		}
		if !isGood && errs == 0 {
			t.Errorf("%s: bad file without an error", f.Path)
		}
	}

	r = vdhv(t, ws, "receive", in)
	noCrash(t, r)
	if r.code != 1 || !strings.Contains(r.stderr, "từ chối 7/10") {
		t.Errorf("receive: exit %d, want 1 with 7 of 10 refused:\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	lines, torn := readLedger(t, ws)
	if len(lines) != 3 || torn != "" {
		t.Fatalf("ledger: %d lines (torn %q), want 3", len(lines), torn)
	}
	// A bad file put into the quarter folder by hand is left out of the aggregate.
	data, err := os.ReadFile(filepath.Join(hostileDir(t), "encrypted.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(ws, "submissions", "2025", "Q2", "B-01.xlsx"), data)
	r = vdhv(t, ws, "aggregate", "--period", "2025-Q2")
	noCrash(t, r)
	if r.code != 0 || !strings.Contains(r.stderr, "B-01.xlsx") {
		t.Errorf("aggregate: exit %d, want 0 naming the file left out:\n%s", r.code, r.stderr)
	}
	var agg struct {
		Units map[string]struct {
			Reporting map[string]int `json:"reporting"`
		} `json:"units"`
	}
	b, err := os.ReadFile(filepath.Join(ws, "out", "2025-Q2", "aggregate.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &agg); err != nil {
		t.Fatal(err)
	}
	rep2 := agg.Units["DUK"].Reporting
	if rep2["on_time"]+rep2["late"] != 3 || rep2["invalid"] != 1 {
		t.Errorf("aggregate reporting %v, want 3 counted and 1 invalid", rep2)
	}
}

// TestFormulaText: texts beginning with =, +, -, @ go through receive, aggregate, roll-up,
// status and report as text: no output worksheet holds a formula, and the texts are there
// verbatim (XLSX cells, aggregate.json, the PDF's text).
func TestFormulaText(t *testing.T) {
	ws, tree := newWorkspace(t, 3)
	src := filepath.Join(hostileDir(t), cliDir, "form-formula-text.xlsx")
	r := vdhv(t, ws, "receive", src)
	noCrash(t, r)
	if r.code != 0 {
		t.Fatalf("receive: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	type output struct {
		args  []string
		path  string
		texts []string // submitted texts the output must hold verbatim
	}
	tx := FormulaTexts
	rollupTexts := []string{tx.AgreementNo, tx.AgreementNo + "-B", tx.PartnerName, tx.Note, tx.Target, tx.Content}
	outs := []output{
		{[]string{"aggregate", "--period", "2025-Q2", "--rollup", "DU-A", "-o", "rollup.xlsx"}, "rollup.xlsx", rollupTexts},
		{[]string{"status", "--period", "2025-Q2", "--format", "xlsx"}, "out/2025-Q2/trang-thai-2025-Q2.xlsx", nil},
		{[]string{"aggregate", "--period", "2025-Q2"}, "out/2025-Q2/tong-hop-2025-Q2.xlsx", nil},
		{[]string{"report", "--period", "2025-H1"}, "out/2025-H1/bao-cao-2025-H1.xlsx", []string{tx.AgreementNo + "-B"}},
	}
	for _, o := range outs {
		r := vdhv(t, ws, o.args...)
		noCrash(t, r)
		if r.code != 0 {
			t.Errorf("vdhv %s: exit %d\n%s", strings.Join(o.args, " "), r.code, r.stderr)
			continue
		}
		p := filepath.Join(ws, o.path)
		if _, err := os.Stat(p); err != nil {
			if o.args[0] == "aggregate" && len(o.args) == 3 {
				t.Logf("%s not written (aggregate's workbook not implemented yet)", o.path)
				continue
			}
			t.Errorf("vdhv %s: %v", strings.Join(o.args, " "), err)
			continue
		}
		texts := checkNoFormulas(t, p)
		for _, want := range o.texts {
			if !contains(texts, want) {
				t.Errorf("%s: no cell holds %q verbatim", o.path, want)
			}
		}
	}
	// The roll-up reads back with the same texts.
	res := form.ReadFile(filepath.Join(ws, "rollup.xlsx"), form.Options{Units: tree})
	if res.HasErrors() || res.Submission == nil {
		t.Fatalf("roll-up does not validate: %v", res.Findings)
	}
	var got []string
	for _, a := range res.Submission.Agreements {
		got = append(got, a.Number, a.PartnerName, a.Note)
	}
	for _, c := range res.Submission.Checks {
		got = append(got, c.Target, c.Content)
	}
	for _, want := range rollupTexts {
		if !contains(got, want) {
			t.Errorf("roll-up read back without %q (got %q)", want, got)
		}
	}
	// aggregate.json carries the in-bloc agreement's number in its reconciliation list.
	b, err := os.ReadFile(filepath.Join(ws, "out", "2025-Q2", "aggregate.json"))
	if err != nil {
		t.Fatal(err)
	}
	var agg struct {
		Reconciliation []struct {
			Agreement string `json:"agreement"`
		} `json:"reconciliation"`
	}
	if err := json.Unmarshal(b, &agg); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, rc := range agg.Reconciliation {
		found = found || rc.Agreement == tx.AgreementNo+"-B"
	}
	if !found {
		t.Errorf("aggregate.json reconciliation lacks %q: %+v", tx.AgreementNo+"-B", agg.Reconciliation)
	}
	// The PDF shows the number verbatim.
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Log("pdftotext not installed: the PDF's text is not checked")
		return
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", filepath.Join(ws, "out", "2025-H1", "bao-cao-2025-H1.pdf"), "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	if !strings.Contains(string(out), tx.AgreementNo+"-B") {
		t.Errorf("the PDF does not show %q verbatim", tx.AgreementNo+"-B")
	}
}

// TestUnitCodes: codes that would escape the workspace or name a device are refused by
// `vdhv units check` and by every command reading the hierarchy; a file naming such a unit
// is refused without writing anything outside the workspace.
func TestUnitCodes(t *testing.T) {
	dir := t.TempDir()
	yamlPath := filepath.Join(hostileDir(t), cliDir, "units-bad-codes.yaml")
	for _, lang := range []string{"vi", "en"} {
		r := vdhv(t, dir, "--lang", lang, "units", "check", yamlPath)
		noCrash(t, r)
		if r.code != 1 {
			t.Errorf("%s: units check: exit %d, want 1", lang, r.code)
		}
		for _, code := range BadUnitCodes {
			q, _ := json.Marshal(code) // the message quotes the code Go-style, as JSON does for these
			if !strings.Contains(r.stdout, string(q)) {
				t.Errorf("%s: units check does not refuse %s:\n%s", lang, q, r.stdout)
			}
		}
		if strings.Contains(r.stdout, "ok-01") {
			t.Errorf("%s: units check refuses the valid code ok-01:\n%s", lang, r.stdout)
		}
	}
	r := vdhv(t, dir, "validate", "--units", yamlPath, filepath.Join(hostileDir(t), cliDir, "form-formula-text.xlsx"))
	noCrash(t, r)
	if r.code != 2 {
		t.Errorf("validate with the bad hierarchy: exit %d, want 2", r.code)
	}

	ws, _ := newWorkspace(t, 3)
	before := listFiles(t, filepath.Dir(ws))
	for _, args := range [][]string{
		{"receive", filepath.Join(hostileDir(t), cliDir, "form-unit-path.xlsx")},
		{"aggregate", "--period", "2025-Q2", "--rollup", "../../x"},
		{"template", "--unit", "../../x", "--period", "2025-Q2"},
		{"template", "--unit", "/etc/passwd", "--period", "2025-Q2"},
	} {
		r := vdhv(t, ws, args...)
		noCrash(t, r)
		if r.code == 0 {
			t.Errorf("vdhv %s: exit 0", strings.Join(args, " "))
		}
	}
	if after := listFiles(t, filepath.Dir(ws)); strings.Join(after, "\n") != strings.Join(before, "\n") {
		t.Errorf("files changed:\nbefore %v\nafter  %v", before, after)
	}
}

// listFiles lists the files under dir (relative, sorted).
func listFiles(t testing.TB, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, rel)
		}
		return nil
	})
	sort.Strings(out)
	return out
}

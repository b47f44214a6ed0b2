package xlsxread

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// readAllSheets renders every cell of every sheet, and any error, of a workbook.
func readAllSheets(data []byte) string {
	var b strings.Builder
	wb, err := OpenBytes(data, Limits{})
	if err != nil {
		return "open: " + err.Error()
	}
	defer wb.Close()
	for _, s := range wb.Sheets() {
		fmt.Fprintf(&b, "== %s\n", s.Name)
		cells, err := tryDump(wb, s.Name)
		for _, c := range cells {
			b.WriteString(c.String() + "\n")
		}
		if err != nil {
			fmt.Fprintf(&b, "error: %v\n", err)
		}
		merges, err := wb.MergedCells(s.Name)
		fmt.Fprintf(&b, "merges %v %v\n", merges, err)
	}
	return b.String()
}

// TestFastPathsReadLikePlain: the reader's fast paths (lazy shared strings, the direct
// inflater, skipping rows of empty cells) give exactly what reading without them gives, on
// the bundled example, the broken examples, the rule fixtures and, when `make bench` has
// generated them, files of the national workspace.
func TestFastPathsReadLikePlain(t *testing.T) {
	var files []string
	for _, pattern := range []string{
		"../../examples/khoi-dn/submissions/*/Q*/*.xlsx",
		"../../examples/loi/*.xlsx",
		"../../examples/loi/*/*/*.xlsx",
		"../form/testdata/form/*/*.xlsx",
		"../../.bench/national-v*/submissions/2025/Q1/DU-D*.xlsx",
		"../../.bench/typical-v*/submissions/2025/Q2/*.xlsx",
	} {
		m, _ := filepath.Glob(pattern)
		sort.Strings(m)
		if len(m) > 60 {
			m = m[:60]
		}
		files = append(files, m...)
	}
	if len(files) < 50 {
		t.Fatalf("found only %d files", len(files))
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		plainReading = true
		want := readAllSheets(data)
		plainReading = false
		got := readAllSheets(data)
		if got != want {
			t.Errorf("%s: fast paths read differently:\n%s", f, firstDiff(got, want))
		}
	}
	t.Logf("%d files", len(files))
}

func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			return fmt.Sprintf("line %d:\n  fast:  %s\n  plain: %s", i+1, g[i], w[i])
		}
	}
	return fmt.Sprintf("lengths %d and %d lines", len(g), len(w))
}

// FuzzFastPathsLikePlain: wherever reading without the fast paths succeeds, reading with
// them gives the same cells. (Where it fails, the fast paths may read what the failure was
// about only if it lay in content they skip: an empty cell's reference, malformed shared
// strings after the last one used.)
func FuzzFastPathsLikePlain(f *testing.F) {
	f.Add(ws(`<row r="1"><c r="A1" t="s"><v>1</v></c><c r="B1" s="2"/></row><row r="2"><c r="A2" s="1"/><c r="B2"/></row><row r="3"><c r="A3"><v>3</v></c></row>`),
		`<sst><si><t>a</t></si><si><r><t>b</t></r></si><si><t>c</t></si></sst>`)
	f.Add(ws(`<row><c/><c s="1"></c></row><row><c t="s"><v>0</v></c></row>`), `<sst><si><t xml:space="preserve"> a&amp;b </t></si></sst>`)
	f.Fuzz(func(t *testing.T, sheet, sst string) {
		parts := []part{
			{"xl/workbook.xml", `<workbook><sheets><sheet name="A" r:id="r1"/></sheets></workbook>`},
			{"xl/_rels/workbook.xml.rels", `<Relationships><Relationship Id="r1" Type="/worksheet" Target="s.xml"/><Relationship Id="r3" Type="/sharedStrings" Target="ss.xml"/></Relationships>`},
			{"xl/s.xml", sheet},
			{"xl/ss.xml", sst},
		}
		data := makeZip(t, parts...) // deflated, so the direct inflater is used too
		plainReading = true
		want := readAllSheets(data)
		plainReading = false
		if strings.Contains(want, "error: ") || strings.HasPrefix(want, "open: ") {
			return
		}
		if got := readAllSheets(data); got != want {
			t.Fatalf("fast paths read differently:\n%s", firstDiff(got, want))
		}
	})
}

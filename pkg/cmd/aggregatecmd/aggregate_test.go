package aggregatecmd

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/vdhv/vdhv/pkg/cmdutil"
	"github.com/vdhv/vdhv/pkg/finding"
)

var update = flag.Bool("update", false, "rewrite golden files")

// copyExample copies examples/khoi-dn to a temporary folder outside any git repository,
// so receipt times come from its ledger only.
func copyExample(t *testing.T) string {
	t.Helper()
	src := filepath.Join("..", "..", "..", "examples", "khoi-dn")
	dst := filepath.Join(t.TempDir(), "khoi-dn")
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

func run(t *testing.T, ws, out string, o Options) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	o.F = &cmdutil.Factory{IO: &cmdutil.IOStreams{Out: &stdout, ErrOut: &stderr}, Lang: finding.VI, Dir: ws,
		Now: func() time.Time { return time.Date(2025, 8, 5, 9, 0, 0, 0, time.UTC) }, Getenv: func(string) string { return "" }}
	o.Output = out
	if err := Run(&o); err != nil {
		t.Fatalf("aggregate: %v\n%s", err, stderr.String())
	}
}

// dumpXLSX writes every non-empty cell as "Sheet!A1 <type> <number format> value".
func dumpXLSX(t *testing.T, path string) string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b strings.Builder
	for _, sheet := range f.GetSheetList() {
		rows, err := f.Rows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		r := 0
		for rows.Next() {
			r++
			cols, _ := rows.Columns(excelize.Options{RawCellValue: true})
			for c, v := range cols {
				if v == "" {
					continue
				}
				ref, _ := excelize.CoordinatesToCellName(c+1, r)
				typ, _ := f.GetCellType(sheet, ref)
				fmt.Fprintf(&b, "%s!%s\t%d\t%s\n", sheet, ref, typ, v)
			}
		}
		rows.Close()
	}
	return b.String()
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run go test -update and review the diff)", name)
	}
}

// TestExampleGolden aggregates the bundled example for a quarter, the half year and the
// year, and compares aggregate.json and a cell dump of tong-hop-<period>.xlsx with golden
// files. Running twice must give byte-identical files.
func TestExampleGolden(t *testing.T) {
	ws := copyExample(t)
	for _, p := range []string{"2025-Q2", "2025-H1", "2025"} {
		t.Run(p, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			run(t, ws, out, Options{Period: p})
			js, err := os.ReadFile(filepath.Join(out, "aggregate.json"))
			if err != nil {
				t.Fatal(err)
			}
			golden(t, "aggregate-"+p+".json", js)
			xl := filepath.Join(out, "tong-hop-"+p+".xlsx")
			golden(t, "tong-hop-"+p+".txt", []byte(dumpXLSX(t, xl)))

			again := filepath.Join(t.TempDir(), "again")
			run(t, ws, again, Options{Period: p})
			for _, name := range []string{"aggregate.json", "tong-hop-" + p + ".xlsx"} {
				a, _ := os.ReadFile(filepath.Join(out, name))
				b, _ := os.ReadFile(filepath.Join(again, name))
				if !bytes.Equal(a, b) {
					t.Errorf("%s differs between two runs", name)
				}
			}
		})
	}
}

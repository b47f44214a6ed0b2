package hostile

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

// go test ./pkg/hostile -run TestFixtures -update-hostile rewrites testdata/hostile/cli from
// the generators in gen.go.
var updateHostile = flag.Bool("update-hostile", false, "rewrite the committed CLI hostile fixtures in testdata/hostile/cli")

// cliDir holds the committed form-based fixtures (a folder of its own: the top level of
// testdata/hostile belongs to pkg/xlsxread's fixture test).
const cliDir = "cli"

func hostileDir(t testing.TB) string { return filepath.Join(repoRoot(t), "testdata", "hostile") }

// TestFixtures checks that every generated fixture is committed (and rewrites them with
// -update-hostile). The files are not compared byte for byte with a fresh build: they are
// inputs, and must stay hostile in the same way when the form writer changes its layout.
func TestFixtures(t *testing.T) {
	tree, err := Tree(3)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(hostileDir(t), cliDir)
	for _, fx := range Fixtures() {
		p := filepath.Join(dir, fx.Name)
		if *updateHostile {
			data, err := fx.Build(tree)
			if err != nil {
				t.Fatalf("%s: %v", fx.Name, err)
			}
			writeFile(t, p, data)
			continue
		}
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%v (run go test ./pkg/hostile -run TestFixtures -update-hostile)", err)
		}
	}
	yamlPath := filepath.Join(dir, "units-bad-codes.yaml")
	if *updateHostile {
		writeFile(t, yamlPath, []byte(BadUnitsYAML))
	}
	if got, err := os.ReadFile(yamlPath); err != nil || string(got) != BadUnitsYAML {
		t.Errorf("%s differs from BadUnitsYAML (run with -update-hostile): %v", yamlPath, err)
	}
}

// TestFixturesBuild checks that the generators still work against the current form writer:
// each edits something it must find first (a sheet, a label, a column, a marker value), and
// fails when it is gone.
func TestFixturesBuild(t *testing.T) {
	tree, err := Tree(3)
	if err != nil {
		t.Fatal(err)
	}
	for _, fx := range Fixtures() {
		if _, err := fx.Build(tree); err != nil {
			t.Errorf("%s: %v", fx.Name, err)
		}
	}
}

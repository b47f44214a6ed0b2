package gen

import (
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/vdhv/vdhv/pkg/finding"
	"github.com/vdhv/vdhv/pkg/form"
)

var update = flag.Bool("update", false, "regenerate the committed examples (examples/khoi-dn, examples/loi)")

const (
	exampleDir = "../../examples/khoi-dn"
	loiDir     = "../../examples/loi"
)

// The example workspace, generated once for the tests that read it.
var (
	exampleOnce sync.Once
	exampleDirT string
	exampleSum  *Summary
	exampleErr  error
)

func exampleSummary(t testing.TB) *Summary {
	t.Helper()
	exampleOnce.Do(func() {
		p, _ := Preset("example")
		if exampleDirT, exampleErr = os.MkdirTemp("", "vdhv-gen-example-"); exampleErr == nil {
			exampleSum, exampleErr = Generate(exampleDirT, p)
		}
	})
	if exampleErr != nil {
		t.Fatal(exampleErr)
	}
	return exampleSum
}

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	if exampleDirT != "" {
		os.RemoveAll(exampleDirT)
	}
	os.Exit(code)
}

// handWritten are the files of examples/khoi-dn the generator does not write.
var handWritten = map[string]bool{"README.md": true}

// The committed example is exactly what the generator writes today.
func TestExampleUpToDate(t *testing.T) {
	p, err := Preset("example")
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if _, err := Generate(exampleDir, p); err != nil {
			t.Fatal(err)
		}
	}
	// Compare a copy of the generated example, with the hand-written files added.
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(exampleSummary(t).Dir)); err != nil {
		t.Fatal(err)
	}
	for name := range handWritten {
		data, err := os.ReadFile(filepath.Join(exampleDir, name))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	diffTrees(t, dir, exampleDir)
	if t.Failed() {
		t.Log("regenerate with: go test ./pkg/gen -run TestExampleUpToDate -update (or go run ./cmd/vdhv-gen --preset example -o examples/khoi-dn)")
	}
}

// The example has what the reports need: the brief's shape and incidents.
func TestExampleShape(t *testing.T) {
	s := exampleSummary(t)
	tree, cfg := workspaceTree(t, s.Dir)
	if tree.Root.Name != "Đảng bộ Khối Doanh nghiệp tỉnh Hải Đông" || cfg.Place != "Hải Đông" || cfg.DeadlineDays != 10 || cfg.TargetShare != 0.8 {
		t.Errorf("root %q, place %q, deadline %d, target %v", tree.Root.Name, cfg.Place, cfg.DeadlineDays, cfg.TargetShare)
	}
	var parties, coso, direct, dissolved, founded int
	for _, u := range tree.Units() {
		switch {
		case u.Parent == nil:
		case len(u.Children) > 0:
			parties++
		default:
			coso++
			if u.Parent == tree.Root {
				direct++
			}
			if !u.ActiveUntil.IsZero() {
				dissolved++
			}
			if !u.ActiveFrom.IsZero() {
				founded++
			}
		}
	}
	if parties != 3 || coso != 15 || direct != 3 || dissolved != 1 || founded != 1 {
		t.Errorf("%d đảng ủy, %d cơ sở (%d direct), %d dissolved, %d founded", parties, coso, direct, dissolved, founded)
	}
	var quarters []string
	for _, q := range s.Quarters {
		quarters = append(quarters, q.Quarter.String())
		n := []int{len(q.Late), len(q.Missing), len(q.Invalid)}
		want := []int{0, 0, 0}
		if q.Quarter.String() == "2025-Q2" {
			want = []int{1, 1, 1}
		}
		if !reflect.DeepEqual(n, want) {
			t.Errorf("%s: late, missing, invalid = %v, want %v", q.Quarter, n, want)
		}
	}
	if got := strings.Join(quarters, " "); got != "2024-Q1 2024-Q2 2025-Q1 2025-Q2" {
		t.Errorf("quarters %s", got)
	}
	issues := map[string]bool{}
	for _, d := range s.Planted {
		issues[d.Issue] = true
	}
	if !issues[IssueUnreported] || !issues[IssueDeliveredValue] || len(issues) < 4 || len(s.ViaParty) == 0 {
		t.Errorf("reconciliation content: issues %v, %d named through the đảng ủy", issues, len(s.ViaParty))
	}
}

// Every file of examples/loi triggers exactly its intended finding, and the folder is what
// the generator writes today.
func TestErrorExamples(t *testing.T) {
	p, _ := Preset("example")
	if *update {
		if _, err := WriteErrorExamples(loiDir, p); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	exs, err := WriteErrorExamples(dir, p)
	if err != nil {
		t.Fatal(err)
	}
	diffTrees(t, dir, loiDir)
	if len(exs) < 7 {
		t.Errorf("only %d examples", len(exs))
	}
	tree, cfg := workspaceTree(t, exampleDir)
	for _, ex := range exs {
		t.Run(ex.File, func(t *testing.T) {
			path := filepath.Join(loiDir, filepath.FromSlash(ex.File))
			res := form.ReadFile(path, form.Options{Units: tree, Windows: cfg.Windows, FolderQuarter: form.QuarterFromPath(path)})
			got := codes(res)
			if !reflect.DeepEqual(got, []string{ex.Rule.Code}) {
				for _, f := range res.Findings {
					t.Log(f.Code(), f.Where(), f.Message("en"))
				}
				t.Errorf("findings %v, want exactly %s", got, ex.Rule.Code)
			}
			if (ex.Rule.Severity == finding.Error) != res.HasErrors() {
				t.Errorf("severity of %s does not match HasErrors %v", ex.Rule.Code, res.HasErrors())
			}
		})
	}
	readme, err := os.ReadFile(filepath.Join(loiDir, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, ex := range exs {
		if !strings.Contains(string(readme), "`"+ex.File+"` | "+ex.Rule.Code) {
			t.Errorf("README.md does not list %s with %s", ex.File, ex.Rule.Code)
		}
	}
}

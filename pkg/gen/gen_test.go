package gen

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/vdhv/vdhv/pkg/config"
	"github.com/vdhv/vdhv/pkg/form"
	"github.com/vdhv/vdhv/pkg/period"
	"github.com/vdhv/vdhv/pkg/units"
)

// small returns parameters of a small workspace that still has every feature: đảng ủy
// with cơ sở and one reporting for its office, direct cơ sở, dissolved and founded units,
// late, missing and invalid files (every invalid kind), the previous year.
func small() Params {
	p := DefaultParams()
	p.Seed = 42
	p.Parties, p.CoSoPerParty, p.DirectCoSo, p.SelfReporting = 3, 3, 2, 1
	p.Quarters = []int{1, 2, 3}
	p.PrevYear = true
	p.AgreementsPerUnit = 10
	p.InBlocShare = 0.4
	p.LateShare, p.MissingShare, p.InvalidShare = 0.1, 0.1, 0.25
	p.Inactive = 2
	return p
}

// workspaceTree loads the generated units.yaml and vdhv.yaml.
func workspaceTree(t testing.TB, dir string) (*units.Tree, config.Config) {
	t.Helper()
	cfg, err := config.Load(filepath.Join(dir, ConfigFile))
	if err != nil {
		t.Fatal(err)
	}
	tree, err := units.Load(filepath.Join(dir, UnitsFile), cfg.UnitOptions())
	if err != nil {
		t.Fatal(err)
	}
	return tree, cfg
}

// readFiles reads every file of the summary with the workspace's settings.
func readFiles(t testing.TB, s *Summary) map[string]*form.Result {
	t.Helper()
	tree, cfg := workspaceTree(t, s.Dir)
	out := map[string]*form.Result{}
	for _, f := range s.Files {
		path := filepath.Join(s.Dir, filepath.FromSlash(f.Path))
		out[f.Path] = form.ReadFile(path, form.Options{Units: tree, Windows: cfg.Windows, FolderQuarter: form.QuarterFromPath(path)})
	}
	return out
}

func codes(res *form.Result) []string {
	var out []string
	for _, f := range res.Findings {
		if !slices.Contains(out, f.Rule.Code) {
			out = append(out, f.Rule.Code)
		}
	}
	sort.Strings(out)
	return out
}

func generate(t testing.TB, p Params) *Summary {
	t.Helper()
	s, err := Generate(t.TempDir(), p)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestGenerateValidates(t *testing.T) {
	nd09 := small()
	nd09.Windows, nd09.Seed, nd09.DeadlineDays, nd09.Fast = period.ND09, 7, 0, true
	fast := small()
	fast.Fast = true
	example, _ := Preset("example")
	tests := []struct {
		name string
		p    Params
	}{
		{"small", small()},
		{"small-fast", fast},
		{"nd09-no-grace", nd09},
		{"example", example},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s *Summary
			if tt.name == "example" {
				s = exampleSummary(t)
			} else {
				s = generate(t, tt.p)
			}
			results := readFiles(t, s)
			rules := map[string]bool{}
			for _, f := range s.Files {
				res := results[f.Path]
				if f.Status == StatusInvalid {
					if !res.HasErrors() || !slices.Contains(codes(res), f.Rule) {
						t.Errorf("%s: invalid by design (%s) but read with %v", f.Path, f.Rule, codes(res))
					}
					rules[f.Rule] = true
					continue
				}
				for _, fd := range res.Findings {
					t.Errorf("%s: unexpected finding %s", f.Path, fd.Rule.Code)
				}
				if sub := res.Submission; sub != nil && (sub.Info.UnitCode != f.Unit || sub.Info.Quarter != f.Quarter) {
					t.Errorf("%s: reads as %s %s", f.Path, sub.Info.UnitCode, sub.Info.Quarter)
				}
			}
			if tt.name == "small" && len(rules) != len(invalidKinds) {
				t.Errorf("invalid kinds used: %v, want all %d", rules, len(invalidKinds))
			}
			checkSummary(t, s, tt.p)
		})
	}
}

// checkSummary checks the summary against the files on disk and the parameters.
func checkSummary(t *testing.T, s *Summary, p Params) {
	t.Helper()
	onDisk := map[string]bool{}
	err := filepath.WalkDir(filepath.Join(s.Dir, SubmissionsDir), func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && d.Name() != LedgerFile {
			rel, _ := filepath.Rel(s.Dir, path)
			onDisk[filepath.ToSlash(rel)] = true
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(onDisk) != len(s.Files) {
		t.Errorf("%d files on disk, summary lists %d", len(onDisk), len(s.Files))
	}
	byUnitQ := map[string]File{}
	for _, f := range s.Files {
		if !onDisk[f.Path] {
			t.Errorf("summary lists %s, not on disk", f.Path)
		}
		byUnitQ[f.Unit+" "+f.Quarter.String()] = f
	}
	tree, _ := workspaceTree(t, s.Dir)
	if len(s.Quarters) != len(p.quarters()) {
		t.Fatalf("%d quarters, want %d", len(s.Quarters), len(p.quarters()))
	}
	for _, qs := range s.Quarters {
		var want []string
		for _, u := range tree.Expected(qs.Quarter) {
			want = append(want, u.Code)
		}
		if !reflect.DeepEqual(qs.Expected, want) {
			t.Errorf("%s: expected %v, units.yaml says %v", qs.Quarter, qs.Expected, want)
		}
		if n := len(qs.OnTime) + len(qs.Late) + len(qs.Missing) + len(qs.Invalid); n != len(qs.Expected) {
			t.Errorf("%s: statuses cover %d of %d units", qs.Quarter, n, len(qs.Expected))
		}
		if !p.incidentIn(qs.Quarter) && len(qs.Late)+len(qs.Missing)+len(qs.Invalid) > 0 {
			t.Errorf("%s: incidents outside the incident quarters", qs.Quarter)
		}
		check := func(codes []string, status string) {
			for _, c := range codes {
				f, ok := byUnitQ[c+" "+qs.Quarter.String()]
				switch {
				case status == "" && ok:
					t.Errorf("%s %s is missing but has %s", c, qs.Quarter, f.Path)
				case status != "" && (!ok || f.Status != status):
					t.Errorf("%s %s: want a file with status %s, got %+v", c, qs.Quarter, status, f)
				}
			}
		}
		check(qs.OnTime, StatusOnTime)
		check(qs.Late, StatusLate)
		check(qs.Invalid, StatusInvalid)
		check(qs.Missing, "")
	}
	// Receipt times: on time before the deadline, late after it; prepared before received.
	cfgW := p.Windows
	for _, f := range s.Files {
		if f.Status == StatusInvalid {
			if !f.Received.IsZero() {
				t.Errorf("%s: invalid file with a receipt", f.Path)
			}
			continue
		}
		onTime := period.OnTime(f.Received, cfgW.Deadline(f.Quarter, p.DeadlineDays))
		if onTime != (f.Status == StatusOnTime) {
			t.Errorf("%s: %s but received %v", f.Path, f.Status, f.Received)
		}
		if _, last := cfgW.QuarterRange(f.Quarter); f.Received.Before(last) {
			t.Errorf("%s: received %v before the quarter ended", f.Path, f.Received)
		}
	}
}

func TestLedger(t *testing.T) {
	p := small()
	p.Fast = true
	s := generate(t, p)
	data, err := os.ReadFile(filepath.Join(s.Dir, SubmissionsDir, LedgerFile))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if len(lines) != s.Receipts {
		t.Fatalf("%d ledger lines, summary says %d", len(lines), s.Receipts)
	}
	valid := 0
	for _, f := range s.Files {
		if f.Status != StatusInvalid {
			valid++
		}
	}
	if s.Receipts != valid {
		t.Errorf("%d receipts for %d valid files", s.Receipts, valid)
	}
	if !sort.StringsAreSorted(lines) { // RFC 3339 in one zone sorts by time
		t.Errorf("ledger is not in the order received")
	}
}

func TestDeterministic(t *testing.T) {
	tiny := small()
	tiny.Parties, tiny.CoSoPerParty, tiny.DirectCoSo, tiny.Quarters = 2, 2, 1, []int{2}
	for _, fast := range []bool{false, true} {
		p := small()
		if !fast {
			p = tiny
		}
		p.Fast = fast
		p.Workers = 1
		a := generate(t, p)
		p.Workers = 3
		b := generate(t, p)
		if !reflect.DeepEqual(stripDir(a), stripDir(b)) {
			t.Errorf("fast=%v: summaries differ", fast)
		}
		diffTrees(t, a.Dir, b.Dir)
	}
	// A different seed gives a different workspace.
	p := tiny
	p.Fast = true
	a := generate(t, p)
	p.Seed++
	b := generate(t, p)
	if reflect.DeepEqual(stripDir(a).Files, stripDir(b).Files) {
		t.Errorf("seeds %d and %d give the same files", p.Seed-1, p.Seed)
	}
}

func stripDir(s *Summary) Summary {
	c := *s
	c.Dir = ""
	return c
}

// diffTrees reports files that differ between two folders (both ways).
func diffTrees(t *testing.T, a, b string) {
	t.Helper()
	list := func(root string) map[string][]byte {
		m := map[string][]byte{}
		_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				rel, _ := filepath.Rel(root, path)
				data, rerr := os.ReadFile(path)
				if rerr != nil {
					t.Fatal(rerr)
				}
				m[filepath.ToSlash(rel)] = data
			}
			return err
		})
		return m
	}
	ma, mb := list(a), list(b)
	for name, da := range ma {
		db, ok := mb[name]
		switch {
		case !ok:
			t.Errorf("%s: only in %s", name, a)
		case !bytes.Equal(da, db):
			t.Errorf("%s: differs", name)
		}
	}
	for name := range mb {
		if _, ok := ma[name]; !ok {
			t.Errorf("%s: only in %s", name, b)
		}
	}
}

// The fast writer must give workbooks that read exactly like form.Write's.
func TestFastMatchesExact(t *testing.T) {
	// More rows than the template's formatted input rows, and the ND09 windows.
	many := small()
	many.Parties, many.CoSoPerParty, many.DirectCoSo, many.Inactive = 1, 2, 0, 0
	many.Quarters, many.PrevYear, many.AgreementsPerUnit = []int{1, 2}, false, MaxAgreementsPerUnit
	many.Windows = period.ND09
	tmplOrder := small()
	tmplOrder.SSTOrder = SSTOrderTemplate
	for name, p := range map[string]Params{"small": small(), "many-rows-nd09": many, "small-template-sst": tmplOrder} {
		t.Run(name, func(t *testing.T) {
			rows := fastMatchesExact(t, p)
			if name == "many-rows-nd09" && rows <= form.InputRows {
				t.Errorf("at most %d agreement rows: the rows beyond the template's are not tested", rows)
			}
		})
	}
}

// fastMatchesExact returns the largest number of agreement rows in a file.
func fastMatchesExact(t *testing.T, p Params) (maxRows int) {
	exact := generate(t, p)
	p.Fast = true
	fast := generate(t, p)
	re, rf := readFiles(t, exact), readFiles(t, fast)
	if len(exact.Files) != len(fast.Files) {
		t.Fatalf("%d files exact, %d fast", len(exact.Files), len(fast.Files))
	}
	for _, f := range exact.Files {
		a, b := re[f.Path], rf[f.Path]
		if b == nil {
			t.Errorf("%s: not written by the fast writer", f.Path)
			continue
		}
		if !reflect.DeepEqual(codes(a), codes(b)) {
			t.Errorf("%s: findings %v exact, %v fast", f.Path, codes(a), codes(b))
		}
		if a.Submission == nil || b.Submission == nil {
			if (a.Submission == nil) != (b.Submission == nil) {
				t.Errorf("%s: one writer's file opens, the other's does not", f.Path)
			}
			continue
		}
		maxRows = max(maxRows, len(a.Submission.Agreements))
		sa, sb := *a.Submission, *b.Submission
		sa.Path, sb.Path, sa.Fingerprint, sb.Fingerprint = "", "", "", ""
		if !reflect.DeepEqual(sa, sb) {
			t.Errorf("%s: reads differently:\nexact %+v\nfast  %+v", f.Path, sa, sb)
		}
	}
	return maxRows
}

func TestGenerateRefusesForeignFolder(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "ghi-chu.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Generate(dir, small()); err == nil {
		t.Fatal("Generate wrote into a folder it did not make")
	}
	// A generated folder is replaced, keeping other files.
	gdir := t.TempDir()
	p := small()
	p.Fast = true
	if _, err := Generate(gdir, p); err != nil {
		t.Fatal(err)
	}
	readme := filepath.Join(gdir, "README.md")
	if err := os.WriteFile(readme, []byte("giữ lại"), 0o644); err != nil {
		t.Fatal(err)
	}
	p.Quarters = []int{1}
	p.PrevYear = false
	s, err := Generate(gdir, p)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(readme); err != nil {
		t.Errorf("README.md was removed: %v", err)
	}
	if _, err := os.Stat(filepath.Join(gdir, SubmissionsDir, "2025", "Q2")); err == nil {
		t.Errorf("the earlier quarter Q2 was left behind")
	}
	checkSummary(t, s, p)
}

func TestEnsure(t *testing.T) {
	dir := t.TempDir()
	p := small()
	p.Quarters, p.PrevYear, p.Fast = []int{1}, false, true
	s, err := Ensure(dir, p)
	if err != nil || s == nil {
		t.Fatalf("first Ensure: %v, %v", s, err)
	}
	if s, err = Ensure(dir, p); err != nil || s != nil {
		t.Fatalf("second Ensure regenerated: %v, %v", s, err)
	}
	p.Seed++
	if s, err = Ensure(dir, p); err != nil || s == nil {
		t.Fatalf("Ensure with other params did not regenerate: %v, %v", s, err)
	}
	// An interrupted run (incomplete marker) is regenerated.
	if err := os.WriteFile(filepath.Join(dir, MarkerFile), []byte(markerIncomplete), 0o644); err != nil {
		t.Fatal(err)
	}
	if s, err = Ensure(dir, p); err != nil || s == nil {
		t.Fatalf("Ensure after an interrupted run: %v, %v", s, err)
	}
}

func TestParamsCheck(t *testing.T) {
	tests := []struct {
		name string
		edit func(p *Params)
	}{
		{"bad bloc code", func(p *Params) { p.BlocCode = "KHỐI" }},
		{"empty bloc name", func(p *Params) { p.BlocName = " " }},
		{"empty place", func(p *Params) { p.Place = "" }},
		{"negative parties", func(p *Params) { p.Parties = -1 }},
		{"party without cơ sở", func(p *Params) { p.CoSoPerParty = 0 }},
		{"too many cơ sở", func(p *Params) { p.CoSoPerParty = 100 }},
		{"no cơ sở at all", func(p *Params) { p.Parties, p.DirectCoSo = 0, 0 }},
		{"self-reporting above parties", func(p *Params) { p.SelfReporting = p.Parties + 1 }},
		{"inactive above cơ sở", func(p *Params) { p.Inactive = 1000 }},
		{"year", func(p *Params) { p.Year = 20250 }},
		{"year before the reader's", func(p *Params) { p.Year = minYear - 1 }},
		{"year after the reader's", func(p *Params) { p.Year = maxYear + 1 }},
		{"no quarter", func(p *Params) { p.Quarters = nil }},
		{"quarter 5", func(p *Params) { p.Quarters = []int{5} }},
		{"incident quarter 0", func(p *Params) { p.IncidentQuarters = []int{0} }},
		{"share above 1", func(p *Params) { p.InBlocShare = 1.5 }},
		{"negative share", func(p *Params) { p.LateShare = -0.1 }},
		{"shares above 1 together", func(p *Params) { p.LateShare, p.MissingShare, p.InvalidShare = 0.5, 0.4, 0.2 }},
		{"agreements", func(p *Params) { p.AgreementsPerUnit = 1000 }},
		{"deadline", func(p *Params) { p.DeadlineDays = 121 }},
		{"target", func(p *Params) { p.TargetShare = 0 }},
		{"windows", func(p *Params) { p.Windows = 7 }},
		{"workers", func(p *Params) { p.Workers = -2 }},
		{"shared string order", func(p *Params) { p.SSTOrder = "excelize" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := DefaultParams()
			tt.edit(&p)
			if _, err := Generate(t.TempDir(), p); err == nil {
				t.Errorf("accepted")
			}
		})
	}
	for _, name := range Presets {
		p, err := Preset(name)
		if err != nil {
			t.Fatal(err)
		}
		if err := p.check(); err != nil {
			t.Errorf("preset %s: %v", name, err)
		}
	}
	if _, err := Preset("khong-co"); err == nil {
		t.Errorf("unknown preset accepted")
	}
}

// Edge parameters still give a workspace whose valid files read without a finding.
func TestEdgeParams(t *testing.T) {
	base := func() Params {
		p := DefaultParams()
		p.Parties, p.CoSoPerParty, p.DirectCoSo, p.SelfReporting, p.Inactive = 1, 2, 1, 0, 0
		p.Quarters, p.AgreementsPerUnit, p.Fast = []int{4}, 5, true
		return p
	}
	tests := []struct {
		name string
		edit func(p *Params)
	}{
		{"only direct cơ sở", func(p *Params) { p.Parties, p.DirectCoSo = 0, 3 }},
		{"one cơ sở", func(p *Params) { p.Parties, p.DirectCoSo = 0, 1; p.InBlocShare = 1 }},
		{"no agreements", func(p *Params) { p.AgreementsPerUnit = 0 }},
		{"all in bloc", func(p *Params) { p.InBlocShare = 1 }},
		{"everyone missing", func(p *Params) { p.LateShare, p.MissingShare, p.InvalidShare = 0, 1, 0 }},
		{"everyone invalid", func(p *Params) { p.LateShare, p.MissingShare, p.InvalidShare = 0, 0, 1 }},
		{"every cơ sở inactive, one quarter", func(p *Params) { p.Inactive = 3 }},
		{"earliest year with the previous one", func(p *Params) { p.Year, p.PrevYear, p.Quarters = minYear, true, []int{1, 4} }},
		{"last year", func(p *Params) { p.Year, p.Quarters = maxYear, []int{3, 4} }},
		{"duplicate quarters", func(p *Params) { p.Quarters = []int{2, 2, 1} }},
		{"every đảng ủy reports", func(p *Params) { p.Parties, p.SelfReporting = 3, 3 }},
		{"nd09, no grace, exact", func(p *Params) { p.Windows, p.DeadlineDays, p.Fast, p.Quarters = period.ND09, 0, false, []int{1} }},
		{"long place", func(p *Params) { p.Place = strings.Repeat("Đông ", 19) + "Hải" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := base()
			tt.edit(&p)
			s := generate(t, p)
			for path, res := range readFiles(t, s) {
				var f File
				for _, x := range s.Files {
					if x.Path == path {
						f = x
					}
				}
				if f.Status != StatusInvalid && len(res.Findings) > 0 {
					t.Errorf("%s: %v", path, codes(res))
				}
				if f.Status == StatusInvalid && !res.HasErrors() {
					t.Errorf("%s: invalid by design, read without errors", path)
				}
			}
			checkSummary(t, s, p)
		})
	}
}

package engine

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/vdhv/vdhv/pkg/finding"
	"github.com/vdhv/vdhv/pkg/form"
	"github.com/vdhv/vdhv/pkg/gen"
	"github.com/vdhv/vdhv/pkg/period"
	"github.com/vdhv/vdhv/pkg/workspace"
	"github.com/vdhv/vdhv/pkg/xlsxread"
)

// copyDir copies a folder tree (the bundled example) so that tests can add files to it.
func copyDir(t testing.TB, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		out := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(out, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(out, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// exampleWithRollups is examples/khoi-dn plus, in 2025-Q1, the roll-up of DU-XD (built
// from its units' files, two of which are then removed so that only the roll-up speaks
// for them, one kept so that it is counted twice: VDHV-E110), a second copy of a unit's
// file (VDHV-E111) and an unreadable file.
func exampleWithRollups(t testing.TB) *workspace.Workspace {
	t.Helper()
	dir := t.TempDir()
	copyDir(t, filepath.Join("..", "..", "examples", "khoi-dn"), dir)
	ws, err := workspace.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	q := period.Quarter{Year: 2025, Q: 1}
	qdir := filepath.Join(dir, "submissions", "2025", "Q1")
	du := ws.Units.Lookup("DU-XD")
	roll := form.Blank(du, q, true)
	roll.Purchases, roll.Activities, roll.Covered = nil, nil, nil
	roll.Info.Preparer = "test"
	_, last := ws.Config.Windows.QuarterRange(q)
	roll.Info.Prepared = last
	for _, code := range []string{"DU-XD-01", "DU-XD-02", "DU-XD-03"} {
		res := form.ReadFile(filepath.Join(qdir, code+".xlsx"), form.Options{Units: ws.Units, Windows: ws.Config.Windows, FolderQuarter: q})
		if res.HasErrors() {
			t.Fatalf("%s: %v", code, res.Findings)
		}
		s := res.Submission
		for _, a := range s.Agreements {
			a.Unit = code
			roll.Agreements = append(roll.Agreements, a)
		}
		for _, x := range s.Purchases {
			x.Unit = code
			roll.Purchases = append(roll.Purchases, x)
		}
		for _, x := range s.Checks {
			x.Unit = code
			roll.Checks = append(roll.Checks, x)
		}
		for _, x := range s.Activities {
			x.Unit = code
			roll.Activities = append(roll.Activities, x)
		}
		roll.Covered = append(roll.Covered, form.CoveredUnit{Code: code, Name: ws.Units.Lookup(code).Name, Status: form.CoverReported})
	}
	if err := form.WriteFile(filepath.Join(qdir, "DU-XD"+workspace.RollupSuffix+".xlsx"), roll, form.WriteOptions{Units: ws.Units, Windows: ws.Config.Windows}); err != nil {
		t.Fatal(err)
	}
	for _, code := range []string{"DU-XD-01", "DU-XD-02"} {
		if err := os.Remove(filepath.Join(qdir, code+".xlsx")); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(filepath.Join(qdir, "DUK-01.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(qdir, "DUK-01 (ban sao).xlsx"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(qdir, "hong.xlsx"), []byte("not a workbook"), 0o644); err != nil {
		t.Fatal(err)
	}
	return ws
}

// outcomeText renders everything an Outcome tells the commands: aggregate.json of the
// period and of the previous year, the register and reconciliation, the statuses, the
// invalid files' findings and the problems.
func outcomeText(t testing.TB, o *Outcome) string {
	t.Helper()
	var b bytes.Buffer
	if err := o.Result.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	if o.Prev != nil {
		if err := o.Prev.WriteJSON(&b); err != nil {
			t.Fatal(err)
		}
	}
	r := o.Result
	fmt.Fprintf(&b, "register %+v\nreconciliation %+v\nproblems %+v\nin-bloc %v\ncooperation %+v\n",
		r.Register, r.Reconciliation, r.Problems, r.InBlocUnits, r.Cooperation)
	for _, s := range o.Statuses {
		p := ""
		if s.Entry != nil {
			p = s.Entry.Path
		}
		b.WriteString("\n" + s.Unit.Code + " " + s.Quarter.String() + " " + s.Status + " " + p + " " + s.Received.String())
	}
	finding.WriteText(&b, o.Invalid, finding.EN, false)
	finding.WriteText(&b, []finding.FileReport{{Path: "problems", Findings: o.Problems}}, finding.EN, false)
	return b.String()
}

func runOK(t testing.TB, ws *workspace.Workspace, p period.Period, opt Options) *Outcome {
	t.Helper()
	o, err := Run(ws, p, opt)
	if err != nil {
		t.Fatalf("Run(%+v): %v", opt, err)
	}
	return o
}

// TestStreamingMatchesReference: the streaming pipeline (1 or N readers, cache cold,
// warm and damaged) gives the same Outcome as the straightforward one, on the example
// with roll-ups, conflicts and broken files, and on a generated bloc.
func TestStreamingMatchesReference(t *testing.T) {
	ex := exampleWithRollups(t)
	genDir := t.TempDir()
	p := gen.DefaultParams()
	p.Parties, p.CoSoPerParty, p.DirectCoSo = 3, 5, 2
	p.Quarters = []int{1, 2, 3, 4}
	p.PrevYear = true
	p.Fast = true
	if _, err := gen.Generate(genDir, p); err != nil {
		t.Fatal(err)
	}
	gws, err := workspace.Open(genDir)
	if err != nil {
		t.Fatal(err)
	}
	// The same bloc with its strings in the template's order (the reader's worst case).
	worstDir := t.TempDir()
	p.SSTOrder = gen.SSTOrderTemplate
	if _, err := gen.Generate(worstDir, p); err != nil {
		t.Fatal(err)
	}
	wws, err := workspace.Open(worstDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		ws   *workspace.Workspace
		p    string
	}{{"example 2025-H1", ex, "2025-H1"}, {"example 2025-Q1", ex, "2025-Q1"}, {"generated 2025", gws, "2025"}, {"generated, template string order, 2025", wws, "2025"}} {
		per, err := period.ParsePeriod(tc.p)
		if err != nil {
			t.Fatal(err)
		}
		// The unoptimised path: every submission read whole by the reader without its fast
		// paths, kept, then aggregated at once.
		restore := xlsxread.PlainReading(true)
		want := outcomeText(t, runOK(t, tc.ws, per, Options{Reference: true, CacheDir: "off"}))
		restore()
		if tc.name == "example 2025-Q1" {
			for _, s := range []string{"VDHV-E110", "VDHV-E111", "hong.xlsx"} {
				if !strings.Contains(want, s) {
					t.Fatalf("the fixture lacks %s:\n%s", s, want)
				}
			}
		}
		cache := t.TempDir()
		for _, run := range []struct {
			name       string
			opt        Options
			hits, miss bool
		}{
			{"no cache, 1 reader", Options{CacheDir: "off", Workers: 1}, false, false},
			{"no cache, 3 readers", Options{CacheDir: "off", Workers: 3}, false, false},
			{"cold cache", Options{CacheDir: cache}, false, true},
			{"warm cache", Options{CacheDir: cache, Workers: 2}, true, false},
		} {
			o := runOK(t, tc.ws, per, run.opt)
			if got := outcomeText(t, o); got != want {
				t.Fatalf("%s, %s: differs from the reference:\n%s", tc.name, run.name, firstDiff(got, want))
			}
			// (A cold cache may hit: the example has two files with the same content.)
			if (run.hits && o.CacheHits == 0) || (o.CacheMisses > 0) != run.miss || (run.opt.CacheDir == "off" && o.CacheHits > 0) {
				t.Errorf("%s, %s: %d cache hits, %d misses", tc.name, run.name, o.CacheHits, o.CacheMisses)
			}
		}
		// Damage every cache entry: the files are read afresh, with the same outcome.
		damaged := 0
		filepath.WalkDir(cache, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				data, _ := os.ReadFile(p)
				data[len(data)/2] ^= 0x55
				os.WriteFile(p, data, 0o600)
				damaged++
			}
			return nil
		})
		o := runOK(t, tc.ws, per, Options{CacheDir: cache})
		if got := outcomeText(t, o); got != want {
			t.Fatalf("%s, damaged cache: differs:\n%s", tc.name, firstDiff(got, want))
		}
		if damaged == 0 || o.CacheMisses < damaged {
			t.Errorf("%s: %d entries damaged, %d misses", tc.name, damaged, o.CacheMisses)
		}
	}
}

// TestCacheFollowsContent: a file changed in place with the same name, size and
// modification time is read afresh (the key is the content), and so is every file when
// units.yaml changes.
func TestCacheFollowsContent(t *testing.T) {
	ws := exampleWithRollups(t)
	per, _ := period.ParsePeriod("2025-Q2")
	cache := t.TempDir()
	runOK(t, ws, per, Options{CacheDir: cache})
	qdir := filepath.Join(ws.Root, "submissions", "2025", "Q2")
	a, b := filepath.Join(qdir, "DUK-02.xlsx"), filepath.Join(qdir, "DUK-03.xlsx")
	sa, _ := os.Stat(a)
	da, _ := os.ReadFile(a)
	db, _ := os.ReadFile(b)
	if len(da) == len(db) {
		t.Skip("need two files of different sizes")
	}
	// Swap the contents, keeping names and times (sizes differ, which the key ignores).
	os.WriteFile(a, db, 0o644)
	os.WriteFile(b, da, 0o644)
	os.Chtimes(a, sa.ModTime(), sa.ModTime())
	o := runOK(t, ws, per, Options{CacheDir: cache})
	want := outcomeText(t, runOK(t, ws, per, Options{Reference: true}))
	if got := outcomeText(t, o); got != want {
		t.Fatalf("after swapping two files: differs:\n%s", firstDiff(got, want))
	}
	if o.CacheMisses != 0 {
		t.Errorf("swapped contents are both in the cache already: %d misses", o.CacheMisses)
	}
	// The same content in another quarter's folder is judged against that folder.
	q1, _ := period.ParsePeriod("2025-Q1")
	runOK(t, ws, q1, Options{CacheDir: cache})
	data, _ := os.ReadFile(filepath.Join(ws.Root, "submissions", "2025", "Q1", "DU-VT-01.xlsx"))
	os.WriteFile(filepath.Join(qdir, "cu.xlsx"), data, 0o644)
	o = runOK(t, ws, per, Options{CacheDir: cache})
	want = outcomeText(t, runOK(t, ws, per, Options{Reference: true}))
	if got := outcomeText(t, o); got != want || !strings.Contains(got, "cu.xlsx") {
		t.Fatalf("a Q1 file in Q2's folder: differs:\n%s", firstDiff(got, want))
	}
	units, _ := os.ReadFile(filepath.Join(ws.Root, workspace.UnitsFile))
	os.WriteFile(filepath.Join(ws.Root, workspace.UnitsFile), append(units, []byte("\n# changed\n")...), 0o644)
	ws2, err := workspace.Open(ws.Root)
	if err != nil {
		t.Fatal(err)
	}
	o = runOK(t, ws2, per, Options{CacheDir: cache})
	if o.CacheHits != 0 || o.CacheMisses == 0 {
		t.Errorf("after units.yaml changed: %d hits, %d misses", o.CacheHits, o.CacheMisses)
	}
}

// firstDiff shows the first differing line of two texts.
func firstDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(la) && i < len(lb); i++ {
		if la[i] != lb[i] {
			return "line " + strconv.Itoa(i+1) + ":\n  got  " + la[i] + "\n  want " + lb[i]
		}
	}
	return "lengths " + strconv.Itoa(len(la)) + " vs " + strconv.Itoa(len(lb))
}

// TestStatusOnly: the statuses of the light, cached scan are those of the full scan, and a
// later aggregation finds every valid file in the cache StatusOnly filled.
func TestStatusOnly(t *testing.T) {
	ex := exampleWithRollups(t)
	for _, ps := range []string{"2025-Q1", "2025-H1"} {
		p, err := period.ParsePeriod(ps)
		if err != nil {
			t.Fatal(err)
		}
		_, want, err := Status(ex, p, nil)
		if err != nil {
			t.Fatal(err)
		}
		cache := t.TempDir()
		for _, run := range []string{"cold", "warm"} {
			got, err := StatusOnly(ex, p, nil, cache)
			if err != nil {
				t.Fatal(err)
			}
			if g, w := statusText(got), statusText(want); g != w {
				t.Fatalf("%s %s: statuses differ:\n%s", ps, run, firstDiff(g, w))
			}
		}
		out := runOK(t, ex, p, Options{CacheDir: cache, NoPrevious: true})
		if out.CacheMisses != 0 {
			t.Errorf("%s: aggregation after StatusOnly read %d files again", ps, out.CacheMisses)
		}
	}
}

func statusText(st []workspace.UnitStatus) string {
	var b strings.Builder
	for _, s := range st {
		fmt.Fprintf(&b, "%s %s %s rollup=%v received=%s/%v", s.Unit.Code, s.Quarter, s.Status, s.Rollup, s.Received.Format(time.RFC3339), s.ReceivedKnown)
		if s.Entry != nil {
			fmt.Fprintf(&b, " %s valid=%v", s.Entry.Path, s.Entry.Valid())
		}
		for _, c := range s.Conflicts {
			fmt.Fprintf(&b, " conflict=%s", c.Path)
		}
		b.WriteString("\n")
	}
	return b.String()
}

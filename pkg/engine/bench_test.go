package engine

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/vdhv/vdhv/pkg/aggregate"
	"github.com/vdhv/vdhv/pkg/form"
	"github.com/vdhv/vdhv/pkg/gen"
	"github.com/vdhv/vdhv/pkg/period"
	"github.com/vdhv/vdhv/pkg/workspace"
	"github.com/vdhv/vdhv/pkg/xlsxread"
)

// nationalWorkspace is the workspace `make bench` generates (.bench/national-v<gen.Version>
// at the module root: 40 đảng ủy × 50 cơ sở, 2025-Q1..Q4, ~7,650 files); it is generated
// here when missing (about a minute, once).
func nationalWorkspace(b *testing.B) *workspace.Workspace {
	b.Helper()
	dir := filepath.Join("..", "..", ".bench", "national-v"+strconv.Itoa(gen.Version))
	p, err := gen.Preset("national")
	if err != nil {
		b.Fatal(err)
	}
	if _, err := gen.Ensure(dir, p); err != nil {
		b.Fatal(err)
	}
	ws, err := workspace.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	return ws
}

// sampleFiles reads the first n files of the national 2025-Q1.
func sampleFiles(b *testing.B, ws *workspace.Workspace, n int) [][]byte {
	files, _ := filepath.Glob(filepath.Join(ws.Root, "submissions", "2025", "Q1", "*.xlsx"))
	var out [][]byte
	for _, f := range files[:min(n, len(files))] {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, data)
	}
	return out
}

// BenchmarkFloorPerFile is the floor of reading one national file: unzip and tokenize
// its workbook, styles, shared strings and every sheet (xlsxread.TokenizeAll).
func BenchmarkFloorPerFile(b *testing.B) {
	files := sampleFiles(b, nationalWorkspace(b), 200)
	var n int64
	i := 0
	b.ResetTimer()
	defer reportCPU(b)()
	for b.Loop() {
		m, _ := xlsxread.TokenizeAll(files[i%len(files)], xlsxread.Limits{})
		n += m
		i++
	}
	b.SetBytes(n / int64(i))
}

// BenchmarkReadPerFile reads and validates one national file (form.ReadBytes).
func BenchmarkReadPerFile(b *testing.B) {
	ws := nationalWorkspace(b)
	files := sampleFiles(b, ws, 200)
	opt := form.Options{Units: ws.Units, Windows: ws.Config.Windows, FolderQuarter: period.Quarter{Year: 2025, Q: 1}}
	i := 0
	b.ReportAllocs()
	b.ResetTimer()
	defer reportCPU(b)()
	for b.Loop() {
		form.ReadBytes(files[i%len(files)], "f.xlsx", opt)
		i++
	}
}

// BenchmarkDigestPerFile is what a cold scan does with a file after reading it: its
// digest, in binary form.
func BenchmarkDigestPerFile(b *testing.B) {
	ws := nationalWorkspace(b)
	files := sampleFiles(b, ws, 50)
	opt := form.Options{Units: ws.Units, Windows: ws.Config.Windows, FolderQuarter: period.Quarter{Year: 2025, Q: 1}}
	var subs []*form.Submission
	for _, f := range files {
		if r := form.ReadBytes(f, "f.xlsx", opt); r.Submission != nil && !r.HasErrors() {
			subs = append(subs, r.Submission)
		}
	}
	i := 0
	b.ReportAllocs()
	b.ResetTimer()
	defer reportCPU(b)()
	for b.Loop() {
		if _, err := aggregate.NewDigest(subs[i%len(subs)]).AppendBinary(nil); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkRunWarm is engine.Run of the national 2025 when every file is in the scan
// cache (a re-run): hashing 8,000 files and merging their digests.
func BenchmarkRunWarm(b *testing.B) {
	ws := nationalWorkspace(b)
	p, _ := period.ParsePeriod("2025")
	opt := Options{CacheDir: b.TempDir(), NoPrevious: true}
	if _, err := Run(ws, p, opt); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	defer reportCPU(b)()
	for b.Loop() {
		out, err := Run(ws, p, opt)
		if err != nil {
			b.Fatal(err)
		}
		if out.CacheMisses != 0 {
			b.Fatalf("%d cache misses", out.CacheMisses)
		}
	}
}

// reportCPU starts measuring the metric cpu-ns/op, the process's CPU time per operation
// (which a shared machine distorts much less than ns/op, wall time); call the returned
// function when the loop is done.
func reportCPU(b *testing.B) func() {
	cpu0 := processCPU()
	return func() {
		if b.N > 0 && cpu0 > 0 {
			b.ReportMetric(float64(processCPU()-cpu0)/float64(b.N), "cpu-ns/op")
		}
	}
}

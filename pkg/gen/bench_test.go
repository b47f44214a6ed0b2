package gen

import (
	"testing"
	"time"
)

func benchGenerate(b *testing.B, p Params) {
	b.Helper()
	var files int
	var elapsed time.Duration
	for b.Loop() {
		dir := b.TempDir()
		start := time.Now()
		s, err := Generate(dir, p)
		if err != nil {
			b.Fatal(err)
		}
		elapsed += time.Since(start)
		files += len(s.Files)
	}
	if files > 0 {
		b.ReportMetric(float64(elapsed.Microseconds())/1000/float64(files), "ms/file")
	}
}

// The typical workspace (53 reporting units, 2 quarters), both writers.
func BenchmarkGenerateTypical(b *testing.B) {
	for _, fast := range []bool{false, true} {
		name := "exact"
		if fast {
			name = "fast"
		}
		b.Run(name, func(b *testing.B) {
			p := DefaultParams()
			p.Fast = fast
			benchGenerate(b, p)
		})
	}
}

// The national preset: 2,000 cơ sở × 4 quarters, about 7,700 files and 800 MB. The goal is
// well under 2 minutes on 2 cores (one iteration takes about a minute of wall time on a
// busy 2-core machine; skipped with -short).
func BenchmarkGenerateNational(b *testing.B) {
	if testing.Short() {
		b.Skip("national workspace skipped with -short")
	}
	p, _ := Preset("national")
	benchGenerate(b, p)
}

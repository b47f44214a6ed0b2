package form

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzReadBytes: the whole reader (sniffing, unzip, sheets, every cell rule) never panics
// and always names the file in its findings. Seeded with a valid filled form and every
// hostile fixture and the rule fixtures of testdata/form.
func FuzzReadBytes(f *testing.F) {
	tree := rulesTree(f)
	f.Add(rulesWrite(f, baseSubmission(tree), tree))
	hostile, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "hostile", "*"))
	forms, _ := filepath.Glob(filepath.Join("testdata", "form", "*", "*.xlsx"))
	hostile = append(hostile, forms...)
	for _, p := range hostile {
		if data, err := os.ReadFile(p); err == nil && len(data) < 1<<20 {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		res := ReadBytes(data, "fuzz.xlsx", Options{Units: tree, FolderQuarter: q2})
		for _, x := range res.Findings {
			if x.File != "fuzz.xlsx" || x.Rule == nil {
				t.Fatalf("finding without file or rule: %+v", x)
			}
			_ = x.Full("vi")
		}
	})
}

// BenchmarkReadTypical reads and validates one typical submission (~30 agreements, 7
// procurement rows, 5 checks, 9 activities, an evaluation) from memory.
func BenchmarkReadTypical(b *testing.B) {
	tree := rulesTree(b)
	s := baseSubmission(tree)
	for len(s.Agreements) < 30 {
		a := s.Agreements[1]
		a.Number = a.Number + "-" + string(rune('A'+len(s.Agreements)))
		s.Agreements = append(s.Agreements, a)
	}
	for len(s.Checks) < 5 {
		s.Checks = append(s.Checks, s.Checks[0])
	}
	data := rulesWrite(b, s, tree)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		res := ReadBytes(data, "typical.xlsx", Options{Units: tree, FolderQuarter: q2})
		if res.HasErrors() {
			b.Fatal(codes(res.Findings))
		}
	}
}

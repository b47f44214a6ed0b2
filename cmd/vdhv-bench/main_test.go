package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vdhv/vdhv/pkg/gen"
)

func TestMedian(t *testing.T) {
	for _, tc := range []struct {
		in   []int64
		want int64
	}{{nil, 0}, {[]int64{5}, 5}, {[]int64{9, 1, 5}, 5}, {[]int64{4, 1, 3, 2}, 2}} {
		if got := median(tc.in); got != tc.want {
			t.Errorf("median(%v) = %d, want %d", tc.in, got, tc.want)
		}
	}
	if got := median([]time.Duration{3, 1, 2}); got != 2 {
		t.Errorf("median of durations = %v", got)
	}
}

// TestSubset: the first n files of each quarter, the workspace files, rebuilt only when
// the source changes.
func TestSubset(t *testing.T) {
	src, dst := t.TempDir(), filepath.Join(t.TempDir(), "sub")
	write := func(rel, text string) {
		p := filepath.Join(src, rel)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(gen.MarkerFile, "seed: 1\n")
	write("units.yaml", "u")
	write("vdhv.yaml", "c")
	write("submissions/ledger.jsonl", "l")
	for _, q := range []string{"Q1", "Q2"} {
		for _, f := range []string{"C.xlsx", "A.xlsx", "B.xlsx"} {
			write("submissions/2025/"+q+"/"+f, q+f)
		}
	}
	if err := subset(src, dst, 2); err != nil {
		t.Fatal(err)
	}
	got, _ := filepath.Glob(filepath.Join(dst, "submissions", "2025", "*", "*.xlsx"))
	var names []string
	for _, g := range got {
		rel, _ := filepath.Rel(dst, g)
		names = append(names, filepath.ToSlash(rel))
	}
	if want := "submissions/2025/Q1/A.xlsx submissions/2025/Q1/B.xlsx submissions/2025/Q2/A.xlsx submissions/2025/Q2/B.xlsx"; strings.Join(names, " ") != want {
		t.Errorf("files %v, want %s", names, want)
	}
	for _, f := range []string{"units.yaml", "vdhv.yaml", "submissions/ledger.jsonl"} {
		if _, err := os.Stat(filepath.Join(dst, f)); err != nil {
			t.Error(err)
		}
	}
	os.Remove(filepath.Join(dst, "submissions", "2025", "Q1", "A.xlsx"))
	if err := subset(src, dst, 2); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dst, "submissions", "2025", "Q1", "A.xlsx")); err == nil {
		t.Error("rebuilt although the source did not change")
	}
	write(gen.MarkerFile, "seed: 2\n")
	if err := subset(src, dst, 2); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dst, "submissions", "2025", "Q1", "A.xlsx")); err != nil {
		t.Error("not rebuilt after the source changed")
	}
}

func TestParseInitTrace(t *testing.T) {
	text := "init internal/bytealg @0.005 ms, 0.003 ms clock, 0 bytes, 0 allocs\n" +
		"some other line\n" +
		"init github.com/xuri/excelize/v2 @12 ms, 5.5 ms clock, 1407272 bytes, 21836 allocs\n" +
		"init broken @1 ms, x ms clock, 0 bytes, 0 allocs\n"
	got := parseInitTrace(text)
	if len(got) != 2 || got[0] != (initTime{"internal/bytealg", 0.003}) || got[1] != (initTime{"github.com/xuri/excelize/v2", 5.5}) {
		t.Errorf("parseInitTrace = %v", got)
	}
}

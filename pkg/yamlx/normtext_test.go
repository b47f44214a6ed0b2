package yamlx

import (
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// normTextSlow is NormText without the fast path.
func normTextSlow(s string) string { return strings.Join(strings.Fields(norm.NFC.String(s)), " ") }

// NormText's fast path gives what the plain definition gives: every string of up to four
// pieces from a set of spaces, letters, marks and bad bytes, and a few longer ones.
func TestNormTextFastPath(t *testing.T) {
	pieces := []string{" ", "a", "ệ", "e", "\u0302", "\u0323", "\t", "\n", "\u00a0", "\u3000", "\u0085", "\xff", "\xc3", "Đ", "  "}
	inputs := []string{"Chi bộ Công ty cổ phần Xây dựng số 1", "Đảng bộ Khối", "Vie\u0302\u0323t Nam", "a  b", " a", "a ", "\u212b"}
	var gen func(prefix string, n int)
	gen = func(prefix string, n int) {
		inputs = append(inputs, prefix)
		if n == 0 {
			return
		}
		for _, p := range pieces {
			gen(prefix+p, n-1)
		}
	}
	gen("", 4)
	for _, s := range inputs {
		if got, want := NormText(s), normTextSlow(s); got != want {
			t.Errorf("NormText(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestStableLatin: each rune isStableLatin accepts is an NFC starter that stays NFC between
// ASCII letters and next to itself.
func TestStableLatin(t *testing.T) {
	n := 0
	for r := rune(0); r <= 0x1FFFF; r++ {
		if !isStableLatin(r) {
			continue
		}
		n++
		p := norm.NFC.PropertiesString(string(r))
		s := "x" + string(r) + "a" + string(r) + string(r)
		if p.CCC() != 0 || !p.BoundaryBefore() || !norm.NFC.IsNormalString(s) {
			t.Errorf("U+%04X is not NFC-stable (ccc %d)", r, p.CCC())
		}
	}
	if n == 0 {
		t.Fatal("no rune checked")
	}
}

func FuzzNormText(f *testing.F) {
	for _, s := range []string{"", " a  b ", "Vie\u0302\u0323t", "a\u00a0b", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := NormText(s), normTextSlow(s); got != want {
			t.Errorf("NormText(%q) = %q, want %q", s, got, want)
		}
	})
}

func BenchmarkNormText(b *testing.B) {
	for _, s := range []string{"Chi bộ Công ty cổ phần Xây dựng số 1", "Chi bo Cong ty co phan Xay dung so 1"} {
		b.Run("fast", func(b *testing.B) {
			for b.Loop() {
				NormText(s)
			}
		})
		b.Run("slow", func(b *testing.B) {
			for b.Loop() {
				normTextSlow(s)
			}
		})
	}
}

package units

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func FuzzParse(f *testing.F) {
	sample, err := os.ReadFile(filepath.Join("testdata", "units.yaml"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(sample)
	f.Add([]byte(head + "  - {code: A, name: A, kind: chi-bo-co-so, active_from: 2025-Q1}\n"))
	f.Add([]byte("&r\ncode: A\nname: A\nkind: khoi\nunits: [*r]\n"))
	f.Add([]byte("code: [a\n"))
	f.Add([]byte("---\n---\n"))
	f.Add([]byte("code: A\nname: A\nkind: khoi\nunits:\n  - {<<: *x}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tr, err := Parse(data, "units.yaml", Options{})
		if err != nil {
			var ue *Error
			if !errors.As(err, &ue) || len(ue.Problems) == 0 || tr != nil {
				t.Fatalf("bad error %T %v", err, err)
			}
			_ = ue.Localized("vi")
			return
		}
		// A valid tree is consistent.
		us := tr.Units()
		if len(us) == 0 || us[0] != tr.Root || len(us) > MaxUnits {
			t.Fatalf("bad tree")
		}
		for i, u := range us {
			if u.Index != i || tr.Lookup(u.Code) != u || u.Depth > MaxDepth || codeProblem(u.Code) != "" {
				t.Fatalf("unit %d inconsistent: %+v", i, u)
			}
			if u.Parent != nil && (u.Depth != u.Parent.Depth+1 || !u.Parent.IsAncestorOf(u) || tr.LCA(u, u.Parent) != u.Parent) {
				t.Fatalf("unit %d parent inconsistent", i)
			}
		}
		var b bytes.Buffer
		tr.Print(&b, "en")
		if strings.Count(b.String(), "\n") != len(us) {
			t.Fatalf("Print wrote %d lines for %d units", strings.Count(b.String(), "\n"), len(us))
		}
	})
}

func BenchmarkParse10k(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(head)
	for i := 0; i < 100; i++ {
		fmt.Fprintf(&sb, "  - code: DU-%d\n    name: Đảng ủy %d\n    kind: dang-uy-truc-thuoc\n    units:\n", i, i)
		for j := 0; j < 99; j++ {
			fmt.Fprintf(&sb, "      - {code: DU-%d-%d, name: Chi bộ Công ty %d, kind: chi-bo-co-so, active_from: 2025-Q1}\n", i, j, j)
		}
	}
	data := []byte(sb.String())
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(data, "", Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

package workspace

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vdhv/vdhv/pkg/form"
	"github.com/vdhv/vdhv/pkg/period"
)

// bigWorkspace has a bloc of 40 đảng ủy × 50 cơ sở = 2,000 reporting units.
func bigWorkspace(b *testing.B) *Workspace {
	b.Helper()
	dir := b.TempDir()
	var sb strings.Builder
	sb.WriteString("code: K\nname: Khối\nkind: khoi\nunits:\n")
	for d := range 40 {
		fmt.Fprintf(&sb, "  - code: D%02d\n    name: Đảng ủy %d\n    kind: dang-uy-truc-thuoc\n    units:\n", d, d)
		for c := range 50 {
			fmt.Fprintf(&sb, "      - {code: D%02d-%02d, name: Chi bộ %d-%d, kind: chi-bo-co-so}\n", d, c, d, c)
		}
	}
	os.WriteFile(filepath.Join(dir, UnitsFile), []byte(sb.String()), 0o644)
	w, err := Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	return w
}

func BenchmarkStatus(b *testing.B) {
	w := bigWorkspace(b)
	p, _ := period.ParsePeriod("2025")
	var entries []Entry
	for _, qq := range p.Quarters() {
		for i, u := range w.Units.Expected(qq) {
			if i%10 == 0 {
				continue // some missing
			}
			sub := &form.Submission{Info: form.Info{UnitCode: u.Code, Quarter: qq, Kind: form.ReportKindUnit}}
			entries = append(entries, Entry{Path: u.Code, Unit: u.Code, Quarter: qq, Result: &form.Result{Submission: sub},
				Received: time.Date(2025, time.Month(3*qq.Q), 20+i%20, 0, 0, 0, 0, period.Zone), ReceivedKnown: true})
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		if n := len(w.Status(p, entries)); n != 8000 {
			b.Fatal(n)
		}
	}
}

func BenchmarkLedger(b *testing.B) {
	w := newWorkspace(b, "")
	os.MkdirAll(filepath.Join(w.Root, SubmissionsDir), 0o755)
	var sb strings.Builder
	for i := range 10000 {
		sb.WriteString(line(fmt.Sprintf("U%d", i%2000), i/2000+1))
		sb.WriteByte('\n')
	}
	os.WriteFile(w.ledgerPath(), []byte(sb.String()), 0o644)
	b.SetBytes(int64(sb.Len()))
	b.ReportAllocs()
	b.Run("cold", func(b *testing.B) {
		for b.Loop() {
			fresh := &Workspace{Root: w.Root}
			if recs, err := fresh.Ledger(); err != nil || len(recs) != 10000 {
				b.Fatal(len(recs), err)
			}
		}
	})
	b.Run("cached", func(b *testing.B) {
		for b.Loop() {
			if recs, err := w.Ledger(); err != nil || len(recs) != 10000 {
				b.Fatal(len(recs), err)
			}
		}
	})
}

func BenchmarkReceive(b *testing.B) {
	w := newWorkspace(b, "")
	in := b.TempDir()
	const n = 64
	var files []string
	for i := range n {
		files = append(files, writeFixture(b, in, fmt.Sprintf("f%d.xlsx", i), fixture{Unit: "DUK-02", Quarter: "2025-Q2", Preparer: fmt.Sprintf("p%d", i)}))
	}
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		if _, err := w.Receive([]string{files[i%n]}, t0); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func BenchmarkScan(b *testing.B) {
	w := newWorkspace(b, "")
	dir := quarterDir(w.Root, q("2025-Q2"))
	os.MkdirAll(dir, 0o755)
	const n = 100
	for i := range n {
		writeFixture(b, dir, fmt.Sprintf("f%03d.xlsx", i), fixture{Unit: "DUK-02", Quarter: "2025-Q2", Preparer: fmt.Sprintf("p%d", i)})
	}
	b.ReportAllocs()
	for b.Loop() {
		entries, err := w.Scan([]period.Quarter{q("2025-Q2")}, nil)
		if err != nil || len(entries) != n {
			b.Fatal(len(entries), err)
		}
	}
}

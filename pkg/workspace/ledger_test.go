package workspace

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vdhv/vdhv/pkg/period"
)

func line(unit string, version int) string {
	return `{"received":"2025-07-05T09:30:00+07:00","unit":"` + unit + `","quarter":"2025-Q2","sha256":"` +
		strings.Repeat("0", 63) + itoa(version%10) + `","original_name":"x.xlsx","size":10,"version":` + itoa(version) + `,"source":"receive"}`
}

func TestLedgerParse(t *testing.T) {
	tests := []struct {
		name    string
		content string // "" with absent = no file
		absent  bool
		want    int // receipts
		errLine int // >0: a corrupt-ledger error at that line
	}{
		{"no ledger", "", true, 0, 0},
		{"empty", "", false, 0, 0},
		{"two lines", line("A", 1) + "\n" + line("A", 2) + "\n", false, 2, 0},
		{"blank lines are skipped", "\n" + line("A", 1) + "\n\n", false, 1, 0},
		{"torn last line", line("A", 1) + "\n" + line("A", 2)[:40], false, 1, 0},
		{"torn last line of NUL bytes", line("A", 1) + "\n\x00\x00\x00\x00", false, 1, 0},
		{"only a torn line", line("A", 1)[:10], false, 0, 0},
		{"complete last line without newline", line("A", 1) + "\n" + line("A", 2), false, 2, 0},
		{"malformed middle line", line("A", 1) + "\n{oops}\n" + line("A", 2) + "\n", false, 0, 2},
		{"malformed complete last line", line("A", 1) + "\n{oops}\n", false, 0, 2},
		{"bad quarter", strings.Replace(line("A", 1), "2025-Q2", "2025-Q5", 1) + "\n", false, 0, 1},
		{"non-canonical quarter", strings.Replace(line("A", 1), "2025-Q2", "Q2/2025", 1) + "\n", false, 0, 1},
		{"bad time", strings.Replace(line("A", 1), "09:30:00+07:00", "9h30", 1) + "\n", false, 0, 1},
		{"escaping unit", line("../A", 1) + "\n", false, 0, 1},
		{"version 0", line("A", 0) + "\n", false, 0, 1},
		{"short sha", strings.Replace(line("A", 1), strings.Repeat("0", 63), "0", 1) + "\n", false, 0, 1},
		{"unknown keys are allowed", strings.Replace(line("A", 1), `"source"`, `"future":1,"source"`, 1) + "\n", false, 1, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := newWorkspace(t, "")
			os.MkdirAll(filepath.Join(w.Root, SubmissionsDir), 0o755)
			if !tc.absent {
				os.WriteFile(w.ledgerPath(), []byte(tc.content), 0o644)
			}
			recs, err := w.Ledger()
			if tc.errLine > 0 {
				var we *Error
				if !errors.As(err, &we) || we.Code != CodeLedgerCorrupt || we.Line != tc.errLine {
					t.Fatalf("err = %v, want corrupt at line %d", err, tc.errLine)
				}
				if !strings.Contains(we.Localized("vi"), "ledger.jsonl:"+itoa(tc.errLine)+":") {
					t.Errorf("message %q", we.Localized("vi"))
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(recs) != tc.want {
				t.Fatalf("%d receipts, want %d", len(recs), tc.want)
			}
			// An append after a torn tail cuts the tail; the ledger stays well-formed.
			r := Receipt{Received: t0, Unit: "B", Quarter: q("2025-Q3"), SHA256: strings.Repeat("f", 64), OriginalName: "b\n\"x\".xlsx", Size: 1, Version: 1, Source: SourceReceive}
			_, validLen, _ := w.readLedger()
			if _, err := w.appendLedger(&r, validLen); err != nil {
				t.Fatal(err)
			}
			recs2, err := w.Ledger()
			if err != nil {
				t.Fatal(err)
			}
			if len(recs2) != tc.want+1 || recs2[len(recs2)-1] != r {
				t.Fatalf("after append: %+v", recs2)
			}
			data, _ := os.ReadFile(w.ledgerPath())
			if !strings.HasSuffix(string(data), "}\n") || strings.Contains(string(data), "\x00") {
				t.Errorf("ledger after append: %q", data)
			}
		})
	}
}

func TestReceiptJSON(t *testing.T) {
	r := Receipt{Received: time.Date(2025, 7, 5, 2, 30, 0, 0, time.UTC), Unit: "DU-XD", Quarter: q("2025-Q2"), Rollup: true,
		SHA256: strings.Repeat("a", 64), OriginalName: "Báo cáo.xlsx", Size: 42, Version: 3, Source: SourceReceive}
	b, err := r.marshal()
	if err != nil {
		t.Fatal(err)
	}
	want := `{"received":"2025-07-05T09:30:00+07:00","unit":"DU-XD","quarter":"2025-Q2","rollup":true,"sha256":"` + strings.Repeat("a", 64) +
		`","original_name":"Báo cáo.xlsx","size":42,"version":3,"source":"receive"}` + "\n"
	if string(b) != want {
		t.Errorf("got  %s\nwant %s", b, want)
	}
	back, en, _ := parseReceipt(b[:len(b)-1])
	if en != "" || !back.Received.Equal(r.Received) || back.Received.Location() != period.Zone || back.Unit != r.Unit || back.Version != 3 || !back.Rollup {
		t.Errorf("round trip %+v %s", back, en)
	}
}

func FuzzLedger(f *testing.F) {
	f.Add([]byte(line("A", 1) + "\n" + line("A", 2)[:30]))
	f.Add([]byte(line("A", 1) + "\n{}\n"))
	f.Add([]byte("\x00\n\n"))
	f.Add([]byte(`{"received":"2025-07-05T09:30:00Z","unit":"A","quarter":"2025-Q1","sha256":"` + strings.Repeat("b", 64) + `","size":0,"version":1}`))
	root := f.TempDir()
	w := &Workspace{Root: root}
	os.MkdirAll(filepath.Join(root, SubmissionsDir), 0o755)
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(w.ledgerPath(), data, 0o644); err != nil {
			t.Fatal(err)
		}
		recs, validLen, err := w.readLedger()
		if err != nil {
			return
		}
		if validLen < 0 || validLen > int64(len(data)) {
			t.Fatalf("validLen %d of %d", validLen, len(data))
		}
		// Every receipt read is well-formed and writes back to a line that reads the same.
		for _, r := range recs {
			b, err := r.marshal()
			if err != nil {
				t.Fatal(err)
			}
			back, en, _ := parseReceipt(b[:len(b)-1])
			if en != "" || !back.Received.Equal(r.Received) || back.Unit != r.Unit || back.SHA256 != r.SHA256 || back.Version != r.Version {
				t.Fatalf("%+v does not round-trip: %s", r, en)
			}
		}
		// Appending keeps every earlier receipt and adds exactly one.
		r := Receipt{Received: t0, Unit: "Z", Quarter: q("2025-Q1"), SHA256: strings.Repeat("c", 64), Version: 1, Source: SourceReceive}
		if _, err := w.appendLedger(&r, validLen); err != nil {
			t.Fatal(err)
		}
		recs2, err := w.Ledger()
		if err != nil {
			t.Fatalf("after append: %v", err)
		}
		if len(recs2) != len(recs)+1 {
			t.Fatalf("after append %d receipts, want %d", len(recs2), len(recs)+1)
		}
	})
}

func FuzzCheckCode(f *testing.F) {
	for _, s := range []string{"DU-XD-01", "..", "a/b", "CON", "38.168.053", "a\x00", "C:", "x."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, code string) {
		if CheckCode(code) != nil {
			return
		}
		name := code + ".xlsx"
		if !filepath.IsLocal(name) || filepath.Base(name) != name || strings.ContainsAny(code, "/\\:\x00 ") {
			t.Fatalf("unsafe code %q accepted", code)
		}
	})
}

func FuzzParseVersionName(f *testing.F) {
	f.Add("v1-0123abcd.xlsx")
	f.Add("v12-zzzzzzzz.xlsx")
	f.Fuzz(func(t *testing.T, name string) {
		v, s8, ok := parseVersionName(name)
		if !ok {
			return
		}
		if versionName(v, s8) != name {
			t.Fatalf("%q parsed as %d %q, which writes back as %q", name, v, s8, versionName(v, s8))
		}
	})
}

// TestLedgerCache: a Workspace re-reads only what was appended, yet sees any other change.
func TestLedgerCache(t *testing.T) {
	w := newWorkspace(t, "")
	os.MkdirAll(filepath.Join(w.Root, SubmissionsDir), 0o755)
	two := line("A", 1) + "\n" + line("A", 2) + "\n"
	os.WriteFile(w.ledgerPath(), []byte(two), 0o644)
	steps := []struct {
		content string
		want    int
		errLine int
	}{
		{two, 2, 0},
		{two + line("B", 1) + "\n", 3, 0}, // appended by another process
		{two + line("B", 1) + "\n" + line("B", 2)[:9], 3, 0},        // torn tail
		{line("A", 1) + "\n{edited}\n" + line("B", 1) + "\n", 0, 2}, // hand edit of a cached line
		{line("A", 1) + "\n", 1, 0},                                 // shrunk
		{"", 0, 0},
	}
	for i, s := range steps {
		os.WriteFile(w.ledgerPath(), []byte(s.content), 0o644)
		recs, err := w.Ledger()
		var we *Error
		switch {
		case s.errLine > 0:
			if !errors.As(err, &we) || we.Line != s.errLine {
				t.Errorf("step %d: err %v, want line %d", i, err, s.errLine)
			}
		case err != nil || len(recs) != s.want:
			t.Errorf("step %d: %d receipts, %v; want %d", i, len(recs), err, s.want)
		}
	}
}

package workspace

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vdhv/vdhv/pkg/finding"
	"github.com/vdhv/vdhv/pkg/form"
	"github.com/vdhv/vdhv/pkg/period"
)

// place writes a fixture (or raw bytes) directly into a quarter folder, as a person or
// another tool would.
func place(t *testing.T, w *Workspace, quarter, name string, f fixture, raw []byte) string {
	t.Helper()
	dir := quarterDir(w.Root, q(quarter))
	os.MkdirAll(dir, 0o755)
	if raw == nil {
		raw = fixtureBytes(t, f)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func receiveAt(t *testing.T, w *Workspace, at time.Time, f fixture) {
	t.Helper()
	p := writeFixture(t, t.TempDir(), "in.xlsx", f)
	res, err := w.Receive([]string{p}, at)
	if err != nil {
		t.Fatal(err)
	}
	if res[0].Refused() {
		t.Fatalf("refused: %v", res[0].Result.Findings)
	}
}

func vnTime(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, period.Zone)
	if err != nil {
		panic(err)
	}
	return t
}

// statusLines renders statuses compactly: "UNIT QUARTER status[ rollup][ unknown-time][ conflicts=N]".
func statusLines(sts []UnitStatus) string {
	var b strings.Builder
	for _, s := range sts {
		fmt.Fprintf(&b, "%s %s %s", s.Unit.Code, s.Quarter, s.Status)
		if s.Rollup {
			b.WriteString(" rollup")
		}
		if s.Entry != nil && !s.ReceivedKnown {
			b.WriteString(" unknown-time")
		}
		if len(s.Conflicts) > 0 {
			fmt.Fprintf(&b, " conflicts=%d", len(s.Conflicts))
		}
		b.WriteByte('\n')
	}
	return b.String()
}

var oleHeader = append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...)

func TestScanAndStatus(t *testing.T) {
	w := newWorkspace(t, "deadline_days: 10\n")
	f := func(unit, quarter, who string) fixture { return fixture{Unit: unit, Quarter: quarter, Preparer: who} }
	// 2025-Q2: deadline is the end of 10/07/2025 (+07).
	receiveAt(t, w, vnTime("2025-07-10 23:59"), f("DU-XD-01", "2025-Q2", "a"))
	receiveAt(t, w, vnTime("2025-07-11 00:00"), f("DUK-02", "2025-Q2", "a"))
	place(t, w, "2025-Q2", "DU-XD-02.xlsx", fixture{Unit: "DU-XD-02", Quarter: "2025-Q2", Preparer: "a", Version: "VDHV-00"}, nil)
	place(t, w, "2025-Q2", "DUK-01.xlsx", f("DUK-01", "2025-Q2", "a"), nil) // inactive since 2025-Q2: not expected
	place(t, w, "2025-Q2", "bao cao DUK-03.xlsx", f("DUK-03", "2025-Q2", "a"), nil)
	// 2025-Q1
	place(t, w, "2025-Q1", "DUK-01.xls", fixture{}, oleHeader)
	receiveAt(t, w, vnTime("2025-04-02 08:00"), f("DUK-02", "2025-Q1", "a"))
	place(t, w, "2025-Q1", "DUK-02 (2).xlsx", f("DUK-02", "2025-Q1", "second"), nil)
	place(t, w, "2025-Q1", "DUK-03.xlsx", f("DUK-03", "2025-Q2", "wrong quarter"), nil)
	// Files Scan must skip.
	place(t, w, "2025-Q1", "~$DUK-02.xlsx", fixture{}, []byte("owner"))
	place(t, w, "2025-Q1", ".hidden.xlsx", fixture{}, []byte("x"))
	place(t, w, "2025-Q1", "ghi chu.txt", fixture{}, []byte("x"))
	place(t, w, "2025-Q1", ".DUK-02.xlsx.tmp-123", fixture{}, []byte("x"))
	os.MkdirAll(filepath.Join(quarterDir(w.Root, q("2025-Q1")), "sub.xlsx"), 0o755)
	// A file of no unit.
	place(t, w, "2025-Q1", "notes.xlsx", fixture{}, []byte("hello"))

	var calls []string
	entries, err := w.Scan([]period.Quarter{q("2025-Q2"), q("2025-Q1"), q("2025-Q2"), q("2024-Q4")}, func(done, total int) {
		calls = append(calls, fmt.Sprintf("%d/%d", done, total))
	})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		rel, _ := filepath.Rel(w.Root, e.Path)
		s := fmt.Sprintf("%s unit=%s valid=%v", filepath.ToSlash(rel), e.Unit, e.Valid())
		if e.ReceivedKnown {
			s += " " + e.ReceivedFrom + "@" + e.Received.Format("2006-01-02T15:04")
		}
		got = append(got, s)
	}
	want := []string{
		"submissions/2025/Q1/DUK-01.xls unit=DUK-01 valid=false",
		"submissions/2025/Q1/DUK-02 (2).xlsx unit=DUK-02 valid=true",
		"submissions/2025/Q1/DUK-02.xlsx unit=DUK-02 valid=true ledger@2025-04-02T08:00",
		"submissions/2025/Q1/DUK-03.xlsx unit=DUK-03 valid=false",
		"submissions/2025/Q1/notes.xlsx unit= valid=false",
		"submissions/2025/Q2/DU-XD-01.xlsx unit=DU-XD-01 valid=true ledger@2025-07-10T23:59",
		"submissions/2025/Q2/DU-XD-02.xlsx unit=DU-XD-02 valid=false",
		"submissions/2025/Q2/DUK-01.xlsx unit=DUK-01 valid=false",
		"submissions/2025/Q2/DUK-02.xlsx unit=DUK-02 valid=true ledger@2025-07-11T00:00",
		"submissions/2025/Q2/bao cao DUK-03.xlsx unit=DUK-03 valid=true",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("entries:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(calls) != len(want) || calls[len(calls)-1] != fmt.Sprintf("%d/%d", len(want), len(want)) {
		t.Errorf("progress calls %v", calls)
	}
	// The .xls is invalid with the reader's one clear error.
	if f := entries[0].Result.Findings; len(f) != 1 || f[0].Rule != finding.RuleFileXLS {
		t.Errorf(".xls findings %v", f)
	}

	p, _ := period.ParsePeriod("2025-H1")
	gotSt := statusLines(w.Status(p, entries))
	wantSt := `DU-XD 2025-Q1 missing
DU-XD 2025-Q2 missing
DU-XD-01 2025-Q1 missing
DU-XD-01 2025-Q2 on_time
DU-XD-02 2025-Q2 invalid unknown-time
DUK-01 2025-Q1 invalid unknown-time
DUK-02 2025-Q1 on_time conflicts=1
DUK-02 2025-Q2 late
DUK-03 2025-Q1 invalid unknown-time
DUK-03 2025-Q2 on_time unknown-time
`
	if gotSt != wantSt {
		t.Errorf("status:\n%s\nwant:\n%s", gotSt, wantSt)
	}
	// A quarter alone; entries of other quarters are ignored.
	p2, _ := period.ParsePeriod("2025-Q2")
	if n := len(w.Status(p2, entries)); n != 5 {
		t.Errorf("2025-Q2 alone: %d statuses, want 5", n)
	}
}

func TestStatusDeadlineSettings(t *testing.T) {
	tests := []struct {
		cfg      string
		received string
		want     string
	}{
		{"", "2025-07-10 23:59", "on_time"}, // default 10 days
		{"", "2025-07-11 00:00", "late"},
		{"deadline_days: 0\n", "2025-06-30 23:59", "on_time"},
		{"deadline_days: 0\n", "2025-07-01 00:00", "late"},
		{"windows: nd09\ndeadline_days: 5\n", "2025-06-19 23:59", "on_time"}, // ND09 Q2 ends 14/06
		{"windows: nd09\ndeadline_days: 5\n", "2025-06-20 00:00", "late"},
	}
	for _, tc := range tests {
		t.Run(tc.cfg+tc.received, func(t *testing.T) {
			w := newWorkspace(t, tc.cfg)
			receiveAt(t, w, vnTime(tc.received), fixture{Unit: "DUK-02", Quarter: "2025-Q2", Preparer: "a", Prepared: "01/06/2025"})
			entries, err := w.Scan([]period.Quarter{q("2025-Q2")}, nil)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range w.Status(q("2025-Q2").Period(), entries) {
				if s.Unit.Code == "DUK-02" && s.Status != tc.want {
					t.Errorf("status %s, want %s", s.Status, tc.want)
				}
			}
		})
	}
}

func TestStatusRollups(t *testing.T) {
	rollup := func(who string, covered ...[2]string) fixture {
		return fixture{Unit: "DU-XD", Quarter: "2025-Q3", Preparer: who, Rollup: true, Covered: covered}
	}
	tests := []struct {
		name  string
		setup func(t *testing.T, w *Workspace)
		want  string
	}{
		{"roll-up decides for the units it lists", func(t *testing.T, w *Workspace) {
			receiveAt(t, w, vnTime("2025-10-05 10:00"), rollup("a",
				[2]string{"DU-XD", form.CoverMissing}, [2]string{"DU-XD-01", form.CoverReported}, [2]string{"DU-XD-02", form.CoverLate}))
		}, "DU-XD missing rollup\nDU-XD-01 on_time rollup\nDU-XD-02 late rollup\n"},
		{"late roll-up makes reported units late", func(t *testing.T, w *Workspace) {
			receiveAt(t, w, vnTime("2025-10-20 10:00"), rollup("a", [2]string{"DU-XD-01", form.CoverReported}))
		}, "DU-XD missing\nDU-XD-01 late rollup\nDU-XD-02 missing\n"},
		{"own valid file beats the roll-up, reported as a conflict", func(t *testing.T, w *Workspace) {
			receiveAt(t, w, vnTime("2025-10-05 10:00"), rollup("a", [2]string{"DU-XD-01", form.CoverReported}))
			receiveAt(t, w, vnTime("2025-10-25 10:00"), fixture{Unit: "DU-XD-01", Quarter: "2025-Q3", Preparer: "own"})
		}, "DU-XD missing\nDU-XD-01 late conflicts=1\nDU-XD-02 missing\n"},
		{"own unit file and roll-up of the same đảng ủy coexist", func(t *testing.T, w *Workspace) {
			receiveAt(t, w, vnTime("2025-10-05 10:00"), fixture{Unit: "DU-XD", Quarter: "2025-Q3", Preparer: "own office"})
			receiveAt(t, w, vnTime("2025-10-05 10:00"), rollup("a", [2]string{"DU-XD-02", form.CoverReported}))
		}, "DU-XD on_time\nDU-XD-01 missing\nDU-XD-02 on_time rollup\n"},
		{"invalid roll-up makes its reported units invalid", func(t *testing.T, w *Workspace) {
			f := rollup("a", [2]string{"DU-XD-01", form.CoverReported}, [2]string{"DU-XD-02", form.CoverMissing})
			f.Version = "VDHV-00"
			place(t, w, "2025-Q3", "DU-XD+tong-hop.xlsx", f, nil)
		}, "DU-XD missing\nDU-XD-01 invalid rollup unknown-time\nDU-XD-02 missing rollup unknown-time\n"},
		{"invalid own file and a valid roll-up: the roll-up decides", func(t *testing.T, w *Workspace) {
			receiveAt(t, w, vnTime("2025-10-05 10:00"), rollup("a", [2]string{"DU-XD-01", form.CoverReported}))
			place(t, w, "2025-Q3", "DU-XD-01.xlsx", fixture{Unit: "DU-XD-01", Quarter: "2025-Q3", Preparer: "x", Version: "?"}, nil)
		}, "DU-XD missing\nDU-XD-01 on_time rollup conflicts=1\nDU-XD-02 missing\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := newWorkspace(t, "")
			tc.setup(t, w)
			entries, err := w.Scan([]period.Quarter{q("2025-Q3")}, nil)
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for _, s := range w.Status(q("2025-Q3").Period(), entries) {
				if strings.HasPrefix(s.Unit.Code, "DU-XD") {
					line := statusLines([]UnitStatus{s})
					b.WriteString(strings.Replace(line, " 2025-Q3", "", 1))
				}
			}
			if b.String() != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", b.String(), tc.want)
			}
		})
	}
}

func TestStatusTwoValidFiles(t *testing.T) {
	w := newWorkspace(t, "")
	// Two valid files placed by hand, times from nowhere: path order decides.
	place(t, w, "2025-Q2", "b.xlsx", fixture{Unit: "DUK-02", Quarter: "2025-Q2", Preparer: "b"}, nil)
	place(t, w, "2025-Q2", "a.xlsx", fixture{Unit: "DUK-02", Quarter: "2025-Q2", Preparer: "a"}, nil)
	entries, _ := w.Scan([]period.Quarter{q("2025-Q2")}, nil)
	for _, s := range w.Status(q("2025-Q2").Period(), entries) {
		if s.Unit.Code == "DUK-02" && (filepath.Base(s.Entry.Path) != "a.xlsx" || len(s.Conflicts) != 1) {
			t.Errorf("chose %s with %d conflicts", s.Entry.Path, len(s.Conflicts))
		}
	}
	// A received one (known time) beats them; among received ones the newest wins.
	receiveAt(t, w, vnTime("2025-07-01 10:00"), fixture{Unit: "DUK-02", Quarter: "2025-Q2", Preparer: "received"})
	entries, _ = w.Scan([]period.Quarter{q("2025-Q2")}, nil)
	for _, s := range w.Status(q("2025-Q2").Period(), entries) {
		if s.Unit.Code == "DUK-02" && (filepath.Base(s.Entry.Path) != "DUK-02.xlsx" || len(s.Conflicts) != 2) {
			t.Errorf("chose %s with %d conflicts", s.Entry.Path, len(s.Conflicts))
		}
	}
}

func gitRun(t *testing.T, dir string, env []string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"}, args...)...)
	cmd.Env = append(os.Environ(), env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

func TestScanGitTimes(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	w := newWorkspace(t, "")
	gitRun(t, w.Root, nil, "init", "-q")
	at := func(s string) []string { return []string{"GIT_COMMITTER_DATE=" + s, "GIT_AUTHOR_DATE=" + s} }
	place(t, w, "2025-Q2", "DUK-02.xlsx", fixture{Unit: "DUK-02", Quarter: "2025-Q2", Preparer: "a"}, nil)
	place(t, w, "2025-Q2", "DUK-03.xlsx", fixture{Unit: "DUK-03", Quarter: "2025-Q2", Preparer: "a"}, nil)
	place(t, w, "2025-Q2", "DU-XD-01 bản cuối.xlsx", fixture{Unit: "DU-XD-01", Quarter: "2025-Q2", Preparer: "a"}, nil)
	gitRun(t, w.Root, nil, "add", ".")
	gitRun(t, w.Root, at("2025-07-03T10:00:00+07:00"), "commit", "-q", "-m", "first")
	// DUK-03 is resubmitted and committed later; DU-XD-01 is modified but not committed.
	place(t, w, "2025-Q2", "DUK-03.xlsx", fixture{Unit: "DUK-03", Quarter: "2025-Q2", Preparer: "b"}, nil)
	gitRun(t, w.Root, nil, "add", ".")
	gitRun(t, w.Root, at("2025-07-20T08:00:00+07:00"), "commit", "-q", "-m", "second")
	place(t, w, "2025-Q2", "DU-XD-01 bản cuối.xlsx", fixture{Unit: "DU-XD-01", Quarter: "2025-Q2", Preparer: "c"}, nil)
	// DU-XD's file is not committed at all.
	place(t, w, "2025-Q2", "DU-XD.xlsx", fixture{Unit: "DU-XD", Quarter: "2025-Q2", Preparer: "a"}, nil)

	entries, err := w.Scan([]period.Quarter{q("2025-Q2")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, e := range entries {
		s := "unknown"
		if e.ReceivedKnown {
			s = e.ReceivedFrom + "@" + e.Received.Format(time.RFC3339)
		}
		got[e.Unit] = s
	}
	want := map[string]string{
		"DUK-02":   "git@2025-07-03T10:00:00+07:00",
		"DUK-03":   "git@2025-07-20T08:00:00+07:00",
		"DU-XD-01": "unknown",
		"DU-XD":    "unknown",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %s, want %s", k, got[k], v)
		}
	}
	var b strings.Builder
	for _, s := range w.Status(q("2025-Q2").Period(), entries) {
		fmt.Fprintf(&b, "%s %s\n", s.Unit.Code, s.Status)
	}
	if want := "DU-XD on_time\nDU-XD-01 on_time\nDU-XD-02 missing\nDUK-02 on_time\nDUK-03 late\n"; b.String() != want {
		t.Errorf("status:\n%s\nwant:\n%s", b.String(), want)
	}
	// The ledger wins over git.
	receiveAt(t, w, vnTime("2025-07-01 09:00"), fixture{Unit: "DUK-03", Quarter: "2025-Q2", Preparer: "b"})
	entries, _ = w.Scan([]period.Quarter{q("2025-Q2")}, nil)
	for _, e := range entries {
		if e.Unit == "DUK-03" && e.ReceivedFrom != ReceivedFromLedger {
			t.Errorf("DUK-03 time from %q", e.ReceivedFrom)
		}
	}
}

func TestParseGitOutput(t *testing.T) {
	log := "\x012025-07-20T08:00:00+07:00\x00\nsubmissions/2025/Q2/A.xlsx\x00\x012025-07-03T10:00:00+07:00\x00\nsubmissions/2025/Q2/A.xlsx\x00submissions/2025/Q2/Đ ơn.xlsx\x00"
	when := parseGitLog([]byte(log))
	if len(when) != 2 || when["submissions/2025/Q2/A.xlsx"].Day() != 20 || when["submissions/2025/Q2/Đ ơn.xlsx"].Day() != 3 {
		t.Errorf("parseGitLog = %v", when)
	}
	blobs := parseGitTree([]byte("100644 blob abc123\tsubmissions/a b.xlsx\x00040000 tree 1234\tsubmissions/x\x00garbage\x00"))
	if len(blobs) != 1 || blobs["submissions/a b.xlsx"] != "abc123" {
		t.Errorf("parseGitTree = %v", blobs)
	}
}

func FuzzParseGitOutput(f *testing.F) {
	f.Add([]byte("\x012025-07-20T08:00:00+07:00\x00\na\x00"))
	f.Add([]byte("100644 blob abc\tp\x00"))
	f.Fuzz(func(t *testing.T, out []byte) {
		for p, tm := range parseGitLog(out) {
			if p == "" || tm.IsZero() {
				t.Fatalf("empty path or time: %q %v", p, tm)
			}
		}
		for p, id := range parseGitTree(out) {
			if id == "" || strings.ContainsRune(p, 0) {
				t.Fatalf("bad tree record %q %q", p, id)
			}
		}
	})
}

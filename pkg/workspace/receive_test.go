package workspace

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vdhv/vdhv/pkg/atomicfile"
	"github.com/vdhv/vdhv/pkg/form"
)

// send describes one file given to Receive in a scenario.
type send struct {
	name  string  // file name as sent
	f     fixture // content, unless raw or again is set
	raw   []byte
	again int // 1-based index of an earlier send whose exact bytes are sent again
	// expectations
	stored  string // current file relative to the root, "" when refused
	version int
	dup     bool
}

func TestReceive(t *testing.T) {
	a1 := fixture{Unit: "DU-XD-01", Quarter: "2025-Q2", Preparer: "Nguyễn Văn A"}
	a2 := fixture{Unit: "DU-XD-01", Quarter: "2025-Q2", Preparer: "Nguyễn Văn A (sửa)"}
	cur := func(code string) string { return filepath.Join("submissions", "2025", "Q2", code+".xlsx") }
	tests := []struct {
		name    string
		sends   []send
		ledger  int    // lines expected in the ledger at the end
		current string // relative current file whose content must equal the last stored send
	}{
		{"valid file is stored with a ledger line",
			[]send{{name: "DU-XD-01.xlsx", f: a1, stored: cur("DU-XD-01"), version: 1}}, 1, cur("DU-XD-01")},
		{"invalid file is refused",
			[]send{{name: "DU-XD-01.xlsx", f: fixture{Unit: "DU-XD-01", Quarter: "2025-Q2", Preparer: "A", Version: "VDHV-9"}}}, 0, ""},
		{"unknown unit is refused",
			[]send{{name: "X.xlsx", f: fixture{Unit: "NOPE", Quarter: "2025-Q2", Preparer: "A"}}}, 0, ""},
		{"not a spreadsheet is refused",
			[]send{{name: "DU-XD-01.xlsx", raw: []byte("<html>not a workbook</html>")}}, 0, ""},
		{"resubmission becomes version 2",
			[]send{{name: "a.xlsx", f: a1, stored: cur("DU-XD-01"), version: 1}, {name: "b.xlsx", f: a2, stored: cur("DU-XD-01"), version: 2}}, 2, cur("DU-XD-01")},
		{"identical resubmission is a duplicate",
			[]send{{name: "a.xlsx", f: a1, stored: cur("DU-XD-01"), version: 1}, {name: "copy.xlsx", again: 1, stored: cur("DU-XD-01"), version: 1, dup: true}}, 1, cur("DU-XD-01")},
		{"back to the first content is a new version",
			[]send{{name: "a.xlsx", f: a1, stored: cur("DU-XD-01"), version: 1}, {name: "b.xlsx", f: a2, stored: cur("DU-XD-01"), version: 2},
				{name: "a again.xlsx", again: 1, stored: cur("DU-XD-01"), version: 3}}, 3, cur("DU-XD-01")},
		{"file named wrongly is stored under the unit in it",
			[]send{{name: "ABC.xlsx", f: fixture{Unit: "DUK-02", Quarter: "2025-Q2", Preparer: "A"}, stored: cur("DUK-02"), version: 1}}, 1, cur("DUK-02")},
		{"code in the file is spelled as in units.yaml",
			[]send{{name: "x.xlsx", f: fixture{Unit: "duk-02", Quarter: "2025-Q2", Preparer: "A"}, stored: cur("DUK-02"), version: 1}}, 1, cur("DUK-02")},
		{"quarter comes from the file",
			[]send{{name: "Q1.xlsx", f: fixture{Unit: "DUK-02", Quarter: "Quý III/2025", Preparer: "A"},
				stored: filepath.Join("submissions", "2025", "Q3", "DUK-02.xlsx"), version: 1}}, 1, filepath.Join("submissions", "2025", "Q3", "DUK-02.xlsx")},
		{"roll-up has its own file",
			[]send{{name: "DU-XD.xlsx", f: fixture{Unit: "DU-XD", Quarter: "2025-Q2", Preparer: "A"}, stored: cur("DU-XD"), version: 1},
				{name: "TH.xlsx", f: fixture{Unit: "DU-XD", Quarter: "2025-Q2", Preparer: "A", Rollup: true, Covered: [][2]string{{"DU-XD-01", form.CoverReported}}},
					stored: cur("DU-XD+tong-hop"), version: 1}}, 2, cur("DU-XD+tong-hop")},
		{"refused file between two valid ones changes nothing",
			[]send{{name: "a.xlsx", f: a1, stored: cur("DU-XD-01"), version: 1},
				{name: "bad.xlsx", f: fixture{Unit: "DU-XD-01", Quarter: "2025-Q2", Preparer: "A", Version: "?"}}}, 1, cur("DU-XD-01")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := newWorkspace(t, "")
			in := t.TempDir()
			var paths []string
			var contents [][]byte
			for i, s := range tc.sends {
				data := s.raw
				if s.again > 0 {
					data = contents[s.again-1]
				} else if data == nil {
					data = fixtureBytes(t, s.f)
				}
				sub := filepath.Join(in, itoa(i))
				os.MkdirAll(sub, 0o755)
				p := filepath.Join(sub, s.name)
				if err := os.WriteFile(p, data, 0o644); err != nil {
					t.Fatal(err)
				}
				paths = append(paths, p)
				contents = append(contents, data)
			}
			// One call per file, so that each sees the previous one's result.
			var lastStored []byte
			for i, p := range paths {
				s := tc.sends[i]
				res, err := w.Receive([]string{p}, t0)
				if err != nil {
					t.Fatal(err)
				}
				if len(res) != 1 {
					t.Fatalf("%d results", len(res))
				}
				r := res[0]
				if r.File != p || r.Result == nil {
					t.Fatalf("result %+v", r)
				}
				wantStored := ""
				if s.stored != "" {
					wantStored = filepath.Join(w.Root, s.stored)
				}
				if r.Stored != wantStored || r.Refused() != (s.stored == "") {
					t.Fatalf("send %d: stored %q, want %q (findings %v)", i+1, r.Stored, wantStored, r.Result.Findings)
				}
				if r.Duplicate != s.dup {
					t.Errorf("send %d: duplicate %v, want %v", i+1, r.Duplicate, s.dup)
				}
				if s.stored == "" {
					if r.Receipt != nil {
						t.Errorf("send %d: refused file has a receipt", i+1)
					}
					continue
				}
				if r.Receipt == nil || r.Receipt.Version != s.version {
					t.Fatalf("send %d: receipt %+v, want version %d", i+1, r.Receipt, s.version)
				}
				if !s.dup && (r.Receipt.OriginalName != s.name || r.Receipt.Size != int64(len(contents[i])) || !r.Receipt.Received.Equal(t0) || r.Receipt.Source != SourceReceive) {
					t.Errorf("send %d: receipt %+v", i+1, r.Receipt)
				}
				if r.Receipt.SHA256 != sha256Hex(contents[i]) {
					t.Errorf("send %d: receipt sha256 is not the content's", i+1)
				}
				lastStored = contents[i]
			}
			if n := len(readLedgerLines(t, w)); n != tc.ledger {
				t.Errorf("ledger has %d lines, want %d", n, tc.ledger)
			}
			checkStore(t, w)
			if tc.current == "" {
				var files []string
				filepath.WalkDir(filepath.Join(w.Root, SubmissionsDir), func(p string, d os.DirEntry, err error) error {
					if err == nil && !d.IsDir() {
						files = append(files, p)
					}
					return nil
				})
				if len(files) != 0 {
					t.Errorf("refused files left %v", files)
				}
				return
			}
			got, err := os.ReadFile(filepath.Join(w.Root, tc.current))
			if err != nil || !bytes.Equal(got, lastStored) {
				t.Errorf("current file %s is not the last stored content (%v)", tc.current, err)
			}
		})
	}
}

// checkStore verifies the store's invariants: the ledger parses; every receipt's version
// file exists with that content; versions are unique per unit, quarter and kind; every
// current file has the content of its latest receipt.
func checkStore(t *testing.T, w *Workspace) {
	t.Helper()
	recs, err := w.Ledger()
	if err != nil {
		t.Fatalf("ledger: %v", err)
	}
	type slot struct {
		unit, q string
		rollup  bool
	}
	seen := map[slot]map[int]bool{}
	latest := map[slot]Receipt{}
	for _, r := range recs {
		k := slot{r.Unit, r.Quarter.String(), r.Rollup}
		if seen[k] == nil {
			seen[k] = map[int]bool{}
		}
		if seen[k][r.Version] {
			t.Errorf("version %d of %v twice in the ledger", r.Version, k)
		}
		seen[k][r.Version] = true
		if r.Version > latest[k].Version {
			latest[k] = r
		}
		p, err := w.VersionPath(r)
		if err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			t.Errorf("version file of %+v: %v", r, err)
			continue
		}
		if sha256Hex(data) != r.SHA256 || int64(len(data)) != r.Size {
			t.Errorf("version file %s does not match its receipt", p)
		}
	}
	for k, r := range latest {
		p, _ := w.slotPath(k.unit, r.Quarter, k.rollup)
		data, err := os.ReadFile(p)
		if err != nil {
			t.Errorf("current file of %v: %v", k, err)
			continue
		}
		if sha256Hex(data) != r.SHA256 {
			t.Errorf("current file %s is not its latest version %d", p, r.Version)
		}
	}
}

func TestReceiveBatch(t *testing.T) {
	w := newWorkspace(t, "")
	in := t.TempDir()
	var files []string
	for i, f := range []fixture{
		{Unit: "DU-XD-01", Quarter: "2025-Q2", Preparer: "A"},
		{Unit: "DU-XD-01", Quarter: "2025-Q2", Preparer: "B"},
		{Unit: "DUK-02", Quarter: "2025-Q2", Preparer: "A", Version: "bad"},
		{Unit: "DUK-02", Quarter: "2025-Q1", Preparer: "A"},
	} {
		files = append(files, writeFixture(t, in, "f"+itoa(i)+".xlsx", f))
	}
	res, err := w.Receive(files, t0)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range res {
		s := "refused"
		if !r.Refused() {
			rel, _ := filepath.Rel(w.Root, r.Stored)
			s = filepath.ToSlash(rel) + " v" + itoa(r.Receipt.Version)
		}
		got = append(got, s)
	}
	want := "submissions/2025/Q2/DU-XD-01.xlsx v1|submissions/2025/Q2/DU-XD-01.xlsx v2|refused|submissions/2025/Q1/DUK-02.xlsx v1"
	if strings.Join(got, "|") != want {
		t.Errorf("got  %s\nwant %s", strings.Join(got, "|"), want)
	}
	checkStore(t, w)
	vs, err := w.Versions("du-xd-01", q("2025-Q2"))
	if err != nil || len(vs) != 2 || vs[0].Version != 1 || vs[1].Version != 2 {
		t.Errorf("Versions = %+v, %v", vs, err)
	}
}

func TestReceiveKeepsHandPlacedFile(t *testing.T) {
	w := newWorkspace(t, "")
	cur, _ := w.SubmissionPath("DUK-02", q("2025-Q2"))
	os.MkdirAll(filepath.Dir(cur), 0o755)
	old := fixtureBytes(t, fixture{Unit: "DUK-02", Quarter: "2025-Q2", Preparer: "by hand"})
	os.WriteFile(cur, old, 0o644)
	mtime := t0.Add(-48 * 3600e9)
	os.Chtimes(cur, mtime, mtime)
	p := writeFixture(t, t.TempDir(), "new.xlsx", fixture{Unit: "DUK-02", Quarter: "2025-Q2", Preparer: "received"})
	res, err := w.Receive([]string{p}, t0)
	if err != nil {
		t.Fatal(err)
	}
	if res[0].Receipt.Version != 2 {
		t.Fatalf("new file got version %d, want 2", res[0].Receipt.Version)
	}
	vs, _ := w.Versions("DUK-02", q("2025-Q2"))
	if len(vs) != 2 || vs[0].Source != SourceExisting || !vs[0].Received.Equal(mtime) || vs[0].SHA256 != sha256Hex(old) || vs[0].OriginalName != "DUK-02.xlsx" {
		t.Fatalf("versions %+v", vs)
	}
	checkStore(t, w)
}

// TestReceiveAfterCrash reproduces the states a crash can leave and checks the next
// receive repairs them.
func TestReceiveAfterCrash(t *testing.T) {
	f1 := fixture{Unit: "DUK-02", Quarter: "2025-Q2", Preparer: "one"}
	f2 := fixture{Unit: "DUK-02", Quarter: "2025-Q2", Preparer: "two"}
	tests := []struct {
		name string
		// crash leaves f1 as an orphan version 1 file (always), the current file (withCurrent)
		withCurrent bool
		torn        bool // and a torn ledger line
		resend      fixture
		wantVersion int
		wantLines   int
	}{
		{"orphan version, same file again", false, false, f1, 1, 1},
		{"orphan version and current, same file again", true, false, f1, 1, 1},
		{"orphan version and current and torn line, same file again", true, true, f1, 1, 1},
		{"orphan version, another file", false, false, f2, 2, 1},
		{"orphan version and current, another file", true, false, f2, 2, 2}, // the unrecorded current is kept as "existing"
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := newWorkspace(t, "")
			data := fixtureBytes(t, f1)
			sha := sha256Hex(data)
			vdir := w.versionDir("DUK-02", q("2025-Q2"), false)
			os.MkdirAll(vdir, 0o755)
			os.WriteFile(filepath.Join(vdir, versionName(1, sha)), data, 0o644)
			if tc.withCurrent {
				cur, _ := w.SubmissionPath("DUK-02", q("2025-Q2"))
				os.WriteFile(cur, data, 0o644)
			}
			if tc.torn {
				os.WriteFile(w.ledgerPath(), []byte(`{"received":"2025-07-05T09:30:00+07:00","unit":"DUK-0`), 0o644)
			}
			p := writeFixture(t, t.TempDir(), "x.xlsx", tc.resend)
			res, err := w.Receive([]string{p}, t0)
			if err != nil {
				t.Fatal(err)
			}
			if res[0].Duplicate || res[0].Receipt.Version != tc.wantVersion {
				t.Errorf("receipt %+v dup %v, want version %d", res[0].Receipt, res[0].Duplicate, tc.wantVersion)
			}
			lines := readLedgerLines(t, w)
			if len(lines) != tc.wantLines {
				t.Errorf("ledger:\n%s", strings.Join(lines, "\n"))
			}
			checkStore(t, w)
		})
	}
}

func TestReceiveMissingFile(t *testing.T) {
	w := newWorkspace(t, "")
	res, err := w.Receive([]string{filepath.Join(t.TempDir(), "nope.xlsx"), t.TempDir()}, t0)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		if !r.Refused() || !r.Result.HasErrors() {
			t.Errorf("%s: not refused with an error: %+v", r.File, r.Result.Findings)
		}
	}
}

func TestReceiveCorruptLedgerStops(t *testing.T) {
	w := newWorkspace(t, "")
	os.MkdirAll(filepath.Join(w.Root, SubmissionsDir), 0o755)
	bad := "garbage\n"
	os.WriteFile(w.ledgerPath(), []byte(bad), 0o644)
	p := writeFixture(t, t.TempDir(), "x.xlsx", fixture{Unit: "DUK-02", Quarter: "2025-Q2", Preparer: "A"})
	_, err := w.Receive([]string{p}, t0)
	var we *Error
	if !errors.As(err, &we) || we.Code != CodeLedgerCorrupt || we.Line != 1 {
		t.Fatalf("err = %v", err)
	}
	if got, _ := os.ReadFile(w.ledgerPath()); string(got) != bad {
		t.Errorf("corrupt ledger was modified: %q", got)
	}
	if cur, _ := w.SubmissionPath("DUK-02", q("2025-Q2")); fileExists(cur) {
		t.Error("file stored despite the corrupt ledger")
	}
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// TestReceiveCurrentNotWritable: when the current file cannot be replaced (on Windows: open
// in Excel) the receive fails, the ledger is unchanged, and a retry records the kept version.
func TestReceiveCurrentNotWritable(t *testing.T) {
	w := newWorkspace(t, "")
	writeCurrent = func(string, []byte, os.FileMode) error { return os.ErrPermission }
	defer func() { writeCurrent = atomicfile.WriteFile }()
	p := writeFixture(t, t.TempDir(), "x.xlsx", fixture{Unit: "DUK-02", Quarter: "2025-Q2", Preparer: "A"})
	res, err := w.Receive([]string{p}, t0)
	var we *Error
	if !errors.As(err, &we) || we.Code != CodeIO || !strings.Contains(we.Localized("vi"), "Excel") || len(res) != 0 {
		t.Fatalf("err = %v, results %d", err, len(res))
	}
	if lines := readLedgerLines(t, w); len(lines) != 0 {
		t.Fatalf("ledger written: %v", lines)
	}
	writeCurrent = atomicfile.WriteFile
	res, err = w.Receive([]string{p}, t0)
	if err != nil || res[0].Receipt.Version != 1 || res[0].Duplicate {
		t.Fatalf("retry: %+v, %v", res, err)
	}
	checkStore(t, w)
}

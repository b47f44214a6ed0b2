package atomicfile

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
	"time"
)

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	return names
}

func TestWriteFile(t *testing.T) {
	tests := []struct {
		name     string
		existing []byte // nil: no previous file
		data     []byte
		perm     os.FileMode
	}{
		{"new file", nil, []byte("hello"), 0o644},
		{"replace", []byte("old content that is longer"), []byte("new"), 0o644},
		{"empty data", []byte("old"), nil, 0o600},
		{"large", nil, bytes.Repeat([]byte("0123456789"), 200_000), 0o644},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			p := filepath.Join(dir, "f.xlsx")
			if tc.existing != nil {
				if err := os.WriteFile(p, tc.existing, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if err := WriteFile(p, tc.data, tc.perm); err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, tc.data) {
				t.Fatalf("content: got %d bytes, want %d", len(got), len(tc.data))
			}
			if runtime.GOOS != "windows" {
				st, _ := os.Stat(p)
				if st.Mode().Perm() != tc.perm {
					t.Errorf("perm = %v, want %v", st.Mode().Perm(), tc.perm)
				}
			}
			if names := listDir(t, dir); len(names) != 1 {
				t.Errorf("folder holds %v, want only f.xlsx", names)
			}
		})
	}
}

func TestCreateErrors(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{"", filepath.Join(dir, "missing", "f"), dir + string(filepath.Separator)} {
		if f, err := Create(p, 0o644); err == nil {
			f.Abort()
			t.Errorf("Create(%q) succeeded", p)
		}
	}
	if err := WriteFile(filepath.Join(dir, "missing", "f"), []byte("x"), 0o644); err == nil {
		t.Error("WriteFile into a missing folder succeeded")
	}
}

func TestAbortAndClose(t *testing.T) {
	tests := []struct {
		name   string
		finish func(f *File) error
	}{
		{"abort", (*File).Abort},
		{"close without commit", (*File).Close},
		{"abort twice", func(f *File) error { f.Abort(); return f.Abort() }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			p := filepath.Join(dir, "f")
			os.WriteFile(p, []byte("old"), 0o644)
			f, err := Create(p, 0o644)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := f.Write([]byte("new content")); err != nil {
				t.Fatal(err)
			}
			if got, _ := os.ReadFile(p); string(got) != "old" {
				t.Fatalf("before commit the file reads %q", got)
			}
			if err := tc.finish(f); err != nil {
				t.Fatal(err)
			}
			if got, _ := os.ReadFile(p); string(got) != "old" {
				t.Errorf("after abort the file reads %q", got)
			}
			if names := listDir(t, dir); len(names) != 1 {
				t.Errorf("temporary file left: %v", names)
			}
			if err := f.Commit(); err == nil {
				t.Error("Commit after Abort succeeded")
			}
			if _, err := f.Write([]byte("x")); err == nil {
				t.Error("Write after Abort succeeded")
			}
		})
	}
}

func TestCommitThenClose(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "f")
	f, err := Create(p, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.ReadFrom(bytes.NewReader([]byte("abc"))); err != nil {
		t.Fatal(err)
	}
	if f.Name() != p {
		t.Errorf("Name = %q", f.Name())
	}
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(p); string(got) != "abc" {
		t.Errorf("content %q", got)
	}
	if err := f.Commit(); err == nil {
		t.Error("second Commit succeeded")
	}
}

func TestCommitRenameFails(t *testing.T) {
	// The destination is a non-empty folder: the rename fails, the temp file must go.
	dir := t.TempDir()
	p := filepath.Join(dir, "sub")
	os.MkdirAll(filepath.Join(p, "x"), 0o755)
	err := WriteFile(p, []byte("data"), 0o644)
	if err == nil {
		t.Fatal("WriteFile over a folder succeeded")
	}
	var pe *os.PathError
	if !errors.As(err, &pe) || pe.Path != p {
		t.Errorf("error %v does not name the destination", err)
	}
	if names := listDir(t, dir); len(names) != 1 {
		t.Errorf("temporary file left: %v", names)
	}
}

func TestIsTempAndCleanup(t *testing.T) {
	tests := []struct {
		name string
		temp bool
	}{
		{".f.xlsx.tmp-123", true},
		{"f.xlsx", false},
		{".versions", false},
		{"f.tmp-1", false},
	}
	for _, tc := range tests {
		if got := IsTemp(tc.name); got != tc.temp {
			t.Errorf("IsTemp(%q) = %v", tc.name, got)
		}
	}
	dir := t.TempDir()
	old := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, n := range []string{".a.tmp-1", ".b.tmp-2", "keep.xlsx"} {
		p := filepath.Join(dir, n)
		os.WriteFile(p, nil, 0o644)
		os.Chtimes(p, old, old)
	}
	os.WriteFile(filepath.Join(dir, ".fresh.tmp-3"), nil, 0o644)
	removed, err := Cleanup(dir, time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(removed) != "[.a.tmp-1 .b.tmp-2]" {
		t.Errorf("removed %v", removed)
	}
	if fmt.Sprint(listDir(t, dir)) != "[.fresh.tmp-3 keep.xlsx]" {
		t.Errorf("left %v", listDir(t, dir))
	}
}

// TestWriteRemovesStaleTemps: a write removes the temporary files that killed writes of the
// same destination left behind more than StaleAge ago, and nothing else.
func TestWriteRemovesStaleTemps(t *testing.T) {
	dir := t.TempDir()
	old := time.Now().Add(-StaleAge - time.Minute)
	for _, n := range []string{".f.xlsx.tmp-1", ".f.xlsx.tmp-2", ".g.xlsx.tmp-3", ".f.xlsx.x.tmp-4"} {
		p := filepath.Join(dir, n)
		os.WriteFile(p, nil, 0o644)
		os.Chtimes(p, old, old)
	}
	os.WriteFile(filepath.Join(dir, ".f.xlsx.tmp-5"), nil, 0o644) // a write still under way
	if err := WriteFile(filepath.Join(dir, "f.xlsx"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(listDir(t, dir)); got != "[.f.xlsx.tmp-5 .f.xlsx.x.tmp-4 .g.xlsx.tmp-3 f.xlsx]" {
		t.Errorf("left %s", got)
	}
}

// content returns the n-th version's content: large enough that writing it takes a while,
// and self-describing so that a torn mixture is detectable.
func content(n int) []byte {
	line := []byte(fmt.Sprintf("version %08d\n", n))
	return bytes.Repeat(line, 1<<16) // 1 MiB
}

const childEnv = "ATOMICFILE_TEST_CHILD"

// TestKillDuringWrite re-executes the test binary as a child that rewrites one file in a
// loop, SIGKILLs it after a random delay, and checks the file is always one complete
// version.
func TestKillDuringWrite(t *testing.T) {
	if p := os.Getenv(childEnv); p != "" {
		for i := 1; ; i++ {
			if err := WriteFile(p, content(i), 0o644); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(3)
			}
		}
	}
	if runtime.GOOS == "windows" || testing.Short() {
		t.Skip("needs SIGKILL; skipped in -short")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "f")
	if err := WriteFile(p, content(0), 0o644); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewSource(1))
	for round := 0; round < 20; round++ {
		cmd := exec.Command(exe, "-test.run=^TestKillDuringWrite$")
		cmd.Env = append(os.Environ(), childEnv+"="+p)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(5+rng.Intn(60)) * time.Millisecond)
		cmd.Process.Kill() // SIGKILL on unix
		cmd.Wait()
		got, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) < 17 || !bytes.HasPrefix(got, []byte("version ")) {
			t.Fatalf("round %d: file starts %q", round, got[:min(len(got), 20)])
		}
		n, err := strconv.Atoi(string(got[8:16]))
		if err != nil || !bytes.Equal(got, content(n)) {
			t.Fatalf("round %d: file is not one complete version (%d bytes)", round, len(got))
		}
	}
	// Killed writers leave temporary files; Cleanup removes them.
	if _, err := Cleanup(dir, time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if names := listDir(t, dir); len(names) != 1 {
		t.Errorf("after Cleanup: %v", names)
	}
}

func BenchmarkWriteFile(b *testing.B) {
	dir := b.TempDir()
	p := filepath.Join(dir, "f")
	data := bytes.Repeat([]byte("x"), 64<<10)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if err := WriteFile(p, data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
}

package workspace

import (
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/vdhv/vdhv/pkg/atomicfile"
	"github.com/vdhv/vdhv/pkg/form"
)

// Child process modes: the test binary re-executed with these environment variables.
const (
	envChild = "VDHV_WORKSPACE_TEST_CHILD" // "receive" or "hold-lock"
	envRoot  = "VDHV_WORKSPACE_TEST_ROOT"
	envFiles = "VDHV_WORKSPACE_TEST_FILES" // newline-separated
)

func TestMain(m *testing.M) {
	switch os.Getenv(envChild) {
	case "":
		os.Exit(m.Run())
	case "receive":
		w, err := Open(os.Getenv(envRoot))
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		for _, f := range strings.Split(os.Getenv(envFiles), "\n") {
			res, err := w.Receive([]string{f}, time.Now())
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
			if res[0].Refused() {
				fmt.Fprintln(os.Stderr, "refused", f, res[0].Result.Findings)
				os.Exit(1)
			}
		}
		os.Exit(0)
	case "hold-lock":
		if _, err := acquireLock(filepath.Join(os.Getenv(envRoot), SubmissionsDir, LockFile)); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Println("locked")
		time.Sleep(time.Hour)
	}
	os.Exit(2)
}

func child(t *testing.T, mode, root string, files []string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	cmd := exec.Command(exe, "-test.run=^$")
	cmd.Env = append(os.Environ(), envChild+"="+mode, envRoot+"="+root, envFiles+"="+strings.Join(files, "\n"))
	return cmd
}

// uniqueFixtures writes n workbooks of one unit and quarter with different content.
func uniqueFixtures(t *testing.T, unit, quarter, tag string, n int) []string {
	t.Helper()
	dir := t.TempDir()
	var out []string
	for i := range n {
		out = append(out, writeFixture(t, dir, fmt.Sprintf("%s-%d.xlsx", tag, i), fixture{Unit: unit, Quarter: quarter, Preparer: fmt.Sprintf("%s %d", tag, i)}))
	}
	return out
}

// checkVersions checks the unit's versions are exactly 1..n.
func checkVersions(t *testing.T, w *Workspace, unit, quarter string, n int) {
	t.Helper()
	vs, err := w.Versions(unit, q(quarter))
	if err != nil {
		t.Fatal(err)
	}
	var got []int
	for _, v := range vs {
		got = append(got, v.Version)
	}
	want := make([]int, n)
	for i := range want {
		want[i] = i + 1
	}
	if !slices.Equal(got, want) {
		t.Errorf("versions %v, want 1..%d", got, n)
	}
}

func TestConcurrentReceiveGoroutines(t *testing.T) {
	w := newWorkspace(t, "")
	const workers, each = 8, 3
	files := uniqueFixtures(t, "DUK-02", "2025-Q2", "g", workers*each)
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for g := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, f := range files[g*each : (g+1)*each] {
				if _, err := w.Receive([]string{f}, t0); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if n := len(readLedgerLines(t, w)); n != workers*each {
		t.Errorf("ledger has %d lines, want %d", n, workers*each)
	}
	checkVersions(t, w, "DUK-02", "2025-Q2", workers*each)
	checkStore(t, w)
}

func TestConcurrentReceiveProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	w := newWorkspace(t, "")
	const procs, each = 4, 4
	files := uniqueFixtures(t, "DUK-02", "2025-Q2", "p", procs*each)
	var cmds []*exec.Cmd
	for p := range procs {
		cmd := child(t, "receive", w.Root, files[p*each:(p+1)*each])
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds = append(cmds, cmd)
	}
	for _, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Fatalf("child: %v", err)
		}
	}
	if n := len(readLedgerLines(t, w)); n != procs*each {
		t.Errorf("ledger has %d lines, want %d", n, procs*each)
	}
	checkVersions(t, w, "DUK-02", "2025-Q2", procs*each)
	checkStore(t, w)
}

// TestKillDuringReceive SIGKILLs a child in the middle of receiving, 20 times, then checks
// that the ledger parses, every stored file is a complete readable copy, and receiving
// still works (the dead child's lock is broken).
func TestKillDuringReceive(t *testing.T) {
	if testing.Short() || runtime.GOOS == "windows" {
		t.Skip("starts and kills processes")
	}
	w := newWorkspace(t, "")
	rng := rand.New(rand.NewSource(7))
	const rounds, perRound = 20, 4
	files := uniqueFixtures(t, "DUK-02", "2025-Q2", "k", rounds*perRound)
	killedEarly := 0
	for r := range rounds {
		cmd := child(t, "receive", w.Root, files[r*perRound:(r+1)*perRound])
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.Intn(120)) * time.Millisecond)
		cmd.Process.Kill()
		if err := cmd.Wait(); err != nil {
			killedEarly++
		}
	}
	t.Logf("%d of %d children killed before finishing", killedEarly, rounds)
	recs, err := w.Ledger()
	if err != nil {
		t.Fatalf("ledger after kills: %v", err)
	}
	// Every file in the store is complete: each version file's content has the checksum
	// its name says and reads without errors; the current file is one of them.
	vdir := w.versionDir("DUK-02", q("2025-Q2"), false)
	ents, _ := os.ReadDir(vdir)
	onDisk := map[string]bool{}
	for _, e := range ents {
		if atomicfile.IsTemp(e.Name()) {
			continue // a killed atomic write: never visible under a real name
		}
		v, sha8, ok := parseVersionName(e.Name())
		if !ok {
			t.Errorf("unexpected file %s", e.Name())
			continue
		}
		data, err := os.ReadFile(filepath.Join(vdir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256Hex(data)
		if sum[:8] != sha8 {
			t.Errorf("version %d is torn", v)
		}
		if res := form.ReadBytes(data, e.Name(), w.formOptions(q("2025-Q2"))); res.HasErrors() {
			t.Errorf("version %d does not read: %v", v, res.Findings)
		}
		onDisk[sum] = true
	}
	latest := Receipt{}
	for _, r := range recs {
		p, _ := w.VersionPath(r)
		if !fileExists(p) {
			t.Errorf("receipt v%d has no version file", r.Version)
		}
		if r.Version > latest.Version {
			latest = r
		}
	}
	cur, _ := w.SubmissionPath("DUK-02", q("2025-Q2"))
	curData, err := os.ReadFile(cur)
	if err != nil && len(recs) > 0 {
		t.Fatalf("no current file but %d receipts", len(recs))
	}
	if err == nil && !onDisk[sha256Hex(curData)] {
		t.Error("the current file is not a complete stored version")
	}
	// A kill between writing the current file and its ledger line leaves the current file
	// unrecorded (a later receive keeps it as an "existing" version); else it is the latest.
	unrecorded := err == nil && sha256Hex(curData) != latest.SHA256
	temps := 0
	for _, e := range ents {
		if atomicfile.IsTemp(e.Name()) {
			temps++
		}
	}
	t.Logf("%d receipts, %d version files without a receipt, %d temporary files left by killed writes, current file unrecorded: %v",
		len(recs), len(onDisk)-len(recs), temps, unrecorded)
	if !unrecorded {
		checkStore(t, w)
	}
	// Receiving after the kills works and gets a fresh number.
	more := uniqueFixtures(t, "DUK-02", "2025-Q2", "after", 1)
	res, err := w.Receive(more, t0)
	if err != nil {
		t.Fatalf("receive after kills: %v", err)
	}
	if res[0].Receipt.Version <= latest.Version {
		t.Errorf("version %d reused (ledger max %d)", res[0].Receipt.Version, latest.Version)
	}
	checkStore(t, w)
	wantLines := len(recs) + 1
	if unrecorded {
		wantLines++
	}
	if lines := readLedgerLines(t, w); len(lines) != wantLines {
		t.Errorf("ledger %d lines, want %d", len(lines), wantLines)
	}
}

func withLockTiming(t *testing.T, timeout, stale time.Duration) {
	t.Helper()
	oldT, oldS := lockTimeout, lockStaleAge
	lockTimeout, lockStaleAge = timeout, stale
	t.Cleanup(func() { lockTimeout, lockStaleAge = oldT, oldS })
}

func TestLockExclusive(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lock")
	var inside, overlaps atomic.Int32
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 10 {
				l, err := acquireLock(path)
				if err != nil {
					t.Error(err)
					return
				}
				if inside.Add(1) != 1 {
					overlaps.Add(1)
				}
				time.Sleep(100 * time.Microsecond)
				inside.Add(-1)
				if err := l.release(); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	if overlaps.Load() != 0 {
		t.Errorf("%d overlapping holds", overlaps.Load())
	}
	if fileExists(path) {
		t.Error("lock file left")
	}
}

func deadPID(t *testing.T) int {
	t.Helper()
	exe, _ := os.Executable()
	cmd := exec.Command(exe, "-test.run=^$")
	cmd.Env = append(os.Environ(), envChild+"=none")
	cmd.Run()
	return cmd.ProcessState.Pid()
}

func TestLockIsStale(t *testing.T) {
	withLockTiming(t, time.Minute, 2*time.Minute)
	me := os.Getpid()
	content := func(pid int, host string) []byte {
		return []byte("vdhv lock\npid=" + itoa(pid) + "\nhost=" + host + "\ntoken=abc\n")
	}
	dead := deadPID(t)
	tests := []struct {
		name  string
		data  []byte
		age   time.Duration
		stale bool
	}{
		{"live holder", content(me, hostname), time.Second, false},
		{"dead holder", content(dead, hostname), time.Second, true},
		{"other host, young", content(dead, hostname+"-other"), time.Minute, false},
		{"other host, old", content(dead, hostname+"-other"), 3 * time.Minute, true},
		{"live holder, too old", content(me, hostname), 3 * time.Minute, true},
		{"empty, young", nil, time.Second, false},
		{"empty, old", nil, 3 * time.Second, true},
		{"garbage, young", []byte("pid=zz"), 0, false},
		{"pid 0", content(0, hostname), time.Second, true},
	}
	for _, tc := range tests {
		if got := lockIsStale(tc.data, tc.age); got != tc.stale {
			t.Errorf("%s: stale = %v", tc.name, got)
		}
	}
}

func TestLockTimeout(t *testing.T) {
	withLockTiming(t, 150*time.Millisecond, time.Minute)
	path := filepath.Join(t.TempDir(), "lock")
	l, err := acquireLock(path)
	if err != nil {
		t.Fatal(err)
	}
	defer l.release()
	start := time.Now()
	_, err = acquireLock(path)
	var we *Error
	if err == nil || !strings.Contains(err.Error(), "busy") || !asError(err, &we) || we.Code != CodeBusy {
		t.Fatalf("err = %v", err)
	}
	if time.Since(start) < 150*time.Millisecond {
		t.Error("gave up before the timeout")
	}
}

func asError(err error, target **Error) bool {
	e, ok := err.(*Error)
	if ok {
		*target = e
	}
	return ok
}

func TestLockBreaksStale(t *testing.T) {
	withLockTiming(t, 5*time.Second, time.Minute)
	tests := []struct {
		name  string
		setup func(t *testing.T, path string)
	}{
		{"lock of a dead pid", func(t *testing.T, path string) {
			os.WriteFile(path, []byte("vdhv lock\npid="+itoa(deadPID(t))+"\nhost="+hostname+"\ntoken=x\n"), 0o644)
		}},
		{"old lock of another host", func(t *testing.T, path string) {
			os.WriteFile(path, []byte("vdhv lock\npid=1\nhost=elsewhere\ntoken=x\n"), 0o644)
			old := time.Now().Add(-2 * time.Hour)
			os.Chtimes(path, old, old)
		}},
		{"old empty lock", func(t *testing.T, path string) {
			os.WriteFile(path, nil, 0o644)
			old := time.Now().Add(-time.Minute)
			os.Chtimes(path, old, old)
		}},
		{"old break guard too", func(t *testing.T, path string) {
			os.WriteFile(path, []byte("vdhv lock\npid="+itoa(deadPID(t))+"\nhost="+hostname+"\ntoken=x\n"), 0o644)
			os.WriteFile(path+".break", nil, 0o644)
			old := time.Now().Add(-time.Minute)
			os.Chtimes(path+".break", old, old)
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "lock")
			tc.setup(t, path)
			start := time.Now()
			l, err := acquireLock(path)
			if err != nil {
				t.Fatal(err)
			}
			if time.Since(start) > 3*time.Second {
				t.Errorf("took %v", time.Since(start))
			}
			if err := l.release(); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestLockKilledHolder(t *testing.T) {
	if testing.Short() || runtime.GOOS == "windows" {
		t.Skip("starts and kills a process")
	}
	withLockTiming(t, 10*time.Second, time.Minute)
	w := newWorkspace(t, "")
	os.MkdirAll(filepath.Join(w.Root, SubmissionsDir), 0o755)
	cmd := child(t, "hold-lock", w.Root, nil)
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 6)
	if _, err := out.Read(buf); err != nil || string(buf) != "locked" {
		t.Fatalf("child: %q %v", buf, err)
	}
	path := filepath.Join(w.Root, SubmissionsDir, LockFile)
	// While the holder lives, the lock is not stale.
	if data, age, ok := readLock(path); !ok || lockIsStale(data, age) {
		t.Fatal("live holder's lock judged stale")
	}
	cmd.Process.Kill()
	cmd.Wait()
	l, err := acquireLock(path)
	if err != nil {
		t.Fatalf("lock of a killed holder not broken: %v", err)
	}
	l.release()
}

func TestLockReleaseNotOurs(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lock")
	l, err := acquireLock(path)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(path, []byte("vdhv lock\npid=1\nhost=x\ntoken=someone-else\n"), 0o644)
	if err := l.release(); err == nil {
		t.Error("released a lock taken over by another")
	}
	if !fileExists(path) {
		t.Error("removed another holder's lock")
	}
}

func FuzzLockIsStale(f *testing.F) {
	f.Add([]byte("vdhv lock\npid=1\nhost=x\ntoken=y\n"), int64(0))
	f.Add([]byte("pid=-5\ntoken=\n"), int64(1e12))
	f.Fuzz(func(t *testing.T, data []byte, age int64) {
		lockIsStale(data, time.Duration(age)) // must not panic
		if time.Duration(age) > lockStaleAge && !lockIsStale(data, time.Duration(age)) {
			t.Fatal("an old lock is not stale")
		}
	})
}

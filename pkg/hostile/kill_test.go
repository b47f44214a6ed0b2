package hostile

import (
	"bytes"
	"context"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/vdhv/vdhv/pkg/atomicfile"
)

// killAfter starts vdhv args… in dir, sends SIGKILL after delay and waits. It reports
// whether the signal ended the process (false: it had finished before).
func killAfter(t testing.TB, dir string, delay time.Duration, args ...string) bool {
	t.Helper()
	return killWhen(t, dir, nil, delay, args...)
}

// killWhen starts vdhv args… in dir, waits until ready() (polled every millisecond; nil:
// at once), then delay, sends SIGKILL and waits. It reports whether the signal ended the
// process.
func killWhen(t testing.TB, dir string, ready func() bool, delay time.Duration, args ...string) bool {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), hardTimeout)
	defer cancel()
	cmd := command(ctx, dir, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		cmd.Wait()
		close(done)
	}()
	for ready != nil && !ready() {
		select {
		case <-done:
			ready = nil
			continue
		case <-time.After(time.Millisecond):
		}
	}
	select {
	case <-done:
	case <-time.After(delay):
		cmd.Process.Signal(syscall.SIGKILL)
		<-done
	}
	if ctx.Err() != nil {
		t.Fatalf("vdhv %s hung", strings.Join(args, " "))
	}
	ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus)
	killed := ok && ws.Signaled()
	if !killed && cmd.ProcessState.ExitCode() != 0 {
		t.Fatalf("vdhv %s (not killed): exit %d\n%s", strings.Join(args, " "), cmd.ProcessState.ExitCode(), out.String())
	}
	noCrash(t, runResult{args: args, stdout: out.String()})
	return killed
}

// wsChecker checks a workspace's invariants after a kill; it remembers the contents already
// validated (files are immutable by content) so that each check validates only new ones.
type wsChecker struct {
	ws    string
	valid map[string]bool // sha256 of contents known valid
}

// check asserts: the ledger parses (a torn last line is allowed: workspace skips it); every
// receipt's version file exists with the receipt's content; every stored spreadsheet (current
// files and versions) validates; every current file's content is one of the unit's versions
// on disk; `vdhv status` works. Temporary files of atomic writes may remain beside outputs
// (hidden dot files; receive removes those older than 2 minutes).
func (c *wsChecker) check(t testing.TB) (receipts []receipt) {
	t.Helper()
	lines, torn := readLedger(t, c.ws)
	if torn != "" {
		t.Logf("ledger: torn last line (skipped by workspace): %q", torn)
	}
	for _, r := range lines {
		p := versionPath(c.ws, r)
		if _, err := os.Stat(p); err != nil {
			t.Fatalf("receipt %s v%d: %v", r.Unit, r.Version, err)
		}
		if got := sha(t, p); got != r.SHA256 {
			t.Fatalf("receipt %s v%d: version file content %s, ledger says %s", r.Unit, r.Version, got[:8], r.SHA256[:8])
		}
	}
	files, temps := spreadsheets(t, filepath.Join(c.ws, "submissions"))
	for _, tmp := range temps {
		if !strings.HasPrefix(filepath.Base(tmp), ".") {
			t.Errorf("temporary file not hidden: %s", tmp)
		}
	}
	var todo []string
	shas := map[string]string{}
	for _, f := range files {
		s := sha(t, f)
		shas[f] = s
		if !c.valid[s] {
			todo = append(todo, f)
		}
	}
	validateAll(t, c.ws, todo)
	for _, f := range todo {
		c.valid[shas[f]] = true
	}
	// Current files: one of their unit's versions.
	qdir := filepath.Join(c.ws, "submissions", "2025", "Q2")
	ents, _ := os.ReadDir(qdir)
	for _, e := range ents {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".xlsx") || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		unit := strings.TrimSuffix(e.Name(), ".xlsx")
		cur := shas[filepath.Join(qdir, e.Name())]
		vers, _ := filepath.Glob(filepath.Join(qdir, ".versions", unit, "v*-"+cur[:8]+".xlsx"))
		if len(vers) == 0 {
			t.Errorf("current %s (%s) is none of its versions", e.Name(), cur[:8])
		}
	}
	r := vdhv(t, c.ws, "status", "--period", "2025-Q2", "--format", "json")
	noCrash(t, r)
	if r.code != 0 || !json.Valid([]byte(r.stdout)) {
		t.Fatalf("status after a kill: exit %d\n%s\n%s", r.code, clip(r.stdout), r.stderr)
	}
	t.Logf("workspace: %d receipts, %d spreadsheets (%d newly validated), %d temporary files", len(lines), len(files), len(todo), len(temps))
	return lines
}

// killUnits is the number of units (and files per batch) of the kill tests.
func killUnits() int {
	if testing.Short() {
		return 10
	}
	return 20
}

// TestKillReceive kills `vdhv receive` at random moments (deterministic seed) and checks
// that the ledger and every stored file stay intact and readable, and that receiving the
// same files again completes the job.
func TestKillReceive(t *testing.T) {
	n := killUnits()
	ws, tree := newWorkspace(t, n)
	in := filepath.Join(filepath.Dir(ws), "in")
	c := &wsChecker{ws: ws, valid: map[string]bool{}}
	batch := func(v int) []string {
		return writeForms(t, tree, filepath.Join(in, "v"+strings.Repeat("i", v)), v, seq(1, n))
	}
	start := time.Now()
	r := vdhv(t, ws, append([]string{"receive"}, batch(0)...)...)
	full := time.Since(start)
	if r.code != 0 {
		t.Fatalf("receive: exit %d\n%s", r.code, r.stderr)
	}
	t.Logf("receiving %d files takes %v", n, full)
	c.check(t)
	rng := rand.New(rand.NewPCG(6, 2025))
	iterations := 5
	if testing.Short() {
		iterations = 2
	}
	killedMid := 0
	for it := 1; it <= iterations; it++ {
		files := batch(it)
		// Kill once k more receipts are in the ledger, plus 0–3 ms: anywhere in the store
		// sequence of a file (version, current file, ledger line). k = 0: during validation.
		k := rng.IntN(n)
		base := ledgerLines(ws)
		ready := func() bool { return ledgerLines(ws) >= base+k }
		delay := time.Duration(rng.Int64N(int64(3 * time.Millisecond)))
		if k == 0 {
			ready = nil
			delay = randomDelay(rng, full/4)
		}
		killed := killWhen(t, ws, ready, delay, append([]string{"receive"}, files...)...)
		if killed {
			killedMid++
		}
		before := c.check(t)
		t.Logf("iteration %d: kill after %d receipts + %v (killed: %v), %d receipts", it, k, delay.Round(time.Microsecond), killed, len(before)-base)
		// Receiving the batch again completes it: every unit's current file is the new one
		// and its last receipt records it.
		r := vdhv(t, ws, append([]string{"receive"}, files...)...)
		noCrash(t, r)
		if r.code != 0 {
			t.Fatalf("receive after a kill: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
		}
		after := c.check(t)
		last := map[string]receipt{}
		for _, rc := range after {
			last[rc.Unit] = rc
		}
		for _, f := range files {
			unit := strings.TrimSuffix(filepath.Base(f), ".xlsx")
			want := sha(t, f)
			if got := sha(t, filepath.Join(ws, "submissions", "2025", "Q2", unit+".xlsx")); got != want {
				t.Errorf("iteration %d: current %s is %s, want %s", it, unit, got[:8], want[:8])
			}
			if last[unit].SHA256 != want {
				t.Errorf("iteration %d: last receipt of %s is %.8s, want %s", it, unit, last[unit].SHA256, want[:8])
			}
		}
	}
	if killedMid < iterations-1 {
		t.Errorf("only %d of %d kills landed while receive was running", killedMid, iterations)
	}
	// Temporary files of killed runs go with the next receive once they are stale.
	sub := filepath.Join(ws, "submissions")
	ageTemps(t, sub)
	if r := vdhv(t, ws, append([]string{"receive"}, batch(iterations+1)...)...); r.code != 0 {
		t.Fatalf("receive: exit %d\n%s", r.code, r.stderr)
	}
	if _, temps := spreadsheets(t, sub); len(temps) != 0 {
		t.Errorf("stale temporary files left after a receive: %v", temps)
	}
}

// ledgerLines counts the complete lines of the workspace's ledger.
func ledgerLines(ws string) int {
	b, _ := os.ReadFile(filepath.Join(ws, "submissions", "ledger.jsonl"))
	return bytes.Count(b, []byte{'\n'})
}

// ageTemps makes the temporary files under dir look left behind long ago.
func ageTemps(t testing.TB, dir string) {
	t.Helper()
	old := time.Now().Add(-time.Hour)
	_, temps := spreadsheets(t, dir)
	for _, p := range temps {
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("%d temporary files under %s", len(temps), dir)
}

// hasTemp reports whether dir holds a temporary file of an atomic write.
func hasTemp(dir string) bool {
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if atomicfile.IsTemp(e.Name()) {
			return true
		}
	}
	return false
}

// randomDelay picks a moment to kill a run that took about full when measured: within its
// first 70% (later runs are faster, the files being cached), at least 5 ms after the start.
func randomDelay(rng *rand.Rand, full time.Duration) time.Duration {
	return 5*time.Millisecond + time.Duration(rng.Int64N(int64(full)*7/10+1))
}

// An output of a command, checked after a kill: missing (never written), the old content or
// the new one.
type killOutput struct {
	args  []string // the command, writing to outDir
	files []string // its outputs, relative to outDir
}

// TestKillOutputs kills `vdhv aggregate`, `vdhv aggregate --rollup` and `vdhv report` at
// random moments and checks that each output is either its previous content or the complete
// new one, and that the workspace is intact.
func TestKillOutputs(t *testing.T) {
	n := killUnits()
	ws, tree := newWorkspace(t, n)
	in := filepath.Join(filepath.Dir(ws), "in")
	c := &wsChecker{ws: ws, valid: map[string]bool{}}
	receive := func(v int) {
		files := writeForms(t, tree, filepath.Join(in, "v"+strings.Repeat("i", v)), v, seq(1, n))
		r := vdhv(t, ws, append([]string{"receive"}, files...)...)
		if r.code != 0 {
			t.Fatalf("receive: exit %d\n%s", r.code, r.stderr)
		}
	}
	receive(0)
	cmds := []killOutput{
		{[]string{"aggregate", "--period", "2025-Q2", "-o", "{out}"}, []string{"aggregate.json", "tong-hop-2025-Q2.xlsx"}},
		{[]string{"aggregate", "--period", "2025-Q2", "--rollup", "DU-A", "-o", "{out}/DU-A-tong-hop.xlsx"}, []string{"DU-A-tong-hop.xlsx"}},
		{[]string{"report", "--period", "2025-H1", "-o", "{out}"}, []string{"bao-cao-2025-H1.pdf", "bao-cao-2025-H1.xlsx"}},
	}
	run := func(k killOutput, out string) time.Duration {
		args := make([]string, len(k.args))
		for i, a := range k.args {
			args[i] = strings.ReplaceAll(a, "{out}", out)
		}
		start := time.Now()
		r := vdhv(t, ws, args...)
		noCrash(t, r)
		if r.code != 0 {
			t.Fatalf("vdhv %s: exit %d\n%s", strings.Join(args, " "), r.code, r.stderr)
		}
		return time.Since(start)
	}
	read := func(dir string, k killOutput) map[string][]byte {
		m := map[string][]byte{}
		for _, f := range k.files {
			if b, err := os.ReadFile(filepath.Join(dir, f)); err == nil {
				m[f] = b
			}
		}
		return m
	}
	outDir := filepath.Join(ws, "out", "kill")
	durations := make([]time.Duration, len(cmds))
	for i, k := range cmds {
		durations[i] = run(k, outDir)
	}
	rng := rand.New(rand.NewPCG(7, 2025))
	iterations := 2
	if testing.Short() {
		iterations = 1
	}
	killedMid := 0
	for it := 1; it <= iterations; it++ {
		receive(it) // new figures: every output changes
		for i, k := range cmds {
			old := read(outDir, k)
			fresh := filepath.Join(ws, "out", "fresh", strings.Repeat("i", it*10+i))
			run(k, fresh)
			want := read(fresh, k)
			for _, f := range k.files {
				if want[f] == nil {
					// tong-hop-<period>.xlsx: aggregate's workbook is being built by another
					// engineer; an output that is not written is not checked.
					t.Logf("vdhv %s wrote no %s", strings.Join(k.args, " "), f)
					continue
				}
				if bytes.Equal(old[f], want[f]) {
					t.Fatalf("%s: new figures, same output; the test cannot tell old from new", f)
				}
			}
			args := make([]string, len(k.args))
			for j, a := range k.args {
				args[j] = strings.ReplaceAll(a, "{out}", outDir)
			}
			// Every other kill waits for a temporary file in the output folder (an output
			// being written) and lands 0–2 ms later; the others at a random moment.
			var ready func() bool
			delay := randomDelay(rng, durations[i])
			if (it+i)%2 == 0 {
				ready = func() bool { return hasTemp(outDir) }
				delay = time.Duration(rng.Int64N(int64(2 * time.Millisecond)))
			}
			killed := killWhen(t, ws, ready, delay, args...)
			if killed {
				killedMid++
			}
			got := read(outDir, k)
			for _, f := range k.files {
				if want[f] == nil && got[f] == nil {
					continue
				}
				switch {
				case bytes.Equal(got[f], old[f]):
				case bytes.Equal(got[f], want[f]):
				default:
					t.Errorf("%s after a kill at %v: %d bytes, neither the old (%d) nor the new (%d) content", f, delay, len(got[f]), len(old[f]), len(want[f]))
				}
				if f == "aggregate.json" && got[f] != nil && !json.Valid(got[f]) {
					t.Errorf("aggregate.json after a kill is not JSON")
				}
			}
			t.Logf("iteration %d: %s killed %v after %s (killed: %v)", it, strings.Join(k.args[:3], " "), delay.Round(time.Microsecond), map[bool]string{true: "a temporary file appeared", false: "the start"}[ready != nil], killed)
			// Running it again gives the new outputs in place.
			run(k, outDir)
			got = read(outDir, k)
			for _, f := range k.files {
				if !bytes.Equal(got[f], want[f]) {
					t.Errorf("%s: a complete run in place differs from one in a fresh folder", f)
				}
			}
		}
		c.check(t)
	}
	if killedMid == 0 {
		t.Errorf("no kill landed while a command was running")
	}
	// Temporary files of killed runs go with the next write of the same output once stale.
	ageTemps(t, outDir)
	for _, k := range cmds {
		run(k, outDir)
	}
	if hasTemp(outDir) {
		t.Errorf("stale temporary files left in %s: %v", outDir, listFiles(t, outDir))
	}
}

// TestConcurrentReceive: four `vdhv receive` processes at once into one workspace, first with
// different units, then with four versions of one unit: every file stored, one well-formed
// ledger line per stored version, version numbers unique.
func TestConcurrentReceive(t *testing.T) {
	const procs, per = 4, 8
	ws, tree := newWorkspace(t, procs*per)
	in := filepath.Join(filepath.Dir(ws), "in")
	c := &wsChecker{ws: ws, valid: map[string]bool{}}
	files := writeForms(t, tree, filepath.Join(in, "a"), 1, seq(1, procs*per))
	parallel := func(groups [][]string) {
		var wg sync.WaitGroup
		results := make([]runResult, len(groups))
		for i, g := range groups {
			wg.Add(1)
			go func() {
				defer wg.Done()
				results[i] = vdhv(t, ws, append([]string{"receive"}, g...)...)
			}()
		}
		wg.Wait()
		for _, r := range results {
			noCrash(t, r)
			if r.code != 0 {
				t.Errorf("concurrent receive: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
			}
		}
	}
	var groups [][]string
	for p := range procs {
		groups = append(groups, files[p*per:(p+1)*per])
	}
	parallel(groups)
	lines := c.check(t)
	if len(lines) != procs*per {
		t.Fatalf("ledger: %d lines, want %d", len(lines), procs*per)
	}
	seen := map[string]bool{}
	for _, r := range lines {
		if seen[r.Unit] || r.Version != 1 {
			t.Errorf("ledger: %s version %d (seen before: %v)", r.Unit, r.Version, seen[r.Unit])
		}
		seen[r.Unit] = true
	}
	// Four new versions of A-01 at once: versions 2–5, each once; the current file is the
	// content of the highest.
	var one [][]string
	for p := range procs {
		one = append(one, writeForms(t, tree, filepath.Join(in, "b"+strings.Repeat("i", p+1)), 10+p, []int{1}))
	}
	parallel(one)
	lines = c.check(t)
	if len(lines) != procs*per+procs {
		t.Fatalf("ledger: %d lines, want %d", len(lines), procs*per+procs)
	}
	versions := map[int]string{}
	for _, r := range lines {
		if r.Unit == UnitCode(1) {
			if _, dup := versions[r.Version]; dup {
				t.Errorf("version %d of %s recorded twice", r.Version, r.Unit)
			}
			versions[r.Version] = r.SHA256
		}
	}
	for v := 1; v <= procs+1; v++ {
		if versions[v] == "" {
			t.Errorf("no version %d of %s: %v", v, UnitCode(1), versions)
		}
	}
	cur := sha(t, filepath.Join(ws, "submissions", "2025", "Q2", UnitCode(1)+".xlsx"))
	if cur != versions[procs+1] {
		t.Errorf("current %s is %.8s, want the last version's %.8s", UnitCode(1), cur, versions[procs+1])
	}
}

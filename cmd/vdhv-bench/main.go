// Command vdhv-bench measures vdhv against the performance goals (issue 5) and writes
// BENCHMARKS.md; `make bench` runs it. It is a development tool, not part of vdhv.
//
//	vdhv-bench -vdhv bin/vdhv -dir .bench -gobench .bench/gobench.txt -o BENCHMARKS.md
//	vdhv-bench -prepare -dir .bench          # only generate (or find) the workspaces
//	vdhv-bench startup -vdhv bin/vdhv        # help and validate of one file, 30 runs (startup.go)
//
// Workspaces are generated once into -dir (pkg/gen, named after gen.Version, so a newer
// generator rebuilds them): the national preset (40 đảng ủy × 50 cơ sở, 2025-Q1..Q4), the
// same bloc with 250 files per quarter (memory at 1,000 files), and the typical preset (the
// file vdhv validate is timed on). Every command is timed as a whole process, -runs times,
// and the median is kept: wall time, CPU time (user+sys) and peak RSS from the child's
// rusage, with the 1-minute load average read before each run. The floor is a pass of
// this program (subcommand floor) that reads every file and runs it through xlsxread's
// unzip and XML tokenizer (xlsxread.TokenizeAll), on every core, in the same run.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/vdhv/vdhv/pkg/engine"
	"github.com/vdhv/vdhv/pkg/gen"
	"github.com/vdhv/vdhv/pkg/period"
	"github.com/vdhv/vdhv/pkg/workspace"
	"github.com/vdhv/vdhv/pkg/xlsxread"
)

func main() {
	if len(os.Args) > 1 {
		switch os.Args[1] {
		case "floor":
			os.Exit(floorMain(os.Args[2:]))
		case "engine":
			os.Exit(engineMain(os.Args[2:]))
		case "startup":
			os.Exit(startupMain(os.Args[2:]))
		}
	}
	os.Exit(run(os.Args[1:]))
}

// ---- subcommands timed as child processes ----

// quarterFiles lists the spreadsheet files of the period's quarter folders.
func quarterFiles(root string, p period.Period) []string {
	var files []string
	for _, q := range p.Quarters() {
		m, _ := filepath.Glob(filepath.Join(root, workspace.SubmissionsDir, strconv.Itoa(q.Year), "Q"+strconv.Itoa(q.Q), "*.xlsx"))
		files = append(files, m...)
	}
	return files
}

// floorMain reads every .xlsx of the period and tokenizes it, on every core.
func floorMain(args []string) int {
	if len(args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: vdhv-bench floor WORKSPACE PERIOD")
		return 2
	}
	p, err := period.ParsePeriod(args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	files := quarterFiles(args[0], p)
	var next, bytesRead atomic.Int64
	var wg sync.WaitGroup
	for range runtime.NumCPU() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(files) {
					return
				}
				data, err := os.ReadFile(files[i])
				if err != nil {
					continue
				}
				n, _ := xlsxread.TokenizeAll(data, xlsxread.Limits{}) // .xls and broken files: their error
				bytesRead.Add(n)
			}
		}()
	}
	wg.Wait()
	fmt.Printf("%d files, %d bytes of XML\n", len(files), bytesRead.Load())
	return 0
}

// engineMain runs engine.Run only (no output files): -reference for the straightforward
// pipeline, else streaming with the cache in -cache ("off" for none).
func engineMain(args []string) int {
	fs := flag.NewFlagSet("engine", flag.ContinueOnError)
	ref := fs.Bool("reference", false, "the straightforward pipeline")
	cache := fs.String("cache", "off", "cache folder or off")
	if err := fs.Parse(args); err != nil || fs.NArg() != 2 {
		fmt.Fprintln(os.Stderr, "usage: vdhv-bench engine [-reference] [-cache DIR] WORKSPACE PERIOD")
		return 2
	}
	ws, err := workspace.Open(fs.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	p, err := period.ParsePeriod(fs.Arg(1))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	out, err := engine.Run(ws, p, engine.Options{Reference: *ref, CacheDir: *cache})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fmt.Println(len(out.Entries), "files")
	return 0
}

// ---- workspaces ----

type workspaces struct {
	national, small, typical string
	worst                    string // national with the template's string order
	files, smallFiles        int
}

// prepare generates (or finds) the benchmark workspaces in dir.
func prepare(dir string, log io.Writer) (*workspaces, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	v := "-v" + strconv.Itoa(gen.Version)
	w := &workspaces{national: filepath.Join(dir, "national"+v), small: filepath.Join(dir, "national-1k"+v), typical: filepath.Join(dir, "typical"+v),
		worst: filepath.Join(dir, "national-worst"+v)}
	// Drop workspaces of other generator versions.
	old, _ := filepath.Glob(filepath.Join(dir, "*-v*"))
	for _, o := range old {
		if st, err := os.Stat(o); err == nil && st.IsDir() && !slices.Contains([]string{w.national, w.small, w.typical, w.worst}, o) {
			if _, err := os.Stat(filepath.Join(o, gen.MarkerFile)); err == nil || strings.Contains(o, "national-1k") {
				fmt.Fprintln(log, "removing", o)
				os.RemoveAll(o)
			}
		}
	}
	for _, x := range []struct{ preset, dir, sst string }{{"national", w.national, ""}, {"typical", w.typical, ""}, {"national", w.worst, "template"}} {
		p, err := gen.Preset(x.preset)
		if err != nil {
			return nil, err
		}
		if x.sst != "" {
			p.SSTOrder = x.sst
		}
		start := time.Now()
		s, err := gen.Ensure(x.dir, p)
		if err != nil {
			return nil, fmt.Errorf("generating %s: %w", x.dir, err)
		}
		if s != nil {
			fmt.Fprintf(log, "generated %s in %s\n", x.dir, time.Since(start).Round(time.Second))
		}
	}
	p, _ := period.ParsePeriod("2025")
	w.files = len(quarterFiles(w.national, p))
	if err := subset(w.national, w.small, 250); err != nil {
		return nil, err
	}
	w.smallFiles = len(quarterFiles(w.small, p))
	return w, nil
}

// subset makes dst the workspace src with only the first n files (by name) of each
// quarter folder: the same bloc, fewer files. It is rebuilt when src's marker changed.
func subset(src, dst string, n int) error {
	marker, err := os.ReadFile(filepath.Join(src, gen.MarkerFile))
	if err != nil {
		return err
	}
	stamp := append([]byte(fmt.Sprintf("# subset: %d files per quarter of %s\n", n, filepath.Base(src))), marker...)
	if got, err := os.ReadFile(filepath.Join(dst, ".subset")); err == nil && bytes.Equal(got, stamp) {
		return nil
	}
	if err := os.RemoveAll(dst); err != nil {
		return err
	}
	copyFile := func(from, to string) error {
		data, err := os.ReadFile(from)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			return err
		}
		return os.WriteFile(to, data, 0o644)
	}
	for _, f := range []string{workspace.UnitsFile, workspace.ConfigFile, filepath.Join(workspace.SubmissionsDir, workspace.LedgerFile)} {
		if err := copyFile(filepath.Join(src, f), filepath.Join(dst, f)); err != nil {
			return err
		}
	}
	qdirs, _ := filepath.Glob(filepath.Join(src, workspace.SubmissionsDir, "*", "Q*"))
	for _, qd := range qdirs {
		files, _ := filepath.Glob(filepath.Join(qd, "*.xlsx"))
		slices.Sort(files)
		rel, _ := filepath.Rel(src, qd)
		for _, f := range files[:min(n, len(files))] {
			if err := copyFile(f, filepath.Join(dst, rel, filepath.Base(f))); err != nil {
				return err
			}
		}
	}
	return os.WriteFile(filepath.Join(dst, ".subset"), stamp, 0o644)
}

// ---- measuring ----

type sample struct {
	wall, cpu time.Duration
	rss       int64 // bytes
	load      float64
}

type result struct {
	name    string
	samples []sample
}

func median[T int64 | float64 | time.Duration](xs []T) T {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func (r *result) wall() time.Duration {
	return median(pick(r.samples, func(s sample) time.Duration { return s.wall }))
}
func (r *result) cpu() time.Duration {
	return median(pick(r.samples, func(s sample) time.Duration { return s.cpu }))
}
func (r *result) rss() int64 { return median(pick(r.samples, func(s sample) int64 { return s.rss })) }
func (r *result) load() float64 {
	return median(pick(r.samples, func(s sample) float64 { return s.load }))
}

func pick[T any](s []sample, f func(sample) T) []T {
	out := make([]T, len(s))
	for i, x := range s {
		out[i] = f(x)
	}
	return out
}

// loadavg is the 1-minute load average (0 where unknown).
func loadavg() float64 {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(data))
	if len(f) == 0 {
		return 0
	}
	x, _ := strconv.ParseFloat(f[0], 64)
	return x
}

// measure runs a command once: wall time, CPU time and peak RSS of the child.
func measure(env []string, name string, args ...string) (sample, error) {
	s := sample{load: loadavg()}
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), env...)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = io.Discard, &stderr
	start := time.Now()
	err := cmd.Run()
	s.wall = time.Since(start)
	if cmd.ProcessState != nil {
		s.cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
		s.rss = maxRSS(cmd.ProcessState)
	}
	var exit *exec.ExitError
	if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 1) { // 1: data problems, still a full run
		return s, fmt.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.String())
	}
	return s, nil
}

type bench struct {
	runs int
	log  io.Writer
	res  []*result
}

// time runs a command n times (before: run before each run, e.g. to empty a cache).
func (b *bench) time(name string, n int, before func() []string, cmd string, args ...string) (*result, error) {
	r := &result{name: name}
	for i := range n {
		var env []string
		if before != nil {
			env = before()
		}
		s, err := measure(env, cmd, args...)
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(b.log, "  %-34s run %d: wall %7.3fs  cpu %7.3fs  rss %4d MB  load %.2f\n", name, i+1, s.wall.Seconds(), s.cpu.Seconds(), s.rss>>20, s.load)
		r.samples = append(r.samples, s)
	}
	b.res = append(b.res, r)
	return r, nil
}

func run(args []string) int {
	fs := flag.NewFlagSet("vdhv-bench", flag.ContinueOnError)
	vdhv := fs.String("vdhv", "bin/vdhv", "the vdhv binary to measure")
	dir := fs.String("dir", ".bench", "folder of the generated workspaces and caches")
	runs := fs.Int("runs", 3, "runs of each measurement (the median is kept)")
	out := fs.String("o", "BENCHMARKS.md", "the report to write")
	gobench := fs.String("gobench", "", "output of go test -bench to include")
	onlyPrepare := fs.Bool("prepare", false, "only generate the workspaces")
	reference := fs.Bool("reference", true, "also time the straightforward pipeline once (engine.Options.Reference)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	log := os.Stderr
	ws, err := prepare(*dir, log)
	if err != nil {
		fmt.Fprintln(log, "vdhv-bench:", err)
		return 1
	}
	if *onlyPrepare {
		return 0
	}
	self, err := os.Executable()
	if err != nil {
		fmt.Fprintln(log, "vdhv-bench:", err)
		return 1
	}
	bin, err := filepath.Abs(*vdhv)
	if err != nil {
		fmt.Fprintln(log, "vdhv-bench:", err)
		return 1
	}
	caches := filepath.Join(*dir, "cache")
	os.RemoveAll(caches)
	fresh := 0
	coldCache := func() []string {
		fresh++
		d := filepath.Join(caches, "cold-"+strconv.Itoa(fresh))
		return []string{workspace.CacheEnv + "=" + d}
	}
	warm := []string{workspace.CacheEnv + "=" + filepath.Join(caches, "warm")}
	warmCache := func() []string { return warm }
	outDir := filepath.Join(*dir, "out")
	b := &bench{runs: *runs, log: log}
	n := *runs
	agg := func(w string) []string { return []string{"-q", "-C", w, "aggregate", "--period", "2025", "-o", outDir} }
	typicalFile, _ := filepath.Glob(filepath.Join(ws.typical, workspace.SubmissionsDir, "2025", "Q1", "*.xlsx"))
	if len(typicalFile) == 0 {
		fmt.Fprintln(log, "vdhv-bench: no typical file")
		return 1
	}
	type step struct {
		key    string
		name   string
		n      int
		before func() []string
		cmd    string
		args   []string
		prime  bool
	}
	steps := []step{
		{"floor", "floor: unzip + tokenize, 8,000 files", n, nil, self, []string{"floor", ws.national, "2025"}, false},
		{"cold", "aggregate 2025, 8,000 files, cold", n, coldCache, bin, agg(ws.national), false},
		{"warm", "aggregate 2025, 8,000 files, warm", n, warmCache, bin, agg(ws.national), true},
		{"coldWorst", "aggregate 2025, 8,000 files, cold, strings in the template's order", n, coldCache, bin, agg(ws.worst), false},
		{"cold1k", "aggregate 2025, 1,000 files, cold", n, coldCache, bin, agg(ws.small), false},
		{"warm1k", "aggregate 2025, 1,000 files, warm", n, warmCache, bin, agg(ws.small), true},
		{"validate", "validate one typical file", max(n, 10), warmCache, bin, []string{"-q", "-C", ws.typical, "validate", typicalFile[0]}, false},
		{"help", "vdhv help (process start only)", max(n, 10), nil, bin, []string{"help"}, false},
		{"report", "report 2025 (PDF + XLSX), warm", n, warmCache, bin, []string{"-q", "-C", ws.national, "report", "--period", "2025", "-o", outDir}, true},
		{"reportH1", "report 2025-H1 (PDF + XLSX), warm", n, warmCache, bin, []string{"-q", "-C", ws.national, "report", "--period", "2025-H1", "-o", outDir}, true},
		{"engine", "engine.Run only, streaming, no cache", n, nil, self, []string{"engine", ws.national, "2025"}, false},
		{"engineWarm", "engine.Run only, streaming, warm cache", n, nil, self, []string{"engine", "-cache", filepath.Join(caches, "engine"), ws.national, "2025"}, true},
	}
	if *reference {
		steps = append(steps, step{"reference", "engine.Run only, straightforward", 1, nil, self, []string{"engine", "-reference", ws.national, "2025"}, false})
	}
	byKey := map[string]*result{}
	for _, s := range steps {
		fmt.Fprintln(log, s.name)
		if s.prime {
			if _, err := measure(warm, s.cmd, s.args...); err != nil {
				fmt.Fprintln(log, "vdhv-bench:", err)
				return 1
			}
		}
		r, err := b.time(s.name, s.n, s.before, s.cmd, s.args...)
		if err != nil {
			fmt.Fprintln(log, "vdhv-bench:", err)
			return 1
		}
		byKey[s.key] = r
	}
	os.RemoveAll(caches)
	var goBench []byte
	if *gobench != "" {
		goBench, _ = os.ReadFile(*gobench)
	}
	doc := report(ws, byKey, b.res, *runs, goBench)
	if err := os.WriteFile(*out, []byte(doc), 0o644); err != nil {
		fmt.Fprintln(log, "vdhv-bench:", err)
		return 1
	}
	fmt.Fprintln(log, "wrote", *out)
	return 0
}

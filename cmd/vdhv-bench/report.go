package main

import (
	"bufio"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strings"
	"time"
)

// machine describes the computer the measurements ran on.
func machine() []string {
	cpu := "unknown"
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		sc := bufio.NewScanner(strings.NewReader(string(data)))
		for sc.Scan() {
			if k, v, ok := strings.Cut(sc.Text(), ":"); ok && strings.TrimSpace(k) == "model name" {
				cpu = strings.TrimSpace(v)
				break
			}
		}
	}
	ram := "unknown"
	if data, err := os.ReadFile("/proc/meminfo"); err == nil {
		for _, l := range strings.Split(string(data), "\n") {
			if f := strings.Fields(l); len(f) >= 2 && f[0] == "MemTotal:" {
				var kb int64
				fmt.Sscan(f[1], &kb)
				ram = fmt.Sprintf("%.1f GiB", float64(kb)/(1<<20))
			}
		}
	}
	kernel := ""
	if data, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		kernel = ", kernel " + strings.TrimSpace(string(data))
	}
	return []string{
		fmt.Sprintf("CPU: %s, %d logical cores (runtime.NumCPU)", cpu, runtime.NumCPU()),
		"RAM: " + ram,
		fmt.Sprintf("OS: %s/%s%s", runtime.GOOS, runtime.GOARCH, kernel),
		"Go: " + runtime.Version(),
		"Date: " + time.Now().UTC().Format("2006-01-02 15:04 UTC"),
	}
}

func secs(d time.Duration) string {
	if d < time.Second {
		return fmt.Sprintf("%.0f ms", d.Seconds()*1000)
	}
	return fmt.Sprintf("%.2f s", d.Seconds())
}

func mb(b int64) string { return fmt.Sprintf("%.0f MB", float64(b)/1e6) }

func verdict(ok bool) string {
	if ok {
		return "pass"
	}
	return "**FAIL**"
}

// report writes BENCHMARKS.md.
func report(ws *workspaces, r map[string]*result, all []*result, runs int, goBench []byte) string {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	floor, cold, warm := r["floor"], r["cold"], r["warm"]
	cold1k, warm1k := r["cold1k"], r["warm1k"]
	var loads []float64
	for _, x := range all {
		for _, s := range x.samples {
			loads = append(loads, s.load)
		}
	}
	maxLoad := slices.Max(append(loads, 0))
	medLoad := median(loads)
	cores := float64(runtime.NumCPU())

	p("# Benchmarks\n\n")
	p("Written by `make bench` (cmd/vdhv-bench): it generates the workspaces once (pkg/gen, cached in\n")
	p(".bench/), runs the Go benchmarks, times every command below as a whole process, %d runs each\n", runs)
	p("(validate: at least 10), and keeps the median. Wall time, CPU time (user+sys) and peak RSS come\n")
	p("from the child's rusage; the 1-minute load average is read before each run. Reproduce on an\n")
	p("idle machine with `make bench`.\n\n")
	p("## Machine\n\n")
	for _, l := range machine() {
		p("- %s\n", l)
	}
	p("- Load average (1 min) before the runs: median %.2f, max %.2f, on %d cores.\n", medLoad, maxLoad, runtime.NumCPU())
	if maxLoad > cores/2 {
		p("\n**The machine was shared while measuring** (load above half the cores): other processes took\n")
		p("CPU, so wall times are longer than on an idle machine — with a load near the number of cores a\n")
		p("parallel run gets about one core, and wall ≈ CPU. On an idle machine a run that keeps every core\n")
		p("busy takes about CPU ÷ cores. CPU times and RSS are much less affected (CPU time still grows\n")
		p("somewhat when caches are shared).\n")
	}
	p("\n")
	p("Workspaces: national = the generator's `national` preset (%d files of 2025-Q1..Q4, 2,041 units;\n", ws.files)
	p("a typical file is ~110 KB: ~30 agreements, 7 procurement rows, ~5 checks, 9 activity rows, `Đánh giá`,\n")
	p("styles, a hidden `Danh mục` sheet listing the bloc's 2,041 partner codes and names, 200 styled input\n")
	p("rows per table, and shared strings as Excel and LibreOffice save them: every text cell a shared\n")
	p("string, numbered in order of first use sheet by sheet, so `Danh mục`'s come last); worst case = the\n")
	p("same bloc and content with the strings in the template's order (`vdhv-gen --sst-order template`:\n")
	p("`Danh mục`'s 4,000 strings first, as excelize writes the blank form — a file nobody re-saved);\n")
	p("1,000 files = the same bloc with the first 250 files of each quarter (%d files); typical = the\n", ws.smallFiles)
	p("`typical` preset (the file `vdhv validate` is timed on). Cold = an empty scan cache, warm = a\n")
	p("re-run with the cache of a previous run (the committee's case: files trickle in and aggregation is\n")
	p("run again; only new or changed files are read).\n\n")

	p("## Goals\n\n")
	p("| Goal | Target | Measured (median) | Ratio to the floor | Result |\n|---|---|---|---|---|\n")
	ratio := func(x *result) string {
		return fmt.Sprintf("%.2f× wall, %.2f× CPU", x.wall().Seconds()/floor.wall().Seconds(), x.cpu().Seconds()/floor.cpu().Seconds())
	}
	p("| `vdhv aggregate --period 2025`, 8,000 files, first run (empty cache) | ≤ 10 s wall | %s wall, %s CPU, load %.1f | %s | %s |\n",
		secs(cold.wall()), secs(cold.cpu()), cold.load(), ratio(cold), verdict(cold.wall() <= 10*time.Second))
	if cw := r["coldWorst"]; cw != nil {
		p("| the same, worst-case string order (every string of `Danh mục` read first) | ≤ 10 s wall | %s wall, %s CPU, load %.1f | %s | %s |\n",
			secs(cw.wall()), secs(cw.cpu()), cw.load(), ratio(cw), verdict(cw.wall() <= 10*time.Second))
	}
	p("| the same, re-run (warm cache) | ≤ 10 s wall | %s wall, %s CPU, load %.1f | %s | %s |\n",
		secs(warm.wall()), secs(warm.cpu()), warm.load(), ratio(warm), verdict(warm.wall() <= 10*time.Second))
	p("| peak RSS, 8,000 files | ≤ 200 MB | first run %s, re-run %s | | %s |\n",
		mb(cold.rss()), mb(warm.rss()), verdict(cold.rss() <= 200e6 && warm.rss() <= 200e6))
	p("| against the floor (unzip + tokenize every file, same run: %s wall, %s CPU) | ≤ 2× | first run %.2f× wall, %.2f× CPU | | %s |\n",
		secs(floor.wall()), secs(floor.cpu()), cold.wall().Seconds()/floor.wall().Seconds(), cold.cpu().Seconds()/floor.cpu().Seconds(),
		verdict(cold.wall().Seconds() <= 2*floor.wall().Seconds()))
	v := r["validate"]
	h := r["help"]
	p("| `vdhv validate` of one typical file, whole process | ≤ 30 ms | %s wall, %s CPU (of which starting the process, `vdhv help`: %s wall, %s CPU) | | %s |\n",
		secs(v.wall()), secs(v.cpu()), secs(h.wall()), secs(h.cpu()), verdict(v.wall() <= 30*time.Millisecond))
	rep, repH1 := r["report"], r["reportH1"]
	p("| `vdhv report`, 2,000-unit workspace, PDF + XLSX (warm cache) | ≤ 3 s | 2025: %s wall (%s CPU, %s); 2025-H1: %s wall | | %s |\n",
		secs(rep.wall()), secs(rep.cpu()), mb(rep.rss()), secs(repH1.wall()), verdict(rep.wall() <= 3*time.Second && repH1.wall() <= 3*time.Second))
	fc, fw := float64(cold.rss())/float64(cold1k.rss()), float64(warm.rss())/float64(warm1k.rss())
	p("| memory flat in the number of files: peak RSS 8,000 ÷ 1,000 files | ≤ 1.5× | first run %.2f× (%s ÷ %s), re-run %.2f× (%s ÷ %s) | | %s |\n\n",
		fc, mb(cold.rss()), mb(cold1k.rss()), fw, mb(warm.rss()), mb(warm1k.rss()), verdict(fc <= 1.5 && fw <= 1.5))

	p("## Every measurement\n\n")
	p("| Measurement | Runs | Wall (median) | CPU user+sys (median) | Peak RSS (median) | Load (median) |\n|---|---|---|---|---|---|\n")
	for _, x := range all {
		p("| %s | %d | %s | %s | %s | %.2f |\n", x.name, len(x.samples), secs(x.wall()), secs(x.cpu()), mb(x.rss()), x.load())
	}
	p("\n`engine.Run only` is the pipeline without writing outputs, run by vdhv-bench itself: streaming\n")
	p("(what vdhv runs) and, once, the straightforward pipeline it replaced (`engine.Options.Reference`:\n")
	p("every submission read whole and kept, then one `aggregate.Compute`), for the memory and time\n")
	p("difference. Both give the same aggregate.json (pkg/engine TestStreamingMatchesReference).\n\n")

	p("## What the numbers mean\n\n")
	p("- The floor is `vdhv-bench floor`: read every file and run its workbook, styles, shared strings and\n")
	p("  every worksheet (the hidden `Danh mục` too) through `xlsxread.TokenizeAll` on every core, with the\n")
	p("  same unzipping as vdhv. vdhv comes under it because it does not read what it does not need: the\n")
	p("  shared strings only up to the last one the data sheets use, not `Danh mục` nor `Hướng dẫn`, and rows\n")
	p("  of empty styled cells in one pass (pkg/xlsxread doc, \"Speed\").\n")
	p("- A first run on an idle machine: every step of it is parallel, so its wall time is about its CPU\n")
	p("  time ÷ %d cores: %s for aggregate (estimate from the CPU time above; `engine.Run only` measured\n", runtime.NumCPU(), secs(cold.cpu()/time.Duration(runtime.NumCPU())))
	p("  %s wall for %s CPU at load %.1f). Re-runs read only files whose content is not in the scan cache\n", secs(r["engine"].wall()), secs(r["engine"].cpu()), r["engine"].load())
	p("  (pkg/workspace: keyed by the sha256 of the content).\n")
	if cw := r["coldWorst"]; cw != nil {
		p("- Worst case: a file whose shared strings still start with `Danh mục`'s lists (the blank form as\n")
		p("  written, never re-saved by Excel or LibreOffice) makes vdhv inflate and index the whole table;\n")
		p("  it still decodes only the strings used. %s CPU, i.e. about %s wall on %d idle cores.\n", secs(cw.cpu()), secs(cw.cpu()/time.Duration(runtime.NumCPU())), runtime.NumCPU())
	}
	p("- Peak RSS: the aggregate command runs under a soft memory limit (120 MiB, then live data + 48 MiB;\n")
	p("  pkg/cmd/aggregatecmd/memlimit.go, GOMEMLIMIT overrides); the report command does not set one.\n")
	p("  Without the limit the engine alone peaks at the `engine.Run only` RSS above; the straightforward\n")
	p("  pipeline, which kept every submission, at the last line's.\n")
	p("- validate: most of a one-file run is starting the process (`vdhv help` does nothing else):\n")
	p("  loading the binary and initialising its packages (`GODEBUG=inittrace=1 vdhv help`: excelize's\n")
	p("  initialisation alone is ~10 ms, the rest a few ms); reading and checking the file is the difference.\n")
	if ew := r["engineWarm"]; ew != nil {
		p("- report: of its time, aggregating the period with a warm cache (`engine.Run only, warm cache`) is\n")
		p("  %s wall, %s CPU; the rest is building and writing the PDF (%s) and the XLSX.\n", secs(ew.wall()), secs(ew.cpu()), "pkg/report, pkg/pdfdoc")
	}
	p("\n")
	if len(goBench) > 0 {
		p("## Go benchmarks\n\n`go test -run '^$' -bench . -benchmem` of the packages on the hot path (short benchtime):\n\n```\n")
		for _, l := range strings.Split(string(goBench), "\n") {
			if strings.HasPrefix(l, "Benchmark") || strings.HasPrefix(l, "pkg:") {
				p("%s\n", strings.TrimRight(l, " \t"))
			}
		}
		p("```\n")
	}
	return b.String()
}

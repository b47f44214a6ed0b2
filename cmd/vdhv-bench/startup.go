package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/vdhv/vdhv/pkg/gen"
	"github.com/vdhv/vdhv/pkg/workspace"
)

// startupMain measures what a short vdhv run costs, without the national workspaces:
//
//	vdhv-bench startup [-vdhv bin/vdhv] [-dir .bench] [-runs 30]
//
// It times `vdhv help` (process start only), `vdhv validate` of one typical file (the
// issue's ≤ 30 ms goal) and /bin/true (the machine's floor for starting any process),
// interleaved so that a change of load hits all three alike, and prints the median and the
// minimum of wall and CPU time. Then it runs `GODEBUG=inittrace=1 vdhv help` -runs times
// and prints the median clock time of the package initialisers that cost most, and their
// sum (this module's own packages apart).
func startupMain(args []string) int {
	fs := flag.NewFlagSet("startup", flag.ContinueOnError)
	vdhv := fs.String("vdhv", "bin/vdhv", "the vdhv binary to measure")
	dir := fs.String("dir", ".bench", "folder of the generated workspaces")
	runs := fs.Int("runs", 30, "runs of each command")
	if err := fs.Parse(args); err != nil || fs.NArg() != 0 || *runs < 1 {
		fmt.Fprintln(os.Stderr, "usage: vdhv-bench startup [-vdhv bin/vdhv] [-dir .bench] [-runs 30]")
		return 2
	}
	bin, err := filepath.Abs(*vdhv)
	if err != nil {
		fmt.Fprintln(os.Stderr, "vdhv-bench:", err)
		return 1
	}
	typical := filepath.Join(*dir, "typical-v"+strconv.Itoa(gen.Version))
	p, err := gen.Preset("typical")
	if err == nil {
		_, err = gen.Ensure(typical, p)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "vdhv-bench:", err)
		return 1
	}
	files, _ := filepath.Glob(filepath.Join(typical, workspace.SubmissionsDir, "2025", "Q1", "*.xlsx"))
	if len(files) == 0 {
		fmt.Fprintln(os.Stderr, "vdhv-bench: no typical file in", typical)
		return 1
	}
	type command struct {
		name string
		argv []string
	}
	cmds := []command{
		{"vdhv help", []string{bin, "help"}},
		{"vdhv validate (one typical file)", []string{bin, "-q", "-C", typical, "validate", files[0]}},
	}
	if _, err := os.Stat("/bin/true"); err == nil {
		cmds = append(cmds, command{"/bin/true", []string{"/bin/true"}})
	}
	samples := make([][]sample, len(cmds))
	for i := -1; i < *runs; i++ { // run -1 warms the page cache and is not counted
		for j, c := range cmds {
			s, err := measure(nil, c.argv[0], c.argv[1:]...)
			if err != nil {
				fmt.Fprintln(os.Stderr, "vdhv-bench:", err)
				return 1
			}
			if i >= 0 {
				samples[j] = append(samples[j], s)
			}
		}
	}
	fmt.Printf("%d runs each, interleaved; load %.2f\n", *runs, loadavg())
	for j, c := range cmds {
		r := &result{samples: samples[j]}
		minOf := func(f func(sample) time.Duration) time.Duration { return slices.Min(pick(r.samples, f)) }
		fmt.Printf("  %-34s wall median %6.1f ms (min %5.1f)   CPU median %6.1f ms (min %5.1f)\n", c.name,
			ms(r.wall()), ms(minOf(func(s sample) time.Duration { return s.wall })),
			ms(r.cpu()), ms(minOf(func(s sample) time.Duration { return s.cpu })))
	}
	inits := map[string][]float64{}
	var totals, own []float64
	for range *runs {
		cmd := exec.Command(bin, "help")
		cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
		cmd.Stdout = io.Discard
		out, err := cmd.StderrPipe()
		if err != nil {
			fmt.Fprintln(os.Stderr, "vdhv-bench:", err)
			return 1
		}
		if err := cmd.Start(); err != nil {
			fmt.Fprintln(os.Stderr, "vdhv-bench:", err)
			return 1
		}
		text, _ := io.ReadAll(out)
		cmd.Wait()
		var total, mine float64
		for _, it := range parseInitTrace(string(text)) {
			inits[it.pkg] = append(inits[it.pkg], it.ms)
			total += it.ms
			if strings.HasPrefix(it.pkg, "github.com/vdhv/vdhv/") {
				mine += it.ms
			}
		}
		totals, own = append(totals, total), append(own, mine)
	}
	type row struct {
		pkg string
		ms  float64
	}
	var rows []row
	for pkg, xs := range inits {
		rows = append(rows, row{pkg, median(xs)})
	}
	slices.SortFunc(rows, func(a, b row) int {
		if a.ms != b.ms {
			if a.ms > b.ms {
				return -1
			}
			return 1
		}
		return strings.Compare(a.pkg, b.pkg)
	})
	fmt.Printf("package initialisation of vdhv help (GODEBUG=inittrace=1, median clock of %d runs): all %.2f ms, github.com/vdhv/vdhv/... %.2f ms\n",
		*runs, median(totals), median(own))
	for _, r := range rows[:min(len(rows), 12)] {
		fmt.Printf("  %6.2f ms  %s\n", r.ms, r.pkg)
	}
	return 0
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// initTime is one line of GODEBUG=inittrace=1.
type initTime struct {
	pkg string
	ms  float64
}

// parseInitTrace reads the "init PKG @T ms, X ms clock, B bytes, A allocs" lines of a
// GODEBUG=inittrace=1 run and ignores every other line.
func parseInitTrace(text string) []initTime {
	var out []initTime
	for line := range strings.Lines(text) {
		f := strings.Fields(line)
		if len(f) < 7 || f[0] != "init" || !strings.HasPrefix(f[2], "@") || f[6] != "clock," {
			continue
		}
		x, err := strconv.ParseFloat(f[4], 64)
		if err != nil {
			continue
		}
		out = append(out, initTime{f[1], x})
	}
	return out
}

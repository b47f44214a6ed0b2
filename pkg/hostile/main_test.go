package hostile

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/vdhv/vdhv/pkg/cmd/root"
)

// The test binary doubles as the vdhv binary: with mainEnv set it runs vdhv's main
// (root.SystemMain, exactly what cmd/vdhv runs) instead of the tests. Each vdhv run is a
// separate process, so exit codes, stderr, wall time and peak memory are those of the CLI.
const mainEnv = "VDHV_HOSTILE_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(mainEnv) == "1" {
		os.Exit(root.SystemMain())
	}
	flag.Parse()
	os.Exit(m.Run())
}

// Bounds of one vdhv run on hostile input (the issue's).
const (
	maxWall   = 10 * time.Second
	maxRSSKiB = 256 * 1024
	// hardTimeout kills a run that hangs, so that a hang fails the test instead of the suite.
	hardTimeout = 60 * time.Second
)

// sourceDateEpoch fixes the date in vdhv's outputs.
const sourceDateEpoch = "1754352000"

type runResult struct {
	args           []string
	code           int
	stdout, stderr string
	wall           time.Duration
	rssKiB         int64
}

// vdhvEnv is the environment of a vdhv run: ours without language settings, Vietnamese by
// default, no colours, fixed SOURCE_DATE_EPOCH.
func vdhvEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "VDHV_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "SOURCE_DATE_EPOCH", mainEnv, "NO_COLOR", "GOMEMLIMIT", "GOGC":
			continue
		}
		env = append(env, kv)
	}
	return append(env, mainEnv+"=1", "LANG=C.UTF-8", "NO_COLOR=1", "SOURCE_DATE_EPOCH="+sourceDateEpoch)
}

// command prepares vdhv args… in dir.
func command(ctx context.Context, dir string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, os.Args[0], args...)
	cmd.Dir = dir
	cmd.Env = vdhvEnv()
	return cmd
}

// vdhv runs vdhv args… in dir and waits for it (at most hardTimeout).
func vdhv(t testing.TB, dir string, args ...string) runResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), hardTimeout)
	defer cancel()
	cmd := command(ctx, dir, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	err := cmd.Run()
	r := runResult{args: args, stdout: out.String(), stderr: errb.String(), wall: time.Since(start)}
	if ctx.Err() != nil {
		t.Fatalf("vdhv %s: killed after %v (hang)", strings.Join(args, " "), hardTimeout)
	}
	if err != nil {
		if _, ok := err.(*exec.ExitError); !ok {
			t.Fatalf("vdhv %s: %v", strings.Join(args, " "), err)
		}
	}
	r.code = cmd.ProcessState.ExitCode()
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.rssKiB = int64(ru.Maxrss) // KiB on Linux
	}
	return r
}

// noCrash fails when a run's output shows a panic or a Go stack trace.
func noCrash(t testing.TB, r runResult) {
	t.Helper()
	for _, s := range []string{r.stdout, r.stderr} {
		for _, bad := range []string{"panic", "goroutine ", "runtime error", "lỗi nội bộ", "internal error"} {
			if strings.Contains(s, bad) {
				t.Errorf("vdhv %s: output contains %q:\n%s", strings.Join(r.args, " "), bad, clip(s))
			}
		}
	}
}

// bounded fails when a run exceeded the time or memory bounds.
func bounded(t testing.TB, r runResult) {
	t.Helper()
	if r.wall > maxWall {
		t.Errorf("vdhv %s: took %v (> %v)", strings.Join(r.args, " "), r.wall.Round(time.Millisecond), maxWall)
	}
	if r.rssKiB > maxRSSKiB {
		t.Errorf("vdhv %s: peak RSS %d MiB (> %d MiB)", strings.Join(r.args, " "), r.rssKiB/1024, maxRSSKiB/1024)
	}
}

func clip(s string) string {
	if len(s) > 3000 {
		return s[:3000] + "…"
	}
	return s
}

// jsonReport is `vdhv validate --format json`.
type jsonReport struct {
	Files []struct {
		Path     string        `json:"path"`
		Unit     string        `json:"unit"`
		Period   string        `json:"period"`
		Findings []jsonFinding `json:"findings"`
	} `json:"files"`
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
}

type jsonFinding struct {
	Severity string `json:"severity"`
	Code     string `json:"code"`
	Rule     string `json:"rule"`
	Sheet    string `json:"sheet"`
	Cell     string `json:"cell"`
	Message  string `json:"message"`
	Found    string `json:"found"`
	Expected string `json:"expected"`
	Fix      string `json:"fix"`
}

func parseReport(t testing.TB, r runResult) jsonReport {
	t.Helper()
	var rep jsonReport
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("vdhv %s: output is not JSON (%v):\n%s\nstderr:\n%s", strings.Join(r.args, " "), err, clip(r.stdout), clip(r.stderr))
	}
	return rep
}

// repoRoot is the repository's root (two levels up from this package).
func repoRoot(t testing.TB) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func writeFile(t testing.TB, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

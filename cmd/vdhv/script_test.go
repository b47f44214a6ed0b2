package main

import (
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/vdhv/vdhv/pkg/cmd/root"
)

var update = flag.Bool("update", false, "update testscript files' golden sections")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"vdhv": func() { os.Exit(root.SystemMain()) },
	})
}

// TestScripts runs the CLI behaviour scripts in testdata/script (one per command). Each
// script has $REPO (the repository root) and $EXAMPLES set, a Vietnamese locale by default
// and SOURCE_DATE_EPOCH fixed.
func TestScripts(t *testing.T) {
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:           filepath.Join(repo, "testdata", "script"),
		UpdateScripts: *update,
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// exits N PROG ARGS… runs PROG and requires exit code N (stdout and stderr are
			// kept for the following stdout/stderr checks).
			"exits": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) < 2 {
					ts.Fatalf("usage: exits CODE PROG [ARGS…]")
				}
				want, err := strconv.Atoi(args[0])
				if err != nil {
					ts.Fatalf("exits: bad code %q", args[0])
				}
				got := 0
				if err := ts.Exec(args[1], args[2:]...); err != nil {
					var ee *exec.ExitError
					if !errors.As(err, &ee) {
						ts.Fatalf("exits: %v", err)
					}
					got = ee.ExitCode()
				}
				if (got == want) == neg {
					ts.Fatalf("exit code %d, want %d", got, want)
				}
			},
		},
		Setup: func(env *testscript.Env) error {
			env.Setenv("REPO", repo)
			env.Setenv("EXAMPLES", filepath.Join(repo, "examples"))
			env.Setenv("HOSTILE", filepath.Join(repo, "testdata", "hostile"))
			env.Setenv("LANG", "C.UTF-8")
			env.Setenv("SOURCE_DATE_EPOCH", "1754352000")
			return nil
		},
	})
}

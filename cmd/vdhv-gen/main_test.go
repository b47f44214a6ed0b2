package main

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		args []string
		code int
		out  string // in stdout
		err  string // in stderr
		file string // must exist afterwards (relative to dir)
	}{
		{"help", []string{"-h"}, 0, "", "Usage: vdhv-gen", ""},
		{"unknown preset", []string{"--preset", "khong-co", "-o", dir}, 2, "", "unknown preset", ""},
		{"no output", []string{"--preset", "typical"}, 2, "", "-o DIR is required", ""},
		{"bad quarters", []string{"--quarters", "1,x", "-o", dir}, 2, "", "not a number", ""},
		{"bad windows", []string{"--windows", "lich", "-o", dir}, 2, "", "windows", ""},
		{"stray argument", []string{"-o", dir, "them"}, 2, "", "unexpected arguments", ""},
		{"invalid params", []string{"--parties", "-1", "-o", filepath.Join(dir, "x")}, 1, "", "negative", ""},
		{"small workspace", []string{"--preset=example", "--parties", "1", "--coso-per-party", "2", "--direct-coso", "1",
			"--quarters", "2", "--prev-year=false", "--fast", "-o", filepath.Join(dir, "ws")}, 0, "đơn vị", "", "ws/submissions/ledger.jsonl"},
		{"bad string order", []string{"--fast", "--sst-order", "abc", "-o", filepath.Join(dir, "y")}, 1, "", "unknown SSTOrder", ""},
		{"template string order", []string{"--preset=example", "--parties", "1", "--coso-per-party", "2", "--direct-coso", "1",
			"--quarters", "2", "--prev-year=false", "--fast", "--sst-order", "template", "-q", "-o", filepath.Join(dir, "ws-tmpl")}, 0, "", "", "ws-tmpl/submissions/ledger.jsonl"},
		{"broken examples", []string{"--preset", "example", "--loi", filepath.Join(dir, "loi"), "-q"}, 0, "", "", "loi/README.md"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := run(tt.args, &out, &errb)
			if code != tt.code || !strings.Contains(out.String(), tt.out) || !strings.Contains(errb.String(), tt.err) {
				t.Errorf("exit %d, stdout %q, stderr %q", code, out.String(), errb.String())
			}
			if tt.file != "" {
				if _, err := os.Stat(filepath.Join(dir, tt.file)); err != nil {
					t.Error(err)
				}
			}
		})
	}
}

func TestIntsFlag(t *testing.T) {
	var v []int
	f := ints{&v}
	if err := f.Set(" 1, 2,,4 "); err != nil || !reflect.DeepEqual(v, []int{1, 2, 4}) || f.String() != "1,2,4" {
		t.Errorf("Set: %v %v %q", v, err, f.String())
	}
	if err := f.Set("1;2"); err == nil {
		t.Errorf("1;2 accepted")
	}
}

func FuzzIntsFlag(f *testing.F) {
	for _, s := range []string{"1,2", "", ",", "-3", "99999999999999999999", "1, x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var v []int
		fl := ints{&v}
		if err := fl.Set(s); err != nil {
			return
		}
		var w []int
		if err := (ints{&w}).Set(fl.String()); err != nil || !reflect.DeepEqual(v, w) && len(v)+len(w) > 0 {
			t.Fatalf("%q → %v → %q → %v, %v", s, v, fl.String(), w, err)
		}
	})
}

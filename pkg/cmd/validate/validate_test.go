package validate

import (
	"bytes"
	"testing"

	"github.com/vdhv/vdhv/pkg/cmdutil"
	"github.com/vdhv/vdhv/pkg/finding"
)

// TestFlags: arguments reach Options as parsed; bad --format is a usage error before any
// work is done.
func TestFlags(t *testing.T) {
	tests := []struct {
		args     []string
		want     Options
		wantCode cmdutil.ExitCode
	}{
		{args: []string{"a.xlsx"}, want: Options{Paths: []string{"a.xlsx"}, Format: "text"}},
		{args: []string{"--format", "junit", "-o", "r.xml", "--strict", "d"}, want: Options{Paths: []string{"d"}, Format: "junit", Output: "r.xml", Strict: true}},
		{args: []string{"--units", "u.yaml", "--format=github"}, want: Options{UnitsPath: "u.yaml", Format: "github"}},
		{args: []string{"--format", "yaml", "x"}, wantCode: cmdutil.ExitUsage},
	}
	for _, tc := range tests {
		var got *Options
		var out bytes.Buffer
		f := &cmdutil.Factory{IO: &cmdutil.IOStreams{Out: &out, ErrOut: &out}, Lang: finding.VI}
		cmd := NewCmdValidate(f, func(o *Options) error { got = o; return nil })
		cmd.SetArgs(tc.args)
		cmd.SetOut(&out)
		cmd.SetErr(&out)
		err := cmd.Execute()
		if code := cmdutil.CodeOf(err); code != tc.wantCode {
			t.Errorf("%v: exit %d, want %d (%v)", tc.args, code, tc.wantCode, err)
			continue
		}
		if tc.wantCode != 0 {
			if got != nil {
				t.Errorf("%v: run called despite the usage error", tc.args)
			}
			continue
		}
		tc.want.F = f
		if got == nil || got.Format != tc.want.Format || got.Strict != tc.want.Strict || got.Output != tc.want.Output ||
			got.UnitsPath != tc.want.UnitsPath || len(got.Paths) != len(tc.want.Paths) {
			t.Errorf("%v: got %+v, want %+v", tc.args, got, tc.want)
		}
	}
}

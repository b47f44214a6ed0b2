package report

import (
	"bytes"
	"reflect"
	"testing"
	"time"

	"github.com/vdhv/vdhv/pkg/cmdutil"
	"github.com/vdhv/vdhv/pkg/finding"
)

func factory(env map[string]string) *cmdutil.Factory {
	return &cmdutil.Factory{
		IO:     &cmdutil.IOStreams{Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}},
		Lang:   finding.VI,
		Getenv: func(k string) string { return env[k] },
	}
}

func TestParseFormats(t *testing.T) {
	f := factory(nil)
	cases := []struct {
		in   string
		want []string
		ok   bool
	}{
		{"pdf,xlsx", []string{"pdf", "xlsx"}, true},
		{" XLSX , pdf ,xlsx", []string{"xlsx", "pdf"}, true},
		{"pdf", []string{"pdf"}, true},
		{"", nil, false},
		{",", nil, false},
		{"pdf,docx", nil, false},
	}
	for _, c := range cases {
		got, err := parseFormats(f, c.in)
		if (err == nil) != c.ok || !reflect.DeepEqual(got, c.want) {
			t.Errorf("parseFormats(%q) = %v, %v", c.in, got, err)
		}
		if err != nil && cmdutil.CodeOf(err) != cmdutil.ExitUsage {
			t.Errorf("parseFormats(%q): exit code %d", c.in, cmdutil.CodeOf(err))
		}
	}
}

func TestSourceDateEpoch(t *testing.T) {
	cases := []struct {
		env  string
		want *time.Time
		ok   bool
	}{
		{"", nil, true},
		{"1754352000", ptr(time.Date(2025, 8, 5, 0, 0, 0, 0, time.UTC)), true},
		{" 0 ", ptr(time.Unix(0, 0).UTC()), true},
		{"-1", nil, false},
		{"1e9", nil, false},
		{"99999999999999999999", nil, false},
	}
	for _, c := range cases {
		got, err := sourceDateEpoch(factory(map[string]string{"SOURCE_DATE_EPOCH": c.env}))
		if (err == nil) != c.ok {
			t.Errorf("%q: err %v", c.env, err)
			continue
		}
		if (got == nil) != (c.want == nil) || (got != nil && !got.Equal(*c.want)) {
			t.Errorf("%q: got %v, want %v", c.env, got, c.want)
		}
	}
}

func TestLooksLikePath(t *testing.T) {
	for in, want := range map[string]bool{"36-HD-VPTW": false, "layout/x.yaml": true, "rieng.yml": true, `C:\a\b`: true, "": false} {
		if got := looksLikePath(in); got != want {
			t.Errorf("looksLikePath(%q) = %v", in, got)
		}
	}
}

func ptr[T any](v T) *T { return &v }

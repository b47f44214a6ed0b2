package config

import (
	"regexp"
	"strings"
	"testing"
)

// The hand-written checks accept exactly what the regular expressions they replace accept.
func TestPatternChecksMatchRegexps(t *testing.T) {
	checks := []struct {
		name string
		re   *regexp.Regexp
		f    func(string) bool
	}{
		{"isDigits", regexp.MustCompile(`^[0-9]+$`), isDigits},
		{"isNumber", regexp.MustCompile(`^(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)$`), isNumber},
		{"isKind", regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,63}$`), isKind},
	}
	alphabet := []string{"0", "7", "9", ".", ",", "a", "z", "A", "-", "_", " ", "%", "\n", "é", "/"}
	inputs := []string{"", strings.Repeat("a", 63), strings.Repeat("a", 64), strings.Repeat("a", 65),
		"a" + strings.Repeat("-", 63), "-" + strings.Repeat("a", 10), strings.Repeat("9", 64) + "_",
		"80.5", "80,", ".5", ",", ".", "1.2.3", "0,8%", "\xff", "a\x00"}
	var gen func(prefix string, n int)
	gen = func(prefix string, n int) {
		inputs = append(inputs, prefix)
		if n == 0 {
			return
		}
		for _, c := range alphabet {
			gen(prefix+c, n-1)
		}
	}
	gen("", 4)
	for _, c := range checks {
		for _, s := range inputs {
			if got, want := c.f(s), c.re.MatchString(s); got != want {
				t.Errorf("%s(%q) = %v, the pattern says %v", c.name, s, got, want)
			}
		}
	}
}

package workspace

import (
	"os"
	"testing"

	"github.com/vdhv/vdhv/pkg/finding"
	"github.com/vdhv/vdhv/pkg/form"
)

// TestCacheEntryTornIsMiss: entries are written in place (no rename), so an entry read
// while it is being written, or left cut short, or overwritten with other bytes, must be a
// miss, never a wrong hit.
func TestCacheEntryTornIsMiss(t *testing.T) {
	w := newWorkspace(t, "")
	c, err := w.OpenCache(t.TempDir(), "test/1")
	if err != nil {
		t.Fatal(err)
	}
	sha := "ab12"
	qq := q("2025-Q1")
	res := &form.Result{Path: "x.xlsx", Findings: finding.List{finding.New(finding.RuleInvisibleChars, "x.xlsx", "Thông tin", "C5", "")},
		Submission: &form.Submission{Path: "x.xlsx", Fingerprint: sha}}
	c.put(sha, qq, res, []byte("digest bytes"))
	if _, red, ok := c.get(sha, qq, "y.xlsx", true); !ok || string(red) != "digest bytes" {
		t.Fatalf("fresh entry: ok=%v reduced=%q", ok, red)
	}
	_, name := c.key(sha, qq)
	whole, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	for n := 0; n < len(whole); n++ {
		os.WriteFile(name, whole[:n], 0o600)
		if _, _, ok := c.get(sha, qq, "y.xlsx", true); ok {
			t.Fatalf("entry cut to %d of %d bytes was a hit", n, len(whole))
		}
	}
	flipped := append([]byte(nil), whole...)
	flipped[len(flipped)/2] ^= 0x40
	os.WriteFile(name, flipped, 0o600)
	if _, _, ok := c.get(sha, qq, "y.xlsx", true); ok {
		t.Fatal("a changed byte was a hit")
	}
	// Another key's entry under this name (e.g. a copy): a miss too.
	c.put("cd34", qq, res, nil)
	_, other := c.key("cd34", qq)
	data, _ := os.ReadFile(other)
	os.WriteFile(name, data, 0o600)
	if _, _, ok := c.get(sha, qq, "y.xlsx", false); ok {
		t.Fatal("another key's entry was a hit")
	}
}

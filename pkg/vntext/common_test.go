package vntext

import (
	"strings"
	"testing"
)

// commonSyllables takes the words as written: each must already be its own Fold.
func TestCommonSyllablesFolded(t *testing.T) {
	set := commonSyllables()
	for w := range strings.FieldsSeq(commonSyllableText) {
		if f := Fold(w); f != w {
			t.Errorf("common syllable %q is not folded: write %q", w, f)
		}
		if !set[w] {
			t.Errorf("%q missing from the set", w)
		}
	}
}

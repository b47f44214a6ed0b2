package xlsxread

import (
	"errors"
	"testing"
)

func TestTokenizeAll(t *testing.T) {
	data := typicalWorkbook(t)
	n, err := TokenizeAll(data, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	// Every sheet and the shared strings, uncompressed: more than the archive itself.
	if n <= int64(len(data)) {
		t.Errorf("TokenizeAll scanned %d bytes of a %d-byte archive", n, len(data))
	}
	if _, err := TokenizeAll([]byte("not a workbook"), Limits{}); err == nil {
		t.Error("no error for a text file")
	}
	var le *LimitError
	if _, err := TokenizeAll(data, Limits{MaxPartBytes: 100}); !errors.As(err, &le) {
		t.Errorf("tiny part limit: %v, want a *LimitError", err)
	}
}

package finding

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCodesDoc keeps docs/ma-loi.md — every rule with its meaning and fix, for users — in
// step with the catalogue (go test ./pkg/finding -run TestCodesDoc -update rewrites it).
func TestCodesDoc(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("# Mã lỗi của vdhv / vdhv finding codes\n\n")
	b.WriteString("Tệp này được tạo từ `pkg/finding/catalog.go` (`go test ./pkg/finding -run TestCodesDoc -update`).\n")
	b.WriteString("`VDHV-E…` là **lỗi** (tệp không hợp lệ, không được tiếp nhận, số liệu không được tính);\n")
	b.WriteString("`VDHV-W…` là **cảnh báo** (tệp vẫn hợp lệ; với `--strict` cảnh báo cũng làm lệnh thất bại).\n")
	b.WriteString("Trong nội dung, «…» là giá trị gặp trong ô; {…} được thay bằng tên cột, số liệu cụ thể.\n\n")
	b.WriteString("| mã | tên | nghĩa | cách sửa |\n|---|---|---|---|\n")
	for _, r := range All() {
		fmt.Fprintf(&b, "| %s | `%s` | %s | %s |\n", r.Code, r.ID, cellText(r.VI.Message), cellText(r.VI.Fix))
	}
	b.WriteString("\n## English\n\n| code | id | meaning | fix |\n|---|---|---|---|\n")
	for _, r := range All() {
		fmt.Fprintf(&b, "| %s | `%s` | %s | %s |\n", r.Code, r.ID, cellText(r.EN.Message), cellText(r.EN.Fix))
	}
	path := filepath.Join("..", "..", "docs", "ma-loi.md")
	if *update {
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update)", err)
	}
	if !bytes.Equal(want, b.Bytes()) {
		t.Errorf("%s is out of date with the catalogue; run go test ./pkg/finding -run TestCodesDoc -update", path)
	}
}

func cellText(s string) string {
	s = strings.ReplaceAll(s, "|", "\\|")
	if s == "" {
		return "—"
	}
	return s
}

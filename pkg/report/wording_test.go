package report

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/vdhv/vdhv/pkg/aggregate"
	"github.com/vdhv/vdhv/pkg/form"
	"github.com/vdhv/vdhv/pkg/pdfdoc"
)

func TestParseBlocks(t *testing.T) {
	cases := []struct {
		name string
		in   string
		want []pdfdoc.Block
	}{
		{"empty", "\n \n\t\n", nil},
		{"paragraphs", "Một\nhai.\n\n  Ba   bốn. \n", []pdfdoc.Block{pdfdoc.Paragraph{Text: "Một hai."}, pdfdoc.Paragraph{Text: "Ba bốn."}}},
		{"headings", "# I. KẾT QUẢ\n## 1. Công tác\nVăn bản.\n### a) Nhỏ", []pdfdoc.Block{
			pdfdoc.Heading{Level: 1, Text: "I. KẾT QUẢ"}, pdfdoc.Heading{Level: 2, Text: "1. Công tác"},
			pdfdoc.Paragraph{Text: "Văn bản."}, pdfdoc.Heading{Level: 3, Text: "a) Nhỏ"}}},
		{"not headings", "#hashtag\n#### bốn", []pdfdoc.Block{pdfdoc.Paragraph{Text: "#hashtag #### bốn"}}},
		{"list with continuation, last ; becomes .", "Mở đầu:\n- một;\n- hai\n  tiếp;\n\nSau.", []pdfdoc.Block{
			pdfdoc.Paragraph{Text: "Mở đầu:"},
			pdfdoc.BulletList{Items: []pdfdoc.ListItem{{Text: "một;"}, {Text: "hai tiếp."}}},
			pdfdoc.Paragraph{Text: "Sau."}}},
		{"emphasis", "Có **đậm** và *nghiêng*, \\* sao.", []pdfdoc.Block{pdfdoc.Paragraph{Runs: []pdfdoc.Run{
			{Text: "Có "}, {Text: "đậm", Bold: true}, {Text: " và "}, {Text: "nghiêng", Italic: true}, {Text: ", * sao."}}}}},
		{"escaped star only", "5 \\* 3", []pdfdoc.Block{pdfdoc.Paragraph{Text: "5 * 3"}}},
		{"bold list item", "- **A**: b;", []pdfdoc.Block{pdfdoc.BulletList{Items: []pdfdoc.ListItem{{Runs: []pdfdoc.Run{{Text: "A", Bold: true}, {Text: ": b."}}}}}}},
		{"CRLF", "a\r\nb\r\n\r\nc", []pdfdoc.Block{pdfdoc.Paragraph{Text: "a b"}, pdfdoc.Paragraph{Text: "c"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := ParseBlocks(c.in)
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("got  %#v\nwant %#v", got, c.want)
			}
		})
	}
}

// FuzzParseBlocks: never panics, never yields empty blocks, and keeps every letter of the
// input (markup aside).
func FuzzParseBlocks(f *testing.F) {
	f.Add("# I\n## 1\n- a;\n- b\nc\n\n**d** *e* \\*")
	f.Add("- \n#\n##  \n***")
	f.Add("\xff\xfe*")
	f.Fuzz(func(t *testing.T, s string) {
		blocks := ParseBlocks(s)
		letters := 0
		for _, b := range blocks {
			switch x := b.(type) {
			case pdfdoc.Heading:
				if x.Text == "" || x.Level < 1 || x.Level > 3 {
					t.Fatalf("bad heading %#v", x)
				}
				letters += countLetters(x.Text)
			case pdfdoc.Paragraph:
				if x.Text == "" && len(x.Runs) == 0 {
					t.Fatal("empty paragraph")
				}
				letters += countLetters(x.Text) + countRuns(x.Runs)
			case pdfdoc.BulletList:
				if len(x.Items) == 0 {
					t.Fatal("empty list")
				}
				for _, it := range x.Items {
					letters += countLetters(it.Text) + countRuns(it.Runs)
				}
			default:
				t.Fatalf("unexpected block %T", b)
			}
		}
		if utf8.ValidString(s) && letters != countLetters(s) {
			t.Fatalf("letters %d, input has %d", letters, countLetters(s))
		}
	})
}

func countLetters(s string) int {
	n := 0
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			n++
		}
	}
	return n
}

func countRuns(rs []pdfdoc.Run) int {
	n := 0
	for _, r := range rs {
		n += countLetters(r.Text)
	}
	return n
}

func TestFuncs(t *testing.T) {
	d := &Data{PrevText: "cùng kỳ năm 2024", HasPrev: true}
	fm := funcs(d)
	call := func(name string, args ...any) any {
		t.Helper()
		fn := reflect.ValueOf(fm[name])
		in := make([]reflect.Value, len(args))
		for i, a := range args {
			in[i] = reflect.ValueOf(a)
		}
		return fn.Call(in)[0].Interface()
	}
	cases := []struct {
		name string
		got  any
		want any
	}{
		{"num", call("num", int64(1543)), "1.543"},
		{"num int", call("num", 38), "38"},
		{"money tỷ", call("money", form.Money(1403_200_000)), "1.403,2 tỷ đồng"},
		{"money triệu", call("money", form.Money(999_500)), "999,5 triệu đồng"},
		{"trieu", call("trieu", form.Money(1_234_567_000)), "1.234.567 triệu đồng"},
		{"ty", call("ty", form.Money(1_500_000)), "1,5 tỷ đồng"},
		{"pct", call("pct", 0.825), "82,5%"},
		{"pctt", call("pctt", 0.8), "80%"},
		{"pctt keeps decimals", call("pctt", 0.825), "82,5%"},
		{"ratio", call("ratio", int64(24), 38), "63,2%"},
		{"ratio by zero", call("ratio", 1, 0), "–"},
		{"change up", call("change", int64(18), int64(16)), "tăng 12,5% so với cùng kỳ năm 2024"},
		{"change down money", call("change", form.Money(900), form.Money(1000)), "giảm 10,0% so với cùng kỳ năm 2024"},
		{"change equal", call("change", 5, 5), "bằng cùng kỳ năm 2024"},
		{"change from zero", call("change", 5, 0), ""},
		{"vs", call("vs", 18, 16), " (tăng 12,5% so với cùng kỳ năm 2024)"},
		{"join", call("join", []string{"A", "B", "C"}), "A, B và C"},
		{"listn short", call("listn", 3, []string{"A", "B"}), "A và B"},
		{"listn long", call("listn", 2, []string{"A", "B", "C", "D"}), "A, B và 2 đơn vị khác"},
		{"namesq", call("namesq", []UnitQuarters{{Name: "A", Quarters: []string{"I", "II"}}}), []string{"A (quý I, II)"}},
		{"shares", call("shares", []UnitLine{{Name: "A", Share: 0.652}}), []string{"A (65,2%)"}},
		{"counts", call("counts", []UnitLine{{Name: "A", N: 2}}), []string{"A (2 cuộc)"}},
		{"nz", call("nz", []aggregate.Count{{Key: "a"}, {Key: "b", N: 2}}), []aggregate.Count{{Key: "b", N: 2}}},
		{"first", call("first", 2, []string{"a", "b", "c"}), []string{"a", "b"}},
		{"first beyond", call("first", 5, []string{"a"}), []string{"a"}},
		{"rest", call("rest", 1, []string{"a", "b", "c"}), 2},
		{"lowerfst", call("lowerfst", "Điện, năng lượng"), "điện, năng lượng"},
		{"roman", call("roman", 4), "IV"},
	}
	for _, c := range cases {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s: got %#v, want %#v", c.name, c.got, c.want)
		}
	}
	// Without the previous year there is no comparison at all.
	noPrev := funcs(&Data{PrevText: "cùng kỳ năm 2024"})
	if s := reflect.ValueOf(noPrev["vs"]).Call([]reflect.Value{reflect.ValueOf(18), reflect.ValueOf(16)})[0].String(); s != "" {
		t.Errorf("vs without Prev = %q", s)
	}
}

// TestWordingOverride: a workspace template replaces only the blocks it defines; broken or
// failing templates are *WordingError.
func TestWordingOverride(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "templates", "report")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("rieng.tmpl", `{{define "doc_type"}}BÁO CÁO TÓM TẮT{{end}}`)
	write("ghi-chu.txt", `{{define "doc_type"}}not a template file{{end}}`)
	w, err := LoadWording(root)
	if err != nil {
		t.Fatal(err)
	}
	d := &Data{PeriodText: "6 tháng đầu năm 2025", NextText: "6 tháng cuối năm 2025"}
	if s, _ := w.Line("doc_type", d); s != "BÁO CÁO TÓM TẮT" {
		t.Errorf("doc_type = %q", s)
	}
	if lines, _ := w.Lines("subject", d); len(lines) != 3 || lines[2] != "6 tháng đầu năm 2025 và nhiệm vụ trọng tâm 6 tháng cuối năm 2025" {
		t.Errorf("subject = %q", lines)
	}
	if _, err := w.Exec("khong-co", d); err == nil {
		t.Error("an undefined template must fail")
	}

	cases := []struct{ name, text, exec, want string }{
		{"parse error", `{{define "I"}}{{.X}{{end}}`, "", "rieng2.tmpl"},
		{"unknown field", `{{define "I"}}{{.KhongCo}}{{end}}`, "I", "KhongCo"},
		{"unknown function", `{{define "I"}}{{khongco 1}}{{end}}`, "", "khongco"},
		{"endless recursion", `{{define "I"}}{{template "I" .}}{{end}}`, "I", "maximum template depth"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			write("rieng2.tmpl", c.text)
			defer os.Remove(filepath.Join(dir, "rieng2.tmpl"))
			w, err := LoadWording(root)
			if err == nil && c.exec != "" {
				_, err = w.Exec(c.exec, d)
			}
			var we *WordingError
			if !errors.As(err, &we) {
				t.Fatalf("err = %T %v, want *WordingError", err, err)
			}
			if !strings.Contains(we.Localized("vi"), c.want) || !strings.Contains(we.Localized("vi"), "mẫu câu chữ báo cáo") {
				t.Errorf("message %q lacks %q", we.Localized("vi"), c.want)
			}
		})
	}
}

// TestEmbeddedWordingComplete: every block Build uses is defined by the embedded files.
func TestEmbeddedWordingComplete(t *testing.T) {
	w, err := LoadWording("")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"doc_type", "subject", "appendix_note", "appendix_1", "appendix_2", "appendix_3", "appendix_4",
		"I", "I.1", "I.2", "I.3", "I.4", "I.5", "II", "II.1", "II.2", "III", "III.default", "IV"} {
		if !w.Has(name) {
			t.Errorf("template %q is not defined", name)
		}
	}
}

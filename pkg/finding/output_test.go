package finding

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

func sampleReports() []FileReport {
	return []FileReport{
		{Path: "submissions/2025/Q2/DU-XD-01.xlsx", Unit: "DU-XD-01", Period: "2025-Q2", Findings: List{
			New(RuleAmbiguousNumber, "submissions/2025/Q2/DU-XD-01.xlsx", "Thỏa thuận hợp tác", "L7", "1.234",
				"column", "Giá trị hợp đồng ký trong kỳ (triệu đồng)", "thousands", "1234", "decimal", "1,234"),
			New(RuleLegacyEncoding, "submissions/2025/Q2/DU-XD-01.xlsx", "Thông tin", "B3", "Tæng c«ng ty",
				"column", "Tên đơn vị", "encoding", "TCVN3", "converted", "Tổng công ty"),
		}},
		{Path: "loi/cu.xls", Findings: List{New(RuleFileXLS, "loi/cu.xls", "", "", "")}},
		{Path: "ok.xlsx", Unit: "DUK-01", Period: "2025-Q1"},
	}
}

func TestWriteGolden(t *testing.T) {
	for _, format := range Formats {
		for _, lang := range []Lang{VI, EN} {
			name := format + "." + string(lang) + ".golden"
			t.Run(name, func(t *testing.T) {
				var buf bytes.Buffer
				if err := Write(&buf, format, sampleReports(), lang, false); err != nil {
					t.Fatal(err)
				}
				path := filepath.Join("testdata", name)
				if *update {
					if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (run with -update)", err)
				}
				if !bytes.Equal(buf.Bytes(), want) {
					t.Errorf("output differs from %s:\n%s", path, buf.String())
				}
			})
		}
	}
}

func TestGitHubEscaping(t *testing.T) {
	f := New(RuleNotNumber, "a,b:c%.xlsx", "Mua sắm", "C5", "x\ny", "column", "Tổng")
	var buf bytes.Buffer
	if err := WriteGitHub(&buf, []FileReport{{Path: "a,b:c%.xlsx", Findings: List{f}}}, EN); err != nil {
		t.Fatal(err)
	}
	line := strings.SplitN(buf.String(), "\n", 2)[0]
	if !strings.HasPrefix(line, "::error file=a%2Cb%3Ac%25.xlsx,title=VDHV-E021 Mua sắm!C5::") {
		t.Errorf("bad annotation: %q", line)
	}
	if strings.Contains(line[2:], "\n") || !strings.Contains(line, "x%0Ay") {
		t.Errorf("newline not escaped: %q", line)
	}
}

func TestCatalogue(t *testing.T) {
	codes := map[string]bool{}
	ids := map[string]bool{}
	for _, r := range All() {
		if codes[r.Code] || ids[r.ID] {
			t.Errorf("duplicate rule %s %s", r.Code, r.ID)
		}
		codes[r.Code], ids[r.ID] = true, true
		if len(r.Code) != 9 || !strings.HasPrefix(r.Code, "VDHV-") {
			t.Errorf("bad code %q", r.Code)
		}
		wantSev := Error
		if r.Code[5] == 'W' {
			wantSev = Warning
		}
		if r.Severity != wantSev {
			t.Errorf("%s: severity %v", r.Code, r.Severity)
		}
		if r.VI.Message == "" || r.EN.Message == "" {
			t.Errorf("%s: missing wording", r.Code)
		}
		// Every placeholder of one language is known to the other (same params).
		if ph(r.VI.Message+r.VI.Expected+r.VI.Fix) != ph(r.EN.Message+r.EN.Expected+r.EN.Fix) {
			t.Errorf("%s: placeholders differ between vi and en", r.Code)
		}
		if ByCode(r.Code) != r || ByCode(r.ID) != r {
			t.Errorf("%s: ByCode", r.Code)
		}
	}
}

func ph(s string) string {
	var out []string
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			break
		}
		out = append(out, s[i:i+j+1])
		s = s[i+j+1:]
	}
	m := map[string]bool{}
	for _, o := range out {
		m[o] = true
	}
	keys := []string{}
	for k := range m {
		keys = append(keys, k)
	}
	// order-insensitive
	for i := range keys {
		for j := i + 1; j < len(keys); j++ {
			if keys[j] < keys[i] {
				keys[i], keys[j] = keys[j], keys[i]
			}
		}
	}
	return strings.Join(keys, ",")
}

func TestFullMessage(t *testing.T) {
	f := New(RuleNegative, "x.xlsx", "Mua sắm", "C5", "-5", "column", "Tổng giá trị mua sắm (triệu đồng)")
	vi := f.Full(VI)
	if !strings.Contains(vi, "«Tổng giá trị mua sắm (triệu đồng)» là số âm: «-5»") || !strings.Contains(vi, "Cách sửa:") {
		t.Errorf("vi: %s", vi)
	}
	if en := f.Full(EN); !strings.Contains(en, "is negative") || !strings.Contains(en, "Fix:") {
		t.Errorf("en: %s", en)
	}
}

package pdfdoc

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/vdhv/vdhv/templates"
)

func TestDefaultProfileValues(t *testing.T) {
	p, err := LoadProfile("")
	if err != nil {
		t.Fatal(err)
	}
	// The values the specification fixes (layout-party-report.md).
	checks := []struct {
		name      string
		got, want float64
	}{
		{"page width", p.Page.WidthMM, 210},
		{"page height", p.Page.HeightMM, 297},
		{"top margin", p.Page.Margins.TopMM, 20},
		{"bottom margin", p.Page.Margins.BottomMM, 20},
		{"left margin", p.Page.Margins.LeftMM, 30},
		{"right margin", p.Page.Margins.RightMM, 15},
		{"party title size", p.Header.PartyTitle.SizePt, 15},
		{"parent body size", p.Header.ParentBody.SizePt, 14},
		{"issuing body size", p.Header.IssuingBody.SizePt, 14},
		{"number size", p.Header.Number.SizePt, 14},
		{"place-date size", p.Header.PlaceDate.SizePt, 14},
		{"body size", p.Body.Text.SizePt, 14},
		{"body indent", p.Body.FirstLineIndentMM, 10},
		{"body line height", p.Body.Text.LineHeightPt, 18},
		{"heading size", p.Heading1.SizePt, 14},
		{"recipient size", p.Closing.Recipient.SizePt, 12},
		{"signature size", p.Closing.Authority.SizePt, 14},
		{"page number from", float64(p.PageNumber.FromPage), 2},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	if p.Body.Text.SpaceAfterPt < 6 {
		t.Errorf("paragraph spacing %v pt, want ≥ 6", p.Body.Text.SpaceAfterPt)
	}
	if s := p.DocType.SizePt; s < 15 || s > 16 {
		t.Errorf("doc type size %v, want 15–16", s)
	}
	if s := p.PageNumber.Text.SizePt; s < 13 || s > 14 {
		t.Errorf("page number size %v, want 13–14", s)
	}
	if p.Header.PartyTitleText != "ĐẢNG CỘNG SẢN VIỆT NAM" || p.Header.PartyTitle.Style != "bold" ||
		p.Header.PlaceDate.Style != "italic" || p.Closing.RecipientsLabelText != "Nơi nhận:" ||
		!strings.Contains(p.Closing.RecipientsLabel.Style, "underline") {
		t.Error("header or closing styles differ from 36-HD/VPTW")
	}
	// DefaultProfile returns copies.
	p.Chart.Colors[0] = "#FFFFFF"
	q, _ := DefaultProfile()
	if q.Chart.Colors[0] == "#FFFFFF" {
		t.Error("DefaultProfile shares its slices between callers")
	}
}

// yamlKeys lists the dotted keys of a YAML mapping, recursively.
func yamlKeys(prefix string, n *yaml.Node, out map[string]bool) {
	if n.Kind == yaml.DocumentNode {
		yamlKeys(prefix, n.Content[0], out)
		return
	}
	if n.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := prefix + n.Content[i].Value
		out[k] = true
		yamlKeys(k+".", n.Content[i+1], out)
	}
}

// structKeys lists the dotted yaml keys of a struct type.
func structKeys(prefix string, t reflect.Type, out map[string]bool) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := strings.Split(f.Tag.Get("yaml"), ",")[0]
		if !f.IsExported() || tag == "" || tag == "-" {
			continue
		}
		out[prefix+tag] = true
		if f.Type.Kind() == reflect.Struct {
			structKeys(prefix+tag+".", f.Type, out)
		}
	}
}

// TestDefaultProfileComplete: the embedded YAML holds every value of the profile, and
// nothing else, so a bloc editing a copy sees every knob.
func TestDefaultProfileComplete(t *testing.T) {
	b, err := fs.ReadFile(templates.FS, "layout/36-HD-VPTW.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var n yaml.Node
	if err := yaml.Unmarshal(b, &n); err != nil {
		t.Fatal(err)
	}
	inYAML, inStruct := map[string]bool{}, map[string]bool{}
	yamlKeys("", &n, inYAML)
	structKeys("", reflect.TypeOf(Profile{}), inStruct)
	var missing, extra []string
	for k := range inStruct {
		if !inYAML[k] {
			missing = append(missing, k)
		}
	}
	for k := range inYAML {
		if !inStruct[k] {
			extra = append(extra, k)
		}
	}
	sort.Strings(missing)
	sort.Strings(extra)
	if len(missing) > 0 {
		t.Errorf("keys missing from the default profile: %v", missing)
	}
	if len(extra) > 0 {
		t.Errorf("unknown keys in the default profile: %v", extra)
	}
}

func TestLoadProfileFromFile(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "p.yaml")
	y := "name: custom\npage:\n  margins: {left_mm: 25}\nbody:\n  text: {size_pt: 13}\nchart:\n  colors: ['#112233']\n"
	if err := os.WriteFile(f, []byte(y), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := LoadProfile(f)
	if err != nil {
		t.Fatal(err)
	}
	def, _ := DefaultProfile()
	if p.Name != "custom" || p.Page.Margins.LeftMM != 25 || p.Body.Text.SizePt != 13 {
		t.Errorf("overrides not applied: %+v %+v", p.Page.Margins, p.Body.Text)
	}
	if p.Page.Margins.TopMM != def.Page.Margins.TopMM || p.Body.Text.LineHeightPt != def.Body.Text.LineHeightPt ||
		p.Body.FirstLineIndentMM != def.Body.FirstLineIndentMM || p.Table != def.Table {
		t.Error("keys missing from the file did not keep the default values")
	}
	if len(p.Chart.Colors) != 1 {
		t.Errorf("a list replaces the default list, got %v", p.Chart.Colors)
	}
	// An empty file is the default profile.
	e := filepath.Join(dir, "empty.yaml")
	if err := os.WriteFile(e, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if p, err := LoadProfile(e); err != nil || p.Name != DefaultProfileName {
		t.Errorf("empty profile: %v %v", p, err)
	}
	// A bare name that is not embedded but exists as a file is loaded from the file.
	if err := os.WriteFile(filepath.Join(dir, "myprofile"), []byte("name: bare\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	if p, err := LoadProfile("myprofile"); err != nil || p.Name != "bare" {
		t.Errorf("bare file name: %v %v", p, err)
	}
	// Fonts next to the profile file win over the embedded ones.
	font, _ := fs.ReadFile(templates.FS, "fonts/LiberationSerif-Bold.ttf")
	if err := os.WriteFile(filepath.Join(dir, "mine.ttf"), font, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(f, []byte("fonts: {regular: mine.ttf}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err = LoadProfile(f)
	if err != nil {
		t.Fatal(err)
	}
	if b, err := p.readFont("mine.ttf"); err != nil || len(b) != len(font) {
		t.Errorf("font next to the profile not found: %v", err)
	}
	if err := Render(&strings.Builder{}, &Document{DocType: "BÁO CÁO"}, p, Options{}); err != nil {
		t.Error(err)
	}
}

func TestLoadProfileErrors(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"unknown key", "page:\n  colour: red\n", "colour"},
		{"unknown top key", "bogus: 1\n", "bogus"},
		{"wrong type", "page:\n  width_mm: wide\n", "line 2"},
		{"negative margin", "page:\n  margins: {top_mm: -1}\n", "page.margins.top_mm"},
		{"margins too wide", "page:\n  margins: {left_mm: 60, right_mm: 60}\n", "text width"},
		{"zero size", "body:\n  text: {size_pt: 0}\n", "body.text.size_pt"},
		{"huge size", "heading1: {size_pt: 500}\n", "heading1.size_pt"},
		{"bad style", "subject: {style: heavy}\n", "subject.style"},
		{"bad case", "subject: {case: lower}\n", "subject.case"},
		{"bad align", "doc_type: {align: middle}\n", "doc_type.align"},
		{"bad colour", "table:\n  header_fill: grey\n", "table.header_fill"},
		{"bad colour digits", "chart:\n  colors: ['#12345G']\n", "chart.colors[0]"},
		{"no colours", "chart:\n  colors: []\n", "chart.colors"},
		{"bad valign", "table:\n  valign: bottom\n", "table.valign"},
		{"from page", "page_number:\n  from_page: 0\n", "page_number.from_page"},
		{"empty font", "fonts:\n  bold: ''\n", "fonts.bold"},
		{"header too wide", "header:\n  left_width_mm: 200\n", "header.left_width_mm"},
		{"threshold", "chart:\n  horizontal_threshold: 0\n", "chart.horizontal_threshold"},
		{"min slot above slot", "chart:\n  min_bar_slot_mm: 9\n", "chart.min_bar_slot_mm"},
		{"two documents", "name: a\n---\nname: b\n", "single YAML document"},
		{"not a mapping", "- 1\n- 2\n", "invalid layout profile"},
		{"syntax", "page: {width_mm: 210\n", "invalid layout profile"},
		{"nan", "page:\n  width_mm: .nan\n", "page.width_mm"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseProfile([]byte(tc.yaml), "")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want an error containing %q", err, tc.want)
			}
		})
	}
	// Missing file and unknown embedded name.
	if _, err := LoadProfile(filepath.Join(t.TempDir(), "none.yaml")); err == nil || !strings.Contains(err.Error(), "cannot read") {
		t.Errorf("missing file: %v", err)
	}
	if _, err := LoadProfile("QD-399"); err == nil || !strings.Contains(err.Error(), "unknown layout profile") {
		t.Errorf("unknown name: %v", err)
	}
	// The error names the file.
	f := filepath.Join(t.TempDir(), "bad.yaml")
	if err := os.WriteFile(f, []byte("oops: 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadProfile(f); err == nil || !strings.Contains(err.Error(), f) {
		t.Errorf("error should name the file: %v", err)
	}
}

func FuzzParseProfile(f *testing.F) {
	b, _ := fs.ReadFile(templates.FS, "layout/36-HD-VPTW.yaml")
	f.Add(string(b))
	f.Add("page:\n  margins: {left_mm: 25}\n")
	f.Add("chart:\n  colors: ['#112233']\n  target_dash_mm: [1, 2]\n")
	f.Add("body: {text: {size_pt: 13, style: bold italic underline}}\n")
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParseProfile([]byte(s), "")
		if err != nil {
			return
		}
		if err := p.Validate(); err != nil {
			t.Fatalf("ParseProfile accepted a profile that does not validate: %v", err)
		}
	})
}

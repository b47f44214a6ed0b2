package pdfdoc

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/vdhv/vdhv/templates"
)

// DefaultProfileName is the name of the embedded default layout profile.
const DefaultProfileName = "36-HD-VPTW"

// Profile holds every size, margin, font, style and spacing of the Party report layout.
// It is loaded from YAML (see templates/layout/36-HD-VPTW.yaml for the meaning of every key).
// Lengths ending in MM are millimetres, in Pt typographic points.
type Profile struct {
	Name   string `yaml:"name"`
	Source string `yaml:"source"`

	Page   PageSpec   `yaml:"page"`
	Fonts  FontSpec   `yaml:"fonts"`
	Header HeaderSpec `yaml:"header"`

	DocType     TextStyle `yaml:"doc_type"`
	Subject     TextStyle `yaml:"subject"`
	SubjectRule RuleSpec  `yaml:"subject_rule"`

	Body            IndentedText `yaml:"body"`
	Heading1        TextStyle    `yaml:"heading1"`
	Heading2        TextStyle    `yaml:"heading2"`
	Heading3        TextStyle    `yaml:"heading3"`
	HeadingIndentMM float64      `yaml:"heading_indent_mm"`
	List            ListSpec     `yaml:"list"`

	Closing    ClosingSpec    `yaml:"closing"`
	PageNumber PageNumberSpec `yaml:"page_number"`
	Appendix   AppendixSpec   `yaml:"appendix"`
	Table      TableSpec      `yaml:"table"`
	Chart      ChartSpec      `yaml:"chart"`

	// dir is the directory of the YAML file the profile was loaded from ("" if embedded);
	// font paths are resolved against it first.
	dir string
}

// Margins of a page, in millimetres.
type Margins struct {
	TopMM    float64 `yaml:"top_mm"`
	BottomMM float64 `yaml:"bottom_mm"`
	LeftMM   float64 `yaml:"left_mm"`
	RightMM  float64 `yaml:"right_mm"`
}

// PageSpec is the paper size (portrait) and the margins of portrait and landscape pages.
type PageSpec struct {
	WidthMM          float64 `yaml:"width_mm"`
	HeightMM         float64 `yaml:"height_mm"`
	Margins          Margins `yaml:"margins"`
	LandscapeMargins Margins `yaml:"landscape_margins"`
}

// FontSpec names the four TrueType files of the body font family.
type FontSpec struct {
	Regular    string `yaml:"regular"`
	Bold       string `yaml:"bold"`
	Italic     string `yaml:"italic"`
	BoldItalic string `yaml:"bold_italic"`
}

// TextStyle is the typography of one element.
type TextStyle struct {
	SizePt float64 `yaml:"size_pt"`
	// Style is "" (upright), "bold", "italic" or "bold italic", optionally with "underline".
	Style string `yaml:"style"`
	// Case is "" (as written) or "upper".
	Case string `yaml:"case"`
	// Align is left, center, right or justify.
	Align string `yaml:"align"`
	// LineHeightPt is the distance between baselines; 0 means 1.2 × SizePt.
	LineHeightPt  float64 `yaml:"line_height_pt"`
	SpaceBeforePt float64 `yaml:"space_before_pt"`
	SpaceAfterPt  float64 `yaml:"space_after_pt"`
}

// HeaderSpec is the two-column header of the first page.
type HeaderSpec struct {
	LeftWidthMM      float64   `yaml:"left_width_mm"`
	ParentBody       TextStyle `yaml:"parent_body"`
	IssuingBody      TextStyle `yaml:"issuing_body"`
	StarText         string    `yaml:"star_text"`
	Star             TextStyle `yaml:"star"`
	Number           TextStyle `yaml:"number"`
	PartyTitleText   string    `yaml:"party_title_text"`
	PartyTitle       TextStyle `yaml:"party_title"`
	PartyRuleWidthMM float64   `yaml:"party_rule_width_mm"`
	PartyRuleGapMM   float64   `yaml:"party_rule_gap_mm"`
	PlaceDate        TextStyle `yaml:"place_date"`
}

// RuleSpec is the short rule under the subject: Text if not empty, else a drawn line.
type RuleSpec struct {
	Text     string    `yaml:"text"`
	LengthMM float64   `yaml:"length_mm"`
	WidthMM  float64   `yaml:"width_mm"`
	Style    TextStyle `yaml:"style"`
}

// IndentedText is a paragraph style with a first-line indent.
type IndentedText struct {
	Text              TextStyle `yaml:"text"`
	FirstLineIndentMM float64   `yaml:"first_line_indent_mm"`
}

// ListSpec is the style of bullet lists.
type ListSpec struct {
	Marker            string    `yaml:"marker"`
	Text              TextStyle `yaml:"text"`
	FirstLineIndentMM float64   `yaml:"first_line_indent_mm"`
}

// ClosingSpec is the block at the end of the report: recipients left, signature right.
type ClosingSpec struct {
	SpaceBeforePt       float64   `yaml:"space_before_pt"`
	LeftWidthMM         float64   `yaml:"left_width_mm"`
	RecipientsLabelText string    `yaml:"recipients_label_text"`
	RecipientsLabel     TextStyle `yaml:"recipients_label"`
	RecipientMarker     string    `yaml:"recipient_marker"`
	Recipient           TextStyle `yaml:"recipient"`
	Authority           TextStyle `yaml:"authority"`
	SignerTitle         TextStyle `yaml:"signer_title"`
	SigningSpaceMM      float64   `yaml:"signing_space_mm"`
	SignerName          TextStyle `yaml:"signer_name"`
}

// PageNumberSpec places page numbers, centred in the top margin.
type PageNumberSpec struct {
	FromPage  int       `yaml:"from_page"`
	CenterYMM float64   `yaml:"center_y_mm"`
	Text      TextStyle `yaml:"text"`
}

// AppendixSpec styles the heading of an appendix.
type AppendixSpec struct {
	Title    TextStyle `yaml:"title"`
	Subtitle TextStyle `yaml:"subtitle"`
	Note     TextStyle `yaml:"note"`
}

// TableSpec styles tables.
type TableSpec struct {
	Title            TextStyle `yaml:"title"`
	Unit             TextStyle `yaml:"unit"`
	Header           TextStyle `yaml:"header"`
	Cell             TextStyle `yaml:"cell"`
	Note             TextStyle `yaml:"note"`
	PaddingXMM       float64   `yaml:"padding_x_mm"`
	PaddingYMM       float64   `yaml:"padding_y_mm"`
	BorderWidthMM    float64   `yaml:"border_width_mm"`
	BorderColor      string    `yaml:"border_color"`
	HeaderFill       string    `yaml:"header_fill"`
	SubtotalFill     string    `yaml:"subtotal_fill"`
	TotalFill        string    `yaml:"total_fill"`
	IndentPerLevelMM float64   `yaml:"indent_per_level_mm"`
	MinTextColumnMM  float64   `yaml:"min_text_column_mm"`
	MinSizePt        float64   `yaml:"min_size_pt"`
	VAlign           string    `yaml:"valign"`
}

// ChartSpec styles charts.
type ChartSpec struct {
	Title                TextStyle `yaml:"title"`
	Label                TextStyle `yaml:"label"`
	Legend               TextStyle `yaml:"legend"`
	SpaceAfterPt         float64   `yaml:"space_after_pt"`
	PlotHeightMM         float64   `yaml:"plot_height_mm"`
	HorizontalThreshold  int       `yaml:"horizontal_threshold"`
	BarSlotMM            float64   `yaml:"bar_slot_mm"`
	MinBarSlotMM         float64   `yaml:"min_bar_slot_mm"`
	CategoryLabelWidthMM float64   `yaml:"category_label_width_mm"`
	BarFillRatio         float64   `yaml:"bar_fill_ratio"`
	Colors               []string  `yaml:"colors"`
	TargetColor          string    `yaml:"target_color"`
	TargetWidthMM        float64   `yaml:"target_width_mm"`
	TargetDashMM         []float64 `yaml:"target_dash_mm"`
	LineWidthMM          float64   `yaml:"line_width_mm"`
	MarkerMM             float64   `yaml:"marker_mm"`
	GridColor            string    `yaml:"grid_color"`
	AxisColor            string    `yaml:"axis_color"`
	ValueLabels          bool      `yaml:"value_labels"`
}

var (
	defaultOnce    sync.Once
	defaultProfile *Profile
	defaultErr     error
)

// DefaultProfile returns a copy of the embedded default profile (36-HD/VPTW).
func DefaultProfile() (*Profile, error) {
	defaultOnce.Do(func() {
		b, err := fs.ReadFile(templates.FS, "layout/"+DefaultProfileName+".yaml")
		if err != nil {
			defaultErr = fmt.Errorf("pdfdoc: embedded layout profile: %w", err)
			return
		}
		p := &Profile{}
		if err := decodeProfile(b, p); err != nil {
			defaultErr = fmt.Errorf("pdfdoc: embedded layout profile: %w", err)
			return
		}
		if err := p.Validate(); err != nil {
			defaultErr = fmt.Errorf("pdfdoc: embedded layout profile: %w", err)
			return
		}
		defaultProfile = p
	})
	if defaultErr != nil {
		return nil, defaultErr
	}
	return defaultProfile.clone(), nil
}

func (p *Profile) clone() *Profile {
	c := *p
	c.Chart.Colors = append([]string(nil), p.Chart.Colors...)
	c.Chart.TargetDashMM = append([]float64(nil), p.Chart.TargetDashMM...)
	return &c
}

// LoadProfile loads a layout profile. nameOrPath is either the name of an embedded profile
// (templates/layout/NAME.yaml, e.g. "36-HD-VPTW"; "" means the default) or the path of a
// YAML file (anything with a path separator or a .yaml/.yml suffix, or a bare name that is
// not embedded but exists as a file). Keys missing from the file keep the default profile's values; unknown keys,
// malformed values and out-of-range values are errors.
func LoadProfile(nameOrPath string) (*Profile, error) {
	if nameOrPath == "" {
		nameOrPath = DefaultProfileName
	}
	isName := !strings.ContainsAny(nameOrPath, `/\`) && !strings.HasSuffix(strings.ToLower(nameOrPath), ".yaml") &&
		!strings.HasSuffix(strings.ToLower(nameOrPath), ".yml")
	if isName {
		if nameOrPath == DefaultProfileName {
			return DefaultProfile()
		}
		b, err := fs.ReadFile(templates.FS, "layout/"+nameOrPath+".yaml")
		if err == nil {
			return ParseProfile(b, "")
		}
		if _, serr := os.Stat(nameOrPath); serr != nil {
			return nil, fmt.Errorf("pdfdoc: không có mẫu trình bày %q (unknown layout profile)", nameOrPath)
		}
		// Not an embedded name, but a file in the working directory.
	}
	b, err := os.ReadFile(nameOrPath)
	if err != nil {
		return nil, fmt.Errorf("pdfdoc: không đọc được tệp mẫu trình bày (cannot read layout profile): %w", err)
	}
	p, err := ParseProfile(b, filepath.Dir(nameOrPath))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", nameOrPath, err)
	}
	return p, nil
}

// ParseProfile parses a YAML layout profile over the default profile. dir, if not empty,
// is the directory against which font paths are resolved before the embedded templates.
func ParseProfile(data []byte, dir string) (*Profile, error) {
	p, err := DefaultProfile()
	if err != nil {
		return nil, err
	}
	if err := decodeProfile(data, p); err != nil {
		return nil, err
	}
	p.dir = dir
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return p, nil
}

func decodeProfile(data []byte, p *Profile) error {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	err := dec.Decode(p)
	if errors.Is(err, io.EOF) {
		return nil // empty file: all defaults
	}
	if err != nil {
		return fmt.Errorf("pdfdoc: mẫu trình bày không hợp lệ (invalid layout profile): %w", err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return fmt.Errorf("pdfdoc: mẫu trình bày chỉ được có một tài liệu YAML (layout profile must be a single YAML document)")
	}
	return nil
}

// Validate checks that every value is usable; the error names the first offending key.
func (p *Profile) Validate() error {
	v := &validator{}
	pg := p.Page
	v.rng("page.width_mm", pg.WidthMM, 50, 2000)
	v.rng("page.height_mm", pg.HeightMM, 50, 2000)
	v.margins("page.margins", pg.Margins, pg.WidthMM, pg.HeightMM)
	v.margins("page.landscape_margins", pg.LandscapeMargins, pg.HeightMM, pg.WidthMM)
	for _, f := range []struct{ key, val string }{{"fonts.regular", p.Fonts.Regular}, {"fonts.bold", p.Fonts.Bold},
		{"fonts.italic", p.Fonts.Italic}, {"fonts.bold_italic", p.Fonts.BoldItalic}} {
		if strings.TrimSpace(f.val) == "" {
			v.fail(f.key, "must name a TrueType file")
		}
	}
	textW := pg.WidthMM - pg.Margins.LeftMM - pg.Margins.RightMM
	h := p.Header
	v.rng("header.left_width_mm", h.LeftWidthMM, 20, textW-20)
	v.style("header.parent_body", &h.ParentBody)
	v.style("header.issuing_body", &h.IssuingBody)
	v.style("header.star", &h.Star)
	v.style("header.number", &h.Number)
	v.style("header.party_title", &h.PartyTitle)
	v.rng("header.party_rule_width_mm", h.PartyRuleWidthMM, 0, 5)
	v.rng("header.party_rule_gap_mm", h.PartyRuleGapMM, 0, 20)
	v.style("header.place_date", &h.PlaceDate)
	v.style("doc_type", &p.DocType)
	v.style("subject", &p.Subject)
	v.rng("subject_rule.length_mm", p.SubjectRule.LengthMM, 0, textW)
	v.rng("subject_rule.width_mm", p.SubjectRule.WidthMM, 0, 5)
	v.style("subject_rule.style", &p.SubjectRule.Style)
	v.style("body.text", &p.Body.Text)
	v.rng("body.first_line_indent_mm", p.Body.FirstLineIndentMM, 0, textW/2)
	v.style("heading1", &p.Heading1)
	v.style("heading2", &p.Heading2)
	v.style("heading3", &p.Heading3)
	v.rng("heading_indent_mm", p.HeadingIndentMM, 0, textW/2)
	v.style("list.text", &p.List.Text)
	v.rng("list.first_line_indent_mm", p.List.FirstLineIndentMM, 0, textW/2)
	c := p.Closing
	v.rng("closing.space_before_pt", c.SpaceBeforePt, 0, 200)
	v.rng("closing.left_width_mm", c.LeftWidthMM, 20, textW-20)
	v.style("closing.recipients_label", &c.RecipientsLabel)
	v.style("closing.recipient", &c.Recipient)
	v.style("closing.authority", &c.Authority)
	v.style("closing.signer_title", &c.SignerTitle)
	v.rng("closing.signing_space_mm", c.SigningSpaceMM, 0, 100)
	v.style("closing.signer_name", &c.SignerName)
	if p.PageNumber.FromPage < 1 || p.PageNumber.FromPage > 1000 {
		v.fail("page_number.from_page", "must be between 1 and 1000")
	}
	v.rng("page_number.center_y_mm", p.PageNumber.CenterYMM, 0, pg.Margins.TopMM)
	v.style("page_number.text", &p.PageNumber.Text)
	v.style("appendix.title", &p.Appendix.Title)
	v.style("appendix.subtitle", &p.Appendix.Subtitle)
	v.style("appendix.note", &p.Appendix.Note)
	t := p.Table
	v.style("table.title", &t.Title)
	v.style("table.unit", &t.Unit)
	v.style("table.header", &t.Header)
	v.style("table.cell", &t.Cell)
	v.style("table.note", &t.Note)
	v.rng("table.padding_x_mm", t.PaddingXMM, 0, 10)
	v.rng("table.padding_y_mm", t.PaddingYMM, 0, 10)
	v.rng("table.border_width_mm", t.BorderWidthMM, 0, 2)
	v.color("table.border_color", t.BorderColor)
	v.color("table.header_fill", t.HeaderFill)
	v.color("table.subtotal_fill", t.SubtotalFill)
	v.color("table.total_fill", t.TotalFill)
	v.rng("table.indent_per_level_mm", t.IndentPerLevelMM, 0, 20)
	v.rng("table.min_text_column_mm", t.MinTextColumnMM, 5, textW)
	v.rng("table.min_size_pt", t.MinSizePt, 4, 72)
	if t.VAlign != "top" && t.VAlign != "middle" {
		v.fail("table.valign", "must be top or middle")
	}
	ch := p.Chart
	v.style("chart.title", &ch.Title)
	v.style("chart.label", &ch.Label)
	v.style("chart.legend", &ch.Legend)
	v.rng("chart.space_after_pt", ch.SpaceAfterPt, 0, 200)
	v.rng("chart.plot_height_mm", ch.PlotHeightMM, 20, 250)
	if ch.HorizontalThreshold < 1 || ch.HorizontalThreshold > 1000 {
		v.fail("chart.horizontal_threshold", "must be between 1 and 1000")
	}
	v.rng("chart.bar_slot_mm", ch.BarSlotMM, 1, 50)
	v.rng("chart.min_bar_slot_mm", ch.MinBarSlotMM, 1, ch.BarSlotMM)
	v.rng("chart.category_label_width_mm", ch.CategoryLabelWidthMM, 10, textW-30)
	v.rng("chart.bar_fill_ratio", ch.BarFillRatio, 0.1, 1)
	if len(ch.Colors) == 0 {
		v.fail("chart.colors", "needs at least one colour")
	}
	for i, s := range ch.Colors {
		v.color("chart.colors["+strconv.Itoa(i)+"]", s)
	}
	v.color("chart.target_color", ch.TargetColor)
	v.rng("chart.target_width_mm", ch.TargetWidthMM, 0.05, 5)
	for i, d := range ch.TargetDashMM {
		v.rng("chart.target_dash_mm["+strconv.Itoa(i)+"]", d, 0.1, 50)
	}
	v.rng("chart.line_width_mm", ch.LineWidthMM, 0.05, 5)
	v.rng("chart.marker_mm", ch.MarkerMM, 0, 10)
	v.color("chart.grid_color", ch.GridColor)
	v.color("chart.axis_color", ch.AxisColor)
	return v.err
}

type validator struct{ err error }

func (v *validator) fail(key, msg string) {
	if v.err == nil {
		v.err = fmt.Errorf("pdfdoc: mẫu trình bày, khóa %s (layout profile key %s): %s", key, key, msg)
	}
}

func (v *validator) rng(key string, x, lo, hi float64) {
	if math.IsNaN(x) || x < lo || x > hi {
		v.fail(key, fmt.Sprintf("%v is outside [%v, %v]", x, lo, hi))
	}
}

func (v *validator) margins(key string, m Margins, w, h float64) {
	v.rng(key+".top_mm", m.TopMM, 0, 100)
	v.rng(key+".bottom_mm", m.BottomMM, 0, 100)
	v.rng(key+".left_mm", m.LeftMM, 0, 100)
	v.rng(key+".right_mm", m.RightMM, 0, 100)
	if w-m.LeftMM-m.RightMM < 100 {
		v.fail(key, "leaves less than 100 mm of text width")
	}
	if h-m.TopMM-m.BottomMM < 100 {
		v.fail(key, "leaves less than 100 mm of text height")
	}
}

func (v *validator) style(key string, s *TextStyle) {
	v.rng(key+".size_pt", s.SizePt, 4, 72)
	v.rng(key+".line_height_pt", s.LineHeightPt, 0, 150)
	v.rng(key+".space_before_pt", s.SpaceBeforePt, 0, 200)
	v.rng(key+".space_after_pt", s.SpaceAfterPt, 0, 200)
	if _, err := parseFontStyle(s.Style); err != nil {
		v.fail(key+".style", err.Error())
	}
	if s.Case != "" && s.Case != "upper" {
		v.fail(key+".case", `must be "" or upper`)
	}
	if _, ok := parseAlign(s.Align); !ok {
		v.fail(key+".align", "must be left, center, right or justify")
	}
}

func (v *validator) color(key, s string) {
	if _, err := parseColor(s); err != nil {
		v.fail(key, err.Error())
	}
}

// fontStyle is a resolved TextStyle.Style.
type fontStyle struct {
	bold, italic, underline bool
}

func (f fontStyle) fpdf() string {
	switch {
	case f.bold && f.italic:
		return "BI"
	case f.bold:
		return "B"
	case f.italic:
		return "I"
	}
	return ""
}

func parseFontStyle(s string) (fontStyle, error) {
	var fs fontStyle
	for _, w := range strings.Fields(strings.ToLower(s)) {
		switch w {
		case "bold":
			fs.bold = true
		case "italic":
			fs.italic = true
		case "underline":
			fs.underline = true
		case "regular", "normal", "upright":
		default:
			return fs, fmt.Errorf("unknown style word %q (use bold, italic, underline)", w)
		}
	}
	return fs, nil
}

func parseAlign(s string) (Align, bool) {
	switch s {
	case "left":
		return AlignLeft, true
	case "center", "centre":
		return AlignCenter, true
	case "right":
		return AlignRight, true
	case "justify":
		return AlignJustify, true
	}
	return AlignDefault, false
}

type rgb struct{ r, g, b int }

func parseColor(s string) (rgb, error) {
	if len(s) != 7 || s[0] != '#' {
		return rgb{}, fmt.Errorf("colour %q must be #RRGGBB", s)
	}
	n, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		return rgb{}, fmt.Errorf("colour %q must be #RRGGBB", s)
	}
	return rgb{int(n >> 16 & 0xFF), int(n >> 8 & 0xFF), int(n & 0xFF)}, nil
}

func mustColor(s string) rgb {
	c, _ := parseColor(s) // validated by Profile.Validate
	return c
}

// readFont returns the bytes of a font file named in the profile: next to the profile file
// first (if it was loaded from disk), then in the embedded templates.
func (p *Profile) readFont(name string) ([]byte, error) {
	if p.dir != "" {
		fp := name
		if !filepath.IsAbs(fp) {
			fp = filepath.Join(p.dir, name)
		}
		if b, err := os.ReadFile(fp); err == nil {
			return b, nil
		}
	}
	clean := path.Clean(filepath.ToSlash(name))
	b, err := fs.ReadFile(templates.FS, clean)
	if err != nil {
		return nil, fmt.Errorf("pdfdoc: không tìm thấy phông chữ %q (font not found)", name)
	}
	return b, nil
}

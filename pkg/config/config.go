package config

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/vdhv/vdhv/pkg/period"
	"github.com/vdhv/vdhv/pkg/units"
	"github.com/vdhv/vdhv/pkg/yamlx"
)

// FileName is the name of the configuration file in the workspace root.
const FileName = "vdhv.yaml"

// Limits and defaults.
const (
	MaxFileSize          = 1 << 20
	DefaultDeadlineDays  = 10
	MaxDeadlineDays      = 120
	DefaultTargetShare   = 0.8
	DefaultLayoutProfile = "36-HD-VPTW"
	maxPlaceRunes        = 100
	maxTextLen           = 1024
)

// Config is a workspace's vdhv.yaml.
type Config struct {
	Windows       period.Windows    // `windows: calendar|nd09`, default calendar
	DeadlineDays  int               // `deadline_days`, default 10, 0..120
	TargetShare   float64           // `target_share`, default 0.8, in (0,1]
	Kinds         []string          // `kinds`: unit kinds allowed in addition to units.DefaultKinds()
	KindLabels    map[string]string // `kind_labels`: display names (Vietnamese), defaults for the four default kinds
	Place         string            // `place`: default place for reports, "" if unset
	LayoutProfile string            // `layout_profile`: name or path, default "36-HD-VPTW"
}

// Default returns the configuration used when vdhv.yaml is absent. Each call
// returns a fresh KindLabels map.
func Default() Config {
	return Config{
		Windows:       period.Calendar,
		DeadlineDays:  DefaultDeadlineDays,
		TargetShare:   DefaultTargetShare,
		KindLabels:    defaultKindLabels(),
		LayoutProfile: DefaultLayoutProfile,
	}
}

func defaultKindLabels() map[string]string {
	return map[string]string{
		units.KindKhoi:            "Đảng bộ Khối",
		units.KindDangUyTrucThuoc: "Đảng ủy trực thuộc",
		units.KindDangBoCoSo:      "Đảng bộ cơ sở",
		units.KindChiBoCoSo:       "Chi bộ cơ sở",
	}
}

// AllKinds returns the default kinds followed by the workspace's extra kinds.
func (c Config) AllKinds() []string {
	out := units.DefaultKinds()
	for _, k := range c.Kinds {
		if !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}

// UnitOptions returns the options for parsing the workspace's units.yaml.
func (c Config) UnitOptions() units.Options { return units.Options{Kinds: c.AllKinds()} }

// KindLabel returns the display name of kind, or kind itself if it has none.
func (c Config) KindLabel(kind string) string {
	if l, ok := c.KindLabels[kind]; ok && l != "" {
		return l
	}
	return kind
}

// Problem is one finding in vdhv.yaml.
type Problem struct {
	Line      int    // 1-based; 0 for the whole file
	Code      string // stable identifier, e.g. "unknown-key"
	Message   string // English
	MessageVI string // Vietnamese
}

// Error lists every problem found in vdhv.yaml. Error() is English, one
// "vdhv.yaml:3: …" line per problem; Localized("vi") gives Vietnamese.
type Error struct {
	Path     string
	Problems []Problem

	err error
}

func (e *Error) Error() string { return e.Localized("en") }

// Unwrap returns the underlying I/O error, if any.
func (e *Error) Unwrap() error { return e.err }

// Has reports whether e lists a problem with the given code.
func (e *Error) Has(code string) bool {
	for _, p := range e.Problems {
		if p.Code == code {
			return true
		}
	}
	return false
}

// Localized returns the problems one per line, in English for lang "en" and
// Vietnamese otherwise.
func (e *Error) Localized(lang string) string {
	path := e.Path
	if path == "" {
		path = FileName
	}
	var b strings.Builder
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteByte('\n')
		}
		msg := p.MessageVI
		if lang == "en" {
			msg = p.Message
		}
		if p.Line > 0 {
			fmt.Fprintf(&b, "%s:%d: %s", path, p.Line, msg)
		} else {
			fmt.Fprintf(&b, "%s: %s", path, msg)
		}
	}
	return b.String()
}

// Load reads vdhv.yaml at path. A missing file gives Default() and no error.
func Load(path string) (Config, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return Default(), nil
	}
	if err != nil {
		return Default(), ioError(path, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return Default(), ioError(path, err)
	}
	return Parse(data, path)
}

func ioError(path string, err error) *Error {
	return &Error{Path: path, err: err, Problems: []Problem{{Code: "read-error",
		Message:   fmt.Sprintf("cannot read the file: %v", err),
		MessageVI: fmt.Sprintf("không đọc được tệp: %v", err)}}}
}

var keys = []string{"windows", "deadline_days", "target_share", "kinds", "kind_labels", "place", "layout_profile"}

// Parse reads vdhv.yaml content; path is used in messages. An empty file
// (or one with only comments) gives Default(). On problems it returns
// Default() and an *Error listing all of them.
func Parse(data []byte, path string) (Config, error) {
	p := &parser{path: path}
	c := Default()
	root, derr := yamlx.Decode(data, MaxFileSize)
	if derr != nil {
		p.decodeProblem(derr)
		return Default(), p.error()
	}
	if root == nil || (root.Kind == yaml.ScalarNode && root.ShortTag() == "!!null") {
		return c, nil
	}
	if root.Kind != yaml.MappingNode {
		p.add(root.Line, "root-not-mapping", "the file must be a mapping of settings (key: value)",
			"tệp phải là danh sách các mục cấu hình dạng khóa: giá trị")
		return Default(), p.error()
	}
	var labels *yaml.Node
	seen := map[string]int{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			p.add(k.Line, "bad-key", "a key must be plain text", "khóa phải là văn bản thường")
			continue
		}
		key := k.Value
		if first, dup := seen[key]; dup {
			p.add(k.Line, "duplicate-key",
				fmt.Sprintf("key %s appears twice (first at line %d)", yamlx.Short(key), first),
				fmt.Sprintf("khóa %s xuất hiện hai lần (lần đầu ở dòng %d)", yamlx.Short(key), first))
			continue
		}
		seen[key] = k.Line
		if !slices.Contains(keys, key) {
			en := fmt.Sprintf("unknown key %q; allowed keys: %s", yamlx.Short(key), strings.Join(keys, ", "))
			vi := fmt.Sprintf("khóa %q không hợp lệ; các khóa được dùng: %s", yamlx.Short(key), strings.Join(keys, ", "))
			if s := yamlx.Suggest(key, keys); s != "" {
				en += fmt.Sprintf(" (did you mean %s?)", s)
				vi += fmt.Sprintf(" (có phải là %s?)", s)
			}
			p.add(k.Line, "unknown-key", en, vi)
			continue
		}
		if v.Kind == yaml.AliasNode {
			p.add(v.Line, "alias", "YAML aliases are not allowed in vdhv.yaml; write the value out",
				"không dùng bí danh YAML trong vdhv.yaml; hãy ghi đầy đủ giá trị")
			continue
		}
		if v.Kind == yaml.ScalarNode && v.ShortTag() == "!!null" {
			continue // unset: keep the default
		}
		switch key {
		case "windows":
			if s, ok := p.text(key, v); ok {
				w, err := period.ParseWindows(s)
				if err != nil {
					p.add(v.Line, "bad-windows",
						fmt.Sprintf("windows: %q is not calendar or nd09", yamlx.Short(s)),
						fmt.Sprintf("windows: %q không hợp lệ; dùng calendar (theo quý dương lịch) hoặc nd09 (theo Nghị định 09/2019/NĐ-CP)", yamlx.Short(s)))
					continue
				}
				c.Windows = w
			}
		case "deadline_days":
			if s, ok := p.text(key, v); ok {
				n, err := strconv.Atoi(strings.TrimSpace(s))
				if err != nil || !isDigits(strings.TrimSpace(s)) || n > MaxDeadlineDays {
					p.add(v.Line, "bad-deadline-days",
						fmt.Sprintf("deadline_days: %q must be a whole number of days from 0 to %d", yamlx.Short(s), MaxDeadlineDays),
						fmt.Sprintf("deadline_days: %q phải là số ngày nguyên từ 0 đến %d", yamlx.Short(s), MaxDeadlineDays))
					continue
				}
				c.DeadlineDays = n
			}
		case "target_share":
			if s, ok := p.text(key, v); ok {
				f, ok := parseShare(s)
				if !ok {
					p.add(v.Line, "bad-target-share",
						fmt.Sprintf("target_share: %q must be a share above 0 and at most 1, written 0.8, 80 or 80%%", yamlx.Short(s)),
						fmt.Sprintf("target_share: %q phải là tỷ lệ lớn hơn 0 và không quá 100%%, ghi dạng 0.8, 80 hoặc 80%%", yamlx.Short(s)))
					continue
				}
				c.TargetShare = f
			}
		case "kinds":
			c.Kinds = p.kinds(v)
		case "kind_labels":
			labels = v
		case "place":
			if s, ok := p.text(key, v); ok {
				s = yamlx.NormText(s)
				if len([]rune(s)) > maxPlaceRunes {
					p.add(v.Line, "bad-place",
						fmt.Sprintf("place is longer than %d characters", maxPlaceRunes),
						fmt.Sprintf("place dài quá %d ký tự", maxPlaceRunes))
					continue
				}
				c.Place = s
			}
		case "layout_profile":
			if s, ok := p.text(key, v); ok {
				s = strings.TrimSpace(s)
				if s == "" || len(s) > maxTextLen || strings.ContainsRune(s, 0) {
					p.add(v.Line, "bad-layout-profile",
						"layout_profile must name a layout profile or give the path of a profile file",
						"layout_profile phải là tên mẫu trình bày hoặc đường dẫn tới tệp mẫu")
					continue
				}
				c.LayoutProfile = s
			}
		}
	}
	if labels != nil {
		p.kindLabels(labels, &c)
	}
	if len(p.problems) > 0 {
		return Default(), p.error()
	}
	return c, nil
}

// isDigits reports whether s is one or more ASCII digits (the pattern ^[0-9]+$).
func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// isNumber reports whether s is a plain decimal with at most one '.' or ',' (the pattern
// ^(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)$): "80", "80.", "0,8", ".8".
func isNumber(s string) bool {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	if n == len(s) {
		return n > 0
	}
	if s[n] != '.' && s[n] != ',' {
		return false
	}
	rest := s[n+1:]
	if n == 0 && rest == "" {
		return false
	}
	return rest == "" || isDigits(rest)
}

// isKind reports whether s is a valid unit kind: a lower-case ASCII letter or digit, then at
// most 63 of those, '-' and '_' (the pattern ^[a-z0-9][a-z0-9_-]{0,63}$). Hand-written: the
// compiled pattern cost every vdhv run about half a millisecond at start-up.
func isKind(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		ok := c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || i > 0 && (c == '-' || c == '_')
		if !ok {
			return false
		}
	}
	return true
}

// parseShare reads a target share: a fraction in (0, 1] ("0.8"), a
// percentage above 1 and at most 100 ("80"), or a percentage with a sign
// ("80%", "80,5%"). "1" is 100%, "1%" is 0.01.
func parseShare(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	pct := strings.HasSuffix(s, "%")
	if pct {
		s = strings.TrimSpace(strings.TrimSuffix(s, "%"))
	}
	if !isNumber(s) {
		return 0, false
	}
	f, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	if pct || f > 1 {
		f /= 100
	}
	if f <= 0 || f > 1 {
		return 0, false
	}
	return f, true
}

type parser struct {
	path     string
	problems []Problem
}

func (p *parser) add(line int, code, en, vi string) {
	p.problems = append(p.problems, Problem{Line: line, Code: code, Message: en, MessageVI: vi})
}

func (p *parser) error() *Error {
	probs := slices.Clone(p.problems)
	sort.SliceStable(probs, func(i, j int) bool { return probs[i].Line < probs[j].Line })
	return &Error{Path: p.path, Problems: probs}
}

// decodeProblem records why yamlx.Decode read no settings.
func (p *parser) decodeProblem(e *yamlx.Error) {
	switch e.Kind {
	case yamlx.TooLarge:
		p.add(0, "file-too-large", fmt.Sprintf("the file is larger than %d MiB", MaxFileSize>>20),
			fmt.Sprintf("tệp lớn hơn %d MiB", MaxFileSize>>20))
	case yamlx.MultipleDocuments:
		p.add(e.Line, "multiple-documents", "the file holds more than one YAML document (a second `---`)",
			"tệp có nhiều hơn một tài liệu YAML (có thêm `---`)")
	case yamlx.Unreadable:
		p.add(0, "yaml-syntax", fmt.Sprintf("the YAML cannot be read (%v)", e.Msg),
			fmt.Sprintf("không đọc được YAML (%v)", e.Msg))
	default:
		p.add(e.Line, "yaml-syntax", "YAML syntax error: "+e.Msg, "lỗi cú pháp YAML: "+e.Msg)
	}
}

// text returns the text of a scalar value; a list or mapping is a problem.
func (p *parser) text(key string, v *yaml.Node) (string, bool) {
	if v.Kind == yaml.AliasNode {
		p.add(v.Line, "alias", "YAML aliases are not allowed in vdhv.yaml; write the value out",
			"không dùng bí danh YAML trong vdhv.yaml; hãy ghi đầy đủ giá trị")
		return "", false
	}
	if v.Kind != yaml.ScalarNode {
		p.add(v.Line, "not-text", fmt.Sprintf("%s must be a single value, not a list or mapping", key),
			fmt.Sprintf("%s phải là một giá trị đơn, không phải danh sách hay ánh xạ", key))
		return "", false
	}
	return v.Value, true
}

func (p *parser) kinds(v *yaml.Node) []string {
	if v.Kind != yaml.SequenceNode {
		p.add(v.Line, "kinds-not-list", "kinds must be a list (each line starting with `- `)",
			"kinds phải là danh sách (mỗi dòng bắt đầu bằng `- `)")
		return nil
	}
	var out []string
	defaults := units.DefaultKinds()
	for _, e := range v.Content {
		s, ok := p.text("kinds", e)
		if !ok {
			continue
		}
		k := strings.ToLower(strings.TrimSpace(s))
		if !isKind(k) {
			p.add(e.Line, "bad-kind",
				fmt.Sprintf("kind %q: use lower-case letters without diacritics, digits, - and _ (at most 64)", yamlx.Short(s)),
				fmt.Sprintf("loại %q: chỉ dùng chữ thường không dấu, chữ số, - và _ (tối đa 64 ký tự)", yamlx.Short(s)))
			continue
		}
		if !slices.Contains(defaults, k) && !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}

func (p *parser) kindLabels(v *yaml.Node, c *Config) {
	if v.Kind != yaml.MappingNode {
		p.add(v.Line, "kind-labels-not-mapping", "kind_labels must map each kind to its display name (kind: name)",
			"kind_labels phải ghi tên hiển thị cho từng loại (loại: tên)")
		return
	}
	known := c.AllKinds()
	seen := map[string]int{}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, l := v.Content[i], v.Content[i+1]
		ks, ok := p.text("kind_labels", k)
		if !ok {
			continue
		}
		kind := strings.ToLower(strings.TrimSpace(ks))
		if first, dup := seen[kind]; dup {
			p.add(k.Line, "duplicate-key",
				fmt.Sprintf("kind_labels: %s appears twice (first at line %d)", yamlx.Short(kind), first),
				fmt.Sprintf("kind_labels: %s xuất hiện hai lần (lần đầu ở dòng %d)", yamlx.Short(kind), first))
			continue
		}
		seen[kind] = k.Line
		if !slices.Contains(known, kind) {
			p.add(k.Line, "unknown-kind",
				fmt.Sprintf("kind_labels: unknown kind %q; known kinds: %s (declare new ones under kinds)", yamlx.Short(ks), strings.Join(known, ", ")),
				fmt.Sprintf("kind_labels: loại %q không có; các loại: %s (khai báo loại mới ở mục kinds)", yamlx.Short(ks), strings.Join(known, ", ")))
			continue
		}
		ls, ok := p.text("kind_labels", l)
		if !ok {
			continue
		}
		if l.ShortTag() == "!!null" {
			ls = ""
		}
		if ls = yamlx.NormText(ls); ls == "" || len(ls) > maxTextLen {
			p.add(l.Line, "bad-kind-label",
				fmt.Sprintf("kind_labels: the name of %s must be non-empty text", kind),
				fmt.Sprintf("kind_labels: tên của loại %s không được để trống", kind))
			continue
		}
		c.KindLabels[kind] = ls
	}
}

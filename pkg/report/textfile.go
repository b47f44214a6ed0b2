package report

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/unicode/norm"

	"github.com/vdhv/vdhv/pkg/period"
	"github.com/vdhv/vdhv/pkg/workspace"
	"github.com/vdhv/vdhv/pkg/yamlx"
)

// Limits of the committee's text file.
const (
	MaxTextFileSize  = 1 << 20 // bytes
	maxLineRunes     = 300     // one-line values (number, place, body names, signer)
	maxParagraphLen  = 20000   // bytes of one paragraph
	maxListItems     = 200     // items of one list
	maxIssuingLines  = 6
	defaultCode      = "BC/BCĐ"
	defaultAuthority = "T/M BAN CHỈ ĐẠO"
	defaultTitle     = "TRƯỞNG BAN"
)

// DefaultIssuingBody is the issuing body when the text file gives none.
var DefaultIssuingBody = []string{"Ban Chỉ đạo Cuộc vận động"}

// Signer is the signature block.
type Signer struct {
	Authority string // "T/M BAN CHỈ ĐẠO"
	Title     string // "TRƯỞNG BAN"
	Name      string // "Nguyễn Văn An"
}

// TextFile is the committee's own text for one report: bao-cao/<period>.yaml in the
// workspace. Every field is optional; Build fills defaults (see Defaults).
type TextFile struct {
	Path string // where it was read from ("" when built in code)

	Number      string    // "12" (the number only)
	Code        string    // "BC/BCĐ"
	Place       string    // "Hải Đông"; "" = the workspace's place
	Date        time.Time // 00:00 UTC of the day; zero = the default date (see ReportDate)
	ParentBody  string    // "Đảng bộ Khối Doanh nghiệp tỉnh Hải Đông"; "" = the root unit's name
	IssuingBody []string  // lines; nil = DefaultIssuingBody
	Signer      Signer
	Recipients  []string // "Nơi nhận" items without the "- " marker
	// Highlights are extra paragraphs added at the end of section I.1 (kết quả nổi bật).
	Highlights []string
	// Limitations (hạn chế) and Causes (nguyên nhân) follow the data-derived findings in II.
	Limitations []string
	Causes      []string
	// Tasks (nhiệm vụ trọng tâm) make section III.
	Tasks []string
	// Proposals (đề xuất, kiến nghị), if any, make a section IV.
	Proposals []string
}

// TextPath is the path of the committee's text for period p in a workspace.
func TextPath(root string, p period.Period) string {
	return filepath.Join(root, workspace.ReportsDir, p.String()+".yaml")
}

// TextProblem is one problem of a text file.
type TextProblem struct {
	Line      int // 1-based; 0 for the whole file
	Message   string
	MessageVI string
}

// TextError lists every problem of a text file. Error() is English; Localized("vi")
// Vietnamese; each line is "path:line: message".
type TextError struct {
	Path     string
	Problems []TextProblem
	err      error
}

func (e *TextError) Error() string { return e.Localized("en") }

// Unwrap returns the underlying I/O error, if any.
func (e *TextError) Unwrap() error { return e.err }

// Localized returns the problems one per line in lang ("en" or Vietnamese).
func (e *TextError) Localized(lang string) string {
	path := e.Path
	if path == "" {
		path = "bao-cao.yaml"
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

// LoadText reads the text file at path. A missing file gives an empty TextFile (every
// value its default) and ok false.
func LoadText(path string) (tf *TextFile, ok bool, err error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return &TextFile{}, false, nil
	}
	if err != nil {
		return nil, false, &TextError{Path: path, err: err, Problems: []TextProblem{{
			Message: "cannot read the file: " + err.Error(), MessageVI: "không đọc được tệp: " + err.Error()}}}
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxTextFileSize+1))
	if err != nil {
		return nil, false, &TextError{Path: path, err: err, Problems: []TextProblem{{
			Message: "cannot read the file: " + err.Error(), MessageVI: "không đọc được tệp: " + err.Error()}}}
	}
	tf, err = ParseText(data, path)
	if err != nil {
		return nil, false, err
	}
	return tf, true, nil
}

type textKey struct {
	name string
	kind int // kLine, kLines, kParas, kDate, kSigner
}

const (
	kLine = iota
	kLines
	kParas
	kDate
	kSigner
)

var textKeys = []textKey{
	{"number", kLine}, {"code", kLine}, {"place", kLine}, {"date", kDate},
	{"parent_body", kLine}, {"issuing_body", kLines}, {"signer", kSigner},
	{"recipients", kLines}, {"highlights", kParas}, {"limitations", kParas},
	{"causes", kParas}, {"tasks", kParas}, {"proposals", kParas},
}

var signerKeys = []string{"authority", "title", "name"}

func keyNames() []string {
	out := make([]string, len(textKeys))
	for i, k := range textKeys {
		out[i] = k.name
	}
	return out
}

type textParser struct {
	path     string
	problems []TextProblem
}

func (p *textParser) add(line int, en, vi string) {
	p.problems = append(p.problems, TextProblem{Line: line, Message: en, MessageVI: vi})
}

var reBlankLine = regexp.MustCompile(`\n[ \t]*\n`)

// ParseText reads a text file's content; path is used in messages. An empty file (or
// comments only) is an empty TextFile. Unknown keys, wrong shapes, aliases, a key given
// twice, bad dates and oversized values are problems with their line, all listed in one
// *TextError.
func ParseText(data []byte, path string) (tf *TextFile, err error) {
	p := &textParser{path: path}
	tf = &TextFile{Path: path}
	// A file too large is reported as such (by Decode), whatever its encoding.
	if len(data) <= MaxTextFileSize && !utf8.Valid(data) {
		p.add(0, "the file is not UTF-8 text; save it as UTF-8",
			"tệp không phải văn bản UTF-8; hãy lưu lại với bảng mã UTF-8")
		return nil, p.error()
	}
	root, derr := yamlx.Decode(data, MaxTextFileSize)
	if derr != nil {
		p.decodeProblem(derr)
		return nil, p.error()
	}
	if root == nil || (root.Kind == yaml.ScalarNode && root.ShortTag() == "!!null") {
		return tf, nil
	}
	if root.Kind != yaml.MappingNode {
		p.add(root.Line, "the file must be a mapping (key: value)", "tệp phải gồm các mục dạng khóa: giá trị")
		return nil, p.error()
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			p.add(k.Line, "a key must be plain text", "khóa phải là văn bản thường")
			continue
		}
		key := k.Value
		if first, dup := seen[key]; dup {
			p.add(k.Line, fmt.Sprintf("key %s appears twice (first at line %d)", short(key), first),
				fmt.Sprintf("khóa %s xuất hiện hai lần (lần đầu ở dòng %d)", short(key), first))
			continue
		}
		seen[key] = k.Line
		idx := slices.IndexFunc(textKeys, func(t textKey) bool { return t.name == key })
		if idx < 0 {
			en := fmt.Sprintf("unknown key %q; allowed keys: %s", short(key), strings.Join(keyNames(), ", "))
			vi := fmt.Sprintf("khóa %q không hợp lệ; các khóa được dùng: %s", short(key), strings.Join(keyNames(), ", "))
			p.add(k.Line, en, vi)
			continue
		}
		if v.Kind == yaml.AliasNode || hasAlias(v) {
			p.add(v.Line, "YAML aliases are not allowed here; write the value out",
				"không dùng bí danh YAML ở đây; hãy ghi đầy đủ giá trị")
			continue
		}
		if v.Kind == yaml.ScalarNode && v.ShortTag() == "!!null" {
			continue // unset: the default
		}
		switch textKeys[idx].kind {
		case kLine:
			s, ok := p.line(key, v)
			if !ok {
				continue
			}
			switch key {
			case "number":
				tf.Number = s
			case "code":
				tf.Code = s
			case "place":
				tf.Place = s
			case "parent_body":
				tf.ParentBody = s
			}
		case kDate:
			s, ok := p.line(key, v)
			if !ok || s == "" {
				continue
			}
			d, err := period.ParseDate(s)
			if err != nil || d.Year() < 2000 {
				p.add(v.Line, fmt.Sprintf("date: %q is not a date dd/mm/yyyy from the year 2000 on", short(s)),
					fmt.Sprintf("date: %q không phải là ngày dạng ngày/tháng/năm (dd/mm/yyyy) từ năm 2000", short(s)))
				continue
			}
			tf.Date = d
		case kLines:
			lines, ok := p.list(key, v, false)
			if !ok {
				continue
			}
			if key == "issuing_body" {
				if len(lines) > maxIssuingLines {
					p.add(v.Line, fmt.Sprintf("issuing_body: at most %d lines", maxIssuingLines),
						fmt.Sprintf("issuing_body: tối đa %d dòng", maxIssuingLines))
					continue
				}
				tf.IssuingBody = lines
			} else {
				tf.Recipients = lines
			}
		case kParas:
			paras, ok := p.list(key, v, true)
			if !ok {
				continue
			}
			switch key {
			case "highlights":
				tf.Highlights = paras
			case "limitations":
				tf.Limitations = paras
			case "causes":
				tf.Causes = paras
			case "tasks":
				tf.Tasks = paras
			case "proposals":
				tf.Proposals = paras
			}
		case kSigner:
			p.signer(v, &tf.Signer)
		}
	}
	if len(p.problems) > 0 {
		return nil, p.error()
	}
	return tf, nil
}

func hasAlias(n *yaml.Node) bool {
	if n == nil {
		return false
	}
	if n.Kind == yaml.AliasNode {
		return true
	}
	for _, c := range n.Content {
		if hasAlias(c) {
			return true
		}
	}
	return false
}

func (p *textParser) signer(v *yaml.Node, s *Signer) {
	if v.Kind != yaml.MappingNode {
		p.add(v.Line, "signer must hold authority, title and name (one per line, indented)",
			"signer phải gồm authority, title và name (mỗi mục một dòng, thụt vào)")
		return
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i], v.Content[i+1]
		key := k.Value
		if k.Kind != yaml.ScalarNode || !slices.Contains(signerKeys, key) {
			p.add(k.Line, fmt.Sprintf("signer: unknown key %q; allowed keys: %s", short(key), strings.Join(signerKeys, ", ")),
				fmt.Sprintf("signer: khóa %q không hợp lệ; các khóa được dùng: %s", short(key), strings.Join(signerKeys, ", ")))
			continue
		}
		if first, dup := seen[key]; dup {
			p.add(k.Line, fmt.Sprintf("signer: key %s appears twice (first at line %d)", key, first),
				fmt.Sprintf("signer: khóa %s xuất hiện hai lần (lần đầu ở dòng %d)", key, first))
			continue
		}
		seen[key] = k.Line
		if val.Kind == yaml.ScalarNode && val.ShortTag() == "!!null" {
			continue
		}
		t, ok := p.line("signer."+key, val)
		if !ok {
			continue
		}
		switch key {
		case "authority":
			s.Authority = t
		case "title":
			s.Title = t
		case "name":
			s.Name = t
		}
	}
}

// line reads a one-line scalar: NFC, white space collapsed, control characters refused.
func (p *textParser) line(key string, v *yaml.Node) (string, bool) {
	if v.Kind != yaml.ScalarNode {
		p.add(v.Line, fmt.Sprintf("%s must be a single value, not a list or mapping", key),
			fmt.Sprintf("%s phải là một giá trị đơn, không phải danh sách hay ánh xạ", key))
		return "", false
	}
	s := cleanLine(v.Value)
	if utf8.RuneCountInString(s) > maxLineRunes {
		p.add(v.Line, fmt.Sprintf("%s is longer than %d characters", key, maxLineRunes),
			fmt.Sprintf("%s dài quá %d ký tự", key, maxLineRunes))
		return "", false
	}
	return s, true
}

// list reads a list of strings, or (paras) a single text that is split into paragraphs
// at blank lines. Empty items are dropped.
func (p *textParser) list(key string, v *yaml.Node, paras bool) ([]string, bool) {
	var items []*yaml.Node
	switch v.Kind {
	case yaml.SequenceNode:
		items = v.Content
	case yaml.ScalarNode:
		if !paras {
			items = []*yaml.Node{v}
			break
		}
		var out []string
		for _, para := range splitParagraphs(v.Value) {
			if len(para) > maxParagraphLen {
				p.add(v.Line, fmt.Sprintf("%s: a paragraph is longer than %d bytes", key, maxParagraphLen),
					fmt.Sprintf("%s: có đoạn dài quá %d byte", key, maxParagraphLen))
				return nil, false
			}
			out = append(out, para)
		}
		return out, true
	default:
		p.add(v.Line, fmt.Sprintf("%s must be a list (each item on a line starting with `- `)", key),
			fmt.Sprintf("%s phải là danh sách (mỗi mục một dòng bắt đầu bằng `- `)", key))
		return nil, false
	}
	if len(items) > maxListItems {
		p.add(v.Line, fmt.Sprintf("%s has more than %d items", key, maxListItems),
			fmt.Sprintf("%s có hơn %d mục", key, maxListItems))
		return nil, false
	}
	var out []string
	ok := true
	for _, it := range items {
		if it.Kind != yaml.ScalarNode {
			p.add(it.Line, fmt.Sprintf("%s: each item must be text, not a list or mapping", key),
				fmt.Sprintf("%s: mỗi mục phải là văn bản, không phải danh sách hay ánh xạ", key))
			ok = false
			continue
		}
		if it.ShortTag() == "!!null" {
			continue
		}
		if paras {
			for _, para := range splitParagraphs(it.Value) {
				if len(para) > maxParagraphLen {
					p.add(it.Line, fmt.Sprintf("%s: a paragraph is longer than %d bytes", key, maxParagraphLen),
						fmt.Sprintf("%s: có đoạn dài quá %d byte", key, maxParagraphLen))
					ok = false
					continue
				}
				out = append(out, para)
			}
			continue
		}
		s := cleanLine(it.Value)
		if utf8.RuneCountInString(s) > maxLineRunes {
			p.add(it.Line, fmt.Sprintf("%s: an item is longer than %d characters", key, maxLineRunes),
				fmt.Sprintf("%s: có mục dài quá %d ký tự", key, maxLineRunes))
			ok = false
			continue
		}
		if s != "" {
			out = append(out, s)
		}
	}
	return out, ok
}

// cleanLine applies NFC, turns control characters into spaces and collapses white space.
func cleanLine(s string) string {
	s = norm.NFC.String(s)
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.FieldsFunc(s, isBreakingSpace), " ")
}

// isBreakingSpace is white space other than the no-break space (U+00A0), which is kept:
// it holds the blank of an unnumbered "Số      -BC/BCĐ".
func isBreakingSpace(r rune) bool { return r != '\u00a0' && unicode.IsSpace(r) }

// splitParagraphs splits a text at blank lines; single line breaks inside a paragraph
// become spaces (as in YAML's folded style).
func splitParagraphs(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var out []string
	for _, para := range reBlankLine.Split(s, -1) {
		if c := cleanLine(para); c != "" {
			out = append(out, c)
		}
	}
	return out
}

// short cuts text quoted in messages to 60 runes.
func short(s string) string { return yamlx.ShortN(s, 60) }

func (p *textParser) error() *TextError {
	probs := slices.Clone(p.problems)
	sort.SliceStable(probs, func(i, j int) bool { return probs[i].Line < probs[j].Line })
	return &TextError{Path: p.path, Problems: probs}
}

// decodeProblem records why yamlx.Decode read no text.
func (p *textParser) decodeProblem(e *yamlx.Error) {
	switch e.Kind {
	case yamlx.TooLarge:
		p.add(0, fmt.Sprintf("the file is larger than %d MiB", MaxTextFileSize>>20),
			fmt.Sprintf("tệp lớn hơn %d MiB", MaxTextFileSize>>20))
	case yamlx.MultipleDocuments:
		p.add(e.Line, "the file holds more than one YAML document (a second `---`)",
			"tệp có nhiều hơn một tài liệu YAML (có thêm `---`)")
	case yamlx.Unreadable:
		p.add(0, fmt.Sprintf("the YAML cannot be read (%v)", e.Msg), fmt.Sprintf("không đọc được YAML (%v)", e.Msg))
	default:
		p.add(e.Line, "YAML syntax error: "+e.Msg, "lỗi cú pháp YAML: "+e.Msg)
	}
}

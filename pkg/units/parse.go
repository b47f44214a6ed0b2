package units

import (
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"

	"github.com/vdhv/vdhv/pkg/period"
	"github.com/vdhv/vdhv/pkg/yamlx"
)

// Limits on units.yaml.
const (
	MaxFileSize = 10 << 20 // bytes
	MaxUnits    = 100_000
	MaxDepth    = 10 // the root is depth 0
	MaxCodeLen  = 64
	// maxProblems bounds the problems listed; the rest are counted.
	maxProblems = 1000
)

// Keys a unit mapping may have, in documentation order.
var allowedKeys = []string{"code", "name", "kind", "reports", "active_from", "active_until", "units"}

// Problem is one finding in units.yaml.
type Problem struct {
	Line      int    // 1-based; 0 when it concerns the whole file
	Code      string // stable identifier, e.g. "duplicate-code"
	Message   string // English
	MessageVI string // Vietnamese
}

// Error lists every problem found in a units.yaml. Error() gives one line
// per problem in English, "units.yaml:12: duplicate code DU-XD-01 (first at
// line 5)"; Localized gives them in Vietnamese.
type Error struct {
	Path     string
	Problems []Problem

	err error // underlying I/O error, for errors.Is
}

func (e *Error) Error() string { return e.Localized("en") }

// Unwrap returns the underlying I/O error of Load, if any.
func (e *Error) Unwrap() error { return e.err }

// Localized returns the problems one per line in lang: "en" gives English,
// anything else Vietnamese.
func (e *Error) Localized(lang string) string {
	path := e.Path
	if path == "" {
		path = "units.yaml"
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

// Has reports whether e lists a problem with the given stable code.
func (e *Error) Has(code string) bool {
	for _, p := range e.Problems {
		if p.Code == code {
			return true
		}
	}
	return false
}

// Options configures Parse.
type Options struct {
	// Kinds are the allowed unit kinds; empty means DefaultKinds(). A
	// workspace that declares extra kinds passes the defaults plus its own.
	Kinds []string
}

// Load reads and parses the units.yaml at path.
func Load(path string, opt Options) (*Tree, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, ioError(path, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, ioError(path, err)
	}
	return Parse(data, path, opt)
}

func ioError(path string, err error) *Error {
	en := fmt.Sprintf("cannot read the file: %v", err)
	vi := fmt.Sprintf("không đọc được tệp: %v", err)
	if errors.Is(err, os.ErrNotExist) {
		en = "the file does not exist; create it with `vdhv init` or give its path"
		vi = "không có tệp này; hãy tạo bằng `vdhv init` hoặc chỉ rõ đường dẫn"
	}
	return &Error{Path: path, Problems: []Problem{{Code: "read-error", Message: en, MessageVI: vi}}, err: err}
}

// Parse reads units.yaml content. path is used in messages only. On any
// problem it returns a nil tree and an *Error listing all problems found.
func Parse(data []byte, path string, opt Options) (*Tree, error) {
	p := &parser{path: path, kinds: map[string]bool{}, byCode: map[string]*Unit{}, stack: map[*yaml.Node]bool{}}
	kinds := opt.Kinds
	if len(kinds) == 0 {
		kinds = DefaultKinds()
	}
	for _, k := range kinds {
		k = normKind(k)
		if k != "" && !p.kinds[k] {
			p.kinds[k] = true
			p.kindList = append(p.kindList, k)
		}
	}
	root, derr := yamlx.Decode(data, MaxFileSize)
	if derr != nil {
		p.decodeProblem(derr)
		return nil, p.error()
	}
	if root == nil {
		p.add(0, "empty", "the file is empty; it must describe the root unit",
			"tệp trống; tệp phải mô tả đơn vị gốc")
		return nil, p.error()
	}
	if root.Kind != yaml.MappingNode {
		if root.Kind == yaml.AliasNode {
			p.aliasProblem(root)
		} else {
			p.add(root.Line, "root-not-mapping",
				"the file must be the root unit itself, a mapping with code, name, kind and units",
				"tệp phải là chính đơn vị gốc: một ánh xạ có code, name, kind và units")
		}
		return nil, p.error()
	}
	u := p.unit(root, nil, 0)
	if len(p.problems) > 0 || u == nil {
		return nil, p.error()
	}
	return &Tree{Root: u, Path: path, byCode: p.byCode, preorder: p.preorder}, nil
}

// decodeProblem records why yamlx.Decode read no unit.
func (p *parser) decodeProblem(e *yamlx.Error) {
	switch e.Kind {
	case yamlx.TooLarge:
		p.add(0, "file-too-large",
			fmt.Sprintf("the file is larger than %d MiB", MaxFileSize>>20),
			fmt.Sprintf("tệp lớn hơn %d MiB", MaxFileSize>>20))
	case yamlx.MultipleDocuments:
		p.add(e.Line, "multiple-documents",
			"the file holds more than one YAML document (a second `---`); it must hold only the root unit",
			"tệp có nhiều hơn một tài liệu YAML (có thêm `---`); tệp chỉ được chứa đơn vị gốc")
	case yamlx.Unreadable:
		p.add(0, "yaml-syntax", fmt.Sprintf("the YAML cannot be read (%v)", e.Msg),
			fmt.Sprintf("không đọc được YAML (%v)", e.Msg))
	default:
		p.add(e.Line, "yaml-syntax", "YAML syntax error: "+e.Msg, "lỗi cú pháp YAML: "+e.Msg)
	}
}

type parser struct {
	path     string
	kinds    map[string]bool
	kindList []string
	problems []Problem
	dropped  int
	byCode   map[string]*Unit
	preorder []*Unit
	stack    map[*yaml.Node]bool // unit mappings being walked (ancestors)
	tooMany  bool
	tooDeep  bool
}

func (p *parser) add(line int, code, en, vi string) {
	if len(p.problems) >= maxProblems {
		p.dropped++
		return
	}
	p.problems = append(p.problems, Problem{Line: line, Code: code, Message: en, MessageVI: vi})
}

func (p *parser) error() *Error {
	probs := slices.Clone(p.problems)
	sort.SliceStable(probs, func(i, j int) bool { return probs[i].Line < probs[j].Line })
	if p.dropped > 0 {
		probs = append(probs, Problem{Code: "too-many-problems",
			Message:   fmt.Sprintf("… and %d more problems", p.dropped),
			MessageVI: fmt.Sprintf("… và %d lỗi khác", p.dropped)})
	}
	return &Error{Path: p.path, Problems: probs}
}

func (p *parser) aliasProblem(n *yaml.Node) {
	if n.Alias != nil && p.stack[n.Alias] {
		p.add(n.Line, "cycle",
			fmt.Sprintf("alias *%s refers to a unit that contains it, which would make a cycle; write each unit out in full", yamlx.Short(n.Value)),
			fmt.Sprintf("bí danh *%s trỏ tới một đơn vị chứa chính nó, tạo thành vòng lặp; hãy viết đầy đủ từng đơn vị", yamlx.Short(n.Value)))
		return
	}
	p.add(n.Line, "alias",
		fmt.Sprintf("YAML aliases (*%s) are not allowed in units.yaml; write each value out in full", yamlx.Short(n.Value)),
		fmt.Sprintf("không dùng bí danh YAML (*%s) trong units.yaml; hãy viết đầy đủ từng giá trị", yamlx.Short(n.Value)))
}

// scalar returns the text of a scalar value node. ok is false (and a
// problem recorded) for aliases, mappings and sequences; null is reported
// as present=false.
func (p *parser) scalar(key string, v *yaml.Node) (text string, present, ok bool) {
	switch v.Kind {
	case yaml.AliasNode:
		p.aliasProblem(v)
		return "", false, false
	case yaml.ScalarNode:
		if v.ShortTag() == "!!null" {
			return "", false, true
		}
		return v.Value, true, true
	}
	p.add(v.Line, "not-text",
		fmt.Sprintf("%s must be a single value, not a list or mapping", key),
		fmt.Sprintf("%s phải là một giá trị đơn, không phải danh sách hay ánh xạ", key))
	return "", false, false
}

// unit walks one unit mapping and its children. It returns nil if n is not
// a unit mapping or a limit was hit.
func (p *parser) unit(n *yaml.Node, parent *Unit, depth int) *Unit {
	switch {
	case n.Kind == yaml.AliasNode:
		p.aliasProblem(n)
		return nil
	case n.Kind != yaml.MappingNode:
		p.add(n.Line, "unit-not-mapping",
			"each unit must be a mapping with code, name and kind",
			"mỗi đơn vị phải là một ánh xạ có code, name và kind")
		return nil
	case depth > MaxDepth:
		if !p.tooDeep {
			p.tooDeep = true
			p.add(n.Line, "too-deep",
				fmt.Sprintf("the hierarchy is deeper than %d levels below the root", MaxDepth),
				fmt.Sprintf("cây đơn vị sâu quá %d cấp dưới đơn vị gốc", MaxDepth))
		}
		return nil
	case len(p.preorder) >= MaxUnits:
		if !p.tooMany {
			p.tooMany = true
			p.add(n.Line, "too-many-units",
				fmt.Sprintf("the file has more than %d units", MaxUnits),
				fmt.Sprintf("tệp có hơn %d đơn vị", MaxUnits))
		}
		return nil
	}
	u := &Unit{Line: n.Line, Depth: depth, Parent: parent, Index: len(p.preorder)}
	p.preorder = append(p.preorder, u)
	p.stack[n] = true
	defer delete(p.stack, n)

	var (
		seen                     = map[string]int{}
		hasCode, hasName, hasKnd bool
		reportsSet               bool
		fromLine, untilLine      int
		children                 *yaml.Node
	)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			if k.Kind == yaml.AliasNode {
				p.aliasProblem(k)
			} else {
				p.add(k.Line, "bad-key", "a key must be plain text", "khóa phải là văn bản thường")
			}
			continue
		}
		key := k.Value
		if first, dup := seen[key]; dup {
			p.add(k.Line, "duplicate-key",
				fmt.Sprintf("key %s appears twice in this unit (first at line %d)", yamlx.Short(key), first),
				fmt.Sprintf("khóa %s xuất hiện hai lần trong đơn vị này (lần đầu ở dòng %d)", yamlx.Short(key), first))
			continue
		}
		seen[key] = k.Line
		switch key {
		case "code":
			s, present, ok := p.scalar(key, v)
			if !ok {
				hasCode = true // reported already
				continue
			}
			if !present || strings.TrimSpace(s) == "" {
				continue // reported as missing below
			}
			hasCode = true
			u.Code = strings.TrimSpace(s)
			p.checkCode(u, v.Line)
		case "name":
			s, present, ok := p.scalar(key, v)
			if !ok {
				hasName = true
				continue
			}
			if s = yamlx.NormText(s); present && s != "" {
				hasName = true
				u.Name = s
			}
		case "kind":
			s, present, ok := p.scalar(key, v)
			if !ok {
				hasKnd = true
				continue
			}
			if !present || strings.TrimSpace(s) == "" {
				continue
			}
			hasKnd = true
			u.Kind = normKind(s)
			if !p.kinds[u.Kind] {
				p.add(v.Line, "unknown-kind",
					fmt.Sprintf("unknown kind %q; allowed kinds: %s (declare others under `kinds` in vdhv.yaml)", yamlx.Short(s), strings.Join(p.kindList, ", ")),
					fmt.Sprintf("loại đơn vị %q không hợp lệ; các loại được dùng: %s (khai báo thêm ở mục `kinds` trong vdhv.yaml)", yamlx.Short(s), strings.Join(p.kindList, ", ")))
			}
		case "reports":
			if v.Kind == yaml.AliasNode {
				p.aliasProblem(v)
				continue
			}
			if v.Kind != yaml.ScalarNode || v.ShortTag() != "!!bool" {
				p.add(v.Line, "bad-reports",
					fmt.Sprintf("reports must be true or false, not %q", yamlx.Short(v.Value)),
					fmt.Sprintf("reports phải là true hoặc false, không phải %q", yamlx.Short(v.Value)))
				continue
			}
			reportsSet = true
			u.Reports = strings.EqualFold(v.Value, "true")
		case "active_from", "active_until":
			s, present, ok := p.scalar(key, v)
			if !ok || !present {
				continue
			}
			q, err := period.ParseQuarter(s)
			if err != nil {
				var pe *period.Error
				en, vi := err.Error(), err.Error()
				if errors.As(err, &pe) {
					vi = pe.MessageVI
				}
				p.add(v.Line, "bad-quarter", key+": "+en, key+": "+vi)
				continue
			}
			if key == "active_from" {
				u.ActiveFrom, fromLine = q, v.Line
			} else {
				u.ActiveUntil, untilLine = q, v.Line
			}
		case "units":
			switch {
			case v.Kind == yaml.AliasNode:
				p.aliasProblem(v)
			case v.Kind == yaml.ScalarNode && v.ShortTag() == "!!null":
			case v.Kind != yaml.SequenceNode:
				p.add(v.Line, "units-not-list",
					"units must be a list of units (each line starting with `- `)",
					"units phải là danh sách đơn vị (mỗi đơn vị bắt đầu bằng `- `)")
			default:
				children = v
			}
		case "<<":
			p.add(k.Line, "merge-key",
				"YAML merge keys (<<) are not allowed in units.yaml; write each unit out in full",
				"không dùng khóa gộp YAML (<<) trong units.yaml; hãy viết đầy đủ từng đơn vị")
		default:
			en := fmt.Sprintf("unknown key %q; allowed keys: %s", yamlx.Short(key), strings.Join(allowedKeys, ", "))
			vi := fmt.Sprintf("khóa %q không hợp lệ; các khóa được dùng: %s", yamlx.Short(key), strings.Join(allowedKeys, ", "))
			if s := yamlx.Suggest(key, allowedKeys); s != "" {
				en += fmt.Sprintf(" (did you mean %s?)", s)
				vi += fmt.Sprintf(" (có phải là %s?)", s)
			}
			p.add(k.Line, "unknown-key", en, vi)
		}
	}
	for _, m := range []struct {
		has       bool
		key, what string
	}{{hasCode, "code", "mã đơn vị"}, {hasName, "name", "tên đơn vị"}, {hasKnd, "kind", "loại đơn vị"}} {
		if !m.has {
			p.add(n.Line, "missing-"+m.key,
				fmt.Sprintf("this unit has no %s", m.key),
				fmt.Sprintf("đơn vị này thiếu %s (%s)", m.key, m.what))
		}
	}
	p.checkActive(u, fromLine, untilLine)

	hasChildren := children != nil && len(children.Content) > 0
	if !reportsSet {
		u.Reports = !hasChildren
	}
	if children != nil {
		for _, c := range children.Content {
			if cu := p.unit(c, u, depth+1); cu != nil {
				u.Children = append(u.Children, cu)
			}
		}
	}
	return u
}

func (p *parser) checkCode(u *Unit, line int) {
	code := u.Code
	if bad := codeProblem(code); bad != "" {
		p.add(line, "bad-code",
			fmt.Sprintf("code %q: %s; codes use only letters A–Z without diacritics, digits, -, _ and . (at most %d characters)", yamlx.Short(code), bad, MaxCodeLen),
			fmt.Sprintf("mã %q: %s; mã chỉ gồm chữ cái A–Z không dấu, chữ số, -, _ và . (tối đa %d ký tự)", yamlx.Short(code), badVI(bad), MaxCodeLen))
	}
	key := codeKey(code)
	if first, dup := p.byCode[key]; dup {
		p.add(line, "duplicate-code",
			fmt.Sprintf("duplicate code %s (first at line %d)", yamlx.Short(code), first.Line),
			fmt.Sprintf("mã %s bị trùng (đã có ở dòng %d)", yamlx.Short(code), first.Line))
		return
	}
	p.byCode[key] = u
}

// codeProblem returns what is wrong with a code, or "".
func codeProblem(code string) string {
	if len(code) > MaxCodeLen {
		return "too long"
	}
	if code == "." || code == ".." {
		return "not a code"
	}
	for _, r := range code {
		switch {
		case r >= 'A' && r <= 'Z', r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-', r == '_', r == '.':
		case unicode.IsSpace(r):
			return "contains a space"
		case r == 'đ' || r == 'Đ' || unicode.IsLetter(r):
			return fmt.Sprintf("contains %q (write it without diacritics)", r)
		default:
			return fmt.Sprintf("contains %q", r)
		}
	}
	// Codes name the files of submissions (pkg/workspace.CheckCode): a hidden or
	// trailing-dot name, or a Windows device name, would be refused only when a file
	// arrives, so the hierarchy refuses them first.
	if strings.HasPrefix(code, ".") || strings.HasSuffix(code, ".") {
		return "starts or ends with '.'"
	}
	if stem, _, _ := strings.Cut(code, "."); windowsDevice(stem) {
		return "is a device name reserved by Windows"
	}
	return ""
}

// windowsDevice reports the names Windows reserves for devices, whatever their extension.
func windowsDevice(stem string) bool {
	switch u := strings.ToUpper(stem); u {
	case "CON", "PRN", "AUX", "NUL":
		return true
	default:
		return len(u) == 4 && (strings.HasPrefix(u, "COM") || strings.HasPrefix(u, "LPT")) && u[3] >= '1' && u[3] <= '9'
	}
}

func badVI(en string) string {
	switch {
	case en == "too long":
		return "quá dài"
	case en == "not a code":
		return "không phải là mã"
	case en == "contains a space":
		return "có dấu cách"
	case en == "starts or ends with '.'":
		return "bắt đầu hoặc kết thúc bằng dấu chấm"
	case en == "is a device name reserved by Windows":
		return "trùng tên thiết bị dành riêng của Windows"
	case strings.HasSuffix(en, "(write it without diacritics)"):
		return strings.Replace(strings.Replace(en, "contains", "có ký tự", 1), "(write it without diacritics)", "(hãy viết không dấu)", 1)
	}
	return strings.Replace(en, "contains", "có ký tự", 1)
}

// checkActive checks u's own range and that it lies inside its parent's
// effective range.
func (p *parser) checkActive(u *Unit, fromLine, untilLine int) {
	if !u.ActiveFrom.IsZero() && !u.ActiveUntil.IsZero() && u.ActiveUntil.Less(u.ActiveFrom) {
		p.add(untilLine, "active-range",
			fmt.Sprintf("active_until %s is before active_from %s", u.ActiveUntil, u.ActiveFrom),
			fmt.Sprintf("active_until %s trước active_from %s", u.ActiveUntil, u.ActiveFrom))
		return
	}
	if u.Parent == nil {
		return
	}
	pFrom, pFromU := effFrom(u.Parent)
	pUntil, pUntilU := effUntil(u.Parent)
	check := func(q period.Quarter, line int, key string) {
		if q.IsZero() {
			return
		}
		if !pFrom.IsZero() && q.Less(pFrom) {
			p.add(line, "outside-parent",
				fmt.Sprintf("%s %s is before %s becomes active (%s, line %d)", key, q, yamlx.Short(pFromU.Code), pFrom, pFromU.Line),
				fmt.Sprintf("%s %s sớm hơn thời điểm %s bắt đầu hoạt động (%s, dòng %d)", key, q, yamlx.Short(pFromU.Code), pFrom, pFromU.Line))
		} else if !pUntil.IsZero() && pUntil.Less(q) {
			p.add(line, "outside-parent",
				fmt.Sprintf("%s %s is after %s stops being active (%s, line %d)", key, q, yamlx.Short(pUntilU.Code), pUntil, pUntilU.Line),
				fmt.Sprintf("%s %s muộn hơn thời điểm %s ngừng hoạt động (%s, dòng %d)", key, q, yamlx.Short(pUntilU.Code), pUntil, pUntilU.Line))
		}
	}
	check(u.ActiveFrom, fromLine, "active_from")
	check(u.ActiveUntil, untilLine, "active_until")
}

// effFrom returns the nearest declared active_from among u and its
// ancestors, and the unit that declares it.
func effFrom(u *Unit) (period.Quarter, *Unit) {
	for v := u; v != nil; v = v.Parent {
		if !v.ActiveFrom.IsZero() {
			return v.ActiveFrom, v
		}
	}
	return period.Quarter{}, nil
}

func effUntil(u *Unit) (period.Quarter, *Unit) {
	for v := u; v != nil; v = v.Parent {
		if !v.ActiveUntil.IsZero() {
			return v.ActiveUntil, v
		}
	}
	return period.Quarter{}, nil
}

// normKind trims and lower-cases a kind.
func normKind(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

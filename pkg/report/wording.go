package report

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"text/template"

	"github.com/vdhv/vdhv/pkg/aggregate"
	"github.com/vdhv/vdhv/pkg/form"
	"github.com/vdhv/vdhv/pkg/pdfdoc"
	"github.com/vdhv/vdhv/pkg/vnfmt"
	"github.com/vdhv/vdhv/templates"
)

// WordingDir is the folder of the wording templates, in templates/ (embedded) and in a
// workspace (overrides).
const WordingDir = "templates/report"

// maxTemplateOutput bounds what one template may produce (a runaway override).
const maxTemplateOutput = 4 << 20

// Wording is the set of wording templates: the embedded templates/report/*.tmpl, with
// the {{define}} blocks of a workspace's templates/report/*.tmpl replacing those of the
// same name.
type Wording struct {
	t       *template.Template
	sources []string // files read, for messages
}

// WordingError is a template that cannot be parsed or executed.
type WordingError struct {
	File, Template string
	Err            error
}

func (e *WordingError) Error() string { return e.Localized("en") }

// Unwrap returns the template error.
func (e *WordingError) Unwrap() error { return e.Err }

// Localized returns the message in lang ("en" or Vietnamese).
func (e *WordingError) Localized(lang string) string {
	where := e.File
	if e.Template != "" {
		if where != "" {
			where += " "
		}
		where += "{{" + e.Template + "}}"
	}
	if lang == "en" {
		return fmt.Sprintf("report wording %s: %v", where, e.Err)
	}
	return fmt.Sprintf("mẫu câu chữ báo cáo %s: %v", where, e.Err)
}

// LoadWording loads the embedded wording and, when wsRoot is not "", the overrides in
// wsRoot/templates/report/*.tmpl (a missing folder is no error), in file-name order.
func LoadWording(wsRoot string) (*Wording, error) {
	w := &Wording{t: template.New("report").Funcs(funcs(nil)).Option("missingkey=error")}
	names, err := fs.Glob(templates.FS, "report/*.tmpl")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	for _, n := range names {
		b, err := fs.ReadFile(templates.FS, n)
		if err != nil {
			return nil, err
		}
		if _, err := w.t.New(n).Parse(string(b)); err != nil {
			return nil, &WordingError{File: "templates/" + n, Err: err}
		}
		w.sources = append(w.sources, "templates/"+n)
	}
	if wsRoot == "" {
		return w, nil
	}
	dir := filepath.Join(wsRoot, filepath.FromSlash(WordingDir))
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return w, nil
	}
	if err != nil {
		return nil, &WordingError{File: dir, Err: err}
	}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".tmpl") || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		path := filepath.Join(dir, e.Name())
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, &WordingError{File: path, Err: err}
		}
		if len(b) > MaxTextFileSize {
			return nil, &WordingError{File: path, Err: errors.New("file larger than 1 MiB / tệp lớn hơn 1 MiB")}
		}
		if _, err := w.t.New("ws/" + e.Name()).Parse(string(b)); err != nil {
			return nil, &WordingError{File: path, Err: err}
		}
		w.sources = append(w.sources, path)
	}
	return w, nil
}

// Has reports whether the wording defines a template of that name.
func (w *Wording) Has(name string) bool { return w != nil && w.t.Lookup(name) != nil }

// Exec executes template name with data and returns its text. A panic inside a template
// function is returned as an error.
func (w *Wording) Exec(name string, data *Data) (s string, err error) {
	t := w.t.Lookup(name)
	if t == nil {
		return "", &WordingError{Template: name, Err: errors.New("not defined / chưa được định nghĩa")}
	}
	defer func() {
		if r := recover(); r != nil {
			err = &WordingError{Template: name, Err: fmt.Errorf("%v", r)}
		}
	}()
	t, err = t.Clone()
	if err != nil {
		return "", &WordingError{Template: name, Err: err}
	}
	t.Funcs(funcs(data))
	var buf limitedBuffer
	if err := t.Execute(&buf, data); err != nil {
		return "", &WordingError{Template: name, Err: err}
	}
	return buf.String(), nil
}

type limitedBuffer struct{ bytes.Buffer }

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if b.Len()+len(p) > maxTemplateOutput {
		return 0, errors.New("output too long / kết quả quá dài")
	}
	return b.Buffer.Write(p)
}

// Blocks executes template name and reads its output as blocks (see ParseBlocks).
func (w *Wording) Blocks(name string, data *Data) ([]pdfdoc.Block, error) {
	s, err := w.Exec(name, data)
	if err != nil {
		return nil, err
	}
	return ParseBlocks(s), nil
}

// Line executes template name and returns its output as one line (white space collapsed).
func (w *Wording) Line(name string, data *Data) (string, error) {
	s, err := w.Exec(name, data)
	if err != nil {
		return "", err
	}
	return cleanLine(s), nil
}

// Lines executes template name and returns its non-empty lines, each cleaned.
func (w *Wording) Lines(name string, data *Data) ([]string, error) {
	s, err := w.Exec(name, data)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if c := cleanLine(l); c != "" {
			out = append(out, c)
		}
	}
	return out, nil
}

// toFloat converts the numbers templates handle.
func toFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case form.Money:
		return float64(x), true
	case float64:
		return x, true
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return float64(rv.Int()), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return float64(rv.Uint()), true
	case reflect.Float32, reflect.Float64:
		return rv.Float(), true
	}
	return 0, false
}

func toInt64(v any) int64 {
	f, _ := toFloat(v)
	if math.IsNaN(f) || f > math.MaxInt64/2 || f < math.MinInt64/2 {
		return 0
	}
	return int64(math.Round(f))
}

func toMoney(v any) vnfmt.Thousandths {
	switch x := v.(type) {
	case form.Money:
		return int64(x)
	}
	return toInt64(v)
}

// funcs are the template functions (documented in templates/report/README.md).
func funcs(d *Data) template.FuncMap {
	prevText := ""
	hasPrev := false
	if d != nil {
		prevText, hasPrev = d.PrevText, d.HasPrev
	}
	change := func(cur, prev any) string {
		if !hasPrev {
			return ""
		}
		c, ok1 := toFloat(cur)
		p, ok2 := toFloat(prev)
		if !ok1 || !ok2 {
			return ""
		}
		s, ok := vnfmt.Change(c, p, false)
		if !ok {
			return ""
		}
		if s == "bằng" {
			return "bằng " + prevText
		}
		return s + " so với " + prevText
	}
	return template.FuncMap{
		// num 1543 → "1.543"
		"num": func(v any) string { return vnfmt.Int(toInt64(v), false) },
		// money: triệu đồng below 1.000 triệu, else tỷ đồng ("1.403,2 tỷ đồng")
		"money": func(v any) string { return vnfmt.Money(toMoney(v), false) },
		// trieu: always triệu đồng ("1.234,5 triệu đồng")
		"trieu": func(v any) string { return vnfmt.Million(toMoney(v), false) + " triệu đồng" },
		// ty: always tỷ đồng with up to 2 decimals
		"ty": func(v any) string {
			return vnfmt.Decimal(float64(toMoney(v))/1e6, 2, true, false) + " tỷ đồng"
		},
		// pct 0.825 → "82,5%"
		"pct": func(v any) string {
			f, ok := toFloat(v)
			return vnfmt.Percent(f, ok, 1, false)
		},
		// pctt 0.8 → "80%": like pct without a trailing ",0"
		"pctt": func(v any) string {
			f, ok := toFloat(v)
			return strings.Replace(vnfmt.Percent(f, ok, 1, false), ",0%", "%", 1)
		},
		// nz: the entries of a count list (.C.ByKind, .C.ByResult) that are not zero
		"nz": func(v []aggregate.Count) []aggregate.Count {
			var out []aggregate.Count
			for _, c := range v {
				if c.N != 0 {
					out = append(out, c)
				}
			}
			return out
		},
		// ratio a b → a/b as "82,5%", "–" when b is 0
		"ratio": func(a, b any) string {
			x, _ := toFloat(a)
			y, _ := toFloat(b)
			if y == 0 {
				return "–"
			}
			return vnfmt.Percent(x/y, true, 1, false)
		},
		// change cur prev → "tăng 12,5% so với cùng kỳ năm 2024" ("" without comparison)
		"change": change,
		// vs cur prev → " (tăng 12,5% so với cùng kỳ năm 2024)" or ""
		"vs": func(cur, prev any) string {
			if s := change(cur, prev); s != "" {
				return " (" + s + ")"
			}
			return ""
		},
		// join ["A","B","C"] → "A, B và C"
		"join": func(v any) string { return joinNames(toStrings(v)) },
		// names of a list of units (UnitQuarters, UnitLine, CoopLine), optionally with their
		// quarters: "A (quý I, II)"
		"names":  func(v any) []string { return unitNames(v, false) },
		"namesq": func(v any) []string { return unitNames(v, true) },
		// listn 10 names → "A, B, … và 17 đơn vị khác"
		"listn": func(n int, v any) string { return listN(n, toStrings(v)) },
		// shares []UnitLine → ["A (65,2%)", …]; counts []UnitLine → ["A (2 cuộc)", …]
		"shares": func(v []UnitLine) []string {
			out := make([]string, len(v))
			for i, u := range v {
				out[i] = u.Name + " (" + vnfmt.Percent(u.Share, true, 1, false) + ")"
			}
			return out
		},
		"counts": func(v []UnitLine) []string {
			out := make([]string, len(v))
			for i, u := range v {
				out[i] = u.Name + " (" + vnfmt.Int(u.N, false) + " cuộc)"
			}
			return out
		},
		"first":    firstN,
		"rest":     restAfter,
		"add":      func(a, b any) int64 { return toInt64(a) + toInt64(b) },
		"sub":      func(a, b any) int64 { return toInt64(a) - toInt64(b) },
		"gt0":      func(v any) bool { f, _ := toFloat(v); return f > 0 },
		"upper":    strings.ToUpper,
		"lowerfst": lowerFirst,
		"roman":    func(v any) string { return roman(int(toInt64(v))) },
	}
}

// listN joins the first n names and counts the others: "A, B và 17 đơn vị khác".
func listN(n int, names []string) string {
	if n < 1 {
		n = 1
	}
	if len(names) <= n {
		return joinNames(names)
	}
	return strings.Join(names[:n], ", ") + " và " + vnfmt.Int(int64(len(names)-n), false) + " đơn vị khác"
}

func lowerFirst(s string) string {
	for i, r := range s {
		return strings.ToLower(string(r)) + s[i+len(string(r)):]
	}
	return s
}

func toStrings(v any) []string {
	switch x := v.(type) {
	case []string:
		return x
	case nil:
		return nil
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Slice {
		return []string{fmt.Sprint(v)}
	}
	out := make([]string, rv.Len())
	for i := range out {
		out[i] = fmt.Sprint(rv.Index(i).Interface())
	}
	return out
}

func unitNames(v any, withQuarters bool) []string {
	switch x := v.(type) {
	case []UnitQuarters:
		out := make([]string, len(x))
		for i, u := range x {
			out[i] = u.Name
			if withQuarters {
				out[i] += " (quý " + strings.Join(u.Quarters, ", ") + ")"
			}
		}
		return out
	case []UnitLine:
		out := make([]string, len(x))
		for i, u := range x {
			out[i] = u.Name
		}
		return out
	case []CoopLine:
		out := make([]string, len(x))
		for i, u := range x {
			out[i] = u.Name
		}
		return out
	}
	return toStrings(v)
}

// firstN returns the first n elements of a slice.
func firstN(n int, v any) any {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Slice {
		return v
	}
	if n < 0 {
		n = 0
	}
	if n > rv.Len() {
		n = rv.Len()
	}
	return rv.Slice(0, n).Interface()
}

// restAfter returns how many elements follow the first n.
func restAfter(n int, v any) int {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Slice || rv.Len() <= n {
		return 0
	}
	return rv.Len() - n
}

// ParseBlocks reads the output of a wording template:
//
//   - blank lines separate blocks; the lines of a paragraph are joined with spaces and
//     runs of white space collapse to one;
//   - "# ", "## ", "### " start a heading of level 1, 2, 3 (one line);
//   - lines starting with "- " are items of a bullet list (a following line without the
//     marker continues the item);
//   - "**bold**" and "*italic*" mark emphasis inside paragraphs and items ("\*" is a
//     literal star).
func ParseBlocks(s string) []pdfdoc.Block {
	var out []pdfdoc.Block
	var para []string
	var items []string
	flushPara := func() {
		if len(para) > 0 {
			if t := cleanLine(strings.Join(para, " ")); t != "" {
				if text, runs := inline(t); text != "" || len(runs) > 0 {
					out = append(out, pdfdoc.Paragraph{Text: text, Runs: runs})
				}
			}
			para = nil
		}
	}
	flushList := func() {
		if len(items) > 0 {
			var l pdfdoc.BulletList
			for _, it := range items {
				if t := cleanLine(it); t != "" {
					if text, runs := inline(t); text != "" || len(runs) > 0 {
						l.Items = append(l.Items, pdfdoc.ListItem{Text: text, Runs: runs})
					}
				}
			}
			if n := len(l.Items); n > 0 {
				// The last item of a list closes the sentence.
				last := &l.Items[n-1]
				if strings.HasSuffix(last.Text, ";") {
					last.Text = strings.TrimSuffix(last.Text, ";") + "."
				} else if k := len(last.Runs); k > 0 && strings.HasSuffix(last.Runs[k-1].Text, ";") {
					last.Runs[k-1].Text = strings.TrimSuffix(last.Runs[k-1].Text, ";") + "."
				}
				out = append(out, l)
			}
			items = nil
		}
	}
	for _, raw := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		line := strings.TrimSpace(raw)
		switch {
		case line == "":
			flushPara()
			flushList()
		case strings.HasPrefix(line, "#"):
			level := 0
			for level < len(line) && line[level] == '#' {
				level++
			}
			if level <= 3 && level < len(line) && line[level] == ' ' {
				flushPara()
				flushList()
				if t := cleanLine(line[level:]); t != "" {
					out = append(out, pdfdoc.Heading{Level: level, Text: t})
				}
				continue
			}
			fallthrough
		default:
			if rest, ok := strings.CutPrefix(line, "- "); ok {
				flushPara()
				items = append(items, rest)
				continue
			}
			if len(items) > 0 {
				items[len(items)-1] += " " + line
				continue
			}
			para = append(para, line)
		}
	}
	flushPara()
	flushList()
	return out
}

// inline splits "**bold**" and "*italic*" spans; plain text gives no runs.
func inline(t string) (string, []pdfdoc.Run) {
	if !strings.ContainsRune(t, '*') {
		return t, nil
	}
	var runs []pdfdoc.Run
	var cur strings.Builder
	bold, italic := false, false
	emit := func() {
		if cur.Len() > 0 {
			runs = append(runs, pdfdoc.Run{Text: cur.String(), Bold: bold, Italic: italic})
			cur.Reset()
		}
	}
	for i := 0; i < len(t); i++ {
		c := t[i]
		switch {
		case c == '\\' && i+1 < len(t) && t[i+1] == '*':
			cur.WriteByte('*')
			i++
		case c == '*' && i+1 < len(t) && t[i+1] == '*':
			emit()
			bold = !bold
			i++
		case c == '*':
			emit()
			italic = !italic
		default:
			cur.WriteByte(c)
		}
	}
	emit()
	plain := true
	var all strings.Builder
	for _, r := range runs {
		all.WriteString(r.Text)
		if r.Bold || r.Italic {
			plain = false
		}
	}
	if plain {
		return all.String(), nil
	}
	return "", runs
}

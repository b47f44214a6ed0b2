package yamlx

import (
	"errors"
	"io"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

func TestDecode(t *testing.T) {
	cases := []struct {
		name, src string
		max       int
		root      yaml.Kind // 0: no root
		rootLine  int
		err       *Error
	}{
		{"empty", "", 100, 0, 0, nil},
		{"comments only", "# a\n# b\n", 100, 0, 0, nil},
		{"document marker only", "---\n", 100, yaml.ScalarNode, 2, nil},
		{"mapping", "# c\na: 1\n", 100, yaml.MappingNode, 2, nil},
		{"sequence", "- a\n", 100, yaml.SequenceNode, 1, nil},
		{"unknown anchor", "*a\n", 100, 0, 0, &Error{Kind: Syntax, Msg: "unknown anchor 'a' referenced"}},
		{"anchor and alias not expanded", "a: &x 1\nb: *x\n", 100, yaml.MappingNode, 1, nil},
		{"at the size limit", "a: 1\n", 5, yaml.MappingNode, 1, nil},
		{"over the size limit", "a: 1\n", 4, 0, 0, &Error{Kind: TooLarge}},
		{"over the limit and broken", "[[[[", 3, 0, 0, &Error{Kind: TooLarge}},
		{"two documents", "a: 1\n---\nb: 2\n", 100, 0, 0, &Error{Kind: MultipleDocuments, Line: 2}},
		{"empty second document", "a: 1\n---\n", 100, 0, 0, &Error{Kind: MultipleDocuments, Line: 2}},
		{"three documents", "---\n# c\n---\n---\n", 100, 0, 0, &Error{Kind: MultipleDocuments, Line: 3}},
		{"trailing document end", "a: 1\n...\n", 100, yaml.MappingNode, 1, nil},
		{"broken second document", "a: 1\n---\n[x\n", 100, 0, 0, &Error{Kind: Syntax, Line: 3, Msg: "did not find expected ',' or ']'"}},
		// Scanner errors: the library's line is 1-based already.
		{"scanner error", "windows: nd09\nplace: a: b\n", 100, 0, 0, &Error{Kind: Syntax, Line: 2, Msg: "mapping values are not allowed in this context"}},
		{"tab", "code: A\n\tname: x\n", 100, 0, 0, &Error{Kind: Syntax, Line: 2, Msg: "found a tab character that violates indentation"}},
		{"no colon", "a: 1\nb\n", 100, 0, 0, &Error{Kind: Syntax, Line: 2, Msg: "could not find expected ':'"}},
		// Parser errors: the library's line is 0-based and is corrected.
		{"parser error key", "a:\n  - b\n c: d\n", 100, 0, 0, &Error{Kind: Syntax, Line: 3, Msg: "did not find expected key"}},
		{"parser error indicator", "- a\nb: c\n", 100, 0, 0, &Error{Kind: Syntax, Line: 2, Msg: "did not find expected '-' indicator"}},
		{"parser error tag", "%TAG ! !x\n%TAG ! !y\n---\na\n", 100, 0, 0, &Error{Kind: Syntax, Line: 2, Msg: "found duplicate %TAG directive"}},
		{"parser error flow", "windows: [calendar\n", 100, 0, 0, &Error{Kind: Syntax, Line: 2, Msg: "did not find expected ',' or ']'"}},
		// Messages without a line.
		{"not UTF-8", "a: b\n\xff\n", 100, 0, 0, &Error{Kind: Syntax, Msg: "invalid leading UTF-8 octet"}},
		{"control character", "a: |\n b\n\x01\n", 100, 0, 0, &Error{Kind: Syntax, Msg: "control characters are not allowed"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			root, err := Decode([]byte(c.src), c.max)
			if (err == nil) != (c.err == nil) || (err != nil && *err != *c.err) {
				t.Fatalf("error = %+v, want %+v", err, c.err)
			}
			if c.root == 0 {
				if root != nil {
					t.Fatalf("root = %v (kind %v), want none", root, root.Kind)
				}
				return
			}
			if root == nil || root.Kind != c.root || root.Line != c.rootLine {
				t.Fatalf("root = %+v, want kind %v at line %d", root, c.root, c.rootLine)
			}
		})
	}
}

func TestDecodeKeepsAliases(t *testing.T) {
	root, err := Decode([]byte("a: &x [1]\nb: *x\n"), 100)
	if err != nil {
		t.Fatal(err)
	}
	if v := root.Content[3]; v.Kind != yaml.AliasNode || v.Alias != root.Content[1] || v.Line != 2 {
		t.Fatalf("b = %+v, want an alias of a at line 2", v)
	}
}

// fakeDecoder gives docs in turn, then io.EOF; a nil doc panics.
type fakeDecoder struct{ docs []*yaml.Node }

func (f *fakeDecoder) Decode(v any) error {
	if len(f.docs) == 0 {
		return io.EOF
	}
	d := f.docs[0]
	f.docs = f.docs[1:]
	if d == nil {
		panic("internal error: unexpected event")
	}
	*v.(*yaml.Node) = *d
	return nil
}

func TestDecodeOddLibrary(t *testing.T) {
	scalar := &yaml.Node{Kind: yaml.ScalarNode, Value: "x", Line: 1}
	cases := []struct {
		name string
		docs []*yaml.Node
		root bool
		err  *Error
	}{
		{"panic first", []*yaml.Node{nil}, false, &Error{Kind: Unreadable, Msg: "internal error: unexpected event"}},
		{"panic second", []*yaml.Node{{Kind: yaml.DocumentNode, Content: []*yaml.Node{scalar}}, nil}, false,
			&Error{Kind: Unreadable, Msg: "internal error: unexpected event"}},
		{"not a document", []*yaml.Node{scalar}, false, nil},
		{"document without content", []*yaml.Node{{Kind: yaml.DocumentNode}}, false, nil},
		{"document", []*yaml.Node{{Kind: yaml.DocumentNode, Content: []*yaml.Node{scalar}}}, true, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			root, err := decode(&fakeDecoder{docs: c.docs})
			if (err == nil) != (c.err == nil) || (err != nil && *err != *c.err) {
				t.Fatalf("error = %+v, want %+v", err, c.err)
			}
			if (root != nil) != c.root || (root != nil && root.Value != "x") {
				t.Fatalf("root = %+v, want one: %v", root, c.root)
			}
		})
	}
}

func TestSyntax(t *testing.T) {
	cases := []struct {
		in   string
		line int
		msg  string
	}{
		{"yaml: line 4: did not find expected key", 5, "did not find expected key"},
		{"yaml: line 0: found undefined tag handle", 1, "found undefined tag handle"},
		{"yaml: line 4: mapping values are not allowed in this context", 4, "mapping values are not allowed in this context"},
		{"yaml: line 4: did not find expected key (really)", 4, "did not find expected key (really)"},
		{"yaml: control characters are not allowed", 0, "control characters are not allowed"},
		{"yaml: line x: odd", 0, "line x: odd"},
		{"no prefix", 0, "no prefix"},
	}
	for _, c := range cases {
		e := syntax(errors.New(c.in))
		if e.Kind != Syntax || e.Line != c.line || e.Msg != c.msg {
			t.Errorf("syntax(%q) = %+v, want line %d msg %q", c.in, e, c.line, c.msg)
		}
	}
}

func TestErrorString(t *testing.T) {
	cases := []struct {
		e    Error
		want string
	}{
		{Error{Kind: Syntax, Line: 3, Msg: "did not find expected key"}, "line 3: YAML syntax error: did not find expected key"},
		{Error{Kind: Syntax, Msg: "control characters are not allowed"}, "YAML syntax error: control characters are not allowed"},
		{Error{Kind: TooLarge}, "the data is too large"},
		{Error{Kind: MultipleDocuments, Line: 2}, "line 2: more than one YAML document"},
		{Error{Kind: Unreadable, Msg: "boom"}, "the YAML cannot be read (boom)"},
		{Error{}, "unknown YAML error"},
	}
	for _, c := range cases {
		if got := c.e.Error(); got != c.want {
			t.Errorf("%+v.Error() = %q, want %q", c.e, got, c.want)
		}
	}
}

func TestSuggest(t *testing.T) {
	unitKeys := []string{"code", "name", "kind", "reports", "active_from", "active_until", "units"}
	cases := []struct {
		key     string
		allowed []string
		want    string
	}{
		{"active_form", unitKeys, "active_from"},
		{"Code", unitKeys, "code"},
		{" code ", unitKeys, "code"},
		{"active-until", unitKeys, "active_until"},
		{"unit", unitKeys, "units"},
		{"colour", unitKeys, ""},
		{"kindd", unitKeys, "kind"},
		{"nmae", unitKeys, "name"},             // a swap is two edits
		{"cod", []string{"cad", "cod"}, "cod"}, // the closest wins
		{"cxx", []string{"cab", "cde"}, "cab"}, // a tie: the first listed wins
		{"deadline-days", []string{"windows", "deadline_days"}, "deadline_days"},
		{"dealine_day", []string{"deadline_days"}, "deadline_days"},
		{"dline_day", []string{"deadline_days"}, ""},
		{"đode", []string{"code"}, "code"},
		{strings.Repeat("a", 41), []string{strings.Repeat("a", 41)}, ""},
		{strings.Repeat("a", 40), []string{strings.Repeat("a", 40)}, strings.Repeat("a", 40)},
		{"code", nil, ""},
	}
	for _, c := range cases {
		if got := Suggest(c.key, c.allowed); got != c.want {
			t.Errorf("Suggest(%q, %q) = %q, want %q", c.key, c.allowed, got, c.want)
		}
	}
}

func TestEditDistance(t *testing.T) {
	cases := []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"a", "", 1}, {"", "abc", 3}, {"abc", "abc", 0},
		{"kitten", "sitting", 3}, {"ab", "ba", 2}, {"đ", "d", 1}, {"Việt", "Viet", 1},
	}
	for _, c := range cases {
		if got := editDistance(c.a, c.b); got != c.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
		if got := editDistance(c.b, c.a); got != c.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", c.b, c.a, got, c.want)
		}
	}
}

func TestShort(t *testing.T) {
	cases := []struct {
		in   string
		n    int
		want string
	}{
		{"", 3, ""},
		{"abc", 3, "abc"},
		{"abcd", 3, "abc…"},
		{"ưươ", 3, "ưươ"},
		{"ưươơ", 3, "ưươ…"},
		{"a\xffb", 3, "a\uFFFDb"},
		{"a\xff\xfeb", 3, "a\uFFFDb"},
		{"ab\xffc", 2, "ab…"},
		{"abc", 0, "…"},
		{"abc", -1, "abc"},
	}
	for _, c := range cases {
		if got := ShortN(c.in, c.n); got != c.want {
			t.Errorf("ShortN(%q, %d) = %q, want %q", c.in, c.n, got, c.want)
		}
	}
	long := strings.Repeat("ạ", 100)
	if got, want := Short(long), strings.Repeat("ạ", 80)+"…"; got != want {
		t.Errorf("Short(100 runes) = %q, want %q", got, want)
	}
	if got := Short(long[:80*len("ạ")]); got != long[:80*len("ạ")] {
		t.Errorf("Short(80 runes) = %q, want it unchanged", got)
	}
}

func TestNormText(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", ""},
		{"  ", ""},
		{" Chi bộ \t số\n 1 ", "Chi bộ số 1"},
		{"Vie\u0302\u0323t", "Việt"}, // NFC
		{"a\u00a0b", "a b"},          // a no-break space is white space
		{"Hải\u3000Đông", "Hải Đông"},
	}
	for _, c := range cases {
		if got := NormText(c.in); got != c.want {
			t.Errorf("NormText(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// FuzzDecode: Decode never panics, gives a root or an error (not both), and its
// errors are well formed; a decoded root is what the library reads too.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{"", "# c\n", "---\n", "a: 1\n", "a: &x [1]\nb: *x\n", "a: 1\n---\nb: 2\n",
		"windows: [calendar\n", "a:\n  - b\n c: d\n", "a: b\n\xff\n", "%TAG ! !x\n%TAG ! !y\n---\na\n", "<<: *a\n",
		"code: A\nname: A\nkind: khoi\nunits:\n  - {code: B, name: B, kind: chi-bo-co-so}\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		const max = 1 << 16
		root, err := Decode(data, max)
		if err != nil {
			if root != nil {
				t.Fatalf("root and error %+v", err)
			}
			switch {
			case err.Line < 0:
				t.Fatalf("negative line %+v", err)
			case err.Kind == Syntax && (err.Msg == "" || strings.HasPrefix(err.Msg, "yaml: ")):
				t.Fatalf("bad syntax message %+v", err)
			case err.Kind == MultipleDocuments && err.Line < 1:
				t.Fatalf("second document without line %+v", err)
			case err.Kind == TooLarge && len(data) <= max:
				t.Fatalf("too large at %d bytes", len(data))
			case err.Kind < Syntax || err.Kind > Unreadable:
				t.Fatalf("bad kind %+v", err)
			}
			_ = err.Error()
			return
		}
		if root == nil {
			return
		}
		if root.Kind == yaml.DocumentNode || root.Line < 1 {
			t.Fatalf("bad root %+v", root)
		}
		var n yaml.Node
		if uerr := yaml.Unmarshal(data, &n); uerr != nil || n.Kind != yaml.DocumentNode || len(n.Content) != 1 || n.Content[0].Kind != root.Kind {
			t.Fatalf("library reads %v (%v), Decode a root of kind %v", n.Kind, uerr, root.Kind)
		}
	})
}

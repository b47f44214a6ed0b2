package xlsxread

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"time"
)

// scanEvents tokenizes doc and renders every token: "<name a=v>" for a start
// tag with decoded attributes, "text:..." for the text read right after it,
// "</name>" for an end tag. chunked makes the source return one byte per
// Read, which exercises every buffer boundary.
func scanEvents(doc []byte, maxDepth int, chunked bool) ([]string, error) {
	var src io.Reader = bytes.NewReader(doc)
	if chunked {
		src = iotest.OneByteReader(src)
	}
	s := getScanner(src, maxDepth)
	defer putScanner(s)
	var out []string
	for {
		k, err := s.next()
		if err != nil {
			return out, err
		}
		switch k {
		case tokEOF:
			return out, nil
		case tokStart:
			var b strings.Builder
			b.WriteString("<" + string(s.name))
			for _, a := range s.attrs {
				v, err := s.decodeAttr(a.value)
				if err != nil {
					return out, err
				}
				fmt.Fprintf(&b, " %s=%q", localName(a.name), v)
			}
			b.WriteString(">")
			out = append(out, b.String())
			text, err := s.readText(nil, 1<<20)
			if err != nil {
				return out, err
			}
			if len(text) > 0 {
				out = append(out, "text:"+string(text))
			}
		case tokEnd:
			out = append(out, "</"+string(s.name)+">")
		}
	}
}

func TestScanner(t *testing.T) {
	for _, tc := range []struct {
		name, doc string
		want      string // events joined by " | "
		err       string // substring of the error, "" for none
	}{
		{"simple", `<a x="1" y='2'>hi</a>`, `<a x="1" y="2"> | text:hi | </a>`, ""},
		{"self closing", `<a><b/><c /></a>`, `<a> | <b> | </b> | <c> | </c> | </a>`, ""},
		{"prefixes", `<x:a xmlns:x="u" r:id="7"><x:b/></x:a>`, `<a x="u" id="7"> | <b> | </b> | </a>`, ""},
		{"entities", `<a v="&lt;&amp;&gt;&quot;&apos;&#65;&#x42;">&lt;&amp;&gt;&quot;&apos;&#65;&#x42;&#x1F600;</a>`, `<a v="<&>\"'AB"> | text:<&>"'AB😀 | </a>`, ""},
		{"attr whitespace", "<a v=\"x\ty\nz\r\nw\rq\" u='&#10;'/>", `<a v="x y z w q" u="\n"> | </a>`, ""},
		{"text line ends", "<a>1\r\n2\r3\n4\r\r\n5&#13;</a>", "<a> | text:1\n2\n3\n4\n\n5\r | </a>", ""},
		{"cdata", `<a>x<![CDATA[<b>&amp;]]]]>y</a>`, "<a> | text:x<b>&amp;]]y | </a>", ""},
		{"comments and PIs", `<?xml version="1.0"?><!-- <x> --><a><?p <b>?>1<!--<c>-->2</a>`, "<a> | text:12 | </a>", ""},
		{"gt in attribute", `<a v="1>2"/>`, `<a v="1>2"> | </a>`, ""},
		{"bom", "\xEF\xBB\xBF<a/>", "<a> | </a>", ""},
		{"spaces in tags", "<a \n v = \"1\" ></a >", `<a v="1"> | </a>`, ""},
		{"text is skipped unless read", `<a><b>x</b>y<c>z</c></a>`, `<a> | <b> | text:x | </b> | <c> | text:z | </c> | </a>`, ""},
		{"doctype", `<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>`, "", "DOCTYPE"},
		{"undefined entity", `<a>&e;</a>`, "<a>", "undefined entity"},
		{"mismatch", `<a><b></a></b>`, "<a> | <b>", "does not match"},
		{"unclosed", `<a><b>`, "<a> | <b>", "unexpected end"},
		{"end without start", `</a>`, "", "without start"},
		{"depth", `<a><b><c><d/></c></b></a>`, "<a> | <b> | <c>", "nested deeper"},
		{"bad char ref", `<a>&#xFFFE;</a>`, "<a>", "invalid character reference"},
		{"huge char ref", `<a>&#99999999999;</a>`, "<a>", "invalid character reference"},
		{"empty char ref", `<a>&#x;</a>`, "<a>", "malformed character"},
		{"unterminated PI", `<a><?x`, "<a>", "unexpected end"},
		{"unterminated attr", `<a v="1/>`, "", "unexpected end"},
		{"long entity", `<a>&` + strings.Repeat("x", 40) + `;</a>`, "<a>", "malformed entity"},
		{"entity at EOF", `<a>&amp`, "<a>", "unexpected end"},
		{"text at EOF", `<a>abc`, "<a>", "unexpected end"},
		{"lone lt", `<a><`, "<a>", "unexpected end"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, chunked := range []bool{false, true} {
				ev, err := scanEvents([]byte(tc.doc), 3, chunked)
				got := strings.Join(ev, " | ")
				if got != tc.want {
					t.Errorf("chunked=%v: events\n%s\nwant\n%s", chunked, got, tc.want)
				}
				switch {
				case tc.err == "" && err != nil:
					t.Errorf("chunked=%v: unexpected error %v", chunked, err)
				case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
					t.Errorf("chunked=%v: error %v, want %q", chunked, err, tc.err)
				}
			}
		})
	}
}

func TestScannerLongTokens(t *testing.T) {
	// A tag just under the limit is fine, one over is not; long text and
	// comments are streamed.
	okTag := `<a v="` + strings.Repeat("x", maxTagBytes-20) + `"/>`
	if _, err := scanEvents([]byte(okTag), 10, false); err != nil {
		t.Errorf("tag of %d bytes: %v", len(okTag), err)
	}
	bad := `<a v="` + strings.Repeat("x", maxTagBytes+10) + `"/>`
	if _, err := scanEvents([]byte(bad), 10, false); err == nil || !strings.Contains(err.Error(), "64 KiB") {
		t.Errorf("tag of %d bytes: %v", len(bad), err)
	}
	badEnd := `<a></a` + strings.Repeat(" ", maxTagBytes+10) + `>`
	if _, err := scanEvents([]byte(badEnd), 10, false); err == nil {
		t.Error("long end tag accepted")
	}
	text := strings.Repeat("é", 100_000)
	ev, err := scanEvents([]byte(`<a><!--`+strings.Repeat("-", 300_000)+`-->`+text+`</a>`), 10, false)
	if err != nil || len(ev) != 3 || ev[1] != "text:"+text {
		t.Errorf("long text: %v (%d events)", err, len(ev))
	}
	// readText bound
	s := getScanner(strings.NewReader(`<a>`+strings.Repeat("x", 1000)+`</a>`), 10)
	defer putScanner(s)
	if _, err := s.next(); err != nil {
		t.Fatal(err)
	}
	out, err := s.readText(nil, 100)
	if err != errTextTooLong || len(out) > 102 {
		t.Errorf("readText bound: %v, %d bytes", err, len(out))
	}
}

type errReader struct{ n int }

func (r *errReader) Read(b []byte) (int, error) {
	if r.n > 0 {
		r.n--
		return copy(b, "<a>"), nil
	}
	return 0, errors.New("boom")
}

type zeroReader struct{}

func (zeroReader) Read(b []byte) (int, error) { return 0, nil }

func TestScannerSourceErrors(t *testing.T) {
	s := getScanner(&errReader{n: 2}, 10)
	var err error
	for err == nil {
		_, err = s.next()
	}
	if err.Error() != "boom" {
		t.Errorf("err = %v", err)
	}
	s = getScanner(zeroReader{}, 10)
	if _, err := s.next(); err != io.ErrNoProgress {
		t.Errorf("err = %v", err)
	}
}

// FuzzScanner checks that the scanner never panics, that it gives the same
// events whatever the read sizes, and that on documents encoding/xml accepts
// it agrees with encoding/xml.
func FuzzScanner(f *testing.F) {
	for _, s := range []string{
		`<a x="1">hi</a>`, `<x:a xmlns:x="u"><x:b r:id="7"/></x:a>`, "<a>1\r\n2<![CDATA[x]]>&amp;&#x41;</a>",
		`<?xml version="1.0"?><!--c--><a><b v='&lt;'>t</b></a>`, ws(`<row r="1"><c r="A1" t="s"><v>0</v></c></row>`),
		`<!DOCTYPE a><a/>`, `<a><b></a>`, "<a>&#13;\r</a>",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		tm := time.AfterFunc(10*time.Second, func() { panic(fmt.Sprintf("SLOW %q", doc)) })
		defer tm.Stop()
		ev1, err1 := scanEvents(doc, 1000, false)
		ev2, err2 := scanEvents(doc, 1000, true)
		if strings.Join(ev1, "\x00") != strings.Join(ev2, "\x00") || (err1 == nil) != (err2 == nil) {
			t.Fatalf("chunking changes the result:\n%q %v\n%q %v", ev1, err1, ev2, err2)
		}
		ref, ok := stdEvents(doc)
		if !ok {
			return
		}
		if err1 != nil {
			t.Fatalf("encoding/xml accepts, scanner says %v", err1)
		}
		if strings.Join(ev1, "\x00") != strings.Join(ref, "\x00") {
			t.Fatalf("scanner and encoding/xml differ:\n%q\n%q", ev1, ref)
		}
	})
}

// stdEvents renders doc like scanEvents using encoding/xml; ok is false when
// encoding/xml rejects it or the comparison would not be meaningful.
func stdEvents(doc []byte) ([]string, bool) {
	if bytes.Contains(doc, []byte("<!DOCTYPE")) || bytes.HasPrefix(doc, []byte{0xFE, 0xFF}) || bytes.HasPrefix(doc, []byte{0xFF, 0xFE}) ||
		bytes.HasPrefix(doc, []byte{0xEF, 0xBB, 0xBF}) {
		return nil, false
	}
	d := xml.NewDecoder(bytes.NewReader(doc))
	d.Strict = true
	var out []string
	var text []byte
	inText := false
	flush := func() {
		if inText && len(text) > 0 {
			out = append(out, "text:"+string(text))
		}
		inText, text = false, text[:0]
	}
	depth := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, false
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			flush()
			var b strings.Builder
			if !simpleName(tok.Name) {
				return nil, false
			}
			b.WriteString("<" + tok.Name.Local)
			for _, a := range tok.Attr {
				if !simpleName(a.Name) {
					return nil, false
				}
				fmt.Fprintf(&b, " %s=%q", a.Name.Local, a.Value)
			}
			b.WriteString(">")
			out = append(out, b.String())
			inText = true
			depth++
		case xml.EndElement:
			flush()
			out = append(out, "</"+tok.Name.Local+">")
			depth--
		case xml.CharData:
			if inText {
				text = append(text, tok...)
			}
		case xml.Directive:
			return nil, false // the scanner rejects <!...> other than comments and CDATA
		case xml.ProcInst:
			if tok.Target == "xml" && !bytes.Contains(tok.Inst, []byte(`version="1.0"`)) && len(tok.Inst) > 0 {
				return nil, false
			}
		}
	}
	if depth != 0 {
		return nil, false
	}
	// encoding/xml does not normalise whitespace in attribute values.
	for _, e := range out {
		if strings.HasPrefix(e, "<") && strings.ContainsAny(e, "\t\r\n") {
			return nil, false
		}
	}
	return out, true
}

func simpleName(n xml.Name) bool {
	return n.Local != "" && !strings.Contains(n.Local, ":")
}

// TestSkipEmptyChildren: a row of empty cells is skipped to its end tag; anything that may
// hold data is left to the token-by-token path.
func TestSkipEmptyChildren(t *testing.T) {
	for _, tc := range []struct {
		name, row string
		child     string
		skip      bool
	}{
		{"self-closing cells (Excel)", `<row r="9" spans="1:3"><c r="A9" s="7"/><c r="B9" s="7"/><c r="C9" s="10"/></row>`, "c", true},
		{"open and closed at once", `<row r="9"><c r="A9" s="7"></c><c r="B9" s="7"></c></row>`, "c", true},
		{"with white space", "<row r=\"9\">\n  <c r=\"A9\" s=\"7\" />\n  <c r=\"B9\"/>\n</row>", "c", true},
		{"no cells", `<row r="9"></row>`, "c", true},
		{"prefixed", `<x:row r="9"><x:c r="A9" s="7"/><x:c r="B9"/></x:row>`, "x:c", true},
		{"a value", `<row r="9"><c r="A9" s="7"/><c r="B9"><v>1</v></c></row>`, "c", false},
		{"a formula", `<row r="9"><c r="A9"><f>1+1</f></c></row>`, "c", false},
		{"an inline string", `<row r="9"><c r="A9" t="inlineStr"><is><t>x</t></is></c></row>`, "c", false},
		{"text in the row (ignored by the sheet reader)", `<row r="9"><c r="A9"/>x</row>`, "c", true},
		{"a stray '<'", `<row r="9"><c r="A9"/>a<b</row>`, "c", false},
		{"a comment", `<row r="9"><c r="A9"/><!-- <v>1</v> --></row>`, "c", false},
		{"'>' in a quoted value", `<row r="9"><c r="A9" s="a>b"/></row>`, "c", false},
		{"apostrophes", `<row r="9"><c r='A9'/></row>`, "c", true},
		{"apostrophes and a value", `<row r="9"><c r='A9'><v>1</v></c></row>`, "c", false},
		{"'/>' inside a quoted value", `<row r="9"><c r="A9" s="/>"><v>1</v></c></row>`, "c", false},
		{"another empty element", `<row r="9"><cx r="A9"/></row>`, "c", true},
		{"another element with content", `<row r="9"><cx r="A9"><v>1</v></cx></row>`, "c", false},
		{"unprefixed empty cells in a prefixed row", `<x:row r="9"><c r="A9"/></x:row>`, "x:c", true},
		{"end tag not buffered", `<row r="9"><c r="A9"/>`, "c", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := getScanner(strings.NewReader(tc.row+`<after/>`), 10)
			defer putScanner(s)
			if k, err := s.next(); k != tokStart || err != nil {
				t.Fatal(k, err)
			}
			if got := s.skipEmptyChildren([]byte(tc.child)); got != tc.skip {
				t.Fatalf("skipped = %v, want %v", got, tc.skip)
			}
			// Either way the document still reads to the row's end and beyond.
			var names []string
			for {
				k, err := s.next()
				if err != nil {
					if tc.skip {
						t.Fatal(err)
					}
					break // malformed: the token path reports it
				}
				if k == tokEOF {
					break
				}
				if k == tokEnd {
					names = append(names, "/"+string(s.name))
				}
			}
			if tc.skip && (len(names) != 2 || !strings.HasSuffix(names[0], "row")) {
				t.Errorf("after the skip: %v, want the row's end first", names)
			}
		})
	}
}

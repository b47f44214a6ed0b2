package xlsxread

import (
	"bytes"
	"errors"
	"io"
	"strconv"
	"sync"
	"unicode/utf8"
)

// This file holds a small, streaming, non-validating XML tokenizer that is
// just enough for SpreadsheetML parts. It is used instead of encoding/xml
// because it is an order of magnitude faster on sheet XML and allocates
// nothing per token. It is hardened for hostile input:
//   - <!DOCTYPE> is rejected, so no custom entity can be declared (no entity
//     bombs); only the five predefined entities and character references are
//     decoded.
//   - A tag (name plus attributes) must fit in maxTagBytes.
//   - Element nesting is bounded by the caller's depth limit.
//   - Text is only buffered when the caller asks for it (readText), and then
//     only up to a caller-given bound; all other text, comments, processing
//     instructions and CDATA sections are skipped in constant memory.
//   - End tags must match start tags and the document must not end inside an
//     element.
// Namespaces are not resolved: element names are matched on their local part
// (after any prefix), which is how Excel, LibreOffice and the OpenXML SDK
// ("x:" prefixes) can all be read.

const (
	scanBufSize = 32 << 10
	maxTagBytes = 64 << 10
	maxScanBuf  = maxTagBytes + scanBufSize
	maxEntity   = 32 // longest entity or character reference accepted
)

type tokKind uint8

const (
	tokEOF tokKind = iota
	tokStart
	tokEnd
)

// xmlSyntaxError is a well-formedness problem found by the scanner.
type xmlSyntaxError struct {
	msg string
}

func (e *xmlSyntaxError) Error() string { return "malformed XML: " + e.msg }

func syntaxErr(msg string) error { return &xmlSyntaxError{msg: msg} }

// errTextTooLong is returned by readText when the text exceeds its bound.
var errTextTooLong = errors.New("text too long")

type xattr struct {
	name  []byte // qualified name, as written
	value []byte // raw value between the quotes, not decoded
}

type scanner struct {
	src  io.Reader
	buf  []byte
	r, w int   // unread data is buf[r:w]
	serr error // sticky error from src (io.EOF at the end)

	maxDepth int
	names    []byte // open element names (qualified), concatenated
	ends     []int  // end offset in names of each open element

	// current token
	name       []byte // local name of the current element (valid until next call)
	attrs      []xattr
	level      int  // nesting level of the current element, root = 1
	pendingEnd bool // the current start tag was self-closing
	started    bool // the BOM check was done
	afterCR    bool // the last text byte appended was a CR turned into LF
	scratch    []byte
}

var scannerPool = sync.Pool{New: func() any {
	return &scanner{buf: make([]byte, scanBufSize)}
}}

func getScanner(src io.Reader, maxDepth int) *scanner {
	s := scannerPool.Get().(*scanner)
	s.reset(src, maxDepth)
	return s
}

func putScanner(s *scanner) {
	s.src = nil
	if cap(s.buf) > scanBufSize || cap(s.scratch) > 64<<10 || cap(s.names) > 64<<10 {
		return // do not keep grown buffers alive
	}
	scannerPool.Put(s)
}

func (s *scanner) reset(src io.Reader, maxDepth int) {
	s.src = src
	if cap(s.buf) < scanBufSize {
		s.buf = make([]byte, scanBufSize)
	}
	s.buf = s.buf[:cap(s.buf)]
	s.r, s.w = 0, 0
	s.serr = nil
	s.maxDepth = maxDepth
	s.names = s.names[:0]
	s.ends = s.ends[:0]
	s.name = nil
	s.attrs = s.attrs[:0]
	s.level = 0
	s.pendingEnd = false
	s.started = false
	s.afterCR = false
}

// fill reads more data, keeping buf[r:w] (moved to the front). It returns
// io.EOF when the source is exhausted.
func (s *scanner) fill() error {
	if s.serr != nil {
		return s.serr
	}
	if s.r > 0 {
		s.w = copy(s.buf, s.buf[s.r:s.w])
		s.r = 0
	}
	if s.w == len(s.buf) {
		if len(s.buf) >= maxScanBuf {
			return syntaxErr("token too long")
		}
		nb := make([]byte, min(2*len(s.buf), maxScanBuf))
		copy(nb, s.buf[:s.w])
		s.buf = nb
	}
	for tries := 0; ; tries++ {
		n, err := s.src.Read(s.buf[s.w:])
		s.w += n
		if err != nil {
			s.serr = err
			if n > 0 {
				return nil
			}
			return err
		}
		if n > 0 {
			return nil
		}
		if tries > 100 {
			s.serr = io.ErrNoProgress
			return s.serr
		}
	}
}

// ensure makes at least n unread bytes available if the source has them.
// It returns io.EOF only if fewer are available.
func (s *scanner) ensure(n int) error {
	for s.w-s.r < n {
		if err := s.fill(); err != nil {
			return err
		}
	}
	return nil
}

func eofToUnexpected(err error) error {
	if err == io.EOF {
		return syntaxErr("unexpected end of document")
	}
	return err
}

func (s *scanner) start() error {
	s.started = true
	if err := s.ensure(3); err != nil && err != io.EOF {
		return err
	}
	rest := s.buf[s.r:s.w]
	switch {
	case bytes.HasPrefix(rest, []byte("\xEF\xBB\xBF")):
		s.r += 3
	case bytes.HasPrefix(rest, []byte("\xFE\xFF")), bytes.HasPrefix(rest, []byte("\xFF\xFE")):
		return syntaxErr("UTF-16 XML is not supported")
	}
	return nil
}

// next returns the next start or end tag, skipping text, comments,
// processing instructions and CDATA.
func (s *scanner) next() (tokKind, error) {
	if s.pendingEnd {
		s.pendingEnd = false
		s.pop()
		return tokEnd, nil
	}
	if !s.started {
		if err := s.start(); err != nil {
			return tokEOF, err
		}
	}
	s.afterCR = false
	for {
		i := bytes.IndexByte(s.buf[s.r:s.w], '<')
		if i < 0 {
			s.r = s.w
			if err := s.fill(); err != nil {
				if err == io.EOF {
					if len(s.ends) > 0 {
						return tokEOF, syntaxErr("unexpected end of document inside <" + string(s.topName()) + ">")
					}
					return tokEOF, nil
				}
				return tokEOF, err
			}
			continue
		}
		s.r += i
		if err := s.ensure(9); err != nil && err != io.EOF {
			return tokEOF, err
		}
		rest := s.buf[s.r:s.w]
		if len(rest) < 2 {
			return tokEOF, syntaxErr("unexpected end of document")
		}
		switch rest[1] {
		case '/':
			return s.endTag()
		case '?':
			s.r += 2
			if err := s.skipUntil("?>"); err != nil {
				return tokEOF, err
			}
		case '!':
			switch {
			case bytes.HasPrefix(rest, []byte("<!--")):
				s.r += 4
				if err := s.skipUntil("-->"); err != nil {
					return tokEOF, err
				}
			case bytes.HasPrefix(rest, []byte("<![CDATA[")):
				s.r += 9
				if err := s.skipUntil("]]>"); err != nil {
					return tokEOF, err
				}
			case len(rest) >= 9 && string(rest[2:9]) == "DOCTYPE":
				return tokEOF, syntaxErr("DOCTYPE is not allowed")
			default:
				return tokEOF, syntaxErr("unexpected <!")
			}
		default:
			return s.startTag()
		}
	}
}

// skipUntil discards input up to and including delim, in constant memory.
func (s *scanner) skipUntil(delim string) error {
	d := []byte(delim)
	for {
		if i := bytes.Index(s.buf[s.r:s.w], d); i >= 0 {
			s.r += i + len(d)
			return nil
		}
		if keep := len(d) - 1; s.w-s.r > keep {
			s.r = s.w - keep
		}
		if err := s.fill(); err != nil {
			return eofToUnexpected(err)
		}
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// hasSpace reports whether b holds XML white space.
func hasSpace(b []byte) bool {
	for _, c := range b {
		if c <= ' ' && isSpace(c) {
			return true
		}
	}
	return false
}

func (s *scanner) startTag() (tokKind, error) {
	// buf[r] == '<'; find the closing '>' outside quotes.
	end := -1
	// Fast path: the first '>' ends the tag when the bytes before it hold no '<', no
	// apostrophe and an even number of double quotes (so the '>' is outside any value).
	if gt := bytes.IndexByte(s.buf[s.r+1:s.w], '>'); gt >= 0 && gt <= maxTagBytes {
		seg := s.buf[s.r+1 : s.r+1+gt]
		if bytes.IndexByte(seg, '<') < 0 && bytes.IndexByte(seg, '\'') < 0 && bytes.Count(seg, []byte{'"'})%2 == 0 {
			end = gt + 1
		}
	}
	scanned := 1 // bytes after r already scanned
	var quote byte
	for end < 0 {
		b := s.buf[s.r:s.w]
		for j := scanned; j < len(b); j++ {
			c := b[j]
			if quote != 0 {
				if c == quote {
					quote = 0
				}
				continue
			}
			switch c {
			case '"', '\'':
				quote = c
			case '>':
				end = j
			case '<':
				return tokEOF, syntaxErr("'<' inside a tag")
			}
			if end >= 0 {
				break
			}
		}
		if end > maxTagBytes || (end < 0 && len(b) > maxTagBytes) {
			return tokEOF, syntaxErr("tag longer than 64 KiB")
		}
		if end >= 0 {
			break
		}
		scanned = len(b)
		if err := s.fill(); err != nil {
			return tokEOF, eofToUnexpected(err)
		}
	}
	tag := s.buf[s.r+1 : s.r+end]
	s.r += end + 1
	selfClose := false
	if len(tag) > 0 && tag[len(tag)-1] == '/' {
		selfClose = true
		tag = tag[:len(tag)-1]
	}
	// name
	n := 0
	for n < len(tag) && !isSpace(tag[n]) {
		n++
	}
	if n == 0 {
		return tokEOF, syntaxErr("empty element name")
	}
	qname := tag[:n]
	if err := s.parseAttrs(tag[n:]); err != nil {
		return tokEOF, err
	}
	if len(s.ends)+1 > s.maxDepth {
		return tokEOF, &LimitError{What: "depth", Limit: int64(s.maxDepth)}
	}
	s.names = append(s.names, qname...)
	s.ends = append(s.ends, len(s.names))
	s.level = len(s.ends)
	s.name = localName(qname)
	s.pendingEnd = selfClose
	return tokStart, nil
}

func (s *scanner) parseAttrs(b []byte) error {
	s.attrs = s.attrs[:0]
	i := 0
	for {
		for i < len(b) && isSpace(b[i]) {
			i++
		}
		if i >= len(b) {
			return nil
		}
		start := i
		if k := bytes.IndexByte(b[i:], '='); k > 0 && !hasSpace(b[i:i+k]) {
			i += k // the usual name="value"
		} else {
			for i < len(b) && b[i] != '=' && !isSpace(b[i]) {
				i++
			}
		}
		name := b[start:i]
		for i < len(b) && isSpace(b[i]) {
			i++
		}
		if i >= len(b) || b[i] != '=' || len(name) == 0 {
			return syntaxErr("attribute without value")
		}
		i++
		for i < len(b) && isSpace(b[i]) {
			i++
		}
		if i >= len(b) || (b[i] != '"' && b[i] != '\'') {
			return syntaxErr("unquoted attribute value")
		}
		q := b[i]
		i++
		j := bytes.IndexByte(b[i:], q)
		if j < 0 {
			return syntaxErr("unterminated attribute value")
		}
		s.attrs = append(s.attrs, xattr{name: name, value: b[i : i+j]})
		i += j + 1
	}
}

func localName(q []byte) []byte {
	if i := bytes.LastIndexByte(q, ':'); i >= 0 {
		return q[i+1:]
	}
	return q
}

func (s *scanner) topName() []byte {
	n := len(s.ends)
	if n == 0 {
		return nil
	}
	start := 0
	if n > 1 {
		start = s.ends[n-2]
	}
	return s.names[start:s.ends[n-1]]
}

// pop closes the innermost element; level stays at the closed element's level.
func (s *scanner) pop() {
	n := len(s.ends)
	s.level = n
	s.ends = s.ends[:n-1]
	if n > 1 {
		s.names = s.names[:s.ends[n-2]]
	} else {
		s.names = s.names[:0]
	}
}

func (s *scanner) endTag() (tokKind, error) {
	// buf[r:] starts with "</"
	for {
		b := s.buf[s.r:s.w]
		i := bytes.IndexByte(b, '>')
		if i > maxTagBytes || (i < 0 && len(b) > maxTagBytes) {
			return tokEOF, syntaxErr("tag longer than 64 KiB")
		}
		if i >= 0 {
			name := b[2:i]
			for len(name) > 0 && isSpace(name[len(name)-1]) {
				name = name[:len(name)-1]
			}
			if len(s.ends) == 0 {
				return tokEOF, syntaxErr("end tag </" + string(name) + "> without start tag")
			}
			if top := s.topName(); !bytes.Equal(top, name) {
				return tokEOF, syntaxErr("end tag </" + string(name) + "> does not match <" + string(top) + ">")
			}
			s.r += i + 1
			s.name = localName(s.topName())
			s.pop()
			return tokEnd, nil
		}
		if err := s.fill(); err != nil {
			return tokEOF, eofToUnexpected(err)
		}
	}
}

// skipEmptyChildren skips, within the buffered input, the content of the element just
// started when it consists only of empty child elements named child (qualified name),
// self-closing (<c r="B9" s="7"/>) or closed at once (<c r="B9" s="7"></c>), and white
// space: the styled but empty cells that fill a form's unused rows. It leaves the
// element's end tag to be read next and reports whether it skipped. Anything else — a
// value, a formula, an inline string, a comment, text, a '>' inside a quoted attribute
// value, or an end tag not yet buffered — leaves the input untouched for the token-by-token
// path.
func (s *scanner) skipEmptyChildren(child []byte) bool {
	if s.pendingEnd || len(s.ends) == 0 {
		return false
	}
	var endTag [64]byte
	top := s.topName()
	if len(top)+3 > len(endTag) || len(child)+3 > len(endTag) {
		return false
	}
	end := append(append(append(endTag[:0], "</"...), top...), '>')
	region := s.buf[s.r:s.w]
	// The common case, one IndexByte per cell: every '>' up to the end tag closes a
	// self-closing tag. Then every element in between is empty, whatever its name or
	// attributes (a '>' inside a quoted value cannot make a content-bearing element pass:
	// its own start tag would end in a '>' not preceded by '/'), and text outside
	// elements is ignored by the sheet reader anyway.
	tags := 0
	for i := 0; ; {
		j := bytes.IndexByte(region[i:], '>')
		if j < 0 {
			return false // the end tag is not buffered yet
		}
		k := i + j // region[k] == '>'
		tags++
		if k > 0 && region[k-1] == '/' {
			i = k + 1
			continue
		}
		// The end tag, and as many '<' as '>' (no stray '<': well-formed).
		if k+1 >= len(end) && bytes.Equal(region[k+1-len(end):k+1], end) && bytes.Count(region[:k+1], []byte{'<'}) == tags {
			s.r += k + 1 - len(end)
			return true
		}
		break // something else: the careful check below
	}
	stop := bytes.Index(region, end)
	if stop < 0 {
		return false
	}
	region = region[:stop]
	var closeBuf [64]byte
	closeChild := append(append(append(closeBuf[:0], "</"...), child...), '>')
	for i := 0; i < len(region); {
		j := bytes.IndexByte(region[i:], '<')
		if j < 0 {
			for _, c := range region[i:] {
				if !isSpace(c) {
					return false
				}
			}
			break
		}
		for _, c := range region[i : i+j] {
			if !isSpace(c) {
				return false
			}
		}
		i += j
		k := i + 1 + len(child)
		if k >= len(region) || !bytes.Equal(region[i+1:k], child) {
			return false
		}
		if c := region[k]; c != '/' && c != '>' && !isSpace(c) {
			return false
		}
		gt := bytes.IndexByte(region[k:], '>')
		if gt < 0 {
			return false
		}
		gt += k
		tag := region[i:gt]
		if bytes.IndexByte(tag[1:], '<') >= 0 || bytes.IndexByte(tag, '\'') >= 0 || bytes.Count(tag, []byte{'"'})%2 != 0 {
			return false
		}
		i = gt + 1
		if region[gt-1] == '/' {
			continue
		}
		if !bytes.HasPrefix(region[i:], closeChild) {
			return false
		}
		i += len(closeChild)
	}
	s.r += stop
	return true
}

// attr returns the raw value of the attribute whose qualified name is name.
func (s *scanner) attr(name string) ([]byte, bool) {
	for _, a := range s.attrs {
		if string(a.name) == name {
			return a.value, true
		}
	}
	return nil, false
}

// attrLocal returns the raw value of the first prefixed attribute whose local
// name is local (used for r:id whatever the prefix is).
func (s *scanner) attrPrefixed(local string) ([]byte, bool) {
	for _, a := range s.attrs {
		if i := bytes.LastIndexByte(a.name, ':'); i >= 0 && string(a.name[i+1:]) == local {
			return a.value, true
		}
	}
	return nil, false
}

// attrString decodes the attribute value (entities, whitespace normalisation).
func (s *scanner) attrString(name string) (string, bool, error) {
	v, ok := s.attr(name)
	if !ok {
		return "", false, nil
	}
	d, err := s.decodeAttr(v)
	return string(d), true, err
}

// decodeAttr decodes entities in an attribute value and normalises
// whitespace characters to spaces. The result may alias v or s.scratch.
func (s *scanner) decodeAttr(v []byte) ([]byte, error) {
	if bytes.IndexByte(v, '&') < 0 && bytes.IndexByte(v, '\t') < 0 && bytes.IndexByte(v, '\n') < 0 && bytes.IndexByte(v, '\r') < 0 {
		return v, nil
	}
	out := s.scratch[:0]
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch c {
		case '&':
			j := bytes.IndexByte(v[i:], ';')
			if j < 0 || j > maxEntity {
				return nil, syntaxErr("malformed entity in attribute")
			}
			var err error
			out, err = appendEntity(out, v[i+1:i+j])
			if err != nil {
				return nil, err
			}
			i += j
		case '\r':
			if i+1 < len(v) && v[i+1] == '\n' {
				i++
			}
			out = append(out, ' ')
		case '\t', '\n':
			out = append(out, ' ')
		default:
			out = append(out, c)
		}
	}
	s.scratch = out
	return out, nil
}

// appendEntity decodes the entity name (between '&' and ';').
func appendEntity(dst, name []byte) ([]byte, error) {
	switch string(name) {
	case "amp":
		return append(dst, '&'), nil
	case "lt":
		return append(dst, '<'), nil
	case "gt":
		return append(dst, '>'), nil
	case "quot":
		return append(dst, '"'), nil
	case "apos":
		return append(dst, '\''), nil
	}
	if len(name) < 2 || name[0] != '#' {
		return nil, syntaxErr("undefined entity &" + string(name) + ";")
	}
	base, digits := 10, name[1:]
	if digits[0] == 'x' {
		base, digits = 16, digits[1:]
	}
	if len(digits) == 0 {
		return nil, syntaxErr("malformed character reference")
	}
	n, err := strconv.ParseUint(string(digits), base, 32)
	if err != nil || !isXMLChar(rune(n)) || n > utf8.MaxRune {
		return nil, syntaxErr("invalid character reference &" + string(name) + ";")
	}
	return utf8.AppendRune(dst, rune(n)), nil
}

func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		(r >= 0x20 && r <= 0xD7FF) ||
		(r >= 0xE000 && r <= 0xFFFD) ||
		(r >= 0x10000 && r <= 0x10FFFF)
}

// readText appends the character data that follows the current start tag
// (entities decoded, CDATA included, comments and PIs skipped) to dst, and
// stops before the next tag. It returns errTextTooLong as soon as len(dst)
// would exceed max.
func (s *scanner) readText(dst []byte, max int) ([]byte, error) {
	if s.pendingEnd {
		return dst, nil
	}
	s.afterCR = false
	for {
		if s.r >= s.w {
			if err := s.fill(); err != nil {
				return dst, eofToUnexpected(err)
			}
		}
		switch s.buf[s.r] {
		case '<':
			if err := s.ensure(9); err != nil && err != io.EOF {
				return dst, err
			}
			rest := s.buf[s.r:s.w]
			switch {
			case bytes.HasPrefix(rest, []byte("<![CDATA[")):
				s.r += 9
				var err error
				if dst, err = s.cdata(dst, max); err != nil {
					return dst, err
				}
			case bytes.HasPrefix(rest, []byte("<!--")):
				s.r += 4
				if err := s.skipUntil("-->"); err != nil {
					return dst, err
				}
			case bytes.HasPrefix(rest, []byte("<?")):
				s.r += 2
				if err := s.skipUntil("?>"); err != nil {
					return dst, err
				}
			default:
				return dst, nil
			}
		case '&':
			var err error
			if dst, err = s.entity(dst); err != nil {
				return dst, err
			}
			s.afterCR = false
		default:
			seg := s.buf[s.r:s.w]
			if i := bytes.IndexByte(seg, '<'); i >= 0 {
				seg = seg[:i]
			}
			if i := bytes.IndexByte(seg, '&'); i >= 0 {
				seg = seg[:i]
			}
			if len(dst)+len(seg) > max+1 {
				// +1: a CRLF pair may shrink; the exact check follows.
				seg = seg[:max+1-len(dst)+1]
			}
			s.r += len(seg)
			dst = s.appendText(dst, seg)
		}
		if len(dst) > max {
			return dst, errTextTooLong
		}
	}
}

// appendText appends raw character data, normalising line ends (XML 1.0 §2.11).
func (s *scanner) appendText(dst, seg []byte) []byte {
	if s.afterCR && len(seg) > 0 && seg[0] == '\n' {
		seg = seg[1:]
	}
	s.afterCR = false
	for {
		i := bytes.IndexByte(seg, '\r')
		if i < 0 {
			return append(dst, seg...)
		}
		dst = append(dst, seg[:i]...)
		dst = append(dst, '\n')
		seg = seg[i+1:]
		if len(seg) == 0 {
			s.afterCR = true
			return dst
		}
		if seg[0] == '\n' {
			seg = seg[1:]
		}
	}
}

func (s *scanner) entity(dst []byte) ([]byte, error) {
	for {
		b := s.buf[s.r:s.w]
		lim := min(len(b), maxEntity+2)
		if i := bytes.IndexByte(b[:lim], ';'); i >= 0 {
			out, err := appendEntity(dst, b[1:i])
			if err != nil {
				return dst, err
			}
			s.r += i + 1
			return out, nil
		}
		if len(b) >= maxEntity+2 {
			return dst, syntaxErr("malformed entity")
		}
		if err := s.fill(); err != nil {
			return dst, eofToUnexpected(err)
		}
	}
}

func (s *scanner) cdata(dst []byte, max int) ([]byte, error) {
	for {
		b := s.buf[s.r:s.w]
		if i := bytes.Index(b, []byte("]]>")); i >= 0 {
			if len(dst)+i > max+1 {
				return dst, errTextTooLong
			}
			dst = s.appendText(dst, b[:i])
			s.r += i + 3
			return dst, nil
		}
		if n := len(b) - 2; n > 0 {
			if len(dst)+n > max+1 {
				return dst, errTextTooLong
			}
			dst = s.appendText(dst, b[:n])
			s.r += n
		}
		if err := s.fill(); err != nil {
			return dst, eofToUnexpected(err)
		}
	}
}

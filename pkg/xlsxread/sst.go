package xlsxread

import (
	"bytes"
	"errors"
	"io"
	"slices"
	"sync"
	"unicode/utf8"
)

// The shared string table, read lazily.
//
// A VDHV-01 workbook's table holds every string of the file, and most of them belong to
// sheets the reader never looks at: the hidden `Danh mục` sheet lists the bloc's partner
// codes and names (two thousand of them in a national bloc) and `Hướng dẫn` is long prose.
// Excel and LibreOffice number the strings in order of first use, sheet by sheet, so the
// strings of the data sheets come first and those used only by the last sheets come last.
// The table is therefore read only as far as needed:
//
//   - the part is inflated on demand, in chunks, only until the highest index asked for is
//     bounded (the next <si> or the end of the part has been seen);
//   - <si> elements are located with a byte search for "<si" (or "<prefix:si" when the root
//     element is prefixed), which is sound because '<' cannot occur unescaped in text or
//     attribute values; a comment, CDATA section, processing instruction or DOCTYPE after the
//     root start tag, or an index that the search cannot find, makes the reader fall back to
//     parsing the whole part with the XML scanner (eagerSST, the previous behaviour);
//   - a string is decoded when first asked for and kept: the common form <si><t>text</t></si>
//     without entities, carriage returns or _xHHHH_ escapes is copied directly, anything else
//     (rich text runs, phonetic runs, entities) goes through the XML scanner.
//
// The results are those of parsing the whole table (TestLazySSTMatchesEager,
// FuzzLazySST), except that malformed XML after the last string needed is not noticed and an
// invalid UTF-8 sequence is replaced within each string rather than across the boundary of
// two strings. Limits are the same: MaxCellBytes per string, MaxSharedStrings entries (counted
// as far as the table is read), MaxPartBytes and MaxTotalBytes as the part is inflated.

// sharedStrings is a Workbook's shared string table.
type sharedStrings struct {
	wb  *Workbook
	pr  *partReader // open while the part is being inflated; nil when done or absent
	raw []byte      // the inflated part so far (from rawPool)

	done    bool     // raw holds the whole part
	needle  []byte   // "<si" or "<prefix:si", once the root start tag is seen
	rootEnd []byte   // "</sst" or "</prefix:sst"
	pos     int      // where the search for the next needle resumes
	checked int      // raw[:checked] has been checked for "<!" and "<?"
	starts  []uint32 // offset in raw of each <si> found
	end     int      // offset of the root end tag (or len(raw)) once done

	vals  []string
	known []bool

	eager *eagerSST // the whole-part fallback, once switched to it
	err   error     // sticky
}

var rawPool = sync.Pool{New: func() any { b := make([]byte, 0, 64<<10); return &b }}

// sstChunk is how much of the table is inflated at a time.
const sstChunk = 16 << 10

// maxPooledRaw is the largest buffer kept for reuse.
const maxPooledRaw = 4 << 20

// plainReading turns off the reader's fast paths (lazy shared strings, the direct
// inflater, skipping rows of empty cells), for TestFastPathsReadLikePlain.
var plainReading = false

// PlainReading turns the reader's fast paths off (on=true) or on, process-wide, and
// returns a function restoring the previous setting. It exists for tests that compare a
// whole pipeline's results with and without them (pkg/engine TestStreamingMatchesReference);
// do not call it while workbooks are being read.
func PlainReading(on bool) (restore func()) {
	prev := plainReading
	plainReading = on
	return func() { plainReading = prev }
}

// sharedStrings returns the table, opening it on first use.
func (wb *Workbook) sharedStrings() (*sharedStrings, error) {
	if wb.sst == nil && plainReading {
		wb.sst = &sharedStrings{wb: wb}
		wb.sst.eager, wb.sst.err = wb.readEagerSST()
	}
	if wb.sst == nil {
		wb.sst = &sharedStrings{wb: wb}
		pr, err := wb.openPart(wb.sstPart)
		switch {
		case err == errPartMissing:
			wb.sst.done = true
		case err != nil:
			wb.sst.err = wrapErr(err, wb.sstPart, "")
		default:
			wb.sst.pr = pr
			wb.sst.raw = (*rawPool.Get().(*[]byte))[:0]
		}
	}
	if wb.sst.err != nil {
		return nil, wb.sst.errCopy()
	}
	return wb.sst, nil
}

// errCopy returns the sticky error; a *LimitError is copied so that each sheet's caller
// can fill in its own sheet name.
func (s *sharedStrings) errCopy() error {
	var le *LimitError
	if errors.As(s.err, &le) {
		c := *le
		return &c
	}
	return s.err
}

// release closes the part and returns the buffer to the pool.
func (s *sharedStrings) release() {
	if s.pr != nil {
		s.pr.Close()
		s.pr = nil
	}
	if s.raw != nil && cap(s.raw) <= maxPooledRaw {
		b := s.raw[:0]
		rawPool.Put(&b)
	}
	s.raw = nil
}

// get returns string i. ok is false when i is out of range; err is a read error of the
// table (sticky).
func (s *sharedStrings) get(i int) (string, bool, error) {
	if s.err != nil {
		return "", false, s.errCopy()
	}
	if s.eager != nil {
		v, ok := s.eager.get(i)
		return v, ok, nil
	}
	if i < 0 {
		return "", false, nil
	}
	if i < len(s.known) && s.known[i] {
		return s.vals[i], true, nil
	}
	v, ok, err := s.lookup(i)
	if err != nil {
		s.err = wrapErr(err, s.wb.sstPart, "")
		s.release()
		return "", false, s.errCopy()
	}
	return v, ok, nil
}

func (s *sharedStrings) lookup(i int) (string, bool, error) {
	for len(s.starts) < i+2 && !s.done {
		if n := len(s.starts); n > 0 && len(s.raw)-int(s.starts[n-1]) > 4*s.wb.lim.MaxCellBytes+maxTagBytes || len(s.raw) > 1<<32-1 {
			// The last string seen is longer than any string may be (even with markup):
			// the streaming scanner reports it after MaxCellBytes, in constant memory.
			return s.switchToEager(i)
		}
		if err := s.inflate(); err != nil {
			return "", false, err
		}
		if fallback, err := s.index(); err != nil {
			return "", false, err
		} else if fallback {
			return s.switchToEager(i)
		}
	}
	if i >= len(s.starts) {
		if s.done && len(s.raw) > 0 {
			// Not found by the byte search: let the XML scanner decide (an unusual
			// layout, or really out of range).
			return s.switchToEager(i)
		}
		return "", false, nil
	}
	stop := s.end
	if i+1 < len(s.starts) {
		stop = int(s.starts[i+1])
	}
	v, err := s.decode(s.raw[s.starts[i]:stop])
	if err != nil {
		return "", false, err
	}
	if i >= len(s.vals) {
		n := max(len(s.starts), i+1)
		s.vals = append(s.vals, make([]string, n-len(s.vals))...)
		s.known = append(s.known, make([]bool, n-len(s.known))...)
	}
	s.vals[i], s.known[i] = v, true
	return v, true, nil
}

// inflate appends the next chunk of the part to raw.
func (s *sharedStrings) inflate() error {
	if len(s.raw) == cap(s.raw) {
		s.raw = slices.Grow(s.raw, max(cap(s.raw), 32<<10))
	}
	// At most one chunk at a time, whatever the (pooled) buffer's capacity.
	n, err := s.pr.Read(s.raw[len(s.raw):min(cap(s.raw), len(s.raw)+sstChunk)])
	s.raw = s.raw[:len(s.raw)+n]
	if err == io.EOF {
		s.pr.Close()
		s.pr = nil
		s.done = true
		return nil
	}
	return err
}

// index finds the <si> starts in the newly inflated data. It reports whether the table
// must be read by the XML scanner instead.
func (s *sharedStrings) index() (fallback bool, err error) {
	if s.needle == nil {
		root, at, ok := rootStart(s.raw)
		if !ok {
			if s.done {
				return true, nil
			}
			return false, nil // need more data
		}
		if string(localName(root)) != "sst" {
			return true, nil
		}
		s.needle = append(append([]byte("<"), root[:len(root)-len("sst")]...), "si"...)
		s.rootEnd = append([]byte("</"), root...)
		s.pos = at
	}
	// Every '<' after the root start tag is looked at (cheaper than bytes.Index, whose
	// first-byte search restarts on each call and finds a '<' every few bytes here). Only
	// elements and text may follow: a comment, CDATA section or processing instruction
	// sends the table to the XML scanner.
	for {
		j := bytes.IndexByte(s.raw[s.pos:], '<')
		if j < 0 {
			s.pos = len(s.raw)
			break
		}
		at := s.pos + j
		after := at + len(s.needle)
		if after >= len(s.raw) { // too close to the end to tell
			if !s.done {
				s.pos = at
				break
			}
			s.pos = len(s.raw)
			break
		}
		s.pos = at + 1
		if c := s.raw[at+1]; c == '!' || c == '?' {
			return true, nil
		}
		if !bytes.Equal(s.raw[at+1:after], s.needle[1:]) {
			continue
		}
		switch s.raw[after] {
		case '>', '/', ' ', '\t', '\n', '\r':
		default:
			continue // <sig…>, another element
		}
		s.pos = after
		if len(s.starts) >= s.wb.lim.MaxSharedStrings {
			return false, &LimitError{What: "sharedStrings", Limit: int64(s.wb.lim.MaxSharedStrings)}
		}
		s.starts = append(s.starts, uint32(at))
	}
	if s.done {
		s.end = len(s.raw)
		if k := bytes.LastIndex(s.raw, s.rootEnd); k >= 0 && (len(s.starts) == 0 || k > int(s.starts[len(s.starts)-1])) {
			s.end = k
		}
	}
	return false, nil
}

// rootStart finds the root element's start tag after the XML declaration: its qualified
// name and the offset just after the tag. ok is false when raw does not hold it yet (or it
// is preceded by anything but the declaration and white space).
func rootStart(raw []byte) (name []byte, after int, ok bool) {
	i := 0
	if bytes.HasPrefix(raw, []byte("\xEF\xBB\xBF")) {
		i = 3
	}
	for {
		for i < len(raw) && isSpace(raw[i]) {
			i++
		}
		if i+1 >= len(raw) || raw[i] != '<' {
			return nil, 0, false
		}
		if raw[i+1] != '?' {
			break
		}
		k := bytes.Index(raw[i:], []byte("?>"))
		if k < 0 {
			return nil, 0, false
		}
		i += k + 2
	}
	j := i + 1
	for j < len(raw) && raw[j] != '>' && raw[j] != '/' && !isSpace(raw[j]) {
		j++
	}
	gt := bytes.IndexByte(raw[j:], '>')
	if gt < 0 || j == i+1 {
		return nil, 0, false
	}
	return raw[i+1 : j], j + gt + 1, true
}

var (
	siT         = []byte("<si><t>")
	siTPreserve = []byte(`<si><t xml:space="preserve">`)
	tSI         = []byte("</t></si>")
)

// decode returns the text of one <si> element (b runs from its start tag to the next one).
func (s *sharedStrings) decode(b []byte) (string, error) {
	maxCell := s.wb.lim.MaxCellBytes
	// The common case: one plain <t> without markup, entities, CR or _x escapes.
	body := bytes.TrimRight(b, " \t\r\n")
	var text []byte
	switch {
	case bytes.HasPrefix(body, siT):
		text = body[len(siT):]
	case bytes.HasPrefix(body, siTPreserve):
		text = body[len(siTPreserve):]
	}
	if text != nil && bytes.HasSuffix(text, tSI) {
		text = text[:len(text)-len(tSI)]
		if bytes.IndexByte(text, '<') < 0 && bytes.IndexByte(text, '&') < 0 && bytes.IndexByte(text, '\r') < 0 && !bytes.Contains(text, []byte("_x")) {
			if len(text) > maxCell {
				return "", &LimitError{What: "cell", Limit: int64(maxCell)}
			}
			if !utf8.Valid(text) {
				return string(sanitizeUTF8(append([]byte(nil), text...))), nil
			}
			return string(text), nil
		}
	}
	// Anything else: the XML scanner on this one element.
	var out []byte
	rPhLevel := 0
	sc := getScanner(bytes.NewReader(b), s.wb.lim.MaxXMLDepth)
	defer putScanner(sc)
	for {
		k, err := sc.next()
		if err != nil {
			return "", err
		}
		if k == tokEOF {
			break
		}
		if k == tokEnd {
			if sc.level == 1 {
				break // the end of this <si>
			}
			if sc.level == rPhLevel {
				rPhLevel = 0
			}
			continue
		}
		switch name := string(sc.name); {
		case sc.level == 1:
		case name == "rPh" && rPhLevel == 0:
			rPhLevel = sc.level
		case name == "t" && rPhLevel == 0:
			out, err = sc.readText(out, maxCell)
			if err == errTextTooLong {
				return "", &LimitError{What: "cell", Limit: int64(maxCell)}
			}
			if err != nil {
				return "", err
			}
		}
	}
	out = decodeXEscapes(out)
	if !utf8.Valid(out) {
		out = sanitizeUTF8(out)
	}
	return string(out), nil
}

// switchToEager reads the whole table with the XML scanner and answers from it.
func (s *sharedStrings) switchToEager(i int) (string, bool, error) {
	s.wb.total -= int64(len(s.raw)) // counted again by the full read
	s.release()
	e, err := s.wb.readEagerSST()
	if err != nil {
		return "", false, err
	}
	s.eager = e
	v, ok := e.get(i)
	return v, ok, nil
}

// eagerSST is the whole table parsed by the XML scanner: the fallback for unusual layouts.
type eagerSST struct {
	all string
	off []uint32 // len = count+1
}

func (s *eagerSST) get(i int) (string, bool) {
	if i < 0 || i+1 >= len(s.off) {
		return "", false
	}
	return s.all[s.off[i]:s.off[i+1]], true
}

func (wb *Workbook) readEagerSST() (*eagerSST, error) {
	part := wb.sstPart
	if wb.findPart(part) == nil {
		return &eagerSST{off: []uint32{0}}, nil
	}
	maxCell := wb.lim.MaxCellBytes
	var (
		all      []byte
		off      = []uint32{0}
		siStart  int
		inSI     bool
		rPhLevel int // level of an open <rPh>, 0 if none
	)
	err := wb.parsePart(part, "", func(sc *scanner, k tokKind) error {
		name := string(sc.name)
		if k == tokEnd {
			switch {
			case sc.level == 2 && name == "si":
				inSI = false
				all = all[:siStart+len(decodeXEscapes(all[siStart:]))]
				if len(all) > 1<<32-1 {
					return &LimitError{What: "part", Limit: wb.lim.MaxPartBytes}
				}
				off = append(off, uint32(len(all)))
			case sc.level == rPhLevel:
				rPhLevel = 0
			}
			return nil
		}
		switch {
		case sc.level == 1:
			if v, ok := sc.attr("uniqueCount"); ok && len(off) == 1 {
				if n, ok := atoiAttr(v); ok {
					off = make([]uint32, 1, min(n, 1<<16)+1)
				}
			}
		case sc.level == 2 && name == "si":
			if len(off) > wb.lim.MaxSharedStrings {
				return &LimitError{What: "sharedStrings", Limit: int64(wb.lim.MaxSharedStrings)}
			}
			siStart = len(all)
			inSI = true
		case !inSI:
		case name == "rPh" && rPhLevel == 0:
			rPhLevel = sc.level
		case name == "t" && rPhLevel == 0:
			var err error
			all, err = sc.readText(all, siStart+maxCell)
			if err == errTextTooLong {
				return &LimitError{What: "cell", Limit: int64(maxCell)}
			}
			return err
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if !utf8.Valid(all) {
		// Keep offsets valid: replace invalid bytes one by one with '?'.
		all = sanitizeUTF8(all)
	}
	return &eagerSST{all: string(all), off: off}, nil
}

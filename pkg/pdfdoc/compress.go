package pdfdoc

import (
	"bytes"
	"compress/zlib"
	"runtime"
	"slices"
	"strconv"
	"sync"
)

// fpdf compresses each page's content stream with a fresh zlib writer, and a flate
// writer allocates about 1 MB: a 3,700-page report allocated 4 GB for it, more than the
// rest of the rendering together. So fpdf writes the pages uncompressed and
// compressPages compresses their content streams afterwards, exactly as fpdf would have
// (zlib.BestSpeed, the same dictionary text), with a few reused writers working in
// parallel, and rewrites the cross-reference table: the bytes are those of fpdf's own
// compressed output (TestCompressPagesSameAsFpdf compares them).

// pageStream is one page content stream of fpdf's uncompressed output.
type pageStream struct {
	obj        int // object number
	start, end int // the whole object, "N 0 obj\n" to "endobj\n"
	data       []byte
	out        []byte // the compressed object
}

// compressPages rewrites fpdf's uncompressed output pdf with its page content streams
// compressed. ok is false when pdf is not laid out as expected (the caller then lets fpdf
// compress): nothing is guessed.
func compressPages(pdf []byte) (out []byte, ok bool) {
	x, ok := parseXref(pdf)
	if !ok {
		return nil, false
	}
	offsets, xref, entries, startxref := x.offsets, x.xref, x.entries, x.startxref
	var pages []pageStream
	for n := 1; n+1 < len(offsets); n++ {
		obj := pdf[offsets[n]:]
		head := strconv.Itoa(n) + " 0 obj\n<</Type /Page\n"
		if !bytes.HasPrefix(obj, []byte(head)) {
			continue
		}
		c := n + 1
		// The page ends with its contents' reference, and the contents object follows.
		ref := "/Contents " + strconv.Itoa(c) + " 0 R>>\nendobj\n"
		co := offsets[c]
		if co < len(ref) || co <= offsets[n] || string(pdf[co-len(ref):co]) != ref {
			return nil, false
		}
		ps, ok := parseStream(pdf, c, co)
		if !ok {
			return nil, false
		}
		pages = append(pages, ps)
	}
	if len(pages) == 0 {
		return pdf, true
	}
	slices.SortFunc(pages, func(a, b pageStream) int { return a.start - b.start })
	for i := 1; i < len(pages); i++ {
		if pages[i].start < pages[i-1].end {
			return nil, false
		}
	}
	if pages[len(pages)-1].end > xref {
		return nil, false
	}
	compressAll(pages)

	// Reassemble, shifting every offset past a rewritten object; cum[i] is the shift of
	// an offset after the first i pages (no offset falls inside a page's object).
	cum := make([]int, len(pages)+1)
	for i := range pages {
		cum[i+1] = cum[i] + len(pages[i].out) - (pages[i].end - pages[i].start)
	}
	shift := func(o int) int {
		i, _ := slices.BinarySearchFunc(pages, o, func(p pageStream, o int) int { return p.start - o })
		return o + cum[i]
	}
	out = make([]byte, 0, len(pdf)+cum[len(pages)])
	last := 0
	for i := range pages {
		out = append(out, pdf[last:pages[i].start]...)
		out = append(out, pages[i].out...)
		last = pages[i].end
	}
	out = append(out, pdf[last:entries]...)
	for n := 1; n < len(offsets); n++ {
		out = appendPad10(out, shift(offsets[n]))
		out = append(out, " 00000 n \n"...)
	}
	out = append(out, pdf[entries+20*(len(offsets)-1):startxref]...)
	out = strconv.AppendInt(out, int64(shift(xref)), 10)
	out = append(out, "\n%%EOF\n"...)
	return out, true
}

// appendPad10 appends o as fpdf's "%010d".
func appendPad10(b []byte, o int) []byte {
	for k := len(strconv.Itoa(o)); k < 10; k++ {
		b = append(b, '0')
	}
	return strconv.AppendInt(b, int64(o), 10)
}

// xrefTable is where fpdf's cross-reference table is.
type xrefTable struct {
	offsets   []int // offsets[n] is object n's offset (offsets[0] unused)
	xref      int   // offset of "xref\n"
	entries   int   // offset of object 1's entry (20 bytes each)
	startxref int   // offset of the number after "startxref\n"
}

// parseXref reads fpdf's cross-reference table, which must list every object in order,
// each at a plausible offset, and be followed by the trailer.
func parseXref(pdf []byte) (xrefTable, bool) {
	var x xrefTable
	const eof = "\n%%EOF\n"
	if !bytes.HasSuffix(pdf, []byte(eof)) {
		return x, false
	}
	body := pdf[:len(pdf)-len(eof)]
	i := bytes.LastIndex(body, []byte("\nstartxref\n"))
	if i < 0 {
		return x, false
	}
	x.startxref = i + len("\nstartxref\n")
	xref, err := strconv.Atoi(string(body[x.startxref:]))
	if err != nil || xref <= 0 || xref >= i || strconv.Itoa(xref) != string(body[x.startxref:]) {
		return x, false
	}
	x.xref = xref
	t := pdf[xref:i]
	const head, free = "xref\n0 ", "0000000000 65535 f \n"
	if !bytes.HasPrefix(t, []byte(head)) {
		return x, false
	}
	nl := bytes.IndexByte(t[len(head):], '\n')
	if nl < 0 {
		return x, false
	}
	count, err := strconv.Atoi(string(t[len(head) : len(head)+nl]))
	at := len(head) + nl + 1
	if err != nil || count < 1 || !bytes.HasPrefix(t[at:], []byte(free)) {
		return x, false
	}
	at += len(free)
	x.entries = xref + at
	if len(t) < at+20*(count-1) || !bytes.HasPrefix(t[at+20*(count-1):], []byte("trailer\n")) {
		return x, false
	}
	x.offsets = make([]int, count)
	for n := 1; n < count; n++ {
		e := t[at+20*(n-1) : at+20*n]
		if string(e[10:]) != " 00000 n \n" {
			return x, false
		}
		o := 0
		for _, c := range e[:10] {
			if c < '0' || c > '9' {
				return x, false
			}
			o = o*10 + int(c-'0')
		}
		if o <= 0 || o >= xref {
			return x, false
		}
		x.offsets[n] = o
	}
	return x, true
}

// parseStream reads the uncompressed content object n at offset o:
// "N 0 obj\n<</Length L>>\nstream\n" L bytes "\nendstream\nendobj\n".
func parseStream(pdf []byte, n, o int) (pageStream, bool) {
	head := strconv.Itoa(n) + " 0 obj\n<</Length "
	b := pdf[o:]
	if !bytes.HasPrefix(b, []byte(head)) {
		return pageStream{}, false
	}
	b = b[len(head):]
	k := bytes.IndexByte(b, '>')
	if k <= 0 || k > 12 {
		return pageStream{}, false
	}
	l, err := strconv.Atoi(string(b[:k]))
	if err != nil || l < 0 || strconv.Itoa(l) != string(b[:k]) {
		return pageStream{}, false
	}
	b = b[k:]
	const mid, tail = ">>\nstream\n", "\nendstream\nendobj\n"
	if !bytes.HasPrefix(b, []byte(mid)) || len(b) < len(mid)+l+len(tail) || string(b[len(mid)+l:len(mid)+l+len(tail)]) != tail {
		return pageStream{}, false
	}
	start := o
	dataAt := o + len(head) + k + len(mid)
	return pageStream{obj: n, start: start, end: dataAt + l + len(tail), data: pdf[dataAt : dataAt+l]}, true
}

// compressAll compresses every page's stream into its out, on every core.
func compressAll(pages []pageStream) {
	workers := min(runtime.GOMAXPROCS(0), len(pages), 8)
	var next int
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			zw, _ := zlib.NewWriterLevel(&buf, zlib.BestSpeed) // a valid level: no error
			for {
				mu.Lock()
				i := next
				next++
				mu.Unlock()
				if i >= len(pages) {
					return
				}
				p := &pages[i]
				buf.Reset()
				zw.Reset(&buf)
				zw.Write(p.data) // a bytes.Buffer never fails
				zw.Close()
				o := make([]byte, 0, buf.Len()+64)
				o = strconv.AppendInt(o, int64(p.obj), 10)
				o = append(o, " 0 obj\n<</Filter /FlateDecode /Length "...)
				o = strconv.AppendInt(o, int64(buf.Len()), 10)
				o = append(o, ">>\nstream\n"...)
				o = append(o, buf.Bytes()...)
				o = append(o, "\nendstream\nendobj\n"...)
				p.out = o
			}
		}()
	}
	wg.Wait()
}

package pdfdoc

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// ptMM is one typographic point in millimetres.
const ptMM = 25.4 / 72

// style is a resolved TextStyle, lengths in mm except size (pt).
type style struct {
	size          float64
	fs            fontStyle
	upper         bool
	align         Align
	lineH         float64
	before, after float64
}

func mkStyle(t TextStyle) style {
	fs, _ := parseFontStyle(t.Style) // validated
	a, _ := parseAlign(t.Align)
	lh := t.LineHeightPt
	if lh == 0 {
		lh = 1.2 * t.SizePt
	}
	return style{size: t.SizePt, fs: fs, upper: t.Case == "upper", align: a, lineH: lh * ptMM,
		before: t.SpaceBeforePt * ptMM, after: t.SpaceAfterPt * ptMM}
}

// clean makes s safe and complete for fpdf: NFC (fpdf does no shaping, so decomposed
// Vietnamese would print loose diacritics), tabs and other control characters become
// spaces, "\r\n" and "\r" become "\n" (kept only where allowNL), invisible format
// characters the font lacks are dropped, and any other character the font has no glyph for
// becomes the replacement string (fpdf would print a box, or panic above U+FFFF).
func (r *renderer) clean(s string, allowNL bool) string {
	if s == "" {
		return s
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	s = norm.NFC.String(s)
	simple := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7F {
			simple = false
			break
		}
	}
	if simple {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case c == '\r':
			if i < len(s) && s[i] == '\n' {
				continue
			}
			fallthrough
		case c == '\n' || c == '\u2028' || c == '\u2029' || c == '\v' || c == '\f':
			if allowNL {
				b.WriteByte('\n')
			} else {
				b.WriteByte(' ')
			}
		case c < 0x20 || (c >= 0x7F && c < 0xA0):
			b.WriteByte(' ')
		case r.cov.has(c):
			b.WriteRune(c)
		case unicode.Is(unicode.Cf, c) || unicode.Is(unicode.Mn, c) && c > 0xFFFF:
			// invisible, or a mark the font cannot draw: drop it
		default:
			b.WriteString(r.repl)
		}
	}
	return b.String()
}

// srun is a cleaned span of text with its font style.
type srun struct {
	text string
	fs   fontStyle
}

type piece struct {
	text string
	fs   fontStyle
	w    float64
}

// word is a maximal sequence of non-space characters, possibly in several styles.
type word struct {
	pieces []piece
	w      float64
	spaceW float64 // width of the space that follows (in that space's style)
	brk    bool    // a forced line break, not a word
}

type line struct {
	words  []word
	w      float64 // natural width, spaces included
	indent float64
	last   bool // last line of the paragraph or before a forced break: never justified
}

// runs converts a Paragraph-like (text or runs) into cleaned sruns over the base style.
func (r *renderer) runs(text string, runs []Run, st style) []srun {
	if len(runs) == 0 {
		t := r.clean(text, true)
		if st.upper {
			t = strings.ToUpper(t)
		}
		return []srun{{text: t, fs: st.fs}}
	}
	out := make([]srun, 0, len(runs))
	for _, rn := range runs {
		t := r.clean(rn.Text, true)
		if st.upper {
			t = strings.ToUpper(t)
		}
		fs := st.fs
		fs.bold = fs.bold || rn.Bold
		fs.italic = fs.italic || rn.Italic
		fs.underline = fs.underline || rn.Underline
		out = append(out, srun{text: t, fs: fs})
	}
	return out
}

// slab hands out slices of one large array, so that laying out a big table is not
// hundreds of thousands of small allocations. A slice's capacity is the length asked
// for: appending past it reallocates, never overwrites the next slice.
type slab[T any] struct{ buf []T }

func (s *slab[T]) take(n int) []T {
	const chunk = 4096
	if n > chunk/16 {
		return make([]T, 0, n)
	}
	if cap(s.buf)-len(s.buf) < n {
		s.buf = make([]T, 0, chunk)
	}
	i := len(s.buf)
	s.buf = s.buf[:i+n]
	return s.buf[i : i : i+n]
}

// words splits runs into words; spaces collapse. The words and their pieces come from
// the renderer's slabs (a table of 2,000 units has hundreds of thousands of words).
func (r *renderer) words(rs []srun, size float64) []word {
	sp, nl := 0, 0
	for _, rn := range rs {
		sp += strings.Count(rn.text, " ")
		nl += strings.Count(rn.text, "\n")
	}
	out := r.wordSlab.take(sp + 2*nl + 1)
	ps := r.pieceSlab.take(sp + nl + len(rs))
	start := 0 // the current word's first piece in ps
	var cur word
	flush := func(fs fontStyle, sp bool) {
		if len(ps) > start {
			if sp {
				cur.spaceW = r.strW(" ", fs, size)
			}
			cur.pieces = ps[start:len(ps):len(ps)]
			out = append(out, cur)
			cur = word{}
			start = len(ps)
		}
	}
	for _, rn := range rs {
		t := rn.text
		for len(t) > 0 {
			i := strings.IndexAny(t, " \n")
			seg := t
			if i >= 0 {
				seg = t[:i]
			}
			if seg != "" {
				w := r.strW(seg, rn.fs, size)
				ps = append(ps, piece{text: seg, fs: rn.fs, w: w})
				cur.w += w
			}
			if i < 0 {
				break
			}
			if t[i] == '\n' {
				flush(rn.fs, false)
				out = append(out, word{brk: true})
			} else {
				flush(rn.fs, true)
			}
			t = t[i+1:]
		}
	}
	flush(fontStyle{}, false)
	return out
}

// breakLines fills lines greedily. Words wider than a whole line are cut between
// characters.
func (r *renderer) breakLines(ws []word, size, width, firstIndent, restIndent float64) []line {
	lines := r.lineSlab.take(1)
	// The lines' words share one backing array: line after line, in order.
	all := r.wordSlab.take(len(ws))
	from := 0 // the current line's first word in all
	cur := line{indent: firstIndent}
	add := func(w word) {
		all = append(all, w)
		cur.words = all[from:len(all):len(all)]
	}
	var prevSpace float64
	push := func(last bool) {
		cur.last = last
		lines = append(lines, cur)
		cur = line{indent: restIndent}
		from = len(all)
		prevSpace = 0
	}
	const eps = 1e-6
	var carry word // the rest of a word cut at the end of a line
	hasCarry := false
	for i := 0; i < len(ws); i++ {
		w := ws[i]
		if hasCarry {
			w, hasCarry = carry, false
		}
		if w.brk {
			push(true)
			continue
		}
		avail := width - cur.indent
		if len(cur.words) > 0 && cur.w+prevSpace+w.w > avail+eps {
			push(false)
			avail = width - cur.indent
		}
		if len(cur.words) == 0 && w.w > avail+eps {
			head, tail := r.cutWord(w, size, avail)
			add(head)
			cur.w = head.w
			push(false)
			if len(tail.pieces) > 0 {
				carry, hasCarry = tail, true
				i--
			}
			continue
		}
		if len(cur.words) > 0 {
			cur.w += prevSpace
		}
		add(w)
		cur.w += w.w
		prevSpace = w.spaceW
	}
	if len(cur.words) > 0 || len(lines) == 0 {
		push(true)
	} else {
		lines[len(lines)-1].last = true
	}
	return lines
}

// cutWord splits w so that head fits avail (at least one character).
func (r *renderer) cutWord(w word, size, avail float64) (head, tail word) {
	acc := 0.0
	for pi, p := range w.pieces {
		for bi, c := range p.text {
			cw := r.strW(string(c), p.fs, size)
			if acc+cw > avail && (pi > 0 || bi > 0) {
				head.pieces = append(head.pieces, w.pieces[:pi]...)
				if bi > 0 {
					hp := piece{text: p.text[:bi], fs: p.fs}
					hp.w = r.strW(hp.text, p.fs, size)
					head.pieces = append(head.pieces, hp)
				}
				tp := piece{text: p.text[bi:], fs: p.fs}
				tp.w = r.strW(tp.text, p.fs, size)
				tail.pieces = append([]piece{tp}, w.pieces[pi+1:]...)
				for _, q := range head.pieces {
					head.w += q.w
				}
				for _, q := range tail.pieces {
					tail.w += q.w
				}
				tail.spaceW = w.spaceW
				return head, tail
			}
			acc += cw
		}
	}
	return w, word{}
}

// layout lays text out in lines of the given width.
func (r *renderer) layout(rs []srun, st style, width, firstIndent, restIndent float64) []line {
	return r.breakLines(r.words(rs, st.size), st.size, width, firstIndent, restIndent)
}

// baseline returns the baseline of a line box of height lh at top.
func baseline(top, lh, size float64) float64 {
	return top + lh/2 + 0.3*size*ptMM
}

// drawLine draws one line in the box [x, x+width] with its baseline at by.
func (r *renderer) drawLine(l line, x, width, by float64, align Align, size float64) {
	if len(l.words) == 0 {
		return
	}
	avail := width - l.indent
	x += l.indent
	gap := 0.0
	switch align {
	case AlignCenter:
		x += (avail - l.w) / 2
	case AlignRight:
		x += avail - l.w
	case AlignJustify:
		if !l.last && len(l.words) > 1 && l.w < avail {
			gap = (avail - l.w) / float64(len(l.words)-1)
		}
	}
	if gap == 0 {
		// Draw runs of equal style in one go.
		if len(l.words) == 1 && len(l.words[0].pieces) == 1 {
			// One word (most table cells): no copy.
			p := l.words[0].pieces[0]
			r.text(x, by, p.text, p.fs, size)
			return
		}
		buf := r.lineBuf[:0]
		var bfs fontStyle
		bx, cx := x, x
		flush := func() {
			if len(buf) > 0 {
				r.text(bx, by, string(buf), bfs, size)
				buf = buf[:0]
			}
		}
		for wi, w := range l.words {
			for _, p := range w.pieces {
				if len(buf) > 0 && p.fs != bfs {
					flush()
				}
				if len(buf) == 0 {
					bx, bfs = cx, p.fs
				}
				buf = append(buf, p.text...)
				cx += p.w
			}
			if wi < len(l.words)-1 {
				last := w.pieces[len(w.pieces)-1].fs
				next := l.words[wi+1].pieces[0].fs
				if last == next && last == bfs {
					buf = append(buf, ' ')
				} else {
					flush()
				}
				cx += w.spaceW
			}
		}
		flush()
		r.lineBuf = buf
		return
	}
	cx := x
	for wi, w := range l.words {
		for _, p := range w.pieces {
			r.text(cx, by, p.text, p.fs, size)
			cx += p.w
		}
		if wi < len(l.words)-1 {
			if w.pieces[len(w.pieces)-1].fs.underline && l.words[wi+1].pieces[0].fs.underline {
				r.underline(cx, cx+w.spaceW+gap, by, size)
			}
			cx += w.spaceW + gap
		}
	}
}

// lineRun is the height of n lines of style st.
func linesH(n int, st style) float64 { return float64(n) * st.lineH }

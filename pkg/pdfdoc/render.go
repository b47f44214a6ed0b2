package pdfdoc

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/vdhv/vdhv/pkg/pdfdoc/internal/fpdf"
)

// fontFamily is the name the body font is registered under in fpdf.
const fontFamily = "body"

// renderer holds the state of one rendering.
type renderer struct {
	pdf  *fpdf.Fpdf
	p    *Profile
	opts Options
	cov  *coverage
	repl string

	landscape bool
	pw, ph    float64 // current page size
	m         Margins
	y         float64
	atTop     bool // nothing drawn on the current page yet

	curFS   string
	curSize float64

	// keepTail is the height that must follow the last lines of the block being drawn on
	// the same page (the closing block after the last paragraph of the body).
	keepTail float64

	trace func(event)

	// tableCache keeps the layout of the table measured for keep-with-next, so that it is
	// not laid out twice.
	tableCache *tableLayout

	fast    fastState
	lineBuf []byte // drawLine's text of one style

	pieceSlab slab[piece]
	wordSlab  slab[word]
	lineSlab  slab[line]
}

// Render writes d as a PDF laid out by profile p (nil: the default profile).
func Render(w io.Writer, d *Document, p *Profile, opts Options) error {
	return render(w, d, p, opts, nil)
}

// event is a placed element, reported to tests.
type event struct {
	kind        string // "row", "header", "closing", "chart"
	index       int    // row index for "row"
	page        int
	landscape   bool
	y0, y1      float64
	top, bottom float64 // text area of the page
}

func render(w io.Writer, d *Document, p *Profile, opts Options, trace func(event)) (err error) {
	if d == nil {
		return errors.New("pdfdoc: nil document")
	}
	if p == nil {
		if p, err = DefaultProfile(); err != nil {
			return err
		}
	} else if err := p.Validate(); err != nil {
		return err
	}
	// fpdf is not ours and is known to panic on some inputs; whatever slips through the
	// checks below becomes an error, never a crash.
	defer func() {
		if x := recover(); x != nil {
			err = fmt.Errorf("pdfdoc: lỗi nội bộ khi tạo PDF (internal error): %v", x)
		}
	}()
	r, err := newRenderer(p, opts)
	if err != nil {
		return err
	}
	r.trace = trace
	if err := r.document(d); err != nil {
		return err
	}
	if err := r.pdf.Error(); err != nil {
		return fmt.Errorf("pdfdoc: %w", err)
	}
	return r.pdf.Output(w)
}

func newRenderer(p *Profile, opts Options) (*renderer, error) {
	pdf := fpdf.NewCustom(&fpdf.InitType{
		OrientationStr: "P",
		UnitStr:        "mm",
		Size:           fpdf.SizeType{Wd: p.Page.WidthMM, Ht: p.Page.HeightMM},
	})
	created := opts.Created
	if created.IsZero() {
		created = time.Unix(0, 0)
	}
	created = created.UTC()
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(created)
	pdf.SetModificationDate(created)
	pdf.SetCompression(true)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetCellMargin(0)
	pdf.SetLang("vi-VN")
	pdf.SetProducer("vdhv pdfdoc (go-pdf/fpdf)", true)
	if opts.Title != "" {
		pdf.SetTitle(cleanMeta(opts.Title), true)
	}
	if opts.Author != "" {
		pdf.SetAuthor(cleanMeta(opts.Author), true)
	}
	if opts.Subject != "" {
		pdf.SetSubject(cleanMeta(opts.Subject), true)
	}
	var cov *coverage
	for _, f := range []struct{ style, file string }{{"", p.Fonts.Regular}, {"B", p.Fonts.Bold},
		{"I", p.Fonts.Italic}, {"BI", p.Fonts.BoldItalic}} {
		b, err := p.readFont(f.file)
		if err != nil {
			return nil, err
		}
		c, err := parseCoverage(b)
		if err != nil {
			return nil, fmt.Errorf("pdfdoc: phông chữ %q không dùng được (unusable font): %w", f.file, err)
		}
		if cov == nil {
			cov = c
		} else {
			cov.intersect(c)
		}
		pdf.AddUTF8FontFromBytes(fontFamily, f.style, b)
		if err := pdf.Error(); err != nil {
			return nil, fmt.Errorf("pdfdoc: phông chữ %q: %w", f.file, err)
		}
	}
	r := &renderer{pdf: pdf, p: p, opts: opts, cov: cov, repl: "?"}
	if cov.has('\uFFFD') {
		r.repl = "\uFFFD"
	}
	// fpdf reports a font it failed to parse only when it is used: try each style now.
	for _, s := range []fontStyle{{}, {bold: true}, {italic: true}, {bold: true, italic: true}} {
		pdf.SetFont(fontFamily, s.fpdf(), 12)
		if err := pdf.Error(); err != nil {
			return nil, fmt.Errorf("pdfdoc: phông chữ không dùng được (unusable font): %w", err)
		}
	}
	r.curFS, r.curSize = "", 12
	return r, nil
}

// cleanMeta makes a document-information string valid UTF-8 (fpdf panics otherwise), NFC
// and free of control characters. It is not drawn, so the font need not cover it.
func cleanMeta(s string) string {
	s = norm.NFC.String(strings.ToValidUTF8(s, "\uFFFD"))
	return strings.Map(func(c rune) rune {
		if unicode.IsControl(c) {
			return ' '
		}
		return c
	}, s)
}

// --- fonts and primitives ---

func (r *renderer) setFont(fs fontStyle, size float64) {
	s := fs.fpdf()
	if s != r.curFS || size != r.curSize {
		r.pdf.SetFont(fontFamily, s, size)
		r.curFS, r.curSize = s, size
	}
}

func (r *renderer) strW(s string, fs fontStyle, size float64) float64 {
	r.setFont(fs, size)
	return r.pdf.GetStringWidth(s)
}

// text draws cleaned s with its baseline at y.
func (r *renderer) text(x, y float64, s string, fs fontStyle, size float64) {
	if s == "" {
		return
	}
	r.setFont(fs, size)
	r.fastText(x, y, s)
	if fs.underline {
		r.underline(x, x+r.pdf.GetStringWidth(s), y, size)
	}
}

func (r *renderer) underline(x0, x1, by, size float64) {
	lw := r.pdf.GetLineWidth()
	r.pdf.SetLineWidth(0.05 * size * ptMM)
	uy := by + 0.12*size*ptMM
	r.pdf.Line(x0, uy, x1, uy)
	r.pdf.SetLineWidth(lw)
}

func (r *renderer) setDraw(c rgb)  { r.pdf.SetDrawColor(c.r, c.g, c.b) }
func (r *renderer) setFill(c rgb)  { r.pdf.SetFillColor(c.r, c.g, c.b) }
func (r *renderer) setTextC(c rgb) { r.pdf.SetTextColor(c.r, c.g, c.b) }

// --- pages ---

func (r *renderer) left() float64   { return r.m.LeftMM }
func (r *renderer) right() float64  { return r.pw - r.m.RightMM }
func (r *renderer) width() float64  { return r.pw - r.m.LeftMM - r.m.RightMM }
func (r *renderer) top() float64    { return r.m.TopMM }
func (r *renderer) bottom() float64 { return r.ph - r.m.BottomMM }

// textWidth returns the text width of a portrait or landscape page.
func (r *renderer) textWidth(landscape bool) float64 {
	if landscape {
		m := r.p.Page.LandscapeMargins
		return r.p.Page.HeightMM - m.LeftMM - m.RightMM
	}
	m := r.p.Page.Margins
	return r.p.Page.WidthMM - m.LeftMM - m.RightMM
}

func (r *renderer) newPage(landscape bool) {
	r.landscape = landscape
	size := fpdf.SizeType{Wd: r.p.Page.WidthMM, Ht: r.p.Page.HeightMM}
	if landscape {
		r.pdf.AddPageFormat("L", size)
		r.m = r.p.Page.LandscapeMargins
		r.pw, r.ph = size.Ht, size.Wd
	} else {
		r.pdf.AddPageFormat("P", size)
		r.m = r.p.Page.Margins
		r.pw, r.ph = size.Wd, size.Ht
	}
	// fpdf resets the font state of a new page to its own idea of the current font.
	r.curFS, r.curSize = "-", 0
	r.y = r.top()
	r.atTop = true
	pn := r.pdf.PageNo()
	if pn >= r.p.PageNumber.FromPage {
		st := mkStyle(r.p.PageNumber.Text)
		s := strconv.Itoa(pn)
		w := r.strW(s, st.fs, st.size)
		r.text(r.left()+(r.width()-w)/2, r.p.PageNumber.CenterYMM+0.35*st.size*ptMM, s, st.fs, st.size)
	}
}

// space adds vertical space, except at the top of a page.
func (r *renderer) space(h float64) {
	if !r.atTop {
		r.y += h
	}
}

// fits reports whether h more millimetres fit on the current page.
func (r *renderer) fits(h float64) bool { return r.y+h <= r.bottom()+1e-6 }

// ensure starts a new page (same orientation) if h does not fit and the page is not empty.
func (r *renderer) ensure(h float64) {
	if !r.fits(h) && !r.atTop {
		r.newPage(r.landscape)
	}
}

func (r *renderer) mark() { r.atTop = false }

func (r *renderer) emit(kind string, index int, y0, y1 float64) {
	if r.trace != nil {
		r.trace(event{kind: kind, index: index, page: r.pdf.PageNo(), landscape: r.landscape,
			y0: y0, y1: y1, top: r.top(), bottom: r.bottom()})
	}
}

// --- document ---

func (r *renderer) document(d *Document) error {
	r.newPage(false)
	r.header(d)
	r.title(d)
	cl := r.closingLayout(d)
	if cl != nil && len(d.Body) > 0 {
		if err := r.blocks(d.Body[:len(d.Body)-1]); err != nil {
			return err
		}
		r.keepTail = r.p.Closing.SpaceBeforePt*ptMM + cl.height
		err := r.block(d.Body, len(d.Body)-1, d.Body[len(d.Body)-1])
		r.keepTail = 0
		if err != nil {
			return fmt.Errorf("khối %d (block %d): %w", len(d.Body), len(d.Body), err)
		}
	} else if err := r.blocks(d.Body); err != nil {
		return err
	}
	r.closing(cl)
	for i := range d.Appendices {
		if err := r.appendix(&d.Appendices[i]); err != nil {
			return fmt.Errorf("pdfdoc: phụ lục %d (appendix %d): %w", i+1, i+1, err)
		}
	}
	return r.pdf.Error()
}

// column draws lines of text centred (or as the style says) in a column; returns the
// new y.
func (r *renderer) column(text string, st style, x, width, y float64) float64 {
	if strings.TrimSpace(text) == "" {
		return y
	}
	y += st.before
	ws := r.words(r.runs(text, nil, st), st.size)
	lines := r.breakLines(ws, st.size, width, 0, 0)
	if st.align == AlignCenter && len(lines) >= 2 && len(lines[len(lines)-1].words) == 1 {
		// Avoid a lone word on the last line of centred text: find the narrowest width
		// that needs no more lines.
		lo, hi := width/2, width
		for k := 0; k < 10; k++ {
			mid := (lo + hi) / 2
			if len(r.breakLines(ws, st.size, mid, 0, 0)) > len(lines) {
				lo = mid
			} else {
				hi = mid
			}
		}
		lines = r.breakLines(ws, st.size, hi, 0, 0)
		x += (width - hi) / 2
		width = hi
	}
	for _, l := range lines {
		r.drawLine(l, x, width, baseline(y, st.lineH, st.size), st.align, st.size)
		y += st.lineH
	}
	return y + st.after
}

func (r *renderer) header(d *Document) {
	h := r.p.Header
	x0 := r.left()
	lw := h.LeftWidthMM
	rx := x0 + lw
	rw := r.width() - lw
	// Left column: parent body, issuing body, star, number.
	y := r.top()
	y = r.column(d.ParentBody, mkStyle(h.ParentBody), x0, lw, y)
	for _, s := range d.IssuingBody {
		y = r.column(s, mkStyle(h.IssuingBody), x0, lw, y)
	}
	if len(d.IssuingBody) > 0 || d.ParentBody != "" {
		y = r.column(h.StarText, mkStyle(h.Star), x0, lw, y)
	}
	y = r.column(d.Number, mkStyle(h.Number), x0, lw, y)
	// Right column: party title, its rule, place and date.
	ry := r.top()
	pt := mkStyle(h.PartyTitle)
	title := r.clean(h.PartyTitleText, true)
	if pt.upper {
		title = strings.ToUpper(title)
	}
	lines := r.layout([]srun{{text: title, fs: pt.fs}}, pt, rw, 0, 0)
	for _, l := range lines {
		r.drawLine(l, rx, rw, baseline(ry, pt.lineH, pt.size), AlignCenter, pt.size)
		ry += pt.lineH
	}
	if len(lines) > 0 && h.PartyRuleWidthMM > 0 {
		// The rule is as long as the (last line of the) title.
		l := lines[len(lines)-1]
		ly := baseline(ry-pt.lineH, pt.lineH, pt.size) + h.PartyRuleGapMM + 0.25*pt.size*ptMM
		r.pdf.SetLineWidth(h.PartyRuleWidthMM)
		r.pdf.Line(rx+(rw-l.w)/2, ly, rx+(rw+l.w)/2, ly)
		if ly > ry {
			ry = ly
		}
	}
	ry = r.column(d.PlaceDate, mkStyle(h.PlaceDate), rx, rw, ry)
	r.y = math.Max(y, ry)
	r.atTop = false
}

func (r *renderer) title(d *Document) {
	st := mkStyle(r.p.DocType)
	if d.DocType != "" {
		r.y += st.before
		r.y = r.column(d.DocType, st, r.left(), r.width(), r.y)
	}
	sst := mkStyle(r.p.Subject)
	for _, s := range d.Subject {
		r.y = r.column(s, sst, r.left(), r.width(), r.y)
	}
	if d.DocType == "" && len(d.Subject) == 0 {
		return
	}
	rule := r.p.SubjectRule
	rst := mkStyle(rule.Style)
	if rule.Text != "" {
		r.y = r.column(rule.Text, rst, r.left(), r.width(), r.y)
		return
	}
	r.y += rst.before
	if rule.LengthMM > 0 && rule.WidthMM > 0 {
		cx := r.left() + r.width()/2
		r.pdf.SetLineWidth(rule.WidthMM)
		r.pdf.Line(cx-rule.LengthMM/2, r.y+1, cx+rule.LengthMM/2, r.y+1)
		r.y += 2
	}
	r.y += rst.after
}

// --- blocks ---

func (r *renderer) blocks(bs []Block) error {
	for i, b := range bs {
		if err := r.block(bs, i, b); err != nil {
			return fmt.Errorf("khối %d (block %d): %w", i+1, i+1, err)
		}
	}
	return nil
}

func (r *renderer) block(bs []Block, i int, b Block) error {
	switch b := b.(type) {
	case nil:
		return nil
	case Heading:
		st := r.headingStyle(b.Level)
		lines := r.layout(r.runs(b.Text, nil, st), st, r.width(), r.p.HeadingIndentMM, 0)
		next := 0.0
		if i+1 < len(bs) {
			next = r.startHeight(bs[i+1])
		}
		r.space(st.before)
		r.ensure(linesH(len(lines), st) + st.after + next)
		r.emit("heading", i, r.y, r.y+linesH(len(lines), st))
		r.flow(lines, st, st.align)
		r.y += st.after
	case Paragraph:
		st := mkStyle(r.p.Body.Text)
		ind := r.p.Body.FirstLineIndentMM
		if b.NoIndent {
			ind = 0
		}
		al := st.align
		if b.Align != AlignDefault {
			al = b.Align
		}
		r.space(st.before)
		r.flow(r.layout(r.runs(b.Text, b.Runs, st), st, r.width(), ind, 0), st, al)
		r.y += st.after
	case BulletList:
		st := mkStyle(r.p.List.Text)
		tail := r.keepTail
		defer func() { r.keepTail = tail }()
		for k, it := range b.Items {
			r.keepTail = 0
			if k == len(b.Items)-1 {
				r.keepTail = tail
			}
			rs := r.runs(it.Text, it.Runs, st)
			if m := r.clean(r.p.List.Marker, false); m != "" {
				rs = append([]srun{{text: m + " ", fs: st.fs}}, rs...)
			}
			r.space(st.before)
			r.flow(r.layout(rs, st, r.width(), r.p.List.FirstLineIndentMM, 0), st, st.align)
			r.y += st.after
		}
	case PageBreak:
		r.newPage(r.landscape)
	case Table:
		return r.table(&b)
	case Chart:
		return r.chart(&b)
	default:
		return fmt.Errorf("pdfdoc: kiểu khối không hỗ trợ (unsupported block type) %T", b)
	}
	return nil
}

func (r *renderer) headingStyle(level int) style {
	switch level {
	case 0, 1:
		return mkStyle(r.p.Heading1)
	case 2:
		return mkStyle(r.p.Heading2)
	}
	return mkStyle(r.p.Heading3)
}

// startHeight is the height a block needs at the bottom of a page to start there (used to
// keep a heading with what follows it).
func (r *renderer) startHeight(b Block) float64 {
	switch b := b.(type) {
	case Paragraph:
		st := mkStyle(r.p.Body.Text)
		return st.before + 2*st.lineH
	case BulletList:
		st := mkStyle(r.p.List.Text)
		return st.before + 2*st.lineH
	case Heading:
		st := r.headingStyle(b.Level)
		return st.before + st.lineH + st.after + 2*mkStyle(r.p.Body.Text).lineH
	case Table:
		tl, err := r.prepareTable(&b, r.width())
		if err != nil {
			return 0
		}
		return tl.startH
	case Chart:
		return r.chartStartHeight(&b)
	}
	return 0
}

// flow draws lines at r.y, breaking pages between lines; it avoids a single first line at
// the bottom of a page and a single last line at the top of the next.
func (r *renderer) flow(lines []line, st style, align Align) {
	n := len(lines)
	for i, l := range lines {
		need := st.lineH
		if (i == 0 && n >= 2) || (n-i == 2 && i >= 2) {
			need = 2 * st.lineH
		}
		if r.keepTail > 0 && i == n-min(2, n) {
			// The last lines go with what must follow them, if that can fit a page at all.
			if t := float64(n-i)*st.lineH + st.after + r.keepTail; t <= r.bottom()-r.top() {
				need = t
			}
		}
		if !r.fits(need) {
			r.ensure(need)
			if !r.fits(st.lineH) && !r.atTop {
				r.newPage(r.landscape)
			}
		}
		r.drawLine(l, r.left(), r.width(), baseline(r.y, st.lineH, st.size), align, st.size)
		r.emit("line", i, r.y, r.y+st.lineH)
		r.y += st.lineH
		r.mark()
	}
}

// --- closing block ---

type closingCol struct {
	lines []line
	st    style
	gap   float64 // extra space before (the signing space before the name)
}

type closingBlock struct {
	left, right []closingCol
	height      float64
}

// closingLayout lays out the recipients (left) and the signature (right); nil if the
// document has neither.
func (r *renderer) closingLayout(d *Document) *closingBlock {
	c := r.p.Closing
	sg := d.Signature
	if len(d.Recipients) == 0 && strings.TrimSpace(sg.Authority+sg.Title+sg.Name) == "" {
		return nil
	}
	lw := c.LeftWidthMM
	rw := r.width() - lw
	cb := &closingBlock{}
	lst := mkStyle(c.RecipientsLabel)
	ist := mkStyle(c.Recipient)
	marker := r.clean(c.RecipientMarker, false)
	mw := 0.0
	if marker != "" {
		marker += " "
		mw = r.strW(marker, ist.fs, ist.size)
	}
	if len(d.Recipients) > 0 {
		cb.left = append(cb.left, closingCol{lines: r.layout(r.runs(c.RecipientsLabelText, nil, lst), lst, lw, 0, 0), st: lst})
		for _, it := range d.Recipients {
			rs := append([]srun{{text: marker, fs: ist.fs}}, r.runs(it, nil, ist)...)
			cb.left = append(cb.left, closingCol{lines: r.layout(rs, ist, lw, 0, mw), st: ist})
		}
	}
	add := func(text string, ts TextStyle, gap float64) {
		if strings.TrimSpace(text) == "" {
			return
		}
		st := mkStyle(ts)
		cb.right = append(cb.right, closingCol{lines: r.layout(r.runs(text, nil, st), st, rw, 0, 0), st: st, gap: gap})
	}
	add(sg.Authority, c.Authority, 0)
	add(sg.Title, c.SignerTitle, 0)
	add(sg.Name, c.SignerName, c.SigningSpaceMM)
	height := func(cs []closingCol) float64 {
		h := 0.0
		for _, b := range cs {
			h += b.gap + b.st.before + linesH(len(b.lines), b.st) + b.st.after
		}
		return h
	}
	cb.height = math.Max(height(cb.left), height(cb.right))
	return cb
}

// closing draws the closing block, on a new page if it does not fit (it never splits).
func (r *renderer) closing(cb *closingBlock) {
	if cb == nil {
		return
	}
	lw := r.p.Closing.LeftWidthMM
	r.space(r.p.Closing.SpaceBeforePt * ptMM)
	r.ensure(cb.height)
	draw := func(cs []closingCol, x, w float64) float64 {
		y := r.y
		for _, b := range cs {
			y += b.gap + b.st.before
			for _, l := range b.lines {
				r.drawLine(l, x, w, baseline(y, b.st.lineH, b.st.size), b.st.align, b.st.size)
				y += b.st.lineH
			}
			y += b.st.after
		}
		return y
	}
	ly := draw(cb.left, r.left(), lw)
	ry := draw(cb.right, r.left()+lw, r.width()-lw)
	r.emit("closing", 0, r.y, math.Max(ly, ry))
	r.y = math.Max(ly, ry)
	r.mark()
}

// --- appendices ---

func (r *renderer) appendix(a *Appendix) error {
	land := false
	switch a.Orientation {
	case OrientationLandscape:
		land = true
	case OrientationAuto:
		for _, b := range a.Blocks {
			var t *Table
			switch b := b.(type) {
			case Table:
				t = &b
			}
			if t != nil && r.needsLandscape(t) {
				land = true
				break
			}
		}
	}
	r.newPage(land)
	aps := r.p.Appendix
	r.y = r.column(a.Title, mkStyle(aps.Title), r.left(), r.width(), r.y)
	r.y = r.column(a.Subtitle, mkStyle(aps.Subtitle), r.left(), r.width(), r.y)
	r.y = r.column(a.Note, mkStyle(aps.Note), r.left(), r.width(), r.y)
	if a.Title != "" || a.Subtitle != "" || a.Note != "" {
		r.mark()
	}
	return r.blocks(a.Blocks)
}

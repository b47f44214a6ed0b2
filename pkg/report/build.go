package report

import (
	"fmt"
	"strings"
	"time"

	"github.com/vdhv/vdhv/pkg/config"
	"github.com/vdhv/vdhv/pkg/engine"
	"github.com/vdhv/vdhv/pkg/pdfdoc"
	"github.com/vdhv/vdhv/pkg/period"
	"github.com/vdhv/vdhv/pkg/tables"
	"github.com/vdhv/vdhv/pkg/vnfmt"
)

// DefaultRecipients is "Nơi nhận" when the text file gives none.
var DefaultRecipients = []string{"Lưu Ban Chỉ đạo."}

// Error is a report that cannot be built. Error() is English; Localized gives Vietnamese.
type Error struct {
	Message, MessageVI string
}

func (e *Error) Error() string { return e.Message }

// Localized returns the message in lang ("en" or Vietnamese).
func (e *Error) Localized(lang string) string {
	if lang == "en" {
		return e.Message
	}
	return e.MessageVI
}

// CheckPeriod reports whether p is a period a report is written for: the first half of a
// year (2025-H1) or a year (2025). The second half is reported by the annual report.
func CheckPeriod(p period.Period) error {
	switch {
	case p.Valid() && p.Kind == period.KindYear, p.Valid() && p.Kind == period.KindHalf && p.N == 1:
		return nil
	case p.Valid() && p.Kind == period.KindHalf:
		return &Error{
			Message:   fmt.Sprintf("there is no report for the second half %s: the annual report covers it (--period %d)", p, p.Year),
			MessageVI: fmt.Sprintf("không lập báo cáo riêng cho 6 tháng cuối năm %s: báo cáo năm đã bao gồm (--period %d)", p, p.Year),
		}
	}
	return &Error{
		Message:   fmt.Sprintf("a report covers the first half of a year (%d-H1) or a whole year (%d), not %s; the figures of a quarter are in vdhv aggregate", p.Year, p.Year, p),
		MessageVI: fmt.Sprintf("báo cáo lập cho 6 tháng đầu năm (%d-H1) hoặc cả năm (%d), không cho %s; số liệu một quý xem bằng vdhv aggregate", p.Year, p.Year, p),
	}
}

// Build makes the report of an outcome: the Document for the PDF and the tables for the
// XLSX (the appendices of the Document are the same tables and charts). tf is the
// committee's text (nil: every default), w the wording (nil: the embedded templates).
// lang ("vi" or "en") is the language of errors only: the report itself is a Vietnamese
// Party document.
func Build(out *engine.Outcome, tf *TextFile, cfg config.Config, w *Wording, lang string) (*pdfdoc.Document, *tables.Set, error) {
	if out == nil || out.Result == nil || len(out.Result.Units) == 0 {
		return nil, nil, &Error{Message: "nothing to report: no aggregated figures", MessageVI: "không có số liệu tổng hợp để lập báo cáo"}
	}
	if err := CheckPeriod(out.Period); err != nil {
		return nil, nil, err
	}
	if tf == nil {
		tf = &TextFile{}
	}
	if w == nil {
		var err error
		if w, err = LoadWording(""); err != nil {
			return nil, nil, err
		}
	}
	if !(cfg.TargetShare > 0 && cfg.TargetShare <= 1) {
		cfg.TargetShare = config.DefaultTargetShare
	}
	data := NewData(out, tf, cfg)
	data.Doc = docInfo(out.Period, tf, cfg)
	set := tables.Build(out, tables.Options{Lang: "vi", TargetShare: cfg.TargetShare})

	b := &builder{w: w, data: data}
	doc := &pdfdoc.Document{
		ParentBody:  firstNonEmpty(tf.ParentBody, data.Bloc),
		IssuingBody: tf.IssuingBody,
		Number:      "Số " + data.Doc.NumberAll,
		PlaceDate:   placeDate(data.Doc),
		Recipients:  tf.Recipients,
		Signature: pdfdoc.Signature{
			Authority: firstNonEmpty(tf.Signer.Authority, defaultAuthority),
			Title:     firstNonEmpty(tf.Signer.Title, defaultTitle),
			Name:      tf.Signer.Name,
		},
	}
	if len(doc.IssuingBody) == 0 {
		doc.IssuingBody = DefaultIssuingBody
	}
	if len(doc.Recipients) == 0 {
		doc.Recipients = DefaultRecipients
	}
	doc.DocType = b.line("doc_type")
	doc.Subject = b.lines("subject")

	// I. Results.
	b.blocks("I")
	b.blocks("I.1")
	b.paragraphs(tf.Highlights)
	for _, s := range []string{"I.2", "I.3", "I.4", "I.5"} {
		b.blocks(s)
	}
	// II. Shortcomings and causes: the findings of the data, then the committee's text.
	b.blocks("II")
	b.blocks("II.1")
	b.paragraphs(tf.Limitations)
	if len(tf.Causes) > 0 {
		b.blocks("II.2")
		b.paragraphs(tf.Causes)
	}
	// III. Tasks.
	b.blocks("III")
	if len(tf.Tasks) > 0 {
		b.bullets(tf.Tasks)
	} else {
		b.blocks("III.default")
	}
	if len(tf.Proposals) > 0 {
		b.blocks("IV")
		b.bullets(tf.Proposals)
	}
	doc.Body = b.body

	// Appendices: the tables and charts of the set.
	note := b.line("appendix_note")
	app := func(n int, name string, blocks ...pdfdoc.Block) pdfdoc.Appendix {
		return pdfdoc.Appendix{Title: "Phụ lục " + itoa(n), Subtitle: b.line(name), Note: note, Blocks: blocks}
	}
	doc.Appendices = []pdfdoc.Appendix{
		app(1, "appendix_1", tableBlock(&set.Summary), tableBlock(&set.ByUnit)),
		app(2, "appendix_2", tableBlock(&set.Register), tableBlock(&set.Reconciliation)),
		app(3, "appendix_3", tableBlock(&set.Status)),
		app(4, "appendix_4", set.ShareChart, set.TrendChart),
	}
	// The wide tables (units with 17 columns, the register with 12) are set on landscape
	// pages; the status list and the charts fit a portrait page.
	doc.Appendices[0].Orientation = pdfdoc.OrientationLandscape
	doc.Appendices[1].Orientation = pdfdoc.OrientationLandscape
	doc.Appendices[3].Orientation = pdfdoc.OrientationPortrait
	if b.err != nil {
		return nil, nil, b.err
	}
	return doc, set, nil
}

// tableBlock is the table itself, or (in the PDF only) a copy with one merged row
// "(Không có)" when it has no rows.
func tableBlock(t *pdfdoc.Table) pdfdoc.Block {
	if len(t.Rows) > 0 || len(t.Columns) == 0 {
		return *t
	}
	c := *t
	c.Rows = []pdfdoc.TableRow{{Cells: []pdfdoc.Cell{{Text: "(Không có)", NoValue: true, Italic: true, Span: len(t.Columns)}}}}
	return c
}

// builder collects the body and the first error.
type builder struct {
	w    *Wording
	data *Data
	body []pdfdoc.Block
	err  error
}

func (b *builder) blocks(name string) {
	if b.err != nil {
		return
	}
	bl, err := b.w.Blocks(name, b.data)
	if err != nil {
		b.err = err
		return
	}
	b.body = append(b.body, bl...)
}

func (b *builder) line(name string) string {
	if b.err != nil {
		return ""
	}
	s, err := b.w.Line(name, b.data)
	if err != nil {
		b.err = err
	}
	return s
}

func (b *builder) lines(name string) []string {
	if b.err != nil {
		return nil
	}
	s, err := b.w.Lines(name, b.data)
	if err != nil {
		b.err = err
	}
	return s
}

func (b *builder) paragraphs(list []string) {
	for _, p := range list {
		b.body = append(b.body, pdfdoc.Paragraph{Text: p})
	}
}

func (b *builder) bullets(list []string) {
	if len(list) == 0 {
		return
	}
	var l pdfdoc.BulletList
	for _, p := range list {
		l.Items = append(l.Items, pdfdoc.ListItem{Text: p})
	}
	b.body = append(b.body, l)
}

// docInfo resolves the number, code, place and date of the document.
func docInfo(p period.Period, tf *TextFile, cfg config.Config) DocInfo {
	d := DocInfo{Number: tf.Number, Code: firstNonEmpty(tf.Code, defaultCode), Place: firstNonEmpty(tf.Place, cfg.Place), Date: tf.Date}
	if d.Date.IsZero() {
		d.Date = DefaultDate(p, cfg)
	}
	if d.Number != "" {
		d.NumberAll = d.Number + "-" + d.Code
	} else {
		// Not numbered yet: room (no-break spaces) for the number to be written by hand.
		d.NumberAll = strings.Repeat("\u00a0", 8) + "-" + d.Code
	}
	d.DateShort = vnfmt.DateShort(d.Date)
	d.DateLong = vnfmt.DateLong(d.Date)
	return d
}

// placeDate writes "Hải Đông, ngày 05 tháng 8 năm 2025" ("Ngày …" without a place).
func placeDate(d DocInfo) string {
	if d.Place == "" {
		return "Ngày" + strings.TrimPrefix(d.DateLong, "ngày")
	}
	return d.Place + ", " + d.DateLong
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if strings.TrimSpace(x) != "" {
			return x
		}
	}
	return ""
}

func itoa(n int) string { return vnfmt.Int(int64(n), false) }

// ReportDate resolves the date printed on the report: the text file's date, else the
// date of sourceDateEpoch (a SOURCE_DATE_EPOCH the caller read, in Vietnam's time zone)
// when set, else DefaultDate.
func ReportDate(p period.Period, tf *TextFile, cfg config.Config, sourceDateEpoch *time.Time) time.Time {
	if tf != nil && !tf.Date.IsZero() {
		return tf.Date
	}
	if sourceDateEpoch != nil {
		t := sourceDateEpoch.In(period.Zone)
		return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	}
	return DefaultDate(p, cfg)
}

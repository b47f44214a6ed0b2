package pdfdoc

import "time"

// Document is an official Party report: a first-page header, the title, the body, the
// closing block (recipients and signature) and appendices. It carries text and data only;
// every size and style comes from a Profile, so the same Document can also be written as
// XLSX by another renderer. All text is used as given (the content layer formats numbers
// and wording); the renderer only upper-cases the elements the profile says are upper case.
type Document struct {
	// ParentBody is the direct superior body, e.g. "Đảng bộ Khối Doanh nghiệp tỉnh Hải Đông".
	// A "\n" forces a line break; long lines wrap within the left header column.
	ParentBody string
	// IssuingBody lines, e.g. ["Ban Chỉ đạo Cuộc vận động", "Người Việt Nam ưu tiên dùng
	// hàng Việt Nam"].
	IssuingBody []string
	// Number is the number and code, e.g. "Số 12-BC/BCĐ".
	Number string
	// PlaceDate is the place and date line, e.g. "Hải Đông, ngày 05 tháng 8 năm 2025".
	PlaceDate string
	// DocType is the document type, e.g. "BÁO CÁO".
	DocType string
	// Subject lines (trích yếu), centred under DocType.
	Subject []string
	// Body blocks.
	Body []Block
	// Recipients are the items of "Nơi nhận:" without the "- " marker (the profile adds it).
	Recipients []string
	Signature  Signature
	Appendices []Appendix
}

// Signature is the signing block. Authority and Title may contain "\n".
type Signature struct {
	Authority string // "T/M BAN CHỈ ĐẠO"
	Title     string // "TRƯỞNG BAN"
	Name      string // "Nguyễn Văn A"
}

// Orientation of the pages of an appendix.
type Orientation int

const (
	// OrientationAuto uses landscape pages if a table of the appendix does not fit the
	// portrait text width at the profile's table font size.
	OrientationAuto Orientation = iota
	OrientationPortrait
	OrientationLandscape
)

// Appendix (phụ lục) starts on a new page.
type Appendix struct {
	Title       string // "Phụ lục 1"
	Subtitle    string // "SỐ LIỆU THEO ĐẢNG ỦY TRỰC THUỘC"
	Note        string // "(Kèm theo Báo cáo số 12-BC/BCĐ ngày 05/8/2025 …)"
	Orientation Orientation
	Blocks      []Block
}

// Block is one element of a body or an appendix: Heading, Paragraph, BulletList, *Table,
// Table, *Chart, Chart or PageBreak.
type Block interface{ isBlock() }

// Align is a horizontal alignment.
type Align int

const (
	// AlignDefault means the element's default: the profile's for text, left for text
	// columns and right for number columns of tables.
	AlignDefault Align = iota
	AlignLeft
	AlignCenter
	AlignRight
	AlignJustify
)

// Heading is a section heading; Level 1 ("I. …"), 2 ("1. …") or 3 ("a) …"); 0 counts as 1
// and more than 3 as 3. The numbering is part of Text.
type Heading struct {
	Level int
	Text  string
}

// Run is a span of text with its own emphasis.
type Run struct {
	Text      string
	Bold      bool
	Italic    bool
	Underline bool
}

// Paragraph is body text: Text, or Runs if Runs is not empty. A "\n" forces a line break.
type Paragraph struct {
	Text  string
	Runs  []Run
	Align Align // AlignDefault: the profile's body alignment (justified)
	// NoIndent suppresses the first-line indent.
	NoIndent bool
}

// BulletList is a list of items, each set as a body paragraph starting with the profile's
// marker ("- ").
type BulletList struct {
	Items []ListItem
}

// ListItem is one item of a BulletList: Text, or Runs if Runs is not empty.
type ListItem struct {
	Text string
	Runs []Run
}

// PageBreak starts a new page.
type PageBreak struct{}

// CellKind is the kind of values of a table column.
type CellKind int

const (
	KindText CellKind = iota
	KindInteger
	KindNumber
	// KindMoney values are in the unit the table states (e.g. triệu đồng).
	KindMoney
	// KindPercent values are fractions: 0.125 is 12,5%.
	KindPercent
)

// IsNumeric reports whether cells of this kind carry a Value.
func (k CellKind) IsNumeric() bool { return k != KindText }

// Column of a table.
type Column struct {
	Header string
	// Weight is the relative width; 0 means "from the content". Columns never get
	// narrower than their longest word (or number).
	Weight float64
	Align  Align // AlignDefault: left for KindText, right otherwise
	Kind   CellKind
}

// HeaderCell is a cell of a multi-row table header.
type HeaderCell struct {
	Text    string
	ColSpan int // 0 or 1: one column
	RowSpan int // 0 or 1: one row
}

// RowStyle marks subtotal and total rows.
type RowStyle int

const (
	RowNormal RowStyle = iota
	RowSubtotal
	RowTotal
)

// Cell of a table row. The PDF prints Text; Value is the number behind it for renderers
// that keep numbers (XLSX), unless NoValue is set (e.g. a "—" for missing data).
type Cell struct {
	Text    string
	Value   float64
	NoValue bool
	Bold    bool
	Italic  bool
	// Span merges this cell with the Span-1 next columns (0 or 1: no merge).
	Span int
}

// TableRow is one row of a table. Level is the outline depth (0 = top); the table's
// IndentColumn is indented by Level steps.
type TableRow struct {
	Cells []Cell
	Level int
	Style RowStyle
}

// Table is data: columns and rows of typed cells. The header rows repeat on every page,
// long text wraps within its cell and a row never splits across pages unless it is taller
// than a whole page.
type Table struct {
	Title string
	// Unit is printed right-aligned above the table, e.g. "Đơn vị tính: triệu đồng".
	Unit    string
	Columns []Column
	// HeaderRows, if not empty, replace the single header row made of Column.Header; the
	// cells (with their spans) must tile exactly len(Columns) columns in every row.
	HeaderRows [][]HeaderCell
	Rows       []TableRow
	// IndentColumn is the column indented by TableRow.Level (default 0, the first).
	IndentColumn int
	Note         string
}

// ChartKind is the kind of a chart.
type ChartKind int

const (
	// ChartBarTarget compares one value per category with a target (dashed line). With
	// more categories than the profile's threshold, or labels too long for vertical bars,
	// the bars are horizontal.
	ChartBarTarget ChartKind = iota
	// ChartTrend shows categories in order (quarters): bars on the left axis and lines,
	// typically on the right axis.
	ChartTrend
)

// AxisSide is the value axis a series is measured on.
type AxisSide int

const (
	AxisLeft AxisSide = iota
	AxisRight
)

// SeriesType is how a series is drawn.
type SeriesType int

const (
	SeriesBar SeriesType = iota
	SeriesLine
)

// Series of a chart. Values has one entry per category; NaN means no data.
type Series struct {
	Name   string
	Values []float64
	Axis   AxisSide
	Type   SeriesType
}

// ValueFormat says how the values of an axis are written.
type ValueFormat int

const (
	FormatNumber  ValueFormat = iota // 1.234,5
	FormatPercent                    // fractions: 0.8 → 80%
	FormatMoney                      // like FormatNumber, in the unit of the axis title
)

// Axis describes a value axis.
type Axis struct {
	Title  string // e.g. "Triệu đồng"; printed above the axis
	Format ValueFormat
	// Decimals of the value labels printed on bars and points (ticks choose their own).
	Decimals int
}

// Chart is data: categories and series. Axis ticks and value labels are formatted with
// Options.FormatValue (Vietnamese style by default).
type Chart struct {
	Kind       ChartKind
	Title      string
	Categories []string
	Series     []Series
	Left       Axis
	Right      Axis
	// Target, if not nil, is drawn as a dashed line on the left axis, labelled TargetLabel
	// (e.g. "Mục tiêu 80%").
	Target      *float64
	TargetLabel string
	Note        string
}

func (Heading) isBlock()    {}
func (Paragraph) isBlock()  {}
func (BulletList) isBlock() {}
func (PageBreak) isBlock()  {}
func (Table) isBlock()      {}
func (Chart) isBlock()      {}

// Options are the document-level settings of one rendering.
type Options struct {
	// Created is written as CreationDate and ModDate (in UTC). The zero time writes
	// 1970-01-01 so that output never depends on the clock; callers derive it from
	// SOURCE_DATE_EPOCH.
	Created time.Time
	Title   string
	Author  string
	Subject string
	// FormatValue formats chart ticks and value labels; nil uses the built-in Vietnamese
	// style (dot for thousands, comma for decimals, fractions as percent).
	FormatValue func(v float64, f ValueFormat, decimals int) string
}

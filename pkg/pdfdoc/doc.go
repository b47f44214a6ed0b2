// Package pdfdoc renders an official Party report (thể thức văn bản của Đảng, Hướng dẫn
// 36-HD/VPTW) as PDF with codeberg.org/go-pdf/fpdf v0.12.0 — a copy in internal/fpdf
// that reuses its zlib writers (see internal/fpdf/README.md), and whose Text and Rect
// calls for tables are written by fastText and fastRect with the same bytes.
//
// The content layer builds a Document (text, tables as typed cells, charts as series) and
// calls Render with a layout Profile. The Document holds no PDF specifics, so an XLSX
// renderer can consume the same model. Every size, margin, font, style and spacing lives in
// the profile (templates/layout/36-HD-VPTW.yaml is the default; LoadProfile also reads a
// YAML file whose keys override the default's).
//
// Decisions where the specification is silent:
//
//   - Text. Every string is normalised to NFC before it reaches fpdf (fpdf does no
//     shaping). Control characters become spaces ("\n" forces a line break in paragraphs,
//     cells and header lines). Characters the font has no glyph for, checked against the
//     font's own cmap, become U+FFFD (or "?" if the font lacks it); fpdf would otherwise
//     print a box, and it panics on characters above U+FFFF. Upper case (profile "case:
//     upper") is applied by the renderer; everything else is printed as given: numbers are
//     formatted by the content layer.
//   - Line breaking is our own (greedy, at spaces; a word wider than the line is cut
//     between characters). Justified lines place each word; the last line of a paragraph
//     and lines before a forced break are not justified. Paragraphs avoid a single line at
//     the bottom or top of a page. A lone word on the last line of centred text (subject
//     lines, header) is avoided by narrowing the lines.
//   - Headings keep with the start of the next block (two lines, a table's title, header
//     and first row, or a whole vertical chart). The last lines of the body move to the
//     closing page if the closing block (recipients + signature, never split) does not
//     fit after them, so the signature never stands alone on a page.
//   - Page numbers: from profile page_number.from_page (2), centred over the text width in
//     the top margin, continuing across landscape pages. Appendices start on a new page;
//     OrientationAuto chooses landscape when a table of the appendix needs more than the
//     portrait text width at the profile's table font size (text columns count with
//     min(content, table.min_text_column_mm)).
//   - Tables: column widths share the text width by Column.Weight (all zero: by natural
//     content width), never below the longest word or the whole number of a column. If
//     even that does not fit, the table font shrinks (to table.min_size_pt at most), then
//     the columns are scaled. Header rows repeat on every page; a row moves whole to the
//     next page, except a row taller than a page, which is split between lines. Subtotal and
//     total rows are bold with their profile fill; TableRow.Level indents IndentColumn.
//     Rows with fewer cells than columns are padded with blanks; more is an error.
//   - Charts are drawn with lines, rectangles and text. ChartBarTarget uses vertical bars
//     if the categories are few (≤ chart.horizontal_threshold) and every label fits its
//     slot in three lines, otherwise horizontal bars: one slot per category, tall enough
//     for its wrapped name, with value labels, the target as a dashed line and axis ticks
//     above and below; if the categories do not fit the page, the chart continues on the
//     next page with its axes repeated. ChartTrend draws bars and lines on a left and a
//     right axis (the right axis has the same number of intervals so the gridlines serve
//     both) with a legend. Percent values are fractions. Ticks and value labels are
//     formatted by Options.FormatValue, FormatValueVN by default ("1.234.567", "12,5%"):
//     the renderer picks the tick values, the content layer may pick the wording. NaN or
//     infinite values are "no data".
//   - Determinism: CreationDate and ModDate come from Options.Created (UTC; the zero time
//     writes 1970-01-01), catalogs are sorted, no document ID is written (fpdf writes one
//     only for encrypted files), compression is fixed. The same input gives the same bytes.
//   - Errors: invalid documents (table spans, bad weights, unknown block types) and
//     unusable profiles or fonts are returned as errors with Vietnamese and English text.
//     A panic inside fpdf is recovered and returned as an error.
package pdfdoc

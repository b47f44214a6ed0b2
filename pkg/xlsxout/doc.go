// Package xlsxout writes report tables and charts (the renderer-agnostic pdfdoc.Table and
// pdfdoc.Chart that pkg/tables builds) as one XLSX workbook with excelize:
// Write(w, sheets, opt).
//
// What it writes:
//
//   - Per sheet: a bold title row (Sheet.Title, else the table's or chart's title), the
//     table's Unit line right-aligned above its last column, the header rows (bold,
//     filled, wrapped, centred, bordered; HeaderRows spans become merged cells), the data
//     rows and the Note (italic) after a blank row. The panes are frozen below the header
//     of the first table of a sheet.
//   - Numbers are numeric cells, never text: KindInteger "#,##0", KindMoney "#,##0.###",
//     KindPercent "0.0%" (Values are fractions). A whole amount of money gets "#,##0", so
//     that Excel does not show a trailing decimal point ("1.234,"). KindNumber columns may
//     mix kinds (the summary): a cell whose Text contains "%" is a share ("0.0%"), else a
//     whole number "#,##0", else "#,##0.###". NoValue cells and NaN/±Inf values are
//     written as their Text (e.g. "–"), right-aligned, as text.
//   - Text is always a string cell (a shared string, never a formula), whatever it starts
//     with (= + - @ '). It is made safe for XML: invalid UTF-8 and U+FFFE/U+FFFF become
//     U+FFFD, control characters other than tab, LF and CR become spaces, and a literal
//     "_xHHHH_" is escaped ("_x005F_xHHHH_") so that Excel shows it as written rather than
//     decoding it (excelize does not escape shared strings). Excel's 32,767-character cell
//     limit is applied as excelize applies it (truncation to 32,767 UTF-16 units).
//   - Outline: a row with Level n > 0 gets outline level n (at most 7), so cơ sở rows
//     group under their đảng ủy row; summary rows are above the detail
//     (OutlineSummaryBelow false). The table's IndentColumn is indented by Level steps.
//     Subtotal and total rows are bold with a light fill; Cell.Bold/Italic are honoured;
//     Cell.Span merges cells.
//   - Column widths are estimated from the content: the longest line of every cell (plus
//     two per indent step), headers by their longest word and at most 18 characters (they
//     wrap), within 6–60 characters. Text columns wrap.
//   - Charts: the data block is written on the sheet (categories in column A, one column
//     per series, the target as a constant column) and a native chart to its right refers
//     to it: bar series as a clustered column chart, line series as line charts, lines on
//     AxisRight on a secondary axis, the target as a dashed red line on the primary axis.
//     Horizontal bars are not used (Excel cannot combine them with a line). Bars on
//     AxisRight are drawn on the primary axis. NaN values are blank cells (gaps). A chart
//     without categories or series gets its data block and a "no data" line instead.
//     Axis number formats: "0%" for percent, "#,##0" otherwise.
//   - Sheet names: NFC; control characters become spaces and []:*?/\ become "-"; leading
//     and trailing apostrophes and spaces are removed; characters outside the BMP become
//     U+FFFD; at most 31 characters; "History" (reserved) gets a suffix; an empty name
//     becomes "Trang n" ("Sheet n" in English). Sheets whose names are equal after this
//     (ignoring case) share one worksheet, their contents stacked with a blank row
//     between (that is how tables.Set.All puts both charts on "Biểu đồ"). A workbook
//     without sheets has one empty sheet.
//   - Errors: header rows that do not tile the columns, and rows whose cells (with spans)
//     exceed the columns, are *Error values (English and Vietnamese, the same rules as
//     pkg/pdfdoc), and so is a sheet longer or wider than Excel allows (1,048,576 rows,
//     16,384 columns); nothing is written to w then. A panic inside excelize is recovered
//     and returned as an *Error.
//
// How (speed): excelize writes everything but the cells: the workbook, the styles
// (created in first-use order), merges, column widths, panes, outline settings, charts
// and document properties. The cells are kept by this package (sheetdata.go), and each
// worksheet's <sheetData> and the shared string table are written directly, byte for
// byte as excelize writes the same cells: excelize's per-cell calls and its
// encoding/xml marshalling of every cell were most of the time of a national workbook
// (~0.8 s of CPU for 2,041 units, now ~0.1 s). The package excelize writes is captured
// through File.SetZipWriter (pkg.go), those parts are replaced, and the parts are
// compressed in parallel with klauspost/compress/flate (level 7: a little smaller than
// archive/zip's default, in about 60% of its time). excelize's StreamWriter is not used:
// it writes text as inline strings rather than shared strings, and its parts in map
// order.
//
// Determinism: the document properties Created and Modified come from Options.Created
// (UTC, whole seconds; the zero time writes 1970-01-01T00:00:00Z), Creator is "vdhv",
// styles are created in first-use order, the parts are written in excelize's order (each
// compressed on its own, so the bytes do not depend on the schedule), and the image
// <Default> content types, which excelize appends in map order when a chart is added,
// are sorted. The same input gives the same bytes.
package xlsxout

// Package xlsxread is a bounded, streaming reader for the .xlsx workbooks
// that units submit (form VDHV-01), plus file-type sniffing.
//
// It exists because the product needs, per cell, the stored type, the style
// (number format → is it a date; font → legacy TCVN3 fonts such as
// ".VnTime"), the formula text and its cached value, row by row, with hard
// memory bounds on hostile files and about 1 ms per typical file
// (BenchmarkReadTypical). excelize stays the writer and the engine of Calc,
// the fallback for formulas without a cached value.
//
// # Use
//
//	wb, err := xlsxread.Open(path, xlsxread.Limits{}) // zero fields = defaults
//	// err: *FormatError (not a readable .xlsx; see Kind) or *LimitError
//	for _, s := range wb.Sheets() {
//		err = wb.Rows(s.Name, func(r xlsxread.Row) error { ...; return nil })
//	}
//
// A Workbook is not safe for concurrent use; open one per goroutine.
//
// # Speed
//
// A cold aggregation reads thousands of files, so the reader avoids work it does
// not need, each fast path checked against plain reading (TestFastPathsReadLikePlain,
// FuzzFastPathsLikePlain, FuzzLazySST):
//   - deflated parts are inflated straight from the file's bytes with
//     klauspost/compress/flate (inflate.go), a third faster than compress/flate;
//   - the shared string table is read lazily (sst.go): files saved by Excel or
//     LibreOffice number strings in order of first use, so the long lists of the
//     hidden `Danh mục` sheet and the `Hướng dẫn` prose, at the end, are never
//     inflated;
//   - a row of empty styled cells is skipped in one pass (scanner.skipEmptyChildren);
//   - the XML scanner finds a tag's end with IndexByte when no quote can hide it.
//
// # Limits and why
//
// Every bound is checked while reading, never trusted from headers:
//
//   - MaxFileBytes (50 MiB): the whole file is held in memory; a real form
//     is 10–100 KB.
//   - MaxParts (10,000 zip entries): archive/zip allocates ~200 bytes per
//     central-directory entry, so a 50 MiB archive of empty entries would
//     cost ~250 MB before any part is read. The count of central-directory
//     signatures is checked before archive/zip lists the archive.
//   - MaxPartBytes (100 MiB) and MaxTotalBytes (300 MiB): uncompressed bytes
//     are counted as they are decompressed, so a zip bomb stops after
//     MaxPartBytes no matter what its headers say (a part longer than its
//     header's size is reported as a corrupt archive, as archive/zip does).
//     Sheets are streamed through a 32 KiB window; the shared string table is
//     inflated only as far as the cells need (sst.go) and kept as inflated, so it
//     is bounded by MaxPartBytes and MaxSharedStrings.
//   - MaxRows (100,000) and MaxCols (200): the highest row and column that
//     hold data (a value or a formula). Empty, merely styled rows and cells
//     (LibreOffice writes many) do not count and are skipped — a row holding
//     only empty cells is skipped whole, without checking their references
//     (scanner.skipEmptyChildren). The form needs
//     a few hundred rows and ~20 columns.
//   - MaxCellBytes (32 KiB): one cell's text, formula or one shared string;
//     Excel's own limit is 32,767 characters.
//   - MaxSharedStrings (1,000,000): entries in the shared string table, counted
//     as far as it is read; 4 bytes of offset are kept per entry, and the
//     strings decoded so far.
//   - MaxXMLDepth (64): element nesting; real parts nest fewer than 10 deep.
//
// Fixed bounds of the XML scanner: a tag (name and attributes) is at most
// 64 KiB, an entity reference at most 32 bytes; beyond that the part is
// malformed (*FormatError).
//
// # XML
//
// Parts are read by a small hand-written scanner (scan.go), about 10× faster
// than encoding/xml and allocation-free per token. It is fuzzed against
// encoding/xml (FuzzScanner) and against itself with one-byte reads. It
// rejects <!DOCTYPE> (so no entity can be declared: entity bombs are
// impossible), decodes only the five predefined entities and character
// references, checks that end tags match, normalises line ends (XML 1.0
// §2.11) and whitespace in attribute values, and accepts a UTF-8 BOM. It
// does not resolve namespaces: elements are matched by local name (so "x:"
// prefixes of the OpenXML SDK work) and the relationship id of <sheet> is
// any prefixed attribute named "id". Encodings other than UTF-8 are not
// supported (UTF-16 is rejected); invalid UTF-8 bytes are replaced by '?'.
// Text outside the elements the reader asks for is skipped without checks.
//
// # Decisions where the specification is silent
//
//   - Rows reports only rows with at least one non-empty cell, and only
//     non-empty cells: a cell is empty when it has neither a value nor a
//     formula; a string cell whose text is "" and that has no formula is
//     empty too. Whitespace is kept as written (xml:space is not needed).
//   - Numbers, booleans, errors and t="d" dates are trimmed of surrounding
//     whitespace; booleans "true"/"false" become "1"/"0".
//   - Shared, inline and formula strings decode ECMA-376 _xHHHH_ escapes
//     (Excel writes a carriage return as _x000D_), like excelize.
//   - Rich text runs are concatenated; phonetic runs (<rPh>) are ignored.
//   - Rows must have ascending numbers and cells ascending columns; anything
//     else (duplicates included) is a *FormatError, as Excel refuses such
//     files. A row without r follows the previous row, or takes the row of
//     its first cell's reference; a cell without r follows the previous
//     cell.
//   - A shared formula's dependent cells get the master cell's text
//     unchanged and Shared = true.
//   - Unknown cell types (t="x") and unparsable s or shared-string indexes
//     are *FormatError; a style index beyond cellXfs is allowed
//     (IsDateStyle false, FontName "").
//   - Part names are looked up exactly, then case-insensitively, then
//     URL-unescaped; backslashes in zip names are read as slashes. Missing
//     package relationships fall back to xl/workbook.xml, and missing
//     workbook relationships for styles and shared strings to the usual
//     names next to the workbook part.
//   - Sheets() lists every <sheet> of the workbook, whatever its
//     relationship type (a chart sheet simply has no rows).
//   - A custom number format defined for a built-in id (0–163) overrides the
//     built-in classification.
//   - Sniff decides zip archives by entries: xl/workbook.xml → xlsx,
//     xl/workbook.bin → xlsb, mimetype → ods, else by [Content_Types].xml;
//     OLE files are "encrypted" when a directory entry is named
//     EncryptionInfo (an encrypted .xls with RC4 has none and is "xls"). Text
//     is "no NUL byte and under 2% control characters in the first 8 KiB",
//     so 8-bit legacy encodings count as text. Only files starting with "PK"
//     are tried as zip archives.
//   - Calc returns excelize's raw value (RawCellValue) and turns a panic of
//     the engine into an error.
//   - Error texts are English; callers localise by FormatError.Kind and
//     LimitError.What.
package xlsxread

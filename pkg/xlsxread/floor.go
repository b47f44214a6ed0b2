package xlsxread

// TokenizeAll is the floor of reading a workbook, for benchmarks: it opens data like
// OpenBytes (package relationships, workbook.xml, styles.xml), then inflates every sheet's
// part and the shared string table and runs them through the reader's XML scanner, doing
// nothing with the tokens. It returns the number of uncompressed bytes scanned in the
// sheets and shared strings. Any reading of a VDHV-01 form costs at least this much; the
// ratio of a real read to it says how much the reader adds on top of unzipping and
// tokenizing.
func TokenizeAll(data []byte, lim Limits) (int64, error) {
	wb, err := OpenBytes(data, lim)
	if err != nil {
		return 0, err
	}
	defer wb.Close()
	parts := []string{}
	if wb.findPart(wb.sstPart) != nil {
		parts = append(parts, wb.sstPart)
	}
	for _, s := range wb.sheets {
		if s.part != "" {
			parts = append(parts, s.part)
		}
	}
	var n int64
	for _, p := range parts {
		before := wb.total
		if err := wb.parsePart(p, "", func(*scanner, tokKind) error { return nil }); err != nil {
			return n, err
		}
		n += wb.total - before
	}
	return n, nil
}

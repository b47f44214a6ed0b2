package xlsxread

// Limits bounds the resources spent on one workbook. A zero or negative
// field means the default of DefaultLimits.
type Limits struct {
	MaxFileBytes     int64 // size of the file itself; default 50 MiB
	MaxPartBytes     int64 // uncompressed bytes of one zip part, counted while reading; default 100 MiB
	MaxTotalBytes    int64 // uncompressed bytes read from the archive over the workbook's life; default 300 MiB
	MaxRows          int   // highest row number holding data, per sheet; default 100_000
	MaxCols          int   // highest column number holding data; default 200
	MaxCellBytes     int   // bytes of one cell's text, formula or shared string; default 32 KiB
	MaxSharedStrings int   // entries in the shared string table; default 1_000_000
	MaxXMLDepth      int   // element nesting in any XML part; default 64
	MaxParts         int   // entries in the zip central directory; default 10_000
}

// DefaultLimits returns the limits used for fields left at zero.
func DefaultLimits() Limits {
	return Limits{
		MaxFileBytes:     50 << 20,
		MaxPartBytes:     100 << 20,
		MaxTotalBytes:    300 << 20,
		MaxRows:          100_000,
		MaxCols:          200,
		MaxCellBytes:     32 << 10,
		MaxSharedStrings: 1_000_000,
		MaxXMLDepth:      64,
		MaxParts:         10_000,
	}
}

func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	if l.MaxFileBytes > 0 {
		d.MaxFileBytes = l.MaxFileBytes
	}
	if l.MaxPartBytes > 0 {
		d.MaxPartBytes = l.MaxPartBytes
	}
	if l.MaxTotalBytes > 0 {
		d.MaxTotalBytes = l.MaxTotalBytes
	}
	if l.MaxRows > 0 {
		d.MaxRows = l.MaxRows
	}
	if l.MaxCols > 0 {
		d.MaxCols = l.MaxCols
	}
	if l.MaxCellBytes > 0 {
		d.MaxCellBytes = l.MaxCellBytes
	}
	if l.MaxSharedStrings > 0 {
		d.MaxSharedStrings = l.MaxSharedStrings
	}
	if l.MaxXMLDepth > 0 {
		d.MaxXMLDepth = l.MaxXMLDepth
	}
	if l.MaxParts > 0 {
		d.MaxParts = l.MaxParts
	}
	return d
}

package gen

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strconv"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"

	"github.com/vdhv/vdhv/pkg/form"
	"github.com/vdhv/vdhv/pkg/period"
	"github.com/vdhv/vdhv/pkg/units"
)

// workbookWriter turns a submission (and an edit) into the bytes of a workbook.
type workbookWriter interface {
	write(sub *form.Submission, e *edit) ([]byte, error)
}

// exactWriter builds every workbook with form.Write: what `vdhv template` users get.
type exactWriter struct {
	opt form.WriteOptions
}

func newExactWriter(tree *units.Tree, w period.Windows) *exactWriter {
	return &exactWriter{opt: form.WriteOptions{Units: tree, Windows: w}}
}

func (x *exactWriter) write(sub *form.Submission, e *edit) ([]byte, error) {
	if e != nil && e.xls {
		return fakeXLS(), nil
	}
	var buf bytes.Buffer
	if err := form.Write(&buf, sub, x.opt); err != nil {
		return nil, err
	}
	if e == nil || len(e.cells) == 0 {
		return buf.Bytes(), nil
	}
	return applyCellEdits(buf.Bytes(), e.cells)
}

// columnIndex returns the 1-based column of key in a unit file's table sheet, 0 if none.
func columnIndex(sheet, key string) int {
	s := form.SheetByName(sheet)
	if s == nil {
		return 0
	}
	for i, c := range form.ColumnsFor(s, false) {
		if c.Key == key {
			return i + 1
		}
	}
	return 0
}

// applyCellEdits changes a workbook written by form.Write with excelize.
func applyCellEdits(data []byte, edits []cellEdit) ([]byte, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }()
	for _, ce := range edits {
		col := columnIndex(ce.sheet, ce.col)
		if col == 0 {
			return nil, fmt.Errorf("no column %q on sheet %q", ce.col, ce.sheet)
		}
		name, _ := excelize.ColumnNumberToName(col)
		if ce.dropCol {
			if err := f.RemoveCol(ce.sheet, name); err != nil {
				return nil, err
			}
			continue
		}
		cell, _ := excelize.CoordinatesToCellName(col, form.TableHeaderRow+1+ce.row)
		if ce.font != "" {
			style, err := f.NewStyle(&excelize.Style{NumFmt: 49, Font: &excelize.Font{Family: ce.font, Size: 12}})
			if err != nil {
				return nil, err
			}
			if err := f.SetCellStyle(ce.sheet, cell, cell, style); err != nil {
				return nil, err
			}
		}
		if ce.number != "" {
			v, err := strconv.ParseFloat(ce.number, 64)
			if err != nil {
				return nil, err
			}
			if err := f.SetCellFloat(ce.sheet, cell, v, -1, 64); err != nil {
				return nil, err
			}
			continue
		}
		if err := f.SetCellStr(ce.sheet, cell, ce.text); err != nil {
			return nil, err
		}
	}
	var out bytes.Buffer
	if _, err := f.WriteTo(&out); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// fakeXLS returns a small OLE compound file holding a `Workbook` stream that starts with a
// BIFF8 BOF record: what Excel 97–2003 (.xls) files look like to a reader that sniffs them.
// It is not a complete workbook; vdhv only has to recognise it and say "save as .xlsx".
func fakeXLS() []byte {
	const sector = 512
	le := binary.LittleEndian
	out := make([]byte, sector*4) // header, FAT, directory, stream data
	h := out[:sector]
	copy(h, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	le.PutUint16(h[0x18:], 0x003E) // minor version
	le.PutUint16(h[0x1A:], 0x0003) // major version 3 (512-byte sectors)
	le.PutUint16(h[0x1C:], 0xFFFE) // little-endian
	le.PutUint16(h[0x1E:], 9)      // sector shift: 512
	le.PutUint16(h[0x20:], 6)      // mini sector shift: 64
	le.PutUint32(h[0x2C:], 1)      // FAT sectors
	le.PutUint32(h[0x30:], 1)      // first directory sector
	le.PutUint32(h[0x38:], 0x1000) // mini stream cutoff
	le.PutUint32(h[0x3C:], 0xFFFFFFFE)
	le.PutUint32(h[0x44:], 0xFFFFFFFE)
	for i := 0; i < 109; i++ {
		le.PutUint32(h[0x4C+4*i:], 0xFFFFFFFF)
	}
	le.PutUint32(h[0x4C:], 0) // the FAT is sector 0
	// FAT: sector 0 FAT, 1 directory (end), 2 stream (end); the rest free.
	fat := out[sector : 2*sector]
	for i := 0; i < sector/4; i++ {
		le.PutUint32(fat[4*i:], 0xFFFFFFFF)
	}
	le.PutUint32(fat[0:], 0xFFFFFFFD)
	le.PutUint32(fat[4:], 0xFFFFFFFE)
	le.PutUint32(fat[8:], 0xFFFFFFFE)
	dir := out[2*sector : 3*sector]
	entry := func(i int, name string, typ byte, child, start, size uint32) {
		e := dir[128*i : 128*(i+1)]
		u := utf16.Encode([]rune(name))
		for j, c := range u {
			le.PutUint16(e[2*j:], c)
		}
		le.PutUint16(e[0x40:], uint16(2*(len(u)+1)))
		e[0x42] = typ
		e[0x43] = 1 // black
		le.PutUint32(e[0x44:], 0xFFFFFFFF)
		le.PutUint32(e[0x48:], 0xFFFFFFFF)
		le.PutUint32(e[0x4C:], child)
		le.PutUint32(e[0x74:], start)
		le.PutUint32(e[0x78:], size)
	}
	// The directory is sector 1 of the file's sector numbering (header excluded): FAT 0,
	// directory 1, stream 2.
	entry(0, "Root Entry", 5, 1, 0xFFFFFFFE, 0)
	entry(1, "Workbook", 2, 0xFFFFFFFF, 2, sector)
	for i := 2; i < 4; i++ {
		le.PutUint32(dir[128*i+0x44:], 0xFFFFFFFF)
		le.PutUint32(dir[128*i+0x48:], 0xFFFFFFFF)
		le.PutUint32(dir[128*i+0x4C:], 0xFFFFFFFF)
	}
	// BIFF8 BOF record: type 0x0809, length 16, version 0x0600, workbook globals 0x0005.
	s := out[3*sector:]
	le.PutUint16(s[0:], 0x0809)
	le.PutUint16(s[2:], 16)
	le.PutUint16(s[4:], 0x0600)
	le.PutUint16(s[6:], 0x0005)
	le.PutUint16(s[8:], 0x2775) // build
	le.PutUint16(s[10:], 0x07CD)
	// EOF record.
	le.PutUint16(s[20:], 0x000A)
	return out
}

package xlsxread

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"io"
	"strings"
)

// Kind is the type of a file as decided from its bytes.
type Kind int

const (
	KindUnknown    Kind = iota // none of the below (binary data)
	KindXLSX                   // Office Open XML workbook (.xlsx, .xlsm, .xltx)
	KindXLS                    // OLE compound file without encryption: BIFF .xls (or another OLE document)
	KindEncrypted              // OLE compound file with an EncryptionInfo stream: password-protected OOXML
	KindXLSB                   // Excel binary workbook
	KindODS                    // OpenDocument spreadsheet
	KindZip                    // readable zip archive that is not a spreadsheet
	KindText                   // text: CSV, HTML, XML (including Excel 2003 XML), plain text
	KindEmpty                  // zero bytes
	KindCorruptZip             // starts like a zip archive but cannot be read
)

// String returns a stable lowercase identifier.
func (k Kind) String() string {
	switch k {
	case KindXLSX:
		return "xlsx"
	case KindXLS:
		return "xls"
	case KindEncrypted:
		return "encrypted"
	case KindXLSB:
		return "xlsb"
	case KindODS:
		return "ods"
	case KindZip:
		return "zip"
	case KindText:
		return "text"
	case KindEmpty:
		return "empty"
	case KindCorruptZip:
		return "corrupt"
	default:
		return "unknown"
	}
}

var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// sniffMaxParts bounds the entries Sniff lets archive/zip list.
const sniffMaxParts = 10_000

// Sniff decides the type from bytes, never from the file name. It reads the
// first 8 KiB; OLE files are searched for an EncryptionInfo directory entry
// (first directory sector, else every 128-byte slot of the first 64 MiB);
// files starting with "PK" are read once whole to count central-directory
// entries (more than 10,000: reported as KindZip without being listed), then
// listed by archive/zip, and [Content_Types].xml or mimetype may be read
// (at most 1 MiB).
func Sniff(r io.ReaderAt, size int64) Kind {
	k, _, _ := sniff(r, nil, size, sniffMaxParts)
	return k
}

// sniff returns the kind and, for readable zip archives, the zip reader. err
// is a *LimitError when the archive has more than maxParts entries (the
// kind is then KindZip and the reader nil).
// data, when not nil, holds the whole file (and r reads it).
func sniff(r io.ReaderAt, data []byte, size int64, maxParts int) (Kind, *zip.Reader, error) {
	if size <= 0 {
		return KindEmpty, nil, nil
	}
	head := make([]byte, min(size, 8<<10))
	n, _ := r.ReadAt(head, 0)
	head = head[:n]
	if n == 0 {
		return KindEmpty, nil, nil
	}
	switch {
	case bytes.HasPrefix(head, oleMagic):
		if oleHasEncryptionInfo(r, size) {
			return KindEncrypted, nil, nil
		}
		return KindXLS, nil, nil
	case bytes.HasPrefix(head, []byte("PK")):
		return sniffZip(r, data, size, maxParts)
	case looksLikeText(head, int64(n) == size):
		return KindText, nil, nil
	}
	return KindUnknown, nil, nil
}

func sniffZip(r io.ReaderAt, data []byte, size int64, maxParts int) (Kind, *zip.Reader, error) {
	var c int
	if data != nil {
		c = bytes.Count(data, []byte("PK\x01\x02"))
	} else {
		c = countCentralHeaders(r, size, maxParts)
	}
	if c > maxParts {
		return KindZip, nil, &LimitError{What: "parts", Limit: int64(maxParts)}
	}
	zr, err := zip.NewReader(r, size)
	if err != nil && !(err == zip.ErrInsecurePath && zr != nil) {
		return KindCorruptZip, nil, nil
	}
	var hasWorkbookXML, hasWorkbookBin bool
	var mimetype, contentTypes *zip.File
	for _, f := range zr.File {
		switch strings.ToLower(normalizeName(f.Name)) {
		case "xl/workbook.xml":
			hasWorkbookXML = true
		case "xl/workbook.bin":
			hasWorkbookBin = true
		case "mimetype":
			mimetype = f
		case "[content_types].xml":
			contentTypes = f
		}
	}
	switch {
	case hasWorkbookXML:
		return KindXLSX, zr, nil
	case hasWorkbookBin:
		return KindXLSB, zr, nil
	}
	if mimetype != nil {
		b := readSmall(mimetype, 256)
		if strings.HasPrefix(strings.TrimSpace(string(b)), "application/vnd.oasis.opendocument.spreadsheet") {
			return KindODS, zr, nil
		}
	}
	if contentTypes != nil {
		b := readSmall(contentTypes, 1<<20)
		switch {
		case bytes.Contains(b, []byte("sheet.binary.macroEnabled.main")):
			return KindXLSB, zr, nil
		case bytes.Contains(b, []byte("spreadsheetml.sheet.main+xml")),
			bytes.Contains(b, []byte("spreadsheetml.template.main+xml")),
			bytes.Contains(b, []byte("ms-excel.sheet.macroEnabled.main+xml")),
			bytes.Contains(b, []byte("ms-excel.template.macroEnabled.main+xml")):
			return KindXLSX, zr, nil
		}
	}
	return KindZip, zr, nil
}

// readSmall returns up to max bytes of a zip entry, nil on any error.
func readSmall(f *zip.File, max int64) []byte {
	rc, err := f.Open()
	if err != nil {
		return nil
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, max))
	if err != nil {
		return nil
	}
	return b
}

// countCentralHeaders counts central-directory signatures in the file, an
// upper bound of the entries archive/zip would list (it reads headers until
// one is bad). It stops counting past limit.
func countCentralHeaders(r io.ReaderAt, size int64, limit int) int {
	sig := []byte("PK\x01\x02")
	buf := make([]byte, min(size, 64<<10))
	count := 0
	var off int64
	for off < size {
		n, err := r.ReadAt(buf, off)
		if n <= 0 {
			break
		}
		count += bytes.Count(buf[:n], sig)
		if count > limit {
			return count
		}
		if err != nil || off+int64(n) >= size {
			break
		}
		off += int64(n - (len(sig) - 1)) // overlap so no signature is split
	}
	return count
}

// looksLikeText reports whether b (the start of a file) is text: no NUL byte
// (unless it starts with a UTF-16 BOM) and almost no control characters.
// Bytes >= 0x80 are allowed, so legacy 8-bit encodings (TCVN3, VNI,
// Windows-1258 CSV exports) count as text.
func looksLikeText(b []byte, whole bool) bool {
	if bytes.HasPrefix(b, []byte{0xFF, 0xFE}) || bytes.HasPrefix(b, []byte{0xFE, 0xFF}) {
		return true
	}
	bad := 0
	for _, c := range b {
		switch {
		case c == 0:
			return false
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1A, c == 0x7F:
			bad++
		}
	}
	return bad*50 <= len(b)
}

// oleHasEncryptionInfo reports whether an OLE compound file has a directory
// entry named "EncryptionInfo" (ECMA-376 encrypted package). It first looks
// at the first directory sector named by the header, then falls back to
// scanning every 128-byte aligned slot of the first 64 MiB.
func oleHasEncryptionInfo(r io.ReaderAt, size int64) bool {
	hdr := make([]byte, 512)
	if n, _ := r.ReadAt(hdr, 0); n < 512 {
		return scanOLEEntries(r, size)
	}
	shift := binary.LittleEndian.Uint16(hdr[0x1E:])
	dirSect := binary.LittleEndian.Uint32(hdr[0x30:])
	if shift == 9 || shift == 12 {
		ss := int64(1) << shift
		off := (int64(dirSect) + 1) * ss
		if dirSect < 0xFFFFFFFA && off+ss <= size {
			sec := make([]byte, ss)
			if n, _ := r.ReadAt(sec, off); int64(n) == ss {
				for i := int64(0); i+128 <= ss; i += 128 {
					if isEncryptionInfoEntry(sec[i : i+128]) {
						return true
					}
				}
			}
		}
	}
	return scanOLEEntries(r, size)
}

func scanOLEEntries(r io.ReaderAt, size int64) bool {
	const maxScan = 64 << 20
	buf := make([]byte, 64<<10) // multiple of 128
	for off := int64(512); off < size && off < maxScan; off += int64(len(buf)) {
		n, _ := r.ReadAt(buf, off)
		for i := 0; i+128 <= n; i += 128 {
			if isEncryptionInfoEntry(buf[i : i+128]) {
				return true
			}
		}
		if n < len(buf) {
			break
		}
	}
	return false
}

var encryptionInfoUTF16 = func() []byte {
	var b []byte
	for _, c := range "EncryptionInfo" {
		b = append(b, byte(c), 0)
	}
	return append(b, 0, 0)
}()

// isEncryptionInfoEntry checks a 128-byte CFB directory entry.
func isEncryptionInfoEntry(e []byte) bool {
	return e[0] == 'E' && binary.LittleEndian.Uint16(e[64:]) == uint16(len(encryptionInfoUTF16)) &&
		e[66] == 2 && bytes.Equal(e[:len(encryptionInfoUTF16)], encryptionInfoUTF16)
}

// normalizeName turns a zip entry name into a part name: forward slashes, no
// leading slash.
func normalizeName(n string) string {
	if strings.IndexByte(n, '\\') >= 0 {
		n = strings.ReplaceAll(n, "\\", "/")
	}
	return strings.TrimLeft(n, "/")
}

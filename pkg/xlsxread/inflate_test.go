package xlsxread

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"hash/crc32"
	"io"
	"testing"
)

// rawDeflateZip writes one deflated part with the given header CRC and size.
func rawDeflateZip(t *testing.T, body []byte, crc uint32, size uint64) []byte {
	t.Helper()
	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.BestSpeed)
	fw.Write(body)
	fw.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "p", Method: zip.Deflate, CRC32: crc,
		CompressedSize64: uint64(comp.Len()), UncompressedSize64: size})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(comp.Bytes())
	zw.Close()
	return buf.Bytes()
}

// TestInflaterChecksLikeArchiveZip: the fast inflater refuses what archive/zip refuses,
// with the same errors, and reads what it reads.
func TestInflaterChecksLikeArchiveZip(t *testing.T) {
	body := bytes.Repeat([]byte("<row><c r=\"A1\" s=\"7\"/></row>"), 5000)
	sum := crc32.ChecksumIEEE(body)
	for _, tc := range []struct {
		name string
		crc  uint32
		size uint64
		want error
	}{
		{"good", sum, uint64(len(body)), nil},
		{"no CRC in the header", 0, uint64(len(body)), nil},
		{"wrong CRC", sum + 1, uint64(len(body)), zip.ErrChecksum},
		{"longer than its header says", sum, uint64(len(body)) - 1, zip.ErrFormat},
		{"shorter than its header says", sum, uint64(len(body)) + 1, io.ErrUnexpectedEOF},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := rawDeflateZip(t, body, tc.crc, tc.size)
			zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
			if err != nil {
				t.Fatal(err)
			}
			f := zr.File[0]
			rc, ok := openDeflate(f, data)
			if !ok {
				t.Fatal("not taken by the fast inflater")
			}
			got, err := io.ReadAll(rc)
			rc.Close()
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			ref, _ := f.Open()
			refGot, refErr := io.ReadAll(ref)
			if !errors.Is(refErr, tc.want) {
				t.Errorf("archive/zip: err = %v, want %v", refErr, tc.want)
			}
			if tc.want == nil && (!bytes.Equal(got, body) || !bytes.Equal(refGot, body)) {
				t.Error("content differs")
			}
		})
	}
	// A part whose data would lie beyond the file is left to archive/zip.
	data := rawDeflateZip(t, body, sum, uint64(len(body)))
	zr, _ := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if _, ok := openDeflate(zr.File[0], data[:40]); ok {
		t.Error("took a part beyond the data")
	}
}

package xlsxread

import (
	"archive/zip"
	"bytes"
	"hash"
	"hash/crc32"
	"io"
	"sync"

	kflate "github.com/klauspost/compress/flate"
)

// Parts compressed with deflate (all of them, in practice) are inflated straight from the
// file's bytes held in memory, with github.com/klauspost/compress/flate, instead of through
// archive/zip's File.Open: its inflater is about a third faster than compress/flate's on
// these parts, and reading from a bytes.Reader (an io.ByteReader) spares the bufio layer
// compress/flate adds over archive/zip's section reader. Inflating the sheets is the largest
// single cost of a cold aggregation. The checks archive/zip makes are kept: the part may
// not inflate to more than its header's size (zip.ErrFormat) nor to less
// (io.ErrUnexpectedEOF), and its CRC-32 must match when the header gives one
// (zip.ErrChecksum). Any other method, and a part whose data lies outside the file, goes
// through archive/zip.

// inflater is a pooled deflate reader over one part's compressed bytes.
type inflater struct {
	src  bytes.Reader
	fr   io.ReadCloser
	crc  hash.Hash32
	want uint64 // uncompressed size from the header
	sum  uint32 // CRC-32 from the header, 0 = unchecked
	n    uint64
	done bool
	err  error
}

var inflaterPool = sync.Pool{New: func() any { return &inflater{crc: crc32.NewIEEE()} }}

// openDeflate returns a reader of f's uncompressed bytes, or ok=false when f must be read
// through archive/zip.
func openDeflate(f *zip.File, data []byte) (io.ReadCloser, bool) {
	if f.Method != zip.Deflate {
		return nil, false
	}
	off, err := f.DataOffset()
	if err != nil || off < 0 || f.CompressedSize64 > uint64(len(data)) || off > int64(len(data))-int64(f.CompressedSize64) {
		return nil, false
	}
	in := inflaterPool.Get().(*inflater)
	in.src.Reset(data[off : off+int64(f.CompressedSize64)])
	if in.fr == nil {
		in.fr = kflate.NewReader(&in.src)
	} else if err := in.fr.(kflate.Resetter).Reset(&in.src, nil); err != nil {
		in.fr = kflate.NewReader(&in.src)
	}
	in.crc.Reset()
	in.want, in.sum, in.n, in.done, in.err = f.UncompressedSize64, f.CRC32, 0, false, nil
	return in, true
}

func (in *inflater) Read(b []byte) (int, error) {
	if in.err != nil {
		return 0, in.err
	}
	if in.done {
		return 0, io.EOF
	}
	n, err := in.fr.Read(b)
	in.crc.Write(b[:n])
	in.n += uint64(n)
	if in.n > in.want {
		in.err = zip.ErrFormat
		return 0, in.err
	}
	switch {
	case err == io.EOF:
		in.done = true
		if in.n != in.want {
			in.err = io.ErrUnexpectedEOF
			return n, in.err
		}
		if in.sum != 0 && in.crc.Sum32() != in.sum {
			in.err = zip.ErrChecksum
			return n, in.err
		}
	case err != nil:
		in.err = err
	}
	return n, err
}

// Close returns the inflater to the pool.
func (in *inflater) Close() error {
	if in.fr == nil {
		return nil
	}
	in.src.Reset(nil)
	inflaterPool.Put(in)
	return nil
}

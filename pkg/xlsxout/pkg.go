package xlsxout

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/klauspost/compress/flate"
)

// parts captures the package excelize writes (excelize.File.SetZipWriter): the parts in
// the order excelize creates them, uncompressed. The package is then put together by
// assemble.
type parts struct {
	names []string
	data  map[string]*bytes.Buffer
}

func (p *parts) Create(name string) (io.Writer, error) {
	if p.data == nil {
		p.data = map[string]*bytes.Buffer{}
	}
	if _, ok := p.data[name]; ok {
		return nil, errors.New("part " + name + " written twice")
	}
	b := new(bytes.Buffer)
	p.names = append(p.names, name)
	p.data[name] = b
	return b, nil
}

func (p *parts) AddFS(fs.FS) error { return errors.New("AddFS is not supported") }

func (p *parts) Close() error { return nil }

// sheetPart is the part excelize writes the n-th worksheet (0-based, in creation order)
// to.
func sheetPart(n int) string { return "xl/worksheets/sheet" + strconv.Itoa(n+1) + ".xml" }

const sstPart = "xl/sharedStrings.xml"

// sheetDataElem finds the <sheetData> element of a worksheet part written by
// encoding/xml (text and attribute values are escaped, so the first "<sheetData>" is the
// element's start, and the first "</sheetData>" after it its end).
func sheetDataElem(b []byte) (int, int, bool) {
	if i := bytes.Index(b, []byte("<sheetData/>")); i >= 0 {
		return i, i + len("<sheetData/>"), true
	}
	i := bytes.Index(b, []byte("<sheetData>"))
	if i < 0 {
		return 0, 0, false
	}
	j := bytes.Index(b[i:], []byte("</sheetData>"))
	if j < 0 {
		return 0, 0, false
	}
	return i, i + j + len("</sheetData>"), true
}

// assemble writes the package: the parts excelize wrote, in its order, except that every
// worksheet's <sheetData> is replaced by the cells kept in data (excelize's holds at most
// the one cell that made it create the shared string table), the shared string table is
// sst's, and the <Default> elements of [Content_Types].xml, which excelize appends in map
// order when a chart is added, are sorted. The parts are compressed in parallel (each
// independently, so the bytes do not depend on the schedule) and written in order.
func assemble(w io.Writer, p *parts, data []*sheetData, strs *sst) error {
	contents := make([][]byte, len(p.names))
	index := make(map[string]int, len(p.names))
	sheets := 0
	for i, name := range p.names {
		index[name] = i
		contents[i] = p.data[name].Bytes()
		if strings.HasPrefix(name, "xl/worksheets/sheet") && strings.HasSuffix(name, ".xml") {
			sheets++
		}
	}
	if sheets != len(data) {
		return fmt.Errorf("%d worksheet parts for %d sheets", sheets, len(data))
	}
	if i, ok := index["[Content_Types].xml"]; ok {
		contents[i] = sortDefaults(contents[i])
	}
	i, ok := index[sstPart]
	switch {
	case ok != (len(strs.items) > 0):
		return fmt.Errorf("shared string table: part %v, %d strings", ok, len(strs.items))
	case ok:
		contents[i] = strs.xml()
	}
	var cols colNames
	for n, d := range data {
		i, ok := index[sheetPart(n)]
		if !ok {
			return errors.New("worksheet part " + sheetPart(n) + " missing")
		}
		src := contents[i]
		from, to, ok := sheetDataElem(src)
		if !ok {
			return errors.New("no sheetData in " + sheetPart(n))
		}
		out := append([]byte(nil), src[:from]...)
		out = appendSheetData(out, d, &cols)
		contents[i] = append(out, src[to:]...)
	}
	compressed, err := compressAll(contents)
	if err != nil {
		return err
	}
	zw := zip.NewWriter(w)
	for i, name := range p.names {
		fw, err := zw.CreateRaw(&zip.FileHeader{
			Name: name, Method: zip.Deflate, CreatorVersion: 20, ReaderVersion: 20,
			CRC32:              crc32.ChecksumIEEE(contents[i]),
			CompressedSize64:   uint64(len(compressed[i])),
			UncompressedSize64: uint64(len(contents[i])),
		})
		if err != nil {
			return err
		}
		if _, err := fw.Write(compressed[i]); err != nil {
			return err
		}
	}
	return zw.Close()
}

// deflateLevel is the compression level of the parts: klauspost/compress's level 7 gives
// a package a little smaller than archive/zip's default (level 5) in about 60% of its time.
const deflateLevel = 7

// compressAll deflates every part, the largest first, on up to GOMAXPROCS goroutines.
func compressAll(contents [][]byte) ([][]byte, error) {
	out := make([][]byte, len(contents))
	order := make([]int, len(contents))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return len(contents[order[a]]) > len(contents[order[b]]) })
	workers := min(runtime.GOMAXPROCS(0), len(contents))
	next := make(chan int)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for k := 0; k < workers; k++ {
		wg.Add(1)
		go func(k int) {
			defer wg.Done()
			defer func() {
				if r := recover(); r != nil { // Write's recover does not see this goroutine
					errs[k] = fmt.Errorf("compression: %v", r)
					for range next {
					}
				}
			}()
			var fw *flate.Writer
			for i := range next {
				var b bytes.Buffer
				b.Grow(len(contents[i])/6 + 64)
				if fw == nil {
					var err error
					if fw, err = flate.NewWriter(&b, deflateLevel); err != nil {
						errs[k] = err
						continue
					}
				} else {
					fw.Reset(&b)
				}
				if _, err := fw.Write(contents[i]); err != nil {
					errs[k] = err
					continue
				}
				if err := fw.Close(); err != nil {
					errs[k] = err
					continue
				}
				out[i] = b.Bytes()
			}
		}(k)
	}
	for _, i := range order {
		next <- i
	}
	close(next)
	wg.Wait()
	return out, errors.Join(errs...)
}

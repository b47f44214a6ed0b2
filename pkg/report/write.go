package report

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/vdhv/vdhv/pkg/atomicfile"
	"github.com/vdhv/vdhv/pkg/pdfdoc"
	"github.com/vdhv/vdhv/pkg/period"
	"github.com/vdhv/vdhv/pkg/tables"
)

// Output formats.
const (
	FormatPDF  = "pdf"
	FormatXLSX = "xlsx"
)

// Formats are the output formats, in the order they are written.
var Formats = []string{FormatPDF, FormatXLSX}

// WriteOptions of Write.
type WriteOptions struct {
	// Formats to write (FormatPDF, FormatXLSX); empty: both.
	Formats []string
	// Profile is the PDF layout profile; nil: the default (36-HD/VPTW).
	Profile *pdfdoc.Profile
	// Created is written as the creation date of both files (from SOURCE_DATE_EPOCH); the
	// zero time writes 1970-01-01, never the clock.
	Created time.Time
}

// FileName is the name of a report file: "bao-cao-2025-H1.pdf".
func FileName(p period.Period, format string) string {
	return "bao-cao-" + p.String() + "." + format
}

// docTitle is the title of the files' metadata: "BÁO CÁO kết quả thực hiện …".
func docTitle(doc *pdfdoc.Document) string {
	return strings.TrimSpace(doc.DocType + " " + strings.Join(doc.Subject, " "))
}

func docAuthor(doc *pdfdoc.Document) string {
	parts := append([]string{}, doc.IssuingBody...)
	if doc.ParentBody != "" {
		parts = append(parts, doc.ParentBody)
	}
	return strings.Join(strings.Fields(strings.Join(parts, " ")), " ")
}

// RenderPDF writes the document as PDF.
func RenderPDF(w io.Writer, doc *pdfdoc.Document, opt WriteOptions) error {
	if doc == nil {
		return &Error{Message: "no document", MessageVI: "không có văn bản"}
	}
	return pdfdoc.Render(w, doc, opt.Profile, pdfdoc.Options{Created: opt.Created, Title: docTitle(doc), Author: docAuthor(doc), Subject: docTitle(doc)})
}

// Write renders the report in the chosen formats and writes dir/bao-cao-<period>.<format>
// (creating dir). Every format is rendered in memory first, so a failure writes nothing;
// each file is then written atomically (temporary file, fsync, rename), so a reader never
// sees a partial file. It returns the paths written.
func Write(dir string, p period.Period, doc *pdfdoc.Document, set *tables.Set, opt WriteOptions) ([]string, error) {
	formats := opt.Formats
	if len(formats) == 0 {
		formats = Formats
	}
	for _, f := range formats {
		if !slices.Contains(Formats, f) {
			return nil, &Error{Message: fmt.Sprintf("unknown format %q (pdf, xlsx)", f), MessageVI: fmt.Sprintf("định dạng %q không có (pdf, xlsx)", f)}
		}
	}
	type file struct {
		path string
		buf  bytes.Buffer
		err  error
	}
	// The formats are independent: each is rendered on its own goroutine (the PDF of a
	// large bloc takes as long as the XLSX and more), and the first error in the order of
	// Formats is returned, as if they had been rendered one after the other.
	var files []*file
	var wg sync.WaitGroup
	for _, f := range Formats {
		if !slices.Contains(formats, f) {
			continue
		}
		fl := &file{path: filepath.Join(dir, FileName(p, f))}
		files = append(files, fl)
		wg.Add(1)
		go func() {
			defer wg.Done()
			switch f {
			case FormatPDF:
				fl.err = RenderPDF(&fl.buf, doc, opt)
			case FormatXLSX:
				fl.err = RenderXLSX(&fl.buf, doc, set, opt)
			}
		}()
	}
	wg.Wait()
	for _, f := range files {
		if f.err != nil {
			return nil, f.err
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var paths []string
	for _, f := range files {
		if err := atomicfile.WriteFile(f.path, f.buf.Bytes(), 0o644); err != nil {
			return paths, err
		}
		paths = append(paths, f.path)
	}
	return paths, nil
}

package workspace

import (
	"bytes"
	"context"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/vdhv/vdhv/pkg/atomicfile"
	"github.com/vdhv/vdhv/pkg/finding"
	"github.com/vdhv/vdhv/pkg/form"
	"github.com/vdhv/vdhv/pkg/period"
	"github.com/vdhv/vdhv/pkg/xlsxread"
)

// Where an entry's receipt time came from.
const (
	ReceivedFromLedger = "ledger"
	ReceivedFromGit    = "git"
)

// Entry is one file found in a quarter folder.
type Entry struct {
	Path          string
	Result        *form.Result
	Received      time.Time // zero when unknown
	ReceivedKnown bool
	ReceivedFrom  string // ReceivedFromLedger, ReceivedFromGit, or "" when unknown
	// Unit is the unit the file belongs to: the code in the file when it is a unit of the
	// hierarchy, else the file name's when that is a unit code, else "".
	Unit    string
	Quarter period.Quarter // the folder's quarter
	SHA256  string         // of the file's bytes; "" when it could not be read
}

// Valid reports whether the file was read without errors.
func (e *Entry) Valid() bool {
	return e.Result != nil && e.Result.Submission != nil && !e.Result.HasErrors()
}

// Rollup reports whether the file is a roll-up (as far as it could be read).
func (e *Entry) Rollup() bool {
	return e.Result != nil && e.Result.Submission != nil && e.Result.Submission.IsRollup()
}

// scannedExt are the extensions Scan reads: .xlsx, and the spreadsheet formats a unit may
// send instead (they are read too, by content, so they get the reader's one clear error).
var scannedExt = map[string]bool{".xlsx": true, ".xls": true, ".xlsb": true, ".xlsm": true, ".xlt": true,
	".xltx": true, ".xltm": true, ".ods": true, ".ots": true, ".fods": true, ".csv": true, ".numbers": true}

// Scan finds the current submissions of the given quarters: every spreadsheet file in
// submissions/<YYYY>/Q<n>/ (any name: unit and quarter are read from the file), read and
// validated in parallel (runtime.NumCPU workers). Hidden files (".…", the .versions
// folder, temporary files) and Excel's "~$…" owner files are skipped, as are files of other
// types. progress, if not nil, is called from one goroutine after each file.
//
// Receipt times come from the ledger (the latest receipt of the same unit, quarter, kind and
// content), else, when the workspace is in a git repository and the file is committed
// unmodified, from the committer date of the last commit that added or modified it (two
// git commands for the whole scan), else they are unknown.
func (w *Workspace) Scan(quarters []period.Quarter, progress func(done, total int)) ([]Entry, error) {
	return w.ScanWith(quarters, ScanOptions{Progress: progress})
}

// ScanOptions change how ScanWith reads the files.
type ScanOptions struct {
	// Progress, if not nil, is called from one goroutine after each file (done, total).
	Progress func(done, total int)
	// Workers bounds the files read at once; 0 means runtime.NumCPU().
	Workers int
	// Light keeps a light Result in each entry: every finding, and a Submission holding
	// only Path, Info, Covered and Fingerprint (no rows, no texts of `Đánh giá`), copied
	// so that nothing of the file stays in memory. What Status needs is all there.
	Light bool
	// Reduce, if not nil (with Light), turns each valid submission into the bytes its
	// caller needs (pkg/engine: the aggregate.Digest) before the submission is dropped;
	// Use then receives them with the entry's index, for every valid entry, from the
	// reading goroutines (so it must be safe for concurrent use). The entry's Path,
	// Quarter, Result and SHA256 are set; its Unit and receipt time are not yet. Use
	// returns false when it cannot use bytes that came from the cache: the file is then
	// read afresh and Use called again.
	Reduce func(sub *form.Submission) ([]byte, error)
	Use    func(i int, e *Entry, reduced []byte) bool
	// Cache, if not nil (with Light), keeps each file's light Result and reduced bytes
	// between runs, keyed by the file's content (see OpenCache).
	Cache *Cache
}

// ScanWith is Scan with options: see ScanOptions.
func (w *Workspace) ScanWith(quarters []period.Quarter, opt ScanOptions) ([]Entry, error) {
	if !opt.Light {
		opt.Reduce, opt.Use, opt.Cache = nil, nil, nil
	}
	qs := slices.Clone(quarters)
	for _, q := range qs {
		if err := checkQuarter(q); err != nil {
			return nil, err
		}
	}
	slices.SortFunc(qs, period.Quarter.Compare)
	qs = slices.Compact(qs)

	var entries []Entry
	for _, q := range qs {
		dir := quarterDir(w.Root, q)
		ents, err := os.ReadDir(dir)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, ioErr(dir, "cannot list the folder", "không liệt kê được thư mục", err)
		}
		for _, e := range ents {
			name := e.Name()
			if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$") || atomicfile.IsTemp(name) {
				continue
			}
			if !scannedExt[strings.ToLower(filepath.Ext(name))] {
				continue
			}
			p := filepath.Join(dir, name)
			if !e.Type().IsRegular() {
				st, err := os.Stat(p) // a symbolic link: follow it
				if err != nil || !st.Mode().IsRegular() {
					continue
				}
			}
			entries = append(entries, Entry{Path: p, Quarter: q})
		}
	}

	recs, err := w.Ledger()
	if err != nil {
		return nil, err
	}
	w.readEntries(entries, opt)

	type key struct {
		unit   string
		q      period.Quarter
		rollup bool
		sha256 string
	}
	latest := map[key]*Receipt{}
	for i := range recs {
		r := &recs[i]
		k := key{strings.ToLower(r.Unit), r.Quarter, r.Rollup, r.SHA256}
		if old := latest[k]; old == nil || r.Version > old.Version {
			latest[k] = r
		}
	}
	unknown := false
	for i := range entries {
		e := &entries[i]
		if e.SHA256 == "" {
			continue
		}
		if r := latest[key{strings.ToLower(e.Unit), e.Quarter, e.Rollup(), e.SHA256}]; r != nil && e.Unit != "" {
			e.Received, e.ReceivedKnown, e.ReceivedFrom = r.Received, true, ReceivedFromLedger
		} else {
			unknown = true
		}
	}
	if unknown {
		w.gitReceiptTimes(entries)
	}
	return entries, nil
}

// readEntries reads and validates the entries in parallel.
func (w *Workspace) readEntries(entries []Entry, opt ScanOptions) {
	jobs := make(chan int)
	done := make(chan struct{})
	var wg sync.WaitGroup
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	for range min(max(1, workers), max(1, len(entries))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf []byte // the worker's file buffer: nothing read keeps a reference to it
			for i := range jobs {
				buf = w.readEntry(i, &entries[i], &opt, buf)
				if cap(buf) > maxKeptBuffer {
					buf = nil
				}
				done <- struct{}{}
			}
		}()
	}
	go func() {
		for i := range entries {
			jobs <- i
		}
		close(jobs)
		wg.Wait()
		close(done)
	}()
	n := 0
	for range done {
		n++
		if opt.Progress != nil {
			opt.Progress(n, len(entries))
		}
	}
}

// maxKeptBuffer bounds the file buffer a reading goroutine keeps for the next file.
const maxKeptBuffer = 4 << 20

// readEntry reads one entry's file into buf (grown as needed; returned for the next file:
// the form reader copies every text it keeps, so nothing refers to it afterwards).
func (w *Workspace) readEntry(i int, e *Entry, opt *ScanOptions, buf []byte) []byte {
	fo := w.formOptions(e.Quarter)
	data, err := readLimited(e.Path, buf[:0])
	if data != nil {
		buf = data
	}
	switch {
	case err != nil:
		e.Result = form.ReadFile(e.Path, fo) // the finding of an unreadable or too large file
		if opt.Light {
			e.Result = lightResult(e.Result)
		}
	case opt.Light:
		e.SHA256 = sha256Hex(data)
		if res, red, ok := opt.Cache.get(e.SHA256, e.Quarter, e.Path, opt.Reduce != nil); ok {
			e.Result = res
			if opt.Use == nil || !e.Valid() || red == nil || opt.Use(i, e, red) {
				break
			}
		}
		fo.SHA256 = e.SHA256
		full := form.ReadBytes(data, e.Path, fo)
		e.Result = lightResult(full)
		var reduced []byte
		if opt.Reduce != nil && isValid(full) {
			if reduced, err = opt.Reduce(full.Submission); err != nil {
				reduced = nil // not cached: read again next time
			}
		}
		if err == nil {
			opt.Cache.put(e.SHA256, e.Quarter, e.Result, reduced)
		}
		if opt.Use != nil && e.Valid() && reduced != nil {
			opt.Use(i, e, reduced)
		}
	default:
		e.Result = form.ReadBytes(data, e.Path, fo)
		if s := e.Result.Submission; s != nil && s.Fingerprint != "" {
			e.SHA256 = s.Fingerprint // the same sha256 of the same bytes
		} else {
			e.SHA256 = sha256Hex(data)
		}
	}
	e.Unit = w.entryUnit(e)
	return buf
}

func isValid(r *form.Result) bool { return r.Submission != nil && !r.HasErrors() }

// readLimited reads a file of at most the reader's MaxFileBytes, into buf when it is large
// enough; an error for anything else (form.ReadFile then gives the finding).
func readLimited(path string, buf []byte) ([]byte, error) {
	limit := xlsxread.DefaultLimits().MaxFileBytes
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() || st.Size() > limit {
		return nil, errTooLarge
	}
	data := buf[:0]
	if int64(cap(data)) < st.Size()+1 {
		data = make([]byte, 0, st.Size()+1)
	}
	for {
		n, err := f.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if int64(len(data)) > limit {
			return nil, errTooLarge
		}
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return nil, err
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
	}
}

var errTooLarge = errors.New("not a regular file of at most the reader's size limit")

// entryUnit is the unit a file belongs to: the code in the file when it is a unit of the
// hierarchy, else the file name's when that is a unit code, else "".
func (w *Workspace) entryUnit(e *Entry) string {
	if s := e.Result.Submission; s != nil && s.Info.UnitCode != "" {
		if u := w.Units.Lookup(s.Info.UnitCode); u != nil {
			return u.Code
		}
	}
	stem := strings.TrimSuffix(filepath.Base(e.Path), filepath.Ext(e.Path))
	if len(stem) > len(RollupSuffix) && strings.EqualFold(stem[len(stem)-len(RollupSuffix):], RollupSuffix) {
		stem = stem[:len(stem)-len(RollupSuffix)]
	}
	if u := w.Units.Lookup(stem); u != nil {
		return u.Code
	}
	return ""
}

// lightResult copies what Status and the reports need of a Result (see ScanOptions.Light).
func lightResult(r *form.Result) *form.Result {
	out := &form.Result{Path: r.Path}
	if len(r.Findings) > 0 {
		out.Findings = make(finding.List, len(r.Findings))
		for i, f := range r.Findings {
			c := finding.Finding{Rule: f.Rule, File: f.File, Sheet: strings.Clone(f.Sheet), Cell: strings.Clone(f.Cell), Found: strings.Clone(f.Found)}
			if f.Params != nil {
				c.Params = make(map[string]string, len(f.Params))
				for k, v := range f.Params {
					c.Params[strings.Clone(k)] = strings.Clone(v)
				}
			}
			out.Findings[i] = c
		}
	}
	if s := r.Submission; s != nil {
		info := s.Info
		for _, p := range []*string{&info.UnitCode, &info.UnitName, &info.Kind, &info.Preparer, &info.Phone, &info.Email, &info.FormVersion} {
			*p = strings.Clone(*p)
		}
		ls := &form.Submission{Path: s.Path, Info: info, Fingerprint: strings.Clone(s.Fingerprint)}
		if len(s.Covered) > 0 {
			ls.Covered = make([]form.CoveredUnit, len(s.Covered))
			for i, c := range s.Covered {
				c.Code, c.Name, c.Status = strings.Clone(c.Code), strings.Clone(c.Name), strings.Clone(c.Status)
				ls.Covered[i] = c
			}
		}
		out.Submission = ls
	}
	return out
}

// gitBlobIDs returns git's object ids of a blob with this content, in SHA-1 and SHA-256
// repositories.
func gitBlobIDs(data []byte) [2]string {
	header := []byte("blob " + strconv.Itoa(len(data)) + "\x00")
	h1 := sha1.New()
	h1.Write(header)
	h1.Write(data)
	h2 := sha256.New()
	h2.Write(header)
	h2.Write(data)
	return [2]string{hex.EncodeToString(h1.Sum(nil)), hex.EncodeToString(h2.Sum(nil))}
}

// gitTimeout bounds each git command.
var gitTimeout = 30 * time.Second

// runGit runs git in the workspace root and returns its output, or nil on any failure (no
// git, not a repository, no commits).
func (w *Workspace) runGit(args ...string) []byte {
	git, err := exec.LookPath("git")
	if err != nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), gitTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, git, append([]string{"-C", w.Root, "-c", "core.quotepath=off", "-c", "log.showSignature=false"}, args...)...)
	cmd.Env = append(os.Environ(), "GIT_TERMINAL_PROMPT=0", "LC_ALL=C", "GIT_PAGER=cat")
	var out bytes.Buffer
	cmd.Stdout = &out
	if err := cmd.Run(); err != nil {
		return nil
	}
	return out.Bytes()
}

// gitReceiptTimes sets the receipt time of entries without one from git, for files
// committed unmodified: the committer date of the latest commit that added or modified the
// path (renames count as additions).
func (w *Workspace) gitReceiptTimes(entries []Entry) {
	tree := w.runGit("ls-tree", "-r", "-z", "HEAD", "--", SubmissionsDir)
	if tree == nil {
		return
	}
	blobs := parseGitTree(tree)
	log := w.runGit("log", "--no-renames", "--diff-filter=AM", "--name-only", "-z", "--no-color",
		"--format=%x01%cI", "--relative", "--", SubmissionsDir)
	if log == nil {
		return
	}
	when := parseGitLog(log)
	for i := range entries {
		e := &entries[i]
		if e.ReceivedKnown || e.SHA256 == "" {
			continue
		}
		rel, err := filepath.Rel(w.Root, e.Path)
		if err != nil {
			continue
		}
		rel = filepath.ToSlash(rel)
		blob := blobs[rel]
		if blob == "" {
			continue // not committed
		}
		// The file is read again (only for the few entries the ledger does not date):
		// hashing every file twice more for git would cost more than it saves.
		data, err := readLimited(e.Path, nil)
		if err != nil || sha256Hex(data) != e.SHA256 {
			continue // changed since it was scanned
		}
		if ids := gitBlobIDs(data); blob != ids[0] && blob != ids[1] {
			continue // modified since the commit
		}
		if t, ok := when[rel]; ok {
			e.Received, e.ReceivedKnown, e.ReceivedFrom = t.In(period.Zone), true, ReceivedFromGit
		}
	}
}

// parseGitTree reads `git ls-tree -r -z` output: path ('/'-separated) -> blob id.
func parseGitTree(out []byte) map[string]string {
	blobs := map[string]string{}
	for _, rec := range bytes.Split(out, []byte{0}) {
		meta, path, ok := bytes.Cut(rec, []byte{'\t'})
		if !ok {
			continue
		}
		f := strings.Fields(string(meta))
		if len(f) == 3 && f[1] == "blob" {
			blobs[string(path)] = f[2]
		}
	}
	return blobs
}

// parseGitLog reads `git log -z --name-only --format=%x01%cI` output (newest commit first):
// path -> committer date of the newest commit listing it.
func parseGitLog(out []byte) map[string]time.Time {
	when := map[string]time.Time{}
	for _, commit := range bytes.Split(out, []byte{1}) {
		fields := bytes.Split(commit, []byte{0})
		if len(fields) < 2 {
			continue
		}
		t, err := time.Parse(time.RFC3339, string(bytes.TrimSpace(fields[0])))
		if err != nil {
			continue
		}
		for _, p := range fields[1:] {
			p = bytes.TrimLeft(p, "\n")
			if len(p) == 0 {
				continue
			}
			if _, seen := when[string(p)]; !seen {
				when[string(p)] = t
			}
		}
	}
	return when
}

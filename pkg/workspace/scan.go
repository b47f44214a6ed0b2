package workspace

import (
	"bytes"
	"context"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"errors"
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
	"github.com/vdhv/vdhv/pkg/form"
	"github.com/vdhv/vdhv/pkg/period"
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

	gitBlobs [2]string // git blob ids of the content: sha1, sha256
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
	w.readEntries(entries, progress)

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
func (w *Workspace) readEntries(entries []Entry, progress func(done, total int)) {
	jobs := make(chan int)
	done := make(chan struct{})
	var wg sync.WaitGroup
	for range min(max(1, runtime.NumCPU()), max(1, len(entries))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				w.readEntry(&entries[i])
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
		if progress != nil {
			progress(n, len(entries))
		}
	}
}

func (w *Workspace) readEntry(e *Entry) {
	data, res := readForm(e.Path, w.formOptions(e.Quarter))
	e.Result = res
	if data != nil {
		e.SHA256 = sha256Hex(data)
		e.gitBlobs = gitBlobIDs(data)
	}
	if s := res.Submission; s != nil && s.Info.UnitCode != "" {
		if u := w.Units.Lookup(s.Info.UnitCode); u != nil {
			e.Unit = u.Code
			return
		}
	}
	stem := strings.TrimSuffix(filepath.Base(e.Path), filepath.Ext(e.Path))
	if len(stem) > len(RollupSuffix) && strings.EqualFold(stem[len(stem)-len(RollupSuffix):], RollupSuffix) {
		stem = stem[:len(stem)-len(RollupSuffix)]
	}
	if u := w.Units.Lookup(stem); u != nil {
		e.Unit = u.Code
	}
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
		if blob == "" || (blob != e.gitBlobs[0] && blob != e.gitBlobs[1]) {
			continue // not committed, or modified since
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

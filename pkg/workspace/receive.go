package workspace

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"github.com/vdhv/vdhv/pkg/atomicfile"
	"github.com/vdhv/vdhv/pkg/form"
	"github.com/vdhv/vdhv/pkg/period"
	"github.com/vdhv/vdhv/pkg/xlsxread"
)

// ReceiveResult is the outcome of receiving one file.
type ReceiveResult struct {
	File   string       // the path as given
	Result *form.Result // the validation: findings, and the submission as read
	// Stored is the current file the content now lives in
	// (submissions/<YYYY>/Q<n>/<CODE>.xlsx); "" when the file was refused.
	Stored string
	// Receipt is the ledger line written; for a duplicate, the current version's receipt.
	Receipt *Receipt
	// Duplicate: same content as the current version; nothing new was stored.
	Duplicate bool
}

// Refused reports whether the file was refused (it has errors): nothing was stored.
func (r *ReceiveResult) Refused() bool { return r.Stored == "" }

func sha256Hex(data []byte) string {
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}

// readForm reads a workbook's bytes (within the reader's size limit) and validates them,
// so that what is stored is exactly what was validated. data is nil when the file could not
// be read; the result then carries the finding.
func readForm(path string, opt form.Options) ([]byte, *form.Result) {
	limit := xlsxread.DefaultLimits().MaxFileBytes
	f, err := os.Open(path)
	if err != nil {
		return nil, form.ReadFile(path, opt)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() || st.Size() > limit {
		return nil, form.ReadFile(path, opt)
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil || int64(len(data)) > limit {
		return nil, form.ReadFile(path, opt)
	}
	return data, form.ReadBytes(data, path, opt)
}

func (w *Workspace) formOptions(folder period.Quarter) form.Options {
	return form.Options{Units: w.Units, Windows: w.Config.Windows, FolderQuarter: folder}
}

// Receive validates each file and files the valid ones. A valid file is stored as the
// unit's current file for the quarter read FROM THE FILE (Mã đơn vị, Kỳ báo cáo; not its
// name): submissions/<YYYY>/Q<n>/<CODE>.xlsx, or <CODE>+tong-hop.xlsx for a roll-up. Every
// version is also kept in submissions/<YYYY>/Q<n>/.versions/<CODE>/v<N>-<sha8>.xlsx, so a
// replaced current file is never lost, and a receipt is appended to submissions/ledger.jsonl.
// Storing happens under the workspace lock, one file at a time. Files with errors are
// refused: nothing is stored and the ledger is unchanged. now is the receipt time.
//
// Results are in the order of files. An error (I/O, lock timeout, corrupt ledger) stops
// the batch: the results of the files before it are returned with it.
func (w *Workspace) Receive(files []string, now time.Time) ([]ReceiveResult, error) {
	out := make([]ReceiveResult, 0, len(files))
	chunk := max(1, runtime.NumCPU())
	opt := w.formOptions(period.Quarter{})
	for start := 0; start < len(files); start += chunk {
		batch := files[start:min(len(files), start+chunk)]
		datas := make([][]byte, len(batch))
		results := make([]*form.Result, len(batch))
		var wg sync.WaitGroup
		for i, p := range batch {
			wg.Add(1)
			go func() {
				defer wg.Done()
				datas[i], results[i] = readForm(p, opt)
			}()
		}
		wg.Wait()
		for i, p := range batch {
			rr := ReceiveResult{File: p, Result: results[i]}
			if err := w.receiveOne(&rr, datas[i], now); err != nil {
				return out, err
			}
			out = append(out, rr)
		}
	}
	return out, nil
}

func (w *Workspace) receiveOne(rr *ReceiveResult, data []byte, now time.Time) error {
	res := rr.Result
	if res == nil || res.HasErrors() || res.Submission == nil {
		return nil // refused
	}
	if data == nil { // it changed between the size check and the reading
		return ioErr(rr.File, "the file changed while it was being read; receive it again",
			"tệp thay đổi trong khi đang đọc; hãy nhận lại", nil)
	}
	sub := res.Submission
	u := w.Units.Lookup(sub.Info.UnitCode)
	q := sub.Info.Quarter
	if u == nil || !q.Valid() {
		return &Error{Code: CodeUnresolved, Path: rr.File,
			Message:   "the file has no errors but its unit or quarter could not be determined",
			MessageVI: "tệp không có lỗi nhưng không xác định được đơn vị hoặc kỳ báo cáo"}
	}
	stored, rec, dup, err := w.store(data, u.Code, q, sub.IsRollup(), filepath.Base(rr.File), now)
	if err != nil {
		return err
	}
	rr.Stored, rr.Receipt, rr.Duplicate = stored, rec, dup
	return nil
}

// writeCurrent replaces a current file; a variable so that tests can make it fail.
var writeCurrent = atomicfile.WriteFile

// store files data as the current file of (code, q, rollup). The order of the steps makes
// every crash point safe (see doc.go): version file, current file, ledger line.
func (w *Workspace) store(data []byte, code string, q period.Quarter, rollup bool, orig string, now time.Time) (_ string, _ *Receipt, _ bool, err error) {
	cur, err := w.slotPath(code, q, rollup)
	if err != nil {
		return "", nil, false, err
	}
	sha := sha256Hex(data)
	vdir := w.versionDir(code, q, rollup)
	if err := mkdirAllSync(vdir); err != nil {
		return "", nil, false, err
	}
	lock, err := acquireLock(filepath.Join(w.Root, SubmissionsDir, LockFile))
	if err != nil {
		return "", nil, false, err
	}
	defer func() {
		if rerr := lock.release(); err == nil {
			err = rerr
		}
	}()

	// Temporary files of writes killed earlier (all writes here happen under the lock, so
	// an old one is garbage).
	atomicfile.Cleanup(vdir, time.Now().Add(-lockStaleAge))
	atomicfile.Cleanup(filepath.Dir(cur), time.Now().Add(-lockStaleAge))

	recs, validLen, err := w.readLedger()
	if err != nil {
		return "", nil, false, err
	}
	vs := &versionSet{dir: vdir, onDisk: map[int]string{}}
	var latest *Receipt
	for i := range recs {
		r := &recs[i]
		if r.Unit == code && r.Quarter == q && r.Rollup == rollup {
			vs.ledger = append(vs.ledger, *r)
			vs.maxLedger = max(vs.maxLedger, r.Version)
			if latest == nil || r.Version > latest.Version {
				latest = r
			}
		}
	}
	if err := vs.scanDisk(); err != nil {
		return "", nil, false, err
	}

	curData, err := os.ReadFile(cur)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return "", nil, false, ioErr(cur, "cannot read the current file", "không đọc được tệp hiện hành", err)
	}
	curSHA := "" // "" when there is no current file
	if err == nil {
		curSHA = sha256Hex(curData)
	}
	switch {
	case curSHA == sha && latest != nil && latest.SHA256 == sha:
		// Duplicate of the current version; restore its stored copy if it went missing.
		if _, err := vs.put(data, sha, latest.Version); err != nil {
			return "", nil, false, err
		}
		return cur, latest, true, nil
	case curSHA != "" && curSHA != sha && !vs.holds(curSHA):
		// A current file the ledger does not know (placed by hand): keep it as a version.
		v, err := vs.put(curData, curSHA, 0)
		if err != nil {
			return "", nil, false, err
		}
		mtime := now
		if st, err := os.Stat(cur); err == nil {
			mtime = st.ModTime()
		}
		old := Receipt{Received: mtime.In(period.Zone).Truncate(time.Second), Unit: code, Quarter: q, Rollup: rollup,
			SHA256: curSHA, OriginalName: filepath.Base(cur), Size: int64(len(curData)), Version: v, Source: SourceExisting}
		if validLen, err = w.appendLedger(&old, validLen); err != nil {
			return "", nil, false, err
		}
	}
	v, err := vs.put(data, sha, 0)
	if err != nil {
		return "", nil, false, err
	}
	if curSHA != sha {
		if err := writeCurrent(cur, data, 0o644); err != nil {
			return "", nil, false, ioErr(cur, "cannot write the current file (is it open in Excel?); the received file is kept in .versions, receive it again",
				"không ghi được tệp hiện hành (tệp có đang mở trong Excel không?); tệp nhận đã được lưu trong .versions, hãy nhận lại", err)
		}
	}
	rec := &Receipt{Received: now.In(period.Zone).Truncate(time.Second), Unit: code, Quarter: q, Rollup: rollup,
		SHA256: sha, OriginalName: orig, Size: int64(len(data)), Version: v, Source: SourceReceive}
	if _, err := w.appendLedger(rec, validLen); err != nil {
		return "", nil, false, err
	}
	return cur, rec, false, nil
}

// versionSet is the stored versions of one unit, quarter and kind while the lock is held.
type versionSet struct {
	dir       string
	ledger    []Receipt      // the ledger's receipts of this slot
	maxLedger int            // highest version in the ledger
	onDisk    map[int]string // version -> file name in dir
	maxDisk   int
}

func (vs *versionSet) scanDisk() error {
	ents, err := os.ReadDir(vs.dir)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return ioErr(vs.dir, "cannot list the versions folder", "không liệt kê được thư mục phiên bản", err)
	}
	for _, e := range ents {
		if v, _, ok := parseVersionName(e.Name()); ok {
			vs.onDisk[v] = e.Name()
			vs.maxDisk = max(vs.maxDisk, v)
		}
	}
	return nil
}

// holds reports whether a ledger version of the slot has this content and its stored copy
// exists.
func (vs *versionSet) holds(sha string) bool {
	for _, r := range vs.ledger {
		if r.SHA256 == sha && vs.onDisk[r.Version] == versionName(r.Version, sha) {
			return true
		}
	}
	return false
}

// put stores data as a version file and returns its number. With version > 0 it (re)writes
// that version's file if it is missing. Otherwise it reuses an unrecorded version file
// with the same content (left by a receive that died before its ledger line) or writes the
// next number: higher than every version in the ledger and on disk, so numbers are never
// reused; a gap marks an interrupted receive.
func (vs *versionSet) put(data []byte, sha string, version int) (int, error) {
	if version == 0 {
		for v := vs.maxLedger + 1; v <= vs.maxDisk; v++ {
			if vs.onDisk[v] == versionName(v, sha) {
				if got, err := os.ReadFile(filepath.Join(vs.dir, vs.onDisk[v])); err == nil && bytes.Equal(got, data) {
					return v, nil
				}
			}
		}
		version = max(vs.maxLedger, vs.maxDisk) + 1
	} else if vs.onDisk[version] == versionName(version, sha) {
		return version, nil
	}
	name := versionName(version, sha)
	p := filepath.Join(vs.dir, name)
	if err := atomicfile.WriteFile(p, data, 0o644); err != nil {
		return 0, ioErr(p, "cannot store the version", "không lưu được phiên bản", err)
	}
	vs.onDisk[version] = name
	vs.maxDisk = max(vs.maxDisk, version)
	return version, nil
}

// mkdirAllSync creates dir and its missing parents, fsyncing the parent of each folder it
// creates so that the new entries survive a power cut.
func mkdirAllSync(dir string) error {
	var missing []string
	for d := dir; ; {
		if _, err := os.Stat(d); err == nil {
			break
		}
		missing = append(missing, d)
		parent := filepath.Dir(d)
		if parent == d {
			break
		}
		d = parent
	}
	if len(missing) == 0 {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return ioErr(dir, "cannot create the folder", "không tạo được thư mục", err)
	}
	for i := len(missing) - 1; i >= 0; i-- {
		if err := atomicfile.SyncDir(filepath.Dir(missing[i])); err != nil {
			return ioErr(missing[i], "cannot sync the folder", "không đồng bộ được thư mục", err)
		}
	}
	return nil
}

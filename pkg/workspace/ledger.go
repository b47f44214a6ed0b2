package workspace

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/vdhv/vdhv/pkg/atomicfile"
	"github.com/vdhv/vdhv/pkg/period"
)

// Sources of a receipt.
const (
	// SourceReceive: the file was received by `vdhv receive`.
	SourceReceive = "receive"
	// SourceExisting: a current file that was not in the ledger (placed by hand, or from
	// before the ledger) was kept as a version when a new file replaced it; Received is its
	// modification time.
	SourceExisting = "existing"
)

// Receipt is one line of the ledger: one version of one unit's file for one quarter.
type Receipt struct {
	Received     time.Time // in period.Zone, whole seconds
	Unit         string    // unit code as in units.yaml
	Quarter      period.Quarter
	Rollup       bool   // a roll-up file (stored as <CODE>+tong-hop.xlsx)
	SHA256       string // of the file's bytes, lower-case hex
	OriginalName string // base name of the file as received
	Size         int64
	Version      int // 1, 2, … per unit, quarter and kind
	Source       string
}

// ledgerLine is the JSON form of a Receipt; field order is the line's key order.
type ledgerLine struct {
	Received     string `json:"received"`
	Unit         string `json:"unit"`
	Quarter      string `json:"quarter"`
	Rollup       bool   `json:"rollup,omitempty"`
	SHA256       string `json:"sha256"`
	OriginalName string `json:"original_name"`
	Size         int64  `json:"size"`
	Version      int    `json:"version"`
	Source       string `json:"source"`
}

func (r *Receipt) marshal() ([]byte, error) {
	b, err := json.Marshal(ledgerLine{
		Received: r.Received.In(period.Zone).Format(time.RFC3339), Unit: r.Unit, Quarter: r.Quarter.String(),
		Rollup: r.Rollup, SHA256: r.SHA256, OriginalName: r.OriginalName, Size: r.Size, Version: r.Version, Source: r.Source,
	})
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// parseReceipt reads one ledger line; it reports a reason in English and Vietnamese.
func parseReceipt(line []byte) (Receipt, string, string) {
	var l ledgerLine
	if err := json.Unmarshal(line, &l); err != nil {
		return Receipt{}, "not a JSON object: " + err.Error(), "không phải một đối tượng JSON: " + err.Error()
	}
	t, err := time.Parse(time.RFC3339, l.Received)
	if err != nil {
		return Receipt{}, "bad received time", "thời điểm nhận không hợp lệ"
	}
	q, err := period.ParseQuarter(l.Quarter)
	if err != nil || q.String() != l.Quarter {
		return Receipt{}, "bad quarter", "quý không hợp lệ"
	}
	if CheckCode(l.Unit) != nil {
		return Receipt{}, "bad unit code", "mã đơn vị không hợp lệ"
	}
	if len(l.SHA256) != 64 || !isHex(l.SHA256) {
		return Receipt{}, "bad sha256", "mã băm sha256 không hợp lệ"
	}
	if l.Version < 1 || l.Size < 0 {
		return Receipt{}, "bad version or size", "số phiên bản hoặc kích thước không hợp lệ"
	}
	return Receipt{Received: t.In(period.Zone), Unit: l.Unit, Quarter: q, Rollup: l.Rollup, SHA256: l.SHA256,
		OriginalName: l.OriginalName, Size: l.Size, Version: l.Version, Source: l.Source}, "", ""
}

// ledgerPath is submissions/ledger.jsonl.
func (w *Workspace) ledgerPath() string { return filepath.Join(w.Root, SubmissionsDir, LedgerFile) }

// Ledger returns every receipt, in ledger order. A missing ledger is empty. A malformed
// last line without its final newline is a torn append (the process died mid-write, before
// the receipt was acknowledged): it is skipped and nothing is lost. Any other malformed
// line is an error naming its line.
func (w *Workspace) Ledger() ([]Receipt, error) {
	recs, _, err := w.readLedger()
	return recs, err
}

// ledgerCache holds the parsed complete lines of the ledger as last read. The ledger only
// grows (a torn tail is cut, never a complete line), so a later read whose bytes start with
// the cached ones parses only what was appended; anything else (a hand edit) parses all.
type ledgerCache struct {
	mu    sync.Mutex
	data  []byte    // the complete lines parsed
	recs  []Receipt // their receipts
	lines int       // their number of lines
}

// readLedger also returns the length of the well-formed prefix (everything but a torn tail).
func (w *Workspace) readLedger() ([]Receipt, int64, error) {
	path := w.ledgerPath()
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, 0, nil
	}
	if err != nil {
		return nil, 0, ioErr(path, "cannot read the ledger", "không đọc được sổ nhận tệp", err)
	}
	c := &w.cache
	c.mu.Lock()
	defer c.mu.Unlock()
	var recs []Receipt
	var off int64
	n := 1
	if len(c.data) > 0 && bytes.HasPrefix(data, c.data) {
		recs = slices.Clone(c.recs)
		off = int64(len(c.data))
		n = c.lines + 1
	}
	rest := data[off:]
	for ; len(rest) > 0; n++ {
		line, after, complete := bytes.Cut(rest, []byte("\n"))
		if !complete {
			break
		}
		off += int64(len(line)) + 1
		rest = after
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		r, en, vi := parseReceipt(line)
		if en != "" {
			return nil, 0, &Error{Code: CodeLedgerCorrupt, Path: path, Line: n,
				Message:   "malformed ledger line (" + en + "); fix or delete the line by hand",
				MessageVI: "dòng sổ nhận tệp sai dạng (" + vi + "); hãy sửa hoặc xóa dòng này"}
		}
		recs = append(recs, r)
	}
	c.data, c.recs, c.lines = data[:off], slices.Clone(recs), n-1
	if len(rest) > 0 {
		// The tail after the last newline: a torn append unless it parses.
		if r, msg, _ := parseReceipt(rest); msg == "" {
			return append(recs, r), off + int64(len(rest)), nil
		}
	}
	return recs, off, nil
}

// appendLedger appends r as one line, first cutting a torn tail left by a crash at
// validLen, and returns the ledger's new length. The caller holds the lock.
func (w *Workspace) appendLedger(r *Receipt, validLen int64) (int64, error) {
	path := w.ledgerPath()
	line, err := r.marshal()
	if err != nil {
		return 0, ioErr(path, "cannot encode the receipt", "không mã hóa được biên nhận", err)
	}
	_, statErr := os.Stat(path)
	created := errors.Is(statErr, os.ErrNotExist)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return 0, ioErr(path, "cannot open the ledger", "không mở được sổ nhận tệp", err)
	}
	var size int64
	st, err := f.Stat()
	if err == nil {
		size = st.Size()
		if size > validLen {
			err = f.Truncate(validLen) // cut the torn tail
			size = validLen
		}
		if err == nil && size > 0 && !w.endsWithNewline(size) {
			line = append([]byte("\n"), line...) // a complete last line that lost its newline
		}
	}
	if err == nil {
		_, err = f.Write(line) // one write: a crash tears at most this line
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil && created {
		err = atomicfile.SyncDir(filepath.Dir(path))
	}
	if err != nil {
		return 0, ioErr(path, "cannot append to the ledger", "không ghi thêm được vào sổ nhận tệp", err)
	}
	return size + int64(len(line)), nil
}

// endsWithNewline reports whether the ledger's byte at size-1 is '\n'.
func (w *Workspace) endsWithNewline(size int64) bool {
	f, err := os.Open(w.ledgerPath())
	if err != nil {
		return true
	}
	defer f.Close()
	var b [1]byte
	if _, err := f.ReadAt(b[:], size-1); err != nil {
		return true
	}
	return b[0] == '\n'
}

// Versions returns the receipts of a unit's files for a quarter — unit files first, then
// roll-ups, each by version.
func (w *Workspace) Versions(code string, q period.Quarter) ([]Receipt, error) {
	recs, err := w.Ledger()
	if err != nil {
		return nil, err
	}
	code = w.canonical(code)
	var out []Receipt
	for _, r := range recs {
		if strings.EqualFold(r.Unit, code) && r.Quarter == q {
			out = append(out, r)
		}
	}
	slices.SortStableFunc(out, func(a, b Receipt) int {
		if a.Rollup != b.Rollup {
			if a.Rollup {
				return 1
			}
			return -1
		}
		return a.Version - b.Version
	})
	return out, nil
}

package workspace

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/vdhv/vdhv/pkg/atomicfile"
	"github.com/vdhv/vdhv/pkg/config"
	"github.com/vdhv/vdhv/pkg/period"
	"github.com/vdhv/vdhv/pkg/units"
)

// Names of the workspace's files and folders.
const (
	UnitsFile      = "units.yaml"
	ConfigFile     = config.FileName // vdhv.yaml
	SubmissionsDir = "submissions"
	OutDir         = "out"
	ReportsDir     = "bao-cao"
	LedgerFile     = "ledger.jsonl" // in SubmissionsDir
	VersionsDir    = ".versions"    // in each quarter folder
	LockFile       = ".lock"        // in SubmissionsDir
	// RollupSuffix is added to a unit's code to name its roll-up file ("DU-XD+tong-hop.xlsx"):
	// '+' cannot occur in a unit code, so the name never collides with a unit file.
	RollupSuffix = "+tong-hop"
)

// Workspace is an opened workspace folder.
type Workspace struct {
	Root   string // absolute path of the folder holding units.yaml
	Config config.Config
	Units  *units.Tree

	cache ledgerCache
}

// Open loads the workspace in dir: vdhv.yaml (optional) and units.yaml (required). Their
// errors are the *config.Error and *units.Error of those packages, naming file and line.
func Open(dir string) (*Workspace, error) {
	root, err := filepath.Abs(dir)
	if err != nil {
		return nil, ioErr(dir, "cannot resolve the folder", "không xác định được thư mục", err)
	}
	cfg, err := config.Load(filepath.Join(root, ConfigFile))
	if err != nil {
		return nil, err
	}
	tree, err := units.Load(filepath.Join(root, UnitsFile), cfg.UnitOptions())
	if err != nil {
		return nil, err
	}
	return &Workspace{Root: root, Config: cfg, Units: tree}, nil
}

// Find walks up from start to the first folder holding units.yaml (like git finds .git)
// and returns it as an absolute path.
func Find(start string) (string, error) {
	dir, err := filepath.Abs(start)
	if err != nil {
		return "", ioErr(start, "cannot resolve the folder", "không xác định được thư mục", err)
	}
	for {
		if st, err := os.Stat(filepath.Join(dir, UnitsFile)); err == nil && st.Mode().IsRegular() {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", &Error{Code: CodeNotFound, Path: start,
				Message:   "no workspace (a folder holding units.yaml) here or in any folder above",
				MessageVI: "không có thư mục làm việc (thư mục chứa units.yaml) tại đây hay ở thư mục cha nào"}
		}
		dir = parent
	}
}

// gitignoreText is the .gitignore Init writes.
const gitignoreText = `# vdhv: outputs are regenerated from the submissions; locks and temporary files are transient.
/out/
/submissions/.lock
/submissions/.lock.break
.*.tmp-*
~$*
`

// Init creates a workspace in dir for the current year (in Vietnam's time zone); see
// InitYear.
func Init(dir string) error {
	return InitYear(dir, time.Now().In(period.Zone).Year())
}

// InitYear creates a workspace in dir (created if needed): a commented vdhv.yaml, a sample
// units.yaml, submissions/<year>/Q1..Q4/, bao-cao/, out/ and a .gitignore that ignores
// out/. It refuses when units.yaml exists; an existing vdhv.yaml or .gitignore is kept.
// units.yaml is written last, so an interrupted Init can simply be run again.
func InitYear(dir string, year int) error {
	if year < 2000 || year > 2100 {
		return &Error{Code: CodeBadQuarter, Message: "year out of range 2000–2100: " + strconv.Itoa(year),
			MessageVI: "năm ngoài khoảng 2000–2100: " + strconv.Itoa(year)}
	}
	root, err := filepath.Abs(dir)
	if err != nil {
		return ioErr(dir, "cannot resolve the folder", "không xác định được thư mục", err)
	}
	unitsPath := filepath.Join(root, UnitsFile)
	if _, err := os.Lstat(unitsPath); err == nil {
		return errUnitsExist(unitsPath)
	}
	dirs := []string{filepath.Join(root, OutDir), filepath.Join(root, ReportsDir)}
	for q := 1; q <= 4; q++ {
		dirs = append(dirs, quarterDir(root, period.Quarter{Year: year, Q: q}))
	}
	for _, d := range dirs {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return ioErr(d, "cannot create the folder", "không tạo được thư mục", err)
		}
	}
	keep := []string{filepath.Join(root, ReportsDir, ".gitkeep")}
	for q := 1; q <= 4; q++ {
		keep = append(keep, filepath.Join(quarterDir(root, period.Quarter{Year: year, Q: q}), ".gitkeep"))
	}
	for _, k := range keep {
		if err := writeIfAbsent(k, nil); err != nil {
			return err
		}
	}
	if err := writeIfAbsent(filepath.Join(root, ".gitignore"), []byte(gitignoreText)); err != nil {
		return err
	}
	if err := writeIfAbsent(filepath.Join(root, ConfigFile), []byte(config.DefaultFileText())); err != nil {
		return err
	}
	if err := createExclusive(unitsPath, []byte(config.DefaultUnitsText())); err != nil {
		if errors.Is(err, os.ErrExist) {
			return errUnitsExist(unitsPath)
		}
		return ioErr(unitsPath, "cannot write the file", "không ghi được tệp", err)
	}
	return nil
}

func errUnitsExist(path string) *Error {
	return &Error{Code: CodeExists, Path: path,
		Message:   "the file already exists; vdhv init does not overwrite a workspace",
		MessageVI: "tệp đã có; vdhv init không ghi đè thư mục làm việc đã có"}
}

// writeIfAbsent writes data to path atomically unless path exists.
func writeIfAbsent(path string, data []byte) error {
	if _, err := os.Lstat(path); err == nil {
		return nil
	}
	if err := atomicfile.WriteFile(path, data, 0o644); err != nil {
		return ioErr(path, "cannot write the file", "không ghi được tệp", err)
	}
	return nil
}

// createExclusive writes data to path atomically and fails with os.ErrExist if path
// exists: the content is written to a temporary file and hard-linked into place (link never
// replaces). Where hard links are unsupported it falls back to O_EXCL and a direct write.
func createExclusive(path string, data []byte) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	tmpName := tmp.Name()
	defer os.Remove(tmpName)
	_, werr := tmp.Write(data)
	serr := tmp.Sync()
	cerr := tmp.Close()
	if err := errors.Join(werr, serr, cerr); err != nil {
		return err
	}
	if err := os.Chmod(tmpName, 0o644); err != nil {
		return err
	}
	lerr := os.Link(tmpName, path)
	if lerr == nil {
		return atomicfile.SyncDir(dir)
	}
	if errors.Is(lerr, os.ErrExist) {
		return lerr
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, werr = f.Write(data)
	serr = f.Sync()
	cerr = f.Close()
	if err := errors.Join(werr, serr, cerr); err != nil {
		os.Remove(path)
		return err
	}
	return atomicfile.SyncDir(dir)
}

// quarterDir is submissions/<YYYY>/Q<n>.
func quarterDir(root string, q period.Quarter) string {
	return filepath.Join(root, SubmissionsDir, strconv.Itoa(q.Year), "Q"+strconv.Itoa(q.Q))
}

// windowsReserved are device names Windows refuses as file names, with any extension.
var windowsReserved = map[string]bool{"CON": true, "PRN": true, "AUX": true, "NUL": true,
	"COM1": true, "COM2": true, "COM3": true, "COM4": true, "COM5": true, "COM6": true, "COM7": true, "COM8": true, "COM9": true,
	"LPT1": true, "LPT2": true, "LPT3": true, "LPT4": true, "LPT5": true, "LPT6": true, "LPT7": true, "LPT8": true, "LPT9": true}

// CheckCode reports whether code can name a file in every supported file system: ASCII
// letters, digits, '-', '_' and '.' only (the unit code alphabet), 1–64 characters, not
// starting with '.' or ending with '.', and not a Windows device name (CON, PRN, AUX, NUL,
// COM1–9, LPT1–9, with or without an extension). So no path separator, "..", absolute path,
// drive letter, NUL byte or trailing space can pass.
func CheckCode(code string) error {
	bad := func(en, vi string) error {
		return &Error{Code: CodeBadCode, Message: "unit code " + strconv.Quote(code) + " cannot name a file: " + en,
			MessageVI: "mã đơn vị " + strconv.Quote(code) + " không dùng làm tên tệp được: " + vi}
	}
	if code == "" {
		return bad("empty", "rỗng")
	}
	if len(code) > units.MaxCodeLen {
		return bad("longer than "+strconv.Itoa(units.MaxCodeLen)+" characters", "dài quá "+strconv.Itoa(units.MaxCodeLen)+" ký tự")
	}
	for i := 0; i < len(code); i++ {
		c := code[i]
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.'
		if !ok {
			return bad("only letters A–Z, digits, '-', '_' and '.' are allowed", "chỉ được dùng chữ A–Z, chữ số, '-', '_' và '.'")
		}
	}
	if code[0] == '.' || code[len(code)-1] == '.' {
		return bad("it must not start or end with '.'", "không được bắt đầu hay kết thúc bằng '.'")
	}
	stem, _, _ := strings.Cut(code, ".")
	if windowsReserved[strings.ToUpper(stem)] {
		return bad("it is a device name reserved by Windows", "trùng tên thiết bị dành riêng của Windows")
	}
	return nil
}

func checkQuarter(q period.Quarter) error {
	if !q.Valid() {
		return &Error{Code: CodeBadQuarter, Message: "invalid quarter " + strconv.Quote(q.String()),
			MessageVI: "quý không hợp lệ " + strconv.Quote(q.String())}
	}
	return nil
}

// canonical returns the hierarchy's spelling of code when the unit exists.
func (w *Workspace) canonical(code string) string {
	if u := w.Units.Lookup(code); u != nil {
		return u.Code
	}
	return code
}

// slotName is the file name (without extension) of a unit's current file: the code, or
// the code + RollupSuffix for roll-ups.
func slotName(code string, rollup bool) string {
	if rollup {
		return code + RollupSuffix
	}
	return code
}

// SubmissionPath returns submissions/<YYYY>/Q<n>/<CODE>.xlsx, the current file of the unit
// for the quarter (code spelled as in units.yaml when the unit exists). It rejects codes that
// could escape the folder or are not portable file names (see CheckCode).
func (w *Workspace) SubmissionPath(code string, q period.Quarter) (string, error) {
	return w.slotPath(code, q, false)
}

// RollupPath returns submissions/<YYYY>/Q<n>/<CODE>+tong-hop.xlsx, the current roll-up file
// of the unit for the quarter.
func (w *Workspace) RollupPath(code string, q period.Quarter) (string, error) {
	return w.slotPath(code, q, true)
}

func (w *Workspace) slotPath(code string, q period.Quarter, rollup bool) (string, error) {
	if err := CheckCode(code); err != nil {
		return "", err
	}
	if err := checkQuarter(q); err != nil {
		return "", err
	}
	return filepath.Join(quarterDir(w.Root, q), slotName(w.canonical(code), rollup)+".xlsx"), nil
}

// versionDir is submissions/<YYYY>/Q<n>/.versions/<slot>.
func (w *Workspace) versionDir(code string, q period.Quarter, rollup bool) string {
	return filepath.Join(quarterDir(w.Root, q), VersionsDir, slotName(code, rollup))
}

// versionName is v<N>-<sha8>.xlsx.
func versionName(version int, sha string) string {
	if len(sha) > 8 {
		sha = sha[:8]
	}
	return "v" + strconv.Itoa(version) + "-" + sha + ".xlsx"
}

// parseVersionName reads v<N>-<sha8>.xlsx.
func parseVersionName(name string) (version int, sha8 string, ok bool) {
	rest, found := strings.CutPrefix(name, "v")
	if !found {
		return 0, "", false
	}
	rest, found = strings.CutSuffix(rest, ".xlsx")
	if !found {
		return 0, "", false
	}
	num, sha8, found := strings.Cut(rest, "-")
	if !found || len(sha8) != 8 || !isHex(sha8) || num == "" || len(num) > 9 {
		return 0, "", false
	}
	v, err := strconv.Atoi(num)
	if err != nil || v < 1 || strconv.Itoa(v) != num {
		return 0, "", false
	}
	return v, sha8, true
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// VersionPath returns the stored copy of a received version:
// submissions/<YYYY>/Q<n>/.versions/<CODE>[+tong-hop]/v<N>-<sha8>.xlsx.
func (w *Workspace) VersionPath(r Receipt) (string, error) {
	if err := CheckCode(r.Unit); err != nil {
		return "", err
	}
	if err := checkQuarter(r.Quarter); err != nil {
		return "", err
	}
	if r.Version < 1 || len(r.SHA256) < 8 {
		return "", &Error{Code: CodeLedgerCorrupt, Message: "receipt without version or checksum", MessageVI: "biên nhận thiếu số phiên bản hoặc mã băm"}
	}
	return filepath.Join(w.versionDir(r.Unit, r.Quarter, r.Rollup), versionName(r.Version, r.SHA256)), nil
}

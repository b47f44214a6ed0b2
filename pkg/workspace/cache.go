package workspace

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/vdhv/vdhv/pkg/finding"
	"github.com/vdhv/vdhv/pkg/form"
	"github.com/vdhv/vdhv/pkg/period"
)

// CacheEnv names the environment variable that moves the scan cache (a folder) or, set
// to "off", turns it off.
const CacheEnv = "VDHV_CACHE_DIR"

// cacheFormat is the version of the cache's records; bump it when their layout changes.
const cacheFormat = "vdhv-scan-cache/1"

// Cache keeps, between runs, what ScanWith learnt of each file: its light Result and the
// bytes its caller reduced the submission to. An entry is found by a key made of the
// file's sha256 (its content, never its name or modification time), the folder's quarter,
// and a context fingerprint: the cache format, the caller's version of the reduced bytes,
// the running executable's sha256 (any other build of vdhv reads afresh) and the bytes of
// units.yaml and vdhv.yaml (validation depends on them). Each context has its own folder
// (<dir>/<context>/<ab>/<key>), removed once unused for CacheMaxIdle. One file per entry,
// written to a temporary name and renamed, so concurrent runs and killed runs leave only
// whole entries; a damaged entry (checksum, key) is read afresh. A Cache is safe for concurrent use;
// every failure to read or write it only costs the reading it would have saved.
type Cache struct {
	dir string
	ctx [32]byte

	mu     sync.Mutex
	hits   int
	misses int
	dirs   sync.Map // entry folders known to exist
}

// DefaultCacheDir returns the scan cache's folder: $VDHV_CACHE_DIR, else vdhv/scan in
// the user's cache folder (os.UserCacheDir); ok is false when the cache is turned off
// (VDHV_CACHE_DIR=off) or there is no such folder.
func DefaultCacheDir() (dir string, ok bool) {
	if v := os.Getenv(CacheEnv); v != "" {
		if v == "off" {
			return "", false
		}
		return v, true
	}
	base, err := os.UserCacheDir()
	if err != nil || base == "" {
		return "", false
	}
	return filepath.Join(base, "vdhv", "scan"), true
}

var exeHash struct {
	once sync.Once
	sum  []byte
	err  error
}

// executableHash is the sha256 of the running program's file, computed once.
func executableHash() ([]byte, error) {
	exeHash.once.Do(func() {
		p, err := os.Executable()
		if err != nil {
			exeHash.err = err
			return
		}
		f, err := os.Open(p)
		if err != nil {
			exeHash.err = err
			return
		}
		defer f.Close()
		h := sha256.New()
		if _, err := io.Copy(h, f); err != nil {
			exeHash.err = err
			return
		}
		exeHash.sum = h.Sum(nil)
	})
	return exeHash.sum, exeHash.err
}

// OpenCache opens (creating it if needed) the scan cache in dir for this workspace;
// version names the caller's reduced bytes (e.g. their format number). It fails when the
// folder cannot be created or the executable cannot be read: run without a cache then.
func (w *Workspace) OpenCache(dir, version string) (*Cache, error) {
	exe, err := executableHash()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	h := sha256.New()
	field := func(b []byte) {
		h.Write(binary.AppendUvarint(nil, uint64(len(b))))
		h.Write(b)
	}
	field([]byte(cacheFormat))
	field([]byte(version))
	field(exe)
	for _, name := range []string{UnitsFile, ConfigFile} {
		data, err := os.ReadFile(filepath.Join(w.Root, name))
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, err
		}
		field(data)
	}
	c := &Cache{}
	h.Sum(c.ctx[:0])
	name := hex.EncodeToString(c.ctx[:16])
	c.dir = filepath.Join(dir, name)
	if err := os.MkdirAll(c.dir, 0o700); err != nil {
		return nil, err
	}
	now := time.Now()
	if err := os.Chtimes(c.dir, now, now); err != nil {
		return nil, err
	}
	pruneCache(dir, name, now)
	return c, nil
}

// CacheMaxIdle is how long the entries of one context (one build of vdhv, one units.yaml
// and vdhv.yaml) are kept after it was last used; then they are removed.
const CacheMaxIdle = 14 * 24 * time.Hour

// pruneCache removes the folders of contexts other than keep not used for CacheMaxIdle
// (each context's folder gets its modification time set when opened).
func pruneCache(dir, keep string, now time.Time) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range ents {
		if !e.IsDir() || e.Name() == keep || len(e.Name()) != 32 {
			continue
		}
		if _, err := hex.DecodeString(e.Name()); err != nil {
			continue // not ours
		}
		if st, err := e.Info(); err == nil && now.Sub(st.ModTime()) > CacheMaxIdle {
			os.RemoveAll(filepath.Join(dir, e.Name()))
		}
	}
}

// Stats returns how many files were found in the cache and how many were read afresh.
func (c *Cache) Stats() (hits, misses int) {
	if c == nil {
		return 0, 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.hits, c.misses
}

func (c *Cache) count(hit bool) {
	c.mu.Lock()
	if hit {
		c.hits++
	} else {
		c.misses++
	}
	c.mu.Unlock()
}

// key is the entry's key and file name.
func (c *Cache) key(sha string, q period.Quarter) ([32]byte, string) {
	h := sha256.New()
	h.Write(c.ctx[:])
	h.Write([]byte(sha))
	h.Write([]byte("\x00" + q.String()))
	var k [32]byte
	h.Sum(k[:0])
	name := hex.EncodeToString(k[:])
	return k, filepath.Join(c.dir, name[:2], name)
}

var cacheMagic = []byte("VDHVSC1\n")

// get returns the cached light Result (Path and findings' File set to path) and reduced
// bytes of the content with that sha256 in quarter q's folder; needReduced refuses an
// entry without reduced bytes for a valid file.
func (c *Cache) get(sha string, q period.Quarter, path string, needReduced bool) (*form.Result, []byte, bool) {
	if c == nil {
		return nil, nil, false
	}
	k, name := c.key(sha, q)
	data, err := os.ReadFile(name)
	if err != nil || len(data) < len(cacheMagic)+32+4 || !bytes.Equal(data[:len(cacheMagic)], cacheMagic) ||
		!bytes.Equal(data[len(cacheMagic):len(cacheMagic)+32], k[:]) {
		c.count(false)
		return nil, nil, false
	}
	body, sum := data[:len(data)-4], data[len(data)-4:]
	if crc32.ChecksumIEEE(body) != binary.LittleEndian.Uint32(sum) {
		c.count(false)
		return nil, nil, false
	}
	res, reduced, err := decodeCacheEntry(body[len(cacheMagic)+32:], path, sha)
	if err != nil || (needReduced && reduced == nil && isValid(res)) {
		c.count(false)
		return nil, nil, false
	}
	c.count(true)
	return res, reduced, true
}

// put stores an entry; errors are ignored (the cache only saves work).
func (c *Cache) put(sha string, q period.Quarter, res *form.Result, reduced []byte) {
	if c == nil {
		return
	}
	k, name := c.key(sha, q)
	b := append([]byte(nil), cacheMagic...)
	b = append(b, k[:]...)
	b = encodeCacheEntry(b, res, reduced)
	b = binary.LittleEndian.AppendUint32(b, crc32.ChecksumIEEE(b))
	dir := filepath.Dir(name)
	if _, ok := c.dirs.Load(dir); !ok {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return
		}
		c.dirs.Store(dir, true)
	}
	// Written in place, not through a temporary file and a rename (which cost more than
	// the rest of a cold run's caching): an entry carries its key and a CRC-32, so one
	// read while it is being written, or left half written, is a miss, never a wrong hit;
	// two processes storing the same key write the same bytes.
	if err := os.WriteFile(name, b, 0o600); err != nil {
		os.Remove(name)
	}
}

// encodeCacheEntry appends the light Result (without its paths) and the reduced bytes.
func encodeCacheEntry(b []byte, res *form.Result, reduced []byte) []byte {
	str := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	num := func(x int64) { b = binary.AppendVarint(b, x) }
	tm := func(t time.Time) {
		if t.IsZero() {
			b = append(b, 0)
			return
		}
		b = append(b, 1)
		num(t.Unix())
		num(int64(t.Nanosecond()))
		_, off := t.Zone()
		num(int64(off))
	}
	b = binary.AppendUvarint(b, uint64(len(res.Findings)))
	for _, f := range res.Findings {
		code := ""
		if f.Rule != nil {
			code = f.Rule.Code
		}
		str(code)
		str(f.Sheet)
		str(f.Cell)
		str(f.Found)
		keys := make([]string, 0, len(f.Params))
		for k := range f.Params {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		b = binary.AppendUvarint(b, uint64(len(keys)))
		for _, k := range keys {
			str(k)
			str(f.Params[k])
		}
	}
	s := res.Submission
	if s == nil {
		b = append(b, 0)
	} else {
		b = append(b, 1)
		in := &s.Info
		str(in.UnitCode)
		str(in.UnitName)
		num(int64(in.Quarter.Year))
		num(int64(in.Quarter.Q))
		str(in.Kind)
		str(in.Preparer)
		str(in.Phone)
		str(in.Email)
		tm(in.Prepared)
		str(in.FormVersion)
		b = binary.AppendUvarint(b, uint64(len(s.Covered)))
		for _, cu := range s.Covered {
			num(int64(cu.Row))
			str(cu.Code)
			str(cu.Name)
			str(cu.Status)
			tm(cu.Received)
		}
	}
	if reduced == nil {
		b = append(b, 0)
	} else {
		b = append(b, 1)
		str(string(reduced))
	}
	return b
}

var errCacheEntry = errors.New("damaged cache entry")

// decodeCacheEntry reads what encodeCacheEntry wrote; path and sha are the file's.
func decodeCacheEntry(data []byte, path, sha string) (*form.Result, []byte, error) {
	r := cacheReader{b: data}
	res := &form.Result{Path: path}
	if n := r.count(5); n > 0 {
		res.Findings = make(finding.List, n)
		for i := range res.Findings {
			f := &res.Findings[i]
			f.Rule = finding.ByCode(r.str())
			if f.Rule == nil {
				return nil, nil, errCacheEntry // a rule of another build
			}
			f.File, f.Sheet, f.Cell, f.Found = path, r.str(), r.str(), r.str()
			if np := r.count(2); np > 0 {
				f.Params = make(map[string]string, np)
				for range np {
					k := r.str()
					f.Params[k] = r.str()
				}
			}
		}
	}
	if r.flag() {
		s := &form.Submission{Path: path, Fingerprint: sha}
		in := &s.Info
		in.UnitCode, in.UnitName = r.str(), r.str()
		in.Quarter = period.Quarter{Year: r.int(), Q: r.int()}
		in.Kind, in.Preparer, in.Phone, in.Email = r.str(), r.str(), r.str(), r.str()
		in.Prepared = r.time()
		in.FormVersion = r.str()
		if n := r.count(5); n > 0 {
			s.Covered = make([]form.CoveredUnit, n)
			for i := range s.Covered {
				cu := &s.Covered[i]
				cu.Row = r.int()
				cu.Code, cu.Name, cu.Status = r.str(), r.str(), r.str()
				cu.Received = r.time()
			}
		}
		res.Submission = s
	}
	var reduced []byte
	if r.flag() {
		reduced = []byte(r.str())
	}
	if r.err != nil || len(r.b) != 0 {
		return nil, nil, errCacheEntry
	}
	return res, reduced, nil
}

// cacheReader reads an entry; the first problem sticks in err.
type cacheReader struct {
	b   []byte
	err error
}

func (r *cacheReader) fail() { r.err, r.b = errCacheEntry, nil }

func (r *cacheReader) flag() bool {
	if len(r.b) == 0 || r.b[0] > 1 {
		r.fail()
		return false
	}
	v := r.b[0] == 1
	r.b = r.b[1:]
	return v
}

func (r *cacheReader) uvarint() uint64 {
	x, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return x
}

func (r *cacheReader) varint() int64 {
	x, n := binary.Varint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return x
}

func (r *cacheReader) int() int {
	x := r.varint()
	if x < -1<<31 || x > 1<<31-1 {
		r.fail()
		return 0
	}
	return int(x)
}

// count reads a length that the remaining bytes can hold (min bytes an element).
func (r *cacheReader) count(min int) int {
	x := r.uvarint()
	if x > uint64(len(r.b)/min) {
		r.fail()
		return 0
	}
	return int(x)
}

func (r *cacheReader) str() string {
	x := r.uvarint()
	if x > uint64(len(r.b)) {
		r.fail()
		return ""
	}
	s := string(r.b[:x])
	r.b = r.b[x:]
	return s
}

func (r *cacheReader) time() time.Time {
	if !r.flag() {
		return time.Time{}
	}
	sec, ns, off := r.varint(), r.varint(), r.varint()
	if ns < 0 || ns >= 1e9 || off < -18*3600 || off > 18*3600 {
		r.fail()
		return time.Time{}
	}
	t := time.Unix(sec, ns)
	if off == 0 {
		return t.UTC()
	}
	if off == 7*3600 {
		return t.In(period.Zone)
	}
	return t.In(time.FixedZone("UTC"+strconv.Itoa(int(off)/3600), int(off)))
}

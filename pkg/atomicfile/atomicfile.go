// Package atomicfile writes files so that a reader, or the next run after a crash, sees
// either the complete old content or the complete new content, never a mixture or a
// truncated file.
//
// The recipe: write a temporary file in the destination's own folder (a rename is only
// atomic within one file system), fsync it, rename it over the destination, then fsync the
// folder so that the rename itself survives a power cut.
//
// Decisions:
//   - Temporary files are named "." + base + ".tmp-" + random digits, in the destination's
//     folder. The leading dot hides them from listings (vdhv's workspace scan skips dot
//     files); a process killed before Commit can leave one behind. The next successful write
//     of the same destination removes those older than StaleAge (2 minutes: a write takes
//     milliseconds, so such a file belongs to a dead writer), and Cleanup removes a folder's
//     older than a given age.
//   - perm is applied exactly with Chmod (the process umask is not consulted, since Go has no
//     race-free way to read it). Callers use 0o644 for documents.
//   - On Windows os.Rename replaces an existing file (MoveFileEx with
//     MOVEFILE_REPLACE_EXISTING) and folders cannot be fsynced; the folder sync is skipped
//     there.
//   - Errors are the *os.PathError values of the failing step, naming the destination.
package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// tmpInfix separates the destination's name from the random suffix in temporary names.
const tmpInfix = ".tmp-"

// WriteFile writes data to path atomically: temp file in the same folder, fsync, rename,
// fsync folder. The previous file stays intact if the process dies at any moment.
func WriteFile(path string, data []byte, perm os.FileMode) error {
	f, err := Create(path, perm)
	if err != nil {
		return err
	}
	defer f.Close()
	if _, err := f.Write(data); err != nil {
		return err
	}
	return f.Commit()
}

// File is a file being written; nothing is visible at its path until Commit.
type File struct {
	path string
	perm os.FileMode
	tmp  *os.File
	done bool
	err  error // first write error: Commit refuses to publish a file that failed to write
}

// Create returns a writer for path. Commit renames the written content into place; Abort,
// or Close without Commit, removes the temporary file and leaves path untouched.
// The folder of path must exist.
func Create(path string, perm os.FileMode) (*File, error) {
	if path == "" {
		return nil, &os.PathError{Op: "create", Path: path, Err: os.ErrInvalid}
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	if base == "" || base == "." || base == ".." {
		return nil, &os.PathError{Op: "create", Path: path, Err: os.ErrInvalid}
	}
	tmp, err := os.CreateTemp(dir, "."+base+tmpInfix+"*")
	if err != nil {
		return nil, &os.PathError{Op: "create", Path: path, Err: unwrapPath(err)}
	}
	return &File{path: path, perm: perm, tmp: tmp}, nil
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Name returns the destination path.
func (f *File) Name() string { return f.path }

// Write writes to the temporary file.
func (f *File) Write(p []byte) (int, error) {
	if f.done {
		return 0, &os.PathError{Op: "write", Path: f.path, Err: os.ErrClosed}
	}
	n, err := f.tmp.Write(p)
	if err != nil && f.err == nil {
		f.err = &os.PathError{Op: "write", Path: f.path, Err: unwrapPath(err)}
		return n, f.err
	}
	return n, err
}

// ReadFrom copies r into the temporary file.
func (f *File) ReadFrom(r io.Reader) (int64, error) {
	if f.done {
		return 0, &os.PathError{Op: "write", Path: f.path, Err: os.ErrClosed}
	}
	n, err := io.Copy(f.tmp, r)
	if err != nil && f.err == nil {
		f.err = &os.PathError{Op: "write", Path: f.path, Err: unwrapPath(err)}
		return n, f.err
	}
	return n, err
}

// Commit flushes the content to disk and renames it into place. After a failed Commit the
// temporary file is removed and path is unchanged. Commit after Commit or Abort is an error.
func (f *File) Commit() error {
	if f.done {
		return &os.PathError{Op: "commit", Path: f.path, Err: os.ErrClosed}
	}
	f.done = true
	tmpName := f.tmp.Name()
	fail := func(op string, err error) error {
		f.tmp.Close()
		os.Remove(tmpName)
		return &os.PathError{Op: op, Path: f.path, Err: unwrapPath(err)}
	}
	if f.err != nil {
		f.tmp.Close()
		os.Remove(tmpName)
		return f.err
	}
	if err := f.tmp.Chmod(f.perm); err != nil && !isUnsupported(err) {
		return fail("chmod", err)
	}
	if err := f.tmp.Sync(); err != nil {
		return fail("sync", err)
	}
	if err := f.tmp.Close(); err != nil {
		os.Remove(tmpName)
		return &os.PathError{Op: "close", Path: f.path, Err: unwrapPath(err)}
	}
	if err := os.Rename(tmpName, f.path); err != nil {
		os.Remove(tmpName)
		return &os.PathError{Op: "rename", Path: f.path, Err: unwrapPath(err)}
	}
	if err := SyncDir(filepath.Dir(f.path)); err != nil {
		return &os.PathError{Op: "sync folder", Path: f.path, Err: unwrapPath(err)}
	}
	removeStale(f.path, time.Now().Add(-StaleAge))
	return nil
}

// StaleAge is the age after which a temporary file is taken as left behind by a killed
// writer: the next successful write of the same destination removes it.
const StaleAge = 2 * time.Minute

// removeStale removes the temporary files of path's earlier writes modified before cutoff.
// Errors are ignored: the write itself has succeeded.
func removeStale(path string, cutoff time.Time) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	prefix := "." + base + tmpInfix
	for _, e := range ents {
		if e.IsDir() || !strings.HasPrefix(e.Name(), prefix) {
			continue
		}
		if info, err := e.Info(); err == nil && info.ModTime().Before(cutoff) {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// Abort discards what was written. It is a no-op after Commit or Abort.
func (f *File) Abort() error {
	if f.done {
		return nil
	}
	f.done = true
	f.tmp.Close()
	if err := os.Remove(f.tmp.Name()); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}

// Close aborts unless Commit was called; it makes `defer f.Close()` safe on every path.
func (f *File) Close() error { return f.Abort() }

// isUnsupported reports a chmod that the file system does not support (some network and
// FAT file systems); the content is still written.
func isUnsupported(err error) bool {
	return errors.Is(err, errors.ErrUnsupported)
}

// IsTemp reports whether name (a base name) looks like a temporary file of this package.
func IsTemp(name string) bool {
	return strings.HasPrefix(name, ".") && strings.Contains(name, tmpInfix)
}

// Cleanup removes, in dir, the temporary files this package left behind (a process killed
// between Create and Commit) whose modification time is before olderThan. It returns the
// names removed, sorted.
func Cleanup(dir string, olderThan time.Time) ([]string, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var removed []string
	var errs []error
	for _, e := range ents {
		if e.IsDir() || !IsTemp(e.Name()) {
			continue
		}
		info, err := e.Info()
		if err != nil || !info.ModTime().Before(olderThan) {
			continue
		}
		if err := os.Remove(filepath.Join(dir, e.Name())); err != nil && !errors.Is(err, os.ErrNotExist) {
			errs = append(errs, err)
			continue
		}
		removed = append(removed, e.Name())
	}
	if len(errs) > 0 {
		return removed, fmt.Errorf("atomicfile: cleanup %s: %w", dir, errors.Join(errs...))
	}
	return removed, nil
}

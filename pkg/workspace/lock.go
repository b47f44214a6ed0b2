package workspace

import (
	"bytes"
	crand "crypto/rand"
	"encoding/hex"
	"errors"
	"math/rand/v2"
	"os"
	"strconv"
	"time"
)

// Lock tuning; variables so that tests can shorten them.
var (
	// lockTimeout is how long Lock waits for another holder before giving up.
	lockTimeout = 60 * time.Second
	// lockStaleAge: a lock file older than this is taken to be left by a dead or hung
	// process, whatever its pid says. Holds last one file's store (milliseconds to seconds).
	lockStaleAge = 2 * time.Minute
	// lockBreakStaleAge: the guard taken while breaking a stale lock is itself stale after
	// this (breaking takes microseconds).
	lockBreakStaleAge = 10 * time.Second
	// lockEmptyGrace: a lock file without readable content (its creator is between create
	// and write, or died there) is stale after this.
	lockEmptyGrace = 2 * time.Second
)

// fileLock is an exclusive lock between processes and goroutines, held as a lock file
// created with O_CREATE|O_EXCL (atomic on every local file system and on SMB/NFSv3+).
type fileLock struct {
	path  string
	token string
}

var hostname = func() string {
	h, err := os.Hostname()
	if err != nil {
		return "?"
	}
	return h
}()

// acquireLock takes the lock at path, waiting up to lockTimeout. Stale locks (holder's pid
// gone on this host, or older than lockStaleAge) are broken.
func acquireLock(path string) (*fileLock, error) {
	var tb [12]byte
	if _, err := crand.Read(tb[:]); err != nil {
		return nil, err
	}
	l := &fileLock{path: path, token: hex.EncodeToString(tb[:])}
	content := []byte("vdhv lock\npid=" + strconv.Itoa(os.Getpid()) + "\nhost=" + hostname + "\ntoken=" + l.token + "\n")
	deadline := time.Now().Add(lockTimeout)
	wait := time.Millisecond
	for {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			_, werr := f.Write(content)
			cerr := f.Close()
			if werr != nil || cerr != nil {
				os.Remove(path)
				return nil, ioErr(path, "cannot write the lock file", "không ghi được tệp khóa", errors.Join(werr, cerr))
			}
			return l, nil
		}
		if !errors.Is(err, os.ErrExist) {
			return nil, ioErr(path, "cannot create the lock file", "không tạo được tệp khóa", err)
		}
		if breakIfStale(path) {
			continue
		}
		if time.Now().After(deadline) {
			return nil, &Error{Code: CodeBusy, Path: path,
				Message:   "the workspace is busy: another vdhv is receiving files (if none is running, delete this lock file)",
				MessageVI: "thư mục làm việc đang bận: một tiến trình vdhv khác đang nhận tệp (nếu không có tiến trình nào đang chạy, hãy xóa tệp khóa này)"}
		}
		time.Sleep(wait + time.Duration(rand.Int64N(int64(wait))))
		if wait < 50*time.Millisecond {
			wait *= 2
		}
	}
}

// release removes the lock file if it is still ours.
func (l *fileLock) release() error {
	data, err := os.ReadFile(l.path)
	if err != nil {
		return ioErr(l.path, "the lock file vanished while held", "tệp khóa bị mất khi đang giữ", err)
	}
	if lockField(data, "token") != l.token {
		return &Error{Code: CodeBusy, Path: l.path, Message: "the lock was taken over while held (it was judged stale)",
			MessageVI: "khóa bị tiến trình khác chiếm khi đang giữ (bị coi là khóa cũ)"}
	}
	if err := os.Remove(l.path); err != nil {
		return ioErr(l.path, "cannot remove the lock file", "không xóa được tệp khóa", err)
	}
	return nil
}

func lockField(data []byte, key string) string {
	for _, line := range bytes.Split(data, []byte("\n")) {
		if k, v, ok := bytes.Cut(line, []byte("=")); ok && string(k) == key {
			return string(v)
		}
	}
	return ""
}

// lockIsStale decides from a lock file's content and age whether its holder is gone.
func lockIsStale(data []byte, age time.Duration) bool {
	if age > lockStaleAge {
		return true
	}
	pid, err := strconv.Atoi(lockField(data, "pid"))
	if err != nil || lockField(data, "token") == "" {
		return age > lockEmptyGrace // being written, or its writer died mid-write
	}
	if lockField(data, "host") != hostname {
		return false // another machine (shared folder): only age tells
	}
	return !pidAlive(pid)
}

// breakIfStale removes the lock at path if it is stale and reports whether it did (or the
// lock vanished meanwhile). Breaking is guarded by a second lock file so that two waiters
// never both break, the second one removing the lock the first has just taken.
func breakIfStale(path string) bool {
	data, age, ok := readLock(path)
	if !ok {
		return true // vanished: retry at once
	}
	if !lockIsStale(data, age) {
		return false
	}
	guard := path + ".break"
	g, err := os.OpenFile(guard, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if st, serr := os.Stat(guard); serr == nil && time.Since(st.ModTime()) > lockBreakStaleAge {
			os.Remove(guard)
		}
		return false
	}
	g.Close()
	defer os.Remove(guard)
	// Re-check under the guard: the lock may have been broken and retaken meanwhile.
	data2, age2, ok := readLock(path)
	if !ok {
		return true
	}
	if !bytes.Equal(data, data2) || !lockIsStale(data2, age2) {
		return false
	}
	return os.Remove(path) == nil
}

func readLock(path string) (data []byte, age time.Duration, ok bool) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, 0, false
	}
	data, err = os.ReadFile(path)
	if err != nil {
		return nil, 0, false
	}
	if len(data) > 4096 {
		data = data[:4096]
	}
	return data, time.Since(st.ModTime()), true
}

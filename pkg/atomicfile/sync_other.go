//go:build windows || plan9 || js || wasip1

package atomicfile

// SyncDir is a no-op where folders cannot be opened for syncing (Windows): the rename is
// made durable by the file system's own journal there.
func SyncDir(dir string) error { return nil }

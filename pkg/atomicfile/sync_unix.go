//go:build !windows && !plan9 && !js && !wasip1

package atomicfile

import (
	"errors"
	"os"
	"syscall"
)

// SyncDir fsyncs the folder dir, so that entries created or renamed in it survive a power
// cut. File systems that cannot sync a folder (EINVAL) are not an error.
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, syscall.EINVAL) && !errors.Is(err, syscall.ENOTSUP) {
		return err
	}
	return nil
}

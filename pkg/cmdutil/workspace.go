package cmdutil

import (
	"errors"
	"os"
	"path/filepath"

	"github.com/vdhv/vdhv/pkg/config"
	"github.com/vdhv/vdhv/pkg/units"
	"github.com/vdhv/vdhv/pkg/workspace"
)

// Workspace opens the workspace named by -C, or the one found upwards from the working
// directory. Problems are usage/configuration errors (exit 2) in the user's language.
func (f *Factory) Workspace() (*workspace.Workspace, error) {
	dir := f.Dir
	if dir == "" {
		wd, err := os.Getwd()
		if err != nil {
			return nil, Failure(err.Error(), err)
		}
		found, err := workspace.Find(wd)
		if err != nil {
			return nil, UsageError(f.T(
				"không tìm thấy thư mục làm việc (thư mục có tệp units.yaml) từ thư mục hiện tại trở lên; dùng -C THƯ_MỤC, --units units.yaml, hoặc tạo mới bằng vdhv init THƯ_MỤC",
				"no workspace (a folder holding units.yaml) here or above; use -C DIR, --units units.yaml, or create one with vdhv init DIR"))
		}
		dir = found
	}
	ws, err := workspace.Open(dir)
	if err != nil {
		return nil, f.ConfigError(err)
	}
	return ws, nil
}

// Hierarchy is what validation needs: the unit tree and the settings.
type Hierarchy struct {
	Root   string // the workspace folder ("" when --units named a file outside one)
	Config config.Config
	Units  *units.Tree
}

// LoadHierarchy loads --units FILE (with the vdhv.yaml beside it, if any) when unitsPath is
// set, else the workspace's.
func (f *Factory) LoadHierarchy(unitsPath string) (*Hierarchy, error) {
	if unitsPath == "" {
		ws, err := f.Workspace()
		if err != nil {
			return nil, err
		}
		return &Hierarchy{Root: ws.Root, Config: ws.Config, Units: ws.Units}, nil
	}
	cfg, err := config.Load(filepath.Join(filepath.Dir(unitsPath), "vdhv.yaml"))
	if err != nil {
		return nil, f.ConfigError(err)
	}
	tree, err := units.Load(unitsPath, cfg.UnitOptions())
	if err != nil {
		return nil, f.ConfigError(err)
	}
	return &Hierarchy{Config: cfg, Units: tree}, nil
}

// ConfigError turns an error loading units.yaml or vdhv.yaml into a usage/configuration
// error (exit 2) with the problems in the user's language.
func (f *Factory) ConfigError(err error) error {
	var ue *units.Error
	var ce *config.Error
	switch {
	case errors.As(err, &ue):
		return UsageError(ue.Localized(string(f.Lang)))
	case errors.As(err, &ce):
		return UsageError(ce.Localized(string(f.Lang)))
	}
	var ee *ExitError
	if errors.As(err, &ee) {
		return err
	}
	return UsageError(err.Error())
}

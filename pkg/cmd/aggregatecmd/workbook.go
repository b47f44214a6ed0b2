package aggregatecmd

import (
	"github.com/vdhv/vdhv/pkg/cmdutil"
	"github.com/vdhv/vdhv/pkg/engine"
	"github.com/vdhv/vdhv/pkg/workspace"
)

// writeWorkbook writes tong-hop-<period>.xlsx; it returns the path written ("" if none).
func writeWorkbook(f *cmdutil.Factory, out *engine.Outcome, ws *workspace.Workspace, dir string) (string, error) {
	return "", nil
}

package cmdutil

import (
	"github.com/vdhv/vdhv/pkg/atomicfile"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// SpreadsheetExts are the file endings a folder walk picks up: the .xlsx the form is, and
// the other spreadsheet types units send by mistake (each gets its own clear finding).
var SpreadsheetExts = map[string]bool{".xlsx": true, ".xlsm": true, ".xls": true, ".xlsb": true, ".ods": true, ".csv": true}

// CollectFiles expands paths: a file is taken as it is (whatever its name), a folder is
// walked recursively for spreadsheet files, skipping hidden files and folders (.versions,
// .git …) and Office lock files (~$…). The result is sorted and without duplicates.
// missing lists the paths that do not exist.
func CollectFiles(paths []string) (files, missing []string, err error) {
	seen := map[string]bool{}
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			files = append(files, p)
		}
	}
	for _, p := range paths {
		st, statErr := os.Stat(p)
		if statErr != nil {
			missing = append(missing, p)
			continue
		}
		if !st.IsDir() {
			add(p)
			continue
		}
		walkErr := filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			name := d.Name()
			if path != p && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$")) {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() && SpreadsheetExts[strings.ToLower(filepath.Ext(name))] {
				add(path)
			}
			return nil
		})
		if walkErr != nil {
			return nil, nil, walkErr
		}
	}
	sort.Strings(files)
	return files, missing, nil
}

// RelToWD returns path relative to the working directory when it lies below it (shorter
// paths in messages), else path unchanged.
func RelToWD(path string) string {
	wd, err := os.Getwd()
	if err != nil {
		return path
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return path
	}
	rel, err := filepath.Rel(wd, abs)
	if err != nil || strings.HasPrefix(rel, "..") {
		return path
	}
	return rel
}

// WriteOutput writes an output file atomically (temp file + rename in the same folder),
// creating its folder first. A previous file of that name stays intact if anything fails.
func WriteOutput(path string, data []byte) error {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	return atomicfile.WriteFile(path, data, 0o644)
}

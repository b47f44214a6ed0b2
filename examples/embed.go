// Package examples embeds the bundled example workspace (khoi-dn: a fictional bloc with two
// quarters of submissions and the same quarters of the previous year) so that
// `vdhv init --example DIR` works from the single binary, with nothing else installed.
package examples

import (
	"embed"
	"io/fs"
)

//go:embed khoi-dn
var files embed.FS

// Workspace returns the example workspace's files (rooted at the workspace folder).
func Workspace() fs.FS {
	sub, err := fs.Sub(files, "khoi-dn")
	if err != nil {
		panic(err) // the embedded tree is fixed at build time
	}
	return sub
}

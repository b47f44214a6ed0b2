// Command vdhv: see pkg/cmd/root.
package main

import (
	"os"

	"github.com/vdhv/vdhv/pkg/cmd/root"
)

func main() { os.Exit(root.SystemMain()) }

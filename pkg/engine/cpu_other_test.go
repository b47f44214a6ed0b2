//go:build !unix

package engine

// processCPU is not measured on this platform.
func processCPU() int64 { return 0 }

//go:build !race

package vntext

const raceEnabled = false

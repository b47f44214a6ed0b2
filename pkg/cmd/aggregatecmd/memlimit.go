package aggregatecmd

import (
	"os"
	"runtime/debug"
	"runtime/metrics"
)

// An aggregation's live data is small (a national bloc of 2,000 units and 8,000 files a
// year: ~30 MB of figures, ~50 MB of agreement sides while reading) but it makes a lot of
// short-lived garbage (every file's XML, then the workbook's cells); with Go's default
// (GOGC=100) the heap grows to twice the live data before it is collected, and peak memory
// follows the size of the run rather than what it needs. On an office laptop memory is the
// scarce resource, so, unless GOMEMLIMIT is set, the aggregation runs under a soft limit:
// the garbage collector works harder when the heap nears it, never more than its CPU cap
// (it is soft: live data above it is never refused). After reading the files, the limit is
// raised to the live data plus headroomBytes so that a bloc much larger than the national
// one does not spend its time collecting garbage.
const (
	softLimitBytes = 120 << 20
	headroomBytes  = 48 << 20
)

// limitMemory sets the soft memory limit for reading; the returned function adapts it to
// the live data once the files are read. Both do nothing when GOMEMLIMIT is set.
func limitMemory() (afterRead func()) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	debug.SetMemoryLimit(softLimitBytes)
	return func() {
		s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		metrics.Read(s)
		if s[0].Value.Kind() != metrics.KindUint64 {
			return
		}
		if live := int64(s[0].Value.Uint64()); live+headroomBytes > softLimitBytes {
			debug.SetMemoryLimit(live + headroomBytes)
		}
	}
}

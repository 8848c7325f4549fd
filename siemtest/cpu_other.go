//go:build !unix

package siemtest

import "time"

// cpuTime is unknown here: BenchNormalize then reports records/s only.
func cpuTime() time.Duration { return 0 }

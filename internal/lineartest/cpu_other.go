//go:build !unix

package lineartest

import "time"

// cpuTime is unknown here: perOp falls back to elapsed time.
func cpuTime() time.Duration { return 0 }

//go:build !unix

package cputime

import "time"

// Process is unknown here and returns 0; callers fall back to elapsed
// time.
func Process() time.Duration { return 0 }

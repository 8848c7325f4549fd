// Package all registers every built-in log type with the default
// registry when imported:
//
//	import _ "github.com/siem-go/siem/logtypes/all"
//
// Types are registered in detection order: where two key patterns could
// match one key, the more specific type comes first (NLB before ALB before
// CLB, as their file names overlap).
package all

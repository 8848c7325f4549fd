// Package all registers every built-in log type with the default
// registry when imported:
//
//	import _ "github.com/siem-go/siem/logtypes/all"
//
// Types are registered in detection order: where two key patterns could
// match one key, the more specific type comes first (NLB before ALB before
// CLB, as their file names overlap).
package all

import (
	"github.com/siem-go/siem"
	"github.com/siem-go/siem/logtypes/cloudtrail"
	"github.com/siem-go/siem/logtypes/elb"
	"github.com/siem-go/siem/logtypes/vpcflow"
)

// Types returns a new instance of every built-in type in detection order,
// for building an explicit registry.
func Types() []siem.LogType {
	return []siem.LogType{
		vpcflow.New(),
		cloudtrail.New(),
		elb.NLB(),
		elb.ALB(),
		elb.CLB(),
	}
}

func init() {
	for _, t := range Types() {
		siem.Register(t)
	}
}

package all

import (
	"github.com/siem-go/siem"
	"github.com/siem-go/siem/logtypes/cloudtrail"
	"github.com/siem-go/siem/logtypes/elb"
	"github.com/siem-go/siem/logtypes/vpcflow"
)

// Types returns a new instance of every built-in type, for building an
// explicit registry.
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

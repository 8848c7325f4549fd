package all_test

import (
	"fmt"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/logtypes/all"
)

// Importing the package fills the default registry, which detects an
// object's type from its S3 key.
func Example() {
	for _, key := range []string{
		"AWSLogs/123456789012/CloudTrail/us-east-1/2026/11/27/123456789012_CloudTrail_us-east-1_20261127T1005Z_Xa1b2C3d4E5f6G7h.json.gz",
		"AWSLogs/123456789012/vpcflowlogs/us-east-1/2026/11/27/123456789012_vpcflowlogs_us-east-1_fl-0a1b2c3d4e5f6a7b8_20261127T1005Z_1a2b3c4d.log.gz",
		"AWSLogs/123456789012/elasticloadbalancing/us-east-1/2026/11/27/123456789012_elasticloadbalancing_us-east-1_app.my-alb.50dc6c495c0c9188_20261127T1005Z_198.51.100.10_2et2e1mx.log.gz",
		"notes/readme.txt",
	} {
		if lt, err := siem.Default().Detect(siem.Object{Key: key}); err == nil {
			fmt.Println(lt.Info().Name)
		} else {
			fmt.Println("unknown")
		}
	}
	// Output:
	// cloudtrail
	// vpcflow
	// alb
	// unknown
}

// myALB stands in for a user's own ALB type, registered instead of the
// built-in one.
type myALB struct{ siem.LogType }

func (m myALB) Info() siem.Info {
	info := m.LogType.Info()
	info.Description = "our ALB logs, with our own field for the tenant"
	return info
}

// An explicit registry built from Types, with one built-in type replaced
// by a user's own; pass it as siem.Options.Registry.
func ExampleTypes_replace() {
	reg := siem.NewRegistry()
	for _, lt := range all.Types() {
		if lt.Info().Name == "alb" {
			lt = myALB{lt}
		}
		if err := reg.Register(lt); err != nil {
			panic(err)
		}
	}
	lt, _ := reg.Detect(siem.Object{Key: "AWSLogs/123456789012/elasticloadbalancing/us-east-1/2026/11/27/123456789012_elasticloadbalancing_us-east-1_app.my-alb.50dc6c495c0c9188_20261127T1005Z_198.51.100.10_2et2e1mx.log.gz"})
	fmt.Println(lt.Info().Name + ": " + lt.Info().Description)
	// Output:
	// alb: our ALB logs, with our own field for the tenant
}

package opensearch_test

import (
	"fmt"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/logtypes/cloudtrail"
	"github.com/siem-go/siem/logtypes/elb"
	"github.com/siem-go/siem/sink/opensearch"
)

// Templates shows what Setup installs for the built-in log types, without
// a cluster: the ECS component, one component per vendor namespace, and
// one index template per index base name (alb, nlb and clb share
// log-aws-elb). With ISM and alias or data stream rotation, rollover
// policies follow.
func ExampleTemplates() {
	// Usually every type a deployment reads (all.Types()); two here, to
	// keep the listing short.
	reg := siem.NewRegistry()
	for _, lt := range []siem.LogType{cloudtrail.New(), elb.ALB()} {
		if err := reg.Register(lt); err != nil {
			panic(err)
		}
	}
	templates, err := opensearch.Templates(reg, opensearch.TemplateOptions{
		Index: opensearch.IndexConfig{Rotation: opensearch.RotateDataStream},
		ISM:   true,
	})
	if err != nil {
		panic(err)
	}
	for _, t := range templates {
		fmt.Printf("PUT %s %v\n", t.Path(), t.Patterns)
	}
	// Output:
	// PUT /_component_template/siem-ecs []
	// PUT /_component_template/siem-aws.cloudtrail []
	// PUT /_component_template/siem-aws.cloudwatch []
	// PUT /_component_template/siem-aws.elb []
	// PUT /_component_template/siem-aws.eventbridge []
	// PUT /_index_template/siem-log-aws-cloudtrail [log-aws-cloudtrail log-aws-cloudtrail-*]
	// PUT /_index_template/siem-log-aws-elb [log-aws-elb log-aws-elb-*]
	// PUT /_plugins/_ism/policies/siem-rollover-log-aws-cloudtrail [log-aws-cloudtrail]
	// PUT /_plugins/_ism/policies/siem-rollover-log-aws-elb [log-aws-elb]
}

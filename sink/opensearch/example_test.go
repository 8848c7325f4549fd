package opensearch_test

import (
	"fmt"
	"time"

	"github.com/siem-go/siem/sink/opensearch"
)

// Index names follow the log type, the rotation and the time zone. ISO
// weeks belong to their own year: New Year's Day 2027 is in 2026-w53.
func ExampleIndexConfig_Name() {
	newYear := time.Date(2027, 1, 1, 9, 30, 0, 0, time.UTC)
	for _, cfg := range []opensearch.IndexConfig{
		{},
		{Rotation: opensearch.RotateWeekly},
		{Rotation: opensearch.RotateDaily, Location: time.FixedZone("UTC-10", -10*3600)},
		{Rotation: opensearch.RotateDataStream, Prefix: "test-"},
	} {
		for _, typ := range []string{"cloudtrail", "vpcflow", "alb"} {
			name, err := cfg.Name(typ, newYear, time.Now())
			if err != nil {
				fmt.Println(err)
				continue
			}
			fmt.Println(name)
		}
	}
	// Output:
	// log-aws-cloudtrail-2027-01
	// log-aws-vpcflowlogs-2027-01
	// log-aws-elb-2027-01
	// log-aws-cloudtrail-2026-w53
	// log-aws-vpcflowlogs-2026-w53
	// log-aws-elb-2026-w53
	// log-aws-cloudtrail-2026-12-31
	// log-aws-vpcflowlogs-2026-12-31
	// log-aws-elb-2026-12-31
	// test-log-aws-cloudtrail
	// test-log-aws-vpcflowlogs
	// test-log-aws-elb
}

// A sink for an Amazon OpenSearch Service domain, signing with the AWS
// SDK's default credentials. New contacts nothing; the first Write does.
func ExampleNew() {
	sink, err := opensearch.New(opensearch.Config{
		URL:   "https://search-logs-abc123.eu-west-1.es.amazonaws.com",
		SigV4: &opensearch.SigV4{Region: "eu-west-1"},
		Index: opensearch.IndexConfig{Rotation: opensearch.RotateWeekly},
		Retry: opensearch.Retry{MaxAttempts: 10},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer sink.Close()
	fmt.Println("ready")
}

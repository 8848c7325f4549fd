package samplegen

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"time"
)

// TrustedAdvisor returns n records of the reference system's Trusted
// Advisor Lambda, written back to back as it writes them, uncompressed:
// for each check (security, cost, fault tolerance, performance, service
// limits) a result record followed by one record per flagged resource,
// with varied statuses, regions, EC2 instance ARNs, IPs and savings.
func TrustedAdvisor(n int) []byte {
	r := rand.New(rand.NewPCG(0x7a, 0xad5))
	checks := []struct {
		id, name, category string
		cols               []string
	}{
		{"HCP4007jGY", "Security Groups - Specific Ports Unrestricted", "security", []string{"Region", "Security Group Name", "Security Group ID", "Protocol", "Status", "Ports"}},
		{"Qch7DwouX1", "Low Utilization Amazon EC2 Instances", "cost_optimizing", []string{"Region/AZ", "Instance ID", "Instance Name", "Instance Type", "Estimated Monthly Savings", "Private IP"}},
		{"H7IgTzjTYb", "Amazon EBS Snapshots", "fault_tolerance", []string{"Region", "Volume ID", "Volume Name", "Snapshot ID", "Snapshot Name", "Snapshot Age", "Volume Attachment", "Status", "Reason"}},
		{"ZRxQlPsb6c", "High Utilization Amazon EC2 Instances", "performance", []string{"Region/AZ", "Instance ID", "Instance Name", "Instance Type", "Workload ARN"}},
		{"eW7HH0l7J9", "Service Limits", "service_limits", []string{"Region", "Service", "Limit Name", "Limit Amount", "Current Usage", "Status"}},
	}
	regions := []string{"us-east-1", "us-west-2", "eu-west-1", "ap-northeast-1"}
	statuses := []string{"ok", "warning", "error"}
	base := time.Date(2026, 11, 27, 10, 3, 41, 582913000, time.UTC)
	var out []byte
	emit := func(v any) {
		b, err := json.Marshal(v)
		if err != nil {
			panic(err) // the values above always encode
		}
		out = append(out, b...)
	}
	for i, run := 0, 0; i < n; run++ {
		created := base.Add(time.Duration(run) * 12 * time.Hour).Format("2006-01-02T15:04:05.000000")
		for _, c := range checks {
			if i >= n {
				break
			}
			check := map[string]any{"id": c.id, "name": c.name, "description": "Checks " + c.name + ".", "category": c.category, "metadata": c.cols}
			status := statuses[r.IntN(3)]
			flagged := 0
			if status != "ok" {
				flagged = 1 + r.IntN(4)
			}
			if flagged > n-i-1 {
				flagged = max(n-i-1, 0)
			}
			res := map[string]any{"checkId": c.id, "timestamp": base.Add(-time.Duration(r.IntN(600)) * time.Second).Format(time.RFC3339), "status": status,
				"resourcesSummary":        map[string]any{"resourcesProcessed": 10 + r.IntN(90), "resourcesFlagged": flagged, "resourcesIgnored": 0, "resourcesSuppressed": r.IntN(2)},
				"categorySpecificSummary": map[string]any{"costOptimizing": map[string]any{"estimatedMonthlySavings": float64(r.IntN(50000)) / 100, "estimatedPercentMonthlySavings": float64(r.IntN(1000)) / 10}}}
			emit(map[string]any{"requestid": fmt.Sprintf("%08x-1b3d-4e6f-8a7b-%012x", r.Uint32(), run), "creation_date": created, "account": "123456789012", "check": check, "result": res, "refreshable": c.category != "service_limits"})
			i++
			for f := 0; f < flagged; f++ {
				region := regions[r.IntN(len(regions))]
				inst := fmt.Sprintf("i-0%016x", r.Uint64()>>4)
				var md []any
				for _, col := range c.cols {
					switch col {
					case "Region":
						md = append(md, region)
					case "Region/AZ":
						md = append(md, region+"a")
					case "Instance ID":
						md = append(md, inst)
					case "Workload ARN":
						md = append(md, "arn:aws:ec2:"+region+":123456789012:instance/"+inst)
					case "Private IP":
						md = append(md, fmt.Sprintf("10.%d.%d.%d", r.IntN(255), r.IntN(255), 1+r.IntN(254)))
					case "Snapshot Name":
						md = append(md, nil)
					default:
						md = append(md, fmt.Sprintf("%s %d", col, r.IntN(1000)))
					}
				}
				fr := map[string]any{"status": []string{"warning", "error"}[r.IntN(2)], "region": region, "resourceId": fmt.Sprintf("%016x%016x", r.Uint64(), r.Uint64()), "isSuppressed": r.IntN(8) == 0, "metadata": md, "number": f + 1}
				emit(map[string]any{"requestid": "x", "creation_date": created, "account": "123456789012", "check": check, "result": map[string]any{"checkId": c.id, "timestamp": res["timestamp"], "status": status, "flaggedResource": fr}, "refreshable": true})
				i++
			}
		}
	}
	return out
}

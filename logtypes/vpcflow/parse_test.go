package vpcflow

import (
	"strings"
	"testing"
	"time"
)

func TestAppendEpochJSON(t *testing.T) {
	for _, secs := range []int64{0, 1, 86399, 86400, 951782400 /* 2000-02-29 */, 1418530070, 1795773662, 4102444800, 253402300799} {
		want := `"` + time.Unix(secs, 0).UTC().Format(time.RFC3339) + `"`
		if got := string(appendEpochJSON(nil, secs)); got != want {
			t.Errorf("appendEpochJSON(%d) = %s, want %s", secs, got, want)
		}
	}
}

func FuzzAppendEpochJSON(f *testing.F) {
	f.Add(int64(1795773662))
	f.Add(int64(0))
	f.Add(int64(maxEpoch))
	f.Fuzz(func(t *testing.T, secs int64) {
		if secs < 0 {
			secs = -secs
		}
		secs %= maxEpoch + 1
		want := `"` + time.Unix(secs, 0).UTC().Format(time.RFC3339) + `"`
		if got := string(appendEpochJSON(nil, secs)); got != want {
			t.Fatalf("appendEpochJSON(%d) = %s, want %s", secs, got, want)
		}
	})
}

func TestParseKey(t *testing.T) {
	delivered := time.Date(2026, 11, 27, 10, 5, 0, 0, time.UTC)
	tests := []struct {
		key  string
		want keyInfo
	}{
		{"AWSLogs/123456789012/vpcflowlogs/us-east-1/2026/11/27/123456789012_vpcflowlogs_us-east-1_fl-0a1b2c3d4e5f6a7b8_20261127T1005Z_1a2b3c4d.log.gz",
			keyInfo{"123456789012", "us-east-1", delivered}},
		{"prefix/AWSLogs/aws-account-id=210987654321/aws-service=vpcflowlogs/aws-region=eu-west-1/year=2026/month=11/day=27/hour=10/210987654321_vpcflowlogs_eu-west-1_fl-0f1e_20261127T1005Z_5e6f7a8b.log.parquet",
			keyInfo{"210987654321", "eu-west-1", delivered}},
		{"AWSLogs/123456789012/vpcflowlogs/ap-southeast-2/2026/11/27/renamed.log.gz",
			keyInfo{account: "123456789012", region: "ap-southeast-2"}},
		{"AWSLogs/aws-account-id=123456789012/service=vpcflowlogs/aws-region=eu-central-1/year=2026/copy.log",
			keyInfo{account: "123456789012", region: "eu-central-1"}},
		{"exports/vpcflowlogs/eni-0123.log", keyInfo{}},
		{"", keyInfo{}},
	}
	for _, tt := range tests {
		if got := parseKey(tt.key); got != tt.want {
			t.Errorf("parseKey(%q) = %+v, want %+v", tt.key, got, tt.want)
		}
	}
}

func TestLooksLikeHeader(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status", true},
		{"instance-id interface-id srcaddr dstaddr pkt-srcaddr pkt-dstaddr", true},
		{"account_id Interface_ID new-thing", true},
		{"2 123456789012 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 64 1 2 ACCEPT OK", false},
		{"- eni-1235b8ca123456789 10.0.1.5 10.0.0.220 10.0.1.5 203.0.113.5", false},
		{"eni-abc ACCEPT OK", false}, // names only, none documented
		{"srcaddr 10.0.0.1", false},
	}
	for _, tt := range tests {
		var tokens [][]byte
		for _, f := range strings.Fields(tt.line) {
			tokens = append(tokens, []byte(f))
		}
		if got := looksLikeHeader(tokens); got != tt.want {
			t.Errorf("looksLikeHeader(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

func TestVendorPath(t *testing.T) {
	for in, want := range map[string]string{
		"pkt-src-aws-service": "aws.vpcflow.pkt_src_aws_service",
		"Log_Status":          "aws.vpcflow.log_status",
		"a.b":                 "aws.vpcflow.a_b",
		"x9":                  "aws.vpcflow.x9",
	} {
		if got := vendorPath(in); got != want {
			t.Errorf("vendorPath(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestHeaderlessFormats pins the documented field orders the headerless
// fallback relies on.
func TestHeaderlessFormats(t *testing.T) {
	names := func(n int) string {
		var s []string
		for _, c := range headerlessLayouts[n].columns {
			s = append(s, c.name)
		}
		return strings.Join(s, " ")
	}
	want := map[int]string{
		14: "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status",
		29: "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status vpc-id subnet-id instance-id tcp-flags type pkt-srcaddr pkt-dstaddr region az-id sublocation-type sublocation-id pkt-src-aws-service pkt-dst-aws-service flow-direction traffic-path",
		36: "version resource-type account-id tgw-id tgw-attachment-id tgw-src-vpc-account-id tgw-dst-vpc-account-id tgw-src-vpc-id tgw-dst-vpc-id tgw-src-subnet-id tgw-dst-subnet-id tgw-src-eni tgw-dst-eni tgw-src-az-id tgw-dst-az-id tgw-pair-attachment-id srcaddr dstaddr srcport dstport protocol packets bytes start end log-status type packets-lost-no-route packets-lost-blackhole packets-lost-mtu-exceeded packets-lost-ttl-expired tcp-flags region flow-direction pkt-src-aws-service pkt-dst-aws-service",
		40: "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status vpc-id subnet-id instance-id tcp-flags type pkt-srcaddr pkt-dstaddr region az-id sublocation-type sublocation-id pkt-src-aws-service pkt-dst-aws-service flow-direction traffic-path ecs-cluster-arn ecs-cluster-name ecs-container-instance-arn ecs-container-instance-id ecs-container-id ecs-second-container-id ecs-service-name ecs-task-definition-arn ecs-task-arn ecs-task-id reject-reason",
	}
	if len(headerlessLayouts) != len(want) {
		t.Errorf("%d headerless formats, want %d", len(headerlessLayouts), len(want))
	}
	for n, w := range want {
		if got := names(n); got != w {
			t.Errorf("%d-column format:\n got %s\nwant %s", n, got, w)
		}
	}
}

// TestFieldTable checks that every documented field has a name and that
// names resolve back to their field.
func TestFieldTable(t *testing.T) {
	for f := fieldUnknown + 1; f < numFields; f++ {
		name := fields[f].name
		if name == "" {
			t.Errorf("field %d has no name", f)
			continue
		}
		if got := lookupField(name); got != f {
			t.Errorf("lookupField(%q) = %d, want %d", name, got, f)
		}
	}
}

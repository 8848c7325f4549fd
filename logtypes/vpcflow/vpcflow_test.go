package vpcflow_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"strings"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/logtypes/vpcflow"
	"github.com/siem-go/siem/siemtest"
)

const (
	v2Header = "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status"
	v2Accept = "2 123456789012 eni-0a1b2c3d4e5f60001 10.0.1.25 10.0.2.40 49152 443 6 12 4800 1795773605 1795773662 ACCEPT OK"
	v2Reject = "2 123456789012 eni-0a1b2c3d4e5f60001 198.51.100.77 10.0.1.25 51234 22 6 3 180 1795773610 1795773668 REJECT OK"
	v2NoData = "2 123456789012 eni-0a1b2c3d4e5f60004 - - - - - - - 1795773600 1795773900 - NODATA"
	testKey  = "AWSLogs/123456789012/vpcflowlogs/us-east-1/2026/11/27/123456789012_vpcflowlogs_us-east-1_fl-0a1b2c3d4e5f6a7b8_20261127T1005Z_1a2b3c4d.log.gz"
)

func TestInfo(t *testing.T) {
	info := vpcflow.New().Info()
	if info.Name != "vpcflow" || info.Dataset != "aws.vpcflow" || info.Description == "" {
		t.Fatalf("unexpected info %+v", info)
	}
	for _, key := range []string{
		testKey,
		"logs/AWSLogs/123456789012/vpcflowlogs/eu-west-1/2026/11/27/10/123456789012_vpcflowlogs_eu-west-1_fl-0123_20261127T1005Z_abcd.log.gz",
		"AWSLogs/aws-account-id=123456789012/aws-service=vpcflowlogs/aws-region=eu-west-1/year=2026/month=11/day=27/123456789012_vpcflowlogs_eu-west-1_fl-0123_20261127T1005Z_abcd.log.gz",
	} {
		if !info.KeyPattern.MatchString(key) {
			t.Errorf("key pattern does not match %s", key)
		}
	}
	for _, key := range []string{
		"AWSLogs/123456789012/CloudTrail/us-east-1/2026/11/27/123456789012_CloudTrail_us-east-1_20261127T1005Z_abc.json.gz",
		"AWSLogs/123456789012/vpcdnsquerylogs/vpc-0123/2026/11/27/vpc-0123_vpcdnsquerylogs_123456789012_20261127T1005Z_abc.log.gz",
	} {
		if info.KeyPattern.MatchString(key) {
			t.Errorf("key pattern matches %s", key)
		}
	}
}

// fields flattens a document into dotted paths, for compact assertions.
func fields(t *testing.T, body []byte) map[string]any {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatalf("invalid JSON %s: %v", body, err)
	}
	out := map[string]any{}
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		if m, ok := v.(map[string]any); ok {
			for k, sub := range m {
				walk(prefix+k+".", sub)
			}
			return
		}
		out[strings.TrimSuffix(prefix, ".")] = v
	}
	walk("", doc)
	return out
}

func run(t *testing.T, key, data string) *siemtest.Result {
	t.Helper()
	res := siemtest.Run(t, vpcflow.New(), key, []byte(data))
	for _, d := range res.Docs {
		if err := ecs.Validate(d.Body, "aws.vpcflow"); err != nil {
			t.Errorf("record %d: %v", d.Source.Record, err)
		}
	}
	return res
}

func TestNormalize(t *testing.T) {
	tests := []struct {
		name   string
		input  string
		key    string
		want   map[string]any // fields that must have these values
		absent []string       // fields that must not be set
	}{
		{
			name:  "accept",
			input: v2Header + "\n" + v2Accept + "\n",
			want: map[string]any{
				"@timestamp": "2026-11-27T10:01:02Z", "event.start": "2026-11-27T10:00:05Z", "event.end": "2026-11-27T10:01:02Z",
				"event.action": "ACCEPT", "event.outcome": "success", "event.kind": "event",
				"source.ip": "10.0.1.25", "source.address": "10.0.1.25", "source.port": 49152.0,
				"destination.ip": "10.0.2.40", "destination.port": 443.0,
				"source.bytes": 4800.0, "network.bytes": 4800.0, "source.packets": 12.0, "network.packets": 12.0,
				"network.iana_number": "6", "network.transport": "tcp", "network.type": "ipv4",
				"cloud.account.id": "123456789012", "cloud.region": "us-east-1", "cloud.provider": "aws",
				"aws.vpcflow.interface_id": "eni-0a1b2c3d4e5f60001", "aws.vpcflow.log_status": "OK", "aws.vpcflow.version": "2",
			},
			absent: []string{"aws.vpcflow.srcaddr", "aws.vpcflow.start", "network.direction", "cloud.instance.id"},
		},
		{
			name:  "reject",
			input: v2Header + "\n" + v2Reject + "\n",
			want:  map[string]any{"event.action": "REJECT", "event.outcome": "failure"},
		},
		{
			name:   "nodata keeps what it has",
			input:  v2Header + "\n" + v2NoData + "\n",
			want:   map[string]any{"@timestamp": "2026-11-27T10:05:00Z", "aws.vpcflow.log_status": "NODATA", "aws.vpcflow.interface_id": "eni-0a1b2c3d4e5f60004", "cloud.account.id": "123456789012"},
			absent: []string{"source.ip", "source.port", "event.action", "event.outcome", "network.iana_number", "aws.vpcflow.action", "network.type"},
		},
		{
			name:  "ipv6 written canonically, address kept as written",
			input: v2Header + "\n2 123456789012 eni-1 2001:DB8:0:0::1 2001:db8::2 1 2 58 1 64 1795773600 1795773660 ACCEPT OK\n",
			want:  map[string]any{"source.ip": "2001:db8::1", "source.address": "2001:DB8:0:0::1", "network.type": "ipv6", "network.transport": "ipv6-icmp"},
		},
		{
			name:  "ipv4-mapped ipv6 written as ipv4",
			input: v2Header + "\n2 123456789012 eni-1 ::ffff:10.0.0.1 10.0.0.2 1 2 6 1 64 1795773600 1795773660 ACCEPT OK\n",
			want:  map[string]any{"source.ip": "10.0.0.1", "network.type": "ipv4"},
		},
		{
			name:  "unknown account falls back to the key's",
			input: v2Header + "\n2 unknown eni-1 10.0.0.1 10.0.0.2 1 2 6 1 64 1795773600 1795773660 ACCEPT OK\n",
			want:  map[string]any{"cloud.account.id": "123456789012", "aws.vpcflow.account_id": "unknown"},
		},
		{
			name:   "unknown account without a key account",
			key:    "local/vpcflowlogs.log",
			input:  v2Header + "\n2 unknown eni-1 10.0.0.1 10.0.0.2 1 2 6 1 64 1795773600 1795773660 ACCEPT OK\n",
			want:   map[string]any{"aws.vpcflow.account_id": "unknown"},
			absent: []string{"cloud.account.id", "cloud.region"},
		},
		{
			name:   "unknown protocol number has no transport",
			input:  v2Header + "\n2 123456789012 eni-1 10.0.0.1 10.0.0.2 0 0 253 1 64 1795773600 1795773660 ACCEPT OK\n",
			want:   map[string]any{"network.iana_number": "253"},
			absent: []string{"network.transport"},
		},
		{
			name:  "leading zeros are canonicalised",
			input: v2Header + "\n2 123456789012 eni-1 10.0.0.1 10.0.0.2 0080 00443 006 1 64 1795773600 1795773660 ACCEPT OK\n",
			want:  map[string]any{"network.iana_number": "6", "source.port": 80.0, "destination.port": 443.0},
		},
		{
			name: "custom order with v5, v8 and unknown fields, any case, underscores",
			input: "Log-Status region AZ_ID flow-direction tcp-flags type action start end srcaddr dstaddr reject-reason instance-id traffic-path brand-new-field\n" +
				"OK eu-west-1 euw1-az2 egress 18 IPv4 REJECT 1795773600 1795773660 10.0.0.1 10.0.0.2 BPA i-0123 5 Some_Value\n",
			want: map[string]any{
				"aws.vpcflow.log_status": "OK", "cloud.region": "eu-west-1", "cloud.availability_zone": "euw1-az2",
				"aws.vpcflow.az_id": "euw1-az2", "network.direction": "egress", "aws.vpcflow.flow_direction": "egress",
				"aws.vpcflow.tcp_flags": "18", "aws.vpcflow.tcp_flags_array": []any{"syn", "ack"},
				"aws.vpcflow.type": "IPv4", "network.type": "ipv4", "event.reason": "BPA", "aws.vpcflow.reject_reason": "BPA",
				"cloud.instance.id": "i-0123", "aws.vpcflow.traffic_path": "5", "aws.vpcflow.brand_new_field": "Some_Value",
				"event.type": []any{"connection", "denied"},
			},
		},
		{
			name:   "efa traffic gets no network.type",
			input:  "type srcaddr end\nEFA 10.0.0.1 1795773660\n",
			want:   map[string]any{"aws.vpcflow.type": "EFA"},
			absent: []string{"network.type"},
		},
		{
			name:   "tcp flags of zero give no array",
			input:  "tcp-flags end\n0 1795773660\n",
			want:   map[string]any{"aws.vpcflow.tcp_flags": "0"},
			absent: []string{"aws.vpcflow.tcp_flags_array"},
		},
		{
			name:  "start only",
			input: "start srcaddr\n1795773600 10.0.0.1\n",
			want:  map[string]any{"@timestamp": "2026-11-27T10:00:00Z", "event.start": "2026-11-27T10:00:00Z"},
		},
		{
			name:  "no times: the delivery time in the file name",
			input: "interface-id srcaddr dstaddr\neni-1 10.0.0.1 10.0.0.2\n",
			want:  map[string]any{"@timestamp": "2026-11-27T10:05:00Z"},
		},
		{
			name: "ecs metadata",
			input: "end ecs-cluster-arn ecs-cluster-name ecs-container-instance-arn ecs-container-instance-id ecs-container-id ecs-second-container-id ecs-service-name ecs-task-definition-arn ecs-task-arn ecs-task-id\n" +
				"1795773660 arn:aws:ecs:us-east-1:123456789012:cluster/c c arn:aws:ecs:us-east-1:123456789012:container-instance/c/abc abc cid1 cid2 svc arn:aws:ecs:us-east-1:123456789012:task-definition/t:1 arn:aws:ecs:us-east-1:123456789012:task/c/tid tid\n",
			want: map[string]any{
				"orchestrator.cluster.id": "arn:aws:ecs:us-east-1:123456789012:cluster/c", "orchestrator.cluster.name": "c",
				"orchestrator.resource.id": "abc", "orchestrator.resource.name": "arn:aws:ecs:us-east-1:123456789012:container-instance/c/abc",
				"container.id": "cid1", "service.name": "svc", "aws.vpcflow.ecs_second_container_id": "cid2",
				"aws.vpcflow.ecs_task_id": "tid", "aws.vpcflow.ecs_task_arn": "arn:aws:ecs:us-east-1:123456789012:task/c/tid",
			},
		},
		{
			name:   "transit gateway counters are numbers",
			input:  "resource-type tgw-id packets-lost-no-route packets-lost-blackhole packets-lost-mtu-exceeded packets-lost-ttl-expired end\nTransitGateway tgw-1 1 2 - 4 1795773660\n",
			want:   map[string]any{"aws.vpcflow.resource_type": "TransitGateway", "aws.vpcflow.tgw_id": "tgw-1", "aws.vpcflow.packets_lost_no_route": 1.0, "aws.vpcflow.packets_lost_blackhole": 2.0, "aws.vpcflow.packets_lost_ttl_expired": 4.0},
			absent: []string{"aws.vpcflow.packets_lost_mtu_exceeded", "event.outcome"},
		},
		{
			name:  "tabs, repeated spaces and CRLF",
			input: v2Header + "\r\n2\t123456789012  eni-1 10.0.0.1 10.0.0.2 1 2 6 1 64 1795773600 1795773660 ACCEPT OK\r\n",
			want:  map[string]any{"aws.vpcflow.account_id": "123456789012", "aws.vpcflow.log_status": "OK"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			key := tt.key
			if key == "" {
				key = testKey
			}
			res := run(t, key, tt.input)
			if res.Err != nil || len(res.DeadLetters) > 0 || len(res.Docs) != 1 {
				t.Fatalf("want one document; got %d, dead letters %v, error %v", len(res.Docs), res.DeadLetters, res.Err)
			}
			got := fields(t, res.Docs[0].Body)
			for k, want := range tt.want {
				if g, ok := got[k]; !ok {
					t.Errorf("%s missing", k)
				} else if !equalJSON(g, want) {
					t.Errorf("%s = %v, want %v", k, g, want)
				}
			}
			for _, k := range tt.absent {
				if g, ok := got[k]; ok {
					t.Errorf("%s = %v, want it absent", k, g)
				}
			}
			for k, v := range got {
				if v == "-" {
					t.Errorf("%s is \"-\"", k)
				}
			}
		})
	}
}

func equalJSON(a, b any) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return bytes.Equal(ja, jb)
}

// TestDeadLetters checks that one bad record is held back with a reason
// naming its column and value, and that the records around it are indexed.
func TestDeadLetters(t *testing.T) {
	tests := []struct {
		name, line, reason string
	}{
		{"too few columns", "2 123456789012 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 64 1795773600 ACCEPT OK", "13 columns but the format has 14"},
		{"too many columns", v2Accept + " extra", "15 columns but the format has 14"},
		{"bad srcport", "2 123456789012 eni-1 10.0.0.1 10.0.0.2 x1 2 6 1 64 1795773600 1795773660 ACCEPT OK", `column 6 (srcport) is "x1"`},
		{"port out of range", "2 123456789012 eni-1 10.0.0.1 10.0.0.2 1 65536 6 1 64 1795773600 1795773660 ACCEPT OK", `column 7 (dstport) is "65536"`},
		{"negative bytes", "2 123456789012 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 -64 1795773600 1795773660 ACCEPT OK", `column 10 (bytes) is "-64"`},
		{"bad packets", "2 123456789012 eni-1 10.0.0.1 10.0.0.2 1 2 6 1.5 64 1795773600 1795773660 ACCEPT OK", `column 9 (packets) is "1.5"`},
		{"bytes beyond 2^64-1", "2 123456789012 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 18446744073709551616 1795773600 1795773660 ACCEPT OK", `column 10 (bytes)`},
		{"bad protocol", "2 123456789012 eni-1 10.0.0.1 10.0.0.2 1 2 tcp 1 64 1795773600 1795773660 ACCEPT OK", `column 8 (protocol) is "tcp"`},
		{"bad start", "2 123456789012 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 64 2026-11-27 1795773660 ACCEPT OK", `column 11 (start) is "2026-11-27"`},
		{"end before start", "2 123456789012 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 64 1795773660 1795773600 ACCEPT OK", "the flow ends (end 1795773600) before it starts (start 1795773660)"},
		{"end beyond year 9999", "2 123456789012 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 64 1795773600 999999999999 ACCEPT OK", `column 12 (end)`},
		{"bad srcaddr", "2 123456789012 eni-1 10.0.0 10.0.0.2 1 2 6 1 64 1795773600 1795773660 ACCEPT OK", `column 4 (srcaddr) is "10.0.0"`},
		{"zone in dstaddr", "2 123456789012 eni-1 10.0.0.1 fe80::1%eth0 1 2 6 1 64 1795773600 1795773660 ACCEPT OK", `column 5 (dstaddr)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := run(t, testKey, v2Header+"\n"+v2Accept+"\n"+tt.line+"\n"+v2Reject+"\n")
			if res.Err != nil {
				t.Fatal(res.Err)
			}
			if len(res.Docs) != 2 || res.Docs[0].Source.Record != 1 || res.Docs[1].Source.Record != 3 {
				t.Errorf("want records 1 and 3 indexed, got %d documents", len(res.Docs))
			}
			if len(res.DeadLetters) != 1 {
				t.Fatalf("want one dead letter, got %v", res.DeadLetters)
			}
			dl := res.DeadLetters[0]
			if !strings.Contains(dl.Reason, tt.reason) {
				t.Errorf("reason %q does not contain %q", dl.Reason, tt.reason)
			}
			if dl.Record != 2 || dl.Line != 3 || string(dl.Raw) != tt.line {
				t.Errorf("dead letter at record %d line %d raw %q; want record 2, line 3, the line", dl.Record, dl.Line, dl.Raw)
			}
		})
	}
}

// TestCountersBeyondLong reads AWS's 64-bit unsigned counters up to
// 2^64-1: ECS's long fields cannot hold more than 2^63-1, so such a count
// is kept, exactly, under aws.vpcflow instead of refusing the record.
func TestCountersBeyondLong(t *testing.T) {
	header := v2Header + " packets-lost-no-route"
	line := "2 123456789012 eni-1 10.0.0.1 10.0.0.2 1 2 6 18446744073709551615 9223372036854775808 1795773600 1795773660 ACCEPT OK 18446744073709551615"
	res := run(t, testKey, header+"\n"+line+"\n")
	if len(res.Docs) != 1 {
		t.Fatalf("want the record indexed, got dead letters %v", res.DeadLetters)
	}
	body := string(res.Docs[0].Body)
	for _, want := range []string{`"bytes":9223372036854775808`, `"packets":18446744073709551615`, `"packets_lost_no_route":18446744073709551615`} {
		if !strings.Contains(body, want) {
			t.Errorf("document lacks %s:\n%s", want, body)
		}
	}
	f := fields(t, res.Docs[0].Body)
	for _, path := range []string{"network.bytes", "network.packets", "source.bytes", "source.packets"} {
		if _, ok := f[path]; ok {
			t.Errorf("%s is set, but a long cannot hold the count", path)
		}
	}
	if err := vpcflow.New().Info().CheckVendorFields(res.Docs[0].Body); err != nil {
		t.Error(err)
	}
}

func TestNoTimestampAnywhere(t *testing.T) {
	res := run(t, "exports/vpcflowlogs/custom.log", "interface-id srcaddr\neni-1 10.0.0.1\n")
	if len(res.Docs) != 0 || len(res.DeadLetters) != 1 || !strings.Contains(res.DeadLetters[0].Reason, "no start or end time") {
		t.Fatalf("want the record dead-lettered for its missing time; got %d docs, %v", len(res.Docs), res.DeadLetters)
	}
}

// TestLastLineWithoutNewline guards against the reference loader's bug of
// dropping the last row of every file.
func TestLastLineWithoutNewline(t *testing.T) {
	for _, compressed := range []bool{false, true} {
		data := []byte(v2Header + "\n" + v2Accept + "\n" + v2Reject)
		if compressed {
			var b bytes.Buffer
			zw := gzip.NewWriter(&b)
			zw.Write(data)
			zw.Close()
			data = b.Bytes()
		}
		res := siemtest.Run(t, vpcflow.New(), testKey, data)
		if len(res.Docs) != 2 {
			t.Fatalf("compressed=%v: want both records indexed, got %d (%v)", compressed, len(res.Docs), res.Counts)
		}
		if last := res.Docs[1]; last.Source.Record != 2 || string(last.Raw) != v2Reject {
			t.Errorf("compressed=%v: last document is record %d %q", compressed, last.Source.Record, last.Raw)
		}
	}
}

func TestFraming(t *testing.T) {
	tests := []struct {
		name    string
		input   string
		records []int64 // record numbers indexed
		lines   []int64 // their lines
		errText string  // object error, if any
	}{
		{name: "empty object", input: ""},
		{name: "header only", input: v2Header + "\n"},
		{name: "blank lines are not records", input: "\n" + v2Header + "\n\n" + v2Accept + "\n  \n" + v2Reject + "\n", records: []int64{1, 2}, lines: []int64{4, 6}},
		{name: "repeated header of concatenated files", input: v2Header + "\n" + v2Accept + "\n" + v2Header + "\n" + v2Reject + "\n", records: []int64{1, 2}, lines: []int64{2, 4}},
		{name: "headerless default format", input: v2Accept + "\n" + v2NoData + "\n", records: []int64{1, 2}, lines: []int64{1, 2}},
		{name: "headerless with unknown column count", input: "2 123456789012 eni-1 10.0.0.1\n", errText: "neither a flow log header"},
		{name: "header naming no documented field", input: "foo bar baz\n1 2 3\n", errText: "neither a flow log header"},
		{name: "duplicate header field", input: "srcaddr dstaddr src_addr srcaddr\n", errText: `names field "srcaddr" twice`},
		{name: "duplicate header field spelled differently", input: "account-id ACCOUNT_ID\n", errText: "twice"},
		{name: "damaged parquet", input: "PAR1\x15\x04\x15\x10", errText: "Parquet"},
		{name: "first line too long", input: strings.Repeat("x", 2<<20) + "\n" + v2Accept + "\n", errText: "must be its header"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := run(t, testKey, tt.input)
			if tt.errText != "" {
				if res.Err == nil || !strings.Contains(res.Err.Error(), tt.errText) {
					t.Fatalf("want an object error containing %q, got %v", tt.errText, res.Err)
				}
				return
			}
			if res.Err != nil {
				t.Fatal(res.Err)
			}
			if len(res.Docs) != len(tt.records) {
				t.Fatalf("got %d documents, want %d (dead letters %v)", len(res.Docs), len(tt.records), res.DeadLetters)
			}
			for i, d := range res.Docs {
				if d.Source.Record != tt.records[i] || d.Source.Line != tt.lines[i] {
					t.Errorf("document %d at record %d line %d, want record %d line %d", i, d.Source.Record, d.Source.Line, tt.records[i], tt.lines[i])
				}
			}
		})
	}
}

// TestOverlongLineIsDeadLettered checks that a line over the framing limit
// after the header costs only that record, wherever it is.
func TestOverlongLineIsDeadLettered(t *testing.T) {
	long := "2 " + strings.Repeat("9", 2<<20)
	for _, tt := range []struct {
		name   string
		lines  []string
		record int64 // of the long line
	}{
		{"first record", []string{v2Header, long, v2Accept, v2Reject}, 1},
		{"middle record", []string{v2Header, v2Accept, long, v2Reject}, 2},
		{"last record", []string{v2Header, v2Accept, v2Reject, long}, 3},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res := run(t, testKey, strings.Join(tt.lines, "\n")+"\n")
			if res.Err != nil || len(res.Docs) != 2 || len(res.DeadLetters) != 1 {
				t.Fatalf("want 2 documents and 1 dead letter, got %d, %d, %v", len(res.Docs), len(res.DeadLetters), res.Err)
			}
			if dl := res.DeadLetters[0]; dl.Record != tt.record || dl.Line != tt.record+1 {
				t.Errorf("dead letter at record %d line %d, want record %d line %d", dl.Record, dl.Line, tt.record, tt.record+1)
			}
			for _, d := range res.Docs {
				if d.Source.Line != d.Source.Record+1 {
					t.Errorf("record %d on line %d: numbering is off", d.Source.Record, d.Source.Line)
				}
			}
		})
	}
}

func TestRegistryDetection(t *testing.T) {
	reg := siem.NewRegistry()
	if err := reg.Register(vpcflow.New()); err != nil {
		t.Fatal(err)
	}
	lt, err := reg.Detect(siem.Object{Key: testKey})
	ok := err == nil
	if !ok || lt.Info().Name != "vpcflow" {
		t.Fatalf("key %s not detected as vpcflow", testKey)
	}
}

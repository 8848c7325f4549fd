package elb

import (
	"strings"
	"testing"
)

// The ALPN example entry of the AWS documentation, with the connection
// creation time of log version 2.0.
const nlbTLSLine = `tls 2.0 2020-04-01T08:51:42 net/my-network-loadbalancer/c6e77e28c25b2234 g3d4b5e8bb8464cd 72.21.218.154:51341 172.100.100.185:443 5 2 98 246 - arn:aws:acm:us-east-2:671290407336:certificate/2a108f19-aded-46b0-8493-c63eb1ef4a99 - ECDHE-RSA-AES128-SHA tlsv12 - my-network-loadbalancer-c6e77e28c25b2234.elb.us-east-2.amazonaws.com h2 h2 "h2","http/1.1" 2020-04-01T08:51:20`

func TestNLBFullEntry(t *testing.T) {
	doc, err := normalizeLine(t, NLB(), nlbSampleKey, nlbTLSLine)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"@timestamp":                           "2020-04-01T08:51:42Z",
		"event.kind":                           "event",
		"event.category":                       []any{"network"},
		"event.type":                           []any{"connection"},
		"event.start":                          "2020-04-01T08:51:20Z",
		"event.end":                            "2020-04-01T08:51:42Z",
		"event.duration":                       5000000.0,
		"cloud.provider":                       "aws",
		"cloud.account.id":                     "123456789012",
		"cloud.region":                         "us-east-1",
		"source.ip":                            "72.21.218.154",
		"source.address":                       "72.21.218.154",
		"source.port":                          51341.0,
		"source.bytes":                         98.0,
		"destination.ip":                       "172.100.100.185",
		"destination.port":                     443.0,
		"destination.bytes":                    246.0,
		"destination.domain":                   "my-network-loadbalancer-c6e77e28c25b2234.elb.us-east-2.amazonaws.com",
		"related.ip":                           []any{"72.21.218.154", "172.100.100.185"},
		"tls.cipher":                           "ECDHE-RSA-AES128-SHA",
		"tls.version":                          "1.2",
		"tls.version_protocol":                 "tls",
		"tls.established":                      true,
		"tls.next_protocol":                    "h2",
		"tls.client.server_name":               "my-network-loadbalancer-c6e77e28c25b2234.elb.us-east-2.amazonaws.com",
		"aws.elb.type":                         "tls",
		"aws.elb.protocol":                     "tcp",
		"aws.elb.name":                         "net/my-network-loadbalancer/c6e77e28c25b2234",
		"aws.elb.listener":                     "g3d4b5e8bb8464cd",
		"aws.elb.connection_time.ms":           5.0,
		"aws.elb.tls_handshake_time.ms":        2.0,
		"aws.elb.chosen_cert.arn":              "arn:aws:acm:us-east-2:671290407336:certificate/2a108f19-aded-46b0-8493-c63eb1ef4a99",
		"aws.elb.ssl_cipher":                   "ECDHE-RSA-AES128-SHA",
		"aws.elb.ssl_protocol":                 "tlsv12",
		"aws.elb.alpn_fe_protocol":             "h2",
		"aws.elb.alpn_be_protocol":             "h2",
		"aws.elb.alpn_client_preference_list":  []any{"h2", "http/1.1"},
		"aws.elb.tls_connection_creation_time": "2020-04-01T08:51:20Z",
	}
	if !equalJSON(doc, want) {
		for k := range doc {
			if _, ok := want[k]; !ok {
				t.Errorf("unexpected field %s = %v", k, doc[k])
			}
		}
		checkFields(t, doc, want)
	}
}

func TestNLBEntries(t *testing.T) {
	tests := []struct {
		name string
		line string
		want map[string]any
	}{
		{
			name: "version 1.0 entry of the AWS documentation",
			line: `tls 1.0 2018-12-20T02:59:40 net/my-network-loadbalancer/c6e77e28c25b2234 g3d4b5e8bb8464cd 72.21.218.154:51341 172.100.100.185:443 5 2 98 246 - arn:aws:acm:us-east-2:671290407336:certificate/2a108f19-aded-46b0-8493-c63eb1ef4a99 - ECDHE-RSA-AES128-SHA tlsv12 - my-network-loadbalancer-c6e77e28c25b2234.elb.us-east-2.amazonaws.com`,
			want: map[string]any{
				"@timestamp": "2018-12-20T02:59:40Z", "event.start": nil, "tls.established": true, "tls.next_protocol": nil,
				"aws.elb.alpn_client_preference_list": nil, "aws.elb.tls_connection_creation_time": nil,
			},
		},
		{
			name: "failed handshake",
			line: `tls 2.0 2024-10-25T17:33:59 net/my-nlb/c88927aafc9abafe 52878890095341b5 192.168.131.39:2817 10.0.0.1:80 0 - 0 0 - - - - - - - - - - 2024-10-25T17:33:59`,
			want: map[string]any{
				"tls.established": false, "tls.cipher": nil, "tls.version": nil, "aws.elb.tls_handshake_time.ms": nil,
				"aws.elb.connection_time.ms": 0.0, "event.duration": 0.0, "source.bytes": 0.0, "destination.domain": nil,
				"event.outcome": nil, "aws.elb.chosen_cert.arn": nil,
			},
		},
		{
			// NLB writes IPv6 addresses without brackets; the port follows the last colon.
			name: "client alert, IPv6 client and destination, TLS 1.3",
			line: `tls 2.0 2026-11-27T10:02:11 net/my-nlb/0123456789abcdef g3d4b5e8bb8464cd 2001:db8:1234::abcd:40122 2001:db8:ffff:1::10:443 30125 41 5210 88761 46 arn:aws:acm:us-east-1:123456789012:certificate/2a108f19-aded-46b0-8493-c63eb1ef4a99 - TLS_AES_128_GCM_SHA256 tlsv13 x25519 api.example.com - - - 2026-11-27T10:01:40`,
			want: map[string]any{
				"source.ip": "2001:db8:1234::abcd", "source.port": 40122.0, "aws.elb.incoming_tls_alert": "46",
				"tls.version": "1.3", "aws.elb.tls_named_group": "x25519", "event.duration": 30125000000.0,
				"destination.ip": "2001:db8:ffff:1::10", "destination.port": 443.0,
				"related.ip": []any{"2001:db8:1234::abcd", "2001:db8:ffff:1::10"},
			},
		},
		{
			name: "escaped quotes in the ALPN list",
			line: strings.Replace(nlbTLSLine, `"h2","http/1.1"`, `\"http/1.1\"`, 1),
			want: map[string]any{"aws.elb.alpn_client_preference_list": []any{"http/1.1"}},
		},
		{
			name: "a connection time too long for event.duration",
			line: strings.Replace(nlbTLSLine, " 5 2 98 246 ", " 999999999999999999 2 98 246 ", 1),
			want: map[string]any{"event.duration": nil, "aws.elb.connection_time.ms": 999999999999999999.0},
		},
		{
			name: "fields appended later are ignored",
			line: nlbTLSLine + " something-new 42",
			want: map[string]any{"aws.elb.alpn_client_preference_list": []any{"h2", "http/1.1"}, "event.start": "2020-04-01T08:51:20Z"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := normalizeLine(t, NLB(), nlbSampleKey, tt.line)
			if err != nil {
				t.Fatal(err)
			}
			checkFields(t, doc, tt.want)
		})
	}
}

func TestNLBErrors(t *testing.T) {
	fields := strings.Fields(nlbTLSLine)
	with := func(i int, v string) string {
		f := append([]string(nil), fields...)
		f[i] = v
		return strings.Join(f, " ")
	}
	tests := []struct {
		name   string
		line   string
		column int
		field  string
		want   string
	}{
		{"too few fields", strings.Join(fields[:10], " "), 0, "", "10 fields, expected at least 18"},
		{"ALB entry", albHTTPLine, 2, "version", "version"},
		{"bad version", with(nlbVersion, "two"), 2, "version", "version"},
		{"bad time", with(nlbTime, "2020-04-01"), 3, "time", "ISO 8601"},
		{"bad creation time", with(nlbTLSConnectionCreationTime, "soon"), 22, "tls_connection_creation_time", "ISO 8601"},
		{"bad client", with(nlbClient, "72.21.218.154"), 6, "client:port", "ip:port"},
		{"destination not an address", with(nlbDestination, "vpce-0a1b2c3d:443"), 7, "destination:port", "IP address"},
		{"bad connection time", with(nlbConnectionTime, "5.5"), 8, "connection_time", "integer"},
		{"bad received bytes", with(nlbReceivedBytes, "many"), 10, "received_bytes", "integer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := normalizeLine(t, NLB(), nlbSampleKey, tt.line)
			checkError(t, err, tt.column, tt.field, tt.want)
		})
	}
}

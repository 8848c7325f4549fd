package elb

import (
	"testing"
)

func TestCLBEntries(t *testing.T) {
	tests := []struct {
		name string
		line string
		want map[string]any
	}{
		{
			name: "HTTP listener",
			line: `2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 10.0.0.1:80 0.000073 0.001048 0.000057 200 200 0 29 "GET http://www.example.com:80/ HTTP/1.1" "curl/7.38.0" - -`,
			want: map[string]any{
				"@timestamp": "2015-05-13T23:39:43.945958Z", "event.end": "2015-05-13T23:39:43.945958Z", "event.start": nil,
				"event.kind": "event", "event.category": []any{"web"}, "event.type": []any{"access"}, "event.outcome": "success",
				"aws.elb.name": "my-loadbalancer", "aws.elb.protocol": "http", "aws.elb.type": nil,
				"source.ip": "192.168.131.39", "source.address": "192.168.131.39", "source.port": 2817.0,
				"destination.ip": "10.0.0.1", "destination.port": 80.0, "aws.elb.backend.ip": "10.0.0.1", "aws.elb.backend.port": "80",
				"aws.elb.request_processing_time.sec": 0.000073, "aws.elb.backend_processing_time.sec": 0.001048,
				"aws.elb.response_processing_time.sec": 0.000057,
				"http.response.status_code":            200.0, "aws.elb.backend.http.response.status_code": 200.0,
				"http.request.body.bytes": 0.0, "http.response.body.bytes": 29.0, "source.bytes": nil,
				"http.request.method": "GET", "http.version": "1.1", "url.original": "http://www.example.com:80/", "url.domain": "www.example.com",
				"url.port": 80.0, "url.path": "/", "url.scheme": "http", "user_agent.original": "curl/7.38.0",
				"tls.cipher": nil, "aws.elb.ssl_cipher": nil, "related.ip": []any{"192.168.131.39", "10.0.0.1"},
				"cloud.account.id": "123456789012", "cloud.region": "us-east-1", "cloud.provider": "aws",
			},
		},
		{
			name: "HTTPS listener",
			line: `2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 10.0.0.1:80 0.000086 0.001048 0.001337 200 200 0 57 "GET https://www.example.com:443/ HTTP/1.1" "curl/7.38.0" DHE-RSA-AES128-SHA TLSv1.2`,
			want: map[string]any{
				"tls.cipher": "DHE-RSA-AES128-SHA", "tls.version": "1.2", "tls.version_protocol": "tls",
				"aws.elb.ssl_cipher": "DHE-RSA-AES128-SHA", "aws.elb.ssl_protocol": "TLSv1.2", "url.scheme": "https", "url.port": 443.0,
			},
		},
		{
			name: "TCP listener",
			line: `2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 10.0.0.1:80 0.001069 0.000028 0.000041 - - 82 305 "- - - " "-" - -`,
			want: map[string]any{
				"event.category": []any{"network"}, "event.type": []any{"connection"}, "aws.elb.protocol": "tcp",
				"event.outcome": nil, "http.response.status_code": nil, "http.request.method": nil, "url.original": nil,
				"user_agent.original": nil, "source.bytes": 82.0, "destination.bytes": 305.0, "http.request.body.bytes": nil,
				"destination.ip": "10.0.0.1",
			},
		},
		{
			name: "SSL listener",
			line: `2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 10.0.0.1:80 0.001065 0.000015 0.000023 - - 57 502 "- - - " "-" ECDHE-ECDSA-AES128-GCM-SHA256 TLSv1.2`,
			want: map[string]any{
				"aws.elb.protocol": "tcp", "event.category": []any{"network"}, "tls.cipher": "ECDHE-ECDSA-AES128-GCM-SHA256",
				"tls.version": "1.2", "source.bytes": 57.0, "destination.bytes": 502.0,
			},
		},
		{
			name: "no back end",
			line: `2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 - -1 -1 -1 503 0 0 0 "GET http://www.example.com:80/ HTTP/1.1" "curl/7.38.0" - -`,
			want: map[string]any{
				"destination.ip": nil, "aws.elb.backend.ip": nil, "aws.elb.request_processing_time.sec": nil,
				"http.response.status_code": 503.0, "event.outcome": "failure", "aws.elb.backend.http.response.status_code": 0.0,
				"related.ip": []any{"192.168.131.39"},
			},
		},
		{
			name: "IPv6 client and URL host",
			line: `2026-11-27T10:03:05.200000Z my-clb 2001:db8::1:41234 10.0.1.185:80 0.000040 0.001000 0.000020 304 304 0 0 "GET http://[2001:db8::100]:80/style.css HTTP/1.1" "curl/8.5.0" - -`,
			want: map[string]any{
				"source.ip": "2001:db8::1", "source.port": 41234.0, "url.domain": "[2001:db8::100]",
				"related.ip": []any{"2001:db8::1", "10.0.1.185", "2001:db8::100"},
			},
		},
		{
			name: "SSLv3",
			line: `2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 10.0.0.1:80 0.000086 0.001048 0.001337 200 200 0 57 "GET https://www.example.com:443/ HTTP/1.1" "curl/7.38.0" ECDHE-RSA-AES128-SHA SSLv3`,
			want: map[string]any{"tls.version": "3.0", "tls.version_protocol": "ssl"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := normalizeLine(t, CLB(), clbSampleKey, tt.line)
			if err != nil {
				t.Fatal(err)
			}
			checkFields(t, doc, tt.want)
		})
	}
}

func TestCLBErrors(t *testing.T) {
	const line = `2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 10.0.0.1:80 0.000073 0.001048 0.000057 200 200 0 29 "GET http://www.example.com:80/ HTTP/1.1" "curl/7.38.0" - -`
	tests := []struct {
		name   string
		line   string
		column int
		field  string
		want   string
	}{
		{"unterminated quote", line[:len(line)-10], 0, "", "the line is truncated"},
		{"too few fields", `2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 10.0.0.1:80 0.000073`, 0, "", "5 fields, expected at least 15"},
		{"ALB entry", albHTTPLine, 1, "time", "not a CLB access log entry"},
		{"bad time", replaceFields(t, line, map[int]string{clbTime: "13/May/2015:23:39:43"}), 1, "time", "ISO 8601"},
		{"bad client port", replaceFields(t, line, map[int]string{clbClient: "192.168.131.39:port"}), 3, "client:port", "port"},
		{"bad back end", replaceFields(t, line, map[int]string{clbBackend: "10.0.0.1"}), 4, "backend:port", "ip:port"},
		{"bad processing time", replaceFields(t, line, map[int]string{clbBackendProcessingTime: "abc"}), 6, "backend_processing_time", "seconds"},
		{"bad status", replaceFields(t, line, map[int]string{clbELBStatusCode: "2xx"}), 8, "elb_status_code", "status code"},
		{"bad received bytes", replaceFields(t, line, map[int]string{clbReceivedBytes: "1.5"}), 10, "received_bytes", "integer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := normalizeLine(t, CLB(), clbSampleKey, tt.line)
			checkError(t, err, tt.column, tt.field, tt.want)
		})
	}
}

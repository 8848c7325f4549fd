package elb

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/internal/samplegen"
)

func FuzzALB(f *testing.F) {
	fuzzNormalize(f, normalizeALB, samplegen.ALB(20),
		albHTTPLine,
		`h2 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 [2001:db8::1]:48160 10.0.0.66:9000 0.000 0.002 0.000 200 200 5 257 "GET https://10.0.2.105:773/ HTTP/2.0" "curl/7.46.0" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337327-72bd00b0343d75b906739c42" "-" "-" 1 2018-07-02T22:22:48.364000Z "redirect" "https://example.com:80/" "-"`,
		`http 2026-11-27T10:01:15.000000Z app/my-alb/50dc6c495c0c9188 192.0.2.32:51002 - -1 -1 -1 400 - 0 272 "- http://www.example.com:80- -" "-" - - - "-" "-" "-" - 2026-11-27T10:01:15.000000Z "-" "-" "-" "-" "-" "-" "-" TID_1`,
		`2024-10-04T17:05:15.514108Z 192.168.131.39 36280 443 TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256 4.036 "CN=x" - FEF257372D5C14D4 Success`,
		`http "unterminated`,
		``,
	)
}

func FuzzNLB(f *testing.F) {
	fuzzNormalize(f, normalizeNLB, samplegen.NLB(20),
		nlbTLSLine,
		`tls 2.0 2024-10-25T17:33:59 net/my-nlb/c88927aafc9abafe 52878890095341b5 192.168.131.39:2817 10.0.0.1:80 0 - 0 0 - - - - - - - - - - 2024-10-25T17:33:59`,
		`tls 1.0 2018-12-20T02:59:40 net/my-network-loadbalancer/c6e77e28c25b2234 g3d4b5e8bb8464cd 72.21.218.154:51341 172.100.100.185:443 5 2 98 246 - arn:aws:acm:us-east-2:671290407336:certificate/2a108f19-aded-46b0-8493-c63eb1ef4a99 - ECDHE-RSA-AES128-SHA tlsv12 - my-network-loadbalancer-c6e77e28c25b2234.elb.us-east-2.amazonaws.com`,
	)
}

func FuzzCLB(f *testing.F) {
	fuzzNormalize(f, normalizeCLB, samplegen.CLB(20),
		`2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 10.0.0.1:80 0.000073 0.001048 0.000057 200 200 0 29 "GET http://www.example.com:80/ HTTP/1.1" "curl/7.38.0" - -`,
		`2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 10.0.0.1:80 0.001065 0.000015 0.000023 - - 57 502 "- - - " "-" ECDHE-ECDSA-AES128-GCM-SHA256 TLSv1.2`,
		`2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 - -1 -1 -1 503 0 0 0 "GET http://[::1]:80/a.b?c#d HTTP/1.1" "curl/7.38.0" - -`,
	)
}

// fuzzNormalize checks that no line makes a normalizer panic, and that
// every line it accepts becomes a valid ECS document with a @timestamp.
func fuzzNormalize(f *testing.F, normalize normalizeFunc, sample []byte, seeds ...string) {
	for _, line := range bytes.Split(sample, []byte("\n")) {
		f.Add(string(line))
	}
	for _, s := range seeds {
		f.Add(s)
	}
	o := &origin{account: "123456789012", region: "us-east-1"}
	f.Fuzz(func(t *testing.T, line string) {
		var ev ecs.Event
		err := normalize([]byte(line), &ev, o)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error message")
			}
			return
		}
		doc := ev.AppendJSON(nil)
		if !json.Valid(doc) {
			t.Fatalf("invalid JSON for %q: %s", line, doc)
		}
		if !bytes.Contains(doc, []byte(`"@timestamp":`)) {
			t.Fatalf("no @timestamp for %q: %s", line, doc)
		}
		if err := ecs.Validate(doc, "aws.elb"); err != nil {
			t.Fatalf("not valid ECS for %q: %v\n%s", line, err, doc)
		}
	})
}

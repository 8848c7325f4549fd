package elb

import (
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
)

const (
	albSampleKey = "AWSLogs/123456789012/elasticloadbalancing/us-east-1/2026/11/27/123456789012_elasticloadbalancing_us-east-1_app.my-alb.50dc6c495c0c9188_20261127T1005Z_198.51.100.10_2et2e1mx.log.gz"
	nlbSampleKey = "AWSLogs/123456789012/elasticloadbalancing/us-east-1/2026/11/27/123456789012_elasticloadbalancing_us-east-1_net.my-nlb.0123456789abcdef_20261127T1005Z_1a2b3c4d.log.gz"
	clbSampleKey = "AWSLogs/123456789012/elasticloadbalancing/us-east-1/2026/11/27/123456789012_elasticloadbalancing_us-east-1_my-clb_20261127T1005Z_198.51.100.10_abc123.log"
)

func TestInfo(t *testing.T) {
	for _, tt := range []struct {
		lt   siem.LogType
		name string
	}{{ALB(), "alb"}, {NLB(), "nlb"}, {CLB(), "clb"}} {
		info := tt.lt.Info()
		if info.Name != tt.name || info.Dataset != "aws.elb" || info.Description == "" || info.KeyPattern == nil {
			t.Errorf("%s: incomplete Info %+v", tt.name, info)
		}
	}
}

func TestKeyPatterns(t *testing.T) {
	reg := siem.NewRegistry()
	for _, lt := range []siem.LogType{NLB(), ALB(), CLB()} {
		if err := reg.Register(lt); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		key  string
		want string // "" when no type may claim the key
	}{
		{albSampleKey, "alb"},
		{nlbSampleKey, "nlb"},
		{clbSampleKey, "clb"},
		{"my-bucket-prefix/" + albSampleKey, "alb"},
		{"123456789012_elasticloadbalancing_us-east-1_app.my-alb.50dc6c495c0c9188_20261127T1005Z_198.51.100.10_2et2e1mx.log.gz", "alb"},
		// The AWS documentation's own examples.
		{"prefix/AWSLogs/123456789012/elasticloadbalancing/us-east-2/2016/05/01/123456789012_elasticloadbalancing_us-east-2_app.my-loadbalancer.1234567890abcdef_20140215T2340Z_172.160.001.192_20sg8hgm.log.gz", "alb"},
		{"AWSLogs/123456789012/elasticloadbalancing/us-east-2/2018/12/20/123456789012_elasticloadbalancing_us-east-2_net.my-network-loadbalancer.c6e77e28c25b2234_20181220T2340Z_3zyfz5wd.log.gz", "nlb"},
		{"AWSLogs/123456789012/elasticloadbalancing/us-west-2/2014/02/15/123456789012_elasticloadbalancing_us-west-2_my-loadbalancer_20140215T2340Z_172.160.001.192_20sg8hgm.log", "clb"},
		{"AWSLogs/123456789012/elasticloadbalancing/us-gov-west-1/2026/11/27/123456789012_elasticloadbalancing_us-gov-west-1_my-clb_20261127T1005Z_10.0.0.5_x1.log", "clb"},
		// A CLB log someone compressed is still a CLB log.
		{clbSampleKey + ".gz", "clb"},
		// ALB connection logs are another format.
		{"AWSLogs/123456789012/elasticloadbalancing/us-east-1/2026/11/27/conn_log.123456789012_elasticloadbalancing_us-east-1_app.my-alb.50dc6c495c0c9188_20261127T1005Z_198.51.100.10_2et2e1mx.log.gz", ""},
		// An ALB file that lost its compression suffix, and the like.
		{strings.TrimSuffix(albSampleKey, ".gz"), ""},
		{strings.TrimSuffix(nlbSampleKey, ".gz"), ""},
		{"AWSLogs/123456789012/ELBAccessLogTestFile", ""},
		{"AWSLogs/123456789012/elasticloadbalancing/", ""},
		{"AWSLogs/123456789012/CloudTrail/us-east-1/2026/11/27/123456789012_CloudTrail_us-east-1_20261127T1005Z_abcdefgh.json.gz", ""},
		{"elasticloadbalancing_20261127T1005Z_1a2b3c4d.log.gz", ""},
	}
	for _, tt := range tests {
		lt, err := reg.Detect(siem.Object{Key: tt.key})
		ok := err == nil
		got := ""
		if ok {
			got = lt.Info().Name
		}
		if got != tt.want {
			t.Errorf("Detect(%q) = %q, want %q", tt.key, got, tt.want)
		}
		// Each pattern on its own: the types must not claim each other's
		// keys, whatever order a registry puts them in.
		for _, lt := range reg.Types() {
			if m := lt.Info().KeyPattern.MatchString(tt.key); m != (lt.Info().Name == tt.want) {
				t.Errorf("%s pattern matches %q: %v", lt.Info().Name, tt.key, m)
			}
		}
	}
}

func TestOriginOf(t *testing.T) {
	tests := []struct {
		key  string
		want origin
	}{
		{albSampleKey, origin{"123456789012", "us-east-1"}},
		{clbSampleKey, origin{"123456789012", "us-east-1"}},
		{"123456789012_elasticloadbalancing_eu-central-1_x", origin{"123456789012", "eu-central-1"}},
		{"12345_elasticloadbalancing_us-east-1_x", origin{}},
		{"12345678901a_elasticloadbalancing_us-east-1_x", origin{}},
		{"123456789012_elasticloadbalancing_us-east-1", origin{}},
		{"local/file.log", origin{}},
		{"", origin{}},
	}
	for _, tt := range tests {
		if got := originOf(tt.key); got != tt.want {
			t.Errorf("originOf(%q) = %+v, want %+v", tt.key, got, tt.want)
		}
	}
}

// normalizeLine runs one line through lt as part of the object named key,
// returning the flattened document.
func normalizeLine(t testing.TB, lt siem.LogType, key, line string) (map[string]any, error) {
	t.Helper()
	or, err := lt.Open(siem.Object{Key: key}, strings.NewReader(line+"\n"))
	if err != nil {
		t.Fatal(err)
	}
	rec, err := or.Next()
	if err != nil {
		t.Fatalf("framing %q: %v", line, err)
	}
	var ev ecs.Event
	if err := or.Normalize(siem.Record{Record: rec}, &ev); err != nil {
		return nil, err
	}
	if _, err := or.Next(); err != io.EOF {
		t.Fatalf("expected one record, then EOF; got %v", err)
	}
	return flatten(t, ev.AppendJSON(nil)), nil
}

// checkFields compares the listed fields of doc; a nil want means the
// field must be absent.
func checkFields(t *testing.T, doc map[string]any, want map[string]any) {
	t.Helper()
	for path, w := range want {
		g, ok := doc[path]
		switch {
		case w == nil && ok:
			t.Errorf("%s = %v, want it absent", path, g)
		case w != nil && !ok:
			t.Errorf("%s is absent, want %v", path, w)
		case w != nil && !equalJSON(g, w):
			t.Errorf("%s = %v, want %v", path, g, w)
		}
	}
}

// checkError asserts err is a FieldError naming the column and field, or
// an error containing the substring want.
func checkError(t *testing.T, err error, column int, field, want string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want one about %s", field)
	}
	if !strings.Contains(err.Error(), want) {
		t.Errorf("error %q does not say %q", err, want)
	}
	if column == 0 {
		return
	}
	var fe *FieldError
	if !errors.As(err, &fe) {
		t.Fatalf("error %q is a %T, want *FieldError", err, err)
	}
	if fe.Column != column || fe.Field != field {
		t.Errorf("error names field %d (%s), want %d (%s)", fe.Column, fe.Field, column, field)
	}
}

package route53resolver_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/siem-go/siem/logtypes/route53resolver"
	"github.com/siem-go/siem/siemtest"
)

// TestBadRecords checks that records that cannot be normalized are
// dead-lettered with a reason naming the problem, and that odd but
// readable ones give valid documents.
func TestBadRecords(t *testing.T) {
	base := `"query_timestamp":"2026-11-27T10:00:09Z","query_name":"a.example."`
	for _, c := range []struct {
		name, line, reason string // reason "" means indexed
	}{
		{"not json", `{"query_name":`, "JSON"},
		{"too deep", `{` + base + `,"x":` + strings.Repeat(`[`, 400) + strings.Repeat(`]`, 400) + `}`, "too big depth"},
		{"array", `[1]`, "not an object"},
		{"other log", `{"action":"Allow","domain":"x.example.","timestamp":"2020-05-21 19:20:25.000"}`, "not a Route 53 Resolver query log record"},
		{"name number", `{"query_timestamp":"2026-11-27T10:00:09Z","query_name":5}`, "query_name is a number"},
		{"bad time", `{"query_timestamp":"27/11/2026","query_name":"a."}`, `query_timestamp "27/11/2026"`},
		{"bad port", `{` + base + `,"srcport":"70000"}`, `srcport "70000" is not a port number`},
		{"port object", `{` + base + `,"srcport":{}}`, "srcport is a object"},
		{"answers string", `{` + base + `,"answers":"1.2.3.4"}`, "answers is a string"},
		{"answer string", `{` + base + `,"answers":["1.2.3.4"]}`, "answers[0] is a string"},
		{"rdata number", `{` + base + `,"answers":[{"Rdata":5,"Type":"A"}]}`, "answers[].Rdata is a number"},
		{"srcids string", `{` + base + `,"srcids":"i-1"}`, "srcids is a string"},
		{"too many answers", `{` + base + `,"answers":[` + strings.Repeat(`{"Rdata":"1.2.3.4","Type":"A"},`, 1000) + `{"Rdata":"1.2.3.4","Type":"A"}]}`, "more than the 1000"},
		{"answers object", `{` + base + `,"answers":{"Rdata":"1.2.3.4","Type":"A","Class":"IN"}}`, ""},
		{"port number", `{` + base + `,"srcport":53}`, ""},
		{"port dash", `{` + base + `,"srcport":"-","srcaddr":"-"}`, ""},
		{"numeric srcids", `{` + base + `,"srcids":{"instance":5,"Odd.Key":"x","resolver_endpoint":"rslvr-in-1"}}`, ""},
		{"many srcids", `{` + base + `,"srcids":{` + strings.Repeat(`"a":"b",`, 20) + `"instance":"i-1"}}`, ""},
		{"duplicate keys", `{` + base + `,"query_name":"b.example.","x":1,"x":2,"answers":[{"Rdata":"1.2.3.4","Rdata":"5.6.7.8","Type":"A"}]}`, ""},
		{"empty answers", `{` + base + `,"answers":[{},{"Class":""}]}`, ""},
		{"huge name", `{"query_timestamp":"2026-11-27T10:00:09Z","query_name":"` + strings.Repeat("a", 100000) + `"}`, ""},
		{"odd unicode", `{"query_timestamp":"2026-11-27T10:00:09Z","query_name":"\u202e\ud83d\ude00\u0000.\ud800.","answers":[{"Rdata":"\u2028","Type":"TXT"}]}`, ""},
		{"dot only", `{"query_timestamp":"2026-11-27T10:00:09Z","query_name":"."}`, ""},
		{"bad reverse", `{"query_timestamp":"2026-11-27T10:00:09Z","query_name":"999.1.1.1.in-addr.arpa.","query_type":"PTR"}`, ""},
		{"deep other", `{` + base + `,"newfield":` + strings.Repeat(`{"a":`, 250) + `1` + strings.Repeat(`}`, 250) + `}`, ""},
		{"nan other", `{` + base + `,"n":nan,"i":-inf}`, ""},
		{"zone in address", `{` + base + `,"srcaddr":"fe80::1%eth0"}`, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			res := siemtest.Options{Validate: true}.Run(t, route53resolver.New(), keyDirect, []byte(c.line+"\n"))
			if c.reason == "" {
				if res.Counts.Indexed != 1 {
					t.Fatalf("counts %v, want 1 indexed; dead letters %v", res.Counts, res.DeadLetters)
				}
				return
			}
			if res.Counts.DeadLettered != 1 || len(res.DeadLetters) != 1 {
				t.Fatalf("counts %v, want 1 dead-lettered", res.Counts)
			}
			if r := res.DeadLetters[0].Reason; !strings.Contains(r, c.reason) || len(r) > 300 {
				t.Errorf("reason %.400q does not say %q in at most 300 bytes", r, c.reason)
			}
		})
	}
}

// TestSrcids checks that only the ids AWS documents become fields: an
// unknown member, a value that is not a string or a repeated name keeps
// srcids whole in aws.route53resolver.other instead of making a field of
// its own (one per name ever met) or a repeated field.
func TestSrcids(t *testing.T) {
	base := `{"query_timestamp":"2026-11-27T10:00:09Z","query_name":"a.example.","srcids":`
	for _, c := range []struct {
		name, srcids string
		want         map[string]any
	}{
		{"instance", `{"instance":"i-1"}`, map[string]any{"cloud.instance.id": "i-1", "aws.route53resolver.other": nil}},
		{"endpoint", `{"resolver_endpoint":"rslvr-in-1","resolver_network_interface":"rni-1"}`, map[string]any{
			"aws.route53resolver.srcids.resolver_endpoint": "rslvr-in-1", "aws.route53resolver.srcids.resolver_network_interface": "rni-1",
			"aws.route53resolver.other": nil}},
		{"unknown member", `{"instance":"i-1","new_id":"x"}`, map[string]any{
			"cloud.instance.id": "i-1", "aws.route53resolver.srcids.new_id": nil,
			"aws.route53resolver.other": map[string]any{"srcids": map[string]any{"instance": "i-1", "new_id": "x"}}}},
		{"repeated instance", `{"instance":"i-1","instance":"i-2"}`, map[string]any{
			"cloud.instance.id": "i-1", "aws.route53resolver.other": map[string]any{"srcids": map[string]any{"instance": "i-2"}}}},
		{"number", `{"instance":5}`, map[string]any{
			"cloud.instance.id": nil, "aws.route53resolver.other": map[string]any{"srcids": map[string]any{"instance": float64(5)}}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			res := siemtest.Options{Validate: true}.Run(t, route53resolver.New(), keyDirect, []byte(base+c.srcids+"}\n"))
			if len(res.Docs) != 1 {
				t.Fatalf("counts %v; dead letters %v", res.Counts, res.DeadLetters)
			}
			var doc map[string]any
			if err := json.Unmarshal(res.Docs[0].Body, &doc); err != nil {
				t.Fatal(err)
			}
			for path, want := range c.want {
				var got any = doc
				for _, p := range strings.Split(path, ".") {
					m, _ := got.(map[string]any)
					got = m[p]
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s = %v, want %v", path, got, want)
				}
			}
		})
	}
}

package elb

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/siemtest"
)

// Sample objects live at the repository's testdata, under the keys ELB
// gives them in S3.
const repoTestdata = "../../testdata"

func TestGolden(t *testing.T) {
	tests := []struct {
		name string
		lt   siem.LogType
		key  string
		// Counts the sample was written to produce.
		indexed, deadLettered int64
	}{
		{"alb", ALB(), albSampleKey, 14, 5},
		{"nlb", NLB(), nlbSampleKey, 5, 3},
		{"clb", CLB(), clbSampleKey, 7, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := siemtest.Golden(t, tt.lt, tt.key, filepath.Join(repoTestdata, tt.key),
				filepath.Join("testdata", tt.name+".golden"), "aws.elb")
			if res.Err != nil {
				t.Errorf("object error: %v", res.Err)
			}
			if res.Counts.Indexed != tt.indexed || res.Counts.DeadLettered != tt.deadLettered {
				t.Errorf("counts %v, want %d indexed and %d dead-lettered", res.Counts, tt.indexed, tt.deadLettered)
			}
			for _, dl := range res.DeadLetters {
				if !strings.HasPrefix(dl.Reason, tt.name+" access log entry") || len(dl.Raw) == 0 || dl.Line == 0 {
					t.Errorf("dead letter of record %d does not say what and where: %+v", dl.Record, dl)
				}
			}
		})
	}
}

// TestDetectSamples checks that each sample object is detected as its own
// type by a registry holding the three in the reference system's order.
func TestDetectSamples(t *testing.T) {
	reg := siem.NewRegistry()
	for _, lt := range []siem.LogType{NLB(), ALB(), CLB()} {
		if err := reg.Register(lt); err != nil {
			t.Fatal(err)
		}
	}
	for key, want := range map[string]string{albSampleKey: "alb", nlbSampleKey: "nlb", clbSampleKey: "clb"} {
		if _, err := os.Stat(filepath.Join(repoTestdata, key)); err != nil {
			t.Errorf("sample object missing: %v", err)
		}
		if lt, err := reg.Detect(siem.Object{Key: key}); err != nil || lt.Info().Name != want {
			t.Errorf("Detect(%s) = %v, %v; want %s", key, lt, err, want)
		}
	}
}

// agreementFields are the fields Elastic's pipeline and ours both set for
// ALB entries. @timestamp, event.end, source.port and the HTTP method are
// compared separately below, because the expected file, written by an
// older Elastic release, differs from us there on purpose (see doc.go).
var agreementFields = []string{
	"event.kind", "event.category", "event.outcome", "event.start",
	"source.ip", "http.version", "http.response.status_code",
	"http.request.body.bytes", "http.response.body.bytes",
	"url.original", "url.domain", "url.path", "url.scheme", "url.port", "url.query",
	"user_agent.original", "tls.cipher", "tls.version", "tls.version_protocol",
	"cloud.provider",
	"aws.elb.name", "aws.elb.type", "aws.elb.protocol", "aws.elb.trace_id",
	"aws.elb.target_group.arn", "aws.elb.matched_rule_priority", "aws.elb.action_executed",
	"aws.elb.target_port", "aws.elb.target_status_code", "aws.elb.redirect_url",
	"aws.elb.classification", "aws.elb.classification_reason",
	"aws.elb.backend.ip", "aws.elb.backend.port", "aws.elb.backend.http.response.status_code",
	"aws.elb.request_processing_time.sec", "aws.elb.backend_processing_time.sec",
	"aws.elb.response_processing_time.sec",
}

func TestConformanceElasticALB(t *testing.T) {
	dir := siemtest.SharedDir(t, filepath.Join("conformance", "elastic-package", "aws_elb_alb"))
	input := filepath.Join(dir, "test-alb.log")
	data, err := os.ReadFile(input)
	if err != nil {
		t.Fatal(err)
	}
	expected := siemtest.LoadExpected(t, input+"-expected.json")
	res := siemtest.Run(t, ALB(), albSampleKey, data)
	if len(res.DeadLetters) > 0 {
		t.Errorf("dead letters: %+v", res.DeadLetters)
	}
	if len(res.Docs) != len(expected) {
		t.Fatalf("%d documents, Elastic expects %d", len(res.Docs), len(expected))
	}
	report := siemtest.Agreement(res.Docs, expected, agreementFields)
	report.Log(t, "ALB vs Elastic")
	if report.Ratio() < 0.95 {
		t.Errorf("agreement %.1f%% is below 95%%", 100*report.Ratio())
	}

	// The deliberate differences, checked for what they are.
	for i, want := range expected {
		var got map[string]any
		if err := json.Unmarshal(res.Docs[i].Body, &got); err != nil {
			t.Fatal(err)
		}
		doc := flattenMap(got)
		exp := flattenMap(want)
		// Elastic keeps milliseconds; we keep the source's microseconds.
		for _, f := range []string{"@timestamp", "event.end"} {
			g, _ := time.Parse(time.RFC3339Nano, str(doc[f]))
			w, _ := time.Parse(time.RFC3339Nano, str(exp[f]))
			if w.IsZero() || !g.Truncate(time.Millisecond).Equal(w) {
				t.Errorf("record %d %s: %v does not truncate to Elastic's %v", i+1, f, doc[f], exp[f])
			}
		}
		// The old expected file has the port as a string.
		if p, err := strconv.ParseFloat(str(exp["source.port"]), 64); err != nil || doc["source.port"] != p {
			t.Errorf("record %d source.port: %v, Elastic %v", i+1, doc["source.port"], exp["source.port"])
		}
		// Old releases lower-cased the method.
		if m, ok := exp["http.request.method"]; ok && !strings.EqualFold(str(doc["http.request.method"]), str(m)) {
			t.Errorf("record %d http.request.method: %v, Elastic %v", i+1, doc["http.request.method"], m)
		}
	}
}

func flattenMap(m map[string]any) map[string]any {
	out := map[string]any{}
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		if obj, ok := v.(map[string]any); ok {
			for k, c := range obj {
				if prefix != "" {
					k = prefix + "." + k
				}
				walk(k, c)
			}
			return
		}
		out[prefix] = v
	}
	walk("", m)
	return out
}

func str(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case json.Number:
		return x.String()
	case nil:
		return ""
	default:
		b, _ := json.Marshal(x)
		return string(b)
	}
}

// TestConformanceRawNLBCLB reads the NLB and CLB lines of Elastic's test
// data, for which no expected output exists in a form that matches them:
// every line must be indexed, with the category its listener implies.
func TestConformanceRawNLBCLB(t *testing.T) {
	dir := siemtest.SharedDir(t, filepath.Join("conformance", "raw", "aws_elb_nlb_clb"))
	tests := []struct {
		file     string
		lt       siem.LogType
		key      string
		category string
		tls      bool
	}{
		{"elb-http.log", CLB(), clbSampleKey, "web", false},
		{"elb-tcp.log", CLB(), clbSampleKey, "network", false},
		{"example-ssl.log", CLB(), clbSampleKey, "network", true},
		{"example-nlb-tcp.log", NLB(), nlbSampleKey, "network", true},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			res := siemtest.Run(t, tt.lt, tt.key, data)
			if res.Err != nil || len(res.DeadLetters) > 0 || len(res.Docs) == 0 {
				t.Fatalf("err %v, %d documents, dead letters %+v", res.Err, len(res.Docs), res.DeadLetters)
			}
			for _, d := range res.Docs {
				var m map[string]any
				if err := json.Unmarshal(d.Body, &m); err != nil {
					t.Fatal(err)
				}
				doc := flattenMap(m)
				if !equalJSON(doc["event.category"], []any{tt.category}) || doc["source.ip"] == nil || doc["@timestamp"] == nil {
					t.Errorf("record %d: category %v, source.ip %v, @timestamp %v", d.Source.Record, doc["event.category"], doc["source.ip"], doc["@timestamp"])
				}
				if _, ok := doc["tls.cipher"]; ok != tt.tls {
					t.Errorf("record %d: tls.cipher %v, want present %v", d.Source.Record, doc["tls.cipher"], tt.tls)
				}
			}
		})
	}
}

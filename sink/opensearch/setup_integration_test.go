package opensearch

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/internal/bundled"
	"github.com/siem-go/siem/internal/ostest"
	"github.com/siem-go/siem/logtypes/cloudtrail"
	"github.com/siem-go/siem/parser"
)

// setupRecorder is a sink that passes documents on and keeps a copy of
// what went through and of what the cluster refused.
type setupRecorder struct {
	next siem.Sink

	mu       sync.Mutex
	docs     []siem.Document
	rejected []siem.Rejection
}

func (r *setupRecorder) Write(ctx context.Context, docs []siem.Document) (siem.WriteResult, error) {
	res, err := r.next.Write(ctx, docs)
	r.mu.Lock()
	defer r.mu.Unlock()
	for i, d := range docs {
		if slices.ContainsFunc(res.Rejected, func(rj siem.Rejection) bool { return rj.Doc == i }) {
			continue
		}
		d.Body = bytes.Clone(d.Body)
		d.Raw = nil
		r.docs = append(r.docs, d)
	}
	r.rejected = append(r.rejected, res.Rejected...)
	return res, err
}

// setupDeadLetters collects dead letters.
type setupDeadLetters struct {
	mu  sync.Mutex
	dls []siem.DeadLetter
}

func (d *setupDeadLetters) DeadLetter(_ context.Context, dl siem.DeadLetter) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	dl.Raw = bytes.Clone(dl.Raw)
	d.dls = append(d.dls, dl)
	return nil
}

// installTemplates runs Setup and removes what it installed when the test
// ends (the indices go with ostest.UniqueIndex).
func installTemplates(t *testing.T, reg *siem.Registry, opts TemplateOptions) SetupReport {
	t.Helper()
	ts, err := Templates(reg, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		// Data streams, then index templates, then components: none can be
		// deleted while something uses it.
		if opts.Index.Rotation == RotateDataStream && opts.Index.Prefix != "" {
			if status, body := ostest.Do(t, http.MethodDelete, "/_data_stream/"+opts.Index.Prefix+"*", nil); status != http.StatusOK && status != http.StatusNotFound {
				t.Errorf("deleting the data streams: %d %.300s", status, body)
			}
		}
		for _, kind := range []TemplateKind{IndexTemplate, ComponentTemplate} {
			for _, tmpl := range ts {
				if tmpl.Kind != kind {
					continue
				}
				if status, body := ostest.Do(t, http.MethodDelete, tmpl.Path(), nil); status != http.StatusOK && status != http.StatusNotFound {
					t.Errorf("deleting %s: %d %.300s", tmpl.Path(), status, body)
				}
			}
		}
	})
	report, err := Setup(context.Background(), ostest.Client(t), reg, opts)
	if err != nil {
		t.Fatal(err)
	}
	return report
}

// search runs a query (the "query" member of a _count body) on pattern
// and returns how many documents match.
func search(t *testing.T, pattern string, query map[string]any) int64 {
	t.Helper()
	status, body := ostest.Do(t, http.MethodPost, "/"+pattern+"/_count", map[string]any{"query": query})
	var c struct {
		Count int64 `json:"count"`
	}
	if status != http.StatusOK || json.Unmarshal(body, &c) != nil {
		t.Fatalf("count %s %v: %d %.500s", pattern, query, status, body)
	}
	return c.Count
}

// indexMappings returns the properties of every index matching pattern.
func indexMappings(t *testing.T, pattern string) map[string]map[string]any {
	t.Helper()
	status, body := ostest.Do(t, http.MethodGet, "/"+pattern+"/_mapping", nil)
	if status != http.StatusOK {
		t.Fatalf("mapping of %s: %d %.300s", pattern, status, body)
	}
	var resp map[string]struct {
		Mappings struct {
			Properties map[string]any `json:"properties"`
		} `json:"mappings"`
	}
	if err := json.Unmarshal(body, &resp); err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]any{}
	for index, m := range resp {
		out[index] = m.Mappings.Properties
	}
	return out
}

// conflictType is a log type whose records say which value source.port
// gets, so that a test can send a document the ECS mapping refuses.
type conflictType struct{}

func (conflictType) Info() siem.Info {
	return siem.Info{Name: "conflicttest", Dataset: "test.conflict", Description: "records naming their source.port"}
}

func (conflictType) Open(_ siem.Object, r io.Reader) (siem.ObjectReader, error) {
	return siem.NewObjectReader(parser.NewLineReader(r, parser.LineOptions{}), func(rec siem.Record, ev *ecs.Event) error {
		ev.Date("@timestamp", time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC))
		ev.Keyword("event.kind", "event")
		port, name, _ := strings.Cut(string(rec.Data), " ")
		ev.RawJSON("source.port", []byte(port))
		ev.Keyword("test.conflict.name", name)
		return nil
	}), nil
}

// TestIntegrationSetup installs the templates of every built-in type
// twice, checks that the cluster counts the fields as Templates does,
// ingests every bundled sample into indices the templates match and
// queries the result by type: ip (CIDR), geo_point, date, flat_object,
// wildcard; a document with a value of the wrong type is dead-lettered
// while the rest of its batch is indexed.
func TestIntegrationSetup(t *testing.T) {
	url := ostest.URL(t)
	ctx := context.Background()
	prefix := ostest.UniqueIndex(t, "setup") + "-"
	reg := builtinRegistry(t)
	if err := reg.Register(conflictType{}); err != nil {
		t.Fatal(err)
	}
	opts := TemplateOptions{Index: IndexConfig{Prefix: prefix}, Replicas: new(0), RefreshInterval: "1s"}

	// Installing twice: everything created, then nothing changed.
	first := installTemplates(t, reg, opts)
	for _, s := range first.Steps {
		if s.Action != Created {
			t.Errorf("first setup: %+v, want created", s)
		}
	}
	if components, indexTemplates := templateCounts(t, reg, opts); len(first.Steps) != components+indexTemplates {
		t.Errorf("first setup installed %d objects, want %d components and %d index templates: %+v", len(first.Steps), components, indexTemplates, first.Steps)
	}
	if first.ISM {
		t.Log("the node runs ISM; rollover policies are not exercised by this test (dated indices)")
	} else if !slices.ContainsFunc(first.Notes, func(n string) bool { return strings.Contains(n, "ISM) plugin is not installed") }) {
		t.Errorf("notes %q do not say that ISM is missing", first.Notes)
	}
	second, err := Setup(ctx, ostest.Client(t), reg, opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range second.Steps {
		if s.Action != Unchanged {
			t.Errorf("second setup: %+v, want unchanged", s)
		}
	}

	t.Run("field count and depth as the cluster counts them", func(t *testing.T) {
		ts, _ := Templates(reg, opts)
		tmpl, _ := byName(ts, prefix+"siem-log-aws-cloudtrail")
		c, _ := ecsComponent()
		depth := c.root.depth() + 1
		for _, probe := range []struct {
			suffix   string
			settings string
			fails    string
		}{
			{"fields-exact", fmt.Sprintf(`"index.mapping.total_fields.limit":%d`, tmpl.Fields), ""},
			{"fields-short", fmt.Sprintf(`"index.mapping.total_fields.limit":%d`, tmpl.Fields-1), "Limit of total fields"},
			{"depth-exact", fmt.Sprintf(`"index.mapping.depth.limit":%d`, depth), ""},
			{"depth-short", fmt.Sprintf(`"index.mapping.depth.limit":%d`, depth-1), "Limit of mapping depth"},
		} {
			index := prefix + "log-aws-cloudtrail-" + probe.suffix
			status, body := ostest.Do(t, http.MethodPut, "/"+index, `{"settings":{`+probe.settings+`}}`)
			switch {
			case probe.fails == "" && status != http.StatusOK:
				t.Errorf("%s: %d %.300s; the template's count is too low", index, status, body)
			case probe.fails != "" && !strings.Contains(string(body), probe.fails):
				t.Errorf("%s: %d %.300s; want %q, so the template's count is too high", index, status, body, probe.fails)
			}
			ostest.Do(t, http.MethodDelete, "/"+index, nil)
		}
	})

	sink, err := New(Config{URL: url, Index: opts.Index})
	if err != nil {
		t.Fatal(err)
	}
	defer sink.Close()
	rec := &setupRecorder{next: sink}
	dls := &setupDeadLetters{}
	p, err := siem.NewPipeline(siem.Options{Registry: reg, Sink: rec, DeadLetters: dls, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}

	// Every bundled sample, each object under its S3 key.
	objects := 0
	for _, s := range bundled.Samples(t) {
		lt, err := reg.Detect(siem.Object{Key: s.Key})
		if err != nil {
			t.Fatal(err)
		}
		f, err := s.Open()
		if err != nil {
			t.Fatal(err)
		}
		counts, err := p.ProcessAs(ctx, lt, siem.Object{Key: s.Key}, f)
		f.Close()
		if err != nil && !siem.IsNotEvents(err) {
			t.Fatalf("%s: %v", s.Key, err)
		}
		objects++
		if counts.Indexed == 0 && !siem.IsNotEvents(err) {
			t.Errorf("%s: nothing indexed: %v", s.Key, counts)
		}
	}
	if len(rec.rejected) > 0 {
		t.Fatalf("the cluster refused %d bundled documents under the templates, first: %+v", len(rec.rejected), rec.rejected[0])
	}
	// Documents written per index family (a type's own or a route), with
	// repeats, and the types seen.
	indexed, routed := map[string]int64{}, map[string]int64{}
	types := map[string]bool{}
	for _, d := range rec.docs {
		indexed[prefix+family(d)]++
		types[d.Type] = true
		switch {
		case strings.HasPrefix(d.Route, "ocsf-"):
			routed["log-ocsf"]++ // any category
		case d.Route != "":
			routed[family(d)]++
		}
	}
	for _, lt := range reg.Types() {
		if lt.Info().Name == (conflictType{}).Info().Name {
			continue
		}
		if !types[lt.Info().Name] {
			t.Errorf("no %s document among the %d sample objects", lt.Info().Name, objects)
		}
	}
	// Routed documents: sshd lines of a system log, Apache lines of a
	// container, OCSF events of every category (log-ocsf-<category>).
	for _, want := range []string{"log-linux-secure", "log-web-apache", "log-ocsf"} {
		if routed[want] == 0 {
			t.Errorf("no document was routed to %s (routed: %v)", want, routed)
		}
	}
	distinct := map[string]int64{}
	for _, d := range uniqueDocs(rec.docs) {
		distinct[prefix+family(d)]++
	}
	for base, n := range indexed {
		// "-2*": the dated indices of base alone, not those of a family
		// whose name extends it (log-ocsf-audit extends log-ocsf).
		if got := ostest.Count(t, base+"-2*"); got != distinct[base] || distinct[base] > n {
			t.Errorf("%s holds %d documents, the pipeline indexed %d with %d distinct ids", base, got, n, distinct[base])
		}
	}

	t.Run("mappings", func(t *testing.T) {
		mappings := indexMappings(t, prefix+"log-aws-*")
		if len(mappings) < 3 {
			t.Fatalf("indices %v", slices.Collect(maps.Keys(mappings)))
		}
		for index, props := range mappings {
			for path, want := range map[string]string{
				"@timestamp": "date", "source.ip": "ip", "destination.ip": "ip", "source.geo.location": "geo_point",
				"source.port": "long", "event.original": "keyword", "user.name": "keyword", "url.full": "wildcard",
			} {
				if got := jsonAt(mappingAt(props, path), "type"); got != want {
					t.Errorf("%s: %s is %v, want %s", index, path, got, want)
				}
			}
			if got := jsonAt(mappingAt(props, "user.name"), "fields", "text", "type"); got != "match_only_text" {
				t.Errorf("%s: user.name.text is %v, want match_only_text", index, got)
			}
			// No string was mapped as text plus keyword: the only text
			// fields are the multi-fields ECS defines.
			walkLeaves(props, "", func(path string, m map[string]any) {
				if m["type"] == "text" {
					t.Errorf("%s: %s is text", index, path)
				}
				if _, ok := ecs.Lookup(path); !ok && !underVendor(reg, path) {
					t.Errorf("%s: %s is mapped (%v) but is neither ECS nor a type's vendor field", index, path, m["type"])
				}
			})
			want := map[string]map[string]map[string]any{
				"log-aws-cloudtrail": {
					"aws.cloudtrail.flattened.request_parameters":                map[string]any{"type": "flat_object"},
					"aws.cloudtrail.flattened.response_elements":                 map[string]any{"type": "flat_object"},
					"aws.cloudtrail.request_parameters":                          map[string]any{"type": "wildcard"},
					"aws.cloudtrail.read_only":                                   map[string]any{"type": "boolean"},
					"aws.cloudtrail.event_version":                               map[string]any{"type": "keyword", "ignore_above": 1024},
					"aws.cloudtrail.user_identity.session_context.creation_date": map[string]any{"type": "date"},
				},
				"log-aws-vpcflowlogs": {
					"aws.vpcflow.pkt_srcaddr":           map[string]any{"type": "ip"},
					"aws.vpcflow.packets_lost_no_route": map[string]any{"type": "unsigned_long"},
					"aws.vpcflow.action":                map[string]any{"type": "keyword", "ignore_above": 1024},
				},
				"log-aws-elb": {
					"aws.elb.request_processing_time.sec": map[string]any{"type": "double"},
					"aws.elb.backend.ip":                  map[string]any{"type": "ip"},
					"aws.elb.name":                        map[string]any{"type": "keyword", "ignore_above": 1024},
				},
			}
			for base, fields := range want {
				if !strings.HasPrefix(index, prefix+base+"-") {
					continue
				}
				for path, m := range fields {
					got := mappingAt(props, path)
					for k, v := range m {
						if !equalJSON(got[k], v) {
							t.Errorf("%s: %s is %v, want %v", index, path, got, m)
						}
					}
				}
			}
		}
	})

	t.Run("CIDR term query on an ip field", func(t *testing.T) {
		private := netip.MustParsePrefix("10.0.0.0/8")
		var total, want int64
		for _, d := range uniqueDocs(rec.docs) {
			if d.Type != "vpcflow" {
				continue
			}
			total++
			var doc struct {
				Source struct {
					IP string `json:"ip"`
				} `json:"source"`
			}
			json.Unmarshal(d.Body, &doc)
			if ip, err := netip.ParseAddr(doc.Source.IP); err == nil && private.Contains(ip) {
				want++
			}
		}
		if want == 0 || want == total {
			t.Fatalf("%d of %d flow records come from 10.0.0.0/8; the samples cannot tell a CIDR query from no query", want, total)
		}
		if got := search(t, prefix+"log-aws-vpcflowlogs-*", map[string]any{"term": map[string]any{"source.ip": "10.0.0.0/8"}}); got != want {
			t.Errorf("source.ip in 10.0.0.0/8: %d documents, want %d", got, want)
		}
	})

	t.Run("date range on @timestamp", func(t *testing.T) {
		var stamps []time.Time
		for _, d := range uniqueDocs(rec.docs) {
			// The node keeps milliseconds (a date field): count as it does.
			stamps = append(stamps, d.Timestamp.Truncate(time.Millisecond))
		}
		slices.SortFunc(stamps, time.Time.Compare)
		from, to := stamps[len(stamps)/4], stamps[3*len(stamps)/4]
		var want int64
		for _, ts := range stamps {
			if !ts.Before(from) && ts.Before(to) {
				want++
			}
		}
		if want == 0 || want == int64(len(stamps)) {
			t.Fatalf("the range [%v, %v) holds %d of %d documents", from, to, want, len(stamps))
		}
		query := map[string]any{"range": map[string]any{"@timestamp": map[string]any{
			"gte": from.Format(time.RFC3339Nano), "lt": to.Format(time.RFC3339Nano)}}}
		if got := search(t, sampleIndices(prefix, rec.docs), query); got != want {
			t.Errorf("@timestamp in [%v, %v): %d documents, want %d", from, to, got, want)
		}
	})

	t.Run("geo queries on a geo_point field", func(t *testing.T) {
		var ev ecs.Event
		ts := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
		ev.Date("@timestamp", ts)
		ev.Keyword("event.kind", "event")
		ev.IP("source.ip", netip.MustParseAddr("203.0.113.7"))
		ev.GeoPoint("source.geo.location", 35.6812, 139.7671) // Tokyo Station
		ev.Keyword("source.geo.city_name", "Tokyo")
		res, err := sink.Write(ctx, []siem.Document{{ID: "geo-1", Type: "vpcflow", Timestamp: ts, Body: ev.AppendJSON(nil)}})
		if err != nil || len(res.Rejected) > 0 {
			t.Fatalf("writing the document: %v %+v", err, res.Rejected)
		}
		pattern := prefix + "log-aws-vpcflowlogs-*"
		ostest.Count(t, pattern) // refresh
		near := map[string]any{"geo_distance": map[string]any{"distance": "20km", "source.geo.location": map[string]any{"lat": 35.6895, "lon": 139.6917}}}
		far := map[string]any{"geo_distance": map[string]any{"distance": "20km", "source.geo.location": map[string]any{"lat": 34.6937, "lon": 135.5023}}}
		box := map[string]any{"geo_bounding_box": map[string]any{"source.geo.location": map[string]any{
			"top_left": map[string]any{"lat": 36, "lon": 139}, "bottom_right": map[string]any{"lat": 35, "lon": 140}}}}
		if got := search(t, pattern, near); got != 1 {
			t.Errorf("within 20 km of Shinjuku: %d documents, want 1", got)
		}
		if got := search(t, pattern, far); got != 0 {
			t.Errorf("within 20 km of Osaka: %d documents, want 0", got)
		}
		if got := search(t, pattern, box); got != 1 {
			t.Errorf("in the Tokyo box: %d documents, want 1", got)
		}
	})

	t.Run("CloudTrail JSON text over 32 KB", func(t *testing.T) {
		// A keyword cannot index a term this long, and a document holding
		// one would be refused: the wildcard mapping indexes it whole.
		policy := strings.Repeat("a", 20000) + "needle-7f3c" + strings.Repeat("b", 20000)
		record := fmt.Sprintf(`{"eventVersion":"1.08","eventTime":"2026-11-27T11:00:00Z","eventSource":"s3.amazonaws.com","eventName":"PutBucketPolicy","awsRegion":"us-east-1","sourceIPAddress":"198.51.100.9","userAgent":"aws-cli/2","requestParameters":{"bucketName":"logs","policy":%q},"eventID":"3b1c2d4e-0000-4000-8000-00000000cafe","eventType":"AwsApiCall","recipientAccountId":"123456789012","userIdentity":{"type":"IAMUser","accountId":"123456789012","userName":"ops"}}`, policy)
		key := "AWSLogs/123456789012/CloudTrail/us-east-1/2026/11/27/123456789012_CloudTrail_us-east-1_20261127T1100Z_LongPolicy000001.json"
		before := len(rec.rejected)
		counts, err := p.ProcessAs(ctx, cloudtrail.New(), siem.Object{Key: key}, strings.NewReader(record))
		if err != nil || counts.Indexed != 1 || len(rec.rejected) != before {
			t.Fatalf("counts %v, err %v, rejections %+v", counts, err, rec.rejected[before:])
		}
		pattern := prefix + "log-aws-cloudtrail-*"
		ostest.Count(t, pattern) // refresh
		q := map[string]any{"wildcard": map[string]any{"aws.cloudtrail.request_parameters": map[string]any{"value": "*needle-7f3c*"}}}
		if got := search(t, pattern, q); got != 1 {
			t.Errorf("substring search in the 40 KB request_parameters: %d documents, want 1", got)
		}
	})

	t.Run("wrong type dead-lettered, rest of the batch indexed", func(t *testing.T) {
		// The bad record comes first, so only the template, not a mapping
		// guessed from an earlier document, can refuse it.
		input := "\"not-a-number\" bad\n443 good-1\n8443 good-2\n"
		key := "conflicts/input.txt"
		dls.mu.Lock()
		dls.dls = nil
		dls.mu.Unlock()
		counts, err := p.ProcessAs(ctx, conflictType{}, siem.Object{Key: key}, strings.NewReader(input))
		if err != nil {
			t.Fatal(err)
		}
		if counts.Read != 3 || counts.Indexed != 2 || counts.DeadLettered != 1 || !counts.Reconciled() {
			t.Errorf("counts %v, want 3 read, 2 indexed, 1 dead-lettered", counts)
		}
		if len(dls.dls) != 1 {
			t.Fatalf("dead letters %+v, want one", dls.dls)
		}
		dl := dls.dls[0]
		for _, want := range []string{"mapper_parsing_exception", "source.port"} {
			if !strings.Contains(dl.Reason, want) {
				t.Errorf("reason %q does not mention %s", dl.Reason, want)
			}
		}
		if string(dl.Raw) != `"not-a-number" bad` || dl.Record != 1 || len(dl.Document) == 0 {
			t.Errorf("dead letter %+v does not carry the record, its position and the document", dl)
		}
		if got := ostest.Count(t, prefix+"log-aws-conflicttest*"); got != 2 {
			t.Errorf("%d documents indexed, want the 2 good ones", got)
		}
	})
}

// vpcflowSample returns the bundled default-format flow log object.
func vpcflowSample(t *testing.T) (string, []byte) {
	t.Helper()
	key := "AWSLogs/123456789012/vpcflowlogs/us-east-1/2026/11/27/123456789012_vpcflowlogs_us-east-1_fl-0a1b2c3d4e5f6a7b8_20261127T1005Z_1a2b3c4d.log.gz"
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", filepath.FromSlash(key)))
	if err != nil {
		t.Fatal(err)
	}
	return key, data
}

// ingestVPCFlow runs the sample through a pipeline into sink and returns
// how many documents were indexed.
func ingestVPCFlow(t *testing.T, reg *siem.Registry, sink *Sink) int64 {
	t.Helper()
	key, data := vpcflowSample(t)
	rec := &setupRecorder{next: sink}
	p, err := siem.NewPipeline(siem.Options{Registry: reg, Sink: rec, DeadLetters: &setupDeadLetters{}})
	if err != nil {
		t.Fatal(err)
	}
	counts, err := p.Process(context.Background(), siem.Object{Key: key}, bytes.NewReader(data))
	if err != nil || counts.Indexed == 0 || len(rec.rejected) > 0 {
		t.Fatalf("counts %v, err %v, rejected %+v", counts, err, rec.rejected)
	}
	return counts.Indexed
}

// TestIntegrationSetupDataStreams installs data stream templates: the
// first write creates the stream, whose backing index has the ECS
// mapping.
func TestIntegrationSetupDataStreams(t *testing.T) {
	url := ostest.URL(t)
	prefix := ostest.UniqueIndex(t, "setupds") + "-"
	reg := builtinRegistry(t)
	index := IndexConfig{Prefix: prefix, Rotation: RotateDataStream}
	installTemplates(t, reg, TemplateOptions{Index: index, Replicas: new(0)})

	sink, err := New(Config{URL: url, Index: index})
	if err != nil {
		t.Fatal(err)
	}
	defer sink.Close()
	n := ingestVPCFlow(t, reg, sink)

	stream := prefix + "log-aws-vpcflowlogs"
	status, body := ostest.Do(t, http.MethodGet, "/_data_stream/"+stream, nil)
	var ds struct {
		DataStreams []struct {
			Name     string `json:"name"`
			Template string `json:"template"`
			Indices  []struct {
				Name string `json:"index_name"`
			} `json:"indices"`
		} `json:"data_streams"`
	}
	if status != http.StatusOK || json.Unmarshal(body, &ds) != nil || len(ds.DataStreams) != 1 {
		t.Fatalf("data stream %s: %d %.300s", stream, status, body)
	}
	if got := ds.DataStreams[0].Template; got != prefix+"siem-log-aws-vpcflowlogs" {
		t.Errorf("the stream was made from template %q", got)
	}
	if got := ostest.Count(t, stream); got != n {
		t.Errorf("the stream holds %d documents, want %d", got, n)
	}
	for index, props := range indexMappings(t, stream) {
		if jsonAt(mappingAt(props, "source.ip"), "type") != "ip" || jsonAt(mappingAt(props, "aws.vpcflow.pkt_srcaddr"), "type") != "ip" {
			t.Errorf("backing index %s lacks the template's mapping", index)
		}
	}
}

// TestIntegrationSetupWriteAlias installs templates for alias rotation:
// Setup creates the first index behind each write alias, once.
func TestIntegrationSetupWriteAlias(t *testing.T) {
	url := ostest.URL(t)
	prefix := ostest.UniqueIndex(t, "setupalias") + "-"
	reg := builtinRegistry(t)
	index := IndexConfig{Prefix: prefix, Rotation: RotateAlias}
	opts := TemplateOptions{Index: index, Replicas: new(0)}
	first := installTemplates(t, reg, opts)
	var writeIndices []string
	for _, s := range first.Steps {
		if s.Kind == WriteIndexKind && s.Action == Created {
			writeIndices = append(writeIndices, s.Name)
		}
	}
	indices := indexFamilies(reg)
	if len(writeIndices) != len(indices) {
		t.Errorf("write indices created: %q, want %d", writeIndices, len(indices))
	}
	again, err := Setup(context.Background(), ostest.Client(t), reg, opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range again.Steps {
		if s.Action != Unchanged {
			t.Errorf("second setup: %+v, want unchanged", s)
		}
	}

	alias := prefix + "log-aws-vpcflowlogs"
	status, body := ostest.Do(t, http.MethodGet, "/_alias/"+alias, nil)
	want := fmt.Sprintf(`{%q:{"aliases":{%q:{"is_write_index":true}}}}`, alias+"-000001", alias)
	if status != http.StatusOK || !equalJSON(jsonObject(t, body), jsonObject(t, []byte(want))) {
		t.Errorf("alias %s: %d %s, want %s", alias, status, body, want)
	}

	sink, err := New(Config{URL: url, Index: index})
	if err != nil {
		t.Fatal(err)
	}
	defer sink.Close()
	n := ingestVPCFlow(t, reg, sink)
	if got := ostest.Count(t, alias+"-000001"); got != n {
		t.Errorf("%s-000001 holds %d documents, want %d", alias, got, n)
	}
	props := indexMappings(t, alias+"-000001")[alias+"-000001"]
	if jsonAt(mappingAt(props, "source.ip"), "type") != "ip" {
		t.Errorf("the first index behind the alias lacks the template's mapping")
	}
}

// family is the default base name of the index family d went to: its
// route's, else its type's.
func family(d siem.Document) string {
	if d.Route != "" {
		return DefaultIndexName(d.Route)
	}
	return DefaultIndexName(d.Type)
}

// uniqueDocs keeps one document per index and id, the last written, as
// the node does: a record delivered in two sample objects is one
// document, unless its copies fall in different monthly indices.
func uniqueDocs(docs []siem.Document) []siem.Document {
	at := map[string]int{}
	var out []siem.Document
	for _, d := range docs {
		k := family(d) + d.Timestamp.UTC().Format("-2006-01/") + d.ID
		if i, ok := at[k]; ok {
			out[i] = d
			continue
		}
		at[k] = len(out)
		out = append(out, d)
	}
	return out
}

// underVendor reports whether path is a vendor namespace of one of reg's
// types (their own, their envelopes' or embedded formats'), lies under
// one, or is the parent object of one.
func underVendor(reg *siem.Registry, path string) bool {
	for _, lt := range reg.Types() {
		for _, vs := range lt.Info().VendorSchemas() {
			if path == vs.Namespace || strings.HasPrefix(path, vs.Namespace+".") || strings.HasPrefix(vs.Namespace, path+".") {
				return true
			}
		}
	}
	return false
}

// sampleIndices is the index pattern of the indices docs went to.
func sampleIndices(prefix string, docs []siem.Document) string {
	seen := map[string]bool{}
	var out []string
	for _, d := range docs {
		if base := prefix + family(d) + "-*"; !seen[base] {
			seen[base] = true
			out = append(out, base)
		}
	}
	return strings.Join(out, ",")
}

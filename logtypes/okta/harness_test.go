package okta_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/siem-go/siem/logtypes/all"
	"github.com/siem-go/siem/logtypes/okta"
	"github.com/siem-go/siem/siemtest"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// samples is the repository's sample tree, laid out as S3 keys.
const samples = "../../testdata"

const (
	keyLines       = "okta-logs/2026/11/27/10/okta-systemlog-20261127T100500Z-0001.json.gz"
	keyPage        = "okta-logs/api/2026/11/27/okta-logs-page-20261127T1100Z.json"
	keyEventBridge = "okta-logs/eventbridge/2026/11/27/10/siem-okta-eventbridge-1-2026-11-27-10-05-00-6f1c2d3e-4a5b-6c7d-8e9f-0a1b2c3d4e5f"
)

// compared are the fields compared with our own expected documents for
// the Panther samples: every ECS field the type sets, and the okta.*
// fields of fixed shape.
var compared = []string{
	"@timestamp", "event.id", "event.action", "event.kind", "event.category", "event.type", "event.outcome", "event.reason",
	"user.name", "user.email", "user.domain", "user.id", "user.full_name",
	"client.user.id", "client.user.full_name", "source.user.id", "source.user.full_name",
	"user.target.id", "user.target.full_name", "user.target.name", "user.target.email", "user.target.domain",
	"user.target.group.id", "user.target.group.name",
	"client.ip", "client.address", "client.geo.city_name", "client.geo.country_name", "client.geo.region_name",
	"client.geo.postal_code", "client.geo.location",
	"client.as.number", "client.as.organization.name", "client.domain",
	"source.ip", "source.address", "source.domain", "source.as.number", "source.as.organization.name",
	"source.geo.country_name", "source.geo.city_name", "source.geo.region_name", "source.geo.location",
	"user_agent.original", "url.original", "url.path", "url.query", "log.level",
	"related.ip", "related.user",
	"okta.uuid", "okta.event_type", "okta.legacy_event_type", "okta.display_message", "okta.severity", "okta.version",
	"okta.actor.id", "okta.actor.type", "okta.actor.alternate_id", "okta.actor.display_name",
	"okta.client.ip", "okta.client.device", "okta.client.zone",
	"okta.client.user_agent.browser", "okta.client.user_agent.os", "okta.client.user_agent.raw_user_agent",
	"okta.outcome.result", "okta.outcome.reason",
	"okta.transaction.id", "okta.transaction.type", "okta.transaction.detail",
	"okta.authentication_context.authentication_step", "okta.authentication_context.external_session_id",
	"okta.security_context.as.number", "okta.security_context.as.organization.name",
	"okta.security_context.domain", "okta.security_context.is_proxy", "okta.security_context.isp",
	"okta.debug_context.debug_data", "okta.request.ip_chain", "okta.target", "okta.extra",
}

// elasticCompared are the fields Elastic's pinned pipeline sets (the
// fields it does not set, such as user.name or log.level, would only
// compare our value with nothing).
var elasticCompared = []string{
	"@timestamp", "event.id", "event.action", "event.kind", "event.category", "event.type", "event.outcome", "event.dataset", "event.module",
	"user.full_name", "client.user.id", "client.user.full_name", "source.user.id", "source.user.full_name",
	"user.target.id", "user.target.full_name",
	"client.ip", "client.geo.city_name", "client.geo.country_name", "client.geo.region_name", "client.geo.location",
	"client.as.number", "client.as.organization.name", "client.domain",
	"source.ip", "source.domain", "source.as.number", "source.geo.country_name", "source.geo.location",
	"user_agent.original", "url.original", "url.path", "url.query",
	"related.ip", "related.user",
	"okta.uuid", "okta.event_type", "okta.display_message",
	"okta.actor.id", "okta.actor.type", "okta.actor.alternate_id", "okta.actor.display_name",
	"okta.client.ip", "okta.client.device", "okta.client.zone",
	"okta.client.user_agent.browser", "okta.client.user_agent.os", "okta.client.user_agent.raw_user_agent",
	"okta.outcome.result", "okta.outcome.reason",
	"okta.transaction.id", "okta.transaction.type",
	"okta.authentication_context.authentication_step", "okta.authentication_context.external_session_id",
	"okta.security_context.as.number", "okta.security_context.as.organization.name",
	"okta.security_context.domain", "okta.security_context.is_proxy", "okta.security_context.isp",
	"okta.debug_context.debug_data.request_id", "okta.debug_context.debug_data.request_uri",
	"okta.debug_context.debug_data.threat_suspected", "okta.debug_context.debug_data.url",
	"okta.debug_context.debug_data.device_fingerprint",
	"okta.debug_context.debug_data.suspicious_activity.event_ip",
	"okta.target",
}

// elasticDifferences are the deliberate departures of doc.go ("Where we
// differ from Elastic") that Elastic's fixture shows.
var elasticDifferences = []siemtest.Difference{
	{Field: "source.geo.country_name", Reason: "Okta's own geolocation of the client address; Elastic's fixture has its GeoIP test database's"},
	{Field: "source.geo.location", Reason: "Okta's own geolocation of the client address; Elastic's fixture has its GeoIP test database's"},
	{Field: "source.as.number", Reason: "securityContext.asNumber, Okta's own; Elastic's fixture has its GeoIP test database's ASN"},
	{Field: "client.as.number", Reason: "a number (ECS long); Elastic's pinned pipeline leaves Okta's number as a string"},
	{Field: "related.user", Reason: "the logins (actor and target users), the identifiers an analyst pivots on; Elastic lists display names"},
	{Field: "event.kind", Reason: "an end user's report of suspicious activity is an alert to triage; Elastic leaves it an event"},
	{Field: "event.category", Reason: "user.account.report_suspicious_activity_by_enduser is intrusion_detection; Elastic's pinned pipeline gives it none"},
	{Field: "event.type", Reason: "no \"user\" type on session events (ECS expects it with the iam category only), and info for a report of suspicious activity"},
	{Field: "url.original", Reason: "debugData.url as Okta wrote it, whatever it holds; Elastic's uri_parts processor drops what it cannot parse (the fixture's placeholder <url>)"},
	{Field: "okta.target", Reason: "every target kept whole, detail_entry included; Elastic drops detail_entry and moves the members it copies to user.target"},
	{Field: "okta.debug_context.debug_data.suspicious_activity.event_ip", Reason: "debugData keys are only snake_cased (suspicious_activity_event_ip); Elastic regroups the suspiciousActivity* keys"},
}

// foldGeo turns the flat x.geo.location.lat/lon keys of Filebeat's
// expected documents into the geo_point object we write.
func foldGeo(doc map[string]any) {
	for _, side := range []string{"client", "source"} {
		lat, ok1 := doc[side+".geo.location.lat"]
		lon, ok2 := doc[side+".geo.location.lon"]
		if ok1 && ok2 {
			doc[side+".geo.location"] = map[string]any{"lat": lat, "lon": lon}
			delete(doc, side+".geo.location.lat")
			delete(doc, side+".geo.location.lon")
		}
	}
}

func harness() siemtest.Harness {
	h := siemtest.Harness{
		Type:   okta.New(),
		Others: all.Types(),
		Update: *update,
		Goldens: []siemtest.Golden{
			{Name: "lines", Key: keyLines, Indexed: 8, DeadLettered: 3, Check: checkLines},
			{Name: "api-page", Key: keyPage, Indexed: 3, Check: checkIDs},
			{Name: "eventbridge", Key: keyEventBridge, Indexed: 2, Check: checkEventBridge},
		},
		Compare:     elasticCompared,
		Differences: elasticDifferences,
	}
	for i := range h.Goldens {
		g := &h.Goldens[i]
		g.Input = filepath.Join(samples, g.Key)
		g.File = filepath.Join("testdata", g.Name+".golden")
	}
	return h
}

// pantherLines are the events of the Panther sample file (1-based lines)
// that testdata/panther.expected.json holds expected documents for: Okta's
// own layout (camelCase members), varied event types, a missing uuid, a
// missing published (dead-lettered), a string debugData, "." as domain.
var pantherLines = []int{1, 2, 7, 18, 20, 30, 43, 45, 71, 80}

// TestHarness runs the one conformance harness: detection by sample keys,
// goldens with ECS and vendor-schema validation, Elastic's fixture and our
// own expected documents for the Panther samples, compared field by field.
func TestHarness(t *testing.T) {
	h := harness()
	elastic := filepath.Join(conformanceDir(t), "elastic-beats", "okta_system", "okta-system-test.json.log")
	h.Fixtures = []siemtest.Fixture{{
		Input: elastic, Expected: elastic + "-expected.json",
		Key:     "okta-logs/2020/02/14/okta-system-test.json.log",
		Prepare: foldGeo,
	}}
	h.Test(t)
}

// TestPantherConformance compares the Panther samples with expected
// documents we wrote from Okta's documented field meanings, on every field
// we set, with no difference allowed. It is the harness's conformance
// check with its own field list, apart from Elastic's.
func TestPantherConformance(t *testing.T) {
	h := siemtest.Harness{
		Type:    okta.New(),
		Others:  all.Types(),
		Compare: compared,
		Fixtures: []siemtest.Fixture{{
			Input:    filepath.Join(conformanceDir(t), "raw", "okta_system", "panther-analysis-Okta-SystemLog.ndjson"),
			Expected: "testdata/panther.expected.json",
			Key:      "okta-logs/panther/panther-analysis-Okta-SystemLog.ndjson",
			Read:     selectLines(pantherLines),
		}},
	}
	h.Test(t)
}

// selectLines keeps the given 1-based lines of an NDJSON file.
func selectLines(lines []int) func([]byte) ([]byte, error) {
	return func(data []byte) ([]byte, error) {
		all := bytes.Split(data, []byte("\n"))
		var out []byte
		for _, n := range lines {
			if n > len(all) {
				return nil, fmt.Errorf("line %d is beyond the file's %d lines", n, len(all))
			}
			out = append(append(out, all[n-1]...), '\n')
		}
		return out, nil
	}
}

// FuzzObject runs whole objects through the pipeline, seeded with the
// goldens' inputs.
func FuzzObject(f *testing.F) { harness().Fuzz(f) }

func docs(t *testing.T, res *siemtest.Result) []map[string]any {
	var out []map[string]any
	for _, d := range res.Docs {
		var doc map[string]any
		if err := json.Unmarshal(d.Body, &doc); err != nil {
			t.Fatal(err)
		}
		out = append(out, doc)
	}
	return out
}

func field(doc map[string]any, path string) any {
	var v any = doc
	for _, p := range strings.Split(path, ".") {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[p]
	}
	return v
}

// checkIDs checks that every document's id is its uuid, so that a re-read
// object overwrites its documents.
func checkIDs(t *testing.T, res *siemtest.Result) {
	for i, doc := range docs(t, res) {
		d := res.Docs[i]
		if id := field(doc, "event.id"); id == nil || id != d.ID {
			t.Errorf("record %d: document id %q, want its uuid %v", d.Source.Record, d.ID, id)
		}
	}
}

func checkLines(t *testing.T, res *siemtest.Result) {
	checkIDs(t, res)
	for i, want := range []string{
		"published is missing",
		"invalid JSON",
		"unterminated JSON value",
	} {
		if i >= len(res.DeadLetters) {
			t.Fatalf("%d dead letters, want %d", len(res.DeadLetters), i+1)
		}
		if got := res.DeadLetters[i].Reason; !strings.Contains(got, want) {
			t.Errorf("dead letter %d: reason %q, want it to contain %q", i, got, want)
		}
	}
}

func checkEventBridge(t *testing.T, res *siemtest.Result) {
	checkIDs(t, res)
	for _, doc := range docs(t, res) {
		if got := field(doc, "cloud.account.id"); got != "123456789012" {
			t.Errorf("cloud.account.id %v, want the EventBridge envelope's account", got)
		}
		if got := field(doc, "okta.actor.alternate_id"); got == nil {
			t.Errorf("no okta.actor.alternate_id: the detail was not normalized")
		}
	}
}

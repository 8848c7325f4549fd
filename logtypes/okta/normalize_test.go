package okta

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
	"github.com/valyala/fastjson"
)

// normalize runs Normalize on one record and returns the document,
// decoded, or the error.
func normalize(t *testing.T, record string) (map[string]any, error) {
	t.Helper()
	var ev ecs.Event
	if err := Normalize(siem.Record{Record: parser.Record{Data: []byte(record)}}, &ev); err != nil {
		return nil, err
	}
	if err := ev.Err(); err != nil {
		t.Fatalf("event error: %v", err)
	}
	body := ev.AppendJSON(nil)
	if err := New().Info().CheckDocument(body); err != nil {
		t.Fatalf("document does not validate: %v\n%s", err, body)
	}
	var doc map[string]any
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatalf("%v\n%s", err, body)
	}
	return doc, nil
}

func jsonOf(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func TestSnake(t *testing.T) {
	for in, want := range map[string]string{
		"rawUserAgent":        "raw_user_agent",
		"ipAddress":           "ip_address",
		"requestURI":          "request_uri",
		"IPAddress":           "ip_address",
		"dtHash":              "dt_hash",
		"suspiciousActivity2": "suspicious_activity2",
		"already_snake":       "already_snake",
		"a.b":                 "a_b",
		"":                    "_",
		"New Geo-Location":    "new geo-location",
		"X":                   "x",
	} {
		if got := string(snake(nil, []byte(in))); got != want {
			t.Errorf("snake(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestJSONNumber(t *testing.T) {
	for in, want := range map[string]bool{
		"0": true, "-1": true, "1.5": true, "1e10": true, "-0.5E-3": true,
		"01": false, "1.": false, "-": false, ".5": false, "1e": false, "inf": false, "NaN": false, "": false,
	} {
		if got := jsonNumber([]byte(in)); got != want {
			t.Errorf("jsonNumber(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestPublished(t *testing.T) {
	for _, c := range []struct{ in, want, err string }{
		{in: `"2026-11-27T10:00:03.412Z"`, want: "2026-11-27T10:00:03.412Z"},
		{in: `"2026-11-27T19:00:03.412+09:00"`, want: "2026-11-27T10:00:03.412Z"},
		// Data-lake exports: a space, no zone, read as UTC.
		{in: `"2024-05-02 18:46:21.121000000"`, want: "2024-05-02T18:46:21.121Z"},
		{in: `"2022-03-22 14:21:53"`, want: "2022-03-22T14:21:53Z"},
		{in: `"2022-03-22 14:21:53+02:00"`, want: "2022-03-22T12:21:53Z"},
		{in: `null`, err: "published is missing"},
		{in: `1700000000`, err: "published is a JSON number"},
		{in: `"27/11/2026 10:00"`, err: `published: "27/11/2026 10:00" is not an RFC 3339 timestamp (such as 2026-11-27T10:05:00Z): at byte 2:`},
		{in: `"2026-02-30T10:00:00Z"`, err: "not an RFC 3339 timestamp"},
	} {
		v := fastjson.MustParse(c.in)
		got, err := published(v)
		switch {
		case c.err != "":
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%s: error %v, want %q", c.in, err, c.err)
			} else if strings.Count(err.Error(), strings.Trim(c.in, `"`)) > 1 {
				t.Errorf("%s: error %v names the value more than once", c.in, err)
			}
		case err != nil:
			t.Errorf("%s: %v", c.in, err)
		case got.UTC().Format("2006-01-02T15:04:05.999999999Z") != c.want:
			t.Errorf("%s: %v, want %s", c.in, got.UTC(), c.want)
		}
	}
}

func TestCategorize(t *testing.T) {
	for _, c := range []struct {
		eventType, category, types string
		alert                      bool
	}{
		{"user.session.start", `["authentication","session"]`, `["start"]`, false},
		{"user.session.end", `["authentication","session"]`, `["end"]`, false},
		{"user.session.clear", `["session"]`, `["info"]`, false},
		{"user.authentication.auth_via_mfa", `["authentication"]`, `["info"]`, false},
		{"user.lifecycle.delete.completed", `["iam"]`, `["user","deletion"]`, false},
		{"user.lifecycle.suspend", `["iam"]`, `["user","change"]`, false},
		{"group.user_membership.remove", `["iam"]`, `["group","change"]`, false},
		{"policy.rule.update", `["configuration"]`, `["change"]`, false},
		{"policy.evaluate_sign_on", `["authentication"]`, `["info"]`, false},
		{"security.threat.detected", `["intrusion_detection"]`, `["info"]`, true},
		{"system.email.mfa_reset_notification.sent_message", `null`, `null`, false},
	} {
		got := categorize([]byte(c.eventType))
		if jsonOf(got.category) != c.category || jsonOf(got.types) != c.types || got.alert != c.alert {
			t.Errorf("%s: %s %s alert=%v, want %s %s alert=%v", c.eventType, jsonOf(got.category), jsonOf(got.types), got.alert, c.category, c.types, c.alert)
		}
	}
}

// TestCategoriesAreECS checks every category and type in the tables
// against ECS's allowed values.
func TestCategoriesAreECS(t *testing.T) {
	all := []category{}
	for _, c := range exact {
		all = append(all, c)
	}
	for _, f := range families {
		all = append(all, f.category)
	}
	for _, c := range all {
		var ev ecs.Event
		ev.Date("@timestamp", time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC))
		ev.Keywords("event.category", c.category...)
		ev.Keywords("event.type", c.types...)
		if err := ecs.Validate(ev.AppendJSON(nil)); err != nil {
			t.Errorf("%v %v: %v", c.category, c.types, err)
		}
	}
}

// TestWrongTypesKept checks that members of an unexpected JSON type are
// neither lost nor written where their type would break the mapping:
// they land in okta.extra, as do members this version does not know.
func TestWrongTypesKept(t *testing.T) {
	doc, err := normalize(t, `{"uuid":"u-1","published":"2026-11-27T10:00:00Z","eventType":42,
		"actor":{"id":7,"type":"User","alternateId":"alice@example.com","displayName":["A"]},
		"client":{"ipAddress":"not-an-ip","geographicalContext":{"geolocation":{"lat":"35","lon":139}}},
		"securityContext":{"asNumber":"AS2516","isProxy":"yes","domain":"."},
		"authenticationContext":{"authenticationStep":"0"},
		"target":{"id":"x"},
		"request":{"ipChain":[{"ip":"bogus","version":"V4"},{"ip":"2001:db8::1","geographicalContext":"Tokyo"},7]},
		"debugContext":{"debugData":{"a.b":"1","aB":"2","a_b":"3","n":1.50,"deep":{"x":[null,"",{}]}}},
		"newMember":{"someKey":true},"p_log_type":"Okta.SystemLog"}`)
	if err != nil {
		t.Fatal(err)
	}
	extra := jsonOf(field(doc, "okta.extra"))
	for _, want := range []string{
		`"event_type":42`, `"new_member":{"some_key":true}`, `"p_log_type":"Okta.SystemLog"`, `"target":{"id":"x"}`,
		`"actor":{"display_name":["A"],"id":7}`, `"geolocation":{"lat":"35","lon":139}`,
		`"security_context":{"as_number":"AS2516","is_proxy":"yes"}`, `"authentication_context":{"authentication_step":"0"}`,
		`"request":{"ip_chain":7}`,
	} {
		if !strings.Contains(extra, want) {
			t.Errorf("okta.extra %s lacks %s", extra, want)
		}
	}
	if got := jsonOf(field(doc, "okta.request.ip_chain")); got != `[{"extra":{"ip":"bogus"},"version":"V4"},{"extra":{"geographical_context":"Tokyo"},"ip":"2001:db8::1"}]` {
		t.Errorf("okta.request.ip_chain = %s", got)
	}
	// a.b, aB and a_b all become a_b: the first is kept.
	if got := jsonOf(field(doc, "okta.debug_context.debug_data")); got != `{"a_b":"1","n":1.50}` && got != `{"a_b":"1","n":1.5}` {
		t.Errorf("debug_data = %s", got)
	}
	if got := field(doc, "client.address"); got != "not-an-ip" {
		t.Errorf("client.address = %v, want the text as written", got)
	}
	if field(doc, "client.ip") != nil || field(doc, "event.action") != nil || field(doc, "client.domain") != nil {
		t.Errorf("client.ip, event.action or client.domain set from a value of the wrong type or \".\": %s", jsonOf(doc))
	}
	if got := jsonOf(field(doc, "related.ip")); got != `["2001:db8::1"]` {
		t.Errorf("related.ip = %s", got)
	}
	if got := field(doc, "user.name"); got != "alice@example.com" {
		t.Errorf("user.name = %v", got)
	}
}

func TestRejected(t *testing.T) {
	for _, c := range []struct{ record, err string }{
		{`[1,2]`, "record is a JSON array, not an Okta System Log event object"},
		{`"text"`, "record is a JSON string"},
		{`{"uuid":"x"`, "invalid JSON"},
		{`{"uuid":"x","eventType":"user.session.start"}`, "published is missing"},
		{`{"uuid":"x",,"published":"2026-11-27T10:00:00Z"}`, `invalid JSON: cannot parse object: cannot find opening`},
		// Nesting beyond fastjson's limit: the reason names it in a line,
		// not in fastjson's 300 repetitions of its context.
		{`{"debugContext":` + strings.Repeat(`{"a":`, 400) + `1` + strings.Repeat(`}`, 401), "invalid JSON: cannot parse object value: too big depth for the nested JSON; it exceeds 300"},
	} {
		_, err := normalize(t, c.record)
		if err == nil || !strings.Contains(err.Error(), c.err) {
			t.Errorf("%.80s: error %.300v, want %q", c.record, err, c.err)
		} else if len(err.Error()) > 300 {
			t.Errorf("%.80s: error of %d bytes, want a short one: %.300s", c.record, len(err.Error()), err)
		}
	}
}

// TestUnknownActor checks that Okta's "unknown" placeholders do not become
// a user, and that a system actor is not one either.
func TestUnknownActor(t *testing.T) {
	doc, err := normalize(t, `{"published":"2026-11-27T10:00:00Z","eventType":"security.threat.detected",
		"actor":{"id":"unknown","type":"User","alternateId":"unknown","displayName":"unknown"}}`)
	if err != nil {
		t.Fatal(err)
	}
	if u := field(doc, "user"); u != nil {
		t.Errorf("user = %s, want none", jsonOf(u))
	}
	if field(doc, "event.kind") != "alert" {
		t.Errorf("event.kind = %v, want alert", field(doc, "event.kind"))
	}
	doc, err = normalize(t, `{"published":"2026-11-27T10:00:00Z","actor":{"id":"0oa1","type":"SystemPrincipal","alternateId":"system@okta.com"}}`)
	if err != nil {
		t.Fatal(err)
	}
	if u := field(doc, "user"); u != nil {
		t.Errorf("user = %s, want none for a system principal", jsonOf(u))
	}
	if field(doc, "okta.actor.alternate_id") != "system@okta.com" {
		t.Errorf("okta.actor.alternate_id lost: %s", jsonOf(doc))
	}
}

func TestTargets(t *testing.T) {
	doc, err := normalize(t, `{"published":"2026-11-27T10:00:00Z","eventType":"group.user_membership.add",
		"target":[null,{"id":"0oa1","type":"AppInstance","alternateId":"App","displayName":"App","detailEntry":{"signOnModeType":"SAML_2_0"},"extraThing":{"k":1}},
		{"id":"00u1","type":"User","alternateId":"bob@example.com","displayName":"Bob"},
		{"id":"00u2","type":"User","alternateId":"carol@example.com","displayName":"Carol"},
		{"id":"00g1","type":"UserGroup","alternateId":"unknown","displayName":"Admins"}]}`)
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{
		"user.target.id":         `"00u1"`,
		"user.target.name":       `"bob@example.com"`,
		"user.target.domain":     `"example.com"`,
		"user.target.group.name": `"Admins"`,
		"related.user":           `["bob@example.com","carol@example.com"]`,
	} {
		if got := jsonOf(field(doc, path)); got != want {
			t.Errorf("%s = %s, want %s", path, got, want)
		}
	}
	targets, _ := field(doc, "okta.target").([]any)
	if len(targets) != 4 {
		t.Fatalf("okta.target has %d elements, want 4: %s", len(targets), jsonOf(targets))
	}
	if got := jsonOf(targets[0]); got != `{"alternate_id":"App","detail_entry":{"sign_on_mode_type":"SAML_2_0"},"display_name":"App","extra":{"extra_thing":{"k":1}},"id":"0oa1","type":"AppInstance"}` {
		t.Errorf("target 1 = %s", got)
	}
}

// FuzzNormalize feeds single records to Normalize: it must return an error
// or an event that validates, never panic.
func FuzzNormalize(f *testing.F) {
	f.Add(`{"uuid":"u","published":"2026-11-27T10:00:00Z","eventType":"user.session.start","actor":{"type":"User","alternateId":"a@b"},"client":{"ipAddress":"::1"}}`)
	f.Add(`{"published":"2024-05-02 18:46:21.121","debugContext":{"debugData":{"aB":{"cD":[1,{"e":null}]}}},"target":[{"detailEntry":{"x":1}}]}`)
	f.Add(`{"published":"2026-11-27T10:00:00Z","request":{"ipChain":[{"ip":"1.2.3.4","geographicalContext":{"geolocation":{"lat":1,"lon":2}}}]},"x":{"":{"..":1e400}}}`)
	info := New().Info()
	f.Fuzz(func(t *testing.T, record string) {
		var ev ecs.Event
		if err := Normalize(siem.Record{Record: parser.Record{Data: []byte(record)}}, &ev); err != nil {
			return
		}
		if err := ev.Err(); err != nil {
			return // reported by the pipeline as a dead letter
		}
		if err := info.CheckDocument(ev.AppendJSON(nil)); err != nil {
			t.Fatalf("%v\n%s", err, ev.AppendJSON(nil))
		}
	})
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

package ecs

import (
	"encoding/json"
	"errors"
	"math"
	"net/netip"
	"strings"
	"testing"
	"time"
)

// problem is an expected Problem: the exact path and a fragment of the
// reason.
type problem struct {
	path, reason string
}

const ts = `"@timestamp":"2024-05-01T12:00:00.123Z"`

func TestValidate(t *testing.T) {
	tests := []struct {
		name    string
		doc     string
		vendors []string
		want    []problem // nil: the document is valid
	}{
		// Valid documents.
		{name: "minimal", doc: `{` + ts + `}`},
		{name: "nanosecond timestamp", doc: `{"@timestamp":"2024-05-01T12:00:00.123456789Z"}`},
		{name: "categorized network event", doc: `{` + ts + `,
			"event":{"kind":"event","category":["network"],"type":["connection","allowed"],"outcome":"success",
				"module":"aws","dataset":"aws.vpcflow","created":1714564800000,"duration":1000},
			"source":{"ip":"10.0.0.1","port":443,"bytes":1e3,"packets":2.0,"mac":"00-1A-2B-3C-4D-5E"},
			"destination":{"ip":"2001:db8::1","port":0},
			"network":{"transport":"tcp","iana_number":"6"},
			"related":{"ip":["10.0.0.1","2001:db8::1"]},
			"tags":[]}`},
		{name: "dotted keys are paths", doc: `{` + ts + `,"source.ip":"10.0.0.1","event.kind":"event"}`},
		{name: "vendor field", doc: `{` + ts + `,"aws":{"cloudtrail":{"event_version":"1.08","request_parameters":{"any":[1,{"shape":null}]}}}}`,
			vendors: []string{"aws.cloudtrail"}},
		{name: "vendor prefix itself", doc: `{` + ts + `,"aws.cloudtrail":"x"}`, vendors: []string{"aws.cloudtrail"}},
		{name: "vendor prefix with trailing dot", doc: `{` + ts + `,"aws":{"cloudtrail":{"a":1}}}`, vendors: []string{"aws.cloudtrail."}},
		{name: "several vendor prefixes", doc: `{` + ts + `,"aws":{"vpcflow":{"a":1},"s3":{"b":2}}}`, vendors: []string{"aws.s3", "aws.vpcflow"}},
		{name: "object labels", doc: `{` + ts + `,"labels":{"env":"prod","team":["a","b"]},"container":{"labels":{"x":"y"}}}`},
		{name: "free-form object", doc: `{` + ts + `,"entity":{"raw":{"deep":{"er":[1,"two",{"three":3}]}}}}`},
		{name: "flattened", doc: `{` + ts + `,"log":{"syslog":{"priority":13,"structured_data":{"a.b":{"c":1}}}},"dll":{"pe":{"imports":[{"name":"x"},{"name":"y"}]}}}`},
		{name: "geo_point object", doc: `{` + ts + `,"source":{"geo":{"location":{"lat":-33.86,"lon":151.2}}}}`},
		{name: "geo_point string", doc: `{` + ts + `,"source":{"geo":{"location":"-33.86, 151.2"}}}`},
		{name: "geo_point array", doc: `{` + ts + `,"source":{"geo":{"location":[151.2,-33.86]}}}`},
		{name: "nested threat.enrichments", doc: `{` + ts + `,"threat":{"enrichments":[
			{"indicator":{"ip":"192.0.2.1","type":"ipv4-addr"},"matched":{"atomic":"192.0.2.1","field":"source.ip"}},
			{"indicator":{"ip":"2001:db8::2"}}]}}`},
		{name: "object with defined children as array", doc: `{` + ts + `,"dns":{"answers":[{"name":"a.example","ttl":60},{"name":"b.example","data":"192.0.2.7"}]}}`},
		{name: "date with offset outside @timestamp", doc: `{` + ts + `,"event":{"start":"2024-05-01T14:00:00+02:00"}}`},
		{name: "scaled float", doc: `{` + ts + `,"host":{"cpu":{"usage":0.25}}}`},
		{name: "pattern", doc: `{` + ts + `,"process":{"thread":{"capabilities":{"effective":["CAP_NET_ADMIN","12"]}}}}`},
		{name: "entity type allowed value", doc: `{` + ts + `,"host":{"entity":{"type":["host"]}}}`},

		// Unknown fields and vendor prefixes.
		{name: "unknown top-level field", doc: `{` + ts + `,"foo":{"bar":1}}`,
			want: []problem{{"foo", "not an ECS 9.4.0 field; put vendor fields"}}},
		{name: "unknown field below an ECS object", doc: `{` + ts + `,"source":{"ipx":"10.0.0.1"}}`,
			want: []problem{{"source.ipx", "not an ECS 9.4.0 field"}}},
		{name: "vendor prefix boundary", doc: `{` + ts + `,"aws":{"cloudtrailx":{"a":1}}}`, vendors: []string{"aws.cloudtrail"},
			want: []problem{{"aws.cloudtrailx", "not under the vendor prefixes aws.cloudtrail"}}},
		{name: "vendor parent given a value", doc: `{` + ts + `,"aws":"x"}`, vendors: []string{"aws.cloudtrail"},
			want: []problem{{"aws", "want an object: it holds the vendor fields of aws.cloudtrail"}}},
		{name: "vendor prefix does not switch off ECS checks", doc: `{` + ts + `,"source":{"ip":"nope","vendorish":1}}`, vendors: []string{"source"},
			want: []problem{{"source.ip", "want an IPv4 or IPv6 address"}}},
		{name: "empty vendor prefix", doc: `{` + ts + `}`, vendors: []string{""},
			want: []problem{{"", `vendor prefix "" is empty`}}},

		// Wrong types.
		{name: "keyword given a number", doc: `{` + ts + `,"network":{"transport":6}}`,
			want: []problem{{"network.transport", "want a JSON string (ECS keyword)"}}},
		{name: "long given a string", doc: `{` + ts + `,"source":{"port":"443"}}`,
			want: []problem{{"source.port", "want an integer as a JSON number (ECS long)"}}},
		{name: "long given a fraction", doc: `{` + ts + `,"source":{"bytes":1.5}}`,
			want: []problem{{"source.bytes", "want an integer from"}}},
		{name: "long out of range", doc: `{` + ts + `,"source":{"bytes":9223372036854775808}}`,
			want: []problem{{"source.bytes", "want an integer from -9223372036854775808 to 9223372036854775807"}}},
		{name: "long out of range in exponent form", doc: `{` + ts + `,"source":{"bytes":1e19}}`,
			want: []problem{{"source.bytes", "want an integer from"}}},
		{name: "integer out of range", doc: `{` + ts + `,"gen_ai":{"usage":{"input_tokens":2147483648}}}`,
			want: []problem{{"gen_ai.usage.input_tokens", "want an integer from -2147483648 to 2147483647 (ECS integer)"}}},
		{name: "float given a string", doc: `{` + ts + `,"host":{"risk":{"calculated_score":"1.5"}}}`,
			want: []problem{{"host.risk.calculated_score", "want a JSON number (ECS float)"}}},
		{name: "float out of range", doc: `{` + ts + `,"host":{"risk":{"calculated_score":1e39}}}`,
			want: []problem{{"host.risk.calculated_score", "want a number within"}}},
		{name: "scaled float overflowing a long", doc: `{` + ts + `,"host":{"cpu":{"usage":1e17}}}`,
			want: []problem{{"host.cpu.usage", "want a number within"}}},
		{name: "boolean given a string", doc: `{` + ts + `,"file":{"code_signature":{"valid":"true"}}}`,
			want: []problem{{"file.code_signature.valid", "want true or false (ECS boolean)"}}},
		{name: "leaf given an object", doc: `{` + ts + `,"source":{"port":{"n":1}}}`,
			want: []problem{{"source.port", "want a single long value, not an object"}}},
		{name: "intermediate given a value", doc: `{` + ts + `,"source":"10.0.0.1"}`,
			want: []problem{{"source", "want an object: ECS defines fields below source"}}},
		{name: "intermediate given an array", doc: `{` + ts + `,"source":[{"ip":"10.0.0.1"}]}`,
			want: []problem{{"source", "want an object"}}},
		{name: "object field given a value", doc: `{` + ts + `,"log":{"syslog":"x"}}`,
			want: []problem{{"log.syslog", "want an object (ECS object)"}}},
		{name: "flattened given a value", doc: `{` + ts + `,"log":{"syslog":{"structured_data":"x"}}}`,
			want: []problem{{"log.syslog.structured_data", "want an object (ECS flattened)"}}},
		{name: "null", doc: `{` + ts + `,"source":{"ip":null}}`,
			want: []problem{{"source.ip", "leave the field out instead of setting null"}}},
		{name: "array of arrays", doc: `{` + ts + `,"tags":[["a"]]}`,
			want: []problem{{"tags[0]", "want a flat array"}}},
		{name: "array field given a single value", doc: `{` + ts + `,"event":{"category":"network","type":["info"]},"related":{"ip":"10.0.0.1"}}`,
			want: []problem{
				{"event.category", "want an array: ECS normalizes event.category"},
				{"related.ip", "want an array"},
			}},
		{name: "wrong array element", doc: `{` + ts + `,"related":{"ip":["10.0.0.1","bad",3]}}`,
			want: []problem{{"related.ip[1]", "want an IPv4 or IPv6 address"}, {"related.ip[2]", "want an IPv4 or IPv6 address as a JSON string"}}},

		// Allowed values and patterns.
		{name: "bad event.kind", doc: `{` + ts + `,"event":{"kind":"Event"}}`,
			want: []problem{{"event.kind", "want one of the ECS allowed values of event.kind: alert, asset"}}},
		{name: "bad event.category element", doc: `{` + ts + `,"event":{"category":["network","netwrk"]}}`,
			want: []problem{{"event.category[1]", "allowed values of event.category"}}},
		{name: "bad event.type", doc: `{` + ts + `,"event":{"type":["connect"]}}`,
			want: []problem{{"event.type[0]", "allowed values of event.type"}}},
		{name: "bad event.outcome", doc: `{` + ts + `,"event":{"outcome":"ok"}}`,
			want: []problem{{"event.outcome", "allowed values of event.outcome: failure, success, unknown"}}},
		{name: "bad entity type", doc: `{` + ts + `,"user":{"entity":{"type":["user","person"]}}}`,
			want: []problem{{"user.entity.type[1]", "allowed values of user.entity.type"}}},
		{name: "mac in the wrong form", doc: `{` + ts + `,"source":{"mac":"00:1a:2b:3c:4d:5e"}}`,
			want: []problem{{"source.mac", "want a value matching ^[A-F0-9]{2}(-[A-F0-9]{2}){5,}$"}}},

		// IPs and dates.
		{name: "short ip", doc: `{` + ts + `,"source":{"ip":"10.0.0"}}`,
			want: []problem{{"source.ip", "want an IPv4 or IPv6 address (ECS ip)"}}},
		{name: "ip with zone", doc: `{` + ts + `,"source":{"ip":"fe80::1%eth0"}}`,
			want: []problem{{"source.ip", "without an IPv6 zone"}}},
		{name: "ip with port", doc: `{` + ts + `,"client":{"ip":"10.0.0.1:443"}}`,
			want: []problem{{"client.ip", "want an IPv4 or IPv6 address"}}},
		{name: "date not RFC 3339", doc: `{` + ts + `,"event":{"created":"2024-05-01 12:00:00"}}`,
			want: []problem{{"event.created", "want an RFC 3339 date"}}},
		{name: "date with fractional epoch", doc: `{` + ts + `,"event":{"created":1714564800000.5}}`,
			want: []problem{{"event.created", "want integer epoch milliseconds"}}},
		{name: "date given a bool", doc: `{` + ts + `,"event":{"created":true}}`,
			want: []problem{{"event.created", "want an RFC 3339 date"}}},
		{name: "timestamp not UTC", doc: `{"@timestamp":"2024-05-01T14:00:00+02:00"}`,
			want: []problem{{"@timestamp", "want an RFC 3339 date in UTC"}}},
		{name: "timestamp as epoch", doc: `{"@timestamp":1714564800000}`,
			want: []problem{{"@timestamp", "want an RFC 3339 date in UTC"}}},
		{name: "timestamp invalid day", doc: `{"@timestamp":"2024-02-30T00:00:00Z"}`,
			want: []problem{{"@timestamp", "want an RFC 3339 date in UTC"}}},
		{name: "timestamp array", doc: `{"@timestamp":["2024-05-01T12:00:00Z"]}`,
			want: []problem{{"@timestamp", "want a single RFC 3339 UTC date, not an array"}}},
		{name: "missing timestamp", doc: `{"event":{"kind":"event"}}`,
			want: []problem{{"@timestamp", "missing; ECS requires @timestamp"}}},
		{name: "nested @timestamp is not the timestamp", doc: `{"source":{"@timestamp":"2024-05-01T12:00:00Z"}}`,
			want: []problem{{"source.@timestamp", "not an ECS"}, {"@timestamp", "missing"}}},

		// geo_point.
		{name: "latitude out of range", doc: `{` + ts + `,"source":{"geo":{"location":{"lat":91,"lon":0}}}}`,
			want: []problem{{"source.geo.location", "ECS geo_point"}}},
		{name: "longitude missing", doc: `{` + ts + `,"source":{"geo":{"location":{"lat":1}}}}`,
			want: []problem{{"source.geo.location", "ECS geo_point"}}},
		{name: "extra geo key", doc: `{` + ts + `,"source":{"geo":{"location":{"lat":1,"lon":2,"alt":3}}}}`,
			want: []problem{{"source.geo.location", "ECS geo_point"}}},
		{name: "geo string not numbers", doc: `{` + ts + `,"source":{"geo":{"location":"north,east"}}}`,
			want: []problem{{"source.geo.location", "ECS geo_point"}}},
		{name: "geo array out of range", doc: `{` + ts + `,"source":{"geo":{"location":[200,0]}}}`,
			want: []problem{{"source.geo.location", "ECS geo_point"}}},
		{name: "geo coordinates as strings", doc: `{` + ts + `,"source":{"geo":{"location":{"lat":"1","lon":"2"}}}}`,
			want: []problem{{"source.geo.location", "ECS geo_point"}}},

		// nested and object fields.
		{name: "nested element wrong type", doc: `{` + ts + `,"threat":{"enrichments":[{"indicator":{"ip":"1.2.3"}},{"indicator":{"port":"x"}}]}}`,
			want: []problem{
				{"threat.enrichments[0].indicator.ip", "want an IPv4 or IPv6 address"},
				{"threat.enrichments[1].indicator.port", "want an integer as a JSON number"},
			}},
		{name: "nested element unknown field", doc: `{` + ts + `,"threat":{"enrichments":[{"indicator":{"colour":"red"}}]}}`,
			want: []problem{{"threat.enrichments[0].indicator.colour", "not an ECS"}}},
		{name: "nested element not an object", doc: `{` + ts + `,"threat":{"enrichments":["192.0.2.1"]}}`,
			want: []problem{{"threat.enrichments[0]", "want an object (ECS nested)"}}},
		{name: "nested given one object", doc: `{` + ts + `,"threat":{"enrichments":{"indicator":{"ip":"192.0.2.1"}}}}`,
			want: []problem{{"threat.enrichments", "want an array"}}},
		{name: "labels with a nested object", doc: `{` + ts + `,"labels":{"env":{"name":"prod"}}}`,
			want: []problem{{"labels.env", "without nested objects"}}},
		{name: "labels with a number", doc: `{` + ts + `,"labels":{"count":3}}`,
			want: []problem{{"labels.count", "want a JSON string (ECS keyword)"}}},
		{name: "labels with a dotted key", doc: `{` + ts + `,"labels":{"a.b":"c"}}`,
			want: []problem{{"labels.a.b", "without dots"}}},

		// Document structure.
		{name: "duplicate key", doc: `{` + ts + `,"source":{"ip":"10.0.0.1","ip":"10.0.0.2"}}`,
			want: []problem{{"source.ip", "duplicate key in one object"}}},
		{name: "problems inside a duplicate are reported", doc: `{` + ts + `,"source":{"ip":"10.0.0.1"},"source":{"port":"x"}}`,
			want: []problem{{"source", "duplicate key in one object"}, {"source.port", "want an integer"}}},
		{name: "duplicate through dotted key", doc: `{` + ts + `,"source":{"ip":"10.0.0.1"},"source.ip":"10.0.0.2"}`,
			want: []problem{{"source.ip", "set more than once"}}},
		{name: "value and parent", doc: `{` + ts + `,"aws.cloudtrail.a":1,"aws":{"cloudtrail":{"a":{"b":2}}}}`, vendors: []string{"aws.cloudtrail"},
			want: []problem{{"aws.cloudtrail.a", "set both as a value and as an object"}}},
		{name: "parent after value through dotted keys", doc: `{` + ts + `,"aws.cloudtrail.a":1,"aws.cloudtrail.a.b":2}`, vendors: []string{"aws.cloudtrail"},
			want: []problem{{"aws.cloudtrail.a", "set as a value and also as the parent of aws.cloudtrail.a.b"}}},
		{name: "duplicate key in vendor subtree", doc: `{` + ts + `,"aws":{"cloudtrail":{"a":1,"a":2}}}`, vendors: []string{"aws.cloudtrail"},
			want: []problem{{"aws.cloudtrail.a", "duplicate key"}}},
		{name: "empty key", doc: `{` + ts + `,"":1}`,
			want: []problem{{`""`, "empty key"}}},
		{name: "key with empty segment", doc: `{` + ts + `,"source..ip":"10.0.0.1"}`,
			want: []problem{{`"source..ip"`, "empty dotted segment"}}},
		{name: "not JSON", doc: `{"@timestamp":`,
			want: []problem{{"", "not valid JSON"}}},
		{name: "trailing comma", doc: `{` + ts + `,}`,
			want: []problem{{"", "not valid JSON"}}},
		{name: "top-level array", doc: `[{` + ts + `}]`,
			want: []problem{{"", "want a JSON object as the document, not […]"}}},
		{name: "two documents", doc: `{` + ts + `} {` + ts + `}`,
			want: []problem{{"", "several documents need ValidateAll"}}},
		{name: "invalid UTF-8", doc: "{" + ts + ",\"message\":\"caf\xe9\"}",
			want: []problem{{"", "invalid UTF-8 at byte 55"}}},
		{name: "too deep", doc: `{` + ts + `,"x":` + strings.Repeat("[", 1100) + strings.Repeat("]", 1100) + `}`,
			want: []problem{{"", "nested more than 1000 levels deep"}}},
		{name: "all problems reported", doc: `{"source":{"ip":"x","port":"y"},"event":{"kind":"z"},"q":1}`,
			want: []problem{
				{"source.ip", "address"},
				{"source.port", "integer"},
				{"event.kind", "allowed values"},
				{"q", "not an ECS"},
				{"@timestamp", "missing"},
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Validate([]byte(tt.doc), tt.vendors...)
			checkProblems(t, err, tt.want, 0)
		})
	}
}

func checkProblems(t *testing.T, err error, want []problem, line int) {
	t.Helper()
	if want == nil {
		if err != nil {
			t.Fatalf("want valid, got %v", err)
		}
		return
	}
	var verr *ValidationError
	if !errors.As(err, &verr) {
		t.Fatalf("want *ValidationError, got %v", err)
	}
	if len(verr.Problems) != len(want) {
		t.Fatalf("want %d problems, got %v", len(want), err)
	}
	for i, w := range want {
		got := verr.Problems[i]
		if got.Path != w.path || !strings.Contains(got.Reason, w.reason) || got.Line != line {
			t.Errorf("problem %d: want line %d path %q reason containing %q, got %+v", i, line, w.path, w.reason, got)
		}
	}
}

func TestValidateProblemText(t *testing.T) {
	err := Validate([]byte(`{"source":{"ip":"10.0.0","port":443}}`))
	want := "ecs: not valid ECS " + Version + " (2 problems):\n" +
		"\tsource.ip = \"10.0.0\": want an IPv4 or IPv6 address (ECS ip)\n" +
		"\t@timestamp: missing; ECS requires @timestamp in every document"
	if err == nil || err.Error() != want {
		t.Fatalf("got\n%v\nwant\n%s", err, want)
	}
}

func TestValidateShortensValues(t *testing.T) {
	long := strings.Repeat("é", 100)
	err := Validate([]byte(`{` + ts + `,"source":{"ip":"` + long + `"}}`))
	var verr *ValidationError
	if !errors.As(err, &verr) || len(verr.Problems) != 1 {
		t.Fatalf("want one problem, got %v", err)
	}
	if want := `"` + strings.Repeat("é", 64) + `"…`; verr.Problems[0].Value != want {
		t.Errorf("value: got %s, want %s", verr.Problems[0].Value, want)
	}
}

func TestValidateAll(t *testing.T) {
	tests := []struct {
		name   string
		ndjson string
		want   []problem
		lines  []int
	}{
		{name: "valid with blank lines and CRLF", ndjson: "{" + ts + "}\r\n\n  \n{" + ts + "}\n"},
		{name: "no trailing newline", ndjson: "{" + ts + "}"},
		{name: "problems carry line numbers", ndjson: "{" + ts + "}\n{\"source\":{\"ip\":\"x\"}," + ts + "}\n\n{}\n",
			want: []problem{{"source.ip", "address"}, {"@timestamp", "missing"}}, lines: []int{2, 4}},
		{name: "broken line does not stop the rest", ndjson: "{\"@timestamp\"\n{" + ts + ",\"q\":1}\n",
			want: []problem{{"", "not valid JSON"}, {"q", "not an ECS"}}, lines: []int{1, 2}},
		{name: "empty input", ndjson: "",
			want: []problem{{"", "no documents"}}, lines: []int{0}},
		{name: "only blank lines", ndjson: "\n \r\n",
			want: []problem{{"", "no documents"}}, lines: []int{0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := ValidateAll([]byte(tt.ndjson))
			if tt.want == nil {
				checkProblems(t, err, nil, 0)
				return
			}
			var verr *ValidationError
			if !errors.As(err, &verr) || len(verr.Problems) != len(tt.want) {
				t.Fatalf("want %d problems, got %v", len(tt.want), err)
			}
			for i, w := range tt.want {
				got := verr.Problems[i]
				if got.Path != w.path || !strings.Contains(got.Reason, w.reason) || got.Line != tt.lines[i] {
					t.Errorf("problem %d: want line %d path %q reason %q, got %+v", i, tt.lines[i], w.path, w.reason, got)
				}
			}
		})
	}
	err := ValidateAll([]byte("{}\n"))
	if err == nil || !strings.Contains(err.Error(), "\tline 1: @timestamp: missing") {
		t.Errorf("line prefix missing from %v", err)
	}
}

// TestCheckScalarTypes covers types ECS 9.4 defines but uses for no field
// (short, byte, half_float, unsigned_long, text, wildcard...), so the
// checks are ready when a release does.
func TestCheckScalarTypes(t *testing.T) {
	tests := []struct {
		typ   Type
		value string
		ok    bool
	}{
		{TypeShort, `32767`, true},
		{TypeShort, `32768`, false},
		{TypeShort, `-32768`, true},
		{TypeByte, `127`, true},
		{TypeByte, `-129`, false},
		{TypeByte, `1.0`, true},
		{TypeLong, `-9223372036854775808`, true},
		{TypeLong, `9.3e18`, false},
		{TypeLong, `-9.3e18`, false},
		{TypeLong, `1e400`, false},
		{TypeUnsignedLong, `18446744073709551615`, true},
		{TypeUnsignedLong, `18446744073709551616`, false},
		{TypeUnsignedLong, `-1`, false},
		{TypeUnsignedLong, `1e3`, true},
		{TypeUnsignedLong, `"1"`, false},
		{TypeHalfFloat, `65504`, true},
		{TypeHalfFloat, `65505`, false},
		{TypeFloat, `-3.4e38`, true},
		{TypeDouble, `1e308`, true},
		{TypeDouble, `true`, false},
		{TypeText, `"free text"`, true},
		{TypeText, `1`, false},
		{TypeWildcard, `"*x*"`, true},
		{TypeConstantKeyword, `"logs"`, true},
		{TypeMatchOnlyText, `false`, false},
		{TypeBoolean, `false`, true},
		{TypeIP, `"::ffff:10.0.0.1"`, true},
		{TypeDate, `"2024-05-01T12:00:00.5-07:00"`, true},
		{TypeDate, `-1000`, true},
		{TypeGeoPoint, `[1,2,3]`, true},
		{TypeGeoPoint, `[1,2,3,4]`, false},
		{TypeGeoPoint, `"1,2,3"`, false},
		{TypeGeoPoint, `1`, false},
	}
	for _, tt := range tests {
		val, err := decodeJSON([]byte(tt.value))
		if err != nil {
			t.Fatalf("%s: %v", tt.value, err)
		}
		f := Field{Name: "x", Type: tt.typ}
		reason := checkScalar(f, "x", val)
		if (reason == "") != tt.ok {
			t.Errorf("%s %s: got reason %q, want ok=%v", tt.typ, tt.value, reason, tt.ok)
		}
	}
}

// TestEventOutputIsValidECS builds an event with every Event setter and
// checks the result against the table.
func TestEventOutputIsValidECS(t *testing.T) {
	var ev Event
	when := time.Date(2024, 5, 1, 12, 0, 0, 123_000_000, time.FixedZone("CEST", 2*3600))
	ev.Date("@timestamp", when)
	ev.Keyword("event.kind", "event")
	ev.Keywords("event.category", "network", "network", "")
	ev.Keywords("event.type", "connection", "allowed")
	ev.Keyword("event.outcome", "success")
	ev.KeywordBytes("event.original", []byte("{\"raw\":\"record \u2028\"}"))
	ev.Long("source.port", 443)
	ev.Long("source.bytes", math.MaxInt64)
	ev.Double("host.cpu.usage", 0.25)
	ev.Double("host.risk.calculated_score", math.NaN()) // skipped
	ev.Bool("file.code_signature.valid", true)
	ev.IP("source.ip", netip.MustParseAddr("::ffff:10.0.0.1"))
	ev.IP("destination.ip", netip.Addr{}) // skipped
	ev.IPs("related.ip", netip.MustParseAddr("10.0.0.1"), netip.MustParseAddr("::ffff:10.0.0.1"), netip.MustParseAddr("2001:db8::1"))
	ev.GeoPoint("source.geo.location", -33.8688, 151.2093)
	ev.GeoPoint("destination.geo.location", 91, 0) // skipped
	ev.Keyword("labels.env", "prod")
	ev.Keyword("source.mac", "00-1A-2B-3C-4D-5E")
	ev.RawJSON("aws.cloudtrail.request_parameters", []byte(`{"bucketName":"b","nested":[1,{"x":null}]}`))
	ev.Keyword("aws.cloudtrail.event_version", "1.08")
	ev.Keyword("network.transport", "udp")
	ev.Keyword("network.transport", "tcp") // last set wins
	ev.Keyword("user.name", "")            // skipped
	ev.SetID("doc-1")

	out := ev.AppendJSON(nil)
	if err := Validate(out, "aws.cloudtrail"); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}

	var doc map[string]any
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	checks := map[string]any{
		"@timestamp":          "2024-05-01T10:00:00.123Z",
		"event.category":      []any{"network"},
		"event.original":      "{\"raw\":\"record \u2028\"}",
		"source.ip":           "10.0.0.1",
		"source.bytes":        float64(math.MaxInt64),
		"related.ip":          []any{"10.0.0.1", "2001:db8::1"},
		"network.transport":   "tcp",
		"source.geo.location": map[string]any{"lat": -33.8688, "lon": 151.2093},
		"file.code_signature": map[string]any{"valid": true},
		"aws.cloudtrail.request_parameters.bucketName": "b",
	}
	for path, want := range checks {
		got, ok := dig(doc, path)
		if !ok || !jsonEqual(got, want) {
			t.Errorf("%s: got %#v, want %#v", path, got, want)
		}
	}
	for _, absent := range []string{"destination", "host.risk", "user", "_id"} {
		if _, ok := dig(doc, absent); ok {
			t.Errorf("%s: present, want it left out\n%s", absent, out)
		}
	}
}

func dig(doc map[string]any, path string) (any, bool) {
	var cur any = doc
	for _, seg := range strings.Split(path, ".") {
		obj, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		if cur, ok = obj[seg]; !ok {
			return nil, false
		}
	}
	return cur, true
}

func jsonEqual(a, b any) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return string(ja) == string(jb)
}

func FuzzValidate(f *testing.F) {
	seeds := []string{
		`{` + ts + `}`,
		`{` + ts + `,"source":{"ip":"10.0.0.1","port":443,"geo":{"location":[1,2]}},"event":{"category":["network"]}}`,
		`{` + ts + `,"threat":{"enrichments":[{"indicator":{"ip":"192.0.2.1"}}]},"labels":{"a":"b"}}`,
		`{"source.ip":null,"source":{"ip":1},"":{},"a..b":[[]]}`,
		`{"@timestamp":1e400,"host":{"cpu":{"usage":-1e-400}},"source":{"bytes":9223372036854775807.0}}`,
		"{\"message\":\"\xff\"}\n{}\n",
		`[` + strings.Repeat(`{"a":[`, 50),
		`{"aws":{"cloudtrail":{"a":1,"a":{"b":2}}}}`,
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		err := Validate(data, "aws.cloudtrail")
		if err == nil && !json.Valid(data) {
			t.Fatalf("accepted invalid JSON %q", data)
		}
		if err != nil {
			var verr *ValidationError
			if !errors.As(err, &verr) || len(verr.Problems) == 0 {
				t.Fatalf("want a *ValidationError with problems, got %v", err)
			}
			_ = err.Error()
		}
		_ = ValidateAll(data, "aws.cloudtrail")
	})
}

func BenchmarkValidate(b *testing.B) {
	doc := []byte(`{` + ts + `,"event":{"kind":"event","category":["network"],"type":["connection"],"outcome":"success"},` +
		`"source":{"ip":"10.0.0.1","port":443,"bytes":1200},"destination":{"ip":"10.0.0.2","port":51234},` +
		`"network":{"transport":"tcp"},"related":{"ip":["10.0.0.1","10.0.0.2"]},"aws":{"vpcflow":{"version":"2"}}}`)
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		if err := Validate(doc, "aws.vpcflow"); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "records/s")
}

package securityhub

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/communityid"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/internal/shared"
	"github.com/siem-go/siem/parser"
)

// base is a minimal finding; tests add or replace members.
const base = `"SchemaVersion":"2018-10-08","Id":"f-1","ProductArn":"arn:aws:securityhub:us-east-1::product/aws/securityhub","GeneratorId":"g","AwsAccountId":"123456789012","CreatedAt":"2026-11-27T10:00:00Z","UpdatedAt":"2026-11-27T10:05:00.5Z","Title":"T","Description":"D"`

// run normalizes one finding and returns the document as dotted fields.
func run(t *testing.T, finding string) (map[string]any, *ecs.Event) {
	t.Helper()
	var ev ecs.Event
	if err := Normalize(siem.Record{Record: parser.Record{Data: []byte(finding)}}, &ev); err != nil {
		t.Fatalf("Normalize: %v\n%s", err, finding)
	}
	if err := ev.Err(); err != nil {
		t.Fatal(err)
	}
	doc := ev.AppendJSON(nil)
	if err := New().Info().CheckDocument(doc); err != nil {
		t.Fatalf("%v\n%s", err, doc)
	}
	var m map[string]any
	if err := json.Unmarshal(doc, &m); err != nil {
		t.Fatal(err)
	}
	out := map[string]any{}
	var walk func(string, map[string]any)
	walk = func(p string, m map[string]any) {
		for k, v := range m {
			if sub, ok := v.(map[string]any); ok && !strings.HasSuffix(p+k, "product_fields") && !strings.HasSuffix(p+k, "user_defined_fields") {
				walk(p+k+".", sub)
				continue
			}
			out[p+k] = v
		}
	}
	walk("", m)
	return out, &ev
}

func want(t *testing.T, doc map[string]any, field string, value any) {
	t.Helper()
	got, _ := json.Marshal(doc[field])
	exp, _ := json.Marshal(value)
	if value == nil {
		if _, ok := doc[field]; ok {
			t.Errorf("%s = %s, want it absent", field, got)
		}
		return
	}
	if !bytes.Equal(got, exp) {
		t.Errorf("%s = %s, want %s", field, got, exp)
	}
}

func TestGuardDutyDirection(t *testing.T) {
	pf := func(dir string) string {
		return `{` + base + `,"ProductName":"GuardDuty","ProductFields":{` +
			`"aws/guardduty/service/action/actionType":"NETWORK_CONNECTION",` +
			`"aws/guardduty/service/action/networkConnectionAction/connectionDirection":"` + dir + `",` +
			`"aws/guardduty/service/action/networkConnectionAction/protocol":"TCP",` +
			`"aws/guardduty/service/action/networkConnectionAction/localIpDetails/ipAddressV4":"10.0.0.5",` +
			`"aws/guardduty/service/action/networkConnectionAction/localPortDetails/port":"22",` +
			`"aws/guardduty/service/action/networkConnectionAction/remoteIpDetails/ipAddressV4":"198.51.100.9",` +
			`"aws/guardduty/service/action/networkConnectionAction/remotePortDetails/port":"50123"}}`
	}
	in, _ := run(t, pf("INBOUND"))
	want(t, in, "source.ip", "198.51.100.9")
	want(t, in, "source.port", 50123)
	want(t, in, "destination.ip", "10.0.0.5")
	want(t, in, "destination.port", 22)
	want(t, in, "network.direction", "inbound")
	want(t, in, "network.transport", "tcp")
	want(t, in, "event.kind", "alert")
	want(t, in, "event.action", "network_connection")

	out, _ := run(t, pf("OUTBOUND"))
	want(t, out, "source.ip", "10.0.0.5")
	want(t, out, "source.port", 22)
	want(t, out, "destination.ip", "198.51.100.9")
	want(t, out, "network.direction", "outbound")
	want(t, out, "related.ip", []string{"198.51.100.9", "10.0.0.5"})

	// Both directions name one flow, with the community ID the guardduty
	// type gives the same connection.
	id, _ := communityid.ID(communityid.Flow{Src: netip.MustParseAddr("198.51.100.9"), Dst: netip.MustParseAddr("10.0.0.5"),
		SrcPort: 50123, DstPort: 22, Proto: communityid.ProtoTCP})
	want(t, in, "network.community_id", id)
	want(t, out, "network.community_id", id)
	// No ID without the remote port.
	noPort, _ := run(t, strings.Replace(pf("INBOUND"), `"50123"`, `""`, 1))
	want(t, noPort, "network.community_id", nil)
}

func TestNetworkMemberWins(t *testing.T) {
	doc, _ := run(t, `{`+base+`,"Network":{"Direction":"IN","Protocol":"UDP","SourceIpV6":"2001:db8::1","SourcePort":53,"DestinationIpV4":"10.1.2.3","DestinationPort":5353,"DestinationDomain":"ns.example"},`+
		`"ProductFields":{"aws/guardduty/service/action/actionType":"PORT_PROBE","aws/guardduty/service/action/portProbeAction/portProbeDetails.0_/remoteIpDetails/ipAddressV4":"203.0.113.1"}}`)
	want(t, doc, "source.ip", "2001:db8::1")
	want(t, doc, "source.port", 53)
	want(t, doc, "destination.ip", "10.1.2.3")
	want(t, doc, "destination.domain", "ns.example")
	want(t, doc, "network.direction", "inbound")
	want(t, doc, "network.transport", "udp")
	want(t, doc, "aws.securityhub.network.SourceIpV6", "2001:db8::1")
	want(t, doc, "aws.securityhub.network.DestinationPort", 5353)
	// An IPv6 source and an IPv4 destination are no flow a packet carries.
	want(t, doc, "network.community_id", nil)

	doc, _ = run(t, `{`+base+`,"Network":{"Direction":"OUT","Protocol":"TCP","SourceIpV4":"10.1.2.3","SourcePort":40000,"DestinationIpV4":"192.0.2.8","DestinationPort":443}}`)
	id, _ := communityid.ID(communityid.Flow{Src: netip.MustParseAddr("10.1.2.3"), Dst: netip.MustParseAddr("192.0.2.8"),
		SrcPort: 40000, DstPort: 443, Proto: communityid.ProtoTCP})
	want(t, doc, "network.community_id", id)
}

func TestSeverity(t *testing.T) {
	for _, c := range []struct {
		sev            string
		severity, risk any
	}{
		{`{"Label":"CRITICAL"}`, nil, 90},
		{`{"Label":"INFORMATIONAL"}`, nil, 0},
		{`{"Label":"MEDIUM","Normalized":55}`, nil, 55},
		{`{"Label":"HIGH","Product":8.9,"Original":"8.9"}`, 8, 70},
		// A critical GuardDuty finding (attack sequence), which the
		// reference system's script fails on.
		{`{"Label":"CRITICAL","Product":9.3,"Normalized":93,"Original":"9.3"}`, 9, 93},
		{`{"Label":"HIGH","Original":"7"}`, 7, 70},
		{`{"Label":"HIGH","Original":"HIGH"}`, nil, 70},
		{`{"Label":"BOGUS","Normalized":"x"}`, nil, nil},
		{`{"Normalized":101,"Label":"LOW"}`, nil, 1},
	} {
		doc, _ := run(t, `{`+base+`,"Severity":`+c.sev+`}`)
		want(t, doc, "event.severity", c.severity)
		want(t, doc, "event.risk_score", c.risk)
		want(t, doc, "event.risk_score_norm", c.risk)
	}
}

func TestKindAndOutcome(t *testing.T) {
	for _, c := range []struct {
		extra, kind, outcome string
		category             []string
	}{
		{`"Compliance":{"Status":"PASSED"}`, "state", "success", []string{"configuration"}},
		{`"Compliance":{"Status":"FAILED"}`, "alert", "failure", []string{"configuration"}},
		{`"Compliance":{"Status":"NOT_AVAILABLE"}`, "alert", "unknown", []string{"configuration"}},
		{`"Types":["Effects/Data Exposure/x"]`, "alert", "", []string{"intrusion_detection"}},
		{`"Types":["TTPs/Execution/Trojan:EC2-X"]`, "alert", "", []string{"intrusion_detection", "malware"}},
		{`"ProductName":"Macie"`, "alert", "", []string{"intrusion_detection"}},
		{`"Vulnerabilities":[{"Id":"CVE-2026-1","VulnerablePackages":[{"Name":"p"}]}]`, "alert", "", []string{"vulnerability", "package"}},
		{`"ProductName":"Health"`, "alert", "", []string{"configuration"}},
	} {
		doc, _ := run(t, `{`+base+`,`+c.extra+`}`)
		want(t, doc, "event.kind", c.kind)
		want(t, doc, "event.category", c.category)
		if c.outcome == "" {
			want(t, doc, "event.outcome", nil)
		} else {
			want(t, doc, "event.outcome", c.outcome)
		}
	}
}

func TestThreatTactics(t *testing.T) {
	doc, _ := run(t, `{`+base+`,"Types":["TTPs/Data Exfiltration/x","TTPs/Initial Access/y","TTPs/Unknown Tactic/z","Unusual Behaviors/User"]}`)
	want(t, doc, "threat.tactic.name", []string{"Exfiltration", "Initial Access"})
	want(t, doc, "threat.tactic.id", []string{"TA0010", "TA0001"})
	want(t, doc, "threat.framework", "MITRE ATT&CK")
}

func TestUsersAndInstances(t *testing.T) {
	doc, _ := run(t, `{`+base+`,"Resources":[`+
		`{"Type":"AwsIamRole","Id":"arn:aws:iam::123456789012:role/victim","ResourceRole":"Target"},`+
		`{"Type":"AwsIamAccessKey","Id":"AKIAEXAMPLE","ResourceRole":"Actor","Details":{"AwsIamAccessKey":{"PrincipalId":"AROAEXAMPLE:alice@example.com","PrincipalType":"AssumedRole","PrincipalName":"admin-role"}}},`+
		`{"Type":"AwsEc2Instance","Id":"arn:aws:ec2:us-east-1:123456789012:instance/i-0abc","Details":{"AwsEc2Instance":{"IpV4Addresses":["10.0.0.1","not-an-ip"],"IpV6Addresses":["2001:db8::5"]}}},`+
		`{"Type":"AwsEc2Instance","Id":"i-0def"}]}`)
	want(t, doc, "user.id", "AROAEXAMPLE:alice@example.com")
	want(t, doc, "user.name", "admin-role")
	want(t, doc, "user.target.name", "victim")
	want(t, doc, "related.user", []string{"victim", "alice@example.com", "admin-role"})
	want(t, doc, "cloud.instance.id", []string{"i-0abc", "i-0def"})
	want(t, doc, "related.hosts", []string{"i-0abc", "i-0def"})
	want(t, doc, "related.ip", []string{"10.0.0.1", "2001:db8::5"})
}

func TestDocumentID(t *testing.T) {
	_, ev := run(t, `{`+base+`}`)
	if ev.ID() != "f-1@2026-11-27T10:05:00.5Z" {
		t.Errorf("id %q", ev.ID())
	}
	// The same instant written Panther's way gives the same id.
	_, ev2 := run(t, `{`+strings.Replace(base, `"2026-11-27T10:05:00.5Z"`, `"2026-11-27 10:05:00.500000000"`, 1)+`}`)
	if ev2.ID() != ev.ID() {
		t.Errorf("id %q, want %q", ev2.ID(), ev.ID())
	}
	long := strings.Repeat("a", 600)
	_, ev3 := run(t, `{`+strings.Replace(base, `"Id":"f-1"`, `"Id":"`+long+`"`, 1)+`}`)
	if !strings.HasPrefix(ev3.ID(), "sha256:") || len(ev3.ID()) > maxIDBytes {
		t.Errorf("id of a 600-byte finding Id: %q", ev3.ID())
	}
}

func TestFreeFormMembers(t *testing.T) {
	doc, _ := run(t, `{`+base+`,"ProductFields":{"a/b.c":"1","a/b.c":"dup","x":"y"},`+
		`"UserDefinedFields":{"bad..key":"v"},`+
		`"Threats":[{"Name":"EICAR","FilePaths":[{"FilePath":"/tmp/x"}]},"odd",null],`+
		`"Note":"a string where an object belongs",`+
		`"Resources":[{"Type":"AwsS3Bucket","Id":"arn:aws:s3:::b","Details":{"AwsS3Bucket":{"OwnerId":"o"}},"Tags":{"":"empty key"},"Weird Member":{"k":1},"weird_member":"dup"}],`+
		`"p_row_id":"r1","p_schema_version":0,"p_any_ip_addresses":["1.2.3.4"],"p_empty":[],"p_null":null}`)
	want(t, doc, "aws.securityhub.product_fields", map[string]any{"a/b.c": "1", "x": "y"})
	want(t, doc, "aws.securityhub.user_defined_fields_json", `{"bad..key":"v"}`)
	want(t, doc, "aws.securityhub.threats", []any{map[string]any{"Name": "EICAR", "FilePaths": []any{map[string]any{"FilePath": "/tmp/x"}}}})
	want(t, doc, "aws.securityhub.threats_json", []string{`"odd"`})
	want(t, doc, "aws.securityhub.note_json", `"a string where an object belongs"`)
	want(t, doc, "aws.securityhub.resources", []any{map[string]any{
		"type": "AwsS3Bucket", "id": "arn:aws:s3:::b",
		"details":   map[string]any{"AwsS3Bucket": map[string]any{"OwnerId": "o"}},
		"tags_json": `{"":"empty key"}`,
		"other":     map[string]any{"weird_member": `{"k":1}`},
	}})
	want(t, doc, "aws.securityhub.other.p_row_id", "r1")
	want(t, doc, "aws.securityhub.other.p_schema_version", "0")
	want(t, doc, "aws.securityhub.other.p_any_ip_addresses", `["1.2.3.4"]`)
	want(t, doc, "aws.securityhub.other.p_empty", nil)
	want(t, doc, "aws.securityhub.other.p_null", nil)
}

func TestNotFindings(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`{"Title":"x"}`, "has no Id"},
		{`{"Id":"","SchemaVersion":"x"}`, "Id is a JSON string, not a non-empty string"},
		{`{"Id":5}`, "Id is a JSON number"},
		{`{"Id":"a","Foo":1}`, "neither SchemaVersion nor ProductArn"},
		{`{"Id":"a","SchemaVersion":"2018-10-08"}`, "has no UpdatedAt"},
		{`{"Id":"a","SchemaVersion":"2018-10-08","UpdatedAt":12}`, "UpdatedAt is a JSON number"},
		{`{"Id":"a","SchemaVersion":"2018-10-08","UpdatedAt":"yesterday"}`, `UpdatedAt "yesterday" is not`},
		{`{"findings":[]}`, "findings array is empty"},
		{`{"findings":{}}`, "findings member is a JSON object"},
		{`{"class_uid":2004,"finding_info":{}}`, "OCSF"},
		{`[1,2]`, "a JSON array"},
		{`{"Id":`, "invalid JSON"},
		// fastjson names every nesting level; the reason keeps the cause.
		{`{"Id":"a","X":` + strings.Repeat(`[`, 400) + strings.Repeat(`]`, 400) + `}`, "too big depth"},
	} {
		var ev ecs.Event
		err := Normalize(siem.Record{Record: parser.Record{Data: []byte(c.in)}}, &ev)
		if err == nil || !strings.Contains(err.Error(), c.want) || len(err.Error()) > 300 {
			t.Errorf("%.80s: error %.400v, want it to contain %q in under 300 bytes", c.in, err, c.want)
		}
		if _, ok := err.(*siem.ExcludedError); ok {
			t.Errorf("%s: excluded, want an error", c.in)
		}
	}
	var ev ecs.Event
	err := Normalize(siem.Record{Record: parser.Record{Data: []byte(`{"insightArn":"a","insightResults":[]}`)}}, &ev)
	if ex, ok := err.(*siem.ExcludedError); !ok || ex.Rule != RuleInsightResults {
		t.Errorf("insight results: %v, want excluded under %s", err, RuleInsightResults)
	}
}

func TestCutter(t *testing.T) {
	in := `{"Findings":[{"Id":"1"},{"Id":"2"}],"NextToken":null}` + "\n" +
		`{"Id":"3"}` + "\n" +
		`{"findings":[{"Id":"4"} , {"Id":"5","x":"]}"}]}` + "\n" +
		`{"findings":[]}` + "\n" +
		`{"findings":[{"Id":"6"}],"findings":[{"Id":"7"}]}` + "\n"
	c := newCutter(parser.NewJSONRecordsReader(strings.NewReader(in), "Findings", parser.JSONOptions{}))
	var got []string
	var numbers []int64
	for {
		rec, err := c.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, string(rec.Data))
		numbers = append(numbers, rec.Number)
	}
	want := []string{`{"Id":"1"}`, `{"Id":"2"}`, `{"Id":"3"}`, `{"Id":"4"}`, `{"Id":"5","x":"]}"}`, `{"findings":[]}`, `{"Id":"6"}`}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("records %q, want %q", got, want)
	}
	for i, n := range numbers {
		if n != int64(i+1) {
			t.Errorf("record numbers %v, want 1, 2, 3...", numbers)
			break
		}
	}
}

func TestSnake(t *testing.T) {
	for in, want := range map[string]string{
		"AwsAccountName":     "aws_account_name",
		"SourceIpV4":         "source_ip_v4",
		"p_any_ip_addresses": "p_any_ip_addresses",
		"ProcessedAt":        "processed_at",
		"URLPath":            "url_path",
		"a.b c":              "a_b_c",
		"...":                "_",
		"_x_":                "x",
	} {
		if got := string(snake(nil, []byte(in))); got != want {
			t.Errorf("snake(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseTime(t *testing.T) {
	for in, want := range map[string]string{
		"2026-11-27T10:05:00Z":           "2026-11-27T10:05:00Z",
		"2026-11-27T10:05:00.123+02:00":  "2026-11-27T08:05:00.123Z",
		"2024-05-24 22:53:24.000000000":  "2024-05-24T22:53:24Z",
		"2024-05-24 22:53:24":            "2024-05-24T22:53:24Z",
		"2024-05-24 22:53:24.5+01:00":    "2024-05-24T21:53:24.5Z",
		"2024-05-24":                     "",
		"not a time at all, not at all.": "",
	} {
		got, ok := parseTime([]byte(in))
		s := ""
		if ok {
			s = got.UTC().Format("2006-01-02T15:04:05.999999999Z07:00")
		}
		if s != want {
			t.Errorf("parseTime(%q) = %q, want %q", in, s, want)
		}
	}
}

// TestPanther checks that every raw finding of the conformance set is
// indexed, with its Panther p_* keys kept as unknown members.
func TestPanther(t *testing.T) {
	for i, line := range pantherLines(t) {
		doc, _ := run(t, string(line))
		want(t, doc, "aws.securityhub.other.p_log_type", "AWS.SecurityFindingFormat")
		if doc["aws.securityhub.other.p_row_id"] == nil {
			t.Errorf("line %d: p_row_id lost", i+1)
		}
	}
}

// FuzzNormalize feeds single records to Normalize: whatever they hold,
// it returns an error or a document that validates.
func FuzzNormalize(f *testing.F) {
	f.Add([]byte(`{` + base + `}`))
	f.Add([]byte(`{` + base + `,"ProductFields":{"a.b":"c"},"Network":{"SourceIpV4":"1.2.3.4","SourcePort":99999}}`))
	f.Add([]byte(`{"findings":[{"Id":"x"}]}`))
	info := New().Info()
	f.Fuzz(func(t *testing.T, data []byte) {
		var ev ecs.Event
		if err := Normalize(siem.Record{Record: parser.Record{Data: data}}, &ev); err != nil {
			return
		}
		if err := ev.Err(); err != nil {
			t.Fatal(err)
		}
		if err := info.CheckDocument(ev.AppendJSON(nil)); err != nil {
			t.Fatalf("%v\n%s", err, data)
		}
	})
}

// TestHostile feeds records no producer writes: each gives an error or a
// document that validates, never a panic.
func TestHostile(t *testing.T) {
	deep := strings.Repeat(`{"a":`, 5000) + `1` + strings.Repeat(`}`, 5000)
	huge := strings.Repeat("x", 1<<20)
	for name, in := range map[string]string{
		"deep nesting":       `{` + base + `,"ProductFields":` + deep + `}`,
		"huge value":         `{` + base + `,"ProductFields":{"k":"` + huge + `"},"Title":"` + huge + `"}`,
		"wrong types":        `{` + base + `,"Severity":"HIGH","Types":"TTPs","Resources":{"Type":"AwsEc2Instance"},"Network":[1],"Compliance":"FAILED","Action":5,"Vulnerabilities":{"Id":"CVE"},"Malware":"x"}`,
		"nulls":              `{` + base + `,"Severity":null,"Types":null,"Resources":[null,{"Type":null,"Details":null}],"Network":null,"Region":null}`,
		"odd unicode":        `{` + base + `,"Title":"\ud800 \u0000 \u202e .","ProductFields":{"\u0000":"\udfff"},"p_\u00e9":"v"}`,
		"invalid utf8":       "{" + base + ",\"Title\":\"\xff\xfe\",\"ProductFields\":{\"\xc3\":\"\xff\"}}",
		"duplicate keys":     `{` + base + `,"Id":"other","UpdatedAt":"1999-01-01T00:00:00Z","Resources":[{"Type":"AwsEc2Instance","Type":"AwsIamUser","Id":"i-1","Id":"i-2"}]}`,
		"ports out of range": `{` + base + `,"Network":{"SourceIpV4":"1.2.3.4","SourcePort":70000,"DestinationPort":-1}}`,
		"many resources":     `{` + base + `,"Resources":[` + strings.Repeat(`{"Type":"AwsEc2Instance","Id":"i-1"},`, 2000) + `{"Type":"Other","Id":"x"}]}`,
		"huge numbers":       `{` + base + `,"Severity":{"Product":1e308,"Normalized":1e300},"Confidence":1e40,"Network":{"SourcePort":1e300}}`,
	} {
		t.Run(name, func(t *testing.T) {
			var ev ecs.Event
			err := Normalize(siem.Record{Record: parser.Record{Data: []byte(in)}}, &ev)
			if err != nil {
				if len(err.Error()) > 1000 {
					t.Errorf("error of %d bytes", len(err.Error()))
				}
				return
			}
			if err := ev.Err(); err != nil {
				t.Fatal(err)
			}
			if err := New().Info().CheckDocument(ev.AppendJSON(nil)); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestThreatIntelIndicators(t *testing.T) {
	doc, _ := run(t, `{`+base+`,"ThreatIntelIndicators":[`+
		`{"Type":"HASH_SHA256","Value":"ab12","Source":"S"},`+
		`{"Type":"IPV4_ADDRESS","Value":"not-an-ip"},`+
		`{"Type":"IPV6_ADDRESS","Value":"::ffff:192.0.2.1","LastObservedAt":"2026-11-27 10:00:00"},`+
		`{"Value":"untyped"},{"Type":"URL"}]}`)
	want(t, doc, "threat.enrichments", []any{
		map[string]any{"indicator": map[string]any{"type": "file", "file": map[string]any{"hash": map[string]any{"sha256": "ab12"}}, "provider": "S"}, "matched": map[string]any{"atomic": "ab12"}},
		map[string]any{"indicator": map[string]any{"type": "ipv4-addr"}, "matched": map[string]any{"atomic": "not-an-ip"}},
		map[string]any{"indicator": map[string]any{"type": "ipv6-addr", "ip": "192.0.2.1", "last_seen": "2026-11-27T10:00:00Z"}, "matched": map[string]any{"atomic": "::ffff:192.0.2.1"}},
		map[string]any{"matched": map[string]any{"atomic": "untyped"}},
	})
	want(t, doc, "related.hash", []string{"ab12"})

	// The files GuardDuty's malware scan found, each hash once.
	doc, _ = run(t, `{`+base+`,"Threats":[{"Name":"EICAR-Test-File","FilePaths":[{"FilePath":"/a","Hash":"cd34"},{"FilePath":"/b","Hash":"cd34"},{"FilePath":"/c"}]}],`+
		`"ThreatIntelIndicators":[{"Type":"HASH_MD5","Value":"ef56"}]}`)
	want(t, doc, "related.hash", []string{"cd34", "ef56"})
}

// pantherLines returns the raw conformance lines (for unit tests).
func pantherLines(t *testing.T) [][]byte {
	path := filepath.Join(shared.Dir(t, "conformance"), "raw", "aws_securityhub_asff", "panther-analysis-AWS-SecurityFindingFormat.ndjson")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out [][]byte
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		out = append(out, append([]byte(nil), sc.Bytes()...))
	}
	return out
}

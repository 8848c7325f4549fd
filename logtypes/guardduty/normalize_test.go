package guardduty

import (
	"encoding/json"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/communityid"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/envelope"
	"github.com/siem-go/siem/parser"
	"github.com/siem-go/siem/siemtest"
)

// finding returns a minimal finding with extra members spliced in.
func finding(extra string) string {
	s := `{"schemaVersion":"2.0","accountId":"111122223333","region":"eu-west-1","partition":"aws","id":"0123456789abcdef0123456789abcdef",` +
		`"type":"Recon:EC2/PortProbeUnprotectedPort","severity":2,"createdAt":"2026-11-27T10:00:00.000Z","updatedAt":"2026-11-27T10:05:00.123Z",` +
		`"title":"t.","description":"d"`
	if extra != "" {
		s += "," + extra
	}
	return s + "}"
}

// normalize runs Normalize and returns the document as a map of dotted
// paths to values, failing on any error.
func normalize(t *testing.T, rec string) (map[string]any, *ecs.Event) {
	t.Helper()
	ev := &ecs.Event{}
	if err := Normalize(siem.Record{Record: parser.Record{Data: []byte(rec)}}, ev); err != nil {
		t.Fatalf("Normalize: %v\n%s", err, rec)
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
		t.Fatalf("%v\n%s", err, doc)
	}
	flat := map[string]any{}
	var walk func(string, any)
	walk = func(p string, v any) {
		if o, ok := v.(map[string]any); ok && !strings.HasPrefix(p, "aws.guardduty.flattened.") && !strings.HasSuffix(p, ".location") {
			for k, x := range o {
				q := k
				if p != "" {
					q = p + "." + k
				}
				walk(q, x)
			}
			return
		}
		flat[p] = v
	}
	walk("", m)
	return flat, ev
}

func want(t *testing.T, doc map[string]any, path string, v any) {
	t.Helper()
	got, ok := doc[path]
	gb, _ := json.Marshal(got)
	wb, _ := json.Marshal(v)
	if v == nil {
		if ok {
			t.Errorf("%s = %s, want it absent", path, gb)
		}
		return
	}
	if !ok || string(gb) != string(wb) {
		t.Errorf("%s = %s, want %s", path, gb, wb)
	}
}

func TestSeverity(t *testing.T) {
	for _, c := range []struct {
		sev   string
		long  int64
		label string
	}{
		{"1", 1, "Low"}, {"3.9", 3, "Low"}, {"4", 4, "Medium"}, {"6.9", 6, "Medium"},
		{"7", 7, "High"}, {"8.9", 8, "High"}, {"9", 9, "Critical"}, {"9.7", 9, "Critical"}, {"10", 10, "Critical"},
		{`"5.5"`, 5, "Medium"},
	} {
		doc, _ := normalize(t, strings.Replace(finding(""), `"severity":2`, `"severity":`+c.sev, 1))
		want(t, doc, "event.severity", c.long)
		want(t, doc, "aws.guardduty.severity.label", c.label)
	}
	doc, _ := normalize(t, strings.Replace(finding(""), `"severity":2`, `"severity":8.9`, 1))
	want(t, doc, "aws.guardduty.severity.value", 8.9)
	want(t, doc, "event.risk_score", 8.9)
	want(t, doc, "event.risk_score_norm", 89)
	// No severity, or one that is not a number: no severity fields.
	for _, s := range []string{`"severity":null`, `"severity":"high"`, `"severity":{}`} {
		doc, _ := normalize(t, strings.Replace(finding(""), `"severity":2`, s, 1))
		want(t, doc, "event.severity", nil)
		want(t, doc, "aws.guardduty.severity.label", nil)
	}
}

func TestAttackSequenceCritical(t *testing.T) {
	rec := strings.Replace(finding(`"resource":{"resourceType":"AttackSequence"},"service":{"featureName":"Correlation","detection":{"sequence":{`+
		`"sequenceIndicators":[{"key":"ATTACK_TACTIC","values":["Initial Access","Not A Tactic"]},{"key":"ATTACK_TECHNIQUE","values":["T1078.004 - Valid Accounts: Cloud Accounts","garbage"]}],`+
		`"actors":[{"user":{"name":"eve","uid":"AIDAEVE"}}],"endpoints":[{"ip":"203.0.113.5","autonomousSystem":{"number":64500,"name":"X"}}]}}}`),
		`"type":"Recon:EC2/PortProbeUnprotectedPort","severity":2`, `"type":"AttackSequence:IAM/CompromisedCredentials","severity":9.8`, 1)
	doc, _ := normalize(t, rec)
	want(t, doc, "event.severity", 9)
	want(t, doc, "aws.guardduty.severity.label", "Critical")
	want(t, doc, "threat.tactic.id", []string{"TA0001"})
	want(t, doc, "threat.technique.id", []string{"T1078"})
	want(t, doc, "threat.technique.subtechnique.id", []string{"T1078.004"})
	want(t, doc, "threat.technique.subtechnique.name", []string{"Cloud Accounts"})
	want(t, doc, "user.name", "eve")
	want(t, doc, "source.ip", "203.0.113.5")
	want(t, doc, "source.as.number", 64500)
	want(t, doc, "aws.guardduty.finding_type.threat_purpose", "AttackSequence")
}

func TestFindingType(t *testing.T) {
	for _, c := range []struct{ typ, purpose, resource, family, mechanism, artifact string }{
		{"Backdoor:EC2/C&CActivity.B!DNS", "Backdoor", "EC2", "C&CActivity", "B", "DNS"},
		{"Trojan:EC2/DNSDataExfiltration!DNS", "Trojan", "EC2", "DNSDataExfiltration", "", "DNS"},
		{"UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS", "UnauthorizedAccess", "IAMUser", "InstanceCredentialExfiltration", "OutsideAWS", ""},
		{"Policy:S3/BucketBlockPublicAccessDisabled", "Policy", "S3", "BucketBlockPublicAccessDisabled", "", ""},
		{"not a type", "", "", "", "", ""},
	} {
		doc, _ := normalize(t, strings.Replace(finding(""), "Recon:EC2/PortProbeUnprotectedPort", c.typ, 1))
		want(t, doc, "rule.id", c.typ)
		for path, v := range map[string]string{"threat_purpose": c.purpose, "resource_type_affected": c.resource, "threat_family_name": c.family, "detection_mechanism": c.mechanism, "artifact": c.artifact} {
			if v == "" {
				want(t, doc, "aws.guardduty.finding_type."+path, nil)
			} else {
				want(t, doc, "aws.guardduty.finding_type."+path, v)
			}
		}
	}
	doc, _ := normalize(t, strings.Replace(finding(""), "Recon:EC2/PortProbeUnprotectedPort", "Object:S3/MaliciousFile", 1))
	want(t, doc, "event.category", []string{"intrusion_detection", "malware"})
	doc, _ = normalize(t, strings.Replace(finding(""), "Recon:EC2/PortProbeUnprotectedPort", "Impact:EC2/WinRMBruteForce", 1))
	want(t, doc, "threat.tactic.name", []string{"Impact"})
	want(t, doc, "threat.tactic.id", []string{"TA0040"})
}

func TestDirection(t *testing.T) {
	conn := func(dir string) string {
		return finding(`"resource":{"resourceType":"Instance","instanceDetails":{"instanceId":"i-1","networkInterfaces":[{"privateIpAddress":"10.0.0.9"}]}},` +
			`"service":{"action":{"actionType":"NETWORK_CONNECTION","networkConnectionAction":{"connectionDirection":"` + dir + `","protocol":"UDP",` +
			`"localPortDetails":{"port":53},"remoteIpDetails":{"ipAddressV4":"198.51.100.1","organization":{"asn":"64496","asnOrg":"AS Org"},"country":{"countryName":"Chile"}},"remotePortDetails":{"port":40000}}}}`)
	}
	doc, _ := normalize(t, conn("INBOUND"))
	want(t, doc, "network.direction", "inbound")
	want(t, doc, "network.transport", "udp")
	want(t, doc, "source.ip", "198.51.100.1")
	want(t, doc, "source.port", 40000)
	want(t, doc, "source.as.number", 64496)
	want(t, doc, "source.geo.country_name", "Chile")
	want(t, doc, "destination.ip", "10.0.0.9") // localIpDetails absent: the instance's address
	want(t, doc, "destination.port", 53)

	doc, _ = normalize(t, conn("OUTBOUND"))
	want(t, doc, "network.direction", "outbound")
	want(t, doc, "source.ip", "10.0.0.9")
	want(t, doc, "source.port", 53)
	want(t, doc, "destination.ip", "198.51.100.1")
	want(t, doc, "destination.as.organization.name", "AS Org")
	want(t, doc, "source.as.number", nil)

	doc, _ = normalize(t, conn("UNKNOWN"))
	want(t, doc, "network.direction", "unknown")
	want(t, doc, "source.ip", "198.51.100.1")

	// Both directions name one flow: one community ID, that of the
	// tuple 198.51.100.1:40000 -> 10.0.0.9:53 over UDP.
	id, _ := communityid.ID(communityid.Flow{Src: netip.MustParseAddr("198.51.100.1"), Dst: netip.MustParseAddr("10.0.0.9"),
		SrcPort: 40000, DstPort: 53, Proto: communityid.ProtoUDP})
	for _, dir := range []string{"INBOUND", "OUTBOUND"} {
		doc, _ = normalize(t, conn(dir))
		want(t, doc, "network.community_id", id)
	}
	// No ID without both ports, or for a protocol GuardDuty writes as Unknown.
	doc, _ = normalize(t, strings.Replace(conn("INBOUND"), `"localPortDetails":{"port":53},`, "", 1))
	want(t, doc, "network.community_id", nil)
	doc, _ = normalize(t, strings.Replace(conn("INBOUND"), `"protocol":"UDP"`, `"protocol":"Unknown"`, 1))
	want(t, doc, "network.community_id", nil)

	doc, _ = normalize(t, finding(`"service":{"action":{"actionType":"DNS_REQUEST","dnsRequestAction":{"domain":"evil.example.","protocol":"UDP","blocked":true}}}`))
	want(t, doc, "dns.question.name", "evil.example")
	want(t, doc, "network.direction", "outbound")
	want(t, doc, "aws.guardduty.action.blocked", true)
}

func TestRequired(t *testing.T) {
	for _, c := range []struct{ rec, reason string }{
		{`[1,2]`, "record is a JSON array, not a GuardDuty finding object"},
		{`{"id":`, "record is not valid JSON"},
		{strings.Replace(finding(""), `"id":"0123456789abcdef0123456789abcdef",`, "", 1), "not a GuardDuty finding: id is missing"},
		{strings.Replace(finding(""), `"id":"0123456789abcdef0123456789abcdef"`, `"id":42`, 1), "id is a JSON number, not a string"},
		{strings.Replace(finding(""), `"type":"Recon:EC2/PortProbeUnprotectedPort",`, "", 1), "type is missing"},
		{strings.Replace(finding(""), `"updatedAt":"2026-11-27T10:05:00.123Z"`, `"updatedAt":""`, 1), "updatedAt is empty"},
		{strings.Replace(finding(""), `"updatedAt":"2026-11-27T10:05:00.123Z"`, `"updatedAt":"yesterday"`, 1), `updatedAt "yesterday" is not a timestamp`},
		{strings.Replace(finding(""), `"id":"0123456789abcdef0123456789abcdef"`, `"id":"`+strings.Repeat("a", 300)+`"`, 1), "finding id is 300 bytes long"},
		// fastjson names every nesting level; the reason keeps the cause.
		{finding(`"resource":` + strings.Repeat(`[`, 400) + strings.Repeat(`]`, 400)), "too big depth for the nested JSON"},
	} {
		err := Normalize(siem.Record{Record: parser.Record{Data: []byte(c.rec)}}, &ecs.Event{})
		if err == nil || !strings.Contains(err.Error(), c.reason) || len(err.Error()) > 300 {
			t.Errorf("%.60s: error %.400v, want %q in under 300 bytes", c.rec, err, c.reason)
		}
	}
	// GuardDuty's other EventBridge events are excluded under a rule; an
	// event of another source is dead-lettered, named by its
	// detail-type, and so is a GuardDuty event whose id is broken.
	event := func(detailType, source, data string) error {
		meta := &envelope.EventBridgeMeta{DetailType: detailType, Source: source}
		return Normalize(siem.Record{Record: parser.Record{Data: []byte(data), Delivery: &parser.Delivery{Meta: meta}}}, &ecs.Event{})
	}
	err := event("GuardDuty Runtime Protection Unhealthy", "aws.guardduty", `{"clusterName":"x"}`)
	if ex, ok := err.(*siem.ExcludedError); !ok || ex.Rule != RuleNotFinding {
		t.Errorf("runtime health event: error %v, want excluded under %s", err, RuleNotFinding)
	}
	for _, c := range []struct{ detailType, source, data string }{
		{"Security Hub Findings - Imported", "aws.securityhub", `{"findings":[]}`},
		{"GuardDuty Malware Protection Object Scan Result", "aws.guardduty", `{"id":5}`},
	} {
		err := event(c.detailType, c.source, c.data)
		if _, excluded := err.(*siem.ExcludedError); excluded || err == nil || !strings.Contains(err.Error(), `detail-type "`+c.detailType+`"`) {
			t.Errorf("%s: error %v, want a dead letter naming the detail-type", c.source, err)
		}
	}
}

func TestTimes(t *testing.T) {
	for _, c := range []struct {
		in   string
		want time.Time
	}{
		{"2026-11-27T10:05:00.123Z", time.Date(2026, 11, 27, 10, 5, 0, 123e6, time.UTC)},
		{"2025-02-25 20:40:06.721", time.Date(2025, 2, 25, 20, 40, 6, 721e6, time.UTC)},
		{"2025-02-25 20:40:06.000000000", time.Date(2025, 2, 25, 20, 40, 6, 0, time.UTC)},
		{"2025-02-25T20:40:06", time.Date(2025, 2, 25, 20, 40, 6, 0, time.UTC)},
		{"2025-02-25 20:40:06+02:00", time.Date(2025, 2, 25, 18, 40, 6, 0, time.UTC)},
	} {
		got, err := parseTime([]byte(c.in))
		if err != nil || !got.Equal(c.want) {
			t.Errorf("parseTime(%q) = %v, %v; want %v", c.in, got, err, c.want)
		}
	}
	for _, in := range []string{"", "2025-02-25", "2025-02-25 20:40", "27/11/2026 10:00:00", "2025-02-25 20:40:06 PM"} {
		if _, err := parseTime([]byte(in)); err == nil {
			t.Errorf("parseTime(%q) accepted", in)
		}
	}
	// A bad secondary time is left out, the finding kept.
	doc, ev := normalize(t, strings.Replace(finding(`"service":{"eventFirstSeen":"soon","eventLastSeen":"2026-11-27T10:04:00Z","count":3}`), `"createdAt":"2026-11-27T10:00:00.000Z"`, `"createdAt":"x"`, 1))
	want(t, doc, "event.created", nil)
	want(t, doc, "event.start", nil)
	want(t, doc, "event.end", "2026-11-27T10:04:00Z")
	want(t, doc, "@timestamp", "2026-11-27T10:05:00.123Z")
	if ev.ID() != "0123456789abcdef0123456789abcdef_2026-11-27T10:05:00.123Z" {
		t.Errorf("document id %q", ev.ID())
	}
}

// TestAccountFromFinding runs a member account's finding through the
// pipeline from the administrator's export key (account 123456789012,
// region us-east-1): the document names the member's account and the
// finding's region, not the key's.
func TestAccountFromFinding(t *testing.T) {
	res := siemtest.Run(t, New(), strings.TrimSuffix(keyExport, ".gz"), []byte(finding("")+"\n"))
	if res.Counts.Indexed != 1 {
		t.Fatalf("counts %+v, dead letters %+v", res.Counts, res.DeadLetters)
	}
	var doc struct {
		Cloud struct {
			Account  struct{ ID string }
			Region   string
			Provider string
		}
	}
	if err := json.Unmarshal(res.Docs[0].Body, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Cloud.Account.ID != "111122223333" || doc.Cloud.Region != "eu-west-1" || doc.Cloud.Provider != "aws" {
		t.Errorf("cloud %+v, want the finding's account 111122223333 and region eu-west-1 (not the key's 123456789012, us-east-1)", doc.Cloud)
	}
}

func TestFreeForm(t *testing.T) {
	// Duplicate keys keep the first value, empty values are dropped,
	// non-JSON numbers become strings, invalid UTF-8 is replaced.
	doc, _ := normalize(t, finding(`"service":{"count":1,"count":2,"additionalInfo":{},"evidence":null,"list":[],"s":"","n":1e400,"u":"a`+"\xff"+`b","nested":{"a":{"b":[null,{}]}}}`))
	svc, _ := doc["aws.guardduty.flattened.service"].(map[string]any)
	b, _ := json.Marshal(svc)
	if string(b) != `{"count":1,"n":"1e400","u":"a�b"}` {
		t.Errorf("flattened.service = %s", b)
	}
	want(t, doc, "aws.guardduty.count", 1)
	// The first of repeated keys wins even when it is empty, as it does
	// for the mapped fields.
	doc, _ = normalize(t, finding(`"service":{"count":null,"count":2,"archived":true}`))
	want(t, doc, "aws.guardduty.count", nil)
	if svc, _ := doc["aws.guardduty.flattened.service"].(map[string]any); len(svc) != 1 || svc["archived"] != true {
		t.Errorf("flattened.service = %v, want only archived", svc)
	}
	// A key OpenSearch refuses sends the member to its text form.
	doc, _ = normalize(t, finding(`"resource":{"resourceType":"Instance","tags":{"a..b":"x"}}`))
	want(t, doc, "aws.guardduty.flattened.resource", nil)
	want(t, doc, "aws.guardduty.text.resource", `{"resourceType":"Instance","tags":{"a..b":"x"}}`)
	// So does a member too large to index as keywords.
	doc, _ = normalize(t, finding(`"resource":{"resourceType":"Instance","big":"`+strings.Repeat("x", 40000)+`"}`))
	want(t, doc, "aws.guardduty.flattened.resource", nil)
	if s, _ := doc["aws.guardduty.text.resource"].(string); len(s) < 40000 {
		t.Errorf("text.resource holds %d bytes", len(s))
	}
}

func TestRelated(t *testing.T) {
	doc, _ := normalize(t, finding(`"resource":{"resourceType":"AccessKey","accessKeyDetails":{"userName":"bob","principalId":"AIDABOB","accessKeyId":"AKIA1"}},`+
		`"service":{"action":{"actionType":"KUBERNETES_API_CALL","kubernetesApiCallAction":{"sourceIps":["192.0.2.1","192.0.2.1","not-an-ip"],"statusCode":403,"requestUri":"/api"}},`+
		`"evidence":{"threatIntelligenceDetails":[{"threatListName":"x"}]},"x":{"somePublicIp":"2001:db8::1","ip":"nope"}}`))
	want(t, doc, "related.ip", []string{"192.0.2.1", "2001:db8::1"})
	want(t, doc, "related.user", []string{"bob"})
	want(t, doc, "user.name", "bob")
	want(t, doc, "user.id", "AIDABOB")
	want(t, doc, "source.ip", "192.0.2.1")
	want(t, doc, "http.response.status_code", 403)

	// The hashes of the process Runtime Monitoring saw and of the files a
	// malware scan found, each once.
	doc, _ = normalize(t, finding(`"service":{"runtimeDetails":{"process":{"name":"x","executableSha256":"aa"}},`+
		`"ebsVolumeScanDetails":{"scanDetections":{"threatDetectedByName":{"threatNames":[{"name":"T","filePaths":[{"filePath":"/x","fileName":"x","hash":"aa"},{"filePath":"/y","fileName":"y","hash":"bb"}]}]}}}}`))
	want(t, doc, "related.hash", []string{"aa", "bb"})
	want(t, doc, "process.hash.sha256", "aa")
}

func TestHostile(t *testing.T) {
	deep := strings.Repeat(`{"a":`, 5000) + "1" + strings.Repeat("}", 5000)
	for _, rec := range []string{
		finding(`"service":` + deep),
		finding(`"resource":` + deep),
		finding(`"service":{"action":{"actionType":["x"],"networkConnectionAction":{"connectionDirection":7,"remoteIpDetails":{"ipAddressV4":{"x":1}},"remotePortDetails":{"port":99999999}}}}`),
		finding(`"service":{"action":{"portProbeAction":{"portProbeDetails":"none"}}}`),
		finding(`"service":{"action":{"portProbeAction":{"portProbeDetails":[1,null,{"localPortDetails":{"port":-1}}]}}}`),
		finding(`"service":{"count":1e300,"eventFirstSeen":12,"detection":{"sequence":{"sequenceIndicators":[{"key":"ATTACK_TECHNIQUE","values":[1,"T9999 - "]}],"endpoints":[{"ip":"::ffff:1.2.3.4%eth0"}]}}}`),
		strings.Replace(finding(""), `"severity":2`, `"severity":-1e308`, 1),
		strings.Replace(finding(""), `"severity":2`, `"severity":1e999`, 1),
		strings.Replace(finding(`"title":"\ud800 x\u0000"`), `"title":"t.",`, "", 1),
		finding(`"resource":{"instanceDetails":{"networkInterfaces":[{"privateIpAddress":"999.1.1.1"}],"instanceId":["i"]}}`),
	} {
		ev := &ecs.Event{}
		err := Normalize(siem.Record{Record: parser.Record{Data: []byte(rec)}}, ev)
		if err != nil {
			continue // refused with a reason: fine
		}
		if err := ev.Err(); err != nil {
			t.Errorf("%.80s: %v", rec, err)
			continue
		}
		if err := New().Info().CheckDocument(ev.AppendJSON(nil)); err != nil {
			t.Errorf("%.80s: %v", rec, err)
		}
	}
}

// TestOtherMembersKept: top-level members the package does not map (a
// producer's own, or ones GuardDuty adds later) are kept searchable, not
// only in event.original.
func TestOtherMembersKept(t *testing.T) {
	doc, _ := normalize(t, finding(`"p_any_ip_addresses":["198.51.100.7"],"newMember":{"a":1}`))
	other, _ := doc["aws.guardduty.flattened.other"].(map[string]any)
	if ips, _ := other["p_any_ip_addresses"].([]any); len(ips) != 1 || ips[0] != "198.51.100.7" {
		t.Errorf("p_any_ip_addresses not kept: %v", doc)
	}
	if nm, _ := other["newMember"].(map[string]any); nm["a"] != float64(1) {
		t.Errorf("newMember not kept: %v", other)
	}
	plain, _ := normalize(t, finding(""))
	for k := range plain {
		if strings.HasPrefix(k, "aws.guardduty.flattened.other") {
			t.Errorf("a finding with only known members has %s", k)
		}
	}
}

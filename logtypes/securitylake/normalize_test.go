package securitylake_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/logtypes/securitylake"
	"github.com/siem-go/siem/parser"
)

// normalizeOne runs one record through the type's normalizer and returns
// the decoded document, or the error.
func normalizeOne(t *testing.T, record string) (map[string]any, error) {
	t.Helper()
	doc, _, err := normalizeRouted(t, record)
	return doc, err
}

// normalizeRouted is normalizeOne that also returns the document's route.
func normalizeRouted(t *testing.T, record string) (map[string]any, string, error) {
	t.Helper()
	or, err := securitylake.New().Open(siem.Object{Key: "ocsf-json/t.json"}, strings.NewReader(record+"\n"))
	if err != nil {
		t.Fatal(err)
	}
	rec, err := or.Next()
	if err != nil {
		t.Fatal(err)
	}
	var ev ecs.Event
	if err := or.Normalize(siem.Record{Record: parser.Record{Data: rec.Data}}, &ev); err != nil {
		return nil, "", err
	}
	doc := ev.AppendJSON(nil)
	if err := ecs.Validate(doc, "aws.securitylake"); err != nil {
		t.Fatalf("invalid document %s: %v", doc, err)
	}
	var m map[string]any
	if err := json.Unmarshal(doc, &m); err != nil {
		t.Fatal(err)
	}
	return m, ev.Route(), nil
}

func TestBadRecords(t *testing.T) {
	for _, c := range []struct{ record, want string }{
		{`[1,2]`, "JSON array"},
		{`{"time":1795773600000}`, "no numeric class_uid"},
		{`{"class_uid":"x","time":1795773600000}`, "no numeric class_uid"},
		{`{"class_uid":6003}`, "no usable time"},
		{`{"class_uid":6003,"time":-5}`, "no usable time"},
		{`{"class_uid":6003,"time":"yesterday"}`, "no usable time"},
		{`{"class_uid":6003,"time":1e300}`, "no usable time"},
		{`{"class_uid":6003,"time":1795773600000,"x":tru}`, "not valid JSON"},
	} {
		_, err := normalizeOne(t, c.record)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one saying %q", c.record, err, c.want)
		}
	}
}

func TestTimes(t *testing.T) {
	for _, c := range []struct{ record, want string }{
		{`{"class_uid":4001,"time":1795773600123}`, "2026-11-27T10:00:00.123Z"},
		// Parquet TIMESTAMP columns, as parser/parquet renders them.
		{`{"class_uid":4001,"time":"2026-11-27T10:00:00.123Z"}`, "2026-11-27T10:00:00.123Z"},
		{`{"class_uid":4001,"time_dt":"2026-11-27T11:00:00+01:00"}`, "2026-11-27T10:00:00Z"},
		// A finding without time: its modified time.
		{`{"class_uid":2004,"category_uid":2,"finding_info":{"uid":"f-1","created_time":1795770000000,"modified_time":1795773600000}}`, "2026-11-27T10:00:00Z"},
	} {
		doc, err := normalizeOne(t, c.record)
		if err != nil {
			t.Errorf("%s: %v", c.record, err)
			continue
		}
		if doc["@timestamp"] != c.want {
			t.Errorf("%s: @timestamp %v, want %s", c.record, doc["@timestamp"], c.want)
		}
	}
}

func TestFindingIDAndOutcome(t *testing.T) {
	doc, err := normalizeOne(t, `{"class_uid":2004,"category_uid":2,"time":1795773600000,"status_id":2,"status":"In Progress",`+
		`"finding_info":{"uid":"arn:aws:guardduty:us-east-1:123456789012:detector/d/finding/f","title":"t","modified_time":1795773600000,`+
		`"attacks":[{"tactic":{"uid":"TA0005","name":"Defense Evasion"},"technique":{"uid":"T1562.008","name":"Disable or Modify Cloud Logs"}}]}}`)
	if err != nil {
		t.Fatal(err)
	}
	ev := doc["event"].(map[string]any)
	if ev["kind"] != "alert" || ev["outcome"] != nil {
		t.Errorf("event.kind %v, event.outcome %v: want alert and no outcome (a finding's status is its workflow)", ev["kind"], ev["outcome"])
	}
	th := doc["threat"].(map[string]any)
	if th["framework"] != "MITRE ATT&CK" || th["technique"].(map[string]any)["id"].([]any)[0] != "T1562.008" {
		t.Errorf("threat %v", th)
	}
}

func TestFlatObjectCleaning(t *testing.T) {
	doc, err := normalizeOne(t, `{"class_uid":4001,"time":1795773600000,"a":"-","b":"","c":null,"d":[],"e":{},"f":{"g":"-"},"h":"x","h":"dup",`+
		`"unmapped":{"k":"v"},"raw_data":"line","src_endpoint":{"ip":"not an ip","port":70000,"svc_name":"-"}}`)
	if err != nil {
		t.Fatal(err)
	}
	sl := doc["aws"].(map[string]any)["securitylake"].(map[string]any)
	b, _ := json.Marshal(sl["event"])
	if got, want := string(b), `{"class_uid":4001,"h":"x","src_endpoint":{"ip":"not an ip","port":70000},"time":1795773600000}`; got != want {
		t.Errorf("event %s, want %s", got, want)
	}
	if sl["unmapped"] != `{"k":"v"}` || sl["raw_data"] != "line" {
		t.Errorf("unmapped %v, raw_data %v", sl["unmapped"], sl["raw_data"])
	}
	if doc["source"] != nil {
		t.Errorf("source %v from an endpoint with no valid address or port", doc["source"])
	}
}

func TestHostileKeys(t *testing.T) {
	// Keys a flat_object cannot hold send the event to event_json.
	doc, err := normalizeOne(t, `{"class_uid":4001,"time":1795773600000,"x":{"a..b":1,"":2}}`)
	if err != nil {
		t.Fatal(err)
	}
	sl := doc["aws"].(map[string]any)["securitylake"].(map[string]any)
	if sl["event"] != nil || !strings.Contains(sl["event_json"].(string), `"a..b":1`) {
		t.Errorf("event %v, event_json %v", sl["event"], sl["event_json"])
	}
	// A huge event goes to event_json too.
	big := `{"class_uid":4001,"time":1795773600000,"message":"` + strings.Repeat("x", 40000) + `"}`
	doc, err = normalizeOne(t, big)
	if err != nil {
		t.Fatal(err)
	}
	sl = doc["aws"].(map[string]any)["securitylake"].(map[string]any)
	if sl["event"] != nil || sl["event_json"] == nil {
		t.Errorf("a 40 KB event should be kept as event_json")
	}
}

func TestUsers(t *testing.T) {
	doc, err := normalizeOne(t, `{"class_uid":3001,"activity_id":6,"time":1795773600000,`+
		`"actor":{"user":{"name":"arn:aws:sts::123456789012:assumed-role/Admin/alice","uid":"AROAEXAMPLE:alice"}},"user":{"name":"bob","uid":"AIDABOB"}}`)
	if err != nil {
		t.Fatal(err)
	}
	u := doc["user"].(map[string]any)
	if u["name"] != "alice" || u["id"] != "AROAEXAMPLE:alice" || u["target"].(map[string]any)["name"] != "bob" {
		t.Errorf("user %v", u)
	}
	if got := doc["event"].(map[string]any)["type"]; len(got.([]any)) != 2 || got.([]any)[1] != "deletion" {
		t.Errorf("event.type %v, want [user deletion]", got)
	}
}

// TestUserNames checks which names are shortened: AWS principals (an ARN,
// a principal id with its session) as the reference does, nothing else.
func TestUserNames(t *testing.T) {
	for _, c := range []struct{ name, want string }{
		{"arn:aws:sts::123456789012:assumed-role/Admin/alice", "alice"},
		{"arn:aws:iam::123456789012:user/ops/bob", "bob"},
		{"AROAEXAMPLEID1234567:alice@example.com", "alice@example.com"},
		{"alice", "alice"},
		{"system:serviceaccount:kube-system:aws-node", "system:serviceaccount:kube-system:aws-node"},
		{"system:node:ip-10-0-1-23.ec2.internal", "system:node:ip-10-0-1-23.ec2.internal"},
		{"kubernetes-admin", "kubernetes-admin"},
		{"eks:cloud-controller-manager", "eks:cloud-controller-manager"},
	} {
		doc, err := normalizeOne(t, `{"class_uid":6003,"time":1795773600000,"actor":{"user":{"name":"`+c.name+`"}}}`)
		if err != nil {
			t.Fatal(err)
		}
		if got := lookup(doc, "user.name"); got != c.want {
			t.Errorf("%s: user.name %v, want %s", c.name, got, c.want)
		}
		if got := lookup(doc, "related.user"); len(got.([]any)) != 1 || got.([]any)[0] != c.want {
			t.Errorf("%s: related.user %v, want [%s]", c.name, got, c.want)
		}
	}
}

// TestEKSAudit maps an EKS audit event as Security Lake 2.0 writes it
// (OCSF 1.1 API Activity from Amazon EKS).
func TestEKSAudit(t *testing.T) {
	doc, err := normalizeOne(t, `{"class_uid":6003,"class_name":"API Activity","category_uid":6,"category_name":"Application Activity",`+
		`"activity_id":2,"activity_name":"Read","type_uid":600302,"severity_id":1,"status_id":1,"status":"Success","time":1795773600123,`+
		`"metadata":{"uid":"5d9a7a1c-0f6e-4c7b-9a34-2b1f0c8e6d41","version":"1.1.0","product":{"name":"Amazon EKS","vendor_name":"AWS","version":"audit.k8s.io/v1"}},`+
		`"cloud":{"provider":"AWS","region":"us-east-1","account":{"uid":"123456789012"}},`+
		`"api":{"operation":"get","request":{"uid":"5d9a7a1c-0f6e-4c7b-9a34-2b1f0c8e6d41"},"response":{"code":200}},`+
		`"actor":{"user":{"name":"system:serviceaccount:kube-system:aws-node","uid":"a3c1e7f2-6b1d-4e52-9d0f-2f6b8c1a9e33","groups":[{"name":"system:serviceaccounts"}]}},`+
		`"http_request":{"user_agent":"aws-node/v1.18.3 (linux/amd64) kubernetes/$Format","url":{"path":"/api/v1/namespaces/kube-system/configmaps/amazon-vpc-cni"}},`+
		`"src_endpoint":{"ip":"10.0.1.23"},"resources":[{"uid":"amazon-vpc-cni","type":"configmaps","namespace":"kube-system"}],`+
		`"unmapped":{"stage":"ResponseComplete","annotations":{"authorization.k8s.io/decision":"allow"}}}`)
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]any{
		"@timestamp":                           "2026-11-27T10:00:00.123Z",
		"event.kind":                           "event",
		"event.action":                         "get",
		"event.outcome":                        "success",
		"event.id":                             "5d9a7a1c-0f6e-4c7b-9a34-2b1f0c8e6d41",
		"observer.product":                     "Amazon EKS",
		"cloud.provider":                       "aws",
		"cloud.account.id":                     "123456789012",
		"user.name":                            "system:serviceaccount:kube-system:aws-node",
		"user.id":                              "a3c1e7f2-6b1d-4e52-9d0f-2f6b8c1a9e33",
		"source.ip":                            "10.0.1.23",
		"user_agent.original":                  "aws-node/v1.18.3 (linux/amd64) kubernetes/$Format",
		"url.path":                             "/api/v1/namespaces/kube-system/configmaps/amazon-vpc-cni",
		"aws.securitylake.category":            "application",
		"aws.securitylake.unmapped":            `{"stage":"ResponseComplete","annotations":{"authorization.k8s.io/decision":"allow"}}`,
		"aws.securitylake.event.api.operation": "get",
	} {
		if got := lookup(doc, path); got != want {
			t.Errorf("%s: %v, want %v", path, got, want)
		}
	}
	if got := lookup(doc, "event.category"); len(got.([]any)) != 1 || got.([]any)[0] != "api" {
		t.Errorf("event.category %v, want [api]", got)
	}
	if got := lookup(doc, "event.type"); len(got.([]any)) != 1 || got.([]any)[0] != "access" {
		t.Errorf("event.type %v, want [access]", got)
	}
}

// FuzzNormalize feeds single records to the normalizer: it must return an
// error or a valid document, never panic.
func FuzzNormalize(f *testing.F) {
	f.Add(`{"class_uid":4003,"time":1795773600000,"query":{"hostname":"a."},"answers":[{"rdata":"192.0.2.1"}],"rcode":"NoError"}`)
	f.Add(`{"class_uid":2004,"category_uid":2,"finding_info":{"uid":"x","modified_time":"2026-11-27T10:00:00Z"},"vulnerabilities":[{"cve":{"uid":"CVE-1","cvss":[{"base_score":9.8}]}}]}`)
	f.Add(`{"class_uid":6003,"time":1,"actor":{"user":{"name":"a:b/c"}},"unmapped":{"":{}},"src_endpoint":{"ip":"::1%eth0","port":"80"}}`)
	f.Fuzz(func(t *testing.T, record string) {
		or, err := securitylake.New().Open(siem.Object{Key: "ocsf-json/f.json"}, strings.NewReader(record))
		if err != nil {
			return
		}
		for range 4 {
			rec, err := or.Next()
			if err != nil {
				return
			}
			var ev ecs.Event
			if or.Normalize(siem.Record{Record: rec}, &ev) != nil {
				continue
			}
			doc := ev.AppendJSON(nil)
			if err := ecs.Validate(doc, "aws.securitylake"); err != nil {
				t.Fatalf("invalid document %s: %v", doc, err)
			}
			if err := info().CheckVendorFields(doc); err != nil {
				t.Fatalf("vendor fields of %s: %v", doc, err)
			}
		}
	})
}

func info() siem.Info { return securitylake.New().Info() }

// TestCategory checks the reference system's per-category index, log type
// and category: from category_name when present, else from category_uid
// (or class_uid); a category the type does not declare stays in the
// type's own index.
func TestCategory(t *testing.T) {
	for _, c := range []struct{ record, category, logType, route string }{
		{`"class_uid":3002,"category_uid":3,"category_name":"Identity & Access Management"`, "identity", "ocsf-identity-&-access-management", "ocsf-identity"},
		{`"class_uid":3005,"class_name":"API Activity","category_uid":3,"category_name":"Audit Activity"`, "audit", "ocsf-audit-activity", "ocsf-audit"},
		{`"class_uid":4001,"category_uid":4,"category_name":"Network Activity"`, "network", "ocsf-network-activity", "ocsf-network"},
		{`"class_uid":2003,"category_uid":2,"category_name":"Findings"`, "findings", "ocsf-findings", "ocsf-findings"},
		{`"class_uid":6003,"category_uid":6`, "application", "", "ocsf-application"},
		{`"class_uid":1007`, "system", "", "ocsf-system"},
		{`"class_uid":7001,"category_name":"Remediation"`, "remediation", "ocsf-remediation", "ocsf-remediation"},
		{`"class_uid":4001,"category_name":"Lateral/Movement"`, "lateral/movement", "ocsf-lateral/movement", ""},
		{`"class_uid":9001`, "", "", ""},
	} {
		doc, route, err := normalizeRouted(t, `{`+c.record+`,"time":1795773600000}`)
		if err != nil {
			t.Fatal(err)
		}
		if got := lookup(doc, "aws.securitylake.category"); (got == nil && c.category != "") || (got != nil && got != c.category) {
			t.Errorf("%s: category %v, want %q", c.record, got, c.category)
		}
		if got := lookup(doc, "aws.securitylake.log_type"); (got == nil && c.logType != "") || (got != nil && got != c.logType) {
			t.Errorf("%s: log_type %v, want %q", c.record, got, c.logType)
		}
		if route != c.route {
			t.Errorf("%s: route %q, want %q", c.record, route, c.route)
		}
	}
}

// TestCommunityID checks network.community_id: OCSF's community_uid when
// it is one, else computed from a TCP, UDP or SCTP flow's endpoints; never
// connection_info.uid, the source's own connection id.
func TestCommunityID(t *testing.T) {
	const flow = `"src_endpoint":{"ip":"1.2.3.4","port":8080},"dst_endpoint":{"ip":"1.2.3.5","port":8864}`
	for _, c := range []struct{ record, want string }{
		// The value of the Community ID specification's algorithm for
		// this tuple (seed 0), computed apart.
		{`"connection_info":{"protocol_num":6,"uid":"conn-1"},` + flow, "1:9jSchq3o2yU88RgEsWVkJ25xtGw="},
		{`"connection_info":{"protocol_num":6,"community_uid":"1:LQU9qZlK+B5F3KDmev6m5PMibrg="},` + flow, "1:LQU9qZlK+B5F3KDmev6m5PMibrg="},
		{`"connection_info":{"protocol_num":6,"community_uid":"not one"},` + flow, "1:9jSchq3o2yU88RgEsWVkJ25xtGw="},
		{`"connection_info":{"protocol_num":6,"uid":"conn-1"},"src_endpoint":{"ip":"1.2.3.4"},"dst_endpoint":{"ip":"1.2.3.5","port":8864}`, ""},
		{`"connection_info":{"protocol_num":1},` + flow, ""},
		{`"connection_info":{"uid":"1:9jSchq3o2yU88RgEsWVkJ25xtGw="},` + flow, ""},
	} {
		doc, err := normalizeOne(t, `{"class_uid":4001,"time":1795773600000,`+c.record+`}`)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := lookup(doc, "network.community_id").(string)
		if got != c.want {
			t.Errorf("%s: network.community_id %q, want %q", c.record, got, c.want)
		}
	}
}

// TestDataEvents maps CloudTrail data events as Security Lake 2.0 writes
// them (sources S3_DATA and LAMBDA_EXECUTION, OCSF 1.1 API Activity): the
// operation, its service, the caller and the outcome, as for management
// events.
func TestDataEvents(t *testing.T) {
	const common = `"class_uid":6003,"category_uid":6,"category_name":"Application Activity","time":1795773600000,` +
		`"metadata":{"product":{"name":"CloudTrail","vendor_name":"AWS","version":"1.09"},"uid":"%s","version":"1.1.0"},` +
		`"cloud":{"provider":"AWS","region":"us-east-1"},` +
		`"actor":{"user":{"type":"AssumedRole","name":"arn:aws:sts::123456789012:assumed-role/app/i-0abc","uid":"AROAEXAMPLEID1234567:i-0abc","account":{"uid":"123456789012"}}},` +
		`"src_endpoint":{"ip":"203.0.113.9"},`
	for _, c := range []struct {
		record                    string
		id, action, provider, typ string
		outcome                   string
	}{
		{strings.Replace(common, "%s", "8e1a-s3", 1) + `"activity_id":2,"api":{"operation":"GetObject","service":{"name":"s3.amazonaws.com"}},"status_id":1,` +
			`"resources":[{"type":"AWS::S3::Object","uid":"arn:aws:s3:::reports/2026/q4.csv"}]`,
			"8e1a-s3", "GetObject", "s3.amazonaws.com", "access", "success"},
		{strings.Replace(common, "%s", "8e1a-lambda", 1) + `"activity_id":99,"api":{"operation":"Invoke","service":{"name":"lambda.amazonaws.com"},"response":{"error":"AccessDenied","message":"not authorized"}},"status_id":2,` +
			`"resources":[{"type":"AWS::Lambda::Function","uid":"arn:aws:lambda:us-east-1:123456789012:function:payments"}]`,
			"8e1a-lambda", "Invoke", "lambda.amazonaws.com", "info", "failure"},
	} {
		doc, err := normalizeOne(t, `{`+c.record+`}`)
		if err != nil {
			t.Fatal(err)
		}
		for path, want := range map[string]any{
			"event.id": c.id, "event.action": c.action, "event.provider": c.provider, "event.outcome": c.outcome,
			"user.name": "i-0abc", "user.id": "AROAEXAMPLEID1234567:i-0abc", "source.ip": "203.0.113.9",
			"cloud.account.id": "123456789012", "observer.product": "CloudTrail",
		} {
			if got := lookup(doc, path); got != want {
				t.Errorf("%s: %s %v, want %v", c.action, path, got, want)
			}
		}
		if got := lookup(doc, "event.type"); len(got.([]any)) != 1 || got.([]any)[0] != c.typ {
			t.Errorf("%s: event.type %v, want [%s]", c.action, got, c.typ)
		}
		if c.outcome == "failure" && (lookup(doc, "error.code") != "AccessDenied" || lookup(doc, "error.message") != "not authorized") {
			t.Errorf("%s: error %v", c.action, doc["error"])
		}
	}
}

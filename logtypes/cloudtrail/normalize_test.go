package cloudtrail

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
)

// normalizeDoc runs Normalize over one record and returns the document as
// generic JSON, the event (for its id) and the error.
func normalizeDoc(t *testing.T, record string) (map[string]any, *ecs.Event, error) {
	t.Helper()
	ev := &ecs.Event{}
	err := Normalize(siem.Record{Record: parser.Record{Data: []byte(record), Number: 1}}, ev)
	if err != nil {
		return nil, ev, err
	}
	body := ev.AppendJSON(nil)
	if err := ecs.Validate(body, "aws.cloudtrail"); err != nil {
		t.Errorf("document is not valid ECS: %v\n%s", err, body)
	}
	var doc map[string]any
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatalf("document is not JSON: %v\n%s", err, body)
	}
	return doc, ev, nil
}

// field finds a dotted path in a nested document.
func field(doc map[string]any, path string) (any, bool) {
	var cur any = doc
	for _, part := range strings.Split(path, ".") {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		if cur, ok = m[part]; !ok {
			return nil, false
		}
	}
	return cur, true
}

func jsonText(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

const (
	iamUser = `"userIdentity":{"type":"IAMUser","principalId":"AIDAEXAMPLE1","arn":"arn:aws:iam::123456789012:user/ops/alice","accountId":"123456789012","accessKeyId":"AKIAEXAMPLE1","userName":"alice"}`
	ssoRole = `"userIdentity":{"type":"AssumedRole","principalId":"AROAEXAMPLE2:jane.doe@example.com","arn":"arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_ReadOnly_abc/jane.doe@example.com","accountId":"123456789012","accessKeyId":"ASIAEXAMPLE2","sessionContext":{"sessionIssuer":{"type":"Role","principalId":"AROAEXAMPLE2","arn":"arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_ReadOnly_abc","accountId":"123456789012","userName":"AWSReservedSSO_ReadOnly_abc"},"attributes":{"creationDate":"2026-11-27T09:00:00Z","mfaAuthenticated":"false"}}}`
	common  = `"eventTime":"2026-11-27T10:05:00Z","awsRegion":"eu-west-1","eventID":"11111111-2222-3333-4444-555555555555","recipientAccountId":"123456789012","eventType":"AwsApiCall","eventCategory":"Management","managementEvent":true`
)

func rec(members ...string) string { return "{" + strings.Join(members, ",") + "}" }

// withCategory is common with another eventCategory (a record repeating
// the key would be read with the first).
func withCategory(category string) string {
	return strings.Replace(common, `"eventCategory":"Management"`, `"eventCategory":"`+category+`"`, 1)
}

func TestNormalize(t *testing.T) {
	tests := []struct {
		name   string
		record string
		want   map[string]any // field -> expected JSON value
		absent []string
	}{
		{
			name:   "IAM user call from an IPv4 address",
			record: rec(iamUser, common, `"eventSource":"ec2.amazonaws.com","eventName":"DescribeInstances","sourceIPAddress":"198.51.100.7","userAgent":"aws-cli/2.15","readOnly":true`),
			want: map[string]any{
				"@timestamp":                        "2026-11-27T10:05:00Z",
				"event.kind":                        "event",
				"event.id":                          "11111111-2222-3333-4444-555555555555",
				"event.action":                      "DescribeInstances",
				"event.provider":                    "ec2.amazonaws.com",
				"event.outcome":                     "success",
				"event.category":                    []any{"api"},
				"event.type":                        []any{"access"},
				"cloud.provider":                    "aws",
				"cloud.region":                      "eu-west-1",
				"cloud.account.id":                  "123456789012",
				"cloud.service.name":                "ec2",
				"source.address":                    "198.51.100.7",
				"source.ip":                         "198.51.100.7",
				"related.ip":                        []any{"198.51.100.7"},
				"user.name":                         "alice",
				"user.id":                           "AIDAEXAMPLE1",
				"related.user":                      []any{"alice"},
				"user_agent.original":               "aws-cli/2.15",
				"aws.cloudtrail.read_only":          true,
				"aws.cloudtrail.management_event":   true,
				"aws.cloudtrail.user_identity.type": "IAMUser",
				"aws.cloudtrail.user_identity.access_key_id": "AKIAEXAMPLE1",
				"aws.cloudtrail.user_identity.arn":           "arn:aws:iam::123456789012:user/ops/alice",
				"aws.cloudtrail.user_identity.account_id":    "123456789012",
				"aws.cloudtrail.recipient_account_id":        "123456789012",
				"aws.cloudtrail.event_type":                  "AwsApiCall",
				"aws.cloudtrail.event_category":              "Management",
			},
			absent: []string{"error", "user.email", "aws.cloudtrail.request_parameters", "aws.cloudtrail.flattened"},
		},
		{
			name:   "service principal stays out of source.ip",
			record: rec(`"userIdentity":{"type":"AWSService","invokedBy":"s3.amazonaws.com"}`, common, `"eventSource":"kms.amazonaws.com","eventName":"GenerateDataKey","sourceIPAddress":"s3.amazonaws.com","userAgent":"s3.amazonaws.com","readOnly":true`),
			want: map[string]any{
				"source.address": "s3.amazonaws.com",
				"aws.cloudtrail.user_identity.invoked_by": "s3.amazonaws.com",
				"aws.cloudtrail.user_identity.type":       "AWSService",
			},
			absent: []string{"source.ip", "related.ip", "user.name", "user.id", "related.user"},
		},
		{
			name:   "IPv6 source",
			record: rec(iamUser, common, `"eventSource":"s3.amazonaws.com","eventName":"ListBuckets","sourceIPAddress":"2001:DB8::1","readOnly":true`),
			want:   map[string]any{"source.address": "2001:DB8::1", "source.ip": "2001:db8::1", "related.ip": []any{"2001:db8::1"}},
		},
		{
			name:   "AWS Internal source",
			record: rec(iamUser, common, `"eventSource":"iam.amazonaws.com","eventName":"GetRole","sourceIPAddress":"AWS Internal","readOnly":true`),
			want:   map[string]any{"source.address": "AWS Internal", "event.category": []any{"iam"}, "event.type": []any{"admin", "info"}},
			absent: []string{"source.ip"},
		},
		{
			name:   "assumed role: role as user.name, session as e-mail and related user",
			record: rec(ssoRole, common, `"eventSource":"s3.amazonaws.com","eventName":"ListBuckets","sourceIPAddress":"203.0.113.9","readOnly":true`),
			want: map[string]any{
				"user.name":    "AWSReservedSSO_ReadOnly_abc",
				"user.id":      "AROAEXAMPLE2:jane.doe@example.com",
				"user.email":   "jane.doe@example.com",
				"related.user": []any{"AWSReservedSSO_ReadOnly_abc", "jane.doe@example.com"},
				"aws.cloudtrail.user_identity.session_context.creation_date":            "2026-11-27T09:00:00Z",
				"aws.cloudtrail.user_identity.session_context.mfa_authenticated":        "false",
				"aws.cloudtrail.user_identity.session_context.session_issuer.user_name": "AWSReservedSSO_ReadOnly_abc",
				"aws.cloudtrail.user_identity.session_context.session_issuer.type":      "Role",
			},
		},
		{
			name:   "assumed role without session issuer takes the role from the ARN",
			record: rec(`"userIdentity":{"type":"AssumedRole","principalId":"AROAX:i-0123456789abcdef0","arn":"arn:aws:sts::123456789012:assumed-role/web/i-0123456789abcdef0"}`, withCategory("Data"), `"eventSource":"s3.amazonaws.com","eventName":"GetObject","readOnly":true`),
			want:   map[string]any{"user.name": "web", "related.user": []any{"web", "i-0123456789abcdef0"}, "event.category": []any{"api", "file"}, "event.type": []any{"access"}},
			absent: []string{"user.email"},
		},
		{
			name:   "root user named from the ARN",
			record: rec(`"userIdentity":{"type":"Root","principalId":"123456789012","arn":"arn:aws:iam::123456789012:root","accountId":"123456789012"}`, common, `"eventSource":"iam.amazonaws.com","eventName":"CreateAccessKey"`),
			want:   map[string]any{"user.name": "root", "user.id": "123456789012", "event.category": []any{"iam"}, "event.type": []any{"user", "change"}},
		},
		{
			name:   "principalId is the last resort for user.name",
			record: rec(`"userIdentity":{"type":"AWSAccount","principalId":"AIDAOTHERACCOUNT","accountId":"111122223333"}`, `"eventTime":"2026-11-27T10:05:00Z","eventSource":"s3.amazonaws.com","eventName":"GetObject"`),
			want:   map[string]any{"user.name": "AIDAOTHERACCOUNT", "cloud.account.id": "111122223333"},
		},
		{
			name:   "AccessDenied fails and is denied",
			record: rec(iamUser, common, `"eventSource":"s3.amazonaws.com","eventName":"PutBucketPolicy","errorCode":"AccessDenied","errorMessage":"Access Denied","readOnly":false`),
			want: map[string]any{
				"event.outcome":                "failure",
				"event.category":               []any{"api"},
				"event.type":                   []any{"change", "denied"},
				"error.code":                   "AccessDenied",
				"error.message":                "Access Denied",
				"aws.cloudtrail.error_code":    "AccessDenied",
				"aws.cloudtrail.error_message": "Access Denied",
			},
		},
		{
			name:   "successful management write is a configuration change",
			record: rec(iamUser, common, `"eventSource":"ec2.amazonaws.com","eventName":"AuthorizeSecurityGroupIngress","readOnly":false,"requestParameters":{"groupName":"web"}`),
			want:   map[string]any{"event.category": []any{"api", "configuration"}, "event.type": []any{"change"}},
			absent: []string{"group.name"},
		},
		{
			name:   "service event is not a configuration change",
			record: rec(`"userIdentity":{"accountId":"123456789012","invokedBy":"backup.amazonaws.com"}`, `"eventTime":"2026-11-27T10:05:00Z","eventCategory":"Management","eventType":"AwsServiceEvent","eventSource":"backup.amazonaws.com","eventName":"BackupJobCompleted","readOnly":false,"serviceEventDetails":{"state":"COMPLETED"}`),
			want: map[string]any{
				"event.category":                                 []any{"api"},
				"event.type":                                     []any{"info"},
				"aws.cloudtrail.service_event_details":           `{"state":"COMPLETED"}`,
				"aws.cloudtrail.flattened.service_event_details": map[string]any{"state": "COMPLETED"},
			},
		},
		{
			name:   "console login success reported by responseElements",
			record: rec(iamUser, common, `"eventSource":"signin.amazonaws.com","eventName":"ConsoleLogin","responseElements":{"ConsoleLogin":"Success"},"additionalEventData":{"LoginTo":"https://console.aws.amazon.com/","MobileVersion":"No","MFAUsed":"Yes"}`),
			want: map[string]any{
				"event.outcome":  "success",
				"event.category": []any{"authentication"},
				"event.type":     []any{"info"},
				"aws.cloudtrail.console_login.additional_eventdata.login_to":       "https://console.aws.amazon.com/",
				"aws.cloudtrail.console_login.additional_eventdata.mfa_used":       true,
				"aws.cloudtrail.console_login.additional_eventdata.mobile_version": false,
				"aws.cloudtrail.response_elements":                                 `{"ConsoleLogin":"Success"}`,
				"aws.cloudtrail.flattened.response_elements":                       map[string]any{"ConsoleLogin": "Success"},
			},
		},
		{
			name:   "console login failure",
			record: rec(iamUser, common, `"eventSource":"signin.amazonaws.com","eventName":"ConsoleLogin","errorMessage":"Failed authentication","responseElements":{"ConsoleLogin":"Failure"}`),
			want:   map[string]any{"event.outcome": "failure", "error.message": "Failed authentication"},
		},
		{
			name:   "IAM call on another user",
			record: rec(iamUser, common, `"eventSource":"iam.amazonaws.com","eventName":"UpdateUser","requestParameters":{"userName":"bob","newUserName":"robert"}`),
			want: map[string]any{
				"user.target.name":  "bob",
				"user.changes.name": "robert",
				"related.user":      []any{"alice", "bob", "robert"},
				"event.category":    []any{"iam"},
				"event.type":        []any{"user", "change"},
			},
		},
		{
			name:   "IAM group creation",
			record: rec(iamUser, common, `"eventSource":"iam.amazonaws.com","eventName":"CreateGroup","requestParameters":{"groupName":"admins"},"responseElements":{"group":{"groupName":"admins","groupId":"AGPAEXAMPLE"}}`),
			want:   map[string]any{"group.name": "admins", "group.id": "AGPAEXAMPLE", "event.type": []any{"group", "creation"}},
		},
		{
			name:   "TLS details",
			record: rec(iamUser, common, `"eventSource":"s3.amazonaws.com","eventName":"ListBuckets","tlsDetails":{"tlsVersion":"TLSv1.3","cipherSuite":"TLS_AES_128_GCM_SHA256","clientProvidedHostHeader":"s3.eu-west-1.amazonaws.com"}`),
			want: map[string]any{
				"tls.version":            "1.3",
				"tls.version_protocol":   "tls",
				"tls.cipher":             "TLS_AES_128_GCM_SHA256",
				"tls.client.server_name": "s3.eu-west-1.amazonaws.com",
			},
		},
		{
			name:   "free-form members: object, scalar, null, empty",
			record: rec(iamUser, common, `"eventSource":"s3.amazonaws.com","eventName":"PutObject","requestParameters":{ "bucketName" : "b", "n": 1.5e3, "tags":[{"k":"v"}], "q":"say \"hi\"\u0001" },"responseElements":"text","additionalEventData":null,"serviceEventDetails":{}`),
			want: map[string]any{
				"aws.cloudtrail.request_parameters":           `{"bucketName":"b","n":1.5e3,"tags":[{"k":"v"}],"q":"say \"hi\"\u0001"}`,
				"aws.cloudtrail.flattened.request_parameters": map[string]any{"bucketName": "b", "n": 1500.0, "tags": []any{map[string]any{"k": "v"}}, "q": "say \"hi\"\x01"},
				"aws.cloudtrail.response_elements":            `"text"`,
			},
			absent: []string{"aws.cloudtrail.flattened.response_elements", "aws.cloudtrail.additional_eventdata", "aws.cloudtrail.service_event_details"},
		},
		{
			name:   "objects OpenSearch would reject stay strings",
			record: rec(iamUser, common, `"eventSource":"s3.amazonaws.com","eventName":"PutObject","requestParameters":{"a":{"":1}},"responseElements":{"x":{"k":1,"k":2}},"additionalEventData":{"a..b":true},"serviceEventDetails":{"ok":{"k":1},"k":{"ok":2}}`),
			want: map[string]any{
				"aws.cloudtrail.request_parameters":              `{"a":{"":1}}`,
				"aws.cloudtrail.response_elements":               `{"x":{"k":1,"k":2}}`,
				"aws.cloudtrail.additional_eventdata":            `{"a..b":true}`,
				"aws.cloudtrail.flattened.service_event_details": map[string]any{"ok": map[string]any{"k": 1.0}, "k": map[string]any{"ok": 2.0}},
			},
			absent: []string{"aws.cloudtrail.flattened.request_parameters", "aws.cloudtrail.flattened.response_elements", "aws.cloudtrail.flattened.additional_eventdata"},
		},
		{
			name:   "resources renamed and de-duplicated",
			record: rec(iamUser, common, `"eventSource":"s3.amazonaws.com","eventName":"GetObject","resources":[{"ARN":"arn:aws:s3:::b/k","type":"AWS::S3::Object"},{"accountId":"123456789012","type":"AWS::S3::Bucket","ARN":"arn:aws:s3:::b"},{"type":"AWS::S3::Object","ARN":"arn:aws:s3:::b/k"},{"x":1},"junk"]`),
			want: map[string]any{"aws.cloudtrail.resources": []any{
				map[string]any{"arn": "arn:aws:s3:::b/k", "type": "AWS::S3::Object"},
				map[string]any{"arn": "arn:aws:s3:::b", "account_id": "123456789012", "type": "AWS::S3::Bucket"},
			}},
		},
		{
			name:   "instance created by RunInstances",
			record: rec(iamUser, common, `"eventSource":"ec2.amazonaws.com","eventName":"RunInstances","responseElements":{"instancesSet":{"items":[{"instanceId":"i-0abc"}]}}`),
			want:   map[string]any{"cloud.instance.id": "i-0abc", "event.type": []any{"creation"}},
		},
		{
			name:   "instanceId of another service is not an EC2 instance",
			record: rec(iamUser, common, `"eventSource":"connect.amazonaws.com","eventName":"ListUsers","requestParameters":{"instanceId":"4f0c6a1e-0000-4000-8000-000000000000"}`),
			absent: []string{"cloud.instance.id"},
		},
		{
			name:   "cross-account call: the recording account is cloud.account.id",
			record: rec(`"userIdentity":{"type":"AssumedRole","principalId":"AROAX:s","arn":"arn:aws:sts::111122223333:assumed-role/r/s","accountId":"111122223333"}`, common, `"eventSource":"s3.amazonaws.com","eventName":"GetObject"`),
			want:   map[string]any{"cloud.account.id": "123456789012", "aws.cloudtrail.user_identity.account_id": "111122223333"},
		},
		{
			name:   "insight start",
			record: rec(`"eventVersion":"1.08","eventTime":"2026-11-27T10:05:00Z","awsRegion":"us-east-1","eventID":"i-1","eventType":"AwsCloudTrailInsight","eventCategory":"Insight","eventSource":"ec2.amazonaws.com","eventName":"RunInstances","insightDetails":{"state":"Start","insightType":"ApiCallRateInsight"}`),
			want: map[string]any{
				"event.kind":                     "event",
				"event.category":                 []any{"api"},
				"event.type":                     []any{"start"},
				"aws.cloudtrail.insight_details": `{"state":"Start","insightType":"ApiCallRateInsight"}`,
				"aws.cloudtrail.flattened.insight_details": map[string]any{"state": "Start", "insightType": "ApiCallRateInsight"},
			},
			absent: []string{"event.outcome"},
		},
		{
			name:   "network activity denied by the endpoint policy",
			record: rec(iamUser, withCategory("NetworkActivity"), `"eventSource":"kms.amazonaws.com","eventName":"Decrypt","errorCode":"VpceAccessDenied","vpcEndpointId":"vpce-1"`),
			want:   map[string]any{"event.category": []any{"api", "network"}, "event.type": []any{"denied"}, "event.outcome": "failure", "aws.cloudtrail.vpc_endpoint_id": "vpce-1"},
		},
		{
			name:   "fractional seconds and old basic creation date",
			record: rec(`"userIdentity":{"type":"AssumedRole","arn":"arn:aws:sts::1:assumed-role/r/s","sessionContext":{"attributes":{"creationDate":"20131102T010628Z","mfaAuthenticated":true}}}`, `"eventTime":"2026-11-27T10:05:00.123Z","eventSource":"s3.amazonaws.com","eventName":"GetObject"`),
			want: map[string]any{
				"@timestamp": "2026-11-27T10:05:00.123Z",
				"aws.cloudtrail.user_identity.session_context.creation_date":     "2013-11-02T01:06:28Z",
				"aws.cloudtrail.user_identity.session_context.mfa_authenticated": "true",
			},
		},
		{
			name:   "members of unexpected types are ignored",
			record: `{"eventTime":"2026-11-27T10:05:00Z","eventName":7,"eventSource":null,"userIdentity":"nobody","sourceIPAddress":["1.2.3.4"],"readOnly":"yes","resources":{"ARN":"x"},"tlsDetails":{"tlsVersion":"v"}}`,
			want:   map[string]any{"event.kind": "event", "event.outcome": "success"},
			absent: []string{"event.action", "event.provider", "user", "source", "aws.cloudtrail.read_only", "aws.cloudtrail.resources", "tls"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, _, err := normalizeDoc(t, tt.record)
			if err != nil {
				t.Fatalf("Normalize: %v", err)
			}
			for path, want := range tt.want {
				got, ok := field(doc, path)
				if !ok {
					t.Errorf("%s is absent, want %s", path, jsonText(want))
					continue
				}
				if jsonText(got) != jsonText(want) {
					t.Errorf("%s = %s, want %s", path, jsonText(got), jsonText(want))
				}
			}
			for _, path := range tt.absent {
				if got, ok := field(doc, path); ok {
					t.Errorf("%s = %s, want it absent", path, jsonText(got))
				}
			}
		})
	}
}

func TestNormalizeSetsEventIDAsDocumentID(t *testing.T) {
	_, ev, err := normalizeDoc(t, rec(iamUser, common, `"eventSource":"s3.amazonaws.com","eventName":"ListBuckets"`))
	if err != nil {
		t.Fatal(err)
	}
	if got := ev.ID(); got != "11111111-2222-3333-4444-555555555555" {
		t.Errorf("document id = %q, want the eventID", got)
	}
	_, ev, err = normalizeDoc(t, `{"eventTime":"2026-11-27T10:05:00Z","eventName":"ListBuckets"}`)
	if err != nil {
		t.Fatal(err)
	}
	if got := ev.ID(); got != "" {
		t.Errorf("document id = %q without an eventID, want none (the pipeline hashes the record)", got)
	}
}

func TestNormalizeRejects(t *testing.T) {
	tests := []struct {
		name    string
		record  string
		wantErr []string // substrings of the error
	}{
		{"missing eventTime", `{"eventName":"ListBuckets","eventID":"x"}`, []string{"eventTime is missing"}},
		{"eventTime not RFC 3339", `{"eventTime":"2026-11-27 10:05:00","eventID":"x"}`, []string{`eventTime "2026-11-27 10:05:00"`, "RFC 3339"}},
		{"eventTime out of range", `{"eventTime":"2026-02-30T10:05:00Z"}`, []string{`eventTime "2026-02-30T10:05:00Z"`}},
		{"eventTime hour out of range", `{"eventTime":"2026-02-10T24:05:00Z"}`, []string{`eventTime "2026-02-10T24:05:00Z"`}},
		{"eventTime the zero time", `{"eventTime":"0001-01-01T00:00:00Z"}`, []string{`eventTime "0001-01-01T00:00:00Z" is the zero time`}},
		{"eventTime before the year 1", `{"eventTime":"0001-01-01T00:30:00+01:00"}`, []string{`eventTime "0001-01-01T00:30:00+01:00" is outside the years 0001 to 9999`}},
		{"eventTime year 0", `{"eventTime":"0000-06-01T00:00:00Z"}`, []string{`eventTime "0000-06-01T00:00:00Z" is outside the years 0001 to 9999`}},
		{"eventTime after 9999", `{"eventTime":"9999-12-31T23:30:00-01:00"}`, []string{`outside the years 0001 to 9999`}},
		{"eventTime leap second after 9999", `{"eventTime":"9999-12-31T23:59:60Z"}`, []string{`outside the years 0001 to 9999`}},
		{"deeply nested", `{"eventTime":"2026-11-27T10:05:00Z","requestParameters":` + strings.Repeat("[", 400) + strings.Repeat("]", 400) + `}`, []string{"invalid JSON at byte 355 of the record: values nest more than 300 levels deep"}},
		{"eventTime a number", `{"eventTime":1795773900}`, []string{"eventTime is a JSON number", "1795773900"}},
		{"eventTime null", `{"eventTime":null}`, []string{"eventTime is a JSON null"}},
		{"truncated JSON", `{"eventTime":"2026-11-27T10:05:00Z","eventName":"Li`, []string{"invalid JSON at byte", "unexpected end of JSON input"}},
		{"bad token", `{"eventTime":"2026-11-27T10:05:00Z",}`, []string{"invalid JSON at byte 36", "invalid character '}'"}},
		{"not an object", `["eventTime"]`, []string{"record is a JSON array, not a CloudTrail event object"}},
		{"empty", ``, []string{"invalid JSON"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := normalizeDoc(t, tt.record)
			if err == nil {
				t.Fatal("Normalize succeeded, want an error")
			}
			var ex *siem.ExcludedError
			if errors.As(err, &ex) {
				t.Fatalf("Normalize excluded the record (%v), want a dead-letter error", err)
			}
			for _, want := range tt.wantErr {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not contain %q", err, want)
				}
			}
		})
	}
}

func TestNormalizeExcludesDigestContent(t *testing.T) {
	for _, record := range []string{
		`{"awsAccountId":"123456789012","digestStartTime":"2026-11-27T09:00:00Z","digestEndTime":"2026-11-27T10:00:00Z","logFiles":[]}`,
		`{"digestPublicKeyFingerprint":"0123","digestSignatureAlgorithm":"SHA256withRSA"}`,
	} {
		_, _, err := normalizeDoc(t, record)
		var ex *siem.ExcludedError
		if !errors.As(err, &ex) || ex.Rule != RuleDigest {
			t.Errorf("Normalize(%s) = %v, want exclusion by rule %s", record, err, RuleDigest)
		}
	}
	// An event that merely mentions a digest member is still an event.
	_, _, err := normalizeDoc(t, `{"eventTime":"2026-11-27T10:05:00Z","eventID":"e","digestStartTime":"x"}`)
	if err != nil {
		t.Errorf("event with an eventID was rejected: %v", err)
	}
}

// TestCategorizationFollowsECS checks that every event.type emitted is one
// ECS expects for at least one of the event's categories, over the
// categorization paths.
func TestCategorizationFollowsECS(t *testing.T) {
	facts := []callFacts{
		{action: []byte("ConsoleLogin"), provider: []byte("signin.amazonaws.com")},
		{action: []byte("CheckMfa"), provider: []byte("signin.amazonaws.com")},
		{action: []byte("AssumeRoleWithSAML"), provider: []byte("sts.amazonaws.com")},
		{action: []byte("GetCallerIdentity"), provider: []byte("sts.amazonaws.com"), readOnly: 1},
		{action: []byte("CreateRole"), provider: []byte("iam.amazonaws.com"), readOnly: 0},
		{action: []byte("ListRoles"), provider: []byte("iam.amazonaws.com"), readOnly: 1},
		{action: []byte("DeleteLoginProfile"), provider: []byte("iam.amazonaws.com"), readOnly: 0, denied: true, failed: true},
		{action: []byte("GetObject"), provider: []byte("s3.amazonaws.com"), eventCategory: []byte("Data"), readOnly: 1},
		{action: []byte("PutObject"), provider: []byte("s3.amazonaws.com"), eventCategory: []byte("Data"), readOnly: 0},
		{action: []byte("DeleteObject"), provider: []byte("s3.amazonaws.com"), eventCategory: []byte("Data"), readOnly: 0, denied: true, failed: true},
		{action: []byte("StartInstances"), provider: []byte("ec2.amazonaws.com"), eventCategory: []byte("Management"), readOnly: 0},
		{action: []byte("StopLogging"), provider: []byte("cloudtrail.amazonaws.com"), eventCategory: []byte("Management"), readOnly: 0},
		{action: []byte("TerminateInstances"), provider: []byte("ec2.amazonaws.com"), eventCategory: []byte("Management"), readOnly: 0},
		{action: []byte("BatchGetItem"), provider: []byte("dynamodb.amazonaws.com"), eventCategory: []byte("Data"), readOnly: -1},
		{action: []byte("ModifyDBInstance"), provider: []byte("rds.amazonaws.com"), eventCategory: []byte("Management"), readOnly: 0},
		{action: []byte("ModifyDBInstance"), provider: []byte("rds.amazonaws.com"), eventCategory: []byte("Management"), readOnly: 0, failed: true},
		{action: []byte("SomethingNew"), provider: []byte("new.amazonaws.com"), readOnly: -1},
		{action: []byte("BackupJobCompleted"), provider: []byte("backup.amazonaws.com"), eventType: []byte("AwsServiceEvent"), eventCategory: []byte("Management"), readOnly: 0},
		{action: []byte("Decrypt"), provider: []byte("kms.amazonaws.com"), eventCategory: []byte("NetworkActivity")},
		{action: []byte("RunInstances"), eventCategory: []byte("Insight"), insightState: []byte("End")},
		{action: []byte("CreateKeyPair"), provider: []byte("ec2.amazonaws.com")},
		{action: []byte(""), provider: []byte("")},
	}
	for action := range elasticActions {
		facts = append(facts, callFacts{action: []byte(action)})
	}
	for _, f := range facts {
		c := categorize(&f)
		var categories, types []string
		for _, s := range c.category {
			if s != "" {
				categories = append(categories, s)
			}
		}
		for _, s := range c.typ {
			if s != "" {
				types = append(types, s)
			}
		}
		if len(categories) == 0 || len(types) == 0 {
			t.Errorf("%s/%s: categories %v types %v, want both set", f.provider, f.action, categories, types)
			continue
		}
		for _, typ := range types {
			ok := false
			for _, category := range categories {
				if slices.Contains(ecs.ExpectedEventTypes(category), typ) {
					ok = true
				}
			}
			if !ok {
				t.Errorf("%s/%s: event.type %s is not expected with categories %v", f.provider, f.action, typ, categories)
			}
		}
	}
}

func TestJSONWriterOutputIsValid(t *testing.T) {
	// The record grammar accepts these number-like tokens; they must not
	// reach a document as bare numbers.
	for _, in := range []string{`{"a":NaN}`, `{"a":-Inf}`, `{"a":1.}`, `{"a":01}`, `{"a":1e}`, `{"a":"\ud800"}`, `{"a\"b":"\u2028"}`, `[1,{"x":[true,false,null]}]`, `[nan,+inf,e,--,.]`, "{\"a\":\"\x01\t\"}"} {
		v, err := validate([]byte(in))
		if err != nil {
			t.Errorf("validate(%s): %v", in, err.reason)
			continue
		}
		out := newJSONWriter().encodeTo(nil, v)
		if !json.Valid(out) {
			t.Errorf("encode(%s) = %s, not valid JSON", in, out)
		}
	}
}

package cloudtrail

import (
	"testing"
)

// TestDuplicateKeysKeepTheFirst checks that a key repeated in a record
// never silently replaces what was read: the first occurrence is used,
// and the repeat is tagged and named in aws.cloudtrail.duplicate_keys.
func TestDuplicateKeysKeepTheFirst(t *testing.T) {
	tests := []struct {
		name   string
		record string
		want   map[string]any
		dups   []any
	}{
		{
			name:   "a second eventTime does not back-date the event",
			record: rec(iamUser, common, `"eventSource":"s3.amazonaws.com","eventName":"GetObject","eventTime":"2001-01-01T00:00:00Z"`),
			want:   map[string]any{"@timestamp": "2026-11-27T10:05:00Z"},
			dups:   []any{"eventTime"},
		},
		{
			name:   "eventName",
			record: rec(iamUser, common, `"eventSource":"iam.amazonaws.com","eventName":"DeleteUser","eventName":"ListUsers"`),
			want:   map[string]any{"event.action": "DeleteUser", "event.type": []any{"user", "deletion"}},
			dups:   []any{"eventName"},
		},
		{
			name:   "sourceIPAddress",
			record: rec(iamUser, common, `"eventSource":"s3.amazonaws.com","eventName":"GetObject","sourceIPAddress":"198.51.100.7","sourceIPAddress":"10.0.0.1"`),
			want:   map[string]any{"source.ip": "198.51.100.7", "source.address": "198.51.100.7", "related.ip": []any{"198.51.100.7"}},
			dups:   []any{"sourceIPAddress"},
		},
		{
			name:   "userIdentity",
			record: rec(iamUser, common, `"eventSource":"s3.amazonaws.com","eventName":"GetObject","userIdentity":{"type":"Root","userName":"mallory","arn":"arn:aws:iam::123456789012:root"}`),
			want: map[string]any{
				"user.name":                         "alice",
				"aws.cloudtrail.user_identity.type": "IAMUser",
				"aws.cloudtrail.user_identity.arn":  "arn:aws:iam::123456789012:user/ops/alice",
			},
			dups: []any{"userIdentity"},
		},
		{
			name:   "members of userIdentity and its session",
			record: rec(`"userIdentity":{"type":"AssumedRole","arn":"arn:aws:sts::1:assumed-role/r/s","arn":"arn:aws:sts::1:assumed-role/admin/x","sessionContext":{"sessionIssuer":{"userName":"r","userName":"admin"}}}`, common, `"eventSource":"s3.amazonaws.com","eventName":"GetObject"`),
			want: map[string]any{
				"user.name":                        "r",
				"aws.cloudtrail.user_identity.arn": "arn:aws:sts::1:assumed-role/r/s",
			},
			dups: []any{"userIdentity.arn", "userIdentity.sessionContext.sessionIssuer.userName"},
		},
		{
			name:   "the IAM user acted on",
			record: rec(iamUser, common, `"eventSource":"iam.amazonaws.com","eventName":"DeleteUser","requestParameters":{"userName":"bob","userName":"carol"}`),
			want: map[string]any{
				"user.target.name":                  "bob",
				"aws.cloudtrail.request_parameters": `{"userName":"bob","userName":"carol"}`,
			},
			dups: []any{"requestParameters.userName"},
		},
		{
			name:   "a key written with escapes is the same key",
			record: rec(iamUser, common, `"eventSource":"s3.amazonaws.com","eventName":"GetObject","event\u0054ime":"2001-01-01T00:00:00Z"`),
			want:   map[string]any{"@timestamp": "2026-11-27T10:05:00Z"},
			dups:   []any{"eventTime"},
		},
		{
			name:   "a key repeated three times is named once",
			record: rec(iamUser, common, `"eventSource":"s3.amazonaws.com","eventName":"GetObject","awsRegion":"us-east-1","awsRegion":"us-west-2"`),
			want:   map[string]any{"cloud.region": "eu-west-1"},
			dups:   []any{"awsRegion"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, ev, err := normalizeDoc(t, tt.record)
			if err != nil {
				t.Fatal(err)
			}
			if err := New().Info().CheckVendorFields(ev.AppendJSON(nil)); err != nil {
				t.Errorf("vendor fields: %v", err)
			}
			for path, want := range tt.want {
				if got, _ := field(doc, path); jsonText(got) != jsonText(want) {
					t.Errorf("%s = %s, want %s (the first occurrence)", path, jsonText(got), jsonText(want))
				}
			}
			if got, _ := field(doc, "tags"); jsonText(got) != jsonText([]any{DuplicateKeyTag}) {
				t.Errorf("tags = %s, want [%q]", jsonText(got), DuplicateKeyTag)
			}
			if got, _ := field(doc, "aws.cloudtrail.duplicate_keys"); jsonText(got) != jsonText(tt.dups) {
				t.Errorf("aws.cloudtrail.duplicate_keys = %s, want %s", jsonText(got), jsonText(tt.dups))
			}
		})
	}
}

// TestNoDuplicateKeysNoTag checks that repeats the type does not read
// (inside a free-form member, or an unknown member) leave the event
// untagged; the free-form member then goes to its string form only.
func TestNoDuplicateKeysNoTag(t *testing.T) {
	doc, _, err := normalizeDoc(t, rec(iamUser, common, `"eventSource":"s3.amazonaws.com","eventName":"GetObject","somethingNew":1,"somethingNew":2,"requestParameters":{"bucketName":"a","bucketName":"b"}`))
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"tags", "aws.cloudtrail.duplicate_keys", "aws.cloudtrail.flattened.request_parameters"} {
		if got, ok := field(doc, path); ok {
			t.Errorf("%s = %s, want it absent", path, jsonText(got))
		}
	}
}

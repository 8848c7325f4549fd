package cloudtrail

import "testing"

// TestEventTimeYearsAndLeapSeconds checks that every year an ECS date can
// hold is accepted, before 1970 too, and that a leap second is read as
// the start of the next second, for eventTime and the session's creation
// date alike.
func TestEventTimeYearsAndLeapSeconds(t *testing.T) {
	tests := []struct{ eventTime, want string }{
		{"1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z"},
		{"1900-01-01T00:00:00Z", "1900-01-01T00:00:00Z"},
		{"0001-01-01T00:00:01Z", "0001-01-01T00:00:01Z"},
		{"0001-01-01T01:30:00+01:00", "0001-01-01T00:30:00Z"},
		{"9999-12-31T23:59:59.999Z", "9999-12-31T23:59:59.999Z"},
		{"2016-12-31T23:59:60Z", "2017-01-01T00:00:00Z"},
		{"2016-12-31T23:59:60.5Z", "2017-01-01T00:00:00.5Z"},
		{"2017-01-01T00:59:60+01:00", "2017-01-01T00:00:00Z"},
		{"2026-11-27t10:05:00z", "2026-11-27T10:05:00Z"},
	}
	for _, tt := range tests {
		record := `{"eventTime":"` + tt.eventTime + `","userIdentity":{"type":"AssumedRole","sessionContext":{"attributes":{"creationDate":"` + tt.eventTime + `"}}}}`
		doc, _, err := normalizeDoc(t, record)
		if err != nil {
			t.Errorf("eventTime %s: %v", tt.eventTime, err)
			continue
		}
		if got, _ := field(doc, "@timestamp"); got != tt.want {
			t.Errorf("eventTime %s: @timestamp %v, want %s", tt.eventTime, got, tt.want)
		}
		if got, _ := field(doc, "aws.cloudtrail.user_identity.session_context.creation_date"); got != tt.want {
			t.Errorf("creationDate %s: %v, want %s", tt.eventTime, got, tt.want)
		}
	}
}

// TestCreationDateOutOfRangeIsLeftOut checks that a session creation date
// an ECS date cannot hold is left out rather than written wrongly.
func TestCreationDateOutOfRangeIsLeftOut(t *testing.T) {
	for _, date := range []string{"0000-06-01T00:00:00Z", "9999-12-31T23:30:00-01:00", "2026-02-30T00:00:00Z", "yesterday"} {
		doc, _, err := normalizeDoc(t, `{"eventTime":"2026-11-27T10:05:00Z","userIdentity":{"sessionContext":{"attributes":{"creationDate":"`+date+`"}}}}`)
		if err != nil {
			t.Fatal(err)
		}
		if got, ok := field(doc, "aws.cloudtrail.user_identity.session_context.creation_date"); ok {
			t.Errorf("creationDate %s written as %v, want it left out", date, got)
		}
	}
}

package opensearch

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestIndexNames(t *testing.T) {
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	require.NoError(t, err)
	honolulu, err := time.LoadLocation("Pacific/Honolulu")
	require.NoError(t, err)
	utc := func(s string) time.Time {
		ts, err := time.Parse(time.RFC3339Nano, s)
		require.NoError(t, err)
		return ts
	}
	ingest := utc("2030-06-15T12:00:00Z")

	for _, tc := range []struct {
		name string
		cfg  IndexConfig
		typ  string
		ts   time.Time
		want string
	}{
		{"default monthly", IndexConfig{}, "cloudtrail", utc("2026-11-27T10:05:00Z"), "log-aws-cloudtrail-2026-11"},
		{"vpcflow keeps the reference name", IndexConfig{}, "vpcflow", utc("2026-11-27T10:05:00Z"), "log-aws-vpcflowlogs-2026-11"},
		{"alb shares elb", IndexConfig{}, "alb", utc("2026-11-27T10:05:00Z"), "log-aws-elb-2026-11"},
		{"nlb shares elb", IndexConfig{}, "nlb", utc("2026-11-27T10:05:00Z"), "log-aws-elb-2026-11"},
		{"clb shares elb", IndexConfig{}, "clb", utc("2026-11-27T10:05:00Z"), "log-aws-elb-2026-11"},
		{"route53resolver keeps the reference name", IndexConfig{}, "route53resolver", utc("2026-11-27T10:05:00Z"), "log-aws-r53resolver-2026-11"},
		{"cloudfront real-time shares cloudfront", IndexConfig{}, "cloudfront-realtime", utc("2026-11-27T10:05:00Z"), "log-aws-cloudfront-2026-11"},
		{"nginx error shares nginx", IndexConfig{}, "nginx-error", utc("2026-11-27T10:05:00Z"), "log-web-nginx-2026-11"},
		{"linux syslog keeps the reference name", IndexConfig{}, "linux-syslog", utc("2026-11-27T10:05:00Z"), "log-linux-os-2026-11"},
		{"guardduty", IndexConfig{}, "guardduty", utc("2026-11-27T10:05:00Z"), "log-aws-guardduty-2026-11"},
		{"unknown type", IndexConfig{}, "MyApp", utc("2026-11-27T10:05:00Z"), "log-aws-myapp-2026-11"},
		{"an OCSF category route", IndexConfig{}, "ocsf-network", utc("2026-11-27T10:05:00Z"), "log-ocsf-network-2026-11"},
		{"OCSF events of no known category", IndexConfig{}, "securitylake", utc("2026-11-27T10:05:00Z"), "log-ocsf-2026-11"},
		{"a route overridden like a type", IndexConfig{Names: map[string]string{"ocsf-network": "net"}, Rotation: RotateNone}, "ocsf-network", utc("2026-11-27T10:05:00Z"), "net"},
		{"none", IndexConfig{Rotation: RotateNone}, "cloudtrail", utc("2026-11-27T10:05:00Z"), "log-aws-cloudtrail"},
		{"daily", IndexConfig{Rotation: RotateDaily}, "cloudtrail", utc("2026-01-05T00:00:00Z"), "log-aws-cloudtrail-2026-01-05"},
		{"yearly", IndexConfig{Rotation: RotateYearly}, "cloudtrail", utc("2026-12-31T23:59:59Z"), "log-aws-cloudtrail-2026"},
		{"alias", IndexConfig{Rotation: RotateAlias}, "cloudtrail", utc("2026-12-31T23:59:59Z"), "log-aws-cloudtrail"},
		{"data stream", IndexConfig{Rotation: RotateDataStream}, "vpcflow", utc("2026-12-31T23:59:59Z"), "log-aws-vpcflowlogs"},
		{"suffix and prefix", IndexConfig{Prefix: "test-", Suffix: "001"}, "cloudtrail", utc("2026-11-27T10:05:00Z"), "test-log-aws-cloudtrail-001-2026-11"},
		{"override", IndexConfig{Names: map[string]string{"cloudtrail": "audit"}, Rotation: RotateNone}, "cloudtrail", utc("2026-11-27T10:05:00Z"), "audit"},
		{"override leaves others", IndexConfig{Names: map[string]string{"cloudtrail": "audit"}, Rotation: RotateNone}, "alb", utc("2026-11-27T10:05:00Z"), "log-aws-elb"},

		// ISO 8601 weeks: the week-numbering year, not the calendar year.
		{"week 2026-12-31 is a Thursday in 2026-w53", IndexConfig{Rotation: RotateWeekly}, "cloudtrail", utc("2026-12-31T12:00:00Z"), "log-aws-cloudtrail-2026-w53"},
		{"week 2027-01-01 still 2026-w53", IndexConfig{Rotation: RotateWeekly}, "cloudtrail", utc("2027-01-01T12:00:00Z"), "log-aws-cloudtrail-2026-w53"},
		{"week 2027-01-03 Sunday ends 2026-w53", IndexConfig{Rotation: RotateWeekly}, "cloudtrail", utc("2027-01-03T23:59:59Z"), "log-aws-cloudtrail-2026-w53"},
		{"week 2027-01-04 Monday starts 2027-w01", IndexConfig{Rotation: RotateWeekly}, "cloudtrail", utc("2027-01-04T00:00:00Z"), "log-aws-cloudtrail-2027-w01"},
		{"week 2020-12-31 is 2020-w53", IndexConfig{Rotation: RotateWeekly}, "cloudtrail", utc("2020-12-31T00:00:00Z"), "log-aws-cloudtrail-2020-w53"},
		{"week 2021-01-01 is 2020-w53", IndexConfig{Rotation: RotateWeekly}, "cloudtrail", utc("2021-01-01T00:00:00Z"), "log-aws-cloudtrail-2020-w53"},
		{"week 2024-12-30 is 2025-w01", IndexConfig{Rotation: RotateWeekly}, "cloudtrail", utc("2024-12-30T00:00:00Z"), "log-aws-cloudtrail-2025-w01"},
		{"week padded", IndexConfig{Rotation: RotateWeekly}, "cloudtrail", utc("2026-02-02T00:00:00Z"), "log-aws-cloudtrail-2026-w06"},

		// Time zones move documents across day, month, year and week lines.
		{"tokyo next day", IndexConfig{Rotation: RotateDaily, Location: tokyo}, "cloudtrail", utc("2026-12-31T15:00:00Z"), "log-aws-cloudtrail-2027-01-01"},
		{"tokyo next year", IndexConfig{Rotation: RotateYearly, Location: tokyo}, "cloudtrail", utc("2026-12-31T15:00:00Z"), "log-aws-cloudtrail-2027"},
		{"tokyo same day before 15:00 UTC", IndexConfig{Rotation: RotateDaily, Location: tokyo}, "cloudtrail", utc("2026-12-31T14:59:59Z"), "log-aws-cloudtrail-2026-12-31"},
		{"honolulu previous month", IndexConfig{Location: honolulu}, "cloudtrail", utc("2026-12-01T05:00:00Z"), "log-aws-cloudtrail-2026-11"},
		{"honolulu previous week", IndexConfig{Rotation: RotateWeekly, Location: honolulu}, "cloudtrail", utc("2027-01-04T05:00:00Z"), "log-aws-cloudtrail-2026-w53"},
		{"fixed offset", IndexConfig{Rotation: RotateDaily, Location: time.FixedZone("+09:30", 9*3600+1800)}, "cloudtrail", utc("2026-03-01T14:30:00Z"), "log-aws-cloudtrail-2026-03-02"},

		// Which time.
		{"no timestamp uses ingest time", IndexConfig{}, "cloudtrail", time.Time{}, "log-aws-cloudtrail-2030-06"},
		{"ingest time", IndexConfig{Time: IngestTime}, "cloudtrail", utc("2026-11-27T10:05:00Z"), "log-aws-cloudtrail-2030-06"},
		{"old year padded", IndexConfig{Rotation: RotateYearly}, "cloudtrail", utc("0999-01-01T00:00:00Z"), "log-aws-cloudtrail-0999"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.cfg.Name(tc.typ, tc.ts, ingest)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestIndexConfigErrors(t *testing.T) {
	for _, tc := range []struct {
		cfg  IndexConfig
		want string
	}{
		{IndexConfig{Rotation: "hourly"}, `unknown index rotation "hourly"`},
		{IndexConfig{Time: "now"}, `unknown index time "now"`},
		{IndexConfig{Prefix: "Test-"}, "must be lower case"},
		{IndexConfig{Prefix: "-x"}, "must not start with"},
		{IndexConfig{Names: map[string]string{"cloudtrail": "a*b"}}, "must not contain"},
		{IndexConfig{Names: map[string]string{"cloudtrail": ""}}, "index name is empty"},
	} {
		_, err := tc.cfg.Name("cloudtrail", time.Now(), time.Now())
		if assert.Error(t, err, "%+v", tc.cfg) {
			assert.Contains(t, err.Error(), tc.want)
		}
	}
}

func TestParseRotation(t *testing.T) {
	for _, r := range Rotations() {
		got, err := ParseRotation(string(r))
		require.NoError(t, err)
		assert.Equal(t, r, got)
	}
	got, err := ParseRotation("")
	require.NoError(t, err)
	assert.Equal(t, RotateMonthly, got)
	_, err = ParseRotation("Monthly")
	assert.ErrorContains(t, err, "none, daily, weekly, monthly, yearly, alias, datastream")
}

func BenchmarkIndexName(b *testing.B) {
	n, err := newNamer(IndexConfig{Rotation: RotateWeekly})
	require.NoError(b, err)
	ts := time.Date(2026, 12, 31, 12, 0, 0, 0, time.UTC)
	buf := make([]byte, 0, 64)
	for b.Loop() {
		buf = n.appendName(buf[:0], "cloudtrail", ts, ts)
	}
}

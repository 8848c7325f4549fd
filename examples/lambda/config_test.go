package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siem-go/siem/sink/opensearch"
)

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestLoadConfigDefaults(t *testing.T) {
	c, err := loadConfig(env(map[string]string{"SIEM_OPENSEARCH_URL": "https://search.example:9200"}))
	require.NoError(t, err)
	assert.Equal(t, "https://search.example:9200", c.openSearchURL)
	assert.Nil(t, c.deadLetters, "dead letters go to the log unless SIEM_DEAD_LETTERS is set")
	assert.Empty(t, c.splitQueueURL, "splitting is off unless its queue is set")
	assert.Equal(t, int64(defaultSplitRecords), c.splitRecords)
	assert.Empty(t, c.geoIPCity+c.geoIPASN+c.iocDB)
	assert.False(t, c.userAgent)
	assert.Empty(t, c.exclusions)
}

func TestLoadConfigSettings(t *testing.T) {
	c, err := loadConfig(env(map[string]string{
		"SIEM_OPENSEARCH_URL":             "https://search.example",
		"SIEM_OPENSEARCH_USER":            "loader",
		"SIEM_OPENSEARCH_PASSWORD_SECRET": "siem/opensearch",
		"SIEM_INDEX_ROTATION":             "daily",
		"SIEM_INDEX_PREFIX":               "test-",
		"SIEM_DEAD_LETTERS":               "s3://dlq-bucket/siem/dead/",
		"SIEM_SPLIT_QUEUE_URL":            "https://sqs.eu-west-1.amazonaws.com/1/split",
		"SIEM_SPLIT_RECORDS":              "1000",
		"SIEM_GEOIP_CITY":                 "s3://geo/GeoLite2-City.mmdb",
		"SIEM_USER_AGENT":                 "true",
		"SIEM_EXCLUDE":                    "health alb url.path /health; noisy cloudtrail user.name monitor",
	}))
	require.NoError(t, err)
	assert.Equal(t, opensearch.RotateDaily, c.index.Rotation)
	assert.Equal(t, "test-", c.index.Prefix)
	assert.Equal(t, s3Location{bucket: "dlq-bucket", prefix: "siem/dead"}, *c.deadLetters)
	assert.Equal(t, int64(1000), c.splitRecords)
	assert.True(t, c.userAgent)
	require.Len(t, c.exclusions, 2)
	assert.Equal(t, "noisy", c.exclusions[1].Name)
}

func TestLoadConfigErrorsNameTheVariable(t *testing.T) {
	base := func(extra map[string]string) map[string]string {
		m := map[string]string{"SIEM_OPENSEARCH_URL": "https://search.example"}
		for k, v := range extra {
			m[k] = v
		}
		return m
	}
	for name, c := range map[string]struct {
		vars map[string]string
		want string
	}{
		"no url":           {map[string]string{}, "SIEM_OPENSEARCH_URL is required"},
		"not a url":        {map[string]string{"SIEM_OPENSEARCH_URL": "search.example"}, "SIEM_OPENSEARCH_URL \"search.example\" is not an http(s) URL"},
		"bad sigv4":        {base(map[string]string{"SIEM_OPENSEARCH_SIGV4": "iam"}), "SIEM_OPENSEARCH_SIGV4"},
		"sigv4 and user":   {base(map[string]string{"SIEM_OPENSEARCH_SIGV4": "es", "SIEM_OPENSEARCH_USER": "u", "SIEM_OPENSEARCH_PASSWORD": "p"}), "choose SigV4 or basic"},
		"user no password": {base(map[string]string{"SIEM_OPENSEARCH_USER": "u"}), "SIEM_OPENSEARCH_PASSWORD or SIEM_OPENSEARCH_PASSWORD_SECRET"},
		"password no user": {base(map[string]string{"SIEM_OPENSEARCH_PASSWORD": "p"}), "without SIEM_OPENSEARCH_USER"},
		"rotation":         {base(map[string]string{"SIEM_INDEX_ROTATION": "hourly"}), "SIEM_INDEX_ROTATION"},
		"dead letters":     {base(map[string]string{"SIEM_DEAD_LETTERS": "dlq-bucket/x"}), "SIEM_DEAD_LETTERS"},
		"split records":    {base(map[string]string{"SIEM_SPLIT_RECORDS": "0"}), "SIEM_SPLIT_RECORDS \"0\": want a positive whole number"},
		"bool":             {base(map[string]string{"SIEM_USER_AGENT": "yes please"}), "SIEM_USER_AGENT"},
		"exclude":          {base(map[string]string{"SIEM_EXCLUDE": "health alb url.path"}), "SIEM_EXCLUDE: exclusion rule 1"},
		"geoip s3 address": {base(map[string]string{"SIEM_GEOIP_ASN": "s3:///key"}), "SIEM_GEOIP_ASN"},
		"serverless bool":  {base(map[string]string{"SIEM_OPENSEARCH_SERVERLESS": "maybe"}), "SIEM_OPENSEARCH_SERVERLESS"},
		"omit original":    {base(map[string]string{"SIEM_OMIT_ORIGINAL": "2"}), "SIEM_OMIT_ORIGINAL"},
		"split min bytes":  {base(map[string]string{"SIEM_SPLIT_MIN_BYTES": "-5"}), "SIEM_SPLIT_MIN_BYTES"},
	} {
		_, err := loadConfig(env(c.vars))
		assert.ErrorContains(t, err, c.want, name)
	}
}

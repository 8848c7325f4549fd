package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siem-go/siem/internal/shared"
)

// TestNormalizeWithEveryEnricher runs CloudTrail and ALB objects through
// the command with GeoIP, ASN, indicator and user-agent enrichment on,
// using MaxMind's test databases and an indicator database built by
// 'siem ioc build', and checks the values a user would search for.
func TestNormalizeWithEveryEnricher(t *testing.T) {
	geo := shared.Dir(t, "geoip")
	dir := t.TempDir()

	// Indicators: one address, one network and one parent domain.
	feed := filepath.Join(dir, "watch.txt")
	require.NoError(t, os.WriteFile(feed, []byte("# analyst list\n89.160.20.128\n216.160.83.0/24\nevil.example ; phishing kit\n"), 0o644))
	db := filepath.Join(dir, "ioc.db")
	code, _, errOut := runCLI(t, "", "ioc", "build", "-o", db, "--txt", feed+":analysts")
	require.Equal(t, exitOK, code, errOut)

	trail := writeObject(t, dir, "AWSLogs/555566667777/CloudTrail/eu-north-1/2026/11/28/555566667777_CloudTrail_eu-north-1_20261128T0105Z_Zx9cVb8nM7aSd6fG.json.gz", `{"Records":[
{"eventVersion":"1.09","userIdentity":{"type":"IAMUser","principalId":"AIDAEXAMPLE0000000002","arn":"arn:aws:iam::555566667777:user/lars","accountId":"555566667777","userName":"lars"},"eventTime":"2026-11-28T01:00:00Z","eventSource":"s3.amazonaws.com","eventName":"ListBuckets","awsRegion":"eu-north-1","sourceIPAddress":"89.160.20.128","userAgent":"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36","requestParameters":null,"responseElements":null,"eventID":"e0000000-0000-4000-8000-000000000001","readOnly":true,"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"555566667777","eventCategory":"Management"}
]}`)
	alb := writeObject(t, dir, "AWSLogs/555566667777/elasticloadbalancing/us-west-2/2026/11/28/555566667777_elasticloadbalancing_us-west-2_app.web.0a1b2c3d4e5f6a7b_20261128T0105Z_203.0.113.30_q1w2e3r4.log.gz",
		`https 2026-11-28T01:05:06.000001Z app/web/0a1b2c3d4e5f6a7b 216.160.83.56:40001 10.2.0.9:8443 0.001 0.010 0.000 200 200 500 900 "GET https://login.evil.example:443/session HTTP/1.1" "curl/8.5.0" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-west-2:555566667777:targetgroup/web/0123456789abcdef "Root=1-67480001-0123456789abcdef01234567" "login.evil.example" "-" 1 2026-11-28T01:05:06.000000Z "forward" "-" "-" "10.2.0.9:8443" "200" "-" "-" TID_0011223344556677889900aabbccddee`+"\n")

	code, out, errOut := runCLI(t, "", "normalize",
		"--geoip-city", filepath.Join(geo, "GeoIP2-City-Test.mmdb"),
		"--geoip-asn", filepath.Join(geo, "GeoLite2-ASN-Test.mmdb"),
		"--ioc-db", db, "--user-agent", trail, alb)
	require.Equal(t, exitOK, code, errOut)
	d := docs(t, out)
	require.Len(t, d, 2)
	byDataset := map[string]map[string]any{}
	for _, doc := range d {
		byDataset[get(doc, "event.dataset").(string)] = doc
	}

	ct := byDataset["aws.cloudtrail"]
	require.NotNil(t, ct)
	assert.Equal(t, "Linköping", get(ct, "source.geo.city_name"))
	assert.Equal(t, "SE", get(ct, "source.geo.country_iso_code"))
	assert.Equal(t, "Europe/Stockholm", get(ct, "source.geo.timezone"))
	assert.EqualValues(t, 29518, get(ct, "source.as.number"))
	assert.Equal(t, "Bredband2 AB", get(ct, "source.as.organization.name"))
	assert.Equal(t, "Chrome", get(ct, "user_agent.name"))
	assert.Equal(t, "Windows", get(ct, "user_agent.os.name"))
	ctThreat, _ := get(ct, "threat.enrichments").([]any)
	require.Len(t, ctThreat, 1)
	assert.Equal(t, "89.160.20.128", get(ctThreat[0].(map[string]any), "matched.atomic"))
	assert.Equal(t, "source.ip", get(ctThreat[0].(map[string]any), "matched.field"))
	assert.Equal(t, "analysts", get(ctThreat[0].(map[string]any), "indicator.provider"))

	lb := byDataset["aws.elb"]
	require.NotNil(t, lb)
	assert.Equal(t, "Milton", get(lb, "source.geo.city_name"))
	assert.Equal(t, "US-WA", get(lb, "source.geo.region_iso_code"))
	assert.EqualValues(t, 209, get(lb, "source.as.number"))
	assert.Nil(t, get(lb, "destination.geo"), "a private target gets no geo")
	lbThreat, _ := get(lb, "threat.enrichments").([]any)
	fields := map[string]string{}
	for _, e := range lbThreat {
		m := e.(map[string]any)
		fields[get(m, "matched.field").(string)] = get(m, "matched.atomic").(string)
	}
	assert.Equal(t, map[string]string{"source.ip": "216.160.83.56", "url.domain": "login.evil.example"}, fields,
		"the CIDR and the parent domain both match")
	assert.Equal(t, "curl", get(lb, "user_agent.name"))
}

// TestTrustedProxies: --trusted-proxies reads the built-in types' own
// X-Forwarded-For fields, so a request through a trusted load balancer
// is the client's, for WAF as for an NGINX access log.
func TestTrustedProxies(t *testing.T) {
	dir := t.TempDir()
	waf := writeObject(t, dir, "AWSLogs/123456789012/WAFLogs/eu-west-1/shop-web-acl/2026/11/27/10/05/123456789012_waflogs_eu-west-1_shop-web-acl_20261127T1005Z_1a2b3c4d.log",
		`{"timestamp":1795773900000,"formatVersion":1,"webaclId":"arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/shop-web-acl/0a1b2c3d","terminatingRuleId":"Default_Action","terminatingRuleType":"REGULAR","action":"ALLOW","httpSourceName":"ALB","httpSourceId":"123456789012-app/shop/0a1b2c3d4e5f6a7b","ruleGroupList":[],"rateBasedRuleList":[],"nonTerminatingMatchingRules":[],"httpRequest":{"clientIp":"10.0.3.17","country":"SE","headers":[{"name":"Host","value":"shop.example.com"},{"name":"X-Forwarded-For","value":"203.0.113.50, 10.0.9.9"}],"uri":"/cart","args":"","httpVersion":"HTTP/1.1","httpMethod":"GET","requestId":"1-67470001-0123456789abcdef01234567"}}`+"\n")
	nginx := writeObject(t, dir, "logs/nginx-access/web-1/access.log",
		`10.0.0.5 - - [27/Nov/2026:10:05:00 +0000] "GET /cart HTTP/1.1" 200 512 "-" "curl/8.5.0" "198.51.100.60"`+"\n")
	code, out, errOut := runCLI(t, "", "normalize", "--trusted-proxies", "10.0.0.0/8", waf, nginx)
	require.Equal(t, exitOK, code, errOut)
	d := docs(t, out)
	require.Len(t, d, 2)
	for _, doc := range d {
		switch get(doc, "event.dataset") {
		case "aws.waf":
			assert.Equal(t, "203.0.113.50", get(doc, "source.ip"))
			assert.Equal(t, "203.0.113.50", get(doc, "client.ip"))
			assert.Nil(t, get(doc, "source.geo"), "WAF's country is the load balancer's peer's, not the client's")
		case "nginx.access":
			assert.Equal(t, "198.51.100.60", get(doc, "source.ip"))
			assert.Equal(t, "198.51.100.60", get(doc, "client.ip"))
		default:
			t.Errorf("unexpected document %v", doc)
		}
	}
}

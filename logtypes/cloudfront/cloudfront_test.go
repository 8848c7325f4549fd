package cloudfront_test

import (
	"encoding/json"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/enrich"
	"github.com/siem-go/siem/enrich/geoip"
	"github.com/siem-go/siem/enrich/xff"
	"github.com/siem-go/siem/internal/shared"
	"github.com/siem-go/siem/logtypes/cloudfront"
	"github.com/siem-go/siem/siemtest"
)

// run normalizes an object and returns its documents, flattened to
// dotted paths, and its dead letters' reasons.
func run(t *testing.T, lt siem.LogType, key, input string) ([]map[string]any, []string) {
	t.Helper()
	res := siemtest.Run(t, lt, key, []byte(input))
	require.True(t, res.Counts.Reconciled(), "%v", res.Counts)
	var docs []map[string]any
	for _, d := range res.Docs {
		var m map[string]any
		require.NoError(t, json.Unmarshal(d.Body, &m))
		flat := map[string]any{"_id": d.ID}
		flatten("", m, flat)
		docs = append(docs, flat)
		require.NoError(t, lt.Info().CheckDocument(d.Body))
	}
	var reasons []string
	for _, dl := range res.DeadLetters {
		reasons = append(reasons, dl.Reason)
	}
	return docs, reasons
}

func flatten(prefix string, m map[string]any, out map[string]any) {
	for k, v := range m {
		if sub, ok := v.(map[string]any); ok {
			flatten(prefix+k+".", sub, out)
			continue
		}
		out[prefix+k] = v
	}
}

const std33Header = "#Version: 1.0\n#Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status cs(Referer) cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type x-edge-request-id x-host-header cs-protocol cs-bytes time-taken x-forwarded-for ssl-protocol ssl-cipher x-edge-response-result-type cs-protocol-version fle-status fle-encrypted-fields c-port time-to-first-byte x-edge-detailed-result-type sc-content-type sc-content-len sc-range-start sc-range-end\n"

// line33 is a 33-field entry; line26 and line24 are the same request in
// the older layouts.
var (
	fields33 = []string{"2026-11-27", "10:00:03", "FRA56-P1", "5512", "198.51.100.14", "GET", "d1a2b3c4d5e6f7.cloudfront.net", "/index.html", "200", "-", "curl/8.5.0", "-", "-", "Hit", "reqid33==", "www.example.com", "https", "412", "0.002", "-", "TLSv1.3", "TLS_AES_128_GCM_SHA256", "Hit", "HTTP/2.0", "-", "-", "53122", "0.001", "Hit", "text/html", "5123", "-", "-"}
	line33   = strings.Join(fields33, "\t")
	line26   = strings.Replace(strings.Join(fields33[:26], "\t"), "reqid33==", "reqid26==", 1)
	line24   = strings.Replace(strings.Join(fields33[:24], "\t"), "reqid33==", "reqid24==", 1)
)

const stdKey = "E2QWRUHAPOMQZL.2026-11-27-10.a1b2c3d4.gz"

// Without #Fields, each line is read by AWS's documented order for its
// number of fields; a line of another length cannot be named and is
// dead-lettered.
func TestHeaderlessByFieldCount(t *testing.T) {
	docs, reasons := run(t, cloudfront.New(), stdKey, line33+"\n"+line26+"\n"+line24+"\n"+strings.Join(fields33[:30], "\t")+"\n")
	require.Len(t, docs, 3)
	for i, id := range []string{"reqid33==", "reqid26==", "reqid24=="} {
		assert.Equal(t, id, docs[i]["event.id"])
		assert.Equal(t, "198.51.100.14", docs[i]["source.ip"])
		assert.Equal(t, "2.0", docs[i]["http.version"])
		assert.Equal(t, "2026-11-27T10:00:03Z", docs[i]["@timestamp"])
	}
	assert.Equal(t, float64(53122), docs[0]["source.port"])
	assert.Nil(t, docs[1]["source.port"], "the 26-field layout has no c-port")
	require.Len(t, reasons, 1)
	assert.Contains(t, reasons[0], "30")
}

// Columns are read by the names of the #Fields line, in its order; a
// field this package does not know is kept under aws.cloudfront.fields.
func TestFieldsLineNamesColumns(t *testing.T) {
	input := "#Version: 1.0\n#Fields: c-ip sc-status date time cs-method cs-uri-stem x-edge-request-id cmcd-encoded-bitrate Origin.Shield\n" +
		"2001:db8::7\t503\t2026-11-27\t10:59:59.250\tDELETE\t/api/items/9\tabc==\t3200\tyes\n"
	docs, reasons := run(t, cloudfront.New(), stdKey, input)
	require.Empty(t, reasons)
	require.Len(t, docs, 1)
	d := docs[0]
	assert.Equal(t, "2026-11-27T10:59:59.25Z", d["@timestamp"])
	assert.Equal(t, "2001:db8::7", d["source.ip"])
	assert.Equal(t, "ipv6", d["network.type"])
	assert.Equal(t, float64(503), d["http.response.status_code"])
	assert.Equal(t, []any{"access", "error"}, d["event.type"])
	assert.Equal(t, "failure", d["event.outcome"])
	assert.Equal(t, "DELETE", d["http.request.method"])
	assert.Equal(t, "/api/items/9", d["url.path"])
	assert.Equal(t, "3200", d["aws.cloudfront.fields.cmcd_encoded_bitrate"])
	assert.Equal(t, "yes", d["aws.cloudfront.fields.origin_shield"])
	assert.Nil(t, d["url.full"], "no scheme or host: no full URL")
}

// Under a #Fields line, a line with another number of fields is
// dead-lettered even when its count is a documented layout's.
func TestFieldsLineIsNotOverridden(t *testing.T) {
	docs, reasons := run(t, cloudfront.New(), stdKey, std33Header+line33+"\n"+line26+"\n")
	require.Len(t, docs, 1)
	require.Len(t, reasons, 1)
	assert.Contains(t, reasons[0], "26 tab-separated fields")
}

// A copy whose tabs became spaces is read when the count still fits; a
// value holding a space shifts the columns and is dead-lettered.
func TestSpaceSeparatedLines(t *testing.T) {
	spaced := strings.ReplaceAll(line33, "\t", " ")
	broken := strings.Replace(spaced, "curl/8.5.0", "curl 8.5.0", 1)
	docs, reasons := run(t, cloudfront.New(), stdKey, std33Header+line33+"\n"+spaced+"\n"+broken+"\n")
	require.Len(t, docs, 2)
	assert.Equal(t, docs[0]["user_agent.original"], docs[1]["user_agent.original"])
	assert.Equal(t, docs[0]["tls.version"], docs[1]["tls.version"])
	require.Len(t, reasons, 1)
	assert.Contains(t, reasons[0], "line has no tabs; split on spaces it has 34 fields")

	// Without a header, too.
	docs, reasons = run(t, cloudfront.New(), stdKey, spaced+"\n")
	require.Empty(t, reasons)
	require.Len(t, docs, 1)
	assert.Equal(t, "reqid33==", docs[0]["event.id"])
}

func TestValuesAndEscapes(t *testing.T) {
	f := append([]string(nil), fields33...)
	f[9] = "https://www.example.com/shop?ref=a%2526b"                                                  // referer
	f[10] = "Mozilla/5.0%20(X11;%20Linux%20x86_64)%20caf%C3%A9"                                        // user agent
	f[7] = "/docs/annual%2520report.pdf"                                                               // stem
	f[11] = "q=1%27%20OR%201=1"                                                                        // query
	f[15] = "shop.example.com:8443"                                                                    // host header
	f[19] = "203.0.113.9,\\x20198.51.100.14"                                                           // x-forwarded-for
	f[8], f[28], f[29], f[30] = "000", "ClientCommError", "application/JSON; charset=utf-8", "1048576" // status, detailed, type, len
	f[20] = "TLSv1"
	docs, reasons := run(t, cloudfront.New(), stdKey, std33Header+strings.Join(f, "\t")+"\n")
	require.Empty(t, reasons)
	d := docs[0]
	assert.Equal(t, "https://www.example.com/shop?ref=a%26b", d["http.request.referrer"], "decoded once: CloudFront's own encoding")
	assert.Equal(t, "Mozilla/5.0 (X11; Linux x86_64) café", d["user_agent.original"])
	assert.Equal(t, "/docs/annual%2520report.pdf", d["url.path"], "kept as logged")
	assert.Equal(t, "/docs/annual%2520report.pdf?q=1%27%20OR%201=1", d["url.original"])
	assert.Equal(t, "https://shop.example.com:8443/docs/annual%2520report.pdf?q=1%27%20OR%201=1", d["url.full"])
	assert.Equal(t, "shop.example.com", d["url.domain"])
	assert.Equal(t, []any{"shop.example.com"}, d["related.hosts"])
	assert.Equal(t, float64(8443), d["url.port"])
	assert.Equal(t, "203.0.113.9, 198.51.100.14", d["aws.cloudfront.x_forwarded_for"])
	assert.Nil(t, d["http.response.status_code"], "000 is no status")
	assert.Equal(t, "000", d["aws.cloudfront.sc_status"])
	assert.Equal(t, "failure", d["event.outcome"])
	assert.Equal(t, []any{"access"}, d["event.type"])
	assert.Equal(t, "application/json", d["http.response.mime_type"])
	assert.Equal(t, "application/JSON; charset=utf-8", d["aws.cloudfront.content_type"])
	assert.Equal(t, "1.0", d["tls.version"])
	assert.Equal(t, "E2QWRUHAPOMQZL", d["aws.cloudfront.distribution_id"])
	assert.Equal(t, "global", d["cloud.region"])
	assert.Equal(t, "reqid33==", d["_id"])
	assert.Equal(t, float64(2_000_000), d["event.duration"])
	assert.Equal(t, 0.001, d["aws.cloudfront.time_to_first_byte"])
}

// A value that does not parse means the columns are not what the list
// says: the record is dead-lettered with the field at fault.
func TestBadValues(t *testing.T) {
	for _, c := range []struct {
		field int
		value string
		want  string
	}{
		{4, "not-an-ip", `field c-ip = "not-an-ip": not an IP address`},
		{8, "2O0", `field sc-status = "2O0"`},
		{0, "2026-02-30", `fields date = "2026-02-30" and time = "10:00:03"`},
		{1, "25:00:00", `not a date (YYYY-MM-DD) and a time`},
		{18, "fast", `field time-taken = "fast": not a number of seconds`},
		{26, "70000", `field c-port = "70000": not a port number`},
		{3, "-12", `field sc-bytes = "-12": not a non-negative integer`},
	} {
		f := append([]string(nil), fields33...)
		f[c.field] = c.value
		docs, reasons := run(t, cloudfront.New(), stdKey, std33Header+strings.Join(f, "\t")+"\n")
		assert.Empty(t, docs, c.value)
		if assert.Len(t, reasons, 1, c.value) {
			assert.Contains(t, reasons[0], c.want)
			assert.True(t, strings.HasPrefix(reasons[0], "cloudfront standard log entry: "), reasons[0])
		}
	}
	_, reasons := run(t, cloudfront.New(), stdKey, "#Fields: c-ip sc-status\n192.0.2.1\t200\n")
	require.Len(t, reasons, 1)
	assert.Contains(t, reasons[0], "no time")
}

// A real-time configuration's own field list reads its records; the
// default is AWS's catalogue.
func TestRealtimeFields(t *testing.T) {
	lt := cloudfront.Realtime(cloudfront.RealtimeWithFields([]string{"timestamp", "c-ip", "sc-status", "cs-host", "cs-uri-stem", "x-edge-request-id", "c-country", "asn", "cmcd-session-id"}))
	key := "firehose/CloudFront/realtime/2026/11/27/10/cf-rt-1-2026-11-27-10-00-00-aaaa"
	docs, reasons := run(t, lt, key, "1795773600.5\t192.0.2.7\t404\td1.cloudfront.net\t/x\tid1==\tNZ\t64500\tsess-1\n1795773601.000\t192.0.2.7\t200\n")
	require.Len(t, docs, 1)
	d := docs[0]
	assert.Equal(t, "2026-11-27T10:00:00.5Z", d["@timestamp"])
	assert.Equal(t, "NZ", d["source.geo.country_iso_code"])
	assert.Equal(t, float64(64500), d["source.as.number"])
	assert.Equal(t, "d1.cloudfront.net", d["url.domain"], "no Host header field: the distribution's domain")
	assert.Equal(t, "sess-1", d["aws.cloudfront.fields.cmcd_session_id"])
	assert.Equal(t, "rt-id1==", d["_id"])
	assert.Equal(t, "id1==", d["event.id"])
	require.Len(t, reasons, 1)
	assert.Contains(t, reasons[0], "3 tab-separated fields")

}

// The default real-time field list is AWS's catalogue, in its order.
func TestRealtimeFieldsAreAWSCatalogue(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(shared.Dir(t, "conformance"), "raw", "aws_cloudfront", "awsdocs-cloudfront-realtime-log-fields.txt"))
	require.NoError(t, err)
	assert.Equal(t, strings.Fields(string(data)), cloudfront.RealtimeFields)
}

// The account comes from an AWSLogs/<account>/ prefix or a Hive-style
// partition, the distribution from the file name or the segment before
// realtime/.
func TestKeyOrigin(t *testing.T) {
	line := "1795773600.5\t192.0.2.7\t200\n"
	lt := cloudfront.Realtime(cloudfront.RealtimeWithFields([]string{"timestamp", "c-ip", "sc-status"}))
	for key, want := range map[string][2]any{
		"AWSLogs/123456789012/CloudFront/E2QWRUHAPOMQZL/realtime/x.gz": {"123456789012", "E2QWRUHAPOMQZL"},
		"logs/aws-account-id=210987654321/CloudFront/realtime/x.gz":    {"210987654321", nil},
		"AWSLogs/12345678901/CloudFront/e2qwruhapomqzl/realtime/x.gz":  {nil, nil},
	} {
		docs, _ := run(t, lt, key, line)
		require.Len(t, docs, 1)
		assert.Equal(t, want[0], docs[0]["cloud.account.id"], key)
		assert.Equal(t, want[1], docs[0]["aws.cloudfront.distribution_id"], key)
	}
	docs, _ := run(t, cloudfront.New(), "AWSLogs/123456789012/CloudFront/E1PA6795UKMFR9/2026/11/27/10/E1PA6795UKMFR9.2026-11-27-10.0b1c2d3e.gz", line33+"\n")
	require.Len(t, docs, 1)
	assert.Equal(t, "123456789012", docs[0]["cloud.account.id"])
	assert.Equal(t, "E1PA6795UKMFR9", docs[0]["aws.cloudfront.distribution_id"])
}

func TestKeys(t *testing.T) {
	std, rt := cloudfront.New().Info().KeyPattern, cloudfront.Realtime().Info().KeyPattern
	for _, k := range []string{
		"E2QWRUHAPOMQZL.2026-11-27-10.a1b2c3d4.gz",
		"logs/cf/E1ABCDEFGHIJKL.2019-11-14-20.RT4KCN4SGK9.gz",
	} {
		assert.True(t, std.MatchString(k), k)
		assert.False(t, rt.MatchString(k), k)
	}
	for _, k := range []string{
		"AWSLogs/123456789012/CloudFront/E2QWRUHAPOMQZL/realtime/2026/11/27/10/x.gz",
		"CloudFront/realtime/2026/11/27/10/x",
	} {
		assert.True(t, rt.MatchString(k), k)
		assert.False(t, std.MatchString(k), k)
	}
	for _, k := range []string{
		"AWSLogs/123456789012/CloudTrail/us-east-1/2026/11/27/123456789012_CloudTrail_us-east-1_20261127T1000Z_abc.json.gz",
		"E2QWRUHAPOMQZL.2026-11-27-10.a1b2c3d4.log",
		"e2qwruhapomqzl.2026-11-27-10.a1b2c3d4.gz",
		"NotCloudFront/realtime/x",
	} {
		assert.False(t, std.MatchString(k), k)
		assert.False(t, rt.MatchString(k), k)
	}
}

// Hostile input gives errors or sane documents, never a crash.
func TestHostileInput(t *testing.T) {
	long := strings.Repeat("A", 200_000)
	f := append([]string(nil), fields33...)
	f[10] = long + "%" + "\xff\xfe%zz\\x4"
	f[15] = "\u202e.evil"
	input := std33Header + strings.Join(f, "\t") + "\n" + "\t\t\t\n" + "#Fields:\n" + line33 + "\n\x00\n"
	docs, reasons := run(t, cloudfront.New(), stdKey, input)
	require.Len(t, docs, 1)
	ua := docs[0]["user_agent.original"].(string)
	assert.True(t, strings.HasSuffix(ua, "%zz\\x4") && strings.Contains(ua, "\ufffd"), ua[len(ua)-20:])
	assert.Equal(t, "d1a2b3c4d5e6f7.cloudfront.net", docs[0]["url.domain"], "not a host name: the distribution's")
	assert.Equal(t, "\u202e.evil", docs[0]["aws.cloudfront.host_header"])
	require.Len(t, reasons, 2, "%q", reasons)
	// After a #Fields line that names nothing, no line is read by the
	// list before it.
	for _, r := range reasons {
		assert.Contains(t, r, "the #Fields line on line 5 names no fields")
	}
}

// A #Fields line naming many unknown fields keeps the first 32 of them.
func TestUnknownFieldsAreBounded(t *testing.T) {
	names := []string{"date", "time"}
	values := []string{"2026-11-27", "10:00:00"}
	for i := range 100 {
		names = append(names, "x-custom-"+strings.Repeat("a", i%3)+"-"+string(rune('a'+i%26))+string(rune('a'+i/26)))
		values = append(values, "v")
	}
	docs, reasons := run(t, cloudfront.New(), stdKey, "#Fields: "+strings.Join(names, " ")+"\n"+strings.Join(values, "\t")+"\n")
	require.Empty(t, reasons)
	n := 0
	for k := range docs[0] {
		if strings.HasPrefix(k, "aws.cloudfront.fields.") {
			n++
		}
	}
	assert.Equal(t, 32, n)
}

// TestGeoIPEnricher runs the GeoIP enricher over records whose country
// and ASN CloudFront wrote: where the databases place the address their
// objects replace CloudFront's whole (one consistent source.geo),
// elsewhere CloudFront's stay; no record is lost to the two writing the
// same objects.
func TestGeoIPEnricher(t *testing.T) {
	dir := shared.Dir(t, "geoip")
	e, err := geoip.Open(geoip.Config{
		CityPath: filepath.Join(dir, "GeoIP2-City-Test.mmdb"),
		ASNPath:  filepath.Join(dir, "GeoLite2-ASN-Test.mmdb"),
	})
	require.NoError(t, err)
	defer e.Close()
	input := "#Version: 1.0\n#Fields: date time c-ip c-country asn x-edge-request-id\n" +
		"2026-11-27\t10:00:03\t89.160.20.156\tAU\t64500\treq-placed==\n" +
		"2026-11-27\t10:00:04\t10.0.3.17\tGB\t64501\treq-private==\n" +
		"2026-11-27\t10:00:05\t10.0.3.18\t\"}\t64502\treq-odd-country==\n"
	res := siemtest.Options{Enrichers: []siem.Enricher{e}}.Run(t, cloudfront.New(), stdKey, []byte(input))
	for _, dl := range res.DeadLetters {
		t.Errorf("dead letter: %s", dl.Reason)
	}
	require.Len(t, res.Docs, 3)
	for i, want := range []map[string]any{
		{"source.geo.country_iso_code": "SE", "source.geo.city_name": "Linköping", "source.as.number": float64(29518)},
		{"source.geo.country_iso_code": "GB", "source.geo.city_name": nil, "source.as.number": float64(64501)},
		{"source.geo.country_iso_code": nil, "aws.cloudfront.country": `"}`},
	} {
		require.NoError(t, cloudfront.New().Info().CheckDocument(res.Docs[i].Body))
		var m map[string]any
		require.NoError(t, json.Unmarshal(res.Docs[i].Body, &m))
		flat := map[string]any{}
		flatten("", m, flat)
		for path, w := range want {
			assert.Equal(t, w, flat[path], "record %d: %s", i+1, path)
		}
	}
}

// Cookies and credential headers are redacted in the fields and in
// event.original: names, schemes and separators stay, secrets do not.
func TestSecretsRedacted(t *testing.T) {
	f := append([]string(nil), fields33...)
	f[12] = "session-id=3f9a1c77e2;%20theme=dark;%20flag" // cs(Cookie)
	docs, reasons := run(t, cloudfront.New(), stdKey, std33Header+strings.Join(f, "\t")+"\n")
	require.Empty(t, reasons)
	d := docs[0]
	assert.Equal(t, "session-id=[REDACTED];%20theme=[REDACTED];%20[REDACTED]", d["aws.cloudfront.cookie"])
	f[12] = "session-id=[REDACTED];%20theme=[REDACTED];%20[REDACTED]"
	assert.Equal(t, strings.Join(f, "\t"), d["event.original"])

	lt := cloudfront.Realtime(cloudfront.RealtimeWithFields([]string{"timestamp", "c-ip", "x-edge-request-id", "cs-cookie", "cs-headers"}))
	key := "firehose/CloudFront/realtime/2026/11/27/10/cf-rt-1-2026-11-27-10-00-00-aaaa"
	headers := "host:www.example.com%0Aauthorization:Bearer%20eyJhbGciOi.x.y%0AX-Api-Key:k-123%0Acookie:sid=abc;%20lang=en%0Aproxy-authorization:opaque%0A"
	line := "1795773600.5\t192.0.2.7\tid1==\tsid=abc;%20lang=en\t" + headers
	docs, reasons = run(t, lt, key, line+"\n")
	require.Empty(t, reasons)
	d = docs[0]
	wantHeaders := "host:www.example.com%0Aauthorization:Bearer%20[REDACTED]%0AX-Api-Key:[REDACTED]%0Acookie:sid=[REDACTED];%20lang=[REDACTED]%0Aproxy-authorization:[REDACTED]%0A"
	assert.Equal(t, wantHeaders, d["aws.cloudfront.headers"])
	assert.Equal(t, "sid=[REDACTED];%20lang=[REDACTED]", d["aws.cloudfront.cookie"])
	assert.Equal(t, "1795773600.5\t192.0.2.7\tid1==\tsid=[REDACTED];%20lang=[REDACTED]\t"+wantHeaders, d["event.original"])

	// Without secrets, event.original is the line as read.
	docs, _ = run(t, lt, key, "1795773600.5\t192.0.2.7\tid2==\t-\thost:a%0A\n")
	assert.Equal(t, "1795773600.5\t192.0.2.7\tid2==\t-\thost:a%0A", docs[0]["event.original"])
}

// TestXFFEnricher runs the X-Forwarded-For enricher configured as
// enrich/xff documents it: a viewer request that reached CloudFront
// through a trusted proxy is the proxy's client's.
func TestXFFEnricher(t *testing.T) {
	e, err := xff.New(xff.Config{
		TrustedProxies: []netip.Prefix{netip.MustParsePrefix("192.0.2.0/24")},
		Fields:         enrich.Fields{ByType: map[string][]string{"cloudfront": {"aws.cloudfront.x_forwarded_for"}}},
	})
	require.NoError(t, err)
	f := append([]string(nil), fields33...)
	f[4], f[19] = "192.0.2.10", "203.0.113.9,\\x20192.0.2.7" // c-ip, x-forwarded-for
	res := siemtest.Options{Enrichers: []siem.Enricher{e}}.Run(t, cloudfront.New(), stdKey, []byte(std33Header+strings.Join(f, "\t")+"\n"))
	require.Len(t, res.Docs, 1)
	var m map[string]any
	require.NoError(t, json.Unmarshal(res.Docs[0].Body, &m))
	d := map[string]any{}
	flatten("", m, d)
	assert.Equal(t, "203.0.113.9", d["source.ip"])
	assert.Equal(t, "203.0.113.9", d["client.ip"])
	assert.Equal(t, []any{"203.0.113.9", "192.0.2.7"}, d["network.forwarded_ip"])
	assert.ElementsMatch(t, []any{"192.0.2.10", "203.0.113.9", "192.0.2.7"}, d["related.ip"])
}

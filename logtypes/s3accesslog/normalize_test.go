package s3accesslog

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/internal/samplegen"
)

// docLine is the first record of AWS's documented example, 27 fields.
const docLine = `79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be amzn-s3-demo-bucket1 [06/Feb/2019:00:00:38 +0000] 192.0.2.3 79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be 3E57427F3EXAMPLE REST.GET.VERSIONING - "GET /amzn-s3-demo-bucket1?versioning HTTP/1.1" 200 - 113 - 7 - "-" "S3Console/0.4" - s9lzHYrFp76ZVxRcpX9+5cjAnEH2ROuNkd2BHfIa6UkFVdtjf5mKR3/eTPFvsiP/XV/VLi31234= SigV4 ECDHE-RSA-AES128-GCM-SHA256 AuthHeader amzn-s3-demo-bucket1.s3.us-west-1.amazonaws.com TLSV1.2 arn:aws:s3:us-west-1:123456789012:accesspoint/example-AP Yes us-east-1`

// fieldsOf cuts docLine to its first n fields (n >= 18).
func fieldsOf(n int) string {
	f, _, err := split([]byte(docLine), nil)
	if err != nil {
		panic(err)
	}
	var parts []string
	for i, v := range f[:n] {
		switch i {
		case colTime:
			parts = append(parts, "["+string(v)+"]")
		case colRequestURI, colReferer, colUserAgent:
			parts = append(parts, `"`+string(v)+`"`)
		default:
			parts = append(parts, string(v))
		}
	}
	return strings.Join(parts, " ")
}

func run(t *testing.T, line string, o origin) map[string]any {
	t.Helper()
	var ev ecs.Event
	if err := normalize([]byte(line), &ev, &o); err != nil {
		t.Fatalf("normalize: %v\n%s", err, line)
	}
	if err := ev.Err(); err != nil {
		t.Fatal(err)
	}
	doc := ev.AppendJSON(nil)
	if err := info.CheckDocument(doc); err != nil {
		t.Fatalf("%v\n%s", err, doc)
	}
	var m map[string]any
	if err := json.Unmarshal(doc, &m); err != nil {
		t.Fatal(err)
	}
	return flatten(m, "", map[string]any{})
}

func flatten(m map[string]any, prefix string, out map[string]any) map[string]any {
	for k, v := range m {
		if sub, ok := v.(map[string]any); ok {
			flatten(sub, prefix+k+".", out)
		} else {
			out[prefix+k] = v
		}
	}
	return out
}

func want(t *testing.T, doc map[string]any, fields map[string]any) {
	t.Helper()
	for k, w := range fields {
		got, ok := doc[k]
		if w == nil {
			if ok {
				t.Errorf("%s = %v, want absent", k, got)
			}
			continue
		}
		gj, _ := json.Marshal(got)
		wj, _ := json.Marshal(w)
		if !ok || string(gj) != string(wj) {
			t.Errorf("%s = %s, want %s", k, gj, wj)
		}
	}
}

// Every field count AWS has shipped reads, each field landing where it
// belongs; what a shorter record lacks is absent, never "-".
func TestFieldCounts(t *testing.T) {
	cases := []struct {
		n    int
		more map[string]any
	}{
		{18, map[string]any{"aws.s3accesslog.host_id": nil, "tls.version": nil, "url.domain": nil, "cloud.region": nil}},
		{19, map[string]any{"aws.s3accesslog.host_id": "s9lzHYrFp76ZVxRcpX9+5cjAnEH2ROuNkd2BHfIa6UkFVdtjf5mKR3/eTPFvsiP/XV/VLi31234=", "aws.s3accesslog.signature_version": nil}},
		{20, map[string]any{"aws.s3accesslog.signature_version": "SigV4", "tls.cipher": nil}},
		{21, map[string]any{"tls.cipher": "ECDHE-RSA-AES128-GCM-SHA256", "aws.s3accesslog.authentication_type": nil}},
		{22, map[string]any{"aws.s3accesslog.authentication_type": "AuthHeader", "url.domain": nil}},
		{23, map[string]any{"url.domain": "amzn-s3-demo-bucket1.s3.us-west-1.amazonaws.com", "cloud.region": "us-west-1", "tls.version": nil}},
		{24, map[string]any{"tls.version": "1.2", "tls.version_protocol": "tls", "aws.s3accesslog.access_point_arn": nil}},
		{25, map[string]any{"aws.s3accesslog.access_point_arn": "arn:aws:s3:us-west-1:123456789012:accesspoint/example-AP", "aws.s3accesslog.acl_required": nil}},
		{26, map[string]any{"aws.s3accesslog.acl_required": true, "aws.s3accesslog.source_region": nil}},
		{27, map[string]any{"aws.s3accesslog.source_region": "us-east-1", "aws.s3accesslog.extra_fields": nil}},
	}
	for _, c := range cases {
		doc := run(t, fieldsOf(c.n), origin{})
		want(t, doc, map[string]any{
			"@timestamp":                       "2019-02-06T00:00:38Z",
			"aws.s3accesslog.bucket":           "amzn-s3-demo-bucket1",
			"aws.s3accesslog.bucket_owner":     "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be",
			"aws.s3accesslog.key":              nil,
			"aws.s3accesslog.version_id":       nil,
			"source.ip":                        "192.0.2.3",
			"user.id":                          "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be",
			"user.name":                        nil,
			"event.id":                         "3E57427F3EXAMPLE",
			"event.action":                     "REST.GET.VERSIONING",
			"event.outcome":                    "success",
			"event.duration":                   7e6,
			"http.request.method":              "GET",
			"http.version":                     "1.1",
			"url.original":                     "/amzn-s3-demo-bucket1?versioning",
			"url.path":                         "/amzn-s3-demo-bucket1",
			"url.query":                        "versioning",
			"http.response.status_code":        200,
			"http.response.body.bytes":         113,
			"http.request.referrer":            nil,
			"user_agent.original":              "S3Console/0.4",
			"aws.s3accesslog.object_size":      nil,
			"aws.s3accesslog.turn_around_time": nil,
		})
		want(t, doc, c.more)
	}
}

// Fields AWS appends after the ones documented today are kept, in order,
// and a "-" among them is left out.
func TestTrailingFields(t *testing.T) {
	doc := run(t, docLine+` x28 - "a \"b\" c" x31`, origin{})
	want(t, doc, map[string]any{
		"aws.s3accesslog.source_region": "us-east-1",
		"aws.s3accesslog.extra_fields":  []any{"x28", `a "b" c`, "x31"},
	})
	doc = run(t, docLine+` - -`, origin{})
	want(t, doc, map[string]any{"aws.s3accesslog.extra_fields": nil})
}

func TestQuotedFields(t *testing.T) {
	line := strings.Replace(docLine, `"GET /amzn-s3-demo-bucket1?versioning HTTP/1.1" 200 - 113 - 7 - "-" "S3Console/0.4"`,
		`"GET /amzn-s3-demo-bucket1/a b.txt?x=1 HTTP/1.1" 200 - 113 - 7 - "https://example.com/?q="x"y&z=a b" "Mozilla/5.0 (\"X\" 1.0) \\ end\\"`, 1)
	doc := run(t, line, origin{})
	want(t, doc, map[string]any{
		"url.original":                        "/amzn-s3-demo-bucket1/a b.txt?x=1",
		"url.path":                            "/amzn-s3-demo-bucket1/a b.txt",
		"url.extension":                       "txt",
		"url.query":                           "x=1",
		"http.version":                        "1.1",
		"http.request.referrer":               `https://example.com/?q="x"y&z=a b`,
		"user_agent.original":                 `Mozilla/5.0 ("X" 1.0) \ end\`,
		"aws.s3accesslog.authentication_type": "AuthHeader",
	})
}

// The GET record of a copy has a Request-URI without a version.
func TestRequestWithoutVersion(t *testing.T) {
	line := strings.Replace(docLine, `"GET /amzn-s3-demo-bucket1?versioning HTTP/1.1"`, `"GET /amzn-s3-demo-bucket1/photos/puppy.jpg?x-foo=bar"`, 1)
	doc := run(t, line, origin{})
	want(t, doc, map[string]any{
		"http.request.method": "GET", "http.version": nil,
		"url.original": "/amzn-s3-demo-bucket1/photos/puppy.jpg?x-foo=bar", "url.extension": "jpg",
	})
	line = strings.Replace(docLine, `"GET /amzn-s3-demo-bucket1?versioning HTTP/1.1"`, `-`, 1)
	doc = run(t, line, origin{})
	want(t, doc, map[string]any{"http.request.method": nil, "url.original": nil, "url.path": nil})
}

func TestOutcomeAndUser(t *testing.T) {
	cases := []struct {
		status, code, requester string
		outcome                 any
		name                    any
	}{
		{"200", "-", "arn:aws:iam::123456789012:user/alice", "success", "alice"},
		{"404", "NoSuchKey", "arn:aws:sts::123456789012:assumed-role/reader/session-1", "failure", "session-1"},
		{"301", "PermanentRedirect", "arn:aws:iam::123456789012:root", "failure", "root"},
		{"503", "-", "svc:logging.s3.amazonaws.com", "failure", nil},
		{"-", "-", "-", nil, nil},
		{"-", "AccessDenied", "-", "failure", nil},
	}
	for _, c := range cases {
		line := strings.Replace(docLine, "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be 3E57427F3EXAMPLE", c.requester+" 3E57427F3EXAMPLE", 1)
		line = strings.Replace(line, `HTTP/1.1" 200 -`, `HTTP/1.1" `+c.status+" "+c.code, 1)
		doc := run(t, line, origin{})
		wantUser := any(c.requester)
		if c.requester == "-" {
			wantUser = nil
		}
		code := any(c.code)
		if c.code == "-" {
			code = nil
		}
		want(t, doc, map[string]any{"event.outcome": c.outcome, "user.name": c.name, "user.id": wantUser, "error.code": code})
		var related []any
		if wantUser != nil {
			related = append(related, wantUser)
			if c.name != nil {
				related = append(related, c.name)
			}
			want(t, doc, map[string]any{"related.user": related})
		} else {
			want(t, doc, map[string]any{"related.user": nil})
		}
	}
}

// A partitioned key gives the account and the bucket's Region; the Region
// of the key wins over the endpoint's, which a wrong-Region request makes
// differ from the bucket's.
func TestPartitionedOrigin(t *testing.T) {
	o := originOf("logs/123456789012/eu-west-1/amzn-s3-demo-bucket1/2026/11/27/2026-11-27-10-15-42-A1B2C3D4E5F60718")
	if o != (origin{account: "123456789012", region: "eu-west-1", bucket: "amzn-s3-demo-bucket1"}) {
		t.Fatalf("origin %+v", o)
	}
	doc := run(t, docLine, o)
	want(t, doc, map[string]any{"cloud.account.id": "123456789012", "cloud.region": "eu-west-1", "url.domain": "amzn-s3-demo-bucket1.s3.us-west-1.amazonaws.com"})
	doc = run(t, docLine, origin{})
	want(t, doc, map[string]any{"cloud.account.id": nil, "cloud.region": "us-west-1"})
	// A bucket the record lacks comes from the key.
	doc = run(t, strings.Replace(docLine, " amzn-s3-demo-bucket1 [", " - [", 1), o)
	want(t, doc, map[string]any{"aws.s3accesslog.bucket": "amzn-s3-demo-bucket1"})
}

func TestOriginOf(t *testing.T) {
	cases := map[string]origin{
		"s3-access-logs/2026-11-27-10-15-42-7B6CF1B3BCFE9D4A":                                                   {},
		"123456789012/us-gov-west-1/my.bucket-1/2026/11/27/2026-11-27-00-00-00-3C4D5E6F708192A3":                {"123456789012", "us-gov-west-1", "my.bucket-1"},
		"logs123456789012/ap-southeast-2/b12/2026/01/02/2026-01-02-03-04-05-3C4D5E6F708192A3":                   {"123456789012", "ap-southeast-2", "b12"},
		"x/123456789012/eu-west-1/bucket/2026/11/27/2026-11-28-00-00-00-3C4D5E6F708192A3":                       {}, // folder date differs from the name's
		"x/9123456789012/eu-west-1/bucket/2026/11/27/2026-11-27-00-00-00-3C4D5E6F708192A3":                      {}, // 13 digits
		"AWSLogs/123456789012/s3accesslog/app-assets-prod/2026-11-27-10-15-42-0F1E2D3C4B5A6978":                 {},
		"s3-access-logs/123456789012/us-east-1/app-assets-prod/2026/11/27/2026-11-27-10-15-42-A1B2C3D4E5F60718": {"123456789012", "us-east-1", "app-assets-prod"},
	}
	for key, w := range cases {
		if got := originOf(key); got != w {
			t.Errorf("%s: %+v, want %+v", key, got, w)
		}
	}
}

func TestKeyPattern(t *testing.T) {
	for _, k := range info.SampleKeys {
		if !keyPattern.MatchString(k) {
			t.Errorf("sample %s does not match", k)
		}
	}
	for _, k := range []string{
		"2026-11-27-10-15-42-7b6cf1b3bcfe9d4a",                                                        // lower case
		"2026-11-27-10-15-42-7B6CF1B3BCFE9D4",                                                         // 15 characters
		"firehose/2026/11/27/10/stream-1-2026-11-27-10-15-42-1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d.gz", // Firehose
		"E2ABCDEF123456.2026-11-27-10.abcd1234.gz",                                                    // CloudFront
		"2026-11-27-10-15-42-7B6CF1B3BCFE9D4A.json",
	} {
		if keyPattern.MatchString(k) {
			t.Errorf("%s matches", k)
		}
	}
}

func TestRegionOfHost(t *testing.T) {
	cases := map[string]string{
		"s3.us-west-2.amazonaws.com":                             "us-west-2",
		"bucket.s3.eu-central-1.amazonaws.com":                   "eu-central-1",
		"us-east-1.s3.eu-west-3.amazonaws.com":                   "eu-west-3", // a bucket named like a Region
		"bucket.s3.dualstack.ap-southeast-4.amazonaws.com":       "ap-southeast-4",
		"bucket.s3-fips.us-gov-west-1.amazonaws.com":             "us-gov-west-1",
		"bucket.s3-us-west-2.amazonaws.com":                      "us-west-2",
		"bucket.s3-website-us-east-1.amazonaws.com":              "us-east-1",
		"bucket.s3-website.eu-west-1.amazonaws.com":              "eu-west-1",
		"ap-123456789012.s3-accesspoint.us-east-2.amazonaws.com": "us-east-2",
		"bucket.s3.cn-north-1.amazonaws.com.cn":                  "cn-north-1",
		"s3.amazonaws.com":                                       "",
		"bucket.s3.amazonaws.com":                                "",
		"s3-external-1.amazonaws.com":                            "",
		"www.example.com":                                        "",
		"us-east-1.example.com":                                  "",
		"":                                                       "",
	}
	for host, w := range cases {
		if got := regionOfHost([]byte(host)); got != w {
			t.Errorf("%q: %q, want %q", host, got, w)
		}
	}
}

func TestParseTime(t *testing.T) {
	cases := map[string]string{
		"06/Feb/2019:00:00:38 +0000": "2019-02-06T00:00:38Z",
		"06/Feb/2019:01:00:38 +0100": "2019-02-06T00:00:38Z",
		"31/Dec/2016:23:59:60 +0000": "2017-01-01T00:00:00Z",
		"29/Feb/2024:12:00:00 -0230": "2024-02-29T14:30:00Z",
	}
	for in, w := range cases {
		got, ok := parseTime([]byte(in))
		if !ok || got.Format(time.RFC3339) != w {
			t.Errorf("%s: %v %v, want %s", in, got, ok, w)
		}
	}
	for _, in := range []string{
		"", "06/Feb/2019:00:00:38", "06/Fev/2019:00:00:38 +0000", "29/Feb/2023:00:00:00 +0000",
		"06/Feb/2019:24:00:00 +0000", "06/Feb/2019:00:00:38 0000", "6/Feb/2019:00:00:38 +00000",
		"01/Jan/0000:00:00:00 +0100", "31/Dec/9999:23:59:59 -0100",
	} {
		if got, ok := parseTime([]byte(in)); ok {
			t.Errorf("%q parsed as %v", in, got)
		}
	}
}

// Records that do not have the documented form say which field is wrong,
// where, and what was expected.
func TestErrors(t *testing.T) {
	cases := []struct {
		line string
		want string
	}{
		{"", "0 fields, expected at least 18"},
		{fieldsOf(17), "17 fields, expected at least 18"},
		{strings.Replace(docLine, "[06/Feb/2019:00:00:38 +0000]", "[06/Feb/2019:00:00:38 +0000", 1), "column 3: the time has no closing bracket"},
		{strings.Replace(docLine, "[06/Feb/2019:00:00:38 +0000]", "2019-02-06T00:00:38Z", 1), `field 3 (Time) = "2019-02-06T00:00:38Z": not a time`},
		{strings.Replace(docLine, " 192.0.2.3 ", " 192.0.2.300 ", 1), `field 4 (Remote IP) = "192.0.2.300": not an IP address`},
		{strings.Replace(docLine, `HTTP/1.1" 200`, `HTTP/1.1" 20`, 1), `field 10 (HTTP status) = "20": not a three-digit`},
		{strings.Replace(docLine, " 113 - 7 ", " 113 -1 7 ", 1), `field 13 (Object Size) = "-1": not a non-negative integer`},
		{strings.Replace(docLine, " 113 - 7 ", " 113 - 7ms ", 1), `field 14 (Total Time) = "7ms"`},
		{strings.Replace(docLine, " Yes ", " Maybe ", 1), `field 26 (aclRequired) = "Maybe"`},
		{strings.Replace(docLine, " 113 - 7 ", " 113  7 ", 1), "column 13: empty field"},
		{docLine + strings.Repeat(" x", 38), "65 fields, more than the 64"},
		{strings.Replace(docLine, `"S3Console/0.4"`, `"S3Console/0.4`, 1), "column 17: quoted field has no closing quote"},
	}
	for _, c := range cases {
		var ev ecs.Event
		err := normalize([]byte(c.line), &ev, &origin{})
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "s3accesslog record: ") {
			t.Errorf("%s\n  error %v, want it to contain %q", c.line, err, c.want)
		}
		if ev.Len() != 0 {
			t.Errorf("a bad record set %d fields", ev.Len())
		}
	}
	var fe *FieldError
	var ev ecs.Event
	err := normalize([]byte(strings.Replace(docLine, " 192.0.2.3 ", " nowhere ", 1)), &ev, &origin{})
	if !errors.As(err, &fe) || fe.Column != 4 || fe.Field != "Remote IP" || fe.Value != "nowhere" {
		t.Errorf("%#v", err)
	}
}

func TestSplit(t *testing.T) {
	cases := []struct {
		in     string
		fields []string
		quoted uint64
	}{
		{`a [b c] "d e" f`, []string{"a", "[b", "c]", "d e", "f"}, 1 << 3}, // a bracket only counts in the time column
		{`a b [t z] "x\"y" -`, []string{"a", "b", "t z", `x\"y`, "-"}, 1 << 3},
		{`a b [t] "x"y z" -`, []string{"a", "b", "t", `x"y z`, "-"}, 1 << 3}, // a stray quote is text
		{`a b [t] "" -`, []string{"a", "b", "t", "", "-"}, 1 << 3},
		{"a b \r", []string{"a", "b"}, 0},
		{`"" "x"`, []string{"", "x"}, 3},
		{`"x\\" y`, []string{`x\\`, "y"}, 1},
	}
	for _, c := range cases {
		got, q, err := split([]byte(c.in), nil)
		var gs []string
		for _, f := range got {
			gs = append(gs, string(f))
		}
		if err != nil || strings.Join(gs, "|") != strings.Join(c.fields, "|") || q != c.quoted {
			t.Errorf("%q: %q %b %v, want %q %b", c.in, gs, q, err, c.fields, c.quoted)
		}
	}
	if got := string(unescape(nil, []byte(`a\"b\\c\d`))); got != `a"b\c\d` {
		t.Errorf("unescape: %q", got)
	}
}

// Two records differing in any byte have different ids, and a record
// has the same id wherever it is read.
func TestDocID(t *testing.T) {
	a := docID([]byte(docLine))
	if a != docID([]byte(docLine)) || len(a) != 32 {
		t.Fatal(a)
	}
	if a == docID([]byte(strings.Replace(docLine, "113", "114", 1))) {
		t.Fatal("same id for different records")
	}
}

// FuzzNormalize checks that no line makes the normalizer panic, and that
// every line it accepts becomes a valid document with a @timestamp.
func FuzzNormalize(f *testing.F) {
	for _, line := range bytes.Split(samplegen.S3AccessLog(30), []byte("\n")) {
		f.Add(string(line))
	}
	f.Add(docLine)
	f.Add(fieldsOf(18))
	f.Add(docLine + ` x "y\" z" -`)
	o := originOf("logs/123456789012/eu-west-1/amzn-s3-demo-bucket1/2026/11/27/2026-11-27-10-15-42-A1B2C3D4E5F60718")
	f.Fuzz(func(t *testing.T, line string) {
		var ev ecs.Event
		if err := normalize([]byte(line), &ev, &o); err != nil {
			if err.Error() == "" || ev.Len() != 0 {
				t.Fatalf("error %q after setting %d fields", err, ev.Len())
			}
			return
		}
		if err := ev.Err(); err != nil {
			t.Fatal(err)
		}
		doc := ev.AppendJSON(nil)
		if !json.Valid(doc) || !bytes.Contains(doc, []byte(`"@timestamp":`)) {
			t.Fatalf("bad document for %q: %s", line, doc)
		}
		if err := info.CheckDocument(doc); err != nil {
			t.Fatalf("%q: %v\n%s", line, err, doc)
		}
		var m map[string]any
		if err := json.Unmarshal(doc, &m); err != nil {
			t.Fatal(err)
		}
		for k, v := range flatten(m, "", map[string]any{}) {
			if v == "-" || v == "" {
				t.Fatalf("%s holds %q in %s", k, v, doc)
			}
		}
	})
}

package waf

import (
	"io"
	"regexp"
	"strings"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/envelope"
	"github.com/siem-go/siem/parser"
)

const (
	// Name is the registry name of the type.
	Name = "waf"
	// Dataset is the ECS event.dataset of its events; the vendor fields
	// live under it (aws.waf.*).
	Dataset = "aws.waf"
)

// keyPattern matches what the reference system matched (a Firehose
// object, whose name starts with the delivery stream's name, which AWS
// requires to start with aws-waf-logs-, and the _waflogs_ of a directly
// delivered file name) and the WAFLogs/ folder of direct delivery.
var keyPattern = regexp.MustCompile(`aws-waf-logs-|_waflogs_|/WAFLogs/`)

type logType struct{}

// New returns the AWS WAF (WAFv2 and WAF Classic) log type.
func New() siem.LogType { return logType{} }

func (logType) Info() siem.Info {
	return siem.Info{
		Name:        Name,
		Description: "AWS WAF and WAF Classic web ACL logs (direct S3 delivery, one JSON record per line, or Firehose objects of records written back to back)",
		Dataset:     Dataset,
		KeyPattern:  keyPattern,
		SampleKeys: []string{
			// Direct delivery, regional web ACL.
			"AWSLogs/123456789012/WAFLogs/eu-west-1/shop-web-acl/2026/11/27/10/05/123456789012_waflogs_eu-west-1_shop-web-acl_20261127T1005Z_1a2b3c4d.log.gz",
			// Direct delivery, CloudFront (global) web ACL.
			"AWSLogs/123456789012/WAFLogs/cloudfront/cdn-web-acl/2026/11/27/10/10/123456789012_waflogs_cloudfront_cdn-web-acl_20261127T1010Z_5e6f7a8b.log.gz",
			// Firehose with its default YYYY/MM/dd/HH/ prefix.
			"2026/11/27/10/aws-waf-logs-shop-1-2026-11-27-10-05-00-1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d.gz",
			// Firehose under a custom prefix (WAF Classic).
			"waf/classic/2026/11/27/10/aws-waf-logs-classic-3-2026-11-27-10-20-41-0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b",
		},
		// WAF can log to a CloudWatch Logs group (named aws-waf-logs-*),
		// whose subscription can go on to S3 through Firehose.
		Envelopes: []siem.Envelope{envelope.CloudWatchLogs()},
		Vendor:    vendorSchema,
	}
}

func (logType) Open(obj siem.Object, r io.Reader) (siem.ObjectReader, error) {
	k := parseKey(obj.Key)
	records := parser.NewJSONValueReader(r, parser.JSONOptions{})
	return siem.NewObjectReader(records, func(rec siem.Record, ev *ecs.Event) error {
		return normalize(rec, ev, &k)
	}), nil
}

// OpenMessages reads the log events of CloudWatch Logs subscription
// payloads: each message is one record.
func (logType) OpenMessages(obj siem.Object, messages parser.Reader) (siem.ObjectReader, error) {
	k := parseKey(obj.Key)
	return siem.NewObjectReader(messages, func(rec siem.Record, ev *ecs.Event) error {
		return normalize(rec, ev, &k)
	}), nil
}

// Normalize maps one WAF log record onto ev, with nothing known from its
// object's key. It is what the type's readers call, exported for callers
// that frame records themselves.
func Normalize(rec siem.Record, ev *ecs.Event) error {
	return normalize(rec, ev, &keyInfo{})
}

// keyInfo is what a direct-delivery key says:
// AWSLogs/<account>/WAFLogs/<region or "cloudfront">/<web ACL name>/...
type keyInfo struct {
	account, region, webACL string
}

// parseKey reads the account, region and web ACL name of a direct
// delivery key; it leaves them empty for any other key.
func parseKey(key string) keyInfo {
	i := strings.Index(key, "/WAFLogs/")
	if i < 0 {
		return keyInfo{}
	}
	before, after := key[:i], key[i+len("/WAFLogs/"):]
	var k keyInfo
	if j := strings.LastIndexByte(before, '/'); j >= 0 && before[:j] != "" && strings.HasSuffix(before[:j], "AWSLogs") {
		k.account = before[j+1:]
	}
	parts := strings.SplitN(after, "/", 3)
	if len(parts) == 3 {
		k.region = parts[0]
		if k.region == "cloudfront" {
			k.region = regionGlobal
		}
		k.webACL = parts[1]
	}
	if !isAccountID(k.account) {
		k.account = ""
	}
	return k
}

// isAccountID reports whether s is 12 digits.
func isAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

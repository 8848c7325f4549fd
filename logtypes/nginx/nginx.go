package nginx

import (
	"io"
	"regexp"
	"strings"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/envelope"
	"github.com/siem-go/siem/parser"
	"github.com/siem-go/siem/parser/multiline"
)

// The datasets of the two types, which are also their vendor namespaces
// (as in Elastic's NGINX integration; "nginx" is no ECS field set).
const (
	AccessDataset = "nginx.access"
	ErrorDataset  = "nginx.error"
)

// The names of the two types.
const (
	AccessName = "nginx-access"
	ErrorName  = "nginx-error"
)

// Key patterns: the reference system's, which match every way objects
// arrive here (a folder named for NGINX and its access or error log).
var (
	accessKey = regexp.MustCompile(`[Nn]ginx.*[Aa]ccess/`)
	errorKey  = regexp.MustCompile(`[Nn]ginx.*[Ee]rror/`)
)

// errorStart matches the first line of an error-log record.
var errorStart = regexp.MustCompile(`^\d{4}/\d{2}/\d{2} `)

// maxRecordBytes bounds one record (an error record with FastCGI output
// may span many lines).
const maxRecordBytes = 1 << 20

var envelopes = []siem.Envelope{envelope.CloudWatchLogs(), envelope.FireLens()}

// Access returns the log type of NGINX access logs: the combined format,
// with an optional trailing quoted X-Forwarded-For, or with a leading
// host and X-Forwarded-For chain.
func Access() siem.LogType { return accessType{} }

// Error returns the log type of NGINX error logs, whose records may span
// several lines.
func Error() siem.LogType { return errorType{} }

// AccessVendor returns the vendor schema of the fields NormalizeAccessLine
// and the nginx-access type set under nginx.access, for a type that
// embeds NormalizeAccessLine and declares them.
func AccessVendor() siem.VendorSchema {
	return siem.VendorSchema{Namespace: AccessDataset}
}

type accessType struct{}

func (accessType) Info() siem.Info {
	return siem.Info{
		Name:        AccessName,
		Description: "NGINX access logs (combined, with X-Forwarded-For), from files, CloudWatch Logs via Firehose, or FireLens",
		Dataset:     AccessDataset,
		KeyPattern:  accessKey,
		SampleKeys: []string{
			// CloudWatch agent -> CloudWatch Logs -> subscription -> Firehose (the reference's layout).
			"AWSLogs/aws-account-id=123456789012/service=nginx-access/web-site-name=shop/aws-region=ap-northeast-1/2026/11/27/10/aes-siem-web-logs-1-2026-11-27-10-05-00-0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
			// A file copied from the server.
			"logs/web-01/nginx/access/2026/11/27/access.log.gz",
			// FireLens (Fluent Bit's S3 output, one prefix per stream).
			"fluent-bit-logs/nginx-access/shop-web-firelens-5f3c2a1b/2026/11/27/10/05/00-0b1c2d3e.gz",
		},
		Envelopes: envelopes,
		Vendor:    AccessVendor(),
	}
}

func (accessType) Open(_ siem.Object, r io.Reader) (siem.ObjectReader, error) {
	return siem.NewObjectReader(parser.NewLineReader(r, parser.LineOptions{MaxLineBytes: maxRecordBytes}), normalizeAccess), nil
}

func (accessType) OpenMessages(_ siem.Object, messages parser.Reader) (siem.ObjectReader, error) {
	return siem.NewObjectReader(messages, normalizeAccess), nil
}

type errorType struct{}

func (errorType) Info() siem.Info {
	return siem.Info{
		Name:        ErrorName,
		Description: "NGINX error logs (multi-line records), from files, CloudWatch Logs via Firehose, or FireLens",
		Dataset:     ErrorDataset,
		KeyPattern:  errorKey,
		SampleKeys: []string{
			"AWSLogs/aws-account-id=123456789012/service=nginx-error/web-site-name=shop/aws-region=ap-northeast-1/2026/11/27/10/aes-siem-web-logs-1-2026-11-27-10-05-00-1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e",
			"logs/web-01/nginx/error/2026/11/27/error.log.gz",
			"fluent-bit-logs/nginx-error/shop-web-firelens-5f3c2a1b/2026/11/27/10/05/00-1c2d3e4f.gz",
		},
		Envelopes: envelopes,
		Vendor: siem.VendorSchema{Fields: []siem.VendorField{
			{Path: "connection_id", Type: siem.VendorLong},
		}},
	}
}

func (errorType) Open(_ siem.Object, r io.Reader) (siem.ObjectReader, error) {
	lines, err := multiline.NewReader(r, multiline.Options{Start: errorStart, MaxRecordBytes: maxRecordBytes})
	if err != nil {
		return nil, err
	}
	return siem.NewObjectReader(lines, normalizeError), nil
}

// OpenMessages joins messages into error records: a FireLens container's
// stderr splits FastCGI output into lines, and a CloudWatch agent without
// multi_line_start_pattern does the same.
func (errorType) OpenMessages(_ siem.Object, messages parser.Reader) (siem.ObjectReader, error) {
	return siem.NewObjectReader(multiline.JoinMessages(messages, errorStart, maxRecordBytes), normalizeError), nil
}

// setSource sets what the delivery says about the server: the EC2
// instance named by a CloudWatch Logs stream (the agent's default stream
// name is the instance id) and the site named by the reference system's
// key layout (.../web-site-name=<name>/...).
func setSource(rec siem.Record, ev *ecs.Event) {
	if rec.Delivery != nil {
		if m, ok := rec.Delivery.Meta.(*envelope.CloudWatchLogsMeta); ok {
			ev.Keyword("cloud.instance.id", instanceID(m.LogStream))
		}
	}
	ev.Keyword("service.name", siteName(rec.Object.Key))
}

// instanceID finds an EC2 instance id ("i-" and 8 or 17 hex digits,
// standing alone) in a log stream name.
func instanceID(s string) string {
	for i := 0; i+10 <= len(s); i++ {
		if s[i] != 'i' || s[i+1] != '-' || (i > 0 && isWord(s[i-1])) {
			continue
		}
		n := 0
		for i+2+n < len(s) && isHex(s[i+2+n]) {
			n++
		}
		if (n == 8 || n == 17) && (i+2+n == len(s) || !isWord(s[i+2+n])) {
			return s[i : i+2+n]
		}
	}
	return ""
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' }

func isWord(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// siteName reads the web-site-name=<name> segment of a key.
func siteName(key string) string {
	const seg = "web-site-name="
	i := strings.Index(key, seg)
	if i < 0 || (i > 0 && key[i-1] != '/') {
		return ""
	}
	name := key[i+len(seg):]
	if j := strings.IndexByte(name, '/'); j >= 0 {
		name = name[:j]
	}
	return name
}

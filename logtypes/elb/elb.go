package elb

import (
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
)

// Dataset is the event.dataset of all three types; their vendor fields
// share the aws.elb namespace, as in Elastic's AWS integration.
const Dataset = "aws.elb"

// Key patterns match the file names ELB gives its access logs:
//
//	<account>_elasticloadbalancing_<region>_net.<lb-name>.<lb-id>_<end-time>_<random>.log.gz
//	<account>_elasticloadbalancing_<region>_app.<lb-name>.<lb-id>_<end-time>_<node-ip>_<random>.log.gz
//	<account>_elasticloadbalancing_<region>_<lb-name>_<end-time>_<node-ip>_<random>.log
//
// They are anchored to the start of the file name so that ALB connection
// logs (conn_log.<account>_...) and other files in the same prefix are not
// taken for access logs. NLB and ALB names differ by the "net."/"app."
// prefix and the node address, CLB names by having no dots in the load
// balancer name; so the three never match one key, whatever the order.
var (
	nlbKey = regexp.MustCompile(`(?:^|/)\d{12}_elasticloadbalancing_[a-z0-9-]+_net\.[A-Za-z0-9.-]+_\d{8}T\d{4}Z_[0-9a-z]{8}\.log\.gz$`)
	albKey = regexp.MustCompile(`(?:^|/)\d{12}_elasticloadbalancing_[a-z0-9-]+_app\.[A-Za-z0-9.-]+_\d{8}T\d{4}Z_\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}_\w+\.log\.gz$`)
	// CLB logs are delivered uncompressed; a copy someone compressed is
	// still a CLB log, and decompression is sniffed from the content.
	clbKey = regexp.MustCompile(`(?:^|/)\d{12}_elasticloadbalancing_[a-z0-9-]+_[A-Za-z0-9-]+_\d{8}T\d{4}Z_\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}_\w+\.log(?:\.gz)?$`)
)

// ALB returns the log type of Application Load Balancer access logs.
func ALB() siem.LogType {
	return &logType{
		info: siem.Info{
			Name:        "alb",
			Description: "Application Load Balancer access logs: HTTP, HTTPS, HTTP/2, gRPC and WebSocket requests",
			Dataset:     Dataset,
			KeyPattern:  albKey,
			SampleKeys: []string{
				"AWSLogs/123456789012/elasticloadbalancing/us-east-1/2026/11/27/123456789012_elasticloadbalancing_us-east-1_app.my-alb.50dc6c495c0c9188_20261127T1005Z_198.51.100.10_2et2e1mx.log.gz",
				"my-prefix/AWSLogs/123456789012/elasticloadbalancing/eu-west-1/2026/11/27/123456789012_elasticloadbalancing_eu-west-1_app.internal-api.0a1b2c3d4e5f6a7b_20261127T2355Z_10.0.3.17_5kq9x2ab.log.gz",
			},
			Vendor: vendorSchema,
		},
		normalize: normalizeALB,
	}
}

// NLB returns the log type of Network Load Balancer access logs, which
// record the connections to TLS listeners.
func NLB() siem.LogType {
	return &logType{
		info: siem.Info{
			Name:        "nlb",
			Description: "Network Load Balancer access logs: connections to TLS listeners",
			Dataset:     Dataset,
			KeyPattern:  nlbKey,
			SampleKeys: []string{
				"AWSLogs/123456789012/elasticloadbalancing/us-east-1/2026/11/27/123456789012_elasticloadbalancing_us-east-1_net.my-nlb.0123456789abcdef_20261127T1005Z_1a2b3c4d.log.gz",
				"my-prefix/AWSLogs/123456789012/elasticloadbalancing/eu-west-1/2026/11/27/123456789012_elasticloadbalancing_eu-west-1_net.tls-edge.c6e77e28c25b2234_20261127T2340Z_3zyfz5wd.log.gz",
			},
			Vendor: vendorSchema,
		},
		normalize: normalizeNLB,
	}
}

// CLB returns the log type of Classic Load Balancer access logs.
func CLB() siem.LogType {
	return &logType{
		info: siem.Info{
			Name:        "clb",
			Description: "Classic Load Balancer access logs: HTTP, HTTPS, TCP and SSL listeners",
			Dataset:     Dataset,
			KeyPattern:  clbKey,
			SampleKeys: []string{
				"AWSLogs/123456789012/elasticloadbalancing/us-east-1/2026/11/27/123456789012_elasticloadbalancing_us-east-1_my-clb_20261127T1005Z_198.51.100.10_abc123.log",
				"my-prefix/AWSLogs/123456789012/elasticloadbalancing/us-gov-west-1/2026/11/27/123456789012_elasticloadbalancing_us-gov-west-1_legacy-web_20261127T2340Z_10.0.0.5_20sg8hgm.log",
			},
			Vendor: vendorSchema,
		},
		normalize: normalizeCLB,
	}
}

type normalizeFunc func(line []byte, ev *ecs.Event, o *origin) error

type logType struct {
	info      siem.Info
	normalize normalizeFunc
}

func (t *logType) Info() siem.Info { return t.info }

// Open frames the object into lines; every line is one entry.
func (t *logType) Open(obj siem.Object, r io.Reader) (siem.ObjectReader, error) {
	return &objectReader{
		Reader:    parser.NewLineReader(r, parser.LineOptions{}),
		origin:    originOf(obj.Key),
		normalize: t.normalize,
	}, nil
}

type objectReader struct {
	parser.Reader
	origin    origin
	normalize normalizeFunc
}

func (o *objectReader) Normalize(rec siem.Record, ev *ecs.Event) error {
	return o.normalize(rec.Data, ev, &o.origin)
}

// origin is what an object's key tells about all its entries: the
// account and region of the load balancer.
type origin struct {
	account, region string
}

// originOf reads the account and region from an ELB file name,
// "<account>_elasticloadbalancing_<region>_...". Other names give nothing.
func originOf(key string) origin {
	name := key[strings.LastIndexByte(key, '/')+1:]
	account, rest, ok := strings.Cut(name, "_elasticloadbalancing_")
	if !ok || len(account) != 12 || strings.Trim(account, "0123456789") != "" {
		return origin{}
	}
	region, _, ok := strings.Cut(rest, "_")
	if !ok {
		return origin{}
	}
	return origin{account: account, region: region}
}

// Constant values, encoded once: Keyword would scan them for escapes on
// every entry, and the ALB normalizer sets a dozen of them.
var (
	jsonAWS     = []byte(`"aws"`)
	jsonSuccess = []byte(`"success"`)
	jsonFailure = []byte(`"failure"`)
	jsonHTTP    = []byte(`"http"`)
	jsonEvent   = []byte(`"event"`)
	jsonWeb     = []byte(`["web"]`)
	jsonAccess  = []byte(`["access"]`)
)

// setCloud sets the cloud fields every ELB event carries.
func setCloud(ev *ecs.Event, o *origin) {
	ev.Keyword("cloud.account.id", o.account)
	ev.RawJSON("cloud.provider", jsonAWS)
	ev.Keyword("cloud.region", o.region)
}

// setOutcome derives event.outcome from the status code the load
// balancer sent to the client, as Elastic does.
func setOutcome(ev *ecs.Event, status optInt) {
	switch {
	case !status.ok:
	case status.v < 400:
		ev.RawJSON("event.outcome", jsonSuccess)
	default:
		ev.RawJSON("event.outcome", jsonFailure)
	}
}

// splitError reports a line SplitQuoted could not cut into fields.
func splitError(k kind, err error) error {
	return fmt.Errorf("%s access log entry: %v; the line is truncated or is not in the %s access log format", kinds[k].name, err, kinds[k].upper)
}

// tooFew reports an entry with fewer fields than its format has.
func tooFew(k kind, have, want int) error {
	return fmt.Errorf("%s access log entry: %d fields, expected at least %d; the line is truncated or is not in the %s access log format",
		kinds[k].name, have, want, kinds[k].upper)
}

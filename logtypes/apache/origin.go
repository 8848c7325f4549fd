package apache

import (
	"strings"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/envelope"
)

// origin is what an object's key says about its records: the reference
// system's log exporter writes CloudWatch Logs payloads under
// AWSLogs/aws-account-id=<account>/service=apache-access/web-site-name=<site>/aws-region=<region>/.
type origin struct {
	site, region, account string
}

func originOf(key string) origin {
	return origin{
		site:    keySegment(key, "web-site-name="),
		region:  keySegment(key, "aws-region="),
		account: keySegment(key, "aws-account-id="),
	}
}

// keySegment returns the value of the key's first "/<name>value/" path
// segment, "" when there is none.
func keySegment(key, name string) string {
	i := strings.Index(key, name)
	if i < 0 || i > 0 && key[i-1] != '/' {
		return ""
	}
	v := key[i+len(name):]
	j := strings.IndexByte(v, '/')
	if j <= 0 {
		return ""
	}
	return v[:j]
}

// write sets service.name, cloud.region and cloud.account.id from the key,
// and, for CloudWatch Logs messages, cloud.instance.id from a log stream
// named after an EC2 instance (the CloudWatch agent's default,
// {instance_id}). The account of the envelope (the log group's owner)
// wins over the key's.
func (o *origin) write(rec *siem.Record, ev *ecs.Event, instance string) {
	ev.Keyword("service.name", o.site)
	if o.region != "" {
		ev.Keyword("cloud.region", o.region)
	}
	if o.account != "" && !ev.Has("cloud.account.id") {
		ev.Keyword("cloud.account.id", o.account)
	}
	if rec.Delivery == nil {
		return
	}
	ev.Keyword("cloud.instance.id", instance)
	if m, ok := rec.Delivery.Meta.(*envelope.CloudWatchLogsMeta); ok {
		if strings.Contains(m.LogGroup, "ssl") && !ev.Has("url.scheme") {
			ev.Keyword("url.scheme", "https")
		}
	}
}

// instance returns the EC2 instance a CloudWatch Logs message's log
// stream is named after, "" when none.
func (o *origin) instance(rec *siem.Record) string {
	if rec.Delivery == nil {
		return ""
	}
	if m, ok := rec.Delivery.Meta.(*envelope.CloudWatchLogsMeta); ok {
		return instanceID(m.LogStream)
	}
	return ""
}

// instanceID finds an EC2 instance id (i- and 8 or 17 lower-case hex
// digits, standing alone) in a log stream name.
func instanceID(s string) string {
	for i := 0; i+10 <= len(s); i++ {
		if s[i] != 'i' || s[i+1] != '-' || i > 0 && isWordByte(s[i-1]) {
			continue
		}
		n := 0
		for i+2+n < len(s) && isHex(s[i+2+n]) {
			n++
		}
		if (n == 8 || n == 17) && (i+2+n == len(s) || !isWordByte(s[i+2+n])) {
			return s[i : i+2+n]
		}
	}
	return ""
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' }

func isWordByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

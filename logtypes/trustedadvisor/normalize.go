package trustedadvisor

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/valyala/fastjson"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
)

var parsers fastjson.ParserPool

func normalize(rec siem.Record, ev *ecs.Event) error {
	p := parsers.Get()
	defer parsers.Put(p)
	v, err := p.ParseBytes(rec.Data)
	if err != nil {
		return fmt.Errorf("not JSON: %v", err)
	}
	if v.Type() != fastjson.TypeObject {
		return fmt.Errorf("want a JSON object (a check result record or a check item refresh event detail), got %s", kind(v.Type()))
	}
	ev.Keyword("cloud.provider", "aws")
	ev.Keywords("event.category", "configuration")
	ev.Keywords("event.type", "info")
	switch {
	case v.Exists("check") && v.Exists("result"):
		return checkResult(rec, v, ev)
	case v.Exists("check-name"):
		return refreshEvent(rec, v, ev)
	case isCloudTrail(v):
		return siem.Exclude(RuleCloudTrailRecord)
	}
	return fmt.Errorf("neither a Trusted Advisor check result record (check, result) nor a check item refresh event detail (check-name)")
}

// isCloudTrail reports whether v is a CloudTrail record: it names the
// API call's service and operation.
func isCloudTrail(v *fastjson.Value) bool {
	for _, k := range [...]string{"eventVersion", "eventSource", "eventName"} {
		if m := v.Get(k); m == nil || m.Type() != fastjson.TypeString {
			return false
		}
	}
	return true
}

// str returns the string member key of v: nil when absent, null or
// empty, an error when it is another JSON type.
func str(v *fastjson.Value, key string) ([]byte, error) {
	m := v.Get(key)
	if m == nil || m.Type() == fastjson.TypeNull {
		return nil, nil
	}
	b, err := m.StringBytes()
	if err != nil {
		return nil, fmt.Errorf("%s: want a string, got %s", key, kind(m.Type()))
	}
	return b, nil
}

// object returns the object member key of v, nil when absent or null.
func object(v *fastjson.Value, key string) (*fastjson.Value, error) {
	m := v.Get(key)
	if m == nil || m.Type() == fastjson.TypeNull {
		return nil, nil
	}
	if m.Type() != fastjson.TypeObject {
		return nil, fmt.Errorf("%s: want an object, got %s", key, kind(m.Type()))
	}
	return m, nil
}

// status maps a check or resource status (the API's ok, warning, error,
// not_available; EventBridge's OK, WARN, ERROR) onto event.kind and
// event.outcome. A suppressed resource still fails the check, but its
// owner has excluded it from Trusted Advisor's results on purpose: it is
// a state, not an alert to act on.
func status(ev *ecs.Event, s []byte, suppressed bool) {
	switch strings.ToLower(string(s)) {
	case "ok":
		ev.Keyword("event.kind", "state")
		ev.Keyword("event.outcome", "success")
	case "warning", "warn", "error":
		if suppressed {
			ev.Keyword("event.kind", "state")
		} else {
			ev.Keyword("event.kind", "alert")
		}
		ev.Keyword("event.outcome", "failure")
	default:
		ev.Keyword("event.kind", "state")
	}
}

// parseTime reads an RFC 3339 time, or the Lambda's creation_date
// (Python's isoformat of a naive UTC time: no offset), as UTC.
func parseTime(b []byte) (time.Time, error) {
	t, err := parser.ParseRFC3339(b)
	if err == nil {
		return t.UTC(), nil
	}
	if t2, err2 := time.ParseInLocation("2006-01-02T15:04:05.999999999", string(b), time.UTC); err2 == nil {
		return t2, nil
	}
	return time.Time{}, err
}

// columns collects what the values of a flagged resource or check item
// say about resources: IPs, EC2 instances, the service of ARNs.
type columns struct {
	ips       []netip.Addr
	instances []string
	service   string
	// region is a Region column's value, arnRegion the region of the
	// first ARN that names one.
	region, arnRegion string
}

// resourceRegion is where the resource lives, "" when nothing says.
func (c *columns) resourceRegion() string {
	if c.region != "" {
		return c.region
	}
	return c.arnRegion
}

func (c *columns) value(key string, val []byte) {
	s := strings.TrimSpace(string(val))
	if a, err := netip.ParseAddr(s); err == nil {
		c.ips = append(c.ips, a.Unmap())
		return
	}
	if strings.HasPrefix(s, "arn:") {
		parts := strings.SplitN(s, ":", 6)
		if len(parts) == 6 {
			if c.service == "" && parts[2] != "" {
				c.service = parts[2]
			}
			if c.arnRegion == "" && parts[3] != "" {
				c.arnRegion = parts[3]
			}
			if parts[2] == "ec2" && strings.HasPrefix(parts[5], "instance/i-") {
				c.instances = append(c.instances, parts[5][len("instance/"):])
			}
		}
		return
	}
	if isInstanceID(s) {
		c.instances = append(c.instances, s)
	}
	if c.region == "" && key == "Region" && s != "" {
		c.region = s
	}
}

func isInstanceID(s string) bool {
	if !strings.HasPrefix(s, "i-") || (len(s) != 10 && len(s) != 19) {
		return false
	}
	for _, c := range s[2:] {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

func (c *columns) write(ev *ecs.Event) {
	if len(c.ips) > 0 {
		ev.IPs("related.ip", c.ips...)
	}
	if len(c.instances) > 0 {
		ev.Keyword("cloud.instance.id", c.instances[0])
		ev.Keywords("related.hosts", c.instances...)
	}
	ev.Keyword("cloud.service.name", c.service)
}

// maxFlatLeaf bounds a key plus value of the flat_object written: longer
// terms fail the document in OpenSearch, so such a row goes to the text
// form.
const maxFlatLeaf = 32000

// flat builds a one-level JSON object of column names and values for a
// flat_object field: keys have their dots replaced (a dot is a path
// separator there), empty and repeated keys are numbered, null values are
// left out. It reports false when a key or value is too long for that
// mapping.
type flat struct {
	buf  []byte
	seen map[string]bool
	n    int
}

func (f *flat) add(key string, val []byte, c *columns) bool {
	key = strings.TrimSpace(strings.ReplaceAll(key, ".", "_"))
	if key == "" {
		key = "column_" + strconv.Itoa(f.n+1)
	}
	if f.seen == nil {
		f.seen = map[string]bool{}
	}
	for base, i := key, 2; f.seen[key]; i++ {
		key = base + "_" + strconv.Itoa(i)
	}
	f.seen[key] = true
	f.n++
	if c != nil {
		c.value(key, val)
	}
	if f.buf == nil {
		f.buf = append(f.buf, '{')
	} else {
		f.buf = append(f.buf, ',')
	}
	f.buf = ecs.AppendString(f.buf, key)
	f.buf = append(f.buf, ':')
	f.buf = ecs.AppendStringBytes(f.buf, val)
	return len(key)+len(val) <= maxFlatLeaf
}

// leaf returns a value as text: a string as it is, anything else as JSON;
// nil for null and empty strings.
func leaf(v *fastjson.Value) []byte {
	switch v.Type() {
	case fastjson.TypeNull:
		return nil
	case fastjson.TypeString:
		b, _ := v.StringBytes()
		return b
	}
	return v.MarshalTo(nil)
}

// other collects members normalize does not know, as one JSON object text.
type other struct{ buf []byte }

func (o *other) add(key string, v *fastjson.Value) {
	if o.buf == nil {
		o.buf = append(o.buf, '{')
	} else {
		o.buf = append(o.buf, ',')
	}
	o.buf = ecs.AppendString(o.buf, key)
	o.buf = append(o.buf, ':')
	o.buf = v.MarshalTo(o.buf)
}

func (o *other) write(ev *ecs.Event) {
	if o.buf != nil {
		ev.KeywordBytes("aws.trustedadvisor.other", append(o.buf, '}'))
	}
}

func known(keys []string, k []byte) bool {
	for _, s := range keys {
		if s == string(k) {
			return true
		}
	}
	return false
}

var recordKeys = []string{"requestid", "creation_date", "account", "check", "result", "refreshable", "check_ja"}
var checkKeys = []string{"id", "name", "description", "category", "metadata"}
var resultKeys = []string{"checkId", "timestamp", "status", "resourcesSummary", "categorySpecificSummary", "flaggedResources", "flaggedResource"}
var resourceKeys = []string{"status", "region", "resourceId", "isSuppressed", "metadata", "number"}

// checkResult maps one record of the reference system's Lambda: a check's
// result, or (with result.flaggedResource) one flagged resource of it.
func checkResult(rec siem.Record, v *fastjson.Value, ev *ecs.Event) error {
	var o other
	created, err := str(v, "creation_date")
	if err != nil {
		return err
	}
	switch {
	case created != nil:
		ts, err := parseTime(created)
		if err != nil {
			return fmt.Errorf("creation_date %q: not a time", truncate(created))
		}
		ev.Date("@timestamp", ts)
	case rec.Delivery != nil && !rec.Delivery.Time.IsZero():
		ev.Date("@timestamp", rec.Delivery.Time.UTC())
	default:
		return fmt.Errorf("no creation_date")
	}
	check, err := object(v, "check")
	if err != nil {
		return err
	}
	result, err := object(v, "result")
	if err != nil {
		return err
	}
	if check == nil || result == nil {
		return fmt.Errorf("check and result must both be objects")
	}
	var cf [4][]byte
	for i, k := range checkKeys[:4] {
		if cf[i], err = str(check, k); err != nil {
			return fmt.Errorf("check.%v", err)
		}
	}
	checkID := cf[0]
	if checkID == nil {
		if checkID, err = str(result, "checkId"); err != nil {
			return fmt.Errorf("result.%v", err)
		}
	}
	if checkID == nil {
		return fmt.Errorf("no check id (check.id, result.checkId)")
	}
	ev.KeywordBytes("rule.id", checkID)
	ev.KeywordBytes("rule.name", cf[1])
	ev.KeywordBytes("rule.description", cf[2])
	ev.KeywordBytes("rule.category", cf[3])
	ev.Keyword("rule.ruleset", "AWS Trusted Advisor")
	var cols []string
	if m := check.Get("metadata"); m != nil && m.Type() == fastjson.TypeArray {
		for _, c := range m.GetArray() {
			cols = append(cols, string(leaf(c)))
		}
		ev.Keywords("aws.trustedadvisor.check.metadata", cols...)
	}
	acct, err := str(v, "account")
	if err != nil {
		return err
	}
	ev.KeywordBytes("cloud.account.id", acct)
	reqID, err := str(v, "requestid")
	if err != nil {
		return err
	}
	ev.KeywordBytes("aws.trustedadvisor.request_id", reqID)
	if m := v.Get("refreshable"); m != nil && m.Type() != fastjson.TypeNull {
		b, err := m.Bool()
		if err != nil {
			return fmt.Errorf("refreshable: want true or false, got %s", kind(m.Type()))
		}
		ev.Bool("aws.trustedadvisor.refreshable", b)
	}
	if ja, err := object(v, "check_ja"); err != nil {
		return err
	} else if ja != nil {
		for _, f := range []struct{ key, path string }{
			{"name", "aws.trustedadvisor.check_ja.name"},
			{"description", "aws.trustedadvisor.check_ja.description"},
			{"category", "aws.trustedadvisor.check_ja.category"},
		} {
			b, err := str(ja, f.key)
			if err != nil {
				return fmt.Errorf("check_ja.%v", err)
			}
			ev.KeywordBytes(f.path, b)
		}
		if m := ja.Get("metadata"); m != nil && m.Type() == fastjson.TypeArray {
			var names []string
			for _, c := range m.GetArray() {
				names = append(names, string(leaf(c)))
			}
			ev.Keywords("aws.trustedadvisor.check_ja.metadata", names...)
		}
	}

	// The result.
	rs, err := str(result, "status")
	if err != nil {
		return fmt.Errorf("result.%v", err)
	}
	ev.KeywordBytes("aws.trustedadvisor.result.status", rs)
	if ts, err := str(result, "timestamp"); err != nil {
		return fmt.Errorf("result.%v", err)
	} else if ts != nil {
		t, err := parseTime(ts)
		if err != nil {
			return fmt.Errorf("result.timestamp %q: not a time", truncate(ts))
		}
		ev.Date("aws.trustedadvisor.result.timestamp", t)
	}
	if sum, err := object(result, "resourcesSummary"); err != nil {
		return fmt.Errorf("result.%v", err)
	} else if sum != nil {
		for _, f := range []struct{ key, path string }{
			{"resourcesProcessed", "aws.trustedadvisor.result.resources_summary.resources_processed"},
			{"resourcesFlagged", "aws.trustedadvisor.result.resources_summary.resources_flagged"},
			{"resourcesIgnored", "aws.trustedadvisor.result.resources_summary.resources_ignored"},
			{"resourcesSuppressed", "aws.trustedadvisor.result.resources_summary.resources_suppressed"},
		} {
			if m := sum.Get(f.key); m != nil && m.Type() != fastjson.TypeNull {
				n, err := m.Int64()
				if err != nil {
					return fmt.Errorf("result.resourcesSummary.%s: want an integer, got %s", f.key, kind(m.Type()))
				}
				ev.Long(f.path, n)
			}
		}
	}
	if cs, err := object(result, "categorySpecificSummary"); err != nil {
		return fmt.Errorf("result.%v", err)
	} else if cs != nil {
		if co, err := object(cs, "costOptimizing"); err != nil {
			return fmt.Errorf("result.categorySpecificSummary.%v", err)
		} else if co != nil {
			for _, f := range []struct{ key, path string }{
				{"estimatedMonthlySavings", "aws.trustedadvisor.result.category_specific_summary.cost_optimizing.estimated_monthly_savings"},
				{"estimatedPercentMonthlySavings", "aws.trustedadvisor.result.category_specific_summary.cost_optimizing.estimated_percent_monthly_savings"},
			} {
				if m := co.Get(f.key); m != nil && m.Type() != fastjson.TypeNull {
					x, err := m.Float64()
					if err != nil {
						return fmt.Errorf("result.categorySpecificSummary.costOptimizing.%s: want a number, got %s", f.key, kind(m.Type()))
					}
					ev.Double(f.path, x)
				}
			}
		}
	}

	id := string(checkID) + "@" + string(created)
	fr, err := object(result, "flaggedResource")
	if err != nil {
		return fmt.Errorf("result.%v", err)
	}
	if fr == nil {
		// The check's own record; its flaggedResources follow as records
		// of their own.
		status(ev, rs, false)
		ev.SetID(id)
		visitOther(v, result, check, nil, &o)
		o.write(ev)
		return ev.Err()
	}
	frs, err := str(fr, "status")
	if err != nil {
		return fmt.Errorf("result.flaggedResource.%v", err)
	}
	ev.KeywordBytes("aws.trustedadvisor.flagged_resource.status", frs)
	region, err := str(fr, "region")
	if err != nil {
		return fmt.Errorf("result.flaggedResource.%v", err)
	}
	ev.KeywordBytes("cloud.region", region)
	ev.KeywordBytes("aws.trustedadvisor.flagged_resource.region", region)
	resID, err := str(fr, "resourceId")
	if err != nil {
		return fmt.Errorf("result.flaggedResource.%v", err)
	}
	ev.KeywordBytes("aws.trustedadvisor.flagged_resource.resource_id", resID)
	suppressed := false
	if m := fr.Get("isSuppressed"); m != nil && m.Type() != fastjson.TypeNull {
		b, err := m.Bool()
		if err != nil {
			return fmt.Errorf("result.flaggedResource.isSuppressed: want true or false, got %s", kind(m.Type()))
		}
		ev.Bool("aws.trustedadvisor.flagged_resource.is_suppressed", b)
		suppressed = b
	}
	status(ev, frs, suppressed)
	if m := fr.Get("number"); m != nil && m.Type() != fastjson.TypeNull {
		n, err := m.Int64()
		if err != nil {
			return fmt.Errorf("result.flaggedResource.number: want an integer, got %s", kind(m.Type()))
		}
		ev.Long("aws.trustedadvisor.flagged_resource.number", n)
		id += "#" + strconv.FormatInt(n, 10)
	} else if resID != nil {
		id += "#" + string(resID)
	}
	ev.SetID(id)
	if m := fr.Get("metadata"); m != nil && m.Type() != fastjson.TypeNull {
		vals, err := m.Array()
		if err != nil {
			return fmt.Errorf("result.flaggedResource.metadata: want an array, got %s", kind(m.Type()))
		}
		var f flat
		var c columns
		fits := true
		for i, x := range vals {
			val := leaf(x)
			if val == nil {
				continue
			}
			key := ""
			if i < len(cols) {
				key = cols[i]
			} else {
				key = "column_" + strconv.Itoa(i+1)
			}
			if !f.add(key, val, &c) {
				fits = false
			}
		}
		if f.buf != nil {
			f.buf = append(f.buf, '}')
			if fits {
				ev.RawJSON("aws.trustedadvisor.flagged_resource.metadata", f.buf)
			} else {
				ev.KeywordBytes("aws.trustedadvisor.flagged_resource.metadata_text", f.buf)
			}
		}
		if r := c.resourceRegion(); r != "" && region == nil {
			ev.Keyword("cloud.region", r)
		}
		c.write(ev)
	}
	visitOther(v, result, check, fr, &o)
	o.write(ev)
	return ev.Err()
}

// visitOther keeps the members of a check result record that are not
// mapped.
func visitOther(v, result, check, fr *fastjson.Value, o *other) {
	obj, _ := v.Object()
	obj.Visit(func(k []byte, m *fastjson.Value) {
		if !known(recordKeys, k) {
			o.add(string(k), m)
		}
	})
	obj, _ = check.Object()
	obj.Visit(func(k []byte, m *fastjson.Value) {
		if !known(checkKeys, k) {
			o.add("check."+string(k), m)
		}
	})
	obj, _ = result.Object()
	obj.Visit(func(k []byte, m *fastjson.Value) {
		if !known(resultKeys, k) {
			o.add("result."+string(k), m)
		}
	})
	if fr != nil {
		obj, _ = fr.Object()
		obj.Visit(func(k []byte, m *fastjson.Value) {
			if !known(resourceKeys, k) {
				o.add("result.flaggedResource."+string(k), m)
			}
		})
	}
}

var eventKeys = []string{"check-name", "check-item-detail", "status", "resource_id", "uuid"}

// refreshEvent maps the detail of a "Trusted Advisor Check Item Refresh
// Notification" EventBridge event: one check item (resource) of a check.
func refreshEvent(rec siem.Record, v *fastjson.Value, ev *ecs.Event) error {
	var f [5][]byte
	for i, k := range eventKeys {
		if i == 1 {
			continue
		}
		b, err := str(v, k)
		if err != nil {
			return err
		}
		f[i] = b
	}
	if rec.Delivery != nil && !rec.Delivery.Time.IsZero() {
		ev.Date("@timestamp", rec.Delivery.Time.UTC())
	} else {
		ev.Date("@timestamp", rec.Ingested.UTC())
	}
	status(ev, f[2], false)
	ev.KeywordBytes("rule.name", f[0])
	ev.Keyword("rule.ruleset", "AWS Trusted Advisor")
	ev.KeywordBytes("aws.trustedadvisor.status", f[2])
	ev.KeywordBytes("aws.trustedadvisor.resource_id", f[3])
	ev.KeywordBytes("aws.trustedadvisor.uuid", f[4])
	detail, err := object(v, "check-item-detail")
	if err != nil {
		return err
	}
	var c columns
	if f[3] != nil {
		// The resource_id is the resource's ARN.
		c.value("", f[3])
	}
	if detail != nil {
		var fl flat
		fits := true
		obj, _ := detail.Object()
		obj.Visit(func(k []byte, m *fastjson.Value) {
			if val := leaf(m); val != nil && !fl.add(string(k), val, &c) {
				fits = false
			}
		})
		if fl.buf != nil {
			fl.buf = append(fl.buf, '}')
			if fits {
				ev.RawJSON("aws.trustedadvisor.check_item_detail", fl.buf)
			} else {
				ev.KeywordBytes("aws.trustedadvisor.check_item_detail_text", fl.buf)
			}
		}
	}
	// The envelope's region is Trusted Advisor's (us-east-1); the
	// resource's, when known, is the one that matters.
	if r := c.resourceRegion(); r != "" {
		ev.Keyword("cloud.region", r)
	}
	c.write(ev)
	var o other
	obj, _ := v.Object()
	obj.Visit(func(k []byte, m *fastjson.Value) {
		if !known(eventKeys, k) {
			o.add(string(k), m)
		}
	})
	o.write(ev)
	return ev.Err()
}

// truncate bounds a value quoted in an error message.
func truncate(b []byte) string {
	if len(b) > 64 {
		return string(b[:64]) + "..."
	}
	return string(b)
}

// kind names a JSON type for messages, with its article.
func kind(t fastjson.Type) string {
	switch t {
	case fastjson.TypeObject:
		return "an object"
	case fastjson.TypeArray:
		return "an array"
	case fastjson.TypeTrue, fastjson.TypeFalse:
		return "a boolean"
	case fastjson.TypeNull:
		return "null"
	}
	return "a " + t.String()
}

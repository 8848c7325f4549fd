package inspector

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/valyala/fastjson"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/envelope"
	"github.com/siem-go/siem/logtypes/internal/freeform"
	"github.com/siem-go/siem/parser"
)

var parsers fastjson.ParserPool

// maxIDBytes is the longest document id OpenSearch takes; a longer one
// is replaced by its SHA-256.
const maxIDBytes = 512

// maxItems bounds the arrays a finding's members may hold (resources,
// vulnerable packages, reference URLs, addresses, tags): the API's own
// limits are far lower, and an array past it is refused rather than
// de-duplicated at a quadratic cost.
const maxItems = 1000

// detailTypeFinding is the EventBridge detail-type of findings.
const detailTypeFinding = "Inspector2 Finding"

// finding holds the finding's top-level members, nil when absent.
type finding struct {
	arn, account, typ, title, description, severity, status *fastjson.Value
	first, last, updated                                    *fastjson.Value
	score, scoreDetails, exploitAvailable, fixAvailable     *fastjson.Value
	exploitability, epss, remediation, resources            *fastjson.Value
	pkg, network, code                                      *fastjson.Value
	other                                                   []member
	// raw holds the free-form members as found in the record (rawNames,
	// freeform.Locate), which flat copies when it can.
	raw [numRaw]freeform.Member
}

// The members kept whole that are looked up in the record's bytes.
const (
	rawScoreDetails = iota
	rawPackage
	rawNetwork
	rawCode
	rawResources
	numRaw
)

// scratch holds buffers for freeform.AppendCompact: RawJSON copies what
// it is given, so one buffer serves every member of every record.
var scratch = sync.Pool{New: func() any { return new([]byte) }}

var rawNames = []string{
	"inspectorScoreDetails", "packageVulnerabilityDetails", "networkReachabilityDetails",
	"codeVulnerabilityDetails", "resources",
}

type member struct {
	key []byte
	val *fastjson.Value
}

// Normalize maps one Inspector v2 finding (the API's Finding object, as
// EventBridge carries it in its detail) onto ev. See the package
// documentation for the mapping.
func Normalize(rec siem.Record, ev *ecs.Event) error {
	p := parsers.Get()
	defer parsers.Put(p)
	v, err := p.ParseBytes(rec.Data)
	if err != nil {
		return fmt.Errorf("finding is not valid JSON: %s", parser.JSONReason(err))
	}
	o, err := v.Object()
	if err != nil {
		return fmt.Errorf("finding is a JSON %s, not an object", v.Type())
	}
	var f finding
	o.Visit(func(k []byte, v *fastjson.Value) {
		switch string(k) {
		case "findingArn":
			f.arn = v
		case "awsAccountId":
			f.account = v
		case "type":
			f.typ = v
		case "title":
			f.title = v
		case "description":
			f.description = v
		case "severity":
			f.severity = v
		case "status":
			f.status = v
		case "firstObservedAt":
			f.first = v
		case "lastObservedAt":
			f.last = v
		case "updatedAt":
			f.updated = v
		case "inspectorScore":
			f.score = v
		case "inspectorScoreDetails":
			f.scoreDetails = v
		case "exploitAvailable":
			f.exploitAvailable = v
		case "fixAvailable":
			f.fixAvailable = v
		case "exploitabilityDetails":
			f.exploitability = v
		case "epss":
			f.epss = v
		case "remediation":
			f.remediation = v
		case "resources":
			f.resources = v
		case "packageVulnerabilityDetails":
			f.pkg = v
		case "networkReachabilityDetails":
			f.network = v
		case "codeVulnerabilityDetails":
			f.code = v
		default:
			f.other = append(f.other, member{k, v})
		}
	})
	if !freeform.Locate(rec.Data, rawNames, f.raw[:]) {
		f.raw = [numRaw]freeform.Member{}
	}
	return f.normalize(rec, ev)
}

func (f *finding) normalize(rec siem.Record, ev *ecs.Event) error {
	arn, err := str(f.arn, "findingArn")
	if err != nil {
		return err
	}
	if len(arn) == 0 {
		if rec.Delivery != nil {
			if m, ok := rec.Delivery.Meta.(*envelope.EventBridgeMeta); ok && m.DetailType != detailTypeFinding {
				return siem.Exclude(RuleNotFinding)
			}
		}
		return errors.New("not an Inspector finding: it has no findingArn")
	}
	// Times.
	updated, err := parseTime("updatedAt", f.updated)
	if err != nil {
		return err
	}
	last, err := parseTime("lastObservedAt", f.last)
	if err != nil {
		return err
	}
	first, err := parseTime("firstObservedAt", f.first)
	if err != nil {
		return err
	}
	ts := updated
	for _, t := range []time.Time{last, first} {
		if ts.IsZero() {
			ts = t
		}
	}
	if ts.IsZero() && rec.Delivery != nil {
		ts = rec.Delivery.Time
	}
	if ts.IsZero() {
		return errors.New("finding has no updatedAt, lastObservedAt or firstObservedAt, and no envelope time")
	}
	ev.Date("@timestamp", ts)
	ev.Date("event.created", first)
	ev.Date("aws.inspector.first_observed_at", first)
	ev.Date("aws.inspector.last_observed_at", last)
	ev.Date("aws.inspector.updated_at", updated)

	ev.Keyword("event.kind", "alert")
	ev.Keywords("event.category", "vulnerability")
	ev.Keywords("event.type", "info")
	ev.KeywordBytes("event.id", arn)
	id := string(arn) + "_" + ts.UTC().Format(time.RFC3339Nano)
	if len(id) > maxIDBytes {
		sum := sha256.Sum256([]byte(id))
		id = hex.EncodeToString(sum[:])
	}
	ev.SetID(id)

	// Account and region: the finding's own, else its ARN's
	// (arn:aws:inspector2:<region>:<account>:finding/<id>).
	ev.Keyword("cloud.provider", "aws")
	account, err := str(f.account, "awsAccountId")
	if err != nil {
		return err
	}
	arnRegion, arnAccount := arnParts(string(arn))
	if len(account) > 0 {
		ev.KeywordBytes("cloud.account.id", account)
	} else {
		ev.Keyword("cloud.account.id", arnAccount)
	}
	ev.Keyword("cloud.region", arnRegion)

	// The finding itself.
	if err := keyword(ev, f.typ, "type", "aws.inspector.type", "rule.category"); err != nil {
		return err
	}
	if err := keyword(ev, f.title, "title", "rule.name"); err != nil {
		return err
	}
	if err := keyword(ev, f.description, "description", "vulnerability.description"); err != nil {
		return err
	}
	if err := keyword(ev, f.status, "status", "aws.inspector.status"); err != nil {
		return err
	}
	if err := keyword(ev, f.exploitAvailable, "exploitAvailable", "aws.inspector.exploit_available"); err != nil {
		return err
	}
	if err := keyword(ev, f.fixAvailable, "fixAvailable", "aws.inspector.fix_available"); err != nil {
		return err
	}
	sev, err := str(f.severity, "severity")
	if err != nil {
		return err
	}
	ev.KeywordBytes("aws.inspector.severity", sev)
	ev.Keyword("vulnerability.severity", severityLabel(string(sev)))
	ev.Keyword("vulnerability.scanner.vendor", "Amazon Inspector")

	if score, ok, err := number(f.score, "inspectorScore"); err != nil {
		return err
	} else if ok {
		ev.Double("event.risk_score", score)
		ev.Double("aws.inspector.inspector_score", score)
	}
	if err := f.mapScoreDetails(ev); err != nil {
		return err
	}
	if err := f.mapSmallObjects(ev); err != nil {
		return err
	}
	// rule.id follows the finding's type; a finding of another type
	// takes the first detail that names one.
	pkgRule, err := f.mapPackage(ev)
	if err != nil {
		return err
	}
	netRule, err := f.mapNetwork(ev)
	if err != nil {
		return err
	}
	codeRule, err := f.mapCode(ev)
	if err != nil {
		return err
	}
	var rule string
	switch t, _ := ev.LookupString("aws.inspector.type"); t {
	case "PACKAGE_VULNERABILITY":
		rule = pkgRule
	case "NETWORK_REACHABILITY":
		rule = netRule
	case "CODE_VULNERABILITY":
		rule = codeRule
	}
	for _, r := range []string{pkgRule, netRule, codeRule} {
		if rule == "" {
			rule = r
		}
	}
	ev.Keyword("rule.id", rule)
	if err := f.mapResources(ev); err != nil {
		return err
	}
	f.mapOther(ev)
	return nil
}

// severityLabel writes Inspector's severity as the capitalised word ECS's
// examples use (Critical, High, Medium, Low), Informational and Untriaged
// included.
func severityLabel(s string) string {
	switch s {
	case "CRITICAL":
		return "Critical"
	case "HIGH":
		return "High"
	case "MEDIUM":
		return "Medium"
	case "LOW":
		return "Low"
	case "INFORMATIONAL":
		return "Informational"
	case "UNTRIAGED":
		return "Untriaged"
	}
	return s
}

func (f *finding) mapScoreDetails(ev *ecs.Event) error {
	if f.scoreDetails == nil || f.scoreDetails.Type() == fastjson.TypeNull {
		return nil
	}
	if f.scoreDetails.Type() != fastjson.TypeObject {
		return fmt.Errorf("inspectorScoreDetails is %s, want an object", article(f.scoreDetails.Type()))
	}
	if cvss := f.scoreDetails.Get("adjustedCvss"); cvss != nil && cvss.Type() == fastjson.TypeObject {
		score, ok, err := number(cvss.Get("score"), "inspectorScoreDetails.adjustedCvss.score")
		if err != nil {
			return err
		}
		if ok {
			ev.Double("vulnerability.score.base", score)
			ev.Keyword("vulnerability.classification", "CVSS")
		}
		version, err := str(cvss.Get("version"), "inspectorScoreDetails.adjustedCvss.version")
		if err != nil {
			return err
		}
		ev.Keyword("vulnerability.score.version", strings.TrimPrefix(strings.TrimPrefix(string(version), "v"), "V"))
	}
	flat(ev, "aws.inspector.inspector_score_details", f.scoreDetails, f.raw[rawScoreDetails])
	return nil
}

// mapSmallObjects maps exploitabilityDetails, epss and remediation, whose
// documented members have typed vendor fields; an undocumented member
// keeps the whole object in aws.inspector.other.
func (f *finding) mapSmallObjects(ev *ecs.Event) error {
	if v := f.exploitability; v != nil && v.Type() != fastjson.TypeNull {
		if v.Type() != fastjson.TypeObject {
			return fmt.Errorf("exploitabilityDetails is %s, want an object", article(v.Type()))
		}
		t, err := parseTime("exploitabilityDetails.lastKnownExploitAt", v.Get("lastKnownExploitAt"))
		if err != nil {
			return err
		}
		ev.Date("aws.inspector.exploitability_details.last_known_exploit_at", t)
		if !onlyKeys(v, "lastKnownExploitAt") {
			f.other = append(f.other, member{[]byte("exploitabilityDetails"), v})
		}
	}
	if v := f.epss; v != nil && v.Type() != fastjson.TypeNull {
		if v.Type() != fastjson.TypeObject {
			return fmt.Errorf("epss is %s, want an object", article(v.Type()))
		}
		score, ok, err := number(v.Get("score"), "epss.score")
		if err != nil {
			return err
		}
		if ok {
			ev.Double("aws.inspector.epss.score", score)
		}
		if !onlyKeys(v, "score") {
			f.other = append(f.other, member{[]byte("epss"), v})
		}
	}
	if v := f.remediation; v != nil && v.Type() != fastjson.TypeNull {
		if v.Type() != fastjson.TypeObject {
			return fmt.Errorf("remediation is %s, want an object", article(v.Type()))
		}
		rec := v.Get("recommendation")
		if rec != nil && rec.Type() == fastjson.TypeObject {
			if err := keyword(ev, rec.Get("text"), "remediation.recommendation.text", "aws.inspector.remediation.recommendation.text"); err != nil {
				return err
			}
			if err := keyword(ev, rec.Get("Url"), "remediation.recommendation.Url", "aws.inspector.remediation.recommendation.url"); err != nil {
				return err
			}
		}
		if !onlyKeys(v, "recommendation") || (rec != nil && (rec.Type() != fastjson.TypeObject || !onlyKeys(rec, "text", "Url"))) {
			f.other = append(f.other, member{[]byte("remediation"), v})
		}
	}
	return nil
}

// mapPackage maps packageVulnerabilityDetails and returns the rule id it
// names.
func (f *finding) mapPackage(ev *ecs.Event) (string, error) {
	v := f.pkg
	if v == nil || v.Type() == fastjson.TypeNull {
		return "", nil
	}
	if v.Type() != fastjson.TypeObject {
		return "", fmt.Errorf("packageVulnerabilityDetails is %s, want an object", article(v.Type()))
	}
	id, err := str(v.Get("vulnerabilityId"), "packageVulnerabilityDetails.vulnerabilityId")
	if err != nil {
		return "", err
	}
	ev.KeywordBytes("vulnerability.id", id)
	ev.Keyword("vulnerability.enumeration", enumeration(string(id)))
	source, err := str(v.Get("sourceUrl"), "packageVulnerabilityDetails.sourceUrl")
	if err != nil {
		return "", err
	}
	refs, err := strs(v.Get("referenceUrls"), "packageVulnerabilityDetails.referenceUrls")
	if err != nil {
		return "", err
	}
	ev.Keywords("vulnerability.reference", append([]string{string(source)}, refs...)...)

	if pkgs := v.Get("vulnerablePackages"); pkgs != nil && pkgs.Type() != fastjson.TypeNull {
		arr, err := pkgs.Array()
		if err != nil {
			return "", fmt.Errorf("packageVulnerabilityDetails.vulnerablePackages is %s, want an array", article(pkgs.Type()))
		}
		if len(arr) > maxItems {
			return "", fmt.Errorf("packageVulnerabilityDetails.vulnerablePackages holds %d packages, more than the %d a finding may have", len(arr), maxItems)
		}
		names := make([]string, 0, len(arr))
		for i, p := range arr {
			if p.Type() != fastjson.TypeObject {
				return "", fmt.Errorf("packageVulnerabilityDetails.vulnerablePackages[%d] is %s, want an object", i, article(p.Type()))
			}
			name, err := str(p.Get("name"), "packageVulnerabilityDetails.vulnerablePackages[].name")
			if err != nil {
				return "", err
			}
			names = append(names, string(name))
		}
		ev.Keywords("package.name", names...)
		if len(arr) == 1 {
			p := arr[0]
			// Each member's name for errors is written out whole: built
			// with + it would cost an allocation per finding.
			for _, m := range [...][3]string{
				{"version", "package.version", "packageVulnerabilityDetails.vulnerablePackages[].version"},
				{"arch", "package.architecture", "packageVulnerabilityDetails.vulnerablePackages[].arch"},
				{"filePath", "package.path", "packageVulnerabilityDetails.vulnerablePackages[].filePath"},
			} {
				if err := keyword(ev, p.Get(m[0]), m[2], m[1]); err != nil {
					return "", err
				}
			}
		}
	}
	flat(ev, "aws.inspector.package_vulnerability_details", v, f.raw[rawPackage])
	if len(id) == 0 {
		return "", nil
	}
	return "PACKAGE_VULNERABILITY_" + string(id), nil
}

// enumeration names the catalogue a vulnerability id comes from, by its
// prefix (CVE-2024-1234, GHSA-xxxx, ALAS2-2024-001...).
func enumeration(id string) string {
	i := strings.IndexByte(id, '-')
	if i <= 0 {
		return ""
	}
	switch p := strings.ToUpper(id[:i]); p {
	case "CVE", "GHSA", "ALAS", "ALAS2", "ALAS2023", "ALASKERNEL", "RHSA", "DSA", "DLA", "USN", "ELSA", "SUSE", "GO", "PYSEC", "RUSTSEC", "OSV", "MAL":
		return p
	}
	return ""
}

// mapNetwork maps networkReachabilityDetails and returns the rule id it
// names.
func (f *finding) mapNetwork(ev *ecs.Event) (string, error) {
	v := f.network
	if v == nil || v.Type() == fastjson.TypeNull {
		return "", nil
	}
	if v.Type() != fastjson.TypeObject {
		return "", fmt.Errorf("networkReachabilityDetails is %s, want an object", article(v.Type()))
	}
	proto, err := str(v.Get("protocol"), "networkReachabilityDetails.protocol")
	if err != nil {
		return "", err
	}
	transport := strings.ToLower(string(proto))
	ev.Keyword("network.transport", transport)
	switch transport {
	case "tcp":
		ev.Keyword("network.iana_number", "6")
	case "udp":
		ev.Keyword("network.iana_number", "17")
	}
	var begin, end int64 = -1, -1
	if r := v.Get("openPortRange"); r != nil && r.Type() == fastjson.TypeObject {
		b, bok, err := number(r.Get("begin"), "networkReachabilityDetails.openPortRange.begin")
		if err != nil {
			return "", err
		}
		e, eok, err := number(r.Get("end"), "networkReachabilityDetails.openPortRange.end")
		if err != nil {
			return "", err
		}
		if bok && eok && b >= 0 && e >= b && e <= 65535 && b == float64(int64(b)) && e == float64(int64(e)) {
			begin, end = int64(b), int64(e)
			if begin == end {
				ev.Long("destination.port", begin)
			}
		}
	}
	flat(ev, "aws.inspector.network_reachability_details", v, f.raw[rawNetwork])
	if len(proto) == 0 || begin < 0 {
		return "", nil
	}
	return "NETWORK_REACHABILITY_" + string(proto) + "_" + strconv.FormatInt(begin, 10) + "_" + strconv.FormatInt(end, 10), nil
}

// mapCode maps codeVulnerabilityDetails and returns the rule id it names.
func (f *finding) mapCode(ev *ecs.Event) (string, error) {
	v := f.code
	if v == nil || v.Type() == fastjson.TypeNull {
		return "", nil
	}
	if v.Type() != fastjson.TypeObject {
		return "", fmt.Errorf("codeVulnerabilityDetails is %s, want an object", article(v.Type()))
	}
	cwes, err := strs(v.Get("cwes"), "codeVulnerabilityDetails.cwes")
	if err != nil {
		return "", err
	}
	if !ev.Has("vulnerability.id") && len(cwes) > 0 {
		ev.Keywords("vulnerability.id", cwes...)
		ev.Keyword("vulnerability.enumeration", "CWE")
	}
	if fp := v.Get("filePath"); fp != nil && fp.Type() == fastjson.TypeObject {
		if err := keyword(ev, fp.Get("filePath"), "codeVulnerabilityDetails.filePath.filePath", "file.path"); err != nil {
			return "", err
		}
		if err := keyword(ev, fp.Get("fileName"), "codeVulnerabilityDetails.filePath.fileName", "file.name"); err != nil {
			return "", err
		}
	}
	flat(ev, "aws.inspector.code_vulnerability_details", v, f.raw[rawCode])
	rule, err := str(v.Get("ruleId"), "codeVulnerabilityDetails.ruleId")
	if err != nil {
		return "", err
	}
	if len(rule) == 0 {
		if rule, err = str(v.Get("detectorId"), "codeVulnerabilityDetails.detectorId"); err != nil {
			return "", err
		}
	}
	if len(rule) == 0 {
		return "", nil
	}
	return "CODE_VULNERABILITY_" + string(rule), nil
}

// mapResources maps the affected resources: EC2 instances to cloud.*,
// host.* and related.*, container images to container.image.*, Lambda
// functions to faas.*, and all of them, whole, to aws.inspector.resources.
func (f *finding) mapResources(ev *ecs.Event) error {
	v := f.resources
	if v == nil || v.Type() == fastjson.TypeNull {
		return nil
	}
	arr, err := v.Array()
	if err != nil {
		return fmt.Errorf("resources is %s, want an array", article(v.Type()))
	}
	if len(arr) > maxItems {
		return fmt.Errorf("resources holds %d resources, more than the %d a finding may have", len(arr), maxItems)
	}
	var categories, instances, tags, hashes, hosts []string
	var ips []netip.Addr
	if t, ok := ev.LookupString("aws.inspector.type"); ok {
		categories = append(categories, t)
	}
	var ec2Done, ecrDone, lambdaDone bool
	for i, r := range arr {
		if r.Type() != fastjson.TypeObject {
			return fmt.Errorf("resources[%d] is %s, want an object", i, article(r.Type()))
		}
		typ, err := str(r.Get("type"), "resources[].type")
		if err != nil {
			return err
		}
		id, err := str(r.Get("id"), "resources[].id")
		if err != nil {
			return err
		}
		if !ev.Has("cloud.region") {
			region, err := str(r.Get("region"), "resources[].region")
			if err != nil {
				return err
			}
			ev.KeywordBytes("cloud.region", region)
		}
		details := r.Get("details")
		if details != nil && details.Type() != fastjson.TypeObject && details.Type() != fastjson.TypeNull {
			return fmt.Errorf("resources[%d].details is %s, want an object", i, article(details.Type()))
		}
		var ec2, ecr, lambda *fastjson.Value
		if details != nil {
			ec2, ecr, lambda = details.Get("awsEc2Instance"), details.Get("awsEcrContainerImage"), details.Get("awsLambdaFunction")
		}
		for _, d := range []*fastjson.Value{ec2, ecr} {
			if d != nil && d.Type() == fastjson.TypeObject {
				platform, err := str(d.Get("platform"), "resources[].details.*.platform")
				if err != nil {
					return err
				}
				categories = append(categories, string(platform))
			}
		}
		categories = append(categories, string(typ))
		if string(typ) == "AWS_EC2_INSTANCE" || (ec2 != nil && ec2.Type() == fastjson.TypeObject) {
			instances = append(instances, string(id))
			hosts = append(hosts, string(id))
			if ec2 != nil && ec2.Type() == fastjson.TypeObject {
				for _, k := range [...][2]string{
					{"ipV4Addresses", "resources[].details.awsEc2Instance.ipV4Addresses"},
					{"ipV6Addresses", "resources[].details.awsEc2Instance.ipV6Addresses"},
				} {
					addrs, err := strs(ec2.Get(k[0]), k[1])
					if err != nil {
						return err
					}
					for _, a := range addrs {
						if ip, err := netip.ParseAddr(a); err == nil {
							ips = append(ips, ip)
						}
					}
				}
				if !ec2Done {
					if err := keyword(ev, ec2.Get("type"), "resources[].details.awsEc2Instance.type", "cloud.machine.type"); err != nil {
						return err
					}
					ec2Done = true
				}
			}
		}
		if ecr != nil && ecr.Type() == fastjson.TypeObject && !ecrDone {
			ecrDone = true
			if err := keyword(ev, ecr.Get("repositoryName"), "resources[].details.awsEcrContainerImage.repositoryName", "container.image.name"); err != nil {
				return err
			}
			t, err := strs(ecr.Get("imageTags"), "resources[].details.awsEcrContainerImage.imageTags")
			if err != nil {
				return err
			}
			tags = append(tags, t...)
			h, err := str(ecr.Get("imageHash"), "resources[].details.awsEcrContainerImage.imageHash")
			if err != nil {
				return err
			}
			hashes = append(hashes, string(h))
		}
		if lambda != nil && lambda.Type() == fastjson.TypeObject && !lambdaDone {
			lambdaDone = true
			ev.KeywordBytes("faas.id", id)
			if err := keyword(ev, lambda.Get("functionName"), "resources[].details.awsLambdaFunction.functionName", "faas.name"); err != nil {
				return err
			}
			if err := keyword(ev, lambda.Get("version"), "resources[].details.awsLambdaFunction.version", "faas.version"); err != nil {
				return err
			}
		}
	}
	if len(ips) > maxItems {
		return fmt.Errorf("the resources hold %d addresses, more than the %d a finding may have", len(ips), maxItems)
	}
	ev.Keywords("vulnerability.category", categories...)
	if len(instances) > 0 {
		ev.Keyword("cloud.instance.id", instances[0])
		ev.Keyword("host.id", instances[0])
	}
	ev.IPs("host.ip", ips...)
	ev.Keywords("container.image.tag", tags...)
	ev.Keywords("container.image.hash.all", hashes...)
	ev.IPs("related.ip", ips...)
	ev.Keywords("related.hosts", hosts...)
	flat(ev, "aws.inspector.resources", v, f.raw[rawResources])
	return nil
}

// mapOther keeps the members this package does not know (a newer API's)
// in aws.inspector.other, a flat_object under their own names.
func (f *finding) mapOther(ev *ecs.Event) {
	if len(f.other) == 0 {
		return
	}
	var a fastjson.Arena
	o := a.NewObject()
	for _, m := range f.other {
		o.Set(string(m.key), m.val)
	}
	flat(ev, "aws.inspector.other", o, freeform.Member{})
}

// flat sets path to v cleaned for a flat_object field, when anything is
// left of it. raw is v as found in the record: when its strings and
// numbers are already as AppendClean writes them and no key needs
// rewriting, it is copied by freeform.AppendCompact, which saves
// unescaping and escaping every string again and AppendClean's
// allocations.
func flat(ev *ecs.Event, path string, v *fastjson.Value, raw freeform.Member) {
	if v == nil {
		return
	}
	if v.Type() != fastjson.TypeObject && v.Type() != fastjson.TypeArray {
		return
	}
	if raw.Raw != nil {
		// Inspector writes "[]" and null for what it does not have, so
		// its members are copied without those rather than taken as
		// they stand: one pass that checks and copies.
		bp := scratch.Get().(*[]byte)
		out, sh := freeform.AppendCompact((*bp)[:0], raw.Raw, false)
		if sh.OK && !sh.Dotted {
			ev.RawJSON(path, out)
		}
		*bp = out
		scratch.Put(bp)
		if sh.OK && !sh.Dotted {
			return
		}
	}
	ev.RawJSON(path, freeform.AppendClean(nil, v))
}

// onlyKeys reports whether object v has no member but the named ones.
func onlyKeys(v *fastjson.Value, keys ...string) bool {
	o, err := v.Object()
	if err != nil {
		return false
	}
	only := true
	o.Visit(func(k []byte, _ *fastjson.Value) {
		for _, want := range keys {
			if string(k) == want {
				return
			}
		}
		only = false
	})
	return only
}

// str returns a string member's bytes: nil when absent or null, an error
// when it is not a string.
func str(v *fastjson.Value, name string) ([]byte, error) {
	if v == nil {
		return nil, nil
	}
	switch v.Type() {
	case fastjson.TypeString:
		return v.GetStringBytes(), nil
	case fastjson.TypeNull:
		return nil, nil
	}
	return nil, fmt.Errorf("%s is %s, want a string", name, article(v.Type()))
}

// strs returns an array of strings; a lone string is taken as an array of
// one.
func strs(v *fastjson.Value, name string) ([]string, error) {
	if v == nil || v.Type() == fastjson.TypeNull {
		return nil, nil
	}
	if v.Type() == fastjson.TypeString {
		return []string{string(v.GetStringBytes())}, nil
	}
	arr, err := v.Array()
	if err != nil {
		return nil, fmt.Errorf("%s is %s, want an array of strings", name, article(v.Type()))
	}
	if len(arr) > maxItems {
		return nil, fmt.Errorf("%s holds %d items, more than the %d a finding may have", name, len(arr), maxItems)
	}
	out := make([]string, 0, len(arr))
	for _, e := range arr {
		// The element's name is built only for the error, not for
		// every element read.
		s, err := str(e, "")
		if err != nil {
			_, err = str(e, name+"[]")
			return nil, err
		}
		out = append(out, string(s))
	}
	return out, nil
}

// keyword sets a string member at each path.
func keyword(ev *ecs.Event, v *fastjson.Value, name string, paths ...string) error {
	s, err := str(v, name)
	if err != nil {
		return err
	}
	for _, p := range paths {
		ev.KeywordBytes(p, s)
	}
	return nil
}

// number reads a number member, or a string holding one; ok is false when
// it is absent or null.
func number(v *fastjson.Value, name string) (n float64, ok bool, err error) {
	if v == nil || v.Type() == fastjson.TypeNull {
		return 0, false, nil
	}
	switch v.Type() {
	case fastjson.TypeNumber:
		n = v.GetFloat64()
	case fastjson.TypeString:
		s := string(v.GetStringBytes())
		if s == "" {
			return 0, false, nil
		}
		if n, err = strconv.ParseFloat(s, 64); err != nil {
			return 0, false, fmt.Errorf("%s %q is not a number", name, s)
		}
	default:
		return 0, false, fmt.Errorf("%s is %s, want a number", name, article(v.Type()))
	}
	if n != n || n > 1e300 || n < -1e300 {
		return 0, false, fmt.Errorf("%s is not a finite number", name)
	}
	return n, true, nil
}

// arnParts returns the region and account of an ARN, empty when absent.
func arnParts(arn string) (region, account string) {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) < 6 || parts[0] != "arn" {
		return "", ""
	}
	region, account = parts[3], parts[4]
	if !plainToken(region) {
		region = ""
	}
	if !digits12(account) {
		account = ""
	}
	return region, account
}

func plainToken(s string) bool {
	if len(s) == 0 || len(s) > 32 {
		return false
	}
	for i := range len(s) {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

func digits12(s string) bool {
	if len(s) != 12 {
		return false
	}
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// article names a JSON type with its indefinite article, for errors
// ("an object", "a string").
func article(t fastjson.Type) string {
	switch t {
	case fastjson.TypeObject, fastjson.TypeArray:
		return "an " + t.String()
	}
	return "a " + t.String()
}

package config

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/valyala/fastjson"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
)

var parsers fastjson.ParserPool

// putParser returns a parser to the pool unless it parsed more than
// maxPooledBytes: the state of a rare giant record is left to the
// collector rather than pinned in memory.
func putParser(p *fastjson.Parser, parsed int) {
	if parsed <= maxPooledBytes {
		parsers.Put(p)
	}
}

// normalizer maps the records of one object; ctx is what its key says.
type normalizer struct {
	ctx fileContext
}

// statusMessageTypes are the notifications about Config's own work, which
// are excluded under RuleStatusNotification.
var statusMessageTypes = map[string]bool{
	"ConfigurationHistoryDeliveryCompleted":  true,
	"ConfigurationHistoryDeliveryFailed":     true,
	"ConfigurationSnapshotDeliveryStarted":   true,
	"ConfigurationSnapshotDeliveryCompleted": true,
	"ConfigurationSnapshotDeliveryFailed":    true,
	"ConfigRulesEvaluationStarted":           true,
	"ConfigRulesEvaluationFailed":            true,
	"ComplianceChangeNotificationFailed":     true,
}

func (n normalizer) normalize(rec siem.Record, ev *ecs.Event) error {
	p := parsers.Get()
	defer putParser(p, len(rec.Data))
	v, err := p.ParseBytes(rec.Data)
	if err != nil {
		return fmt.Errorf("not valid JSON: %v", err)
	}
	if v.Type() != fastjson.TypeObject {
		return fmt.Errorf("not an AWS Config record: a JSON %s, where a configuration item, notification or compliance change is an object", describe(v.Type()))
	}
	var p2 *fastjson.Parser
	defer func() {
		if p2 != nil {
			putParser(p2, len(rec.Data))
		}
	}()
	m := mappers.Get().(*mapper)
	m.ev, m.rec, m.ctx = ev, rec, n.ctx
	defer m.release()

	// An SNS notification (as written by an SNS -> Firehose subscription
	// or saved from an SNS endpoint): its Message is the Config message,
	// as a JSON string or, in AWS's documentation, an object.
	if str(v, "Type") == "Notification" && v.Exists("Message") {
		m.sns(v)
		msg := v.Get("Message")
		switch msg.Type() {
		case fastjson.TypeString:
			p2 = parsers.Get()
			inner, err := p2.ParseBytes(msg.GetStringBytes())
			if err != nil {
				return fmt.Errorf("SNS notification's Message is not JSON: %v", err)
			}
			msg = inner
		case fastjson.TypeObject:
		default:
			return fmt.Errorf("SNS notification's Message is a JSON %s, not a Config message", describe(msg.Type()))
		}
		if msg.Type() != fastjson.TypeObject {
			return fmt.Errorf("SNS notification's Message holds a JSON %s, not a Config message object", describe(msg.Type()))
		}
		v = msg
	}
	return m.message(v)
}

// mapper maps one record. Mappers are pooled with their buffers, so a
// record costs few allocations.
type mapper struct {
	ev  *ecs.Event
	rec siem.Record
	ctx fileContext
	ips ipSet
	// hosts and users collect related.hosts and related.user; names
	// collects other string lists.
	hosts, users, names []string
	// scratch is reused for JSON encoding and ids.
	scratch []byte
	flat    *flatCheck
}

var mappers = sync.Pool{New: func() any { return &mapper{flat: newFlatCheck()} }}

// maxPooledBytes is the largest buffer a pooled mapper keeps.
const maxPooledBytes = 1 << 20

func (m *mapper) release() {
	m.ev, m.rec = nil, siem.Record{}
	m.ips = m.ips[:0]
	clear(m.hosts)
	clear(m.users)
	clear(m.names)
	m.hosts, m.users, m.names = m.hosts[:0], m.users[:0], m.names[:0]
	if cap(m.scratch) > maxPooledBytes || cap(m.flat.keys) > maxPooledBytes/64 {
		return
	}
	m.scratch = m.scratch[:0]
	mappers.Put(m)
}

// message dispatches on what v is.
func (m *mapper) message(v *fastjson.Value) error {
	mt := str(v, "messageType")
	switch {
	case mt == "ConfigurationItemChangeNotification" || (mt == "" && v.Exists("configurationItem")):
		ci := v.Get("configurationItem")
		if ci != nil && ci.Type() == fastjson.TypeArray {
			// Version 1.0 notifications wrap the item in an array.
			items := ci.GetArray()
			if len(items) != 1 {
				return fmt.Errorf("configurationItem is an array of %d items; a change notification carries one", len(items))
			}
			ci = items[0]
		}
		if ci == nil || ci.Type() != fastjson.TypeObject {
			return errors.New("change notification without a configurationItem object")
		}
		m.notification(v, mt)
		return m.item(ci, itemChange)
	case mt == "OversizedConfigurationItemChangeNotification":
		ci := v.Get("configurationItemSummary")
		if ci == nil || ci.Type() != fastjson.TypeObject {
			return errors.New("oversized change notification without a configurationItemSummary object")
		}
		m.notification(v, mt)
		if s := v.Get("s3DeliverySummary"); s != nil && s.Type() == fastjson.TypeObject {
			m.ev.Keyword("aws.config.s3_delivery_summary.s3_bucket_location", str(s, "s3BucketLocation"))
			m.ev.Keyword("aws.config.s3_delivery_summary.error_code", str(s, "errorCode"))
			m.ev.Keyword("aws.config.s3_delivery_summary.error_message", str(s, "errorMessage"))
		}
		// The summary's changeType stands for the diff's.
		m.ev.Keyword("aws.config.change_type", str(ci, "changeType"))
		return m.item(ci, itemChange)
	case mt == "ComplianceChangeNotification" || (mt == "" && v.Exists("newEvaluationResult")):
		return m.compliance(v)
	case statusMessageTypes[mt]:
		return siem.Exclude(RuleStatusNotification)
	case mt != "":
		return fmt.Errorf("messageType %q is neither a configuration item change nor a compliance change notification", mt)
	case v.Exists("configurationItemCaptureTime") || (v.Exists("resourceType") && v.Exists("resourceId")):
		switch m.ctx.kind {
		case kindSnapshot:
			return m.item(v, itemSnapshot)
		case kindHistory:
			return m.item(v, itemHistory)
		}
		return m.item(v, itemOther)
	}
	return errors.New("not an AWS Config record: no configurationItemCaptureTime, resourceType and resourceId, configurationItem, newEvaluationResult or messageType member")
}

// sns maps the SNS notification's own members.
func (m *mapper) sns(v *fastjson.Value) {
	m.ev.Keyword("aws.config.sns.message_id", str(v, "MessageId"))
	m.ev.Keyword("aws.config.sns.topic_arn", str(v, "TopicArn"))
	m.ev.Keyword("aws.config.sns.subject", str(v, "Subject"))
	if t, ok := date(v, "Timestamp"); ok {
		m.ev.Date("aws.config.sns.timestamp", t)
	}
}

// notification maps the members of a change notification around its item.
func (m *mapper) notification(v *fastjson.Value, mt string) {
	if mt == "" {
		mt = "ConfigurationItemChangeNotification"
	}
	m.ev.Keyword("aws.config.message_type", mt)
	m.ev.Keyword("aws.config.record_version", str(v, "recordVersion"))
	m.ev.Keyword("aws.config.message_version", str(v, "MessageVersion"))
	created, ok := date(v, "notificationCreationTime")
	if !ok {
		created, ok = date(v, "NotificationCreateTime")
	}
	if ok {
		m.ev.Date("event.created", created)
	}
	if d := v.Get("configurationItemDiff"); d != nil && d.Type() == fastjson.TypeObject {
		m.ev.Keyword("aws.config.change_type", str(d, "changeType"))
		if cp := d.GetObject("changedProperties"); cp != nil {
			m.names = m.names[:0]
			cp.Visit(func(k []byte, _ *fastjson.Value) { m.names = append(m.names, string(k)) })
			m.ev.Keywords("aws.config.changed_properties", m.names...)
		}
		m.free("configuration_item_diff", d)
	}
}

type itemSource int

const (
	itemSnapshot itemSource = iota
	itemHistory
	itemChange
	itemOther
)

// item maps one configuration item.
func (m *mapper) item(ci *fastjson.Value, src itemSource) error {
	ev := m.ev
	status := str(ci, "configurationItemStatus")
	resType := str(ci, "resourceType")
	resID := str(ci, "resourceId")
	resName := str(ci, "resourceName")

	// @timestamp: when Config captured this state.
	var ts time.Time
	if raw := ci.Get("configurationItemCaptureTime"); raw != nil && raw.Type() != fastjson.TypeNull {
		b, err := raw.StringBytes()
		if err != nil {
			return fmt.Errorf("configurationItemCaptureTime is a JSON %s, not a time", describe(raw.Type()))
		}
		if ts, err = parser.ParseRFC3339(b); err != nil {
			return fmt.Errorf("configurationItemCaptureTime %q: %v", clip(b), err)
		}
	} else {
		switch {
		case src == itemSnapshot && !m.ctx.snapshotTime.IsZero():
			ts = m.ctx.snapshotTime
		case ev.Has("event.created"):
			s, _ := ev.LookupString("event.created")
			ts, _ = time.Parse(time.RFC3339Nano, s)
		case m.rec.Delivery != nil && !m.rec.Delivery.Time.IsZero():
			ts = m.rec.Delivery.Time
		}
		if ts.IsZero() {
			return errors.New("configuration item without configurationItemCaptureTime, and no snapshot or notification time to stand for it")
		}
	}
	if y := ts.UTC().Year(); y < 1 || y > 9999 {
		return fmt.Errorf("configurationItemCaptureTime lies outside the years 0001 to 9999: %s", ts)
	}
	ev.Date("@timestamp", ts)

	// event.*
	ev.Keywords("event.category", "configuration")
	switch src {
	case itemSnapshot:
		ev.Keyword("event.kind", "state")
		ev.Keywords("event.type", "info")
	case itemChange:
		ev.Keyword("event.kind", "event")
		ev.Keywords("event.type", changeType(m, status))
	default:
		ev.Keyword("event.kind", "state")
		ev.Keywords("event.type", statusType(status, "change"))
	}
	ev.Keyword("event.action", status)
	stateID := scalar(ci, "configurationStateId")
	if stateID == "" {
		stateID = scalar(ci, "configurationStateID")
	}
	ev.Keyword("event.id", stateID)

	// cloud.*
	account := str(ci, "awsAccountId")
	if account == "" {
		account = str(ci, "accountId")
	}
	if account == "" {
		account = m.ctx.account
	}
	region := str(ci, "awsRegion")
	if region == "" {
		region = m.ctx.region
	}
	m.cloud(account, region)
	az := str(ci, "availabilityZone")
	if az == "" {
		az = str(ci, "availibilityZone") // sic, in version 1.0 items
	}
	if isAZ(az) {
		ev.Keyword("cloud.availability_zone", az)
	} else {
		ev.Keyword("aws.config.availability_zone", az)
	}

	// The resource.
	m.resource(resType, resID, resName)
	arn := str(ci, "ARN")
	if arn == "" {
		arn = str(ci, "arn")
	}
	ev.Keyword("aws.config.arn", arn)
	ev.Keyword("aws.config.configuration_item_version", str(ci, "configurationItemVersion"))
	ev.Keyword("aws.config.configuration_item_status", status)
	ev.Keyword("aws.config.configuration_state_id", stateID)
	ev.Keyword("aws.config.configuration_state_md5_hash", str(ci, "configurationStateMd5Hash"))
	if t, ok := date(ci, "resourceCreationTime"); ok {
		ev.Date("aws.config.resource_creation_time", t)
	}
	if t, ok := date(ci, "configurationItemDeliveryTime"); ok {
		ev.Date("aws.config.configuration_item_delivery_time", t)
	}
	ev.Keyword("aws.config.recording_frequency", str(ci, "recordingFrequency"))
	switch src {
	case itemSnapshot:
		ev.Keyword("aws.config.file_type", m.ctx.kind)
		ev.Keyword("aws.config.snapshot_id", m.ctx.snapshotID)
	case itemHistory:
		ev.Keyword("aws.config.file_type", m.ctx.kind)
	}
	m.relatedEvents(ci.Get("relatedEvents"))
	m.free("tags", ci.Get("tags"))
	m.relationships(ci.Get("relationships"))
	conf := ci.Get("configuration")
	if conf != nil && conf.Type() == fastjson.TypeString {
		// Some resource types give their configuration as JSON text.
		p := parsers.Get()
		defer putParser(p, len(conf.GetStringBytes()))
		if parsed, err := p.ParseBytes(conf.GetStringBytes()); err == nil && parsed.Type() == fastjson.TypeObject {
			conf = parsed
		}
	}
	m.free("configuration", conf)
	m.free("supplementary_configuration", ci.Get("supplementaryConfiguration"))

	// What the configuration says about hosts, addresses and users.
	m.related(resType, resID, resName, conf)
	m.flushRelated()

	// One document per captured state of a resource.
	if resType != "" || resID != "" {
		m.scratch = ecs.AppendTime(m.scratch[:0], ts)
		ev.SetID(m.docID("item", account, region, resType, resID, string(m.scratch)))
	}
	return nil
}

// relatedEvents writes relatedEvents[], the ids of the CloudTrail events
// behind the change, as a keyword array (strings only, no repeats).
func (m *mapper) relatedEvents(v *fastjson.Value) {
	if v == nil || v.Type() != fastjson.TypeArray {
		return
	}
	m.names = m.names[:0]
	for _, e := range v.GetArray() {
		if s := e.GetStringBytes(); len(s) > 0 {
			m.names = append(m.names, string(s))
		}
	}
	m.ev.Keywords("aws.config.related_events", m.names...)
}

// changeType is event.type of a change notification: the diff's change
// type, else the item's status.
func changeType(m *mapper, status string) string {
	ct, _ := m.ev.LookupString("aws.config.change_type")
	switch ct {
	case "CREATE":
		return "creation"
	case "DELETE":
		return "deletion"
	case "UPDATE":
		return "change"
	}
	return statusType(status, "change")
}

// statusType is event.type by configurationItemStatus.
func statusType(status, otherwise string) string {
	switch status {
	case "ResourceDiscovered":
		return "creation"
	case "ResourceDeleted", "ResourceDeletedNotRecorded":
		return "deletion"
	case "ResourceNotRecorded":
		return "info"
	}
	return otherwise
}

// cloud sets cloud.* for an account and region; a region that is not one
// (IAM's "global") is kept under the vendor namespace.
func (m *mapper) cloud(account, region string) {
	m.ev.Keyword("cloud.provider", "aws")
	m.ev.Keyword("cloud.account.id", account)
	if isRegion(region) {
		m.ev.Keyword("cloud.region", region)
	} else {
		m.ev.Keyword("aws.config.aws_region", region)
	}
}

// entityTypes maps resource types to ECS entity.type.
var entityTypes = map[string]string{
	"AWS::EC2::Instance":                 "host",
	"AWS::SSM::ManagedInstanceInventory": "host",
	"AWS::S3::Bucket":                    "bucket",
	"AWS::IAM::User":                     "user",
	"AWS::Lambda::Function":              "function",
	"AWS::SQS::Queue":                    "queue",
	"AWS::RDS::DBInstance":               "database",
	"AWS::RDS::DBCluster":                "database",
	"AWS::DynamoDB::Table":               "database",
	"AWS::ECS::Cluster":                  "orchestrator",
	"AWS::EKS::Cluster":                  "orchestrator",
	"AWS::ECS::Service":                  "service",
	"AWS::ElasticBeanstalk::Application": "application",
}

// resource sets entity.*, the vendor resource fields and, for instances
// and IAM identities, cloud.instance.id and user.*.
func (m *mapper) resource(resType, resID, resName string) {
	ev := m.ev
	ev.Keyword("entity.id", resID)
	ev.Keyword("entity.name", resName)
	ev.Keyword("entity.sub_type", resType)
	ev.Keywords("entity.type", entityTypes[resType])
	ev.Keyword("aws.config.resource_type", resType)
	ev.Keyword("aws.config.resource_id", resID)
	ev.Keyword("aws.config.resource_name", resName)
	switch resType {
	case "AWS::EC2::Instance", "AWS::SSM::ManagedInstanceInventory":
		m.host(resID)
	case "AWS::SSM::AssociationCompliance", "AWS::SSM::PatchCompliance":
		// resourceId is AWS::SSM::ManagedInstanceInventory/<instance>.
		if i := lastSlash(resID); i >= 0 && i+1 < len(resID) {
			m.host(resID[i+1:])
		}
	case "AWS::IAM::User", "AWS::IAM::Role":
		ev.Keyword("user.id", resID)
		ev.Keyword("user.name", resName)
		m.users = append(m.users, resName, resID)
	}
}

// host records an instance: an EC2 instance id (i-...) is cloud.instance.id;
// a hybrid managed instance (mi-..., a server outside EC2 managed by
// Systems Manager) is no cloud instance and goes to related.hosts only.
func (m *mapper) host(id string) {
	if strings.HasPrefix(id, "i-") {
		m.ev.Keyword("cloud.instance.id", id)
	}
	m.hosts = append(m.hosts, id)
}

// compliance maps a rule compliance change.
func (m *mapper) compliance(v *fastjson.Value) error {
	ev := m.ev
	nr := v.Get("newEvaluationResult")
	if nr == nil || nr.Type() != fastjson.TypeObject {
		return errors.New("compliance change without a newEvaluationResult object")
	}
	q := nr.Get("evaluationResultIdentifier", "evaluationResultQualifier")
	resType := str(v, "resourceType")
	resID := str(v, "resourceId")
	rule := str(v, "configRuleName")
	if q != nil {
		resType = first(resType, str(q, "resourceType"))
		resID = first(resID, str(q, "resourceId"))
		rule = first(rule, str(q, "configRuleName"))
	}
	created, hasCreated := date(v, "notificationCreationTime")
	ts, ok := date(nr, "resultRecordedTime")
	switch {
	case ok:
	case hasCreated:
		ts = created
	case m.rec.Delivery != nil && !m.rec.Delivery.Time.IsZero():
		ts = m.rec.Delivery.Time
	default:
		return errors.New("compliance change without a valid newEvaluationResult.resultRecordedTime or notificationCreationTime")
	}
	ev.Date("@timestamp", ts)
	if hasCreated {
		ev.Date("event.created", created)
	}
	compliance := str(nr, "complianceType")
	if compliance == "NON_COMPLIANT" {
		ev.Keyword("event.kind", "alert")
	} else {
		ev.Keyword("event.kind", "event")
	}
	ev.Keywords("event.category", "configuration")
	ev.Keywords("event.type", "change")
	mt := first(str(v, "messageType"), "ComplianceChangeNotification")
	ev.Keyword("event.action", mt)
	switch compliance {
	case "COMPLIANT":
		ev.Keyword("event.outcome", "success")
	case "NON_COMPLIANT":
		ev.Keyword("event.outcome", "failure")
	default:
		ev.Keyword("event.outcome", "unknown")
	}
	ev.Keyword("rule.name", rule)
	arn := str(v, "configRuleARN")
	ev.Keyword("rule.id", arn)
	account, region := str(v, "awsAccountId"), str(v, "awsRegion")
	if account == "" {
		account = m.ctx.account
	}
	if region == "" {
		region = m.ctx.region
	}
	m.cloud(account, region)
	m.resource(resType, resID, "")
	if resType == "AWS::Config::ResourceCompliance" {
		m.complianceTarget(resID)
	}
	ev.Keyword("aws.config.message_type", mt)
	ev.Keyword("aws.config.record_version", str(v, "recordVersion"))
	m.evaluation("aws.config.new_evaluation_result", nr)
	if or := v.Get("oldEvaluationResult"); or != nil && or.Type() == fastjson.TypeObject {
		m.evaluation("aws.config.old_evaluation_result", or)
	}
	m.flushRelated()
	when := str(nr, "resultRecordedTime")
	if when == "" {
		when = string(ecs.AppendTime(nil, ts))
	}
	ev.SetID(m.docID("compliance", account, region, first(arn, rule), resType, resID, when))
	return nil
}

// complianceTarget reads the resource an AWS::Config::ResourceCompliance
// item is about, from its id "<type>/<id>".
func (m *mapper) complianceTarget(resID string) {
	i := lastSlash(resID)
	if i <= 0 || i+1 >= len(resID) {
		return
	}
	switch resID[:i] {
	case "AWS::EC2::Instance":
		m.host(resID[i+1:])
	case "AWS::IAM::User", "AWS::IAM::Role":
		m.ev.Keyword("user.id", resID[i+1:])
		m.users = append(m.users, resID[i+1:])
	}
}

// evaluation maps an EvaluationResult.
func (m *mapper) evaluation(prefix string, r *fastjson.Value) {
	ev := m.ev
	ev.Keyword(prefix+".compliance_type", str(r, "complianceType"))
	ev.Keyword(prefix+".annotation", str(r, "annotation"))
	ev.Keyword(prefix+".compliance_reason_code", str(r, "complianceReasonCode"))
	if t, ok := date(r, "resultRecordedTime"); ok {
		ev.Date(prefix+".result_recorded_time", t)
	}
	if t, ok := date(r, "configRuleInvokedTime"); ok {
		ev.Date(prefix+".config_rule_invoked_time", t)
	}
	id := r.Get("evaluationResultIdentifier")
	if id == nil || id.Type() != fastjson.TypeObject {
		return
	}
	if t, ok := date(id, "orderingTimestamp"); ok {
		ev.Date(prefix+".ordering_timestamp", t)
	}
	ev.Keyword(prefix+".resource_evaluation_id", str(id, "resourceEvaluationId"))
	if q := id.Get("evaluationResultQualifier"); q != nil && q.Type() == fastjson.TypeObject {
		ev.Keyword(prefix+".qualifier.config_rule_name", str(q, "configRuleName"))
		ev.Keyword(prefix+".qualifier.resource_type", str(q, "resourceType"))
		ev.Keyword(prefix+".qualifier.resource_id", str(q, "resourceId"))
		ev.Keyword(prefix+".qualifier.evaluation_mode", str(q, "evaluationMode"))
	}
}

// flushRelated writes related.*.
func (m *mapper) flushRelated() {
	m.ev.IPs("related.ip", m.ips.sorted()...)
	m.ev.Keywords("related.hosts", m.hosts...)
	m.ev.Keywords("related.user", m.users...)
}

// docID hashes the parts into a document id: 32 hex digits (128 bits of
// SHA-256), each part ended by a zero byte so that no two lists of parts
// hash alike.
func (m *mapper) docID(parts ...string) string {
	b := m.scratch[:0]
	for _, p := range parts {
		b = append(b, p...)
		b = append(b, 0)
	}
	sum := sha256.Sum256(b)
	m.scratch = b
	var out [32]byte
	hex.Encode(out[:], sum[:16])
	return string(out[:])
}

// str returns the string member key of v, "" when absent or not a string.
func str(v *fastjson.Value, key string) string {
	f := v.Get(key)
	if f == nil || f.Type() != fastjson.TypeString {
		return ""
	}
	return string(f.GetStringBytes())
}

// scalar returns a string member, or a number's text.
func scalar(v *fastjson.Value, key string) string {
	f := v.Get(key)
	if f == nil {
		return ""
	}
	switch f.Type() {
	case fastjson.TypeString:
		return string(f.GetStringBytes())
	case fastjson.TypeNumber:
		if b := f.MarshalTo(nil); parser.IsJSONNumber(b) {
			return string(b)
		}
	}
	return ""
}

// date returns the RFC 3339 time in member key of v.
func date(v *fastjson.Value, key string) (time.Time, bool) {
	f := v.Get(key)
	if f == nil || f.Type() != fastjson.TypeString {
		return time.Time{}, false
	}
	t, err := parser.ParseRFC3339(f.GetStringBytes())
	if err != nil {
		return time.Time{}, false
	}
	if y := t.UTC().Year(); y < 1 || y > 9999 {
		return time.Time{}, false
	}
	return t, true
}

func first(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func lastSlash(s string) int { return strings.LastIndexByte(s, '/') }

// isRegion reports whether s looks like an AWS region (us-east-1,
// us-gov-west-1, cn-north-1).
func isRegion(s string) bool { return regionRE.MatchString(s) }

// isAZ reports whether s looks like an availability zone name (us-west-2b)
// or id (use1-az1), not Config's "Not Applicable" or "Multiple
// Availability Zones".
func isAZ(s string) bool { return azRE.MatchString(s) }

func clip(b []byte) string {
	if len(b) > 64 {
		return string(b[:64]) + "..."
	}
	return string(b)
}

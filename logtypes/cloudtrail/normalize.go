package cloudtrail

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
	"github.com/valyala/fastjson"
)

// maxPooledBytes is the largest record whose parser and buffers go back
// to the pool; the state of a rare giant record is left to the collector
// rather than pinned in memory.
const maxPooledBytes = 1 << 20

var statePool = sync.Pool{New: func() any { return newState() }}

// Normalize maps one CloudTrail event (a JSON object) onto ev. It is safe
// for concurrent use. A digest record yields siem.Exclude(RuleDigest); a
// record that is not JSON, not an object, or has no valid eventTime yields
// an error saying which.
func Normalize(rec siem.Record, ev *ecs.Event) error {
	s := statePool.Get().(*state)
	err := s.normalize(rec.Data, ev)
	if len(rec.Data) <= maxPooledBytes && s.retained() <= 4*maxPooledBytes {
		statePool.Put(s)
	}
	return err
}

// state is what one goroutine needs to normalize records: a parser (the
// values it returns live in it), the JSON writer and scratch space. It is
// pooled, so a record costs no allocation for it.
type state struct {
	p    fastjson.Parser
	json *jsonWriter
	f    topFields
	id   identity
	free [numFreeForm]freeForm

	visitTop, visitIdentity, visitSession, visitIssuer func(key []byte, v *fastjson.Value)

	// list holds hand-built JSON arrays (resources, related.user).
	list  []byte
	names [][]byte
	res   [][3][]byte
}

func (s *state) retained() int {
	n := cap(s.list)
	for i := range s.free {
		n += cap(s.free[i].text) + cap(s.free[i].quoted)
	}
	return n
}

// topFields are the record's members this type reads, found in one pass
// over the object instead of one lookup per field.
type topFields struct {
	eventVersion, userIdentity, eventTime, eventSource, eventName      *fastjson.Value
	awsRegion, sourceIPAddress, userAgent, errorCode, errorMessage     *fastjson.Value
	requestParameters, responseElements, additionalEventData           *fastjson.Value
	serviceEventDetails, insightDetails, tlsDetails, resources         *fastjson.Value
	requestID, eventID, readOnly, eventType, apiVersion                *fastjson.Value
	managementEvent, recipientAccountID, sharedEventID, eventCategory  *fastjson.Value
	vpcEndpointID, vpcEndpointAccountID, digestFingerprint, digestTime *fastjson.Value
}

func newState() *state {
	s := &state{json: newJSONWriter()}
	s.visitTop = func(key []byte, v *fastjson.Value) {
		f := &s.f
		switch string(key) {
		case "eventVersion":
			f.eventVersion = v
		case "userIdentity":
			f.userIdentity = v
		case "eventTime":
			f.eventTime = v
		case "eventSource":
			f.eventSource = v
		case "eventName":
			f.eventName = v
		case "awsRegion":
			f.awsRegion = v
		case "sourceIPAddress":
			f.sourceIPAddress = v
		case "userAgent":
			f.userAgent = v
		case "errorCode":
			f.errorCode = v
		case "errorMessage":
			f.errorMessage = v
		case "requestParameters":
			f.requestParameters = v
		case "responseElements":
			f.responseElements = v
		case "additionalEventData":
			f.additionalEventData = v
		case "serviceEventDetails":
			f.serviceEventDetails = v
		case "insightDetails":
			f.insightDetails = v
		case "tlsDetails":
			f.tlsDetails = v
		case "resources":
			f.resources = v
		case "requestID":
			f.requestID = v
		case "eventID":
			f.eventID = v
		case "readOnly":
			f.readOnly = v
		case "eventType":
			f.eventType = v
		case "apiVersion":
			f.apiVersion = v
		case "managementEvent":
			f.managementEvent = v
		case "recipientAccountId":
			f.recipientAccountID = v
		case "sharedEventID":
			f.sharedEventID = v
		case "eventCategory":
			f.eventCategory = v
		case "vpcEndpointId":
			f.vpcEndpointID = v
		case "vpcEndpointAccountId":
			f.vpcEndpointAccountID = v
		case "digestPublicKeyFingerprint":
			f.digestFingerprint = v
		case "digestStartTime":
			f.digestTime = v
		}
	}
	s.identityVisitors()
	return s
}

// normalize reads everything first and then sets the fields in path
// order: the event sorts its fields by path when it is written, and input
// that is already in order makes that sort nearly free.
func (s *state) normalize(data []byte, ev *ecs.Event) error {
	root, err := s.p.ParseBytes(data)
	if err != nil {
		return syntaxError(data, err)
	}
	obj, err := root.Object()
	if err != nil {
		return fmt.Errorf("record is a JSON %s, not a CloudTrail event object", root.Type())
	}
	s.f = topFields{}
	obj.Visit(s.visitTop)
	f := &s.f

	eventID := f.eventID.GetStringBytes()
	if len(eventID) == 0 && (f.digestFingerprint != nil || f.digestTime != nil) {
		return siem.Exclude(RuleDigest)
	}
	ts, err := eventTime(f.eventTime)
	if err != nil {
		return err
	}

	action := f.eventName.GetStringBytes()
	provider := f.eventSource.GetStringBytes()
	errorCode := f.errorCode.GetStringBytes()
	errorMessage := f.errorMessage.GetStringBytes()
	eventCategory := f.eventCategory.GetStringBytes()
	recipient := f.recipientAccountID.GetStringBytes()
	failed := len(errorCode) > 0 || len(errorMessage) > 0
	readOnly, management := boolOf(f.readOnly), boolOf(f.managementEvent)
	s.readIdentity(f.userIdentity)
	id := &s.id
	s.encodeFreeForm(f)

	ev.Date("@timestamp", ts)

	// aws.cloudtrail, Elastic's vendor fields.
	s.freeFormText(freeAdditionalEventData, ev)
	ev.KeywordBytes("aws.cloudtrail.api_version", f.apiVersion.GetStringBytes())
	if string(action) == "ConsoleLogin" {
		consoleLogin(f.additionalEventData, ev)
	}
	ev.KeywordBytes("aws.cloudtrail.error_code", errorCode)
	ev.KeywordBytes("aws.cloudtrail.error_message", errorMessage)
	ev.KeywordBytes("aws.cloudtrail.event_category", eventCategory)
	ev.KeywordBytes("aws.cloudtrail.event_type", f.eventType.GetStringBytes())
	ev.KeywordBytes("aws.cloudtrail.event_version", f.eventVersion.GetStringBytes())
	s.freeFormObjects(ev)
	s.freeFormText(freeInsightDetails, ev)
	if management >= 0 {
		ev.Bool("aws.cloudtrail.management_event", management == 1)
	}
	if readOnly >= 0 {
		ev.Bool("aws.cloudtrail.read_only", readOnly == 1)
	}
	ev.KeywordBytes("aws.cloudtrail.recipient_account_id", recipient)
	ev.KeywordBytes("aws.cloudtrail.request_id", f.requestID.GetStringBytes())
	s.freeFormText(freeRequestParameters, ev)
	s.resources(f.resources, ev)
	s.freeFormText(freeResponseElements, ev)
	s.freeFormText(freeServiceEventDetails, ev)
	ev.KeywordBytes("aws.cloudtrail.shared_event_id", f.sharedEventID.GetStringBytes())
	ev.KeywordBytes("aws.cloudtrail.user_identity.access_key_id", id.accessKeyID)
	ev.KeywordBytes("aws.cloudtrail.user_identity.account_id", id.accountID)
	ev.KeywordBytes("aws.cloudtrail.user_identity.arn", id.arn)
	ev.KeywordBytes("aws.cloudtrail.user_identity.credential_id", id.credentialID)
	ev.KeywordBytes("aws.cloudtrail.user_identity.identity_provider", id.identityProvider)
	ev.KeywordBytes("aws.cloudtrail.user_identity.invoked_by", id.invokedBy)
	ev.KeywordBytes("aws.cloudtrail.user_identity.on_behalf_of.identity_store_arn", id.onBehalfStoreARN)
	ev.KeywordBytes("aws.cloudtrail.user_identity.on_behalf_of.user_id", id.onBehalfUserID)
	ev.Date("aws.cloudtrail.user_identity.session_context.creation_date", id.creationDate)
	ev.KeywordBytes("aws.cloudtrail.user_identity.session_context.ec2_role_delivery", id.ec2RoleDelivery)
	ev.KeywordBytes("aws.cloudtrail.user_identity.session_context.mfa_authenticated", id.mfaAuthenticated)
	ev.KeywordBytes("aws.cloudtrail.user_identity.session_context.session_issuer.account_id", id.issuerAccountID)
	ev.KeywordBytes("aws.cloudtrail.user_identity.session_context.session_issuer.arn", id.issuerARN)
	ev.KeywordBytes("aws.cloudtrail.user_identity.session_context.session_issuer.principal_id", id.issuerPrincipal)
	ev.KeywordBytes("aws.cloudtrail.user_identity.session_context.session_issuer.type", id.issuerType)
	ev.KeywordBytes("aws.cloudtrail.user_identity.session_context.session_issuer.user_name", id.issuerName)
	ev.KeywordBytes("aws.cloudtrail.user_identity.session_context.source_identity", id.sourceIdentity)
	ev.KeywordBytes("aws.cloudtrail.user_identity.session_context.web_id_federation_data.federated_provider", id.federatedProvider)
	ev.KeywordBytes("aws.cloudtrail.user_identity.type", id.typ)
	ev.KeywordBytes("aws.cloudtrail.vpc_endpoint_account_id", f.vpcEndpointAccountID.GetStringBytes())
	ev.KeywordBytes("aws.cloudtrail.vpc_endpoint_id", f.vpcEndpointID.GetStringBytes())

	// cloud: the account that recorded the event, where it happened, and
	// the service and instance acted on.
	if len(recipient) > 0 {
		ev.KeywordBytes("cloud.account.id", recipient)
	} else {
		ev.KeywordBytes("cloud.account.id", id.accountID)
	}
	ev.KeywordBytes("cloud.instance.id", instanceID(f, provider, action))
	ev.Keyword("cloud.provider", "aws")
	ev.KeywordBytes("cloud.region", f.awsRegion.GetStringBytes())
	if service, ok := bytes.CutSuffix(provider, []byte(".amazonaws.com")); ok {
		ev.KeywordBytes("cloud.service.name", service)
	}

	ev.KeywordBytes("error.code", errorCode)
	ev.KeywordBytes("error.message", errorMessage)

	c := categorize(&callFacts{
		action:        action,
		provider:      provider,
		eventCategory: eventCategory,
		eventType:     f.eventType.GetStringBytes(),
		readOnly:      readOnly,
		failed:        failed,
		denied:        isDenial(errorCode),
		insightState:  f.insightDetails.GetStringBytes("state"),
	})
	ev.KeywordBytes("event.action", action)
	ev.Keywords("event.category", c.category[:]...)
	ev.KeywordBytes("event.id", eventID)
	ev.Keyword("event.kind", "event")
	if string(eventCategory) != "Insight" {
		ev.Keyword("event.outcome", outcome(action, failed, f.responseElements))
	}
	ev.KeywordBytes("event.provider", provider)
	ev.Keywords("event.type", c.typ[:]...)
	if len(eventID) > 0 {
		// An eventID is unique per event, so a re-delivered or re-read
		// event overwrites its document instead of duplicating it.
		ev.SetID(string(eventID))
	}

	// The user or group an IAM call acts on. Other services also have
	// userName and groupName parameters (EC2 security groups have a
	// groupName), so only IAM's are read.
	var targetName, newName []byte
	if string(provider) == "iam.amazonaws.com" {
		rp, re := f.requestParameters, f.responseElements
		targetName = rp.GetStringBytes("userName")
		newName = rp.GetStringBytes("newUserName")
		ev.KeywordBytes("group.id", re.GetStringBytes("group", "groupId"))
		ev.KeywordBytes("group.name", rp.GetStringBytes("groupName"))
		ev.KeywordBytes("user.changes.name", newName)
		ev.KeywordBytes("user.target.id", re.GetStringBytes("user", "userId"))
		ev.KeywordBytes("user.target.name", targetName)
	}

	source := f.sourceIPAddress.GetStringBytes()
	// Service principals ("s3.amazonaws.com") and "AWS Internal" are not
	// addresses; ParseAddr refuses them without allocating.
	ip, isIP := parser.ParseAddr(source)
	if isIP {
		ev.IPs("related.ip", ip)
	}
	name := id.name()
	_, session := assumedRole(id.arn)
	s.names = append(s.names[:0], name, id.userName, session, targetName, newName)
	s.keywordSet("related.user", s.names, ev)
	ev.KeywordBytes("source.address", source)
	if isIP {
		ev.IP("source.ip", ip)
	}

	s.tls(f.tlsDetails, ev)

	if looksLikeEmail(session) {
		ev.KeywordBytes("user.email", session)
	}
	ev.KeywordBytes("user.id", id.principal)
	ev.KeywordBytes("user.name", name)
	ev.KeywordBytes("user_agent.original", f.userAgent.GetStringBytes())
	return nil
}

// syntaxError explains why a record is not JSON. fastjson's message names
// the problem but not where it is, so the record is checked again with
// encoding/json, which reports the byte offset; this runs only for broken
// records, never on the normal path.
func syntaxError(data []byte, parseErr error) error {
	var raw json.RawMessage
	var se *json.SyntaxError
	if err := json.Unmarshal(data, &raw); errors.As(err, &se) {
		// Offset counts the bytes read up to and including the bad one.
		return fmt.Errorf("invalid JSON at byte %d of the record: %s", max(se.Offset-1, 0), se.Error())
	}
	return fmt.Errorf("invalid JSON: %v", parseErr)
}

// outcome follows Elastic: a call failed when CloudTrail recorded an error
// code or message, except that a console sign-in reports its own result.
func outcome(action []byte, failed bool, response *fastjson.Value) string {
	if string(action) == "ConsoleLogin" {
		switch string(response.GetStringBytes("ConsoleLogin")) {
		case "Success":
			return "success"
		case "Failure":
			return "failure"
		}
	}
	if failed {
		return "failure"
	}
	return "success"
}

func eventTime(v *fastjson.Value) (time.Time, error) {
	if v == nil {
		return time.Time{}, errors.New("eventTime is missing; every CloudTrail event carries one, so this record is probably not a CloudTrail event (check the object's type and envelope)")
	}
	if v.Type() != fastjson.TypeString {
		return time.Time{}, fmt.Errorf("eventTime is a JSON %s (%s), not a timestamp string", v.Type(), clip(v.MarshalTo(nil)))
	}
	b := v.GetStringBytes()
	t, ok := parseTime(b)
	if !ok {
		return time.Time{}, fmt.Errorf("eventTime %q is not an RFC 3339 timestamp such as 2026-11-27T10:05:00Z", clip(b))
	}
	// A year outside this range is a corrupt or placeholder value, and it
	// would also name an absurd time-based index.
	if y := t.UTC().Year(); y < 1970 || y > 9999 {
		return time.Time{}, fmt.Errorf("eventTime %q is outside the years 1970 to 9999", clip(b))
	}
	return t, nil
}

// parseTime reads CloudTrail's timestamps, which are RFC 3339 in UTC with
// whole seconds ("2026-11-27T10:05:00Z"), without allocating; any other
// RFC 3339 form goes through time.Parse.
func parseTime(b []byte) (time.Time, bool) {
	if len(b) == 20 && b[19] == 'Z' && b[4] == '-' && b[7] == '-' && b[10] == 'T' && b[13] == ':' && b[16] == ':' {
		year, ok1 := digits(b[0:4])
		month, ok2 := digits(b[5:7])
		day, ok3 := digits(b[8:10])
		hour, ok4 := digits(b[11:13])
		minute, ok5 := digits(b[14:16])
		sec, ok6 := digits(b[17:19])
		if ok1 && ok2 && ok3 && ok4 && ok5 && ok6 && month >= 1 && month <= 12 && hour < 24 && minute < 60 && sec < 60 {
			t := time.Date(year, time.Month(month), day, hour, minute, sec, 0, time.UTC)
			// time.Date normalizes 31 April to 1 May; such a date is invalid.
			return t, t.Day() == day
		}
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC3339Nano, string(b))
	return t, err == nil
}

// parseCreationDate reads a session's creation date, which is RFC 3339 in
// current events and the basic ISO 8601 form (20131102T010628Z) in some
// old ones.
func parseCreationDate(b []byte) (time.Time, bool) {
	if len(b) == 0 {
		return time.Time{}, false
	}
	if t, ok := parseTime(b); ok {
		return t, true
	}
	t, err := time.Parse("20060102T150405Z", string(b))
	return t, err == nil
}

func digits(b []byte) (int, bool) {
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

func clip(b []byte) []byte {
	const max = 100
	if len(b) > max {
		return b[:max]
	}
	return b
}

// boolOf reads a JSON boolean, tolerating "true"/"false" strings: -1 when
// absent or neither, else 0 or 1.
func boolOf(v *fastjson.Value) int8 {
	if v == nil {
		return -1
	}
	switch v.Type() {
	case fastjson.TypeTrue:
		return 1
	case fastjson.TypeFalse:
		return 0
	case fastjson.TypeString:
		switch string(v.GetStringBytes()) {
		case "true":
			return 1
		case "false":
			return 0
		}
	}
	return -1
}

// keywordSet writes the distinct non-empty values as a keyword array
// without converting each to a string first.
func (s *state) keywordSet(path string, values [][]byte, ev *ecs.Event) {
	s.list = append(s.list[:0], '[')
	n := 0
outer:
	for i, v := range values {
		if len(v) == 0 {
			continue
		}
		for _, prev := range values[:i] {
			if bytes.Equal(prev, v) {
				continue outer
			}
		}
		if n > 0 {
			s.list = append(s.list, ',')
		}
		s.list = ecs.AppendStringBytes(s.list, v)
		n++
	}
	if n > 0 {
		s.list = append(s.list, ']')
		ev.RawJSON(path, s.list)
	}
}

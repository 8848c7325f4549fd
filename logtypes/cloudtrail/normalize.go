package cloudtrail

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
)

// maxPooledBytes is the largest record whose buffers go back to the pool;
// the state of a rare giant record is left to the collector rather than
// pinned in memory.
const maxPooledBytes = 1 << 20

var statePool = sync.Pool{New: func() any { return newState() }}

// Normalize maps one CloudTrail event (a JSON object) onto ev. It is safe
// for concurrent use. A digest record yields siem.Exclude(RuleDigest); a
// record that is not JSON, not an object, or has no valid eventTime yields
// an error saying which.
func Normalize(rec siem.Record, ev *ecs.Event) error {
	s := statePool.Get().(*state)
	err := s.normalize(rec.Data, ev)
	s.release()
	if len(rec.Data) <= maxPooledBytes && s.retained() <= 4*maxPooledBytes {
		statePool.Put(s)
	}
	return err
}

// state is what one goroutine needs to normalize records: the members
// found, the JSON writer and scratch space. It is pooled, so a record
// costs no allocation for it. Values point into the record, which is only
// valid during the call.
type state struct {
	json *jsonWriter
	// fields holds the members walk found: those of topFields and of the
	// sets under it, each set's from its base.
	fields []value
	id     identity
	free   [numFreeForm]freeForm
	// quoted holds a free-form member's string form.
	quoted []byte
	// list holds hand-built JSON arrays (resources, related.user), and
	// resBuf, res and order the resources while repeats are found.
	list   []byte
	names  [][]byte
	resBuf []byte
	res    []span
	order  []int32
	// arena holds strings with their escapes undone; key one key.
	arena, key []byte
	// dups lists the repeated keys met, as paths.
	dups []string
}

func newState() *state { return &state{json: newJSONWriter(), fields: make([]value, numFields)} }

// release drops what points into the record, so that a pooled state
// does not keep it alive.
func (s *state) release() {
	clear(s.fields)
	s.id = identity{}
	clear(s.names)
	for i := range s.free {
		s.free[i].text = nil
	}
}

func (s *state) retained() int {
	n := cap(s.quoted) + cap(s.list) + cap(s.resBuf) + cap(s.res)*16 + cap(s.order)*4 + cap(s.arena) + cap(s.key)
	n += cap(s.json.str) + cap(s.json.keys)*16
	for i := range s.free {
		n += cap(s.free[i].buf)
	}
	return n
}

// The members this type reads form a tree of fieldSets, read in one pass
// over the record (see walk): the top-level members, and within some of
// them their own. Each set's members are named by the constants below, in
// order.
const (
	topEventVersion = iota
	topUserIdentity
	topEventTime
	topEventSource
	topEventName
	topAWSRegion
	topSourceIPAddress
	topUserAgent
	topErrorCode
	topErrorMessage
	topRequestParameters
	topResponseElements
	topAdditionalEventData
	topServiceEventDetails
	topInsightDetails
	topTLSDetails
	topResources
	topRequestID
	topEventID
	topReadOnly
	topEventType
	topAPIVersion
	topManagementEvent
	topRecipientAccountID
	topSharedEventID
	topEventCategory
	topVPCEndpointID
	topVPCEndpointAccountID
	topDigestFingerprint
	topDigestStartTime
)

// The members of requestParameters and responseElements this type reads.
const (
	rpUserName = iota
	rpNewUserName
	rpGroupName
	rpInstanceID
	rpInstancesSet
	rpTarget
	rpRoleSessionName
)

const (
	reConsoleLogin = iota
	reGroup
	reUser
	reInstancesSet
)

var (
	topFields = newFieldSet("",
		"eventVersion", "userIdentity", "eventTime", "eventSource", "eventName",
		"awsRegion", "sourceIPAddress", "userAgent", "errorCode", "errorMessage",
		"requestParameters", "responseElements", "additionalEventData",
		"serviceEventDetails", "insightDetails", "tlsDetails", "resources",
		"requestID", "eventID", "readOnly", "eventType", "apiVersion",
		"managementEvent", "recipientAccountId", "sharedEventID", "eventCategory",
		"vpcEndpointId", "vpcEndpointAccountId", "digestPublicKeyFingerprint", "digestStartTime")
	rpFields = newFieldSet("requestParameters", "userName", "newUserName", "groupName", "instanceId", "instancesSet", "target", "roleSessionName")
	reFields = newFieldSet("responseElements", "ConsoleLogin", "group", "user", "instancesSet")
	groupID  = newFieldSet("responseElements.group", "groupId")
	userID   = newFieldSet("responseElements.user", "userId")
	insight  = newFieldSet("insightDetails", "state")
)

// numFields is the size of the tree: topFields and every set under it.
var numFields = func() int {
	topFields.nest(topUserIdentity, identityFields.
		nest(idOnBehalfOf, onBehalfFields).
		nest(idSessionContext, sessionFields.
			nest(sessionAttributes, attributesFields).
			nest(sessionIssuer, issuerFields).
			nest(sessionWebID, webIDFields)))
	topFields.nest(topRequestParameters, rpFields)
	topFields.nest(topResponseElements, reFields.nest(reGroup, groupID).nest(reUser, userID))
	topFields.nest(topAdditionalEventData, consoleLoginFields)
	topFields.nest(topTLSDetails, tlsFields)
	topFields.nest(topInsightDetails, insight)
	return topFields.layout(0)
}()

// fieldSet names the members of an object that this type reads.
type fieldSet struct {
	names []string
	// byLen lists the names of each length: comparing a key with the
	// few names of its length is cheaper than hashing it.
	byLen [][]candidate
	// paths are the members' paths from the top of the record, which
	// name them when they are repeated.
	paths []string
	// sub holds, for a member that is an object, the set read within it.
	sub []*fieldSet
	// base is where the set's members start in state.fields.
	base int
}

func newFieldSet(path string, names ...string) *fieldSet {
	f := &fieldSet{names: names, sub: make([]*fieldSet, len(names))}
	for i, name := range names {
		if len(name) >= len(f.byLen) {
			f.byLen = append(f.byLen, make([][]candidate, len(name)+1-len(f.byLen))...)
		}
		head, tail := nameWords([]byte(name))
		f.byLen[len(name)] = append(f.byLen[len(name)], candidate{i, head, tail})
		if path != "" {
			name = path + "." + name
		}
		f.paths = append(f.paths, name)
	}
	return f
}

// nest reads sub within member i.
func (f *fieldSet) nest(i int, sub *fieldSet) *fieldSet {
	f.sub[i] = sub
	return f
}

// layout gives f and the sets under it their places in state.fields from
// base on, and returns where they end.
func (f *fieldSet) layout(base int) int {
	f.base = base
	end := base + len(f.names)
	for _, sub := range f.sub {
		if sub != nil {
			end = sub.layout(end)
		}
	}
	return end
}

// get returns member i of set, read by walk.
func (s *state) get(set *fieldSet, i int) value { return s.fields[set.base+i] }

// walk checks the object at b[i], inside outer arrays and objects, as
// scanValue does, and in the same pass puts the members set names in
// s.fields, going into those it reads members of; it returns where the
// object ends. A key repeated in a JSON object has no defined meaning
// (RFC 8259 leaves it to the reader, and AWS says nothing of it), and a
// second eventTime could back-date an event, so the first occurrence is
// kept and the repeat noted, never silently taken.
func (s *state) walk(b []byte, i, outer int, set *fieldSet) (int, *syntaxErr) {
	if outer >= maxDepth {
		return 0, tooDeep(i)
	}
	i = skipSpace(b, i+1)
	if i < len(b) && b[i] == '}' {
		return i + 1, nil
	}
	for {
		j, key, e := memberStart(b, i)
		if e != nil {
			return 0, e
		}
		k, ok := s.match(set, key)
		var end int
		switch {
		case ok && set.sub[k] != nil && j < len(b) && b[j] == '{' && s.fields[set.base+k] == nil:
			end, e = s.walk(b, j, outer+1, set.sub[k])
		case j < len(b) && b[j] == '"' && outer+1 < maxDepth:
			// Most values are strings: found here without the set-up of
			// scanValue, which checks them the same way (and would refuse
			// one nested too deeply, as the depth test keeps).
			if end = stringEnd(b, j+1); end < 0 {
				e = &syntaxErr{len(b), "unexpected end of JSON input in a string", false}
			}
		default:
			end, e = scanValue(b, j, outer+1)
		}
		if e != nil {
			return 0, e
		}
		if ok {
			if f := &s.fields[set.base+k]; *f == nil {
				*f = b[j:end]
			} else {
				s.duplicate(set.paths[k])
			}
		}
		if i = skipSpace(b, end); i >= len(b) {
			return 0, &syntaxErr{i, "unexpected end of JSON input", false}
		}
		switch b[i] {
		case ',':
			i = skipSpace(b, i+1)
		case '}':
			return i + 1, nil
		default:
			return 0, afterValue(i, b[i], true)
		}
	}
}

// match finds key, as written in the record, among set's names.
func (s *state) match(set *fieldSet, key []byte) (int, bool) {
	if i, ok := set.find(key); ok {
		return i, true
	}
	// No name holds a backslash: a key with one matches only once its
	// escapes are undone.
	if bytes.IndexByte(key, '\\') < 0 {
		return 0, false
	}
	s.key = unescape(slices.Grow(s.key[:0], len(key)), key)
	return set.find(s.key)
}

// candidate is a name of a fieldSet with its first and last eight bytes
// (see nameWords).
type candidate struct {
	i          int
	head, tail uint64
}

func (f *fieldSet) find(key []byte) (int, bool) {
	if len(key) >= len(f.byLen) {
		return 0, false
	}
	// Names of the same length often share a prefix (eventName,
	// eventTime, eventType), so comparing them as strings meant a call to
	// compare bytes for each; two words tell them apart at once, and a
	// name of up to 16 bytes is fully compared by them.
	head, tail := nameWords(key)
	for _, c := range f.byLen[len(key)] {
		if c.head == head && c.tail == tail && (len(key) <= 16 || f.names[c.i] == string(key)) {
			return c.i, true
		}
	}
	return 0, false
}

// nameWords returns the first and the last eight bytes of b as words,
// which overlap when b is shorter than 16 bytes; a b shorter than eight
// bytes is zero-padded and its tail is 0.
func nameWords(b []byte) (head, tail uint64) {
	if len(b) >= 8 {
		return binary.LittleEndian.Uint64(b), binary.LittleEndian.Uint64(b[len(b)-8:])
	}
	for i, c := range b {
		head |= uint64(c) << (8 * i)
	}
	return head, 0
}

// lookup finds the members of object v that set names, in one pass, and
// puts their values in out in the order of set (nil for those absent; all
// nil when v is not an object). As in walk, the first occurrence of a key
// is kept and a repeat noted. It serves the objects walk does not reach:
// those inside arrays.
func (s *state) lookup(v value, set *fieldSet, out []value) {
	clear(out)
	for m := v.members(); m.next(); {
		i, ok := s.match(set, m.key)
		if !ok {
			continue
		}
		if out[i] != nil {
			s.duplicate(set.paths[i])
			continue
		}
		out[i] = m.val
	}
}

func (s *state) duplicate(path string) {
	if !slices.Contains(s.dups, path) {
		s.dups = append(s.dups, path)
	}
}

// DuplicateKeyTag is added to tags of an event whose record repeats a key
// that this type reads; aws.cloudtrail.duplicate_keys lists them (as
// paths such as "eventTime" or "userIdentity.arn"), and the first
// occurrence of each is the one used.
const DuplicateKeyTag = "duplicate_json_key"

// str returns the string v holds, with its escapes undone, or nil when v
// is absent or not a string. A string without escapes is returned in
// place; the others are written to the arena, which never moves what it
// holds, so every string stays valid until the record is done.
func (s *state) str(v value) []byte {
	if v == nil || v[0] != '"' {
		return nil
	}
	raw := v[1 : len(v)-1 : len(v)-1]
	if bytes.IndexByte(raw, '\\') < 0 {
		return raw
	}
	if cap(s.arena)-len(s.arena) < len(raw) {
		// unescape never writes more than it reads.
		s.arena = make([]byte, 0, max(len(raw), 2*cap(s.arena), 512))
	}
	from := len(s.arena)
	s.arena = unescape(s.arena, raw)
	return s.arena[from:len(s.arena):len(s.arena)]
}

// normalize reads everything first and then sets the fields in path
// order: the event sorts its fields by path when it is written, and input
// that is already in order makes that sort nearly free.
func (s *state) normalize(data []byte, ev *ecs.Event) error {
	s.arena = s.arena[:0]
	s.dups = s.dups[:0]
	clear(s.fields)
	i := skipSpace(data, 0)
	if i == len(data) || data[i] != '{' {
		// Not an object: say whether it is JSON at all.
		v, serr := validate(data)
		if serr != nil {
			return syntaxError(data, serr)
		}
		return fmt.Errorf("record is a JSON %s, not a CloudTrail event object", v.typ())
	}
	end, serr := s.walk(data, i, 0, topFields)
	if serr == nil {
		if j := skipSpace(data, end); j != len(data) {
			serr = &syntaxErr{j, "invalid character after the top-level value", false}
		}
	}
	if serr != nil {
		return syntaxError(data, serr)
	}
	f := s.fields[topFields.base:]
	u, issuer := s.fields[identityFields.base:], s.fields[issuerFields.base:]

	eventID := s.str(f[topEventID])
	if len(eventID) == 0 && (f[topDigestFingerprint] != nil || f[topDigestStartTime] != nil) {
		return siem.Exclude(RuleDigest)
	}
	ts, err := s.eventTime(f[topEventTime])
	if err != nil {
		return err
	}

	action := s.str(f[topEventName])
	provider := s.str(f[topEventSource])
	errorCode := s.str(f[topErrorCode])
	errorMessage := s.str(f[topErrorMessage])
	eventCategory := s.str(f[topEventCategory])
	eventType := s.str(f[topEventType])
	recipient := s.str(f[topRecipientAccountID])
	userAgent := s.str(f[topUserAgent])
	failed := len(errorCode) > 0 || len(errorMessage) > 0
	readOnly, management := s.boolOf(f[topReadOnly]), s.boolOf(f[topManagementEvent])

	// Every member is read before any field is set, so that all the
	// repeated keys are known when aws.cloudtrail.duplicate_keys is.
	s.readIdentity()
	id := &s.id
	var targetName, newName, groupName, targetID, groupIDValue []byte
	if string(provider) == "iam.amazonaws.com" {
		// The user or group an IAM call acts on. Other services also have
		// userName and groupName parameters (EC2 security groups have a
		// groupName), so only IAM's are read.
		targetName = s.str(s.get(rpFields, rpUserName))
		newName = s.str(s.get(rpFields, rpNewUserName))
		groupName = s.str(s.get(rpFields, rpGroupName))
		groupIDValue = s.str(s.get(groupID, 0))
		targetID = s.str(s.get(userID, 0))
	}
	instance := s.instanceID(provider, action, userAgent)
	result := outcome(action, failed, s.str(s.get(reFields, reConsoleLogin)))
	hasResources := s.resourceList()
	c := categorize(&callFacts{
		action:        action,
		provider:      provider,
		eventCategory: eventCategory,
		eventType:     eventType,
		readOnly:      readOnly,
		failed:        failed,
		denied:        isDenial(errorCode),
		insightState:  s.str(s.get(insight, 0)),
	})
	s.encodeFreeForm()

	ev.Date("@timestamp", ts)

	// aws.cloudtrail, Elastic's vendor fields.
	s.freeFormText(freeAdditionalEventData, ev)
	s.keyword(ev, "aws.cloudtrail.api_version", f[topAPIVersion])
	if string(action) == "ConsoleLogin" {
		s.consoleLogin(ev)
	}
	if len(s.dups) > 0 {
		ev.Keywords("aws.cloudtrail.duplicate_keys", s.dups...)
	}
	s.keyword(ev, "aws.cloudtrail.error_code", f[topErrorCode])
	s.keyword(ev, "aws.cloudtrail.error_message", f[topErrorMessage])
	s.keyword(ev, "aws.cloudtrail.event_category", f[topEventCategory])
	s.keyword(ev, "aws.cloudtrail.event_type", f[topEventType])
	s.keyword(ev, "aws.cloudtrail.event_version", f[topEventVersion])
	s.freeFormObjects(ev)
	s.freeFormText(freeInsightDetails, ev)
	if management >= 0 {
		ev.Bool("aws.cloudtrail.management_event", management == 1)
	}
	if readOnly >= 0 {
		ev.Bool("aws.cloudtrail.read_only", readOnly == 1)
	}
	s.keyword(ev, "aws.cloudtrail.recipient_account_id", f[topRecipientAccountID])
	s.keyword(ev, "aws.cloudtrail.request_id", f[topRequestID])
	s.freeFormText(freeRequestParameters, ev)
	if hasResources {
		ev.RawJSON("aws.cloudtrail.resources", s.list)
	}
	s.freeFormText(freeResponseElements, ev)
	s.freeFormText(freeServiceEventDetails, ev)
	s.keyword(ev, "aws.cloudtrail.shared_event_id", f[topSharedEventID])
	s.keyword(ev, "aws.cloudtrail.user_identity.access_key_id", u[idAccessKeyID])
	s.keyword(ev, "aws.cloudtrail.user_identity.account_id", u[idAccountID])
	s.keyword(ev, "aws.cloudtrail.user_identity.arn", u[idARN])
	s.keyword(ev, "aws.cloudtrail.user_identity.credential_id", u[idCredentialID])
	s.keyword(ev, "aws.cloudtrail.user_identity.identity_provider", u[idIdentityProvider])
	s.keyword(ev, "aws.cloudtrail.user_identity.invoked_by", u[idInvokedBy])
	s.keyword(ev, "aws.cloudtrail.user_identity.on_behalf_of.identity_store_arn", s.get(onBehalfFields, 1))
	s.keyword(ev, "aws.cloudtrail.user_identity.on_behalf_of.user_id", s.get(onBehalfFields, 0))
	ev.Date("aws.cloudtrail.user_identity.session_context.creation_date", id.creationDate)
	s.keyword(ev, "aws.cloudtrail.user_identity.session_context.ec2_role_delivery", s.get(sessionFields, sessionEC2RoleDelivery))
	ev.KeywordBytes("aws.cloudtrail.user_identity.session_context.mfa_authenticated", id.mfaAuthenticated)
	s.keyword(ev, "aws.cloudtrail.user_identity.session_context.session_issuer.account_id", issuer[3])
	s.keyword(ev, "aws.cloudtrail.user_identity.session_context.session_issuer.arn", issuer[2])
	s.keyword(ev, "aws.cloudtrail.user_identity.session_context.session_issuer.principal_id", issuer[1])
	s.keyword(ev, "aws.cloudtrail.user_identity.session_context.session_issuer.type", issuer[0])
	s.keyword(ev, "aws.cloudtrail.user_identity.session_context.session_issuer.user_name", issuer[4])
	s.keyword(ev, "aws.cloudtrail.user_identity.session_context.source_identity", s.get(sessionFields, sessionSourceIdentity))
	s.keyword(ev, "aws.cloudtrail.user_identity.session_context.web_id_federation_data.federated_provider", s.get(webIDFields, 0))
	s.keyword(ev, "aws.cloudtrail.user_identity.type", u[idType])
	s.keyword(ev, "aws.cloudtrail.vpc_endpoint_account_id", f[topVPCEndpointAccountID])
	s.keyword(ev, "aws.cloudtrail.vpc_endpoint_id", f[topVPCEndpointID])

	// cloud: the account that recorded the event, where it happened, and
	// the service and instance acted on.
	if len(recipient) > 0 {
		s.keyword(ev, "cloud.account.id", f[topRecipientAccountID])
	} else {
		s.keyword(ev, "cloud.account.id", u[idAccountID])
	}
	ev.KeywordBytes("cloud.instance.id", instance)
	ev.Keyword("cloud.provider", "aws")
	s.keyword(ev, "cloud.region", f[topAWSRegion])
	if service, ok := bytes.CutSuffix(provider, []byte(".amazonaws.com")); ok {
		ev.KeywordBytes("cloud.service.name", service)
	}

	s.keyword(ev, "error.code", f[topErrorCode])
	s.keyword(ev, "error.message", f[topErrorMessage])

	s.keyword(ev, "event.action", f[topEventName])
	ev.Keywords("event.category", c.category[:]...)
	s.keyword(ev, "event.id", f[topEventID])
	ev.Keyword("event.kind", "event")
	if string(eventCategory) != "Insight" {
		ev.Keyword("event.outcome", result)
	}
	s.keyword(ev, "event.provider", f[topEventSource])
	ev.Keywords("event.type", c.typ[:]...)
	if len(eventID) > 0 {
		// An eventID is unique per event, so a re-delivered or re-read
		// event overwrites its document instead of duplicating it.
		ev.SetID(string(eventID))
	}

	ev.KeywordBytes("group.id", groupIDValue)
	ev.KeywordBytes("group.name", groupName)

	source := s.str(f[topSourceIPAddress])
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
	s.keyword(ev, "source.address", f[topSourceIPAddress])
	if isIP {
		ev.IP("source.ip", ip)
	}
	if len(s.dups) > 0 {
		ev.Keywords("tags", DuplicateKeyTag)
	}

	s.tls(ev)

	ev.KeywordBytes("user.changes.name", newName)
	if looksLikeEmail(session) {
		ev.KeywordBytes("user.email", session)
	}
	s.keyword(ev, "user.id", u[idPrincipalID])
	ev.KeywordBytes("user.name", name)
	ev.KeywordBytes("user.target.id", targetID)
	ev.KeywordBytes("user.target.name", targetName)
	s.keyword(ev, "user_agent.original", f[topUserAgent])
	return nil
}

// syntaxError explains why a record is not JSON. encoding/json's message
// is used, as it always was, except for a record nested too deeply (which
// encoding/json accepts up to 10000 levels). This runs only for broken
// records, never on the normal path.
func syntaxError(data []byte, e *syntaxErr) error {
	var se *json.SyntaxError
	if e.tooDeep {
		return fmt.Errorf("invalid JSON at byte %d of the record: %s", e.offset, e.reason)
	}
	if err := json.Unmarshal(data, new(skipJSON)); errors.As(err, &se) {
		// Offset counts the bytes read up to and including the bad one.
		return fmt.Errorf("invalid JSON at byte %d of the record: %s", max(se.Offset-1, 0), se.Error())
	}
	return fmt.Errorf("invalid JSON at byte %d of the record: %s", e.offset, e.reason)
}

// skipJSON takes any JSON value without copying or decoding it, so that
// json.Unmarshal only checks the syntax.
type skipJSON struct{}

func (*skipJSON) UnmarshalJSON([]byte) error { return nil }

// outcome follows Elastic: a call failed when CloudTrail recorded an error
// code or message, except that a console sign-in reports its own result
// (responseElements.ConsoleLogin).
func outcome(action []byte, failed bool, consoleLogin []byte) string {
	if string(action) == "ConsoleLogin" {
		switch string(consoleLogin) {
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

// The years an event's date may have: those of ECS dates, four digits,
// from 0001.
const minYear, maxYear = 1, 9999

func (s *state) eventTime(v value) (time.Time, error) {
	if v == nil {
		return time.Time{}, errors.New("eventTime is missing; every CloudTrail event carries one, so this record is probably not a CloudTrail event (check the object's type and envelope)")
	}
	if t := v.typ(); t != typeString {
		return time.Time{}, fmt.Errorf("eventTime is a JSON %s (%s), not a timestamp string", t, clip(v))
	}
	b := s.str(v)
	t, err := parser.ParseRFC3339(b)
	if err != nil {
		return time.Time{}, fmt.Errorf("eventTime %q is not an RFC 3339 timestamp such as 2026-11-27T10:05:00Z", clip(b))
	}
	if y := t.UTC().Year(); y < minYear || y > maxYear {
		return time.Time{}, fmt.Errorf("eventTime %q is outside the years 0001 to 9999 (in UTC) that an ECS date can hold", clip(b))
	}
	if t.IsZero() {
		return time.Time{}, fmt.Errorf("eventTime %q is the zero time (0001-01-01T00:00:00Z), which ecs.Event.Date takes for an unset date", clip(b))
	}
	return t, nil
}

// parseCreationDate reads a session's creation date, which is RFC 3339 in
// current events and the basic ISO 8601 form (20131102T010628Z) in some
// old ones. A date an ECS date cannot hold is left out.
func parseCreationDate(b []byte) (time.Time, bool) {
	if len(b) == 0 {
		return time.Time{}, false
	}
	t, err := parser.ParseRFC3339(b)
	if err != nil {
		if t, err = time.Parse("20060102T150405Z", string(b)); err != nil {
			return time.Time{}, false
		}
	}
	if y := t.UTC().Year(); y < minYear || y > maxYear {
		return time.Time{}, false
	}
	return t, true
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
func (s *state) boolOf(v value) int8 {
	if v == nil {
		return -1
	}
	switch v.typ() {
	case typeTrue:
		return 1
	case typeFalse:
		return 0
	case typeString:
		switch string(s.str(v)) {
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

// keyword sets the string v holds as a keyword, as ev.KeywordBytes(path,
// s.str(v)) does. Most strings in a record are plain printable ASCII, and
// such a string is written in a document exactly as it stands in the
// record, quotes included, so its bytes are copied as they are: checking
// a word at a time that no byte needs escaping is cheaper than the
// encoder's byte-by-byte escaping. Any other string goes through the
// encoder.
func (s *state) keyword(ev *ecs.Event, path string, v value) {
	if len(v) > 2 && v[0] == '"' && ecs.IsPlain(v[1:len(v)-1]) {
		ev.RawJSON(path, v)
		return
	}
	ev.KeywordBytes(path, s.str(v))
}

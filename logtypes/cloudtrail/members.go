package cloudtrail

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"slices"

	"github.com/siem-go/siem/ecs"
)

// maxFlattenedBytes bounds the encoded size of an object written under
// aws.cloudtrail.flattened. A flat_object indexes every leaf as a keyword
// term and Lucene rejects a whole document holding a term over 32766
// bytes, so a larger object is kept only in its string form.
const maxFlattenedBytes = 32766

// The free-form members, in the order of their field names.
const (
	freeAdditionalEventData = iota
	freeInsightDetails
	freeRequestParameters
	freeResponseElements
	freeServiceEventDetails
	numFreeForm
)

var freeFormPaths = [numFreeForm]struct{ text, flat string }{
	{"aws.cloudtrail.additional_eventdata", "aws.cloudtrail.flattened.additional_eventdata"},
	{"aws.cloudtrail.insight_details", "aws.cloudtrail.flattened.insight_details"},
	{"aws.cloudtrail.request_parameters", "aws.cloudtrail.flattened.request_parameters"},
	{"aws.cloudtrail.response_elements", "aws.cloudtrail.flattened.response_elements"},
	{"aws.cloudtrail.service_event_details", "aws.cloudtrail.flattened.service_event_details"},
}

// freeForm is one free-form member of the current record: a member whose
// shape varies from call to call. It is written twice: as a string
// holding its compact JSON (a keyword, so it can be searched and can
// never conflict with a mapping), and, when it is an object OpenSearch can
// index, as the object itself under aws.cloudtrail.flattened, meant for a
// flat_object mapping.
type freeForm struct {
	set bool
	// text is the compact JSON: the member's own bytes in the record when
	// they are already written that way (see jsonWriter.canonical), else
	// its encoding in buf.
	text []byte
	buf  []byte
	// flat tells whether text also goes under aws.cloudtrail.flattened.
	flat bool
}

// encodeFreeForm finds the compact JSON of the record's free-form
// members, so that their two forms can then be set each at its place in
// path order. A member the record already holds in that form, as
// CloudTrail writes them, is used as it stands, with no copy; only the
// others are encoded.
func (s *state) encodeFreeForm() {
	f := s.fields[topFields.base:]
	members := [numFreeForm]value{
		f[topAdditionalEventData], f[topInsightDetails], f[topRequestParameters], f[topResponseElements], f[topServiceEventDetails],
	}
	for i, v := range members {
		m := &s.free[i]
		m.set = false
		if isEmpty(v) {
			continue
		}
		m.set = true
		if s.json.canonical(v) {
			m.text = v
		} else {
			m.buf = s.json.encodeTo(m.buf[:0], v)
			m.text = m.buf
		}
		m.flat = v.typ() == typeObject && len(m.text) <= maxFlattenedBytes && s.json.indexable
	}
}

// isEmpty reports a member with nothing to index: absent, null, or an
// empty object, array or string.
func isEmpty(v value) bool {
	return v == nil || v.typ() == typeNull || v.empty() || string(v) == `""`
}

// freeFormText sets the string form of a free-form member. It is quoted
// only now, into a buffer shared by the members, so that a large member
// is held quoted once at a time.
func (s *state) freeFormText(i int, ev *ecs.Event) {
	if m := &s.free[i]; m.set {
		s.quoted = appendQuotedJSON(s.quoted[:0], m.text)
		ev.RawJSON(freeFormPaths[i].text, s.quoted)
	}
}

func (s *state) freeFormObjects(ev *ecs.Event) {
	for i := range s.free {
		if m := &s.free[i]; m.set && m.flat {
			ev.RawJSON(freeFormPaths[i].flat, m.text)
		}
	}
}

// appendQuotedJSON appends JSON text written by jsonWriter as a JSON
// string. That text is valid UTF-8 without control characters (its
// strings were escaped when written), so only quotes and backslashes need
// escaping, which is much cheaper than the general string encoder on text
// that is full of quotes.
//
// JSON text has a quote every few bytes, so searching for each one and
// copying the run before it cost a call or two per quote. Instead each
// word of eight bytes is stored whole and the output then advanced past
// its bytes up to the first quote or backslash, which is written escaped;
// the next word starts just after it. Every step consumes at least one
// byte, so the cost is linear whatever the text holds. The exact room,
// plus a word of slack, is made first, so the stores need no growing
// (counting is cheap, and room for every byte escaped would double the
// memory a large member holds).
func appendQuotedJSON(dst, text []byte) []byte {
	n := len(dst)
	escapes := bytes.Count(text, []byte{'"'}) + bytes.Count(text, []byte{'\\'})
	buf := slices.Grow(dst, len(text)+escapes+2+8)
	buf = buf[:cap(buf)]
	buf[n] = '"'
	n++
	p := 0
	for p+8 <= len(text) {
		x := binary.LittleEndian.Uint64(text[p:])
		binary.LittleEndian.PutUint64(buf[n:], x)
		m := quoteOrBackslash(x)
		if m == 0 {
			p += 8
			n += 8
			continue
		}
		k := bits.TrailingZeros64(m) >> 3
		buf[n+k] = '\\'
		buf[n+k+1] = text[p+k]
		n += k + 2
		p += k + 1
	}
	for ; p < len(text); p++ {
		if c := text[p]; c == '"' || c == '\\' {
			buf[n] = '\\'
			n++
		}
		buf[n] = text[p]
		n++
	}
	buf[n] = '"'
	return buf[:n+1]
}

// consoleLogin adds Elastic's typed view of a console sign-in's
// additionalEventData.
func (s *state) consoleLogin(ev *ecs.Event) {
	d := s.fields[consoleLoginFields.base:]
	s.keyword(ev, "aws.cloudtrail.console_login.additional_eventdata.login_to", d[0])
	if v := s.str(d[1]); len(v) > 0 {
		ev.Bool("aws.cloudtrail.console_login.additional_eventdata.mfa_used", string(v) != "No")
	}
	if v := s.str(d[2]); len(v) > 0 {
		ev.Bool("aws.cloudtrail.console_login.additional_eventdata.mobile_version", string(v) != "No")
	}
}

var consoleLoginFields = newFieldSet("additionalEventData", "LoginTo", "MFAUsed", "MobileVersion")

var resourceFields = newFieldSet("resources[]", "ARN", "arn", "accountId", "type")

// resourceList writes to s.list the resources array with Elastic's names
// (arn, account_id, type), dropping repeated entries as Elastic does, and
// reports whether it holds any. Only these three string members are kept,
// so the array cannot bring a mapping conflict; the record itself stays in
// event.original.
//
// Each entry is written once into a scratch buffer; sorting the entries
// finds the repeats in n log n (comparing each with all before it cost
// the square of their number), and the first of each is kept, in order.
func (s *state) resourceList() bool {
	v := s.get(topFields, topResources)
	if !v.is(typeArray) {
		return false
	}
	n := 0
	for e := v.elements(); e.next(); {
		n++
	}
	s.resBuf = slices.Grow(s.resBuf[:0], len(v))
	s.res = slices.Grow(s.res[:0], n)
	var r [4]value
	for e := v.elements(); e.next(); {
		s.lookup(e.val, resourceFields, r[:])
		arn := s.str(r[0])
		if len(arn) == 0 {
			arn = s.str(r[1])
		}
		fields := [3][]byte{arn, s.str(r[2]), s.str(r[3])}
		if len(fields[0]) == 0 && len(fields[1]) == 0 && len(fields[2]) == 0 {
			continue
		}
		from := len(s.resBuf)
		s.resBuf = append(s.resBuf, '{')
		sep := false
		for i, name := range [3]string{`"arn":`, `"account_id":`, `"type":`} {
			if len(fields[i]) == 0 {
				continue
			}
			if sep {
				s.resBuf = append(s.resBuf, ',')
			}
			s.resBuf = append(s.resBuf, name...)
			s.resBuf = ecs.AppendStringBytes(s.resBuf, fields[i])
			sep = true
		}
		s.resBuf = append(s.resBuf, '}')
		s.res = append(s.res, span{from, len(s.resBuf)})
	}
	if len(s.res) == 0 {
		return false
	}
	// order lists the entries sorted by text, the first written first
	// among equals; a repeat is marked by emptying its span.
	buf, res := s.resBuf, s.res
	s.order = slices.Grow(s.order[:0], len(res))
	for i := range res {
		s.order = append(s.order, int32(i))
	}
	slices.SortFunc(s.order, func(a, b int32) int {
		if c := bytes.Compare(buf[res[a].from:res[a].to], buf[res[b].from:res[b].to]); c != 0 {
			return c
		}
		return int(a - b)
	})
	for k := 1; k < len(s.order); k++ {
		prev, cur := res[s.order[k-1]], &res[s.order[k]]
		if bytes.Equal(buf[prev.from:prev.to], buf[cur.from:cur.to]) {
			*cur = span{} // later than prev, which it repeats
		}
	}
	s.list = append(s.list[:0], '[')
	for _, r := range res {
		if r.to == 0 {
			continue
		}
		if len(s.list) > 1 {
			s.list = append(s.list, ',')
		}
		s.list = append(s.list, buf[r.from:r.to]...)
	}
	s.list = append(s.list, ']')
	return true
}

var tlsFields = newFieldSet("tlsDetails", "cipherSuite", "clientProvidedHostHeader", "tlsVersion")

// tls maps tlsDetails as Elastic does: "TLSv1.2" splits into the protocol
// ("tls") and its version ("1.2").
func (s *state) tls(ev *ecs.Event) {
	d := s.fields[tlsFields.base:]
	s.keyword(ev, "tls.cipher", d[0])
	s.keyword(ev, "tls.client.server_name", d[1])
	if v := s.str(d[2]); len(v) > 0 {
		if i := bytes.IndexByte(v, 'v'); i > 0 && i < len(v)-1 {
			ev.KeywordBytes("tls.version", v[i+1:])
			if string(v[:i]) == "TLS" {
				ev.Keyword("tls.version_protocol", "tls")
			} else {
				ev.KeywordBytes("tls.version_protocol", bytes.ToLower(v[:i]))
			}
		}
	}
}

// instanceID finds the EC2 instance an event is about, as the reference
// loader does: the instance named in the request or created by it, the
// target of an SSM session, or the instance whose role credentials EC2
// itself requested from STS. Values must look like instance ids, because
// other services also use a parameter called instanceId (Amazon Connect
// instances, for example).
func (s *state) instanceID(provider, action, userAgent []byte) []byte {
	rp, re := s.fields[rpFields.base:], s.fields[reFields.base:]
	if id := s.str(rp[rpInstanceID]); isInstanceID(id) {
		return id
	}
	switch string(provider) {
	case "ec2.amazonaws.com":
		if id := s.firstInstance(re[reInstancesSet], reItems, reInstance); isInstanceID(id) {
			return id
		}
		if id := s.firstInstance(rp[rpInstancesSet], rpItems, rpInstance); isInstanceID(id) {
			return id
		}
	case "ssm.amazonaws.com":
		if string(action) == "StartSession" || string(action) == "GetConnectionStatus" {
			if id := s.str(rp[rpTarget]); isInstanceID(id) {
				return id
			}
		}
	case "sts.amazonaws.com":
		if string(userAgent) == "ec2.amazonaws.com" {
			if id := s.str(rp[rpRoleSessionName]); isInstanceID(id) {
				return id
			}
		}
	}
	return nil
}

var (
	reItems    = newFieldSet("responseElements.instancesSet", "items")
	reInstance = newFieldSet("responseElements.instancesSet.items[0]", "instanceId")
	rpItems    = newFieldSet("requestParameters.instancesSet", "items")
	rpInstance = newFieldSet("requestParameters.instancesSet.items[0]", "instanceId")
)

// firstInstance reads items[0].instanceId of an instancesSet.
func (s *state) firstInstance(set value, items, instance *fieldSet) []byte {
	var v [1]value
	s.lookup(set, items, v[:])
	e := v[0].elements()
	if !e.next() {
		return nil
	}
	s.lookup(e.val, instance, v[:])
	return s.str(v[0])
}

func isInstanceID(b []byte) bool {
	return bytes.HasPrefix(b, []byte("i-")) || bytes.HasPrefix(b, []byte("mi-"))
}

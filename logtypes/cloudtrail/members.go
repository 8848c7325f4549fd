package cloudtrail

import (
	"bytes"

	"github.com/siem-go/siem/ecs"
	"github.com/valyala/fastjson"
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
	// text is the compact JSON, quoted the same as a JSON string.
	text, quoted []byte
	// flat tells whether text also goes under aws.cloudtrail.flattened.
	flat bool
}

// encodeFreeForm encodes the record's free-form members, so that their
// two forms can then be set each at its place in path order.
func (s *state) encodeFreeForm(f *topFields) {
	members := [numFreeForm]*fastjson.Value{
		f.additionalEventData, f.insightDetails, f.requestParameters, f.responseElements, f.serviceEventDetails,
	}
	for i, v := range members {
		m := &s.free[i]
		m.set = false
		if isEmpty(v) {
			continue
		}
		m.set = true
		m.text = s.json.encodeTo(m.text[:0], v)
		m.quoted = appendQuotedJSON(m.quoted[:0], m.text)
		m.flat = v.Type() == fastjson.TypeObject && len(m.text) <= maxFlattenedBytes && s.json.indexable
	}
}

// isEmpty reports a member with nothing to index: absent, null, or an
// empty object, array or string.
func isEmpty(v *fastjson.Value) bool {
	if v == nil {
		return true
	}
	switch v.Type() {
	case fastjson.TypeNull:
		return true
	case fastjson.TypeObject:
		o, _ := v.Object()
		return o.Len() == 0
	case fastjson.TypeArray:
		a, _ := v.Array()
		return len(a) == 0
	case fastjson.TypeString:
		return len(v.GetStringBytes()) == 0
	}
	return false
}

func (s *state) freeFormText(i int, ev *ecs.Event) {
	if m := &s.free[i]; m.set {
		ev.RawJSON(freeFormPaths[i].text, m.quoted)
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
func appendQuotedJSON(dst, text []byte) []byte {
	dst = append(dst, '"')
	for {
		i := bytes.IndexByte(text, '"')
		end := i
		if i < 0 {
			end = len(text)
		}
		if j := bytes.IndexByte(text[:end], '\\'); j >= 0 {
			i = j
		}
		if i < 0 {
			break
		}
		dst = append(dst, text[:i]...)
		dst = append(dst, '\\', text[i])
		text = text[i+1:]
	}
	dst = append(dst, text...)
	return append(dst, '"')
}

// consoleLogin adds Elastic's typed view of a console sign-in's
// additionalEventData.
func consoleLogin(data *fastjson.Value, ev *ecs.Event) {
	if data == nil {
		return
	}
	ev.KeywordBytes("aws.cloudtrail.console_login.additional_eventdata.login_to", data.GetStringBytes("LoginTo"))
	if v := data.GetStringBytes("MFAUsed"); len(v) > 0 {
		ev.Bool("aws.cloudtrail.console_login.additional_eventdata.mfa_used", string(v) != "No")
	}
	if v := data.GetStringBytes("MobileVersion"); len(v) > 0 {
		ev.Bool("aws.cloudtrail.console_login.additional_eventdata.mobile_version", string(v) != "No")
	}
}

// resources writes the resources array with Elastic's names (arn,
// account_id, type), dropping repeated entries as Elastic does. Only
// these three string members are kept, so the array cannot bring a
// mapping conflict; the record itself stays in event.original.
func (s *state) resources(v *fastjson.Value, ev *ecs.Event) {
	if v == nil {
		return
	}
	items, err := v.Array()
	if err != nil {
		return
	}
	s.res = s.res[:0]
	s.list = append(s.list[:0], '[')
outer:
	for _, it := range items {
		arn := it.GetStringBytes("ARN")
		if len(arn) == 0 {
			arn = it.GetStringBytes("arn")
		}
		r := [3][]byte{arn, it.GetStringBytes("accountId"), it.GetStringBytes("type")}
		if len(r[0]) == 0 && len(r[1]) == 0 && len(r[2]) == 0 {
			continue
		}
		for _, prev := range s.res {
			if bytes.Equal(prev[0], r[0]) && bytes.Equal(prev[1], r[1]) && bytes.Equal(prev[2], r[2]) {
				continue outer
			}
		}
		if len(s.res) > 0 {
			s.list = append(s.list, ',')
		}
		s.res = append(s.res, r)
		s.list = append(s.list, '{')
		sep := false
		for i, name := range [3]string{`"arn":`, `"account_id":`, `"type":`} {
			if len(r[i]) == 0 {
				continue
			}
			if sep {
				s.list = append(s.list, ',')
			}
			s.list = append(s.list, name...)
			s.list = ecs.AppendStringBytes(s.list, r[i])
			sep = true
		}
		s.list = append(s.list, '}')
	}
	if len(s.res) > 0 {
		s.list = append(s.list, ']')
		ev.RawJSON("aws.cloudtrail.resources", s.list)
	}
}

// tls maps tlsDetails as Elastic does: "TLSv1.2" splits into the protocol
// ("tls") and its version ("1.2").
func (s *state) tls(details *fastjson.Value, ev *ecs.Event) {
	if details == nil {
		return
	}
	ev.KeywordBytes("tls.cipher", details.GetStringBytes("cipherSuite"))
	ev.KeywordBytes("tls.client.server_name", details.GetStringBytes("clientProvidedHostHeader"))
	if v := details.GetStringBytes("tlsVersion"); len(v) > 0 {
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
func instanceID(f *topFields, provider, action []byte) []byte {
	rp := f.requestParameters
	if id := rp.GetStringBytes("instanceId"); isInstanceID(id) {
		return id
	}
	switch string(provider) {
	case "ec2.amazonaws.com":
		if id := f.responseElements.GetStringBytes("instancesSet", "items", "0", "instanceId"); isInstanceID(id) {
			return id
		}
		if id := rp.GetStringBytes("instancesSet", "items", "0", "instanceId"); isInstanceID(id) {
			return id
		}
	case "ssm.amazonaws.com":
		if string(action) == "StartSession" || string(action) == "GetConnectionStatus" {
			if id := rp.GetStringBytes("target"); isInstanceID(id) {
				return id
			}
		}
	case "sts.amazonaws.com":
		if string(f.userAgent.GetStringBytes()) == "ec2.amazonaws.com" {
			if id := rp.GetStringBytes("roleSessionName"); isInstanceID(id) {
				return id
			}
		}
	}
	return nil
}

func isInstanceID(b []byte) bool {
	return bytes.HasPrefix(b, []byte("i-")) || bytes.HasPrefix(b, []byte("mi-"))
}

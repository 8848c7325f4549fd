package securityhub

import (
	"strings"
	"time"

	"github.com/valyala/fastjson"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
)

// indicatorTypes maps ASFF ThreatIntelIndicators[].Type to the ECS
// indicator type and the threat.enrichments.indicator field its value
// goes to ("" when ECS has none; the value is then matched.atomic only).
var indicatorTypes = map[string][2]string{
	"IPV4_ADDRESS":  {"ipv4-addr", "ip"},
	"IPV6_ADDRESS":  {"ipv6-addr", "ip"},
	"DOMAIN":        {"domain-name", "url.domain"},
	"EMAIL_ADDRESS": {"email-addr", "email.address"},
	"URL":           {"url", "url.original"},
	"HASH_MD5":      {"file", "file.hash.md5"},
	"HASH_SHA1":     {"file", "file.hash.sha1"},
	"HASH_SHA256":   {"file", "file.hash.sha256"},
	"HASH_SHA512":   {"file", "file.hash.sha512"},
	"MUTEX":         {"mutex", "name"},
	"PROCESS":       {"process", "name"},
}

// indicators writes threat.enrichments, one per ThreatIntelIndicators
// entry with a Value: indicator.type and the value in its ECS field,
// last_seen (LastObservedAt), provider (Source), reference (SourceUrl),
// description (Category), and matched.atomic (the value). The IoC
// enricher adds its own matches to the same array.
func (s *state) indicators(v *fastjson.Value, ev *ecs.Event) {
	arr := v.GetArray("ThreatIntelIndicators")
	if len(arr) == 0 {
		return
	}
	b := append(s.buf[:0], '[')
	n := 0
	for _, e := range arr {
		val := strBytes(e, "Value")
		if len(val) == 0 {
			continue
		}
		if n > 0 {
			b = append(b, ',')
		}
		n++
		start := len(b)
		b = append(b, `{"indicator":{`...)
		m := 0
		field := func(name string) {
			if m > 0 {
				b = append(b, ',')
			}
			m++
			b = append(b, '"')
			b = append(b, name...)
			b = append(b, '"', ':')
		}
		kind, ok := indicatorTypes[str(e, "Type")]
		if ok {
			field("type")
			b = ecs.AppendString(b, kind[0])
			value := val
			if kind[1] == "ip" {
				a, ok := parser.ParseAddrDropZone(val)
				if !ok {
					value = nil
				} else {
					value = a.Unmap().AppendTo(s.scratch[:0])
					s.scratch = value
				}
			}
			if len(value) > 0 {
				if m > 0 {
					b = append(b, ',')
				}
				m++
				b = appendMember(b, kind[1], value)
			}
		}
		if t, ok := parseTime(strBytes(e, "LastObservedAt")); ok && t.Year() >= 0 && t.Year() <= 9999 {
			field("last_seen")
			b = append(b, '"')
			b = t.UTC().AppendFormat(b, time.RFC3339Nano)
			b = append(b, '"')
		}
		for _, kv := range [...][2]string{{"Source", "provider"}, {"SourceUrl", "reference"}, {"Category", "description"}} {
			if x := strBytes(e, kv[0]); len(x) > 0 {
				field(kv[1])
				b = ecs.AppendStringBytes(b, x)
			}
		}
		if m == 0 {
			b = append(b[:start], `{"matched":{"atomic":`...)
		} else {
			b = append(b, `},"matched":{"atomic":`...)
		}
		b = ecs.AppendStringBytes(b, val)
		b = append(b, `}}`...)
	}
	if n > 0 {
		ev.RawJSON("threat.enrichments", append(b, ']'))
	}
	s.buf = b[:0]
}

// appendMember appends the member a dotted path names, nesting objects:
// "file.hash.md5" and v give "file":{"hash":{"md5":"<v>"}}.
func appendMember(b []byte, path string, v []byte) []byte {
	depth := 0
	for {
		seg := path
		i := strings.IndexByte(path, '.')
		if i >= 0 {
			seg, path = path[:i], path[i+1:]
		}
		b = append(b, '"')
		b = append(b, seg...)
		b = append(b, '"', ':')
		if i < 0 {
			break
		}
		b = append(b, '{')
		depth++
	}
	b = ecs.AppendStringBytes(b, v)
	for range depth {
		b = append(b, '}')
	}
	return b
}

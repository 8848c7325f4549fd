package okta

import (
	"bytes"
	"errors"
	"fmt"
	"net/netip"
	"strings"
	"sync"
	"time"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
	"github.com/valyala/fastjson"
)

var parsers fastjson.ParserPool

// state is the per-record scratch space, pooled.
type state struct {
	ev    *ecs.Event
	buf   []byte  // raw JSON being built for one field
	key   []byte  // a snake-cased key
	extra []extra // members kept under okta.extra
	ips   []netip.Addr
	users []string
}

// extra is one member kept under okta.extra.<group>.<key> (or
// okta.extra.<key> for an unknown top-level member).
type extra struct {
	group string
	key   []byte
	v     *fastjson.Value
}

var states = sync.Pool{New: func() any { return new(state) }}

// Normalize maps one Okta System Log event (a LogEvent object of the
// /api/v1/logs API) onto ev.
func Normalize(rec siem.Record, ev *ecs.Event) error {
	p := parsers.Get()
	defer parsers.Put(p)
	v, err := p.ParseBytes(rec.Data)
	if err != nil {
		return fmt.Errorf("invalid JSON: %s", parser.JSONReason(err))
	}
	o, err := v.Object()
	if err != nil {
		return fmt.Errorf("record is a JSON %s, not an Okta System Log event object", v.Type())
	}
	ts, err := published(o.Get("published"))
	if err != nil {
		return err
	}
	s := states.Get().(*state)
	defer func() {
		clear(s.extra)
		*s = state{buf: s.buf[:0], key: s.key[:0], extra: s.extra[:0], ips: s.ips[:0], users: s.users[:0]}
		states.Put(s)
	}()
	s.ev = ev
	s.normalize(o, ts)
	return nil
}

// published reads the event time. Okta writes RFC 3339 in UTC with
// milliseconds; exports that went through a data lake (Panther, Athena)
// write "2024-05-02 18:46:21.121000000" with a space and no zone, read as
// UTC.
func published(v *fastjson.Value) (time.Time, error) {
	if v == nil || v.Type() == fastjson.TypeNull {
		return time.Time{}, errors.New("published is missing: an Okta System Log event has its time there")
	}
	b, err := v.StringBytes()
	if err != nil {
		return time.Time{}, fmt.Errorf("published is a JSON %s, not a timestamp string", v.Type())
	}
	t, err := parser.ParseRFC3339(b)
	if err == nil {
		return t, nil
	}
	if len(b) >= 19 && len(b) <= 40 && b[10] == ' ' {
		var tmp [48]byte
		alt := append(tmp[:0], b...)
		alt[10] = 'T'
		if last := alt[len(alt)-1]; last != 'Z' && !strings.ContainsAny(string(alt[19:]), "+-") {
			alt = append(alt, 'Z')
		}
		if t, err2 := parser.ParseRFC3339(alt); err2 == nil {
			return t, nil
		}
	}
	// err names the value (cut to 64 bytes), where it fails and why.
	return time.Time{}, fmt.Errorf("published: %w", err)
}

// topKnown are the LogEvent members mapped below; others go to okta.extra.
var topKnown = []string{"uuid", "published", "eventType", "legacyEventType", "version", "severity",
	"displayMessage", "actor", "client", "device", "outcome", "target", "transaction", "debugContext",
	"authenticationContext", "securityContext", "request"}

func (s *state) normalize(o *fastjson.Object, ts time.Time) {
	ev := s.ev
	ev.Date("@timestamp", ts)
	ev.Keyword("event.kind", "event")

	if id := s.str(o, "", "uuid"); len(id) > 0 {
		ev.KeywordBytes("event.id", id)
		ev.KeywordBytes("okta.uuid", id)
		ev.SetID(string(id))
	}
	if eventType := s.str(o, "", "eventType"); len(eventType) > 0 {
		ev.KeywordBytes("event.action", eventType)
		ev.KeywordBytes("okta.event_type", eventType)
		c := categorize(eventType)
		if c.alert {
			ev.Keyword("event.kind", "alert")
		}
		ev.Keywords("event.category", c.category...)
		ev.Keywords("event.type", c.types...)
	}
	ev.KeywordBytes("okta.legacy_event_type", s.str(o, "", "legacyEventType"))
	ev.KeywordBytes("okta.version", s.str(o, "", "version"))
	if sev := s.str(o, "", "severity"); len(sev) > 0 {
		ev.KeywordBytes("log.level", lower(&s.key, sev))
		ev.KeywordBytes("okta.severity", sev)
	}
	ev.KeywordBytes("okta.display_message", s.str(o, "", "displayMessage"))

	s.actor(s.obj(o, "", "actor"))
	s.client(s.obj(o, "", "client"))
	s.outcome(s.obj(o, "", "outcome"))
	s.targets(o.Get("target"))
	s.transaction(s.obj(o, "", "transaction"))
	s.debugContext(s.obj(o, "", "debugContext"))
	s.authContext(s.obj(o, "", "authenticationContext"))
	s.securityContext(s.obj(o, "", "securityContext"))
	s.request(s.obj(o, "", "request"))
	if d := o.Get("device"); d != nil {
		s.extra = append(s.extra, extra{key: []byte("device"), v: d})
	}
	s.unknown(o, "", topKnown)

	ev.IPs("related.ip", s.ips...)
	ev.Keywords("related.user", s.users...)
	s.writeExtra()
}

// str returns the string member key of o. A member of another JSON type
// (other than null) is kept under okta.extra.<group> and nil returned.
// The bytes are valid until the record's parser is released.
func (s *state) str(o *fastjson.Object, group, key string) []byte {
	if o == nil {
		return nil
	}
	v := o.Get(key)
	if v == nil {
		return nil
	}
	switch v.Type() {
	case fastjson.TypeString:
		b, _ := v.StringBytes()
		return b
	case fastjson.TypeNull:
		return nil
	}
	s.extra = append(s.extra, extra{group: group, key: []byte(key), v: v})
	return nil
}

// obj returns the object member key of o, keeping a member of another JSON
// type under okta.extra.<group>.
func (s *state) obj(o *fastjson.Object, group, key string) *fastjson.Object {
	if o == nil {
		return nil
	}
	v := o.Get(key)
	if v == nil {
		return nil
	}
	switch v.Type() {
	case fastjson.TypeObject:
		r, _ := v.Object()
		return r
	case fastjson.TypeNull:
		return nil
	}
	s.extra = append(s.extra, extra{group: group, key: []byte(key), v: v})
	return nil
}

// unknown keeps every member of o not in known under okta.extra.<group>.
func (s *state) unknown(o *fastjson.Object, group string, known []string) {
	if o == nil {
		return
	}
	o.Visit(func(k []byte, v *fastjson.Value) {
		for _, kn := range known {
			if string(k) == kn {
				return
			}
		}
		s.extra = append(s.extra, extra{group: group, key: k, v: v})
	})
}

// flat writes a member as a flat_object field when it is an object.
func (s *state) flat(path string, o *fastjson.Object, group, key string) {
	if o == nil {
		return
	}
	v := o.Get(key)
	if v == nil {
		return
	}
	switch v.Type() {
	case fastjson.TypeNull:
		return
	case fastjson.TypeObject:
		s.buf = appendFlat(s.buf[:0], v, &s.key)
		s.ev.RawJSON(path, s.buf)
		return
	}
	s.extra = append(s.extra, extra{group: group, key: []byte(key), v: v})
}

var actorKnown = []string{"id", "type", "alternateId", "displayName", "detailEntry"}

func (s *state) actor(a *fastjson.Object) {
	if a == nil {
		return
	}
	ev := s.ev
	id := s.str(a, "actor", "id")
	typ := s.str(a, "actor", "type")
	login := s.str(a, "actor", "alternateId")
	name := s.str(a, "actor", "displayName")
	ev.KeywordBytes("okta.actor.id", id)
	ev.KeywordBytes("okta.actor.type", typ)
	ev.KeywordBytes("okta.actor.alternate_id", login)
	ev.KeywordBytes("okta.actor.display_name", name)
	s.flat("okta.actor.detail_entry", a, "actor", "detailEntry")
	s.unknown(a, "actor", actorKnown)
	if string(typ) != "User" {
		return
	}
	// Okta names an actor it could not identify (a threat detection
	// before sign-in) "unknown" in every member.
	if string(id) == "unknown" {
		id = nil
	}
	if string(name) == "unknown" {
		name = nil
	}
	if string(login) == "unknown" {
		login = nil
	}
	ev.KeywordBytes("user.id", id)
	ev.KeywordBytes("user.full_name", name)
	ev.KeywordBytes("client.user.id", id)
	ev.KeywordBytes("client.user.full_name", name)
	ev.KeywordBytes("source.user.id", id)
	ev.KeywordBytes("source.user.full_name", name)
	if len(login) > 0 {
		ev.KeywordBytes("user.name", login)
		if domain, ok := emailDomain(login); ok {
			ev.KeywordBytes("user.email", login)
			ev.KeywordBytes("user.domain", domain)
		}
		s.users = append(s.users, string(login))
	}
}

// emailDomain returns the domain of an e-mail-shaped login: what follows
// its last '@', when both sides are non-empty and there is no space.
func emailDomain(login []byte) ([]byte, bool) {
	i := bytes.LastIndexByte(login, '@')
	if i <= 0 || i == len(login)-1 || bytes.ContainsAny(login, " \t") {
		return nil, false
	}
	return login[i+1:], true
}

// lower returns b in ASCII lower case, in scratch.
func lower(scratch *[]byte, b []byte) []byte {
	out := (*scratch)[:0]
	for _, c := range b {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		out = append(out, c)
	}
	*scratch = out
	return out
}

var (
	clientKnown    = []string{"id", "ipAddress", "device", "zone", "userAgent", "geographicalContext"}
	userAgentKnown = []string{"rawUserAgent", "os", "browser"}
	geoKnown       = []string{"city", "state", "country", "postalCode", "geolocation"}
)

func (s *state) client(c *fastjson.Object) {
	if c == nil {
		return
	}
	ev := s.ev
	if ip := s.str(c, "client", "ipAddress"); len(ip) > 0 {
		ev.KeywordBytes("client.address", ip)
		ev.KeywordBytes("source.address", ip)
		if addr, ok := parser.ParseAddrDropZone(ip); ok {
			ev.IP("client.ip", addr)
			ev.IP("source.ip", addr)
			ev.IP("okta.client.ip", addr)
			s.ips = append(s.ips, addr)
		}
	}
	ev.KeywordBytes("okta.client.id", s.str(c, "client", "id"))
	ev.KeywordBytes("okta.client.device", s.str(c, "client", "device"))
	ev.KeywordBytes("okta.client.zone", s.str(c, "client", "zone"))
	if ua := s.obj(c, "client", "userAgent"); ua != nil {
		raw := s.str(ua, "client.user_agent", "rawUserAgent")
		ev.KeywordBytes("user_agent.original", raw)
		ev.KeywordBytes("okta.client.user_agent.raw_user_agent", raw)
		ev.KeywordBytes("okta.client.user_agent.os", s.str(ua, "client.user_agent", "os"))
		ev.KeywordBytes("okta.client.user_agent.browser", s.str(ua, "client.user_agent", "browser"))
		s.unknown(ua, "client.user_agent", userAgentKnown)
	}
	if g := s.obj(c, "client", "geographicalContext"); g != nil {
		city := s.str(g, "client.geographical_context", "city")
		region := s.str(g, "client.geographical_context", "state")
		country := s.str(g, "client.geographical_context", "country")
		postal := s.str(g, "client.geographical_context", "postalCode")
		ev.KeywordBytes("client.geo.city_name", city)
		ev.KeywordBytes("client.geo.region_name", region)
		ev.KeywordBytes("client.geo.country_name", country)
		ev.KeywordBytes("client.geo.postal_code", postal)
		ev.KeywordBytes("source.geo.city_name", city)
		ev.KeywordBytes("source.geo.region_name", region)
		ev.KeywordBytes("source.geo.country_name", country)
		ev.KeywordBytes("source.geo.postal_code", postal)
		if lat, lon, ok := s.geolocation(g, "client.geographical_context"); ok {
			ev.GeoPoint("client.geo.location", lat, lon)
			ev.GeoPoint("source.geo.location", lat, lon)
		}
		s.unknown(g, "client.geographical_context", geoKnown)
	}
	s.unknown(c, "client", clientKnown)
}

// geolocation reads {"lat":..,"lon":..}; anything else is kept in extra.
func (s *state) geolocation(g *fastjson.Object, group string) (lat, lon float64, ok bool) {
	v := g.Get("geolocation")
	if v == nil || v.Type() == fastjson.TypeNull {
		return 0, 0, false
	}
	o, err := v.Object()
	if err == nil && o.Len() == 2 {
		la, lo := o.Get("lat"), o.Get("lon")
		if la != nil && lo != nil && la.Type() == fastjson.TypeNumber && lo.Type() == fastjson.TypeNumber {
			lat, lon = la.GetFloat64(), lo.GetFloat64()
			if lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180 {
				return lat, lon, true
			}
		}
	}
	s.extra = append(s.extra, extra{group: group, key: []byte("geolocation"), v: v})
	return 0, 0, false
}

var outcomeKnown = []string{"result", "reason"}

func (s *state) outcome(o *fastjson.Object) {
	if o == nil {
		return
	}
	ev := s.ev
	result := s.str(o, "outcome", "result")
	reason := s.str(o, "outcome", "reason")
	if len(result) > 0 {
		ev.KeywordBytes("okta.outcome.result", result)
		switch string(result) {
		case "SUCCESS", "ALLOW":
			ev.Keyword("event.outcome", "success")
		case "FAILURE", "DENY":
			ev.Keyword("event.outcome", "failure")
		default:
			ev.Keyword("event.outcome", "unknown")
		}
	}
	ev.KeywordBytes("event.reason", reason)
	ev.KeywordBytes("okta.outcome.reason", reason)
	s.unknown(o, "outcome", outcomeKnown)
}

var transactionKnown = []string{"type", "id", "detail"}

func (s *state) transaction(t *fastjson.Object) {
	if t == nil {
		return
	}
	s.ev.KeywordBytes("okta.transaction.id", s.str(t, "transaction", "id"))
	s.ev.KeywordBytes("okta.transaction.type", s.str(t, "transaction", "type"))
	s.flat("okta.transaction.detail", t, "transaction", "detail")
	s.unknown(t, "transaction", transactionKnown)
}

var debugKnown = []string{"debugData"}

func (s *state) debugContext(d *fastjson.Object) {
	if d == nil {
		return
	}
	s.flat("okta.debug_context.debug_data", d, "debug_context", "debugData")
	s.unknown(d, "debug_context", debugKnown)
	dd := d.Get("debugData")
	if dd == nil || dd.Type() != fastjson.TypeObject {
		return
	}
	if u := dd.Get("url"); u != nil && u.Type() == fastjson.TypeString {
		raw, _ := u.StringBytes()
		if len(raw) > 0 {
			s.ev.KeywordBytes("url.original", raw)
			// A relative URL of Okta's own: path and query when it is one.
			if raw[0] == '/' {
				path, query, _ := bytes.Cut(raw, []byte{'?'})
				s.ev.KeywordBytes("url.path", path)
				s.ev.KeywordBytes("url.query", query)
			}
		}
	}
}

var (
	authKnown   = []string{"authenticationProvider", "credentialProvider", "credentialType", "issuer", "externalSessionId", "interface", "authenticationStep", "rootSessionId"}
	issuerKnown = []string{"id", "type"}
)

func (s *state) authContext(a *fastjson.Object) {
	if a == nil {
		return
	}
	ev := s.ev
	const g = "authentication_context"
	ev.KeywordBytes("okta.authentication_context.authentication_provider", s.str(a, g, "authenticationProvider"))
	ev.KeywordBytes("okta.authentication_context.credential_provider", s.str(a, g, "credentialProvider"))
	ev.KeywordBytes("okta.authentication_context.credential_type", s.str(a, g, "credentialType"))
	ev.KeywordBytes("okta.authentication_context.external_session_id", s.str(a, g, "externalSessionId"))
	ev.KeywordBytes("okta.authentication_context.root_session_id", s.str(a, g, "rootSessionId"))
	ev.KeywordBytes("okta.authentication_context.interface", s.str(a, g, "interface"))
	if v := a.Get("authenticationStep"); v != nil && v.Type() != fastjson.TypeNull {
		if n, err := v.Int64(); err == nil {
			ev.Long("okta.authentication_context.authentication_step", n)
		} else {
			s.extra = append(s.extra, extra{group: g, key: []byte("authenticationStep"), v: v})
		}
	}
	if is := s.obj(a, g, "issuer"); is != nil {
		ev.KeywordBytes("okta.authentication_context.issuer.id", s.str(is, g+".issuer", "id"))
		ev.KeywordBytes("okta.authentication_context.issuer.type", s.str(is, g+".issuer", "type"))
		s.unknown(is, g+".issuer", issuerKnown)
	}
	s.unknown(a, g, authKnown)
}

var securityKnown = []string{"asNumber", "asOrg", "isp", "domain", "isProxy"}

func (s *state) securityContext(c *fastjson.Object) {
	if c == nil {
		return
	}
	ev := s.ev
	const g = "security_context"
	if v := c.Get("asNumber"); v != nil && v.Type() != fastjson.TypeNull {
		if n, err := v.Int64(); err == nil && n >= 0 {
			ev.Long("client.as.number", n)
			ev.Long("source.as.number", n)
			ev.Long("okta.security_context.as.number", n)
		} else {
			s.extra = append(s.extra, extra{group: g, key: []byte("asNumber"), v: v})
		}
	}
	org := s.str(c, g, "asOrg")
	ev.KeywordBytes("client.as.organization.name", org)
	ev.KeywordBytes("source.as.organization.name", org)
	ev.KeywordBytes("okta.security_context.as.organization.name", org)
	ev.KeywordBytes("okta.security_context.isp", s.str(c, g, "isp"))
	// Okta writes "." when it knows no domain.
	if d := s.str(c, g, "domain"); len(d) > 0 && string(d) != "." {
		ev.KeywordBytes("client.domain", d)
		ev.KeywordBytes("source.domain", d)
		ev.KeywordBytes("okta.security_context.domain", d)
	}
	if v := c.Get("isProxy"); v != nil {
		switch v.Type() {
		case fastjson.TypeTrue:
			ev.Bool("okta.security_context.is_proxy", true)
		case fastjson.TypeFalse:
			ev.Bool("okta.security_context.is_proxy", false)
		case fastjson.TypeNull:
		default:
			s.extra = append(s.extra, extra{group: g, key: []byte("isProxy"), v: v})
		}
	}
	s.unknown(c, g, securityKnown)
}

var requestKnown = []string{"ipChain"}

// ipChainSpec writes request.ipChain elements.
var ipChainSpec = elemSpec{
	strs:  [][2]string{{"version", "version"}, {"source", "source"}},
	ip:    "ip",
	flats: [][2]string{{"geographicalContext", "geographical_context"}},
}

func (s *state) request(r *fastjson.Object) {
	if r == nil {
		return
	}
	v := r.Get("ipChain")
	if v != nil && v.Type() != fastjson.TypeNull {
		arr, err := v.Array()
		if err != nil {
			s.extra = append(s.extra, extra{group: "request", key: []byte("ipChain"), v: v})
		} else {
			s.buf = s.buf[:0]
			s.buf = append(s.buf, '[')
			n := 0
			for _, e := range arr {
				eo, err := e.Object()
				if err != nil {
					if e.Type() != fastjson.TypeNull {
						s.extra = append(s.extra, extra{group: "request", key: []byte("ipChain"), v: e})
					}
					continue
				}
				if ip, ok := parser.ParseAddrDropZone(eo.Get("ip").GetStringBytes()); ok {
					s.ips = append(s.ips, ip)
				}
				start := len(s.buf)
				if n > 0 {
					s.buf = append(s.buf, ',')
				}
				var wrote bool
				s.buf, wrote = appendElem(s.buf, eo, ipChainSpec, &s.key)
				if !wrote {
					s.buf = s.buf[:start]
					continue
				}
				n++
			}
			if n > 0 {
				s.buf = append(s.buf, ']')
				s.ev.RawJSON("okta.request.ip_chain", s.buf)
			}
		}
	}
	s.unknown(r, "request", requestKnown)
}

// targetSpec writes target elements.
var targetSpec = elemSpec{
	strs:  [][2]string{{"id", "id"}, {"type", "type"}, {"alternateId", "alternate_id"}, {"displayName", "display_name"}},
	flats: [][2]string{{"detailEntry", "detail_entry"}},
}

func (s *state) targets(v *fastjson.Value) {
	if v == nil || v.Type() == fastjson.TypeNull {
		return
	}
	arr, err := v.Array()
	if err != nil {
		s.extra = append(s.extra, extra{key: []byte("target"), v: v})
		return
	}
	ev := s.ev
	var user, group *fastjson.Object
	s.buf = append(s.buf[:0], '[')
	n := 0
	for _, e := range arr {
		eo, err := e.Object()
		if err != nil {
			if e.Type() != fastjson.TypeNull {
				s.extra = append(s.extra, extra{key: []byte("target"), v: e})
			}
			continue
		}
		switch string(eo.Get("type").GetStringBytes()) {
		case "User":
			if login := string(eo.Get("alternateId").GetStringBytes()); login != "" && login != "unknown" {
				s.users = append(s.users, login)
			}
			if user == nil {
				user = eo
			}
		case "UserGroup":
			if group == nil {
				group = eo
			}
		}
		start := len(s.buf)
		if n > 0 {
			s.buf = append(s.buf, ',')
		}
		var wrote bool
		s.buf, wrote = appendElem(s.buf, eo, targetSpec, &s.key)
		if !wrote {
			s.buf = s.buf[:start]
			continue
		}
		n++
	}
	if n > 0 {
		s.buf = append(s.buf, ']')
		ev.RawJSON("okta.target", s.buf)
	}
	if user != nil {
		ev.KeywordBytes("user.target.id", user.Get("id").GetStringBytes())
		ev.KeywordBytes("user.target.full_name", user.Get("displayName").GetStringBytes())
		if login := user.Get("alternateId").GetStringBytes(); len(login) > 0 && string(login) != "unknown" {
			ev.KeywordBytes("user.target.name", login)
			if domain, ok := emailDomain(login); ok {
				ev.KeywordBytes("user.target.email", login)
				ev.KeywordBytes("user.target.domain", domain)
			}
		}
	}
	if group != nil {
		ev.KeywordBytes("user.target.group.id", group.Get("id").GetStringBytes())
		ev.KeywordBytes("user.target.group.name", group.Get("displayName").GetStringBytes())
	}
}

package securitylake

import (
	"errors"
	"fmt"
	"net/netip"
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
		return fmt.Errorf("the record is not valid JSON: %w", err)
	}
	if v.Type() != fastjson.TypeObject {
		return fmt.Errorf("an OCSF event is a JSON object, but the record is a JSON %s", v.Type())
	}
	class, ok := num(v, "class_uid")
	if !ok {
		return errors.New("the record has no numeric class_uid: it is not an OCSF event")
	}
	if class == 3005 && str(v, "class_name") == "API Activity" {
		// OCSF 1.0.0-rc.2 (the first Security Lake objects) numbered API
		// Activity 3005; from 1.0.0 it is 6003 and 3005 is User Access
		// Management.
		class = 6003
	}
	categoryUID, _ := num(v, "category_uid")
	if categoryUID == 0 {
		categoryUID = class / 1000
	}
	activity, _ := num(v, "activity_id")
	finding := categoryUID == 2

	ts, ok := firstTime(v, []string{"time"}, []string{"time_dt"})
	if !ok && finding {
		ts, ok = findingTime(v)
	}
	if !ok {
		return errors.New("the OCSF event has no usable time (epoch milliseconds or an RFC 3339 timestamp)")
	}
	ev.Date("@timestamp", ts)

	// event.*
	kind := "event"
	if finding || alerting(v, class) {
		kind = "alert"
	}
	ev.Keyword("event.kind", kind)
	cats, types := classify(class, activity, v)
	if len(cats) > 0 {
		ev.Keywords("event.category", cats...)
		ev.Keywords("event.type", types...)
	}
	action := str(v, "api", "operation")
	if action == "" {
		action = strings.ToLower(str(v, "activity_name"))
	}
	if action != "" {
		ev.Keyword("event.action", action)
	}
	// A finding's status_id is its workflow state (New, In Progress...),
	// not an outcome.
	switch st := statusOf(v); {
	case finding:
	case st == 1:
		ev.Keyword("event.outcome", "success")
	case st == 2:
		ev.Keyword("event.outcome", "failure")
	}
	if sev, ok := num(v, "severity_id"); ok {
		ev.Long("event.severity", sev)
	}
	if s := str(v, "api", "service", "name"); s != "" {
		ev.Keyword("event.provider", s)
	}
	if s := str(v, "message"); s != "" {
		ev.Keyword("message", s)
	}
	if d, ok := num(v, "duration"); ok && d >= 0 && d < 1<<53/1000000 {
		ev.Long("event.duration", d*1e6)
	}
	if t, ok := timeOf(v.Get("start_time")); ok {
		ev.Date("event.start", t)
	}
	if t, ok := timeOf(v.Get("end_time")); ok {
		ev.Date("event.end", t)
	}
	if s := str(v, "api", "request", "uid"); s != "" {
		ev.Keyword("http.request.id", s)
	} else if s := str(v, "http_request", "uid"); s != "" {
		ev.Keyword("http.request.id", s)
	}

	// Identity of the event: OCSF's metadata.uid; a finding's uid plus its
	// update time, so that each update is its own document.
	id := str(v, "metadata", "uid")
	if finding {
		if fid := firstStr(v, []string{"finding_info", "uid"}, []string{"finding", "uid"}); fid != "" {
			ev.Keyword("event.id", fid)
			if t, ok := findingTime(v); ok {
				ev.SetID(fid + "@" + t.UTC().Format(time.RFC3339Nano))
			} else {
				ev.SetID(fid + "@" + ts.UTC().Format(time.RFC3339Nano))
			}
			id = ""
		}
		if t, ok := firstTime(v, []string{"finding_info", "created_time"}, []string{"finding", "created_time"},
			[]string{"finding_info", "created_time_dt"}, []string{"finding", "created_time_dt"}); ok {
			ev.Date("event.created", t)
		}
	}
	if id != "" {
		ev.Keyword("event.id", id)
		ev.SetID(id)
	}

	// cloud.* and observer.*
	if s := str(v, "cloud", "provider"); s != "" {
		ev.Keyword("cloud.provider", strings.ToLower(s))
	} else if strings.EqualFold(str(v, "metadata", "product", "vendor_name"), "AWS") {
		ev.Keyword("cloud.provider", "aws")
	}
	if s := firstStr(v, []string{"cloud", "account", "uid"}, []string{"cloud", "account_uid"},
		[]string{"actor", "user", "account", "uid"}, []string{"actor", "user", "account_uid"}); s != "" {
		ev.Keyword("cloud.account.id", s)
	}
	if s := str(v, "cloud", "account", "name"); s != "" {
		ev.Keyword("cloud.account.name", s)
	}
	if s := str(v, "cloud", "region"); s != "" {
		ev.Keyword("cloud.region", s)
	}
	if s := str(v, "cloud", "zone"); s != "" {
		ev.Keyword("cloud.availability_zone", s)
	}
	if s := str(v, "metadata", "product", "vendor_name"); s != "" {
		ev.Keyword("observer.vendor", s)
	}
	if s := str(v, "metadata", "product", "name"); s != "" {
		ev.Keyword("observer.product", s)
	}
	if s := str(v, "metadata", "product", "version"); s != "" {
		ev.Keyword("observer.version", s)
	}

	var rel related
	endpoints(ev, v, &rel)
	users(ev, v, class, &rel)
	network(ev, v)
	web(ev, v, class, &rel)
	dns(ev, v, class, &rel)
	findings(ev, v, class)
	for _, e := range v.GetArray("evidences") {
		for _, side := range [...]string{"src_endpoint", "dst_endpoint"} {
			if ip, ok := parser.ParseAddrDropZone(e.GetStringBytes(side, "ip")); ok {
				rel.ip(ip)
			}
		}
	}

	ev.IPs("related.ip", rel.ips...)
	if len(rel.users) > 0 {
		ev.Keywords("related.user", rel.users...)
	}
	if len(rel.hosts) > 0 {
		ev.Keywords("related.hosts", rel.hosts...)
	}

	vendor(ev, v, class, categoryUID, activity)
	return nil
}

// classify gives event.category and event.type from the OCSF class and
// activity.
func classify(class, activity int64, v *fastjson.Value) (cats, types []string) {
	crud := func(create, read, update, del, other string) string {
		switch activity {
		case 1:
			return create
		case 2:
			return read
		case 3:
			return update
		case 4:
			return del
		}
		return other
	}
	verdict := func(types []string) []string {
		a, _ := num(v, "action_id")
		switch {
		case a == 1:
			return addUniq(types, "allowed")
		case a == 2:
			return addUniq(types, "denied")
		}
		return types
	}
	switch {
	case class == 1001:
		return []string{"file"}, []string{crud("creation", "access", "change", "deletion", "info")}
	case class == 1007:
		switch activity {
		case 1:
			return []string{"process"}, []string{"start"}
		case 2:
			return []string{"process"}, []string{"end"}
		}
		return []string{"process"}, []string{"info"}
	case class/1000 == 1:
		return []string{"host"}, []string{"info"}
	case class == 2002:
		return []string{"vulnerability"}, []string{"info"}
	case class == 2003:
		return []string{"configuration"}, []string{"info"}
	case class/1000 == 2:
		return []string{"intrusion_detection"}, []string{"info"}
	case class == 3001:
		switch activity {
		case 1:
			return []string{"iam"}, []string{"user", "creation"}
		case 6:
			return []string{"iam"}, []string{"user", "deletion"}
		}
		return []string{"iam"}, []string{"user", "change"}
	case class == 3002:
		switch activity {
		case 1:
			return []string{"authentication"}, []string{"start"}
		case 2:
			return []string{"authentication"}, []string{"end"}
		}
		return []string{"authentication"}, []string{"info"}
	case class == 3004:
		return []string{"iam"}, []string{crud("creation", "info", "change", "deletion", "info")}
	case class == 3006:
		return []string{"iam"}, []string{"group", "change"}
	case class/1000 == 3:
		return []string{"iam"}, []string{"info"}
	case class == 4001:
		t := []string{"connection"}
		switch activity {
		case 1:
			t = append(t, "start")
		case 2:
			t = append(t, "end")
		case 5:
			t = append(t, "denied") // Refuse
		}
		return []string{"network"}, verdict(t)
	case class == 4002:
		return []string{"network", "web"}, verdict([]string{"access"})
	case class == 4003:
		return []string{"network"}, verdict([]string{"protocol"})
	case class/1000 == 4:
		return []string{"network"}, verdict([]string{"info"})
	case class/1000 == 5:
		return []string{"configuration"}, []string{"info"}
	case class == 6001 || class == 6004:
		return []string{"web"}, []string{"access"}
	case class == 6003:
		return []string{"api"}, []string{crud("creation", "access", "change", "deletion", "info")}
	case class == 6005:
		return []string{"database"}, []string{crud("creation", "access", "change", "deletion", "info")}
	case class/1000 == 6:
		return []string{"host"}, []string{"info"}
	}
	return nil, nil
}

// alerting reports a network record on which a firewall rule acted.
func alerting(v *fastjson.Value, class int64) bool {
	if class/1000 != 4 || v.Get("firewall_rule") == nil {
		return false
	}
	if a, _ := num(v, "action_id"); a == 2 {
		return true
	}
	switch d, _ := num(v, "disposition_id"); d {
	case 2, 6, 19, 20, 22, 23:
		return true
	}
	switch strings.ToLower(str(v, "disposition")) {
	case "blocked", "dropped", "alert", "count", "captcha", "challenge":
		return true
	}
	return false
}

type related struct {
	ips   []netip.Addr
	users []string
	hosts []string
}

func (r *related) ip(a netip.Addr) {
	for _, x := range r.ips {
		if x == a {
			return
		}
	}
	r.ips = append(r.ips, a)
}

func addUniq(list []string, s string) []string {
	if s == "" {
		return list
	}
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

func endpoints(ev *ecs.Event, v *fastjson.Value, rel *related) {
	type side struct {
		key                                           string
		ip, address, port, domain, mac, country, city string
		location, region, ifname                      string
	}
	for _, s := range [...]side{
		{"src_endpoint", "source.ip", "source.address", "source.port", "source.domain", "source.mac", "source.geo.country_name", "source.geo.city_name", "source.geo.location", "source.geo.region_name", "observer.ingress.interface.id"},
		{"dst_endpoint", "destination.ip", "destination.address", "destination.port", "destination.domain", "destination.mac", "destination.geo.country_name", "destination.geo.city_name", "destination.geo.location", "destination.geo.region_name", "observer.egress.interface.id"},
	} {
		e := v.Get(s.key)
		if e == nil || e.Type() != fastjson.TypeObject {
			continue
		}
		addr := ""
		if b := e.GetStringBytes("ip"); len(b) > 0 {
			if ip, ok := parser.ParseAddrDropZone(b); ok {
				ev.IP(s.ip, ip)
				rel.ip(ip)
				addr = string(b)
			}
		}
		host := firstStr(e, []string{"domain"}, []string{"hostname"})
		if host != "" {
			ev.Keyword(s.domain, host)
			rel.hosts = addUniq(rel.hosts, host)
			if addr == "" {
				addr = host
			}
		}
		if addr != "" {
			ev.Keyword(s.address, addr)
		}
		if p, ok := num(e, "port"); ok && p >= 0 && p <= 65535 {
			ev.Long(s.port, p)
		}
		if m, ok := ecs.MAC(str(e, "mac")); ok {
			ev.Keyword(s.mac, m)
		}
		if c := str(e, "location", "country"); c != "" {
			ev.Keyword(s.country, c)
		}
		if c := str(e, "location", "city"); c != "" {
			ev.Keyword(s.city, c)
		}
		if c := str(e, "location", "region"); c != "" {
			ev.Keyword(s.region, c)
		}
		if c := e.GetArray("location", "coordinates"); len(c) == 2 {
			lon, err1 := c[0].Float64()
			lat, err2 := c[1].Float64()
			if err1 == nil && err2 == nil && lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180 {
				ev.GeoPoint(s.location, lat, lon)
			}
		}
		if s.key == "dst_endpoint" {
			for _, x := range e.GetArray("intermediate_ips") {
				if ip, ok := parser.ParseAddrDropZone(x.GetStringBytes()); ok {
					rel.ip(ip)
				}
			}
		}
	}
}

// userName shortens an AWS principal as the reference does: an ARN
// (arn:aws:sts::111122223333:assumed-role/Admin/alice) or a principal id
// with a session (AROAEXAMPLEID1234567:alice) keeps what follows the last
// ':' and then the last '/'. Other names are kept whole: Kubernetes users
// in EKS audit events (system:serviceaccount:kube-system:aws-node,
// system:node:ip-10-0-0-1.ec2.internal) would otherwise lose their
// namespace or kind.
func userName(s string) string {
	head, _, ok := strings.Cut(s, ":")
	if !ok || (head != "arn" && !principalID(head)) {
		return s
	}
	s = s[strings.LastIndexByte(s, ':')+1:]
	return s[strings.LastIndexByte(s, '/')+1:]
}

// principalID reports an AWS unique id (AIDA..., AROA..., ASIA...): an
// upper-case letter prefix and 16 or more upper-case letters and digits.
func principalID(s string) bool {
	if len(s) < 16 || len(s) > 128 || s[0] != 'A' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < 'A' || c > 'Z') && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

func users(ev *ecs.Event, v *fastjson.Value, class int64, rel *related) {
	actor := v.Get("actor", "user")
	target := v.Get("user")
	if actor == nil && class != 3001 {
		// Authentication and others without an actor: the user is the
		// subject of the event.
		actor, target = target, nil
	}
	if actor != nil && actor.Type() == fastjson.TypeObject {
		if s := str(actor, "name"); s != "" {
			ev.Keyword("user.name", userName(s))
			rel.users = addUniq(rel.users, userName(s))
		}
		if s := firstStr(actor, []string{"uid"}, []string{"uid_alt"}); s != "" {
			ev.Keyword("user.id", s)
			rel.users = addUniq(rel.users, s)
		}
		if s := str(actor, "email_addr"); s != "" {
			ev.Keyword("user.email", s)
		}
		if s := str(actor, "domain"); s != "" {
			ev.Keyword("user.domain", s)
		}
	}
	if target != nil && actor != nil && str(target, "uid") != "" && str(target, "uid") == str(actor, "uid") {
		target = nil // the subject authenticating is the actor
	}
	if target != nil && target.Type() == fastjson.TypeObject {
		if s := str(target, "name"); s != "" {
			ev.Keyword("user.target.name", userName(s))
			rel.users = addUniq(rel.users, userName(s))
		}
		if s := str(target, "uid"); s != "" {
			ev.Keyword("user.target.id", s)
		}
		if s := str(target, "email_addr"); s != "" {
			ev.Keyword("user.target.email", s)
		}
	}
}

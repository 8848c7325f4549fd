package deepsecurity

import (
	"bytes"
	"errors"
	"fmt"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/valyala/fastjson"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
	"github.com/siem-go/siem/parser/syslog"
)

var jsonParsers fastjson.ParserPool

// normalize maps one line: a fluentd JSON object carrying the event in
// "message", or the event itself (CEF or LEEF, optionally after a syslog
// header).
func normalize(rec siem.Record, ev *ecs.Event) error {
	data := bytes.TrimLeft(rec.Data, " \t\ufeff")
	reference := rec.Ingested
	if rec.Delivery != nil && !rec.Delivery.Time.IsZero() {
		reference = rec.Delivery.Time
	}
	var fluentTime time.Time
	if len(data) > 0 && data[0] == '{' {
		p := jsonParsers.Get()
		defer jsonParsers.Put(p)
		msg, err := fluentd(p, data, ev, &fluentTime)
		if err != nil {
			return err
		}
		data = msg
		if !fluentTime.IsZero() && (rec.Delivery == nil || rec.Delivery.Time.IsZero()) {
			reference = fluentTime
		}
	}
	r := records.Get().(*record)
	defer records.Put(r)
	if err := r.parse(data); err != nil {
		return err
	}
	return r.normalize(ev, reference, fluentTime)
}

// fluentd reads a td-agent JSON line: {"message": "<event>", "hostname":
// "...", "timestamp": "...", "tag": "..."}. It returns the message.
func fluentd(p *fastjson.Parser, data []byte, ev *ecs.Event, ts *time.Time) ([]byte, error) {
	v, err := p.ParseBytes(data)
	if err != nil {
		return nil, fmt.Errorf("line starts with '{' but is not a JSON object: %s", parser.JSONReason(err))
	}
	o, err := v.Object()
	if err != nil {
		return nil, errors.New("line is JSON but not an object; want a fluentd record such as {\"message\": \"CEF:0|Trend Micro|...\"}")
	}
	m := o.Get("message")
	if m == nil {
		return nil, errors.New(`fluentd record has no "message" member holding the Deep Security event`)
	}
	msg, err := m.StringBytes()
	if err != nil {
		return nil, fmt.Errorf(`fluentd record's "message" is %s, not a string`, m.Type())
	}
	if h := o.Get("hostname"); h != nil {
		if b, err := h.StringBytes(); err == nil && len(b) > 0 {
			ev.KeywordBytes("agent.name", b)
			ev.Keyword("agent.type", "fluentd")
		}
	} else if h := o.Get("host"); h != nil {
		if b, err := h.StringBytes(); err == nil && len(b) > 0 {
			ev.KeywordBytes("agent.name", b)
			ev.Keyword("agent.type", "fluentd")
		}
	}
	if t := o.Get("tag"); t != nil {
		if b, err := t.StringBytes(); err == nil {
			ev.KeywordBytes(Namespace+".fluentd_tag", b)
		}
	}
	if t := o.Get("timestamp"); t != nil {
		if b, err := t.StringBytes(); err == nil {
			if tm, ok := parseFluentTime(b); ok {
				*ts = tm
			}
		}
	}
	return msg, nil
}

// class is the Deep Security module an event comes from.
type class uint8

const (
	clsSystem class = iota
	clsFirewall
	clsIPS
	clsIntegrity
	clsLogInspection
	clsAntiMalware
	clsWebReputation
	clsAppControl
	clsDeviceControl
)

var classNames = [...]string{
	clsSystem: "system", clsFirewall: "firewall", clsIPS: "intrusion_prevention",
	clsIntegrity: "integrity_monitoring", clsLogInspection: "log_inspection",
	clsAntiMalware: "anti_malware", clsWebReputation: "web_reputation",
	clsAppControl: "application_control", clsDeviceControl: "device_control",
}

// rulesets name the module for rule.ruleset where the event names a rule.
var rulesets = [...]string{
	clsFirewall: "Firewall", clsIPS: "Intrusion Prevention", clsIntegrity: "Integrity Monitoring",
	clsLogInspection: "Log Inspection", clsAntiMalware: "Anti-Malware", clsWebReputation: "Web Reputation",
	clsAppControl: "Application Control", clsDeviceControl: "Device Control",
}

// classify reads the module from the signature id, as Trend Micro
// numbers them; manager events are system events whatever their id.
func (r *record) classify() class {
	if bytes.Contains(r.product, []byte("Manager")) {
		return clsSystem
	}
	n, ok := parser.ParseUint(r.sigID)
	if ok {
		switch {
		case n == 10 || n >= 200 && n <= 299 || n >= 500 && n <= 599 || n >= 1000000 && n <= 1999999:
			return clsIPS
		case n == 20 || n == 21 || n >= 100 && n <= 199:
			return clsFirewall
		case n == 30 || n >= 2000000 && n <= 2999999:
			return clsIntegrity
		case n == 40 || n >= 3000000 && n <= 3999999:
			return clsLogInspection
		case n >= 4000000 && n <= 4999999:
			return clsAntiMalware
		case n >= 5000000 && n <= 5999999:
			return clsWebReputation
		case n >= 6000000 && n <= 6999999:
			return clsAppControl
		case n >= 7000000 && n <= 7999999:
			return clsDeviceControl
		}
	}
	// LEEF names the module in cat.
	switch string(r.v[kCat]) {
	case "Firewall":
		return clsFirewall
	case "Intrusion Prevention":
		return clsIPS
	case "Integrity Monitoring":
		return clsIntegrity
	case "Log Inspection":
		return clsLogInspection
	case "Anti-Malware":
		return clsAntiMalware
	case "Web Reputation":
		return clsWebReputation
	case "Application Control", "App Control":
		return clsAppControl
	case "Device Control":
		return clsDeviceControl
	}
	return clsSystem
}

func (r *record) normalize(ev *ecs.Event, reference, fluentTime time.Time) error {
	if len(r.vendor) > 0 && !bytes.EqualFold(r.vendor, []byte("Trend Micro")) {
		return fmt.Errorf("event from %q %q, not Trend Micro Deep Security", clip(r.vendor), clip(r.product))
	}
	cls := r.classify()

	// Time: rt when the event has it, else the syslog header's, else
	// when fluentd read the line, else when the envelope stamped it.
	var ts time.Time
	if rt := r.v[kRt]; len(rt) > 0 {
		t, ok := parseRT(rt)
		if !ok {
			return fmt.Errorf("rt %q is neither epoch milliseconds nor \"MMM dd yyyy HH:mm:ss\"", clip(rt))
		}
		ts = t
	}
	r.syslogHeader(ev, reference, &ts)
	if ts.IsZero() {
		ts = fluentTime
	}
	if ts.IsZero() {
		ts = reference
	}
	ev.Date("@timestamp", ts)
	if !fluentTime.IsZero() {
		ev.Date("event.created", fluentTime)
	}

	// Header.
	ev.KeywordBytes("observer.vendor", r.vendor)
	ev.KeywordBytes("observer.product", r.product)
	ev.KeywordBytes("observer.version", r.version)
	ev.KeywordBytes("event.code", r.sigID)
	if r.leef {
		ev.KeywordBytes(Namespace+".category", r.v[kCat])
	}
	ev.Keyword(Namespace+".module", classNames[cls])
	if lvl, ok := severityLevel(r.sever); ok {
		ev.Long("event.severity", int64(lvl))
	} else {
		ev.KeywordBytes(Namespace+".severity", r.sever)
	}
	if len(r.v[kMsg]) > 0 {
		ev.KeywordBytes("message", r.v[kMsg])
	} else if len(r.v[kDesc]) > 0 && !bytes.Equal(r.v[kDesc], r.name) {
		ev.KeywordBytes("message", r.v[kDesc])
	} else {
		ev.KeywordBytes("message", r.name)
	}
	ev.KeywordBytes(Namespace+".name", r.name)
	if cls != clsSystem && cls != clsWebReputation {
		ev.KeywordBytes("rule.id", r.sigID)
		ev.KeywordBytes("rule.name", r.name)
		ev.Keyword("rule.ruleset", rulesets[cls])
	}

	act := r.v[kAct]
	ev.KeywordBytes("event.action", act)
	detectOnly := bytes.HasPrefix(act, []byte("IDS:"))
	if detectOnly {
		ev.Bool(Namespace+".detect_only", true)
	}

	var ips ipSet
	r.host(ev, &ips)
	r.network(ev, &ips)
	r.users(ev, cls)
	r.files(ev, cls)
	r.vendorFields(ev)
	r.customs(ev)
	r.packet(ev, &ips)
	r.categorize(ev, cls, act, detectOnly)
	ev.IPs("related.ip", ips.list[:ips.n]...)
	r.relatedHosts(ev)
	r.extensions(ev)
	return nil
}

// syslogHeader maps the syslog header before "CEF:" / "LEEF:", and sets
// ts from it when ts is still zero.
func (r *record) syslogHeader(ev *ecs.Event, reference time.Time, ts *time.Time) {
	prefix := r.prefix
	if len(prefix) == 0 {
		return
	}
	// An octet count (RFC 6587 framing kept by a relay) before the header.
	if i := bytes.IndexByte(prefix, ' '); i > 0 && allDigits(prefix[:i]) {
		prefix = bytes.TrimLeft(prefix[i:], " ")
	}
	m, err := syslog.Parse(prefix, syslog.Options{Reference: reference})
	if err != nil {
		ev.KeywordBytes(Namespace+".prefix", prefix)
		return
	}
	if m.HasPriority {
		ev.Long("log.syslog.priority", int64(m.Priority))
		ev.Long("log.syslog.facility.code", int64(m.Priority.Facility()))
		ev.Keyword("log.syslog.facility.name", m.Priority.Facility().String())
		ev.Long("log.syslog.severity.code", int64(m.Priority.Severity()))
		ev.Keyword("log.syslog.severity.name", m.Priority.Severity().String())
	}
	if m.Version > 0 {
		ev.Keyword("log.syslog.version", strconv.Itoa(m.Version))
	}
	ev.KeywordBytes("log.syslog.hostname", m.Hostname)
	ev.KeywordBytes("log.syslog.appname", m.AppName)
	ev.KeywordBytes("log.syslog.procid", m.ProcID)
	ev.KeywordBytes("log.syslog.msgid", m.MsgID)
	if ts.IsZero() && !m.Timestamp.IsZero() {
		*ts = m.Timestamp
	}
}

// ipSet collects related.ip without allocating.
type ipSet struct {
	list [6]netip.Addr
	n    int
}

func (s *ipSet) add(ip netip.Addr) {
	if ip.IsValid() && s.n < len(s.list) {
		s.list[s.n] = ip
		s.n++
	}
}

func (r *record) host(ev *ecs.Event, ips *ipSet) {
	if id, ok := r.label("Host ID"); ok {
		ev.KeywordBytes("host.id", id)
	}
	// dvc is the agent's IPv4 address; dvchost its host name, or its
	// address when that is IPv6.
	if ip, ok := parser.ParseAddr(r.v[kDvc]); ok {
		ev.IPs("host.ip", ip)
		ev.IPs("observer.ip", ip)
		ips.add(ip)
	} else if len(r.v[kDvc]) > 0 {
		ev.KeywordBytes("host.name", r.v[kDvc])
		ev.KeywordBytes("observer.hostname", r.v[kDvc])
	}
	if h := r.v[kDvchost]; len(h) > 0 {
		if ip, ok := parser.ParseAddr(h); ok {
			ev.IPs("host.ip", ip)
			ev.IPs("observer.ip", ip)
			ips.add(ip)
		} else {
			ev.KeywordBytes("host.name", h)
			ev.KeywordBytes("host.hostname", h)
			ev.KeywordBytes("observer.hostname", h)
		}
	}
}

func (r *record) network(ev *ecs.Event, ips *ipSet) {
	src, srcOK := parser.ParseAddr(r.v[kSrc])
	dst, dstOK := parser.ParseAddr(r.v[kDst])
	r.addr(ev, "source.ip", "source.address", r.v[kSrc], src, srcOK)
	r.addr(ev, "destination.ip", "destination.address", r.v[kDst], dst, dstOK)
	ips.add(src)
	ips.add(dst)
	r.port(ev, "source.port", "spt", r.v[kSpt])
	r.port(ev, "destination.port", "dpt", r.v[kDpt])
	if mac, ok := ecs.MAC(r.v[kSmac]); ok {
		ev.Keyword("source.mac", mac)
	} else {
		r.keep("smac", r.v[kSmac])
	}
	if mac, ok := ecs.MAC(r.v[kDmac]); ok {
		ev.Keyword("destination.mac", mac)
	} else {
		r.keep("dmac", r.v[kDmac])
	}
	in, inOK := r.count(ev, "source.bytes", "in", r.v[kIn])
	out, outOK := r.count(ev, "destination.bytes", "out", r.v[kOut])
	if inOK && outOK && in+out <= 1<<62 {
		ev.Long("network.bytes", int64(in+out))
	}
	if p := r.v[kProto]; len(p) > 0 {
		if name, num, ok := transport(p); ok {
			ev.Keyword("network.transport", name)
			if num >= 0 {
				ev.Keyword("network.iana_number", strconv.Itoa(num))
			}
		} else {
			ev.KeywordBytes(Namespace+".protocol", p)
		}
	}
	switch {
	case srcOK && src.Unmap().Is4(), !srcOK && dstOK && dst.Unmap().Is4():
		ev.Keyword("network.type", "ipv4")
	case srcOK || dstOK:
		ev.Keyword("network.type", "ipv6")
	}
	if ft := r.v[kFrameType]; len(ft) > 0 {
		ev.KeywordBytes(Namespace+".ethernet_frame_type", ft)
	}
}

// addr sets an address field: the ip field when it parses, else the
// address field with the text as written (a host name).
func (r *record) addr(ev *ecs.Event, ipPath, addrPath string, raw []byte, ip netip.Addr, ok bool) {
	if ok {
		ev.IP(ipPath, ip)
		return
	}
	if len(raw) > 0 {
		ev.KeywordBytes(addrPath, raw)
	}
}

// port sets a port, or keeps a value that is none in the extensions.
func (r *record) port(ev *ecs.Event, path, key string, b []byte) {
	if n, ok := parser.ParseUint(b); ok && n <= 65535 {
		ev.Long(path, int64(n))
		return
	}
	r.keep(key, b)
}

// count sets a non-negative count, or keeps a value that is none in the
// extensions.
func (r *record) count(ev *ecs.Event, path, key string, b []byte) (uint64, bool) {
	if n, ok := parser.ParseUint(b); ok && n <= 1<<62 {
		ev.Long(path, int64(n))
		return n, true
	}
	r.keep(key, b)
	return 0, false
}

// keep puts a value its field cannot hold into the extensions object
// under its CEF key, so that it is not lost.
func (r *record) keep(key string, v []byte) {
	if len(v) > 0 {
		r.extras = append(r.extras, extra{key: unsafeBytes(key), value: v})
	}
}

func (r *record) users(ev *ecs.Event, cls class) {
	auth := cls == clsSystem && isAuth(r.name)
	suser := r.v[kSuser]
	if placeholder(suser) {
		suser = nil
	}
	// actor is the account that acted. "System" is the manager acting by
	// itself (an alert, a lockout, an agent error): no account, so it
	// stays in ...suser, out of user.name and related.user.
	actor := suser
	if string(suser) == "System" {
		actor = nil
	}
	var target []byte
	if auth {
		// A sign-in event's target is the account signing in; suser
		// is who reported it (System for a lockout).
		target = r.v[kTarget]
	}
	switch {
	case len(target) > 0:
		ev.KeywordBytes("user.name", target)
		if !bytes.Equal(suser, target) {
			ev.KeywordBytes(Namespace+".suser", suser)
		}
	case actor != nil:
		ev.KeywordBytes("user.name", actor)
	default:
		ev.KeywordBytes(Namespace+".suser", suser)
	}
	if u := r.v[kSuid]; len(u) > 0 {
		ev.KeywordBytes("user.id", u)
	}
	if u := r.v[kDuser]; len(u) > 0 && !placeholder(u) {
		ev.KeywordBytes("destination.user.name", u)
	}
	if h := r.v[kShost]; len(h) > 0 {
		if cls == clsLogInspection {
			// The host named in the log entry the rule read (its syslog
			// header, a Windows event's computer), which is the protected
			// host: src is an address found in the entry, such as the
			// client of a failed logon, and shost is not its name.
			ev.KeywordBytes(Namespace+".event_hostname", h)
		} else {
			ev.KeywordBytes("source.domain", h)
		}
	}
	if h := r.v[kDhost]; len(h) > 0 {
		ev.KeywordBytes("destination.domain", h)
	}
	if t := r.v[kTarget]; len(t) > 0 {
		ev.KeywordBytes(Namespace+".target", t)
	}
	ev.KeywordBytes(Namespace+".target_id", r.v[kTargetID])
	ev.KeywordBytes(Namespace+".target_type", r.v[kTargetType])
	var users [3][]byte
	n := 0
	for _, u := range [...][]byte{actor, r.v[kDuser], target} {
		if len(u) > 0 && !placeholder(u) {
			users[n] = u
			n++
		}
	}
	relatedBytes(ev, "related.user", users[:n])
}

func (r *record) files(ev *ecs.Event, cls class) {
	if p := r.v[kFilePath]; len(p) > 0 {
		ev.KeywordBytes("file.path", p)
		if name := baseName(p); len(name) > 0 && len(name) < len(p) {
			ev.KeywordBytes("file.name", name)
		}
	}
	if f := r.v[kFname]; len(f) > 0 {
		switch {
		case cls == clsLogInspection:
			// Log inspection names the log the entry was read from:
			// a file, or a Windows event log such as "Security".
			ev.KeywordBytes("log.file.path", f)
		case len(r.v[kFilePath]) > 0:
			ev.KeywordBytes(Namespace+".file_name", f)
		case len(baseName(f)) < len(f):
			// A path (device control's fileName): file.path and its name.
			ev.KeywordBytes("file.path", f)
			ev.KeywordBytes("file.name", baseName(f))
		default:
			ev.KeywordBytes("file.name", f)
		}
	}
	ev.KeywordBytes(Namespace+".old_file_path", r.v[kOldFilePath])
	r.count(ev, "file.size", "fsize", r.v[kFsize])
	hash(ev, r.v[kFileHash])
	hashAs(ev, "file.hash.md5", r.v[kFileMD5], 32)
	hashAs(ev, "file.hash.sha1", r.v[kFileSHA1], 40)
	hashAs(ev, "file.hash.sha256", r.v[kFileSHA256], 64)
	if p := r.v[kSproc]; len(p) > 0 {
		ev.KeywordBytes("process.executable", p)
		ev.KeywordBytes("process.name", baseName(p))
	}
	if p := r.v[kProcessName]; len(p) > 0 {
		ev.KeywordBytes("process.name", baseName(p))
		if len(baseName(p)) < len(p) {
			ev.KeywordBytes("process.executable", p)
		}
	}
	ev.KeywordBytes("process.command_line", r.v[kCommandLine])
	// Device control: the removable device. ECS device.* describes the
	// device the agent runs on, so these stay vendor fields.
	ev.KeywordBytes(Namespace+".device_model", r.v[kModel])
	ev.KeywordBytes(Namespace+".device_vendor", r.v[kDevVendor])
	ev.KeywordBytes(Namespace+".device_serial", r.v[kSerial])
	ev.KeywordBytes(Namespace+".device", r.v[kDevice])
	ev.KeywordBytes(Namespace+".device_type", r.v[kDeviceType])
	ev.KeywordBytes(Namespace+".permission", r.v[kPermission])
	if c := r.v[kComputerName]; len(c) > 0 {
		if len(r.v[kDvchost]) == 0 && len(r.v[kDvc]) == 0 {
			ev.KeywordBytes("host.name", c)
		}
		ev.KeywordBytes(Namespace+".computer_name", c)
	}
	ev.KeywordBytes("host.domain", r.v[kDomainName])
	if cls == clsAntiMalware && len(r.name) > 0 {
		ev.KeywordBytes("threat.software.name", r.name)
		ev.Keyword("threat.software.type", "Malware")
	}
	// CVEs: TrendMicroDsCve, an intrusion prevention note, or the
	// rule's name ("... Vulnerability (CVE-2021-34621)").
	var ids cveList
	ids.scan(r.v[kCVE])
	if cls == clsIPS {
		for i := range r.custom {
			if c := &r.custom[i]; c.set && (string(c.label) == "Intrusion Prevention Note" || string(c.label) == "DPI Note") {
				ids.scan(c.value)
			}
		}
		ids.scan(r.name)
	}
	ev.Keywords("vulnerability.id", ids.list[:ids.n]...)
}

// hash sets the file hash whose algorithm the digest's length gives.
func hash(ev *ecs.Event, h []byte) {
	switch len(h) {
	case 32:
		hashAs(ev, "file.hash.md5", h, 32)
	case 40:
		hashAs(ev, "file.hash.sha1", h, 40)
	case 64:
		hashAs(ev, "file.hash.sha256", h, 64)
	case 0:
	default:
		ev.KeywordBytes(Namespace+".file_hash", h)
	}
}

// hashAs sets a hex digest of the given length in lower case.
func hashAs(ev *ecs.Event, path string, h []byte, n int) {
	if len(h) != n {
		return
	}
	var buf [64]byte
	for i, c := range h {
		switch {
		case c >= '0' && c <= '9', c >= 'a' && c <= 'f':
		case c >= 'A' && c <= 'F':
			c += 'a' - 'A'
		default:
			return
		}
		buf[i] = c
	}
	ev.KeywordBytes(path, buf[:n])
}

func (r *record) vendorFields(ev *ecs.Event) {
	ev.KeywordBytes(Namespace+".tenant_name", r.v[kTenant])
	ev.KeywordBytes(Namespace+".tenant_id", r.v[kTenantID])
	if t := r.v[kTags]; len(t) > 0 {
		setList(ev, Namespace+".tags", t, ',')
	}
	r.count(ev, Namespace+".count", "cnt", r.v[kCnt])
	r.count(ev, Namespace+".repeat_count", "repeatCount", r.v[kRepeatCount])
	ev.KeywordBytes(Namespace+".aggregation_type", r.v[kAggregationType])
	ev.KeywordBytes(Namespace+".result", r.v[kResult])
	if t := r.v[kMalwareTarget]; len(t) > 0 && !placeholder(t) {
		ev.KeywordBytes(Namespace+".malware_target", t)
	}
	if t := r.v[kMalwareTargetType]; len(t) > 0 && !placeholder(t) {
		ev.KeywordBytes(Namespace+".malware_target_type", t)
	}
	if n, ok := parser.ParseUint(r.v[kConfidence]); ok && n <= 100 {
		ev.Long(Namespace+".threat_probability", int64(n))
	} else {
		r.keep("TrendMicroDsDetectionConfidence", r.v[kConfidence])
	}
	if t := r.v[kRelevantNames]; len(t) > 0 {
		setList(ev, Namespace+".relevant_detection_names", t, ';')
	}
	if u := r.v[kRequest]; len(u) > 0 {
		ev.KeywordBytes("url.original", u)
	}
}

// label returns the value of the custom field with the given label.
func (r *record) label(label string) ([]byte, bool) {
	for i := range r.custom {
		c := &r.custom[i]
		if c.set && string(c.label) == label {
			return c.value, len(c.value) > 0
		}
	}
	return nil, false
}

// customs maps the labelled custom fields Deep Security writes; others
// go to the extensions object under their label.
func (r *record) customs(ev *ecs.Event) {
	for i := range r.custom {
		c := &r.custom[i]
		if !c.set || len(c.value) == 0 {
			continue
		}
		v := c.value
		switch string(c.label) {
		case "Host ID":
			// host(): host.id
		case "Quarantine File Size":
			r.count(ev, Namespace+".quarantine_file_size", "Quarantine File Size", v)
		case "Container":
			r.container(ev, v)
		case "TCP Flags":
			ev.KeywordBytes(Namespace+".tcp_flags", v)
		case "Fragmentation Bits":
			ev.KeywordBytes(Namespace+".packet_fragmentation", v)
		case "ICMP Type and Code", "ICMP":
			ev.KeywordBytes(Namespace+".icmp", v)
		case "Intrusion Prevention Packet Position", "DPI Packet Position":
			ev.KeywordBytes(Namespace+".ips_packet_position", v)
		case "Intrusion Prevention Stream Position", "DPI Stream Position":
			ev.KeywordBytes(Namespace+".ips_stream_position", v)
		case "Intrusion Prevention Flags", "DPI Flags":
			ev.KeywordBytes(Namespace+".ips_flags", v)
		case "Intrusion Prevention Note", "DPI Note":
			ev.KeywordBytes(Namespace+".ips_note", bytes.Trim(v, `"`))
		case "LI Description":
			ev.KeywordBytes("rule.description", v)
		case "actionReason":
			ev.KeywordBytes("event.reason", v)
		case "sha1":
			hashAs(ev, "file.hash.sha1", v, 40)
		case "md5":
			hashAs(ev, "file.hash.md5", v, 32)
		case "sha256":
			hashAs(ev, "file.hash.sha256", v, 64)
		default:
			k := c.label
			if len(k) == 0 {
				k = unsafeBytes(customNames[i])
			}
			r.extras = append(r.extras, extra{key: k, value: v})
		}
	}
}

// container reads "image | name | id" (any of them may be empty).
func (r *record) container(ev *ecs.Event, v []byte) {
	parts := bytes.SplitN(v, []byte("|"), 3)
	if len(parts) != 3 {
		ev.KeywordBytes(Namespace+".container", v)
		return
	}
	ev.KeywordBytes("container.image.name", bytes.TrimSpace(parts[0]))
	ev.KeywordBytes("container.name", bytes.TrimSpace(parts[1]))
	ev.KeywordBytes("container.id", bytes.TrimSpace(parts[2]))
}

// categorize sets event.kind, category, type and outcome for the module
// and the action.
func (r *record) categorize(ev *ecs.Event, cls class, act []byte, detectOnly bool) {
	denied := isDenied(act) && !detectOnly
	verdict := "allowed"
	if denied {
		verdict = "denied"
	}
	switch cls {
	case clsFirewall:
		// A log-only rule (20) records a connection; any other firewall
		// event is a denial, or one a detect-only policy let through.
		alert := denied || detectOnly || !bytes.Equal(r.sigID, []byte("20"))
		ev.Keyword("event.kind", kind(alert))
		ev.Keywords("event.category", "network")
		ev.Keywords("event.type", "connection", verdict)
	case clsIPS:
		ev.Keyword("event.kind", "alert")
		ev.Keywords("event.category", "intrusion_detection", "network")
		ev.Keywords("event.type", "info", verdict)
	case clsIntegrity:
		ev.Keyword("event.kind", "alert")
		t := "change"
		switch string(bytes.ToLower(act)) {
		case "created":
			t = "creation"
		case "deleted":
			t = "deletion"
		}
		if isRegistry(r.v[kFilePath]) {
			ev.Keywords("event.category", "registry")
		} else {
			ev.Keywords("event.category", "file")
		}
		ev.Keywords("event.type", t)
	case clsLogInspection:
		ev.Keyword("event.kind", "alert")
		ev.Keywords("event.category", "host")
		ev.Keywords("event.type", "info")
	case clsAntiMalware:
		ev.Keyword("event.kind", "alert")
		ev.Keywords("event.category", "malware", "file")
		ev.Keywords("event.type", "info")
	case clsWebReputation:
		// The agent reports a URL when it blocks it, unless a
		// detect-only policy or the action says it let it through.
		ev.Keyword("event.kind", "alert")
		ev.Keywords("event.category", "web", "network")
		ev.KeywordBytes("event.reason", r.v[kMsg])
		if detectOnly || isAllowed(act) {
			ev.Keywords("event.type", "access", "allowed")
		} else {
			ev.Keywords("event.type", "access", "denied")
		}
	case clsAppControl:
		ev.Keyword("event.kind", "alert")
		ev.Keywords("event.category", "process")
		ev.Keywords("event.type", "start", verdict)
	case clsDeviceControl:
		ev.Keyword("event.kind", "alert")
		ev.Keywords("event.category", "host")
		ev.Keywords("event.type", "access")
	default:
		ev.Keyword("event.kind", "event")
		if typ, outcome, ok := authEvent(r.name); ok {
			ev.Keywords("event.category", "authentication")
			ev.Keywords("event.type", typ)
			ev.Keyword("event.outcome", outcome)
		}
	}
}

func kind(alert bool) string {
	if alert {
		return "alert"
	}
	return "event"
}

func (r *record) relatedHosts(ev *ecs.Event) {
	var hosts [3][]byte
	n := 0
	if h := r.v[kDvchost]; len(h) > 0 {
		if _, ok := parser.ParseAddr(h); !ok {
			hosts[n] = h
			n++
		}
	}
	if h := r.v[kShost]; len(h) > 0 {
		hosts[n] = h
		n++
	}
	if h := r.v[kDhost]; len(h) > 0 {
		hosts[n] = h
		n++
	}
	relatedBytes(ev, "related.hosts", hosts[:n])
}

// extensions writes the pairs with no mapping of their own as one
// flat_object, so that nothing is lost and the mapping cannot grow.
// Dots in keys become underscores.
func (r *record) extensions(ev *ecs.Event) {
	if len(r.extras) == 0 {
		return
	}
	b := append(r.buf[:0], '{')
	n := 0
	for i, x := range r.extras {
		if len(x.value) == 0 || len(x.key) == 0 {
			continue
		}
		dup := false
		for _, y := range r.extras[i+1:] {
			if bytes.Equal(x.key, y.key) {
				dup = true // a later pair of the same key wins
				break
			}
		}
		if dup {
			continue
		}
		if n > 0 {
			b = append(b, ',')
		}
		// A dot would make a flat_object path; keys such as
		// ad.name[0] keep their meaning with an underscore.
		k := len(b)
		b = ecs.AppendStringBytes(b, x.key)
		for j := k; j < len(b); j++ {
			if b[j] == '.' {
				b[j] = '_'
			}
		}
		b = append(b, ':')
		b = ecs.AppendStringBytes(b, x.value)
		n++
	}
	b = append(b, '}')
	r.buf = b
	if n > 0 {
		ev.RawJSON(Namespace+".extensions", b)
	}
}

// relatedBytes sets a keyword array from distinct non-empty values.
func relatedBytes(ev *ecs.Event, path string, vals [][]byte) {
	var s [4]string
	n := 0
	for _, v := range vals {
		if len(v) > 0 && n < len(s) {
			s[n] = string(v)
			n++
		}
	}
	ev.Keywords(path, s[:n]...)
}

// setList sets a keyword array from a list separated by sep.
func setList(ev *ecs.Event, path string, v []byte, sep byte) {
	var items [16]string
	n := 0
	for len(v) > 0 && n < len(items) {
		item := v
		if i := bytes.IndexByte(v, sep); i >= 0 {
			item, v = v[:i], v[i+1:]
		} else {
			v = nil
		}
		if item = bytes.TrimSpace(item); len(item) > 0 {
			items[n] = string(item)
			n++
		}
	}
	if len(v) > 0 { // more items than the array holds: keep the rest as one
		items[n-1] += string(sep) + string(v)
	}
	ev.Keywords(path, items[:n]...)
}

func severityLevel(s []byte) (int, bool) {
	n, ok := parser.ParseUint(bytes.TrimSpace(s))
	if ok && n <= 10 {
		return int(n), true
	}
	switch string(bytes.ToLower(bytes.TrimSpace(s))) {
	case "low":
		return 0, true
	case "medium":
		return 4, true
	case "high":
		return 7, true
	case "very-high":
		return 9, true
	}
	return 0, false
}

// transport names an IP protocol, given by name or by number.
func transport(p []byte) (name string, number int, ok bool) {
	if n, isNum := parser.ParseUint(p); isNum {
		switch n {
		case 1:
			return "icmp", 1, true
		case 6:
			return "tcp", 6, true
		case 17:
			return "udp", 17, true
		case 58:
			return "ipv6-icmp", 58, true
		case 47:
			return "gre", 47, true
		case 50:
			return "esp", 50, true
		case 132:
			return "sctp", 132, true
		}
		return "", 0, false
	}
	switch string(bytes.ToLower(p)) {
	case "tcp":
		return "tcp", 6, true
	case "udp":
		return "udp", 17, true
	case "icmp":
		return "icmp", 1, true
	case "icmpv6", "icmp6", "ipv6-icmp":
		return "ipv6-icmp", 58, true
	case "igmp":
		return "igmp", 2, true
	case "gre":
		return "gre", 47, true
	case "esp":
		return "esp", 50, true
	case "sctp":
		return "sctp", 132, true
	}
	return "", 0, false
}

func isDenied(act []byte) bool {
	a := bytes.ToLower(act)
	for _, w := range [...]string{"deny", "denied", "block", "drop", "reject", "reset", "quarantine", "delete", "clean", "terminate"} {
		if bytes.Contains(a, []byte(w)) {
			return true
		}
	}
	return false
}

func isAllowed(act []byte) bool {
	a := bytes.ToLower(act)
	for _, w := range [...]string{"allow", "pass", "detect", "log"} {
		if bytes.Contains(a, []byte(w)) {
			return true
		}
	}
	return false
}

func isRegistry(p []byte) bool {
	return bytes.HasPrefix(p, []byte("HKEY_")) || bytes.HasPrefix(p, []byte("HKLM\\")) || bytes.HasPrefix(p, []byte("HKCU\\"))
}

// cveList collects CVE ids ("CVE-2021-34621") found in text.
type cveList struct {
	list [4]string
	n    int
}

func (c *cveList) scan(text []byte) {
	for c.n < len(c.list) {
		i := bytes.Index(text, []byte("CVE-"))
		if i < 0 {
			return
		}
		text = text[i:]
		// CVE-YYYY-NNNN with four or more digits in the sequence.
		j := 4
		year := 0
		for j < len(text) && text[j] >= '0' && text[j] <= '9' {
			j++
			year++
		}
		seq := 0
		if year == 4 && j < len(text) && text[j] == '-' {
			j++
			for j < len(text) && text[j] >= '0' && text[j] <= '9' {
				j++
				seq++
			}
		}
		if year == 4 && seq >= 4 && seq <= 19 {
			id := string(text[:j])
			dup := false
			for _, have := range c.list[:c.n] {
				dup = dup || have == id
			}
			if !dup {
				c.list[c.n] = id
				c.n++
			}
		}
		text = text[4:]
	}
}

// isAuth tells the manager's sign-in events by name.
func isAuth(name []byte) bool { _, _, ok := authEvent(name); return ok }

func authEvent(name []byte) (typ, outcome string, ok bool) {
	n := bytes.ToLower(name)
	switch {
	case bytes.Contains(n, []byte("sign in failed")), bytes.Contains(n, []byte("sign-in failed")),
		bytes.Contains(n, []byte("signin failed")), bytes.Contains(n, []byte("locked out")):
		return "start", "failure", true
	case bytes.Contains(n, []byte("signed in")):
		return "start", "success", true
	case bytes.Contains(n, []byte("signed out")), bytes.Contains(n, []byte("timed out")):
		return "end", "success", true
	}
	return "", "", false
}

// placeholder reports the values Deep Security writes for "none".
func placeholder(v []byte) bool {
	return string(v) == "N/A" || string(v) == "(no user)" || string(v) == "-"
}

// baseName is the last element of a Windows or POSIX path.
func baseName(p []byte) []byte {
	if i := bytes.LastIndexAny(p, `/\`); i >= 0 {
		return p[i+1:]
	}
	return p
}

func allDigits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return len(b) > 0
}

// clip shortens a value quoted in an error.
func clip(b []byte) []byte {
	if len(b) > 64 {
		return b[:64]
	}
	return b
}

// parseRT reads CEF's rt: epoch milliseconds, or "MMM dd yyyy
// HH:mm:ss[.SSS][ zone]" with the zone as "GMT+hh:mm", "UTC", "Z",
// "±hh:mm" or "±hhmm"; without a zone it is UTC.
func parseRT(b []byte) (time.Time, bool) {
	if n, ok := parser.ParseUint(b); ok {
		if n > 253402300799999 { // after 9999-12-31
			return time.Time{}, false
		}
		return time.UnixMilli(int64(n)).UTC(), true
	}
	if len(b) > 64 {
		return time.Time{}, false
	}
	s := string(b)
	loc := time.UTC
	if i := strings.LastIndexByte(s, ' '); i > 0 && i >= len("Jan 2 2006 15:04:05") {
		z := s[i+1:]
		if z2, ok := strings.CutPrefix(z, "GMT"); ok {
			z = z2
		} else if z2, ok := strings.CutPrefix(z, "UTC"); ok {
			z = z2
		}
		if z == "" || z == "Z" {
			s = s[:i]
		} else if off, ok := parseOffset(z); ok {
			s, loc = s[:i], time.FixedZone("", off)
		}
	}
	t, err := time.ParseInLocation("Jan 2 2006 15:04:05", s, loc)
	if err != nil {
		return time.Time{}, false
	}
	return t, true
}

// parseOffset reads "+hh:mm", "+hhmm" or "+hh" as seconds east of UTC.
func parseOffset(z string) (int, bool) {
	if len(z) < 3 || (z[0] != '+' && z[0] != '-') {
		return 0, false
	}
	digits := strings.ReplaceAll(z[1:], ":", "")
	if len(digits) != 2 && len(digits) != 4 {
		return 0, false
	}
	n, ok := parser.ParseUint([]byte(digits))
	if !ok {
		return 0, false
	}
	h, m := int(n), 0
	if len(digits) == 4 {
		h, m = int(n/100), int(n%100)
	}
	if h > 14 || m > 59 {
		return 0, false
	}
	off := h*3600 + m*60
	if z[0] == '-' {
		off = -off
	}
	return off, true
}

// parseFluentTime reads fluentd's time: RFC 3339, or its default
// "2006-01-02 15:04:05 -0700" (with or without a zone).
func parseFluentTime(b []byte) (time.Time, bool) {
	if t, err := parser.ParseRFC3339(b); err == nil {
		return t, true
	}
	s := string(b)
	for _, layout := range [...]string{"2006-01-02 15:04:05 -0700", "2006-01-02 15:04:05.999999999 -0700", "2006-01-02T15:04:05-0700", "2006-01-02 15:04:05", "2006-01-02T15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil && n > 0 && n < 253402300799 {
		return time.Unix(n, 0).UTC(), true
	}
	return time.Time{}, false
}

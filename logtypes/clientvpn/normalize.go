package clientvpn

import (
	"errors"
	"fmt"
	"math"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/valyala/fastjson"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
)

var parsers fastjson.ParserPool

// entry is one connection log entry, its members read as text ("" for
// absent, "NA" and null).
type entry struct {
	logType, attemptStatus, resetStatus, failureReason string
	connectionID, endpointID, transport                string
	start, lastUpdate, end                             string
	clientIP, commonName, deviceType, deviceIP, port   string
	ingressBytes, egressBytes                          string
	ingressPackets, egressPackets                      string
	username, duration, openVPNVersion                 string
	posture                                            []string
	// other holds the members the type does not know, the last of
	// repeated keys winning.
	other []member
}

type member struct {
	key string
	v   *fastjson.Value
}

// maxMembers bounds how many members an entry may have; AWS writes about
// twenty.
const maxMembers = 1000

func normalize(rec siem.Record, ev *ecs.Event, region string) error {
	p := parsers.Get()
	defer parsers.Put(p)
	v, err := p.ParseBytes(rec.Data)
	if err != nil {
		return fmt.Errorf("client VPN connection log entry is not valid JSON: %w", err)
	}
	obj, err := v.Object()
	if err != nil {
		return fmt.Errorf("client VPN connection log entry is a JSON %s, not an object", v.Type())
	}
	if obj.Len() > maxMembers {
		return fmt.Errorf("client VPN connection log entry has %d members, more than the %d a connection log entry can have", obj.Len(), maxMembers)
	}
	var e entry
	var bad error
	obj.Visit(func(key []byte, v *fastjson.Value) {
		if bad != nil {
			return
		}
		var dst *string
		switch string(key) {
		case "connection-log-type":
			dst = &e.logType
		case "connection-attempt-status":
			dst = &e.attemptStatus
		case "connection-reset-status":
			dst = &e.resetStatus
		case "connection-attempt-failure-reason":
			dst = &e.failureReason
		case "connection-id":
			dst = &e.connectionID
		case "client-vpn-endpoint-id":
			dst = &e.endpointID
		case "transport-protocol":
			dst = &e.transport
		case "connection-start-time":
			dst = &e.start
		case "connection-last-update-time":
			dst = &e.lastUpdate
		case "connection-end-time":
			dst = &e.end
		case "client-ip":
			dst = &e.clientIP
		case "common-name":
			dst = &e.commonName
		case "device-type":
			dst = &e.deviceType
		case "device-ip":
			dst = &e.deviceIP
		case "port":
			dst = &e.port
		case "ingress-bytes":
			dst = &e.ingressBytes
		case "egress-bytes":
			dst = &e.egressBytes
		case "ingress-packets":
			dst = &e.ingressPackets
		case "egress-packets":
			dst = &e.egressPackets
		case "username":
			dst = &e.username
		case "connection-duration-seconds":
			dst = &e.duration
		case "client-openvpn-version":
			dst = &e.openVPNVersion
		case "posture-compliance-statuses":
			e.posture, bad = stringList(v)
			return
		default:
			for i := range e.other {
				if e.other[i].key == string(key) {
					e.other[i].v = v
					return
				}
			}
			e.other = append(e.other, member{string(key), v})
			return
		}
		*dst, bad = text(string(key), v)
	})
	if bad != nil {
		return bad
	}
	return e.mapTo(rec, ev, region)
}

// text reads a member holding text (or a number, which some writers
// use for counters): "" for null, an empty string and "NA".
func text(key string, v *fastjson.Value) (string, error) {
	switch v.Type() {
	case fastjson.TypeString:
		s := string(v.GetStringBytes())
		s = strings.TrimSpace(s)
		if s == "NA" || s == "-" {
			return "", nil
		}
		return s, nil
	case fastjson.TypeNumber:
		return v.String(), nil
	case fastjson.TypeNull:
		return "", nil
	}
	return "", fmt.Errorf("client VPN connection log entry: %q is a JSON %s, where the format has a string", key, v.Type())
}

// stringList reads posture-compliance-statuses: an array of strings, or
// one string (comma-separated when several).
func stringList(v *fastjson.Value) ([]string, error) {
	var out []string
	add := func(s string) {
		for _, part := range strings.Split(s, ",") {
			if part = strings.TrimSpace(part); part != "" && part != "NA" {
				out = append(out, part)
			}
		}
	}
	switch v.Type() {
	case fastjson.TypeString:
		add(string(v.GetStringBytes()))
	case fastjson.TypeNull:
	case fastjson.TypeArray:
		for _, x := range v.GetArray() {
			if x.Type() != fastjson.TypeString {
				return nil, fmt.Errorf("client VPN connection log entry: posture-compliance-statuses holds a JSON %s, where it holds strings", x.Type())
			}
			add(string(x.GetStringBytes()))
		}
	default:
		return nil, fmt.Errorf("client VPN connection log entry: posture-compliance-statuses is a JSON %s, not an array of strings", v.Type())
	}
	return out, nil
}

// maxFlatValue bounds a text kept in aws.clientvpn.other: a flat_object
// indexes each leaf as one term, and Lucene refuses terms over 32766
// bytes.
const maxFlatValue = 8 << 10

// flatKey reports whether an unknown member's name can be a flat_object
// key as it is: AWS's member names are lower-case words and hyphens.
func flatKey(k string) bool {
	if k == "" || len(k) > 128 {
		return false
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// otherJSON writes the unknown members: those with a plain name and a
// text, number or boolean value as a JSON object for aws.clientvpn.other
// (values as text), and the rest (odd names, objects, arrays, long
// texts) as the compact JSON text of an object for
// aws.clientvpn.other_json. Either is nil when empty.
func otherJSON(ms []member) (flat, text []byte) {
	var rest []byte
	for _, m := range ms {
		v := m.v
		var val string
		plain := flatKey(m.key)
		switch v.Type() {
		case fastjson.TypeString:
			val = string(v.GetStringBytes())
			plain = plain && len(val) <= maxFlatValue
		case fastjson.TypeNumber, fastjson.TypeTrue, fastjson.TypeFalse:
			val = v.String()
		case fastjson.TypeNull:
			continue
		default:
			plain = false
		}
		if plain {
			if val == "" || val == "NA" || val == "-" {
				continue
			}
			flat = appendSep(flat)
			flat = ecs.AppendString(flat, m.key)
			flat = append(flat, ':')
			flat = ecs.AppendString(flat, val)
			continue
		}
		rest = appendSep(rest)
		rest = ecs.AppendString(rest, m.key)
		rest = append(rest, ':')
		rest = v.MarshalTo(rest)
	}
	if len(flat) > 0 {
		flat = append(flat, '}')
	}
	if len(rest) > 0 {
		text = ecs.AppendStringBytes(nil, append(rest, '}'))
	}
	return flat, text
}

func appendSep(b []byte) []byte {
	if len(b) == 0 {
		return append(b, '{')
	}
	return append(b, ',')
}

// ErrNoTime is returned for an entry without any time: neither its own
// times nor the CloudWatch Logs event's.
var ErrNoTime = errors.New("client VPN connection log entry has no connection-last-update-time, no connection-start-time and came without a CloudWatch Logs timestamp")

func (e *entry) mapTo(rec siem.Record, ev *ecs.Event, region string) error {
	lastUpdate, err := parseTime("connection-last-update-time", e.lastUpdate)
	if err != nil {
		return err
	}
	start, err := parseTime("connection-start-time", e.start)
	if err != nil {
		return err
	}
	end, err := parseTime("connection-end-time", e.end)
	if err != nil {
		return err
	}
	ts := lastUpdate
	if ts.IsZero() {
		ts = start
	}
	if ts.IsZero() && rec.Delivery != nil {
		ts = rec.Delivery.Time
	}
	if ts.IsZero() {
		return ErrNoTime
	}
	clientIP, err := parseIP("client-ip", e.clientIP)
	if err != nil {
		return err
	}
	deviceIP, err := parseIP("device-ip", e.deviceIP)
	if err != nil {
		return err
	}
	var port int64 = -1
	if e.port != "" {
		n, err := strconv.ParseInt(e.port, 10, 64)
		if err != nil || n < 0 || n > 65535 {
			return fmt.Errorf("client VPN connection log entry: port %q is not a port number", clip(e.port))
		}
		port = n
	}
	inBytes, err := counter("ingress-bytes", e.ingressBytes)
	if err != nil {
		return err
	}
	outBytes, err := counter("egress-bytes", e.egressBytes)
	if err != nil {
		return err
	}
	inPackets, err := counter("ingress-packets", e.ingressPackets)
	if err != nil {
		return err
	}
	outPackets, err := counter("egress-packets", e.egressPackets)
	if err != nil {
		return err
	}
	duration, err := counter("connection-duration-seconds", e.duration)
	if err != nil {
		return err
	}
	if duration > math.MaxInt64/int64(time.Second) {
		return fmt.Errorf("client VPN connection log entry: connection-duration-seconds %s is too large", e.duration)
	}

	ev.Date("@timestamp", ts)
	ev.Keyword("aws.clientvpn.client_openvpn_version", e.openVPNVersion)
	ev.Keyword("aws.clientvpn.client_vpn_endpoint_id", e.endpointID)
	ev.IP("aws.clientvpn.client_ip", clientIP)
	ev.Keyword("aws.clientvpn.common_name", e.commonName)
	ev.Keyword("aws.clientvpn.connection_attempt_status", e.attemptStatus)
	ev.Keyword("aws.clientvpn.connection_id", e.connectionID)
	ev.Keyword("aws.clientvpn.connection_reset_status", e.resetStatus)
	ev.Keyword("aws.clientvpn.device_type", e.deviceType)
	flat, text := otherJSON(e.other)
	ev.RawJSON("aws.clientvpn.other", flat)
	ev.RawJSON("aws.clientvpn.other_json", text)
	ev.Keywords("aws.clientvpn.posture_compliance_statuses", e.posture...)
	ev.Keyword("cloud.provider", "aws")
	ev.Keyword("cloud.region", region)
	if outBytes >= 0 {
		ev.Long("destination.bytes", outBytes)
	}
	if outPackets >= 0 {
		ev.Long("destination.packets", outPackets)
	}

	ev.Keyword("event.action", e.logType)
	ev.Keywords("event.category", "network", "session")
	if duration >= 0 {
		ev.Long("event.duration", duration*int64(time.Second))
	} else if !start.IsZero() && !end.IsZero() && !end.Before(start) {
		ev.Long("event.duration", int64(end.Sub(start)))
	}
	ev.Date("event.end", end)
	ev.Keyword("event.kind", "event")
	switch strings.ToLower(e.attemptStatus) {
	case "successful", "success":
		ev.Keyword("event.outcome", "success")
	case "failed", "failure":
		ev.Keyword("event.outcome", "failure")
	}
	ev.Keyword("event.reason", e.failureReason)
	ev.Date("event.start", start)
	ev.Keywords("event.type", eventTypes(e, end)...)

	transport := strings.ToLower(e.transport)
	if inBytes >= 0 && outBytes >= 0 {
		ev.Long("network.bytes", inBytes+outBytes)
	}
	if inPackets >= 0 && outPackets >= 0 {
		ev.Long("network.packets", inPackets+outPackets)
	}
	ev.Keyword("network.transport", transport)
	switch {
	case deviceIP.Is4() || deviceIP.Is4In6():
		ev.Keyword("network.type", "ipv4")
	case deviceIP.Is6():
		ev.Keyword("network.type", "ipv6")
	}

	ev.Keyword("observer.product", "Client VPN")
	ev.Keyword("observer.type", "vpn")
	ev.Keyword("observer.vendor", "AWS")

	ev.IPs("related.ip", deviceIP, clientIP)
	ev.Keywords("related.user", e.username)

	ev.IP("source.address", deviceIP)
	if inBytes >= 0 {
		ev.Long("source.bytes", inBytes)
	}
	ev.IP("source.ip", deviceIP)
	if inPackets >= 0 {
		ev.Long("source.packets", inPackets)
	}
	if port >= 0 {
		ev.Long("source.port", port)
	}
	ev.Keywords("tls.client.x509.subject.common_name", e.commonName)
	ev.Keyword("user.name", e.username)
	return nil
}

// eventTypes: a connection attempt that succeeded starts a session and
// one that failed was denied; an entry with an end time, or a reset,
// ends it.
func eventTypes(e *entry, end time.Time) []string {
	switch {
	case !end.IsZero(), strings.EqualFold(e.logType, "connection-reset"):
		return []string{"connection", "end"}
	}
	switch strings.ToLower(e.attemptStatus) {
	case "successful", "success":
		return []string{"connection", "start"}
	case "failed", "failure":
		return []string{"connection", "denied"}
	}
	return []string{"connection", "info"}
}

// parseTime reads the entry's "YYYY-MM-DD HH:MM:SS" times, in UTC; an
// RFC 3339 time is accepted too.
func parseTime(key, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if len(s) == 19 && s[10] == ' ' {
		t, err := time.Parse(time.DateTime, s)
		if err == nil {
			return t, nil
		}
	}
	if t, err := parser.ParseRFC3339([]byte(s)); err == nil {
		return t.UTC(), nil
	}
	return time.Time{}, fmt.Errorf("client VPN connection log entry: %s %q is not a time (YYYY-MM-DD HH:MM:SS)", key, clip(s))
}

func parseIP(key, s string) (netip.Addr, error) {
	if s == "" {
		return netip.Addr{}, nil
	}
	ip, ok := parser.ParseAddr([]byte(s))
	if !ok {
		return netip.Addr{}, fmt.Errorf("client VPN connection log entry: %s %q is not an IP address", key, clip(s))
	}
	return ip, nil
}

// counter reads a byte, packet or second count; -1 when absent.
func counter(key, s string) (int64, error) {
	if s == "" {
		return -1, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("client VPN connection log entry: %s %q is not a count", key, clip(s))
	}
	return n, nil
}

// clip shortens a value quoted in an error.
func clip(s string) string {
	if len(s) > 64 {
		return s[:64] + "..."
	}
	return s
}

package feed

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/valyala/fastjson"

	"github.com/siem-go/siem/enrich/ioc"
)

// FeodoProvider is the provider of Feodo Tracker indicators.
const FeodoProvider = "abuse.ch"

// Feodo reads abuse.ch Feodo Tracker's botnet C&C blocklist
// (https://feodotracker.abuse.ch/downloads/ipblocklist.json), an array of
// objects such as
//
//	{"ip_address": "192.0.2.10", "port": 443, "status": "online",
//	 "hostname": null, "as_number": 64500, "as_name": "EXAMPLE-AS",
//	 "country": "DE", "first_seen": "2024-01-02 03:04:05",
//	 "last_online": "2024-02-01", "malware": "QakBot"}
//
// Each entry becomes an address indicator of provider "abuse.ch" whose
// description names the malware family and the other details, with
// first_seen and last_seen from first_seen and last_online.
func Feodo(r io.Reader) (Result, error) {
	var res Result
	data, err := io.ReadAll(r)
	if err != nil {
		return res, fmt.Errorf("feodo blocklist: %w", err)
	}
	var p fastjson.Parser
	v, err := p.ParseBytes(data)
	if err != nil {
		return res, fmt.Errorf("feodo blocklist: %w", jsonSyntaxError(data, err))
	}
	entries, err := v.Array()
	if err != nil {
		return res, fmt.Errorf("feodo blocklist: want a JSON array of entries, got %s; is this ipblocklist.json?", v.Type())
	}
	for i, e := range entries {
		obj := fmt.Sprintf("[%d]", i)
		if e.Type() != fastjson.TypeObject {
			res.warn(0, obj, "entry is a JSON %s, not an object; skipped", e.Type())
			continue
		}
		ip := str(e, "ip_address")
		if ip == "" {
			res.warn(0, obj, "entry has no ip_address; skipped")
			continue
		}
		ind, err := ioc.NewIP(ip)
		if err != nil || !ind.Prefix.IsSingleIP() {
			res.warn(0, obj, "ip_address %q is not an IP address; skipped", truncate(ip, 60))
			continue
		}
		ind.Provider = FeodoProvider
		ind.Description = feodoDescription(e)
		ind.Reference = "https://feodotracker.abuse.ch/browse/host/" + ind.Prefix.Addr().String() + "/"
		ind.FirstSeen = res.timeField(e, obj, "first_seen")
		ind.LastSeen = res.timeField(e, obj, "last_online")
		res.Indicators = append(res.Indicators, ind)
	}
	return res, nil
}

// timeField reads the time at key, warning when it is there but not a
// time.
func (res *Result) timeField(e *fastjson.Value, obj, key string) time.Time {
	s := str(e, key)
	if s == "" {
		return time.Time{}
	}
	t, ok := parseTime(s)
	if !ok {
		res.warn(0, obj, "%s %q is not a time; the entry is kept without it", key, truncate(s, 60))
	}
	return t
}

// feodoDescription reads like "QakBot botnet C&C server (port 443, status
// online, AS64500 EXAMPLE-AS, DE)".
func feodoDescription(e *fastjson.Value) string {
	malware := str(e, "malware")
	if malware == "" {
		malware = "Unknown"
	}
	var details []string
	if port := num(e, "port"); port != "" {
		details = append(details, "port "+port)
	}
	if s := str(e, "status"); s != "" {
		details = append(details, "status "+s)
	}
	if h := str(e, "hostname"); h != "" {
		details = append(details, "hostname "+h)
	}
	as := strings.TrimSpace("AS" + num(e, "as_number") + " " + str(e, "as_name"))
	if as != "AS" {
		details = append(details, as)
	}
	if c := str(e, "country"); c != "" {
		details = append(details, c)
	}
	d := malware + " botnet C&C server"
	if len(details) > 0 {
		d += " (" + strings.Join(details, ", ") + ")"
	}
	return d
}

// str returns the string at key, or "" when it is missing, null or not a
// string.
func str(v *fastjson.Value, key string) string {
	f := v.Get(key)
	if f == nil || f.Type() != fastjson.TypeString {
		return ""
	}
	return strings.TrimSpace(string(f.GetStringBytes()))
}

// num returns the number (or numeric string) at key as text, or "".
func num(v *fastjson.Value, key string) string {
	f := v.Get(key)
	if f == nil {
		return ""
	}
	switch f.Type() {
	case fastjson.TypeNumber:
		if n, err := f.Int64(); err == nil {
			return strconv.FormatInt(n, 10)
		}
		return f.String()
	case fastjson.TypeString:
		s := strings.TrimSpace(string(f.GetStringBytes()))
		if _, err := strconv.ParseInt(s, 10, 64); err == nil {
			return s
		}
	}
	return ""
}

package feed

import (
	"fmt"
	"io"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/valyala/fastjson"

	"github.com/siem-go/siem/enrich/ioc"
)

// OTXProvider is the provider of AlienVault OTX indicators.
const OTXProvider = "otx"

// OTX reads AlienVault OTX pulses: one pulse object, an array of them, or
// an API page ({"results": [pulse, ...], ...}). A pulse is
//
//	{"id": "...", "name": "...", "description": "...",
//	 "indicators": [{"indicator": "192.0.2.10", "type": "IPv4",
//	                 "created": "2024-01-02T03:04:05", "expiration": null,
//	                 "title": "", "description": "", "is_active": 1}, ...]}
//
// Indicators of type IPv4, IPv6, CIDR, domain, hostname and URL are read,
// with provider "otx", first_seen from created and last_seen from
// expiration (the end of their validity). The description is the
// indicator's own, else its title, else the pulse name. Indicators of
// other types (file hashes, e-mail addresses, ...) and inactive ones are
// counted in one warning per pulse.
func OTX(r io.Reader) (Result, error) {
	var res Result
	data, err := io.ReadAll(r)
	if err != nil {
		return res, fmt.Errorf("otx: %w", err)
	}
	var p fastjson.Parser
	v, err := p.ParseBytes(data)
	if err != nil {
		return res, fmt.Errorf("otx: %w", jsonSyntaxError(data, err))
	}
	var pulses []*fastjson.Value
	switch {
	case v.Type() == fastjson.TypeArray:
		pulses, _ = v.Array()
	case v.Type() == fastjson.TypeObject && v.Get("indicators") == nil && v.Get("results") != nil:
		if pulses, err = v.Get("results").Array(); err != nil {
			return res, fmt.Errorf("otx: results is a JSON %s, not an array of pulses", v.Get("results").Type())
		}
	case v.Type() == fastjson.TypeObject:
		pulses = []*fastjson.Value{v}
	default:
		return res, fmt.Errorf("otx: want a pulse object, an array of pulses or an API page, got a JSON %s", v.Type())
	}
	for i, pulse := range pulses {
		res.otxPulse(pulse, i, len(pulses) > 1 || v.Type() != fastjson.TypeObject)
	}
	return res, nil
}

func (res *Result) otxPulse(pulse *fastjson.Value, index int, many bool) {
	name := "pulse"
	if many {
		name = fmt.Sprintf("pulse [%d]", index)
	}
	if pulse.Type() != fastjson.TypeObject {
		res.warn(0, name, "is a JSON %s, not a pulse object; skipped", pulse.Type())
		return
	}
	id := str(pulse, "id")
	if id != "" {
		name = "pulse " + id
	}
	inds := pulse.Get("indicators")
	if inds == nil || inds.Type() != fastjson.TypeArray {
		res.warn(0, name, "has no indicators array; skipped")
		return
	}
	pulseName := str(pulse, "name")
	reference := ""
	if id != "" && isSafeName(id) {
		reference = "https://otx.alienvault.com/pulse/" + id
	}
	unsupported := map[string]int{}
	inactive := 0
	for j, e := range inds.GetArray() {
		obj := fmt.Sprintf("%s indicators[%d]", name, j)
		if e.Type() != fastjson.TypeObject {
			res.warn(0, obj, "is a JSON %s, not an object; skipped", e.Type())
			continue
		}
		value, typ := str(e, "indicator"), str(e, "type")
		if a := e.Get("is_active"); a != nil && (a.Type() == fastjson.TypeNumber && a.GetInt() == 0 || a.Type() == fastjson.TypeFalse) {
			inactive++
			continue
		}
		var ind ioc.Indicator
		var err error
		switch typ {
		case "IPv4", "IPv6":
			ind, err = ioc.NewIP(value)
			if err == nil && (ind.Type == ioc.IPv4) != (typ == "IPv4") {
				err = fmt.Errorf("%q is not an %s address", value, typ)
			}
		case "CIDR":
			ind, err = ioc.NewIP(value)
			if err == nil && !strings.Contains(value, "/") {
				err = fmt.Errorf("%q has no /prefix length", value)
			}
		case "domain", "hostname":
			ind, err = ioc.NewDomain(value)
		case "URL":
			ind, err = ioc.NewURL(value)
		default:
			if typ == "" {
				typ = "(none)"
			}
			unsupported[typ]++
			continue
		}
		if err != nil {
			res.warn(0, obj, "%s indicator: %v; skipped", typ, err)
			continue
		}
		ind.Provider = OTXProvider
		ind.Description = cmpOr(str(e, "description"), str(e, "title"), pulseName)
		ind.Reference = reference
		ind.FirstSeen = res.timeField(e, obj, "created")
		ind.LastSeen = res.timeField(e, obj, "expiration")
		res.Indicators = append(res.Indicators, ind)
	}
	if len(unsupported) > 0 {
		parts := make([]string, 0, len(unsupported))
		n := 0
		for _, t := range slices.Sorted(maps.Keys(unsupported)) {
			parts = append(parts, fmt.Sprintf("%s %d", t, unsupported[t]))
			n += unsupported[t]
		}
		res.warn(0, name, "%s of types the database does not hold skipped (%s)", count(n, "indicator"), strings.Join(parts, ", "))
	}
	if inactive > 0 {
		res.warn(0, name, "%s (is_active 0) skipped", count(inactive, "inactive indicator"))
	}
}

func cmpOr(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// OTXDir reads every *.json file in a directory of fsys as OTX pulses (the
// layout 'siem ioc fetch' writes), except hidden ones such as the state
// file of FetchOTX. A file that cannot be read or parsed
// becomes a warning naming it, so that one bad download does not lose the
// others.
func OTXDir(fsys fs.FS, dir string) (Result, error) {
	var res Result
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return res, fmt.Errorf("otx: %w", err)
	}
	for _, de := range entries {
		if de.IsDir() || !strings.HasSuffix(de.Name(), ".json") || strings.HasPrefix(de.Name(), ".") {
			continue
		}
		p := path.Join(dir, de.Name())
		f, err := fsys.Open(p)
		if err != nil {
			res.warn(0, de.Name(), "%v", err)
			continue
		}
		r, err := OTX(f)
		f.Close()
		if err != nil {
			res.warn(0, de.Name(), "%v", strings.TrimPrefix(err.Error(), "otx: "))
			continue
		}
		res.Indicators = append(res.Indicators, r.Indicators...)
		for _, w := range r.Warnings {
			w.Object = de.Name() + ": " + w.Object
			res.Warnings = append(res.Warnings, w)
		}
	}
	return res, nil
}

// isSafeName reports whether s can be a file name and a URL path segment
// as it is.
func isSafeName(s string) bool {
	if s == "" || len(s) > 128 {
		return false
	}
	for _, c := range []byte(s) {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

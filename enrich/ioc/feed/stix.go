package feed

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/valyala/fastjson"

	"github.com/siem-go/siem/enrich/ioc"
)

// STIXProvider is the provider of STIX indicators whose creator is not
// named in the bundle.
const STIXProvider = "stix"

// STIX reads a STIX 2.1 bundle ({"type": "bundle", "objects": [...]}; a
// bare array of objects or a single indicator object is accepted too).
// Every object of type indicator whose pattern is an OR of comparisons
// such as
//
//	[ipv4-addr:value = '192.0.2.10' OR domain-name:value = 'evil.example']
//	[ipv6-addr:value ISSUBSET '2001:db8::/32']
//	[url:value = 'http://evil.example/gate.php']
//
// yields one indicator per comparison, with first_seen and last_seen
// from valid_from and valid_until, the description from description (or
// name), the reference from the first external reference with a URL, the
// confidence from confidence (0-100) and the provider from the name of the
// identity in created_by_ref, or "stix" when the bundle does not hold it.
// Every other indicator (patterns beyond that subset, other pattern
// languages, revoked indicators) is a warning with its id and the reason.
func STIX(r io.Reader) (Result, error) {
	var res Result
	data, err := io.ReadAll(r)
	if err != nil {
		return res, fmt.Errorf("stix: %w", err)
	}
	var p fastjson.Parser
	v, err := p.ParseBytes(data)
	if err != nil {
		return res, fmt.Errorf("stix: %w", jsonSyntaxError(data, err))
	}
	var objects []*fastjson.Value
	switch {
	case v.Type() == fastjson.TypeArray:
		objects = v.GetArray()
	case v.Type() == fastjson.TypeObject && str(v, "type") == "bundle":
		o := v.Get("objects")
		if o == nil {
			return res, nil // an empty bundle
		}
		if o.Type() != fastjson.TypeArray {
			return res, fmt.Errorf("stix: bundle objects is a JSON %s, not an array", o.Type())
		}
		objects = o.GetArray()
	case v.Type() == fastjson.TypeObject && str(v, "type") == "indicator":
		objects = []*fastjson.Value{v}
	default:
		return res, fmt.Errorf("stix: want a bundle (an object with \"type\": \"bundle\"), got a JSON %s of type %q", v.Type(), str(v, "type"))
	}

	identities := map[string]string{}
	for _, o := range objects {
		if str(o, "type") == "identity" && str(o, "id") != "" && str(o, "name") != "" {
			identities[str(o, "id")] = str(o, "name")
		}
	}
	for i, o := range objects {
		if o.Type() != fastjson.TypeObject {
			res.warn(0, fmt.Sprintf("objects[%d]", i), "is a JSON %s, not an object; skipped", o.Type())
			continue
		}
		if str(o, "type") != "indicator" {
			continue
		}
		id := str(o, "id")
		if id == "" {
			id = fmt.Sprintf("objects[%d]", i)
		}
		res.stixIndicator(o, id, identities)
	}
	return res, nil
}

func (res *Result) stixIndicator(o *fastjson.Value, id string, identities map[string]string) {
	if b := o.Get("revoked"); b != nil && b.Type() == fastjson.TypeTrue {
		res.warn(0, id, "revoked; skipped")
		return
	}
	if pt := str(o, "pattern_type"); pt != "" && pt != "stix" {
		res.warn(0, id, "pattern_type %q is not supported (only stix); skipped", truncate(pt, 40))
		return
	}
	pattern := str(o, "pattern")
	if pattern == "" {
		res.warn(0, id, "has no pattern; skipped")
		return
	}
	comps, err := parseSTIXPattern(pattern)
	if err != nil {
		reason := "pattern not read"
		if errors.Is(err, errUnsupported) {
			reason = "unsupported pattern"
		}
		res.warn(0, id, "%s (%v): %s; skipped", reason, strings.TrimPrefix(err.Error(), "unsupported: "), truncate(pattern, 200))
		return
	}
	provider := STIXProvider
	if name, ok := identities[str(o, "created_by_ref")]; ok {
		provider = name
	}
	description := cmpOr(str(o, "description"), str(o, "name"))
	reference := ""
	for _, ref := range o.GetArray("external_references") {
		if u := str(ref, "url"); u != "" {
			reference = u
			break
		}
	}
	confidence := ioc.ConfidenceUnknown
	if c := o.Get("confidence"); c != nil {
		if n, err := c.Int(); err == nil {
			confidence = ioc.ConfidenceFromScore(n)
		}
	}
	first := res.timeField(o, id, "valid_from")
	last := res.timeField(o, id, "valid_until")
	for _, c := range comps {
		var ind ioc.Indicator
		var err error
		switch c.objectType {
		case "ipv4-addr", "ipv6-addr":
			ind, err = ioc.NewIP(c.value)
			switch {
			case err != nil:
			case (ind.Type == ioc.IPv4) != (c.objectType == "ipv4-addr"):
				err = fmt.Errorf("%q is not an %s value", c.value, c.objectType)
			case c.subset && !strings.Contains(c.value, "/"):
				err = fmt.Errorf("ISSUBSET %q is not a CIDR network", c.value)
			}
		case "domain-name":
			ind, err = ioc.NewDomain(c.value)
		case "url":
			ind, err = ioc.NewURL(c.value)
		}
		if err != nil {
			res.warn(0, id, "%s: %v; skipped", c.objectType, err)
			continue
		}
		ind.Provider = provider
		ind.Description = description
		ind.Reference = reference
		ind.Confidence = confidence
		ind.FirstSeen, ind.LastSeen = first, last
		res.Indicators = append(res.Indicators, ind)
	}
}

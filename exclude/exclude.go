// Package exclude drops records on purpose by rules on their normalized
// fields: health checks in load balancer logs, a monitoring role's
// CloudTrail calls, a chatty service. A Filter is a siem.Filter: the
// pipeline counts every record it excludes under the rule's name, so
// excluded records are accounted for, never lost.
//
// Rules are written one per line (or separated by ';'):
//
//	NAME TYPE FIELD REGEXP
//
// NAME is what the exclusion is counted under; TYPE a log type name, or
// '*' for every type; FIELD a field path of the normalized document
// (url.path, aws.cloudtrail.user_identity.arn, source.ip); REGEXP, the
// rest of the line, must match the field's whole value (it is anchored at
// both ends). A field holding a list matches when any of its values does;
// numbers and booleans match their JSON text. Blank lines and lines
// starting with '#' are ignored. For example:
//
//	health-checks alb url.path /health(z)?
//	monitoring-role cloudtrail user.name siem-monitor
package exclude

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"github.com/valyala/fastjson"

	"github.com/siem-go/siem/ecs"
)

// Rule excludes the records of a type whose field matches.
type Rule struct {
	// Name is what the exclusions are counted under.
	Name string
	// Type is the log type the rule applies to; "" means every type.
	Type string
	// Field is the path of the field in the normalized document.
	Field string
	// Match must match the field's whole value.
	Match *regexp.Regexp
}

// Parse reads rules in the package's text form. Errors name the rule by
// its position and say what is wrong with it.
func Parse(text string) ([]Rule, error) {
	var rules []Rule
	n := 0
	for _, line := range strings.FieldsFunc(text, func(r rune) bool { return r == '\n' || r == ';' }) {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		n++
		var name, typ, field string
		rest := line
		name, rest = cutField(rest)
		typ, rest = cutField(rest)
		field, rest = cutField(rest)
		// The regexp is the rest of the line, so that it may hold spaces.
		expr := strings.TrimSpace(rest)
		if expr == "" {
			return nil, fmt.Errorf("exclusion rule %d (%q): want \"NAME TYPE FIELD REGEXP\", e.g. \"health-checks alb url.path /health\"", n, line)
		}
		re, err := regexp.Compile(`^(?:` + expr + `)$`)
		if err != nil {
			return nil, fmt.Errorf("exclusion rule %d (%s): bad regular expression: %v", n, name, err)
		}
		if typ == "*" {
			typ = ""
		}
		rules = append(rules, Rule{Name: name, Type: typ, Field: field, Match: re})
	}
	return rules, nil
}

// cutField returns the first whitespace-separated field of s and what
// follows it.
func cutField(s string) (field, rest string) {
	s = strings.TrimLeftFunc(s, unicode.IsSpace)
	i := strings.IndexFunc(s, unicode.IsSpace)
	if i < 0 {
		return s, ""
	}
	return s[:i], s[i:]
}

// Filter applies rules; the first that matches excludes the record.
type Filter struct {
	rules   []Rule
	parsers fastjson.ParserPool
}

// New returns a filter of rules, checked for what Parse cannot catch in
// rules built in code.
func New(rules []Rule) (*Filter, error) {
	for i, r := range rules {
		switch {
		case r.Name == "":
			return nil, fmt.Errorf("exclusion rule %d has no name: the exclusions it makes must be counted under one", i+1)
		case r.Field == "":
			return nil, fmt.Errorf("exclusion rule %d (%s) names no field", i+1, r.Name)
		case r.Match == nil:
			return nil, fmt.Errorf("exclusion rule %d (%s) has no regular expression", i+1, r.Name)
		}
	}
	return &Filter{rules: rules}, nil
}

// Exclude implements siem.Filter.
func (f *Filter) Exclude(logType string, ev *ecs.Event) string {
	for i := range f.rules {
		r := &f.rules[i]
		if r.Type != "" && r.Type != logType {
			continue
		}
		raw, ok := ev.Lookup(r.Field)
		if ok && f.matches(r.Match, raw) {
			return r.Name
		}
	}
	return ""
}

// matches reports whether the encoded JSON value, or any value of a
// list, matches re.
func (f *Filter) matches(re *regexp.Regexp, raw []byte) bool {
	if len(raw) == 0 {
		return false
	}
	if raw[0] != '"' && raw[0] != '[' {
		return re.Match(raw) // a number or a boolean, as written
	}
	p := f.parsers.Get()
	defer f.parsers.Put(p)
	v, err := p.ParseBytes(raw)
	if err != nil {
		return false
	}
	return matchValue(re, v)
}

func matchValue(re *regexp.Regexp, v *fastjson.Value) bool {
	switch v.Type() {
	case fastjson.TypeString:
		return re.Match(v.GetStringBytes())
	case fastjson.TypeArray:
		for _, e := range v.GetArray() {
			if matchValue(re, e) {
				return true
			}
		}
	case fastjson.TypeNumber, fastjson.TypeTrue, fastjson.TypeFalse:
		return re.MatchString(v.String())
	}
	return false
}

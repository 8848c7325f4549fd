package securityhub

import (
	"strings"

	"github.com/valyala/fastjson"

	"github.com/siem-go/siem/ecs"
)

// resourceScalars are the Resources[] members kept as keywords.
var resourceScalars = map[string]string{
	"Type":            "type",
	"Id":              "id",
	"Partition":       "partition",
	"Region":          "region",
	"ResourceRole":    "resource_role",
	"ApplicationArn":  "application_arn",
	"ApplicationName": "application_name",
}

// resourceFlat are the free-form Resources[] members kept as flat_object.
var resourceFlat = map[string]string{
	"Details":            "details",
	"Tags":               "tags",
	"DataClassification": "data_classification",
}

// resources writes aws.securityhub.resources (an array of objects) and
// takes cloud.instance.id, user.*, user.target.* and addresses from the
// resources it knows.
func (s *state) resources(v *fastjson.Value, ev *ecs.Event) {
	arr := v.GetArray("Resources")
	if len(arr) == 0 {
		return
	}
	b := s.buf[:0]
	b = append(b, '[')
	n := 0
	var user, target identity
	for _, r := range arr {
		if r.Type() != fastjson.TypeObject {
			continue
		}
		o, _ := r.Object()
		if o.Len() == 0 {
			continue
		}
		if n > 0 {
			b = append(b, ',')
		}
		n++
		b = append(b, '{')
		m := 0
		var other []byte
		seen := s.keys[:0]
		key := func(k string) {
			if m > 0 {
				b = append(b, ',')
			}
			m++
			b = append(b, '"')
			b = append(b, k...)
			b = append(b, '"', ':')
		}
		o.Visit(func(k []byte, e *fastjson.Value) {
			for _, x := range seen {
				if string(x) == string(k) {
					return // a repeated key: the first one counts
				}
			}
			seen = append(seen, k)
			if name, ok := resourceScalars[string(k)]; ok {
				if e.Type() == fastjson.TypeString {
					if len(e.GetStringBytes()) > 0 {
						key(name)
						b = ecs.AppendStringBytes(b, e.GetStringBytes())
					}
					return
				}
				other = appendOther(other, k, e)
				return
			}
			if name, ok := resourceFlat[string(k)]; ok {
				switch e.Type() {
				case fastjson.TypeNull:
					return
				case fastjson.TypeObject:
					if eo, _ := e.Object(); eo.Len() == 0 {
						return
					}
					start := len(b)
					key(name)
					var ok bool
					if b, ok = appendFlat(b, e); ok {
						return
					}
					b = b[:start]
					m--
				}
				key(name + "_json")
				b = ecs.AppendStringBytes(b, appendCompact(nil, e))
				return
			}
			other = appendOther(other, k, e)
		})
		s.keys = seen[:0]
		if len(other) > 0 {
			if len(other)+2 <= maxFlatBytes {
				key("other")
				b = append(b, '{')
				b = append(b, other...)
				b = append(b, '}')
			} else {
				key("other_json")
				b = ecs.AppendStringBytes(b, append(append([]byte{'{'}, other...), '}'))
			}
		}
		b = append(b, '}')

		s.resource(r, &user, &target)
	}
	b = append(b, ']')
	if n > 0 {
		ev.RawJSON(ns+"resources", b)
	}
	s.buf = b[:0]

	if user.id != "" || user.name != "" {
		ev.Keyword("user.id", user.id)
		ev.Keyword("user.name", user.name)
		s.addUser(user.name)
	}
	if target.id != "" || target.name != "" {
		ev.Keyword("user.target.id", target.id)
		ev.Keyword("user.target.name", target.name)
		s.addUser(target.name)
	}
}

// appendOther appends "snake_key":"value" (a string, or the compact JSON of
// any other value) to the members of a resource's other object, leaving
// out nulls and repeated snake names.
func appendOther(dst []byte, k []byte, e *fastjson.Value) []byte {
	if e.Type() == fastjson.TypeNull {
		return dst
	}
	name := snake(nil, k)
	if containsMember(dst, name) {
		return dst
	}
	if len(dst) > 0 {
		dst = append(dst, ',')
	}
	dst = ecs.AppendStringBytes(dst, name)
	dst = append(dst, ':')
	if e.Type() == fastjson.TypeString {
		return ecs.AppendStringBytes(dst, e.GetStringBytes())
	}
	return ecs.AppendStringBytes(dst, appendCompact(nil, e))
}

type identity struct{ id, name string }

// resource maps one resource to ECS: EC2 instances to cloud.instance.id,
// related.hosts and related.ip; IAM access keys, users and roles to
// user.* (an actor, or a resource without a role) or user.target.* (a
// target), the first of each kind winning.
func (s *state) resource(r *fastjson.Value, user, target *identity) {
	typ := str(r, "Type")
	rid := str(r, "Id")
	role := str(r, "ResourceRole")
	d := r.Get("Details", typ)
	var who identity
	switch typ {
	case "AwsEc2Instance":
		id := rid
		if i := strings.LastIndexByte(id, '/'); i >= 0 {
			id = id[i+1:]
		}
		if id != "" {
			s.inst = appendNew(s.inst, id)
			s.hosts = appendNew(s.hosts, id)
		}
		if d != nil {
			for _, k := range [...]string{"IpV4Addresses", "IpV6Addresses"} {
				for _, a := range d.GetArray(k) {
					s.addIP(a.GetStringBytes())
				}
			}
		}
		return
	case "AwsEc2Volume":
		if d != nil {
			for _, a := range d.GetArray("Attachments") {
				if id := str(a, "InstanceId"); id != "" {
					s.hosts = appendNew(s.hosts, id)
				}
			}
		}
		return
	case "AwsIamAccessKey":
		if d != nil {
			who.id = str(d, "PrincipalId")
			who.name = firstOf(str(d, "PrincipalName"), str(d, "UserName"), str(d, "SessionContext", "SessionIssuer", "UserName"))
			if pt := str(d, "PrincipalType"); pt == "AssumedRole" {
				if _, session, ok := strings.Cut(who.id, ":"); ok {
					s.addUser(session)
				}
			}
		}
		if who.id == "" {
			who.id = firstOf(str(d, "AccessKeyId"), rid)
		}
	case "AwsIamUser":
		who.id = str(d, "UserId")
		who.name = firstOf(str(d, "UserName"), arnName(rid))
	case "AwsIamRole":
		who.id = str(d, "RoleId")
		who.name = firstOf(str(d, "RoleName"), arnName(rid))
	default:
		return
	}
	if who.name != "" {
		s.addUser(who.name)
	}
	dst := user
	if role == "Target" {
		dst = target
	}
	if dst.id == "" && dst.name == "" {
		*dst = who
	}
}

// arnName returns the last path segment of an IAM ARN, "" for a value that
// is no ARN.
func arnName(arn string) string {
	if !strings.HasPrefix(arn, "arn:") {
		return ""
	}
	i := strings.LastIndexAny(arn, "/:")
	return arn[i+1:]
}

func firstOf(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}

func appendNew(list []string, v string) []string {
	for _, x := range list {
		if x == v {
			return list
		}
	}
	return append(list, v)
}

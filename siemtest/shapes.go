package siemtest

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
)

// shapes records, for every field path met in a set of documents,
// whether it held an object or a value, and where it was first seen. An
// index maps a path once: a path that is an object in one document and a
// value in another makes the index refuse one of them, whatever each
// document's own validity. (Each document is checked alone against ECS
// and the vendor schemas; this is the check across documents.)
type shapes struct {
	// opaque reports the paths indexed whole, as one field (flat_object
	// and flattened fields, disabled objects), whose insides need not
	// agree from one document to the next.
	opaque func(path string) bool
	seen   map[string]shapeSeen
	clash  []string
}

// opaqueFields returns the opaque test for documents of a type: its
// (and its envelopes') vendor fields declared flat_object or disabled,
// and ECS's flattened fields.
func opaqueFields(info siem.Info) func(path string) bool {
	whole := map[string]bool{}
	for _, schema := range info.VendorSchemas() {
		for _, f := range schema.Fields {
			if f.Type == siem.VendorFlatObject || f.Type == siem.VendorObjectDisabled {
				whole[schema.Namespace+"."+f.Path] = true
			}
		}
	}
	return func(path string) bool {
		if whole[path] {
			return true
		}
		f, ok := ecs.Lookup(path)
		return ok && f.Type == ecs.TypeFlattened
	}
}

type shapeSeen struct {
	object bool
	where  string
}

// add records the paths of one JSON document; where names it in reports.
func (s *shapes) add(doc []byte, where string) {
	var v any
	if err := json.Unmarshal(doc, &v); err != nil {
		return // reported by the document checks
	}
	if s.seen == nil {
		s.seen = map[string]shapeSeen{}
	}
	if obj, ok := v.(map[string]any); ok {
		s.object("", obj, where)
	}
}

func (s *shapes) object(prefix string, obj map[string]any, where string) {
	for k, v := range obj {
		path := k
		if prefix != "" {
			path = prefix + "." + k
		}
		s.value(path, v, where)
	}
}

func (s *shapes) value(path string, v any, where string) {
	switch v := v.(type) {
	case []any:
		for _, e := range v {
			s.value(path, e, where)
		}
		return
	case map[string]any:
		s.note(path, true, where)
		if s.opaque == nil || !s.opaque(path) {
			s.object(path, v, where)
		}
		return
	case nil:
		return
	}
	s.note(path, false, where)
}

func (s *shapes) note(path string, object bool, where string) {
	had, ok := s.seen[path]
	if !ok {
		s.seen[path] = shapeSeen{object: object, where: where}
		return
	}
	if had.object != object {
		kind := func(o bool) string {
			if o {
				return "an object"
			}
			return "a value"
		}
		s.clash = append(s.clash, fmt.Sprintf("%s is %s in %s but %s in %s", path, kind(had.object), had.where, kind(object), where))
		s.seen[path] = shapeSeen{object: object, where: where} // report each flip once
	}
}

// err lists the clashes, nil when there are none.
func (s *shapes) err() error {
	if len(s.clash) == 0 {
		return nil
	}
	slices.Sort(s.clash)
	return fmt.Errorf("%d fields would not map in one index:\n  %s", len(s.clash), strings.Join(s.clash, "\n  "))
}

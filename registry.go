package siem

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/siem-go/siem/ecs"
)

// Registry holds log types by name. Detection matches a key against every
// type's key pattern and succeeds only when exactly one matches; Register
// keeps that true for every type's sample keys, so the order in which
// types are registered never decides what an object is.
//
// A Registry is safe for concurrent use.
type Registry struct {
	mu    sync.RWMutex
	types []LogType
	infos []Info
}

// NewRegistry returns an empty registry, for tests and for embedders that
// want to choose their types explicitly. To replace a built-in type with
// your own, build a registry from logtypes/all.Types() without it, then
// register yours.
func NewRegistry() *Registry { return &Registry{} }

// Register adds a log type after checking it: a non-nil type with a
// name not yet taken, a valid vendor schema whose namespace is no ECS
// field set, envelopes only with a MessageOpener, sample keys its own
// pattern matches, and no overlap with the types already registered (its
// pattern matching one of their sample keys, or theirs one of its).
func (r *Registry) Register(t LogType) error {
	if t == nil {
		return errors.New("siem: cannot register a nil log type")
	}
	info := t.Info()
	if err := checkInfo(t, info); err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, have := range r.infos {
		if have.Name == info.Name {
			return fmt.Errorf("siem: log type %q is already registered", info.Name)
		}
		if err := overlap(info, have); err != nil {
			return err
		}
	}
	r.types = append(r.types, t)
	r.infos = append(r.infos, info)
	return nil
}

// checkInfo reports what makes a type's Info unusable on its own.
func checkInfo(t LogType, info Info) error {
	name := info.Name
	if name == "" {
		return errors.New("siem: cannot register a log type with an empty name")
	}
	if err := info.Vendor.Validate(); err != nil {
		return fmt.Errorf("siem: log type %q: vendor schema: %w", name, err)
	}
	if err := checkNamespace(info.VendorNamespace()); err != nil {
		return fmt.Errorf("siem: log type %q: %w", name, err)
	}
	if len(info.Envelopes) > 0 {
		if _, ok := t.(MessageOpener); !ok {
			return fmt.Errorf("siem: log type %q lists envelopes but does not implement MessageOpener, so their messages cannot be read", name)
		}
	}
	for _, env := range info.Envelopes {
		if env == nil {
			return fmt.Errorf("siem: log type %q lists a nil envelope", name)
		}
		if err := env.Vendor().Validate(); err != nil {
			return fmt.Errorf("siem: log type %q: envelope %s: vendor schema: %w", name, env.Name(), err)
		}
		if err := checkNamespace(env.Vendor().Namespace); err != nil {
			return fmt.Errorf("siem: log type %q: envelope %s: %w", name, env.Name(), err)
		}
	}
	for _, emb := range info.Embedded {
		if emb.Namespace == "" {
			return fmt.Errorf("siem: log type %q: an embedded vendor schema has no namespace; name the namespace its format's fields are under", name)
		}
		if err := emb.Validate(); err != nil {
			return fmt.Errorf("siem: log type %q: embedded vendor schema %s: %w", name, emb.Namespace, err)
		}
		if err := checkNamespace(emb.Namespace); err != nil {
			return fmt.Errorf("siem: log type %q: embedded vendor schema: %w", name, err)
		}
	}
	for _, route := range info.Routes {
		if err := checkRoute(route); err != nil {
			return fmt.Errorf("siem: log type %q: route %q: %w", name, route, err)
		}
	}
	if info.KeyPattern == nil {
		return nil
	}
	if len(info.SampleKeys) == 0 {
		return fmt.Errorf("siem: log type %q has a key pattern but no SampleKeys; give a realistic key for each way its objects arrive, so that overlaps with other types can be checked", name)
	}
	for _, key := range info.SampleKeys {
		if !info.KeyPattern.MatchString(key) {
			return fmt.Errorf("siem: log type %q: its key pattern %s does not match its own sample key %q", name, info.KeyPattern, key)
		}
	}
	return nil
}

// checkRoute refuses a route that could not name an index family: it
// must be lower case letters, digits and dashes, starting with a letter.
func checkRoute(route string) error {
	if route == "" {
		return errors.New("is empty")
	}
	for i := 0; i < len(route); i++ {
		c := route[i]
		switch {
		case c >= 'a' && c <= 'z':
		case i > 0 && (c >= '0' && c <= '9' || c == '-'):
		default:
			return errors.New("must be lower case letters, digits and dashes, starting with a letter")
		}
	}
	return nil
}

// checkNamespace refuses a vendor namespace that is, or lies under, an
// ECS field set: vendor fields there would collide with ECS fields and
// their mappings.
func checkNamespace(ns string) error {
	if ns == "" {
		return errors.New("no vendor namespace: set Dataset or Vendor.Namespace")
	}
	if slices.Contains(strings.Split(ns, "."), "") {
		return fmt.Errorf("vendor namespace %q is not a dotted name", ns)
	}
	top, _, _ := strings.Cut(ns, ".")
	if ecsTopLevel()[top] {
		return fmt.Errorf("vendor namespace %q lies in the ECS field set %q; choose a namespace of the vendor's own, such as \"aws.<service>\" or \"<vendor>.<product>\"", ns, top)
	}
	return nil
}

var ecsTopLevel = sync.OnceValue(func() map[string]bool {
	m := make(map[string]bool)
	for _, f := range ecs.Fields() {
		top, _, _ := strings.Cut(f.Name, ".")
		m[top] = true
	}
	return m
})

// overlap reports a pair of types that detection could not tell apart.
func overlap(a, b Info) error {
	check := func(p, q Info) error {
		if p.KeyPattern == nil {
			return nil
		}
		for _, key := range q.SampleKeys {
			if p.KeyPattern.MatchString(key) {
				return fmt.Errorf("siem: log types %q and %q overlap: %q's key pattern %s matches %q's sample key %q; narrow the pattern so that every object has exactly one type", p.Name, q.Name, p.Name, p.KeyPattern, q.Name, key)
			}
		}
		return nil
	}
	if err := check(a, b); err != nil {
		return err
	}
	return check(b, a)
}

// Lookup returns the type registered under name.
func (r *Registry) Lookup(name string) (LogType, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	for i, info := range r.infos {
		if info.Name == name {
			return r.types[i], true
		}
	}
	return nil, false
}

// Detect returns the one type whose key pattern matches the S3 key or
// path of obj: *UnknownTypeError when none does (a key ending in "/" is a
// folder marker and matches nothing), *AmbiguousTypeError when several
// do.
func (r *Registry) Detect(obj Object) (LogType, error) {
	key := obj.Key
	if key == "" || key[len(key)-1] == '/' {
		return nil, &UnknownTypeError{Object: obj}
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	var found LogType
	var names []string
	for i, info := range r.infos {
		if p := info.KeyPattern; p != nil && p.MatchString(key) {
			if found == nil {
				found = r.types[i]
			}
			names = append(names, info.Name)
		}
	}
	switch len(names) {
	case 0:
		return nil, &UnknownTypeError{Object: obj}
	case 1:
		return found, nil
	}
	return nil, &AmbiguousTypeError{Object: obj, Types: names}
}

// Types lists the registered types in registration order.
func (r *Registry) Types() []LogType {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return append([]LogType(nil), r.types...)
}

// defaultRegistry is filled by importing
// github.com/siem-go/siem/logtypes/all, or by calling Register.
var defaultRegistry = NewRegistry()

// Default returns the process-wide registry.
func Default() *Registry { return defaultRegistry }

// Register adds a type to the default registry. It panics when
// Registry.Register refuses the type, because it is meant for package
// init functions where such a clash is a programming error.
func Register(t LogType) {
	if err := defaultRegistry.Register(t); err != nil {
		panic(err)
	}
}

package siem

import (
	"fmt"
	"sync"
)

// Registry holds log types by name, in registration order. Detection tries
// types in that order and the first whose key pattern matches wins, so a
// more specific type must be registered before a more general one.
//
// A Registry is safe for concurrent use.
type Registry struct {
	mu    sync.RWMutex
	types []LogType
}

// NewRegistry returns an empty registry, for tests and for embedders that
// want to choose their types explicitly.
func NewRegistry() *Registry { return &Registry{} }

// Register adds a log type. It fails when the name is empty or taken.
func (r *Registry) Register(t LogType) error {
	name := t.Info().Name
	if name == "" {
		return fmt.Errorf("siem: cannot register a log type with an empty name")
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, have := range r.types {
		if have.Info().Name == name {
			return fmt.Errorf("siem: log type %q is already registered", name)
		}
	}
	r.types = append(r.types, t)
	return nil
}

// Lookup returns the type registered under name.
func (r *Registry) Lookup(name string) (LogType, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	for _, t := range r.types {
		if t.Info().Name == name {
			return t, true
		}
	}
	return nil, false
}

// Detect returns the first type, in registration order, whose key pattern
// matches the S3 key or path. A key ending in "/" is a folder marker and
// matches nothing.
func (r *Registry) Detect(key string) (LogType, bool) {
	if key == "" || key[len(key)-1] == '/' {
		return nil, false
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	for _, t := range r.types {
		if p := t.Info().KeyPattern; p != nil && p.MatchString(key) {
			return t, true
		}
	}
	return nil, false
}

// Types lists the registered types in detection order.
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

// Register adds a type to the default registry. It panics on a duplicate
// or empty name, because it is meant for package init functions where such
// a clash is a programming error.
func Register(t LogType) {
	if err := defaultRegistry.Register(t); err != nil {
		panic(err)
	}
}

// Package ecs builds Elastic Common Schema (ECS) documents and holds the
// ECS field table they are checked against.
//
// The package has three parts, each for a different reader.
//
// # Building events (log types and enrichers)
//
// Event builds one ECS document from dotted field paths ("source.ip",
// "aws.cloudtrail.event_version") and writes it as nested JSON with
// AppendJSON. It is the indexing hot path: values are encoded as they are
// set, nothing passes through maps or encoding/json, and an Event reused
// with Reset allocates nothing in the steady state. AppendString,
// AppendStringBytes and AppendTime are the JSON encoders it uses, exported
// for code that writes JSON next to it.
//
// # The field table (index templates, documentation, tools)
//
// The table of every ECS field is generated from the ECS release schema
// (ecs_flat.yml) by internal/ecsgen; Version names the release. Lookup
// finds one field by its dotted name, Fields lists them all, sorted. A
// Field carries what a mapping needs (Type, MultiFields, ScalingFactor,
// IgnoreAbove, NotIndexed, NoDocValues, ObjectType) and what a value must
// satisfy (Array, Allowed, Pattern, Required). Index templates are
// generated from this same table, so what events carry and what
// OpenSearch expects cannot drift apart.
//
// To move to a new ECS release, point the go:generate line in generate.go
// at the new schema and version and run go generate; the generator stops
// on anything it does not understand, such as a new field type.
//
// # Validating documents (tests and diagnostics)
//
// Validate checks one JSON document, ValidateAll an NDJSON stream: every
// field must be an ECS field with a value of its ECS type, or lie under a
// vendor namespace the caller names ("aws.cloudtrail"). All problems are
// reported at once in a *ValidationError, each with its path, value and
// what was expected. The siemtest harness runs every golden document of a
// log type through Validate, and siem.Options.Validate does the same for
// every document of a run. Validation decodes with encoding/json and is
// not meant for the indexing path.
package ecs

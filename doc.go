// Package siem turns raw security logs into Elastic Common Schema (ECS)
// documents and hands them to a sink such as OpenSearch.
//
// One object (an S3 object, a file, a stream) flows through a Pipeline:
//
//	bytes -> decompression (sniffed) -> framing -> LogType normalization
//	      -> enrichers -> Sink
//
// and every record ends in exactly one of three outcomes: indexed,
// excluded on purpose (counted under a rule name), or dead-lettered with
// its raw bytes, position and reason. Counts always satisfy
// Read == Indexed + Excluded + DeadLettered.
//
// Log types are plugins. A LogType names itself, says which S3 keys it
// recognises, frames an object into records (package parser) and maps each
// record onto an ecs.Event. Built-in types live under logtypes/ and use
// only this public API; importing logtypes/all registers them with the
// default Registry:
//
//	import _ "github.com/siem-go/siem/logtypes/all"
//
// A program can equally build its own Registry with its own types.
package siem

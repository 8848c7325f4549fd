// Package sink holds the sinks that write documents and dead letters as
// newline-delimited JSON to a file or a stream (stdout, stderr), for the
// CLI, for tests and for pipelines that hand files on to another shipper.
//
// The OpenSearch sink lives in its own package under sink/.
package sink

// Package sink holds the sinks that write documents and dead letters as
// newline-delimited JSON to a file or a stream (stdout, stderr), for the
// CLI, for tests and for pipelines that hand files on to another shipper.
//
// NDJSON hands every batch to its writer before Write returns, so a
// document counted as indexed is in the output; a write error (a full
// disk, a closed pipe) is returned as a *siem.FatalError, which stops the
// pipeline's run instead of dead-lettering every record after it.
// DeadLetters buffers. Neither closes its writer; call Flush when done
// and check its error: an output that failed must not be taken for a
// complete one.
//
// The OpenSearch sink lives in its own package under sink/.
package sink

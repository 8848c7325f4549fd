// Package opensearch is a siem.Sink that indexes documents into
// OpenSearch (self-managed, Amazon OpenSearch Service or OpenSearch
// Serverless) with the _bulk API, losing nothing and duplicating nothing.
//
//	sink, err := opensearch.New(opensearch.Config{URL: "https://search-logs.eu-west-1.es.amazonaws.com",
//		SigV4: &opensearch.SigV4{Region: "eu-west-1"}})
//	...
//	defer sink.Close()
//	p, err := siem.NewPipeline(siem.Options{Sink: sink, DeadLetters: dlq})
//
// # Requests
//
// Each Write call cuts its batch into _bulk requests of at most
// MaxBulkBytes (5 MiB) and MaxBulkDocs (1000) documents, sends up to
// Concurrency (2) of them at once, gzip-compressed, and returns when every
// document is settled. The pipeline calls Write from each of its workers,
// so those are the only queues: memory stays bounded by workers × batch.
//
// # Retries and rejections
//
// A whole request answered 429, 502, 503 or 504, or lost to a refused,
// reset or timed-out connection, is sent again; so are single documents
// answered 429 or 5xx (es_rejected_execution_exception, unavailable
// shards), rebuilt into a smaller request of only those documents. Waits
// grow exponentially with full jitter (Retry: 8 attempts, 200 ms doubling
// up to 30 s; a Retry-After header is honoured). A 413 splits the request
// in two. WriteResult.Retries counts every repeated request.
//
// A document the cluster refuses for good (mapper_parsing_exception,
// illegal_argument_exception, any other 4xx) becomes a siem.Rejection whose
// reason names the status, the index, the error type and reason, and the
// cause; the pipeline dead-letters it with the raw record, so it can be
// fixed and replayed. A document still failing when the attempts run out is
// rejected with the last reason. Write returns an error, which fails the
// batch, only when every document of the batch failed with one
// request-level problem (the cluster unreachable for all attempts, bad
// credentials, a certificate the client does not trust), or when ctx ended.
// Nothing is dropped silently: every document is indexed, rejected or in
// a failed batch.
//
// # Ids and duplicates
//
// Documents are written with op index and _id = Document.ID, an id stable
// for the source record, so a request or object that is sent again
// overwrites instead of duplicating. The overwrite only works within one
// index: with IngestTime dates, or when a write alias or data stream
// rolled over between two runs, a re-ingested record lands in another
// index next to its earlier copy. EventTime dates (the default) send it to
// the same index every time.
//
// Data streams (RotateDataStream) take op create with the same ids. A
// create that conflicts with an existing id (409
// version_conflict_engine_exception) is counted as indexed: with stable
// ids it means the record is already there, from an attempt whose answer
// was lost or from an earlier run.
//
// OpenSearch Serverless time-series collections (Config.Serverless)
// forbid custom ids, so documents go with op create and no _id, and the
// cluster picks one. Nothing then recognises a document sent twice: when a
// request is retried after its connection dropped, timed out or got a 502
// or 504 from the front end, the first attempt may have been indexed, and
// its documents then exist twice. Retries after a 429 or 503 answer, and
// item-level retries, do not duplicate, since those documents were
// refused. Re-ingesting an object always duplicates it. Search
// collections accept ids: use them (SigV4.Service "aoss", Serverless
// false) when duplicates matter more than time-series pricing.
//
// # Index names
//
// A document goes to Prefix + base + "-" + Suffix + date, where base is
// IndexConfig.Names[type] or DefaultIndexName(type): log-aws-cloudtrail,
// log-aws-vpcflowlogs, and log-aws-elb for alb, nlb and clb, as in the
// reference system, so its templates and dashboards apply. The date comes
// from the document's @timestamp (or the ingest time, IndexConfig.Time) in
// IndexConfig.Location (UTC by default):
//
//	none     log-aws-cloudtrail
//	daily    log-aws-cloudtrail-2026-11-27
//	weekly   log-aws-cloudtrail-2026-w48   (ISO 8601 week-numbering year and week)
//	monthly  log-aws-cloudtrail-2026-11    (the default)
//	yearly   log-aws-cloudtrail-2026
//
// Weekly names use the ISO week and its own year, so 2027-01-01 belongs to
// 2026-w53 and 2024-12-30 to 2025-w01: a week never straddles two indices.
// RotateAlias and RotateDataStream write to the base name itself and
// leave rollover to the cluster (ISM or _rollover); the alias or the
// data-stream template must exist first.
//
// # Authentication and transport
//
// Basic authentication (Username, Password), TLS with verification on
// (CAFile adds a private CA; DangerouslySkipTLSVerify exists for
// throwaway clusters) and AWS SigV4 (SigV4: service "es" for Amazon
// OpenSearch Service, "aoss" for Serverless) through opensearch-go's
// signer, with credentials from the AWS SDK's default chain. The signature
// covers the compressed body (x-amz-content-sha256).
//
// # Templates and setup
//
// Templates generates, from the same ECS field table the events are
// validated against (package ecs) and from each registered log type's
// vendor declarations (siem.Info.Vendor), one component template with
// every ECS field, one per vendor namespace, and one composable index
// template per index base name. Free-form vendor objects are flat_object
// (one mapped field whatever their keys), other vendor strings become
// keyword through a dynamic template, never text plus keyword, and the
// field limit is set to the generated count plus headroom, so mappings
// can neither conflict nor explode. ignore_malformed stays off on purpose:
// a value of the wrong type fails its document, which is dead-lettered
// instead of being indexed without the field.
//
// Setup (and Sink.Setup, which uses the sink's own connection and index
// naming) installs them idempotently, reporting what was created, updated
// or left unchanged. When the index-management (ISM) plugin answers, it
// also installs a rollover policy per index for alias and data-stream
// rotation; when it does not, the report says so and setup carries on.
package opensearch

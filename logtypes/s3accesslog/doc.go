// Package s3accesslog reads Amazon S3 server access logs: the log type
// "s3accesslog", event.dataset "aws.s3accesslog", vendor fields under
// aws.s3accesslog.
//
// The name and the dataset follow the reference system (its index is
// log-aws-s3accesslog) and this project's rule that a type's dataset is
// aws.<name>; Elastic's AWS integration calls the same data stream
// aws.s3access, with its vendor fields under aws.s3access. One namespace
// for both the dataset and the vendor fields was preferred over borrowing
// Elastic's name for one of them only.
//
// # Objects
//
// S3 delivers its access logs, uncompressed, to a target bucket in the
// same account and Region, under one of two key formats:
//
//	<TargetPrefix>YYYY-mm-DD-HH-MM-SS-<UniqueString>
//	<TargetPrefix><SourceAccountId>/<SourceRegion>/<SourceBucket>/YYYY/MM/DD/YYYY-MM-DD-hh-mm-ss-<UniqueString>
//
// The second is the date-based partitioning (by delivery time, or by event
// time, when hh-mm-ss is 00-00-00). Detection matches the file name both
// share, anchored at the end of the key (the reference system's pattern;
// the target prefix is free text and need not end in a slash); a ".gz"
// suffix is allowed for copies someone compressed, decompression being
// sniffed. From a partitioned key the account, the Region and the bucket
// are read (only when the folder date repeats the file name's, as S3
// writes it); a simple key says nothing about the records.
//
// Each line is one record of space-separated fields: the 18 of the
// original format (Bucket Owner, Bucket, Time, Remote IP, Requester,
// Request ID, Operation, Key, Request-URI, HTTP status, Error Code, Bytes
// Sent, Object Size, Total Time, Turn-Around Time, Referer, User-Agent,
// Version Id), then those AWS appended over the years, each read when
// present: Host Id, Signature Version, Cipher Suite, Authentication Type,
// Host Header, TLS version, Access Point ARN, aclRequired, and the 27th,
// which AWS's current example shows as a Region and this package keeps as
// source_region without giving it a meaning yet. Fields after those are
// kept in order in aws.s3accesslog.extra_fields, so that a field AWS adds
// tomorrow is indexed rather than lost or fatal. "-" means no value and
// sets nothing. Request-URI, Referer and User-Agent are double-quoted; a
// quote inside is written \" and a backslash \\, and both are decoded. A
// quote that is neither escaped nor followed by a space is taken as text,
// so a stray quote inside a User-Agent does not end the field early. The
// time is bracketed, [06/Feb/2019:00:00:38 +0000].
//
// # Mapping
//
//   - @timestamp: Time, the time S3 received the request (second
//     precision, UTC).
//   - event.kind "event", event.category ["web"], event.type ["access"];
//     event.action: Operation (REST.GET.OBJECT, BATCH.DELETE.OBJECT,
//     WEBSITE.GET.OBJECT, S3.EXPIRE.OBJECT...); event.id: Request ID;
//     event.duration: Total Time, milliseconds to nanoseconds.
//   - event.outcome: "failure" when there is an Error Code (S3 writes one
//     for every request it did not carry out, redirects such as 301
//     PermanentRedirect included) or the status is 400 or more; "success"
//     for other statuses; none when the record has neither (lifecycle
//     actions). error.code: Error Code.
//   - source.ip and source.address: Remote IP; related.ip.
//   - user.id: Requester as logged (canonical user id, IAM or STS ARN,
//     or a service principal such as svc:logging.s3.amazonaws.com);
//     user.name: for an ARN, the last "/" segment of its resource (the
//     IAM user's name, an assumed role's session name), or the resource
//     when it has no "/" ("root"), as the reference system names it;
//     related.user: both.
//   - http.request.method and http.version from the Request-URI, which is
//     "METHOD target HTTP/x.y" (no version in the GET record of a copy);
//     url.original is its target, url.path, url.query and url.extension
//     are cut from it, as logged (percent-encoded);
//     http.request.referrer: Referer; http.response.status_code: HTTP
//     status; http.response.body.bytes: Bytes Sent (AWS counts the
//     response without its HTTP overhead, and writes "-" for zero or not
//     applicable, which sets nothing, as in Elastic); user_agent.original:
//     User-Agent.
//   - url.domain and destination.domain: Host Header, the endpoint the
//     request was sent to (url.port when it carries one).
//   - tls.cipher: Cipher Suite; tls.version and tls.version_protocol from
//     TLS version ("TLSv1.2" and "TLSV1.2" give "1.2" and "tls"; "TLSv1"
//     gives "1.0").
//   - cloud.provider "aws", cloud.service.name "s3"; cloud.account.id and
//     cloud.region from a partitioned key; cloud.region otherwise from the
//     Host Header when it is a Regional S3 endpoint (bucket.s3.<region>.,
//     s3.dualstack.<region>., s3-fips.<region>., s3-accesspoint.<region>.,
//     s3-website-<region>. and the legacy s3-<region>.). The global
//     endpoint s3.amazonaws.com and custom domains name no Region.
//   - aws.s3accesslog: bucket (from the key when the record has none),
//     bucket_owner (the owner's canonical user id: not an account id, so
//     not cloud.account.id), key (as logged, URL-encoded), version_id,
//     object_size (long, bytes), turn_around_time (long, milliseconds),
//     host_id (x-amz-id-2), signature_version, authentication_type,
//     access_point_arn, acl_required (boolean: true for "Yes"),
//     source_region and extra_fields (see above).
//
// Nothing of a record is lost: every field is in one of the places above,
// and event.original holds the line.
//
// # Document id
//
// The first 128 bits of the SHA-256 of the record, in hex. The Request ID
// is not unique per record: a multi-object delete logs one
// BATCH.DELETE.OBJECT record per key under its request's id, and a copy
// logs a REST.COPY.OBJECT_GET and a REST.COPY.OBJECT record. The hash is,
// and it makes a record S3 delivers twice, or an object read twice, one
// document.
//
// # Dead letters and exclusions
//
// A record is dead-lettered, with a reason naming the column, the field
// and its value, when it has fewer than 18 fields or more than 64 (AWS has
// appended nine in fifteen years), a quote or the time's
// bracket that does not close, an empty unquoted field (S3 writes "-"),
// a time that is not a real one, a Remote IP that is not an address, a
// status that is not three digits, a byte count or time that is not a
// non-negative integer, or an aclRequired that is neither "Yes" nor "-".
// A bad record sets nothing. No record is excluded: the reference
// system's own-log exclusion (its loader's requests) is a deployment's
// choice, for the pipeline's exclusion rules, not this type's.
//
// # Where this package differs from Elastic, on purpose
//
//   - The requester's address goes to source.ip and source.address and
//     the requester to user.id, as in the reference system; Elastic writes
//     client.ip, client.address and client.user.id.
//   - related.user holds the requester's id and name; Elastic puts the
//     bucket owner there, who is not a party to the request.
//   - url.domain (and destination.domain) hold the Host Header, which
//     Elastic keeps only under its vendor fields.
//   - event.outcome is "failure" for a status of 400 or more even without
//     an Error Code; error.code holds the Error Code, which Elastic writes
//     to event.code.
//   - cloud.account.id and cloud.region come from a partitioned key, whose
//     Region is the bucket's and so wins over the Host Header's: a request
//     sent to the wrong Region's endpoint (301 PermanentRedirect) names
//     that endpoint, not the bucket's Region. Elastic reads the Host
//     Header only.
//   - Vendor fields are under aws.s3accesslog, and only those with no ECS
//     home are kept there (Elastic copies every field, remote_ip,
//     request_uri, user_agent... to aws.s3access as well).
//   - user_agent.name and the like, and source.geo and source.as, come
//     from the pipeline's enrichers, not from this package.
//
// # Where this package differs from the reference system, on purpose
//
//   - http.response.body.bytes, not http.response.bytes, for Bytes Sent:
//     S3 counts the body only, and ECS's http.response.bytes is the whole
//     response.
//   - user.id holds the whole requester, user.name only an ARN's name (the
//     reference puts the last "/" segment of anything in user.name,
//     canonical ids and service principals included).
//   - The Region comes from the Host Header's labels, not from a search of
//     it for anything shaped like a Region, so a bucket named like a
//     Region is not taken for one; the partitioned key is read too.
//   - The trailing fields after the Access Point ARN are read, and
//     unknown later ones kept; the reference's pattern stops at the ARN.
//   - Added: event.action, event.id, event.outcome, event.duration,
//     event.type, error.code, http.version, url.path, url.query,
//     url.extension, tls.*, cloud.service.name, and the vendor fields.
//
// # Not read
//
// Server access logs delivered to CloudWatch Logs are JSON objects of
// another shape (schema_version_id, bucket_arn, request_time...); they
// are not this format and are not read by this type.
package s3accesslog

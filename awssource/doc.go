// Package awssource turns the events that announce new S3 objects into
// objects to process, reads those objects from S3 without losing bytes to
// dropped connections, and tells retryable errors from permanent ones.
// It is what a Lambda function indexing S3 objects needs around
// siem.Pipeline, done once.
//
// # Events
//
// Decode reads one Lambda invocation payload in any of these shapes:
//
//   - an S3 event notification invoking the function directly:
//     {"Records":[{"eventSource":"aws:s3","eventName":"ObjectCreated:Put",
//     "s3":{"bucket":{"name":..},"object":{"key":..,"size":..,"eTag":..}}}]};
//     keys are URL-encoded with '+' for a space, and Decode decodes them;
//   - an SQS event {"Records":[{"eventSource":"aws:sqs","messageId":..,"body":..}]}
//     whose bodies each hold an S3 notification (also what SNS raw message
//     delivery puts there), an SNS notification
//     {"Type":"Notification","Message":"<S3 notification as a string>"},
//     an EventBridge event, an s3:TestEvent, or a split message;
//   - an SNS event {"Records":[{"EventSource":"aws:sns","Sns":{"Message":..}}]};
//   - an EventBridge event {"source":"aws.s3","detail-type":"Object Created",
//     "time":..,"detail":{"bucket":{"name":..},"object":{"key":..,"size":..,
//     "etag":..,"version-id":..,"sequencer":..},"reason":..}}, whose keys are
//     not encoded;
//   - the s3:TestEvent S3 sends when a notification is configured
//     ({"Service":"Amazon S3","Event":"s3:TestEvent",..}).
//
// Each SQS message becomes one Message, which succeeds or fails alone
// (BatchResponse lists the failures); every other event is one Message for
// the whole invocation. Only created objects are returned: a test event,
// a deletion or a restore is Skipped with the reason.
//
// # Split messages
//
// A function that finds an object too large for one invocation can send
// messages to its own queue, each asking for a span of the object's
// records. MarshalSplit writes the body and Decode reads it back:
//
//	{"siem_split":{"bucket":"b","key":"k","version_id":"v","etag":"e","size":N,"first":1,"last":5000}}
//
// first and last are 1-based and inclusive; the key is not encoded;
// version_id, etag and size may be left out.
//
// # Errors
//
// Classify sorts an error into what to do about it:
//
//	Retryable  throttling (SlowDown, ...), timeouts, 5xx and 429 answers,
//	           connection resets and refusals, io.ErrUnexpectedEOF outside
//	           an object error, an expired or cancelled context,
//	           siem.FatalError (the sink took nothing more), an object run
//	           that left records unsettled, a body that kept breaking after
//	           every resume, any error not recognised
//	Permanent  NoSuchKey, NoSuchBucket, AccessDenied or 403,
//	           InvalidObjectState (archived), PreconditionFailed or 412 (the
//	           object changed while it was read), siem.UnknownTypeError,
//	           siem.AmbiguousTypeError, siem.NotEventsError, a broken object
//	           (siem.ObjectError with no unsettled records and none of the
//	           above, such as truncated gzip), a malformed notification
//
// A retryable error fails the SQS message (or the invocation) so that it
// comes back; a permanent one is logged and the message let go, since it
// would fail the same way until the queue's redrive policy moved it aside.
// A Message's Err, a body that could not be decoded, is always Permanent.
package awssource

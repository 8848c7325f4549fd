package awssource

import "github.com/siem-go/siem/ecs"

// BatchResponse is the SQS partial batch response a Lambda function returns
// when its event source mapping reports batch item failures: the messages
// listed are retried, the others are deleted from the queue.
type BatchResponse struct {
	// Failures holds the messageId of each message to retry.
	Failures []string
}

// Fail marks the SQS message with the given messageId for retry.
func (r *BatchResponse) Fail(messageID string) {
	r.Failures = append(r.Failures, messageID)
}

// MarshalJSON returns {"batchItemFailures":[{"itemIdentifier":"id"},...]}.
// The list is always present: an empty list tells Lambda that every message
// succeeded, whereas a missing one can read as a malformed response.
func (r BatchResponse) MarshalJSON() ([]byte, error) {
	b := append([]byte(nil), `{"batchItemFailures":[`...)
	for i, id := range r.Failures {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"itemIdentifier":`...)
		b = ecs.AppendString(b, id)
		b = append(b, '}')
	}
	return append(b, "]}"...), nil
}

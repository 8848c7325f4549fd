package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/awssource"
)

// function handles invocations; it is built once per execution
// environment and reused by every invocation.
type function struct {
	cfg      *config
	registry *siem.Registry
	s3       *s3.Client
	sqs      *sqs.Client
	sink     siem.Sink
	opts     siem.Options // without DeadLetters, set per object
	log      *slog.Logger
	metrics  *metrics
}

// handle processes one invocation. For an SQS event it answers with the
// batch item failures, so that only the messages that failed for a
// reason that may pass come back; for other events a retryable failure
// fails the invocation, which Lambda retries.
func (f *function) handle(ctx context.Context, payload json.RawMessage) (any, error) {
	msgs, err := awssource.Decode(payload)
	if err != nil {
		// Nothing to retry: the same payload will never decode.
		f.log.Error("event not understood; ignored", "error", err.Error())
		return nil, nil
	}
	var batch awssource.BatchResponse
	sqsEvent := false
	var failed error
	for _, m := range msgs {
		if m.Source == awssource.SourceSQS {
			sqsEvent = true
		}
		if m.Err != nil {
			f.log.Error("message not understood; let go", "message_id", m.ID, "error", m.Err.Error())
			continue
		}
		if m.Skipped != "" {
			f.log.Info("message holds no object to process", "message_id", m.ID, "reason", m.Skipped)
			continue
		}
		for _, ref := range m.Objects {
			err := f.processObject(ctx, ref)
			if err == nil {
				continue
			}
			class := awssource.Classify(err)
			f.log.Error("object failed", "object", ref.String(), "class", class.String(), "message_id", m.ID, "error", err.Error())
			if class == awssource.Retryable {
				failed = errors.Join(failed, err)
				if m.ID != "" {
					batch.Fail(m.ID)
				}
				break // the whole message comes back
			}
		}
	}
	if sqsEvent {
		return batch, nil
	}
	return nil, failed
}

// processObject indexes one object, or one span of its records, or splits
// a large object into spans sent to the split queue.
func (f *function) processObject(ctx context.Context, ref awssource.ObjectRef) error {
	start := time.Now()
	obj := siem.Object{Bucket: ref.Bucket, Key: ref.Key}
	lt, err := f.registry.Detect(obj)
	if err != nil {
		return err
	}
	span := siem.Span{First: ref.First, Last: ref.Last}
	if span == (siem.Span{}) && f.cfg.splitQueueURL != "" && ref.Size >= f.cfg.splitMinBytes {
		split, err := f.split(ctx, lt, ref)
		if err != nil || split {
			return err
		}
	}
	body, err := awssource.OpenObject(ctx, f.s3, ref, awssource.ReaderOptions{})
	if err != nil {
		return err
	}
	defer body.Close()
	dl := newDeadLetters(f, ref)
	opts := f.opts
	opts.DeadLetters = dl
	p, err := siem.NewPipeline(opts)
	if err != nil {
		return err
	}
	counts, runErr := p.ProcessWith(ctx, lt, obj, body, siem.RunOptions{Records: span})
	if siem.IsNotEvents(runErr) {
		f.log.Info("object holds no events; skipped", "object", ref.String(), "reason", runErr.Error())
		return nil
	}
	// Dead letters are stored whatever happened to the run: they are the
	// only copy of their records.
	if err := dl.flush(ctx); err != nil {
		return fmt.Errorf("%s: storing %d dead letters: %w", ref, counts.DeadLettered, err)
	}
	f.metrics.object(ref, lt.Info().Name, counts, body.Resumes(), time.Since(start), runErr)
	return runErr
}

// split counts the object's records and, when they are more than one
// invocation should take, sends one split message per span to the split
// queue. It reports whether it split the object.
func (f *function) split(ctx context.Context, lt siem.LogType, ref awssource.ObjectRef) (bool, error) {
	body, err := awssource.OpenObject(ctx, f.s3, ref, awssource.ReaderOptions{})
	if err != nil {
		return false, err
	}
	defer body.Close()
	// Counting needs no sink: it frames without normalizing.
	p, err := siem.NewPipeline(siem.Options{Registry: f.registry, Sink: f.sink, DeadLetters: discardDeadLetters{}})
	if err != nil {
		return false, err
	}
	n, err := p.Count(ctx, lt, siem.Object{Bucket: ref.Bucket, Key: ref.Key}, body)
	if err != nil {
		return false, err
	}
	per := f.cfg.splitRecords
	if n <= per {
		return false, nil
	}
	var spans int
	for first := int64(1); first <= n; first += per {
		part := ref
		part.First, part.Last = first, min(first+per-1, n)
		_, err := f.sqs.SendMessage(ctx, &sqs.SendMessageInput{
			QueueUrl:    aws.String(f.cfg.splitQueueURL),
			MessageBody: aws.String(string(awssource.MarshalSplit(part))),
		})
		if err != nil {
			// Spans already sent are processed; the object comes back
			// and is split again, and their documents, with stable ids,
			// are overwritten, not duplicated.
			return false, fmt.Errorf("%s: sending split message %d to %s: %w", ref, spans+1, f.cfg.splitQueueURL, err)
		}
		spans++
	}
	f.log.Info("object split", "object", ref.String(), "records", n, "spans", spans, "records_per_span", per, "Resumes", body.Resumes())
	return true, nil
}

// discardDeadLetters is for counting runs, which dead-letter nothing.
type discardDeadLetters struct{}

func (discardDeadLetters) DeadLetter(context.Context, siem.DeadLetter) error { return nil }

package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/klauspost/compress/gzip"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/awssource"
	"github.com/siem-go/siem/sink"
)

// deadLetters collects one object's dead letters. With SIEM_DEAD_LETTERS
// set they are written, gzip-compressed NDJSON (sink.DeadLetters' lines,
// which `siem replay` reads), to a temporary file and stored as one S3
// object; otherwise each goes to the function's log as a JSON line.
//
// The S3 key is derived from the object, its version and the span, not
// from the invocation, so a redelivered event replaces the dead letters
// of its earlier attempt instead of adding a second copy, and a run
// without dead letters removes those an earlier attempt left.
type deadLetters struct {
	f   *function
	ref awssource.ObjectRef

	mu   sync.Mutex
	file *os.File
	zw   *gzip.Writer
	w    *sink.DeadLetters
	n    int64
}

func newDeadLetters(f *function, ref awssource.ObjectRef) *deadLetters {
	return &deadLetters{f: f, ref: ref}
}

// DeadLetter implements siem.DeadLetterSink.
func (d *deadLetters) DeadLetter(ctx context.Context, dl siem.DeadLetter) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.w == nil {
		if d.f.cfg.deadLetters == nil {
			d.w = sink.NewDeadLetters(os.Stdout)
		} else {
			f, err := os.CreateTemp("", "siem-dead-letters-*.ndjson.gz")
			if err != nil {
				return fmt.Errorf("creating a file for dead letters in %s: %w", os.TempDir(), err)
			}
			os.Remove(f.Name()) // it lives until closed
			d.file = f
			d.zw = gzip.NewWriter(f)
			d.w = sink.NewDeadLetters(d.zw)
		}
	}
	d.n++
	if err := d.w.DeadLetter(ctx, dl); err != nil {
		return err
	}
	if d.file == nil {
		// Lines on the log must not wait for the end of the object.
		return d.w.Flush()
	}
	return nil
}

// key is where the object's dead letters are stored.
func (d *deadLetters) key() string {
	loc := d.f.cfg.deadLetters
	version := d.ref.VersionID
	if version == "" {
		version = d.ref.ETag
	}
	if version == "" {
		version = "object"
	}
	name := version
	if d.ref.First != 0 || d.ref.Last != 0 {
		name += fmt.Sprintf(".records-%d-%d", d.ref.First, d.ref.Last)
	}
	parts := []string{d.ref.Bucket, d.ref.Key, name + ".ndjson.gz"}
	if loc.prefix != "" {
		parts = append([]string{loc.prefix}, parts...)
	}
	return strings.Join(parts, "/")
}

// flush stores the dead letters, or removes a stale copy when there are
// none.
func (d *deadLetters) flush(ctx context.Context) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	loc := d.f.cfg.deadLetters
	if loc == nil {
		if d.w != nil {
			return d.w.Flush()
		}
		return nil
	}
	if d.w == nil {
		_, err := d.f.s3.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(loc.bucket), Key: aws.String(d.key())})
		if err != nil {
			d.f.log.Warn("could not remove dead letters of an earlier attempt", "key", d.key(), "error", err.Error())
		}
		return nil
	}
	defer d.file.Close()
	if err := d.w.Flush(); err != nil {
		return err
	}
	if err := d.zw.Close(); err != nil {
		return fmt.Errorf("compressing dead letters: %w", err)
	}
	size, err := d.file.Seek(0, 1)
	if err != nil {
		return err
	}
	if _, err := d.file.Seek(0, 0); err != nil {
		return err
	}
	_, err = d.f.s3.PutObject(ctx, &s3.PutObjectInput{
		Bucket:          aws.String(loc.bucket),
		Key:             aws.String(d.key()),
		Body:            d.file,
		ContentLength:   aws.Int64(size),
		ContentType:     aws.String("application/x-ndjson"),
		ContentEncoding: aws.String("gzip"),
	})
	if err != nil {
		return fmt.Errorf("writing s3://%s/%s: %w", loc.bucket, d.key(), err)
	}
	d.f.log.Warn("dead letters stored", "object", d.ref.String(), "dead_letters", d.n, "location", "s3://"+loc.bucket+"/"+d.key())
	return nil
}

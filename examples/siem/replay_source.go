package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// replaySource is one SOURCE of siem replay: a dead-letter file, standard
// input ("-"), or every object under an S3 prefix.
type replaySource struct {
	name           string // as given on the command line
	bucket, prefix string // for s3://bucket/prefix
	in             input  // for a file or standard input: what checkOverlap and progress need
}

func (s replaySource) isS3() bool { return s.bucket != "" }

// parseReplaySource checks a SOURCE before anything is read, so that a
// mistyped name costs nothing.
func parseReplaySource(name string) (replaySource, error) {
	src := replaySource{name: name, in: input{path: name}}
	if rest, ok := strings.CutPrefix(name, "s3://"); ok {
		src.bucket, src.prefix, _ = strings.Cut(rest, "/")
		if src.bucket == "" {
			return src, usagef("%s names no bucket; write s3://BUCKET/PREFIX", name)
		}
		return src, nil
	}
	if name == "-" {
		return src, nil
	}
	st, err := os.Stat(name)
	if err != nil {
		return src, usageError{err.Error()}
	}
	if st.IsDir() {
		return src, usagef("%s is a directory; name the dead-letter files in it", name)
	}
	src.in.size, src.in.info = st.Size(), st
	return src, nil
}

// readFunc reads one dead-letter object; name is what messages call it.
type readFunc func(name string, r io.Reader) error

// each calls read with the source's object, or with each object under
// its S3 prefix in key order. It returns the first error of read, or the
// error that kept an object from being listed or opened.
func (s replaySource) each(ctx context.Context, stdin io.Reader, s3c *lazyS3, prog *progress, read readFunc) error {
	switch {
	case s.isS3():
		return s.eachS3(ctx, s3c, prog, read)
	case s.name == "-":
		return read("-", prog.wrap(stdin))
	}
	f, err := os.Open(s.name)
	if err != nil {
		return err
	}
	defer f.Close()
	return read(s.name, prog.wrap(f))
}

func (s replaySource) eachS3(ctx context.Context, s3c *lazyS3, prog *progress, read readFunc) error {
	client, err := s3c.get(ctx)
	if err != nil {
		return err
	}
	pages := s3.NewListObjectsV2Paginator(client, &s3.ListObjectsV2Input{
		Bucket: aws.String(s.bucket),
		Prefix: aws.String(s.prefix),
	})
	found := 0
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return fmt.Errorf("listing %s: %w (check the bucket name, the credentials and their s3:ListBucket permission)", s.name, err)
		}
		for _, o := range page.Contents {
			key := aws.ToString(o.Key)
			if strings.HasSuffix(key, "/") && aws.ToInt64(o.Size) == 0 {
				continue // a "folder" placeholder made by the console
			}
			found++
			if err := s.readS3(ctx, client, key, prog, read); err != nil {
				return err
			}
		}
	}
	if found == 0 {
		prog.note(fmt.Sprintf("%s: no objects under this prefix", s.name))
	}
	return nil
}

func (s replaySource) readS3(ctx context.Context, client *s3.Client, key string, prog *progress, read readFunc) error {
	name := "s3://" + s.bucket + "/" + key
	obj, err := client.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(s.bucket), Key: aws.String(key)})
	if err != nil {
		return fmt.Errorf("reading %s: %w (check the credentials and their s3:GetObject permission)", name, err)
	}
	defer obj.Body.Close()
	return read(name, prog.wrap(obj.Body))
}

// lazyS3 makes the S3 client when the first s3:// source needs it, so
// that replaying local files never looks for AWS credentials.
type lazyS3 struct {
	client *s3.Client
	err    error
	done   bool
}

// get loads the AWS SDK's default configuration (environment, profile,
// SSO, instance or task role). An endpoint set with AWS_ENDPOINT_URL_S3
// or AWS_ENDPOINT_URL is honoured by the SDK itself; such endpoints (MinIO
// and other S3-compatible servers) are addressed path-style, since
// bucket host names do not resolve on them.
func (l *lazyS3) get(ctx context.Context) (*s3.Client, error) {
	if l.done {
		return l.client, l.err
	}
	l.done = true
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		l.err = fmt.Errorf("loading the AWS configuration for the s3:// sources: %w", err)
		return nil, l.err
	}
	custom := cfg.BaseEndpoint != nil || os.Getenv("AWS_ENDPOINT_URL_S3") != "" || os.Getenv("AWS_ENDPOINT_URL") != ""
	l.client = s3.NewFromConfig(cfg, func(o *s3.Options) {
		o.UsePathStyle = custom
	})
	return l.client, nil
}

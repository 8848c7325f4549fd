package awstest

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
)

// uniqueName builds prefix-<test name>-<8 hex digits> from the characters
// allowed by keep, at most max long. The random suffix keeps names unique
// across parallel tests and repeated runs against the same server.
func uniqueName(t testing.TB, prefix string, max int, keep func(rune) bool) string {
	var rnd [4]byte
	rand.Read(rnd[:])
	suffix := "-" + hex.EncodeToString(rnd[:])
	clean := func(s string) string {
		return strings.Trim(strings.Map(func(r rune) rune {
			if keep(r) {
				return r
			}
			return '-'
		}, strings.ToLower(s)), "-")
	}
	head := clean(prefix)
	if head == "" {
		head = "siem"
	}
	if test := clean(t.Name()); test != "" {
		head += "-" + test
	}
	if room := max - len(suffix); len(head) > room {
		head = strings.TrimRight(head[:room], "-")
	}
	return head + suffix
}

// Bucket creates a bucket named after prefix and the test, and deletes
// it with every object (and unfinished multipart upload) in it when the
// test ends.
func Bucket(t testing.TB, prefix string) string {
	t.Helper()
	client := S3Client(t)
	// S3 bucket names: 3 to 63 characters, lower-case letters, digits and
	// hyphens, starting and ending with a letter or digit.
	name := uniqueName(t, prefix, 63, func(r rune) bool {
		return r >= 'a' && r <= 'z' || r >= '0' && r <= '9'
	})
	ctx, cancel := testContext()
	defer cancel()
	if _, err := client.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(name)}); err != nil {
		t.Fatalf("create test bucket %s on %s: %v", name, S3URL(t), err)
	}
	t.Cleanup(func() { emptyAndDeleteBucket(t, client, name) })
	return name
}

func emptyAndDeleteBucket(t testing.TB, client *s3.Client, name string) {
	ctx, cancel := testContext()
	defer cancel()
	objects := s3.NewListObjectsV2Paginator(client, &s3.ListObjectsV2Input{Bucket: aws.String(name)})
	for objects.HasMorePages() {
		page, err := objects.NextPage(ctx)
		if err != nil {
			t.Errorf("cleaning up bucket %s: list objects: %v", name, err)
			return
		}
		for _, o := range page.Contents {
			if _, err := client.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(name), Key: o.Key}); err != nil {
				t.Errorf("cleaning up bucket %s: delete %s: %v", name, aws.ToString(o.Key), err)
			}
		}
	}
	uploads, err := client.ListMultipartUploads(ctx, &s3.ListMultipartUploadsInput{Bucket: aws.String(name)})
	if err != nil {
		t.Errorf("cleaning up bucket %s: list multipart uploads: %v", name, err)
	} else {
		for _, u := range uploads.Uploads {
			if _, err := client.AbortMultipartUpload(ctx, &s3.AbortMultipartUploadInput{Bucket: aws.String(name), Key: u.Key, UploadId: u.UploadId}); err != nil {
				t.Errorf("cleaning up bucket %s: abort upload of %s: %v", name, aws.ToString(u.Key), err)
			}
		}
	}
	if _, err := client.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String(name)}); err != nil {
		t.Errorf("cleaning up bucket %s: %v", name, err)
	}
}

// Put stores body as bucket/key, failing the test if the server refuses.
func Put(t testing.TB, bucket, key string, body []byte) {
	t.Helper()
	ctx, cancel := testContext()
	defer cancel()
	_, err := S3Client(t).PutObject(ctx, &s3.PutObjectInput{
		Bucket: aws.String(bucket),
		Key:    aws.String(key),
		Body:   bytes.NewReader(body),
	})
	if err != nil {
		t.Fatalf("put test object s3://%s/%s (%d bytes): %v", bucket, key, len(body), err)
	}
}

// Queue creates a standard queue named after prefix and the test, deletes
// it when the test ends, and returns its URL.
func Queue(t testing.TB, prefix string) string {
	t.Helper()
	client := SQSClient(t)
	// Queue names: up to 80 letters, digits, hyphens and underscores.
	name := uniqueName(t, prefix, 80, func(r rune) bool {
		return r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_'
	})
	ctx, cancel := testContext()
	defer cancel()
	out, err := client.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String(name)})
	if err != nil {
		t.Fatalf("create test queue %s on %s: %v", name, SQSURL(t), err)
	}
	url := aws.ToString(out.QueueUrl)
	t.Cleanup(func() {
		ctx, cancel := testContext()
		defer cancel()
		if _, err := client.DeleteQueue(ctx, &sqs.DeleteQueueInput{QueueUrl: aws.String(url)}); err != nil {
			t.Errorf("cleaning up queue %s: %v", url, err)
		}
	})
	return url
}

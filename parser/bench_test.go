package parser

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"testing"

	"github.com/klauspost/compress/zstd"
)

// vpcFlowInput is n VPC Flow Log lines (version 2 default format) under
// their header, about 110 bytes a line.
func vpcFlowInput(n int) []byte {
	var b bytes.Buffer
	b.WriteString(vpcHeader + "\n")
	for i := range n {
		fmt.Fprintf(&b, "2 123456789010 eni-%017x 10.%d.%d.%d 172.31.%d.%d %d %d 6 %d %d %d %d %s OK\n",
			i, i%200, i/200%250, i%7, i%250, i/250%250, 1024+i%60000, 443, 1+i%40, 60+i%9000,
			1700000000+i/100, 1700000060+i/100, [2]string{"ACCEPT", "REJECT"}[i%2])
	}
	return b.Bytes()
}

// cloudTrailEvent is one event of realistic size and shape (about 1.3 KB),
// varied by i.
func cloudTrailEvent(i int) string {
	return fmt.Sprintf(`{"eventVersion":"1.09","userIdentity":{"type":"AssumedRole","principalId":"AROAEXAMPLEID%06d:session-%d","arn":"arn:aws:sts::123456789012:assumed-role/ops-role/session-%d","accountId":"123456789012","accessKeyId":"ASIAEXAMPLE%08d","sessionContext":{"sessionIssuer":{"type":"Role","principalId":"AROAEXAMPLEID","arn":"arn:aws:iam::123456789012:role/ops-role","accountId":"123456789012","userName":"ops-role"},"attributes":{"creationDate":"2024-05-01T11:00:00Z","mfaAuthenticated":"false"}}},"eventTime":"2024-05-01T12:%02d:%02dZ","eventSource":"s3.amazonaws.com","eventName":"PutObject","awsRegion":"eu-west-1","sourceIPAddress":"203.0.113.%d","userAgent":"[aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64 prompt/off command/s3.cp]","requestParameters":{"bucketName":"example-logs","Host":"example-logs.s3.eu-west-1.amazonaws.com","key":"data/2024/05/01/part-%05d.json","x-amz-server-side-encryption":"aws:kms","policy":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\"}]}"},"responseElements":{"x-amz-server-side-encryption":"aws:kms","x-amz-version-id":"v%d"},"additionalEventData":{"SignatureVersion":"SigV4","CipherSuite":"TLS_AES_128_GCM_SHA256","bytesTransferredIn":%d,"AuthenticationMethod":"AuthHeader","x-amz-id-2":"exampleid2/%d=","bytesTransferredOut":0},"requestID":"REQ%012d","eventID":"%08x-1111-2222-3333-444455556666","readOnly":false,"resources":[{"type":"AWS::S3::Object","ARN":"arn:aws:s3:::example-logs/data/2024/05/01/part-%05d.json"},{"accountId":"123456789012","type":"AWS::S3::Bucket","ARN":"arn:aws:s3:::example-logs"}],"eventType":"AwsApiCall","managementEvent":false,"recipientAccountId":"123456789012","eventCategory":"Data","tlsDetails":{"tlsVersion":"TLSv1.3","cipherSuite":"TLS_AES_128_GCM_SHA256","clientProvidedHostHeader":"example-logs.s3.eu-west-1.amazonaws.com"}}`,
		i, i, i, i, i/60%60, i%60, i%250, i, i, 1000+i, i, i, i, i)
}

func cloudTrailFile(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"Records":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(cloudTrailEvent(i))
	}
	b.WriteString("]}")
	return b.Bytes()
}

func cloudTrailLines(n int) []byte {
	var b bytes.Buffer
	for i := range n {
		b.WriteString(cloudTrailEvent(i))
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// benchReader runs a framing over input b.N times.
func benchReader(b *testing.B, input []byte, open func(io.Reader) Reader) {
	b.SetBytes(int64(len(input)))
	b.ReportAllocs()
	records := 0
	for b.Loop() {
		r := open(bytes.NewReader(input))
		for {
			_, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			records++
		}
	}
	b.ReportMetric(float64(records)/b.Elapsed().Seconds(), "records/s")
}

func BenchmarkLineReader(b *testing.B) {
	benchReader(b, vpcFlowInput(100_000), func(r io.Reader) Reader { return NewLineReader(r, LineOptions{}) })
}

func BenchmarkJSONValueReader(b *testing.B) {
	benchReader(b, cloudTrailLines(5000), func(r io.Reader) Reader { return NewJSONValueReader(r, JSONOptions{}) })
}

func BenchmarkJSONRecordsReader(b *testing.B) {
	b.Run("file", func(b *testing.B) {
		benchReader(b, cloudTrailFile(5000), func(r io.Reader) Reader { return NewJSONRecordsReader(r, "Records", JSONOptions{}) })
	})
	// Bare events, one per line: each top-level object's keys are walked.
	b.Run("lines", func(b *testing.B) {
		benchReader(b, cloudTrailLines(5000), func(r io.Reader) Reader { return NewJSONRecordsReader(r, "Records", JSONOptions{}) })
	})
}

func BenchmarkSplitQuoted(b *testing.B) {
	line := []byte(`https 2024-05-01T12:00:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 10.0.0.1:80 0.086 0.048 0.037 200 200 0 57 "GET https://www.example.com:443/path/to/resource?query=1&b=2 HTTP/1.1" "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337281-1d84f3d73c47ec4e58577259" "www.example.com" "arn:aws:acm:us-east-2:123456789012:certificate/12345678-1234-1234-1234-123456789012" 1 2024-05-01T12:00:00.100000Z "authenticate,forward" "-" "-" "10.0.0.1:80" "200" "-" "-" TID_1234abcd5678ef90`)
	b.SetBytes(int64(len(line)))
	b.ReportAllocs()
	fields := make([][]byte, 0, 40)
	records := 0
	for b.Loop() {
		var err error
		if fields, err = SplitQuoted(line, fields); err != nil {
			b.Fatal(err)
		}
		records++
	}
	b.ReportMetric(float64(records)/b.Elapsed().Seconds(), "records/s")
}

// BenchmarkDecompressGzip measures gzip (level 6, as AWS services write it)
// plus line framing; bytes are the decompressed size.
func BenchmarkDecompressGzip(b *testing.B) {
	input := vpcFlowInput(200_000)
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, 6)
	zw.Write(input)
	zw.Close()
	benchReader(b, input, func(io.Reader) Reader {
		r, _, err := Decompress(bytes.NewReader(gz.Bytes()))
		if err != nil {
			b.Fatal(err)
		}
		return NewLineReader(r, LineOptions{})
	})
}

func BenchmarkDecompressZstd(b *testing.B) {
	input := vpcFlowInput(200_000)
	enc, _ := zstd.NewWriter(nil)
	compressed := enc.EncodeAll(input, nil)
	enc.Close()
	benchReader(b, input, func(io.Reader) Reader {
		r, _, err := Decompress(bytes.NewReader(compressed))
		if err != nil {
			b.Fatal(err)
		}
		return NewLineReader(r, LineOptions{})
	})
}

func BenchmarkSplitFields(b *testing.B) {
	line := []byte("2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK")
	b.SetBytes(int64(len(line)))
	b.ReportAllocs()
	fields := make([][]byte, 0, 32)
	records := 0
	for b.Loop() {
		fields = SplitFields(line, fields)
		records++
	}
	b.ReportMetric(float64(records)/b.Elapsed().Seconds(), "records/s")
}

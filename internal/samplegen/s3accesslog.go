package samplegen

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// S3AccessLog returns an S3 server access log object as S3 delivers it,
// uncompressed: n records, ending with a newline, of the current 27-field
// format with a share of older 18- and 25-field ones. They vary as real
// traffic does: object reads and writes by roles and users, anonymous and
// denied requests, presigned URLs, multipart uploads, copies, batch
// deletes, listings through access points, website requests over HTTP,
// lifecycle actions, IPv6 clients and quoted user agents with escapes.
func S3AccessLog(n int) []byte {
	g := &s3Gen{
		r:   rand.New(rand.NewPCG(0x53ac, 0xce55)),
		now: time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC),
	}
	b := make([]byte, 0, n*520)
	for range n {
		b = g.record(b)
		b = append(b, '\n')
	}
	return b
}

type s3Gen struct {
	r   *rand.Rand
	now time.Time
}

const s3Owner = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90"

var (
	s3Buckets    = []string{"app-assets-prod", "customer-uploads", "data-lake-raw", "backup-archive"}
	s3Requesters = []string{
		"arn:aws:sts::123456789012:assumed-role/app-web-server/i-0a1b2c3d4e5f67890",
		"arn:aws:sts::123456789012:assumed-role/etl-glue-role/GlueJobRunnerSession",
		"arn:aws:iam::123456789012:user/deploy-bot",
		"arn:aws:sts::444455556666:assumed-role/analytics-reader/etl-job-7731",
		"arn:aws:iam::123456789012:root",
		s3Owner,
		"svc:s3.amazonaws.com",
		"-",
	}
	s3Keys = []string{
		"images/banner-2026.png", "releases/app-4.12.0.tar.gz", "reports/2026/q3%2Fsummary.pdf",
		"incoming/2026/11/27/scan-55812.tiff", "logs/app/2026/11/27/10/part-00017.json.gz",
		"index.html", "videos/intro.mp4", "tmp/build-8812.log", "exports/users%20full.csv",
	}
	s3UserAgents = []string{
		`aws-sdk-java/2.29.15 Linux/6.1.112-124.190.amzn2023.x86_64 OpenJDK_64-Bit_Server_VM/21.0.5+11-LTS Java/21.0.5 vendor/Amazon.com_Inc. md/io#sync md/http#Apache ua/2.1`,
		`aws-cli/2.22.4 md/awscrt#0.22.0 ua/2.0 os/linux#6.8.0-1019-aws md/arch#x86_64 lang/python#3.12.6 md/pyimpl#CPython cfg/retry-mode#standard md/command#s3.cp`,
		`aws-sdk-go-v2/1.32.4 os/linux lang/go#1.23.3 md/GOOS#linux md/GOARCH#amd64 api/s3#1.67.0`,
		`Boto3/1.35.68 md/Botocore#1.35.68 ua/2.0 os/linux#5.10.228-240.884.amzn2.x86_64 md/arch#x86_64 lang/python#3.12.7 md/pyimpl#CPython exec-env/AWS_Lambda_python3.12 cfg/retry-mode#legacy Botocore/1.35.68`,
		`Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36`,
		`Mozilla/5.0 (compatible; \"Nuclei\" v3.3.5; +https://example.org/scanner)`,
		`curl/8.5.0`,
		`S3Console/0.4, aws-internal/3 aws-sdk-java/1.12.750 Linux/5.10.227-198.884.amzn2int.x86_64`,
	}
	s3Regions = []string{"us-east-1", "eu-west-1", "ap-southeast-2", "us-gov-west-1"}
)

func (g *s3Gen) pick(s []string) string { return s[g.r.IntN(len(s))] }

func (g *s3Gen) hex(n int, upper bool) string {
	const lower, up = "0123456789abcdef", "0123456789ABCDEF"
	digits := lower
	if upper {
		digits = up
	}
	var sb strings.Builder
	for range n {
		sb.WriteByte(digits[g.r.IntN(16)])
	}
	return sb.String()
}

func (g *s3Gen) remoteIP() string {
	switch g.r.IntN(10) {
	case 0:
		return fmt.Sprintf("2001:db8:%x::%x", g.r.IntN(0xffff), 1+g.r.IntN(0xfffe))
	case 1, 2, 3:
		return fmt.Sprintf("10.0.%d.%d", g.r.IntN(64), 1+g.r.IntN(254))
	default:
		return fmt.Sprintf("%s%d", g.pick([]string{"198.51.100.", "203.0.113.", "192.0.2.", "89.160.20.", "81.2.69."}), 1+g.r.IntN(254))
	}
}

// record appends one record.
func (g *s3Gen) record(b []byte) []byte {
	g.now = g.now.Add(time.Duration(g.r.IntN(3000)) * time.Millisecond)
	bucket, region := g.pick(s3Buckets), g.pick(s3Regions)
	requester := g.pick(s3Requesters)
	key := g.pick(s3Keys)
	reqID := g.hex(16, true)
	status, errCode := "200", "-"
	op, method, query := "REST.GET.OBJECT", "GET", ""
	switch k := g.r.IntN(100); {
	case k < 45:
	case k < 60:
		op, method = "REST.PUT.OBJECT", "PUT"
	case k < 66:
		op, method, query = "REST.HEAD.OBJECT", "HEAD", ""
	case k < 72:
		op, method, key, query = "REST.GET.BUCKET", "GET", "-", "?list-type=2&prefix=logs%2F&max-keys=1000"
	case k < 76:
		op, method, query = "REST.PUT.PART", "PUT", "?partNumber="+strconv.Itoa(1+g.r.IntN(40))+"&uploadId=Xb8K.nQ2-sTLz7_vR4mPw9"
	case k < 80:
		op, method = "REST.COPY.OBJECT_GET", "GET"
	case k < 84:
		op, method, key = "BATCH.DELETE.OBJECT", "", "tmp/build-"+strconv.Itoa(8000+g.r.IntN(999))+".log"
	case k < 88:
		op, method = "WEBSITE.GET.OBJECT", "GET"
	case k < 90:
		op, method, requester = "S3.TRANSITION_SIA.OBJECT", "", "AmazonS3"
	default:
		query = "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20261127%2F" + region + "%2Fs3%2Faws4_request&X-Amz-Expires=900&X-Amz-Signature=" + g.hex(64, false)
	}
	switch k := g.r.IntN(100); {
	case requester == "-" && k < 60, k < 4:
		status, errCode = "403", "AccessDenied"
	case k < 9:
		status, errCode = "404", "NoSuchKey"
	case k < 11:
		status, errCode = "503", "SlowDown"
	case k < 13 && method == "GET":
		status = "304"
	case k < 16 && method == "GET":
		status = "206"
	}
	if op == "BATCH.DELETE.OBJECT" {
		status = "204"
	}
	size := 1 + g.r.IntN(50_000_000)
	sent := "-"
	if method == "GET" && status[0] == '2' {
		sent = strconv.Itoa(size)
	} else if errCode != "-" {
		sent = strconv.Itoa(200 + g.r.IntN(200))
	}
	total := 1 + g.r.IntN(900)
	host := bucket + ".s3." + region + ".amazonaws.com"
	sig, auth, cipher, tlsv := "SigV4", "AuthHeader", "TLS_AES_128_GCM_SHA256", "TLSv1.3"
	if g.r.IntN(4) == 0 {
		cipher, tlsv = "ECDHE-RSA-AES128-GCM-SHA256", "TLSv1.2"
	}
	switch {
	case requester == "-":
		sig, auth = "-", "-"
	case strings.HasPrefix(query, "?X-Amz-Algorithm"):
		auth = "QueryString"
	}
	if op == "WEBSITE.GET.OBJECT" {
		host, cipher, tlsv, sig, auth = bucket+".s3-website-"+region+".amazonaws.com", "-", "-", "-", "-"
	}
	lifecycle := strings.HasPrefix(op, "S3.")

	b = append(b, s3Owner...)
	b = append(b, ' ')
	b = append(b, bucket...)
	b = append(b, " ["...)
	b = g.now.AppendFormat(b, "02/Jan/2006:15:04:05 -0700")
	b = append(b, "] "...)
	if lifecycle {
		b = append(b, '-')
	} else {
		b = append(b, g.remoteIP()...)
	}
	b = append(b, ' ')
	b = append(b, requester...)
	b = append(b, ' ')
	b = append(b, reqID...)
	b = append(b, ' ')
	b = append(b, op...)
	b = append(b, ' ')
	b = append(b, key...)
	b = append(b, ' ')
	switch {
	case method == "":
		b = append(b, '-')
	default:
		path := "/"
		if key != "-" {
			path += key
		}
		b = append(b, '"')
		b = append(b, method...)
		b = append(b, ' ')
		b = append(b, path...)
		b = append(b, query...)
		if op != "REST.COPY.OBJECT_GET" {
			b = append(b, " HTTP/1.1"...)
		}
		b = append(b, '"')
	}
	if lifecycle {
		b = append(b, " - - - "...)
		b = strconv.AppendInt(b, int64(size), 10)
		b = append(b, ` - - "-" "-" - - - - - - - - - -`...)
		return b
	}
	b = append(b, ' ')
	b = append(b, status...)
	b = append(b, ' ')
	b = append(b, errCode...)
	b = append(b, ' ')
	b = append(b, sent...)
	b = append(b, ' ')
	b = strconv.AppendInt(b, int64(size), 10)
	b = append(b, ' ')
	b = strconv.AppendInt(b, int64(total), 10)
	b = append(b, ' ')
	b = strconv.AppendInt(b, int64(1+g.r.IntN(total)), 10)
	b = append(b, ` "`...)
	if g.r.IntN(3) == 0 {
		b = append(b, "https://www.example.com/page?id="...)
		b = strconv.AppendInt(b, int64(g.r.IntN(1000)), 10)
	} else {
		b = append(b, '-')
	}
	b = append(b, `" "`...)
	b = append(b, g.pick(s3UserAgents)...)
	b = append(b, `" `...)
	if g.r.IntN(5) == 0 {
		b = append(b, g.hex(32, false)...)
	} else {
		b = append(b, '-')
	}
	if g.r.IntN(20) == 0 {
		return b // the original 18-field format
	}
	b = append(b, ' ')
	b = append(b, g.hex(76, false)...)
	for _, f := range []string{sig, cipher, auth, host, tlsv} {
		b = append(b, ' ')
		b = append(b, f...)
	}
	if g.r.IntN(10) == 0 {
		return b // 24 fields
	}
	b = append(b, ' ')
	if op == "REST.GET.BUCKET" && g.r.IntN(2) == 0 {
		b = append(b, "arn:aws:s3:"+region+":123456789012:accesspoint/analytics-ap"...)
	} else {
		b = append(b, '-')
	}
	if g.r.IntN(10) == 0 {
		return b // 25 fields
	}
	if g.r.IntN(30) == 0 {
		b = append(b, " Yes "...)
	} else {
		b = append(b, " - "...)
	}
	return append(b, region...)
}

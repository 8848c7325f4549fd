package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
)

// runCLI runs the command in-process and returns exit code, stdout and stderr.
func runCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

// writeObject writes data under dir at the S3 key, gzipped when the key
// ends in .gz, and returns its path.
func writeObject(t *testing.T, dir, key, data string) string {
	t.Helper()
	path := filepath.Join(dir, filepath.FromSlash(key))
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	body := []byte(data)
	if strings.HasSuffix(key, ".gz") {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write(body)
		zw.Close()
		body = buf.Bytes()
	}
	require.NoError(t, os.WriteFile(path, body, 0o644))
	return path
}

// vendorPrefixes are the vendor namespaces of every registered type and
// its envelopes.
func vendorPrefixes() []string {
	var out []string
	for _, lt := range siem.Default().Types() {
		for _, schema := range lt.Info().VendorSchemas() {
			out = append(out, schema.Namespace)
		}
	}
	return out
}

// docs decodes NDJSON output, checking each document is valid ECS.
func docs(t *testing.T, ndjson string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(ndjson), "\n") {
		if line == "" {
			continue
		}
		require.NoError(t, ecs.Validate([]byte(line), vendorPrefixes()...), line)
		var m map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &m))
		out = append(out, m)
	}
	return out
}

func get(m map[string]any, path string) any {
	var cur any = m
	for _, seg := range strings.Split(path, ".") {
		obj, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = obj[seg]
	}
	return cur
}

// TestTypesListsBuiltins checks that 'siem types' shows, for each type,
// its name, description, key pattern and a sample key that the pattern
// recognises as that type.
func TestTypesListsBuiltins(t *testing.T) {
	code, out, _ := runCLI(t, "", "types")
	require.Equal(t, exitOK, code)
	blocks := strings.Split(strings.TrimSpace(out), "\n\n")
	require.Len(t, blocks, len(siem.Default().Types()))
	for i, lt := range siem.Default().Types() {
		info := lt.Info()
		lines := strings.Split(blocks[i], "\n")
		require.GreaterOrEqual(t, len(lines), 4, blocks[i])
		assert.Equal(t, info.Name, lines[0])
		n := len(lines)
		var desc []string
		for _, l := range lines[1 : n-2] {
			assert.LessOrEqual(t, len(l), 80, "descriptions are wrapped for a terminal: %q", l)
			desc = append(desc, strings.TrimPrefix(l, "    "))
		}
		assert.Equal(t, info.Description, strings.Join(desc, " "))
		assert.Equal(t, "    key pattern  "+info.KeyPattern.String(), lines[n-2])
		sample, ok := strings.CutPrefix(lines[n-1], "    sample key   ")
		require.True(t, ok, lines[n-1])
		detected, err := siem.Default().Detect(siem.Object{Key: sample})
		require.NoError(t, err)
		assert.Equal(t, info.Name, detected.Info().Name, "the sample key is detected as its type")
	}
	for _, name := range []string{"vpcflow", "cloudtrail", "nlb", "alb", "clb"} {
		assert.Regexp(t, `(?m)^`+name+`$`, out)
	}
}

func TestUsageErrors(t *testing.T) {
	dir := t.TempDir()
	unknown := writeObject(t, dir, "logs/app/server.txt", "hello\n")
	for name, args := range map[string][]string{
		"no command":      nil,
		"unknown command": {"frobnicate"},
		"unknown type":    {"normalize", "--type", "nosuch", unknown},
		"unknown key":     {"normalize", unknown},
		"stdin untyped":   {"normalize", "-"},
		"missing file":    {"normalize", "--type", "vpcflow", filepath.Join(dir, "absent")},
	} {
		code, _, errOut := runCLI(t, "", args...)
		assert.Equal(t, exitUsage, code, name)
		if name == "unknown key" {
			assert.Contains(t, errOut, unknown, "the message names the key")
			assert.Contains(t, errOut, "siem types")
		}
	}
}

func TestNormalizeVPCFlowFromStdinWithKey(t *testing.T) {
	in := "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n" +
		"2 210987654321 eni-0f00f00f00f00f001 2001:db8::10 198.51.100.7 55123 22 6 3 180 1795800000 1795800060 REJECT OK\n"
	code, out, errOut := runCLI(t, in, "normalize", "--key", "AWSLogs/210987654321/vpcflowlogs/eu-west-3/2026/11/28/x.log.gz", "-")
	require.Equal(t, exitOK, code, errOut)
	d := docs(t, out)
	require.Len(t, d, 1)
	assert.Equal(t, "2001:db8::10", get(d[0], "source.ip"))
	assert.Equal(t, "failure", get(d[0], "event.outcome"))
	assert.Equal(t, "eu-west-3", get(d[0], "cloud.region"))
	assert.Contains(t, errOut, "read 1, indexed 1, excluded 0, dead-lettered 0")
}

func TestNormalizeDeadLettersExitOne(t *testing.T) {
	dir := t.TempDir()
	path := writeObject(t, dir, "AWSLogs/210987654321/vpcflowlogs/us-east-1/2026/11/28/bad.log",
		"version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n"+
			"2 210987654321 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 1 1795800000 1795800060 ACCEPT OK\n"+
			"2 210987654321 eni-1 10.0.0.1 10.0.0.2 notaport 2 6 1 1 1795800000 1795800060 ACCEPT OK\n")
	dlq := filepath.Join(dir, "dead.ndjson")
	out := filepath.Join(dir, "out.ndjson")
	code, _, errOut := runCLI(t, "", "normalize", "-o", out, "--dlq", dlq, path)
	assert.Equal(t, exitDeadLetters, code, errOut)
	written, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Len(t, docs(t, string(written)), 1)
	dead, err := os.ReadFile(dlq)
	require.NoError(t, err)
	var dl map[string]any
	require.NoError(t, json.Unmarshal(dead, &dl))
	assert.Equal(t, path, dl["object"])
	assert.EqualValues(t, 2, dl["record"])
	assert.Contains(t, dl["raw"], "notaport")
	assert.Contains(t, dl["reason"], "notaport")
}

func TestNormalizeTruncatedGzipNamesObject(t *testing.T) {
	dir := t.TempDir()
	var lines strings.Builder
	lines.WriteString("version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n")
	for i := range 3000 {
		lines.WriteString("2 210987654321 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 ")
		lines.WriteString(strings.Repeat("1", 1+i%7))
		lines.WriteString(" 1795800000 1795800060 ACCEPT OK\n")
	}
	path := writeObject(t, dir, "AWSLogs/210987654321/vpcflowlogs/us-east-1/2026/11/28/cut.log.gz", lines.String())
	full, err := os.ReadFile(path)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(path, full[:len(full)*2/3], 0o644))
	code, out, errOut := runCLI(t, "", "normalize", path)
	assert.Equal(t, exitDeadLetters, code)
	assert.Contains(t, errOut, path)
	assert.Greater(t, len(docs(t, out)), 100, "records before the break are written")
}

// TestNormalizeUnseenObjectsDetectedByKey runs new CloudTrail, VPC Flow
// and ALB objects, named only by their S3 keys, through the command and
// checks the ECS values a user relies on.
func TestNormalizeUnseenObjectsDetectedByKey(t *testing.T) {
	dir := t.TempDir()
	trail := writeObject(t, dir, "AWSLogs/555566667777/CloudTrail/ap-northeast-1/2026/11/28/555566667777_CloudTrail_ap-northeast-1_20261128T0105Z_Qw3rTy9UiOp4AsDf.json.gz", `{"Records":[
{"eventVersion":"1.09","userIdentity":{"type":"IAMUser","principalId":"AIDAEXAMPLE0000000001","arn":"arn:aws:iam::555566667777:user/ops-kenji","accountId":"555566667777","userName":"ops-kenji"},"eventTime":"2026-11-28T01:02:03Z","eventSource":"signin.amazonaws.com","eventName":"ConsoleLogin","awsRegion":"ap-northeast-1","sourceIPAddress":"2001:db8:4:5::9","userAgent":"Mozilla/5.0","errorMessage":"Failed authentication","requestParameters":null,"responseElements":{"ConsoleLogin":"Failure"},"additionalEventData":{"MFAUsed":"No"},"eventID":"d1e2f3a4-0000-4000-8000-000000000001","readOnly":false,"eventType":"AwsConsoleSignIn","managementEvent":true,"recipientAccountId":"555566667777","eventCategory":"Management"},
{"eventVersion":"1.09","userIdentity":{"type":"AWSService","invokedBy":"s3.amazonaws.com"},"eventTime":"2026-11-28T01:02:04Z","eventSource":"kms.amazonaws.com","eventName":"Decrypt","awsRegion":"ap-northeast-1","sourceIPAddress":"s3.amazonaws.com","userAgent":"s3.amazonaws.com","requestParameters":{"encryptionAlgorithm":"SYMMETRIC_DEFAULT"},"responseElements":null,"eventID":"d1e2f3a4-0000-4000-8000-000000000002","readOnly":true,"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"555566667777","eventCategory":"Management"}
]}`)
	alb := writeObject(t, dir, "AWSLogs/555566667777/elasticloadbalancing/ap-northeast-1/2026/11/28/555566667777_elasticloadbalancing_ap-northeast-1_app.shop-alb.1a2b3c4d5e6f7a8b_20261128T0105Z_203.0.113.20_7hk2l9pq.log.gz",
		`https 2026-11-28T01:04:05.678901Z app/shop-alb/1a2b3c4d5e6f7a8b 198.51.100.77:61234 10.1.2.3:443 0.001 0.050 0.000 502 502 640 210 "POST https://shop.example.com:443/cart/checkout?step=2 HTTP/2.0" "curl/8.5.0" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:ap-northeast-1:555566667777:targetgroup/shop/0123456789abcdef "Root=1-67480000-0123456789abcdef01234567" "shop.example.com" "arn:aws:acm:ap-northeast-1:555566667777:certificate/11111111-2222-3333-4444-555555555555" 1 2026-11-28T01:04:05.627000Z "forward" "-" "-" "10.1.2.3:443" "502" "-" "-" TID_00112233445566778899aabbccddeeff`+"\n")
	flow := writeObject(t, dir, "AWSLogs/555566667777/vpcflowlogs/ap-northeast-1/2026/11/28/555566667777_vpcflowlogs_ap-northeast-1_fl-0feedfeedfeedfeed_20261128T0105Z_0badf00d.log.gz",
		"version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n"+
			"2 555566667777 eni-0aaaabbbbccccdddd 10.1.2.3 203.0.113.9 443 50123 6 10 5000 1795827600 1795827660 ACCEPT OK\n"+
			"2 555566667777 eni-0aaaabbbbccccdddd - - - - - - - 1795827600 1795827660 - NODATA")

	code, out, errOut := runCLI(t, "", "normalize", trail, alb, flow)
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, errOut, "3 objects: read 5, indexed 5, excluded 0, dead-lettered 0")
	byAction := map[string]map[string]any{}
	var flows []map[string]any
	for _, d := range docs(t, out) {
		switch get(d, "event.dataset") {
		case "aws.cloudtrail":
			byAction[get(d, "event.action").(string)] = d
		case "aws.elb":
			byAction["alb"] = d
		case "aws.vpcflow":
			flows = append(flows, d)
		}
	}
	login := byAction["ConsoleLogin"]
	require.NotNil(t, login)
	assert.Equal(t, "2026-11-28T01:02:03Z", get(login, "@timestamp"))
	assert.Equal(t, "failure", get(login, "event.outcome"))
	assert.Equal(t, []any{"authentication"}, get(login, "event.category"))
	assert.Equal(t, "2001:db8:4:5::9", get(login, "source.ip"))
	assert.Equal(t, "ops-kenji", get(login, "user.name"))
	assert.Equal(t, "555566667777", get(login, "cloud.account.id"))
	assert.Equal(t, "ap-northeast-1", get(login, "cloud.region"))

	decrypt := byAction["Decrypt"]
	require.NotNil(t, decrypt)
	assert.Equal(t, "s3.amazonaws.com", get(decrypt, "source.address"))
	assert.Nil(t, get(decrypt, "source.ip"), "a service principal is not an IP")
	assert.Equal(t, `{"encryptionAlgorithm":"SYMMETRIC_DEFAULT"}`, get(decrypt, "aws.cloudtrail.request_parameters"))

	lb := byAction["alb"]
	require.NotNil(t, lb)
	assert.Equal(t, "2026-11-28T01:04:05.678901Z", get(lb, "@timestamp"))
	assert.Equal(t, "198.51.100.77", get(lb, "source.ip"))
	assert.EqualValues(t, 502, get(lb, "http.response.status_code"))
	assert.Equal(t, "POST", get(lb, "http.request.method"))
	assert.Equal(t, "/cart/checkout", get(lb, "url.path"))
	assert.Equal(t, "step=2", get(lb, "url.query"))
	assert.Equal(t, "failure", get(lb, "event.outcome"))
	assert.Equal(t, "ap-northeast-1", get(lb, "cloud.region"))

	require.Len(t, flows, 2, "the NODATA row at the end, without a newline, is kept")
	for _, f := range flows {
		assert.Equal(t, "555566667777", get(f, "cloud.account.id"))
		if get(f, "aws.vpcflow.log_status") == "NODATA" {
			assert.Nil(t, get(f, "source.ip"))
			continue
		}
		assert.Equal(t, "10.1.2.3", get(f, "source.ip"))
		assert.EqualValues(t, 50123, get(f, "destination.port"))
		assert.Equal(t, "tcp", get(f, "network.transport"))
	}
}

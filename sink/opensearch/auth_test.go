package opensearch

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	testAccessKey = "AKIDEXAMPLETESTONLY"
	testSecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
)

var authHeaderRE = regexp.MustCompile(`^AWS4-HMAC-SHA256 Credential=([^/]+)/(\d{8})/([^/]+)/([^/]+)/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$`)

// verifySigV4 checks a received request against AWS Signature Version 4,
// computed here from the specification (not with the SDK that signed
// it), with the body as received. It returns the service the request was
// signed for.
func verifySigV4(r *http.Request, body []byte, secret string) (service string, err error) {
	m := authHeaderRE.FindStringSubmatch(r.Header.Get("Authorization"))
	if m == nil {
		return "", fmt.Errorf("Authorization header missing or malformed: %q", r.Header.Get("Authorization"))
	}
	date, region, service, signedHeaders, signature := m[2], m[3], m[4], m[5], m[6]
	amzDate := r.Header.Get("X-Amz-Date")
	if !strings.HasPrefix(amzDate, date) || len(amzDate) != len("20060102T150405Z") {
		return "", fmt.Errorf("X-Amz-Date %q does not match the credential date %s", amzDate, date)
	}
	bodyHash := sha256.Sum256(body)
	if got := r.Header.Get("X-Amz-Content-Sha256"); got != hex.EncodeToString(bodyHash[:]) {
		return "", fmt.Errorf("X-Amz-Content-Sha256 %q is not the SHA-256 of the %d body bytes received", got, len(body))
	}
	names := strings.Split(signedHeaders, ";")
	for _, must := range []string{"host", "x-amz-date", "x-amz-content-sha256"} {
		if !contains(names, must) {
			return "", fmt.Errorf("SignedHeaders %q lacks %s", signedHeaders, must)
		}
	}
	var canon strings.Builder
	canon.WriteString(r.Method + "\n" + r.URL.EscapedPath() + "\n" + canonicalQuery(r.URL.Query()) + "\n")
	for _, h := range names {
		var v string
		switch h {
		case "host":
			v = r.Host
		case "content-length":
			v = strconv.FormatInt(r.ContentLength, 10)
		default:
			v = strings.Join(r.Header.Values(h), ",")
		}
		canon.WriteString(h + ":" + strings.Join(strings.Fields(v), " ") + "\n")
	}
	canon.WriteString("\n" + signedHeaders + "\n" + r.Header.Get("X-Amz-Content-Sha256"))
	canonHash := sha256.Sum256([]byte(canon.String()))
	scope := date + "/" + region + "/" + service + "/aws4_request"
	toSign := "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + hex.EncodeToString(canonHash[:])
	key := []byte("AWS4" + secret)
	for _, part := range []string{date, region, service, "aws4_request"} {
		key = hmacSHA256(key, part)
	}
	if want := hex.EncodeToString(hmacSHA256(key, toSign)); want != signature {
		return "", fmt.Errorf("signature %s does not verify (expected %s)", signature, want)
	}
	return service, nil
}

func hmacSHA256(key []byte, s string) []byte {
	h := hmac.New(sha256.New, key)
	h.Write([]byte(s))
	return h.Sum(nil)
}

func canonicalQuery(q url.Values) string {
	enc := func(s string) string {
		var b strings.Builder
		for _, c := range []byte(s) {
			if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || strings.IndexByte("-_.~", c) >= 0 {
				b.WriteByte(c)
			} else {
				fmt.Fprintf(&b, "%%%02X", c)
			}
		}
		return b.String()
	}
	var pairs []string
	for k, vs := range q {
		for _, v := range vs {
			pairs = append(pairs, enc(k)+"="+enc(v))
		}
	}
	sort.Strings(pairs)
	return strings.Join(pairs, "&")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// signedRequest is what the verifying server saw.
type signedRequest struct {
	service string
	err     error
	header  http.Header
}

func newVerifyingServer(t *testing.T) (*httptest.Server, func() []signedRequest) {
	var mu sync.Mutex
	var seen []signedRequest
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		service, err := verifySigV4(r, body, testSecretKey)
		mu.Lock()
		seen = append(seen, signedRequest{service, err, r.Header.Clone()})
		mu.Unlock()
		if err != nil {
			w.WriteHeader(http.StatusForbidden)
			fmt.Fprintf(w, `{"message":%q}`, err.Error())
			return
		}
		w.Write([]byte(`{"errors":false,"items":[]}`))
	}))
	t.Cleanup(srv.Close)
	return srv, func() []signedRequest {
		mu.Lock()
		defer mu.Unlock()
		return append([]signedRequest(nil), seen...)
	}
}

func staticAWS(session string) *aws.Config {
	return &aws.Config{Credentials: credentials.NewStaticCredentialsProvider(testAccessKey, testSecretKey, session)}
}

func TestSigV4SignsCompressedBody(t *testing.T) {
	for _, tc := range []struct {
		name        string
		sig         SigV4
		serverless  bool
		wantService string
	}{
		{"managed domain", SigV4{Region: "eu-west-1", AWS: staticAWS("")}, false, "es"},
		{"serverless", SigV4{Region: "us-east-1", AWS: staticAWS("")}, true, "aoss"},
		{"serverless search collection", SigV4{Region: "us-east-1", Service: "aoss", AWS: staticAWS("")}, false, "aoss"},
		{"session token", SigV4{Region: "ap-northeast-1", AWS: staticAWS("FwoGZXIvYXdzEXAMPLETOKEN")}, false, "es"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, seen := newVerifyingServer(t)
			s := newTestSink(t, srv.URL, func(c *Config) {
				sig := tc.sig
				c.SigV4 = &sig
				c.Serverless = tc.serverless
				c.Index.Rotation = RotateNone
			})
			_, err := s.Write(context.Background(), testDocs(50))
			require.NoError(t, err)
			got := seen()
			require.Len(t, got, 1)
			require.NoError(t, got[0].err)
			assert.Equal(t, tc.wantService, got[0].service)
			assert.Equal(t, "gzip", got[0].header.Get("Content-Encoding"), "the hash covers the compressed bytes that were sent")
			assert.Contains(t, got[0].header.Get("Authorization"), "/"+tc.sig.Region+"/"+tc.wantService+"/aws4_request")
			if tc.name == "session token" {
				assert.Equal(t, "FwoGZXIvYXdzEXAMPLETOKEN", got[0].header.Get("X-Amz-Security-Token"))
				assert.Contains(t, got[0].header.Get("Authorization"), "x-amz-security-token")
			}
		})
	}
}

// The verifier must fail on tampering, or the test above proves nothing.
func TestSigV4VerifierCatchesTampering(t *testing.T) {
	var captured *http.Request
	var body []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ = io.ReadAll(r.Body)
		captured = r
		w.Write([]byte(`{"errors":false,"items":[]}`))
	}))
	defer srv.Close()
	s := newTestSink(t, srv.URL, func(c *Config) { c.SigV4 = &SigV4{Region: "eu-west-1", AWS: staticAWS("")} })
	_, err := s.Write(context.Background(), testDocs(5))
	require.NoError(t, err)

	_, err = verifySigV4(captured, body, testSecretKey)
	require.NoError(t, err)
	_, err = verifySigV4(captured, body, "wrong-secret")
	assert.ErrorContains(t, err, "does not verify")

	changed := append([]byte(nil), body...)
	changed[len(changed)/2] ^= 1
	_, err = verifySigV4(captured, changed, testSecretKey)
	assert.ErrorContains(t, err, "is not the SHA-256")

	// Replacing the body and its hash header together still fails: the
	// hash is part of what is signed.
	forged := captured.Clone(context.Background())
	sum := sha256.Sum256(changed)
	forged.Header.Set("X-Amz-Content-Sha256", hex.EncodeToString(sum[:]))
	_, err = verifySigV4(forged, changed, testSecretKey)
	assert.ErrorContains(t, err, "does not verify")
}

func TestSigV4NeedsRegion(t *testing.T) {
	t.Setenv("AWS_REGION", "")
	t.Setenv("AWS_DEFAULT_REGION", "")
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(t.TempDir(), "none"))
	_, err := New(Config{URL: "https://x.es.amazonaws.com", SigV4: &SigV4{AWS: staticAWS("")}})
	assert.ErrorContains(t, err, "needs the region")
}

func TestSigV4DefaultChainReadsEnvironment(t *testing.T) {
	t.Setenv("AWS_ACCESS_KEY_ID", testAccessKey)
	t.Setenv("AWS_SECRET_ACCESS_KEY", testSecretKey)
	t.Setenv("AWS_SESSION_TOKEN", "")
	t.Setenv("AWS_PROFILE", "")
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	srv, seen := newVerifyingServer(t)
	s := newTestSink(t, srv.URL, func(c *Config) { c.SigV4 = &SigV4{Region: "eu-central-1"} })
	_, err := s.Write(context.Background(), testDocs(3))
	require.NoError(t, err)
	require.Len(t, seen(), 1)
	assert.NoError(t, seen()[0].err)
}

func TestBasicAuth(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		if u, p, ok := r.BasicAuth(); !ok || u != "loader" || p != "s3cret" {
			w.WriteHeader(http.StatusUnauthorized)
			w.Write([]byte(`{"error":{"type":"security_exception","reason":"missing authentication credentials"},"status":401}`))
			return
		}
		w.Write([]byte(`{"errors":false,"items":[]}`))
	}))
	defer srv.Close()
	s := newTestSink(t, srv.URL, func(c *Config) { c.Username, c.Password = "loader", "s3cret" })
	_, err := s.Write(context.Background(), testDocs(2))
	assert.NoError(t, err)

	s = newTestSink(t, srv.URL, func(c *Config) { c.Username, c.Password = "loader", "wrong" })
	_, err = s.Write(context.Background(), testDocs(2))
	assert.ErrorContains(t, err, "security_exception: missing authentication credentials (check the username and password")
}

func TestTLSVerification(t *testing.T) {
	var hits atomic.Int64
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		io.Copy(io.Discard, r.Body)
		w.Write([]byte(`{"errors":false,"items":[]}`))
	}))
	defer srv.Close()

	// Verification is on by default: an unknown CA fails at once, without
	// retries, and names the certificate problem.
	s := newTestSink(t, srv.URL, nil)
	start := time.Now()
	_, err := s.Write(context.Background(), testDocs(2))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "certificate")
	assert.Zero(t, hits.Load())
	assert.Less(t, time.Since(start), time.Second)

	caFile := filepath.Join(t.TempDir(), "ca.pem")
	require.NoError(t, os.WriteFile(caFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw}), 0o600))
	s = newTestSink(t, srv.URL, func(c *Config) { c.CAFile = caFile })
	_, err = s.Write(context.Background(), testDocs(2))
	require.NoError(t, err)
	assert.EqualValues(t, 1, hits.Load())

	s = newTestSink(t, srv.URL, func(c *Config) { c.DangerouslySkipTLSVerify = true })
	_, err = s.Write(context.Background(), testDocs(2))
	require.NoError(t, err)
	assert.EqualValues(t, 2, hits.Load())

	notPEM := filepath.Join(t.TempDir(), "ca.txt")
	require.NoError(t, os.WriteFile(notPEM, []byte("not a certificate"), 0o600))
	_, err = New(Config{URL: srv.URL, CAFile: notPEM})
	assert.ErrorContains(t, err, "holds no PEM certificate")
}

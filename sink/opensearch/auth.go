package opensearch

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	"github.com/opensearch-project/opensearch-go/v4/signer"
	"github.com/opensearch-project/opensearch-go/v4/signer/awsv2"
)

// SigV4 signs requests with AWS Signature Version 4, as Amazon OpenSearch
// Service domains with IAM access policies and OpenSearch Serverless
// collections require.
type SigV4 struct {
	// Region of the domain or collection, e.g. "eu-west-1". Empty means
	// the region of the AWS configuration (AWS_REGION, the profile).
	Region string
	// Service is "es" for a managed domain and "aoss" for Serverless.
	// Empty means "aoss" when Config.Serverless is set, else "es".
	Service string
	// AWS supplies credentials; nil means the AWS SDK's default chain
	// (environment, shared config and credentials files, SSO, web
	// identity, ECS and EC2 roles), loaded with config.LoadDefaultConfig.
	AWS *aws.Config
}

// Service names for SigV4.Service.
const (
	ServiceManaged    = "es"
	ServiceServerless = "aoss"
)

// newSigner returns the SigV4 signer for cfg, or nil when cfg asks for
// none.
func newSigner(ctx context.Context, cfg Config) (signer.Signer, error) {
	s := cfg.SigV4
	if s == nil {
		return nil, nil
	}
	service := s.Service
	if service == "" {
		service = ServiceManaged
		if cfg.Serverless {
			service = ServiceServerless
		}
	}
	if service != ServiceManaged && service != ServiceServerless {
		return nil, fmt.Errorf("SigV4 service %q: use %q for Amazon OpenSearch Service or %q for OpenSearch Serverless", service, ServiceManaged, ServiceServerless)
	}
	var awsCfg aws.Config
	if s.AWS != nil {
		awsCfg = s.AWS.Copy()
	} else {
		var opts []func(*awsconfig.LoadOptions) error
		if s.Region != "" {
			opts = append(opts, awsconfig.WithRegion(s.Region))
		}
		var err error
		awsCfg, err = awsconfig.LoadDefaultConfig(ctx, opts...)
		if err != nil {
			return nil, fmt.Errorf("loading the AWS configuration for SigV4: %w", err)
		}
	}
	if s.Region != "" {
		awsCfg.Region = s.Region
	}
	if awsCfg.Region == "" {
		return nil, errors.New("SigV4 needs the region of the domain or collection: set it (--region) or AWS_REGION")
	}
	if awsCfg.Credentials == nil {
		return nil, errors.New("SigV4: no AWS credentials provider configured")
	}
	return awsv2.NewSignerWithService(awsCfg, service)
}

// newTransport builds the HTTP transport: TLS verification on unless
// DangerouslySkipTLSVerify, the CA file added to the system roots, and
// enough idle connections for every writer to keep its own.
func newTransport(cfg Config) (http.RoundTripper, error) {
	if cfg.Transport != nil {
		if cfg.CAFile != "" || cfg.DangerouslySkipTLSVerify {
			return nil, errors.New("CAFile and DangerouslySkipTLSVerify cannot be combined with a custom Transport: configure TLS on that transport")
		}
		return cfg.Transport, nil
	}
	tlsCfg := &tls.Config{MinVersion: tls.VersionTLS12}
	if cfg.CAFile != "" {
		pem, err := os.ReadFile(cfg.CAFile)
		if err != nil {
			return nil, fmt.Errorf("reading the CA file: %w", err)
		}
		pool, err := x509.SystemCertPool()
		if err != nil || pool == nil {
			pool = x509.NewCertPool()
		}
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("CA file %s holds no PEM certificate", cfg.CAFile)
		}
		tlsCfg.RootCAs = pool
	}
	if cfg.DangerouslySkipTLSVerify {
		tlsCfg.InsecureSkipVerify = true // #nosec G402 -- asked for by name; New warns through Config.Warn
	}
	dialer := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}
	return &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           dialer.DialContext,
		TLSClientConfig:       tlsCfg,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          256,
		MaxIdleConnsPerHost:   64,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ExpectContinueTimeout: time.Second,
		// Bulk responses are small JSON; let the cluster compress them
		// when it wants to.
		DisableCompression: false,
	}, nil
}

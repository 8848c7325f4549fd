package opensearch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	opensearchgo "github.com/opensearch-project/opensearch-go/v4"

	"github.com/siem-go/siem"
)

// Config configures a Sink. Only URL is required.
type Config struct {
	// URL is the cluster endpoint, e.g. "http://127.0.0.1:9200" or
	// "https://search-logs-abc123.eu-west-1.es.amazonaws.com". A path is
	// kept as a prefix (for a cluster behind a reverse proxy).
	URL string

	// Username and Password enable HTTP basic authentication (the
	// security plugin's internal users). Take the password from the
	// environment or a secret store, never from a command-line flag.
	Username string
	Password string
	// SigV4 signs requests for Amazon OpenSearch Service or Serverless;
	// nil means no signing. It cannot be combined with Username.
	SigV4 *SigV4

	// CAFile is a PEM file of certificate authorities trusted in addition
	// to the system roots, for clusters with a private CA.
	CAFile string
	// DangerouslySkipTLSVerify turns off certificate verification: anyone
	// on the path can then read and change what is indexed, including the
	// credentials. For throwaway test clusters only.
	DangerouslySkipTLSVerify bool

	// Serverless targets an OpenSearch Serverless time-series collection,
	// which forbids custom document ids: documents are written with op
	// create and no _id, so a request retried after a connection failure
	// may index some documents twice (see the package documentation).
	// Serverless search collections accept ids: leave this off and set
	// SigV4.Service to "aoss" for them.
	Serverless bool

	// Index chooses the index of each document.
	Index IndexConfig

	// MaxBulkBytes caps the uncompressed size of one _bulk request; 0
	// means 5 MiB. A single document larger than this is sent alone.
	MaxBulkBytes int
	// MaxBulkDocs caps the documents of one _bulk request; 0 means 1000.
	MaxBulkDocs int
	// Concurrency is how many _bulk requests one Write call sends at once
	// when its batch is split; 0 means 2. The pipeline calls Write from
	// each of its workers, so the cluster sees up to workers*Concurrency
	// requests.
	Concurrency int
	// Retry bounds the retries of failed requests and documents.
	Retry Retry
	// RequestTimeout bounds one attempt of one request; 0 means 2 minutes.
	// An attempt that times out is retried like a dropped connection.
	RequestTimeout time.Duration
	// DisableCompression sends request bodies uncompressed. Compression
	// (gzip at its fastest level, about 500 MB/s per core) divides the
	// bytes on the wire by 7 to 10 for ECS documents, which matters over a
	// network and costs the cluster little to undo: against a local node
	// it made no measurable difference either way.
	DisableCompression bool

	// Transport replaces the HTTP transport, for example to go through a
	// test proxy; CAFile and DangerouslySkipTLSVerify must then be unset.
	Transport http.RoundTripper
	// Now is the clock used for ingest-time index dates; nil means
	// time.Now.
	Now func() time.Time
}

// Sink writes documents to OpenSearch with the _bulk API. It implements
// siem.Sink and is safe for concurrent use. Close it when done.
type Sink struct {
	cfg      Config
	client   *opensearchgo.Client
	namer    *namer
	bulkPath string
	// op is the bulk action: "index" (with ids), or "create" for data
	// streams (with ids) and Serverless time series (without).
	op      string
	withIDs bool
	pools   *pools
}

var _ siem.Sink = (*Sink)(nil)

// New checks cfg and returns a sink. It does not contact the cluster: the
// first Write does. With SigV4 and no AWS configuration it loads the AWS
// SDK's default configuration, which reads files but calls nothing.
func New(cfg Config) (*Sink, error) {
	if cfg.URL == "" {
		return nil, errors.New("opensearch: Config.URL is required, e.g. http://127.0.0.1:9200")
	}
	u, err := url.Parse(cfg.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("opensearch: URL %q must look like https://host[:port]", cfg.URL)
	}
	if u.User != nil {
		return nil, errors.New("opensearch: put credentials in Config.Username and Config.Password, not in the URL, so that they never show in logs")
	}
	if cfg.SigV4 != nil && (cfg.Username != "" || cfg.Password != "") {
		return nil, errors.New("opensearch: choose either basic authentication or SigV4, not both")
	}
	if cfg.Password != "" && cfg.Username == "" {
		return nil, errors.New("opensearch: a password needs a username")
	}
	if cfg.MaxBulkBytes <= 0 {
		cfg.MaxBulkBytes = 5 << 20
	}
	if cfg.MaxBulkDocs <= 0 {
		cfg.MaxBulkDocs = 1000
	}
	if cfg.Concurrency <= 0 {
		cfg.Concurrency = 2
	}
	if cfg.RequestTimeout <= 0 {
		cfg.RequestTimeout = 2 * time.Minute
	}
	cfg.Retry = cfg.Retry.withDefaults()
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	nm, err := newNamer(cfg.Index)
	if err != nil {
		return nil, fmt.Errorf("opensearch: %w", err)
	}
	if cfg.Serverless && (nm.cfg.Rotation == RotateAlias || nm.cfg.Rotation == RotateDataStream) {
		return nil, fmt.Errorf("opensearch: OpenSearch Serverless has no aliases or data streams; choose a dated or fixed index rotation instead of %q", nm.cfg.Rotation)
	}
	transport, err := newTransport(cfg)
	if err != nil {
		return nil, fmt.Errorf("opensearch: %w", err)
	}
	sig, err := newSigner(context.Background(), cfg)
	if err != nil {
		return nil, fmt.Errorf("opensearch: %w", err)
	}
	client, err := opensearchgo.NewClient(opensearchgo.Config{
		Addresses: []string{strings.TrimRight(cfg.URL, "/")},
		Username:  cfg.Username,
		Password:  cfg.Password,
		Signer:    sig,
		Transport: transport,
		// The sink retries itself, per document and with jitter; the
		// client's own retries would multiply with ours and hide what
		// failed.
		DisableRetry: true,
		// One endpoint, often a load balancer or an AWS front end: nothing
		// to discover or health-check.
		HealthCheckMaxRetries: -1,
		MaxRetryClusterHealth: -1,
	})
	if err != nil {
		return nil, fmt.Errorf("opensearch: %w", err)
	}
	s := &Sink{
		cfg:     cfg,
		client:  client,
		namer:   nm,
		op:      "index",
		withIDs: true,
		pools:   newPools(),
	}
	switch {
	case cfg.Serverless:
		s.op, s.withIDs = "create", false
	case nm.cfg.Rotation == RotateDataStream:
		s.op = "create"
	}
	// filter_path keeps only what per-item handling reads: a response for
	// 1000 documents shrinks from ~200 KB to ~20 KB. Serverless gets the
	// full response: its API surface is narrower and the saving small
	// next to the network.
	s.bulkPath = "/_bulk"
	if !cfg.Serverless {
		s.bulkPath += "?filter_path=errors,items.*.status,items.*.error"
	}
	return s, nil
}

// Close releases idle connections and the client's background resources.
func (s *Sink) Close() error {
	return s.client.Close()
}

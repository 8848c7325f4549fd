package main

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/siem-go/siem/exclude"
	"github.com/siem-go/siem/sink/opensearch"
)

// config is the function's configuration, read once at start from the
// environment (see README.md for every variable).
type config struct {
	openSearchURL string
	user          string
	password      string
	// passwordSecret names a Secrets Manager secret holding the password.
	passwordSecret string
	// sigV4Service is "es" or "aoss" when requests are signed.
	sigV4Service string
	serverless   bool
	index        opensearch.IndexConfig

	// deadLetters is where dead letters go; nil means the function's log.
	deadLetters *s3Location

	// splitQueueURL turns splitting on: objects of at least splitMinBytes
	// holding more than splitRecords records are cut into spans sent to
	// this queue.
	splitQueueURL string
	splitRecords  int64
	splitMinBytes int64

	geoIPCity, geoIPASN, iocDB string
	userAgent                  bool
	trustedProxies             string
	exclusions                 []exclude.Rule
	omitOriginal               bool
}

// s3Location is an s3://bucket/prefix address.
type s3Location struct{ bucket, prefix string }

func (l s3Location) String() string { return "s3://" + l.bucket + "/" + l.prefix }

// Defaults for the splitting variables.
const (
	defaultSplitRecords  = 50000
	defaultSplitMinBytes = 8 << 20
)

// loadConfig reads the configuration through getenv. The error names the
// variable at fault and says what it should hold.
func loadConfig(getenv func(string) string) (*config, error) {
	c := &config{
		openSearchURL:  strings.TrimSpace(getenv("SIEM_OPENSEARCH_URL")),
		user:           getenv("SIEM_OPENSEARCH_USER"),
		password:       getenv("SIEM_OPENSEARCH_PASSWORD"),
		passwordSecret: getenv("SIEM_OPENSEARCH_PASSWORD_SECRET"),
		sigV4Service:   getenv("SIEM_OPENSEARCH_SIGV4"),
		splitQueueURL:  getenv("SIEM_SPLIT_QUEUE_URL"),
		splitRecords:   defaultSplitRecords,
		splitMinBytes:  defaultSplitMinBytes,
		geoIPCity:      getenv("SIEM_GEOIP_CITY"),
		geoIPASN:       getenv("SIEM_GEOIP_ASN"),
		iocDB:          getenv("SIEM_IOC_DB"),
		trustedProxies: getenv("SIEM_TRUSTED_PROXIES"),
	}
	if c.openSearchURL == "" {
		return nil, fmt.Errorf("SIEM_OPENSEARCH_URL is required: set it to the cluster's endpoint, e.g. https://search-logs-abc.eu-west-1.es.amazonaws.com")
	}
	if u, err := url.Parse(c.openSearchURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("SIEM_OPENSEARCH_URL %q is not an http(s) URL", c.openSearchURL)
	}
	switch c.sigV4Service {
	case "", "es", "aoss":
	default:
		return nil, fmt.Errorf("SIEM_OPENSEARCH_SIGV4 %q: want es (a managed domain) or aoss (Serverless)", c.sigV4Service)
	}
	if c.sigV4Service != "" && c.user != "" {
		return nil, fmt.Errorf("SIEM_OPENSEARCH_SIGV4 and SIEM_OPENSEARCH_USER are both set: choose SigV4 or basic authentication")
	}
	if c.user != "" && c.password == "" && c.passwordSecret == "" {
		return nil, fmt.Errorf("SIEM_OPENSEARCH_USER is set without a password: set SIEM_OPENSEARCH_PASSWORD or SIEM_OPENSEARCH_PASSWORD_SECRET")
	}
	if c.user == "" && (c.password != "" || c.passwordSecret != "") {
		return nil, fmt.Errorf("a password is set without SIEM_OPENSEARCH_USER")
	}
	var err error
	if c.serverless, err = boolVar(getenv, "SIEM_OPENSEARCH_SERVERLESS"); err != nil {
		return nil, err
	}
	if v := getenv("SIEM_INDEX_ROTATION"); v != "" {
		if c.index.Rotation, err = opensearch.ParseRotation(v); err != nil {
			return nil, fmt.Errorf("SIEM_INDEX_ROTATION: %v", err)
		}
	}
	c.index.Prefix = getenv("SIEM_INDEX_PREFIX")
	if v := getenv("SIEM_DEAD_LETTERS"); v != "" {
		loc, err := parseS3Location(v)
		if err != nil {
			return nil, fmt.Errorf("SIEM_DEAD_LETTERS: %v", err)
		}
		c.deadLetters = &loc
	}
	if c.splitRecords, err = intVar(getenv, "SIEM_SPLIT_RECORDS", defaultSplitRecords); err != nil {
		return nil, err
	}
	if c.splitMinBytes, err = intVar(getenv, "SIEM_SPLIT_MIN_BYTES", defaultSplitMinBytes); err != nil {
		return nil, err
	}
	if c.userAgent, err = boolVar(getenv, "SIEM_USER_AGENT"); err != nil {
		return nil, err
	}
	if c.omitOriginal, err = boolVar(getenv, "SIEM_OMIT_ORIGINAL"); err != nil {
		return nil, err
	}
	if v := getenv("SIEM_EXCLUDE"); v != "" {
		if c.exclusions, err = exclude.Parse(v); err != nil {
			return nil, fmt.Errorf("SIEM_EXCLUDE: %v", err)
		}
	}
	for name, v := range map[string]string{"SIEM_GEOIP_CITY": c.geoIPCity, "SIEM_GEOIP_ASN": c.geoIPASN, "SIEM_IOC_DB": c.iocDB} {
		if strings.HasPrefix(v, "s3://") {
			if _, err := parseS3Location(v); err != nil {
				return nil, fmt.Errorf("%s: %v", name, err)
			}
		}
	}
	return c, nil
}

func parseS3Location(v string) (s3Location, error) {
	rest, ok := strings.CutPrefix(v, "s3://")
	bucket, prefix, _ := strings.Cut(rest, "/")
	if !ok || bucket == "" {
		return s3Location{}, fmt.Errorf("%q is not an s3://bucket/prefix address", v)
	}
	return s3Location{bucket: bucket, prefix: strings.TrimSuffix(prefix, "/")}, nil
}

func boolVar(getenv func(string) string, name string) (bool, error) {
	v := getenv(name)
	if v == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, fmt.Errorf("%s %q: want true or false", name, v)
	}
	return b, nil
}

func intVar(getenv func(string) string, name string, def int64) (int64, error) {
	v := getenv(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("%s %q: want a positive whole number", name, v)
	}
	return n, nil
}

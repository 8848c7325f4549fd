package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/enrich"
	"github.com/siem-go/siem/enrich/builtin"
)

// cacheDir keeps databases read from S3 between invocations of one
// execution environment (and across its restarts while /tmp lasts).
var cacheDir = filepath.Join(os.TempDir(), "siem-cache")

// enrichers opens the enrichment the configuration asks for. Databases
// named by s3:// addresses are downloaded once into cacheDir and
// downloaded again only when their ETag changed.
func enrichers(ctx context.Context, c *config, client *s3.Client, log *slog.Logger) ([]siem.Enricher, error) {
	city, err := local(ctx, client, "SIEM_GEOIP_CITY", c.geoIPCity)
	if err != nil {
		return nil, err
	}
	asn, err := local(ctx, client, "SIEM_GEOIP_ASN", c.geoIPASN)
	if err != nil {
		return nil, err
	}
	iocDB, err := local(ctx, client, "SIEM_IOC_DB", c.iocDB)
	if err != nil {
		return nil, err
	}
	set, err := builtin.Open(builtin.Config{
		GeoIPCity: city, GeoIPASN: asn, IoCDB: iocDB,
		TrustedProxies: c.trustedProxies, UserAgent: c.userAgent,
		Reporter: &enrich.Reporter{Logger: log},
	})
	var se *builtin.SettingError
	if errors.As(err, &se) {
		return nil, fmt.Errorf("%s: %v", envNames[se.Setting], se.Err)
	}
	if err != nil {
		return nil, err
	}
	// The databases stay open for the life of the execution environment.
	return set.Chain, nil
}

// envNames are the variables behind each enrichment setting.
var envNames = map[builtin.Setting]string{
	builtin.SettingGeoIP:          "SIEM_GEOIP_CITY/SIEM_GEOIP_ASN",
	builtin.SettingIoCDB:          "SIEM_IOC_DB",
	builtin.SettingTrustedProxies: "SIEM_TRUSTED_PROXIES",
	builtin.SettingUserAgent:      "SIEM_USER_AGENT",
}

// local returns a local path for a database: the value itself for a path
// (a Lambda layer's /opt/...), or the cached download of an s3:// address.
func local(ctx context.Context, client *s3.Client, name, value string) (string, error) {
	if value == "" || !strings.HasPrefix(value, "s3://") {
		return value, nil
	}
	loc, err := parseS3Location(value)
	if err != nil {
		return "", fmt.Errorf("%s: %v", name, err)
	}
	head, err := client.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(loc.bucket), Key: aws.String(loc.prefix)})
	if err != nil {
		return "", fmt.Errorf("%s: cannot read %s: %w", name, value, err)
	}
	etag := strings.Trim(aws.ToString(head.ETag), `"`)
	path := filepath.Join(cacheDir, strings.NewReplacer("/", "_", ":", "_").Replace(loc.bucket+"/"+loc.prefix))
	if b, err := os.ReadFile(path + ".etag"); err == nil && string(b) == etag && etag != "" {
		return path, nil
	}
	if err := os.MkdirAll(cacheDir, 0o700); err != nil {
		return "", err
	}
	out, err := client.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(loc.bucket), Key: aws.String(loc.prefix)})
	if err != nil {
		return "", fmt.Errorf("%s: cannot read %s: %w", name, value, err)
	}
	defer out.Body.Close()
	tmp, err := os.CreateTemp(cacheDir, ".download-*")
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp.Name())
	if _, err := io.Copy(tmp, out.Body); err != nil {
		tmp.Close()
		return "", fmt.Errorf("%s: downloading %s: %w", name, value, err)
	}
	if err := tmp.Close(); err != nil {
		return "", err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return "", err
	}
	if err := os.WriteFile(path+".etag", []byte(etag), 0o600); err != nil {
		return "", err
	}
	return path, nil
}

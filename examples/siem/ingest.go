package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/sink"
	"github.com/siem-go/siem/sink/opensearch"
)

const ingestUsage = `usage: siem ingest --opensearch URL [--user U --password-env VAR | --sigv4 [--region R] [--serverless]]
                   [--ca-file F] [--rotation monthly] [--index-prefix P] [--dlq FILE]
                   [--type NAME] [--key S3KEY] [enrichment flags as for normalize] [PATH|-]...`

func ingest(ctx context.Context, args []string, stdin io.Reader, stderr io.Writer) (int, error) {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	endpoint := fs.String("opensearch", "", "cluster `URL`, e.g. https://search-x.eu-west-1.es.amazonaws.com or http://127.0.0.1:9200 (required)")
	user := fs.String("user", "", "basic-auth user `NAME`; the password comes from --password-env")
	passwordEnv := fs.String("password-env", "", "name of the environment `VARIABLE` holding the basic-auth password (never pass a password as a flag)")
	sigv4 := fs.Bool("sigv4", false, "sign requests with AWS SigV4, credentials from the AWS SDK default chain (environment, profile, SSO, instance or task role)")
	region := fs.String("region", "", "AWS `REGION` of the domain or collection for --sigv4; default: AWS_REGION or the profile's")
	serverless := fs.Bool("serverless", false, "target an OpenSearch Serverless time-series collection (needs --sigv4): no custom ids, so retries after dropped connections may duplicate")
	caFile := fs.String("ca-file", "", "PEM `FILE` of extra certificate authorities to trust")
	skipVerify := fs.Bool("dangerously-skip-tls-verify", false, "do not verify the cluster's TLS certificate (throwaway test clusters only)")
	rotation := fs.String("rotation", "monthly", "index `ROTATION`: none, daily, weekly (ISO week), monthly, yearly, alias (write alias) or datastream")
	indexTime := fs.String("index-time", "event", "date indices by the `TIME` of the event or of ingest")
	timezone := fs.String("timezone", "UTC", "time `ZONE` of index dates (IANA name, e.g. Asia/Tokyo)")
	prefix := fs.String("index-prefix", "", "`PREFIX` put before every index name, e.g. test-")
	suffix := fs.String("index-suffix", "", "`SUFFIX` put after every base index name, before the date")
	attempts := fs.Int("max-attempts", 8, "`N` sends of a request or document before giving up")
	noCompress := fs.Bool("no-compression", false, "send request bodies uncompressed")
	dlqPath := fs.String("dlq", "", "write dead letters to `FILE` instead of stderr")
	typeName := fs.String("type", "", "log type `NAME` (see 'siem types'); default: detected from --key or each PATH")
	key := fs.String("key", "", "S3 `KEY` to detect the type from, when PATH is not named like one")
	var enrichOpts enrichFlags
	enrichOpts.register(fs)
	fs.Usage = func() {
		fmt.Fprintln(stderr, ingestUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK, nil
		}
		return 0, usageError{err.Error()}
	}

	cfg := opensearch.Config{
		URL:                      *endpoint,
		Serverless:               *serverless,
		CAFile:                   *caFile,
		DangerouslySkipTLSVerify: *skipVerify,
		DisableCompression:       *noCompress,
		Retry:                    opensearch.Retry{MaxAttempts: *attempts},
		Index: opensearch.IndexConfig{
			Prefix: *prefix,
			Suffix: *suffix,
			Time:   opensearch.TimeSource(*indexTime),
		},
	}
	if err := ingestAuth(&cfg, *user, *passwordEnv, *sigv4, *region); err != nil {
		return 0, err
	}
	switch {
	case *endpoint == "":
		return 0, usagef("--opensearch URL is required")
	case *attempts < 1:
		return 0, usagef("--max-attempts must be at least 1")
	case *indexTime != "event" && *indexTime != "ingest":
		return 0, usagef("--index-time must be event or ingest, not %q", *indexTime)
	}
	rot, err := opensearch.ParseRotation(*rotation)
	if err != nil {
		return 0, usageError{"--rotation: " + err.Error()}
	}
	cfg.Index.Rotation = rot
	loc, err := time.LoadLocation(*timezone)
	if err != nil {
		return 0, usagef("--timezone %q: %v", *timezone, err)
	}
	cfg.Index.Location = loc

	paths := fs.Args()
	if len(paths) == 0 {
		paths = []string{"-"}
	}
	objects := make([]input, 0, len(paths))
	for _, path := range paths {
		in, err := resolve(path, *typeName, *key)
		if err != nil {
			return 0, err
		}
		objects = append(objects, in)
	}

	enrichment, err := enrichOpts.build(stderr)
	if err != nil {
		return 0, err
	}
	defer enrichment.Close()

	docs, err := opensearch.New(cfg)
	if err != nil {
		return 0, usageError{err.Error()}
	}
	defer docs.Close()
	if *skipVerify {
		fmt.Fprintln(stderr, "siem: WARNING: TLS certificate verification is OFF (--dangerously-skip-tls-verify): anyone on the network path can read and alter what is sent, credentials included")
	}

	dlqOut, dlqName, closeDLQ, err := openDLQ(*dlqPath, stderr)
	if err != nil {
		return 0, err
	}
	defer closeDLQ()
	dlq := sink.NewDeadLetters(dlqOut)
	p, err := siem.NewPipeline(siem.Options{Sink: docs, DeadLetters: dlq, Enrichers: enrichment.chain})
	if err != nil {
		return 0, err
	}

	progress := newProgress(stderr, objects)
	if progress.bar != nil {
		progress.bar.Describe("ingesting")
	}
	total, failed := processAll(ctx, p, objects, stdin, progress)
	if err := dlq.Flush(); err != nil {
		return 0, fmt.Errorf("writing dead letters: %w", err)
	}
	// New refuses URLs with credentials in them, so the URL is safe to print.
	return summarize(ctx, stderr, fmt.Sprintf("%d objects into %s", len(objects), cfg.URL), total, failed, enrichment.reporter, dlqName)
}

// ingestAuth fills the authentication part of cfg from the flags.
func ingestAuth(cfg *opensearch.Config, user, passwordEnv string, sigv4 bool, region string) error {
	switch {
	case sigv4 && (user != "" || passwordEnv != ""):
		return usagef("choose either --sigv4 or --user/--password-env, not both")
	case user != "" && passwordEnv == "":
		return usagef("--user needs --password-env VAR naming the environment variable that holds the password")
	case passwordEnv != "" && user == "":
		return usagef("--password-env needs --user")
	case region != "" && !sigv4:
		return usagef("--region only applies with --sigv4")
	case cfg.Serverless && !sigv4:
		return usagef("--serverless needs --sigv4: OpenSearch Serverless only accepts signed requests")
	}
	if user != "" {
		pw, ok := os.LookupEnv(passwordEnv)
		if !ok || pw == "" {
			return usagef("environment variable %s (from --password-env) is unset or empty", passwordEnv)
		}
		cfg.Username, cfg.Password = user, pw
	}
	if sigv4 {
		cfg.SigV4 = &opensearch.SigV4{Region: region}
	}
	return nil
}

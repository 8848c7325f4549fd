package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/netip"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/sink"
	"github.com/siem-go/siem/sink/opensearch"
)

const ingestUsage = `usage: siem ingest --opensearch URL [--user U --password-env VAR | --sigv4 [--region R] [--serverless]]
                   [--ca-file F] [--rotation monthly] [--index-prefix P] [--dlq FILE]
                   [--type NAME] [--key S3KEY] [--validate] [enrichment flags as for normalize] [PATH|-]...

--dlq must not be an input; it is written to a temporary file renamed over
FILE when the run ends, and locked against a second run. Basic auth over
http:// to a host other than loopback sends the password in clear text: siem
warns. Exit status: 0 all indexed or excluded, 1 dead letters or a broken
object, 2 usage error, 3 an output failed, 130 SIGINT, 143 SIGTERM.
`

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
	dlqPath := fs.String("dlq", "", "write dead letters to `FILE` instead of stderr (through a temporary file, renamed over FILE at the end)")
	validate := fs.Bool("validate", false, "check every document against ECS and the type's vendor schema before sending it, dead-lettering those that fail (slower; for auditing a type)")
	typeName := fs.String("type", "", "log type `NAME` (see 'siem types'); default: detected from --key or each PATH")
	key := fs.String("key", "", "S3 `KEY` to detect the type from, when PATH is not named like one")
	var enrichOpts enrichFlags
	enrichOpts.register(fs)
	fs.Usage = func() {
		fmt.Fprint(stderr, ingestUsage)
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
		in, err := resolve(registry(), path, *typeName, *key)
		if err != nil {
			return 0, err
		}
		objects = append(objects, in)
	}
	outs := &outputs{}
	dlqOut, err := outs.add("--dlq", *dlqPath)
	if err != nil {
		return 0, err
	}
	// Documents go to the cluster: stdout is no output of ingest.
	if err := checkOverlap(objects, stdin, nil, stderr, outs, nil, dlqOut); err != nil {
		return 0, err
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
	warnInsecure(stderr, cfg)

	if err := outs.open("siem ingest"); err != nil {
		return 0, err
	}
	defer outs.abort()
	dlqW, dlqName := io.Writer(stderr), "stderr"
	if dlqOut != nil {
		dlqW, dlqName = dlqOut, *dlqPath
	}
	dlq := sink.NewDeadLetters(dlqW)
	p, err := siem.NewPipeline(siem.Options{Sink: docs, DeadLetters: dlq, Enrichers: enrichment.chain, Validate: *validate})
	if err != nil {
		return 0, err
	}

	progress := newProgress(stderr, objects)
	if progress.bar != nil {
		progress.bar.Describe("ingesting")
	}
	res := processAll(ctx, p, objects, stdin, progress)
	var outputErrs []error
	if err := dlq.Flush(); err != nil && !errors.Is(res.stopped, err) {
		outputErrs = append(outputErrs, err)
	}
	commit := res.stopped == nil && len(outputErrs) == 0 && res.total.Reconciled()
	outputErrs = append(outputErrs, outs.finish(commit)...)
	// New refuses URLs with credentials in them, so the URL is safe to print.
	return summarize(ctx, stderr, outcome{
		what:       fmt.Sprintf("%d objects into %s", len(objects), cfg.URL),
		res:        res,
		outputErrs: outputErrs,
		outs:       outs,
		reporter:   enrichment.reporter,
		dlqName:    dlqName,
	}), nil
}

// warnInsecure warns, before anything is sent, when the connection
// exposes what it carries: TLS verification turned off, or basic-auth
// credentials over plain http:// to a host other than this machine's
// loopback, where anyone on the network path can read the password.
func warnInsecure(stderr io.Writer, cfg opensearch.Config) {
	if cfg.DangerouslySkipTLSVerify {
		fmt.Fprintln(stderr, "siem: WARNING: TLS certificate verification is OFF (--dangerously-skip-tls-verify): anyone on the network path can read and alter what is sent, credentials included")
	}
	if cfg.Username != "" && cleartextRemote(cfg.URL) {
		fmt.Fprintf(stderr, "siem: WARNING: --user over plain http:// to %s: the password and every document cross the network in clear text, readable by anyone on the path; use https://\n", cfg.URL)
	}
}

// cleartextRemote reports whether rawURL is plain http to a host that is
// not loopback (localhost, 127.0.0.0/8, ::1).
func cleartextRemote(rawURL string) bool {
	u, err := url.Parse(rawURL)
	if err != nil || u.Scheme != "http" {
		return false
	}
	host := u.Hostname()
	if strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
		return false
	}
	if ip, err := netip.ParseAddr(host); err == nil && ip.Unmap().IsLoopback() {
		return false
	}
	return true
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

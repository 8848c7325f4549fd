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
	var cluster clusterFlags
	cluster.register(fs)
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

	if cluster.endpoint == "" {
		return 0, usagef("--opensearch URL is required")
	}
	cfg, err := cluster.config()
	if err != nil {
		return 0, err
	}

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

// clusterFlags are the flags that say how to reach and write to a
// cluster, shared by the commands that index documents.
type clusterFlags struct {
	endpoint, user, passwordEnv, region, caFile string
	sigv4, serverless, skipVerify, noCompress   bool
	rotation, indexTime, timezone               string
	prefix, suffix                              string
	attempts                                    int
}

// clusterFlagNames lists the flags register defines, so that a command
// for which --opensearch is optional can refuse the others without it.
var clusterFlagNames = []string{"opensearch", "user", "password-env", "sigv4", "region", "serverless", "ca-file",
	"dangerously-skip-tls-verify", "rotation", "index-time", "timezone", "index-prefix", "index-suffix",
	"max-attempts", "no-compression"}

func (c *clusterFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&c.endpoint, "opensearch", "", "cluster `URL`, e.g. https://search-x.eu-west-1.es.amazonaws.com or http://127.0.0.1:9200")
	fs.StringVar(&c.user, "user", "", "basic-auth user `NAME`; the password comes from --password-env")
	fs.StringVar(&c.passwordEnv, "password-env", "", "name of the environment `VARIABLE` holding the basic-auth password (never pass a password as a flag)")
	fs.BoolVar(&c.sigv4, "sigv4", false, "sign requests with AWS SigV4, credentials from the AWS SDK default chain (environment, profile, SSO, instance or task role)")
	fs.StringVar(&c.region, "region", "", "AWS `REGION` of the domain or collection for --sigv4; default: AWS_REGION or the profile's")
	fs.BoolVar(&c.serverless, "serverless", false, "target an OpenSearch Serverless time-series collection (needs --sigv4): no custom ids, so retries after dropped connections may duplicate")
	fs.StringVar(&c.caFile, "ca-file", "", "PEM `FILE` of extra certificate authorities to trust")
	fs.BoolVar(&c.skipVerify, "dangerously-skip-tls-verify", false, "do not verify the cluster's TLS certificate (throwaway test clusters only)")
	fs.StringVar(&c.rotation, "rotation", "monthly", "index `ROTATION`: none, daily, weekly (ISO week), monthly, yearly, alias (write alias) or datastream")
	fs.StringVar(&c.indexTime, "index-time", "event", "date indices by the `TIME` of the event or of ingest")
	fs.StringVar(&c.timezone, "timezone", "UTC", "time `ZONE` of index dates (IANA name, e.g. Asia/Tokyo)")
	fs.StringVar(&c.prefix, "index-prefix", "", "`PREFIX` put before every index name, e.g. test-")
	fs.StringVar(&c.suffix, "index-suffix", "", "`SUFFIX` put after every base index name, before the date")
	fs.IntVar(&c.attempts, "max-attempts", 8, "`N` sends of a request or document before giving up")
	fs.BoolVar(&c.noCompress, "no-compression", false, "send request bodies uncompressed")
}

// config checks the flags and builds the cluster's configuration.
func (c *clusterFlags) config() (opensearch.Config, error) {
	cfg := opensearch.Config{
		URL:                      c.endpoint,
		Serverless:               c.serverless,
		CAFile:                   c.caFile,
		DangerouslySkipTLSVerify: c.skipVerify,
		DisableCompression:       c.noCompress,
		Retry:                    opensearch.Retry{MaxAttempts: c.attempts},
		Index: opensearch.IndexConfig{
			Prefix: c.prefix,
			Suffix: c.suffix,
			Time:   opensearch.TimeSource(c.indexTime),
		},
	}
	if err := ingestAuth(&cfg, c.user, c.passwordEnv, c.sigv4, c.region); err != nil {
		return cfg, err
	}
	switch {
	case c.attempts < 1:
		return cfg, usagef("--max-attempts must be at least 1")
	case c.indexTime != "event" && c.indexTime != "ingest":
		return cfg, usagef("--index-time must be event or ingest, not %q", c.indexTime)
	}
	rot, err := opensearch.ParseRotation(c.rotation)
	if err != nil {
		return cfg, usageError{"--rotation: " + err.Error()}
	}
	cfg.Index.Rotation = rot
	loc, err := time.LoadLocation(c.timezone)
	if err != nil {
		return cfg, usagef("--timezone %q: %v", c.timezone, err)
	}
	cfg.Index.Location = loc
	return cfg, nil
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

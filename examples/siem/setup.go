package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/sink/opensearch"
)

const setupUsage = `usage: siem setup --opensearch URL [--user U --password-env VAR | --sigv4 [--region R] [--serverless]]
                  [--ca-file F] [--rotation monthly | --data-streams] [--index-prefix P] [--index-suffix S]
                  [--shards N] [--replicas N] [--refresh-interval D] [--rollover-size S] [--rollover-age D]
       siem setup --dry-run [flags]`

// setup installs the index templates (and ISM policies) for the
// registered log types, or prints them with --dry-run.
func setup(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("setup", flag.ContinueOnError)
	fs.SetOutput(stderr)
	endpoint := fs.String("opensearch", "", "cluster `URL`, e.g. https://search-x.eu-west-1.es.amazonaws.com or http://127.0.0.1:9200 (required unless --dry-run)")
	user := fs.String("user", "", "basic-auth user `NAME`; the password comes from --password-env")
	passwordEnv := fs.String("password-env", "", "name of the environment `VARIABLE` holding the basic-auth password (never pass a password as a flag)")
	sigv4 := fs.Bool("sigv4", false, "sign requests with AWS SigV4, credentials from the AWS SDK default chain")
	region := fs.String("region", "", "AWS `REGION` of the domain or collection for --sigv4; default: AWS_REGION or the profile's")
	serverless := fs.Bool("serverless", false, "target OpenSearch Serverless (needs --sigv4): no shard, replica or refresh settings, no ISM")
	caFile := fs.String("ca-file", "", "PEM `FILE` of extra certificate authorities to trust")
	skipVerify := fs.Bool("dangerously-skip-tls-verify", false, "do not verify the cluster's TLS certificate (throwaway test clusters only)")
	rotation := fs.String("rotation", "monthly", "index `ROTATION` that 'siem ingest' will use: none, daily, weekly, monthly, yearly, alias or datastream")
	dataStreams := fs.Bool("data-streams", false, "make the templates create data streams (same as --rotation datastream)")
	prefix := fs.String("index-prefix", "", "`PREFIX` put before every index and template name, as given to 'siem ingest'")
	suffix := fs.String("index-suffix", "", "`SUFFIX` put after every base index name, as given to 'siem ingest'")
	shards := fs.Int("shards", 1, "primary shards per index (`N`)")
	replicas := fs.Int("replicas", -1, "replicas per shard (`N`); -1 leaves the cluster default; a single node needs 0")
	refresh := fs.String("refresh-interval", "", "index refresh `INTERVAL`, e.g. 30s; default: the cluster's (1s)")
	rolloverSize := fs.String("rollover-size", "", "with ISM, roll a write alias or data stream over at this primary shard `SIZE` (default 50gb)")
	rolloverAge := fs.String("rollover-age", "", "with ISM, roll over at this index `AGE` (default 30d)")
	dryRun := fs.Bool("dry-run", false, "print the requests instead of sending them")
	fs.Usage = func() {
		fmt.Fprintln(stderr, setupUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return usagef("setup takes no arguments, got %q", fs.Args())
	}

	rot, err := opensearch.ParseRotation(*rotation)
	if err != nil {
		return usageError{"--rotation: " + err.Error()}
	}
	if *dataStreams {
		if flagSet(fs, "rotation") && rot != opensearch.RotateDataStream {
			return usagef("--data-streams contradicts --rotation %s", rot)
		}
		rot = opensearch.RotateDataStream
	}
	switch {
	case *shards < 1:
		return usagef("--shards must be at least 1")
	case *replicas < -1:
		return usagef("--replicas must be 0 or more (or -1 for the cluster default)")
	case *serverless && (flagSet(fs, "shards") || flagSet(fs, "replicas") || flagSet(fs, "refresh-interval")):
		return usagef("OpenSearch Serverless manages shards, replicas and refresh itself: drop --shards, --replicas and --refresh-interval")
	}
	opts := opensearch.TemplateOptions{
		Shards:          *shards,
		RefreshInterval: *refresh,
		Serverless:      *serverless,
		Rollover:        opensearch.Rollover{MinPrimaryShardSize: *rolloverSize, MinIndexAge: *rolloverAge},
		Index:           opensearch.IndexConfig{Prefix: *prefix, Suffix: *suffix, Rotation: rot},
	}
	if *replicas >= 0 {
		opts.Replicas = replicas
	}
	reg := siem.Default()

	if *dryRun {
		// Without a cluster to ask, policies are shown as they would be
		// installed with ISM present.
		opts.ISM = !*serverless
		return printTemplates(stdout, reg, opts)
	}

	cfg := opensearch.Config{
		URL:                      *endpoint,
		Serverless:               *serverless,
		CAFile:                   *caFile,
		DangerouslySkipTLSVerify: *skipVerify,
		Index:                    opts.Index,
	}
	if err := ingestAuth(&cfg, *user, *passwordEnv, *sigv4, *region); err != nil {
		return err
	}
	if *endpoint == "" {
		return usagef("--opensearch URL is required (or --dry-run to print the templates)")
	}
	target, err := opensearch.New(cfg)
	if err != nil {
		return usageError{err.Error()}
	}
	defer target.Close()
	warnInsecure(stderr, cfg)

	report, err := target.Setup(ctx, reg, opts)
	printReport(stdout, report)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "siem: %s is ready for 'siem ingest --rotation %s%s'\n", cfg.URL, rot, prefixFlag(*prefix, *suffix))
	return nil
}

func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

func prefixFlag(prefix, suffix string) string {
	var b strings.Builder
	if prefix != "" {
		b.WriteString(" --index-prefix " + prefix)
	}
	if suffix != "" {
		b.WriteString(" --index-suffix " + suffix)
	}
	return b.String()
}

// printReport lists what Setup did, then its notes.
func printReport(w io.Writer, r opensearch.SetupReport) {
	tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "ACTION\tKIND\tNAME")
	for _, s := range r.Steps {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", s.Action, s.Kind, s.Name)
	}
	tw.Flush()
	if r.ISM {
		fmt.Fprintln(w, "ISM: the index-management plugin is installed")
	}
	for _, n := range r.Notes {
		fmt.Fprintln(w, "note:", n)
	}
}

// printTemplates writes each request as a method and path line followed
// by the indented body, the form OpenSearch Dashboards' Dev Tools takes.
func printTemplates(w io.Writer, reg *siem.Registry, opts opensearch.TemplateOptions) error {
	ts, err := opensearch.Templates(reg, opts)
	if err != nil {
		return err
	}
	for _, t := range ts {
		var body bytes.Buffer
		if err := json.Indent(&body, t.Body, "", "  "); err != nil {
			return err
		}
		fmt.Fprintf(w, "PUT %s\n%s\n\n", t.Path(), body.Bytes())
	}
	return nil
}

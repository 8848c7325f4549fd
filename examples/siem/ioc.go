package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/siem-go/siem/enrich/ioc"
	"github.com/siem-go/siem/enrich/ioc/feed"
)

const iocUsage = `usage:
  siem ioc fetch -d DIR [--otx-key-env VAR] [--timeout 30s] [--max-bytes 200MB]
                 [--tor-url U] [--feodo-url U] [--otx-url U]
      Download the public threat-intelligence feeds into DIR.
  siem ioc build -o FILE [--from DIR] [--tor F] [--feodo F] [--otx DIR]
                 [--txt F[:PROVIDER]]... [--stix F]... [--builtin]
      Build an indicator database from feed files.
  siem ioc lookup --db FILE VALUE...
      Show the indicators matching addresses, domains or URLs.
  siem ioc info FILE
      Show what a database holds.
Run 'siem ioc COMMAND -h' for the flags of a command.
`

// File names that 'ioc fetch' writes in its directory and 'ioc build
// --from' reads.
const (
	torFile   = "tor-exit-addresses"
	feodoFile = "feodo-ipblocklist.json"
	otxDir    = "otx"
)

func iocCommand(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, iocUsage)
		return usagef("ioc needs a command")
	}
	switch args[0] {
	case "fetch":
		return iocFetch(ctx, args[1:], stdout, stderr)
	case "build":
		return iocBuild(args[1:], stdout, stderr)
	case "lookup":
		return iocLookup(args[1:], stdout, stderr)
	case "info":
		return iocInfo(args[1:], stdout, stderr)
	case "-h", "--help", "help":
		fmt.Fprint(stdout, iocUsage)
		return nil
	}
	return usagef("unknown ioc command %q; run 'siem ioc help'", args[0])
}

// parseFlags parses args, turning -h into a clean exit and other problems
// into usage errors.
func parseFlags(fs *flag.FlagSet, args []string) (help bool, err error) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return true, nil
		}
		return false, usageError{err.Error()}
	}
	return false, nil
}

// repeated collects a flag given several times.
type repeated []string

func (r *repeated) String() string     { return strings.Join(*r, ",") }
func (r *repeated) Set(v string) error { *r = append(*r, v); return nil }

// source is one feed file to build from.
type source struct {
	kind     string // tor, feodo, otx, txt, stix
	path     string
	provider string // txt only
	optional bool   // found by --from: skipped when missing
}

func iocBuild(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("ioc build", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("o", "", "write the database to `FILE` (replaced atomically)")
	from := fs.String("from", "", "read the feeds 'siem ioc fetch' wrote to `DIR`, those present")
	tor := fs.String("tor", "", "Tor exit list `FILE` (exit-addresses or bulk format)")
	feodo := fs.String("feodo", "", "Feodo Tracker ipblocklist.json `FILE`")
	otx := fs.String("otx", "", "`DIR` of AlienVault OTX pulse JSON files")
	var txts, stixs repeated
	fs.Var(&txts, "txt", "plain list `FILE[:PROVIDER]`, one IP, CIDR, domain or URL per line; the provider defaults to the file name (repeatable)")
	fs.Var(&stixs, "stix", "STIX 2.1 bundle `FILE` (repeatable)")
	builtin := fs.Bool("builtin", false, "add the AWS instance metadata addresses (169.254.169.254, fd00:ec2::254) as indicators of provider \"built-in\": outside an instance, traffic to them suggests server-side request forgery")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: siem ioc build -o FILE [--from DIR] [--tor F] [--feodo F] [--otx DIR] [--txt F[:PROVIDER]]... [--stix F]... [--builtin]")
		fs.PrintDefaults()
	}
	if help, err := parseFlags(fs, args); help || err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("ioc build takes no arguments, got %q; name feed files with --tor, --feodo, --otx, --txt or --stix", fs.Arg(0))
	}
	if *out == "" {
		return usagef("ioc build needs -o FILE")
	}

	var sources []source
	if *from != "" {
		sources = append(sources,
			source{kind: "tor", path: filepath.Join(*from, torFile), optional: true},
			source{kind: "feodo", path: filepath.Join(*from, feodoFile), optional: true},
			source{kind: "otx", path: filepath.Join(*from, otxDir), optional: true})
	}
	for _, s := range []source{{kind: "tor", path: *tor}, {kind: "feodo", path: *feodo}, {kind: "otx", path: *otx}} {
		if s.path != "" {
			sources = append(sources, s)
		}
	}
	for _, t := range txts {
		path, provider := splitProvider(t)
		sources = append(sources, source{kind: "txt", path: path, provider: provider})
	}
	for _, s := range stixs {
		sources = append(sources, source{kind: "stix", path: s})
	}
	if len(sources) == 0 && !*builtin {
		return usagef("ioc build needs at least one feed: --from, --tor, --feodo, --otx, --txt, --stix or --builtin")
	}

	var b ioc.Builder
	read := 0
	if *builtin {
		for _, ind := range builtinIndicators() {
			if err := b.Add(ind); err != nil {
				return fmt.Errorf("internal error: built-in indicator: %w; please report this", err)
			}
			read++
		}
		fmt.Fprintf(stdout, "built-in: %s\n", plural(read, "indicator"))
	}
	for _, src := range sources {
		if src.optional {
			if _, err := os.Stat(src.path); errors.Is(err, os.ErrNotExist) {
				fmt.Fprintf(stdout, "%-5s %s: not there, skipped\n", src.kind, src.path)
				continue
			}
		}
		res, err := readSource(src)
		if err != nil {
			return fmt.Errorf("%s %s: %w; nothing written", src.kind, src.path, err)
		}
		fmt.Fprintf(stdout, "%-5s %s: %s\n", src.kind, src.path, res.Summary())
		for _, w := range res.Warnings {
			fmt.Fprintf(stdout, "      warning: %s\n", w)
		}
		for _, ind := range res.Indicators {
			if err := b.Add(ind); err != nil {
				// Parsers return only valid indicators; this is a bug.
				return fmt.Errorf("%s %s: internal error: %w; please report this", src.kind, src.path, err)
			}
		}
		read += len(res.Indicators)
	}
	if b.Len() == 0 {
		return fmt.Errorf("no indicators read; %s was not written, so a database in use is not replaced by an empty one", *out)
	}
	n, err := b.WriteFile(*out)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s: %s (%d read, %s merged), %d bytes\n", *out, plural(b.Len(), "indicator"), read, plural(b.Duplicates(), "duplicate"), n)
	return nil
}

// splitProvider splits "FILE:PROVIDER"; without a provider (or when what
// follows the last colon looks like part of a path), the provider is the
// file name without its extension.
func splitProvider(arg string) (path, provider string) {
	if i := strings.LastIndexByte(arg, ':'); i > 0 && i < len(arg)-1 && !strings.ContainsAny(arg[i+1:], `/\`) {
		return arg[:i], arg[i+1:]
	}
	base := filepath.Base(arg)
	return arg, strings.TrimSuffix(base, filepath.Ext(base))
}

// builtinIndicators are the addresses of the AWS instance metadata
// service, which only software on an instance should reach.
func builtinIndicators() []ioc.Indicator {
	var out []ioc.Indicator
	for _, a := range []string{"169.254.169.254", "fd00:ec2::254"} {
		ind, _ := ioc.NewIP(a)
		ind.Provider = "built-in"
		ind.Description = "AWS instance metadata service (IMDS); outside an instance, traffic to it suggests server-side request forgery"
		out = append(out, ind)
	}
	return out
}

func readSource(src source) (feed.Result, error) {
	if src.kind == "otx" {
		return feed.OTXDir(os.DirFS(src.path), ".")
	}
	f, err := os.Open(src.path)
	if err != nil {
		return feed.Result{}, err
	}
	defer f.Close()
	switch src.kind {
	case "tor":
		return feed.Tor(f)
	case "feodo":
		return feed.Feodo(f)
	case "txt":
		return feed.Text(f, src.provider)
	default:
		return feed.STIX(f)
	}
}

func iocFetch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("ioc fetch", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("d", "", "download into `DIR` (created if missing)")
	keyEnv := fs.String("otx-key-env", "OTX_API_KEY", "environment `VAR` holding the OTX API key; OTX is skipped when it is unset")
	timeout := fs.Duration("timeout", feed.DefaultTimeout, "time limit for each request, body included")
	maxBytes := fs.String("max-bytes", "200MB", "size limit of each response (B, KB, MB, GB, KiB, MiB, GiB)")
	torURL := fs.String("tor-url", feed.TorURL, "Tor exit list `URL` (empty: skip)")
	feodoURL := fs.String("feodo-url", feed.FeodoURL, "Feodo Tracker blocklist `URL` (empty: skip)")
	otxURL := fs.String("otx-url", feed.OTXURL, "OTX subscribed pulses API `URL` (empty: skip)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: siem ioc fetch -d DIR [--otx-key-env VAR] [--timeout 30s] [--max-bytes 200MB] [--tor-url U] [--feodo-url U] [--otx-url U]")
		fs.PrintDefaults()
	}
	if help, err := parseFlags(fs, args); help || err != nil {
		return err
	}
	if *dir == "" {
		return usagef("ioc fetch needs -d DIR")
	}
	if fs.NArg() > 0 {
		return usagef("ioc fetch takes no arguments, got %q", fs.Arg(0))
	}
	limit, err := parseSize(*maxBytes)
	if err != nil {
		return usagef("--max-bytes: %v", err)
	}
	if *timeout <= 0 {
		return usagef("--timeout must be positive")
	}
	if err := os.MkdirAll(*dir, 0o755); err != nil {
		return err
	}
	f := &feed.Fetcher{Timeout: *timeout, MaxBytes: limit}

	var failed []string
	for _, dl := range []struct{ name, url, file string }{
		{"tor", *torURL, torFile},
		{"feodo", *feodoURL, feodoFile},
	} {
		if dl.url == "" {
			fmt.Fprintf(stdout, "%-5s skipped: no URL\n", dl.name)
			continue
		}
		got, err := f.Fetch(ctx, dl.url, filepath.Join(*dir, dl.file))
		switch {
		case err != nil:
			fmt.Fprintf(stdout, "%-5s failed: %v\n", dl.name, err)
			failed = append(failed, dl.name)
		case got.NotModified:
			fmt.Fprintf(stdout, "%-5s %s: not modified, kept\n", dl.name, got.Path)
		default:
			fmt.Fprintf(stdout, "%-5s %s: %d bytes\n", dl.name, got.Path, got.Bytes)
		}
	}
	key := os.Getenv(*keyEnv)
	switch {
	case *otxURL == "":
		fmt.Fprintf(stdout, "%-5s skipped: no URL\n", "otx")
	case key == "":
		fmt.Fprintf(stdout, "%-5s skipped: %s is not set; put an OTX API key there to download subscribed pulses\n", "otx", *keyEnv)
	default:
		got, err := f.FetchOTX(ctx, *otxURL, key, filepath.Join(*dir, otxDir))
		if err != nil {
			fmt.Fprintf(stdout, "%-5s failed: %v\n", "otx", err)
			failed = append(failed, "otx")
			break
		}
		since := "all subscribed pulses"
		if !got.Since.IsZero() {
			since = "pulses modified since " + got.Since.Format(time.RFC3339)
		}
		fmt.Fprintf(stdout, "%-5s %s: %s in %s (%s)\n", "otx", filepath.Join(*dir, otxDir), plural(got.Pulses, "pulse"), plural(got.Pages, "page"), since)
		for _, w := range got.Warnings {
			fmt.Fprintf(stdout, "      warning: %s\n", w)
		}
	}
	if len(failed) > 0 {
		return fmt.Errorf("ioc fetch: %s failed (see above); the files already there are kept, so 'siem ioc build --from %s' still works", strings.Join(failed, ", "), *dir)
	}
	return nil
}

// parseSize reads sizes such as "200MB", "1GiB" or "4096".
func parseSize(s string) (int64, error) {
	units := map[string]int64{
		"": 1, "B": 1,
		"KB": 1e3, "MB": 1e6, "GB": 1e9,
		"KIB": 1 << 10, "MIB": 1 << 20, "GIB": 1 << 30,
	}
	t := strings.TrimSpace(s)
	i := len(t)
	for i > 0 && (t[i-1] < '0' || t[i-1] > '9') {
		i--
	}
	mult, ok := units[strings.ToUpper(strings.TrimSpace(t[i:]))]
	n, err := strconv.ParseInt(t[:i], 10, 64)
	if !ok || err != nil || n <= 0 || n > (1<<62)/mult {
		return 0, fmt.Errorf("%q is not a size such as 200MB, 1GiB or 4096", s)
	}
	return n * mult, nil
}

func iocLookup(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("ioc lookup", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dbPath := fs.String("db", "", "indicator database `FILE`")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: siem ioc lookup --db FILE VALUE...")
		fs.PrintDefaults()
	}
	if help, err := parseFlags(fs, args); help || err != nil {
		return err
	}
	if *dbPath == "" || fs.NArg() == 0 {
		return usagef("ioc lookup needs --db FILE and at least one value")
	}
	db, err := ioc.Load(*dbPath)
	if err != nil {
		return err
	}
	for _, v := range fs.Args() {
		inds := db.Lookup(v)
		if len(inds) == 0 {
			fmt.Fprintf(stdout, "%s: no match\n", v)
			continue
		}
		for _, ind := range inds {
			fmt.Fprintf(stdout, "%s: %s %s (%s)", v, ind.Type, ind.Name(), ind.Provider)
			if ind.Description != "" {
				fmt.Fprintf(stdout, " %s", ind.Description)
			}
			if !ind.FirstSeen.IsZero() || !ind.LastSeen.IsZero() {
				fmt.Fprintf(stdout, " [%s .. %s]", showTime(ind.FirstSeen), showTime(ind.LastSeen))
			}
			fmt.Fprintln(stdout)
		}
	}
	return nil
}

// plural writes n and the noun, with an s unless n is 1.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func showTime(t time.Time) string {
	if t.IsZero() {
		return "?"
	}
	return t.Format(time.RFC3339)
}

func iocInfo(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("ioc info", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprintln(stderr, "usage: siem ioc info FILE") }
	if help, err := parseFlags(fs, args); help || err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("ioc info needs one database FILE")
	}
	db, err := ioc.Load(fs.Arg(0))
	if err != nil {
		return err
	}
	st := db.Stats()
	fmt.Fprintf(stdout, "built       %s\n", st.Built.Format(time.RFC3339))
	fmt.Fprintf(stdout, "indicators  %d\n", st.Indicators)
	fmt.Fprintf(stdout, "keys        %d IPv4 networks, %d IPv6 networks, %d domains\n", st.IPv4Networks, st.IPv6Networks, st.Domains)
	for _, t := range slices.Sorted(maps.Keys(st.ByType)) {
		fmt.Fprintf(stdout, "type        %-12s %d\n", t, st.ByType[t])
	}
	for _, p := range slices.Sorted(maps.Keys(st.ByProvider)) {
		fmt.Fprintf(stdout, "provider    %-12s %d\n", p, st.ByProvider[p])
	}
	return nil
}

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/sink"
)

func normalize(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) (int, error) {
	fs := flag.NewFlagSet("normalize", flag.ContinueOnError)
	fs.SetOutput(stderr)
	typeName := fs.String("type", "", "log type `NAME` (see 'siem types'); default: detected from --key or each PATH")
	key := fs.String("key", "", "S3 `KEY` to detect the type from, when PATH is not named like one")
	outPath := fs.String("o", "", "write documents to `FILE` instead of stdout")
	dlqPath := fs.String("dlq", "", "write dead letters to `FILE` instead of stderr")
	var enrichOpts enrichFlags
	enrichOpts.register(fs)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: siem normalize [--type NAME] [--key S3KEY] [-o FILE] [--dlq FILE] [--geoip-city F] [--geoip-asn F] [--ioc-db F] [--trusted-proxies CIDR,...] [--user-agent] [PATH|-]...")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK, nil
		}
		return 0, usageError{err.Error()}
	}
	paths := fs.Args()
	if len(paths) == 0 {
		paths = []string{"-"}
	}

	// Resolve every object's type before reading any, so that a usage
	// mistake costs nothing.
	objects := make([]input, 0, len(paths))
	for _, path := range paths {
		in, err := resolve(path, *typeName, *key)
		if err != nil {
			return 0, err
		}
		objects = append(objects, in)
	}

	out := stdout
	if *outPath != "" {
		f, err := os.Create(*outPath)
		if err != nil {
			return 0, err
		}
		defer f.Close()
		out = f
	}
	dlqOut, dlqName, closeDLQ, err := openDLQ(*dlqPath, stderr)
	if err != nil {
		return 0, err
	}
	defer closeDLQ()
	enrichment, err := enrichOpts.build(stderr)
	if err != nil {
		return 0, err
	}
	defer enrichment.Close()
	docs := sink.NewNDJSON(out)
	dlq := sink.NewDeadLetters(dlqOut)
	p, err := siem.NewPipeline(siem.Options{Sink: docs, DeadLetters: dlq, Enrichers: enrichment.chain})
	if err != nil {
		return 0, err
	}

	progress := newProgress(stderr, objects)
	total, failed := processAll(ctx, p, objects, stdin, progress)
	if err := docs.Flush(); err != nil {
		return 0, fmt.Errorf("writing documents: %w", err)
	}
	if err := dlq.Flush(); err != nil {
		return 0, fmt.Errorf("writing dead letters: %w", err)
	}
	return summarize(ctx, stderr, fmt.Sprintf("%d objects", len(objects)), total, failed, enrichment.reporter, dlqName)
}

// input is one object to normalize with its resolved type.
type input struct {
	path string
	obj  siem.Object
	lt   siem.LogType
	size int64
}

func resolve(path, typeName, key string) (input, error) {
	in := input{path: path, obj: siem.Object{Key: path}}
	if key != "" {
		in.obj.Key = key
	}
	reg := siem.Default()
	switch {
	case typeName != "":
		lt, ok := reg.Lookup(typeName)
		if !ok {
			return in, usagef("unknown log type %q; run 'siem types' to list them", typeName)
		}
		in.lt = lt
	default:
		lt, err := reg.Detect(in.obj)
		if err != nil {
			if in.obj.Key == "-" {
				return in, usagef("cannot detect the log type of standard input; give --type NAME or --key S3KEY (run 'siem types' to list them)")
			}
			return in, usagef("%v; give --type NAME or --key S3KEY, and run 'siem types' to list the key patterns", err)
		}
		in.lt = lt
	}
	if path != "-" {
		st, err := os.Stat(path)
		if err != nil {
			return in, usageError{err.Error()}
		}
		in.size = st.Size()
	}
	return in, nil
}

func (in input) process(ctx context.Context, p *siem.Pipeline, stdin io.Reader, prog *progress) (siem.Counts, error) {
	var r io.Reader = stdin
	if in.path != "-" {
		f, err := os.Open(in.path)
		if err != nil {
			return siem.Counts{}, err
		}
		defer f.Close()
		r = f
	}
	return p.ProcessAs(ctx, in.lt, in.obj, prog.wrap(r))
}

// progress shows a bar of input bytes on a terminal and stays silent
// otherwise, so that scripts see only the summary.
type progress struct {
	w   io.Writer
	bar *progressbar.ProgressBar
}

func newProgress(w io.Writer, objects []input) *progress {
	p := &progress{w: w}
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return p
	}
	var total int64
	for _, in := range objects {
		if in.size == 0 {
			total = -1 // standard input: size unknown, show a spinner
			break
		}
		total += in.size
	}
	p.bar = progressbar.NewOptions64(total,
		progressbar.OptionSetWriter(w),
		progressbar.OptionShowBytes(true),
		progressbar.OptionSetDescription("normalizing"),
		progressbar.OptionThrottle(100_000_000),
		progressbar.OptionClearOnFinish(),
	)
	return p
}

func (p *progress) wrap(r io.Reader) io.Reader {
	if p.bar == nil {
		return r
	}
	pr := progressbar.NewReader(r, p.bar)
	return &pr
}

func (p *progress) note(msg string) {
	if p.bar != nil {
		p.bar.Clear()
	}
	fmt.Fprintln(p.w, "siem:", strings.TrimSpace(msg))
}

func (p *progress) finish() {
	if p.bar != nil {
		p.bar.Finish()
	}
}

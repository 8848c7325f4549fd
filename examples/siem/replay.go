package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"

	"github.com/valyala/fastjson"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/parser"
	"github.com/siem-go/siem/sink"
	"github.com/siem-go/siem/sink/opensearch"
)

const replayUsage = `usage: siem replay [--opensearch URL [auth, index and retry flags as for ingest] | -o FILE]
                   [--dlq FILE] [--type NAME] [--validate] [enrichment flags as for normalize] SOURCE...

Re-normalizes dead letters (the lines --dlq wrote) from their raw records,
each with the log type it names (or --type), and writes the documents to
OpenSearch, to -o FILE, or to stdout. SOURCE is a dead-letter file, - for
standard input, or s3://BUCKET/PREFIX for every object under the prefix
(AWS SDK default credentials; AWS_ENDPOINT_URL_S3 for another S3 server);
each may be gzip- or zstd-compressed. Replayed documents get the ids the
original records would have had, so replaying twice overwrites.

Dead letters that cannot be replayed (an unknown type, a record only the
start of which was kept, a line that is no dead letter) are dead-lettered
again; every dead letter written keeps its record's original object and
position, so the --dlq of a replay can be replayed in turn. -o and --dlq
are written as for normalize. Exit status: 0 all indexed or excluded, 1
dead letters or a broken source, 2 usage error, 3 an output failed, 130
SIGINT, 143 SIGTERM.
`

func replay(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) (int, error) {
	fs := flag.NewFlagSet("replay", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cluster clusterFlags
	cluster.register(fs)
	outPath := fs.String("o", "", "write documents to `FILE` instead of stdout, when not indexing them (through a temporary file, renamed over FILE at the end)")
	dlqPath := fs.String("dlq", "", "write the dead letters that fail again to `FILE` instead of stderr (as for -o)")
	validate := fs.Bool("validate", false, "check every document against ECS and the type's vendor schema, dead-lettering those that fail")
	typeName := fs.String("type", "", "replay every dead letter as log type `NAME` (see 'siem types'), whatever type it names")
	var enrichOpts enrichFlags
	enrichOpts.register(fs)
	fs.Usage = func() {
		fmt.Fprint(stderr, replayUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK, nil
		}
		return 0, usageError{err.Error()}
	}

	var override siem.LogType
	if *typeName != "" {
		lt, ok := registry().Lookup(*typeName)
		if !ok {
			return 0, usagef("unknown log type %q; run 'siem types' to list them", *typeName)
		}
		override = lt
	}
	var cfg opensearch.Config
	toCluster := cluster.endpoint != ""
	if toCluster {
		if *outPath != "" {
			return 0, usagef("-o and --opensearch exclude each other: documents go either to a file or to the cluster")
		}
		var err error
		if cfg, err = cluster.config(); err != nil {
			return 0, err
		}
	} else if err := clusterFlagsWithoutCluster(fs); err != nil {
		return 0, err
	}
	if fs.NArg() == 0 {
		return 0, usagef("name the dead letters to replay: a file, - for standard input, or s3://BUCKET/PREFIX")
	}
	sources := make([]replaySource, 0, fs.NArg())
	var inputs []input
	for _, name := range fs.Args() {
		src, err := parseReplaySource(name)
		if err != nil {
			return 0, err
		}
		sources = append(sources, src)
		if !src.isS3() {
			inputs = append(inputs, src.in)
		}
	}

	outs := &outputs{}
	docsOut, err := outs.add("-o", *outPath)
	if err != nil {
		return 0, err
	}
	dlqOut, err := outs.add("--dlq", *dlqPath)
	if err != nil {
		return 0, err
	}
	stdoutDest := stdout
	if toCluster {
		stdoutDest = nil // documents go to the cluster: stdout is no output
	}
	if err := checkOverlap(inputs, stdin, stdoutDest, stderr, outs, docsOut, dlqOut); err != nil {
		return 0, err
	}
	enrichment, err := enrichOpts.build(stderr)
	if err != nil {
		return 0, err
	}
	defer enrichment.Close()

	var docSink siem.Sink
	var flushDocs func() error
	what := fmt.Sprintf("replayed %s", plural(len(sources), "source"))
	if toCluster {
		osSink, err := opensearch.New(cfg)
		if err != nil {
			return 0, usageError{err.Error()}
		}
		defer osSink.Close()
		warnInsecure(stderr, cfg)
		docSink = osSink
		what += " into " + cfg.URL
	}
	if err := outs.open("siem replay"); err != nil {
		return 0, err
	}
	defer outs.abort()
	if !toCluster {
		out := stdout
		if docsOut != nil {
			out = docsOut
		}
		nd := sink.NewNDJSON(out)
		docSink, flushDocs = nd, nd.Flush
	}
	dlqW, dlqName := io.Writer(stderr), "stderr"
	if dlqOut != nil {
		dlqW, dlqName = dlqOut, *dlqPath
	}
	dlq := sink.NewDeadLetters(dlqW)
	positions := &originalPositions{next: dlq}
	p, err := siem.NewPipeline(siem.Options{Sink: docSink, DeadLetters: positions, Enrichers: enrichment.chain, Validate: *validate})
	if err != nil {
		return 0, err
	}

	progress := newProgress(stderr, inputs)
	if progress.bar != nil {
		progress.bar.Describe("replaying")
	}
	rp := &replayer{p: p, reg: registry(), override: override, dlq: dlq, positions: positions, progress: progress}
	res := rp.replayAll(ctx, sources, stdin)
	var outputErrs []error
	for _, flush := range []func() error{flushDocs, dlq.Flush} {
		if flush == nil {
			continue
		}
		// A sink error that stopped the run was reported with it.
		if err := flush(); err != nil && !errors.Is(res.stopped, err) {
			outputErrs = append(outputErrs, err)
		}
	}
	commit := res.stopped == nil && len(outputErrs) == 0 && res.total.Reconciled()
	outputErrs = append(outputErrs, outs.finish(commit)...)
	return summarize(ctx, stderr, outcome{
		what:       what,
		res:        res,
		outputErrs: outputErrs,
		outs:       outs,
		reporter:   enrichment.reporter,
		dlqName:    dlqName,
	}), nil
}

// clusterFlagsWithoutCluster refuses the cluster's flags without
// --opensearch: they would be silently ignored.
func clusterFlagsWithoutCluster(fs *flag.FlagSet) error {
	var err error
	fs.Visit(func(f *flag.Flag) {
		if err == nil && slices.Contains(clusterFlagNames, f.Name) {
			err = usagef("--%s only applies with --opensearch URL", f.Name)
		}
	})
	return err
}

// replayer feeds dead letters to streams of the pipeline, one stream per
// run of dead letters of the same object and type.
type replayer struct {
	p         *siem.Pipeline
	reg       *siem.Registry
	override  siem.LogType
	dlq       siem.DeadLetterSink // for dead letters that cannot be replayed
	positions *originalPositions
	progress  *progress
	json      fastjson.Parser

	stream    *siem.Stream
	streamKey streamKey
	res       runResult
}

// streamKey is what a stream is opened for: replayed records get the ids
// a read of their object as their type would give them.
type streamKey struct {
	obj      siem.Object
	typeName string
}

// replayAll replays every source in turn, stopping early when ctx ends or
// an output failed: every later dead letter would fail the same way.
func (rp *replayer) replayAll(ctx context.Context, sources []replaySource, stdin io.Reader) runResult {
	rp.res.objects = len(sources)
	s3c := &lazyS3{}
	for i, src := range sources {
		if ctx.Err() != nil || rp.res.stopped != nil {
			rp.res.notStarted = len(sources) - i
			break
		}
		err := src.each(ctx, stdin, s3c, rp.progress, func(name string, r io.Reader) error {
			return rp.replayObject(ctx, name, r)
		})
		// Settle the source's last records before judging it, so that a
		// failure of the sink is seen as such.
		closeErr := rp.closeStream()
		switch {
		case rp.res.stopped != nil:
		case closeErr != nil:
			rp.judge(closeErr)
		case err != nil:
			rp.judge(err)
		}
	}
	rp.progress.finish()
	return rp.res
}

// judge classifies the error that ended a source, as processAll does for
// objects.
func (rp *replayer) judge(err error) {
	var fatal *siem.FatalError
	switch {
	case rp.res.total.Unsettled() != 0 || errors.As(err, &fatal):
		rp.res.stopped = err
		rp.progress.note(fmt.Sprintf("stopped: %v", err))
	case errors.Is(err, context.Canceled):
		rp.res.partial++
		rp.progress.note(fmt.Sprintf("interrupted: %v", err))
	default:
		rp.res.failed++
		rp.progress.note(fmt.Sprintf("error: %v", err))
	}
}

// replayObject replays the dead letters of one file or S3 object.
func (rp *replayer) replayObject(ctx context.Context, name string, r io.Reader) error {
	dr, _, err := parser.Decompress(r)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	lines := newLetterLines(dr, maxLetterBytes)
	for {
		if err := context.Cause(ctx); err != nil {
			return fmt.Errorf("%s: stopped after line %d: %w", name, lines.number, err)
		}
		line, err := lines.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: reading line %d: %w (the dead letters before it were replayed)", name, lines.number+1, err)
		}
		if err := rp.replayLine(ctx, name, line); err != nil {
			return err
		}
	}
}

// replayLine replays one dead letter, or dead-letters it again when it
// cannot be replayed. An error stops the run: the output failed, or ctx
// ended.
func (rp *replayer) replayLine(ctx context.Context, source string, line sourceLine) error {
	if line.size > int64(len(line.data)) {
		return rp.deadLetter(siem.DeadLetter{
			Position: siem.Position{Object: siem.Object{Key: source}, Record: line.number, Line: line.number, Offset: line.offset},
			Reason: fmt.Sprintf("%s line %d is not a dead letter: it is %d bytes long, more than any dead letter (%d bytes); its first %d bytes are kept here",
				source, line.number, line.size, maxLetterBytes, len(line.data)),
			Raw:  line.data,
			Size: line.size,
		})
	}
	l, err := parseLetter(&rp.json, line.data)
	if err != nil {
		return rp.deadLetter(siem.DeadLetter{
			Position: siem.Position{Object: siem.Object{Key: source}, Record: line.number, Line: line.number, Offset: line.offset},
			Reason:   fmt.Sprintf("%s line %d is not a dead letter (%v); the line is kept here as it was", source, line.number, err),
			Raw:      line.data,
		})
	}
	lt := rp.override
	if lt == nil {
		var ok bool
		if lt, ok = rp.reg.Lookup(l.typeName); !ok {
			return rp.deadLetter(siem.DeadLetter{
				Position: l.pos,
				Type:     l.typeName,
				Reason:   fmt.Sprintf("cannot replay: unknown log type %q (from %s line %d); replay it with --type NAME (run 'siem types' to list the types)", l.typeName, source, line.number),
				Raw:      l.raw,
				Size:     l.size,
			})
		}
	}
	if l.size > int64(len(l.raw)) {
		return rp.deadLetter(siem.DeadLetter{
			Position: l.pos,
			Type:     l.typeName,
			Reason: fmt.Sprintf("cannot replay: the record is %d bytes long but only its first %d were kept when it was dead-lettered (it was over the record size limit); take it from %s at offset %d (from %s line %d)",
				l.size, len(l.raw), l.pos.Object, l.pos.Offset, source, line.number),
			Raw:  l.raw,
			Size: l.size,
		})
	}
	s, err := rp.streamFor(ctx, streamKey{obj: l.pos.Object, typeName: lt.Info().Name}, lt)
	if err != nil {
		return err
	}
	rp.positions.add(l.pos)
	if err := s.Add(l.raw); err != nil {
		rp.positions.unadd()
		return err
	}
	return nil
}

// deadLetter writes a dead letter that could not be replayed and counts
// it as read and dead-lettered. Its failure is the dead-letter output's,
// which stops the run.
func (rp *replayer) deadLetter(dl siem.DeadLetter) error {
	rp.res.total.Read++
	if err := rp.dlq.DeadLetter(context.Background(), dl); err != nil {
		rp.res.stopped = err
		rp.progress.note(fmt.Sprintf("stopped: %v", err))
		return err
	}
	rp.res.total.DeadLettered++
	return nil
}

// streamFor returns the stream for key, closing the previous one when it
// was for another object or type. Dead letters of one object come
// together, so streams are few; a key seen again later gets a new stream,
// with the same ids.
func (rp *replayer) streamFor(ctx context.Context, key streamKey, lt siem.LogType) (*siem.Stream, error) {
	if rp.stream != nil && rp.streamKey == key {
		return rp.stream, nil
	}
	if err := rp.closeStream(); err != nil {
		return nil, err
	}
	rp.positions.reset()
	s, err := rp.p.OpenStream(ctx, lt, key.obj, siem.RunOptions{OnAck: rp.positions.settled})
	if err != nil {
		return nil, err
	}
	rp.stream, rp.streamKey = s, key
	return s, nil
}

// closeStream settles the records of the open stream and adds its counts.
func (rp *replayer) closeStream() error {
	if rp.stream == nil {
		return nil
	}
	counts, err := rp.stream.Close()
	rp.stream = nil
	rp.res.total.Add(counts)
	return err
}
